//! `goodwill draft KEY`: print an action's draft message (`docs/templates.md`, "Drafts").

use super::{Context, Error, print_diagnostics};
use crate::cli::DraftArgs;
use crate::render::templates::Templates;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Prints how to send it, to whom, the subject and the body.
pub(super) fn run(context: &Context, args: &DraftArgs) -> Result<ExitCode, Error> {
    let repo = crate::open(&context.root);
    let outcome = crate::rules::evaluate(&repo, context.today);
    print_diagnostics(&repo.diagnostics);
    let index = crate::write::settle::find(&outcome, &repo, &args.key)?;
    let action = &outcome.actions[index];
    let templates = Templates::load(&repo.root)?;
    let draft = crate::render::draft::draft(&templates, &repo, action, context.today)
        .map_err(Error::Template)?;
    let mut out = String::new();
    match draft {
        None => {
            // Only where it is, not its text: a task is private, and what this command
            // prints is meant to be sent.
            let place = action.entry.map(|e| &repo.entries[e]).map(|entry| {
                let file = repo.file_of(entry.owner);
                format!(" ({file}:{})", entry.line)
            });
            if action.rule == crate::rules::Rule::Quiet {
                // A note to yourself: the choices, as the dashboard lists them.
                let _ = writeln!(
                    out,
                    "A note to yourself, it has no draft: no news from {} for a while.\n\
                     - News from them? Log it in the application's file: any entry from the employer's side restarts the wait.\n\
                     - Heard no, or gave up? Set `status: rejected` or `withdrawn` and `decided:`; its references then hear how it ended.\n\
                     - Put it off: a line dated when to ask again, tagged #later/quiet.",
                    action
                        .application
                        .map_or_else(String::new, |a| repo.applications[a].title())
                );
            } else {
                let _ = writeln!(
                    out,
                    "A task{}: your own reminder, it has no draft.",
                    place.unwrap_or_default()
                );
            }
        }
        Some(draft) => {
            let _ = writeln!(out, "Via:     {}", draft.channel.word());
            let to = draft
                .to
                .as_deref()
                .map_or_else(String::new, |to| format!(" <{to}>"));
            let _ = writeln!(out, "To:      {}{to}", draft.to_name);
            let _ = writeln!(out, "Subject: {}", draft.subject);
            let _ = writeln!(out, "\n{}", draft.body.trim_end());
            for link in &draft.links {
                let _ = writeln!(out, "\n{}: {}", link.label, link.href);
            }
            if draft.paste {
                let _ = writeln!(
                    out,
                    "(too long for a mail link: paste the message into the mail)"
                );
            }
            if let Some(missing) = &draft.missing {
                let _ = writeln!(out, "\n{missing}");
            }
        }
    }
    let _ = writeln!(
        out,
        "\nSent it? goodwill done {}",
        outcome.keys[index].short()
    );
    let text: String = out
        .lines()
        .map(|line| crate::diag::terminal_safe(line) + "\n")
        .collect();
    super::print(text)?;
    Ok(ExitCode::SUCCESS)
}
