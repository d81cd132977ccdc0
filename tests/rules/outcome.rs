//! What a report says besides which actions are due: each action's state, the order of
//! actions, the shape of the `due --json` report, and what counts as the repository and
//! as today (`docs/rules.md`).

use std::fmt::Write as _;

use crate::scenario::{
    ACTIVE, Case, File, Outcome, REJECTED, Scenario, T, app, check, contact, owned, raw, settings,
};
use crate::scenario::{bob_on_acme, jane_on_acme, log};

/// Fails unless the report raised no diagnostics.
fn clean(outcome: &Outcome) {
    assert_eq!(outcome.diagnostics(), Vec::<String>::new());
}

/// An action's `(contact, due, state)`.
type State<'a> = (&'a str, &'a str, &'a str);

/// `(contact, due, state)` of every action, in report order.
fn states(outcome: &Outcome) -> Vec<(String, String, String)> {
    outcome.json()["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|action| {
            let text = |key: &str| action[key].as_str().unwrap_or("-").to_owned();
            (text("contact"), text("due"), text("state"))
        })
        .collect()
}

/// An action's state: overdue before today, due today, upcoming after.
#[test]
fn state() {
    let table: Vec<(&str, Vec<File>, Vec<State<'_>>)> = vec![
        (
            "tasks of yesterday, today, tomorrow and much later",
            vec![contact(
                "sam-ortiz",
                "",
                &log(&[
                    "- [ ] 2026-11-21 Yesterday",
                    "- [ ] 2026-11-22 Today",
                    "- [ ] 2026-11-23 Tomorrow",
                    "- [ ] 2027-06-01 Much later",
                ]),
            )],
            vec![
                ("sam-ortiz", "2026-11-21", "overdue"),
                ("sam-ortiz", "2026-11-22", "due"),
                ("sam-ortiz", "2026-11-23", "upcoming"),
                ("sam-ortiz", "2027-06-01", "upcoming"),
            ],
        ),
        (
            // 2026-05-26 + 180d = 2026-11-22 (today); 2026-05-25 + 180d = yesterday.
            "stale due yesterday and today",
            vec![
                contact("sam-ortiz", "", &log(&["- 2026-05-26 Lunch"])),
                contact("ava-berg", "", &log(&["- 2026-05-25 Lunch"])),
            ],
            vec![
                ("ava-berg", "2026-11-21", "overdue"),
                ("sam-ortiz", "2026-11-22", "due"),
            ],
        ),
    ];
    let mut failures = String::new();
    for (says, files, want) in table {
        let outcome = Scenario::of(&files).due(T);
        clean(&outcome);
        let want: Vec<(String, String, String)> = want
            .iter()
            .map(|(c, d, s)| ((*c).to_owned(), (*d).to_owned(), (*s).to_owned()))
            .collect();
        let got = states(&outcome);
        if got != want {
            let _ = writeln!(failures, "\n{says}:\n  want {want:?}\n  got  {got:?}");
        }
    }
    assert!(failures.is_empty(), "cases failed:{failures}");
}

/// Each rule gives at most one action per contact and application.
#[test]
fn one_action_per_contact_application_pair() {
    // Many interviews, favours and missing updates still give one action of each rule per pair.
    let files = [
        bob_on_acme(
            &format!("{ACTIVE}\nreferences: [jane-doe]"),
            &log(&[
                "- 2026-11-03 Screen with [[bob-stone]] #interview",
                "- 2026-11-10 Onsite with [[bob-stone]] #interview",
                "- 2026-11-12 Final with [[bob-stone]] #interview",
            ]),
            &log(&["- 2026-11-04 He interviewed me again #interview"]),
        ),
        vec![contact(
            "jane-doe",
            "",
            &log(&["- 2026-11-01 Letter #letter", "- 2026-11-02 Intro #intro"]),
        )],
    ]
    .concat();
    let outcome = Scenario::of(&files).due(T);
    clean(&outcome);
    let mut pairs: Vec<(String, String, String)> = outcome
        .actions()
        .into_iter()
        .filter(|(r, ..)| r != "task")
        .map(|(r, c, a, _)| (r, c, a))
        .collect();
    let before = pairs.len();
    pairs.sort();
    pairs.dedup();
    assert_eq!(
        before,
        pairs.len(),
        "duplicate actions: {:?}",
        outcome.actions()
    );
    assert_eq!(
        outcome.of("interviewer-thanks"),
        owned(&[("bob-stone", "acme-sre", "2026-11-04")])
    );
    assert_eq!(
        outcome.of("interview-update"),
        owned(&[("jane-doe", "acme-sre", "2026-11-14")])
    );
    assert_eq!(
        outcome.of("thank-favor"),
        owned(&[("jane-doe", "-", "2026-11-04")])
    );
}

