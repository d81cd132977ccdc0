//! Diagnostics: every error and warning class of `docs/diagnostics.md` comes out once, with
//! its file and line, and the rest of the repository is still reported.

use crate::support::{Repo, of_rule};

/// `check` output lines that mention `file`.
fn lines_for(stderr: &str, file: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with(file))
        .map(str::to_owned)
        .collect()
}

/// Asserts exactly one diagnostic for `file`, starting with `prefix` and containing `text`.
fn assert_one(stderr: &str, file: &str, prefix: &str, text: &str) {
    let lines = lines_for(stderr, file);
    assert_eq!(
        lines.len(),
        1,
        "expected one diagnostic for {file}, got {lines:#?}\n{stderr}"
    );
    assert!(
        lines[0].starts_with(prefix),
        "{} does not start with {prefix}",
        lines[0]
    );
    assert!(
        lines[0].contains(text),
        "{} does not contain {text}",
        lines[0]
    );
}

fn good_contact(repo: &Repo) {
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.com",
        "## Log\n- 2026-10-01 Coffee #agreed\n",
    );
}

#[test]
fn clean_repository_checks_clean() {
    let repo = Repo::new();
    good_contact(&repo);
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
}

#[test]
fn each_error_class_has_file_line_and_message() {
    let repo = Repo::new();
    good_contact(&repo);
    repo.file("contacts/no-front.md", "# Bob\nJust notes\n")
        .file(
            "contacts/unclosed.md",
            "---\nname: Open\n\nNotes that were meant as body\n",
        )
        .file("contacts/syntax.md", "---\nname: Ok\ncompany: [Acme\n---\n")
        .contact("missing-name", "company: Acme", "")
        .contact("wrong-type", "name: Typed\ntags:\n  a: b", "")
        .contact("bad-enum", "name: Enum\nrelationship: boss", "")
        .contact("bad-date", "name: Date\nsnooze_until: 2026-13-01", "")
        .contact("bad-duration", "name: Duration\ncadence: 3 months", "")
        .contact(
            "bad-log-date",
            "name: Log",
            "Notes\n\n## Log\n- 2026-02-30 Called her\n",
        )
        .contact("anchors", "name: Anchor\ntags: &t [a]\ntitle: *t", "")
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
        .file("contacts/Jane Doe.md", "---\nname: Jane Again\n---\n")
        .file("contacts/binary.md", "---\nname: Bin\n---\n\u{0}ok\n");
    std::fs::write(
        repo.path().join("contacts/latin1.md"),
        b"---\nname: Ren\xe9\n---\n",
    )
    .expect("write");

    let run = repo.run(&["check"]);
    assert_eq!(run.code, 1, "check must fail on errors");
    let err = &run.stderr;
    assert_one(
        err,
        "contacts/no-front.md",
        "contacts/no-front.md:1: error:",
        "missing front matter",
    );
    assert_one(
        err,
        "contacts/unclosed.md",
        "contacts/unclosed.md:1: error:",
        "never closed",
    );
    assert_one(
        err,
        "contacts/syntax.md",
        "contacts/syntax.md:",
        "yaml syntax",
    );
    assert_one(
        err,
        "contacts/missing-name.md",
        "contacts/missing-name.md:",
        "missing required key `name`",
    );
    assert_one(
        err,
        "contacts/wrong-type.md",
        "contacts/wrong-type.md:3: error:",
        "`tags` must be a list",
    );
    assert_one(
        err,
        "contacts/bad-enum.md",
        "contacts/bad-enum.md:3: error:",
        "unknown relationship `boss`",
    );
    assert_one(
        err,
        "contacts/bad-date.md",
        "contacts/bad-date.md:3: error:",
        "invalid date `2026-13-01`",
    );
    assert_one(
        err,
        "contacts/bad-duration.md",
        "contacts/bad-duration.md:3: error:",
        "invalid duration `3 months`",
    );
    assert_one(
        err,
        "contacts/bad-log-date.md",
        "contacts/bad-log-date.md:7: error:",
        "invalid date `2026-02-30`",
    );
    assert_one(
        err,
        "contacts/anchors.md",
        "contacts/anchors.md:3: error:",
        "anchors",
    );
    assert_one(
        err,
        "applications/unknown-ref.md",
        "applications/unknown-ref.md:6: error:",
        "did you mean `jane-doe`?",
    );
    assert_one(
        err,
        "applications/no-decided.md",
        "applications/no-decided.md:5: error:",
        "add `decided: YYYY-MM-DD`",
    );
    assert_one(
        err,
        "contacts/latin1.md",
        "contacts/latin1.md:2: error:",
        "not valid UTF-8",
    );
    // Either file of a duplicate pair is named once; the other keeps the id.
    let duplicates: Vec<_> = err
        .lines()
        .filter(|l| l.contains("duplicate id `jane-doe`"))
        .collect();
    assert_eq!(duplicates.len(), 1, "{err}");
    // The good contact still counts: its `#agreed` entry is there, and nothing else about it.
    assert!(lines_for(err, "contacts/jane-doe.md").is_empty(), "{err}");
}

