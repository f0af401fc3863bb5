//! A handout's [`Document`] as the XHTML body of a booklet chapter.
//!
//! Every piece of text goes through [`escape_into`], so the output is well-formed whatever the
//! handout says; raw HTML goes through the allow-list in [`super::html`]. Headings get unique
//! ids (the nav links to the level-2 ones), tables get header cells with `scope`, a paragraph
//! that is only an image becomes a `<figure>`, and footnotes become EPUB 3 notes.

use std::collections::{BTreeMap, BTreeSet};

use super::escape::escape_into;
use super::html::Converter;
use crate::content::document::{
    Align, Block, BlockKind, Document, Footnote, Inline, InlineKind, ListItem, Table,
};
use crate::content::slugify;

/// A chapter's body, notes and sections, as XHTML fragments.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chapter {
    /// The blocks of the handout.
    pub body: String,
    /// The footnotes, each an `<aside>`; empty when there are none.
    pub notes: String,
    /// The level-2 headings, for the nav.
    pub sections: Vec<Section>,
}

/// A heading the nav links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's id in the chapter.
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// Ids the chapter template uses itself; headings never take them.
pub const RESERVED_IDS: &[&str] = &["title", "notes"];

/// Writes `document` as XHTML. `images` maps each image reference, as written, to its path in
/// the booklet; an image missing from it is shown as its alternative text.
pub fn chapter(document: &Document, images: &BTreeMap<String, String>) -> Chapter {
    let mut writer = Writer {
        out: String::new(),
        ids: RESERVED_IDS.iter().map(|id| (*id).to_owned()).collect(),
        images,
        notes: BTreeMap::new(),
        sections: Vec::new(),
    };
    for (number, note) in document.footnotes.iter().enumerate() {
        let id = writer.claim(&format!("fn-{}", number + 1));
        writer.notes.insert(
            note.label.as_str(),
            Note {
                number: number + 1,
                id,
                refs: Vec::new(),
            },
        );
    }
    writer.blocks(&document.blocks);
    let body = std::mem::take(&mut writer.out);
    for note in &document.footnotes {
        writer.note(note);
    }
    Chapter {
        body,
        notes: writer.out,
        sections: writer.sections,
    }
}

/// A footnote's number, id, and the ids of the references to it.
struct Note {
    number: usize,
    id: String,
    refs: Vec<String>,
}

struct Writer<'a> {
    out: String,
    ids: BTreeSet<String>,
    images: &'a BTreeMap<String, String>,
    notes: BTreeMap<&'a str, Note>,
    sections: Vec<Section>,
}

impl<'a> Writer<'a> {
    /// Takes `base` as an id, or `base-2`, `base-3`… when it is taken.
    fn claim(&mut self, base: &str) -> String {
        let mut id = base.to_owned();
        let mut n = 1;
        while self.ids.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.ids.insert(id.clone());
        id
    }

