//! Integration tests: `goodwill due` — the text report, `--within`, and where today comes from.
//!
//! The fixtures use open tasks (rule `task`, due on their own date), whose text is a
//! unique phrase to look for in the report. All people are fictional.

use crate::support::{Repo, Run, all_rules};

/// Today in these tests.
const T: &str = "2026-11-22";

/// A repository with one open task per `(date, phrase)` in one contact file.
fn tasks(items: &[(&str, &str)]) -> Repo {
    let repo = Repo::new();
    let body: String = items
        .iter()
        .map(|(date, phrase)| format!("- [ ] {date} {phrase}\n"))
        .collect();
    repo.contact(
        "sam-ortiz",
        "name: Sam Ortiz\nemail: sam@example.org",
        &format!("## Log\n{body}"),
    );
    repo
}

/// The standard fixture: overdue, due today, upcoming at the edge of a week, and far away.
fn standard() -> Repo {
    tasks(&[
        ("2026-11-20", "Return the overdue book"),
        (T, "Call about the meetup today"),
        ("2026-11-29", "Send the edge-of-week article"),
        ("2026-11-30", "Write the far-away note"),
        ("2027-03-01", "Plan the spring lunch"),
    ])
}

/// `due` as text on `today`.
fn due_text(repo: &Repo, today: &str, extra: &[&str]) -> Run {
    let mut args = vec!["--today", today, "due"];
    args.extend_from_slice(extra);
    let run = repo.run(&args);
    assert_eq!(run.code, 0, "due failed: {}", run.stderr);
    run
}

