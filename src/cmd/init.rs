//! `goodwill init [DIR]`: start a repository, whole or not at all.

use super::Error;
use crate::cli::InitArgs;
use crate::error::Usage;
use crate::load::{APPLICATIONS_DIR, CONTACTS_DIR};
use crate::settings::SETTINGS_FILE;
use crate::write::{init, lock};
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

/// How the names of the folders `init` builds a repository in begin (inside or beside
/// the repository's folder); each is locked while it is in use.
const STAGING_PREFIX: &str = ".goodwill-init-";

/// Creates the folders, settings, `.gitignore` and examples, and runs `git init` when it
/// can: all in a hidden folder first, then moved into place, so that a kill or a failure
/// leaves no half-made repository that a second `init` would refuse. What was done is
/// printed only at the end, so a closed stdout cannot cut the work short.
pub(super) fn run(
    root: Option<&Path>,
    args: &InitArgs,
    today: NaiveDate,
) -> Result<ExitCode, Error> {
    let dir: PathBuf = match (&args.dir, root) {
        (Some(dir), _) => dir.clone(),
        (None, Some(root)) => root.to_path_buf(),
        (None, None) => {
            std::env::current_dir().map_err(Error::io("cannot read the working directory"))?
        }
    };
    if crate::load::is_root(&dir) {
        return Err(Usage::AlreadyRepository(dir).into());
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Usage::NotAFolder(dir).into());
    }
    let cannot_create = |path: &Path, e: std::io::Error| Error::at("create", path)(e);
    // A new folder is built beside where it goes and renamed into place in one step; an
    // existing one gets its parts moved in from a hidden folder inside it.
    let fresh = !dir.exists();
    let parent = if fresh {
        let parent = lock::parent_of(&dir).to_path_buf();
        fs::create_dir_all(&parent).map_err(|e| cannot_create(&parent, e))?;
        parent
    } else {
        dir.clone()
    };
    remove_abandoned(&parent);
    let staging = parent.join(format!("{STAGING_PREFIX}{}", std::process::id()));
    fs::create_dir(&staging).map_err(|e| cannot_create(&staging, e))?;
    // Held until the end: clean-up by a later `init` removes only unlocked folders.
    // (Where a folder cannot be opened, as on Windows, there is no lock and no clean-up.)
    let held = fs::File::open(&staging)
        .ok()
        .filter(|folder| folder.lock().is_ok());
    let result = stage(&staging, &dir, fresh, today);
    let report = match result {
        Ok(report) => report,
        Err(error) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(error);
        }
    };
    drop(held);
    super::print(report)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the repository into `staging`, moves it to `dir`, and returns what to print.
fn stage(staging: &Path, dir: &Path, fresh: bool, today: NaiveDate) -> Result<String, Error> {
    let cannot_create = |path: &Path, e: std::io::Error| Error::at("create", path)(e);
    for folder in [CONTACTS_DIR, APPLICATIONS_DIR] {
        let path = staging.join(folder);
        fs::create_dir(&path).map_err(|e| cannot_create(&path, e))?;
    }
    let contact = format!("{CONTACTS_DIR}/{}.md", init::EXAMPLE_CONTACT_ID);
    let application = format!("{APPLICATIONS_DIR}/{}.md", init::EXAMPLE_APPLICATION_ID);
    let files = [
        (SETTINGS_FILE, init::settings()),
        (".gitignore", init::GITIGNORE.to_owned()),
        (contact.as_str(), init::example_contact(today)),
        (application.as_str(), init::example_application(today)),
    ];
    let mut report = String::new();
    let mut kept_gitignore = false;
    for (name, text) in &files {
        if *name == ".gitignore" && fs::symlink_metadata(dir.join(name)).is_ok() {
            kept_gitignore = true;
            let _ = writeln!(report, "kept the existing {name}");
            let _ = writeln!(
                report,
                "  add `/public/` to it so the dashboard is never committed"
            );
            continue;
        }
        // The staging folder is this run's alone, and is published whole or not at all.
        let path = staging.join(name);
        fs::write(&path, text).map_err(|e| cannot_create(&path, e))?;
        let _ = writeln!(report, "created {name}");
    }
    // `git init` runs where the repository will be, as far as git can tell: beside or
    // inside the folder, so "already inside a work tree" has the same answer.
    let git = git_init(staging, dir, fresh);
    match &git {
        Git::Initialised => report.push_str("created a git repository\n"),
        Git::Inside => report.push_str("already inside a git repository: no `git init`\n"),
        Git::Missing => report.push_str("git not found: no `git init`\n"),
        Git::Failed(_) => {}
    }
    if fresh {
        fs::rename(staging, dir).map_err(|e| cannot_create(dir, e))?;
    } else {
        // The parts that make a folder a repository go last, settings the very last.
        let mut parts = vec![".git", APPLICATIONS_DIR, CONTACTS_DIR, SETTINGS_FILE];
        if !kept_gitignore {
            parts.insert(0, ".gitignore");
        }
        for part in parts {
            let from = staging.join(part);
            if fs::symlink_metadata(&from).is_err() {
                continue;
            }
            let to = dir.join(part);
            if fs::symlink_metadata(&to).is_ok() {
                // Appeared meanwhile (or a `.git` of the user's own): keep theirs.
                continue;
            }
            fs::rename(&from, &to).map_err(|e| cannot_create(&to, e))?;
        }
        let _ = fs::remove_dir_all(staging);
    }
    if let Git::Failed(why) = &git {
        super::warn(format_args!(
            "goodwill: warning: `git init` failed: {why}\n"
        ));
    }
    let _ = writeln!(
        report,
        "started a goodwill repository in {}: try `goodwill due`, then replace the examples with your own people",
        dir.display()
    );
    Ok(report)
}

/// Removes the staging folders in `parent` that killed runs of `init` left: those whose
/// lock nobody holds.
fn remove_abandoned(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let is_staging = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(STAGING_PREFIX));
        if !is_staging || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if fs::File::open(entry.path()).is_ok_and(|folder| folder.try_lock().is_ok()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

enum Git {
    Initialised,
    Inside,
    Missing,
    Failed(String),
}

/// `git init` in `staging`, unless git is missing or `dir` (where the repository goes;
/// `staging` is beside it when `fresh`, else inside it) is already inside a work tree.
fn git_init(staging: &Path, dir: &Path, fresh: bool) -> Git {
    let probe = if fresh { lock::parent_of(dir) } else { dir };
    let inside = Command::new("git")
        .arg("-C")
        .arg(probe)
        .args(["rev-parse", "--is-inside-work-tree"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match inside {
        Err(_) => return Git::Missing,
        Ok(status) if status.success() => return Git::Inside,
        Ok(_) => {}
    }
    if !fresh && dir.join(".git").exists() {
        return Git::Inside;
    }
    let output = Command::new("git")
        .arg("init")
        .arg("--quiet")
        .arg(staging)
        .stdin(Stdio::null())
        .output();
    match output {
        Ok(output) if output.status.success() => Git::Initialised,
        Ok(output) => Git::Failed(String::from_utf8_lossy(&output.stderr).trim().to_owned()),
        Err(error) => Git::Failed(error.to_string()),
    }
}
