//! PDF handouts, checked with the tools a print shop would use: qpdf, pdffonts, pdfinfo and
//! pdftotext (Debian/Ubuntu packages `qpdf` and `poppler-utils`).

mod common;

use std::path::Path;

use common::{assert_words_in_order, seed_words, Project};

const BUNDLED: &str = "dist/pdf/relational-therapy.pdf";
const LONG: &str = "dist/pdf/finding-your-way.pdf";

/// Runs a tool on `file` (pdftotext writing to stdout), returning stdout; fails the test when
/// it cannot run or fails.
fn tool(program: &str, args: &[&str], file: &Path) -> String {
    let file = file.to_string_lossy();
    let mut all = args.to_vec();
    all.push(&file);
    if program == "pdftotext" {
        all.push("-");
    }
    common::tool(program, &all)
}

fn built(p: &Project, args: &[&str]) {
    let mut all = vec!["build", "--format", "pdf"];
    all.extend_from_slice(args);
    p.run(&all).expect_code(0);
}

/// pdftotext's text with line-end hyphens joined to the next line.
fn text_of(file: &Path) -> String {
    let text = tool("pdftotext", &["-enc", "UTF-8"], file);
    let mut joined = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let next_starts_word = lines
            .peek()
            .and_then(|l| l.chars().next())
            .is_some_and(char::is_alphabetic);
        let before = line.chars().rev().nth(1).is_some_and(char::is_alphabetic);
        if line.ends_with('-') && before && next_starts_word {
            joined.push_str(&line[..line.len() - 1]);
        } else {
            joined.push_str(line);
            joined.push('\n');
        }
    }
    joined
}

#[test]
fn pdfs_pass_qpdf_check_without_warnings() {
    let bundled = Project::bundled();
    built(&bundled, &[]);
    let long = Project::fixture("long");
    built(&long, &["--paper", "a4"]);
    for file in [bundled.path().join(BUNDLED), long.path().join(LONG)] {
        let out = tool("qpdf", &["--check"], &file);
        assert!(out.contains("No syntax or stream encoding errors"), "{out}");
        assert!(!out.to_lowercase().contains("warning"), "{out}");
    }
}

#[test]
fn every_font_is_embedded_and_subset() {
    let p = Project::fixture("long");
    built(&p, &[]);
    let out = tool("pdffonts", &[], &p.path().join(LONG));
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert!(rows.len() >= 4, "expected text and mono faces:\n{out}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap_or("");
        let (tag, _) = name.split_once('+').unwrap_or(("", ""));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "not a subset name: {row}"
        );
        assert!(
            row.contains(" yes yes yes "),
            "not embedded, subset and mapped: {row}"
        );
    }
}

#[test]
fn a_project_font_replaces_the_bundled_face_in_the_pdf() {
    let p = Project::bundled();
    let other = std::fs::read(common::repo().join("fonts/AtkinsonHyperlegibleMono-Regular.ttf"))
        .unwrap_or_else(|e| panic!("read the mono face: {e}"));
    p.write("fonts/AtkinsonHyperlegibleNext_400Regular.ttf", other);
    built(&p, &[]);
    let out = tool("pdffonts", &[], &p.path().join(BUNDLED));
    let names: Vec<&str> = out
        .lines()
        .skip(2)
        .filter_map(|row| row.split_whitespace().next()?.split_once('+'))
        .map(|(_, name)| name)
        .collect();
    assert!(names.contains(&"AtkinsonHyperlegibleMono-Regular"), "{out}");
    assert!(
        !names.contains(&"AtkinsonHyperlegibleNext-Regular"),
        "{out}"
    );
    assert!(names.contains(&"AtkinsonHyperlegibleNext-Bold"), "{out}");
    // The words are still all there: the checks and the layout used the same face.
    let text = text_of(&p.path().join(BUNDLED));
    assert!(text.contains("Relational"), "{text}");
}

#[test]
fn a_project_font_that_is_not_a_font_is_a_clear_error() {
    let p = Project::bundled();
    p.write("fonts/AtkinsonHyperlegibleNext_700Bold.ttf", "not a font");
    p.run(&["build", "--format", "pdf"])
        .expect_code(2)
        .expect_stderr("AtkinsonHyperlegibleNext_700Bold.ttf: not a font file");
    assert!(!p.path().join("dist").exists(), "nothing is written");
}

