//! `calendar.ics`: every open message as an all-day event (RFC 5545), with a morning
//! alarm. An overdue message is placed on today, its due date in the description: a
//! calendar is looked at for today and ahead, and a message left on a past day is lost.
//!
//! Hand-written because the format is small and every byte must be stable: UIDs come from
//! the message's key (never random), DTSTAMP from today (never the clock), so a rebuild
//! of the same repository on the same day gives the same file, and a message keeps its
//! event from day to day while it holds the same actions.

use crate::model::Repository;
use crate::rules::{Outcome, State};

/// The calendar for `outcome`.
pub(crate) fn calendar(repo: &Repository, outcome: &Outcome) -> String {
    // Room for all of it at once (about 700 bytes a message at 10,000 contacts): grown by
    // doubling instead, it was copied and its last copy held half as much room again.
    // Room not written to is never touched, so it costs no memory.
    let mut out = String::with_capacity(256 + outcome.messages.len() * 1000);
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//goodwill//goodwill dashboard//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, "X-WR-CALNAME:goodwill");
    let stamp = format!("DTSTAMP:{}T000000Z", basic(outcome.today));
    // One content line at a time is put together here before it is folded.
    let mut content = String::with_capacity(256);
    let mut property = |out: &mut String, name: &str, value: &str| {
        content.clear();
        content.push_str(name);
        content.push_str(value);
        line(out, &content);
    };
    for message in &outcome.messages {
        // The whole key: stable from day to day, and distinct for every open message.
        let uid = format!("{}@goodwill", message.key.full);
        let state = match message.state(outcome.today) {
            State::Overdue => "overdue",
            State::Due => "due today",
            State::Upcoming => "upcoming",
        };
        line(&mut out, "BEGIN:VEVENT");
        property(&mut out, "UID:", &uid);
        line(&mut out, &stamp);
        let overdue = message.due < outcome.today;
        let day = if overdue { outcome.today } else { message.due };
        property(&mut out, "DTSTART;VALUE=DATE:", &basic(day));
        let end = day.succ_opt().unwrap_or(day);
        property(&mut out, "DTEND;VALUE=DATE:", &basic(end));
        let summary = text(&message.title(repo, &outcome.actions));
        property(&mut out, "SUMMARY:", &summary);
        let mut description = if overdue {
            format!(
                "Overdue: it was due on {} ({}).\n\n",
                super::dates::day(message.due),
                super::dates::ago(message.due, outcome.today)
            )
        } else {
            String::new()
        };
        let mut rules: Vec<&str> = Vec::new();
        for &i in &message.actions {
            let action = &outcome.actions[i];
            description.push_str(&format!(
                "- {} ({}): {}\n",
                action.title(repo),
                action.rule.id(),
                action.rule.why()
            ));
            if !rules.contains(&action.rule.id()) {
                rules.push(action.rule.id());
            }
        }
        description.push_str(&format!(
            "\nSettle it with: goodwill done {} ({state})",
            message.key.short()
        ));
        property(&mut out, "DESCRIPTION:", &text(&description));
        // Rule ids hold no comma: the list's commas are its separators.
        property(
            &mut out,
            "CATEGORIES:",
            &text(&rules.join(" ")).replace(' ', ","),
        );
        line(&mut out, "TRANSP:TRANSPARENT");
        // A reminder at nine in the morning of the event's day: an all-day event starts
        // at midnight, local time.
        line(&mut out, "BEGIN:VALARM");
        line(&mut out, "ACTION:DISPLAY");
        property(&mut out, "DESCRIPTION:", &summary);
        line(&mut out, "TRIGGER:PT9H");
        line(&mut out, "END:VALARM");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// `YYYYMMDD`, the basic format of a DATE value. A year past 9999 (a date far in a
/// file's future plus a cadence) gets its extra digits: no calendar reads such a date
/// anyway, and the event still names the action.
fn basic(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let (year, month, day) = (date.year(), date.month(), date.day());
    let Ok(year @ 0..=9999) = u32::try_from(year) else {
        return format!("{year:04}{month:02}{day:02}");
    };
    let digits = [
        year / 1000,
        year / 100 % 10,
        year / 10 % 10,
        year % 10,
        month / 10,
        month % 10,
        day / 10,
        day % 10,
    ];
    digits
        .iter()
        .filter_map(|&digit| char::from_digit(digit, 10))
        .collect()
}

/// Escapes a TEXT value: backslash, semicolon, comma and newlines.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no line is longer than 75 octets (a fold
/// never splits a UTF-8 character), ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    // The first line holds 75 octets; a continuation line starts with a space.
    let mut room = 75;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let content = format!("SUMMARY:{}", "é".repeat(100));
        line(&mut out, &content);
        line(&mut out, &"x".repeat(75));
        line(&mut out, &"y".repeat(76));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        let (x, y) = ("x".repeat(75), "y".repeat(76));
        assert_eq!(unfolded, format!("{content}\r\n{x}\r\n{y}\r\n"));
        assert!(
            out.contains(&format!("\r\n{x}\r\n")),
            "75 octets fit one line"
        );
        assert!(out.ends_with(&format!("{}\r\n y\r\n", "y".repeat(75))));
    }

    #[test]
    fn dates_are_written_in_basic_format() {
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(basic(date(2026, 11, 22)), "20261122");
        assert_eq!(basic(date(987, 1, 5)), "09870105");
        assert_eq!(basic(date(9999, 12, 31)), "99991231");
        assert_eq!(basic(date(10000, 1, 1)), "100000101");
    }
}
