//! Notes as HTML: pulldown-cmark with goodwill's Markdown options, links to contacts and
//! applications pointed at their pages, and everything sanitised by ammonia.

use super::route::Route;
use super::templates::escape_html;
use crate::model::{Repository, Target};
use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::LazyLock;

/// The sanitiser: ammonia's safe defaults, less images (nothing may load from other
/// sites), plus the disabled checkboxes of task lists.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .rm_tags(["img"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| {
            // The only input a note may hold is a task-list checkbox.
            if element == "input" && attribute == "type" && value != "checkbox" {
                return None;
            }
            Some(value.into())
        });
    builder
});

/// Renders a Markdown body as sanitised HTML for a page `prefix` away from the site root
/// (`""`, `"../"`, …).
pub(crate) fn block(text: &str, repo: &Repository, prefix: &str) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    let (mut html, raw) = to_html(text, repo, prefix, false);
    if raw && crate::model::html::too_deep(&html) {
        // The sanitiser's parser would take time in proportion to the depth for every tag:
        // show the notes' HTML as text instead (`check` warns about it).
        html = to_html(text, repo, prefix, true).0;
        if crate::model::html::too_deep(&html) {
            // Markdown's own nesting (quotes in quotes) is too deep as well.
            return format!("<pre>{}</pre>\n", escape_html(text));
        }
    }
    if raw {
        SANITIZER.clean(&html).to_string()
    } else {
        html
    }
}

/// Renders one line of Markdown (a log entry) as sanitised inline HTML.
pub(crate) fn inline(text: &str, repo: &Repository, prefix: &str) -> String {
    // Most entries are plain words and tags: escaping them is all they need, and it is far
    // cheaper than parsing and sanitising.
    if !text.contains([
        '<', '>', '&', '[', ']', '*', '_', '`', '~', '\\', '!', '|', '"',
    ]) {
        return escape_html(text);
    }
    let html = block(text, repo, prefix);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => html,
    }
}

/// Markdown to unsanitised HTML, with links to other files rewritten, and whether it holds
/// anything the sanitiser must see: raw HTML, an image, or a link that goodwill did not
/// make. Without those, every byte is pulldown-cmark's escaped text and goodwill's own
/// links to pages, and sanitising (the costliest step by far) can be skipped. With
/// `html_as_text`, raw HTML is shown as the text it is.
fn to_html(text: &str, repo: &Repository, prefix: &str, html_as_text: bool) -> (String, bool) {
    let mut raw = false;
    let parser = Parser::new_ext(text, crate::model::log::markdown_options());
    // Links to files that are not pages lose their link but keep their text.
    let mut dropped: Vec<bool> = Vec::new();
    // A bare `[[jane-doe]]` shows the name of what it links to, not the id.
    let mut label: Option<String> = None;
    let events = parser.filter_map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let wikilink = matches!(link_type, LinkType::WikiLink { .. });
            if !wikilink && !is_md_link(&dest_url) {
                raw = true;
                dropped.push(false);
                return Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            match page_url(repo, &dest_url, prefix) {
                Some((url, name)) => {
                    dropped.push(false);
                    if matches!(link_type, LinkType::WikiLink { has_pothole: false }) {
                        label = Some(name);
                    }
                    Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(url),
                        title,
                        id,
                    }))
                }
                None => {
                    dropped.push(true);
                    None
                }
            }
        }
        Event::Text(text) if label.is_some() => {
            // Text after the first piece of a bare wikilink's label is dropped.
            Some(Event::Text(CowStr::from(
                label.take().unwrap_or_else(|| text.to_string()),
            )))
        }
        Event::End(TagEnd::Link) => {
            label = None;
            if dropped.pop().unwrap_or(false) {
                None
            } else {
                Some(Event::End(TagEnd::Link))
            }
        }
        // A checkbox needs a name for assistive technology: say what it means.
        Event::TaskListMarker(done) => Some(Event::InlineHtml(CowStr::from(if done {
            r#"<input disabled="" type="checkbox" checked="" aria-label="done">"#
        } else {
            r#"<input disabled="" type="checkbox" aria-label="not done">"#
        }))),
        Event::Html(html) | Event::InlineHtml(html) if html_as_text => {
            raw = true;
            Some(Event::Text(html))
        }
        other => {
            if matches!(
                other,
                Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Image { .. })
            ) {
                raw = true;
            }
            Some(other)
        }
    });
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    (html, raw)
}

/// A relative link to a Markdown file: `jane-doe.md`, `../contacts/Jane Doe.md#log`.
fn is_md_link(dest: &str) -> bool {
    if dest.contains("://") || dest.starts_with("mailto:") {
        return false;
    }
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    crate::id::strip_md_extension(path).len() != path.len()
}

