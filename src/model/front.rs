//! Front matter to typed contacts and applications, one diagnostic per mistake.

use super::{Application, Contact, Prefers, Relationship, Status};
use crate::diag::{Diagnostic, did_you_mean};
use crate::duration::Duration;
use crate::load::Document;
use crate::load::yaml::{Node, Value};
use chrono::NaiveDate;

/// A contact link as written in `references` or `contacts`, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LinkAt {
    /// The text as written.
    pub text: String,
    /// The id it normalises to.
    pub id: String,
    /// Its file line.
    pub line: usize,
}

/// A contact as read from its front matter.
#[derive(Debug, Clone)]
pub(crate) struct ParsedContact {
    /// The contact; `None` when the front matter has an error.
    pub contact: Option<Contact>,
    /// `aliases` as written, read even when another key has an error, so that links by
    /// alias to a broken file still resolve.
    pub aliases: Vec<LinkAt>,
}

/// An application whose `references` and `contacts` are not yet resolved.
#[derive(Debug, Clone)]
pub(crate) struct ParsedApplication {
    /// The application, with empty `references` and `contacts`; `None` when the front
    /// matter has an error (the links are still read, so their mistakes are reported).
    pub application: Option<Application>,
    /// `references` as written.
    pub reference_links: Vec<LinkAt>,
    /// `contacts` as written.
    pub contact_links: Vec<LinkAt>,
}

const CONTACT_KEYS: &[&str] = &[
    "name",
    "company",
    "title",
    "email",
    "phone",
    "linkedin",
    "relationship",
    "prefers",
    "cadence",
    "gift_ideas",
    "talking_points",
    "tags",
    "aliases",
    "archived",
    "snooze_until",
];

/// Keys Obsidian reserves for every note (`tag`, `alias` and `cssclass` are its
/// deprecated spellings): goodwill reads `tags` and a contact's `aliases`, and takes the
/// others as Obsidian's business, never as misspellings.
const OBSIDIAN_KEYS: &[&str] = &["tags", "aliases", "cssclasses", "tag", "alias", "cssclass"];

const APPLICATION_KEYS: &[&str] = &[
    "company",
    "role",
    "status",
    "applied",
    "decided",
    "references",
    "contacts",
    "target",
    "posting",
    "highlights",
    "tags",
];

/// Reads a contact from its document, each mistake one diagnostic.
pub(crate) fn parse_contact(
    doc: &Document,
    front: Option<&Node>,
    diagnostics: &mut Vec<Diagnostic>,
) -> ParsedContact {
    let Some(mut fields) = Fields::new(doc, front, CONTACT_KEYS, diagnostics) else {
        return ParsedContact {
            contact: None,
            aliases: Vec::new(),
        };
    };
    let name = fields.required_text("name", "`name: Jane Doe`");
    let aliases = links(&mut fields, "aliases");
    let emails = fields.list("email");
    for (text, line) in &emails {
        if !is_plain_address(text) {
            fields.error(
                *line,
                format!(
                    "`{text}` in `email` is not a plain address: write only the address, as `jane@example.com`"
                ),
            );
        }
    }
    let contact = Contact {
        id: doc.id.clone(),
        file: doc.file.clone(),
        company: fields.text("company"),
        title: fields.text("title"),
        emails: emails.into_iter().map(|(text, _)| text).collect(),
        phone: fields.text("phone"),
        linkedin: fields.text("linkedin"),
        relationship: fields
            .one_of("relationship", Relationship::WORDS)
            .unwrap_or_default(),
        prefers: fields.one_of("prefers", Prefers::WORDS),
        cadence: fields.duration("cadence"),
        gift_ideas: fields.text("gift_ideas"),
        talking_points: fields
            .list("talking_points")
            .into_iter()
            .map(|(text, _)| text)
            .collect(),
        tags: fields
            .list("tags")
            .into_iter()
            .map(|(text, _)| text)
            .collect(),
        aliases: aliases.iter().map(|alias| alias.text.clone()).collect(),
        archived: fields.boolean("archived").unwrap_or(false),
        snooze_until: fields.date("snooze_until"),
        body: doc.body.clone(),
        body_line: doc.body_line,
        log_start: doc.body.len(),
        name: name.unwrap_or_default(),
    };
    ParsedContact {
        contact: fields.finish().then_some(contact),
        aliases,
    }
}

