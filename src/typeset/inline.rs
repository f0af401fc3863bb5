//! Setting running text: inline content → shaped words → Knuth–Plass lines of glyph runs.
//!
//! Words are shaped whole (kerning and ligatures), spaces become glue, and break points inside
//! words (dashes, hyphenation, and as a last resort any cluster of a word wider than the
//! measure) become penalties. [`set`] returns lines of positioned runs.

use std::borrow::Cow;

use crate::content::document::{Inline, InlineKind};

use crate::fonts::{self, FontBook, FontId, Glyph, Variant};
use crate::lang::{Direction, Lang};

use super::bidi;
use super::hyphenate;
use super::linebreak::{self, Element, Fill, INFINITE};
use super::paged::{Item, TextRun};
use super::structure::ElemId;
use super::style::{Color, Style};
use super::unspaced;

/// How a stretch of text looks.
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    /// The face.
    pub font: FontId,
    /// Size in points.
    pub size: f32,
    /// Fill colour.
    pub color: Color,
    /// The link target, when the text is a link (underlined and clickable).
    pub link: Option<String>,
    /// Struck through.
    pub strike: bool,
    /// The language of the text.
    pub lang: Lang,
}

impl Look {
    /// `glyphs` in this look, on the baseline `y` from `x`, as text of `elem` (none for
    /// decoration) that extraction reads as `actual` when given.
    pub fn text(
        &self,
        x: f32,
        y: f32,
        glyphs: Vec<Glyph>,
        elem: Option<ElemId>,
        actual: Option<String>,
    ) -> Item {
        Item::Text(TextRun {
            x,
            y,
            size: self.size,
            color: self.color,
            lang: self.lang.clone(),
            glyphs,
            elem,
            actual,
        })
    }
}

/// Shaped glyphs in one look.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// How the glyphs look.
    pub look: Look,
    /// The glyphs, with their advances.
    pub glyphs: Vec<Glyph>,
    /// For part of a word broken across lines: what text extraction should read instead,
    /// the whole word on its first line and nothing on the next, so no hyphen or split
    /// enters the text.
    pub actual: Option<String>,
    /// Its bidi level: odd runs right to left, their glyphs in visual order.
    pub level: u8,
}

impl Run {
    /// Total advance in points.
    pub fn width(&self) -> f32 {
        fonts::width(&self.glyphs)
    }

    /// The text the glyphs stand for, in reading order.
    pub fn text(&self) -> String {
        let texts = self.glyphs.iter().map(|g| g.text.as_str());
        if bidi::is_rtl(self.level) {
            texts.rev().collect()
        } else {
            texts.collect()
        }
    }

    /// Moves the glyphs and replacement text out, leaving the look and nothing to draw.
    fn take(&mut self) -> Run {
        Run {
            look: self.look.clone(),
            glyphs: std::mem::take(&mut self.glyphs),
            actual: self.actual.take(),
            level: self.level,
        }
    }

    /// The same look and level with `glyphs`.
    fn with(&self, glyphs: Vec<Glyph>) -> Run {
        Run {
            look: self.look.clone(),
            glyphs,
            actual: None,
            level: self.level,
        }
    }
}

/// A set line: runs at x offsets from the line's start, and its natural width.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetLine {
    /// `(x, run)` pairs in reading order. `x` is where the run starts, measured from the
    /// line's start: from its left end, or in a right-to-left paragraph (whose block the
    /// flow mirrors) from its right end to the run's right end.
    pub runs: Vec<(f32, Run)>,
    /// Width of the material on the line.
    pub width: f32,
}

/// What the paragraph setter needs to know besides the text.
pub struct Setting<'a> {
    /// Look of plain text in this block.
    pub base: Look,
    /// Colour of links.
    pub link_color: Color,
    /// Line length in points.
    pub measure: f32,
    /// Justify (and hyphenate) or ragged right.
    pub justify: bool,
    /// Hyphenate by language even when not justified.
    pub hyphenate: bool,
    /// The handout's language.
    pub language: &'a Lang,
    /// The direction paragraphs run in.
    pub direction: Direction,
    /// The faces text is set in.
    pub fonts: &'a FontBook,
    /// Size of inline code, as a share of the text around it.
    pub code_size: f32,
    /// Slack a ragged line may leave without penalty, in ems of the base size.
    pub ragged_slack: f32,
}

