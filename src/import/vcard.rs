//! vCard files (`.vcf`), versions 2.1, 3.0 and 4.0, as phones and mail programs export them.
//!
//! A small reader of our own rather than a crate: the vCard crates we tried each handle
//! only some of what real exports hold — 2.1 with quoted-printable values, soft line breaks
//! and a `CHARSET` (what phones still write), folded lines, bare 2.1 parameters (`TEL;CELL:`),
//! `N` without `FN`. We need only a few properties, so a careful reader is short.

use super::{Failure, Person, Record};
use crate::write::templates::{NewContact, one_line};

/// Reads every card in `bytes`. A card without a name or without `END:VCARD` is a
/// failure at its `BEGIN` line; everything outside cards is ignored.
pub fn read(bytes: &[u8]) -> Vec<Record> {
    let text = super::decode(bytes);
    let mut records = Vec::new();
    let mut card: Option<Card> = None;
    for (line, content) in logical_lines(&text) {
        let Some(property) = Property::parse(&content) else {
            continue;
        };
        match property.name.as_str() {
            "BEGIN" if property.raw_value.trim().eq_ignore_ascii_case("vcard") => {
                if let Some(open) = card.take() {
                    records.push(Err(open.unterminated()));
                }
                card = Some(Card::new(line));
            }
            "END" if property.raw_value.trim().eq_ignore_ascii_case("vcard") => {
                if let Some(done) = card.take() {
                    records.push(done.finish());
                }
            }
            _ => {
                if let Some(open) = card.as_mut() {
                    open.add(property);
                }
            }
        }
    }
    if let Some(open) = card {
        records.push(Err(open.unterminated()));
    }
    records
}

/// Unfolds the text into logical lines with the line each starts on: a line beginning with
/// a space or tab continues the one before (RFC 6350), and a quoted-printable value ending
/// in `=` continues on the next line (vCard 2.1 soft line breaks).
fn logical_lines(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut soft_break = false;
    for (index, raw) in text.lines().enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if soft_break && let Some((_, last)) = lines.last_mut() {
            last.pop(); // the `=`
            last.push_str(raw);
        } else if raw.starts_with([' ', '\t'])
            && let Some((_, last)) = lines.last_mut()
        {
            last.push_str(&raw[1..]);
        } else {
            lines.push((index + 1, raw.to_owned()));
        }
        soft_break = lines
            .last()
            .is_some_and(|(_, last)| last.ends_with('=') && is_quoted_printable(last));
    }
    lines
}

fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or("").to_ascii_uppercase();
    head.contains("QUOTED-PRINTABLE")
}

/// One `[group.]NAME;PARAMS:VALUE` line.
struct Property {
    name: String,
    params: Vec<(String, String)>,
    raw_value: String,
}

impl Property {
    fn parse(line: &str) -> Option<Property> {
        // The value starts at the first `:` outside a quoted parameter value.
        let mut quoted = false;
        let colon = line.char_indices().find_map(|(i, c)| match c {
            '"' => {
                quoted = !quoted;
                None
            }
            ':' if !quoted => Some(i),
            _ => None,
        })?;
        let (head, value) = (&line[..colon], &line[colon + 1..]);
        let mut parts = split_unquoted(head, ';').into_iter();
        let name = parts.next()?;
        let name = name
            .rsplit('.')
            .next()
            .unwrap_or(&name)
            .trim()
            .to_ascii_uppercase();
        if name.is_empty() {
            return None;
        }
        let params = parts
            .map(|param| match param.split_once('=') {
                Some((key, value)) => (
                    key.trim().to_ascii_uppercase(),
                    value.trim().trim_matches('"').to_owned(),
                ),
                // vCard 2.1 bare parameters: `TEL;CELL;QUOTED-PRINTABLE:`.
                None => {
                    let bare = param.trim().to_ascii_uppercase();
                    let key = match bare.as_str() {
                        "QUOTED-PRINTABLE" | "BASE64" | "8BIT" | "7BIT" | "B" => "ENCODING",
                        _ => "TYPE",
                    };
                    (key.to_owned(), bare)
                }
            })
            .collect();
        Some(Property {
            name,
            params,
            raw_value: value.to_owned(),
        })
    }

    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn has_type(&self, wanted: &str) -> bool {
        self.params.iter().any(|(k, v)| {
            k == "TYPE" && v.split(',').any(|t| t.trim().eq_ignore_ascii_case(wanted))
        })
    }

    /// The value with quoted-printable and charset decoded; `None` for binary values.
    fn text(&self) -> Option<String> {
        let encoding = self.param("ENCODING").map(str::to_ascii_uppercase);
        match encoding.as_deref() {
            Some("QUOTED-PRINTABLE") => {
                let bytes = quoted_printable(&self.raw_value);
                let charset = self
                    .param("CHARSET")
                    .unwrap_or("UTF-8")
                    .to_ascii_uppercase();
                Some(match charset.as_str() {
                    "ISO-8859-1" | "LATIN1" | "WINDOWS-1252" | "CP1252" | "US-ASCII" => {
                        bytes.iter().map(|&b| char::from(b)).collect()
                    }
                    _ => String::from_utf8_lossy(&bytes).into_owned(),
                })
            }
            Some("B" | "BASE64") => None,
            _ => Some(self.raw_value.clone()),
        }
    }

