//! Generated input on stable Rust: thousands of random handouts built from Markdown and YAML
//! fragments go through the whole pipeline in-process. None may panic, and every output must
//! keep its format's invariants: a PDF that parses, an EPUB whose XML files are all
//! well-formed, a clean leaflet. (The coverage-guided fuzz target in `fuzz/` explores further.)

use std::path::Path;

use handout::config::Format;
use handout::content::Handout;
use handout::pipeline;
use handout::project::Project;

/// Fragments that exercise the parser's corners when glued together at random.
const PIECES: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "- ",
    "* ",
    "1. ",
    "10) ",
    "> ",
    "    ",
    "\t",
    "```",
    "~~~",
    "---",
    "***",
    "| a | b |\n|---|:-:|\n| c | d |\n",
    "[link](http://x.org)",
    "[^n]",
    "[^n]: note\n",
    "![alt](i.png)",
    "<https://example.org>",
    "<script>x</script>",
    "<b onclick=\"y\">",
    "&amp;",
    "&nbsp;",
    "*",
    "**",
    "_",
    "~~",
    "`",
    "\\",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "word",
    "Dr. Smith",
    "e.g.",
    "“quoted”",
    "—",
    "…",
    "\u{a0}",
    "é",
    "漢字",
    "👍🏽",
    "\u{200b}",
    "- [ ] ",
    "- [x] ",
    "{#id}",
    "title: x\n",
    ":",
    "  ",
    "<!-- c -->",
    "<div>\n",
    "</div>\n",
    "[a]: http://ref\n",
    "[a]",
    "|",
    "\u{feff}",
];

/// A small deterministic generator (xorshift64*), so failures reproduce from their seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn random_handout(rng: &mut Rng) -> String {
    let mut text = String::new();
    if rng.below(3) > 0 {
        text.push_str("---\ntitle: T\n");
        if rng.below(4) == 0 {
            text.push_str(PIECES[rng.below(PIECES.len())]);
        }
        text.push_str("\n---\n");
    }
    for _ in 0..rng.below(80) {
        text.push_str(PIECES[rng.below(PIECES.len())]);
    }
    text
}

/// Every XML file of an EPUB must parse.
fn assert_epub_well_formed(case: usize, bytes: &[u8], source: &str) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("case {case}: EPUB is not a zip: {e}\n{source:?}"));
    for i in 0..zip.len() {
        let mut file = zip
            .by_index(i)
            .unwrap_or_else(|e| panic!("case {case}: zip entry {i}: {e}"));
        let name = file.name().to_owned();
        if [".xhtml", ".opf", ".ncx", ".xml"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut file, &mut xml)
                .unwrap_or_else(|e| panic!("case {case}: {name}: {e}"));
            if let Err(e) = roxmltree::Document::parse_with_options(
                &xml,
                roxmltree::ParsingOptions {
                    allow_dtd: true,
                    ..Default::default()
                },
            ) {
                panic!("case {case}: {name} is not well-formed: {e}\n{source:?}\n{xml}");
            }
        }
    }
}

/// A leaflet ends with one newline and has no CR and no trailing space.
fn assert_leaflet_clean(case: usize, bytes: Vec<u8>, source: &str) {
    let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("case {case}: not UTF-8: {e}"));
    assert!(
        text.ends_with('\n'),
        "case {case}: no final newline\n{source:?}"
    );
    assert!(!text.contains('\r'), "case {case}: CR in output");
    assert!(
        text.lines().all(|l| l == l.trim_end()),
        "case {case}: trailing space\n{source:?}"
    );
}

#[test]
fn random_handouts_never_panic_and_render_clean_outputs() {
    std::env::set_var("SOURCE_DATE_EPOCH", "1790000000");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut rendered = 0;
    for case in 0..5000 {
        let source = random_handout(&mut rng);
        let parsed = Handout::parse(Path::new("content/case.md"), source.as_bytes(), "en");
        let Ok((handout, _)) = parsed else {
            continue;
        };
        // Every case through the leaflet; every tenth through the PDF and the EPUB too.
        let formats = if case % 10 == 0 {
            vec![Format::Pdf, Format::Epub, Format::Text]
        } else {
            vec![Format::Text]
        };
        let project = Project::in_memory(vec![handout], formats);
        let findings = handout::check::run(&project).diagnostics;
        let passed = !findings
            .iter()
            .any(|d| d.level == handout::diagnostic::Level::Error);
        // Renderers must not panic even on handouts the checks reject; only handouts that
        // pass them must render.
        let outputs = match pipeline::render_all(&project) {
            Ok(outputs) => outputs,
            Err(_) if !passed => continue,
            Err(e) => panic!("case {case} passed its checks but failed to render: {e}\n{source:?}"),
        };
        for output in outputs {
            match output.path.extension().and_then(|e| e.to_str()) {
                Some("pdf") => {
                    if let Err(e) = lopdf::Document::load_mem(&output.bytes) {
                        panic!("case {case}: unparseable PDF: {e}\n{source:?}");
                    }
                }
                Some("epub") => assert_epub_well_formed(case, &output.bytes, &source),
                _ => assert_leaflet_clean(case, output.bytes, &source),
            }
        }
        rendered += 1;
    }
    assert!(rendered > 2000, "only {rendered} of 5000 cases rendered");
}