impl<'a> Setting<'a> {
    /// Plain text in `base` on lines of `measure` in the layout's `style`: ragged, never
    /// hyphenated, running in `language`'s direction.
    pub fn plain(
        base: Look,
        measure: f32,
        language: &'a Lang,
        fonts: &'a FontBook,
        style: &Style,
    ) -> Setting<'a> {
        Setting {
            base,
            link_color: style.colors.link,
            measure,
            justify: false,
            hyphenate: false,
            language,
            direction: language.direction(),
            fonts,
            code_size: style.spacing.code.inline_size,
            ragged_slack: style.spacing.ragged_slack,
        }
    }
}

/// Collects URLs and footnote labels as they are met, so they can be numbered.
#[derive(Debug, Default)]
pub struct Notes {
    /// URLs printed as numbered notes, in order of first use.
    pub links: Vec<String>,
    /// Footnote labels, in order of first reference.
    pub footnotes: Vec<String>,
}

impl Notes {
    fn number(list: &mut Vec<String>, key: &str) -> usize {
        match list.iter().position(|k| k == key) {
            Some(i) => i + 1,
            None => {
                list.push(key.to_owned());
                list.len()
            }
        }
    }
}

/// A piece of text in one look and at one bidi level, before shaping.
#[derive(Debug, Clone, PartialEq)]
struct Piece {
    text: String,
    look: Look,
    level: u8,
}

/// A word (pieces with no space between them), a space, or a forced line break.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(Vec<Piece>),
    Space,
    Break,
}

/// Flattens inline content into tokens, numbering links and notes in `notes`.
fn tokens(inlines: &[Inline], setting: &Setting<'_>, notes: &mut Notes) -> Vec<Token> {
    let mut out = Vec::new();
    push_inlines(inlines, &setting.base, setting, notes, &mut out);
    out
}

fn push_text(text: &str, look: &Look, out: &mut Vec<Token>) {
    for (i, part) in text.split([' ', '\n', '\t']).enumerate() {
        if i > 0 && out.last() != Some(&Token::Space) {
            out.push(Token::Space);
        }
        if part.is_empty() {
            continue;
        }
        let piece = Piece {
            text: part.to_owned(),
            look: look.clone(),
            level: 0,
        };
        match out.last_mut() {
            Some(Token::Word(pieces)) => match pieces.last_mut() {
                Some(last) if last.look == *look => last.text.push_str(part),
                _ => pieces.push(piece),
            },
            _ => out.push(Token::Word(vec![piece])),
        }
    }
}

fn push_inlines(
    inlines: &[Inline],
    look: &Look,
    setting: &Setting<'_>,
    notes: &mut Notes,
    out: &mut Vec<Token>,
) {
    for inline in inlines {
        match &inline.kind {
            InlineKind::Text(text) => push_text(text, look, out),
            InlineKind::Code(text) => {
                // The mono face runs wide: a size a little smaller matches the text around it.
                let code = Look {
                    font: setting.fonts.select(Variant::Mono),
                    size: setting.code_size * look.size,
                    ..look.clone()
                };
                push_text(text, &code, out);
            }
            InlineKind::Emphasis(children) | InlineKind::Strong(children) => {
                let book = setting.fonts;
                let font = if matches!(inline.kind, InlineKind::Strong(_)) {
                    restyle(book, look.font, Some(true), None)
                } else {
                    restyle(book, look.font, None, Some(true))
                };
                let styled = Look {
                    font,
                    ..look.clone()
                };
                push_inlines(children, &styled, setting, notes, out);
            }
            InlineKind::Strikethrough(children) => {
                let struck = Look {
                    strike: true,
                    ..look.clone()
                };
                push_inlines(children, &struck, setting, notes, out);
            }
            InlineKind::Link { url, content, .. } => {
                let linked = Look {
                    link: Some(url.clone()),
                    color: setting.link_color,
                    ..look.clone()
                };
                push_inlines(content, &linked, setting, notes, out);
                let text = Inline::plain_text(content);
                let shown = text.trim().trim_start_matches("mailto:");
                if shown != url.trim_start_matches("mailto:") {
                    let n = Notes::number(&mut notes.links, url);
                    push_text(&format!("[{n}]"), look, out);
                }
            }
            InlineKind::Image { alt, .. } => {
                if !alt.trim().is_empty() {
                    push_text(&format!("[{}]", alt.trim()), look, out);
                }
            }
            InlineKind::FootnoteRef(label) => {
                let n = Notes::number(&mut notes.footnotes, label);
                push_text(&format!("({n})"), look, out);
            }
            InlineKind::SoftBreak => {
                if out.last() != Some(&Token::Space) {
                    out.push(Token::Space);
                }
            }
            InlineKind::HardBreak => out.push(Token::Break),
            InlineKind::Html(html) => {
                if html.trim_start().to_ascii_lowercase().starts_with("<br") {
                    out.push(Token::Break);
                }
            }
        }
    }
}