/// `key` as a list of links: each text, the id it normalises to, and its line.
fn links(fields: &mut Fields, key: &str) -> Vec<LinkAt> {
    fields
        .list(key)
        .into_iter()
        .map(|(text, line)| LinkAt {
            id: crate::id::link_target(&text),
            text,
            line,
        })
        .collect()
}

/// Reads an application from its document, each mistake one diagnostic; `None` when the
/// front matter is not a mapping at all.
pub(crate) fn parse_application(
    doc: &Document,
    front: Option<&Node>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ParsedApplication> {
    let mut fields = Fields::new(doc, front, APPLICATION_KEYS, diagnostics)?;
    let company = fields.required_text("company", "`company: Acme`");
    let role = fields.required_text("role", "`role: Senior SRE`");
    let status = fields.one_of("status", Status::WORDS).unwrap_or_default();
    let status_line = fields.line_of("status");
    let applied = fields.date("applied");
    let decided = fields.date("decided");
    if applied.is_none() && status != Status::Prospect && fields.value("applied").is_none() {
        let line = fields.start_line;
        fields.warn(
            line,
            "`applied` is missing: add the date you applied (`applied: YYYY-MM-DD`); until then its due dates are today".to_owned(),
        );
    }
    if status.is_decided() && decided.is_none() && fields.value("decided").is_none() {
        fields.error(
            status_line,
            format!(
                "status `{}` needs the decision date: add `decided: YYYY-MM-DD`",
                status.as_str()
            ),
        );
    }
    if status.is_active() && decided.is_some() {
        let line = fields.line_of("decided");
        fields.warn(
            line,
            format!(
                "`decided` is set but status `{}` is still active: update `status` or remove `decided`",
                status.as_str()
            ),
        );
    }
    let reference_links = links(&mut fields, "references");
    let contact_links = links(&mut fields, "contacts");
    let application = Application {
        id: doc.id.clone(),
        file: doc.file.clone(),
        company: company.unwrap_or_default(),
        role: role.unwrap_or_default(),
        status,
        applied,
        decided,
        references: Vec::new(),
        contacts: Vec::new(),
        target: fields.boolean("target").unwrap_or(false),
        posting: fields.text("posting"),
        highlights: fields
            .list("highlights")
            .into_iter()
            .map(|(text, _)| text)
            .collect(),
        tags: fields
            .list("tags")
            .into_iter()
            .map(|(text, _)| text)
            .collect(),
        body: doc.body.clone(),
        body_line: doc.body_line,
        synopsis: String::new(),
    };
    Some(ParsedApplication {
        application: fields.finish().then_some(application),
        reference_links,
        contact_links,
    })
}

/// The keys of one front matter, read one at a time, each reporting its own mistakes.
struct Fields<'a> {
    file: &'a str,
    start_line: usize,
    pairs: Vec<(&'a str, &'a Node, &'a Node)>,
    diagnostics: &'a mut Vec<Diagnostic>,
    failed: bool,
}

impl<'a> Fields<'a> {
    fn new(
        doc: &'a Document,
        front: Option<&'a Node>,
        known: &[&str],
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Option<Self> {
        let start_line = doc.front_line;
        let mut fields = Fields {
            file: &doc.file,
            start_line,
            pairs: Vec::new(),
            diagnostics,
            failed: false,
        };
        let pairs = match front.map(|node| (node, &node.value)) {
            None => return Some(fields),
            Some((_, Value::Mapping(pairs))) => pairs,
            Some((node, _)) => {
                fields.error(
                    node.line,
                    format!(
                        "front matter must be `key: value` lines, found {}",
                        node.kind()
                    ),
                );
                return None;
            }
        };
        for (key, value) in pairs {
            let Some(name) = key.as_scalar() else {
                fields.error(key.line, "front matter keys must be plain words".to_owned());
                continue;
            };
            if fields.pairs.iter().any(|(seen, _, _)| *seen == name) {
                fields.error(key.line, format!("duplicate key `{name}`: keep only one"));
                continue;
            }
            if !known.contains(&name) && !OBSIDIAN_KEYS.contains(&name) {
                let hint = did_you_mean(name, known.iter().copied());
                if !hint.is_empty() {
                    fields.warn(key.line, format!("unknown key `{name}`{hint}"));
                }
            }
            fields.pairs.push((name, key, value));
        }
        Some(fields)
    }

    fn error(&mut self, line: usize, message: String) {
        self.failed = true;
        self.diagnostics
            .push(Diagnostic::error(self.file, Some(line), message));
    }

    fn warn(&mut self, line: usize, message: String) {
        self.diagnostics
            .push(Diagnostic::warning(self.file, Some(line), message));
    }

    fn finish(self) -> bool {
        !self.failed
    }

    /// The value of `key`, unless it is absent or null.
    fn value(&self, key: &str) -> Option<&'a Node> {
        self.pairs
            .iter()
            .find(|(name, _, _)| *name == key)
            .map(|(_, _, value)| *value)
            .filter(|value| !value.is_null())
    }

    fn line_of(&self, key: &str) -> usize {
        self.pairs
            .iter()
            .find(|(name, _, _)| *name == key)
            .map_or(self.start_line, |(_, key, _)| key.line)
    }

    /// A scalar's text, or an error naming the key.
    fn scalar(&mut self, key: &str) -> Option<(&'a str, usize)> {
        let node = self.value(key)?;
        match node.as_scalar() {
            Some(text) => Some((text, node.line)),
            None => {
                let line = self.line_of(key);
                self.error(
                    line,
                    format!("`{key}` must be a single value, found {}", node.kind()),
                );
                None
            }
        }
    }

    fn text(&mut self, key: &str) -> Option<String> {
        let (text, _) = self.scalar(key)?;
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_owned())
    }

    fn required_text(&mut self, key: &str, example: &str) -> Option<String> {
        if self.value(key).is_none() {
            let line = self.line_of(key);
            self.error(
                line,
                format!("missing required key `{key}`: add {example} to the front matter"),
            );
            return None;
        }
        let text = self.text(key);
        if text.is_none() && self.value(key).and_then(Node::as_scalar).is_some() {
            let line = self.line_of(key);
            self.error(line, format!("`{key}` is empty"));
        }
        text
    }

    /// A list of texts; a single value counts as a list of one. Unquoted `[[Name]]`
    /// (which YAML reads as a list in a list) counts as the link it was meant to be.
    fn list(&mut self, key: &str) -> Vec<(String, usize)> {
        let Some(node) = self.value(key) else {
            return Vec::new();
        };
        let items: Vec<&Node> = match &node.value {
            Value::Sequence(items) => items.iter().collect(),
            Value::Scalar { .. } => vec![node],
            Value::Mapping(_) => {
                let line = self.line_of(key);
                self.error(
                    line,
                    format!("`{key}` must be a list (`- item` lines), found a mapping"),
                );
                return Vec::new();
            }
        };
        let mut texts = Vec::with_capacity(items.len());
        for item in items {
            if item.is_null() {
                continue;
            }
            match wikilink_or_scalar(item) {
                Some(text) if !text.trim().is_empty() => {
                    texts.push((text.trim().to_owned(), item.line))
                }
                Some(_) => {}
                None => {
                    self.error(
                        item.line,
                        format!(
                            "each item of `{key}` must be a single value, found {}",
                            item.kind()
                        ),
                    );
                    return Vec::new();
                }
            }
        }
        texts
    }

    fn one_of<T: Copy>(&mut self, key: &str, values: &[(&str, T)]) -> Option<T> {
        let (text, line) = self.scalar(key)?;
        let word = text.trim().to_lowercase();
        if let Some((_, value)) = values.iter().find(|(name, _)| *name == word) {
            return Some(*value);
        }
        let names: Vec<&str> = values.iter().map(|(name, _)| *name).collect();
        let hint = did_you_mean(&word, names.iter().copied());
        self.error(
            line,
            format!(
                "unknown {key} `{text}`{hint}: use one of {}",
                names.join(", ")
            ),
        );
        None
    }

    fn boolean(&mut self, key: &str) -> Option<bool> {
        let (text, line) = self.scalar(key)?;
        match text.trim().to_lowercase().as_str() {
            "true" | "yes" | "on" => Some(true),
            "false" | "no" | "off" => Some(false),
            _ => {
                self.error(
                    line,
                    format!("`{key}` must be `true` or `false`, found `{text}`"),
                );
                None
            }
        }
    }

    fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let (text, line) = self.scalar(key)?;
        match parse_date(text.trim()) {
            Some(date) => Some(date),
            None => {
                self.error(
                    line,
                    format!("invalid date `{text}` in `{key}`: write it as YYYY-MM-DD"),
                );
                None
            }
        }
    }

    fn duration(&mut self, key: &str) -> Option<Duration> {
        let (text, line) = self.scalar(key)?;
        match text.parse() {
            Ok(duration) => Some(duration),
            Err(_) => {
                let hint = crate::duration::DURATION_HINT;
                self.error(
                    line,
                    format!("invalid duration `{text}` in `{key}`: {hint}"),
                );
                None
            }
        }
    }
}

