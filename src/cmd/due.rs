//! `goodwill due`: what is owed, as text for people or JSON for programs.

use super::{Context, Error, print_diagnostics};
use crate::cli::DueArgs;
use crate::report;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Lists actions; diagnostics go to stderr (text) or into the object (JSON).
pub(super) fn run(context: &Context, args: &DueArgs) -> Result<ExitCode, Error> {
    let repo = crate::open(&context.root);
    let outcome = crate::rules::evaluate(&repo, context.today);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // Diagnostics go to stderr in both forms; the JSON object holds them as well.
    print_diagnostics(&repo.diagnostics);
    let written = if args.json {
        let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, &mut out);
        report::json::write(&repo, &outcome, &mut buffered)
            .and_then(|()| writeln!(buffered))
            .and_then(|()| buffered.flush())
    } else {
        let within = args.within.unwrap_or(repo.settings.grace.soon);
        let color = out.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let text = report::text::render(&repo, &outcome, within, color);
        out.write_all(text.as_bytes()).and_then(|()| out.flush())
    };
    // A closed pipe (`goodwill due | head`) is a quiet success; a full disk is an error.
    written.map_err(super::stdout_error)?;
    Ok(ExitCode::SUCCESS)
}
