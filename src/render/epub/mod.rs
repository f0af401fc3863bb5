//! EPUB 3 booklets: several handouts bound into one `epub/<id>.epub` for phones and e-readers.
//!
//! [`booklets`] is the entry point. Each handout becomes a chapter written by [`xhtml`] (raw
//! HTML through the allow-list in [`html`]) and arranged by `layouts/epub/chapter.xhtml`.
//! The title page, nav document, NCX and package document come from the other templates in
//! `layouts/epub/`, with identifier, date and accessibility metadata worked out in
//! [`metadata`]; [`images`] gathers the pictures and [`package`] zips it all.
//! Nothing depends on the clock or the machine: the identifier is a UUID derived from the
//! booklet id, `dcterms:modified` is the build's timestamp and the zip entries carry fixed
//! dates, so the same inputs give the same bytes.

mod fonts;
mod html;
mod images;
mod metadata;
mod package;
mod xhtml;

use std::collections::BTreeMap;
use std::path::PathBuf;

use minijinja::Value;
use serde::Serialize;

use super::{Output, RenderContext};
use crate::content::{slugify, Handout};
use crate::error::Error;

/// Renders every booklet: those listed under `booklets:`, or one of every handout.
pub fn booklets(ctx: &RenderContext<'_>) -> Result<Vec<Output>, Error> {
    plans(ctx)?
        .iter()
        .map(|plan| {
            Ok(Output {
                path: PathBuf::from(format!("epub/{}.epub", plan.id)),
                bytes: booklet(ctx, plan)?,
            })
        })
        .collect()
}

/// One booklet to build.
struct Plan<'a> {
    id: String,
    title: String,
    identifier: Option<String>,
    handouts: Vec<&'a Handout>,
}

fn plans<'a>(ctx: &RenderContext<'a>) -> Result<Vec<Plan<'a>>, Error> {
    let Some(booklets) = &ctx.config.booklets else {
        return Ok(vec![Plan {
            id: slugify(&ctx.config.title),
            title: ctx.config.title.clone(),
            identifier: None,
            handouts: ctx.handouts.iter().collect(),
        }]);
    };
    booklets
        .iter()
        .map(|booklet| {
            let handouts = booklet
                .handouts
                .iter()
                .map(|slug| {
                    ctx.handouts
                        .iter()
                        .find(|h| &h.slug == slug)
                        .ok_or_else(|| {
                            Error::Usage(format!(
                                "booklet `{}` names `{slug}`, but there is no such handout",
                                booklet.id
                            ))
                        })
                })
                .collect::<Result<_, _>>()?;
            Ok(Plan {
                id: booklet.id.clone(),
                title: booklet.title.clone(),
                identifier: booklet.identifier.clone(),
                handouts,
            })
        })
        .collect()
}

/// What `layouts/epub/chapter.xhtml` sees.
#[derive(Serialize)]
struct ChapterPage<'a> {
    language: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    body: Value,
    notes: Value,
}

/// What `layouts/epub/title.xhtml` sees.
#[derive(Serialize)]
struct TitlePage<'a> {
    language: &'a str,
    title: &'a str,
    publisher: Option<&'a str>,
    website: Option<&'a str>,
    phone: Option<&'a str>,
    handouts: &'a [Contents<'a>],
}

/// What `layouts/epub/nav.xhtml` and `layouts/epub/toc.ncx` see.
#[derive(Serialize)]
struct Navigation<'a> {
    language: &'a str,
    title: &'a str,
    identifier: &'a str,
    title_page: &'static str,
    body_start: String,
    chapters: Vec<Contents<'a>>,
}

/// A chapter or a section as the title page, nav and NCX list it; `order` is its place in
/// the NCX's play order.
#[derive(Serialize)]
struct Contents<'a> {
    title: String,
    language: &'a str,
    summary: Option<&'a str>,
    href: String,
    order: usize,
    sections: Vec<Contents<'a>>,
}

/// What `layouts/epub/package.opf` sees.
#[derive(Serialize)]
struct PackagePage<'a> {
    language: &'a str,
    title: &'a str,
    identifier: &'a str,
    authors: Vec<&'a str>,
    publisher: Option<&'a str>,
    description: String,
    modified: String,
    accessibility: Vec<metadata::Property>,
    manifest: Vec<Item>,
    spine: Vec<String>,
}

/// One file of the book, as the manifest lists it.
#[derive(Serialize)]
struct Item {
    id: String,
    href: String,
    media_type: &'static str,
}

const XHTML: &str = "application/xhtml+xml";
const TITLE_PAGE: &str = "title-page.xhtml";

/// The chapter file of a handout.
fn chapter_href(handout: &Handout) -> String {
    format!("handout-{}.xhtml", handout.slug)
}

/// A booklet's files under `OEBPS/`, with their manifest entries and reading order.
#[derive(Default)]
struct Book {
    files: Vec<(String, Vec<u8>)>,
    manifest: Vec<Item>,
    spine: Vec<String>,
}

impl Book {
    /// Adds a resource: a stylesheet, a font, an image.
    fn add(&mut self, id: String, href: String, media_type: &'static str, bytes: Vec<u8>) {
        self.files.push((format!("OEBPS/{href}"), bytes));
        self.manifest.push(Item {
            id,
            href,
            media_type,
        });
    }

