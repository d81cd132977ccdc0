//! The draft heads-up of a briefing: plain text a reference can read on a phone, and a
//! `mailto:` link with every part percent-encoded (RFC 6068).

use crate::model::{Application, Contact};
use serde::Serialize;
use std::fmt::Write;

/// A ready-to-send message.
#[derive(Debug, Serialize)]
pub struct Draft<'r> {
    /// The reference's first email address, if any.
    pub to: Option<&'r str>,
    /// The subject line.
    pub subject: String,
    /// The message, signed by `owner`.
    pub body: String,
    /// `mailto:` with address, subject and body encoded.
    pub mailto: String,
}

/// The heads-up for reference `contact` about `application`.
pub(crate) fn heads_up<'r>(
    contact: &'r Contact,
    application: &Application,
    owner: &str,
    resume: Option<&str>,
) -> Draft<'r> {
    let first = contact
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&contact.name);
    let subject = format!(
        "Heads-up: {} may call you about {}",
        application.company, application.role
    );
    let mut body = format!("Hi {first},\n\n");
    let applied = application
        .applied
        .map_or_else(String::new, |d| format!(" on {d}"));
    let _ = writeln!(
        body,
        "Thank you again for being one of my references. I applied for {} at {}{applied}, and they may contact you soon.",
        application.role, application.company
    );
    let synopsis = application.synopsis.trim();
    if !synopsis.is_empty() {
        let _ = write!(body, "\nAbout the position:\n\n{synopsis}\n");
    }
    if !application.highlights.is_empty() {
        body.push_str("\nWhat would help most is if you could speak to:\n");
        for highlight in &application.highlights {
            let _ = writeln!(body, "- {highlight}");
        }
    }
    if !contact.talking_points.is_empty() {
        body.push_str("\nYou know my work best on:\n");
        for point in &contact.talking_points {
            let _ = writeln!(body, "- {point}");
        }
    }
    if let Some(resume) = resume {
        let _ = write!(body, "\nMy current resume: {resume}\n");
    }
    body.push_str("\nI will let you know how it goes. Thank you so much for your help!\n\n");
    if owner.trim().is_empty() {
        body.push_str("Best wishes\n");
    } else {
        let _ = writeln!(body, "Best wishes,\n{}", owner.trim());
    }
    let to = contact.emails.first().map(String::as_str);
    let mailto = format!(
        "mailto:{}?subject={}&body={}",
        to.map_or_else(String::new, |address| encode(address, b"@")),
        encode(&subject, b""),
        encode(&body.replace('\n', "\r\n"), b""),
    );
    Draft {
        to,
        subject,
        body,
        mailto,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_leaves_only_unreserved_characters() {
        assert_eq!(encode("a b&c=d?é\r\n", b""), "a%20b%26c%3Dd%3F%C3%A9%0D%0A");
        assert_eq!(encode("jane+x@example.org", b"@"), "jane%2Bx@example.org");
        assert_eq!(encode("é@", "é@".as_bytes()), "%C3%A9@");
    }
}
