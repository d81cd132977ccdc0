//! Integration tests for the hard cases: concurrent writers, closed and full stdout,
//! hostile settings files, long names, kills in the middle of a command, leftovers.

use crate::support::{Repo, binary};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
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
            goodwill::exchange(&temp, path).expect("editor saves");
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

/// How a run of `goodwill` with its stdout closed or full ended.
struct Ended {
    code: Option<i32>,
    stderr: String,
}

/// Runs `goodwill ARGS…` in `dir` with stdout going to `stdout`.
fn run_with_stdout(dir: &Path, args: &[&str], stdout: Stdio) -> Ended {
    let output = Command::new(binary())
        .current_dir(dir)
        .env("GOODWILL_TODAY", "2026-11-22")
        .args(args)
        .stdout(stdout)
        .output()
        .expect("run goodwill");
    Ended {
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A pipe whose reader is already gone, as in `goodwill … | true`.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    Stdio::from(writer)
}

/// `/dev/full`: every write fails with "no space left on device".
#[cfg(target_os = "linux")]
fn full() -> Stdio {
    Stdio::from(
        fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full"),
    )
}

fn check_passes(root: &Path) {
    let run = Command::new(binary())
        .arg("--root")
        .arg(root)
        .args(["--today", "2026-11-22", "check"])
        .output()
        .expect("check");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(" 0 errors, "), "{stderr}");
    // A new repository has no owner or resume yet: `check` says so, and nothing else.
    for line in stderr.lines().filter(|l| l.contains("warning:")) {
        assert!(
            line.starts_with("goodwill.toml: warning: owner is empty")
                || line.starts_with("goodwill.toml: warning: resume is empty"),
            "{stderr}"
        );
    }
}

#[test]
fn init_into_a_closed_pipe_makes_the_whole_repository() {
    let dir = tempfile::tempdir().expect("temp");
    let ended = run_with_stdout(dir.path(), &["init", "crm"], closed_pipe());
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    assert_eq!(ended.stderr, "");
    let crm = dir.path().join("crm");
    for part in [
        "goodwill.toml",
        ".gitignore",
        "contacts/sam-rivera.md",
        "applications/example-corp-backend-engineer.md",
    ] {
        assert!(crm.join(part).is_file(), "{part} missing");
    }
    check_passes(&crm);
    let names: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["crm"], "no staging folder left");
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_stdout_is_an_error_after_the_work() {
    let repo = Repo::new();
    repo.file("contacts/pat.md", PAT);
    let root = repo.path().display().to_string();
    let ended = run_with_stdout(
        repo.path(),
        &["--root", &root, "log", "pat", "Called #thanks"],
        full(),
    );
    assert_eq!(ended.code, Some(2), "{}", ended.stderr);
    assert_eq!(
        ended.stderr,
        "goodwill: error: the entry was written to `contacts/pat.md`, but cannot write to stdout: No space left on device (os error 28)\n"
    );
    let text = fs::read_to_string(repo.path().join("contacts/pat.md")).expect("read");
    assert_eq!(
        text.matches("Called #thanks").count(),
        1,
        "written once:\n{text}"
    );
    for args in [
        vec!["build"],
        vec!["due"],
        vec!["due", "--json"],
        vec!["new", "contact", "Robin Example"],
    ] {
        let mut all = vec!["--root", root.as_str()];
        all.extend(&args);
        let ended = run_with_stdout(repo.path(), &all, full());
        assert_eq!(ended.code, Some(2), "{args:?}: {}", ended.stderr);
        assert!(
            ended.stderr.contains("cannot write to stdout"),
            "{args:?}: {}",
            ended.stderr
        );
    }
    assert!(repo.path().join("public/index.html").is_file());
    assert!(repo.path().join("contacts/robin-example.md").is_file());
    let dir = tempfile::tempdir().expect("temp");
    let ended = run_with_stdout(dir.path(), &["init", "crm"], full());
    assert_eq!(ended.code, Some(2), "{}", ended.stderr);
    check_passes(&dir.path().join("crm"));
    for args in [
        &["--help"][..],
        &["--version"],
        &["completions", "bash"],
        &["man"],
    ] {
        let ended = run_with_stdout(dir.path(), args, full());
        assert_eq!(ended.code, Some(2), "{args:?}: {}", ended.stderr);
        assert!(
            ended.stderr.contains("cannot write to stdout"),
            "{args:?}: {}",
            ended.stderr
        );
        let ended = run_with_stdout(dir.path(), args, closed_pipe());
        assert_eq!(ended.code, Some(0), "{args:?}: {}", ended.stderr);
    }
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let repo = Repo::new();
    repo.file("contacts/pat.md", PAT);
    repo.file(
        "people.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Robin Example\nEMAIL:robin@example.com\nEND:VCARD\n",
    );
    let root = repo.path().display().to_string();
    for args in [
        vec!["log", "pat", "Called #thanks"],
        vec!["build"],
        vec!["due"],
        vec!["due", "--json"],
        vec!["check"],
        vec!["new", "contact", "Kim Example"],
        vec!["import", "vcard", "people.vcf"],
    ] {
        let mut all = vec!["--root", root.as_str()];
        all.extend(&args);
        let ended = run_with_stdout(repo.path(), &all, closed_pipe());
        assert_eq!(ended.code, Some(0), "{args:?}: {}", ended.stderr);
        assert!(
            !ended.stderr.contains("panicked"),
            "{args:?}: {}",
            ended.stderr
        );
    }
    assert!(repo.path().join("public/index.html").is_file());
    assert!(repo.path().join("contacts/kim-example.md").is_file());
    assert!(repo.path().join("contacts/robin-example.md").is_file());
    let text = fs::read_to_string(repo.path().join("contacts/pat.md")).expect("read");
    assert_eq!(text.matches("Called #thanks").count(), 1);
}

