//! Reading an iCalendar export (`docs/capture.md`, "Calendar"): the events on or before
//! today that were not cancelled, each recurring one at its latest occurrence, with the
//! addresses of its organizer and of the attendees who did not decline. `icalendar`'s
//! parser reads the file (folded lines, parameters, nested components); `rrule` expands
//! recurrence rules; dates with a `TZID` are placed with `chrono-tz`, or with the file's
//! own `VTIMEZONE` when the name is one only Outlook knows.

use super::{inert, percent_encode};
use crate::error::NotCalendar;
use crate::import::capture::touches::Book;
use crate::model::Repository;
use chrono::{
    DateTime, Duration, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use icalendar::parser::{Component, Property, read_calendar, unfold};
use std::collections::{HashMap, HashSet};

/// One event as goodwill counts it: on one day, with its people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Occurrence {
    /// What makes a second import add nothing: the UID, and for a recurring event the
    /// occurrence's date (`UID/2026-11-20`), percent-encoded.
    pub key: String,
    /// Its day, in local time.
    pub date: NaiveDate,
    /// Its title (`SUMMARY`), as written.
    pub title: String,
    /// The organizer's and the attendees' addresses, lower case, decliners left out.
    pub people: Vec<String>,
}

/// What reading a calendar found besides the occurrences.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    /// Cancelled events.
    pub cancelled: usize,
    /// Events with no occurrence on or before today.
    pub later: usize,
    /// Events without a `UID` or a readable `DTSTART`.
    pub unreadable: usize,
}

/// The events of `text` (an `.ics` file) that took place on or before `today`.
/// Fails when the parser cannot read it: its message is all there is of the cause.
pub(crate) fn read(
    text: &str,
    today: NaiveDate,
) -> Result<(Vec<Occurrence>, Skipped), NotCalendar> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).map_err(|parser| NotCalendar { parser })?;
    let mut events = Vec::new();
    let mut zones = HashMap::new();
    collect(&calendar.components, &mut events, &mut zones);
    // A cancelled instance of a recurring event (`RECURRENCE-ID`) removes that day.
    let mut cancelled_days: HashMap<String, HashSet<NaiveDate>> = HashMap::new();
    for event in &events {
        if is_cancelled(event)
            && let (Some(uid), Some(when)) = (value(event, "UID"), prop(event, "RECURRENCE-ID"))
            && let Some(when) = When::of(when, &zones)
        {
            cancelled_days
                .entry(uid.to_owned())
                .or_default()
                .insert(when.local_date());
        }
    }
    let mut skipped = Skipped::default();
    let mut found = Vec::new();
    for event in &events {
        if is_cancelled(event) {
            skipped.cancelled += 1;
            continue;
        }
        let (Some(uid), Some(start)) = (
            value(event, "UID").filter(|u| !u.trim().is_empty()),
            prop(event, "DTSTART").and_then(|p| When::of(p, &zones)),
        ) else {
            skipped.unreadable += 1;
            continue;
        };
        let recurring = prop(event, "RRULE").is_some() || prop(event, "RDATE").is_some();
        let overridden = prop(event, "RECURRENCE-ID").is_some();
        let date = if recurring && !overridden {
            let mut excluded: HashSet<NaiveDate> =
                cancelled_days.get(uid).cloned().unwrap_or_default();
            excluded.extend(dates_of(event, "EXDATE", &zones));
            latest(event, &start, &excluded, &zones, today)
        } else {
            Some(start.local_date()).filter(|date| *date <= today)
        };
        let Some(date) = date else {
            skipped.later += 1;
            continue;
        };
        let key = if recurring || overridden {
            format!("{}/{}", percent_encode(uid), date.format("%Y-%m-%d"))
        } else {
            percent_encode(uid)
        };
        found.push(Occurrence {
            key,
            date,
            // TEXT values escape as vCard's do (RFC 5545 §3.3.11, RFC 6350 §3.4).
            title: crate::import::vcard::unescape(value(event, "SUMMARY").unwrap_or("")),
            people: people(event),
        });
    }
    Ok((found, skipped))
}

/// Every `VEVENT` (at any depth), and the standard offset of every `VTIMEZONE`.
fn collect<'a>(
    components: &'a [Component<'a>],
    events: &mut Vec<&'a Component<'a>>,
    zones: &mut HashMap<String, FixedOffset>,
) {
    for component in components {
        match component.name.as_str().to_ascii_uppercase().as_str() {
            "VEVENT" => events.push(component),
            "VTIMEZONE" => {
                let offset = (component.components.iter())
                    .find(|c| c.name.as_str().eq_ignore_ascii_case("STANDARD"))
                    .or(component.components.first())
                    .and_then(|c| value(c, "TZOFFSETTO"))
                    .and_then(parse_offset);
                if let (Some(id), Some(offset)) = (value(component, "TZID"), offset) {
                    zones.insert(id.trim().to_owned(), offset);
                }
            }
            _ => collect(&component.components, events, zones),
        }
    }
}

