//! Noticing changes: a cheap fingerprint of every input file's path, size and mtime.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use walkdir::WalkDir;

/// A number that changes when any file under `contacts/`, `applications/`,
/// `site-template/` or `goodwill.toml` is added, removed or modified.
///
/// We poll rather than subscribe to file-system events: one walk of a few thousand
/// files costs milliseconds, behaves the same on every platform and every editor's way of
/// saving, and needs no extra dependency.
pub fn fingerprint(root: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    for dir in ["contacts", "applications", "site-template"] {
        let walker = WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .follow_links(true)
            .into_iter();
        for entry in walker.filter_map(Result::ok) {
            entry.path().hash(&mut hasher);
            if let Ok(meta) = entry.metadata() {
                meta.len().hash(&mut hasher);
                meta.modified().ok().hash(&mut hasher);
            }
        }
    }
    let settings = root.join(crate::settings::SETTINGS_FILE);
    if let Ok(meta) = std::fs::metadata(&settings) {
        meta.len().hash(&mut hasher);
        meta.modified().ok().hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_when_a_file_changes() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(dir.path().join("contacts")).expect("dir");
        let before = fingerprint(dir.path());
        assert_eq!(before, fingerprint(dir.path()));
        std::fs::write(dir.path().join("contacts/a.md"), "---\nname: A\n---\n").expect("write");
        let after = fingerprint(dir.path());
        assert_ne!(before, after);
        std::fs::write(dir.path().join("contacts/a.md"), "---\nname: AB\n---\n").expect("write");
        assert_ne!(after, fingerprint(dir.path()));
    }
}
