//! Shaping with harfrust (HarfBuzz's shaper in Rust): text asked for in one face → glyphs
//! with their faces, advances (kerning, ligatures) and the text each stands for.
//!
//! Fallback goes by word, not by glyph: each word is set in the first face of the chain that
//! has every character of it, so a word never mixes two typefaces when one face can set it
//! whole; only a word no single face covers is split, cluster by cluster.
//!
//! Running text repeats its words, so each thread remembers what it shaped for the book it
//! last served (a bounded memo, per face and size), and each face keeps its shaping plans.

use std::cell::RefCell;

use compact_str::CompactString;
use harfrust::Direction as Flow;
use harfrust::{Buffer, GlyphInfo, GlyphPosition, Language, Script, ShapeOptions, ShaperFont};
use rustc_hash::FxHashMap;
use unicode_segmentation::UnicodeSegmentation as _;

use super::{ignorable, FontBook, FontId};
use crate::lang::{Direction, Lang};

/// One shaped glyph: its face, its id, its advance in points, and the text it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The face it is drawn in.
    pub font: FontId,
    /// Glyph id in the full font.
    pub id: u16,
    /// Advance in points (kerning included).
    pub advance: f32,
    /// How far the glyph is drawn right of where its advance puts it, in points (a mark
    /// placed on its letter).
    pub dx: f32,
    /// How far the glyph is drawn above the baseline, in points.
    pub rise: f32,
    /// The characters this glyph draws (several for a ligature, empty for a mark); kept
    /// inline, as it is almost always one character.
    pub text: CompactString,
}

/// Shaped texts per face, chains, size and direction, by text (hashed with FxHash: the keys are short words,
/// for which the standard library's SipHash costs more than the lookup).
type ShapedMemo = FxHashMap<(FontId, usize, u32, u8), FxHashMap<String, Vec<Glyph>>>;

/// Shaped texts remembered per thread and face size before that part starts afresh.
const SHAPE_MEMO_LIMIT: usize = 16_384;

thread_local! {
    /// Glyphs already shaped on this thread for the book with the serial number held beside
    /// them, by face and size (as bits), then by text, so a lookup needs no allocation.
    static SHAPED: RefCell<(u64, ShapedMemo)> = RefCell::new((0, FxHashMap::default()));
}

impl FontBook {
    /// Shapes `text` in `lang` asked for in face `id` at `size` points, each word in the
    /// first face of `id`'s chain for `lang` that has all of it: kerning and ligatures from
    /// the font. The text runs in the direction of its script.
    pub fn shape(&self, id: FontId, lang: &Lang, text: &str, size: f32) -> Vec<Glyph> {
        self.shape_toward(id, lang, text, size, None)
    }

