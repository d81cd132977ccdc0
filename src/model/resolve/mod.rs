//! From documents to a [`Repository`]: type every file in parallel, then give out ids and
//! aliases, resolve links and work out what every entry concerns, in time linear in the
//! repository. A file with an error is still checked for its other mistakes (its log's
//! links, an application's `references`), and its id and aliases still resolve, so links
//! to it raise nothing more.

use super::front::{LinkAt, ParsedApplication, ParsedContact};
use super::log::{ParsedBody, RawEntry, parse_body, parse_note};
use super::{
    Application, Contact, Entry, Journal, Owner, Repository, Target, parse_application,
    parse_contact,
};
use crate::diag::{self, Diagnostic};
use crate::load::{Document, Found, Kind, id_of, yaml};
use crate::settings::Settings;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;

mod patch;
mod typing;
pub(crate) use typing::type_file;

/// How many unknown links get a "did you mean" search; past that, the hint is left out so
/// a repository full of broken links stays fast.
pub(crate) const MAX_SUGGESTIONS: usize = 200;

/// The longest id a file may have: its pages are named `ID.html`, and a file name has at
/// most 255 bytes on common file systems. A longer id is an error here rather than a
/// failed `build`, so `check` and `build` agree (`build` leaves the file out, like any
/// file with an error).
pub(super) const MAX_ID_BYTES: usize = 250;

/// One file after typing: a contact, an application, or broken (its id still resolves).
#[derive(Debug, Clone)]
enum Typed {
    Contact(Contact),
    Application(Application),
    /// A journal note and its date: it has no id, and only its entries count.
    Journal(NaiveDate),
    Broken,
}

/// One file read and typed, before ids are given out and links resolved: what `serve`
/// keeps of each file, so that a change re-types only the files that changed.
#[derive(Debug, Clone)]
pub(crate) struct TypedFile {
    id: String,
    /// Whether the file stem is already its id (`jane-doe.md`, not `Jane Doe.md`).
    canonical: bool,
    file: String,
    kind: Kind,
    typed: Typed,
    /// The log, whenever the file could be split into front matter and body: a broken
    /// file's links are still checked.
    body: Option<ParsedBody>,
    /// A contact's `aliases`.
    aliases: Vec<LinkAt>,
    /// An application's `references` and `contacts` as written, broken or not.
    reference_links: Vec<LinkAt>,
    contact_links: Vec<LinkAt>,
    diagnostics: Vec<Diagnostic>,
}

/// What a name (an id or an alias) points at: a file by its index, or nothing because two
/// contacts share the alias.
#[derive(Clone, Copy)]
enum Name {
    File(usize),
    Ambiguous,
}

/// Builds the repository from everything [`crate::load::read_all`] returned.
pub(crate) fn assemble(
    root: PathBuf,
    settings: Settings,
    diagnostics: Vec<Diagnostic>,
    loaded: Vec<(Found, Result<Document, Diagnostic>)>,
) -> Repository {
    let files: Vec<TypedFile> = loaded.into_par_iter().map(type_file).collect();
    link(root, settings, diagnostics, files).0
}

/// What linking learnt of every file and of the names between them: what `serve` keeps
/// so that an edit which changes no file's shape is patched into the repository
/// ([`Links::patch`]) rather than every file being linked again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    /// Per file, in the order given to [`link`].
    files: Vec<FileLinks>,
    /// Aliases two contacts share: links to them go nowhere.
    ambiguous: HashSet<String>,
    /// Per contact: the applications that list it.
    listing: Vec<Vec<usize>>,
    /// Ids of applications with errors: linking one still scopes an entry.
    broken_applications: HashSet<String>,
    /// How many "did you mean" searches were made, at most [`MAX_SUGGESTIONS`].
    suggestions: usize,
}

/// What linking learnt of one file.
#[derive(Debug, Clone)]
struct FileLinks {
    /// What the file became.
    target: Target,
    /// What comparing it with the other files found (its id, its aliases, its
    /// `references` and `contacts`); the rest of its diagnostics are its own.
    diagnostics: Vec<Diagnostic>,
    /// Where its entries are in [`Repository::entries`].
    entries: Range<usize>,
    /// How many "did you mean" searches its entries took.
    suggestions: usize,
}