#[test]
fn text_lists_overdue_due_and_upcoming_within_default_week() {
    let run = due_text(&standard(), T, &[]);
    for phrase in [
        "Return the overdue book",
        "Call about the meetup today",
        "Send the edge-of-week article",
    ] {
        assert!(
            run.stdout.contains(phrase),
            "missing {phrase:?}:\n{}",
            run.stdout
        );
    }
    for phrase in ["Write the far-away note", "Plan the spring lunch"] {
        assert!(
            !run.stdout.contains(phrase),
            "unexpected {phrase:?}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn text_orders_overdue_then_due_then_upcoming() {
    let run = due_text(&standard(), T, &[]);
    let at = |phrase: &str| {
        run.stdout
            .find(phrase)
            .unwrap_or_else(|| panic!("missing {phrase:?}:\n{}", run.stdout))
    };
    assert!(at("Return the overdue book") < at("Call about the meetup today"));
    assert!(at("Call about the meetup today") < at("Send the edge-of-week article"));
}

#[test]
fn text_shows_due_dates() {
    let run = due_text(&standard(), T, &[]);
    for date in ["2026-11-20", "2026-11-22", "2026-11-29"] {
        assert!(run.stdout.contains(date), "missing {date}:\n{}", run.stdout);
    }
}

#[test]
fn within_widens_the_horizon() {
    let run = due_text(&standard(), T, &["--within", "30d"]);
    assert!(
        run.stdout.contains("Write the far-away note"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("Plan the spring lunch"),
        "{}",
        run.stdout
    );

    let run = due_text(&standard(), T, &["--within", "6m"]);
    assert!(
        run.stdout.contains("Plan the spring lunch"),
        "{}",
        run.stdout
    );
}

#[test]
fn within_narrows_the_horizon_but_keeps_overdue_and_today() {
    let run = due_text(&standard(), T, &["--within", "1d"]);
    assert!(
        run.stdout.contains("Return the overdue book"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Call about the meetup today"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("Send the edge-of-week article"),
        "{}",
        run.stdout
    );
}

#[test]
fn within_weeks_edge_is_inclusive() {
    let run = due_text(&standard(), T, &["--within", "1w"]);
    assert!(
        run.stdout.contains("Send the edge-of-week article"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("Write the far-away note"),
        "{}",
        run.stdout
    );
}

#[test]
fn within_zero_days_shows_only_overdue_and_today() {
    let run = due_text(&standard(), T, &["--within", "0d"]);
    assert!(
        run.stdout.contains("Return the overdue book"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Call about the meetup today"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("Send the edge-of-week article"),
        "{}",
        run.stdout
    );
}

#[test]
fn grace_soon_is_the_default_horizon() {
    let repo = standard();
    repo.file("goodwill.toml", "[grace]\nsoon = \"2d\"\n");
    let run = due_text(&repo, T, &[]);
    assert!(
        run.stdout.contains("Call about the meetup today"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("Send the edge-of-week article"),
        "{}",
        run.stdout
    );

    repo.file("goodwill.toml", "[grace]\nsoon = \"8d\"\n");
    let run = due_text(&repo, T, &[]);
    assert!(
        run.stdout.contains("Write the far-away note"),
        "{}",
        run.stdout
    );
}

#[test]
fn within_overrides_grace_soon() {
    let repo = standard();
    repo.file("goodwill.toml", "[grace]\nsoon = \"2d\"\n");
    let run = due_text(&repo, T, &["--within", "8d"]);
    assert!(
        run.stdout.contains("Write the far-away note"),
        "{}",
        run.stdout
    );
}

#[test]
fn within_invalid_is_a_usage_error() {
    for bad in ["soon", "7", "7x", "-3d", ""] {
        let run = standard().run(&["--today", T, "due", "--within", bad]);
        assert_eq!(
            run.code, 2,
            "--within {bad:?} gave {}: {}",
            run.code, run.stdout
        );
    }
}

#[test]
fn json_ignores_within() {
    let run = standard().run(&["--today", T, "due", "--json", "--within", "1d"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(
        json["actions"].as_array().map(Vec::len),
        Some(5),
        "every open action whatever its date: {json}"
    );
}

#[test]
fn nothing_owed_exits_zero_without_actions() {
    let repo = tasks(&[("2027-06-01", "Distant reminder")]);
    let run = due_text(&repo, T, &[]);
    assert!(!run.stdout.contains("Distant reminder"), "{}", run.stdout);
    let run = due_text(&Repo::new(), T, &[]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn today_flag_beats_goodwill_today() {
    let repo = standard();
    let output = repo
        .command(&["--today", T, "due", "--json"])
        .env("GOODWILL_TODAY", "2026-01-01")
        .output()
        .expect("run goodwill");
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["today"], T);
    let states: Vec<&str> = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["state"].as_str())
        .collect();
    assert_eq!(
        states,
        ["overdue", "due", "upcoming", "upcoming", "upcoming"]
    );
}

#[test]
fn goodwill_today_is_used_without_flag() {
    let repo = standard();
    let output = repo
        .command(&["due", "--json"])
        .env("GOODWILL_TODAY", "2026-11-29")
        .output()
        .expect("run goodwill");
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["today"], "2026-11-29");
    let states: Vec<&str> = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["state"].as_str())
        .collect();
    assert_eq!(
        states,
        ["overdue", "overdue", "due", "upcoming", "upcoming"]
    );
}

#[test]
fn goodwill_today_also_drives_the_text_report() {
    let repo = standard();
    let output = repo
        .command(&["due"])
        .env("GOODWILL_TODAY", "2026-11-28")
        .output()
        .expect("run goodwill");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    // 2026-11-28 + 7d = 2026-12-05: the far-away note (2026-11-30) is now coming up.
    assert!(stdout.contains("Write the far-away note"), "{stdout}");
}

#[test]
fn local_date_without_flag_or_variable() {
    let before = chrono::Local::now().date_naive().to_string();
    let run = Repo::new().run(&["due", "--json"]);
    let after = chrono::Local::now().date_naive().to_string();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let today = run.json()["today"].as_str().unwrap_or("").to_owned();
    assert!(today == before || today == after, "{today} is not {before}");
}

#[test]
fn empty_goodwill_today_means_the_local_date() {
    let before = chrono::Local::now().date_naive().to_string();
    let repo = Repo::new();
    let output = repo
        .command(&["due", "--json"])
        .env("GOODWILL_TODAY", "")
        .output()
        .expect("run goodwill");
    let after = chrono::Local::now().date_naive().to_string();
    // An empty variable is the same as no variable; an error would also be defensible,
    // so only a successful run is checked.
    if output.status.code() == Some(0) {
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let today = json["today"].as_str().unwrap_or("").to_owned();
        assert!(today == before || today == after, "{today}");
    } else {
        assert_eq!(output.status.code(), Some(2));
    }
}

#[test]
fn invalid_today_flag_is_a_usage_error() {
    for bad in ["2026-02-30", "22.11.2026", "tomorrow"] {
        let run = Repo::new().run(&["--today", bad, "due"]);
        assert_eq!(run.code, 2, "--today {bad}: {}", run.stdout);
        assert!(!run.stderr.is_empty());
    }
}

#[test]
fn invalid_goodwill_today_is_an_error() {
    let repo = Repo::new();
    let output = repo
        .command(&["due", "--json"])
        .env("GOODWILL_TODAY", "2026-13-01")
        .output()
        .expect("run goodwill");
    assert_eq!(output.status.code(), Some(2));
    assert!(!output.stderr.is_empty());
}

#[test]
fn invalid_goodwill_today_is_ignored_when_flag_given() {
    let repo = Repo::new();
    let output = repo
        .command(&["--today", T, "due", "--json"])
        .env("GOODWILL_TODAY", "not-a-date")
        .output()
        .expect("run goodwill");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn text_report_with_broken_file_still_lists_and_reports_on_stderr() {
    let repo = standard();
    repo.contact("broken", "name: Broken\nstatus: [", "");
    let run = repo.run(&["--today", T, "due"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Return the overdue book"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("contacts/broken.md:") && run.stderr.contains("error:"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("contacts/broken.md"), "{}", run.stdout);
}

#[test]
fn json_report_with_broken_file_lists_it_in_diagnostics() {
    let repo = standard();
    repo.contact("broken", "name: Broken\nstatus: [", "");
    let run = repo.run(&["--today", T, "due", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["actions"].as_array().map(Vec::len), Some(5));
    assert!(
        json["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .any(|d| d["file"] == "contacts/broken.md" && d["severity"] == "error"),
        "{json}"
    );
}

#[test]
fn due_without_repository_is_fatal() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = std::process::Command::new(crate::support::binary())
        .env_remove("GOODWILL_TODAY")
        .current_dir(dir.path())
        .args(["--today", T, "due"])
        .output()
        .expect("run goodwill");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn root_is_found_from_a_sub_folder() {
    let repo = standard();
    let mut command = std::process::Command::new(crate::support::binary());
    let output = command
        .env_remove("GOODWILL_TODAY")
        .current_dir(repo.path().join("contacts"))
        .args(["--today", T, "due", "--json"])
        .output()
        .expect("run goodwill");
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["actions"].as_array().map(Vec::len), Some(5));
}

/// The README promises that the example repository fires every rule and every caution on
/// 2026-11-22, with no diagnostics.
#[test]
fn example_repository_fires_every_rule_and_caution() {
    let output = std::process::Command::new(crate::support::binary())
        .args([
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--today",
            "2026-11-22",
            "due",
            "--json",
        ])
        .env_remove("GOODWILL_TODAY")
        .output()
        .expect("run goodwill");
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(
        json["diagnostics"].as_array().map(Vec::len),
        Some(0),
        "{:#}",
        json["diagnostics"]
    );
    let rules: std::collections::BTreeSet<&str> = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["rule"].as_str())
        .collect();
    for rule in all_rules() {
        assert!(rules.contains(rule), "the example fires no `{rule}`");
    }
    let cautions: std::collections::BTreeSet<&str> = json["cautions"]
        .as_array()
        .expect("cautions")
        .iter()
        .filter_map(|c| c["rule"].as_str())
        .collect();
    assert_eq!(
        cautions,
        ["reference-overuse", "repeat-follow-up", "too-soon"]
            .into_iter()
            .collect()
    );
}

#[test]
fn json_mode_still_prints_diagnostics_to_stderr() {
    let repo = Repo::new();
    repo.contact("bad", "name: Bad\nrelationship: boss", "");
    let run = repo.run(&["--today", "2026-11-22", "due", "--json"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("contacts/bad.md:3: error:"),
        "{}",
        run.stderr
    );
    assert_eq!(run.json()["diagnostics"].as_array().map(Vec::len), Some(1));
}

#[test]
fn escape_sequences_in_names_never_reach_the_terminal() {
    let repo = Repo::new();
    repo.contact(
        "evil",
        "name: \"Evil\\e[31mRed\\a Name\"\nemail: e@example.com",
        "## Log\n- 2025-01-01 Lunch\n",
    );
    let run = repo.run(&["--today", "2026-11-22", "due", "--within", "1y"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Check in with Evil"), "{}", run.stdout);
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'),
        "{:?}",
        run.stdout
    );
}

#[test]
fn the_binarys_due_json_is_the_in_process_one() {
    // The rules' tests read `due --json` in-process (`Repo::due_json`); the binary must
    // print exactly that, here on the example repository, diagnostics and all.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = std::process::Command::new(crate::support::binary())
        .env_remove("GOODWILL_TODAY")
        .args([
            "--root",
            &root.display().to_string(),
            "--today",
            "2026-11-22",
        ])
        .args(["due", "--json"])
        .output()
        .expect("run goodwill");
    assert_eq!(output.status.code(), Some(0));
    let printed = String::from_utf8(output.stdout).expect("utf-8");
    let today = "2026-11-22".parse().expect("date");
    assert_eq!(printed, goodwill::due_json_at(root, today) + "\n");
    // And on a repository with a broken file, whose diagnostics the object holds.
    let repo = Repo::new();
    repo.contact("bob", "name: [", "");
    let run = repo.run(&["--today", "2026-11-22", "due", "--json"]);
    assert_eq!(run.stdout, goodwill::due_json_at(repo.path(), today) + "\n");
}
