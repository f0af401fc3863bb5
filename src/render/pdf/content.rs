//! Content streams: one page's shapes → the bytes of its PDF content stream.
//!
//! Written directly, operator by operator, rather than as a list of objects for a library
//! to encode: pages hold thousands of glyphs, and this is the renderer's hottest path.
//! Text and pictures of each structure element are drawn inside marked content tagged with
//! the element's type and numbered 0, 1, 2… on the page (the MCID); decoration is a layout
//! artifact and the running footer a pagination artifact. Numbers are written with at most
//! three decimals (a thousandth of a point), glyph adjustments with two (a hundred-thousandth
//! of an em).

use std::collections::BTreeMap;

use compact_str::CompactString;

use crate::fonts::{FontId, Glyph};
use crate::lang::Lang;
use crate::typeset::bidi;
use crate::typeset::paged::{Item, Page, Size, TextRun, Transform};
use crate::typeset::structure::{ElemId, Tree};
use crate::typeset::style::Color;

use super::Flip;

/// Each face's glyphs by their id in the full font: their code in the subset and their
/// width as the PDF states it (`Coded::default()`, `.notdef`, for a glyph not drawn).
pub type Remaps = BTreeMap<FontId, Vec<Coded>>;

/// A drawn glyph as a content stream writes it.
#[derive(Debug, Default, Clone)]
pub struct Coded {
    /// Its glyph id in the subset, the code shown.
    pub code: u16,
    /// Its advance in thousandths of an em, as in the font's `/W` array.
    pub width: f32,
    /// The text `/ToUnicode` gives it: where the glyph stands for other text (the same
    /// letter with a mark, a glyph two characters share), that text is its `/ActualText`.
    pub text: CompactString,
}

/// `text` in the order text extraction reads the characters of one glyph: readers take
/// right-to-left glyphs as shown, left to right, and turn each line's right-to-left
/// characters round, so the characters of a ligature or a letter with its mark in
/// Arabic or Hebrew are written last first.
pub fn shown_order(text: &str) -> String {
    let rtl = text.chars().nth(1).is_some() && text.chars().any(bidi::is_rtl_letter);
    if rtl {
        text.chars().rev().collect()
    } else {
        text.to_owned()
    }
}

/// The content stream of `page` of a document in `lang`, and the element of each of its
/// marked-content sequences, by MCID.
pub fn page(page: &Page, tree: &Tree, lang: &Lang, remaps: &Remaps) -> (Vec<u8>, Vec<ElemId>) {
    let mut out = Writer {
        lang,
        bytes: Vec::with_capacity(page.items.len() * 160),
        flip: Flip {
            height: page.size.height,
        },
        remaps,
    };
    let mut marked = Vec::new();
    out.items(&page.items, tree, &mut marked);
    out.raw("/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n");
    out.shapes(&page.furniture.iter().collect::<Vec<_>>());
    out.raw("EMC\n");
    (out.bytes, marked)
}

/// The resource name of the `index`th picture.
pub fn picture_name(index: usize) -> String {
    format!("Im{}", index + 1)
}

/// The element (none for decoration) and replacement text of a marked-content sequence.
type Key<'a> = (Option<ElemId>, Option<&'a String>, Option<&'a Lang>);

/// The items of a page that draw something (not link areas, not groups), in runs of
/// consecutive items of one element, or of none (decoration), of one replacement text and
/// of one language.
fn runs(items: &[Item]) -> Vec<(Key<'_>, Vec<&Item>)> {
    let mut runs: Vec<(Key<'_>, Vec<&Item>)> = Vec::new();
    for shape in items {
        let key = match shape {
            Item::Text(TextRun {
                elem, actual, lang, ..
            }) => (*elem, actual.as_ref(), Some(lang)),
            Item::Image { elem, .. } => (*elem, None, None),
            Item::Fill { .. } => (None, None, None),
            Item::Link { .. } | Item::Group { .. } => continue,
        };
        match runs.last_mut() {
            Some((open, run)) if *open == key => run.push(shape),
            _ => runs.push((key, vec![shape])),
        }
    }
    runs
}

/// A content stream being written.
struct Writer<'a> {
    bytes: Vec<u8>,
    /// The document's language: text in another is marked with its own.
    lang: &'a Lang,
    /// Items are placed from the top of the page (or group), PDF measures from its foot.
    flip: Flip,
    remaps: &'a Remaps,
}

