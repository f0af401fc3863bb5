//! The bundled font, for booklets that embed it (`epub: { embed_fonts: true }`): a project's
//! own `fonts/` folder overrides the copy built into the binary, file by file.

use crate::fonts::{FontFile, BOLD, BOLD_ITALIC, ITALIC, REGULAR};

/// The faces a booklet embeds; inside the booklet each is named `<PostScript name>.ttf`, as
/// `layouts/epub/fonts.css` refers to it.
pub const FONTS: [&FontFile; 4] = [&REGULAR, &ITALIC, &BOLD, &BOLD_ITALIC];

/// A face's file name inside the booklet.
pub fn name(font: &FontFile) -> String {
    format!("{}.ttf", font.postscript)
}
