//! Contacts from other programs' exports: LinkedIn's `Connections.csv` and vCard files.
//!
//! A reader turns a file into [`Record`]s (a person, or a malformed row or card with its
//! line); [`plan`] decides, without touching the disk, which people become new contact
//! files and which are already there. `--dry-run` prints the plan; a real run writes it.

pub mod linkedin;
pub mod vcard;

use crate::write::templates::{self, NewContact};
use std::collections::HashMap;
use std::path::Path;

/// One person read from an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The line of the export the person starts on.
    pub line: usize,
    /// What their contact file will say.
    pub contact: NewContact,
    /// Problems that did not stop the import (an unreadable date), as messages.
    pub warnings: Vec<String>,
}

/// A row or card that could not be read, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The line of the export.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// What a reader makes of one row or card.
pub type Record = Result<Person, Failure>;

/// What happens to one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new file `contacts/{id}.md`.
    Create {
        /// The new contact's id.
        id: String,
    },
    /// Already in the repository (or earlier in the same export): nothing is written.
    Skip {
        /// Why, naming the file that is already there.
        reason: String,
    },
    /// Could not be read or has no name.
    Fail {
        /// What is wrong.
        message: String,
    },
}

/// The people already in a repository, by everything that identifies them.
#[derive(Debug, Default)]
pub struct Existing {
    ids: HashMap<String, String>,
    emails: HashMap<String, String>,
    linkedin: HashMap<String, String>,
}

impl Existing {
    /// Reads the repository at `root`. Files with errors still hold their ids.
    pub fn load(root: &Path) -> Self {
        let mut existing = Existing::default();
        for (id, files) in crate::write::files_by_id(root) {
            if let Some(found) = files.first() {
                existing.ids.insert(id, found.file.clone());
            }
        }
        let repo = crate::open(root);
        for contact in &repo.contacts {
            for email in &contact.emails {
                existing
                    .emails
                    .entry(email_key(email))
                    .or_insert_with(|| contact.file.clone());
            }
            if let Some(url) = contact.linkedin.as_deref().and_then(linkedin_key) {
                existing
                    .linkedin
                    .entry(url)
                    .or_insert_with(|| contact.file.clone());
            }
        }
        existing
    }

    /// Why `contact` (to be saved as `id`) is already here, if it is.
    fn find(&self, id: &str, contact: &NewContact) -> Option<String> {
        if let Some(url) = contact.linkedin.as_deref().and_then(linkedin_key)
            && let Some(file) = self.linkedin.get(&url)
        {
            return Some(format!("same LinkedIn profile as `{file}`"));
        }
        for email in &contact.emails {
            if let Some(file) = self.emails.get(&email_key(email)) {
                return Some(format!("same email `{email}` as `{file}`"));
            }
        }
        // The id the file would get, or the one a hand-made file of that name has.
        let plain = crate::id::normalize(&contact.name);
        [id, plain.as_str()].into_iter().find_map(|id| {
            self.ids
                .get(id)
                .map(|file| format!("the id `{id}` is already taken by `{file}`"))
        })
    }

    fn add(&mut self, id: &str, contact: &NewContact) {
        let file = format!("{}/{id}.md", crate::load::CONTACTS_DIR);
        self.ids.insert(id.to_owned(), file.clone());
        for email in &contact.emails {
            self.emails.insert(email_key(email), file.clone());
        }
        if let Some(url) = contact.linkedin.as_deref().and_then(linkedin_key) {
            self.linkedin.insert(url, file);
        }
    }
}

/// Decides what happens to each record, in order; a person seen earlier in the same
/// export counts as existing.
pub fn plan(existing: &mut Existing, records: &[Record]) -> Vec<Outcome> {
    records
        .iter()
        .map(|record| match record {
            Err(failure) => Outcome::Fail {
                message: failure.message.clone(),
            },
            Ok(person) => {
                let id = templates::id_for(&person.contact.name);
                if id.is_empty() {
                    return Outcome::Fail {
                        message: format!(
                            "the name `{}` has no letters or digits to make an id of",
                            templates::one_line(&person.contact.name)
                        ),
                    };
                }
                if let Some(reason) = existing.find(&id, &person.contact) {
                    return Outcome::Skip { reason };
                }
                existing.add(&id, &person.contact);
                Outcome::Create { id }
            }
        })
        .collect()
}

