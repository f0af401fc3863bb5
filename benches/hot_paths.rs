//! Micro-benchmarks of the hot paths, on the bundled handout and on 20 copies of its body in
//! one handout: parsing, readability, line breaking, PDF writing, EPUB packaging and text
//! leaflets. `cargo bench --bench hot_paths` runs them; whole-process timings beside pandoc
//! and Typst are `make bench` (docs/PERFORMANCE.md).

use std::path::Path;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use handout::check::readability;
use handout::config::Format;
use handout::content::Handout;
use handout::fonts::{self, FontBook, Variant};
use handout::pipeline;
use handout::project::Project;
use handout::typeset::linebreak::{self, Element, Fill};

fn main() {
    divan::main();
}

/// The bundled handout, as its file holds it.
const SOURCE: &str = include_str!("../content/relational-therapy.md");

/// Where the bundled handout lives, as messages show it.
const PATH: &str = "content/relational-therapy.md";

/// Handout lengths benchmarked: the bundled handout, and its body 20 times over.
const COPIES: [usize; 2] = [1, 20];

/// The bundled handout with its body (everything after the `#` title) `copies` times.
fn source(copies: usize) -> String {
    let (head, body) = SOURCE
        .split_once("\n# Relational Therapy\n")
        .unwrap_or_else(|| panic!("the bundled handout has no `#` title"));
    format!("{head}\n# Relational Therapy\n{}", body.repeat(copies))
}

/// The bundled handout with its body `copies` times, parsed.
fn handout(copies: usize) -> Handout {
    match Handout::parse(Path::new(PATH), source(copies).as_bytes(), "en") {
        Ok((handout, _)) => handout,
        Err(rejected) => panic!("does not parse: {}", rejected.diagnostic.message),
    }
}

#[divan::bench(args = COPIES)]
fn parse(bencher: Bencher, copies: usize) {
    let text = source(copies);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| Handout::parse(Path::new(PATH), black_box(text.as_bytes()), "en").is_ok());
}

#[divan::bench(args = COPIES)]
fn readability(bencher: Bencher, copies: usize) {
    let handout = handout(copies);
    bencher.bench(|| readability::measure(black_box(&handout)));
}

/// The text column of the default layout on letter paper, in points.
const MEASURE: f32 = 612.0 - 2.0 * 64.8;

/// The bundled handout's paragraphs and list items, each as one line-breaking problem: every
/// word shaped in the regular face at 12 pt as a box, with a space's glue between words.
fn paragraphs(copies: usize) -> Vec<Vec<Element>> {
    let f = FontBook::bundled();
    let regular = f.select(Variant::Regular);
    let en = handout::lang::Lang::parse("en");
    let space = fonts::width(&f.shape(regular, &en, " ", 12.0));
    let body = source(copies);
    let texts = body
        .lines()
        .map(|line| line.trim_start_matches("- "))
        .filter(|line| !line.is_empty() && !line.starts_with(['#', '-']) && !line.contains(':'));
    texts
        .map(|text| {
            let mut elements = Vec::new();
            for word in text.split(' ') {
                if !elements.is_empty() {
                    elements.push(Element::Glue {
                        width: space,
                        stretch: 0.0,
                        shrink: 0.0,
                    });
                }
                elements.push(Element::Box(fonts::width(
                    &f.shape(regular, &en, word, 12.0),
                )));
            }
            elements
        })
        .collect()
}

#[divan::bench(args = COPIES)]
fn line_breaking(bencher: Bencher, copies: usize) {
    let paragraphs = paragraphs(copies);
    let fill = Fill::Ragged { slack: 2.5 * 12.0 };
    bencher.bench(|| {
        paragraphs
            .iter()
            .map(|p| linebreak::total_fit(black_box(p), MEASURE, fill).len())
            .sum::<usize>()
    });
}

/// Renders `format` of the bundled project (this repository's handout.yaml) with `copies` of
/// the bundled body as its one handout, through [`pipeline::render_all`] as `handout build`
/// does (layouts loaded, outputs in memory, nothing written).
fn render(bencher: Bencher, copies: usize, format: Format) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut project, _) = match Project::load(root) {
        Ok(loaded) => loaded,
        Err(e) => panic!("the bundled project does not load: {e}"),
    };
    project.handouts = vec![handout(copies)];
    project.config.config.formats = vec![format];
    bencher.bench(|| match pipeline::render_all(black_box(&project)) {
        Ok(outputs) => outputs.len(),
        Err(e) => panic!("does not render: {e}"),
    });
}

#[divan::bench(args = COPIES, sample_count = 20)]
fn pdf_writing(bencher: Bencher, copies: usize) {
    render(bencher, copies, Format::Pdf);
}

#[divan::bench(args = COPIES, sample_count = 20)]
fn epub_packaging(bencher: Bencher, copies: usize) {
    render(bencher, copies, Format::Epub);
}

#[divan::bench(args = COPIES, sample_count = 20)]
fn text_leaflet(bencher: Bencher, copies: usize) {
    render(bencher, copies, Format::Text);
}