fn prop<'a>(component: &'a Component<'a>, name: &str) -> Option<&'a Property<'a>> {
    (component.properties.iter()).find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn value<'a>(component: &'a Component<'a>, name: &str) -> Option<&'a str> {
    prop(component, name).map(|p| p.val.as_str())
}

fn param<'a>(property: &'a Property<'a>, name: &str) -> Option<&'a str> {
    (property.params.iter())
        .find(|p| p.key.as_str().eq_ignore_ascii_case(name))
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str().trim().trim_matches('"'))
}

fn is_cancelled(event: &Component) -> bool {
    value(event, "STATUS").is_some_and(|s| s.trim().eq_ignore_ascii_case("CANCELLED"))
}

/// `+0100`, `-0800` or `+053000` as an offset.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let text = text.trim();
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => (1, text),
    };
    let number = |range: std::ops::Range<usize>| -> Option<i32> { digits.get(range)?.parse().ok() };
    let seconds = number(0..2)? * 3600 + number(2..4)? * 60 + number(4..6).unwrap_or(0);
    FixedOffset::east_opt(sign * seconds)
}

/// A date or date-time value of an iCalendar property.
#[derive(Debug, Clone, Copy)]
enum When {
    /// `VALUE=DATE`: an all-day event's day.
    Date(NaiveDate),
    /// A time with no zone: the same wall-clock time wherever you are.
    Floating(NaiveDateTime),
    /// A time with a zone (or `Z`), as an instant.
    Instant(DateTime<Utc>),
}

impl When {
    /// The first value of `property`.
    fn of(property: &Property, zones: &HashMap<String, FixedOffset>) -> Option<When> {
        let first = property.val.as_str().split(',').next()?;
        When::parse(first, param(property, "TZID"), zones)
    }