/// The face of `book` with weight and/or slant changed.
fn restyle(book: &FontBook, font: FontId, bold: Option<bool>, italic: Option<bool>) -> FontId {
    let Some(variant) = Variant::at(font.index()).filter(|&v| v != Variant::Mono) else {
        return font;
    };
    let (is_bold, is_italic) = variant.style();
    book.select(Variant::styled(
        bold.unwrap_or(is_bold),
        italic.unwrap_or(is_italic),
    ))
}

/// What an element of the paragraph draws.
#[derive(Debug, Clone)]
enum Material {
    /// Part of a word: its runs and the index of the whole word.
    Word(Vec<Run>, usize),
    Space(Run),
    Break {
        hyphen: Option<Run>,
    },
}

/// Sets inline content into lines.
pub fn set(inlines: &[Inline], setting: &Setting<'_>, notes: &mut Notes) -> Vec<SetLine> {
    set_tokens(tokens(inlines, setting, notes), setting)
}

/// Sets plain text (titles, summaries, footers) into lines.
pub fn set_plain(text: &str, setting: &Setting<'_>) -> Vec<SetLine> {
    let mut out = Vec::new();
    push_text(text, &setting.base, &mut out);
    set_tokens(out, setting)
}

fn set_tokens(mut tokens: Vec<Token>, setting: &Setting<'_>) -> Vec<SetLine> {
    let f = setting.fonts;
    let mut elements = Vec::new();
    let mut material = Vec::new();
    let mut words = Vec::new();
    trim_spaces(&mut tokens);
    let base = bidi::base_level(setting.direction);
    let space_levels = resolve_levels(&mut tokens, setting.direction);
    let trimmed = &tokens[..];
    for (i, token) in trimmed.iter().enumerate() {
        match token {
            Token::Word(pieces) => {
                words.push(word(
                    pieces,
                    setting,
                    words.len(),
                    &mut elements,
                    &mut material,
                ));
            }
            Token::Space => {
                let look = space_look(trimmed, i, setting);
                let glyphs = f.shape(look.font, &look.lang, " ", look.size);
                let width = fonts::width(&glyphs);
                elements.push(Element::Glue {
                    width,
                    stretch: if setting.justify { width / 2.0 } else { 0.0 },
                    shrink: if setting.justify { width / 3.0 } else { 0.0 },
                });
                material.push(Material::Space(Run {
                    look,
                    glyphs,
                    actual: None,
                    level: space_levels.get(i).copied().unwrap_or(base),
                }));
            }
            Token::Break => {
                elements.push(Element::Penalty {
                    width: 0.0,
                    cost: -INFINITE,
                    flagged: false,
                });
                material.push(Material::Break { hyphen: None });
            }
        }
    }
    if elements.is_empty() {
        return Vec::new();
    }
    let fill = if setting.justify {
        Fill::Justified
    } else {
        Fill::Ragged {
            slack: setting.ragged_slack * setting.base.size,
        }
    };
    let lines = linebreak::total_fit(&elements, setting.measure, fill);
    lines
        .iter()
        .map(|line| {
            let mut set = assemble(&elements, &mut material, &words, line, setting.justify);
            if base != 0 || set.runs.iter().any(|(_, r)| r.level != 0) {
                let trailing = matches!(material.get(line.end), Some(Material::Space(_)));
                place_visually(&mut set, base, trailing);
            }
            set
        })
        .collect()
}

/// Drops the spaces at both ends.
fn trim_spaces(tokens: &mut Vec<Token>) {
    let end = tokens
        .iter()
        .rposition(|t| *t != Token::Space)
        .map_or(0, |i| i + 1);
    tokens.truncate(end);
    let start = tokens
        .iter()
        .position(|t| *t != Token::Space)
        .unwrap_or(tokens.len());
    tokens.drain(..start);
}

