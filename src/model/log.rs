//! The log: dated list items in a Markdown body, with their tags, links and task state.

use super::Task;
use super::front::parse_date;
use super::tags::TagSet;
use crate::diag::Diagnostic;
use chrono::NaiveDate;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// A log item as written, before its links are resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawEntry {
    /// The date at the start of the item.
    pub date: NaiveDate,
    /// The Markdown after the date, on one line.
    pub text: String,
    /// Lowercased tags without `#`, each once, in order of appearance.
    pub tags: Vec<String>,
    /// Those of them that mean something to the rules.
    pub known_tags: TagSet,
    /// Links as `(id, as written)`.
    pub links: Vec<(String, String)>,
    /// Task state.
    pub task: Task,
    /// 1-based file line of the item.
    pub line: usize,
    /// How many items before it in the file have the same date and text (trimmed): what
    /// tells identical tasks apart in their keys (`docs/commands.md`, "Keys").
    pub same_before: u32,
    /// Whether the item begins with its own date: always in a contact's or application's
    /// log; in a journal note, an item without one is dated by the note.
    pub dated: bool,
}

/// What the log parser finds in a body.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ParsedBody {
    /// Every dated item, in order.
    pub entries: Vec<RawEntry>,
    /// Byte offset where the log starts: the `Log` heading, else the first list holding
    /// an entry, else the end. The text before it is an application's synopsis.
    pub log_start: usize,
}

/// The Markdown options goodwill reads bodies with, here and on the dashboard.
pub(crate) fn markdown_options() -> Options {
    Options::ENABLE_TASKLISTS
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
}

struct OpenItem {
    start: usize,
    collecting: bool,
    text_start: Option<usize>,
    text_end: usize,
    plain: String,
    tags: Vec<String>,
    links: Vec<(String, String)>,
    task: Task,
    list_start: usize,
    /// A journal note's paragraph, read as an item.
    paragraph: bool,
}

impl OpenItem {
    /// An item (or, in a journal note, a top-level paragraph) that starts at `start`.
    fn new(start: usize, list_start: usize, paragraph: bool) -> Self {
        OpenItem {
            start,
            collecting: true,
            text_start: None,
            text_end: start,
            plain: String::new(),
            tags: Vec::new(),
            links: Vec::new(),
            task: Task::None,
            list_start,
            paragraph,
        }
    }

    fn touch(&mut self, range: &std::ops::Range<usize>) {
        self.text_start.get_or_insert(range.start);
        self.text_end = self.text_end.max(range.end);
    }
}

