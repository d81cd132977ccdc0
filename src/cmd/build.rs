//! `goodwill build`: the dashboard.

use super::{Context, Error, print_diagnostics};
use crate::cli::BuildArgs;
use std::process::ExitCode;

/// Builds the dashboard and prints one summary line. With `--strict`, files with errors
/// are fatal: nothing is written, the previous dashboard stays, and the exit status is 1.
pub(super) fn run(context: &Context, args: &BuildArgs) -> Result<ExitCode, Error> {
    let repo = crate::open(&context.root);
    print_diagnostics(&repo.diagnostics);
    let errors = repo.errors();
    if args.strict && errors > 0 {
        super::warn(format_args!(
            "goodwill: {errors} errors and --strict: the dashboard was not built\n"
        ));
        return Ok(ExitCode::from(1));
    }
    let outcome = crate::rules::evaluate(&repo, context.today);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| context.root.join(&repo.settings.output));
    let summary = crate::render::build(&repo, &outcome, &out)?;
    // The headline of the index: messages to send, not rules.
    let due = outcome
        .messages
        .iter()
        .filter(|m| m.due <= context.today && !m.is_note_to_self())
        .count();
    let noun = if due == 1 { "message" } else { "messages" };
    super::print(format_args!(
        "wrote {} pages: {due} {noun} to send today, {errors} errors; open {}\n",
        summary.pages,
        summary
            .out
            .join(crate::render::route::Route::Index.path())
            .display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
