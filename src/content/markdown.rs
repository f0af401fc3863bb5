//! CommonMark (with tables, footnotes, strikethrough, task lists and smart punctuation) into
//! a [`Document`], through pulldown-cmark's offset iterator.

use std::borrow::Cow;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization as _};

use super::document::{
    Align, Block, BlockKind, Document, Footnote, Inline, InlineKind, ListItem, Span, Table,
};

/// Containers nested deeper than this are flattened into their parent, so that hostile input
/// cannot exhaust the stack of any renderer.
pub const MAX_DEPTH: usize = 48;

/// The result of parsing: the document, plus the span of the first container that was
/// nested too deeply (flattened), if any.
pub struct Parsed {
    /// The document tree.
    pub document: Document,
    /// Where nesting first went past [`MAX_DEPTH`].
    pub too_deep: Option<Span>,
}

/// Parses Markdown `body` whose first byte stands at `offset` in the handout's source.
pub fn parse(body: &str, offset: usize) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut builder = Builder {
        stack: vec![Frame::new(Container::Root, 0..body.len())],
        footnotes: Vec::new(),
        too_deep: None,
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        builder.event(event, range.start + offset..range.end + offset);
    }
    while builder.stack.len() > 1 {
        builder.close();
    }
    let root = builder.stack.pop().map(|f| f.blocks).unwrap_or_default();
    Parsed {
        document: Document {
            blocks: root,
            footnotes: builder.footnotes,
        },
        too_deep: builder.too_deep,
    }
}

/// What an open frame will become when it closes.
enum Container {
    Root,
    Paragraph,
    Heading(u8, Option<String>),
    Quote,
    List(Option<u64>),
    Item(Option<bool>),
    Code(Option<String>),
    Html,
    Table(Vec<Align>),
    TableHead,
    TableRow,
    TableCell,
    FootnoteDefinition(String),
    Emphasis,
    Strong,
    Strikethrough,
    Link(String, String),
    Image(String, String),
    /// A container past the depth limit: its children go to the parent.
    Flattened,
    /// A tag this model has no node for (definition lists, super/subscript, metadata):
    /// its content is kept as plain text in the parent.
    Passthrough,
}

struct Frame {
    container: Container,
    span: Span,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    items: Vec<ListItem>,
    rows: Vec<Vec<Vec<Inline>>>,
    cells: Vec<Vec<Inline>>,
    text: String,
}

impl Frame {
    fn new(container: Container, span: Span) -> Self {
        Frame {
            container,
            span,
            blocks: Vec::new(),
            inlines: Vec::new(),
            items: Vec::new(),
            rows: Vec::new(),
            cells: Vec::new(),
            text: String::new(),
        }
    }

    /// Wraps loose inline content (a tight list item's text) into a paragraph.
    fn flush_inlines(&mut self) {
        if self.inlines.is_empty() {
            return;
        }
        let inlines = std::mem::take(&mut self.inlines);
        let start = inlines.first().map_or(self.span.start, |i| i.span.start);
        let end = inlines.last().map_or(self.span.end, |i| i.span.end);
        self.blocks.push(Block {
            kind: BlockKind::Paragraph(inlines),
            span: start..end,
        });
    }

    fn push_inline(&mut self, kind: InlineKind, span: Span) {
        if let (InlineKind::Text(new), Some(last)) = (&kind, self.inlines.last_mut()) {
            if let InlineKind::Text(text) = &mut last.kind {
                if last.span.end <= span.start || new.is_empty() {
                    text.push_str(new);
                    last.span.end = last.span.end.max(span.end);
                    return;
                }
            }
        }
        self.inlines.push(Inline { kind, span });
    }
}

/// `text` in Unicode normalization form C: a letter and its accent typed as two characters
/// (as macOS keyboards and some word processors write them) become the one precomposed
/// character, so they shape as one glyph, match word lists and read back as written.
pub fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

struct Builder {
    stack: Vec<Frame>,
    footnotes: Vec<Footnote>,
    too_deep: Option<Span>,
}

