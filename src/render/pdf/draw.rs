//! Drawing: laid-out pages → a printpdf document, with subset fonts and marked content.
//!
//! Each face is subset to the glyphs the handout uses (`subsetter`, glyph ids renumbered)
//! before printpdf sees it, so printpdf embeds only what is drawn. The text and pictures of
//! each structure element are drawn inside marked content tagged with the element's type and
//! numbered 0, 1, 2… on each page (the MCID); decoration is a layout artifact and the running
//! footer a pagination artifact. [`Marks`] records which element each MCID and each link
//! annotation belongs to, for the structure tree.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Actions, BorderArray, Codepoint, Color as PdfColor, CurTransMat, DictItem, ExternalStream,
    ExternalXObject, FontId, LinkAnnotation, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, Pt, Rect, Rgb, TextItem, TextMatrix, XObject, XObjectId, XObjectTransform,
};

use crate::error::Error;

use super::fonts::{self, FaceId};
use super::image::Picture;
use super::layout::Shape;
use super::structure::{ElemId, Tree};
use super::style::Color;

/// A page ready to draw.
#[derive(Debug, Default)]
pub struct Page {
    /// Its shapes in reading order, in page coordinates (points, y down from the top).
    pub shapes: Vec<Shape>,
    /// The running footer's shapes.
    pub footer: Vec<Shape>,
}

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
    pub face: FaceId,
    /// Resource name in the pages' `/Font` dictionary.
    pub resource: String,
    /// The six-letter subset tag, derived from the glyphs it holds.
    pub tag: String,
}

/// Draws `pages` of `size` (width, height in points) into a printpdf document; `pictures`
/// are the images its shapes refer to by index, `tree` the elements they belong to.
pub fn draw(
    pages: &[Page],
    pictures: &[&Picture],
    tree: &Tree,
    size: (f32, f32),
    title: &str,
) -> Result<Drawn, Error> {
    let mut doc = PdfDocument::new(title);
    for (i, picture) in pictures.iter().enumerate() {
        let mut dict = picture.dict.clone();
        dict.insert("Type".to_owned(), DictItem::Name(b"XObject".to_vec()));
        dict.insert("Subtype".to_owned(), DictItem::Name(b"Image".to_vec()));
        doc.resources.xobjects.map.insert(
            picture_id(i),
            XObject::External(ExternalXObject {
                stream: ExternalStream {
                    dict,
                    content: picture.data.clone(),
                    compress: picture.compress,
                },
                width: None,
                height: None,
                dpi: None,
            }),
        );
    }
    let used = used_glyphs(pages)?;
    let mut remaps = BTreeMap::new();
    let mut embedded = Vec::new();
    let f = fonts::fonts();
    for (face, glyphs) in &used {
        let glyphs: Vec<u16> = glyphs.iter().copied().collect();
        let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&glyphs);
        let subset = subsetter::subset(f.bytes(*face), 0, &remapper).map_err(|e| {
            Error::Usage(format!(
                "could not subset the font {}: {e:?}",
                f.name(*face)
            ))
        })?;
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&subset, 0, &mut warnings).ok_or_else(|| {
            Error::Usage(format!(
                "could not read the subset of the font {}",
                f.name(*face)
            ))
        })?;
        let resource = format!("F{}", face.index() + 1);
        doc.resources
            .fonts
            .map
            .insert(FontId(resource.clone()), PdfFont::new(parsed));
        let map: BTreeMap<u16, u16> = glyphs
            .iter()
            .filter_map(|&g| remapper.get(g).map(|n| (g, n)))
            .collect();
        embedded.push(Embedded {
            face: *face,
            resource,
            tag: subset_tag(*face, &glyphs),
        });
        remaps.insert(*face, map);
    }
    let (width, height) = size;
    let mut marks = Vec::with_capacity(pages.len());
    for page in pages {
        let (ops, page_marks) = page_ops(page, tree, height, &remaps);
        marks.push(page_marks);
        let full = Rect::from_wh(Pt(width), Pt(height));
        doc.pages.push(PdfPage {
            media_box: full.clone(),
            trim_box: full.clone(),
            crop_box: full,
            ops,
        });
    }
    Ok(Drawn {
        doc,
        fonts: embedded,
        marks,
    })
}

