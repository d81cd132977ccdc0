//! From documents to a [`Repository`]: type every file in parallel, then give out ids,
//! resolve links and work out what every entry concerns, in time linear in the repository.

use super::front::{LinkAt, ParsedApplication};
use super::log::{ParsedBody, RawEntry, parse_body};
use super::{Contact, Entry, Owner, Repository, Target, parse_application, parse_contact};
use crate::diag::{self, Diagnostic};
use crate::load::{Document, Found, Kind, id_of, yaml};
use crate::settings::Settings;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// How many unknown links get a "did you mean" search; past that, the hint is left out so
/// a repository full of broken links stays fast.
const MAX_SUGGESTIONS: usize = 200;

/// One file after typing: a contact, an application, or broken (its id still resolves).
#[derive(Debug, Clone)]
enum Typed {
    Contact(Contact, ParsedBody),
    Application(ParsedApplication, ParsedBody),
    Broken,
}

/// One file read and typed, before ids are given out and links resolved: what `serve`
/// keeps of each file, so that a change re-types only the files that changed.
#[derive(Debug, Clone)]
pub struct TypedFile {
    id: String,
    /// Whether the file stem is already its id (`jane-doe.md`, not `Jane Doe.md`).
    canonical: bool,
    file: String,
    kind: Kind,
    typed: Typed,
    diagnostics: Vec<Diagnostic>,
}

/// Builds the repository from everything [`crate::load::read_all`] returned.
pub fn assemble(
    root: PathBuf,
    settings: Settings,
    diagnostics: Vec<Diagnostic>,
    loaded: Vec<(Found, Result<Document, Diagnostic>)>,
) -> Repository {
    let files: Vec<TypedFile> = loaded.into_par_iter().map(type_file).collect();
    link(root, settings, diagnostics, files)
}

