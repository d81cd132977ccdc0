//! Action keys: a short, stable name for each open action, so that `goodwill done KEY`
//! can follow `goodwill due` (`docs/commands.md`, "Keys").
//!
//! A key is a hash of what the action is about (its rule, contact and application ids,
//! and for `task` and `thank-favor` the file, date and text of its entry), written in
//! base 32. The same action keeps the same key from day to day, whatever else changes in
//! the repository. What is shown is the shortest prefix, at least [`MIN_LEN`] characters,
//! that no other open action or message shares; the whole key names the calendar event.
//! Messages (`super::messages`) have keys of the same kind, in the same namespace, made
//! from their recipient and their actions' keys.

use super::Action;
use crate::model::{Owner, Repository};
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
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

/// The whole hashes of the keys of `actions`, in the same order.
pub(super) fn hashes(repo: &Repository, actions: &[Action]) -> Vec<u64> {
    // Hashing is most of the work: done side by side, and the rest in order.
    let hashes: Vec<u64> = actions
        .par_iter()
        .map(|action| identity_hash(repo, action))
        .collect();
    let mut seen: HashMap<u64, u32> = HashMap::with_capacity(actions.len());
    let full: Vec<u64> = hashes
        .into_iter()
        .map(|hash| {
            // Anything still alike gets the occurrence number among the actions.
            let count = seen.entry(hash).or_insert(0);
            let hash = if *count > 0 {
                fnv1a_extend(hash, &count.to_le_bytes())
            } else {
                hash
            };
            *count += 1;
            hash
        })
        .collect();
    full
}

/// The whole hash of a message's key: made from its recipient (`who`: a contact's id,
/// `application:` and an application's id, or empty for a note to yourself) and the
/// hashes of its actions, in order. It never equals an action's, since it starts from
/// a word no action hash starts from.
pub(super) fn message_hash(who: &str, actions: impl Iterator<Item = u64>) -> u64 {
    let mut hash = fnv1a_extend(FNV_OFFSET, b"message\0");
    hash = fnv1a_extend(hash, who.as_bytes());
    hash = fnv1a_extend(hash, &[0]);
    for action in actions {
        hash = fnv1a_extend(hash, &action.to_le_bytes());
    }
    hash
}

/// Each key with the length of its shortest prefix that no other key shares. Keys sort
/// as their hashes do (the digits are in ascending order), so the hashes are sorted
/// rather than the text.
pub(super) fn shortest_unique_prefixes(full: Vec<u64>) -> Vec<ActionKey> {
    let text: Vec<String> = full.iter().map(|&hash| base32(hash)).collect();
    let mut order: Vec<usize> = (0..full.len()).collect();
    order.sort_unstable_by_key(|&i| full[i]);
    let mut shown = vec![MIN_LEN; full.len()];
    for pair in order.windows(2) {
        let (x, y) = (pair[0], pair[1]);
        let common = text[x]
            .bytes()
            .zip(text[y].bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let needed = (common + 1).min(text[x].len());
        shown[x] = shown[x].max(needed);
        shown[y] = shown[y].max(needed);
    }
    text.into_iter()
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
            Owner::Journal(j) => repo.journals[j].file.as_str(),
        };
        hash = fnv1a_extend(hash, owner.as_bytes());
        hash = fnv1a_extend(hash, &[0]);
        hash = hash_date(hash, entry.date);
        hash = fnv1a_extend(hash, &[0]);
        hash = fnv1a_extend(hash, entry.text.trim().as_bytes());
        hash = fnv1a_extend(hash, &[0]);
        // Two identical tasks in one file are still two actions: the second and later
        // get their place among the file's entries of the same date and text mixed in.
        // Ticked tasks keep their place, so ticking the first of two identical tasks
        // leaves the second with the key it had.
        if entry.same_before > 0 {
            hash = fnv1a_extend(hash, &entry.same_before.to_le_bytes());
        }
    }
    hash
}

/// Continues `hash` over `date` as `to_string` writes it (`2026-11-22`), without
/// allocating for the years of four digits.
fn hash_date(hash: u64, date: NaiveDate) -> u64 {
    match u32::try_from(date.year()) {
        Ok(year) if year <= 9999 => {
            let mut digits = *b"0000-00-00";
            for (end, value) in [(4, year), (7, date.month()), (10, date.day())] {
                let mut value = value;
                let start = if end == 4 { 0 } else { end - 2 };
                for place in (start..end).rev() {
                    digits[place] = b'0' + (value % 10) as u8;
                    value /= 10;
                }
            }
            fnv1a_extend(hash, &digits)
        }
        _ => fnv1a_extend(hash, date.to_string().as_bytes()),
    }
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
    fn dates_hash_as_their_text() {
        for (y, m, d) in [
            (2026, 11, 22),
            (1, 1, 9),
            (999, 12, 31),
            (9999, 1, 1),
            (10000, 1, 1),
            (-5, 3, 4),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("date");
            assert_eq!(
                hash_date(FNV_OFFSET, date),
                fnv1a_extend(FNV_OFFSET, date.to_string().as_bytes()),
                "{date}"
            );
        }
    }

    #[test]
    fn base32_is_thirteen_digits_of_the_alphabet() {
        assert_eq!(base32(0), "0000000000000");
        assert_eq!(base32(u64::MAX), "fzzzzzzzzzzzz");
        assert_eq!(base32(31), "000000000000z");
    }

    /// The hash whose key is `key`.
    fn hash_of(key: &str) -> u64 {
        key.bytes().fold(0, |hash, digit| {
            let value = ALPHABET.iter().position(|&d| d == digit).expect("digit");
            (hash << 5) | value as u64
        })
    }

    #[test]
    fn keys_sort_as_their_hashes() {
        let mut hashes = vec![
            0,
            1,
            31,
            32,
            1 << 59,
            1 << 60,
            u64::MAX - 1,
            u64::MAX,
            0xdead_beef,
        ];
        hashes.sort_unstable();
        let keys: Vec<String> = hashes.iter().map(|&hash| base32(hash)).collect();
        assert!(keys.windows(2).all(|pair| pair[0] < pair[1]), "{keys:?}");
        assert!(hashes.iter().all(|&hash| hash_of(&base32(hash)) == hash));
    }

    #[test]
    fn prefixes_are_unique_and_at_least_six() {
        let keys = shortest_unique_prefixes(
            [
                "abcdefgh00000",
                "abcdefgk00000",
                "fzzzzzzzzzzzz",
                "abcdxxxxxxxxx",
            ]
            .map(hash_of)
            .to_vec(),
        );
        let shown: Vec<&str> = keys.iter().map(ActionKey::short).collect();
        assert_eq!(shown, ["abcdefgh", "abcdefgk", "fzzzzz", "abcdxx"]);
        assert!(shortest_unique_prefixes(Vec::new()).is_empty());
    }

    #[test]
    fn identical_keys_still_get_a_whole_key() {
        let same = hash_of(&"a".repeat(13));
        let keys = shortest_unique_prefixes(vec![same, same]);
        assert_eq!(keys[0].shown, 13);
    }
}
