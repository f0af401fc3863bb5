//! The last step of a booklet: the book epub-builder wrote, corrected where it falls short of
//! EPUBCheck and DAISY Ace or of what `handout.yaml` asks, then zipped again.
//!
//! Each correction replaces a fragment of a file as epub-builder 0.8.2 writes it, and must
//! find that fragment exactly once: should epub-builder change its output, the build fails
//! with an error instead of quietly shipping a book without the correction. User text never
//! matches a fragment, since epub-builder escapes it and every fragment holds markup.
//! The zip is written again with `mimetype` first and stored, and every entry dated
//! 1980-01-01, so the same book always gives the same bytes.

use std::io::{Read, Write};

use uuid::Uuid;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::escape;
use crate::error::Error;
use crate::lang::Lang;

/// What the corrections need to know of the booklet.
pub struct Book<'a> {
    /// The booklet's language.
    pub language: &'a str,
    /// The name of its landmarks, in that language.
    pub landmarks: &'a str,
    /// The UUID epub-builder was given as the identifier.
    pub uuid: Uuid,
    /// The identifier configured in `handout.yaml`, which replaces the UUID.
    pub identifier: Option<&'a str>,
    /// Each chapter's file and language.
    pub chapters: Vec<(&'a str, &'a str)>,
}

const PACKAGE: &str = "OEBPS/content.opf";
const NAV: &str = "OEBPS/nav.xhtml";

/// One correction: in `file`, `find` becomes `replace`, at the one place it is found or, for
/// a fix of `every` place, at each of them.
struct Fix {
    file: &'static str,
    find: String,
    replace: String,
    every: bool,
}

impl Fix {
    /// A correction of the one place where `find` is.
    fn once(file: &'static str, find: impl Into<String>, replace: String) -> Self {
        Fix {
            file,
            find: find.into(),
            replace,
            every: false,
        }
    }
}

/// The corrections of a book epub-builder wrote for `book`.
fn fixes(book: &Book<'_>) -> Vec<Fix> {
    let lang = escape::escape(book.language);
    let mut fixes = vec![
        // DAISY Ace `epub-lang` (serious): the package document has an `xml:lang`.
        Fix::once(
            PACKAGE,
            r#"<package version="3.0" xmlns="http://www.idpf.org/2007/opf" unique-identifier="epub-id-1">"#,
            format!(
                r#"<package version="3.0" xmlns="http://www.idpf.org/2007/opf" unique-identifier="epub-id-1" xml:lang="{lang}">"#
            ),
        ),
        // DAISY Ace `html-has-lang` (serious): the nav document has a `lang`, and the
        // `xml:lang` EPUB 3 wants beside it.
        Fix::once(
            NAV,
            r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">"#,
            format!(
                r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}" dir="{dir}">"#,
                dir = Lang::parse(book.language).direction().dir()
            ),
        ),
        // DAISY Ace `epub-type-has-matching-role` and `landmark-unique` (moderate): the
        // table of contents has the role `doc-toc` and is named by its heading…
        Fix::once(
            NAV,
            r#"<nav epub:type = "toc" id="toc">"#,
            r#"<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">"#.into(),
        ),
        // …and the landmarks have a name of their own; reading systems show them their own
        // way, so the list itself stays hidden.
        Fix::once(
            NAV,
            r#"<nav epub:type = "landmarks">"#,
            format!(
                r#"<nav epub:type="landmarks" id="landmarks" aria-label="{}" hidden="hidden">"#,
                escape::escape(book.landmarks)
            ),
        ),
    ];
    // WCAG 3.1.2 (language of parts): links to a chapter in another language than the
    // booklet's say so, as the chapter itself does.
    for (href, language) in &book.chapters {
        if *language != book.language {
            let language = escape::escape(language);
            fixes.push(Fix {
                file: NAV,
                find: format!(r#"<a href="{href}"#),
                replace: format!(r#"<a lang="{language}" xml:lang="{language}" href="{href}"#),
                every: true,
            });
        }
    }
    // epub-builder takes a UUID only: a configured identifier replaces it.
    if let Some(identifier) = book.identifier {
        fixes.push(Fix::once(
            PACKAGE,
            format!(
                r#"<dc:identifier id="epub-id-1">{}</dc:identifier>"#,
                book.uuid.urn()
            ),
            format!(
                r#"<dc:identifier id="epub-id-1">{}</dc:identifier>"#,
                escape::escape(identifier)
            ),
        ));
    }
    fixes
}

/// Corrects the book epub-builder wrote (`epub`, the zip's bytes) and zips it again.
pub fn finish(epub: &[u8], book: &Book<'_>) -> Result<Vec<u8>, Error> {
    let mut files = unzip(epub)?;
    for fix in fixes(book) {
        let Some((_, bytes)) = files.iter_mut().find(|(path, _)| path == fix.file) else {
            return Err(unexpected(fix.file, "is missing"));
        };
        let text = std::str::from_utf8(bytes).map_err(|_| unexpected(fix.file, "is not UTF-8"))?;
        let found = text.matches(&fix.find).count();
        if found == 0 || (found > 1 && !fix.every) {
            return Err(unexpected(
                fix.file,
                &format!("holds `{}` {found} times, not once", fix.find),
            ));
        }
        *bytes = text.replace(&fix.find, &fix.replace).into_bytes();
    }
    zip(&files)
}

/// The entries of a zip, in order: path and bytes.
fn unzip(epub: &[u8]) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut archive = ZipArchive::new(std::io::Cursor::new(epub)).map_err(zip_failed)?;
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).map_err(zip_failed)?;
            let mut bytes = Vec::new();
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| zip_failed(e.into()))?;
            Ok((entry.name().to_owned(), bytes))
        })
        .collect()
}

