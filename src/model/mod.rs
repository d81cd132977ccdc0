//! The typed repository: contacts, applications and log entries, each remembering its
//! file and line, with links resolved to indices.

mod front;
pub(crate) mod html;
pub(crate) mod log;
pub(crate) mod resolve;
pub(crate) mod synopsis;
pub(crate) mod tags;

use crate::diag::Diagnostic;
use crate::duration::Duration;
use crate::settings::Settings;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use tags::TagSet;

pub(crate) use front::{is_plain_address, parse_application, parse_contact, parse_date};
pub(crate) use resolve::{Links, TypedFile, assemble, link, type_file};

/// Everything goodwill knows about one repository.
#[derive(Debug, Clone)]
pub(crate) struct Repository {
    /// The repository root.
    pub root: PathBuf,
    /// `goodwill.toml`, or the defaults.
    pub settings: Settings,
    /// Contacts without errors, sorted by id.
    pub contacts: Vec<Contact>,
    /// Applications without errors, sorted by id.
    pub applications: Vec<Application>,
    /// Journal notes without errors, in path order (`docs/capture.md`).
    pub journals: Vec<Journal>,
    /// Log entries and tasks of every file without errors, in file and line order.
    pub entries: Vec<Entry>,
    /// Every problem found, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Per contact: the applications that list it in `references` or `contacts`, each
    /// once, in index order. The one answer to "who lists this contact", for what entries
    /// concern, check-ins and the pages alike.
    pub listed_on: Vec<Vec<usize>>,
    /// Every id in the repository, those of broken files included, and every contact
    /// alias (normalised) that names one file only.
    pub ids: HashMap<String, Target>,
}

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Index into [`Repository::contacts`].
    Contact(usize),
    /// Index into [`Repository::applications`].
    Application(usize),
    /// A file with errors: its id resolves, but it takes no part in the rules.
    Broken,
}

