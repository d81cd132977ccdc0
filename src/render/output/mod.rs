//! Writing the dashboard safely (`docs/dashboard.md`): refuse folders goodwill did not
//! make, render into a new folder beside the output, and swap it into place only when
//! every file was written. In four parts, each with its invariants where it lives:
//!
//! - [`guard`]: which folder may be written at all (the marker, never a source folder);
//! - this module: [`Staging`], the folder a build writes, published in one step;
//! - `recycle`: the spare, rewritten in place, and its manifest of what it holds;
//! - `leftovers`: the folders beside the output, and removing those of builds that died.
//!
//! Invariants: the published dashboard is never written to; a build that fails leaves
//! it as it was; every folder goodwill keeps beside the output begins `.NAME.goodwill-`
//! and is locked while a build uses it, so clean-up takes only folders nobody holds.

use crate::error::Error;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

mod guard;
mod leftovers;
mod recycle;

// The parts of one module, split by concern, share its names.
use self::{guard::*, leftovers::*, recycle::*};
pub(crate) use guard::{MARKER, check};

/// A folder beside the output that a build writes into; removed on drop unless published.
///
/// Creating and deleting tens of thousands of files is what a large build spends most of
/// its time on, and some file systems slow down badly when many files are created right
/// after many were deleted. So a build does not delete the dashboard it replaces: that
/// folder is kept beside the output as the *spare*, and the next build renames the spare
/// to its staging folder and rewrites it in place. Pages whose bytes did not change are
/// not touched at all, changed ones are overwritten in the same file, and only pages that
/// are new get created. The published dashboard is never written to: the spare is always
/// the one before it.
pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// What the recycled spare held (its manifest), by path. Empty when the build started
    /// from a new, empty folder.
    recycled: HashMap<String, FileState>,
    /// What this build wrote, for the next one.
    written: Mutex<Vec<(String, FileState)>>,
    published: bool,
    /// The staging folder, open and locked while this build uses it: clean-up by other
    /// builds removes only folders whose lock nobody holds.
    _held: Option<fs::File>,
}

/// `robots.txt`: no robot should index anyone's personal data.
pub(crate) const ROBOTS: &[u8] = b"User-agent: *\nDisallow: /\n";

