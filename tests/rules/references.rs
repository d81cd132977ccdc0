//! The reference rules: `permission`, `heads-up`, `interview-update`, `outcome-update`
//! and `thank-reference` (`docs/rules.md`).

use crate::scenario::{
    ACCEPTED, ACTIVE, Case, DECLINED, File, REJECTED, T, WITHDRAWN, app, check, contact,
};

/// A reference `jane-doe` (a former supervisor, with `jane_body` as her file's body) and
/// an application `acme-sre` with `front` that lists her, with `body`.
fn jane_on_acme(front: &str, body: &str, jane_body: &str) -> Vec<File> {
    vec![
        contact("jane-doe", "relationship: supervisor", jane_body),
        app(
            "acme-sre",
            &format!("{front}\nreferences: [jane-doe]"),
            body,
        ),
    ]
}

/// Jane's file body: a log of one entry.
fn log(entry: &str) -> String {
    format!("## Log\n{entry}\n")
}

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
                &log("- 2026-11-22 Asked her to be my reference #asked [[acme-sre]]"),
            ),
            ..Case::default()
        },
        Case {
            says: "settled by #agreed in her file",
            files: jane_on_acme(ACTIVE, "", &log("- 2026-09-20 Happy to vouch for me #agreed")),
            ..Case::default()
        },
        Case {
            says: "an agreement for another job is no permission for this one",
            files: [
                jane_on_acme(
                    ACTIVE,
                    "",
                    &log("- 2026-06-01 Agreed to be my reference #agreed [[globex-pm]]"),
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
            files: jane_on_acme(ACTIVE, "", &log("- 2025-11-22 Agreed to be my reference #agreed")),
            ..Case::default()
        },
        Case {
            says: "an agreement a day older than `limits.agreement_lasts` no longer counts",
            files: jane_on_acme(ACTIVE, "", &log("- 2025-11-21 Agreed to be my reference #agreed")),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "settled by #agreed in the application's file that links her",
            files: jane_on_acme(ACTIVE, &log("- 2026-09-28 [[jane-doe]] agreed #agreed"), ""),
            ..Case::default()
        },
        Case {
            says: "an entry in an application file concerns only the contacts it links",
            files: jane_on_acme(ACTIVE, &log("- 2026-09-28 Someone agreed #agreed"), ""),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "an agreement dated today counts",
            files: jane_on_acme(ACTIVE, "", &log("- 2026-11-22 Agreed today #agreed")),
            ..Case::default()
        },
        Case {
            says: "an agreement dated tomorrow does not count yet",
            files: jane_on_acme(ACTIVE, "", &log("- 2026-11-23 Will agree #agreed")),
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
            files: jane_on_acme(ACTIVE, "", &log("- 2026-09-20 Wrote `#agreed` in a note")),
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "#agreed in a URL is not a tag",
            files: jane_on_acme(
                ACTIVE,
                "",
                &log("- 2026-09-20 Read https://example.org/page#agreed"),
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
            files: jane_on_acme(ACTIVE, "", &log("- [x] 2026-09-20 Asked, she agreed #agreed")),
            also: vec![("task", vec![])],
            ..Case::default()
        },
        Case {
            says: "an open task is not an event",
            files: jane_on_acme(ACTIVE, "", &log("- [ ] 2026-09-20 Ask her to agree #agreed")),
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
