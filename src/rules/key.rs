//! Action keys: a short, stable name for each open action, so that `goodwill done KEY`
//! can follow `goodwill due` (`docs/commands.md`, "Keys").
//!
//! A key is a hash of what the action is about (its rule, contact and application ids,
//! and for `task` and `thank-favor` the file, date and text of its entry), written in
//! base 32. The same action keeps the same key from day to day, whatever else changes in
//! the repository. What is shown is the shortest prefix, at least [`MIN_LEN`] characters,
//! that no other open action shares; the whole key names the calendar event.

use super::Action;
use crate::model::{Owner, Repository};
use std::collections::HashMap;

/// The fewest characters a key is shown with.
pub(super) const MIN_LEN: usize = 6;

/// The digits of a key: lowercase letters and digits, without `i`, `l`, `o` and `u`,
/// which are easily misread or mistyped.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// The key of one action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ActionKey {
    /// All 13 characters of the hash.
    pub full: String,
    /// How many of them to show: the shortest unique prefix, at least [`MIN_LEN`].
    pub shown: usize,
}

impl ActionKey {
    /// The key as `due` and the dashboard show it.
    pub(crate) fn short(&self) -> &str {
        &self.full[..self.shown]
    }
}

/// The keys of `actions`, in the same order.
pub(super) fn keys(repo: &Repository, actions: &[Action]) -> Vec<ActionKey> {
    let occurrences = entry_occurrences(repo, actions);
    let mut seen: HashMap<u64, u32> = HashMap::with_capacity(actions.len());
    let full: Vec<String> = actions
        .iter()
        .zip(occurrences)
        .map(|(action, occurrence)| {
            let mut hash = identity_hash(repo, action);
            // Two identical tasks in one file are still two actions: the second and later
            // get their place among the file's entries of the same date and text mixed
            // in. Ticked tasks keep their place, so ticking the first of two identical
            // tasks leaves the second with the key it had.
            if occurrence > 0 {
                hash = fnv1a_extend(hash, &occurrence.to_le_bytes());
            }
            // Anything still alike gets the occurrence number among the actions.
            let count = seen.entry(hash).or_insert(0);
            if *count > 0 {
                hash = fnv1a_extend(hash, &count.to_le_bytes());
            }
            *count += 1;
            base32(hash)
        })
        .collect();
    shortest_unique_prefixes(full)
}

/// For each action tied to an entry, how many entries of the same file with the same
/// date and text, open tasks or not, come before it; 0 for the others.
fn entry_occurrences(repo: &Repository, actions: &[Action]) -> Vec<u32> {
    let wanted: Vec<usize> = actions.iter().filter_map(|a| a.entry).collect();
    if wanted.is_empty() {
        return vec![0; actions.len()];
    }
    let same = |e: &crate::model::Entry| {
        let owner = match e.owner {
            Owner::Contact(c) => (0, c),
            Owner::Application(a) => (1, a),
        };
        (owner, e.date, e.text.trim().to_owned())
    };
    let identities: std::collections::HashSet<_> =
        wanted.iter().map(|&e| same(&repo.entries[e])).collect();
    // Entries are in file order, so counting as they come gives each its place.
    let mut count: HashMap<_, u32> = HashMap::new();
    let mut place: HashMap<usize, u32> = HashMap::new();
    for (index, entry) in repo.entries.iter().enumerate() {
        let identity = same(entry);
        if identities.contains(&identity) {
            let seen = count.entry(identity).or_insert(0);
            place.insert(index, *seen);
            *seen += 1;
        }
    }
    actions
        .iter()
        .map(|a| a.entry.and_then(|e| place.get(&e).copied()).unwrap_or(0))
        .collect()
}

/// Each key with the length of its shortest prefix that no other key shares.
fn shortest_unique_prefixes(full: Vec<String>) -> Vec<ActionKey> {
    let mut order: Vec<usize> = (0..full.len()).collect();
    order.sort_unstable_by(|&x, &y| full[x].cmp(&full[y]));
    let mut shown = vec![MIN_LEN; full.len()];
    for pair in order.windows(2) {
        let (x, y) = (pair[0], pair[1]);
        let common = full[x]
            .bytes()
            .zip(full[y].bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let needed = (common + 1).min(full[x].len());
        shown[x] = shown[x].max(needed);
        shown[y] = shown[y].max(needed);
    }
    full.into_iter()
        .zip(shown)
        .map(|(full, shown)| ActionKey { full, shown })
        .collect()
}

/// FNV-1a over the rule, the contact and application ids and, for actions tied to one
/// entry, that entry's file, date and text (its line would change when the file is
/// edited above it).
fn identity_hash(repo: &Repository, action: &Action) -> u64 {
    let contact = action.contact.map_or("", |c| repo.contacts[c].id.as_str());
    let application = action
        .application
        .map_or("", |a| repo.applications[a].id.as_str());
    let mut hash = FNV_OFFSET;
    for part in [action.rule.id(), contact, application] {
        hash = fnv1a_extend(hash, part.as_bytes());
        hash = fnv1a_extend(hash, &[0]);
    }
    if let Some(entry) = action.entry.map(|e| &repo.entries[e]) {
        let owner = match entry.owner {
            Owner::Contact(c) => repo.contacts[c].id.as_str(),
            Owner::Application(a) => repo.applications[a].id.as_str(),
        };
        let date = entry.date.to_string();
        for part in [owner, &date, entry.text.trim()] {
            hash = fnv1a_extend(hash, part.as_bytes());
            hash = fnv1a_extend(hash, &[0]);
        }
    }
    hash
}

/// 64 bits as 13 base-32 digits, most significant first.
fn base32(hash: u64) -> String {
    (0..13)
        .rev()
        .map(|digit| char::from(ALPHABET[((hash >> (digit * 5)) & 31) as usize]))
        .collect()
}

/// FNV-1a's starting value, 64 bits.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Continues an FNV-1a hash (64 bits: tiny, and stable across Rust versions, unlike
/// `DefaultHasher`) over more bytes.
fn fnv1a_extend(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_is_thirteen_digits_of_the_alphabet() {
        assert_eq!(base32(0), "0000000000000");
        assert_eq!(base32(u64::MAX), "fzzzzzzzzzzzz");
        assert_eq!(base32(31), "000000000000z");
    }

    #[test]
    fn prefixes_are_unique_and_at_least_six() {
        let keys = shortest_unique_prefixes(vec![
            "abcdefgh00000".to_owned(),
            "abcdefgk00000".to_owned(),
            "zzzzzzzzzzzzz".to_owned(),
            "abcdxxxxxxxxx".to_owned(),
        ]);
        let shown: Vec<&str> = keys.iter().map(ActionKey::short).collect();
        assert_eq!(shown, ["abcdefgh", "abcdefgk", "zzzzzz", "abcdxx"]);
        assert!(shortest_unique_prefixes(Vec::new()).is_empty());
    }

    #[test]
    fn identical_keys_still_get_a_whole_key() {
        let keys = shortest_unique_prefixes(vec!["a".repeat(13), "a".repeat(13)]);
        assert_eq!(keys[0].shown, 13);
    }
}
