//! The typefaces of a project, as one [`FontBook`]: the faces built into the binary, each
//! replaced by the project's own copy under `fonts/` when it has one (same file name), parsed
//! once when the project loads and handed by context to the typesetter, the PDF export, the
//! EPUB renderer and the `missing-glyph` check.
//!
//! Faces are addressed by [`FontId`]; [`FontBook::select`] finds the face for a [`Variant`],
//! [`FontBook::chain`] the faces its text falls back to (the bundled Noto Sans, Noto Sans Math,
//! Noto Sans Symbols2 and Symbola, each parsed the first time a text needs it), and
//! [`FontBook::covers`] tells whether a face of the chain can draw a character. [`shape`]
//! turns text into glyphs, each word in one face of the chain.

mod bundled;
mod face;
pub mod shape;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

pub use bundled::{FontFile, BOLD, BOLD_ITALIC, ITALIC, MONO, REGULAR};
use bundled::{
    NOTO_SANS, NOTO_SANS_BOLD, NOTO_SANS_BOLD_ITALIC, NOTO_SANS_ITALIC, NOTO_SANS_MATH,
    NOTO_SANS_SYMBOLS_2, SYMBOLA,
};
pub use face::{Face, Metrics, Origin};
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

    /// Its place among the book's first five faces, and among its chains.
    pub fn slot(self) -> usize {
        match self {
            Variant::Regular => 0,
            Variant::Bold => 1,
            Variant::Italic => 2,
            Variant::BoldItalic => 3,
            Variant::Mono => 4,
        }
    }

    /// The variant whose face is at `slot` of a book, if one is.
    pub fn at(slot: usize) -> Option<Variant> {
        [
            Variant::Regular,
            Variant::Bold,
            Variant::Italic,
            Variant::BoldItalic,
            Variant::Mono,
        ]
        .get(slot)
        .copied()
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

/// The bundled fallbacks in the order they are tried, each a family by text variant (one
/// face serves every variant where the family has one style).
const FALLBACKS: [[&FontFile; 4]; 4] = [
    [
        &NOTO_SANS,
        &NOTO_SANS_BOLD,
        &NOTO_SANS_ITALIC,
        &NOTO_SANS_BOLD_ITALIC,
    ],
    [&NOTO_SANS_MATH; 4],
    [&NOTO_SANS_SYMBOLS_2; 4],
    [&SYMBOLA; 4],
];

/// Serial numbers of books, so that what a thread remembers of one is never used for another.
static SERIAL: AtomicU64 = AtomicU64::new(1);

/// The faces a project's outputs are set in.
pub struct FontBook {
    /// The faces of the five variants, parsed when the book is made.
    primaries: Vec<Face>,
    /// The bundled fallbacks, each parsed the first time a text needs it, so a handout the
    /// primaries draw whole never pays for them.
    fallbacks: Vec<(&'static FontFile, OnceLock<Option<Face>>)>,
    /// The faces each variant tries in turn, by [`Variant::slot`]: its own face first, then
    /// the fallbacks (code falls back to the regular text chain).
    chains: [Vec<FontId>; 5],
    serial: u64,
    /// Whether each ASCII character is drawable as text and as code: most characters of any
    /// handout, answered without asking the faces.
    ascii: [[bool; 2]; 128],
}

impl FontBook {
    /// The faces built into the binary.
    pub fn bundled() -> FontBook {
        let primaries = BUNDLED
            .iter()
            .filter_map(|(_, file)| {
                Face::parse(
                    Bytes::Bundled(file.bytes),
                    0,
                    Origin::Bundled,
                    file.postscript,
                )
            })
            .collect();
        FontBook::new(primaries)
    }

    /// The bundled faces, each replaced by the file of the same name in `root/fonts/` where
    /// there is one. A file there that is not a font is an error.
    pub fn load(root: &Path) -> Result<FontBook, Error> {
        let mut faces = Vec::with_capacity(BUNDLED.len());
        for (_, file) in BUNDLED {
            let path = root.join("fonts").join(file.file);
            let (bytes, origin) = match std::fs::read(&path) {
                Ok(bytes) => (Bytes::Read(Arc::new(bytes)), Origin::Project(path.clone())),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    (Bytes::Bundled(file.bytes), Origin::Bundled)
                }
                Err(e) => return Err(Error::read(&path, e)),
            };
            let face = Face::parse(bytes, 0, origin, file.postscript).ok_or_else(|| {
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

    /// A book of the five `primaries` (in [`BUNDLED`] order) and the bundled fallbacks.
    fn new(primaries: Vec<Face>) -> FontBook {
        let mut fallbacks: Vec<(&'static FontFile, OnceLock<Option<Face>>)> = Vec::new();
        let mut families = Vec::new();
        for family in FALLBACKS {
            let ids = family.map(|file| {
                let at = match fallbacks.iter().position(|(f, _)| f.file == file.file) {
                    Some(at) => at,
                    None => {
                        fallbacks.push((file, OnceLock::new()));
                        fallbacks.len() - 1
                    }
                };
                FontId(u16::try_from(primaries.len() + at).unwrap_or(0))
            });
            families.push(ids);
        }
        let chain = |slot: usize| -> Vec<FontId> {
            let mut chain = vec![FontId(u16::try_from(slot).unwrap_or(0))];
            chain.extend(families.iter().map(|family| family[slot.min(3)]));
            chain
        };
        let mut mono = vec![FontId(u16::try_from(Variant::Mono.slot()).unwrap_or(0))];
        mono.extend(chain(Variant::Regular.slot()));
        let chains = [chain(0), chain(1), chain(2), chain(3), mono];
        let mut book = FontBook {
            primaries,
            fallbacks,
            chains,
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
            ascii: [[false; 2]; 128],
        };
        // Control characters are never drawable: leaving them out spares asking (and so
        // parsing) every fallback face.
        book.ascii = std::array::from_fn(|i| {
            let c = char::from(i as u8);
            if c.is_ascii_control() && !c.is_whitespace() {
                [false; 2]
            } else {
                [book.covered(c, false), book.covered(c, true)]
            }
        });
        book
    }

    /// The face for `variant`.
    pub fn select(&self, variant: Variant) -> FontId {
        FontId(u16::try_from(variant.slot()).unwrap_or(0))
    }

    /// The face `id`; a bundled fallback is parsed the first time it is asked for.
    pub fn face(&self, id: FontId) -> &Face {
        let primary = |i: usize| &self.primaries[i.min(self.primaries.len() - 1)];
        let Some((file, face)) = id
            .index()
            .checked_sub(self.primaries.len())
            .and_then(|i| self.fallbacks.get(i))
        else {
            return primary(id.index());
        };
        face.get_or_init(|| {
            Face::parse(
                Bytes::Bundled(file.bytes),
                0,
                Origin::Bundled,
                file.postscript,
            )
        })
        .as_ref()
        .unwrap_or_else(|| primary(0))
    }

    /// The faces text asked for in face `id` is set in, in the order they are tried: `id`
    /// first, then its fallbacks (a fallback face asked for by itself has no fallbacks).
    pub fn chain(&self, id: FontId) -> &[FontId] {
        if let Some(chain) = self.chains.get(id.index()) {
            return chain;
        }
        self.chains
            .iter()
            .flatten()
            .find(|&&f| f == id)
            .map_or(&self.chains[0][..1], std::slice::from_ref)
    }

    /// The families of the faces `code` or running text tries, by name, in order.
    pub fn tried(&self, code: bool) -> Vec<&str> {
        let chain = self.chain(self.select(if code {
            Variant::Mono
        } else {
            Variant::Regular
        }));
        let mut names: Vec<&str> = Vec::new();
        for id in chain {
            let family = self.face(*id).family();
            if !names.contains(&family) {
                names.push(family);
            }
        }
        names
    }

    /// Whether `c` can be drawn: in code by a face of the mono chain, elsewhere by a face of
    /// every text variant's chain (whitespace is always drawable: it is set as space; so is
    /// a soft hyphen, a break point drawn as `-` only where a line breaks, and so are the
    /// variation selectors and joiners a face may lack, which shaping leaves out).
    pub fn covers(&self, c: char, code: bool) -> bool {
        match self.ascii.get(c as usize) {
            Some(known) => known[usize::from(code)],
            None => self.covered(c, code),
        }
    }

    fn covered(&self, c: char, code: bool) -> bool {
        let has = |v: Variant| {
            self.chain(self.select(v))
                .iter()
                .any(|&f| self.face(f).has(c))
        };
        c.is_whitespace()
            || (c == '\u{ad}' && !code)
            || ignorable(c)
            || if code {
                has(Variant::Mono)
            } else {
                Variant::TEXT.into_iter().all(has)
            }
    }
}

/// Characters that need no glyph of their own: variation selectors and joiners, which a
/// face without them leaves out when shaping.
fn ignorable(c: char) -> bool {
    matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{200c}' | '\u{200d}' | '\u{e0100}'..='\u{e01ef}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_face_parses_and_names_itself() {
        let book = FontBook::bundled();
        assert_eq!(book.primaries.len(), BUNDLED.len());
        assert_eq!(book.fallbacks.len(), 7);
        for (variant, file) in BUNDLED {
            let face = book.face(book.select(variant));
            assert_eq!(face.postscript(), file.postscript);
            assert_eq!(face.origin(), &Origin::Bundled);
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
        assert!(
            !book.covers('\u{e000}', false),
            "no face has the private use area"
        );
    }

    #[test]
    fn fallbacks_are_parsed_only_when_a_text_needs_them() {
        let book = FontBook::bundled();
        let parsed = |book: &FontBook| {
            book.fallbacks
                .iter()
                .filter(|(_, f)| f.get().is_some())
                .count()
        };
        book.shape(book.select(Variant::Regular), "Rest well, tonight.", 12.0);
        assert!(book.covers('é', false));
        assert_eq!(parsed(&book), 0);
        book.shape(book.select(Variant::Regular), "người", 12.0);
        assert_eq!(parsed(&book), 1, "Noto Sans alone");
    }

    #[test]
    fn a_fallback_face_asked_for_by_itself_is_its_own_chain() {
        let book = FontBook::bundled();
        let symbola = book.chain(book.select(Variant::Regular))[4];
        assert_eq!(book.face(symbola).family(), "Symbola");
        assert_eq!(book.chain(symbola), [symbola]);
    }

    #[test]
    fn what_the_body_face_lacks_the_fallbacks_draw() {
        let book = FontBook::bundled();
        for c in "ơưệ✓✔✅❌→⟶⚠µαβ≤≥\u{2011}©🎉📅☎Жπ\u{fe0f}".chars()
        {
            assert!(book.covers(c, false), "text {c:?}");
            assert!(book.covers(c, true), "code {c:?}");
        }
        assert_eq!(
            book.tried(true),
            [
                "Atkinson Hyperlegible Mono",
                "Atkinson Hyperlegible Next",
                "Noto Sans",
                "Noto Sans Math",
                "Noto Sans Symbols2",
                "Symbola"
            ]
        );
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
