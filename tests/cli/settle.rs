//! `goodwill done`, `skip` and `later` on message keys and action keys: one true line per
//! application, the actions gone (or back on the later date), nothing else changed; a
//! second run writes nothing; `[git] commit` commits exactly the file written.

use super::support::Repo;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const T: &str = "2026-11-22";

/// The files of `contacts/` and `applications/`, by relative path.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::support::repository_files(root)
}

/// The files that differ between `before` and now, each with the lines it gained (it
/// must lose none).
fn added_lines(repo: &Repo, before: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<String>> {
    let after = files(repo.path());
    let mut changed = BTreeMap::new();
    for (path, bytes) in &after {
        let old = before.get(path).cloned().unwrap_or_default();
        if &old == bytes {
            continue;
        }
        let old = String::from_utf8_lossy(&old).into_owned();
        let new = String::from_utf8_lossy(bytes).into_owned();
        let mut old_lines: Vec<&str> = old.lines().collect();
        let mut gained = Vec::new();
        for line in new.lines() {
            match old_lines.iter().position(|l| *l == line) {
                Some(0) => {
                    old_lines.remove(0);
                }
                _ => gained.push(line.to_owned()),
            }
        }
        assert!(old_lines.is_empty(), "{path} lost {old_lines:?}");
        changed.insert(path.clone(), gained);
    }
    changed
}

/// The message holding the open action of `rule` (for `contact`, if given): its key and
/// its actions' rules.
fn message_of(repo: &Repo, rule: &str, contact: Option<&str>) -> (String, Vec<String>) {
    let json = repo.due_json(T);
    let action = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == rule && contact.is_none_or(|c| a["contact"] == c))
        .unwrap_or_else(|| panic!("no {rule} in {json}"))
        .clone();
    let key = action["message"].as_str().expect("message").to_owned();
    let message = json["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .find(|m| m["key"] == key.as_str())
        .expect("the message")
        .clone();
    let rules = message["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|k| {
            json["actions"]
                .as_array()
                .expect("actions")
                .iter()
                .find(|a| a["key"] == *k)
                .expect("an action")["rule"]
                .as_str()
                .expect("rule")
                .to_owned()
        })
        .collect();
    (key, rules)
}

/// `(rule, contact, application, due)` of every open action but the check-ins far ahead.
fn open(repo: &Repo) -> Vec<(String, String, String, String)> {
    super::support::actions(&repo.due_json(T))
        .into_iter()
        .filter(|(rule, .., due)| rule != "stale" || due.as_str() <= "2026-12-31")
        .collect()
}

fn has(actions: &[(String, String, String, String)], rule: &str, contact: &str, app: &str) -> bool {
    actions
        .iter()
        .any(|(r, c, a, _)| r == rule && c == contact && a == app)
}

/// A no after interviews, told by the hiring manager Owen: thank, ask for feedback and
/// connect make one message to Owen.
fn after_a_no() -> Repo {
    let repo = Repo::new();
    repo.contact(
        "owen-fairweather",
        "name: Owen Fairweather\nemail: owen@example.org\nrelationship: hiring-manager",
        "## Log\n- 2026-10-01 Met at a meetup\n",
    );
    repo.application(
        "lumen-platform",
        "company: Lumen Freight\nrole: Staff Platform Engineer\nstatus: rejected\napplied: 2026-10-01\ndecided: 2026-11-19\ncontacts: [owen-fairweather]",
        "## Log\n- 2026-11-05 Final round with [[owen-fairweather]] #interview\n- 2026-11-19 [[owen-fairweather]] called: no\n",
    );
    repo
}

