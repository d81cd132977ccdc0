//! The rule `task`, the cautions `reference-overuse` and `repeat-follow-up`, and what an
//! archived contact is spared (`docs/rules.md`).

use crate::scenario::bob_on_acme;
use crate::scenario::{
    ACCEPTED, ACTIVE, Case, DECLINED, File, Outcome, REJECTED, Scenario, T, WITHDRAWN, app, check,
    contact, settings,
};

/// Applications `app-0`, `app-1`, … of `Company 0`, `Company 1`, …, one applied (and
/// rejected) on each of `dates`, each listing `jane-doe` as a reference.
fn listing_jane(dates: &[&str]) -> Vec<File> {
    dates
        .iter()
        .enumerate()
        .map(|(i, date)| {
            app(
                &format!("app-{i}"),
                &format!(
                    "company: Company {i}\nstatus: rejected\napplied: {date}\ndecided: {date}\nreferences: [jane-doe]"
                ),
                "",
            )
        })
        .collect()
}

/// Jane, who agreed to be a reference, listed on applications applied on `dates`.
fn overuse(dates: &[&str]) -> Vec<File> {
    [
        vec![contact(
            "jane-doe",
            "",
            "## Log\n- 2026-01-01 Agreed #agreed\n",
        )],
        listing_jane(dates),
    ]
    .concat()
}

/// Jane archived, listed on four applications within the window.
fn overuse_archived() -> Vec<File> {
    [
        vec![contact("jane-doe", "archived: true", "")],
        listing_jane(&["2026-09-01", "2026-10-01", "2026-10-15", "2026-11-01"]),
    ]
    .concat()
}

/// An application `acme-sre` with `front` and `body` that lists `jane-doe` (with
/// `jane_front` and `jane_body`) as a reference.
fn jane_as_on_acme(front: &str, body: &str, jane_front: &str, jane_body: &str) -> Vec<File> {
    vec![
        contact("jane-doe", jane_front, jane_body),
        app(
            "acme-sre",
            &format!("{front}\nreferences: [jane-doe]"),
            body,
        ),
    ]
}

/// `task`: every open task in a log, for the file it is in.
#[test]
fn task() {
    let cases = vec![
        Case {
            says: "an open task in a contact's file",
            files: vec![contact(
                "sam-ortiz",
                "",
                "## Log\n- [ ] 2026-12-01 Send him the article\n",
            )],
            want: vec![("sam-ortiz", "-", "2026-12-01")],
            ..Case::default()
        },
        Case {
            says: "an open task in an application's file",
            files: vec![app(
                "acme-sre",
                ACTIVE,
                "## Log\n- [ ] 2026-11-20 Follow up on the take-home\n",
            )],
            want: vec![("-", "acme-sre", "2026-11-20")],
            ..Case::default()
        },
        Case {
            says: "a task's contact and application are its file's, not its links'",
            files: jane_as_on_acme(
                ACTIVE,
                "## Log\n- [ ] 2026-11-25 Prep [[jane-doe]] for the call\n",
                "",
                "## Log\n- [ ] 2026-11-26 Ask about [[acme-sre]]\n",
            ),
            want: vec![
                ("-", "acme-sre", "2026-11-25"),
                ("jane-doe", "-", "2026-11-26"),
            ],
            ..Case::default()
        },
        Case {
            says: "several tasks in one file, by date",
            files: vec![contact(
                "sam-ortiz",
                "",
                "## Log\n- [ ] 2026-12-01 Send the article\n- [ ] 2026-12-01 Ask about the meetup\n- [ ] 2026-11-01 Call\n",
            )],
            want: vec![
                ("sam-ortiz", "-", "2026-11-01"),
                ("sam-ortiz", "-", "2026-12-01"),
                ("sam-ortiz", "-", "2026-12-01"),
            ],
            ..Case::default()
        },
        Case {
            says: "a done task ([x] or [X]) is no task",
            files: vec![contact(
                "sam-ortiz",
                "",
                "## Log\n- [x] 2026-11-01 Called him\n- [X] 2026-11-02 Wrote him\n",
            )],
            ..Case::default()
        },
        Case {
            says: "not for an archived contact",
            files: vec![contact(
                "sam-ortiz",
                "archived: true",
                "## Log\n- [ ] 2026-12-01 Send the article\n",
            )],
            ..Case::default()
        },
        Case {
            says: "a done task is a touch: stale counts from it",
            files: vec![contact(
                "sam-ortiz",
                "",
                "## Log\n- 2026-05-01 Lunch\n- [x] 2026-06-01 Write (done: a touch)\n",
            )],
            rule: "stale",
            want: vec![("sam-ortiz", "-", "2026-11-28")],
            ..Case::default()
        },
        Case {
            says: "an open task is no touch, and it stands for the check-in",
            files: vec![contact(
                "sam-ortiz",
                "",
                "## Log\n- 2026-05-01 Lunch\n- [ ] 2026-06-01 Write\n",
            )],
            rule: "stale",
            also: vec![("task", vec![("sam-ortiz", "-", "2026-06-01")])],
            ..Case::default()
        },
    ];
    check(&with_rule(cases, "task"));
}