/// Zips `files`, in order: `mimetype` stored, the rest deflated, all dated 1980-01-01.
fn zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, Error> {
    let options = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, bytes) in files {
        let method = match path.as_str() {
            "mimetype" => CompressionMethod::Stored,
            _ => CompressionMethod::Deflated,
        };
        zip.start_file(path, options.compression_method(method))
            .map_err(zip_failed)?;
        zip.write_all(bytes).map_err(|e| zip_failed(e.into()))?;
    }
    Ok(zip.finish().map_err(zip_failed)?.into_inner())
}

/// The zip library failed on a book held in memory: nothing the user did or any file
/// could cause that.
fn zip_failed(e: zip::result::ZipError) -> Error {
    Error::Internal(format!("could not write the booklet's zip container: {e}"))
}

/// epub-builder wrote something other than what the corrections expect: the pinned version
/// changed, or a correction is wrong.
fn unexpected(file: &str, problem: &str) -> Error {
    Error::Internal(format!(
        "the booklet's `{file}`, as epub-builder wrote it, {problem}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use epub_builder::{EpubBuilder, EpubContent, EpubVersion, TocElement, ZipLibrary};

    type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

    const PAGE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>A</title></head><body><h1 id=\"s\">A</h1></body></html>\n";

    const UUID: Uuid = Uuid::from_u128(7);

    /// A book as epub-builder writes it: one chapter in English, one in Spanish, modified
    /// at a fixed time (epub-builder's default is the clock's, which would make two books
    /// written a second apart differ).
    fn written() -> Result<Vec<u8>> {
        let mut book = EpubBuilder::new(ZipLibrary::new()?)?;
        book.epub_version(EpubVersion::V30);
        book.set_modified_date(crate::render::epub::metadata::modified(1_700_000_000)?);
        book.set_lang("en");
        book.set_uuid(UUID);
        book.add_author("Ann");
        book.add_content(
            EpubContent::new("one.xhtml", PAGE.as_bytes())
                .title("One")
                .reftype(epub_builder::ReferenceType::Text),
        )?;
        book.add_content(
            EpubContent::new("dos.xhtml", PAGE.as_bytes())
                .title("Dos")
                .child(TocElement::new("dos.xhtml#s", "Sección")),
        )?;
        let mut bytes = Vec::new();
        book.generate(&mut bytes)?;
        Ok(bytes)
    }

    /// What the corrections know of [`written`]'s book.
    fn book(identifier: Option<&str>) -> Book<'_> {
        Book {
            language: "en",
            landmarks: "Landmarks",
            uuid: UUID,
            identifier,
            chapters: vec![("one.xhtml", "en"), ("dos.xhtml", "es")],
        }
    }

    /// The text of the file `name` of the finished book.
    fn finished(identifier: Option<&str>, name: &str) -> Result<String> {
        let files = unzip(&finish(&written()?, &book(identifier))?)?;
        let (_, bytes) = files
            .into_iter()
            .find(|(path, _)| path == name)
            .ok_or(format!("no {name}"))?;
        Ok(String::from_utf8(bytes)?)
    }

    #[test]
    fn mimetype_comes_first_and_stored_and_every_entry_has_the_fixed_date() -> Result<()> {
        let epub = finish(&written()?, &book(None))?;
        let mut archive = ZipArchive::new(std::io::Cursor::new(&epub))?;
        let first = archive.by_index(0)?;
        assert_eq!(first.name(), "mimetype");
        assert_eq!(first.compression(), CompressionMethod::Stored);
        drop(first);
        for i in 0..archive.len() {
            let entry = archive.by_index(i)?;
            assert_eq!(
                entry.last_modified(),
                Some(DateTime::default()),
                "{}",
                entry.name()
            );
        }
        assert_eq!(epub, finish(&written()?, &book(None))?);
        Ok(())
    }

    #[test]
    fn every_correction_lands_where_epub_builder_fell_short() -> Result<()> {
        let package = finished(None, PACKAGE)?;
        assert!(package.contains("unique-identifier=\"epub-id-1\" xml:lang=\"en\">"));
        assert!(package.contains(&format!(">{}</dc:identifier>", UUID.urn())));
        let nav = finished(None, NAV)?;
        for expected in [
            "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"en\" xml:lang=\"en\" dir=\"ltr\">",
            "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">",
            "<nav epub:type=\"landmarks\" id=\"landmarks\" aria-label=\"Landmarks\" hidden=\"hidden\">",
            "<a lang=\"es\" xml:lang=\"es\" href=\"dos.xhtml\">Dos</a>",
            "<a lang=\"es\" xml:lang=\"es\" href=\"dos.xhtml#s\">Sección</a>",
            "<a href=\"one.xhtml\">One</a>",
        ] {
            assert!(nav.contains(expected), "nav lacks {expected:?}:\n{nav}");
        }
        Ok(())
    }

    #[test]
    fn a_configured_identifier_replaces_the_uuid_escaped() -> Result<()> {
        let package = finished(Some("urn:x:a&b"), PACKAGE)?;
        assert!(package.contains("<dc:identifier id=\"epub-id-1\">urn:x:a&amp;b</dc:identifier>"));
        assert!(!package.contains("urn:uuid:"));
        Ok(())
    }

    #[test]
    fn a_book_without_a_fragment_to_correct_is_an_error() -> Result<()> {
        let epub = zip(&[
            ("mimetype".to_owned(), b"application/epub+zip".to_vec()),
            (PACKAGE.to_owned(), b"<package/>".to_vec()),
        ])?;
        let error = finish(&epub, &book(None)).err().ok_or("finished anyway")?;
        assert!(matches!(error, Error::Internal(_)), "{error:?}");
        assert!(error
            .to_string()
            .contains("`OEBPS/content.opf`, as epub-builder wrote it, holds"));
        Ok(())
    }
}
