//! Check-ins a person can keep up with, aliases, transliterated ids and every mistake of
//! a file, as the command line shows them: `due`'s text, the dashboard, `check`, `log`,
//! `new` and `import`. What the rules decide is in `tests/rules` (`pacing.rs`, `links.rs`).

use crate::support::{Repo, of_rule, t};
use chrono::{Days, NaiveDate};

/// Today in every fixture: a Sunday.
const T: &str = "2026-11-22";

/// The day `offset` days from T.
fn day(offset: i64) -> String {
    let today: NaiveDate = T.parse().expect("T");
    let date = if offset >= 0 {
        today.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    date.expect("date in range").to_string()
}

/// `goodwill.toml`: Kestrel Health a target, and at most `n` check-ins a week.
fn limit(repo: &Repo, n: u32) {
    repo.file(
        "goodwill.toml",
        &format!("targets = [\"Kestrel Health\"]\n[limits]\ncheckins_per_week = {n}\n"),
    );
}

/// A contact whose `stale` check-in is due `offset` days from T: the last touch is a day
/// before that, or yesterday, and the cadence makes up the rest.
fn stale_at(repo: &Repo, id: &str, offset: i64) {
    let touch = (offset - 1).min(-1);
    repo.contact(
        id,
        &format!(
            "name: {id}\nemail: {id}@example.com\ncadence: {}d",
            offset - touch
        ),
        &format!("## Log\n- {} Lunch\n", day(touch)),
    );
}

/// Fails unless the report raises no diagnostics.
fn clean(json: &serde_json::Value) {
    assert_eq!(
        json["diagnostics"].as_array().map(Vec::len),
        Some(0),
        "unexpected diagnostics: {:#}",
        json["diagnostics"]
    );
}

// ---------------------------------------------------------------- pacing

#[test]
fn due_text_and_dashboard_say_a_check_in_was_spread() {
    let repo = Repo::new();
    limit(&repo, 1);
    stale_at(&repo, "amy", -3);
    stale_at(&repo, "bob", -2);
    let run = repo.run(&["--today", T, "due", "--within", "2w"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Check in with bob"))
        .filter(|&at| lines[at].contains("stale"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    // The message line above the action says when.
    assert!(lines[at - 1].contains(&day(7)), "{}", run.stdout);
    assert!(
        lines[at + 1].contains(&format!(
            "Spread from {}: check-ins are paced to at most 1 a week",
            day(-2)
        )),
        "{}",
        run.stdout
    );
    assert!(
        !lines[at - 1].starts_with("  ") || !lines[at - 1].contains("Spread"),
        "{}",
        run.stdout
    );

    let out = repo.path().join("public");
    let build = repo.run(&["--today", T, "build", "--out", &out.display().to_string()]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let index = std::fs::read_to_string(out.join("index.html")).expect("index.html");
    assert!(
        index.contains(&format!("Spread from {}", day(-2))),
        "the index does not say bob's check-in was spread"
    );
    assert_eq!(index.matches("Spread from").count(), 1);
}

// ---------------------------------------------------------------- aliases

/// James Okafor (`james-okafor`), known as `aliases`, with lunch in January.
fn jim(repo: &Repo, aliases: &str) {
    repo.contact(
        "james-okafor",
        &format!("name: James Okafor\nemail: jim@example.com\naliases: {aliases}"),
        "## Log\n- 2026-01-10 Lunch\n",
    );
}

#[test]
fn aliases_resolve_log_links_references_and_contacts() {
    let repo = Repo::new();
    jim(&repo, "[Jim, \"Jimmy O\"]");
    repo.contact(
        "jane",
        "name: Jane\nemail: j@example.com",
        "## Log\n- 2026-06-01 Dinner with [[Jim]] and [[Jimmy O|him]]\n",
    )
    .application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-11-01\nreferences:\n  - Jim",
        "",
    )
    .application(
        "globex",
        "company: Globex\nrole: SRE\nstatus: rejected\napplied: 2026-09-01\ndecided: 2026-11-10\ncontacts:\n  - \"[[jimmy-o]]\"",
        "## Log\n- 2026-10-01 Interview with [Jimmy](Jimmy%20O.md) #interview\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(
        of_rule(&json, "permission"),
        vec![t("james-okafor", "acme-sre", "2026-11-01")]
    );
    assert_eq!(
        of_rule(&json, "ask-feedback"),
        vec![t("-", "globex", "2026-11-13")]
    );
    // The Globex entry linking Jim by alias concerns him; Jane's links by alias lead to
    // his page.
    let out = repo.path().join("public");
    let build = repo.run(&["--today", T, "build", "--out", &out.display().to_string()]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = std::fs::read_to_string(out.join("contacts/james-okafor.html")).expect("page");
    assert!(
        page.contains("2026-10-01"),
        "Globex's entry is not on Jim's page"
    );
    let page = std::fs::read_to_string(out.join("contacts/jane.html")).expect("page");
    assert_eq!(
        page.matches("href=\"../contacts/james-okafor.html\"")
            .count(),
        2,
        "Jane's links by alias do not lead to Jim's page"
    );
}

#[test]
fn obsidian_reserved_keys_raise_no_warning() {
    let repo = Repo::new();
    repo.contact(
        "jane",
        "name: Jane\nemail: j@example.com\ntags: [a]\ntag: b\nalias: Janey\naliases: [J]\ncssclasses: [wide]\ncssclass: wide",
        "",
    )
    .application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-11-01\ntag: x\naliases: [Acme job]\ncssclasses: [wide]\ncssclass: wide\nalias: y",
        "",
    );
    let run = repo.run(&["--today", T, "check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.ends_with("0 errors, 0 warnings\n"),
        "reserved keys raised diagnostics: {}",
        run.stderr
    );
    // A near miss of a known key still does.
    repo.contact("bob", "name: Bob\ncompnay: Acme", "");
    let run = repo.run(&["--today", T, "check"]);
    assert!(
        run.stderr
            .contains("contacts/bob.md:3: warning: unknown key `compnay`"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------- transliterated ids

#[test]
fn new_and_import_give_the_ids_the_loader_reads() {
    let repo = Repo::new();
    let run = repo.run(&["new", "contact", "Zoë Ångström 🎉"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(repo.path().join("contacts/zoe-angstrom.md").is_file());
    // A hand-made file of the same name has the same id, so `new` refuses.
    repo.file("contacts/René Müller.md", "---\nname: René Müller\n---\n");
    let run = repo.run(&["new", "contact", "Rene\u{301} Mu\u{308}ller"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("the id `rene-muller` is already taken by `contacts/René Müller.md`"),
        "{}",
        run.stderr
    );
    let run = repo.run(&[
        "new",
        "application",
        "Ærø Labs",
        "SRE",
        "--applied",
        "2026-11-01",
        "--reference",
        "[[Zoë Ångström]]",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(repo.path().join("applications/aero-labs-sre.md"))
        .expect("application written as aero-labs-sre.md");
    assert!(text.contains("zoe-angstrom"), "{text}");

    repo.file(
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nZoë,Ångström,,,Acme,SRE,\nŁukasz,Żółw 🐢,,,Acme,SRE,\n",
    );
    let csv = repo.path().join("Connections.csv").display().to_string();
    let run = repo.run(&["--today", T, "import", "linkedin", &csv]);
    assert!(
        run.stdout
            .contains("skipped Zoë Ångström: same name as `contacts/zoe-angstrom.md`"),
        "{}",
        run.stdout
    );
    assert!(
        repo.path().join("contacts/lukasz-zolw.md").is_file(),
        "{}",
        run.stdout
    );
    let run = repo.run(&["--today", T, "check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(" 0 errors"), "{}", run.stderr);
}

// ---------------------------------------------------------------- every mistake in one run

#[test]
fn a_file_with_an_invalid_log_date_still_reports_its_unknown_link() {
    let repo = Repo::new();
    repo.contact(
        "bad-log",
        "name: Bad Log\nemail: b@example.com",
        "## Log\n- 2026-02-30 Called her\n- 2026-03-01 Lunch with [[nobody-here]]\n",
    )
    .contact(
        "jane",
        "name: Jane\nemail: j@example.com",
        "## Log\n- 2026-11-01 Told [[bad-log]] about it\n",
    );
    let run = repo.run(&["--today", T, "check"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("contacts/"))
        .collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].starts_with("contacts/bad-log.md:6: error: invalid date `2026-02-30`"),
        "{}",
        run.stderr
    );
    assert!(
        lines[1].starts_with("contacts/bad-log.md:7: warning: unknown link `nobody-here`"),
        "{}",
        run.stderr
    );
}

#[test]
fn log_and_new_follow_aliases() {
    let repo = Repo::new();
    jim(&repo, "[Jim]");
    repo.contact("jane", "name: Jane\nemail: j@example.com", "");
    let run = repo.run(&[
        "log",
        "jane",
        "Lunch with [[Jim]] and [[Jimbo]]",
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("`[[Jim]]`") && !run.stderr.contains("`Jim`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown link `Jimbo`"),
        "{}",
        run.stderr
    );
    let run = repo.run(&["log", "Jim", "Coffee #cheesecake", "--date", "2026-11-21"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("contacts/james-okafor.md:"),
        "{}",
        run.stdout
    );
    let run = repo.run(&[
        "new",
        "application",
        "Acme",
        "SRE",
        "--applied",
        "2026-11-01",
        "--reference",
        "[[Jim]]",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        std::fs::read_to_string(repo.path().join("applications/acme-sre.md")).expect("written");
    assert!(text.contains("james-okafor"), "{text}");
}

// ---------------------------------------------------------------- targets.html

#[test]
fn targets_page_shows_people_applications_and_targets_without_anyone() {
    let repo = Repo::new();
    repo.file(
        "goodwill.toml",
        "targets = [\"Kestrel Health\", \"  marlow transit \", \"Acme\"]\n",
    )
    .contact(
        "ada",
        "name: Ada Nwosu\nemail: a@example.com\ncompany: kestrel health\ntitle: Director",
        "## Log\n- 2026-10-20 Coffee\n",
    )
    .contact(
        "kenji",
        "name: Kenji Mori\nemail: k@example.com\ncompany: Kestrel Health",
        "## Log\n- 2026-10-01 Call\n",
    )
    .contact(
        "bob",
        "name: Bob Acme\nemail: b@example.com\ncompany: Acme",
        "## Log\n- 2026-10-01 Call\n",
    )
    .application(
        "kestrel-backend",
        "company: Kestrel Health\nrole: Backend Engineer\nstatus: rejected\napplied: 2026-09-01\ndecided: 2026-10-01",
        "",
    )
    .application(
        "fernhill-sre",
        "company: Fernhill Robotics\nrole: SRE\nstatus: prospect\ntarget: true",
        "",
    )
    .application(
        "acme-sre",
        "company: Acme\nrole: SRE\nstatus: accepted\napplied: 2026-09-01\ndecided: 2026-10-01",
        "",
    );
    let out = repo.path().join("public");
    let run = repo.run(&["--today", T, "build", "--out", &out.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(out.join("targets.html")).expect("targets.html");
    let main = &html[html.find("<main").expect("main")..];
    // Acme is where you work now: not a target.
    assert!(!main.contains("Bob Acme"), "{main}");
    let kestrel = main
        .find(">Kestrel Health <")
        .expect("Kestrel Health section");
    let fernhill = main.find(">Fernhill Robotics <").expect("Fernhill section");
    let marlow = main
        .find(">marlow transit <")
        .expect("Marlow section, as written");
    assert!(fernhill < kestrel && kestrel < marlow, "sorted by name");
    // Kenji's cheesecake (2026-11-30) is due before Ada's (2026-12-19): he comes first,
    // each with their last touch.
    let ada = main.find("Ada Nwosu").expect("Ada");
    let kenji = main.find("Kenji Mori").expect("Kenji");
    assert!(kestrel < kenji && kenji < ada && ada < marlow, "{main}");
    assert!(
        main.contains("2026-10-20") && main.contains("2026-12-19"),
        "{main}"
    );
    assert!(main.contains("applications/kestrel-backend.html"), "{main}");
    assert!(main.contains("Find someone at Fernhill Robotics"), "{main}");
    assert!(main.contains("Find someone at marlow transit"), "{main}");
    // Reachable from every page's navigation.
    for page in [
        "index.html",
        "contacts.html",
        "contacts/ada.html",
        "applications/fernhill-sre.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).expect(page);
        let root = if page.contains('/') { "../" } else { "" };
        assert!(
            html.contains(&format!("<a href=\"{root}targets.html\">Targets</a>")),
            "{page} does not link targets.html"
        );
    }
}
