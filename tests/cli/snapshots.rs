//! Snapshot tests (insta): the text of every kind of diagnostic, one rendered page of each
//! kind, and the draft of each rule, so that a change to any of them shows as a reviewed
//! diff (`cargo insta review`, or `INSTA_UPDATE=always cargo test` and read the diff).

use super::support::Repo;

const T: &str = "2026-11-22";

/// A repository with one file per kind of mistake, errors and warnings.
fn mistakes() -> Repo {
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org",
        "## Log\n- 2026-10-02 Agreed #agreed\n",
    )
    .file("contacts/no-front.md", "# Bob\nJust notes\n")
    .file("contacts/unclosed.md", "---\nname: Open\n\nNotes\n")
    .file("contacts/syntax.md", "---\nname: Ok\ncompany: [Acme\n---\n")
    .contact("missing-name", "company: Acme", "")
    .contact("wrong-type", "name: Typed\ntags:\n  a: b", "")
    .contact("bad-enum", "name: Enum\nrelationship: boss", "")
    .contact("bad-date", "name: Date\nsnooze_until: 2026-13-01", "")
    .contact("bad-duration", "name: Duration\ncadence: 3 months", "")
    .contact(
        "bad-log",
        "name: Log\nemail: log@example.org",
        "## Log\n- 2026-02-30 Called her\n- 2026-03-01 Met [[nobody-here]]\n",
    )
    .contact("anchors", "name: Anchor\ntags: &t [a]\ntitle: *t", "")
    .contact("near-miss", "name: Near\nemial: near@example.org", "")
    .contact("no-address", "name: No Address", "")
    .contact(
        "alias-clash",
        "name: Alias Clash\nemail: a@example.org\naliases: [Jane Doe]",
        "",
    )
    .application(
        "unknown-ref",
        "company: Acme\nrole: SRE\napplied: 2026-10-01\nreferences:\n  - jane-do",
        "",
    )
    .application(
        "no-decided",
        "company: Acme\nrole: SRE\napplied: 2026-10-01\nstatus: rejected",
        "",
    )
    .application(
        "active-decided",
        "company: Acme\nrole: Ops\napplied: 2026-10-01\ndecided: 2026-11-01\ncontacts: [no-address]",
        "",
    )
    .application("no-applied", "company: Acme\nrole: Dev", "")
    .file("contacts/Jane Doe.md", "---\nname: Jane Again\n---\n");
    std::fs::write(
        repo.path().join("contacts/latin1.md"),
        b"---\nname: Ren\xe9\n---\n",
    )
    .expect("write");
    repo.file(
        "goodwill.toml",
        "owner = \"Noor\"\n[cadence]\nrefrence = \"90d\"\n",
    );
    repo
}

#[test]
fn the_text_of_every_kind_of_diagnostic() {
    let repo = mistakes();
    let run = repo.run(&["--today", T, "check"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("diagnostics", run.stderr);
}

/// A small repository where each page kind has something to show.
fn small() -> Repo {
    let repo = Repo::new();
    repo.file(
        "goodwill.toml",
        "owner = \"Noor Haddad\"\nresume = \"https://example.org/cv.pdf\"\ntargets = [\"Kestrel Health\"]\n",
    );
    repo.contact(
        "jane-doe",
        "name: Jane Doe\ncompany: Northwind\nemail: jane@example.org\nrelationship: supervisor\ntalking_points: [incident command]\ngift_ideas: tea",
        "Managed me for three years.\n\n## Log\n- 2026-10-02 Agreed to be my reference #agreed\n- 2026-11-14 Acme called her #reference-check [[acme-sre]]\n",
    );
    repo.contact(
        "raj-patel",
        "name: Raj Patel\ncompany: Acme\nemail: raj@example.org\nrelationship: interviewer",
        "",
    );
    repo.contact(
        "ada-nwosu",
        "name: Ada Nwosu\ncompany: Kestrel Health\nphone: +1 555 0100\nprefers: text",
        "## Log\n- 2026-08-01 Coffee\n",
    );
    repo.application(
        "acme-sre",
        "company: Acme\nrole: Senior SRE\nstatus: interviewing\napplied: 2026-11-01\nreferences: [jane-doe]\ncontacts: [raj-patel]\nhighlights: [on-call redesign]",
        "## Synopsis\nRun the platform and keep it boring.\n\n## Notes\nPrivate.\n\n## Log\n- 2026-11-12 Panel with [[raj-patel]] #interview\n- 2026-11-12 Asked how I run postmortems #question\n",
    );
    repo
}

#[test]
fn one_page_of_each_kind() {
    let repo = small();
    let out = repo.path().join("public");
    let run = repo.run(&["--today", T, "build", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "index.html",
        "contacts.html",
        "applications.html",
        "targets.html",
        "sections/thanks.html",
        "contacts/jane-doe.html",
        "applications/acme-sre.html",
        "applications/acme-sre/brief/jane-doe.html",
        "applications/acme-sre/packet/jane-doe.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).expect("page");
        // The generator line names the version: not part of what is pinned.
        let html = html.replace(env!("CARGO_PKG_VERSION"), "VERSION");
        insta::assert_snapshot!(page.replace('/', "__"), html);
    }
}

#[test]
fn the_draft_of_each_message_here() {
    let repo = small();
    let json = repo.due_json(T);
    let mut drafts = String::new();
    for message in json["messages"].as_array().expect("messages") {
        let key = message["key"].as_str().expect("key");
        let run = repo.run(&["--today", T, "draft", key]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        drafts.push_str(&format!(
            "==== {} ({})\n{}\n",
            message["title"], message["actions"], run.stdout
        ));
    }
    insta::assert_snapshot!("drafts", drafts);
}