#[test]
fn done_on_a_message_writes_one_true_line_that_settles_every_action() {
    let repo = after_a_no();
    let (key, rules) = message_of(&repo, "rejection-thanks", None);
    assert_eq!(rules, ["rejection-thanks", "ask-feedback", "connect"]);
    let before = files(repo.path());
    let run = repo.run(&["--today", T, "done", &key]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = "- 2026-11-22 Thanked Owen for the chance at Lumen Freight, asked them for brief feedback on my interviews and asked them to connect on LinkedIn #thanks #feedback #connected [[lumen-platform]]";
    assert_eq!(
        added_lines(&repo, &before),
        BTreeMap::from([(
            "contacts/owen-fairweather.md".to_owned(),
            vec![line.to_owned()]
        )])
    );
    assert!(run.stdout.contains(line), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("settled: Owen Fairweather: thank, ask for feedback, ask to connect"),
        "{}",
        run.stdout
    );
    assert!(open(&repo).is_empty(), "{:?}", open(&repo));
    assert_eq!(repo.run(&["--today", T, "check"]).code, 0);

    // Again (a repeated command, a replayed POST): nothing is written, and it says so.
    let settled = files(repo.path());
    let again = repo.run(&["--today", T, "done", &key]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again
            .stdout
            .starts_with("already settled today: Owen Fairweather"),
        "{}",
        again.stdout
    );
    assert_eq!(files(repo.path()), settled);
}

#[test]
fn an_action_key_still_settles_that_action_alone() {
    let repo = after_a_no();
    let json = repo.due_json(T);
    let connect = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == "connect")
        .expect("connect")["key"]
        .as_str()
        .expect("key")
        .to_owned();
    let before = files(repo.path());
    let run = repo.run(&["--today", T, "done", &connect]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        added_lines(&repo, &before),
        BTreeMap::from([(
            "contacts/owen-fairweather.md".to_owned(),
            vec!["- 2026-11-22 Asked Owen to connect on LinkedIn #connected".to_owned()]
        )])
    );
    let mut left: Vec<String> = open(&repo).into_iter().map(|(r, ..)| r).collect();
    left.sort();
    assert_eq!(left, ["ask-feedback", "rejection-thanks"]);
}

/// Marcus is a reference on two applications, one decided, one interviewing.
fn two_applications() -> Repo {
    let repo = Repo::new();
    repo.contact(
        "marcus-oyelaran",
        "name: Marcus Oyelaran\nemail: marcus@example.org",
        "## Log\n- 2026-09-01 Agreed #agreed\n- 2026-09-02 Sent it all #heads-up [[quill-data]] [[harbor-infra]]\n",
    );
    repo.application(
        "quill-data",
        "company: Quillfeather Labs\nrole: Data Engineer\nstatus: rejected\napplied: 2026-09-01\ndecided: 2026-11-18\nreferences: [marcus-oyelaran]",
        "",
    );
    repo.application(
        "harbor-infra",
        "company: Harborline Bank\nrole: Infrastructure Engineer\nstatus: interviewing\napplied: 2026-09-01\nreferences: [marcus-oyelaran]",
        "## Log\n- 2026-11-19 First round #interview\n",
    );
    repo
}

