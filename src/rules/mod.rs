//! The rules: pure functions of the repository, the settings and today that say who you
//! owe a message (actions) and what to hold back (cautions).

mod cautions;
mod checkin;
mod decisions;
pub(crate) mod describe;
mod employer;
mod index;
mod key;
pub(crate) mod messages;
mod pacing;
mod references;
pub(crate) mod table;

use crate::model::Repository;
pub(crate) use checkin::{company_key, target_names};
use chrono::NaiveDate;
use index::Index;
pub(crate) use key::ActionKey;
#[cfg(test)]
use messages::Recipient;
pub(crate) use messages::{Channel, Message};
pub(crate) use pacing::spread_reason;
use rayon::slice::ParallelSliceMut;
use serde::Serialize;
use std::cmp::Ordering;
use table::RULES;

/// The action rules of `docs/rules.md`: each is a row of [`table::RULES`], which holds its
/// id and everything else about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // Each variant is the rule of the same name in `docs/rules.md`.
pub(crate) enum Rule {
    Permission,
    HeadsUp,
    InterviewUpdate,
    OutcomeUpdate,
    ThankReference,
    Gift,
    ThankFavor,
    InterviewerThanks,
    RejectionThanks,
    AskFeedback,
    ShareFeedback,
    Connect,
    Cheesecake,
    Stale,
    Quiet,
    Task,
}

/// The cautions of `docs/checkins.md`, "Cautions": each is a row of
/// [`cautions::CAUTIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // Each variant is the caution of the same name in `docs/checkins.md`.
pub(crate) enum CautionRule {
    TooSoon,
    RepeatFollowUp,
    ReferenceOveruse,
}

// Each enum's words once: a rule or caution serializes as its table row's id.
impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl Serialize for CautionRule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// Whether an action is late, for today, or ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum State {
    /// Due before today.
    Overdue,
    /// Due today.
    Due,
    /// Due after today.
    Upcoming,
}

/// Something to do: who, about what, by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Action {
    /// The rule that yields it.
    pub rule: Rule,
    /// Index into [`Repository::contacts`].
    pub contact: Option<usize>,
    /// Index into [`Repository::applications`].
    pub application: Option<usize>,
    /// When it is due.
    pub due: NaiveDate,
    /// The entry behind it, for `task` and `thank-favor`: index into [`Repository::entries`].
    pub entry: Option<usize>,
    /// For a check-in that pacing moved to a later week: the date it was due before.
    pub spread_from: Option<NaiveDate>,
}

/// Something to hold back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Caution {
    /// The caution rule.
    pub rule: CautionRule,
    /// Index into [`Repository::contacts`].
    pub contact: Option<usize>,
    /// Index into [`Repository::applications`].
    pub application: Option<usize>,
    /// Hold off until this date, if the caution ends.
    pub until: Option<NaiveDate>,
}

/// Everything the rules say for one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// The day the rules were run for.
    pub today: NaiveDate,
    /// Open actions, sorted by due date, rule, contact id and application id.
    pub actions: Vec<Action>,
    /// Cautions, sorted by rule, contact id and application id.
    pub cautions: Vec<Caution>,
    /// The key of each action, in the same order as `actions`.
    pub keys: Vec<ActionKey>,
    /// The open actions gathered by recipient (`docs/rules.md`, "Messages"), sorted by
    /// due date and key; every action is in exactly one.
    pub messages: Vec<Message>,
    /// For each action, in the order of `actions`: the index of its message.
    pub message_of: Vec<usize>,
}

/// What a key names: an open action or a message (one namespace).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keyed {
    /// Index into [`Outcome::actions`].
    Action(usize),
    /// Index into [`Outcome::messages`].
    Message(usize),
}

impl Outcome {
    /// The index of the one open action whose key starts with `key` (case-insensitive),
    /// or every action it could mean.
    pub(crate) fn find_key(&self, key: &str) -> Result<usize, Vec<usize>> {
        let key = key.trim().to_ascii_lowercase();
        let matches: Vec<usize> = self
            .keys
            .iter()
            .enumerate()
            .filter(|(_, k)| !key.is_empty() && k.full.starts_with(&key))
            .map(|(i, _)| i)
            .collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            _ => Err(matches),
        }
    }

    /// What `key` names: the one open action or message whose key starts with `key`
    /// (case-insensitive), or everything it could mean.
    pub(crate) fn find(&self, key: &str) -> Result<Keyed, Vec<Keyed>> {
        let key = key.trim().to_ascii_lowercase();
        let hit = |k: &ActionKey| !key.is_empty() && k.full.starts_with(&key);
        let actions = (self.keys.iter().enumerate())
            .filter(|(_, k)| hit(k))
            .map(|(i, _)| Keyed::Action(i));
        let messages = (self.messages.iter().enumerate())
            .filter(|(_, m)| hit(&m.key))
            .map(|(i, _)| Keyed::Message(i));
        let matches: Vec<Keyed> = actions.chain(messages).collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            _ => Err(matches),
        }
    }

    /// The key of what `keyed` names.
    pub(crate) fn key_of(&self, keyed: Keyed) -> &ActionKey {
        match keyed {
            Keyed::Action(i) => &self.keys[i],
            Keyed::Message(i) => &self.messages[i].key,
        }
    }

    /// The actions `keyed` names: one, or a message's.
    pub(crate) fn actions_of(&self, keyed: Keyed) -> Vec<usize> {
        match keyed {
            Keyed::Action(i) => vec![i],
            Keyed::Message(i) => self.messages[i].actions.clone(),
        }
    }

    /// The index of the action whose whole key is `full`.
    pub(crate) fn position_of_full_key(&self, full: &str) -> Option<usize> {
        self.keys.iter().position(|k| k.full == full)
    }
}

