//! `goodwill skip KEY`: decide not to do what a message or an action asks, with one
//! `#skip/RULE` line (`docs/commands.md`, "skip").

use super::{Context, Error};
use crate::cli::SkipArgs;
use crate::write::lines::Verb;
use crate::write::settle::Request;
use std::process::ExitCode;

/// Writes the decision for what `args.key` names, or says why not.
pub(super) fn run(context: &Context, args: &SkipArgs) -> Result<ExitCode, Error> {
    let request = Request {
        verb: Verb::Skip,
        note: args.note.as_deref(),
        date: None,
    };
    super::done::write(context, &args.key, &request, args.dry_run)
}
