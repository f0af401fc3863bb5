//! Handouts: discovery under `content/`, decoding, front matter and Markdown into a
//! [`Handout`] that checks and renderers share.

pub mod document;
pub mod front_matter;
pub mod markdown;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Level};
use crate::lang::Lang;
use crate::lints;
use crate::source::{DecodeError, SourceFile};
use crate::yaml;

use document::{Block, BlockKind, Document, Inline, Span};
pub use front_matter::Meta;

/// One parsed handout, ready for checks and rendering.
#[derive(Debug, Clone)]
pub struct Handout {
    /// File-name stem, used for output names and booklet references.
    pub slug: String,
    /// The source text and its line index.
    pub source: SourceFile,
    /// Front matter as written.
    pub meta: Meta,
    /// The title: front matter's, or the first `#` heading's.
    pub title: String,
    /// Where the title was found in the source.
    pub title_span: Span,
    /// The language: front matter's, or the project's.
    pub lang: Lang,
    /// The body, without a leading `#` heading that repeats the title.
    pub document: Document,
    /// Byte offset where the body begins.
    pub body_start: usize,
}

/// A handout that could not be read: the error, and its text when it was text at all.
#[derive(Debug)]
pub struct Rejected {
    /// Why it was rejected.
    pub diagnostic: Diagnostic,
    /// The decoded source, so the report can show the offending line.
    pub source: Option<SourceFile>,
}

/// Lists the Markdown files under `dir` (recursively), sorted by path, skipping dotfiles and
/// anything reached through a symbolic link.
pub fn discover(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let file_type = entry.file_type()?;
            let path = entry.path();
            if file_type.is_dir() {
                pending.push(path);
            } else if file_type.is_file() && path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Turns a file stem into a slug: lower-case letters, digits and single hyphens.
pub fn slugify(stem: &str) -> String {
    let mut slug = String::with_capacity(stem.len());
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("handout");
    }
    slug
}

impl Handout {
    /// Reads a handout from raw bytes. `shown` is the path used in messages; `language` the
    /// project's default. Returns the handout and any warnings, or why it was rejected.
    pub fn parse(
        shown: &Path,
        bytes: &[u8],
        language: &str,
    ) -> Result<(Handout, Vec<Diagnostic>), Box<Rejected>> {
        let source = SourceFile::decode(shown, bytes).map_err(|e| {
            let (line, column, message, hint) = match e {
                DecodeError::InvalidUtf8 { line, offset } => (
                    line,
                    1,
                    format!("this file is not valid UTF-8 text (byte {offset} cannot be read)"),
                    "save the file as UTF-8 text (in most editors: Save As → Encoding: UTF-8)",
                ),
                DecodeError::NulByte { line } => (
                    line,
                    1,
                    "this file contains a NUL byte: is it a binary file?".to_owned(),
                    "save the file as UTF-8 text (in most editors: Save As → Encoding: UTF-8)",
                ),
                DecodeError::ControlCharacter {
                    character,
                    line,
                    column,
                } => (
                    line,
                    column,
                    format!(
                        "this file contains an invisible control character (U+{:04X})",
                        u32::from(character)
                    ),
                    "delete it: no output can show it (it often comes pasted in from a word processor)",
                ),
            };
            let mut diagnostic =
                Diagnostic::in_file(lints::ENCODING, Level::Error, shown, line, message)
                    .with_hint(hint);
            diagnostic.column = column;
            Box::new(Rejected {
                diagnostic,
                source: None,
            })
        })?;
        Handout::from_source(source.clone(), language).map_err(|diagnostic| {
            Box::new(Rejected {
                diagnostic: *diagnostic,
                source: Some(source),
            })
        })
    }

