//! Writing the user's files safely: every write goes through a temporary file in the same
//! folder, is flushed to disk, and then appears under its name in one step. A new file
//! never replaces an existing one; a changed file replaces only the exact bytes it was
//! made from, and goodwill's own writers queue on a lock instead of failing (see
//! [`lock`] and [`exchange`]). Bytes another program writes in place while goodwill
//! writes are never lost either: see [`writers`], and
//! `docs/commands.md`, "How files are written".

pub(crate) mod append;
pub(crate) mod exchange;
pub(crate) mod init;
pub(crate) mod lock;
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
/// the file is read again and `edit` runs again (see [`replace_locked`]), until it goes
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
            Err(_) if attempt < UPDATE_ATTEMPTS && !untouched(&held, &original) => {
                pause(attempt);
                continue;
            }
            Err(error) => return Err(error),
        };
        if contents.len() as u64 > load::MAX_FILE_BYTES {
            return Err(E::from(too_large(&target)));
        }
        match replace_locked(path, &target, &held, &original, &contents) {
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

/// What tells two files apart: device and inode where there are such.
#[cfg(unix)]
type FileId = (u64, u64);

/// No inodes to compare: every file looks the same (and [`exchange::exchange`] is not
/// available either, so nothing depends on it).
#[cfg(not(unix))]
type FileId = ();

/// The [`FileId`] of a file.
#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// The [`FileId`] of a file.
#[cfg(not(unix))]
fn identity(_meta: &fs::Metadata) -> FileId {}

/// Whether the name `path` leads to the open `file`.
fn same_file(path: &Path, file: &File) -> bool {
    match (fs::symlink_metadata(path), file.metadata()) {
        (Ok(a), Ok(b)) => identity(&a) == identity(&b),
        _ => false,
    }
}

/// Whether `held`, open for reading since `original` was read from it, holds exactly
/// `original` and nobody has it open for writing, so that once no name leads to it any
/// more, nothing can change it.
fn untouched(held: &File, original: &[u8]) -> bool {
    writers::open_for_writing(held) != Some(true)
        && load::read_from_start(held).is_ok_and(|now| now == original)
}

/// Replaces the file at `path` (whose real file is `target`, open as `held`) with
/// `contents`, keeping its permissions, but only if nothing but `original` ever reaches
/// it; the caller holds the folder's lock.
///
/// The new text is written to a temporary file, which is then swapped with the file in
/// one step (Linux): the name leads to the new file, and the temporary name to the old one,
/// still open as `held`. Another program can have written to the old file only through a
/// handle it opened before the swap. So the old file is asked whether anybody still has it
/// open for writing (a read lease, see [`writers`]) and compared with `original`: when
/// both say it is untouched, nothing will ever write to it again, and it is removed. When
/// not (a `>>` append, an editor saving in place, a save renamed over the name just
/// before the swap), it is swapped back, and [`WriteError::Changed`] sends [`update`] to
/// read it again and apply its edit to the new text. No byte another program wrote is
/// dropped, whether it wrote before or during the write.
///
/// Where files cannot be swapped in one step, the file is compared just before a plain
/// rename, which leaves a window of microseconds.
fn replace_locked(
    path: &Path,
    target: &Path,
    held: &File,
    original: &[u8],
    contents: &[u8],
) -> Result<(), WriteError> {
    let permissions = held.metadata().map_err(io_at(target))?.permissions();
    let (temp, file) = lock::temp_file(target).map_err(io_at(lock::parent_of(target)))?;
    let filled = fs::set_permissions(&temp, permissions)
        .map_err(io_at(&temp))
        .and_then(|()| fill(&temp, &file, contents));
    // Our own handle is open for writing: it must be closed before the new file can be
    // asked whether anybody writes to it.
    let ours = file.metadata().ok().map(|meta| identity(&meta));
    drop(file);
    let mut keep_temp = false;
    let result = filled.and_then(|()| {
        swap_in(
            path,
            target,
            &temp,
            held,
            original,
            (contents, ours),
            &mut keep_temp,
        )
    });
    if !keep_temp {
        // The temporary name holds the displaced original, or the unused new text.
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_parent(target);
    Ok(())
}

/// The swap of [`replace_locked`]; `ours` is the new text and the identity of the
/// temporary file holding it.
fn swap_in(
    path: &Path,
    target: &Path,
    temp: &Path,
    held: &File,
    original: &[u8],
    ours: (&[u8], Option<FileId>),
    keep_temp: &mut bool,
) -> Result<(), WriteError> {
    // Most changes (an editor's save, an append since the read) are seen here, before the
    // swap.
    if !same_file(target, held) || !untouched(held, original) {
        return Err(WriteError::Changed(path.to_path_buf()));
    }
    match exchange::exchange(temp, target) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::Unsupported => {
            return fs::rename(temp, target).map_err(io_at(target));
        }
        Err(error) => return Err(WriteError::Io(target.to_path_buf(), error)),
    }
    // `temp` now names the file that was displaced.
    if same_file(temp, held) && untouched(held, original) {
        return Ok(());
    }
    give_back(path, target, temp, held, original, ours, keep_temp)
}

/// Puts back what the swap displaced, which another program changed after the last look;
/// ends with [`WriteError::Changed`] so that [`update`] starts again from it. Our file
/// comes back to `temp`. If a program wrote into it in the moment it was in place, it is
/// kept whole beside the file (`NAME.goodwill-conflict`) rather than lost. If a program
/// renamed a save over it, that save is the newest and goes back in place.
fn give_back(
    path: &Path,
    target: &Path,
    temp: &Path,
    held: &File,
    original: &[u8],
    (contents, ours): (&[u8], Option<FileId>),
    keep_temp: &mut bool,
) -> Result<(), WriteError> {
    let changed = || WriteError::Changed(path.to_path_buf());
    if exchange::exchange(temp, target).is_err() {
        // A plain rename also puts it back, over our text.
        return fs::rename(temp, target)
            .map_err(io_at(target))
            .and(Err(changed()));
    }
    // `temp` names what was in place: our file, or a save renamed over it.
    let back = File::open(temp).map_err(io_at(temp))?;
    let is_ours = ours.is_some() && back.metadata().ok().map(|meta| identity(&meta)) == ours;
    if is_ours {
        if untouched(&back, contents) {
            return Err(changed());
        }
        return Err(keep_conflict(target, temp, keep_temp));
    }
    drop(back);
    // A program saved over our file by rename: its save goes back in place, and `temp`
    // gets what we displaced at first. That is kept too if it is the file we read and
    // someone wrote into it.
    if exchange::exchange(temp, target).is_err() {
        return Err(keep_conflict(target, temp, keep_temp));
    }
    if same_file(temp, held) && !untouched(held, original) {
        return Err(keep_conflict(target, temp, keep_temp));
    }
    Err(changed())
}

/// Keeps the file at `temp` (another program's writes) beside `target` under a name that
/// clean-up does not take for a leftover, and says where.
fn keep_conflict(target: &Path, temp: &Path, keep_temp: &mut bool) -> WriteError {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let mut kept = None;
    for n in 1..100 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let candidate = target.with_file_name(format!("{name}.goodwill-conflict{suffix}"));
        if fs::hard_link(temp, &candidate).is_ok() {
            kept = Some(candidate);
            break;
        }
    }
    let kept = match kept {
        Some(kept) => kept,
        None => {
            *keep_temp = true;
            temp.to_path_buf()
        }
    };
    WriteError::Io(
        target.to_path_buf(),
        io::Error::other(format!(
            "another program wrote to it while goodwill was writing it, and both writes could not be kept in one file: the other is in `{}`",
            kept.display()
        )),
    )
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

    /// [`replace_locked`] as [`update`] calls it, with the folder's lock held, as if
    /// `original` had been read from the file.
    fn replace(path: &Path, original: &[u8], contents: &[u8]) -> Result<(), WriteError> {
        let target = fs::canonicalize(path).map_err(io_at(path))?;
        let _lock = lock::lock_folder(lock::parent_of(&target));
        let held = File::open(&target).map_err(io_at(path))?;
        replace_locked(path, &target, &held, original, contents)
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
        let id = |path: &Path| fs::metadata(path).ok().map(|meta| identity(&meta));
        // The editor saved by rename just before our swap: our swap displaced its save,
        // which goes back.
        fs::write(&target, "original").expect("write");
        let held = File::open(&target).expect("open");
        let saved = dir.path().join(".editor");
        fs::write(&saved, "editor save").expect("write");
        fs::rename(&saved, &target).expect("the editor's rename");
        fs::write(&temp, "ours").expect("write");
        let ours = id(&temp);
        exchange::exchange(&temp, &target).expect("swap");
        let mut keep = false;
        let result = give_back(
            &target,
            &target,
            &temp,
            &held,
            b"original",
            (b"ours", ours),
            &mut keep,
        );
        assert!(matches!(result, Err(WriteError::Changed(_))), "{result:?}");
        assert_eq!(fs::read(&target).expect("read"), b"editor save");
        assert_eq!(fs::read(&temp).expect("read"), b"ours");
        // The editor saved again right after our swap, over our file: its latest save
        // stays in place.
        fs::write(&target, "save one").expect("write");
        fs::write(&temp, "ours").expect("write");
        let ours = id(&temp);
        exchange::exchange(&temp, &target).expect("swap");
        fs::write(&saved, "save two").expect("write");
        fs::rename(&saved, &target).expect("the editor's rename");
        let result = give_back(
            &target,
            &target,
            &temp,
            &held,
            b"original",
            (b"ours", ours),
            &mut keep,
        );
        assert!(matches!(result, Err(WriteError::Changed(_))), "{result:?}");
        assert_eq!(fs::read(&target).expect("read"), b"save two");
        // A program wrote in place into our file while it was in place: kept beside it.
        fs::write(&temp, "ours").expect("write");
        let ours = id(&temp);
        exchange::exchange(&temp, &target).expect("swap");
        fs::write(&target, "ours and an append").expect("in place");
        let result = give_back(
            &target,
            &target,
            &temp,
            &held,
            b"original",
            (b"ours", ours),
            &mut keep,
        );
        assert!(matches!(result, Err(WriteError::Io(..))), "{result:?}");
        assert_eq!(fs::read(&target).expect("read"), b"save two");
        let conflict = dir.path().join("a.md.goodwill-conflict");
        assert_eq!(fs::read(&conflict).expect("read"), b"ours and an append");
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
