//! The reference rules: `permission`, `heads-up`, `interview-update`, `outcome-update`
//! and `thank-reference` (`docs/rules.md`).

use crate::scenario::{
    ACCEPTED, ACTIVE, Case, DECLINED, File, REJECTED, T, WITHDRAWN, app, check, contact, settings,
};
use crate::scenario::{jane_on_acme, log};

/// Another application, `globex-pm` at Globex, with `front` (status and dates), that
/// lists Jane as a reference too.
fn globex_pm(front: &str) -> File {
    app(
        "globex-pm",
        &format!("company: Globex\n{front}\nreferences: [jane-doe]"),
        "",
    )
}

/// Front matter of `globex-pm` applied for on 2026-10-05.
const GLOBEX_APPLIED: &str = "status: applied\napplied: 2026-10-05";

#[test]
fn permission() {
    let mut cases = vec![
        Case {
            says: "fires on the applied date without an agreement",
            files: jane_on_acme(ACTIVE, "", ""),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "no status means applied, which is active",
            files: jane_on_acme("applied: 2026-10-01", "", ""),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "a prospect is due today: ask before you give the employer their name",
            files: jane_on_acme("status: prospect", "", ""),
            want: vec![("jane-doe", "acme-sre", T)],
            ..Case::default()
        },
        Case {
            says: "a prospect, asked today",
            files: jane_on_acme(
                "status: prospect",
                "",
                &log(&["- 2026-11-22 Asked her to be my reference #asked [[acme-sre]]"]),
            ),
            ..Case::default()
        },
        Case {
            says: "settled by #agreed in her file",
            files: jane_on_acme(ACTIVE, "", &log(&["- 2026-09-20 Happy to vouch for me #agreed"])),
            ..Case::default()
        },
        Case {
            says: "an agreement for another job is no permission for this one",
            files: [
                jane_on_acme(
                    ACTIVE,
                    "",
                    &log(&["- 2026-06-01 Agreed to be my reference #agreed [[globex-pm]]"]),
                ),
                vec![app(
                    "globex-pm",
                    "company: Globex\nstatus: rejected\napplied: 2026-06-01\ndecided: 2026-07-01\nreferences: [jane-doe]",
                    "",
                )],
            ]
            .concat(),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "an agreement exactly `limits.agreement_lasts` (1y) old still counts",
            files: jane_on_acme(ACTIVE, "", &log(&["- 2025-11-22 Agreed to be my reference #agreed"])),
            ..Case::default()
        },
        Case {
            says: "an agreement a day older than `limits.agreement_lasts` no longer counts",
            files: jane_on_acme(ACTIVE, "", &log(&["- 2025-11-21 Agreed to be my reference #agreed"])),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "settled by #agreed in the application's file that links her",
            files: jane_on_acme(ACTIVE, &log(&["- 2026-09-28 [[jane-doe]] agreed #agreed"]), ""),
            ..Case::default()
        },
        Case {
            says: "an entry in an application file concerns only the contacts it links",
            files: jane_on_acme(ACTIVE, &log(&["- 2026-09-28 Someone agreed #agreed"]), ""),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "an agreement dated today counts",
            files: jane_on_acme(ACTIVE, "", &log(&["- 2026-11-22 Agreed today #agreed"])),
            ..Case::default()
        },
        Case {
            says: "an agreement dated tomorrow does not count yet",
            files: jane_on_acme(ACTIVE, "", &log(&["- 2026-11-23 Will agree #agreed"])),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "one action per application",
            files: [
                jane_on_acme(ACTIVE, "", ""),
                vec![app(
                    "globex-pm",
                    "company: Globex\nstatus: applied\napplied: 2026-10-05\nreferences: [jane-doe]",
                    "",
                )],
            ]
            .concat(),
            want: vec![
                ("jane-doe", "acme-sre", "2026-10-01"),
                ("jane-doe", "globex-pm", "2026-10-05"),
            ],
            ..Case::default()
        },
        Case {
            says: "no applied date: due today, and so is the heads-up",
            files: jane_on_acme("status: applied", "", ""),
            want: vec![("jane-doe", "acme-sre", T)],
            also: vec![("heads-up", vec![("jane-doe", "acme-sre", T)])],
            diagnostics: vec!["`applied` is missing"],
            ..Case::default()
        },
        Case {
            says: "listed three ways gives one action",
            files: vec![
                contact("jane-doe", "", ""),
                app(
                    "acme-sre",
                    &format!("{ACTIVE}\nreferences: [jane-doe, Jane Doe, \"[[jane-doe]]\"]"),
                    "",
                ),
            ],
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            also: vec![("heads-up", vec![("jane-doe", "acme-sre", "2026-10-01")])],
            ..Case::default()
        },
        Case {
            says: "not for people in `contacts` only",
            files: vec![
                contact("bob-stone", "relationship: recruiter", ""),
                app("acme-sre", &format!("{ACTIVE}\ncontacts: [bob-stone]"), ""),
            ],
            also: vec![("heads-up", vec![])],
            ..Case::default()
        },
        Case {
            says: "#Agreed in any case, after a `*` marker",
            files: jane_on_acme(ACTIVE, "", "## Log\n* 2026-09-20 Yes, gladly #Agreed\n"),
            ..Case::default()
        },
        Case {
            says: "#AGREED after a numbered marker",
            files: jane_on_acme(ACTIVE, "", "## Log\n1. 2026-09-20 Yes, gladly #AGREED\n"),
            ..Case::default()
        },
        Case {
            says: "#agreed in a code span is not a tag",
            files: jane_on_acme(ACTIVE, "", &log(&["- 2026-09-20 Wrote `#agreed` in a note"])),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "#agreed in a URL is not a tag",
            files: jane_on_acme(
                ACTIVE,
                "",
                &log(&["- 2026-09-20 Read https://example.org/page#agreed"]),
            ),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "#agreed outside a list item is not an entry",
            files: jane_on_acme(ACTIVE, "", "2026-09-20 She agreed #agreed\n"),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "a completed task is an ordinary entry",
            files: jane_on_acme(ACTIVE, "", &log(&["- [x] 2026-09-20 Asked, she agreed #agreed"])),
            also: vec![("task", vec![])],
            ..Case::default()
        },
        Case {
            says: "an open task is not an event",
            files: jane_on_acme(ACTIVE, "", &log(&["- [ ] 2026-09-20 Ask her to agree #agreed"])),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
    ];
    for status in ["applied", "interviewing", "offer"] {
        cases.push(Case {
            says: "fires for each active status",
            files: jane_on_acme(&format!("status: {status}\napplied: 2026-10-01"), "", ""),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        });
    }
    for front in [REJECTED, ACCEPTED, DECLINED, WITHDRAWN] {
        cases.push(Case {
            says: "not for a decided application",
            files: jane_on_acme(front, "", ""),
            ..Case::default()
        });
    }
    for case in &mut cases {
        case.rule = "permission";
    }
    check(&cases);
}

/// `heads-up`: each reference of an active application is sent a `#heads-up`, due on its
/// applied date.
#[test]
fn heads_up() {
    let mut cases = vec![
        Case {
            says: "fires on the applied date, even with an agreement",
            files: jane_on_acme(ACTIVE, "", &log(&["- 2026-09-20 #agreed"])),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "settled by an unscoped #heads-up in her file",
            files: jane_on_acme(
                ACTIVE,
                "",
                &log(&["- 2026-10-02 Sent resume and synopsis #heads-up"]),
            ),
            ..Case::default()
        },
        Case {
            says: "an unscoped #heads-up concerns every application that lists her; one \
                   listing her in `contacts` only is concerned too, but owes no heads-up",
            files: [
                jane_on_acme(ACTIVE, "", &log(&["- 2026-10-02 Sent resume #heads-up"])),
                vec![
                    globex_pm(GLOBEX_APPLIED),
                    app(
                        "initech-dev",
                        "company: Initech\nstatus: applied\napplied: 2026-10-06\ncontacts: [jane-doe]",
                        "",
                    ),
                ],
            ]
            .concat(),
            ..Case::default()
        },
        Case {
            says: "a #heads-up scoped by a wikilink concerns only the linked application",
            files: [
                jane_on_acme(
                    ACTIVE,
                    "",
                    &log(&["- 2026-10-02 Sent resume #heads-up [[acme-sre]]"]),
                ),
                vec![globex_pm(GLOBEX_APPLIED)],
            ]
            .concat(),
            want: vec![("jane-doe", "globex-pm", "2026-10-05")],
            ..Case::default()
        },
        Case {
            says: "a #heads-up scoped by a wikilink with a label",
            files: [
                jane_on_acme(
                    ACTIVE,
                    "",
                    &log(&["- 2026-10-02 Sent resume #heads-up [[acme-sre|Acme]]"]),
                ),
                vec![globex_pm(GLOBEX_APPLIED)],
            ]
            .concat(),
            want: vec![("jane-doe", "globex-pm", "2026-10-05")],
            ..Case::default()
        },
        Case {
            says: "a #heads-up scoped by a Markdown link",
            files: [
                jane_on_acme(
                    ACTIVE,
                    "",
                    &log(&["- 2026-10-02 Sent resume #heads-up [Acme](../applications/acme-sre.md)"]),
                ),
                vec![globex_pm(GLOBEX_APPLIED)],
            ]
            .concat(),
            want: vec![("jane-doe", "globex-pm", "2026-10-05")],
            ..Case::default()
        },
        Case {
            says: "a #heads-up in the application's file concerns only the contacts it links",
            files: vec![
                contact("jane-doe", "", ""),
                contact("omar-haddad", "", ""),
                app(
                    "acme-sre",
                    &format!("{ACTIVE}\nreferences: [jane-doe, omar-haddad]"),
                    "Synopsis.\n\n## Log\n- 2026-10-02 Briefed [[jane-doe]] #heads-up\n",
                ),
            ],
            want: vec![("omar-haddad", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "a #heads-up in the application's file that links no one concerns no contact",
            files: jane_on_acme(ACTIVE, &log(&["- 2026-10-02 Briefed everyone #heads-up"]), ""),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "a #heads-up in another contact's file that links her does not concern her",
            files: [
                jane_on_acme(ACTIVE, "", ""),
                vec![contact(
                    "omar-haddad",
                    "",
                    &log(&["- 2026-10-02 Told him about [[jane-doe]] #heads-up"]),
                )],
            ]
            .concat(),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "a #heads-up dated today counts",
            files: jane_on_acme(ACTIVE, "", &log(&["- 2026-11-22 Sent resume #heads-up"])),
            ..Case::default()
        },
        Case {
            says: "a #heads-up dated tomorrow does not count yet",
            files: jane_on_acme(ACTIVE, "", &log(&["- 2026-11-23 Send resume #heads-up"])),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "a #heads-up before the applied date still counts",
            files: jane_on_acme(
                ACTIVE,
                "",
                &log(&["- 2026-09-25 Sent resume #heads-up [[acme-sre]]"]),
            ),
            ..Case::default()
        },
    ];
    for (says, front) in [
        ("not for a prospect", "status: prospect"),
        ("not for a rejected application", REJECTED),
        ("not for an accepted offer", ACCEPTED),
        ("not for a declined offer", DECLINED),
        ("not for a withdrawn application", WITHDRAWN),
    ] {
        cases.push(Case {
            says,
            files: jane_on_acme(front, "", ""),
            ..Case::default()
        });
    }
    for case in &mut cases {
        case.rule = "heads-up";
    }
    check(&cases);
}

/// `interview-update`: each reference of an active application hears of its latest
/// interview by an `#update`, due `grace.interview_update` (2d) after it.
#[test]
fn interview_update() {
    let mut cases = vec![
        Case {
            says: "due two days after the latest interview not yet followed by an #update",
            files: jane_on_acme(
                ACTIVE,
                &log(&["- 2026-11-03 Phone screen #interview\n- 2026-11-10 Onsite #interview"]),
                &log(&["- 2026-11-05 Told her the screen went well #update"]),
            ),
            want: vec![("jane-doe", "acme-sre", "2026-11-12")],
            ..Case::default()
        },
        Case {
            says: "settled by an #update dated on the interview day",
            files: jane_on_acme(
                ACTIVE,
                &log(&["- 2026-11-10 Onsite #interview"]),
                &log(&["- 2026-11-10 Told her how it went #update"]),
            ),
            ..Case::default()
        },
        Case {
            says: "not settled by an #update the day before the interview",
            files: jane_on_acme(
                ACTIVE,
                &log(&["- 2026-11-10 Onsite #interview"]),
                &log(&["- 2026-11-09 Told her it is tomorrow #update"]),
            ),
            want: vec![("jane-doe", "acme-sre", "2026-11-12")],
            ..Case::default()
        },
        Case {
            says: "a planned interview alone gives nothing",
            files: jane_on_acme(ACTIVE, &log(&["- 2026-11-25 Onsite #interview"]), ""),
            ..Case::default()
        },
        Case {
            says: "a planned interview is not the latest: the past one counts",
            files: jane_on_acme(
                ACTIVE,
                &log(&["- 2026-11-10 Screen #interview\n- 2026-11-25 Onsite #interview"]),
                "",
            ),
            want: vec![("jane-doe", "acme-sre", "2026-11-12")],
            ..Case::default()
        },
        Case {
            says: "a planned #update does not count",
            files: jane_on_acme(
                ACTIVE,
                &log(&["- 2026-11-10 Onsite #interview"]),
                &log(&["- 2026-11-23 Tell her #update"]),
            ),
            want: vec![("jane-doe", "acme-sre", "2026-11-12")],
            ..Case::default()
        },
        Case {
            says: "an #interview in the interviewer's file, linking the application, counts",
            files: [
                jane_on_acme(&format!("{ACTIVE}\ncontacts: [bob-stone]"), "", ""),
                vec![contact(
                    "bob-stone",
                    "relationship: interviewer",
                    &log(&["- 2026-11-10 He interviewed me #interview [[acme-sre]]"]),
                )],
            ]
            .concat(),
            want: vec![("jane-doe", "acme-sre", "2026-11-12")],
            ..Case::default()
        },
        Case {
            says: "an #update scoped to another application does not count",
            files: [
                jane_on_acme(
                    ACTIVE,
                    &log(&["- 2026-11-10 Onsite #interview"]),
                    &log(&["- 2026-11-12 Told her about Globex #update [[globex-pm]]"]),
                ),
                vec![globex_pm(GLOBEX_APPLIED)],
            ]
            .concat(),
            want: vec![("jane-doe", "acme-sre", "2026-11-12")],
            ..Case::default()
        },
        Case {
            says: "an #update in the application's file that links her counts",
            files: jane_on_acme(
                ACTIVE,
                &log(&[
                    "- 2026-11-10 Onsite #interview\n- 2026-11-11 Updated [[jane-doe]] #update",
                ]),
                "",
            ),
            ..Case::default()
        },
        Case {
            says: "not for a decided application",
            files: jane_on_acme(REJECTED, &log(&["- 2026-11-10 Onsite #interview"]), ""),
            ..Case::default()
        },
        Case {
            says: "nothing without an interview",
            files: jane_on_acme(ACTIVE, "", ""),
            ..Case::default()
        },
        Case {
            says: "the grace comes from `grace.interview_update`",
            files: [
                jane_on_acme(ACTIVE, &log(&["- 2026-11-10 Onsite #interview"]), ""),
                vec![settings("[grace]\ninterview_update = \"1w\"\n")],
            ]
            .concat(),
            want: vec![("jane-doe", "acme-sre", "2026-11-17")],
            ..Case::default()
        },
    ];
    for case in &mut cases {
        case.rule = "interview-update";
    }
    check(&cases);
}

/// `outcome-update`: each reference of a decided application hears how it ended by an
/// `#update`, due `grace.outcome_update` (2d) after the decision.
#[test]
fn outcome_update() {
    let mut cases = vec![
        Case {
            says: "settled by an #update dated on the decision day",
            files: jane_on_acme(
                REJECTED,
                "",
                &log(&["- 2026-11-15 Told her I did not get it #update"]),
            ),
            ..Case::default()
        },
        Case {
            says: "not settled by an #update before the decision",
            files: jane_on_acme(
                REJECTED,
                "",
                &log(&["- 2026-11-14 Told her about the onsite #update"]),
            ),
            want: vec![("jane-doe", "acme-sre", "2026-11-17")],
            ..Case::default()
        },
        Case {
            says: "a planned #update does not count",
            files: jane_on_acme(REJECTED, "", &log(&["- 2026-11-23 Tell her #update"])),
            want: vec![("jane-doe", "acme-sre", "2026-11-17")],
            ..Case::default()
        },
        Case {
            says: "an #update scoped to another application does not count",
            files: [
                jane_on_acme(
                    REJECTED,
                    "",
                    &log(&["- 2026-11-16 Told her #update [[globex-pm]]"]),
                ),
                vec![globex_pm(GLOBEX_APPLIED)],
            ]
            .concat(),
            want: vec![("jane-doe", "acme-sre", "2026-11-17")],
            ..Case::default()
        },
        Case {
            says: "an unscoped #update covers all her applications",
            files: [
                jane_on_acme(
                    REJECTED,
                    "",
                    &log(&["- 2026-11-16 Told her both outcomes #update"]),
                ),
                vec![globex_pm(
                    "status: rejected\napplied: 2026-10-05\ndecided: 2026-11-16",
                )],
            ]
            .concat(),
            ..Case::default()
        },
        Case {
            says: "not for an active application",
            files: jane_on_acme(ACTIVE, "", ""),
            ..Case::default()
        },
        Case {
            says: "the grace comes from `grace.outcome_update`",
            files: [
                jane_on_acme(REJECTED, "", ""),
                vec![settings("[grace]\noutcome_update = \"5d\"\n")],
            ]
            .concat(),
            want: vec![("jane-doe", "acme-sre", "2026-11-20")],
            ..Case::default()
        },
    ];
    for (says, front) in [
        ("due two days after a rejection", REJECTED),
        ("due two days after an accepted offer", ACCEPTED),
        ("due two days after a declined offer", DECLINED),
        ("due two days after a withdrawal", WITHDRAWN),
    ] {
        cases.push(Case {
            says,
            files: jane_on_acme(front, "", ""),
            want: vec![("jane-doe", "acme-sre", "2026-11-17")],
            ..Case::default()
        });
    }
    for case in &mut cases {
        case.rule = "outcome-update";
    }
    check(&cases);
}

/// `thank-reference`: each reference of a decided application is thanked (`#thanks` or
/// `#gift`, dated on or after `applied`), due `grace.thank_reference` (1w) after the
/// decision.
#[test]
fn thank_reference() {
    let mut cases = vec![
        Case {
            says: "settled by #thanks dated on the applied date",
            files: jane_on_acme(
                REJECTED,
                "",
                &log(&["- 2026-10-01 Thanked her for agreeing #thanks"]),
            ),
            ..Case::default()
        },
        Case {
            says: "not settled by #thanks before the applied date",
            files: jane_on_acme(REJECTED, "", &log(&["- 2026-09-30 Thanked her #thanks"])),
            want: vec![("jane-doe", "acme-sre", T)],
            ..Case::default()
        },
        Case {
            says: "settled by a #gift",
            files: jane_on_acme(ACCEPTED, "", &log(&["- 2026-11-16 Sent cookies #gift"])),
            ..Case::default()
        },
        Case {
            says: "a planned #thanks does not count",
            files: jane_on_acme(REJECTED, "", &log(&["- 2026-11-23 Thank her #thanks"])),
            want: vec![("jane-doe", "acme-sre", T)],
            ..Case::default()
        },
        Case {
            says: "#thanks scoped to another application does not count",
            files: [
                jane_on_acme(
                    REJECTED,
                    "",
                    &log(&["- 2026-11-16 Thanked her #thanks [[globex-pm]]"]),
                ),
                vec![globex_pm(GLOBEX_APPLIED)],
            ]
            .concat(),
            want: vec![("jane-doe", "acme-sre", T)],
            ..Case::default()
        },
        Case {
            says: "#thanks in the application's file that links her by name counts",
            files: jane_on_acme(
                REJECTED,
                &log(&["- 2026-11-16 Thanked [[Jane Doe]] #thanks"]),
                "",
            ),
            ..Case::default()
        },
        Case {
            says: "without an applied date any #thanks counts; outcome-update still dates \
                   from `decided`",
            files: jane_on_acme(
                "status: rejected\ndecided: 2026-11-15",
                "",
                &log(&["- 2025-01-10 Thanked her long ago #thanks"]),
            ),
            also: vec![(
                "outcome-update",
                vec![("jane-doe", "acme-sre", "2026-11-17")],
            )],
            diagnostics: vec!["`applied` is missing"],
            ..Case::default()
        },
        Case {
            says: "not for an active application",
            files: jane_on_acme(ACTIVE, "", ""),
            ..Case::default()
        },
    ];
    for (says, front) in [
        ("due a week after a rejection", REJECTED),
        ("due a week after an accepted offer", ACCEPTED),
        ("due a week after a declined offer", DECLINED),
        ("due a week after a withdrawal", WITHDRAWN),
    ] {
        cases.push(Case {
            says,
            files: jane_on_acme(front, "", ""),
            want: vec![("jane-doe", "acme-sre", T)],
            ..Case::default()
        });
    }
    for case in &mut cases {
        case.rule = "thank-reference";
    }
    check(&cases);
}
