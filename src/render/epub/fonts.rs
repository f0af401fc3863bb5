//! The bundled font, for booklets that embed it (`epub: { embed_fonts: true }`): a project's
//! own `fonts/` folder overrides the copy built into the binary, file by file.

use std::path::Path;

use crate::error::Error;

/// One font file of the family.
pub struct Font {
    /// Its name inside the booklet, as `layouts/epub/fonts.css` refers to it.
    pub name: &'static str,
    /// Its name in a project's `fonts/` folder.
    pub file: &'static str,
    /// The built-in copy.
    pub bytes: &'static [u8],
}

/// Atkinson Hyperlegible Next: regular, italic, bold and bold italic (SIL Open Font License).
pub const FONTS: &[Font] = &[
    Font {
        name: "AtkinsonHyperlegibleNext-Regular.ttf",
        file: "AtkinsonHyperlegibleNext_400Regular.ttf",
        bytes: include_bytes!("../../../fonts/AtkinsonHyperlegibleNext_400Regular.ttf"),
    },
    Font {
        name: "AtkinsonHyperlegibleNext-Italic.ttf",
        file: "AtkinsonHyperlegibleNext_400Regular_Italic.ttf",
        bytes: include_bytes!("../../../fonts/AtkinsonHyperlegibleNext_400Regular_Italic.ttf"),
    },
    Font {
        name: "AtkinsonHyperlegibleNext-Bold.ttf",
        file: "AtkinsonHyperlegibleNext_700Bold.ttf",
        bytes: include_bytes!("../../../fonts/AtkinsonHyperlegibleNext_700Bold.ttf"),
    },
    Font {
        name: "AtkinsonHyperlegibleNext-BoldItalic.ttf",
        file: "AtkinsonHyperlegibleNext_700Bold_Italic.ttf",
        bytes: include_bytes!("../../../fonts/AtkinsonHyperlegibleNext_700Bold_Italic.ttf"),
    },
];

/// The bytes of `font`: the project's copy under `fonts/` if it has one, else the built-in one.
pub fn load(root: &Path, font: &Font) -> Result<Vec<u8>, Error> {
    let path = root.join("fonts").join(font.file);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(font.bytes.to_vec()),
        Err(e) => Err(Error::read(&path, e)),
    }
}
