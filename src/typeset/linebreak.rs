//! Knuth–Plass total-fit line breaking over boxes, glue and penalties.
//!
//! A paragraph is a sequence of [`Element`]s; [`total_fit`] chooses the breaks that minimise
//! the demerits of the whole paragraph, not line by line. A line is overfull only when a single
//! box is wider than the measure; callers cut words between glyphs, so with text only a glyph
//! wider than the whole measure could do that.

/// A penalty this high forbids a break; this low forces one.
pub const INFINITE: f32 = 10_000.0;

/// Extra demerits for two hyphenated lines in a row.
const DOUBLE_HYPHEN: f32 = 3_000.0;

/// One item of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Element {
    /// Unbreakable material of a width.
    Box(f32),
    /// Space between boxes: a break may follow a box here.
    Glue {
        /// Natural width.
        width: f32,
        /// How far it may stretch (justified text).
        stretch: f32,
        /// How far it may shrink (justified text).
        shrink: f32,
    },
    /// A possible break with a cost; `width` is added when the break is taken (a hyphen).
    Penalty {
        /// Width of the material added at a break here.
        width: f32,
        /// Cost of breaking here; ≥ [`INFINITE`] forbids, ≤ −[`INFINITE`] forces.
        cost: f32,
        /// Whether this is a hyphenation point.
        flagged: bool,
    },
}

/// How lines are set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fill {
    /// Left-aligned: every line may fall short by `slack` points at ordinary cost.
    Ragged {
        /// The stretch that stands for the ragged edge.
        slack: f32,
    },
    /// Justified: spaces stretch and shrink.
    Justified,
}

/// A chosen line: elements `start..end`, ended by a break at `end` (or the paragraph's end),
/// with the adjustment ratio its spaces get when justified.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    /// First element of the line.
    pub start: usize,
    /// The break element (or `elements.len()`).
    pub end: usize,
    /// Stretch (> 0) or shrink (< 0) ratio for the glue of a justified line.
    pub ratio: f32,
}

/// Breaks `elements` into lines of `measure` points, minimising total demerits.
pub fn total_fit(elements: &[Element], measure: f32, fill: Fill) -> Vec<Line> {
    let sums = Sums::new(elements);
    let mut candidates = vec![0];
    candidates.extend((0..elements.len()).filter(|&i| is_break(elements, i)));
    candidates.push(elements.len());
    // best[k]: (total demerits, previous candidate index, line ratio, ends flagged)
    let mut best: Vec<Option<(f32, usize, f32, bool)>> = vec![None; candidates.len()];
    best[0] = Some((0.0, 0, 0.0, false));
    for k in 1..candidates.len() {
        let end = candidates[k];
        // A forced break ends its line like the paragraph's end: unstretched.
        let last = end == elements.len() || forced(elements, end);
        let (cost, flagged) = match elements.get(end) {
            Some(Element::Penalty { cost, flagged, .. }) => (*cost, *flagged),
            _ => (0.0, false),
        };
        for j in (0..k).rev() {
            let Some((so_far, _, _, prev_flagged)) = best[j] else {
                continue;
            };
            let start = line_start(elements, candidates[j], j == 0);
            let ratio = match sums.ratio(elements, start, end, measure, fill, last) {
                Some(ratio) => ratio,
                // The shortest line that can end here does not fit (a box wider than the
                // measure): take it all the same, so that nothing is ever dropped.
                None if j + 1 == k => -1.0,
                None => break,
            };
            let badness = (100.0 * ratio.abs().powi(3)).min(INFINITE);
            let mut demerits = (1.0 + badness).powi(2);
            if cost > 0.0 {
                demerits += cost * cost;
            } else if cost > -INFINITE {
                demerits -= cost * cost;
            }
            if flagged && prev_flagged {
                demerits += DOUBLE_HYPHEN;
            }
            let total = so_far + demerits;
            if best[k].is_none_or(|(b, ..)| total < b) {
                best[k] = Some((total, j, ratio, flagged));
            }
            if j > 0 && forced(elements, candidates[j]) {
                break;
            }
        }
    }
    let mut lines = Vec::new();
    let mut k = candidates.len() - 1;
    while k > 0 {
        let Some((_, j, ratio, _)) = best[k] else {
            break;
        };
        lines.push(Line {
            start: line_start(elements, candidates[j], j == 0),
            end: candidates[k],
            ratio,
        });
        k = j;
    }
    lines.reverse();
    lines
}

