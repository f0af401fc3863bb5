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
        /// The path involved.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A layout template failed to load or render.
    Template(String),
    /// Anything else the user asked for that cannot be done.
    Usage(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Config(d, _) => write!(f, "{}: {}", d.location(), d.message),
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Template(message) | Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}
