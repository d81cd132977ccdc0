//! Check-ins a person can keep up with (`docs/checkins.md`): pacing spreads the
//! `cheesecake` and `stale` check-ins to at most `limits.checkins_per_week` a week, and an
//! open task about a contact stands for their check-in.
//!
//! The cases compare every check-in as `(rule, contact, due, spread_from)`: the builder's
//! rows have no `spread_from`, so this file runs its own table ([`check_paced`]).

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use crate::scenario::{File, Row, Scenario, T, app, contact, owned, settings};

/// A check-in as `(rule, contact, due, spread_from)`, `-` where pacing left it alone.
type CheckIn<'a> = (&'a str, &'a str, String, String);

/// A caution as `(rule, contact, application, until)`, `-` where there is none.
type Caution<'a> = (&'a str, &'a str, &'a str, &'a str);

/// One case of a pacing table.
#[derive(Default)]
struct Paced<'a> {
    /// What the case shows, in words: the failure names it.
    says: &'a str,
    /// The repository; its diagnostics must be none.
    files: Vec<File>,
    /// Every `cheesecake` and `stale` action, in report order.
    want: Vec<CheckIn<'a>>,
    /// Other rules and what they give, as in `Case::also`.
    also: Vec<(&'a str, Vec<Row<'a>>)>,
    /// Every caution of the report, of any rule, in report order.
    cautions: Vec<Caution<'a>>,
}

/// The day `offset` days from T.
fn day(offset: i64) -> String {
    let today: NaiveDate = T.parse().expect("T");
    let date = if offset >= 0 {
        today.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    date.expect("date in range").to_string()
}

/// A check-in of `rule` for `contact` due `due` days from T, left where it was.
fn kept<'a>(rule: &'a str, contact: &'a str, due: i64) -> CheckIn<'a> {
    (rule, contact, day(due), "-".to_owned())
}

/// A `stale` check-in for `contact` moved to `due` days from T from `from` days from T.
fn spread(contact: &str, due: i64, from: i64) -> CheckIn<'_> {
    ("stale", contact, day(due), day(from))
}

/// `goodwill.toml`: Kestrel Health a target, and at most `n` check-ins a week.
fn limit(n: u32) -> File {
    settings(&format!(
        "targets = [\"Kestrel Health\"]\n[limits]\ncheckins_per_week = {n}\n"
    ))
}

/// A contact whose check-in is due `offset` days from T, with more front matter `extra`:
/// the last touch is a day before that, or yesterday, and the cadence makes up the rest.
fn due_at(id: &str, extra: &str, offset: i64) -> File {
    let touch = (offset - 1).min(-1);
    contact(
        id,
        &format!("{extra}cadence: {}d", offset - touch),
        &format!("## Log\n- {} Lunch\n", day(touch)),
    )
}

/// A contact whose `stale` check-in is due `offset` days from T.
fn stale_at(id: &str, offset: i64) -> File {
    due_at(id, "", offset)
}

/// A contact at a target company whose `cheesecake` is due `offset` days from T.
fn cheesecake_at(id: &str, offset: i64) -> File {
    due_at(id, "company: Kestrel Health\n", offset)
}

