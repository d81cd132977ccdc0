//! Keeping relationships warm: `cheesecake` and `stale`, and the `too-soon` and
//! `reference-overuse` cautions.

use super::index::Index;
use super::{Action, Caution, CautionRule, Rule};
use crate::model::tags::AGREED;
use crate::model::{Repository, Status};
use std::collections::HashSet;

pub(crate) use crate::model::company_key;

/// Runs the check-in rules and cautions.
pub(super) fn run(index: &Index, actions: &mut Vec<Action>, cautions: &mut Vec<Caution>) {
    let repo = index.repo;
    let settings = &repo.settings;
    let today = index.today;
    let targets = target_companies(index);

    let mut in_live_process = vec![false; repo.contacts.len()];
    let mut ever_reference = vec![false; repo.contacts.len()];
    let mut recent_uses = vec![0u32; repo.contacts.len()];
    let window_start = settings.limits.reference_window.before(today);
    for (c, listed_on) in repo.listed_on.iter().enumerate() {
        for &a in listed_on {
            let application = &repo.applications[a];
            if application.references.contains(&c) {
                ever_reference[c] = true;
                if application
                    .applied
                    .is_some_and(|d| d >= window_start && d <= today)
                {
                    recent_uses[c] += 1;
                }
            }
            if application.status.is_active() {
                in_live_process[c] = true;
            }
        }
    }

    // An open task that concerns a contact already plans the next touch: it shows as
    // `task`, and a check-in beside it would be the same debt twice.
    let mut has_open_task = vec![false; repo.contacts.len()];
    for entry in repo.entries.iter().filter(|e| e.is_open_task()) {
        for &c in &entry.contacts {
            has_open_task[c] = true;
        }
    }

    for (c, contact) in repo.contacts.iter().enumerate() {
        if contact.archived {
            continue;
        }
        if recent_uses[c] > settings.limits.reference_uses {
            cautions.push(Caution {
                rule: CautionRule::ReferenceOveruse,
                contact: Some(c),
                application: None,
                until: None,
            });
        }
        if in_live_process[c] {
            continue;
        }
        // The task takes the check-in's place; what to hold back still holds.
        let planned = has_open_task[c];
        let last_touch = index
            .of_contact(c)
            .filter(|e| e.is_touch())
            .map(|e| e.date)
            .max();
        // A `#skip/cheesecake` or `#skip/stale` counts, for that rule alone, as a touch
        // on its date: the next check-in comes a full cadence later.
        let skipped = |rule: Rule| index.latest_for_contact(c, rule.skipped());
        let last_for = |rule: Rule| last_touch.max(skipped(rule));
        let snoozed =
            |due: chrono::NaiveDate| contact.snooze_until.map_or(due, |until| due.max(until));
        let at_target = contact
            .company
            .as_deref()
            .is_some_and(|company| targets.contains(&company_key(company)));
        if at_target {
            let cadence = contact.cadence.unwrap_or(settings.cadence.cheesecake);
            let due = last_for(Rule::Cheesecake).map_or(today, |last| cadence.after(last));
            if !planned {
                push(actions, Rule::Cheesecake, c, snoozed(due));
            }
            if let Some(last) = last_touch {
                let until = settings.cadence.cheesecake_min_gap.after(last);
                if today < until {
                    cautions.push(Caution {
                        rule: CautionRule::TooSoon,
                        contact: Some(c),
                        application: None,
                        until: Some(until),
                    });
                }
            }
        } else if let Some(last) = last_for(Rule::Stale)
            && !planned
        {
            let is_reference = ever_reference[c] || index.of_contact(c).any(|e| e.tagged(AGREED));
            let cadence = contact.cadence.unwrap_or(if is_reference {
                settings.cadence.reference
            } else {
                settings.cadence.contact
            });
            push(actions, Rule::Stale, c, snoozed(cadence.after(last)));
        }
    }
}

fn push(actions: &mut Vec<Action>, rule: Rule, contact: usize, due: chrono::NaiveDate) {
    actions.push(Action {
        rule,
        contact: Some(contact),
        application: None,
        due,
        entry: None,
        spread_from: None,
    });
}

/// `targets` in settings plus companies of applications with `target: true`, less every
/// company where an application was accepted.
pub(super) fn target_companies(index: &Index) -> HashSet<String> {
    target_names(index.repo)
        .into_iter()
        .map(|(key, _)| key)
        .collect()
}

/// The target companies as [`company_key`] and as first written (settings first, then
/// applications in id order), sorted by key.
pub(crate) fn target_names(repo: &Repository) -> Vec<(String, &str)> {
    let written = repo.settings.targets.iter().map(String::as_str).chain(
        repo.applications
            .iter()
            .filter(|a| a.target)
            .map(|a| a.company.as_str()),
    );
    let accepted: HashSet<String> = repo
        .applications
        .iter()
        .filter(|a| a.status == Status::Accepted)
        .map(|a| company_key(&a.company))
        .collect();
    let mut seen = HashSet::new();
    let mut targets: Vec<(String, &str)> = written
        .filter_map(|name| {
            let key = company_key(name);
            (!key.is_empty() && !accepted.contains(&key) && seen.insert(key.clone()))
                .then(|| (key, name.trim()))
        })
        .collect();
    targets.sort();
    targets
}
