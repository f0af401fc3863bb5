//! Print booklets: the reading-order PDF (cover, contents, handouts on right-hand pages,
//! footers, outline, tags) and its print file imposed for saddle stitching, read back with
//! poppler's pdftotext and pdftoppm, lopdf and qpdf.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_pdf_checkers_find_nothing, tool, Project};
use lopdf::{Document, Object, ObjectId};

const READING: &str = "dist/pdf/booklets/first-steps.pdf";
const PRINT: &str = "dist/pdf/booklets/first-steps.print.pdf";
/// Half-letter, in points.
const PAGE: (f32, f32) = (396.0, 612.0);

/// The booklet fixture with `from` replaced by `to` in its handout.yaml.
fn fixture_with(from: &str, to: &str) -> Project {
    let p = Project::fixture("booklet");
    let config = p.read_string("handout.yaml");
    assert!(
        config.contains(from),
        "{from:?} not in the fixture's handout.yaml"
    );
    p.write("handout.yaml", config.replace(from, to));
    p
}

/// `print:` settings for the booklet `first-steps`, in handout.yaml.
fn print_settings(print: &str) -> Project {
    let date = "    date: Spring 2026\n";
    fixture_with(date, &format!("{date}    print: {print}\n"))
}

/// The booklet fixture built as PDF, with `print:` settings for `first-steps` when given.
fn built(print: Option<&str>) -> Project {
    let p = match print {
        Some(print) => print_settings(print),
        None => Project::fixture("booklet"),
    };
    p.run(&["build", "--format", "pdf"]).expect_code(0);
    p
}

fn path(p: &Project, file: &str) -> PathBuf {
    p.path().join(file)
}

