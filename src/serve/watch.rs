//! Noticing changes: file-system events from the `notify` crate (inotify, FSEvents,
//! ReadDirectoryChangesW), gathered until they stop for a moment, then handed to the
//! workspace as one update. Where events are not available, a poll of every input
//! file's size and time stands in.

use super::app::App;
use super::state::Changes;
use crate::load::{APPLICATIONS_DIR, CONTACTS_DIR};
use crate::render::templates::FOLDER as TEMPLATES_DIR;
use crate::settings::SETTINGS_FILE;
use chrono::NaiveDate;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};
use walkdir::WalkDir;

/// How long events must stop before an update starts. An editor's save (write a
/// temporary file, rename it over the old one) is a handful of events within a
/// millisecond; should it be split in two, the first half (the temporary file) is no
/// input and changes nothing.
const QUIET: Duration = Duration::from_millis(1);
/// The longest an update waits for events to stop, when a program writes for longer.
const MAX_GATHER: Duration = Duration::from_millis(250);
/// How often the day is looked at when nothing happens (a server left running past
/// midnight follows the clock).
const DAY_CHECK: Duration = Duration::from_secs(30);
/// How long after an update nothing must happen before the next one is readied.
const SETTLE: Duration = Duration::from_millis(200);
/// How often the fallback poll looks at the files.
const POLL: Duration = Duration::from_millis(500);

/// Watching the repository: file-system events, or the poll that stands in for them.
pub(crate) struct Watching(Source);

enum Source {
    Events(Events),
    Poll { root: PathBuf, seen: u64 },
}

/// Starts watching the repository at `root`. Called before the repository is first read,
/// so that a change made while it is read is not missed.
pub(crate) fn start(root: PathBuf) -> Watching {
    let (sender, events) = channel();
    // Symlinks are not followed: a link to `/` in `contacts/` must not make the watcher
    // add a watch for every folder on the machine. A linked folder inside the root is
    // read by the loader all the same; its changes are seen where they are watched.
    let config = notify::Config::default().with_follow_symlinks(false);
    let watcher = RecommendedWatcher::new(sender, config).and_then(|mut watcher| {
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        Ok(watcher)
    });
    match watcher {
        Ok(watcher) => {
            let mut events = Events {
                watcher,
                events,
                root,
                watched: HashSet::new(),
            };
            events.watch_folders();
            Watching(Source::Events(events))
        }
        Err(error) => {
            eprintln!(
                "goodwill: warning: cannot watch `{}` for changes ({error}); looking every {} ms instead",
                root.display(),
                POLL.as_millis()
            );
            let seen = fingerprint(&root);
            Watching(Source::Poll { root, seen })
        }
    }
}

impl Watching {
    /// Updates `app` on every change, and when `day()` gives a new day; runs until the
    /// process ends.
    pub(crate) fn run(self, app: &App, day: impl Fn() -> NaiveDate) {
        match self.0 {
            Source::Events(events) => events.run(app, &day),
            Source::Poll { root, seen } => poll(app, &root, seen, &day),
        }
    }
}

struct Events {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    /// The input folders being watched (recursively).
    watched: HashSet<PathBuf>,
}

