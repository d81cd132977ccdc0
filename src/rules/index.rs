//! Entries indexed by contact and by application, so every rule looks only at the entries
//! that concern what it is checking.

use crate::model::tags::TagSet;
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
    by_contact: Grouped,
    /// Per application: the events that concern it.
    by_application: Grouped,
}

/// Lists of entry indices, one per contact or application, kept in one allocation:
/// list `i` is `items[starts[i]..starts[i + 1]]`.
struct Grouped {
    starts: Vec<usize>,
    items: Vec<usize>,
}

impl Grouped {
    /// The lists of `groups` groups, each entry of `entries` (with its index) in the
    /// groups `of` gives it, in entry order.
    fn new<'e>(
        groups: usize,
        entries: &[(usize, &'e Entry)],
        of: impl Fn(&'e Entry) -> &'e [usize],
    ) -> Self {
        let mut starts = vec![0; groups + 1];
        for (_, entry) in entries {
            for &group in of(entry) {
                starts[group + 1] += 1;
            }
        }
        for group in 0..groups {
            starts[group + 1] += starts[group];
        }
        let mut next = starts.clone();
        let mut items = vec![0; starts[groups]];
        for &(index, entry) in entries {
            for &group in of(entry) {
                items[next[group]] = index;
                next[group] += 1;
            }
        }
        Grouped { starts, items }
    }

    /// List `group`.
    fn of(&self, group: usize) -> &[usize] {
        &self.items[self.starts[group]..self.starts[group + 1]]
    }
}

impl<'r> Index<'r> {
    /// Indexes `repo` as of `today`.
    pub(super) fn new(repo: &'r Repository, today: NaiveDate) -> Self {
        let events: Vec<(usize, &Entry)> = (repo.entries.iter().enumerate())
            .filter(|(_, entry)| !entry.is_open_task() && entry.date <= today)
            .collect();
        let (by_contact, by_application) = rayon::join(
            || Grouped::new(repo.contacts.len(), &events, |e| &e.contacts),
            || Grouped::new(repo.applications.len(), &events, |e| &e.applications),
        );
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
        self.by_contact.of(c).iter().map(move |&i| (i, &entries[i]))
    }

    /// Events that concern contact `c`: its touches.
    pub(super) fn of_contact(&self, c: usize) -> impl Iterator<Item = &'r Entry> + '_ {
        self.indexed_of_contact(c).map(|(_, entry)| entry)
    }

    /// Events that concern application `a`.
    pub(super) fn of_application(&self, a: usize) -> impl Iterator<Item = &'r Entry> + '_ {
        let entries = &self.repo.entries;
        self.by_application.of(a).iter().map(move |&i| &entries[i])
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
