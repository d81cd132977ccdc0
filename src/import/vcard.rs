//! vCard files (`.vcf`), versions 2.1, 3.0 and 4.0, as phones and mail programs export them.
//!
//! A small reader of our own rather than a crate: the vCard crates we tried each handle
//! only some of what real exports hold — 2.1 with quoted-printable values, soft line breaks
//! and a `CHARSET` (what phones still write), folded lines, bare 2.1 parameters (`TEL;CELL:`),
//! `N` without `FN`, cards nested in `AGENT`. We need only a few properties, so a careful
//! reader is short. It works on bytes: lines are unfolded before anything is decoded (a
//! fold may split a character), and each value is decoded on its own ([`super::decode`]).

mod property;
pub(crate) use property::unescape;

use super::decode::{Decoder, Source};
use super::{Export, Failure, Person, Record};
use crate::write::templates::{NewContact, one_line};
use property::{Property, logical_lines, split_escaped};

/// The most bytes of `NOTE` text one card brings in: notes are kept, but a contact file
/// must stay well below the size a repository file may have.
const MAX_NOTE_BYTES: usize = 64 * 1024;

/// The properties the reader uses; the others (photos, addresses, …) are not even decoded.
const USED: &[&str] = &[
    "FN",
    "N",
    "ORG",
    "TITLE",
    "EMAIL",
    "TEL",
    "URL",
    "X-SOCIALPROFILE",
    "UID",
    "NOTE",
    "VERSION",
    "KIND",
    "X-ADDRESSBOOKSERVER-KIND",
];

/// Reads every card in `bytes`. A card without a name or without `END:VCARD` is a
/// failure at its `BEGIN` line; everything outside cards is ignored, and so is a card
/// nested in another (vCard 2.1 `AGENT`), which does not end its parent.
pub(crate) fn read(bytes: &[u8]) -> Export {
    let source = Source::new(bytes);
    let mut export = Export::default();
    if let Some(problem) = &source.problem {
        export.warnings.push((None, problem.clone()));
    }
    let items = collect(&source, &mut export.warnings);
    let decoder = Decoder::new(
        source.whole,
        items
            .iter()
            .filter_map(|item| item.as_ref().ok())
            .flat_map(|card| &card.properties)
            .map(|p| (p.data.as_slice(), p.param("CHARSET"))),
    );
    if let Some(note) = decoder.file_note() {
        export.warnings.push((None, note));
    }
    for item in items {
        match item {
            // A group (vCard 4.0 `KIND:group`, Apple's `X-ADDRESSBOOKSERVER-KIND:group`)
            // lists people; it is not one.
            Ok(card) if card.is_group() => export.warnings.push((
                Some(card.line),
                "this card is a group, not a person: not imported".to_owned(),
            )),
            Ok(card) => export.records.push(card.finish(&decoder)),
            Err(failure) => export.records.push(Err(failure)),
        }
    }
    export
}

/// Splits the file into cards of undecoded properties.
fn collect(
    source: &Source,
    warnings: &mut Vec<(Option<usize>, String)>,
) -> Vec<Result<Card, Failure>> {
    let properties: Vec<Property> = logical_lines(source)
        .into_iter()
        .filter_map(|(line, content)| Property::parse(line, &content))
        .collect();
    let mut items = Vec::new();
    let mut card: Option<Card> = None;
    for (index, property) in properties.iter().enumerate() {
        let line = property.line;
        match property.name.as_str() {
            "BEGIN" if property.is_vcard() => match card.as_mut() {
                Some(open) if open.nested > 0 => open.nested += 1,
                Some(open) if open.after_agent || nested_at(&properties, index) => {
                    open.nested = 1;
                    warnings.push((Some(line), nested_warning(open.line)));
                }
                Some(_) => {
                    if let Some(open) = card.take() {
                        items.push(Err(open.unterminated()));
                    }
                    card = Some(Card::new(line));
                }
                None => card = Some(Card::new(line)),
            },
            "END" if property.is_vcard() => match card.as_mut() {
                Some(open) if open.nested > 0 => open.nested -= 1,
                Some(_) => {
                    if let Some(done) = card.take() {
                        items.push(Ok(done));
                    }
                }
                None => {}
            },
            _ => {
                let Some(open) = card.as_mut() else { continue };
                if open.nested > 0 {
                    continue;
                }
                let agent = property.name.ends_with("AGENT");
                // `AGENT:BEGIN:VCARD`: the nested card starts on the same line.
                if agent
                    && property
                        .data
                        .trim_ascii()
                        .eq_ignore_ascii_case(b"BEGIN:VCARD")
                {
                    open.nested = 1;
                    warnings.push((Some(line), nested_warning(open.line)));
                    continue;
                }
                open.after_agent = agent && property.data.trim_ascii().is_empty();
                if USED.contains(&property.name.as_str()) {
                    open.properties.push(property.clone());
                }
            }
        }
    }
    if let Some(open) = card {
        items.push(Err(open.unterminated()));
    }
    items
}

