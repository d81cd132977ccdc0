//! Writing the dashboard safely (DESIGN.md section 10): refuse folders goodwill did not
//! make, render into a new folder beside the output, and swap it into place only when
//! every file was written.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file that marks a folder as goodwill's to replace.
pub const MARKER: &str = ".goodwill-dashboard";

const MARKER_TEXT: &str = "This folder was written by `goodwill build` and is replaced by every build.\n\
Do not keep anything here: it will be deleted.\n";

/// Why an output folder may not be used.
fn unsafe_out(out: &Path, why: &str) -> String {
    format!(
        "refusing to build into `{}`: {why}; choose another folder with --out DIR",
        out.display()
    )
}

/// An absolute, symlink-free version of `path`, which need not exist yet (its parent must).
fn absolute(path: &Path) -> Result<PathBuf, String> {
    if let Ok(canonical) = fs::canonicalize(path) {
        return Ok(canonical);
    }
    let name = path
        .file_name()
        .ok_or_else(|| unsafe_out(path, "it has no folder name"))?;
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let parent = fs::canonicalize(&parent).map_err(|error| {
        format!(
            "cannot build into `{}`: its parent folder `{}` is not usable: {error}",
            path.display(),
            parent.display()
        )
    })?;
    Ok(parent.join(name))
}

/// Checks that `out` may be replaced by a build of the repository at `root`, and returns
/// it as an absolute path. The messages say what is wrong; the caller exits with 2.
pub fn check(out: &Path, root: &Path) -> Result<PathBuf, String> {
    if let Ok(meta) = fs::symlink_metadata(out) {
        if meta.file_type().is_symlink() {
            return Err(unsafe_out(
                out,
                "it is a symbolic link, and goodwill replaces the folder itself",
            ));
        }
        if !meta.is_dir() {
            return Err(unsafe_out(out, "it is a file, not a folder"));
        }
    }
    let absolute_out = absolute(out)?;
    if absolute_out.parent().is_none() {
        return Err(unsafe_out(out, "it is the file system root"));
    }
    let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if root.starts_with(&absolute_out) {
        return Err(unsafe_out(out, "it is or contains the repository itself"));
    }
    for source in ["contacts", "applications", "site-template"] {
        let folder = root.join(source);
        let folder = fs::canonicalize(&folder).unwrap_or(folder);
        if folder.starts_with(&absolute_out) {
            return Err(unsafe_out(
                out,
                &format!("it is or contains the repository's `{source}/`"),
            ));
        }
        if absolute_out.starts_with(&folder) {
            return Err(unsafe_out(
                out,
                &format!("it is inside the repository's `{source}/`"),
            ));
        }
    }
    if absolute_out.is_dir() && !absolute_out.join(MARKER).is_file() {
        let empty = fs::read_dir(&absolute_out)
            .map_err(|error| format!("cannot read `{}`: {error}", out.display()))?
            .next()
            .is_none();
        if !empty {
            return Err(unsafe_out(
                out,
                &format!("it is not empty and was not made by goodwill (no `{MARKER}` file in it)"),
            ));
        }
    }
    Ok(absolute_out)
}

/// A folder beside the output that a build writes into; removed on drop unless published.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// The dashboard being replaced, whose unchanged files are linked rather than written.
    previous: Option<PathBuf>,
    /// What the previous build wrote: path → (length, hash).
    previous_manifest: HashMap<String, (u64, u64)>,
    /// What this build wrote, for the next one.
    written: Mutex<Vec<(String, u64, u64)>>,
    published: bool,
}

/// The file in which a build lists what it wrote (path, length, hash), so the next build
/// can tell an unchanged page without reading it.
const MANIFEST: &str = ".goodwill-manifest";

