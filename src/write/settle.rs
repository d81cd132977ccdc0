//! Settling an action: the one log entry (or ticked task) that `goodwill done KEY` and the
//! Done button of `serve` write, checked in memory before anything touches the disk
//! (`docs/commands.md`, "done").
//!
//! The rule's row in the table of rules says which file and which tag; the entry goes in
//! through the same safe writer as `log`, keeping every other byte of the file. Before
//! writing, the whole repository is evaluated again with the new text in place of the old:
//! if the action would still be owed, nothing is written.

use crate::diag::Diagnostic;
use crate::load::{self, Document, Found, MAX_FILE_BYTES};
use crate::model::{Owner, Repository};
use crate::rules::table::DoneFile;
use crate::rules::{Action, Outcome, Rule};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The repository as loaded, with the documents kept so one can be swapped for a check.
pub(crate) struct Loaded {
    /// The typed repository.
    pub repo: Repository,
    /// The rules' outcome for `today`.
    pub outcome: Outcome,
    documents: Vec<(Found, Result<Document, Diagnostic>)>,
    diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Loads the repository at `root` and runs the rules for `today`.
    pub(crate) fn open(root: &Path, today: NaiveDate) -> Self {
        let mut diagnostics = Vec::new();
        let settings = crate::open_settings(root, &mut diagnostics);
        let found = load::walk_repository(root, &settings.journal, &mut diagnostics);
        let documents = load::read_all(found);
        let repo = crate::model::assemble(
            root.to_path_buf(),
            settings,
            diagnostics.clone(),
            documents.clone(),
        );
        let outcome = crate::rules::evaluate(&repo, today);
        Loaded {
            repo,
            outcome,
            documents,
            diagnostics,
        }
    }

    /// The outcome for `today` if the file `file` held `text` instead.
    fn outcome_with(&self, file: &str, text: &str, today: NaiveDate) -> Outcome {
        let documents = self
            .documents
            .iter()
            .map(|(found, document)| {
                if found.file == file {
                    let replaced = load::document_from_text(found, text);
                    (found.clone(), replaced)
                } else {
                    (found.clone(), document.clone())
                }
            })
            .collect();
        let repo = crate::model::assemble(
            self.repo.root.clone(),
            self.repo.settings.clone(),
            self.diagnostics.clone(),
            documents,
        );
        crate::rules::evaluate(&repo, today)
    }
}

/// What `done` will write.
#[derive(Debug, Clone)]
pub(crate) struct Settlement {
    /// The file, relative to the root.
    pub file: String,
    /// The file on disk.
    pub path: PathBuf,
    /// The 1-based line the entry is on (or the task that was ticked).
    pub line: usize,
    /// That line as it will read.
    pub entry: String,
    /// The whole new text.
    pub text: String,
    /// The action's title, for the message.
    pub title: String,
}

/// Why an action could not be settled (nothing was written): a message, or the I/O or
/// write failure with its cause.
pub(crate) type Refusal = crate::error::Error;

/// What the user asked for, besides the key.
#[derive(Debug, Clone, Default)]
pub(crate) struct Request<'a> {
    /// Replaces the default text of the entry (`--note`); the tag and link are added.
    pub note: Option<&'a str>,
    /// The entry's date (`--date`), else today.
    pub date: Option<NaiveDate>,
}

/// The action `key` names among the open actions, or a refusal that lists the nearest.
pub(crate) fn find(outcome: &Outcome, repo: &Repository, key: &str) -> Result<usize, Refusal> {
    match outcome.find_key(key) {
        Ok(index) => Ok(index),
        Err(matches) if matches.is_empty() => {
            let shown: Vec<&str> = outcome.keys.iter().map(|k| k.short()).collect();
            let wanted = key.trim().to_ascii_lowercase();
            // The nearest by edit distance, however far: a typo of a key is rarely close
            // to a word.
            let nearest = crate::diag::fewest_edits(&wanted, shown.iter().copied(), 3);
            let hint = if nearest.is_empty() {
                ": there are no open actions".to_owned()
            } else {
                let list: Vec<String> = nearest
                    .iter()
                    .map(|&i| format!("`{}` ({})", shown[i], outcome.actions[i].title(repo)))
                    .collect();
                format!(
                    "; the nearest are {} (`goodwill due` lists them all)",
                    list.join(", ")
                )
            };
            Err(Refusal::Message(format!(
                "no open action has the key `{}`{hint}",
                key.trim()
            )))
        }
        Err(matches) => {
            let list: Vec<String> = matches
                .iter()
                .take(5)
                .map(|&i| {
                    format!(
                        "`{}` ({})",
                        outcome.keys[i].short(),
                        outcome.actions[i].title(repo)
                    )
                })
                .collect();
            Err(Refusal::Message(format!(
                "the key `{}` is ambiguous: it could be {}",
                key.trim(),
                list.join(", ")
            )))
        }
    }
}

