//! EPUB 3 booklets: several handouts bound into one `epub/<id>.epub` for phones and e-readers.
//!
//! [`booklets`] is the entry point. Each handout becomes a chapter written by [`xhtml`] (raw
//! HTML through the allow-list in [`html`]) and arranged by `layouts/epub/chapter.xhtml`;
//! the title page comes from `layouts/epub/title.xhtml`. epub-builder binds the pages, the
//! stylesheet, fonts and images ([`images`]) into the book and writes its package document,
//! nav document and NCX, with the date and accessibility metadata worked out in
//! [`metadata`]; [`finish`] then corrects the few things epub-builder gets wrong.
//! Nothing depends on the clock or the machine: the identifier is a UUID derived from the
//! booklet id, `dcterms:modified` is the build's timestamp and the zip entries carry fixed
//! dates, so the same inputs give the same bytes.

mod escape;
mod finish;
mod fonts;
mod html;
mod images;
mod metadata;
mod xhtml;

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::PathBuf;

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, PageDirection, ReferenceType, TocElement,
    ZipLibrary,
};
use minijinja::Value;
use serde::Serialize;

use super::{Output, RenderContext};
use crate::content::Handout;
use crate::error::Error;
use crate::lang::{Direction, Lang};
use crate::project::Plan;
use crate::raster;
use crate::render::front::Front;
use crate::typeset::booklet;
use crate::typeset::style::Style;

/// Renders every booklet: those listed under `booklets:`, or one of every handout.
pub fn booklets(ctx: &RenderContext<'_>) -> Result<Vec<Output>, Error> {
    let style = Style::load(ctx.layouts, &ctx.config.layout)?;
    ctx.booklets
        .iter()
        .map(|plan| {
            Ok(Output {
                path: PathBuf::from(format!("epub/{}.epub", plan.id)),
                bytes: booklet(ctx, plan, &style)?,
            })
        })
        .collect()
}

/// Adds the cover: the printed booklet's front cover drawn as a PNG picture (the
/// `cover-image` reading apps show in their library), on a page of its own before the title
/// page, described by the booklet's title.
fn add_cover(
    ctx: &RenderContext<'_>,
    plan: &Plan<'_>,
    style: &Style,
    book: &mut EpubBuilder<ZipLibrary>,
) -> Result<(), Error> {
    let front = Front::new(plan, style, plan.print.size, ctx)?;
    let info = front.info(plan, ctx, None);
    let cover = booklet::cover(&front.cover(plan, ctx), &front.binding(ctx, false), info);
    let page = cover
        .pages
        .first()
        .ok_or_else(|| Error::Internal("a booklet cover without a page".to_owned()))?;
    let png = raster::png(page, &cover.pictures, ctx.fonts, COVER_WIDTH)?;
    book.add_cover_image(COVER_IMAGE, png.as_slice(), "image/png")
        .map_err(failed)?;
    let language = front.lang.as_str();
    let xhtml = ctx.layouts.render(
        "epub/cover.xhtml",
        CoverPage {
            language,
            dir: front.lang.direction().dir(),
            title: &plan.title,
            image: COVER_IMAGE,
        },
    )?;
    book.add_content(EpubContent::new(COVER_PAGE, xhtml.as_bytes()).reftype(ReferenceType::Cover))
        .map_err(failed)?;
    Ok(())
}

/// What `layouts/epub/chapter.xhtml` sees.
#[derive(Serialize)]
struct ChapterPage<'a> {
    language: &'a str,
    dir: &'static str,
    title: &'a str,
    summary: Option<&'a str>,
    body: Value,
    notes: Value,
}

/// What `layouts/epub/cover.xhtml` sees.
#[derive(Serialize)]
struct CoverPage<'a> {
    language: &'a str,
    dir: &'static str,
    title: &'a str,
    image: &'a str,
}

/// What `layouts/epub/title.xhtml` sees.
#[derive(Serialize)]
struct TitlePage<'a> {
    language: &'a str,
    dir: &'static str,
    title: &'a str,
    publisher: Option<&'a str>,
    website: Option<&'a str>,
    phone: Option<&'a str>,
    handouts: &'a [Contents<'a>],
}

