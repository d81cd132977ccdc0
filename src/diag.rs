//! Diagnostics: one problem in one file, with a line where one applies.

use serde::Serialize;
use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
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
pub(crate) struct Diagnostic {
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
    pub(crate) fn error(
        file: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// A warning in `file` at `line`.
    pub(crate) fn warning(
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
    pub(crate) fn is_error(&self) -> bool {
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
pub(crate) fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
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

/// `text` made safe as [`terminal_safe`] makes it, keeping its line breaks and tabs: for
/// everything goodwill prints, which holds names and notes from other people's files.
pub fn terminal_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            line.split('\t')
                .map(terminal_safe)
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    std::borrow::Cow::Owned(lines.join("\n"))
}

/// Sorts diagnostics by file, then line, then severity, so output is stable.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.severity, &a.message).cmp(&(&b.file, b.line, b.severity, &b.message))
    });
}

/// A ` (did you mean `x`?)` hint, or nothing when no candidate is close.
pub(crate) fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    match closest(wrong, candidates) {
        Some(best) => format!(" (did you mean `{best}`?)"),
        None => String::new(),
    }
}

/// The candidate closest to `wrong`, if any is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wrong_len = wrong.chars().count();
    let typo = |candidate: &str| {
        // Cheap length filter first: most ids are nowhere near the right length.
        let len = candidate.chars().count();
        if len.abs_diff(wrong_len) > 3 + wrong_len / 3 {
            return None;
        }
        let score = similarity(wrong, candidate);
        let close = score >= 0.85
            || strsim::damerau_levenshtein(wrong, candidate) <= 2.min(wrong_len / 3 + 1);
        close.then_some(score)
    };
    ranked(candidates, 1, typo).into_iter().next()
}

/// Up to `n` candidates that look like `wrong`, best first: for "no such id" errors, where
/// the user may have misremembered rather than mistyped.
pub(crate) fn nearest<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    ranked(candidates, n, |candidate| {
        let score = similarity(wrong, candidate);
        (score >= 0.7).then_some(score)
    })
}

/// ` (nearest: `a`, `b`)` for the [`nearest`] three, or nothing.
pub(crate) fn nearest_hint<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    let near = nearest(wrong, candidates, 3);
    if near.is_empty() {
        return String::new();
    }
    let list: Vec<String> = near.iter().map(|id| format!("`{id}`")).collect();
    format!(" (nearest: {})", list.join(", "))
}

/// The indices of the `n` candidates fewest edits away from `wanted`, however far, nearest
/// first (ties in order): for keys, whose typos are rarely close to any word.
pub(crate) fn fewest_edits<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<usize> {
    let mut by_distance: Vec<(usize, usize)> = candidates
        .into_iter()
        .enumerate()
        .map(|(i, candidate)| (strsim::levenshtein(wanted, candidate), i))
        .collect();
    by_distance.sort_unstable();
    by_distance.into_iter().take(n).map(|(_, i)| i).collect()
}

/// How alike two words look, from 0 to 1: the one measure [`closest`] and [`nearest`] rank by.
fn similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

/// Up to `n` of the candidates that `score` gives a score, highest first, then by name.
fn ranked<'a>(
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
    score: impl Fn(&str) -> Option<f64>,
) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| Some((score(candidate)?, candidate)))
        .collect();
    if n == 1 {
        // The common case, and the one that sees every id: no sort.
        let best = scored
            .into_iter()
            .reduce(|best, next| if better(next, best) { next } else { best });
        return best.map(|(_, candidate)| candidate).into_iter().collect();
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// Whether `a` ranks before `b`: a higher score, or the same and a smaller name.
fn better(a: (f64, &str), b: (f64, &str)) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
}

/// Writes `text` to stderr. Failures are ignored: there is nowhere left to report them,
/// and a closed stderr must not stop a command that has done its work.
pub(crate) fn warn(text: impl fmt::Display) {
    use std::io::Write;
    let text = text.to_string();
    let _ = write!(std::io::stderr().lock(), "{}", terminal_text(&text));
}

/// Prints every diagnostic to stderr as `path:line: severity: message`.
pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic]) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut stderr = stderr.lock();
    for diagnostic in diagnostics {
        let _ = writeln!(stderr, "{}", terminal_safe(&diagnostic.to_string()));
    }
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
    fn terminal_text_keeps_lines_and_tabs() {
        assert_eq!(
            terminal_text("a\tb\n\u{1b}]0;title\u{7}\r\n"),
            "a\tb\n\u{fffd}]0;title\u{fffd}\u{fffd}\n"
        );
        assert!(matches!(
            terminal_text("plain\n"),
            std::borrow::Cow::Borrowed(_)
        ));
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

    #[test]
    fn closest_breaks_a_tie_by_name_whatever_the_order() {
        assert_eq!(closest("ab", ["ac", "aa"]), Some("aa"));
        assert_eq!(closest("ab", ["aa", "ac"]), Some("aa"));
        assert_eq!(closest("x", []), None);
    }

    #[test]
    fn nearest_lists_up_to_n_plausible_ids_best_first() {
        let ids = ["jane-doe", "jane-dow", "john-smith", "zed"];
        assert_eq!(nearest("jane-do", ids, 3), ["jane-doe", "jane-dow"]);
        assert_eq!(nearest("jane-do", ids, 1), ["jane-doe"]);
        assert_eq!(nearest("jane-do", ids, 0), Vec::<&str>::new());
        assert_eq!(
            nearest_hint("jane-do", ids),
            " (nearest: `jane-doe`, `jane-dow`)"
        );
        assert_eq!(nearest_hint("qqqqqqqq", ids), "");
    }

    #[test]
    fn fewest_edits_ranks_however_far_and_keeps_ties_in_order() {
        let keys = ["zzzz", "abcd", "abce", "abcf"];
        assert_eq!(fewest_edits("abcd", keys, 3), [1, 2, 3]);
        assert_eq!(fewest_edits("wxyz", ["qqqq"], 3), [0]);
        assert!(fewest_edits("abcd", [], 3).is_empty());
    }
}
