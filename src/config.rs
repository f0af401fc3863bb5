//! `handout.yaml`: the project's settings, every key with a default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{did_you_mean, Diagnostic, Level};
use crate::error::Error;
use crate::lints::{self, LintLevel, LINTS};
use crate::source::SourceFile;
use crate::yaml;

/// The name of the configuration file at a project's root.
pub const FILE_NAME: &str = "handout.yaml";

/// A project's configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The project's title, used for booklets that do not name their own.
    pub title: String,
    /// Default language tag for handouts that do not declare one.
    pub language: String,
    /// Folder holding the Markdown handouts.
    pub content: PathBuf,
    /// Folder the outputs are written to.
    pub output: PathBuf,
    /// Which outputs a build writes.
    pub formats: Vec<Format>,
    /// Paper size for PDF handouts.
    pub paper: Paper,
    /// The PDF layout: `layouts/pdf/<layout>.yaml` (`default`, `large-print`, or a project's).
    pub layout: String,
    /// Settings of the plain-text leaflets.
    pub text: TextConfig,
    /// Who publishes the handouts; shown in footers and booklet metadata.
    pub organization: Option<Organization>,
    /// Kinds of handout and the sections each must have.
    pub kinds: BTreeMap<String, Kind>,
    /// Level (and options) per lint.
    pub checks: BTreeMap<String, LintSetting>,
    /// Months after `reviewed:` before a handout counts as overdue for review.
    pub review_every: u32,
    /// EPUB booklets; absent means one booklet of every handout.
    pub booklets: Option<Vec<Booklet>>,
    /// Settings of the EPUB booklets.
    pub epub: EpubConfig,
    /// Font families by language tag (`zh: [Noto Sans CJK SC]`), tried for text in that
    /// language (and the tags it covers: `zh` for `zh-Hans`) before the bundled fallbacks.
    pub fonts: BTreeMap<String, Vec<String>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Handouts".to_owned(),
            language: "en".to_owned(),
            content: PathBuf::from("content"),
            output: PathBuf::from("dist"),
            formats: vec![Format::Pdf, Format::Epub, Format::Text],
            paper: Paper::Letter,
            layout: "default".to_owned(),
            text: TextConfig::default(),
            organization: None,
            kinds: BTreeMap::new(),
            checks: BTreeMap::new(),
            review_every: 12,
            booklets: None,
            epub: EpubConfig::default(),
            fonts: BTreeMap::new(),
        }
    }
}

/// An output format.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Print-ready PDF handouts.
    Pdf,
    /// EPUB 3 booklets.
    Epub,
    /// Plain-text leaflets.
    Text,
}

/// Paper size for PDF output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    #[serde(alias = "Letter", alias = "LETTER")]
    Letter,
    /// ISO A4, 210 × 297 mm (also written `A4`, as the size is named).
    #[serde(alias = "A4")]
    A4,
}

/// Settings of the plain-text leaflets.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TextConfig {
    /// Maximum line width in columns.
    pub width: usize,
    /// Transliterate to ASCII (quotes, dashes, bullets…).
    pub ascii: bool,
}

impl Config {
    /// The level `lint` reports at, or `None` when it is allowed.
    pub fn level(&self, lint: &str) -> Option<Level> {
        let default = lints::find(lint).map_or(LintLevel::Warn, |l| l.default);
        self.checks
            .get(lint)
            .and_then(LintSetting::level)
            .unwrap_or(default)
            .to_level()
    }
}

impl Default for TextConfig {
    fn default() -> Self {
        TextConfig {
            width: 72,
            ascii: false,
        }
    }
}

/// Settings of the EPUB booklets.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EpubConfig {
    /// Embed the bundled font in every booklet.
    pub embed_fonts: bool,
}

/// The publishing organisation.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Organization {
    /// Its name.
    pub name: Option<String>,
    /// Its web site.
    pub website: Option<String>,
    /// Its phone number.
    pub phone: Option<String>,
}

/// A kind of handout.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Kind {
    /// Section headings every handout of this kind must have, in this order.
    pub required_sections: Vec<String>,
}

/// How a lint is configured: a bare level, or a level with options.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum LintSetting {
    /// `lint: warn`
    Level(LintLevel),
    /// `lint: { level: warn, max: 8 }`
    Detailed(LintOptions),
}

