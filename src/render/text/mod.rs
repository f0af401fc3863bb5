//! Plain-text leaflets: wrapped UTF-8 (or ASCII) for e-mail, SMS and simple printers.
//!
//! The body is laid out here, block by block, into lines no wider than the configured width;
//! the `text/leaflet.txt` layout then arranges title block, body, notes and links.

pub mod ascii;
pub mod wrap;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::content::document::{Align, Block, BlockKind, Inline, InlineKind, Table};
use crate::content::Handout;
use crate::error::Error;
use crate::render::RenderContext;

use wrap::{max_width, wrap, GLUE};

/// Renders one handout as a leaflet; `ascii` selects the ASCII fallback.
pub fn leaflet(handout: &Handout, ctx: &RenderContext<'_>, ascii: bool) -> Result<String, Error> {
    let width = ctx.config.text.width;
    let mut writer = Writer {
        ascii,
        links: Vec::new(),
        note_labels: Vec::new(),
    };
    let body = join_lines(&writer.blocks(&handout.document.blocks, width));
    let mut notes = Vec::new();
    let mut rendered = 0;
    // Notes may reference further notes; render until every referenced note is done.
    while rendered < writer.note_labels.len() {
        let label = writer.note_labels[rendered].clone();
        rendered += 1;
        let marker = format!("({rendered})");
        let blocks = handout.document.footnote_blocks(&label);
        let indent = marker.width() + 1;
        let lines = writer.blocks(&blocks, width.saturating_sub(indent));
        notes.push(join_lines(&hang(&marker, indent, lines)));
    }
    let summary = handout
        .summary()
        .map(|s| join_lines(&wrap(&writer.clean(s), width)));
    let title = join_lines(&wrap(&writer.clean(&handout.title), width));
    let context = LeafletContext {
        title,
        summary,
        body,
        notes,
        links: writer
            .links
            .iter()
            .enumerate()
            .map(|(i, url)| LinkRef {
                number: i + 1,
                url: url.clone(),
            })
            .collect(),
        organization: ctx.config.organization.clone(),
        reviewed: handout.meta.reviewed.clone(),
        labels: ctx.layouts.labels(&handout.lang)?,
        width,
    };
    let text = ctx.layouts.render("text/leaflet.txt", context)?;
    let text = if ascii {
        ascii::to_ascii(&text).into_owned()
    } else {
        text
    };
    Ok(tidy(&text))
}

#[derive(Serialize)]
struct LeafletContext {
    title: String,
    summary: Option<String>,
    body: String,
    notes: Vec<String>,
    links: Vec<LinkRef>,
    organization: Option<crate::config::Organization>,
    reviewed: Option<String>,
    labels: crate::labels::Labels,
    width: usize,
}

#[derive(Serialize)]
struct LinkRef {
    number: usize,
    url: String,
}

/// Trims trailing spaces, folds runs of blank lines to one, ends with exactly one newline.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() && blank_run > 0 {
            out.push('\n');
        }
        blank_run = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

struct Writer {
    ascii: bool,
    links: Vec<String>,
    note_labels: Vec<String>,
}

impl Writer {
    fn clean(&self, text: &str) -> String {
        if self.ascii {
            ascii::to_ascii(text).into_owned()
        } else {
            text.to_owned()
        }
    }

    /// Lays out blocks separated by blank lines.
    fn blocks(&mut self, blocks: &[Block], width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for block in blocks {
            let rendered = self.block(block, width);
            if rendered.is_empty() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.extend(rendered);
        }
        lines
    }

