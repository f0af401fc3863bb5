//! Pagination: the flow of bands → pages of positioned items, honouring keep-with-next
//! (headings stay with what follows, no orphans or widows, list items not split after their
//! first line) and repeating a table's header row at the top of a page that continues the
//! table. Each heading's bookmark is placed where its page shows it.

use super::flow::{Band, Flow};
use super::paged::{Bookmark, Item};

/// Where the text area lies on the page: its left and top edges and its height.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    /// Left edge, from the page's left.
    pub left: f32,
    /// Top edge, from the page's top.
    pub top: f32,
    /// Height of the text area.
    pub height: f32,
    /// A page whose text ends higher, so that lines move to the next: its index and the
    /// height its text may take.
    pub shortened: Option<(usize, f32)>,
}

impl Area {
    /// The height the text of page `index` may take.
    fn height_of(&self, index: usize) -> f32 {
        match self.shortened {
            Some((page, height)) if page == index => height,
            _ => self.height,
        }
    }
}

/// How a band is measured for page breaking: its gap above and its height.
pub type Measure<'a> = &'a dyn Fn(&Band) -> (f32, f32);

/// The bands as set: the gap and height they have.
fn as_set(band: &Band) -> (f32, f32) {
    (band.gap, band.height)
}

/// How `flow` would fill the pages of `area` with its bands measured by `measure`: per
/// page, the number of bands and the height they take.
pub fn fill(flow: &Flow, area: &Area, measure: Measure<'_>) -> Vec<(usize, f32)> {
    breaks(flow, area, measure)
        .iter()
        .map(|page| {
            let end = page
                .last()
                .map_or(0.0, |p| p.y + measure(flow.band(p.slot)).1);
            (page.len(), end)
        })
        .collect()
}

/// Cuts `flow` into pages of its text `area`: each page's items in page coordinates, and a
/// bookmark for each heading.
pub fn paginate(mut flow: Flow, area: Area) -> (Vec<Vec<Item>>, Vec<Bookmark>) {
    let breaks = breaks(&flow, &area, &as_set);
    let mut pages = Vec::with_capacity(breaks.len());
    let mut outline = Vec::new();
    for (number, placed) in breaks.iter().enumerate() {
        let count = placed.iter().map(|p| flow.band(p.slot).items.len()).sum();
        let mut items = Vec::with_capacity(count);
        for p in placed {
            let (dx, dy) = (area.left, area.top + p.y);
            match p.slot {
                // Each band is placed once: its items move onto the page.
                Slot::Item(i) => {
                    let band = &mut flow.bands[i];
                    let shapes = std::mem::take(&mut band.items);
                    items.extend(shapes.into_iter().map(|s| s.moved(dx, dy)));
                    // A bookmark opens the page a little above its heading (by the heading's
                    // own space above, which never reaches past the top of the page).
                    if let Some((level, title)) = band.outline.take() {
                        outline.push(Bookmark {
                            level,
                            title,
                            page: number,
                            y: dy - band.gap.min(area.top),
                        });
                    }
                }
                // A repeated table header is page furniture: its cells are read once, where
                // the table starts.
                Slot::Head(_) => items.extend(
                    flow.band(p.slot)
                        .items
                        .iter()
                        .map(|s| s.clone().moved(dx, dy).untagged()),
                ),
            }
        }
        pages.push(items);
    }
    (pages, outline)
}

/// Which band of the flow is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// `flow.bands[i]`, placed once.
    Item(usize),
    /// `flow.heads[h]`: a table's header row repeated at the top of a page that continues
    /// the table.
    Head(usize),
}

/// A band placed on a page: its top, measured down from the top of the text area.
#[derive(Debug, Clone, Copy)]
struct Placed {
    /// Distance from the top of the text area to the band's top.
    y: f32,
    /// The band.
    slot: Slot,
}

impl Flow {
    /// The band in `slot`.
    fn band(&self, slot: Slot) -> &Band {
        match slot {
            Slot::Item(i) => &self.bands[i],
            Slot::Head(h) => &self.heads[h],
        }
    }
}

