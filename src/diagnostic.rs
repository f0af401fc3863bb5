//! Findings about a project's files: a stable lint name, a level, a place and a message.

use std::path::PathBuf;

use serde::Serialize;

use crate::content::document::Span;
use crate::source::SourceFile;

/// How serious a finding is once configuration has been applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Something the build did that the author may want to know (and pin), never a fault:
    /// `--deny-warnings` leaves it as it is.
    Note,
    /// Reported; does not stop a build (unless `--deny warnings`).
    Warning,
    /// Stops a build: nothing is written.
    Error,
}

impl Level {
    /// The word used in every report: `error`, `warning` or `note`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// One finding, located in a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable lint name, e.g. `missing-section`.
    pub lint: &'static str,
    /// Error or warning.
    pub level: Level,
    /// The file, as shown to people (relative to the project root).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte span in the file's normalised text, when the file could be read as text.
    #[serde(skip)]
    pub span: Option<Span>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Further facts that explain the finding (e.g. the hardest sentences, with places).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A finding at `span` of `source`.
    pub fn at(
        lint: &'static str,
        level: Level,
        source: &SourceFile,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = source.line_col(span.start);
        Diagnostic {
            lint,
            level,
            file: source.path.clone(),
            line,
            column,
            span: Some(span),
            message: message.into(),
            hint: None,
            notes: Vec::new(),
        }
    }

    /// A finding about a whole file, or a place in a file that has no readable text.
    pub fn in_file(
        lint: &'static str,
        level: Level,
        file: impl Into<PathBuf>,
        line: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            lint,
            level,
            file: file.into(),
            line,
            column: 1,
            span: None,
            message: message.into(),
            hint: None,
            notes: Vec::new(),
        }
    }

    /// Adds a hint saying how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a note that explains the finding.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The message followed by its notes and hint, one per line, for plain-text reports.
    pub fn full_text(&self) -> String {
        let mut text = self.message.clone();
        for note in &self.notes {
            text.push('\n');
            text.push_str(note);
        }
        if let Some(hint) = &self.hint {
            text.push_str("\nhelp: ");
            text.push_str(hint);
        }
        text
    }

    /// `file:line:column`, as editors and terminals link it.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["title", "summary", "kind", "language"];
        assert_eq!(did_you_mean("titel", names), Some("title"));
        assert_eq!(did_you_mean("langauge", names), Some("language"));
        assert_eq!(did_you_mean("colour", names), None);
    }
}
