//! Replacing a file that another program may be writing at the same moment: the swap,
//! the checks after it, and the swap back (`docs/commands.md`, "How files are written").

use super::{WriteError, exchange, fill, io_at, lock, sync_parent, writers};
use crate::load;
use std::fs::{self, File};
use std::io;
use std::path::Path;

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
pub(super) fn untouched(held: &File, original: &[u8]) -> bool {
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
pub(super) fn replace_locked(
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
