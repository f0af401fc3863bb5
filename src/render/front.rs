//! The front of a booklet, shared by the formats that bind handouts: the page it is set on,
//! the words around its handouts and what its cover shows. The PDF booklet prints the cover;
//! the EPUB booklet shows the same cover as its cover image.

use std::path::Path;
use std::sync::Arc;

use crate::assets;
use crate::config::{BookletSize, FILE_NAME};
use crate::error::Error;
use crate::labels::Labels;
use crate::lang::Lang;
use crate::picture::{self, Picture};
use crate::project::Plan;
use crate::typeset::booklet::{Binding, Cover};
use crate::typeset::paged::{Info, Size};
use crate::typeset::style::Style;

use super::RenderContext;

/// A booklet's page and cover, worked out once per booklet.
pub struct Front {
    /// The style of the booklet's pages.
    pub style: Style,
    /// How far a page with its spine on the right moves left.
    pub shift: f32,
    /// The booklet's page size.
    pub page: Size,
    /// The booklet's language.
    pub lang: Lang,
    /// The words around its handouts.
    pub labels: Labels,
    /// The cover picture.
    picture: Option<Arc<Picture>>,
    /// The date on the cover.
    date: Option<String>,
}

impl Front {
    /// The front of `plan`'s booklet of `size` in the layout `style`.
    pub fn new(
        plan: &Plan<'_>,
        style: &Style,
        size: BookletSize,
        ctx: &RenderContext<'_>,
    ) -> Result<Front, Error> {
        let (style, shift) = style.for_booklet(size);
        let (width, height) = Style::booklet_page(ctx.config.paper, size);
        if !style.fits_page(width, height) {
            return Err(Error::Template(format!(
                "layouts/pdf/{}.yaml: the booklet margins leave too little room for text on its pages",
                ctx.config.layout
            )));
        }
        let lang = Lang::parse(plan.language(&ctx.config.language));
        let labels = labels(ctx, &style, &lang)?;
        let picture = match &plan.print.cover {
            Some(reference) => {
                let place = format!("{FILE_NAME}: booklet `{}`: cover", plan.id);
                let picture = read_picture(ctx.root, Path::new(FILE_NAME), reference, &place)?;
                Some(Arc::new(picture))
            }
            None => None,
        };
        let reviewed = plan
            .handouts
            .iter()
            .filter_map(|h| h.meta.reviewed.as_deref())
            .max()
            .map(|date| format!("{} {date}", labels.reviewed));
        Ok(Front {
            style,
            shift,
            page: Size { width, height },
            lang,
            labels,
            picture,
            date: plan.print.date.clone().or(reviewed),
        })
    }

    /// What the cover of `plan`'s booklet shows.
    pub fn cover<'a>(&'a self, plan: &'a Plan<'_>, ctx: &'a RenderContext<'_>) -> Cover<'a> {
        Cover {
            title: &plan.title,
            subtitle: plan.print.subtitle.as_deref(),
            organization: ctx.config.organization.as_ref(),
            date: self.date.as_deref(),
            picture: self.picture.clone(),
        }
    }

    /// How the booklet is bound, `folded` or not.
    pub fn binding<'a>(&'a self, ctx: &'a RenderContext<'_>, folded: bool) -> Binding<'a> {
        Binding {
            style: &self.style,
            fonts: ctx.fonts,
            page: self.page,
            labels: &self.labels,
            lang: &self.lang,
            folded,
            shift: self.shift,
        }
    }

    /// What the booklet is, for its metadata, with `subject`.
    pub fn info(&self, plan: &Plan<'_>, ctx: &RenderContext<'_>, subject: Option<String>) -> Info {
        Info {
            title: plan.title.clone(),
            subject,
            author: ctx
                .config
                .organization
                .as_ref()
                .and_then(|o| o.name.clone()),
            lang: self.lang.clone(),
        }
    }
}

/// The words around a handout's own in `lang`, with the section headings `style` sets.
pub fn labels(ctx: &RenderContext<'_>, style: &Style, lang: &Lang) -> Result<Labels, Error> {
    let mut labels = ctx.layouts.labels(lang)?;
    if let Some(set) = &style.labels {
        labels.notes = set.notes.clone().unwrap_or(labels.notes);
        labels.links = set.links.clone().unwrap_or(labels.links);
    }
    Ok(labels)
}

/// Reads and decodes the picture at `reference`, written in the file `written_in` (a path
/// inside the project), where `place` says in messages.
pub fn read_picture(
    root: &Path,
    written_in: &Path,
    reference: &str,
    place: &str,
) -> Result<Picture, Error> {
    let fail = |why: String| Error::Usage(format!("{place}: image `{reference}`: {why}"));
    let image = assets::resolve_image(root, written_in, reference)
        .map_err(|refusal| Error::Usage(format!("{place}: {}", refusal.message(reference))))?;
    let bytes = std::fs::read(&image.path).map_err(|e| fail(e.to_string()))?;
    picture::decode(&bytes).map_err(fail)
}
