//! Shared helpers for the integration tests: scratch projects and running the binary.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch project in a temporary folder.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// An empty project.
    pub fn empty() -> Self {
        Project {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
        }
    }

    /// A copy of this repository's own project: handout.yaml and content/.
    pub fn bundled() -> Self {
        let p = Project::empty();
        p.copy_from(&repo(), "handout.yaml");
        for entry in fs::read_dir(repo().join("content"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = format!("content/{}", entry.file_name().to_string_lossy());
            p.copy_from(&repo(), &name);
        }
        p
    }

    /// A copy of the fixture project `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let p = Project::empty();
        copy_tree(&repo().join("tests/fixtures").join(name), p.path());
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders).
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
        }
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
        self
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        fs::read(self.path().join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    pub fn read_string(&self, name: &str) -> String {
        String::from_utf8(self.read(name)).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"))
    }

    fn copy_from(&self, root: &Path, name: &str) {
        let bytes = fs::read(root.join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"));
        self.write(name, bytes);
    }

    /// Runs `handout ARGS` in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    /// Runs `handout ARGS` in the project folder with `threads` worker threads.
    pub fn run_with_threads(&self, args: &[&str], threads: &str) -> Run {
        Run(command(self.path(), args)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap_or_else(|e| panic!("could not run handout: {e}")))
    }

    /// Every file below the project folder with its bytes, sorted.
    pub fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        collect(self.path(), self.path(), &mut files);
        files.sort();
        files
    }
}

/// Runs the binary in `dir` with a fixed SOURCE_DATE_EPOCH and no colour.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run(command(dir, args)
        .output()
        .unwrap_or_else(|e| panic!("could not run handout: {e}")))
}

/// The binary with `args`, to run in `dir` with a fixed SOURCE_DATE_EPOCH and no colour.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_handout"));
    command
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .env("NO_COLOR", "1");
    command
}

/// The result of one run of the binary.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    /// Asserts the exit code, showing stderr when it differs.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code(),
            code,
            "stderr:\n{}\nstdout:\n{}",
            self.stderr(),
            self.stdout()
        );
        self
    }
    /// Asserts that stderr contains `needle`.
    pub fn expect_stderr(&self, needle: &str) -> &Self {
        let stderr = self.stderr();
        assert!(
            stderr.contains(needle),
            "stderr lacks {needle:?}:\n{stderr}"
        );
        self
    }
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(bytes) = fs::read(&path) {
            files.push((
                path.strip_prefix(root).unwrap_or(&path).to_path_buf(),
                bytes,
            ));
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).into_iter().flatten().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            fs::create_dir_all(&target).unwrap_or_else(|e| panic!("mkdir: {e}"));
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("copy: {e}"));
        }
    }
}

/// Compares `actual` with the golden file `tests/golden/<name>`; `UPDATE_GOLDEN=1` rewrites it.
pub fn assert_golden(name: &str, actual: &str) {
    let path = repo().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).unwrap_or_else(|e| panic!("write golden: {e}"));
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {name}: {e}"));
    if expected != actual {
        for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
            assert_eq!(e, a, "{name}: first difference at line {}", i + 1);
        }
        assert_eq!(expected, actual, "{name}: lengths differ");
    }
}

/// The seed handout's words, with the seed's third line (the title repeated) left out.
pub fn seed_words() -> Vec<String> {
    let seed = fs::read_to_string(repo().join("tests/fixtures/seed/relational-therapy.txt"))
        .unwrap_or_else(|e| panic!("seed: {e}"));
    seed.lines()
        .enumerate()
        .filter(|(i, _)| *i != 2)
        .flat_map(|(_, l)| l.trim_start_matches("- ").split_whitespace())
        .map(str::to_owned)
        .collect()
}

/// Asserts that `words` occur in `text` in order (other words may stand between them).
pub fn assert_words_in_order(words: &[String], text: &str) {
    let mut tokens = text.split_whitespace();
    for (i, word) in words.iter().enumerate() {
        assert!(
            tokens.any(|t| t == word),
            "word {i} {word:?} is missing or out of order"
        );
    }
}

/// Runs `program ARGS`, returning stdout; fails the test when it cannot run or fails.
pub fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("{program} could not run ({e}): install qpdf and poppler-utils, and `pip install pdfua outloud` for the checkers")
    });
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Fails unless the PDF/UA checkers `pdfua` and `outloud` report nothing at all on `file`.
pub fn assert_pdf_checkers_find_nothing(file: &Path) {
    let run = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .arg(file)
            .output()
            .unwrap_or_else(|e| panic!("{program} could not run ({e}): pip install pdfua outloud"))
    };
    let pdfua = run("pdfua", &["check"]);
    let report = String::from_utf8_lossy(&pdfua.stdout).into_owned();
    // A rule that crashed is listed as skipped: it checked nothing.
    assert!(
        pdfua.status.success() && report.contains("no findings") && !report.contains("[skip"),
        "pdfua {}:\n{report}",
        file.display()
    );
    let outloud = run("outloud", &["--fail-on", "warning"]);
    let report = String::from_utf8_lossy(&outloud.stdout).into_owned();
    assert!(
        outloud.status.success() && report.contains("0 error(s), 0 warning(s), 0 info"),
        "outloud {}:\n{report}",
        file.display()
    );
}
