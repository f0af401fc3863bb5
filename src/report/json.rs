//! `--message-format json`: one JSON document with the findings, the tally and the
//! readability of each handout. Its schema is `docs/report.schema.json`.

use serde::Serialize;

use crate::check::readability::Readability;
use crate::diagnostic::Diagnostic;

use super::Tally;

/// The version of the document's shape; raised when a field changes meaning or goes away.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    diagnostics: &'a [Diagnostic],
    readability: &'a [Readability],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    handouts: usize,
    errors: usize,
    warnings: usize,
}

/// The report as pretty-printed JSON, ending in a newline.
pub fn render(diagnostics: &[Diagnostic], readability: &[Readability], tally: &Tally) -> String {
    let document = Document {
        version: FORMAT_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            handouts: tally.handouts,
            errors: tally.errors,
            warnings: tally.warnings,
        },
        diagnostics,
        readability,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
