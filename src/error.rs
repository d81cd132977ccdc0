//! The error that stops a command, keeping the I/O error that caused it until the one
//! place that prints it (`main`), which also picks the exit status.

use crate::duration::DurationError;
use crate::load::ReadError;
use crate::load::split::SplitError;
use crate::write::WriteError;
use chrono::NaiveDate;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A problem that stops a command: no repository, unwritable output, a bad argument or
/// environment, a request goodwill refuses, a template that does not render. Every kind
/// but [`Error::StdoutClosed`] exits with status 2. All of their wording is in the one
/// [`fmt::Display`] impl below.
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

/// A bad argument or environment.
#[derive(Debug)]
pub enum Usage {
    /// `--root` names something that is not a folder.
    RootNotFolder(PathBuf),
    /// No repository at or above the working directory.
    NoRepository(PathBuf),
    /// `GOODWILL_TODAY` is not a date.
    Today(Box<Error>),
    /// A date argument that is not `YYYY-MM-DD`.
    Date(String),
    /// A duration argument that does not parse; `or_date` when a date was allowed too.
    Duration {
        /// Why it does not parse.
        error: DurationError,
        /// Whether a date would have done as well.
        or_date: bool,
    },
    /// `--bind` is not an IP address.
    Bind {
        /// The text given.
        text: String,
        /// Why it does not parse.
        source: std::net::AddrParseError,
    },
    /// The settings' `me` is empty, and the command needs it to tell `needed_for`.
    MeNotSet {
        /// What `me` tells apart, as in "sent mail from received".
        needed_for: &'static str,
    },
    /// `init` in a folder that already holds a repository.
    AlreadyRepository(PathBuf),
    /// `init` at a path that is a file.
    NotAFolder(PathBuf),
    /// `build --out` at a folder goodwill may not replace, and why.
    UnsafeOut {
        /// The folder given.
        out: PathBuf,
        /// Why it may not be used.
        why: String,
    },
    /// No random token for `serve`.
    Token(getrandom::Error),
    /// The manual page could not be made.
    Manual(io::Error),
}

