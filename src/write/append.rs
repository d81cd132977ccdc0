//! Appending one entry to the log of a file, keeping every other byte as it was.
//!
//! The entry goes at the end of the list in the `Log` section (right after its last item,
//! even when other text follows the list), under the `Log` heading when the section has no
//! list yet, or into a new `## Log` section at the end of the file. The file's line
//! endings are kept, and a file without a final newline still has none afterwards.

use crate::load::split::{self, SplitError};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::ops::Range;

/// A file's text with the entry added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    /// The whole new text.
    pub text: String,
    /// The 1-based line the entry is on.
    pub line: usize,
}

/// Adds the list item `- {entry}` to the log of `text`, a whole contact or application file.
/// Fails when the file has no front matter to keep apart from the body.
pub fn append_entry(text: &str, entry: &str) -> Result<Appended, SplitError> {
    let parts = split::split(text)?;
    // `split` borrows from `text` (after any byte-order mark), so the body is a suffix.
    let body_start = text.len() - parts.body.len();
    let body = parts.body;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };

    // `prefix` goes before the item: the new heading, when there is none.
    let (at, prefix, item) = match log_section(body) {
        Some(section) => match last_list(body, &section.content) {
            Some(list) => {
                let end = line_end(body, trim_end(body, list.start, list.end));
                let indent = leading_indent(body, list.start);
                let marker = bullet_of(body, list.start);
                (end, String::new(), format!("{indent}{marker} {entry}"))
            }
            None => (
                line_end(body, section.heading_end),
                String::new(),
                format!("- {entry}"),
            ),
        },
        None => {
            let mut prefix = String::new();
            if !body.trim_end().is_empty() && !ends_with_blank_line(body) {
                // Separate the new section from the text above it by one blank line.
                prefix.push_str(newline);
            }
            prefix.push_str("## Log");
            prefix.push_str(newline);
            (body.len(), prefix, format!("- {entry}"))
        }
    };

    let absolute = body_start + at;
    let mut out = String::with_capacity(text.len() + prefix.len() + item.len() + 4);
    out.push_str(&text[..absolute]);
    let at_line_start = absolute == 0 || text[..absolute].ends_with('\n');
    if !at_line_start {
        // The insertion point is the end of a last line that has no newline: start a new
        // line, and leave the file without a final newline as it was.
        out.push_str(newline);
    }
    out.push_str(&prefix);
    let line = out.matches('\n').count() + 1;
    out.push_str(&item);
    if at_line_start {
        out.push_str(newline);
        // Text right below the list (no blank line between) would become a lazy
        // continuation of the new item; one blank line keeps it the paragraph it was.
        let next_line = text[absolute..].split('\n').next().unwrap_or("");
        if !next_line.trim().is_empty() && !starts_block(next_line) {
            out.push_str(newline);
        }
    }
    out.push_str(&text[absolute..]);
    Ok(Appended { text: out, line })
}

/// Whether the body of `text`, a whole contact or application file, has a `Log` section.
pub(crate) fn has_log_section(text: &str) -> bool {
    split::split(text).is_ok_and(|parts| log_section(parts.body).is_some())
}

/// Whether `line` starts something a list item cannot swallow as a lazy continuation:
/// another list item, a heading, a fence, a quote or a thematic break.
fn starts_block(line: &str) -> bool {
    let trimmed = line.trim_start();
    let bullet = trimmed.starts_with(['-', '*', '+']) && trimmed[1..].starts_with([' ', '\t']);
    let ordered = trimmed.split_once(['.', ')']).is_some_and(|(n, rest)| {
        !n.is_empty()
            && n.len() <= 9
            && n.bytes().all(|b| b.is_ascii_digit())
            && rest.starts_with([' ', '\t'])
    });
    bullet
        || ordered
        || trimmed.starts_with(['#', '>', '`', '~', '<', '|'])
        || trimmed.starts_with("***")
        || trimmed.starts_with("___")
}

