//! Writing the user's files safely: every write goes through a temporary file in the same
//! folder, is flushed to disk, and then appears under its name in one step. A new file
//! never replaces an existing one; a changed file replaces only the exact bytes it was
//! made from, and goodwill's own writers queue on a lock instead of failing (see
//! [`lock`] and [`exchange`]). Bytes another program writes in place while goodwill
//! writes are never lost either: see [`writers`], and
//! `docs/commands.md`, "How files are written".

pub(crate) mod append;
pub(crate) mod exchange;
pub(crate) mod git;
pub(crate) mod init;
pub(crate) mod lines;
pub(crate) mod lock;
mod replace;
pub(crate) mod settle;
pub(crate) mod templates;
pub(crate) mod writers;

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
                "`{}` changed on disk while goodwill was writing it (or another program kept it open for writing): nothing was written, run the command again",
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
/// A file over [`load::MAX_FILE_BYTES`] is refused: the loader could not read it back.
pub(crate) fn create_new(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    if contents.len() as u64 > load::MAX_FILE_BYTES {
        return Err(too_large(path));
    }
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

/// How often [`update`] starts again after another program changed the file under it or
/// still had it open for writing; with the pauses between attempts, under a second in all.
const UPDATE_ATTEMPTS: u32 = 40;

/// Rewrites the file at `path` (following symlinks) with what `edit` makes of its bytes,
/// holding the folder's lock from the read to the write: other goodwill writers wait
/// their turn, so none of them fails or is lost. When another program changes the file in
/// between, whether it saves by rename or writes in place, nothing it wrote is replaced:
/// the file is read again and `edit` runs again (see [`replace::replace_locked`]), until it goes
/// through or, after about a second of a file that keeps changing, [`WriteError::Changed`]
/// is given up with and nothing is written.
///
/// `edit` returns the new bytes and a value passed back to the caller. A file over
/// [`load::MAX_FILE_BYTES`] is refused without being read in full, and so is a write that
/// would take a file over it: the loader could not read it back.
pub(crate) fn update<T, E: From<WriteError>>(
    path: &Path,
    mut edit: impl FnMut(&[u8]) -> Result<(Vec<u8>, T), E>,
) -> Result<T, E> {
    let target = fs::canonicalize(path).map_err(io_at(path))?;
    let _lock = lock::lock_folder(lock::parent_of(&target));
    let mut attempt = 0;
    loop {
        attempt += 1;
        let (held, original) =
            load::open_capped(&target).map_err(|error| read_error(&target, error))?;
        let (contents, value) = match edit(&original) {
            Ok(edited) => edited,
            // What was read may be half of another program's save (an editor writing in
            // place truncates first): judge the file when it is whole.
            Err(_) if attempt < UPDATE_ATTEMPTS && !replace::untouched(&held, &original) => {
                pause(attempt);
                continue;
            }
            Err(error) => return Err(error),
        };
        if contents.len() as u64 > load::MAX_FILE_BYTES {
            return Err(E::from(too_large(&target)));
        }
        match replace::replace_locked(path, &target, &held, &original, &contents) {
            Err(WriteError::Changed(_)) if attempt < UPDATE_ATTEMPTS => pause(attempt),
            result => return result.map(|()| value).map_err(E::from),
        }
    }
}

/// Lets another program finish what it is writing before attempt `attempt + 1`.
fn pause(attempt: u32) {
    std::thread::sleep(std::time::Duration::from_millis(u64::from(attempt.min(25))));
}

/// The error for a write that would take a file over [`load::MAX_FILE_BYTES`].
pub(crate) fn too_large(path: &Path) -> WriteError {
    WriteError::Io(
        path.to_path_buf(),
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            "it would grow over the limit of 1 MiB that goodwill reads: split it first (move old notes or log entries to another file)",
        ),
    )
}

/// A [`load::ReadError`] of the file a writer was about to change.
fn read_error(path: &Path, error: load::ReadError) -> WriteError {
    let error = match error {
        load::ReadError::Io(error) => error,
        load::ReadError::NotAFile => io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a folder, FIFO or device): goodwill writes only plain files",
        ),
        load::ReadError::TooLarge(_) => io::Error::new(
            io::ErrorKind::FileTooLarge,
            "the file is over the limit of 1 MiB: split it first",
        ),
    };
    WriteError::Io(path.to_path_buf(), error)
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

    #[test]
    #[cfg(target_os = "linux")]
    fn an_append_in_place_during_the_write_is_kept() {
        use std::io::Write;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        fs::write(&path, "one\n").expect("write");
        // An appender that opened the file before the write and writes after goodwill
        // read it: the first attempt must notice and start again from its text.
        let mut appender = OpenOptions::new().append(true).open(&path).expect("open");
        let mut attempts = 0;
        update(&path, |old| {
            attempts += 1;
            if attempts == 1 {
                appender.write_all(b"appended\n").expect("append");
            }
            if attempts == 2 {
                drop(std::mem::replace(
                    &mut appender,
                    File::open(&path).expect("reopen"),
                ));
            }
            let mut new = old.to_vec();
            new.extend_from_slice(b"entry\n");
            Ok::<_, WriteError>((new, ()))
        })
        .expect("update");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "one\nappended\nentry\n"
        );
        assert!(attempts >= 2);
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