    /// The value's components split at unescaped `;`, each unescaped.
    fn components(&self) -> Vec<String> {
        self.text()
            .map(|text| {
                split_escaped(&text, ';')
                    .iter()
                    .map(|c| unescape(c))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The whole value, unescaped.
    fn value(&self) -> String {
        self.text().map(|text| unescape(&text)).unwrap_or_default()
    }
}

/// Splits at `separator` outside double quotes.
fn split_unquoted(text: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    for c in text.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == separator && !quoted {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

/// Splits at `separator` not preceded by a backslash, keeping escapes for [`unescape`].
fn split_escaped(text: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut escaped = false;
    for c in text.chars() {
        if c == separator && !escaped {
            parts.push(String::new());
            continue;
        }
        escaped = c == '\\' && !escaped;
        if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

/// `\n`, `\,`, `\;`, `\\` → newline, `,`, `;`, `\`.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Decodes `=XX` escapes; a malformed escape stays as written.
fn quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && let Some(hex) = bytes.get(i + 1..i + 3)
            && let Some(value) = std::str::from_utf8(hex)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(value);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// A card being read.
struct Card {
    line: usize,
    formatted: Option<String>,
    structured: Option<String>,
    org: Vec<String>,
    title: Option<String>,
    emails: Vec<String>,
    phones: Vec<String>,
    urls: Vec<String>,
    linkedin: Option<String>,
}

impl Card {
    fn new(line: usize) -> Self {
        Card {
            line,
            formatted: None,
            structured: None,
            org: Vec::new(),
            title: None,
            emails: Vec::new(),
            phones: Vec::new(),
            urls: Vec::new(),
            linkedin: None,
        }
    }

    fn add(&mut self, property: Property) {
        let set = |slot: &mut Option<String>, value: String| {
            let value = one_line(&value);
            if slot.is_none() && !value.is_empty() {
                *slot = Some(value);
            }
        };
        match property.name.as_str() {
            "FN" => set(&mut self.formatted, property.value()),
            "N" => {
                // Family; Given; Additional; Prefixes; Suffixes.
                let parts = property.components();
                let part = |i: usize| parts.get(i).map(String::as_str).unwrap_or("");
                let name = [part(3), part(1), part(2), part(0), part(4)].join(" ");
                set(&mut self.structured, name.replace(',', " "));
            }
            "ORG" if self.org.is_empty() => {
                self.org = property
                    .components()
                    .iter()
                    .map(|unit| one_line(unit))
                    .filter(|unit| !unit.is_empty())
                    .collect();
            }
            "TITLE" => set(&mut self.title, property.value()),
            "EMAIL" => {
                let email = one_line(&property.value());
                let email = email.strip_prefix("mailto:").unwrap_or(&email).to_owned();
                if email.contains('@')
                    && !self.emails.iter().any(|e| e.eq_ignore_ascii_case(&email))
                {
                    self.emails.push(email);
                }
            }
            "TEL" => {
                let phone = one_line(&property.value());
                let phone = phone.strip_prefix("tel:").unwrap_or(&phone).to_owned();
                if !phone.is_empty() && !self.phones.contains(&phone) {
                    self.phones.push(phone);
                }
            }
            "URL" | "X-SOCIALPROFILE" => {
                let url = one_line(&property.value());
                if url.is_empty() {
                    return;
                }
                if (super::is_linkedin(&url) || property.has_type("linkedin"))
                    && self.linkedin.is_none()
                {
                    self.linkedin = Some(url);
                } else if property.name == "URL" && !self.urls.contains(&url) {
                    self.urls.push(url);
                }
            }
            _ => {}
        }
    }

    fn unterminated(&self) -> Failure {
        Failure {
            line: self.line,
            message: "card has no `END:VCARD` line".to_owned(),
        }
    }

    fn finish(self) -> Record {
        let company = self.org.first().cloned();
        let name = self
            .formatted
            .or(self.structured)
            .or_else(|| company.clone())
            .or_else(|| self.emails.first().cloned());
        let Some(name) = name else {
            return Err(Failure {
                line: self.line,
                message: "card has no name (`FN`, `N`, `ORG` or `EMAIL`)".to_owned(),
            });
        };
        let mut notes = Vec::new();
        if self.org.len() > 1 {
            notes.push(format!("Department: {}", self.org[1..].join(", ")));
        }
        if !self.urls.is_empty() {
            notes.push(format!("Website: {}", self.urls.join(", ")));
        }
        Ok(Person {
            line: self.line,
            contact: NewContact {
                name,
                company,
                title: self.title,
                emails: self.emails,
                phones: self.phones,
                linkedin: self.linkedin,
                notes,
                ..NewContact::default()
            },
            warnings: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<Record> {
        read(text.as_bytes())
    }

    #[test]
    fn reads_vcard_4_with_folding_and_several_emails() {
        let records = people(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane Q. Doe-Smith\\, PhD\r\nN:Doe;Jane;;;\r\nORG:Acme\\, Inc.;Platform;SRE\r\nTITLE:Senior Site Reliab\r\n ility Engineer\r\nEMAIL;TYPE=work:jane@acme.example\r\nEMAIL;TYPE=home:jane@home.example\r\nTEL;VALUE=uri;TYPE=\"voice,cell\":tel:+1-555-0100\r\nTEL;TYPE=work:+1 555 0101\r\nURL:https://www.linkedin.com/in/jane-doe\r\nURL:https://jane.example\r\nEND:VCARD\r\n",
        );
        let jane = &records[0].as_ref().expect("jane").contact;
        assert_eq!(jane.name, "Jane Q. Doe-Smith, PhD");
        assert_eq!(jane.company.as_deref(), Some("Acme, Inc."));
        assert_eq!(
            jane.title.as_deref(),
            Some("Senior Site Reliability Engineer")
        );
        assert_eq!(jane.emails, ["jane@acme.example", "jane@home.example"]);
        assert_eq!(jane.phones, ["+1-555-0100", "+1 555 0101"]);
        assert_eq!(
            jane.linkedin.as_deref(),
            Some("https://www.linkedin.com/in/jane-doe")
        );
        assert_eq!(
            jane.notes,
            ["Department: Platform, SRE", "Website: https://jane.example"]
        );
    }

    #[test]
    fn reads_vcard_2_1_quoted_printable() {
        let records = people(concat!(
            "BEGIN:VCARD\nVERSION:2.1\n",
            "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85ngstr=C3=B6m;Zo=C3=AB;;;\n",
            "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB =C3=85ngstr=C3=B6m =\n",
            "Junior\n",
            "TEL;CELL;PREF:+49 151 1234567\nTEL;HOME:030 1234\n",
            "ORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller AG\n",
            "EMAIL;INTERNET:zoe@example.com\n",
            "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQ\n  AAAQABAAD\n\n",
            "END:VCARD\n",
        ));
        let zoe = &records[0].as_ref().expect("zoe").contact;
        assert_eq!(zoe.name, "Zoë Ångström Junior");
        assert_eq!(zoe.company.as_deref(), Some("Müller AG"));
        assert_eq!(zoe.phones, ["+49 151 1234567", "030 1234"]);
        assert_eq!(zoe.emails, ["zoe@example.com"]);
    }

    #[test]
    fn n_without_fn_and_version_3() {
        let records = people(
            "BEGIN:VCARD\nVERSION:3.0\nN:Lee;Bob;Andrew;Dr.;Jr.\nitem1.EMAIL;type=INTERNET;type=pref:bob@example.com\nEND:VCARD\n",
        );
        let bob = &records[0].as_ref().expect("bob").contact;
        assert_eq!(bob.name, "Dr. Bob Andrew Lee Jr.");
        assert_eq!(bob.emails, ["bob@example.com"]);
    }

    #[test]
    fn malformed_cards_are_failures_with_their_line() {
        let records = people(
            "BEGIN:VCARD\nVERSION:3.0\nTEL:123\nEND:VCARD\nBEGIN:VCARD\nFN:Ok Person\nEND:VCARD\nBEGIN:VCARD\nFN:Cut Off\nBEGIN:VCARD\nFN:Last\n",
        );
        assert_eq!(records.len(), 4);
        assert_eq!(records[0].as_ref().expect_err("no name").line, 1);
        assert_eq!(records[1].as_ref().expect("ok").contact.name, "Ok Person");
        assert_eq!(records[2].as_ref().expect_err("no end").line, 8);
        assert_eq!(records[3].as_ref().expect_err("no end").line, 10);
    }

    #[test]
    fn latin1_files_and_garbage_do_not_panic() {
        let records = read(b"BEGIN:VCARD\nFN:Ren\xe9 Roux\nEND:VCARD\n");
        assert_eq!(records[0].as_ref().expect("rene").contact.name, "René Roux");
        for input in [
            "",
            ":",
            "BEGIN:VCARD\n=",
            "BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=\n=",
            "\u{feff}BEGIN:VCARD\nFN:=E2=82\nEND:VCARD",
        ] {
            let _ = read(input.as_bytes());
        }
    }

    #[test]
    fn every_prefix_of_a_file_reads_without_panic() {
        let sample = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg=\r\n;;;\r\nFN:\"a:b\";x\r\n item1.EMAIL;TYPE=\"a;b\":x@y\r\nORG:A\\;B;C\\\r\nEND:VCARD\r\n";
        for end in 0..=sample.len() {
            let _ = read(&sample.as_bytes()[..end]);
        }
    }
}
