//! Print booklets: every booklet of the plan as `pdf/booklets/<id>.pdf` in reading order
//! (cover, contents, its handouts, tagged like the handouts), and, when it is folded and
//! stapled, `pdf/booklets/<id>.print.pdf`, the same pages imposed two to a side for a duplex
//! printer (untagged, for printing only).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Imposition, FILE_NAME};
use crate::error::Error;
use crate::lang::{Direction, Lang};
use crate::project::Plan;
use crate::render::{Output, RenderContext};
use crate::typeset::booklet::{self, Binding, Chapter, Cover};
use crate::typeset::impose::{self, Imposing};
use crate::typeset::paged::{Info, Size};
use crate::typeset::style::Style;

use super::{export, labels, read_picture, typeset_handout, Options};

/// Binds every booklet, in parallel; the bytes do not depend on the number of threads.
pub fn render(ctx: &RenderContext<'_>, style: &Style) -> Result<Vec<Output>, Error> {
    let per_booklet: Vec<Result<Vec<Output>, Error>> = ctx
        .booklets
        .par_iter()
        .map(|plan| booklet(plan, style, ctx))
        .collect();
    let mut outputs = Vec::new();
    for result in per_booklet {
        outputs.extend(result?);
    }
    Ok(outputs)
}

/// The reading-order file of one booklet and, when it is imposed, its print file.
fn booklet(plan: &Plan<'_>, style: &Style, ctx: &RenderContext<'_>) -> Result<Vec<Output>, Error> {
    let print = &plan.print;
    let (style, shift) = style.for_booklet(print.size);
    let (width, height) = Style::booklet_page(ctx.config.paper, print.size);
    if !style.fits_page(width, height) {
        return Err(Error::Template(format!(
            "layouts/pdf/{}.yaml: the booklet margins leave too little room for text on its pages",
            ctx.config.layout
        )));
    }
    let page = Size { width, height };
    let chapters = plan
        .handouts
        .par_iter()
        .map(|handout| {
            Ok(Chapter {
                title: handout.title.clone(),
                lang: handout.lang.clone(),
                paged: typeset_handout(handout, &style, page, ctx)?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let lang = Lang::parse(plan.language(&ctx.config.language));
    let labels = labels(ctx, &style, &lang)?;
    let picture = match &print.cover {
        Some(reference) => {
            let place = format!("{FILE_NAME}: booklet `{}`: cover", plan.id);
            let picture = read_picture(ctx.root, Path::new(FILE_NAME), reference, &place)?;
            Some(std::sync::Arc::new(picture))
        }
        None => None,
    };
    let reviewed = plan
        .handouts
        .iter()
        .filter_map(|h| h.meta.reviewed.as_deref())
        .max()
        .map(|date| format!("{} {date}", labels.reviewed));
    let organization = ctx.config.organization.as_ref();
    let cover = Cover {
        title: &plan.title,
        subtitle: print.subtitle.as_deref(),
        organization,
        date: print.date.as_deref().or(reviewed.as_deref()),
        picture,
    };
    let imposition = print.settings.imposition(print.size);
    let binding = Binding {
        style: &style,
        fonts: ctx.fonts,
        page,
        labels: &labels,
        lang: &lang,
        folded: imposition == Imposition::SaddleStitch,
        shift,
    };
    let author = organization.and_then(|o| o.name.clone());
    let info = Info {
        title: plan.title.clone(),
        subject: print.subtitle.clone(),
        author: author.clone(),
        lang: lang.clone(),
    };
    let bound = booklet::bind(&cover, chapters, &binding, info)?;
    let reading = format!("{}.pdf", plan.id);
    let tagged = Options {
        timestamp: ctx.timestamp,
        tagged: true,
    };
    let mut outputs = Vec::with_capacity(2);
    if imposition == Imposition::SaddleStitch {
        let how = Imposing {
            duplex: print.settings.duplex,
            creep: print.settings.creep.0,
            marks: print.settings.marks,
            rtl: lang.direction() == Direction::Rtl,
        };
        let info = Info {
            title: plan.title.clone(),
            subject: Some(format!(
                "Print file: the pages of {reading} imposed two to a side for a folded, \
                 stapled booklet. Print double-sided at 100%. For reading on screen, use {reading}."
            )),
            author,
            lang,
        };
        let sheets = impose::saddle(&bound, &how, info);
        let untagged = Options {
            tagged: false,
            ..tagged
        };
        let (read, printed) = rayon::join(
            || export(&bound, ctx.fonts, &tagged),
            || export(&sheets, ctx.fonts, &untagged),
        );
        outputs.push(output(&reading, read?));
        outputs.push(output(&format!("{}.print.pdf", plan.id), printed?));
    } else {
        outputs.push(output(&reading, export(&bound, ctx.fonts, &tagged)?));
    }
    Ok(outputs)
}

fn output(name: &str, bytes: Vec<u8>) -> Output {
    Output {
        path: PathBuf::from("pdf/booklets").join(name),
        bytes,
    }
}
