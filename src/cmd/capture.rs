//! `goodwill import mail PATH... [--dry-run]` and `goodwill import calendar FILE
//! [--dry-run]`: touches from mail and calendar exports (`docs/capture.md`).
//!
//! The repository is read and evaluated once, before anything is written; every line is
//! planned in memory; then each file is written once ([`Plan::write`]), or, on a dry run,
//! every line is printed with its file.

use super::{Context, Error, print};
use crate::diag::terminal_safe;
use crate::error::{ImportError, Usage};
use crate::import::capture::mail::{self, Unread};
use crate::import::capture::touches::{self, Answers, Book, Direction};
use crate::import::capture::{Plan, calendar, present};
use crate::model::Repository;
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;

/// How many strangers the summary names.
const STRANGERS_SHOWN: usize = 10;

/// Mail at least this large (bytes) shows a progress bar, on a terminal only.
const PROGRESS_FROM: u64 = 8 << 20;

/// The largest calendar file read (calendars are small; this is not one).
const MAX_CALENDAR_BYTES: u64 = 256 << 20;

/// The repository, with the settings' `me` checked.
fn open(context: &Context, what: &'static str) -> Result<Repository, Error> {
    let repo = crate::open(&context.root);
    if repo.settings.me.iter().all(|me| me.trim().is_empty()) {
        return Err(Usage::MeNotSet { needed_for: what }.into());
    }
    Ok(repo)
}

/// What an import of mail did, for its summary.
#[derive(Debug, Default)]
struct MailCounts {
    read: usize,
    sent: usize,
    received: usize,
    settled: usize,
    automatic: usize,
    present: usize,
    no_id: usize,
    no_date: usize,
    later: usize,
    others: usize,
}

/// `import mail`.
pub(super) fn mail(context: &Context, paths: &[PathBuf], dry_run: bool) -> Result<ExitCode, Error> {
    let repo = open(context, "sent mail from received")?;
    let today = context.today;
    let outcome = crate::rules::evaluate(&repo, today);
    let book = Book::new(&repo);
    let mut answers = Answers::new(&repo, &outcome);
    // Message-IDs by hash: a hundred thousand of them take a few MiB, not tens.
    let mut known: HashSet<u64> = present(&repo, "mid", true)
        .iter()
        .map(|k| key_hash(k))
        .collect();
    let mut sources = Vec::new();
    for path in paths {
        let found = mail::sources(path).map_err(Error::at("read", path))?;
        if found.is_empty() {
            return Err(ImportError::NoMail(path.clone()).into());
        }
        sources.extend(found);
    }
    let total: u64 = sources.iter().map(|s| s.len).sum();
    let progress = progress_bar(total, PROGRESS_FROM);
    let mut counts = MailCounts::default();
    let mut plan = Plan::default();
    let mut per_contact: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    let mut strangers = Strangers::default();
    // A dry run prints each line as it is found rather than keeping them all.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut out_error: Option<std::io::Error> = None;
    let mut done_before: u64 = 0;
    for source in &sources {
        let mut each = |raw: mail::Raw, read: u64| -> std::io::Result<()> {
            progress.set_position(done_before + read);
            counts.read += 1;
            let mail = match mail::parse(&raw) {
                Ok(mail) => mail,
                Err(Unread::NoId) => {
                    counts.no_id += 1;
                    return Ok(());
                }
                Err(Unread::NoDate) => {
                    counts.no_date += 1;
                    return Ok(());
                }
            };
            if mail.date > today {
                counts.later += 1;
                return Ok(());
            }
            if mail.automatic {
                counts.automatic += 1;
                return Ok(());
            }
            let direction = touches::direction(&mail, &book);
            if let Direction::Sent { strangers: new, .. } = &direction {
                for (address, name) in new {
                    strangers.add(address, name.as_deref());
                }
            }
            let contacts = match direction {
                Direction::Sent { contacts, .. } if !contacts.is_empty() => contacts,
                Direction::Received { contact } => vec![contact],
                _ => {
                    counts.others += 1;
                    return Ok(());
                }
            };
            // Once per message: the same mail in two folders (Sent and All Mail) is one.
            if !known.insert(key_hash(&mail.id)) {
                counts.present += 1;
                return Ok(());
            }
            let sent = book.is_me(&mail.from);
            for c in contacts {
                // A reply to a draft settles its message: its lines carry what `done`
                // would write, one line per application the message concerns.
                let answered = if sent {
                    answers.answered_by(c, &mail.subject, mail.date)
                } else {
                    None
                };
                let lines: Vec<String> = match answered {
                    Some(m) => (answers.settling(m, mail.date).iter())
                        .map(|settling| touches::line(&mail, sent, settling))
                        .collect(),
                    None => vec![touches::line(&mail, sent, "")],
                };
                let tally = per_contact.entry(c).or_default();
                if sent {
                    counts.sent += 1;
                    tally.0 += 1;
                } else {
                    counts.received += 1;
                    tally.1 += 1;
                }
                counts.settled += usize::from(answered.is_some());
                let file = &repo.contacts[c].file;
                for line in lines {
                    if !dry_run {
                        plan.add(file, line);
                    } else if out_error.is_none() {
                        use std::io::Write;
                        let line = terminal_safe(&line);
                        if let Err(error) = writeln!(out, "{file}: - {line}") {
                            out_error = Some(error);
                        }
                    }
                }
            }
            Ok(())
        };
        mail::read(source, &mut each).map_err(Error::at("read", &source.path))?;
        done_before += source.len;
    }
    progress.finish_and_clear();
    if let Some(error) = out_error {
        return Err(super::stdout_error(error));
    }
    {
        use std::io::Write;
        out.flush().map_err(super::stdout_error)?;
    }
    drop(out);
    let written = finish(&repo, &plan, dry_run)?;
    let mut report = Vec::new();
    for (c, (sent, received)) in &per_contact {
        report.push(format!(
            "{}: {sent} sent, {received} received",
            repo.contacts[*c].file
        ));
    }
    let files = if dry_run { per_contact.len() } else { written };
    report.push(mail_summary(&counts, files, dry_run));
    report.extend(strangers.lines());
    print(report.join("\n") + "\n")?;
    Ok(ExitCode::SUCCESS)
}

