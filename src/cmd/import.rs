//! `goodwill import linkedin|vcard FILE [--dry-run]`: a contact file for each new person.

use super::{Context, Fatal, print_diagnostics};
use crate::cli::ImportCommand;
use crate::diag::Diagnostic;
use crate::diag::terminal_safe;
use crate::import::{self, Existing, Outcome, Record};
use crate::load::CONTACTS_DIR;
use crate::write::{self, WriteError};
use std::fmt::Write as _;
use std::io::IsTerminal;
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
    // Printed when all is written: a closed stdout must not stop the import half way.
    let mut out = String::new();
    let would = if dry_run { "would create" } else { "created" };
    for (index, (record, outcome)) in records.iter().zip(&outcomes).enumerate() {
        if progress && index % 50 == 0 {
            super::warn(format_args!("\rimporting {index}/{}", records.len()));
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
        super::warn("\r\x1b[K");
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
    super::print(out)?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
