//! The Done button of `serve`: a form on every served action that settles it exactly as
//! `goodwill done KEY` does (`docs/commands.md`, "serve").
//!
//! The files `build` writes carry no button and no token: `serve` adds both to each page
//! as it answers. A POST is accepted only with the random token made for this run, from
//! the server's own origin (`Origin` and `Host` checked), for a key that is open now;
//! anything else is refused with a 4xx and writes nothing.

use crate::render::route::Route;
use crate::write::settle::{self, Loaded, Request as SettleRequest, Settlement};
use chrono::NaiveDate;
use std::path::Path;

/// Where the Done button posts.
pub(crate) const DONE_PATH: &str = "/__goodwill/done";

/// The longest form body accepted: a key, a one-line note and a page path.
pub(crate) const MAX_FORM_BYTES: usize = 8 * 1024;

/// `html` as `serve` answers it: a Done form after each action's "Sent it?" line, and a
/// page policy that lets forms post to this server. `page` is the page's own path
/// (`/contacts/jane-doe.html`), where the browser returns after a Done.
pub(crate) fn with_done_buttons(html: &str, token: &str, page: &str) -> String {
    const MARK: &str = "<p class=\"settle\" data-key=\"";
    if !html.contains(MARK) {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + html.matches(MARK).count() * 400);
    let mut rest = html;
    while let Some(at) = rest.find(MARK) {
        let after_mark = &rest[at + MARK.len()..];
        let Some(key_end) = after_mark.find('"') else {
            break;
        };
        let key = &after_mark[..key_end];
        let Some(close) = after_mark.find("</p>") else {
            break;
        };
        let end = at + MARK.len() + close + "</p>".len();
        out.push_str(&rest[..end]);
        if key.bytes().all(|b| b.is_ascii_alphanumeric()) {
            push_form(&mut out, token, key, page);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    // The form posts to this server; a POST carries its origin only when the page's
    // referrer policy lets it (with `no-referrer` it says `null`). Other sites still get
    // no referrer.
    out.replace("form-action 'none'", "form-action 'self'")
        .replace(
            "<meta name=\"referrer\" content=\"no-referrer\">",
            "<meta name=\"referrer\" content=\"same-origin\">",
        )
}

fn push_form(out: &mut String, token: &str, key: &str, page: &str) {
    let page = crate::render::templates::escape_html(page);
    out.push_str(&format!(
        "<form class=\"done\" method=\"post\" action=\"{DONE_PATH}\">\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\
         <input type=\"hidden\" name=\"key\" value=\"{key}\">\
         <input type=\"hidden\" name=\"back\" value=\"{page}\">\
         <label>Note <input type=\"text\" name=\"note\" maxlength=\"500\" placeholder=\"optional\"></label> \
         <button type=\"submit\">Done</button></form>"
    ));
}

/// The fields of a Done form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct DoneForm {
    /// The run's token.
    pub token: String,
    /// The action's whole key.
    pub key: String,
    /// The optional note.
    pub note: String,
    /// The page to return to.
    pub back: String,
}

/// Parses an `application/x-www-form-urlencoded` body; `None` when it is not one.
pub(crate) fn parse_form(body: &[u8]) -> Option<DoneForm> {
    if body.len() > MAX_FORM_BYTES {
        return None;
    }
    let body = std::str::from_utf8(body).ok()?;
    let mut form = DoneForm::default();
    for pair in body.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode_component(value)?;
        match name {
            "token" => form.token = value,
            "key" => form.key = value,
            "note" => form.note = value,
            "back" => form.back = value,
            _ => {}
        }
    }
    Some(form)
}