    /// Parses decoded text: front matter, title, body.
    fn from_source(
        source: SourceFile,
        language: &str,
    ) -> Result<(Handout, Vec<Diagnostic>), Box<Diagnostic>> {
        let split = front_matter::split(&source.text).map_err(|u| {
            Box::new(
                Diagnostic::at(
                    lints::FRONT_MATTER,
                    Level::Error,
                    &source,
                    u.span,
                    "the front matter opened here is never closed",
                )
                .with_hint("end the front matter with a line of three dashes: `---`"),
            )
        })?;
        let mut meta = match split.yaml {
            Some(text) if !text.trim().is_empty() => yaml::from_str::<Meta>(text, "front matter")
                .map_err(|e| {
                let offset = source.line_start(split.yaml_line + e.line - 1);
                let line_end = source.text[offset..]
                    .find('\n')
                    .map_or(source.text.len(), |i| offset + i);
                let column_offset = source.text[offset..line_end]
                    .char_indices()
                    .nth(e.column.saturating_sub(1))
                    .map_or(line_end, |(i, _)| offset + i);
                let diagnostic = Diagnostic::at(
                    lints::FRONT_MATTER,
                    Level::Error,
                    &source,
                    column_offset..line_end.max(column_offset),
                    e.message,
                );
                match e.hint {
                    Some(hint) => diagnostic.with_hint(hint),
                    None => diagnostic,
                }
            })?,
            _ => Meta::default(),
        };
        if let Some(summary) = &mut meta.summary {
            if let Cow::Owned(normal) = markdown::nfc(summary) {
                *summary = normal;
            }
        }
        let body_start = split.body_start;
        let parsed = markdown::parse(&source.text[body_start..], body_start);
        let mut document = parsed.document;
        let mut warnings = Vec::new();
        if let Some(span) = parsed.too_deep {
            warnings.push(
                Diagnostic::at(
                    lints::TOO_DEEP,
                    Level::Warning,
                    &source,
                    span,
                    format!(
                        "lists or quotes are nested more than {} levels deep; deeper levels are flattened",
                        markdown::MAX_DEPTH
                    ),
                )
                .with_hint("use fewer levels: readers lose their place after two or three"),
            );
        }
        let leading_h1 = match document.blocks.first() {
            Some(Block {
                kind:
                    BlockKind::Heading {
                        level: 1, content, ..
                    },
                span,
            }) => Some((Inline::plain_text(content).trim().to_owned(), span.clone())),
            _ => None,
        };
        let (title, title_span) = match (&meta.title, leading_h1) {
            (Some(title), Some((h1, span))) if h1 == markdown::nfc(title.trim()) => {
                document.blocks.remove(0);
                (h1, span)
            }
            (Some(title), _) => {
                let line = split.yaml_line;
                let start = source.text[..body_start]
                    .find("title:")
                    .unwrap_or(source.line_start(line));
                (markdown::nfc(title.trim()).into_owned(), start..start + 6)
            }
            (None, Some((h1, span))) => {
                document.blocks.remove(0);
                (h1, span)
            }
            (None, None) => return Err(Box::new(
                Diagnostic::at(
                    lints::MISSING_TITLE,
                    Level::Error,
                    &source,
                    body_start..body_start,
                    "this handout has no title",
                )
                .with_hint(
                    "add `title: …` to the front matter, or start the text with a `# Title` line",
                ),
            )),
        };
        let slug = slugify(
            &source
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        let lang = Lang::parse(meta.language.as_deref().unwrap_or(language));
        Ok((
            Handout {
                slug,
                source,
                meta,
                title,
                title_span,
                lang,
                document,
                body_start,
            },
            warnings,
        ))
    }

    /// The summary line, if the front matter gives one.
    pub fn summary(&self) -> Option<&str> {
        self.meta.summary.as_deref().map(str::trim)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Handout, Box<Rejected>> {
        Handout::parse(Path::new("content/a.md"), text.as_bytes(), "en").map(|(h, _)| h)
    }

    #[test]
    fn a_leading_heading_that_repeats_the_title_is_the_title() {
        let h = parse("---\ntitle: A B\n---\n\n# A B\n\nText.\n").ok();
        let h = h.unwrap_or_else(|| panic!("did not parse"));
        assert_eq!(h.title, "A B");
        assert_eq!(h.document.blocks.len(), 1);
    }

    #[test]
    fn title_comes_from_the_first_heading_without_front_matter() {
        let h = parse("# Sleep well\n\nText.\n").ok();
        assert_eq!(h.map(|h| h.title), Some("Sleep well".to_owned()));
    }

    #[test]
    fn no_title_at_all_is_an_error_with_a_hint() {
        let e = parse("Just text.\n").err().map(|r| r.diagnostic);
        let e = e.unwrap_or_else(|| panic!("accepted"));
        assert_eq!(e.lint, lints::MISSING_TITLE);
        assert!(e.hint.is_some());
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let e = parse("---\ntitle: A\nsumary: B\n---\nText\n")
            .err()
            .map(|r| r.diagnostic);
        let e = e.unwrap_or_else(|| panic!("accepted"));
        assert_eq!((e.line, e.column), (3, 1));
        assert_eq!(e.hint.as_deref(), Some("did you mean `summary`?"));
    }

    #[test]
    fn slugs_are_lower_case_and_hyphenated() {
        assert_eq!(slugify("My Handout (v2)"), "my-handout-v2");
        assert_eq!(slugify("---"), "handout");
    }
}