/// A lint's level and options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintOptions {
    /// The level; the lint's default when absent.
    pub level: Option<LintLevel>,
    /// The readability metric a grade lint uses.
    pub metric: Option<String>,
    /// The threshold a lint compares against.
    pub max: Option<f64>,
    /// Extra word pairs (hard → plain) for word lists.
    #[serde(default)]
    pub words: BTreeMap<String, String>,
}

impl LintSetting {
    /// The configured level, if one was given.
    pub fn level(&self) -> Option<LintLevel> {
        match self {
            LintSetting::Level(level) => Some(*level),
            LintSetting::Detailed(options) => options.level,
        }
    }
}

/// One EPUB booklet.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Booklet {
    /// File stem of the booklet and seed of its identifier.
    pub id: String,
    /// The booklet's title.
    pub title: String,
    /// Slugs of the handouts, in order.
    pub handouts: Vec<String>,
    /// A fixed identifier (URN, ISBN…), instead of the one derived from `id`.
    #[serde(default)]
    pub identifier: Option<String>,
    /// A line under the title on the cover.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// A picture above the cover's title: a PNG or JPEG inside the project, relative to it.
    #[serde(default)]
    pub cover: Option<String>,
    /// The date on the cover, as written; absent, the latest `reviewed:` of its handouts.
    #[serde(default)]
    pub date: Option<String>,
    /// The printed booklet's page: half the paper, folded (the default), or the full paper.
    #[serde(default)]
    pub size: BookletSize,
    /// How the print file of the booklet is made.
    #[serde(default)]
    pub print: PrintSettings,
}

/// The page size of a printed booklet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BookletSize {
    /// Half the paper (half-letter on Letter, A5 on A4), two pages to a printed side.
    #[default]
    Half,
    /// The paper itself, one page to a side.
    Full,
}

/// The print file of a booklet: imposition, duplex mode, creep and marks.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrintSettings {
    /// How pages are placed on sheets; absent, saddle stitch for a half-size booklet.
    pub imposition: Option<Imposition>,
    /// Which edge the printer turns the sheet on.
    pub duplex: Duplex,
    /// How far each sheet's pages move toward the spine, from the outermost sheet in.
    pub creep: Length,
    /// Fold and crop marks.
    pub marks: bool,
}

impl PrintSettings {
    /// The imposition in effect for a booklet of `size`.
    pub fn imposition(&self, size: BookletSize) -> Imposition {
        self.imposition.unwrap_or(match size {
            BookletSize::Half => Imposition::SaddleStitch,
            BookletSize::Full => Imposition::None,
        })
    }
}

/// How a booklet's pages are placed for printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Imposition {
    /// Two pages to a side of a landscape sheet, in the order that folds into a booklet.
    SaddleStitch,
    /// No print file beside the reading-order booklet.
    None,
}

/// The edge a duplex printer turns the sheet on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Duplex {
    /// The short edge ("flip on short edge"), the usual booklet setting.
    #[default]
    Short,
    /// The long edge: the backs of the sheets are printed turned by 180°.
    Long,
}

/// A length in points, written as a number of points or with a unit: `0.1mm`, `0.5pt`,
/// `0.01in`, `0.02cm`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Length(pub f32);

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Points(f32),
            Text(String),
        }
        let points = match Written::deserialize(deserializer)? {
            Written::Points(points) => Some(points),
            Written::Text(text) => Length::parse(&text).map(|l| l.0),
        };
        match points {
            Some(points) if points.is_finite() && (0.0..=72.0).contains(&points) => {
                Ok(Length(points))
            }
            _ => Err(serde::de::Error::custom(
                "expected a length of at most one inch, such as `0.1mm`, `0.3pt` or `0.01in`",
            )),
        }
    }
}

impl Length {
    /// Reads `12`, `0.1mm`, `0.5 pt`, `0.01in` or `0.02cm`.
    pub fn parse(text: &str) -> Option<Length> {
        let text = text.trim();
        let split = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let number: f32 = number.parse().ok()?;
        let per = match unit.trim() {
            "" | "pt" => 1.0,
            "mm" => 72.0 / 25.4,
            "cm" => 72.0 / 2.54,
            "in" => 72.0,
            _ => return None,
        };
        Some(Length(number * per))
    }
}

