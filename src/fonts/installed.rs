//! Faces outside the binary, found with fontdb: in the project's `fonts/` folder, then in the
//! system's font folders (read only when the project's folder does not answer, as reading
//! them takes a few milliseconds even when the disk cache holds them).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use fontdb::{Database, Family, Query, Source, Stretch, Style, Weight};

use super::face::Bytes;
use super::Origin;
use crate::lang::Lang;

/// One face of a font file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The file.
    pub path: PathBuf,
    /// The face's number in it (0 unless the file is a collection).
    pub index: u32,
    /// Whether the file is in the system's folders rather than the project's.
    pub system: bool,
}

impl Found {
    /// Where the face comes from, as the book records it.
    pub fn origin(&self) -> Origin {
        if self.system {
            Origin::System(self.path.clone())
        } else {
            Origin::Project(self.path.clone())
        }
    }

    /// The file's bytes, mapped into memory.
    pub fn bytes(&self) -> Option<Bytes> {
        let file = std::fs::File::open(&self.path).ok()?;
        // SAFETY: the map is only read. A font file changed by another program while the
        // build runs is the one way its bytes could change under it, and fontdb and every
        // font loader that maps files accept that.
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        Some(Bytes::File(Arc::new(map)))
    }
}

/// The font folders a book may take faces from.
pub struct Installed {
    /// The project's `fonts/` folder.
    dir: PathBuf,
    project: OnceLock<Database>,
    system: OnceLock<Database>,
}

/// The four faces of a family for running text, by variant slot (regular, bold, italic, bold
/// italic), each the nearest style the family has.
pub type Styles = [Found; 4];

impl Installed {
    /// The fonts of `root/fonts/` (none when there is no such folder) and the system's, each
    /// read when first asked for.
    pub fn new(root: &Path) -> Installed {
        Installed {
            dir: root.join("fonts"),
            project: OnceLock::new(),
            system: OnceLock::new(),
        }
    }

    fn project(&self) -> &Database {
        self.project.get_or_init(|| {
            let mut db = Database::new();
            if self.dir.is_dir() {
                db.load_fonts_dir(&self.dir);
            }
            db
        })
    }

    fn system(&self) -> &Database {
        self.system.get_or_init(|| {
            let mut db = Database::new();
            db.load_system_fonts();
            db
        })
    }

    /// The faces of family `name`: from the project's folder when it has the family, else
    /// from the system's.
    pub fn family(&self, name: &str) -> Option<Styles> {
        styles(self.project(), name, false).or_else(|| styles(self.system(), name, true))
    }

    /// Every family name the project's and the system's folders hold, sorted.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = [self.project(), self.system()]
            .into_iter()
            .flat_map(|db| db.faces())
            .filter_map(|f| f.families.first().map(|(name, _)| name.clone()))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The installed families that may set text of `lang` no other face covers, in the order
    /// to try them: the project's own, then the system's; on each side first the families
    /// made for the language (the Chinese, Japanese or Korean cut of a CJK family), then
    /// Noto Sans families, then the rest, each side by name.
    pub fn candidates(&self, lang: &Lang) -> Vec<String> {
        let preferred = preferred_families(lang);
        let rank = |name: &str| {
            if preferred.iter().any(|p| p == name) {
                0
            } else if name.starts_with("Noto Sans") && !name.contains("Mono") {
                1
            } else {
                2
            }
        };
        let mut out = Vec::new();
        for db in [self.project(), self.system()] {
            let mut names: Vec<&str> = db
                .faces()
                .filter(|f| f.style == Style::Normal && f.weight == Weight::NORMAL)
                .filter_map(|f| f.families.first().map(|(name, _)| name.as_str()))
                .collect();
            names.sort_by(|a, b| {
                let order = |n: &str| preferred.iter().position(|p| p == n).unwrap_or(usize::MAX);
                (rank(a), order(a), *a).cmp(&(rank(b), order(b), *b))
            });
            names.dedup();
            for name in names {
                if !out.iter().any(|n| n == name) {
                    out.push(name.to_owned());
                }
            }
        }
        out
    }
}

/// The four styles of family `name` in `db`.
fn styles(db: &Database, name: &str, system: bool) -> Option<Styles> {
    let find = |weight: Weight, style: Style| {
        let id = db.query(&Query {
            families: &[Family::Name(name)],
            weight,
            stretch: Stretch::Normal,
            style,
        })?;
        // fontdb falls back to another family only for generic names: a match is the family.
        let (source, index) = db.face_source(id)?;
        let path = match source {
            Source::File(path) | Source::SharedFile(path, _) => path,
            Source::Binary(_) => return None,
        };
        Some(Found {
            path,
            index,
            system,
        })
    };
    Some([
        find(Weight::NORMAL, Style::Normal)?,
        find(Weight::BOLD, Style::Normal)?,
        find(Weight::NORMAL, Style::Italic)?,
        find(Weight::BOLD, Style::Italic)?,
    ])
}

/// The families made for `lang`'s way of writing Han characters (or Hangul, or kana), best
/// first: Pan-CJK families come in one cut per region, and the wrong one draws many
/// characters in another country's forms.
fn preferred_families(lang: &Lang) -> Vec<String> {
    let Some(region) = cjk_region(lang) else {
        return Vec::new();
    };
    ["Noto Sans CJK", "Noto Sans", "Source Han Sans"]
        .iter()
        .map(|family| format!("{family} {region}"))
        .collect()
}

/// The region whose cut of a Pan-CJK family suits `lang`, if it is written in Han
/// characters, Hangul or kana: `SC`, `TC`, `HK`, `JP` or `KR`.
pub fn cjk_region(lang: &Lang) -> Option<&'static str> {
    Some(match (lang.language(), lang.script(), lang.region()) {
        ("ja", ..) => "JP",
        ("ko", ..) => "KR",
        ("zh", _, Some("HK" | "MO")) | ("yue", ..) => "HK",
        ("zh", Some("Hant"), _) | ("zh", _, Some("TW")) => "TC",
        ("zh", ..) => "SC",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_prefers_the_cut_of_its_region() {
        let first = |tag: &str| preferred_families(&Lang::parse(tag)).first().cloned();
        assert_eq!(first("zh").as_deref(), Some("Noto Sans CJK SC"));
        assert_eq!(first("zh-Hans").as_deref(), Some("Noto Sans CJK SC"));
        assert_eq!(first("zh-Hant").as_deref(), Some("Noto Sans CJK TC"));
        assert_eq!(first("zh-TW").as_deref(), Some("Noto Sans CJK TC"));
        assert_eq!(first("zh-HK").as_deref(), Some("Noto Sans CJK HK"));
        assert_eq!(first("ko").as_deref(), Some("Noto Sans CJK KR"));
        assert_eq!(first("ja").as_deref(), Some("Noto Sans CJK JP"));
        assert_eq!(first("vi"), None);
    }

    #[test]
    fn a_project_without_a_fonts_folder_has_no_faces_of_its_own() {
        let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let installed = Installed::new(temp.path());
        assert!(
            installed.project.get().is_none(),
            "nothing is read before it is asked for"
        );
        assert_eq!(installed.project().len(), 0);
        assert!(installed.system.get().is_none(), "the system is not read");
    }
}
