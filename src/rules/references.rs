//! Rules for the people who vouch for you: `permission`, `heads-up`, `interview-update`,
//! `outcome-update`, `thank-reference`, `gift`, and `thank-favor`.

use super::index::Index;
use super::{Action, Rule};
use crate::model::tags::{FAVOR_TAGS, INTERVIEW};
use crate::model::{Status, Target};
use std::collections::BTreeSet;

/// Runs the reference rules.
pub(super) fn run(index: &Index, actions: &mut Vec<Action>) {
    let repo = index.repo;
    let grace = &repo.settings.grace;
    // Permission is asked for one application and lasts `limits.agreement_lasts`: an
    // `#agreed` from years ago, for another job, is no permission today.
    let permission_since = repo.settings.limits.agreement_lasts.before(index.today);
    let linking = favours_linking(index);
    let mut push = |rule, c, a, due| {
        actions.push(Action {
            rule,
            contact: Some(c),
            application: Some(a),
            due,
            entry: None,
            spread_from: None,
        });
    };

    for (a, application) in repo.applications.iter().enumerate() {
        let applied = index.applied_or_today(a);
        // Ask before you give the employer their name: a prospect needs it today.
        if application.status.is_active() || application.status == Status::Prospect {
            let due = if application.status == Status::Prospect {
                index.today
            } else {
                applied
            };
            for &c in &application.references {
                if !index.pair_has(c, a, Rule::Permission.settled(), Some(permission_since)) {
                    push(Rule::Permission, c, a, due);
                }
            }
        }
        if application.status.is_active() {
            let last_interview = index
                .of_application(a)
                .filter(|e| e.tagged(INTERVIEW))
                .map(|e| e.date)
                .max();
            for &c in &application.references {
                if !index.pair_has(c, a, Rule::HeadsUp.settled(), None) {
                    push(Rule::HeadsUp, c, a, applied);
                }
                if let Some(interview) = last_interview
                    && !index.pair_has(c, a, Rule::InterviewUpdate.settled(), Some(interview))
                {
                    push(
                        Rule::InterviewUpdate,
                        c,
                        a,
                        Rule::InterviewUpdate.grace(grace).after(interview),
                    );
                }
            }
        }
        if let (true, Some(decided)) = (application.status.is_decided(), application.decided) {
            // "Dated ≥ applied" means any date where `applied` is missing.
            let since_applied = application.applied;
            for c in application
                .references
                .iter()
                .copied()
                .chain(helpers(index, &linking, a))
            {
                if !index.pair_has(c, a, Rule::OutcomeUpdate.settled(), Some(decided)) {
                    push(
                        Rule::OutcomeUpdate,
                        c,
                        a,
                        Rule::OutcomeUpdate.grace(grace).after(decided),
                    );
                }
            }
            for &c in &application.references {
                if !index.pair_has(c, a, Rule::ThankReference.settled(), since_applied) {
                    push(
                        Rule::ThankReference,
                        c,
                        a,
                        Rule::ThankReference.grace(grace).after(decided),
                    );
                }
                if application.status == crate::model::Status::Accepted
                    && Rule::Gift.is_on(&repo.settings)
                    && !index.pair_has(c, a, Rule::Gift.settled(), since_applied)
                {
                    push(Rule::Gift, c, a, Rule::Gift.grace(grace).after(decided));
                }
            }
        }
    }

    // `thank-favor`: favours after the latest thank-you, due from the earliest of them.
    for c in 0..repo.contacts.len() {
        let last_thanks = index.latest_for_contact(c, Rule::ThankFavor.settled());
        let earliest = index
            .indexed_of_contact(c)
            .filter(|(_, e)| e.tagged(FAVOR_TAGS) && last_thanks.is_none_or(|t| e.date > t))
            .min_by_key(|(i, e)| (e.date, *i));
        if let Some((entry, favor)) = earliest {
            actions.push(Action {
                rule: Rule::ThankFavor,
                contact: Some(c),
                application: None,
                due: Rule::ThankFavor.grace(grace).after(favor.date),
                entry: Some(entry),
                spread_from: None,
            });
        }
    }
}

/// Per contact, the favour events that link them (`[[raj-mehta]]`): in a contact's own
/// file a link to someone else does not make the entry concern them, so the index by
/// contact does not hold these. One pass over the entries.
fn favours_linking(index: &Index) -> Vec<Vec<usize>> {
    let repo = index.repo;
    let mut linking = vec![Vec::new(); repo.contacts.len()];
    for (i, entry) in repo.entries.iter().enumerate() {
        if entry.is_open_task() || entry.date > index.today || !entry.tagged(FAVOR_TAGS) {
            continue;
        }
        for link in &entry.links {
            if let Some(Target::Contact(p)) = repo.ids.get(link)
                && linking[*p].last() != Some(&i)
            {
                linking[*p].push(i);
            }
        }
    }
    linking
}

/// The **helpers** of application `a` (`docs/rules.md`, `outcome-update`): contacts in
/// neither its `references` nor its `contacts` with a favour entry that concerns both
/// them and `a`, or that concerns them and links a contact in `a`'s `contacts` ("Introduced
/// me to [[raj-mehta]]", Raj being its hiring manager). In id order, each once.
///
/// Only the entries of `a` and those linking its contacts are read.
fn helpers(index: &Index, linking: &[Vec<usize>], a: usize) -> Vec<usize> {
    let repo = index.repo;
    let application = &repo.applications[a];
    let listed = |c: &usize| application.references.contains(c) || application.contacts.contains(c);
    let mut found = BTreeSet::new();
    for entry in index.of_application(a).filter(|e| e.tagged(FAVOR_TAGS)) {
        found.extend(entry.contacts.iter().copied().filter(|c| !listed(c)));
    }
    for &p in &application.contacts {
        for &i in &linking[p] {
            found.extend(
                repo.entries[i]
                    .contacts
                    .iter()
                    .copied()
                    .filter(|c| !listed(c)),
            );
        }
    }
    let mut helpers: Vec<usize> = found.into_iter().collect();
    helpers.sort_by(|x, y| repo.contacts[*x].id.cmp(&repo.contacts[*y].id));
    helpers
}
