//! Checks that run before anything is written: every lint over every handout.

pub mod glyphs;

use crate::diagnostic::{Diagnostic, Level};
use crate::project::Project;

/// Lint name for a handout whose `kind:` is not configured.
pub const UNKNOWN_KIND: &str = "unknown-kind";

/// Runs every lint over the project's handouts.
pub fn run(project: &Project) -> Vec<Diagnostic> {
    let config = project.config();
    let mut found = Vec::new();
    for handout in &project.handouts {
        if let Some(kind) = &handout.meta.kind {
            if !config.kinds.contains_key(kind) {
                let start = handout.source.text.find("kind:").unwrap_or(0);
                let known: Vec<&str> = config.kinds.keys().map(String::as_str).collect();
                let hint = match crate::diagnostic::did_you_mean(kind, known.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if known.is_empty() => {
                        "declare it under `kinds:` in handout.yaml".to_owned()
                    }
                    None => format!("known kinds: {}", known.join(", ")),
                };
                found.push(
                    Diagnostic::at(
                        UNKNOWN_KIND,
                        Level::Error,
                        &handout.source,
                        start..start + 5,
                        format!("unknown kind `{kind}`"),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    found.extend(glyphs::check(project));
    found
}