#[test]
fn info_names_the_title_and_paper_and_is_not_pdf_x() {
    let p = Project::bundled();
    built(&p, &[]);
    let letter = tool("pdfinfo", &[], &p.path().join(BUNDLED));
    assert!(
        letter.contains("Title:           Relational Therapy\n"),
        "{letter}"
    );
    assert!(letter.contains("612 x 792 pts (letter)"), "{letter}");
    assert!(letter.contains("Subject:         What Relational Therapy is"));
    assert!(!letter.contains("PDF/X"), "{letter}");
    built(&p, &["--paper", "a4"]);
    let a4 = tool("pdfinfo", &[], &p.path().join(BUNDLED));
    assert!(a4.contains("(A4)"), "{a4}");
    // The size as it is named, in capitals, on the command line and in handout.yaml.
    built(&p, &["--paper", "letter"]);
    built(&p, &["--paper", "A4"]);
    let a4 = tool("pdfinfo", &[], &p.path().join(BUNDLED));
    assert!(a4.contains("(A4)"), "{a4}");
    let config = p.read_string("handout.yaml");
    p.write("handout.yaml", config.replace("paper: letter", "paper: A4"));
    built(&p, &[]);
    let a4 = tool("pdfinfo", &[], &p.path().join(BUNDLED));
    assert!(a4.contains("(A4)"), "{a4}");
}