/// Builds the repository from typed files, in the order the walk found them, phase by
/// phase: ids, names, the links of applications, the files without errors, the id
/// table, who lists whom, the entries, and the contacts nobody can reach. Returns what
/// it learnt too, for [`Links::patch`].
pub(crate) fn link(
    root: PathBuf,
    settings: Settings,
    mut diagnostics: Vec<Diagnostic>,
    mut files: Vec<TypedFile>,
) -> (Repository, Links) {
    let mut found: Vec<Vec<Diagnostic>> = vec![Vec::new(); files.len()];
    let first_file = give_ids(&mut files, &mut found);
    let (names, ambiguous) = give_names(&mut files, &first_file, &mut found);
    let mut suggestions = 0;
    check_listed_contacts(&mut files, &names, &mut found, &mut suggestions);
    let split = split(&mut files, &mut diagnostics);
    let ids = id_table(&names, &split.targets);
    let Split {
        targets,
        contacts,
        mut applications,
        journals,
        bodies,
        broken_bodies,
        listed_links,
        broken_applications,
    } = split;
    fill_listed(&mut applications, listed_links, &ids);
    let listing = listing(contacts.len(), &applications);
    let resolver = Resolver {
        ids: &ids,
        ambiguous: &ambiguous,
        listing: &listing,
        broken_applications: &broken_applications,
        contacts: &contacts,
        applications: &applications,
    };
    let mut entries = Vec::new();
    let mut ranges = vec![(0..0, 0); files.len()];
    for (index, owner, body) in bodies {
        let file = &files[index].file;
        let (start, before) = (entries.len(), suggestions);
        for raw in body.entries {
            entries.extend(resolver.entry(raw, owner, file, &mut diagnostics, &mut suggestions));
        }
        ranges[index] = (start..entries.len(), suggestions - before);
    }
    // A broken file's entries take no part in the rules, but their links are its own,
    // independent mistakes.
    for (index, body) in &broken_bodies {
        for raw in &body.entries {
            resolver.check_links(raw, &files[*index].file, &mut diagnostics, &mut suggestions);
        }
    }
    for (contact, listing) in contacts.iter().zip(&listing) {
        diagnostics.extend(unreachable(contact, !listing.is_empty()));
    }
    for (file, found) in found.iter().enumerate() {
        diagnostics.extend(found.iter().cloned());
        debug_assert!(found.iter().all(|d| d.file == files[file].file));
    }
    diag::sort(&mut diagnostics);
    let links = Links {
        files: targets
            .into_iter()
            .zip(found)
            .zip(ranges)
            .map(
                |((target, diagnostics), (entries, suggestions))| FileLinks {
                    target,
                    diagnostics,
                    entries,
                    suggestions,
                },
            )
            .collect(),
        ambiguous,
        listing,
        broken_applications,
        suggestions,
    };
    let repo = Repository {
        root,
        settings,
        contacts,
        applications,
        journals,
        entries,
        diagnostics,
        ids,
        listed_on: links.listing.clone(),
    };
    (repo, links)
}

/// Ids: of files with the same id, the one whose stem already is the id keeps it (else
/// the first in path order); each other one gets an error, as does an id that is empty
/// or too long. Returns the file of each id.
fn give_ids(files: &mut [TypedFile], found: &mut [Vec<Diagnostic>]) -> HashMap<String, usize> {
    let mut first_file: HashMap<String, usize> = HashMap::with_capacity(files.len());
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| !files[i].canonical);
    for index in order {
        if files[index].kind == Kind::Journal {
            continue;
        }
        let id = files[index].id.clone();
        let file = &files[index].file;
        if id.is_empty() {
            files[index].typed = Typed::Broken;
            found[index].push(Diagnostic::error(
                file,
                None,
                "the file name has no letters or digits to make an id from: rename the file"
                    .to_owned(),
            ));
            continue;
        }
        if id.len() > MAX_ID_BYTES {
            found[index].push(Diagnostic::error(
                file,
                None,
                format!(
                    "the id made from this file name is {} bytes long, more than the {MAX_ID_BYTES} a page name can hold: rename the file to something shorter",
                    id.len()
                ),
            ));
            files[index].typed = Typed::Broken;
        }
        match first_file.get(&id) {
            Some(&first) => {
                found[index].push(Diagnostic::error(
                    &files[index].file,
                    None,
                    format!(
                        "duplicate id `{id}`: `{}` has the same id; rename one of the files",
                        files[first].file
                    ),
                ));
                files[index].typed = Typed::Broken;
            }
            None => {
                first_file.insert(id, index);
            }
        }
    }
    first_file
}

