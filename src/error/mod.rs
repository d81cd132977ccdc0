//! The error that stops a command, keeping the I/O error that caused it until the one
//! place that prints it (`main`), which also picks the exit status.
//!
//! What lives where: this file holds [`Error`], its constructors, its `From` impls and
//! its `std::error::Error` impl (the cause); `kinds` the kinds it carries ([`Usage`],
//! [`Refusal`], [`ImportError`], [`AssetError`], [`TemplateError`] and what they hold);
//! `display` the one `Display` impl, which holds all of their wording; `tests` the tests.

mod display;
mod kinds;
#[cfg(test)]
mod tests;

pub(crate) use kinds::{
    AssetError, CannotAdd, ImportError, LinkedinError, NotCalendar, Refusal, TemplateError,
    TemplateProblem, Usage,
};

use crate::write::WriteError;
use std::io;
use std::path::Path;
use std::process::ExitCode;

/// A problem that stops a command: no repository, unwritable output, a bad argument or
/// environment, a request goodwill refuses, a template that does not render. Every kind
/// but [`Error::StdoutClosed`] exits with status 2. All of their wording is in the one
/// [`std::fmt::Display`] impl, in `display.rs`.
#[derive(Debug)]
pub enum Error {
    /// An I/O failure; `context` says what goodwill was doing and names the path, as in
    /// ``cannot create `contacts` ``, and is printed before the cause.
    Io {
        /// What failed, without the cause.
        context: String,
        /// The cause.
        source: io::Error,
    },
    /// A write of a user's file that did not happen.
    Write(WriteError),
    /// A template that does not load or render, with its file and line.
    Template(TemplateError),
    /// A file of `site-template/` that cannot be used.
    Asset(AssetError),
    /// A bad argument, or an environment goodwill cannot work in.
    Usage(Usage),
    /// A request goodwill refuses; nothing was written.
    Refused(Refusal),
    /// An import whose file cannot be read as what it should be.
    Import(ImportError),
    /// A file was written, but saying so failed: the caller must not write it again.
    WrittenBut {
        /// The file written, relative to the repository.
        file: String,
        /// What failed afterwards.
        error: Box<Error>,
    },
    /// A failed write to stdout other than a closed pipe (a full disk behind `>`).
    Stdout(io::Error),
    /// The reader of stdout went away. The work was done and nobody is left to tell, so
    /// this is a quiet exit 0 (ripgrep's rule for `| head`).
    StdoutClosed,
}

impl Error {
    /// An [`Error::Io`] saying ``cannot ACTION `PATH` ``, for `map_err`.
    pub(crate) fn at(action: &str, path: &Path) -> impl FnOnce(io::Error) -> Error {
        let context = format!("cannot {action} `{}`", path.display());
        move |source| Error::Io { context, source }
    }

    /// An [`Error::Io`] whose `context` is given in full, for `map_err`.
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }

    /// The error for a failed write to stdout: [`Error::StdoutClosed`] for a closed pipe.
    pub(crate) fn stdout(error: io::Error) -> Error {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Error::StdoutClosed
        } else {
            Error::Stdout(error)
        }
    }

    /// Whether this is the reader of stdout going away rather than a failure.
    pub fn is_stdout_closed(&self) -> bool {
        matches!(self, Error::StdoutClosed)
    }

    /// The exit status a command ending with this error gives: 0 for a closed stdout,
    /// else 2.
    pub fn exit_code(&self) -> ExitCode {
        if self.is_stdout_closed() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        }
    }
}

impl From<WriteError> for Error {
    fn from(error: WriteError) -> Self {
        Error::Write(error)
    }
}

impl From<Usage> for Error {
    fn from(usage: Usage) -> Self {
        Error::Usage(usage)
    }
}

impl From<Refusal> for Error {
    fn from(refusal: Refusal) -> Self {
        Error::Refused(refusal)
    }
}

impl From<ImportError> for Error {
    fn from(error: ImportError) -> Self {
        Error::Import(error)
    }
}

impl From<AssetError> for Error {
    fn from(error: AssetError) -> Self {
        Error::Asset(error)
    }
}

impl From<TemplateError> for Error {
    fn from(error: TemplateError) -> Self {
        Error::Template(error)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } | Error::Stdout(source) => Some(source),
            Error::Write(error) => Some(error),
            Error::WrittenBut { error, .. } => Some(error.as_ref()),
            Error::Template(TemplateError {
                problem: TemplateProblem::Jinja { source, .. },
                ..
            }) => Some(source),
            Error::Asset(AssetError::Unreadable { source, .. }) => Some(source),
            Error::Usage(Usage::Today(error)) => Some(error.as_ref()),
            Error::Usage(Usage::Duration { error, .. }) => Some(error),
            Error::Usage(Usage::Bind { source, .. }) => Some(source),
            Error::Usage(Usage::Token(error)) => Some(error),
            Error::Usage(Usage::Manual(error)) => Some(error),
            Error::Import(ImportError::Linkedin {
                error: LinkedinError::Header { source, .. },
                ..
            }) => Some(source),
            Error::Template(_)
            | Error::Asset(_)
            | Error::Usage(_)
            | Error::Refused(_)
            | Error::Import(_)
            | Error::StdoutClosed => None,
        }
    }
}
