//! What `serve` keeps between changes: every file read and typed. A change re-reads only
//! the files it touched, then links and evaluates the whole repository into a new
//! [`Snapshot`].

use super::Snapshot;
use crate::diag::Diagnostic;
use crate::load::is_hidden;
use crate::load::{self, Found};
use crate::model::{self, Links, Repository, TypedFile};
use crate::render::RepoIndexes;
use crate::render::templates::Templates;
use crate::rules::Outcome;
use crate::settings::{SETTINGS_FILE, Settings};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What changed on disk since the last update, as the watcher saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Changes {
    /// Paths that were created, written, renamed or removed (absolute, under the root).
    pub paths: Vec<PathBuf>,
    /// Whether events may have been lost: everything is read again.
    pub rescan: bool,
}

impl Changes {
    /// A change of the files at `paths`.
    pub(crate) fn of(paths: Vec<PathBuf>) -> Self {
        Changes {
            paths,
            rescan: false,
        }
    }
}

/// Every input of the dashboard, kept between changes.
pub(crate) struct Workspace {
    root: PathBuf,
    day: NaiveDate,
    settings: Settings,
    settings_diagnostics: Vec<Diagnostic>,
    walk_diagnostics: Vec<Diagnostic>,
    /// Every file the walk found, in the walk's order.
    found: Vec<Found>,
    /// What each of them was typed into, in the same order.
    typed: Vec<TypedFile>,
    /// A copy of `typed` made while nothing was changing, for the next link to consume:
    /// resolving takes its files by value, and copying 15,000 of them costs about as
    /// much as resolving them.
    spare: Option<Vec<TypedFile>>,
    /// What the last link learnt, for patching an edit in ([`Links::patch`]).
    links: Links,
    /// A copy of `repo` made while nothing was changing, for the next patch to change in
    /// place: the current one is shared with the pages being served.
    spare_repo: Option<Repository>,
    /// Whether the last update patched the repository rather than linking it again.
    patched: bool,
    /// Index into `found` by path.
    position: HashMap<PathBuf, usize>,
    /// Every folder that holds a found file.
    folders: HashSet<PathBuf>,
    repo: Arc<Repository>,
    templates: Arc<Templates>,
    generation: u64,
}

/// What one update found to do.
#[derive(Debug, Default)]
struct Plan {
    settings: bool,
    templates: bool,
    /// Known files to read again.
    reread: HashSet<usize>,
    /// The set of files may have changed: walk again.
    rewalk: bool,
}

impl Workspace {
    /// Reads the whole repository at `root` for `day`, and returns it with its first
    /// snapshot. Templates that do not load are fatal here, as they are for `build`.
    pub(crate) fn open(root: &Path, day: NaiveDate) -> Result<(Self, Snapshot), crate::Error> {
        let templates = Arc::new(load_templates(root)?);
        let mut workspace = Workspace {
            root: root.to_path_buf(),
            day,
            settings: Settings::default(),
            settings_diagnostics: Vec::new(),
            walk_diagnostics: Vec::new(),
            found: Vec::new(),
            typed: Vec::new(),
            spare: None,
            links: Links::default(),
            spare_repo: None,
            patched: false,
            position: HashMap::new(),
            folders: HashSet::new(),
            repo: Arc::new(
                crate::model::link(
                    root.to_path_buf(),
                    Settings::default(),
                    Vec::new(),
                    Vec::new(),
                )
                .0,
            ),
            templates,
            generation: 0,
        };
        workspace.read_settings();
        workspace.walk_and_read(&HashSet::new(), true);
        let snapshot = workspace.link();
        Ok((workspace, snapshot))
    }

