//! Integration tests: `import mail` and `import calendar` on exports in the dialects real
//! programs write (`tests/fixtures/capture/`: Thunderbird, Apple Mail, a Gmail export,
//! a Maildir, `.eml` files; Google, Outlook and Apple calendars). All people and
//! addresses are fictional.

use crate::support::{Repo, Run, of_rule, t};
use std::path::PathBuf;

const T: &str = "2026-11-22";

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/capture")
        .join(name)
        .display()
        .to_string()
}

/// Jane is a reference of an active application whose hiring manager is Raj; Kim is
/// archived; Ana is a friend.
fn repo() -> Repo {
    let repo = Repo::new();
    repo.file(
        "goodwill.toml",
        "owner = \"Sam Rivera\"\nresume = \"https://example.com/sam-rivera.pdf\"\nme = [\"sam@example.com\", \"Sam.Rivera@Example.org\"]\n",
    )
    .contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.com\nrelationship: supervisor",
        "## Log\n- 2026-09-01 Agreed to be my reference #agreed\n",
    )
    .contact(
        "raj-mehta",
        "name: Raj Mehta\nemail: [raj@example.org, raj.mehta@example.net]\nrelationship: hiring-manager",
        "",
    )
    .contact("kim-lee", "name: Kim Lee\nemail: Kim.Lee@Example.net\narchived: true", "")
    .contact("ana-lima", "name: Ana Lima\nemail: ana@example.com", "")
    .application(
        "acme-sre",
        "company: Acme\nrole: Senior SRE\nstatus: interviewing\napplied: 2026-10-01\nreferences: [jane-doe]\ncontacts: [raj-mehta]",
        "## Synopsis\nRun the platform.\n",
    );
    repo
}

fn all_mail() -> Vec<String> {
    [
        "thunderbird.mbox",
        "Apple.mbox",
        "gmail.mbox",
        "Maildir",
        "eml",
    ]
    .iter()
    .map(|name| fixture(name))
    .collect()
}

/// `import KIND ARGS…` on `T`, in the time zone `tz`.
fn import(repo: &Repo, tz: &str, kind: &str, args: &[String]) -> Run {
    let mut all = vec!["--today", T, "import", kind];
    all.extend(args.iter().map(String::as_str));
    let output = repo
        .command(&all)
        .env("TZ", tz)
        .output()
        .expect("run goodwill");
    let run = Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    };
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    run
}

fn read(repo: &Repo, file: &str) -> String {
    std::fs::read_to_string(repo.path().join(file)).expect("file")
}

