//! The Done, Skip and Later buttons of `serve`: a form after every served message and
//! action that writes exactly what `goodwill done KEY`, `skip KEY` and `later KEY DATE`
//! write (`docs/dashboard.md`, "Buttons").
//!
//! The files `build` writes carry no button and no token: `serve` adds both to each page
//! as it answers, after each settle line a page holds: `<p class="settle" data-key="KEY">`
//! for one action, `<p class="settle message-settle" data-key="KEY">` for a whole message.
//! A POST is accepted only with the random token made for this run, from the server's
//! own origin (`Origin` and `Host` checked), for a key that is open now; anything else is
//! refused with a 4xx and writes nothing. A key settled today already (a double click, a
//! replayed POST) writes nothing and sends the browser back.

use crate::render::route::Route;
use crate::write::lines::Verb;
use crate::write::settle::{self, Loaded, Request as SettleRequest, Settlement, Stop};
use chrono::NaiveDate;
use std::path::Path;

/// Where the Done button posts.
pub(crate) const DONE_PATH: &str = "/__goodwill/done";
/// Where the Skip button posts.
pub(crate) const SKIP_PATH: &str = "/__goodwill/skip";
/// Where the Later button posts.
pub(crate) const LATER_PATH: &str = "/__goodwill/later";

/// What a POST to `path` asks, if it is one of the buttons' paths: `Later`'s date is
/// read from the form.
pub(crate) fn button_of(path: &str) -> Option<Button> {
    match path {
        DONE_PATH => Some(Button::Done),
        SKIP_PATH => Some(Button::Skip),
        LATER_PATH => Some(Button::Later),
        _ => None,
    }
}

/// The three buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Button {
    /// `goodwill done KEY --note NOTE`.
    Done,
    /// `goodwill skip KEY --note NOTE`.
    Skip,
    /// `goodwill later KEY DATE`.
    Later,
}

/// The longest form body accepted: a key, a one-line note and a page path.
pub(crate) const MAX_FORM_BYTES: usize = 8 * 1024;

