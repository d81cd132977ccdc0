//! `goodwill done KEY`: write the entry that settles an action (`docs/commands.md`).

use super::{Context, Error, print_diagnostics};
use crate::cli::DoneArgs;
use crate::write::settle::{self, Loaded, Request};
use std::process::ExitCode;

/// Settles the action `args.key` names, or says why not; writes nothing on a refusal.
pub(super) fn run(context: &Context, args: &DoneArgs) -> Result<ExitCode, Error> {
    let loaded = Loaded::open(&context.root, context.today);
    print_diagnostics(&loaded.repo.diagnostics);
    let index = settle::find(&loaded.outcome, &loaded.repo, &args.key)?;
    let request = Request {
        note: args.note.as_deref(),
        date: args.date,
    };
    let message = if args.dry_run {
        let settlement = settle::plan(&loaded, index, &request, context.today)?;
        format!(
            "would write to {}:{}: {}\n(dry run: nothing was written)\n",
            settlement.file, settlement.line, settlement.entry
        )
    } else {
        let settlement = settle::settle(&loaded, index, &request, context.today)?;
        format!(
            "{}:{}: {}\nsettled: {}\n",
            settlement.file, settlement.line, settlement.entry, settlement.title
        )
    };
    // The work is done: a closed pipe now is not an error, a full one is.
    super::print(message)?;
    Ok(ExitCode::SUCCESS)
}
