//! Unit tests of the rules on in-memory repositories: each rule fires, is satisfied, and
//! respects its boundary dates. (The tables of `tests/rules/` cover the same ground from
//! files on disk, through `due --json`.)

use super::*;
use crate::load::{Found, Kind, document_from_text};
use crate::settings::Settings;
use std::path::PathBuf;

/// A repository from `(path, text)` pairs; paths start with `contacts/` or `applications/`.
pub(super) fn repo_with(settings: &str, files: &[(&str, &str)]) -> Repository {
    let loaded = files
        .iter()
        .map(|(file, text)| {
            let kind = if file.starts_with("contacts/") {
                Kind::Contact
            } else {
                Kind::Application
            };
            let found = Found {
                kind,
                path: PathBuf::from(file),
                file: (*file).to_owned(),
            };
            let doc = document_from_text(&found, text);
            (found, doc)
        })
        .collect();
    let settings = Settings::parse(settings).expect("test settings");
    let repo = crate::model::assemble(PathBuf::from("."), settings, Vec::new(), loaded);
    assert!(
        !repo.diagnostics.iter().any(|d| d.is_error()),
        "fixture has errors: {:#?}",
        repo.diagnostics
    );
    repo
}

pub(super) fn repo(files: &[(&str, &str)]) -> Repository {
    repo_with("", files)
}

pub(super) fn date(text: &str) -> NaiveDate {
    text.parse().expect("test date")
}

/// `(rule, contact id, application id, due)` of every action on `today`.
pub(super) fn actions(
    repo: &Repository,
    today: &str,
) -> Vec<(&'static str, String, String, String)> {
    let outcome = evaluate(repo, date(today));
    outcome
        .actions
        .iter()
        .map(|a| {
            (
                a.rule.id(),
                a.contact
                    .map_or("-".to_owned(), |c| repo.contacts[c].id.clone()),
                a.application
                    .map_or("-".to_owned(), |x| repo.applications[x].id.clone()),
                a.due.to_string(),
            )
        })
        .collect()
}

pub(super) fn of_rule(repo: &Repository, today: &str, rule: &str) -> Vec<(String, String, String)> {
    actions(repo, today)
        .into_iter()
        .filter(|(r, ..)| *r == rule)
        .map(|(_, c, a, d)| (c, a, d))
        .collect()
}

pub(super) fn row(contact: &str, application: &str, due: &str) -> (String, String, String) {
    (contact.to_owned(), application.to_owned(), due.to_owned())
}

pub(super) const JANE: &str = "---\nname: Jane Doe\nemail: jane@example.com\n---\n";

pub(super) fn jane_with(log: &str) -> String {
    format!("{JANE}## Log\n{log}")
}

pub(super) fn app(status: &str, extra: &str, log: &str) -> String {
    format!(
        "---\ncompany: Acme\nrole: SRE\nstatus: {status}\napplied: 2026-10-01\nreferences: [jane-doe]\n{extra}---\nSynopsis.\n\n## Log\n{log}"
    )
}

#[test]
fn permission_and_heads_up_fire_until_done() {
    let cases = [
        ("", true, true),
        ("- 2026-09-01 Said yes #agreed\n", false, true),
        (
            "- 2026-09-01 Said yes #agreed\n- 2026-10-02 Briefed #heads-up [[acme]]\n",
            false,
            false,
        ),
        // A heads-up about another application does not count.
        ("- 2026-10-02 Briefed #heads-up [[other]]\n", true, true),
        // Dated tomorrow: counts for nothing yet.
        ("- 2026-11-23 Said yes #agreed #heads-up\n", true, true),
    ];
    for (log, permission, heads_up) in cases {
        let jane = jane_with(log);
        let other = app("applied", "", "");
        let repo = repo(&[
            ("contacts/jane-doe.md", &jane),
            ("applications/acme.md", &app("applied", "", "")),
            ("applications/other.md", &other.replace("Acme", "Other")),
        ]);
        let expected = |fires: bool| {
            if fires {
                vec![row("jane-doe", "acme", "2026-10-01")]
            } else {
                vec![]
            }
        };
        let got: Vec<_> = of_rule(&repo, "2026-11-22", "permission")
            .into_iter()
            .filter(|r| r.1 == "acme")
            .collect();
        assert_eq!(got, expected(permission), "permission with {log:?}");
        let got: Vec<_> = of_rule(&repo, "2026-11-22", "heads-up")
            .into_iter()
            .filter(|r| r.1 == "acme")
            .collect();
        assert_eq!(got, expected(heads_up), "heads-up with {log:?}");
    }
}

