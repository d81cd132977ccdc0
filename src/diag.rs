//! Diagnostics: one problem in one file, with a line where one applies.

use serde::Serialize;
use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file is left out of the rules until it is fixed.
    Error,
    /// Worth fixing, but the file still counts.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found in the repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Path relative to the root, with `/` separators.
    pub file: String,
    /// 1-based line, where one applies.
    pub line: Option<usize>,
    /// What is wrong and how to fix it, in lower case.
    pub message: String,
}

impl Diagnostic {
    /// An error in `file` at `line`.
    pub fn error(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// A warning in `file` at `line`.
    pub fn warning(
        file: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// Whether this diagnostic is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `path:line: severity: message`, the one format every command prints.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(
                f,
                "{}:{}: {}: {}",
                self.file, line, self.severity, self.message
            ),
            None => write!(f, "{}: {}: {}", self.file, self.severity, self.message),
        }
    }
}

/// `text` with control characters (ESC, BEL, …) shown as `�`, for printing to a terminal:
/// names and notes come from other people's exports, and an escape sequence in one must
/// not recolour, retitle or hide anything on the user's screen.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Sorts diagnostics by file, then line, then severity, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.severity, &a.message).cmp(&(&b.file, b.line, b.severity, &b.message))
    });
}

/// A ` (did you mean `x`?)` hint, or nothing when no candidate is close.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match closest(wrong, candidates) {
        Some(best) => format!(" (did you mean `{best}`?)"),
        None => String::new(),
    }
}

/// The candidate closest to `wrong`, if any is close enough to be a likely typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_len = wrong.chars().count();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        // Cheap length filter first: most ids are nowhere near the right length.
        let len = candidate.chars().count();
        if len.abs_diff(wrong_len) > 3 + wrong_len / 3 {
            continue;
        }
        let score = strsim::jaro_winkler(wrong, candidate);
        let close = score >= 0.85
            || strsim::damerau_levenshtein(wrong, candidate) <= 2.min(wrong_len / 3 + 1);
        if close && best.is_none_or(|(s, b)| score > s || (score == s && candidate < b)) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_and_without_line() {
        let d = Diagnostic::error("contacts/bob.md", Some(4), "missing required key `name`");
        assert_eq!(
            d.to_string(),
            "contacts/bob.md:4: error: missing required key `name`"
        );
        let w = Diagnostic::warning("goodwill.toml", None, "x");
        assert_eq!(w.to_string(), "goodwill.toml: warning: x");
    }

    #[test]
    fn terminal_safe_hides_escape_sequences() {
        assert_eq!(
            terminal_safe("Evil\u{1b}[31mRed\u{7}"),
            "Evil\u{fffd}[31mRed\u{fffd}"
        );
        assert!(matches!(
            terminal_safe("Zoë"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn suggests_near_matches_only() {
        let ids = ["jane-doe", "john-smith", "acme-sre"];
        assert_eq!(closest("jane-do", ids), Some("jane-doe"));
        assert_eq!(closest("jnae-doe", ids), Some("jane-doe"));
        assert_eq!(closest("zebra", ids), None);
        assert_eq!(
            did_you_mean("compnay", ["company", "role"]),
            " (did you mean `company`?)"
        );
    }
}
