//! Check-ins a person can keep up with: pacing at its boundaries, open tasks that stand for
//! a check-in, aliases and their warnings, transliterated ids, and every mistake of a
//! file reported in one run.

use crate::support::{Repo, actions, of_rule, t};
use chrono::{Days, NaiveDate};

/// Today in every fixture: a Sunday.
const T: &str = "2026-11-22";

fn day(offset: i64) -> String {
    let today: NaiveDate = T.parse().expect("T");
    let date = if offset >= 0 {
        today.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    date.expect("date in range").to_string()
}

fn limit(repo: &Repo, n: u32) {
    repo.file(
        "goodwill.toml",
        &format!("targets = [\"Kestrel Health\"]\n[limits]\ncheckins_per_week = {n}\n"),
    );
}

/// The front matter and body of a contact whose check-in is due `offset` days from T:
/// the last touch is a day before that, or yesterday, and the cadence makes up the rest.
fn due_at(id: &str, extra: &str, offset: i64) -> (String, String) {
    let touch = (offset - 1).min(-1);
    (
        format!(
            "name: {id}\nemail: {id}@example.com{extra}\ncadence: {}d",
            offset - touch
        ),
        format!("## Log\n- {} Lunch\n", day(touch)),
    )
}

/// A contact whose `stale` check-in is due `offset` days from T.
fn stale_at(repo: &Repo, id: &str, offset: i64) {
    let (front, body) = due_at(id, "", offset);
    repo.contact(id, &front, &body);
}

/// A contact at a target company whose `cheesecake` is due `offset` days from T.
fn cheesecake_at(repo: &Repo, id: &str, offset: i64) {
    let (front, body) = due_at(id, "\ncompany: Kestrel Health", offset);
    repo.contact(id, &front, &body);
}

fn clean(json: &serde_json::Value) {
    assert_eq!(
        json["diagnostics"].as_array().map(Vec::len),
        Some(0),
        "unexpected diagnostics: {:#}",
        json["diagnostics"]
    );
}

/// `(rule, contact, due, spread_from)` of every check-in.
fn check_ins(json: &serde_json::Value) -> Vec<(String, String, String, String)> {
    clean(json);
    json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| a["rule"] == "cheesecake" || a["rule"] == "stale")
        .map(|a| {
            let text = |key: &str| a[key].as_str().unwrap_or("-").to_owned();
            (
                text("rule"),
                text("contact"),
                text("due"),
                text("spread_from"),
            )
        })
        .collect()
}

fn row(rule: &str, contact: &str, due: &str, from: &str) -> (String, String, String, String) {
    (rule.into(), contact.into(), due.into(), from.into())
}

// ---------------------------------------------------------------- pacing

#[test]
fn pacing_exactly_n_in_a_week_moves_nothing() {
    let repo = Repo::new();
    limit(&repo, 3);
    stale_at(&repo, "amy", -30);
    stale_at(&repo, "bob", -3);
    stale_at(&repo, "cy", 6);
    let json = repo.due_json(T);
    assert_eq!(
        check_ins(&json),
        vec![
            row("stale", "amy", &day(-30), "-"),
            row("stale", "bob", &day(-3), "-"),
            row("stale", "cy", &day(6), "-"),
        ]
    );
    assert!(
        json["actions"][0].get("spread_from").is_none(),
        "an action pacing left alone has no `spread_from`: {:#}",
        json["actions"][0]
    );
}

#[test]
fn pacing_n_plus_one_moves_the_last_to_next_week() {
    let repo = Repo::new();
    limit(&repo, 3);
    stale_at(&repo, "amy", -30);
    stale_at(&repo, "bob", -3);
    stale_at(&repo, "cy", 6);
    stale_at(&repo, "dee", 6);
    assert_eq!(
        check_ins(&repo.due_json(T)),
        vec![
            row("stale", "amy", &day(-30), "-"),
            row("stale", "bob", &day(-3), "-"),
            row("stale", "cy", &day(6), "-"),
            row("stale", "dee", &day(7), &day(6)),
        ]
    );
}