#[test]
fn interview_update_counts_from_the_latest_interview() {
    let cases = [
        ("", "- 2026-11-10 Panel #interview\n", Some("2026-11-12")),
        (
            "- 2026-11-10 Told her #update\n",
            "- 2026-11-10 Panel #interview\n",
            None,
        ),
        (
            "- 2026-11-09 Told her #update\n",
            "- 2026-11-10 Panel #interview\n",
            Some("2026-11-12"),
        ),
        (
            "- 2026-11-11 Told her #update\n",
            "- 2026-11-10 Panel #interview\n- 2026-11-18 Final #interview\n",
            Some("2026-11-20"),
        ),
        ("", "- 2026-11-23 Planned #interview\n", None),
    ];
    for (jane_log, app_log, due) in cases {
        let repo = repo(&[
            ("contacts/jane-doe.md", &jane_with(jane_log)),
            ("applications/acme.md", &app("interviewing", "", app_log)),
        ]);
        let expected: Vec<_> = due
            .map(|d| row("jane-doe", "acme", d))
            .into_iter()
            .collect();
        assert_eq!(
            of_rule(&repo, "2026-11-22", "interview-update"),
            expected,
            "{jane_log:?} {app_log:?}"
        );
    }
}

#[test]
fn decided_application_rules_and_boundaries() {
    // (status, jane's log, outcome-update, thank-reference, gift)
    let cases = [
        ("rejected", "", true, true, false),
        (
            "rejected",
            "- 2026-11-15 Told her, thanked her #update #thanks\n",
            false,
            false,
            false,
        ),
        // An update the day before the decision does not count; a thank-you since applying does.
        (
            "rejected",
            "- 2026-11-14 Told her #update\n- 2026-10-01 Thanked #thanks\n",
            true,
            false,
            false,
        ),
        (
            "rejected",
            "- 2026-09-30 Thanked before applying #thanks\n",
            true,
            true,
            false,
        ),
        (
            "accepted",
            "- 2026-11-15 Told her #update #thanks\n",
            false,
            false,
            true,
        ),
        (
            "accepted",
            "- 2026-11-16 Sent flowers #gift #update\n",
            false,
            false,
            false,
        ),
    ];
    for (status, log, outcome, thanks, gift) in cases {
        let repo = repo(&[
            ("contacts/jane-doe.md", &jane_with(log)),
            (
                "applications/acme.md",
                &app(status, "decided: 2026-11-15\n", ""),
            ),
        ]);
        let check = |rule, fires: bool, due| {
            let expected: Vec<_> = if fires {
                vec![row("jane-doe", "acme", due)]
            } else {
                vec![]
            };
            assert_eq!(
                of_rule(&repo, "2026-11-22", rule),
                expected,
                "{rule} for {status} {log:?}"
            );
        };
        check("outcome-update", outcome, "2026-11-17");
        check("thank-reference", thanks, "2026-11-22");
        check("gift", gift, "2026-11-29");
    }
}

#[test]
fn gift_can_be_turned_off() {
    let repo = repo_with(
        "[rules]\ngift = false\n",
        &[
            ("contacts/jane-doe.md", &jane_with("")),
            (
                "applications/acme.md",
                &app("accepted", "decided: 2026-11-15\n", ""),
            ),
        ],
    );
    assert!(of_rule(&repo, "2026-11-22", "gift").is_empty());
}

#[test]
fn thank_favor_after_the_latest_thanks() {
    let cases = [
        (
            "- 2026-11-10 Acme called her #reference-check\n",
            Some("2026-11-13"),
        ),
        (
            "- 2026-11-10 Acme called her #reference-check\n- 2026-11-10 Thanked #thanks\n",
            None,
        ),
        (
            "- 2026-11-01 Intro to Bo #intro\n- 2026-11-05 Thanked #thanks\n- 2026-11-12 Letter #letter\n- 2026-11-14 Favor #favor\n",
            Some("2026-11-15"),
        ),
        ("- 2026-11-23 Will call #reference-check\n", None),
    ];
    for (log, due) in cases {
        let repo = repo(&[("contacts/jane-doe.md", &jane_with(log))]);
        let expected: Vec<_> = due.map(|d| row("jane-doe", "-", d)).into_iter().collect();
        assert_eq!(
            of_rule(&repo, "2026-11-22", "thank-favor"),
            expected,
            "{log:?}"
        );
    }
}

