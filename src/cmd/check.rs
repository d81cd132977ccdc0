//! `goodwill check`: validate only.

use super::{Context, Error, print_diagnostics};
use std::process::ExitCode;

/// Prints every diagnostic; exit 1 if any is an error.
pub(super) fn run(context: &Context) -> Result<ExitCode, Error> {
    let repo = crate::open(&context.root);
    print_diagnostics(&repo.diagnostics);
    let errors = repo.errors();
    let warnings = repo.diagnostics.len() - errors;
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
