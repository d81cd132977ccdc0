//! The kinds of [`Error`]: a bad argument or environment ([`Usage`]), a request goodwill
//! refuses ([`Refusal`]), a file `import` cannot read ([`ImportError`]), a file of
//! `site-template/` that cannot be used ([`AssetError`]), a template that does not load
//! or render ([`TemplateError`]), and what they hold. Their wording is in `display`.

use super::Error;
use crate::duration::DurationError;
use crate::load::ReadError;
use crate::load::split::SplitError;
use chrono::NaiveDate;
use std::io;
use std::path::PathBuf;

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
