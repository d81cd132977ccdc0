//! What templates see: plain structs made for the pages, never the domain types, so the
//! model can change without breaking a user's templates. Every field is documented in
//! `site-template/README.md`.
//!
//! URLs (`url`, `brief_url`) are relative to the site root; templates put `root` in front.

use super::draft::Draft;
use super::lazy::LazyValues;
use super::route::Route;
use crate::diag::Diagnostic;
use crate::duration::Duration;
use crate::model::{
    Application, Contact, Entry, Owner, Prefers, Relationship, Repository, Status, Task,
};
use crate::rules::{Action, ActionKey, Caution, Outcome, Rule, State};
use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

/// A link to a contact's or application's page.
#[derive(Debug, Clone, Serialize)]
pub(super) struct LinkView<'r> {
    /// The id.
    pub id: &'r str,
    /// The person's name, or `Role at Company`.
    pub name: String,
    /// The page, relative to the site root.
    pub url: String,
}

impl<'r> LinkView<'r> {
    pub(crate) fn contact(contact: &'r Contact) -> Self {
        LinkView {
            id: &contact.id,
            name: contact.name.clone(),
            url: Route::Contact(&contact.id).path(),
        }
    }

    pub(crate) fn application(application: &'r Application) -> Self {
        LinkView {
            id: &application.id,
            name: application.title(),
            url: Route::Application(&application.id).path(),
        }
    }
}

/// The link of each contact and application as a template value, each made once: tens
/// of thousands of actions, cautions and entries link the same people and applications,
/// and share their link rather than hold a copy each.
pub(crate) struct Links<'r> {
    contacts: LazyValues<'r>,
    applications: LazyValues<'r>,
}

impl<'r> Links<'r> {
    pub(crate) fn new(repo: &'r Repository) -> Self {
        Links {
            contacts: LazyValues::new(repo.contacts.len(), move |c| {
                Value::from(Serde(LinkView::contact(&repo.contacts[c])))
            }),
            applications: LazyValues::new(repo.applications.len(), move |a| {
                Value::from(Serde(LinkView::application(&repo.applications[a])))
            }),
        }
    }

    /// The link of contact `c`.
    pub(crate) fn contact(&self, c: usize) -> Value {
        self.contacts[c].clone()
    }

    /// The link of application `a`.
    pub(crate) fn application(&self, a: usize) -> Value {
        self.applications[a].clone()
    }

    /// The link of the contact or application whose file holds `entry`; none for an
    /// entry of a journal note, which has no page (its `file` says where it is).
    pub(crate) fn source(&self, entry: &Entry) -> Value {
        match entry.owner {
            Owner::Contact(c) => self.contact(c),
            Owner::Application(a) => self.application(a),
            Owner::Journal(_) => Value::from(()),
        }
    }
}

/// One open action.
#[derive(Debug, Serialize)]
pub(super) struct ActionView<'r> {
    /// Rule id (`heads-up`).
    pub rule: &'static str,
    /// The rule's name in words (`Reference heads-up`).
    pub label: &'static str,
    /// The action's key, as `due` shows it: `goodwill done KEY` settles it.
    pub key: &'r str,
    /// The whole key, for the Done button of `serve`.
    pub full_key: &'r str,
    /// The key of the message that holds it, as `due` shows it.
    pub message: &'r str,
    /// What to do, in one line (the same as in `due`).
    pub title: String,
    /// Why it matters, in one line; for a check-in that pacing moved, also that it was
    /// spread, and from when.
    pub why: std::borrow::Cow<'static, str>,
    /// When it is due.
    pub due: NaiveDate,
    /// For a check-in that pacing moved to a later week: the date it was due before.
    pub spread_from: Option<NaiveDate>,
    /// `overdue`, `due` or `upcoming`.
    pub state: State,
    /// `overdue by 3 days`, `due today`, `due in 2 days`.
    pub when: String,
    /// How urgent it looks: `overdue-long` (a week late or more), `overdue`, `due` or
    /// `upcoming`.
    pub tone: &'static str,
    /// Rank among all open actions, most urgent first (0 is the most urgent).
    pub rank: usize,
    /// The contact it concerns: a link ([`Links`]).
    pub contact: Option<Value>,
    /// The application it concerns: a link.
    pub application: Option<Value>,
    /// The reference's briefing for reference rules, relative to the root.
    pub brief_url: Option<String>,
}