/// What was asked, checked: the file to write and the entry's text.
struct Aim {
    file: String,
    path: PathBuf,
    /// The entry without its `- `, or `None` for a task to tick.
    entry: Option<String>,
    /// The entry's date.
    date: NaiveDate,
}

fn aim(loaded: &Loaded, index: usize, request: &Request, today: NaiveDate) -> Result<Aim, Refusal> {
    let repo = &loaded.repo;
    let action = &loaded.outcome.actions[index];
    let spec = action.rule.spec();
    let date = request.date.unwrap_or(today);
    if date > today {
        return Err(Refusal::Message(format!(
            "{date} is after today ({today}): an entry dated in the future settles nothing yet"
        )));
    }
    let note = request.note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.contains(['\n', '\r'])) {
        return Err(Refusal::Message(
            "the note has several lines: a log entry is one line".to_owned(),
        ));
    }
    // goodwill never writes into a journal note: a task there is the user's own line
    // in the user's own notes, settled by ticking its box there (`docs/capture.md`).
    if let Some(entry) = action.entry.map(|e| &repo.entries[e])
        && let Owner::Journal(_) = entry.owner
    {
        return Err(Refusal::Message(format!(
            "this task is in the journal note `{}` (line {}): goodwill writes no journal; tick its box there (`- [x]`), or change its date",
            repo.file_of(entry.owner),
            entry.line
        )));
    }
    let file = match spec.done.file {
        DoneFile::Contact => action.contact.map(|c| repo.contacts[c].file.as_str()),
        DoneFile::Application => action
            .application
            .map(|a| repo.applications[a].file.as_str()),
        DoneFile::TaskFile => action.entry.map(|e| repo.file_of(repo.entries[e].owner)),
    }
    .ok_or_else(|| Refusal::Message(format!("the action `{}` names no file to write", spec.id)))?
    .to_owned();
    Ok(Aim {
        path: repo.root.join(&file),
        file,
        entry: (action.rule != Rule::Task).then(|| entry_text(repo, action, note, date)),
        date,
    })
}

/// The new text of the file that holds `original`, and the proof in memory that it
/// settles the action: the whole repository evaluated again with it.
fn compose(
    loaded: &Loaded,
    index: usize,
    aim: &Aim,
    original: &[u8],
    today: NaiveDate,
) -> Result<Settlement, Refusal> {
    let repo = &loaded.repo;
    let action = &loaded.outcome.actions[index];
    let file = &aim.file;
    if original.len() as u64 > MAX_FILE_BYTES {
        return Err(Refusal::Message(format!(
            "`{file}` is over the limit of 1 MiB"
        )));
    }
    let before = std::str::from_utf8(original).map_err(|_| {
        Refusal::Message(format!(
            "`{file}` is not valid UTF-8: save it as UTF-8 first"
        ))
    })?;
    let (text, line, entry) = match &aim.entry {
        None => tick(repo, action, before, file)?,
        Some(entry) => append_one_line(before, entry, file)?,
    };
    let full_key = &loaded.outcome.keys[index].full;
    let after = loaded.outcome_with(file, &text, today);
    // A check-in counts from the latest touch: when that is already today, a touch of
    // today keeps the next check-in where it was, in the future, and still settles this
    // one (it is a touch like any other).
    let touched_today = matches!(action.rule, Rule::Stale | Rule::Cheesecake) && aim.date == today;
    let still_owed = after
        .position_of_full_key(full_key)
        .map(|i| &after.actions[i])
        .is_some_and(|a| a.due <= today.max(action.due) && !(touched_today && a.due > today));
    if still_owed {
        return Err(Refusal::Message(format!(
            "`{entry}` would not settle `{}` in `{file}` (is the date before the latest touch, or does the note undo the tag?): nothing was written",
            loaded.outcome.keys[index].short()
        )));
    }
    Ok(Settlement {
        file: file.clone(),
        path: aim.path.clone(),
        line,
        entry,
        text,
        title: action.title(repo),
    })
}

