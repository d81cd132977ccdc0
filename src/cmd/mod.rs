//! The subcommands, one file each; the only place that reads the clock and the
//! environment.

mod build;
mod check;
mod done;
mod draft;
mod due;
mod import;
mod init;
mod log;
mod new;
mod serve;

use crate::cli::{Cli, Command};
use chrono::NaiveDate;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A problem that stops a command: no repository, unwritable output, a bad environment.
/// It exits with status 2.
#[derive(Debug)]
pub struct Fatal(pub String);

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Fatal {}

impl From<String> for Fatal {
    fn from(message: String) -> Self {
        Fatal(message)
    }
}

impl From<crate::write::WriteError> for Fatal {
    fn from(error: crate::write::WriteError) -> Self {
        Fatal(error.to_string())
    }
}

/// What a command that found its reader gone returns: `run` turns it into a quiet exit 0,
/// since the work was done and nobody is left to tell (ripgrep's rule for `| head`).
const STDOUT_CLOSED: &str = "\u{0}stdout closed";

impl Fatal {
    /// Whether this is the reader of stdout going away rather than a failure.
    pub fn is_stdout_closed(&self) -> bool {
        self.0 == STDOUT_CLOSED
    }
}

/// Writes `text` to stdout and flushes it. A closed pipe gives the quiet [`Fatal`] that
/// `run` turns into exit 0; any other failure (a full disk behind `>`) is a fatal error.
/// Commands finish their work before they print, so a closed stdout never cuts it short.
pub fn print(text: impl fmt::Display) -> Result<(), Fatal> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    write!(stdout, "{text}")
        .and_then(|()| stdout.flush())
        .map_err(stdout_error)
}

/// The [`Fatal`] for a failed write to stdout.
pub fn stdout_error(error: std::io::Error) -> Fatal {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        Fatal(STDOUT_CLOSED.to_owned())
    } else {
        Fatal(format!("cannot write to stdout: {error}"))
    }
}

/// What every command that reads a repository needs: where it is and what day it is.
#[derive(Debug, Clone)]
pub struct Context {
    /// The repository root.
    pub root: PathBuf,
    /// Today, from `--today`, `GOODWILL_TODAY` or the clock.
    pub today: NaiveDate,
    /// Whether `today` came from the clock, so a long-running command should follow it.
    pub today_from_clock: bool,
}

impl Context {
    /// Today as of now: the clock's date for a long-running command started without
    /// `--today` or `GOODWILL_TODAY`, else the fixed date.
    pub fn current_day(&self) -> NaiveDate {
        if self.today_from_clock {
            chrono::Local::now().date_naive()
        } else {
            self.today
        }
    }
}

/// Runs the command `cli` names and returns its exit status.
pub fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    let (today, today_from_clock) = today(cli.today)?;
    let context = || -> Result<Context, Fatal> {
        Ok(Context {
            root: root(cli.root.as_deref())?,
            today,
            today_from_clock,
        })
    };
    let result = match &cli.command {
        Command::Check => check::run(&context()?),
        Command::Due(args) => due::run(&context()?, args),
        Command::Build(args) => build::run(&context()?, args),
        Command::Init(args) => init::run(cli.root.as_deref(), args, today),
        Command::New(command) => new::run(&context()?, command),
        Command::Log(args) => log::run(&context()?, args),
        Command::Import(command) => import::run(&context()?, command),
        Command::Serve(args) => serve::run(&context()?, args),
        Command::Draft(args) => draft::run(&context()?, args),
        Command::Done(args) => done::run(&context()?, args),
    };
    match result {
        Err(fatal) if fatal.is_stdout_closed() => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

/// `--today`, else `GOODWILL_TODAY`, else the local date; and whether it is the last.
fn today(flag: Option<NaiveDate>) -> Result<(NaiveDate, bool), Fatal> {
    if let Some(today) = flag {
        return Ok((today, false));
    }
    match std::env::var("GOODWILL_TODAY") {
        Ok(text) if !text.trim().is_empty() => crate::cli::parse_date_arg(&text)
            .map(|today| (today, false))
            .map_err(|message| Fatal(format!("GOODWILL_TODAY: {message}"))),
        _ => Ok((chrono::Local::now().date_naive(), true)),
    }
}

/// `--root`, else the nearest repository at or above the working directory.
fn root(flag: Option<&Path>) -> Result<PathBuf, Fatal> {
    if let Some(root) = flag {
        if !root.is_dir() {
            return Err(Fatal(format!(
                "--root `{}` is not a folder",
                root.display()
            )));
        }
        return Ok(root.to_path_buf());
    }
    let cwd = std::env::current_dir()
        .map_err(|e| Fatal(format!("cannot read the working directory: {e}")))?;
    crate::load::find_root(&cwd).ok_or_else(|| {
        Fatal(format!(
            "no goodwill repository at or above `{}`: run `goodwill init`, or pass --root DIR",
            cwd.display()
        ))
    })
}

/// Prints every diagnostic to stderr as `path:line: severity: message`.
pub fn print_diagnostics(diagnostics: &[crate::diag::Diagnostic]) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut stderr = stderr.lock();
    for diagnostic in diagnostics {
        let _ = writeln!(
            stderr,
            "{}",
            crate::diag::terminal_safe(&diagnostic.to_string())
        );
    }
}