impl Staging {
    /// Creates the staging folder beside `out` (an absolute path from [`check`]), from the
    /// spare if there is a usable one, with the marker, `.gitignore` and `robots.txt`
    /// already in it.
    pub(crate) fn create(out: &Path) -> Result<Self, Error> {
        remove_abandoned(out);
        let dir = sibling(out, "new");
        let (recycled, held) = match take_spare(out, &dir) {
            Some(taken) => taken,
            None => {
                fs::create_dir(&dir).map_err(Error::io(format!(
                    "cannot create `{}` to build into",
                    dir.display()
                )))?;
                (HashMap::new(), lock_folder(&dir))
            }
        };
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            recycled,
            written: Mutex::new(Vec::new()),
            published: false,
            _held: held,
        };
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        staging.write(".gitignore", b"*\n")?;
        staging.write(&super::route::Route::Robots.path(), ROBOTS)?;
        Ok(staging)
    }

    /// Writes `bytes` to `relative` (a `/`-separated path made from ids), creating folders.
    ///
    /// In a recycled folder, a file with the length and hash the manifest gives, and
    /// still the length and modification time it gives, is left as it is; another file
    /// there is overwritten in place, which costs far less than deleting it and creating
    /// a new one. A symbolic link, or a file with other hard links, is replaced rather
    /// than written through.
    pub(crate) fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.dir.join(relative);
        let len = bytes.len() as u64;
        let hash = page_hash(bytes);
        let modified = self.put(relative, &path, bytes, hash)?;
        if let Ok(mut written) = self.written.lock() {
            let state = FileState {
                len,
                hash,
                modified,
            };
            written.push((relative.to_owned(), state));
        }
        Ok(())
    }

    /// Makes the file at `path` hold `bytes`; returns its modification time.
    pub(super) fn put(
        &self,
        relative: &str,
        path: &Path,
        bytes: &[u8],
        hash: u64,
    ) -> Result<u64, Error> {
        let len = bytes.len() as u64;
        if let Some(old) = self.recycled.get(relative) {
            if (old.len, old.hash) == (len, hash)
                && fs::symlink_metadata(path).is_ok_and(|meta| {
                    meta.is_file() && meta.len() == len && modified(&meta) == old.modified
                })
            {
                return Ok(old.modified);
            }
            if let Ok(Some(modified)) = overwrite(path, bytes) {
                return Ok(modified);
            }
            // Not a plain file of ours: replace it with one.
            let _ = fs::remove_file(path);
        }
        with_parent(path, || create_file(path, bytes)).map_err(Error::at("write", path))
    }

    /// Swaps the staging folder into place: pages of the recycled folder that this build
    /// did not write are deleted, the old output is moved aside (to become the next
    /// build's spare) and the new one renamed in; if that rename fails the old output is
    /// put back. Returns a folder to [`discard`], when the old output could not become
    /// the spare.
    pub(crate) fn publish(mut self) -> Result<Option<PathBuf>, Error> {
        self.remove_stale_pages();
        let manifest = self.manifest();
        let manifest_path = self.dir.join(MANIFEST);
        fs::write(&manifest_path, manifest).map_err(Error::at("write", &manifest_path))?;
        let spare = spare(&self.out);
        if fs::symlink_metadata(&self.out).is_ok() {
            // Locked so that no other build takes it for a leftover while it is aside.
            let _previous = lock_folder(&self.out);
            match crate::write::exchange::exchange(&self.dir, &self.out) {
                Ok(()) => {
                    // One step: the new dashboard is in place, and the staging folder's
                    // name now holds the previous one.
                    self.published = true;
                    let previous = self.dir.clone();
                    if fs::symlink_metadata(&spare).is_err()
                        && fs::rename(&previous, &spare).is_ok()
                    {
                        return Ok(None);
                    }
                    return Ok(Some(previous));
                }
                // Elsewhere, two renames, with no dashboard for the moment between them.
                Err(error) if error.kind() == io::ErrorKind::Unsupported => {}
                Err(error) => {
                    return Err(Error::io(format!(
                        "cannot move the new dashboard into `{}`",
                        self.out.display()
                    ))(error));
                }
            }
        }
        let mut aside = None;
        if self.out.exists() {
            let _previous = lock_folder(&self.out);
            let old = sibling(&self.out, "old");
            let moved = if fs::symlink_metadata(&spare).is_err() {
                fs::rename(&self.out, &spare)
                    .map(|()| spare.clone())
                    .or_else(|_| fs::rename(&self.out, &old).map(|()| old))
            } else {
                fs::rename(&self.out, &old).map(|()| old)
            };
            aside = Some(moved.map_err(Error::io(format!(
                "cannot move the previous dashboard `{}` aside",
                self.out.display()
            )))?);
        }
        if let Err(error) = fs::rename(&self.dir, &self.out) {
            if let Some(aside) = &aside {
                let _ = fs::rename(aside, &self.out);
            }
            return Err(Error::io(format!(
                "cannot move the new dashboard into `{}`",
                self.out.display()
            ))(error));
        }
        self.published = true;
        Ok(aside.filter(|aside| *aside != spare))
    }
}

