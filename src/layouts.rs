//! Layout files: minijinja templates and style values, embedded as defaults and overridable
//! file by file from a project's own `layouts/` folder.

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use minijinja::{AutoEscape, Environment, Value};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::config::Organization;
use crate::content::Handout;
use crate::error::Error;
use crate::labels::{self, Labels};
use crate::lang::Lang;

/// The layout files shipped inside the binary, by their path under `layouts/`.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "text/leaflet.txt",
        include_str!("../layouts/text/leaflet.txt"),
    ),
    (
        "epub/chapter.xhtml",
        include_str!("../layouts/epub/chapter.xhtml"),
    ),
    (
        "epub/title.xhtml",
        include_str!("../layouts/epub/title.xhtml"),
    ),
    (
        "epub/cover.xhtml",
        include_str!("../layouts/epub/cover.xhtml"),
    ),
    ("epub/style.css", include_str!("../layouts/epub/style.css")),
    ("epub/fonts.css", include_str!("../layouts/epub/fonts.css")),
    (
        "pdf/default.yaml",
        include_str!("../layouts/pdf/default.yaml"),
    ),
    (
        "pdf/large-print.yaml",
        include_str!("../layouts/pdf/large-print.yaml"),
    ),
    ("pdf/footer.txt", include_str!("../layouts/pdf/footer.txt")),
    ("labels.yaml", include_str!("../layouts/labels.yaml")),
];

/// Fuel for one template render: enough for any real layout, finite for a runaway loop.
const FUEL: u64 = 2_000_000;

/// The layout files of one project: its own `layouts/` first, then the embedded defaults.
pub struct Layouts {
    env: Environment<'static>,
    project_dir: Option<PathBuf>,
    /// `labels.yaml`, read when first asked for (or why it could not be).
    labels: OnceLock<Result<labels::Table, String>>,
}

impl Layouts {
    /// Layouts for the project at `root` (`None`: embedded defaults only).
    pub fn new(root: Option<&Path>) -> Self {
        let project_dir = root.map(|r| r.join("layouts"));
        let mut env = Environment::new();
        env.set_fuel(Some(FUEL));
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        env.set_auto_escape_callback(|name| match name.rsplit('.').next() {
            Some("xhtml" | "html" | "xml") => AutoEscape::Html,
            _ => AutoEscape::None,
        });
        env.add_filter("underline", underline);
        let loader_dir = project_dir.clone();
        env.set_loader(move |name| {
            load_file(loader_dir.as_deref(), name)
                .map(|found| found.map(|(text, _)| text))
                .map_err(|message| {
                    minijinja::Error::new(minijinja::ErrorKind::TemplateNotFound, message)
                })
        });
        Layouts {
            env,
            project_dir,
            labels: OnceLock::new(),
        }
    }