impl Staging {
    /// Creates the staging folder beside `out` (an absolute path from [`check`]), with the
    /// marker, `.gitignore` and `robots.txt` already in it.
    pub fn create(out: &Path) -> Result<Self, String> {
        let dir = sibling(out, "new");
        fs::create_dir(&dir)
            .map_err(|error| format!("cannot create `{}` to build into: {error}", dir.display()))?;
        let previous = out.is_dir().then(|| out.to_path_buf());
        let previous_manifest = previous
            .as_ref()
            .and_then(|previous| fs::read_to_string(previous.join(MANIFEST)).ok())
            .map(|text| parse_manifest(&text))
            .unwrap_or_default();
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            previous,
            previous_manifest,
            written: Mutex::new(Vec::new()),
            published: false,
        };
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        staging.write(".gitignore", b"*\n")?;
        staging.write("robots.txt", b"User-agent: *\nDisallow: /\n")?;
        Ok(staging)
    }

    /// Writes `bytes` to `relative` (a `/`-separated path made from ids), creating folders.
    ///
    /// A file the previous dashboard wrote with the same length and hash (its manifest
    /// says so, and it is still a file of that length) is hard-linked instead: creating a
    /// file costs far more than linking one on some file systems, and a rebuild after a
    /// small edit changes few pages. Files are never changed in place, so the old dashboard
    /// stays intact whatever happens to the new one.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.dir.join(relative);
        let len = bytes.len() as u64;
        let hash = page_hash(bytes);
        if let Ok(mut written) = self.written.lock() {
            written.push((relative.to_owned(), len, hash));
        }
        if let Some(previous) = &self.previous
            && self.previous_manifest.get(relative) == Some(&(len, hash))
        {
            let old = previous.join(relative);
            let same_file =
                fs::symlink_metadata(&old).is_ok_and(|meta| meta.is_file() && meta.len() == len);
            if same_file && with_parent(&path, || fs::hard_link(&old, &path)).is_ok() {
                return Ok(());
            }
        }
        with_parent(&path, || fs::write(&path, bytes))
            .map_err(|error| format!("cannot write `{}`: {error}", path.display()))
    }

    /// Swaps the staging folder into place: the old output is moved aside and the new one
    /// renamed in; if that rename fails the old output is put back. Returns the old output's
    /// new place, for [`discard`].
    pub fn publish(mut self) -> Result<Option<PathBuf>, String> {
        let manifest = self.manifest();
        fs::write(self.dir.join(MANIFEST), manifest).map_err(|error| {
            format!(
                "cannot write `{}`: {error}",
                self.dir.join(MANIFEST).display()
            )
        })?;
        let old = sibling(&self.out, "old");
        let had_old = self.out.exists();
        if had_old {
            fs::rename(&self.out, &old).map_err(|error| {
                format!(
                    "cannot move the previous dashboard `{}` aside: {error}",
                    self.out.display()
                )
            })?;
        }
        if let Err(error) = fs::rename(&self.dir, &self.out) {
            if had_old {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(format!(
                "cannot move the new dashboard into `{}`: {error}",
                self.out.display()
            ));
        }
        self.published = true;
        Ok(had_old.then_some(old))
    }
}

/// Deletes a previous dashboard that [`Staging::publish`] moved aside. On Unix a detached
/// `rm -rf` does it, so the build need not wait for tens of thousands of unlinks; if that
/// cannot be started, it is deleted here.
pub fn discard(old: PathBuf) {
    #[cfg(unix)]
    {
        use std::process::{Command, Stdio};
        let spawned = Command::new("rm")
            .arg("-rf")
            .arg("--")
            .arg(&old)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = spawned {
            // Reap it when it ends, so a long-running `serve` leaves no zombies behind.
            std::thread::spawn(move || child.wait());
            return;
        }
    }
    let _ = fs::remove_dir_all(&old);
}

/// Runs `create`, making the parent folders of `path` first if they are missing.
fn with_parent(path: &Path, create: impl Fn() -> io::Result<()>) -> io::Result<()> {
    match create() {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            path.parent().map_or(Ok(()), fs::create_dir_all)?;
            create()
        }
        other => other,
    }
}

impl Staging {
    /// `path<TAB>length<TAB>hash` lines for every file written.
    fn manifest(&self) -> String {
        let mut written = self.written.lock().map(|w| w.clone()).unwrap_or_default();
        written.sort_unstable();
        let mut text = String::with_capacity(written.len() * 48);
        for (path, len, hash) in written {
            text.push_str(&format!("{path}\t{len}\t{hash:016x}\n"));
        }
        text
    }
}

