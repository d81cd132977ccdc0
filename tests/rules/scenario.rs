//! A scenario: the files of a small repository in, what the rules decide out (the
//! `due --json` report, made in-process by `goodwill::due_json_at`), and tables of cases
//! built on it.
//!
//! A case names what it shows, lists its files one line each, and says which actions (or
//! cautions) the rule gives as `(contact, application, date)`, `-` for none. [`check`]
//! runs every case of a table and fails once, naming every case that failed.

use std::fmt::Write as _;

/// Today in most cases.
pub(crate) const T: &str = "2026-11-22";

/// Front matter of an application being interviewed for.
pub(crate) const ACTIVE: &str = "status: interviewing\napplied: 2026-10-01";
/// Front matter of an application rejected on 2026-11-15.
pub(crate) const REJECTED: &str = "status: rejected\napplied: 2026-10-01\ndecided: 2026-11-15";
/// Front matter of an application accepted on 2026-11-15.
pub(crate) const ACCEPTED: &str = "status: accepted\napplied: 2026-10-01\ndecided: 2026-11-15";
/// Front matter of an offer declined on 2026-11-15.
pub(crate) const DECLINED: &str = "status: declined\napplied: 2026-10-01\ndecided: 2026-11-15";
/// Front matter of an application withdrawn on 2026-11-15.
pub(crate) const WITHDRAWN: &str = "status: withdrawn\napplied: 2026-10-01\ndecided: 2026-11-15";

/// One file of a scenario; made by [`contact`], [`app`], [`settings`] and [`raw`].
#[derive(Debug, Clone)]
pub(crate) struct File {
    /// Its path from the root.
    path: String,
    /// Its text.
    text: String,
}

/// `contacts/ID.md` with `name` made from the id (`jane-doe` → Jane Doe), an email
/// `ID@example.org`, more front matter lines (`front`, may be empty) and `body`.
pub(crate) fn contact(id: &str, front: &str, body: &str) -> File {
    File {
        path: format!("contacts/{id}.md"),
        text: format!("---\n{}\n---\n{body}", contact_front(id, front)),
    }
}

/// `applications/ID.md` with `company: Acme Robotics` and `role: SRE` unless the front
/// matter lines set them, and `body`.
pub(crate) fn app(id: &str, front: &str, body: &str) -> File {
    File {
        path: format!("applications/{id}.md"),
        text: format!("---\n{}\n---\n{body}", application_front(front)),
    }
}

/// `goodwill.toml`.
pub(crate) fn settings(toml: &str) -> File {
    raw("goodwill.toml", toml)
}

/// Any other file, by its path from the root.
pub(crate) fn raw(path: &str, text: &str) -> File {
    File {
        path: path.to_owned(),
        text: text.to_owned(),
    }
}

/// What a case expects: `(contact, application, date)`, `-` where there is none.
pub(crate) type Row<'a> = (&'a str, &'a str, &'a str);

/// One case of a table.
#[derive(Debug, Clone)]
pub(crate) struct Case<'a> {
    /// What the case shows, in words: the failure names it.
    pub says: &'a str,
    /// The repository.
    pub files: Vec<File>,
    /// The day the rules are run on.
    pub today: &'a str,
    /// The rule whose actions (or cautions) are compared.
    pub rule: &'a str,
    /// Its actions as `(contact, application, due)`, or its cautions as
    /// `(contact, application, until)`, in report order.
    pub want: Vec<Row<'a>>,
    /// Other rules of the same scenario and what they give, checked too.
    pub also: Vec<(&'a str, Vec<Row<'a>>)>,
    /// The diagnostics the repository raises, each by a part of its message, in order;
    /// none unless the case says so.
    pub diagnostics: Vec<&'a str>,
}

impl Default for Case<'_> {
    fn default() -> Self {
        Case {
            says: "",
            files: Vec::new(),
            today: T,
            rule: "",
            want: Vec::new(),
            also: Vec::new(),
            diagnostics: Vec::new(),
        }
    }
}

/// A repository in a temporary folder (removed when dropped), read in-process.
pub(crate) struct Scenario {
    dir: tempfile::TempDir,
}

impl Scenario {
    /// A repository of `files`, with `contacts/` and `applications/` whether or not any
    /// file is in them.
    pub(crate) fn of(files: &[File]) -> Scenario {
        let dir = tempfile::tempdir().expect("temporary folder");
        for folder in ["contacts", "applications"] {
            std::fs::create_dir_all(dir.path().join(folder)).expect("folder");
        }
        let scenario = Scenario { dir };
        for file in files {
            scenario.write(file);
        }
        scenario
    }

    /// Writes one more file.
    pub(crate) fn write(&self, file: &File) {
        let path = self.dir.path().join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("parent folder");
        }
        std::fs::write(&path, &file.text).expect("write fixture");
    }

    /// What the rules decide on `today` (`YYYY-MM-DD`).
    pub(crate) fn due(&self, today: &str) -> Outcome {
        let today = today.parse().expect("a test date");
        let text = goodwill::due_json_at(self.dir.path(), today);
        Outcome(serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}")))
    }
}

/// The front matter of [`contact`].
fn contact_front(id: &str, extra: &str) -> String {
    let name: Vec<String> = id
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().collect::<String>() + chars.as_str()
            })
        })
        .collect();
    let mut front = format!("name: {}\nemail: {id}@example.org", name.join(" "));
    if !extra.is_empty() {
        front.push('\n');
        front.push_str(extra);
    }
    front
}

