//! Entries indexed by contact and by application, so every rule looks only at the entries
//! that concern what it is checking.

use super::table::TagSet;
use crate::model::{Entry, Repository};
use chrono::NaiveDate;

/// The repository as the rules see it on one day.
pub(super) struct Index<'r> {
    /// The repository.
    pub repo: &'r Repository,
    /// Today.
    pub today: NaiveDate,
    /// Per contact: the events (not open tasks, dated on or before today) that concern
    /// it, as indices into the repository's entries.
    by_contact: Vec<Vec<usize>>,
    /// Per application: the events that concern it.
    by_application: Vec<Vec<usize>>,
}

impl<'r> Index<'r> {
    /// Indexes `repo` as of `today`.
    pub(super) fn new(repo: &'r Repository, today: NaiveDate) -> Self {
        let mut by_contact = vec![Vec::new(); repo.contacts.len()];
        let mut by_application = vec![Vec::new(); repo.applications.len()];
        for (index, entry) in repo.entries.iter().enumerate() {
            if entry.is_open_task() || entry.date > today {
                continue;
            }
            for &c in &entry.contacts {
                by_contact[c].push(index);
            }
            for &a in &entry.applications {
                by_application[a].push(index);
            }
        }
        Index {
            repo,
            today,
            by_contact,
            by_application,
        }
    }

    /// Events that concern contact `c`: its touches, with their indices.
    pub(super) fn indexed_of_contact(
        &self,
        c: usize,
    ) -> impl Iterator<Item = (usize, &'r Entry)> + '_ {
        let entries = &self.repo.entries;
        self.by_contact[c].iter().map(move |&i| (i, &entries[i]))
    }

    /// Events that concern contact `c`: its touches.
    pub(super) fn of_contact(&self, c: usize) -> impl Iterator<Item = &'r Entry> + '_ {
        self.indexed_of_contact(c).map(|(_, entry)| entry)
    }

    /// Events that concern application `a`.
    pub(super) fn of_application(&self, a: usize) -> impl Iterator<Item = &'r Entry> + '_ {
        let entries = &self.repo.entries;
        self.by_application[a].iter().map(move |&i| &entries[i])
    }

    /// Events for (c, a): those that concern both.
    pub(super) fn of_pair(&self, c: usize, a: usize) -> impl Iterator<Item = &'r Entry> + '_ {
        self.of_contact(c)
            .filter(move |e| e.applications.contains(&a))
    }

    /// Whether an event for (c, a) has one of `tags` and is dated on or after `since`
    /// (any date when `since` is `None`).
    pub(super) fn pair_has(
        &self,
        c: usize,
        a: usize,
        tags: TagSet,
        since: Option<NaiveDate>,
    ) -> bool {
        self.of_pair(c, a)
            .any(|e| e.tagged(tags) && since.is_none_or(|since| e.date >= since))
    }

    /// The latest date of an event for `c` with one of `tags`.
    pub(super) fn latest_for_contact(&self, c: usize, tags: TagSet) -> Option<NaiveDate> {
        self.of_contact(c)
            .filter(|e| e.tagged(tags))
            .map(|e| e.date)
            .max()
    }

    /// `applied` of application `a`, or today where it is missing.
    pub(super) fn applied_or_today(&self, a: usize) -> NaiveDate {
        self.repo.applications[a].applied.unwrap_or(self.today)
    }

    /// An employer-side entry for `a`: it concerns `a` and no contact, or at least one
    /// contact in `a`'s `contacts`.
    pub(super) fn is_employer_side(&self, entry: &Entry, a: usize) -> bool {
        let listed = &self.repo.applications[a].contacts;
        entry.contacts.is_empty() || entry.contacts.iter().any(|c| listed.contains(c))
    }
}