/// The operations of one page, and what its marked content and annotations belong to.
fn page_ops(
    page: &Page,
    tree: &Tree,
    height: f32,
    remaps: &BTreeMap<FaceId, BTreeMap<u16, u16>>,
) -> (Vec<Op>, Marks) {
    let mut ops = Vec::new();
    let mut page_marks = Marks::default();
    for ((elem, actual), run) in runs(&page.shapes) {
        let (tag, properties) = match elem.and_then(|e| Some((e, tree.kind(e)?))) {
            Some((elem, kind)) => {
                let mcid = page_marks.content.len() as i64;
                page_marks.content.push(elem);
                let mut properties = BTreeMap::from([("MCID".to_owned(), DictItem::Int(mcid))]);
                // Part of a broken word: a span that reads as its replacement text.
                let tag = match actual {
                    Some(text) => {
                        properties.insert("ActualText".to_owned(), text_string(text));
                        "Span"
                    }
                    None => kind.tag(),
                };
                (tag, DictItem::Dict { map: properties })
            }
            None => ("Artifact", layout_artifact()),
        };
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: tag.to_owned(),
            properties,
        });
        shapes(&run, height, remaps, &mut ops);
        ops.push(Op::EndMarkedContentWithProperties);
    }
    ops.push(Op::BeginMarkedContentWithProperties {
        tag: "Artifact".to_owned(),
        properties: pagination_artifact(),
    });
    shapes(
        &page.footer.iter().collect::<Vec<_>>(),
        height,
        remaps,
        &mut ops,
    );
    ops.push(Op::EndMarkedContentWithProperties);
    for shape in &page.shapes {
        if let Shape::Link {
            x,
            y,
            w,
            h,
            url,
            elem,
        } = shape
        {
            ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect::from_xywh(Pt(*x), Pt(height - y - h), Pt(*w), Pt(*h)),
                    Actions::Uri(url.clone()),
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    None,
                    None,
                ),
            });
            page_marks.links.push(*elem);
        }
    }
    (ops, page_marks)
}

/// The element (none for decoration) and replacement text of a marked-content sequence.
type Key<'a> = (Option<ElemId>, Option<&'a String>);

/// The shapes of a page that draw something (not link areas), in runs of consecutive shapes
/// of one element, or of none (decoration), and of one replacement text.
fn runs(shapes: &[Shape]) -> Vec<(Key<'_>, Vec<&Shape>)> {
    let mut runs: Vec<(Key<'_>, Vec<&Shape>)> = Vec::new();
    for shape in shapes {
        let key = match shape {
            Shape::Text { elem, actual, .. } => (*elem, actual.as_ref()),
            Shape::Image { elem, .. } => (*elem, None),
            Shape::Fill { .. } => (None, None),
            Shape::Link { .. } => continue,
        };
        match runs.last_mut() {
            Some((open, run)) if *open == key => run.push(shape),
            _ => runs.push((key, vec![shape])),
        }
    }
    runs
}

/// The resource name of the `index`th picture.
fn picture_id(index: usize) -> XObjectId {
    XObjectId(format!("Im{}", index + 1))
}

fn layout_artifact() -> DictItem {
    DictItem::Dict {
        map: BTreeMap::from([("Type".to_owned(), DictItem::Name(b"Layout".to_vec()))]),
    }
}

/// A text string for a property list: UTF-16BE with a byte-order mark.
fn text_string(text: &str) -> DictItem {
    let mut data = vec![0xfe, 0xff];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    DictItem::String {
        data,
        literal: false,
    }
}

/// The running footer: a pagination artifact of the footer kind.
fn pagination_artifact() -> DictItem {
    DictItem::Dict {
        map: BTreeMap::from([
            ("Type".to_owned(), DictItem::Name(b"Pagination".to_vec())),
            ("Subtype".to_owned(), DictItem::Name(b"Footer".to_vec())),
        ]),
    }
}

/// Every glyph drawn, per face. A character shaped to the font's empty box is an error here,
/// so that nothing the checks let through can print as one.
fn used_glyphs(pages: &[Page]) -> Result<BTreeMap<FaceId, BTreeSet<u16>>, Error> {
    let mut used: BTreeMap<FaceId, BTreeSet<u16>> = BTreeMap::new();
    let all = pages.iter().flat_map(|p| p.shapes.iter().chain(&p.footer));
    for shape in all {
        if let Shape::Text { look, glyphs, .. } = shape {
            if let Some(missing) = glyphs.iter().find(|g| g.id == 0) {
                return Err(Error::Usage(format!(
                    "the font {} cannot draw {:?}",
                    fonts::fonts().name(look.face),
                    missing.text
                )));
            }
            used.entry(look.face)
                .or_default()
                .extend(glyphs.iter().map(|g| g.id));
        }
    }
    Ok(used)
}

/// Six capital letters derived from the face and the glyphs of its subset (ISO 32000-1,
/// 9.6.4): the same subset always gets the same tag.
fn subset_tag(face: FaceId, glyphs: &[u16]) -> String {
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

fn rgb(color: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: color.0[0],
        g: color.0[1],
        b: color.0[2],
        icc_profile: None,
    })
}

