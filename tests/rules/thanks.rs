//! The thanking rules: `gift`, `thank-favor` and `interviewer-thanks` (`docs/rules.md`).

use crate::scenario::{
    ACCEPTED, ACTIVE, Case, DECLINED, File, REJECTED, T, WITHDRAWN, app, check, contact, settings,
};
use crate::scenario::{bob_on_acme, jane_on_acme};

/// A log section: `## Log`, then each entry as a `- ` list item.
pub(crate) fn items(entries: &[&str]) -> String {
    let mut text = String::from("## Log\n");
    for entry in entries {
        text.push_str("- ");
        text.push_str(entry);
        text.push('\n');
    }
    text
}

/// `gift`: a thank-you gift for each reference once an offer is accepted.
#[test]
fn gift() {
    let mut cases = vec![
        Case {
            says: "due two weeks after the acceptance",
            files: jane_on_acme(ACCEPTED, "", ""),
            want: vec![("jane-doe", "acme-sre", "2026-11-29")],
            ..Case::default()
        },
        Case {
            says: "a #thanks is no gift, though it settles thank-reference",
            files: jane_on_acme(ACCEPTED, "", &items(&["2026-11-16 Thanked her #thanks"])),
            want: vec![("jane-doe", "acme-sre", "2026-11-29")],
            also: vec![("thank-reference", vec![])],
            ..Case::default()
        },
        Case {
            says: "settled by a #gift dated on the applied date",
            files: jane_on_acme(ACCEPTED, "", &items(&["2026-10-01 Coffee beans #gift"])),
            ..Case::default()
        },
        Case {
            says: "a #gift dated the day before the applied date does not count",
            files: jane_on_acme(ACCEPTED, "", &items(&["2026-09-30 Coffee beans #gift"])),
            want: vec![("jane-doe", "acme-sre", "2026-11-29")],
            ..Case::default()
        },
        Case {
            says: "a planned #gift does not count",
            files: jane_on_acme(ACCEPTED, "", &items(&["2026-11-25 Send cookies #gift"])),
            want: vec![("jane-doe", "acme-sre", "2026-11-29")],
            ..Case::default()
        },
        Case {
            says: "switched off by `rules.gift = false`, and only gift is off",
            files: [
                jane_on_acme(ACCEPTED, "", ""),
                vec![settings("[rules]\ngift = false\n")],
            ]
            .concat(),
            also: vec![("thank-reference", vec![("jane-doe", "acme-sre", T)])],
            ..Case::default()
        },
        Case {
            says: "`grace.gift` in calendar months: a month after 2026-01-31 is 2026-02-28",
            files: [
                jane_on_acme(
                    "status: accepted\napplied: 2026-01-05\ndecided: 2026-01-31",
                    "",
                    "",
                ),
                vec![settings("[grace]\ngift = \"1m\"\n")],
            ]
            .concat(),
            want: vec![("jane-doe", "acme-sre", "2026-02-28")],
            ..Case::default()
        },
    ];
    for (front, says) in [
        (ACTIVE, "not while interviewing"),
        (REJECTED, "not when rejected"),
        (DECLINED, "not when the offer was declined"),
        (WITHDRAWN, "not when withdrawn"),
    ] {
        cases.push(Case {
            says,
            files: jane_on_acme(front, "", ""),
            ..Case::default()
        });
    }
    for case in &mut cases {
        case.rule = "gift";
    }
    check(&cases);
}

/// `jane-doe`, a contact of no application, with `body`.
fn jane(body: &str) -> Vec<File> {
    vec![contact("jane-doe", "", body)]
}