fn check_clean(repo: &Repo) {
    let run = repo.run(&["--today", T, "check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_touch_between_me_and_a_contact_is_logged_once() {
    let repo = repo();
    let run = import(&repo, "UTC", "mail", &all_mail());
    assert!(
        run.stdout.contains("24 messages read: added 15 entries (9 sent, 6 received) in 4 files, 1 message settled, 3 skipped as lists or automatic, 1 already present, 1 without a Message-ID, 1 dated after today"),
        "{}",
        run.stdout
    );
    let jane = read(&repo, "contacts/jane-doe.md");
    for line in [
        "- 2026-11-15 Received an email: Broken Date header [mail](mid:gm-5@mail.example.com)\n",
        "- 2026-11-16 Received an email: No Date header [mail](mid:gm-4@mail.example.com)\n",
        "- 2026-11-17 Sent an email: Grüße aus Berlin — 30 people [mail](mid:gm-1@mail.example.com)\n",
        "- 2026-11-19 Sent an email: Lunch next week? [mail](mid:tb-5@example.com)\n",
        "- 2026-11-20 Received an email: Thanks! [mail](mid:tb-2@example.com)\n",
    ] {
        assert!(jane.contains(line), "{line}\n{jane}");
    }
    let raj = read(&repo, "contacts/raj-mehta.md");
    assert!(raj.contains("Sent an email: 面接のお礼"), "{raj}");
    assert!(raj.contains("mid:md-1@example.org") && raj.contains("mid:md-2@example.org"));
    // tmp/ of a Maildir holds mail still being delivered; Bcc is never read.
    assert!(!raj.contains("md-3") && !raj.contains("Offsite") && !raj.contains("tb-5"));
    let ana = read(&repo, "contacts/ana-lima.md");
    assert!(ana.contains("Received an email: Café on Friday"), "{ana}");
    assert!(
        ana.contains("Sent an email: From the Maildir++ Sent folder"),
        "{ana}"
    );
    // Archived: still history.
    assert!(read(&repo, "contacts/kim-lee.md").contains("mid:apple-1@example.com"));
    // Lists, bulk, automatic mail and robots are skipped; an attached message is none.
    let all: String = ["jane-doe", "raj-mehta", "ana-lima", "kim-lee"]
        .iter()
        .map(|id| read(&repo, &format!("contacts/{id}.md")))
        .collect();
    for absent in [
        "tb-3",
        "tb-4",
        "tb-7",
        "tb-8",
        "tb-10",
        "inner@",
        "No Message-ID",
    ] {
        assert!(!all.contains(absent), "{absent}");
    }
    assert!(all.contains("tb-9"), "Auto-Submitted: no is a person");
    check_clean(&repo);

    let again = import(&repo, "UTC", "mail", &all_mail());
    assert!(
        again.stdout.contains("added 0 entries") && again.stdout.contains("16 already present"),
        "{}",
        again.stdout
    );
    assert_eq!(read(&repo, "contacts/jane-doe.md"), jane);
}

#[test]
fn a_reply_to_a_draft_settles_it_and_a_hostile_subject_is_inert() {
    let repo = repo();
    let before = repo.due_json(T);
    assert_eq!(
        of_rule(&before, "heads-up"),
        [t("jane-doe", "acme-sre", "2026-10-01")]
    );
    import(&repo, "UTC", "mail", &all_mail());
    let jane = read(&repo, "contacts/jane-doe.md");
    assert!(
        jane.contains("- 2026-11-20 Sent an email: Re: Heads-up: Acme may call you about Senior SRE #heads-up [[acme-sre]] [mail](mid:tb-1@example.com)\n"),
        "{jane}"
    );
    assert!(
        jane.contains("- 2026-11-14 Sent an email: \\#thanks \\[\\[acme-sre\\]\\] \\<script\\>alert\\(1\\)\\</script\\> \\`x\\` \\\\\\#agreed [mail](mid:gm-7%28hostile%29@mail.example.com)\n"),
        "{jane}"
    );
    let after = repo.due_json(T);
    assert!(of_rule(&after, "heads-up").is_empty(), "{after}");
    // The hostile subject thanked nobody and linked nothing.
    let run = repo.run(&["--today", T, "build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&repo, "public/contacts/jane-doe.html");
    assert!(!page.contains("<script>alert"), "{page}");
}

#[test]
fn mail_is_dated_in_local_time() {
    let repo = repo();
    import(
        &repo,
        "America/New_York",
        "mail",
        &[fixture("thunderbird.mbox")],
    );
    assert!(
        read(&repo, "contacts/jane-doe.md")
            .contains("- 2026-11-19 Received an email: Thanks! [mail](mid:tb-2@example.com)")
    );
}

#[test]
fn a_dry_run_prints_every_line_and_writes_nothing() {
    let repo = repo();
    let before = crate::support::files_under(repo.path());
    let run = import(&repo, "UTC", "mail", &{
        let mut args = all_mail();
        args.push("--dry-run".to_owned());
        args
    });
    assert!(
        run.stdout.contains("contacts/ana-lima.md: - 2026-11-16 Sent an email: Notes from our call [mail](mid:eml-1@example.com)\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("(dry run: nothing was written)"));
    assert!(
        run.stdout
            .contains("  2 times: goodwill new contact person1 --email person1@example.org\n")
            && run
                .stdout
                .contains("goodwill new contact 'Pat Quinn' --email pat.quinn@example.org"),
        "{}",
        run.stdout
    );
    assert_eq!(crate::support::files_under(repo.path()), before);
}

#[test]
fn without_me_the_import_says_what_to_add() {
    let repo = Repo::new();
    let run = repo.run(&["import", "mail", &fixture("thunderbird.mbox")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("`me` is not set in goodwill.toml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("me = [\"you@example.com\"]"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_that_is_no_mail_is_refused() {
    let repo = repo();
    repo.file("notes.txt", "just some notes\n");
    let path = repo.path().join("notes.txt").display().to_string();
    let run = repo.run(&["import", "mail", &path]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("holds no mail goodwill can read"),
        "{}",
        run.stderr
    );
}

#[test]
fn meetings_and_interviews_from_google_outlook_and_apple() {
    let repo = repo();
    for file in ["google.ics", "outlook.ics", "apple.ics"] {
        import(&repo, "UTC", "calendar", &[fixture(file)]);
    }
    let jane = read(&repo, "contacts/jane-doe.md");
    assert!(
        jane.contains("- 2026-11-09 Meeting: Mentoring with Jane [event](ics:weekly-1on1@google.com/2026-11-09)\n"),
        "{jane}"
    );
    assert!(jane.contains("Meeting: Screen with Raj and Jane"), "{jane}");
    assert!(!jane.contains("Next month"));
    let ana = read(&repo, "contacts/ana-lima.md");
    assert!(
        ana.contains("- 2026-11-20 Meeting: Late call, with notes ; \\#thanks \\[\\[acme-sre\\]\\] [event](ics:late-call@google.com)\n"),
        "{ana}"
    );
    assert!(
        ana.contains(
            "Coffee with Ana [event](ics:5F3C2B1A-1D2E-4F5A-9B8C-7D6E5F4A3B2C/2026-11-20)"
        )
    );
    assert!(
        !ana.contains("Cancelled sync") && !ana.contains("Panel"),
        "{ana}"
    );
    assert!(
        read(&repo, "contacts/kim-lee.md").contains("2026-11-17 Meeting: Conference day with Kim")
    );
    let acme = read(&repo, "applications/acme-sre.md");
    assert!(
        acme.contains("- 2026-11-20 Interview: Acme SRE - Panel Interview #interview [[raj-mehta]] [event](ics:"),
        "{acme}"
    );
    // The interview rules fire without typing.
    let json = repo.due_json(T);
    assert_eq!(
        of_rule(&json, "interviewer-thanks"),
        [t("raj-mehta", "acme-sre", "2026-11-21")]
    );
    assert_eq!(
        of_rule(&json, "interview-update"),
        [t("jane-doe", "acme-sre", "2026-11-22")]
    );
    check_clean(&repo);
    let files = crate::support::files_under(repo.path());
    for file in ["google.ics", "outlook.ics", "apple.ics"] {
        let run = import(&repo, "UTC", "calendar", &[fixture(file)]);
        assert!(run.stdout.contains("added 0 entries"), "{}", run.stdout);
    }
    assert_eq!(crate::support::files_under(repo.path()), files);
}

#[test]
fn the_next_occurrence_of_a_recurring_event_is_added_on_its_day() {
    let repo = repo();
    import(&repo, "UTC", "calendar", &[fixture("google.ics")]);
    let output = repo
        .command(&[
            "--today",
            "2026-11-23",
            "import",
            "calendar",
            &fixture("google.ics"),
        ])
        .env("TZ", "UTC")
        .output()
        .expect("run");
    assert!(output.status.success());
    let jane = read(&repo, "contacts/jane-doe.md");
    assert!(
        jane.contains("ics:weekly-1on1@google.com/2026-11-09"),
        "{jane}"
    );
    assert!(
        jane.contains("ics:weekly-1on1@google.com/2026-11-23"),
        "{jane}"
    );
}

#[test]
fn a_calendar_needs_no_me_and_a_dry_run_writes_nothing() {
    let repo = repo();
    repo.file("goodwill.toml", "owner = \"Sam Rivera\"\n");
    let before = crate::support::files_under(repo.path());
    let run = import(
        &repo,
        "UTC",
        "calendar",
        &[fixture("outlook.ics"), "--dry-run".to_owned()],
    );
    assert!(
        run.stdout.contains("applications/acme-sre.md: - 2026-11-20 Interview: Acme SRE - Panel Interview #interview [[raj-mehta]]"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("(dry run: nothing was written)"));
    assert_eq!(crate::support::files_under(repo.path()), before);
}