/// An application whose `references` or `contacts` name no contact is an error too: the
/// application is then left out, like any file with an error.
fn check_listed_contacts(
    files: &mut [TypedFile],
    names: &HashMap<String, Name>,
    found: &mut [Vec<Diagnostic>],
    suggestions: &mut usize,
) {
    let mut broken = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let before = found[index].len();
        for (key, links) in [
            ("references", &file.reference_links),
            ("contacts", &file.contact_links),
        ] {
            for link in links {
                let message = match names.get(&link.id) {
                    // Two contacts share the alias: already a warning, the link goes nowhere.
                    Some(Name::Ambiguous) => continue,
                    Some(&Name::File(i)) => match (&files[i].kind, &files[i].typed) {
                        (Kind::Contact | Kind::Journal, _) | (_, Typed::Broken) => continue,
                        (Kind::Application, _) => format!(
                            "`{}` in `{key}` is an application, not a contact",
                            link.text
                        ),
                    },
                    None => {
                        let hint = suggest(&link.id, names, suggestions);
                        format!(
                            "unknown contact `{}` in `{key}`{hint}: create `contacts/{}.md` or fix the link",
                            link.text,
                            if link.id.is_empty() { "name" } else { &link.id }
                        )
                    }
                };
                found[index].push(Diagnostic::error(&file.file, Some(link.line), message));
            }
        }
        if found[index].len() > before {
            broken.push(index);
        }
    }
    for index in broken {
        files[index].typed = Typed::Broken;
    }
}

/// The files split by what they became, each file's own diagnostics moved into
/// `diagnostics` on the way.
struct Split {
    /// Per file: what it became.
    targets: Vec<Target>,
    contacts: Vec<Contact>,
    applications: Vec<Application>,
    journals: Vec<Journal>,
    /// The log of each file without errors: the file's index, and whose log it is.
    bodies: Vec<(usize, Owner, ParsedBody)>,
    /// The log of each file with errors, by the file's index.
    broken_bodies: Vec<(usize, ParsedBody)>,
    /// Per application: its `references` and `contacts` as written.
    listed_links: Vec<(Vec<LinkAt>, Vec<LinkAt>)>,
    /// Ids of applications with errors.
    broken_applications: HashSet<String>,
}

/// Splits the files into contacts, applications and broken files, in file order.
fn split(files: &mut [TypedFile], diagnostics: &mut Vec<Diagnostic>) -> Split {
    let mut split = Split {
        targets: Vec::with_capacity(files.len()),
        contacts: Vec::new(),
        applications: Vec::new(),
        journals: Vec::new(),
        bodies: Vec::new(),
        broken_bodies: Vec::new(),
        listed_links: Vec::new(),
        broken_applications: HashSet::new(),
    };
    for (index, file) in files.iter_mut().enumerate() {
        diagnostics.append(&mut file.diagnostics);
        let typed = std::mem::replace(&mut file.typed, Typed::Broken);
        let body = file.body.take().unwrap_or_default();
        let target = match typed {
            Typed::Broken => {
                if file.kind == Kind::Application {
                    split.broken_applications.insert(file.id.clone());
                }
                split.broken_bodies.push((index, body));
                Target::Broken
            }
            Typed::Contact(mut contact) => {
                let owner = split.contacts.len();
                contact.log_start = body.log_start;
                split.contacts.push(contact);
                split.bodies.push((index, Owner::Contact(owner), body));
                Target::Contact(owner)
            }
            Typed::Application(application) => {
                let owner = split.applications.len();
                split.applications.push(application);
                split.listed_links.push((
                    std::mem::take(&mut file.reference_links),
                    std::mem::take(&mut file.contact_links),
                ));
                split.bodies.push((index, Owner::Application(owner), body));
                Target::Application(owner)
            }
            Typed::Journal(date) => {
                let owner = split.journals.len();
                split.journals.push(Journal {
                    file: file.file.clone(),
                    date,
                });
                split.bodies.push((index, Owner::Journal(owner), body));
                // Nothing links to a note; and an edit of one is never patched in
                // (`Links::patch`), so its entries need no place of their own here.
                Target::Broken
            }
        };
        split.targets.push(target);
    }
    split
}

