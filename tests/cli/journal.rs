//! Integration tests: journal folders (`docs/capture.md`, "Journal folders") — dated notes
//! whose lines link a contact or an application are entries, read by every command.
//! All people are fictional.

use crate::support::{Repo, of_rule, t};

const T: &str = "2026-11-22";

/// Jane is a reference of an active application; Raj is its hiring manager.
fn repo() -> Repo {
    let repo = Repo::new();
    repo.file("goodwill.toml", "journal = [\"Daily\"]\n")
        .contact("jane-doe", "name: Jane Doe\nemail: jane@example.com", "")
        .contact(
            "raj-mehta",
            "name: Raj Mehta\nemail: raj@example.org\nrelationship: hiring-manager",
            "",
        )
        .application(
            "acme-sre",
            "company: Acme\nrole: SRE\nstatus: interviewing\napplied: 2026-10-01\nreferences: [jane-doe]\ncontacts: [raj-mehta]",
            "",
        );
    repo
}

#[test]
fn lines_that_link_are_entries_dated_by_the_note() {
    let repo = repo();
    let before = repo.due_json(T);
    assert!(of_rule(&before, "heads-up").contains(&t("jane-doe", "acme-sre", "2026-10-01")));
    repo.file(
        "Daily/2026-11-20 Friday.md",
        "---\ntags: [daily]\nmood: fine\n---\n# Friday\n\n- Sent [[Jane Doe]] my resume and the synopsis #heads-up\n\nInterviewed with [[raj-mehta]] for [[acme-sre]] today #interview\n\n- A line that links nothing #thanks\n- [ ] Send [[Jane Doe]] the SLO article\n",
    );
    let after = repo.due_json(T);
    assert!(of_rule(&after, "heads-up").is_empty(), "{after}");
    // The interview on the note's date: Raj is owed thanks, Jane an update.
    assert_eq!(
        of_rule(&after, "interviewer-thanks"),
        [t("raj-mehta", "acme-sre", "2026-11-21")]
    );
    assert_eq!(
        of_rule(&after, "interview-update"),
        [t("jane-doe", "acme-sre", "2026-11-22")]
    );
    // The open task belongs to the first contact it links, due on the note's date.
    assert_eq!(of_rule(&after, "task"), [t("jane-doe", "-", "2026-11-20")]);
    assert!(
        after["diagnostics"].as_array().is_some_and(Vec::is_empty),
        "{after}"
    );
}

#[test]
fn an_item_with_its_own_date_keeps_it_and_unknown_links_warn() {
    let repo = repo();
    repo.file(
        "Daily/2026-11-21.md",
        "- 2026-11-02 Told [[jane-doe]] about [[acme-sre]] #heads-up\n- 2026-11-03 Coffee with [[Jane Doee]]\n- 2026-02-30 Lunch with [[jane-doe]]\n",
    );
    let run = repo.run(&["--today", T, "check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Daily/2026-11-21.md:3: error: invalid date `2026-02-30`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Daily/2026-11-21.md:2: warning: unknown link `Jane Doee`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean"), "{}", run.stderr);
}

#[test]
fn notes_not_named_by_a_date_are_skipped_and_a_bad_date_is_an_error() {
    let repo = repo();
    repo.file(
        "Daily/Ideas.md",
        "- Sent [[Jane Doe]] my resume #heads-up\n",
    )
    .file(
        "Daily/2026-02-30.md",
        "- Sent [[Jane Doe]] my resume #heads-up\n",
    )
    .file(
        "Daily/_template/2026-11-01.md",
        "- Sent [[Jane Doe]] my resume #heads-up\n",
    );
    let json = repo.due_json(T);
    assert_eq!(of_rule(&json, "heads-up").len(), 1, "{json}");
    let diagnostics = json["diagnostics"].to_string();
    assert!(diagnostics.contains("Daily/2026-02-30.md"), "{diagnostics}");
    assert!(!diagnostics.contains("Ideas"), "{diagnostics}");
}

#[test]
fn a_journal_entry_shows_on_the_timeline_with_its_file() {
    let repo = repo();
    repo.file(
        "Daily/2026-11-20.md",
        "Coffee with [[Jane Doe]], talked about <b>SLOs</b>\n",
    );
    let run = repo.run(&["--today", T, "build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(repo.path().join("public/contacts/jane-doe.html"))
        .expect("jane's page");
    assert!(page.contains("Coffee with"), "{page}");
    assert!(page.contains("Daily/2026-11-20.md"), "{page}");
}

#[test]
fn done_never_writes_into_a_journal() {
    let repo = repo();
    let note = "- [ ] Send [[Jane Doe]] the SLO article\n";
    repo.file("Daily/2026-11-20.md", note);
    let json = repo.due_json(T);
    let key = json["actions"]
        .as_array()
        .and_then(|all| all.iter().find(|action| action["rule"] == "task"))
        .and_then(|action| action["key"].as_str())
        .expect("task")
        .to_owned();
    let run = repo.run(&["--today", T, "done", &key]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("tick its box there"), "{}", run.stderr);
    let after = std::fs::read_to_string(repo.path().join("Daily/2026-11-20.md")).expect("note");
    assert_eq!(after, note);
}