/// One open message: whom, how, the reasons it holds and its one draft.
#[derive(Debug, Serialize)]
pub(super) struct MessageView<'r> {
    /// The message's key, as `due` shows it: `goodwill done KEY` settles all it holds.
    pub key: &'r str,
    /// The whole key, for the buttons of `serve`.
    pub full_key: &'r str,
    /// Whom and what, in one line (the same as in `due`).
    pub title: String,
    /// Whom it goes to, in words: a name, a company, or `yourself`.
    pub to_name: String,
    /// The person it goes to: a link ([`Links`]); none for a note to yourself or a
    /// company with no one on file.
    pub to: Option<Value>,
    /// How it is sent: `email`, `text`, `phone`, `linkedin`, `in-person`, `none`; `self`
    /// for a note to yourself.
    pub channel: &'static str,
    /// Whether it is a note to yourself (a task): no draft, no one to send it to.
    pub note_to_self: bool,
    /// Its first action's due date.
    pub due: NaiveDate,
    /// `overdue`, `due` or `upcoming`.
    pub state: State,
    /// `overdue by 3 days`, `due today`, `due in 2 days`.
    pub when: String,
    /// How urgent it looks (see the action's `tone`).
    pub tone: &'static str,
    /// Rank among all open messages, most urgent first.
    pub rank: usize,
    /// The id of the index's section that shows it: that of its first action.
    pub section: &'static str,
    /// Its reasons: one action card each, in the message's order.
    pub reasons: Vec<Value>,
    /// The applications it concerns: links.
    pub applications: Vec<Value>,
    /// Its one draft; none for a note to yourself, and on the long lists.
    pub draft: Option<Draft>,
}

/// One caution: what to hold back.
#[derive(Debug, Serialize)]
pub(super) struct CautionView {
    /// Caution id (`too-soon`).
    pub rule: &'static str,
    /// The caution's name in words (`Too soon for more`).
    pub label: &'static str,
    /// What to hold back, in one line.
    pub title: String,
    /// Why, in one line.
    pub why: &'static str,
    /// Hold off until this date, if the caution ends.
    pub until: Option<NaiveDate>,
    /// The contact it concerns: a link ([`Links`]).
    pub contact: Option<Value>,
    /// The application it concerns: a link.
    pub application: Option<Value>,
}

/// One log entry on a timeline.
#[derive(Debug, Serialize)]
pub(super) struct EntryView<'r> {
    /// Its date.
    pub date: NaiveDate,
    /// Its text as sanitised HTML (use `|safe`).
    pub html: &'r str,
    /// Its tags, lowercase, without `#`.
    pub tags: &'r [String],
    /// `none`, `open` (a reminder) or `done`.
    pub task: Task,
    /// Dated after today: shown, but counts for nothing yet.
    pub planned: bool,
    /// The contact or application whose file it is written in: a link ([`Links`]).
    pub source: Value,
    /// The file it is written in, relative to the repository root.
    pub file: &'r str,
    /// Its line in that file.
    pub line: usize,
}

/// A contact's details.
#[derive(Debug, Serialize)]
pub(super) struct ContactView<'r> {
    /// The id.
    pub id: &'r str,
    /// The page, relative to the site root.
    pub url: String,
    /// `name`
    pub name: &'r str,
    /// First word of the name, for greetings.
    pub first_name: &'r str,
    /// `company`
    pub company: Option<&'r str>,
    /// `title`
    pub title: Option<&'r str>,
    /// `email`, every address.
    pub emails: &'r [String],
    /// `phone`
    pub phone: Option<&'r str>,
    /// `linkedin`, as written.
    pub linkedin: Option<&'r str>,
    /// `linkedin` when it is an `http(s)` URL that may be linked.
    pub linkedin_url: Option<&'r str>,
    /// `relationship`
    pub relationship: Relationship,
    /// `prefers`
    pub prefers: Option<Prefers>,
    /// `cadence`, as written (`90d`).
    pub cadence: Option<String>,
    /// `gift_ideas`
    pub gift_ideas: Option<&'r str>,
    /// `talking_points`
    pub talking_points: &'r [String],
    /// `tags`
    pub tags: &'r [String],
    /// `archived`
    pub archived: bool,
    /// `snooze_until`
    pub snooze_until: Option<NaiveDate>,
    /// `aliases`, as written.
    pub aliases: &'r [String],
    /// The file, relative to the repository root.
    pub file: &'r str,
    /// The date of the latest touch on or before today.
    pub last_touch: Option<NaiveDate>,
}

