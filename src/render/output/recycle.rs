//! Recycling: the dashboard before the current one is kept as the spare and rewritten in
//! place by the next build, page by page. Invariant: a page is taken for unchanged only
//! when the spare's manifest says so and its length and modification time still agree;
//! the manifest is deleted before the spare is reused, so a build that stops half way
//! leaves none that would vouch for pages it changed.

use super::*;

/// The file in which a build lists what it wrote (path, length, hash, modification time),
/// so a later build reusing the folder can tell an unchanged page without reading it.
pub(super) const MANIFEST: &str = ".goodwill-manifest";

/// What the manifest says of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileState {
    pub(super) len: u64,
    pub(super) hash: u64,
    /// Modification time in nanoseconds since 1970, as the file system gave it after the
    /// write: a file edited since then is not taken for unchanged.
    pub(super) modified: u64,
}

impl Staging {
    /// Deletes the files the recycled folder held that this build did not write (a
    /// contact that was removed, say), and the folders that leaves empty.
    pub(super) fn remove_stale_pages(&self) {
        if self.recycled.is_empty() {
            return;
        }
        let written = self.written.lock().map(|w| w.clone()).unwrap_or_default();
        let written: HashSet<&str> = written.iter().map(|(path, _)| path.as_str()).collect();
        for stale in self
            .recycled
            .keys()
            .filter(|path| !written.contains(path.as_str()))
        {
            let path = self.dir.join(stale);
            if fs::remove_file(&path).is_err() {
                continue;
            }
            let mut folder = path.parent();
            while let Some(current) = folder {
                if current == self.dir || fs::remove_dir(current).is_err() {
                    break;
                }
                folder = current.parent();
            }
        }
    }
}

/// Renames the spare beside `out` to `dir` and returns its manifest, which it deletes
/// from the folder first: a build that stops half way leaves no manifest that would
/// vouch for pages it changed. A spare that is not goodwill's folder with a manifest is
/// not reused; it is deleted if it was a folder.
///
/// The spare is locked before it is renamed, so no other build takes the staging folder
/// it becomes for a leftover; the lock is returned with the manifest.
pub(super) fn take_spare(
    out: &Path,
    dir: &Path,
) -> Option<(HashMap<String, FileState>, Option<fs::File>)> {
    let spare = spare(out);
    if !fs::symlink_metadata(&spare).is_ok_and(|meta| meta.is_dir()) {
        return None;
    }
    let held = lock_folder(&spare);
    fs::rename(&spare, dir).ok()?;
    let usable = fs::symlink_metadata(dir).is_ok_and(|meta| meta.is_dir())
        && fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|meta| meta.is_file());
    let manifest = usable
        .then(|| fs::read_to_string(dir.join(MANIFEST)).ok())
        .flatten()
        .filter(|_| fs::remove_file(dir.join(MANIFEST)).is_ok());
    match manifest {
        Some(text) => Some((parse_manifest(&text), held)),
        None => {
            drop(held);
            let old = sibling(out, "old");
            match fs::rename(dir, &old) {
                Ok(()) => discard(old),
                Err(_) => {
                    let _ = fs::remove_dir_all(dir);
                }
            }
            None
        }
    }
}

/// Overwrites the file at `path` with `bytes` if it is a plain file with no other links,
/// without following a symbolic link, and returns its new modification time; `None` when
/// it is not such a file.
pub(super) fn overwrite(path: &Path, bytes: &[u8]) -> io::Result<Option<u64>> {
    let mut file = open_for_writing(path, false)?;
    let meta = file.metadata()?;
    if !meta.is_file() || link_count(&meta) != 1 {
        return Ok(None);
    }
    file.write_all(bytes)?;
    if meta.len() > bytes.len() as u64 {
        file.set_len(bytes.len() as u64)?;
    }
    Ok(Some(modified(&file.metadata()?)))
}

/// Creates (or truncates) the file at `path` and writes `bytes`, without following a
/// symbolic link; returns its modification time.
pub(super) fn create_file(path: &Path, bytes: &[u8]) -> io::Result<u64> {
    let mut file = open_for_writing(path, true)?;
    file.write_all(bytes)?;
    Ok(modified(&file.metadata()?))
}

/// A file's modification time in nanoseconds since 1970 (0 where there is none).
pub(super) fn modified(meta: &fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |since| {
            u64::try_from(since.as_nanos()).unwrap_or(u64::MAX)
        })
}

pub(super) fn open_for_writing(path: &Path, create: bool) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(create).truncate(create);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

#[cfg(unix)]
pub(super) fn link_count(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
pub(super) fn link_count(_meta: &fs::Metadata) -> u64 {
    1
}

impl Staging {
    /// `path<TAB>length<TAB>hash<TAB>modified` lines for every file written.
    pub(super) fn manifest(&self) -> String {
        let mut written = self.written.lock().map(|w| w.clone()).unwrap_or_default();
        written.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut text = String::with_capacity(written.len() * 64);
        for (path, state) in written {
            let FileState {
                len,
                hash,
                modified,
            } = state;
            let _ = writeln!(text, "{path}\t{len}\t{hash:016x}\t{modified}");
        }
        text
    }
}

/// The manifest's lines; a line that does not parse is left out, so its file is
/// rewritten (or, if no longer built, left in the folder).
pub(super) fn parse_manifest(text: &str) -> HashMap<String, FileState> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let path = parts.next()?;
            let len = parts.next()?.parse().ok()?;
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let modified = parts.next()?.parse().ok()?;
            let state = FileState {
                len,
                hash,
                modified,
            };
            Some((path.to_owned(), state))
        })
        .collect()
}

/// A fast 64-bit hash over 8-byte words (FxHash's mixing step), stable across builds
/// and Rust versions unlike `DefaultHasher`; with the length beside it, ample to tell
/// whether a page changed.
pub(super) fn page_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    let mut hash = chunks.by_ref().fold(0, |hash, chunk| {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        mix(hash, u64::from_le_bytes(word))
    });
    for byte in chunks.remainder() {
        hash = mix(hash, u64::from(*byte));
    }
    hash
}