impl Action {
    /// Overdue, due or upcoming, relative to `today`.
    pub(crate) fn state(&self, today: NaiveDate) -> State {
        match self.due.cmp(&today) {
            Ordering::Less => State::Overdue,
            Ordering::Equal => State::Due,
            Ordering::Greater => State::Upcoming,
        }
    }
}

/// Runs every rule on `repo` as of `today`.
pub(crate) fn evaluate(repo: &Repository, today: NaiveDate) -> Outcome {
    let index = Index::new(repo, today);
    // The rule families read only the index, so they run side by side (`serve` runs them
    // after every change); their results are joined in the same order as one after the
    // other would give.
    let ((mut actions, employer), (checkin, task_actions)) = rayon::join(
        || {
            rayon::join(
                || {
                    let mut actions = Vec::new();
                    references::run(&index, &mut actions);
                    actions
                },
                || {
                    let (mut actions, mut cautions) = (Vec::new(), Vec::new());
                    employer::run(&index, &mut actions, &mut cautions);
                    (actions, cautions)
                },
            )
        },
        || {
            rayon::join(
                || {
                    let (mut actions, mut cautions) = (Vec::new(), Vec::new());
                    checkin::run(&index, &mut actions, &mut cautions);
                    (actions, cautions)
                },
                || {
                    let mut actions = Vec::new();
                    tasks(&index, &mut actions);
                    actions
                },
            )
        },
    );
    let mut cautions = employer.1;
    actions.extend(employer.0);
    actions.extend(checkin.0);
    cautions.extend(checkin.1);
    actions.extend(task_actions);

    // Archived contacts get no actions and no cautions, whichever rule would raise them.
    let archived = |contact: Option<usize>| contact.is_some_and(|c| repo.contacts[c].archived);
    actions.retain(|action| !archived(action.contact));
    cautions.retain(|caution| !archived(caution.contact));
    decisions::put_off(repo, &mut actions);
    pacing::spread(repo, today, &mut actions);

    // Ids are unique, so each one's place in id order sorts as the id does, without a
    // string comparison for each of the hundreds of thousands of comparisons.
    let rank = |ids: Vec<&str>| {
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_unstable_by_key(|&i| ids[i]);
        let mut rank = vec![0; ids.len()];
        for (place, i) in order.into_iter().enumerate() {
            rank[i] = place;
        }
        rank
    };
    let contact_rank = rank(repo.contacts.iter().map(|c| c.id.as_str()).collect());
    let application_rank = rank(repo.applications.iter().map(|a| a.id.as_str()).collect());
    let contact_id = |c: Option<usize>| c.map(|c| contact_rank[c]);
    let application_id = |a: Option<usize>| a.map(|a| application_rank[a]);
    // Rules sort by id as well, by their place in id order.
    let rule_rank = rank(RULES.iter().map(|spec| spec.id).collect());
    let rule_id = |rule: Rule| rule_rank[rule as usize];
    actions.par_sort_by_cached_key(|x| {
        (
            x.due,
            rule_id(x.rule),
            contact_id(x.contact),
            application_id(x.application),
            x.entry,
        )
    });
    cautions.sort_by(|x, y| {
        (
            x.rule.id(),
            contact_id(x.contact),
            application_id(x.application),
        )
            .cmp(&(
                y.rule.id(),
                contact_id(y.contact),
                application_id(y.application),
            ))
    });
    let hashes = key::hashes(repo, &actions);
    let gathered = messages::gather(&index, &actions, &hashes, &application_rank);
    // Action and message keys share one namespace: each is shown long enough that no
    // other of either kind shares it.
    let all = (hashes.iter().copied())
        .chain(gathered.iter().map(|(_, hash)| *hash))
        .collect();
    let mut keys = key::shortest_unique_prefixes(all);
    let message_keys = keys.split_off(actions.len());
    let mut message_of = vec![0; actions.len()];
    let messages: Vec<Message> = (gathered.into_iter().zip(message_keys))
        .enumerate()
        .map(|(m, ((mut message, _), key))| {
            for &i in &message.actions {
                message_of[i] = m;
            }
            message.key = key;
            message
        })
        .collect();
    Outcome {
        today,
        actions,
        cautions,
        keys,
        messages,
        message_of,
    }
}

/// `task`: every open task, due on its date, for the contact or application of its file.
fn tasks(index: &Index, actions: &mut Vec<Action>) {
    for (entry_index, entry) in index.repo.entries.iter().enumerate() {
        if !entry.is_open_task() {
            continue;
        }
        let (contact, application) = index.repo.task_owners(entry);
        actions.push(Action {
            rule: Rule::Task,
            contact,
            application,
            due: entry.date,
            entry: Some(entry_index),
            spread_from: None,
        });
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_messages;