#[test]
fn pacing_keeps_an_action_due_in_week_two_and_fills_weeks_in_order() {
    let repo = Repo::new();
    limit(&repo, 1);
    stale_at(&repo, "amy", -10); // week 0
    stale_at(&repo, "bob", -9); // week 0 is full: week 1
    stale_at(&repo, "cy", 16); // week 2, free: stays on its own day
    stale_at(&repo, "dee", 17); // week 2 is full: week 3
    stale_at(&repo, "eve", 40); // week 5, free: stays
    assert_eq!(
        check_ins(&repo.due_json(T)),
        vec![
            row("stale", "amy", &day(-10), "-"),
            row("stale", "bob", &day(7), &day(-9)),
            row("stale", "cy", &day(16), "-"),
            row("stale", "dee", &day(21), &day(17)),
            row("stale", "eve", &day(40), "-"),
        ]
    );
}

#[test]
fn pacing_puts_cheesecake_before_stale_on_the_same_day_then_contact_id() {
    let repo = Repo::new();
    limit(&repo, 1);
    stale_at(&repo, "amy", -2);
    cheesecake_at(&repo, "zed", -2);
    stale_at(&repo, "abe", -2);
    assert_eq!(
        check_ins(&repo.due_json(T)),
        vec![
            row("cheesecake", "zed", &day(-2), "-"),
            row("stale", "abe", &day(7), &day(-2)),
            row("stale", "amy", &day(14), &day(-2)),
        ]
    );
}

#[test]
fn pacing_zero_is_off() {
    let repo = Repo::new();
    limit(&repo, 0);
    for id in ["amy", "bob", "cy", "dee"] {
        stale_at(&repo, id, -5);
    }
    let rows = check_ins(&repo.due_json(T));
    assert_eq!(rows.len(), 4);
    assert!(
        rows.iter()
            .all(|(_, _, due, from)| *due == day(-5) && from == "-"),
        "{rows:?}"
    );
}

#[test]
fn pacing_defaults_to_ten_a_week() {
    let repo = Repo::new();
    for i in 0..11 {
        stale_at(&repo, &format!("p{i:02}"), -1);
    }
    let rows = check_ins(&repo.due_json(T));
    let moved: Vec<_> = rows.iter().filter(|r| r.3 != "-").collect();
    assert_eq!(moved, vec![&row("stale", "p10", &day(7), &day(-1))]);
}

#[test]
fn pacing_never_moves_other_rules_and_they_take_no_room() {
    let repo = Repo::new();
    limit(&repo, 1);
    stale_at(&repo, "amy", -1);
    repo.contact(
        "jane",
        "name: Jane\nemail: jane@example.com",
        "## Log\n- [ ] 2026-11-20 Send Jane the deck\n",
    )
    .application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-11-01\nreferences: [jane]",
        "",
    );
    let json = repo.due_json(T);
    assert_eq!(check_ins(&json), vec![row("stale", "amy", &day(-1), "-")]);
    assert_eq!(
        of_rule(&json, "permission"),
        vec![t("jane", "acme-sre", "2026-11-01")]
    );
    assert_eq!(of_rule(&json, "task"), vec![t("jane", "-", "2026-11-20")]);
}

#[test]
fn pacing_takes_the_snoozed_date_as_the_due_date() {
    let repo = Repo::new();
    limit(&repo, 1);
    stale_at(&repo, "amy", 8);
    repo.contact(
        "bob",
        &format!(
            "name: bob\nemail: b@example.com\ncadence: 1d\nsnooze_until: {}",
            day(9)
        ),
        &format!("## Log\n- {} Lunch\n", day(-20)),
    );
    assert_eq!(
        check_ins(&repo.due_json(T)),
        vec![
            row("stale", "amy", &day(8), "-"),
            row("stale", "bob", &day(14), &day(9)),
        ]
    );
}

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

// ---------------------------------------------------------------- open tasks

#[test]
fn an_open_task_in_their_own_file_stands_for_the_check_in() {
    let repo = Repo::new();
    limit(&repo, 10);
    repo.contact(
        "wren",
        "name: Wren\nemail: w@example.com\ncompany: Kestrel Health",
        "## Log\n- 2026-01-01 Coffee\n- [ ] 2027-03-01 Send Wren my notes #cheesecake\n",
    );
    stale_at(&repo, "amy", -5);
    repo.contact(
        "amy",
        "name: Amy\nemail: a@example.com",
        "## Log\n- 2025-01-01 Lunch\n- [ ] 2026-11-30 Call Amy\n",
    );
    let json = repo.due_json(T);
    assert_eq!(check_ins(&json), vec![]);
    assert_eq!(
        of_rule(&json, "task"),
        vec![t("amy", "-", "2026-11-30"), t("wren", "-", "2027-03-01")]
    );
    // Once the task is done, it is a touch, and the check-in is back on its cadence.
    repo.contact(
        "wren",
        "name: Wren\nemail: w@example.com\ncompany: Kestrel Health",
        "## Log\n- 2026-01-01 Coffee\n- [x] 2026-11-01 Send Wren my notes #cheesecake\n",
    );
    assert_eq!(
        check_ins(&repo.due_json(T)),
        vec![row("cheesecake", "wren", "2026-12-31", "-")]
    );
}

