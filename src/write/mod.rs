//! Writing the user's files safely: every write goes through a temporary file in the same
//! folder, is flushed to disk, and then appears under its name in one step. A new file
//! never replaces an existing one; a changed file replaces only the exact bytes it was
//! made from.

pub mod append;
pub mod init;
pub mod settle;
pub mod templates;

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

impl std::error::Error for WriteError {}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError::Io(path.to_path_buf(), error)
}

/// Creates `path` holding `contents`, failing with [`WriteError::Exists`] if anything is
/// already there. The file is written in full under a temporary name first, so a crash
/// never leaves half a file under the real name.
pub fn create_new(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let (temp, file) = temp_file(path)?;
    let result = fill(&temp, file, contents).and_then(|()| link_new(&temp, path));
    let _ = fs::remove_file(&temp);
    result?;
    sync_parent(path);
    Ok(())
}

/// Replaces the file at `path` (following symlinks to the real file) with `contents`,
/// keeping its permissions, but only if it still holds exactly `original`.
pub fn replace(path: &Path, original: &[u8], contents: &[u8]) -> Result<(), WriteError> {
    let target = fs::canonicalize(path).map_err(io_at(path))?;
    let metadata = fs::metadata(&target).map_err(io_at(&target))?;
    let (temp, file) = temp_file(&target)?;
    let result = (|| {
        fs::set_permissions(&temp, metadata.permissions()).map_err(io_at(&temp))?;
        fill(&temp, file, contents)?;
        // The last moment before the rename: anything that changed the file since it was
        // read (an editor saving it) wins, and this write is given up.
        let now = fs::read(&target).map_err(io_at(&target))?;
        if now != original {
            return Err(WriteError::Changed(path.to_path_buf()));
        }
        fs::rename(&temp, &target).map_err(io_at(&target))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_parent(&target);
    Ok(())
}

/// A new, empty file beside `path`, whose name begins with `.` so that a walk of the
/// repository never sees it.
fn temp_file(path: &Path) -> Result<(PathBuf, File), WriteError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let stem = path
        .file_name()
        .map(|name| name.to_string_lossy().chars().take(40).collect::<String>())
        .unwrap_or_default();
    let pid = std::process::id();
    let mut last_error = None;
    for attempt in 0..100u32 {
        let temp = dir.join(format!(".{stem}.{pid}-{attempt}.goodwill-tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                last_error = Some(error);
            }
            Err(error) => return Err(WriteError::Io(temp, error)),
        }
    }
    Err(WriteError::Io(
        dir.to_path_buf(),
        last_error.unwrap_or_else(|| io::Error::other("no free temporary name")),
    ))
}

fn fill(temp: &Path, mut file: File, contents: &[u8]) -> Result<(), WriteError> {
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
pub fn files_by_id(root: &Path) -> BTreeMap<String, Vec<Found>> {
    let mut ignored = Vec::new();
    let mut by_id: BTreeMap<String, Vec<Found>> = BTreeMap::new();
    for found in load::walk(root, &mut ignored) {
        by_id.entry(load::id_of(&found)).or_default().push(found);
    }
    by_id
}

/// Up to `n` ids closest to `wrong`, best first: for "no such id" errors.
pub fn nearest<'a>(wrong: &str, ids: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = ids
        .into_iter()
        .map(|id| (strsim::jaro_winkler(wrong, id), id))
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(n).map(|(_, id)| id).collect()
}

/// ` (nearest: `a`, `b`)`, or nothing.
pub fn nearest_hint<'a>(wrong: &str, ids: impl IntoIterator<Item = &'a str>) -> String {
    let near = nearest(wrong, ids, 3);
    if near.is_empty() {
        return String::new();
    }
    let list: Vec<String> = near.iter().map(|id| format!("`{id}`")).collect();
    format!(" (nearest: {})", list.join(", "))
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
}