/// Resolves the bidi levels of a paragraph running in `direction` on its logical text:
/// every piece is cut where its level changes and takes its level. Returns the level of the
/// space or break each token stands for (the paragraph's own for a word). A paragraph left
/// to right with nothing right to left in it keeps level 0 throughout.
fn resolve_levels(tokens: &mut [Token], direction: Direction) -> Vec<u8> {
    let base = bidi::base_level(direction);
    let mut spaces = vec![base; tokens.len()];
    let texts = tokens.iter().flat_map(|t| match t {
        Token::Word(pieces) => pieces.as_slice(),
        _ => &[],
    });
    if !bidi::needed(direction, texts.map(|p| p.text.as_str())) {
        return spaces;
    }
    let mut text = String::new();
    for token in tokens.iter() {
        match token {
            Token::Word(pieces) => pieces.iter().for_each(|p| text.push_str(&p.text)),
            Token::Space | Token::Break => text.push(' '),
        }
    }
    let levels = bidi::levels(&text, direction);
    let mut at = 0;
    for (token, space) in tokens.iter_mut().zip(&mut spaces) {
        let Token::Word(pieces) = token else {
            *space = levels.get(at).copied().unwrap_or(base);
            at += 1;
            continue;
        };
        let mut cut = Vec::with_capacity(pieces.len());
        for piece in pieces.drain(..) {
            let from = at;
            let level = |i: usize| levels.get(from + i).copied().unwrap_or(base);
            let mut start = 0;
            for (i, _) in piece.text.char_indices().skip(1) {
                if level(i) != level(start) {
                    cut.push(Piece {
                        text: piece.text[start..i].to_owned(),
                        look: piece.look.clone(),
                        level: level(start),
                    });
                    start = i;
                }
            }
            at += piece.text.len();
            cut.push(Piece {
                text: piece.text[start..].to_owned(),
                level: level(start),
                look: piece.look,
            });
        }
        *pieces = cut;
    }
    spaces
}

/// Puts the runs of a line of a paragraph at level `base` where they show: stretches of
/// higher levels reversed (UAX #9, L2), every `x` measured from the line's start as
/// [`SetLine::runs`] has it. The runs stay in reading order. The space the line breaks at
/// (the last run, when `trailing`), counted in no width, stays past the line's end.
fn place_visually(set: &mut SetLine, base: u8, trailing: bool) {
    let shown = set.runs.len() - usize::from(trailing);
    let levels: Vec<u8> = set.runs[..shown].iter().map(|(_, r)| r.level).collect();
    let mut left = 0.0;
    for i in bidi::visual_order(&levels) {
        let (x, run) = &mut set.runs[i];
        let width = run.width();
        *x = if bidi::is_rtl(base) {
            set.width - left - width
        } else {
            left
        };
        left += width;
    }
}

/// A space takes the look of the word before it, and keeps its link only when the word
/// after it belongs to the same link (so the underline does not run past the link).
fn space_look(tokens: &[Token], i: usize, setting: &Setting<'_>) -> Look {
    let edge = |t: Option<&Token>, first: bool| match t {
        Some(Token::Word(p)) => (if first { p.first() } else { p.last() }).map(|p| p.look.clone()),
        _ => None,
    };
    let before = edge(i.checked_sub(1).and_then(|j| tokens.get(j)), false);
    let after = edge(tokens.get(i + 1), true);
    let mut look = before.unwrap_or_else(|| setting.base.clone());
    if after.as_ref().map(|a| &a.link) != Some(&look.link) {
        look.link = None;
        look.strike = false;
        look.color = setting.base.color;
    }
    look
}