    /// Shapes `text` as [`FontBook::shape`] does, running in `direction` when given (the
    /// direction its bidi level gives it): right-to-left glyphs come in visual order, the
    /// last character's first, and paired marks such as `(` take their mirrored forms.
    pub fn shape_toward(
        &self,
        id: FontId,
        lang: &Lang,
        text: &str,
        size: f32,
        direction: Option<Direction>,
    ) -> Vec<Glyph> {
        let chains = self.chains_for(lang);
        let code = match direction {
            None => 0,
            Some(Direction::Ltr) => 1,
            Some(Direction::Rtl) => 2,
        };
        let key = (id, chains, size.to_bits(), code);
        let known = SHAPED.with(|memo| {
            let memo = memo.borrow();
            (memo.0 == self.serial)
                .then(|| memo.1.get(&key).and_then(|words| words.get(text).cloned()))
                .flatten()
        });
        if let Some(glyphs) = known {
            return glyphs;
        }
        let glyphs = self.shape_uncached(id, chains, lang, text, size, direction);
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

    fn shape_uncached(
        &self,
        id: FontId,
        chains: usize,
        lang: &Lang,
        text: &str,
        size: f32,
        direction: Option<Direction>,
    ) -> Vec<Glyph> {
        let chain = self.chain_at(id, chains);
        let language = lang.as_str().parse::<Language>().ok();
        let flow = direction.map(|d| match d {
            Direction::Ltr => Flow::LeftToRight,
            Direction::Rtl => Flow::RightToLeft,
        });
        let mut parts: Vec<Vec<Glyph>> = segments(self, chain, text)
            .into_iter()
            .flat_map(|(face, range)| {
                scripts(&text[range.clone()])
                    .map(move |run| (face, range.start + run.start..range.start + run.end))
            })
            .map(|(face, range)| self.shape_in(face, language.as_ref(), flow, &text[range], size))
            .collect();
        // Stretches in different faces, in reading order: right to left, the first is shown
        // at the right.
        if direction == Some(Direction::Rtl) {
            parts.reverse();
        }
        parts.concat()
    }

    /// Shapes `text` in face `id` alone. Variation selectors and joiners the face lacks are
    /// left out of the shaping and kept in the text of the glyph before them, so nothing is
    /// drawn for them and the text read back loses nothing.
    fn shape_in(
        &self,
        id: FontId,
        language: Option<&Language>,
        flow: Option<Flow>,
        text: &str,
        size: f32,
    ) -> Vec<Glyph> {
        let face = self.face(id);
        let lacks = |c: char| ignorable(c) && !face.has(c);
        if !text.chars().any(lacks) {
            return self.shape_face(id, language, flow, text, size);
        }
        let mut kept = String::with_capacity(text.len());
        let mut dropped: Vec<(usize, char)> = Vec::new();
        for c in text.chars() {
            if lacks(c) {
                dropped.push((kept.len(), c));
            } else {
                kept.push(c);
            }
        }
        let mut glyphs = self.shape_face(id, language, flow, &kept, size);
        let mut seen = 0;
        let mut dropped = dropped.into_iter().peekable();
        let mut last = None;
        // In reading order: right-to-left glyphs come last character first.
        let order: Vec<usize> = match flow {
            Some(Flow::RightToLeft) => (0..glyphs.len()).rev().collect(),
            _ => (0..glyphs.len()).collect(),
        };
        for i in order {
            let g = &mut glyphs[i];
            seen += g.text.len();
            if !g.text.is_empty() {
                last = Some(i);
            }
            while let Some(&(at, c)) = dropped.peek() {
                if at > seen || g.text.is_empty() {
                    break;
                }
                g.text.push(c);
                dropped.next();
            }
        }
        if let Some(g) = last.and_then(|i| glyphs.get_mut(i)) {
            g.text.extend(dropped.map(|(_, c)| c));
        }
        glyphs
    }

    /// Shapes `text` in face `id` and `language` (which picks the forms a face has for it),
    /// running in `flow` (else its script's direction), every character as the face has it.
    fn shape_face(
        &self,
        id: FontId,
        language: Option<&Language>,
        flow: Option<Flow>,
        text: &str,
        size: f32,
    ) -> Vec<Glyph> {
        let face = self.face(id);
        let font = face.shaping();
        let mut buffer = Buffer::new();
        buffer.push_str(text);
        buffer.set_language(language.cloned());
        buffer.guess_segment_properties();
        if let Some(flow) = flow {
            buffer.set_direction(flow);
        }
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
        let mut glyphs = glyphs(
            id,
            text,
            buffer.glyph_infos(),
            buffer.glyph_positions(),
            scale,
        );
        share_clusters(&mut glyphs, buffer.direction() == Flow::RightToLeft, |c| {
            face.glyph(c).map(|(id, _)| id)
        });
        // Whitespace the face has no glyph for (a tab, an ideographic space) is set as its
        // space, so it is never drawn as the empty box.
        if let Some((space, advance)) = face.glyph(' ') {
            for g in glyphs.iter_mut().filter(|g| g.id == 0) {
                if !g.text.is_empty() && g.text.chars().all(char::is_whitespace) {
                    g.id = space;
                    g.advance = f32::from(advance) * scale;
                }
            }
        }
        glyphs
    }
}

/// The words of `text`, each with the whitespace after it, and where each starts: a word
/// runs from one space to the next, so "vắc-xin" or "follow‑up" is one word.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = text.get(start..).filter(|r| !r.is_empty())?;
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let end = rest[word_end..]
            .find(|c: char| !c.is_whitespace())
            .map_or(rest.len(), |i| word_end + i);
        let word = (start, &rest[..end]);
        start += end;
        Some(word)
    })
}

/// `text` cut into stretches each set in one face of `chain`: every word (with the spaces
/// after it) in the first face that has all its characters, else each of its grapheme
/// clusters in the first face that has that cluster, or the chain's first face when none does
/// (the `missing-glyph` check has reported it). Neighbours in one face are joined.
fn segments(
    book: &FontBook,
    chain: &[FontId],
    text: &str,
) -> Vec<(FontId, std::ops::Range<usize>)> {
    let first = chain.first().copied().unwrap_or(FontId(0));
    let has_all = |face: FontId, part: &str| {
        let face = book.face(face);
        part.chars()
            .all(|c| c.is_whitespace() || ignorable(c) || face.has(c))
    };
    let mut out: Vec<(FontId, std::ops::Range<usize>)> = Vec::new();
    let mut push = |face: FontId, start: usize, end: usize| match out.last_mut() {
        Some((last, range)) if *last == face && range.end == start => range.end = end,
        _ => out.push((face, start..end)),
    };
    if text.is_ascii() && has_all(first, text) {
        push(first, 0, text.len());
        return out;
    }
    for (start, word) in words(text) {
        match chain.iter().copied().find(|&f| has_all(f, word)) {
            Some(face) => push(face, start, start + word.len()),
            None => {
                for (at, cluster) in word.grapheme_indices(true) {
                    let face = chain
                        .iter()
                        .copied()
                        .find(|&f| has_all(f, cluster))
                        .unwrap_or(first);
                    push(face, start + at, start + at + cluster.len());
                }
            }
        }
    }
    out
}