    fn block(&mut self, block: &Block, width: usize) -> Vec<String> {
        match &block.kind {
            BlockKind::Heading { level, content, .. } => {
                let mut lines = wrap(&self.inline(content), width);
                let rule = match level {
                    1 => '=',
                    2 => '-',
                    _ => '~',
                };
                lines.push(std::iter::repeat_n(rule, max_width(&lines)).collect());
                lines
            }
            BlockKind::Paragraph(content) => wrap(&self.inline(content), width),
            BlockKind::List { start, items } => self.list(*start, items, width),
            BlockKind::Quote(children) => {
                let inner = self.blocks(children, width.saturating_sub(2).max(MIN_WIDTH));
                inner
                    .into_iter()
                    .map(|l| {
                        if l.is_empty() {
                            ">".to_owned()
                        } else {
                            format!("> {l}")
                        }
                    })
                    .collect()
            }
            BlockKind::Code { text, .. } => text
                .lines()
                .map(|l| format!("    {}", self.clean(&l.replace('\t', "    "))))
                .collect(),
            BlockKind::Rule => {
                let rule = "*   *   *";
                vec![format!(
                    "{}{rule}",
                    " ".repeat(width.saturating_sub(rule.len()) / 2)
                )]
            }
            BlockKind::Table(table) => self.table(table, width),
            BlockKind::Html(html) => wrap(
                &self.clean(&crate::content::document::strip_tags(html)),
                width,
            ),
        }
    }

