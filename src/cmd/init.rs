//! `goodwill init [DIR]`: start a repository.

use super::Fatal;
use crate::cli::InitArgs;
use crate::load::{APPLICATIONS_DIR, CONTACTS_DIR};
use crate::settings::SETTINGS_FILE;
use crate::write::{self, WriteError, init};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

/// Creates the folders, settings, `.gitignore` and examples; runs `git init` when it can.
pub fn run(root: Option<&Path>, args: &InitArgs, today: NaiveDate) -> Result<ExitCode, Fatal> {
    let dir: PathBuf = match (&args.dir, root) {
        (Some(dir), _) => dir.clone(),
        (None, Some(root)) => root.to_path_buf(),
        (None, None) => std::env::current_dir()
            .map_err(|e| Fatal(format!("cannot read the working directory: {e}")))?,
    };
    if crate::load::is_root(&dir) {
        return Err(Fatal(format!(
            "`{}` already holds a goodwill repository (goodwill.toml, contacts/ or applications/): nothing was changed",
            dir.display()
        )));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Fatal(format!("`{}` is not a folder", dir.display())));
    }
    let create_dir = |path: &Path| {
        std::fs::create_dir_all(path)
            .map_err(|e| Fatal(format!("cannot create `{}`: {e}", path.display())))
    };
    create_dir(&dir)?;
    create_dir(&dir.join(CONTACTS_DIR))?;
    create_dir(&dir.join(APPLICATIONS_DIR))?;

    let contact = format!("{CONTACTS_DIR}/{}.md", init::EXAMPLE_CONTACT_ID);
    let application = format!("{APPLICATIONS_DIR}/{}.md", init::EXAMPLE_APPLICATION_ID);
    let files = [
        (SETTINGS_FILE, init::SETTINGS.to_owned()),
        (".gitignore", init::GITIGNORE.to_owned()),
        (contact.as_str(), init::example_contact(today)),
        (application.as_str(), init::example_application(today)),
    ];
    for (name, text) in &files {
        match write::create_new(&dir.join(name), text.as_bytes()) {
            Ok(()) => println!("created {name}"),
            Err(WriteError::Exists(_)) => {
                println!("kept the existing {name}");
                if *name == ".gitignore" {
                    println!("  add `/public/` to it so the dashboard is never committed");
                }
            }
            Err(error) => return Err(Fatal(error.to_string())),
        }
    }
    match git_init(&dir) {
        Git::Initialised => println!("created a git repository"),
        Git::Inside => println!("already inside a git repository: no `git init`"),
        Git::Missing => println!("git not found: no `git init`"),
        Git::Failed(why) => eprintln!("goodwill: warning: `git init` failed: {why}"),
    }
    println!(
        "started a goodwill repository in {}: try `goodwill due`, then replace the examples with your own people",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

enum Git {
    Initialised,
    Inside,
    Missing,
    Failed(String),
}

/// `git init` in `dir`, unless git is missing or `dir` is already inside a work tree.
fn git_init(dir: &Path) -> Git {
    let inside = Command::new("git")
        .arg("-C")
        .arg(dir)
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
    let output = Command::new("git")
        .arg("init")
        .arg("--quiet")
        .arg(dir)
        .stdin(Stdio::null())
        .output();
    match output {
        Ok(output) if output.status.success() => Git::Initialised,
        Ok(output) => Git::Failed(String::from_utf8_lossy(&output.stderr).trim().to_owned()),
        Err(error) => Git::Failed(error.to_string()),
    }
}
