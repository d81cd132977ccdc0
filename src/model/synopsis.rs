//! The synopsis of an application: the text under its `## Synopsis` heading, up to the
//! next heading (`docs/format.md`, "Applications"). It is the only part of a body that
//! goes to references; everything else is private notes.

use super::log::markdown_options;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The synopsis of `body`, trimmed, or `""` when it has no `Synopsis` heading (of any
/// level, any case). Only the first such section counts. It ends at the next heading, or
/// at a list that holds log entries, whichever comes first: log entries are never part
/// of what references get, even when no `Log` heading sets them apart.
pub(crate) fn synopsis(body: &str) -> &str {
    without_log(section(body))
}

/// `text` up to the first list holding a log entry, trimmed.
fn without_log(text: &str) -> &str {
    let mut ignored = Vec::new();
    let parsed = super::log::parse_body(text, 1, "", &mut ignored);
    let mut end = parsed.log_start.min(text.len());
    // An entry nested in a list takes the whole list with it: the items around it are
    // part of the log too.
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => {
                if depth == 0 && range.contains(&end) {
                    end = range.start;
                    break;
                }
                depth += 1;
            }
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    text[..end].trim()
}

/// The text under the first `Synopsis` heading, up to the next heading.
fn section(body: &str) -> &str {
    let mut heading: Option<String> = None;
    let mut start: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                if let Some(start) = start {
                    return body[start..range.start].trim();
                }
                heading = Some(String::new());
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_))
                if heading
                    .take()
                    .is_some_and(|text| text.trim().eq_ignore_ascii_case("synopsis")) =>
            {
                start = Some(range.end);
            }
            _ => {}
        }
    }
    start.map_or("", |start| body[start..].trim())
}

#[cfg(test)]
mod tests {
    use super::synopsis;

    #[test]
    fn only_the_synopsis_section_is_the_synopsis() {
        let body = "Private: they lowball.\n\n## Synopsis\nRun the platform team.\n\nOn call.\n\n## Notes\nSecret.\n\n## Log\n- 2026-01-01 x\n";
        assert_eq!(synopsis(body), "Run the platform team.\n\nOn call.");
    }

    #[test]
    fn no_heading_means_no_synopsis() {
        assert_eq!(synopsis("Just notes.\n\n## Log\n- 2026-01-01 x\n"), "");
        assert_eq!(synopsis(""), "");
        assert_eq!(synopsis("```\n## Synopsis\n```\nsecret\n"), "");
    }

    #[test]
    fn log_entries_end_the_synopsis_even_without_a_log_heading() {
        let body = "## Synopsis\nRun the platform team.\n\n- Own the SLOs\n\nOn call.\n\n- 2026-09-28 Call SECRET #interview\n- 2026-10-01 More\n";
        assert_eq!(
            synopsis(body),
            "Run the platform team.\n\n- Own the SLOs\n\nOn call."
        );
        let nested = "## Synopsis\nThe role.\n\n- Things\n  - [ ] 2026-11-28 SECRET task\n";
        assert_eq!(synopsis(nested), "The role.");
        let right_below = "## Synopsis\nThe role.\n- 2026-09-28 SECRET\n";
        assert_eq!(synopsis(right_below), "The role.");
        assert_eq!(synopsis("## Synopsis\n- 2026-09-28 SECRET\n"), "");
    }

    #[test]
    fn a_synopsis_at_the_end_runs_to_the_end_and_any_level_counts() {
        assert_eq!(synopsis("notes\n\n### synopsis\nThe role.\n"), "The role.");
        assert_eq!(synopsis("Synopsis\n========\nSetext.\n# Next\n"), "Setext.");
    }
}
