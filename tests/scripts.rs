//! Handouts in other languages and full of symbols: the fallback faces set what the body face
//! lacks, every word in one face where one face has all of it.

mod common;

use std::collections::BTreeMap;

use common::{assert_words_in_order, tool, Project};
use handout::fonts::FontBook;
use handout::layouts::Layouts;
use handout::typeset::paged::{flatten, Info, Item, Size};
use handout::typeset::style::Style;
use handout::typeset::{self, Context};

const HANDOUTS: [&str; 4] = ["vaccine-es", "vaccine-vi", "vaccine-ru", "symbols-en"];

/// The words of a handout's body as a reader sees them: Markdown markers left out.
fn source_words(p: &Project, slug: &str) -> Vec<String> {
    let source = p.read_string(&format!("content/{slug}.md"));
    let body = source.splitn(3, "---\n").nth(2).unwrap_or_default();
    body.split_whitespace()
        .filter(|w| !w.chars().all(|c| c == '#' || c == '-'))
        .filter(|w| !(w.ends_with('.') && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit())))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_script_builds_with_no_finding_and_reads_back_in_order() {
    let p = Project::fixture("scripts");
    let run = p.run(&["build"]);
    run.expect_code(0)
        .expect_stderr("4 handouts checked: 0 errors, 0 warnings");
    for slug in HANDOUTS {
        let pdf = p.path().join(format!("dist/pdf/{slug}.pdf"));
        let pdf = pdf.to_string_lossy();
        let text = tool("pdftotext", &[&pdf, "-"]);
        assert_words_in_order(&source_words(&p, slug), &text);
        assert_inside_margins(std::path::Path::new(pdf.as_ref()), slug);
        // Every face embedded, every one a subset.
        let fonts = tool("pdffonts", &[&pdf]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let name = row.split_whitespace().next().unwrap_or_default();
            assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "{row}");
            assert!(row.contains(" yes yes "), "not embedded and subset: {row}");
        }
    }
    // The footer speaks each handout's language.
    for (slug, label) in [
        ("vaccine-es", "Página 1 de "),
        ("vaccine-vi", "Trang 1/"),
        ("vaccine-ru", "Страница 1 из "),
        ("symbols-en", "Page 1 of "),
    ] {
        let pdf = p.path().join(format!("dist/pdf/{slug}.pdf"));
        let text = tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
        assert!(text.contains(label), "{slug}: no {label:?} in\n{text}");
    }
    let fonts = tool(
        "pdffonts",
        &[&p.path().join("dist/pdf/symbols-en.pdf").to_string_lossy()],
    );
    for face in [
        "NotoSansSymbols2-Regular",
        "NotoSansMath-Regular",
        "Symbola",
    ] {
        assert!(fonts.contains(face), "{face} is not in\n{fonts}");
    }
}

#[test]
fn every_vietnamese_word_is_set_in_one_face() {
    let p = Project::fixture("scripts");
    let (project, _) = handout::project::Project::load(p.path())
        .unwrap_or_else(|e| panic!("the fixture does not load: {e}"));
    let fonts: &FontBook = &project.fonts;
    let style = Style::load(&Layouts::new(None), "default")
        .unwrap_or_else(|e| panic!("default layout: {e}"));
    let labels = Layouts::new(None)
        .labels(&handout::lang::Lang::parse("vi"))
        .unwrap_or_else(|e| panic!("labels: {e}"));
    let ctx = Context {
        style: &style,
        labels: &labels,
        fonts,
        page: Size {
            width: 612.0,
            height: 792.0,
        },
    };
    let vi = project
        .handouts
        .iter()
        .find(|h| h.slug == "vaccine-vi")
        .unwrap_or_else(|| panic!("no Vietnamese handout"));
    let info = Info {
        title: vi.title.clone(),
        subject: None,
        author: None,
        lang: vi.lang.clone(),
    };
    let paged = typeset::handout(vi, &ctx, &BTreeMap::new(), info);
    let mut words = 0;
    let mut faces_used = Vec::new();
    for page in &paged.pages {
        for (_, item) in flatten(&page.items) {
            let Item::Text(run) = item else { continue };
            // The words of the run: its glyphs between spaces.
            let glyphs: Vec<_> = run.glyphs.iter().collect();
            for word in glyphs.split(|g| !g.text.is_empty() && g.text.trim().is_empty()) {
                if word.is_empty() {
                    continue;
                }
                let mut faces: Vec<_> = word.iter().map(|g| g.font).collect();
                faces.dedup();
                let text: String = word.iter().map(|g| g.text.as_str()).collect();
                assert_eq!(faces.len(), 1, "{text:?} mixes faces");
                words += 1;
                faces_used.extend(faces);
            }
        }
    }
    assert!(words > 100, "only {words} words");
    faces_used.sort();
    faces_used.dedup();
    let families: Vec<&str> = faces_used.iter().map(|&f| fonts.face(f).family()).collect();
    assert!(families.contains(&"Noto Sans"), "{families:?}");
}

