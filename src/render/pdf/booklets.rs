//! Print booklets: every booklet listed in handout.yaml as `pdf/booklets/<id>.pdf` in
//! reading order (cover, contents, its handouts, tagged like the handouts), and, when it is
//! folded and stapled, `pdf/booklets/<id>.print.pdf`, the same pages imposed two to a side
//! for a duplex printer (untagged, for printing only).

use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Imposition;
use crate::error::Error;
use crate::lang::Direction;
use crate::project::Plan;
use crate::render::front::Front;
use crate::render::{Output, RenderContext};
use crate::typeset::booklet::{self, Chapter};
use crate::typeset::impose::{self, Imposing};
use crate::typeset::paged::Paged;
use crate::typeset::style::Style;

use super::{export, typeset_handout, Options};

/// Binds every booklet listed in handout.yaml, in parallel (a project without a list gets
/// none: printing every handout in one booklet is not what anyone asks for); the bytes do
/// not depend on the number of threads.
pub fn render(ctx: &RenderContext<'_>, style: &Style) -> Result<Vec<Output>, Error> {
    let per_booklet: Vec<Result<Vec<Output>, Error>> = ctx
        .booklets
        .par_iter()
        .filter(|plan| plan.listed)
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
    let front = Front::new(plan, style, print.size, ctx)?;
    let chapters = plan
        .handouts
        .par_iter()
        .map(|handout| {
            Ok(Chapter {
                title: handout.title.clone(),
                lang: handout.lang.clone(),
                paged: typeset_handout(handout, &front.style, (front.page, None), ctx)?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let imposition = print.settings.imposition(print.size);
    let folded = imposition == Imposition::SaddleStitch;
    let chapters = if folded {
        spare_blanks(chapters, plan, &front, ctx)?
    } else {
        chapters
    };
    let info = front.info(plan, ctx, print.subtitle.clone());
    let bound = booklet::bind(
        &front.cover(plan, ctx),
        chapters,
        &front.binding(ctx, folded),
        info,
    )?;
    let reading = format!("{}.pdf", plan.id);
    let tagged = Options {
        timestamp: ctx.timestamp,
        tagged: true,
    };
    if !folded {
        return Ok(vec![output(&reading, export(&bound, ctx.fonts, &tagged)?)]);
    }
    let how = Imposing {
        duplex: print.settings.duplex,
        creep: print.settings.creep.0,
        marks: print.settings.marks,
        rtl: front.lang.direction() == Direction::Rtl,
    };
    let subject = format!(
        "Print file: the pages of {reading} imposed two to a side for a folded, stapled \
         booklet. Print double-sided at 100%. For reading on screen, use {reading}."
    );
    let sheets = impose::saddle(&bound, &how, front.info(plan, ctx, Some(subject)));
    let untagged = Options {
        tagged: false,
        ..tagged
    };
    let (read, printed) = rayon::join(
        || export(&bound, ctx.fonts, &tagged),
        || export(&sheets, ctx.fonts, &untagged),
    );
    Ok(vec![
        output(&reading, read?),
        output(&format!("{}.print.pdf", plan.id), printed?),
    ])
}

/// Chapters of a folded booklet set a page shorter where that spares the blank pages which
/// pad it to a multiple of four: each round, every chapter of two pages or more is set on
/// one page fewer (within the layout's fit bounds), and the one that shortens the booklet
/// most is kept; at most three rounds, as three blanks is the most there can be.
fn spare_blanks<'a>(
    mut chapters: Vec<Chapter>,
    plan: &Plan<'a>,
    front: &Front,
    ctx: &RenderContext<'_>,
) -> Result<Vec<Chapter>, Error> {
    let cover = front.cover(plan, ctx);
    let binding = front.binding(ctx, true);
    for _ in 0..3 {
        let counts: Vec<usize> = chapters.iter().map(|c| c.paged.pages.len()).collect();
        let (total, blanks) = booklet::pages(&cover, &chapters, &counts, &binding);
        if blanks == 0 {
            break;
        }
        // The chapters whose page fewer would shorten the booklet, and what it would come to.
        let worth: Vec<(usize, usize)> = (0..chapters.len())
            .filter(|&i| counts[i] >= 2)
            .filter_map(|i| {
                let mut shorter = counts.clone();
                shorter[i] -= 1;
                let (pages, _) = booklet::pages(&cover, &chapters, &shorter, &binding);
                (pages < total).then_some((i, pages))
            })
            .collect();
        let tried: Vec<Option<(usize, usize, Paged)>> = worth
            .par_iter()
            .map(|&(i, pages)| {
                let wanted = counts[i] - 1;
                let paged = typeset_handout(
                    plan.handouts[i],
                    &front.style,
                    (front.page, Some(wanted)),
                    ctx,
                )?;
                let fits = paged.pages.len() == wanted && paged.shortfall.is_none();
                Ok(fits.then_some((pages, i, paged)))
            })
            .collect::<Result<_, Error>>()?;
        let best = tried
            .into_iter()
            .flatten()
            .min_by_key(|(pages, i, _)| (*pages, *i));
        match best {
            Some((_, i, paged)) => chapters[i].paged = paged,
            None => break,
        }
    }
    Ok(chapters)
}

fn output(name: &str, bytes: Vec<u8>) -> Output {
    Output {
        path: PathBuf::from("pdf/booklets").join(name),
        bytes,
    }
}