fn forced(elements: &[Element], i: usize) -> bool {
    matches!(elements.get(i), Some(Element::Penalty { cost, .. }) if *cost <= -INFINITE)
}

/// Whether a line may end at element `i`.
fn is_break(elements: &[Element], i: usize) -> bool {
    match elements[i] {
        Element::Glue { .. } => i > 0 && matches!(elements[i - 1], Element::Box(_)),
        Element::Penalty { cost, .. } => cost < INFINITE,
        Element::Box(_) => false,
    }
}

/// The first element of a line that follows a break at `after`: glue and penalties at the
/// start of a line are dropped.
fn line_start(elements: &[Element], after: usize, first: bool) -> usize {
    let mut i = if first { 0 } else { after + 1 };
    while i < elements.len() && !matches!(elements[i], Element::Box(_)) && !forced(elements, i) {
        i += 1;
    }
    i
}

/// Running totals of width, stretch and shrink.
struct Sums {
    width: Vec<f32>,
    stretch: Vec<f32>,
    shrink: Vec<f32>,
}

impl Sums {
    fn new(elements: &[Element]) -> Sums {
        let mut sums = Sums {
            width: vec![0.0],
            stretch: vec![0.0],
            shrink: vec![0.0],
        };
        let (mut w, mut st, mut sh) = (0.0, 0.0, 0.0);
        for element in elements {
            match *element {
                Element::Box(width) => w += width,
                Element::Glue {
                    width,
                    stretch,
                    shrink,
                } => {
                    w += width;
                    st += stretch;
                    sh += shrink;
                }
                Element::Penalty { .. } => {}
            }
            sums.width.push(w);
            sums.stretch.push(st);
            sums.shrink.push(sh);
        }
        sums
    }

