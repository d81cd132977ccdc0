//! The rules for after the employer's decision: `rejection-thanks`, `ask-feedback`,
//! `share-feedback` and `connect` (`docs/rules.md`).

use crate::scenario::bob_on_acme;
use crate::scenario::{
    ACCEPTED, ACTIVE, Case, DECLINED, File, REJECTED, T, WITHDRAWN, app, check, contact, settings,
};
use crate::thanks::items;

/// An onsite interview on 2026-11-10 that links nobody.
const ONSITE: &str = "2026-11-10 Onsite #interview";

/// The due date of `rejection-thanks` and `ask-feedback` for [`REJECTED`].
const WEEK_AFTER: &str = "2026-11-18";

/// `acme-sre` with `front` alone, and `body`.
fn acme(front: &str, body: &str) -> Vec<File> {
    vec![app("acme-sre", front, body)]
}

/// `files`, and `goodwill.toml` with `toml`.
fn with_settings(files: Vec<File>, toml: &str) -> Vec<File> {
    [files, vec![settings(toml)]].concat()
}

/// `rejection-thanks`: a gracious note to the employer after a rejection.
#[test]
fn rejection_thanks() {
    let refs = format!("{REJECTED}\nreferences: [jane-doe]");
    let mut cases = vec![
        Case {
            says: "with employer contacts: due a week after, for no one contact",
            files: bob_on_acme(REJECTED, "", ""),
            want: vec![("-", "acme-sre", WEEK_AFTER)],
            ..Case::default()
        },
        Case {
            says: "with an interview and no contacts",
            files: acme(REJECTED, &items(&[ONSITE])),
            want: vec![("-", "acme-sre", WEEK_AFTER)],
            ..Case::default()
        },
        Case {
            says: "not without an interview or contacts",
            files: acme(REJECTED, ""),
            ..Case::default()
        },
        Case {
            says: "a #thanks the day before the decision does not count",
            files: bob_on_acme(
                REJECTED,
                &items(&["2026-11-14 Thanked them for the onsite #thanks"]),
                "",
            ),
            want: vec![("-", "acme-sre", WEEK_AFTER)],
            ..Case::default()
        },
        Case {
            says: "a planned note does not count",
            files: bob_on_acme(REJECTED, &items(&["2026-11-23 Send a note #thanks"]), ""),
            want: vec![("-", "acme-sre", WEEK_AFTER)],
            ..Case::default()
        },
        Case {
            says: "settled by a #thanks in an employer contact's file",
            files: bob_on_acme(
                REJECTED,
                "",
                &items(&["2026-11-16 Thanked him for his time #thanks"]),
            ),
            ..Case::default()
        },
        Case {
            says: "a #thanks in a reference's file is not employer-side",
            files: [
                bob_on_acme(&refs, "", ""),
                vec![contact(
                    "jane-doe",
                    "",
                    &items(&["2026-11-16 Thanked her for the call #thanks"]),
                )],
            ]
            .concat(),
            want: vec![("-", "acme-sre", WEEK_AFTER)],
            ..Case::default()
        },
        Case {
            says: "a #thanks in the application's file that links only a reference is not employer-side",
            files: [
                bob_on_acme(
                    &refs,
                    &items(&["2026-11-16 Thanked [[jane-doe]] #thanks"]),
                    "",
                ),
                vec![contact("jane-doe", "", "")],
            ]
            .concat(),
            want: vec![("-", "acme-sre", WEEK_AFTER)],
            ..Case::default()
        },
        Case {
            says: "an entry linking a reference and an employer contact is employer-side",
            files: [
                bob_on_acme(
                    &refs,
                    &items(&["2026-11-16 Thanked [[bob-stone]], told [[jane-doe]] #thanks"]),
                    "",
                ),
                vec![contact("jane-doe", "", "")],
            ]
            .concat(),
            ..Case::default()
        },
        Case {
            says: "a #thanks scoped to another application does not count",
            files: [
                bob_on_acme(
                    REJECTED,
                    "",
                    &items(&["2026-11-16 Thanked him #thanks [[globex-pm]]"]),
                ),
                vec![app(
                    "globex-pm",
                    "company: Globex\nstatus: prospect\ncontacts: [bob-stone]",
                    "",
                )],
            ]
            .concat(),
            want: vec![("-", "acme-sre", WEEK_AFTER)],
            ..Case::default()
        },
    ];
    for (front, says) in [
        (ACTIVE, "not while interviewing"),
        (ACCEPTED, "not when accepted"),
        (DECLINED, "not when the offer was declined"),
        (WITHDRAWN, "not when withdrawn"),
    ] {
        cases.push(Case {
            says,
            files: bob_on_acme(front, &items(&[ONSITE]), ""),
            ..Case::default()
        });
    }
    for (tag, says) in [
        (
            "#thanks",
            "settled by an unlinked #thanks on the decision day",
        ),
        (
            "#follow-up",
            "settled by an unlinked #follow-up on the decision day",
        ),
    ] {
        cases.push(Case {
            says,
            files: bob_on_acme(
                REJECTED,
                &items(&[&format!("2026-11-15 Gracious note {tag}")]),
                "",
            ),
            ..Case::default()
        });
    }
    for case in &mut cases {
        case.rule = "rejection-thanks";
    }
    check(&cases);
}

