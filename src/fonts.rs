//! The font files built into the binary: Atkinson Hyperlegible Next (regular, bold, italic,
//! bold italic) and Atkinson Hyperlegible Mono, under the SIL Open Font License
//! (`fonts/OFL.txt`, `fonts/OFL-Mono.txt`). Every renderer takes its fonts from here.

use std::path::Path;

use crate::error::Error;

/// One font file.
pub struct FontFile {
    /// Its name in the `fonts/` folder.
    pub file: &'static str,
    /// The face's PostScript name.
    pub postscript: &'static str,
    /// The built-in copy.
    pub bytes: &'static [u8],
}

/// Atkinson Hyperlegible Next Regular.
pub const REGULAR: FontFile = FontFile {
    file: "AtkinsonHyperlegibleNext_400Regular.ttf",
    postscript: "AtkinsonHyperlegibleNext-Regular",
    bytes: include_bytes!("../fonts/AtkinsonHyperlegibleNext_400Regular.ttf"),
};

/// Atkinson Hyperlegible Next Bold.
pub const BOLD: FontFile = FontFile {
    file: "AtkinsonHyperlegibleNext_700Bold.ttf",
    postscript: "AtkinsonHyperlegibleNext-Bold",
    bytes: include_bytes!("../fonts/AtkinsonHyperlegibleNext_700Bold.ttf"),
};

/// Atkinson Hyperlegible Next Italic.
pub const ITALIC: FontFile = FontFile {
    file: "AtkinsonHyperlegibleNext_400Regular_Italic.ttf",
    postscript: "AtkinsonHyperlegibleNext-Italic",
    bytes: include_bytes!("../fonts/AtkinsonHyperlegibleNext_400Regular_Italic.ttf"),
};

/// Atkinson Hyperlegible Next Bold Italic.
pub const BOLD_ITALIC: FontFile = FontFile {
    file: "AtkinsonHyperlegibleNext_700Bold_Italic.ttf",
    postscript: "AtkinsonHyperlegibleNext-BoldItalic",
    bytes: include_bytes!("../fonts/AtkinsonHyperlegibleNext_700Bold_Italic.ttf"),
};

/// Atkinson Hyperlegible Mono Regular, for code.
pub const MONO: FontFile = FontFile {
    file: "AtkinsonHyperlegibleMono-Regular.ttf",
    postscript: "AtkinsonHyperlegibleMono-Regular",
    bytes: include_bytes!("../fonts/AtkinsonHyperlegibleMono-Regular.ttf"),
};

/// The bytes of `font`: the project's copy under `fonts/` if it has one, else the built-in one.
pub fn load(root: &Path, font: &FontFile) -> Result<Vec<u8>, Error> {
    let path = root.join("fonts").join(font.file);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(font.bytes.to_vec()),
        Err(e) => Err(Error::read(&path, e)),
    }
}
