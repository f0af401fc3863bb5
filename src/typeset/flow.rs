//! Layout: a handout's [`Document`] → a flow of [`Band`]s (lines, rows, rules) with the
//! shapes they draw and the rules that keep them together across pages.
//!
//! Every item knows its height, the space above it (dropped at the top of a page) and whether
//! it must stay on the page of the item after it; every text, picture and link it draws names
//! its element in the handout's structure [`Tree`], which is built here in source order.
//! [`super::paginate`] then cuts the flow into pages.

use std::collections::BTreeMap;

use crate::content::document::{Align, Block, BlockKind, Inline, InlineKind, ListItem, Table};
use crate::content::Handout;

use std::sync::Arc;

use crate::fonts::{self, FontBook, Variant};
use crate::labels::Labels;
use crate::lang::{Direction, Lang};
use crate::picture::Picture;

use super::bidi;
use super::inline::{self, Look, Notes, Run, SetLine, Setting};
use super::paged::{Item, Target};
use super::structure::{ElemId, Kind, Tree};
use super::style::{Spacing, Style};

/// One unbreakable band of the flow: a line, a table row, a rule, a picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Height in points.
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub gap: f32,
    /// Must stand on the same page as the next item.
    pub keep_with_next: bool,
    /// What it draws, from its top-left corner.
    pub items: Vec<Item>,
    /// An outline entry (level, text) for a heading's first line.
    pub outline: Option<(u8, String)>,
    /// For a table body row: the header row to repeat at the top of a new page.
    pub head: Option<usize>,
    /// Baseline of its first line, where a list marker goes.
    pub baseline: f32,
    /// For a line of text: its size and leading, which fitting to the page may tighten.
    pub line: Option<LineBox>,
}

/// The type size and leading (a multiple of the size) a line of text was set with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineBox {
    /// Type size in points.
    pub size: f32,
    /// Baseline-to-baseline distance, as a multiple of the size.
    pub leading: f32,
}

impl Band {
    /// Line `i` of a block of `count` lines: only the first keeps the block's gap, and the
    /// first and the last but one keep with the next line, so that no orphan (first line alone
    /// at a page's foot) and no widow (last line alone at a page's head) is left.
    fn line(
        i: usize,
        count: usize,
        gap: f32,
        height: f32,
        baseline: f32,
        shapes: Vec<Item>,
    ) -> Self {
        Band {
            height,
            gap: if i == 0 { gap } else { 0.0 },
            keep_with_next: count > 1 && (i == 0 || i + 2 == count),
            items: shapes,
            outline: None,
            head: None,
            baseline,
            line: None,
        }
    }
}

/// A laid-out handout.
#[derive(Debug, Clone, Default)]
pub struct Flow {
    /// The bands in reading order.
    pub bands: Vec<Band>,
    /// Table header rows, repeated after page breaks.
    pub heads: Vec<Band>,
    /// The URLs of the pictures drawn, in order of first use.
    pub pictures: Vec<String>,
    /// The structure the items' shapes refer to.
    pub tree: Tree,
}

/// What the layout needs to know about the page and the handout's pictures.
pub struct Frame<'a> {
    /// Width of the text column.
    pub measure: f32,
    /// Height of the text area: no picture is made taller than 80% of it.
    pub height: f32,
    /// Decoded pictures by their URL as written.
    pub pictures: &'a BTreeMap<String, Arc<Picture>>,
}

/// Lays out the title block and body of `handout` in `frame`, set in `fonts`, with the
/// notes' headings from `labels`.
pub fn lay_out(
    handout: &Handout,
    style: &Style,
    fonts: &FontBook,
    labels: &Labels,
    frame: &Frame<'_>,
) -> Flow {
    let measure = frame.measure;
    let mut layout = Layouter {
        style,
        fonts,
        labels,
        frame,
        language: &handout.lang,
        notes: Notes::default(),
        flow: Flow::default(),
        parent: Tree::ROOT,
        gap_override: None,
        list_depth: 0,
    };
    layout.title_block(handout, measure);
    layout.blocks(&handout.document.blocks, 0.0, measure);
    layout.notes(handout, measure);
    let mut flow = layout.flow;
    // A right-to-left handout is laid out from its start edge as if it ran left to right,
    // then mirrored: indents, list markers, quote bars and table columns start at the right.
    if handout.lang.direction() == Direction::Rtl {
        for band in flow.bands.iter_mut().chain(&mut flow.heads) {
            band.items.iter_mut().for_each(|item| item.mirror(measure));
        }
    }
    flow
}

struct Layouter<'a> {
    style: &'a Style,
    fonts: &'a FontBook,
    labels: &'a Labels,
    frame: &'a Frame<'a>,
    language: &'a Lang,
    notes: Notes,
    flow: Flow,
    /// The structure element new blocks go into.
    parent: ElemId,
    /// Space above the next block, replacing the paragraph gap (after a heading).
    gap_override: Option<f32>,
    /// How many lists enclose the block being laid out.
    list_depth: usize,
}

impl<'a> Layouter<'a> {
    /// Vertical metrics of the face for `variant`.
    fn metrics(&self, variant: Variant) -> fonts::Metrics {
        self.fonts.face(self.fonts.select(variant)).metrics()
    }

