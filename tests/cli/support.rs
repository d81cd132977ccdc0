//! A fixture repository in a temporary folder, and a way to run `goodwill` on it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The id of every rule, in the order of the table of rules (`docs/rules.md`): the
/// example repository fires each one.
pub(crate) fn all_rules() -> impl Iterator<Item = &'static str> {
    goodwill::rule_ids()
}

/// A temporary goodwill repository; removed when dropped.
pub(crate) struct Repo {
    dir: tempfile::TempDir,
}

/// What a run of the binary printed and how it exited.
pub(crate) struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    fn from(output: Output) -> Self {
        Run {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code().unwrap_or(-1),
        }
    }

    /// stdout parsed as JSON.
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

impl Repo {
    /// An empty repository with `contacts/` and `applications/`.
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir_all(dir.path().join("contacts")).expect("contacts/");
        std::fs::create_dir_all(dir.path().join("applications")).expect("applications/");
        Repo { dir }
    }

    /// The root folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `relative` (folders created), returning `self` for chaining.
    pub(crate) fn file(&self, relative: &str, text: &str) -> &Self {
        let path = self.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("parent folder");
        }
        std::fs::write(&path, text).expect("write fixture");
        self
    }

    /// A contact file `contacts/ID.md` with the given front matter lines and body.
    pub(crate) fn contact(&self, id: &str, front: &str, body: &str) -> &Self {
        self.file(
            &format!("contacts/{id}.md"),
            &format!("---\n{front}\n---\n{body}"),
        )
    }

    /// An application file `applications/ID.md` with the given front matter and body.
    pub(crate) fn application(&self, id: &str, front: &str, body: &str) -> &Self {
        self.file(
            &format!("applications/{id}.md"),
            &format!("---\n{front}\n---\n{body}"),
        )
    }

    /// Runs `goodwill --root ROOT ARGS…` with no GOODWILL_TODAY from outside.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("run goodwill"))
    }

    /// The command, for tests that need to change its environment or folder.
    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(binary());
        command
            .env_remove("GOODWILL_TODAY")
            .env("NO_COLOR", "1")
            .arg("--root")
            .arg(self.path())
            .args(args);
        command
    }

    /// `due --json` as of `today`.
    ///
    /// Made in-process (`goodwill::due_json_at`): what the rules decide needs no process
    /// of its own, and the tests of the command line itself run the binary. A test in
    /// `due.rs` keeps the two equal.
    pub(crate) fn due_json(&self, today: &str) -> serde_json::Value {
        let today = today.parse().expect("a test date");
        let text = goodwill::due_json_at(self.path(), today);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
    }
}

/// The binary under test.
pub(crate) fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_goodwill"))
}

/// `(rule, contact, application, due)` of every action, for compact assertions.
pub(crate) fn actions(json: &serde_json::Value) -> Vec<(String, String, String, String)> {
    rows(json, "actions", "due")
}

/// `(rule, contact, application, DATE)` of every item of `list`, nulls shown as `-`.
fn rows(json: &serde_json::Value, list: &str, date: &str) -> Vec<(String, String, String, String)> {
    json[list]
        .as_array()
        .unwrap_or_else(|| panic!("{list} array"))
        .iter()
        .map(|item| {
            let text = |key: &str| item[key].as_str().unwrap_or("-").to_owned();
            (
                text("rule"),
                text("contact"),
                text("application"),
                text(date),
            )
        })
        .collect()
}

/// The actions of one rule, as `(contact, application, due)`.
pub(crate) fn of_rule(json: &serde_json::Value, rule: &str) -> Vec<(String, String, String)> {
    actions(json)
        .into_iter()
        .filter(|(r, ..)| r == rule)
        .map(|(_, c, a, d)| (c, a, d))
        .collect()
}

/// Shorthand for building expected tuples.
pub(crate) fn t(contact: &str, application: &str, due: &str) -> (String, String, String) {
    (contact.to_owned(), application.to_owned(), due.to_owned())
}

/// Every file of a repository's `contacts/` and `applications/`, by path relative to
/// `root`: only those folders are read (the project's own root holds `target/`, gigabytes
/// that must never be read into memory).
pub(crate) fn repository_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for folder in ["contacts", "applications"] {
        for (relative, bytes) in files_under(&root.join(folder)) {
            files.insert(format!("{folder}/{relative}"), bytes);
        }
    }
    files
}

/// Every file under `dir` (none if it does not exist), by `/`-separated path relative to
/// it, with its bytes; `.git` is left out.
pub(crate) fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|name| name == ".git") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside");
                let relative = relative.to_string_lossy().replace('\\', "/");
                files.insert(relative, std::fs::read(&path).expect("read file"));
            }
        }
    }
    files
}
