//! Reporters: diagnostics for people (rustc-style) and for machines.

pub mod faces;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod table;

use crate::diagnostic::{Diagnostic, Level};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// Source line and caret, coloured on a terminal; a readability table after `check`.
    Human,
    /// One JSON document (schema: docs/report.schema.json) on standard output.
    Json,
    /// GitHub Actions workflow commands (`::warning file=…`) on standard output.
    Github,
    /// A SARIF 2.1.0 log for code scanning on standard output.
    Sarif,
}

/// Counts of findings, for the closing line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Handouts checked.
    pub handouts: usize,
    /// Findings at error level.
    pub errors: usize,
    /// Findings at warning level.
    pub warnings: usize,
}

impl Tally {
    /// Counts `diagnostics` for `handouts` handouts.
    pub fn new(handouts: usize, diagnostics: &[Diagnostic]) -> Self {
        let count = |level: Level| diagnostics.iter().filter(|d| d.level == level).count();
        Tally {
            handouts,
            errors: count(Level::Error),
            warnings: count(Level::Warning),
        }
    }

    /// "1 handout checked: 0 errors, 3 warnings"
    pub fn summary(&self) -> String {
        format!(
            "{} checked: {}, {}",
            plural(self.handouts, "handout"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        )
    }
}

/// "1 error", "2 errors".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