#[test]
fn broken_files_do_not_cascade_and_the_rest_is_reported() {
    let repo = Repo::new();
    good_contact(&repo);
    // A broken contact: links to it resolve, so the application raises nothing more.
    repo.contact("bob", "name: Bob\nrelationship: bosss", "")
        .application(
            "acme",
            "company: Acme\nrole: SRE\napplied: 2026-11-01\nreferences: [jane-doe, bob]",
            "## Log\n- 2026-11-02 Told [[bob]] about it #update\n",
        );
    let run = repo.run(&["--today", "2026-11-22", "due", "--json"]);
    assert_eq!(run.code, 0, "due still succeeds with broken files");
    let json = run.json();
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["file"], "contacts/bob.md");
    assert_eq!(diagnostics[0]["line"], 3);
    assert_eq!(diagnostics[0]["severity"], "error");
    // The rest of the repository is still reported.
    assert_eq!(of_rule(&json, "heads-up").len(), 1);
}

#[test]
fn warnings_do_not_fail_check() {
    let repo = Repo::new();
    repo.contact("ann", "name: Ann\ncompnay: Acme", "## Log\n- 2026-10-01 Lunch with [[nobdy]] #thanks\n")
        .contact("carl", "name: Carl", "")
        .application(
            "acme",
            "company: Acme\nrole: SRE\nstatus: interviewing\napplied: 2026-10-01\ndecided: 2026-11-01\ncontacts: [carl]",
            "",
        )
        .application("beta", "company: Beta\nrole: SRE", "");
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("contacts/ann.md:3: warning: unknown key `compnay` (did you mean `company`?)"),
        "{err}"
    );
    assert!(
        err.contains("contacts/ann.md:6: warning: unknown link `nobdy`"),
        "{err}"
    );
    assert!(
        err.contains("applications/acme.md:6: warning: `decided` is set but status `interviewing`"),
        "{err}"
    );
    assert!(err.contains("contacts/carl.md:1: warning: Carl is listed on an application but has neither `email` nor `phone`"), "{err}");
    assert!(
        err.contains("applications/beta.md:1: warning: `applied` is missing"),
        "{err}"
    );
}

#[test]
fn html_nested_too_deep_is_a_warning() {
    let repo = Repo::new();
    let notes = format!("Notes.\n\n{}\n", "<div>".repeat(100_000));
    repo.contact("deep", "name: Deep\nemail: deep@example.com", &notes);
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 0, "a warning only: {}", run.stderr);
    assert_one(
        &run.stderr,
        "contacts/deep.md",
        "contacts/deep.md:7: warning: ",
        "the notes' HTML nests deeper than 256 levels: it is shown as text",
    );
    let build = repo.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
}