    /// Renders the template at `name` (e.g. `text/leaflet.txt`) with `context`.
    pub fn render(&self, name: &str, context: impl Serialize) -> Result<String, Error> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| self.template_error(name, &e))?;
        template
            .render(minijinja::value::Serde(context))
            .map_err(|e| self.template_error(name, &e))
    }

    /// The running footer of page `page.0` of `page.1` of `handout`, from `pdf/footer.txt`.
    pub fn footer(
        &self,
        handout: &Handout,
        organization: Option<&Organization>,
        page: (usize, usize),
    ) -> Result<String, Error> {
        let labels = self.labels(&handout.lang)?;
        self.render(
            "pdf/footer.txt",
            FooterContext {
                title: &handout.title,
                page: page.0,
                pages: page.1,
                page_label: labels.page(page.0, page.1),
                labels,
                organization,
                reviewed: handout.meta.reviewed.as_deref(),
            },
        )
    }

    /// The words for text in `lang`, from `labels.yaml`.
    pub fn labels(&self, lang: &Lang) -> Result<Labels, Error> {
        let table = self.labels.get_or_init(|| {
            let text = self.file("labels.yaml").map_err(|e| e.to_string())?;
            labels::Table::parse(&text, &self.origin("labels.yaml")).map_err(|e| e.to_string())
        });
        match table {
            Ok(table) => Ok(table.get(lang)),
            Err(message) => Err(Error::Template(message.clone())),
        }
    }

    /// The raw text of a non-template layout file (a stylesheet, a style table).
    pub fn file(&self, name: &str) -> Result<String, Error> {
        match load_file(self.project_dir.as_deref(), name) {
            Ok(Some((text, _))) => Ok(text),
            Ok(None) => Err(Error::Template(format!(
                "layouts/{name}: no such layout file"
            ))),
            Err(message) => Err(Error::Template(message)),
        }
    }

    /// Where a layout file comes from, as shown in messages.
    fn origin(&self, name: &str) -> String {
        match load_file(self.project_dir.as_deref(), name) {
            Ok(Some((_, Origin::Project))) => format!("layouts/{name}"),
            _ => format!("layouts/{name} (built-in)"),
        }
    }

    fn template_error(&self, requested: &str, e: &minijinja::Error) -> Error {
        let name = e.name().unwrap_or(requested);
        let place = match e.line() {
            Some(line) => format!("{}:{line}", self.origin(name)),
            None => self.origin(name),
        };
        let detail = e.detail().map(|d| format!(": {d}")).unwrap_or_default();
        let hint = match e.kind() {
            minijinja::ErrorKind::OutOfFuel => {
                "\n  = help: the template ran too long; look for a loop that never ends"
            }
            _ => "",
        };
        Error::Template(format!(
            "{place}: template error: {}{detail}{hint}",
            e.kind()
        ))
    }
}

/// What the footer template sees.
#[derive(Serialize)]
struct FooterContext<'a> {
    title: &'a str,
    page: usize,
    pages: usize,
    /// The page number as the handout's language says it.
    page_label: String,
    labels: Labels,
    organization: Option<&'a Organization>,
    reviewed: Option<&'a str>,
}

/// The built-in copy of the layout file `name` (a path under `layouts/`).
pub fn embedded(name: &str) -> Option<&'static str> {
    EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// Where a layout file was found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Project,
    Embedded,
}

/// Reads `name` from the project's layouts folder, else from the embedded defaults.
fn load_file(project_dir: Option<&Path>, name: &str) -> Result<Option<(String, Origin)>, String> {
    let relative = Path::new(name);
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return Err(format!("layout name `{name}` leaves the layouts folder"));
    }
    if let Some(dir) = project_dir {
        let path = dir.join(relative);
        match std::fs::read(&path) {
            Ok(bytes) => {
                return String::from_utf8(bytes)
                    .map(|text| Some((text, Origin::Project)))
                    .map_err(|_| format!("layouts/{name}: not UTF-8 text"));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("layouts/{name}: {e}")),
        }
    }
    Ok(embedded(name).map(|text| (text.to_owned(), Origin::Embedded)))
}

/// `{{ title | underline("=") }}`: a line of the character as wide as the text.
fn underline(text: &str, ch: Option<&str>) -> Value {
    let ch = ch.and_then(|c| c.chars().next()).unwrap_or('-');
    let width = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    Value::from(std::iter::repeat_n(ch, width).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_the_folder_are_refused() {
        assert!(load_file(None, "../secret").is_err());
        assert!(load_file(None, "/etc/passwd").is_err());
    }

    #[test]
    fn embedded_leaflet_is_found() {
        let found = load_file(None, "text/leaflet.txt").ok().flatten();
        assert!(found.is_some_and(|(_, origin)| origin == Origin::Embedded));
    }

    #[test]
    fn a_runaway_template_runs_out_of_fuel() {
        let mut layouts = Layouts::new(None);
        layouts
            .env
            .add_template_owned("loop.txt", "{% for i in range(10000) %}{% for j in range(10000) %}{{ j }}{% endfor %}{% endfor %}")
            .ok();
        let err = layouts.render("loop.txt", ()).err().map(|e| e.to_string());
        assert!(
            err.as_ref().is_some_and(|e| e.contains("too long")),
            "{err:?}"
        );
    }
}
