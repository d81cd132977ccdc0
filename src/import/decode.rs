//! Bytes to text for exports: a file's encoding from its byte-order mark or by detection,
//! then each value on its own, by the charset it declares or, where a value is not UTF-8,
//! by the legacy encoding the file's other non-UTF-8 values look like.
//!
//! Decoding is done by `encoding_rs`, whose labels are the WHATWG ones that mail and web
//! software use (`latin1` and `ISO-8859-1` mean Windows-1252, as they do in real files), and
//! legacy encodings are guessed by `chardetng`, the detector Firefox uses for unlabelled text.
//! Values are decoded one by one, never the whole file at once, so that one bad byte
//! cannot garble every other name.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// An export's bytes, ready to be split into lines.
#[derive(Debug)]
pub(crate) struct Source {
    /// The bytes: the file itself, or, for a UTF-16 file, its text re-encoded as UTF-8.
    pub bytes: Vec<u8>,
    /// The encoding of the whole file when it was decoded up front (UTF-16): then the
    /// raw values are already Unicode and a `CHARSET` cannot apply to them.
    pub whole: Option<&'static Encoding>,
    /// A problem of the whole file (invalid UTF-16), for a warning without a line.
    pub problem: Option<String>,
}

impl Source {
    /// Looks at a file's bytes: a byte-order mark, else UTF-16 recognised by its zero
    /// bytes, else the bytes as they are (UTF-8 or legacy, decided value by value).
    pub(crate) fn new(bytes: &[u8]) -> Source {
        let (bom, bom_len) = match Encoding::for_bom(bytes) {
            Some((encoding, len)) => (Some(encoding), len),
            None => (None, 0),
        };
        let rest = &bytes[bom_len..];
        let utf16 = match bom {
            Some(encoding) if encoding != UTF_8 => Some(encoding),
            Some(_) => None,
            None => utf16_without_bom(rest),
        };
        let Some(encoding) = utf16 else {
            return Source {
                bytes: rest.to_vec(),
                whole: None,
                problem: None,
            };
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(rest);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        Source {
            bytes: text.as_bytes().to_vec(),
            whole: Some(encoding),
            problem: had_errors.then(|| {
                format!(
                    "the file is {} but holds bytes that are not: they are shown as `\u{fffd}`",
                    encoding.name()
                )
            }),
        }
    }

    /// The file's lines with their 1-based numbers, without line endings: split at `\n`,
    /// or at `\r` in a file that has no `\n` at all (old Mac programs).
    pub(crate) fn lines(&self) -> impl Iterator<Item = (usize, &[u8])> {
        let separator = if self.bytes.contains(&b'\n') {
            b'\n'
        } else {
            b'\r'
        };
        let ends_with_separator = self.bytes.last() == Some(&separator);
        let count = self.bytes.split(move |&b| b == separator).count();
        let count = count - usize::from(ends_with_separator || self.bytes.is_empty());
        self.bytes
            .split(move |&b| b == separator)
            .take(count)
            .enumerate()
            .map(|(index, line)| (index + 1, line.strip_suffix(b"\r").unwrap_or(line)))
    }
}

/// UTF-16 without a byte-order mark: text in these exports is mostly ASCII, which in
/// UTF-16 leaves every other byte zero; UTF-8 and legacy text hold no zero bytes at all.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if odd * 3 >= pairs && even * 20 <= pairs {
        Some(UTF_16LE)
    } else if even * 3 >= pairs && odd * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decodes the values of one file.
#[derive(Debug)]
pub(crate) struct Decoder {
    whole: Option<&'static Encoding>,
    fallback: &'static Encoding,
    utf8_seen: bool,
    legacy_seen: bool,
}

/// A decoded value and, if it could not be decoded cleanly, what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text.
    pub text: String,
    /// Why the text may not be what the file meant, for a warning with the value's line.
    pub problem: Option<String>,
}