/// Actions are sorted by due date, then rule, contact and application.
#[test]
fn actions_sorted_by_due_then_rule_contact_application() {
    let files = vec![
        contact("zoe-park", "", ""),
        contact("amy-chen", "", ""),
        app(
            "beta-app",
            "company: Beta\nstatus: applied\napplied: 2026-11-01\nreferences: [zoe-park, amy-chen]",
            "",
        ),
        app(
            "alpha-app",
            "company: Alpha\nstatus: applied\napplied: 2026-11-01\nreferences: [zoe-park]",
            "",
        ),
        app(
            "early-app",
            "company: Early\nstatus: applied\napplied: 2026-10-20\nreferences: [zoe-park]",
            &log(&["- 2026-10-20 Told [[zoe-park]] #heads-up"]),
        ),
    ];
    let outcome = Scenario::of(&files).due(T);
    clean(&outcome);
    let expected: Vec<(String, String, String, String)> = [
        ("permission", "zoe-park", "early-app", "2026-10-20"),
        ("heads-up", "amy-chen", "beta-app", "2026-11-01"),
        ("heads-up", "zoe-park", "alpha-app", "2026-11-01"),
        ("heads-up", "zoe-park", "beta-app", "2026-11-01"),
        ("permission", "amy-chen", "beta-app", "2026-11-01"),
        ("permission", "zoe-park", "alpha-app", "2026-11-01"),
        ("permission", "zoe-park", "beta-app", "2026-11-01"),
    ]
    .iter()
    .map(|(r, c, a, d)| {
        (
            (*r).to_owned(),
            (*c).to_owned(),
            (*a).to_owned(),
            (*d).to_owned(),
        )
    })
    .collect();
    assert_eq!(outcome.actions(), expected);
}

/// Actions due the same day are sorted by rule id, with or without a contact.
#[test]
fn actions_on_the_same_day_sorted_by_rule() {
    // Five rules due the same day, with and without a contact: the rule id decides.
    let files = vec![
        contact("dana-wu", "relationship: hiring-manager", ""),
        contact("jane-doe", "", ""),
        app(
            "acme-sre",
            &format!("{REJECTED}\ncontacts: [dana-wu]\nreferences: [jane-doe]"),
            &log(&["- 2026-11-10 Onsite #interview"]),
        ),
        settings(
            "[grace]\nrejection_thanks = \"2d\"\nask_feedback = \"2d\"\nconnect = \"2d\"\nthank_reference = \"2d\"\n",
        ),
    ];
    let outcome = Scenario::of(&files).due(T);
    clean(&outcome);
    let rules: Vec<String> = outcome.actions().into_iter().map(|(r, ..)| r).collect();
    assert_eq!(
        rules,
        vec![
            "ask-feedback",
            "connect",
            "outcome-update",
            "rejection-thanks",
            "thank-reference"
        ]
    );
}

/// The sorted keys of a JSON object.
fn keys(value: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// The first action of `rule`.
fn action_of<'a>(json: &'a serde_json::Value, rule: &str) -> &'a serde_json::Value {
    json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == rule)
        .unwrap_or_else(|| panic!("an action of {rule}"))
}

/// The keys of the report, its actions, messages and cautions, and how they refer to each other.
#[test]
fn json_shape_of_due() {
    let files = vec![
        settings("targets = [\"Kestrel Health\"]\n"),
        contact("jane-doe", "", ""),
        app(
            "acme-sre",
            &format!("{REJECTED}\nreferences: [jane-doe]"),
            &log(&["- 2026-11-10 Onsite #interview"]),
        ),
        contact(
            "carol-lee",
            "company: Kestrel Health",
            &log(&["- 2026-11-10 Coffee"]),
        ),
    ];
    let outcome = Scenario::of(&files).due(T);
    let json = outcome.json();
    assert_eq!(
        keys(json),
        ["actions", "cautions", "diagnostics", "messages", "today"]
    );
    assert_eq!(json["today"], "2026-11-22");
    clean(&outcome);

    for action in json["actions"].as_array().expect("actions") {
        assert_eq!(
            keys(action),
            [
                "application",
                "contact",
                "due",
                "key",
                "message",
                "rule",
                "state",
                "title"
            ],
            "{action}"
        );
        assert!(
            action["title"].as_str().is_some_and(|s| !s.is_empty()),
            "{action}"
        );
    }
    let update = action_of(json, "outcome-update");
    assert_eq!(update["contact"], "jane-doe");
    assert_eq!(update["application"], "acme-sre");
    assert_eq!(update["due"], "2026-11-17");
    assert_eq!(update["state"], "overdue");

    let rejection = action_of(json, "rejection-thanks");
    assert!(rejection["contact"].is_null(), "{rejection}");

    let cheesecake = action_of(json, "cheesecake");
    assert!(cheesecake["application"].is_null(), "{cheesecake}");

    // Every action names its message, and every message lists its actions.
    let messages = json["messages"].as_array().expect("messages");
    for message in messages {
        assert_eq!(
            keys(message),
            [
                "actions",
                "applications",
                "channel",
                "due",
                "key",
                "state",
                "title",
                "to"
            ],
            "{message}"
        );
        for key in message["actions"].as_array().expect("keys") {
            let action = (json["actions"].as_array().expect("actions").iter())
                .find(|a| a["key"] == *key)
                .expect("its action");
            assert_eq!(action["message"], message["key"]);
        }
    }
    // Jane's outcome-update and thanks are one message; the employer's note another.
    let jane = messages
        .iter()
        .find(|m| m["to"] == "jane-doe")
        .expect("a message to Jane");
    assert_eq!(jane["applications"], serde_json::json!(["acme-sre"]));
    assert_eq!(jane["actions"].as_array().map(Vec::len), Some(2), "{jane}");
    assert_eq!(jane["channel"], "email");
    assert_eq!(cheesecake["state"], "upcoming");

    let caution = &json["cautions"][0];
    assert_eq!(
        keys(caution),
        ["application", "contact", "rule", "title", "until"]
    );
    assert_eq!(caution["rule"], "too-soon");
    assert_eq!(caution["contact"], "carol-lee");
    assert!(caution["application"].is_null());
    assert_eq!(caution["until"], "2026-12-01");
}

