//! `goodwill import linkedin|vcard FILE [--dry-run]`: a contact file for each new person.

use super::{Context, Error, print_diagnostics};
use crate::cli::ImportCommand;
use crate::diag::Diagnostic;
use crate::diag::terminal_safe;
use crate::error::ImportError;
use crate::import::{self, Existing, Export, Outcome};
use crate::load::CONTACTS_DIR;
use crate::write::{self, WriteError};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::process::ExitCode;

/// Exports with at least this many people show a progress bar (on a terminal only).
const PROGRESS_FROM: usize = 200;

/// What one import did, for the summary.
#[derive(Debug, Default)]
struct Counts {
    created: usize,
    skipped: usize,
    failed: usize,
    hidden: usize,
}

/// Reads the export, plans, and writes (or, with `--dry-run`, only prints) the result.
/// Exit 1 when some rows or cards could not be imported; rows LinkedIn lists without
/// data (hidden by the member) are counted, not failures.
pub(super) fn run(context: &Context, command: &ImportCommand) -> Result<ExitCode, Error> {
    let (file, dry_run, export) = match command {
        ImportCommand::Mail { paths, dry_run } => {
            return super::capture::mail(context, paths, *dry_run);
        }
        ImportCommand::Calendar { file, dry_run } => {
            return super::capture::calendar(context, file, *dry_run);
        }
        ImportCommand::Linkedin { file, dry_run } => {
            let bytes = read(file)?;
            let export = import::linkedin::read(&bytes).map_err(|error| ImportError::Linkedin {
                file: file.clone(),
                error,
                zero_bytes: bytes.contains(&0),
            })?;
            (file, *dry_run, export)
        }
        ImportCommand::Vcard { file, dry_run } => {
            let bytes = read(file)?;
            let export = import::vcard::read(&bytes);
            if export.records.is_empty() && export.warnings.is_empty() {
                return Err(ImportError::NoVcard {
                    file: file.clone(),
                    zero_bytes: bytes.contains(&0),
                }
                .into());
            }
            (file, *dry_run, export)
        }
    };
    let source = file.display().to_string();
    let Export {
        mut records,
        warnings,
        hidden,
    } = export;
    // Nothing written may be more than `check` reads back.
    for person in records.iter_mut().flatten() {
        import::limits::fit(person);
    }
    let mut existing = Existing::load(&context.root);
    let outcomes = import::plan(&mut existing, &records);

    let folder = context.root.join(CONTACTS_DIR);
    if !dry_run && outcomes.iter().any(|o| matches!(o, Outcome::Create { .. })) {
        std::fs::create_dir_all(&folder).map_err(Error::at("create", &folder))?;
    }
    let mut diagnostics: Vec<Diagnostic> = warnings
        .into_iter()
        .map(|(line, message)| Diagnostic::warning(&source, line, message))
        .collect();
    let progress = progress_bar(records.len());
    let mut counts = Counts {
        hidden,
        ..Counts::default()
    };
    let mut namesakes = Vec::new();
    let mut lines = Vec::new();
    // The new files by id, as written (or as they would be, on a dry run).
    let mut new_files: Vec<(String, String)> = Vec::new();
    let would = if dry_run { "would create" } else { "created" };
    for (record, outcome) in records.iter().zip(&outcomes) {
        progress.inc(1);
        let line = match record {
            Ok(person) => person.line,
            Err(failure) => failure.line,
        };
        if let Ok(person) = record {
            for (line, warning) in &person.warnings {
                diagnostics.push(Diagnostic::warning(&source, Some(*line), warning.clone()));
            }
        }
        match outcome {
            Outcome::Create { id, beside } => {
                let Ok(person) = record else { continue };
                let relative = format!("{CONTACTS_DIR}/{id}.md");
                let name = terminal_safe(&person.contact.name).into_owned();
                let text = import::render(&person.contact, person.uid.as_deref());
                if !dry_run {
                    match write::create_new(&folder.join(format!("{id}.md")), text.as_bytes()) {
                        Ok(()) => {}
                        Err(WriteError::Exists(_)) => {
                            counts.skipped += 1;
                            lines.push(format!("skipped {name}: `{relative}` appeared meanwhile"));
                            continue;
                        }
                        Err(error) => {
                            progress.finish_and_clear();
                            let _ = flush(&lines);
                            return Err(Error::Write(error));
                        }
                    }
                }
                counts.created += 1;
                new_files.push((id.clone(), text));
                match beside {
                    Some(beside) => {
                        let beside = terminal_safe(beside);
                        lines.push(format!("{would} {relative} ({name}): {beside}"));
                        if beside.starts_with("a namesake") {
                            namesakes.push(format!("{relative} ({name}): {beside}"));
                        }
                        if beside.starts_with("shares the email") {
                            diagnostics.push(Diagnostic::warning(
                                &source,
                                Some(line),
                                format!("{} ({}): {beside}", relative, person.contact.name),
                            ));
                        }
                    }
                    None => lines.push(format!("{would} {relative} ({name})")),
                }
            }
            Outcome::Skip { reason } => {
                counts.skipped += 1;
                let name = record
                    .as_ref()
                    .map(|p| p.contact.name.as_str())
                    .unwrap_or("");
                let (name, reason) = (terminal_safe(name), terminal_safe(reason));
                lines.push(format!("skipped {name}: {reason}"));
            }
            Outcome::Fail { message } => {
                counts.failed += 1;
                diagnostics.push(Diagnostic::error(
                    &source,
                    Some(line),
                    format!("{message}: not imported"),
                ));
            }
        }
    }
    progress.finish_and_clear();
    print_diagnostics(&diagnostics);
    if !dry_run && !new_files.is_empty() {
        let paths: Vec<std::path::PathBuf> = new_files
            .iter()
            .map(|(id, _)| folder.join(format!("{id}.md")))
            .collect();
        let paths: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
        let message = format!(
            "Imported {} contact{} from {}",
            paths.len(),
            if paths.len() == 1 { "" } else { "s" },
            file.file_name()
                .map_or_else(|| source.clone(), |n| n.to_string_lossy().into_owned())
        );
        if let Some(warning) = write::git::commit_if_asked(&context.root, &paths, &message) {
            super::warn(terminal_safe(&warning));
        }
    }
    // People with the same name told apart: both files, again, where they are seen.
    for namesake in namesakes {
        lines.push(format!("kept apart: {namesake}"));
    }
    lines.push(summary(&counts, dry_run));
    if !new_files.is_empty() {
        lines.push(check_ins_added(context, dry_run, new_files));
    }
    flush(&lines)?;
    Ok(if counts.failed > 0 {
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
        let found =
            crate::load::walk_repository(&context.root, &settings.journal, &mut diagnostics);
        let mut loaded = crate::load::read_all(found);
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
        .filter(|a| a.rule.is_check_in())
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

/// `created 3, skipped 1, failed 0`, and what else happened: one line, the last one that
/// says what the import did to the repository.
fn summary(counts: &Counts, dry_run: bool) -> String {
    let would = if dry_run { "would create" } else { "created" };
    let mut line = format!(
        "{would} {}, skipped {}, failed {}",
        counts.created, counts.skipped, counts.failed
    );
    if counts.hidden > 0 {
        line.push_str(&format!(", {} hidden by the member", counts.hidden));
    }
    if dry_run {
        line.push_str(" (dry run: nothing was written)");
    }
    line
}

/// Prints the report to stdout at the end, once the work is done: a closed stdout is
/// not an error, a full one is (the files are written either way).
fn flush(lines: &[String]) -> Result<(), Error> {
    let mut text = String::new();
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    super::print(text)
}

/// A progress bar on stderr for a large import; hidden when stderr is not a terminal
/// (indicatif draws nothing then) and for small files.
fn progress_bar(len: usize) -> ProgressBar {
    if len < PROGRESS_FROM {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("importing {bar:40} {pos}/{len} {eta}") {
        bar.set_style(style);
    }
    bar
}

fn read(file: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    /// A generous limit: a LinkedIn export of 30,000 connections is a few megabytes.
    const MAX_EXPORT: u64 = 256 * 1024 * 1024;
    let too_large = || Error::from(ImportError::TooLarge(file.to_path_buf()));
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO waits for a writer, unless non-blocking.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let opened = options.open(file).map_err(Error::at("read", file))?;
    let metadata = opened.metadata().map_err(Error::at("read", file))?;
    if !metadata.is_file() {
        return Err(ImportError::NotRegularFile(file.to_path_buf()).into());
    }
    if metadata.len() > MAX_EXPORT {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    opened
        .take(MAX_EXPORT + 1)
        .read_to_end(&mut bytes)
        .map_err(Error::at("read", file))?;
    if bytes.len() as u64 > MAX_EXPORT {
        return Err(too_large());
    }
    Ok(bytes)
}
