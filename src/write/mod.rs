//! Writing the user's files safely: every write goes through a temporary file in the same
//! folder, is flushed to disk, and then appears under its name in one step. A new file
//! never replaces an existing one; a changed file replaces only the exact bytes it was
//! made from, and goodwill's own writers queue on a lock instead of failing (see
//! [`lock`] and [`exchange`]).

pub(crate) mod append;
pub(crate) mod exchange;
pub(crate) mod git;
pub(crate) mod init;
pub(crate) mod lines;
pub(crate) mod lock;
pub(crate) mod settle;
pub(crate) mod templates;

use crate::load::{self, Found};
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a write did not happen.
#[derive(Debug)]
pub enum WriteError {
    /// The file already exists; it was left alone.
    Exists(PathBuf),
    /// The file changed on disk after it was read; nothing was written.
    Changed(PathBuf),
    /// An I/O error, with the path it concerns.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Exists(path) => write!(f, "`{}` already exists", path.display()),
            WriteError::Changed(path) => write!(
                f,
                "`{}` changed on disk while goodwill was writing it: nothing was written, run the command again",
                path.display()
            ),
            WriteError::Io(path, error) => write!(f, "cannot write `{}`: {error}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io(_, error) => Some(error),
            WriteError::Exists(_) | WriteError::Changed(_) => None,
        }
    }
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError::Io(path.to_path_buf(), error)
}

/// Creates `path` holding `contents`, failing with [`WriteError::Exists`] if anything is
/// already there. The file is written in full under a temporary name first, so a crash
/// never leaves half a file under the real name.
pub(crate) fn create_new(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let _lock = lock::lock_folder(lock::parent_of(path));
    if fs::symlink_metadata(path).is_ok() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let (temp, file) = lock::temp_file(path).map_err(io_at(lock::parent_of(path)))?;
    let result = fill(&temp, &file, contents).and_then(|()| link_new(&temp, path));
    let _ = fs::remove_file(&temp);
    result?;
    sync_parent(path);
    Ok(())
}

/// How often [`update`] reads the file again after another program changed it under it.
const UPDATE_ATTEMPTS: usize = 4;

/// Rewrites the file at `path` (following symlinks) with what `edit` makes of its bytes,
/// holding the folder's lock from the read to the write: other goodwill writers wait
/// their turn, so none of them fails or is lost. When another program (an editor) saves
/// the file in between, nothing of its save is replaced; the file is read again and
/// `edit` runs again, a few times, before [`WriteError::Changed`] is given up with.
///
/// `edit` returns the new bytes and a value passed back to the caller. A file over
/// [`load::MAX_FILE_BYTES`] is refused without being read in full.
pub(crate) fn update<T, E: From<WriteError>>(
    path: &Path,
    mut edit: impl FnMut(&[u8]) -> Result<(Vec<u8>, T), E>,
) -> Result<T, E> {
    let target = fs::canonicalize(path).map_err(io_at(path))?;
    let _lock = lock::lock_folder(lock::parent_of(&target));
    let mut attempt = 0;
    loop {
        attempt += 1;
        let original = read_capped(&target)?;
        let (contents, value) = edit(&original)?;
        match replace_locked(path, &target, &original, &contents) {
            Err(WriteError::Changed(_)) if attempt < UPDATE_ATTEMPTS => continue,
            result => return result.map(|()| value).map_err(E::from),
        }
    }
}

