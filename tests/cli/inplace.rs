//! Integration tests: programs that write a contact file in place (`>>`, an editor that
//! saves in place, in two halves) while `log` writes it. Nothing either of them wrote may
//! be lost.

use crate::support::{Repo, binary};
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const PAT: &str = "---\nname: Pat Example\nemail: pat@example.com\n---\nNotes about Pat.\n\n## Log\n- 2026-01-01 Met at a meetup\n";

/// Runs `goodwill log pat TEXT` in `root`: whether it reported success, and its stderr.
fn log(root: &Path, text: &str) -> (bool, String) {
    let output = Command::new(binary())
        .arg("--root")
        .arg(root)
        .args(["--today", "2026-11-22", "log", "pat", text])
        .output()
        .expect("run goodwill");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_ne!(output.status.code(), Some(101), "panicked: {stderr}");
    (output.status.success(), stderr)
}

/// Runs `log` `runs` times while `other` writes the file on another thread, until `log`
/// is done: the entries `log` reported written.
fn log_while(root: &Path, runs: usize, other: impl FnOnce(&AtomicBool) + Send) -> Vec<String> {
    let stop = AtomicBool::new(false);
    let mut written = Vec::new();
    std::thread::scope(|scope| {
        scope.spawn(|| other(&stop));
        for n in 0..runs {
            let text = format!("Logged entry {n}");
            let (ok, stderr) = log(root, &text);
            if ok {
                written.push(format!("- 2026-11-22 {text}"));
            } else {
                // A refusal writes nothing: the file kept changing, or `log` read it in
                // the instant an editor had truncated it (no front matter yet).
                assert!(
                    stderr.contains("changed on disk") || stderr.contains("cannot add to"),
                    "{stderr}"
                );
            }
        }
        stop.store(true, Ordering::Relaxed);
    });
    written
}

#[test]
fn an_appender_loses_nothing_to_log() {
    let repo = Repo::new();
    repo.file("contacts/pat.md", PAT);
    let path = repo.path().join("contacts/pat.md");
    let mut appended = Vec::new();
    let written = log_while(repo.path(), 15, |stop| {
        // A script appending log lines with `>>`: open, write, close.
        for n in 0..3000 {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let line = format!("- 2026-11-20 Appended line {n}\n");
            let mut file = OpenOptions::new()
                .append(true)
                .open(&path)
                .expect("open for appending");
            file.write_all(line.as_bytes()).expect("append");
            drop(file);
            appended.push(line);
            std::thread::sleep(Duration::from_millis(1));
        }
    });
    let text = fs::read_to_string(&path).expect("read");
    let lost: Vec<_> = appended
        .iter()
        .filter(|line| text.matches(line.as_str()).count() != 1)
        .collect();
    let lost_bytes: usize = lost.iter().map(|line| line.len()).sum();
    assert_eq!(
        lost_bytes,
        0,
        "{} appended lines lost: {lost:?}",
        lost.len()
    );
    for entry in &written {
        let copies = text.lines().filter(|line| line == entry).count();
        assert_eq!(copies, 1, "{entry}:\n{text}");
    }
    assert!(written.len() * 2 >= 15, "{} of 15 written", written.len());
    assert!(!appended.is_empty());
    let check = repo.run(&["--today", "2026-11-22", "check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn an_editor_saving_in_place_in_two_halves_loses_nothing_to_log() {
    let repo = Repo::new();
    repo.file("contacts/pat.md", PAT);
    let path = repo.path().join("contacts/pat.md");
    let mut notes = Vec::new();
    log_while(repo.path(), 15, |stop| {
        // An editor that saves in place (as nano does), writing its text in two halves.
        for n in 0..500 {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let loaded = fs::read_to_string(&path).expect("editor reads");
            let note = format!("Editor note {n}.");
            let edited = loaded.replacen(
                "Notes about Pat.\n",
                &format!("Notes about Pat.\n{note}\n"),
                1,
            );
            let mut file = OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(&path)
                .expect("editor opens");
            let half = edited.len() / 2;
            file.write_all(&edited.as_bytes()[..half])
                .expect("first half");
            std::thread::sleep(Duration::from_millis(2));
            file.write_all(&edited.as_bytes()[half..])
                .expect("second half");
            drop(file);
            notes.push(note);
            std::thread::sleep(Duration::from_millis(3));
        }
    });
    let text = fs::read_to_string(&path).expect("read");
    // Each save holds the notes of the saves before it: the last holds them all, unless
    // `log` replaced bytes it did not read.
    for note in &notes {
        let copies = text.lines().filter(|line| line == note).count();
        assert_eq!(copies, 1, "{note} lost:\n{text}");
    }
    assert!(!notes.is_empty());
    assert!(text.ends_with('\n') && text.contains("\n## Log\n- 2026-01-01 Met at a meetup\n"));
    let check = repo.run(&["--today", "2026-11-22", "check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}
