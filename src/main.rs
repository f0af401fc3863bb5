//! The `handout` command line: flags in, a report out, and the exit code.

use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};

use handout::config::{Format, Paper};
use handout::error::Error;
use handout::pipeline::{self, Outcome, Request};
use handout::report::{self, MessageFormat, Tally};
use handout::{scaffold, stats};

mod allocator;

/// mimalloc: the build allocates many small, short-lived values on every thread, where it
/// is markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

const EXAMPLES: &str = "\
Examples:
  handout build                      build every handout in ./content into ./dist
  handout build --format pdf --paper a4
  handout build --format pdf --layout large-print
  handout check --deny warnings      fail on any warning (for CI)
  handout check --message-format github
  handout stats content/relational-therapy.md --words
  handout new sleep-hygiene --kind modality --title \"Sleep hygiene\"

Exit codes: 0 success (warnings allowed), 1 a check failed at error level (nothing was
written), 2 a usage, configuration or file error.";

/// Compile Markdown handouts into print-ready PDF, EPUB booklets and plain-text leaflets,
/// after checking that each one is complete and reads plainly.
#[derive(Parser)]
#[command(name = "handout", version, after_help = EXAMPLES, propagate_version = true)]
struct Cli {
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Also say which faces each language's text is set in, and where each was found.
    #[arg(long, short, global = true, conflicts_with = "quiet")]
    verbose: bool,
    /// When to colour the output (NO_COLOR is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Check every handout, then write the outputs if no check failed.
    #[command(after_help = EXAMPLES)]
    Build(BuildArgs),
    /// Check every handout and report; writes nothing.
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
    /// Readability of one handout, per section.
    Stats(StatsArgs),
    /// Start a new handout in content/ with its kind's required sections.
    New(NewArgs),
}

#[derive(Args)]
struct StatsArgs {
    /// The handout (a Markdown file).
    file: PathBuf,
    /// Print each distinct word and its syllables instead (`word<TAB>count`; `-` for a
    /// language the English syllable rules do not fit).
    #[arg(long)]
    words: bool,
    /// Print the figures as JSON.
    #[arg(long, conflicts_with = "words")]
    json: bool,
}

#[derive(Args)]
struct NewArgs {
    /// File name of the new handout, without `.md` (e.g. `sleep-hygiene`).
    slug: String,
    /// Kind of handout; its required sections become headings.
    #[arg(long)]
    kind: Option<String>,
    /// Title (default: the slug in words).
    #[arg(long)]
    title: Option<String>,
    /// The project folder.
    #[arg(long, default_value = ".")]
    dir: PathBuf,
}

#[derive(Args)]
struct CheckArgs {
    /// The project folder (holding handout.yaml and content/).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Treat warnings as errors.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    check: CheckArgs,
    /// Formats to build, comma-separated (default: those in handout.yaml).
    #[arg(long, value_enum, value_delimiter = ',')]
    format: Option<Vec<Format>>,
    /// Output folder (default: `output:` in handout.yaml, or dist/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Paper size of PDF handouts.
    #[arg(long, value_enum, ignore_case = true)]
    paper: Option<Paper>,
    /// PDF layout: `default`, `large-print` (body 18 pt), or a project's layouts/pdf/NAME.yaml.
    #[arg(long, value_name = "NAME")]
    layout: Option<String>,
    /// Also write ASCII leaflets (`<slug>.ascii.txt`) for simple printers and SMS.
    #[arg(long)]
    ascii: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    /// Any warning fails the check.
    Warnings,
}

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    allocator::configure();
    pipeline::start_threads();
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => {
            ColorChoice::Never
        }
        Color::Auto if std::io::stderr().is_terminal() => ColorChoice::Auto,
        Color::Auto => ColorChoice::Never,
    };
    // Buffered: a report of thousands of findings is written in a few calls, not millions;
    // it is flushed before anything else is printed.
    let mut stderr = BufferedStandardStream::stderr(color);
    let result = match &cli.command {
        Command::Build(args) => {
            let request = Request {
                formats: args.format.clone(),
                out: args.out.clone(),
                paper: args.paper,
                layout: args.layout.clone(),
                ascii: args.ascii,
                ..request(&args.check)
            };
            pipeline::run(&request, true)
                .map(|outcome| finish(&outcome, &args.check, &cli, &mut stderr, true))
        }
        Command::Check(args) => pipeline::run(&request(args), false)
            .map(|outcome| finish(&outcome, args, &cli, &mut stderr, false)),
        Command::Stats(args) => stats(args, &mut stderr),
        Command::New(args) => scaffold::create(&scaffold::NewHandout {
            root: args.dir.clone(),
            slug: args.slug.clone(),
            kind: args.kind.clone(),
            title: args.title.clone(),
        })
        .map(|path| {
            if !cli.quiet {
                eprintln!("created {}", path.display());
            }
            ExitCode::SUCCESS
        }),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            report_error(&error, &mut stderr);
            ExitCode::from(2)
        }
    }
}

