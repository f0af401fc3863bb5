//! Typesetting: a handout → [`Paged`], pages of positioned items as plain data, which
//! [`crate::render::pdf`] then exports.
//!
//! [`inline`] sets running text (words shaped whole by [`crate::fonts`], spaces and breaks,
//! lines chosen by [`linebreak`]'s total fit with [`hyphenate`], and
//! [`unspaced`]'s breaks in scripts written without spaces; [`bidi`] levels resolved before
//! the breaking and each line put in visual order after) → [`flow`] lays the blocks
//! out as a flow of bands with keep rules and builds the [`structure`] tree (a right-to-left
//! handout is laid out from its start edge, then mirrored) → [`fit`] tightens the flow when
//! that saves a nearly empty last page → [`paginate`] cuts the flow into pages and places the
//! bookmarks → [`footer`] adds the page furniture. [`booklet`] binds typeset handouts into a
//! booklet and [`impose`] places a booklet's pages on sheets for printing.
//! Every value of the look comes from the layout file read by [`style`].

pub mod bidi;
pub mod booklet;
pub mod fit;
pub mod flow;
pub mod footer;
pub mod hyphenate;
pub mod impose;
pub mod inline;
pub mod linebreak;
pub mod paged;
pub mod paginate;
pub mod structure;
pub mod style;
pub mod unspaced;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::content::Handout;
use crate::fonts::FontBook;
use crate::labels::Labels;
use crate::picture::Picture;

use paged::{Info, Page, Paged, Size};
use style::Style;

/// What a handout is typeset with.
pub struct Context<'a> {
    /// The look.
    pub style: &'a Style,
    /// The faces.
    pub fonts: &'a FontBook,
    /// The page size.
    pub page: Size,
    /// The words added around the handout's own, in its language.
    pub labels: &'a Labels,
}

/// Typesets `handout` on pages of `ctx.page`, showing `pictures` (decoded, by their URL as
/// written), described by `info`, on the number of pages it asks for, if any. The pages have
/// no footer yet: [`footer::furnish`] adds it.
pub fn handout(
    handout: &Handout,
    ctx: &Context<'_>,
    pictures: &BTreeMap<String, Arc<Picture>>,
    info: Info,
) -> Paged {
    handout_on(handout, ctx, pictures, info, None)
}

/// [`handout`] on `pages` pages if given and possible, else on the pages it asks for.
pub fn handout_on(
    handout: &Handout,
    ctx: &Context<'_>,
    pictures: &BTreeMap<String, Arc<Picture>>,
    info: Info,
    pages: Option<usize>,
) -> Paged {
    let m = ctx.style.margins;
    let frame = flow::Frame {
        measure: ctx.page.width - m.left - m.right,
        height: ctx.page.height - m.top - m.bottom,
        pictures,
    };
    let mut flow = flow::lay_out(handout, ctx.style, ctx.fonts, ctx.labels, &frame);
    let tree = std::mem::take(&mut flow.tree);
    let shown: Vec<Arc<Picture>> = flow
        .pictures
        .iter()
        .filter_map(|url| pictures.get(url).cloned())
        .collect();
    let mut area = paginate::Area {
        left: m.left,
        top: m.top,
        height: frame.height,
        shortened: None,
    };
    let body = ctx.style.body;
    let line = body.size * body.leading;
    let pages = pages
        .or(handout.meta.fit.map(|f| f.pages))
        .or(ctx.style.fit.pages);
    let shortfall = fit::fit(
        &mut flow,
        &mut area,
        &ctx.style.fit,
        (body.leading, line),
        pages,
    );
    let (pages, outline) = paginate::paginate(flow, area);
    Paged {
        pages: pages
            .into_iter()
            .map(|items| Page {
                size: ctx.page,
                items,
                furniture: Vec::new(),
            })
            .collect(),
        tree,
        outline,
        info,
        pictures: shown,
        shortfall,
    }
}
