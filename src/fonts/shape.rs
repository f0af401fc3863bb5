//! Shaping with harfrust (HarfBuzz's shaper in Rust): text in one face → glyphs with their
//! advances (kerning, ligatures) and the text each stands for.
//!
//! Running text repeats its words, so each thread remembers what it shaped for the book it
//! last served (a bounded memo, per face and size), and each face keeps its shaping plans.

use std::cell::RefCell;

use compact_str::CompactString;
use harfrust::{Buffer, GlyphInfo, GlyphPosition, ShapeOptions, ShaperFont};
use rustc_hash::FxHashMap;

use super::{FontBook, FontId};

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

/// Shaped texts per face and size, by text (hashed with FxHash: the keys are short words,
/// for which the standard library's SipHash costs more than the lookup).
type ShapedMemo = FxHashMap<(FontId, u32), FxHashMap<String, Vec<Glyph>>>;

/// Shaped texts remembered per thread and face size before that part starts afresh.
const SHAPE_MEMO_LIMIT: usize = 16_384;

thread_local! {
    /// Glyphs already shaped on this thread for the book with the serial number held beside
    /// them, by face and size (as bits), then by text, so a lookup needs no allocation.
    static SHAPED: RefCell<(u64, ShapedMemo)> = RefCell::new((0, FxHashMap::default()));
}

impl FontBook {
    /// Shapes `text` in face `id` at `size` points: kerning and ligatures from the font.
    pub fn shape(&self, id: FontId, text: &str, size: f32) -> Vec<Glyph> {
        let key = (id, size.to_bits());
        let known = SHAPED.with(|memo| {
            let memo = memo.borrow();
            (memo.0 == self.serial)
                .then(|| memo.1.get(&key).and_then(|words| words.get(text).cloned()))
                .flatten()
        });
        if let Some(glyphs) = known {
            return glyphs;
        }
        let glyphs = self.shape_uncached(id, text, size);
        SHAPED.with(|memo| {
            let mut memo = memo.borrow_mut();
            if memo.0 != self.serial {
                *memo = (self.serial, FxHashMap::default());
            }
            let words = memo.1.entry(key).or_default();
            if words.len() >= SHAPE_MEMO_LIMIT {
                words.clear();
            }
            words.insert(text.to_owned(), glyphs.clone());
        });
        glyphs
    }

    fn shape_uncached(&self, id: FontId, text: &str, size: f32) -> Vec<Glyph> {
        let face = self.face(id);
        let font = face.shaping();
        let mut buffer = Buffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let plan = face.plan((
            buffer.direction(),
            buffer.script(),
            buffer.language().cloned(),
        ));
        let shaper = ShaperFont::new(font);
        // The plan is made from the buffer's own properties, so shaping cannot refuse it.
        if harfrust::shape(&shaper, &mut buffer, ShapeOptions::new().plan(Some(&plan))).is_err() {
            return Vec::new();
        }
        let scale = size / f32::from(font.units_per_em());
        glyphs(text, buffer.glyph_infos(), buffer.glyph_positions(), scale)
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
    use crate::fonts::Variant;

    #[test]
    fn the_mono_face_is_monospaced() {
        let book = FontBook::bundled();
        let mono = book.select(Variant::Mono);
        let w = |t: &str| width(&book.shape(mono, t, 10.0));
        assert!((w("iiii") - w("MMMM")).abs() < 0.01);
    }

    #[test]
    fn kerning_comes_from_the_font() {
        let book = FontBook::bundled();
        let regular = book.select(Variant::Regular);
        let w = |t: &str| width(&book.shape(regular, t, 100.0));
        assert!(w("AV") < w("A") + w("V"), "AV is not kerned");
    }

    #[test]
    fn glyphs_keep_their_text() {
        let book = FontBook::bundled();
        let glyphs = book.shape(book.select(Variant::Regular), "here’s “it”", 12.0);
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "here’s “it”");
    }

    #[test]
    fn two_books_on_one_thread_do_not_share_their_shapes() {
        let bundled = FontBook::bundled();
        let mut faces = FontBook::bundled();
        // The regular slot holding the mono face: the same word must come out differently.
        faces.faces.swap(0, 4);
        let id = bundled.select(Variant::Regular);
        let a = width(&bundled.shape(id, "illicit", 10.0));
        let b = width(&faces.shape(id, "illicit", 10.0));
        assert!((a - b).abs() > 1.0, "{a} and {b}");
    }
}