    /// Width of a list marker set in the regular face at `size`.
    fn marker_width(&self, marker: &str, size: f32) -> f32 {
        let regular = self.fonts.select(Variant::Regular);
        fonts::width(&self.fonts.shape(regular, self.language, marker, size))
    }

    /// A label (a list marker, a note's number) in `look`, set on one line as the
    /// paragraphs run: `1.` reads `.1` from the left in a right-to-left handout.
    fn label(&self, text: &str, look: &Look) -> SetLine {
        let setting = self.setting(look.clone(), f32::MAX, false);
        inline::set_plain(text, &setting)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    fn body_look(&self) -> Look {
        Look {
            font: self.fonts.select(Variant::Regular),
            size: self.style.body.size,
            color: self.style.colors.text,
            link: None,
            strike: false,
            lang: self.language.clone(),
        }
    }

    /// How to set text in `base` on a line of `measure`: running text (paragraphs) follows
    /// the layout's justification and hyphenation; titles, headings, cells and notes are
    /// always ragged and unhyphenated.
    fn setting(&self, base: Look, measure: f32, running: bool) -> Setting<'a> {
        Setting {
            base,
            link_color: self.style.colors.link,
            measure,
            justify: running && self.style.justify,
            hyphenate: running && self.style.hyphenate,
            language: self.language,
            direction: self.language.direction(),
            fonts: self.fonts,
            code_size: self.style.spacing.code.inline_size,
            ragged_slack: self.style.spacing.ragged_slack,
        }
    }

    /// Adds a structure element of `kind` inside the current parent.
    fn elem(&mut self, kind: Kind) -> ElemId {
        self.flow.tree.add(kind, self.parent)
    }

    /// Lays out `inside` with `parent` as the element its blocks go into.
    fn within(&mut self, parent: ElemId, inside: impl FnOnce(&mut Self)) {
        let outer = std::mem::replace(&mut self.parent, parent);
        inside(self);
        self.parent = outer;
    }

    /// The gap above the next block: after a heading its own, else the paragraph gap.
    fn take_gap(&mut self, normal: f32) -> f32 {
        self.gap_override.take().unwrap_or(normal)
    }