/// Adds word number `index` as boxes separated by its possible breaks; returns its text
/// when it is in more than one box (and so may be broken across lines at a hyphen or dash),
/// else nothing.
fn word(
    pieces: &[Piece],
    setting: &Setting<'_>,
    index: usize,
    elements: &mut Vec<Element>,
    material: &mut Vec<Material>,
) -> String {
    let f = setting.fonts;
    let first_element = material.len();
    // Soft hyphens are the author's own break points: never drawn, taken like hyphenation.
    let (texts, soft): (Vec<Cow<'_, str>>, Vec<Vec<usize>>) =
        pieces.iter().map(|p| without_soft_hyphens(&p.text)).unzip();
    let runs: Vec<Run> = pieces
        .iter()
        .zip(&texts)
        .map(|(p, text)| {
            let direction = if bidi::is_rtl(p.level) {
                Direction::Rtl
            } else {
                Direction::Ltr
            };
            let look = &p.look;
            Run {
                look: look.clone(),
                glyphs: f.shape_toward(look.font, &look.lang, text, look.size, Some(direction)),
                actual: None,
                level: p.level,
            }
        })
        .collect();
    let total: f32 = runs.iter().map(Run::width).sum();
    let overflows = total > setting.measure;
    let hyphenate = setting.hyphenate || setting.justify || overflows;
    // Split every run at its break points.
    let mut parts = vec![Part::default()];
    let mut unspaced = false;
    for ((text, soft), run) in texts.iter().zip(soft).zip(runs) {
        // Right-to-left text is neither hyphenated nor broken at its dashes.
        if bidi::is_rtl(run.level) {
            if let Some(last) = parts.last_mut() {
                last.runs.push(run);
            }
            continue;
        }
        let mut cuts = cuts(text, hyphenate.then_some(setting.language), overflows);
        cuts.extend(soft.into_iter().map(|at| (at, true)));
        let between = unspaced::breaks(text);
        unspaced |= !between.is_empty();
        cuts.extend(between.into_iter().map(|at| (at, false)));
        cuts.sort_by_key(|&(at, _)| at);
        cuts.dedup_by_key(|&mut (at, _)| at);
        let mut rest = run;
        let mut consumed = 0;
        for (cut, hyphen) in cuts {
            let Some((head, tail)) = split_run(&rest, cut - consumed) else {
                continue;
            };
            consumed = cut;
            if let Some(last) = parts.last_mut() {
                last.runs.push(head);
                last.cut = Some(Cut {
                    hyphen,
                    cost: if hyphen { 50.0 } else { 0.0 },
                });
            }
            parts.push(Part::default());
            rest = tail;
        }
        if let Some(last) = parts.last_mut() {
            last.runs.push(rest);
        }
    }
    let hyphen_of = |runs: &[Run]| {
        runs.last()
            .map(|r| r.with(f.shape(r.look.font, &r.look.lang, "-", r.look.size)))
    };
    for Part { runs, cut } in parts {
        let hyphen = cut
            .as_ref()
            .filter(|c| c.hyphen)
            .and_then(|_| hyphen_of(&runs));
        let hyphen_width = hyphen.as_ref().map_or(0.0, Run::width);
        for (chunk, is_last_chunk) in fit_chunks(runs, setting.measure - hyphen_width) {
            elements.push(Element::Box(chunk.iter().map(Run::width).sum()));
            material.push(Material::Word(chunk, index));
            if !is_last_chunk {
                elements.push(Element::Penalty {
                    width: 0.0,
                    cost: 100.0,
                    flagged: false,
                });
                material.push(Material::Break { hyphen: None });
            }
        }
        if let Some(cut) = cut {
            elements.push(Element::Penalty {
                width: hyphen_width,
                cost: cut.cost,
                flagged: hyphen.is_some(),
            });
            material.push(Material::Break { hyphen });
        }
    }
    let boxes = material[first_element..]
        .iter()
        .filter(|m| matches!(m, Material::Word(..)))
        .count();
    // A word broken where its script breaks lines reads right line by line; one broken at a
    // hyphen or dash is read whole where it starts.
    if boxes > 1 && !unspaced {
        texts.concat()
    } else {
        String::new()
    }
}

/// Part of a word between two of its break points.
#[derive(Default)]
struct Part {
    runs: Vec<Run>,
    /// The break after this part, if any.
    cut: Option<Cut>,
}

/// A break inside a word: after a dash (free), or a hyphenation point (costly, adds `-`).
struct Cut {
    hyphen: bool,
    cost: f32,
}

/// The text without its soft hyphens (U+00AD), and where they stood in it.
fn without_soft_hyphens(text: &str) -> (Cow<'_, str>, Vec<usize>) {
    // U+00AD is the bytes C2 AD: a word without the byte AD, almost every word, has none,
    // and a byte scan of a short word is cheaper than a substring search.
    if !text.as_bytes().contains(&0xad) || !text.contains('\u{ad}') {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut at = Vec::new();
    for c in text.chars() {
        if c == '\u{ad}' {
            if !out.is_empty() {
                at.push(out.len());
            }
        } else {
            out.push(c);
        }
    }
    if at.last() == Some(&out.len()) {
        at.pop();
    }
    (Cow::Owned(out), at)
}

/// Where a word may break, as (byte offset, adds a hyphen): with a `language`, at the
/// hyphenation points of its parts between dashes; when it `overflows` the line, also after
/// a dash or slash inside it. A line never ends at a dash otherwise: text extraction joins a
/// line ending in `-` to the next, and would turn "trauma-informed" into "traumainformed".
fn cuts(word: &str, language: Option<&Lang>, overflows: bool) -> Vec<(usize, bool)> {
    let dashes: Vec<usize> = word
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '-' | '–' | '—' | '/') && i > 0 && i + c.len_utf8() < word.len()
        })
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    let mut cuts: Vec<(usize, bool)> = Vec::new();
    if overflows {
        cuts.extend(dashes.iter().map(|&d| (d, false)));
    }
    if let Some(language) = language {
        let starts = std::iter::once(0).chain(dashes.iter().copied());
        let ends = dashes.iter().copied().chain(std::iter::once(word.len()));
        for (start, end) in starts.zip(ends) {
            let part = &word[start..end];
            cuts.extend(
                hyphenate::points(part, language)
                    .into_iter()
                    .map(|p| (start + p, true)),
            );
        }
    }
    cuts.sort_by_key(|&(at, _)| at);
    cuts
}

