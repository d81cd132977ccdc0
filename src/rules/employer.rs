//! Rules for the employer's side: `interviewer-thanks`, `rejection-thanks`, `ask-feedback`,
//! `share-feedback`, `connect`, `quiet`, and the `repeat-follow-up` caution.

use super::index::Index;
use super::{Action, Caution, CautionRule, Rule};
use crate::model::tags::{FOLLOW_UP, INTERVIEW, TagSet};
use crate::model::{Relationship, Status};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Runs the employer-side rules.
pub(super) fn run(index: &Index, actions: &mut Vec<Action>, cautions: &mut Vec<Caution>) {
    let repo = index.repo;
    let settings = &repo.settings;
    let grace = &settings.grace;
    for (a, application) in repo.applications.iter().enumerate() {
        let mut push = |rule, contact, due| {
            actions.push(Action {
                rule,
                contact,
                application: Some(a),
                due,
                entry: None,
                spread_from: None,
            });
        };
        let interviews = || index.of_application(a).filter(|e| e.tagged(INTERVIEW));

        if application.status.is_active() {
            // Every person an interview entry concerns, with the dates of their interviews.
            let mut interviewed: BTreeMap<usize, Vec<NaiveDate>> = BTreeMap::new();
            for entry in interviews() {
                for &p in &entry.contacts {
                    interviewed.entry(p).or_default().push(entry.date);
                }
            }
            for (p, dates) in interviewed {
                let last_thanks = index
                    .of_pair(p, a)
                    .filter(|e| e.tagged(Rule::InterviewerThanks.settled()))
                    .map(|e| e.date)
                    .max();
                let unthanked = dates
                    .into_iter()
                    .filter(|d| last_thanks.is_none_or(|t| *d > t))
                    .min();
                if let Some(interview) = unthanked {
                    push(
                        Rule::InterviewerThanks,
                        Some(p),
                        Rule::InterviewerThanks.grace(grace).after(interview),
                    );
                }
            }
        }

        if matches!(application.status, Status::Applied | Status::Interviewing)
            && Rule::Quiet.is_on(settings)
            && let Some(due) = quiet_due(index, a)
            && due <= index.today
        {
            push(Rule::Quiet, None, due);
        }

        let Some(decided) = application
            .decided
            .filter(|_| application.status.is_decided())
        else {
            continue;
        };
        let employer_side_since = |tags: TagSet| {
            index
                .of_application(a)
                .filter(|e| e.date >= decided && e.tagged(tags) && index.is_employer_side(e, a))
                .count()
        };
        match application.status {
            Status::Rejected => {
                let had_interview = interviews().next().is_some();
                if (had_interview || !application.contacts.is_empty())
                    && employer_side_since(Rule::RejectionThanks.settled()) == 0
                {
                    push(
                        Rule::RejectionThanks,
                        None,
                        Rule::RejectionThanks.grace(grace).after(decided),
                    );
                }
                if had_interview
                    && Rule::AskFeedback.is_on(settings)
                    && employer_side_since(Rule::AskFeedback.settled()) == 0
                {
                    push(
                        Rule::AskFeedback,
                        None,
                        Rule::AskFeedback.grace(grace).after(decided),
                    );
                }
                if Rule::Connect.is_on(settings) {
                    for &c in &application.contacts {
                        let contact = &repo.contacts[c];
                        let wants_connection = matches!(
                            contact.relationship,
                            Relationship::HiringManager | Relationship::Recruiter
                        );
                        if wants_connection
                            && !index
                                .of_contact(c)
                                .any(|e| e.tagged(Rule::Connect.settled()))
                        {
                            push(
                                Rule::Connect,
                                Some(c),
                                Rule::Connect.grace(grace).after(decided),
                            );
                        }
                    }
                }
                if employer_side_since(FOLLOW_UP) >= 2 {
                    cautions.push(Caution {
                        rule: CautionRule::RepeatFollowUp,
                        contact: None,
                        application: Some(a),
                        until: None,
                    });
                }
            }
            Status::Declined
                if Rule::ShareFeedback.is_on(settings)
                    && employer_side_since(Rule::ShareFeedback.settled()) == 0 =>
            {
                push(
                    Rule::ShareFeedback,
                    None,
                    Rule::ShareFeedback.grace(grace).after(decided),
                );
            }
            _ => {}
        }
    }
}

/// When `quiet` is due for application `a`: Q + `grace.quiet`, Q being the latest of its
/// `applied` and the dates of its employer-side entries, decisions aside (deciding not
/// to write is no news) but for a `#skip/quiet`, read as the entry that settles `quiet`
/// would be; `None` when it has neither (`docs/rules.md`).
fn quiet_due(index: &Index, a: usize) -> Option<NaiveDate> {
    let skip = Rule::Quiet.skipped();
    let latest_news = index
        .of_application(a)
        .filter(|e| (e.is_touch() || e.tagged(skip)) && index.is_employer_side(e, a))
        .map(|e| e.date)
        .max();
    let since = index.repo.applications[a].applied.max(latest_news)?;
    Some(Rule::Quiet.grace(&index.repo.settings.grace).after(since))
}