/// Asserts that `words` stand in `text` in order once whitespace is set aside: lines of
/// Chinese break between characters, with no space to split on.
fn assert_unspaced_in_order(words: &[String], text: &str) {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut rest = text.as_str();
    for (i, word) in words.iter().enumerate() {
        match rest.find(word.as_str()) {
            Some(at) => rest = &rest[at + word.len()..],
            None => panic!("word {i} {word:?} is missing or out of order in\n{text}"),
        }
    }
}

/// The names of the faces `pdffonts` lists for `pdf`, each embedded and a subset.
fn embedded_subsets(pdf: &std::path::Path) -> Vec<String> {
    let fonts = tool("pdffonts", &[&pdf.to_string_lossy()]);
    fonts
        .lines()
        .skip(2)
        .map(|row| {
            let name = row.split_whitespace().next().unwrap_or_default();
            assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "{row}");
            assert!(row.contains(" yes yes "), "not embedded and subset: {row}");
            name[7..].to_owned()
        })
        .collect()
}

const NO_CJK: &str = "this test needs Noto Sans CJK installed (Debian: apt install fonts-noto-cjk)";

#[test]
fn chinese_and_korean_build_in_the_faces_handout_yaml_names() {
    let p = Project::fixture("scripts-cjk");
    let run = p.run(&["build"]);
    if run.stderr().contains("no font family `Noto Sans CJK") {
        panic!("{NO_CJK}");
    }
    run.expect_code(0)
        .expect_stderr("2 handouts checked: 0 errors, 0 warnings");
    assert!(
        !run.stderr().contains("installed-font"),
        "the faces are pinned"
    );
    for (slug, face) in [
        ("vaccine-zh", "NotoSansCJKsc-Regular"),
        ("vaccine-ko", "NotoSansCJKkr-Regular"),
    ] {
        let pdf = p.path().join(format!("dist/pdf/{slug}.pdf"));
        let faces = embedded_subsets(&pdf);
        assert!(faces.iter().any(|f| f == face), "{slug}: {faces:?}");
        let text = tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
        assert_unspaced_in_order(&source_words(&p, slug), &text);
        // Every line of Chinese inside the margins: its lines break between characters.
        assert_inside_margins(&pdf, slug);
    }
}

