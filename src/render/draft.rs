//! Drafts: a ready message for every action but `task`, written from the rule's text
//! template (`site-template/draft-RULE.txt`, replaceable like the pages) and addressed by
//! the contact's `prefers` (`docs/templates.md`, "Drafts").
//!
//! Privacy is structural: a template sees only [`DraftContext`], which holds what is
//! meant to be shared (names, role and company, dates, the synopsis, highlights, talking
//! points, `#question` entries, gift ideas, the owner's name and resume link) and nothing
//! else: no private notes, no other log text.

use super::templates::Templates;
use crate::model::{Application, Contact, Entry, Prefers, Relationship, Repository};
use crate::rules::table::{FAVORS, INTERVIEW, QUESTION};
use crate::rules::{Action, Rule};
use chrono::NaiveDate;
use minijinja::value::Serde;
use serde::Serialize;

/// The longest send link: mail programs and browsers refuse longer `mailto:` links.
pub(crate) const MAX_LINK: usize = 2000;
/// The longest LinkedIn connection note of a free account.
pub(crate) const MAX_LINKEDIN_NOTE: usize = 200;

/// The draft template of every rule that has one, for loading them up front.
pub(crate) const TEMPLATES: [&str; 14] = {
    let mut names = [""; 14];
    let mut i = 0;
    let mut n = 0;
    while i < crate::rules::table::RULES.len() {
        if let Some(name) = crate::rules::table::RULES[i].draft {
            names[n] = name;
            n += 1;
        }
        i += 1;
    }
    names
};

/// How a draft is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Channel {
    /// An email.
    Email,
    /// A text message.
    Text,
    /// A phone call: the draft is the points to make.
    Phone,
    /// A LinkedIn message or connection note.
    Linkedin,
    /// In person: the draft is the points to make.
    InPerson,
    /// No way to reach them is on file.
    None,
}

impl Channel {
    /// The channel's word, for templates and pages.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Text => "text",
            Channel::Phone => "phone",
            Channel::Linkedin => "linkedin",
            Channel::InPerson => "in-person",
            Channel::None => "none",
        }
    }
}

/// What a draft template may use about the person it is addressed to.
#[derive(Debug, Serialize)]
pub(crate) struct PersonContext<'r> {
    /// Full name.
    pub name: &'r str,
    /// First word of the name.
    pub first_name: &'r str,
    /// Where they work now.
    pub company: Option<&'r str>,
    /// Their job title.
    pub title: Option<&'r str>,
    /// What they can speak to about you.
    pub talking_points: &'r [String],
    /// What they would enjoy as a gift.
    pub gift_ideas: Option<&'r str>,
}

/// What a draft template may use about the application.
#[derive(Debug, Serialize)]
pub(crate) struct ApplicationContext<'r> {
    /// The company.
    pub company: &'r str,
    /// The role.
    pub role: &'r str,
    /// `Role at Company`.
    pub title: String,
    /// Its status word.
    pub status: &'static str,
    /// `applied`
    pub applied: Option<NaiveDate>,
    /// `decided`
    pub decided: Option<NaiveDate>,
    /// The `## Synopsis` section, as written.
    pub synopsis: &'r str,
    /// What references should emphasise.
    pub highlights: &'r [String],
}

/// The favour a `thank-favor` draft thanks for.
#[derive(Debug, Serialize)]
pub(crate) struct FavorContext {
    /// In words: `taking the reference call`, `the letter`, `the introduction`, `your help`.
    pub what: &'static str,
    /// When it happened.
    pub date: NaiveDate,
}