    /// The adjustment ratio of a line `start..end`; `None` when it cannot fit even shrunk.
    fn ratio(
        &self,
        elements: &[Element],
        start: usize,
        end: usize,
        measure: f32,
        fill: Fill,
        last: bool,
    ) -> Option<f32> {
        let start = start.min(end);
        let extra = match elements.get(end) {
            Some(Element::Penalty { width, .. }) => *width,
            _ => 0.0,
        };
        let natural = self.width[end] - self.width[start] + extra;
        if natural > measure + 0.01 {
            let shrink = match fill {
                Fill::Justified => self.shrink[end] - self.shrink[start],
                Fill::Ragged { .. } => 0.0,
            };
            return (shrink > 0.0 && natural - shrink <= measure)
                .then(|| (measure - natural) / shrink);
        }
        if last {
            return Some(0.0);
        }
        let stretch = match fill {
            Fill::Justified => self.stretch[end] - self.stretch[start],
            Fill::Ragged { slack } => slack,
        };
        Some(if stretch > 0.0 {
            (measure - natural) / stretch
        } else {
            INFINITE
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words as boxes one unit per character, spaces one unit wide.
    fn words(text: &str) -> Vec<Element> {
        let mut elements = Vec::new();
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                elements.push(Element::Glue {
                    width: 1.0,
                    stretch: 0.5,
                    shrink: 0.3,
                });
            }
            elements.push(Element::Box(word.len() as f32));
        }
        elements
    }

    /// First fit: as many words on each line as will go.
    fn greedy(elements: &[Element], measure: f32) -> Vec<f32> {
        let mut lines = Vec::new();
        let mut line = 0.0;
        let mut pending = 0.0;
        for element in elements {
            match *element {
                Element::Box(w) if line > 0.0 && line + pending + w > measure => {
                    lines.push(line);
                    line = w;
                    pending = 0.0;
                }
                Element::Box(w) => {
                    line += pending + w;
                    pending = 0.0;
                }
                Element::Glue { width, .. } => pending = width,
                Element::Penalty { .. } => {}
            }
        }
        lines.push(line);
        lines
    }

    fn widths(elements: &[Element], lines: &[Line]) -> Vec<f32> {
        lines
            .iter()
            .map(|l| {
                elements[l.start..l.end]
                    .iter()
                    .map(|e| match e {
                        Element::Box(w) | Element::Glue { width: w, .. } => *w,
                        Element::Penalty { .. } => 0.0,
                    })
                    .sum()
            })
            .collect()
    }

    /// Sum of squared shortfalls of every line but the last.
    fn raggedness(widths: &[f32], measure: f32) -> f32 {
        widths[..widths.len() - 1]
            .iter()
            .map(|w| (measure - w).powi(2))
            .sum()
    }

    #[test]
    fn total_fit_beats_greedy_on_a_known_paragraph() {
        let elements = words("aaa bb cc ddddd");
        let greedy = greedy(&elements, 6.0);
        assert_eq!(greedy, [6.0, 2.0, 5.0]);
        let lines = total_fit(&elements, 6.0, Fill::Ragged { slack: 3.0 });
        let fit = widths(&elements, &lines);
        assert_eq!(fit, [3.0, 5.0, 5.0]);
        assert!(raggedness(&fit, 6.0) < raggedness(&greedy, 6.0));
    }

    #[test]
    fn a_longer_paragraph_is_evener_than_first_fit() {
        let text = "Relational therapy is an approach that centers on relationships how \
                    people connect with others how they experience being cared for or let \
                    down and how early experiences may shape patterns in current relationships";
        let elements = words(text);
        let measure = 30.0;
        let fit = widths(
            &elements,
            &total_fit(&elements, measure, Fill::Ragged { slack: 6.0 }),
        );
        assert!(fit.iter().all(|&w| w <= measure));
        assert!(raggedness(&fit, measure) <= raggedness(&greedy(&elements, measure), measure));
    }

    #[test]
    fn justified_lines_get_ratios_within_bounds() {
        let elements = words("aaa bb cc ddddd ee f gggg hh iii");
        let lines = total_fit(&elements, 9.0, Fill::Justified);
        for line in &lines[..lines.len() - 1] {
            assert!((-1.0..=INFINITE).contains(&line.ratio), "{line:?}");
        }
        assert_eq!(lines.last().map(|l| l.ratio), Some(0.0));
    }

    #[test]
    fn a_box_wider_than_the_measure_gets_a_line_of_its_own() {
        let elements = words("aa bbbbbbbbbb cc");
        let lines = total_fit(&elements, 5.0, Fill::Ragged { slack: 2.0 });
        assert_eq!(widths(&elements, &lines), [2.0, 10.0, 2.0]);
    }

    #[test]
    fn a_forced_break_is_always_taken() {
        let mut elements = words("aa bb");
        elements.insert(
            2,
            Element::Penalty {
                width: 0.0,
                cost: -INFINITE,
                flagged: false,
            },
        );
        let lines = total_fit(&elements, 100.0, Fill::Ragged { slack: 10.0 });
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].end, 2);
    }

    #[test]
    fn hyphenation_points_are_used_when_they_even_the_lines() {
        // "aaaa bbbb-cccc" at measure 9: breaking inside the second word fills line one.
        let elements = vec![
            Element::Box(4.0),
            Element::Glue {
                width: 1.0,
                stretch: 0.0,
                shrink: 0.0,
            },
            Element::Box(3.0),
            Element::Penalty {
                width: 1.0,
                cost: 50.0,
                flagged: true,
            },
            Element::Box(6.0),
        ];
        let lines = total_fit(&elements, 9.0, Fill::Ragged { slack: 3.0 });
        assert_eq!(lines.iter().map(|l| l.end).collect::<Vec<_>>(), [3, 5]);
    }
}
