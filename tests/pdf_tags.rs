//! Tagged PDFs: the structure tree as poppler reads it (`pdfinfo -struct-text`), the catalog
//! and metadata as lopdf reads them, and the verdicts of the PyPI checkers `pdfua` and
//! `outloud` (`pip install pdfua outloud`).

mod common;

use std::path::Path;
use std::process::Command;

use common::{assert_pdf_checkers_find_nothing, assert_words_in_order, seed_words, Project};
use lopdf::{Document, Object};

const BUNDLED: &str = "dist/pdf/relational-therapy.pdf";
const LONG: &str = "dist/pdf/finding-your-way.pdf";

/// Runs `program ARGS FILE`; fails the test with an install hint when it cannot run.
fn run(program: &str, args: &[&str], file: &Path) -> std::process::Output {
    Command::new(program)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} could not run ({e}): install poppler-utils, and `pip install pdfua outloud` for the checkers")
        })
}

fn built(p: &Project, args: &[&str]) {
    let mut all = vec!["build", "--format", "pdf"];
    all.extend_from_slice(args);
    p.run(&all).expect_code(0);
}

/// `pdfinfo -struct-text` as (depth, element type, its own text and that of its inline
/// children such as links), in document order.
fn structure(file: &Path) -> Vec<(usize, String, String)> {
    let out = run("pdfinfo", &["-struct-text"], file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut elems: Vec<(usize, String, String)> = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let depth = line.len() - line.trim_start().len();
        let line = line.trim();
        if let Some(text) = line.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
            // Text belongs to the nearest element above it that is not inline (a link or
            // the span of text after one).
            if let Some(e) = elems
                .iter_mut()
                .rev()
                .find(|e| e.0 < depth && e.1 != "Link" && e.1 != "Span")
            {
                e.2.push_str(text);
            }
        } else if !line.starts_with("Object ") {
            let tag = line.split_whitespace().next().unwrap_or("").to_owned();
            elems.push((depth, tag, String::new()));
        }
    }
    elems
}

/// The words of a text, lowercased, without punctuation.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Headings, paragraphs and list items of a Markdown body, in order, as the PDF tags them.
fn source_blocks(markdown: &str) -> Vec<(String, Vec<String>)> {
    let body = markdown.splitn(3, "---\n").nth(2).unwrap_or("");
    let mut blocks = Vec::new();
    for block in body.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        if block.starts_with("# ") {
            continue; // the title, repeated
        } else if let Some(heading) = block.strip_prefix("## ") {
            blocks.push(("H2".to_owned(), words(heading)));
        } else if block.starts_with("- ") {
            for item in block.lines() {
                blocks.push(("P".to_owned(), words(item.trim_start_matches("- "))));
            }
        } else {
            // A link's text is printed, its address only when it differs.
            let mut text = String::new();
            let mut rest = block;
            while let Some((before, after)) = rest.split_once("](") {
                text.push_str(before);
                rest = after.split_once(')').map_or("", |(_, a)| a);
            }
            text.push_str(rest);
            blocks.push(("P".to_owned(), words(&text)));
        }
    }
    blocks
}