/// Runs every case on T; panics once with every case that failed. A case fails when its
/// repository raises a diagnostic, when its check-ins or cautions differ from the ones it
/// names, when an action pacing left alone carries a `spread_from` at all (it is left
/// out, not null), or when a rule of `also` differs.
fn check_paced(cases: &[Paced<'_>]) {
    assert!(!cases.is_empty(), "a table without cases");
    let mut failures = String::new();
    for case in cases {
        assert!(!case.says.is_empty(), "a case needs `says`");
        let outcome = Scenario::of(&case.files).due(T);
        let diagnostics = outcome.diagnostics();
        if !diagnostics.is_empty() {
            let _ = writeln!(failures, "\n{}: diagnostics {diagnostics:?}", case.says);
            continue;
        }
        let actions = outcome.json()["actions"].as_array().expect("actions");
        let check_ins: Vec<&serde_json::Value> = actions
            .iter()
            .filter(|a| a["rule"] == "cheesecake" || a["rule"] == "stale")
            .collect();
        let got: Vec<(String, String, String, String)> = check_ins
            .iter()
            .map(|a| {
                let text = |key: &str| a[key].as_str().unwrap_or("-").to_owned();
                (
                    text("rule"),
                    text("contact"),
                    text("due"),
                    text("spread_from"),
                )
            })
            .collect();
        let want: Vec<(String, String, String, String)> = case
            .want
            .iter()
            .map(|(rule, contact, due, from)| {
                (
                    (*rule).to_owned(),
                    (*contact).to_owned(),
                    due.clone(),
                    from.clone(),
                )
            })
            .collect();
        if got != want {
            let _ = writeln!(
                failures,
                "\n{} (check-ins):\n  want {want:?}\n  got  {got:?}",
                case.says
            );
        }
        for action in check_ins {
            if action["spread_from"].is_null() && action.get("spread_from").is_some() {
                let _ = writeln!(
                    failures,
                    "\n{}: an action pacing left alone has a `spread_from`: {action}",
                    case.says
                );
            }
        }
        let got = outcome.cautions();
        let want: Vec<(String, String, String, String)> = case
            .cautions
            .iter()
            .map(|(r, c, a, u)| {
                (
                    (*r).to_owned(),
                    (*c).to_owned(),
                    (*a).to_owned(),
                    (*u).to_owned(),
                )
            })
            .collect();
        if got != want {
            let _ = writeln!(
                failures,
                "\n{} (cautions):\n  want {want:?}\n  got  {got:?}",
                case.says
            );
        }
        for (rule, want) in &case.also {
            let got = outcome.of(rule);
            if got != owned(want) {
                let _ = writeln!(
                    failures,
                    "\n{} (`{rule}`):\n  want {want:?}\n  got  {got:?}",
                    case.says
                );
            }
        }
    }
    assert!(failures.is_empty(), "cases failed:{failures}");
}

#[test]
fn pacing() {
    let ids: Vec<String> = (0..11).map(|i| format!("p{i:02}")).collect();
    let mut cases = vec![
        Paced {
            says: "exactly `checkins_per_week` in a week moves nothing",
            files: vec![
                limit(3),
                stale_at("amy", -30),
                stale_at("bob", -3),
                stale_at("cy", 6),
            ],
            want: vec![
                kept("stale", "amy", -30),
                kept("stale", "bob", -3),
                kept("stale", "cy", 6),
            ],
            ..Paced::default()
        },
        Paced {
            says: "one more than `checkins_per_week` moves the last to next week",
            files: vec![
                limit(3),
                stale_at("amy", -30),
                stale_at("bob", -3),
                stale_at("cy", 6),
                stale_at("dee", 6),
            ],
            want: vec![
                kept("stale", "amy", -30),
                kept("stale", "bob", -3),
                kept("stale", "cy", 6),
                spread("dee", 7, 6),
            ],
            ..Paced::default()
        },
        Paced {
            says: "an action due in a free later week keeps its day; full weeks fill in order",
            files: vec![
                limit(1),
                stale_at("amy", -10), // week 0
                stale_at("bob", -9),  // week 0 is full: week 1
                stale_at("cy", 16),   // week 2, free: stays on its own day
                stale_at("dee", 17),  // week 2 is full: week 3
                stale_at("eve", 40),  // week 5, free: stays
            ],
            want: vec![
                kept("stale", "amy", -10),
                spread("bob", 7, -9),
                kept("stale", "cy", 16),
                spread("dee", 21, 17),
                kept("stale", "eve", 40),
            ],
            ..Paced::default()
        },
        Paced {
            says: "on the same day cheesecake comes before stale, then by contact id",
            files: vec![
                limit(1),
                stale_at("amy", -2),
                cheesecake_at("zed", -2),
                stale_at("abe", -2),
            ],
            want: vec![
                kept("cheesecake", "zed", -2),
                spread("abe", 7, -2),
                spread("amy", 14, -2),
            ],
            // Zed's last touch, three days ago, is recent for someone at a target.
            cautions: vec![("too-soon", "zed", "-", "2026-12-10")],
            ..Paced::default()
        },
        Paced {
            says: "`checkins_per_week = 0` turns pacing off",
            files: [
                vec![limit(0)],
                ["amy", "bob", "cy", "dee"]
                    .map(|id| stale_at(id, -5))
                    .to_vec(),
            ]
            .concat(),
            want: ["amy", "bob", "cy", "dee"]
                .map(|id| kept("stale", id, -5))
                .to_vec(),
            ..Paced::default()
        },
        Paced {
            says: "other rules are never moved and take no room",
            files: vec![
                limit(1),
                stale_at("amy", -1),
                contact("jane", "", "## Log\n- [ ] 2026-11-20 Send Jane the deck\n"),
                app(
                    "acme-sre",
                    "company: Acme\napplied: 2026-11-01\nreferences: [jane]",
                    "",
                ),
            ],
            want: vec![kept("stale", "amy", -1)],
            also: vec![
                ("permission", vec![("jane", "acme-sre", "2026-11-01")]),
                ("task", vec![("jane", "-", "2026-11-20")]),
            ],
            ..Paced::default()
        },
        Paced {
            says: "a snoozed check-in is paced from the day the snooze ends",
            files: vec![
                limit(1),
                stale_at("amy", 8),
                contact(
                    "bob",
                    &format!("cadence: 1d\nsnooze_until: {}", day(9)),
                    &format!("## Log\n- {} Lunch\n", day(-20)),
                ),
            ],
            want: vec![kept("stale", "amy", 8), spread("bob", 14, 9)],
            ..Paced::default()
        },
    ];
    // With no `goodwill.toml`, ten a week: the eleventh of a week moves.
    let mut want: Vec<CheckIn<'_>> = ids[..10].iter().map(|id| kept("stale", id, -1)).collect();
    want.push(spread(&ids[10], 7, -1));
    cases.push(Paced {
        says: "`checkins_per_week` is ten unless set",
        files: ids.iter().map(|id| stale_at(id, -1)).collect(),
        want,
        ..Paced::default()
    });
    check_paced(&cases);
}

#[test]
fn open_tasks() {
    let wren = |body: &str| contact("wren", "company: Kestrel Health", body);
    let amy = contact(
        "amy",
        "",
        "## Log\n- 2025-01-01 Lunch\n- [ ] 2026-11-30 Call Amy\n",
    );
    check_paced(&[
        Paced {
            says: "an open task in their own file stands for the check-in, whatever its date",
            files: vec![
                limit(10),
                wren(
                    "## Log\n- 2026-01-01 Coffee\n- [ ] 2027-03-01 Send Wren my notes #cheesecake\n",
                ),
                amy.clone(),
            ],
            also: vec![(
                "task",
                vec![("amy", "-", "2026-11-30"), ("wren", "-", "2027-03-01")],
            )],
            ..Paced::default()
        },
        Paced {
            says: "once the task is done it is a touch, and the check-in is back on its cadence",
            files: vec![
                limit(10),
                wren(
                    "## Log\n- 2026-01-01 Coffee\n- [x] 2026-11-01 Send Wren my notes #cheesecake\n",
                ),
                amy,
            ],
            want: vec![(
                "cheesecake",
                "wren",
                "2026-12-31".to_owned(),
                "-".to_owned(),
            )],
            ..Paced::default()
        },
        Paced {
            says: "an open task in an application file stands for the contacts it links, \
                   not for those only listed on the application",
            files: vec![
                limit(10),
                stale_at("omar", -5),
                stale_at("lee", -5),
                app(
                    "acme-sre",
                    "company: Acme\nstatus: rejected\napplied: 2026-01-01\ndecided: 2026-02-01\ncontacts: [lee]",
                    "## Log\n- [ ] 2026-12-01 Send [[omar]] the write-up\n- [ ] 2026-12-02 Ask about the next opening\n",
                ),
            ],
            want: vec![kept("stale", "lee", -5)],
            ..Paced::default()
        },
        Paced {
            says: "an open task in another contact's file does not count",
            files: vec![
                limit(10),
                stale_at("omar", -5),
                contact(
                    "jane",
                    "",
                    "## Log\n- 2026-11-01 Lunch\n- [ ] 2026-12-01 Introduce [[omar]] to Priya\n",
                ),
            ],
            want: vec![kept("stale", "omar", -5)],
            also: vec![("task", vec![("jane", "-", "2026-12-01")])],
            ..Paced::default()
        },
        Paced {
            says: "an open task takes the check-in's place but not the too-soon caution",
            files: vec![
                limit(10),
                wren(
                    "## Log\n- 2026-11-15 Sent her the SLO write-up #cheesecake\n- [ ] 2026-11-25 Send Wren my notes #cheesecake\n",
                ),
            ],
            cautions: vec![("too-soon", "wren", "-", "2026-12-06")],
            ..Paced::default()
        },
    ]);
}
