//! A project on disk: its configuration and its handouts, loaded and parsed.

use crate::lints::DUPLICATE_SLUG;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{self, BookletSize, Config, PrintSettings};
use crate::content::{self, Handout};
use crate::diagnostic::{Diagnostic, Level};
use crate::error::Error;
use crate::fonts::FontBook;
use crate::source::SourceFile;

/// A loaded project.
pub struct Project {
    /// The project's root folder.
    pub root: PathBuf,
    /// Its configuration, with the file it came from.
    pub config: config::Loaded,
    /// The faces its outputs are set in: the bundled ones, or the project's `fonts/` copies.
    pub fonts: FontBook,
    /// The handouts that parsed, in content order.
    pub handouts: Vec<Handout>,
    /// Text of the handouts that were rejected, for the report.
    pub rejected: Vec<crate::source::SourceFile>,
}

impl Project {
    /// Loads the configuration and every handout under the content folder. Problems in
    /// handouts come back as diagnostics; problems that stop everything as an [`Error`].
    pub fn load(root: &Path) -> Result<(Project, Vec<Diagnostic>), Error> {
        if !root.is_dir() {
            return Err(Error::Usage(format!(
                "{} is not a folder; give the folder that holds handout.yaml and content/",
                root.display()
            )));
        }
        let config = config::load(root)?;
        let content_dir = root.join(&config.config.content);
        if !content_dir.is_dir() {
            return Err(Error::Usage(format!(
                "no content folder at {}; create it, or set `content:` in handout.yaml",
                content_dir.display()
            )));
        }
        let files = content::discover(&content_dir).map_err(|e| Error::read(&content_dir, e))?;
        if files.is_empty() {
            return Err(Error::Usage(format!(
                "no handouts (*.md files) in {}; `handout new SLUG` makes one",
                content_dir.display()
            )));
        }
        let slugs: Vec<String> = files
            .iter()
            .map(|path| content::slugify(&path.file_stem().unwrap_or_default().to_string_lossy()))
            .collect();
        config.check_booklets(&slugs, root)?;
        let language = config.config.language.clone();
        let (parsed, fonts): (Vec<Result<_, Error>>, _) = rayon::join(
            || {
                files
                    .par_iter()
                    .map(|path| {
                        let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
                        let shown = path.strip_prefix(root).unwrap_or(path);
                        Ok(Handout::parse(shown, &bytes, &language))
                    })
                    .collect()
            },
            || {
                let locate = |family: &str, message: String, hint: String| {
                    config.error(config.error_at(family, message).with_hint(hint))
                };
                FontBook::load(root, &config.config.fonts, &locate)
            },
        );
        let fonts = fonts?;
        let mut handouts = Vec::new();
        let mut rejected = Vec::new();
        let mut diagnostics = Vec::new();
        for result in parsed {
            match result? {
                Ok((handout, warnings)) => {
                    diagnostics.extend(warnings);
                    handouts.push(handout);
                }
                Err(failure) => {
                    diagnostics.push(failure.diagnostic);
                    rejected.extend(failure.source);
                }
            }
        }
        diagnostics.extend(duplicate_slugs(&handouts));
        Ok((
            Project {
                root: root.to_path_buf(),
                config,
                fonts,
                handouts,
                rejected,
            },
            diagnostics,
        ))
    }

    /// A project held in memory, for handouts that were never files (tests, fuzzing): no
    /// layouts or pictures of its own, the default settings but for `formats`.
    pub fn in_memory(handouts: Vec<Handout>, formats: Vec<crate::config::Format>) -> Project {
        let mut config = config::Loaded::default();
        config.config.formats = formats;
        Project {
            root: PathBuf::from("/nonexistent-handout-project"),
            config,
            fonts: FontBook::bundled(),
            handouts,
            rejected: Vec::new(),
        }
    }

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.config.config
    }

    /// Every source file a diagnostic may point into.
    pub fn sources(&self) -> Vec<&SourceFile> {
        self.config
            .source
            .iter()
            .chain(self.handouts.iter().map(|h| &h.source))
            .chain(&self.rejected)
            .collect()
    }
}