impl Decoder {
    /// A decoder for a file whose values (each with the charset it declares, if any) are
    /// `values`: the non-UTF-8 ones among those that declare no other charset decide
    /// which legacy encoding to read them in.
    pub(crate) fn new<'a>(
        whole: Option<&'static Encoding>,
        values: impl IntoIterator<Item = (&'a [u8], Option<&'a str>)>,
    ) -> Decoder {
        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
        let (mut utf8_seen, mut legacy_seen) = (false, false);
        for (bytes, charset) in values {
            if whole.is_some() || bytes.is_ascii() {
                continue;
            }
            if charset.and_then(label).is_some_and(|e| e != UTF_8) {
                continue;
            }
            if std::str::from_utf8(bytes).is_ok() {
                utf8_seen = true;
            } else {
                legacy_seen = true;
                detector.feed(bytes, false);
                detector.feed(b"\n", false);
            }
        }
        detector.feed(b"", true);
        let fallback = if legacy_seen {
            detector.guess(None, Utf8Detection::Deny)
        } else {
            WINDOWS_1252
        };
        Decoder {
            whole,
            fallback,
            utf8_seen,
            legacy_seen,
        }
    }

    /// A warning for the whole file: it is in a legacy encoding, here is the one it was
    /// read in, so a wrong guess does not go unnoticed.
    pub(crate) fn file_note(&self) -> Option<String> {
        (self.legacy_seen && !self.utf8_seen).then(|| {
            format!(
                "the file is not UTF-8: read as `{}`, the encoding it looks like; check the names, or save the file as UTF-8 and import it again",
                self.fallback.name()
            )
        })
    }

    /// Decodes one value. `raw` says whether `bytes` are the file's own bytes (not the
    /// result of quoted-printable decoding); `charset` is the label the value declares.
    pub(crate) fn decode(&self, bytes: &[u8], charset: Option<&str>, raw: bool) -> Decoded {
        if raw && self.whole.is_some() {
            // Already Unicode: the whole file was decoded up front.
            return self.utf8_or_fallback(bytes);
        }
        let Some(label_text) = charset.map(str::trim).filter(|c| !c.is_empty()) else {
            return self.utf8_or_fallback(bytes);
        };
        let Some(encoding) = label(label_text) else {
            let mut decoded = self.utf8_or_fallback(bytes);
            let unknown = format!("names an unknown charset `{label_text}`");
            decoded.problem = Some(match decoded.problem {
                Some(problem) => format!("{unknown}; {problem}"),
                None => format!("{unknown}: read as UTF-8"),
            });
            return decoded;
        };
        if encoding == UTF_8 {
            return self.utf8_or_fallback(bytes);
        }
        // Some programs label UTF-8 text with a legacy charset; read as that charset, real
        // text in it is almost never valid UTF-8 with non-ASCII characters, and doing so
        // would turn every accent into two garbled characters.
        if !bytes.is_ascii()
            && let Ok(text) = std::str::from_utf8(bytes)
        {
            return clean(text.to_owned());
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        Decoded {
            text: text.into_owned(),
            problem: had_errors.then(|| {
                format!(
                    "holds bytes that are not valid `{}`: they are shown as `\u{fffd}`",
                    encoding.name()
                )
            }),
        }
    }

    /// UTF-8 where it is valid; where it is not, the invalid bytes read in the fallback
    /// encoding, with a problem to report unless the whole file is in that encoding.
    fn utf8_or_fallback(&self, bytes: &[u8]) -> Decoded {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return clean(text.to_owned());
        }
        let mut text = String::with_capacity(bytes.len() + 8);
        let mut had_errors = false;
        // Bytes of valid non-ASCII UTF-8 characters and invalid bytes: legacy text holds
        // a valid UTF-8 pair now and then by chance, UTF-8 with a stray byte mostly those.
        let (mut utf8_bytes, mut invalid_bytes) = (0, 0);
        let non_ascii = |text: &str| text.bytes().filter(|b| !b.is_ascii()).count();
        let mut rest = bytes;
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    utf8_bytes += non_ascii(valid);
                    text.push_str(valid);
                    break;
                }
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    // Safe: `from_utf8` said these bytes are valid.
                    let valid = std::str::from_utf8(valid).unwrap_or_default();
                    utf8_bytes += non_ascii(valid);
                    text.push_str(valid);
                    // The run of invalid bytes, up to the next valid UTF-8 character.
                    let mut end = error.error_len().unwrap_or(after.len());
                    while end < after.len() {
                        match std::str::from_utf8(&after[end..]) {
                            Err(e) if e.valid_up_to() == 0 => {
                                end += e.error_len().unwrap_or(after.len() - end);
                            }
                            _ => break,
                        }
                    }
                    let (invalid, next) = after.split_at(end);
                    invalid_bytes += invalid.len();
                    let (decoded, errors) = self.fallback.decode_without_bom_handling(invalid);
                    had_errors |= errors;
                    text.push_str(&decoded);
                    rest = next;
                }
            }
        }
        let utf8_inside = utf8_bytes > 0 && utf8_bytes >= invalid_bytes;
        if !utf8_inside {
            // Not UTF-8 at all: decode the value whole, so that a character whose second
            // byte looks like ASCII (Shift_JIS `ソ` is `83 5C`) is not cut in two.
            let (decoded, errors) = self.fallback.decode_without_bom_handling(bytes);
            text = decoded.into_owned();
            had_errors = errors;
        }
        let controls = text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c));
        let name = self.fallback.name();
        let problem = if had_errors || controls {
            Some(format!(
                "is not valid UTF-8 nor `{name}`: unreadable bytes are shown as `\u{fffd}` or control characters"
            ))
        } else if utf8_inside {
            Some(format!(
                "is UTF-8 with a few invalid bytes: those were read as `{name}`; check it"
            ))
        } else if self.utf8_seen {
            Some(format!(
                "is not UTF-8 like the rest of the file: read as `{name}`; check it"
            ))
        } else {
            None
        };
        Decoded { text, problem }
    }
}

