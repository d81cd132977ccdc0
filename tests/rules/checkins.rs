//! The check-in rules: `cheesecake`, its caution `too-soon`, and `stale`
//! (`docs/rules.md`, `docs/checkins.md`).

use crate::scenario::{ACTIVE, Case, File, REJECTED, Scenario, T, app, check, contact, settings};

/// Settings that make Kestrel Health a target company.
const KESTREL: &str = "targets = [\"Kestrel Health\"]\n";

/// A log whose only touch is a coffee chat on 2026-09-01.
const COFFEE: &str = "## Log\n- 2026-09-01 Coffee chat\n";

/// Carol Lee at Kestrel Health, with more front matter lines `front` (may be empty) and
/// `body`.
fn carol(front: &str, body: &str) -> File {
    let front = if front.is_empty() {
        "company: Kestrel Health".to_owned()
    } else {
        format!("company: Kestrel Health\n{front}")
    };
    contact("carol-lee", &front, body)
}

/// Carol at a target company with her latest touch on `last`.
fn carol_at_target(last: &str) -> Vec<File> {
    vec![settings(KESTREL), carol("", &sent_talk(last))]
}

/// Carol's log: she was sent a talk on `day`, a cheesecake.
fn sent_talk(day: &str) -> String {
    format!("## Log\n- {day} Sent her my talk #cheesecake\n")
}

/// A row of a whole report: `(rule, contact, application, date)`.
fn row(
    rule: &str,
    contact: &str,
    application: &str,
    date: &str,
) -> (String, String, String, String) {
    (
        rule.to_owned(),
        contact.to_owned(),
        application.to_owned(),
        date.to_owned(),
    )
}

