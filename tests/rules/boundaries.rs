//! Boundary cases of several rules, and of how the files are read (`docs/rules.md`):
//! each table holds the cases of one rule or one theme.

use crate::scenario::{
    ACCEPTED, ACTIVE, Case, File, REJECTED, Scenario, T, app, check, contact, raw, settings,
};
use crate::scenario::{bob_on_acme, jane_on_acme, log};

/// Jane, who agreed on 2026-01-01, listed as `references` by one rejected application
/// `app-N` (at Company N) for each date, applied and decided that day.
fn jane_listed_on(dates: &[&str], references: &str) -> Vec<File> {
    let mut files = vec![contact(
        "jane-doe",
        "",
        &log(&["- 2026-01-01 Agreed #agreed"]),
    )];
    for (i, date) in dates.iter().enumerate() {
        files.push(app(
            &format!("app-{i}"),
            &format!(
                "company: Company {i}\nstatus: rejected\napplied: {date}\ndecided: {date}\nreferences: {references}"
            ),
            "",
        ));
    }
    files
}

/// `[limits] reference_window` of three months.
fn three_months() -> File {
    settings("[limits]\nreference_window = \"3m\"\n")
}

/// `rejection-thanks`: what thanks the employer, and what is an interview.
#[test]
fn rejection_thanks() {
    let mut cases = vec![
        Case {
            says: "an employer-side #gift counts as #thanks",
            files: bob_on_acme(
                REJECTED,
                &log(&["- 2026-11-16 Sent the team cookies #gift"]),
                "",
            ),
            ..Case::default()
        },
        Case {
            says: "an entry that links only someone outside the application's contacts does not thank the employer",
            files: [
                bob_on_acme(
                    REJECTED,
                    &log(&["- 2026-11-16 Thanked [[sam-ortiz]] for the tip #thanks"]),
                    "",
                ),
                vec![contact("sam-ortiz", "", "")],
            ]
            .concat(),
            want: vec![("-", "acme-sre", "2026-11-18")],
            ..Case::default()
        },
        Case {
            says: "an interview dated after today is planned, not held: no thanks due",
            files: vec![app(
                "acme-sre",
                REJECTED,
                &log(&["- 2026-11-30 Onsite #interview"]),
            )],
            ..Case::default()
        },
    ];
    for case in &mut cases {
        case.rule = "rejection-thanks";
    }
    check(&cases);
}

/// `gift`: its due date without an applied date, and which gifts count.
#[test]
fn gift() {
    let mut cases = vec![
        Case {
            says: "no applied date: due 14 days from the decided date",
            files: jane_on_acme("status: accepted\ndecided: 2026-11-15", "", ""),
            want: vec![("jane-doe", "acme-sre", "2026-11-29")],
            diagnostics: vec!["`applied` is missing"],
            ..Case::default()
        },
        Case {
            says: "any gift to her counts, however old",
            files: jane_on_acme(
                "status: accepted\ndecided: 2026-11-15",
                "",
                &log(&["- 2025-03-01 Flowers for her help #gift"]),
            ),
            diagnostics: vec!["`applied` is missing"],
            ..Case::default()
        },
        Case {
            says: "a gift scoped to another application does not count, nor thank her for this one",
            files: [
                jane_on_acme(
                    ACCEPTED,
                    "",
                    &log(&["- 2026-11-16 Cookies #gift [[globex-pm]]"]),
                ),
                vec![app(
                    "globex-pm",
                    "company: Globex\nstatus: rejected\napplied: 2026-10-05\ndecided: 2026-11-01\nreferences: [jane-doe]",
                    "",
                )],
            ]
            .concat(),
            want: vec![("jane-doe", "acme-sre", "2026-11-29")],
            also: vec![("thank-reference", vec![("jane-doe", "acme-sre", T)])],
            ..Case::default()
        },
    ];
    for case in &mut cases {
        case.rule = "gift";
    }
    check(&cases);
}