/// `thank-favor`: thanks for a favour (a reference call, a letter, an introduction); its
/// action names no application.
#[test]
fn thank_favor() {
    let mut cases = vec![
        Case {
            says: "due three days after a favour, with no application",
            files: jane(&items(&["2026-11-10 Acme called her #reference-check"])),
            want: vec![("jane-doe", "-", "2026-11-13")],
            ..Case::default()
        },
        Case {
            says: "a #thanks the same day as the favour is not after it",
            files: jane(&items(&[
                "2026-11-10 Thanked her for the intro #thanks",
                "2026-11-10 Intro to Globex #intro",
            ])),
            ..Case::default()
        },
        Case {
            says: "due from the earliest favour not thanked after",
            files: jane(&items(&[
                "2026-11-01 Letter #letter",
                "2026-11-05 Thanked #thanks",
                "2026-11-08 Intro #intro",
                "2026-11-12 Another call #reference-check",
            ])),
            want: vec![("jane-doe", "-", "2026-11-11")],
            ..Case::default()
        },
        Case {
            says: "a #thanks before the favour does not count",
            files: jane(&items(&[
                "2026-11-09 Thanks #thanks",
                "2026-11-10 Letter #letter",
            ])),
            want: vec![("jane-doe", "-", "2026-11-13")],
            ..Case::default()
        },
        Case {
            says: "a planned favour counts for nothing",
            files: jane(&items(&["2026-11-24 She will write a letter #letter"])),
            ..Case::default()
        },
        Case {
            says: "a planned #thanks counts for nothing",
            files: jane(&items(&[
                "2026-11-10 Letter #letter",
                "2026-11-23 Thank her #thanks",
            ])),
            want: vec![("jane-doe", "-", "2026-11-13")],
            ..Case::default()
        },
        Case {
            says: "a favour in an application's file that links her",
            files: jane_on_acme(
                ACTIVE,
                &items(&["2026-11-10 Acme called [[jane-doe]] #reference-check"]),
                "",
            ),
            want: vec![("jane-doe", "-", "2026-11-13")],
            ..Case::default()
        },
        Case {
            says: "a #thanks scoped to an application still thanks her",
            files: jane_on_acme(
                ACTIVE,
                "",
                &items(&[
                    "2026-11-10 Acme called her #reference-check",
                    "2026-11-11 Thanked her #thanks [[acme-sre]]",
                ]),
            ),
            ..Case::default()
        },
        Case {
            says: "a favour in an application's file that links nobody concerns nobody",
            files: jane_on_acme(
                ACTIVE,
                &items(&["2026-11-10 They checked references #reference-check"]),
                "",
            ),
            ..Case::default()
        },
        Case {
            says: "`grace.thank_favor` from the settings",
            files: [
                jane(&items(&["2026-11-10 Letter #letter"])),
                vec![settings("[grace]\nthank_favor = \"1d\"\n")],
            ]
            .concat(),
            want: vec![("jane-doe", "-", "2026-11-11")],
            ..Case::default()
        },
    ];
    for (tag, says) in [
        ("#reference-check", "#reference-check is a favour"),
        ("#letter", "#letter is a favour"),
        ("#intro", "#intro is a favour"),
        ("#favor", "#favor is a favour"),
        ("#Favor", "#Favor is a favour: tags in any case"),
    ] {
        cases.push(Case {
            says,
            files: jane(&items(&[&format!("2026-11-10 Did something {tag}")])),
            want: vec![("jane-doe", "-", "2026-11-13")],
            ..Case::default()
        });
    }
    for (tag, says) in [
        ("#thanks", "settled by a later #thanks"),
        ("#gift", "settled by a later #gift"),
    ] {
        cases.push(Case {
            says,
            files: jane(&items(&[
                "2026-11-10 Wrote a letter #letter",
                &format!("2026-11-12 Thanked her {tag}"),
            ])),
            ..Case::default()
        });
    }
    for case in &mut cases {
        case.rule = "thank-favor";
    }
    check(&cases);
}

/// The application file's log of an onsite with `bob-stone` on 2026-11-10, then `more`.
fn onsite_with_bob(more: &[&str]) -> String {
    let mut entries = vec!["2026-11-10 Onsite with [[bob-stone]] #interview"];
    entries.extend_from_slice(more);
    items(&entries)
}

