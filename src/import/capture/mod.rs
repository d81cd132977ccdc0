//! Touches that log themselves (`docs/capture.md`): entries read from mail and calendar
//! exports, made inert, keyed so that a second import adds nothing, and written at most
//! once per file per run.
//!
//! The readers (`mail`, `calendar`) turn an export into facts; `touches` and
//! `calendar::plan` decide, without touching the disk, which line goes into which file;
//! [`Plan::write`] is the one place a run writes, so that committing a run's files
//! (`git.commit`) has one place to go.

pub(crate) mod calendar;
pub(crate) mod mail;
pub(crate) mod touches;

use crate::model::{Owner, Repository};
use crate::write::{self, WriteError, append::append_entry};
use std::collections::{BTreeMap, HashSet};

/// Text captured from outside made one inert line
/// (`docs/capture.md`, "Nothing captured can forge meaning"): line breaks and control characters become spaces, runs of spaces
/// one, and every character Markdown or goodwill could read as markup — `#`, `[`, `]`,
/// `(`, `)`, `` ` ``, `<`, `>`, `*`, `_`, and the backslash itself, so that `\#` in a
/// subject cannot unescape the `#` after it — is written with a backslash.
pub(crate) fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if matches!(
            c,
            '\\' | '#' | '[' | ']' | '(' | ')' | '`' | '<' | '>' | '*' | '_'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `text` percent-encoded for a URL as RFC 2392 asks of a `mid:` link: every byte but
/// letters, digits and `-._~!$&'*+=@:;,` becomes `%XX`, so the link holds no `(`, `)`,
/// `/`, `%` or space that would end it or change its meaning (`mid:abc@example.com`).
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for &b in text.as_bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'*+=@:;,".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `text` with its `%XX` escapes decoded (invalid ones kept as written).
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The keys of every touch already in the repository: the Message-IDs of its `mid:`
/// links and the event keys of its `ics:` links, wherever they are (any contact's or
/// application's body, any journal entry); decoded when `decode` (a `mid:` link another
/// program wrote may encode differently).
pub(crate) fn present(repo: &Repository, scheme: &str, decode: bool) -> HashSet<String> {
    let mut keys = HashSet::new();
    let texts = (repo.contacts.iter().map(|c| c.body.as_str()))
        .chain(repo.applications.iter().map(|a| a.body.as_str()))
        .chain(
            (repo.entries.iter())
                .filter(|e| matches!(e.owner, Owner::Journal(_)))
                .map(|e| e.text.as_str()),
        );
    let prefix = format!("{scheme}:");
    for text in texts {
        let mut rest = text;
        while let Some(at) = rest.find(&prefix) {
            let after = &rest[at + prefix.len()..];
            let end = after
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | ']' | '"' | '<'))
                .unwrap_or(after.len());
            let key = if decode {
                percent_decode(&after[..end])
            } else {
                after[..end].to_owned()
            };
            if !key.is_empty() {
                keys.insert(key);
            }
            rest = &after[end..];
        }
    }
    keys
}

/// The lines a run adds, by file (relative to the root), in the order they were found.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    files: BTreeMap<String, Vec<String>>,
}

impl Plan {
    /// Adds the entry `line` (`DATE TEXT`, without `- `) to `file`.
    pub(crate) fn add(&mut self, file: &str, line: String) {
        self.files.entry(file.to_owned()).or_default().push(line);
    }

    /// Every file with its lines, dated lines in date order (a stable sort: mail found
    /// in the same day keeps its order).
    pub(crate) fn files(&self) -> impl Iterator<Item = (&str, Vec<&str>)> {
        self.files.iter().map(|(file, lines)| {
            let mut lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            lines.sort_by_key(|line| line.get(..10).unwrap_or(line).to_owned());
            (file.as_str(), lines)
        })
    }

    /// How many lines in all.
    pub(crate) fn len(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }

    /// Writes every file once, through the safe writer `log` uses: the lines go at the
    /// end of its log, every other byte is kept. Returns the files written. A file that
    /// cannot take its lines stops the run with the files written so far named.
    pub(crate) fn write(&self, repo: &Repository) -> Result<Vec<String>, WriteError> {
        let mut written = Vec::new();
        for (file, lines) in self.files() {
            let path = repo.root.join(file);
            write::update(&path, |original: &[u8]| {
                let mut text = String::from_utf8_lossy(original).into_owned();
                for line in &lines {
                    text = append_entry(&text, line)
                        .map_err(|error| {
                            WriteError::Io(
                                path.clone(),
                                std::io::Error::new(std::io::ErrorKind::InvalidData, error),
                            )
                        })?
                        .text;
                }
                Ok::<_, WriteError>((text.into_bytes(), ()))
            })?;
            written.push(file.to_owned());
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captured_text_is_inert() {
        for (text, inert_text) in [
            ("Re: thanks", "Re: thanks"),
            (
                "#thanks [[acme]] (x) `c` <script> *b* _i_",
                "\\#thanks \\[\\[acme\\]\\] \\(x\\) \\`c\\` \\<script\\> \\*b\\* \\_i\\_",
            ),
            ("a\\#b", "a\\\\\\#b"),
            ("one\r\ntwo\tthree\u{7}four  ", "one two three four"),
            ("  - [ ] 2026-01-01 x", "- \\[ \\] 2026-01-01 x"),
        ] {
            assert_eq!(inert(text), inert_text, "{text:?}");
        }
    }

    #[test]
    fn inert_text_reads_back_as_no_tag_and_no_link() {
        let hostile = "#thanks [[acme-sre]] \\#agreed [x](acme-sre.md) <b>hi</b> a\\";
        let body = format!("- 2026-11-20 Sent an email: {} #real\n", inert(hostile));
        let mut diagnostics = Vec::new();
        let parsed = crate::model::log::parse_body(&body, 1, "x.md", &mut diagnostics);
        assert_eq!(parsed.entries[0].tags, ["real"]);
        assert!(parsed.entries[0].links.is_empty());
    }

    #[test]
    fn message_ids_round_trip_through_mid_links() {
        for id in ["abc@example.com", "a b(c)%d@x", "ü@例え.jp", "x/y?z#w@h"] {
            let encoded = percent_encode(id);
            assert!(
                !encoded.contains(['(', ')', ' ', '#', '/', '?', '<', '>']),
                "{encoded}"
            );
            assert_eq!(percent_decode(&encoded), id);
        }
        assert_eq!(percent_encode("abc@example.com"), "abc@example.com");
    }
}