fn nested_warning(parent: usize) -> String {
    format!("a card nested in the card of line {parent} (`AGENT`) is not imported; its parent is")
}

/// Whether the `BEGIN:VCARD` at `at`, inside an open card, opens a card nested in it
/// rather than the next card after a cut-off one: its own `END:VCARD` is followed by more
/// of the parent (a property or the parent's end), not by another card or the end of the
/// file. The look ahead stops after a few levels or many lines, so it stays cheap.
fn nested_at(properties: &[Property], at: usize) -> bool {
    let mut depth = 0;
    for (offset, property) in properties[at..].iter().enumerate().take(10_000) {
        if property.is_begin() {
            depth += 1;
            if depth > 4 {
                return false;
            }
        } else if property.is_end() {
            depth -= 1;
            if depth == 0 {
                return properties
                    .get(at + offset + 1)
                    .is_some_and(|next| !next.is_begin());
            }
        }
    }
    false
}

/// Whether a name is written in a script whose names put the family name first.
fn family_first(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
    })
}

/// A card's properties, read but not yet decoded.
#[derive(Debug)]
struct Card {
    line: usize,
    properties: Vec<Property>,
    /// How deep inside cards nested in this one the reader is.
    nested: usize,
    /// Whether the last property was an empty `AGENT`: a `BEGIN:VCARD` then opens a card
    /// nested in this one, not a new one.
    after_agent: bool,
}

/// The decoded text of a card's values, and the problems met on the way.
struct Values<'a> {
    decoder: &'a Decoder,
    escapes: bool,
    warnings: Vec<(usize, String)>,
}

impl Values<'_> {
    /// The value as text (2.1: backslashes are literal but for `\;`, which writers such
    /// as Android's use in every value; 3.0 and 4.0: unescaped).
    fn text(&mut self, property: &Property) -> String {
        let decoded = self.decode(property);
        if self.escapes {
            unescape(&decoded)
        } else {
            decoded.replace("\\;", ";")
        }
    }

    /// The value's `;`-separated components, each unescaped (2.1: only `\;`).
    fn components(&mut self, property: &Property) -> Vec<String> {
        let decoded = self.decode(property);
        split_escaped(&decoded, ';')
            .iter()
            .map(|part| {
                if self.escapes {
                    unescape(part)
                } else {
                    part.replace("\\;", ";")
                }
            })
            .collect()
    }

    fn decode(&mut self, property: &Property) -> String {
        let decoded = self
            .decoder
            .decode(&property.data, property.param("CHARSET"), property.raw);
        if let Some(problem) = decoded.problem {
            self.warnings.push((
                property.line,
                format!(
                    "`{}` {problem}: `{}`",
                    property.name,
                    one_line(&decoded.text)
                ),
            ));
        }
        decoded.text
    }
}

impl Card {
    fn new(line: usize) -> Self {
        Card {
            line,
            properties: Vec::new(),
            nested: 0,
            after_agent: false,
        }
    }

    fn is_group(&self) -> bool {
        self.properties
            .iter()
            .any(|p| p.name.ends_with("KIND") && p.data.trim_ascii().eq_ignore_ascii_case(b"group"))
    }

    fn unterminated(&self) -> Failure {
        Failure {
            line: self.line,
            message: "card has no `END:VCARD` line".to_owned(),
        }
    }