#[test]
fn the_bundled_handout_is_tagged_in_source_order() {
    let p = Project::bundled();
    built(&p, &[]);
    let file = p.path().join(BUNDLED);
    let info = String::from_utf8_lossy(&run("pdfinfo", &[], &file).stdout).into_owned();
    assert!(info.contains("Tagged:          yes"), "{info}");
    let elems = structure(&file);
    assert_eq!(elems[0].1, "Document");
    let read: Vec<(String, Vec<String>)> = elems
        .iter()
        .filter(|e| matches!(e.1.as_str(), "H1" | "H2" | "P"))
        .map(|e| (e.1.clone(), words(&e.2)))
        .collect();
    let source = p.read_string("content/relational-therapy.md");
    let mut expected = vec![
        ("H1".to_owned(), words("Relational Therapy")),
        (
            "P".to_owned(),
            words("What Relational Therapy is and how trauma-informed therapists may use it."),
        ),
    ];
    expected.extend(source_blocks(&source));
    assert_eq!(read.len(), expected.len(), "{read:#?}");
    for (got, want) in read.iter().zip(&expected) {
        assert_eq!(got, want);
    }
    // The text after a link is a Span of its paragraph, after the Link: each element's own
    // content comes before its children, in the order the page draws it.
    let at = elems
        .iter()
        .position(|e| e.1 == "P" && e.2.contains("dv.support"))
        .unwrap_or_else(|| panic!("no paragraph with the link: {elems:#?}"));
    let after: Vec<&str> = elems[at + 1..at + 3].iter().map(|e| e.1.as_str()).collect();
    assert_eq!(after, ["Link", "Span"]);
    // List items are LI → Lbl (the bullet) + LBody → P.
    let items: Vec<&(usize, String, String)> = elems.iter().filter(|e| e.1 == "LI").collect();
    assert_eq!(
        items.len(),
        source.lines().filter(|l| l.starts_with("- ")).count()
    );
    let labels: Vec<&str> = elems
        .iter()
        .filter(|e| e.1 == "Lbl")
        .map(|e| e.2.as_str())
        .collect();
    assert!(labels.iter().all(|l| *l == "•"), "{labels:?}");
    let all: String = elems.iter().map(|e| format!("{} ", e.2)).collect();
    assert_words_in_order(&seed_words(), &all);
}

/// Every structure element of a file: its type and dictionary.
fn elements(doc: &Document) -> Vec<(String, lopdf::Dictionary)> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"StructElem"))
        .map(|d| {
            let tag = d.get(b"S").and_then(Object::as_name).unwrap_or(b"");
            (String::from_utf8_lossy(tag).into_owned(), d.clone())
        })
        .collect()
}

fn text(object: &Object) -> String {
    match object.as_str() {
        Ok(bytes) if bytes.starts_with(&[0xfe, 0xff]) => {
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        Ok(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        Err(_) => String::new(),
    }
}

#[test]
fn links_figures_tables_lists_and_notes_are_tagged() {
    let p = Project::fixture("long");
    built(&p, &[]);
    let file = p.path().join(LONG);
    let elems = structure(&file);
    // Links carry their text.
    let link_texts: Vec<String> = {
        let out = run("pdfinfo", &["-struct-text"], &file);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut links = Vec::new();
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            if line.trim() == "Link (inline)" {
                let mut own = String::new();
                while let Some(l) = lines.next_if(|l| l.trim().starts_with('"')) {
                    own.push_str(l.trim().trim_matches('"'));
                }
                links.push(own);
            }
        }
        links
    };
    for expected in ["national patient rights office", "https://example.org/help"] {
        assert!(link_texts.iter().any(|l| l == expected), "{link_texts:?}");
    }
    let doc = Document::load(&file).unwrap_or_else(|e| panic!("{e}"));
    let tagged = elements(&doc);
    // Each link annotation is described and tied to its element.
    let annotations: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Link"))
        .collect();
    assert!(annotations.len() >= 4, "{} annotations", annotations.len());
    for a in &annotations {
        assert!(a.get(b"StructParent").is_ok(), "{a:?}");
        assert!(!text(a.get(b"Contents").unwrap_or(&Object::Null)).is_empty());
    }
    // The figure carries its alt text.
    let alts: Vec<String> = tagged
        .iter()
        .filter(|(tag, _)| tag == "Figure")
        .map(|(_, d)| text(d.get(b"Alt").unwrap_or(&Object::Null)))
        .collect();
    assert!(
        alts.contains(&"A drawing of the clinic’s front door, with two windows".to_owned()),
        "{alts:?}"
    );
    // Header cells have a column scope; the footnote is a Note with an ID.
    let th = tagged.iter().find(|(tag, _)| tag == "TH").map(|(_, d)| d);
    let scope = th.and_then(|d| d.get(b"A").ok()?.as_dict().ok()?.get(b"Scope").ok());
    assert_eq!(scope.and_then(|s| s.as_name().ok()), Some(&b"Column"[..]));
    let note = tagged.iter().find(|(tag, _)| tag == "Note").map(|(_, d)| d);
    assert!(
        note.is_some_and(|n| n.get(b"ID").is_ok()),
        "no Note with an ID"
    );
    // A nested list sits in its parent item's body, after the item's paragraph.
    let nested = elems
        .windows(3)
        .any(|w| w[0].1 == "LBody" && w[1].1 == "P" && w[2].1 == "L" && w[2].0 == w[1].0);
    assert!(nested, "no list inside a list item");
    for tag in ["Table", "TR", "TD", "BlockQuote", "Code", "H3"] {
        assert!(elems.iter().any(|e| e.1 == tag), "no {tag}");
    }
}

#[test]
fn the_catalog_declares_tagging_and_the_metadata_agrees_with_the_info() {
    let p = Project::bundled();
    built(&p, &[]);
    let doc = Document::load(p.path().join(BUNDLED)).unwrap_or_else(|e| panic!("{e}"));
    let catalog = doc.catalog().unwrap_or_else(|e| panic!("{e}"));
    let marked = catalog
        .get(b"MarkInfo")
        .and_then(Object::as_dict)
        .and_then(|m| m.get(b"Marked"))
        .and_then(Object::as_bool);
    assert_eq!(marked.ok(), Some(true));
    assert!(catalog.get(b"StructTreeRoot").is_ok());
    let metadata = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .unwrap_or_else(|e| panic!("no metadata stream: {e}"));
    assert!(
        metadata.dict.get(b"Filter").is_err(),
        "metadata is compressed"
    );
    let xmp = String::from_utf8_lossy(&metadata.content).into_owned();
    for needle in [
        "<rdf:li xml:lang=\"x-default\">Relational Therapy</rdf:li>",
        "<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>",
        "<pdfuaid:part>1</pdfuaid:part>",
        "<xmp:CreateDate>2026-09-21T14:13:20Z</xmp:CreateDate>",
    ] {
        assert!(xmp.contains(needle), "{needle} missing from\n{xmp}");
    }
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        text(info.get(b"Title").unwrap_or(&Object::Null)),
        "Relational Therapy"
    );
    assert_eq!(
        text(info.get(b"CreationDate").unwrap_or(&Object::Null)),
        "D:20260921141320Z"
    );
    for (_, page) in doc.get_pages() {
        let page = doc.get_dictionary(page).unwrap_or_else(|e| panic!("{e}"));
        assert!(page.get(b"StructParents").is_ok());
        assert_eq!(
            page.get(b"Tabs").and_then(Object::as_name).ok(),
            Some(&b"S"[..])
        );
    }
}