/// Starts `goodwill ARGS…` in `dir` and kills it with SIGKILL after `delay`.
#[cfg(unix)]
fn kill_after(dir: &Path, args: &[&str], delay: std::time::Duration) {
    let mut child = Command::new(binary())
        .current_dir(dir)
        .env("GOODWILL_TODAY", "2026-11-22")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
#[cfg(unix)]
fn a_killed_init_leaves_a_whole_repository_or_none() {
    let dir = tempfile::tempdir().expect("temp");
    // Kills spread over how long a whole `init` takes here (git, and a flush of each file).
    let started = std::time::Instant::now();
    let ended = run_with_stdout(dir.path(), &["init", "timed"], Stdio::null());
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    let span = started.elapsed().as_micros() as u64 * 5 / 4;
    let (mut whole, mut none) = (0, 0);
    for step in 0..24u64 {
        let name = format!("crm{step}");
        kill_after(
            dir.path(),
            &["init", &name],
            std::time::Duration::from_micros(span * step / 23),
        );
        let crm = dir.path().join(&name);
        if crm.exists() {
            check_passes(&crm);
            assert!(
                crm.join(".gitignore").is_file() && crm.join("contacts/sam-rivera.md").is_file()
            );
            whole += 1;
        } else {
            none += 1;
            // The next `init` works, and removes what the killed one left.
            let ended = run_with_stdout(dir.path(), &["init", &name], Stdio::null());
            assert_eq!(ended.code, Some(0), "{}", ended.stderr);
            check_passes(&crm);
        }
    }
    // A kill of the last run can leave its staging folder (a kill lands at any moment,
    // and a loaded machine stretches every step): the next `init` removes it.
    let ended = run_with_stdout(dir.path(), &["init", "last"], Stdio::null());
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    let left: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "staging folders left: {left:?}");
    assert_eq!(whole + none, 24);
    assert!(none > 0, "{whole} whole, {none} none: the kills missed");
}

