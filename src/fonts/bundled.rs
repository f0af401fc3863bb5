//! The font files built into the binary: Atkinson Hyperlegible Next (regular, bold, italic,
//! bold italic) and Atkinson Hyperlegible Mono, under the SIL Open Font License
//! (`fonts/OFL.txt`, `fonts/OFL-Mono.txt`).

/// One font file.
pub struct FontFile {
    /// Its name in the `fonts/` folder.
    pub file: &'static str,
    /// The built-in face's PostScript name (EPUB booklets name their copy after it).
    pub postscript: &'static str,
    /// The built-in copy.
    pub bytes: &'static [u8],
}

/// Atkinson Hyperlegible Next Regular.
pub const REGULAR: FontFile = FontFile {
    file: "AtkinsonHyperlegibleNext_400Regular.ttf",
    postscript: "AtkinsonHyperlegibleNext-Regular",
    bytes: include_bytes!("../../fonts/AtkinsonHyperlegibleNext_400Regular.ttf"),
};

/// Atkinson Hyperlegible Next Bold.
pub const BOLD: FontFile = FontFile {
    file: "AtkinsonHyperlegibleNext_700Bold.ttf",
    postscript: "AtkinsonHyperlegibleNext-Bold",
    bytes: include_bytes!("../../fonts/AtkinsonHyperlegibleNext_700Bold.ttf"),
};

/// Atkinson Hyperlegible Next Italic.
pub const ITALIC: FontFile = FontFile {
    file: "AtkinsonHyperlegibleNext_400Regular_Italic.ttf",
    postscript: "AtkinsonHyperlegibleNext-Italic",
    bytes: include_bytes!("../../fonts/AtkinsonHyperlegibleNext_400Regular_Italic.ttf"),
};

/// Atkinson Hyperlegible Next Bold Italic.
pub const BOLD_ITALIC: FontFile = FontFile {
    file: "AtkinsonHyperlegibleNext_700Bold_Italic.ttf",
    postscript: "AtkinsonHyperlegibleNext-BoldItalic",
    bytes: include_bytes!("../../fonts/AtkinsonHyperlegibleNext_700Bold_Italic.ttf"),
};

/// Atkinson Hyperlegible Mono Regular, for code.
pub const MONO: FontFile = FontFile {
    file: "AtkinsonHyperlegibleMono-Regular.ttf",
    postscript: "AtkinsonHyperlegibleMono-Regular",
    bytes: include_bytes!("../../fonts/AtkinsonHyperlegibleMono-Regular.ttf"),
};