    /// Adds a page, next in reading order.
    fn add_page(&mut self, id: String, href: String, page: String) {
        self.spine.push(id.clone());
        self.add(id, href, XHTML, page.into_bytes());
    }
}

fn booklet(ctx: &RenderContext<'_>, plan: &Plan<'_>) -> Result<Vec<u8>, Error> {
    let language = ctx.config.language.as_str();
    let title = plan.title.as_str();
    let identifier = metadata::identifier(&plan.id, plan.identifier.as_deref());
    let organization = ctx.config.organization.as_ref();
    let publisher = organization.and_then(|o| o.name.as_deref());
    let images = images::collect(ctx.root, &plan.handouts)?;
    let mut book = Book::default();
    add_style(ctx, &mut book)?;
    for (n, (href, media_type, path)) in images.files.iter().enumerate() {
        let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
        book.add(format!("image-{}", n + 1), href.clone(), media_type, bytes);
    }

    let (chapters, pages) = chapters(ctx, plan, &images.hrefs)?;
    let title_page = ctx.layouts.render(
        "epub/title.xhtml",
        TitlePage {
            language,
            title,
            publisher,
            website: organization.and_then(|o| o.website.as_deref()),
            phone: organization.and_then(|o| o.phone.as_deref()),
            handouts: &chapters,
        },
    )?;
    book.add_page("title-page".into(), TITLE_PAGE.into(), title_page);
    for (n, (chapter, page)) in chapters.iter().zip(pages).enumerate() {
        book.add_page(format!("chapter-{}", n + 1), chapter.href.clone(), page);
    }

    let navigation = Navigation {
        language,
        title,
        identifier: &identifier,
        title_page: TITLE_PAGE,
        body_start: chapters.first().map(|c| c.href.clone()).unwrap_or_default(),
        chapters,
    };
    let nav = ctx.layouts.render("epub/nav.xhtml", &navigation)?;
    let ncx = ctx.layouts.render("epub/toc.ncx", &navigation)?;
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
    let summaries: Vec<&str> = plan
        .handouts
        .iter()
        .filter_map(|h| h.summary())
        .filter(|s| !s.is_empty())
        .collect();
    let opf = ctx.layouts.render(
        "epub/package.opf",
        PackagePage {
            language,
            title,
            identifier: &identifier,
            authors,
            publisher,
            description: summaries.join(" "),
            modified: metadata::modified(ctx.timestamp),
            accessibility: metadata::accessibility(images.count, publisher),
            manifest: book.manifest,
            spine: book.spine,
        },
    )?;
    let mut files = vec![
        (package::PACKAGE_PATH.to_owned(), opf.into_bytes()),
        ("OEBPS/nav.xhtml".to_owned(), nav.into_bytes()),
        ("OEBPS/toc.ncx".to_owned(), ncx.into_bytes()),
    ];
    files.extend(book.files);
    package::zip(&files)
}

/// Adds the stylesheet, and with `embed_fonts` the font files and their `@font-face` rules.
fn add_style(ctx: &RenderContext<'_>, book: &mut Book) -> Result<(), Error> {
    let mut css = ctx.layouts.file("epub/style.css")?;
    if ctx.config.epub.embed_fonts {
        css.push('\n');
        css.push_str(&ctx.layouts.file("epub/fonts.css")?);
        for (n, font) in fonts::FONTS.iter().enumerate() {
            let bytes = fonts::load(ctx.root, font)?;
            let href = format!("fonts/{}", font.name);
            book.add(format!("font-{}", n + 1), href, "font/ttf", bytes);
        }
    }
    book.add(
        "style".into(),
        "style.css".into(),
        "text/css",
        css.into_bytes(),
    );
    Ok(())
}

/// Renders each handout of the booklet as a chapter page, with its entry (and its sections'
/// entries) for the contents, numbered in play order.
fn chapters<'a>(
    ctx: &RenderContext<'_>,
    plan: &Plan<'a>,
    images: &[BTreeMap<String, String>],
) -> Result<(Vec<Contents<'a>>, Vec<String>), Error> {
    let mut order = 0;
    let mut entries = Vec::new();
    let mut pages = Vec::new();
    for (handout, hrefs) in plan.handouts.iter().zip(images) {
        let chapter = xhtml::chapter(&handout.document, hrefs);
        let href = chapter_href(handout);
        order += 1;
        let mut entry = Contents {
            title: handout.title.clone(),
            language: &handout.language,
            summary: handout.summary(),
            href: href.clone(),
            order,
            sections: Vec::new(),
        };
        for section in &chapter.sections {
            order += 1;
            entry.sections.push(Contents {
                title: section.title.clone(),
                language: &handout.language,
                summary: None,
                href: format!("{href}#{}", section.id),
                order,
                sections: Vec::new(),
            });
        }
        entries.push(entry);
        pages.push(ctx.layouts.render(
            "epub/chapter.xhtml",
            ChapterPage {
                language: &handout.language,
                title: &handout.title,
                summary: handout.summary(),
                body: Value::from_safe_string(chapter.body),
                notes: Value::from_safe_string(chapter.notes),
            },
        )?);
    }
    Ok((entries, pages))
}
