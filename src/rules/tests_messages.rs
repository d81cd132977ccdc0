//! Unit tests of decisions (`#skip/RULE`, `#later/RULE`, `#asked`, `- [-]`) and of
//! messages: who receives what, and which actions travel together.

use super::tests::{JANE, app, date, jane_with, of_rule, repo, repo_with, row};
use super::*;

/// Each message of `today` as (recipient, rules of its actions in order, due).
fn messages(repo: &Repository, today: &str) -> Vec<(String, Vec<&'static str>, String)> {
    let outcome = evaluate(repo, date(today));
    outcome
        .messages
        .iter()
        .map(|m| {
            let who = match m.recipient {
                Recipient::Contact(c) => repo.contacts[c].id.clone(),
                Recipient::Application(a) => format!("application:{}", repo.applications[a].id),
                Recipient::Yourself => "yourself".to_owned(),
            };
            let rules = m.actions.iter().map(|&i| outcome.actions[i].rule.id());
            (who, rules.collect(), m.due.to_string())
        })
        .collect()
}

fn message(who: &str, rules: &[&'static str], due: &str) -> (String, Vec<&'static str>, String) {
    (who.to_owned(), rules.to_vec(), due.to_owned())
}

const OWEN: &str =
    "---\nname: Owen Fairweather\nemail: owen@example.com\nrelationship: hiring-manager\n---\n";
const RITA: &str = "---\nname: Rita Lopez\nemail: rita@example.com\nrelationship: recruiter\n---\n";
const IVAN: &str =
    "---\nname: Ivan Petrov\nemail: ivan@example.com\nrelationship: interviewer\n---\n";

/// A rejected application with an interview, listing `contacts`, whose log is `log`.
fn rejected(contacts: &str, log: &str) -> String {
    format!(
        "---\ncompany: Lumen\nrole: SRE\nstatus: rejected\napplied: 2026-10-01\ndecided: 2026-11-10\ncontacts: [{contacts}]\n---\n## Log\n- 2026-10-20 Panel #interview\n{log}"
    )
}

#[test]
fn skip_settles_its_rule_alone_and_is_no_touch() {
    // Without the decision both reference actions of the decided application are owed.
    let base = [
        (
            "applications/acme.md",
            app("rejected", "decided: 2026-11-10\n", ""),
        ),
        (
            "applications/other.md",
            app("applied", "", "").replace("Acme", "Other"),
        ),
    ];
    let cases = [
        ("", true, true),
        (
            "- 2026-11-12 Decided not to tell her #skip/outcome-update [[acme]]\n",
            false,
            true,
        ),
        // Dated before the decision: the settling entry would not count either.
        (
            "- 2026-11-09 Decided not to tell her #skip/outcome-update [[acme]]\n",
            true,
            true,
        ),
        // Dated after today: counts for nothing yet.
        (
            "- 2026-11-23 Decided not to tell her #skip/outcome-update [[acme]]\n",
            true,
            true,
        ),
        // About another application.
        (
            "- 2026-11-12 Decided not to tell her #skip/outcome-update [[other]]\n",
            true,
            true,
        ),
        // A decision is never an update or a thank-you, whatever else it says.
        (
            "- 2026-11-12 Not telling her #skip/outcome-update #update #thanks [[acme]]\n",
            false,
            true,
        ),
        (
            "- 2026-11-12 Not thanking #skip/thank-reference [[acme]]\n",
            true,
            false,
        ),
    ];
    for (log, outcome_update, thank_reference) in cases {
        let jane = jane_with(log);
        let mut files: Vec<(&str, &str)> = base.iter().map(|(p, t)| (*p, t.as_str())).collect();
        files.push(("contacts/jane-doe.md", &jane));
        let repo = repo(&files);
        let fires = |rule| !of_rule(&repo, "2026-11-22", rule).is_empty();
        assert_eq!(fires("outcome-update"), outcome_update, "{log}");
        assert_eq!(fires("thank-reference"), thank_reference, "{log}");
    }
}

#[test]
fn a_decision_is_not_a_touch_but_a_skipped_check_in_waits_a_cadence() {
    let settings = "[cadence]\ncontact = \"30d\"\n";
    let cases = [
        // Last touch 2026-10-01: stale from 2026-10-31.
        (
            "- 2026-10-01 Coffee\n",
            vec![row("jane-doe", "-", "2026-10-31")],
        ),
        // A decision about another rule is not a touch.
        (
            "- 2026-10-01 Coffee\n- 2026-11-01 Not now #skip/cheesecake\n",
            vec![row("jane-doe", "-", "2026-10-31")],
        ),
        // Skipping the check-in counts, for `stale` alone, as a touch on its date.
        (
            "- 2026-10-01 Coffee\n- 2026-11-01 Not now #skip/stale\n",
            vec![row("jane-doe", "-", "2026-12-01")],
        ),
        // A decision alone is no touch: nobody to check in with again.
        ("- 2026-11-01 Not now #later/stale\n", vec![]),
    ];
    for (log, expected) in cases {
        let repo = repo_with(settings, &[("contacts/jane-doe.md", &jane_with(log))]);
        assert_eq!(of_rule(&repo, "2026-11-22", "stale"), expected, "{log}");
    }
}

#[test]
fn later_puts_an_action_off_to_its_date() {
    let base = app("rejected", "decided: 2026-11-10\n", "");
    let cases = [
        ("", "2026-11-12"),
        // Put off to a planned date.
        (
            "- 2026-11-20 Remind me #later/outcome-update [[acme]]\n",
            "2026-12-06",
        ),
        // The latest decision wins.
        (
            "- 2026-11-20 Remind me #later/outcome-update [[acme]]\n- 2026-11-21 Later still #later/outcome-update [[acme]]\n",
            "2026-12-10",
        ),
        // A date already past the action's own changes nothing.
        (
            "- 2026-11-20 Old #later/outcome-update [[acme]]\n",
            "2026-11-12",
        ),
        // Another rule's, or another application's, decision changes nothing.
        (
            "- 2026-11-20 Remind me #later/thank-reference [[acme]]\n",
            "2026-11-12",
        ),
        (
            "- 2026-11-20 Remind me #later/outcome-update [[other]]\n",
            "2026-11-12",
        ),
    ];
    for (log, due) in cases {
        // The decision's date is the entry's: rewrite the planned ones.
        let log = log
            .replace("- 2026-11-20 Remind me", "- 2026-12-06 Remind me")
            .replace("- 2026-11-21 Later still", "- 2026-12-10 Later still")
            .replace("- 2026-11-20 Old", "- 2026-11-11 Old");
        let jane = jane_with(&log);
        let other = app("prospect", "", "").replace("Acme", "Other");
        let repo = repo(&[
            ("contacts/jane-doe.md", &jane),
            ("applications/acme.md", &base),
            ("applications/other.md", &other),
        ]);
        assert_eq!(
            of_rule(&repo, "2026-11-22", "outcome-update"),
            vec![row("jane-doe", "acme", due)],
            "{log}"
        );
    }
    // On the date it comes back due, and the next day it is overdue from that date.
    let jane = jane_with("- 2026-12-06 Remind me #later/outcome-update [[acme]]\n");
    let repo = repo(&[
        ("contacts/jane-doe.md", &jane),
        ("applications/acme.md", &base),
    ]);
    let outcome = evaluate(&repo, date("2026-12-06"));
    let state = |outcome: &Outcome| {
        let i = (outcome.actions.iter())
            .position(|a| a.rule == Rule::OutcomeUpdate)
            .expect("outcome-update");
        outcome.actions[i].state(outcome.today)
    };
    assert_eq!(state(&outcome), State::Due);
    assert_eq!(state(&evaluate(&repo, date("2026-12-07"))), State::Overdue);
}

#[test]
fn asked_counts_as_permission_and_cancelled_tasks_are_nothing() {
    let jane = jane_with("- 2026-11-01 Asked her #asked [[acme]]\n- [-] 2026-11-05 Call her\n");
    let repo = repo(&[
        ("contacts/jane-doe.md", &jane),
        ("applications/acme.md", &app("applied", "", "")),
    ]);
    assert_eq!(of_rule(&repo, "2026-11-22", "permission"), vec![]);
    assert_eq!(of_rule(&repo, "2026-11-22", "task"), vec![]);
    assert_eq!(repo.entries.len(), 1, "a cancelled task is no entry");
}

#[test]
fn after_a_no_the_employer_gets_one_message_from_whoever_told_you() {
    let today = "2026-11-22";
    // Owen is the hiring manager, Rita the recruiter: Owen gets the one note.
    let owen_rita = repo(&[
        ("contacts/owen.md", OWEN),
        ("contacts/rita.md", RITA),
        ("applications/lumen.md", &rejected("rita, owen", "")),
    ]);
    let got = messages(&owen_rita, today);
    assert!(
        got.contains(&message(
            "owen",
            &["rejection-thanks", "ask-feedback", "connect"],
            "2026-11-13"
        )),
        "{got:#?}"
    );
    assert!(
        got.contains(&message("rita", &["connect"], "2026-11-17")),
        "{got:#?}"
    );
    assert_eq!(got.len(), 2);

    // Rita told you the decision, on its date: the note goes to her.
    let told = rejected(
        "rita, owen",
        "- 2026-11-10 Rita called with the news [[rita]]\n",
    );
    let repo2 = repo(&[
        ("contacts/owen.md", OWEN),
        ("contacts/rita.md", RITA),
        ("applications/lumen.md", &told),
    ]);
    let got = messages(&repo2, today);
    assert!(
        got.contains(&message(
            "rita",
            &["rejection-thanks", "ask-feedback", "connect"],
            "2026-11-13"
        )),
        "{got:#?}"
    );
    // A day later is not the decision: the hiring manager again.
    let later = rejected("rita, owen", "- 2026-11-11 Rita called again [[rita]]\n");
    let repo3 = repo(&[
        ("contacts/owen.md", OWEN),
        ("contacts/rita.md", RITA),
        ("applications/lumen.md", &later),
    ]);
    assert!(messages(&repo3, today)[0].0 == "owen");

    // Only a recruiter: her; only an interviewer: him; nobody: the application.
    for (contacts, files, who) in [
        (
            "rita, ivan",
            vec![("contacts/rita.md", RITA), ("contacts/ivan.md", IVAN)],
            "rita",
        ),
        ("ivan", vec![("contacts/ivan.md", IVAN)], "ivan"),
        ("", vec![], "application:lumen"),
    ] {
        let application = rejected(contacts, "");
        let mut all = files.clone();
        all.push(("applications/lumen.md", &application));
        let got = messages(&repo(&all), today);
        let note = got
            .iter()
            .find(|m| m.1.contains(&"ask-feedback"))
            .expect("ask-feedback");
        assert_eq!(note.0, who, "{contacts}");
        assert!(note.1.contains(&"rejection-thanks") || contacts.is_empty());
    }

    // An archived hiring manager is passed over.
    let archived = OWEN.replace("relationship:", "archived: true\nrelationship:");
    let got = messages(
        &repo(&[
            ("contacts/owen.md", &archived),
            ("contacts/rita.md", RITA),
            ("applications/lumen.md", &rejected("owen, rita", "")),
        ]),
        today,
    );
    assert!(got.iter().all(|m| m.0 != "owen"), "{got:#?}");
    assert_eq!(got[0].0, "rita");
}

#[test]
fn one_persons_actions_travel_together_within_the_window() {
    // Jane: permission and heads-up for Acme (applied 2026-10-01, overdue), and an
    // outcome-update for Beta decided on `decided`, due two days later.
    let jane = format!("{JANE}## Log\n");
    let beta = |decided: &str| {
        format!(
            "---\ncompany: Beta\nrole: SRE\nstatus: rejected\napplied: 2026-09-01\ndecided: {decided}\nreferences: [jane-doe]\n---\n"
        )
    };
    let today = "2026-11-22";
    // Due 2026-11-29: today + 7 days, the last day that still joins.
    let joined = repo(&[
        ("contacts/jane-doe.md", &jane),
        ("applications/acme.md", &app("applied", "", "")),
        ("applications/beta.md", &beta("2026-11-27")),
    ]);
    let got = messages(&joined, today);
    assert_eq!(
        got,
        [
            message(
                "jane-doe",
                &["permission", "heads-up", "outcome-update"],
                "2026-10-01"
            ),
            // Acme has been quiet since it was applied for: a note of its own.
            message("yourself", &["quiet"], "2026-11-12"),
            message("jane-doe", &["thank-reference"], "2026-12-04"),
        ],
    );
    // One day more: a message of its own.
    let apart = repo(&[
        ("contacts/jane-doe.md", &jane),
        ("applications/acme.md", &app("applied", "", "")),
        ("applications/beta.md", &beta("2026-11-28")),
    ]);
    let got = messages(&apart, today);
    assert_eq!(
        got,
        [
            message("jane-doe", &["permission", "heads-up"], "2026-10-01"),
            message("yourself", &["quiet"], "2026-11-12"),
            message(
                "jane-doe",
                &["outcome-update", "thank-reference"],
                "2026-11-30"
            ),
        ],
    );
    // A wider window gathers them all.
    let wide = repo_with(
        "[grace]\ntogether = \"3w\"\n",
        &[
            ("contacts/jane-doe.md", &jane),
            ("applications/acme.md", &app("applied", "", "")),
            ("applications/beta.md", &beta("2026-11-28")),
        ],
    );
    // Jane's, and the note to yourself that Acme is quiet.
    assert_eq!(messages(&wide, today).len(), 2);
}

#[test]
fn notes_to_yourself_are_alone_and_every_action_is_in_one_message() {
    let jane =
        jane_with("- [ ] 2026-11-20 Call her\n- [ ] 2026-11-20 Call her\n- 2025-01-01 Coffee\n");
    let repo = repo(&[
        ("contacts/jane-doe.md", &jane),
        (
            "applications/acme.md",
            &app("applied", "", "- [ ] 2026-11-21 Chase\n"),
        ),
    ]);
    let outcome = evaluate(&repo, date("2026-11-22"));
    let got = messages(&repo, "2026-11-22");
    // Three tasks, and Acme gone quiet since it was applied for: each alone.
    assert_eq!(
        got.iter().filter(|m| m.0 == "yourself").count(),
        4,
        "{got:#?}"
    );
    assert!(
        got.iter()
            .all(|m| m.0 != "yourself" || m.1 == ["task"] || m.1 == ["quiet"])
    );
    // Every action in exactly one message, and `message_of` agrees.
    let mut seen = vec![0; outcome.actions.len()];
    for (m, message) in outcome.messages.iter().enumerate() {
        for &i in &message.actions {
            seen[i] += 1;
            assert_eq!(outcome.message_of[i], m);
        }
    }
    assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
    // Messages by due date, then key.
    let order: Vec<_> = (outcome.messages.iter())
        .map(|m| (m.due, m.key.full.clone()))
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
}

#[test]
fn message_keys_share_the_action_namespace_and_are_stable() {
    let jane = jane_with("- [ ] 2026-11-20 Call her\n");
    let files = [
        ("contacts/jane-doe.md", jane.as_str()),
        ("applications/acme.md", &app("applied", "", "")),
    ];
    let repo1 = repo(&files);
    let one = evaluate(&repo1, date("2026-11-22"));
    let mut shown: Vec<&str> = one.keys.iter().map(ActionKey::short).collect();
    shown.extend(one.messages.iter().map(|m| m.key.short()));
    let count = shown.len();
    shown.sort_unstable();
    shown.dedup();
    assert_eq!(shown.len(), count, "a key means one thing");
    for key in &shown {
        assert!(one.find(key).is_ok(), "{key}");
        assert!(key.len() >= 6);
    }
    // The same messages the next day keep their keys.
    let two = evaluate(&repo1, date("2026-11-23"));
    let keys = |o: &Outcome| {
        o.messages
            .iter()
            .map(|m| m.key.full.clone())
            .collect::<Vec<_>>()
    };
    let (mut a, mut b) = (keys(&one), keys(&two));
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // A message's key finds the message; an action's, the action.
    let m = &one.messages[0];
    assert_eq!(one.find(m.key.short()), Ok(Keyed::Message(0)));
    assert_eq!(one.find(one.keys[0].short()), Ok(Keyed::Action(0)));
}

#[test]
fn message_titles_name_whom_what_and_which_application() {
    let repo = repo(&[
        ("contacts/owen.md", OWEN),
        ("applications/lumen.md", &rejected("owen", "")),
    ]);
    let outcome = evaluate(&repo, date("2026-11-22"));
    let titles: Vec<String> = (outcome.messages.iter())
        .map(|m| m.title(&repo, &outcome.actions))
        .collect();
    assert_eq!(
        titles,
        ["Owen Fairweather: thank, ask for feedback, ask to connect — SRE at Lumen"]
    );
}
