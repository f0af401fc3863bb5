//! Whole-pipeline fuzz target: arbitrary bytes as a handout (front matter + Markdown) go
//! through parsing, every check and every renderer. Any panic is a bug; so is an output that
//! breaks its format's invariants.
#![no_main]

use std::path::Path;

use handout::config::Format;
use handout::content::Handout;
use handout::project::Project;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((handout, _)) = Handout::parse(Path::new("content/fuzz.md"), data, "en") else {
        return;
    };
    let project = Project::in_memory(vec![handout], vec![Format::Pdf, Format::Epub, Format::Text]);
    let findings = handout::check::run(&project).diagnostics;
    if findings
        .iter()
        .any(|d| d.level == handout::diagnostic::Level::Error)
    {
        return;
    }
    let outputs = match handout::pipeline::render_all(&project) {
        Ok(outputs) => outputs,
        Err(e) => panic!("a handout that passed its checks failed to render: {e}"),
    };
    for output in outputs {
        match output.path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => {
                let parsed = lopdf::Document::load_mem(&output.bytes);
                assert!(parsed.is_ok(), "unparseable PDF: {:?}", parsed.err());
            }
            Some("epub") => assert!(output.bytes.starts_with(b"PK\x03\x04")),
            _ => {
                let text = String::from_utf8(output.bytes).unwrap_or_default();
                assert!(text.is_empty() || text.ends_with('\n'));
                assert!(text.lines().all(|l| l == l.trim_end()));
            }
        }
    }
});
