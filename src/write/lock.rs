//! Locks that make goodwill's own writers queue, and the clean-up of temporary files that
//! killed runs left behind.
//!
//! Every write into a folder of the repository holds an exclusive lock on that folder
//! (`flock` on the folder itself, so no lock file is ever left in the user's folders), and
//! every temporary file is locked for as long as it is live. A temporary file that nobody
//! holds a lock on, found while holding the folder's lock, belongs to a run that died: it
//! is removed. Process ids are never consulted, since one id can name different processes
//! in different PID namespaces (containers), and ids are reused.
//!
//! Where a folder cannot be opened to lock it (Windows), writes do not queue; they still
//! never replace bytes they did not read (see `replace_locked` in this module's parent).

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How the names of goodwill's temporary files end.
pub(crate) const TEMP_SUFFIX: &str = ".goodwill-tmp";

/// An exclusive lock on a folder, released when dropped (or when the process dies).
#[derive(Debug)]
pub(crate) struct FolderLock {
    _file: Option<File>,
}

/// Takes the exclusive lock on `dir`, waiting for other goodwill writers in it to finish,
/// and removes the temporary files dead runs left there (once per folder and process).
pub(crate) fn lock_folder(dir: &Path) -> FolderLock {
    let file = File::open(dir).ok().filter(|file| file.lock().is_ok());
    if file.is_some() {
        clean_once(dir);
    }
    FolderLock { _file: file }
}

/// Creates a new temporary file beside `path`, locked for as long as the returned file
/// is open. Its name begins with `.`, so a walk of the repository never sees it.
pub(crate) fn temp_file(path: &Path) -> io::Result<(PathBuf, File)> {
    let dir = parent_of(path);
    let stem = path
        .file_name()
        .map(|name| name.to_string_lossy().chars().take(40).collect::<String>())
        .unwrap_or_default();
    // The process id only makes the name unlikely to be taken; it is never read back.
    let pid = std::process::id();
    let mut last_error = None;
    for attempt in 0..100u32 {
        let temp = dir.join(format!(".{stem}.{pid}-{attempt}{TEMP_SUFFIX}"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => {
                // Nobody else can hold it yet: it is new, and clean-up runs only under
                // the folder's lock, which the caller holds.
                let _ = file.lock();
                return Ok((temp, file));
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                last_error = Some(error);
            }
            Err(error) => return Err(error),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// The folder `path` is in (`.` for a bare name).
pub(crate) fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Whether `name` is one of goodwill's temporary files.
fn is_temp_name(name: &OsStr) -> bool {
    name.to_str()
        .is_some_and(|name| name.starts_with('.') && name.ends_with(TEMP_SUFFIX))
}

/// Folders this process has already cleaned: import writes hundreds of files into one.
static CLEANED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

fn clean_once(dir: &Path) {
    let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if let Ok(mut cleaned) = CLEANED.lock()
        && !cleaned.get_or_insert_with(HashSet::new).insert(key)
    {
        return;
    }
    remove_dead_temp_files(dir);
}

/// Removes every temporary file in `dir` that no live process holds a lock on. The caller
/// holds `dir`'s lock, so no goodwill writer is between creating a temporary file and
/// locking it.
fn remove_dead_temp_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        if !is_temp_name(&entry.file_name()) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = File::open(&path) else {
            continue;
        };
        // A lock we can take is one nobody holds: the run that made this file is gone.
        if file.try_lock().is_ok() && fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_of_dead_runs_go_live_ones_stay() {
        let dir = tempfile::tempdir().expect("temp");
        let dead = dir.path().join(".a.md.4242-0.goodwill-tmp");
        fs::write(&dead, "half a file").expect("write");
        let (live, _held) = temp_file(&dir.path().join("b.md")).expect("temp file");
        let mine = dir.path().join("c.goodwill-tmp");
        fs::write(&mine, "not hidden: not ours").expect("write");
        let removed = remove_dead_temp_files(dir.path());
        assert_eq!(removed, 1);
        assert!(!dead.exists());
        assert!(live.exists(), "a locked temporary file is live");
        assert!(mine.exists());
    }

    #[test]
    #[cfg(unix)]
    fn a_second_writer_waits_for_the_folder() {
        let dir = tempfile::tempdir().expect("temp");
        let lock = lock_folder(dir.path());
        let path = dir.path().to_path_buf();
        let (sender, receiver) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let _second = lock_folder(&path);
            let _ = sender.send(());
        });
        let waited = receiver.recv_timeout(std::time::Duration::from_millis(200));
        assert!(
            waited.is_err(),
            "the second lock was granted while the first was held"
        );
        drop(lock);
        receiver
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("granted once the first is released");
        waiter.join().expect("join");
    }
}
