//! Print-ready PDF handouts: each handout is typeset ([`crate::typeset`]) and the pages
//! exported by [`export`], a pure function of the typeset document and its faces.
//!
//! Export: [`draw`] (pages → printpdf, subset fonts, pictures as image XObjects, link
//! annotations; [`content`] writes each page's content stream, marked content numbered per
//! page) → [`finish`] (lopdf: the pages' content, [`tags`] for the structure tree, [`info`]
//! and [`xmp`] metadata, outline, names, compression by [`deflate`], the file identifier). The y-axis
//! is turned the PDF's way up in one place, [`Flip`].

pub mod booklets;
pub mod content;
pub mod deflate;
pub mod draw;
pub mod finish;
pub mod info;
pub mod tags;
pub mod xmp;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::document::InlineKind;
use crate::content::{front_matter, Handout};
use crate::diagnostic::{Diagnostic, Level};
use crate::error::Error;
use crate::fonts::FontBook;
use crate::lints::PAGE_FIT;
use crate::picture::Picture;
use crate::render::front::{labels, read_picture};
use crate::render::{Output, RenderContext};
use crate::typeset::paged::{Info, Paged, Shortfall, Size};
use crate::typeset::style::Style;
use crate::typeset::{self, footer};

/// Renders every handout as `pdf/<slug>.pdf` and every booklet under `pdf/booklets/`, in
/// parallel; the bytes do not depend on the number of threads.
pub fn render(ctx: &RenderContext<'_>) -> Result<Vec<Output>, Error> {
    let style = Style::load(ctx.layouts, &ctx.config.layout)?;
    if !style.fits(ctx.config.paper) {
        return Err(Error::Template(format!(
            "layouts/pdf/{}.yaml: the margins leave too little room for text on this paper",
            ctx.config.layout
        )));
    }
    let (handouts, booklets) = rayon::join(
        || {
            ctx.handouts
                .par_iter()
                .map(|handout| {
                    Ok(Output {
                        path: PathBuf::from(format!("pdf/{}.pdf", handout.slug)),
                        bytes: handout_pdf(handout, &style, ctx)?,
                    })
                })
                .collect::<Result<Vec<_>, Error>>()
        },
        || booklets::render(ctx, &style),
    );
    let mut outputs = handouts?;
    outputs.extend(booklets?);
    Ok(outputs)
}

/// What an exported file says besides its pages.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Seconds since the epoch for its creation and modification dates.
    pub timestamp: i64,
    /// Tagged for screen readers and claiming PDF/UA-1; off for a print file, which only
    /// places pages on sheets.
    pub tagged: bool,
}

/// The PDF of `paged`, set in `fonts`.
pub fn export(paged: &Paged, fonts: &FontBook, options: &Options) -> Result<Vec<u8>, Error> {
    let (drawn, contents) = draw::draw(paged, fonts)?;
    let mut warnings = Vec::new();
    let save = printpdf::PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    // The content streams are compressed while printpdf makes the document's objects.
    let (contents, lopdf) = rayon::join(
        || deflate::each(contents),
        || drawn.doc.to_lopdf_document(&save, &mut warnings),
    );
    let drawing = finish::Drawing {
        marks: &drawn.marks,
        fonts: &drawn.fonts,
        contents,
    };
    finish::finish(lopdf, paged, drawing, fonts, options)
}

/// The y-axis turned the PDF's way: typeset pages measure down from the top, PDF up from
/// the foot.
#[derive(Debug, Clone, Copy)]
pub struct Flip {
    /// Height of the page (or group) measured in.
    pub height: f32,
}

impl Flip {
    /// The PDF height of a point `y` below the top.
    pub fn y(self, y: f32) -> f32 {
        self.height - y
    }

    /// The PDF height of the foot of a box `h` tall whose top is `y` below the top.
    pub fn foot(self, y: f32, h: f32) -> f32 {
        self.height - y - h
    }
}

