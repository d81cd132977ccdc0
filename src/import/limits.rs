//! Keeps every imported contact within what the loader reads back (`docs/diagnostics.md`:
//! a front matter over 64 KiB or a file over 1 MiB is an error): each value of the front
//! matter is cut to [`MAX_VALUE_CHARS`] with the whole kept in the notes, an address that
//! is not a plain address goes to the notes, and the notes stop at [`MAX_NOTES_BYTES`].
//! Each cut is a warning on the record's line.

use super::Person;
use crate::model::is_plain_address;

/// The longest value of the front matter (a name, a company), in characters.
pub(crate) const MAX_VALUE_CHARS: usize = 500;
/// The most addresses, or phone numbers, one contact keeps.
pub(crate) const MAX_LIST: usize = 20;
/// The most bytes of notes one contact keeps.
pub(crate) const MAX_NOTES_BYTES: usize = 256 * 1024;

/// Cuts what `person` would write down to the limits, saying what was cut.
pub(crate) fn fit(person: &mut Person) {
    let line = person.line;
    let contact = &mut person.contact;
    let warnings = &mut person.warnings;
    let mut whole = Vec::new();
    cut(&mut contact.name, "name", line, warnings, &mut whole);
    for (value, what) in [
        (&mut contact.company, "company"),
        (&mut contact.title, "title"),
        (&mut contact.linkedin, "linkedin"),
    ] {
        if let Some(value) = value {
            cut(value, what, line, warnings, &mut whole);
        }
    }
    let mut kept = Vec::new();
    for email in std::mem::take(&mut contact.emails) {
        if !is_plain_address(&email) {
            warnings.push((
                line,
                format!(
                    "`{}` is not a plain email address: kept in the notes",
                    shortened(&email)
                ),
            ));
            whole.push(format!("Email (not a plain address): {email}"));
        } else if kept.len() == MAX_LIST {
            whole.push(format!("Email: {email}"));
        } else {
            kept.push(email);
        }
    }
    contact.emails = kept;
    for phone in &mut contact.phones {
        cut(phone, "phone", line, warnings, &mut whole);
    }
    if contact.phones.len() > MAX_LIST {
        let others = contact.phones.split_off(MAX_LIST);
        whole.push(format!("More phone numbers: {}", others.join(", ")));
    }
    contact.notes.extend(whole);
    let mut budget = MAX_NOTES_BYTES;
    let mut cut_notes = false;
    contact.notes.retain_mut(|note| {
        if budget == 0 {
            cut_notes = true;
            return false;
        }
        if note.len() > budget {
            note.truncate(floor_char_boundary(note, budget));
            cut_notes = true;
        }
        budget -= note.len();
        true
    });
    if cut_notes {
        warnings.push((
            line,
            format!(
                "the notes are over {} KiB: only the first {} KiB were imported",
                MAX_NOTES_BYTES / 1024,
                MAX_NOTES_BYTES / 1024
            ),
        ));
    }
}

/// Cuts `value` to [`MAX_VALUE_CHARS`], keeping the whole of it for the notes.
fn cut(
    value: &mut String,
    what: &str,
    line: usize,
    warnings: &mut Vec<(usize, String)>,
    whole: &mut Vec<String>,
) {
    let Some((end, _)) = value.char_indices().nth(MAX_VALUE_CHARS) else {
        return;
    };
    let chars = value.chars().count();
    warnings.push((
        line,
        format!(
            "the {what} is {chars} characters long: cut to {MAX_VALUE_CHARS}, the whole kept in the notes"
        ),
    ));
    let mut note = format!("Whole {what}: ");
    note.push_str(value);
    whole.push(note);
    value.truncate(end);
}

/// `text` cut for a message.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::split;
    use crate::write::templates::NewContact;

    fn person(contact: NewContact) -> Person {
        Person {
            line: 7,
            contact,
            uid: None,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn a_huge_export_gives_a_file_the_loader_reads() {
        let mut huge = person(NewContact {
            name: "N".repeat(5_000_000),
            company: Some("é".repeat(70_000)),
            emails: (0..100)
                .map(|i| format!("a{i}@example.com"))
                .chain(["evil@example.com?bcc=victim@example.org".to_owned()])
                .collect(),
            phones: (0..5_000).map(|i| format!("+1 555 {i:04}")).collect(),
            notes: vec!["x".repeat(2_000_000)],
            ..NewContact::default()
        });
        fit(&mut huge);
        assert_eq!(huge.contact.name.chars().count(), MAX_VALUE_CHARS);
        assert_eq!(huge.contact.emails.len(), MAX_LIST);
        assert!(huge.contact.emails.iter().all(|e| is_plain_address(e)));
        let text = huge.contact.render();
        assert!(
            text.len() < crate::load::MAX_FILE_BYTES as usize,
            "{}",
            text.len()
        );
        let parts = split::split(&text).expect("split");
        assert!(parts.front.len() < 64 * 1024, "{}", parts.front.len());
        let messages: Vec<_> = huge
            .warnings
            .iter()
            .map(|(l, m)| (*l, m.as_str()))
            .collect();
        assert!(messages.contains(&(
            7,
            "the name is 5000000 characters long: cut to 500, the whole kept in the notes"
        )));
        assert!(messages.contains(&(
            7,
            "`evil@example.com?bcc=victim@example.org` is not a plain email address: kept in the notes"
        )));
        assert!(messages.contains(&(
            7,
            "the notes are over 256 KiB: only the first 256 KiB were imported"
        )));
    }

    #[test]
    fn an_ordinary_contact_is_left_alone() {
        let contact = NewContact {
            name: "Jane Doe".to_owned(),
            emails: vec!["jane@example.com".to_owned()],
            notes: vec!["Met at a meetup.".to_owned()],
            ..NewContact::default()
        };
        let mut ordinary = person(contact.clone());
        fit(&mut ordinary);
        assert_eq!(ordinary.contact, contact);
        assert!(ordinary.warnings.is_empty());
    }
}
