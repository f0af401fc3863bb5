//! Fitting a handout to its pages. A last page that the text fills less than the layout's
//! `fit.short` share of wastes a sheet: the flow is measured again tighter, paragraph and
//! heading space (the bands' gaps) first, down to `fit.gaps` of itself, then the leading of
//! its lines of text down to `fit.leading` (the type size never changes), and the loosest
//! setting that ends a page earlier is kept. Then a last page holding fewer than
//! `fit.last_lines` lines takes lines from the page before. A handout that asks for a number
//! of pages (`fit: { pages: N }`) is set tighter within the same bounds, or its gaps loosened
//! up to `fit.loosen`, to reach exactly that many, and told by how many lines it misses when it
//! cannot. Nothing is set again: lines keep their breaks, and only the bands' gaps and
//! heights, and where their items stand, change.

use super::flow::{Band, Flow};
use super::paged::Shortfall;
use super::paginate::{self, Area};
use super::style::FitStyle;

/// How much tighter bands are measured: their gaps scaled, their lines' leading capped.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Tightening {
    /// Share of its gap a band keeps.
    gaps: f32,
    /// The most leading a line of text keeps.
    leading: f32,
}

/// Settings tried between none and the tightest, half of them for the gaps, then half for
/// the leading.
const STEPS: usize = 16;

impl Tightening {
    /// As set.
    const NONE: Tightening = Tightening {
        gaps: 1.0,
        leading: f32::INFINITY,
    };

    /// Setting `k` of [`STEPS`] within `bounds`, for text set with `leading`.
    fn step(k: usize, bounds: &FitStyle, leading: f32) -> Tightening {
        let half = STEPS / 2;
        if k <= half {
            Tightening {
                gaps: 1.0 - (1.0 - bounds.gaps) * k as f32 / half as f32,
                leading: f32::INFINITY,
            }
        } else {
            let share = (k - half) as f32 / half as f32;
            Tightening {
                gaps: bounds.gaps,
                leading: leading - (leading - bounds.leading).max(0.0) * share,
            }
        }
    }

    /// The gap and height of `band` set this way.
    fn measure(self, band: &Band) -> (f32, f32) {
        let height = match band.line {
            Some(line) if line.leading > self.leading => {
                band.height - (line.leading - self.leading) * line.size
            }
            _ => band.height,
        };
        (band.gap * self.gaps, height)
    }

    /// Sets `band` this way: its gap and height, and its items moved up by half of what its
    /// height lost, so that its line stays centred.
    fn apply(self, band: &mut Band) {
        let (gap, height) = self.measure(band);
        let lost = band.height - height;
        band.gap = gap;
        if lost > 0.0 {
            band.height = height;
            band.baseline -= lost / 2.0;
            band.items = std::mem::take(&mut band.items)
                .into_iter()
                .map(|item| item.moved(0.0, -lost / 2.0))
                .collect();
            band.line = band.line.map(|line| super::flow::LineBox {
                leading: self.leading,
                ..line
            });
        }
    }
}

