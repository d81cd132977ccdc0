//! The whole site indexed once (messages, actions, cautions and entries by contact and by
//! application), and from it the context of each page (`contexts.rs`).

mod brief;
mod index;
mod lists;
mod person;

use crate::model::tags::{AGREED, INTERVIEW, QUESTION, TagSet};
use crate::model::{Owner, Repository, Status};
use crate::render::contexts::{
    ApplicationPage, ApplicationRow, ApplicationsPage, BriefPage, Cell, ContactPage, ContactRow,
    ContactsPage, IndexPage, Involvement, Person, ReferenceRow, Section, SectionPage,
    TargetCompany, TargetPerson, TargetsPage,
};
use crate::render::lazy::{CountedValues, LazyValues};
use crate::render::markdown;
use crate::render::route::Route;
use crate::render::templates::Templates;
use crate::render::views::{
    EntryView, LinkView, Links, action_view, application_view, by_urgency, caution_view,
    contact_view, entry_view, left_out, message_view, messages_by_urgency, site_view, tone,
    web_url,
};
use crate::rules::messages::Recipient;
use crate::rules::table::Section as SectionOfRules;
use crate::rules::{Outcome, Rule, State};
use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::Serde;
use std::sync::{Arc, Mutex};

pub(crate) use index::RepoIndexes;
use index::*;

/// The repository and the rules' outcome, indexed for the pages.
pub(crate) struct Site<'r> {
    repo: &'r Repository,
    outcome: &'r Outcome,
    today: NaiveDate,
    /// The `site` variable, made once: every page gets it.
    site: Value,
    /// The link of each contact and application, shared by every value that links it.
    links: Arc<Links<'r>>,
    /// What the pages sort and pick actions by; the rest of each action is in its value.
    actions: Vec<ActionFacts>,
    /// Each action's place in the order of urgency, for the cards of its message.
    action_ranks: Arc<Vec<usize>>,
    /// Message indices, most urgent first: every list of messages is in this order.
    message_order: Vec<usize>,
    /// Each message's place in that order.
    message_rank: Vec<usize>,
    /// Each message as a template value with its reasons and its draft, for the pages
    /// that show it ([`Site::message`]): made for the first and dropped after the last,
    /// as drafts are most of a message's size. The long lists make theirs without a
    /// draft ([`Site::message_card`]), the index its few apart.
    message_values: CountedValues<'r>,
    /// The contact whose page shows each message: its recipient, or for a note to
    /// yourself the contact it concerns.
    message_contacts: Vec<Option<usize>>,
    /// The applications each message concerns.
    message_applications: Vec<Vec<usize>>,
    /// The messages each contact's page shows, most urgent first.
    messages_of_contact: Vec<Vec<usize>>,
    /// The messages that concern each application, most urgent first.
    messages_of_application: Vec<Vec<usize>>,
    /// Each action's contact.
    action_contacts: Vec<Option<usize>>,
    /// Each caution as a template value.
    caution_values: Vec<Value>,
    /// Each contact's details as a template value: they show in the lists (made afresh
    /// for each), and on the contact's page and briefings (made once for those, and
    /// dropped after the last).
    contact_values: CountedValues<'r>,
    /// Each application's details as a template value, for the same reason.
    application_values: LazyValues<'r>,
    actions_of_contact: Vec<Vec<usize>>,
    actions_of_application: Vec<Vec<usize>>,
    cautions_of_contact: Vec<Vec<usize>>,
    cautions_of_application: Vec<Vec<usize>>,
    /// Every entry (tasks and planned ones included) that concerns each contact.
    entries_of_contact: Arc<Vec<Vec<usize>>>,
    entries_of_application: Arc<Vec<Vec<usize>>>,
    /// Each entry as a template value, for a page one folder below the root: an entry
    /// shows on the page of every contact and application it concerns, and is dropped
    /// after the last of them.
    entry_values: CountedValues<'r>,
    /// The first error of a draft template, made while a value was: the page that
    /// showed it, and the build, fail with it.
    draft_error: Arc<Mutex<Option<crate::Error>>>,
    /// Per contact: the applications that list them, and as what.
    roles: Vec<Vec<(usize, &'static str)>>,
    pipeline_svg: String,
    touches_svg: String,
}

/// How much more a message shared by a contact's and an application's pages weighs than
/// an entry, for [`Site::page_order`]: about what its card and draft take in memory
/// against an entry's value.
const MESSAGE_WEIGHT: u32 = 4;

/// How many messages "Do these first" shows at the top of the index.
const FIRST: usize = 5;

/// How many messages or cautions each section of the index shows; its own page shows all.
const SHOWN: usize = 5;

/// How many diagnostics the index shows.
const PROBLEMS_SHOWN: usize = 10;

