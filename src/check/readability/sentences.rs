//! Sentence boundaries that survive abbreviations ("Dr.", "e.g.", "U.S.", "a.m."), initials
//! ("J. Smith"), decimals ("3.5") and ellipses ("wait… then").

use std::ops::Range;

/// Words that end in a period without ending a sentence (lower case, without the final dot).
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "sr", "jr", "vs", "approx", "fig", "dept", "inc",
    "ltd", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tel",
    "ext", "cf",
];

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

/// Marks that may end a sentence: Latin, Chinese and Japanese (full width), Arabic (؟, and ۔
/// in Urdu) and Devanagari (।, ॥).
const ENDERS: &[char] = &['.', '!', '?', '…', '。', '！', '？', '؟', '۔', '।', '॥'];

/// Questions and exclamations, which end a sentence whatever follows.
const QUESTIONS: &[char] = &['!', '?', '؟'];

/// The sentences of `text`, as trimmed byte ranges, in order.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if !ENDERS.contains(&c) {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < chars.len() && ENDERS.contains(&chars[i].1) {
            i += 1;
        }
        while i < chars.len() && CLOSERS.contains(&chars[i].1) {
            i += 1;
        }
        let end = chars.get(i).map_or(text.len(), |&(b, _)| b);
        let run: String = chars[run_start..i].iter().map(|&(_, c)| c).collect();
        let next = chars[i..]
            .iter()
            .find(|(_, c)| !c.is_whitespace())
            .map(|&(_, c)| c);
        let followed_by_space = chars.get(i).is_none_or(|(_, c)| c.is_whitespace());
        // The full stops of Chinese and Japanese, and the Devanagari and Urdu ones, end a
        // sentence with no space needed after them.
        let full_stop = run.contains(['。', '！', '？', '۔', '।', '॥']);
        if full_stop || followed_by_space && ends_sentence(&text[..chars[run_start].0], &run, next)
        {
            push_trimmed(text, start..end, &mut sentences);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut sentences);
    sentences
}

/// Whether the punctuation `run`, after `before` and followed by the character `next`,
/// closes a sentence.
fn ends_sentence(before: &str, run: &str, next: Option<char>) -> bool {
    let Some(next) = next else {
        return true;
    };
    if run.contains('…') || run.contains("..") {
        return false;
    }
    if run.contains(QUESTIONS) {
        return true;
    }
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let is_dotted = word.contains('.') && word.chars().any(char::is_alphabetic);
    if ABBREVIATIONS.contains(&lower.as_str()) || is_initial || is_dotted {
        return false;
    }
    // A letter of a script without case (Hangul, Arabic, Hebrew…) may start a sentence too.
    let capital = next.is_uppercase() || (next.is_alphabetic() && !next.is_lowercase());
    // Spanish opens a question or an exclamation with ¿ or ¡.
    capital || next.is_ascii_digit() || matches!(next, '"' | '“' | '‘' | '(' | '[' | '¿' | '¡')
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let trimmed = piece.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        let lead = piece.len() - piece.trim_start().len();
        out.push(range.start + lead..range.start + lead + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_before_a_capital() {
        assert_eq!(
            sentences("It helps. Does it? Yes! “Quite,” she said. 2 more."),
            [
                "It helps.",
                "Does it?",
                "Yes!",
                "“Quite,” she said.",
                "2 more."
            ]
        );
    }

    #[test]
    fn scripts_without_case_and_full_stops_end_sentences_too() {
        assert_eq!(
            sentences("병입니다. 열이 납니다. 괜찮아요?"),
            ["병입니다.", "열이 납니다.", "괜찮아요?"]
        );
        assert_eq!(
            sentences("请休息。如果发烧，请喝水！好吗？"),
            ["请休息。", "如果发烧，请喝水！", "好吗？"]
        );
        assert_eq!(
            sentences("المرض خطير. اتصل بنا."),
            ["المرض خطير.", "اتصل بنا."]
        );
        assert_eq!(
            sentences("هل أنت مريض؟ اتصل بنا."),
            ["هل أنت مريض؟", "اتصل بنا."]
        );
        assert_eq!(sentences("बुखार है। आराम करें।"), ["बुखार है।", "आराम करें।"]);
        assert_eq!(
            sentences("Es gratis. ¿Quiere vacunarse? ¡Llame hoy!"),
            ["Es gratis.", "¿Quiere vacunarse?", "¡Llame hoy!"]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_decimals_and_ellipses_inside() {
        for text in [
            "Dr. Lee sees people at 9 a.m. on Mondays.",
            "Some tools, e.g. journaling, help. ",
            "Care in the U.S. Is costly.",
            "Ask J. R. Smith about it.",
            "It takes 3.5 hours.",
            "You may wait… Then it passes.",
            "Well... Maybe not.",
            "Notes (i.e. what you felt) matter.",
        ] {
            assert_eq!(sentences(text).len(), 1, "{text}");
        }
    }

    #[test]
    fn no_terminal_punctuation_is_still_one_sentence() {
        assert_eq!(sentences("  a list item  "), ["a list item"]);
        assert!(sentences(" … ").is_empty());
    }
}