/// `interviewer-thanks` and `interview-update`: which interviews count.
#[test]
fn interviews() {
    let cases = vec![
        Case {
            says: "an interview dated today counts, for the interviewer and for the reference",
            files: [
                bob_on_acme(
                    &format!("{ACTIVE}\nreferences: [jane-doe]"),
                    &log(&["- 2026-11-22 Onsite with [[bob-stone]] #interview"]),
                    "",
                ),
                vec![contact("jane-doe", "", &log(&["- 2026-09-01 #agreed"]))],
            ]
            .concat(),
            rule: "interviewer-thanks",
            want: vec![("bob-stone", "acme-sre", "2026-11-23")],
            also: vec![(
                "interview-update",
                vec![("jane-doe", "acme-sre", "2026-11-24")],
            )],
            ..Case::default()
        },
        Case {
            says: "an unscoped #interview in his file concerns each application that lists him",
            files: [
                bob_on_acme(
                    ACTIVE,
                    "",
                    &log(&["- 2026-11-10 Interviewed me #interview"]),
                ),
                vec![app(
                    "globex-pm",
                    "company: Globex\nstatus: applied\napplied: 2026-10-05\ncontacts: [bob-stone]",
                    "",
                )],
            ]
            .concat(),
            rule: "interviewer-thanks",
            want: vec![
                ("bob-stone", "acme-sre", "2026-11-11"),
                ("bob-stone", "globex-pm", "2026-11-11"),
            ],
            ..Case::default()
        },
        Case {
            says: "an unscoped #interview in the interviewer's file makes the reference's update due",
            files: [
                bob_on_acme(
                    &format!("{ACTIVE}\nreferences: [jane-doe]"),
                    "",
                    &log(&["- 2026-11-10 Interviewed me #interview"]),
                ),
                vec![contact("jane-doe", "", "")],
            ]
            .concat(),
            rule: "interview-update",
            want: vec![("jane-doe", "acme-sre", "2026-11-12")],
            ..Case::default()
        },
    ];
    check(&cases);
}

/// `thank-favor`: whose favour, and whose thanks.
#[test]
fn thank_favor() {
    let mut cases = vec![
        Case {
            says: "a favour scoped to an application is still her favour, thanked without one",
            files: jane_on_acme(
                ACTIVE,
                "",
                &log(&["- 2026-11-10 Acme called her #reference-check [[acme-sre]]"]),
            ),
            want: vec![("jane-doe", "-", "2026-11-13")],
            ..Case::default()
        },
        Case {
            says: "#thanks in another contact's file that links her does not thank her",
            files: vec![
                contact("jane-doe", "", &log(&["- 2026-11-10 Letter #letter"])),
                contact(
                    "omar-haddad",
                    "",
                    &log(&["- 2026-11-12 Thanked him for introducing [[jane-doe]] #thanks"]),
                ),
            ],
            want: vec![("jane-doe", "-", "2026-11-13")],
            ..Case::default()
        },
    ];
    for case in &mut cases {
        case.rule = "thank-favor";
    }
    check(&cases);
}