    /// Turns set lines into items, one per line, each `leading` × size high, their text a new
    /// element of `kind`.
    fn push_lines(
        &mut self,
        lines: Vec<SetLine>,
        x: f32,
        size: f32,
        leading: f32,
        gap: f32,
        kind: Kind,
    ) -> std::ops::Range<usize> {
        let mut tagging = Tagging::new(self.elem(kind));
        let first = self.flow.bands.len();
        let height = size * leading;
        let metrics = self.metrics(Variant::Regular);
        // Centred in the line's height, but never rising above its top.
        let baseline = ((height - (metrics.ascent + metrics.descent) * size) / 2.0).max(0.0)
            + metrics.ascent * size;
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let spacing = &self.style.spacing;
            let shapes = line_shapes(
                line,
                (x, baseline),
                size,
                spacing,
                &mut tagging,
                &mut self.flow.tree,
            );
            self.flow.bands.push(Band {
                line: Some(LineBox { size, leading }),
                ..Band::line(i, count, gap, height, baseline, shapes)
            });
        }
        first..self.flow.bands.len()
    }

    fn title_block(&mut self, handout: &Handout, measure: f32) {
        let s = self.style;
        let title = Look {
            font: self.fonts.select(Variant::Bold),
            size: s.title.size,
            color: s.colors.title,
            ..self.body_look()
        };
        let lines = inline::set_plain(&handout.title, &self.setting(title, measure, false));
        let range = self.push_lines(
            lines,
            0.0,
            s.title.size,
            s.title.leading,
            0.0,
            Kind::Heading(1),
        );
        self.keep_together(range.clone());
        if let Some(item) = self.flow.bands.get_mut(range.start) {
            item.outline = Some((1, handout.title.clone()));
        }
        if let Some(summary) = handout.summary() {
            let look = Look {
                size: s.summary.size,
                color: s.colors.summary,
                ..self.body_look()
            };
            let lines = inline::set_plain(summary, &self.setting(look, measure, false));
            let gap = s.spacing.summary_above * s.summary.size;
            let range =
                self.push_lines(lines, 0.0, s.summary.size, s.summary.leading, gap, Kind::P);
            self.keep_together(range);
        }
        let space = s.spacing.title_rule_space * s.body.size;
        self.rule(0.0, space, measure, s.title_rule, 0.0);
        self.gap_override = Some(0.0);
    }

    /// A decorative rule `thickness` thick, `above` below the item's top and as far above
    /// its foot.
    fn rule(&mut self, x: f32, above: f32, width: f32, thickness: f32, gap: f32) {
        self.flow.bands.push(Band {
            height: 2.0 * above + thickness,
            gap,
            keep_with_next: false,
            items: vec![Item::Fill {
                x,
                y: above,
                w: width,
                h: thickness,
                color: self.style.colors.accent,
            }],
            outline: None,
            head: None,
            baseline: 0.0,
            line: None,
        });
    }

    fn keep_together(&mut self, range: std::ops::Range<usize>) {
        for item in &mut self.flow.bands[range] {
            item.keep_with_next = true;
        }
    }

    fn blocks(&mut self, blocks: &[Block], x: f32, measure: f32) {
        for (i, block) in blocks.iter().enumerate() {
            let first = self.flow.bands.len();
            self.block(block, x, measure);
            // Under a heading, at least two lines of what follows.
            let after_heading = i > 0 && matches!(blocks[i - 1].kind, BlockKind::Heading { .. });
            if after_heading && self.flow.bands.len() > first + 1 {
                self.flow.bands[first].keep_with_next = true;
            }
            // A paragraph that leads into a list ("It may include:") stays with it.
            let leads_in = matches!(block.kind, BlockKind::Paragraph(_))
                && matches!(
                    blocks.get(i + 1).map(|b| &b.kind),
                    Some(BlockKind::List { .. })
                );
            if leads_in {
                if let Some(last) = self.flow.bands.last_mut() {
                    last.keep_with_next = true;
                }
            }
        }
    }

    fn block(&mut self, block: &Block, x: f32, measure: f32) {
        let s = self.style;
        let body = s.body.size;
        let paragraph_gap = s.paragraph_gap * body;
        match &block.kind {
            BlockKind::Heading { level, content, .. } => {
                let level = (*level).clamp(1, 6);
                let size = s.headings.sizes[usize::from(level - 1)];
                let look = Look {
                    font: self.fonts.select(Variant::Bold),
                    size,
                    color: s.colors.heading,
                    ..self.body_look()
                };
                let lines = self.set(content, look, measure, false);
                let above = s.headings.above * size;
                let gap = match self.gap_override.take() {
                    Some(after_title) => after_title.max(s.spacing.heading_after_title * above),
                    None => above,
                };
                let leading = s.spacing.heading_leading;
                let range = self.push_lines(lines, x, size, leading, gap, Kind::Heading(level));
                self.keep_together(range.clone());
                if let Some(item) = self.flow.bands.get_mut(range.start) {
                    item.outline = Some((level, Inline::plain_text(content).trim().to_owned()));
                }
                self.gap_override = Some(s.headings.below * size);
            }
            BlockKind::Paragraph(content) => match self.lone_picture(content) {
                Some((url, alt, picture)) => {
                    let gap = self.take_gap(paragraph_gap);
                    self.figure(url, alt, picture, x, measure, gap);
                }
                None => {
                    let lines = self.set(content, self.body_look(), measure, true);
                    self.paragraph(lines, x);
                }
            },
            BlockKind::List { start, items } => {
                let gap = self.take_gap(paragraph_gap);
                self.list(*start, items, x, measure, gap);
            }
            BlockKind::Quote(children) => {
                let quote_spacing = s.spacing.quote;
                let indent = quote_spacing.indent * body;
                let first = self.flow.bands.len();
                let gap = self.take_gap(paragraph_gap);
                self.gap_override = Some(gap);
                let quote = self.elem(Kind::BlockQuote);
                self.within(quote, |me| {
                    me.blocks(children, x + indent, measure - indent)
                });
                for (i, item) in self.flow.bands[first..].iter_mut().enumerate() {
                    let above = if i == 0 { 0.0 } else { item.gap };
                    item.items.push(Item::Fill {
                        x: x + quote_spacing.bar_offset * body,
                        y: -above,
                        w: quote_spacing.bar_width * body,
                        h: item.height + above,
                        color: s.colors.accent,
                    });
                }
            }
            BlockKind::Code { text, .. } => {
                let gap = self.take_gap(paragraph_gap);
                self.code(text, x, measure, gap);
            }
            BlockKind::Rule => {
                let gap = self.take_gap(paragraph_gap);
                let rule = s.spacing.rule;
                self.rule(
                    x + measure / 4.0,
                    rule.space * body,
                    measure / 2.0,
                    rule.thickness,
                    gap,
                );
            }
            BlockKind::Table(table) => {
                let gap = self.take_gap(paragraph_gap);
                self.table(table, x, measure, gap);
            }
            BlockKind::Html(html) => {
                let text = crate::content::document::strip_tags(html);
                if !text.is_empty() {
                    let lines =
                        inline::set_plain(&text, &self.setting(self.body_look(), measure, true));
                    self.paragraph(lines, x);
                }
            }
        }
    }

    /// The picture a paragraph consists of (URL, alt text, picture), if it is one picture
    /// alone that could be read.
    fn lone_picture<'c>(&self, content: &'c [Inline]) -> Option<(&'a str, &'c str, &'a Picture)> {
        let mut found = None;
        for inline in content {
            match &inline.kind {
                InlineKind::Image { url, alt, .. } if found.is_none() => found = Some((url, alt)),
                InlineKind::SoftBreak | InlineKind::HardBreak => {}
                InlineKind::Text(t) if t.trim().is_empty() => {}
                _ => return None,
            }
        }
        let (url, alt) = found?;
        let (url, picture) = self.frame.pictures.get_key_value(url.as_str())?;
        Some((url.as_str(), alt.as_str(), &**picture))
    }

    /// A picture at its natural size (96 pixels to the inch), scaled down to the measure and
    /// to 80% of the page's text height. A picture with alt text is a `Figure`; one without is
    /// decoration, an artifact.
    fn figure(&mut self, url: &str, alt: &str, picture: &Picture, x: f32, measure: f32, gap: f32) {
        let natural = (picture.width as f32 * 0.75, picture.height as f32 * 0.75);
        let scale = (measure / natural.0)
            .min(self.style.spacing.picture_height * self.frame.height / natural.1)
            .min(1.0);
        let (w, h) = (natural.0 * scale, natural.1 * scale);
        let index = match self.flow.pictures.iter().position(|u| u == url) {
            Some(i) => i,
            None => {
                self.flow.pictures.push(url.to_owned());
                self.flow.pictures.len() - 1
            }
        };
        let elem = (!alt.trim().is_empty()).then(|| {
            let figure = self.elem(Kind::Figure);
            self.flow.tree.elems[figure].text = Some(alt.trim().to_owned());
            figure
        });
        self.flow.bands.push(Band {
            height: h,
            gap,
            keep_with_next: false,
            items: vec![Item::Image {
                x,
                y: 0.0,
                w,
                h,
                picture: index,
                elem,
            }],
            outline: None,
            head: None,
            baseline: 0.0,
            line: None,
        });
    }

    /// Running text: body size and leading, the paragraph gap above.
    fn paragraph(&mut self, lines: Vec<SetLine>, x: f32) {
        let body = self.style.body;
        let gap = self.take_gap(self.style.paragraph_gap * body.size);
        self.push_lines(lines, x, body.size, body.leading, gap, Kind::P);
    }

    fn set(&mut self, content: &[Inline], look: Look, measure: f32, running: bool) -> Vec<SetLine> {
        let setting = self.setting(look, measure, running);
        let mut notes = std::mem::take(&mut self.notes);
        let lines = inline::set(content, &setting, &mut notes);
        self.notes = notes;
        lines
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem], x: f32, measure: f32, gap: f32) {
        let s = self.style;
        let body = s.body.size;
        let indent = s.list.indent * body;
        let list = self.elem(Kind::L);
        for (i, item) in items.iter().enumerate() {
            let marker = match (start, item.task) {
                (_, Some(true)) => "[x]".to_owned(),
                (_, Some(false)) => "[ ]".to_owned(),
                (Some(n), None) => format!("{}.", n.saturating_add(i as u64)),
                (None, None) if self.list_depth.is_multiple_of(2) => "•".to_owned(),
                (None, None) => "–".to_owned(),
            };
            let first = self.flow.bands.len();
            self.gap_override = Some(if i == 0 { gap } else { s.list.item_gap * body });
            let gap_after = s.spacing.marker.gap * body;
            let inner_indent = indent.max(self.marker_width(&marker, body) + gap_after);
            let (label, content) = self.list_item(list);
            self.list_depth += 1;
            self.within(content, |me| {
                for block in &item.blocks {
                    if matches!(block.kind, BlockKind::List { .. }) {
                        me.gap_override.get_or_insert(s.list.item_gap * body);
                    }
                    me.block(block, x + inner_indent, measure - inner_indent);
                }
                // An empty item (`2.` alone) still shows its marker, beside a line whose body
                // is a space, so that the item has a body to read (as nothing).
                if me.flow.bands.len() == first {
                    let gap = me.gap_override.take().unwrap_or(s.list.item_gap * body);
                    let look = me.body_look();
                    let glyphs = me.fonts.shape(look.font, me.language, " ", body);
                    let width = fonts::width(&glyphs);
                    let level = bidi::base_level(me.language.direction());
                    let run = Run {
                        look,
                        glyphs,
                        actual: None,
                        level,
                    };
                    let line = vec![SetLine {
                        runs: vec![(0.0, run)],
                        width,
                    }];
                    me.push_lines(line, x + inner_indent, body, s.body.leading, gap, Kind::P);
                }
            });
            self.list_depth -= 1;
            let look = Look {
                font: self.fonts.select(Variant::Regular),
                size: body,
                color: s.colors.accent,
                link: None,
                strike: false,
                lang: self.language.clone(),
            };
            let set = self.label(&marker, &look);
            let marker_x = match start {
                Some(_) => x + inner_indent - gap_after - set.width,
                None => x + (inner_indent - set.width) / 2.0 - s.spacing.marker.bullet_shift * body,
            };
            let Some(head) = self.flow.bands.get_mut(first) else {
                continue;
            };
            // The marker comes first in reading order.
            let marker = set.runs.into_iter().map(|(dx, run)| {
                look.text(marker_x + dx, head.baseline, run.glyphs, Some(label), None)
            });
            head.items.splice(0..0, marker);
            // A list item is not split after its first line where that can be avoided.
            if self.flow.bands.len() > first + 1 {
                self.flow.bands[first].keep_with_next = true;
            }
        }
    }

    /// Starts an item of `list`: its `LI` holding a `Lbl` and an `LBody`, returned in that
    /// order.
    fn list_item(&mut self, list: ElemId) -> (ElemId, ElemId) {
        let item = self.flow.tree.add(Kind::LI, list);
        let label = self.flow.tree.add(Kind::Lbl, item);
        (label, self.flow.tree.add(Kind::LBody, item))
    }

    fn code(&mut self, text: &str, x: f32, measure: f32, gap: f32) {
        let s = self.style;
        let size = s.code.size;
        let pad = s.spacing.code.padding * s.body.size;
        let look = Look {
            font: self.fonts.select(Variant::Mono),
            size,
            color: s.colors.text,
            link: None,
            strike: false,
            lang: self.language.clone(),
        };
        let setting = Setting {
            direction: Direction::Ltr,
            ..self.setting(look.clone(), measure - 2.0 * pad, false)
        };
        let rtl = self.language.direction() == Direction::Rtl;
        let mut lines = Vec::new();
        for source_line in text.trim_end_matches('\n').split('\n') {
            let expanded = source_line.replace('\t', "    ");
            let glyphs = self.fonts.shape(look.font, &look.lang, &expanded, size);
            if fonts::width(&glyphs) <= setting.measure {
                lines.push(vec![(0.0, glyphs)]);
            } else {
                lines.extend(
                    inline::set_plain(&expanded, &setting)
                        .into_iter()
                        .map(|l| l.runs.into_iter().map(|(x, r)| (x, r.glyphs)).collect()),
                );
            }
        }
        let elem = Some(self.elem(Kind::Code));
        let line_height = size * s.spacing.code.leading;
        let metrics = self.metrics(Variant::Mono);
        let count = lines.len();
        for (i, runs) in lines.into_iter().enumerate() {
            let top = if i == 0 { pad } else { 0.0 };
            let bottom = if i + 1 == count { pad } else { 0.0 };
            let baseline = top
                + (line_height - (metrics.ascent + metrics.descent) * size) / 2.0
                + metrics.ascent * size;
            let mut shapes = vec![Item::Fill {
                x,
                y: 0.0,
                w: measure,
                h: top + line_height + bottom,
                color: s.colors.shade,
            }];
            // Code runs left to right from the box's left edge, in a right-to-left handout
            // too: there it is placed where mirroring brings it there.
            shapes.extend(runs.into_iter().map(|(dx, glyphs)| {
                let left = if rtl {
                    x + measure - pad - dx - fonts::width(&glyphs)
                } else {
                    x + pad + dx
                };
                look.text(left, baseline, glyphs, elem, None)
            }));
            let height = top + line_height + bottom;
            self.flow
                .bands
                .push(Band::line(i, count, gap, height, baseline, shapes));
        }
    }

    fn table(&mut self, table: &Table, x: f32, measure: f32, gap: f32) {
        let s = self.style;
        let columns = table.columns();
        if columns == 0 {
            return;
        }
        let pad = s.table.padding;
        let size = s.table.size;
        let regular = self.fonts.select(Variant::Regular);
        let bold_font = self.fonts.select(Variant::Bold);
        let look = |bold: bool| Look {
            font: if bold { bold_font } else { regular },
            size,
            color: s.colors.text,
            link: None,
            strike: false,
            lang: self.language.clone(),
        };
        // Natural (one line) and minimum (widest word) width of every column.
        let mut natural = vec![0.0f32; columns];
        let mut minimum = vec![0.0f32; columns];
        for (r, row) in std::iter::once(&table.head).chain(&table.rows).enumerate() {
            for (c, cell) in row.iter().enumerate().take(columns) {
                let font = look(r == 0).font;
                let text = Inline::plain_text(cell);
                let one_line =
                    fonts::width(&self.fonts.shape(font, self.language, text.trim(), size));
                let widest_word = text
                    .split_whitespace()
                    .map(|w| fonts::width(&self.fonts.shape(font, self.language, w, size)))
                    .fold(0.0, f32::max);
                natural[c] = natural[c].max(one_line);
                minimum[c] = minimum[c].max(widest_word);
            }
        }
        let available = measure - 2.0 * pad * columns as f32;
        let widths = column_widths(&natural, &minimum, available);
        let align: Vec<Align> = (0..columns)
            .map(|c| table.align.get(c).copied().unwrap_or(Align::None))
            .collect();
        let head_index = self.flow.heads.len();
        let elem = self.elem(Kind::Table);
        for head in self.row(&table.head, &widths, &align, x, true, elem) {
            self.flow.heads.push(head.clone());
            self.flow.bands.push(Band {
                gap,
                keep_with_next: true,
                ..head
            });
        }
        for row in &table.rows {
            for item in self.row(row, &widths, &align, x, false, elem) {
                self.flow.bands.push(Band {
                    head: Some(head_index),
                    ..item
                });
            }
        }
    }

    /// A table row as items: the header row as one, a body row one item per line of its
    /// tallest cell, so that a long row can continue on the next page (its first two and
    /// last two lines kept together, a row of up to three lines kept whole). The row is a
    /// `TR` of `table`, each cell a `TH` or `TD` in it.
    fn row(
        &mut self,
        cells: &[Vec<Inline>],
        widths: &[f32],
        align: &[Align],
        x: f32,
        header: bool,
        table: ElemId,
    ) -> Vec<Band> {
        let row = self.flow.tree.add(Kind::TR, table);
        let s = self.style;
        let pad = s.table.padding;
        let size = s.table.size;
        let line_height = size * s.spacing.table.leading;
        let metrics = self.metrics(Variant::Regular);
        let baseline =
            (line_height - (metrics.ascent + metrics.descent) * size) / 2.0 + metrics.ascent * size;
        let look = Look {
            font: self.fonts.select(if header {
                Variant::Bold
            } else {
                Variant::Regular
            }),
            size,
            color: s.colors.text,
            link: None,
            strike: false,
            lang: self.language.clone(),
        };
        let rtl = self.language.direction() == Direction::Rtl;
        // The shapes of each line of the row, measured from that line's top.
        let mut lines: Vec<Vec<Item>> = vec![Vec::new()];
        let mut left = x;
        for (c, width) in widths.iter().enumerate() {
            let cell = self
                .flow
                .tree
                .add(if header { Kind::TH } else { Kind::TD }, row);
            let mut tagging = Tagging::new(cell);
            let set = cells
                .get(c)
                .map(|cell| self.set(cell, look.clone(), *width, false))
                .unwrap_or_default();
            if lines.len() < set.len() {
                lines.resize(set.len(), Vec::new());
            }
            for (i, line) in set.into_iter().enumerate() {
                // From the cell's start edge: its right one in a right-to-left handout.
                let end = matches!(
                    (align.get(c), rtl),
                    (Some(Align::Right), false) | (Some(Align::Left), true)
                );
                let shift = match align.get(c) {
                    _ if end => width - line.width,
                    Some(Align::Center) => (width - line.width) / 2.0,
                    _ => 0.0,
                };
                let shapes = line_shapes(
                    line,
                    (left + pad + shift, baseline),
                    size,
                    &s.spacing,
                    &mut tagging,
                    &mut self.flow.tree,
                );
                lines[i].extend(shapes);
            }
            left += width + 2.0 * pad;
        }
        let total = left - x;
        let rule_thickness = if header {
            s.spacing.table.header_rule
        } else {
            s.spacing.table.row_rule
        };
        let rule = |height: f32| Item::Fill {
            x,
            y: height - rule_thickness,
            w: total,
            h: rule_thickness,
            color: if header {
                s.colors.accent
            } else {
                s.colors.hairline
            },
        };
        let item = |height: f32, shapes: Vec<Item>, keep_with_next: bool| Band {
            height,
            gap: 0.0,
            keep_with_next,
            items: shapes,
            outline: None,
            head: None,
            baseline: pad + baseline,
            line: None,
        };
        let count = lines.len();
        if header {
            let height = count as f32 * line_height + 2.0 * pad;
            let mut shapes = vec![Item::Fill {
                x,
                y: 0.0,
                w: total,
                h: height,
                color: s.colors.shade,
            }];
            for (i, line) in lines.into_iter().enumerate() {
                let dy = pad + i as f32 * line_height;
                shapes.extend(line.into_iter().map(|shape| shape.moved(0.0, dy)));
            }
            shapes.push(rule(height));
            return vec![item(height, shapes, false)];
        }
        let mut items = Vec::with_capacity(count);
        for (i, line) in lines.into_iter().enumerate() {
            let top = if i == 0 { pad } else { 0.0 };
            let last = i + 1 == count;
            let height = top + line_height + if last { pad } else { 0.0 };
            let mut shapes: Vec<Item> = line
                .into_iter()
                .map(|shape| shape.moved(0.0, top))
                .collect();
            if last {
                shapes.push(rule(height));
            }
            let keep = !last && (count <= 3 || i == 0 || i + 2 == count);
            items.push(item(height, shapes, keep));
        }
        items
    }

    /// Footnotes and the numbered URLs of links, after the body.
    fn notes(&mut self, handout: &Handout, measure: f32) {
        let s = self.style;
        let mut done = 0;
        let mut heading_done = false;
        // Notes may reference further notes: set them until every referenced one is done.
        while done < self.notes.footnotes.len() {
            if !heading_done {
                self.section_heading(&self.labels.notes, measure);
                heading_done = true;
            }
            let label = self.notes.footnotes[done].clone();
            done += 1;
            let blocks = handout.document.footnote_blocks(&label);
            let item = ListItem {
                blocks,
                task: None,
                span: 0..0,
            };
            let gap = self.take_gap(s.list.item_gap * s.body.size);
            let note = self.elem(Kind::Note);
            self.within(note, |me| {
                me.list(
                    Some(done as u64),
                    std::slice::from_ref(&item),
                    0.0,
                    measure,
                    gap,
                );
            });
        }
        if self.notes.links.is_empty() {
            return;
        }
        self.section_heading(&self.labels.links, measure);
        let links = std::mem::take(&mut self.notes.links);
        let widest = self.marker_width(&format!("[{}]", links.len()), s.body.size);
        let gap_after = s.spacing.marker.gap * s.body.size;
        let indent = (s.list.indent * s.body.size).max(widest + gap_after);
        let list = self.elem(Kind::L);
        for (i, url) in links.iter().enumerate() {
            let look = Look {
                link: Some(url.clone()),
                color: s.colors.link,
                ..self.body_look()
            };
            let lines = inline::set_plain(url, &self.setting(look, measure - indent, false));
            let item = self.flow.bands.len();
            let gap = self.take_gap(s.list.item_gap * s.body.size);
            let (label, content) = self.list_item(list);
            self.within(content, |me| {
                me.push_lines(lines, indent, s.body.size, s.body.leading, gap, Kind::P);
            });
            let look = self.body_look();
            let set = self.label(&format!("[{}]", i + 1), &look);
            if let Some(head) = self.flow.bands.get_mut(item) {
                let x = indent - gap_after - set.width;
                let marker = set.runs.into_iter().map(|(dx, run)| {
                    look.text(x + dx, head.baseline, run.glyphs, Some(label), None)
                });
                head.items.splice(0..0, marker);
            }
        }
    }

    fn section_heading(&mut self, title: &str, measure: f32) {
        let heading = Block {
            kind: BlockKind::Heading {
                level: 2,
                content: vec![Inline {
                    kind: crate::content::document::InlineKind::Text(title.to_owned()),
                    span: 0..0,
                }],
                id: None,
            },
            span: 0..0,
        };
        self.block(&heading, 0.0, measure);
    }
}