/// Appends the operations for `shapes`: fills first, then the text over them.
fn shapes(
    shapes: &[&Shape],
    page_height: f32,
    remaps: &BTreeMap<FaceId, BTreeMap<u16, u16>>,
    ops: &mut Vec<Op>,
) {
    let f = fonts::fonts();
    for shape in shapes {
        match shape {
            Shape::Fill { x, y, w, h, color } => {
                ops.push(Op::SetFillColor { col: rgb(*color) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        mode: Some(printpdf::PaintMode::Fill),
                        ..Rect::from_xywh(Pt(*x), Pt(page_height - y - h), Pt(*w), Pt(*h))
                    },
                });
            }
            Shape::Image {
                x,
                y,
                w,
                h,
                picture,
                ..
            } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([*w, 0.0, 0.0, *h, *x, page_height - y - h]),
                });
                ops.push(Op::UseXobject {
                    id: picture_id(*picture),
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            _ => {}
        }
    }
    let texts: Vec<_> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text {
                x, y, look, glyphs, ..
            } => Some((x, y, look, glyphs)),
            _ => None,
        })
        .collect();
    if !texts.is_empty() {
        ops.push(Op::StartTextSection);
        let mut current: Option<(FaceId, f32, Color)> = None;
        for (x, y, look, glyphs) in texts {
            if current.map(|(face, size, _)| (face, size)) != Some((look.face, look.size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(FontId(format!("F{}", look.face.index() + 1))),
                    size: Pt(look.size),
                });
            }
            if current.map(|c| c.2) != Some(look.color) {
                ops.push(Op::SetFillColor {
                    col: rgb(look.color),
                });
            }
            current = Some((look.face, look.size, look.color));
            let remap = remaps.get(&look.face);
            let codepoints = glyphs
                .iter()
                .map(|g| {
                    let nominal = f.pdf_width(look.face, g.id);
                    let wanted = g.advance * 1000.0 / look.size;
                    let offset = ((nominal - wanted) * 100.0).round() / 100.0;
                    Codepoint {
                        gid: remap.and_then(|m| m.get(&g.id)).copied().unwrap_or(0),
                        offset: if offset.abs() < 0.01 { 0.0 } else { offset },
                        cid: (!g.text.is_empty()).then(|| g.text.clone()),
                    }
                })
                .collect();
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(*x), Pt(page_height - y)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(codepoints)],
            });
        }
        ops.push(Op::EndTextSection);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_capitals_and_depend_on_the_glyphs() {
        let a = subset_tag(FaceId::Regular, &[1, 2, 3]);
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(a, subset_tag(FaceId::Regular, &[1, 2, 3]));
        assert_ne!(a, subset_tag(FaceId::Regular, &[1, 2, 4]));
    }
}