/// Splits a run after `bytes` bytes of its text; `None` when that falls inside a cluster.
fn split_run(run: &Run, bytes: usize) -> Option<(Run, Run)> {
    let mut seen = 0;
    for (i, glyph) in run.glyphs.iter().enumerate() {
        if seen == bytes && i > 0 {
            let head = run.with(run.glyphs[..i].to_vec());
            let tail = run.with(run.glyphs[i..].to_vec());
            return Some((head, tail));
        }
        seen += glyph.text.len();
    }
    None
}

/// Cuts material wider than `measure` into pieces that fit, between glyph clusters taken
/// in reading order. Returns each piece with whether it is the last.
fn fit_chunks(runs: Vec<Run>, measure: f32) -> Vec<(Vec<Run>, bool)> {
    let total: f32 = runs.iter().map(Run::width).sum();
    if total <= measure {
        return vec![(runs, true)];
    }
    let mut chunks: Vec<Vec<Run>> = vec![Vec::new()];
    let mut width = 0.0;
    for run in runs {
        let rtl = bidi::is_rtl(run.level);
        let mut current = run.with(Vec::new());
        let close = |current: &mut Run, chunks: &mut Vec<Vec<Run>>| {
            if !current.glyphs.is_empty() {
                if rtl {
                    current.glyphs = visual_clusters(std::mem::take(&mut current.glyphs));
                }
                if let Some(chunk) = chunks.last_mut() {
                    let glyphs = std::mem::take(&mut current.glyphs);
                    chunk.push(current.with(glyphs));
                }
            }
        };
        let glyphs = if rtl {
            visual_clusters(run.glyphs)
        } else {
            run.glyphs
        };
        for cluster in clusters(glyphs) {
            let advance = fonts::width(&cluster);
            if width + advance > measure && width > 0.0 {
                close(&mut current, &mut chunks);
                chunks.push(Vec::new());
                width = 0.0;
            }
            width += advance;
            current.glyphs.extend(cluster);
        }
        close(&mut current, &mut chunks);
    }
    let n = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c, i + 1 == n))
        .collect()
}

/// `glyphs` cut into clusters: each glyph that stands for text starts one, the glyphs with
/// none (marks) go with it.
fn clusters(glyphs: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    let mut out: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        match out.last_mut() {
            Some(cluster) if glyph.text.is_empty() => cluster.push(glyph),
            _ => out.push(vec![glyph]),
        }
    }
    out
}

/// Right-to-left glyphs with their clusters in the other order, the glyphs of each kept as
/// they are: visual order becomes reading order, and back.
fn visual_clusters(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    clusters(glyphs).into_iter().rev().flatten().collect()
}

/// The word of the nearest part of a word among `material`, looking back from its end or
/// forward from its start, past breaks only.
fn adjacent_word<'m>(mut material: impl Iterator<Item = &'m Material>) -> Option<usize> {
    material
        .find(|m| !matches!(m, Material::Break { .. }))
        .and_then(|m| match m {
            Material::Word(_, word) => Some(*word),
            _ => None,
        })
}

