//! Readability measured on what a reader reads: [`prose`] picks the running text, [`sentences`]
//! and [`tokens`] split it, [`syllables`] counts, and [`formulas`] scores it, per section and
//! per handout.

pub mod formulas;
pub mod prose;
pub mod sentences;
pub mod syllables;
pub mod tokens;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::document::Span;
use crate::content::Handout;
use crate::lang::Profile;
use crate::typeset::unspaced;
use formulas::{Counts, Scores, SMOG_MIN_SENTENCES};

/// One sentence as measured.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The sentence as read.
    pub text: String,
    /// Where it stands in the handout's source.
    pub span: Span,
    /// Its counts (one sentence).
    pub counts: Counts,
    /// Its words of three or more syllables, in order.
    pub long_words: Vec<String>,
}

/// Counts and scores of one section.
#[derive(Debug, Clone, Serialize)]
pub struct SectionReport {
    /// The heading, or "(before the first heading)".
    pub heading: String,
    /// The heading's line.
    pub line: usize,
    /// What was counted.
    pub counts: Counts,
    /// The scores; absent when the section has no prose, or no formula applies.
    pub scores: Option<Scores>,
}

/// A handout's readability: the whole and each section.
#[derive(Debug, Clone, Serialize)]
pub struct Readability {
    /// The handout's file, as shown to people.
    pub file: String,
    /// The handout's title.
    pub title: String,
    /// The handout's language tag.
    pub language: String,
    /// Counts over the whole handout.
    pub counts: Counts,
    /// Scores over the whole handout; absent when it has no prose, or no formula applies.
    pub scores: Option<Scores>,
    /// Whether the formulas apply to the handout's language. They are English: for another
    /// language no scores are given, syllables are not counted, and only sentences, words
    /// and letters are (a Chinese or Japanese character counts as a word).
    pub formulas: bool,
    /// Whether there are enough sentences (30) for SMOG to be reliable.
    pub smog_reliable: bool,
    /// Per section, in order.
    pub sections: Vec<SectionReport>,
    /// Every sentence, in order.
    #[serde(skip)]
    pub sentences: Vec<Sentence>,
}

/// A word's share of the counts.
pub struct WordCount {
    /// Syllables in the word.
    pub syllables: usize,
    /// Letters and digits in the word.
    pub letters: usize,
}

/// Syllables and letters of one token's text. Numbers count as one syllable; hyphenated
/// words are counted part by part.
pub fn word_count(word: &str, number: bool) -> WordCount {
    let syllables = if number {
        1
    } else {
        word.split(['-', '‐'])
            .map(syllables::count)
            .sum::<usize>()
            .max(1)
    };
    WordCount {
        syllables,
        letters: tokens::letters(word),
    }
}

/// Measures `handout`.
pub fn measure(handout: &Handout) -> Readability {
    let formulas = handout.lang.profile() == Profile::English;
    let score = |counts: &Counts| formulas.then(|| Scores::of(counts)).flatten();
    let mut sentences = Vec::new();
    let mut sections = Vec::new();
    for section in prose::sections(&handout.document, handout.body_start) {
        let mut counts = Counts::default();
        for unit in &section.units {
            for range in sentences::split(&unit.text) {
                let text = &unit.text[range.clone()];
                let source = &handout.source.text;
                let span =
                    unit.source_offset(range.start, source)..unit.source_offset(range.end, source);
                let sentence = measure_sentence(text, span, formulas);
                if sentence.counts.words > 0 {
                    counts += sentence.counts;
                    sentences.push(sentence);
                }
            }
        }
        sections.push(SectionReport {
            heading: section
                .heading
                .clone()
                .unwrap_or_else(|| "(before the first heading)".to_owned()),
            line: handout.source.line_col(section.span.start).0,
            counts,
            scores: score(&counts),
        });
    }
    let mut counts = Counts::default();
    for section in &sections {
        counts += section.counts;
    }
    Readability {
        file: handout.source.path.display().to_string(),
        title: handout.title.clone(),
        language: handout.lang.as_str().to_owned(),
        counts,
        scores: score(&counts),
        formulas,
        smog_reliable: counts.sentences >= SMOG_MIN_SENTENCES,
        sections,
        sentences,
    }
}

/// Each distinct word of the handout's prose, in lower case, with its syllable count.
pub fn word_list(handout: &Handout) -> BTreeMap<String, usize> {
    let mut words = BTreeMap::new();
    for section in prose::sections(&handout.document, handout.body_start) {
        for unit in &section.units {
            for token in tokens::tokenize(&unit.text) {
                let word = token.text(&unit.text);
                words
                    .entry(word.to_lowercase())
                    .or_insert_with(|| word_count(word, token.number).syllables);
            }
        }
    }
    words
}

/// Counts one sentence; its syllables only where `syllables` (by the English rules).
fn measure_sentence(text: &str, span: Span, syllables: bool) -> Sentence {
    let mut counts = Counts {
        sentences: 1,
        ..Counts::default()
    };
    let mut long_words = Vec::new();
    for token in tokens::tokenize(text) {
        let word = token.text(text);
        // Chinese and Japanese are written without spaces: each character is a word.
        let characters = word.chars().filter(|&c| unspaced::is_unspaced(c)).count();
        counts.words += characters.max(1);
        counts.letters += tokens::letters(word);
        if !syllables {
            continue;
        }
        let WordCount { syllables, .. } = word_count(word, token.number);
        counts.syllables += syllables;
        if syllables >= 3 {
            counts.polysyllables += 1;
            long_words.push(word.to_owned());
        }
    }
    Sentence {
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        span,
        counts,
        long_words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn handout(text: &str) -> Handout {
        match Handout::parse(Path::new("content/a.md"), text.as_bytes(), "en") {
            Ok((h, _)) => h,
            Err(e) => panic!("{}", e.diagnostic.message),
        }
    }

    #[test]
    fn counts_prose_only_with_each_list_item_a_sentence() {
        let h = handout(
            "---\ntitle: T\n---\n\n## Heading words\n\nOne cat sat. See <https://a.example/x>.\n\n\
             - first item\n- second item\n\n```\ncode words here\n```\n\n| a b | c |\n|---|---|\n| d | e |\n",
        );
        let r = measure(&h);
        let texts: Vec<&str> = r.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "One cat sat.",
                "See .",
                "first item",
                "second item",
                "a b",
                "c",
                "d",
                "e"
            ]
        );
        assert_eq!(r.counts.sentences, 8);
        assert_eq!(r.counts.words, 13);
        assert_eq!(r.sections.len(), 1);
        assert_eq!(r.sections[0].heading, "Heading words");
        assert_eq!(r.sections[0].line, 5);
    }

    #[test]
    fn sentences_point_at_their_source() {
        let h = handout("---\ntitle: T\n---\n\nFirst *one* here. Second one.\n");
        let r = measure(&h);
        let second = &r.sentences[1];
        assert_eq!(h.source.line_col(second.span.start), (5, 19));
        assert_eq!(word_count("present-day", false).syllables, 3);

        // Smart punctuation turns `"` into “ (three bytes) and `--` into –: places still hold.
        let h = handout("---\ntitle: T\n---\n\nHe said \"no\" -- twice. \"Then\" it ended.\n");
        let r = measure(&h);
        assert_eq!(r.sentences[1].text, "“Then” it ended.");
        let span = r.sentences[1].span.clone();
        assert_eq!(&h.source.text[span], "\"Then\" it ended.");
        assert_eq!(word_count("2026", true).syllables, 1);
    }
}