/// The page of the contact or application a link names, if it has one, and its name.
fn page_url(repo: &Repository, link: &str, prefix: &str) -> Option<(String, String)> {
    let id = crate::id::link_target(link);
    match repo.target(&id)? {
        Target::Contact(c) => {
            let contact = &repo.contacts[c];
            Some((
                format!("{prefix}{}", Route::Contact(&contact.id).path()),
                contact.name.clone(),
            ))
        }
        Target::Application(a) => {
            let application = &repo.applications[a];
            Some((
                format!("{prefix}{}", Route::Application(&application.id).path()),
                application.title(),
            ))
        }
        Target::Broken => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> Repository {
        let dir = std::env::temp_dir().join("goodwill-markdown-test-empty");
        crate::model::assemble(dir, Default::default(), Vec::new(), Vec::new())
    }

    #[test]
    fn hostile_markup_is_removed() {
        let repo = repo();
        for (input, forbidden) in [
            ("<script>alert(1)</script>", "<script"),
            ("<img src=x onerror=alert(1)>", "onerror"),
            ("[x](javascript:alert(1))", "javascript:"),
            ("<a href=\"javascript:alert(1)\">x</a>", "javascript:"),
            ("<svg onload=alert(1)>", "onload"),
            ("<input type=text autofocus onfocus=alert(1)>", "onfocus"),
            ("<iframe src=//evil.example></iframe>", "<iframe"),
            ("![x](javascript:alert(1))", "javascript:"),
            ("<javascript:alert(1)>", "href=\"javascript"),
            ("[x]: javascript:alert(1)\n\n[x]", "javascript:"),
            ("[[x|y]] <b onclick=alert(1)>b</b>", "onclick"),
            ("`<script>` in code", "<script"),
        ] {
            let html = block(input, &repo, "");
            assert!(!html.contains(forbidden), "{input} gave {html}");
        }
    }

    #[test]
    fn html_nested_too_deep_is_shown_as_text() {
        let repo = repo();
        let deep = format!("Before.\n\n{}\n", "<div>".repeat(100_000));
        let html = block(&deep, &repo, "");
        assert!(html.starts_with("<p>Before.</p>"), "{}", &html[..100]);
        assert!(!html.contains("<div>") && html.contains("&lt;div&gt;"));
        // Markdown nesting too deep as well: the notes are shown as they are written.
        let quotes = format!("<b>x</b>\n\n{} x\n", ">".repeat(2_000));
        let html = block(&quotes, &repo, "");
        assert!(html.starts_with("<pre>&lt;b&gt;x"), "{}", &html[..100]);
        // Shallow HTML, however long, is HTML.
        let wide = "<div>x</div>".repeat(10_000);
        assert_eq!(block(&wide, &repo, "").matches("<div>").count(), 10_000);
    }

    #[test]
    fn task_lists_keep_their_checkboxes() {
        let html = block("- [x] done\n- [ ] open\n", &repo(), "");
        assert!(
            html.contains(r#"<input disabled="" type="checkbox" checked="" aria-label="done">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<input disabled="" type="checkbox" aria-label="not done">"#),
            "{html}"
        );
        // The same when raw HTML sends the note through the sanitiser.
        let html = block("<b>x</b>\n\n- [x] done\n", &repo(), "");
        assert!(html.contains("aria-label=\"done\""), "{html}");
    }

    #[test]
    fn inline_text_is_escaped_and_unwrapped() {
        let repo = repo();
        assert_eq!(
            inline("Met for coffee #intro", &repo, ""),
            "Met for coffee #intro"
        );
        assert_eq!(inline("a < b", &repo, ""), "a &lt; b");
        assert_eq!(
            inline("**big** news", &repo, ""),
            "<strong>big</strong> news"
        );
    }

    #[test]
    fn unknown_wikilinks_keep_their_text_only() {
        let html = inline("Talked to [[Nobody Here]]", &repo(), "");
        assert!(!html.contains("<a"), "{html}");
        assert!(html.contains("Nobody Here"), "{html}");
    }

    #[test]
    fn wikilinks_to_pages_show_names() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(dir.path().join("contacts")).expect("mkdir");
        std::fs::write(
            dir.path().join("contacts/jane-doe.md"),
            "---\nname: Jane Doe\n---\n",
        )
        .expect("write");
        let repo = crate::open(dir.path());
        let html = inline(
            "Met [[jane-doe]] and [[Jane Doe|her]], see [x](../contacts/jane-doe.md)",
            &repo,
            "../",
        );
        assert_eq!(
            html,
            "Met <a href=\"../contacts/jane-doe.html\">Jane Doe</a> and <a href=\"../contacts/jane-doe.html\">her</a>, see <a href=\"../contacts/jane-doe.html\">x</a>"
        );
    }

    #[test]
    fn md_links_are_recognised() {
        assert!(is_md_link("../contacts/jane-doe.md"));
        assert!(is_md_link("jane.MD#log"));
        assert!(!is_md_link("https://example.com/a.md"));
        assert!(!is_md_link("notes.txt"));
    }
}