/// Places the material of one line, moving it out of `material` (each element belongs to
/// one line). A word broken across lines reads, for text extraction, as a whole on its
/// first line and not at all on the next ones.
fn assemble(
    elements: &[Element],
    material: &mut [Material],
    words: &[String],
    line: &linebreak::Line,
    justify: bool,
) -> SetLine {
    let mut set = SetLine::default();
    let mut x = 0.0;
    let ratio = if justify { line.ratio } else { 0.0 };
    let end = line.end.min(elements.len());
    let from_before = adjacent_word(material[..line.start.min(end)].iter().rev());
    let goes_on = adjacent_word(material.get(line.end + 1..).into_iter().flatten());
    // A word read whole where it starts (an empty text means it is read line by line).
    let actual = |word: usize| {
        let whole = words.get(word).filter(|w| !w.is_empty())?;
        if from_before == Some(word) {
            Some(String::new())
        } else if goes_on == Some(word) {
            Some(whole.clone())
        } else {
            None
        }
    };
    for i in line.start..end {
        match (&elements[i], &mut material[i]) {
            (Element::Box(w), Material::Word(runs, word)) => {
                let mut total = 0.0;
                for run in std::mem::take(runs) {
                    let run = Run {
                        actual: actual(*word),
                        ..run
                    };
                    let width = run.width();
                    total += width;
                    x += width;
                    set.runs.push((x - width, run));
                }
                x += w - total;
            }
            (
                Element::Glue {
                    width,
                    stretch,
                    shrink,
                },
                Material::Space(run),
            ) => {
                let adjust = if ratio >= 0.0 {
                    ratio * stretch
                } else {
                    ratio * shrink
                };
                let mut run = run.take();
                if let Some(g) = run.glyphs.first_mut() {
                    g.advance = width + adjust;
                }
                set.runs.push((x, run));
                x += width + adjust;
            }
            _ => {}
        }
    }
    match material.get_mut(line.end) {
        Some(Material::Break { hyphen: Some(run) }) => {
            let actual = set.runs.last().and_then(|(_, r)| r.actual.clone());
            let run = Run {
                actual,
                ..run.take()
            };
            let width = run.width();
            set.runs.push((x, run));
            x += width;
        }
        // The space a line breaks at is still drawn after its last word, invisible and not
        // counted in its width, so that text read from the page keeps the words apart.
        Some(Material::Space(run)) => {
            let mut run = run.take();
            run.look.strike = false;
            set.runs.push((x, run));
        }
        _ => {}
    }
    set.width = x;
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    static BOOK: std::sync::LazyLock<FontBook> = std::sync::LazyLock::new(FontBook::bundled);
    static EN: std::sync::LazyLock<Lang> = std::sync::LazyLock::new(|| Lang::parse("en"));

    fn setting(measure: f32, hyphenate: bool) -> Setting<'static> {
        Setting {
            base: Look {
                font: BOOK.select(Variant::Regular),
                size: 12.0,
                color: Color([0.0; 3]),
                link: None,
                strike: false,
                lang: Lang::parse("en"),
            },
            link_color: Color([0.0; 3]),
            measure,
            justify: false,
            hyphenate,
            language: &EN,
            direction: Direction::Ltr,
            fonts: &BOOK,
            code_size: 0.92,
            ragged_slack: 2.5,
        }
    }

    fn text(line: &SetLine) -> String {
        line.runs
            .iter()
            .flat_map(|(_, r)| r.glyphs.iter().map(|g| g.text.as_str()))
            .collect()
    }

    #[test]
    fn no_line_is_wider_than_the_measure() {
        let words = "Relational therapy is an approach that centers on relationships: how \
                     people connect with others, and Pneumonoultramicroscopicsilicovolcanoconiosis.";
        for measure in [60.0, 90.0, 200.0] {
            for line in set_plain(words, &setting(measure, false)) {
                assert!(line.width <= measure + 0.01, "{} > {measure}", line.width);
            }
        }
    }

    #[test]
    fn every_character_is_kept_in_order() {
        let words = "how people connect with others — “here and now”";
        let lines = set_plain(words, &setting(80.0, false));
        let joined: Vec<String> = lines.iter().map(text).collect();
        let joined = joined.join(" ");
        assert_eq!(
            joined.split_whitespace().collect::<Vec<_>>().join(" "),
            words
        );
    }

    #[test]
    fn justified_lines_fill_the_measure_except_the_last() {
        let words = "Relational therapy is an approach that centers on relationships: how \
                     people connect with others, how they experience being cared for or let \
                     down, and how early experiences may shape patterns in current relationships.";
        let justified = Setting {
            justify: true,
            ..setting(150.0, false)
        };
        let lines = set_plain(words, &justified);
        assert!(lines.len() > 3);
        for line in &lines[..lines.len() - 1] {
            assert!((line.width - 150.0).abs() < 0.05, "{} wide", line.width);
        }
        assert!(lines[lines.len() - 1].width < 150.0);
    }

    #[test]
    fn words_break_at_syllables_and_only_overflowing_ones_after_dashes() {
        assert_eq!(cuts("self-worth", None, false), []);
        assert_eq!(cuts("self-worth", None, true), [(5, false)]);
        assert_eq!(cuts("-and", None, true), []);
        // re-la-tion-ships—whether: syllables before the dash, none in "whether".
        assert_eq!(
            cuts("relationships—whether", Some(&EN), false),
            [(2, true), (4, true), (8, true)]
        );
        let dash = "relationships—".len();
        assert_eq!(
            cuts("relationships—whether", Some(&EN), true),
            [(2, true), (4, true), (8, true), (dash, false)]
        );
    }

    #[test]
    fn soft_hyphens_are_break_points_not_glyphs() {
        assert_eq!(
            without_soft_hyphens("\u{ad}self\u{ad}care\u{ad}"),
            (Cow::Borrowed("selfcare"), vec![4])
        );
        assert_eq!(
            without_soft_hyphens("care"),
            (Cow::Borrowed("care"), vec![])
        );
        let lines = set_plain("aaaa selfcare\u{ad}giving", &setting(100.0, false));
        let texts: Vec<String> = lines.iter().map(text).collect();
        assert!(texts.iter().all(|t| !t.contains('\u{ad}')), "{texts:?}");
        assert_eq!(texts.join("|"), "aaaa selfcare-|giving");
    }

    #[test]
    fn a_broken_word_reads_whole_on_its_first_line_and_not_after() {
        let lines = set_plain(
            "relationships relationships relationships",
            &setting(100.0, true),
        );
        let broken = lines
            .iter()
            .position(|l| text(l).ends_with('-'))
            .unwrap_or_else(|| panic!("no hyphen used"));
        let actual = |line: &SetLine| -> Vec<Option<String>> {
            line.runs.iter().map(|(_, r)| r.actual.clone()).collect()
        };
        let first = actual(&lines[broken]);
        let whole = Some("relationships".to_owned());
        assert_eq!(first[first.len() - 2..], [whole.clone(), whole]);
        assert_eq!(first[0], None, "a whole word on the line");
        assert_eq!(actual(&lines[broken + 1])[0], Some(String::new()));
    }

    #[test]
    fn a_right_to_left_line_starts_at_the_right_and_latin_in_it_runs_left_to_right() {
        let rtl = Setting {
            direction: Direction::Rtl,
            ..setting(400.0, false)
        };
        let lines = set_plain("كلمة one two", &rtl);
        let runs = &lines[0].runs;
        let texts: Vec<String> = runs.iter().map(|(_, r)| r.text()).collect();
        assert_eq!(texts.concat(), "كلمة one two", "reading order kept");
        let x = |t: &str| runs.iter().find(|(_, r)| r.text() == t).map(|(x, _)| *x);
        // Measured from the start, the right end: the Arabic word first, then "one two"
        // left of it, "one" at the left.
        assert!(x("كلمة").is_some_and(|x| x.abs() < 0.01), "{runs:?}");
        assert!(x("one") > x("two") && x("two") > x("كلمة"), "{runs:?}");
    }

    #[test]
    fn hyphenation_adds_a_hyphen_at_the_break() {
        let lines = set_plain(
            "relationships relationships relationships",
            &setting(100.0, true),
        );
        assert!(
            lines.iter().any(|l| text(l).ends_with('-')),
            "no hyphen used"
        );
        let lines = set_plain(
            "relationships relationships relationships",
            &setting(100.0, false),
        );
        assert!(lines.iter().all(|l| !text(l).ends_with('-')));
    }
}
