//! Parallel builds: the files written do not depend on how many threads built them.

mod common;

use std::path::{Path, PathBuf};

use common::Project;

/// A project of several handouts, of different lengths, bound into one booklet (an EPUB and
/// a print booklet), with ASCII leaflets, so every format has more than one piece of work to
/// share out.
fn crowd() -> Project {
    let p = Project::bundled();
    let config = p.read_string("handout.yaml");
    let (config, _booklets) = config
        .split_once("booklets:")
        .unwrap_or_else(|| panic!("the bundled handout.yaml has no booklets"));
    let all = "[relational-therapy, copy-1, copy-2, copy-3, copy-4, copy-5]";
    p.write(
        "handout.yaml",
        format!("{config}booklets:\n  - {{ id: crowd, title: Crowd, handouts: {all} }}\n"),
    );
    let seed = p.read_string("content/relational-therapy.md");
    let (front, body) = seed
        .split_once("\n# Relational Therapy\n")
        .unwrap_or_else(|| panic!("the bundled handout has no `#` title"));
    for i in 1..=5 {
        let title = format!("Relational Therapy {i}");
        let front = front.replace("title: Relational Therapy", &format!("title: {title}"));
        p.write(
            &format!("content/copy-{i}.md"),
            format!("{front}\n# {title}\n{}", body.repeat(i)),
        );
    }
    p
}

/// Builds every format of `project` into `out` with `threads` worker threads and returns
/// every file written there with its bytes.
fn build(project: &Project, out: &str, threads: &str) -> Vec<(PathBuf, Vec<u8>)> {
    project
        .run_with_threads(&["build", "--ascii", "--out", out], threads)
        .expect_code(0);
    project
        .snapshot()
        .into_iter()
        .filter_map(|(path, bytes)| {
            let inside = path.strip_prefix(Path::new(out)).ok()?.to_path_buf();
            Some((inside, bytes))
        })
        .collect()
}

#[test]
fn one_thread_and_two_threads_write_the_same_bytes_in_every_format() {
    let p = crowd();
    let one = build(&p, "one", "1");
    let two = build(&p, "two", "2");
    let names: Vec<String> = one.iter().map(|(p, _)| p.display().to_string()).collect();
    for expected in [
        "pdf/copy-5.pdf",
        "pdf/relational-therapy.pdf",
        "epub/crowd.epub",
        "pdf/booklets/crowd.pdf",
        "pdf/booklets/crowd.print.pdf",
        "text/copy-3.txt",
        "text/copy-3.ascii.txt",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not in {names:?}"
        );
    }
    // Per handout a PDF and two leaflets; one EPUB booklet, and the PDF booklet with its
    // print file.
    assert_eq!(one.len(), 6 * 3 + 1 + 2, "files: {names:?}");
    for ((name, a), (other, b)) in one.iter().zip(&two) {
        assert_eq!(name, other);
        assert!(a == b, "{} differs between 1 and 2 threads", name.display());
    }
}
