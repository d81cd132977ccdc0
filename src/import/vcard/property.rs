//! The lines of a vCard file: unfolding, `NAME;PARAMS:VALUE` properties, quoted-printable
//! and the escapes of each version. Everything here works on bytes: a value is decoded
//! only once it is whole.

use crate::import::decode::Source;

/// Unfolds the text into logical lines with the line each starts on: a line beginning with
/// a space or tab continues the one before (RFC 6350), and a quoted-printable value ending
/// in `=` continues on the next line (vCard 2.1 soft line breaks).
pub(super) fn logical_lines(source: &Source) -> Vec<(usize, Vec<u8>)> {
    let mut lines: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut soft_break = false;
    for (number, raw) in source.lines() {
        if soft_break && let Some((_, last)) = lines.last_mut() {
            last.pop(); // the `=`
            last.extend_from_slice(raw);
        } else if raw.starts_with(b" ") || raw.starts_with(b"\t") {
            match lines.last_mut() {
                Some((_, last)) => last.extend_from_slice(&raw[1..]),
                None => lines.push((number, raw.to_vec())),
            }
        } else {
            lines.push((number, raw.to_vec()));
        }
        soft_break = lines
            .last()
            .is_some_and(|(_, last)| last.ends_with(b"=") && is_quoted_printable(last));
    }
    lines
}

fn is_quoted_printable(line: &[u8]) -> bool {
    let head = line.split(|&b| b == b':').next().unwrap_or_default();
    head.to_ascii_uppercase()
        .windows(16)
        .any(|w| w == b"QUOTED-PRINTABLE")
}

/// One `[group.]NAME;PARAMS:VALUE` line, its value not yet decoded.
#[derive(Debug, Clone)]
pub(super) struct Property {
    pub(super) line: usize,
    pub(super) name: String,
    pub(super) params: Vec<(String, String)>,
    /// The value's bytes, quoted-printable already undone; empty for binary values.
    pub(super) data: Vec<u8>,
    /// Whether `data` are the file's own bytes (not quoted-printable ones).
    pub(super) raw: bool,
}

impl Property {
    pub(super) fn parse(line: usize, content: &[u8]) -> Option<Property> {
        // Files joined with `cat` keep each one's byte-order mark.
        let content = content.strip_prefix(b"\xef\xbb\xbf").unwrap_or(content);
        // The value starts at the first `:` outside a quoted parameter value.
        let mut quoted = false;
        let colon = content.iter().position(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == b':' && !quoted
        })?;
        let head = String::from_utf8_lossy(&content[..colon]);
        let value = &content[colon + 1..];
        let mut parts = split_unquoted(&head, ';').into_iter();
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
        let params: Vec<(String, String)> = parts
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
        let encoding = params
            .iter()
            .find(|(k, _)| k == "ENCODING")
            .map(|(_, v)| v.to_ascii_uppercase());
        let (data, raw) = match encoding.as_deref() {
            Some("QUOTED-PRINTABLE") => (quoted_printable(value), false),
            Some("B" | "BASE64") => (Vec::new(), true),
            _ => (value.to_vec(), true),
        };
        Some(Property {
            line,
            name,
            params,
            data,
            raw,
        })
    }

    pub(super) fn is_vcard(&self) -> bool {
        self.data.trim_ascii().eq_ignore_ascii_case(b"vcard")
    }

    pub(super) fn is_begin(&self) -> bool {
        self.name == "BEGIN" && self.is_vcard()
    }

    pub(super) fn is_end(&self) -> bool {
        self.name == "END" && self.is_vcard()
    }

    pub(super) fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn has_type(&self, wanted: &str) -> bool {
        self.params.iter().any(|(k, v)| {
            k == "TYPE" && v.split(',').any(|t| t.trim().eq_ignore_ascii_case(wanted))
        })
    }

    /// How much this value is preferred, 1 most: 4.0 `PREF=1`…`100`, 3.0 `TYPE=pref` and
    /// 2.1 `;PREF` are 1, anything else comes after.
    pub(super) fn preference(&self) -> u8 {
        match self.param("PREF").and_then(|v| v.trim().parse::<u8>().ok()) {
            Some(rank) => rank.clamp(1, 100),
            None if self.has_type("PREF") => 1,
            None => 101,
        }
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

/// Splits at `separator` not preceded by a backslash, keeping escapes for the unescaping.
pub(super) fn split_escaped(text: &str, separator: char) -> Vec<String> {
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

/// vCard 3.0 and 4.0, and iCalendar's TEXT values: `\n`, `\,`, `\;`, `\\` → newline,
/// `,`, `;`, `\`.
pub(crate) fn unescape(text: &str) -> String {
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
fn quoted_printable(bytes: &[u8]) -> Vec<u8> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[u8]) -> Vec<(usize, Vec<u8>)> {
        logical_lines(&Source::new(text))
    }

    #[test]
    fn unfolds_lines_and_soft_line_breaks() {
        let unfolded = lines(
            b"FN:Jane\r\n  Doe\r\nNOTE;ENCODING=QUOTED-PRINTABLE:a=\r\nb=\r\n c\r\nTEL:=1\r\nX:y",
        );
        let texts: Vec<(usize, &[u8])> = unfolded.iter().map(|(n, l)| (*n, l.as_slice())).collect();
        assert_eq!(
            texts,
            [
                (1, &b"FN:Jane Doe"[..]),
                (3, &b"NOTE;ENCODING=QUOTED-PRINTABLE:ab c"[..]),
                (6, &b"TEL:=1"[..]),
                (7, &b"X:y"[..]),
            ]
        );
    }

    #[test]
    fn parses_parameters_of_every_version() {
        let p = Property::parse(
            7,
            b"item1.EMAIL;type=INTERNET;TYPE=\"work,pref\";X-A=\"a:b\":x@y",
        )
        .expect("property");
        assert_eq!(
            (p.line, p.name.as_str(), p.data.as_slice()),
            (7, "EMAIL", &b"x@y"[..])
        );
        assert!(p.has_type("pref") && p.has_type("internet") && !p.has_type("home"));
        assert_eq!(p.param("X-A"), Some("a:b"));
        assert_eq!(p.preference(), 1);
        let bare = Property::parse(1, b"TEL;CELL;PREF;QUOTED-PRINTABLE:=30=31").expect("2.1");
        assert_eq!((bare.data.as_slice(), bare.raw), (&b"01"[..], false));
        assert_eq!(bare.preference(), 1);
        let four = Property::parse(1, b"TEL;PREF=7:1").expect("4.0");
        assert_eq!(four.preference(), 7);
        assert_eq!(
            Property::parse(1, b"TEL:1").expect("plain").preference(),
            101
        );
        assert!(Property::parse(1, b"no colon").is_none());
        assert!(Property::parse(1, b":value").is_none());
        let photo = Property::parse(1, b"PHOTO;ENCODING=b:AAAA").expect("photo");
        assert!(photo.data.is_empty());
    }

    #[test]
    fn escapes_and_quoted_printable() {
        assert_eq!(unescape("a\\nb\\,c\\;d\\\\e\\"), "a\nb,c;d\\e\\");
        assert_eq!(split_escaped("a\\;b;c", ';'), ["a\\;b", "c"]);
        assert_eq!(
            quoted_printable(b"M=C3=BCller =3D =zz="),
            "Müller = =zz=".as_bytes()
        );
    }
}