/// `ask-feedback`: a request for brief feedback after a rejection that followed an interview.
#[test]
fn ask_feedback() {
    let mut cases = vec![
        Case {
            says: "due a week after a rejection that followed an interview",
            files: acme(REJECTED, &items(&[ONSITE])),
            want: vec![("-", "acme-sre", WEEK_AFTER)],
            ..Case::default()
        },
        Case {
            says: "not without an interview (rejection-thanks still is)",
            files: bob_on_acme(REJECTED, "", ""),
            also: vec![("rejection-thanks", vec![("-", "acme-sre", WEEK_AFTER)])],
            ..Case::default()
        },
        Case {
            says: "a planned interview is no interview",
            files: acme(REJECTED, &items(&["2026-11-30 Onsite #interview"])),
            ..Case::default()
        },
        Case {
            says: "settled by an employer-side #feedback on the decision day",
            files: acme(
                REJECTED,
                &items(&[ONSITE, "2026-11-15 Asked what I could do better #feedback"]),
            ),
            ..Case::default()
        },
        Case {
            says: "settled by a #feedback in the hiring manager's file",
            files: bob_on_acme(
                REJECTED,
                &items(&["2026-11-10 Onsite with [[bob-stone]] #interview"]),
                &items(&["2026-11-16 Asked him for feedback #feedback"]),
            ),
            ..Case::default()
        },
        Case {
            says: "a #feedback from a reference does not count",
            files: vec![
                contact(
                    "jane-doe",
                    "",
                    &items(&["2026-11-16 She gave me feedback on my pitch #feedback"]),
                ),
                app(
                    "acme-sre",
                    &format!("{REJECTED}\nreferences: [jane-doe]"),
                    &items(&[ONSITE]),
                ),
            ],
            want: vec![("-", "acme-sre", WEEK_AFTER)],
            ..Case::default()
        },
        Case {
            says: "switched off by `rules.ask_feedback = false`, and only ask-feedback is off",
            files: with_settings(
                acme(REJECTED, &items(&[ONSITE])),
                "[rules]\nask_feedback = false\n",
            ),
            also: vec![("rejection-thanks", vec![("-", "acme-sre", WEEK_AFTER)])],
            ..Case::default()
        },
        Case {
            says: "`grace.ask_feedback` and `grace.rejection_thanks` from the settings",
            files: with_settings(
                acme(REJECTED, &items(&[ONSITE])),
                "[grace]\nask_feedback = \"2w\"\nrejection_thanks = \"1d\"\n",
            ),
            want: vec![("-", "acme-sre", "2026-11-29")],
            also: vec![("rejection-thanks", vec![("-", "acme-sre", "2026-11-16")])],
            ..Case::default()
        },
    ];
    for (front, says) in [
        (ACTIVE, "not while interviewing"),
        (ACCEPTED, "not when accepted"),
        (DECLINED, "not when the offer was declined"),
        (WITHDRAWN, "not when withdrawn"),
    ] {
        cases.push(Case {
            says,
            files: acme(front, &items(&[ONSITE])),
            ..Case::default()
        });
    }
    for (date, says) in [
        (
            "2026-11-14",
            "a #feedback the day before the decision does not count",
        ),
        ("2026-11-23", "a planned #feedback does not count"),
    ] {
        cases.push(Case {
            says,
            files: acme(
                REJECTED,
                &items(&[ONSITE, &format!("{date} Feedback #feedback")]),
            ),
            want: vec![("-", "acme-sre", WEEK_AFTER)],
            ..Case::default()
        });
    }
    for case in &mut cases {
        case.rule = "ask-feedback";
    }
    check(&cases);
}

