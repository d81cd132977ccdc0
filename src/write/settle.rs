//! Settling, skipping or putting off a message or an action: the lines that `goodwill
//! done`, `skip` and `later` and the buttons of `serve` write, checked in memory before
//! anything touches the disk (`docs/commands.md`, "done", "skip", "later").
//!
//! A message's lines go into its recipient's file (the application's file when nobody is
//! named yet); an action's into the file its rule's row names. The text comes from
//! [`super::lines`]; the file is written through the same safe writer as `log`, keeping
//! every other byte. Before writing, the whole repository is evaluated again with the new
//! text in place of the old: if any action would still be owed (or, for `later`, not be
//! due on the new date), nothing is written. A key that names nothing open, but would
//! without what was written today, is "already settled": nothing is written again, so a
//! repeated command, a replayed POST or a double click does no harm.

use super::lines::{self, Place, Verb, Words};
use crate::diag::Diagnostic;
use crate::error::{CannotAdd, Error, Refusal};
use crate::load::{self, Document, Found, MAX_FILE_BYTES};
use crate::model::{Owner, Repository, Task};
use crate::rules::messages::Recipient;
use crate::rules::table::DoneFile;
use crate::rules::{Keyed, Outcome, Rule};
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

    /// The repository if the file `file` held `text` instead, and whether that is what
    /// was loaded.
    fn repo_with(&self, file: &str, text: &str) -> (Repository, bool) {
        let mut same = true;
        let documents = self
            .documents
            .iter()
            .map(|(found, document)| {
                if found.file == file {
                    let replaced = load::document_from_text(found, text);
                    same = match (&replaced, document) {
                        (Ok(new), Ok(old)) => new.front == old.front && new.body == old.body,
                        _ => false,
                    };
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
        (repo, same)
    }
}

/// What `done`, `skip` or `later` wrote (or, on a dry run, would write).
#[derive(Debug, Clone)]
pub(crate) struct Settlement {
    /// The file, relative to the root.
    pub file: String,
    /// The file on disk.
    pub path: PathBuf,
    /// Each line written, with its 1-based line number, as it reads in the file (a task
    /// ticked, cancelled or moved in place is its own line as it now reads).
    pub lines: Vec<(usize, String)>,
    /// The whole new text.
    pub text: String,
    /// The title of the message or action, for the message.
    pub title: String,
}

impl Settlement {
    /// The lines written, without their `- `: what a commit says.
    pub(crate) fn summary(&self) -> String {
        let lines: Vec<&str> = self
            .lines
            .iter()
            .map(|(_, line)| line.strip_prefix("- ").unwrap_or(line))
            .collect();
        lines.join("\n")
    }
}

/// Why nothing was written.
#[derive(Debug)]
pub(crate) enum Stop {
    /// What the key names was already settled (or skipped, or put off to that date): the
    /// title. Not an error: nothing needed writing.
    Already(String),
    /// A refusal: a message, or the I/O or write failure with its cause.
    Refused(crate::error::Error),
}

impl From<crate::error::Error> for Stop {
    fn from(error: crate::error::Error) -> Self {
        Stop::Refused(error)
    }
}

impl From<super::WriteError> for Stop {
    fn from(error: super::WriteError) -> Self {
        Stop::Refused(error.into())
    }
}

fn refuse(refusal: Refusal) -> Stop {
    Stop::Refused(refusal.into())
}

/// What the user asked for, besides the key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Request<'a> {
    /// Done, skip, or later to a date.
    pub verb: Verb,
    /// Replaces the default text of each line (`--note`); the tags and links are added.
    pub note: Option<&'a str>,
    /// The lines' date for `done` (`--date`), else today.
    pub date: Option<NaiveDate>,
}

/// The action `key` names among the open actions, or a refusal that lists the nearest.
pub(crate) fn find(outcome: &Outcome, repo: &Repository, key: &str) -> Result<usize, Error> {
    match outcome.find_key(key) {
        Ok(index) => Ok(index),
        Err(matches) if matches.is_empty() => Err(not_open(outcome, repo, key)),
        Err(matches) => {
            let keyed: Vec<Keyed> = matches.into_iter().map(Keyed::Action).collect();
            Err(ambiguous(outcome, repo, key, &keyed))
        }
    }
}

/// The message or action `key` names among the open ones. A key that names nothing open
/// but would without the entries dated today (or with every ticked task open again) was
/// already settled: [`Stop::Already`].
pub(crate) fn target(loaded: &Loaded, key: &str, today: NaiveDate) -> Result<Keyed, Stop> {
    let (outcome, repo) = (&loaded.outcome, &loaded.repo);
    match outcome.find(key) {
        Ok(keyed) => Ok(keyed),
        Err(matches) if matches.is_empty() => match settled_today(repo, key, today) {
            Some(title) => Err(Stop::Already(title)),
            None => Err(Stop::Refused(not_open(outcome, repo, key))),
        },
        Err(matches) => Err(Stop::Refused(ambiguous(outcome, repo, key, &matches))),
    }
}

/// The title of what `key` would name if nothing dated today had been written and no
/// task ticked or cancelled.
fn settled_today(repo: &Repository, key: &str, today: NaiveDate) -> Option<String> {
    let mut before = repo.clone();
    before
        .entries
        .retain(|e| e.is_open_task() || e.date != today);
    for entry in &mut before.entries {
        if entry.task == Task::Done {
            entry.task = Task::Open;
        }
    }
    let outcome = crate::rules::evaluate(&before, today);
    let keyed = outcome.find(key).ok()?;
    Some(title_of(&before, &outcome, keyed))
}

fn title_of(repo: &Repository, outcome: &Outcome, keyed: Keyed) -> String {
    match keyed {
        Keyed::Action(i) => outcome.actions[i].title(repo),
        Keyed::Message(m) => outcome.messages[m].title(repo, &outcome.actions),
    }
}

/// "No open action has the key", with the nearest keys.
fn not_open(outcome: &Outcome, repo: &Repository, key: &str) -> Error {
    let shown: Vec<(&str, Keyed)> = (outcome.messages.iter().enumerate())
        .map(|(m, message)| (message.key.short(), Keyed::Message(m)))
        .chain((outcome.keys.iter().enumerate()).map(|(i, k)| (k.short(), Keyed::Action(i))))
        .collect();
    let wanted = key.trim().to_ascii_lowercase();
    // The nearest by edit distance, however far: a typo of a key is rarely close to a
    // word.
    let nearest = crate::diag::fewest_edits(&wanted, shown.iter().map(|(k, _)| *k), 3);
    let nearest = nearest
        .iter()
        .map(|&i| (shown[i].0.to_owned(), title_of(repo, outcome, shown[i].1)))
        .collect();
    Refusal::NotOpen {
        key: key.trim().to_owned(),
        nearest,
    }
    .into()
}

fn ambiguous(outcome: &Outcome, repo: &Repository, key: &str, matches: &[Keyed]) -> Error {
    let candidates = matches
        .iter()
        .take(5)
        .map(|&keyed| {
            (
                outcome.key_of(keyed).short().to_owned(),
                title_of(repo, outcome, keyed),
            )
        })
        .collect();
    Refusal::AmbiguousKey {
        key: key.trim().to_owned(),
        candidates,
    }
    .into()
}

/// What was asked, checked: the file to write, the actions, and what to write.
struct Aim {
    file: String,
    path: PathBuf,
    /// Indices into the outcome's actions, in the message's order.
    actions: Vec<usize>,
    /// The entries to add, each without its `- `; none for a task changed in place.
    lines: Vec<String>,
    /// The task to tick, cancel or move, if the action is one.
    task: Option<usize>,
    verb: Verb,
    /// The lines' date.
    date: NaiveDate,
    /// Whether a check-in touched today counts as settled (done today, skip).
    once_today: bool,
    title: String,
}

/// Whether a check-in for contact `c` is settled already: someone touched today (a
/// second "Checked in" today would say nothing new, and the check-in shows as upcoming
/// again with the same key after the first).
fn touched_today(repo: &Repository, c: Option<usize>, today: NaiveDate) -> bool {
    c.is_some_and(|c| {
        repo.entries
            .iter()
            .any(|e| e.date == today && e.is_touch() && e.contacts.contains(&c))
    })
}

fn aim(loaded: &Loaded, keyed: Keyed, request: &Request, today: NaiveDate) -> Result<Aim, Stop> {
    let (repo, outcome) = (&loaded.repo, &loaded.outcome);
    let verb = request.verb;
    let date = match verb {
        Verb::Later(date) => {
            if date <= today {
                return Err(refuse(Refusal::NotAfterToday { date, today }));
            }
            date
        }
        Verb::Done | Verb::Skip => {
            let date = request.date.unwrap_or(today);
            if date > today {
                return Err(refuse(Refusal::AfterToday { date, today }));
            }
            date
        }
    };
    let note = request.note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.contains(['\n', '\r'])) {
        return Err(refuse(Refusal::MultilineNote));
    }
    // goodwill never writes into a journal note: a task there is the user's own line
    // in the user's own notes, settled by ticking its box there (`docs/capture.md`).
    for &i in &outcome.actions_of(keyed) {
        if let Some(entry) = outcome.actions[i].entry.map(|e| &repo.entries[e])
            && let Owner::Journal(_) = entry.owner
        {
            return Err(refuse(Refusal::JournalTask {
                file: repo.file_of(entry.owner).to_string(),
                line: entry.line,
            }));
        }
    }
    let title = title_of(repo, outcome, keyed);
    let mut actions = outcome.actions_of(keyed);
    // A check-in touched today is settled for today: done or skipped again, it would
    // only add a line. (Done for another day is checked like any entry.)
    let once_today = match verb {
        Verb::Done => date == today,
        Verb::Skip => true,
        Verb::Later(_) => false,
    };
    if once_today {
        actions.retain(|&i| {
            let action = &outcome.actions[i];
            !(action.rule.is_check_in() && touched_today(repo, action.contact, today))
        });
    }
    if actions.is_empty() {
        return Err(Stop::Already(title));
    }
    if let Verb::Later(date) = verb
        && actions.iter().all(|&i| outcome.actions[i].due >= date)
    {
        return Err(Stop::Already(title));
    }
    let message = match keyed {
        Keyed::Message(m) => m,
        Keyed::Action(i) => outcome.message_of[i],
    };
    let recipient = outcome.messages[message].recipient;
    let first = &outcome.actions[actions[0]];
    let place_of_action = || -> Option<Place> {
        match first.rule.spec().done.file {
            DoneFile::Contact => first.contact.map(Place::Contact),
            DoneFile::Application => first.application.map(Place::Application),
            DoneFile::TaskFile => first.entry.and_then(|e| match repo.entries[e].owner {
                Owner::Contact(c) => Some(Place::Contact(c)),
                Owner::Application(a) => Some(Place::Application(a)),
                // Refused above: goodwill writes no journal.
                Owner::Journal(_) => None,
            }),
        }
    };
    let place = match (keyed, recipient) {
        (Keyed::Message(_), Recipient::Contact(c)) => Some(Place::Contact(c)),
        (Keyed::Message(_), Recipient::Application(a)) => Some(Place::Application(a)),
        _ => place_of_action(),
    }
    .ok_or_else(|| {
        refuse(Refusal::NoFileToWrite {
            rule: first.rule.id(),
        })
    })?;
    let file = match place {
        Place::Contact(c) => repo.contacts[c].file.clone(),
        Place::Application(a) => repo.applications[a].file.clone(),
    };
    let who = match recipient {
        Recipient::Contact(c) => lines::first_name(&repo.contacts[c].name),
        Recipient::Application(_) | Recipient::Yourself => "them".to_owned(),
    };
    let words = Words {
        repo,
        today,
        who,
        note,
        date,
    };
    let refs: Vec<&crate::rules::Action> = actions.iter().map(|&i| &outcome.actions[i]).collect();
    let lines = lines::compose(&words, &refs, place, verb);
    let task = actions
        .iter()
        .copied()
        .find(|&i| outcome.actions[i].rule == Rule::Task);
    Ok(Aim {
        path: repo.root.join(&file),
        file,
        actions,
        lines,
        task,
        verb,
        date,
        once_today,
        title,
    })
}