#[test]
fn a_message_about_two_applications_writes_a_line_for_each() {
    let repo = two_applications();
    let (key, rules) = message_of(&repo, "outcome-update", Some("marcus-oyelaran"));
    assert!(rules.contains(&"interview-update".to_owned()), "{rules:?}");
    let before = files(repo.path());
    let run = repo.run(&["--today", T, "done", &key]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let added = added_lines(&repo, &before);
    let lines = &added["contacts/marcus-oyelaran.md"];
    assert_eq!(added.len(), 1);
    // No line claims for one application what was done for the other.
    for line in lines {
        let quill = line.contains("[[quill-data]]");
        let harbor = line.contains("[[harbor-infra]]");
        assert!(quill != harbor, "one application a line: {line}");
        assert!(
            !quill || line.contains("Quillfeather") && !line.contains("Harborline"),
            "{line}"
        );
        assert!(
            !harbor || line.contains("Harborline") && !line.contains("Quillfeather"),
            "{line}"
        );
    }
    assert!(lines.contains(&"- 2026-11-22 Told Marcus how Quillfeather Labs ended and thanked them for being my reference #update #thanks [[quill-data]]".to_owned()), "{lines:?}");
    assert!(lines.contains(&"- 2026-11-22 Told Marcus how the interviews at Harborline Bank are going #update [[harbor-infra]]".to_owned()), "{lines:?}");
    assert!(open(&repo).is_empty(), "{:?}", open(&repo));
}

#[test]
fn asking_a_reference_writes_asked_and_the_heads_up_in_one_line() {
    let repo = Repo::new();
    repo.contact(
        "dana-whitfield",
        "name: Dana Whitfield\nemail: dana@example.org",
        "## Log\n- 2025-01-01 Coffee\n",
    );
    repo.application(
        "orchard-platform",
        "company: Orchard Cloud\nrole: Platform Engineer\nstatus: applied\napplied: 2026-11-18\nreferences: [dana-whitfield]",
        "",
    );
    let (key, rules) = message_of(&repo, "permission", None);
    assert_eq!(rules, ["permission", "heads-up"]);
    let before = files(repo.path());
    let run = repo.run(&["--today", T, "done", &key]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        added_lines(&repo, &before)["contacts/dana-whitfield.md"],
        [
            "- 2026-11-22 Asked Dana to be my reference for Orchard Cloud and sent them my resume and the synopsis #asked #heads-up [[orchard-platform]]"
        ]
    );
    // Asking is what the user did: nothing says she agreed.
    let text =
        std::fs::read_to_string(repo.path().join("contacts/dana-whitfield.md")).expect("read");
    assert!(!text.contains("#agreed"));
    assert!(open(&repo).is_empty());
}

#[test]
fn a_thank_you_for_a_favour_settles_only_the_application_it_was_for() {
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org",
        "## Log\n- 2026-09-01 Agreed #agreed\n- 2026-11-14 Acme called her #reference-check [[acme-sre]]\n",
    );
    for (id, company) in [("acme-sre", "Acme"), ("globex-pm", "Globex")] {
        repo.application(
            id,
            &format!("company: {company}\nrole: SRE\nstatus: rejected\napplied: 2026-09-01\ndecided: 2026-11-20\nreferences: [jane-doe]"),
            "",
        );
    }
    let json = repo.due_json(T);
    let favor = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == "thank-favor")
        .expect("thank-favor")["key"]
        .as_str()
        .expect("key")
        .to_owned();
    let before = files(repo.path());
    let run = repo.run(&["--today", T, "done", &favor]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        added_lines(&repo, &before)["contacts/jane-doe.md"],
        ["- 2026-11-22 Thanked Jane for their help #thanks [[acme-sre]]"]
    );
    let left = open(&repo);
    assert!(!has(&left, "thank-favor", "jane-doe", "-"), "{left:?}");
    assert!(
        !has(&left, "thank-reference", "jane-doe", "acme-sre"),
        "{left:?}"
    );
    assert!(
        has(&left, "thank-reference", "jane-doe", "globex-pm"),
        "{left:?}"
    );
}

