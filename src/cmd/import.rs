//! `goodwill import linkedin|vcard FILE [--dry-run]`: a contact file for each new person.

use super::{Context, Fatal, print_diagnostics};
use crate::cli::ImportCommand;
use crate::diag::Diagnostic;
use crate::diag::terminal_safe;
use crate::import::{self, Existing, Outcome, Record};
use crate::load::CONTACTS_DIR;
use crate::rules::Rule;
use crate::write::{self, WriteError};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exports with at least this many people show progress on a terminal.
const PROGRESS_FROM: usize = 200;

/// Reads the export, plans, and writes (or, with `--dry-run`, only prints) the result.
/// Exit 1 when some rows or cards could not be imported.
pub fn run(context: &Context, command: &ImportCommand) -> Result<ExitCode, Fatal> {
    let (file, dry_run, records) = match command {
        ImportCommand::Linkedin { file, dry_run } => {
            let text = import::decode(&read(file)?);
            let records = import::linkedin::read(&text)
                .map_err(|message| Fatal(format!("`{}`: {message}", file.display())))?;
            (file, *dry_run, records)
        }
        ImportCommand::Vcard { file, dry_run } => {
            let records = import::vcard::read(&read(file)?);
            if records.is_empty() {
                return Err(Fatal(format!(
                    "`{}` holds no `BEGIN:VCARD`: is it a vCard file?",
                    file.display()
                )));
            }
            (file, *dry_run, records)
        }
    };
    let source = file.display().to_string();
    let mut existing = Existing::load(&context.root);
    let outcomes = import::plan(&mut existing, &records);

    let folder = context.root.join(CONTACTS_DIR);
    if !dry_run && outcomes.iter().any(|o| matches!(o, Outcome::Create { .. })) {
        std::fs::create_dir_all(&folder)
            .map_err(|e| Fatal(format!("cannot create `{}`: {e}", folder.display())))?;
    }
    let progress = std::io::stderr().is_terminal() && records.len() >= PROGRESS_FROM;
    let mut diagnostics = Vec::new();
    let (mut created, mut skipped, mut failed) = (0, 0, 0);
    // The new files by id, as written (or as they would be, on a dry run).
    let mut new_files: Vec<(String, String)> = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let would = if dry_run { "would create" } else { "created" };
    for (index, (record, outcome)) in records.iter().zip(&outcomes).enumerate() {
        if progress && index % 50 == 0 {
            eprint!("\rimporting {index}/{}", records.len());
        }
        let line = record_line(record);
        if let Ok(person) = record {
            for warning in &person.warnings {
                diagnostics.push(Diagnostic::warning(&source, Some(line), warning.clone()));
            }
        }
        match outcome {
            Outcome::Create { id } => {
                let Ok(person) = record else { continue };
                let relative = format!("{CONTACTS_DIR}/{id}.md");
                if !dry_run {
                    match write::create_new(
                        &folder.join(format!("{id}.md")),
                        person.contact.render().as_bytes(),
                    ) {
                        Ok(()) => {}
                        Err(WriteError::Exists(_)) => {
                            skipped += 1;
                            let _ = writeln!(
                                out,
                                "skipped {}: `{relative}` appeared meanwhile",
                                terminal_safe(&person.contact.name)
                            );
                            continue;
                        }
                        Err(error) => return Err(Fatal(error.to_string())),
                    }
                }
                created += 1;
                new_files.push((id.clone(), person.contact.render()));
                let name = terminal_safe(&person.contact.name);
                let _ = writeln!(out, "{would} {relative} ({name})");
            }
            Outcome::Skip { reason } => {
                skipped += 1;
                let name = record
                    .as_ref()
                    .map(|p| p.contact.name.as_str())
                    .unwrap_or("");
                let (name, reason) = (terminal_safe(name), terminal_safe(reason));
                let _ = writeln!(out, "skipped {name}: {reason}");
            }
            Outcome::Fail { message } => {
                failed += 1;
                diagnostics.push(Diagnostic::error(
                    &source,
                    Some(line),
                    format!("{message}: not imported"),
                ));
            }
        }
    }
    if progress {
        eprint!("\r\x1b[K");
    }
    print_diagnostics(&diagnostics);
    let dry = if dry_run {
        " (dry run: nothing was written)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "{would} {created}, skipped {skipped}, failed {failed}{dry}"
    );
    if !new_files.is_empty() {
        let _ = writeln!(out, "{}", check_ins_added(context, dry_run, new_files));
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// How many `cheesecake` and `stale` check-ins the new contacts get, and over how many
/// weeks pacing spreads them: the repository as it is after the import (on a dry run, with
/// the new files added in memory), run through the rules.
fn check_ins_added(context: &Context, dry_run: bool, new_files: Vec<(String, String)>) -> String {
    let repo = if dry_run {
        let mut diagnostics = Vec::new();
        let settings = crate::open_settings(&context.root, &mut diagnostics);
        let mut loaded = crate::load::read_all(crate::load::walk(&context.root, &mut diagnostics));
        for (id, text) in &new_files {
            let file = format!("{CONTACTS_DIR}/{id}.md");
            let found = crate::load::Found {
                kind: crate::load::Kind::Contact,
                path: context.root.join(&file),
                file,
            };
            let document = crate::load::document_from_text(&found, text);
            loaded.push((found, document));
        }
        crate::model::assemble(context.root.clone(), settings, diagnostics, loaded)
    } else {
        crate::open(&context.root)
    };
    let today = context.today;
    let outcome = crate::rules::evaluate(&repo, today);
    let new: std::collections::HashSet<&str> =
        new_files.iter().map(|(id, _)| id.as_str()).collect();
    let added: Vec<chrono::NaiveDate> = outcome
        .actions
        .iter()
        .filter(|a| matches!(a.rule, Rule::Cheesecake | Rule::Stale))
        .filter(|a| {
            a.contact
                .is_some_and(|c| new.contains(repo.contacts[c].id.as_str()))
        })
        .map(|a| a.due)
        .collect();
    let adds = if dry_run { "would add" } else { "add" };
    let limit = repo.settings.limits.checkins_per_week;
    let Some(last) = added.iter().max() else {
        return format!("the new contacts {adds} no check-ins");
    };
    let count = added.len();
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    if limit == 0 {
        let now = added.iter().filter(|&&due| due <= today).count();
        return format!(
            "the new contacts {adds} {count} check-in{}, {now} of them due by today (pacing is off: `limits.checkins_per_week = 0`)",
            plural(count as u64)
        );
    }
    let weeks = u64::try_from((*last - today).num_days()).map_or(0, |days| days / 7) + 1;
    format!(
        "the new contacts {adds} {count} check-in{}, spread over {weeks} week{}, at most {limit} a week (`limits.checkins_per_week`)",
        plural(count as u64),
        plural(weeks)
    )
}

fn record_line(record: &Record) -> usize {
    match record {
        Ok(person) => person.line,
        Err(failure) => failure.line,
    }
}

fn read(file: &Path) -> Result<Vec<u8>, Fatal> {
    let size = std::fs::metadata(file)
        .map_err(|e| Fatal(format!("cannot read `{}`: {e}", file.display())))?
        .len();
    // A generous limit: a LinkedIn export of 30,000 connections is a few megabytes.
    if size > 256 * 1024 * 1024 {
        return Err(Fatal(format!(
            "`{}` is over 256 MiB: is it the right file?",
            file.display()
        )));
    }
    std::fs::read(file).map_err(|e| Fatal(format!("cannot read `{}`: {e}", file.display())))
}
