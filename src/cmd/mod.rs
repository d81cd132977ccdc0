//! The subcommands, one file each; the only place that reads the clock and the
//! environment.

mod build;
mod capture;
mod check;
mod completions;
mod done;
mod draft;
mod due;
mod import;
mod init;
mod later;
mod log;
mod new;
mod serve;
mod skip;

use crate::cli::{Cli, Command};
use chrono::NaiveDate;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) use crate::error::Error;
use crate::error::Usage;

/// Writes `text` to stdout and flushes it. A closed pipe gives the quiet
/// [`Error::StdoutClosed`] that `main` turns into exit 0; any other failure (a full disk behind `>`) is a fatal error.
/// Commands finish their work before they print, so a closed stdout never cuts it short.
pub(crate) fn print(text: impl fmt::Display) -> Result<(), Error> {
    use std::io::Write;
    let text = text.to_string();
    let mut stdout = std::io::stdout().lock();
    // Names and notes come from other people's files: no escape sequence reaches the
    // terminal through anything a command prints.
    write!(stdout, "{}", crate::diag::terminal_text(&text))
        .and_then(|()| stdout.flush())
        .map_err(stdout_error)
}

/// Warnings print from `diag`, a leaf every part may use (serve too).
pub(crate) use crate::diag::warn;

/// The [`Error`] for a failed write to stdout: [`Error::stdout`].
pub(crate) fn stdout_error(error: std::io::Error) -> Error {
    Error::stdout(error)
}

/// What every command that reads a repository needs: where it is and what day it is.
#[derive(Debug, Clone)]
pub(crate) struct Context {
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
    pub(crate) fn current_day(&self) -> NaiveDate {
        if self.today_from_clock {
            chrono::Local::now().date_naive()
        } else {
            self.today
        }
    }
}

/// Runs the command `cli` names and returns its exit status, or the error that stopped it
/// (for `main` to print and to map to an exit status).
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    let (today, today_from_clock) = today(cli.today)?;
    let context = || -> Result<Context, Error> {
        Ok(Context {
            root: root(cli.root.as_deref())?,
            today,
            today_from_clock,
        })
    };
    match &cli.command {
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
        Command::Skip(args) => skip::run(&context()?, args),
        Command::Later(args) => later::run(&context()?, args),
        Command::Completions(args) => completions::completions(args),
        Command::Man => completions::man(),
    }
}

/// `--today`, else `GOODWILL_TODAY`, else the local date; and whether it is the last.
fn today(flag: Option<NaiveDate>) -> Result<(NaiveDate, bool), Error> {
    if let Some(today) = flag {
        return Ok((today, false));
    }
    match std::env::var("GOODWILL_TODAY") {
        Ok(text) if !text.trim().is_empty() => crate::cli::parse_date_arg(&text)
            .map(|today| (today, false))
            .map_err(|error| Usage::Today(Box::new(error)).into()),
        _ => Ok((chrono::Local::now().date_naive(), true)),
    }
}

/// `--root`, else the nearest repository at or above the working directory.
fn root(flag: Option<&Path>) -> Result<PathBuf, Error> {
    if let Some(root) = flag {
        if !root.is_dir() {
            return Err(Usage::RootNotFolder(root.to_path_buf()).into());
        }
        return Ok(root.to_path_buf());
    }
    let cwd = std::env::current_dir().map_err(Error::io("cannot read the working directory"))?;
    match crate::load::find_root(&cwd) {
        Some(root) => Ok(root),
        None => Err(Usage::NoRepository(cwd).into()),
    }
}

pub(crate) use crate::diag::print_diagnostics;