/// `reference-overuse`: a caution when a reference is listed on more than
/// `limits.reference_uses` applications within `limits.reference_window`.
#[test]
fn reference_overuse() {
    let jane = vec![("jane-doe", "-", "-")];
    let cases = vec![
        Case {
            says: "more than `limits.reference_uses` (3) in the window",
            files: overuse(&["2026-09-01", "2026-10-01", "2026-10-15", "2026-11-01"]),
            want: jane.clone(),
            ..Case::default()
        },
        Case {
            says: "exactly three is fine",
            files: overuse(&["2026-09-01", "2026-10-01", "2026-11-01"]),
            ..Case::default()
        },
        Case {
            says: "the window holds both its ends: T - 90d = 2026-08-24, and T",
            files: overuse(&["2026-08-24", "2026-10-01", "2026-11-01", T]),
            want: jane.clone(),
            ..Case::default()
        },
        Case {
            says: "an application applied before the window does not count",
            files: overuse(&["2026-08-23", "2026-10-01", "2026-11-01", T]),
            ..Case::default()
        },
        Case {
            says: "an application applied after today does not count",
            files: [
                overuse(&["2026-09-01", "2026-10-01", "2026-11-01"]),
                vec![app(
                    "app-later",
                    "company: Later Co\nstatus: prospect\napplied: 2026-11-23\nreferences: [jane-doe]",
                    "",
                )],
            ]
            .concat(),
            ..Case::default()
        },
        Case {
            says: "active and decided applications both count",
            files: [
                overuse(&["2026-09-01", "2026-10-01"]),
                vec![
                    app(
                        "active-1",
                        "company: Active One\nstatus: applied\napplied: 2026-11-10\nreferences: [jane-doe]",
                        "## Log\n- 2026-11-10 Told [[jane-doe]] #heads-up\n",
                    ),
                    app(
                        "active-2",
                        "company: Active Two\nstatus: offer\napplied: 2026-11-12\nreferences: [jane-doe]",
                        "## Log\n- 2026-11-12 Told [[jane-doe]] #heads-up\n",
                    ),
                ],
            ]
            .concat(),
            want: jane.clone(),
            ..Case::default()
        },
        Case {
            says: "`limits.reference_uses` from the settings",
            files: [
                overuse(&["2026-10-01", "2026-11-01"]),
                vec![settings("[limits]\nreference_uses = 1\n")],
            ]
            .concat(),
            want: jane.clone(),
            ..Case::default()
        },
        Case {
            says: "`limits.reference_window` from the settings, shorter",
            files: [
                overuse(&["2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"]),
                vec![settings("[limits]\nreference_window = \"30d\"\n")],
            ]
            .concat(),
            ..Case::default()
        },
        Case {
            says: "`limits.reference_window` from the settings, in months",
            files: [
                overuse(&["2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01"]),
                vec![settings("[limits]\nreference_window = \"6m\"\n")],
            ]
            .concat(),
            want: jane.clone(),
            ..Case::default()
        },
        Case {
            says: "listings in `contacts` do not count",
            files: [
                vec![contact("bob-stone", "", "")],
                (0..4)
                    .map(|i| {
                        app(
                            &format!("app-{i}"),
                            &format!(
                                "company: Company {i}\nstatus: rejected\napplied: 2026-11-0{}\ndecided: 2026-11-10\ncontacts: [bob-stone]",
                                i + 1
                            ),
                            "",
                        )
                    })
                    .collect(),
            ]
            .concat(),
            ..Case::default()
        },
        Case {
            says: "not for an archived contact (nor anything else: see below)",
            files: overuse_archived(),
            ..Case::default()
        },
    ];
    check(&with_rule(cases, "reference-overuse"));

    let outcome = Scenario::of(&overuse_archived()).due(T);
    assert_eq!(
        outcome.cautions(),
        vec![],
        "an archived reference: no caution"
    );
    assert_eq!(
        outcome.actions(),
        vec![],
        "an archived reference: no action"
    );
}

