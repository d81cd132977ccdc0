//! Messages: what one person receives. The open actions are gathered by recipient, so
//! that everything overdue or due soon for one person is one message with one draft
//! (`docs/rules.md`, "Messages").

use super::index::Index;
use super::key::{self, ActionKey};
use super::{Action, Rule, State};
use crate::model::{Contact, Prefers, Relationship, Repository};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Whom a message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Recipient {
    /// A contact: index into [`Repository::contacts`].
    Contact(usize),
    /// The application itself, when it names nobody to write to yet: index into
    /// [`Repository::applications`].
    Application(usize),
    /// A note to yourself (`task`, `quiet`).
    Yourself,
}

/// One message: the actions one recipient is owed together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    /// Whom it goes to.
    pub recipient: Recipient,
    /// Its actions, as indices into [`super::Outcome::actions`], in the order the message
    /// takes them: (max(due, today), due, rule in table order, application id).
    pub actions: Vec<usize>,
    /// Its first action's due date.
    pub due: NaiveDate,
    /// Its key, in the namespace of the action keys.
    pub key: ActionKey,
}

/// How a message is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Channel {
    /// An email.
    Email,
    /// A text message.
    Text,
    /// A phone call: the draft is the points to make.
    Phone,
    /// A LinkedIn message or connection note.
    Linkedin,
    /// In person: the draft is the points to make.
    InPerson,
    /// No way to reach them is on file.
    None,
}

impl Channel {
    /// The channel's word, for JSON, templates and pages.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Text => "text",
            Channel::Phone => "phone",
            Channel::Linkedin => "linkedin",
            Channel::InPerson => "in-person",
            Channel::None => "none",
        }
    }

    /// The channel for `contact`: their `prefers` where the file has what it needs,
    /// else email, a text message, LinkedIn, in that order. A message that only asks to
    /// connect goes where connections are made.
    pub(crate) fn for_contact(contact: Option<&Contact>, only_connect: bool) -> Channel {
        let Some(contact) = contact else {
            return Channel::None;
        };
        let has_email = !contact.emails.is_empty();
        let has_phone = contact
            .phone
            .as_deref()
            .is_some_and(|p| p.chars().any(|c| c.is_ascii_digit()));
        let has_linkedin = contact
            .linkedin
            .as_deref()
            .is_some_and(|l| !l.trim().is_empty());
        if only_connect && has_linkedin {
            return Channel::Linkedin;
        }
        let preferred = match contact.prefers {
            Some(Prefers::Email) if has_email => Some(Channel::Email),
            Some(Prefers::Phone) if has_phone => Some(Channel::Phone),
            Some(Prefers::Text) if has_phone => Some(Channel::Text),
            Some(Prefers::Linkedin) if has_linkedin => Some(Channel::Linkedin),
            Some(Prefers::InPerson) => Some(Channel::InPerson),
            _ => None,
        };
        preferred.unwrap_or(if has_email {
            Channel::Email
        } else if has_phone {
            Channel::Text
        } else if has_linkedin {
            Channel::Linkedin
        } else {
            Channel::None
        })
    }
}

impl Message {
    /// Overdue, due or upcoming: its first action's state.
    pub(crate) fn state(&self, today: NaiveDate) -> State {
        match self.due.cmp(&today) {
            std::cmp::Ordering::Less => State::Overdue,
            std::cmp::Ordering::Equal => State::Due,
            std::cmp::Ordering::Greater => State::Upcoming,
        }
    }

    /// The recipient's contact, if the message goes to a person.
    pub(crate) fn contact<'r>(&self, repo: &'r Repository) -> Option<&'r Contact> {
        match self.recipient {
            Recipient::Contact(c) => Some(&repo.contacts[c]),
            Recipient::Application(_) | Recipient::Yourself => None,
        }
    }

    /// Whether the message is a note to yourself (`task`, `quiet`): no draft, no one to
    /// send it to.
    pub(crate) fn is_note_to_self(&self) -> bool {
        self.recipient == Recipient::Yourself
    }

    /// The applications its actions concern, each once, in the order of its actions.
    pub(crate) fn applications(&self, actions: &[Action]) -> Vec<usize> {
        let mut applications = Vec::new();
        for &i in &self.actions {
            if let Some(a) = actions[i].application
                && !applications.contains(&a)
            {
                applications.push(a);
            }
        }
        applications
    }

    /// How it is sent: the recipient's `prefers` where their file has what it needs.
    pub(crate) fn channel(&self, repo: &Repository, actions: &[Action]) -> Channel {
        let only_connect = self
            .actions
            .iter()
            .all(|&i| actions[i].rule == Rule::Connect);
        Channel::for_contact(self.contact(repo), only_connect)
    }

    /// One line: whom, what the message does, and about which applications ("Owen
    /// Fairweather: thank, ask for feedback, ask to connect — Staff Platform Engineer at
    /// Lumen Freight"). A note to yourself is its action's own title.
    pub(crate) fn title(&self, repo: &Repository, actions: &[Action]) -> String {
        let first = &actions[self.actions[0]];
        let who = match self.recipient {
            Recipient::Contact(c) => repo.contacts[c].name.clone(),
            Recipient::Application(a) => repo.applications[a].company.clone(),
            Recipient::Yourself => return first.title(repo),
        };
        let mut verbs: Vec<&str> = Vec::new();
        for &i in &self.actions {
            let verb = actions[i].rule.spec().verb;
            if !verbs.contains(&verb) {
                verbs.push(verb);
            }
        }
        let applications: Vec<String> = self
            .applications(actions)
            .into_iter()
            .map(|a| repo.applications[a].title())
            .collect();
        let about = match applications.as_slice() {
            [] => String::new(),
            [one] => format!(" — {one}"),
            [init @ .., last] => format!(" — {} and {last}", init.join(", ")),
        };
        format!("{who}: {}{about}", verbs.join(", "))
    }
}

