//! `--message-format sarif`: SARIF 2.1.0, the format GitHub code scanning reads. One rule per
//! lint of the [list](crate::lints), one result per finding.

use serde_json::{json, Value};

use crate::diagnostic::{Diagnostic, Level};
use crate::lints::LintLevel;
use crate::lints::LINTS;
use crate::source::SourceFile;

/// The base every result's file is relative to: the project folder.
const SRCROOT: &str = "%SRCROOT%";

/// The SARIF log, pretty-printed, ending in a newline.
pub fn render(diagnostics: &[Diagnostic], sources: &[&SourceFile]) -> String {
    let rules: Vec<Value> = LINTS
        .iter()
        .map(|lint| {
            let mut rule = json!({
                "id": lint.name,
                "shortDescription": { "text": lint.summary },
                "fullDescription": { "text": lint.summary },
                "help": { "text": lint.help, "markdown": lint.help },
                "defaultConfiguration": { "level": sarif_default(lint.default) },
            });
            // SARIF wants `name` to differ from `id`; one-word lints ("encoding") have none.
            let name = rule_name(lint.name);
            if !name.eq_ignore_ascii_case(lint.name) {
                rule["name"] = json!(name);
            }
            rule
        })
        .collect();
    let results: Vec<Value> = diagnostics.iter().map(|d| result(d, sources)).collect();
    let mut driver = json!({
        "name": env!("CARGO_PKG_NAME"),
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if !information_uri().is_empty() {
        driver["informationUri"] = json!(information_uri());
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "originalUriBaseIds": {
                SRCROOT: { "description": { "text": "The project folder (holding handout.yaml)." } }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// Where people learn about the tool: the package's homepage or repository (Cargo.toml),
/// empty while neither is set.
fn information_uri() -> &'static str {
    match env!("CARGO_PKG_HOMEPAGE") {
        "" => env!("CARGO_PKG_REPOSITORY"),
        homepage => homepage,
    }
}

/// "missing-section" → "MissingSection", SARIF's convention for rule names.
fn rule_name(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn sarif_default(level: LintLevel) -> &'static str {
    match level {
        LintLevel::Allow => "none",
        LintLevel::Note => "note",
        LintLevel::Warn => "warning",
        LintLevel::Error => "error",
    }
}

fn result(d: &Diagnostic, sources: &[&SourceFile]) -> Value {
    let text = d.full_text();
    let uri = d.file.to_string_lossy().replace('\\', "/");
    let line_text = sources
        .iter()
        .find(|s| s.path == d.file)
        .and_then(|s| s.text.lines().nth(d.line.saturating_sub(1)))
        .unwrap_or("");
    let mut value = json!({
        "ruleId": d.lint,
        "level": match d.level { Level::Error => "error", Level::Warning => "warning", Level::Note => "note" },
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri, "uriBaseId": SRCROOT },
                "region": { "startLine": d.line, "startColumn": d.column },
            }
        }],
        "partialFingerprints": {
            "primaryLocationLineHash": format!("{:016x}:1", fingerprint(d.lint, &uri, line_text.trim())),
        },
    });
    if let Some(index) = LINTS.iter().position(|l| l.name == d.lint) {
        value["ruleIndex"] = json!(index);
    }
    value
}

/// A stable hash of what a finding is about, so code scanning can follow it as lines move.
fn fingerprint(lint: &str, uri: &str, line: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in lint
        .bytes()
        .chain([0])
        .chain(uri.bytes())
        .chain([0])
        .chain(line.bytes())
    {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(rule_name("missing-section"), "MissingSection");
        assert_eq!(rule_name("ari"), "Ari");
    }
}