/// Where `flow` breaks into the pages of `area`, its bands measured by `measure`: the bands
/// of each.
fn breaks(flow: &Flow, area: &Area, measure: Measure<'_>) -> Vec<Vec<Placed>> {
    let items = &flow.bands;
    let mut pages = Vec::new();
    let mut page: Vec<Placed> = Vec::new();
    let mut page_start = 0;
    let mut y = 0.0;
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        if page.is_empty() {
            if let Some((h, head)) = item.head.and_then(|h| Some((h, flow.heads.get(h)?))) {
                page.push(Placed {
                    y: 0.0,
                    slot: Slot::Head(h),
                });
                y = measure(head).1;
            }
        }
        let (gap, item_height) = measure(item);
        let gap = if page.is_empty() { 0.0 } else { gap };
        let height = area.height_of(pages.len());
        if i == page_start || y + gap + item_height <= height + 0.01 {
            page.push(Placed {
                y: y + gap,
                slot: Slot::Item(i),
            });
            y += gap + item_height;
            i += 1;
            continue;
        }
        // Break before item `i`, or earlier so that kept items move together.
        let mut at = i;
        while at > page_start + 1 && items[at - 1].keep_with_next {
            at -= 1;
        }
        if at == page_start + 1 && items[page_start].keep_with_next && at < i {
            // The whole page is one kept chain: break where it overflows.
            at = i;
        }
        let moved = i - at;
        page.truncate(page.len() - moved);
        pages.push(std::mem::take(&mut page));
        page_start = at;
        i = at;
        y = 0.0;
    }
    if !page.is_empty() {
        pages.push(page);
    }
    pages
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn item(height: f32, keep_with_next: bool) -> Band {
        Band {
            height,
            gap: 0.0,
            keep_with_next,
            items: Vec::new(),
            outline: None,
            head: None,
            baseline: 0.0,
            line: None,
        }
    }

    /// A flow of `items` alone.
    pub(in crate::typeset) fn flow(items: Vec<Band>) -> Flow {
        Flow {
            bands: items,
            heads: Vec::new(),
            pictures: Vec::new(),
            tree: Default::default(),
        }
    }

    /// A text area `height` points tall at the page's corner.
    pub(in crate::typeset) fn area(height: f32) -> Area {
        Area {
            left: 0.0,
            top: 0.0,
            height,
            shortened: None,
        }
    }

    fn counts(pages: &[Vec<Placed>]) -> Vec<usize> {
        pages.iter().map(Vec::len).collect()
    }

    #[test]
    fn items_fill_pages_in_order() {
        let f = flow(vec![item(10.0, false); 5]);
        assert_eq!(counts(&breaks(&f, &area(20.0), &as_set)), [2, 2, 1]);
    }

    #[test]
    fn a_heading_is_kept_with_what_follows() {
        // Two lines, then a heading that would end page one alone.
        let f = flow(vec![
            item(10.0, false),
            item(10.0, false),
            item(10.0, true),
            item(10.0, false),
        ]);
        assert_eq!(counts(&breaks(&f, &area(30.0), &as_set)), [2, 2]);
    }

    #[test]
    fn no_orphan_and_no_widow() {
        // A paragraph of four lines (first and third keep with the next) after two lines.
        let paragraph = |lines: usize| {
            (0..lines)
                .map(|i| item(10.0, lines > 1 && (i == 0 || i + 2 == lines)))
                .collect::<Vec<_>>()
        };
        let mut items = vec![item(10.0, false), item(10.0, false)];
        items.extend(paragraph(4));
        // Room for three lines: the paragraph's first line would be an orphan on page one,
        // its last a widow on page three; two lines move each time instead.
        assert_eq!(
            counts(&breaks(&flow(items.clone()), &area(30.0), &as_set)),
            [2, 2, 2]
        );
        // Room for five lines: the last line would be a widow; two lines move instead.
        assert_eq!(counts(&breaks(&flow(items), &area(50.0), &as_set)), [4, 2]);
    }

    #[test]
    fn gaps_are_dropped_at_the_top_of_a_page() {
        let mut spaced = item(10.0, false);
        spaced.gap = 5.0;
        let f = flow(vec![item(10.0, false), spaced.clone(), spaced]);
        let pages = breaks(&f, &area(25.0), &as_set);
        assert_eq!(counts(&pages), [2, 1]);
        assert_eq!(pages[1][0].y, 0.0);
    }

    #[test]
    fn a_chain_longer_than_a_page_still_breaks() {
        let f = flow(vec![item(10.0, true); 6]);
        assert_eq!(counts(&breaks(&f, &area(30.0), &as_set)), [3, 3]);
    }

    #[test]
    fn table_headers_repeat_on_the_next_page() {
        let mut row = item(10.0, false);
        row.head = Some(0);
        let mut f = flow(vec![item(10.0, true), row.clone(), row.clone(), row]);
        f.heads.push(item(10.0, false));
        let pages = breaks(&f, &area(30.0), &as_set);
        assert_eq!(counts(&pages), [3, 2]);
        assert_eq!(pages[1][0].slot, Slot::Head(0));
        assert_eq!(pages[1][1].slot, Slot::Item(3));
    }
}
