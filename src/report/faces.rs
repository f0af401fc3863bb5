//! What `--verbose` says of the fonts: for each language of a project's handouts, the faces
//! its text is set in, in the order they are tried, and where each was found.

use crate::fonts::{Origin, Variant};
use crate::lang::Lang;
use crate::project::Project;

/// One line per language, e.g. `` faces for `zh-Hans`: Atkinson Hyperlegible Next
/// (bundled), Noto Sans CJK SC (/usr/share/fonts/…/NotoSansCJK-Regular.ttc), … ``.
pub fn render(project: &Project) -> Vec<String> {
    let fonts = &project.fonts;
    let mut langs: Vec<&Lang> = project.handouts.iter().map(|h| &h.lang).collect();
    langs.sort_by_key(|l| l.as_str());
    langs.dedup();
    langs
        .into_iter()
        .map(|lang| {
            let faces: Vec<String> = fonts
                .chain(fonts.select(Variant::Regular), lang)
                .iter()
                .map(|&id| {
                    let face = fonts.face(id);
                    let found = match face.origin() {
                        Origin::Bundled => "bundled".to_owned(),
                        Origin::Project(path) | Origin::System(path) => path.display().to_string(),
                    };
                    format!("{} ({found})", face.family())
                })
                .collect();
            format!("faces for `{}`: {}", lang.as_str(), faces.join(", "))
        })
        .collect()
}
