//! The checks end to end: the bundled handout, each lint, gating, and every report format.

mod common;

use std::process::Command;

use common::Project;
use serde_json::Value;

const SECTION: &str = "How it may support trauma survivors";

/// The bundled handout with the "How it may support trauma survivors" section cut out.
fn without_section() -> Project {
    let p = Project::bundled();
    let source = p.read_string("content/relational-therapy.md");
    let start = source.find(&format!("## {SECTION}")).unwrap_or(0);
    let end = source
        .find("## What sessions may typically include")
        .unwrap_or(source.len());
    p.write(
        "content/relational-therapy.md",
        format!("{}{}", &source[..start], &source[end..]),
    );
    p
}

/// A one-handout project with `body` under a complete front matter.
fn handout(body: &str) -> Project {
    let p = Project::empty();
    p.write(
        "content/a.md",
        format!("---\ntitle: A\nsummary: About A.\nlanguage: en\n---\n\n{body}"),
    );
    p
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

#[test]
fn bundled_content_passes_with_reading_grade_warnings_and_a_table() {
    let p = Project::bundled();
    let run = p.run(&["check"]);
    run.expect_code(0)
        .expect_stderr("warning[reading-grade]: this handout reads at SMOG grade")
        .expect_stderr("the target is 8 or lower")
        .expect_stderr("1. content/relational-therapy.md:22:1 “Rather than focusing only on")
        .expect_stderr("2. content/relational-therapy.md:")
        .expect_stderr("3. content/relational-therapy.md:")
        .expect_stderr("readability of content/relational-therapy.md (Relational Therapy)")
        .expect_stderr("SMOG")
        .expect_stderr("FK")
        .expect_stderr("    10  What this modality focuses on ")
        .expect_stderr("1 handout checked: 0 errors,");
    assert!(
        !run.stderr().contains("directive-language"),
        "{}",
        run.stderr()
    );
    assert!(!run.stderr().contains("error["), "{}", run.stderr());
}

#[test]
fn quiet_shows_neither_warnings_nor_the_table() {
    let p = Project::bundled();
    let run = p.run(&["--quiet", "check"]);
    run.expect_code(0);
    assert_eq!(run.stderr(), "");
}

#[test]
fn a_missing_required_section_fails_check_and_build_writes_nothing() {
    let p = without_section();
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr(&format!(
            "error[missing-section]: content/relational-therapy.md has no section “{SECTION}”, which every `modality` handout needs"
        ))
        .expect_stderr("help: add a `## How it may support trauma survivors` heading before “What sessions may typically include (neutral, gentle)”")
        .expect_stderr("1 handout checked: 1 error,");
    let before = p.snapshot();
    p.run(&["build", "--format", "text"])
        .expect_code(1)
        .expect_stderr("error[missing-section]")
        .expect_stderr("nothing was written");
    assert_eq!(p.snapshot(), before, "build wrote something");
}

#[test]
fn a_failed_build_leaves_an_existing_dist_as_it_was() {
    let p = Project::bundled();
    p.run(&["build", "--format", "text"]).expect_code(0);
    let source = p.read_string("content/relational-therapy.md");
    p.write(
        "content/relational-therapy.md",
        source.replace("## What sessions may typically include", "## Sessions"),
    );
    let before = p.snapshot();
    p.run(&["build", "--format", "text"])
        .expect_code(1)
        .expect_stderr("no section “What sessions may typically include”");
    assert_eq!(p.snapshot(), before);
}

#[test]
fn sections_out_of_order_are_a_warning() {
    let p = Project::empty();
    p.write(
        "handout.yaml",
        "kinds:\n  guide:\n    required_sections: [First part, Second part]\n",
    );
    p.write(
        "content/a.md",
        "---\ntitle: A\nsummary: S.\nkind: guide\n---\n\n## Second part\n\nText.\n\n## First part\n\nText.\n",
    );
    p.run(&["check"])
        .expect_code(0)
        .expect_stderr("warning[section-order]: “Second part” comes before “First part”")
        .expect_stderr("content/a.md:7:1");
}

#[test]
fn deny_warnings_turns_warnings_into_errors() {
    let p = Project::bundled();
    p.run(&["check", "--deny", "warnings"])
        .expect_code(1)
        .expect_stderr("error[reading-grade]");
}

#[test]
fn directive_language_is_reported_with_a_gentler_wording() {
    let p = handout("This therapy will cure anxiety. You must attend every week.\n");
    p.run(&["check"])
        .expect_code(0)
        .expect_stderr("warning[directive-language]: “will cure” is an absolute or directive claim")
        .expect_stderr("content/a.md:7:14")
        .expect_stderr("try “may help with”")
        .expect_stderr("warning[directive-language]: “you must” is an absolute or directive claim")
        .expect_stderr("content/a.md:7:33");
}

#[test]
fn english_only_lints_skip_other_languages() {
    let p = Project::empty();
    p.write(
        "content/a.md",
        "---\ntitle: A\nsummary: S.\nlanguage: es\n---\n\nThis will cure you, guaranteed.\n",
    );
    let run = p.run(&["check"]);
    run.expect_code(0);
    assert!(
        !run.stderr().contains("directive-language"),
        "{}",
        run.stderr()
    );
}

#[test]
fn complex_words_are_allowed_until_configured_with_extra_words() {
    let p = handout("We utilize one modality and psychotherapy.\n");
    let run = p.run(&["check"]);
    run.expect_code(0);
    assert!(!run.stderr().contains("complex-word"), "{}", run.stderr());
    p.write(
        "handout.yaml",
        "checks:\n  complex-word: { level: warn, words: { psychotherapy: talk therapy } }\n",
    );
    p.run(&["check"])
        .expect_code(0)
        .expect_stderr("warning[complex-word]: “utilize” has a plainer alternative")
        .expect_stderr("try “use”")
        .expect_stderr("“modality” has a plainer alternative")
        .expect_stderr("“psychotherapy” has a plainer alternative")
        .expect_stderr("try “talk therapy”");
}

#[test]
fn long_sentences_are_counted_in_words() {
    let long = "word ".repeat(26);
    let p = handout(&format!("{}.\n\nShort one.\n", long.trim()));
    p.run(&["check"])
        .expect_code(0)
        .expect_stderr("warning[long-sentence]: this sentence has 26 words (more than 25)")
        .expect_stderr("content/a.md:7:1");
    p.write("handout.yaml", "checks:\n  long-sentence: { max: 30 }\n");
    let run = p.run(&["check"]);
    assert!(!run.stderr().contains("long-sentence"), "{}", run.stderr());
}

#[test]
fn images_need_alt_text_and_links_need_targets() {
    let p = handout(
        "![](pic.png) and [notes](notes.md) and [site](https//example.org) and [ok](b.md).\n",
    );
    p.write("content/pic.png", "not really a picture");
    p.write("content/b.md", "---\ntitle: B\nsummary: S.\n---\n\nText.\n");
    let run = p.run(&["check"]);
    run.expect_code(1)
        .expect_stderr("error[missing-alt-text]: this image has no alternative text")
        .expect_stderr(
            "error[broken-link]: `notes.md` does not exist (looked for content/notes.md)",
        )
        .expect_stderr("error[broken-link]: `https//example.org` does not exist");
    assert_eq!(run.stderr().matches("error[broken-link]").count(), 2);
    assert!(!run.stderr().contains("`pic.png`"), "{}", run.stderr());
}

#[test]
fn links_may_not_leave_the_project_and_addresses_must_be_well_formed() {
    let p =
        handout("[a](../../etc/passwd) and [b](https://exa mple.org) and [c](www.example.org).\n");
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr("`../../etc/passwd` points outside the project folder")
        .expect_stderr("`www.example.org` has no `https://` in front");
}

#[test]
fn metadata_missing_summary_warns_and_a_bad_language_is_an_error() {
    let p = Project::empty();
    p.write(
        "content/a.md",
        "---\ntitle: A\nlanguage: english please\n---\n\nText.\n",
    );
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr("error[missing-metadata]: `english please` is not a language tag")
        .expect_stderr("content/a.md:3:1")
        .expect_stderr("warning[missing-metadata]: the handout has no summary");
}

#[test]
fn review_overdue_follows_source_date_epoch() {
    // The helpers run with SOURCE_DATE_EPOCH=1790000000, i.e. 2026-09-21.
    let p = Project::empty();
    let with_review =
        |date: &str| format!("---\ntitle: A\nsummary: S.\nreviewed: {date}\n---\n\nText.\n");
    p.write("content/a.md", with_review("2025-09-21"));
    p.run(&["check"])
        .expect_code(0)
        .expect_stderr("warning[review-overdue]: this handout was last reviewed on 2025-09-21; reviews are due every 12 months")
        .expect_stderr("content/a.md:4:1");
    p.write("content/a.md", with_review("2025-09-22"));
    let run = p.run(&["check"]);
    assert!(!run.stderr().contains("review-overdue"), "{}", run.stderr());
    p.write("handout.yaml", "review_every: 6\n");
    p.write("content/a.md", with_review("2026-03-21"));
    p.run(&["check"])
        .expect_stderr("reviews are due every 6 months");
    // Not a date: an error, with the form expected (and the ISO date of a US one).
    p.write("content/a.md", with_review("last spring"));
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr(
            "error[front-matter]: `reviewed: last spring` is not a date of the form YYYY-MM-DD",
        )
        .expect_stderr("write the date as YYYY-MM-DD, e.g. `reviewed: 2026-11-01`");
    p.write("content/a.md", with_review("2025-02-30"));
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr("`reviewed: 2025-02-30` is not a date of the form YYYY-MM-DD");
    p.write("content/a.md", with_review("03/01/2025"));
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr("if this is month/day/year, `reviewed: 2025-03-01`");
    // A date after today (2026-09-21 in the tests) is a warning, not overdue.
    p.write("content/a.md", with_review("2027-01-05"));
    let run = p.run(&["check"]);
    run.expect_code(0)
        .expect_stderr("warning[review-date]: `reviewed: 2027-01-05` is a date in the future")
        .expect_stderr("content/a.md:4:1");
    assert!(!run.stderr().contains("review-overdue"), "{}", run.stderr());
}

#[test]
fn unknown_lints_and_metrics_in_config_are_config_errors() {
    let p = handout("Text.\n");
    p.write("handout.yaml", "checks:\n  reading-grades: warn\n");
    p.run(&["check"])
        .expect_code(2)
        .expect_stderr("error[config]: unknown lint `reading-grades` in `checks:`")
        .expect_stderr("handout.yaml:2:3")
        .expect_stderr("did you mean `reading-grade`?");
    p.write(
        "handout.yaml",
        "checks:\n  reading-grade: { metric: smgo }\n",
    );
    p.run(&["check"])
        .expect_code(2)
        .expect_stderr("unknown readability metric `smgo`")
        .expect_stderr("did you mean `smog`?");
    p.write(
        "handout.yaml",
        "checks:\n  long-sentence: { metric: smog }\n",
    );
    p.run(&["check"])
        .expect_code(2)
        .expect_stderr("`long-sentence` has no option `metric`")
        .expect_stderr("`long-sentence` takes `level` and `max`");
    p.write("handout.yaml", "checks:\n  encoding: allow\n");
    p.run(&["check"])
        .expect_code(2)
        .expect_stderr("`encoding` cannot be configured");
}

#[test]
fn reading_grade_metric_and_maximum_are_configurable() {
    let p = Project::bundled();
    let config = p.read_string("handout.yaml").replace(
        "reading-grade: { level: warn, metric: smog, max: 8 }",
        "reading-grade: { level: error, metric: flesch-kincaid, max: 10 }",
    );
    p.write("handout.yaml", config);
    p.run(&["check"])
        .expect_code(1)
        .expect_stderr("error[reading-grade]: this handout reads at Flesch-Kincaid grade")
        .expect_stderr("the target is 10 or lower");
}

#[test]
fn json_report_validates_against_the_documented_schema() {
    let p = without_section();
    let run = p.run(&["check", "--message-format", "json"]);
    run.expect_code(1);
    let report = json(&run.stdout());
    assert_eq!(report["summary"]["errors"], 1);
    let lints: Vec<&str> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["lint"].as_str())
        .collect();
    assert!(lints.contains(&"missing-section"), "{lints:?}");
    let readability = &report["readability"][0];
    assert_eq!(readability["file"], "content/relational-therapy.md");
    assert!(readability["scores"]["smog"]
        .as_f64()
        .is_some_and(|s| s > 8.0));
    assert_eq!(readability["sections"].as_array().map(Vec::len), Some(3));
    validate_with_jsonschema(&run.stdout(), "");
    let stats = p.run(&["stats", "content/relational-therapy.md", "--json"]);
    validate_with_jsonschema(&stats.stdout(), "/$defs/readability");
}