/// Every name that names one file, with what that file became.
fn id_table(names: &HashMap<String, Name>, targets: &[Target]) -> HashMap<String, Target> {
    names
        .iter()
        .filter_map(|(name, target)| match target {
            Name::File(i) => Some((name.clone(), targets[*i])),
            Name::Ambiguous => None,
        })
        .collect()
}

/// Each application's `references` and `contacts`, as indices of contacts without
/// errors, each once.
fn fill_listed(
    applications: &mut [Application],
    listed_links: Vec<(Vec<LinkAt>, Vec<LinkAt>)>,
    ids: &HashMap<String, Target>,
) {
    let contact_index = |link: &LinkAt| match ids.get(&link.id) {
        Some(Target::Contact(index)) => Some(*index),
        _ => None,
    };
    for (application, (references, listed)) in applications.iter_mut().zip(listed_links) {
        application.references = dedup(references.iter().filter_map(contact_index));
        application.contacts = dedup(listed.iter().filter_map(contact_index));
    }
}

/// Per contact: the applications that list it, for entries in contact files that link
/// no application.
fn listing(contacts: usize, applications: &[Application]) -> Vec<Vec<usize>> {
    let mut listing: Vec<Vec<usize>> = vec![Vec::new(); contacts];
    for (index, application) in applications.iter().enumerate() {
        for &contact in application.references.iter().chain(&application.contacts) {
            if listing[contact].last() != Some(&index) {
                listing[contact].push(index);
            }
        }
    }
    for apps in &mut listing {
        apps.sort_unstable();
        apps.dedup();
    }
    listing
}

/// The warning for a contact listed on an application without a way to reach them.
fn unreachable(contact: &Contact, listed: bool) -> Option<Diagnostic> {
    (listed && contact.emails.is_empty() && contact.phone.is_none() && !contact.archived).then(
        || {
            Diagnostic::warning(
                &contact.file,
                Some(1),
                format!(
                    "{} is listed on an application but has neither `email` nor `phone`: add one while you can still ask",
                    contact.name
                ),
            )
        },
    )
}

/// Every name a link may use: each file's id, then each contact's aliases. An alias that
/// is another file's id, or that an earlier contact already has, is a warning naming both
/// files; the link then goes to the file whose id it is, or (shared alias) nowhere.
/// Returns the names and the shared aliases.
fn give_names(
    files: &mut [TypedFile],
    first_file: &HashMap<String, usize>,
    found: &mut [Vec<Diagnostic>],
) -> (HashMap<String, Name>, HashSet<String>) {
    let mut names: HashMap<String, Name> = first_file
        .iter()
        .map(|(id, &index)| (id.clone(), Name::File(index)))
        .collect();
    // Per alias: the contact file that has it first.
    let mut alias_owner: HashMap<String, usize> = HashMap::new();
    let mut ambiguous = HashSet::new();
    for index in 0..files.len() {
        if first_file.get(&files[index].id) != Some(&index) {
            continue;
        }
        let aliases = std::mem::take(&mut files[index].aliases);
        for alias in &aliases {
            if alias.id.is_empty() || alias.id == files[index].id {
                continue;
            }
            let other = if let Some(&owner) = first_file.get(&alias.id) {
                format!(
                    "alias `{}` is the id of `{}`: links to `{}` go to that file; remove the alias or rename one of the files",
                    alias.text, files[owner].file, alias.text
                )
            } else {
                match alias_owner.get(&alias.id) {
                    None => {
                        alias_owner.insert(alias.id.clone(), index);
                        names.insert(alias.id.clone(), Name::File(index));
                        continue;
                    }
                    Some(&owner) if owner == index => continue,
                    Some(&owner) => {
                        names.insert(alias.id.clone(), Name::Ambiguous);
                        ambiguous.insert(alias.id.clone());
                        format!(
                            "alias `{}` is also an alias of `{}`: links to `{}` go to neither; remove it from one of the files",
                            alias.text, files[owner].file, alias.text
                        )
                    }
                }
            };
            found[index].push(Diagnostic::warning(
                &files[index].file,
                Some(alias.line),
                other,
            ));
        }
    }
    (names, ambiguous)
}