/// `html` as `serve` answers it: a Done form after each action's "Sent it?" line, and a
/// page policy that lets forms post to this server. `page` is the page's own path
/// (`/contacts/jane-doe.html`), where the browser returns after a Done.
pub(crate) fn with_done_buttons(html: &str, token: &str, page: &str, today: NaiveDate) -> String {
    // A settle line: `<p class="settle" data-key="KEY">` for an action, and
    // `<p class="settle message-settle" data-key="KEY">` for a whole message.
    const MARK: &str = "<p class=\"settle";
    const KEY: &str = "data-key=\"";
    if !html.contains(MARK) {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + html.matches(MARK).count() * 400);
    let mut rest = html;
    while let Some(at) = rest.find(MARK) {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |end| at + end);
        let tag = &rest[at..tag_end];
        let Some(key_at) = tag.find(KEY) else {
            out.push_str(&rest[..at + MARK.len()]);
            rest = &rest[at + MARK.len()..];
            continue;
        };
        let after_mark = &tag[key_at + KEY.len()..];
        let Some(key_end) = after_mark.find('"') else {
            break;
        };
        let key = &after_mark[..key_end];
        let Some(close) = rest[at..].find("</p>") else {
            break;
        };
        let end = at + close + "</p>".len();
        out.push_str(&rest[..end]);
        if key.bytes().all(|b| b.is_ascii_alphanumeric()) {
            push_form(&mut out, token, key, page, today);
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

fn push_form(out: &mut String, token: &str, key: &str, page: &str, today: NaiveDate) {
    let page = crate::render::templates::escape_html(page);
    // Later is for a day to come.
    let tomorrow = today.succ_opt().unwrap_or(today);
    out.push_str(&format!(
        "<form class=\"done\" method=\"post\" action=\"{DONE_PATH}\">\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\
         <input type=\"hidden\" name=\"key\" value=\"{key}\">\
         <input type=\"hidden\" name=\"back\" value=\"{page}\">\
         <label>Note <input type=\"text\" name=\"note\" maxlength=\"500\" placeholder=\"optional\"></label> \
         <button type=\"submit\">Done</button> \
         <button type=\"submit\" formaction=\"{SKIP_PATH}\">Skip</button> \
         <label>Remind me on <input type=\"date\" name=\"date\" min=\"{tomorrow}\"></label> \
         <button type=\"submit\" formaction=\"{LATER_PATH}\">Later</button></form>"
    ));
}

/// The fields of a Done, Skip or Later form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct DoneForm {
    /// The run's token.
    pub token: String,
    /// The whole key of the message or action.
    pub key: String,
    /// The optional note (Done, Skip).
    pub note: String,
    /// The day to be reminded on (Later): `YYYY-MM-DD`, or a duration from today.
    pub date: String,
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
            "date" => form.date = value,
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

/// Whether `key` is a whole key as the pages carry them: letters and digits only.
pub(crate) fn is_plain_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= 32 && key.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// What the button did: written, or nothing needed writing (a second click).
#[derive(Debug)]
pub(crate) enum Answer {
    /// The lines written, and a warning from `[git] commit`.
    Written(Settlement, Option<String>),
    /// Settled (or put off) already: the title.
    Already(String),
}

/// Writes what the button asks for the message or action whose whole key the form
/// names, if it is open now: the same plan and the same safe writer as `goodwill done`,
/// `skip` and `later`. Refusals are `(status, message)`.
pub(crate) fn settle(
    root: &Path,
    today: NaiveDate,
    button: Button,
    form: &DoneForm,
) -> Result<Answer, (u16, String)> {
    if form.note.contains(['\n', '\r']) {
        return Err((
            400,
            "the note has several lines: a log entry is one line".to_owned(),
        ));
    }
    if !is_plain_key(&form.key) {
        return Err((400, "not a key".to_owned()));
    }
    let note = form.note.trim();
    let note = (!note.is_empty()).then_some(note);
    let verb = match button {
        Button::Done => Verb::Done,
        Button::Skip => Verb::Skip,
        Button::Later => Verb::Later(later_date(&form.date, today)?),
    };
    let request = SettleRequest {
        verb,
        note: if button == Button::Later { None } else { note },
        date: None,
    };
    let loaded = Loaded::open(root, today);
    // Only a whole key, as the pages carry it: a prefix posted by hand names nothing.
    let whole = |full: &str| full == form.key;
    let outcome = &loaded.outcome;
    let open = outcome.keys.iter().any(|k| whole(&k.full))
        || outcome.messages.iter().any(|m| whole(&m.key.full));
    let result = if open {
        settle::target(&loaded, &form.key, today)
            .and_then(|keyed| settle::settle(&loaded, keyed, &request, today))
    } else {
        match settle::target(&loaded, &form.key, today) {
            Err(Stop::Already(title)) => Err(Stop::Already(title)),
            _ => {
                return Err((
                    409,
                    "that message or action is not open any more: reload the page".to_owned(),
                ));
            }
        }
    };
    match result {
        Ok((settlement, warning)) => Ok(Answer::Written(settlement, warning)),
        Err(Stop::Already(title)) => Ok(Answer::Already(title)),
        Err(Stop::Refused(error)) => Err((409, error.to_string())),
    }
}

/// The day a Later form asks for: a date, or a duration from today.
fn later_date(text: &str, today: NaiveDate) -> Result<NaiveDate, (u16, String)> {
    let text = text.trim();
    if text.is_empty() {
        return Err((400, "pick the day to be reminded on".to_owned()));
    }
    crate::model::parse_date(text)
        .or_else(|| {
            text.parse::<crate::duration::Duration>()
                .ok()
                .map(|d| d.after(today))
        })
        .ok_or_else(|| {
            (
                400,
                format!("`{text}` is not a date (YYYY-MM-DD) or a duration"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_follow_each_settle_line_and_the_policy_allows_them() {
        let html = "<meta content=\"default-src 'none'; form-action 'none'\">\
            <p class=\"settle\" data-key=\"abc123\">Sent it?</p><p class=\"settle\" data-key=\"x&quot;y\">No</p>\
            <p class=\"settle message-settle\" data-key=\"whole1\">All of it?</p><p class=\"settlement\">x</p>";
        let served = with_done_buttons(
            html,
            "t0k",
            "/contacts/a.html",
            NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
        );
        assert!(served.contains("form-action 'self'"));
        assert_eq!(
            served.matches("<form").count(),
            2,
            "an action's line and a whole message's get a form; a key that is not plain, and \
             a paragraph that is no settle line, get none"
        );
        assert!(served.contains("All of it?</p><form class=\"done\""));
        assert!(served.contains("name=\"key\" value=\"whole1\""));
        assert!(served.contains("name=\"token\" value=\"t0k\""));
        assert!(served.contains("name=\"key\" value=\"abc123\""));
        assert!(served.contains("name=\"back\" value=\"/contacts/a.html\""));
        assert!(served.contains(&format!("formaction=\"{SKIP_PATH}\"")));
        assert!(served.contains(&format!("formaction=\"{LATER_PATH}\"")));
        assert!(served.contains("type=\"date\" name=\"date\" min=\"2026-11-23\""));
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        assert_eq!(
            with_done_buttons("<p>plain</p>", "t", "/", day),
            "<p>plain</p>"
        );
    }

    #[test]
    fn forms_parse_and_bad_ones_are_refused() {
        let form = parse_form(b"token=ab&key=k1&note=Sent+it%21+%C3%A9&back=%2Findex.html")
            .expect("a form");
        assert_eq!(form.note, "Sent it! é");
        assert_eq!(form.back, "/index.html");
        let later = parse_form(b"token=ab&key=k1&date=2026-12-01").expect("a form");
        assert_eq!(later.date, "2026-12-01");
        assert_eq!(button_of(LATER_PATH), Some(Button::Later));
        assert_eq!(button_of("/__goodwill/other"), None);
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
