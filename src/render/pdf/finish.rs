//! Finishing the file in lopdf: what printpdf leaves out or gets wrong.
//!
//! Puts each page's own content stream ([`super::content`]) in place of printpdf's, writes
//! the structure tree ([`super::tags`]) and marks the file as tagged (unless it is a print
//! file), sets the document
//! information (title, subject, author, creator, dates from `SOURCE_DATE_EPOCH`) and the same
//! facts as XMP metadata ([`super::xmp`], with the PDF/UA-1 identification), the catalog's
//! `/Lang`, `/ViewerPreferences` and a hierarchical outline, names the subset fonts
//! `ABCDEF+Name`, drops printpdf's empty PDF/X key, compresses every stream but the metadata
//! and derives the file identifier from the content, so the same handout always gives the
//! same bytes.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use rayon::prelude::*;

use crate::error::Error;
use crate::fonts::FontBook;
use crate::lang::Direction;
use crate::typeset::paged::{Bookmark, Paged};

use super::deflate::{deflate, Content};
use super::draw::{Embedded, Marks};
use super::info::{info, text_string, Meta};
use super::{tags, xmp, Flip, Options};

/// What [`super::draw`] made beside printpdf's document.
pub struct Drawing<'a> {
    /// Per page, what its marked content and annotations belong to.
    pub marks: &'a [Marks],
    /// The faces embedded.
    pub fonts: &'a [Embedded],
    /// The pages' content streams (from [`deflate::each`](super::deflate::each)).
    pub contents: Vec<Content>,
}

/// Finishes `doc`, printpdf's document of `paged` set in `fonts` and drawn as `drawing`,
/// and returns the file's bytes.
pub fn finish(
    mut doc: Document,
    paged: &Paged,
    mut drawing: Drawing<'_>,
    fonts: &FontBook,
    options: &Options,
) -> Result<Vec<u8>, Error> {
    let meta = &Meta {
        title: paged.info.title.clone(),
        subject: paged.info.subject.clone(),
        author: paged.info.author.clone(),
        language: paged.info.lang.as_str().to_owned(),
        timestamp: options.timestamp,
        tagged: options.tagged,
    };
    doc.version = "1.7".to_owned();
    let info_id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|_| broken("no document information"))?;
    doc.objects.insert(info_id, Object::Dictionary(info(meta)));
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| broken("no catalog"))?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let contents = std::mem::take(&mut drawing.contents);
    for (&page, content) in pages.iter().zip(contents) {
        let id = doc
            .get_dictionary(page)
            .and_then(|page| page.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|_| broken("a page without content"))?;
        let mut stream = Stream::new(Dictionary::new(), Vec::new());
        set_content(&mut stream, content);
        // Compressed already, or not worth compressing.
        stream.allows_compression = false;
        doc.objects.insert(id, Object::Stream(stream));
    }
    // Every other stream there will be is in place: they are compressed while the
    // structure, outline and catalog are written.
    let streams = take_streams(&mut doc);
    let (compressed, written) = rayon::join(
        || compress(streams),
        || catalog(&mut doc, root_id, meta, paged, &pages, &drawing, fonts),
    );
    written?;
    for (id, content) in compressed {
        if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
            set_content(stream, content);
        }
    }
    // printpdf's identifier is random: the file's own is derived from its content instead.
    // It is written as a placeholder of the same length, then filled in with the hash of
    // the file around it, so the document is serialised once.
    let placeholder = Object::String(vec![0; 16], StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| broken(&e.to_string()))?;
    fill_id(&mut bytes).ok_or_else(|| broken("no file identifier"))?;
    Ok(bytes)
}

/// The error for a document printpdf left without a part it always makes.
fn broken(what: &str) -> Error {
    Error::Internal(format!("could not finish the PDF: {what}"))
}

/// Writes the outline, the structure tree and the metadata stream, and completes the
/// catalog and the font names.
fn catalog(
    doc: &mut Document,
    root_id: ObjectId,
    meta: &Meta,
    paged: &Paged,
    pages: &[ObjectId],
    drawing: &Drawing<'_>,
    fonts: &FontBook,
) -> Result<(), Error> {
    let outlines = add_outline(doc, &paged.outline, paged, pages);
    let structure = if meta.tagged {
        Some(tags::write(doc, pages, &paged.tree, drawing.marks).map_err(|e| broken(&e))?)
    } else {
        None
    };
    let metadata = doc.add_object(
        Stream::new(
            Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Metadata".to_vec())),
                ("Subtype", Object::Name(b"XML".to_vec())),
            ]),
            xmp::packet(meta).into_bytes(),
        )
        .with_compression(false),
    );
    let catalog = doc
        .get_dictionary_mut(root_id)
        .map_err(|_| broken("no catalog"))?;
    catalog.set("Lang", Object::string_literal(meta.language.as_str()));
    if let Some(structure) = structure {
        catalog.set("StructTreeRoot", Object::Reference(structure));
        catalog.set(
            "MarkInfo",
            Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
        );
    }
    catalog.set("Metadata", Object::Reference(metadata));
    let mut preferences = Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]);
    // Pages side by side run from right to left in a right-to-left document.
    if paged.info.lang.direction() == Direction::Rtl {
        preferences.set("Direction", Object::Name(b"R2L".to_vec()));
    }
    catalog.set("ViewerPreferences", preferences);
    match outlines {
        Some(id) => {
            catalog.set("Outlines", Object::Reference(id));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => {
            catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        }
    }
    name_fonts(doc, pages.first().copied(), drawing.fonts, fonts);
    Ok(())
}

