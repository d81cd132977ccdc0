//! Splitting a file into YAML front matter and Markdown body.
//!
//! We find the `---` lines ourselves rather than through `gray_matter`, which does not see
//! front matter after a byte-order mark, treats front matter that is never closed as body,
//! and trims the text so line numbers are lost.

/// The largest front matter goodwill parses.
pub(crate) const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// A file's two parts, borrowed from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parts<'a> {
    /// The YAML between the `---` lines (starts on file line 2).
    pub front: &'a str,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// The file line the body starts on.
    pub body_line: usize,
}

/// Why a file has no usable front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    /// 1-based file line.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// `line N: message`, as in the diagnostics and in the refusals of the writers.
impl std::fmt::Display for SplitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for SplitError {}

/// Splits `text`; a leading UTF-8 byte-order mark is skipped.
pub(crate) fn split(text: &str) -> Result<Parts<'_>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_delimiter(first) {
        return Err(SplitError {
            line: 1,
            message: "missing front matter: start the file with a `---` line, the keys, and another `---` line"
                .to_owned(),
        });
    }
    let front_start = first.len();
    let mut offset = front_start;
    let mut line = 1;
    for current in lines {
        line += 1;
        if is_delimiter(current) {
            let front = &text[front_start..offset];
            if front.len() > MAX_FRONT_MATTER_BYTES {
                return Err(too_large());
            }
            return Ok(Parts {
                front,
                body: &text[offset + current.len()..],
                body_line: line + 1,
            });
        }
        offset += current.len();
        if offset - front_start > MAX_FRONT_MATTER_BYTES {
            return Err(too_large());
        }
    }
    Err(SplitError {
        line: 1,
        message: "front matter opened here is never closed: add a `---` line after the last key"
            .to_owned(),
    })
}

fn too_large() -> SplitError {
    SplitError {
        line: 1,
        message: "front matter is over 64 KiB: keep notes in the body, below the closing `---`"
            .to_owned(),
    }
}

fn is_delimiter(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == "---"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body_with_lines() {
        let parts = split("---\nname: Jane\n---\n# Notes\n").expect("valid");
        assert_eq!(parts.front, "name: Jane\n");
        assert_eq!(parts.body, "# Notes\n");
        assert_eq!(parts.body_line, 4);
    }

    #[test]
    fn skips_bom_and_handles_crlf() {
        let parts = split("\u{feff}---\r\nname: Jane\r\n---\r\nbody").expect("valid");
        assert_eq!(parts.front, "name: Jane\r\n");
        assert_eq!(parts.body, "body");
    }

    #[test]
    fn closing_line_at_end_of_file() {
        let parts = split("---\nname: Jane\n---").expect("valid");
        assert_eq!(parts.body, "");
    }

    #[test]
    fn refuses_missing_and_unclosed_front_matter() {
        assert_eq!(split("# Jane\n").expect_err("missing").line, 1);
        assert_eq!(split("").expect_err("empty").line, 1);
        let unclosed = split("---\nname: Jane\n\nNotes about Jane\n").expect_err("unclosed");
        assert!(unclosed.message.contains("never closed"));
    }

    #[test]
    fn refuses_huge_front_matter() {
        let huge = format!("---\n{}", "a: b\n".repeat(20_000));
        assert!(split(&huge).expect_err("huge").message.contains("64 KiB"));
    }
}