    fn blocks(&mut self, blocks: &'a [Block]) {
        for block in blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &'a Block) {
        match &block.kind {
            BlockKind::Heading { level, content, id } => self.heading(*level, content, id),
            BlockKind::Paragraph(inlines) => {
                if !self.figure(inlines) {
                    self.out.push_str("<p>");
                    self.inlines(inlines);
                    self.out.push_str("</p>\n");
                }
            }
            BlockKind::List { start, items } => self.list(*start, items),
            BlockKind::Quote(blocks) => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks);
                self.out.push_str("</blockquote>\n");
            }
            BlockKind::Code { language, text } => {
                self.out.push_str("<pre><code");
                if let Some(language) = language {
                    self.out.push_str(" class=\"language-");
                    escape_into(language, &mut self.out);
                    self.out.push('"');
                }
                self.out.push('>');
                escape_into(text, &mut self.out);
                self.out.push_str("</code></pre>\n");
            }
            BlockKind::Rule => self.out.push_str("<hr/>\n"),
            BlockKind::Table(table) => self.table(table),
            BlockKind::Html(raw) => {
                let mut converted = String::new();
                let mut converter = Converter::default();
                converter.feed(raw, &mut converted);
                converter.finish(&mut converted);
                if !converted.trim().is_empty() {
                    self.out.push_str("<p>");
                    self.out.push_str(converted.trim());
                    self.out.push_str("</p>\n");
                }
            }
        }
    }

    fn heading(&mut self, level: u8, content: &'a [Inline], explicit: &Option<String>) {
        let title = Inline::plain_text(content).trim().to_owned();
        let base = match explicit {
            Some(id) if is_xml_id(id) => id.clone(),
            _ => {
                let slug = slugify(&title);
                if slug.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    slug
                } else {
                    format!("s-{slug}")
                }
            }
        };
        let id = self.claim(&base);
        let level = level.clamp(2, 6);
        self.out.push_str(&format!("<h{level} id=\"{id}\">"));
        self.inlines(content);
        self.out.push_str(&format!("</h{level}>\n"));
        if level == 2 {
            self.sections.push(Section { id, title });
        }
    }

    fn list(&mut self, start: Option<u64>, items: &'a [ListItem]) {
        match start {
            None => self.out.push_str("<ul>\n"),
            Some(1) => self.out.push_str("<ol>\n"),
            Some(n) => self.out.push_str(&format!("<ol start=\"{n}\">\n")),
        }
        for item in items {
            self.out.push_str("<li>");
            match item.task {
                Some(true) => self.out.push_str("<span class=\"task\">☑</span> "),
                Some(false) => self.out.push_str("<span class=\"task\">☐</span> "),
                None => {}
            }
            match item.blocks.as_slice() {
                [Block {
                    kind: BlockKind::Paragraph(inlines),
                    ..
                }] => {
                    if !self.figure(inlines) {
                        self.inlines(inlines);
                    }
                }
                blocks => {
                    self.out.push('\n');
                    self.blocks(blocks);
                }
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str(if start.is_some() {
            "</ol>\n"
        } else {
            "</ul>\n"
        });
    }

    fn table(&mut self, table: &'a Table) {
        self.out.push_str("<table>\n<thead>\n<tr>");
        for (column, cell) in table.head.iter().enumerate() {
            self.cell("th scope=\"col\"", "th", table.align.get(column), cell);
        }
        self.out.push_str("</tr>\n</thead>\n");
        if !table.rows.is_empty() {
            self.out.push_str("<tbody>\n");
            for row in &table.rows {
                self.out.push_str("<tr>");
                for (column, cell) in row.iter().enumerate() {
                    self.cell("td", "td", table.align.get(column), cell);
                }
                self.out.push_str("</tr>\n");
            }
            self.out.push_str("</tbody>\n");
        }
        self.out.push_str("</table>\n");
    }

    fn cell(&mut self, open: &str, close: &str, align: Option<&Align>, content: &'a [Inline]) {
        self.out.push('<');
        self.out.push_str(open);
        match align {
            Some(Align::Center) => self.out.push_str(" class=\"center\""),
            Some(Align::Right) => self.out.push_str(" class=\"right\""),
            _ => {}
        }
        self.out.push('>');
        self.inlines(content);
        self.out.push_str(&format!("</{close}>"));
    }

    /// Writes a paragraph that is a single image as a `<figure>`; false if it is not one.
    fn figure(&mut self, inlines: &'a [Inline]) -> bool {
        let [Inline {
            kind: InlineKind::Image { url, title, alt },
            ..
        }] = inlines
        else {
            return false;
        };
        let Some(src) = self.images.get(url) else {
            return false;
        };
        self.out.push_str("<figure>\n");
        push_img(src, alt, &mut self.out);
        if !title.trim().is_empty() {
            self.out.push_str("\n<figcaption>");
            escape_into(title.trim(), &mut self.out);
            self.out.push_str("</figcaption>");
        }
        self.out.push_str("\n</figure>\n");
        true
    }

    fn inlines(&mut self, inlines: &'a [Inline]) {
        let mut raw = Converter::default();
        for inline in inlines {
            if raw.is_dropping() && !matches!(inline.kind, InlineKind::Html(_)) {
                continue;
            }
            match &inline.kind {
                InlineKind::Text(text) => escape_into(text, &mut self.out),
                InlineKind::Code(code) => {
                    self.out.push_str("<code>");
                    escape_into(code, &mut self.out);
                    self.out.push_str("</code>");
                }
                InlineKind::Emphasis(content) => self.wrap("em", content),
                InlineKind::Strong(content) => self.wrap("strong", content),
                InlineKind::Strikethrough(content) => self.wrap("s", content),
                InlineKind::Link { url, content, .. } => self.link(url, content),
                InlineKind::Image { url, alt, .. } => match self.images.get(url) {
                    Some(src) => push_img(src, alt, &mut self.out),
                    None => escape_into(alt, &mut self.out),
                },
                InlineKind::FootnoteRef(label) => self.note_ref(label),
                InlineKind::SoftBreak => self.out.push('\n'),
                InlineKind::HardBreak => self.out.push_str("<br/>\n"),
                InlineKind::Html(html) => raw.feed(html, &mut self.out),
            }
        }
        raw.finish(&mut self.out);
    }

    fn wrap(&mut self, tag: &str, content: &'a [Inline]) {
        self.out.push_str(&format!("<{tag}>"));
        self.inlines(content);
        self.out.push_str(&format!("</{tag}>"));
    }

    /// A link to the web, mail or phone; any other destination (a script, a file) is dropped
    /// and its text kept.
    fn link(&mut self, url: &str, content: &'a [Inline]) {
        let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        if !matches!(scheme.as_deref(), Some("http" | "https" | "mailto" | "tel")) {
            self.inlines(content);
            return;
        }
        self.out.push_str("<a href=\"");
        escape_into(url, &mut self.out);
        self.out.push_str("\">");
        if Inline::plain_text(content).trim().is_empty() {
            escape_into(url, &mut self.out);
        } else {
            self.inlines(content);
        }
        self.out.push_str("</a>");
    }

    fn note_ref(&mut self, label: &str) {
        let Some(note) = self.notes.get(label) else {
            escape_into(&format!("[^{label}]"), &mut self.out);
            return;
        };
        let (number, target) = (note.number, note.id.clone());
        let id = self.claim(&format!("fnref-{number}"));
        self.out.push_str(&format!(
            "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" id=\"{id}\" href=\"#{target}\">{number}</a></sup>"
        ));
        if let Some(note) = self.notes.get_mut(label) {
            note.refs.push(id);
        }
    }

    fn note(&mut self, note: &'a Footnote) {
        let Some(Note { number, id, refs }) = self.notes.remove(note.label.as_str()) else {
            return;
        };
        self.out.push_str(&format!(
            "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"{id}\">\n<p class=\"note-number\">{number}.</p>\n"
        ));
        self.blocks(&note.blocks);
        if let Some(first) = refs.first() {
            self.out.push_str(&format!(
                "<p class=\"backlink\"><a role=\"doc-backlink\" href=\"#{first}\">↩</a></p>\n"
            ));
        }
        self.out.push_str("</aside>\n");
    }
}

fn push_img(src: &str, alt: &str, out: &mut String) {
    out.push_str("<img src=\"");
    escape_into(src, out);
    out.push_str("\" alt=\"");
    escape_into(alt.trim(), out);
    out.push_str("\"/>");
}

/// Whether `id` can stand as an XML id as written.
fn is_xml_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown;

    fn render(md: &str) -> Chapter {
        let images = BTreeMap::from([("door.png".to_owned(), "images/1.png".to_owned())]);
        chapter(&markdown::parse(md, 0).document, &images)
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        let c = render("Fish & chips <3 \"now\"\u{b}\n");
        assert_eq!(c.body, "<p>Fish &amp; chips &lt;3 “now”</p>\n");
    }

    #[test]
    fn headings_get_unique_ids_and_level_two_sections() {
        let c = render("## Notes\n\n## Notes\n\n### Deeper\n\n## 1 Step {#my-id}\n");
        let ids: Vec<_> = c.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["notes-2", "notes-3", "my-id"]);
        assert!(c.body.contains("<h3 id=\"deeper\">Deeper</h3>"));
    }

    #[test]
    fn a_lone_image_is_a_figure_and_a_table_has_scoped_headers() {
        let c = render("![A door](door.png \"Front\")\n\n| A | B |\n|---|--:|\n| 1 | 2 |\n");
        assert!(c.body.contains(
            "<figure>\n<img src=\"images/1.png\" alt=\"A door\"/>\n<figcaption>Front</figcaption>\n</figure>"
        ));
        assert!(c
            .body
            .contains("<th scope=\"col\">A</th><th scope=\"col\" class=\"right\">B</th>"));
        assert!(c.body.contains("<td class=\"right\">2</td>"));
    }

    #[test]
    fn footnotes_link_both_ways() {
        let c = render("Text.[^a] Again.[^a]\n\n[^a]: The note.\n");
        assert!(c.body.contains("id=\"fnref-1\" href=\"#fn-1\">1</a>"));
        assert!(c.body.contains("id=\"fnref-1-2\" href=\"#fn-1\">1</a>"));
        assert!(c
            .notes
            .starts_with("<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"fn-1\">"));
        assert!(c.notes.contains("href=\"#fnref-1\""));
    }

    #[test]
    fn raw_html_and_unsafe_links_never_pass_through() {
        let c = render(
            "<script>alert(1)</script>\n\nHi <span onclick=\"x()\">there</span> <b>now</b> [x](javascript:alert(1)).\n",
        );
        assert_eq!(c.body, "<p>Hi there <b>now</b> x.</p>\n");
    }
}