/// A stable 64-bit hash of a key (`std`'s SipHash with its fixed keys).
fn key_hash(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

/// The addresses you wrote to that are no contact's, counted; at most
/// [`Strangers::MAX`] are kept (then those written to once are dropped), so memory stays
/// bounded whatever the mailbox.
#[derive(Debug, Default)]
struct Strangers {
    counts: HashMap<String, (usize, Option<String>)>,
}

impl Strangers {
    const MAX: usize = 50_000;

    fn add(&mut self, address: &str, name: Option<&str>) {
        if let Some(seen) = self.counts.get_mut(address) {
            seen.0 += 1;
            if seen.1.is_none() {
                seen.1 = name.map(str::to_owned);
            }
            return;
        }
        if self.counts.len() >= Self::MAX {
            self.counts.retain(|_, (count, _)| *count > 1);
            if self.counts.len() >= Self::MAX {
                return;
            }
        }
        self.counts
            .insert(address.to_owned(), (1, name.map(str::to_owned)));
    }

    /// The addresses you wrote to most, with the command that adds each.
    fn lines(self) -> Vec<String> {
        stranger_lines(self.counts)
    }
}

/// Writes the plan unless `dry_run`; the number of files written.
fn finish(repo: &Repository, plan: &Plan, dry_run: bool) -> Result<usize, Error> {
    if dry_run {
        return Ok(0);
    }
    // The one place a run writes; with `git.commit`, the files it wrote are committed in
    // one commit (`docs/commands.md`, "Git").
    let written = plan.write(repo).map_err(Error::Write)?;
    let paths: Vec<std::path::PathBuf> = written.iter().map(|file| repo.root.join(file)).collect();
    let paths: Vec<&std::path::Path> = paths.iter().map(std::path::PathBuf::as_path).collect();
    let message = format!(
        "Imported {} from mail or calendar into {}",
        plural(plan.len(), "line"),
        plural(written.len(), "file")
    );
    if let Some(warning) = crate::write::git::commit_if_asked(&repo.root, &paths, &message) {
        super::warn(terminal_safe(&warning));
    }
    Ok(written.len())
}

/// On a dry run, every line with its file.
fn dry_run_lines(plan: &Plan, dry_run: bool) -> Vec<String> {
    if !dry_run {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (file, lines) in plan.files() {
        for line in lines {
            out.push(format!("{file}: - {}", terminal_safe(line)));
        }
    }
    out
}

fn mail_summary(counts: &MailCounts, files: usize, dry_run: bool) -> String {
    let added = if dry_run { "would add" } else { "added" };
    let mut line = format!(
        "{} messages read: {added} {} entries ({} sent, {} received) in {} files, {} settled, {} skipped as lists or automatic, {} already present",
        counts.read,
        counts.sent + counts.received,
        counts.sent,
        counts.received,
        files,
        plural(counts.settled, "message"),
        counts.automatic,
        counts.present,
    );
    for (count, what) in [
        (counts.no_id, "without a Message-ID"),
        (counts.no_date, "without a readable date"),
        (counts.later, "dated after today"),
        (counts.others, "not between you and a contact"),
    ] {
        if count > 0 {
            line.push_str(&format!(", {count} {what}"));
        }
    }
    if dry_run {
        line.push_str(" (dry run: nothing was written)");
    }
    line
}

/// `1 message`, `2 messages`.
fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// The addresses you wrote to most that are no contact's, with the command that adds
/// each.
fn stranger_lines(strangers: HashMap<String, (usize, Option<String>)>) -> Vec<String> {
    let mut strangers: Vec<(String, usize, Option<String>)> = strangers
        .into_iter()
        .map(|(address, (count, name))| (address, count, name))
        .collect();
    strangers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if strangers.is_empty() {
        return Vec::new();
    }
    let mut out = vec!["you wrote most to these addresses, which are no contact's:".to_owned()];
    for (address, count, name) in strangers.into_iter().take(STRANGERS_SHOWN) {
        let name = name.unwrap_or_else(|| address.split('@').next().unwrap_or("").to_owned());
        let times = if count == 1 { "time" } else { "times" };
        out.push(format!(
            "  {count} {times}: goodwill new contact {} --email {}",
            shell_quote(&terminal_safe(&name)),
            shell_quote(&terminal_safe(&address))
        ));
    }
    out
}

/// `text` quoted for a POSIX shell.
fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "@.-_+".contains(c));
    if plain {
        return text.to_owned();
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `import calendar`.
pub(super) fn calendar(
    context: &Context,
    file: &PathBuf,
    dry_run: bool,
) -> Result<ExitCode, Error> {
    // `me` only sets your own address aside here: a calendar is yours already.
    let repo = crate::open(&context.root);
    let meta = std::fs::metadata(file).map_err(Error::at("read", file))?;
    if meta.len() > MAX_CALENDAR_BYTES {
        return Err(ImportError::CalendarTooLarge(file.clone()).into());
    }
    let bytes = std::fs::read(file).map_err(Error::at("read", file))?;
    let text = String::from_utf8_lossy(&bytes);
    let (occurrences, skipped) =
        calendar::read(&text, context.today).map_err(|error| ImportError::Calendar {
            file: file.clone(),
            error,
        })?;
    let book = Book::new(&repo);
    let mut known = present(&repo, "ics", false);
    let mut plan = Plan::default();
    let (mut meetings, mut interviews, mut already, mut nobody) = (0, 0, 0, 0);
    let mut seen = HashSet::new();
    for occurrence in &occurrences {
        if !seen.insert(occurrence.key.clone()) {
            continue;
        }
        match calendar::place(occurrence, &repo, &book) {
            calendar::Placed::Nobody => nobody += 1,
            _ if !known.insert(occurrence.key.clone()) => already += 1,
            calendar::Placed::Interview { application, line } => {
                interviews += 1;
                plan.add(&repo.applications[application].file, line);
            }
            calendar::Placed::Meeting { lines } => {
                meetings += 1;
                for (c, line) in lines {
                    plan.add(&repo.contacts[c].file, line);
                }
            }
        }
    }
    let written = finish(&repo, &plan, dry_run)?;
    let mut report = dry_run_lines(&plan, dry_run);
    let added = if dry_run { "would add" } else { "added" };
    let mut summary = format!(
        "{} events read: {added} {} entries ({meetings} meetings, {interviews} interviews) in {} files, {already} already present, {nobody} with no contact, {} cancelled, {} not yet taken place",
        occurrences.len() + skipped.cancelled + skipped.later + skipped.unreadable,
        plan.len(),
        if dry_run {
            plan.files().count()
        } else {
            written
        },
        skipped.cancelled,
        skipped.later,
    );
    if skipped.unreadable > 0 {
        summary.push_str(&format!(", {} without a UID or start", skipped.unreadable));
    }
    if dry_run {
        summary.push_str(" (dry run: nothing was written)");
    }
    report.push(summary);
    print(report.join("\n") + "\n")?;
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on stderr for `total` bytes; hidden below `from` and when stderr is
/// not a terminal (indicatif draws nothing then).
fn progress_bar(total: u64, from: u64) -> ProgressBar {
    if total < from {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("reading mail {bar:40} {bytes}/{total_bytes} {eta}")
    {
        bar.set_style(style);
    }
    bar
}
