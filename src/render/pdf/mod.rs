//! Print-ready PDF handouts: a small typesetting engine on printpdf.
//!
//! Layout is kept apart from export, each testable alone:
//! [`fonts`] (parse once, shape, measure, coverage) → [`inline`] (words, spaces and breaks,
//! set by [`linebreak`]'s total fit with [`hyphenate`]) → [`layout`] (blocks → a flow of
//! items with keep rules) → [`paginate`] (items → pages) → [`draw`] (pages → printpdf, subset
//! fonts, marked content) → [`finish`] (lopdf: metadata, outline, names, compression).
//! The look comes from a layout file read by [`style`]; the footer from
//! `layouts/pdf/footer.txt`.

pub mod draw;
pub mod finish;
pub mod fonts;
pub mod hyphenate;
pub mod inline;
pub mod layout;
pub mod linebreak;
pub mod paginate;
pub mod style;

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Organization;
use crate::content::Handout;
use crate::error::Error;
use crate::render::{Output, RenderContext};

use fonts::FaceId;
use inline::Look;
use layout::Shape;
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

/// Typesets one handout.
fn handout_pdf(
    handout: &Handout,
    style: &Style,
    ctx: &RenderContext<'_>,
) -> Result<Vec<u8>, Error> {
    let (width, height) = Style::page_size(ctx.config.paper);
    let m = style.margins;
    let measure = width - m.left - m.right;
    let flow = layout::lay_out(handout, style, measure);
    let pages = paginate::paginate(&flow, height - m.top - m.bottom);
    let count = pages.len();
    let mut drawn = Vec::with_capacity(count);
    let mut outline = Vec::new();
    for (number, placed) in pages.iter().enumerate() {
        let mut page = draw::Page::default();
        let mut current = None;
        for p in placed {
            let shapes = p.item.shapes.iter().map(|s| s.moved(m.left, m.top + p.y));
            if current == Some(p.item.block) {
                if let Some(group) = page.groups.last_mut() {
                    group.shapes.extend(shapes);
                    continue;
                }
            }
            current = Some(p.item.block);
            page.groups.push(draw::Group {
                role: p.item.role,
                shapes: shapes.collect(),
            });
            if let Some((level, title)) = &p.item.outline {
                outline.push(finish::Entry {
                    level: *level,
                    title: title.clone(),
                    page: number,
                    top: height - m.top - p.y + p.item.gap.min(m.top),
                });
            }
        }
        let footer = ctx.layouts.render(
            "pdf/footer.txt",
            FooterContext {
                title: &handout.title,
                page: number + 1,
                pages: count,
                organization: ctx.config.organization.as_ref(),
                reviewed: handout.meta.reviewed.as_deref(),
            },
        )?;
        page.footer = footer_shapes(&footer, style, (width, height))?;
        drawn.push(page);
    }
    let (doc, embedded) = draw::draw(&drawn, (width, height), &handout.title)?;
    let mut warnings = Vec::new();
    let options = printpdf::PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let lopdf = doc.to_lopdf_document(&options, &mut warnings);
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
    finish::finish(lopdf, &meta, &outline, &embedded)
}

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
        if let Some(c) = line.chars().find(|&c| !f.covers(c)) {
            return Err(Error::Template(format!(
                "layouts/pdf/footer.txt: the footer has a character the font cannot draw: {c:?} (U+{:04X})",
                u32::from(c)
            )));
        }
        let baseline = rule_y + 1.6 * size + i as f32 * 1.35 * size;
        let (left, right) = line.split_once('\t').unwrap_or((line, ""));
        let right_width = fonts::width(&f.shape(FaceId::Regular, right.trim(), size));
        // A left part too long for the room beside the right part is set smaller, not cut.
        let room = measure - right_width - size;
        let natural = fonts::width(&f.shape(FaceId::Regular, left.trim(), size));
        let left_size = if natural > room && natural > 0.0 {
            (size * room / natural).max(4.0)
        } else {
            size
        };
        shapes.push(Shape::Text {
            x: m.left,
            y: baseline,
            look: Look {
                size: left_size,
                ..look.clone()
            },
            glyphs: f.shape(FaceId::Regular, left.trim(), left_size),
        });
        if !right.trim().is_empty() {
            shapes.push(Shape::Text {
                x: page.0 - m.right - right_width,
                y: baseline,
                look: look.clone(),
                glyphs: f.shape(FaceId::Regular, right.trim(), size),
            });
        }
    }
    Ok(shapes)
}