/// Every variable a draft template receives (`docs/templates.md`, "Drafts").
#[derive(Debug, Serialize)]
pub(crate) struct DraftContext<'r> {
    /// The rule id.
    pub rule: &'static str,
    /// How it will be sent: `email`, `text`, `phone`, `linkedin`, `in-person`, `none`.
    pub channel: &'static str,
    /// Whether the channel wants a short message (text, LinkedIn).
    pub short: bool,
    /// Whether it will be said rather than written (phone, in person): points to make,
    /// with no sign-off.
    pub spoken: bool,
    /// The owner's name (`owner` in goodwill.toml), or empty.
    pub owner: &'r str,
    /// The resume link (`resume` in goodwill.toml), or empty.
    pub resume: &'r str,
    /// The first name of whom it is addressed to, or empty (then: the company).
    pub to_name: &'r str,
    /// The person it is addressed to.
    pub contact: Option<PersonContext<'r>>,
    /// The application it is about.
    pub application: Option<ApplicationContext<'r>>,
    /// `#question` entries of the application, their text without the tag.
    pub questions: Vec<String>,
    /// The latest interview of the application with this person (or any, for updates).
    pub interview: Option<NaiveDate>,
    /// For `thank-favor`: the favour.
    pub favor: Option<FavorContext>,
    /// For `cheesecake`: whether they have never been touched, so the draft is a first
    /// hello (who you are, why their work caught your eye) rather than "I thought of you".
    pub first_hello: bool,
    /// For `outcome-update` to a **helper** (not a reference): what they did that led here.
    pub helper: Option<HelperContext<'r>>,
}

/// What a helper did for an application: the favour behind their `outcome-update`.
#[derive(Debug, Serialize)]
pub(crate) struct HelperContext<'r> {
    /// In words, theirs: `your introduction`, `your letter`, `your call`, `your help`.
    pub what: &'static str,
    /// The name of the person at the employer the favour linked (`Raj Mehta`), if any.
    pub introduced: Option<&'r str>,
}

/// What the caller knows that the draft cannot cheaply find out itself.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Known<'a> {
    /// The entries that concern the action's application (see [`context_in`]).
    pub of_application: Option<&'a [usize]>,
    /// Whether the action's contact has no touch by today (a first hello).
    pub never_touched: bool,
}

/// A link that sends the draft.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct SendLink {
    /// The button's words.
    pub label: &'static str,
    /// `mailto:`, `sms:`, `tel:` or the LinkedIn profile.
    pub href: String,
    /// `mailto`, `sms`, `tel` or `linkedin`.
    pub kind: &'static str,
}

/// A ready-to-send message.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Draft {
    /// How it is meant to be sent.
    pub channel: Channel,
    /// Whom it is addressed to, in words.
    pub to_name: String,
    /// The address: email, phone number or profile.
    pub to: Option<String>,
    /// The first email address, for the page's script that rebuilds the `mailto:` link.
    pub email: Option<String>,
    /// The subject line.
    pub subject: String,
    /// The message.
    pub body: String,
    /// The links that send it, the preferred one first; each at most [`MAX_LINK`].
    pub links: Vec<SendLink>,
    /// Whether the message was too long for a `mailto:` link, which then carries the
    /// subject only: the page says to paste the copied text.
    pub paste: bool,
    /// What to add to the file so the draft can be sent, when no way to reach them is
    /// on file.
    pub missing: Option<String>,
}

/// Whom a draft goes to: the action's contact, or for the employer-side rules the
/// application's hiring manager or recruiter (else its first contact, else nobody).
pub(crate) fn recipient<'r>(repo: &'r Repository, action: &Action) -> Option<&'r Contact> {
    if let Some(c) = action.contact {
        return Some(&repo.contacts[c]);
    }
    let application = &repo.applications[action.application?];
    let by = |relationship: Relationship| {
        application
            .contacts
            .iter()
            .map(|&c| &repo.contacts[c])
            .find(|c| c.relationship == relationship)
    };
    by(Relationship::HiringManager)
        .or_else(|| by(Relationship::Recruiter))
        .or_else(|| application.contacts.first().map(|&c| &repo.contacts[c]))
}

