//! EPUB 3 booklets: several handouts bound into one `epub/<id>.epub` for phones and e-readers.
//!
//! [`booklets`] is the entry point. Each handout becomes a chapter written by [`xhtml`] (raw
//! HTML through the allow-list in [`html`]) and arranged by `layouts/epub/chapter.xhtml`; a
//! title page comes from `layouts/epub/title.xhtml` and the stylesheet from
//! `layouts/epub/style.css`. epub-builder packages them with the nav document, the NCX and the
//! package metadata, to which [`metadata`] adds the publisher and accessibility metadata.
//! Nothing depends on the clock or the machine: the identifier is a UUID derived from the
//! booklet id, `dcterms:modified` is the build's timestamp and the zip entries carry fixed
//! dates, so the same inputs give the same bytes.

mod fonts;
mod html;
mod metadata;
mod package;
mod xhtml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::Value;
use serde::Serialize;

use super::{Output, RenderContext};
use crate::assets;
use crate::content::document::InlineKind;
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

/// The images of a booklet: where each handout's references point in the book, and the
/// files to bundle.
#[derive(Default)]
struct Images {
    /// Per handout: reference as written → path in the book.
    hrefs: Vec<BTreeMap<String, String>>,
    /// Path in the book, media type and source file, in order of first use.
    files: Vec<(String, &'static str, PathBuf)>,
    /// Images shown, and how many of them have alternative text.
    count: metadata::Images,
}

fn collect_images(root: &Path, handouts: &[&Handout]) -> Result<Images, Error> {
    let mut images = Images::default();
    let mut by_file: BTreeMap<PathBuf, String> = BTreeMap::new();
    for handout in handouts {
        let mut hrefs = BTreeMap::new();
        let mut refused = None;
        handout.document.walk_inlines(&mut |inline| {
            let InlineKind::Image { url, alt, .. } = &inline.kind else {
                return;
            };
            images.count.count += 1;
            if !alt.trim().is_empty() {
                images.count.described += 1;
            }
            match assets::resolve_image(root, &handout.source.path, url) {
                Ok(image) => {
                    let next = by_file.len() + 1;
                    let href = by_file.entry(image.path.clone()).or_insert_with(|| {
                        let href = format!("images/{next}.{}", image.extension);
                        images
                            .files
                            .push((href.clone(), image.media_type, image.path));
                        href
                    });
                    hrefs.insert(url.clone(), href.clone());
                }
                Err(refusal) => {
                    let (line, column) = handout.source.line_col(inline.span.start);
                    refused.get_or_insert(format!(
                        "{}:{line}:{column}: {}",
                        handout.source.path.display(),
                        refusal.message(url)
                    ));
                }
            }
        });
        if let Some(message) = refused {
            return Err(Error::Usage(message));
        }
        images.hrefs.push(hrefs);
    }
    Ok(images)
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

/// A booklet's files under `OEBPS/`, with their manifest entries.
struct Book {
    files: Vec<(String, Vec<u8>)>,
    manifest: Vec<Item>,
}

impl Book {
    fn add(&mut self, id: String, href: String, media_type: &'static str, bytes: Vec<u8>) {
        self.files.push((format!("OEBPS/{href}"), bytes));
        self.manifest.push(Item {
            id,
            href,
            media_type,
        });
    }
}

fn booklet(ctx: &RenderContext<'_>, plan: &Plan<'_>) -> Result<Vec<u8>, Error> {
    let language = ctx.config.language.as_str();
    let title = plan.title.as_str();
    let identifier = metadata::identifier(&plan.id, plan.identifier.as_deref());
    let organization = ctx.config.organization.as_ref();
    let publisher = organization.and_then(|o| o.name.as_deref());
    let images = collect_images(ctx.root, &plan.handouts)?;
    let mut book = Book {
        files: Vec::new(),
        manifest: Vec::new(),
    };

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
    for (n, (href, media_type, path)) in images.files.iter().enumerate() {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        book.add(format!("image-{}", n + 1), href.clone(), media_type, bytes);
    }

    let mut order = 0;
    let mut chapters = Vec::new();
    let mut pages = Vec::new();
    for (handout, hrefs) in plan.handouts.iter().zip(&images.hrefs) {
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
        chapters.push(entry);
        let page = ctx.layouts.render(
            "epub/chapter.xhtml",
            ChapterPage {
                language: &handout.language,
                title: &handout.title,
                summary: handout.summary(),
                body: Value::from_safe_string(chapter.body),
                notes: Value::from_safe_string(chapter.notes),
            },
        )?;
        pages.push((href, page));
    }

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
    let mut spine = vec!["title-page".to_owned()];
    book.add(
        "title-page".into(),
        TITLE_PAGE.into(),
        XHTML,
        title_page.into_bytes(),
    );
    for (n, (href, page)) in pages.into_iter().enumerate() {
        let id = format!("chapter-{}", n + 1);
        spine.push(id.clone());
        book.add(id, href, XHTML, page.into_bytes());
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
    let opf = ctx.layouts.render(
        "epub/package.opf",
        PackagePage {
            language,
            title,
            identifier: &identifier,
            authors,
            publisher,
            description: plan
                .handouts
                .iter()
                .filter_map(|h| h.summary())
                .collect::<Vec<_>>()
                .join(" "),
            modified: metadata::modified(ctx.timestamp),
            accessibility: metadata::accessibility(images.count, publisher),
            manifest: book.manifest,
            spine,
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
