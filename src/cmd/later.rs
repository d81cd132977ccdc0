//! `goodwill later KEY DATE|DUR`: be reminded of a message or an action on a day to come,
//! with one `#later/RULE` line dated that day (`docs/commands.md`, "later").

use super::{Context, Error};
use crate::cli::{LaterArgs, When};
use crate::write::lines::Verb;
use crate::write::settle::Request;
use std::process::ExitCode;

/// Writes the decision for what `args.key` names, or says why not.
pub(super) fn run(context: &Context, args: &LaterArgs) -> Result<ExitCode, Error> {
    let date = match args.when {
        When::Date(date) => date,
        When::After(duration) => duration.after(context.today),
    };
    let request = Request {
        verb: Verb::Later(date),
        note: None,
        date: None,
    };
    super::done::write(context, &args.key, &request, args.dry_run)
}