/// A loaded configuration with the file it came from (if any).
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The settings.
    pub config: Config,
    /// The configuration file's text, for diagnostics.
    pub source: Option<SourceFile>,
}

impl Loaded {
    /// A config error located at the first line of the file that contains `needle`.
    pub fn error_at(&self, needle: &str, message: impl Into<String>) -> Diagnostic {
        match &self.source {
            Some(source) => {
                let start = source.text.find(needle).unwrap_or(0);
                Diagnostic::at(
                    "config",
                    Level::Error,
                    source,
                    start..start + needle.len(),
                    message,
                )
            }
            None => Diagnostic::in_file("config", Level::Error, FILE_NAME, 1, message),
        }
    }
}

/// Reads `handout.yaml` in `root`, or the defaults when there is none.
pub fn load(root: &Path) -> Result<Loaded, Error> {
    let path = root.join(FILE_NAME);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::default()),
        Err(e) => return Err(Error::read(&path, e)),
    };
    let source = SourceFile::decode(Path::new(FILE_NAME), &bytes).map_err(|_| {
        Error::Config(
            Box::new(Diagnostic::in_file(
                "config",
                Level::Error,
                FILE_NAME,
                1,
                "handout.yaml is not UTF-8 text",
            )),
            None,
        )
    })?;
    let config = if source.text.trim().is_empty() {
        Config::default()
    } else {
        yaml::from_str::<Config>(&source.text, "handout.yaml").map_err(|e| {
            let start = source.line_start(e.line);
            let offset = source.text[start..]
                .char_indices()
                .nth(e.column.saturating_sub(1))
                .map_or(source.text.len(), |(i, _)| start + i);
            let diagnostic =
                Diagnostic::at("config", Level::Error, &source, offset..offset, e.message);
            let diagnostic = match e.hint {
                Some(hint) => diagnostic.with_hint(hint),
                None => diagnostic,
            };
            Error::Config(Box::new(diagnostic), Some(Box::new(source.clone())))
        })?
    };
    let loaded = Loaded {
        config,
        source: Some(source),
    };
    loaded.validate()?;
    Ok(loaded)
}

impl Loaded {
    /// Wraps a finding about this configuration as an [`Error`].
    pub fn error(&self, diagnostic: Diagnostic) -> Error {
        Error::Config(Box::new(diagnostic), self.source.clone().map(Box::new))
    }

    /// Checks `checks:`: known, configurable lint names, the options each takes, and known
    /// readability metrics.
    fn validate_checks(&self) -> Result<(), Error> {
        for (name, setting) in &self.config.checks {
            let Some(lint) = lints::find(name) else {
                let names = LINTS.iter().filter(|l| l.configurable).map(|l| l.name);
                let hint = match did_you_mean(name, names) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "`docs/checks.md` lists every lint".to_owned(),
                };
                return Err(self.error(
                    self.error_at(name, format!("unknown lint `{name}` in `checks:`"))
                        .with_hint(hint),
                ));
            };
            if !lint.configurable {
                return Err(self.error(
                    self.error_at(name, format!("`{name}` cannot be configured"))
                        .with_hint("it reports a problem that stops the handout from being read"),
                ));
            }
            let LintSetting::Detailed(options) = setting else {
                continue;
            };
            let given = [
                ("metric", options.metric.is_some()),
                ("max", options.max.is_some()),
                ("words", !options.words.is_empty()),
            ];
            if let Some((option, _)) = given
                .iter()
                .find(|(option, set)| *set && !lint.options.contains(option))
            {
                let hint = match lint.options {
                    [] => format!("`{name}` takes only `level`"),
                    allowed => format!("`{name}` takes `level` and `{}`", allowed.join("`, `")),
                };
                return Err(self.error(
                    self.error_at(name, format!("`{name}` has no option `{option}`"))
                        .with_hint(hint),
                ));
            }
            if let Some(metric) = options.metric.as_deref() {
                if !lints::METRICS.contains(&metric) {
                    let hint = match did_you_mean(metric, lints::METRICS) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("use one of: {}", lints::METRICS.join(", ")),
                    };
                    return Err(self.error(
                        self.error_at(metric, format!("unknown readability metric `{metric}`"))
                            .with_hint(hint),
                    ));
                }
            }
        }
        Ok(())
    }

    fn validate(&self) -> Result<(), Error> {
        self.validate_checks()?;
        let config = &self.config;
        if !(20..=1000).contains(&config.text.width) {
            return Err(self.error(
                self.error_at(
                    "width",
                    format!("text width {} is out of range", config.text.width),
                )
                .with_hint("use a width between 20 and 1000 columns; 72 suits email"),
            ));
        }
        if config.formats.is_empty() {
            return Err(self.error(
                self.error_at("formats", "`formats` is empty: a build would write nothing")
                    .with_hint("list at least one of: pdf, epub, text"),
            ));
        }
        for (tag, families) in &config.fonts {
            if !crate::lang::Lang::parse(tag).is_valid() {
                return Err(self.error(
                    self.error_at(tag, format!("`{tag}` in `fonts:` is not a language tag"))
                        .with_hint("use a BCP 47 tag such as `zh`, `zh-Hant` or `ar`"),
                ));
            }
            if families.is_empty() {
                return Err(self.error(
                    self.error_at(tag, format!("`fonts:` names no family for `{tag}`"))
                        .with_hint("list one or more families: `zh: [Noto Sans CJK SC]`"),
                ));
            }
        }
        for path in [&config.content, &config.output] {
            if path.is_absolute()
                || path
                    .components()
                    .any(|c| c == std::path::Component::ParentDir)
            {
                let shown = path.display().to_string();
                return Err(self.error(
                    self.error_at(&shown, format!("`{shown}` leaves the project folder"))
                        .with_hint("give a folder inside the project, such as `dist`"),
                ));
            }
        }
        Ok(())
    }
}

