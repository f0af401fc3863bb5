//! Greedy line filling by display width (East Asian wide characters take two columns), for
//! monospaced output.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::typeset::unspaced;

/// Joins two words without ever breaking between them; becomes a space in the output.
pub const GLUE: char = '\u{E000}';

/// Wraps `text` (spaces separate words, `\n` forces a break) to `width` columns.
///
/// Text of scripts written without spaces (Chinese, Japanese, Thai…) also breaks where
/// UAX #14 allows, never before a closing mark such as 。. A word wider than the line stands
/// alone; if it is not a URL it is cut at the width so that no line is wider than asked. The
/// glue character becomes a space after wrapping.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        let pieces = paragraph
            .split(' ')
            .filter(|w| !w.is_empty())
            .flat_map(|word| {
                let mut at = 0;
                let ends = unspaced::breaks(word).into_iter().chain([word.len()]);
                ends.enumerate().map(move |(i, end)| {
                    let piece = &word[at..end];
                    at = end;
                    // Only a word's first piece is set off by a space.
                    (i == 0, piece)
                })
            });
        for (spaced, word) in pieces {
            let word_width = display_width(word);
            let gap = usize::from(spaced);
            if line_width > 0 && line_width + gap + word_width <= width {
                if spaced {
                    line.push(' ');
                }
                line.push_str(word);
                line_width += gap + word_width;
                continue;
            }
            if line_width > 0 {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width || is_unbreakable(word) {
                line.push_str(word);
                line_width = word_width;
            } else {
                let mut pieces = cut(word, width);
                let last = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
                line_width = display_width(&last);
                line = last;
            }
        }
        lines.push(line);
    }
    for line in &mut lines {
        if line.contains(GLUE) {
            *line = line.replace(GLUE, " ");
        }
    }
    lines
}

/// Display width of a word, counting the glue as one column.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if c == GLUE { 1 } else { c.width().unwrap_or(0) })
        .sum()
}

/// URLs and e-mail addresses must stay whole to keep working when copied.
fn is_unbreakable(word: &str) -> bool {
    let core = word.split(GLUE).next().unwrap_or(word);
    core.contains("://") || core.starts_with("www.") || core.contains('@')
}

/// Cuts a word into pieces of at most `width` columns.
fn cut(word: &str, width: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut current = 0;
    for c in word.chars() {
        let w = if c == GLUE { 1 } else { c.width().unwrap_or(0) };
        if current + w > width && current > 0 {
            pieces.push(String::new());
            current = 0;
        }
        if let Some(piece) = pieces.last_mut() {
            piece.push(c);
        }
        current += w;
    }
    pieces
}

/// Width of the widest line.
pub fn max_width(lines: &[String]) -> usize {
    lines.iter().map(|l| l.width()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_lines_up_to_the_width() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
    }

    #[test]
    fn counts_display_width_not_bytes() {
        assert_eq!(wrap("“ab” “cd”", 9), ["“ab” “cd”"]);
    }

    #[test]
    fn urls_overflow_but_other_long_words_are_cut() {
        assert_eq!(
            wrap("see https://example.org/long", 10),
            ["see", "https://example.org/long"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn glue_keeps_words_together_and_becomes_a_space() {
        assert_eq!(wrap(&format!("aaa bb{GLUE}[1]"), 7), ["aaa", "bb [1]"]);
    }

    #[test]
    fn chinese_breaks_between_characters_but_never_before_a_closing_mark() {
        // Each character two columns wide: "喉咙痛、" may not leave "、" to start a line.
        assert_eq!(
            wrap("咳嗽、喉咙痛、全身酸痛。", 12),
            ["咳嗽、喉咙", "痛、全身酸", "痛。"]
        );
        assert_eq!(wrap("请 喝水", 6), ["请 喝", "水"]);
    }

    #[test]
    fn newlines_force_breaks() {
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
    }
}