/// Declares an enum whose values are words in files: each variant and its word in one
/// table, which parsing (`front.rs`), serialising (JSON, templates), messages ("use one
/// of …") and the docs all read.
macro_rules! words {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $($(#[$variant_meta:meta])* $variant:ident = $word:literal,)+ }
    ) => {
        $(#[$meta])*
        $vis enum $name { $($(#[$variant_meta])* $variant,)+ }

        impl $name {
            /// Every value with the word files use for it, in order.
            $vis const WORDS: &'static [(&'static str, $name)] = &[$(($word, $name::$variant),)+];

            /// The word used in files.
            $vis fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

words! {
    /// How you know a contact.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    #[allow(missing_docs)] // The variants are the values of `relationship` (`docs/format.md`).
    pub(crate) enum Relationship {
        Supervisor = "supervisor",
        Colleague = "colleague",
        Report = "report",
        Client = "client",
        Mentor = "mentor",
        Recruiter = "recruiter",
        HiringManager = "hiring-manager",
        Interviewer = "interviewer",
        Industry = "industry",
        Friend = "friend",
        #[default]
        Other = "other",
    }
}

words! {
    /// How a contact likes to be reached.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[allow(missing_docs)] // The variants are the values of `prefers` (`docs/format.md`).
    pub(crate) enum Prefers {
        Email = "email",
        Phone = "phone",
        Text = "text",
        Linkedin = "linkedin",
        InPerson = "in-person",
    }
}

words! {
    /// Where an application stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
    #[allow(missing_docs)] // The variants are the values of `status` (`docs/format.md`).
    pub(crate) enum Status {
        Prospect = "prospect",
        #[default]
        Applied = "applied",
        Interviewing = "interviewing",
        Offer = "offer",
        Accepted = "accepted",
        Rejected = "rejected",
        Declined = "declined",
        Withdrawn = "withdrawn",
    }
}

impl Status {
    /// Every status, in pipeline order (the order of [`Status::WORDS`]).
    pub(crate) const ALL: [Status; 8] = {
        let mut all = [Status::Prospect; 8];
        let mut i = 0;
        while i < all.len() {
            all[i] = Status::WORDS[i].1;
            i += 1;
        }
        all
    };

    /// `applied`, `interviewing` or `offer`: a live process.
    pub(crate) fn is_active(self) -> bool {
        matches!(self, Status::Applied | Status::Interviewing | Status::Offer)
    }

    /// `accepted`, `rejected`, `declined` or `withdrawn`: has a decision date.
    pub(crate) fn is_decided(self) -> bool {
        matches!(
            self,
            Status::Accepted | Status::Rejected | Status::Declined | Status::Withdrawn
        )
    }
}

/// A person, from `contacts/ID.md`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Contact {
    /// The normalised file stem.
    pub id: String,
    /// Path relative to the root, `/`-separated.
    pub file: String,
    /// `name`
    pub name: String,
    /// `company`: where they work now.
    pub company: Option<String>,
    /// `title`
    pub title: Option<String>,
    /// `email`: one or several.
    pub emails: Vec<String>,
    /// `phone`
    pub phone: Option<String>,
    /// `linkedin`
    pub linkedin: Option<String>,
    /// `relationship`, default `other`.
    pub relationship: Relationship,
    /// `prefers`
    pub prefers: Option<Prefers>,
    /// `cadence`: overrides the default keep-in-touch interval.
    pub cadence: Option<Duration>,
    /// `gift_ideas`
    pub gift_ideas: Option<String>,
    /// `talking_points`
    pub talking_points: Vec<String>,
    /// `tags`
    pub tags: Vec<String>,
    /// `aliases`: other names links may use, as written.
    pub aliases: Vec<String>,
    /// `archived`: no reminders of any kind.
    pub archived: bool,
    /// `snooze_until`: no check-in due before this date.
    pub snooze_until: Option<NaiveDate>,
    /// The Markdown after the front matter.
    pub body: String,
    /// The file line the body starts on.
    pub body_line: usize,
    /// Where in `body` the log starts (its `Log` heading, else its first entry), as the
    /// log's parser found it: the notes are the text before it. `body.len()` without a log.
    pub log_start: usize,
}

/// A job application, from `applications/ID.md`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Application {
    /// The normalised file stem.
    pub id: String,
    /// Path relative to the root, `/`-separated.
    pub file: String,
    /// `company`
    pub company: String,
    /// `role`
    pub role: String,
    /// `status`, default `applied`.
    pub status: Status,
    /// `applied`
    pub applied: Option<NaiveDate>,
    /// `decided`: D, the decision date.
    pub decided: Option<NaiveDate>,
    /// `references`, as indices into [`Repository::contacts`] (links to broken files dropped).
    pub references: Vec<usize>,
    /// `contacts`, as indices into [`Repository::contacts`].
    pub contacts: Vec<usize>,
    /// `target`: keep this company's people warm.
    pub target: bool,
    /// `posting`
    pub posting: Option<String>,
    /// `highlights`: what references should emphasise.
    pub highlights: Vec<String>,
    /// `tags`
    pub tags: Vec<String>,
    /// The Markdown after the front matter.
    pub body: String,
    /// The file line the body starts on.
    pub body_line: usize,
    /// The text under the body's `## Synopsis` heading: the only part of the body that
    /// goes to references.
    pub synopsis: String,
}

/// How company names compare, everywhere (check-ins, target companies, pacing, import
/// matching): case-insensitive, with runs of white space as one space and none at either
/// end, so `Acme  Corp`, ` acme corp` and `ACME CORP` are one company.
pub(crate) fn company_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Application {
    /// `Role at Company`, how people name an application.
    pub(crate) fn title(&self) -> String {
        format!("{} at {}", self.role, self.company)
    }
}

/// A dated note in a journal folder (`docs/capture.md`, "Journal folders").
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Journal {
    /// Path relative to the root, `/`-separated.
    pub file: String,
    /// The date its file name begins with: the date of its undated entries.
    pub date: NaiveDate,
}

/// The file an entry is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// Index into [`Repository::contacts`].
    Contact(usize),
    /// Index into [`Repository::applications`].
    Application(usize),
    /// Index into [`Repository::journals`]: the entry concerns what it links, and
    /// `done`, `skip` and `later` never write there.
    Journal(usize),
}

/// Whether a log item is a task, and whether it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Task {
    /// `- DATE …`: an ordinary entry.
    None,
    /// `- [ ] DATE …`: a reminder, not an event.
    Open,
    /// `- [x] DATE …`: an ordinary entry.
    Done,
}

/// One dated log item.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// The day it happened (or is planned, or is due for a task).
    pub date: NaiveDate,
    /// The Markdown after the date.
    pub text: String,
    /// Lowercased tags, without `#`, each once.
    pub tags: Vec<String>,
    /// Those of its tags that mean something to the rules.
    pub known_tags: TagSet,
    /// Ids of every link in the entry, resolved or not.
    pub links: Vec<String>,
    /// Task state.
    pub task: Task,
    /// The file it is in.
    pub owner: Owner,
    /// Its 1-based line in that file.
    pub line: usize,
    /// How many entries before it in its file have the same date and text (trimmed).
    pub same_before: u32,
    /// Contacts it concerns (`docs/format.md`, "What an entry concerns"), each once.
    pub contacts: Vec<usize>,
    /// Applications it concerns, each once.
    pub applications: Vec<usize>,
}

impl Entry {
    /// Whether the entry has tag `tag` (lowercase, without `#`).
    pub(crate) fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// Whether the entry has any of the rules' `tags`, or is the `#skip/RULE` decision
    /// they hold.
    pub(crate) fn tagged(&self, tags: TagSet) -> bool {
        self.known_tags.meets(tags) || self.known_tags.skips(&self.tags, tags)
    }

    /// Whether the entry is a touch of the contacts it concerns: every event but a
    /// decision (`#skip/…`, `#later/…`: deciding not to write is not hearing from them).
    pub(crate) fn is_touch(&self) -> bool {
        !self.is_open_task() && !self.known_tags.is_decision()
    }

    /// An open task: a reminder, never a touch or an event.
    pub(crate) fn is_open_task(&self) -> bool {
        self.task == Task::Open
    }
}

impl Repository {
    /// The contact or application an id names, if it names a file without errors.
    pub(crate) fn target(&self, id: &str) -> Option<Target> {
        self.ids.get(id).copied()
    }

    /// The file, relative to the root, that holds the entries of `owner`.
    pub(crate) fn file_of(&self, owner: Owner) -> &str {
        match owner {
            Owner::Contact(c) => &self.contacts[c].file,
            Owner::Application(a) => &self.applications[a].file,
            Owner::Journal(j) => &self.journals[j].file,
        }
    }

    /// The contact and the application an open task belongs to: those of its file, or
    /// for a task in a journal note, the first contact and the first application it links.
    pub(crate) fn task_owners(&self, entry: &Entry) -> (Option<usize>, Option<usize>) {
        match entry.owner {
            Owner::Contact(c) => (Some(c), None),
            Owner::Application(a) => (None, Some(a)),
            Owner::Journal(_) => {
                let linked = || entry.links.iter().filter_map(|id| self.target(id));
                let contact = linked().find_map(|t| match t {
                    Target::Contact(c) => Some(c),
                    _ => None,
                });
                let application = linked().find_map(|t| match t {
                    Target::Application(a) => Some(a),
                    _ => None,
                });
                (contact, application)
            }
        }
    }

    /// How many of the diagnostics are errors.
    pub(crate) fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

#[cfg(test)]
mod company_tests {
    use super::company_key;

    #[test]
    fn company_names_compare_without_case_or_extra_space() {
        for (a, b) in [
            ("Acme Corp", "acme corp"),
            ("  Acme   Corp ", "ACME CORP"),
            ("Acme\tCorp", "acme corp"),
            ("Zoë Labs", "ZOË LABS"),
        ] {
            assert_eq!(company_key(a), company_key(b), "{a} ~ {b}");
        }
        assert_ne!(company_key("Acme"), company_key("Acme Corp"));
        assert_eq!(company_key("   "), "");
    }
}