/// Plans the settlement of the action at `index` of `loaded.outcome` without writing:
/// the file, the new text, and the proof in memory that it settles the action.
pub(crate) fn plan(
    loaded: &Loaded,
    index: usize,
    request: &Request,
    today: NaiveDate,
) -> Result<Settlement, Refusal> {
    let aim = aim(loaded, index, request, today)?;
    let original =
        std::fs::read(&aim.path).map_err(Refusal::io(format!("cannot read `{}`", aim.file)))?;
    compose(loaded, index, &aim, &original, today)
}

/// Settles the action at `index`: reads the file, composes and proves the new text, and
/// writes it, all under the folder's lock that every goodwill writer takes, so that
/// concurrent `done` and `log` commands queue rather than fail; if an editor saves the
/// file in between, the entry is composed again on what it saved (see
/// [`super::update`]). Nothing is written unless the new text settles the action.
pub(crate) fn settle(
    loaded: &Loaded,
    index: usize,
    request: &Request,
    today: NaiveDate,
) -> Result<Settlement, Refusal> {
    let aim = aim(loaded, index, request, today)?;
    super::update(&aim.path, |original| {
        let settlement = compose(loaded, index, &aim, original, today)?;
        Ok((settlement.text.clone().into_bytes(), settlement))
    })
}

/// `DATE TEXT #tag [[application]]`: the default text (or the note), with the rule's tag
/// and link added where the note does not already carry them.
fn entry_text(repo: &Repository, action: &Action, note: Option<&str>, date: NaiveDate) -> String {
    let done = action.rule.spec().done;
    let mut text = note.unwrap_or(done.text).to_owned();
    let lower = text.to_lowercase();
    if let Some(tag) = done.tag {
        let has_tag = lower
            .split(|c: char| c.is_whitespace())
            .any(|word| word.trim_end_matches(['.', ',', ';', '!', '?']) == format!("#{tag}"));
        if !has_tag {
            text.push_str(" #");
            text.push_str(tag);
        }
    }
    if done.links_application
        && let Some(a) = action.application
    {
        let id = &repo.applications[a].id;
        if !lower.contains(&format!("[[{id}]]")) && !lower.contains(&format!("[[{id}|")) {
            text.push_str(" [[");
            text.push_str(id);
            text.push_str("]]");
        }
    }
    format!("{} {text}", date.format("%Y-%m-%d"))
}

/// The file with `- ENTRY` added as one new line: at the end of the log's list, or, in a
/// file with no log yet, as the last line of the file (a list item needs no heading to be
/// an entry). Where neither reads back as that one entry (a file that ends in raw HTML
/// or a code block, a log heading with a paragraph right under it), the line goes where
/// it does, nearest the end of the file; only when no single line can, the writer of
/// `log` adds what it needs (a blank line, a `## Log` heading). Every candidate is read
/// back the way `check` reads it: the new entry on its line with its text, every other
/// entry and the synopsis as they were; else refused.
fn append_one_line(
    before: &str,
    entry: &str,
    file: &str,
) -> Result<(String, usize, String), Refusal> {
    let cannot = |message: String| {
        Refusal::Message(format!(
            "cannot add to `{file}`: {message}; fix it (see `goodwill check`) and run again"
        ))
    };
    let item = format!("- {entry}");
    let reading =
        Reading::of(before).ok_or_else(|| cannot("its front matter cannot be read".to_owned()))?;
    let newline = if before.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let lines_before = before.split_inclusive('\n').count();
    let one_line = |text: &str| text.split_inclusive('\n').count() == lines_before + 1;
    let has_log = super::append::has_log_section(before);
    let appended = super::append::append_entry(before, entry).map_err(cannot)?;
    // The writer of `log`, when it adds just the line.
    if has_log
        && one_line(&appended.text)
        && reading.reads_back(&appended.text, appended.line, entry)
    {
        return Ok((appended.text, appended.line, item));
    }
    // The end of the file.
    let (text, line) = if before.is_empty() || before.ends_with('\n') {
        let line = before.matches('\n').count() + 1;
        (format!("{before}{item}{newline}"), line)
    } else {
        // No final newline before, none after.
        let line = before.matches('\n').count() + 2;
        (format!("{before}{newline}{item}"), line)
    };
    if reading.reads_back(&text, line, entry) {
        return Ok((text, line, item));
    }
    // Any other line of the body, nearest the end first.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(before.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&at| at >= reading.body_start && at < before.len())
        .collect();
    for (tried, &at) in starts.iter().rev().enumerate() {
        if tried >= MAX_PLACES {
            break;
        }
        let line = before[..at].matches('\n').count() + 1;
        let text = format!("{}{item}{newline}{}", &before[..at], &before[at..]);
        if reading.reads_back(&text, line, entry) {
            return Ok((text, line, item));
        }
    }
    if reading.reads_back(&appended.text, appended.line, entry) {
        return Ok((appended.text, appended.line, item));
    }
    Err(cannot(format!(
        "`{entry}` would not be read back as a log entry"
    )))
}