    /// The repository root.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Applies `changes` (and a new `day`) and returns the new snapshot, or `None` when
    /// nothing that the dashboard depends on changed. Template errors are printed and the
    /// previous templates kept.
    pub(crate) fn update(&mut self, changes: &Changes, day: NaiveDate) -> Option<Snapshot> {
        let mut plan = if changes.rescan {
            Plan {
                settings: true,
                templates: true,
                reread: (0..self.found.len()).collect(),
                rewalk: true,
            }
        } else {
            self.plan(&changes.paths)
        };
        let relink = plan.settings || plan.rewalk || !plan.reread.is_empty();
        if !relink && !plan.templates && day == self.day {
            return None;
        }
        self.day = day;
        if plan.templates {
            match load_templates(&self.root) {
                Ok(templates) => self.templates = Arc::new(templates),
                Err(error) => eprintln!(
                    "goodwill: error: {}; still using the previous templates",
                    crate::diag::terminal_safe(&error.to_string())
                ),
            }
        }
        if plan.settings {
            let journal = self.settings.journal.clone();
            self.read_settings();
            // Other journal folders are other files.
            plan.rewalk |= self.settings.journal != journal;
        }
        let mut relink = relink;
        if plan.rewalk {
            self.walk_and_read(&plan.reread, changes.rescan);
        } else if !plan.reread.is_empty() {
            let replaced = self.reread(&plan.reread);
            // An edit that changes no file's shape (its id, aliases and links) is patched
            // in, and only its own entries are resolved again.
            relink = plan.settings || !self.patch(&replaced);
        }
        if relink {
            return Some(self.link());
        }
        self.generation += 1;
        let outcome = evaluate(&self.repo, self.day);
        Some(Snapshot::new(
            Arc::clone(&self.repo),
            outcome,
            Arc::clone(&self.templates),
            self.generation,
        ))
    }

    /// Copies the typed files for the next change, so that it need not wait for the
    /// copy; meant for when nothing is changing.
    pub(crate) fn prepare(&mut self) {
        if self.spare_repo.is_none() {
            self.spare_repo = Some(Repository::clone(&self.repo));
        }
        if self.spare.is_none() {
            self.spare = Some(self.typed.par_iter().cloned().collect());
        }
    }

