//! The EPUB container: a zip whose first entry is the uncompressed `mimetype`, then
//! `META-INF/container.xml` pointing at the package document, then the book's files.
//!
//! Every entry carries the same fixed date, so the same files always give the same bytes.

use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::error::Error;

/// Where the package document lies in the container.
pub const PACKAGE_PATH: &str = "OEBPS/package.opf";

const CONTAINER_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"#;

/// Zips `files` (paths inside the container, bytes) into an EPUB.
pub fn zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, Error> {
    let options = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let stored = options.compression_method(CompressionMethod::Stored);
    let deflated = options.compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let entries = [
        ("mimetype", "application/epub+zip".as_bytes(), stored),
        ("META-INF/container.xml", CONTAINER_XML.as_bytes(), deflated),
    ]
    .into_iter()
    .chain(
        files
            .iter()
            .map(|(path, bytes)| (path.as_str(), bytes.as_slice(), deflated)),
    );
    for (path, bytes, options) in entries {
        zip.start_file(path, options).map_err(failed)?;
        zip.write_all(bytes).map_err(|e| failed(e.into()))?;
    }
    Ok(zip.finish().map_err(failed)?.into_inner())
}

fn failed(e: zip::result::ZipError) -> Error {
    Error::Usage(format!("could not write the booklet's zip container: {e}"))
}
