//! The typefaces of the PDF handouts: parsed once, shaped with harfrust (HarfBuzz's shaper
//! in Rust), measured from the font's own metrics (ttf-parser), and asked whether they can
//! draw a character at all.
//!
//! The four faces of Atkinson Hyperlegible Next and the regular face of Atkinson Hyperlegible
//! Mono (for code, so columns line up) ship inside the binary, all under the SIL Open Font
//! License. The mono face comes from the `@fontsource/atkinson-hyperlegible-mono` package
//! (its Latin subset, converted from WOFF to TrueType), so it covers less than the text faces.

use std::sync::{Arc, OnceLock, RwLock};

use compact_str::CompactString;
use harfrust::{
    Buffer, Direction, GlyphInfo, GlyphPosition, Language, Script, ShapeOptions, ShapePlan,
    ShaperFont,
};
use rustc_hash::FxHashMap;
use ttf_parser::Face;

use crate::fonts::{FontFile, BOLD, BOLD_ITALIC, ITALIC, MONO, REGULAR};

/// One of the faces: the four of the text family, and the mono face for code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FaceId {
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

impl FaceId {
    /// The faces of running text.
    pub const TEXT: [FaceId; 4] = [
        FaceId::Regular,
        FaceId::Bold,
        FaceId::Italic,
        FaceId::BoldItalic,
    ];

    /// The face with `bold` and `italic` set as given.
    pub fn styled(bold: bool, italic: bool) -> FaceId {
        match (bold, italic) {
            (false, false) => FaceId::Regular,
            (true, false) => FaceId::Bold,
            (false, true) => FaceId::Italic,
            (true, true) => FaceId::BoldItalic,
        }
    }

    /// Position of the face in the family (fonts are numbered in this order in the PDF).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The faces in [`FaceId::index`] order.
const SOURCES: [&FontFile; 5] = [&REGULAR, &BOLD, &ITALIC, &BOLD_ITALIC, &MONO];

/// The parsed family, shared by every handout and thread.
pub struct Fonts {
    /// Parsed faces in [`FaceId::index`] order (`None` for one that failed to parse).
    faces: Vec<Option<Face<'static>>>,
    /// The same faces as the shaper reads them.
    shaping: Vec<Option<harfrust::Font>>,
    /// Shaping plans, one per face, direction, script and language: building a plan costs
    /// more than shaping a word with it.
    plans: RwLock<FxHashMap<PlanKey, Arc<ShapePlan>>>,
}

/// Shaped texts per face and size, by text (hashed with FxHash: the keys are short words,
/// for which the standard library's SipHash costs more than the lookup).
type ShapedMemo = FxHashMap<(FaceId, u32), FxHashMap<String, Vec<Glyph>>>;

/// Shaped texts remembered per thread and face size before that part starts afresh.
const SHAPE_MEMO_LIMIT: usize = 16_384;

thread_local! {
    /// Glyphs already shaped on this thread, by face and size (as bits), then by text, so a
    /// lookup needs no allocation.
    static SHAPED: std::cell::RefCell<ShapedMemo> = std::cell::RefCell::new(FxHashMap::default());
}

/// What a shaping plan depends on: face, direction, script and language of the text.
type PlanKey = (FaceId, Direction, Option<Script>, Option<Language>);

/// One shaped glyph: its id, its advance in points, and the text it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the full font.
    pub id: u16,
    /// Advance in points (kerning included).
    pub advance: f32,
    /// The characters this glyph draws (several for a ligature, empty for a mark); kept
    /// inline, as it is almost always one character.
    pub text: CompactString,
}

/// Vertical metrics of a face at 1 pt, as fractions of the size.
#[derive(Debug, Clone, Copy)]
pub struct Metrics {
    /// Height above the baseline.
    pub ascent: f32,
    /// Depth below the baseline (positive).
    pub descent: f32,
}

/// The family, parsed on first use.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        faces: SOURCES
            .iter()
            .map(|s| Face::parse(s.bytes, 0).ok())
            .collect(),
        shaping: SOURCES
            .iter()
            .map(|s| harfrust::Font::new(s.bytes, 0))
            .collect(),
        plans: RwLock::new(FxHashMap::default()),
    })
}

