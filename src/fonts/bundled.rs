//! The font files built into the binary: Atkinson Hyperlegible Next (regular, bold, italic,
//! bold italic) and Atkinson Hyperlegible Mono, under the SIL Open Font License
//! (`fonts/OFL.txt`, `fonts/OFL-Mono.txt`), and the fallbacks for what they lack: Noto Sans,
//! Noto Sans Math, Noto Sans Symbols 2 and Symbola.

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

/// Noto Sans Regular: Latin (with Vietnamese), Greek and Cyrillic where the body face has
/// none (SIL Open Font License, `fonts/OFL-Noto.txt`; Debian's fonts-noto-core, hinting
/// removed by `tools/bundle-fonts.sh`).
pub const NOTO_SANS: FontFile = FontFile {
    file: "NotoSans-Regular.ttf",
    postscript: "NotoSans-Regular",
    bytes: include_bytes!("../../fonts/NotoSans-Regular.ttf"),
};

/// Noto Sans Bold.
pub const NOTO_SANS_BOLD: FontFile = FontFile {
    file: "NotoSans-Bold.ttf",
    postscript: "NotoSans-Bold",
    bytes: include_bytes!("../../fonts/NotoSans-Bold.ttf"),
};

/// Noto Sans Italic.
pub const NOTO_SANS_ITALIC: FontFile = FontFile {
    file: "NotoSans-Italic.ttf",
    postscript: "NotoSans-Italic",
    bytes: include_bytes!("../../fonts/NotoSans-Italic.ttf"),
};

/// Noto Sans Bold Italic.
pub const NOTO_SANS_BOLD_ITALIC: FontFile = FontFile {
    file: "NotoSans-BoldItalic.ttf",
    postscript: "NotoSans-BoldItalic",
    bytes: include_bytes!("../../fonts/NotoSans-BoldItalic.ttf"),
};

/// Noto Sans Math, cut to its arrows and mathematical operators (⟶, ≤, ∑).
pub const NOTO_SANS_MATH: FontFile = FontFile {
    file: "NotoSansMath-Regular.ttf",
    postscript: "NotoSansMath-Regular",
    bytes: include_bytes!("../../fonts/NotoSansMath-Regular.ttf"),
};

/// Noto Sans Symbols 2: check marks, warning signs, telephones, dingbats.
pub const NOTO_SANS_SYMBOLS_2: FontFile = FontFile {
    file: "NotoSansSymbols2-Regular.ttf",
    postscript: "NotoSansSymbols2-Regular",
    bytes: include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf"),
};

/// Symbola, cut to its symbols and emoji: monochrome emoji, as a PDF can embed them (free
/// for any use, `fonts/Symbola.txt`; Debian's fonts-symbola).
pub const SYMBOLA: FontFile = FontFile {
    file: "Symbola.ttf",
    postscript: "Symbola",
    bytes: include_bytes!("../../fonts/Symbola.ttf"),
};