/// The bytes of the regular file at `path`, refused when over [`load::MAX_FILE_BYTES`].
fn read_capped(path: &Path) -> Result<Vec<u8>, WriteError> {
    use std::io::Read;
    let too_large = || {
        WriteError::Io(
            path.to_path_buf(),
            io::Error::new(
                io::ErrorKind::FileTooLarge,
                "the file is over the limit of 1 MiB: split it first",
            ),
        )
    };
    let file = File::open(path).map_err(io_at(path))?;
    let meta = file.metadata().map_err(io_at(path))?;
    if !meta.is_file() {
        return Err(WriteError::Io(
            path.to_path_buf(),
            io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"),
        ));
    }
    if meta.len() > load::MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(load::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_at(path))?;
    if bytes.len() as u64 > load::MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Replaces the file at `path` (whose real file is `target`) with `contents`, keeping its
/// permissions, but only if it still holds exactly `original`; the caller holds the
/// folder's lock. Where files can be swapped in one step (Linux), the new file is swapped
/// with the old one and what was displaced is compared with `original`: if an editor
/// renamed its save over the file in the meantime, the save is swapped back, so no byte
/// that was not read is ever replaced. Elsewhere the file is compared just before a plain
/// rename, which leaves a window of microseconds.
fn replace_locked(
    path: &Path,
    target: &Path,
    original: &[u8],
    contents: &[u8],
) -> Result<(), WriteError> {
    let metadata = fs::metadata(target).map_err(io_at(target))?;
    let (temp, file) = lock::temp_file(target).map_err(io_at(lock::parent_of(target)))?;
    let mut keep_temp = false;
    let result = (|| {
        fs::set_permissions(&temp, metadata.permissions()).map_err(io_at(&temp))?;
        fill(&temp, &file, contents)?;
        // Most changes (an editor's save since the read) are seen here, before any swap.
        if fs::read(target).map_err(io_at(target))? != original {
            return Err(WriteError::Changed(path.to_path_buf()));
        }
        match exchange::exchange(&temp, target) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::Unsupported => {
                return fs::rename(&temp, target).map_err(io_at(target));
            }
            Err(error) => return Err(WriteError::Io(target.to_path_buf(), error)),
        }
        // `temp` now names the file that was displaced.
        let displaced = fs::read(&temp).map_err(io_at(&temp));
        if displaced
            .as_ref()
            .is_ok_and(|displaced| displaced == original)
        {
            return Ok(());
        }
        if !give_back(&temp, target, contents) {
            // The other program's save is still at `temp`: keep it, under a name that
            // clean-up does not take for a leftover.
            keep_temp = true;
            let name = target.file_name().unwrap_or_default().to_string_lossy();
            let kept = target.with_file_name(format!("{name}.goodwill-conflict"));
            let kept = match fs::hard_link(&temp, &kept) {
                Ok(()) => {
                    let _ = fs::remove_file(&temp);
                    kept
                }
                Err(_) => temp.clone(),
            };
            return Err(WriteError::Io(
                target.to_path_buf(),
                io::Error::other(format!(
                    "another program saved it while goodwill was writing it, and its save could not be put back: it is in `{}`",
                    kept.display()
                )),
            ));
        }
        Err(WriteError::Changed(path.to_path_buf()))
    })();
    drop(file);
    if !keep_temp {
        // The temporary name holds the displaced original, or the unused new text.
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_parent(target);
    Ok(())
}

/// Puts another program's save, swapped out to `temp`, back at `target`; returns whether
/// `temp` may be removed. If that program saved once more in between (so what comes back
/// is not `ours`), swap again: its latest save goes back in place, and `temp` is left with
/// the older one, which it replaced itself.
fn give_back(temp: &Path, target: &Path, ours: &[u8]) -> bool {
    if exchange::exchange(temp, target).is_err() {
        // A plain rename also puts the save back, over our unused text.
        return fs::rename(temp, target).is_ok();
    }
    if fs::read(temp).is_ok_and(|back| back != ours) {
        return exchange::exchange(temp, target).is_ok();
    }
    true
}

fn fill(temp: &Path, mut file: &File, contents: &[u8]) -> Result<(), WriteError> {
    file.write_all(contents).map_err(io_at(temp))?;
    file.sync_all().map_err(io_at(temp))
}

/// Gives the finished temporary file its real name without ever replacing a file: a hard
/// link fails if the name is taken, where a rename would silently overwrite.
fn link_new(temp: &Path, path: &Path) -> Result<(), WriteError> {
    match fs::hard_link(temp, path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists(path.to_path_buf()))
        }
        // Some file systems have no hard links: fall back to creating the file exclusively.
        Err(_) => {
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(|error| match error.kind() {
                    io::ErrorKind::AlreadyExists => WriteError::Exists(path.to_path_buf()),
                    _ => WriteError::Io(path.to_path_buf(), error),
                })?;
            let contents = fs::read(temp).map_err(io_at(temp))?;
            file.write_all(&contents).map_err(io_at(path))?;
            file.sync_all().map_err(io_at(path))
        }
    }
}

