//! Renderers: each turns checked handouts into output files, as bytes in memory.
//!
//! A renderer never writes to disk and never sees Markdown: it gets the [`RenderContext`]
//! and returns [`Output`]s, which [`crate::output`] writes all at once.

pub mod epub;
pub mod front;
pub mod pdf;
pub mod text;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::config::{Config, Format};
use crate::content::Handout;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::fonts::FontBook;
use crate::layouts::Layouts;
use crate::project::Plan;

/// Everything a renderer needs.
pub struct RenderContext<'a> {
    /// The project folder, against which handouts' images are resolved (never written to).
    pub root: &'a Path,
    /// The effective configuration (flags already applied).
    pub config: &'a Config,
    /// Layout templates and style files.
    pub layouts: &'a Layouts,
    /// The faces outputs are set in (and booklets may embed).
    pub fonts: &'a FontBook,
    /// The handouts, in content order.
    pub handouts: &'a [Handout],
    /// The booklets that bind them.
    pub booklets: &'a [Plan<'a>],
    /// Seconds since the epoch that stand for "now" in outputs (`SOURCE_DATE_EPOCH`).
    pub timestamp: i64,
    /// Notes the renderers have for the report (never a fault: a page count not reached).
    pub notes: &'a Mutex<Vec<Diagnostic>>,
}

impl RenderContext<'_> {
    /// Adds `note` to the report.
    pub fn note(&self, note: Diagnostic) {
        if let Ok(mut notes) = self.notes.lock() {
            notes.push(note);
        }
    }
}

/// One file to write, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path below the output folder, e.g. `text/relational-therapy.txt`.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Renders every output of `format`.
pub fn render(format: Format, ctx: &RenderContext<'_>) -> Result<Vec<Output>, Error> {
    match format {
        Format::Text => text_outputs(ctx),
        Format::Epub => epub::booklets(ctx),
        Format::Pdf => pdf::render(ctx),
    }
}

/// The leaflets of every handout, made in parallel and returned in content order (the first
/// handout's error, should several fail).
fn text_outputs(ctx: &RenderContext<'_>) -> Result<Vec<Output>, Error> {
    let per_handout: Vec<Result<Vec<Output>, Error>> = ctx
        .handouts
        .par_iter()
        .map(|handout| {
            let mut outputs = vec![Output {
                path: PathBuf::from(format!("text/{}.txt", handout.slug)),
                bytes: text::leaflet(handout, ctx, false)?.into_bytes(),
            }];
            if ctx.config.text.ascii {
                outputs.push(Output {
                    path: PathBuf::from(format!("text/{}.ascii.txt", handout.slug)),
                    bytes: text::leaflet(handout, ctx, true)?.into_bytes(),
                });
            }
            Ok(outputs)
        })
        .collect();
    let mut outputs = Vec::new();
    for result in per_handout {
        outputs.extend(result?);
    }
    Ok(outputs)
}
