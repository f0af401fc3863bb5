//! Print-ready PDF handouts: a small typesetting engine on printpdf.
//!
//! Layout is kept apart from export, each testable alone:
//! [`fonts`] (parse once, shape, measure, coverage) → [`inline`] (words, spaces and breaks,
//! set by [`linebreak`]'s total fit with [`hyphenate`]) → [`layout`] (blocks → a flow of
//! items with keep rules, and the [`structure`] tree) → [`paginate`] (items → pages) →
//! [`draw`] (pages → printpdf, subset fonts; [`content`] writes each page's content stream,
//! marked content numbered per page) → [`finish`] (lopdf: the pages' content, structure
//! tree, metadata, outline, names, compression).
//! The look comes from a layout file read by [`style`]; the footer from
//! `layouts/pdf/footer.txt`. Pictures a handout shows are read from the project folder and
//! decoded by [`image`].

pub mod content;
pub mod deflate;
pub mod draw;
pub mod finish;
pub mod fonts;
pub mod hyphenate;
pub mod image;
pub mod inline;
pub mod layout;
pub mod linebreak;
pub mod paginate;
pub mod structure;
pub mod style;
pub mod tags;
pub mod xmp;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::assets;
use crate::config::Organization;
use crate::content::document::InlineKind;
use crate::content::Handout;
use crate::error::Error;
use crate::render::{Output, RenderContext};

use fonts::FaceId;
use inline::Look;
use layout::Shape;
use paginate::Slot;
use style::Style;

/// Renders every handout as `pdf/<slug>.pdf`, in parallel; the bytes do not depend on the
/// number of threads.
pub fn render(ctx: &RenderContext<'_>) -> Result<Vec<Output>, Error> {
    let style = Style::load(ctx.layouts, &ctx.config.layout)?;
    if !style.fits(ctx.config.paper) {
        return Err(Error::Template(format!(
            "layouts/pdf/{}.yaml: the margins leave too little room for text on this paper",
            ctx.config.layout
        )));
    }
    ctx.handouts
        .par_iter()
        .map(|handout| {
            Ok(Output {
                path: PathBuf::from(format!("pdf/{}.pdf", handout.slug)),
                bytes: handout_pdf(handout, &style, ctx)?,
            })
        })
        .collect()
}

/// What the footer template sees.
#[derive(Serialize)]
struct FooterContext<'a> {
    title: &'a str,
    page: usize,
    pages: usize,
    organization: Option<&'a Organization>,
    reviewed: Option<&'a str>,
}

/// Readies what PDF builds share, on the thread pool's worker number `worker` (from 1) as
/// it starts, while the main thread (number 0) reads the command line and the project: the
/// typefaces, parsed, and a compressor for this worker; the first also readies one for the
/// main thread.
pub fn prepare(worker: usize) {
    fonts::fonts();
    deflate::prepare(if worker == 1 { 2 } else { 1 });
}

/// The footer of page `page.0` of `page.1`, from the `pdf/footer.txt` template.
pub fn footer_text(
    layouts: &crate::layouts::Layouts,
    handout: &Handout,
    organization: Option<&Organization>,
    page: (usize, usize),
) -> Result<String, Error> {
    layouts.render(
        "pdf/footer.txt",
        FooterContext {
            title: &handout.title,
            page: page.0,
            pages: page.1,
            organization,
            reviewed: handout.meta.reviewed.as_deref(),
        },
    )
}

