//! Every lint the tool knows: name, default level, what it catches and how to fix it.
//!
//! To add a lint, add a [`Lint`] to [`LINTS`] and emit findings under its name (from a
//! module of `check/`, or from whichever stage can see the problem). SARIF rules, the
//! validation of `checks:` in handout.yaml and `docs/checks.md` (tested) all follow this list.

use crate::config::{Config, LintLevel, LintSetting, Loaded};
use crate::content::lints as load;
use crate::diagnostic::{did_you_mean, Level};
use crate::error::Error;

use super::readability::formulas::Metric;
use super::{glyphs, language, links, metadata, sections};

/// A lint's entry in the registry.
#[derive(Debug, Clone, Copy)]
pub struct Lint {
    /// Stable name, as used in `checks:` and in reports.
    pub name: &'static str,
    /// Its level unless `checks:` says otherwise.
    pub default: LintLevel,
    /// Whether `checks:` may change its level (problems that stop a handout from being read
    /// cannot be turned off).
    pub configurable: bool,
    /// What it catches, in one line.
    pub summary: &'static str,
    /// How to fix what it reports.
    pub help: &'static str,
}

const fn lint(
    name: &'static str,
    default: LintLevel,
    summary: &'static str,
    help: &'static str,
) -> Lint {
    Lint {
        name,
        default,
        configurable: true,
        summary,
        help,
    }
}

impl Lint {
    /// The same lint, with its level fixed: `checks:` may not change it.
    const fn fixed(self) -> Lint {
        Lint {
            configurable: false,
            ..self
        }
    }
}

/// Every lint, in the order `docs/checks.md` lists them.
pub const LINTS: &[Lint] = &[
    lint(
        load::ENCODING,
        LintLevel::Error,
        "The file is not UTF-8 text.",
        "Open the file and save it as UTF-8 (\"Save As\" → Encoding: UTF-8).",
    )
    .fixed(),
    lint(
        load::FRONT_MATTER,
        LintLevel::Error,
        "The front matter is not valid YAML, or has an unknown key.",
        "Fix the line shown; front matter is `key: value` lines between two `---` lines.",
    )
    .fixed(),
    lint(
        load::MISSING_TITLE,
        LintLevel::Error,
        "The handout has no title.",
        "Add `title: …` to the front matter, or start the text with a `# Title` line.",
    )
    .fixed(),
    lint(
        crate::project::DUPLICATE_SLUG,
        LintLevel::Error,
        "Two handouts would be written to the same file.",
        "Rename one of the files: the file name is the handout's slug.",
    )
    .fixed(),
    lint(
        load::TOO_DEEP,
        LintLevel::Warn,
        "Lists or quotes are nested too deeply; deeper levels are flattened.",
        "Use two or three levels at most.",
    )
    .fixed(),
    lint(
        sections::UNKNOWN_KIND,
        LintLevel::Error,
        "The handout's `kind:` is not declared under `kinds:` in handout.yaml.",
        "Fix the spelling, or declare the kind and its required sections in handout.yaml.",
    ),
    lint(
        sections::MISSING_SECTION,
        LintLevel::Error,
        "A section required by the handout's kind has no matching heading.",
        "Add a heading that starts with the section's name, where the message says.",
    ),
    lint(
        sections::SECTION_ORDER,
        LintLevel::Warn,
        "Required sections are not in the order the kind lists them.",
        "Move the section so that required sections follow the order in handout.yaml.",
    ),
    lint(
        metadata::MISSING_METADATA,
        LintLevel::Error,
        "The title or language is missing or empty (error), or there is no summary (warning).",
        "Add the key to the front matter, e.g. `summary: One sentence about the handout.`",
    ),
    lint(
        metadata::REVIEW_OVERDUE,
        LintLevel::Warn,
        "`reviewed:` is older than `review_every` months (default 12), or is not a date.",
        "Have the handout reviewed, then set `reviewed: YYYY-MM-DD` to the review's date.",
    ),
    lint(
        links::MISSING_ALT_TEXT,
        LintLevel::Error,
        "An image has no alternative text.",
        "Describe the image in the brackets: `![A therapist and client talking](photo.jpg)`.",
    ),
    lint(
        links::BROKEN_LINK,
        LintLevel::Error,
        "A relative link points to a missing file, or a web address is malformed.",
        "Fix the path (relative to the handout's folder) or the address (`https://…`).",
    ),
    lint(
        glyphs::MISSING_GLYPH,
        LintLevel::Error,
        "A character the PDF's fonts cannot draw (it would print as an empty box).",
        "Replace the character with one the font has, or remove it; the message names it.",
    )
    .fixed(),
    lint(
        links::IMAGE_PATH,
        LintLevel::Error,
        "An image is remote, an absolute path, missing, outside the project, or not PNG/JPEG/GIF/WebP.",
        "Copy the image into the project and refer to it relative to the handout: `images/door.png`.",
    ),
    lint(
        language::READING_GRADE,
        LintLevel::Warn,
        "The handout reads above the target grade (default: SMOG 8).",
        "Rewrite the hardest sentences named: shorter sentences, shorter everyday words.",
    ),
    lint(
        language::LONG_SENTENCE,
        LintLevel::Warn,
        "A sentence has more than 25 words.",
        "Split the sentence in two, or turn a series into a list.",
    ),
    lint(
        language::COMPLEX_WORD,
        LintLevel::Allow,
        "A word has a plainer everyday alternative (\"utilize\" → \"use\").",
        "Use the plainer word suggested; add your own pairs under `checks: complex-word: words:`.",
    ),
    lint(
        language::DIRECTIVE_LANGUAGE,
        LintLevel::Warn,
        "An absolute or coercive claim (\"will cure\", \"guaranteed\", \"you must\").",
        "Use gentle, hedged wording: \"may help\", \"many people find\", \"you might\".",
    ),
];

