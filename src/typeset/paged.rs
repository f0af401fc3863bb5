//! A typeset document as plain data: pages of positioned items, the structure tree they
//! belong to, the outline and the document's facts. Everything [`crate::render::pdf`]
//! exports, and nothing about how a PDF writes it.
//!
//! Coordinates are points from the top-left corner of the page (y grows downwards); text is
//! placed by the left end of its baseline, everything else by its top-left corner.

use std::sync::Arc;

use crate::fonts::Glyph;
use crate::lang::Lang;
use crate::picture::Picture;

use super::structure::{ElemId, Tree};
use super::style::Color;

/// A typeset document.
#[derive(Debug, Clone)]
pub struct Paged {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// The structure every tagged item refers to.
    pub tree: Tree,
    /// Bookmarks, in reading order.
    pub outline: Vec<Bookmark>,
    /// What the document is.
    pub info: Info,
    /// The pictures its [`Item::Image`]s show, by index.
    pub pictures: Vec<Arc<Picture>>,
    /// The number of pages asked for and not reached, if any.
    pub shortfall: Option<Shortfall>,
}

/// What fitting could not do: a handout asked for `pages` pages and takes more, or fewer,
/// however its spacing is set within the layout's bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortfall {
    /// At the tightest setting, about `lines` lines still run past the last page asked for.
    Over {
        /// The pages asked for.
        pages: usize,
        /// Lines too many.
        lines: usize,
    },
    /// At the loosest setting, about `lines` more lines would reach the last page asked for.
    Under {
        /// The pages asked for.
        pages: usize,
        /// Lines too few.
        lines: usize,
    },
}

/// One page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Width and height in points.
    pub size: Size,
    /// What the page shows, in reading order.
    pub items: Vec<Item>,
    /// Page furniture (the running footer): repeated on every page, never read as content.
    pub furniture: Vec<Item>,
}

/// Width and height, in points.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Size {
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// Something a page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Glyphs on a baseline.
    Text(TextRun),
    /// A filled rectangle (rules, underlines, shading, bars).
    Fill {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Colour.
        color: Color,
    },
    /// A picture, scaled into its box.
    Image {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Index of the picture in [`Paged::pictures`].
        picture: usize,
        /// Its `Figure` element; none for a picture without alt text (an artifact).
        elem: Option<ElemId>,
    },
    /// A clickable area.
    Link {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Where it leads.
        target: Target,
        /// Its `Link` element.
        elem: ElemId,
    },
    /// Items drawn in a space of their own (a page placed on a sheet), mapped onto the page
    /// by `transform`.
    Group {
        /// From the group's space to the page's.
        transform: Transform,
        /// The size of the group's space (its items' page).
        size: Size,
        /// Its items, in the group's coordinates.
        items: Vec<Item>,
    },
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A web address (or `mailto:`, `tel:`).
    Url(String),
    /// A place in the same document: a page (from 0) and the height below its top.
    Page {
        /// Page index, from 0.
        page: usize,
        /// Where the view opens, from the top of the page.
        y: f32,
    },
}

/// Glyphs in one face, size and colour on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left end of the baseline.
    pub x: f32,
    /// The baseline.
    pub y: f32,
    /// Size in points.
    pub size: f32,
    /// Fill colour.
    pub color: Color,
    /// The language of the text.
    pub lang: Lang,
    /// The glyphs, with their advances.
    pub glyphs: Vec<Glyph>,
    /// The structure element the text belongs to; none for decoration (an artifact).
    pub elem: Option<ElemId>,
    /// What text extraction reads instead, for part of a word broken across lines.
    pub actual: Option<String>,
}

/// An affine map of top-left coordinates: `x' = a·x + c·y + e`, `y' = b·x + d·y + f`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    /// The matrix `[a b c d e f]`.
    pub matrix: [f32; 6],
}

impl Transform {
    /// A shift by `dx` right and `dy` down.
    pub fn translate(dx: f32, dy: f32) -> Transform {
        Transform {
            matrix: [1.0, 0.0, 0.0, 1.0, dx, dy],
        }
    }

    /// No change.
    pub const IDENTITY: Transform = Transform {
        matrix: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
    };

    /// This map after `inner`: what maps `inner`'s space onto this one's target.
    pub fn then(&self, inner: &Transform) -> Transform {
        let [a, b, c, d, e, f] = self.matrix;
        let [a2, b2, c2, d2, e2, f2] = inner.matrix;
        Transform {
            matrix: [
                a * a2 + c * b2,
                b * a2 + d * b2,
                a * c2 + c * d2,
                b * c2 + d * d2,
                a * e2 + c * f2 + e,
                b * e2 + d * f2 + f,
            ],
        }
    }