/// Validates `document` against the part `pointer` ("" for all) of docs/report.schema.json,
/// with Python's `jsonschema`.
fn validate_with_jsonschema(document: &str, pointer: &str) {
    let schema = common::repo().join("docs/report.schema.json");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("report.json");
    std::fs::write(&path, document).unwrap_or_else(|e| panic!("write: {e}"));
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1]))\n\
        jsonschema.Draft202012Validator.check_schema(schema)\n\
        part = {'$defs': schema['$defs'], '$ref': '#' + sys.argv[3]}\n\
        target = part if sys.argv[3] else schema\n\
        jsonschema.Draft202012Validator(target).validate(json.load(open(sys.argv[2])))\n";
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(&schema)
        .arg(&path)
        .arg(pointer)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to validate the JSON report: {e}"));
    assert!(
        output.status.success(),
        "the report does not validate (needs `pip install jsonschema`):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn github_format_prints_workflow_commands() {
    let p = without_section();
    let run = p.run(&["check", "--message-format", "github"]);
    run.expect_code(1);
    let stdout = run.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(!lines.is_empty());
    for line in &lines {
        let (head, message) = line
            .split_once("::")
            .and_then(|(empty, rest)| empty.is_empty().then_some(rest))
            .and_then(|rest| rest.split_once("::"))
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let (command, properties) = head.split_once(' ').unwrap_or((head, ""));
        assert!(["error", "warning"].contains(&command), "{line}");
        let keys: Vec<&str> = properties
            .split(',')
            .map(|p| p.split_once('=').map_or("", |(k, _)| k))
            .collect();
        assert_eq!(keys, ["file", "line", "col", "title"], "{line}");
        assert!(!message.contains('\n') && !message.is_empty());
    }
    assert!(stdout.contains(&format!(
        "::error file=content/relational-therapy.md,line=24,col=1,title=missing-section::content/relational-therapy.md has no section “{SECTION}”"
    )), "{stdout}");
    assert!(stdout.contains("%0Ahelp: add a `## How it may support"));
}