/// Builds the repository from typed files, in the order the walk found them: gives out
/// ids, resolves links and works out what every entry concerns.
pub fn link(
    root: PathBuf,
    settings: Settings,
    mut diagnostics: Vec<Diagnostic>,
    mut files: Vec<TypedFile>,
) -> Repository {
    // Ids: of files with the same id, the one whose stem already is the id keeps it (else
    // the first in path order); each other one gets an error.
    let mut first_file: HashMap<String, usize> = HashMap::with_capacity(files.len());
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| !files[i].canonical);
    for index in order {
        let id = files[index].id.clone();
        if id.is_empty() {
            let file = &mut files[index];
            file.typed = Typed::Broken;
            file.diagnostics.push(Diagnostic::error(
                &file.file,
                None,
                "the file name has no letters or digits to make an id from: rename the file"
                    .to_owned(),
            ));
            continue;
        }
        match first_file.get(&id) {
            Some(&first) => {
                let other = files[first].file.clone();
                let file = &mut files[index];
                file.typed = Typed::Broken;
                file.diagnostics.push(Diagnostic::error(
                    &file.file,
                    None,
                    format!(
                        "duplicate id `{id}`: `{other}` has the same id; rename one of the files"
                    ),
                ));
            }
            None => {
                first_file.insert(id, index);
            }
        }
    }

    // A link that names no id may name a file `new` or `import` made from the same name.
    for file in &mut files {
        let (links, body) = match &mut file.typed {
            Typed::Application(parsed, body) => (
                parsed
                    .reference_links
                    .iter_mut()
                    .chain(parsed.contact_links.iter_mut())
                    .collect::<Vec<_>>(),
                body,
            ),
            Typed::Contact(_, body) => (Vec::new(), body),
            Typed::Broken => continue,
        };
        for link in links {
            prefer_known(&mut link.id, &link.text, &first_file);
        }
        for entry in &mut body.entries {
            for (id, written) in &mut entry.links {
                prefer_known(id, written, &first_file);
            }
        }
    }

    // An application whose `references` or `contacts` name no contact is an error too.
    let kind_of = |id: &str| {
        first_file
            .get(id)
            .map(|&i| (&files[i].kind, matches!(files[i].typed, Typed::Broken)))
    };
    let mut suggestions = 0;
    let mut link_errors: Vec<(usize, Vec<Diagnostic>)> = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let Typed::Application(parsed, _) = &file.typed else {
            continue;
        };
        let mut errors = Vec::new();
        for (key, links) in [
            ("references", &parsed.reference_links),
            ("contacts", &parsed.contact_links),
        ] {
            for link in links {
                let message = match kind_of(&link.id) {
                    Some((Kind::Contact, _)) => continue,
                    Some((_, true)) => continue,
                    Some((Kind::Application, false)) => {
                        format!(
                            "`{}` in `{key}` is an application, not a contact",
                            link.text
                        )
                    }
                    None => {
                        let hint = suggest(&link.id, &first_file, &mut suggestions);
                        format!(
                            "unknown contact `{}` in `{key}`{hint}: create `contacts/{}.md` or fix the link",
                            link.text,
                            if link.id.is_empty() { "name" } else { &link.id }
                        )
                    }
                };
                errors.push(Diagnostic::error(&file.file, Some(link.line), message));
            }
        }
        if !errors.is_empty() {
            link_errors.push((index, errors));
        }
    }
    for (index, errors) in link_errors {
        files[index].typed = Typed::Broken;
        files[index].diagnostics.extend(errors);
    }

    // Indices for the files without errors, and the id table.
    // Sized up front: growing these by doubling copied them several times over.
    let count = |kind| {
        files
            .iter()
            .filter(|f| f.kind == kind && !matches!(f.typed, Typed::Broken))
            .count()
    };
    let (contact_count, application_count) = (count(Kind::Contact), count(Kind::Application));
    let entry_count: usize = files
        .iter()
        .map(|file| match &file.typed {
            Typed::Contact(_, body) | Typed::Application(_, body) => body.entries.len(),
            Typed::Broken => 0,
        })
        .sum();
    let mut ids = HashMap::with_capacity(files.len());
    let mut contacts = Vec::with_capacity(contact_count);
    let mut applications = Vec::with_capacity(application_count);
    let mut bodies: Vec<(Owner, ParsedBody)> = Vec::with_capacity(files.len());
    let mut pending_links: Vec<(Vec<LinkAt>, Vec<LinkAt>)> = Vec::with_capacity(application_count);
    let mut broken_applications = HashSet::new();
    for (position, file) in files.iter_mut().enumerate() {
        diagnostics.append(&mut file.diagnostics);
        let typed = std::mem::replace(&mut file.typed, Typed::Broken);
        let target = match typed {
            Typed::Broken => {
                if file.kind == Kind::Application {
                    broken_applications.insert(file.id.clone());
                }
                Target::Broken
            }
            Typed::Contact(contact, body) => {
                let index = contacts.len();
                contacts.push(contact);
                bodies.push((Owner::Contact(index), body));
                Target::Contact(index)
            }
            Typed::Application(parsed, body) => {
                let index = applications.len();
                let mut application = parsed.application;
                application.synopsis = application.body[..body.log_start].trim().to_owned();
                applications.push(application);
                pending_links.push((parsed.reference_links, parsed.contact_links));
                bodies.push((Owner::Application(index), body));
                Target::Application(index)
            }
        };
        if first_file.get(&file.id) == Some(&position) {
            ids.insert(file.id.clone(), target);
        }
    }
    let contact_index = |link: &LinkAt| match ids.get(&link.id) {
        Some(Target::Contact(index)) => Some(*index),
        _ => None,
    };
    for (application, (references, listed)) in applications.iter_mut().zip(pending_links) {
        application.references = dedup(references.iter().filter_map(contact_index));
        application.contacts = dedup(listed.iter().filter_map(contact_index));
    }

    // Who lists whom, for entries in contact files that link no application.
    let mut listing: Vec<Vec<usize>> = vec![Vec::new(); contacts.len()];
    for (index, application) in applications.iter().enumerate() {
        for &contact in application.references.iter().chain(&application.contacts) {
            if listing[contact].last() != Some(&index) {
                listing[contact].push(index);
            }
        }
    }
    for (contact, apps) in listing.iter_mut().enumerate() {
        let _ = contact;
        apps.sort_unstable();
        apps.dedup();
    }

    // Entries resolve independently, so in parallel; the warning for an unknown link
    // waits for its "did you mean" hint, handed out in file order while the budget lasts.
    let resolver = Resolver {
        ids: &ids,
        listing: &listing,
        broken_applications: &broken_applications,
    };
    let resolved: Vec<(Vec<Entry>, Vec<UnknownLink>)> = bodies
        .into_par_iter()
        .map(|(owner, body)| {
            let file = match owner {
                Owner::Contact(c) => &contacts[c].file,
                Owner::Application(a) => &applications[a].file,
            };
            let mut unknown = Vec::new();
            let entries = body
                .entries
                .into_iter()
                .map(|raw| resolver.entry(raw, owner, file, &mut unknown))
                .collect();
            (entries, unknown)
        })
        .collect();
    let mut entries = Vec::with_capacity(entry_count);
    for (resolved, unknown) in resolved {
        entries.extend(resolved);
        for link in unknown {
            let hint = suggest(&link.id, &ids, &mut suggestions);
            diagnostics.push(Diagnostic::warning(
                link.file,
                Some(link.line),
                format!(
                    "unknown link `{}`: no contact or application has the id `{}`{hint}",
                    link.written, link.id
                ),
            ));
        }
    }

    // A listed contact without a way to reach them.
    let mut listed = vec![false; contacts.len()];
    for application in &applications {
        for &contact in application.references.iter().chain(&application.contacts) {
            listed[contact] = true;
        }
    }
    for (contact, _) in listed.iter().enumerate().filter(|(_, listed)| **listed) {
        let contact = &contacts[contact];
        if contact.emails.is_empty() && contact.phone.is_none() && !contact.archived {
            diagnostics.push(Diagnostic::warning(
                &contact.file,
                Some(1),
                format!(
                    "{} is listed on an application but has neither `email` nor `phone`: add one while you can still ask",
                    contact.name
                ),
            ));
        }
    }

    diag::sort(&mut diagnostics);
    Repository {
        root,
        settings,
        contacts,
        applications,
        entries,
        diagnostics,
        ids,
    }
}

