//! The text faces, for booklets that embed them (`epub: { embed_fonts: true }`): the
//! project's [`FontBook`], so its own `fonts/` copies replace the built-in ones.

use crate::fonts::{FontBook, FontFile, Variant, BOLD, BOLD_ITALIC, ITALIC, REGULAR};

/// The faces a booklet embeds, each with the bundled file whose name it takes inside the
/// booklet (`<PostScript name>.ttf`, as `layouts/epub/fonts.css` refers to it).
const FONTS: [(Variant, &FontFile); 4] = [
    (Variant::Regular, &REGULAR),
    (Variant::Italic, &ITALIC),
    (Variant::Bold, &BOLD),
    (Variant::BoldItalic, &BOLD_ITALIC),
];

/// Each embedded face's name inside the booklet and its bytes.
pub fn embedded(fonts: &FontBook) -> impl Iterator<Item = (String, &[u8])> {
    FONTS.into_iter().map(|(variant, file)| {
        let face = fonts.face(fonts.select(variant));
        (format!("{}.ttf", file.postscript), face.bytes())
    })
}