/// The lint named `name`.
pub fn find(name: &str) -> Option<&'static Lint> {
    LINTS.iter().find(|l| l.name == name)
}

/// The level `lint` reports at under `config`, or `None` when it is allowed.
pub fn level(config: &Config, lint: &str) -> Option<Level> {
    let default = find(lint).map_or(LintLevel::Warn, |l| l.default);
    config
        .checks
        .get(lint)
        .and_then(LintSetting::level)
        .unwrap_or(default)
        .to_level()
}

fn check_metric(loaded: &Loaded, metric: &str) -> Result<(), Error> {
    if Metric::from_name(metric).is_some() {
        return Ok(());
    }
    let names = Metric::ALL.iter().map(|(n, _)| *n);
    let hint = match did_you_mean(metric, names) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("use one of: {}", Metric::ALL.map(|(n, _)| n).join(", ")),
    };
    Err(loaded.error(
        loaded
            .error_at(metric, format!("unknown readability metric `{metric}`"))
            .with_hint(hint),
    ))
}

/// Checks `checks:` in handout.yaml: known, configurable lint names and known metrics.
pub fn validate(loaded: &Loaded) -> Result<(), Error> {
    for (name, setting) in &loaded.config.checks {
        let Some(lint) = find(name) else {
            let names = LINTS.iter().filter(|l| l.configurable).map(|l| l.name);
            let hint = match did_you_mean(name, names) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "`docs/checks.md` lists every lint".to_owned(),
            };
            return Err(loaded.error(
                loaded
                    .error_at(name, format!("unknown lint `{name}` in `checks:`"))
                    .with_hint(hint),
            ));
        };
        if !lint.configurable {
            return Err(loaded.error(
                loaded
                    .error_at(name, format!("`{name}` cannot be configured"))
                    .with_hint("it reports a problem that stops the handout from being read"),
            ));
        }
        if let LintSetting::Detailed(options) = setting {
            let allowed: &[&str] = match lint.name {
                language::READING_GRADE => &["metric", "max"],
                language::LONG_SENTENCE => &["max"],
                language::COMPLEX_WORD => &["words"],
                _ => &[],
            };
            let given = [
                ("metric", options.metric.is_some()),
                ("max", options.max.is_some()),
                ("words", !options.words.is_empty()),
            ];
            if let Some((option, _)) = given
                .iter()
                .find(|(option, set)| *set && !allowed.contains(option))
            {
                let hint = match allowed {
                    [] => format!("`{name}` takes only `level`"),
                    _ => format!("`{name}` takes `level` and `{}`", allowed.join("`, `")),
                };
                return Err(loaded.error(
                    loaded
                        .error_at(name, format!("`{name}` has no option `{option}`"))
                        .with_hint(hint),
                ));
            }
            if let Some(metric) = &options.metric {
                check_metric(loaded, metric)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_documented() {
        let docs = include_str!("../../docs/checks.md");
        for (i, lint) in LINTS.iter().enumerate() {
            assert!(
                LINTS[..i].iter().all(|l| l.name != lint.name),
                "{} twice",
                lint.name
            );
            assert!(
                docs.contains(&format!("## `{}`", lint.name)),
                "docs/checks.md lacks a `## `{}`` section",
                lint.name
            );
        }
    }

    #[test]
    fn configured_levels_override_defaults() {
        let mut config = Config::default();
        assert_eq!(level(&config, language::COMPLEX_WORD), None);
        assert_eq!(
            level(&config, sections::MISSING_SECTION),
            Some(Level::Error)
        );
        config.checks.insert(
            language::COMPLEX_WORD.to_owned(),
            LintSetting::Level(LintLevel::Error),
        );
        assert_eq!(level(&config, language::COMPLEX_WORD), Some(Level::Error));
    }
}
