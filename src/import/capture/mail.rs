//! Reading mail as a stream (`docs/capture.md`, "Mail"): mbox files, Maildir folders,
//! Apple Mail's `.mbox` folders and `.eml` files, told apart by their content. Only the
//! header block of each message is kept (at most [`MAX_HEADER_BYTES`]): bodies and
//! attachments pass by without being stored, so memory stays flat whatever the size of
//! the mailbox. The headers are parsed by `mail-parser` (RFC 5322 addresses and dates,
//! RFC 2047 encoded words in any charset).

use chrono::{FixedOffset, Local, NaiveDate, TimeZone};
use mail_parser::{HeaderName, MessageParser};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The most of a message's header block goddwill keeps; the rest is not read (a header
/// block this large is spam or an attack, and what goodwill needs comes first).
pub(crate) const MAX_HEADER_BYTES: usize = 256 * 1024;

/// The longest piece of a line read at once: a line without an end is read in pieces.
const MAX_LINE_PIECE: u64 = 64 * 1024;

/// How a file holds mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Messages one after the other, each after a `From ` line.
    Mbox,
    /// One message (`.eml`, a Maildir file).
    Message,
}

/// A file of mail to read, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    /// The file.
    pub path: PathBuf,
    /// Its shape, as its content says.
    pub shape: Shape,
    /// Its size in bytes, for the progress bar.
    pub len: u64,
}

/// The mail files at `path`: the file itself, or for a folder every file in it, in name
/// order, told apart by content. In a Maildir (a folder with `cur/` or `new/`), `tmp/`
/// is never read: it holds mail still being delivered. Files that are neither (an index
/// such as Thunderbird's `.msf`, Apple Mail's `Info.plist`) are left out.
pub(crate) fn sources(path: &Path) -> io::Result<Vec<Source>> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        return Ok(sniff(path, meta.len())?.into_iter().collect());
    }
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let is_dir = entry.file_type().is_dir();
            let maildir_tmp =
                is_dir && name == "tmp" && entry.path().parent().is_some_and(is_maildir);
            // Hidden files and folders are skipped (notmuch's `.notmuch`), but not the
            // folders of a Maildir++ (`.Sent`, as Dovecot and offlineimap write them).
            let hidden = name.starts_with('.') && !(is_dir && is_maildir(entry.path()));
            !maildir_tmp && (entry.depth() == 0 || !hidden)
        });
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let len = entry.metadata().map_err(io::Error::other)?.len();
        let in_maildir = entry
            .path()
            .parent()
            .filter(|dir| dir.ends_with("cur") || dir.ends_with("new"))
            .and_then(Path::parent)
            .is_some_and(is_maildir);
        if in_maildir {
            found.push(Source {
                path: entry.into_path(),
                shape: Shape::Message,
                len,
            });
        } else if let Some(source) = sniff(entry.path(), len)? {
            found.push(source);
        }
    }
    Ok(found)
}

fn is_maildir(dir: &Path) -> bool {
    dir.join("cur").is_dir() || dir.join("new").is_dir()
}

/// What the first bytes of `path` say it is: an mbox starts with a `From ` line, a
/// message with a header (`Name: value`).
fn sniff(path: &Path, len: u64) -> io::Result<Option<Source>> {
    let mut head = Vec::with_capacity(1024);
    File::open(path)?.take(1024).read_to_end(&mut head)?;
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let shape = if head.starts_with(b"From ") {
        Some(Shape::Mbox)
    } else if looks_like_header(head) {
        Some(Shape::Message)
    } else {
        None
    };
    Ok(shape.map(|shape| Source {
        path: path.to_path_buf(),
        shape,
        len,
    }))
}

/// Whether `head` starts with a header field: a name of printable ASCII without spaces,
/// then a colon.
fn looks_like_header(head: &[u8]) -> bool {
    let name_len = head
        .iter()
        .take_while(|&&b| b.is_ascii_graphic() && b != b':')
        .count();
    name_len > 0 && head.get(name_len) == Some(&b':')
}

/// One message as read: its header block, and the date of its mbox `From ` line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Raw {
    /// The header block, up to [`MAX_HEADER_BYTES`].
    pub headers: Vec<u8>,
    /// The day on the message's `From ` line, in an mbox.
    pub from_line: Option<NaiveDate>,
}