#[test]
fn employer_side_rules_after_rejection() {
    let bo = "---\nname: Bo Lee\nemail: bo@example.com\nrelationship: hiring-manager\n---\n";
    let rejected = |app_log: &str, extra: &str| {
        format!(
            "---\ncompany: Acme\nrole: SRE\nstatus: rejected\napplied: 2026-10-01\ndecided: 2026-11-15\ncontacts: [bo-lee]\nreferences: [jane-doe]\n{extra}---\n## Log\n{app_log}"
        )
    };
    let repo = repo(&[
        ("contacts/jane-doe.md", JANE),
        ("contacts/bo-lee.md", bo),
        (
            "applications/acme.md",
            &rejected("- 2026-11-01 Panel with [[bo-lee]] #interview\n", ""),
        ),
    ]);
    assert_eq!(
        of_rule(&repo, "2026-11-22", "rejection-thanks"),
        [row("-", "acme", "2026-11-18")]
    );
    assert_eq!(
        of_rule(&repo, "2026-11-22", "ask-feedback"),
        [row("-", "acme", "2026-11-18")]
    );
    assert_eq!(
        of_rule(&repo, "2026-11-22", "connect"),
        [row("bo-lee", "acme", "2026-11-22")]
    );

    // A thank-you note to a reference is not employer-side; one to the hiring manager is.
    let repo = repo_with(
        "",
        &[
            (
                "contacts/jane-doe.md",
                &jane_with("- 2026-11-16 Thanks #thanks #feedback [[acme]]\n"),
            ),
            ("contacts/bo-lee.md", bo),
            (
                "applications/acme.md",
                &rejected("- 2026-11-01 Panel #interview\n", ""),
            ),
        ],
    );
    assert_eq!(of_rule(&repo, "2026-11-22", "rejection-thanks").len(), 1);
    assert_eq!(of_rule(&repo, "2026-11-22", "ask-feedback").len(), 1);
    let repo = repo_with(
        "",
        &[
            ("contacts/jane-doe.md", JANE),
            (
                "contacts/bo-lee.md",
                &format!(
                    "{bo}- 2026-11-15 Thanked, asked for feedback #thanks #feedback #connected\n"
                ),
            ),
            (
                "applications/acme.md",
                &rejected("- 2026-11-01 Panel #interview\n", ""),
            ),
        ],
    );
    assert!(of_rule(&repo, "2026-11-22", "rejection-thanks").is_empty());
    assert!(of_rule(&repo, "2026-11-22", "ask-feedback").is_empty());
    assert!(of_rule(&repo, "2026-11-22", "connect").is_empty());

    // Two follow-ups since the decision: hold off.
    let repo = repo_with(
        "",
        &[
            ("contacts/jane-doe.md", JANE),
            ("contacts/bo-lee.md", bo),
            (
                "applications/acme.md",
                &rejected(
                    "- 2026-11-15 Followed up #follow-up\n- 2026-11-20 Again #follow-up\n",
                    "",
                ),
            ),
        ],
    );
    let outcome = evaluate(&repo, date("2026-11-22"));
    assert_eq!(outcome.cautions.len(), 1);
    assert_eq!(outcome.cautions[0].rule, CautionRule::RepeatFollowUp);
    assert_eq!(outcome.cautions[0].until, None);
}

#[test]
fn interviewer_thanks_per_person() {
    let bo = "---\nname: Bo Lee\nemail: bo@example.com\n---\n";
    let log = "- 2026-11-10 Panel with [[bo-lee]] #interview\n";
    let repo = repo(&[
        ("contacts/bo-lee.md", bo),
        (
            "applications/acme.md",
            &app("interviewing", "", log).replace("references: [jane-doe]\n", ""),
        ),
    ]);
    assert_eq!(
        of_rule(&repo, "2026-11-22", "interviewer-thanks"),
        [row("bo-lee", "acme", "2026-11-11")]
    );
    let thanked = format!("{bo}## Log\n- 2026-11-10 Thank-you email #thanks\n");
    let repo = repo_with(
        "",
        &[
            ("contacts/bo-lee.md", &thanked),
            (
                "applications/acme.md",
                &app("interviewing", "contacts: [bo-lee]\n", log)
                    .replace("references: [jane-doe]\n", ""),
            ),
        ],
    );
    assert!(of_rule(&repo, "2026-11-22", "interviewer-thanks").is_empty());
}

