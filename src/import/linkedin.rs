//! LinkedIn's `Connections.csv` export: a few lines of notes, then a header row with
//! First Name, Last Name, URL, Email Address, Company, Position and Connected On.

use super::{Failure, Person, Record};
use crate::write::templates::{NewContact, one_line};
use chrono::NaiveDate;

/// Reads the export; fails only when no header row is found.
pub fn read(text: &str) -> Result<Vec<Record>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The notes before the header may hold quoted text over several lines: look for the
    // first line that starts like the header instead of parsing them as CSV.
    let mut offset = 0;
    let mut header_line = None;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = line.trim_start_matches(['"', ' ', '\u{feff}']);
        if start.len() >= 10
            && start.is_char_boundary(10)
            && start[..10].eq_ignore_ascii_case("first name")
        {
            header_line = Some(index + 1);
            break;
        }
        offset += line.len();
    }
    let Some(header_line) = header_line else {
        return Err(
            "no header row with `First Name` and `Last Name`: is this LinkedIn's Connections.csv?"
                .to_owned(),
        );
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(&text.as_bytes()[offset..]);
    let headers = reader
        .headers()
        .map_err(|e| format!("line {header_line}: cannot read the header row: {e}"))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
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

    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = header_line + reader.position().line() as usize - 1;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|field| field.trim().is_empty()) {
                    continue;
                }
                let line = record
                    .position()
                    .map_or(line, |p| header_line + p.line() as usize - 1);
                records.push(person(&columns, &record, line));
            }
            Err(error) => {
                let line = error
                    .position()
                    .map_or(line, |p| header_line + p.line() as usize - 1);
                records.push(Err(Failure {
                    line,
                    message: format!("cannot read this row: {error}"),
                }));
                if !matches!(
                    error.kind(),
                    csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                ) {
                    break;
                }
            }
        }
    }
    Ok(records)
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

fn person(columns: &Columns, record: &csv::StringRecord, line: usize) -> Record {
    let field = |column: Option<usize>| {
        column
            .and_then(|i| record.get(i))
            .map(one_line)
            .filter(|value| !value.is_empty())
    };
    let name = one_line(&format!(
        "{} {}",
        field(columns.first).unwrap_or_default(),
        field(columns.last).unwrap_or_default()
    ));
    if name.is_empty() {
        return Err(Failure {
            line,
            message: "row has no first or last name".to_owned(),
        });
    }
    let mut warnings = Vec::new();
    let mut log = Vec::new();
    if let Some(text) = field(columns.connected) {
        match parse_connected(&text) {
            Some(date) => log.push(format!(
                "{} Connected on LinkedIn #connected",
                date.format("%Y-%m-%d")
            )),
            None => warnings.push(format!(
                "unreadable date `{text}` in Connected On: imported without it"
            )),
        }
    }
    let email = field(columns.email).filter(|e| e.contains('@'));
    Ok(Person {
        line,
        contact: NewContact {
            name,
            company: field(columns.company),
            title: field(columns.position),
            emails: email.into_iter().collect(),
            linkedin: field(columns.url),
            log,
            ..NewContact::default()
        },
        warnings,
    })
}

/// `15 Nov 2023`, as LinkedIn writes it, and a few other forms older exports used.
fn parse_connected(text: &str) -> Option<NaiveDate> {
    [
        "%d %b %Y",
        "%d %B %Y",
        "%d-%b-%y",
        "%d-%b-%Y",
        "%Y-%m-%d",
        "%m/%d/%Y",
        "%m/%d/%y",
        "%b %d, %Y",
    ]
    .iter()
    .find_map(|format| NaiveDate::parse_from_str(text.trim(), format).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more about this and other privacy settings here: https://www.linkedin.com/help/linkedin/answer/261\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nJane,Doe,https://www.linkedin.com/in/jane-doe-0a1b2c,,\"Acme, Inc.\",\"Senior \"\"Site\"\" Reliability Engineer\",15 Nov 2023\nZoë,Ångström,https://www.linkedin.com/in/zoe,zoe@example.com,Beta GmbH,CTO,02 Jan 2024\n,,https://www.linkedin.com/in/ghost,,,,01 Feb 2024\nPat,\"O'Brien, PhD\",https://www.linkedin.com/in/pat,,,,sometime\n";

    #[test]
    fn reads_connections_csv() {
        let records = read(EXPORT).expect("header found");
        assert_eq!(records.len(), 4);
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
    fn refuses_other_csv() {
        assert!(read("a,b,c\n1,2,3\n").is_err());
        assert!(read("").is_err());
    }

    #[test]
    fn reads_dates() {
        for text in [
            "15 Nov 2023",
            "15-Nov-23",
            "2023-11-15",
            "11/15/2023",
            "Nov 15, 2023",
        ] {
            assert_eq!(
                parse_connected(text),
                NaiveDate::from_ymd_opt(2023, 11, 15),
                "{text}"
            );
        }
    }

    #[test]
    fn every_prefix_of_a_file_reads_without_panic() {
        for end in 0..=EXPORT.len() {
            if EXPORT.is_char_boundary(end) {
                let _ = read(&EXPORT[..end]);
            }
        }
    }
}
