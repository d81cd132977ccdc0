//! The links that send a draft: `mailto:` (with the subject and body while they fit in
//! [`MAX_LINK`]), `sms:` and `tel:` to a dialable number, and the LinkedIn profile, with
//! the note shortened to [`MAX_LINKEDIN_NOTE`]; and the percent-encoding they use.

use super::context::{Draft, SendLink};
use crate::model::{Contact, Repository};
use crate::rules::messages::Recipient;
use crate::rules::{Channel, Message};

/// The longest send link: mail programs and browsers refuse longer `mailto:` links.
pub(crate) const MAX_LINK: usize = 2000;
/// The longest LinkedIn connection note of a free account.
pub(crate) const MAX_LINKEDIN_NOTE: usize = 200;

/// Addresses the text: the send links for the channel, within their limits.
pub(super) fn address(
    repo: &Repository,
    message: &Message,
    to: Option<&Contact>,
    channel: Channel,
    subject: String,
    mut body: String,
    fill_in: Vec<String>,
) -> Draft {
    let email = to
        .and_then(|c| c.emails.first())
        .map(|e| e.trim().to_owned());
    let phone = to.and_then(|c| c.phone.as_deref()).map(dial);
    let linkedin = to
        .and_then(|c| c.linkedin.as_deref())
        .and_then(linkedin_url);
    if channel == Channel::Linkedin {
        body = shorten(&body, MAX_LINKEDIN_NOTE);
    }
    let mut links = Vec::new();
    let mut paste = false;
    let sms = |body: &str, phone: &str| {
        let href = format!(
            "sms:{phone}?body={}",
            encode(&body.replace('\n', "\r\n"), b"")
        );
        if href.len() <= MAX_LINK {
            href
        } else {
            format!("sms:{phone}")
        }
    };
    match (channel, phone.as_deref()) {
        (Channel::Text, Some(phone)) => links.push(SendLink {
            label: "Send as a text",
            href: sms(&body, phone),
            kind: "sms",
        }),
        (Channel::Phone, Some(phone)) => links.push(SendLink {
            label: "Call",
            href: format!("tel:{phone}"),
            kind: "tel",
        }),
        _ => {}
    }
    if channel == Channel::Linkedin
        && let Some(url) = &linkedin
    {
        links.push(SendLink {
            label: "Open their LinkedIn profile",
            href: url.clone(),
            kind: "linkedin",
        });
    }
    if let Some(address) = &email {
        let (href, too_long) = mailto(address, &subject, &body);
        paste = too_long;
        let link = SendLink {
            label: "Open in mail",
            href,
            kind: "mailto",
        };
        if channel == Channel::Email {
            links.insert(0, link);
        } else {
            links.push(link);
        }
    }
    let missing = if links.is_empty() && channel != Channel::InPerson {
        Some(missing_hint(repo, message, to))
    } else {
        None
    };
    Draft {
        channel,
        to_name: match message.recipient {
            Recipient::Contact(c) => repo.contacts[c].name.clone(),
            Recipient::Application(a) => repo.applications[a].company.clone(),
            Recipient::Yourself => String::new(),
        },
        to: match channel {
            Channel::Email => email.clone(),
            Channel::Text | Channel::Phone => to.and_then(|c| c.phone.clone()),
            Channel::Linkedin => linkedin,
            _ => None,
        },
        email,
        subject,
        body,
        links,
        paste,
        missing,
        fill_in,
    }
}

/// What to add so the draft can be sent.
fn missing_hint(repo: &Repository, message: &Message, to: Option<&Contact>) -> String {
    match to {
        Some(contact) => format!(
            "No way to reach {} is on file: add `email`, `phone` or `linkedin` to `{}`.",
            contact.name, contact.file
        ),
        None => {
            let file = match message.recipient {
                Recipient::Application(a) => repo.applications[a].file.as_str(),
                _ => "",
            };
            format!(
                "Nobody at the company is on file: add the hiring manager or recruiter to `contacts` in `{file}`."
            )
        }
    }
}

/// A `mailto:` link with subject and body, or with the subject only when that would be
/// longer than [`MAX_LINK`] (then `true`: paste the text).
pub(crate) fn mailto(address: &str, subject: &str, body: &str) -> (String, bool) {
    let head = format!(
        "{}?subject={}",
        mailto_address(address),
        encode(subject, b"")
    );
    let full = format!("{head}&body={}", encode(&body.replace('\n', "\r\n"), b""));
    if full.len() <= MAX_LINK {
        (full, false)
    } else if head.len() <= MAX_LINK {
        (head, true)
    } else {
        (mailto_address(address), true)
    }
}

/// A `mailto:` link to `address` alone, percent-encoded (only `@` kept), so nothing in it
/// is read as a header (`?bcc=`) or a second address.
pub(crate) fn mailto_address(address: &str) -> String {
    format!("mailto:{}", encode(address, b"@"))
}

/// A phone number as a `tel:`/`sms:` link wants it: digits, and a leading `+`.
pub(super) fn dial(phone: &str) -> String {
    let phone = phone.trim();
    let mut out = String::new();
    if phone.starts_with('+') {
        out.push('+');
    }
    out.extend(phone.chars().filter(char::is_ascii_digit));
    if out == "+" { String::new() } else { out }
}

/// A LinkedIn profile as a web link: `https://…` as written, or a bare handle or path
/// made into one.
pub(super) fn linkedin_url(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty()
        || text
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<')
    {
        return None;
    }
    if text.starts_with("https://") || text.starts_with("http://") {
        return Some(text.to_owned());
    }
    if text.contains("linkedin.com/") {
        return Some(format!("https://{}", text.trim_start_matches('/')));
    }
    Some(format!("https://www.linkedin.com/in/{}", encode(text, b"")))
}

/// `text` in at most `max` characters, cut at a word and marked with `…`.
pub(super) fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) if space > max / 2 => cut[..space].trim_end().to_owned(),
        _ => cut,
    };
    format!("{cut}…")
}

/// Percent-encodes every byte but the unreserved characters of RFC 3986 and the ASCII
/// bytes in `keep`.
pub(crate) fn encode(text: &str, keep: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for &byte in text.as_bytes() {
        let unreserved = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~');
        if unreserved || (byte.is_ascii() && keep.contains(&byte)) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    out
}