/// `share-feedback`: feedback on the employer's process after declining its offer.
#[test]
fn share_feedback() {
    let mut cases = vec![
        Case {
            says: "due a week after declining an offer",
            files: acme(DECLINED, ""),
            want: vec![("-", "acme-sre", T)],
            ..Case::default()
        },
        Case {
            says: "settled by a #feedback on the decision day",
            files: acme(
                DECLINED,
                &items(&["2026-11-15 Told the recruiter why #feedback"]),
            ),
            ..Case::default()
        },
        Case {
            says: "a #feedback the day before the decision does not count",
            files: acme(
                DECLINED,
                &items(&["2026-11-14 Gave feedback on the process #feedback"]),
            ),
            want: vec![("-", "acme-sre", T)],
            ..Case::default()
        },
        Case {
            says: "a #feedback that links only a reference does not count",
            files: vec![
                contact("jane-doe", "", ""),
                app(
                    "acme-sre",
                    &format!("{DECLINED}\nreferences: [jane-doe]"),
                    &items(&["2026-11-16 Talked it over with [[jane-doe]] #feedback"]),
                ),
            ],
            want: vec![("-", "acme-sre", T)],
            ..Case::default()
        },
        Case {
            says: "settled by a #feedback in the recruiter's file",
            files: vec![
                contact(
                    "rita-moss",
                    "relationship: recruiter",
                    &items(&["2026-11-16 Gave her feedback on the process #feedback"]),
                ),
                app(
                    "acme-sre",
                    &format!("{DECLINED}\ncontacts: [rita-moss]"),
                    "",
                ),
            ],
            ..Case::default()
        },
        Case {
            says: "switched off by `rules.share_feedback = false`",
            files: with_settings(acme(DECLINED, ""), "[rules]\nshare_feedback = false\n"),
            ..Case::default()
        },
        Case {
            says: "`grace.share_feedback` from the settings",
            files: with_settings(acme(DECLINED, ""), "[grace]\nshare_feedback = \"1d\"\n"),
            want: vec![("-", "acme-sre", "2026-11-16")],
            ..Case::default()
        },
    ];
    for (front, says) in [
        (ACTIVE, "not while interviewing"),
        (ACCEPTED, "not when accepted"),
        (REJECTED, "not when rejected"),
        (WITHDRAWN, "not when withdrawn"),
    ] {
        cases.push(Case {
            says,
            files: acme(front, ""),
            ..Case::default()
        });
    }
    for case in &mut cases {
        case.rule = "share-feedback";
    }
    check(&cases);
}

/// A hiring manager `dana-wu` (with `dana_body`), a recruiter `rita-moss` and an
/// interviewer `bob-stone`, all in `contacts` of `acme-sre` with `front` and `body`.
fn dana_rita_bob(front: &str, body: &str, dana_body: &str) -> Vec<File> {
    vec![
        contact("dana-wu", "relationship: hiring-manager", dana_body),
        contact("rita-moss", "relationship: recruiter", ""),
        contact("bob-stone", "relationship: interviewer", ""),
        app(
            "acme-sre",
            &format!("{front}\ncontacts: [rita-moss, dana-wu, bob-stone]"),
            body,
        ),
    ]
}

