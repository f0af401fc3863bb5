//! Findings for people: rustc-style snippets with a caret under the problem.

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
    let mut files = SimpleFiles::new();
    let ids: Vec<(&std::path::Path, usize)> = sources
        .iter()
        .map(|s| {
            (
                s.path.as_path(),
                files.add(s.path.display().to_string(), s.text.as_str()),
            )
        })
        .collect();
    let config = term::Config::default();
    for d in diagnostics {
        let severity = match d.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
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
                snippet = snippet.with_labels(vec![Label::primary(id, span.clone())]);
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
