//! Integration tests for the hard cases: concurrent writers, closed and full stdout,
//! hostile settings files, long names, kills in the middle of a command, leftovers.

use crate::support::{Repo, binary};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

const PAT: &str = "---\nname: Pat Example\nemail: pat@example.com\n---\nNotes about Pat.\n\n## Log\n- 2026-01-01 Met at a meetup\n";

/// What the editor-style writer saw: its saves, and lines its saves replaced unread.
#[derive(Default)]
struct EditorLog {
    saved: Vec<String>,
    clobbered: Vec<String>,
}

/// An editor saving `path` the way most do (write a temporary file, rename it over), and
/// carefully: it compares the file with what it loaded just before it saves, and loads
/// again if it changed. It swaps instead of renaming only to see what its save replaced
/// (a plain rename would have replaced the same file), so the test can tell a goodwill
/// entry the editor itself wrote over from one goodwill lost.
#[cfg(target_os = "linux")]
fn editor(path: &Path, saves: usize, log: &Mutex<EditorLog>) {
    let temp = path.with_file_name(".pat.md.editor-save");
    for save in 0..saves {
        let line = format!("Editor note {save}.");
        loop {
            let loaded = fs::read_to_string(path).expect("editor reads");
            let edited = loaded.replacen(
                "Notes about Pat.\n",
                &format!("Notes about Pat.\n{line}\n"),
                1,
            );
            fs::write(&temp, &edited).expect("editor writes its temporary file");
            if fs::read_to_string(path).expect("editor compares") != loaded {
                continue;
            }
            goodwill::write::exchange::exchange(&temp, path).expect("editor saves");
            let replaced = fs::read_to_string(&temp).expect("editor looks back");
            fs::remove_file(&temp).expect("editor cleans up");
            let mut log = log.lock().expect("log");
            if replaced != loaded {
                log.clobbered.extend(
                    replaced
                        .lines()
                        .filter(|l| !edited.contains(l))
                        .map(str::to_owned),
                );
            }
            log.saved.push(line);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(3));
    }
}

#[test]
#[cfg(target_os = "linux")]
fn concurrent_writers_lose_nothing() {
    let repo = Repo::new();
    repo.file("contacts/pat.md", PAT);
    let path = repo.path().join("contacts/pat.md");
    let (writers, entries) = (4, 15);
    let results: Arc<Mutex<Vec<(String, bool, String)>>> = Arc::default();
    let editor_log = Arc::new(Mutex::new(EditorLog::default()));
    std::thread::scope(|scope| {
        for writer in 0..writers {
            let results = Arc::clone(&results);
            let root = repo.path().to_path_buf();
            scope.spawn(move || {
                for n in 0..entries {
                    let text = format!("Writer {writer} entry {n}");
                    let output = Command::new(binary())
                        .arg("--root")
                        .arg(&root)
                        .args(["--today", "2026-11-22", "log", "pat", &text])
                        .output()
                        .expect("run goodwill");
                    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
                    assert_ne!(output.status.code(), Some(101), "panicked: {stderr}");
                    let ok = output.status.success();
                    results.lock().expect("results").push((text, ok, stderr));
                }
            });
        }
        let editor_log = Arc::clone(&editor_log);
        let path = path.clone();
        scope.spawn(move || editor(&path, 20, &editor_log));
    });
    let text = fs::read_to_string(&path).expect("read");
    let results = results.lock().expect("results");
    let editor_log = editor_log.lock().expect("editor log");
    let refused: Vec<_> = results.iter().filter(|(_, ok, _)| !ok).collect();
    for (entry, ok, _) in results.iter() {
        if *ok {
            let line = format!("- 2026-11-22 {entry}");
            assert!(
                text.lines().any(|l| l == line) || editor_log.clobbered.contains(&line),
                "`{entry}` reported success and is missing:\n{text}"
            );
        }
    }
    for line in &editor_log.saved {
        assert!(
            text.contains(line.as_str()),
            "the editor's `{line}` was lost:\n{text}"
        );
    }
    assert_eq!(editor_log.saved.len(), 20);
    assert!(
        refused.len() * 20 <= results.len(),
        "{} of {} refused: {:?}",
        refused.len(),
        results.len(),
        refused.first()
    );
    for (_, _, stderr) in refused {
        assert!(stderr.contains("changed on disk"), "{stderr}");
    }
    assert_eq!(
        text.matches("- 2026-11-22 Writer").count(),
        results.iter().filter(|(_, ok, _)| *ok).count()
            - editor_log
                .clobbered
                .iter()
                .filter(|l| l.contains("Writer"))
                .count(),
        "each entry once:\n{text}"
    );
    let leftovers: Vec<_> = fs::read_dir(repo.path().join("contacts"))
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(leftovers, ["pat.md"], "no temporary files left");
    let check = repo.run(&["--today", "2026-11-22", "check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}
