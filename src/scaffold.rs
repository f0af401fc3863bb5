//! `handout new`: a new handout file with front matter and its kind's required sections.

use std::path::PathBuf;

use crate::config;
use crate::content::slugify;
use crate::diagnostic::did_you_mean;
use crate::error::Error;

/// What to scaffold.
#[derive(Debug, Clone)]
pub struct NewHandout {
    /// The project folder.
    pub root: PathBuf,
    /// File stem of the new handout.
    pub slug: String,
    /// Its kind, which selects the required sections.
    pub kind: Option<String>,
    /// Its title (default: the slug in words).
    pub title: Option<String>,
}

/// Writes `content/<slug>.md` and returns its path; never overwrites a file.
pub fn create(request: &NewHandout) -> Result<PathBuf, Error> {
    let loaded = config::load(&request.root)?;
    let config = &loaded.config;
    if slugify(&request.slug) != request.slug {
        return Err(Error::Usage(format!(
            "`{}` is not a slug; try `{}` (lower-case letters, digits and hyphens)",
            request.slug,
            slugify(&request.slug)
        )));
    }
    let sections = match &request.kind {
        None => Vec::new(),
        Some(kind) => match config.kinds.get(kind) {
            Some(found) => found.required_sections.clone(),
            None => {
                let known = config.kinds.keys().map(String::as_str);
                let hint = match did_you_mean(kind, known) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "declare it under `kinds:` in handout.yaml".to_owned(),
                };
                return Err(Error::Usage(format!("unknown kind `{kind}`: {hint}")));
            }
        },
    };
    let title = request
        .title
        .clone()
        .unwrap_or_else(|| title_from_slug(&request.slug));
    let folder = request.root.join(&config.content);
    let path = folder.join(format!("{}.md", request.slug));
    let text = render(&title, request.kind.as_deref(), &config.language, &sections);
    std::fs::create_dir_all(&folder).map_err(|e| Error::write(&folder, e))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
                "{} already exists; choose another slug or edit that file",
                path.display()
            )),
            _ => Error::write(&path, e),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::write(&path, e))?;
    Ok(path)
}

/// "sleep-well" → "Sleep well".
fn title_from_slug(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn render(title: &str, kind: Option<&str>, language: &str, sections: &[String]) -> String {
    let quote = |value: &str| serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_owned());
    let mut text = format!("---\ntitle: {}\nsummary: \"\"\n", quote(title));
    if let Some(kind) = kind {
        text.push_str(&format!("kind: {}\n", quote(kind)));
    }
    text.push_str(&format!("language: {}\n---\n", quote(language)));
    for section in sections {
        text.push_str(&format!("\n## {section}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_slugs() {
        assert_eq!(title_from_slug("sleep-well"), "Sleep well");
    }

    #[test]
    fn the_scaffold_has_every_required_section() {
        let text = render("A", Some("modality"), "en", &["One".into(), "Two".into()]);
        assert_eq!(
            text,
            "---\ntitle: \"A\"\nsummary: \"\"\nkind: \"modality\"\nlanguage: \"en\"\n---\n\n## One\n\n## Two\n"
        );
    }
}