/// Calls `each` with every message of `source`, and with how many bytes have been read
/// so far; stops at the first error `each` or the file gives.
pub(crate) fn read(
    source: &Source,
    each: &mut dyn FnMut(Raw, u64) -> io::Result<()>,
) -> io::Result<()> {
    let file = File::open(&source.path)?;
    let reader = BufReader::with_capacity(1 << 20, file);
    match source.shape {
        Shape::Mbox => read_mbox(reader, each),
        Shape::Message => {
            let mut raw = Raw::default();
            let mut reader = reader;
            read_headers(&mut reader, &mut raw.headers)?;
            each(raw, source.len)
        }
    }
}

/// The header block of one message from `reader`: lines up to the first empty one.
fn read_headers(reader: &mut impl BufRead, headers: &mut Vec<u8>) -> io::Result<()> {
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader
            .by_ref()
            .take(MAX_LINE_PIECE)
            .read_until(b'\n', &mut line)?;
        if n == 0 || line == b"\n" || line == b"\r\n" || headers.len() >= MAX_HEADER_BYTES {
            return Ok(());
        }
        headers.extend_from_slice(&line);
    }
}

/// Splits an mbox into messages. A message starts at a `From ` line at the start of the
/// file or after an empty line (mboxo, mboxrd: a `From ` in a body is written `>From `),
/// or at any line that is a whole `From sender date` line, for writers that leave no
/// empty line before it. Only each message's header block is kept.
pub(crate) fn read_mbox(
    mut reader: impl BufRead,
    each: &mut dyn FnMut(Raw, u64) -> io::Result<()>,
) -> io::Result<()> {
    let mut line: Vec<u8> = Vec::with_capacity(256);
    let mut current: Option<Raw> = None;
    let mut in_headers = false;
    let mut after_blank = true;
    let mut at_line_start = true;
    let mut read: u64 = 0;
    loop {
        line.clear();
        let n = reader
            .by_ref()
            .take(MAX_LINE_PIECE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        read += n as u64;
        let starts_line = at_line_start;
        at_line_start = line.ends_with(b"\n");
        if !starts_line {
            after_blank = false;
            continue;
        }
        if line.starts_with(b"From ") {
            let date = from_line_date(&line);
            if after_blank || date.is_some() {
                if let Some(raw) = current.take() {
                    each(raw, read)?;
                }
                current = Some(Raw {
                    headers: Vec::new(),
                    from_line: date,
                });
                in_headers = true;
                after_blank = false;
                continue;
            }
        }
        let blank = line == b"\n" || line == b"\r\n";
        if in_headers {
            if blank {
                in_headers = false;
            } else if let Some(raw) = current.as_mut()
                && raw.headers.len() < MAX_HEADER_BYTES
            {
                raw.headers.extend_from_slice(&line);
            }
        }
        after_blank = blank;
    }
    if let Some(raw) = current.take() {
        each(raw, read)?;
    }
    Ok(())
}

/// The day of an mbox `From sender Www Mmm dd hh:mm:ss yyyy` line, as written.
fn from_line_date(line: &[u8]) -> Option<NaiveDate> {
    let text = std::str::from_utf8(line).ok()?;
    let words: Vec<&str> = text.split_whitespace().skip(2).collect();
    // Www Mmm dd hh:mm:ss [zone] yyyy
    let (month, day) = (words.get(1)?, words.get(2)?);
    let year = words
        .iter()
        .skip(4)
        .find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))?;
    if !words.get(3)?.contains(':') {
        return None;
    }
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = months.iter().position(|m| month.eq_ignore_ascii_case(m))?;
    NaiveDate::from_ymd_opt(
        year.parse().ok()?,
        u32::try_from(month + 1).ok()?,
        day.parse().ok()?,
    )
}

/// What goodwill needs of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mail {
    /// `Message-ID`, without its angle brackets.
    pub id: String,
    /// The day it was sent, in local time.
    pub date: NaiveDate,
    /// The sender's address, lower case.
    pub from: String,
    /// The addresses in `To` and `Cc` (never `Bcc`), lower case, with the display name
    /// each was given, each once.
    pub to: Vec<(String, Option<String>)>,
    /// The subject, decoded.
    pub subject: String,
    /// Mailing-list, bulk or automatic mail.
    pub automatic: bool,
}

/// Why a message was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unread {
    /// It has no `Message-ID`: it could not be recognised again.
    NoId,
    /// Neither its `Date` nor its `From ` line says when it was sent.
    NoDate,
}

