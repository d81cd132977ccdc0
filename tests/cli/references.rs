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
        written.contains(&format!("- {T} No news yet from Acme\n")),
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
    assert!(
        hello.contains("Subject: Your work on [the talk, post or project of theirs]"),
        "{hello}"
    );
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

/// `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#x27;` as the characters they stand for, and
/// runs of whitespace as one space: what a reader of the page sees.
fn visible(html: &str) -> String {
    let text = html
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What no packet of `root` may show: every gift idea, every line of private notes (the
/// body outside `## Synopsis` and the log), every log entry's text but `#question`
/// ones, every open task, and every key of `due --json`; each as the words of its
/// longest run between links and tags, where that is long enough to be telling.
fn private_texts(root: &std::path::Path, keys: &[String]) -> Vec<String> {
    let mut private: Vec<String> = keys.to_vec();
    private.extend(["goodwill done", "goodwill skip", "goodwill later"].map(String::from));
    for (path, bytes) in crate::support::repository_files(root) {
        if !path.ends_with(".md")
            || !(path.starts_with("contacts/") || path.starts_with("applications/"))
        {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        let (front, body) = match text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
        {
            Some((front, body)) => (front.to_owned(), body.to_owned()),
            None => (String::new(), text.to_string()),
        };
        for line in front.lines() {
            if let Some(ideas) = line.strip_prefix("gift_ideas:") {
                private.push(ideas.trim().trim_matches('"').to_owned());
            }
        }
        let mut section = String::new();
        for line in body.lines() {
            if let Some(heading) = line.strip_prefix("## ") {
                section = heading.trim().to_lowercase();
                continue;
            }
            let entry = line
                .strip_prefix("- [ ] ")
                .or_else(|| line.strip_prefix("- [x] "))
                .or_else(|| line.strip_prefix("- "))
                .filter(|rest| {
                    rest.len() > 10 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                });
            let words = match entry {
                Some(entry) if entry.contains("#question") => continue,
                Some(entry) => entry[10..].to_owned(),
                None if section == "synopsis" => continue,
                None => line.to_owned(),
            };
            // The longest run of words without a link or a tag.
            let run = words
                .split(['[', ']', '#', '"'])
                .map(str::trim)
                .max_by_key(|part| part.len())
                .unwrap_or_default()
                .to_owned();
            if run.len() >= 24 {
                private.push(run);
            }
        }
    }
    private
        .into_iter()
        .map(|p| visible(&p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Builds `repo` and checks each of its packets against [`private_texts`]; returns the
/// packets' visible text by path.
fn scan_packets(root: &std::path::Path, repo: &Repo) -> Vec<(String, String)> {
    let out = repo.path().join("packets-out");
    let run = std::process::Command::new(crate::support::binary())
        .args([
            "--root",
            root.to_str().expect("utf-8"),
            "--today",
            T,
            "build",
            "--out",
        ])
        .arg(&out)
        .env_remove("GOODWILL_TODAY")
        .output()
        .expect("build");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(
        &std::process::Command::new(crate::support::binary())
            .args([
                "--root",
                root.to_str().expect("utf-8"),
                "--today",
                T,
                "due",
                "--json",
            ])
            .env_remove("GOODWILL_TODAY")
            .output()
            .expect("due")
            .stdout,
    )
    .expect("json");
    let keys: Vec<String> = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["key"].as_str().map(str::to_owned))
        .collect();
    let private = private_texts(root, &keys);
    // Gift ideas, notes and log lines were found, besides the keys and commands.
    assert!(private.len() > keys.len() + 6, "{private:?}");
    let packets: Vec<(String, String)> = crate::support::files_under(&out)
        .into_iter()
        .filter(|(path, _)| path.contains("/packet/"))
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect();
    assert!(!packets.is_empty(), "no packets in {}", out.display());
    for (path, html) in &packets {
        let text = visible(html);
        for secret in &private {
            assert!(
                !text.contains(secret.as_str()),
                "{path} shows private `{secret}`"
            );
        }
        // Nothing of the dashboard: no link into it, no navigation.
        for page in ["contacts/", "index.html", "brief/", "<nav"] {
            assert!(!html.contains(page), "{path} holds `{page}`");
        }
    }
    packets
}

#[test]
fn every_packet_of_the_example_holds_only_what_is_shared() {
    let repo = Repo::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let packets = scan_packets(root, &repo);
    let (_, marcus) = packets
        .iter()
        .find(|(path, _)| path == "applications/harborline-infra/packet/marcus-oyelaran.html")
        .expect("Marcus's Harborline packet");
    let marcus = visible(marcus);
    // The letter in his voice, the question asked, the resume.
    assert!(
        marcus.contains("I am glad to recommend Noor Haddad for the Infrastructure Engineer role"),
        "{marcus}"
    );
    assert!(
        marcus.contains("How Noor works with non-technical stakeholders"),
        "{marcus}"
    );
    assert!(
        marcus.contains("Design a rate limiter shared by three data centres"),
        "{marcus}"
    );
    assert!(
        marcus.contains("https://noor.example.org/resume.pdf"),
        "{marcus}"
    );
    // Linked from the briefing and the application page.
    let out = repo.path().join("packets-out");
    for page in [
        "applications/harborline-infra.html",
        "applications/harborline-infra/brief/marcus-oyelaran.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).expect("page");
        assert!(
            html.contains("harborline-infra/packet/marcus-oyelaran.html"),
            "{page}"
        );
    }
}

#[test]
fn a_hostile_repositorys_packets_hold_only_what_is_shared() {
    let repo = Repo::new();
    repo.file(
        "goodwill.toml",
        "owner = \"<script>alert('owner')</script> Noor\"\nresume = \"javascript:alert(1)\"\n",
    )
    .contact(
        "mallory",
        "name: \"Mallory <img src=x onerror=alert(1)>\"\nemail: m@example.org\nrelationship: supervisor\ngift_ideas: a secret bottle of old Rioja wine for Mallory\ntalking_points: ['How I <b onmouseover=alert(1)>lead</b> an outage', 'My work with [[raj-patel]] on the queue']",
        "PRIVATE NOTE about Mallory that must never leave the dashboard.\n\n## Log\n- 2026-10-01 Agreed after a long private chat about her divorce #agreed\n- 2026-10-02 Sent the heads-up with my salary expectations #heads-up [[evil]]\n- [ ] 2026-11-30 Remember to ask about her secret side project\n",
    )
    .contact("raj-patel", "name: Raj Patel\nemail: raj@example.org\nrelationship: interviewer", "")
    .application(
        "evil",
        "company: \"<script>alert('company')</script>\"\nrole: Staff SRE\nstatus: interviewing\napplied: 2026-10-01\nreferences: [mallory]\ncontacts: [raj-patel]\nhighlights: ['Working with [[raj-patel]] <script>alert(2)</script>']",
        "## Synopsis\nThe role [[raj-patel]] described, see [my notes](../contacts/mallory.md). <script>alert(3)</script>\n\n## Notes\nPRIVATE salary floor is one hundred and ninety thousand.\n\n## Log\n- 2026-11-05 Panel with [[raj-patel]] #interview\n- 2026-11-05 How would you shard the queue that [[raj-patel]] runs? #question\n- 2026-11-06 Private worry: the team seemed burnt out and unhappy\n",
    );
    let packets = scan_packets(repo.path(), &repo);
    assert_eq!(packets.len(), 1);
    let (_, html) = &packets[0];
    // The one script is the dashboard's own.
    let html = html.replace("<script src=\"../../../copy.js\"></script>", "");
    // Markup from the files is shown as text, never as markup.
    for forbidden in [
        "<script",
        "<img",
        "<b ",
        "href=\"javascript",
        "raj-patel",
        "mallory.md",
        "[[",
    ] {
        assert!(!html.contains(forbidden), "`{forbidden}` in {html}");
    }
    let text = visible(&html);
    // Links are written as names; the question is there, with a line to reuse.
    assert!(
        text.contains("How would you shard the queue that Raj Patel runs?"),
        "{text}"
    );
    assert!(
        text.contains("The role Raj Patel described, see my notes."),
        "{text}"
    );
    assert!(text.contains("Working with Raj Patel"), "{text}");
    assert!(text.contains("If it comes up"), "{text}");
}