/// `+` as a space and `%XX` as its byte; `None` for a bad escape or invalid UTF-8.
fn decode_component(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                // Two hex digits: `from_str_radix` alone would take `%+1` as 1.
                let hex = text.get(i + 1..i + 3)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Whether the POST comes from a page of this server: its `Origin` is `http://` and the
/// `Host` the request was sent to (which the caller has already checked is ours).
pub(crate) fn origin_allowed(origin: Option<&str>, host: Option<&str>) -> bool {
    match (origin, host) {
        (Some(origin), Some(host)) => origin.eq_ignore_ascii_case(&format!("http://{host}")),
        _ => false,
    }
}

/// Compares the token in constant time, so its bytes cannot be guessed one by one.
pub(crate) fn token_matches(sent: &str, expected: &str) -> bool {
    sent.len() == expected.len()
        && sent
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

/// Where to send the browser after a Done: the page it came from, if that is a plain
/// path on this server, else the front page.
pub(crate) fn back_to(form: &DoneForm) -> String {
    let back = form.back.as_str();
    let plain = back.starts_with('/')
        && !back.starts_with("//")
        && back
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.'));
    if plain {
        back.to_owned()
    } else {
        format!("/{}", Route::Index.path())
    }
}

/// Settles the action whose whole key the form names, if it is open now: the same plan
/// and the same safe writer as `goodwill done`. Refusals are `(status, message)`.
pub(crate) fn settle(
    root: &Path,
    today: NaiveDate,
    form: &DoneForm,
) -> Result<Settlement, (u16, String)> {
    if form.note.contains(['\n', '\r']) {
        return Err((
            400,
            "the note has several lines: a log entry is one line".to_owned(),
        ));
    }
    let loaded = Loaded::open(root, today);
    let Some(index) = loaded.outcome.position_of_full_key(&form.key) else {
        return Err((
            409,
            "that action is not open any more: reload the page".to_owned(),
        ));
    };
    let note = form.note.trim();
    let request = SettleRequest {
        note: (!note.is_empty()).then_some(note),
        date: None,
    };
    settle::settle(&loaded, index, &request, today).map_err(|r| (409, r.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_follow_each_settle_line_and_the_policy_allows_them() {
        let html = "<meta content=\"default-src 'none'; form-action 'none'\">\
            <p class=\"settle\" data-key=\"abc123\">Sent it?</p><p class=\"settle\" data-key=\"x&quot;y\">No</p>";
        let served = with_done_buttons(html, "t0k", "/contacts/a.html");
        assert!(served.contains("form-action 'self'"));
        assert_eq!(
            served.matches("<form").count(),
            1,
            "a key that is not plain gets no form"
        );
        assert!(served.contains("name=\"token\" value=\"t0k\""));
        assert!(served.contains("name=\"key\" value=\"abc123\""));
        assert!(served.contains("name=\"back\" value=\"/contacts/a.html\""));
        assert_eq!(with_done_buttons("<p>plain</p>", "t", "/"), "<p>plain</p>");
    }

    #[test]
    fn forms_parse_and_bad_ones_are_refused() {
        let form = parse_form(b"token=ab&key=k1&note=Sent+it%21+%C3%A9&back=%2Findex.html")
            .expect("a form");
        assert_eq!(form.note, "Sent it! é");
        assert_eq!(form.back, "/index.html");
        assert_eq!(parse_form(b"note=%ZZ"), None);
        assert_eq!(parse_form(b"note=%FF"), None);
        assert_eq!(parse_form(b"note=%+1"), None);
        assert_eq!(parse_form(b"note=%-1"), None);
        assert_eq!(parse_form(&vec![b'a'; MAX_FORM_BYTES + 1]), None);
    }

    #[test]
    fn only_our_own_origin_and_token_count() {
        assert!(origin_allowed(
            Some("http://127.0.0.1:4000"),
            Some("127.0.0.1:4000")
        ));
        assert!(!origin_allowed(
            Some("http://evil.example"),
            Some("127.0.0.1:4000")
        ));
        assert!(!origin_allowed(None, Some("127.0.0.1:4000")));
        assert!(!origin_allowed(Some("null"), Some("127.0.0.1:4000")));
        assert!(token_matches("abcd", "abcd"));
        assert!(!token_matches("abce", "abcd"));
        assert!(!token_matches("", "abcd"));
        let token = super::super::token().expect("token");
        assert_eq!(token.len(), 32);
        assert_ne!(token, super::super::token().expect("token"));
    }

    #[test]
    fn the_way_back_is_a_plain_path_on_this_server() {
        let back = |b: &str| {
            back_to(&DoneForm {
                back: b.to_owned(),
                ..DoneForm::default()
            })
        };
        assert_eq!(back("/contacts/jane-doe.html"), "/contacts/jane-doe.html");
        assert_eq!(back("//evil.example/x"), "/index.html");
        assert_eq!(back("http://evil.example"), "/index.html");
        assert_eq!(back("/a\r\nSet-Cookie: x"), "/index.html");
    }
}
