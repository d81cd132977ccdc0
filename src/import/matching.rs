//! Who is already in the repository: people are matched by what identifies them (a
//! LinkedIn profile, an email, a vCard `UID`, a phone number), and a different person who
//! shares a name gets an id of their own.

mod phone;

use super::{Outcome, Person, Record};
use crate::load::{self, CONTACTS_DIR, Kind, yaml};
use crate::write::templates::{self, NewContact};
use phone::{Phone, Phones};
use std::collections::HashMap;
use std::path::Path;

/// The front matter key that keeps a card's vCard `UID`, so the next import of the same
/// card finds the file.
pub(crate) const UID_KEY: &str = "vcard_uid";

/// The body line that keeps a contact's other phone numbers (written by the new-contact
/// template).
const OTHER_PHONES: &str = "Other phone numbers: ";

/// One person: in the repository, or planned by this import.
#[derive(Debug, Clone, Default)]
struct Known {
    /// The file, relative to the root.
    file: String,
    /// Whether what identifies them is known: false for a file that could not be read,
    /// until a person of the export is taken to be the one it holds.
    readable: bool,
    /// The name's words, as ids are made of them.
    words: Vec<String>,
    /// The company, compared case-insensitively.
    company: Option<String>,
    linkedin: Vec<String>,
    emails: Vec<String>,
    uids: Vec<String>,
    phones: Vec<(String, Phone)>,
}

impl Known {
    fn of(person: &Person, file: String) -> Known {
        let contact = &person.contact;
        Known {
            file,
            readable: true,
            words: words(&contact.name),
            company: contact.company.as_deref().and_then(company_key),
            linkedin: contact
                .linkedin
                .iter()
                .filter_map(|u| linkedin_key(u))
                .collect(),
            emails: contact.emails.iter().map(|e| email_key(e)).collect(),
            uids: person.uid.iter().filter_map(|u| uid_key(u)).collect(),
            phones: contact
                .phones
                .iter()
                .filter_map(|p| Phone::parse(p).map(|key| (p.clone(), key)))
                .collect(),
        }
    }

    /// What tells `self` and `other` apart, if anything: both have LinkedIn profiles,
    /// emails, UIDs or phones and none of them is shared (they were looked up first), or
    /// they work at different companies.
    fn differs_from(&self, other: &Known) -> Option<&'static str> {
        if !self.readable || !other.readable {
            return None;
        }
        let both = |a: usize, b: usize| a > 0 && b > 0;
        if both(self.linkedin.len(), other.linkedin.len()) {
            Some("their LinkedIn profiles differ")
        } else if both(self.emails.len(), other.emails.len()) {
            Some("their emails differ")
        } else if both(self.uids.len(), other.uids.len()) {
            Some("their vCard UIDs differ")
        } else if both(self.phones.len(), other.phones.len()) {
            Some("their phone numbers differ")
        } else if let (Some(a), Some(b)) = (&self.company, &other.company)
            && a != b
        {
            Some("they work at different companies")
        } else {
            None
        }
    }

    /// How much more than the name two people have in common.
    fn agreement(&self, other: &Known) -> usize {
        usize::from(self.company.is_some() && self.company == other.company)
    }
}

/// The people already in a repository, by everything that identifies them, and every id
/// that is taken. A planned person is added as soon as they are planned, so a person seen
/// earlier in the same export counts as existing.
#[derive(Debug, Default)]
pub(crate) struct Existing {
    people: Vec<Known>,
    /// Every id of the repository (contacts and applications) and its file.
    ids: HashMap<String, String>,
    by_linkedin: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
    by_uid: HashMap<String, usize>,
    phones: Phones,
    /// People by the id their name makes, and by the id of their file.
    by_name: HashMap<String, Vec<usize>>,
    /// The next number to try after an id, so that many namesakes take no quadratic time.
    next_number: HashMap<String, usize>,
}

