//! Hostile input: every case ends in a clear diagnostic or error, the documented exit code,
//! bounded time, no panic, and nothing written outside (or half-written inside) the output
//! folder. `docs/reliability.md` lists the cases.

mod common;

use std::time::{Duration, Instant};

use common::{Project, Run};

/// Runs `handout ARGS` and asserts it ended in bounded time without a panic.
fn run_bounded(p: &Project, args: &[&str]) -> Run {
    let start = Instant::now();
    let run = p.run(args);
    let elapsed = start.elapsed();
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
    assert!(
        !run.stderr().contains("panicked"),
        "panic:\n{}",
        run.stderr()
    );
    assert!(
        run.code() == 0 || run.code() == 1 || run.code() == 2,
        "exit {}",
        run.code()
    );
    run
}

#[test]
fn front_matter_that_is_a_scalar_is_refused() {
    let p = Project::empty();
    p.write("content/a.md", "---\njust words\n---\nBody\n");
    run_bounded(&p, &["check"])
        .expect_code(1)
        .expect_stderr("front matter must be a mapping of `key: value` lines, found string");
}

#[test]
fn duplicate_front_matter_keys_are_refused() {
    let p = Project::empty();
    p.write("content/a.md", "---\ntitle: A\ntitle: B\n---\nBody\n");
    run_bounded(&p, &["check"])
        .expect_code(1)
        .expect_stderr("error[front-matter]")
        .expect_stderr("the key `title` appears twice in front matter")
        .expect_stderr("content/a.md:3:");
}

#[test]
fn wrong_types_in_front_matter_are_located() {
    let p = Project::empty();
    p.write("content/a.md", "---\ntitle: [A, B]\n---\nBody\n");
    run_bounded(&p, &["check"])
        .expect_code(1)
        .expect_stderr("invalid type: sequence, expected a string")
        .expect_stderr("content/a.md:2:");
}

#[test]
fn a_ten_megabyte_handout_builds() {
    let p = Project::empty();
    let paragraph = "People may find that rest helps. Short walks may also help.\n\n";
    let body = paragraph.repeat(10_000_000 / paragraph.len() + 1);
    p.write("content/big.md", format!("# Big\n\n{body}"));
    run_bounded(&p, &["build", "--format", "text"]).expect_code(0);
    assert!(p.read("dist/text/big.txt").len() > 9_000_000);
}

#[test]
fn ten_thousand_levels_of_lists_and_quotes_are_flattened() {
    let p = Project::empty();
    let body = format!(
        "# Deep\n\n{}item\n\n{}x\n\n{}quote\n",
        "- ".repeat(10_000),
        "1. ".repeat(10_000),
        "> ".repeat(10_000)
    );
    p.write("content/deep.md", body);
    let run = run_bounded(&p, &["build", "--format", "text"]);
    run.expect_code(0)
        .expect_stderr("warning[nesting-depth]")
        .expect_stderr("content/deep.md:3:");
    assert!(run.stderr().len() < 5_000, "the report quotes whole lines");
    let text = p.read_string("dist/text/deep.txt");
    assert!(text.contains("item") && text.contains("quote"));
}

#[test]
fn a_one_megabyte_line_is_wrapped() {
    let p = Project::empty();
    p.write(
        "content/line.md",
        format!("# Line\n\n{}\n", "word ".repeat(200_000)),
    );
    run_bounded(&p, &["build", "--format", "text"]).expect_code(0);
    let text = p.read_string("dist/text/line.txt");
    assert!(text.lines().all(|l| l.chars().count() <= 72));
}

#[test]
fn a_binary_file_named_md_is_refused() {
    let p = Project::empty();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    p.write("content/picture.md", png);
    let before = p.snapshot();
    run_bounded(&p, &["build"])
        .expect_code(1)
        .expect_stderr("content/picture.md:");
    assert_eq!(p.snapshot(), before);
}

#[test]
fn nul_bytes_are_refused_with_their_line() {
    let p = Project::empty();
    p.write("content/a.md", "# A\n\nfine\nnot\0fine\n");
    run_bounded(&p, &["check"])
        .expect_code(1)
        .expect_stderr("error[encoding]: this file contains a NUL byte")
        .expect_stderr("content/a.md:4:");
}

#[test]
fn a_template_that_loops_forever_runs_out_of_fuel() {
    let p = Project::empty();
    p.write("content/a.md", "# A\n\nText.\n");
    p.write(
        "layouts/text/leaflet.txt",
        "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}\n",
    );
    run_bounded(&p, &["build", "--format", "text"])
        .expect_code(2)
        .expect_stderr("layouts/text/leaflet.txt:1:")
        .expect_stderr("a loop that never ends");
    assert!(!p.path().join("dist").exists());
}

