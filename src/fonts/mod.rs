//! The typefaces of a project, as one [`FontBook`]: the faces built into the binary, each
//! replaced by the project's own copy under `fonts/` when it has one (same file name), parsed
//! once when the project loads and handed by context to the typesetter, the PDF export, the
//! EPUB renderer and the `missing-glyph` check.
//!
//! Faces are addressed by [`FontId`]; [`FontBook::select`] finds the face for a [`Variant`]
//! and [`FontBook::covers`] tells whether the faces a text is set in can draw a character.
//! [`shape`] turns text into glyphs.

mod bundled;
mod face;
pub mod shape;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub use bundled::{FontFile, BOLD, BOLD_ITALIC, ITALIC, MONO, REGULAR};
pub use face::{Face, Metrics};
pub use shape::{width, Glyph};

use crate::error::Error;
use face::Bytes;

/// A face in a [`FontBook`]: its place in the book, which is also its number in a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FontId(u16);

impl FontId {
    /// Position of the face in its book, from 0.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// What a face is for: one of the four of running text, or monospaced code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Variant {
    /// Upright, regular weight.
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic, regular weight.
    Italic,
    /// Italic, bold.
    BoldItalic,
    /// Monospaced, for code.
    Mono,
}

impl Variant {
    /// The variants of running text.
    pub const TEXT: [Variant; 4] = [
        Variant::Regular,
        Variant::Bold,
        Variant::Italic,
        Variant::BoldItalic,
    ];

    /// The text variant with `bold` and `italic` as given.
    pub fn styled(bold: bool, italic: bool) -> Variant {
        match (bold, italic) {
            (false, false) => Variant::Regular,
            (true, false) => Variant::Bold,
            (false, true) => Variant::Italic,
            (true, true) => Variant::BoldItalic,
        }
    }

    /// Whether text in this variant is bold and italic.
    pub fn style(self) -> (bool, bool) {
        match self {
            Variant::Regular | Variant::Mono => (false, false),
            Variant::Bold => (true, false),
            Variant::Italic => (false, true),
            Variant::BoldItalic => (true, true),
        }
    }
}

/// The bundled faces in the order of the book, with their variants.
const BUNDLED: [(Variant, &FontFile); 5] = [
    (Variant::Regular, &REGULAR),
    (Variant::Bold, &BOLD),
    (Variant::Italic, &ITALIC),
    (Variant::BoldItalic, &BOLD_ITALIC),
    (Variant::Mono, &MONO),
];

/// Serial numbers of books, so that what a thread remembers of one is never used for another.
static SERIAL: AtomicU64 = AtomicU64::new(1);

/// The faces a project's outputs are set in.
pub struct FontBook {
    faces: Vec<Face>,
    serial: u64,
    /// Whether each ASCII character is drawable as text and as code: most characters of any
    /// handout, answered without asking the faces.
    ascii: [[bool; 2]; 128],
}

impl FontBook {
    /// The faces built into the binary.
    pub fn bundled() -> FontBook {
        let faces = BUNDLED
            .iter()
            .filter_map(|(variant, file)| {
                Face::parse(*variant, Bytes::Bundled(file.bytes), file.postscript)
            })
            .collect();
        FontBook::new(faces)
    }

    /// The bundled faces, each replaced by the file of the same name in `root/fonts/` where
    /// there is one. A file there that is not a font is an error.
    pub fn load(root: &Path) -> Result<FontBook, Error> {
        let mut faces = Vec::with_capacity(BUNDLED.len());
        for (variant, file) in BUNDLED {
            let path = root.join("fonts").join(file.file);
            let bytes = match std::fs::read(&path) {
                Ok(bytes) => Bytes::Project(Arc::new(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Bytes::Bundled(file.bytes),
                Err(e) => return Err(Error::read(&path, e)),
            };
            let face = Face::parse(variant, bytes, file.postscript).ok_or_else(|| {
                Error::Usage(format!(
                    "{}: not a font file handout can read (TrueType or OpenType); replace it, or remove it to use the built-in {}",
                    path.display(),
                    file.postscript
                ))
            })?;
            faces.push(face);
        }
        Ok(FontBook::new(faces))
    }

    fn new(faces: Vec<Face>) -> FontBook {
        let mut book = FontBook {
            faces,
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
            ascii: [[false; 2]; 128],
        };
        book.ascii = std::array::from_fn(|i| {
            let c = char::from(i as u8);
            [book.covered(c, false), book.covered(c, true)]
        });
        book
    }

    /// The face for `variant`.
    pub fn select(&self, variant: Variant) -> FontId {
        let at = self.faces.iter().position(|f| f.variant() == variant);
        FontId(at.and_then(|i| u16::try_from(i).ok()).unwrap_or(0))
    }

    /// The face `id`.
    pub fn face(&self, id: FontId) -> &Face {
        &self.faces[id.index().min(self.faces.len() - 1)]
    }

    /// Whether `c` can be drawn: in code by the mono face, elsewhere by every text face
    /// (whitespace is always drawable: it is set as space; so is a soft hyphen, which is a
    /// break point, drawn as `-` only where a line breaks).
    pub fn covers(&self, c: char, code: bool) -> bool {
        match self.ascii.get(c as usize) {
            Some(known) => known[usize::from(code)],
            None => self.covered(c, code),
        }
    }

    fn covered(&self, c: char, code: bool) -> bool {
        let has = |v: Variant| self.face(self.select(v)).has(c);
        c.is_whitespace()
            || (c == '\u{ad}' && !code)
            || if code {
                has(Variant::Mono)
            } else {
                Variant::TEXT.into_iter().all(has)
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_face_parses_and_names_itself() {
        let book = FontBook::bundled();
        assert_eq!(book.faces.len(), BUNDLED.len());
        for (variant, file) in BUNDLED {
            let face = book.face(book.select(variant));
            assert_eq!(face.variant(), variant);
            assert_eq!(face.postscript(), file.postscript);
        }
    }

    #[test]
    fn coverage_reports_what_the_font_lacks() {
        let book = FontBook::bundled();
        for c in ['é', '—', '–', '“', '•'] {
            assert!(book.covers(c, false), "{c}");
        }
        assert!(book.covers('{', true) && book.covers('é', true));
        assert!(!book.covers('漢', false) && !book.covers('漢', true));
    }

    #[test]
    fn a_project_font_replaces_the_bundled_face_of_its_name() {
        let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let fonts = temp.path().join("fonts");
        std::fs::create_dir_all(&fonts).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(fonts.join(REGULAR.file), MONO.bytes).unwrap_or_else(|e| panic!("{e}"));
        let book = FontBook::load(temp.path()).unwrap_or_else(|e| panic!("{e}"));
        let regular = book.face(book.select(Variant::Regular));
        assert_eq!(regular.postscript(), MONO.postscript);
        assert_eq!(regular.bytes(), MONO.bytes);
        std::fs::write(fonts.join(BOLD.file), b"not a font").unwrap_or_else(|e| panic!("{e}"));
        let err = FontBook::load(temp.path()).err().map(|e| e.to_string());
        assert!(
            err.is_some_and(|e| e.contains("not a font file")),
            "a broken font is refused"
        );
    }
}