/// `text` cut where its script changes (`Wi-Fiсеть`: Latin, then Cyrillic), so each stretch is
/// shaped with its own script's rules; spaces, digits, punctuation and marks, of no script
/// or of the one before them, go with the stretch they stand in.
fn scripts(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = 0;
    let mut current: Option<Script> = None;
    let mut chars = text.char_indices();
    std::iter::from_fn(move || {
        if text.is_ascii() {
            return (start < text.len())
                .then(|| std::mem::replace(&mut start, text.len())..text.len());
        }
        for (at, c) in chars.by_ref() {
            let script = match harfrust::unicode::script(u32::from(c)) {
                Script::COMMON | Script::INHERITED | Script::UNKNOWN => continue,
                s => s,
            };
            match current {
                Some(open) if open != script => {
                    current = Some(script);
                    let run = start..at;
                    start = at;
                    return Some(run);
                }
                _ => current = Some(script),
            }
        }
        (start < text.len()).then(|| std::mem::replace(&mut start, text.len())..text.len())
    })
}

/// The glyphs of shaped `text`, each with the characters of its cluster (on the cluster's
/// first glyph) and its advance scaled to points.
fn glyphs(
    font: FontId,
    text: &str,
    infos: &[GlyphInfo],
    positions: &[GlyphPosition],
    scale: f32,
) -> Vec<Glyph> {
    let mut glyphs = Vec::with_capacity(infos.len());
    // Clusters rise left to right, or fall when the text runs right to left.
    let falling = infos
        .first()
        .zip(infos.last())
        .is_some_and(|(a, b)| a.cluster > b.cluster);
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        let first_of_cluster = i == 0 || infos[i - 1].cluster != info.cluster;
        let next = |g: &GlyphInfo| g.cluster as usize;
        let end = if falling {
            infos[..i].iter().rev().map(next).find(|&c| c != start)
        } else {
            infos[i..].iter().map(next).find(|&c| c != start)
        }
        .unwrap_or(text.len());
        let text = if first_of_cluster {
            CompactString::from(text.get(start..end).unwrap_or(""))
        } else {
            CompactString::default()
        };
        glyphs.push(Glyph {
            font,
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: pos.x_advance as f32 * scale,
            dx: pos.x_offset as f32 * scale,
            rise: pos.y_offset as f32 * scale,
            text,
        });
    }
    glyphs
}

/// Gives each glyph of a cluster of several (a letter and its marks) the characters drawn
/// by it where the face's character map says so (a mark's own glyph, unless raised), the
/// rest to the glyph no character maps to, so that a glyph stands for the same text in as
/// many places as can be (`ر` alone and `ر` with its mark `ً`). Left as it is where that would put
/// the characters out of reading order (glyphs in reading order, or reversed when `rtl`),
/// as a vowel sign drawn before its consonant would be.
fn share_clusters(glyphs: &mut [Glyph], rtl: bool, nominal: impl Fn(char) -> Option<u16>) {
    let mut start = 0;
    while start < glyphs.len() {
        let end = glyphs[start + 1..]
            .iter()
            .position(|g| !g.text.is_empty())
            .map_or(glyphs.len(), |i| start + 1 + i);
        let cluster = &mut glyphs[start..end];
        start = end;
        if cluster.len() < 2 || cluster[0].text.chars().nth(1).is_none() {
            continue;
        }
        let text = std::mem::take(&mut cluster[0].text);
        let mut taken = vec![false; cluster.len()];
        let mut texts = vec![CompactString::default(); cluster.len()];
        let mut rest = CompactString::default();
        for c in text.chars() {
            // A raised glyph keeps no text of its own: readers would take it for a line
            // of its own.
            let own = nominal(c).and_then(|id| {
                (0..cluster.len())
                    .find(|&g| !taken[g] && cluster[g].id == id && cluster[g].rise == 0.0)
            });
            match own {
                Some(g) => {
                    taken[g] = true;
                    texts[g].push(c);
                }
                None => rest.push(c),
            }
        }
        // The characters no glyph is the own glyph of go to the first glyph left that is
        // not raised, in reading order.
        let mut order: Vec<usize> = (0..cluster.len()).collect();
        if rtl {
            order.reverse();
        }
        let level = |g: &usize| cluster[*g].rise == 0.0;
        let heir = order.iter().copied().filter(level).find(|&g| !taken[g]);
        if let Some(g) = heir {
            texts[g].insert_str(0, &rest);
        }
        let read: CompactString = order.iter().map(|&g| texts[g].as_str()).collect();
        if heir.is_some() && read == text {
            for (glyph, own) in cluster.iter_mut().zip(texts) {
                glyph.text = own;
            }
        } else {
            // The whole text on one glyph on the baseline, the first in reading order.
            let g = order.iter().copied().find(level).unwrap_or(0);
            cluster[g].text = text;
        }
    }
}