/// Column widths that share `available` points: natural widths when they fit (widened to
/// fill), else each column between its widest word and its natural width.
fn column_widths(natural: &[f32], minimum: &[f32], available: f32) -> Vec<f32> {
    let total: f32 = natural.iter().sum();
    if total <= available {
        let extra = (available - total) / natural.len() as f32;
        return natural.iter().map(|w| w + extra).collect();
    }
    let floor: f32 = minimum.iter().sum();
    if floor >= available {
        return minimum.iter().map(|w| w * available / floor).collect();
    }
    let give = (available - floor) / (total - floor);
    natural
        .iter()
        .zip(minimum)
        .map(|(n, m)| m + (n - m) * give)
        .collect()
}

/// Which element each run of a block's text belongs to: the block's own, or for a link a
/// `Link` inside it, one element per link however many lines it spans. A link's element
/// collects its text, the description of its annotations. Text after a link goes into a
/// `Span` of the block, one per stretch between links, so that the block's own content
/// comes before its first child and every element reads in the order it is drawn.
struct Tagging {
    elem: ElemId,
    link: Option<(String, ElemId)>,
    /// The span of text after the last link, once there is one; `Some(None)` right after
    /// a link.
    span: Option<Option<ElemId>>,
}

impl Tagging {
    fn new(elem: ElemId) -> Self {
        Tagging {
            elem,
            link: None,
            span: None,
        }
    }

