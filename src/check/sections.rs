//! A handout's kind and the sections it requires: `unknown-kind`, `missing-section`,
//! `section-order`.
//!
//! A required section matches a heading whose text starts with it, ignoring case and
//! punctuation: "What sessions may typically include (neutral, gentle)" matches "What
//! sessions may typically include".

use crate::content::document::{BlockKind, Inline, Span};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::lints::{MISSING_SECTION, SECTION_ORDER, UNKNOWN_KIND};

use super::Context;

/// Lower-case words, punctuation dropped: the form headings are compared in.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `heading` is the required section `required`.
pub fn matches(heading: &str, required: &str) -> bool {
    let (heading, required) = (words(heading), words(required));
    !required.is_empty() && heading.starts_with(&required)
}

/// Runs the section lints over one handout.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(kind_name) = &cx.handout.meta.kind else {
        return;
    };
    let config = cx.config();
    let Some(kind) = config.kinds.get(kind_name) else {
        let known = config.kinds.keys().map(String::as_str);
        let hint = match did_you_mean(kind_name, known) {
            Some(best) => format!("did you mean `{best}`?"),
            None if config.kinds.is_empty() => {
                "declare it under `kinds:` in handout.yaml".to_owned()
            }
            None => format!(
                "known kinds: {}",
                config.kinds.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        };
        out.push(
            cx.at(
                UNKNOWN_KIND,
                cx.front_matter_key("kind"),
                format!("unknown kind `{kind_name}`"),
            )
            .with_hint(hint),
        );
        return;
    };
    let headings: Vec<(String, Span)> = cx
        .handout
        .document
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { content, .. } => {
                Some((Inline::plain_text(content), b.span.clone()))
            }
            _ => None,
        })
        .collect();
    // For each required section, the index of the first heading that matches it.
    let found: Vec<Option<usize>> = kind
        .required_sections
        .iter()
        .map(|req| headings.iter().position(|(h, _)| matches(h, req)))
        .collect();
    let file = cx.handout.source.path.display();
    for (i, required) in kind.required_sections.iter().enumerate() {
        if found[i].is_some() {
            continue;
        }
        let previous = found[..i].iter().rev().flatten().next();
        let next = found[i + 1..].iter().flatten().next();
        let (span, place) = match (previous, next) {
            (_, Some(&n)) => (
                headings[n].1.clone(),
                format!("before “{}”", headings[n].0.trim()),
            ),
            (Some(&p), None) => (
                headings[p].1.clone(),
                format!("after the section “{}”", headings[p].0.trim()),
            ),
            (None, None) => (cx.handout.title_span.clone(), "after the title".to_owned()),
        };
        out.push(
            cx.at(
                MISSING_SECTION,
                span,
                format!(
                    "{file} has no section “{required}”, which every `{kind_name}` handout needs"
                ),
            )
            .with_hint(format!("add a `## {required}` heading {place}")),
        );
    }
    let mut last: Option<(usize, &String)> = None;
    for (i, required) in kind.required_sections.iter().enumerate() {
        let Some(at) = found[i] else { continue };
        if let Some((before, previous)) = last {
            if at < before {
                out.push(
                    cx.at(
                        SECTION_ORDER,
                        headings[at].1.clone(),
                        format!("“{required}” comes before “{previous}”"),
                    )
                    .with_hint(format!(
                        "the `{kind_name}` kind lists “{previous}” first; move this section after it"
                    )),
                );
                continue;
            }
        }
        last = Some((at, required));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_match_by_prefix_ignoring_case_and_punctuation() {
        assert!(matches(
            "What sessions may typically include (neutral, gentle)",
            "What sessions may typically include"
        ));
        assert!(matches(
            "how IT may support trauma-survivors!",
            "How it may support trauma survivors"
        ));
        assert!(!matches(
            "What sessions",
            "What sessions may typically include"
        ));
        assert!(!matches("Anything", ""));
    }
}