/// The text of an export: UTF-8, or UTF-16 with a byte-order mark (some Windows programs
/// write that), or else Latin-1 (older desktop exports), byte by byte. A leading
/// byte-order mark is dropped.
pub fn decode(bytes: &[u8]) -> String {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| from([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
        }
    };
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// Emails compare case-insensitively.
fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A LinkedIn profile URL reduced to what identifies it: `https://www.linkedin.com/in/x/`,
/// `linkedin.com/in/X` and `de.linkedin.com/in/x?trk=1` are the same profile.
pub fn linkedin_key(url: &str) -> Option<String> {
    let url = url.trim().to_lowercase();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(&url);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = if host == "linkedin.com" || host.ends_with(".linkedin.com") {
        "linkedin.com"
    } else {
        host
    };
    let path = path.trim_end_matches('/');
    (!host.is_empty() && !path.is_empty()).then(|| format!("{host}/{path}"))
}

/// Whether `url` is a LinkedIn profile.
pub fn is_linkedin(url: &str) -> bool {
    linkedin_key(url).is_some_and(|key| key.starts_with("linkedin.com/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, email: &str, url: &str) -> Record {
        Ok(Person {
            line: 1,
            contact: NewContact {
                name: name.into(),
                emails: if email.is_empty() {
                    vec![]
                } else {
                    vec![email.into()]
                },
                linkedin: (!url.is_empty()).then(|| url.to_owned()),
                ..NewContact::default()
            },
            warnings: vec![],
        })
    }

    #[test]
    fn decodes_utf8_utf16_and_latin1() {
        assert_eq!(decode("\u{feff}Zoë".as_bytes()), "Zoë");
        assert_eq!(decode(&[0xFF, 0xFE, b'Z', 0, 0xEB, 0]), "Zë");
        assert_eq!(decode(&[0xFE, 0xFF, 0, b'Z', 0, 0xEB]), "Zë");
        assert_eq!(decode(b"Ren\xe9"), "René");
    }

    #[test]
    fn linkedin_urls_compare_by_profile() {
        let key = linkedin_key("https://www.linkedin.com/in/jane-doe/");
        assert_eq!(key.as_deref(), Some("linkedin.com/in/jane-doe"));
        assert_eq!(linkedin_key("de.linkedin.com/in/Jane-Doe?trk=x"), key);
        assert_eq!(linkedin_key(""), None);
        assert!(!is_linkedin("https://example.com/jane"));
    }

    #[test]
    fn dedupes_by_url_email_and_id() {
        let mut existing = Existing::default();
        existing
            .emails
            .insert("jane@example.com".into(), "contacts/jd.md".into());
        existing
            .ids
            .insert("bob-lee".into(), "contacts/bob-lee.md".into());
        let records = vec![
            person("Jane Doe", "JANE@example.com", ""),
            person("Bob Lee", "", ""),
            person("Ann Kim", "", "https://linkedin.com/in/ann"),
            person("Ann Kim (again)", "", "https://www.linkedin.com/in/ann/"),
            person("🎉", "", ""),
            Err(Failure {
                line: 9,
                message: "bad".into(),
            }),
        ];
        let outcomes = plan(&mut existing, &records);
        assert!(
            matches!(&outcomes[0], Outcome::Skip { reason } if reason.contains("contacts/jd.md"))
        );
        assert!(matches!(&outcomes[1], Outcome::Skip { .. }));
        assert_eq!(
            outcomes[2],
            Outcome::Create {
                id: "ann-kim".into()
            }
        );
        assert!(matches!(&outcomes[3], Outcome::Skip { reason } if reason.contains("LinkedIn")));
        assert!(matches!(&outcomes[4], Outcome::Fail { .. }));
        assert!(matches!(&outcomes[5], Outcome::Fail { .. }));
    }
}