    /// Sorts changed paths into what they ask for.
    fn plan(&self, paths: &[PathBuf]) -> Plan {
        let mut plan = Plan::default();
        for path in paths {
            let Ok(relative) = path.strip_prefix(&self.root) else {
                continue;
            };
            let mut parts = relative.components().map(|c| c.as_os_str());
            let Some(first) = parts.next() else {
                continue;
            };
            if first == SETTINGS_FILE {
                plan.settings = true;
            } else if first == crate::render::templates::FOLDER {
                plan.templates = true;
            } else if first == load::CONTACTS_DIR
                || first == load::APPLICATIONS_DIR
                || self.in_journal(relative)
            {
                // An edit of a journal note is read again like any file's; it is never
                // patched in (`Links::patch`), so the repository is linked again.
                let rest: Vec<_> = parts.collect();
                if rest.iter().any(|part| is_hidden(part)) {
                    continue;
                }
                let markdown = path
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("md"));
                match self.position.get(path) {
                    Some(&index) if path.is_file() => {
                        plan.reread.insert(index);
                    }
                    // A file removed or renamed away, or a new one.
                    Some(_) => plan.rewalk = true,
                    None if markdown && path.is_file() => plan.rewalk = true,
                    // A folder made, or one with files in it removed: the walk says
                    // what is in them. Anything else (an editor's temporary or backup
                    // file) is not an input.
                    None if rest.is_empty() || path.is_dir() || self.folders.contains(path) => {
                        plan.rewalk = true
                    }
                    None => {}
                }
            }
        }
        plan
    }

    /// Whether `relative` (to the root) is in one of the `journal` folders, or is one.
    fn in_journal(&self, relative: &Path) -> bool {
        self.settings.journal.iter().any(|folder| {
            let folder = folder.trim().trim_end_matches('/');
            !folder.is_empty() && relative.starts_with(folder)
        })
    }

    fn read_settings(&mut self) {
        self.settings_diagnostics.clear();
        self.settings = crate::open_settings(&self.root, &mut self.settings_diagnostics);
    }

    /// Reads and types the known files at `indices` again; returns what each was typed
    /// into before, by index.
    fn reread(&mut self, indices: &HashSet<usize>) -> Vec<(usize, TypedFile)> {
        let mut indices: Vec<usize> = indices.iter().copied().collect();
        indices.sort_unstable();
        let found: Vec<Found> = indices.iter().map(|&i| self.found[i].clone()).collect();
        // A save is one file or a few: read on this thread, without starting a pool.
        let typed: Vec<TypedFile> = if found.len() <= 8 {
            found
                .into_iter()
                .map(|found| {
                    let document = load::read_document(&found);
                    model::type_file((found, document))
                })
                .collect()
        } else {
            load::read_all(found)
                .into_par_iter()
                .map(model::type_file)
                .collect()
        };
        let mut replaced = Vec::with_capacity(indices.len());
        for (index, typed) in indices.into_iter().zip(typed) {
            if let Some(spare) = &mut self.spare {
                spare[index] = typed.clone();
            }
            replaced.push((index, std::mem::replace(&mut self.typed[index], typed)));
        }
        replaced
    }

    /// Patches the files just read again (`replaced` holds what they were before) into
    /// the repository, if none changed its shape; returns whether it did.
    fn patch(&mut self, replaced: &[(usize, TypedFile)]) -> bool {
        let mut repo = self
            .spare_repo
            .take()
            .unwrap_or_else(|| Repository::clone(&self.repo));
        for (index, old) in replaced {
            let new = &self.typed[*index];
            let elsewhere: Vec<Diagnostic> = (self.walk_diagnostics.iter())
                .filter(|d| d.file == self.found[*index].file)
                .cloned()
                .collect();
            // A file that changed shape leaves `links` half patched: the link that
            // follows makes it again.
            if !self.links.patch(&mut repo, *index, old, new, &elsewhere) {
                return false;
            }
        }
        self.repo = Arc::new(repo);
        self.patched = true;
        true
    }

    /// Walks the repository again; files found before and not in `changed` (indices
    /// into the old list) keep what they were typed into, unless `all`.
    fn walk_and_read(&mut self, changed: &HashSet<usize>, all: bool) {
        let mut walk_diagnostics = Vec::new();
        let found =
            load::walk_repository(&self.root, &self.settings.journal, &mut walk_diagnostics);
        let mut kept: HashMap<PathBuf, TypedFile> = HashMap::new();
        if !all {
            let old_found = std::mem::take(&mut self.found);
            let old_typed = std::mem::take(&mut self.typed);
            for (index, (found, typed)) in old_found.into_iter().zip(old_typed).enumerate() {
                if !changed.contains(&index) {
                    kept.insert(found.path, typed);
                }
            }
        }
        let mut typed: Vec<Option<TypedFile>> =
            found.iter().map(|found| kept.remove(&found.path)).collect();
        let to_read: Vec<(usize, Found)> = found
            .iter()
            .enumerate()
            .filter(|(index, _)| typed[*index].is_none())
            .map(|(index, found)| (index, found.clone()))
            .collect();
        let (indices, to_read): (Vec<usize>, Vec<Found>) = to_read.into_iter().unzip();
        let read: Vec<TypedFile> = load::read_all(to_read)
            .into_par_iter()
            .map(model::type_file)
            .collect();
        for (index, file) in indices.into_iter().zip(read) {
            typed[index] = Some(file);
        }
        self.typed = typed.into_iter().flatten().collect();
        self.position = found
            .iter()
            .enumerate()
            .map(|(index, found)| (found.path.clone(), index))
            .collect();
        let root = self.root.as_path();
        let folders = found
            .iter()
            .flat_map(|found| {
                let above = found.path.ancestors().skip(1);
                above.take_while(move |folder| *folder != root)
            })
            .map(Path::to_path_buf)
            .collect();
        self.folders = folders;
        self.found = found;
        self.walk_diagnostics = walk_diagnostics;
        self.spare = None;
    }

    /// Resolves the typed files into a repository, runs the rules, and makes the next
    /// snapshot.
    fn link(&mut self) -> Snapshot {
        let files = self
            .spare
            .take()
            .filter(|spare| spare.len() == self.typed.len())
            .unwrap_or_else(|| self.typed.par_iter().cloned().collect());
        let mut diagnostics = self.settings_diagnostics.clone();
        diagnostics.extend(self.walk_diagnostics.iter().cloned());
        let (repo, links) =
            model::link(self.root.clone(), self.settings.clone(), diagnostics, files);
        self.repo = Arc::new(repo);
        self.links = links;
        self.spare_repo = None;
        self.patched = false;
        self.generation += 1;
        let outcome = evaluate(&self.repo, self.day);
        Snapshot::new(
            Arc::clone(&self.repo),
            outcome,
            Arc::clone(&self.templates),
            self.generation,
        )
    }
}

/// The rules' outcome for `repo` on `day`, and the indexes its pages need of the
/// repository alone, made side by side.
fn evaluate(repo: &Repository, day: NaiveDate) -> (Outcome, RepoIndexes) {
    rayon::join(
        || crate::rules::evaluate(repo, day),
        || RepoIndexes::new(repo, day),
    )
}

