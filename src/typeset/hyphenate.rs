//! Where a word may be hyphenated, by the handout's language (hypher's TeX patterns).

use crate::lang::Lang;

/// Byte offsets inside `word` where a hyphen may break it, in `language` (`en`, `en-US`,
/// `de`…). Leading and trailing punctuation is never split off; a language without patterns
/// gives no points.
pub fn points(word: &str, language: &Lang) -> Vec<usize> {
    let Some(lang) = language.hyphenation() else {
        return Vec::new();
    };
    let start = word
        .char_indices()
        .find(|(_, c)| c.is_alphabetic())
        .map_or(word.len(), |(i, _)| i);
    let end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphabetic())
        .map_or(start, |(i, c)| i + c.len_utf8());
    let core = &word[start..end.max(start)];
    if core.chars().count() < 5 || !core.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let mut offset = start;
    let mut found = Vec::new();
    let lower = core.to_lowercase();
    if lower.len() != core.len() {
        return Vec::new();
    }
    for syllable in hypher::hyphenate(&lower, lang) {
        offset += syllable.len();
        if offset < end {
            found.push(offset);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str, language: &str) -> Vec<String> {
        let mut parts = Vec::new();
        let mut last = 0;
        for p in points(word, &Lang::parse(language)) {
            parts.push(word[last..p].to_owned());
            last = p;
        }
        parts.push(word[last..].to_owned());
        parts
    }

    #[test]
    fn english_words_split_at_syllables() {
        assert_eq!(split("relationships", "en"), ["re", "la", "tion", "ships"]);
        assert_eq!(split("Relational", "en-US"), ["Re", "la", "tional"]);
    }

    #[test]
    fn punctuation_stays_with_its_word() {
        assert_eq!(
            split("(relationships),", "en"),
            ["(re", "la", "tion", "ships),"]
        );
    }

    #[test]
    fn short_words_and_unknown_languages_are_not_split() {
        assert!(points("trust", &Lang::parse("en")).len() <= 1);
        assert!(points("care", &Lang::parse("en")).is_empty());
        assert!(points("relationships", &Lang::parse("xx")).is_empty());
        assert!(points("self-worth", &Lang::parse("en")).is_empty());
    }

    #[test]
    fn german_has_its_own_patterns() {
        assert!(!points("Beziehungen", &Lang::parse("de")).is_empty());
    }
}