/// How many places in a file `done` tries for its line before it lets the writer of
/// `log` add a heading: reading the file back for each costs a parse.
const MAX_PLACES: usize = 400;

/// What a file says before `done` adds to it, to compare the new text with.
struct Reading {
    /// Where the body starts.
    body_start: usize,
    /// Every entry: date, text and task state, in order.
    entries: Vec<(NaiveDate, String, crate::model::Task)>,
    /// The application's synopsis (empty in a contact's file).
    synopsis: String,
}

impl Reading {
    fn of(text: &str) -> Option<Self> {
        let parts = crate::load::split::split(text).ok()?;
        let mut ignored = Vec::new();
        let parsed = crate::model::log::parse_body(parts.body, parts.body_line, "", &mut ignored);
        Some(Reading {
            body_start: text.len() - parts.body.len(),
            entries: parsed
                .entries
                .into_iter()
                .map(|e| (e.date, e.text, e.task))
                .collect(),
            synopsis: crate::model::synopsis::synopsis(parts.body).to_owned(),
        })
    }

    /// Whether `text` holds the entry `entry` (with its date) on `line`, and otherwise
    /// the same entries and synopsis as the file did.
    fn reads_back(&self, text: &str, line: usize, entry: &str) -> bool {
        let Ok(parts) = crate::load::split::split(text) else {
            return false;
        };
        let mut ignored = Vec::new();
        let parsed = crate::model::log::parse_body(parts.body, parts.body_line, "", &mut ignored);
        let Some(new) = parsed.entries.iter().position(|e| e.line == line) else {
            return false;
        };
        let found = &parsed.entries[new];
        let (date, rest) = entry.split_once(' ').unwrap_or((entry, ""));
        if found.date.format("%Y-%m-%d").to_string() != date
            || found.text != rest.trim()
            || found.task != crate::model::Task::None
        {
            return false;
        }
        let others = parsed
            .entries
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != new)
            .map(|(_, e)| (e.date, e.text.as_str(), e.task));
        others.eq(self.entries.iter().map(|(d, t, k)| (*d, t.as_str(), *k)))
            && crate::model::synopsis::synopsis(parts.body) == self.synopsis
    }
}

/// The file with the open task of `action` ticked: `[ ]` becomes `[x]` on its line, and
/// no other byte changes.
fn tick(
    repo: &Repository,
    action: &Action,
    before: &str,
    file: &str,
) -> Result<(String, usize, String), Refusal> {
    let entry = action
        .entry
        .map(|e| &repo.entries[e])
        .ok_or_else(|| Refusal::Message("the task names no entry".to_owned()))?;
    let mut offset = 0;
    for (index, line) in before.split_inclusive('\n').enumerate() {
        if index + 1 == entry.line {
            let trimmed = line.trim_start();
            // A bullet (`-`, `*`, `+`) or an ordered list's number (`1.`, `2)`).
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            let marker_len = match trimmed.as_bytes().get(digits) {
                Some(b'-' | b'*' | b'+') if digits == 0 => 1,
                Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
                _ => 0,
            };
            let after = &trimmed[marker_len..];
            let rest = after.trim_start();
            let box_at = line.len() - rest.len();
            if marker_len > 0 && rest.len() < after.len() && rest.starts_with("[ ]") {
                let at = offset + box_at + 1;
                let mut text = before.to_owned();
                text.replace_range(at..at + 1, "x");
                let shown = text[offset..offset + line.len()].trim_end().to_owned();
                return Ok((text, entry.line, shown.trim_start().to_owned()));
            }
            break;
        }
        offset += line.len();
    }
    Err(Refusal::Message(format!(
        "`{file}` line {}: the open task is not where it was read; run `goodwill due` again",
        entry.line
    )))
}
