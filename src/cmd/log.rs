//! `goodwill log ID TEXT`: append a dated entry to a contact's or application's log.

use super::{Context, Error, print_diagnostics};
use crate::cli::LogArgs;
use crate::diag::Diagnostic;
use crate::error::{CannotAdd, Refusal};
use crate::load::{MAX_FILE_BYTES, split};
use crate::model::log::parse_body;
use crate::model::tags::{TAGS, is_known_tag};
use crate::write::{self, append::append_entry};
use std::process::ExitCode;

/// Appends `- DATE TEXT` and prints where it went.
pub(super) fn run(context: &Context, args: &LogArgs) -> Result<ExitCode, Error> {
    let text = args.text.trim();
    if text.is_empty() {
        return Err(Refusal::EmptyLogText.into());
    }
    if text.contains(['\n', '\r']) {
        return Err(Refusal::MultilineLogText.into());
    }
    let by_id = write::files_by_id(&context.root);
    let mut aliases = Aliases::new(&context.root);
    let mut id = crate::id::link_target(&args.id);
    if !by_id.contains_key(&id)
        && let Some(named) = aliases.resolve(&id)
    {
        id = named;
    }
    let found = match by_id.get(&id).map(Vec::as_slice) {
        Some([found]) => found,
        Some(files) => {
            let files = files.iter().map(|f| f.file.clone()).collect();
            return Err(Refusal::AmbiguousId { id, files }.into());
        }
        None => {
            let hint = crate::diag::nearest_hint(&id, by_id.keys().map(String::as_str));
            return Err(Refusal::UnknownId {
                id: args.id.clone(),
                hint,
            }
            .into());
        }
    };

    let date = args.date.unwrap_or(context.today);
    let entry = format!("{} {text}", date.format("%Y-%m-%d"));
    // Under the file's lock: read, add the entry, check it, write. Another goodwill writer
    // waits its turn; an editor's save in between makes this run again on the new text.
    let (line, diagnostics) = write::update(&found.path, |original| {
        let appended = add_entry(found, original, &entry, date, text, &by_id, &mut aliases)?;
        Ok::<_, Error>((appended.0.into_bytes(), (appended.1, appended.2)))
    })?;
    print_diagnostics(&diagnostics);
    if let Some(warning) =
        write::git::commit_if_asked(&context.root, &[found.path.as_path()], &entry)
    {
        super::warn(crate::diag::terminal_safe(&warning));
    }
    // Written: a script that retries on failure must know not to write it again.
    super::print(format_args!("{}:{line}: - {entry}\n", found.file)).map_err(|fatal| {
        if fatal.is_stdout_closed() {
            fatal
        } else {
            Error::WrittenBut {
                file: found.file.clone(),
                error: Box::new(fatal),
            }
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The new text of the file `found`, whose bytes are `original`, with `entry` added: the
/// text, the entry's line, and warnings about its links and tags. Fails when the result
/// would not be read back as that entry.
fn add_entry(
    found: &crate::load::Found,
    original: &[u8],
    entry: &str,
    date: chrono::NaiveDate,
    text: &str,
    by_id: &std::collections::BTreeMap<String, Vec<crate::load::Found>>,
    aliases: &mut Aliases,
) -> Result<(String, usize, Vec<Diagnostic>), Error> {
    if original.len() as u64 > MAX_FILE_BYTES {
        return Err(Refusal::FileTooLarge {
            file: found.file.clone(),
            split_it: true,
        }
        .into());
    }
    let before = std::str::from_utf8(original).map_err(|_| Refusal::NotUtf8(found.file.clone()))?;
    let appended = append_entry(before, entry).map_err(|error| Refusal::CannotAdd {
        file: found.file.clone(),
        why: CannotAdd::FrontMatter(error),
    })?;

    // Read the result back the way `check` will, and write only if the new entry is there.
    let mut diagnostics = Vec::new();
    let new_entry = {
        let parts = split::split(&appended.text).map_err(|error| Refusal::CannotAdd {
            file: found.file.clone(),
            why: CannotAdd::Rewritten(error),
        })?;
        let mut ignored = Vec::new();
        let parsed = parse_body(parts.body, parts.body_line, &found.file, &mut ignored);
        parsed
            .entries
            .into_iter()
            .find(|e| e.line == appended.line && e.date == date)
    };
    let Some(new_entry) = new_entry else {
        return Err(Refusal::NotReadBack {
            text: text.to_owned(),
            file: found.file.clone(),
        }
        .into());
    };
    for (link, written) in &new_entry.links {
        if !by_id.contains_key(link) && aliases.resolve(link).is_none() {
            let hint = crate::diag::did_you_mean(link, by_id.keys().map(String::as_str));
            diagnostics.push(Diagnostic::warning(
                found.file.clone(),
                Some(appended.line),
                format!(
                    "unknown link `{written}`: no contact or application has the id `{link}`{hint}"
                ),
            ));
        }
    }
    for tag in &new_entry.tags {
        if !is_known_tag(tag)
            && let Some(known) = crate::diag::closest(tag, TAGS.iter().map(|spec| spec.tag))
        {
            diagnostics.push(Diagnostic::warning(
                found.file.clone(),
                Some(appended.line),
                format!("tag `#{tag}` means nothing to goodwill (did you mean `#{known}`?)"),
            ));
        }
    }
    Ok((appended.text, appended.line, diagnostics))
}

/// Contacts' aliases, read from the whole repository only when a name is not a file's id:
/// most logs link by id, and reading every file costs more than the rest of `log`.
pub(super) struct Aliases<'a> {
    root: &'a std::path::Path,
    ids: Option<std::collections::HashMap<String, String>>,
}

impl<'a> Aliases<'a> {
    pub(super) fn new(root: &'a std::path::Path) -> Self {
        Aliases { root, ids: None }
    }

    /// The id of the file an alias names, if one does.
    pub(super) fn resolve(&mut self, alias: &str) -> Option<String> {
        let root = self.root;
        let ids = self.ids.get_or_insert_with(|| {
            let repo = crate::open(root);
            repo.ids
                .iter()
                .filter_map(|(name, target)| {
                    let id = match target {
                        crate::model::Target::Contact(c) => &repo.contacts[*c].id,
                        crate::model::Target::Application(a) => &repo.applications[*a].id,
                        crate::model::Target::Broken => return None,
                    };
                    (name != id).then(|| (name.clone(), id.clone()))
                })
                .collect()
        });
        ids.get(alias).cloned()
    }
}
