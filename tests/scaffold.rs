//! `handout new`: scaffolds a handout that already has its kind's required sections.

mod common;

use common::Project;

const CONFIG: &str = "kinds:\n  modality:\n    required_sections: [What it is, Who it helps]\n";

#[test]
fn new_writes_front_matter_and_required_sections() {
    let p = Project::empty();
    p.write("handout.yaml", CONFIG);
    p.run(&["new", "sleep-well", "--kind", "modality"])
        .expect_code(0)
        .expect_stderr("created ./content/sleep-well.md");
    let text = p.read_string("content/sleep-well.md");
    assert!(text.starts_with("---\ntitle: \"Sleep well\"\n"));
    assert!(text.contains("kind: \"modality\"\n"));
    assert!(text.contains("\n## What it is\n") && text.contains("\n## Who it helps\n"));
    p.run(&["check"]).expect_code(0);
}

#[test]
fn new_never_overwrites_a_handout() {
    let p = Project::empty();
    p.write("content/a.md", "# Mine\n\nKeep me.\n");
    p.run(&["new", "a"])
        .expect_code(2)
        .expect_stderr("already exists");
    assert_eq!(p.read_string("content/a.md"), "# Mine\n\nKeep me.\n");
}

#[test]
fn new_refuses_unknown_kinds_and_bad_slugs() {
    let p = Project::empty();
    p.write("handout.yaml", CONFIG);
    p.run(&["new", "a", "--kind", "modalty"])
        .expect_code(2)
        .expect_stderr("did you mean `modality`?");
    p.run(&["new", "Sleep Well"])
        .expect_code(2)
        .expect_stderr("try `sleep-well`");
    assert!(!p.path().join("content").exists());
}