/// Typesets one handout.
fn handout_pdf(
    handout: &Handout,
    style: &Style,
    ctx: &RenderContext<'_>,
) -> Result<Vec<u8>, Error> {
    let (width, height) = Style::page_size(ctx.config.paper);
    let m = style.margins;
    let pictures = pictures(handout, ctx.root)?;
    let frame = layout::Frame {
        measure: width - m.left - m.right,
        height: height - m.top - m.bottom,
        pictures: &pictures,
    };
    let mut flow = layout::lay_out(handout, style, &frame);
    let pages = paginate::paginate(&flow, frame.height);
    let count = pages.len();
    let mut to_draw = Vec::with_capacity(count);
    let mut outline = Vec::new();
    for (number, placed) in pages.iter().enumerate() {
        let mut page = draw::Page::default();
        let shapes = placed.iter().map(|p| flow.item(p.slot).shapes.len()).sum();
        page.shapes.reserve_exact(shapes);
        for p in placed {
            let (dx, dy) = (m.left, m.top + p.y);
            match p.slot {
                // Each item is placed once: its shapes move onto the page.
                Slot::Item(i) => {
                    let item = &mut flow.items[i];
                    let shapes = std::mem::take(&mut item.shapes);
                    page.shapes
                        .extend(shapes.into_iter().map(|s| s.moved(dx, dy)));
                    // A bookmark opens the page a little above its heading (by the heading's
                    // own space above, which never reaches past the top of the page).
                    if let Some((level, title)) = item.outline.take() {
                        outline.push(finish::Entry {
                            level,
                            title,
                            page: number,
                            top: height - m.top - p.y + item.gap.min(m.top),
                        });
                    }
                }
                // A repeated table header is page furniture: its cells are read once, where
                // the table starts.
                Slot::Head(_) => page.shapes.extend(
                    flow.item(p.slot)
                        .shapes
                        .iter()
                        .map(|s| s.clone().moved(dx, dy).untagged()),
                ),
            }
        }
        let footer = footer_text(
            ctx.layouts,
            handout,
            ctx.config.organization.as_ref(),
            (number + 1, count),
        )?;
        page.footer = footer_shapes(&footer, style, (width, height))?;
        to_draw.push(page);
    }
    let used: Vec<&image::Picture> = flow
        .pictures
        .iter()
        .filter_map(|url| pictures.get(url))
        .collect();
    let (drawn, contents) =
        draw::draw(&to_draw, &used, &flow.tree, (width, height), &handout.title)?;
    let mut warnings = Vec::new();
    let options = printpdf::PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    // The content streams are compressed while printpdf makes the document's objects.
    let (contents, lopdf) = rayon::join(
        || deflate::each(contents),
        || drawn.doc.to_lopdf_document(&options, &mut warnings),
    );
    let author = handout.meta.author.clone().or_else(|| {
        ctx.config
            .organization
            .as_ref()
            .and_then(|o| o.name.clone())
    });
    let meta = finish::Meta {
        title: handout.title.clone(),
        subject: handout.summary().map(str::to_owned),
        author,
        language: handout.language.clone(),
        timestamp: ctx.timestamp,
    };
    finish::finish(lopdf, &meta, &outline, drawn, contents, &flow.tree)
}

/// Reads and decodes every picture of a handout, by its URL as written. Pictures are found
/// through [`assets::resolve_image`] (inside the project, never remote); the `image-path`
/// lint has already refused the others, so a refusal here is an error, not a diagnostic.
fn pictures(handout: &Handout, root: &Path) -> Result<BTreeMap<String, image::Picture>, Error> {
    let mut urls = Vec::new();
    handout.document.walk_inlines(&mut |inline| {
        if let InlineKind::Image { url, .. } = &inline.kind {
            urls.push((url.clone(), inline.span.clone()));
        }
    });
    let mut found = BTreeMap::new();
    for (url, span) in urls {
        if found.contains_key(&url) {
            continue;
        }
        let (line, column) = handout.source.line_col(span.start);
        let place = format!("{}:{line}:{column}", handout.source.path.display());
        let fail = |why: String| Error::Usage(format!("{place}: image `{url}`: {why}"));
        let image = assets::resolve_image(root, &handout.source.path, &url)
            .map_err(|refusal| Error::Usage(format!("{place}: {}", refusal.message(&url))))?;
        let bytes = std::fs::read(&image.path).map_err(|e| fail(e.to_string()))?;
        let picture = image::decode(&bytes).map_err(fail)?;
        found.insert(url, picture);
    }
    Ok(found)
}

