//! Writes the inputs of the capture benchmarks (`scripts/bench.sh`), for a repository
//! made by `generate_repo`:
//! `cargo run --release --example generate_capture -- DIR [MESSAGES] [NOTES] [CONTACTS]`.
//!
//! `DIR/mail.mbox`: MESSAGES messages of about 2 KB each, a third sent by
//! `sam@example.com` to a contact, a third received from one, a third from strangers and
//! mailing lists. `DIR/Daily/`: NOTES daily notes, one a day back from 2026-11-22, each
//! with a few lines, two of them linking contacts.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: generate_capture DIR [MESSAGES] [NOTES] [CONTACTS]");
        std::process::exit(2);
    };
    let messages: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let notes: i64 = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(3_650);
    let contacts: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let root = Path::new(dir);
    std::fs::create_dir_all(root.join("Daily"))?;
    let body: String = (0..24)
        .map(|i| format!("Line {i} of a message body that says nothing in particular at all.\n"))
        .collect();
    let mut mbox = BufWriter::new(std::fs::File::create(root.join("mail.mbox"))?);
    for m in 0..messages {
        let day = 1 + m % 28;
        let month = 1 + (m / 28) % 10;
        let c = (m * 7919) % contacts.max(1);
        let (from, to, extra) = match m % 3 {
            0 => (
                "Sam Example <sam@example.com>".to_owned(),
                format!("Person {c} <person{c}@example.com>, friend{m}@example.org"),
                "",
            ),
            1 => (
                format!("Person {c} <person{c}@example.com>"),
                "sam@example.com".to_owned(),
                "",
            ),
            _ => (
                format!("news{}@lists.example.org", m % 50),
                "sam@example.com".to_owned(),
                "List-Id: <news.lists.example.org>\n",
            ),
        };
        let mut text = String::with_capacity(2200);
        let _ = write!(
            text,
            "From sender@example.com Mon Oct {day:02} 10:00:00 2026\nMessage-ID: <bench-{m}@example.com>\nDate: Mon, {day} {} 2026 10:{:02}:00 +0000\nFrom: {from}\nTo: {to}\n{extra}Subject: Message number {m} about nothing =?UTF-8?B?w6k=?=\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n{body}\n",
            [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct"
            ][month - 1],
            m % 60
        );
        mbox.write_all(text.as_bytes())?;
    }
    mbox.flush()?;
    let today = chrono_free_date(2026, 11, 22);
    for n in 0..notes {
        let (y, mo, d) = civil_from_days(today - n);
        let a = (n as usize * 31) % contacts.max(1);
        let b = (n as usize * 97 + 5) % contacts.max(1);
        let text = format!(
            "---\ntags: [daily]\n---\n# {y:04}-{mo:02}-{d:02}\n\n- Woke up, read the news\n- Coffee with [[person-{a}]], talked about the market #cheesecake\n- [ ] Send [[person-{b}]] the article\n\nWrote some notes about a book, [[Some Book]] and [[Another Page]].\n\nLunch with [[Person {b}]].\n"
        );
        std::fs::write(root.join(format!("Daily/{y:04}-{mo:02}-{d:02}.md")), text)?;
    }
    Ok(())
}

/// Days since 1970-01-01 of a date (Howard Hinnant's algorithm).
fn chrono_free_date(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a number of days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