/// `connect`: connecting with the hiring manager and the recruiter after a rejection.
#[test]
fn connect() {
    let mut cases = vec![
        Case {
            says: "with the hiring manager and the recruiter after a rejection, not the interviewer",
            files: dana_rita_bob(REJECTED, "", ""),
            want: vec![("dana-wu", "acme-sre", T), ("rita-moss", "acme-sre", T)],
            ..Case::default()
        },
        Case {
            says: "settled by any #connected entry, even one before the decision",
            files: dana_rita_bob(
                REJECTED,
                "",
                &items(&["2026-03-01 Connected on LinkedIn at a meetup #connected"]),
            ),
            want: vec![("rita-moss", "acme-sre", T)],
            ..Case::default()
        },
        Case {
            says: "a planned connection does not count",
            files: dana_rita_bob(REJECTED, "", &items(&["2026-11-23 Connect #connected"])),
            want: vec![("dana-wu", "acme-sre", T), ("rita-moss", "acme-sre", T)],
            ..Case::default()
        },
        Case {
            says: "settled by an entry in the application's file that links the contact",
            files: dana_rita_bob(
                REJECTED,
                &items(&["2026-11-16 Connected with [[rita-moss]] #connected"]),
                "",
            ),
            want: vec![("dana-wu", "acme-sre", T)],
            ..Case::default()
        },
        Case {
            says: "not for a hiring manager listed as a reference",
            files: vec![
                contact("dana-wu", "relationship: hiring-manager", ""),
                app(
                    "acme-sre",
                    &format!("{REJECTED}\nreferences: [dana-wu]"),
                    "",
                ),
            ],
            ..Case::default()
        },
        Case {
            says: "switched off by `rules.connect = false`",
            files: with_settings(dana_rita_bob(REJECTED, "", ""), "[rules]\nconnect = false\n"),
            ..Case::default()
        },
        Case {
            says: "`grace.connect` from the settings",
            files: with_settings(dana_rita_bob(REJECTED, "", ""), "[grace]\nconnect = \"3d\"\n"),
            want: vec![
                ("dana-wu", "acme-sre", "2026-11-18"),
                ("rita-moss", "acme-sre", "2026-11-18"),
            ],
            ..Case::default()
        },
        Case {
            says: "all four switches off together (ask-feedback, share-feedback, connect, gift); \
                   rejection-thanks stays",
            files: with_settings(
                [
                    dana_rita_bob(REJECTED, &items(&[ONSITE]), ""),
                    vec![
                        app(
                            "globex-pm",
                            "company: Globex\nstatus: declined\napplied: 2026-10-01\ndecided: 2026-11-15",
                            "",
                        ),
                        contact("jane-doe", "", ""),
                        app(
                            "initech-dev",
                            &format!("company: Initech\n{ACCEPTED}\nreferences: [jane-doe]"),
                            "",
                        ),
                    ],
                ]
                .concat(),
                "[rules]\nask_feedback = false\nshare_feedback = false\nconnect = false\ngift = false\n",
            ),
            also: vec![
                ("ask-feedback", vec![]),
                ("share-feedback", vec![]),
                ("gift", vec![]),
                ("rejection-thanks", vec![("-", "acme-sre", WEEK_AFTER)]),
            ],
            ..Case::default()
        },
    ];
    for (front, says) in [
        (ACTIVE, "not while interviewing"),
        (ACCEPTED, "not when accepted"),
        (DECLINED, "not when the offer was declined"),
        (WITHDRAWN, "not when withdrawn"),
    ] {
        cases.push(Case {
            says,
            files: dana_rita_bob(front, "", ""),
            ..Case::default()
        });
    }
    for case in &mut cases {
        case.rule = "connect";
    }
    check(&cases);
}
