//! Words as a reader meets them: letters and digits, with apostrophes ("don't"), hyphens
//! ("present-day") and number punctuation ("3.5", "1,000") kept inside the word. Web and
//! e-mail addresses are not words and are skipped.

use std::ops::Range;

/// One word or number, as a byte range of the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Where the token stands in the text.
    pub range: Range<usize>,
    /// Whether the token is a number ("2026", "3.5") rather than a word.
    pub number: bool,
}

impl Token {
    /// The token's text in `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.range.clone()]
    }
}

/// Whether a whitespace-separated chunk is an address rather than words.
fn is_address(chunk: &str) -> bool {
    let chunk = chunk.trim_start_matches(|c: char| !c.is_alphanumeric());
    let starts_with = |prefix: &str| {
        chunk
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    // A scheme's `://`, looked for only where a colon stands (a byte search).
    chunk
        .match_indices(':')
        .any(|(at, _)| chunk[at..].starts_with("://"))
        || starts_with("www.")
        || starts_with("mailto:")
        || (chunk.contains('@') && chunk.contains('.'))
}

/// Characters that join two letters or digits into one word.
fn is_joiner(c: char, before: char, after: char) -> bool {
    match c {
        '\'' | '’' | '-' | '‐' => before.is_alphanumeric() && after.is_alphanumeric(),
        '.' | ',' => before.is_ascii_digit() && after.is_ascii_digit(),
        _ => false,
    }
}

/// The words and numbers of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chunk_start = 0;
    let mut chars: Vec<(usize, char)> = Vec::new();
    for chunk in text.split_inclusive(char::is_whitespace) {
        let offset = chunk_start;
        chunk_start += chunk.len();
        if is_address(chunk.trim_end()) {
            continue;
        }
        chars.clear();
        chars.extend(chunk.char_indices());
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].1.is_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while i < chars.len() {
                let c = chars[i].1;
                let joined = i + 1 < chars.len() && is_joiner(c, chars[i - 1].1, chars[i + 1].1);
                if c.is_alphanumeric() || joined {
                    i += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(i).map_or(chunk.len(), |&(b, _)| b);
            let word = &chunk[chars[start].0..end];
            tokens.push(Token {
                range: offset + chars[start].0..offset + end,
                number: word
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ','),
            });
        }
    }
    tokens
}

/// Letters and digits in a token: what Coleman-Liau and ARI count as characters.
pub fn letters(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphanumeric()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn keeps_apostrophes_hyphens_and_numbers_whole() {
        assert_eq!(
            words("Don’t rush: present-day care costs $1,000.50 (or 3.5%)."),
            [
                "Don’t",
                "rush",
                "present-day",
                "care",
                "costs",
                "1,000.50",
                "or",
                "3.5"
            ]
        );
    }

    #[test]
    fn skips_addresses_and_marks_numbers() {
        let text = "See https://example.org/a-b or www.dv.support, or mail help@x.org in 2026.";
        assert_eq!(words(text), ["See", "or", "or", "mail", "in", "2026"]);
        assert!(tokenize(text).last().is_some_and(|t| t.number));
        let shouted = "Call (WWW.Help.org) or MAILTO:a@b now, www and mailto too";
        assert_eq!(
            words(shouted),
            ["Call", "or", "now", "www", "and", "mailto", "too"]
        );
    }

    #[test]
    fn dangling_punctuation_is_not_part_of_a_word() {
        assert_eq!(words("'quoted' - dash -- end-"), ["quoted", "dash", "end"]);
        assert_eq!(letters("present-day"), 10);
    }
}
