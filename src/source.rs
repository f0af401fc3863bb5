//! Source files as read from disk: normalised text plus a map from byte offset to line:column.

use std::path::{Path, PathBuf};

/// A text file of the project, normalised (BOM removed, CRLF folded to LF), with its line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to people: relative to the project root where possible.
    pub path: PathBuf,
    /// The normalised text.
    pub text: String,
    line_starts: Vec<usize>,
}

/// Why a file could not be turned into text.
#[derive(Debug)]
pub enum DecodeError {
    /// The bytes are not UTF-8; `offset` is the first bad byte, `line`/`column` where it falls.
    InvalidUtf8 { offset: usize, line: usize },
    /// The file contains a NUL byte, which no handout text ever needs.
    NulByte { line: usize },
    /// The file contains an invisible control character (other than tab and line breaks),
    /// which no output can show: often pasted in from a word processor.
    ControlCharacter {
        /// The character.
        character: char,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
    },
}

impl SourceFile {
    /// Wraps already-normalised text.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Decodes raw bytes: strips a UTF-8 BOM, turns CRLF (and lone CR) into LF.
    ///
    /// Offsets in the result keep their line:column meaning against the original file.
    pub fn decode(path: &Path, bytes: &[u8]) -> Result<Self, DecodeError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let line_of = |offset: usize| bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let offset = e.valid_up_to();
                return Err(DecodeError::InvalidUtf8 {
                    offset,
                    line: line_of(offset),
                });
            }
        };
        if let Some(offset) = text.find('\0') {
            return Err(DecodeError::NulByte {
                line: line_of(offset),
            });
        }
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.to_owned()
        };
        let file = SourceFile::new(path, text);
        if let Some((offset, character)) = file
            .text
            .char_indices()
            .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n'))
        {
            let (line, column) = file.line_col(offset);
            return Err(DecodeError::ControlCharacter {
                character,
                line,
                column,
            });
        }
        Ok(file)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, column + 1)
    }

    /// Byte offset of the start of a 1-based line (clamped to the end of the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("a.md", "ab\n“é” x\n".to_owned());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        let x = f.text.find('x').unwrap_or_default();
        assert_eq!(f.line_col(x), (2, 5));
    }

    #[test]
    fn decode_strips_bom_and_crlf() {
        let f = SourceFile::decode(Path::new("a.md"), b"\xEF\xBB\xBFa\r\nb\r\n").ok();
        assert_eq!(f.map(|f| f.text), Some("a\nb\n".to_owned()));
    }

    #[test]
    fn decode_refuses_control_characters_with_their_place() {
        match SourceFile::decode(Path::new("a.md"), b"ok\nab\x0bc\n") {
            Err(DecodeError::ControlCharacter {
                character,
                line,
                column,
            }) => assert_eq!((character, line, column), ('\u{b}', 2, 3)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn decode_reports_the_line_of_bad_bytes() {
        match SourceFile::decode(Path::new("a.md"), b"ok\nbad \xFF\n") {
            Err(DecodeError::InvalidUtf8 { line, .. }) => assert_eq!(line, 2),
            other => panic!("unexpected {other:?}"),
        }
    }
}