/// An application's details.
#[derive(Debug, Serialize)]
pub(super) struct ApplicationView<'r> {
    /// The id.
    pub id: &'r str,
    /// The page, relative to the site root.
    pub url: String,
    /// `Role at Company`.
    pub title: String,
    /// `company`
    pub company: &'r str,
    /// `role`
    pub role: &'r str,
    /// `status`
    pub status: Status,
    /// `applied`, `interviewing` or `offer`.
    pub active: bool,
    /// `applied`
    pub applied: Option<NaiveDate>,
    /// `decided`
    pub decided: Option<NaiveDate>,
    /// `target`
    pub target: bool,
    /// `posting`, as written.
    pub posting: Option<&'r str>,
    /// `posting` when it is an `http(s)` URL that may be linked.
    pub posting_url: Option<&'r str>,
    /// `highlights`
    pub highlights: &'r [String],
    /// `tags`
    pub tags: &'r [String],
    /// The file, relative to the repository root.
    pub file: &'r str,
}

/// Page-independent facts every template gets as `site`.
#[derive(Debug, Serialize)]
pub(super) struct SiteView<'r> {
    /// The day the dashboard was built for.
    pub today: NaiveDate,
    /// `owner` in goodwill.toml.
    pub owner: &'r str,
    /// Contacts without errors.
    pub contacts: usize,
    /// Applications without errors.
    pub applications: usize,
    /// Open actions due before today.
    pub overdue: usize,
    /// Open actions due today.
    pub due: usize,
    /// Open actions due after today.
    pub upcoming: usize,
    /// Messages to send (not notes to yourself) due today or before: the headline.
    pub to_send: usize,
    /// Of those, the ones due before today.
    pub messages_overdue: usize,
    /// Notes to yourself (tasks) due today or before.
    pub notes: usize,
    /// Open messages, notes to yourself included.
    pub messages: usize,
    /// Error diagnostics.
    pub errors: usize,
    /// Warning diagnostics.
    pub warnings: usize,
    /// `goodwill VERSION`.
    pub generator: String,
}

/// Only `http://` and `https://` URLs become links.
pub(crate) fn web_url(text: Option<&str>) -> Option<&str> {
    let text = text?.trim();
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(text)
}

pub(crate) fn contact_view<'r>(
    contact: &'r Contact,
    last_touch: Option<NaiveDate>,
) -> ContactView<'r> {
    ContactView {
        id: &contact.id,
        url: Route::Contact(&contact.id).path(),
        name: &contact.name,
        first_name: contact
            .name
            .split_whitespace()
            .next()
            .unwrap_or(&contact.name),
        company: contact.company.as_deref(),
        title: contact.title.as_deref(),
        emails: &contact.emails,
        phone: contact.phone.as_deref(),
        linkedin: contact.linkedin.as_deref(),
        linkedin_url: web_url(contact.linkedin.as_deref()),
        relationship: contact.relationship,
        prefers: contact.prefers,
        cadence: contact.cadence.map(|d: Duration| d.to_string()),
        gift_ideas: contact.gift_ideas.as_deref(),
        talking_points: &contact.talking_points,
        tags: &contact.tags,
        archived: contact.archived,
        snooze_until: contact.snooze_until,
        aliases: &contact.aliases,
        file: &contact.file,
        last_touch,
    }
}

pub(crate) fn application_view(application: &Application) -> ApplicationView<'_> {
    ApplicationView {
        id: &application.id,
        url: Route::Application(&application.id).path(),
        title: application.title(),
        company: &application.company,
        role: &application.role,
        status: application.status,
        active: application.status.is_active(),
        applied: application.applied,
        decided: application.decided,
        target: application.target,
        posting: application.posting.as_deref(),
        posting_url: web_url(application.posting.as_deref()),
        highlights: &application.highlights,
        tags: &application.tags,
        file: &application.file,
    }
}

/// `overdue by 3 days`, `due today`, `due tomorrow`, `due in 4 days`.
fn when(due: NaiveDate, today: NaiveDate) -> String {
    let days = (due - today).num_days();
    let plural = |n: i64| if n == 1 { "" } else { "s" };
    match days {
        0 => "due today".to_owned(),
        1 => "due tomorrow".to_owned(),
        d if d < 0 => format!("overdue by {} day{}", -d, plural(-d)),
        d => format!("due in {d} day{}", plural(d)),
    }
}

