//! From mail to log lines (`docs/capture.md`, "Mail"): who a message is between, which
//! contact's file its entry goes into, what it says, and whether it settles anything.
//! Pure: the repository and the rules' outcome in, lines out.

use super::mail::{Mail, is_no_reply};
use super::{inert, percent_encode};
use crate::model::{Repository, Task};
use crate::rules::messages::Recipient;
use crate::rules::table::Event;
use crate::rules::{Action, Outcome};
use crate::write::lines::{Place, Verb, Words, compose, first_name};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Every address goodwill knows: yours (`me`) and each contact's.
pub(crate) struct Book {
    me: HashSet<String>,
    contacts: HashMap<String, usize>,
}

impl Book {
    /// The addresses of `me` and of every contact, archived ones included (it is history).
    pub(crate) fn new(repo: &Repository) -> Self {
        let normal = |email: &str| {
            let email = email.trim();
            let email = email.strip_prefix("mailto:").unwrap_or(email);
            email.trim_matches(['<', '>']).to_lowercase()
        };
        let me = repo.settings.me.iter().map(|e| normal(e)).collect();
        let mut contacts = HashMap::new();
        for (index, contact) in repo.contacts.iter().enumerate() {
            for email in &contact.emails {
                contacts.entry(normal(email)).or_insert(index);
            }
        }
        Book { me, contacts }
    }

    /// Whether `address` (lower case) is one of yours.
    pub(crate) fn is_me(&self, address: &str) -> bool {
        self.me.contains(address)
    }

    /// The contact whose address `address` (lower case) is, unless it is yours.
    pub(crate) fn contact(&self, address: &str) -> Option<usize> {
        (!self.is_me(address))
            .then(|| self.contacts.get(address).copied())
            .flatten()
    }
}

/// Which way a message went, as far as goodwill is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Direction {
    /// You sent it: the contacts among its recipients, and the other addresses with the
    /// name each was given.
    Sent {
        contacts: Vec<usize>,
        strangers: Vec<(String, Option<String>)>,
    },
    /// A contact sent it to you (`To` or `Cc`).
    Received { contact: usize },
    /// Between others, from a stranger or a robot, or reached you only by `Bcc`.
    Neither,
}

/// Which way `mail` went.
pub(crate) fn direction(mail: &Mail, book: &Book) -> Direction {
    if book.is_me(&mail.from) {
        let mut contacts = Vec::new();
        let mut strangers = Vec::new();
        for (address, name) in &mail.to {
            match book.contact(address) {
                Some(c) if !contacts.contains(&c) => contacts.push(c),
                Some(_) => {}
                None if !book.is_me(address) && !is_no_reply(address) => {
                    strangers.push((address.clone(), name.clone()));
                }
                None => {}
            }
        }
        return Direction::Sent {
            contacts,
            strangers,
        };
    }
    match book.contact(&mail.from) {
        Some(contact) if !is_no_reply(&mail.from) && mail.to.iter().any(|(a, _)| book.is_me(a)) => {
            Direction::Received { contact }
        }
        _ => Direction::Neither,
    }
}

/// The open messages by recipient, each with the subject of its one draft and the day of
/// the event behind its first action, for telling a reply from any other mail.
pub(crate) struct Answers<'a> {
    repo: &'a Repository,
    outcome: &'a Outcome,
    /// Open messages to each contact, as indices into the outcome's messages.
    by_contact: HashMap<usize, Vec<usize>>,
    /// The draft subject of each message asked about so far, made plain.
    subjects: HashMap<usize, Option<String>>,
    templates: Option<crate::render::templates::Templates>,
    /// Per contact: the day of their latest touch on or before today.
    latest_touch: Vec<Option<NaiveDate>>,
    /// Per application: the day of its latest interview on or before today.
    latest_interview: Vec<Option<NaiveDate>>,
    /// Per contact: the entries that concern them, for the drafts.
    of_contact: Vec<Vec<usize>>,
    /// Per application: the entries that concern it, for the drafts.
    of_application: Vec<Vec<usize>>,
}

impl<'a> Answers<'a> {
    /// The open messages of `outcome`; drafts are made on demand, with the repository's
    /// templates (none when they do not load: then nothing is settled).
    pub(crate) fn new(repo: &'a Repository, outcome: &'a Outcome) -> Self {
        let mut by_contact: HashMap<usize, Vec<usize>> = HashMap::new();
        for (index, message) in outcome.messages.iter().enumerate() {
            if let Recipient::Contact(c) = message.recipient {
                by_contact.entry(c).or_default().push(index);
            }
        }
        // One pass over the entries, so that no question about a message scans them all.
        let mut latest_touch = vec![None; repo.contacts.len()];
        let mut latest_interview = vec![None; repo.applications.len()];
        let mut of_contact = vec![Vec::new(); repo.contacts.len()];
        let mut of_application = vec![Vec::new(); repo.applications.len()];
        for (index, entry) in repo.entries.iter().enumerate() {
            for &c in &entry.contacts {
                of_contact[c].push(index);
            }
            for &a in &entry.applications {
                of_application[a].push(index);
            }
            if entry.date > outcome.today || entry.task == Task::Open {
                continue;
            }
            if entry.is_touch() {
                for &c in &entry.contacts {
                    latest_touch[c] = latest_touch[c].max(Some(entry.date));
                }
            }
            if entry.has_tag("interview") {
                for &a in &entry.applications {
                    latest_interview[a] = latest_interview[a].max(Some(entry.date));
                }
            }
        }
        Answers {
            repo,
            outcome,
            by_contact,
            subjects: HashMap::new(),
            templates: crate::render::templates::Templates::load(&repo.root).ok(),
            latest_touch,
            latest_interview,
            of_contact,
            of_application,
        }
    }