impl Fonts {
    fn face(&self, id: FaceId) -> Option<&Face<'static>> {
        self.faces.get(id.index()).and_then(Option::as_ref)
    }

    /// The plan for shaping `buffer` (whose properties are already guessed) in `font`, made
    /// once and shared by every thread; the same plan `harfrust::shape` would make.
    fn plan(&self, id: FaceId, font: &harfrust::Font, buffer: &Buffer) -> Arc<ShapePlan> {
        let key = (
            id,
            buffer.direction(),
            buffer.script(),
            buffer.language().cloned(),
        );
        if let Some(plan) = self.plans.read().ok().and_then(|p| p.get(&key).cloned()) {
            return plan;
        }
        let plan = Arc::new(ShapePlan::new(font, key.1, key.2, key.3.as_ref(), &[]));
        if let Ok(mut plans) = self.plans.write() {
            plans.insert(key, Arc::clone(&plan));
        }
        plan
    }

    /// The font file of a face.
    pub fn bytes(&self, id: FaceId) -> &'static [u8] {
        SOURCES[id.index()].bytes
    }

    /// The PostScript name of a face.
    pub fn name(&self, id: FaceId) -> &'static str {
        SOURCES[id.index()].postscript
    }

    /// Whether `c` can be drawn: in code by the mono face, elsewhere by every text face
    /// (whitespace is always drawable: it is set as space; so is a soft hyphen, which is a
    /// break point, drawn as `-` only where a line breaks).
    pub fn covers(&self, c: char, code: bool) -> bool {
        let has = |id: FaceId| self.face(id).is_some_and(|f| f.glyph_index(c).is_some());
        c.is_whitespace()
            || (c == '\u{ad}' && !code)
            || if code {
                has(FaceId::Mono)
            } else {
                FaceId::TEXT.into_iter().all(has)
            }
    }

    /// Ascent and descent of a face, per point of size.
    pub fn metrics(&self, id: FaceId) -> Metrics {
        match self.face(id) {
            Some(face) => {
                let upem = face.units_per_em() as f32;
                Metrics {
                    ascent: f32::from(face.ascender()) / upem,
                    descent: -f32::from(face.descender()) / upem,
                }
            }
            None => Metrics {
                ascent: 0.8,
                descent: 0.2,
            },
        }
    }

    /// Shapes `text` in `face` at `size` points: kerning and ligatures from the font.
    ///
    /// Running text repeats its words, so each thread remembers what it shaped (a bounded
    /// memo: it starts afresh past [`SHAPE_MEMO_LIMIT`] entries).
    pub fn shape(&self, id: FaceId, text: &str, size: f32) -> Vec<Glyph> {
        let face_key = (id, size.to_bits());
        let known = SHAPED.with(|memo| {
            memo.borrow()
                .get(&face_key)
                .and_then(|words| words.get(text).cloned())
        });
        if let Some(glyphs) = known {
            return glyphs;
        }
        let glyphs = self.shape_uncached(id, text, size);
        SHAPED.with(|memo| {
            let mut memo = memo.borrow_mut();
            let words = memo.entry(face_key).or_default();
            if words.len() >= SHAPE_MEMO_LIMIT {
                words.clear();
            }
            words.insert(text.to_owned(), glyphs.clone());
        });
        glyphs
    }

    fn shape_uncached(&self, id: FaceId, text: &str, size: f32) -> Vec<Glyph> {
        let Some(font) = self.shaping.get(id.index()).and_then(Option::as_ref) else {
            return Vec::new();
        };
        let mut buffer = Buffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let plan = self.plan(id, font, &buffer);
        let shaper = ShaperFont::new(font);
        // The plan is made from the buffer's own properties, so shaping cannot refuse it.
        if harfrust::shape(&shaper, &mut buffer, ShapeOptions::new().plan(Some(&plan))).is_err() {
            return Vec::new();
        }
        let scale = size / f32::from(font.units_per_em());
        glyphs(text, buffer.glyph_infos(), buffer.glyph_positions(), scale)
    }

    /// The advance of a face's glyph, in thousandths of an em, as written in the PDF's `/W`.
    pub fn pdf_width(&self, id: FaceId, glyph: u16) -> f32 {
        self.face(id).map_or(0.0, |face| {
            let advance = face
                .glyph_hor_advance(ttf_parser::GlyphId(glyph))
                .unwrap_or(0);
            (f32::from(advance) * 1000.0 / face.units_per_em() as f32).trunc()
        })
    }
}

/// The glyphs of shaped `text`, each with the characters of its cluster (on the cluster's
/// first glyph) and its advance scaled to points.
fn glyphs(text: &str, infos: &[GlyphInfo], positions: &[GlyphPosition], scale: f32) -> Vec<Glyph> {
    let mut glyphs = Vec::with_capacity(infos.len());
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        let first_of_cluster = i == 0 || infos[i - 1].cluster != info.cluster;
        let end = infos[i..]
            .iter()
            .map(|g| g.cluster as usize)
            .find(|&c| c != start)
            .unwrap_or(text.len());
        let text = if first_of_cluster {
            CompactString::from(text.get(start..end).unwrap_or(""))
        } else {
            CompactString::default()
        };
        glyphs.push(Glyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: pos.x_advance as f32 * scale,
            text,
        });
    }
    glyphs
}

/// Total advance of shaped glyphs, in points.
pub fn width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|g| g.advance).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_parses() {
        assert!(fonts().faces.iter().all(Option::is_some));
        assert_eq!(fonts().faces.len(), SOURCES.len());
    }

    #[test]
    fn the_mono_face_is_monospaced() {
        let f = fonts();
        let w = |t: &str| width(&f.shape(FaceId::Mono, t, 10.0));
        assert!((w("iiii") - w("MMMM")).abs() < 0.01);
    }

    #[test]
    fn kerning_comes_from_the_font() {
        let f = fonts();
        let pair = width(&f.shape(FaceId::Regular, "AV", 100.0));
        let apart = width(&f.shape(FaceId::Regular, "A", 100.0))
            + width(&f.shape(FaceId::Regular, "V", 100.0));
        assert!(pair < apart, "AV {pair} is not kerned against {apart}");
    }

    #[test]
    fn glyphs_keep_their_text() {
        let glyphs = fonts().shape(FaceId::Regular, "here’s “it”", 12.0);
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "here’s “it”");
    }

    #[test]
    fn coverage_reports_what_the_font_lacks() {
        let f = fonts();
        for c in ['é', '—', '–', '“', '•'] {
            assert!(f.covers(c, false), "{c}");
        }
        assert!(f.covers('{', true) && f.covers('é', true));
        assert!(!f.covers('漢', false) && !f.covers('漢', true));
    }
}
