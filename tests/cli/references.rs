//! References, helpers and target companies end to end: `quiet` settled by `done`, the
//! first hello, the news for a helper, and the packet a reference is sent.

use crate::support::{Repo, of_rule, t};

const T: &str = "2026-11-22";

/// The key of the one action of `rule` (for `contact`, when given).
fn key_of(repo: &Repo, rule: &str, contact: Option<&str>) -> String {
    let json = repo.due_json(T);
    json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == rule && contact.is_none_or(|c| a["contact"] == c))
        .and_then(|a| a["key"].as_str())
        .unwrap_or_else(|| panic!("no {rule} for {contact:?}: {json}"))
        .to_owned()
}

fn draft(repo: &Repo, key: &str) -> String {
    let run = repo.run(&["--today", T, "draft", key]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn quiet_is_a_note_to_yourself_that_done_restarts() {
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org",
        "## Log\n- 2026-09-01 Yes #agreed\n- 2026-09-02 Sent #heads-up [[acme-sre]]\n",
    )
    .application(
        "acme-sre",
        "company: Acme\nrole: SRE\nstatus: applied\napplied: 2026-10-01\nreferences: [jane-doe]",
        "## Synopsis\nRuns things.\n\n## Notes\nPRIVATE-NOTE\n",
    );
    assert_eq!(
        of_rule(&repo.due_json(T), "quiet"),
        vec![t("-", "acme-sre", "2026-11-12")]
    );
    let key = key_of(&repo, "quiet", None);
    let note = draft(&repo, &key);
    assert!(note.contains("A note to yourself"), "{note}");
    assert!(note.contains("rejected"), "{note}");
    assert!(note.contains("#later/quiet"), "{note}");
    assert!(!note.contains("PRIVATE-NOTE"), "{note}");
    let run = repo.run(&["--today", T, "done", &key]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written =
        std::fs::read_to_string(repo.path().join("applications/acme-sre.md")).expect("read");
    assert!(
        written.contains(&format!("- {T} No news yet\n")),
        "{written}"
    );
    let json = repo.due_json(T);
    assert_eq!(of_rule(&json, "quiet"), vec![]);
    // Six weeks on, it asks again.
    assert_eq!(
        of_rule(&repo.due_json("2027-01-03"), "quiet"),
        vec![t("-", "acme-sre", "2027-01-03")]
    );
}

#[test]
fn a_cheesecake_to_someone_never_touched_is_a_first_hello() {
    let repo = Repo::new();
    repo.file(
        "goodwill.toml",
        "owner = \"Noor Haddad\"\ntargets = [\"Marlow Transit\"]\n",
    )
    .contact(
        "imogen-frey",
        "name: Imogen Frey\nemail: imogen@example.org\ncompany: Marlow Transit",
        "",
    )
    .contact(
        "kai-berg",
        "name: Kai Berg\nemail: kai@example.org\ncompany: marlow transit ",
        "## Log\n- 2026-08-01 Coffee at the meetup\n",
    );
    let hello = draft(&repo, &key_of(&repo, "cheesecake", Some("imogen-frey")));
    assert!(hello.contains("Subject: Hello from Noor Haddad"), "{hello}");
    assert!(hello.contains("I'm Noor Haddad"), "{hello}");
    assert!(hello.contains("caught my eye"), "{hello}");
    assert!(!hello.contains("thought of you"), "{hello}");
    let known = draft(&repo, &key_of(&repo, "cheesecake", Some("kai-berg")));
    assert!(known.contains("thought of you"), "{known}");
    assert!(!known.contains("We haven't met"), "{known}");
    // One cheesecake a week per company: Kai's (due 2026-09-30) goes first, Imogen's
    // waits a week.
    let json = repo.due_json(T);
    assert_eq!(
        of_rule(&json, "cheesecake"),
        vec![
            t("kai-berg", "-", "2026-09-30"),
            t("imogen-frey", "-", "2026-11-29"),
        ]
    );
}

#[test]
fn a_helper_hears_what_their_introduction_led_to() {
    let repo = Repo::new();
    repo.file("goodwill.toml", "owner = \"Noor Haddad\"\n")
        .contact(
            "dana-whitfield",
            "name: Dana Whitfield\nemail: dana@example.org",
            "## Log\n- 2026-08-28 Introduced me to [[Raj Mehta]] #intro\n- 2026-08-29 Thanked her #thanks\n",
        )
        .contact("raj-mehta", "name: Raj Mehta\nemail: raj@example.org\nrelationship: hiring-manager", "")
        .application(
            "acme-sre",
            "company: Acme\nrole: SRE\nstatus: accepted\napplied: 2026-09-01\ndecided: 2026-11-16\ncontacts: [raj-mehta]",
            "",
        );
    assert_eq!(
        of_rule(&repo.due_json(T), "outcome-update"),
        vec![t("dana-whitfield", "acme-sre", "2026-11-18")]
    );
    let key = key_of(&repo, "outcome-update", Some("dana-whitfield"));
    let news = draft(&repo, &key);
    assert!(
        news.contains("your introduction to Raj Mehta led to the SRE role at Acme"),
        "{news}"
    );
    assert!(!news.contains("vouching"), "{news}");
    let run = repo.run(&["--today", T, "done", &key]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(of_rule(&repo.due_json(T), "outcome-update"), vec![]);
}