/// Types one file read by [`crate::load::read_all`] (or re-read by `serve`).
pub fn type_file((found, doc): (Found, Result<Document, Diagnostic>)) -> TypedFile {
    let id = id_of(&found);
    let mut diagnostics = Vec::new();
    let typed = match doc {
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            Typed::Broken
        }
        Ok(doc) => type_document(&doc, &mut diagnostics),
    };
    let canonical = found
        .path
        .file_stem()
        .is_some_and(|stem| stem.to_str() == Some(id.as_str()));
    TypedFile {
        id,
        canonical,
        file: found.file,
        kind: found.kind,
        typed,
        diagnostics,
    }
}

fn type_document(doc: &Document, diagnostics: &mut Vec<Diagnostic>) -> Typed {
    let front = match yaml::parse(&doc.front, doc.front_line + 1) {
        Ok(front) => front,
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                &doc.file,
                Some(error.line),
                error.message,
            ));
            return Typed::Broken;
        }
    };
    let before = diagnostics.len();
    let body = parse_body(&doc.body, doc.body_line, &doc.file, diagnostics);
    let body_failed = diagnostics[before..].iter().any(Diagnostic::is_error);
    let typed = match doc.kind {
        Kind::Contact => {
            parse_contact(doc, front.as_ref(), diagnostics).map(|c| Typed::Contact(c, body))
        }
        Kind::Application => {
            parse_application(doc, front.as_ref(), diagnostics).map(|a| Typed::Application(a, body))
        }
    };
    match typed {
        Some(typed) if !body_failed => typed,
        _ => Typed::Broken,
    }
}

/// A link in an entry that names no contact or application.
struct UnknownLink {
    file: String,
    line: usize,
    written: String,
    id: String,
}

/// What an entry's links and file need to be resolved.
struct Resolver<'a> {
    ids: &'a HashMap<String, Target>,
    /// Per contact: the applications that list it.
    listing: &'a [Vec<usize>],
    /// Ids of applications with errors: linking one still scopes an entry.
    broken_applications: &'a HashSet<String>,
}

impl Resolver<'_> {
    /// Resolves the links of `raw` and works out what it concerns (DESIGN.md section 4);
    /// links that name nothing go to `unknown`.
    fn entry(
        &self,
        raw: RawEntry,
        owner: Owner,
        file: &str,
        unknown: &mut Vec<UnknownLink>,
    ) -> Entry {
        let ids = self.ids;
        let mut linked_contacts = Vec::new();
        let mut linked_applications = Vec::new();
        let mut links_application = false;
        for (id, written) in &raw.links {
            match ids.get(id) {
                Some(Target::Contact(c)) => linked_contacts.push(*c),
                Some(Target::Application(a)) => {
                    links_application = true;
                    linked_applications.push(*a);
                }
                Some(Target::Broken) => links_application |= self.broken_applications.contains(id),
                None => unknown.push(UnknownLink {
                    file: file.to_owned(),
                    line: raw.line,
                    written: written.clone(),
                    id: id.clone(),
                }),
            }
        }
        let (contacts, applications) = match owner {
            Owner::Contact(c) => {
                let applications = if !links_application {
                    self.listing[c].clone()
                } else {
                    dedup(linked_applications.into_iter())
                };
                (vec![c], applications)
            }
            Owner::Application(a) => (dedup(linked_contacts.into_iter()), vec![a]),
        };
        Entry {
            date: raw.date,
            text: raw.text,
            tags: raw.tags,
            links: raw.links.into_iter().map(|(id, _)| id).collect(),
            task: raw.task,
            owner,
            line: raw.line,
            contacts,
            applications,
        }
    }
}

fn dedup(items: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut items: Vec<usize> = items.collect();
    items.sort_unstable();
    items.dedup();
    items
}

/// Replaces `id` by another reading of the link `written` when only that one is known.
fn prefer_known(id: &mut String, written: &str, known: &HashMap<String, usize>) {
    if known.contains_key(id.as_str()) {
        return;
    }
    if let Some(other) = crate::id::link_candidates(written)
        .skip(1)
        .find(|c| known.contains_key(c))
    {
        *id = other;
    }
}

/// A " (did you mean …?)" hint among the keys of `known`, while the budget lasts.
fn suggest<V>(id: &str, known: &HashMap<String, V>, budget: &mut usize) -> String {
    if *budget >= MAX_SUGGESTIONS {
        return String::new();
    }
    *budget += 1;
    diag::did_you_mean(id, known.keys().map(String::as_str))
}
