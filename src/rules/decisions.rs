//! `#later/RULE` decisions: an action put off is due no earlier than the latest such
//! entry's date (`docs/format.md`, "Decisions"). `#skip/RULE` needs nothing here: it is
//! one of the tags that settle RULE ([`super::Rule::settled`]).

use super::{Action, Rule};
use crate::model::Repository;
use crate::model::tags::Decision;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Moves every action that a `#later/RULE` entry puts off to that entry's date, where
/// that is later than the action's own due date. An entry concerns the action when it
/// concerns the action's contact (if it has one) and its application (if it has one);
/// entries dated after today count (putting off is their point), open tasks do not.
pub(super) fn put_off(repo: &Repository, actions: &mut [Action]) {
    // The latest date for each (rule, contact, application) an entry concerns, with
    // `None` standing for "any": one look-up per action, whatever the number of entries.
    let mut until: HashMap<(Rule, Option<usize>, Option<usize>), NaiveDate> = HashMap::new();
    for entry in &repo.entries {
        if entry.is_open_task() || !entry.known_tags.is_decision() {
            continue;
        }
        for tag in &entry.tags {
            let Some((Decision::Later, _)) = Decision::parse(tag) else {
                continue;
            };
            let Some(rule) = Rule::of_decision(tag).filter(|&rule| rule != Rule::Task) else {
                continue;
            };
            let contacts = entry.contacts.iter().copied().map(Some);
            for contact in contacts.chain([None]) {
                let applications = entry.applications.iter().copied().map(Some);
                for application in applications.chain([None]) {
                    let date = until
                        .entry((rule, contact, application))
                        .or_insert(entry.date);
                    *date = (*date).max(entry.date);
                }
            }
        }
    }
    if until.is_empty() {
        return;
    }
    for action in actions {
        if let Some(&date) = until.get(&(action.rule, action.contact, action.application)) {
            action.due = action.due.max(date);
        }
    }
}