/// The front matter of [`app`].
fn application_front(front: &str) -> String {
    let mut text = String::new();
    if !front.contains("company:") {
        text.push_str("company: Acme Robotics\n");
    }
    if !front.contains("role:") {
        text.push_str("role: SRE\n");
    }
    text.push_str(front);
    text
}

/// The `due --json` report of a scenario.
pub(crate) struct Outcome(pub serde_json::Value);

impl Outcome {
    /// The report itself.
    pub(crate) fn json(&self) -> &serde_json::Value {
        &self.0
    }

    /// The diagnostics, as their messages.
    pub(crate) fn diagnostics(&self) -> Vec<String> {
        self.0["diagnostics"]
            .as_array()
            .expect("diagnostics array")
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    /// The actions of `rule` as `(contact, application, due)`, then its cautions as
    /// `(contact, application, until)`; `-` for a null.
    pub(crate) fn of(&self, rule: &str) -> Vec<(String, String, String)> {
        let mut rows = self.rows("actions", "due", Some(rule));
        rows.extend(self.rows("cautions", "until", Some(rule)));
        rows.into_iter().map(|(_, c, a, d)| (c, a, d)).collect()
    }

    /// Every action as `(rule, contact, application, due)`, in report order.
    pub(crate) fn actions(&self) -> Vec<(String, String, String, String)> {
        self.rows("actions", "due", None)
    }

    /// Every caution as `(rule, contact, application, until)`, in report order.
    pub(crate) fn cautions(&self) -> Vec<(String, String, String, String)> {
        self.rows("cautions", "until", None)
    }

    fn rows(
        &self,
        list: &str,
        date: &str,
        rule: Option<&str>,
    ) -> Vec<(String, String, String, String)> {
        self.0[list]
            .as_array()
            .unwrap_or_else(|| panic!("{list} array"))
            .iter()
            .filter(|item| rule.is_none_or(|rule| item["rule"] == rule))
            .map(|item| {
                let text = |key: &str| item[key].as_str().unwrap_or("-").to_owned();
                (
                    text("rule"),
                    text("contact"),
                    text("application"),
                    text(date),
                )
            })
            .collect()
    }
}

// ---------------------------------------------------------------- common fixtures

/// A reference `jane-doe` (a former supervisor, with `jane_body` as her file's body) and
/// an application `acme-sre` with `front` that lists her, with `body`.
pub(crate) fn jane_on_acme(front: &str, body: &str, jane_body: &str) -> Vec<File> {
    vec![
        contact("jane-doe", "relationship: supervisor", jane_body),
        app(
            "acme-sre",
            &format!("{front}\nreferences: [jane-doe]"),
            body,
        ),
    ]
}

/// An interviewer `bob-stone` at Acme Robotics (with `bob_body` as his file's body) and
/// an application `acme-sre` with `front` that lists him in `contacts`, with `body`.
pub(crate) fn bob_on_acme(front: &str, body: &str, bob_body: &str) -> Vec<File> {
    vec![
        contact(
            "bob-stone",
            "relationship: interviewer\ncompany: Acme Robotics",
            bob_body,
        ),
        app("acme-sre", &format!("{front}\ncontacts: [bob-stone]"), body),
    ]
}

/// A file body: a log of `entries`, one line each.
pub(crate) fn log(entries: &[&str]) -> String {
    let mut body = String::from("## Log\n");
    for entry in entries {
        body.push_str(entry);
        body.push('\n');
    }
    body
}

/// Owned rows, for comparing with [`Outcome::of`].
pub(crate) fn owned(rows: &[Row<'_>]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|(c, a, d)| ((*c).to_owned(), (*a).to_owned(), (*d).to_owned()))
        .collect()
}

/// Runs every case; panics once with every case that failed, what it expected and what
/// it got. A case fails too when its repository's diagnostics are not the ones it names
/// (fixtures are clean unless a case says otherwise).
pub(crate) fn check(cases: &[Case<'_>]) {
    assert!(!cases.is_empty(), "a table without cases");
    let mut failures = String::new();
    for case in cases {
        assert!(
            !case.says.is_empty() && !case.rule.is_empty(),
            "a case needs `says` and `rule`: {case:?}"
        );
        let outcome = Scenario::of(&case.files).due(case.today);
        let diagnostics = outcome.diagnostics();
        let expected = diagnostics.len() == case.diagnostics.len()
            && diagnostics
                .iter()
                .zip(&case.diagnostics)
                .all(|(got, part)| got.contains(part));
        if !expected {
            let _ = writeln!(
                failures,
                "\n{}: diagnostics\n  want {:?}\n  got  {diagnostics:?}",
                case.says, case.diagnostics
            );
            continue;
        }
        let expected = std::iter::once((case.rule, &case.want))
            .chain(case.also.iter().map(|(rule, rows)| (*rule, rows)));
        for (rule, want) in expected {
            let got = outcome.of(rule);
            if got != owned(want) {
                let _ = writeln!(
                    failures,
                    "\n{} (`{rule}` on {}):\n  want {want:?}\n  got  {got:?}",
                    case.says, case.today
                );
            }
        }
    }
    assert!(failures.is_empty(), "cases failed:{failures}");
}