/// The id of every `sections/ID.html` page: the index's sections of today's work (the
/// table of rules' sections), coming up, hold off and data problems.
pub(crate) const SECTION_IDS: [&str; SectionOfRules::ALL.len() + 3] = {
    let mut ids = [""; SectionOfRules::ALL.len() + 3];
    let mut i = 0;
    while i < SectionOfRules::ALL.len() {
        ids[i] = SectionOfRules::ALL[i].id();
        i += 1;
    }
    ids[i] = "coming-up";
    ids[i + 1] = "hold-off";
    ids[i + 2] = "problems";
    ids
};

/// The pages of a contact, or of an application with its briefings: what
/// [`Site::page_order`] orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// `contacts/ID.html`, by index into the repository's contacts.
    Contact(usize),
    /// `applications/ID.html` and its briefings, by index into the applications.
    Application(usize),
}

/// Of an action, what pages choose and sort it by; the rest of it is in its value.
pub(crate) struct ActionFacts {
    pub(crate) rule: &'static str,
    pub(crate) label: &'static str,
    pub(crate) due: NaiveDate,
    pub(crate) state: State,
    pub(crate) tone: &'static str,
    /// Its place in the order of urgency, 0 the most urgent.
    pub(crate) rank: usize,
}

impl<'r> Site<'r> {
    /// Indexes everything in one pass over actions, cautions and entries.
    pub(crate) fn new(
        repo: &'r Repository,
        outcome: &'r Outcome,
        templates: &'r Templates,
        keep: Keep,
        indexes: Option<RepoIndexes>,
    ) -> Self {
        let today = outcome.today;
        let (nc, na) = (repo.contacts.len(), repo.applications.len());
        let links = Arc::new(Links::new(repo));
        let indexes = indexes.unwrap_or_else(|| RepoIndexes::new(repo, today));
        let RepoIndexes {
            entries_of_contact,
            entries_of_application,
            last_touch,
            roles,
            pipeline_svg,
            touches_svg,
        } = indexes;
        // The actions and the cautions, side by side: `serve` makes a site for the first
        // page asked for after every change.
        let ((rank, actions, actions_of_contact, actions_of_application), cautions) = rayon::join(
            || index_actions(outcome, nc, na),
            || {
                let caution_values: Vec<Value> = outcome
                    .cautions
                    .iter()
                    .map(|c| Value::from(Serde(caution_view(repo, &links, c))))
                    .collect();
                let mut cautions_of_contact = vec![Vec::new(); nc];
                let mut cautions_of_application = vec![Vec::new(); na];
                for (i, caution) in outcome.cautions.iter().enumerate() {
                    if let Some(c) = caution.contact {
                        cautions_of_contact[c].push(i);
                    }
                    if let Some(a) = caution.application {
                        cautions_of_application[a].push(i);
                    }
                }
                (caution_values, cautions_of_contact, cautions_of_application)
            },
        );
        let (caution_values, cautions_of_contact, cautions_of_application) = cautions;
        // How many pages show each value, for a build to drop it after the last; `serve`
        // keeps them all.
        let uses = |count: &dyn Fn() -> Vec<u32>, len: usize| match keep {
            Keep::UntilLastPage => count(),
            Keep::Always => vec![u32::MAX; len],
        };
        let application_values = LazyValues::new(na, move |a| {
            Value::from(Serde(application_view(&repo.applications[a])))
        });
        let contact_values = CountedValues::new(&uses(&|| contact_uses(repo), nc), move |c| {
            Value::from(Serde(contact_view(&repo.contacts[c], last_touch[c])))
        });
        let entry_links = Arc::clone(&links);
        let entry_values = CountedValues::new(
            &uses(
                &|| entry_uses(repo, &entries_of_contact, &entries_of_application),
                repo.entries.len(),
            ),
            move |i| {
                let entry = &repo.entries[i];
                // Made once for the pages of every contact and application it concerns,
                // which are all as deep as its own file's page.
                let root = match entry.owner {
                    Owner::Contact(c) => Route::Contact(&repo.contacts[c].id).root(),
                    Owner::Application(a) => Route::Application(&repo.applications[a].id).root(),
                    // A journal note has no page: its entries are shown on the pages of
                    // what they concern, which are as deep as a contact's.
                    Owner::Journal(_) => match entry.contacts.first() {
                        Some(&c) => Route::Contact(&repo.contacts[c].id).root(),
                        None => Route::Application(
                            &repo.applications[entry.applications.first().copied().unwrap_or(0)].id,
                        )
                        .root(),
                    },
                };
                let html = markdown::inline(&entry.text, repo, root);
                Value::from(Serde(entry_view(repo, &entry_links, entry, &html, today)))
            },
        );
        let entries_of_contact = Arc::new(entries_of_contact);
        let entries_of_application = Arc::new(entries_of_application);
        let message_order = messages_by_urgency(outcome);
        let mut message_rank = vec![0; outcome.messages.len()];
        for (position, &m) in message_order.iter().enumerate() {
            message_rank[m] = position;
        }
        let message_contacts: Vec<Option<usize>> = outcome
            .messages
            .iter()
            .map(|message| match message.recipient {
                Recipient::Contact(c) => Some(c),
                Recipient::Application(_) => None,
                Recipient::Yourself => outcome.actions[message.actions[0]].contact,
            })
            .collect();
        let message_applications: Vec<Vec<usize>> = outcome
            .messages
            .iter()
            .map(|message| message.applications(&outcome.actions))
            .collect();
        let mut messages_of_contact = vec![Vec::new(); nc];
        let mut messages_of_application = vec![Vec::new(); na];
        for &m in &message_order {
            if let Some(c) = message_contacts[m] {
                messages_of_contact[c].push(m);
            }
            for &a in &message_applications[m] {
                messages_of_application[a].push(m);
            }
        }
        // A message's draft is made, like its card, only when a page shows it.
        let draft_error: Arc<Mutex<Option<crate::Error>>> = Arc::default();
        let first_error = Arc::clone(&draft_error);
        let (of_contact, of_application) = (
            Arc::clone(&entries_of_contact),
            Arc::clone(&entries_of_application),
        );
        let message_links = Arc::clone(&links);
        let message_uses = uses(
            &|| message_uses(repo, &message_contacts, &message_applications),
            outcome.messages.len(),
        );
        let ranks = message_rank.clone();
        let rank = Arc::new(rank);
        let action_ranks = Arc::clone(&rank);
        let message_values = CountedValues::new(&message_uses, move |m| {
            let entries = super::draft::Entries {
                of_contact: &of_contact,
                of_application: &of_application,
            };
            let draft = super::draft::message_draft(templates, repo, outcome, m, Some(entries));
            let draft = draft.unwrap_or_else(|error| {
                if let Ok(mut first) = first_error.lock() {
                    first.get_or_insert(error);
                }
                None
            });
            let view = message_card(repo, outcome, &message_links, &rank, ranks[m], m, draft);
            Value::from(Serde(view))
        });
        Site {
            repo,
            outcome,
            today,
            site: Value::from(Serde(site_view(repo, outcome))),
            links,
            actions,
            action_ranks,
            message_order,
            message_rank,
            message_values,
            message_contacts,
            message_applications,
            messages_of_contact,
            messages_of_application,
            action_contacts: outcome.actions.iter().map(|a| a.contact).collect(),
            caution_values,
            contact_values,
            application_values,
            actions_of_contact,
            actions_of_application,
            cautions_of_contact,
            cautions_of_application,
            entries_of_contact,
            entries_of_application,
            entry_values,
            draft_error,
            roles,
            pipeline_svg,
            touches_svg,
        }
    }

