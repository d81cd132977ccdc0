//! `goodwill check`: validate only.

use super::{Context, Error, print_diagnostics};
use crate::diag::Diagnostic;
use crate::model::Repository;
use crate::settings::SETTINGS_FILE;
use std::process::ExitCode;

/// Prints every diagnostic, and what goodwill.toml lacks for drafts to be complete;
/// exit 1 if any is an error.
pub(super) fn run(context: &Context) -> Result<ExitCode, Error> {
    let repo = crate::open(&context.root);
    print_diagnostics(&repo.diagnostics);
    let unset = unset_settings(&repo);
    print_diagnostics(&unset);
    let errors = repo.errors();
    let warnings = repo.diagnostics.len() - errors + unset.len();
    super::warn(format_args!(
        "checked {} contacts and {} applications: {errors} errors, {warnings} warnings\n",
        repo.contacts.len(),
        repo.applications.len()
    ));
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A warning for each of `owner` and `resume` left empty in the repository's
/// goodwill.toml, with the line to add (`docs/settings.md`, "How the settings are used"):
/// drafts are signed with the one and link the other. Said by `check` alone, once,
/// rather than by every command; a folder with no goodwill.toml has not been set up,
/// and is not told.
fn unset_settings(repo: &Repository) -> Vec<Diagnostic> {
    let broken = (repo.diagnostics.iter()).any(|d| d.is_error() && d.file == SETTINGS_FILE);
    if broken || !repo.root.join(SETTINGS_FILE).is_file() {
        // Its error comes first: the defaults it fell back to are not what it says.
        return Vec::new();
    }
    let settings = &repo.settings;
    let mut unset = Vec::new();
    if settings.owner.trim().is_empty() {
        unset.push(Diagnostic::warning(
            SETTINGS_FILE,
            None,
            "owner is empty: add owner = \"Your Name\" so drafts are signed",
        ));
    }
    if settings.resume.trim().is_empty() {
        unset.push(Diagnostic::warning(
            SETTINGS_FILE,
            None,
            "resume is empty: add resume = \"https://…\" (a link to your current resume) so heads-ups and briefings give it to your references",
        ));
    }
    unset
}