/// `repeat-follow-up`: a caution when a rejected application has more than one
/// follow-up since its decision, on the employer's side.
#[test]
fn repeat_follow_up() {
    let acme = vec![("-", "acme-sre", "-")];
    let twice = "## Log\n- 2026-11-16 Follow-up #follow-up\n- 2026-11-20 Again #follow-up\n";
    let mut cases = vec![
        Case {
            says: "two follow-ups after a rejection",
            files: vec![app(
                "acme-sre",
                REJECTED,
                "## Log\n- 2026-11-15 Thanked them #follow-up\n- 2026-11-20 Asked again #follow-up\n",
            )],
            want: acme.clone(),
            ..Case::default()
        },
        Case {
            says: "one is enough, and fine",
            files: vec![app(
                "acme-sre",
                REJECTED,
                "## Log\n- 2026-11-15 Thanked them #follow-up\n",
            )],
            ..Case::default()
        },
        Case {
            says: "a follow-up before the decision does not count",
            files: vec![app(
                "acme-sre",
                REJECTED,
                "## Log\n- 2026-11-14 Checked in #follow-up\n- 2026-11-16 Thanked them #follow-up\n",
            )],
            ..Case::default()
        },
        Case {
            says: "a planned follow-up does not count",
            files: vec![app(
                "acme-sre",
                REJECTED,
                "## Log\n- 2026-11-16 Thanked them #follow-up\n- 2026-11-23 Ask again #follow-up\n",
            )],
            ..Case::default()
        },
        Case {
            says: "counted across files on the employer's side",
            files: bob_on_acme(
                REJECTED,
                "## Log\n- 2026-11-16 Thanked them #follow-up\n",
                "## Log\n- 2026-11-20 Nudged him #follow-up\n",
            ),
            want: acme.clone(),
            ..Case::default()
        },
        Case {
            says: "a follow-up with a reference does not count",
            files: [
                bob_on_acme(
                    &format!("{REJECTED}\nreferences: [jane-doe]"),
                    "## Log\n- 2026-11-16 Thanked them #follow-up\n",
                    "",
                ),
                vec![contact(
                    "jane-doe",
                    "",
                    "## Log\n- 2026-11-20 Followed up with her #follow-up\n",
                )],
            ]
            .concat(),
            ..Case::default()
        },
    ];
    for front in [ACTIVE, ACCEPTED, DECLINED, WITHDRAWN] {
        cases.push(Case {
            says: "only when rejected",
            files: vec![app("acme-sre", front, twice)],
            ..Case::default()
        });
    }
    check(&with_rule(cases, "repeat-follow-up"));
}

/// An archived contact gets no action of any rule; in the first repository, nothing
/// raises a caution either.
#[test]
fn archived() {
    // A reference of an accepted offer, archived (and snoozed long ago), with a letter
    // and an open task: nothing for her, and no caution at all.
    let outcome = Scenario::of(&jane_as_on_acme(
        ACCEPTED,
        "",
        "archived: true\nsnooze_until: 2026-01-01",
        "## Log\n- 2026-11-10 Letter #letter\n- [ ] 2026-11-30 Call her\n",
    ))
    .due(T);
    assert_eq!(outcome.diagnostics(), Vec::<String>::new());
    assert_eq!(actions_for(&outcome, "jane-doe"), vec![]);
    assert_eq!(outcome.cautions(), vec![]);

    // A reference of an active application, archived: no action for her.
    let outcome = Scenario::of(&jane_as_on_acme(
        ACTIVE,
        "## Log\n- 2026-11-10 Onsite #interview\n",
        "archived: true",
        "",
    ))
    .due(T);
    assert_eq!(outcome.diagnostics(), Vec::<String>::new());
    assert_eq!(actions_for(&outcome, "jane-doe"), vec![]);
}

/// The actions of `outcome` for `contact`, as `(rule, contact, application, due)`.
fn actions_for(outcome: &Outcome, contact: &str) -> Vec<(String, String, String, String)> {
    outcome
        .actions()
        .into_iter()
        .filter(|(_, c, ..)| c == contact)
        .collect()
}

/// `cases`, each comparing `rule` unless it names its own.
fn with_rule<'a>(mut cases: Vec<Case<'a>>, rule: &'a str) -> Vec<Case<'a>> {
    for case in &mut cases {
        if case.rule.is_empty() {
            case.rule = rule;
        }
    }
    cases
}