fn request(args: &CheckArgs) -> Request {
    Request {
        root: args.dir.clone(),
        deny_warnings: args.deny.is_some(),
        ..Request::default()
    }
}

/// Prints the findings and closing line; returns 1 when a check failed at error level.
fn finish(
    outcome: &Outcome,
    args: &CheckArgs,
    cli: &Cli,
    stderr: &mut BufferedStandardStream,
    building: bool,
) -> ExitCode {
    let quiet = cli.quiet;
    let sources = outcome.project.sources();
    let shown: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| !quiet || d.level == handout::diagnostic::Level::Error)
        .cloned()
        .collect();
    let tally = Tally::new(outcome.project.handouts.len(), &outcome.diagnostics);
    match args.message_format {
        MessageFormat::Human => {
            let _ = report::human::emit(stderr, &shown, &sources);
            let _ = stderr.flush();
            if !quiet {
                if !building {
                    for r in &outcome.readability {
                        eprintln!("{}", report::table::render(r));
                    }
                }
                if cli.verbose {
                    for line in report::faces::render(&outcome.project) {
                        eprintln!("{line}");
                    }
                }
                eprintln!("{}", tally.summary());
                if building && !outcome.failed() {
                    eprintln!(
                        "wrote {} to {}",
                        report::plural(outcome.written.len(), "file"),
                        outcome.out_dir.display()
                    );
                } else if building {
                    eprintln!("nothing was written: fix the errors above and build again");
                }
            }
        }
        MessageFormat::Json => {
            to_stdout(&report::json::render(&shown, &outcome.readability, &tally));
        }
        MessageFormat::Github => {
            to_stdout(&report::github::render(&shown));
            if !quiet {
                eprintln!("{}", tally.summary());
            }
        }
        MessageFormat::Sarif => to_stdout(&report::sarif::render(&shown, &sources)),
    }
    if outcome.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `handout stats FILE`: the readability table, the word list, or the figures as JSON.
fn stats(args: &StatsArgs, stderr: &mut BufferedStandardStream) -> Result<ExitCode, Error> {
    let view = match (args.words, args.json) {
        (true, _) => stats::View::Words,
        (false, true) => stats::View::Json,
        (false, false) => stats::View::Table,
    };
    match stats::report(&args.file, view)? {
        Ok(text) => {
            to_stdout(&text);
            Ok(ExitCode::SUCCESS)
        }
        Err(rejected) => {
            let sources: Vec<_> = rejected.source.iter().collect();
            let diagnostics = std::slice::from_ref(&rejected.diagnostic);
            let _ = report::human::emit(stderr, diagnostics, &sources);
            let _ = stderr.flush();
            Ok(ExitCode::from(1))
        }
    }
}

/// Writes a report to standard output; a closed pipe (`| head`) is not an error.
fn to_stdout(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn report_error(error: &Error, stderr: &mut BufferedStandardStream) {
    match error {
        Error::Config(diagnostic, source) => {
            let sources: Vec<_> = source.iter().map(|s| s.as_ref()).collect();
            let _ = report::human::emit(stderr, std::slice::from_ref(diagnostic), &sources);
            let _ = stderr.flush();
        }
        other => eprintln!("error: {other}"),
    }
}