/// A scalar's text, or `[[x]]` for the list-in-a-list YAML makes of an unquoted `[[x]]`.
fn wikilink_or_scalar(node: &Node) -> Option<String> {
    match &node.value {
        Value::Scalar { text, .. } => Some(text.clone()),
        Value::Sequence(outer) => match outer.as_slice() {
            [inner] => match &inner.value {
                Value::Sequence(items) => match items.as_slice() {
                    [item] => item.as_scalar().map(|text| format!("[[{text}]]")),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        },
        Value::Mapping(_) => None,
    }
}

/// A strict `YYYY-MM-DD` date: four, two and two digits, and a real day.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// Whether `text` is a plain email address, `local@domain`, and nothing a mail link could
/// read as more: no `?bcc=…` or second address, no name in angle brackets, no spaces.
pub(crate) fn is_plain_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let other = |c: char| !c.is_ascii() && !c.is_whitespace() && !c.is_control();
    let local_char =
        |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c) || other(c);
    let domain_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.' || other(c);
    (1..=64).contains(&local.len())
        && local.chars().all(local_char)
        && (1..=255).contains(&domain.len())
        && domain.chars().all(domain_char)
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_addresses() {
        for good in [
            "jane@example.com",
            "jane.doe+jobs@mail.example.co.uk",
            "o'brien@example.ie",
            "josé@exämple.de",
            "a@localhost",
        ] {
            assert!(is_plain_address(good), "{good}");
        }
        for bad in [
            "evil@example.com?bcc=victim@example.org",
            "a@example.com&cc=b@example.com",
            "Jane <jane@example.com>",
            "jane@example.com, joe@example.com",
            "jane @example.com",
            "jane",
            "@example.com",
            "jane@",
            "jane@example..com",
            "jane@example.com.",
            "jane@exa\u{1b}mple.com",
            "jane@example.com#x",
            "jane@example.com/x",
        ] {
            assert!(!is_plain_address(bad), "{bad}");
        }
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(
            parse_date("2026-02-28"),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-28",
            "2026/02/28",
            "2026-02-28T10:00",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