/// `cheesecake`: a check-in with a contact at a target company, every `cadence.cheesecake`.
#[test]
fn cheesecake() {
    let mut cases = vec![
        Case {
            says: "fires for a contact at a target company from the settings",
            files: vec![settings(KESTREL), carol("", COFFEE)],
            want: vec![("carol-lee", "-", "2026-10-31")],
            also: vec![("stale", vec![])],
            ..Case::default()
        },
        Case {
            says: "the company matches in any case, after trimming",
            files: vec![
                settings("targets = [\"  kestrel HEALTH \"]\n"),
                contact("carol-lee", "company: \" Kestrel Health  \"", COFFEE),
            ],
            want: vec![("carol-lee", "-", "2026-10-31")],
            ..Case::default()
        },
        Case {
            says: "without a touch it is due today",
            files: vec![settings(KESTREL), carol("", "")],
            want: vec![("carol-lee", "-", T)],
            ..Case::default()
        },
        Case {
            says: "a planned entry is not a touch",
            files: vec![
                settings(KESTREL),
                carol("", "## Log\n- 2026-12-01 Lunch planned\n"),
            ],
            want: vec![("carol-lee", "-", T)],
            ..Case::default()
        },
        Case {
            says: "an open task stands for it",
            files: vec![
                settings(KESTREL),
                carol(
                    "",
                    "## Log\n- 2026-12-01 Lunch planned\n- [ ] 2026-11-01 Send her the SLO write-up #cheesecake\n",
                ),
            ],
            also: vec![("task", vec![("carol-lee", "-", "2026-11-01")])],
            ..Case::default()
        },
        Case {
            says: "the latest touch counts, from any file",
            files: vec![
                settings(KESTREL),
                carol("", "## Log\n- 2026-06-01 Coffee chat\n"),
                app(
                    "kestrel-ops",
                    "company: Kestrel Health\nstatus: rejected\napplied: 2026-08-01\ndecided: 2026-09-01\ncontacts: [carol-lee]",
                    "## Log\n- 2026-09-01 [[carol-lee]] called with the news\n",
                ),
            ],
            want: vec![("carol-lee", "-", "2026-10-31")],
            ..Case::default()
        },
        Case {
            says: "an entry in another contact's file is not her touch",
            files: vec![
                settings(KESTREL),
                carol("", ""),
                contact(
                    "jane-doe",
                    "",
                    "## Log\n- 2026-11-01 Talked about [[carol-lee]]\n",
                ),
            ],
            want: vec![("carol-lee", "-", T)],
            ..Case::default()
        },
        Case {
            says: "an application with `target: true` makes its company a target",
            files: vec![
                contact("carol-lee", "company: kestrel health", COFFEE),
                app(
                    "kestrel-ops",
                    "company: Kestrel Health\nstatus: rejected\napplied: 2026-08-01\ndecided: 2026-08-20\ntarget: true",
                    "",
                ),
            ],
            want: vec![("carol-lee", "-", "2026-10-31")],
            ..Case::default()
        },
        Case {
            says: "an application without the target flag makes no target; she is stale instead",
            files: vec![
                carol("", COFFEE),
                app(
                    "kestrel-ops",
                    "company: Kestrel Health\nstatus: rejected\napplied: 2026-08-01\ndecided: 2026-08-20",
                    "",
                ),
            ],
            also: vec![("stale", vec![("carol-lee", "-", "2027-02-28")])],
            ..Case::default()
        },
        Case {
            says: "not at a company where an application is accepted; she is still a check-in contact",
            files: vec![
                settings(KESTREL),
                carol("", COFFEE),
                app(
                    "kestrel-ops",
                    "company: KESTREL HEALTH\nstatus: accepted\napplied: 2026-08-01\ndecided: 2026-08-20",
                    "",
                ),
            ],
            also: vec![("stale", vec![("carol-lee", "-", "2027-02-28")])],
            ..Case::default()
        },
        Case {
            says: "not for a contact in an active application",
            files: vec![
                settings(KESTREL),
                carol("", COFFEE),
                app(
                    "kestrel-ops",
                    "company: Kestrel Health\nstatus: interviewing\napplied: 2026-11-01\ncontacts: [carol-lee]",
                    "",
                ),
            ],
            ..Case::default()
        },
        Case {
            says: "for a contact in a prospect application",
            files: vec![
                settings(KESTREL),
                carol("", COFFEE),
                app(
                    "kestrel-ops",
                    "company: Kestrel Health\nstatus: prospect\ncontacts: [carol-lee]",
                    "",
                ),
            ],
            want: vec![("carol-lee", "-", "2026-10-31")],
            ..Case::default()
        },
        Case {
            says: "the contact's cadence overrides `cadence.cheesecake`",
            files: vec![
                settings("targets = [\"Kestrel Health\"]\n[cadence]\ncheesecake = \"45d\"\n"),
                carol("cadence: 30d", "## Log\n- 2026-05-01 Coffee chat\n"),
            ],
            want: vec![("carol-lee", "-", "2026-05-31")],
            ..Case::default()
        },
        Case {
            says: "`cadence.cheesecake` from the settings",
            files: vec![
                settings("targets = [\"Kestrel Health\"]\n[cadence]\ncheesecake = \"45d\"\n"),
                carol("", COFFEE),
            ],
            want: vec![("carol-lee", "-", "2026-10-16")],
            ..Case::default()
        },
        Case {
            says: "`cadence.cheesecake` comes before `cadence.reference` in the precedence",
            files: vec![
                settings(KESTREL),
                carol("", "## Log\n- 2026-09-01 Agreed to vouch #agreed\n"),
                app(
                    "globex-pm",
                    "company: Globex\nstatus: rejected\napplied: 2026-08-01\ndecided: 2026-08-20\nreferences: [carol-lee]",
                    "",
                ),
            ],
            want: vec![("carol-lee", "-", "2026-10-31")],
            ..Case::default()
        },
        Case {
            says: "a snooze past the due date moves it",
            files: vec![settings(KESTREL), carol("snooze_until: 2026-12-01", COFFEE)],
            want: vec![("carol-lee", "-", "2026-12-01")],
            ..Case::default()
        },
        Case {
            says: "a snooze before the due date changes nothing",
            files: vec![settings(KESTREL), carol("snooze_until: 2026-10-01", COFFEE)],
            want: vec![("carol-lee", "-", "2026-10-31")],
            ..Case::default()
        },
        Case {
            says: "without a touch, snoozed: due when the snooze ends",
            files: vec![settings(KESTREL), carol("snooze_until: 2027-01-15", "")],
            want: vec![("carol-lee", "-", "2027-01-15")],
            ..Case::default()
        },
        Case {
            says: "not for an archived contact (nor anything else: see below)",
            files: archived_carol(),
            ..Case::default()
        },
        Case {
            says: "not for a contact without a company",
            files: vec![settings(KESTREL), contact("carol-lee", "", "")],
            ..Case::default()
        },
    ];
    for case in &mut cases {
        case.rule = "cheesecake";
    }
    check(&cases);

    let outcome = Scenario::of(&archived_carol()).due(T);
    assert_eq!(outcome.diagnostics(), Vec::<String>::new());
    assert_eq!(
        outcome.actions(),
        vec![],
        "an archived contact gets no action"
    );
    assert_eq!(
        outcome.cautions(),
        vec![],
        "an archived contact gets no caution"
    );
}