#[test]
fn share_feedback_after_declining() {
    let declined = app("declined", "decided: 2026-11-15\n", "");
    let repo = repo(&[
        ("contacts/jane-doe.md", JANE),
        ("applications/acme.md", &declined),
    ]);
    assert_eq!(
        of_rule(&repo, "2026-11-22", "share-feedback"),
        [row("-", "acme", "2026-11-22")]
    );
    let done = app(
        "declined",
        "decided: 2026-11-15\n",
        "- 2026-11-15 Gave feedback #feedback\n",
    );
    let repo = repo_with(
        "",
        &[
            ("contacts/jane-doe.md", JANE),
            ("applications/acme.md", &done),
        ],
    );
    assert!(of_rule(&repo, "2026-11-22", "share-feedback").is_empty());
}

#[test]
fn check_ins_cheesecake_stale_snooze_and_cautions() {
    let person = |company: &str, extra: &str, log: &str| {
        format!(
            "---\nname: Kim\nemail: kim@example.com\ncompany: {company}\n{extra}---\n## Log\n{log}"
        )
    };
    let settings = "targets = [\" acme \"]\n";
    let cases = [
        // Target company, never touched: due today.
        ("ACME", "", "", vec![("cheesecake", "2026-11-22")], vec![]),
        // Touched 10 days ago: due in 60 days, too soon until 21 days after.
        (
            "Acme",
            "",
            "- 2026-11-12 Coffee\n",
            vec![("cheesecake", "2027-01-11")],
            vec![("too-soon", "2026-12-03")],
        ),
        // Exactly 21 days ago: no longer too soon.
        (
            "Acme",
            "",
            "- 2026-11-01 Coffee\n",
            vec![("cheesecake", "2026-12-31")],
            vec![],
        ),
        // Snoozed past the due date.
        (
            "Acme",
            "snooze_until: 2027-03-01\n",
            "- 2026-11-01 Coffee\n",
            vec![("cheesecake", "2027-03-01")],
            vec![],
        ),
        // Elsewhere: stale after the contact cadence; never touched: nothing.
        (
            "Globex",
            "",
            "- 2026-05-01 Lunch\n",
            vec![("stale", "2026-10-28")],
            vec![],
        ),
        ("Globex", "", "", vec![], vec![]),
        (
            "Globex",
            "cadence: 1m\n",
            "- 2026-01-31 Lunch\n",
            vec![("stale", "2026-02-28")],
            vec![],
        ),
        // Archived: nothing at all.
        (
            "Acme",
            "archived: true\n",
            "- 2026-11-12 Coffee\n",
            vec![],
            vec![],
        ),
    ];
    for (company, extra, log, expected_actions, expected_cautions) in cases {
        let repo = repo_with(
            settings,
            &[("contacts/kim.md", &person(company, extra, log))],
        );
        let outcome = evaluate(&repo, date("2026-11-22"));
        let got: Vec<_> = outcome
            .actions
            .iter()
            .map(|a| (a.rule.id(), a.due.to_string()))
            .collect();
        let want: Vec<_> = expected_actions
            .iter()
            .map(|(r, d)| (*r, (*d).to_owned()))
            .collect();
        assert_eq!(got, want, "{company} {extra:?} {log:?}");
        let got: Vec<_> = outcome
            .cautions
            .iter()
            .map(|c| {
                (
                    c.rule.id(),
                    c.until.map(|u| u.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        let want: Vec<_> = expected_cautions
            .iter()
            .map(|(r, d)| (*r, (*d).to_owned()))
            .collect();
        assert_eq!(got, want, "cautions for {company} {extra:?} {log:?}");
    }
}

#[test]
fn targets_exclude_companies_where_you_accepted() {
    let kim = "---\nname: Kim\nemail: kim@example.com\ncompany: Acme\n---\n";
    let accepted = app("accepted", "decided: 2026-11-01\ntarget: true\n", "");
    let repo = repo(&[
        ("contacts/kim.md", kim),
        ("contacts/jane-doe.md", JANE),
        ("applications/acme.md", &accepted),
    ]);
    assert!(of_rule(&repo, "2026-11-22", "cheesecake").is_empty());
    let prospect = "---\ncompany: acme\nrole: SRE\nstatus: prospect\ntarget: true\n---\n";
    let repo = repo_with(
        "",
        &[("contacts/kim.md", kim), ("applications/acme.md", prospect)],
    );
    assert_eq!(
        of_rule(&repo, "2026-11-22", "cheesecake"),
        [row("kim", "-", "2026-11-22")]
    );
}

#[test]
fn people_in_a_live_process_get_no_check_ins() {
    let repo = repo(&[
        (
            "contacts/jane-doe.md",
            &jane_with("- 2026-01-01 Lunch #agreed\n"),
        ),
        ("applications/acme.md", &app("applied", "", "")),
    ]);
    assert!(of_rule(&repo, "2026-11-22", "stale").is_empty());
    // Once decided, Jane is a check-in contact with the reference cadence (90 days).
    let repo = repo_with(
        "",
        &[
            (
                "contacts/jane-doe.md",
                &jane_with("- 2026-01-01 Lunch #agreed\n"),
            ),
            (
                "applications/acme.md",
                &app("withdrawn", "decided: 2026-02-01\n", ""),
            ),
        ],
    );
    assert_eq!(
        of_rule(&repo, "2026-11-22", "stale"),
        [row("jane-doe", "-", "2026-04-01")]
    );
}

#[test]
fn reference_overuse_window_is_inclusive() {
    let apps: Vec<String> = ["2026-08-24", "2026-09-01", "2026-10-01", "2026-11-22"]
        .iter()
        .map(|applied| {
            app("applied", "", "").replace("applied: 2026-10-01", &format!("applied: {applied}"))
        })
        .collect();
    let files: Vec<(String, &str)> = apps
        .iter()
        .enumerate()
        .map(|(i, text)| (format!("applications/app-{i}.md"), text.as_str()))
        .collect();
    let mut all: Vec<(&str, &str)> = files.iter().map(|(f, t)| (f.as_str(), *t)).collect();
    all.push(("contacts/jane-doe.md", JANE));
    let repo = repo(&all);
    let overuse = |today: &str| {
        evaluate(&repo, date(today))
            .cautions
            .iter()
            .filter(|c| c.rule == CautionRule::ReferenceOveruse)
            .count()
    };
    assert_eq!(
        overuse("2026-11-22"),
        1,
        "four uses from 2026-08-24 to 2026-11-22"
    );
    assert_eq!(overuse("2026-11-23"), 0, "2026-08-24 is outside the window");
    assert_eq!(
        overuse("2026-11-21"),
        0,
        "2026-11-22 is not yet inside the window"
    );
}

#[test]
fn tasks_are_due_on_their_date_whatever_it_is() {
    let repo = repo(&[(
        "contacts/jane-doe.md",
        &jane_with(
            "- [ ] 2026-12-01 Send write-up\n- [x] 2026-11-01 Done\n- [ ] 2026-11-20 Call\n",
        ),
    )]);
    let outcome = evaluate(&repo, date("2026-11-22"));
    let tasks: Vec<_> = outcome
        .actions
        .iter()
        .filter(|a| a.rule == Rule::Task)
        .map(|a| (a.due.to_string(), a.state(outcome.today)))
        .collect();
    assert_eq!(
        tasks,
        [
            ("2026-11-20".to_owned(), State::Overdue),
            ("2026-12-01".to_owned(), State::Upcoming)
        ]
    );
}

#[test]
fn unscoped_contact_entries_concern_every_listing_application() {
    let two = [
        (
            "contacts/jane-doe.md",
            jane_with("- 2026-11-16 Told her everything #update\n"),
        ),
        (
            "applications/acme.md",
            app("rejected", "decided: 2026-11-15\n", ""),
        ),
        (
            "applications/beta.md",
            app("rejected", "decided: 2026-11-15\n", "").replace("Acme", "Beta"),
        ),
    ];
    let files: Vec<(&str, &str)> = two.iter().map(|(f, t)| (*f, t.as_str())).collect();
    let repo = repo(&files);
    assert!(of_rule(&repo, "2026-11-22", "outcome-update").is_empty());
    let scoped = jane_with("- 2026-11-16 Told her #update [[acme]]\n");
    let files = [(files[0].0, scoped.as_str()), files[1], files[2]];
    let repo = repo_with("", &files);
    assert_eq!(
        of_rule(&repo, "2026-11-22", "outcome-update"),
        [row("jane-doe", "beta", "2026-11-17")]
    );
}

#[test]
fn states_and_sorting() {
    let repo = repo(&[
        (
            "contacts/jane-doe.md",
            &jane_with(
                "- [ ] 2026-11-22 Today\n- [ ] 2026-11-21 Yesterday\n- [ ] 2026-11-23 Tomorrow\n",
            ),
        ),
        (
            "applications/acme.md",
            &app("applied", "", "").replace("applied: 2026-10-01", "applied: 2026-11-22"),
        ),
    ]);
    let outcome = evaluate(&repo, date("2026-11-22"));
    let got: Vec<_> = outcome
        .actions
        .iter()
        .map(|a| (a.due.to_string(), a.rule.id(), a.state(outcome.today)))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-11-21".to_owned(), "task", State::Overdue),
            ("2026-11-22".to_owned(), "heads-up", State::Due),
            ("2026-11-22".to_owned(), "permission", State::Due),
            ("2026-11-22".to_owned(), "task", State::Due),
            ("2026-11-23".to_owned(), "task", State::Upcoming),
        ]
    );
}

#[test]
fn permission_is_per_application_and_lasts_a_year() {
    // (status, applied line, Jane's log, today, expected due or none)
    let cases = [
        // A prospect is asked before its employer hears the name: due today.
        ("prospect", "", "", "2026-11-22", Some("2026-11-22")),
        (
            "applied",
            "applied: 2026-10-01\n",
            "",
            "2026-11-22",
            Some("2026-10-01"),
        ),
        (
            "interviewing",
            "applied: 2026-10-01\n",
            "",
            "2026-11-22",
            Some("2026-10-01"),
        ),
        (
            "offer",
            "applied: 2026-10-01\n",
            "",
            "2026-11-22",
            Some("2026-10-01"),
        ),
        // Active without `applied`: due today.
        ("applied", "", "", "2026-11-22", Some("2026-11-22")),
        // Decided: nothing to ask.
        (
            "rejected",
            "applied: 2026-10-01\ndecided: 2026-11-01\n",
            "",
            "2026-11-22",
            None,
        ),
        // Asking settles it, as agreeing does.
        (
            "prospect",
            "",
            "- 2026-11-20 Asked her #asked [[acme]]\n",
            "2026-11-22",
            None,
        ),
        (
            "applied",
            "applied: 2026-10-01\n",
            "- 2026-09-20 Said yes #agreed [[acme]]\n",
            "2026-11-22",
            None,
        ),
        // An entry that links no application concerns every application listing her.
        (
            "applied",
            "applied: 2026-10-01\n",
            "- 2026-09-20 Said yes #agreed\n",
            "2026-11-22",
            None,
        ),
        // An agreement for another application is no permission for this one.
        (
            "applied",
            "applied: 2026-10-01\n",
            "- 2026-09-20 Said yes #agreed [[other]]\n",
            "2026-11-22",
            Some("2026-10-01"),
        ),
        // Exactly a year before today still counts; a day more does not.
        (
            "applied",
            "applied: 2026-10-01\n",
            "- 2025-11-22 Said yes #agreed\n",
            "2026-11-22",
            None,
        ),
        (
            "applied",
            "applied: 2026-10-01\n",
            "- 2025-11-21 Said yes #agreed\n",
            "2026-11-22",
            Some("2026-10-01"),
        ),
        // Dated after today: counts for nothing yet.
        (
            "prospect",
            "",
            "- 2026-11-23 Ask her #asked\n",
            "2026-11-22",
            Some("2026-11-22"),
        ),
    ];
    for (status, dates, log, today, expected) in cases {
        let acme = format!(
            "---\ncompany: Acme\nrole: SRE\nstatus: {status}\n{dates}references: [jane-doe]\n---\n"
        );
        let other = "---\ncompany: Other\nrole: SRE\nstatus: applied\napplied: 2026-09-01\n---\n";
        let repo = repo(&[
            ("contacts/jane-doe.md", &jane_with(log)),
            ("applications/acme.md", &acme),
            ("applications/other.md", other),
        ]);
        let want: Vec<_> = expected
            .map(|due| row("jane-doe", "acme", due))
            .into_iter()
            .collect();
        assert_eq!(
            of_rule(&repo, today, "permission"),
            want,
            "{status} {dates:?} {log:?}"
        );
    }
    // `limits.agreement_lasts` sets how long it lasts.
    let acme = app("applied", "", "");
    let repo = repo_with(
        "[limits]\nagreement_lasts = \"30d\"\n",
        &[
            (
                "contacts/jane-doe.md",
                &jane_with("- 2026-10-22 Said yes #agreed\n"),
            ),
            ("applications/acme.md", &acme),
        ],
    );
    assert!(of_rule(&repo, "2026-11-21", "permission").is_empty());
    assert_eq!(
        of_rule(&repo, "2026-11-22", "permission"),
        [row("jane-doe", "acme", "2026-10-01")]
    );
}

#[test]
fn helpers_hear_how_it_ended() {
    const BOB: &str = "---\nname: Bob Ray\nemail: bob@example.com\n---\n## Log\n";
    const RAJ: &str = "---\nname: Raj Mehta\nemail: raj@example.com\n---\n";
    let acme = |status: &str, log: &str| {
        format!(
            "---\ncompany: Acme\nrole: SRE\nstatus: {status}\napplied: 2026-10-01\ndecided: 2026-11-10\nreferences: [jane-doe]\ncontacts: [raj-mehta]\n---\n## Log\n{log}"
        )
    };
    // (Bob's log, Acme's status, Acme's log, expected due for Bob)
    let cases = [
        // His introduction to Raj, the hiring manager: he hears the news.
        (
            "- 2026-09-20 Introduced me to [[raj-mehta]] #intro\n",
            "accepted",
            "",
            Some("2026-11-12"),
        ),
        // A favour that concerns Bob and Acme.
        (
            "- 2026-09-20 Passed my resume on #favor [[acme]]\n",
            "rejected",
            "",
            Some("2026-11-12"),
        ),
        (
            "",
            "withdrawn",
            "- 2026-09-20 Referred by [[bob-ray]] #intro\n",
            Some("2026-11-12"),
        ),
        // Told on the decision day: settled; the day before: not yet the news.
        (
            "- 2026-09-20 Introduced me to [[raj-mehta]] #intro\n- 2026-11-10 Told him #update [[acme]]\n",
            "accepted",
            "",
            None,
        ),
        (
            "- 2026-09-20 Introduced me to [[raj-mehta]] #intro\n- 2026-11-09 Told him #update [[acme]]\n",
            "accepted",
            "",
            Some("2026-11-12"),
        ),
        // Not a favour, or a favour for something else: no helper.
        (
            "- 2026-09-20 Lunch with [[raj-mehta]]\n",
            "accepted",
            "",
            None,
        ),
        (
            "- 2026-09-20 Introduced me to Kim #intro\n",
            "accepted",
            "",
            None,
        ),
        // Still open: nothing ended yet.
        (
            "- 2026-09-20 Introduced me to [[raj-mehta]] #intro\n",
            "interviewing",
            "",
            None,
        ),
    ];
    for (log, status, app_log, expected) in cases {
        let bob = format!("{BOB}{log}");
        let acme = acme(status, app_log);
        let repo = repo(&[
            ("contacts/jane-doe.md", JANE),
            ("contacts/bob-ray.md", &bob),
            ("contacts/raj-mehta.md", RAJ),
            ("applications/acme.md", &acme),
        ]);
        let got: Vec<_> = of_rule(&repo, "2026-11-22", "outcome-update")
            .into_iter()
            .filter(|r| r.0 == "bob-ray")
            .collect();
        let want: Vec<_> = expected
            .map(|due| row("bob-ray", "acme", due))
            .into_iter()
            .collect();
        assert_eq!(got, want, "{log:?} {status} {app_log:?}");
        // A helper is told the news, not thanked as a reference.
        for rule in ["thank-reference", "gift"] {
            assert!(
                of_rule(&repo, "2026-11-22", rule)
                    .iter()
                    .all(|r| r.0 != "bob-ray"),
                "{rule}"
            );
        }
    }
    // Someone in `contacts` or `references` is no helper, and is never told twice.
    let bob = format!("{BOB}- 2026-09-20 Introduced me to [[raj-mehta]] #intro\n");
    let listed =
        acme("accepted", "").replace("references: [jane-doe]", "references: [jane-doe, bob-ray]");
    let repo = repo(&[
        ("contacts/jane-doe.md", JANE),
        ("contacts/bob-ray.md", &bob),
        ("contacts/raj-mehta.md", RAJ),
        ("applications/acme.md", &listed),
    ]);
    let bobs: Vec<_> = of_rule(&repo, "2026-11-22", "outcome-update")
        .into_iter()
        .filter(|r| r.0 == "bob-ray")
        .collect();
    assert_eq!(bobs, [row("bob-ray", "acme", "2026-11-12")]);
}

#[test]
fn quiet_asks_where_a_silent_application_stands() {
    let acme = |status: &str, applied: &str, log: &str| {
        format!(
            "---\ncompany: Acme\nrole: SRE\nstatus: {status}\n{applied}references: [jane-doe]\ncontacts: [raj-mehta]\n---\n## Log\n{log}"
        )
    };
    const RAJ: &str = "---\nname: Raj Mehta\nemail: raj@example.com\n---\n";
    let applied = "applied: 2026-10-01\n";
    // (status, applied, Acme's log, Jane's log, today, expected due)
    let cases = [
        // Six weeks after `applied`: due on the day, not before.
        ("applied", applied, "", "", "2026-11-12", Some("2026-11-12")),
        ("applied", applied, "", "", "2026-11-11", None),
        (
            "interviewing",
            applied,
            "",
            "",
            "2026-11-22",
            Some("2026-11-12"),
        ),
        // Only `applied` and `interviewing`.
        ("offer", applied, "", "", "2026-11-22", None),
        ("prospect", applied, "", "", "2026-11-22", None),
        // Employer-side news restarts the wait: in its file, or with its people.
        (
            "interviewing",
            applied,
            "- 2026-11-01 Phone screen [[raj-mehta]] #interview\n",
            "",
            "2026-11-22",
            None,
        ),
        (
            "interviewing",
            applied,
            "- 2026-11-01 Phone screen [[raj-mehta]] #interview\n",
            "",
            "2026-12-13",
            Some("2026-12-13"),
        ),
        (
            "applied",
            applied,
            "- 2026-10-11 No news yet\n",
            "",
            "2026-11-22",
            Some("2026-11-22"),
        ),
        // A reference's entry is not news from the employer, nor is a decision.
        (
            "applied",
            applied,
            "",
            "- 2026-11-01 Briefed #heads-up [[acme]]\n",
            "2026-11-22",
            Some("2026-11-12"),
        ),
        (
            "applied",
            applied,
            "- 2026-11-01 Not now #later/quiet\n",
            "",
            "2026-11-22",
            Some("2026-11-12"),
        ),
        (
            "applied",
            applied,
            "- 2026-11-01 No #skip/interview-update\n",
            "",
            "2026-11-22",
            Some("2026-11-12"),
        ),
        // Deciding to leave it be settles it as "No news yet" would.
        (
            "applied",
            applied,
            "- 2026-11-01 Leave it #skip/quiet\n",
            "",
            "2026-11-22",
            None,
        ),
        (
            "applied",
            applied,
            "- 2026-11-01 Leave it #skip/quiet\n",
            "",
            "2026-12-13",
            Some("2026-12-13"),
        ),
        // Put off: due on the decision's date.
        (
            "applied",
            applied,
            "- 2026-11-30 Ask me again #later/quiet\n",
            "",
            "2026-11-22",
            Some("2026-11-30"),
        ),
        // Planned entries count for nothing yet.
        (
            "applied",
            applied,
            "- 2026-11-30 Call with [[raj-mehta]]\n",
            "",
            "2026-11-22",
            Some("2026-11-12"),
        ),
        // Without `applied`: from the latest employer-side entry, or nothing.
        ("applied", "", "", "", "2026-11-22", None),
        (
            "applied",
            "",
            "- 2026-10-02 Applied online\n",
            "",
            "2026-11-22",
            Some("2026-11-13"),
        ),
    ];
    for (status, applied, log, jane, today, expected) in cases {
        let acme = acme(status, applied, log);
        let repo = repo(&[
            ("contacts/jane-doe.md", &jane_with(jane)),
            ("contacts/raj-mehta.md", RAJ),
            ("applications/acme.md", &acme),
        ]);
        let want: Vec<_> = expected
            .map(|due| row("-", "acme", due))
            .into_iter()
            .collect();
        assert_eq!(
            of_rule(&repo, today, "quiet"),
            want,
            "{status} {applied:?} {log:?} {jane:?} {today}"
        );
    }
    // `grace.quiet` and `rules.quiet`.
    let files = [
        ("contacts/jane-doe.md", JANE),
        ("contacts/raj-mehta.md", RAJ),
    ];
    let acme = acme("applied", applied, "");
    let with = |settings: &str| {
        let mut all = files.to_vec();
        all.push(("applications/acme.md", &acme));
        of_rule(&repo_with(settings, &all), "2026-11-22", "quiet")
    };
    assert_eq!(
        with("[grace]\nquiet = \"10d\"\n"),
        [row("-", "acme", "2026-10-11")]
    );
    assert!(with("[grace]\nquiet = \"60d\"\n").is_empty());
    assert!(with("[rules]\nquiet = false\n").is_empty());
}
