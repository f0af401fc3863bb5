//! Saddle-stitch imposition: a bound booklet's finished pages placed two to a side of
//! sheets twice as wide, in the order that folds into the booklet. Nothing is laid out
//! again: each page becomes a [`Item::Group`] on its sheet.
//!
//! For `P` pages (padded to a multiple of four with blank pages before the back cover) and
//! sheet `s` from 0, the front shows pages `P − 2s` (left) and `2s + 1` (right), the back
//! `2s + 2` (left) and `P − 2s − 1` (right); a right-to-left booklet, bound on the right,
//! swaps the halves. For printers that turn the sheet on its long edge the backs are
//! turned by 180°. Creep moves the pages of each sheet further toward the spine, from
//! nothing on the outermost sheet. The print file is for printing only: nothing in it is
//! tagged, and its links are left out.

use crate::config::Duplex;

use super::paged::{Info, Item, Page, Paged, Size, Transform};
use super::style::Color;

/// How the sheets are made.
#[derive(Debug, Clone, Copy)]
pub struct Imposing {
    /// The edge the printer turns sheets on.
    pub duplex: Duplex,
    /// How far each sheet's pages move toward the spine, per sheet from the outermost, in
    /// points.
    pub creep: f32,
    /// Draw a fold mark at the spine, and trim marks at the fore-edges where creep moves them.
    pub marks: bool,
    /// Bound on the right (a right-to-left booklet).
    pub rtl: bool,
}

/// Length of a fold or trim mark, in points.
const MARK: f32 = 14.0;
/// Thickness of a mark, in points.
const MARK_WIDTH: f32 = 0.5;

/// The order the pages of a booklet of `count` pages are printed in, two to a side, sides
/// in sheet order (front, back): `None` for a blank page added before the back cover.
pub fn saddle_order(count: usize) -> Vec<[Option<usize>; 2]> {
    let padded = count.div_ceil(4).max(1) * 4;
    // The reading order with the blanks in place: before the back cover (the last page).
    let mut pages: Vec<Option<usize>> = (0..count).map(Some).collect();
    let at = count.saturating_sub(1).max(1.min(count));
    for _ in count..padded {
        pages.insert(at, None);
    }
    let page = |n: usize| pages.get(n - 1).copied().flatten();
    let mut sides = Vec::with_capacity(padded / 2);
    for s in 0..padded / 4 {
        sides.push([page(padded - 2 * s), page(2 * s + 1)]);
        sides.push([page(2 * s + 2), page(padded - 2 * s - 1)]);
    }
    sides
}

/// The print file of `booklet`: its pages imposed for saddle stitching, described by `info`.
pub fn saddle(booklet: &Paged, how: &Imposing, info: Info) -> Paged {
    let page = booklet.pages.first().map_or(Size::default(), |p| p.size);
    let sheet = Size {
        width: 2.0 * page.width,
        height: page.height,
    };
    let turned = Transform {
        matrix: [-1.0, 0.0, 0.0, -1.0, sheet.width, sheet.height],
    };
    let sides = saddle_order(booklet.pages.len());
    let pages = sides
        .iter()
        .enumerate()
        .map(|(i, halves)| {
            let sheet_index = i / 2;
            let back = i % 2 == 1;
            let shift = how.creep * sheet_index as f32;
            let mut items = Vec::new();
            let mut halves = *halves;
            if how.rtl {
                halves.reverse();
            }
            for (half, shown) in halves.iter().enumerate() {
                // The left page moves right, toward the spine; the right page left.
                let x = if half == 0 { shift } else { page.width - shift };
                let mut transform = Transform::translate(x, 0.0);
                if back && how.duplex == Duplex::Long {
                    transform = turned.then(&transform);
                }
                if let Some(shown) = shown.and_then(|n| booklet.pages.get(n)) {
                    items.push(Item::Group {
                        transform,
                        size: page,
                        items: printable(shown),
                    });
                }
            }
            if how.marks {
                items.extend(marks(sheet, page, shift));
            }
            Page {
                size: sheet,
                items,
                furniture: Vec::new(),
            }
        })
        .collect();
    Paged {
        pages,
        tree: Default::default(),
        outline: Vec::new(),
        info,
        pictures: booklet.pictures.clone(),
        shortfall: None,
    }
}

/// What a page prints: its items and footer, untagged, without link areas.
fn printable(page: &Page) -> Vec<Item> {
    fn strip(items: &[Item]) -> Vec<Item> {
        items
            .iter()
            .filter(|item| !matches!(item, Item::Link { .. }))
            .map(|item| match item {
                Item::Group {
                    transform,
                    size,
                    items,
                } => Item::Group {
                    transform: *transform,
                    size: *size,
                    items: strip(items),
                },
                other => other.clone().untagged(),
            })
            .collect()
    }
    let mut items = strip(&page.items);
    items.extend(strip(&page.furniture));
    items
}

/// The fold mark at the spine, top and bottom, and trim marks where creep has moved the
/// fore-edges in from the sheet's edges.
fn marks(sheet: Size, page: Size, shift: f32) -> Vec<Item> {
    let black = Color([0.0; 3]);
    let tick = |x: f32| {
        [0.0, sheet.height - MARK].map(|y| Item::Fill {
            x: x - MARK_WIDTH / 2.0,
            y,
            w: MARK_WIDTH,
            h: MARK,
            color: black,
        })
    };
    let mut items = tick(page.width).to_vec();
    if shift >= 1.0 {
        items.extend(tick(shift));
        items.extend(tick(sheet.width - shift));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Page numbers from 1, 0 for a blank.
    fn numbers(count: usize) -> Vec<[usize; 2]> {
        saddle_order(count)
            .into_iter()
            .map(|side| side.map(|p| p.map_or(0, |p| p + 1)))
            .collect()
    }

    #[test]
    fn eight_pages_fold_into_two_sheets() {
        assert_eq!(numbers(8), vec![[8, 1], [2, 7], [6, 3], [4, 5]]);
    }

    #[test]
    fn blanks_go_before_the_back_cover() {
        // Six pages: 1–5, two blanks, the back cover (6) as page 8.
        assert_eq!(numbers(6), vec![[6, 1], [2, 0], [0, 3], [4, 5]]);
        assert_eq!(numbers(1), vec![[0, 1], [0, 0]]);
        assert_eq!(numbers(4), vec![[4, 1], [2, 3]]);
    }
}