/// The recipient of `action` (`docs/rules.md`, "Messages"): its contact; for the
/// employer-side notes after a decision, the person who told you the decision — the first
/// of the application's `contacts` concerned by an employer-side entry dated on the
/// decision date — else its first hiring manager, recruiter or contact; else the
/// application itself. Archived contacts are passed over. `task` and `quiet` are notes to
/// yourself.
fn recipient(index: &Index, action: &Action) -> Recipient {
    if let Some(c) = action.contact {
        return match action.rule {
            Rule::Task => Recipient::Yourself,
            _ => Recipient::Contact(c),
        };
    }
    let Some(a) = action.application else {
        return Recipient::Yourself;
    };
    if !action.rule.spec().to_decider {
        return Recipient::Yourself;
    }
    let repo = index.repo;
    let application = &repo.applications[a];
    let listed = || {
        application
            .contacts
            .iter()
            .copied()
            .filter(|&c| !repo.contacts[c].archived)
    };
    if let Some(decided) = application.decided {
        let told: Vec<usize> = index
            .of_application(a)
            .filter(|e| e.date == decided && e.is_touch() && index.is_employer_side(e, a))
            .flat_map(|e| e.contacts.iter().copied())
            .collect();
        if let Some(c) = listed().find(|c| told.contains(c)) {
            return Recipient::Contact(c);
        }
    }
    let by = |relationship: Relationship| {
        listed().find(|&c| repo.contacts[c].relationship == relationship)
    };
    by(Relationship::HiringManager)
        .or_else(|| by(Relationship::Recruiter))
        .or_else(|| listed().next())
        .map_or(Recipient::Application(a), Recipient::Contact)
}

/// What a recipient is called in a message's key.
fn recipient_word(repo: &Repository, recipient: Recipient) -> String {
    match recipient {
        Recipient::Contact(c) => repo.contacts[c].id.clone(),
        Recipient::Application(a) => format!("application:{}", repo.applications[a].id),
        Recipient::Yourself => String::new(),
    }
}

/// Gathers `actions` (sorted as [`super::Outcome::actions`]) into messages, with the
/// whole hash of each message's key; `hashes` are the actions' key hashes and
/// `application_rank` each application's place in id order. Messages come sorted by due
/// date; the caller breaks ties by key once keys are shown.
pub(super) fn gather(
    index: &Index,
    actions: &[Action],
    hashes: &[u64],
    application_rank: &[usize],
) -> Vec<(Message, u64)> {
    let repo = index.repo;
    let today = index.today;
    let together = repo.settings.grace.together;
    let mut by_recipient: HashMap<Recipient, Vec<usize>> = HashMap::new();
    let mut alone: Vec<(Recipient, Vec<usize>)> = Vec::new();
    for (i, action) in actions.iter().enumerate() {
        match recipient(index, action) {
            // Notes to yourself are each a message of their own.
            Recipient::Yourself => alone.push((Recipient::Yourself, vec![i])),
            recipient => by_recipient.entry(recipient).or_default().push(i),
        }
    }
    let mut groups: Vec<(Recipient, Vec<usize>)> = alone;
    for (recipient, mut owed) in by_recipient {
        owed.sort_by_key(|&i| {
            let action = &actions[i];
            (
                action.due.max(today),
                action.due,
                action.rule as usize,
                action.application.map(|a| application_rank[a]),
                i,
            )
        });
        let mut current: Vec<usize> = Vec::new();
        let mut until = today;
        for i in owed {
            let start = actions[i].due.max(today);
            if !current.is_empty() && start <= until {
                current.push(i);
                continue;
            }
            if !current.is_empty() {
                groups.push((recipient, std::mem::take(&mut current)));
            }
            until = together.after(start);
            current.push(i);
        }
        if !current.is_empty() {
            groups.push((recipient, current));
        }
    }
    let mut messages: Vec<(Message, u64)> = groups
        .into_iter()
        .map(|(recipient, owed)| {
            let hash = key::message_hash(
                &recipient_word(repo, recipient),
                owed.iter().map(|&i| hashes[i]),
            );
            let message = Message {
                recipient,
                due: actions[owed[0]].due,
                actions: owed,
                key: ActionKey {
                    full: String::new(),
                    shown: 0,
                },
            };
            (message, hash)
        })
        .collect();
    messages.sort_by_key(|(message, hash)| (message.due, *hash));
    messages
}