    /// The element of the next run.
    fn run(&mut self, run: &Run, tree: &mut Tree) -> ElemId {
        let Some(url) = &run.look.link else {
            self.link = None;
            return match &mut self.span {
                None => self.elem,
                Some(Some(span)) => *span,
                Some(open) => {
                    let span = tree.add(Kind::Span, self.elem);
                    *open = Some(span);
                    span
                }
            };
        };
        self.span = Some(None);
        let link = match &self.link {
            Some((open, id)) if open == url => *id,
            _ => {
                let id = tree.add(Kind::Link, self.elem);
                self.link = Some((url.clone(), id));
                id
            }
        };
        let text = tree.elems[link].text.get_or_insert_with(String::new);
        text.push_str(&run.text());
        link
    }
}

/// The shapes of one set line at `x`, baseline `y`: glyph runs tagged by `tagging`, one
/// underline and one link area for each stretch of a link, strike lines.
fn line_shapes(
    line: SetLine,
    (x, y): (f32, f32),
    size: f32,
    spacing: &Spacing,
    tagging: &mut Tagging,
    tree: &mut Tree,
) -> Vec<Item> {
    let mut shapes = Vec::with_capacity(line.runs.len());
    // (element, target, left, right, look) of each stretch of a link on this line.
    let mut links: Vec<(ElemId, String, f32, f32, Look)> = Vec::new();
    for (dx, run) in line.runs {
        let (left, right) = (x + dx, x + dx + run.width());
        let elem = tagging.run(&run, tree);
        let inked = run.glyphs.iter().any(|g| !g.text.trim().is_empty());
        if let Some(url) = run.look.link.as_ref().filter(|_| inked) {
            match links.last_mut() {
                Some(stretch) if stretch.0 == elem => {
                    stretch.2 = stretch.2.min(left);
                    stretch.3 = stretch.3.max(right);
                }
                _ => links.push((elem, url.clone(), left, right, run.look.clone())),
            }
        }
        let strike = run.look.strike.then(|| Item::Fill {
            x: left,
            y: y - spacing.strike * run.look.size,
            w: right - left,
            h: thickness(&run.look, spacing),
            color: run.look.color,
        });
        shapes.push(run.look.text(left, y, run.glyphs, Some(elem), run.actual));
        shapes.extend(strike);
    }
    for (elem, url, left, right, look) in links {
        shapes.push(Item::Fill {
            x: left,
            y: y + spacing.link.underline * look.size,
            w: right - left,
            h: thickness(&look, spacing),
            color: look.color,
        });
        shapes.push(Item::Link {
            x: left,
            y: y - spacing.link.area_above * size,
            w: right - left,
            h: spacing.link.area_height * size,
            target: Target::Url(url),
            elem,
        });
    }
    shapes
}