    fn finish(self, decoder: &Decoder) -> Record {
        let version = self
            .properties
            .iter()
            .find(|p| p.name == "VERSION")
            .map(|p| String::from_utf8_lossy(p.data.trim_ascii()).into_owned());
        let mut values = Values {
            decoder,
            escapes: version.as_deref() != Some("2.1"),
            warnings: Vec::new(),
        };
        let mut formatted = None;
        let mut structured = None;
        let mut org: Vec<String> = Vec::new();
        let mut title = None;
        let mut emails: Vec<(u8, String)> = Vec::new();
        let mut phones: Vec<(u8, String)> = Vec::new();
        let mut urls: Vec<String> = Vec::new();
        let mut linkedin = None;
        let mut uid = None;
        let mut notes: Vec<String> = Vec::new();
        let mut note_bytes = 0;
        let mut note_cut = None;
        let set = |slot: &mut Option<String>, value: String| {
            let value = one_line(&value);
            if slot.is_none() && !value.is_empty() {
                *slot = Some(value);
            }
        };
        for property in &self.properties {
            match property.name.as_str() {
                "FN" => set(&mut formatted, values.text(property)),
                "N" if structured.is_none() => {
                    // Family; Given; Additional; Prefixes; Suffixes.
                    let parts = values.components(property);
                    let part = |i: usize| parts.get(i).map(String::as_str).unwrap_or("");
                    let order = if family_first(part(0)) || family_first(part(1)) {
                        [part(3), part(0), part(1), part(2), part(4)]
                    } else {
                        [part(3), part(1), part(2), part(0), part(4)]
                    };
                    set(&mut structured, order.join(" ").replace(',', " "));
                }
                "ORG" if org.is_empty() => {
                    org = values
                        .components(property)
                        .iter()
                        .map(|unit| one_line(unit))
                        .filter(|unit| !unit.is_empty())
                        .collect();
                }
                "TITLE" => set(&mut title, values.text(property)),
                "EMAIL" => {
                    let email = one_line(&values.text(property));
                    let email = email.strip_prefix("mailto:").unwrap_or(&email).to_owned();
                    if email.contains('@') {
                        emails.push((property.preference(), email));
                    }
                }
                "TEL" => {
                    let phone = one_line(&values.text(property));
                    let phone = phone.strip_prefix("tel:").unwrap_or(&phone).to_owned();
                    if !phone.is_empty() {
                        phones.push((property.preference(), phone));
                    }
                }
                "URL" | "X-SOCIALPROFILE" => {
                    let url = one_line(&values.text(property));
                    if url.is_empty() {
                        continue;
                    }
                    if (super::is_linkedin(&url) || property.has_type("linkedin"))
                        && linkedin.is_none()
                    {
                        linkedin = Some(url);
                    } else if property.name == "URL" && !urls.contains(&url) {
                        urls.push(url);
                    }
                }
                "UID" => set(&mut uid, values.text(property)),
                "NOTE" => {
                    // Control characters (other than line breaks) show as nothing in an
                    // editor but can upset a terminal: they are dropped.
                    let text: String = values
                        .text(property)
                        .replace("\r\n", "\n")
                        .chars()
                        .filter(|&c| !c.is_control() || c == '\n' || c == '\r' || c == '\t')
                        .collect();
                    for line in text.split(['\n', '\r']).map(str::trim) {
                        if line.is_empty() || note_cut.is_some() {
                            continue;
                        }
                        if note_bytes + line.len() > MAX_NOTE_BYTES {
                            note_cut = Some(property.line);
                            continue;
                        }
                        note_bytes += line.len();
                        notes.push(line.to_owned());
                    }
                }
                _ => {}
            }
        }
        if let Some(line) = note_cut {
            values.warnings.push((
                line,
                format!(
                    "`NOTE` is longer than {} KiB: only the first {} KiB were imported",
                    MAX_NOTE_BYTES / 1024,
                    MAX_NOTE_BYTES / 1024
                ),
            ));
        }
        let company = org.first().cloned();
        let name = formatted
            .or(structured)
            .or_else(|| company.clone())
            .or_else(|| primary(&emails).into_iter().next());
        let Some(name) = name else {
            return Err(Failure {
                line: self.line,
                message: "card has no name (`FN`, `N`, `ORG` or `EMAIL`)".to_owned(),
            });
        };
        if org.len() > 1 {
            notes.push(format!("Department: {}", org[1..].join(", ")));
        }
        if !urls.is_empty() {
            notes.push(format!("Website: {}", urls.join(", ")));
        }
        let mut emails = primary(&emails);
        let mut seen = Vec::new();
        emails.retain(|e| {
            let key = e.to_lowercase();
            let new = !seen.contains(&key);
            seen.push(key);
            new
        });
        let mut phones = primary(&phones);
        let mut seen = Vec::new();
        phones.retain(|p| {
            let digits: String = p.chars().filter(char::is_ascii_digit).collect();
            let key = if digits.is_empty() { p.clone() } else { digits };
            let new = !seen.contains(&key);
            seen.push(key);
            new
        });
        Ok(Person {
            line: self.line,
            contact: NewContact {
                name,
                company,
                title,
                emails,
                phones,
                linkedin,
                notes,
                ..NewContact::default()
            },
            uid,
            warnings: values.warnings,
        })
    }
}