/// Parses the log of `body`, which starts on file line `body_line` of `file`; invalid
/// dates become diagnostics.
pub(crate) fn parse_body(
    body: &str,
    body_line: usize,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> ParsedBody {
    parse(body, body_line, file, None, diagnostics)
}

/// Parses a journal note dated `date` (`docs/capture.md`, "Journal folders"): every list
/// item and every paragraph that links something is an entry, dated by the note unless it
/// begins with its own date. Whether a link names a contact or an application is for
/// linking to say; an item that links nothing is an entry only if it has its own date.
pub(crate) fn parse_note(
    body: &str,
    body_line: usize,
    file: &str,
    date: NaiveDate,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RawEntry> {
    parse(body, body_line, file, Some(date), diagnostics).entries
}

/// [`parse_body`], or [`parse_note`] when `note` is the date of a journal note.
fn parse(
    body: &str,
    body_line: usize,
    file: &str,
    note: Option<NaiveDate>,
    diagnostics: &mut Vec<Diagnostic>,
) -> ParsedBody {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of =
        |offset: usize| body_line + line_starts.partition_point(|start| *start <= offset) - 1;

    let mut parsed = ParsedBody {
        entries: Vec::new(),
        log_start: body.len(),
    };
    let mut items: Vec<OpenItem> = Vec::new();
    let mut top_list_start = 0;
    // For each open link: whether its text is a URL (autolinks), where tags never are.
    let mut links: Vec<bool> = Vec::new();
    let mut heading: Option<(usize, String)> = None;

    // How deep the raw HTML met so far nests, until one warning says it is too deep.
    let mut html_depth = Some(0);
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        if let Event::Html(html) | Event::InlineHtml(html) = &event
            && let Some(depth) = html_depth.as_mut()
            && super::html::deepest(html, depth) > super::html::MAX_HTML_DEPTH
        {
            html_depth = None;
            diagnostics.push(Diagnostic::warning(
                file,
                Some(line_of(range.start)),
                format!(
                    "the notes' HTML nests deeper than {} levels: it is shown as text; close the tags you open",
                    super::html::MAX_HTML_DEPTH
                ),
            ));
        }
        if let Some((_, text)) = heading.as_mut()
            && let Event::Text(t) | Event::Code(t) = &event
        {
            text.push_str(t);
        }
        let depth = items.len();
        let paragraph_open = items.last().is_some_and(|item| item.paragraph);
        let top = items.last_mut().filter(|item| item.collecting);
        match event {
            Event::Start(Tag::Item) => {
                let list_start = if depth == 0 {
                    top_list_start
                } else {
                    range.start
                };
                items.push(OpenItem::new(range.start, list_start, false));
            }
            Event::End(end @ (TagEnd::Item | TagEnd::Paragraph))
                if end == TagEnd::Item || paragraph_open =>
            {
                if let Some(item) = items.pop()
                    && let Some(entry) = finish_item(body, item, &line_of, file, note, diagnostics)
                {
                    parsed.log_start = parsed.log_start.min(entry.1);
                    parsed.entries.push(entry.0);
                }
            }
            Event::Start(Tag::List(_)) => {
                if depth == 0 {
                    top_list_start = range.start;
                }
                if let Some(item) = top {
                    item.collecting = false;
                }
            }
            Event::Start(Tag::Heading { .. }) => {
                heading = Some((range.start, String::new()));
                if let Some(item) = top {
                    item.collecting = false;
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, text)) = heading.take()
                    && depth == 0
                    && text.trim().eq_ignore_ascii_case("log")
                {
                    parsed.log_start = parsed.log_start.min(start);
                }
            }
            Event::Start(Tag::Paragraph) if note.is_some() && depth == 0 => {
                items.push(OpenItem::new(range.start, range.start, true));
            }
            Event::Start(Tag::Paragraph) => {
                if let Some(item) = top
                    && item.text_start.is_some()
                {
                    item.collecting = false;
                }
            }
            Event::Start(
                Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::HtmlBlock
                | Tag::FootnoteDefinition(_),
            ) => {
                if let Some(item) = top {
                    item.collecting = false;
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(item) = top {
                    item.task = if checked { Task::Done } else { Task::Open };
                }
            }
            Event::Text(text) => {
                if let Some(item) = top {
                    item.touch(&range);
                    if !links.last().copied().unwrap_or(false) {
                        let prev = item.plain.chars().last();
                        // `\#thanks` is Markdown's escape: a `#`, not a tag
                        // (`docs/format.md`); the parser starts a text at the `#`, right
                        // after the backslash it consumed.
                        let escaped = text.starts_with('#')
                            && body.as_bytes().get(range.start.wrapping_sub(1)) == Some(&b'\\');
                        match escaped {
                            true => scan_tags(&text[1..], Some('#'), &mut item.tags),
                            false => scan_tags(&text, prev, &mut item.tags),
                        }
                    }
                    item.plain.push_str(&text);
                }
            }
            Event::Code(code) => {
                if let Some(item) = top {
                    item.touch(&range);
                    item.plain.push('`');
                    item.plain.push_str(&code);
                    item.plain.push('`');
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(item) = top {
                    item.touch(&range);
                    item.plain.push(' ');
                }
            }
            Event::InlineHtml(_) | Event::InlineMath(_) | Event::FootnoteReference(_) => {
                if let Some(item) = top {
                    item.touch(&range);
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                links.push(matches!(link_type, LinkType::Autolink | LinkType::Email));
                if let Some(item) = top {
                    item.touch(&range);
                    if let Some(id) = file_link(link_type, &dest_url)
                        && !item.links.iter().any(|(seen, _)| *seen == id)
                    {
                        item.links.push((id, dest_url.into_string()));
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                links.pop();
            }
            Event::Start(_) => {
                if let Some(item) = top {
                    item.touch(&range);
                }
            }
            _ => {}
        }
    }
    count_same(&mut parsed.entries);
    parsed
}

/// Sets each entry's [`RawEntry::same_before`].
fn count_same(entries: &mut [RawEntry]) {
    let mut seen: std::collections::HashMap<(NaiveDate, String), u32> =
        std::collections::HashMap::new();
    for entry in entries {
        let count = seen
            .entry((entry.date, entry.text.trim().to_owned()))
            .or_insert(0);
        entry.same_before = *count;
        *count += 1;
    }
}

/// The id a link points at, if it points at a file in the repository: any wikilink, or a
/// Markdown link to a `.md` file that is not on another site.
fn file_link(link_type: LinkType, dest: &str) -> Option<String> {
    if matches!(link_type, LinkType::WikiLink { .. }) {
        let id = crate::id::link_target(dest);
        return (!id.is_empty()).then_some(id);
    }
    if matches!(link_type, LinkType::Autolink | LinkType::Email)
        || dest.contains("://")
        || has_scheme(dest)
    {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    let is_markdown = path.len() > 3
        && path.is_char_boundary(path.len() - 3)
        && path[path.len() - 3..].eq_ignore_ascii_case(".md");
    let id = crate::id::link_target(path);
    (is_markdown && !id.is_empty()).then_some(id)
}

/// Whether `dest` starts with a URL scheme of two letters or more (`mailto:`, and the
/// `mid:` and `ics:` keys of captured touches, `docs/capture.md`): no file, however it
/// ends. (`C:/notes.md` is a path.)
fn has_scheme(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() >= 2
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// An entry and where its list starts, if the item begins with a date.
fn finish_item(
    body: &str,
    item: OpenItem,
    line_of: &impl Fn(usize) -> usize,
    file: &str,
    note: Option<NaiveDate>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(RawEntry, usize)> {
    let plain = item.plain.trim_start();
    let word = plain.split_whitespace().next()?;
    let word = word.trim_end_matches([':', ',', '.', ';']);
    // A nested item indented with a tab can start its range at the end of the line
    // above: its line is the one its marker is on.
    let start = item.start + (body[item.start..].len() - body[item.start..].trim_start().len());
    let line = line_of(start);
    if !looks_like_date(word) {
        // In a journal note, an undated item that links something is dated by the note;
        // `- [-]` is a cancelled task (`docs/format.md`), neither a task nor an entry.
        let date = note.filter(|_| !item.links.is_empty() && !plain.starts_with("[-]"))?;
        let source = item
            .text_start
            .map_or("", |start| &body[start..item.text_end]);
        return Some((
            RawEntry {
                date,
                text: one_line(source),
                known_tags: TagSet::among(&item.tags),
                tags: item.tags,
                links: item.links,
                task: item.task,
                line,
                same_before: 0,
                dated: false,
            },
            item.list_start,
        ));
    }
    let Some(date) = parse_date(word) else {
        diagnostics.push(Diagnostic::error(
            file,
            Some(line),
            format!("invalid date `{word}` in log entry: write a real date as YYYY-MM-DD"),
        ));
        return None;
    };
    let source = item
        .text_start
        .map_or("", |start| &body[start..item.text_end]);
    let rest = match source.trim_start().strip_prefix(word) {
        Some(rest) => rest.to_owned(),
        None => plain[word.len()..].to_owned(),
    };
    let text = one_line(rest.trim_start_matches([':', ',', '.', ';']));
    Some((
        RawEntry {
            date,
            text,
            known_tags: TagSet::among(&item.tags),
            tags: item.tags,
            links: item.links,
            task: item.task,
            line,
            same_before: 0,
            dated: true,
        },
        item.list_start,
    ))
}

/// The lines of `text`, trimmed and joined by one space.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `YYYY-M-D`-like words: four digits, a dash, digits, a dash, digits.
fn looks_like_date(word: &str) -> bool {
    let mut parts = word.split('-');
    let year = parts.next().unwrap_or("");
    let (Some(month), Some(day), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    year.len() == 4
        && [year, month, day].iter().all(|part| {
            !part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Adds the tags in `text` to `tags` (lowercased, each once). A tag is `#`, a letter, then
/// letters, digits, `-`, `_` or `/`, and starts a word: `page#anchor` in a URL is no tag.
/// `prev` is the character before `text`, if any.
pub(crate) fn scan_tags(text: &str, prev: Option<char>, tags: &mut Vec<String>) {
    if !text.contains('#') {
        return;
    }
    let mut before = prev;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let starts_word = before.is_none_or(|b| {
            b.is_whitespace()
                || matches!(
                    b,
                    '(' | '[' | '{' | ',' | ';' | ':' | '\'' | '"' | '*' | '_' | '~'
                )
        });
        before = Some(c);
        if c != '#' || !starts_word {
            continue;
        }
        let Some(&(_, first)) = chars.peek() else {
            break;
        };
        if !first.is_alphabetic() {
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while let Some(&(j, next)) = chars.peek() {
            if next.is_alphanumeric() || matches!(next, '-' | '_' | '/') {
                end = j + next.len_utf8();
                before = Some(next);
                chars.next();
            } else {
                break;
            }
        }
        let tag = text[start..end].to_lowercase();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> (ParsedBody, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let parsed = parse_body(body, 5, "contacts/jane.md", &mut diagnostics);
        (parsed, diagnostics)
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn reads_entries_tags_links_and_lines() {
        let body = "Notes about Jane.\n\n## Log\n- 2026-10-02 Agreed to be my reference, prefers email #agreed\n- 2026-10-21 Sent resume #heads-up [[acme-sre]] and [notes](../applications/Beta%20Co.md)\n";
        let (parsed, diagnostics) = parse(body);
        assert!(diagnostics.is_empty());
        assert_eq!(parsed.entries.len(), 2);
        let first = &parsed.entries[0];
        assert_eq!(first.date, date("2026-10-02"));
        assert_eq!(first.line, 8);
        assert_eq!(first.tags, ["agreed"]);
        assert_eq!(
            first.text,
            "Agreed to be my reference, prefers email #agreed"
        );
        let second = &parsed.entries[1];
        assert_eq!(second.tags, ["heads-up"]);
        let ids: Vec<&str> = second.links.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["acme-sre", "beta-co"]);
        assert_eq!(&body[parsed.log_start..parsed.log_start + 6], "## Log");
    }

    #[test]
    fn tasks_open_and_done() {
        let (parsed, _) = parse(
            "- [ ] 2026-12-01 Send her my write-up #cheesecake\n- [x] 2026-11-01 Done thing\n- [ ] no date\n",
        );
        assert_eq!(parsed.entries.len(), 2);
        assert_eq!(parsed.entries[0].task, Task::Open);
        assert_eq!(parsed.entries[0].text, "Send her my write-up #cheesecake");
        assert_eq!(parsed.entries[1].task, Task::Done);
    }

    #[test]
    fn tags_not_in_code_or_urls() {
        let (parsed, _) = parse(
            "- 2026-10-02 `#notatag` see https://example.com/page#anchor and <https://example.com/#x> #Thanks #gift, (#intro) #1st #a/b_c-d\n",
        );
        assert_eq!(
            parsed.entries[0].tags,
            ["thanks", "gift", "intro", "a/b_c-d"]
        );
    }

    #[test]
    fn escaped_hashes_and_brackets_are_neither_tags_nor_links() {
        let (parsed, _) =
            parse("- 2026-01-01 Re: \\#thanks \\[\\[acme\\]\\] a\\#b (\\#intro) #real\n");
        assert_eq!(parsed.entries[0].tags, ["real"]);
        assert!(parsed.entries[0].links.is_empty());
    }

    #[test]
    fn invalid_dates_are_errors_with_their_line() {
        let (parsed, diagnostics) =
            parse("text\n\n- 2026-02-30 Called her\n- 2026-2-3 Called\n- 12345 not a date\n");
        assert!(parsed.entries.is_empty());
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(diagnostics[0].line, Some(7));
        assert!(diagnostics[0].message.contains("`2026-02-30`"));
        assert_eq!(diagnostics[1].line, Some(8));
    }

    #[test]
    fn nested_items_indented_with_tabs_are_on_their_own_lines() {
        let (parsed, _) =
            parse("## Log\n- Parent\n\t- [ ] 2026-11-14 First\n\t- 2026-10-29 Second\n");
        let lines: Vec<usize> = parsed.entries.iter().map(|e| e.line).collect();
        assert_eq!(lines, [7, 8]);
    }

    #[test]
    fn nested_items_and_multiline_text() {
        let (parsed, _) = parse(
            "- 2026-10-01 Lunch with her\n  and her team #thanks\n  - 2026-10-02 Nested #intro\n",
        );
        assert_eq!(parsed.entries.len(), 2);
        let outer = parsed
            .entries
            .iter()
            .find(|e| e.date == date("2026-10-01"))
            .expect("outer");
        assert_eq!(outer.text, "Lunch with her and her team #thanks");
        assert_eq!(outer.tags, ["thanks"]);
        let nested = parsed
            .entries
            .iter()
            .find(|e| e.date == date("2026-10-02"))
            .expect("nested");
        assert_eq!(nested.tags, ["intro"]);
        assert_eq!(nested.line, 7);
    }

    #[test]
    fn no_log_means_whole_body_is_synopsis() {
        let (parsed, _) = parse("Just a synopsis.\n");
        assert_eq!(parsed.log_start, "Just a synopsis.\n".len());
    }

    #[test]
    fn hostile_markdown_does_not_hang() {
        let deep = format!("{}- 2026-01-01 deep\n", "> ".repeat(5_000));
        let _ = parse(&deep);
        let many = "- [[a]] ".repeat(10_000);
        let _ = parse(&many);
    }
}
