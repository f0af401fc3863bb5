//! The renderer-neutral document tree: what a handout says, with every node's source span.

use std::ops::Range;

/// Byte range into the handout's normalised source text.
pub type Span = Range<usize>;

/// A parsed handout body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Top-level blocks in reading order.
    pub blocks: Vec<Block>,
    /// Footnote definitions, in order of definition.
    pub footnotes: Vec<Footnote>,
}

/// A block-level node.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Where it stands in the source.
    pub span: Span,
}

/// The kinds of block a handout may contain.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// A heading of level 1 to 6.
    Heading {
        /// 1 for `#`, 2 for `##`, …
        level: u8,
        /// The heading's text.
        content: Vec<Inline>,
        /// An explicit `{#id}` attribute, if given.
        id: Option<String>,
    },
    /// A paragraph of running text.
    Paragraph(Vec<Inline>),
    /// A bulleted (`start: None`) or numbered list.
    List {
        /// The first number of an ordered list.
        start: Option<u64>,
        /// The items in order.
        items: Vec<ListItem>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A fenced or indented code block, verbatim.
    Code {
        /// The info string's first word, if any.
        language: Option<String>,
        /// The code, ending in a newline.
        text: String,
    },
    /// A thematic break.
    Rule,
    /// A table with a header row.
    Table(Table),
    /// Raw HTML as written; renderers escape or convert it, never pass it through.
    Html(String),
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// The item's content; a tight item's text is a single paragraph.
    pub blocks: Vec<Block>,
    /// `Some(checked)` for a task-list item.
    pub task: Option<bool>,
    /// Where the item stands in the source.
    pub span: Span,
}

/// A table: header cells, body rows and column alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Alignment per column.
    pub align: Vec<Align>,
    /// The header row.
    pub head: Vec<Vec<Inline>>,
    /// Body rows, each with one entry per cell.
    pub rows: Vec<Vec<Vec<Inline>>>,
}

impl Table {
    /// The number of columns: the widest of the header, the body rows and the alignments.
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain([self.head.len(), self.align.len()])
            .max()
            .unwrap_or(0)
    }
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// No alignment given: left in left-to-right text.
    None,
    /// Left-aligned.
    Left,
    /// Centred.
    Center,
    /// Right-aligned.
    Right,
}

/// A footnote definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    /// The label as written (`[^label]`).
    pub label: String,
    /// The note's content.
    pub blocks: Vec<Block>,
    /// Where the definition stands in the source.
    pub span: Span,
}

/// An inline node.
#[derive(Debug, Clone, PartialEq)]
pub struct Inline {
    /// What the node is.
    pub kind: InlineKind,
    /// Where it stands in the source.
    pub span: Span,
}

/// The kinds of inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum InlineKind {
    /// Plain text (smart punctuation already applied).
    Text(String),
    /// `code`.
    Code(String),
    /// *Emphasis*.
    Emphasis(Vec<Inline>),
    /// **Strong** emphasis.
    Strong(Vec<Inline>),
    /// ~~Struck-through~~ text.
    Strikethrough(Vec<Inline>),
    /// A hyperlink.
    Link {
        /// The destination as written.
        url: String,
        /// The optional title.
        title: String,
        /// The link text.
        content: Vec<Inline>,
    },
    /// An image.
    Image {
        /// The source as written.
        url: String,
        /// The optional title.
        title: String,
        /// The alternative text (plain).
        alt: String,
    },
    /// A reference to a footnote by label.
    FootnoteRef(String),
    /// A line break inside a paragraph that reading systems may reflow.
    SoftBreak,
    /// A forced line break.
    HardBreak,
    /// Inline raw HTML as written.
    Html(String),
}

impl Inline {
    /// The node's text as a reader would read it (link text, image alt, no markup).
    pub fn plain_text(inlines: &[Inline]) -> String {
        let mut out = String::new();
        push_plain(inlines, &mut out);
        out
    }
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match &inline.kind {
            InlineKind::Text(t) | InlineKind::Code(t) => out.push_str(t),
            InlineKind::Emphasis(c)
            | InlineKind::Strong(c)
            | InlineKind::Strikethrough(c)
            | InlineKind::Link { content: c, .. } => push_plain(c, out),
            InlineKind::Image { alt, .. } => out.push_str(alt),
            InlineKind::SoftBreak | InlineKind::HardBreak => out.push(' '),
            InlineKind::FootnoteRef(_) | InlineKind::Html(_) => {}
        }
    }
}

impl Document {
    /// The blocks of the footnote `label` (empty when it is not defined).
    pub fn footnote_blocks(&self, label: &str) -> Vec<Block> {
        self.footnotes
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.blocks.clone())
            .unwrap_or_default()
    }

    /// Visits every block, depth first in reading order, footnotes last.
    pub fn walk_blocks<'a>(&'a self, visit: &mut impl FnMut(&'a Block)) {
        fn walk<'a>(blocks: &'a [Block], visit: &mut impl FnMut(&'a Block)) {
            for block in blocks {
                visit(block);
                match &block.kind {
                    BlockKind::List { items, .. } => {
                        for item in items {
                            walk(&item.blocks, visit);
                        }
                    }
                    BlockKind::Quote(children) => walk(children, visit),
                    _ => {}
                }
            }
        }
        walk(&self.blocks, visit);
        for note in &self.footnotes {
            walk(&note.blocks, visit);
        }
    }

    /// Visits every inline node, depth first, in every block (headings, cells and notes too).
    pub fn walk_inlines<'a>(&'a self, visit: &mut impl FnMut(&'a Inline)) {
        fn walk<'a>(inlines: &'a [Inline], visit: &mut impl FnMut(&'a Inline)) {
            for inline in inlines {
                visit(inline);
                match &inline.kind {
                    InlineKind::Emphasis(c)
                    | InlineKind::Strong(c)
                    | InlineKind::Strikethrough(c)
                    | InlineKind::Link { content: c, .. } => walk(c, visit),
                    _ => {}
                }
            }
        }
        self.walk_blocks(&mut |block| match &block.kind {
            BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => {
                walk(content, visit)
            }
            BlockKind::Table(table) => {
                for cell in table.head.iter().chain(table.rows.iter().flatten()) {
                    walk(cell, visit);
                }
            }
            _ => {}
        });
    }
}

/// Removes tags (and the content of script and style elements) from raw HTML.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let lower = after.to_ascii_lowercase();
        let skip_to = ["script", "style"].iter().find_map(|name| {
            lower
                .starts_with(&format!("<{name}"))
                .then(|| lower.find(&format!("</{name}")).map(|i| (i, name.len())))
                .flatten()
        });
        let resume = match skip_to {
            Some((close, _)) => {
                close
                    + after[close..]
                        .find('>')
                        .map_or(after.len() - close, |i| i + 1)
            }
            None => after.find('>').map_or(after.len(), |i| i + 1),
        };
        rest = &after[resume.min(after.len())..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_tags_drops_scripts() {
        assert_eq!(
            strip_tags("<p>Hi <b>there</b></p><script>x()</script>!"),
            "Hi there!"
        );
    }
}
