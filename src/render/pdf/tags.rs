//! Writing the structure tree of a tagged PDF (ISO 32000-1, 14.7–14.8; PDF/UA-1).
//!
//! From the [`Tree`] built by layout and the [`Marks`] recorded while drawing, [`write`] adds
//! one `StructElem` per element (`/K`: its children and marked-content references in reading
//! order, `/Pg` the page where it starts), `OBJR`s from each `Link` to its annotations, the
//! `ParentTree` (page `/StructParents` → elements by MCID; annotation `/StructParent` → its
//! `Link`) and the `IDTree` of footnotes. Annotations become indirect objects with a
//! description (`/Contents`), the print flag and their `/StructParent`; pages get `/Tabs /S`.
//! Everything is numbered in document order, so the same handout gives the same objects.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::draw::Marks;
use super::info::text_string;
use crate::typeset::structure::{ElemId, Kind, Tree};

/// A marked-content sequence: its place in reading order, its page and its MCID.
#[derive(Debug, Clone, Copy)]
struct Mark {
    order: usize,
    page: usize,
    mcid: usize,
}

/// Writes the structure tree of the pages `pages` (in order) and returns the
/// `StructTreeRoot`.
pub fn write(
    doc: &mut Document,
    pages: &[ObjectId],
    tree: &Tree,
    marks: &[Marks],
) -> Result<ObjectId, String> {
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = tree.elems.iter().map(|_| doc.new_object_id()).collect();
    let mut own: Vec<Vec<Mark>> = vec![Vec::new(); tree.elems.len()];
    let mut order = 0;
    for (page, marks) in marks.iter().enumerate() {
        for (mcid, &elem) in marks.content.iter().enumerate() {
            if let Some(list) = own.get_mut(elem) {
                list.push(Mark { order, page, mcid });
            }
            order += 1;
        }
    }
    let annotations = annotations(doc, pages, tree, marks, &ids)?;
    let children = tree.children();
    // Where each element starts in reading order: its first mark or its first child's.
    let mut first: Vec<Option<usize>> = own.iter().map(|m| m.first().map(|m| m.order)).collect();
    for id in (0..tree.elems.len()).rev() {
        let start = children[id].iter().filter_map(|&c| first[c]).min();
        first[id] = match (first[id], start) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    // An element with nothing drawn in it (an empty list item) is left out; an empty table
    // cell stays, so that rows keep their columns.
    let mut kept: Vec<bool> = tree
        .elems
        .iter()
        .enumerate()
        .map(|(id, e)| {
            !own[id].is_empty()
                || matches!(e.kind, Kind::TH | Kind::TD | Kind::Document)
                || annotations.iter().any(|a| a.elem == id)
        })
        .collect();
    for id in (0..tree.elems.len()).rev() {
        kept[id] |= children[id].iter().any(|&c| kept[c]);
    }
    let mut ids_by_name = Vec::new();
    for (id, elem) in tree.elems.iter().enumerate() {
        if !kept[id] {
            continue;
        }
        let page = own[id].first().map(|m| m.page);
        let mut kids = Vec::new();
        let mut marks = own[id].iter().peekable();
        for &child in children[id].iter().filter(|&&c| kept[c]) {
            // Marks that come before the child in reading order go first.
            while let Some(mark) = marks.next_if(|m| first[child].is_some_and(|c| m.order < c)) {
                kids.push(reference(mark, page, pages));
            }
            kids.push(Object::Reference(ids[child]));
        }
        kids.extend(marks.map(|mark| reference(mark, page, pages)));
        for annotation in annotations.iter().filter(|a| a.elem == id) {
            kids.push(Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"OBJR".to_vec())),
                ("Obj", Object::Reference(annotation.id)),
                ("Pg", Object::Reference(pages[annotation.page])),
            ])));
        }
        let mut dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(elem.kind.tag().as_bytes().to_vec())),
            ("P", Object::Reference(elem.parent.map_or(root, |p| ids[p]))),
        ]);
        // A single kid stands alone, as the standard allows (and some checkers expect).
        match kids.len() {
            0 => {}
            1 => dict.set("K", kids.remove(0)),
            _ => dict.set("K", Object::Array(kids)),
        }
        if let Some(page) = page {
            dict.set("Pg", Object::Reference(pages[page]));
        }
        match elem.kind {
            Kind::Figure => {
                if let Some(alt) = &elem.text {
                    dict.set("Alt", text_string(alt));
                }
            }
            Kind::TH => dict.set(
                "A",
                Dictionary::from_iter(vec![
                    ("O", Object::Name(b"Table".to_vec())),
                    ("Scope", Object::Name(b"Column".to_vec())),
                ]),
            ),
            Kind::Note => {
                let name = format!("note-{}", ids_by_name.len() + 1);
                dict.set("ID", Object::string_literal(name.as_str()));
                ids_by_name.push((name, ids[id]));
            }
            _ => {}
        }
        doc.objects.insert(ids[id], Object::Dictionary(dict));
    }
    let mut nums = Vec::new();
    for (page, marks) in marks.iter().enumerate() {
        nums.push(Object::Integer(page as i64));
        let elems = marks.content.iter().map(|&e| Object::Reference(ids[e]));
        nums.push(Object::Array(elems.collect()));
    }
    let next_key = pages.len() + annotations.len();
    for (i, annotation) in annotations.iter().enumerate() {
        nums.push(Object::Integer((pages.len() + i) as i64));
        nums.push(Object::Reference(ids[annotation.elem]));
    }
    let mut root_dict = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"StructTreeRoot".to_vec())),
        ("K", Object::Reference(ids[Tree::ROOT])),
        (
            "ParentTree",
            Object::Dictionary(Dictionary::from_iter(vec![("Nums", Object::Array(nums))])),
        ),
        ("ParentTreeNextKey", Object::Integer(next_key as i64)),
    ]);
    if !ids_by_name.is_empty() {
        ids_by_name.sort();
        let names = ids_by_name
            .into_iter()
            .flat_map(|(name, id)| [Object::string_literal(name), Object::Reference(id)]);
        root_dict.set(
            "IDTree",
            Dictionary::from_iter(vec![("Names", Object::Array(names.collect()))]),
        );
    }
    doc.objects.insert(root, Object::Dictionary(root_dict));
    Ok(root)
}