/// Carol at a target company, archived, touched on 2026-11-10.
fn archived_carol() -> Vec<File> {
    vec![
        settings(KESTREL),
        carol("archived: true", "## Log\n- 2026-11-10 Coffee\n"),
    ]
}

/// `too-soon`: a caution while the latest touch of a target contact is closer than
/// `cadence.cheesecake_min_gap`.
#[test]
fn too_soon() {
    let mut cases = vec![
        Case {
            says: "fires within `cadence.cheesecake_min_gap` (3w), and the cheesecake waits",
            files: carol_at_target("2026-11-10"),
            want: vec![("carol-lee", "-", "2026-12-01")],
            also: vec![("cheesecake", vec![("carol-lee", "-", "2027-01-09")])],
            ..Case::default()
        },
        Case {
            says: "one day before the gap ends",
            files: carol_at_target("2026-11-02"),
            want: vec![("carol-lee", "-", "2026-11-23")],
            ..Case::default()
        },
        Case {
            says: "not at exactly the minimum gap",
            files: carol_at_target("2026-11-01"),
            ..Case::default()
        },
        Case {
            says: "a touch today",
            files: carol_at_target(T),
            want: vec![("carol-lee", "-", "2026-12-13")],
            ..Case::default()
        },
        Case {
            says: "`cadence.cheesecake_min_gap` from the settings",
            files: vec![
                settings("targets = [\"Kestrel Health\"]\n[cadence]\ncheesecake_min_gap = \"4w\"\n"),
                carol("", &sent_talk("2026-11-01")),
            ],
            want: vec![("carol-lee", "-", "2026-11-29")],
            ..Case::default()
        },
        Case {
            says: "not without a touch (a planned entry is none)",
            files: vec![settings(KESTREL), carol("", "## Log\n- 2026-11-25 Planned lunch\n")],
            ..Case::default()
        },
        Case {
            says: "not for a contact at a company that is no target",
            files: vec![carol("", "## Log\n- 2026-11-10 Coffee\n")],
            ..Case::default()
        },
        Case {
            says: "not for a contact in an active application",
            files: [
                carol_at_target("2026-11-10"),
                vec![app(
                    "kestrel-ops",
                    "company: Kestrel Health\nstatus: applied\napplied: 2026-11-01\ncontacts: [carol-lee]",
                    "",
                )],
            ]
            .concat(),
            ..Case::default()
        },
        Case {
            says: "not for an archived contact",
            files: archived_carol(),
            ..Case::default()
        },
    ];
    for case in &mut cases {
        case.rule = "too-soon";
    }
    check(&cases);

    let outcome = Scenario::of(&carol_at_target("2026-11-10")).due(T);
    assert_eq!(
        outcome.cautions(),
        vec![row("too-soon", "carol-lee", "-", "2026-12-01")],
        "too-soon is the only caution"
    );
}