impl Writer<'_> {
    /// Writes `items`: each run of one element's items as marked content, decoration as a
    /// layout artifact, each group in a space of its own.
    /// The element of each marked-content sequence is pushed onto `marked`, by MCID.
    fn items(&mut self, items: &[Item], tree: &Tree, marked: &mut Vec<ElemId>) {
        for part in items.split_inclusive(|item| matches!(item, Item::Group { .. })) {
            let (flat, group) = match part.split_last() {
                Some((
                    Item::Group {
                        transform,
                        size,
                        items,
                    },
                    flat,
                )) => (flat, Some((transform, size, items))),
                _ => (part, None),
            };
            self.marked(flat, tree, marked);
            if let Some((transform, size, items)) = group {
                self.group(transform, *size, items, tree, marked);
            }
        }
    }

    /// Writes items that hold no group, as marked content by element.
    fn marked(&mut self, items: &[Item], tree: &Tree, marked: &mut Vec<ElemId>) {
        for ((elem, actual, lang), run) in runs(items) {
            let other = lang.filter(|l| *l != self.lang);
            match elem.and_then(|e| Some((e, tree.kind(e)?))) {
                Some((elem, kind)) => {
                    let mcid = marked.len();
                    marked.push(elem);
                    // Part of a broken word: a span that reads as its replacement text.
                    match actual {
                        Some(text) => {
                            self.raw("/Span <</MCID ");
                            self.int(mcid);
                            self.raw(" /ActualText <FEFF");
                            for unit in text.encode_utf16() {
                                hex4(&mut self.bytes, unit);
                            }
                            self.raw(">");
                            self.lang_entry(other);
                            self.raw(">> BDC\n");
                        }
                        None => {
                            self.raw("/");
                            self.raw(kind.tag());
                            self.raw(" <</MCID ");
                            self.int(mcid);
                            self.lang_entry(other);
                            self.raw(">> BDC\n");
                        }
                    }
                }
                None => self.raw("/Artifact <</Type /Layout>> BDC\n"),
            }
            self.shapes(&run);
            self.raw("EMC\n");
        }
    }

    /// ` /Lang (tag)` for text in a language other than the document's.
    fn lang_entry(&mut self, lang: Option<&Lang>) {
        if let Some(lang) = lang {
            self.raw(" /Lang (");
            for byte in lang
                .as_str()
                .bytes()
                .filter(|b| b.is_ascii_alphanumeric() || *b == b'-')
            {
                self.bytes.push(byte);
            }
            self.raw(")");
        }
    }

    /// A group: its items drawn in their own space of `size`, mapped by `transform`.
    fn group(
        &mut self,
        transform: &Transform,
        size: Size,
        items: &[Item],
        tree: &Tree,
        marked: &mut Vec<ElemId>,
    ) {
        // The map between top-left spaces, turned into one between PDF spaces: the group's
        // space is flipped with its own height, the page's with the page's.
        let [a, b, c, d, e, f] = transform.matrix;
        let h = size.height;
        let outer = self.flip;
        self.raw("q ");
        for v in [a, -b, -c, d, c * h + e, outer.height - d * h - f] {
            self.num(v, 3);
        }
        self.raw("cm\n");
        self.flip = Flip { height: h };
        self.items(items, tree, marked);
        self.flip = outer;
        self.raw("Q\n");
    }

    fn raw(&mut self, text: &str) {
        self.bytes.extend_from_slice(text.as_bytes());
    }

    /// The decimal digits of `n`.
    fn int(&mut self, n: usize) {
        digits(&mut self.bytes, n as u64, 1);
    }

    /// `value` with at most `decimals` decimals, no trailing zeros, then a space.
    fn num(&mut self, value: f32, decimals: u32) {
        number(&mut self.bytes, value, decimals);
        self.bytes.push(b' ');
    }

    fn color(&mut self, color: Color) {
        for c in color.0 {
            self.num(c, 3);
        }
        self.raw("rg\n");
    }

    /// Fills first, then the text over them.
    fn shapes(&mut self, shapes: &[&Item]) {
        for shape in shapes {
            match shape {
                Item::Fill { x, y, w, h, color } => {
                    self.color(*color);
                    for v in [*x, self.flip.foot(*y, *h), *w, *h] {
                        self.num(v, 3);
                    }
                    self.raw("re f\n");
                }
                Item::Image {
                    x,
                    y,
                    w,
                    h,
                    picture,
                    ..
                } => {
                    self.raw("q ");
                    for v in [*w, 0.0, 0.0, *h, *x, self.flip.foot(*y, *h)] {
                        self.num(v, 3);
                    }
                    self.raw(&format!("cm /{} Do Q\n", picture_name(*picture)));
                }
                Item::Text(_) | Item::Link { .. } | Item::Group { .. } => {}
            }
        }
        let mut texts = shapes.iter().filter_map(|s| match s {
            Item::Text(run) => Some(run),
            _ => None,
        });
        let Some(first) = texts.next() else {
            return;
        };
        self.raw("BT\n");
        let mut text = Text::default();
        for run in std::iter::once(first).chain(texts) {
            let (x, y) = (run.x, run.y);
            if text.look.map(|c| c.color) != Some(run.color) {
                text.close(self);
                self.color(run.color);
            }
            text.look = Some(run);
            // Runs on one baseline continue the line: the pen moves on from where the last
            // one ended, so one text position serves the whole line.
            if text.baseline != Some(y) {
                text.close(self);
                self.raw("1 0 0 1 ");
                self.num(x, 3);
                self.num(self.flip.y(y), 3);
                self.raw("Tm\n");
                text.baseline = Some(y);
                text.pen = f64::from(x);
            }
            text.show(self, run);
        }
        text.close(self);
        self.raw("ET\n");
    }
}