/// The encoding a `CHARSET` label names, by the WHATWG rules (`ISO-8859-1` is Windows-1252).
fn label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label_no_replacement(label.trim().as_bytes())
}

fn clean(text: String) -> Decoded {
    Decoded {
        text,
        problem: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(decoder: &Decoder, bytes: &[u8]) -> Decoded {
        decoder.decode(bytes, None, true)
    }

    #[test]
    fn byte_order_marks_and_utf16_without_one() {
        let text = "BEGIN:VCARD\nFN:Zoë Ångström\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, encoding) in [
            ([&[0xFF, 0xFE][..], &le].concat(), UTF_16LE),
            ([&[0xFE, 0xFF][..], &be].concat(), UTF_16BE),
            (le.clone(), UTF_16LE),
            (be.clone(), UTF_16BE),
        ] {
            let source = Source::new(&bytes);
            assert_eq!(source.bytes, text.as_bytes());
            assert_eq!(source.whole, Some(encoding));
            assert_eq!(source.problem, None);
        }
        let source = Source::new("\u{feff}FN:Zoë".as_bytes());
        assert_eq!(source.bytes, "FN:Zoë".as_bytes());
        assert_eq!(source.whole, None);
        // An odd last byte is invalid UTF-16.
        let mut odd = le.clone();
        odd.push(b'x');
        assert!(Source::new(&odd).problem.is_some());
        // Short and ordinary files are not taken for UTF-16.
        assert_eq!(Source::new(b"ab").whole, None);
        assert_eq!(Source::new(b"Ren\xe9 Roux").whole, None);
    }

    #[test]
    fn lines_with_any_ending() {
        for text in ["a\r\nb\r\n", "a\nb", "a\rb\r"] {
            let source = Source::new(text.as_bytes());
            let lines: Vec<_> = source.lines().collect();
            assert_eq!(lines, [(1, &b"a"[..]), (2, &b"b"[..])], "{text:?}");
        }
        assert_eq!(Source::new(b"").lines().count(), 0);
        assert_eq!(Source::new(b"\n\n").lines().count(), 2);
    }

    #[test]
    fn declared_charsets() {
        let decoder = Decoder::new(None, []);
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("山田 太郎");
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Дмитрий");
        for (bytes, charset, expected) in [
            (&sjis[..], "SHIFT_JIS", "山田 太郎"),
            (&sjis[..], "shift-jis", "山田 太郎"),
            (&cp1251[..], "WINDOWS-1251", "Дмитрий"),
            (b"O\x92Neil", "ISO-8859-1", "O’Neil"),
            (b"O\x92Neil", "latin1", "O’Neil"),
            (b"M\xfcller", "CP1252", "Müller"),
            ("Müller".as_bytes(), "ISO-8859-1", "Müller"),
            ("Müller".as_bytes(), "UTF-8", "Müller"),
        ] {
            let decoded = decoder.decode(bytes, Some(charset), false);
            assert_eq!(decoded, clean(expected.to_owned()), "{charset}");
        }
        let bad = decoder.decode(b"\x82", Some("SHIFT_JIS"), false);
        assert!(bad.problem.is_some_and(|p| p.contains("Shift_JIS")));
        let unknown = decoder.decode(b"Jane", Some("X-MADE-UP"), false);
        assert_eq!(unknown.text, "Jane");
        assert!(unknown.problem.is_some_and(|p| p.contains("`X-MADE-UP`")));
    }

    #[test]
    fn a_legacy_file_is_detected_and_noted_once() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Дмитрий Иванов, инженер");
        let (other, _, _) = encoding_rs::WINDOWS_1251.encode("Ольга Смирнова");
        let values = [
            (&cp1251[..], None),
            (&other[..], None),
            (&b"Jane"[..], None),
        ];
        let decoder = Decoder::new(None, values);
        assert_eq!(
            plain(&decoder, &cp1251),
            clean("Дмитрий Иванов, инженер".to_owned())
        );
        assert!(
            decoder
                .file_note()
                .is_some_and(|n| n.contains("windows-1251"))
        );
    }

    #[test]
    fn an_undeclared_shift_jis_file() {
        let names = ["ソニー 山田", "佐藤 花子", "株式会社ソフト"];
        let encoded: Vec<Vec<u8>> = names
            .iter()
            .map(|n| encoding_rs::SHIFT_JIS.encode(n).0.into_owned())
            .collect();
        let decoder = Decoder::new(None, encoded.iter().map(|e| (e.as_slice(), None)));
        for (name, bytes) in names.iter().zip(&encoded) {
            assert_eq!(plain(&decoder, bytes), clean((*name).to_owned()));
        }
        assert!(decoder.file_note().is_some_and(|n| n.contains("Shift_JIS")));
    }

    #[test]
    fn a_few_invalid_bytes_in_utf8_fall_back_for_that_value_only() {
        let values = [
            ("Zoë Müller".as_bytes(), None),
            (&b"Ren\xe9 Roux"[..], None),
            (&b"Zo\xc3\xab M\xfcller"[..], None),
        ];
        let decoder = Decoder::new(None, values);
        assert_eq!(decoder.file_note(), None);
        assert_eq!(
            plain(&decoder, "Zoë Müller".as_bytes()),
            clean("Zoë Müller".to_owned())
        );
        let rene = plain(&decoder, b"Ren\xe9 Roux");
        assert_eq!(rene.text, "René Roux");
        assert!(rene.problem.is_some_and(|p| p.contains("not UTF-8")));
        let mixed = plain(&decoder, b"Zo\xc3\xab M\xfcller");
        assert_eq!(mixed.text, "Zoë Müller");
        assert!(
            mixed
                .problem
                .is_some_and(|p| p.contains("a few invalid bytes"))
        );
        // Bytes undefined in Windows-1252 cannot be read: say so.
        let undefined = plain(&decoder, b"A\x81B");
        assert!(
            undefined
                .problem
                .is_some_and(|p| p.contains("not valid UTF-8 nor"))
        );
    }

    #[test]
    fn utf16_files_ignore_charset_on_raw_values() {
        let decoder = Decoder::new(Some(UTF_16LE), [("Zoë".as_bytes(), Some("ISO-8859-1"))]);
        let decoded = decoder.decode("Zoë".as_bytes(), Some("ISO-8859-1"), true);
        assert_eq!(decoded, clean("Zoë".to_owned()));
        // Quoted-printable bytes are in the declared charset whatever the file is in.
        let decoded = decoder.decode(b"Zo\xeb", Some("ISO-8859-1"), false);
        assert_eq!(decoded, clean("Zoë".to_owned()));
    }
}