/// `stale`: a check-in with a contact not touched for their cadence.
#[test]
fn stale() {
    let lunch = "## Log\n- 2026-05-01 Lunch\n";
    let agreed = "## Log\n- 2026-05-01 Agreed #agreed\n";
    let mut cases = vec![
        Case {
            says: "fires after `cadence.contact` (180d) from the latest touch",
            files: vec![contact(
                "sam-ortiz",
                "relationship: friend",
                "## Log\n- 2026-05-01 Caught up\n",
            )],
            want: vec![("sam-ortiz", "-", "2026-10-28")],
            ..Case::default()
        },
        Case {
            says: "needs a touch: a file without a log",
            files: vec![contact(
                "sam-ortiz",
                "",
                "Met at a conference, never wrote.\n",
            )],
            ..Case::default()
        },
        Case {
            says: "needs a touch: a planned entry and an open task are none",
            files: vec![contact(
                "sam-ortiz",
                "",
                "## Log\n- 2026-12-01 Dinner planned\n- [ ] 2026-01-01 Write to him\n",
            )],
            ..Case::default()
        },
        Case {
            says: "`cadence.reference` (90d) for a contact with an #agreed entry",
            files: vec![contact(
                "jane-doe",
                "",
                "## Log\n- 2026-05-01 Agreed to be a reference #agreed\n",
            )],
            want: vec![("jane-doe", "-", "2026-07-30")],
            ..Case::default()
        },
        Case {
            says: "`cadence.reference` for a reference of a decided application",
            files: vec![
                contact("jane-doe", "", lunch),
                app(
                    "acme-sre",
                    "status: withdrawn\napplied: 2026-03-01\ndecided: 2026-04-01\nreferences: [jane-doe]",
                    "",
                ),
            ],
            want: vec![("jane-doe", "-", "2026-07-30")],
            ..Case::default()
        },
        Case {
            says: "`cadence.contact` for a person in `contacts` of a decided application",
            files: vec![
                contact("bob-stone", "", lunch),
                app(
                    "acme-sre",
                    "status: rejected\napplied: 2026-03-01\ndecided: 2026-04-01\ncontacts: [bob-stone]",
                    "",
                ),
            ],
            want: vec![("bob-stone", "-", "2026-10-28")],
            ..Case::default()
        },
        Case {
            says: "the contact's own cadence beats `cadence.reference`",
            files: vec![contact("jane-doe", "cadence: 30d", agreed)],
            want: vec![("jane-doe", "-", "2026-05-31")],
            ..Case::default()
        },
        Case {
            says: "`cadence.reference` and `cadence.contact` from the settings",
            files: vec![
                settings("[cadence]\nreference = \"60d\"\ncontact = \"2m\"\n"),
                contact("jane-doe", "", agreed),
                contact("sam-ortiz", "", "## Log\n- 2026-04-30 Lunch\n"),
            ],
            want: vec![
                ("jane-doe", "-", "2026-06-30"),
                ("sam-ortiz", "-", "2026-06-30"),
            ],
            ..Case::default()
        },
        Case {
            says: "a calendar-month cadence clamps to the month's end",
            files: vec![contact(
                "sam-ortiz",
                "cadence: 1m",
                "## Log\n- 2026-01-31 Lunch\n",
            )],
            want: vec![("sam-ortiz", "-", "2026-02-28")],
            ..Case::default()
        },
        Case {
            says: "a year's cadence from a leap day",
            files: vec![contact(
                "sam-ortiz",
                "cadence: 1y",
                "## Log\n- 2024-02-29 Lunch\n",
            )],
            want: vec![("sam-ortiz", "-", "2025-02-28")],
            ..Case::default()
        },
        Case {
            says: "a cadence in weeks",
            files: vec![contact("sam-ortiz", "cadence: 6w", lunch)],
            want: vec![("sam-ortiz", "-", "2026-06-12")],
            ..Case::default()
        },
        Case {
            says: "the latest touch counts, from any file (2026-06-01 + 180d)",
            files: vec![
                contact(
                    "sam-ortiz",
                    "",
                    "## Log\n- 2026-05-01 Lunch\n- 2026-02-01 Call\n",
                ),
                app(
                    "acme-sre",
                    "status: rejected\napplied: 2026-01-01\ndecided: 2026-02-01\ncontacts: [sam-ortiz]",
                    "## Log\n- 2026-06-01 [[sam-ortiz]] sent a tip\n",
                ),
            ],
            want: vec![("sam-ortiz", "-", "2026-11-28")],
            ..Case::default()
        },
        Case {
            says: "not for people in active applications",
            files: vec![
                contact("jane-doe", "", "## Log\n- 2026-01-01 Agreed #agreed\n"),
                contact("bob-stone", "", "## Log\n- 2026-01-01 Lunch\n"),
                app(
                    "acme-sre",
                    &format!("{ACTIVE}\nreferences: [jane-doe]\ncontacts: [bob-stone]"),
                    "",
                ),
            ],
            ..Case::default()
        },
        Case {
            says: "a snooze past the due date moves it",
            files: vec![contact("sam-ortiz", "snooze_until: 2026-12-24", lunch)],
            want: vec![("sam-ortiz", "-", "2026-12-24")],
            ..Case::default()
        },
        Case {
            says: "a snooze ending on the due date changes nothing",
            files: vec![contact("sam-ortiz", "snooze_until: 2026-10-28", lunch)],
            want: vec![("sam-ortiz", "-", "2026-10-28")],
            ..Case::default()
        },
        Case {
            says: "`snooze_until` is about check-ins only: outcome-update keeps its date",
            files: vec![
                contact("jane-doe", "snooze_until: 2027-01-01", ""),
                app(
                    "acme-sre",
                    &format!("{REJECTED}\nreferences: [jane-doe]"),
                    "",
                ),
            ],
            rule: "outcome-update",
            want: vec![("jane-doe", "acme-sre", "2026-11-17")],
            ..Case::default()
        },
        Case {
            says: "not for an archived contact",
            files: vec![contact("sam-ortiz", "archived: true", lunch)],
            ..Case::default()
        },
    ];
    for case in &mut cases {
        if case.rule.is_empty() {
            case.rule = "stale";
        }
    }
    check(&cases);
}