/// An action's urgency: days late (negative when ahead), counted up to two weeks, as a
/// month-old check-in is not more pressing than a heads-up owed since yesterday, plus
/// its rule's weight (`RuleSpec::weight`). Higher is more urgent.
pub(crate) fn urgency(rule: Rule, due: NaiveDate, today: NaiveDate) -> i64 {
    (today - due).num_days().min(14) + rule.spec().weight
}

/// The order of `actions` from most to least urgent; ties keep the rules' order (by due
/// date, then rule).
pub(crate) fn by_urgency(actions: &[Action], today: NaiveDate) -> Vec<usize> {
    let mut order: Vec<usize> = (0..actions.len()).collect();
    order.sort_by_key(|&i| {
        let action = &actions[i];
        std::cmp::Reverse(urgency(action.rule, action.due, today))
    });
    order
}

/// The tone of an action's colour: lateness in more than one red.
pub(crate) fn tone(due: NaiveDate, today: NaiveDate) -> &'static str {
    match (today - due).num_days() {
        d if d >= 7 => "overdue-long",
        d if d > 0 => "overdue",
        0 => "due",
        _ => "upcoming",
    }
}

pub(crate) fn action_view<'r>(
    repo: &'r Repository,
    links: &Links,
    action: &Action,
    key: &'r ActionKey,
    message: &'r ActionKey,
    today: NaiveDate,
    rank: usize,
) -> ActionView<'r> {
    let application = action.application.map(|a| &repo.applications[a]);
    let brief_url = match (action.contact, application) {
        (Some(c), Some(a)) if action.rule.spec().briefs && a.references.contains(&c) => Some(
            Route::Brief {
                application: &a.id,
                contact: &repo.contacts[c].id,
            }
            .path(),
        ),
        _ => None,
    };
    ActionView {
        rule: action.rule.id(),
        label: action.rule.name(),
        key: key.short(),
        full_key: &key.full,
        message: message.short(),
        title: action.title(repo),
        why: match action.spread_from {
            None => action.rule.why().into(),
            Some(from) => format!(
                "{} {}",
                action.rule.why(),
                crate::rules::spread_reason(from, repo.settings.limits.checkins_per_week)
            )
            .into(),
        },
        due: action.due,
        spread_from: action.spread_from,
        state: action.state(today),
        when: when(action.due, today),
        tone: tone(action.due, today),
        rank,
        contact: action.contact.map(|c| links.contact(c)),
        application: action.application.map(|a| links.application(a)),
        brief_url,
    }
}

/// Message `m` of `outcome`: `reasons` are its actions' cards, `rank` its place among
/// the messages, most urgent first.
#[allow(clippy::too_many_arguments)] // A message is made of all of these.
pub(crate) fn message_view<'r>(
    repo: &'r Repository,
    outcome: &'r Outcome,
    links: &Links,
    m: usize,
    reasons: Vec<Value>,
    section: &'static str,
    rank: usize,
    draft: Option<Draft>,
) -> MessageView<'r> {
    use crate::rules::messages::Recipient;
    let message = &outcome.messages[m];
    let today = outcome.today;
    let (to_name, to) = match message.recipient {
        Recipient::Contact(c) => (repo.contacts[c].name.clone(), Some(links.contact(c))),
        Recipient::Application(a) => (repo.applications[a].company.clone(), None),
        Recipient::Yourself => ("yourself".to_owned(), None),
    };
    MessageView {
        key: message.key.short(),
        full_key: &message.key.full,
        title: message.title(repo, &outcome.actions),
        to_name,
        to,
        channel: if message.is_note_to_self() {
            "self"
        } else {
            message.channel(repo, &outcome.actions).word()
        },
        note_to_self: message.is_note_to_self(),
        due: message.due,
        state: message.state(today),
        when: when(message.due, today),
        tone: tone(message.due, today),
        rank,
        section,
        reasons,
        applications: message
            .applications(&outcome.actions)
            .into_iter()
            .map(|a| links.application(a))
            .collect(),
        draft,
    }
}

/// A message's urgency: that of its most urgent action.
pub(crate) fn message_urgency(outcome: &Outcome, m: usize) -> i64 {
    outcome.messages[m]
        .actions
        .iter()
        .map(|&i| {
            let action = &outcome.actions[i];
            urgency(action.rule, action.due, outcome.today)
        })
        .max()
        .unwrap_or(i64::MIN)
}

/// The order of the messages from most to least urgent; ties keep their order (by due
/// date, then key).
pub(crate) fn messages_by_urgency(outcome: &Outcome) -> Vec<usize> {
    let mut order: Vec<usize> = (0..outcome.messages.len()).collect();
    order.sort_by_cached_key(|&m| std::cmp::Reverse(message_urgency(outcome, m)));
    order
}