    /// The messages of each section of today's work and of "Coming up", every one most
    /// urgent first: id, title, intro, message indices. A message is in the section of
    /// its first action.
    fn section_members(&self) -> Vec<(&'static str, &'static str, String, Vec<usize>)> {
        let horizon = self.repo.settings.grace.soon.after(self.today);
        let messages = &self.outcome.messages;
        let mut sections: Vec<_> = SectionOfRules::ALL
            .iter()
            .map(|&section| {
                let (id, title, intro) = (section.id(), section.title(), section.intro());
                let members = self
                    .message_order
                    .iter()
                    .copied()
                    .filter(|&m| messages[m].state(self.today) != State::Upcoming)
                    .filter(|&m| section.rules().any(|rule| rule == self.first_rule(m)))
                    .collect();
                (id, title, intro.to_owned(), members)
            })
            .collect();
        let upcoming = self
            .message_order
            .iter()
            .copied()
            .filter(|&m| {
                messages[m].state(self.today) == State::Upcoming && messages[m].due <= horizon
            })
            .collect();
        let soon = in_words(self.repo.settings.grace.soon);
        sections.push((
            "coming-up",
            "Coming up",
            format!("Due in the next {soon}."),
            upcoming,
        ));
        sections
    }

    /// The rule of message `m`'s first action.
    fn first_rule(&self, m: usize) -> Rule {
        self.outcome.actions[self.outcome.messages[m].actions[0]].rule
    }

    /// "Do these first": the most urgent messages due by the end of the `soon` window.
    fn first(&self) -> Vec<usize> {
        let horizon = self.repo.settings.grace.soon.after(self.today);
        self.message_order
            .iter()
            .copied()
            .filter(|&m| self.outcome.messages[m].due <= horizon)
            .take(FIRST)
            .collect()
    }