impl Events {
    fn run(mut self, app: &App, day: &dyn Fn() -> NaiveDate) {
        let mut today = day();
        let mut prepared = true;
        loop {
            let mut changes = Changes::default();
            // Right after an update, the pages it changed are being asked for: the work
            // that readies the next update waits until things are quiet.
            let wait = if prepared { DAY_CHECK } else { SETTLE };
            match self.events.recv_timeout(wait) {
                Ok(event) => self.add(event, &mut changes),
                Err(RecvTimeoutError::Timeout) if !prepared => {
                    app.prepare();
                    prepared = true;
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if changes == Changes::default() && day() == today {
                continue;
            }
            // Pages asked for from now on wait for this update.
            app.begin_update();
            let started = Instant::now();
            while started.elapsed() < MAX_GATHER {
                match self.events.recv_timeout(QUIET) {
                    Ok(event) => self.add(event, &mut changes),
                    Err(_) => break,
                }
            }
            if changes
                .paths
                .iter()
                .any(|path| path.parent() == Some(&self.root))
            {
                // An input folder may have been made, removed or replaced.
                self.watched.clear();
                self.watch_folders();
            }
            today = day();
            update(app, &changes, today);
            prepared = false;
        }
    }

    /// Watches each input folder that exists and is not watched yet.
    fn watch_folders(&mut self) {
        let journal = journal_folders(&self.root);
        let names = [CONTACTS_DIR, APPLICATIONS_DIR, TEMPLATES_DIR];
        for name in names
            .iter()
            .copied()
            .chain(journal.iter().map(String::as_str))
        {
            let folder = self.root.join(name);
            if folder.is_dir()
                && !self.watched.contains(&folder)
                && self
                    .watcher
                    .watch(&folder, RecursiveMode::Recursive)
                    .is_ok()
            {
                self.watched.insert(folder);
            }
        }
    }

    /// Adds what `event` says changed, leaving out what cannot change the dashboard (a
    /// file being opened or read, by goodwill itself among others).
    fn add(&self, event: notify::Result<notify::Event>, changes: &mut Changes) {
        let event = match event {
            Ok(event) => event,
            Err(_) => {
                changes.rescan = true;
                return;
            }
        };
        if event.need_rescan() {
            changes.rescan = true;
        }
        let relevant = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        };
        if !relevant {
            return;
        }
        for path in event.paths {
            let at_root = path.parent() == Some(self.root.as_path());
            let name = path.file_name().and_then(|name| name.to_str());
            let input_at_root = matches!(
                name,
                Some(SETTINGS_FILE | CONTACTS_DIR | APPLICATIONS_DIR | TEMPLATES_DIR)
            );
            // A folder made at the root may be a `journal` folder, to be watched.
            let folder_at_root = at_root && path.is_dir();
            if (!at_root || input_at_root || folder_at_root) && !changes.paths.contains(&path) {
                changes.paths.push(path);
            }
        }
    }
}

/// Applies `changes`, then prints what is new among the diagnostics and how long it took.
fn update(app: &App, changes: &Changes, day: NaiveDate) {
    let started = Instant::now();
    let before = app.current();
    let Some(snapshot) = app.update(changes, day) else {
        return;
    };
    let elapsed = started.elapsed();
    let known: BTreeSet<String> = before
        .repo
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    let fresh: Vec<_> = snapshot
        .repo
        .diagnostics
        .iter()
        .filter(|d| !known.contains(&d.to_string()))
        .cloned()
        .collect();
    crate::diag::print_diagnostics(&fresh);
    let errors = snapshot.repo.errors();
    let _ = writeln!(
        std::io::stdout(),
        "updated in {} ms: {} contacts, {} applications, {errors} errors",
        elapsed.as_millis(),
        snapshot.repo.contacts.len(),
        snapshot.repo.applications.len(),
    );
}

/// Looks at the files every [`POLL`], for systems without file-system events.
fn poll(app: &App, root: &Path, files: u64, day: &dyn Fn() -> NaiveDate) {
    let mut seen = (files, day());
    loop {
        std::thread::sleep(POLL);
        let now = (fingerprint(root), day());
        if now == seen {
            continue;
        }
        let changes = Changes {
            paths: Vec::new(),
            rescan: now.0 != seen.0,
        };
        seen = now;
        update(app, &changes, seen.1);
        app.prepare();
    }
}

/// The `journal` folders of the settings at `root` that are inside it
/// (`docs/capture.md`): inputs like `contacts/`.
fn journal_folders(root: &Path) -> Vec<String> {
    let settings = crate::open_settings(root, &mut Vec::new());
    (settings.journal.iter())
        .map(|folder| folder.trim().trim_end_matches('/').to_owned())
        .filter(|folder| {
            !folder.is_empty()
                && Path::new(folder)
                    .components()
                    .all(|part| matches!(part, std::path::Component::Normal(_)))
        })
        .collect()
}

/// A number that changes when any file under `contacts/`, `applications/`,
/// `site-template/` or `goodwill.toml` is added, removed or modified.
pub(super) fn fingerprint(root: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    // The loader's rule: a symlinked folder is followed only when it resolves inside the
    // root, and each real folder once, so a link to `/` or a loop is not walked.
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut visited = std::collections::HashSet::new();
    let journal = journal_folders(root);
    let names = [CONTACTS_DIR, APPLICATIONS_DIR, TEMPLATES_DIR];
    for dir in names
        .iter()
        .copied()
        .chain(journal.iter().map(String::as_str))
    {
        let walker = WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .follow_links(true)
            .into_iter()
            .filter_entry(|entry| {
                if !entry.file_type().is_dir() {
                    return true;
                }
                std::fs::canonicalize(entry.path())
                    .is_ok_and(|real| real.starts_with(&real_root) && visited.insert(real))
            });
        for entry in walker.filter_map(Result::ok) {
            entry.path().hash(&mut hasher);
            if let Ok(meta) = entry.metadata() {
                meta.len().hash(&mut hasher);
                meta.modified().ok().hash(&mut hasher);
            }
        }
    }
    if let Ok(meta) = std::fs::metadata(root.join(SETTINGS_FILE)) {
        meta.len().hash(&mut hasher);
        meta.modified().ok().hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_changes_when_a_file_changes() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(dir.path().join("contacts")).expect("dir");
        let before = fingerprint(dir.path());
        assert_eq!(before, fingerprint(dir.path()));
        std::fs::write(dir.path().join("contacts/a.md"), "---\nname: A\n---\n").expect("write");
        let after = fingerprint(dir.path());
        assert_ne!(before, after);
        std::fs::write(dir.path().join("contacts/a.md"), "---\nname: AB\n---\n").expect("write");
        assert_ne!(after, fingerprint(dir.path()));
    }

    #[test]
    #[cfg(unix)]
    fn the_fingerprint_walks_no_folder_outside_the_root_and_no_loop() {
        let dir = tempfile::tempdir().expect("temp");
        let contacts = dir.path().join("contacts");
        std::fs::create_dir_all(&contacts).expect("dir");
        std::os::unix::fs::symlink("/", contacts.join("everything")).expect("link");
        std::os::unix::fs::symlink(&contacts, contacts.join("again")).expect("loop");
        let started = std::time::Instant::now();
        let first = fingerprint(dir.path());
        assert_eq!(first, fingerprint(dir.path()));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