/// The state of a text object: where the pen is, on which baseline, in which look, and
/// whether a `TJ` array or a string of glyph codes in it is open.
#[derive(Default)]
struct Text<'a> {
    /// The run whose colour is set.
    look: Option<&'a TextRun>,
    /// The face and size set.
    font: Option<(FontId, f32)>,
    baseline: Option<f32>,
    /// Horizontal pen position, in points, as a viewer computes it from what was written.
    pen: f64,
    array: bool,
    string: bool,
    /// Text rise is set (for the glyph last shown).
    rise: bool,
}

impl Text<'_> {
    /// Shows `glyphs` from `x`: each glyph's code in the subset, preceded by an adjustment
    /// wherever the pen is not where the shaped advances (kerning, justification, the space
    /// between runs) put the glyph. Each glyph is placed against its own target, so rounding
    /// never accumulates along a line.
    fn show(&mut self, out: &mut Writer<'_>, run: &TextRun) {
        let size = f64::from(run.size);
        let mut target = f64::from(run.x);
        let remaps = out.remaps;
        let coded = |g: &Glyph| remaps.get(&g.font).and_then(|m| m.get(usize::from(g.id)));
        // A glyph that stands here for other text than its `/ToUnicode` says (a letter
        // with its mark, a glyph two characters share): its text is given as `/ActualText`.
        let other = |g: &Glyph| coded(g).is_some_and(|c| c.text != g.text);
        let mut spanned = false;
        for (i, g) in run.glyphs.iter().enumerate() {
            let here = coded(g);
            // The span takes in the raised marks shown before their letter (right to left),
            // so that no reader finds a glyph outside it standing on a baseline of its own.
            let mark = g.text.is_empty() && g.rise != 0.0;
            let opens = !spanned
                && (here.is_some_and(|c| c.text != g.text)
                    || mark
                        && run.glyphs[i + 1..]
                            .iter()
                            .find(|n| !(n.text.is_empty() && n.rise != 0.0))
                            .is_some_and(&other));
            if opens {
                self.close(out);
                let text = run.glyphs[i..]
                    .iter()
                    .find(|n| !n.text.is_empty())
                    .map_or("", |n| n.text.as_str());
                out.raw("/Span <</ActualText <FEFF");
                for unit in shown_order(text).encode_utf16() {
                    hex4(&mut out.bytes, unit);
                }
                out.raw(">>> BDC\n");
                spanned = true;
            }
            // A glyph drawn off its place (a mark on its letter) is shown raised by text rise,
            // set for it alone.
            let risen = g.rise != 0.0;
            if risen || self.rise {
                self.close(out);
                out.num(g.rise, 3);
                out.raw("Ts\n");
                self.rise = risen;
            }
            if self.font != Some((g.font, run.size)) {
                self.close(out);
                out.raw("/F");
                out.int(g.font.index() + 1);
                out.raw(" ");
                out.num(run.size, 3);
                out.raw("Tf\n");
                self.font = Some((g.font, run.size));
            }
            if !self.array {
                out.bytes.push(b'[');
                self.array = true;
            }
            let place = target + f64::from(g.dx);
            let adjust = ((self.pen - place) * 1000.0 / size * 100.0).round() / 100.0;
            if adjust != 0.0 {
                if self.string {
                    out.bytes.push(b')');
                    self.string = false;
                }
                number(&mut out.bytes, adjust as f32, 2);
                self.pen -= adjust * size / 1000.0;
            }
            if !self.string {
                out.bytes.push(b'(');
                self.string = true;
            }
            let (code, width) = here.map_or((0, 0.0), |c| (c.code, c.width));
            glyph_code(&mut out.bytes, code);
            self.pen += f64::from(width) * size / 1000.0;
            target += f64::from(g.advance);
            if spanned && !g.text.is_empty() {
                self.close(out);
                out.raw("EMC\n");
                spanned = false;
            }
        }
        // Text rise stays set past the text object: it is undone before anything else shows.
        if self.rise {
            self.close(out);
            out.raw("0 Ts\n");
            self.rise = false;
        }
    }

    /// Ends the open `TJ` array, if any.
    fn close(&mut self, out: &mut Writer<'_>) {
        if self.string {
            out.bytes.push(b')');
            self.string = false;
        }
        if self.array {
            out.raw("] TJ\n");
            self.array = false;
        }
    }
}

