//! The error that stops a command, keeping the I/O error that caused it until the one
//! place that prints it (`main`), which also picks the exit status.

use crate::write::WriteError;
use std::fmt;
use std::io;
use std::path::Path;
use std::process::ExitCode;

/// A problem that stops a command: no repository, unwritable output, a bad argument or
/// environment, a template that does not render. Every kind but [`Error::StdoutClosed`]
/// exits with status 2.
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
    /// A template that does not load or render: the whole message, with file and line.
    Template(String),
    /// A request goodwill refuses, a bad argument or environment: the whole message.
    Message(String),
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { context, source } => write!(f, "{context}: {source}"),
            Error::Write(error) => error.fmt(f),
            Error::Template(message) | Error::Message(message) => f.write_str(message),
            Error::Stdout(error) => write!(f, "cannot write to stdout: {error}"),
            Error::StdoutClosed => f.write_str("stdout closed"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } | Error::Stdout(source) => Some(source),
            Error::Write(error) => Some(error),
            Error::Template(_) | Error::Message(_) | Error::StdoutClosed => None,
        }
    }
}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Error::Message(message)
    }
}

impl From<WriteError> for Error {
    fn from(error: WriteError) -> Self {
        Error::Write(error)
    }
}

/// For the callers that still carry errors as text (the pages `serve` answers with).
impl From<Error> for String {
    fn from(error: Error) -> Self {
        error.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn an_io_error_keeps_its_cause_and_prints_it_after_the_path() {
        let error = Error::at("create", Path::new("contacts"))(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "Permission denied",
        ));
        assert_eq!(
            error.to_string(),
            "cannot create `contacts`: Permission denied"
        );
        let cause = error.source().and_then(|s| s.downcast_ref::<io::Error>());
        assert_eq!(
            cause.map(io::Error::kind),
            Some(io::ErrorKind::PermissionDenied)
        );
        assert_eq!(error.exit_code(), ExitCode::from(2));
    }

    #[test]
    fn a_write_error_keeps_its_io_cause() {
        let error = Error::from(WriteError::Io(
            "notes.md".into(),
            io::Error::new(io::ErrorKind::StorageFull, "No space left on device"),
        ));
        assert_eq!(
            error.to_string(),
            "cannot write `notes.md`: No space left on device"
        );
        let cause = error
            .source()
            .and_then(std::error::Error::source)
            .and_then(|s| s.downcast_ref::<io::Error>());
        assert_eq!(cause.map(io::Error::kind), Some(io::ErrorKind::StorageFull));
    }

    #[test]
    fn a_closed_stdout_exits_0_and_a_full_one_2() {
        let closed = Error::stdout(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(closed.is_stdout_closed());
        assert_eq!(closed.exit_code(), ExitCode::SUCCESS);
        let full = Error::stdout(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
        assert!(!full.is_stdout_closed());
        assert_eq!(full.to_string(), "cannot write to stdout: disk full");
        assert_eq!(full.exit_code(), ExitCode::from(2));
        assert!(full.source().is_some());
    }

    #[test]
    fn a_message_is_printed_as_it_is_and_has_no_cause() {
        let error = Error::from("the log text is empty: say what happened".to_owned());
        assert_eq!(
            error.to_string(),
            "the log text is empty: say what happened"
        );
        assert!(error.source().is_none());
        assert_eq!(error.exit_code(), ExitCode::from(2));
    }
}