/// Fits `flow` to the pages of `area` within `bounds`, for body text set with `leading`
/// and lines `line` points apart. Asked for `pages`, it sets the flow on that many pages
/// if it can; otherwise it tightens the flow when that saves a nearly empty last page. Then
/// it shortens the page before a last page of too few lines.
pub fn fit(
    flow: &mut Flow,
    area: &mut Area,
    bounds: &FitStyle,
    (leading, line): (f32, f32),
    pages: Option<usize>,
) -> Option<Shortfall> {
    let count = |flow: &Flow, area: &Area, t: Tightening| {
        paginate::fill(flow, area, &|band| t.measure(band)).len()
    };
    let set = paginate::fill(flow, area, &|band| Tightening::NONE.measure(band));
    let natural = set.len();
    let tighter = |k| Tightening::step(k, bounds, leading);
    let looser = |k: usize| Tightening {
        gaps: 1.0 + (bounds.loosen - 1.0).max(0.0) * k as f32 / STEPS as f32,
        leading: f32::INFINITY,
    };
    // Without a page count asked for (or one out of reach): tighter when that saves a
    // nearly empty last page.
    let saving = || {
        let short = set
            .last()
            .is_some_and(|&(_, used)| used < bounds.short * area.height);
        if natural >= 2 && short {
            first(|k| count(flow, area, tighter(k)) < natural).map(tighter)
        } else {
            None
        }
    };
    let mut shortfall = None;
    let chosen = match pages.filter(|&n| n > 0) {
        Some(n) if natural > n => match first(|k| count(flow, area, tighter(k)) <= n) {
            Some(k) => Some(tighter(k)),
            None => {
                let tightest = paginate::fill(flow, area, &|band| tighter(STEPS).measure(band));
                let lines = tightest.iter().skip(n).map(|&(bands, _)| bands).sum();
                shortfall = Some(Shortfall::Over { pages: n, lines });
                saving()
            }
        },
        Some(n) if natural < n => {
            let found = first(|k| count(flow, area, looser(k)) >= n);
            if found.is_none() {
                let loosest = paginate::fill(flow, area, &|band| looser(STEPS).measure(band));
                let used: f32 = loosest.last().map_or(0.0, |&(_, used)| used);
                let empty = (n - loosest.len()) as f32 * area.height + (area.height - used);
                let lines = (empty / line.max(1.0)).ceil() as usize;
                shortfall = Some(Shortfall::Under { pages: n, lines });
            }
            found.map(looser)
        }
        Some(_) => None,
        None => saving(),
    };
    if let Some(chosen) = chosen {
        for band in &mut flow.bands {
            chosen.apply(band);
        }
    }
    keep_last_lines(flow, area, bounds.last_lines, line);
    shortfall
}