/// Makes `content` the content of `stream`, with the filter that decodes it.
fn set_content(stream: &mut Stream, content: Content) {
    if content.compressed {
        stream.dict.set("Filter", "FlateDecode");
    }
    stream.set_content(content.bytes);
}

/// Takes out the content of every stream that allows compression and has no filter yet.
fn take_streams(doc: &mut Document) -> Vec<(ObjectId, Vec<u8>)> {
    doc.objects
        .iter_mut()
        .filter_map(|(&id, object)| match object {
            Object::Stream(stream)
                if stream.allows_compression && stream.dict.get(b"Filter").is_err() =>
            {
                Some((id, std::mem::take(&mut stream.content)))
            }
            _ => None,
        })
        .collect()
}

/// Compresses each stream where that gains something, the largest first so that the
/// threads share the work evenly.
fn compress(mut streams: Vec<(ObjectId, Vec<u8>)>) -> Vec<(ObjectId, Content)> {
    streams.sort_by_key(|(id, bytes)| (std::cmp::Reverse(bytes.len()), *id));
    streams
        .into_par_iter()
        .map(|(id, bytes)| (id, deflate(bytes)))
        .collect()
}

/// The name-based (version 5) UUID of `name` in the OID namespace, as `Uuid::new_v5` makes
/// it, with a SHA-1 that uses the processor's SHA instructions where it has them.
fn name_based_uuid(name: &[u8]) -> uuid::Uuid {
    use sha1::{Digest, Sha1};
    let digest = Sha1::new()
        .chain_update(uuid::Uuid::NAMESPACE_OID.as_bytes())
        .chain_update(name)
        .finalize();
    let mut first = [0; 16];
    first.copy_from_slice(&digest[..16]);
    uuid::Builder::from_sha1_bytes(first).into_uuid()
}

/// Replaces the all-zero placeholder identifier at the end of `bytes` (both halves of the
/// trailer's `/ID`) with a name-based UUID of the whole file.
fn fill_id(bytes: &mut [u8]) -> Option<()> {
    const PLACEHOLDER: &[u8] = b"<00000000000000000000000000000000>";
    let mut buffer = [0; uuid::fmt::Simple::LENGTH];
    let hex = name_based_uuid(bytes)
        .simple()
        .encode_upper(&mut buffer)
        .as_bytes();
    let mut end = bytes.len();
    for _ in 0..2 {
        let at = bytes[..end]
            .windows(PLACEHOLDER.len())
            .rposition(|w| w == PLACEHOLDER)?;
        bytes[at + 1..at + 1 + hex.len()].copy_from_slice(hex);
        end = at;
    }
    Some(())
}

/// Builds the outline tree of `paged` from its bookmarks in reading order; returns the
/// `/Outlines` object.
fn add_outline(
    doc: &mut Document,
    entries: &[Bookmark],
    paged: &Paged,
    pages: &[ObjectId],
) -> Option<ObjectId> {
    if entries.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    // parent[i]: the nearest earlier entry of a lower level, or none (the root).
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&j| entries[j].level >= entry.level)
        {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..entries.len()).filter(|&i| parent[i] == p).collect()
    };
    let descendants = |p: usize| {
        parent
            .iter()
            .filter(|&&q| {
                let mut q = q;
                while let Some(x) = q {
                    if x == p {
                        return true;
                    }
                    q = parent[x];
                }
                false
            })
            .count()
    };
    for (i, entry) in entries.iter().enumerate() {
        let siblings = children(parent[i]);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let page = pages.get(entry.page).or(pages.first()).copied();
        let flip = Flip {
            height: paged.pages.get(entry.page).map_or(0.0, |p| p.size.height),
        };
        let top = flip.y(entry.y);
        let mut dict = Dictionary::from_iter(vec![
            ("Title", text_string(&entry.title)),
            (
                "Parent",
                Object::Reference(parent[i].map_or(root, |p| ids[p])),
            ),
        ]);
        if let Some(page) = page {
            dict.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(top),
                    Object::Null,
                ]),
            );
        }
        if at > 0 {
            dict.set("Prev", Object::Reference(ids[siblings[at - 1]]));
        }
        if let Some(&next) = siblings.get(at + 1) {
            dict.set("Next", Object::Reference(ids[next]));
        }
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dict.set("First", Object::Reference(ids[first]));
            dict.set("Last", Object::Reference(ids[last]));
            dict.set("Count", Object::Integer(descendants(i) as i64));
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let top = children(None);
    let mut outlines = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Outlines".to_vec())),
        ("Count", Object::Integer(entries.len() as i64)),
    ]);
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        outlines.set("First", Object::Reference(ids[first]));
        outlines.set("Last", Object::Reference(ids[last]));
    }
    doc.objects.insert(root, Object::Dictionary(outlines));
    Some(root)
}

