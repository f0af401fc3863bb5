//! Text of both directions (UAX #9, by unicode-bidi): levels are resolved on a paragraph's
//! logical text before it is broken into lines, and each line's runs are put in visual
//! order after, so that Arabic or Hebrew runs right to left and a number or a Latin word
//! inside it left to right.

use unicode_bidi::{bidi_class, BidiClass, BidiInfo, Level, ParagraphBidiInfo};

use crate::lang::Direction;

/// Whether a paragraph running in `base` with the texts `parts` needs levels resolved: it
/// runs right to left, or holds a right-to-left character or a direction control.
pub fn needed<'t>(base: Direction, mut parts: impl Iterator<Item = &'t str>) -> bool {
    base == Direction::Rtl
        || parts.any(|text| {
            !text.is_ascii()
                && text.chars().any(|c| {
                    is_rtl_letter(c)
                        || c > '\u{58f}'
                            && matches!(
                                bidi_class(c),
                                BidiClass::AN
                                    | BidiClass::RLE
                                    | BidiClass::RLO
                                    | BidiClass::RLI
                                    | BidiClass::LRE
                                    | BidiClass::LRO
                                    | BidiClass::LRI
                                    | BidiClass::FSI
                            )
                })
        })
}

/// Whether `c` is a letter of a script written right to left (Hebrew, Arabic, Syriac…).
/// Every right-to-left character and direction control is past U+058F.
pub fn is_rtl_letter(c: char) -> bool {
    c > '\u{58f}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// The embedding level of every byte of `text`, one paragraph running in `base`: even
/// levels run left to right, odd ones right to left.
pub fn levels(text: &str, base: Direction) -> Vec<u8> {
    let level = match base {
        Direction::Ltr => Level::ltr(),
        Direction::Rtl => Level::rtl(),
    };
    let mut levels: Vec<u8> = ParagraphBidiInfo::new(text, Some(level))
        .levels
        .iter()
        .map(|l| l.number())
        .collect();
    separators_in_numbers(text, &mut levels);
    levels
}

/// Rule W4, which unicode-bidi 0.3.18 does not apply in right-to-left text: a single
/// separator between two numbers (`010-2000`, `1,5`) belongs to the number, and takes its
/// level, so the number reads left to right whole.
fn separators_in_numbers(text: &str, levels: &mut [u8]) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(before, a), (at, sep), (after, b)] = [w[0], w[1], w[2]];
        let (a, sep, b) = (bidi_class(a), bidi_class(sep), bidi_class(b));
        let joins = match sep {
            BidiClass::ES => a == BidiClass::EN && b == BidiClass::EN,
            BidiClass::CS => a == b && matches!(a, BidiClass::EN | BidiClass::AN),
            _ => false,
        };
        if joins && levels[before] == levels[after] {
            let level = levels[before];
            levels[at..after].iter_mut().for_each(|l| *l = level);
        }
    }
}

/// The level of a paragraph running in `base`.
pub fn base_level(base: Direction) -> u8 {
    match base {
        Direction::Ltr => 0,
        Direction::Rtl => 1,
    }
}

/// Whether text at `level` runs right to left.
pub fn is_rtl(level: u8) -> bool {
    level % 2 == 1
}

/// The order, left to right, in which items of one line at `levels` (in reading order) are
/// shown: every stretch at a level or higher is reversed, from the highest level down to
/// the lowest odd one.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    if levels.iter().all(|&l| l == 0) {
        return (0..levels.len()).collect();
    }
    let levels: Vec<Level> = levels
        .iter()
        .map(|&l| Level::new(l).unwrap_or_else(|_| Level::ltr()))
        .collect();
    BidiInfo::reorder_visual(&levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_text_with_right_to_left_in_it_needs_levels() {
        assert!(!needed(
            Direction::Ltr,
            ["care", "vắc-xin", "疫苗"].into_iter()
        ));
        assert!(needed(Direction::Ltr, ["see", "لقاح"].into_iter()));
        assert!(needed(Direction::Rtl, ["care"].into_iter()));
    }

    #[test]
    fn numbers_and_latin_inside_arabic_run_left_to_right() {
        let text = "اتصل 911 flu shot";
        let levels = levels(text, Direction::Rtl);
        let at = |needle: &str| levels[text.find(needle).unwrap_or(0)];
        assert_eq!(at("اتصل"), 1);
        assert_eq!(at("911"), 2);
        assert_eq!(at("flu"), 2);
        let phone = "الرقم (555) 010-2000. إذا";
        let levels = super::levels(phone, Direction::Rtl);
        let dash = phone.find('-').unwrap_or(0);
        assert_eq!(levels[dash - 1..=dash + 1], [2, 2, 2], "one number");
        // Arabic, then the number: shown with the number at the left of the Arabic word.
        assert_eq!(visual_order(&[1, 1, 2]), [2, 1, 0]);
        assert_eq!(visual_order(&[1, 2, 2, 2, 1]), [4, 1, 2, 3, 0]);
        assert_eq!(visual_order(&[0, 1, 1, 0]), [0, 2, 1, 3]);
    }
}
