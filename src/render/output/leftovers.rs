//! The folders goodwill keeps beside the output (`.NAME.goodwill-spare`, `-new-*`,
//! `-old-*`), and the removal of those that builds which died left behind. Invariant: a
//! folder is removed only when its lock can be taken, so one in use by another build is
//! never touched; process ids are never looked at.

use super::*;

/// `.NAME.goodwill-` for the output folder `NAME`: how every folder goodwill keeps beside
/// the output begins.
pub(super) fn hidden_prefix(out: &Path) -> String {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.goodwill-")
}

/// `.NAME.goodwill-spare` beside `out`: the dashboard before the current one, kept for the
/// next build to rewrite.
pub(super) fn spare(out: &Path) -> PathBuf {
    out.with_file_name(format!("{}spare", hidden_prefix(out)))
}

/// Opens the folder `dir` and takes its exclusive lock, where the platform allows.
pub(super) fn lock_folder(dir: &Path) -> Option<fs::File> {
    fs::File::open(dir)
        .ok()
        .filter(|folder| folder.lock().is_ok())
}

/// Deletes the folders beside `out` that builds which stopped half way (killed, or the
/// machine went down) left behind, and previous dashboards a `discard` could not delete:
/// those named like goodwill's staging folders whose lock no live build holds. Process
/// ids are not consulted: one id can name different processes in different PID
/// namespaces. The spare is not among them.
pub(super) fn remove_abandoned(out: &Path) {
    let Some(parent) = out.parent() else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = hidden_prefix(out);
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        if !(rest.starts_with("new-") || rest.starts_with("old-")) {
            continue;
        }
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        // A lock we can take is one nobody holds; it goes with the folder when dropped.
        let free = fs::File::open(&path).is_ok_and(|folder| folder.try_lock().is_ok());
        if free {
            remove_tree(&path);
        }
    }
}

/// Deletes the folder `path` and everything in it, first making its folders writable
/// where a user made them read-only (else every build would leave another behind).
pub(super) fn remove_tree(path: &Path) {
    if fs::remove_dir_all(path).is_ok() {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for entry in walkdir::WalkDir::new(path).into_iter().flatten() {
            if entry.file_type().is_dir() {
                let _ = fs::set_permissions(entry.path(), fs::Permissions::from_mode(0o700));
            }
        }
    }
    let _ = fs::remove_dir_all(path);
}

/// `.NAME.goodwill-KIND-PID-NANOS` beside `out`: hidden, and unique to this process.
pub(super) fn sibling(out: &Path, kind: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    out.with_file_name(format!(
        "{}{kind}-{}-{nanos}",
        hidden_prefix(out),
        std::process::id()
    ))
}