/// Footer text in `room` points: shaped at `size`, or shortened with an ellipsis when it is
/// wider (the footer repeats what the page says; it never runs into the page number).
fn fitted(text: &str, size: f32, room: f32) -> Vec<fonts::Glyph> {
    let f = fonts::fonts();
    let glyphs = f.shape(FaceId::Regular, text, size);
    if fonts::width(&glyphs) <= room {
        return glyphs;
    }
    let ellipsis = f.shape(FaceId::Regular, "…", size);
    let mut width = fonts::width(&ellipsis);
    let mut kept = Vec::new();
    let mut word_end = None;
    for glyph in glyphs {
        if width + glyph.advance > room {
            // End after the last whole word, when there is one.
            if let Some(end) = word_end {
                kept.truncate(end);
            }
            break;
        }
        if glyph.text == " " {
            word_end = Some(kept.len());
        }
        width += glyph.advance;
        kept.push(glyph);
    }
    while kept
        .last()
        .is_some_and(|g| g.text.is_empty() || g.text == " ")
    {
        kept.pop();
    }
    kept.extend(ellipsis);
    kept
}

/// Whether a relative path stays below its starting folder.
/// The footer: a hairline across the text column, then each template line with its left
/// part at the left margin and the part after a tab at the right margin.
fn footer_shapes(text: &str, style: &Style, page: (f32, f32)) -> Result<Vec<Shape>, Error> {
    let m = style.margins;
    let size = style.footer.size;
    let measure = page.0 - m.left - m.right;
    let rule_y = page.1 - m.bottom + 0.3 * m.bottom;
    let mut shapes = vec![Shape::Fill {
        x: m.left,
        y: rule_y,
        w: measure,
        h: 0.5,
        color: style.colors.hairline,
    }];
    let look = Look {
        face: FaceId::Regular,
        size,
        color: style.colors.footer,
        link: None,
        strike: false,
    };
    let f = fonts::fonts();
    let lines = text.lines().filter(|l| !l.trim().is_empty());
    for (i, line) in lines.enumerate() {
        if let Some(c) = line.chars().find(|&c| !f.covers(c, false)) {
            return Err(Error::Template(format!(
                "layouts/pdf/footer.txt: the footer has a character the font cannot draw: {c:?} (U+{:04X})",
                u32::from(c)
            )));
        }
        let baseline = rule_y + 1.6 * size + i as f32 * 1.35 * size;
        let (left, right) = line.split_once('\t').unwrap_or((line, ""));
        let right_width = fonts::width(&f.shape(FaceId::Regular, right.trim(), size));
        let room = (measure - right_width - size).max(0.0);
        shapes.push(Shape::Text {
            x: m.left,
            y: baseline,
            look: look.clone(),
            glyphs: fitted(left.trim(), size, room),
            elem: None,
            actual: None,
        });
        if !right.trim().is_empty() {
            shapes.push(Shape::Text {
                x: page.0 - m.right - right_width,
                y: baseline,
                look: look.clone(),
                glyphs: f.shape(FaceId::Regular, right.trim(), size),
                elem: None,
                actual: None,
            });
        }
    }
    Ok(shapes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_footer_text_is_shortened_with_an_ellipsis() {
        let short = fitted("Relational Therapy", 9.5, 200.0);
        let text = |g: &[fonts::Glyph]| g.iter().map(|g| g.text.clone()).collect::<String>();
        assert_eq!(text(&short), "Relational Therapy");
        let long = fitted(&"very ".repeat(80), 9.5, 200.0);
        assert!(fonts::width(&long) <= 200.0);
        assert!(text(&long).starts_with("very very") && text(&long).ends_with("very…"));
    }
}