/// A handout as the title page lists it.
#[derive(Serialize)]
struct Contents<'a> {
    title: &'a str,
    language: &'a str,
    dir: &'static str,
    summary: Option<&'a str>,
    href: String,
}

/// A chapter: its file, and its page with its entry (and its sections' entries) for the
/// table of contents.
struct Chapter {
    href: String,
    content: EpubContent<Cursor<String>>,
}

/// The title page's file.
const TITLE_PAGE: &str = "title-page.xhtml";

/// The cover page's file and its picture.
const COVER_PAGE: &str = "cover.xhtml";
const COVER_IMAGE: &str = "images/cover.png";

/// Width of the cover picture in pixels (its height follows the booklet's page).
const COVER_WIDTH: u32 = 640;

/// The chapter file of a handout.
fn chapter_href(handout: &Handout) -> String {
    format!("handout-{}.xhtml", handout.slug)
}

/// Binds one booklet: epub-builder writes the book, [`finish`] corrects it.
fn booklet(ctx: &RenderContext<'_>, plan: &Plan<'_>, style: &Style) -> Result<Vec<u8>, Error> {
    let language = plan.language(&ctx.config.language);
    let organization = ctx.config.organization.as_ref();
    let images = images::collect(ctx.root, &plan.handouts)?;

    let mut book = EpubBuilder::new(ZipLibrary::new().map_err(failed)?).map_err(failed)?;
    book.epub_version(EpubVersion::V30);
    let labels = ctx.layouts.labels(&Lang::parse(language))?;
    // The cover picture, described by the booklet's title, is one more image.
    let shown = metadata::Images {
        count: images.count.count + 1,
        described: images.count.described + 1,
    };
    describe(&mut book, ctx, plan, shown, &labels.contents)?;
    add_style(ctx, &mut book)?;
    add_cover(ctx, plan, style, &mut book)?;
    for (href, media_type, path) in &images.files {
        let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
        book.add_resource(href, bytes.as_slice(), *media_type)
            .map_err(failed)?;
    }

    let chapters = chapters(ctx, plan, &images.hrefs)?;
    let contents: Vec<Contents<'_>> = plan
        .handouts
        .iter()
        .zip(&chapters)
        .map(|(handout, chapter)| Contents {
            title: &handout.title,
            language: handout.lang.as_str(),
            dir: handout.lang.direction().dir(),
            summary: handout.summary(),
            href: chapter.href.clone(),
        })
        .collect();
    let title_page = ctx.layouts.render(
        "epub/title.xhtml",
        TitlePage {
            language,
            dir: Lang::parse(language).direction().dir(),
            title: &plan.title,
            publisher: organization.and_then(|o| o.name.as_deref()),
            website: organization.and_then(|o| o.website.as_deref()),
            phone: organization.and_then(|o| o.phone.as_deref()),
            handouts: &contents,
        },
    )?;
    book.add_content(EpubContent::new(TITLE_PAGE, title_page.as_bytes()))
        .map_err(failed)?;
    for (n, chapter) in chapters.into_iter().enumerate() {
        let content = match n {
            0 => chapter.content.reftype(ReferenceType::Text),
            _ => chapter.content,
        };
        book.add_content(content).map_err(failed)?;
    }

    let mut bytes = Vec::new();
    book.generate(&mut bytes).map_err(failed)?;
    finish::finish(
        &bytes,
        &finish::Book {
            language,
            landmarks: &labels.landmarks,
            uuid: metadata::uuid(&plan.id),
            identifier: plan.identifier.as_deref().map(str::trim),
            chapters: contents
                .iter()
                .map(|c| (c.href.as_str(), c.language))
                .collect(),
        },
    )
}

