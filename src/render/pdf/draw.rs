//! Drawing: laid-out pages → a printpdf document with subset fonts, and each page's content.
//!
//! Each face is subset to the glyphs the handout uses (`subsetter`, glyph ids renumbered)
//! before printpdf sees it, so printpdf embeds only what is drawn. printpdf builds the
//! document: pages, link annotations, pictures and the fonts (programs, widths, `/ToUnicode`
//! maps), learning each face's glyphs and the text they stand for from one `ShowText` on the
//! first page that lists every glyph once. The page content streams are written by
//! [`super::content`] and take the place of printpdf's in [`super::finish`]. [`Marks`]
//! records which element each MCID and each link annotation belongs to, for the structure
//! tree.

use std::collections::BTreeMap;
use std::sync::Arc;

use printpdf::{
    Actions, BorderArray, Codepoint, Destination, DictItem, ExternalStream, ExternalXObject,
    LinkAnnotation, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, Pt, Rect,
    TextItem, XObject, XObjectId,
};

use crate::error::Error;
use crate::fonts::{FontBook, FontId};
use crate::picture::{Colors, Encoding, Picture};
use crate::typeset::paged::{flatten, Item, Page, Paged, Target, TextRun};
use crate::typeset::structure::ElemId;

use super::content::{self, picture_name, Coded, Remaps};
use super::Flip;

/// The structure elements one page's content belongs to.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Marks {
    /// The element of each marked-content sequence, by MCID.
    pub content: Vec<ElemId>,
    /// The `Link` element of each link annotation, in the order of the page's `/Annots`.
    pub links: Vec<ElemId>,
}

/// A drawn handout, ready for [`super::finish`].
pub struct Drawn {
    /// The printpdf document.
    pub doc: PdfDocument,
    /// The faces it embeds.
    pub fonts: Vec<Embedded>,
    /// Per page, what its marked content and annotations belong to.
    pub marks: Vec<Marks>,
}

/// An embedded face: which face, its resource name and its subset tag.
#[derive(Debug, Clone)]
pub struct Embedded {
    /// The face.
    pub face: FontId,
    /// Resource name in the pages' `/Font` dictionary.
    pub resource: String,
    /// The six-letter subset tag, derived from the glyphs it holds.
    pub tag: String,
}

/// Draws the pages of `paged`, set in `fonts`, into a printpdf document. Each page's
/// content stream (uncompressed) comes beside the document, which refers to it by page
/// only: [`super::finish`] puts it in place.
pub fn draw(paged: &Paged, fonts: &FontBook) -> Result<(Drawn, Vec<Vec<u8>>), Error> {
    let pages = &paged.pages;
    let mut doc = PdfDocument::new(&paged.info.title);
    add_pictures(&mut doc, &paged.pictures);
    let used = used_glyphs(pages, fonts)?;
    let remaps: Remaps = used.iter().map(|u| (u.face, u.remap(fonts))).collect();
    // The content streams are written while the faces are subset.
    let (written, subsets) = rayon::join(
        || {
            pages
                .iter()
                .map(|page| content::page(page, &paged.tree, &paged.info.lang, &remaps))
                .collect::<Vec<_>>()
        },
        || {
            used.iter()
                .map(|u| subset(u, fonts))
                .collect::<Result<Vec<_>, _>>()
        },
    );
    let (embedded, mut inventory) = embed_fonts(&mut doc, &used, subsets?);
    let mut marks = Vec::with_capacity(pages.len());
    let mut contents = Vec::with_capacity(pages.len());
    for (number, (page, (content, marked))) in pages.iter().zip(written).enumerate() {
        contents.push(content);
        let mut ops = if number == 0 {
            std::mem::take(&mut inventory)
        } else {
            Vec::new()
        };
        let (annotations, links) = links(page);
        ops.extend(annotations);
        marks.push(Marks {
            content: marked,
            links,
        });
        let full = Rect::from_wh(Pt(page.size.width), Pt(page.size.height));
        doc.pages.push(PdfPage {
            media_box: full.clone(),
            trim_box: full.clone(),
            crop_box: full,
            ops,
        });
    }
    let drawn = Drawn {
        doc,
        fonts: embedded,
        marks,
    };
    Ok((drawn, contents))
}