/// Total advance of shaped glyphs, in points.
pub fn width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|g| g.advance).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Lang {
        Lang::parse("en")
    }
    use crate::fonts::Variant;

    #[test]
    fn the_mono_face_is_monospaced() {
        let book = FontBook::bundled();
        let mono = book.select(Variant::Mono);
        let w = |t: &str| width(&book.shape(mono, &en(), t, 10.0));
        assert!((w("iiii") - w("MMMM")).abs() < 0.01);
    }

    #[test]
    fn kerning_comes_from_the_font() {
        let book = FontBook::bundled();
        let regular = book.select(Variant::Regular);
        let w = |t: &str| width(&book.shape(regular, &en(), t, 100.0));
        assert!(w("AV") < w("A") + w("V"), "AV is not kerned");
    }

    #[test]
    fn glyphs_keep_their_text() {
        let book = FontBook::bundled();
        let glyphs = book.shape(book.select(Variant::Regular), &en(), "here’s “it”", 12.0);
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "here’s “it”");
    }

    #[test]
    fn a_word_is_set_in_one_face_where_one_face_has_all_of_it() {
        let book = FontBook::bundled();
        let regular = book.select(Variant::Regular);
        let faces = |t: &str| {
            let glyphs = book.shape(regular, &en(), t, 10.0);
            let mut faces: Vec<&str> = glyphs.iter().map(|g| book.face(g.font).family()).collect();
            faces.dedup();
            faces
        };
        // Atkinson has "e" and "ng" but not "ư" or "ờ": the whole word goes to Noto Sans.
        assert_eq!(faces("người"), ["Noto Sans"]);
        assert_eq!(faces("care"), ["Atkinson Hyperlegible Next"]);
        assert_eq!(
            faces("vắc-xin"),
            ["Noto Sans"],
            "one word from space to space"
        );
        assert_eq!(
            faces("vắc xin"),
            ["Noto Sans", "Atkinson Hyperlegible Next"]
        );
        assert_eq!(faces("✓"), ["Noto Sans Symbols2"]);
        // A word no face has whole is split by cluster, each in the first face that has it.
        assert_eq!(faces("ok🎉"), ["Atkinson Hyperlegible Next", "Symbola"]);
    }

    #[test]
    fn a_word_is_shaped_by_script() {
        let runs = |t: &str| scripts(t).map(|r| t[r].to_owned()).collect::<Vec<_>>();
        assert_eq!(runs("Wi-Fiсеть"), ["Wi-Fi", "сеть"]);
        assert_eq!(runs("COVID-19"), ["COVID-19"]);
        assert_eq!(runs("(ok)"), ["(ok)"]);
        assert_eq!(runs("α-β"), ["α-β"]);
        assert_eq!(runs("x疫苗"), ["x", "疫苗"]);
        assert!(runs("").is_empty());
    }

    #[test]
    fn a_variation_selector_the_face_lacks_is_left_out() {
        let book = FontBook::bundled();
        let glyphs = book.shape(book.select(Variant::Regular), &en(), "❤\u{fe0f}", 10.0);
        assert_eq!(
            glyphs.len(),
            1,
            "nothing drawn for the selector: {glyphs:?}"
        );
        assert!(glyphs[0].id != 0);
        assert_eq!(glyphs[0].text, "❤\u{fe0f}");
    }

    #[test]
    fn whitespace_the_face_lacks_is_set_as_its_space() {
        let book = FontBook::bundled();
        let glyphs = book.shape(book.select(Variant::Regular), &en(), "a\tb", 10.0);
        assert!(glyphs.iter().all(|g| g.id != 0), "{glyphs:?}");
        let space = width(&book.shape(book.select(Variant::Regular), &en(), " ", 10.0));
        assert!((glyphs[1].advance - space).abs() < 0.001);
    }

    #[test]
    fn two_books_on_one_thread_do_not_share_their_shapes() {
        let bundled = FontBook::bundled();
        let mut faces = FontBook::bundled();
        // The regular slot holding the mono face: the same word must come out differently.
        faces.primaries.swap(0, 4);
        let id = bundled.select(Variant::Regular);
        let a = width(&bundled.shape(id, &en(), "illicit", 10.0));
        let b = width(&faces.shape(id, &en(), "illicit", 10.0));
        assert!((a - b).abs() > 1.0, "{a} and {b}");
    }
}