#[test]
fn an_open_task_in_an_application_file_that_links_them_stands_for_it() {
    let repo = Repo::new();
    limit(&repo, 10);
    stale_at(&repo, "omar", -5);
    stale_at(&repo, "lee", -5);
    repo.application(
        "acme-sre",
        "company: Acme\nrole: SRE\nstatus: rejected\napplied: 2026-01-01\ndecided: 2026-02-01\ncontacts: [lee]",
        "## Log\n- [ ] 2026-12-01 Send [[omar]] the write-up\n- [ ] 2026-12-02 Ask about the next opening\n",
    );
    let json = repo.due_json(T);
    // Omar is linked by the task; Lee is only listed on the application, which the
    // second task does not make about him.
    assert_eq!(check_ins(&json), vec![row("stale", "lee", &day(-5), "-")]);
}

#[test]
fn an_open_task_in_another_contacts_file_does_not_count() {
    let repo = Repo::new();
    limit(&repo, 10);
    stale_at(&repo, "omar", -5);
    repo.contact(
        "jane",
        "name: Jane\nemail: j@example.com",
        "## Log\n- 2026-11-01 Lunch\n- [ ] 2026-12-01 Introduce [[omar]] to Priya\n",
    );
    let json = repo.due_json(T);
    assert_eq!(check_ins(&json), vec![row("stale", "omar", &day(-5), "-"),]);
    assert_eq!(of_rule(&json, "task"), vec![t("jane", "-", "2026-12-01")]);
}

// ---------------------------------------------------------------- aliases

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
fn an_alias_that_is_another_files_id_warns_and_the_link_goes_to_that_file() {
    let repo = Repo::new();
    jim(&repo, "[jane]");
    repo.contact("jane", "name: Jane\nemail: j@example.com", "")
        .application(
            "acme-sre",
            "company: Acme\nrole: SRE\napplied: 2026-11-01\nreferences: [jane]",
            "",
        );
    let json = repo.due_json(T);
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["severity"], "warning");
    assert_eq!(diagnostics[0]["file"], "contacts/james-okafor.md");
    assert_eq!(diagnostics[0]["line"], 4);
    let message = diagnostics[0]["message"].as_str().expect("message");
    assert!(
        message.contains("alias `jane` is the id of `contacts/jane.md`"),
        "{message}"
    );
    assert_eq!(
        of_rule(&json, "permission"),
        vec![t("jane", "acme-sre", "2026-11-01")]
    );
}

#[test]
fn two_contacts_sharing_an_alias_warn_once_and_the_link_goes_nowhere() {
    let repo = Repo::new();
    jim(&repo, "[Sam]");
    repo.contact(
        "samantha-lee",
        "name: Samantha Lee\nemail: s@example.com\naliases:\n  - sam",
        "",
    )
    .contact(
        "jane",
        "name: Jane\nemail: j@example.com",
        "## Log\n- 2026-11-01 Lunch with [[Sam]]\n",
    )
    .application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-11-01\nreferences: [Sam, jane]",
        "",
    );
    let json = repo.due_json(T);
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["severity"], "warning");
    assert_eq!(diagnostics[0]["file"], "contacts/samantha-lee.md");
    assert_eq!(diagnostics[0]["line"], 5);
    let message = diagnostics[0]["message"].as_str().expect("message");
    assert!(
        message.contains("alias `sam` is also an alias of `contacts/james-okafor.md`"),
        "{message}"
    );
    // The application still counts, with Jane as its only reference.
    assert_eq!(
        of_rule(&json, "permission"),
        vec![t("jane", "acme-sre", "2026-11-01")]
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

#[test]
fn a_broken_contacts_aliases_still_resolve() {
    let repo = Repo::new();
    repo.contact(
        "james-okafor",
        "name: James Okafor\nrelationship: boss\naliases: [Jim]",
        "",
    )
    .contact(
        "jane",
        "name: Jane\nemail: j@example.com",
        "## Log\n- 2026-11-01 Lunch with [[Jim]]\n",
    );
    let json = repo.due_json(T);
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["file"], "contacts/james-okafor.md");
}

