//! `goodwill draft KEY`: print a message's draft (`docs/templates.md`, "Drafts"). An
//! action's key prints the draft of the message that holds it, as that is what is sent:
//! a draft of the action alone would be a second message to the same person.

use super::{Context, Error, print_diagnostics};
use crate::cli::DraftArgs;
use crate::render::templates::Templates;
use crate::rules::Keyed;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Prints how to send it, to whom, the subject and the body.
pub(super) fn run(context: &Context, args: &DraftArgs) -> Result<ExitCode, Error> {
    let repo = crate::open(&context.root);
    let outcome = crate::rules::evaluate(&repo, context.today);
    print_diagnostics(&repo.diagnostics);
    let keyed = match outcome.find(&args.key) {
        Ok(keyed) => keyed,
        // No key or more than one: the refusal that lists the nearest.
        Err(_) => Keyed::Action(crate::write::settle::find(&outcome, &repo, &args.key)?),
    };
    let (m, named) = match keyed {
        Keyed::Message(m) => (m, None),
        Keyed::Action(i) => (outcome.message_of[i], Some(i)),
    };
    let message = &outcome.messages[m];
    let templates = Templates::load(&repo.root)?;
    let draft = crate::render::draft::message_draft(&templates, &repo, &outcome, m, None)?;
    let mut out = String::new();
    match draft {
        None => {
            // Only where it is, not its text: a task is private, and what this command
            // prints is meant to be sent.
            let action = &outcome.actions[message.actions[0]];
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
                    "A note to yourself{}: it has no draft.",
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
            for hint in &draft.fill_in {
                let _ = writeln!(out, "\nTo fill in: {hint}");
            }
        }
    }
    if let Some(i) = named.filter(|_| message.actions.len() > 1) {
        let _ = writeln!(
            out,
            "\n`{}` ({}) is one of the {} reasons of message `{}`: its draft is the whole message.",
            outcome.keys[i].short(),
            outcome.actions[i].rule.id(),
            message.actions.len(),
            message.key.short(),
        );
    }
    let _ = writeln!(out, "\nSent it? goodwill done {}", message.key.short());
    let text: String = out
        .lines()
        .map(|line| crate::diag::terminal_safe(line) + "\n")
        .collect();
    super::print(text)?;
    Ok(ExitCode::SUCCESS)
}
