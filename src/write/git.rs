//! `[git] commit`: each command that writes commits exactly the files it wrote, with what
//! it wrote as the message, and nothing else the user has staged or changed
//! (`docs/settings.md`, `docs/commands.md`, "Git").
//!
//! This runs the user's own `git` (`git commit --only -- PATHS`) rather than a library:
//! `--only` is exactly "these paths as they are in the working tree, the rest of the
//! index untouched", and the user's git brings their identity, hooks, signing and
//! configuration, which a library would have to imitate. A missing git, a folder outside
//! a repository or a refused commit is a warning: the write has happened and stands.

use std::path::Path;
use std::process::{Command, Stdio};

/// [`commit`], when `goodwill.toml` at `root` asks for it (`[git] commit = true`): for
/// the writers that do not load the repository. Problems with the settings file are
/// `check`'s to report; here they only mean "not asked".
pub(crate) fn commit_if_asked(root: &Path, paths: &[&Path], message: &str) -> Option<String> {
    let mut ignored = Vec::new();
    let enabled = crate::open_settings(root, &mut ignored).git.commit;
    commit(root, enabled, paths, message)
}

/// Commits `paths` (files inside `root`, just written) with `message`, when `enabled`.
/// Returns a warning to show when the commit did not happen; `None` when it did or was
/// not asked for.
pub(crate) fn commit(root: &Path, enabled: bool, paths: &[&Path], message: &str) -> Option<String> {
    if !enabled || paths.is_empty() {
        return None;
    }
    let relative: Vec<String> = paths
        .iter()
        .map(|path| {
            path.strip_prefix(root)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    let shown = relative
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let fail = |why: String| {
        Some(format!(
            "goodwill: warning: wrote {shown} but did not commit it ([git] commit = true): {why}\n"
        ))
    };
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .stdin(Stdio::null())
            .output()
    };
    let tracked = match git(&[&["ls-files", "-z", "--"][..], &as_strs(&relative)].concat()) {
        Ok(output) if output.status.success() => output.stdout,
        Ok(output) => return fail(first_line(&output.stderr)),
        Err(error) => return fail(format!("cannot run git: {error}")),
    };
    let tracked: Vec<&[u8]> = tracked
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .collect();
    // A new file (from `new` or `import`) is made known to git first, without staging
    // its content: `--only` then commits it as it is in the working tree.
    let new: Vec<&str> = relative
        .iter()
        .map(String::as_str)
        .filter(|p| !tracked.contains(&p.as_bytes()))
        .collect();
    if !new.is_empty() {
        match git(&[&["add", "--intent-to-add", "--"][..], &new].concat()) {
            Ok(output) if output.status.success() => {}
            Ok(output) => return fail(first_line(&output.stderr)),
            Err(error) => return fail(format!("cannot run git: {error}")),
        }
    }
    let args = [
        &[
            "commit",
            "--only",
            "--quiet",
            "--no-edit",
            "-m",
            message,
            "--",
        ][..],
        &as_strs(&relative),
    ]
    .concat();
    match git(&args) {
        Ok(output) if output.status.success() => None,
        result => {
            if !new.is_empty() {
                // Leave the index as it was found.
                let _ = git(&[&["reset", "--quiet", "--"][..], &new].concat());
            }
            match result {
                Ok(output) => {
                    let why = first_line(&output.stderr);
                    let why = if why.is_empty() {
                        first_line(&output.stdout)
                    } else {
                        why
                    };
                    fail(why)
                }
                Err(error) => fail(format!("cannot run git: {error}")),
            }
        }
    }
}

fn as_strs(items: &[String]) -> Vec<&str> {
    items.iter().map(String::as_str).collect()
}

/// The first non-empty line of git's output, made safe for a terminal.
fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("git failed");
    crate::diag::terminal_safe(line).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str]) -> String {
        let output = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org")
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    #[test]
    fn off_or_outside_a_repository_never_fails_the_write() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("a.md");
        std::fs::write(&file, "a\n").expect("write");
        assert_eq!(commit(dir.path(), false, &[&file], "m"), None);
        let warning = commit(dir.path(), true, &[&file], "m").expect("a warning");
        assert!(
            warning.starts_with("goodwill: warning: wrote `a.md` but did not commit it"),
            "{warning}"
        );
    }

    #[test]
    fn commits_only_the_files_written() {
        let dir = tempfile::tempdir().expect("temp");
        let root = dir.path();
        git(root, &["init", "--quiet"]);
        git(root, &["config", "user.name", "Test"]);
        git(root, &["config", "user.email", "test@example.org"]);
        std::fs::write(root.join("a.md"), "a\n").expect("write");
        std::fs::write(root.join("b.md"), "b\n").expect("write");
        git(root, &["add", "."]);
        git(root, &["commit", "--quiet", "-m", "start"]);
        std::fs::write(root.join("a.md"), "a\nmore\n").expect("write");
        std::fs::write(root.join("b.md"), "b\nstaged\n").expect("write");
        git(root, &["add", "b.md"]);
        std::fs::write(root.join("new.md"), "new\n").expect("write");
        let written = [root.join("a.md"), root.join("new.md")];
        let paths: Vec<&Path> = written.iter().map(|p| p.as_path()).collect();
        assert_eq!(commit(root, true, &paths, "2026-11-22 Checked in"), None);
        assert_eq!(
            git(root, &["log", "-1", "--format=%s"]),
            "2026-11-22 Checked in\n"
        );
        assert_eq!(
            git(root, &["show", "--name-only", "--format=", "HEAD"]),
            "a.md\nnew.md\n"
        );
        assert_eq!(
            git(root, &["status", "--porcelain"]),
            "M  b.md\n",
            "b.md stays staged"
        );
    }
}
