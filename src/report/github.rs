//! `--message-format github`: GitHub Actions workflow commands
//! (`::warning file=…,line=…,col=…,title=…::message`), which annotate the changed lines.

use crate::diagnostic::{Diagnostic, Level};

/// One workflow command per finding, each on its own line.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        let message = d.full_text();
        out.push_str(&format!(
            "::{command} file={},line={},col={},title={}::{}\n",
            property(&d.file.to_string_lossy().replace('\\', "/")),
            d.line,
            d.column,
            property(d.lint),
            data(&message)
        ));
    }
    out
}

/// Escapes a command's message: `%`, CR and LF.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as [`data`], plus `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_escape_what_the_syntax_reserves() {
        let d = Diagnostic::in_file(
            "long-sentence",
            Level::Warning,
            "content/a,b.md",
            3,
            "50% too\nlong",
        )
        .with_hint("split: it");
        assert_eq!(
            render(&[d]),
            "::warning file=content/a%2Cb.md,line=3,col=1,title=long-sentence::50%25 too%0Along%0Ahelp: split: it\n"
        );
    }
}