#[test]
fn an_installed_face_sets_what_no_named_face_draws_and_a_note_says_which() {
    let p = Project::fixture("scripts-cjk");
    p.write(
        "handout.yaml",
        "title: Clinic handouts\nlanguage: en\nformats: [pdf]\n",
    );
    let run = p.run(&["build"]);
    if run.stderr().contains("missing-glyph") {
        panic!("{NO_CJK}:\n{}", run.stderr());
    }
    run.expect_code(0)
        .expect_stderr("note[installed-font]")
        .expect_stderr("content/vaccine-zh.md:3:10")
        .expect_stderr(
            "characters of `zh-Hans` text that no configured face draws (本页介绍流感疫苗…)",
        )
        .expect_stderr("are set in Noto Sans CJK SC, found installed at ")
        .expect_stderr("are set in Noto Sans CJK KR")
        .expect_stderr("`fonts: { zh-Hans: [Noto Sans CJK SC] }`")
        .expect_stderr("2 handouts checked: 0 errors, 0 warnings");
    let faces = embedded_subsets(&p.path().join("dist/pdf/vaccine-zh.pdf"));
    assert!(
        faces.iter().any(|f| f == "NotoSansCJKsc-Regular"),
        "{faces:?}"
    );
    // Notes never fail a build, even one that denies warnings.
    p.run(&["check", "--deny", "warnings"]).expect_code(0);
    // -v names the faces each language is set in, and the file of each installed one.
    let verbose = p.run(&["check", "-v"]);
    verbose
        .expect_code(0)
        .expect_stderr("faces for `zh-Hans`: Atkinson Hyperlegible Next (bundled), ")
        .expect_stderr(", Noto Sans CJK SC (/");
    assert!(
        verbose.stderr().contains("faces for `ko`: "),
        "{}",
        verbose.stderr()
    );
}

#[test]
fn a_family_no_folder_holds_is_refused_where_it_is_named() {
    let p = Project::fixture("scripts-cjk");
    p.write(
        "handout.yaml",
        "title: Clinic handouts\nfonts:\n  zh: [Noto Sans CJK SX]\n",
    );
    p.run(&["check"])
        .expect_code(2)
        .expect_stderr("handout.yaml:3:8")
        .expect_stderr("no font family `Noto Sans CJK SX` (named for `zh` in `fonts:`)")
        .expect_stderr("did you mean `Noto Sans CJK SC`?");
    p.write("handout.yaml", "fonts:\n  chinese!: [Noto Sans CJK SC]\n");
    p.run(&["check"])
        .expect_code(2)
        .expect_stderr("`chinese!` in `fonts:` is not a language tag");
}

const NO_ARABIC: &str =
    "this test needs Noto Sans Arabic installed (Debian: apt install fonts-noto-core)";