/// Gives every embedded font its subset name, `ABCDEF+PostScriptName`, on the font, its
/// descendant and its descriptor alike.
fn name_fonts(doc: &mut Document, page: Option<ObjectId>, embedded: &[Embedded], fonts: &FontBook) {
    let Some(fonts_dict) = page.and_then(|p| font_dictionary(doc, p)) else {
        return;
    };
    for font in embedded {
        let name = Object::Name(
            format!("{}+{}", font.tag, fonts.face(font.face).postscript()).into_bytes(),
        );
        let Ok(Object::Reference(type0)) = fonts_dict.get(font.resource.as_bytes()) else {
            continue;
        };
        let mut descriptors = Vec::new();
        let mut descendants = Vec::new();
        if let Ok(dict) = doc.get_dictionary_mut(*type0) {
            dict.set("BaseFont", name.clone());
            if let Ok(Object::Array(fonts)) = dict.get_mut(b"DescendantFonts") {
                for descendant in fonts.iter_mut() {
                    match descendant {
                        Object::Reference(id) => descendants.push(*id),
                        Object::Dictionary(cid) => {
                            cid.set("BaseFont", name.clone());
                            descriptors
                                .extend(cid.get(b"FontDescriptor").and_then(Object::as_reference));
                        }
                        _ => {}
                    }
                }
            }
        }
        for id in descendants {
            if let Ok(cid) = doc.get_dictionary_mut(id) {
                cid.set("BaseFont", name.clone());
                descriptors.extend(cid.get(b"FontDescriptor").and_then(Object::as_reference));
            }
        }
        for id in descriptors {
            if let Ok(descriptor) = doc.get_dictionary_mut(id) {
                descriptor.set("FontName", name.clone());
            }
        }
    }
}

/// The `/Font` resource dictionary of a page.
fn font_dictionary(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let page = doc.get_dictionary(page).ok()?;
    let (_, resources) = doc.dereference(page.get(b"Resources").ok()?).ok()?;
    let (_, fonts) = doc
        .dereference(resources.as_dict().ok()?.get(b"Font").ok()?)
        .ok()?;
    fonts.as_dict().ok().cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_based_uuids_match_the_uuid_crate() {
        let long: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for name in [&b""[..], b"abc", &long] {
            assert_eq!(
                name_based_uuid(name),
                uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, name)
            );
        }
    }

    #[test]
    fn the_identifier_is_the_hash_of_the_file_with_a_placeholder() {
        let zeros = "<00000000000000000000000000000000>";
        let text = format!("%PDF <00000000000000000000000000000000> /ID[{zeros}{zeros}]>>");
        let mut bytes = text.clone().into_bytes();
        fill_id(&mut bytes).unwrap();
        let id = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, text.as_bytes());
        let hex = format!("<{}>", id.simple()).to_uppercase();
        let want = format!("%PDF {zeros} /ID[{hex}{hex}]>>");
        assert_eq!(String::from_utf8(bytes).unwrap(), want);
        assert_eq!(fill_id(&mut b"no id here".to_vec()), None);
    }

    #[test]
    fn streams_are_deflated_where_that_gains() {
        use std::io::Read;
        let long: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let short = b"BT /F1 12 Tf ET ".to_vec();
        let streams = vec![
            ((1, 0), short.clone()),
            ((2, 0), long.clone()),
            ((3, 0), Vec::new()),
        ];
        let mut out = compress(streams);
        out.sort_by_key(|(id, _)| *id);
        let [(_, short_out), (_, long_out), (_, empty_out)] = &out[..] else {
            panic!("three streams in, {} out", out.len());
        };
        assert!(!short_out.compressed && short_out.bytes == short);
        assert!(!empty_out.compressed && empty_out.bytes.is_empty());
        assert!(long_out.compressed && long_out.bytes.len() < long.len() / 10);
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(&long_out.bytes[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, long);
    }
}
