//! What a reader reads: the running text of paragraphs, list items, quotes and table cells,
//! grouped by section, with a map back to the source. Each unit ends a sentence, so a list
//! item without a full stop still counts as one. Headings, code, raw HTML and bare
//! addresses are left out.

use crate::content::document::{Block, BlockKind, Document, Inline, InlineKind, Span};

/// One stretch of running text: a paragraph, a list item or a table cell.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// The text as read, with inline markup removed.
    pub text: String,
    /// `(offset in text, source span)` for each piece of text, in order.
    map: Vec<(usize, Span)>,
}

impl Unit {
    /// The source byte offset of `offset` in the unit's text.
    pub fn source_offset(&self, offset: usize) -> usize {
        let i = self.map.partition_point(|(at, _)| *at <= offset);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some((at, span)) => (span.start + (offset - at)).min(span.end.max(span.start)),
            None => self.map.first().map_or(0, |(_, span)| span.start),
        }
    }

    fn push(&mut self, text: &str, span: &Span) {
        self.map.push((self.text.len(), span.clone()));
        self.text.push_str(text);
    }

    fn push_inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match &inline.kind {
                InlineKind::Text(t) => self.push(t, &inline.span),
                InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                    self.push_inlines(c)
                }
                InlineKind::Link { url, content, .. } => {
                    if Inline::plain_text(content).trim() != url.trim_start_matches("mailto:") {
                        self.push_inlines(content);
                    }
                }
                InlineKind::SoftBreak | InlineKind::HardBreak | InlineKind::Code(_) => {
                    self.push(" ", &inline.span)
                }
                InlineKind::Image { .. } | InlineKind::FootnoteRef(_) | InlineKind::Html(_) => {}
            }
        }
    }
}

/// The prose under one heading.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading's text; `None` for text before the first heading.
    pub heading: Option<String>,
    /// Where the heading (or the section's first text) stands.
    pub span: Span,
    /// The section's running text, in reading order.
    pub units: Vec<Unit>,
}

/// Splits `document` into sections at every heading and collects their prose. Footnotes
/// are read with the last section.
pub fn sections(document: &Document, body_start: usize) -> Vec<Section> {
    let mut sections = vec![Section {
        heading: None,
        span: body_start..body_start,
        units: Vec::new(),
    }];
    for block in &document.blocks {
        if let BlockKind::Heading { content, .. } = &block.kind {
            sections.push(Section {
                heading: Some(Inline::plain_text(content).trim().to_owned()),
                span: block.span.clone(),
                units: Vec::new(),
            });
        } else if let Some(last) = sections.last_mut() {
            collect(std::slice::from_ref(block), &mut last.units);
        }
    }
    if let Some(last) = sections.last_mut() {
        for note in &document.footnotes {
            collect(&note.blocks, &mut last.units);
        }
    }
    sections.retain(|s| s.heading.is_some() || !s.units.is_empty());
    sections
}

fn collect(blocks: &[Block], units: &mut Vec<Unit>) {
    for block in blocks {
        match &block.kind {
            BlockKind::Paragraph(inlines) => {
                let mut unit = Unit::default();
                unit.push_inlines(inlines);
                units.push(unit);
            }
            BlockKind::List { items, .. } => {
                for item in items {
                    let mut unit = Unit::default();
                    let mut nested = Vec::new();
                    for child in &item.blocks {
                        match &child.kind {
                            BlockKind::Paragraph(inlines) => {
                                if !unit.text.is_empty() {
                                    unit.push(" ", &child.span);
                                }
                                unit.push_inlines(inlines);
                            }
                            _ => collect(std::slice::from_ref(child), &mut nested),
                        }
                    }
                    units.push(unit);
                    units.append(&mut nested);
                }
            }
            BlockKind::Quote(children) => collect(children, units),
            BlockKind::Table(table) => {
                for cell in table.head.iter().chain(table.rows.iter().flatten()) {
                    let mut unit = Unit::default();
                    unit.push_inlines(cell);
                    units.push(unit);
                }
            }
            BlockKind::Heading { .. }
            | BlockKind::Code { .. }
            | BlockKind::Rule
            | BlockKind::Html(_) => {}
        }
    }
}