/// The words of `text` as letters and digits only: readers put the punctuation of
/// right-to-left text (a full stop, a mirrored parenthesis) and direction marks where they
/// show, not where they were written.
fn letter_words(text: &str) -> Vec<String> {
    let letter = |c: char| c.is_alphanumeric() || ('\u{64b}'..='\u{65f}').contains(&c);
    text.split(|c: char| !letter(c))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words `pdftotext -bbox` finds in `pdf`: (text, xMin, xMax, yMin).
fn word_boxes(pdf: &std::path::Path) -> Vec<(String, f32, f32, f32)> {
    let out = tool("pdftotext", &["-bbox", &pdf.to_string_lossy(), "-"]);
    let attr = |line: &str, name: &str| -> f32 {
        line.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {line}"))
    };
    out.lines()
        .filter(|l| l.contains("<word "))
        .map(|l| {
            let text = l.split('>').nth(1).and_then(|r| r.split('<').next());
            (
                text.unwrap_or_default().to_owned(),
                attr(l, "xMin"),
                attr(l, "xMax"),
                attr(l, "yMin"),
            )
        })
        .collect()
}

/// Asserts that no word of `pdf` (the handout `slug`) stands outside the margins of its
/// Letter pages.
fn assert_inside_margins(pdf: &std::path::Path, slug: &str) {
    for (word, x_min, x_max, _) in word_boxes(pdf) {
        assert!(
            x_min >= 64.8 - 0.5 && x_max <= 612.0 - 64.8 + 0.5,
            "{slug}: {word:?} from {x_min} to {x_max} is beyond the margins"
        );
    }
}

#[test]
fn arabic_runs_right_to_left_with_its_markers_on_the_right() {
    let p = Project::fixture("scripts-rtl");
    let run = p.run(&["build"]);
    if run.stderr().contains("no font family `Noto Sans Arabic") {
        panic!("{NO_ARABIC}");
    }
    run.expect_code(0)
        .expect_stderr("1 handout checked: 0 errors, 0 warnings");
    let pdf = p.path().join("dist/pdf/vaccine-ar.pdf");
    let faces = embedded_subsets(&pdf);
    assert!(
        faces.iter().any(|f| f == "NotoSansArabic-Regular"),
        "{faces:?}"
    );
    // Read back in reading order, every letter and mark (ligatures such as لا and the
    // tanween of عامًا included). Poppler may part a letter carrying a raised mark from the
    // rest of its word, so the letters are compared with the spaces between them set aside.
    let text = tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    let source = p.read_string("content/vaccine-ar.md");
    let body = source.splitn(3, "---\n").nth(2).unwrap_or_default();
    assert_unspaced_in_order(&letter_words(body), &letter_words(&text).concat());
    // Lines end at the right margin, list markers stand right of their item's text, and
    // the footer's page number is at the left margin.
    let (left, right) = (64.8, 612.0 - 64.8);
    let boxes = word_boxes(&pdf);
    // Words of one line: Latin and Arabic faces give boxes of other heights, so a word
    // joins the line whose first word's top is within five points of its own.
    let mut lines: Vec<Vec<&(String, f32, f32, f32)>> = Vec::new();
    for word in &boxes {
        match lines.iter_mut().find(|l| (l[0].3 - word.3).abs() < 5.0) {
            Some(line) => line.push(word),
            None => lines.push(vec![word]),
        }
    }
    assert_inside_margins(&pdf, "vaccine-ar");
    let mut markers = 0;
    let is_marker = |w: &str| w == "•" || w.chars().all(|c| c.is_ascii_digit() || c == '.');
    for (i, words) in lines.iter().enumerate() {
        let mut words = words.clone();
        words.sort_by(|a, b| b.1.total_cmp(&a.1));
        let end = words[0].2;
        let marker: Vec<_> = words.iter().take_while(|w| is_marker(&w.0)).collect();
        // The footer (the last line): the title at the right, "صفحة 1 من 1" from the left.
        if i + 1 == lines.len() {
            let start = words.iter().map(|w| w.1).fold(f32::MAX, f32::min);
            assert!(
                (start - left).abs() < 1.0 && (end - right).abs() < 1.0,
                "footer not from margin to margin: {words:?}"
            );
        } else if !marker.is_empty() && marker.len() < words.len() {
            markers += 1;
            let marker_left = marker.iter().map(|w| w.1).fold(f32::MAX, f32::min);
            let text_end = words[marker.len()].2;
            assert!(
                marker_left > text_end,
                "marker not right of its text: {words:?}"
            );
            assert!(end <= right + 0.5, "marker beyond the margin: {words:?}");
        } else {
            assert!(
                (end - right).abs() < 1.0,
                "line does not end at the right margin: {words:?}"
            );
        }
    }
    assert_eq!(markers, 7, "four bullets and three numbers");
    let read = letter_words(&text);
    assert!(
        read.windows(4).any(|w| w == ["صفحة", "1", "من", "1"]),
        "the page label in Arabic: {text}"
    );
    // The booklet turns its pages right to left and says its chapters run so.
    let epub = p.path().join("dist/epub/arabic.epub");
    let opf = tool(
        "unzip",
        &["-p", &epub.to_string_lossy(), "OEBPS/content.opf"],
    );
    assert!(opf.contains(r#"page-progression-direction="rtl""#), "{opf}");
    assert!(opf.contains("<dc:language>ar</dc:language>"), "{opf}");
    let chapter = tool(
        "unzip",
        &[
            "-p",
            &epub.to_string_lossy(),
            "OEBPS/handout-vaccine-ar.xhtml",
        ],
    );
    assert!(
        chapter.contains(r#"lang="ar" xml:lang="ar" dir="rtl""#),
        "{chapter}"
    );
}

#[test]
fn letters_typed_with_separate_accents_are_set_and_read_as_one_character() {
    let p = Project::fixture("scripts");
    // "Tiếng Việt" typed decomposed: e + circumflex + acute, as macOS writes it.
    let decomposed = "Ti\u{65}\u{302}\u{301}ng Vi\u{65}\u{323}\u{302}t";
    p.write(
        "content/nfd-vi.md",
        format!("---\ntitle: Thử\nlanguage: vi\n---\n\n{decomposed} là ngôn ngữ.\n"),
    );
    p.write("handout.yaml", "title: T\nformats: [pdf, text]\n");
    p.run(&["build"]).expect_code(0);
    let pdf = p.path().join("dist/pdf/nfd-vi.pdf");
    let text = tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    assert!(text.contains("Tiếng Việt là ngôn ngữ."), "{text:?}");
    assert!(!text.contains('\u{302}'), "{text:?}");
    let leaflet = p.read_string("dist/text/nfd-vi.txt");
    assert!(leaflet.contains("Tiếng Việt là ngôn ngữ."), "{leaflet}");
}

#[test]
fn the_words_around_a_handout_are_in_its_language_and_a_project_may_change_them() {
    let p = Project::empty();
    p.write(
        "handout.yaml",
        "title: Folletos\nlanguage: es\norganization: { name: Clínica, phone: 555-0100 }\n",
    );
    p.write(
        "content/gripe.md",
        "---\ntitle: La gripe\nlanguage: es\nreviewed: 2026-01-15\n---\n\n\
         La gripe es una infección.[^1] Lea [la guía](https://example.org/gripe).\n\n\
         [^1]: La causa un virus.\n",
    );
    p.run(&["build"]).expect_code(0);
    let leaflet = p.read_string("dist/text/gripe.txt");
    for words in [
        "Notas\n-----",
        "Enlaces\n-------",
        "Teléfono: 555-0100",
        "Revisado: 2026-01-15",
    ] {
        assert!(leaflet.contains(words), "no {words:?} in\n{leaflet}");
    }
    let pdf = p.path().join("dist/pdf/gripe.pdf");
    let text = tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    for words in ["Notas", "Enlaces", "Página 1 de 1", "Revisado 2026-01-15"] {
        assert!(text.contains(words), "no {words:?} in\n{text}");
    }
    let epub = p.path().join("dist/epub/folletos.epub");
    let nav = tool("unzip", &["-p", &epub.to_string_lossy(), "OEBPS/nav.xhtml"]);
    assert!(
        nav.contains(r#"<h1 id="toc-title">Contenido</h1>"#),
        "{nav}"
    );
    assert!(
        nav.contains(r#"aria-label="Puntos de referencia""#),
        "{nav}"
    );
    // A project's own labels.yaml replaces the built-in one; what it leaves out is English.
    p.write("layouts/labels.yaml", "es: { notes: Notitas }\n");
    p.run(&["build"]).expect_code(0);
    let leaflet = p.read_string("dist/text/gripe.txt");
    assert!(leaflet.contains("Notitas\n-------"), "{leaflet}");
    assert!(leaflet.contains("Links\n-----"), "{leaflet}");
    // A PDF layout of before labels.yaml that names the headings still has them.
    let layout = handout::layouts::embedded("pdf/default.yaml").unwrap_or_default();
    p.write(
        "layouts/pdf/default.yaml",
        format!("{layout}labels: {{ notes: Fußnoten }}\n"),
    );
    p.run(&["build"]).expect_code(0);
    let text = tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    assert!(
        text.contains("Fußnoten") && text.contains("Links"),
        "{text}"
    );
    p.write("layouts/labels.yaml", "es: { notas: Notitas }\n");
    p.run(&["build"])
        .expect_code(2)
        .expect_stderr("layouts/labels.yaml: es: unknown field `notas`");
}