/// Adds the pictures as image XObjects named `Im1`, `Im2`…
fn add_pictures(doc: &mut PdfDocument, pictures: &[Arc<Picture>]) {
    for (i, picture) in pictures.iter().enumerate() {
        doc.resources.xobjects.map.insert(
            XObjectId(picture_name(i)),
            XObject::External(ExternalXObject {
                stream: ExternalStream {
                    dict: image_dict(picture),
                    content: picture.data.clone(),
                    compress: picture.encoding == Encoding::Samples,
                },
                width: None,
                height: None,
                dpi: None,
            }),
        );
    }
}

/// The image dictionary of `picture`: 8-bit samples, or a JPEG file read by `/DCTDecode`.
fn image_dict(picture: &Picture) -> BTreeMap<String, DictItem> {
    let name = |value: &str| DictItem::Name(value.as_bytes().to_vec());
    let space = match picture.colors {
        Colors::Gray => "DeviceGray",
        Colors::Rgb => "DeviceRGB",
        Colors::Cmyk => "DeviceCMYK",
    };
    let mut dict = BTreeMap::from([
        ("Type".to_owned(), name("XObject")),
        ("Subtype".to_owned(), name("Image")),
        ("Width".to_owned(), DictItem::Int(i64::from(picture.width))),
        (
            "Height".to_owned(),
            DictItem::Int(i64::from(picture.height)),
        ),
        ("ColorSpace".to_owned(), name(space)),
        ("BitsPerComponent".to_owned(), DictItem::Int(8)),
    ]);
    if picture.colors == Colors::Cmyk {
        let inverted = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
        dict.insert("Decode".to_owned(), DictItem::Array(inverted));
    }
    if picture.encoding == Encoding::Jpeg {
        dict.insert("Filter".to_owned(), name("DCTDecode"));
    }
    dict
}

/// The glyphs a page set draws in one face.
struct Used<'a> {
    face: FontId,
    /// By glyph id, the shortest text the glyph stands for, if it is drawn: what
    /// `/ToUnicode` maps it to.
    texts: Vec<Option<&'a str>>,
    /// The ids drawn, in order.
    ids: Vec<u16>,
    /// Their renumbering in the subset.
    remapper: subsetter::GlyphRemapper,
}

impl Used<'_> {
    /// Full-font glyph id → the drawn glyph's subset id and width, as a table.
    fn remap(&self, fonts: &FontBook) -> Vec<Coded> {
        let face = fonts.face(self.face);
        let mut table = vec![Coded::default(); self.texts.len()];
        for &g in &self.ids {
            if let (Some(entry), Some(code)) = (table.get_mut(usize::from(g)), self.remapper.get(g))
            {
                *entry = Coded {
                    code,
                    width: face.pdf_width(g),
                    text: self.texts[usize::from(g)].unwrap_or_default().into(),
                };
            }
        }
        table
    }

    /// The glyphs drawn, with their ids and texts, in id order.
    fn glyphs(&self) -> impl Iterator<Item = (u16, &str)> {
        self.ids.iter().map(|&g| {
            (
                g,
                self.texts
                    .get(usize::from(g))
                    .copied()
                    .flatten()
                    .unwrap_or_default(),
            )
        })
    }
}

/// A face subset to the glyphs drawn in it, parsed for printpdf.
fn subset(used: &Used<'_>, fonts: &FontBook) -> Result<ParsedFont, Error> {
    let face = fonts.face(used.face);
    let bytes = subsetter::subset(face.bytes(), face.index(), &used.remapper).map_err(|e| {
        Error::Internal(format!(
            "could not subset the font {}: {e:?}",
            face.postscript()
        ))
    })?;
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(&bytes, 0, &mut warnings).ok_or_else(|| {
        Error::Internal(format!(
            "could not read the subset of the font {}",
            face.postscript()
        ))
    })
}

/// Adds each subset face to `doc`. Returns the faces embedded and the operations that tell
/// printpdf every glyph of each face and the text it stands for (one `ShowText` per face).
fn embed_fonts(
    doc: &mut PdfDocument,
    used: &[Used<'_>],
    subsets: Vec<ParsedFont>,
) -> (Vec<Embedded>, Vec<Op>) {
    let mut embedded = Vec::new();
    let mut inventory = Vec::new();
    for (used, parsed) in used.iter().zip(subsets) {
        let resource = format!("F{}", used.face.index() + 1);
        doc.resources
            .fonts
            .map
            .insert(printpdf::FontId(resource.clone()), PdfFont::new(parsed));
        inventory.push(Op::SetFont {
            font: PdfFontHandle::External(printpdf::FontId(resource.clone())),
            size: Pt(1.0),
        });
        inventory.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(
                used.glyphs()
                    .map(|(id, text)| Codepoint {
                        gid: used.remapper.get(id).unwrap_or(0),
                        offset: 0.0,
                        cid: (!text.is_empty()).then(|| content::shown_order(text)),
                    })
                    .collect(),
            )],
        });
        embedded.push(Embedded {
            face: used.face,
            resource,
            tag: subset_tag(used.face, &used.ids),
        });
    }
    (embedded, inventory)
}