/// `cheesecake`: where a target comes from, and a snooze with a cadence of her own.
#[test]
fn cheesecake() {
    let coffee = log(&["- 2026-09-01 Coffee chat"]);
    let mut cases = vec![
        Case {
            says: "an active application with `target: true` makes its company a target for the people outside it",
            files: vec![
                contact("carol-lee", "company: Kestrel Health", &coffee),
                contact("bob-stone", "company: Kestrel Health", &coffee),
                app(
                    "kestrel-ops",
                    "company: Kestrel Health\nstatus: interviewing\napplied: 2026-11-01\ntarget: true\ncontacts: [bob-stone]",
                    "",
                ),
            ],
            want: vec![("carol-lee", "-", "2026-10-31")],
            // Nor is Bob, who is in the application, stale.
            also: vec![("stale", vec![])],
            ..Case::default()
        },
        Case {
            says: "an accepted application at the company (named in another case) cancels its `target: true`",
            files: vec![
                contact("carol-lee", "company: Kestrel Health", &coffee),
                app(
                    "kestrel-ops",
                    "company: Kestrel Health\nstatus: rejected\napplied: 2026-03-01\ndecided: 2026-04-01\ntarget: true",
                    "",
                ),
                app(
                    "kestrel-sre",
                    "company: kestrel health \nstatus: accepted\napplied: 2026-08-01\ndecided: 2026-08-20",
                    "",
                ),
            ],
            also: vec![("stale", vec![("carol-lee", "-", "2027-02-28")])],
            ..Case::default()
        },
        Case {
            says: "her own cadence and a snooze together: due when the snooze ends",
            files: vec![
                settings("targets = [\"Kestrel Health\"]\n"),
                contact(
                    "carol-lee",
                    "company: Kestrel Health\ncadence: 30d\nsnooze_until: 2026-06-15",
                    &log(&["- 2026-05-01 Coffee chat"]),
                ),
            ],
            want: vec![("carol-lee", "-", "2026-06-15")],
            ..Case::default()
        },
    ];
    for case in &mut cases {
        case.rule = "cheesecake";
    }
    check(&cases);
}

/// `stale`: when a reference becomes a check-in contact, and what makes one a reference.
#[test]
fn stale() {
    let mut cases = vec![
        Case {
            says: "a reference of a decided application is a check-in contact once the reference rules are settled; her update is her last touch (+90d)",
            files: jane_on_acme(
                "status: rejected\napplied: 2026-03-01\ndecided: 2026-04-01",
                "",
                &log(&[
                    "- 2026-03-01 #agreed",
                    "- 2026-03-01 #heads-up",
                    "- 2026-04-02 Told her #update #thanks",
                ]),
            ),
            want: vec![("jane-doe", "-", "2026-07-01")],
            also: vec![("outcome-update", vec![]), ("thank-reference", vec![])],
            ..Case::default()
        },
        Case {
            says: "an #agreed entry in an application's file makes her a reference, on the reference cadence (+90d)",
            files: vec![
                contact("jane-doe", "", ""),
                app(
                    "acme-sre",
                    "status: prospect",
                    &log(&["- 2026-05-01 [[jane-doe]] agreed to vouch for me #agreed"]),
                ),
            ],
            want: vec![("jane-doe", "-", "2026-07-30")],
            ..Case::default()
        },
    ];
    for case in &mut cases {
        case.rule = "stale";
    }
    check(&cases);
}

/// `reference-overuse`: a window in months, and applications counted rather than listings.
#[test]
fn reference_overuse() {
    let listed_twice = jane_listed_on(
        &["2026-09-01", "2026-10-01", "2026-11-01"],
        "[jane-doe, Jane Doe]",
    );
    let mut cases = vec![
        Case {
            says: "a window in months includes its first day (T - 3m = 2026-08-22)",
            files: [
                jane_listed_on(
                    &["2026-08-22", "2026-09-01", "2026-10-01", "2026-11-01"],
                    "[jane-doe]",
                ),
                vec![three_months()],
            ]
            .concat(),
            want: vec![("jane-doe", "-", "-")],
            ..Case::default()
        },
        Case {
            says: "a window in months: the day before its first day is outside",
            files: [
                jane_listed_on(
                    &["2026-08-21", "2026-09-01", "2026-10-01", "2026-11-01"],
                    "[jane-doe]",
                ),
                vec![three_months()],
            ]
            .concat(),
            ..Case::default()
        },
        Case {
            says: "a window in months from a month's end (2026-05-31 - 3m = 2026-02-28) includes that day",
            files: [
                jane_listed_on(
                    &["2026-02-28", "2026-03-15", "2026-04-15", "2026-05-15"],
                    "[jane-doe]",
                ),
                vec![three_months()],
            ]
            .concat(),
            today: "2026-05-31",
            want: vec![("jane-doe", "-", "-")],
            ..Case::default()
        },
        Case {
            says: "a window in months from a month's end: the day before is outside",
            files: [
                jane_listed_on(
                    &["2026-02-27", "2026-03-15", "2026-04-15", "2026-05-15"],
                    "[jane-doe]",
                ),
                vec![three_months()],
            ]
            .concat(),
            today: "2026-05-31",
            ..Case::default()
        },
        Case {
            says: "applications are counted, not listings: three applications listing her twice each",
            files: listed_twice.clone(),
            ..Case::default()
        },
    ];
    for case in &mut cases {
        case.rule = "reference-overuse";
    }
    check(&cases);
    // Nor does any other rule caution about those three applications.
    assert_eq!(Scenario::of(&listed_twice).due(T).cautions(), vec![]);
}

