//! Checks that run before anything is written: every lint over every handout.
//!
//! [`crate::lints`] lists every lint (name, default level, what it catches, how to fix it);
//! the reporters and `docs/checks.md` follow it. Each family of lints has its module and
//! a `check(&Context, &mut Vec<Diagnostic>)` function that [`run`] calls per handout.

pub mod glyphs;
pub mod language;
pub mod links;
pub mod metadata;
pub mod readability;
pub mod sections;

use rayon::prelude::*;

use crate::config::{Config, LintOptions, LintSetting};
use crate::content::document::Span;
use crate::content::Handout;
use crate::diagnostic::{Diagnostic, Level};
use crate::project::Project;
use readability::Readability;

/// What a lint sees of one handout.
pub struct Context<'a> {
    /// The project (configuration, root folder).
    pub project: &'a Project,
    /// The handout being checked.
    pub handout: &'a Handout,
    /// The handout's readability, measured once for every lint that needs it.
    pub readability: &'a Readability,
    /// Today, as days since 1970-01-01 (from `SOURCE_DATE_EPOCH` when set).
    pub today: i64,
}

impl Context<'_> {
    /// The settings in force.
    pub fn config(&self) -> &Config {
        self.project.config()
    }

    /// The options configured for `lint`, if it was given any.
    pub fn options(&self, lint: &str) -> Option<&LintOptions> {
        match self.config().checks.get(lint) {
            Some(LintSetting::Detailed(options)) => Some(options),
            _ => None,
        }
    }

    /// A finding of `lint` at `span` of this handout, at the lint's configured level. (A
    /// finding of a lint set to `allow` is made as a warning and dropped by [`run`].)
    pub fn at(&self, lint: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        let level = self.config().level(lint).unwrap_or(Level::Warning);
        Diagnostic::at(lint, level, &self.handout.source, span, message)
    }

    /// The span of `key:` in the handout's front matter, or of the title when it is absent.
    pub fn front_matter_key(&self, key: &str) -> Span {
        let head = &self.handout.source.text[..self.handout.body_start];
        let needle = format!("{key}:");
        head.lines()
            .scan(0, |offset, line| {
                let start = *offset;
                *offset += line.len() + 1;
                Some((start, line))
            })
            .find(|(_, line)| line.starts_with(&needle))
            .map_or(self.handout.title_span.clone(), |(start, _)| {
                start..start + key.len()
            })
    }
}

/// What the checks found, and the readability they measured on the way.
pub struct Findings {
    /// Every finding of a lint not set to `allow`, in content order.
    pub diagnostics: Vec<Diagnostic>,
    /// Each handout's readability, in content order.
    pub readability: Vec<Readability>,
}

/// Runs every lint over the project's handouts (in parallel, reported in content order);
/// findings of lints set to `allow` are dropped.
pub fn run(project: &Project) -> Findings {
    let today = metadata::today();
    let per_handout: Vec<(Vec<Diagnostic>, Readability)> = project
        .handouts
        .par_iter()
        .map(|handout| {
            let readability = readability::measure(handout);
            let cx = Context {
                project,
                handout,
                readability: &readability,
                today,
            };
            let mut found = Vec::new();
            sections::check(&cx, &mut found);
            metadata::check(&cx, &mut found);
            links::check(&cx, &mut found);
            language::check(&cx, &mut found);
            (found, readability)
        })
        .collect();
    let (per_handout, readability): (Vec<_>, Vec<_>) = per_handout.into_iter().unzip();
    let mut diagnostics = per_handout.concat();
    diagnostics.extend(glyphs::check(project));
    diagnostics.retain(|d| project.config().level(d.lint).is_some());
    Findings {
        diagnostics,
        readability,
    }
}
