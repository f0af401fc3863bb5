//! One typeface, parsed once: its outline tables for coverage, metrics and widths
//! (ttf-parser), the same data as the shaper reads it (harfrust), and its shaping plans.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use harfrust::{Direction, Language, Script, ShapePlan};
use rustc_hash::FxHashMap;

/// A font file's bytes: built into the binary, or read from a file.
#[derive(Clone)]
pub enum Bytes {
    /// The copy inside the binary.
    Bundled(&'static [u8]),
    /// A file, read or mapped into memory (a large face, such as a 20 MB CJK collection, is
    /// mapped: never copied, and only the pages of the glyphs used are read).
    File(Arc<dyn AsRef<[u8]> + Send + Sync>),
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Bundled(bytes) => bytes,
            Bytes::File(bytes) => (**bytes).as_ref(),
        }
    }
}

/// Where a face comes from, as diagnostics and `-v` name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into the binary.
    Bundled,
    /// A file in the project's `fonts/`.
    Project(PathBuf),
    /// A file in the system's font folders.
    System(PathBuf),
}

self_cell::self_cell!(
    /// The bytes of a face with ttf-parser's view of them.
    struct Parsed {
        owner: Bytes,
        #[covariant]
        dependent: ParsedFace,
    }
);

type ParsedFace<'a> = ttf_parser::Face<'a>;

/// What a shaping plan depends on besides the face: direction, script and language.
pub(super) type PlanKey = (Direction, Option<Script>, Option<Language>);

/// A parsed face.
pub struct Face {
    family: String,
    postscript: String,
    origin: Origin,
    /// Its number in a font collection (0 for a single font file).
    index: u32,
    parsed: Parsed,
    shaping: harfrust::Font,
    metrics: Metrics,
    /// Shaping plans by direction, script and language: building a plan costs more than
    /// shaping a word with it, so each is made once and shared by every thread.
    plans: RwLock<FxHashMap<PlanKey, Arc<ShapePlan>>>,
}

/// Vertical metrics of a face at 1 pt, as fractions of the size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Height above the baseline.
    pub ascent: f32,
    /// Depth below the baseline (positive).
    pub descent: f32,
}

impl Face {
    /// Parses face `index` of `bytes`; `fallback_name` names it should the font carry no
    /// PostScript name. `None` when the bytes are not a font handout can read.
    pub fn parse(bytes: Bytes, index: u32, origin: Origin, fallback_name: &str) -> Option<Face> {
        let shaping = match &bytes {
            Bytes::Bundled(b) => harfrust::Font::new(*b, index)?,
            Bytes::File(b) => harfrust::Font::new(Arc::clone(b), index)?,
        };
        let parsed = Parsed::try_new(bytes, |b| ttf_parser::Face::parse(b.as_ref(), index)).ok()?;
        let face = parsed.borrow_dependent();
        let upem = f32::from(face.units_per_em());
        let metrics = Metrics {
            ascent: f32::from(face.ascender()) / upem,
            descent: -f32::from(face.descender()) / upem,
        };
        let name = |id: u16| {
            face.names()
                .into_iter()
                .filter(|n| n.name_id == id && n.is_unicode())
                .find_map(|n| n.to_string())
                .filter(|n| !n.is_empty())
        };
        let postscript = name(ttf_parser::name_id::POST_SCRIPT_NAME)
            .filter(|n| n.is_ascii())
            .unwrap_or_else(|| fallback_name.to_owned());
        let family = name(ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
            .or_else(|| name(ttf_parser::name_id::FAMILY))
            .unwrap_or_else(|| postscript.clone());
        Some(Face {
            family,
            postscript,
            origin,
            index,
            parsed,
            shaping,
            metrics,
            plans: RwLock::new(FxHashMap::default()),
        })
    }

    /// The font file.
    pub fn bytes(&self) -> &[u8] {
        self.parsed.borrow_owner().as_ref()
    }

    /// The face's number in its font file (0 unless the file is a collection).
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The face's PostScript name, as the font itself states it.
    pub fn postscript(&self) -> &str {
        &self.postscript
    }

    /// The family the face belongs to, as the font names it (e.g. "Noto Sans").
    pub fn family(&self) -> &str {
        &self.family
    }

    /// Where the face was read from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// Ascent and descent per point of size.
    pub fn metrics(&self) -> Metrics {
        self.metrics
    }

    /// Whether the face has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.parsed.borrow_dependent().glyph_index(c).is_some()
    }

    /// The glyph for `c` and its advance in font units, if the face has one.
    pub fn glyph(&self, c: char) -> Option<(u16, u16)> {
        let face = self.parsed.borrow_dependent();
        let id = face.glyph_index(c)?;
        Some((id.0, face.glyph_hor_advance(id).unwrap_or(0)))
    }

    /// Font units per em.
    pub fn units_per_em(&self) -> f32 {
        f32::from(self.parsed.borrow_dependent().units_per_em())
    }

    /// Draws the outline of `glyph` into `builder`, in font units (y up).
    pub fn outline(&self, glyph: u16, builder: &mut dyn ttf_parser::OutlineBuilder) {
        let face = self.parsed.borrow_dependent();
        // A glyph without an outline (a space) draws nothing.
        let _ = face.outline_glyph(ttf_parser::GlyphId(glyph), builder);
    }

    /// The advance of a glyph, in thousandths of an em, as written in the PDF's `/W`.
    pub fn pdf_width(&self, glyph: u16) -> f32 {
        let face = self.parsed.borrow_dependent();
        let advance = face
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .unwrap_or(0);
        (f32::from(advance) * 1000.0 / f32::from(face.units_per_em())).trunc()
    }

    /// The face as the shaper reads it.
    pub(super) fn shaping(&self) -> &harfrust::Font {
        &self.shaping
    }

    /// The plan for shaping text with `key`'s properties in this face, made once.
    pub(super) fn plan(&self, key: PlanKey) -> Arc<ShapePlan> {
        if let Some(plan) = self.plans.read().ok().and_then(|p| p.get(&key).cloned()) {
            return plan;
        }
        let plan = Arc::new(ShapePlan::new(
            &self.shaping,
            key.0,
            key.1,
            key.2.as_ref(),
            &[],
        ));
        if let Ok(mut plans) = self.plans.write() {
            plans.insert(key, Arc::clone(&plan));
        }
        plan
    }
}