/// A request goodwill refuses: nothing was written.
#[derive(Debug)]
pub enum Refusal {
    /// A value that must not be empty is: `what` names it ("company").
    Empty {
        /// The value's name.
        what: &'static str,
    },
    /// A value over `max` characters.
    TooLong {
        /// The value's name.
        what: &'static str,
        /// The limit.
        max: usize,
    },
    /// `new contact --email` with something that is not a plain address.
    NotPlainAddress(String),
    /// A name with nothing to make an id of.
    NoIdLetters {
        /// What the id is made of ("name", "company and role").
        what: &'static str,
        /// The name given, on one line.
        name: String,
    },
    /// A new file's id that a file already has.
    IdTaken {
        /// The id.
        id: String,
        /// The file that has it.
        file: String,
    },
    /// A relationship that is not one of `words`.
    UnknownRelationship {
        /// The word given.
        value: String,
        /// A "did you mean" hint, or nothing.
        hint: String,
        /// The known words.
        words: Vec<&'static str>,
    },
    /// A `--reference` that names an application.
    NotAContact {
        /// The reference given.
        reference: String,
        /// The application's file.
        file: String,
    },
    /// A `--reference` no contact has.
    UnknownContact {
        /// The reference given.
        reference: String,
        /// A "did you mean" hint, or nothing.
        hint: String,
    },
    /// A file that already exists, relative to the repository.
    Exists(String),
    /// An id no contact or application has.
    UnknownId {
        /// The id as given.
        id: String,
        /// A "did you mean" hint, or nothing.
        hint: String,
    },
    /// An id that several files have: it is ambiguous.
    AmbiguousId {
        /// The id.
        id: String,
        /// The files that have it.
        files: Vec<String>,
    },
    /// `log` with no text.
    EmptyLogText,
    /// `log` with text over several lines.
    MultilineLogText,
    /// A file over the limit of 1 MiB; `split_it` when the message says to split it.
    FileTooLarge {
        /// The file.
        file: String,
        /// Whether to say "split it first".
        split_it: bool,
    },
    /// A file that is not UTF-8.
    NotUtf8(String),
    /// An entry that cannot be added to a file.
    CannotAdd {
        /// The file.
        file: String,
        /// Why.
        why: CannotAdd,
    },
    /// No open message or action has the key; the nearest keys with their titles.
    NotOpen {
        /// The key as given.
        key: String,
        /// The nearest open keys, each with its title.
        nearest: Vec<(String, String)>,
    },
    /// A key that several open messages or actions start with.
    AmbiguousKey {
        /// The key as given.
        key: String,
        /// Some of the keys it could be, each with its title.
        candidates: Vec<(String, String)>,
    },
    /// `later` to a day that is not after today.
    NotAfterToday {
        /// The date given.
        date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// `done` or `skip` dated after today.
    AfterToday {
        /// The date given.
        date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// A `--note` over several lines.
    MultilineNote,
    /// A task in a journal note, which goodwill does not write.
    JournalTask {
        /// The journal note.
        file: String,
        /// The task's line.
        line: usize,
    },
    /// An action with no file to write its entry in.
    NoFileToWrite {
        /// The action's rule.
        rule: &'static str,
    },
    /// Entries that would not settle (or skip, or put off) the action they are for.
    WouldNotSettle {
        /// The entries.
        entries: Vec<String>,
        /// "settle", "skip" or "put off".
        what: &'static str,
        /// The action's key.
        key: String,
        /// The action's title.
        title: String,
        /// The file they would go in.
        file: String,
    },
    /// A task with no entry.
    TaskWithoutEntry,
    /// An open task no longer on the line it was read from.
    TaskMoved {
        /// The file.
        file: String,
        /// The line it was on.
        line: usize,
    },
    /// A dashboard page for a section there is not.
    NoSection(String),
    /// An entry that would not be read back as written.
    NotReadBack {
        /// The entry's text.
        text: String,
        /// The file.
        file: String,
    },
}

/// Why an entry cannot be added to a file.
#[derive(Debug)]
pub enum CannotAdd {
    /// Its front matter is not usable.
    FrontMatter(SplitError),
    /// The file with the entry added would not split into front matter and body.
    Rewritten(SplitError),
    /// Its front matter cannot be read.
    Unreadable,
    /// The entry would not be read back as written.
    NotReadBack {
        /// The entry.
        entry: String,
    },
}

/// A file given to `import` that cannot be read as what it should be.
#[derive(Debug)]
pub enum ImportError {
    /// A folder, FIFO or device.
    NotRegularFile(PathBuf),
    /// An export over 256 MiB.
    TooLarge(PathBuf),
    /// A calendar over 256 MiB.
    CalendarTooLarge(PathBuf),
    /// A calendar the parser cannot read.
    Calendar {
        /// The file.
        file: PathBuf,
        /// The parser's complaint.
        error: NotCalendar,
    },
    /// No mail in what was given.
    NoMail(PathBuf),
    /// A LinkedIn export without its header.
    Linkedin {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        error: LinkedinError,
        /// Whether it holds zero bytes (UTF-16 or UTF-32 text).
        zero_bytes: bool,
    },
    /// A vCard file without a card.
    NoVcard {
        /// The file.
        file: PathBuf,
        /// Whether it holds zero bytes (UTF-16 or UTF-32 text).
        zero_bytes: bool,
    },
}

/// An `.ics` file the calendar parser cannot read.
#[derive(Debug)]
pub struct NotCalendar {
    /// The parser's message (it gives no error value), of which the first lines are shown.
    pub parser: String,
}

/// Why a LinkedIn export cannot be read at all.
#[derive(Debug)]
pub enum LinkedinError {
    /// No line starts like the header.
    NoHeader,
    /// The header row is not CSV.
    Header {
        /// Its line.
        line: usize,
        /// The CSV reader's error.
        source: csv::Error,
    },
}

/// A file of `site-template/` that cannot be used; `name` is relative to that folder.
#[derive(Debug)]
pub enum AssetError {
    /// It would replace one of the dashboard's own files or folders, `first`.
    Reserved {
        /// The file.
        name: String,
        /// The dashboard's file or folder it would replace.
        first: String,
    },
    /// Over the limit of 32 MiB.
    TooLarge {
        /// The file.
        name: String,
        /// Its size.
        bytes: u64,
    },
    /// A template that cannot be read.
    Unreadable {
        /// The file.
        name: String,
        /// Why.
        source: ReadError,
    },
    /// A template in place of a built-in one that is not UTF-8.
    NotUtf8 {
        /// The file.
        name: String,
    },
}

/// A template that does not load or render.
#[derive(Debug)]
pub struct TemplateError {
    /// `site-template/NAME`, or `site-template/NAME (built-in)`.
    pub file: String,
    /// The line, when known.
    pub line: Option<usize>,
    /// What went wrong.
    pub problem: TemplateProblem,
}

/// What went wrong in a template.
#[derive(Debug)]
pub enum TemplateProblem {
    /// minijinja's error, the cause; the kind and detail printed are those of the
    /// innermost error that names a template (an `include`d one, say).
    Jinja {
        /// What kind of error.
        kind: minijinja::ErrorKind,
        /// minijinja's detail, if any.
        detail: Option<String>,
        /// The error.
        source: minijinja::Error,
    },
    /// A user's template ran out of fuel after `fuel` steps.
    OutOfFuel {
        /// The steps a page may take.
        fuel: u64,
    },
    /// The page grew over `mib` MiB.
    PageTooLarge {
        /// The limit.
        mib: usize,
    },
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

/// What to add after a file that could not be read as an export, when it holds zero bytes.
const ZERO_BYTES_HINT: &str =
    " (it holds zero bytes, as UTF-16 or UTF-32 text does: save it as UTF-8 and import it again)";

fn zero_bytes_hint(zero_bytes: bool) -> &'static str {
    if zero_bytes { ZERO_BYTES_HINT } else { "" }
}

/// `` `KEY` (TITLE), `KEY` (TITLE) ``.
fn keys_with_titles(keys: &[(String, String)]) -> String {
    let list: Vec<String> = keys
        .iter()
        .map(|(key, title)| format!("`{key}` ({title})"))
        .collect();
    list.join(", ")
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { context, source } => write!(f, "{context}: {source}"),
            Error::Write(error) => error.fmt(f),
            Error::WrittenBut { file, error } => {
                write!(f, "the entry was written to `{file}`, but {error}")
            }
            Error::Stdout(error) => write!(f, "cannot write to stdout: {error}"),
            Error::StdoutClosed => f.write_str("stdout closed"),
            Error::Template(TemplateError {
                file,
                line,
                problem,
            }) => {
                write!(f, "{file}")?;
                if let Some(line) = line {
                    write!(f, ":{line}")?;
                }
                match problem {
                    TemplateProblem::Jinja { kind, detail, .. } => {
                        write!(f, ": template error: {kind}")?;
                        match detail {
                            Some(detail) => write!(f, ": {detail}"),
                            None => Ok(()),
                        }
                    }
                    TemplateProblem::OutOfFuel { fuel } => write!(
                        f,
                        ": template error: {}: a page may take {fuel} steps of work: does a loop run for ever?",
                        minijinja::ErrorKind::OutOfFuel
                    ),
                    TemplateProblem::PageTooLarge { mib } => write!(
                        f,
                        ": template error: the page is over the limit of {mib} MiB: does a loop write more than it should?"
                    ),
                }
            }
            Error::Asset(error) => match error {
                AssetError::Reserved { name, first } => write!(
                    f,
                    "`site-template/{name}` would replace the dashboard's own `{first}`: rename it or move it into a folder of its own"
                ),
                AssetError::TooLarge { name, bytes } => write!(
                    f,
                    "`site-template/{name}` is {bytes} bytes, over the limit of 32 MiB for a file copied into the dashboard"
                ),
                AssetError::Unreadable { name, source } => {
                    write!(f, "cannot read `site-template/{name}`: {source}")
                }
                AssetError::NotUtf8 { name } => {
                    write!(
                        f,
                        "cannot read `site-template/{name}`: it is not UTF-8 text"
                    )
                }
            },
            Error::Usage(usage) => match usage {
                Usage::RootNotFolder(root) => {
                    write!(f, "--root `{}` is not a folder", root.display())
                }
                Usage::NoRepository(cwd) => write!(
                    f,
                    "no goodwill repository at or above `{}`: run `goodwill init`, or pass --root DIR",
                    cwd.display()
                ),
                Usage::Today(error) => write!(f, "GOODWILL_TODAY: {error}"),
                Usage::Date(text) => write!(f, "invalid date `{text}`: write it as YYYY-MM-DD"),
                Usage::Duration { error, or_date } => {
                    write!(f, "{error}")?;
                    if *or_date {
                        f.write_str("; or give a date as YYYY-MM-DD")?;
                    }
                    Ok(())
                }
                Usage::Bind { text, .. } => write!(f, "--bind `{text}` is not an IP address"),
                Usage::MeNotSet { needed_for } => write!(
                    f,
                    "`me` is not set in goodwill.toml: goodwill needs your own addresses to tell {needed_for}; add them, e.g. `me = [\"you@example.com\"]`"
                ),
                Usage::AlreadyRepository(dir) => write!(
                    f,
                    "`{}` already holds a goodwill repository (goodwill.toml, contacts/ or applications/): nothing was changed",
                    dir.display()
                ),
                Usage::NotAFolder(dir) => write!(f, "`{}` is not a folder", dir.display()),
                Usage::UnsafeOut { out, why } => write!(
                    f,
                    "refusing to build into `{}`: {why}; choose another folder with --out DIR",
                    out.display()
                ),
                Usage::Token(error) => write!(f, "cannot make a random token: {error}"),
                Usage::Manual(error) => write!(f, "cannot make the manual page: {error}"),
            },
            Error::Refused(refusal) => match refusal {
                Refusal::Empty { what } => write!(f, "the {what} is empty: give one"),
                Refusal::TooLong { what, max } => {
                    write!(f, "the {what} is over {max} characters: shorten it")
                }
                Refusal::NotPlainAddress(email) => write!(
                    f,
                    "`{email}` is not a plain email address: write it as name@example.com"
                ),
                Refusal::NoIdLetters { what, name } => write!(
                    f,
                    "the {what} `{name}` has no letters or digits to make an id of: use a name like `Jane Doe`"
                ),
                Refusal::IdTaken { id, file } => write!(
                    f,
                    "the id `{id}` is already taken by `{file}`: open that file, or choose another name"
                ),
                Refusal::UnknownRelationship { value, hint, words } => write!(
                    f,
                    "unknown relationship `{value}`{hint}: use one of {}",
                    words.join(", ")
                ),
                Refusal::NotAContact { reference, file } => write!(
                    f,
                    "reference `{reference}` is the application `{file}`, not a contact"
                ),
                Refusal::UnknownContact { reference, hint } => write!(
                    f,
                    "unknown contact `{reference}`{hint}: create it first with `goodwill new contact`"
                ),
                Refusal::Exists(file) => write!(f, "`{file}` already exists: nothing was written"),
                Refusal::UnknownId { id, hint } => {
                    write!(f, "no contact or application has the id `{id}`{hint}")
                }
                Refusal::AmbiguousId { id, files } => {
                    let names: Vec<String> = files.iter().map(|file| format!("`{file}`")).collect();
                    write!(
                        f,
                        "the id `{id}` is used by {}: rename one of them first",
                        names.join(" and ")
                    )
                }
                Refusal::EmptyLogText => f.write_str("the log text is empty: say what happened"),
                Refusal::MultilineLogText => {
                    f.write_str("the log text has several lines: a log entry is one line")
                }
                Refusal::FileTooLarge { file, split_it } => {
                    write!(f, "`{file}` is over the limit of 1 MiB")?;
                    if *split_it {
                        f.write_str(": split it first")?;
                    }
                    Ok(())
                }
                Refusal::NotUtf8(file) => {
                    write!(f, "`{file}` is not valid UTF-8: save it as UTF-8 first")
                }
                Refusal::CannotAdd { file, why } => {
                    write!(f, "cannot add to `{file}`: ")?;
                    match why {
                        CannotAdd::FrontMatter(error) => write!(f, "{error}")?,
                        CannotAdd::Rewritten(error) => return f.write_str(&error.message),
                        CannotAdd::Unreadable => f.write_str("its front matter cannot be read")?,
                        CannotAdd::NotReadBack { entry } => {
                            write!(f, "`{entry}` would not be read back as a log entry")?
                        }
                    }
                    f.write_str("; fix it (see `goodwill check`) and run again")
                }
                Refusal::NotOpen { key, nearest } => {
                    write!(f, "no open message or action has the key `{key}`")?;
                    if nearest.is_empty() {
                        f.write_str(": there are no open actions")
                    } else {
                        write!(
                            f,
                            "; the nearest are {} (`goodwill due` lists them all)",
                            keys_with_titles(nearest)
                        )
                    }
                }
                Refusal::AmbiguousKey { key, candidates } => write!(
                    f,
                    "the key `{key}` is ambiguous: it could be {}",
                    keys_with_titles(candidates)
                ),
                Refusal::NotAfterToday { date, today } => write!(
                    f,
                    "{date} is not after today ({today}): `later` puts an action off to a day to come"
                ),
                Refusal::AfterToday { date, today } => write!(
                    f,
                    "{date} is after today ({today}): an entry dated in the future settles nothing yet"
                ),
                Refusal::MultilineNote => {
                    f.write_str("the note has several lines: a log entry is one line")
                }
                Refusal::JournalTask { file, line } => write!(
                    f,
                    "this task is in the journal note `{file}` (line {line}): goodwill writes no journal; tick its box there (`- [x]`), or change its date"
                ),
                Refusal::NoFileToWrite { rule } => {
                    write!(f, "the action `{rule}` names no file to write")
                }
                Refusal::WouldNotSettle {
                    entries,
                    what,
                    key,
                    title,
                    file,
                } => write!(
                    f,
                    "`{}` would not {what} `{key}` ({title}) in `{file}` (is the date before the latest touch, or does the note undo the tag?): nothing was written",
                    entries.join("` and `")
                ),
                Refusal::TaskWithoutEntry => f.write_str("the task names no entry"),
                Refusal::TaskMoved { file, line } => write!(
                    f,
                    "`{file}` line {line}: the open task is not where it was read; run `goodwill due` again"
                ),
                Refusal::NoSection(id) => write!(f, "no section `{id}`"),
                Refusal::NotReadBack { text, file } => write!(
                    f,
                    "`{text}` would not be read back as a log entry of `{file}`: nothing was written"
                ),
            },
            Error::Import(error) => match error {
                ImportError::NotRegularFile(file) => write!(
                    f,
                    "`{}` is not a regular file (a folder, FIFO or device): save the export to a file and import that",
                    file.display()
                ),
                ImportError::TooLarge(file) => {
                    write!(
                        f,
                        "`{}` is over 256 MiB: is it the right file?",
                        file.display()
                    )
                }
                ImportError::CalendarTooLarge(file) => write!(
                    f,
                    "`{}` is over 256 MiB: is it a calendar export?",
                    file.display()
                ),
                ImportError::Calendar { file, error } => {
                    let first = error.parser.lines().take(3).collect::<Vec<_>>().join(" ");
                    write!(
                        f,
                        "`{}`: not an iCalendar file the parser can read ({first})",
                        file.display()
                    )
                }
                ImportError::NoMail(path) => write!(
                    f,
                    "`{}` holds no mail goodwill can read: give an mbox file, a Maildir folder, an Apple Mail `.mbox` folder or `.eml` files",
                    path.display()
                ),
                ImportError::Linkedin {
                    file,
                    error,
                    zero_bytes,
                } => {
                    write!(f, "`{}`: ", file.display())?;
                    match error {
                        LinkedinError::NoHeader => f.write_str(
                            "no header row with `First Name` and `Last Name`: is this LinkedIn's Connections.csv?",
                        )?,
                        LinkedinError::Header { line, source } => {
                            write!(f, "line {line}: cannot read the header row: {source}")?
                        }
                    }
                    f.write_str(zero_bytes_hint(*zero_bytes))
                }
                ImportError::NoVcard { file, zero_bytes } => write!(
                    f,
                    "`{}` holds no `BEGIN:VCARD`: is it a vCard file?{}",
                    file.display(),
                    zero_bytes_hint(*zero_bytes)
                ),
            },
        }
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
    fn a_refusal_is_printed_as_it_is_and_has_no_cause() {
        let error = Error::from(Refusal::EmptyLogText);
        assert_eq!(
            error.to_string(),
            "the log text is empty: say what happened"
        );
        assert!(error.source().is_none());
        assert_eq!(error.exit_code(), ExitCode::from(2));
    }

    #[test]
    fn refusals_with_candidates_list_them_key_and_title() {
        let ambiguous = Error::from(Refusal::AmbiguousKey {
            key: "ab".to_owned(),
            candidates: vec![
                ("ab12".to_owned(), "Thank Ann".to_owned()),
                ("ab34".to_owned(), "Call Bo".to_owned()),
            ],
        });
        assert_eq!(
            ambiguous.to_string(),
            "the key `ab` is ambiguous: it could be `ab12` (Thank Ann), `ab34` (Call Bo)"
        );
        let none = Error::from(Refusal::NotOpen {
            key: "zz".to_owned(),
            nearest: Vec::new(),
        });
        assert_eq!(
            none.to_string(),
            "no open message or action has the key `zz`: there are no open actions"
        );
    }

    #[test]
    fn a_bad_goodwill_today_keeps_the_date_error_as_its_cause() {
        let error = Error::from(Usage::Today(Box::new(
            Usage::Date("soon".to_owned()).into(),
        )));
        assert_eq!(
            error.to_string(),
            "GOODWILL_TODAY: invalid date `soon`: write it as YYYY-MM-DD"
        );
        let cause = error.source().and_then(|s| s.downcast_ref::<Error>());
        assert!(matches!(cause, Some(Error::Usage(Usage::Date(_)))));
    }

    #[test]
    fn a_template_error_names_file_and_line_and_keeps_minijinjas_error() {
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        let source = env
            .render_str("{{ nope }}", minijinja::context! {})
            .expect_err("undefined");
        let error = Error::from(TemplateError {
            file: "site-template/index.html".to_owned(),
            line: Some(3),
            problem: TemplateProblem::Jinja {
                kind: source.kind(),
                detail: source.detail().map(str::to_owned),
                source,
            },
        });
        assert!(
            error
                .to_string()
                .starts_with("site-template/index.html:3: template error: undefined value"),
            "{error}"
        );
        assert!(
            error
                .source()
                .is_some_and(|s| s.downcast_ref::<minijinja::Error>().is_some())
        );
    }

    #[test]
    fn an_export_that_holds_zero_bytes_says_so() {
        let error = Error::from(ImportError::NoVcard {
            file: PathBuf::from("cards.vcf"),
            zero_bytes: true,
        });
        assert_eq!(
            error.to_string(),
            "`cards.vcf` holds no `BEGIN:VCARD`: is it a vCard file? (it holds zero bytes, as UTF-16 or UTF-32 text does: save it as UTF-8 and import it again)"
        );
    }

    #[test]
    fn a_calendar_the_parser_refuses_shows_the_first_lines_of_its_complaint() {
        let error = Error::from(ImportError::Calendar {
            file: PathBuf::from("cal.ics"),
            error: NotCalendar {
                parser: "one\ntwo\nthree\nfour".to_owned(),
            },
        });
        assert_eq!(
            error.to_string(),
            "`cal.ics`: not an iCalendar file the parser can read (one two three)"
        );
    }
}
