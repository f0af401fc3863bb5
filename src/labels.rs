//! The words the outputs print around a handout's own text ("Page 1 of 2", "Notes",
//! "Contents"…), per language, from `layouts/labels.yaml`: built in, replaced as a whole by a
//! project's copy. A language looks up its tag, then its primary language, then English,
//! word by word.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::lang::Lang;

/// The words of one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labels {
    /// The footer's page number, with `{page}` and `{pages}` in it.
    pub page: String,
    /// Before the date a handout was last reviewed.
    pub reviewed: String,
    /// The table of contents of a booklet.
    pub contents: String,
    /// Above the footnotes.
    pub notes: String,
    /// Above the numbered URLs of links.
    pub links: String,
    /// The name of a booklet's list of landmarks.
    pub landmarks: String,
    /// Before the organisation's phone number.
    pub phone: String,
    /// Before its website.
    pub web: String,
}

impl Labels {
    /// The page label for page `page` of `pages`.
    pub fn page(&self, page: usize, pages: usize) -> String {
        self.page
            .replace("{page}", &page.to_string())
            .replace("{pages}", &pages.to_string())
    }
}

/// One language's entry in the file: any of the words.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    page: Option<String>,
    reviewed: Option<String>,
    contents: Option<String>,
    notes: Option<String>,
    links: Option<String>,
    landmarks: Option<String>,
    phone: Option<String>,
    web: Option<String>,
}

/// The words of every language the file lists.
#[derive(Debug, Clone)]
pub struct Table {
    entries: BTreeMap<String, Entry>,
}

impl Table {
    /// Reads the table from the text of `layouts/labels.yaml`, shown as `origin` in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Table, Error> {
        let entries: BTreeMap<String, Entry> =
            serde_yaml::from_str(text).map_err(|e| Error::Template(format!("{origin}: {e}")))?;
        Ok(Table {
            entries: entries
                .into_iter()
                .map(|(tag, entry)| (tag.to_ascii_lowercase(), entry))
                .collect(),
        })
    }

    /// The words for text in `lang`: its tag's, else its language's, else English, else the
    /// built-in English.
    pub fn get(&self, lang: &Lang) -> Labels {
        let tag = lang.as_str().to_ascii_lowercase();
        let entries: Vec<&Entry> = [tag.as_str(), lang.language(), "en"]
            .into_iter()
            .filter_map(|key| self.entries.get(key))
            .collect();
        let word = |pick: fn(&Entry) -> &Option<String>, default: &str| {
            entries
                .iter()
                .find_map(|e| pick(e).clone())
                .unwrap_or_else(|| default.to_owned())
        };
        Labels {
            page: word(|e| &e.page, "Page {page} of {pages}"),
            reviewed: word(|e| &e.reviewed, "Reviewed"),
            contents: word(|e| &e.contents, "Contents"),
            notes: word(|e| &e.notes, "Notes"),
            links: word(|e| &e.links, "Links"),
            landmarks: word(|e| &e.landmarks, "Landmarks"),
            phone: word(|e| &e.phone, "Phone"),
            web: word(|e| &e.web, "Web"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Table {
        let text = crate::layouts::embedded("labels.yaml").unwrap_or_default();
        Table::parse(text, "labels.yaml").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_language_takes_its_own_words_and_english_for_the_rest() {
        let table = built_in();
        let es = table.get(&Lang::parse("es-MX"));
        assert_eq!(es.page(1, 2), "Página 1 de 2");
        assert_eq!(es.notes, "Notas");
        assert_eq!(table.get(&Lang::parse("ar")).page(1, 3), "صفحة 1 من 3");
        assert_eq!(table.get(&Lang::parse("xx")).contents, "Contents");
        let partial =
            Table::parse("es: { notes: Notitas }", "labels.yaml").unwrap_or_else(|e| panic!("{e}"));
        let es = partial.get(&Lang::parse("es"));
        assert_eq!((es.notes.as_str(), es.links.as_str()), ("Notitas", "Links"));
    }

    #[test]
    fn every_listed_language_has_every_word() {
        let text = crate::layouts::embedded("labels.yaml").unwrap_or_default();
        let entries: BTreeMap<String, Entry> =
            serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        for (tag, e) in &entries {
            let words = [
                &e.page,
                &e.reviewed,
                &e.contents,
                &e.notes,
                &e.links,
                &e.landmarks,
                &e.phone,
                &e.web,
            ];
            assert!(words.iter().all(|w| w.is_some()), "{tag} lacks a word");
            let page = e.page.as_deref().unwrap_or_default();
            assert!(
                page.contains("{page}") && page.contains("{pages}"),
                "{tag}: {page}"
            );
        }
        assert!(entries.len() >= 11);
    }
}