impl Builder {
    fn top(&mut self) -> &mut Frame {
        // The root frame is never popped while events arrive.
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::Start(tag) => self.open(tag, span),
            Event::End(TagEnd::Item) | Event::End(_) => self.close(),
            Event::Text(text) => match self.top().container {
                Container::Code(_) | Container::Html => self.top().text.push_str(&nfc(&text)),
                _ => self
                    .top()
                    .push_inline(InlineKind::Text(nfc(&text).into_owned()), span),
            },
            Event::Code(code) => self
                .top()
                .push_inline(InlineKind::Code(nfc(&code).into_owned()), span),
            Event::InlineMath(math) | Event::DisplayMath(math) => self
                .top()
                .push_inline(InlineKind::Code(math.into_string()), span),
            Event::Html(html) => match self.top().container {
                Container::Html => self.top().text.push_str(&html),
                _ => self
                    .top()
                    .push_inline(InlineKind::Html(html.into_string()), span),
            },
            Event::InlineHtml(html) => self
                .top()
                .push_inline(InlineKind::Html(html.into_string()), span),
            Event::FootnoteReference(label) => self
                .top()
                .push_inline(InlineKind::FootnoteRef(label.into_string()), span),
            Event::SoftBreak => self.top().push_inline(InlineKind::SoftBreak, span),
            Event::HardBreak => self.top().push_inline(InlineKind::HardBreak, span),
            Event::Rule => self.push_block(BlockKind::Rule, span),
            Event::TaskListMarker(checked) => {
                if let Container::Item(task) = &mut self.top().container {
                    *task = Some(checked);
                }
            }
        }
    }

    fn open(&mut self, tag: Tag<'_>, span: Span) {
        let container = match tag {
            Tag::Paragraph => Container::Paragraph,
            Tag::Heading { level, id, .. } => {
                Container::Heading(heading_level(level), id.map(|id| id.into_string()))
            }
            Tag::BlockQuote(_) => Container::Quote,
            Tag::CodeBlock(kind) => Container::Code(match kind {
                CodeBlockKind::Fenced(info) => info
                    .split_whitespace()
                    .next()
                    .map(str::to_owned)
                    .filter(|s| !s.is_empty()),
                CodeBlockKind::Indented => None,
            }),
            Tag::HtmlBlock => Container::Html,
            Tag::List(start) => Container::List(start),
            Tag::Item => Container::Item(None),
            Tag::FootnoteDefinition(label) => Container::FootnoteDefinition(label.into_string()),
            Tag::Table(align) => Container::Table(
                align
                    .into_iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::None => Align::None,
                        pulldown_cmark::Alignment::Left => Align::Left,
                        pulldown_cmark::Alignment::Center => Align::Center,
                        pulldown_cmark::Alignment::Right => Align::Right,
                    })
                    .collect(),
            ),
            Tag::TableHead => Container::TableHead,
            Tag::TableRow => Container::TableRow,
            Tag::TableCell => Container::TableCell,
            Tag::Emphasis => Container::Emphasis,
            Tag::Strong => Container::Strong,
            Tag::Strikethrough => Container::Strikethrough,
            Tag::Link {
                dest_url, title, ..
            } => Container::Link(dest_url.into_string(), title.into_string()),
            Tag::Image {
                dest_url, title, ..
            } => Container::Image(dest_url.into_string(), title.into_string()),
            _ => Container::Passthrough,
        };
        let nests = matches!(
            container,
            Container::Quote
                | Container::List(_)
                | Container::Item(_)
                | Container::Emphasis
                | Container::Strong
                | Container::Strikethrough
                | Container::Link(..)
        );
        let container = if nests && self.stack.len() > MAX_DEPTH {
            self.too_deep.get_or_insert(span.clone());
            Container::Flattened
        } else {
            container
        };
        if is_block(&container) {
            self.top().flush_inlines();
        }
        self.stack.push(Frame::new(container, span));
    }

    fn push_block(&mut self, kind: BlockKind, span: Span) {
        let top = self.top();
        top.flush_inlines();
        top.blocks.push(Block { kind, span });
    }

    fn close(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        let Some(mut frame) = self.stack.pop() else {
            return;
        };
        let span = frame.span.clone();
        match frame.container {
            Container::Root => {}
            Container::Paragraph => {
                self.push_block(BlockKind::Paragraph(frame.inlines), span);
            }
            Container::Heading(level, id) => self.push_block(
                BlockKind::Heading {
                    level,
                    content: frame.inlines,
                    id,
                },
                span,
            ),
            Container::Quote => {
                frame.flush_inlines();
                self.push_block(BlockKind::Quote(frame.blocks), span);
            }
            Container::List(start) => self.push_block(
                BlockKind::List {
                    start,
                    items: frame.items,
                },
                span,
            ),
            Container::Item(task) => {
                frame.flush_inlines();
                let item = ListItem {
                    blocks: frame.blocks,
                    task,
                    span,
                };
                let parent = self.top();
                if let Container::List(_) = parent.container {
                    parent.items.push(item);
                } else {
                    parent.flush_inlines();
                    parent.blocks.extend(item.blocks);
                }
            }
            Container::Code(language) => self.push_block(
                BlockKind::Code {
                    language,
                    text: frame.text,
                },
                span,
            ),
            Container::Html => self.push_block(BlockKind::Html(frame.text), span),
            Container::Table(align) => {
                let mut rows = frame.rows.into_iter();
                let head = rows.next().unwrap_or_default();
                self.push_block(
                    BlockKind::Table(Table {
                        align,
                        head,
                        rows: rows.collect(),
                    }),
                    span,
                );
            }
            Container::TableHead | Container::TableRow => {
                let cells = if frame.cells.is_empty() {
                    vec![frame.inlines]
                } else {
                    frame.cells
                };
                self.top().rows.push(cells);
            }
            Container::TableCell => self.top().cells.push(frame.inlines),
            Container::FootnoteDefinition(ref label) => {
                let label = label.clone();
                frame.flush_inlines();
                self.footnotes.push(Footnote {
                    label,
                    blocks: frame.blocks,
                    span,
                });
            }
            Container::Emphasis => self
                .top()
                .push_inline(InlineKind::Emphasis(frame.inlines), span),
            Container::Strong => self
                .top()
                .push_inline(InlineKind::Strong(frame.inlines), span),
            Container::Strikethrough => self
                .top()
                .push_inline(InlineKind::Strikethrough(frame.inlines), span),
            Container::Link(url, title) => self.top().push_inline(
                InlineKind::Link {
                    url,
                    title,
                    content: frame.inlines,
                },
                span,
            ),
            Container::Image(url, title) => {
                let alt = Inline::plain_text(&frame.inlines);
                self.top()
                    .push_inline(InlineKind::Image { url, title, alt }, span)
            }
            Container::Flattened | Container::Passthrough => {
                frame.flush_inlines();
                let parent = self.top();
                if frame.blocks.is_empty() {
                    parent.inlines.extend(frame.inlines);
                } else {
                    parent.flush_inlines();
                    parent.blocks.extend(frame.blocks);
                }
                parent.items.extend(frame.items);
            }
        }
    }
}