struct Section {
    /// Offset just past the heading's text (on the heading's line).
    heading_end: usize,
    /// From the heading's end to the next heading of the same or a higher level.
    content: Range<usize>,
}

/// The first top-level heading whose text is `Log`, and the section under it.
fn log_section(body: &str) -> Option<Section> {
    let mut found: Option<(HeadingLevel, usize)> = None;
    let mut heading: Option<(HeadingLevel, usize, String)> = None;
    let mut depth = 0usize;
    for (event, range) in
        Parser::new_ext(body, crate::model::log::markdown_options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if let Some((log_level, heading_end)) = found
                    && level <= log_level
                {
                    return Some(Section {
                        heading_end,
                        content: heading_end..range.start,
                    });
                }
                if depth == 0 {
                    heading = Some((level, range.end, String::new()));
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, collected)) = heading.as_mut() {
                    collected.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, end, text)) = heading.take()
                    && found.is_none()
                    && text.trim().eq_ignore_ascii_case("log")
                {
                    found = Some((level, trim_end(body, range.start, end)));
                }
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => depth += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
    }
    found.map(|(_, heading_end)| Section {
        heading_end,
        content: heading_end..body.len(),
    })
}

/// The range of the last top-level list that starts inside `within`.
fn last_list(body: &str, within: &Range<usize>) -> Option<Range<usize>> {
    let mut depth = 0usize;
    let mut last = None;
    for (event, range) in
        Parser::new_ext(body, crate::model::log::markdown_options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                if depth == 0
                    && matches!(event, Event::Start(Tag::List(_)))
                    && within.contains(&range.start)
                {
                    last = Some(range.start..range.end.min(within.end.max(range.start)));
                }
                depth += 1;
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    last
}

/// `end` moved back over trailing whitespace, but not before `start`.
fn trim_end(body: &str, start: usize, end: usize) -> usize {
    start + body[start..end].trim_end().len()
}

/// The offset just past the newline that ends the line holding `offset - 1`, or the end
/// of the body if that line has no newline.
fn line_end(body: &str, offset: usize) -> usize {
    match body[offset..].find('\n') {
        Some(i) => offset + i + 1,
        None => body.len(),
    }
}

fn line_start(body: &str, offset: usize) -> usize {
    body[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The spaces before the list marker of the list starting at `offset`.
fn leading_indent(body: &str, offset: usize) -> String {
    let start = line_start(body, offset);
    let line = &body[start..];
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    // A list inside a block quote or after other text on its line: no indent to copy.
    if start + indent == offset {
        line[..indent].to_owned()
    } else {
        String::new()
    }
}

/// `-`, `*` or `+`: the bullet of the list at `offset`, `-` for ordered lists.
fn bullet_of(body: &str, offset: usize) -> char {
    body[offset..]
        .chars()
        .next()
        .filter(|c| matches!(c, '*' | '+' | '-'))
        .unwrap_or('-')
}

fn ends_with_blank_line(body: &str) -> bool {
    let trimmed = body.trim_end_matches([' ', '\t']);
    trimmed.ends_with("\n\n") || trimmed.ends_with("\r\n\r\n") || trimmed.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn append(text: &str) -> (String, usize) {
        let appended = append_entry(text, "2026-11-22 Sent thanks #thanks").expect("append");
        (appended.text, appended.line)
    }

    #[test]
    fn appends_in_place() {
        let entry = "2026-11-22 Sent thanks #thanks";
        for (input, expected, line) in [
            // Empty log section.
            (
                "---\nname: A\n---\n\n## Log\n",
                "---\nname: A\n---\n\n## Log\n- {}\n",
                6,
            ),
            // End of an existing list.
            (
                "---\nname: A\n---\n## Log\n- 2026-01-01 a\n- 2026-01-02 b\n",
                "---\nname: A\n---\n## Log\n- 2026-01-01 a\n- 2026-01-02 b\n- {}\n",
                7,
            ),
            // Other content after the list stays after it.
            (
                "---\nname: A\n---\n## Log\n- 2026-01-01 a\n\nlater notes\n\n## Other\ntext\n",
                "---\nname: A\n---\n## Log\n- 2026-01-01 a\n- {}\n\nlater notes\n\n## Other\ntext\n",
                6,
            ),
            // Log section followed by another section, no list.
            (
                "---\nname: A\n---\n## Log\n\n## Notes\nx\n",
                "---\nname: A\n---\n## Log\n- {}\n\n## Notes\nx\n",
                5,
            ),
            // No final newline.
            (
                "---\nname: A\n---\n## Log\n- 2026-01-01 a",
                "---\nname: A\n---\n## Log\n- 2026-01-01 a\n- {}",
                6,
            ),
            // CRLF.
            (
                "---\r\nname: A\r\n---\r\n## Log\r\n- 2026-01-01 a\r\n",
                "---\r\nname: A\r\n---\r\n## Log\r\n- 2026-01-01 a\r\n- {}\r\n",
                6,
            ),
            // No log section: one is added at the end.
            (
                "---\nname: A\n---\nSome notes.\n",
                "---\nname: A\n---\nSome notes.\n\n## Log\n- {}\n",
                7,
            ),
            (
                "---\nname: A\n---\n",
                "---\nname: A\n---\n## Log\n- {}\n",
                5,
            ),
            (
                "---\nname: A\n---\nnotes",
                "---\nname: A\n---\nnotes\n\n## Log\n- {}",
                7,
            ),
            // Star bullets and indented lists keep their style.
            (
                "---\nname: A\n---\n# Log\n* 2026-01-01 a\n  * nested\n",
                "---\nname: A\n---\n# Log\n* 2026-01-01 a\n  * nested\n* {}\n",
                7,
            ),
            // A lower-level heading inside the log section belongs to it.
            (
                "---\nname: A\n---\n## Log\n### 2026\n- 2026-01-01 a\n\n## Notes\n- not log\n",
                "---\nname: A\n---\n## Log\n### 2026\n- 2026-01-01 a\n- {}\n\n## Notes\n- not log\n",
                7,
            ),
        ] {
            let expected = expected.replace("{}", entry);
            assert_eq!(append(input), (expected, line), "{input:?}");
        }
    }

    #[test]
    fn text_right_below_the_list_stays_a_paragraph() {
        let text =
            "---\nname: Carl\n---\n## Log\n- 2026-10-01 met\n  ```\n  code\n  ```\nnot indented\n";
        let appended = append_entry(text, "2026-11-22 second").expect("append");
        assert_eq!(
            appended.text,
            "---\nname: Carl\n---\n## Log\n- 2026-10-01 met\n  ```\n  code\n  ```\n- 2026-11-22 second\n\nnot indented\n"
        );
        // A following heading or item needs no blank line.
        let text = "---\nname: Carl\n---\n## Log\n- 2026-10-01 met\n## Notes\nx\n";
        let appended = append_entry(text, "2026-11-22 second").expect("append");
        assert_eq!(
            appended.text,
            "---\nname: Carl\n---\n## Log\n- 2026-10-01 met\n- 2026-11-22 second\n## Notes\nx\n"
        );
    }

    #[test]
    fn refuses_files_without_front_matter() {
        assert!(append_entry("no front matter\n", "2026-01-01 x").is_err());
    }

    #[test]
    fn the_entry_is_read_back_by_the_log_parser() {
        let input =
            "---\nname: A\n---\nNotes\n\n## Log\n- 2026-01-01 a #x\n\nTrailing paragraph.\n";
        let appended = append_entry(input, "2026-11-22 Sent thanks #thanks").expect("append");
        let parts = split::split(&appended.text).expect("split");
        let mut diagnostics = Vec::new();
        let parsed =
            crate::model::log::parse_body(parts.body, parts.body_line, "x.md", &mut diagnostics);
        assert_eq!(parsed.entries.len(), 2);
        assert_eq!(parsed.entries[1].line, appended.line);
        assert_eq!(parsed.entries[1].tags, ["thanks"]);
    }
}
