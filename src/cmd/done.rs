//! `goodwill done KEY`: write the line that settles a message or an action
//! (`docs/commands.md`, "done"). `skip` and `later` go through [`write`] too.

use super::{Context, Error, print_diagnostics};
use crate::cli::DoneArgs;
use crate::diag::terminal_safe;
use crate::write::lines::Verb;
use crate::write::settle::{self, Loaded, Request, Stop};
use std::process::ExitCode;

/// Settles what `args.key` names, or says why not; writes nothing on a refusal.
pub(super) fn run(context: &Context, args: &DoneArgs) -> Result<ExitCode, Error> {
    let request = Request {
        verb: Verb::Done,
        note: args.note.as_deref(),
        date: args.date,
    };
    write(context, &args.key, &request, args.dry_run)
}

/// Writes (or, on a dry run, shows) what `request` asks for the message or action `key`
/// names, and prints it. What was already settled today is said, not written again
/// (exit 0).
pub(super) fn write(
    context: &Context,
    key: &str,
    request: &Request,
    dry_run: bool,
) -> Result<ExitCode, Error> {
    let today = context.today;
    let loaded = Loaded::open(&context.root, today);
    print_diagnostics(&loaded.repo.diagnostics);
    let result = settle::target(&loaded, key, today).and_then(|keyed| {
        if dry_run {
            settle::plan(&loaded, keyed, request, today).map(|s| (s, None))
        } else {
            settle::settle(&loaded, keyed, request, today)
        }
    });
    let (settlement, warning) = match result {
        Ok(done) => done,
        Err(Stop::Refused(error)) => return Err(error),
        Err(Stop::Already(title)) => {
            let already = match request.verb {
                Verb::Done | Verb::Skip => "already settled today".to_owned(),
                Verb::Later(date) => format!("already due on {date} or later"),
            };
            super::print(format_args!(
                "{already}: {} (nothing was written)\n",
                terminal_safe(&title)
            ))?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    if let Some(warning) = warning {
        super::warn(terminal_safe(&warning));
    }
    let mut out = String::new();
    for (line, entry) in &settlement.lines {
        if dry_run {
            out.push_str(&format!(
                "would write to {}:{line}: {entry}\n",
                settlement.file
            ));
        } else {
            out.push_str(&format!("{}:{line}: {entry}\n", settlement.file));
        }
    }
    if dry_run {
        out.push_str("(dry run: nothing was written)\n");
    } else {
        let what = match request.verb {
            Verb::Done => "settled".to_owned(),
            Verb::Skip => "skipped".to_owned(),
            Verb::Later(date) => format!("put off to {date}"),
        };
        out.push_str(&format!("{what}: {}\n", terminal_safe(&settlement.title)));
    }
    // The work is done: a closed pipe now is not an error; a full one is, and must say
    // the lines were written, so that nobody runs the command again to be sure.
    super::print(out).map_err(|fatal| {
        if fatal.is_stdout_closed() || dry_run {
            fatal
        } else {
            Error::WrittenBut {
                file: settlement.file.clone(),
                error: Box::new(fatal),
            }
        }
    })?;
    Ok(ExitCode::SUCCESS)
}