/// The new text of the file that holds `original`, and the proof in memory that it does
/// what was asked: the whole repository evaluated again with it.
fn compose(
    loaded: &Loaded,
    aim: &Aim,
    original: &[u8],
    today: NaiveDate,
) -> Result<Settlement, Stop> {
    let (repo, outcome) = (&loaded.repo, &loaded.outcome);
    let file = &aim.file;
    if original.len() as u64 > MAX_FILE_BYTES {
        return Err(refuse(Refusal::FileTooLarge {
            file: file.clone(),
            split_it: false,
        }));
    }
    let before =
        std::str::from_utf8(original).map_err(|_| refuse(Refusal::NotUtf8(file.clone())))?;
    // The file changed since it was loaded (another `done`, a second click, an editor):
    // what is asked must still be open in what it holds now.
    let (now, same) = loaded.repo_with(file, before);
    if !same {
        let current = crate::rules::evaluate(&now, today);
        let gone = aim.actions.iter().any(|&i| {
            let action = &outcome.actions[i];
            let open = current.position_of_full_key(&outcome.keys[i].full);
            open.is_none()
                || (action.rule.is_check_in()
                    && aim.once_today
                    && touched_today(&now, action.contact, today))
        });
        if gone {
            return Err(Stop::Already(aim.title.clone()));
        }
    }
    let mut text = before.to_owned();
    let mut written: Vec<(usize, String)> = Vec::new();
    if let Some(i) = aim.task {
        let (changed, line, shown) = change_task(repo, &outcome.actions[i], &text, file, aim.verb)?;
        text = changed;
        written.push((line, shown));
    }
    for line in &aim.lines {
        let lines_before = text.split_inclusive('\n').count();
        let (changed, at, item) = append_one_line(&text, line, file).map_err(Stop::Refused)?;
        let added = changed.split_inclusive('\n').count() - lines_before;
        for (earlier, _) in &mut written {
            if *earlier >= at {
                *earlier += added;
            }
        }
        text = changed;
        written.push((at, item));
    }
    let (after_repo, _) = loaded.repo_with(file, &text);
    let after = crate::rules::evaluate(&after_repo, today);
    for &i in &aim.actions {
        let action = &outcome.actions[i];
        let full_key = &outcome.keys[i].full;
        let now = after
            .position_of_full_key(full_key)
            .map(|j| &after.actions[j]);
        let ok = match aim.verb {
            Verb::Done | Verb::Skip => {
                // A check-in counts from the latest touch: when that is already today,
                // a touch of today keeps the next check-in where it was, in the future,
                // and still settles this one (it is a touch like any other).
                let check_in_today = action.rule.is_check_in() && aim.date == today;
                !now.is_some_and(|a| {
                    a.due <= today.max(action.due) && !(check_in_today && a.due > today)
                })
            }
            Verb::Later(date) if action.rule == Rule::Task => {
                // A task's key is made from its date: find it by its line.
                let line = action.entry.map(|e| repo.entries[e].line);
                after.actions.iter().any(|a| {
                    a.rule == Rule::Task
                        && a.due == date
                        && a.entry.map(|e| &after_repo.entries[e]).is_some_and(|e| {
                            Some(e.line) == line && entry_file(&after_repo, e) == file.as_str()
                        })
                })
            }
            Verb::Later(date) => now.is_some_and(|a| a.due >= date) || action.due >= date,
        };
        if !ok {
            let entries: Vec<&str> = aim.lines.iter().map(String::as_str).collect();
            let what = match aim.verb {
                Verb::Done => "settle",
                Verb::Skip => "skip",
                Verb::Later(_) => "put off",
            };
            return Err(refuse(Refusal::WouldNotSettle {
                entries: entries.iter().map(|&e| e.to_owned()).collect(),
                what,
                key: outcome.keys[i].short().to_owned(),
                title: action.title(repo),
                file: file.clone(),
            }));
        }
    }
    written.sort();
    Ok(Settlement {
        file: file.clone(),
        path: aim.path.clone(),
        lines: written,
        text,
        title: aim.title.clone(),
    })
}

