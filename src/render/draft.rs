//! Drafts: one ready message for every message but a note to yourself (`docs/templates.md`,
//! "Drafts"). Each of its actions gives a part, written from the rule's text template
//! (`site-template/draft-RULE.txt`); the parts go in a natural order (news, then thanks,
//! then asks) into one frame (`site-template/draft-message.txt`) with one greeting and
//! one sign-off, addressed by the recipient's `prefers`. All are replaceable like pages.
//!
//! Privacy is structural: a template sees only [`DraftContext`] and [`MessageContext`],
//! which hold what is meant to be shared (names, role and company, dates, the synopsis,
//! highlights, talking points, `#question` entries, gift ideas, the owner's name and
//! resume link) and nothing else: no private notes, no other log text. Links in what they
//! hold are written as the names they point at, never as `[[id]]`.

use super::templates::Templates;
use crate::model::tags::{AGREED, FAVOR_TAGS, FAVORS, INTERVIEW, QUESTION, TagSet};
use crate::model::{Application, Contact, Entry, Repository};
pub(crate) use crate::rules::Channel;
use crate::rules::messages::Recipient;
use crate::rules::table::{DRAFTS, RULES};
use crate::rules::{Action, Message, Outcome, Rule};
use chrono::NaiveDate;
use minijinja::value::Serde;
use serde::Serialize;

/// The longest send link: mail programs and browsers refuse longer `mailto:` links.
pub(crate) const MAX_LINK: usize = 2000;
/// The longest LinkedIn connection note of a free account.
pub(crate) const MAX_LINKEDIN_NOTE: usize = 200;

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

/// The favour tags that say a reference vouched for you: they took the call or wrote.
const VOUCHED: TagSet = TagSet::of(&["reference-check", "letter"]);

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
    pub talking_points: Vec<String>,
    /// What they would enjoy as a gift.
    pub gift_ideas: Option<String>,
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
    /// The `## Synopsis` section, links written as names.
    pub synopsis: String,
    /// What references should emphasise.
    pub highlights: Vec<String>,
}

/// The favour a `thank-favor` draft thanks for.
#[derive(Debug, Serialize)]
pub(crate) struct FavorContext {
    /// In words: `taking the reference call`, `the letter`, `the introduction`, `your help`.
    pub what: &'static str,
    /// When it happened.
    pub date: NaiveDate,
}

/// Every variable a part template receives (`docs/templates.md`, "Drafts").
#[derive(Debug, Serialize)]
pub(crate) struct DraftContext<'r> {
    /// The rule id.
    pub rule: &'static str,
    /// How it will be sent: `email`, `text`, `phone`, `linkedin`, `in-person`, `none`.
    pub channel: &'static str,
    /// Whether the channel wants a short message (text, LinkedIn).
    pub short: bool,
    /// Whether it will be said rather than written (phone, in person).
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
    /// `#question` entries of the application, their text without the tag, links
    /// written as names.
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
    /// Whether the recipient has agreed to be a reference (an `#agreed` entry by
    /// today): only then may a draft thank them for agreeing.
    pub agreed: bool,
    /// Whether a favour entry says the recipient took a reference call or wrote a letter
    /// for this application: only then may a draft say they vouched for you.
    pub vouched: bool,
    /// Whether the same message asks them to be a reference (a `permission` part): the
    /// heads-up then comes with the ask, "if you agree".
    pub asking: bool,
    /// Whether the same message gives a heads-up for this application: the permission
    /// part then leaves the details to it.
    pub heads_up: bool,
    /// Whether an earlier part of the message already thanked them: thanks are said once.
    pub thanked: bool,
    /// Whether this is the message's only part.
    pub alone: bool,
    /// Whether this is the message's last part: only the last promises what comes next.
    pub last: bool,
}

/// What a helper did for an application: the favour behind their `outcome-update`.
#[derive(Debug, Serialize)]
pub(crate) struct HelperContext<'r> {
    /// In words, theirs: `your introduction`, `your letter`, `your call`, `your help`.
    pub what: &'static str,
    /// The name of the person at the employer the favour linked (`Raj Mehta`), if any.
    pub introduced: Option<&'r str>,
}