    /// The card of action `i`, for a list: made for it alone, as the lists render
    /// alongside the other pages, and the cards of all would be held until the last
    /// of those.
    fn card(&self, i: usize) -> Value {
        action_card(
            self.repo,
            self.outcome,
            &self.links,
            self.actions[i].rank,
            i,
        )
    }

    /// Message `m` with its reasons and without its draft, for a long list: made for it
    /// alone (see [`Site::card`]).
    fn message_card(&self, m: usize) -> Value {
        Value::from(Serde(message_card(
            self.repo,
            self.outcome,
            &self.links,
            &self.action_ranks,
            self.message_rank[m],
            m,
            None,
        )))
    }

    /// Message `m` with its draft, for a page whose showing it [`message_uses`] counts.
    fn message(&self, m: usize) -> Value {
        self.message_values.get(m)
    }

    /// Message `m` with its draft, for the index: a few messages, made for it alone.
    fn message_for_index(&self, m: usize) -> Value {
        self.message_values.make(m)
    }

    /// The details of contact `c`, for a list: made for it alone (see [`Site::card`]).
    fn contact_for_list(&self, c: usize) -> Value {
        self.contact_values.make(c)
    }

    /// The order for a build to render the pages of contacts and applications in: each
    /// application's, then those of the contacts who share the most with it, of all
    /// applications (messages, which hold a draft, weigh more than entries); first the
    /// contacts who share nothing with any. A draft or an entry on the pages of a
    /// contact and an application is then made for the first and mostly dropped after
    /// the last a few pages later, rather than held through the build.
    pub(crate) fn page_order(&self) -> Vec<Unit> {
        // Per contact, the applications it shares values with, in order, and how much.
        let mut shares: Vec<Vec<(usize, u32)>> = vec![Vec::new(); self.repo.contacts.len()];
        let mut share = |c: usize, a: usize, weight: u32| match shares[c].last_mut() {
            Some((last, total)) if *last == a => *total += weight,
            _ => shares[c].push((a, weight)),
        };
        for (a, (messages, entries)) in self
            .messages_of_application
            .iter()
            .zip(self.entries_of_application.iter())
            .enumerate()
        {
            for c in messages.iter().filter_map(|&m| self.message_contacts[m]) {
                share(c, a, MESSAGE_WEIGHT);
            }
            for &i in entries {
                for &c in &self.repo.entries[i].contacts {
                    share(c, a, 1);
                }
            }
        }
        let mut after: Vec<Vec<usize>> = vec![Vec::new(); self.repo.applications.len()];
        let mut order = Vec::with_capacity(shares.len() + after.len());
        for (c, shares) in shares.into_iter().enumerate() {
            // The most shared; of equals, the last.
            let most = shares
                .into_iter()
                .fold(None, |best: Option<(usize, u32)>, (a, weight)| match best {
                    Some((_, top)) if top > weight => best,
                    _ => Some((a, weight)),
                });
            match most {
                Some((a, _)) => after[a].push(c),
                None => order.push(Unit::Contact(c)),
            }
        }
        for (a, contacts) in after.into_iter().enumerate() {
            order.push(Unit::Application(a));
            order.extend(contacts.into_iter().map(Unit::Contact));
        }
        order
    }

    /// Whether every counted value was asked for exactly as often as counted: after a
    /// build, none is held and none was made twice.
    #[cfg(test)]
    pub(crate) fn all_used_as_counted(&self) -> bool {
        self.message_values.all_used_as_counted()
            && self.contact_values.all_used_as_counted()
            && self.entry_values.all_used_as_counted()
    }

    /// The first error a draft template gave while the pages were rendered, if any.
    /// It is taken: a second call returns `None`.
    pub(crate) fn draft_error(&self) -> Option<crate::Error> {
        self.draft_error
            .lock()
            .ok()
            .and_then(|mut first| first.take())
    }

    /// Every entry that concerns application `a`, as indices into the entries.
    pub(crate) fn entries_of_application(&self, a: usize) -> &[usize] {
        &self.entries_of_application[a]
    }

    /// The day the pages are made for.
    pub(crate) fn today(&self) -> NaiveDate {
        self.today
    }
}

/// How long a [`Site`] keeps the values it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// Until the last page of a build that shows each: `build` renders every page once.
    UntilLastPage,
    /// As long as the site: `serve` renders any page any number of times.
    Always,
}

/// `7 days`, `2 weeks`, `1 month`: a duration for a sentence.
fn in_words(duration: crate::duration::Duration) -> String {
    use crate::duration::Duration;
    let (n, unit) = match duration {
        Duration::Days(n) => (n, "day"),
        Duration::Weeks(n) => (n, "week"),
        Duration::Months(n) => (n, "month"),
        Duration::Years(n) => (n, "year"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}