/// Runs `goodwill --root ROOT ARGS…`, failing the test if it takes more than 10 seconds.
fn run_bounded(root: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(binary())
        .arg("--root")
        .arg(root)
        .args(["--today", "2026-11-22"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut stderr = String::new();
            use std::io::Read;
            if let Some(mut pipe) = child.stderr.take() {
                let _ = pipe.read_to_string(&mut stderr);
            }
            return (status.code().unwrap_or(-1), stderr);
        }
        if started.elapsed() > std::time::Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`goodwill {args:?}` still running after 10 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
#[cfg(unix)]
fn hostile_settings_files_are_errors_within_seconds() {
    type Make<'a> = &'a dyn Fn(&Path);
    let cases: [(&str, Make, &str); 5] = [
        (
            "fifo",
            &|path| {
                let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
                assert!(status.success());
            },
            "goodwill.toml: error: not a regular file (a folder, FIFO or device): goodwill reads only plain files",
        ),
        (
            "/dev/zero",
            &|path| std::os::unix::fs::symlink("/dev/zero", path).expect("symlink"),
            "goodwill.toml: error: not a regular file",
        ),
        (
            "sparse 500 MB",
            &|path| {
                let file = fs::File::create(path).expect("create");
                file.set_len(500 * 1024 * 1024).expect("sparse");
            },
            "goodwill.toml: error: file is 524288000 bytes, over the limit of 1 MiB",
        ),
        (
            "folder",
            &|path| fs::create_dir(path).expect("mkdir"),
            "goodwill.toml: error: not a regular file",
        ),
        (
            "not UTF-8",
            &|path| fs::write(path, b"owner = \"A\"\nresume = \"\xff\"\n").expect("write"),
            "goodwill.toml:2: error: file is not valid UTF-8: save it as UTF-8",
        ),
    ];
    for (what, make, expected) in cases {
        let repo = Repo::new();
        repo.file("contacts/pat.md", PAT);
        make(&repo.path().join("goodwill.toml"));
        for command in [&["check"][..], &["due"], &["build"]] {
            let (code, stderr) = run_bounded(repo.path(), command);
            assert!(stderr.contains(expected), "{what}, {command:?}: {stderr}");
            let expected_code = if command == ["check"] { 1 } else { 0 };
            assert_eq!(code, expected_code, "{what}, {command:?}: {stderr}");
        }
    }
}

/// The hidden names beside the dashboard, once any detached clean-up has finished.
fn hidden_beside(root: &Path) -> Vec<String> {
    let list = || -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(root)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".public"))
            .collect();
        names.sort();
        names
    };
    for _ in 0..250 {
        if list().len() <= 1 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    list()
}

#[test]
#[cfg(unix)]
fn a_killed_build_always_leaves_a_dashboard() {
    let repo = Repo::new();
    for n in 0..40 {
        repo.contact(
            &format!("person-{n}"),
            &format!("name: Person {n}\nemail: p{n}@example.com"),
            "## Log\n- 2026-10-01 Met #interview\n",
        );
    }
    let root = repo.path().display().to_string();
    let first = run_with_stdout(repo.path(), &["--root", &root, "build"], Stdio::null());
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    // A reader looking all the while never finds the dashboard missing.
    let out = repo.path().join("public");
    let stop = std::sync::atomic::AtomicBool::new(false);
    let missing = std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            let mut missing = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if !out.join("index.html").is_file() {
                    missing += 1;
                }
            }
            missing
        });
        for step in 0..30u64 {
            kill_after(
                repo.path(),
                &["--root", &root, "build"],
                std::time::Duration::from_micros(step * 1500),
            );
            assert!(
                out.join("index.html").is_file() && out.join(".goodwill-dashboard").is_file(),
                "no dashboard after a kill at {} ms",
                step * 3 / 2
            );
        }
        for _ in 0..10 {
            let ended = run_with_stdout(repo.path(), &["--root", &root, "build"], Stdio::null());
            assert_eq!(ended.code, Some(0), "{}", ended.stderr);
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        watcher.join().expect("watcher")
    });
    assert_eq!(missing, 0, "the dashboard was missing {missing} times");
    let last = run_with_stdout(repo.path(), &["--root", &root, "build"], Stdio::null());
    assert_eq!(last.code, Some(0), "{}", last.stderr);
    assert_eq!(hidden_beside(repo.path()), [".public.goodwill-spare"]);
}

