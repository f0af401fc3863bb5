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
    /// The byte offset in `source` (the handout's text) of `offset` in the unit's text:
    /// always a character boundary of `source`, inside the piece of text's span.
    pub fn source_offset(&self, offset: usize, source: &str) -> usize {
        let i = self.map.partition_point(|(at, _)| *at <= offset);
        let Some((at, span)) = i.checked_sub(1).and_then(|i| self.map.get(i)) else {
            return self.map.first().map_or(0, |(_, span)| span.start);
        };
        let read = self.text.get(*at..offset).unwrap_or("");
        let written = source.get(span.clone()).unwrap_or("");
        span.start + align(read, written)
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

/// How many bytes of `written` (Markdown source) produce `read` (text as parsed), following
/// what Markdown changes: smart quotes and dashes, ellipses, backslash escapes, entities.
fn align(read: &str, written: &str) -> usize {
    let mut at = 0;
    for c in read.chars() {
        let rest = &written[at..];
        if rest.is_empty() {
            break;
        }
        let source_form = match c {
            '“' | '”' => "\"",
            '‘' | '’' => "'",
            '—' => "---",
            '–' => "--",
            '…' => "...",
            _ => "",
        };
        at += if rest.starts_with(c) && !(c == '&' && rest.starts_with("&amp;")) {
            c.len_utf8()
        } else if !source_form.is_empty() && rest.starts_with(source_form) {
            source_form.len()
        } else if let Some(escaped) = rest.strip_prefix('\\') {
            1 + escaped.chars().next().map_or(0, char::len_utf8)
        } else if let Some(end) = rest.starts_with('&').then(|| rest.find(';')).flatten() {
            end + 1
        } else {
            rest.chars().next().map_or(0, char::len_utf8)
        };
    }
    at.min(written.len())
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

#[cfg(test)]
mod tests {
    use super::align;

    #[test]
    fn alignment_follows_markdown_substitutions() {
        assert_eq!(align("“no” – ", "\"no\" -- x"), 8);
        assert_eq!(align("a*b…", "a\\*b... c"), 7);
        assert_eq!(align("Tom & Jerry", "Tom &amp; Jerry"), 15);
        assert_eq!(align("said’", "said' so"), 5);
    }
}