#[test]
fn unquoted_numbers_stay_text() {
    let repo = Repo::new();
    repo.contact(
        "pat",
        "name: Pat\nphone: +4915112345678\ntitle: 01234\ncompany: no",
        "",
    );
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn hostile_input_gives_errors_not_crashes() {
    let repo = Repo::new();
    good_contact(&repo);
    let bomb = "---\nname: Bomb\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\n";
    let deep_flow = format!(
        "---\nname: Deep\nx: {}{}\n---\n",
        "[".repeat(40),
        "]".repeat(40)
    );
    let deepest = format!(
        "---\nname: Deepest\nx: {}{}\n---\n",
        "[".repeat(30_000),
        "]".repeat(30_000)
    );
    let big = format!(
        "---\nname: Big\n---\n{}",
        "- 2026-01-01 note #thanks\n".repeat(50_000)
    );
    let deep_markdown = format!(
        "---\nname: Quote\n---\n{}- 2026-01-01 deep\n",
        "> ".repeat(20_000)
    );
    repo.file("contacts/bomb.md", bomb)
        .file("contacts/deep.md", &deep_flow)
        .file("contacts/deepest.md", &deepest)
        .file("contacts/big.md", &big)
        .file("contacts/quote.md", &deep_markdown)
        .file("contacts/bom.md", "\u{feff}---\nname: Bom\n---\n");
    #[cfg(unix)]
    {
        std::fs::create_dir_all(repo.path().join("contacts/loop")).expect("dir");
        std::os::unix::fs::symlink("..", repo.path().join("contacts/loop/up")).expect("symlink");
    }
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert_one(
        err,
        "contacts/bomb.md",
        "contacts/bomb.md:3: error:",
        "anchors",
    );
    assert_one(
        err,
        "contacts/deep.md",
        "contacts/deep.md:3: error:",
        "nested deeper than 32",
    );
    assert_one(err, "contacts/deepest.md", "contacts/deepest.md:", "error:");
    assert_one(err, "contacts/big.md", "contacts/big.md: error:", "1 MiB");
    assert!(
        lines_for(err, "contacts/bom.md").is_empty(),
        "a byte-order mark is skipped: {err}"
    );
    assert!(lines_for(err, "contacts/quote.md").is_empty(), "{err}");
    #[cfg(unix)]
    assert!(err.contains("symlink loop"), "{err}");
}

#[test]
fn settings_errors_point_at_their_line() {
    let repo = Repo::new();
    good_contact(&repo);
    repo.file(
        "goodwill.toml",
        "owner = \"Sam\"\n\n[grace]\nsoon = \"7d\"\nsooon = \"3d\"\n",
    );
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("goodwill.toml:5: error:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("sooon"), "{}", run.stderr);
}

#[test]
fn no_repository_is_fatal() {
    let dir = tempfile::tempdir().expect("temp");
    let output = std::process::Command::new(crate::support::binary())
        .current_dir(dir.path())
        .env_remove("GOODWILL_TODAY")
        .arg("check")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no goodwill repository"));
}

#[test]
fn duplicate_id_keeps_the_canonical_file() {
    let repo = Repo::new();
    repo.file(
        "contacts/Jane Doe.md",
        "---\nname: Jane Two\nemail: two@example.com\n---\n",
    )
    .contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.com",
        "## Log\n- 2026-11-01 Coffee #agreed\n",
    )
    .application(
        "acme",
        "company: Acme\nrole: SRE\napplied: 2026-11-01\nreferences: [Jane Doe]",
        "",
    );
    let json = repo.due_json("2026-11-22");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["file"], "contacts/Jane Doe.md");
    // jane-doe.md keeps the id: her #agreed counts, so no permission action.
    assert!(of_rule(&json, "permission").is_empty(), "{json:#}");
    assert_eq!(of_rule(&json, "heads-up").len(), 1);
}

#[test]
fn an_entry_linking_a_broken_application_stays_scoped_to_it() {
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.com",
        "## Log\n- 2026-11-16 Told her about Beta #update [[beta]]\n",
    )
    .application(
        "acme",
        "company: Acme\nrole: SRE\nstatus: rejected\napplied: 2026-10-01\ndecided: 2026-11-15\nreferences: [jane-doe]",
        "",
    )
    .application("beta", "company: Beta\nrole: SRE\nstatus: rejectd\nreferences: [jane-doe]", "");
    let json = repo.due_json("2026-11-22");
    // The update was about Beta (broken), not Acme: Acme's outcome update is still owed.
    assert_eq!(
        of_rule(&json, "outcome-update"),
        [crate::support::t("jane-doe", "acme", "2026-11-17")]
    );
}

#[test]
#[cfg(unix)]
fn a_fifo_or_device_named_md_is_an_error() {
    let repo = Repo::new();
    good_contact(&repo);
    let fifo = repo.path().join("contacts/pipe.md");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", repo.path().join("applications/zero.md"))
        .expect("symlink");
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_one(
        &run.stderr,
        "contacts/pipe.md",
        "contacts/pipe.md: error: not a regular file",
        "goodwill reads only plain files",
    );
    assert_one(
        &run.stderr,
        "applications/zero.md",
        "applications/zero.md: error: not a regular file",
        "goodwill reads only plain files",
    );
}

#[test]
fn an_email_that_is_not_a_plain_address_is_an_error() {
    let repo = Repo::new();
    repo.contact(
        "eve",
        "name: Eve\nemail:\n  - eve@example.com\n  - evil@example.com?bcc=victim@example.org",
        "",
    );
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_one(
        &run.stderr,
        "contacts/eve.md",
        "contacts/eve.md:5: error: ",
        "`evil@example.com?bcc=victim@example.org` in `email` is not a plain address: write only the address, as `jane@example.com`",
    );
}