/// The templates of the repository, with every page template compiled, so a syntax error
/// shows when the file is saved rather than when a page is asked for.
fn load_templates(root: &Path) -> Result<Templates, crate::Error> {
    let templates = Templates::load(root)?;
    templates.preload(crate::render::PAGE_TEMPLATES)?;
    Ok(templates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
    }

    fn write(root: &Path, relative: &str, text: &str) -> PathBuf {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(&path, text).expect("write");
        path
    }

    fn contact(name: &str) -> String {
        format!("---\nname: {name}\nemail: someone@example.com\n---\n- 2026-10-01 Coffee\n")
    }

    /// A change to make: its name, and what makes it (returning the paths it touched).
    type Step<'a> = (&'a str, Box<dyn Fn() -> Vec<PathBuf> + 'a>);

    /// A change to make, whether it should be patched in, and whether the spare copies
    /// are made before the next one (a quick second save finds none).
    type Patch<'a> = (&'a str, Box<dyn Fn() -> Vec<PathBuf> + 'a>, bool, bool);

    /// Everything in a repository and an outcome, the id table in id order.
    fn describe(repo: &Repository, outcome: &Outcome) -> String {
        let mut ids: Vec<_> = repo.ids.iter().collect();
        ids.sort_by_key(|(id, _)| id.as_str());
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{ids:?}\n{outcome:?}",
            repo.root,
            repo.settings,
            repo.contacts,
            repo.applications,
            repo.journals,
            repo.entries,
            repo.diagnostics
        )
    }

    /// The repository and outcome as a fresh `open` and `evaluate` give them.
    fn fresh(root: &Path) -> String {
        let repo = crate::open(root);
        let outcome = crate::rules::evaluate(&repo, day());
        describe(&repo, &outcome)
    }

    fn shown(snapshot: &Snapshot) -> String {
        describe(&snapshot.repo, snapshot.outcome())
    }

    #[test]
    fn each_update_gives_what_a_fresh_read_gives() {
        let dir = tempfile::tempdir().expect("temp");
        let root = dir.path();
        let jane = write(root, "contacts/jane-doe.md", &contact("Jane Doe"));
        write(root, "contacts/team/bob-stone.md", &contact("Bob Stone"));
        let (mut workspace, snapshot) = Workspace::open(root, day()).expect("open");
        assert_eq!(shown(&snapshot), fresh(root));

        let steps: Vec<Step> = vec![
            (
                "an edit",
                Box::new(|| vec![write(root, "contacts/jane-doe.md", &contact("Jane Q. Doe"))]),
            ),
            (
                "a new file",
                Box::new(|| vec![write(root, "contacts/kim-lee.md", &contact("Kim Lee"))]),
            ),
            (
                "a broken file",
                Box::new(|| vec![write(root, "contacts/kim-lee.md", "---\nname: [\n---\n")]),
            ),
            (
                "a removed folder",
                Box::new(|| {
                    std::fs::remove_dir_all(root.join("contacts/team")).expect("remove");
                    vec![root.join("contacts/team")]
                }),
            ),
            (
                "settings",
                Box::new(|| vec![write(root, "goodwill.toml", "owner = \"Sam Rivera\"\n")]),
            ),
            (
                "a journal folder",
                Box::new(|| {
                    let note = write(root, "Daily/2026-11-20.md", "- Coffee with [[jane-doe]]\n");
                    vec![
                        note,
                        write(root, "goodwill.toml", "journal = [\"Daily\"]\n"),
                    ]
                }),
            ),
            (
                "a journal note edited to link someone else",
                Box::new(|| {
                    vec![write(
                        root,
                        "Daily/2026-11-20.md",
                        "Lunch with [[kim-lee]] #thanks\n\n- [ ] Call [[jane-doe]]\n",
                    )]
                }),
            ),
            (
                "a contact edited after a journal note",
                Box::new(|| vec![write(root, "contacts/jane-doe.md", &contact("Jane R. Doe"))]),
            ),
            (
                "a new journal note",
                Box::new(|| vec![write(root, "Daily/2026-11-21.md", "Met [[jane-doe]]\n")]),
            ),
        ];
        for (change, apply) in steps {
            let paths = apply();
            let snapshot = workspace.update(&Changes::of(paths), day()).expect(change);
            assert_eq!(shown(&snapshot), fresh(root), "after {change}");
            workspace.prepare();
        }
        // Events may have been lost: everything is read again.
        std::fs::remove_file(&jane).expect("remove");
        let rescan = Changes {
            paths: Vec::new(),
            rescan: true,
        };
        let snapshot = workspace.update(&rescan, day()).expect("rescan");
        assert_eq!(shown(&snapshot), fresh(root));
    }

    #[test]
    fn edits_that_keep_each_files_shape_are_patched_as_a_fresh_read_gives() {
        let dir = tempfile::tempdir().expect("temp");
        let root = dir.path();
        let jane = |extra: &str, email: bool| {
            let email = if email {
                "email: jane@example.com\n"
            } else {
                ""
            };
            format!(
                "---\nname: Jane Doe\n{email}aliases: [JD]\n---\n- 2026-10-01 Coffee [[acme-sre]]\n- [ ] 2026-11-30 Send the write-up\n{extra}"
            )
        };
        let acme = |extra: &str| {
            format!(
                "---\ncompany: Acme\nrole: SRE\nstatus: interviewing\napplied: 2026-10-01\nreferences: [jane-doe]\ncontacts: [bob-stone]\n---\n## Synopsis\nRunning on-call.\n\n## Log\n- 2026-10-20 Phone screen with [[JD]] #interview\n{extra}"
            )
        };
        write(root, "contacts/jane-doe.md", &jane("", true));
        write(root, "contacts/bob-stone.md", &contact("Bob Stone"));
        write(root, "contacts/kim-lee.md", &contact("Kim Lee"));
        write(root, "applications/acme-sre.md", &acme(""));
        let (mut workspace, snapshot) = Workspace::open(root, day()).expect("open");
        assert_eq!(shown(&snapshot), fresh(root));

        let steps: Vec<Patch> = vec![
            (
                "an entry added",
                Box::new(|| {
                    vec![write(
                        root,
                        "contacts/jane-doe.md",
                        &jane("- 2026-11-20 Lunch\n", true),
                    )]
                }),
                true,
                true,
            ),
            (
                "identical tasks and an unknown link",
                Box::new(|| {
                    let extra = "- [ ] 2026-11-30 Send the write-up\n- 2026-11-21 Met [[kim-le]]\n";
                    vec![write(root, "contacts/jane-doe.md", &jane(extra, true))]
                }),
                true,
                false,
            ),
            (
                "a listed contact without email, saved again at once",
                Box::new(|| vec![write(root, "contacts/jane-doe.md", &jane("", false))]),
                true,
                true,
            ),
            (
                "an entry in an application",
                Box::new(|| {
                    let extra =
                        "- 2026-11-02 Onsite with [[bob-stone]] and [[kim-lee]] #interview\n";
                    vec![write(root, "applications/acme-sre.md", &acme(extra))]
                }),
                true,
                true,
            ),
            (
                "two files at once",
                Box::new(|| {
                    vec![
                        write(root, "contacts/kim-lee.md", &contact("Kim Q. Lee")),
                        write(root, "contacts/bob-stone.md", "---\nname: Bob Stone\n---\n"),
                    ]
                }),
                true,
                true,
            ),
            (
                "an alias added",
                Box::new(|| {
                    let text = "---\nname: Kim Lee\naliases: [Kimmy]\n---\n- 2026-10-01 Coffee\n";
                    vec![write(root, "contacts/kim-lee.md", text)]
                }),
                false,
                true,
            ),
            (
                "an alias another contact has",
                Box::new(|| {
                    let text =
                        "---\nname: Kim Lee\naliases: [Kimmy, JD]\n---\n- 2026-10-01 Coffee\n";
                    vec![write(root, "contacts/kim-lee.md", text)]
                }),
                false,
                true,
            ),
            (
                "an entry linking the shared alias, in the file warned about it",
                Box::new(|| {
                    let text = "---\nname: Kim Lee\naliases: [Kimmy, JD]\n---\n- 2026-10-01 Coffee\n- 2026-11-01 Call with [[JD]]\n";
                    vec![write(root, "contacts/kim-lee.md", text)]
                }),
                true,
                true,
            ),
            (
                "that file's aliases moved down a line",
                Box::new(|| {
                    let text = "---\nname: Kim Lee\nemail: kim@example.com\naliases: [Kimmy, JD]\n---\n- 2026-10-01 Coffee\n";
                    vec![write(root, "contacts/kim-lee.md", text)]
                }),
                false,
                true,
            ),
            (
                "a contact dropped from an application",
                Box::new(|| {
                    let text = acme("").replace("contacts: [bob-stone]\n", "");
                    vec![write(root, "applications/acme-sre.md", &text)]
                }),
                false,
                true,
            ),
            (
                "a broken file",
                Box::new(|| vec![write(root, "contacts/jane-doe.md", "---\nname: [\n---\n")]),
                false,
                true,
            ),
            (
                "the broken file fixed",
                Box::new(|| vec![write(root, "contacts/jane-doe.md", &jane("", true))]),
                false,
                true,
            ),
        ];
        for (change, apply, patched, prepare) in steps {
            let paths = apply();
            let snapshot = workspace.update(&Changes::of(paths), day()).expect(change);
            assert_eq!(shown(&snapshot), fresh(root), "after {change}");
            assert_eq!(workspace.patched, patched, "{change}");
            if prepare {
                workspace.prepare();
            }
        }
    }

    #[test]
    fn a_patch_gives_every_unknown_link_its_hint_or_is_not_made() {
        let dir = tempfile::tempdir().expect("temp");
        let root = dir.path();
        let max = crate::model::resolve::MAX_SUGGESTIONS;
        let unknown = |n: usize, from: usize| -> String {
            (from..from + n)
                .map(|i| format!("- 2026-10-01 Met [[kim-lea-{i}]]\n"))
                .collect()
        };
        let contact_with = |name: &str, log: &str| {
            format!("---\nname: {name}\nemail: someone@example.com\n---\n{log}")
        };
        write(root, "contacts/kim-lee.md", &contact("Kim Lee"));
        write(
            root,
            "contacts/ann-bell.md",
            &contact_with("Ann Bell", &unknown(max - 1, 0)),
        );
        let bob = |n: usize| contact_with("Bob Stone", &unknown(n, max));
        write(root, "contacts/bob-stone.md", &bob(0));
        let (mut workspace, _) = Workspace::open(root, day()).expect("open");
        // One search past the budget; back under it after a budget used up; the last
        // search it allows; and back from there. Only the third is patched: only then
        // does every link get its hint both before and after.
        for (n, patched) in [(2, false), (0, false), (1, true), (0, false)] {
            let paths = vec![write(root, "contacts/bob-stone.md", &bob(n))];
            let snapshot = workspace
                .update(&Changes::of(paths), day())
                .expect("update");
            assert_eq!(shown(&snapshot), fresh(root), "{n} unknown links");
            assert_eq!(workspace.patched, patched, "{n} unknown links");
            workspace.prepare();
        }
    }

    #[test]
    fn plans_only_what_a_change_needs() {
        let dir = tempfile::tempdir().expect("temp");
        let root = dir.path();
        let jane = write(root, "contacts/jane-doe.md", &contact("Jane Doe"));
        let (workspace, _) = Workspace::open(root, day()).expect("open");
        let plan = |paths: &[PathBuf]| workspace.plan(paths);

        let edit = plan(std::slice::from_ref(&jane));
        assert_eq!(edit.reread.len(), 1);
        assert!(!edit.rewalk && !edit.settings && !edit.templates);
        // An editor's temporary and swap files, gone or not, are not inputs.
        let backup = write(root, "contacts/jane-doe.md~", "old");
        for path in [
            backup,
            root.join("contacts/jane-doe.md.tmp123"),
            root.join("contacts/.jane-doe.md.swp"),
            root.join("public/index.html"),
        ] {
            let plan = plan(std::slice::from_ref(&path));
            assert!(
                plan.reread.is_empty() && !plan.rewalk,
                "{}: {plan:?}",
                path.display()
            );
        }
        let new = write(root, "contacts/kim-lee.md", &contact("Kim Lee"));
        assert!(plan(&[new]).rewalk, "a new file");
        std::fs::remove_file(&jane).expect("remove");
        assert!(plan(std::slice::from_ref(&jane)).rewalk, "a removed file");
        std::fs::create_dir_all(root.join("contacts/team")).expect("folder");
        assert!(plan(&[root.join("contacts/team")]).rewalk, "a new folder");
        assert!(plan(&[root.join("goodwill.toml")]).settings);
        assert!(plan(&[root.join("site-template/index.html")]).templates);
    }
}