    fn list(
        &mut self,
        start: Option<u64>,
        items: &[crate::content::document::ListItem],
        width: usize,
    ) -> Vec<String> {
        let last_number = start.map(|s| s.saturating_add(items.len() as u64).saturating_sub(1));
        let marker_width = last_number.map_or(2, |n| n.to_string().len() + 2);
        let loose = items.iter().any(|item| {
            item.blocks
                .iter()
                .filter(|b| !matches!(b.kind, BlockKind::List { .. }))
                .count()
                > 1
        });
        let mut lines = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let marker = match start {
                Some(s) => {
                    let n = format!("{}.", s.saturating_add(i as u64));
                    format!("{n:>w$}", w = marker_width - 1)
                }
                None if self.ascii => "-".to_owned(),
                None => "•".to_owned(),
            };
            let marker = match item.task {
                Some(true) => format!("{marker} [x]"),
                Some(false) => format!("{marker} [ ]"),
                None => marker,
            };
            let indent = marker.width() + 1;
            let inner_width = width.saturating_sub(indent).max(MIN_WIDTH);
            let mut body = Vec::new();
            for block in &item.blocks {
                let rendered = self.block(block, inner_width);
                let nested = matches!(block.kind, BlockKind::List { .. });
                if !body.is_empty() && (loose || !nested) {
                    body.push(String::new());
                }
                body.extend(rendered);
            }
            if loose && i > 0 {
                lines.push(String::new());
            }
            lines.extend(hang(&marker, indent, body));
        }
        lines
    }

    fn table(&mut self, table: &Table, width: usize) -> Vec<String> {
        let columns = table.columns();
        if columns == 0 {
            return Vec::new();
        }
        let text_row = |writer: &mut Writer, row: &[Vec<Inline>]| -> Vec<String> {
            (0..columns)
                .map(|c| {
                    row.get(c)
                        .map(|cell| writer.inline(cell))
                        .unwrap_or_default()
                })
                .collect()
        };
        let head = text_row(self, &table.head);
        let rows: Vec<Vec<String>> = table.rows.iter().map(|r| text_row(self, r)).collect();
        let widths = column_widths(&head, &rows, width);
        let mut lines = Vec::new();
        let emit = |cells: &[String], lines: &mut Vec<String>| {
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(&widths)
                .map(|(cell, &w)| wrap(cell, w))
                .collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            for line_no in 0..height {
                let mut line = String::new();
                for (c, cell) in wrapped.iter().enumerate() {
                    let text = cell.get(line_no).map_or("", String::as_str);
                    let pad = widths[c].saturating_sub(text.width());
                    let align = table.align.get(c).copied().unwrap_or(Align::None);
                    let (left, right) = match align {
                        Align::Right => (pad, 0),
                        Align::Center => (pad / 2, pad - pad / 2),
                        Align::Left | Align::None => (0, pad),
                    };
                    if c > 0 {
                        line.push_str("  ");
                    }
                    line.push_str(&" ".repeat(left));
                    line.push_str(text);
                    line.push_str(&" ".repeat(right));
                }
                lines.push(line.trim_end().to_owned());
            }
        };
        emit(&head, &mut lines);
        lines.push(
            widths
                .iter()
                .map(|&w| "-".repeat(w))
                .collect::<Vec<_>>()
                .join("  "),
        );
        for row in &rows {
            emit(row, &mut lines);
        }
        lines
    }

    /// Flattens inline content to one string: spaces separate words, `\n` is a hard break.
    fn inline(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match &inline.kind {
                InlineKind::Text(text) | InlineKind::Code(text) => {
                    out.push_str(&self.clean(&text.replace(['\n', '\t'], " ")))
                }
                InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                    let inner = self.inline(c);
                    out.push_str(&inner);
                }
                InlineKind::Link { url, content, .. } => {
                    let text = self.inline(content);
                    out.push_str(&text);
                    let number = match self.links.iter().position(|u| u == url) {
                        Some(i) => i + 1,
                        None => {
                            self.links.push(url.clone());
                            self.links.len()
                        }
                    };
                    out.push(GLUE);
                    out.push_str(&format!("[{number}]"));
                }
                InlineKind::Image { alt, .. } => {
                    let alt = if alt.trim().is_empty() {
                        "image"
                    } else {
                        alt.trim()
                    };
                    out.push_str(&format!("[{}]", self.clean(alt)));
                }
                InlineKind::FootnoteRef(label) => {
                    let number = match self.note_labels.iter().position(|l| l == label) {
                        Some(i) => i + 1,
                        None => {
                            self.note_labels.push(label.clone());
                            self.note_labels.len()
                        }
                    };
                    out.push_str(&format!("({number})"));
                }
                InlineKind::SoftBreak => out.push(' '),
                InlineKind::HardBreak => out.push('\n'),
                InlineKind::Html(html) => {
                    if html.trim_start().to_ascii_lowercase().starts_with("<br") {
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}

/// Narrowest measure nested content is given, however deep it sits.
const MIN_WIDTH: usize = 16;

/// Prefixes the first line with `marker` and indents the rest by `indent` columns.
fn hang(marker: &str, indent: usize, lines: Vec<String>) -> Vec<String> {
    let pad = " ".repeat(indent);
    let mut out = Vec::with_capacity(lines.len().max(1));
    let mut lines = lines.into_iter();
    let first = lines.next().unwrap_or_default();
    let gap = " ".repeat(indent.saturating_sub(marker.width()));
    out.push(format!("{marker}{gap}{first}"));
    out.extend(lines.map(|l| if l.is_empty() { l } else { format!("{pad}{l}") }));
    out
}

/// Column widths that fit `width`: natural widths, shrunk widest-first when too wide.
fn column_widths(head: &[String], rows: &[Vec<String>], width: usize) -> Vec<usize> {
    let columns = head.len();
    let natural = |c: usize| {
        std::iter::once(&head[c])
            .chain(rows.iter().filter_map(|r| r.get(c)))
            .map(|cell| cell.split('\n').map(|l| l.width()).max().unwrap_or(0))
            .max()
            .unwrap_or(0)
            .max(1)
    };
    let mut widths: Vec<usize> = (0..columns).map(natural).collect();
    let available = width.saturating_sub(2 * columns.saturating_sub(1));
    while widths.iter().sum::<usize>() > available {
        let Some((widest, &w)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            break;
        };
        if w <= 6 {
            break;
        }
        widths[widest] = w - 1;
    }
    widths
}

fn join_lines(lines: &[String]) -> String {
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_folds_blank_runs_and_trailing_space() {
        assert_eq!(tidy("\n\na  \n\n\n\nb\n\n"), "a\n\nb\n");
    }

    #[test]
    fn hang_indents_continuation_lines() {
        let lines = hang(
            "•",
            2,
            vec!["a".into(), "b".into(), String::new(), "c".into()],
        );
        assert_eq!(lines, ["• a", "  b", "", "  c"]);
    }

    #[test]
    fn columns_shrink_to_fit() {
        let head = vec!["a".repeat(30), "b".repeat(30)];
        let widths = column_widths(&head, &[], 40);
        assert!(widths.iter().sum::<usize>() + 2 <= 40, "{widths:?}");
    }
}
