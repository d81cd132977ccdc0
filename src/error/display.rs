//! The one `Display` impl of [`Error`], which holds the wording of every kind, and its
//! helpers.

use super::{
    AssetError, CannotAdd, Error, ImportError, LinkedinError, Refusal, TemplateError,
    TemplateProblem, Usage,
};
use std::fmt;

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