/// Deletes a folder that [`Staging::publish`] moved aside and could not keep as the
/// spare. On Unix a detached `rm -rf` does it, so the build need not wait for tens of
/// thousands of unlinks; if that cannot be started, it is deleted here.
pub(crate) fn discard(old: PathBuf) {
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
fn with_parent<T>(path: &Path, create: impl Fn() -> io::Result<T>) -> io::Result<T> {
    match create() {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            path.parent().map_or(Ok(()), fs::create_dir_all)?;
            create()
        }
        other => other,
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
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
    fn a_failed_write_keeps_its_io_error() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        let staging = Staging::create(&out).expect("create");
        staging.write("contacts", b"a file").expect("write");
        // `contacts` is a file, so no page can go inside it.
        let error = staging.write("contacts/a.html", b"x").expect_err("refused");
        let Error::Io { context, source } = &error else {
            panic!("not an I/O error: {error:?}");
        };
        let path = staging.dir.join("contacts/a.html");
        assert_eq!(*context, format!("cannot write `{}`", path.display()));
        assert!(error.to_string().starts_with(&format!("{context}: ")));
        let cause = std::error::Error::source(&error).and_then(|s| s.downcast_ref::<io::Error>());
        assert_eq!(cause.map(io::Error::kind), Some(source.kind()));
    }

    /// Builds `pages` (path, text) into `out` and publishes them.
    fn build(out: &Path, pages: &[(&str, &str)]) {
        let staging = Staging::create(out).expect("create");
        for (path, text) in pages {
            staging.write(path, text.as_bytes()).expect("write");
        }
        if let Some(old) = staging.publish().expect("publish") {
            fs::remove_dir_all(old).expect("remove");
        }
    }

    #[cfg(unix)]
    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        fs::symlink_metadata(path).expect("meta").ino()
    }

    #[test]
    #[cfg(unix)]
    fn the_dashboard_before_the_current_one_is_rewritten_in_place() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        build(
            &out,
            &[("a/same.html", "same"), ("a/changed.html", "old one")],
        );
        let first = (
            inode(&out.join("a/same.html")),
            inode(&out.join("a/changed.html")),
        );
        build(
            &out,
            &[("a/same.html", "same"), ("a/changed.html", "old one")],
        );
        // The first build is now the spare; the current dashboard is a separate copy.
        let spare = spare(&out);
        assert_eq!(inode(&spare.join("a/same.html")), first.0);
        assert_ne!(inode(&out.join("a/same.html")), first.0);
        build(&out, &[("a/same.html", "same"), ("a/changed.html", "new")]);
        assert_eq!(inode(&out.join("a/same.html")), first.0);
        assert_eq!(inode(&out.join("a/changed.html")), first.1);
        assert_eq!(fs::read(out.join("a/changed.html")).expect("read"), b"new");
        assert_eq!(fs::read(out.join("a/same.html")).expect("read"), b"same");
        // The dashboard it replaced is untouched.
        assert_eq!(
            fs::read(spare.join("a/changed.html")).expect("read"),
            b"old one"
        );
        let names: Vec<_> = fs::read_dir(dir.path()).expect("read").collect();
        assert_eq!(names.len(), 2, "the output and its spare only");
    }

    #[test]
    fn pages_a_build_no_longer_writes_are_deleted_with_their_folders() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        build(
            &out,
            &[("index.html", "1"), ("applications/gone/brief/x.html", "x")],
        );
        build(&out, &[("index.html", "2")]);
        build(&out, &[("index.html", "3")]);
        assert!(!out.join("applications/gone").exists());
        assert!(!out.join("applications").exists());
        assert_eq!(fs::read(out.join("index.html")).expect("read"), b"3");
    }

    #[test]
    fn a_page_edited_in_the_spare_is_written_afresh() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        build(&out, &[("a/page.html", "page")]);
        build(&out, &[("a/page.html", "page")]);
        fs::write(spare(&out).join("a/page.html"), b"edited by hand").expect("edit");
        build(&out, &[("a/page.html", "page")]);
        assert_eq!(fs::read(out.join("a/page.html")).expect("read"), b"page");
        build(&out, &[("a/page.html", "page")]);
        // Same length, other bytes: the modification time tells.
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(spare(&out).join("a/page.html"), b"pag!").expect("same length");
        build(&out, &[("a/page.html", "page")]);
        assert_eq!(fs::read(out.join("a/page.html")).expect("read"), b"page");
    }

    #[test]
    #[cfg(unix)]
    fn links_in_the_spare_are_replaced_not_written_through() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        let outside = dir.path().join("outside.txt");
        let linked = dir.path().join("linked.txt");
        fs::write(&outside, "keep me").expect("write");
        build(&out, &[("a.html", "a"), ("b.html", "b")]);
        build(&out, &[("a.html", "a"), ("b.html", "b")]);
        let spare = spare(&out);
        fs::remove_file(spare.join("a.html")).expect("remove");
        std::os::unix::fs::symlink(&outside, spare.join("a.html")).expect("symlink");
        fs::hard_link(spare.join("b.html"), &linked).expect("hard link");
        build(&out, &[("a.html", "new a"), ("b.html", "new b")]);
        assert_eq!(fs::read(&outside).expect("read"), b"keep me");
        assert_eq!(fs::read(&linked).expect("read"), b"b");
        assert!(
            fs::symlink_metadata(out.join("a.html"))
                .expect("meta")
                .is_file()
        );
        assert_eq!(fs::read(out.join("a.html")).expect("read"), b"new a");
        assert_eq!(fs::read(out.join("b.html")).expect("read"), b"new b");
    }

    #[test]
    fn a_spare_without_a_manifest_is_not_reused() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        build(&out, &[("index.html", "1"), ("stray.html", "s")]);
        build(&out, &[("index.html", "2")]);
        fs::remove_file(spare(&out).join(MANIFEST)).expect("remove");
        build(&out, &[("index.html", "3")]);
        assert!(!out.join("stray.html").exists());
        assert_eq!(fs::read(out.join("index.html")).expect("read"), b"3");
    }

    #[test]
    fn a_failed_build_from_the_spare_leaves_the_output_alone() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        build(&out, &[("index.html", "1")]);
        build(&out, &[("index.html", "2")]);
        let staging = Staging::create(&out).expect("create");
        staging.write("index.html", b"3").expect("write");
        drop(staging);
        assert_eq!(fs::read(out.join("index.html")).expect("read"), b"2");
        build(&out, &[("index.html", "4")]);
        assert_eq!(fs::read(out.join("index.html")).expect("read"), b"4");
    }

    #[test]
    #[cfg(unix)]
    fn folders_of_builds_that_died_are_removed_by_lock_not_by_pid() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        // Named for this very process, which is alive: the name does not matter.
        let dead = dir
            .path()
            .join(format!(".public.goodwill-new-{}-1", std::process::id()));
        let alive = dir.path().join(".public.goodwill-new-99999999-1");
        let other = dir.path().join(".other.goodwill-new-99999999-1");
        // A previous dashboard a user made read-only, which `rm -rf` could not delete.
        let stuck = dir.path().join(".public.goodwill-old-1-2");
        for folder in [&dead, &alive, &other, &stuck] {
            fs::create_dir(folder).expect("mkdir");
        }
        fs::create_dir(stuck.join("contacts")).expect("mkdir");
        fs::write(stuck.join("contacts/a.html"), "a").expect("write");
        fs::set_permissions(stuck.join("contacts"), fs::Permissions::from_mode(0o500))
            .expect("read-only");
        let _held = lock_folder(&alive).expect("lock");
        build(&out, &[("index.html", "1")]);
        assert!(!dead.exists());
        assert!(!stuck.exists());
        assert!(alive.exists() && other.exists());
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
        for text in ["one", "two", "three"] {
            build(&out, &[("index.html", text)]);
        }
        assert_eq!(
            fs::read_to_string(out.join("index.html")).expect("read"),
            "three"
        );
        assert_eq!(fs::read_dir(dir.path()).expect("read").count(), 2);
        assert!(check(&out, dir.path()).is_ok());
    }
}