#[test]
fn a_template_that_recurses_forever_is_stopped() {
    let p = Project::empty();
    p.write("content/a.md", "# A\n\nText.\n");
    p.write(
        "layouts/text/leaflet.txt",
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}\n",
    );
    run_bounded(&p, &["build", "--format", "text"])
        .expect_code(2)
        .expect_stderr("layouts/text/leaflet.txt");
}

#[test]
fn a_template_cannot_include_files_outside_the_layouts_folder() {
    let p = Project::empty();
    p.write("content/a.md", "# A\n\nText.\n");
    p.write("secret.txt", "do not show");
    p.write(
        "layouts/text/leaflet.txt",
        "{% include '../../secret.txt' %}\n",
    );
    run_bounded(&p, &["build", "--format", "text"])
        .expect_code(2)
        .expect_stderr("../../secret.txt");
    assert!(!p.path().join("dist").exists());
}

#[test]
fn content_and_output_settings_cannot_leave_the_project() {
    let p = Project::empty();
    p.write("content/a.md", "# A\n\nText.\n");
    p.write("handout.yaml", "output: ../outside\n");
    run_bounded(&p, &["build"])
        .expect_code(2)
        .expect_stderr("leaves the project folder");
    p.write("handout.yaml", "content: /etc\n");
    run_bounded(&p, &["build"])
        .expect_code(2)
        .expect_stderr("leaves the project folder");
}

#[cfg(unix)]
#[test]
fn a_symlinked_handout_outside_the_tree_is_not_read() {
    let p = Project::empty();
    let outside = Project::empty();
    outside.write("secret.md", "# Secret\n\nPrivate words.\n");
    p.write("content/a.md", "# A\n\nText.\n");
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        p.path().join("content/s.md"),
    )
    .unwrap_or_else(|e| panic!("symlink: {e}"));
    std::os::unix::fs::symlink(outside.path(), p.path().join("content/linked"))
        .unwrap_or_else(|e| panic!("symlink: {e}"));
    run_bounded(&p, &["build", "--format", "text"]).expect_code(0);
    assert!(!p.path().join("dist/text/s.txt").exists());
    assert!(!p.path().join("dist/text/secret.txt").exists());
}

#[test]
fn an_output_folder_below_a_file_is_an_error_and_writes_nothing() {
    let p = Project::empty();
    p.write("content/a.md", "# A\n\nText.\n");
    p.write("blocker", "a file");
    let before = p.snapshot();
    run_bounded(&p, &["build", "--format", "text", "--out", "blocker/dist"]).expect_code(2);
    assert_eq!(p.snapshot(), before);
}

#[cfg(unix)]
#[test]
fn a_build_killed_midway_leaves_the_previous_dist_whole() {
    use std::process::Command;

    let p = Project::empty();
    for i in 0..600 {
        p.write(
            &format!("content/h{i:03}.md"),
            format!("# Handout {i}\n\n{}\n", "Version one text. ".repeat(20)),
        );
    }
    run_bounded(&p, &["build", "--format", "text"]).expect_code(0);
    let old = p.snapshot();
    for i in 0..600 {
        p.write(
            &format!("content/h{i:03}.md"),
            format!("# Handout {i}\n\n{}\n", "Version two text. ".repeat(20)),
        );
    }
    // Kills land in loading, checking, rendering and (with 600 synced files) writing.
    for delay_ms in [10u64, 60, 150, 300, 500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(["build", "--format", "text", "--quiet"])
            .current_dir(p.path())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for (path, bytes) in p.snapshot() {
            if !path.starts_with("dist")
                || path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            let text = String::from_utf8_lossy(&bytes);
            let whole_old = old.iter().any(|(p, b)| *p == path && *b == bytes);
            let whole_new = text.contains("Version two") && text.ends_with("text.\n");
            assert!(whole_old || whole_new, "{} is half-written", path.display());
        }
    }
    run_bounded(&p, &["build", "--format", "text"]).expect_code(0);
    let staged: Vec<_> = p
        .snapshot()
        .into_iter()
        .filter(|(path, _)| path.to_string_lossy().contains(".handout-tmp"))
        .collect();
    assert!(staged.is_empty(), "staging files left behind");
}

/// Makes a folder unwritable (immutable for root, who ignores permissions) until dropped.
#[cfg(unix)]
struct ReadOnly(std::path::PathBuf);

#[cfg(unix)]
impl ReadOnly {
    fn new(path: &std::path::Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        let is_root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        if is_root {
            let status = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status();
            assert!(
                status.is_ok_and(|s| s.success()),
                "chattr +i failed: this test needs e2fsprogs' chattr when run as root"
            );
        } else {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555))
                .unwrap_or_else(|e| panic!("chmod: {e}"));
        }
        ReadOnly(path.to_path_buf())
    }
}