#[test]
fn check_and_build_agree_on_long_names() {
    let repo = Repo::new();
    // `a…a.md` is 253 bytes, its page `a…a.html` 255; one more and the page cannot be.
    let longest = "a".repeat(MAX_OK);
    let too_long = "b".repeat(MAX_OK + 1);
    repo.contact(&longest, "name: Long Name\nemail: long@example.com", "");
    repo.contact(&too_long, "name: Too Long\nemail: too@example.com", "");
    // 153 bytes, but a longer id: each `中` (three bytes) becomes `zhong-`.
    repo.contact(
        &"中".repeat(50),
        "name: Grows\nemail: grows@example.com",
        "",
    );
    let check = repo.run(&["--today", "2026-11-22", "check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let long_error = format!(
        "contacts/{too_long}.md: error: the id made from this file name is 251 bytes long, more than the 250 a page name can hold: rename the file to something shorter"
    );
    assert!(check.stderr.contains(&long_error), "{}", check.stderr);
    assert!(check.stderr.contains(" 2 errors"), "{}", check.stderr);
    assert!(
        !check.stderr.contains(&format!("contacts/{longest}.md")),
        "{}",
        check.stderr
    );
    let build = repo.run(&["--today", "2026-11-22", "build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        repo.path()
            .join(format!("public/contacts/{longest}.html"))
            .is_file()
    );
}

/// The longest id whose page `ID.html` still fits a file name.
const MAX_OK: usize = 250;

#[test]
#[cfg(unix)]
fn the_walk_stays_inside_the_repository() {
    use std::os::unix::fs::symlink;
    // `contacts` itself linked to `/`: one error, at once, not a walk of the file system.
    let repo = Repo::new();
    fs::remove_dir(repo.path().join("contacts")).expect("rmdir");
    symlink("/", repo.path().join("contacts")).expect("symlink");
    let (code, stderr) = run_bounded(repo.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("contacts: error: this folder links to `/`, outside the repository: goodwill follows folder links only inside it, skipped\n"),
        "{stderr}"
    );
    assert!(stderr.contains(" 1 errors"), "{stderr}");

    let repo = Repo::new();
    let outside = tempfile::tempdir().expect("temp");
    fs::write(
        outside.path().join("stranger.md"),
        "---\nname: Stranger\n---\n",
    )
    .expect("write");
    repo.contact("pat", "name: Pat\nemail: pat@example.com", "");
    repo.file(
        "shared/team/kim.md",
        "---\nname: Kim\nemail: kim@example.com\n---\n",
    );
    symlink(outside.path(), repo.path().join("contacts/elsewhere")).expect("symlink");
    symlink("../shared/team", repo.path().join("contacts/team")).expect("symlink");
    // A loop, and a second link to a folder already walked.
    symlink("..", repo.path().join("shared/team/up")).expect("symlink");
    symlink("team", repo.path().join("contacts/team-again")).expect("symlink");
    let (code, stderr) = run_bounded(repo.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines.contains(&format!(
            "contacts/elsewhere: error: this folder links to `{}`, outside the repository: goodwill follows folder links only inside it, skipped",
            fs::canonicalize(outside.path()).expect("real").display()
        ).as_str()),
        "{stderr}"
    );
    assert!(
        lines.contains(&"contacts/team-again: error: this folder links to `shared/team`, which is walked already (a loop, or a second link to it): skipped"),
        "{stderr}"
    );
    // `shared/team/up` is `shared`, inside the root and not walked yet: followed, and
    // its `team` is then the loop, reported once.
    assert_eq!(
        stderr.matches("which is walked already").count(),
        2,
        "{stderr}"
    );
    assert!(
        stderr.contains("checked 2 contacts"),
        "kim is read through the link: {stderr}"
    );
    assert!(!stderr.contains("stranger"), "{stderr}");
}

#[test]
fn a_log_heading_in_a_code_fence_is_not_the_log() {
    let repo = Repo::new();
    repo.contact(
        "pat",
        "name: Pat\nemail: pat@example.com",
        "How I write my logs:\n\n```markdown\n## Log\n- 2026-01-01 an example, not an entry\n```\n\nMore notes after the fence.\n\n## Log\n- 2026-10-01 Met at a meetup\n",
    );
    let build = repo.run(&["--today", "2026-11-22", "build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = fs::read_to_string(repo.path().join("public/contacts/pat.html")).expect("page");
    assert!(
        page.contains("More notes after the fence."),
        "notes cut at the fence"
    );
    assert!(
        page.contains("an example, not an entry"),
        "the fence is part of the notes"
    );
    assert_eq!(
        page.matches("Met at a meetup").count(),
        1,
        "the log is not in the notes"
    );
    let json = repo.due_json("2026-11-22");
    assert_eq!(
        json["diagnostics"].as_array().map(Vec::len),
        Some(0),
        "{json}"
    );
}

#[test]
fn files_in_site_template_that_are_not_templates_are_copied() {
    let repo = Repo::new();
    repo.contact("pat", "name: Pat\nemail: pat@example.com", "");
    // The first bytes of a PNG image, and of a font, which are not UTF-8.
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe";
    let font: &[u8] = b"wOF2\0\x01\0\0\xc3\x28";
    fs::create_dir_all(repo.path().join("site-template/img")).expect("mkdir");
    fs::write(repo.path().join("site-template/logo.png"), png).expect("write");
    fs::write(repo.path().join("site-template/img/font.woff2"), font).expect("write");
    fs::write(
        repo.path().join("site-template/extra.css"),
        "body { color: #222; }\n",
    )
    .expect("write");
    fs::write(repo.path().join("site-template/.hidden.png"), png).expect("write");
    let build = repo.run(&["--today", "2026-11-22", "build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let public = repo.path().join("public");
    assert_eq!(fs::read(public.join("logo.png")).expect("logo"), png);
    assert_eq!(fs::read(public.join("img/font.woff2")).expect("font"), font);
    assert_eq!(
        fs::read_to_string(public.join("extra.css")).expect("css"),
        "body { color: #222; }\n"
    );
    assert!(!public.join(".hidden.png").exists());
    // A second build keeps them (the recycled folder's manifest lists them).
    let again = repo.run(&["--today", "2026-11-22", "build"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(fs::read(public.join("logo.png")).expect("logo"), png);
    // One that would replace the dashboard's own files is refused, and nothing changes.
    fs::write(
        repo.path().join("site-template/calendar.ics"),
        "BEGIN:VCALENDAR\n",
    )
    .expect("write");
    let refused = repo.run(&["--today", "2026-11-22", "build"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(
            "`site-template/calendar.ics` would replace the dashboard's own `calendar.ics`"
        ),
        "{}",
        refused.stderr
    );
    assert!(public.join("logo.png").is_file());
}

#[test]
fn completions_and_the_manual_page() {
    let dir = tempfile::tempdir().expect("temp");
    let run = |args: &[&str]| {
        let output = Command::new(binary())
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("run");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let (code, bash) = run(&["completions", "bash"]);
    assert_eq!(code, Some(0));
    assert!(
        bash.contains("_goodwill()") && bash.contains("complete -F _goodwill"),
        "{bash}"
    );
    for sub in [
        "init",
        "build",
        "due",
        "check",
        "log",
        "import",
        "completions",
    ] {
        assert!(bash.contains(sub), "bash completion lacks `{sub}`");
    }
    assert!(
        !bash.contains("goodwill__man"),
        "the hidden `man` is not offered"
    );
    for (shell, mark) in [
        ("zsh", "#compdef goodwill"),
        ("fish", "complete -c goodwill"),
        ("elvish", "edit:completion:arg-completer[goodwill]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, script) = run(&["completions", shell]);
        assert_eq!(code, Some(0), "{shell}");
        assert!(script.contains(mark), "{shell}: {script}");
    }
    let (code, _) = run(&["completions", "tcsh"]);
    assert_eq!(code, Some(2));
    let (code, man) = run(&["man"]);
    assert_eq!(code, Some(0));
    assert!(man.contains(".TH goodwill 1"), "{man}");
    assert!(man.contains("\\-\\-root"), "{man}");
}

#[test]
#[cfg(unix)]
fn a_killed_import_leaves_whole_files_and_the_next_run_cleans_up() {
    let repo = Repo::new();
    let mut cards = String::new();
    for n in 0..300 {
        cards.push_str(&format!(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Person Number{n}\nEMAIL:person{n}@example.com\nEND:VCARD\n"
        ));
    }
    repo.file("people.vcf", &cards);
    // What a run killed between writing and renaming leaves, whatever its process id.
    let leftover = repo.path().join("contacts/.someone.md.4242-0.goodwill-tmp");
    fs::write(&leftover, "---\nname: Some").expect("write");
    let root = repo.path().display().to_string();
    for step in 1..6u64 {
        kill_after(
            repo.path(),
            &["--root", &root, "import", "vcard", "people.vcf"],
            std::time::Duration::from_millis(step * 15),
        );
        // Every file under its real name is whole.
        check_passes(repo.path());
    }
    let ended = run_with_stdout(
        repo.path(),
        &["--root", &root, "import", "vcard", "people.vcf"],
        Stdio::null(),
    );
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    check_passes(repo.path());
    let names: Vec<String> = fs::read_dir(repo.path().join("contacts"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 300, "each person once");
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".md") && !n.starts_with('.')),
        "{names:?}"
    );
}

#[test]
#[cfg(unix)]
fn log_removes_what_killed_writers_left_but_not_live_temporary_files() {
    let repo = Repo::new();
    repo.file("contacts/pat.md", PAT);
    let dead = repo.path().join("contacts/.pat.md.1-0.goodwill-tmp");
    fs::write(&dead, "half").expect("write");
    // A writer that is alive holds a lock on its temporary file.
    let live = repo.path().join("contacts/.pat.md.2-0.goodwill-tmp");
    let held = fs::File::create(&live).expect("create");
    held.lock().expect("lock");
    let run = repo.run(&["--today", "2026-11-22", "log", "pat", "Called"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!dead.exists(), "the dead run's file is removed");
    assert!(live.exists(), "the live writer's file is kept");
}

#[test]
#[cfg(unix)]
fn a_template_that_is_a_fifo_hangs_nothing_and_one_that_never_ends_fails_naming_it() {
    let repo = Repo::new();
    repo.file("contacts/pat.md", PAT);
    fs::create_dir_all(repo.path().join("site-template")).expect("mkdir");
    let fifo = repo.path().join("site-template/index.html");
    let status = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(status.success());
    // Not a file: never opened, so never waited on; the built-in page stands in.
    let (code, stderr) = run_bounded(repo.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    fs::remove_file(&fifo).expect("remove");
    fs::write(
        &fifo,
        "{% for i in range(10000) %}{{ 'x' * 1000000 }}{% endfor %}",
    )
    .expect("write");
    let (code, stderr) = run_bounded(repo.path(), &["build"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "site-template/index.html: template error: the page is over the limit of 128 MiB"
        ),
        "{stderr}"
    );
}