fn is_block(container: &Container) -> bool {
    !matches!(
        container,
        Container::Emphasis
            | Container::Strong
            | Container::Strikethrough
            | Container::Link(..)
            | Container::Image(..)
            | Container::TableCell
            | Container::Flattened
            | Container::Passthrough
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(md: &str) -> Vec<Block> {
        parse(md, 0).document.blocks
    }

    #[test]
    fn tight_list_items_become_paragraphs() {
        let b = blocks("- one\n- two\n");
        let BlockKind::List { items, start } = &b[0].kind else {
            panic!("not a list: {b:?}");
        };
        assert_eq!(*start, None);
        assert_eq!(items.len(), 2);
        assert!(matches!(items[1].blocks[0].kind, BlockKind::Paragraph(_)));
        assert_eq!(items[1].span, 6..12);
    }

    #[test]
    fn spans_are_shifted_by_the_body_offset() {
        let b = parse("Hello *there*\n", 100).document.blocks;
        assert_eq!(b[0].span, 100..114);
    }

    #[test]
    fn nested_quote_beyond_the_limit_is_flattened() {
        let md = format!("{}deep\n", "> ".repeat(MAX_DEPTH * 3));
        let parsed = parse(&md, 0);
        assert!(parsed.too_deep.is_some());
        let mut depth = 0;
        let mut blocks = &parsed.document.blocks;
        while let Some(Block {
            kind: BlockKind::Quote(inner),
            ..
        }) = blocks.first()
        {
            depth += 1;
            blocks = inner;
        }
        assert!(depth <= MAX_DEPTH, "depth {depth}");
    }

    #[test]
    fn smart_punctuation_and_adjacent_text_merge() {
        let b = blocks("It's \"here\" -- now\n");
        let BlockKind::Paragraph(inlines) = &b[0].kind else {
            panic!()
        };
        assert_eq!(inlines.len(), 1);
        assert_eq!(Inline::plain_text(inlines), "It’s “here” – now");
    }
}
