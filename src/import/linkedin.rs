//! LinkedIn's `Connections.csv` export, in every layout it has had: with or without a few
//! lines of notes before the header, with or without the URL column, with dates written
//! `15 Nov 2023`, `11/15/23` or `1/8/18, 6:14 PM`.

use super::decode::{Decoder, Source};
use super::{Export, Failure, Person, Record};
use crate::error::LinkedinError;
use crate::write::templates::{NewContact, one_line};
use chrono::NaiveDate;

/// Reads the export; fails only when no header row is found.
pub(crate) fn read(bytes: &[u8]) -> Result<Export, LinkedinError> {
    let source = Source::new(bytes);
    let mut export = Export::default();
    if let Some(problem) = &source.problem {
        export.warnings.push((None, problem.clone()));
    }
    // The notes before the header may hold quoted text over several lines: look for the
    // first line that starts like the header instead of parsing them as CSV.
    let mut offset = 0;
    let mut header = None;
    for (number, line) in source.bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let start = line.trim_ascii_start();
        let start = start
            .strip_prefix(b"\"")
            .unwrap_or(start)
            .trim_ascii_start();
        if start.len() >= 10 && start[..10].eq_ignore_ascii_case(b"first name") {
            header = Some((number + 1, delimiter(line)));
            break;
        }
        offset += line.len();
    }
    let Some((header_line, delimiter)) = header else {
        return Err(LinkedinError::NoHeader);
    };
    let rows_bytes = &source.bytes[offset..];
    // A carriage return alone inside a line (pasted from an old Mac program) would end
    // the row there for the CSV reader: in a file whose lines end in `\n`, it is a space.
    let rows_bytes: std::borrow::Cow<'_, [u8]> = if source.bytes.contains(&b'\n') {
        bare_carriage_returns_as_spaces(rows_bytes)
    } else {
        std::borrow::Cow::Borrowed(rows_bytes)
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(&rows_bytes[..]);
    let headers = reader
        .byte_headers()
        .map_err(|source| LinkedinError::Header {
            line: header_line,
            source,
        })?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| String::from_utf8_lossy(h).trim().eq_ignore_ascii_case(name))
    };
    let columns = Columns {
        first: column("First Name"),
        last: column("Last Name"),
        url: column("URL").or_else(|| column("Profile URL")),
        email: column("Email Address").or_else(|| column("Email")),
        company: column("Company"),
        position: column("Position"),
        connected: column("Connected On"),
    };
    let file_line = |line: u64| header_line + usize::try_from(line).unwrap_or(usize::MAX) - 1;

    let mut rows: Vec<Result<(usize, csv::ByteRecord), Failure>> = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let line = file_line(reader.position().line());
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|field| field.trim_ascii().is_empty()) {
                    continue;
                }
                let line = record.position().map_or(line, |p| file_line(p.line()));
                if record.iter().any(|field| field.contains(&b'\n')) {
                    // LinkedIn never writes a line break into a field: a quote that is
                    // not closed took the lines after it into this row.
                    let end = file_line(reader.position().line())
                        .saturating_sub(1)
                        .max(line);
                    rows.push(Err(Failure {
                        line,
                        message: format!(
                            "a quote (`\"`) in this row is not closed before line {end}: lines {line} to {end} were read as one row; fix the quoting"
                        ),
                    }));
                    continue;
                }
                rows.push(Ok((line, record.clone())));
            }
            Err(error) => {
                let line = error.position().map_or(line, |p| file_line(p.line()));
                rows.push(Err(Failure {
                    line,
                    message: format!("cannot read this row: {error}"),
                }));
                if !matches!(error.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break;
                }
            }
        }
    }
    let decoder = Decoder::new(
        source.whole,
        rows.iter()
            .filter_map(|row| row.as_ref().ok())
            .flat_map(|(_, record)| record.iter())
            .map(|field| (field, None)),
    );
    if let Some(note) = decoder.file_note() {
        export.warnings.push((None, note));
    }
    for row in rows {
        match row {
            Ok((line, record)) => match person(&columns, &decoder, &record, line) {
                Some(record) => export.records.push(record),
                None => export.hidden += 1,
            },
            Err(failure) => export.records.push(Err(failure)),
        }
    }
    Ok(export)
}