/// One part of a message, rendered, for the frame.
#[derive(Debug, Serialize)]
pub(crate) struct PartText {
    /// The rule id.
    pub rule: &'static str,
    /// The part's subject line.
    pub subject: String,
    /// The part's text.
    pub text: String,
}

/// Every variable the frame (`draft-message.txt`) receives.
#[derive(Debug, Serialize)]
pub(crate) struct MessageContext<'r> {
    /// The subject: the first part's, or a general one when the parts are about more
    /// than one application.
    pub subject: String,
    /// The parts, in the message's order.
    pub parts: Vec<PartText>,
    /// How it will be sent.
    pub channel: &'static str,
    /// Whether the channel wants a short message (text, LinkedIn).
    pub short: bool,
    /// Whether it will be said rather than written (phone, in person): no sign-off.
    pub spoken: bool,
    /// The owner's name, or empty.
    pub owner: &'r str,
    /// The first name of whom it is addressed to, or empty.
    pub to_name: &'r str,
    /// The company, when the message goes to an application with no one to address.
    pub company: &'r str,
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
    /// What to fill in goodwill.toml so the draft is complete (`owner`, `resume`).
    pub fill_in: Vec<String>,
}

/// The entries that concern each contact and each application (indices into the
/// repository's entries), when the caller has them: looking them up among all entries
/// for each of thousands of messages took time in the square of the repository.
#[derive(Clone, Copy)]
pub(crate) struct Entries<'a> {
    /// Per contact.
    pub of_contact: &'a [Vec<usize>],
    /// Per application.
    pub of_application: &'a [Vec<usize>],
}

/// The entries about contact `c` (`of_contact`) or application `a`.
fn entries_about<'r>(
    repo: &'r Repository,
    entries: Option<Entries<'r>>,
    contact: Option<usize>,
    application: Option<usize>,
) -> Box<dyn Iterator<Item = &'r Entry> + 'r> {
    match (entries, contact, application) {
        (Some(e), Some(c), _) => Box::new(e.of_contact[c].iter().map(|&i| &repo.entries[i])),
        (Some(e), None, Some(a)) => Box::new(e.of_application[a].iter().map(|&i| &repo.entries[i])),
        (_, Some(c), _) => Box::new(repo.entries.iter().filter(move |e| e.contacts.contains(&c))),
        (_, None, Some(a)) => Box::new(
            repo.entries
                .iter()
                .filter(move |e| e.applications.contains(&a)),
        ),
        (_, None, None) => Box::new(std::iter::empty()),
    }
}

/// The message's actions in the order its draft takes them: by their rules' place
/// ([`RuleSpec::place`]), then as the message holds them. Two actions of a rule whose
/// actions make one part ([`RuleSpec::one_part`]: a reference thanked on two
/// applications) make one part: the first's.
fn parts_order(message: &Message, actions: &[Action]) -> Vec<usize> {
    let mut order = message.actions.clone();
    order.sort_by_key(|&i| actions[i].rule.spec().place);
    let mut seen: Vec<Rule> = Vec::new();
    order.retain(|&i| {
        let rule = actions[i].rule;
        if rule.spec().one_part {
            if seen.contains(&rule) {
                return false;
            }
            seen.push(rule);
        }
        true
    });
    order
}