impl Existing {
    /// Reads the repository at `root`. A file with errors still holds its id, and as much
    /// of its front matter as can be read.
    pub(crate) fn load(root: &Path) -> Self {
        let mut existing = Existing::default();
        let mut contacts = Vec::new();
        for (id, files) in crate::write::files_by_id(root) {
            for found in files {
                existing.ids.entry(id.clone()).or_insert(found.file.clone());
                if found.kind == Kind::Contact {
                    contacts.push(found);
                }
            }
        }
        for (found, document) in load::read_all(contacts) {
            let id = load::id_of(&found);
            let (known, aliases) = document
                .ok()
                .and_then(|document| read_known(&document))
                .unwrap_or_else(|| {
                    let known = Known {
                        file: found.file.clone(),
                        ..Known::default()
                    };
                    (known, Vec::new())
                });
            // An alias is a name links resolve to this file: a new file must not take it
            // as its id (the loader would warn that the alias is another file's id).
            for alias in &aliases {
                existing
                    .ids
                    .entry(alias.clone())
                    .or_insert_with(|| found.file.clone());
            }
            let index = existing.insert(known);
            // A contact's other names (a nickname, a former surname) are theirs too.
            for name in std::iter::once(id).chain(aliases) {
                let people = existing.by_name.entry(name).or_default();
                if !people.contains(&index) {
                    people.push(index);
                }
            }
        }
        existing
    }

    fn insert(&mut self, known: Known) -> usize {
        let index = self.people.len();
        if !known.words.is_empty() {
            self.by_name
                .entry(known.words.join("-"))
                .or_default()
                .push(index);
        }
        self.people.push(known);
        self.index(index);
        index
    }

    /// Puts everything that identifies person `index` into the lookup tables.
    fn index(&mut self, index: usize) {
        let known = &self.people[index];
        for url in &known.linkedin {
            self.by_linkedin.entry(url.clone()).or_insert(index);
        }
        for email in &known.emails {
            self.by_email.entry(email.clone()).or_insert(index);
        }
        for uid in &known.uids {
            self.by_uid.entry(uid.clone()).or_insert(index);
        }
        for (_, phone) in &known.phones {
            self.phones.insert(phone, index);
        }
    }

    /// What the import learnt about person `index` from a record that is the same person,
    /// so that a namesake later in the export is told apart from them.
    fn merge(&mut self, index: usize, incoming: Known) {
        let known = &mut self.people[index];
        // An unreadable file claimed by one person of the export is theirs from now on: a
        // namesake later in the export is someone else.
        known.readable = true;
        known.linkedin.extend(incoming.linkedin);
        known.emails.extend(incoming.emails);
        known.uids.extend(incoming.uids);
        known.phones.extend(incoming.phones);
        if known.company.is_none() {
            known.company = incoming.company;
        }
        self.index(index);
    }

    /// The person `incoming` is, by something that identifies them, and why; or else,
    /// when they share an email address with someone of another name (a team's
    /// mailbox, an assistant's), what to warn about.
    fn same_person(&self, incoming: &Known) -> Result<(usize, String), Option<String>> {
        let file = |index: usize| &self.people[index].file;
        for url in &incoming.linkedin {
            if let Some(&index) = self.by_linkedin.get(url) {
                return Ok((index, format!("same LinkedIn profile as `{}`", file(index))));
            }
        }
        let mut shared = None;
        for email in &incoming.emails {
            if let Some(&index) = self.by_email.get(email) {
                if names_overlap(&self.people[index].words, &incoming.words) {
                    return Ok((index, format!("same email `{email}` as `{}`", file(index))));
                }
                shared.get_or_insert_with(|| {
                    format!(
                        "shares the email `{email}` with `{}`, under another name: imported as someone else (merge the files by hand if they are one person)",
                        file(index)
                    )
                });
            }
        }
        for uid in &incoming.uids {
            if let Some(&index) = self.by_uid.get(uid) {
                return Ok((index, format!("same vCard UID as `{}`", file(index))));
            }
        }
        // A phone may be shared (a family's landline, an office's switchboard): it
        // identifies someone only together with a name that is theirs, give or take a
        // middle name or an initial.
        for (written, phone) in &incoming.phones {
            if let Some(index) = self.phones.find(phone).into_iter().find(|&index| {
                let known = &self.people[index].words;
                !known.is_empty()
                    && names_agree(known, &incoming.words)
                    && known.len().abs_diff(incoming.words.len()) <= 1
            }) {
                return Ok((
                    index,
                    format!("same phone number `{written}` as `{}`", file(index)),
                ));
            }
        }
        Err(shared)
    }