/// The thickness of underlines and strike lines for text in `look`.
fn thickness(look: &Look, spacing: &Spacing) -> f32 {
    (look.size * spacing.line_thickness).max(spacing.line_thickness_min)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layouts::Layouts;
    use crate::typeset::paged::TextRun;

    /// The flow of a handout with the default style on a Letter page.
    fn flow(markdown: &str) -> Flow {
        let text = format!("---\ntitle: T\n---\n\n{markdown}");
        let handout = match Handout::parse(std::path::Path::new("a.md"), text.as_bytes(), "en") {
            Ok((h, _)) => h,
            Err(e) => panic!("{}", e.diagnostic.message),
        };
        let style = Style::load(&Layouts::new(None), "default").unwrap_or_else(|e| panic!("{e}"));
        let pictures = BTreeMap::new();
        let frame = Frame {
            measure: 482.4,
            height: 658.8,
            pictures: &pictures,
        };
        let labels = crate::labels::Table::parse("", "labels.yaml")
            .unwrap_or_else(|e| panic!("{e}"))
            .get(&handout.lang);
        lay_out(&handout, &style, &FontBook::bundled(), &labels, &frame)
    }

    /// The kind of element an item's text belongs to (its first text after any list marker);
    /// none for decoration.
    fn kind(flow: &Flow, item: &Band) -> Option<Kind> {
        let elems = item.items.iter().filter_map(|s| match s {
            Item::Text(TextRun { elem, .. }) => *elem,
            _ => None,
        });
        let mut kinds = elems.filter_map(|e| flow.tree.kind(e));
        kinds.find(|&k| k != Kind::Lbl)
    }

    /// (kind, keep_with_next) of every item after the title block.
    fn keeps(flow: &Flow) -> Vec<(Option<Kind>, bool)> {
        let body = flow
            .bands
            .iter()
            .skip_while(|i| kind(flow, i).is_some())
            .skip(1);
        body.map(|i| (kind(flow, i), i.keep_with_next)).collect()
    }

    #[test]
    fn headings_keep_two_lines_of_what_follows() {
        let long = "word ".repeat(60);
        let f = flow(&format!("## Heading\n\n{long}\n"));
        let k = keeps(&f);
        assert_eq!(k[0], (Some(Kind::Heading(2)), true));
        assert_eq!(
            k[1],
            (Some(Kind::P), true),
            "first line keeps with the second"
        );
        assert_eq!(f.bands.iter().filter(|i| i.outline.is_some()).count(), 2);
    }

    #[test]
    fn paragraphs_keep_first_and_last_two_lines_together() {
        let long = "word ".repeat(150);
        let k = keeps(&flow(&format!("{long}\n")));
        let n = k.len();
        assert!(n >= 4, "{n} lines");
        let flags: Vec<bool> = k.iter().map(|(_, keep)| *keep).collect();
        assert!(flags[0] && flags[n - 2], "no orphan, no widow: {flags:?}");
        assert!(
            !flags[1..n - 2].iter().any(|&f| f) && !flags[n - 1],
            "{flags:?}"
        );
    }

    #[test]
    fn a_lead_in_stays_with_its_list_and_long_items_hold_together() {
        let long = "word ".repeat(30);
        let k = keeps(&flow(&format!(
            "It may include:\n\n- short\n- {long}\n- end\n"
        )));
        assert_eq!(k[0], (Some(Kind::P), true), "lead-in");
        assert_eq!(k[1], (Some(Kind::P), false), "one-line item");
        assert_eq!(k[2], (Some(Kind::P), true), "first line of a two-line item");
    }

    #[test]
    fn a_long_table_row_is_one_item_per_line_under_a_repeatable_header() {
        let long = "words in a long cell ".repeat(100);
        let f = flow(&format!(
            "| A | B |\n|---|---|\n| x | {long} |\n| y | z |\n"
        ));
        let rows: Vec<&Band> = f
            .bands
            .iter()
            .filter(|i| matches!(kind(&f, i), Some(Kind::TH | Kind::TD)))
            .collect();
        assert_eq!(f.heads.len(), 1);
        assert!(
            rows[0].keep_with_next && rows[0].head.is_none(),
            "the header"
        );
        let body = &rows[1..];
        assert!(body.len() > 20, "{} items", body.len());
        assert!(body.iter().all(|r| r.head == Some(0) && r.height < 30.0));
        let n = body.len();
        let keeps: Vec<bool> = body.iter().map(|r| r.keep_with_next).collect();
        assert!(
            keeps[0] && keeps[n - 3] && !keeps[1] && !keeps[n - 1],
            "{keeps:?}"
        );
    }

    #[test]
    fn columns_fill_the_measure_or_shrink_to_it() {
        let wide = column_widths(&[100.0, 50.0], &[30.0, 20.0], 200.0);
        assert_eq!(wide, [125.0, 75.0]);
        let narrow = column_widths(&[300.0, 100.0], &[50.0, 50.0], 200.0);
        assert!((narrow.iter().sum::<f32>() - 200.0).abs() < 0.01);
        assert!(narrow[0] > narrow[1]);
    }
}
