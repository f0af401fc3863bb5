//! Every lint the tool knows: its name, default level, what it catches and how to fix it.
//!
//! To add a lint, add its name and a [`Lint`] to [`LINTS`], and emit findings under that
//! name from whichever stage can see the problem (a module of `check/`, or loading). SARIF
//! rules, the validation of `checks:` in handout.yaml and `docs/checks.md` (tested) all follow
//! this list. Nothing here depends on the rest of the crate but [`Level`].

use serde::Deserialize;

use crate::diagnostic::Level;

/// The file is not UTF-8 text.
pub const ENCODING: &str = "encoding";
/// The front matter is not valid YAML or has unknown keys.
pub const FRONT_MATTER: &str = "front-matter";
/// No title could be found.
pub const MISSING_TITLE: &str = "missing-title";
/// Containers nested beyond what any reader can follow.
pub const TOO_DEEP: &str = "nesting-depth";
/// A handout whose `kind:` is not configured.
pub const UNKNOWN_KIND: &str = "unknown-kind";
/// A required section with no matching heading.
pub const MISSING_SECTION: &str = "missing-section";
/// Required sections out of order.
pub const SECTION_ORDER: &str = "section-order";
/// A missing or empty title, language or summary.
pub const MISSING_METADATA: &str = "missing-metadata";
/// A handout whose last review is too long ago.
pub const REVIEW_OVERDUE: &str = "review-overdue";
/// A `reviewed:` date in the future.
pub const REVIEW_DATE: &str = "review-date";
/// An image without alternative text.
pub const MISSING_ALT_TEXT: &str = "missing-alt-text";
/// A link to a missing file or a malformed address.
pub const BROKEN_LINK: &str = "broken-link";
/// An image that is remote, absolute, missing, outside the project or of an
/// unsupported type.
pub const IMAGE_PATH: &str = "image-path";
/// A character the PDF's faces cannot draw.
pub const MISSING_GLYPH: &str = "missing-glyph";
/// Text set in an installed face that `fonts:` does not name.
pub const INSTALLED_FONT: &str = "installed-font";
/// A handout that cannot be set on the number of pages it asks for.
pub const PAGE_FIT: &str = "page-fit";
/// A handout above its target reading grade.
pub const READING_GRADE: &str = "reading-grade";
/// A sentence of more than 25 words.
pub const LONG_SENTENCE: &str = "long-sentence";
/// A word with a plainer alternative.
pub const COMPLEX_WORD: &str = "complex-word";
/// Absolute or coercive claims.
pub const DIRECTIVE_LANGUAGE: &str = "directive-language";
/// Two handouts that would write the same output file.
pub const DUPLICATE_SLUG: &str = "duplicate-slug";

/// The level of a lint as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LintLevel {
    /// Not reported.
    Allow,
    /// Reported as a note: never stops a build, even with `--deny warnings`.
    Note,
    /// Reported as a warning.
    Warn,
    /// Reported as an error; stops the build.
    Error,
}

impl LintLevel {
    /// The diagnostic level this maps to, or `None` when the lint is off.
    pub fn to_level(self) -> Option<Level> {
        match self {
            LintLevel::Allow => None,
            LintLevel::Note => Some(Level::Note),
            LintLevel::Warn => Some(Level::Warning),
            LintLevel::Error => Some(Level::Error),
        }
    }
}

/// The names of the readability metrics a `reading-grade` setting may choose.
pub const METRICS: [&str; 5] = [
    "smog",
    "flesch-kincaid",
    "gunning-fog",
    "coleman-liau",
    "ari",
];

/// A lint's entry in the list.
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
    /// The options `checks:` may give it besides `level`.
    pub options: &'static [&'static str],
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
        options: &[],
    }
}