    /// Known people with the name of `incoming`, by the ids it makes.
    fn namesakes(&self, ids: &[&str]) -> Vec<usize> {
        let mut found: Vec<usize> = ids
            .iter()
            .filter_map(|id| self.by_name.get(*id))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// `base`, or the first of `base-2`, `base-3`, … that no file has.
    fn free_id(&mut self, base: &str) -> String {
        if !self.ids.contains_key(base) {
            return base.to_owned();
        }
        let next = self.next_number.entry(base.to_owned()).or_insert(2);
        loop {
            let id = format!("{base}-{next}");
            *next += 1;
            if !self.ids.contains_key(&id) {
                return id;
            }
        }
    }
}

/// What can be read of an existing contact file, however broken the rest is, and the ids
/// its `aliases` make.
fn read_known(document: &load::Document) -> Option<(Known, Vec<String>)> {
    let front = yaml::parse(&document.front, document.front_line + 1).ok()??;
    let yaml::Value::Mapping(pairs) = &front.value else {
        return None;
    };
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k.as_scalar() == Some(key))
            .map(|(_, v)| v)
    };
    let texts = |key: &str| -> Vec<String> {
        match get(key).map(|node| &node.value) {
            Some(yaml::Value::Scalar { text, .. }) => vec![text.clone()],
            Some(yaml::Value::Sequence(items)) => items
                .iter()
                .filter_map(|item| item.as_scalar().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    };
    let name = texts("name").into_iter().next().unwrap_or_default();
    let mut phones = texts("phone");
    for line in document.body.lines() {
        if let Some(list) = line.strip_prefix(OTHER_PHONES) {
            phones.extend(list.split(", ").map(str::to_owned));
        }
    }
    let aliases = texts("aliases")
        .iter()
        .map(|alias| templates::id_for(alias))
        .filter(|id| !id.is_empty())
        .collect();
    let known = Known {
        file: document.file.clone(),
        readable: true,
        words: words(&name),
        company: texts("company").first().and_then(|c| company_key(c)),
        linkedin: texts("linkedin")
            .iter()
            .filter_map(|u| linkedin_key(u))
            .collect(),
        emails: texts("email").iter().map(|e| email_key(e)).collect(),
        uids: texts(UID_KEY).iter().filter_map(|u| uid_key(u)).collect(),
        phones: phones
            .into_iter()
            .filter_map(|p| Phone::parse(&p).map(|key| (p, key)))
            .collect(),
    };
    Some((known, aliases))
}

/// Decides what happens to each record, in order.
pub(crate) fn plan(existing: &mut Existing, records: &[Record]) -> Vec<Outcome> {
    records
        .iter()
        .map(|record| match record {
            Err(failure) => Outcome::Fail {
                message: failure.message.clone(),
            },
            Ok(person) => plan_person(existing, person),
        })
        .collect()
}

fn plan_person(existing: &mut Existing, person: &Person) -> Outcome {
    let name = &person.contact.name;
    let base = templates::id_for(name);
    if base.is_empty() {
        return Outcome::Fail {
            message: format!(
                "the name `{}` has no letters or digits to make an id of",
                templates::one_line(name)
            ),
        };
    }
    let incoming = Known::of(person, String::new());
    let shared_email = match existing.same_person(&incoming) {
        Ok((index, reason)) => {
            existing.merge(index, incoming);
            return Outcome::Skip { reason };
        }
        Err(shared) => shared,
    };
    // A hand-made file may be named without transliteration (`zo-ngstr-m.md`).
    let plain = crate::id::normalize(name);
    let full = incoming.words.join("-");
    let namesakes = existing.namesakes(&[&base, &plain, &full]);
    let same = namesakes
        .iter()
        .copied()
        .filter(|&index| existing.people[index].differs_from(&incoming).is_none())
        .max_by_key(|&index| {
            // The best agreement; among equals, the first file.
            (
                existing.people[index].agreement(&incoming),
                usize::MAX - index,
            )
        });
    if let Some(index) = same {
        let reason = format!(
            "same name as `{}`, and nothing tells them apart",
            existing.people[index].file
        );
        existing.merge(index, incoming);
        return Outcome::Skip { reason };
    }
    let id = existing.free_id(&base);
    let beside = match namesakes.first() {
        Some(&index) => {
            let other = &existing.people[index];
            let why = other.differs_from(&incoming).unwrap_or("they differ");
            Some(format!(
                "a namesake of `{}`, not the same person: {why}",
                other.file
            ))
        }
        None => existing
            .ids
            .get(&base)
            .map(|file| format!("the id `{base}` is taken by `{file}`")),
    };
    let beside = match (shared_email, beside) {
        (Some(shared), Some(beside)) => Some(format!("{shared}; {beside}")),
        (shared, beside) => shared.or(beside),
    };
    let file = format!("{CONTACTS_DIR}/{id}.md");
    existing.ids.insert(id.clone(), file.clone());
    let index = existing.insert(Known::of(person, file));
    existing.by_name.entry(id.clone()).or_default().push(index);
    Outcome::Create { id, beside }
}

/// The words of a name, transliterated and lowercased as in ids.
fn words(name: &str) -> Vec<String> {
    let id = crate::id::normalize(name);
    if id.is_empty() {
        return Vec::new();
    }
    id.split('-').map(str::to_owned).collect()
}

/// Whether two names could be the same person's: every word of the shorter one is in the
/// longer one, or an initial of one of its words (`J. Doe`, `Jane Doe`, `Jane Q. Doe`).
fn names_agree(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.iter().all(|word| {
        long.iter().any(|other| {
            other == word
                || (word.len() == 1 && other.starts_with(word.as_str()))
                || (other.len() == 1 && word.starts_with(other.as_str()))
        })
    })
}

/// Whether two names could be one person's for people who share an email address: a word
/// in common (`Bob Lee` is `Robert Lee`), or no name to compare. Two people of a team's
/// mailbox, `Ann Lee` and `Bo Day`, have none.
fn names_overlap(a: &[String], b: &[String]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|word| word.len() > 1 && b.contains(word))
}