/// How the files are read: ids, entries, tags, links, and files with errors.
#[test]
fn reading() {
    let cases = vec![
        Case {
            says: "ids are the file stems normalised",
            files: vec![
                raw(
                    "contacts/Jane Doe.md",
                    "---\nname: Jane Doe\nemail: jane@example.org\n---\n",
                ),
                raw(
                    "applications/Acme SRE (2026).md",
                    "---\ncompany: Acme Robotics\nrole: SRE\nstatus: applied\napplied: 2026-10-01\nreferences: [\"[[Jane Doe]]\"]\n---\n",
                ),
            ],
            rule: "permission",
            want: vec![("jane-doe", "acme-sre-2026", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "list items anywhere in the body are entries, nested ones too",
            files: jane_on_acme(
                ACTIVE,
                "",
                "Notes first.\n\n- 2026-09-20 Agreed at lunch #agreed\n\n## Log\n- Calls\n  - 2026-10-02 Sent resume #heads-up\n",
            ),
            rule: "permission",
            also: vec![("heads-up", vec![])],
            ..Case::default()
        },
        Case {
            says: "a tag ends at punctuation",
            files: jane_on_acme(
                ACTIVE,
                "",
                &log(&["- 2026-10-02 Sent resume (#heads-up), she agreed #agreed."]),
            ),
            rule: "heads-up",
            also: vec![("permission", vec![])],
            ..Case::default()
        },
        Case {
            says: "a tag does not end at a slash: #heads-up/draft is another tag",
            files: jane_on_acme(
                ACTIVE,
                "",
                &log(&["- 2026-10-02 Draft only #heads-up/draft"]),
            ),
            rule: "heads-up",
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "a Markdown link to her file in an application's entry links her",
            files: jane_on_acme(
                ACTIVE,
                &log(&["- 2026-10-02 Briefed [Jane](../contacts/jane-doe.md) #heads-up"]),
                "",
            ),
            rule: "heads-up",
            ..Case::default()
        },
        Case {
            says: "an application with errors is left out of the rules, with one diagnostic",
            files: [
                jane_on_acme(ACTIVE, "", ""),
                vec![app(
                    "globex-pm",
                    "company: Globex\nrole: PM\nstatus: pending\napplied: 2026-10-05\nreferences: [jane-doe]",
                    "",
                )],
            ]
            .concat(),
            rule: "permission",
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            diagnostics: vec!["applications/globex-pm.md"],
            ..Case::default()
        },
    ];
    check(&cases);
}

/// An impossible date in a log is an error on its line, and the file is left out.
#[test]
fn invalid_log_date() {
    let outcome = Scenario::of(&[contact(
        "jane-doe",
        "",
        &log(&["- 2026-11-10 Letter #letter", "- 2026-02-30 Typo #thanks"]),
    )])
    .due(T);
    let diagnostics = outcome.json()["diagnostics"]
        .as_array()
        .expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["severity"], "error");
    assert_eq!(diagnostics[0]["file"], "contacts/jane-doe.md");
    // Front matter is lines 1-4 (---, name, email, ---), then "## Log", the letter, the typo.
    assert_eq!(diagnostics[0]["line"], 7);
    assert_eq!(outcome.actions(), vec![]);
}