impl Lint {
    /// The same lint, taking `options` besides its level.
    const fn with_options(self, options: &'static [&'static str]) -> Lint {
        Lint { options, ..self }
    }

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
        ENCODING,
        LintLevel::Error,
        "The file is not UTF-8 text.",
        "Open the file and save it as UTF-8 (\"Save As\" → Encoding: UTF-8).",
    )
    .fixed(),
    lint(
        FRONT_MATTER,
        LintLevel::Error,
        "The front matter is not valid YAML, or has an unknown key.",
        "Fix the line shown; front matter is `key: value` lines between two `---` lines.",
    )
    .fixed(),
    lint(
        MISSING_TITLE,
        LintLevel::Error,
        "The handout has no title.",
        "Add `title: …` to the front matter, or start the text with a `# Title` line.",
    )
    .fixed(),
    lint(
        DUPLICATE_SLUG,
        LintLevel::Error,
        "Two handouts would be written to the same file.",
        "Rename one of the files: the file name is the handout's slug.",
    )
    .fixed(),
    lint(
        TOO_DEEP,
        LintLevel::Warn,
        "Lists or quotes are nested too deeply; deeper levels are flattened.",
        "Use two or three levels at most.",
    )
    .fixed(),
    lint(
        UNKNOWN_KIND,
        LintLevel::Error,
        "The handout's `kind:` is not declared under `kinds:` in handout.yaml.",
        "Fix the spelling, or declare the kind and its required sections in handout.yaml.",
    ),
    lint(
        MISSING_SECTION,
        LintLevel::Error,
        "A section required by the handout's kind has no matching heading.",
        "Add a heading that starts with the section's name, where the message says.",
    ),
    lint(
        SECTION_ORDER,
        LintLevel::Warn,
        "Required sections are not in the order the kind lists them.",
        "Move the section so that required sections follow the order in handout.yaml.",
    ),
    lint(
        MISSING_METADATA,
        LintLevel::Error,
        "The title or language is missing or empty (error), or there is no summary (warning).",
        "Add the key to the front matter, e.g. `summary: One sentence about the handout.`",
    ),
    lint(
        REVIEW_OVERDUE,
        LintLevel::Warn,
        "`reviewed:` is older than `review_every` months (default 12).",
        "Have the handout reviewed, then set `reviewed: YYYY-MM-DD` to the review's date.",
    ),
    lint(
        REVIEW_DATE,
        LintLevel::Warn,
        "`reviewed:` is a date in the future.",
        "Write the date the handout was last reviewed, as YYYY-MM-DD.",
    ),
    lint(
        MISSING_ALT_TEXT,
        LintLevel::Error,
        "An image has no alternative text.",
        "Describe the image in the brackets: `![A therapist and client talking](photo.jpg)`.",
    ),
    lint(
        BROKEN_LINK,
        LintLevel::Error,
        "A relative link points to a missing file, or a web address is malformed.",
        "Fix the path (relative to the handout's folder) or the address (`https://…`).",
    ),
    lint(
        MISSING_GLYPH,
        LintLevel::Error,
        "A character the PDF's fonts cannot draw (it would print as an empty box).",
        "Replace the character with one the font has, or remove it; the message names it.",
    )
    .fixed(),
    lint(
        INSTALLED_FONT,
        LintLevel::Note,
        "Text no configured face draws is set in a face found installed on this machine.",
        "Name the family in handout.yaml (`fonts: { zh: [Noto Sans CJK SC] }`) so every machine sets the same face, or stops when it lacks it.",
    ),
    lint(
        PAGE_FIT,
        LintLevel::Note,
        "A handout cannot be set on the number of pages `fit: { pages: N }` asks for within the layout's bounds.",
        "Shorten or lengthen the handout by about the lines the note names, or ask for another number of pages.",
    ),
    lint(
        IMAGE_PATH,
        LintLevel::Error,
        "An image is remote, an absolute path, missing, outside the project, or not PNG/JPEG/GIF/WebP.",
        "Copy the image into the project and refer to it relative to the handout: `images/door.png`.",
    ),
    lint(
        READING_GRADE,
        LintLevel::Warn,
        "The handout reads above the target grade (default: SMOG 8).",
        "Rewrite the hardest sentences named: shorter sentences, shorter everyday words.",
    )
    .with_options(&["metric", "max"]),
    lint(
        LONG_SENTENCE,
        LintLevel::Warn,
        "A sentence has more than 25 words.",
        "Split the sentence in two, or turn a series into a list.",
    )
    .with_options(&["max"]),
    lint(
        COMPLEX_WORD,
        LintLevel::Allow,
        "A word has a plainer everyday alternative (\"utilize\" → \"use\").",
        "Use the plainer word suggested; add your own pairs under `checks: complex-word: words:`.",
    )
    .with_options(&["words"]),
    lint(
        DIRECTIVE_LANGUAGE,
        LintLevel::Warn,
        "An absolute or coercive claim (\"will cure\", \"guaranteed\", \"you must\").",
        "Use gentle, hedged wording: \"may help\", \"many people find\", \"you might\".",
    ),
];

/// The lint named `name`.
pub fn find(name: &str) -> Option<&'static Lint> {
    LINTS.iter().find(|l| l.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_documented() {
        let docs = include_str!("../docs/checks.md");
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
}