fn pages(file: &Path) -> usize {
    let info = tool("pdfinfo", &[&file.to_string_lossy()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"))
}

/// The text of page `n` (from 1), or of the part of it `area` = (x, width) points wide.
fn text(file: &Path, n: usize, area: Option<(f32, f32)>) -> String {
    extract(file, n, area, false)
}

/// The footer of page `n` (or of its `area`): its last line, as laid out, spaces collapsed.
fn footer(file: &Path, n: usize, area: Option<(f32, f32)>) -> String {
    let text = extract(file, n, area, true);
    let last = text.lines().rev().find(|l| !l.trim().is_empty());
    words(last.unwrap_or_default()).join(" ")
}

/// pdftotext's text of page `n`, or of its `area`, in layout order when `layout`.
fn extract(file: &Path, n: usize, area: Option<(f32, f32)>, layout: bool) -> String {
    let n = n.to_string();
    let mut args = vec!["-f", &n, "-l", &n, "-enc", "UTF-8"];
    if layout {
        args.push("-layout");
    }
    let crop;
    if let Some((x, w)) = area {
        crop = [x.to_string(), w.to_string(), PAGE.1.to_string()];
        args.extend(["-x", &crop[0], "-y", "0", "-W", &crop[1], "-H", &crop[2]]);
    }
    let file = file.to_string_lossy();
    args.extend([file.as_ref(), "-"]);
    tool("pdftotext", &args)
}

/// Words only, so that two extractions of the same page compare equal.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// The page number a footer prints.
fn folio(footer: &str) -> Option<usize> {
    footer.split_whitespace().find_map(|w| w.parse().ok())
}

/// The booklet's page (from 1) that a link annotation on `page` leads to.
fn link_targets(doc: &Document, page: ObjectId) -> Vec<usize> {
    let numbers: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let annots = doc
        .get_dictionary(page)
        .and_then(|p| p.get(b"Annots"))
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    annots
        .iter()
        .filter_map(|a| {
            let annot = doc.get_dictionary(a.as_reference().ok()?).ok()?;
            let action = annot.get(b"A").ok()?.as_dict().ok()?;
            assert_eq!(
                action.get(b"S").and_then(Object::as_name).ok(),
                Some(&b"GoTo"[..])
            );
            let dest = action.get(b"D").ok()?.as_array().ok()?;
            let target = dest.first()?.as_reference().ok()?;
            numbers.iter().position(|&id| id == target).map(|i| i + 1)
        })
        .collect()
}

#[test]
fn the_booklet_has_a_cover_a_linked_contents_and_each_handout_on_a_right_hand_page() {
    let p = built(None);
    let file = path(&p, READING);
    let count = pages(&file);
    assert_eq!(
        count % 4,
        0,
        "a folded booklet has a multiple of four pages"
    );
    let info = tool("pdfinfo", &[&file.to_string_lossy()]);
    assert!(info.contains("396 x 612 pts"), "{info}");
    let cover = text(&file, 1, None);
    assert_eq!(
        words(&cover),
        words("First steps <at the clinic>\nThree handouts for your first weeks\nRiverside Clinic & Friends\nSpring 2026")
    );
    // The contents: each title with the page it starts on, which is odd, and a link there.
    let contents = extract(&file, 2, None, true);
    let titles = ["Your first visit", "Making a safety plan", "Ayuda rápida"];
    let mut starts = Vec::new();
    for title in titles {
        let line = contents
            .lines()
            .find(|l| l.trim_start().starts_with(title))
            .unwrap_or_else(|| panic!("{title} not in the contents:\n{contents}"));
        let start: usize = line
            .split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no page number in {line:?}"));
        assert_eq!(
            start % 2,
            1,
            "{title} starts on page {start}, a left-hand page"
        );
        let first = text(&file, start, None);
        assert!(first.starts_with(title), "page {start}:\n{first}");
        assert_eq!(footer(&file, start, None), format!("{title} {start}"));
        starts.push(start);
    }
    assert_eq!(starts[0], 3);
    let doc = Document::load(&file).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    assert_eq!(link_targets(&doc, ids[1]), starts);
    // Footers: the booklet's title on left-hand pages, the handout's on right-hand ones,
    // the number at the outer edge; blank pages, the cover and the back print nothing.
    assert_eq!(footer(&file, 2, None), "2 First steps <at the clinic>");
    assert_eq!(footer(&file, 4, None), "4 First steps <at the clinic>");
    for page in starts[1] + 1..starts[2] {
        assert_eq!(
            text(&file, page, None).trim(),
            "",
            "page {page} should be blank"
        );
    }
    let back = text(&file, count, None);
    assert_eq!(
        words(&back),
        words("Riverside Clinic & Friends\nPhone 555-0100\nWeb https://clinic.example.org")
    );
    // The outline: Contents, then each handout with its headings under it.
    let outline = outline(&doc);
    let top: Vec<&str> = outline
        .iter()
        .filter(|(depth, _)| *depth == 0)
        .map(|(_, title)| title.as_str())
        .collect();
    assert_eq!(top, ["Contents", titles[0], titles[1], titles[2]]);
    assert!(
        outline.contains(&(1, "Before you come".to_owned())),
        "headings nest under their handout: {outline:?}"
    );
}

/// The bookmarks of `doc` as (depth, title), in order.
fn outline(doc: &Document) -> Vec<(usize, String)> {
    fn walk(doc: &Document, first: Option<ObjectId>, depth: usize, out: &mut Vec<(usize, String)>) {
        let mut next = first;
        while let Some(id) = next {
            let Ok(item) = doc.get_dictionary(id) else {
                break;
            };
            let title = match item.get(b"Title") {
                Ok(Object::String(bytes, _)) if bytes.starts_with(&[0xfe, 0xff]) => {
                    let units: Vec<u16> = bytes[2..]
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                        .collect();
                    String::from_utf16_lossy(&units)
                }
                Ok(Object::String(bytes, _)) => String::from_utf8_lossy(bytes).into_owned(),
                _ => String::new(),
            };
            out.push((depth, title));
            let child = item.get(b"First").and_then(Object::as_reference).ok();
            walk(doc, child, depth + 1, out);
            next = item.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
    let mut out = Vec::new();
    let first = doc
        .catalog()
        .and_then(|c| c.get(b"Outlines"))
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .and_then(|o| o.get(b"First"))
        .and_then(Object::as_reference)
        .ok();
    walk(doc, first, 0, &mut out);
    out
}

#[test]
fn the_booklet_is_tagged_and_the_checkers_find_nothing() {
    let p = built(None);
    let file = path(&p, READING);
    assert_pdf_checkers_find_nothing(&file);
    let tree = tool("pdfinfo", &["-struct", &file.to_string_lossy()]);
    let lines: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for expected in ["TOC", "TOCI", "Part", "H1"] {
        assert!(lines.contains(&expected), "no {expected} in\n{tree}");
    }
    assert_eq!(lines.iter().filter(|l| **l == "Part").count(), 3);
    qpdf_clean(&file);
    // A full-size booklet is bound the same way, with no print file.
    let safety = path(&p, "dist/pdf/booklets/safety.pdf");
    let info = tool("pdfinfo", &[&safety.to_string_lossy()]);
    assert!(info.contains("612 x 792 pts"), "{info}");
    assert!(!path(&p, "dist/pdf/booklets/safety.print.pdf").exists());
    assert_pdf_checkers_find_nothing(&safety);
}

/// The page of the booklet (from 1) shown on each half of each side, in saddle order, for
/// `count` pages padded to a multiple of four with blanks (0) before the back cover.
fn saddle(count: usize) -> Vec<[usize; 2]> {
    let padded = count.div_ceil(4) * 4;
    let page = |n: usize| match n {
        n if n < count => n,
        n if n == padded => count,
        _ => 0,
    };
    (0..padded / 4)
        .flat_map(|s| {
            [
                [page(padded - 2 * s), page(2 * s + 1)],
                [page(2 * s + 2), page(padded - 2 * s - 1)],
            ]
        })
        .collect()
}

#[test]
fn each_side_of_the_print_file_shows_the_pages_that_fold_into_the_booklet() {
    let p = built(None);
    let (reading, print) = (path(&p, READING), path(&p, PRINT));
    let count = pages(&reading);
    let order = saddle(count);
    assert_eq!(pages(&print), count / 2, "⌈P/4⌉ sheets of two sides");
    let info = tool("pdfinfo", &[&print.to_string_lossy()]);
    assert!(info.contains("792 x 612 pts"), "landscape Letter:\n{info}");
    for (side, halves) in order.iter().enumerate() {
        for (half, &page) in halves.iter().enumerate() {
            let shown = text(&print, side + 1, Some((half as f32 * PAGE.0, PAGE.0)));
            let expected = if page == 0 {
                String::new()
            } else {
                text(&reading, page, None)
            };
            assert_eq!(
                words(&shown),
                words(&expected),
                "side {} half {half} should show page {page}",
                side + 1
            );
            if (2..count).contains(&page) && !expected.trim().is_empty() {
                let area = Some((half as f32 * PAGE.0, PAGE.0));
                assert_eq!(folio(&footer(&print, side + 1, area)), Some(page));
            }
        }
    }
    // For printing only: no tags, no PDF/UA claim, and it names the file to read.
    let doc = Document::load(&print).unwrap_or_else(|e| panic!("{e}"));
    let catalog = doc.catalog().unwrap_or_else(|e| panic!("{e}"));
    assert!(catalog.get(b"StructTreeRoot").is_err());
    assert!(catalog.get(b"MarkInfo").is_err());
    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .map(|s| String::from_utf8_lossy(&s.content).into_owned())
        .unwrap_or_default();
    assert!(
        xmp.contains("<dc:title>") && !xmp.contains("pdfuaid"),
        "{xmp}"
    );
    assert!(
        info.contains("For reading on screen, use first-steps.pdf"),
        "{info}"
    );
    qpdf_clean(&print);
}

#[test]
fn long_edge_duplex_turns_the_backs_and_creep_moves_pages_toward_the_spine() {
    let p = built(Some("{ duplex: long, creep: 2mm }"));
    let (reading, print) = (path(&p, READING), path(&p, PRINT));
    let order = saddle(pages(&reading));
    // The back of the first sheet: page 2 on the left, turned, so it prints on the right.
    let [left, right] = order[1];
    let shown = text(&print, 2, Some((PAGE.0, PAGE.0)));
    assert_eq!(words(&shown), words(&text(&reading, left, None)));
    let shown = text(&print, 2, Some((0.0, PAGE.0)));
    let expected = if right == 0 {
        String::new()
    } else {
        text(&reading, right, None)
    };
    assert_eq!(words(&shown), words(&expected));
    // The second sheet's pages sit 2 mm nearer the spine than the first sheet's would.
    let creep = 2.0 * 72.0 / 25.4;
    let [_, right] = order[2];
    let x_in_print = first_word_x(&print, 3, PAGE.0) - PAGE.0;
    let x_in_reading = first_word_x(&reading, right, 0.0);
    assert!(
        (x_in_reading - creep - x_in_print).abs() < 0.05,
        "page {right}: {x_in_print} on the sheet, {x_in_reading} in the booklet"
    );
}

/// The left edge of the first word `pdftotext -bbox` finds on `page` right of `from`.
fn first_word_x(file: &Path, page: usize, from: f32) -> f32 {
    let n = page.to_string();
    let boxes = tool(
        "pdftotext",
        &["-bbox", "-f", &n, "-l", &n, &file.to_string_lossy(), "-"],
    );
    boxes
        .lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .filter_map(|l| {
            let x = l.split("xMin=\"").nth(1)?.split('"').next()?;
            x.parse::<f32>().ok()
        })
        .find(|&x| x >= from)
        .unwrap_or_else(|| panic!("no word on page {page} of {}", file.display()))
}

#[test]
fn marks_show_the_fold_at_the_spine_when_asked() {
    // Darkest pixel in a strip at the top of the spine, at 72 dpi.
    let darkest = |file: &Path| {
        let out = std::process::Command::new("pdftoppm")
            .args(["-gray", "-r", "72", "-f", "1", "-l", "1"])
            .args(["-x", "392", "-y", "0", "-W", "8", "-H", "10"])
            .arg(file)
            .output()
            .unwrap_or_else(|e| panic!("pdftoppm (poppler-utils): {e}"));
        // A binary PGM: three header lines, then one byte per pixel.
        let pixels = out.stdout.splitn(4, |&b| b == b'\n').nth(3).unwrap_or(&[]);
        pixels.iter().copied().min().unwrap_or(255)
    };
    let plain = built(None);
    assert!(darkest(&path(&plain, PRINT)) > 200, "no marks unless asked");
    let marked = built(Some("{ marks: true }"));
    assert!(
        darkest(&path(&marked, PRINT)) < 100,
        "a fold mark at the spine"
    );
}

#[test]
fn print_settings_are_checked_with_the_place_and_the_choices() {
    let refused = |p: Project, message: &str| {
        p.run(&["build", "--format", "pdf"])
            .expect_code(2)
            .expect_stderr(message);
        assert!(!p.path().join("dist").exists(), "nothing is written");
    };
    refused(
        print_settings("{ creep: 3 furlongs }"),
        "expected a length of at most one inch, such as `0.1mm`",
    );
    refused(
        print_settings("{ imposition: perfect-bound }"),
        "expected one of: saddle-stitch, none",
    );
    refused(
        fixture_with("images/clinic.png", "images/missing.png"),
        "booklet `first-steps`: cover image `content/images/missing.png` does not exist",
    );
}

fn qpdf_clean(file: &Path) {
    let out = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("qpdf: {e}"));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
}

#[test]
fn only_listed_booklets_are_printed() {
    // Without `booklets:`, one EPUB binds every handout; nothing is imposed for printing.
    let p = Project::fixture("elements");
    let config = p.read_string("handout.yaml");
    assert!(!config.contains("booklets:"));
    p.run(&["build", "--format", "pdf,epub"]).expect_code(0);
    let epubs = std::fs::read_dir(p.path().join("dist/epub"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(epubs, 1);
    assert!(!p.path().join("dist/pdf/booklets").exists());
}

#[test]
fn a_folded_booklet_sets_a_chapter_a_page_shorter_when_that_spares_a_sheet() {
    // The bundled body three times, cut at lengths around where it spills onto a tenth
    // half-letter page; each project binds it folded and flat.
    let source = std::fs::read_to_string(common::repo().join("content/relational-therapy.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (front, body) = source
        .split_once("\n# Relational Therapy\n")
        .unwrap_or_else(|| panic!("the bundled handout has no `#` title"));
    let body = body.repeat(3);
    let mut spared = 0;
    for length in (11_800..12_400).step_by(40) {
        let cut = &body[..body[..length].rfind(' ').unwrap_or(length)];
        let p = Project::empty();
        p.write(
            "content/long.md",
            format!("{front}\n# Relational Therapy\n{cut}.\n"),
        )
        .write(
            "handout.yaml",
            "formats: [pdf]\n\
             checks: { reading-grade: allow, unknown-kind: allow, missing-section: allow }\n\
             booklets:\n\
             - { id: folded, title: Folded, handouts: [long] }\n\
             - { id: flat, title: Flat, handouts: [long], print: { imposition: none } }\n",
        );
        p.run(&["build"]).expect_code(0);
        // Flat: cover, contents and the chapter as set, nothing on the back.
        let chapter = pages(&path(&p, "dist/pdf/booklets/flat.pdf")) - 2;
        let folded = pages(&path(&p, "dist/pdf/booklets/folded.pdf"));
        let padded = (2 + chapter + 1).div_ceil(4) * 4;
        assert!(
            folded <= padded,
            "{length}: {folded} pages, more than {padded}"
        );
        if folded < padded {
            spared += 1;
            // The chapter ends a page earlier, with its footer, before the blank back.
            let last = folded - 1;
            let file = path(&p, "dist/pdf/booklets/folded.pdf");
            assert_eq!(
                footer(&file, last, None),
                format!("Relational Therapy {last}")
            );
            assert_eq!(text(&file, folded, None).trim(), "");
        }
    }
    assert!(spared > 0, "no length let a chapter spare a sheet");
}
