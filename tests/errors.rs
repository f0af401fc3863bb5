//! Bad input: a clear diagnostic with file:line:column, the documented exit code, no panic,
//! and nothing written.

mod common;

use common::Project;

const GOOD: &str = "---\ntitle: A\n---\n\nBody.\n";

/// Asserts that a failed run wrote nothing: the project is exactly as it was.
fn assert_untouched(p: &Project, before: &[(std::path::PathBuf, Vec<u8>)]) {
    assert_eq!(p.snapshot(), before, "the failed run changed files");
}

#[test]
fn broken_front_matter_yaml_names_the_file_and_line_and_leaves_dist_alone() {
    let p = Project::bundled();
    p.run(&["build", "--format", "text"]).expect_code(0);
    let source = p.read_string("content/relational-therapy.md");
    p.write(
        "content/relational-therapy.md",
        source.replacen("kind: modality", "kind: [modality", 1),
    );
    let before = p.snapshot();
    let run = p.run(&["build", "--format", "text"]);
    run.expect_code(1)
        .expect_stderr("error[front-matter]")
        .expect_stderr("content/relational-therapy.md:4:");
    assert!(!run.stderr().contains("panicked"));
    assert_untouched(&p, &before);
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let p = Project::empty();
    p.write("content/a.md", "---\ntitle: A\nsumary: B\n---\n\nBody.\n");
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr("error[front-matter]: unknown key `sumary` in front matter")
        .expect_stderr("content/a.md:3:1")
        .expect_stderr("help: did you mean `summary`?");
}

#[test]
fn invalid_utf8_names_the_file_and_writes_nothing() {
    let p = Project::empty();
    p.write("content/good.md", GOOD);
    p.write("content/bad.md", b"---\ntitle: Bad\n---\n\ncaf\xE9\n");
    let before = p.snapshot();
    p.run(&["build"])
        .expect_code(1)
        .expect_stderr("error[encoding]: this file is not valid UTF-8 text")
        .expect_stderr("content/bad.md:5:1")
        .expect_stderr("Save As");
    assert_untouched(&p, &before);
}

#[test]
fn an_empty_file_has_no_title() {
    let p = Project::empty();
    p.write("content/empty.md", "");
    p.run(&["build"])
        .expect_code(1)
        .expect_stderr("error[missing-title]: this handout has no title")
        .expect_stderr("content/empty.md:1:1")
        .expect_stderr("`# Title`");
    assert!(!p.path().join("dist").exists());
}

#[test]
fn front_matter_that_is_a_list_is_refused() {
    let p = Project::empty();
    p.write("content/a.md", "---\n- title\n- A\n---\nBody\n");
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr("front matter must be a mapping of `key: value` lines, found sequence");
}

#[test]
fn unclosed_front_matter_is_reported_at_its_fence() {
    let p = Project::empty();
    p.write("content/a.md", "---\ntitle: A\n\nBody\n");
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr("the front matter opened here is never closed")
        .expect_stderr("content/a.md:1:1");
}

#[test]
fn unknown_config_key_is_a_config_error_with_a_suggestion() {
    let p = Project::empty();
    p.write("content/a.md", GOOD);
    p.write("handout.yaml", "title: X\nformts: [text]\n");
    p.run(&["build"])
        .expect_code(2)
        .expect_stderr("unknown key `formts` in handout.yaml")
        .expect_stderr("handout.yaml:2:1")
        .expect_stderr("did you mean `formats`?");
}

#[test]
fn wrong_type_in_config_is_located() {
    let p = Project::empty();
    p.write("content/a.md", GOOD);
    p.write("handout.yaml", "text:\n  width: wide\n");
    p.run(&["check"])
        .expect_code(2)
        .expect_stderr("handout.yaml:2:")
        .expect_stderr("width");
}

#[test]
fn unknown_format_value_suggests_the_right_one() {
    let p = Project::empty();
    p.write("content/a.md", GOOD);
    p.write("handout.yaml", "formats: [txt]\n");
    p.run(&["check"])
        .expect_code(2)
        .expect_stderr("unknown value `txt` in `formats[0]` of handout.yaml")
        .expect_stderr("did you mean `text`?");
}

#[test]
fn an_unknown_kind_is_an_error_naming_the_known_ones() {
    let p = Project::empty();
    p.write("content/a.md", "---\ntitle: A\nkind: modalty\n---\nBody\n");
    p.write(
        "handout.yaml",
        "kinds:\n  modality: { required_sections: [] }\n",
    );
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr("error[unknown-kind]: unknown kind `modalty`")
        .expect_stderr("did you mean `modality`?");
}

#[test]
fn two_handouts_with_one_slug_are_refused() {
    let p = Project::empty();
    p.write("content/a/sleep.md", GOOD);
    p.write("content/b/sleep.md", GOOD);
    p.run(&["build"])
        .expect_code(1)
        .expect_stderr("error[duplicate-slug]");
    assert!(!p.path().join("dist").exists());
}

#[test]
fn an_output_folder_that_is_a_file_is_an_error() {
    let p = Project::empty();
    p.write("content/a.md", GOOD);
    p.write("dist", "not a folder");
    p.run(&["build", "--format", "text"])
        .expect_code(2)
        .expect_stderr("is a file");
    assert_eq!(p.read("dist"), b"not a folder");
}

#[test]
fn a_missing_content_folder_is_a_usage_error() {
    let p = Project::empty();
    p.run(&["check"])
        .expect_code(2)
        .expect_stderr("no content folder");
}

#[test]
fn a_template_error_points_at_the_template() {
    let p = Project::empty();
    p.write("content/a.md", GOOD);
    p.write(
        "layouts/text/leaflet.txt",
        "line one\n{{ title | nosuchfilter }}\n",
    );
    let before = p.snapshot();
    p.run(&["build", "--format", "text"])
        .expect_code(2)
        .expect_stderr("layouts/text/leaflet.txt:2:");
    assert_untouched(&p, &before);
}

#[test]
fn usage_errors_exit_2() {
    let p = Project::empty();
    p.run(&["build", "--format", "docx"]).expect_code(2);
    p.run(&["frobnicate"]).expect_code(2);
}