/// A glyph code's two bytes (big-endian, as `Identity-H` reads them) inside a literal
/// string: half the size of hexadecimal digits before compression and smaller after. The
/// string's delimiters and the backslash are escaped, and so are line ends, which a reader
/// would otherwise normalise.
fn glyph_code(out: &mut Vec<u8>, code: u16) {
    for byte in code.to_be_bytes() {
        match byte {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(byte),
        }
    }
}

/// Four upper-case hexadecimal digits of a UTF-16 unit.
fn hex4(out: &mut Vec<u8>, code: u16) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(DIGITS[usize::from((code >> shift) & 0xf)]);
    }
}

/// Writes `value` rounded to `decimals` decimals, without trailing zeros or exponent (a
/// PDF number); a value that rounds to zero is `0`.
fn number(out: &mut Vec<u8>, value: f32, decimals: u32) {
    let scale = 10_u64.pow(decimals);
    let scaled = (f64::from(value) * scale as f64).round() as i64;
    if scaled < 0 {
        out.push(b'-');
    }
    let magnitude = scaled.unsigned_abs();
    let (whole, mut fraction) = (magnitude / scale, magnitude % scale);
    digits(out, whole, 1);
    if fraction != 0 {
        let mut width = decimals as usize;
        while fraction % 10 == 0 {
            fraction /= 10;
            width -= 1;
        }
        out.push(b'.');
        digits(out, fraction, width);
    }
}