#[cfg(unix)]
impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_output_folder_is_an_error_and_dist_stays_as_it_was() {
    let p = Project::empty();
    p.write("content/a.md", "# A\n\nOld text.\n");
    run_bounded(&p, &["build", "--format", "text"]).expect_code(0);
    p.write("content/a.md", "# A\n\nNew text.\n");
    let before = p.read("dist/text/a.txt");
    let guard = ReadOnly::new(&p.path().join("dist/text"));
    run_bounded(&p, &["build", "--format", "text"])
        .expect_code(2)
        .expect_stderr("dist/text");
    drop(guard);
    assert_eq!(p.read("dist/text/a.txt"), before);
}

#[cfg(unix)]
#[test]
fn an_image_symlinked_out_of_the_project_is_refused() {
    let p = Project::empty();
    let outside = Project::empty();
    outside.write("secret.png", b"\x89PNG\r\n\x1a\n");
    p.write("content/a.md", "# A\n\n![A door](door.png)\n");
    std::os::unix::fs::symlink(
        outside.path().join("secret.png"),
        p.path().join("content/door.png"),
    )
    .unwrap_or_else(|e| panic!("symlink: {e}"));
    let before = p.snapshot();
    run_bounded(&p, &["build"])
        .expect_code(1)
        .expect_stderr("error[image-path]: image `door.png` lies outside the project folder")
        .expect_stderr("content/a.md:3:1");
    assert_eq!(p.snapshot(), before);
}

#[test]
fn links_that_leave_the_project_are_refused() {
    let p = Project::empty();
    p.write(
        "content/a.md",
        "# A\n\nSee [the file](../../etc/passwd) and [this](/etc/passwd).\n",
    );
    run_bounded(&p, &["check"])
        .expect_code(1)
        .expect_stderr("error[broken-link]: `../../etc/passwd` points outside the project folder")
        .expect_stderr("content/a.md:3:5");
}

#[test]
fn script_iframe_and_event_handlers_never_reach_any_output() {
    let p = Project::empty();
    p.write(
        "content/a.md",
        "# A\n\nHello <b onclick=\"steal()\">there</b>.\n\n<script>alert('x')</script>\n\n\
         <iframe src=\"https://evil.example\"></iframe>\n\n<img src=x onerror=\"alert(1)\">\n",
    );
    run_bounded(&p, &["build"]).expect_code(0);
    for (path, bytes) in p.snapshot() {
        let extension = path.extension().and_then(|e| e.to_str());
        if !path.starts_with("dist") || extension == Some("epub") {
            continue;
        }
        // A PDF's streams are compressed: look at the text a reader would get from it.
        let text = if extension == Some("pdf") {
            let out = std::process::Command::new("pdftotext")
                .arg(p.path().join(&path))
                .arg("-")
                .output()
                .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            assert!(
                text.contains("Hello there."),
                "the PDF lost the text:\n{text}"
            );
            text
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        for bad in [
            "<script", "alert(", "<iframe", "onclick", "onerror", "steal(",
        ] {
            assert!(!text.contains(bad), "{} contains {bad}", path.display());
        }
    }
    let epub = p.read("dist/epub/handouts.epub");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub))
        .unwrap_or_else(|e| panic!("not a zip: {e}"));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap_or_else(|e| panic!("entry {i}: {e}"));
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut content).unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&content);
        for bad in [
            "<script", "alert(", "<iframe", "onclick", "onerror", "steal(",
        ] {
            assert!(!text.contains(bad), "{} contains {bad}", file.name());
        }
    }
    assert!(p.read_string("dist/text/a.txt").contains("Hello there."));
}

/// Inputs the fuzz target found crashing, kept as regressions (`tests/regressions/`).
#[test]
fn fuzz_regressions_end_in_a_diagnostic() {
    // A vertical tab passed every check, then no font could draw it.
    let p = Project::empty();
    let crash = std::fs::read(common::repo().join("tests/regressions/fuzz-vertical-tab.md"))
        .unwrap_or_else(|e| panic!("regression input: {e}"));
    p.write("content/a.md", crash);
    run_bounded(&p, &["build"])
        .expect_code(1)
        .expect_stderr(
            "error[encoding]: this file contains an invisible control character (U+000B)",
        )
        .expect_stderr("content/a.md:13:");
    assert!(!p.path().join("dist").exists());
}

#[test]
fn control_characters_are_refused_with_their_place() {
    let p = Project::empty();
    p.write(
        "content/a.md",
        "# A\n\nA bell\u{7} and a C1 control\u{85}.\n",
    );
    run_bounded(&p, &["check"])
        .expect_code(1)
        .expect_stderr("control character (U+0007)")
        .expect_stderr("content/a.md:3:7");
}