    fn parse(text: &str, tzid: Option<&str>, zones: &HashMap<String, FixedOffset>) -> Option<When> {
        let text = text.trim();
        if text.len() == 8 {
            return NaiveDate::parse_from_str(text, "%Y%m%d")
                .ok()
                .map(When::Date);
        }
        let (naive, utc) = match text.strip_suffix(['Z', 'z']) {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let naive = NaiveDateTime::parse_from_str(naive, "%Y%m%dT%H%M%S").ok()?;
        if utc {
            return Some(When::Instant(Utc.from_utc_datetime(&naive)));
        }
        let Some(tzid) = tzid.map(|t| t.trim_start_matches('/')) else {
            return Some(When::Floating(naive));
        };
        if let Ok(zone) = tzid.parse::<chrono_tz::Tz>() {
            let at = zone.from_local_datetime(&naive).earliest()?;
            return Some(When::Instant(at.with_timezone(&Utc)));
        }
        match zones.get(tzid) {
            Some(offset) => {
                let at = offset.from_local_datetime(&naive).single()?;
                Some(When::Instant(at.with_timezone(&Utc)))
            }
            None => Some(When::Floating(naive)),
        }
    }

    /// The day it falls on, in local time.
    fn local_date(self) -> NaiveDate {
        match self {
            When::Date(date) => date,
            When::Floating(at) => at.date(),
            When::Instant(at) => at.with_timezone(&Local).date_naive(),
        }
    }

    /// As `rrule` takes it: all-day and floating times as if in UTC, so their day is
    /// the one written.
    fn for_rrule(self) -> Option<DateTime<rrule::Tz>> {
        let naive = match self {
            When::Date(date) => date.and_time(NaiveTime::MIN),
            When::Floating(at) => at,
            When::Instant(at) => at.naive_utc(),
        };
        rrule::Tz::UTC.from_local_datetime(&naive).single()
    }

    /// The day of an occurrence `rrule` gave for a start like this one.
    fn day_of(self, occurrence: &DateTime<rrule::Tz>) -> NaiveDate {
        match self {
            When::Date(_) | When::Floating(_) => occurrence.naive_utc().date(),
            When::Instant(_) => occurrence.with_timezone(&Local).date_naive(),
        }
    }
}

/// The local days of every value of every `name` property (EXDATE, RDATE).
fn dates_of(event: &Component, name: &str, zones: &HashMap<String, FixedOffset>) -> Vec<NaiveDate> {
    (event.properties.iter())
        .filter(|p| p.name.as_str().eq_ignore_ascii_case(name))
        .flat_map(|p| {
            let tzid = param(p, "TZID");
            p.val
                .as_str()
                .split(',')
                .filter_map(move |v| When::parse(v, tzid, zones))
                .map(When::local_date)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// How many occurrences of a recurring event are looked at, at most.
const MAX_OCCURRENCES: usize = 100_000;

/// The latest day on or before `today` a recurring event takes place, its excluded
/// days aside.
fn latest(
    event: &Component,
    start: &When,
    excluded: &HashSet<NaiveDate>,
    zones: &HashMap<String, FixedOffset>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let mut days: Vec<NaiveDate> = dates_of(event, "RDATE", zones);
    days.push(start.local_date());
    // An RRULE is ASCII (RFC 5545, 3.3.10); `rrule` 0.14 slices its parts by byte and
    // panics on a character wider than a byte (found by the `calendar` fuzz target), so
    // any other rule is left unread, like one it refuses.
    let rule = value(event, "RRULE").filter(|rule| rule.is_ascii());
    if let (Some(rule), Some(dtstart)) = (rule, start.for_rrule()) {
        let text = format!(
            "DTSTART:{}\nRRULE:{}",
            dtstart.format("%Y%m%dT%H%M%SZ"),
            rule.trim()
        );
        if let Ok(set) = text.parse::<rrule::RRuleSet>() {
            let end = rrule::Tz::UTC
                .from_utc_datetime(&(today + Duration::days(2)).and_time(NaiveTime::MIN));
            // Occurrences come in order from the start: the last one before the end is
            // the one wanted. At most MAX_OCCURRENCES are looked at (a daily meeting
            // for 270 years), so a rule that repeats every second since 1900 ends too.
            let last = set
                .into_iter()
                .take(MAX_OCCURRENCES)
                .take_while(|occurrence| *occurrence < end)
                .map(|occurrence| start.day_of(&occurrence))
                .filter(|day| *day <= today && !excluded.contains(day))
                .last();
            days.extend(last);
        }
    }
    days.into_iter()
        .filter(|day| *day <= today && !excluded.contains(day))
        .max()
}

/// The organizer's and the attendees' addresses: a `mailto:` value in any case, or an
/// `EMAIL=` parameter; an attendee with `PARTSTAT=DECLINED` is left out.
fn people(event: &Component) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for property in &event.properties {
        let name = property.name.as_str();
        if !name.eq_ignore_ascii_case("ATTENDEE") && !name.eq_ignore_ascii_case("ORGANIZER") {
            continue;
        }
        if param(property, "PARTSTAT").is_some_and(|p| p.eq_ignore_ascii_case("DECLINED")) {
            continue;
        }
        let value = property.val.as_str().trim();
        let mailto = value
            .get(..7)
            .filter(|scheme| scheme.eq_ignore_ascii_case("mailto:"))
            .map(|_| &value[7..]);
        for address in [mailto, param(property, "EMAIL")].into_iter().flatten() {
            let address = address.trim().to_lowercase();
            if address.contains('@') && !found.contains(&address) {
                found.push(address);
            }
        }
    }
    found
}

/// Whether a title names an interview: as a whole word, interview, screen, screening,
/// panel, onsite, on-site, or "final round".
pub(crate) fn is_interview(title: &str) -> bool {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let word = |w: &str| words.iter().any(|x| x.trim_matches('-') == w);
    [
        "interview",
        "screen",
        "screening",
        "panel",
        "onsite",
        "on-site",
    ]
    .iter()
    .any(|w| word(w))
        || words.windows(2).any(|pair| pair == ["final", "round"])
}

/// Where an occurrence's line goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Placed {
    /// One `#interview` line in this application's file.
    Interview { application: usize, line: String },
    /// One line in each of these contacts' files.
    Meeting { lines: Vec<(usize, String)> },
    /// Nobody it concerns is a contact.
    Nobody,
}

/// Where `occurrence` goes and what it says (`docs/capture.md`, "Calendar").
pub(crate) fn place(occurrence: &Occurrence, repo: &Repository, book: &Book) -> Placed {
    let mut contacts: Vec<usize> = Vec::new();
    for address in &occurrence.people {
        if let Some(c) = book.contact(address)
            && !contacts.contains(&c)
        {
            contacts.push(c);
        }
    }
    if contacts.is_empty() {
        return Placed::Nobody;
    }
    let date = occurrence.date.format("%Y-%m-%d");
    let title = inert(&occurrence.title);
    let key = format!("[event](ics:{})", occurrence.key);
    if is_interview(&occurrence.title) {
        let mut candidates = (repo.applications.iter().enumerate()).filter(|(_, a)| {
            a.status.is_active() && contacts.iter().all(|c| a.contacts.contains(c))
        });
        if let (Some((application, _)), None) = (candidates.next(), candidates.next()) {
            let links: String = (contacts.iter())
                .map(|&c| format!(" [[{}]]", repo.contacts[c].id))
                .collect();
            let line = format!("{date} Interview: {title} #interview{links} {key}");
            return Placed::Interview { application, line };
        }
    }
    let what = if title.is_empty() {
        "Meeting (no title)".to_owned()
    } else {
        format!("Meeting: {title}")
    };
    Placed::Meeting {
        lines: (contacts.into_iter())
            .map(|c| (c, format!("{date} {what} {key}")))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    #[test]
    fn interview_titles_are_whole_words() {
        for (title, interview) in [
            ("Interview with Acme", true),
            ("Phone Screen: SRE", true),
            ("Panel (Acme)", true),
            ("On-site at Acme", true),
            ("Acme onsite", true),
            ("Final Round — Acme", true),
            ("Screening call", true),
            ("Screenshots review", false),
            ("Interviewing tips webinar", false),
            ("Finals roundup", false),
            ("Coffee", false),
        ] {
            assert_eq!(is_interview(title), interview, "{title}");
        }
    }

    #[test]
    fn events_recur_until_today_without_their_excluded_days() {
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:weekly@example.com\r\nDTSTART;VALUE=DATE:20261102\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\nEXDATE;VALUE=DATE:20261116\r\nSUMMARY:1:1 with Jane\r\nATTENDEE;PARTSTAT=ACCEPTED:MAILTO:Jane@Example.com\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:gone@example.com\r\nDTSTART:20261110T100000Z\r\nSTATUS:CANCELLED\r\nSUMMARY:Gone\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:later@example.com\r\nDTSTART:20261210T100000Z\r\nSUMMARY:Later\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let (found, skipped) = read(ics, day("2026-11-22")).expect("read");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].date, day("2026-11-09"));
        assert_eq!(found[0].key, "weekly@example.com/2026-11-09");
        assert_eq!(found[0].people, ["jane@example.com"]);
        assert_eq!(skipped.cancelled, 1);
        assert_eq!(skipped.later, 1);
        let (found, _) = read(ics, day("2026-11-23")).expect("read");
        assert_eq!(found[0].date, day("2026-11-23"));
    }

    #[test]
    fn zones_from_the_database_or_from_the_file() {
        let zones = HashMap::from([(
            "Pacific Standard Time".to_owned(),
            FixedOffset::west_opt(8 * 3600).expect("offset"),
        )]);
        let at = |text, tzid| When::parse(text, tzid, &zones);
        let instant = |w: Option<When>| match w {
            Some(When::Instant(at)) => at.to_rfc3339(),
            other => format!("{other:?}"),
        };
        assert_eq!(
            instant(at("20261120T230000", Some("America/Los_Angeles"))),
            "2026-11-21T07:00:00+00:00"
        );
        assert_eq!(
            instant(at("20261120T230000", Some("Pacific Standard Time"))),
            "2026-11-21T07:00:00+00:00"
        );
        assert!(matches!(
            at("20261120T230000", Some("Nowhere/Special")),
            Some(When::Floating(_))
        ));
        assert!(at("2026112", None).is_none());
    }

    #[test]
    fn decliners_are_left_out_and_email_parameters_count() {
        let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART:20261120T100000Z\nORGANIZER;CN=Me:mailto:me@example.com\nATTENDEE;PARTSTAT=DECLINED:mailto:no@example.com\nATTENDEE;EMAIL=\"Raj@Example.org\":urn:uuid:1234\nEND:VEVENT\nEND:VCALENDAR\n";
        let (found, _) = read(ics, day("2026-11-22")).expect("read");
        assert_eq!(found[0].people, ["me@example.com", "raj@example.org"]);
    }

    #[test]
    fn hostile_input_is_an_error_or_nothing() {
        for text in [
            "",
            "BEGIN:",
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\n",
            "\u{feff}garbage",
        ] {
            let _ = read(text, day("2026-11-22"));
        }
        // Every second since 1900: the rule is followed only so far, and ends.
        let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART:19000101T000000Z\nRRULE:FREQ=SECONDLY\nEND:VEVENT\nEND:VCALENDAR\n";
        let (found, _) = read(ics, day("2026-11-22")).expect("read");
        assert_eq!(found.len(), 1);
        // A rule with a character wider than a byte (which `rrule` would panic on) is
        // left unread: the event counts on its own start.
        let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:2\nDTSTART:20261102T090000Z\nRRULE:FREQ=WEEKLY;BYDAY=M\u{2022}\u{2022}O\nATTENDEE:mailto:jane@example.com\nEND:VEVENT\nEND:VCALENDAR\n";
        let (found, _) = read(ics, day("2026-11-22")).expect("read");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].date, day("2026-11-02"));
    }
}