/// Typesets and exports one handout.
fn handout_pdf(
    handout: &Handout,
    style: &Style,
    ctx: &RenderContext<'_>,
) -> Result<Vec<u8>, Error> {
    let (width, height) = Style::page_size(ctx.config.paper);
    let mut paged = typeset_handout(handout, style, (Size { width, height }, None), ctx)?;
    if let Some(shortfall) = paged.shortfall {
        ctx.note(page_fit(handout, shortfall));
    }
    let organization = ctx.config.organization.as_ref();
    footer::furnish(&mut paged, style, ctx.fonts, |page, pages| {
        ctx.layouts.footer(handout, organization, (page, pages))
    })?;
    let options = Options {
        timestamp: ctx.timestamp,
        tagged: true,
    };
    export(&paged, ctx.fonts, &options)
}

/// The note for a handout that could not be set on the pages it asks for, at its `fit:`
/// (or its first line, when the layout asks).
fn page_fit(handout: &Handout, shortfall: Shortfall) -> Diagnostic {
    let (message, hint) = match shortfall {
        Shortfall::Over { pages, lines } => (
            format!(
                "this handout does not fit on {pages} page{}: at the tightest spacing the layout allows, about {lines} lines run past it",
                plural(pages)
            ),
            format!("shorten it by about {lines} lines, or ask for {} pages", pages + 1),
        ),
        Shortfall::Under { pages, lines } => (
            format!(
                "this handout does not fill {pages} pages: spaced out as far as the layout allows, about {lines} more lines would reach the last"
            ),
            format!("add about {lines} lines, or ask for fewer pages"),
        ),
    };
    let text = &handout.source.text;
    let front = front_matter::split(text).map_or(0, |split| split.body_start);
    let span = text[..front]
        .match_indices("fit:")
        .map(|(at, key)| at..at + key.len())
        .find(|span| span.start == 0 || text[..span.start].ends_with('\n'));
    match span {
        Some(span) => Diagnostic::at(PAGE_FIT, Level::Note, &handout.source, span, message),
        None => Diagnostic::in_file(PAGE_FIT, Level::Note, &handout.source.path, 1, message),
    }
    .with_hint(hint)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Typesets `handout` in `style` on pages of `page`, without footers, on `pages` pages if
/// given and possible (else on the pages it asks for).
fn typeset_handout(
    handout: &Handout,
    style: &Style,
    (page, pages): (Size, Option<usize>),
    ctx: &RenderContext<'_>,
) -> Result<Paged, Error> {
    let pictures = pictures(handout, ctx.root)?;
    let author = handout.meta.author.clone().or_else(|| {
        ctx.config
            .organization
            .as_ref()
            .and_then(|o| o.name.clone())
    });
    let info = Info {
        title: handout.title.clone(),
        subject: handout.summary().map(str::to_owned),
        author,
        lang: handout.lang.clone(),
    };
    let labels = labels(ctx, style, &handout.lang)?;
    let typesetting = typeset::Context {
        style,
        fonts: ctx.fonts,
        page,
        labels: &labels,
    };
    Ok(typeset::handout_on(
        handout,
        &typesetting,
        &pictures,
        info,
        pages,
    ))
}

/// Reads and decodes every picture of a handout, by its URL as written. Pictures are found
/// through [`assets::resolve_image`] (inside the project, never remote); the `image-path`
/// lint has already refused the others, so a refusal here is an error, not a diagnostic.
fn pictures(handout: &Handout, root: &Path) -> Result<BTreeMap<String, Arc<Picture>>, Error> {
    let mut urls = Vec::new();
    handout.document.walk_inlines(&mut |inline| {
        if let InlineKind::Image { url, .. } = &inline.kind {
            urls.push((url.clone(), inline.span.clone()));
        }
    });
    let mut found = BTreeMap::new();
    for (url, span) in urls {
        if found.contains_key(&url) {
            continue;
        }
        let (line, column) = handout.source.line_col(span.start);
        let place = format!("{}:{line}:{column}", handout.source.path.display());
        let picture = read_picture(root, &handout.source.path, &url, &place)?;
        found.insert(url, Arc::new(picture));
    }
    Ok(found)
}