/// The first setting of 1 to [`STEPS`] for which `works` holds, if the last does: settings
/// only get further from the flow as set, so the answer is found by bisection.
fn first(works: impl Fn(usize) -> bool) -> Option<usize> {
    if !works(STEPS) {
        return None;
    }
    let (mut lo, mut hi) = (1, STEPS);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if works(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(lo)
}

/// Moves lines from the page before onto a last page of fewer than `wanted` bands, a line
/// of `line` points at a time, as long as the number of pages stays the same and the page
/// before keeps half of its height.
fn keep_last_lines(flow: &Flow, area: &mut Area, wanted: usize, line: f32) {
    let set = paginate::fill(flow, area, &|band| (band.gap, band.height));
    let count = set.len();
    let (Some(&(held, _)), Some(&(_, before))) = (
        set.last(),
        set.len().checked_sub(2).and_then(|i| set.get(i)),
    ) else {
        return;
    };
    if held >= wanted || line <= 0.0 {
        return;
    }
    let mut height = before;
    while height - line >= area.height / 2.0 {
        height -= line;
        let tried = Area {
            shortened: Some((count - 2, height)),
            ..*area
        };
        let set = paginate::fill(flow, &tried, &|band| (band.gap, band.height));
        if set.len() != count {
            return;
        }
        if set.last().is_some_and(|&(held, _)| held >= wanted) {
            *area = tried;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::flow::LineBox;
    use crate::typeset::paginate::tests::{area, flow};

    fn line(gap: f32) -> Band {
        Band {
            height: 12.0 * 1.35,
            gap,
            keep_with_next: false,
            items: Vec::new(),
            outline: None,
            head: None,
            baseline: 12.0,
            line: Some(LineBox {
                size: 12.0,
                leading: 1.35,
            }),
        }
    }

    const BOUNDS: FitStyle = FitStyle {
        short: 0.3,
        gaps: 0.5,
        leading: 1.3,
        last_lines: 5,
        loosen: 1.5,
        pages: None,
    };

    #[test]
    fn a_nearly_empty_last_page_is_saved_by_the_loosest_setting_that_does_it() {
        // 40 lines with 6 points above each: 40 × 22.2 = 888 points on pages of 850.
        let mut f = flow(vec![line(6.0); 40]);
        let mut a = area(850.0);
        assert_eq!(paginate::fill(&f, &a, &|b| (b.gap, b.height)).len(), 2);
        fit(&mut f, &mut a, &BOUNDS, (1.35, 16.2), None);
        let pages = paginate::fill(&f, &a, &|b| (b.gap, b.height));
        assert_eq!(pages.len(), 1);
        // Gaps alone save it (40 × 16.2 = 648): the leading is untouched, and the gaps kept
        // are the most that fit.
        assert_eq!(f.bands[1].height, 12.0 * 1.35);
        let gap = f.bands[1].gap;
        assert!((3.0..6.0).contains(&gap), "{gap}");
        assert!(39.0 * (gap + 16.2) + 16.2 <= 850.01);
    }

    #[test]
    fn a_full_last_page_is_left_alone() {
        let mut f = flow(vec![line(6.0); 60]);
        let mut a = area(850.0);
        fit(&mut f, &mut a, &BOUNDS, (1.35, 16.2), None);
        assert_eq!(f.bands[1].gap, 6.0);
        assert_eq!(paginate::fill(&f, &a, &|b| (b.gap, b.height)).len(), 2);
    }

    #[test]
    fn a_last_page_too_short_to_save_takes_lines_from_the_page_before() {
        // 52 lines of 16.2 points, no gaps: 850 points hold 52 lines, so one line is left
        // over however tight; nothing saves the page and the last page gets five lines.
        let mut f = flow(vec![line(0.0); 53]);
        let mut a = area(850.0);
        let before = paginate::fill(&f, &a, &|b| (b.gap, b.height));
        assert_eq!(before.last().map(|p| p.0), Some(1));
        let mut tight = BOUNDS;
        tight.leading = 1.35;
        fit(&mut f, &mut a, &tight, (1.35, 16.2), None);
        let after = paginate::fill(&f, &a, &|b| (b.gap, b.height));
        assert_eq!(after.len(), 2);
        assert_eq!(after.last().map(|p| p.0), Some(5));
    }

    #[test]
    fn a_handout_asking_for_pages_gets_them_or_a_shortfall() {
        // 40 lines with 6 points above each fill 1.04 pages of 850 points.
        let lines = || flow(vec![line(6.0); 40]);
        // Two pages asked for: left as set, though the second is nearly empty.
        let (mut f, mut a) = (lines(), area(850.0));
        assert_eq!(fit(&mut f, &mut a, &BOUNDS, (1.35, 16.2), Some(2)), None);
        assert_eq!(f.bands[1].gap, 6.0);
        // One page: tightened onto it.
        let (mut f, mut a) = (lines(), area(850.0));
        assert_eq!(fit(&mut f, &mut a, &BOUNDS, (1.35, 16.2), Some(1)), None);
        assert_eq!(paginate::fill(&f, &a, &|b| (b.gap, b.height)).len(), 1);
        // 120 lines cannot be tightened onto one page: about 69 run past it.
        let (mut f, mut a) = (flow(vec![line(6.0); 120]), area(850.0));
        match fit(&mut f, &mut a, &BOUNDS, (1.35, 16.2), Some(1)) {
            Some(Shortfall::Over { pages: 1, lines }) => {
                assert!((60..=75).contains(&lines), "{lines}")
            }
            other => panic!("{other:?}"),
        }
        // Three pages cannot be reached by spacing 40 lines out: about 100 lines are missing.
        let (mut f, mut a) = (lines(), area(850.0));
        match fit(&mut f, &mut a, &BOUNDS, (1.35, 16.2), Some(3)) {
            Some(Shortfall::Under { pages: 3, lines }) => {
                assert!((90..=120).contains(&lines), "{lines}")
            }
            other => panic!("{other:?}"),
        }
        // Two pages of 500 points hold 40 lines spaced out a little (22.2 × 40 = 888 fits
        // on one page of 900, so loosen until the flow reaches the second).
        let (mut f, mut a) = (lines(), area(900.0));
        assert_eq!(fit(&mut f, &mut a, &BOUNDS, (1.35, 16.2), Some(2)), None);
        assert_eq!(paginate::fill(&f, &a, &|b| (b.gap, b.height)).len(), 2);
        assert!(f.bands[1].gap > 6.0 && f.bands[1].gap <= 9.0);
    }
}