#[test]
fn skip_writes_a_decision_and_the_action_is_gone() {
    let repo = two_applications();
    let json = repo.due_json(T);
    let outcome = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == "outcome-update")
        .expect("outcome-update")["key"]
        .as_str()
        .expect("key")
        .to_owned();
    let before = files(repo.path());
    let dry = repo.run(&["--today", T, "skip", &outcome, "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(dry.stdout.contains("(dry run: nothing was written)"));
    assert_eq!(files(repo.path()), before);
    let run = repo.run(&["--today", T, "skip", &outcome]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        added_lines(&repo, &before)["contacts/marcus-oyelaran.md"],
        [
            "- 2026-11-22 Decided not to tell Marcus how Quillfeather Labs ended #skip/outcome-update [[quill-data]]"
        ]
    );
    assert!(
        run.stdout.contains("skipped: Tell Marcus Oyelaran how"),
        "{}",
        run.stdout
    );
    let left = open(&repo);
    assert!(!has(
        &left,
        "outcome-update",
        "marcus-oyelaran",
        "quill-data"
    ));
    // A decision is no thanks: the thank-you is still owed.
    assert!(
        has(&left, "thank-reference", "marcus-oyelaran", "quill-data"),
        "{left:?}"
    );
    let again = repo.run(&["--today", T, "skip", &outcome]);
    assert_eq!(again.code, 0);
    assert!(
        again.stdout.starts_with("already settled today"),
        "{}",
        again.stdout
    );
}

#[test]
fn later_puts_a_message_off_to_a_date_or_by_a_duration() {
    let repo = after_a_no();
    let (key, _) = message_of(&repo, "rejection-thanks", None);
    let before = files(repo.path());
    for (when, why) in [
        (T, "is not after today"),
        ("2026-11-01", "is not after today"),
    ] {
        let run = repo.run(&["--today", T, "later", &key, when]);
        assert_eq!(run.code, 2, "{when}");
        assert!(run.stderr.contains(why), "{}", run.stderr);
    }
    let bad = repo.run(&["--today", T, "later", &key, "soon"]);
    assert_eq!(bad.code, 2);
    assert_eq!(files(repo.path()), before);
    let run = repo.run(&["--today", T, "later", &key, "1w"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        added_lines(&repo, &before)["contacts/owen-fairweather.md"],
        [
            "- 2026-11-29 Remind me: thank Owen for the chance at Lumen Freight, ask them for brief feedback on my interviews and ask them to connect on LinkedIn #later/rejection-thanks #later/ask-feedback #later/connect [[lumen-platform]]"
        ]
    );
    assert!(
        run.stdout.contains("put off to 2026-11-29"),
        "{}",
        run.stdout
    );
    let dues: Vec<String> = open(&repo).into_iter().map(|(.., due)| due).collect();
    assert_eq!(dues, ["2026-11-29"; 3]);
    // The same again writes nothing.
    let written = files(repo.path());
    let again = repo.run(&["--today", T, "later", &key, "2026-11-29"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again
            .stdout
            .starts_with("already due on 2026-11-29 or later"),
        "{}",
        again.stdout
    );
    assert_eq!(files(repo.path()), written);
}

#[test]
fn skip_cancels_a_task_and_later_moves_its_date_in_place() {
    let repo = Repo::new();
    let text = "## Log\n- [ ] 2026-11-20 Send Jane my write-up #cheesecake\n";
    repo.contact("jane-doe", "name: Jane Doe\nemail: jane@example.org", text);
    let path = repo.path().join("contacts/jane-doe.md");
    let key = |repo: &Repo| {
        repo.due_json(T)["actions"][0]["key"]
            .as_str()
            .expect("a task")
            .to_owned()
    };
    let run = repo.run(&["--today", T, "later", &key(&repo), "2026-12-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let moved = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        moved,
        "---\nname: Jane Doe\nemail: jane@example.org\n---\n## Log\n- [ ] 2026-12-01 Send Jane my write-up #cheesecake\n"
    );
    let run = repo.run(&["--today", T, "skip", &key(&repo)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cancelled = std::fs::read_to_string(&path).expect("read");
    assert_eq!(cancelled, moved.replace("- [ ]", "- [-]"));
    assert!(
        repo.due_json(T)["actions"]
            .as_array()
            .expect("actions")
            .is_empty()
    );
    assert_eq!(repo.run(&["--today", T, "check"]).code, 0);
}

#[test]
fn a_check_in_done_twice_today_is_written_once() {
    let repo = Repo::new();
    repo.contact(
        "june-park",
        "name: June Park\nemail: june@example.org",
        "## Log\n- 2025-06-01 Coffee\n",
    );
    let (key, _) = message_of(&repo, "stale", None);
    let run = repo.run(&["--today", T, "done", &key]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("- 2026-11-22 Checked in with June\n"),
        "{}",
        run.stdout
    );
    let once = files(repo.path());
    // The next check-in is upcoming, under the same keys: done again writes nothing.
    let (again_key, _) = message_of(&repo, "stale", None);
    assert_eq!(again_key, key);
    let again = repo.run(&["--today", T, "done", &key]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.starts_with("already settled today"),
        "{}",
        again.stdout
    );
    assert_eq!(files(repo.path()), once);
}

#[test]
fn a_failed_print_after_the_write_says_it_was_written() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        return;
    }
    let repo = after_a_no();
    let (key, _) = message_of(&repo, "rejection-thanks", None);
    let before = files(repo.path());
    let output = repo
        .command(&["--today", T, "done", &key])
        .stdout(std::fs::File::create(full).expect("open /dev/full"))
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("was written to `contacts/owen-fairweather.md`"),
        "{stderr}"
    );
    assert_ne!(files(repo.path()), before);
}

#[test]
fn what_is_printed_carries_no_terminal_control_characters() {
    let repo = Repo::new();
    repo.contact(
        "june-park",
        "name: \"June\\u001b[31m Park #x\"\nemail: june@example.org",
        "## Log\n- 2025-06-01 Coffee\n",
    );
    let (key, _) = message_of(&repo, "stale", None);
    let run = repo.run(&["--today", T, "done", &key]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
    let text = std::fs::read_to_string(repo.path().join("contacts/june-park.md")).expect("read");
    assert!(
        text.contains("- 2026-11-22 Checked in with June \\[31m\n"),
        "{text}"
    );
}

/// Runs git in `dir` with a fixed identity.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .output()
        .expect("git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn with_git_commit_each_write_commits_exactly_its_file() {
    if !git_available() {
        return;
    }
    let repo = after_a_no();
    repo.file("goodwill.toml", "[git]\ncommit = true\n");
    repo.file("notes.txt", "mine\n");
    let root = repo.path();
    git(root, &["init", "--quiet"]);
    git(root, &["add", "."]);
    git(root, &["commit", "--quiet", "-m", "start"]);
    // Something of the user's own, staged, and something changed but not staged.
    repo.file("notes.txt", "mine, staged\n");
    git(root, &["add", "notes.txt"]);
    std::fs::write(
        root.join("applications/lumen-platform.md"),
        std::fs::read_to_string(root.join("applications/lumen-platform.md")).expect("read")
            + "\nA note.\n",
    )
    .expect("write");
    let (key, _) = message_of(&repo, "rejection-thanks", None);
    let git_env = |args: &[&str]| {
        let mut command = repo.command(args);
        command
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org");
        command.output().expect("run")
    };
    let output = git_env(&["--today", T, "done", &key]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(git(root, &["rev-list", "--count", "HEAD"]), "2\n");
    assert_eq!(
        git(root, &["show", "--name-only", "--format=%s", "HEAD"]),
        "2026-11-22 Thanked Owen for the chance at Lumen Freight, asked them for brief feedback on my interviews and asked them to connect on LinkedIn #thanks #feedback #connected [[lumen-platform]]\n\ncontacts/owen-fairweather.md\n"
    );
    assert_eq!(
        git(root, &["status", "--porcelain"]),
        " M applications/lumen-platform.md\nM  notes.txt\n",
        "the user's changes stay as they were"
    );
    // `log` and `new` commit their file too.
    let output = git_env(&[
        "--today",
        T,
        "log",
        "owen-fairweather",
        "Coffee #cheesecake",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = git_env(&["--today", T, "new", "contact", "Ada Nwosu"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        git(root, &["log", "--format=%s", "-2"]),
        "New contact: contacts/ada-nwosu.md\n2026-11-22 Coffee #cheesecake\n"
    );
    assert_eq!(
        git(root, &["show", "--name-only", "--format=", "HEAD"]),
        "contacts/ada-nwosu.md\n"
    );
    assert_eq!(
        git(root, &["status", "--porcelain"]),
        " M applications/lumen-platform.md\nM  notes.txt\n"
    );
}

#[test]
fn a_failed_commit_is_a_warning_and_the_write_stands() {
    let repo = after_a_no();
    repo.file("goodwill.toml", "[git]\ncommit = true\n");
    let (key, _) = message_of(&repo, "rejection-thanks", None);
    let before = files(repo.path());
    // Not a git repository (the temporary folder is outside any).
    let mut command = repo.command(&["--today", T, "done", &key]);
    command.env(
        "GIT_CEILING_DIRECTORIES",
        repo.path().parent().expect("parent"),
    );
    let output = command.output().expect("run");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: wrote `contacts/owen-fairweather.md` but did not commit it"),
        "{stderr}"
    );
    assert_ne!(files(repo.path()), before);
}

#[test]
fn the_same_done_run_four_times_at_once_writes_one_line() {
    let repo = after_a_no();
    let (key, _) = message_of(&repo, "rejection-thanks", None);
    let before = files(repo.path());
    let children: Vec<_> = (0..4)
        .map(|_| {
            repo.command(&["--today", T, "done", &key])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut already = 0;
    for child in children {
        let output = child.wait_with_output().expect("wait");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        if String::from_utf8_lossy(&output.stdout).starts_with("already settled today") {
            already += 1;
        }
    }
    assert_eq!(already, 3);
    let added = added_lines(&repo, &before);
    assert_eq!(added["contacts/owen-fairweather.md"].len(), 1, "{added:?}");
}

/// Copies the project's own example repository into a fresh fixture.
fn example() -> Repo {
    let repo = Repo::new();
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (relative, bytes) in files(project) {
        let path = repo.path().join(&relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("copy");
    }
    std::fs::copy(
        project.join("goodwill.toml"),
        repo.path().join("goodwill.toml"),
    )
    .expect("settings");
    repo
}

#[test]
fn every_message_of_the_example_is_settled_one_by_one_with_a_line_per_application() {
    for verb in ["done", "skip"] {
        let repo = example();
        let mut settled = 0;
        loop {
            let json = repo.due_json(T);
            let Some(message) = json["messages"]
                .as_array()
                .expect("messages")
                .iter()
                .find(|m| m["state"] != "upcoming")
                .cloned()
            else {
                break;
            };
            settled += 1;
            assert!(settled < 60, "{verb} never ends");
            let key = message["key"].as_str().expect("key");
            let actions: Vec<&serde_json::Value> = message["actions"]
                .as_array()
                .expect("actions")
                .iter()
                .map(|k| {
                    json["actions"]
                        .as_array()
                        .expect("actions")
                        .iter()
                        .find(|a| a["key"] == *k)
                        .expect("the action")
                })
                .collect();
            let before = files(repo.path());
            let run = repo.run(&["--today", T, verb, key]);
            assert_eq!(run.code, 0, "{verb} {key}: {}", run.stderr);
            let after = files(repo.path());
            let changed: Vec<&String> = after
                .iter()
                .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
                .map(|(path, _)| path)
                .collect();
            assert_eq!(changed.len(), 1, "{verb} {key} changed {changed:?}");
            let is_task = actions.iter().any(|a| a["rule"] == "task");
            let lines = run.stdout.lines().filter(|l| l.contains(": - ")).count();
            if is_task {
                assert_eq!(lines, 1, "{}", run.stdout);
                assert_eq!(
                    String::from_utf8_lossy(&before[changed[0]]).lines().count(),
                    String::from_utf8_lossy(&after[changed[0]]).lines().count()
                );
            } else if !actions.iter().any(|a| a["rule"] == "thank-favor") {
                let applications = message["applications"].as_array().expect("apps").len();
                assert_eq!(lines, applications.max(1), "{verb} {key}: {}", run.stdout);
            }
            // Every action of the message is gone, or (a check-in) comes up later.
            let now = repo.due_json(T);
            for action in &actions {
                let still = now["actions"]
                    .as_array()
                    .expect("actions")
                    .iter()
                    .any(|a| a["key"] == action["key"] && a["state"] != "upcoming");
                assert!(!still, "{verb} {key} left {action}");
            }
            assert_eq!(repo.run(&["--today", T, "check"]).code, 0);
        }
        assert!(settled >= 10, "{verb}: {settled}");
    }
}