/// Emails compare case-insensitively, without a `mailto:`.
fn email_key(email: &str) -> String {
    let email = email.trim();
    let email = email.strip_prefix("mailto:").unwrap_or(email);
    email.to_lowercase()
}

fn uid_key(uid: &str) -> Option<String> {
    let uid = uid.trim().to_lowercase();
    (!uid.is_empty()).then_some(uid)
}

/// The company as the rules compare it ([`crate::model::company_key`]), if any.
fn company_key(company: &str) -> Option<String> {
    let company = crate::model::company_key(company);
    (!company.is_empty()).then_some(company)
}

/// A LinkedIn profile URL reduced to what identifies it: `https://www.linkedin.com/in/x/`,
/// `linkedin.com/in/X` and `de.linkedin.com/in/x?trk=1` are the same profile.
pub(crate) fn linkedin_key(url: &str) -> Option<String> {
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
pub(crate) fn is_linkedin(url: &str) -> bool {
    linkedin_key(url).is_some_and(|key| key.starts_with("linkedin.com/"))
}

/// The text of a new contact file, with the vCard `UID` (if any) kept in its front matter.
pub(crate) fn render(contact: &NewContact, uid: Option<&str>) -> String {
    let text = contact.render();
    let Some(uid) = uid.map(templates::one_line).filter(|u| !u.is_empty()) else {
        return text;
    };
    // The front matter ends at the first `---` line after the opening one.
    match text.get(4..).and_then(|rest| rest.find("\n---\n")) {
        Some(end) => {
            let at = 4 + end + 1;
            format!(
                "{}{UID_KEY}: {}\n{}",
                &text[..at],
                templates::quote(&uid),
                &text[at..]
            )
        }
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Failure;

    fn person(name: &str, email: &str, url: &str) -> Person {
        Person {
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
            uid: None,
            warnings: vec![],
        }
    }

    fn with(mut person: Person, change: impl FnOnce(&mut Person)) -> Person {
        change(&mut person);
        person
    }

    fn created(outcome: &Outcome) -> &str {
        match outcome {
            Outcome::Create { id, .. } => id,
            other => panic!("not created: {other:?}"),
        }
    }

    fn skipped(outcome: &Outcome) -> &str {
        match outcome {
            Outcome::Skip { reason } => reason,
            other => panic!("not skipped: {other:?}"),
        }
    }

    fn repository(people: &[(&str, Person)]) -> Existing {
        let mut existing = Existing::default();
        for (id, person) in people {
            let file = format!("contacts/{id}.md");
            existing.ids.insert((*id).to_owned(), file.clone());
            let index = existing.insert(Known::of(person, file));
            existing
                .by_name
                .entry((*id).to_owned())
                .or_default()
                .push(index);
        }
        existing
    }

    #[test]
    fn names_that_could_be_the_same_person() {
        let w = |n: &str| words(n);
        assert!(names_agree(&w("Jane Doe"), &w("J. Doe")));
        assert!(names_agree(&w("Jane Doe"), &w("Jane Q. Doe")));
        assert!(names_agree(&w("Doe, Jane"), &w("Jane Doe")));
        assert!(!names_agree(&w("Anna Schmidt"), &w("Peter Schmidt")));
        assert!(names_agree(&[], &w("Peter Schmidt")));
    }

    #[test]
    fn the_same_person_by_url_email_uid_or_phone() {
        let mut existing = repository(&[
            ("jd", person("J. Doe", "jane@example.com", "")),
            ("ann", person("Ann Kim", "", "https://linkedin.com/in/ann")),
            (
                "bo",
                with(person("Bo Lin", "", ""), |p| p.uid = Some("UID-1".into())),
            ),
            (
                "anna",
                with(person("Anna Schmidt", "", ""), |p| {
                    p.contact.phones = vec!["+49 30 1234567".into()]
                }),
            ),
        ]);
        let records: Vec<Record> = vec![
            Ok(person("Jane Doe", "JANE@example.com", "")),
            Ok(person("Ann K.", "", "https://www.linkedin.com/in/ann/")),
            Ok(with(person("Bo Lin", "", ""), |p| {
                p.uid = Some("uid-1".into())
            })),
            Ok(with(person("Anna Schmidt", "", ""), |p| {
                p.contact.phones = vec!["030 1234567".into()]
            })),
            // A shared landline does not make Peter into Anna.
            Ok(with(person("Peter Schmidt", "", ""), |p| {
                p.contact.phones = vec!["030 1234567".into()]
            })),
            Err(Failure {
                line: 9,
                message: "bad".into(),
            }),
        ];
        let outcomes = plan(&mut existing, &records);
        assert!(
            skipped(&outcomes[0]).contains("same email `jane@example.com` as `contacts/jd.md`")
        );
        assert!(skipped(&outcomes[1]).contains("same LinkedIn profile as `contacts/ann.md`"));
        assert!(skipped(&outcomes[2]).contains("same vCard UID as `contacts/bo.md`"));
        assert!(skipped(&outcomes[3]).contains("same phone number `030 1234567`"));
        assert_eq!(created(&outcomes[4]), "peter-schmidt");
        assert!(matches!(&outcomes[5], Outcome::Fail { .. }));
    }

    #[test]
    fn a_shared_phone_or_email_does_not_make_two_people_one() {
        let with_phone = |name: &str, phone: &str| {
            with(person(name, "", ""), |p| {
                p.contact.phones = vec![phone.into()]
            })
        };
        let records: Vec<Record> = vec![
            // An Android export: two people of different names share an office number.
            Ok(with_phone("Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", "123456")),
            Ok(with_phone("Ñ Ñ Ñ Ñ", "123456")),
            Ok(with_phone("", "123456")),
            // A middle initial more is the same person.
            Ok(with_phone("Jane Doe", "+1 555 0100")),
            Ok(with_phone("Jane Q. Doe", "+1 555 0100")),
            // Two names on one address: a warning, not a merge.
            Ok(person("Ann Lee", "team@example.com", "")),
            Ok(person("Bo Day", "team@example.com", "")),
            Ok(person("Ann Lee", "TEAM@example.com", "")),
        ];
        let outcomes = plan(&mut Existing::default(), &records);
        assert_eq!(created(&outcomes[0]), "n-n-n-n-n-n-n-n-n-n-n");
        assert_eq!(created(&outcomes[1]), "n-n-n-n");
        assert!(matches!(&outcomes[2], Outcome::Fail { .. }), "no name");
        assert_eq!(created(&outcomes[3]), "jane-doe");
        assert!(skipped(&outcomes[4]).contains("same phone number"));
        assert_eq!(created(&outcomes[5]), "ann-lee");
        assert_eq!(created(&outcomes[6]), "bo-day");
        let Outcome::Create { beside, .. } = &outcomes[6] else {
            unreachable!()
        };
        assert_eq!(
            beside.as_deref(),
            Some(
                "shares the email `team@example.com` with `contacts/ann-lee.md`, under another name: imported as someone else (merge the files by hand if they are one person)"
            )
        );
        assert!(skipped(&outcomes[7]).contains("same email `team@example.com`"));
    }

    #[test]
    fn namesakes_get_their_own_id_and_are_found_again() {
        let alison = |url: &str| person("Alison Hill", "", url);
        let records: Vec<Record> = vec![
            Ok(alison("https://www.linkedin.com/in/alison-hill-1")),
            Ok(alison("https://www.linkedin.com/in/alison-hill-2")),
            Ok(alison("https://www.linkedin.com/in/alison-hill-1")),
            Ok(with(person("Joe Walsh", "", ""), |p| {
                p.contact.company = Some("Acme".into())
            })),
            Ok(with(person("Joe Walsh", "", ""), |p| {
                p.contact.company = Some("Beta".into())
            })),
            Ok(person("Joe Walsh", "", "")),
            Ok(person("🎉", "", "")),
        ];
        let mut existing = Existing::default();
        let outcomes = plan(&mut existing, &records);
        assert_eq!(created(&outcomes[0]), "alison-hill");
        assert_eq!(created(&outcomes[1]), "alison-hill-2");
        let Outcome::Create { beside, .. } = &outcomes[1] else {
            unreachable!()
        };
        assert_eq!(
            beside.as_deref(),
            Some(
                "a namesake of `contacts/alison-hill.md`, not the same person: their LinkedIn profiles differ"
            )
        );
        assert!(skipped(&outcomes[2]).contains("contacts/alison-hill.md"));
        assert_eq!(created(&outcomes[3]), "joe-walsh");
        assert_eq!(created(&outcomes[4]), "joe-walsh-2");
        assert!(skipped(&outcomes[5]).contains("nothing tells them apart"));
        assert!(matches!(&outcomes[6], Outcome::Fail { .. }));

        // A second run over files that hold what the first wrote creates nothing.
        let written: Vec<(String, Person)> = records
            .iter()
            .zip(&outcomes)
            .filter_map(|(record, outcome)| match (record, outcome) {
                (Ok(person), Outcome::Create { id, .. }) => Some((id.clone(), person.clone())),
                _ => None,
            })
            .collect();
        let people: Vec<(&str, Person)> = written
            .iter()
            .map(|(id, p)| (id.as_str(), p.clone()))
            .collect();
        let mut again = repository(&people);
        for outcome in plan(&mut again, &records) {
            assert!(!matches!(outcome, Outcome::Create { .. }), "{outcome:?}");
        }
    }

    #[test]
    fn a_hand_made_file_is_claimed_once() {
        // A file with only a name is the first Jane; the second is told apart from her.
        let mut existing = repository(&[("jane-doe", person("Jane Doe", "", ""))]);
        let records: Vec<Record> = vec![
            Ok(person("Jane Doe", "", "https://linkedin.com/in/jane-a")),
            Ok(person("Jane Doe", "", "https://linkedin.com/in/jane-b")),
        ];
        let outcomes = plan(&mut existing, &records);
        assert!(skipped(&outcomes[0]).contains("same name as `contacts/jane-doe.md`"));
        assert_eq!(created(&outcomes[1]), "jane-doe-2");
    }

    #[test]
    fn an_unreadable_file_is_claimed_once_too() {
        let mut existing = Existing::default();
        existing
            .ids
            .insert("jane-doe".into(), "contacts/jane-doe.md".into());
        let index = existing.insert(Known {
            file: "contacts/jane-doe.md".into(),
            ..Known::default()
        });
        existing
            .by_name
            .entry("jane-doe".into())
            .or_default()
            .push(index);
        let records: Vec<Record> = vec![
            Ok(person("Jane Doe", "", "https://linkedin.com/in/jane-a")),
            Ok(person("Jane Doe", "", "https://linkedin.com/in/jane-b")),
        ];
        let outcomes = plan(&mut existing, &records);
        assert!(skipped(&outcomes[0]).contains("same name as `contacts/jane-doe.md`"));
        assert_eq!(created(&outcomes[1]), "jane-doe-2");
    }

    #[test]
    fn an_id_taken_by_an_application_is_not_a_person() {
        let mut existing = Existing::default();
        existing
            .ids
            .insert("acme".into(), "applications/acme.md".into());
        let outcomes = plan(&mut existing, &[Ok(person("Acme", "", ""))]);
        assert_eq!(
            outcomes[0],
            Outcome::Create {
                id: "acme-2".into(),
                beside: Some("the id `acme` is taken by `applications/acme.md`".into())
            }
        );
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
    fn the_uid_goes_into_the_front_matter() {
        let contact = NewContact {
            name: "Bo Lin".into(),
            ..NewContact::default()
        };
        let text = render(&contact, Some("urn:uuid:1\"2"));
        assert!(
            text.starts_with("---\nname: \"Bo Lin\"\nvcard_uid: \"urn:uuid:1\\\"2\"\n---\n"),
            "{text}"
        );
        assert_eq!(render(&contact, None), contact.render());
        let document = load::Document {
            kind: Kind::Contact,
            id: "bo-lin".into(),
            file: "contacts/bo-lin.md".into(),
            front: "name: Bo Lin\nvcard_uid: \"urn:uuid:1\\\"2\"\nphone: 030 1234567\n".into(),
            front_line: 1,
            body: "\nOther phone numbers: +49 151 1234567, 0171 555 1234\n".into(),
            body_line: 5,
        };
        let (known, aliases) = read_known(&document).expect("readable");
        assert!(aliases.is_empty());
        assert_eq!(known.uids, ["urn:uuid:1\"2"]);
        assert_eq!(known.phones.len(), 3);
    }
}
