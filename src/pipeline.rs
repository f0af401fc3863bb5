//! The one-way pipeline: load → check → render → write. Commands are thin layers on it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::check::readability::Readability;
use crate::config::{Format, Paper};
use crate::diagnostic::{Diagnostic, Level};
use crate::error::Error;
use crate::layouts::Layouts;
use crate::project::Project;
use crate::render::{self, Output, RenderContext};

/// Starts the thread pool every parallel step runs on. The calling thread is one of its
/// workers (`RAYON_NUM_THREADS`, else one per core): work handed to the pool starts there at
/// once, and a two-core machine runs two threads, not three. Call it first thing; a pool
/// that exists already is left as it is.
pub fn start_threads() {
    let _ = rayon::ThreadPoolBuilder::new()
        .use_current_thread()
        .build_global();
}

/// What a command asks of the pipeline; `None` fields keep the project's settings.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The project folder.
    pub root: PathBuf,
    /// Formats to build instead of the configured ones.
    pub formats: Option<Vec<Format>>,
    /// Output folder instead of the configured one (relative to the working directory).
    pub out: Option<PathBuf>,
    /// Paper size instead of the configured one.
    pub paper: Option<Paper>,
    /// PDF layout instead of the configured one.
    pub layout: Option<String>,
    /// Also write the ASCII leaflets.
    pub ascii: bool,
    /// Treat warnings as errors.
    pub deny_warnings: bool,
}

/// What the pipeline did.
pub struct Outcome {
    /// The loaded project.
    pub project: Project,
    /// Every finding, sorted by file and place.
    pub diagnostics: Vec<Diagnostic>,
    /// Each handout's readability, in content order.
    pub readability: Vec<Readability>,
    /// Files written (relative to the output folder); empty after `check` or on errors.
    pub written: Vec<PathBuf>,
    /// The output folder.
    pub out_dir: PathBuf,
}

impl Outcome {
    /// Whether any finding is at error level.
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(|d| d.level == Level::Error)
    }
}

/// Projects up to this much Markdown are rendered while their checks run: their renders take
/// less time than anyone would notice even when a check then fails. A larger project is
/// checked first, so that a failed check does not wait for its renders.
const RENDER_WHILE_CHECKING: usize = 2 << 20;

/// Loads and checks the project; with `write`, renders and writes it when no error remains.
///
/// When building a project of up to [`RENDER_WHILE_CHECKING`] bytes, the outputs are rendered
/// in memory while the checks run (the renderers are safe on any handout that parses), and
/// thrown away if a check fails.
pub fn run(request: &Request, write: bool) -> Result<Outcome, Error> {
    let (mut project, mut diagnostics) = Project::load(&request.root)?;
    apply(request, &mut project);
    diagnostics.extend(crate::check::glyphs::adopt_installed(&mut project));
    let size: usize = project.handouts.iter().map(|h| h.source.text.len()).sum();
    let (findings, rendered) = if write && size <= RENDER_WHILE_CHECKING {
        // The renders take longer: they start at once on this thread, the checks wherever
        // another thread takes them up.
        let (rendered, findings) = rayon::join(
            || render_with_notes(&project),
            || crate::check::run(&project),
        );
        (findings, Some(rendered))
    } else {
        (crate::check::run(&project), None)
    };
    diagnostics.extend(findings.diagnostics);
    if request.deny_warnings {
        for d in diagnostics.iter_mut().filter(|d| d.level == Level::Warning) {
            d.level = Level::Error;
        }
    }
    in_order(&mut diagnostics);
    let out_dir = match &request.out {
        Some(out) => out.clone(),
        None => request.root.join(&project.config().output),
    };
    let mut outcome = Outcome {
        project,
        diagnostics,
        readability: findings.readability,
        written: Vec::new(),
        out_dir,
    };
    if !write || outcome.failed() {
        return Ok(outcome);
    }
    let (outputs, notes) = match rendered {
        Some(rendered) => rendered?,
        None => render_with_notes(&outcome.project)?,
    };
    outcome.diagnostics.extend(notes);
    in_order(&mut outcome.diagnostics);
    crate::output::write_all(&outcome.out_dir, &outputs)?;
    outcome.written = outputs.into_iter().map(|o| o.path).collect();
    Ok(outcome)
}

/// Sorts findings by file, line and column, as the report lists them.
fn in_order(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
}

fn apply(request: &Request, project: &mut Project) {
    let config = &mut project.config.config;
    if let Some(formats) = &request.formats {
        config.formats = formats.clone();
    }
    config.formats.sort();
    config.formats.dedup();
    if let Some(paper) = request.paper {
        config.paper = paper;
    }
    if let Some(layout) = &request.layout {
        config.layout = layout.clone();
    }
    config.text.ascii |= request.ascii;
}

/// Renders every configured format of the project, in memory.
pub fn render_all(project: &Project) -> Result<Vec<Output>, Error> {
    render_with_notes(project).map(|(outputs, _)| outputs)
}

/// Renders every configured format of the project, in memory, with the notes the renderers
/// have for the report.
pub fn render_with_notes(project: &Project) -> Result<(Vec<Output>, Vec<Diagnostic>), Error> {
    let layouts = Layouts::new(Some(&project.root));
    let booklets = project.booklets()?;
    let notes = Mutex::new(Vec::new());
    let ctx = RenderContext {
        root: &project.root,
        config: project.config(),
        layouts: &layouts,
        fonts: &project.fonts,
        handouts: &project.handouts,
        booklets: &booklets,
        timestamp: timestamp(project),
        notes: &notes,
    };
    let rendered: Vec<Result<Vec<Output>, Error>> = ctx
        .config
        .formats
        .par_iter()
        .map(|&format| render::render(format, &ctx))
        .collect();
    let mut outputs = Vec::new();
    for result in rendered {
        outputs.extend(result?);
    }
    Ok((outputs, notes.into_inner().unwrap_or_default()))
}

/// "Now" for the outputs: `SOURCE_DATE_EPOCH` when set, else the newest input's time, so that
/// unchanged inputs always give the same bytes.
pub fn timestamp(project: &Project) -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        return epoch;
    }
    let config_path = project.root.join(crate::config::FILE_NAME);
    project
        .handouts
        .iter()
        .map(|h| project.root.join(&h.source.path))
        .chain(std::iter::once(config_path))
        .filter_map(|p| modified(&p))
        .max()
        .unwrap_or(0)
}

fn modified(path: &Path) -> Option<i64> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(secs).ok()
}
