//! Rules for the people who vouch for you: `permission`, `heads-up`, `interview-update`,
//! `outcome-update`, `thank-reference`, `gift`, and `thank-favor`.

use super::index::Index;
use super::table::{FAVOR_TAGS, INTERVIEW};
use super::{Action, Rule};

/// Runs the reference rules.
pub(super) fn run(index: &Index, actions: &mut Vec<Action>) {
    let repo = index.repo;
    let grace = &repo.settings.grace;
    let agreed: Vec<bool> = (0..repo.contacts.len())
        .map(|c| {
            index
                .of_contact(c)
                .any(|e| e.tagged(Rule::Permission.settled()))
        })
        .collect();
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
        if application.status.is_active() {
            let last_interview = index
                .of_application(a)
                .filter(|e| e.tagged(INTERVIEW))
                .map(|e| e.date)
                .max();
            for &c in &application.references {
                if !agreed[c] {
                    push(Rule::Permission, c, a, applied);
                }
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
                        grace.interview_update.after(interview),
                    );
                }
            }
        }
        if let (true, Some(decided)) = (application.status.is_decided(), application.decided) {
            // "Dated ≥ applied" means any date where `applied` is missing.
            let since_applied = application.applied;
            for &c in &application.references {
                if !index.pair_has(c, a, Rule::OutcomeUpdate.settled(), Some(decided)) {
                    push(
                        Rule::OutcomeUpdate,
                        c,
                        a,
                        grace.outcome_update.after(decided),
                    );
                }
                if !index.pair_has(c, a, Rule::ThankReference.settled(), since_applied) {
                    push(
                        Rule::ThankReference,
                        c,
                        a,
                        grace.thank_reference.after(decided),
                    );
                }
                if application.status == crate::model::Status::Accepted
                    && repo.settings.rules.gift
                    && !index.pair_has(c, a, Rule::Gift.settled(), since_applied)
                {
                    push(Rule::Gift, c, a, grace.gift.after(decided));
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
                due: grace.thank_favor.after(favor.date),
                entry: Some(entry),
                spread_from: None,
            });
        }
    }
}