#[test]
fn catalog_has_language_viewer_preferences_and_a_nested_outline() {
    let p = Project::fixture("long");
    built(&p, &[]);
    let doc = lopdf::Document::load(p.path().join(LONG)).unwrap_or_else(|e| panic!("{e}"));
    let catalog = doc.catalog().unwrap_or_else(|e| panic!("{e}"));
    let lang = catalog.get(b"Lang").and_then(lopdf::Object::as_str);
    assert_eq!(lang.ok(), Some(&b"en"[..]));
    let prefs = catalog
        .get(b"ViewerPreferences")
        .and_then(lopdf::Object::as_dict);
    let display = prefs
        .and_then(|d| d.get(b"DisplayDocTitle"))
        .and_then(lopdf::Object::as_bool);
    assert_eq!(display.ok(), Some(true));
    assert_eq!(
        catalog
            .get(b"PageMode")
            .and_then(lopdf::Object::as_name)
            .ok(),
        Some(&b"UseOutlines"[..])
    );
    // The title is the root entry; its sections are its children; subsections theirs.
    let outline = tool(
        "qpdf",
        &["--json", "--json-key=outlines"],
        &p.path().join(LONG),
    );
    let json: serde_json::Value = serde_json::from_str(&outline).unwrap_or_else(|e| panic!("{e}"));
    let top = &json["outlines"];
    assert_eq!(top.as_array().map(Vec::len), Some(1), "{top}");
    assert_eq!(top[0]["title"], "Finding Your Way Through Therapy");
    let sections: Vec<&str> = top[0]["kids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|k| k["title"].as_str())
        .collect();
    assert_eq!(
        sections[..4],
        [
            "Before your first session",
            "During sessions",
            "Your rights",
            "When you need help fast"
        ]
    );
    let first_kids: Vec<&str> = top[0]["kids"][0]["kids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|k| k["title"].as_str())
        .collect();
    assert_eq!(first_kids, ["What to bring", "Steps on the day"]);
}

#[test]
fn extracted_text_has_every_word_in_order_with_typographic_characters() {
    let p = Project::bundled();
    built(&p, &[]);
    let text = text_of(&p.path().join(BUNDLED));
    assert_words_in_order(&seed_words(), &text);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "“here and now”",
        "person’s",
        "relationships—whether",
        "https://www.dv.support",
    ] {
        assert!(flat.contains(needle), "{needle:?} missing from:\n{text}");
    }
    assert!(text.contains("Page 1 of "), "footer missing");
}

#[test]
fn hyphenated_and_split_words_come_back_whole() {
    let p = Project::fixture("long");
    built(&p, &[]);
    let text = text_of(&p.path().join(LONG));
    let words: Vec<String> = "Incomprehensibilities, antidisestablishmentarianism and \
        Pneumonoultramicroscopicsilicovolcanoconiosis are long words that still fit"
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    assert_words_in_order(&words, &text);
    let flat = text.split_whitespace().collect::<String>();
    assert!(
        flat.contains("Supercalifragilisticexpialidociously"),
        "{text}"
    );
}

/// Every word pdftotext finds lies inside the text area, or wholly inside the footer area
/// below it; nothing reaches into the side margins.
fn assert_inside_margins(file: &Path, page: (f32, f32)) {
    let (left, right, top, bottom) = (64.8, 64.8, 61.2, 72.0);
    let boxes = tool("pdftotext", &["-bbox"], file);
    let mut words = 0;
    for line in boxes
        .lines()
        .filter(|l| l.trim_start().starts_with("<word"))
    {
        let attr = |name: &str| -> f32 {
            let key = format!("{name}=\"");
            line.split(&key)
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("no {name} in {line}"))
        };
        let (x0, y0, x1, y1) = (attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax"));
        let tolerance = 0.01;
        assert!(
            x0 >= left - tolerance && x1 <= page.0 - right + tolerance,
            "{line}"
        );
        let in_body = y0 >= top - tolerance && y1 <= page.1 - bottom + tolerance;
        let in_footer = y0 >= page.1 - bottom && y1 <= page.1;
        assert!(in_body || in_footer, "outside the text area: {line}");
        words += 1;
    }
    assert!(words > 100, "only {words} words found");
}

#[test]
fn no_glyph_is_drawn_outside_the_margins() {
    let p = Project::fixture("long");
    built(&p, &[]);
    assert_inside_margins(&p.path().join(LONG), (612.0, 792.0));
    built(&p, &["--paper", "a4", "--layout", "large-print"]);
    assert_inside_margins(&p.path().join(LONG), (595.276, 841.89));
    let b = Project::bundled();
    built(&b, &[]);
    assert_inside_margins(&b.path().join(BUNDLED), (612.0, 792.0));
}

#[test]
fn bundled_pdf_is_small() {
    let p = Project::bundled();
    built(&p, &[]);
    let size = p.read(BUNDLED).len();
    assert!(size < 60 * 1024, "{size} bytes");
}

#[test]
fn builds_are_byte_identical_also_in_parallel_with_other_handouts() {
    let alone = Project::bundled();
    built(&alone, &[]);
    // The bundled handout beside four copies and a different handout of its kind.
    let crowd = Project::bundled();
    let seed = crowd.read("content/relational-therapy.md");
    for i in 0..4 {
        crowd.write(&format!("content/copy-{i}.md"), &seed);
    }
    let sections = [
        "What this modality focuses on",
        "How it may support trauma survivors",
        "What sessions may typically include",
        "How people can decide if this approach fits their needs",
    ];
    let other: String = sections
        .iter()
        .map(|s| format!("## {s}\n\nA short, plain paragraph about {s}.\n\n"))
        .collect();
    crowd.write(
        "content/art-therapy.md",
        format!("---\ntitle: Art Therapy\nkind: modality\n---\n\n{other}"),
    );
    let run = |threads: &str| {
        crowd
            .run_with_threads(&["build", "--format", "pdf"], threads)
            .expect_code(0);
        crowd.read(BUNDLED)
    };
    let one = run("1");
    let four = run("4");
    assert_eq!(one, four, "bytes depend on the thread count");
    assert_eq!(
        one,
        alone.read(BUNDLED),
        "bytes depend on the other handouts"
    );
    assert_eq!(crowd.read("dist/pdf/copy-0.pdf"), one);
}

#[test]
fn a_character_the_font_lacks_fails_and_writes_nothing() {
    let p = Project::fixture("missing-glyph");
    p.run(&["build"])
        .expect_code(1)
        .expect_stderr("missing-glyph")
        .expect_stderr("content/greeting.md:8:32")
        .expect_stderr("U+F095");
    assert!(!p.path().join("dist").exists(), "something was written");
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr("missing-glyph");
    // A text-only build does not draw with the font, so the character is fine there.
    p.run(&["build", "--format", "text"]).expect_code(0);
}

#[test]
fn large_print_sets_body_text_at_sixteen_points_or_more() {
    let p = Project::bundled();
    built(&p, &["--layout", "large-print"]);
    let pages = tool("pdfinfo", &[], &p.path().join(BUNDLED));
    let count = |info: &str| -> u32 {
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    let large = count(&pages);
    built(&p, &[]);
    let normal = count(&tool("pdfinfo", &[], &p.path().join(BUNDLED)));
    assert!(
        large > normal,
        "large print: {large} pages, default: {normal}"
    );
    let style = std::fs::read_to_string(common::repo().join("layouts/pdf/large-print.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let body = style
        .lines()
        .find_map(|l| l.strip_prefix("body: { size: "))
        .and_then(|rest| rest.split(',').next())
        .and_then(|v| v.parse::<f32>().ok());
    assert!(body.is_some_and(|b| b >= 16.0), "{body:?}");
}

#[test]
fn an_unknown_layout_is_a_usage_error() {
    let p = Project::bundled();
    p.run(&["build", "--format", "pdf", "--layout", "tiny"])
        .expect_code(2)
        .expect_stderr("no PDF layout `tiny`; use one of: default, large-print");
}

#[test]
fn pictures_are_embedded_scaled_into_the_column() {
    let p = Project::fixture("long");
    built(&p, &[]);
    let doc = lopdf::Document::load(p.path().join(LONG)).unwrap_or_else(|e| panic!("{e}"));
    let images: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .map(|s| &s.dict)
        .filter(|d| d.get(b"Subtype").and_then(lopdf::Object::as_name).ok() == Some(b"Image"))
        .collect();
    assert_eq!(images.len(), 2, "a PNG and a JPEG");
    let filters: Vec<&[u8]> = images
        .iter()
        .filter_map(|d| d.get(b"Filter").and_then(lopdf::Object::as_name).ok())
        .collect();
    assert!(filters.contains(&&b"DCTDecode"[..]), "{filters:?}");
    assert!(filters.contains(&&b"FlateDecode"[..]), "{filters:?}");
}

#[test]
fn a_picture_outside_the_project_is_refused() {
    let p = Project::empty();
    p.write("handout.yaml", "formats: [pdf]\n").write(
        "content/a.md",
        "---\ntitle: A\n---\n\nText.\n\n![Host](../../../../../../../../etc/hostname)\n",
    );
    p.run(&["build"])
        .expect_code(1)
        .expect_stderr("error[image-path]: image `../../../../../../../../etc/hostname` lies outside the project folder")
        .expect_stderr("content/a.md:7:1");
    assert!(!p.path().join("dist").exists());
}

#[test]
fn a_picture_that_is_not_png_or_jpeg_is_an_error_not_a_panic() {
    let p = Project::empty();
    p.write("handout.yaml", "formats: [pdf]\n")
        .write(
            "content/a.md",
            "---\ntitle: A\n---\n\n![Broken](broken.png)\n",
        )
        .write("content/broken.png", b"\x89PNG\r\n\x1a\nnot really");
    p.run(&["build"])
        .expect_code(2)
        .expect_stderr("image `broken.png`: this PNG file is damaged");
}

#[test]
fn a_project_layout_can_justify_and_hyphenate() {
    let p = Project::bundled();
    let default = std::fs::read_to_string(common::repo().join("layouts/pdf/default.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let narrow = default
        .replace("justify: false", "justify: true")
        .replace("left: 64.8, right: 64.8", "left: 150, right: 150");
    p.write("layouts/pdf/narrow.yaml", narrow);
    built(&p, &["--layout", "narrow"]);
    // A word broken at a line end reads whole (its first part spans the whole word as
    // /ActualText, the rest as nothing), so no hyphen and no split enters the text.
    let spans = actual_texts(&p.path().join(BUNDLED));
    let source = p.read_string("content/relational-therapy.md");
    assert!(spans.iter().any(String::is_empty), "{spans:?}");
    let words: Vec<&String> = spans.iter().filter(|s| !s.is_empty()).collect();
    assert!(!words.is_empty(), "no word was hyphenated");
    for word in words {
        let bare = word.trim_end_matches([':', ',', '.', ';']);
        assert!(
            source.contains(bare),
            "{word:?} is not a word of the source"
        );
    }
    let raw = tool(
        "pdftotext",
        &["-raw", "-enc", "UTF-8"],
        &p.path().join(BUNDLED),
    );
    let hyphenated = raw
        .lines()
        .filter(|l| l.ends_with('-') && l.chars().rev().nth(1).is_some_and(char::is_alphabetic))
        .count();
    assert_eq!(hyphenated, 0, "a hyphen entered the text:\n{raw}");
    assert_words_in_order(&seed_words(), &raw);
    // The default layout does not hyphenate: every line-end hyphen there is in the source.
    built(&p, &[]);
    let plain = tool(
        "pdftotext",
        &["-raw", "-enc", "UTF-8"],
        &p.path().join(BUNDLED),
    );
    for line in plain.lines().filter(|l| l.ends_with('-')) {
        let word = line.split_whitespace().last().unwrap_or("");
        assert!(
            source.contains(word),
            "hyphen added in the default layout: {line}"
        );
    }
}

/// The `/ActualText` of every marked-content sequence in a file, in page order.
fn actual_texts(file: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(file).unwrap_or_else(|e| panic!("{e}"));
    let mut texts = Vec::new();
    for page in doc.get_pages().into_values() {
        let bytes = doc.get_page_content(page);
        let content = lopdf::content::Content::decode(&bytes).unwrap_or_else(|e| panic!("{e}"));
        for op in content.operations.iter().filter(|op| op.operator == "BDC") {
            let props = op.operands.get(1).and_then(|o| o.as_dict().ok());
            if let Some(Ok(bytes)) =
                props.and_then(|d| d.get(b"ActualText").ok().map(|t| t.as_str()))
            {
                let units: Vec<u16> = bytes
                    .get(2..)
                    .unwrap_or_default()
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                    .collect();
                texts.push(String::from_utf16_lossy(&units));
            }
        }
    }
    texts
}

#[test]
fn a_broken_layout_file_is_reported_with_its_place() {
    let p = Project::bundled();
    p.write(
        "layouts/pdf/default.yaml",
        "margins: { top: 1 }\njustfy: true\n",
    );
    p.run(&["build", "--format", "pdf"])
        .expect_code(2)
        .expect_stderr(
            "layouts/pdf/default.yaml:1:10: the layout: margins: missing field `bottom`",
        );
    assert!(!p.path().join("dist").exists());
}

#[test]
fn every_block_is_marked_content_and_the_footer_an_artifact() {
    let p = Project::fixture("long");
    built(&p, &[]);
    let doc = lopdf::Document::load(p.path().join(LONG)).unwrap_or_else(|e| panic!("{e}"));
    for (number, page) in doc.get_pages() {
        let bytes = doc.get_page_content(page);
        let content = lopdf::content::Content::decode(&bytes).unwrap_or_else(|e| panic!("{e}"));
        let mut depth = 0;
        let mut mcids = Vec::new();
        let mut pagination = 0;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    depth += 1;
                    let props = op.operands.get(1).and_then(|o| o.as_dict().ok());
                    if let Some(mcid) = props.and_then(|d| d.get(b"MCID").ok()) {
                        mcids.push(mcid.as_i64().unwrap_or(-1));
                    }
                    let kind = props.and_then(|d| d.get(b"Type").ok()?.as_name().ok());
                    if kind == Some(b"Pagination") {
                        pagination += 1;
                    }
                }
                "EMC" => depth -= 1,
                "BT" | "re" | "Do" => assert!(
                    depth > 0,
                    "page {number}: {} outside marked content",
                    op.operator
                ),
                _ => {}
            }
        }
        assert_eq!(depth, 0, "page {number}: unbalanced marked content");
        let expected: Vec<i64> = (0..mcids.len() as i64).collect();
        assert_eq!(mcids, expected, "page {number}: MCIDs");
        assert!(!mcids.is_empty(), "page {number}: no content");
        assert_eq!(pagination, 1, "page {number}: footer artifact");
    }
}

/// The lines of text above the footer on the last page of `file`, a page `height` points
/// tall whose footer stands in the bottom `footer` points.
fn last_page_lines(file: &Path, height: f32, footer: f32) -> usize {
    let info = tool("pdfinfo", &[], file);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no page count: {info}"));
    let page = pages.to_string();
    let above = ((height - footer).floor() as i32).to_string();
    let text = tool(
        "pdftotext",
        &[
            "-layout", "-f", &page, "-l", &page, "-x", "0", "-y", "0", "-W", "1000", "-H", &above,
        ],
        file,
    );
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

#[test]
fn the_bundled_handout_fits_two_letter_pages_and_no_last_page_is_nearly_empty() {
    let p = Project::bundled();
    built(&p, &[]);
    let file = p.path().join(BUNDLED);
    let info = tool("pdfinfo", &[], &file);
    assert!(info.contains("Pages:           2"), "{info}");
    for (args, out, height) in [
        (&["--paper", "a4"][..], "a4", 841.89),
        (&["--layout", "large-print"][..], "large", 792.0),
        (
            &["--paper", "a4", "--layout", "large-print"][..],
            "large-a4",
            841.89,
        ),
    ] {
        let mut all = vec!["--out", out];
        all.extend_from_slice(args);
        built(&p, &all);
        let file = p.path().join(out).join("pdf/relational-therapy.pdf");
        let lines = last_page_lines(&file, height, 72.0);
        assert!(lines >= 5, "{args:?}: {lines} lines on the last page");
    }
}

#[test]
fn no_fixture_ends_with_a_page_of_fewer_than_five_lines() {
    for fixture in [
        "booklet",
        "elements",
        "long",
        "scripts",
        "scripts-cjk",
        "scripts-rtl",
    ] {
        let p = Project::fixture(fixture);
        built(&p, &[]);
        let dir = p.path().join("dist/pdf");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        files.sort();
        for file in files {
            let lines = last_page_lines(&file, 792.0, 72.0);
            let one_page = tool("pdfinfo", &[], &file).contains("Pages:           1");
            assert!(
                one_page || lines >= 5,
                "{}: {lines} lines on the last page",
                file.display()
            );
        }
    }
}

#[test]
fn a_handout_asking_for_pages_gets_them_or_a_note_of_the_lines_missing() {
    let p = Project::bundled();
    let source = p.read_string("content/relational-therapy.md");
    let asking = |pages: usize| {
        source.replacen(
            "kind: modality\n",
            &format!("kind: modality\nfit: {{ pages: {pages} }}\n"),
            1,
        )
    };
    // Three pages: spaced out onto them, no note.
    p.write("content/relational-therapy.md", asking(3));
    let run = p.run(&["build", "--format", "pdf"]);
    run.expect_code(0);
    assert!(!run.stderr().contains("page-fit"), "{}", run.stderr());
    let info = tool("pdfinfo", &[], &p.path().join(BUNDLED));
    assert!(info.contains("Pages:           3"), "{info}");
    // One page cannot hold it: the PDF is still written, and a note says by how much.
    p.write("content/relational-therapy.md", asking(1));
    let run = p.run(&["build", "--format", "pdf"]);
    run.expect_code(0)
        .expect_stderr("note[page-fit]: this handout does not fit on 1 page: at the tightest spacing the layout allows, about ")
        .expect_stderr("content/relational-therapy.md:5:1")
        .expect_stderr("or ask for 2 pages");
    let info = tool("pdfinfo", &[], &p.path().join(BUNDLED));
    assert!(info.contains("Pages:           2"), "{info}");
    // A key the request does not know is a front-matter error.
    p.write(
        "content/relational-therapy.md",
        asking(1).replace("fit: { pages: 1 }", "fit: { page: 1 }"),
    );
    p.run(&["build", "--format", "pdf"]).expect_code(1);
}

#[test]
fn an_empty_list_item_keeps_its_number() {
    let p = Project::empty();
    p.write(
        "content/steps.md",
        "---\ntitle: Steps\nsummary: Three steps.\n---\n\n1. Call us\n2.\n3. Come in\n",
    );
    built(&p, &[]);
    let text = tool(
        "pdftotext",
        &["-layout"],
        &p.path().join("dist/pdf/steps.pdf"),
    );
    let items: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(items, ["1. Call us", "2.", "3. Come in"], "{text}");
}