/// Gives epub-builder the booklet's metadata: title, language, generator, identifier, date,
/// authors, description, publisher and the accessibility metadata true of a book showing
/// `images`, and the name of its table of contents, `contents`.
fn describe(
    book: &mut EpubBuilder<ZipLibrary>,
    ctx: &RenderContext<'_>,
    plan: &Plan<'_>,
    images: metadata::Images,
    contents: &str,
) -> Result<(), Error> {
    book.set_title(escape::xml_chars(&plan.title));
    let language = Lang::parse(plan.language(&ctx.config.language));
    book.set_lang(language.as_str());
    // Pages turn from right to left in a booklet of right-to-left handouts (set as
    // metadata: `epub_direction` sets a field epub-builder 0.8.2 never writes).
    if language.direction() == Direction::Rtl {
        book.metadata("direction", PageDirection::Rtl.to_string())
            .map_err(failed)?;
    }
    book.set_generator("handout");
    book.set_toc_name(escape::xml_chars(contents));
    book.set_uuid(metadata::uuid(&plan.id));
    book.set_modified_date(metadata::modified(ctx.timestamp)?);
    for author in authors(plan) {
        book.add_author(escape::xml_chars(author));
    }
    let summaries: Vec<&str> = plan
        .handouts
        .iter()
        .filter_map(|h| h.summary())
        .filter(|s| !s.is_empty())
        .collect();
    if !summaries.is_empty() {
        book.add_description(escape::xml_chars(&summaries.join(" ")));
    }
    let publisher = ctx
        .config
        .organization
        .as_ref()
        .and_then(|o| o.name.as_deref());
    let properties = publisher
        .map(|name| ("dcterms:publisher", name.to_owned()))
        .into_iter()
        .chain(
            metadata::accessibility(images)
                .into_iter()
                .map(|entry| (entry.property, entry.value)),
        );
    for (property, value) in properties {
        // epub-builder escapes the other metadata, but writes a `<meta>`'s content as given.
        book.add_metadata_opf(Box::new(MetadataOpfV3::new(
            property.into(),
            escape::escape(&value),
        )));
    }
    Ok(())
}

/// The handouts' authors, each once, in order of first appearance.
fn authors<'a>(plan: &Plan<'a>) -> Vec<&'a str> {
    let mut authors: Vec<&str> = Vec::new();
    for author in plan
        .handouts
        .iter()
        .filter_map(|h| h.meta.author.as_deref())
    {
        if !authors.contains(&author.trim()) {
            authors.push(author.trim());
        }
    }
    authors
}

/// Adds the stylesheet, and with `embed_fonts` the font files and their `@font-face` rules.
fn add_style(ctx: &RenderContext<'_>, book: &mut EpubBuilder<ZipLibrary>) -> Result<(), Error> {
    let mut css = ctx.layouts.file("epub/style.css")?;
    if ctx.config.epub.embed_fonts {
        css.push('\n');
        css.push_str(&ctx.layouts.file("epub/fonts.css")?);
        for (name, bytes) in fonts::embedded(ctx.fonts) {
            book.add_resource(format!("fonts/{name}"), bytes, "font/ttf")
                .map_err(failed)?;
        }
    }
    book.stylesheet(css.as_bytes()).map_err(failed)?;
    Ok(())
}

/// Renders each handout of the booklet as a chapter page, with its entry (and its sections'
/// entries) for the table of contents.
fn chapters(
    ctx: &RenderContext<'_>,
    plan: &Plan<'_>,
    images: &[BTreeMap<String, String>],
) -> Result<Vec<Chapter>, Error> {
    plan.handouts
        .iter()
        .zip(images)
        .map(|(handout, hrefs)| {
            let chapter = xhtml::chapter(&handout.document, hrefs);
            let href = chapter_href(handout);
            let page = ctx.layouts.render(
                "epub/chapter.xhtml",
                ChapterPage {
                    language: handout.lang.as_str(),
                    dir: handout.lang.direction().dir(),
                    title: &handout.title,
                    summary: handout.summary(),
                    body: Value::from_safe_string(chapter.body),
                    notes: Value::from_safe_string(chapter.notes),
                },
            )?;
            let content = chapter.sections.iter().fold(
                EpubContent::new(href.clone(), Cursor::new(page))
                    .title(escape::xml_chars(&handout.title)),
                |content, section| {
                    content.child(TocElement::new(
                        format!("{href}#{}", section.id),
                        escape::xml_chars(&section.title),
                    ))
                },
            );
            Ok(Chapter { href, content })
        })
        .collect()
}

/// An error of epub-builder, or of its zip writer: both work in memory on what this module
/// made, so it is a fault of handout's.
fn failed(e: epub_builder::Error) -> Error {
    Error::Internal(format!("could not bind the booklet: {e}"))
}