/// `bytes` with every `\r` that is not followed by `\n` made a space.
fn bare_carriage_returns_as_spaces(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let bare = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(bare) {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let spaced = (0..bytes.len())
        .map(|i| if bare(i) { b' ' } else { bytes[i] })
        .collect();
    std::borrow::Cow::Owned(spaced)
}

/// The header's field separator: `,` as LinkedIn writes it, or `;` or a tab where a
/// spreadsheet saved the file again (Excel in many locales, its "Unicode text").
fn delimiter(header: &[u8]) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (header.iter().filter(|&&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

struct Columns {
    first: Option<usize>,
    last: Option<usize>,
    url: Option<usize>,
    email: Option<usize>,
    company: Option<usize>,
    position: Option<usize>,
    connected: Option<usize>,
}

/// The person in one row; `None` for a row that holds nothing but a date, which is how
/// LinkedIn lists members who do not let their connections export their data.
fn person(
    columns: &Columns,
    decoder: &Decoder,
    record: &csv::ByteRecord,
    line: usize,
) -> Option<Record> {
    let mut warnings = Vec::new();
    let mut field = |column: Option<usize>, what: &str| {
        let bytes = column.and_then(|i| record.get(i))?;
        let decoded = decoder.decode(bytes, None, true);
        let text = one_line(&decoded.text);
        if let Some(problem) = decoded.problem {
            warnings.push((line, format!("{what} {problem}: `{text}`")));
        }
        (!text.is_empty()).then_some(text)
    };
    let first = field(columns.first, "First Name");
    let last = field(columns.last, "Last Name");
    let url = field(columns.url, "URL");
    let email = field(columns.email, "Email Address");
    let company = field(columns.company, "Company");
    let position = field(columns.position, "Position");
    let connected = field(columns.connected, "Connected On");
    let holds_only_a_date = [&first, &last, &url, &email, &company, &position]
        .iter()
        .all(|f| f.is_none());
    if holds_only_a_date {
        // A row with nothing at all was skipped before; with only a date, it is hidden.
        return None;
    }
    let name = one_line(&format!(
        "{} {}",
        first.unwrap_or_default(),
        last.unwrap_or_default()
    ));
    if name.is_empty() {
        return Some(Err(Failure {
            line,
            message: "row has no first or last name".to_owned(),
        }));
    }
    let mut log = Vec::new();
    if let Some(text) = connected {
        match parse_connected(&text) {
            Some(date) => log.push(format!(
                "{} Connected on LinkedIn #connected",
                date.format("%Y-%m-%d")
            )),
            None => warnings.push((
                line,
                format!("unreadable date `{text}` in Connected On: imported without it"),
            )),
        }
    }
    let email = email.filter(|e| e.contains('@'));
    Some(Ok(Person {
        line,
        contact: NewContact {
            name,
            company,
            title: position,
            emails: email.into_iter().collect(),
            linkedin: url,
            log,
            ..NewContact::default()
        },
        uid: None,
        warnings,
    }))
}

/// `15 Nov 2023`, as LinkedIn writes it now; `11/15/23` and `1/8/18, 6:14 PM`, as it
/// wrote it before (month first); and a few other forms older exports used.
fn parse_connected(text: &str) -> Option<NaiveDate> {
    const FORMATS: &[&str] = &[
        "%d %b %Y",
        "%d %B %Y",
        "%d-%b-%y",
        "%d-%b-%Y",
        "%Y-%m-%d",
        "%m/%d/%Y",
        "%m/%d/%y",
        "%d/%m/%Y",
        "%d/%m/%y",
        "%d.%m.%Y",
        "%b %d, %Y",
        "%B %d, %Y",
    ];
    let text = text.trim();
    let parse = |text: &str| {
        FORMATS.iter().find_map(|format| {
            NaiveDate::parse_from_str(text, format)
                .ok()
                .filter(|date| (1990..=2200).contains(&chrono::Datelike::year(date)))
        })
    };
    parse(text).or_else(|| {
        // A time after the date: `1/8/18, 6:14 PM`, `2023-11-15 10:00`.
        let (date, time) = text.rsplit_once(", ").or_else(|| text.rsplit_once(' '))?;
        time.contains(':').then(|| parse(date.trim()))?
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more about this and other privacy settings here: https://www.linkedin.com/help/linkedin/answer/261\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nJane,Doe,https://www.linkedin.com/in/jane-doe-0a1b2c,,\"Acme, Inc.\",\"Senior \"\"Site\"\" Reliability Engineer\",15 Nov 2023\nZoë,Ångström,https://www.linkedin.com/in/zoe,zoe@example.com,Beta GmbH,CTO,02 Jan 2024\n,,https://www.linkedin.com/in/ghost,,,,01 Feb 2024\nPat,\"O'Brien, PhD\",https://www.linkedin.com/in/pat,,,,sometime\n,,,,,,02 Jun 2022\n";

    fn records(text: &str) -> Export {
        read(text.as_bytes()).expect("header found")
    }

    #[test]
    fn an_unclosed_quote_is_reported_with_its_lines() {
        let mut text = String::from("First Name,Last Name,Company\nAnn,\"Lee,Acme\n");
        for n in 0..1000 {
            text.push_str(&format!("P{n},Q,Co\n"));
        }
        text.push_str("Zed,\"Last\",Co\nAmy,Ray,Co\n");
        let export = read(text.as_bytes()).expect("read");
        let failures: Vec<_> = export
            .records
            .iter()
            .filter_map(|r| r.as_ref().err())
            .collect();
        assert_eq!(failures.len(), 1, "{:?}", export.records.len());
        assert_eq!(failures[0].line, 2);
        assert_eq!(
            failures[0].message,
            "a quote (`\"`) in this row is not closed before line 1003: lines 2 to 1003 were read as one row; fix the quoting"
        );
        let names: Vec<_> = export
            .records
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|p| p.contact.name.as_str())
            .collect();
        assert_eq!(names, ["Amy Ray"]);
    }

    #[test]
    fn a_bare_carriage_return_inside_a_field_is_a_space() {
        let export =
            read(b"First Name,Last Name,Company\nAnn,Lee\rSmith,Acme\nBo,Day,Co\n").expect("read");
        let names: Vec<_> = export
            .records
            .iter()
            .map(|r| {
                r.as_ref()
                    .map(|p| p.contact.name.as_str())
                    .unwrap_or("failed")
            })
            .collect();
        assert_eq!(names, ["Ann Lee Smith", "Bo Day"]);
        // A file of old Mac line endings still has its rows.
        let export = read(b"First Name,Last Name\rAnn,Lee\rBo,Day\r").expect("read");
        assert_eq!(export.records.len(), 2);
    }

    #[test]
    fn reads_connections_csv() {
        let export = records(EXPORT);
        let records = &export.records;
        assert_eq!(records.len(), 4);
        assert_eq!(export.hidden, 1);
        let jane = records[0].as_ref().expect("jane");
        assert_eq!(jane.line, 5);
        assert_eq!(jane.contact.name, "Jane Doe");
        assert_eq!(jane.contact.company.as_deref(), Some("Acme, Inc."));
        assert_eq!(
            jane.contact.title.as_deref(),
            Some("Senior \"Site\" Reliability Engineer")
        );
        assert!(jane.contact.emails.is_empty());
        assert_eq!(
            jane.contact.log,
            ["2023-11-15 Connected on LinkedIn #connected"]
        );
        let zoe = records[1].as_ref().expect("zoe");
        assert_eq!(zoe.contact.name, "Zoë Ångström");
        assert_eq!(zoe.contact.emails, ["zoe@example.com"]);
        let ghost = records[2].as_ref().expect_err("no name");
        assert_eq!(ghost.line, 7);
        let pat = records[3].as_ref().expect("pat");
        assert_eq!(pat.contact.name, "Pat O'Brien, PhD");
        assert_eq!(pat.warnings.len(), 1);
        assert!(pat.contact.log.is_empty());
    }

    #[test]
    fn every_layout() {
        // 2018: no notes, no URL column, dates with a time, in quotes.
        let old = records(
            "First Name,Last Name,Email Address,Company,Position,Connected On\r\nAlison,Hill,alison@example.com,Acme,Engineer,\"1/8/18, 6:14 PM\"\r\n,,,,,\"3/2/18, 9:01 AM\"\r\n",
        );
        assert_eq!(old.hidden, 1);
        let alison = old.records[0].as_ref().expect("alison");
        assert_eq!(
            alison.contact.log,
            ["2018-01-08 Connected on LinkedIn #connected"]
        );
        assert_eq!(alison.contact.linkedin, None);
        // 2020: URL column, no notes, month-first dates.
        let middle = records(
            "\u{feff}First Name,Last Name,URL,Email Address,Company,Position,Connected On\nJoe,Walsh,https://www.linkedin.com/in/joe-walsh,,Beta,CTO,11/15/23\n",
        );
        let joe = middle.records[0].as_ref().expect("joe");
        assert_eq!(
            joe.contact.log,
            ["2023-11-15 Connected on LinkedIn #connected"]
        );
        assert!(joe.warnings.is_empty());
    }

    #[test]
    fn saved_again_by_a_spreadsheet() {
        for separator in [";", "\t"] {
            let text = [
                "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
                "Jane,Doe,https://www.linkedin.com/in/jane,,Acme Inc.,CTO,15 Nov 2023",
            ]
            .map(|line| line.replace(',', separator))
            .join("\n")
            .replace("Acme Inc.", "\"Acme, Inc.\"");
            let export = records(&text);
            let jane = export.records[0].as_ref().expect("jane");
            assert_eq!(jane.contact.name, "Jane Doe", "{separator:?}");
            assert_eq!(jane.contact.company.as_deref(), Some("Acme, Inc."));
            assert_eq!(jane.contact.log.len(), 1);
        }
    }

    #[test]
    fn refuses_other_csv() {
        assert!(read(b"a,b,c\n1,2,3\n").is_err());
        assert!(read(b"").is_err());
    }

    #[test]
    fn reads_dates() {
        for text in [
            "15 Nov 2023",
            "15 November 2023",
            "15-Nov-23",
            "2023-11-15",
            "11/15/2023",
            "11/15/23",
            "11/15/23, 6:14 PM",
            "Nov 15, 2023",
            "15.11.2023",
        ] {
            assert_eq!(
                parse_connected(text),
                NaiveDate::from_ymd_opt(2023, 11, 15),
                "{text}"
            );
        }
        assert_eq!(
            parse_connected("1/8/18, 6:14 PM"),
            NaiveDate::from_ymd_opt(2018, 1, 8)
        );
        for text in ["sometime", "", "13/13/13", "6:14 PM", "15 Nov"] {
            assert_eq!(parse_connected(text), None, "{text}");
        }
    }

    #[test]
    fn every_prefix_of_a_file_reads_without_panic() {
        for end in 0..=EXPORT.len() {
            let _ = read(&EXPORT.as_bytes()[..end]);
        }
        let tail = &EXPORT.as_bytes()[EXPORT.len() - 200..];
        for at in 0..tail.len() {
            for byte in [0x00, 0xFF, 0xC3, b'\n', b'\r', b',', b'"', b';', b'\t'] {
                let mut bytes = tail.to_vec();
                bytes[at] = byte;
                let _ = read(&[b"First Name,Last Name,URL\n".as_slice(), &bytes].concat());
            }
        }
    }
}