/// The channel for `contact`: their `prefers` where the file has what it needs, else
/// email, a text message, LinkedIn, in that order.
pub(crate) fn channel(contact: Option<&Contact>, rule: Rule) -> Channel {
    let Some(contact) = contact else {
        return Channel::None;
    };
    let has_email = !contact.emails.is_empty();
    let has_phone = contact
        .phone
        .as_deref()
        .is_some_and(|p| !dial(p).is_empty());
    let has_linkedin = contact
        .linkedin
        .as_deref()
        .is_some_and(|l| !l.trim().is_empty());
    // A connection note goes where connections are made.
    if rule == Rule::Connect && has_linkedin {
        return Channel::Linkedin;
    }
    let preferred = match contact.prefers {
        Some(Prefers::Email) if has_email => Some(Channel::Email),
        Some(Prefers::Phone) if has_phone => Some(Channel::Phone),
        Some(Prefers::Text) if has_phone => Some(Channel::Text),
        Some(Prefers::Linkedin) if has_linkedin => Some(Channel::Linkedin),
        Some(Prefers::InPerson) => Some(Channel::InPerson),
        _ => None,
    };
    preferred.unwrap_or(if has_email {
        Channel::Email
    } else if has_phone {
        Channel::Text
    } else if has_linkedin {
        Channel::Linkedin
    } else {
        Channel::None
    })
}

/// The context of `action`'s draft: only what may be shared. `of_application` holds the
/// entries that concern the action's application (indices into the repository's entries,
/// in order) when the caller has them: looking them up among all entries for each of
/// thousands of actions took time in the square of the repository.
fn context_in<'r>(
    repo: &'r Repository,
    action: &Action,
    channel: Channel,
    known: Known<'_>,
) -> DraftContext<'r> {
    let of_application = known.of_application;
    let settings = &repo.settings;
    let to = recipient(repo, action);
    let application = action.application.map(|a| &repo.applications[a]);
    let questions = application.map_or_else(Vec::new, |application| match of_application {
        Some(indices) => questions_among(
            repo,
            indices.iter().map(|&i| &repo.entries[i]),
            action.application,
        ),
        None => question_texts(repo, application),
    });
    let interview = action.application.and_then(|a| {
        let entries: Box<dyn Iterator<Item = &Entry>> = match of_application {
            Some(indices) => Box::new(indices.iter().map(|&i| &repo.entries[i])),
            None => Box::new(repo.entries.iter()),
        };
        entries
            .filter(|e| {
                !e.is_open_task()
                    && e.tagged(INTERVIEW)
                    && e.applications.contains(&a)
                    && (action.rule != Rule::InterviewerThanks
                        || action.contact.is_some_and(|c| e.contacts.contains(&c)))
            })
            .map(|e| e.date)
            .filter(|date| *date <= action.due)
            .max()
    });
    let favor = action
        .entry
        .filter(|_| action.rule == Rule::ThankFavor)
        .map(|e| {
            let entry = &repo.entries[e];
            let what = match FAVORS.iter().find(|tag| entry.has_tag(tag)) {
                Some(&"reference-check") => "taking the reference call",
                Some(&"letter") => "writing the letter",
                Some(&"intro") => "the introduction",
                _ => "your help",
            };
            FavorContext {
                what,
                date: entry.date,
            }
        });
    DraftContext {
        rule: action.rule.id(),
        channel: channel.word(),
        short: matches!(channel, Channel::Text | Channel::Linkedin),
        spoken: matches!(channel, Channel::Phone | Channel::InPerson),
        owner: settings.owner.trim(),
        resume: settings.resume.trim(),
        to_name: to.map_or("", |c| first_name(&c.name)),
        contact: to.map(|c| PersonContext {
            name: &c.name,
            first_name: first_name(&c.name),
            company: c.company.as_deref(),
            title: c.title.as_deref(),
            talking_points: &c.talking_points,
            gift_ideas: c.gift_ideas.as_deref(),
        }),
        application: application.map(application_context),
        questions,
        interview,
        favor,
        first_hello: action.rule == Rule::Cheesecake && known.never_touched,
        helper: helper_context(repo, action),
    }
}