/// A link annotation written as its own object, with its element and page.
struct Annotation {
    id: ObjectId,
    elem: ElemId,
    page: usize,
}

/// A reference to `mark` for an element whose `/Pg` is `page`: the bare MCID on that page,
/// else a marked-content reference naming its page.
fn reference(mark: &Mark, page: Option<usize>, pages: &[ObjectId]) -> Object {
    if page == Some(mark.page) {
        return Object::Integer(mark.mcid as i64);
    }
    Object::Dictionary(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"MCR".to_vec())),
        ("Pg", Object::Reference(pages[mark.page])),
        ("MCID", Object::Integer(mark.mcid as i64)),
    ]))
}

/// Moves every page's link annotations into objects of their own, tied to the structure, and
/// gives pages their `/StructParents` and structure tab order.
fn annotations(
    doc: &mut Document,
    pages: &[ObjectId],
    tree: &Tree,
    marks: &[Marks],
    ids: &[ObjectId],
) -> Result<Vec<Annotation>, String> {
    let mut written = Vec::new();
    for (number, &page) in pages.iter().enumerate() {
        let links = marks.get(number).map_or(&[][..], |m| &m.links[..]);
        let inline = doc
            .get_dictionary(page)
            .ok()
            .and_then(|p| p.get(b"Annots").ok())
            .and_then(|a| a.as_array().ok())
            .cloned()
            .unwrap_or_default();
        if inline.len() != links.len() {
            return Err(format!(
                "page {} has {} link annotations, {} expected",
                number + 1,
                inline.len(),
                links.len()
            ));
        }
        let mut refs = Vec::with_capacity(inline.len());
        for (annotation, &elem) in inline.into_iter().zip(links) {
            let Object::Dictionary(mut dict) = annotation else {
                return Err(format!(
                    "page {}: an annotation is not a dictionary",
                    number + 1
                ));
            };
            if ids.get(elem).is_none() {
                return Err(format!("page {}: a link without an element", number + 1));
            }
            let key = pages.len() + written.len();
            dict.set("StructParent", Object::Integer(key as i64));
            dict.set("F", Object::Integer(4));
            dict.set("P", Object::Reference(page));
            if let Some(text) = tree.elems[elem].text.as_deref().map(str::trim) {
                if !text.is_empty() {
                    dict.set("Contents", text_string(text));
                }
            }
            let id = doc.add_object(Object::Dictionary(dict));
            refs.push(Object::Reference(id));
            written.push(Annotation {
                id,
                elem,
                page: number,
            });
        }
        let dict = doc
            .get_dictionary_mut(page)
            .map_err(|_| format!("page {} is not a dictionary", number + 1))?;
        dict.set("Annots", Object::Array(refs));
        dict.set("StructParents", Object::Integer(number as i64));
        dict.set("Tabs", Object::Name(b"S".to_vec()));
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph with a link in its first line, continued on a second page.
    #[test]
    fn kids_follow_reading_order_across_pages_and_links() {
        let mut doc = Document::with_version("1.7");
        let annotation = Dictionary::from_iter(vec![("Subtype", Object::Name(b"Link".to_vec()))]);
        let first = doc.add_object(Dictionary::from_iter(vec![(
            "Annots",
            Object::Array(vec![Object::Dictionary(annotation)]),
        )]));
        let second = doc.add_object(Dictionary::new());
        let mut tree = Tree::default();
        let p = tree.add(Kind::P, Tree::ROOT);
        let link = tree.add(Kind::Link, p);
        tree.elems[link].text = Some("the site".to_owned());
        let marks = [
            Marks {
                content: vec![p, link, p],
                links: vec![link],
            },
            Marks {
                content: vec![p],
                links: vec![],
            },
        ];
        let root =
            write(&mut doc, &[first, second], &tree, &marks).unwrap_or_else(|e| panic!("{e}"));
        let dict = |id: ObjectId| doc.get_dictionary(id).unwrap_or_else(|e| panic!("{e}"));
        let root_dict = dict(root);
        let document = root_dict
            .get(b"K")
            .and_then(Object::as_reference)
            .unwrap_or_else(|e| panic!("{e}"));
        let p_id = dict(document)
            .get(b"K")
            .and_then(Object::as_reference)
            .unwrap_or_else(|e| panic!("{e}"));
        let kids = dict(p_id)
            .get(b"K")
            .and_then(Object::as_array)
            .unwrap_or_else(|e| panic!("{e}"))
            .clone();
        assert_eq!(kids.len(), 4, "{kids:?}");
        assert_eq!(kids[0], Object::Integer(0));
        let link_id = kids[1].as_reference().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(kids[2], Object::Integer(2));
        let mcr = kids[3].as_dict().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mcr.get(b"Pg").ok(), Some(&Object::Reference(second)));
        assert_eq!(mcr.get(b"MCID").ok(), Some(&Object::Integer(0)));
        // The link holds its text's MCID and an object reference to its annotation, which
        // is described and points back through the parent tree.
        let link_kids = dict(link_id)
            .get(b"K")
            .and_then(Object::as_array)
            .unwrap_or_else(|e| panic!("{e}"))
            .clone();
        assert_eq!(link_kids[0], Object::Integer(1));
        let objr = link_kids[1].as_dict().unwrap_or_else(|e| panic!("{e}"));
        let annotation = objr
            .get(b"Obj")
            .and_then(Object::as_reference)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            dict(annotation).get(b"StructParent").ok(),
            Some(&Object::Integer(2))
        );
        assert_eq!(
            dict(annotation).get(b"Contents").ok(),
            Some(&Object::string_literal("the site"))
        );
        let nums = root_dict
            .get(b"ParentTree")
            .and_then(Object::as_dict)
            .and_then(|t| t.get(b"Nums"))
            .and_then(Object::as_array)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            nums[1],
            Object::Array(vec![
                Object::Reference(p_id),
                Object::Reference(link_id),
                Object::Reference(p_id)
            ])
        );
        assert_eq!(nums[4], Object::Integer(2));
        assert_eq!(nums[5], Object::Reference(link_id));
        assert_eq!(
            dict(second).get(b"StructParents").ok(),
            Some(&Object::Integer(1))
        );
    }
}
