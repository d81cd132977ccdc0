//! Which folder a build may write: one that is empty or made by goodwill (its marker
//! file), and never the repository's own `contacts/`, `applications/` or
//! `site-template/`, nor a folder holding them. Invariant: nothing is ever written or
//! deleted in a folder [`check`] refused.

use super::*;

/// The file that marks a folder as goodwill's to replace.
pub(crate) const MARKER: &str = ".goodwill-dashboard";

pub(super) const MARKER_TEXT: &str = "This folder was written by `goodwill build` and is replaced by every build.\n\
Do not keep anything here: it will be deleted.\n";

/// Why an output folder may not be used.
pub(super) fn unsafe_out(out: &Path, why: &str) -> Error {
    Error::Usage(crate::error::Usage::UnsafeOut {
        out: out.to_path_buf(),
        why: why.to_owned(),
    })
}

/// An absolute, symlink-free version of `path`, which need not exist yet (its parent must).
pub(super) fn absolute(path: &Path) -> Result<PathBuf, Error> {
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
    let parent = fs::canonicalize(&parent).map_err(Error::io(format!(
        "cannot build into `{}`: its parent folder `{}` is not usable",
        path.display(),
        parent.display()
    )))?;
    Ok(parent.join(name))
}

/// Checks that `out` may be replaced by a build of the repository at `root`, and returns
/// it as an absolute path. The messages say what is wrong; the caller exits with 2.
pub(crate) fn check(out: &Path, root: &Path) -> Result<PathBuf, Error> {
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
            .map_err(Error::at("read", out))?
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