    /// The open message that a mail you sent to `contact` on `date` with `subject`
    /// answers: one whose draft goes to `contact`, with the same subject once `Re:` and
    /// `Fwd:` prefixes, case and spacing are set aside, and whose first action's event
    /// (the decision, the interview, `applied`, the favour, the last touch) is on or
    /// before `date`. The same mail to anyone else answers nothing.
    pub(crate) fn answered_by(
        &mut self,
        contact: usize,
        subject: &str,
        date: NaiveDate,
    ) -> Option<usize> {
        let wanted = plain_subject(subject);
        if wanted.is_empty() {
            return None;
        }
        let messages = self.by_contact.get(&contact)?.clone();
        messages.into_iter().find(|&m| {
            self.subject(m).as_deref() == Some(wanted.as_str())
                && self
                    .event_of(self.outcome.messages[m].actions[0])
                    .is_none_or(|event| event <= date)
        })
    }

    /// The day of the event behind action `index` (`docs/capture.md`, "Mail"): none when
    /// it has no date (a first hello to someone never touched, an application without
    /// `applied`).
    fn event_of(&self, index: usize) -> Option<NaiveDate> {
        let action = &self.outcome.actions[index];
        let application = action.application.map(|a| &self.repo.applications[a]);
        let grace = &self.repo.settings.grace;
        match action.rule.spec().event {
            Event::Applied => application.and_then(|a| a.applied),
            Event::LastInterview => action.application.and_then(|a| self.latest_interview[a]),
            Event::Decided => application.and_then(|a| a.decided),
            Event::BeforeDue => Some(action.rule.grace(grace).before(action.due)),
            Event::LastTouch => action.contact.and_then(|c| self.latest_touch[c]),
            Event::TaskDate => action.entry.map(|e| self.repo.entries[e].date),
            Event::Nothing => None,
        }
    }

    fn subject(&mut self, m: usize) -> Option<String> {
        if let Some(subject) = self.subjects.get(&m) {
            return subject.clone();
        }
        let entries = crate::render::draft::Entries {
            of_contact: &self.of_contact,
            of_application: &self.of_application,
        };
        let subject = self
            .templates
            .as_ref()
            .and_then(|t| {
                crate::render::draft::message_draft(t, self.repo, self.outcome, m, Some(entries))
                    .ok()
            })
            .flatten()
            .map(|draft| plain_subject(&draft.subject));
        self.subjects.insert(m, subject.clone());
        subject
    }

    /// The tags and links `done` would write for message `m` on `date`, one per line it
    /// would write (` #thanks #feedback [[acme-sre]]`): one line per application the
    /// message concerns, as `goodwill done` writes them (`docs/commands.md`, `done`).
    pub(crate) fn settling(&self, m: usize, date: NaiveDate) -> Vec<String> {
        let message = &self.outcome.messages[m];
        let Recipient::Contact(c) = message.recipient else {
            return Vec::new();
        };
        let words = Words {
            repo: self.repo,
            today: self.outcome.today,
            who: first_name(&self.repo.contacts[c].name),
            note: Some(""),
            date,
        };
        let actions: Vec<&Action> = (message.actions.iter())
            .map(|&i| &self.outcome.actions[i])
            .collect();
        compose(&words, &actions, Place::Contact(c), Verb::Done)
            .into_iter()
            .map(|line| {
                let after_date = line.get(10..).unwrap_or_default();
                format!(" {}", after_date.trim_start_matches(' '))
            })
            .collect()
    }
}

/// A subject with its `Re:`/`Fwd:` prefixes, case and spacing set aside.
pub(crate) fn plain_subject(subject: &str) -> String {
    let mut rest = subject.trim();
    loop {
        let lower = rest.to_lowercase();
        let cut = ["re:", "fwd:", "fw:"]
            .iter()
            .find(|prefix| lower.starts_with(*prefix))
            .map(|prefix| prefix.len());
        match cut {
            Some(len) if rest.is_char_boundary(len) => rest = rest[len..].trim_start(),
            _ => break,
        }
    }
    rest.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The line (`DATE TEXT`, without `- `) for `mail`, sent or received, with what it
/// settles (` #thanks [[acme-sre]]`, or nothing).
pub(crate) fn line(mail: &Mail, sent: bool, settling: &str) -> String {
    let verb = if sent {
        "Sent an email"
    } else {
        "Received an email"
    };
    let subject = inert(&mail.subject);
    let what = if subject.is_empty() {
        format!("{verb} (no subject)")
    } else {
        format!("{verb}: {subject}")
    };
    format!(
        "{} {what}{settling} [mail](mid:{})",
        mail.date.format("%Y-%m-%d"),
        percent_encode(&mail.id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_compare_without_prefixes_case_or_spacing() {
        for (a, b) in [
            ("Re: Thank you", "thank you"),
            ("RE: FWD: re:  Thank   you ", "Thank you"),
            ("Fw: Thanks", "thanks"),
        ] {
            assert_eq!(plain_subject(a), plain_subject(b), "{a} / {b}");
        }
        assert_ne!(plain_subject("Re: Thanks!"), plain_subject("Thanks"));
    }

    #[test]
    fn a_line_is_inert_and_carries_its_key() {
        let mail = Mail {
            id: "abc(1)@example.com".to_owned(),
            date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
            from: "me@example.com".to_owned(),
            to: Vec::new(),
            subject: "#thanks [[acme]]".to_owned(),
            automatic: false,
        };
        assert_eq!(
            line(&mail, true, " #thanks [[acme-sre]]"),
            "2026-11-20 Sent an email: \\#thanks \\[\\[acme\\]\\] #thanks [[acme-sre]] [mail](mid:abc%281%29@example.com)"
        );
    }
}