/// Values in order of preference, the preferred first; equals keep the file's order.
fn primary(values: &[(u8, String)]) -> Vec<String> {
    let mut sorted = values.to_vec();
    sorted.sort_by_key(|(rank, _)| *rank);
    sorted.into_iter().map(|(_, value)| value).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<Record> {
        read(text.as_bytes()).records
    }

    fn contact(record: &Record) -> &NewContact {
        &record.as_ref().expect("a person").contact
    }

    #[test]
    fn reads_vcard_4_with_folding_and_several_emails() {
        let records = people(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane Q. Doe-Smith\\, PhD\r\nN:Doe;Jane;;;\r\nORG:Acme\\, Inc.;Platform;SRE\r\nTITLE:Senior Site Reliab\r\n ility Engineer\r\nEMAIL;TYPE=work:jane@acme.example\r\nEMAIL;TYPE=home:jane@home.example\r\nTEL;VALUE=uri;TYPE=\"voice,cell\":tel:+1-555-0100\r\nTEL;TYPE=work:+1 555 0101\r\nURL:https://www.linkedin.com/in/jane-doe\r\nURL:https://jane.example\r\nUID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\nEND:VCARD\r\n",
        );
        let person = records[0].as_ref().expect("jane");
        let jane = &person.contact;
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
        assert_eq!(
            person.uid.as_deref(),
            Some("urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1")
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
        let zoe = contact(&records[0]);
        assert_eq!(zoe.name, "Zoë Ångström Junior");
        assert_eq!(zoe.company.as_deref(), Some("Müller AG"));
        assert_eq!(zoe.phones, ["+49 151 1234567", "030 1234"]);
        assert_eq!(zoe.emails, ["zoe@example.com"]);
    }

    #[test]
    fn pref_chooses_the_primary_phone_and_email_in_every_version() {
        let records = people(concat!(
            "BEGIN:VCARD\nVERSION:2.1\nFN:Ana Lima\n",
            "TEL;HOME:030 1234567\nTEL;CELL;PREF:0151 1234567\n",
            "EMAIL;INTERNET:ana@home.example\nEMAIL;INTERNET;PREF:ana@work.example\nEND:VCARD\n",
            "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Lin\n",
            "TEL;TYPE=HOME:030 7654321\nTEL;TYPE=CELL,PREF:0151 7654321\n",
            "item1.EMAIL;type=INTERNET:bo@home.example\nitem2.EMAIL;type=INTERNET;type=pref:bo@work.example\nEND:VCARD\n",
            "BEGIN:VCARD\nVERSION:4.0\nFN:Cy Ng\n",
            "TEL;PREF=2:tel:+1-555-0102\nTEL:tel:+1-555-0100\nTEL;PREF=1:tel:+1-555-0101\n",
            "EMAIL;PREF=3:cy@a.example\nEMAIL;PREF=1:cy@b.example\nEND:VCARD\n",
        ));
        assert_eq!(contact(&records[0]).phones, ["0151 1234567", "030 1234567"]);
        assert_eq!(
            contact(&records[0]).emails,
            ["ana@work.example", "ana@home.example"]
        );
        assert_eq!(contact(&records[1]).phones, ["0151 7654321", "030 7654321"]);
        assert_eq!(
            contact(&records[1]).emails,
            ["bo@work.example", "bo@home.example"]
        );
        assert_eq!(
            contact(&records[2]).phones,
            ["+1-555-0101", "+1-555-0102", "+1-555-0100"]
        );
        assert_eq!(
            contact(&records[2]).emails,
            ["cy@b.example", "cy@a.example"]
        );
    }

    #[test]
    fn backslashes_are_literal_in_2_1_and_escapes_in_3_0() {
        let records = people(concat!(
            "BEGIN:VCARD\nVERSION:2.1\nFN:Dev\\nOps Team\nN:Team\\;Ops;Dev;;;\nTITLE:C:\\new\\tools\\; R\\D\nEND:VCARD\n",
            "BEGIN:VCARD\nVERSION:3.0\nFN:Dev\\, Ops\nTITLE:C:\\\\new\nEND:VCARD\n",
        ));
        let old = contact(&records[0]);
        assert_eq!(old.name, "Dev\\nOps Team");
        assert_eq!(old.title.as_deref(), Some("C:\\new\\tools; R\\D"));
        let structured = people("BEGIN:VCARD\nVERSION:2.1\nN:Team\\;Ops;Dev;;;\nEND:VCARD\n");
        assert_eq!(contact(&structured[0]).name, "Dev Team;Ops");
        let new = contact(&records[1]);
        assert_eq!(new.name, "Dev, Ops");
        assert_eq!(new.title.as_deref(), Some("C:\\new"));
    }

    #[test]
    fn a_nested_card_is_skipped_and_its_parent_kept() {
        let export = read(
            concat!(
                "BEGIN:VCARD\nVERSION:2.1\nFN:Ruth Boss\n",
                "AGENT:\nBEGIN:VCARD\nVERSION:2.1\nFN:Sam Helper\nTEL:555 0100 99\nEND:VCARD\n",
                "TEL;WORK:030 1234567\nEMAIL:ruth@example.com\nEND:VCARD\n",
                "BEGIN:VCARD\nVERSION:2.1\nFN:Tom After\n",
                "AGENT:BEGIN:VCARD\nFN:Una Inner\nEND:VCARD\nEND:VCARD\n",
                "BEGIN:VCARD\nVERSION:3.0\nFN:Vera Outer\nBEGIN:VCARD\nFN:Will Inner\nEND:VCARD\nEMAIL:vera@example.com\nEND:VCARD\n",
            )
            .as_bytes(),
        );
        assert_eq!(export.records.len(), 3);
        let ruth = contact(&export.records[0]);
        assert_eq!(ruth.name, "Ruth Boss");
        assert_eq!(ruth.phones, ["030 1234567"]);
        assert_eq!(ruth.emails, ["ruth@example.com"]);
        assert_eq!(contact(&export.records[1]).name, "Tom After");
        // Without `AGENT`, a card that ends before its parent goes on is nested too.
        let vera = contact(&export.records[2]);
        assert_eq!(vera.name, "Vera Outer");
        assert_eq!(vera.emails, ["vera@example.com"]);
        assert_eq!(export.warnings.len(), 3);
        assert_eq!(export.warnings[0].0, Some(5));
        assert!(export.warnings[0].1.contains("card of line 1"));
    }

    #[test]
    fn notes_are_kept_line_by_line() {
        let records = people(concat!(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Vi Tran\n",
            "NOTE:Met at the meetup\\n- 2024-01-05 not a log entry\\n\\n## not a heading\\n---\n",
            "END:VCARD\n",
            "BEGIN:VCARD\nVERSION:2.1\nFN:Wu Li\n",
            "NOTE;ENCODING=QUOTED-PRINTABLE:Line one=0D=0ALine=1B[31m two=00\nEND:VCARD\n",
        ));
        assert_eq!(
            contact(&records[0]).notes,
            [
                "Met at the meetup",
                "- 2024-01-05 not a log entry",
                "## not a heading",
                "---"
            ]
        );
        assert_eq!(contact(&records[1]).notes, ["Line one", "Line[31m two"]);
    }

    #[test]
    fn charsets_per_property() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("山田;太郎");
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Иванов;Дмитрий");
        let mut bytes = b"BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=SHIFT_JIS:".to_vec();
        bytes.extend_from_slice(&sjis);
        bytes.extend_from_slice(
            b";;;\nEND:VCARD\nBEGIN:VCARD\nVERSION:2.1\nN;CHARSET=WINDOWS-1251:",
        );
        bytes.extend_from_slice(&cp1251);
        bytes.extend_from_slice(b";;;\nORG;CHARSET=WINDOWS-1251;ENCODING=QUOTED-PRINTABLE:=CE=CE=CE =D0=EE=EC=E0=F8=EA=E0\n");
        bytes.extend_from_slice(b"TITLE;CHARSET=WINDOWS-1252:O\x92Neil\nEND:VCARD\n");
        let export = read(&bytes);
        assert!(export.warnings.is_empty(), "{:?}", export.warnings);
        assert_eq!(contact(&export.records[0]).name, "山田 太郎");
        let second = contact(&export.records[1]);
        assert_eq!(second.name, "Дмитрий Иванов");
        assert_eq!(second.company.as_deref(), Some("ООО Ромашка"));
        assert_eq!(second.title.as_deref(), Some("O’Neil"));
    }

    #[test]
    fn a_fold_inside_a_character_is_undone_before_decoding() {
        let bytes = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\xc3\xab M\xc3\r\n \xbcller\r\nNOTE:Caf\xc3\r\n \xa9 au lait\r\nEND:VCARD\r\n";
        let export = read(bytes);
        assert!(export.warnings.is_empty(), "{:?}", export.warnings);
        let zoe = contact(&export.records[0]);
        assert_eq!(zoe.name, "Zoë Müller");
        assert_eq!(zoe.notes, ["Café au lait"]);
    }

    #[test]
    fn one_bad_byte_falls_back_for_its_value_only() {
        let bytes = "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Müller\nTITLE:Ingénieure\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Ren\u{e9} Roux\nEND:VCARD\n"
            .as_bytes()
            .to_vec();
        // Make René's `é` a lone Windows-1252 byte.
        let text = String::from_utf8(bytes).expect("utf-8");
        let mut bytes = text.replace("Ren\u{e9}", "Ren\u{1}").into_bytes();
        let at = bytes.iter().position(|&b| b == 1).expect("marker");
        bytes[at] = 0xE9;
        let export = read(&bytes);
        assert_eq!(contact(&export.records[0]).name, "Zoë Müller");
        assert_eq!(
            contact(&export.records[0]).title.as_deref(),
            Some("Ingénieure")
        );
        let rene = export.records[1].as_ref().expect("rene");
        assert_eq!(rene.contact.name, "René Roux");
        assert_eq!(rene.warnings.len(), 1);
        assert_eq!(rene.warnings[0].0, 8);
        assert!(
            rene.warnings[0].1.starts_with("`FN` is not UTF-8"),
            "{:?}",
            rene.warnings
        );
    }

    #[test]
    fn groups_are_not_people_and_joined_files_keep_their_cards() {
        let export = read(
            "BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:Friends\nMEMBER:urn:uuid:1\nEND:VCARD\n\u{feff}BEGIN:VCARD\nVERSION:3.0\nFN:Xu Wen\nEND:VCARD\n"
                .as_bytes(),
        );
        assert_eq!(export.records.len(), 1);
        assert_eq!(contact(&export.records[0]).name, "Xu Wen");
        assert_eq!(export.warnings[0].0, Some(1));
        assert!(export.warnings[0].1.contains("a group"));
    }

    #[test]
    fn n_without_fn_and_version_3() {
        let records = people(
            "BEGIN:VCARD\nVERSION:3.0\nN:Lee;Bob;Andrew;Dr.;Jr.\nitem1.EMAIL;type=INTERNET;type=pref:bob@example.com\nEND:VCARD\n",
        );
        let bob = contact(&records[0]);
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
        assert_eq!(contact(&records[1]).name, "Ok Person");
        assert_eq!(records[2].as_ref().expect_err("no end").line, 8);
        assert_eq!(records[3].as_ref().expect_err("no end").line, 10);
    }

    #[test]
    fn latin1_files_and_garbage_do_not_panic() {
        let export = read(b"BEGIN:VCARD\nFN:Ren\xe9 Roux\nEND:VCARD\n");
        assert_eq!(contact(&export.records[0]).name, "René Roux");
        // `é` is the same byte in every Latin encoding; which one is named does not matter.
        assert!(
            export.warnings[0].1.contains("not UTF-8"),
            "{:?}",
            export.warnings
        );
        for input in [
            "",
            ":",
            " folded first",
            "BEGIN:VCARD\n=",
            "BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=\n=",
            "\u{feff}BEGIN:VCARD\nFN:=E2=82\nEND:VCARD",
            "BEGIN:VCARD\nAGENT:\nBEGIN:VCARD\nBEGIN:VCARD\nEND:VCARD",
        ] {
            let _ = read(input.as_bytes());
        }
    }

    #[test]
    fn every_prefix_of_a_file_reads_without_panic() {
        let sample = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg=\r\n;;;\r\nFN:\"a:b\";x\r\n item1.EMAIL;TYPE=\"a;b\":x@y\r\nORG:A\\;B;C\\\r\nAGENT:\r\nBEGIN:VCARD\r\nFN:Ag\r\nEND:VCARD\r\nNOTE:x\\ny\r\nEND:VCARD\r\n";
        for end in 0..=sample.len() {
            let _ = read(&sample.as_bytes()[..end]);
        }
        // And with any byte replaced by one that means something to the reader.
        for at in 0..sample.len() {
            for byte in [0x00, 0xFF, 0xC3, b'\n', b' ', b':', b';', b'=', b'"', b'\\'] {
                let mut bytes = sample.as_bytes().to_vec();
                bytes[at] = byte;
                let _ = read(&bytes);
            }
        }
    }
}