/// `interviewer-thanks`: a note to each interviewer after an interview.
#[test]
fn interviewer_thanks() {
    let mut cases = vec![
        Case {
            says: "due the day after an interview in the application's file that links him",
            files: bob_on_acme(ACTIVE, &onsite_with_bob(&[]), ""),
            want: vec![("bob-stone", "acme-sre", "2026-11-11")],
            ..Case::default()
        },
        Case {
            says: "from an unscoped #interview in the interviewer's own file",
            files: bob_on_acme(
                ACTIVE,
                "",
                &items(&["2026-11-10 He interviewed me #interview"]),
            ),
            want: vec![("bob-stone", "acme-sre", "2026-11-11")],
            ..Case::default()
        },
        Case {
            says: "an interview that links nobody names no interviewer",
            files: bob_on_acme(ACTIVE, &items(&["2026-11-10 Onsite #interview"]), ""),
            ..Case::default()
        },
        Case {
            says: "a #thanks in his own file counts",
            files: bob_on_acme(
                ACTIVE,
                &onsite_with_bob(&[]),
                &items(&["2026-11-11 Thank-you email #thanks"]),
            ),
            ..Case::default()
        },
        Case {
            says: "a #thanks before the interview does not count; the earliest unthanked one is due",
            files: bob_on_acme(
                ACTIVE,
                &items(&[
                    "2026-11-03 Screen with [[bob-stone]] #interview",
                    "2026-11-03 Thanked [[bob-stone]] #thanks",
                    "2026-11-10 Onsite with [[bob-stone]] #interview",
                    "2026-11-12 Final with [[bob-stone]] #interview",
                ]),
                "",
            ),
            want: vec![("bob-stone", "acme-sre", "2026-11-11")],
            ..Case::default()
        },
        Case {
            says: "a planned #thanks counts for nothing",
            files: bob_on_acme(
                ACTIVE,
                &onsite_with_bob(&["2026-11-23 Thank [[bob-stone]] #thanks"]),
                "",
            ),
            want: vec![("bob-stone", "acme-sre", "2026-11-11")],
            ..Case::default()
        },
        Case {
            says: "a planned interview counts for nothing",
            files: bob_on_acme(
                ACTIVE,
                &items(&["2026-11-24 Onsite with [[bob-stone]] #interview"]),
                "",
            ),
            ..Case::default()
        },
        Case {
            says: "a #thanks scoped to another application does not count",
            files: [
                bob_on_acme(
                    ACTIVE,
                    &onsite_with_bob(&[]),
                    &items(&["2026-11-11 Thanked him for Globex #thanks [[globex-pm]]"]),
                ),
                vec![app(
                    "globex-pm",
                    "company: Globex\nstatus: applied\napplied: 2026-10-05\ncontacts: [bob-stone]",
                    "",
                )],
            ]
            .concat(),
            want: vec![("bob-stone", "acme-sre", "2026-11-11")],
            ..Case::default()
        },
        Case {
            says: "one action for each interviewer the entry links",
            files: vec![
                contact("bob-stone", "relationship: interviewer", ""),
                contact("dana-wu", "relationship: hiring-manager", ""),
                app(
                    "acme-sre",
                    &format!("{ACTIVE}\ncontacts: [bob-stone, dana-wu]"),
                    &items(&["2026-11-10 Panel with [[bob-stone]] and [[dana-wu]] #interview"]),
                ),
            ],
            want: vec![
                ("bob-stone", "acme-sre", "2026-11-11"),
                ("dana-wu", "acme-sre", "2026-11-11"),
            ],
            ..Case::default()
        },
        Case {
            says: "not for a decided application",
            files: bob_on_acme(REJECTED, &onsite_with_bob(&[]), ""),
            ..Case::default()
        },
        Case {
            says: "`grace.interviewer_thanks` from the settings",
            files: [
                bob_on_acme(ACTIVE, &onsite_with_bob(&[]), ""),
                vec![settings("[grace]\ninterviewer_thanks = \"2d\"\n")],
            ]
            .concat(),
            want: vec![("bob-stone", "acme-sre", "2026-11-12")],
            ..Case::default()
        },
    ];
    for (date, says) in [
        ("2026-11-10", "settled by a #thanks the same day"),
        ("2026-11-11", "settled by a #thanks a day later"),
    ] {
        cases.push(Case {
            says,
            files: bob_on_acme(
                ACTIVE,
                &onsite_with_bob(&[&format!("{date} Thank-you note to [[bob-stone]] #thanks")]),
                "",
            ),
            ..Case::default()
        });
    }
    for case in &mut cases {
        case.rule = "interviewer-thanks";
    }
    check(&cases);
}
