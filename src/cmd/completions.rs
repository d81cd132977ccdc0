//! `goodwill completions SHELL` and the hidden `goodwill man`: generated from the same
//! clap definitions as the help text, so they never drift from the real command line.
//!
//! Both are commands rather than files made at build time: nothing has to run at
//! `cargo build` or be kept in the repository, and a packager gets them from the binary
//! they ship (`goodwill completions bash > …`, `goodwill man > goodwill.1`), as with
//! ripgrep's `--generate`.

use super::Error;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Usage;
use clap::CommandFactory;
use std::process::ExitCode;

/// Prints the completion script for the shell `args` names.
pub(super) fn completions(args: &CompletionsArgs) -> Result<ExitCode, Error> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "goodwill", &mut script);
    print_bytes(&script)
}

/// Prints the manual page, in roff.
pub(super) fn man() -> Result<ExitCode, Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(Usage::Manual)?;
    print_bytes(&page)
}

fn print_bytes(bytes: &[u8]) -> Result<ExitCode, Error> {
    super::print(String::from_utf8_lossy(bytes))?;
    Ok(ExitCode::SUCCESS)
}