    /// Where the point `(x, y)` lands.
    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.matrix;
        (a * x + c * y + e, b * x + d * y + f)
    }
}

/// A bookmark: a heading's level, text, page (from 0) and the height the view opens at.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// Heading level (1 for the title).
    pub level: u8,
    /// The heading's text.
    pub title: String,
    /// Page index, from 0.
    pub page: usize,
    /// Where the view opens, from the top of the page.
    pub y: f32,
}

/// What the document is, for its metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    /// The title.
    pub title: String,
    /// The summary.
    pub subject: Option<String>,
    /// The author or publishing organisation.
    pub author: Option<String>,
    /// The language of the document.
    pub lang: Lang,
}

/// Every item of `items` but groups, with the map that places it on the page, in order:
/// a group's items where the group stands.
pub fn flatten(items: &[Item]) -> Vec<(Transform, &Item)> {
    fn walk<'a>(items: &'a [Item], at: Transform, out: &mut Vec<(Transform, &'a Item)>) {
        for item in items {
            match item {
                Item::Group {
                    transform, items, ..
                } => walk(items, at.then(transform), out),
                other => out.push((at, other)),
            }
        }
    }
    let mut out = Vec::with_capacity(items.len());
    walk(items, Transform::IDENTITY, &mut out);
    out
}

impl Item {
    /// The same item moved by `dx` right and `dy` down.
    pub fn moved(mut self, dx: f32, dy: f32) -> Item {
        match &mut self {
            Item::Text(TextRun { x, y, .. })
            | Item::Fill { x, y, .. }
            | Item::Image { x, y, .. }
            | Item::Link { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Item::Group { transform, .. } => {
                transform.matrix[4] += dx;
                transform.matrix[5] += dy;
            }
        }
        self
    }

    /// Mirrors the item left to right within a box `width` wide from `x = 0`: what was
    /// `d` from its left edge is then as far from its right edge. Glyphs keep their order.
    pub fn mirror(&mut self, width: f32) {
        match self {
            Item::Text(run) => run.x = width - run.x - crate::fonts::width(&run.glyphs),
            Item::Fill { x, w, .. } | Item::Image { x, w, .. } | Item::Link { x, w, .. } => {
                *x = width - *x - *w;
            }
            Item::Group {
                transform, size, ..
            } => {
                let [a, ..] = transform.matrix;
                transform.matrix[4] = width - transform.matrix[4] - a * size.width;
            }
        }
    }

    /// The same item with its elements' ids raised by `offset` (its document's tree
    /// grafted into another's, see [`super::structure::Tree::graft`]).
    pub fn renumbered(mut self, offset: ElemId) -> Item {
        match &mut self {
            Item::Text(TextRun { elem, .. }) | Item::Image { elem, .. } => {
                *elem = elem.map(|e| e + offset);
            }
            Item::Link { elem, .. } => *elem += offset,
            Item::Group { items, .. } => {
                *items = std::mem::take(items)
                    .into_iter()
                    .map(|item| item.renumbered(offset))
                    .collect();
            }
            Item::Fill { .. } => {}
        }
        self
    }

    /// The same item drawn as decoration: text and pictures become artifacts (a link stays
    /// tied to its element, which its annotation needs).
    pub fn untagged(mut self) -> Item {
        match &mut self {
            Item::Text(TextRun { elem, .. }) | Item::Image { elem, .. } => *elem = None,
            Item::Group { items, .. } => {
                *items = std::mem::take(items)
                    .into_iter()
                    .map(Item::untagged)
                    .collect();
            }
            Item::Fill { .. } | Item::Link { .. } => {}
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_flattened_with_their_maps() {
        let fill = Item::Fill {
            x: 1.0,
            y: 2.0,
            w: 3.0,
            h: 4.0,
            color: Color([0.0; 3]),
        };
        let inner = Item::Group {
            transform: Transform::translate(10.0, 20.0),
            size: Size::default(),
            items: vec![fill.clone()],
        };
        let outer = Item::Group {
            transform: Transform {
                matrix: [0.5, 0.0, 0.0, 0.5, 100.0, 0.0],
            },
            size: Size::default(),
            items: vec![inner],
        };
        let flat = flatten(std::slice::from_ref(&outer));
        assert_eq!(flat.len(), 1);
        assert_eq!(flat[0].1, &fill);
        assert_eq!(flat[0].0.apply(1.0, 2.0), (105.5, 11.0));
    }
}