/// The link annotations of a page, in reading order, and the `Link` element each belongs
/// to. A link inside a group is placed where the group puts it.
fn links(page: &Page) -> (Vec<Op>, Vec<ElemId>) {
    let flip = Flip {
        height: page.size.height,
    };
    flatten(&page.items)
        .into_iter()
        .filter_map(|(at, item)| match item {
            Item::Link {
                x,
                y,
                w,
                h,
                target,
                elem,
            } => {
                let (left, top) = at.apply(*x, *y);
                let (right, bottom) = at.apply(x + w, y + h);
                let (w, h) = ((right - left).abs(), (bottom - top).abs());
                let (left, top) = (left.min(right), top.min(bottom));
                let rect = Rect::from_xywh(Pt(left), Pt(flip.foot(top, h)), Pt(w), Pt(h));
                let link = LinkAnnotation::new(
                    rect,
                    action(target, flip),
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    None,
                    None,
                );
                Some((Op::LinkAnnotation { link }, *elem))
            }
            _ => None,
        })
        .unzip()
}

/// What following a link does: open its address, or show its page from where it points.
fn action(target: &Target, flip: Flip) -> Actions {
    match target {
        Target::Url(url) => Actions::Uri(url.clone()),
        Target::Page { page, y } => Actions::Goto(Destination::Xyz {
            page: page + 1,
            left: Some(0.0),
            top: Some(flip.y(*y)),
            zoom: None,
        }),
    }
}

/// Every glyph drawn, per face in face order, with the shortest text it stands for (where
/// it stands for more, the content stream gives its text as `/ActualText`). A character shaped to the font's empty box is an error here, so that nothing the
/// checks let through can print as one.
fn used_glyphs<'a>(pages: &'a [Page], fonts: &FontBook) -> Result<Vec<Used<'a>>, Error> {
    let mut used: BTreeMap<FontId, Vec<Option<&str>>> = BTreeMap::new();
    let all = pages
        .iter()
        .flat_map(|p| flatten(&p.items).into_iter().chain(flatten(&p.furniture)));
    for (_, item) in all {
        if let Item::Text(TextRun { glyphs, .. }) = item {
            if let Some(missing) = glyphs.iter().find(|g| g.id == 0) {
                return Err(Error::Usage(format!(
                    "the font {} cannot draw {:?}",
                    fonts.face(missing.font).postscript(),
                    missing.text
                )));
            }
            for g in glyphs {
                let texts = used.entry(g.font).or_default();
                let id = usize::from(g.id);
                if texts.len() <= id {
                    texts.resize(id + 1, None);
                }
                // The shortest text a glyph stands for is its own; a letter with its mark
                // is given where it is drawn.
                let shorter = |known: &str| known.is_empty() || g.text.len() < known.len();
                if !g.text.is_empty() && texts[id].is_none_or(shorter) {
                    texts[id] = Some(g.text.as_str());
                } else if texts[id].is_none() {
                    texts[id] = Some("");
                }
            }
        }
    }
    Ok(used
        .into_iter()
        .map(|(face, texts)| {
            let ids: Vec<u16> = texts
                .iter()
                .enumerate()
                .filter_map(|(g, text)| text.and(u16::try_from(g).ok()))
                .collect();
            Used {
                face,
                texts,
                remapper: subsetter::GlyphRemapper::new_from_glyphs_sorted(&ids),
                ids,
            }
        })
        .collect())
}

/// Six capital letters derived from the face and the glyphs of its subset (ISO 32000-1,
/// 9.6.4): the same subset always gets the same tag.
fn subset_tag(face: FontId, glyphs: &[u16]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ face.index() as u64;
    for g in glyphs {
        for byte in g.to_be_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 5)) % 26) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_capitals_and_depend_on_the_glyphs() {
        let regular = crate::fonts::FontBook::bundled().select(crate::fonts::Variant::Regular);
        let a = subset_tag(regular, &[1, 2, 3]);
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(a, subset_tag(regular, &[1, 2, 3]));
        assert_ne!(a, subset_tag(regular, &[1, 2, 4]));
    }
}