/// Flushes the folder entry of `path`, so the new name survives a crash. Best effort: not
/// every platform can open a folder for this.
fn sync_parent(path: &Path) {
    if let Some(dir) = path.parent()
        && let Ok(dir) = File::open(dir)
    {
        let _ = dir.sync_all();
    }
}

/// Every file of the repository at `root` by id, without parsing any of them (a file with
/// errors still holds its id). Problems of the walk are left to `check`.
pub(crate) fn files_by_id(root: &Path) -> BTreeMap<String, Vec<Found>> {
    let mut ignored = Vec::new();
    let mut by_id: BTreeMap<String, Vec<Found>> = BTreeMap::new();
    for found in load::walk(root, &mut ignored) {
        by_id.entry(load::id_of(&found)).or_default().push(found);
    }
    by_id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_new_never_replaces() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        create_new(&path, b"one").expect("first write");
        assert!(matches!(
            create_new(&path, b"two"),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(fs::read(&path).expect("read"), b"one");
        let names: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(names.len(), 1, "no temporary file left behind");
    }

    /// [`replace_locked`] as [`update`] calls it, with the folder's lock held.
    fn replace(path: &Path, original: &[u8], contents: &[u8]) -> Result<(), WriteError> {
        let target = fs::canonicalize(path).map_err(io_at(path))?;
        let _lock = lock::lock_folder(lock::parent_of(&target));
        replace_locked(path, &target, original, contents)
    }

    #[test]
    fn replace_refuses_a_changed_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        fs::write(&path, "edited").expect("write");
        assert!(matches!(
            replace(&path, b"original", b"new"),
            Err(WriteError::Changed(_))
        ));
        assert_eq!(fs::read(&path).expect("read"), b"edited");
        replace(&path, b"edited", b"new").expect("replace");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn an_editors_save_swapped_out_is_given_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (target, temp) = (dir.path().join("a.md"), dir.path().join(".a.tmp"));
        // The editor saved just before our swap: our swap displaced its save.
        fs::write(&target, "editor save").expect("write");
        fs::write(&temp, "ours").expect("write");
        exchange::exchange(&temp, &target).expect("swap");
        assert!(give_back(&temp, &target, b"ours"));
        assert_eq!(fs::read(&target).expect("read"), b"editor save");
        assert_eq!(fs::read(&temp).expect("read"), b"ours");
        // The editor saved again right after our swap, over our file: its latest save
        // stays in place.
        fs::write(&target, "save one").expect("write");
        fs::write(&temp, "ours").expect("write");
        exchange::exchange(&temp, &target).expect("swap");
        let newer = dir.path().join(".editor.tmp");
        fs::write(&newer, "save two").expect("write");
        fs::rename(&newer, &target).expect("the editor's rename");
        assert!(give_back(&temp, &target, b"ours"));
        assert_eq!(fs::read(&target).expect("read"), b"save two");
    }

    #[test]
    fn update_queues_and_refuses_oversized_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        fs::write(&path, "one\n").expect("write");
        let threads: Vec<_> = (0..8)
            .map(|n| {
                let path = path.clone();
                std::thread::spawn(move || {
                    update(&path, |old| {
                        let mut new = old.to_vec();
                        new.extend_from_slice(format!("line {n}\n").as_bytes());
                        Ok::<_, WriteError>((new, ()))
                    })
                })
            })
            .collect();
        for thread in threads {
            thread.join().expect("join").expect("every update succeeds");
        }
        let text = fs::read_to_string(&path).expect("read");
        assert_eq!(text.lines().count(), 9, "{text}");
        fs::write(&path, vec![b'x'; 1024 * 1024 + 1]).expect("write");
        let result = update(&path, |old| Ok::<_, WriteError>((old.to_vec(), ())));
        assert!(
            matches!(&result, Err(WriteError::Io(_, e)) if e.kind() == io::ErrorKind::FileTooLarge),
            "{result:?}"
        );
    }
}
