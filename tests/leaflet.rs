//! Plain-text leaflets: the bundled handout, every element, ASCII and odd encodings.

mod common;

use common::{assert_golden, assert_words_in_order, seed_words, Project};
use unicode_width::UnicodeWidthStr;

#[test]
fn bundled_leaflet_matches_its_golden_file() {
    let p = Project::bundled();
    p.run(&["build", "--format", "text"]).expect_code(0);
    assert_golden(
        "relational-therapy.txt",
        &p.read_string("dist/text/relational-therapy.txt"),
    );
}

#[test]
fn bundled_leaflet_keeps_every_word_of_the_source_in_order() {
    let p = Project::bundled();
    p.run(&["build", "--format", "text"]).expect_code(0);
    let text = p.read_string("dist/text/relational-therapy.txt");
    assert_words_in_order(&seed_words(), &text);
    assert!(
        text.contains("[1] https://www.dv.support\n"),
        "link not listed"
    );
}

#[test]
fn bundled_leaflet_respects_the_width_and_has_no_trailing_space() {
    let p = Project::bundled();
    p.run(&["build", "--format", "text"]).expect_code(0);
    let text = p.read_string("dist/text/relational-therapy.txt");
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
    assert!(!text.contains('\r'));
    for line in text.lines() {
        assert!(!line.ends_with(' '), "trailing space: {line:?}");
        let only_a_url = line.split_whitespace().count() == 1 && line.contains("://");
        assert!(line.width() <= 72 || only_a_url, "too wide: {line:?}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let a = Project::bundled();
    let b = Project::bundled();
    a.run(&["build", "--format", "text"]).expect_code(0);
    b.run(&["build", "--format", "text"]).expect_code(0);
    b.run(&["build", "--format", "text"]).expect_code(0);
    assert_eq!(
        a.read("dist/text/relational-therapy.txt"),
        b.read("dist/text/relational-therapy.txt")
    );
}

#[test]
fn every_element_renders_as_in_its_golden_file() {
    let p = Project::fixture("elements");
    p.run(&["build"]).expect_code(0);
    let text = p.read_string("dist/text/elements.txt");
    assert_golden("elements.txt", &text);
    for line in text.lines() {
        assert!(line.width() <= 60, "too wide: {line:?}");
    }
}

#[test]
fn ascii_leaflet_transliterates_typography() {
    let p = Project::bundled();
    p.run(&["build", "--format", "text", "--ascii"])
        .expect_code(0);
    let ascii = p.read_string("dist/text/relational-therapy.ascii.txt");
    assert!(ascii.is_ascii());
    assert!(ascii.contains("the \"here and now\" dynamic"));
    assert!(ascii.contains("relationships--whether"));
    assert!(ascii.contains("a person's sense of self"));
    assert!(ascii.contains("\n- Patterns that repeat"));
    for line in ascii.lines() {
        let only_a_url = line.split_whitespace().count() == 1 && line.contains("://");
        assert!(line.len() <= 72 || only_a_url, "too wide: {line:?}");
    }
    // The UTF-8 leaflet is still written beside it.
    assert!(p
        .read_string("dist/text/relational-therapy.txt")
        .contains("“here and now”"));
}

#[test]
fn ascii_fallback_spells_ellipses_and_non_breaking_spaces() {
    let p = Project::empty();
    p.write(
        "content/a.md",
        "# Wait…\n\nTen\u{a0}minutes – then “go” • done…\n",
    );
    p.run(&["build", "--format", "text", "--ascii"])
        .expect_code(0);
    let ascii = p.read_string("dist/text/a.ascii.txt");
    assert_eq!(
        ascii,
        "Wait...\n=======\n\nTen minutes - then \"go\" * done...\n"
    );
}

#[test]
fn bom_and_crlf_give_the_same_leaflet_as_lf() {
    let source = "---\r\ntitle: Sleep\r\n---\r\n\r\nRest well.\r\n\r\n- one\r\n- two\r\n";
    let crlf = Project::empty();
    crlf.write(
        "content/sleep.md",
        [b"\xEF\xBB\xBF".as_slice(), source.as_bytes()].concat(),
    );
    let lf = Project::empty();
    lf.write("content/sleep.md", source.replace("\r\n", "\n"));
    crlf.run(&["build", "--format", "text"]).expect_code(0);
    lf.run(&["build", "--format", "text"]).expect_code(0);
    let out = crlf.read_string("dist/text/sleep.txt");
    assert_eq!(out, lf.read_string("dist/text/sleep.txt"));
    assert_eq!(out, "Sleep\n=====\n\nRest well.\n\n• one\n• two\n");
}

#[test]
fn title_comes_from_the_first_heading_without_front_matter() {
    let p = Project::empty();
    p.write(
        "content/walk.md",
        "# Walking after surgery\n\nShort walks help.\n",
    );
    p.run(&["build", "--format", "text"]).expect_code(0);
    assert_eq!(
        p.read_string("dist/text/walk.txt"),
        "Walking after surgery\n=====================\n\nShort walks help.\n"
    );
}

#[test]
fn a_project_layout_overrides_the_embedded_one() {
    let p = Project::empty();
    p.write("content/a.md", "# A\n\nBody text.\n");
    p.write(
        "layouts/text/leaflet.txt",
        "TITLE: {{ title }}\n{{ body }}\n",
    );
    p.run(&["build", "--format", "text"]).expect_code(0);
    assert_eq!(p.read_string("dist/text/a.txt"), "TITLE: A\nBody text.\n");
}