/// For an `outcome-update` to someone who is not a reference of its application: the
/// favour that makes them a helper (`docs/rules.md`), from the entries that concern
/// them; only for these few actions, so one pass over the entries is affordable.
fn helper_context<'r>(repo: &'r Repository, action: &Action) -> Option<HelperContext<'r>> {
    let (Rule::OutcomeUpdate, Some(c), Some(a)) = (action.rule, action.contact, action.application)
    else {
        return None;
    };
    let application = &repo.applications[a];
    if application.references.contains(&c) {
        return None;
    }
    let linked = |entry: &Entry| {
        application
            .contacts
            .iter()
            .copied()
            .find(|&p| entry.links.iter().any(|link| link == &repo.contacts[p].id))
    };
    let favor = repo
        .entries
        .iter()
        .filter(|e| !e.is_open_task() && e.date <= action.due && e.contacts.contains(&c))
        .filter(|e| e.tagged(crate::rules::table::FAVOR_TAGS))
        .find(|e| e.applications.contains(&a) || linked(e).is_some())?;
    let what = match FAVORS.iter().find(|tag| favor.has_tag(tag)) {
        Some(&"reference-check") => "your call",
        Some(&"letter") => "your letter",
        Some(&"intro") => "your introduction",
        _ => "your help",
    };
    Some(HelperContext {
        what,
        introduced: linked(favor).map(|p| repo.contacts[p].name.as_str()),
    })
}

fn application_context(application: &Application) -> ApplicationContext<'_> {
    ApplicationContext {
        company: &application.company,
        role: &application.role,
        title: application.title(),
        status: application.status.as_str(),
        applied: application.applied,
        decided: application.decided,
        synopsis: &application.synopsis,
        highlights: &application.highlights,
    }
}

/// The text of each `#question` entry about `application`, tags and link brackets taken
/// out: the only log text a draft may hold.
pub(crate) fn question_texts(repo: &Repository, application: &Application) -> Vec<String> {
    let Some(crate::model::Target::Application(a)) = repo.target(&application.id) else {
        return Vec::new();
    };
    questions_among(repo, repo.entries.iter(), Some(a))
}

/// The question texts among `entries` about application `a`.
fn questions_among<'e>(
    repo: &Repository,
    entries: impl Iterator<Item = &'e Entry>,
    a: Option<usize>,
) -> Vec<String> {
    let Some(a) = a else { return Vec::new() };
    entries
        .filter(|e| e.tagged(QUESTION) && e.applications.contains(&a) && !e.is_open_task())
        .map(|e| question_text(repo, &e.text))
        .filter(|text| !text.is_empty())
        .collect()
}

/// `Asked about [[raj-patel|Raj]]'s SLOs #question` → `Asked about Raj's SLOs`; a bare
/// `[[raj-patel]]` is written as the name, `Raj Patel`, never as an id.
fn question_text(repo: &Repository, text: &str) -> String {
    let plain = super::packet::shared_text(repo, text);
    let words: Vec<&str> = plain
        .split_whitespace()
        .filter(|word| !word.starts_with('#'))
        .collect();
    words.join(" ")
}

/// The draft of `action`, rendered from its template; `None` for `task`.
pub(crate) fn draft(
    templates: &Templates,
    repo: &Repository,
    action: &Action,
    today: NaiveDate,
) -> Result<Option<Draft>, String> {
    let never_touched = action.contact.is_some_and(|c| {
        !repo
            .entries
            .iter()
            .any(|e| !e.is_open_task() && e.date <= today && e.contacts.contains(&c))
    });
    let known = Known {
        of_application: None,
        never_touched,
    };
    draft_in(templates, repo, action, known)
}

/// [`draft`], with the entries that concern the action's application when the caller
/// has them indexed (see [`context_in`]).
pub(crate) fn draft_in(
    templates: &Templates,
    repo: &Repository,
    action: &Action,
    known: Known<'_>,
) -> Result<Option<Draft>, String> {
    let Some(template) = action.rule.spec().draft else {
        return Ok(None);
    };
    let to = recipient(repo, action);
    let channel = channel(to, action.rule);
    let context = context_in(repo, action, channel, known);
    let text = templates.render(template, minijinja::Value::from(Serde(&context)))?;
    let (subject, body) = split_subject(&text);
    Ok(Some(address(repo, action, to, channel, subject, body)))
}

/// The first line is the subject; the rest, after blank lines, the body. Trailing spaces
/// and runs of blank lines are tidied away.
fn split_subject(text: &str) -> (String, String) {
    let text = text.trim_start();
    let (subject, rest) = text.split_once('\n').unwrap_or((text, ""));
    let mut body = String::with_capacity(rest.len());
    let mut blank_run = 0;
    for line in rest.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        body.push_str(line);
        body.push('\n');
    }
    (subject.trim().to_owned(), body)
}