/// A caution with no end has a null `until`.
#[test]
fn json_caution_without_until_is_null() {
    let outcome = Scenario::of(&[app(
        "acme-sre",
        REJECTED,
        &log(&["- 2026-11-16 One #follow-up", "- 2026-11-17 Two #follow-up"]),
    )])
    .due(T);
    clean(&outcome);
    let caution = outcome.json()["cautions"]
        .as_array()
        .expect("cautions")
        .iter()
        .find(|c| c["rule"] == "repeat-follow-up")
        .expect("repeat-follow-up");
    assert!(caution["until"].is_null(), "{caution}");
    assert!(caution["contact"].is_null(), "{caution}");
    assert_eq!(caution["application"], "acme-sre");
}

/// A diagnostic names its file, severity, message and line; a broken file is left out and the rest still runs.
#[test]
fn json_diagnostics_shape_and_broken_file_left_out() {
    let files = [
        jane_on_acme(ACTIVE, "", ""),
        vec![raw("contacts/broken.md", "---\nname: [unclosed\n---\n")],
    ]
    .concat();
    let outcome = Scenario::of(&files).due(T);
    let diagnostics = outcome.json()["diagnostics"]
        .as_array()
        .expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let broken = diagnostics
        .iter()
        .find(|d| d["file"] == "contacts/broken.md")
        .expect("a diagnostic for the broken file");
    assert_eq!(broken["severity"], "error");
    assert!(broken["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(broken.get("line").is_some(), "{broken}");
    assert_eq!(
        outcome.of("permission"),
        owned(&[("jane-doe", "acme-sre", "2026-10-01")])
    );
}

/// What is read as the repository, and how the day the rules run on changes what counts.
#[test]
fn what_counts() {
    let cases = vec![
        Case {
            says: "every open task is listed, however long ago or far away its date",
            files: vec![contact(
                "sam-ortiz",
                "",
                &log(&["- [ ] 2020-01-01 Long ago", "- [ ] 2030-01-01 Far away"]),
            )],
            rule: "task",
            want: vec![
                ("sam-ortiz", "-", "2020-01-01"),
                ("sam-ortiz", "-", "2030-01-01"),
            ],
            ..Case::default()
        },
        Case {
            says: "a heads-up dated tomorrow is only planned",
            files: jane_on_acme(ACTIVE, "", &log(&["- 2026-11-20 Sent resume #heads-up"])),
            today: "2026-11-19",
            rule: "heads-up",
            want: vec![("jane-doe", "acme-sre", "2026-10-01")],
            ..Case::default()
        },
        Case {
            says: "the same heads-up, on its day, counts",
            files: jane_on_acme(ACTIVE, "", &log(&["- 2026-11-20 Sent resume #heads-up"])),
            today: "2026-11-20",
            rule: "heads-up",
            ..Case::default()
        },
        Case {
            says: "files in sub-folders count; `_` and `.` files and other extensions do not",
            files: vec![
                raw(
                    "contacts/work/jane-doe.md",
                    "---\nname: Jane Doe\nemail: jane@example.org\n---\n## Log\n- 2026-11-10 Letter #letter\n",
                ),
                raw(
                    "contacts/_drafts/sam.md",
                    "---\nname: Sam\n---\n## Log\n- 2026-11-10 Letter #letter\n",
                ),
                raw(
                    "contacts/.hidden.md",
                    "---\nname: Hidden\n---\n## Log\n- 2026-11-10 Letter #letter\n",
                ),
                raw("contacts/notes.txt", "- 2026-11-10 Letter #letter\n"),
            ],
            rule: "thank-favor",
            want: vec![("jane-doe", "-", "2026-11-13")],
            ..Case::default()
        },
    ];
    check(&cases);
}
