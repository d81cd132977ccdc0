//! `goodwill import linkedin|vcard FILE`.

use super::{Context, Fatal};
use crate::cli::ImportCommand;
use std::process::ExitCode;

/// Imports the people in the file.
pub fn run(_context: &Context, _command: &ImportCommand) -> Result<ExitCode, Fatal> {
    Err(Fatal(
        "`import` is not available in this build yet".to_owned(),
    ))
}