/// The context of action `i`'s part of `message`: only what may be shared.
#[allow(clippy::too_many_arguments)] // One part of one message: each says what it is.
fn part_context<'r>(
    repo: &'r Repository,
    outcome: &Outcome,
    message: &Message,
    i: usize,
    channel: Channel,
    entries: Option<Entries<'r>>,
    thanked: bool,
    (alone, last): (bool, bool),
) -> DraftContext<'r> {
    let today = outcome.today;
    let action = &outcome.actions[i];
    let settings = &repo.settings;
    let to = message.contact(repo);
    let c = match message.recipient {
        Recipient::Contact(c) => Some(c),
        _ => None,
    };
    let application = action.application.map(|a| &repo.applications[a]);
    let questions = match action.application {
        Some(a) => questions_among(repo, entries_about(repo, entries, None, Some(a)), a),
        None => Vec::new(),
    };
    let interview = action.application.and_then(|a| {
        entries_about(repo, entries, None, Some(a))
            .filter(|e| {
                !e.is_open_task()
                    && e.tagged(INTERVIEW)
                    && e.applications.contains(&a)
                    && (action.rule != Rule::InterviewerThanks
                        || action.contact.is_some_and(|c| e.contacts.contains(&c)))
            })
            .map(|e| e.date)
            .filter(|date| *date <= action.due.max(today))
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
    // Agreement is given for one application and lasts `limits.agreement_lasts`
    // (`docs/rules.md`, `permission`): only such an `#agreed` is thanked for.
    let agreed_since = settings.limits.agreement_lasts.before(today);
    let agreed = c.is_some_and(|c| {
        entries_about(repo, entries, Some(c), None).any(|e| {
            !e.is_open_task()
                && e.date <= today
                && e.date >= agreed_since
                && e.tagged(AGREED)
                && e.contacts.contains(&c)
                && action
                    .application
                    .is_none_or(|a| e.applications.contains(&a))
        })
    });
    let never_touched = c.is_some_and(|c| {
        !entries_about(repo, entries, Some(c), None)
            .any(|e| e.is_touch() && e.date <= today && e.contacts.contains(&c))
    });
    let vouched = c.is_some_and(|c| {
        entries_about(repo, entries, Some(c), None).any(|e| {
            !e.is_open_task()
                && e.date <= today
                && e.tagged(VOUCHED)
                && e.contacts.contains(&c)
                && action
                    .application
                    .is_none_or(|a| e.applications.contains(&a))
        })
    });
    let in_message = |rule: Rule| {
        message.actions.iter().any(|&j| {
            let other = &outcome.actions[j];
            other.rule == rule && other.application == action.application
        })
    };
    DraftContext {
        rule: action.rule.id(),
        channel: channel.word(),
        short: is_short(channel),
        spoken: is_spoken(channel),
        owner: settings.owner.trim(),
        resume: settings.resume.trim(),
        to_name: to.map_or("", |c| first_name(&c.name)),
        contact: to.map(|c| PersonContext {
            name: &c.name,
            first_name: first_name(&c.name),
            company: c.company.as_deref(),
            title: c.title.as_deref(),
            talking_points: c.talking_points.iter().map(|p| names(repo, p)).collect(),
            gift_ideas: c.gift_ideas.as_deref().map(|g| names(repo, g)),
        }),
        application: application.map(|a| application_context(repo, a)),
        questions,
        interview,
        favor,
        first_hello: action.rule == Rule::Cheesecake && never_touched,
        helper: helper_context(repo, entries, action),
        agreed,
        vouched,
        asking: action.rule == Rule::HeadsUp && in_message(Rule::Permission),
        heads_up: action.rule == Rule::Permission && in_message(Rule::HeadsUp),
        thanked,
        alone,
        last,
    }
}

/// For an `outcome-update` to someone who is not a reference of its application: the
/// favour that makes them a helper (`docs/rules.md`), from the entries that concern them.
fn helper_context<'r>(
    repo: &'r Repository,
    entries: Option<Entries<'r>>,
    action: &Action,
) -> Option<HelperContext<'r>> {
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
    let favor = entries_about(repo, entries, Some(c), None)
        .filter(|e| !e.is_open_task() && e.date <= action.due && e.contacts.contains(&c))
        .filter(|e| e.tagged(FAVOR_TAGS))
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

fn is_short(channel: Channel) -> bool {
    matches!(channel, Channel::Text | Channel::Linkedin)
}

fn is_spoken(channel: Channel) -> bool {
    matches!(channel, Channel::Phone | Channel::InPerson)
}

fn application_context<'r>(
    repo: &Repository,
    application: &'r Application,
) -> ApplicationContext<'r> {
    ApplicationContext {
        company: &application.company,
        role: &application.role,
        title: application.title(),
        status: application.status.as_str(),
        applied: application.applied,
        decided: application.decided,
        synopsis: names(repo, &application.synopsis),
        highlights: application
            .highlights
            .iter()
            .map(|h| names(repo, h))
            .collect(),
    }
}