/// Parses one message's headers.
pub(crate) fn parse(raw: &Raw) -> Result<Mail, Unread> {
    let message = MessageParser::default()
        .parse_headers(&raw.headers)
        .ok_or(Unread::NoId)?;
    let id = message
        .message_id()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .ok_or(Unread::NoId)?
        .to_owned();
    let date = message
        .date()
        .and_then(|date| {
            let offset = i32::from(date.tz_hour) * 3600 + i32::from(date.tz_minute) * 60;
            let offset = if date.tz_before_gmt { -offset } else { offset };
            let naive = NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )?
            .and_hms_opt(
                u32::from(date.hour),
                u32::from(date.minute),
                u32::from(date.second),
            )?;
            let at = FixedOffset::east_opt(offset)?
                .from_local_datetime(&naive)
                .single()?;
            Some(at.with_timezone(&Local).date_naive())
        })
        .or(raw.from_line)
        .ok_or(Unread::NoDate)?;
    let address = |addr: &mail_parser::Addr| {
        addr.address()
            .map(|a| a.trim().trim_matches(['<', '>']).to_lowercase())
            .filter(|a| a.contains('@'))
    };
    let from = message
        .from()
        .and_then(|from| from.first())
        .and_then(address)
        .unwrap_or_default();
    let mut to: Vec<(String, Option<String>)> = Vec::new();
    for list in [message.to(), message.cc()].into_iter().flatten() {
        for addr in list.iter() {
            if let Some(email) = address(addr)
                && !to.iter().any(|(seen, _)| *seen == email)
            {
                let name = addr.name().map(str::trim).filter(|n| !n.is_empty());
                to.push((email, name.map(str::to_owned)));
            }
        }
    }
    let header = |name: &str| {
        message
            .header_raw(HeaderName::from(name))
            .map(|v| v.trim().to_ascii_lowercase())
    };
    let automatic = header("List-Id").is_some()
        || header("List-Unsubscribe").is_some()
        || header("Precedence").is_some_and(|p| matches!(p.as_str(), "bulk" | "list" | "junk"))
        || header("Auto-Submitted").is_some_and(|a| a != "no");
    Ok(Mail {
        id,
        date,
        from,
        to,
        subject: message.subject().unwrap_or("").trim().to_owned(),
        automatic,
    })
}

/// Whether `address` is a robot's: a local part such as `noreply`, `no-reply`,
/// `donotreply`, `mailer-daemon` or `postmaster`.
pub(crate) fn is_no_reply(address: &str) -> bool {
    let local = address.split('@').next().unwrap_or("");
    let plain: String = local
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    plain.starts_with("noreply")
        || plain.starts_with("donotreply")
        || plain.starts_with("mailerdaemon")
        || plain == "postmaster"
        || plain.ends_with("noreply")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(mbox: &[u8]) -> Vec<Raw> {
        let mut found = Vec::new();
        read_mbox(mbox, &mut |raw, _| {
            found.push(raw);
            Ok(())
        })
        .expect("read");
        found
    }

    #[test]
    fn an_mbox_splits_at_from_lines_and_keeps_only_headers() {
        let mbox = b"From jane@example.com Thu Nov 19 09:12:00 2026\nSubject: One\n\nBody\n>From the quoted line\nFrom here on, not a separator\n\nFrom sam@example.org Fri Nov 20 10:00:00 2026\r\nSubject: Two\r\n\r\nx\r\n";
        let found = messages(mbox);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].headers, b"Subject: One\n");
        assert_eq!(found[0].from_line, NaiveDate::from_ymd_opt(2026, 11, 19));
        assert_eq!(found[1].headers, b"Subject: Two\r\n");
    }

    #[test]
    fn a_line_without_end_is_read_in_pieces() {
        let mut mbox = b"From a@example.com Thu Nov 19 09:12:00 2026\nSubject: x\n\n".to_vec();
        mbox.extend(std::iter::repeat_n(b'a', 300_000));
        mbox.extend(b"\nFrom b@example.com Thu Nov 19 09:12:00 2026\nSubject: y\n");
        assert_eq!(messages(&mbox).len(), 2);
    }

    #[test]
    fn robots_are_told_by_their_local_part() {
        for (address, robot) in [
            ("noreply@example.com", true),
            ("no-reply@example.com", true),
            ("do-not-reply@example.com", true),
            ("DoNotReply@example.com", true),
            ("MAILER-DAEMON@example.com", true),
            ("postmaster@example.com", true),
            ("jobs-noreply@example.com", true),
            ("jane@example.com", false),
            ("norah@example.com", false),
        ] {
            assert_eq!(is_no_reply(address), robot, "{address}");
        }
    }
}
