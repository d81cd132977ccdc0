//! The text of new contact and application files, and the ids they are saved under.

use chrono::NaiveDate;

/// The longest id goodwill gives a new file: file names stay well under the 255-byte limit
/// of common file systems.
pub(crate) const MAX_ID_LEN: usize = 80;

/// The id for a new file named after `name`: normalised as every id is (`Zoë Ångström`
/// → `zoe-angstrom`), and cut at a word boundary past
/// [`MAX_ID_LEN`]. Empty when the name holds nothing to make an id of. Only `a-z`, `0-9`
/// and `-`, so never a path.
pub(crate) fn id_for(name: &str) -> String {
    let id = crate::id::normalize(name);
    if id.len() <= MAX_ID_LEN {
        return id;
    }
    let cut = &id[..MAX_ID_LEN];
    let cut = match cut.rfind('-') {
        Some(i) if i > MAX_ID_LEN / 2 => &cut[..i],
        _ => cut,
    };
    cut.trim_end_matches('-').to_owned()
}

/// `text` as a YAML double-quoted scalar, on one line, whatever it holds: whitespace runs
/// (newlines included) become one space, and quotes, backslashes and control characters
/// are escaped.
pub(crate) fn quote(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{85}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` with every run of whitespace made one space, trimmed.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a new contact file says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NewContact {
    /// Full name.
    pub name: String,
    /// Where they work now.
    pub company: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Email addresses, the main one first.
    pub emails: Vec<String>,
    /// Phone numbers, the main one first; the others go into the notes.
    pub phones: Vec<String>,
    /// Their LinkedIn profile.
    pub linkedin: Option<String>,
    /// One of the words of [`crate::model::Relationship`].
    pub relationship: Option<String>,
    /// Lines of notes for the body (one paragraph each), already safe to write.
    pub notes: Vec<String>,
    /// Log entries (`DATE TEXT`) to start the log with.
    pub log: Vec<String>,
}

impl NewContact {
    /// The file's text: front matter, notes, and a `## Log` section.
    pub(crate) fn render(&self) -> String {
        let mut out = String::from("---\n");
        out.push_str(&format!("name: {}\n", quote(&self.name)));
        optional(&mut out, "company", self.company.as_deref());
        optional(&mut out, "title", self.title.as_deref());
        match self.emails.as_slice() {
            [] => {}
            [one] => out.push_str(&format!("email: {}\n", quote(one))),
            many => {
                out.push_str("email:\n");
                for email in many {
                    out.push_str(&format!("  - {}\n", quote(email)));
                }
            }
        }
        optional(&mut out, "phone", self.phones.first().map(String::as_str));
        optional(&mut out, "linkedin", self.linkedin.as_deref());
        if let Some(relationship) = &self.relationship {
            out.push_str(&format!("relationship: {relationship}\n"));
        }
        out.push_str("---\n");
        let mut notes = self.notes.clone();
        if self.phones.len() > 1 {
            notes.push(format!(
                "Other phone numbers: {}",
                self.phones[1..].join(", ")
            ));
        }
        for note in notes {
            out.push('\n');
            out.push_str(&markdown_text(&note));
            out.push('\n');
        }
        out.push_str("\n## Log\n");
        for entry in &self.log {
            out.push_str(&format!("- {entry}\n"));
        }
        out
    }
}

/// What a new application file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewApplication {
    /// The employer.
    pub company: String,
    /// The position.
    pub role: String,
    /// When you applied.
    pub applied: NaiveDate,
    /// Ids of the references you listed.
    pub references: Vec<String>,
}

impl NewApplication {
    /// The file's text: front matter, an empty `## Synopsis` section (the only part that
    /// goes to references) and a `## Log` section.
    pub(crate) fn render(&self) -> String {
        let mut out = String::from("---\n");
        out.push_str(&format!("company: {}\n", quote(&self.company)));
        out.push_str(&format!("role: {}\n", quote(&self.role)));
        out.push_str("status: applied\n");
        out.push_str(&format!("applied: {}\n", self.applied.format("%Y-%m-%d")));
        if self.references.is_empty() {
            out.push_str("references: []\n");
        } else {
            out.push_str("references:\n");
            for reference in &self.references {
                out.push_str(&format!("  - {}\n", quote(reference)));
            }
        }
        out.push_str("contacts: []\n");
        out.push_str("---\n\n## Synopsis\n\n## Log\n");
        out
    }
}

fn optional(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(value) = value.map(one_line).filter(|v| !v.is_empty()) {
        out.push_str(&format!("{key}: {}\n", quote(&value)));
    }
}

/// One line of plain text that Markdown shows as written: it starts with a letter, so no
/// heading, list item or log entry can come out of it, and link, code and HTML syntax is
/// escaped.
pub(crate) fn markdown_text(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    if !text.starts_with(char::is_alphabetic) {
        out.push_str("Note: ");
    }
    for c in text.chars() {
        if "\\`[]<>".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_names() {
        for (name, id) in [
            ("Jane Doe", "jane-doe"),
            ("Zoë Ångström", "zoe-angstrom"),
            ("José Müller-Lüdenscheidt", "jose-muller-ludenscheidt"),
            ("Дмитрий Иванов", "dmitrii-ivanov"),
            ("../../etc/passwd", "etc-passwd"),
            ("/etc/x", "etc-x"),
            ("!!!", ""),
            ("", ""),
            ("🎉", ""),
            ("Ana 🎉 Lima", "ana-lima"),
            ("王芳", "wang-fang"),
        ] {
            assert_eq!(id_for(name), id, "{name}");
        }
        let long = id_for(&"abcdefghi ".repeat(30));
        assert!(long.len() <= MAX_ID_LEN && !long.ends_with('-'), "{long}");
        let long = id_for(&"x".repeat(300));
        assert_eq!(long.len(), MAX_ID_LEN);
    }

    #[test]
    fn quotes_anything_as_one_yaml_line() {
        assert_eq!(quote("Jane Doe"), "\"Jane Doe\"");
        assert_eq!(quote("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(quote("a\nb\tc"), "\"a b c\"");
        assert_eq!(quote("x\u{7}y"), "\"x\\u0007y\"");
        assert_eq!(quote("no: yes #"), "\"no: yes #\"");
    }

    #[test]
    fn rendered_contact_parses() {
        let contact = NewContact {
            name: "O'Brien, \"Pat\" #1: yes".into(),
            company: Some("Acme: Labs".into()),
            emails: vec!["a@example.com".into(), "b@example.com".into()],
            phones: vec!["+1 555 0100".into(), "0171 555".into()],
            log: vec!["2023-11-15 Connected on LinkedIn #connected".into()],
            notes: vec!["- 2026-02-30 # not a heading [[x]]".into()],
            ..NewContact::default()
        };
        let text = contact.render();
        let parts = crate::load::split::split(&text).expect("split");
        let mut diagnostics = Vec::new();
        let parsed =
            crate::model::log::parse_body(parts.body, parts.body_line, "c.md", &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(parsed.entries.len(), 1);
        assert!(parsed.entries[0].links.is_empty());
    }
}