/// One booklet to bind: which handouts, in which order, under which title and identifier.
/// Every format that binds handouts together (EPUB booklets, print booklets) follows it.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// File stem of the booklet and seed of its identifier.
    pub id: String,
    /// The booklet's title.
    pub title: String,
    /// An identifier given in handout.yaml, used instead of the one derived from `id`.
    pub identifier: Option<String>,
    /// The handouts, in the booklet's order.
    pub handouts: Vec<&'a Handout>,
    /// What the printed booklet's cover says and how it is printed.
    pub print: PrintPlan,
    /// Listed under `booklets:` (print booklets are made of these only), not the one of
    /// every handout made when there is no list.
    pub listed: bool,
}

/// The printed booklet's own settings (see [`crate::config::Booklet`]).
#[derive(Debug, Clone, Default)]
pub struct PrintPlan {
    /// A line under the title on the cover.
    pub subtitle: Option<String>,
    /// The cover picture, as written in handout.yaml.
    pub cover: Option<String>,
    /// The date on the cover, as written.
    pub date: Option<String>,
    /// Half the paper or the full paper.
    pub size: BookletSize,
    /// Imposition, duplex, creep and marks.
    pub settings: PrintSettings,
}

impl Plan<'_> {
    /// The booklet's language: its handouts' when they share one, else `project`'s.
    pub fn language<'l>(&'l self, project: &'l str) -> &'l str {
        match self.handouts.split_first() {
            Some((first, rest)) if rest.iter().all(|h| h.lang == first.lang) => first.lang.as_str(),
            _ => project,
        }
    }
}

impl Project {
    /// The booklets to bind: those listed under `booklets:`, or one of every handout in
    /// content order, titled after the project. A booklet naming a handout that could not be
    /// read is an error.
    pub fn booklets(&self) -> Result<Vec<Plan<'_>>, Error> {
        let config = self.config();
        let Some(booklets) = &config.booklets else {
            return Ok(vec![Plan {
                id: content::slugify(&config.title),
                title: config.title.clone(),
                identifier: None,
                handouts: self.handouts.iter().collect(),
                print: PrintPlan::default(),
                listed: false,
            }]);
        };
        booklets
            .iter()
            .map(|booklet| {
                let handouts = booklet
                    .handouts
                    .iter()
                    .map(|slug| {
                        self.handouts
                            .iter()
                            .find(|h| &h.slug == slug)
                            .ok_or_else(|| {
                                Error::Usage(format!(
                                    "booklet `{}` names `{slug}`, but there is no such handout",
                                    booklet.id
                                ))
                            })
                    })
                    .collect::<Result<_, _>>()?;
                Ok(Plan {
                    id: booklet.id.clone(),
                    title: booklet.title.clone(),
                    identifier: booklet.identifier.clone(),
                    handouts,
                    print: PrintPlan {
                        subtitle: booklet.subtitle.clone(),
                        cover: booklet.cover.clone(),
                        date: booklet.date.clone(),
                        size: booklet.size,
                        settings: booklet.print,
                    },
                    listed: true,
                })
            })
            .collect()
    }
}

fn duplicate_slugs(handouts: &[Handout]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&str, &Handout> = BTreeMap::new();
    let mut found = Vec::new();
    for handout in handouts {
        if let Some(earlier) = first.insert(&handout.slug, handout) {
            found.push(
                Diagnostic::in_file(
                    DUPLICATE_SLUG,
                    Level::Error,
                    &handout.source.path,
                    1,
                    format!(
                        "this handout and {} would both be written as `{}`",
                        earlier.source.path.display(),
                        handout.slug
                    ),
                )
                .with_hint("rename one of the files: the file name is the handout's slug"),
            );
        }
    }
    found
}