impl Loaded {
    /// Checks the `booklets:` list against the slugs of the project's handouts and the
    /// project folder `root`: every booklet needs a file-safe, unique id, handouts that exist
    /// and a cover picture, if it names one, inside the project.
    pub fn check_booklets(&self, slugs: &[String], root: &Path) -> Result<(), Error> {
        let Some(booklets) = &self.config.booklets else {
            return Ok(());
        };
        let mut ids = std::collections::BTreeSet::new();
        for booklet in booklets {
            let id = booklet.id.as_str();
            let file_safe = id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if id.is_empty() || id.starts_with('.') || !file_safe {
                return Err(self.error(
                    self.error_at(id, format!("booklet id `{id}` cannot be a file name"))
                        .with_hint("use letters, digits and hyphens, such as `therapy-approaches`"),
                ));
            }
            if !ids.insert(id) {
                return Err(self.error(
                    self.error_at(id, format!("two booklets have the id `{id}`"))
                        .with_hint("give each booklet its own id: it names the booklet's file"),
                ));
            }
            if let Some(cover) = &booklet.cover {
                if let Err(refusal) =
                    crate::assets::resolve_image(root, Path::new(FILE_NAME), cover)
                {
                    return Err(self.error(
                        self.error_at(cover, format!("booklet `{id}`: cover {}", refusal.message(cover)))
                            .with_hint("the cover's path is relative to the project folder, such as `images/cover.png`"),
                    ));
                }
            }
            if booklet.handouts.is_empty() {
                return Err(self.error(
                    self.error_at(id, format!("booklet `{id}` lists no handouts"))
                        .with_hint(
                            "list handout slugs under `handouts:`, such as `[relational-therapy]`",
                        ),
                ));
            }
            for slug in &booklet.handouts {
                if slugs.iter().any(|s| s == slug) {
                    continue;
                }
                let hint =
                    match crate::diagnostic::did_you_mean(slug, slugs.iter().map(String::as_str)) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("the handouts are: {}", slugs.join(", ")),
                    };
                return Err(self.error(
                    self.error_at(
                        slug,
                        format!("booklet `{id}` names `{slug}`, but there is no such handout"),
                    )
                    .with_hint(hint),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod level_tests {
    use super::*;

    #[test]
    fn configured_levels_override_defaults() {
        let mut config = Config::default();
        assert_eq!(config.level(lints::COMPLEX_WORD), None);
        assert_eq!(config.level(lints::MISSING_SECTION), Some(Level::Error));
        config.checks.insert(
            lints::COMPLEX_WORD.to_owned(),
            LintSetting::Level(LintLevel::Error),
        );
        assert_eq!(config.level(lints::COMPLEX_WORD), Some(Level::Error));
    }
}
