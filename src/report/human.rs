//! Findings for people: rustc-style snippets with a caret under the problem.
//!
//! Only the first line of a span is shown, and a very long line only around the problem, so
//! that a finding in a 1 MB paragraph is still a few lines on the terminal.

use std::borrow::Cow;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};

use crate::diagnostic::{Diagnostic, Level};
use crate::source::SourceFile;

/// Writes each diagnostic with its source line, caret, and hint.
pub fn emit(
    out: &mut dyn WriteColor,
    diagnostics: &[Diagnostic],
    sources: &[&SourceFile],
) -> std::io::Result<()> {
    let mut files: SimpleFiles<String, Cow<'_, str>> = SimpleFiles::new();
    let ids: Vec<(&std::path::Path, usize)> = sources
        .iter()
        .map(|s| {
            (
                s.path.as_path(),
                files.add(s.path.display().to_string(), Cow::Borrowed(s.text.as_str())),
            )
        })
        .collect();
    let config = term::Config::default();
    for d in diagnostics {
        let severity = match d.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Note => Severity::Note,
        };
        let file_id = ids
            .iter()
            .find(|(path, _)| *path == d.file.as_path())
            .map(|(_, id)| *id);
        let mut snippet = Snippet::new(severity)
            .with_code(d.lint)
            .with_message(&d.message);
        match (file_id, &d.span) {
            (Some(id), Some(span)) => {
                let source = sources.iter().find(|s| s.path == d.file);
                let label = match source.and_then(|s| excerpt(s, span.clone(), d.line)) {
                    Some((text, span)) => {
                        Label::primary(files.add(d.file.display().to_string(), text), span)
                    }
                    None => Label::primary(id, first_line(source, span.clone())),
                };
                snippet = snippet.with_labels(vec![label]);
            }
            _ => {
                snippet = snippet.with_notes(vec![format!("at {}", d.location())]);
            }
        }
        let mut notes = snippet.notes.clone();
        notes.extend(d.notes.iter().cloned());
        notes.extend(d.hint.iter().map(|hint| format!("help: {hint}")));
        snippet = snippet.with_notes(notes);
        if term::emit_to_write_style(out, &config, &files, &snippet).is_err() {
            writeln!(
                out,
                "{}[{}]: {}: {}",
                d.level.as_str(),
                d.lint,
                d.location(),
                d.message
            )?;
        }
    }
    Ok(())
}

/// Lines longer than this are shown only around the problem.
const LONG_LINE: usize = 160;
/// Characters shown before the problem on a long line.
const CONTEXT: usize = 60;

/// `span` cut to the end of its first line.
fn first_line(source: Option<&&SourceFile>, span: Range<usize>) -> Range<usize> {
    let Some(source) = source else {
        return span;
    };
    let end = source.text[span.start.min(source.text.len())..]
        .find('\n')
        .map_or(source.text.len(), |i| span.start + i);
    span.start..span.end.min(end).max(span.start)
}

/// For a span on a very long line: a stand-in file holding only a window of that line (at
/// the same line number), and the span within it.
fn excerpt(
    source: &SourceFile,
    span: Range<usize>,
    line: usize,
) -> Option<(Cow<'static, str>, Range<usize>)> {
    let text = &source.text;
    let start = source.line_start(line);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[start..end].chars().count() <= LONG_LINE {
        return None;
    }
    let before: Vec<usize> = text[start..span.start.clamp(start, end)]
        .char_indices()
        .map(|(i, _)| start + i)
        .collect();
    let from = before
        .len()
        .checked_sub(CONTEXT)
        .map_or(start, |skip| before[skip]);
    let to = text[from..end]
        .char_indices()
        .nth(LONG_LINE)
        .map_or(end, |(i, _)| from + i);
    let lead = if from > start { "…" } else { "" };
    let tail = if to < end { "…" } else { "" };
    let window = format!("{}{lead}{}{tail}\n", "\n".repeat(line - 1), &text[from..to]);
    let offset = line - 1 + lead.len();
    let label_start = offset + span.start.clamp(from, to) - from;
    let label_end = offset + span.end.clamp(from, to) - from;
    Some((Cow::Owned(window), label_start..label_end.max(label_start)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_problem() {
        let line = format!("{}PROBLEM{}", "a".repeat(500), "b".repeat(500));
        let source = SourceFile::new("a.md", format!("first\n{line}\n"));
        let start = source.text.find("PROBLEM").unwrap_or_default();
        let cut = excerpt(&source, start..start + 7, 2);
        let (text, span) = cut.unwrap_or_else(|| panic!("not cut"));
        assert_eq!(&text[span.clone()], "PROBLEM");
        let shown = text.lines().nth(1).unwrap_or_default();
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().count(), LONG_LINE + 2);
    }

    #[test]
    fn short_lines_are_shown_whole_and_spans_end_at_their_line() {
        let source = SourceFile::new("a.md", "one two\nthree\n".to_owned());
        assert!(excerpt(&source, 4..7, 1).is_none());
        assert_eq!(first_line(Some(&&source), 4..12), 4..7);
    }
}
