//! `serve`'s patch: a file read again that keeps its shape (same id, kind, aliases and
//! listed contacts) is put into a spare copy of the repository in place, instead of every
//! file being linked again (`docs/dashboard.md`, "`goodwill serve`").

use super::*;

impl TypedFile {
    /// Whether `other` (the same file read again) is shaped as this one for linking:
    /// the same id, kind and name, aliases, `references` and `contacts` to the same ids,
    /// and both without errors of their own. Then every other file links as it did.
    /// When `exact`, the links must also be written alike on the same lines, as the
    /// diagnostics that comparing files gave this one quote them.
    fn same_shape(&self, other: &TypedFile, exact: bool) -> bool {
        let typed = |file: &TypedFile| match file.typed {
            Typed::Contact(_) => Some(Kind::Contact),
            Typed::Application(_) => Some(Kind::Application),
            Typed::Journal(_) | Typed::Broken => None,
        };
        let alike = |a: &[LinkAt], b: &[LinkAt]| {
            if exact {
                a == b
            } else {
                a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.id == b.id)
            }
        };
        typed(self).is_some()
            && typed(self) == typed(other)
            && self.id == other.id
            && self.canonical == other.canonical
            && self.file == other.file
            && self.kind == other.kind
            && alike(&self.aliases, &other.aliases)
            && alike(&self.reference_links, &other.reference_links)
            && alike(&self.contact_links, &other.contact_links)
    }
}

impl Links {
    /// Puts `new`, the file at `index` read again, into `repo` in place of `old` (what
    /// it was read as before) when the two have the same shape
    /// ([`TypedFile::same_shape`]): then only its own entries are resolved again, and
    /// `repo` ends as [`link`] would make it. `elsewhere` are the diagnostics of the file
    /// found before it was typed (by the walk). Returns whether it did; when not,
    /// nothing changed, and the whole repository must be linked again.
    pub(crate) fn patch(
        &mut self,
        repo: &mut Repository,
        index: usize,
        old: &TypedFile,
        new: &TypedFile,
        elsewhere: &[Diagnostic],
    ) -> bool {
        let Some(known) = self.files.get(index) else {
            return false;
        };
        let owner = match (known.target, &new.typed) {
            (Target::Contact(c), Typed::Contact(_)) => Owner::Contact(c),
            (Target::Application(a), Typed::Application(_)) => Owner::Application(a),
            _ => return false,
        };
        let exact = !known.diagnostics.is_empty();
        if !old.same_shape(new, exact) || self.suggestions >= MAX_SUGGESTIONS {
            return false;
        }
        let Some(body) = &new.body else {
            return false;
        };
        let resolver = Resolver {
            ids: &repo.ids,
            ambiguous: &self.ambiguous,
            listing: &self.listing,
            broken_applications: &self.broken_applications,
            contacts: &repo.contacts,
            applications: &repo.applications,
        };
        let mut diagnostics = new.diagnostics.clone();
        diagnostics.extend(elsewhere.iter().cloned());
        diagnostics.extend(known.diagnostics.iter().cloned());
        let mut suggestions = 0;
        let entries: Vec<Entry> = body
            .entries
            .iter()
            .filter_map(|raw| {
                let raw = raw.clone();
                resolver.entry(raw, owner, &new.file, &mut diagnostics, &mut suggestions)
            })
            .collect();
        // Every search made before gave a hint, and so must every one now.
        let total = self.suggestions - known.suggestions + suggestions;
        if total > MAX_SUGGESTIONS {
            return false;
        }
        match (owner, &new.typed) {
            (Owner::Contact(c), Typed::Contact(contact)) => {
                let mut contact = contact.clone();
                contact.log_start = body.log_start;
                diagnostics.extend(unreachable(&contact, !self.listing[c].is_empty()));
                repo.contacts[c] = contact;
            }
            (Owner::Application(a), Typed::Application(application)) => {
                let mut application = application.clone();
                let before = &mut repo.applications[a];
                application.references = std::mem::take(&mut before.references);
                application.contacts = std::mem::take(&mut before.contacts);
                repo.applications[a] = application;
            }
            // Matched above.
            _ => return false,
        }
        let replaced = self.files[index].entries.clone();
        let added = entries.len();
        repo.entries.splice(replaced.clone(), entries);
        self.files[index].entries = replaced.start..replaced.start + added;
        self.files[index].suggestions = suggestions;
        self.suggestions = total;
        // The entries of the files after it moved by the difference.
        for later in &mut self.files[index + 1..] {
            if later.target != Target::Broken {
                let start = later.entries.start - replaced.len() + added;
                later.entries = start..start + later.entries.len();
            }
        }
        repo.diagnostics.retain(|d| d.file != new.file);
        repo.diagnostics.append(&mut diagnostics);
        diag::sort(&mut repo.diagnostics);
        true
    }
}