#[test]
fn sarif_has_what_code_scanning_requires() {
    let p = without_section();
    let run = p.run(&["check", "--message-format", "sarif"]);
    run.expect_code(1);
    let log = json(&run.stdout());
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .is_some_and(|s| s.contains("sarif-2.1.0")));
    let run0 = &log["runs"][0];
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "handout");
    assert!(driver["version"].is_string());
    let rules = driver["rules"].as_array().cloned().unwrap_or_default();
    assert!(rules.len() >= 16);
    for rule in &rules {
        for field in [
            "id",
            "shortDescription",
            "fullDescription",
            "help",
            "defaultConfiguration",
        ] {
            assert!(!rule[field].is_null(), "rule lacks {field}: {rule}");
        }
        assert!(["none", "note", "warning", "error"]
            .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap_or("")));
    }
    let results = run0["results"].as_array().cloned().unwrap_or_default();
    let missing = results
        .iter()
        .find(|r| r["ruleId"] == "missing-section")
        .unwrap_or_else(|| panic!("no missing-section result"));
    let index = missing["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
    assert_eq!(rules[index]["id"], "missing-section");
    assert_eq!(missing["level"], "error");
    assert!(missing["message"]["text"]
        .as_str()
        .is_some_and(|t| t.contains(SECTION)));
    let location = &missing["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "content/relational-therapy.md"
    );
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(location["region"]["startLine"], 24);
    assert_eq!(location["region"]["startColumn"], 1);
    assert!(missing["partialFingerprints"]["primaryLocationLineHash"].is_string());
    assert!(results.iter().all(|r| r["ruleIndex"].is_u64()));
}

