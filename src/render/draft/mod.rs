//! Drafts: one ready message for every message but a note to yourself (`docs/templates.md`,
//! "Drafts"). Each of its actions gives a part, written from the rule's text template
//! (`site-template/draft-RULE.txt`); the parts go in a natural order (news, then thanks,
//! then asks) into one frame (`site-template/draft-message.txt`) with one greeting and
//! one sign-off, addressed by the recipient's `prefers`. All are replaceable like pages.
//!
//! Privacy is structural: a template sees only [`DraftContext`](context::DraftContext) and
//! [`MessageContext`], which hold what is meant to be shared (names, role and company,
//! dates, the synopsis, highlights, talking points, `#question` entries, gift ideas, the
//! owner's name and resume link) and nothing else: no private notes, no other log text.
//! Links in what they hold are written as the names they point at, never as `[[id]]`.
//!
//! What lives where:
//! - this module composes a message: [`message_draft`] renders each part into the frame,
//!   then splits off the subject and addresses it;
//! - [`context`]: the structs templates see, and the [`Draft`] they make;
//! - [`parts`]: choosing a message's parts, their order, and each part's context;
//! - [`send`]: the links that send a draft (`mailto:`, `sms:`, `tel:`, LinkedIn), within
//!   their limits, and the percent-encoding they use.

mod context;
mod parts;
mod send;
#[cfg(test)]
mod tests;

pub(crate) use self::context::Draft;
use self::context::{MessageContext, PartText};
pub(crate) use self::parts::Entries;
use self::parts::{first_name, is_short, is_spoken, names, part_context, parts_order};
use self::send::address;
pub(crate) use self::send::mailto_address;
use super::templates::Templates;
use crate::model::Repository;
use crate::rules::messages::Recipient;
use crate::rules::table::{DRAFTS, RULES};
use crate::rules::{Outcome, Rule};
use minijinja::value::Serde;

/// The template that frames a message's parts.
pub(crate) const FRAME: &str = "draft-message.txt";

/// The template of every draft: the frame, and the part of every rule that has one.
pub(crate) const TEMPLATES: [&str; 1 + DRAFTS] = {
    let mut names = [""; 1 + DRAFTS];
    names[0] = FRAME;
    let mut i = 0;
    let mut n = 1;
    while i < RULES.len() {
        if let Some(draft) = RULES[i].draft {
            names[n] = draft.name;
            n += 1;
        }
        i += 1;
    }
    names
};

/// The draft of message `m` of `outcome`; `None` for a note to yourself.
pub(crate) fn message_draft(
    templates: &Templates,
    repo: &Repository,
    outcome: &Outcome,
    m: usize,
    entries: Option<Entries<'_>>,
) -> Result<Option<Draft>, crate::Error> {
    let message = &outcome.messages[m];
    if message.is_note_to_self() {
        return Ok(None);
    }
    let actions = &outcome.actions;
    let channel = message.channel(repo, actions);
    let order = parts_order(message, actions);
    let mut parts = Vec::with_capacity(order.len());
    let mut thanked = false;
    for (n, &i) in order.iter().enumerate() {
        let rule = actions[i].rule;
        // News that a thank-you part follows leaves the thanks to it: one thank-you for
        // one person's help, not one per paragraph.
        let thanks_follow = rule == Rule::OutcomeUpdate
            && order[n + 1..]
                .iter()
                .any(|&j| actions[j].rule.spec().thanks && actions[j].rule.spec().one_part);
        let Some(template) = rule.spec().draft.map(|draft| draft.name) else {
            continue;
        };
        let context = part_context(
            repo,
            outcome,
            message,
            i,
            channel,
            entries,
            thanked || thanks_follow,
            (order.len() == 1, Some(&i) == order.last()),
        );
        // A heads-up to a reference who agreed opens by thanking them for it.
        let thanks_here =
            rule.spec().thanks || (rule == Rule::HeadsUp && context.agreed && !context.asking);
        let text = templates.render(template, minijinja::Value::from(Serde(&context)))?;
        let (subject, text) = split_subject(&text);
        parts.push(PartText {
            rule: rule.id(),
            subject,
            text: text.trim_end().to_owned(),
        });
        thanked |= thanks_here;
    }
    let applications = message.applications(actions);
    let subject = match (applications.len(), parts.first()) {
        (0 | 1, Some(first)) => first.subject.clone(),
        _ => "News from my job search".to_owned(),
    };
    let to = message.contact(repo);
    let company = match message.recipient {
        Recipient::Application(a) => repo.applications[a].company.as_str(),
        _ => "",
    };
    let settings = &repo.settings;
    let frame = MessageContext {
        subject,
        parts,
        channel: channel.word(),
        short: is_short(channel),
        spoken: is_spoken(channel),
        owner: settings.owner.trim(),
        to_name: to.map_or("", |c| first_name(&c.name)),
        company,
    };
    let text = templates.render(FRAME, minijinja::Value::from(Serde(&frame)))?;
    // Whatever a user's template holds, a link reaches the page as a name.
    let (subject, body) = split_subject(&names(repo, &text));
    let mut fill_in = Vec::new();
    if settings.owner.trim().is_empty() && !is_spoken(channel) {
        fill_in.push(OWNER_HINT.to_owned());
    }
    let heads_up = order.iter().any(|&i| actions[i].rule == Rule::HeadsUp);
    if settings.resume.trim().is_empty() && heads_up {
        fill_in.push(RESUME_HINT.to_owned());
    }
    Ok(Some(address(
        repo, message, to, channel, subject, body, fill_in,
    )))
}

/// What to add to goodwill.toml so drafts are signed.
pub(crate) const OWNER_HINT: &str =
    "owner is empty: add owner = \"Your Name\" to goodwill.toml so drafts are signed";
/// What to add to goodwill.toml so heads-ups link your resume.
pub(crate) const RESUME_HINT: &str =
    "resume is empty: add resume = \"https://…\" to goodwill.toml so references get your resume";

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