pub(crate) fn caution_view(repo: &Repository, links: &Links, caution: &Caution) -> CautionView {
    CautionView {
        rule: caution.rule.id(),
        label: caution.rule.spec().label,
        title: caution.title(repo),
        why: caution.rule.why(),
        until: caution.until,
        contact: caution.contact.map(|c| links.contact(c)),
        application: caution.application.map(|a| links.application(a)),
    }
}

pub(crate) fn entry_view<'r>(
    repo: &'r Repository,
    links: &Links,
    entry: &'r Entry,
    html: &'r str,
    today: NaiveDate,
) -> EntryView<'r> {
    let file = repo.file_of(entry.owner);
    EntryView {
        date: entry.date,
        html,
        tags: &entry.tags,
        task: entry.task,
        planned: entry.date > today,
        source: links.source(entry),
        file,
        line: entry.line,
    }
}

pub(crate) fn site_view<'r>(repo: &'r Repository, outcome: &Outcome) -> SiteView<'r> {
    let count = |state: State| {
        outcome
            .actions
            .iter()
            .filter(|a| a.state(outcome.today) == state)
            .count()
    };
    let by_today = || outcome.messages.iter().filter(|m| m.due <= outcome.today);
    let errors = repo.errors();
    SiteView {
        to_send: by_today().filter(|m| !m.is_note_to_self()).count(),
        messages_overdue: by_today()
            .filter(|m| !m.is_note_to_self() && m.due < outcome.today)
            .count(),
        notes: by_today().filter(|m| m.is_note_to_self()).count(),
        messages: outcome.messages.len(),
        today: outcome.today,
        owner: &repo.settings.owner,
        contacts: repo.contacts.len(),
        applications: repo.applications.len(),
        overdue: count(State::Overdue),
        due: count(State::Due),
        upcoming: count(State::Upcoming),
        errors,
        warnings: repo.diagnostics.len() - errors,
        generator: format!("goodwill {}", env!("CARGO_PKG_VERSION")),
    }
}

/// Files left out of the rules because they have errors, each once.
pub(crate) fn left_out(diagnostics: &[Diagnostic]) -> Vec<&str> {
    let mut files: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.file.as_str())
        .collect();
    files.sort_unstable();
    files.dedup();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_reads_naturally() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default();
        assert_eq!(when(d(20), d(22)), "overdue by 2 days");
        assert_eq!(when(d(21), d(22)), "overdue by 1 day");
        assert_eq!(when(d(22), d(22)), "due today");
        assert_eq!(when(d(23), d(22)), "due tomorrow");
        assert_eq!(when(d(29), d(22)), "due in 7 days");
    }

    #[test]
    fn urgency_grades_lateness_and_weighs_the_rule() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default();
        let today = d(22);
        // A heads-up one day late outranks a check-in months late.
        let month_old = NaiveDate::from_ymd_opt(2026, 6, 8).unwrap_or_default();
        assert!(urgency(Rule::HeadsUp, d(21), today) > urgency(Rule::Stale, month_old, today));
        // Lateness counts up to two weeks.
        assert_eq!(urgency(Rule::Stale, month_old, today), 14);
        assert_eq!(urgency(Rule::Stale, d(8), today), 14);
        assert_eq!(urgency(Rule::Stale, d(9), today), 13);
        assert_eq!(urgency(Rule::ThankFavor, d(22), today), 7);
        assert_eq!(urgency(Rule::Task, d(24), today), 12);
        for (due, expected) in [
            (d(15), "overdue-long"),
            (d(16), "overdue"),
            (d(21), "overdue"),
            (d(22), "due"),
            (d(23), "upcoming"),
        ] {
            assert_eq!(tone(due, today), expected, "{due}");
        }
    }

    #[test]
    fn every_rule_has_words_that_are_not_its_id() {
        for spec in crate::rules::table::RULES {
            assert!(!spec.name.is_empty());
            assert_ne!(spec.name, spec.id);
        }
    }

    #[test]
    fn only_web_urls_are_links() {
        assert_eq!(
            web_url(Some("https://x.example/a")),
            Some("https://x.example/a")
        );
        assert_eq!(web_url(Some("HTTP://x")), Some("HTTP://x"));
        assert_eq!(web_url(Some("javascript:alert(1)")), None);
        assert_eq!(web_url(Some("linkedin.com/in/x")), None);
        assert_eq!(web_url(None), None);
    }
}