/// Addresses the text: the send links for the channel, within their limits.
fn address(
    repo: &Repository,
    action: &Action,
    to: Option<&Contact>,
    channel: Channel,
    subject: String,
    mut body: String,
) -> Draft {
    let email = to
        .and_then(|c| c.emails.first())
        .map(|e| e.trim().to_owned());
    let phone = to.and_then(|c| c.phone.as_deref()).map(dial);
    let linkedin = to
        .and_then(|c| c.linkedin.as_deref())
        .and_then(linkedin_url);
    if channel == Channel::Linkedin {
        body = shorten(&body, MAX_LINKEDIN_NOTE);
    }
    let mut links = Vec::new();
    let mut paste = false;
    let sms = |body: &str, phone: &str| {
        let href = format!(
            "sms:{phone}?body={}",
            encode(&body.replace('\n', "\r\n"), b"")
        );
        if href.len() <= MAX_LINK {
            href
        } else {
            format!("sms:{phone}")
        }
    };
    match (channel, phone.as_deref()) {
        (Channel::Text, Some(phone)) => links.push(SendLink {
            label: "Send as a text",
            href: sms(&body, phone),
            kind: "sms",
        }),
        (Channel::Phone, Some(phone)) => links.push(SendLink {
            label: "Call",
            href: format!("tel:{phone}"),
            kind: "tel",
        }),
        _ => {}
    }
    if channel == Channel::Linkedin
        && let Some(url) = &linkedin
    {
        links.push(SendLink {
            label: "Open their LinkedIn profile",
            href: url.clone(),
            kind: "linkedin",
        });
    }
    if let Some(address) = &email {
        let (href, too_long) = mailto(address, &subject, &body);
        paste = too_long;
        let link = SendLink {
            label: "Open in mail",
            href,
            kind: "mailto",
        };
        if channel == Channel::Email {
            links.insert(0, link);
        } else {
            links.push(link);
        }
    }
    let missing = if links.is_empty() && channel != Channel::InPerson {
        Some(missing_hint(repo, action, to))
    } else {
        None
    };
    Draft {
        channel,
        to_name: to.map_or_else(
            || {
                action
                    .application
                    .map_or_else(String::new, |a| repo.applications[a].company.clone())
            },
            |c| c.name.clone(),
        ),
        to: match channel {
            Channel::Email => email.clone(),
            Channel::Text | Channel::Phone => to.and_then(|c| c.phone.clone()),
            Channel::Linkedin => linkedin,
            _ => None,
        },
        email,
        subject,
        body,
        links,
        paste,
        missing,
    }
}

/// What to add so the draft can be sent.
fn missing_hint(repo: &Repository, action: &Action, to: Option<&Contact>) -> String {
    match to {
        Some(contact) => format!(
            "No way to reach {} is on file: add `email`, `phone` or `linkedin` to `{}`.",
            contact.name, contact.file
        ),
        None => {
            let file = action
                .application
                .map_or("", |a| repo.applications[a].file.as_str());
            format!(
                "Nobody at the company is on file: add the hiring manager or recruiter to `contacts` in `{file}`."
            )
        }
    }
}

/// A `mailto:` link with subject and body, or with the subject only when that would be
/// longer than [`MAX_LINK`] (then `true`: paste the text).
pub(crate) fn mailto(address: &str, subject: &str, body: &str) -> (String, bool) {
    let head = format!(
        "{}?subject={}",
        mailto_address(address),
        encode(subject, b"")
    );
    let full = format!("{head}&body={}", encode(&body.replace('\n', "\r\n"), b""));
    if full.len() <= MAX_LINK {
        (full, false)
    } else if head.len() <= MAX_LINK {
        (head, true)
    } else {
        (mailto_address(address), true)
    }
}

/// A `mailto:` link to `address` alone, percent-encoded (only `@` kept), so nothing in it
/// is read as a header (`?bcc=`) or a second address.
pub(crate) fn mailto_address(address: &str) -> String {
    format!("mailto:{}", encode(address, b"@"))
}