/// What an entry's links and file need to be resolved.
struct Resolver<'a> {
    /// Ids and aliases.
    ids: &'a HashMap<String, Target>,
    /// Aliases two contacts share: links to them go nowhere, and were warned about once.
    ambiguous: &'a HashSet<String>,
    /// Per contact: the applications that list it.
    listing: &'a [Vec<usize>],
    /// Ids of applications with errors: linking one still scopes an entry.
    broken_applications: &'a HashSet<String>,
    contacts: &'a [Contact],
    applications: &'a [Application],
}

impl Resolver<'_> {
    /// Resolves the links of `raw` and works out what it concerns (`docs/format.md`,
    /// "What an entry concerns"). An item of a journal note that links no contact and no
    /// application is no entry; its unknown links are warned about only if it begins
    /// with its own date, since notes link many pages that are not people
    /// (`docs/capture.md`).
    fn entry(
        &self,
        raw: RawEntry,
        owner: Owner,
        file: &str,
        diagnostics: &mut Vec<Diagnostic>,
        suggestions: &mut usize,
    ) -> Option<Entry> {
        let ids = self.ids;
        if let Owner::Journal(_) = owner {
            let names_one = raw.links.iter().any(|(id, _)| {
                matches!(
                    ids.get(id),
                    Some(Target::Contact(_) | Target::Application(_))
                )
            });
            if !names_one {
                if raw.dated {
                    self.check_links(&raw, file, diagnostics, suggestions);
                }
                return None;
            }
        }
        let mut linked_contacts = Vec::new();
        let mut linked_applications = Vec::new();
        let mut links_application = false;
        let mut links = Vec::with_capacity(raw.links.len());
        for (id, written) in &raw.links {
            // A link by alias is kept under the id of the file it names.
            links.push(match ids.get(id) {
                Some(Target::Contact(c)) => self.contacts[*c].id.clone(),
                Some(Target::Application(a)) => self.applications[*a].id.clone(),
                _ => id.clone(),
            });
            match ids.get(id) {
                Some(Target::Contact(c)) => linked_contacts.push(*c),
                Some(Target::Application(a)) => {
                    links_application = true;
                    linked_applications.push(*a);
                }
                Some(Target::Broken) => links_application |= self.broken_applications.contains(id),
                None => self.warn_unknown(id, written, raw.line, file, diagnostics, suggestions),
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
            Owner::Journal(_) => {
                let contacts = dedup(linked_contacts.into_iter());
                let applications = if links_application {
                    dedup(linked_applications.into_iter())
                } else {
                    dedup(
                        contacts
                            .iter()
                            .flat_map(|&c| self.listing[c].iter().copied()),
                    )
                };
                (contacts, applications)
            }
        };
        Some(Entry {
            date: raw.date,
            text: raw.text,
            tags: raw.tags,
            known_tags: raw.known_tags,
            links,
            task: raw.task,
            owner,
            line: raw.line,
            same_before: raw.same_before,
            contacts,
            applications,
        })
    }

    /// Warns about each link of `raw` that names nothing.
    fn check_links(
        &self,
        raw: &RawEntry,
        file: &str,
        diagnostics: &mut Vec<Diagnostic>,
        suggestions: &mut usize,
    ) {
        for (id, written) in &raw.links {
            if !self.ids.contains_key(id) {
                self.warn_unknown(id, written, raw.line, file, diagnostics, suggestions);
            }
        }
    }

    /// The warning for a link that names no file (unless it is a shared alias, which has
    /// its own warning).
    fn warn_unknown(
        &self,
        id: &str,
        written: &str,
        line: usize,
        file: &str,
        diagnostics: &mut Vec<Diagnostic>,
        suggestions: &mut usize,
    ) {
        if self.ambiguous.contains(id) {
            return;
        }
        let hint = suggest(id, self.ids, suggestions);
        diagnostics.push(Diagnostic::warning(
            file,
            Some(line),
            format!("unknown link `{written}`: no contact or application has the id `{id}`{hint}"),
        ));
    }
}

fn dedup(items: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut items: Vec<usize> = items.collect();
    items.sort_unstable();
    items.dedup();
    items
}

/// A " (did you mean …?)" hint among the keys of `known`, while the budget lasts.
fn suggest<V>(id: &str, known: &HashMap<String, V>, budget: &mut usize) -> String {
    if *budget >= MAX_SUGGESTIONS {
        return String::new();
    }
    *budget += 1;
    diag::did_you_mean(id, known.keys().map(String::as_str))
}
