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
mod installed;
pub mod shape;

use std::collections::BTreeMap;
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
use crate::lang::Lang;
use face::Bytes;
use installed::{Found, Installed, Styles};

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

/// The faces of a family for running text, by variant slot (regular, bold, italic, bold
/// italic); a family with fewer styles repeats the nearest.
type Family = [FontId; 4];

/// The faces a project's outputs are set in.
pub struct FontBook {
    /// The faces of the five variants, parsed when the book is made.
    primaries: Vec<Face>,
    /// Every other face: the bundled fallbacks, each parsed the first time a text needs it
    /// (so a handout the primaries draw whole never pays for them), and the faces taken from
    /// font files for the languages that name them or need them.
    others: Vec<Other>,
    /// The bundled fallback families, in the order they are tried.
    bundled: Vec<Family>,
    /// The chains of every language (first), then of each language with faces of its own.
    chains: Vec<Chains>,
    /// The font folders faces are taken from.
    installed: Installed,
    serial: u64,
    /// Whether each ASCII character is drawable as text and as code: most characters of any
    /// handout, answered without asking the faces.
    ascii: [[bool; 2]; 128],
}

/// A face beyond the primaries, parsed when first needed.
struct Other {
    source: Source,
    face: OnceLock<Option<Face>>,
}