// ---------------------------------------------------------------- transliterated ids

#[test]
fn file_names_and_links_transliterate_the_same_way() {
    let repo = Repo::new();
    repo.file(
        "contacts/Zoë Ångström.md",
        "---\nname: Zoë Ångström\nemail: zoe@example.com\n---\n## Log\n- 2026-01-05 Lunch\n",
    )
    // The same name as macOS stores it: letters and combining accents apart.
    .file(
        "contacts/Rene\u{301} Mu\u{308}ller.md",
        "---\nname: René Müller\nemail: rene@example.com\n---\n## Log\n- 2026-01-06 Lunch\n",
    )
    .file(
        "contacts/Party 🎉 Planner.md",
        "---\nname: Party Planner\nemail: pp@example.com\n---\n## Log\n- 2026-01-07 Lunch\n",
    )
    .application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-11-01\nreferences:\n  - Zoë Ångström\n  - \"[[René Müller]]\"\n  - party-planner",
        "## Log\n- 2026-11-02 Sent [[Zoë Ångström]], [René](René%20Müller.md) and [[Party 🎉 Planner]] the synopsis #heads-up\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(
        of_rule(&json, "permission"),
        vec![
            t("party-planner", "acme-sre", "2026-11-01"),
            t("rene-muller", "acme-sre", "2026-11-01"),
            t("zoe-angstrom", "acme-sre", "2026-11-01"),
        ]
    );
    assert_eq!(of_rule(&json, "heads-up"), vec![]);
}

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
fn every_independent_mistake_of_a_broken_file_is_reported() {
    let repo = Repo::new();
    repo.contact("jane", "name: Jane\nemail: j@example.com", "")
        .application(
            "acme-sre",
            "company: Acme\nrole: SRE\nstatus: hired\napplied: 2026-11-01\nreferences: [jane-do]",
            "## Log\n- 2026-11-02 Sent [[nobody-here]] the deck\n",
        )
        .file(
            "contacts/syntax.md",
            "---\nname: [Unclosed\n---\n## Log\n- 2026-13-01 Lunch\n- 2026-11-01 Met [[acme-sre]] and [[ghost]]\n",
        )
        .contact(
            "omar",
            "name: Omar\nemail: o@example.com",
            "## Log\n- 2026-11-03 Lunch with [[syntax]], about [[acme-sre]]\n",
        );
    let json = repo.due_json(T);
    let found: Vec<(String, u64, String)> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["severity"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let expected =
        |file: &str, line: u64, severity: &str| (file.to_owned(), line, severity.to_owned());
    assert_eq!(
        found,
        vec![
            expected("applications/acme-sre.md", 4, "error"),
            expected("applications/acme-sre.md", 6, "error"),
            expected("applications/acme-sre.md", 9, "warning"),
            expected("contacts/syntax.md", 3, "error"),
            expected("contacts/syntax.md", 5, "error"),
            expected("contacts/syntax.md", 6, "warning"),
        ],
        "{:#}",
        json["diagnostics"]
    );
    // Omar's entry links two broken files and raises nothing; the rules still run.
    assert!(actions(&json).iter().all(|a| a.1 != "syntax"));
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

#[test]
fn an_open_task_takes_the_check_ins_place_but_not_the_caution() {
    let repo = Repo::new();
    limit(&repo, 10);
    repo.contact(
        "wren",
        "name: Wren\nemail: w@example.com\ncompany: Kestrel Health",
        "## Log\n- 2026-11-15 Sent her the SLO write-up #cheesecake\n- [ ] 2026-11-25 Send Wren my notes #cheesecake\n",
    );
    let json = repo.due_json(T);
    assert_eq!(check_ins(&json), vec![]);
    assert_eq!(
        crate::support::cautions(&json),
        vec![(
            "too-soon".to_owned(),
            "wren".to_owned(),
            "-".to_owned(),
            "2026-12-06".to_owned()
        )]
    );
}