/// A phone number as a `tel:`/`sms:` link wants it: digits, and a leading `+`.
fn dial(phone: &str) -> String {
    let phone = phone.trim();
    let mut out = String::new();
    if phone.starts_with('+') {
        out.push('+');
    }
    out.extend(phone.chars().filter(char::is_ascii_digit));
    if out == "+" { String::new() } else { out }
}

/// A LinkedIn profile as a web link: `https://…` as written, or a bare handle or path
/// made into one.
fn linkedin_url(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty()
        || text
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<')
    {
        return None;
    }
    if text.starts_with("https://") || text.starts_with("http://") {
        return Some(text.to_owned());
    }
    if text.contains("linkedin.com/") {
        return Some(format!("https://{}", text.trim_start_matches('/')));
    }
    Some(format!("https://www.linkedin.com/in/{}", encode(text, b"")))
}

/// `text` in at most `max` characters, cut at a word and marked with `…`.
fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) if space > max / 2 => cut[..space].trim_end().to_owned(),
        _ => cut,
    };
    format!("{cut}…")
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// Percent-encodes every byte but the unreserved characters of RFC 3986 and the ASCII
/// bytes in `keep`.
pub(crate) fn encode(text: &str, keep: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for &byte in text.as_bytes() {
        let unreserved = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~');
        if unreserved || (byte.is_ascii() && keep.contains(&byte)) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_leaves_only_unreserved_characters() {
        assert_eq!(encode("a b&c=d?é\r\n", b""), "a%20b%26c%3Dd%3F%C3%A9%0D%0A");
        assert_eq!(encode("jane+x@example.org", b"@"), "jane%2Bx@example.org");
        assert_eq!(encode("é@", "é@".as_bytes()), "%C3%A9@");
    }

    #[test]
    fn a_long_mailto_carries_the_subject_only() {
        let (short, paste) = mailto("a@example.org", "Hi", "Hello\nthere");
        assert_eq!(
            short,
            "mailto:a@example.org?subject=Hi&body=Hello%0D%0Athere"
        );
        assert!(!paste);
        let long = "x".repeat(MAX_LINK);
        let (href, paste) = mailto("a@example.org", "Hi", &long);
        assert_eq!(href, "mailto:a@example.org?subject=Hi");
        assert!(paste);
        // Exactly at the limit still carries the body.
        let fixed = "mailto:a@example.org?subject=Hi&body=".len();
        let (href, paste) = mailto("a@example.org", "Hi", &"y".repeat(MAX_LINK - fixed));
        assert_eq!(href.len(), MAX_LINK);
        assert!(!paste);
    }

    #[test]
    fn subject_is_the_first_line_and_blank_runs_fold() {
        let (subject, body) = split_subject("\n Subject here \n\n\nHi,\n\n\n\nBye  \n\n");
        assert_eq!(subject, "Subject here");
        assert_eq!(body, "Hi,\n\nBye\n");
    }

    #[test]
    fn phones_dial_digits_and_linkedin_becomes_a_link() {
        assert_eq!(dial("+49 (151) 123-45"), "+4915112345");
        assert_eq!(dial("0171 555"), "0171555");
        assert_eq!(dial("+"), "");
        assert_eq!(
            linkedin_url("linkedin.com/in/jane").as_deref(),
            Some("https://linkedin.com/in/jane")
        );
        assert_eq!(
            linkedin_url("jane-doe").as_deref(),
            Some("https://www.linkedin.com/in/jane-doe")
        );
        assert_eq!(linkedin_url("javascript alert"), None);
    }

    #[test]
    fn shortening_cuts_at_a_word_within_the_limit() {
        let text = "word ".repeat(100);
        let short = shorten(&text, MAX_LINKEDIN_NOTE);
        assert!(short.chars().count() <= MAX_LINKEDIN_NOTE);
        assert!(short.ends_with("word…"), "{short}");
        assert_eq!(shorten("short", 200), "short");
    }

    #[test]
    fn questions_lose_tags_and_link_brackets() {
        assert_eq!(
            question_text(
                &crate::model::assemble(
                    std::path::PathBuf::from("."),
                    Default::default(),
                    Vec::new(),
                    Vec::new()
                ),
                "Asked about [[raj-patel|Raj]]'s SLOs #question #x"
            ),
            "Asked about Raj's SLOs"
        );
    }
}
