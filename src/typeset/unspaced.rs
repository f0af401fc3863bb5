//! Line breaks inside text written without spaces between words: between Han characters and
//! kana, never before a closing mark such as 。、」 or after an opening one (the rules of
//! UAX #14), and at word ends found by dictionary in Thai, Lao, Khmer and Burmese; all from
//! icu_segmenter. Korean keeps its words whole and breaks at its spaces, as other text does.

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::LineSegmenter;

/// Whether `c` is of a script written without spaces between words.
pub fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0e00}'..='\u{0eff}' // Thai, Lao
        | '\u{1000}'..='\u{109f}' // Myanmar
        | '\u{1780}'..='\u{17ff}' // Khmer
        | '\u{2e80}'..='\u{2fff}' // CJK radicals
        | '\u{3000}'..='\u{30ff}' // CJK punctuation, kana
        | '\u{3100}'..='\u{312f}' // Bopomofo
        | '\u{31f0}'..='\u{31ff}' // kana extensions
        | '\u{3400}'..='\u{4dbf}' // CJK extension A
        | '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
        | '\u{f900}'..='\u{faff}' // CJK compatibility ideographs
        | '\u{fe30}'..='\u{fe4f}' // CJK compatibility forms
        | '\u{ff00}'..='\u{ffef}' // full-width forms
        | '\u{20000}'..='\u{3ffff}' // CJK extensions B and on
    )
}

/// Where a line may break inside `word` (text with no spaces), as byte offsets strictly
/// inside it, next to a character of a script written without spaces. A word of other
/// scripts alone has none: its breaks are its spaces, hyphenation and dashes.
pub fn breaks(word: &str) -> Vec<usize> {
    if word.is_ascii() || !word.chars().any(is_unspaced) {
        return Vec::new();
    }
    let segmenter = LineSegmenter::new_auto(LineBreakOptions::default());
    segmenter
        .segment_str(word)
        .filter(|&at| at > 0 && at < word.len())
        .filter(|&at| {
            let before = word[..at].chars().next_back();
            let after = word[at..].chars().next();
            before.is_some_and(is_unspaced) || after.is_some_and(is_unspaced)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(word: &str) -> Vec<&str> {
        let mut at = 0;
        let mut out = Vec::new();
        for cut in breaks(word).into_iter().chain([word.len()]) {
            out.push(&word[at..cut]);
            at = cut;
        }
        out
    }

    #[test]
    fn han_breaks_between_characters_but_not_before_closing_marks() {
        assert_eq!(
            pieces("请休息。如果发烧，请喝水。"),
            ["请", "休", "息。", "如", "果", "发", "烧，", "请", "喝", "水。"]
        );
        assert_eq!(pieces("（流行性）"), ["（流", "行", "性）"]);
    }

    #[test]
    fn latin_words_keep_their_own_rules() {
        assert!(breaks("trauma-informed").is_empty());
        assert!(breaks("naïve").is_empty());
        assert_eq!(pieces("65岁"), ["65", "岁"]);
    }

    #[test]
    fn thai_breaks_at_word_ends() {
        let thai = pieces("ภาษาไทยง่ายนิดเดียว");
        assert!(thai.len() >= 3, "{thai:?}");
        assert_eq!(thai.concat(), "ภาษาไทยง่ายนิดเดียว");
    }
}
