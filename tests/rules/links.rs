//! How links find their contact (`docs/rules.md`): by id, by alias, and by a file name
//! written with accents or symbols; and what a link to a broken or ambiguous file does.
//!
//! The cases name each diagnostic by its file, line, severity and a part of its message,
//! which the builder's cases do not, so this file runs its own table ([`check_links`]).

use std::fmt::Write as _;

use crate::scenario::{File, Row, Scenario, T, app, contact, owned, raw};

/// A diagnostic as `(file, line, severity, part of its message)`.
type Diagnostic<'a> = (&'a str, u64, &'a str, &'a str);

/// One case of a links table.
#[derive(Default)]
struct Linked<'a> {
    /// What the case shows, in words: the failure names it.
    says: &'a str,
    /// The repository.
    files: Vec<File>,
    /// Rules and what they give on T, as `Case::also`.
    rules: Vec<(&'a str, Vec<Row<'a>>)>,
    /// Every diagnostic of the repository, in order; none unless the case says so.
    diagnostics: Vec<Diagnostic<'a>>,
}

/// Runs every case on T; panics once with every case that failed.
fn check_links(cases: &[Linked<'_>]) {
    assert!(!cases.is_empty(), "a table without cases");
    let mut failures = String::new();
    for case in cases {
        assert!(!case.says.is_empty(), "a case needs `says`");
        let outcome = Scenario::of(&case.files).due(T);
        let found = located(&outcome.json()["diagnostics"]);
        let expected = found.len() == case.diagnostics.len()
            && found.iter().zip(&case.diagnostics).all(
                |((file, line, severity, message), (f, l, s, part))| {
                    file == f && line == l && severity == s && message.contains(part)
                },
            );
        if !expected {
            let _ = writeln!(
                failures,
                "\n{}: diagnostics\n  want {:?}\n  got  {found:?}",
                case.says, case.diagnostics
            );
        }
        for (rule, want) in &case.rules {
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

/// Every diagnostic of a report as `(file, line, severity, message)`.
fn located(diagnostics: &serde_json::Value) -> Vec<(String, u64, String, String)> {
    diagnostics
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or("").to_owned();
            (
                text("file"),
                d["line"].as_u64().unwrap_or(0),
                text("severity"),
                text("message"),
            )
        })
        .collect()
}

/// James Okafor (`james-okafor`), known as `aliases`, with lunch in January.
fn jim(aliases: &str) -> File {
    contact(
        "james-okafor",
        &format!("aliases: {aliases}"),
        "## Log\n- 2026-01-10 Lunch\n",
    )
}

#[test]
fn aliases() {
    check_links(&[
        Linked {
            says: "an alias that is another file's id warns, and the link goes to that file",
            files: vec![
                jim("[jane]"),
                contact("jane", "", ""),
                app(
                    "acme-sre",
                    "company: Acme\napplied: 2026-11-01\nreferences: [jane]",
                    "",
                ),
            ],
            rules: vec![("permission", vec![("jane", "acme-sre", "2026-11-01")])],
            diagnostics: vec![(
                "contacts/james-okafor.md",
                4,
                "warning",
                "alias `jane` is the id of `contacts/jane.md`",
            )],
        },
        Linked {
            says: "two contacts sharing an alias warn once, and the link goes nowhere",
            files: vec![
                jim("[Sam]"),
                contact("samantha-lee", "aliases:\n  - sam", ""),
                contact("jane", "", "## Log\n- 2026-11-01 Lunch with [[Sam]]\n"),
                app(
                    "acme-sre",
                    "company: Acme\napplied: 2026-11-01\nreferences: [Sam, jane]",
                    "",
                ),
            ],
            // The application still counts, with Jane as its only reference.
            rules: vec![("permission", vec![("jane", "acme-sre", "2026-11-01")])],
            diagnostics: vec![(
                "contacts/samantha-lee.md",
                5,
                "warning",
                "alias `sam` is also an alias of `contacts/james-okafor.md`",
            )],
        },
        Linked {
            says: "a broken contact's aliases still resolve: its one mistake, no unknown link",
            files: vec![
                raw(
                    "contacts/james-okafor.md",
                    "---\nname: James Okafor\nrelationship: boss\naliases: [Jim]\n---\n",
                ),
                contact("jane", "", "## Log\n- 2026-11-01 Lunch with [[Jim]]\n"),
            ],
            diagnostics: vec![(
                "contacts/james-okafor.md",
                3,
                "error",
                "unknown relationship `boss`",
            )],
            ..Linked::default()
        },
    ]);
}

#[test]
fn transliterated_ids() {
    check_links(&[Linked {
        says: "file names, references and links transliterate the same way",
        files: vec![
            raw(
                "contacts/Zoë Ångström.md",
                "---\nname: Zoë Ångström\nemail: zoe@example.com\n---\n## Log\n- 2026-01-05 Lunch\n",
            ),
            // The same name as macOS stores it: letters and combining accents apart.
            raw(
                "contacts/Rene\u{301} Mu\u{308}ller.md",
                "---\nname: René Müller\nemail: rene@example.com\n---\n## Log\n- 2026-01-06 Lunch\n",
            ),
            raw(
                "contacts/Party 🎉 Planner.md",
                "---\nname: Party Planner\nemail: pp@example.com\n---\n## Log\n- 2026-01-07 Lunch\n",
            ),
            app(
                "acme-sre",
                "company: Acme\napplied: 2026-11-01\nreferences:\n  - Zoë Ångström\n  - \"[[René Müller]]\"\n  - party-planner",
                "## Log\n- 2026-11-02 Sent [[Zoë Ångström]], [René](René%20Müller.md) and [[Party 🎉 Planner]] the synopsis #heads-up\n",
            ),
        ],
        rules: vec![
            (
                "permission",
                vec![
                    ("party-planner", "acme-sre", "2026-11-01"),
                    ("rene-muller", "acme-sre", "2026-11-01"),
                    ("zoe-angstrom", "acme-sre", "2026-11-01"),
                ],
            ),
            ("heads-up", vec![]),
        ],
        ..Linked::default()
    }]);
}

/// Every independent mistake of a broken file is reported, and links to broken files
/// raise nothing more; the rules still run.
#[test]
fn every_mistake_of_a_broken_file() {
    let outcome = Scenario::of(&[
        contact("jane", "", ""),
        app(
            "acme-sre",
            "company: Acme\nrole: SRE\nstatus: hired\napplied: 2026-11-01\nreferences: [jane-do]",
            "## Log\n- 2026-11-02 Sent [[nobody-here]] the deck\n",
        ),
        raw(
            "contacts/syntax.md",
            "---\nname: [Unclosed\n---\n## Log\n- 2026-13-01 Lunch\n- 2026-11-01 Met [[acme-sre]] and [[ghost]]\n",
        ),
        contact(
            "omar",
            "",
            "## Log\n- 2026-11-03 Lunch with [[syntax]], about [[acme-sre]]\n",
        ),
    ])
    .due(T);
    let found: Vec<(String, u64, String)> = located(&outcome.json()["diagnostics"])
        .into_iter()
        .map(|(file, line, severity, _)| (file, line, severity))
        .collect();
    let expected =
        |file: &str, line: u64, severity: &str| (file.to_owned(), line, severity.to_owned());
    assert_eq!(
        found,
        vec![
            expected("applications/acme-sre.md", 4, "error"),
            expected("applications/acme-sre.md", 6, "error"),
            expected("applications/acme-sre.md", 9, "warning"),
            expected("contacts/syntax.md", 3, "error"),
            expected("contacts/syntax.md", 5, "error"),
            expected("contacts/syntax.md", 6, "warning"),
        ],
        "{:#}",
        outcome.json()["diagnostics"]
    );
    // Omar's entry links two broken files and raises nothing; the rules still run.
    assert!(outcome.actions().iter().all(|a| a.1 != "syntax"));
}