/// Where a face beyond the primaries comes from.
enum Source {
    /// Built into the binary.
    Bundled(&'static FontFile),
    /// A font file of the project's or the system's.
    File(Found),
}

/// The faces each variant tries in turn for text in a language.
struct Chains {
    /// The language (and what it matches: `zh` matches `zh-Hans`); none for every language.
    lang: Option<Lang>,
    /// Families tried after each variant's own face and before the bundled fallbacks: those
    /// `fonts:` names for the language.
    lead: Vec<Family>,
    /// Families tried after the bundled fallbacks: installed faces found for characters
    /// nothing else draws.
    tail: Vec<Family>,
    /// The chain of each variant, by [`Variant::slot`]: its own face, `lead`, the bundled
    /// fallbacks, `tail` (code falls back to the regular text chain).
    slots: [Vec<FontId>; 5],
}

/// A family the book took from the installed fonts for text nothing else could draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Adopted {
    /// The family, as the font names it.
    pub family: String,
    /// Where its regular face was found.
    pub origin: Origin,
    /// The characters it was taken for, of those asked about.
    pub chars: Vec<char>,
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
        FontBook::new(
            primaries,
            Installed::new(Path::new("/nonexistent-handout-fonts")),
        )
    }

    /// The faces of the project at `root`: the bundled faces, each replaced by the file of the
    /// same name in `root/fonts/` where there is one, and for each language of `families`
    /// (a BCP 47 tag) the families it names, found in `root/fonts/`, then in the system's
    /// font folders, then among the bundled faces. A file there that is not a font is an
    /// error; so is a family no folder holds, reported by `locate` (the family, a message
    /// and a hint).
    pub fn load(
        root: &Path,
        families: &BTreeMap<String, Vec<String>>,
        locate: &dyn Fn(&str, String, String) -> Error,
    ) -> Result<FontBook, Error> {
        let mut faces = Vec::with_capacity(BUNDLED.len());
        for (_, file) in BUNDLED {
            let path = root.join("fonts").join(file.file);
            let (bytes, origin) = match std::fs::read(&path) {
                Ok(bytes) => (Bytes::File(Arc::new(bytes)), Origin::Project(path.clone())),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    (Bytes::Bundled(file.bytes), Origin::Bundled)
                }
                Err(e) => return Err(Error::read(&path, e)),
            };
            let face = Face::parse(bytes, 0, origin, file.postscript)
                .ok_or_else(|| not_a_font(&path, &format!("the built-in {}", file.postscript)))?;
            faces.push(face);
        }
        let mut book = FontBook::new(faces, Installed::new(root));
        for (tag, names) in families {
            let mut lead = Vec::new();
            for name in names {
                let family = match book.family_named(name) {
                    Some(family) => family,
                    None => {
                        let (message, hint) = book.unknown_family(name, tag);
                        return Err(locate(name, message, hint));
                    }
                };
                lead.push(family?);
            }
            let lang = Lang::parse(tag);
            let slots = book.slots(&lead, &[]);
            book.chains.push(Chains {
                lang: Some(lang),
                lead,
                tail: Vec::new(),
                slots,
            });
        }
        Ok(book)
    }

    /// A book of the five `primaries` (in [`BUNDLED`] order) and the bundled fallbacks.
    fn new(primaries: Vec<Face>, installed: Installed) -> FontBook {
        let mut book = FontBook {
            primaries,
            others: Vec::new(),
            bundled: Vec::new(),
            chains: Vec::new(),
            installed,
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
            ascii: [[false; 2]; 128],
        };
        for files in FALLBACKS {
            let family = files.map(|file| {
                let at = book.others.iter().position(
                    |other| matches!(other.source, Source::Bundled(f) if f.file == file.file),
                );
                match at {
                    Some(at) => book.other_id(at),
                    None => book.push(Source::Bundled(file), OnceLock::new()),
                }
            });
            book.bundled.push(family);
        }
        let slots = book.slots(&[], &[]);
        book.chains.push(Chains {
            lang: None,
            lead: Vec::new(),
            tail: Vec::new(),
            slots,
        });
        // Control characters are never drawable: leaving them out spares asking (and so
        // parsing) every fallback face.
        book.ascii = std::array::from_fn(|i| {
            let c = char::from(i as u8);
            if c.is_ascii_control() && !c.is_whitespace() {
                [false; 2]
            } else {
                [book.covered(c, false, 0), book.covered(c, true, 0)]
            }
        });
        book
    }

    /// Adds a face beyond the primaries; returns its id.
    fn push(&mut self, source: Source, face: OnceLock<Option<Face>>) -> FontId {
        self.others.push(Other { source, face });
        self.other_id(self.others.len() - 1)
    }

    fn other_id(&self, at: usize) -> FontId {
        FontId(u16::try_from(self.primaries.len() + at).unwrap_or(0))
    }

    /// The chains of each variant with `lead` and `tail` around the bundled fallbacks.
    fn slots(&self, lead: &[Family], tail: &[Family]) -> [Vec<FontId>; 5] {
        let text = |slot: usize| -> Vec<FontId> {
            let mut chain = vec![FontId(u16::try_from(slot).unwrap_or(0))];
            let families = lead.iter().chain(&self.bundled).chain(tail);
            for id in families.map(|family| family[slot.min(3)]) {
                if !chain.contains(&id) {
                    chain.push(id);
                }
            }
            chain
        };
        let mut mono = vec![FontId(u16::try_from(Variant::Mono.slot()).unwrap_or(0))];
        mono.extend(text(Variant::Regular.slot()));
        [text(0), text(1), text(2), text(3), mono]
    }

    /// The family called `name` (as the fonts name it): the project's or the system's, else
    /// a bundled one; `None` when nowhere, an error when its file is not a font.
    fn family_named(&mut self, name: &str) -> Option<Result<Family, Error>> {
        let Some(styles) = self.installed.family(name) else {
            return self.bundled_family(name).map(Ok);
        };
        Some(self.adopt(styles, name, None))
    }

    /// A bundled family by name.
    fn bundled_family(&self, name: &str) -> Option<Family> {
        if self.primaries.first().is_some_and(|f| f.family() == name) {
            return Some(std::array::from_fn(|slot| {
                FontId(u16::try_from(slot).unwrap_or(0))
            }));
        }
        self.bundled
            .iter()
            .find(|family| self.face(family[0]).family() == name)
            .copied()
    }

    /// Adds the faces of `styles` to the book (a file already in it is not added twice);
    /// `regular`, when given, is the regular face already parsed.
    fn adopt(
        &mut self,
        styles: Styles,
        name: &str,
        mut regular: Option<Face>,
    ) -> Result<Family, Error> {
        let mut family = [FontId(0); 4];
        for (slot, found) in styles.into_iter().enumerate() {
            let known = self
                .others
                .iter()
                .position(|other| matches!(&other.source, Source::File(f) if *f == found));
            family[slot] = match known {
                Some(at) => self.other_id(at),
                None => {
                    let face = regular
                        .take()
                        .filter(|_| slot == 0)
                        .or_else(|| {
                            let bytes = found.bytes()?;
                            Face::parse(bytes, found.index, found.origin(), name)
                        })
                        .ok_or_else(|| not_a_font(&found.path, "another family"))?;
                    self.push(Source::File(found), OnceLock::from(Some(face)))
                }
            };
        }
        Ok(family)
    }

    /// What a build says of a family named in `fonts:` that no folder holds.
    fn unknown_family(&self, name: &str, tag: &str) -> (String, String) {
        let mut known = self.installed.families();
        known.extend(self.primaries.iter().map(|f| f.family().to_owned()));
        known.extend(
            self.bundled
                .iter()
                .map(|f| self.face(f[0]).family().to_owned()),
        );
        let message = format!(
            "no font family `{name}` (named for `{tag}` in `fonts:`) in the project's fonts/ folder, the system's font folders or the faces built into handout"
        );
        let hint = match crate::diagnostic::did_you_mean(name, known.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "put the family's .ttf, .otf or .ttc files in the project's fonts/ folder, or install it ({})",
                package_for(&Lang::parse(tag))
            ),
        };
        (message, hint)
    }

    /// Takes faces from the installed fonts for the characters of `missing` that no face
    /// of `lang`'s chains draws, and adds them at the end of its chains; returns the families
    /// taken, each with the characters it draws. A family `fonts:` names comes first: this
    /// only fills what nothing configured covers.
    pub fn adopt_installed(&mut self, lang: &Lang, missing: &[char]) -> Vec<Adopted> {
        let mut left: Vec<char> = missing.to_vec();
        let mut taken = Vec::new();
        let mut families = Vec::new();
        for name in self.installed.candidates(lang) {
            if left.is_empty() {
                break;
            }
            let Some(styles) = self.installed.family(&name) else {
                continue;
            };
            let origin = styles[0].origin();
            let Some(face) = styles[0]
                .bytes()
                .and_then(|bytes| Face::parse(bytes, styles[0].index, origin.clone(), &name))
            else {
                continue;
            };
            let (chars, rest): (Vec<char>, Vec<char>) = left.iter().partition(|&&c| face.has(c));
            if chars.is_empty() {
                continue;
            }
            let adopted = Adopted {
                family: face.family().to_owned(),
                origin,
                chars,
            };
            let Ok(family) = self.adopt(styles, &name, Some(face)) else {
                continue;
            };
            left = rest;
            families.push(family);
            taken.push(adopted);
        }
        if families.is_empty() {
            return taken;
        }
        let at = self.chains_for(lang);
        let at = if self.chains[at].lang.as_ref() == Some(lang) {
            at
        } else {
            let lead = self.chains[at].lead.clone();
            let tail = self.chains[at].tail.clone();
            let slots = self.slots(&lead, &tail);
            self.chains.push(Chains {
                lang: Some(lang.clone()),
                lead,
                tail,
                slots,
            });
            self.chains.len() - 1
        };
        self.chains[at].tail.extend(families);
        let slots = self.slots(&self.chains[at].lead, &self.chains[at].tail);
        self.chains[at].slots = slots;
        taken
    }

    /// The face for `variant`.
    pub fn select(&self, variant: Variant) -> FontId {
        FontId(u16::try_from(variant.slot()).unwrap_or(0))
    }

    /// The face `id`; a bundled fallback is parsed the first time it is asked for.
    pub fn face(&self, id: FontId) -> &Face {
        let primary = |i: usize| &self.primaries[i.min(self.primaries.len() - 1)];
        let Some(other) = id
            .index()
            .checked_sub(self.primaries.len())
            .and_then(|i| self.others.get(i))
        else {
            return primary(id.index());
        };
        other
            .face
            .get_or_init(|| match &other.source {
                Source::Bundled(file) => Face::parse(
                    Bytes::Bundled(file.bytes),
                    0,
                    Origin::Bundled,
                    file.postscript,
                ),
                Source::File(found) => found
                    .bytes()
                    .and_then(|bytes| Face::parse(bytes, found.index, found.origin(), "")),
            })
            .as_ref()
            .unwrap_or_else(|| primary(0))
    }

    /// Which of the book's chains text in `lang` tries: those of the most specific language
    /// matching it, else those of every language.
    fn chains_for(&self, lang: &Lang) -> usize {
        if self.chains.len() == 1 {
            return 0;
        }
        let mut best = (0, 0);
        for (at, chains) in self.chains.iter().enumerate().skip(1) {
            if let Some(score) = chains.lang.as_ref().and_then(|key| specificity(key, lang)) {
                if score > best.1 {
                    best = (at, score);
                }
            }
        }
        best.0
    }

    /// The faces text in `lang` asked for in face `id` is set in, in the order they are
    /// tried: `id` first, then its fallbacks (a face asked for by itself that is no
    /// variant's own has no fallbacks).
    pub fn chain(&self, id: FontId, lang: &Lang) -> &[FontId] {
        self.chain_at(id, self.chains_for(lang))
    }

    fn chain_at(&self, id: FontId, at: usize) -> &[FontId] {
        let slots = &self.chains[at.min(self.chains.len() - 1)].slots;
        if let Some(chain) = slots.get(id.index()) {
            return chain;
        }
        slots
            .iter()
            .flatten()
            .find(|&&f| f == id)
            .map_or(&slots[0][..1], std::slice::from_ref)
    }

    /// The families of the faces `code` or running text in `lang` tries, by name, in order.
    pub fn tried(&self, code: bool, lang: &Lang) -> Vec<&str> {
        let variant = if code {
            Variant::Mono
        } else {
            Variant::Regular
        };
        let mut names: Vec<&str> = Vec::new();
        for id in self.chain(self.select(variant), lang) {
            let family = self.face(*id).family();
            if !names.contains(&family) {
                names.push(family);
            }
        }
        names
    }

    /// Whether `c` in `lang` can be drawn: in code by a face of the mono chain, elsewhere by
    /// a face of every text variant's chain (whitespace is always drawable: it is set as
    /// space; so is a soft hyphen, a break point drawn as `-` only where a line breaks, and
    /// so are the variation selectors and joiners a face may lack, which shaping leaves out).
    pub fn covers(&self, c: char, code: bool, lang: &Lang) -> bool {
        match self.ascii.get(c as usize) {
            // Every language's chains start with the chains of all: what those draw, all do.
            Some(known) if known[usize::from(code)] || c.is_ascii_control() => {
                known[usize::from(code)]
            }
            _ => self.covered(c, code, self.chains_for(lang)),
        }
    }

    fn covered(&self, c: char, code: bool, at: usize) -> bool {
        let has = |v: Variant| {
            self.chain_at(self.select(v), at)
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

/// How closely chains made for `key` fit text in `lang`: `None` when they do not apply, more
/// for each subtag `key` names that `lang` shares (`zh-Hant` fits `zh-Hant-TW` better than
/// `zh`), most for the very tag.
fn specificity(key: &Lang, lang: &Lang) -> Option<u8> {
    if key.as_str().eq_ignore_ascii_case(lang.as_str()) {
        return Some(4);
    }
    let fits = |k: Option<&str>, l: Option<&str>| k.is_none_or(|k| Some(k) == l);
    (key.language() == lang.language()
        && fits(key.script(), lang.script())
        && fits(key.region(), lang.region()))
    .then(|| 1 + u8::from(key.script().is_some()) + u8::from(key.region().is_some()))
}

/// A family that sets text in `lang`, for a hint to name: the region's cut of Noto Sans CJK,
/// or the Noto Sans family of the script of some languages.
pub fn suggested_family(lang: &Lang) -> Option<String> {
    if let Some(region) = installed::cjk_region(lang) {
        return Some(format!("Noto Sans CJK {region}"));
    }
    let script = match lang.language() {
        "ar" | "fa" | "ur" | "ps" | "ckb" | "sd" | "ug" => "Arabic",
        "he" | "yi" => "Hebrew",
        "hi" | "mr" | "ne" => "Devanagari",
        "bn" => "Bengali",
        "th" => "Thai",
        "lo" => "Lao",
        "km" => "Khmer",
        "my" => "Myanmar",
        "am" | "ti" => "Ethiopic",
        "hy" => "Armenian",
        "ka" => "Georgian",
        _ => return None,
    };
    Some(format!("Noto Sans {script}"))
}

/// Where to get faces for text in `lang`, as a hint says it.
pub fn package_for(lang: &Lang) -> &'static str {
    match lang.language() {
        "zh" | "ja" | "ko" | "yue" => {
            "on Debian and Ubuntu `apt install fonts-noto-cjk`, which has Noto Sans CJK"
        }
        _ => "on Debian and Ubuntu `apt install fonts-noto-core`, which has a Noto Sans family for most scripts",
    }
}

fn not_a_font(path: &Path, instead: &str) -> Error {
    Error::Usage(format!(
        "{}: not a font file handout can read (TrueType or OpenType); replace it, or remove it to use {instead}",
        path.display(),
    ))
}

/// Characters that need no glyph of their own: variation selectors and joiners, which a
/// face without them leaves out when shaping.
fn ignorable(c: char) -> bool {
    matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{200c}' | '\u{200d}' | '\u{e0100}'..='\u{e01ef}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Lang {
        Lang::parse("en")
    }

    #[test]
    fn every_bundled_face_parses_and_names_itself() {
        let book = FontBook::bundled();
        assert_eq!(book.primaries.len(), BUNDLED.len());
        assert_eq!(book.others.len(), 7);
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
            assert!(book.covers(c, false, &en()), "{c}");
        }
        assert!(book.covers('{', true, &en()) && book.covers('é', true, &en()));
        assert!(!book.covers('漢', false, &en()) && !book.covers('漢', true, &en()));
        assert!(
            !book.covers('\u{e000}', false, &en()),
            "no face has the private use area"
        );
    }

    #[test]
    fn fallbacks_are_parsed_only_when_a_text_needs_them() {
        let book = FontBook::bundled();
        let parsed = |book: &FontBook| {
            book.others
                .iter()
                .filter(|other| other.face.get().is_some())
                .count()
        };
        book.shape(
            book.select(Variant::Regular),
            &en(),
            "Rest well, tonight.",
            12.0,
        );
        assert!(book.covers('é', false, &en()));
        assert_eq!(parsed(&book), 0);
        book.shape(book.select(Variant::Regular), &en(), "người", 12.0);
        assert_eq!(parsed(&book), 1, "Noto Sans alone");
    }

    #[test]
    fn a_fallback_face_asked_for_by_itself_is_its_own_chain() {
        let book = FontBook::bundled();
        let symbola = book.chain(book.select(Variant::Regular), &en())[4];
        assert_eq!(book.face(symbola).family(), "Symbola");
        assert_eq!(book.chain(symbola, &en()), [symbola]);
    }

    #[test]
    fn what_the_body_face_lacks_the_fallbacks_draw() {
        let book = FontBook::bundled();
        for c in "ơưệ✓✔✅❌→⟶⚠µαβ≤≥\u{2011}©🎉📅☎Жπ\u{fe0f}".chars()
        {
            assert!(book.covers(c, false, &en()), "text {c:?}");
            assert!(book.covers(c, true, &en()), "code {c:?}");
        }
        assert_eq!(
            book.tried(true, &en()),
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
        let book = FontBook::load(temp.path(), &BTreeMap::new(), &|_, m, _| Error::Usage(m))
            .unwrap_or_else(|e| panic!("{e}"));
        let regular = book.face(book.select(Variant::Regular));
        assert_eq!(regular.postscript(), MONO.postscript);
        assert_eq!(regular.bytes(), MONO.bytes);
        std::fs::write(fonts.join(BOLD.file), b"not a font").unwrap_or_else(|e| panic!("{e}"));
        let err = FontBook::load(temp.path(), &BTreeMap::new(), &|_, m, _| Error::Usage(m))
            .err()
            .map(|e| e.to_string());
        assert!(
            err.is_some_and(|e| e.contains("not a font file")),
            "a broken font is refused"
        );
    }
}