/// Writes the decimal digits of `n`, padded with leading zeros to at least `width`.
fn digits(out: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut buffer = [b'0'; 20];
    let mut start = buffer.len();
    while n > 0 {
        start -= 1;
        buffer[start] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let start = start.min(buffer.len() - width.min(buffer.len()));
    out.extend_from_slice(&buffer[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(value: f32, decimals: u32) -> String {
        let mut out = Vec::new();
        number(&mut out, value, decimals);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn a_group_is_drawn_in_its_own_space_mapped_onto_the_page() {
        let fill = Item::Fill {
            x: 0.0,
            y: 0.0,
            w: 5.0,
            h: 5.0,
            color: Color([0.0; 3]),
        };
        let page = Page {
            size: Size {
                width: 612.0,
                height: 792.0,
            },
            items: vec![Item::Group {
                transform: Transform::translate(10.0, 20.0),
                size: Size {
                    width: 50.0,
                    height: 100.0,
                },
                items: vec![fill],
            }],
            furniture: Vec::new(),
        };
        let en = Lang::parse("en");
        let (stream, marked) = super::page(&page, &Tree::default(), &en, &Remaps::new());
        let text = String::from_utf8_lossy(&stream);
        // The group's top-left corner lands 20 pt below the page's top: its foot, 100 pt
        // lower, at 792 - 120 = 672 from the page's foot; the fill at the group's top.
        assert!(text.contains("q 1 0 0 1 10 672 cm\n"), "{text}");
        assert!(text.contains("0 95 5 5 re f\n"), "{text}");
        assert!(text.contains("Q\n") && marked.is_empty(), "{text}");
    }

    #[test]
    fn text_in_another_language_than_the_documents_is_marked_with_its_own() {
        use crate::typeset::structure::Kind;
        let mut tree = Tree::default();
        let p = tree.add(Kind::P, Tree::ROOT);
        let run = |tag: &str| {
            Item::Text(TextRun {
                x: 0.0,
                y: 10.0,
                size: 12.0,
                color: Color([0.0; 3]),
                lang: Lang::parse(tag),
                glyphs: Vec::new(),
                elem: Some(p),
                actual: None,
            })
        };
        let page = Page {
            size: Size {
                width: 100.0,
                height: 100.0,
            },
            items: vec![run("en"), run("es")],
            furniture: Vec::new(),
        };
        let (stream, marked) = super::page(&page, &tree, &Lang::parse("en"), &Remaps::new());
        let text = String::from_utf8_lossy(&stream);
        assert!(text.contains("/P <</MCID 0>> BDC"), "{text}");
        assert!(text.contains("/P <</MCID 1 /Lang (es)>> BDC"), "{text}");
        assert_eq!(marked, [p, p]);
    }

    #[test]
    fn numbers_are_short_and_never_use_exponents() {
        assert_eq!(written(64.8, 3), "64.8");
        assert_eq!(written(705.216, 3), "705.216");
        assert_eq!(written(-0.000014, 2), "0");
        assert_eq!(written(-12.5, 2), "-12.5");
        assert_eq!(written(1e-9, 3), "0");
        assert_eq!(written(1.0e7, 3), "10000000");
        assert_eq!(written(0.05, 2), "0.05");
    }

    #[test]
    fn utf16_units_are_four_hex_digits() {
        let mut out = Vec::new();
        hex4(&mut out, 0x2a);
        hex4(&mut out, 0xbeef);
        assert_eq!(out, b"002ABEEF");
    }

    #[test]
    fn glyph_codes_are_two_bytes_with_delimiters_and_line_ends_escaped() {
        let mut out = Vec::new();
        for c in [0x002a, 0x2829, 0x5c0d, 0x0a41, 0xbeef] {
            glyph_code(&mut out, c);
        }
        assert_eq!(out, b"\0*\\(\\)\\\\\\r\\nA\xbe\xef");
    }

    #[test]
    fn every_glyph_code_reads_back_as_written() {
        let mut stream = b"[(".to_vec();
        for c in 0..=u16::MAX {
            glyph_code(&mut stream, c);
        }
        stream.extend_from_slice(b")] TJ\n");
        let content = lopdf::content::Content::decode(&stream).unwrap_or_else(|e| panic!("{e}"));
        let strings = content.operations[0].operands[0]
            .as_array()
            .map(|a| a.to_vec());
        let read = match strings.as_deref() {
            Ok([lopdf::Object::String(bytes, _)]) => bytes.clone(),
            other => panic!("not one string: {other:?}"),
        };
        let codes: Vec<u8> = (0..=u16::MAX).flat_map(u16::to_be_bytes).collect();
        assert_eq!(read, codes);
    }
}
