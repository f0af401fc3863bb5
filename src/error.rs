//! Errors that stop a command before or outside the checks: usage, configuration and I/O.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// A failure that ends the command with exit code 2.
#[derive(Debug)]
pub enum Error {
    /// `handout.yaml` is wrong: the finding, and the file's text when it could be read.
    Config(Box<Diagnostic>, Option<Box<SourceFile>>),
    /// A file or folder could not be read or written.
    Io {
        /// What was being done: `read` or `write`.
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A layout template failed to load or render.
    Template(String),
    /// Anything else the user asked for that cannot be done.
    Usage(String),
    /// A fault inside handout itself (a library returned what it never should): not the
    /// user's doing, so the message asks for a report.
    Internal(String),
}

impl Error {
    /// A failure to read `path`.
    pub fn read(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action: "read",
            path: path.to_path_buf(),
            source,
        }
    }

    /// A failure to write `path`.
    pub fn write(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action: "write",
            path: path.to_path_buf(),
            source,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Config(d, _) => write!(f, "{}: {}", d.location(), d.message),
            Error::Io {
                action,
                path,
                source,
            } => {
                write!(f, "cannot {action} {}: {source}", path.display())?;
                match (source.kind(), *action) {
                    (std::io::ErrorKind::PermissionDenied, "write") => f.write_str(
                        "\n  = help: make the output folder writable, or choose another with --out",
                    ),
                    (std::io::ErrorKind::PermissionDenied, _) => {
                        f.write_str("\n  = help: check that you may read this file")
                    }
                    _ => Ok(()),
                }
            }
            Error::Template(message) | Error::Usage(message) => f.write_str(message),
            Error::Internal(message) => write!(
                f,
                "internal error: {message}\n  = help: this is a fault in handout, not in your files; please report it with the handout that caused it"
            ),
        }
    }
}

impl std::error::Error for Error {}