fn parse_manifest(text: &str) -> HashMap<String, (u64, u64)> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let path = parts.next()?;
            let len = parts.next()?.parse().ok()?;
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            Some((path.to_owned(), (len, hash)))
        })
        .collect()
}

/// A fast 64-bit hash over 8-byte words (FxHash's mixing step), stable across builds
/// and Rust versions unlike `DefaultHasher`; with the length beside it, ample to tell
/// whether a page changed.
fn page_hash(bytes: &[u8]) -> u64 {
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

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// `.NAME.goodwill-KIND-PID` beside `out`: hidden, and unique to this process.
fn sibling(out: &Path, kind: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    out.with_file_name(format!(
        ".{name}.goodwill-{kind}-{}-{nanos}",
        std::process::id()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_source_folders_and_foreign_folders() {
        let dir = tempfile::tempdir().expect("temp");
        let root = dir.path();
        fs::create_dir_all(root.join("contacts")).expect("mkdir");
        fs::create_dir_all(root.join("mine")).expect("mkdir");
        fs::write(root.join("mine/keep.txt"), "x").expect("write");
        for bad in ["", "contacts", "contacts/sub", "mine", ".."] {
            assert!(check(&root.join(bad), root).is_err(), "{bad:?} accepted");
        }
        assert!(check(&root.join("public"), root).is_ok());
        fs::create_dir_all(root.join("empty")).expect("mkdir");
        assert!(check(&root.join("empty"), root).is_ok());
    }

    #[test]
    fn a_dropped_staging_folder_is_removed() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        let staging = Staging::create(&out).expect("create");
        staging.write("contacts/a.html", b"x").expect("write");
        drop(staging);
        assert_eq!(fs::read_dir(dir.path()).expect("read").count(), 0);
    }

    #[test]
    fn unchanged_files_are_linked_and_changed_ones_written() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        let staging = Staging::create(&out).expect("create");
        staging.write("a/same.html", b"same").expect("write");
        staging.write("a/changed.html", b"old").expect("write");
        staging.publish().expect("publish");
        let inode = |p: &str| fs::metadata(out.join(p)).expect("meta").ino();
        let (same, changed) = (inode("a/same.html"), inode("a/changed.html"));
        let staging = Staging::create(&out).expect("create");
        staging.write("a/same.html", b"same").expect("write");
        staging.write("a/changed.html", b"new").expect("write");
        staging.publish().expect("publish");
        assert_eq!(inode("a/same.html"), same);
        assert_ne!(inode("a/changed.html"), changed);
        assert_eq!(fs::read(out.join("a/changed.html")).expect("read"), b"new");
    }

    #[test]
    fn a_page_edited_in_the_output_is_written_afresh() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        let staging = Staging::create(&out).expect("create");
        staging.write("a/page.html", b"page").expect("write");
        staging.publish().expect("publish");
        fs::remove_file(out.join("a/page.html")).expect("remove");
        fs::write(out.join("a/page.html"), b"edited by hand").expect("edit");
        let staging = Staging::create(&out).expect("create");
        staging.write("a/page.html", b"page").expect("write");
        staging.publish().expect("publish");
        assert_eq!(fs::read(out.join("a/page.html")).expect("read"), b"page");
    }

    #[test]
    fn page_hash_is_stable() {
        assert_eq!(page_hash(b""), 0);
        assert_eq!(page_hash(b"abcdefgh"), page_hash(b"abcdefgh"));
        assert_ne!(page_hash(b"abcdefgh1"), page_hash(b"abcdefgh2"));
        assert_ne!(
            page_hash(b"overdue by 264 days"),
            page_hash(b"overdue by 265 days")
        );
    }

    #[test]
    fn publishing_replaces_the_previous_output() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        for text in ["one", "two"] {
            let staging = Staging::create(&out).expect("create");
            staging.write("index.html", text.as_bytes()).expect("write");
            if let Some(old) = staging.publish().expect("publish") {
                fs::remove_dir_all(old).expect("remove");
            }
        }
        assert_eq!(
            fs::read_to_string(out.join("index.html")).expect("read"),
            "two"
        );
        assert_eq!(fs::read_dir(dir.path()).expect("read").count(), 1);
        assert!(check(&out, dir.path()).is_ok());
    }
}