#[test]
fn pdfua_and_outloud_find_nothing() {
    let bundled = Project::bundled();
    built(&bundled, &[]);
    assert_pdf_checkers_find_nothing(&bundled.path().join(BUNDLED));
    let long = Project::fixture("long");
    built(&long, &[]);
    assert_pdf_checkers_find_nothing(&long.path().join(LONG));
}

#[test]
fn empty_items_leave_no_empty_elements_and_a_picture_without_alt_text_is_decoration() {
    let p = Project::empty();
    p.write("handout.yaml", "checks:\n  missing-alt-text: allow\n")
        .write(
            "content/edge.md",
            "---\ntitle: Odd shapes of content\n---\n\n| A | |\n|---|---|\n| | x |\n\n-\n- [ ] a task\n\n![](door.png)\n",
        )
        .write(
            "content/door.png",
            std::fs::read(common::repo().join("tests/fixtures/long/content/door.png"))
                .unwrap_or_else(|e| panic!("{e}")),
        );
    built(&p, &[]);
    let file = p.path().join("dist/pdf/edge.pdf");
    assert_pdf_checkers_find_nothing(&file);
    let tags: Vec<String> = structure(&file).into_iter().map(|e| e.1).collect();
    // The empty item keeps its bullet, its body a space: two items, none of them empty.
    assert_eq!(tags.iter().filter(|t| *t == "LI").count(), 2, "{tags:?}");
    assert_eq!(tags.iter().filter(|t| *t == "LBody").count(), 2, "{tags:?}");
    assert_eq!(tags.iter().filter(|t| *t == "TD").count(), 2, "{tags:?}");
    assert!(!tags.contains(&"Figure".to_owned()), "{tags:?}");
}
