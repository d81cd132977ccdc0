//! Choosing and filling a message's parts: which actions make a part and in what order
//! ([`parts_order`]), and the context each part's template receives ([`part_context`]),
//! drawn from the entries that concern the person and the application. Only what may be
//! shared goes in: links are written as names ([`names`]).

use super::context::{
    ApplicationContext, DraftContext, FavorContext, HelperContext, PersonContext,
};
use crate::model::tags::{AGREED, FAVOR_TAGS, FAVORS, INTERVIEW, QUESTION, TagSet};
use crate::model::{Application, Entry, Repository};
use crate::rules::messages::Recipient;
use crate::rules::{Action, Channel, Message, Outcome, Rule};

/// The favour tags that say a reference vouched for you: they took the call or wrote.
const VOUCHED: TagSet = TagSet::of(&["reference-check", "letter"]);

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
pub(super) fn parts_order(message: &Message, actions: &[Action]) -> Vec<usize> {
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
pub(super) fn part_context<'r>(
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

pub(super) fn is_short(channel: Channel) -> bool {
    matches!(channel, Channel::Text | Channel::Linkedin)
}

pub(super) fn is_spoken(channel: Channel) -> bool {
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
pub(super) fn question_text(repo: &Repository, text: &str) -> String {
    let plain = names(repo, text);
    let words: Vec<&str> = plain
        .split_whitespace()
        .filter(|word| !word.starts_with('#'))
        .collect();
    words.join(" ")
}

/// `text` with every link written as what it names, never an id: the one way shared
/// text says a link (`crate::render::packet::shared_text`).
pub(crate) fn names(repo: &Repository, text: &str) -> String {
    crate::render::packet::shared_text(repo, text)
}

pub(super) fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}