#[test]
fn stats_prints_the_table_the_words_and_json() {
    let p = Project::bundled();
    let run = p.run(&["stats", "content/relational-therapy.md"]);
    run.expect_code(0);
    let table = run.stdout();
    assert!(table.contains("whole handout"), "{table}");
    assert!(
        table.contains("  24  How it may support trauma survivors  "),
        "{table}"
    );
    let words = p
        .run(&["stats", "content/relational-therapy.md", "--words"])
        .stdout();
    assert!(words.lines().any(|l| l == "relational\t4"), "{words}");
    assert!(words.lines().any(|l| l == "therapy\t3"), "{words}");
    assert!(words.lines().all(|l| l.split('\t').count() == 2));
    assert!(!words.contains("https"), "addresses are not words");
    let figures = json(
        &p.run(&["stats", "content/relational-therapy.md", "--json"])
            .stdout(),
    );
    assert_eq!(figures["title"], "Relational Therapy");
    assert!(figures["counts"]["sentences"]
        .as_u64()
        .is_some_and(|n| n > 30));
}

#[test]
fn a_language_no_formula_is_validated_for_gets_counts_and_no_english_figure() {
    let p = Project::fixture("scripts");
    let table = p.run(&["stats", "content/vaccine-vi.md"]);
    table.expect_code(0);
    let out = table.stdout();
    assert!(
        out.contains("no validated readability formula for `vi`: sentences and words only"),
        "{out}"
    );
    // Every score column is blank: no row carries a figure past its word count.
    for row in out.lines().filter(|l| l.contains("whole handout")) {
        let figures: Vec<&str> = row.split_whitespace().skip(4).collect();
        assert_eq!(figures, ["-"; 6], "{row}");
    }
    let stats = p.run(&["stats", "content/vaccine-vi.md", "--json"]);
    let figures = json(&stats.stdout());
    assert_eq!(figures["language"], "vi");
    assert_eq!(figures["formulas"], false);
    assert!(figures["scores"].is_null(), "{figures}");
    assert_eq!(figures["counts"]["syllables"], 0);
    assert!(figures["counts"]["words"].as_u64().is_some_and(|n| n > 100));
    validate_with_jsonschema(&stats.stdout(), "/$defs/readability");
    let words = p
        .run(&["stats", "content/vaccine-vi.md", "--words"])
        .stdout();
    assert!(words.lines().any(|l| l == "vắc-xin\t-"), "{words}");
    assert!(words.lines().all(|l| l.ends_with("\t-")), "{words}");
    // Chinese: each character is a word, and a sentence is long past 50 of them.
    p.write(
        "content/zh.md",
        format!(
            "---\ntitle: 流感\nlanguage: zh-Hans\n---\n\n流感疫苗可以帮助身体抵抗流感病毒。{}。\n",
            "病毒每年都会变化所以每年秋天都会有新的疫苗".repeat(3)
        ),
    );
    let zh = json(&p.run(&["stats", "content/zh.md", "--json"]).stdout());
    assert_eq!(zh["counts"]["sentences"], 2);
    assert_eq!(zh["counts"]["words"], 16 + 3 * 21);
    p.run(&["check"])
        .expect_stderr("content/zh.md:6:18")
        .expect_stderr("this sentence has 63 characters (more than 50)");
}

#[test]
fn stats_on_a_missing_file_is_an_io_error() {
    let p = Project::empty();
    p.run(&["stats", "nope.md"])
        .expect_code(2)
        .expect_stderr("nope.md");
}