/// The question texts among `entries` about application `a`.
fn questions_among<'e>(
    repo: &Repository,
    entries: impl Iterator<Item = &'e Entry>,
    a: usize,
) -> Vec<String> {
    entries
        .filter(|e| e.tagged(QUESTION) && e.applications.contains(&a) && !e.is_open_task())
        .map(|e| question_text(repo, &e.text))
        .filter(|text| !text.is_empty())
        .collect()
}

/// `Asked about [[raj-patel]]'s SLOs #question` → `Asked about Raj Patel's SLOs`.
fn question_text(repo: &Repository, text: &str) -> String {
    let plain = names(repo, text);
    let words: Vec<&str> = plain
        .split_whitespace()
        .filter(|word| !word.starts_with('#'))
        .collect();
    words.join(" ")
}

/// `text` with every link written as what it names, never an id: the one way shared
/// text says a link (`super::packet::shared_text`).
pub(crate) fn names(repo: &Repository, text: &str) -> String {
    super::packet::shared_text(repo, text)
}

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

/// Addresses the text: the send links for the channel, within their limits.
fn address(
    repo: &Repository,
    message: &Message,
    to: Option<&Contact>,
    channel: Channel,
    subject: String,
    mut body: String,
    fill_in: Vec<String>,
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
        Some(missing_hint(repo, message, to))
    } else {
        None
    };
    Draft {
        channel,
        to_name: match message.recipient {
            Recipient::Contact(c) => repo.contacts[c].name.clone(),
            Recipient::Application(a) => repo.applications[a].company.clone(),
            Recipient::Yourself => String::new(),
        },
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
        fill_in,
    }
}

/// What to add so the draft can be sent.
fn missing_hint(repo: &Repository, message: &Message, to: Option<&Contact>) -> String {
    match to {
        Some(contact) => format!(
            "No way to reach {} is on file: add `email`, `phone` or `linkedin` to `{}`.",
            contact.name, contact.file
        ),
        None => {
            let file = match message.recipient {
                Recipient::Application(a) => repo.applications[a].file.as_str(),
                _ => "",
            };
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

    /// The rules of a message's parts, for a message holding actions of `rules` in order.
    fn parts_of(rules: &[(Rule, Option<usize>)]) -> Vec<Rule> {
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let actions: Vec<Action> = rules
            .iter()
            .map(|&(rule, application)| Action {
                rule,
                contact: Some(0),
                application,
                due: day,
                entry: None,
                spread_from: None,
            })
            .collect();
        let message = Message {
            recipient: Recipient::Contact(0),
            actions: (0..actions.len()).collect(),
            due: day,
            key: crate::rules::ActionKey {
                full: String::new(),
                shown: 0,
            },
        };
        parts_order(&message, &actions)
            .into_iter()
            .map(|i| actions[i].rule)
            .collect()
    }

    #[test]
    fn parts_go_news_then_thanks_then_asks_and_thanks_of_one_rule_once() {
        use Rule::*;
        let a = Some(0);
        assert_eq!(
            parts_of(&[(Connect, a), (AskFeedback, a), (RejectionThanks, a)]),
            [RejectionThanks, AskFeedback, Connect]
        );
        assert_eq!(
            parts_of(&[(HeadsUp, a), (Permission, a)]),
            [Permission, HeadsUp]
        );
        assert_eq!(
            parts_of(&[(ThankReference, a), (OutcomeUpdate, a)]),
            [OutcomeUpdate, ThankReference]
        );
        assert_eq!(
            parts_of(&[
                (ThankReference, a),
                (ThankReference, Some(1)),
                (Stale, None)
            ]),
            [Stale, ThankReference]
        );
    }

    #[test]
    fn questions_lose_tags_and_link_brackets() {
        let repo = crate::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
        assert_eq!(
            question_text(&repo, "Asked about [[raj-patel|Raj]]'s SLOs #question #x"),
            "Asked about Raj's SLOs"
        );
        assert_eq!(
            question_text(&repo, "[[raj-patel]] asked about ROS #question"),
            "Raj Patel asked about ROS"
        );
        // A link to nobody on file is written as words, never as an id.
        assert_eq!(
            question_text(&repo, "[[omar-haddad]] asked about ROS #question"),
            "omar haddad asked about ROS"
        );
    }
}
