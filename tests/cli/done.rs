//! `goodwill done` and `goodwill draft`: every rule settled through its row of the table,
//! byte for byte; refusals that write nothing; drafts per channel that never carry a
//! private note.

use super::support::{Repo, all_rules};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const T: &str = "2026-11-22";

/// Every file under `root`'s `contacts/` and `applications/`, by relative path.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::support::repository_files(root)
}

/// The key of the first open action of `rule` in `repo` today.
fn key_of(repo: &Repo, rule: &str) -> String {
    let json = repo.due_json(T);
    let action = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == rule)
        .unwrap_or_else(|| panic!("no `{rule}` action: {json}"));
    action["key"].as_str().expect("key").to_owned()
}

/// The keys of the open actions in `repo` today, of `rule` only when given.
fn keys_of(repo: &Repo, rule: Option<&str>) -> Vec<String> {
    repo.due_json(T)["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| rule.is_none_or(|rule| a["rule"] == rule))
        .map(|a| a["key"].as_str().expect("key").to_owned())
        .collect()
}

/// Copies the project's own example repository into a fresh fixture.
fn example() -> Repo {
    let repo = Repo::new();
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (relative, bytes) in files(project) {
        let path = repo.path().join(&relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("copy");
    }
    fs::copy(
        project.join("goodwill.toml"),
        repo.path().join("goodwill.toml"),
    )
    .expect("settings");
    repo
}

/// The lines of `after` that are not in `before`, and how many of `before` are gone.
fn line_changes(before: &[u8], after: &[u8]) -> (Vec<String>, usize) {
    let before = String::from_utf8_lossy(before);
    let after = String::from_utf8_lossy(after);
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    // Common prefix and suffix; what is left in between is the change.
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let added = new[prefix..new.len() - suffix]
        .iter()
        .map(|s| s.to_string())
        .collect();
    (added, old.len() - prefix - suffix)
}

fn due_keys(repo: &Repo) -> Vec<(String, String, String)> {
    repo.due_json(T)["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| {
            (
                a["key"].as_str().expect("key").to_owned(),
                a["rule"].as_str().expect("rule").to_owned(),
                a["state"].as_str().expect("state").to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_rule_of_the_example_is_settled_by_its_done_entry_in_one_line() {
    let template = example();
    let keys = due_keys(&template);
    let rules: std::collections::BTreeSet<&str> = keys.iter().map(|(_, r, _)| r.as_str()).collect();
    // The example fires every rule of the table, so this walks all of them.
    for rule in all_rules() {
        assert!(rules.contains(rule), "the example fires no `{rule}`");
    }
    let before = files(template.path());
    for (key, rule, _) in &keys {
        let repo = example();
        let run = repo.run(&["--today", T, "done", key]);
        assert_eq!(run.code, 0, "done {key} ({rule}): {}", run.stderr);
        let after = files(repo.path());
        let changed: Vec<&String> = after
            .iter()
            .filter(|(path, bytes)| before.get(*path) != Some(bytes))
            .map(|(path, _)| path)
            .collect();
        assert_eq!(changed.len(), 1, "done {key} ({rule}) changed {changed:?}");
        let (added, removed) = line_changes(&before[changed[0]], &after[changed[0]]);
        assert_eq!(added.len(), 1, "{rule}: {added:?}");
        if rule == "task" {
            assert_eq!(removed, 1, "a task is ticked in place");
            assert!(added[0].contains("- [x] "), "{added:?}");
        } else {
            assert_eq!(removed, 0, "{rule}: nothing is removed");
            let tag = match rule.as_str() {
                "permission" => Some("#asked"),
                "heads-up" => Some("#heads-up"),
                "interview-update" | "outcome-update" => Some("#update"),
                "thank-reference" | "thank-favor" | "interviewer-thanks" | "rejection-thanks" => {
                    Some("#thanks")
                }
                "gift" => Some("#gift"),
                "ask-feedback" | "share-feedback" => Some("#feedback"),
                "connect" => Some("#connected"),
                "cheesecake" => Some("#cheesecake"),
                // A plain touch, and a note to yourself that there is no news yet.
                "stale" | "quiet" => None,
                other => panic!("{other}: which tag does `done` write for it? Say so here"),
            };
            assert!(added[0].starts_with(&format!("- {T} ")), "{added:?}");
            if let Some(tag) = tag {
                assert!(added[0].contains(tag), "{rule}: {added:?}");
            }
        }
        let still_due = due_keys(&repo)
            .into_iter()
            .any(|(k, _, state)| &k == key && state != "upcoming");
        assert!(!still_due, "{key} ({rule}) is still due after done");
        assert!(run.stdout.contains("settled:"), "{}", run.stdout);
        let check = repo.run(&["--today", T, "check"]);
        assert_eq!(check.code, 0, "{rule}: {}", check.stderr);
    }
}

/// A repository with one reference owed a heads-up, written with `newline` and with or
/// without a final newline; returns the key.
fn heads_up_fixture(newline: &str, final_newline: bool, log: bool) -> (Repo, String) {
    let repo = Repo::new();
    let mut body = format!("Managed me at Contoso.{newline}");
    if log {
        body.push_str(&format!(
            "{newline}## Log{newline}- 2026-10-02 Coffee #agreed{newline}"
        ));
    }
    let mut text = format!(
        "---{newline}name: Jane Doe{newline}email: jane@example.org{newline}---{newline}{body}"
    );
    if !final_newline {
        text.truncate(text.len() - newline.len());
    }
    repo.file("contacts/jane-doe.md", &text);
    repo.application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-11-20\nreferences: [jane-doe]",
        "## Synopsis\nRun it.\n",
    );
    let key = key_of(&repo, "heads-up");
    (repo, key)
}

#[test]
fn done_keeps_every_other_byte_with_lf_crlf_and_no_final_newline() {
    for (newline, final_newline, log, expected_tail) in [
        (
            "\n",
            true,
            true,
            "- 2026-10-02 Coffee #agreed\n- 2026-11-22 Sent Jane my resume and the synopsis for Acme #heads-up [[acme-sre]]\n",
        ),
        (
            "\r\n",
            true,
            true,
            "- 2026-10-02 Coffee #agreed\r\n- 2026-11-22 Sent Jane my resume and the synopsis for Acme #heads-up [[acme-sre]]\r\n",
        ),
        (
            "\n",
            false,
            true,
            "- 2026-10-02 Coffee #agreed\n- 2026-11-22 Sent Jane my resume and the synopsis for Acme #heads-up [[acme-sre]]",
        ),
        (
            "\n",
            true,
            false,
            "Managed me at Contoso.\n- 2026-11-22 Sent Jane my resume and the synopsis for Acme #heads-up [[acme-sre]]\n",
        ),
        (
            "\r\n",
            false,
            false,
            "Managed me at Contoso.\r\n- 2026-11-22 Sent Jane my resume and the synopsis for Acme #heads-up [[acme-sre]]",
        ),
    ] {
        let (repo, key) = heads_up_fixture(newline, final_newline, log);
        let path = repo.path().join("contacts/jane-doe.md");
        let before = fs::read_to_string(&path).expect("read");
        let run = repo.run(&["--today", T, "done", &key]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let after = fs::read_to_string(&path).expect("read");
        assert!(
            after.ends_with(expected_tail),
            "{newline:?} {final_newline} {log}: {after:?}"
        );
        let kept = before.trim_end_matches(['\r', '\n']);
        assert!(
            after.starts_with(kept),
            "every byte before is kept: {after:?}"
        );
        assert_eq!(
            after.len(),
            before.len() + expected_tail.len()
                - (before.len()
                    - before
                        .rfind(if log { "- 2026-10-02" } else { "Managed" })
                        .expect("anchor")),
            "{after:?}"
        );
        assert!(
            !repo.due_json(T)["actions"]
                .as_array()
                .expect("actions")
                .iter()
                .any(|a| a["rule"] == "heads-up")
        );
    }
}

#[test]
fn done_with_a_note_and_a_date_keeps_the_tag_and_link_and_dry_run_writes_nothing() {
    let (repo, key) = heads_up_fixture("\n", true, true);
    let path = repo.path().join("contacts/jane-doe.md");
    let before = fs::read(&path).expect("read");
    let dry = repo.run(&[
        "--today",
        T,
        "done",
        &key,
        "--dry-run",
        "--note",
        "Called her",
        "--date",
        "2026-11-21",
    ]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout
            .contains("contacts/jane-doe.md:9: - 2026-11-21 Called her #heads-up [[acme-sre]]"),
        "{}",
        dry.stdout
    );
    assert!(dry.stdout.contains("nothing was written"));
    assert_eq!(fs::read(&path).expect("read"), before);

    // A note that already has the tag and link gets neither twice.
    let run = repo.run(&[
        "--today",
        T,
        "done",
        &key,
        "--note",
        "Sent #Heads-up for [[acme-sre]]",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::read_to_string(&path).expect("read");
    assert!(
        after.ends_with("- 2026-11-22 Sent #Heads-up for [[acme-sre]]\n"),
        "{after}"
    );
}

#[test]
fn refusals_write_nothing() {
    let (repo, key) = heads_up_fixture("\n", true, true);

    let unknown = repo.run(&["--today", T, "done", "zzzzzzz"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("no open message or action has the key `zzzzzzz`"),
        "{}",
        unknown.stderr
    );
    assert!(
        unknown.stderr.contains("the nearest are"),
        "{}",
        unknown.stderr
    );

    let empty = repo.run(&["--today", T, "done", ""]);
    assert_eq!(empty.code, 2);

    // An entry dated in the future settles nothing yet.
    let future = repo.run(&["--today", T, "done", &key, "--date", "2026-12-01"]);
    assert_eq!(future.code, 2);
    assert!(
        future.stderr.contains("settles nothing yet"),
        "{}",
        future.stderr
    );

    // A check-in dated before the latest touch would not settle it: refused.
    repo.contact(
        "old-friend",
        "name: Old Friend",
        "## Log\n- 2020-01-01 Coffee\n",
    );
    let stale = key_of(&repo, "stale");
    let snapshot = files(repo.path());
    let early = repo.run(&["--today", T, "done", &stale, "--date", "2019-06-01"]);
    assert_eq!(early.code, 2, "{}", early.stdout);
    assert!(
        early.stderr.contains("would not settle"),
        "{}",
        early.stderr
    );

    // A note of several lines is refused.
    let lines = repo.run(&["--today", T, "done", &key, "--note", "a\nb"]);
    assert_eq!(lines.code, 2);

    assert_eq!(files(repo.path()), snapshot, "a refusal wrote something");
}

#[test]
fn an_ambiguous_prefix_lists_the_candidates() {
    let repo = Repo::new();
    // Enough actions that two keys share their first character.
    for i in 0..40 {
        repo.contact(
            &format!("p{i}"),
            &format!("name: P{i}"),
            "## Log\n- 2020-01-01 Coffee\n",
        );
    }
    let keys = keys_of(&repo, None);
    let first = keys
        .iter()
        .find(|k| keys.iter().filter(|o| o[..1] == k[..1]).count() > 1)
        .expect("a shared first character among 40 keys");
    let snapshot = files(repo.path());
    let run = repo.run(&["--today", T, "done", &first[..1]]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is ambiguous: it could be"),
        "{}",
        run.stderr
    );
    assert_eq!(files(repo.path()), snapshot);
    // Keys are shown with at least six characters and are unique.
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len());
    assert!(keys.iter().all(|k| k.len() >= 6));
}

#[test]
fn keys_are_stable_from_day_to_day_and_shown_by_due() {
    let (repo, key) = heads_up_fixture("\n", true, true);
    let later = repo.run(&["--today", "2026-11-25", "due", "--json"]).json();
    assert!(
        later["actions"]
            .as_array()
            .expect("actions")
            .iter()
            .any(|a| a["key"] == key.as_str()),
        "{later}"
    );
    let text = repo.run(&["--today", T, "due"]);
    assert!(text.stdout.contains(&key), "{}", text.stdout);
    assert!(text.stdout.contains("goodwill done KEY"), "{}", text.stdout);
}

#[test]
fn ticking_a_task_changes_one_byte() {
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe",
        "## Log\n- 2026-11-01 Coffee\n  - [ ] 2026-11-20 Send her the deck #cheesecake\n- [ ] 2026-11-21 Call *her*\n",
    );
    let json = repo.due_json(T);
    let tasks: Vec<&serde_json::Value> = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| a["rule"] == "task")
        .collect();
    assert_eq!(tasks.len(), 2, "{json}");
    let path = repo.path().join("contacts/jane-doe.md");
    for task in tasks {
        let before = fs::read(&path).expect("read");
        let run = repo.run(&["--today", T, "done", task["key"].as_str().expect("key")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let after = fs::read(&path).expect("read");
        assert_eq!(before.len(), after.len());
        let differing: Vec<usize> = (0..before.len())
            .filter(|&i| before[i] != after[i])
            .collect();
        assert_eq!(differing.len(), 1);
        assert_eq!((before[differing[0]], after[differing[0]]), (b' ', b'x'));
    }
    let text = fs::read_to_string(&path).expect("read");
    assert!(
        text.contains("  - [x] 2026-11-20 Send her the deck"),
        "{text}"
    );
    assert!(text.contains("- [x] 2026-11-21 Call *her*"), "{text}");
}

const MARKER: &str = "Zanzibarquartz";

/// A repository where every rule that writes to someone fires, with the marker word in
/// private notes of every file and in log text that is not a `#question`.
fn private_fixture() -> Repo {
    let repo = Repo::new();
    repo.file(
        "goodwill.toml",
        "owner = \"Noor Haddad\"\nresume = \"https://example.org/cv.pdf\"\n",
    );
    let private = format!("Private: {MARKER} said too much.\n\n");
    for (id, front) in [
        (
            "jane-doe",
            "name: Jane Doe\nemail: jane@example.org\ntalking_points: [incident command]\ngift_ideas: tea",
        ),
        (
            "sam-lee",
            "name: Sam Lee\nphone: +1 555 0100\nprefers: text",
        ),
        (
            "ana-ruiz",
            "name: Ana Ruiz\nphone: '+1 555 0101'\nprefers: phone",
        ),
        (
            "kim-ito",
            "name: Kim Ito\nlinkedin: https://www.linkedin.com/in/kim-ito\nprefers: linkedin\nrelationship: hiring-manager",
        ),
        ("bo-berg", "name: Bo Berg"),
    ] {
        repo.contact(
            id,
            front,
            &format!("{private}## Log\n- 2026-10-01 Met up, {MARKER} again\n- 2026-11-10 Did me a favour {MARKER} #intro\n"),
        );
    }
    let long_synopsis = "The synopsis of a long position. ".repeat(80);
    repo.application(
        "acme-sre",
        "company: Acme\nrole: SRE\nstatus: interviewing\napplied: 2026-11-01\nreferences: [jane-doe, sam-lee, ana-ruiz, kim-ito, bo-berg]\ncontacts: [kim-ito]\nhighlights: [on-call]",
        &format!("{private}## Synopsis\n{long_synopsis}\n\n## Notes\n{private}## Log\n- 2026-11-15 Panel with [[kim-ito]] #interview\n- 2026-11-15 Asked about SLOs #question\n- 2026-11-16 {MARKER} note\n"),
    );
    repo.application(
        "zeta-ops",
        "company: Zeta\nrole: Ops\nstatus: rejected\napplied: 2026-09-01\ndecided: 2026-11-10\nreferences: [jane-doe, sam-lee]\ncontacts: [kim-ito]",
        &format!("{private}## Synopsis\nOps at Zeta.\n\n## Log\n- 2026-10-01 Onsite with [[kim-ito]] #interview\n"),
    );
    repo.application(
        "yarrow-dev",
        "company: Yarrow\nrole: Dev\nstatus: accepted\napplied: 2026-09-01\ndecided: 2026-11-12\nreferences: [jane-doe]",
        &format!("{private}## Log\n- 2026-10-01 {MARKER}\n"),
    );
    repo.application(
        "wren-data",
        "company: Wren\nrole: Data\nstatus: declined\napplied: 2026-09-01\ndecided: 2026-11-12\ncontacts: [bo-berg]",
        &format!("{private}## Synopsis\nData.\n"),
    );
    repo
}

/// The values of `attribute="…"` that start with one of `schemes`, unescaped.
fn links(html: &str, schemes: &[&str]) -> Vec<String> {
    html.match_indices("href=\"")
        .map(|(i, _)| {
            let rest = &html[i + 6..];
            rest[..rest.find('"').expect("closed")].replace("&amp;", "&")
        })
        .filter(|href| schemes.iter().any(|s| href.starts_with(s)))
        .collect()
}

fn textareas(html: &str) -> Vec<&str> {
    html.split("<textarea")
        .skip(1)
        .map(|rest| {
            let start = rest.find('>').expect("open") + 1;
            let end = rest.find("</textarea>").expect("close");
            &rest[start..end]
        })
        .collect()
}

#[test]
fn no_private_note_or_log_text_reaches_a_briefing_draft_or_send_link() {
    let repo = private_fixture();
    let out = repo.path().join("public");
    let run = repo.run(&["--today", T, "build", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut pages = Vec::new();
    let mut stack = vec![out.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                pages.push(path);
            }
        }
    }
    let lower = MARKER.to_lowercase();
    let (mut drafts, mut sends, mut mailtos) = (0, 0, 0);
    for page in &pages {
        let html = fs::read_to_string(page).expect("read");
        let name = page
            .strip_prefix(&out)
            .expect("inside")
            .to_string_lossy()
            .into_owned();
        if name.contains("/brief/") {
            assert!(
                !html.to_lowercase().contains(&lower),
                "{name} holds a private note"
            );
        }
        for area in textareas(&html) {
            drafts += 1;
            assert!(
                !area.to_lowercase().contains(&lower),
                "{name}: a draft holds a private note"
            );
        }
        for link in links(&html, &["mailto:", "sms:", "tel:"]) {
            sends += 1;
            mailtos += usize::from(link.starts_with("mailto:"));
            assert!(
                link.len() <= 2000,
                "{name}: a send link of {} characters",
                link.len()
            );
            assert!(
                !link.to_lowercase().contains(&lower),
                "{name}: a send link holds a private note"
            );
        }
    }
    assert!(
        drafts >= 10 && sends >= 5 && mailtos >= 3,
        "{drafts} {sends} {mailtos}"
    );

    // The questions are shared, the rest of the log is not.
    let brief = fs::read_to_string(out.join("applications/acme-sre/brief/jane-doe.html"))
        .expect("briefing");
    assert!(brief.contains("Asked about SLOs"));
    // A briefing of an application without a synopsis says how to add one.
    let no_synopsis = fs::read_to_string(out.join("applications/yarrow-dev/brief/jane-doe.html"))
        .expect("briefing");
    assert!(no_synopsis.contains(
        "add a <code>## Synopsis</code> section to <code>applications/yarrow-dev.md</code>"
    ));

    // `goodwill draft` holds nothing private either.
    for action in repo.due_json(T)["actions"].as_array().expect("actions") {
        let key = action["key"].as_str().expect("key");
        let draft = repo.run(&["--today", T, "draft", key]);
        assert_eq!(draft.code, 0, "{}", draft.stderr);
        assert!(
            !draft.stdout.to_lowercase().contains(&lower),
            "draft {key}: {}",
            draft.stdout
        );
    }
}

/// The action of `rule` for `contact` in `due --json`, and its `draft` output.
fn draft_of(repo: &Repo, rule: &str, contact: Option<&str>) -> String {
    let json = repo.due_json(T);
    let action = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == rule && contact.is_none_or(|c| a["contact"] == c))
        .unwrap_or_else(|| panic!("no {rule} for {contact:?}: {json}"));
    let run = repo.run(&["--today", T, "draft", action["key"].as_str().expect("key")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn drafts_are_addressed_by_how_each_person_prefers_to_be_reached() {
    let repo = private_fixture();
    let email = draft_of(&repo, "heads-up", Some("jane-doe"));
    assert!(email.contains("Via:     email"), "{email}");
    assert!(
        email.contains("To:      Jane Doe <jane@example.org>"),
        "{email}"
    );
    // Jane is owed news of several applications: one message, one subject for all.
    assert!(
        email.contains("Subject: News from my job search"),
        "{email}"
    );
    assert!(email.contains("Acme may contact you soon"), "{email}");
    assert!(email.contains("- incident command"), "{email}");
    assert!(email.contains("https://example.org/cv.pdf"), "{email}");
    // The long synopsis does not fit a mail link: it carries the subject only.
    assert!(
        email.contains("Open in mail: mailto:jane@example.org?subject=News%20from"),
        "{email}"
    );
    assert!(email.contains("paste the message"), "{email}");

    let text = draft_of(&repo, "heads-up", Some("sam-lee"));
    assert!(text.contains("Via:     text"), "{text}");
    assert!(
        text.contains("Send as a text: sms:+15550100?body=Hi%20Sam"),
        "{text}"
    );

    let phone = draft_of(&repo, "heads-up", Some("ana-ruiz"));
    assert!(phone.contains("Via:     phone"), "{phone}");
    assert!(phone.contains("Call: tel:+15550101"), "{phone}");

    let linkedin = draft_of(&repo, "heads-up", Some("kim-ito"));
    assert!(linkedin.contains("Via:     linkedin"), "{linkedin}");
    assert!(
        linkedin.contains("Open their LinkedIn profile: https://www.linkedin.com/in/kim-ito"),
        "{linkedin}"
    );
    let body: String = linkedin.split("\n\n").nth(1).expect("body").to_owned();
    assert!(body.chars().count() <= 200, "{body}");

    let nobody = draft_of(&repo, "heads-up", Some("bo-berg"));
    assert!(nobody.contains("Via:     none"), "{nobody}");
    assert!(
        nobody.contains("add `email`, `phone` or `linkedin` to `contacts/bo-berg.md`"),
        "{nobody}"
    );

    // Employer-side drafts go to the hiring manager; with nobody listed, the draft says
    // whom to add.
    let rejection = draft_of(&repo, "rejection-thanks", None);
    assert!(rejection.contains("To:      Kim Ito"), "{rejection}");
    assert!(!rejection.to_lowercase().contains("why"), "{rejection}");
    let feedback = draft_of(&repo, "share-feedback", None);
    assert!(feedback.contains("To:      Bo Berg"), "{feedback}");

    // The outcome update says how it ended.
    let json = repo.due_json(T);
    let updates: Vec<String> = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| a["rule"] == "outcome-update" && a["contact"] == "jane-doe")
        .map(|a| {
            repo.run(&["--today", T, "draft", a["key"].as_str().expect("key")])
                .stdout
        })
        .collect();
    assert!(
        updates
            .iter()
            .any(|d| d.contains("I got the Dev role at Yarrow")),
        "{updates:?}"
    );
    assert!(
        updates
            .iter()
            .any(|d| d.contains("went with another candidate for Ops")),
        "{updates:?}"
    );
    let favor = draft_of(&repo, "thank-favor", Some("jane-doe"));
    assert!(favor.contains("the introduction"), "{favor}");
}

#[test]
fn a_users_draft_template_replaces_the_built_in_one() {
    let repo = private_fixture();
    repo.file(
        "site-template/draft-heads-up.txt",
        "Custom {{ application.company }}\n\nDear {{ to_name }}, via {{ channel }}.\n",
    );
    repo.file(
        "site-template/draft-message.txt",
        "Framed: {{ subject }}\n\n{% for p in parts %}[{{ p.rule }}: {{ p.subject }}] {{ p.text }}\n{% endfor %}",
    );
    let draft = draft_of(&repo, "heads-up", Some("jane-doe"));
    assert!(
        draft.contains("Subject: Framed: News from my job search"),
        "{draft}"
    );
    assert!(
        draft.contains("[heads-up: Custom Acme] Dear Jane, via email."),
        "{draft}"
    );
    // A template that asks for what is not shared fails loudly, naming the file.
    repo.file(
        "site-template/draft-heads-up.txt",
        "{{ application.body }}\n",
    );
    let key = key_of(&repo, "heads-up");
    let run = repo.run(&["--today", T, "draft", &key]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("site-template/draft-heads-up.txt:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn concurrent_done_commands_on_one_file_queue_and_all_land() {
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org",
        "## Log\n- 2026-10-02 Agreed #agreed\n",
    );
    for i in 0..6 {
        repo.application(
            &format!("app-{i}"),
            &format!("company: C{i}\nrole: R\napplied: 2026-11-20\nreferences: [jane-doe]"),
            "## Synopsis\nA role.\n",
        );
    }
    let keys = keys_of(&repo, Some("heads-up"));
    assert_eq!(keys.len(), 6);
    let children: Vec<_> = keys
        .iter()
        .map(|key| {
            repo.command(&["--today", T, "done", key])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("wait");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = fs::read_to_string(repo.path().join("contacts/jane-doe.md")).expect("read");
    for i in 0..6 {
        assert!(text.contains(&format!("#heads-up [[app-{i}]]")), "{text}");
    }
    assert!(
        !repo.due_json(T)["actions"]
            .as_array()
            .expect("actions")
            .iter()
            .any(|a| a["rule"] == "heads-up")
    );
}

/// The key and due state of the first action of `rule`.
fn first_of(repo: &Repo, rule: &str) -> (String, String) {
    let json = repo.due_json(T);
    let action = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {json}"))
        .clone();
    (
        action["key"].as_str().expect("key").to_owned(),
        action["state"].as_str().expect("state").to_owned(),
    )
}

/// Runs `done KEY` and returns the lines added and how many were removed in `file`.
fn done_changes(repo: &Repo, key: &str, file: &str) -> (Vec<String>, usize) {
    let path = repo.path().join(file);
    let before = fs::read(&path).expect("read");
    let run = repo.run(&["--today", T, "done", key]);
    assert_eq!(run.code, 0, "done {key}: {}", run.stderr);
    line_changes(&before, &fs::read(&path).expect("read"))
}

#[test]
fn log_entries_right_below_a_synopsis_reach_no_draft_and_no_briefing() {
    // No `Log` heading: the entries follow the synopsis directly, and are log text.
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org",
        "- 2026-10-01 Coffee #agreed\n",
    );
    repo.application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-11-20\nreferences: [jane-doe]",
        "## Synopsis\nRun the platform.\n\n- 2026-11-19 Recruiter call SECRETWORD #interview\n- [ ] 2026-11-25 Ask about SECRETWORD\n",
    );
    let out = repo.path().join("public");
    let build = repo.run(&["--today", T, "build", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let brief = fs::read_to_string(out.join("applications/acme-sre/brief/jane-doe.html"))
        .expect("briefing");
    assert!(brief.contains("Run the platform."), "{brief}");
    assert!(!brief.contains("SECRETWORD"), "{brief}");
    let (key, _) = first_of(&repo, "heads-up");
    let draft = repo.run(&["--today", T, "draft", &key]);
    assert!(
        draft.stdout.contains("Run the platform."),
        "{}",
        draft.stdout
    );
    assert!(!draft.stdout.contains("SECRETWORD"), "{}", draft.stdout);
}

#[test]
fn draft_of_a_task_does_not_print_its_private_text() {
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe",
        "## Log\n- [ ] 2026-11-20 Ask about SECRETWORD\n",
    );
    let (key, _) = first_of(&repo, "task");
    let draft = repo.run(&["--today", T, "draft", &key]);
    assert_eq!(draft.code, 0, "{}", draft.stderr);
    assert!(!draft.stdout.contains("SECRETWORD"), "{}", draft.stdout);
    assert!(
        draft.stdout.contains("contacts/jane-doe.md:5"),
        "{}",
        draft.stdout
    );
}

#[test]
fn ticking_one_of_two_identical_tasks_leaves_the_other_its_key() {
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe",
        "## Log\n- [ ] 2026-11-20 Send the write-up\n- [ ] 2026-11-20 Send the write-up\n",
    );
    let keys: Vec<String> = due_keys(&repo).into_iter().map(|(k, _, _)| k).collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    for key in &keys {
        // Either one, on a fresh copy: one byte, and that key is gone, the other stays.
        let copy = Repo::new();
        copy.contact(
            "jane-doe",
            "name: Jane Doe",
            "## Log\n- [ ] 2026-11-20 Send the write-up\n- [ ] 2026-11-20 Send the write-up\n",
        );
        let (added, removed) = done_changes(&copy, key, "contacts/jane-doe.md");
        assert_eq!((added.len(), removed), (1, 1), "{added:?}");
        let left: Vec<String> = due_keys(&copy).into_iter().map(|(k, _, _)| k).collect();
        let other: Vec<&String> = keys.iter().filter(|k| *k != key).collect();
        assert_eq!(left.iter().collect::<Vec<_>>(), other, "done {key}");
    }
}

#[test]
fn a_task_in_an_ordered_list_or_indented_with_a_tab_is_ticked_in_place() {
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe",
        "## Log\n1. 2026-10-01 Coffee\n2. [ ] 2026-11-20 Send the write-up\n10) [ ] 2026-11-21 Call\n\n- Parent\n\t- [ ] 2026-11-19 Tabbed\n",
    );
    for expected in [
        "\t- [x] 2026-11-19 Tabbed\n",
        "2. [x] 2026-11-20 Send the write-up\n",
        "10) [x] 2026-11-21 Call\n",
    ] {
        let (key, _) = first_of(&repo, "task");
        let (added, removed) = done_changes(&repo, &key, "contacts/jane-doe.md");
        assert_eq!(added, [expected], "{added:?}");
        assert_eq!(removed, 1);
    }
    assert!(!due_keys(&repo).iter().any(|(_, rule, _)| rule == "task"));
}

#[test]
fn a_check_in_whose_latest_touch_is_today_is_already_settled() {
    // The latest touch is today already (in an application's file): the next check-in is
    // upcoming, and `done` says it is settled rather than write a second line today.
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org",
        "## Log\n- 2026-01-01 Coffee\n",
    );
    repo.application(
        "acme-sre",
        "company: Acme\nrole: SRE\nstatus: rejected\napplied: 2026-05-01\ndecided: 2026-06-01",
        "## Log\n- 2026-11-22 Met [[jane-doe]] at a meetup\n",
    );
    let (key, state) = first_of(&repo, "stale");
    assert_eq!(state, "upcoming");
    let before = files(repo.path());
    let run = repo.run(&["--today", T, "done", &key]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("already settled today: Check in with Jane Doe"),
        "{}",
        run.stdout
    );
    assert_eq!(files(repo.path()), before, "nothing is written");
    // With an earlier date, the entry would move nothing: refused, nothing written.
    let late = repo.run(&["--today", T, "done", &key, "--date", "2026-11-01"]);
    assert_eq!(late.code, 2, "{}", late.stdout);
    assert_eq!(files(repo.path()), before);
}

#[test]
fn done_adds_one_line_where_a_file_ends_in_html_or_a_log_heading_has_a_paragraph() {
    for (body, expected) in [
        // Raw HTML at the end swallows a line added right after it.
        (
            "Notes.\n\n<div>\nraw\n</div>\n",
            "---\nname: Jane Doe\nemail: jane@example.org\n---\nNotes.\n\n- 2026-11-22 Asked Jane to be my reference for Acme #asked [[acme-sre]]\n<div>\nraw\n</div>\n",
        ),
        // No final newline either.
        (
            "Notes.\n\n<div>\nraw\n</div>",
            "---\nname: Jane Doe\nemail: jane@example.org\n---\nNotes.\n\n- 2026-11-22 Asked Jane to be my reference for Acme #asked [[acme-sre]]\n<div>\nraw\n</div>",
        ),
        // A log heading with a paragraph and no list yet.
        (
            "## Log\nMet at a conference.\n",
            "---\nname: Jane Doe\nemail: jane@example.org\n---\n## Log\nMet at a conference.\n- 2026-11-22 Asked Jane to be my reference for Acme #asked [[acme-sre]]\n",
        ),
    ] {
        let repo = Repo::new();
        repo.contact("jane-doe", "name: Jane Doe\nemail: jane@example.org", body);
        repo.application(
            "acme-sre",
            "company: Acme\nrole: SRE\napplied: 2026-11-20\nreferences: [jane-doe]",
            "## Synopsis\nRun it.\n",
        );
        let (key, _) = first_of(&repo, "permission");
        let (added, removed) = done_changes(&repo, &key, "contacts/jane-doe.md");
        assert_eq!((added.len(), removed), (1, 0), "{body:?}: {added:?}");
        let after = fs::read_to_string(repo.path().join("contacts/jane-doe.md")).expect("read");
        assert_eq!(after, expected, "{body:?}");
        assert!(!due_keys(&repo).iter().any(|(k, _, _)| *k == key));
        assert_eq!(repo.run(&["--today", T, "check"]).code, 0);
    }
}

#[test]
fn without_an_owner_drafts_say_what_to_fill_in() {
    let repo = Repo::new();
    repo.file("goodwill.toml", "owner = \"\"\n");
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org",
        "## Log\n- 2026-01-01 Coffee\n",
    );
    repo.contact(
        "bo-lee",
        "name: Bo Lee\nemail: bo@example.org",
        "## Log\n- 2026-10-01 Coffee #agreed\n",
    );
    repo.application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-11-20\nreferences: [bo-lee]",
        "## Synopsis\nRun it.\n",
    );
    for (rule, subject) in [
        ("stale", "Subject: Catching up"),
        ("heads-up", "Subject: Heads-up: Acme may call you about SRE"),
    ] {
        let (key, _) = first_of(&repo, rule);
        let draft = repo.run(&["--today", T, "draft", &key]);
        assert_eq!(draft.code, 0, "{}", draft.stderr);
        assert!(draft.stdout.contains(subject), "{}", draft.stdout);
        assert!(
            draft
                .stdout
                .contains("Best,\n[Your name: add owner = \"Your Name\" to goodwill.toml]\n"),
            "{}",
            draft.stdout
        );
        assert!(
            draft.stdout.contains("To fill in: owner is empty"),
            "{}",
            draft.stdout
        );
        assert!(!draft.stdout.contains("old friend"), "{}", draft.stdout);
    }
    // `check` says it once, with the line to add.
    let check = repo.run(&["--today", T, "check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(
        check
            .stderr
            .matches("goodwill.toml: warning: owner is empty: add owner = \"Your Name\" so drafts are signed\n")
            .count(),
        1,
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("goodwill.toml: warning: resume is empty: add resume = "),
        "{}",
        check.stderr
    );
    // With an owner, the sign-off is back.
    repo.file("goodwill.toml", "owner = \"Noor Haddad\"\n");
    let (key, _) = first_of(&repo, "stale");
    let draft = repo.run(&["--today", T, "draft", &key]);
    assert!(
        draft.stdout.contains("Subject: Hello from Noor Haddad"),
        "{}",
        draft.stdout
    );
    assert!(
        draft.stdout.contains("Best,\nNoor Haddad\n"),
        "{}",
        draft.stdout
    );
}

#[test]
fn a_call_has_points_to_make_and_no_sign_off() {
    let repo = Repo::new();
    repo.file("goodwill.toml", "owner = \"Noor Haddad\"\n");
    repo.contact(
        "bo-lee",
        "name: Bo Lee\nphone: +49 151 1234567\nprefers: phone",
        "## Log\n- 2026-10-01 Coffee #agreed\n",
    );
    repo.application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-11-20\nreferences: [bo-lee]",
        "## Synopsis\nRun it.\n",
    );
    let (key, _) = first_of(&repo, "heads-up");
    let draft = repo.run(&["--today", T, "draft", &key]);
    assert_eq!(draft.code, 0, "{}", draft.stderr);
    assert!(draft.stdout.contains("Via:     phone"), "{}", draft.stdout);
    assert!(
        draft.stdout.contains("Call: tel:+491511234567"),
        "{}",
        draft.stdout
    );
    assert!(draft.stdout.contains("Run it."), "{}", draft.stdout);
    assert!(!draft.stdout.contains("Best,"), "{}", draft.stdout);
    assert!(!draft.stdout.contains("Noor Haddad"), "{}", draft.stdout);
}