fn entry_file<'r>(repo: &'r Repository, entry: &crate::model::Entry) -> &'r str {
    repo.file_of(entry.owner)
}

/// Plans what `request` writes for what `keyed` names, without writing: the file, the
/// new text, and the proof in memory that it does what was asked.
pub(crate) fn plan(
    loaded: &Loaded,
    keyed: Keyed,
    request: &Request,
    today: NaiveDate,
) -> Result<Settlement, Stop> {
    let aim = aim(loaded, keyed, request, today)?;
    let original =
        std::fs::read(&aim.path).map_err(Error::io(format!("cannot read `{}`", aim.file)))?;
    compose(loaded, &aim, &original, today)
}

/// Writes what `request` asks for what `keyed` names: reads the file, composes and
/// proves the new text, and writes it, all under the folder's lock that every goodwill
/// writer takes, so that concurrent commands queue rather than fail; if an editor saves
/// the file in between, the lines are composed again on what it saved (see
/// [`super::update`]). Nothing is written unless the new text does what was asked. With
/// `[git] commit`, the file is then committed (a failure is a warning, returned).
pub(crate) fn settle(
    loaded: &Loaded,
    keyed: Keyed,
    request: &Request,
    today: NaiveDate,
) -> Result<(Settlement, Option<String>), Stop> {
    let aim = aim(loaded, keyed, request, today)?;
    let settlement = super::update(&aim.path, |original| {
        let settlement = compose(loaded, &aim, original, today)?;
        Ok::<_, Stop>((settlement.text.clone().into_bytes(), settlement))
    })?;
    let warning = super::git::commit(
        &loaded.repo.root,
        loaded.repo.settings.git.commit,
        &[settlement.path.as_path()],
        &settlement.summary(),
    );
    Ok((settlement, warning))
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
) -> Result<(String, usize, String), Error> {
    let cannot = |why: CannotAdd| -> Error {
        Refusal::CannotAdd {
            file: file.to_owned(),
            why,
        }
        .into()
    };
    let item = format!("- {entry}");
    let reading = Reading::of(before).ok_or_else(|| cannot(CannotAdd::Unreadable))?;
    let newline = if before.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let lines_before = before.split_inclusive('\n').count();
    let one_line = |text: &str| text.split_inclusive('\n').count() == lines_before + 1;
    let has_log = super::append::has_log_section(before);
    let appended = super::append::append_entry(before, entry)
        .map_err(|error| cannot(CannotAdd::FrontMatter(error)))?;
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
    Err(cannot(CannotAdd::NotReadBack {
        entry: entry.to_owned(),
    }))
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

/// The file with the open task of `action` changed in place: `[ ]` becomes `[x]` (done)
/// or `[-]` (skipped, the Tasks plugin's "cancelled"), or its date becomes the new one
/// (later); no other byte changes.
fn change_task(
    repo: &Repository,
    action: &crate::rules::Action,
    before: &str,
    file: &str,
    verb: Verb,
) -> Result<(String, usize, String), Stop> {
    let entry = action
        .entry
        .map(|e| &repo.entries[e])
        .ok_or_else(|| refuse(Refusal::TaskWithoutEntry))?;
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
                let mut text = before.to_owned();
                let (at, len, new) = match verb {
                    Verb::Done => (offset + box_at + 1, 1, "x".to_owned()),
                    Verb::Skip => (offset + box_at + 1, 1, "-".to_owned()),
                    Verb::Later(date) => {
                        // The date right after the box and its spaces.
                        let spaces = rest[3..].len() - rest[3..].trim_start().len();
                        let at = offset + box_at + 3 + spaces;
                        let old = text.get(at..at + 10).unwrap_or("");
                        if spaces == 0 || crate::model::parse_date(old) != Some(entry.date) {
                            break;
                        }
                        (at, 10, date.format("%Y-%m-%d").to_string())
                    }
                };
                text.replace_range(at..at + len, &new);
                let shown = text[offset..offset + line.len()].trim_end().to_owned();
                return Ok((text, entry.line, shown.trim_start().to_owned()));
            }
            break;
        }
        offset += line.len();
    }
    Err(refuse(Refusal::TaskMoved {
        file: file.to_owned(),
        line: entry.line,
    }))
}
