//! The whole site indexed once (messages, actions, cautions and entries by contact and by
//! application), and from it the context of each page (`contexts.rs`).

use super::contexts::{
    ApplicationPage, ApplicationRow, ApplicationsPage, BriefPage, Cell, ContactPage, ContactRow,
    ContactsPage, IndexPage, Involvement, Person, ReferenceRow, Section, SectionPage,
    TargetCompany, TargetPerson, TargetsPage,
};
use super::lazy::{CountedValues, LazyValues};
use super::markdown;
use super::route::Route;
use super::templates::Templates;
use super::views::{
    EntryView, LinkView, Links, action_view, application_view, by_urgency, caution_view,
    contact_view, entry_view, left_out, message_view, messages_by_urgency, site_view, tone,
    web_url,
};
use crate::model::tags::{AGREED, INTERVIEW, QUESTION, TagSet};
use crate::model::{Owner, Repository, Status};
use crate::rules::messages::Recipient;
use crate::rules::table::Section as SectionOfRules;
use crate::rules::{Outcome, Rule, State};
use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::Serde;
use std::sync::{Arc, Mutex};

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
    draft_error: Arc<Mutex<Option<String>>>,
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
        let draft_error: Arc<Mutex<Option<String>>> = Arc::default();
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
    pub(crate) fn draft_error(&self) -> Option<String> {
        self.draft_error.lock().ok().and_then(|first| first.clone())
    }

    /// `index.html`
    pub(crate) fn index(&self) -> IndexPage<'_, 'r> {
        let first = self.first();
        let mut sections: Vec<Section> = self
            .section_members()
            .into_iter()
            .map(|(id, title, intro, members)| {
                let above = members.iter().filter(|i| first.contains(i)).count();
                Section {
                    id,
                    title,
                    intro,
                    items: members
                        .iter()
                        .copied()
                        .filter(|m| !first.contains(m))
                        .take(SHOWN)
                        .map(|m| self.message_for_index(m))
                        .collect(),
                    total: members.len(),
                    above,
                    url: Route::Section(id).path(),
                }
            })
            .collect();
        let coming_up = sections
            .pop()
            .unwrap_or_else(|| Section::empty("coming-up"));
        let mut hold_off = self.hold_off();
        hold_off.items.truncate(SHOWN);
        let diagnostics = &self.repo.diagnostics;
        IndexPage {
            root: Route::Index.root(),
            site: &self.site,
            first: first.iter().map(|&m| self.message_for_index(m)).collect(),
            sections,
            coming_up,
            hold_off,
            soon: in_words(self.repo.settings.grace.soon),
            diagnostics: &diagnostics[..diagnostics.len().min(PROBLEMS_SHOWN)],
            problems: Section {
                total: diagnostics.len(),
                ..Section::empty("problems")
            },
            left_out: left_out(diagnostics),
            pipeline_svg: &self.pipeline_svg,
            touches_svg: &self.touches_svg,
        }
    }

    /// Every caution, as the "Hold off" section.
    fn hold_off(&self) -> Section {
        Section {
            id: "hold-off",
            title: "Hold off",
            intro: "What not to do right now.".to_owned(),
            items: self.caution_values.clone(),
            total: self.caution_values.len(),
            above: 0,
            url: Route::Section("hold-off").path(),
        }
    }

    /// `sections/ID.html` for `id`, one of [`SECTION_IDS`]: one page per section of the
    /// index holding all of it. Made one at a time, as the largest hold cards by the
    /// thousand.
    pub(crate) fn section_page(&self, id: &str) -> Option<SectionPage<'_, 'r>> {
        let diagnostics = &self.repo.diagnostics;
        let page = |kind: &'static str, section: Section| SectionPage {
            root: Route::Section(section.id).root(),
            site: &self.site,
            kind,
            section,
            diagnostics: if kind == "problems" { diagnostics } else { &[] },
            left_out: if kind == "problems" {
                left_out(diagnostics)
            } else {
                Vec::new()
            },
        };
        match id {
            "hold-off" => return Some(page("cautions", self.hold_off())),
            "problems" => {
                let problems = Section {
                    title: "Data problems",
                    intro: "What goodwill could not read, or found odd, in your files.".to_owned(),
                    total: diagnostics.len(),
                    ..Section::empty("problems")
                };
                return Some(page("problems", problems));
            }
            _ => {}
        }
        let (id, title, intro, members) = self
            .section_members()
            .into_iter()
            .find(|(known, ..)| *known == id)?;
        let section = Section {
            id,
            title,
            intro,
            total: members.len(),
            items: members.into_iter().map(|m| self.message_card(m)).collect(),
            above: 0,
            url: Route::Section(id).path(),
        };
        Some(page("messages", section))
    }

    /// A row of a list page for contact `c`.
    fn contact_row(&self, c: usize) -> ContactRow {
        ContactRow {
            contact: self.contact_for_list(c),
            open: self.actions_of_contact[c].len(),
            next: self.actions_of_contact[c].first().map(|&i| self.card(i)),
        }
    }

    /// `contacts.html`: who is owed something by the end of the `soon` window, most
    /// urgent first; then everyone else, the soonest due first (those owed nothing at
    /// all by name); then the archived, by name.
    pub(crate) fn contacts(&self) -> ContactsPage<'_> {
        let contacts = &self.repo.contacts;
        let horizon = self.repo.settings.grace.soon.after(self.today);
        let next = |c: usize| {
            self.actions_of_contact[c]
                .first()
                .map(|&i| &self.actions[i])
        };
        let mut by_name: Vec<usize> = (0..contacts.len()).collect();
        by_name.sort_by_cached_key(|&c| contacts[c].name.to_lowercase());
        let mut live: Vec<usize> = by_name
            .iter()
            .copied()
            .filter(|&c| !contacts[c].archived)
            .collect();
        // Stable: contacts owed nothing keep their order by name.
        live.sort_by_key(|&c| next(c).map_or(usize::MAX, |a| a.rank));
        let (owed, others): (Vec<usize>, Vec<usize>) = live
            .into_iter()
            .partition(|&c| next(c).is_some_and(|a| a.due <= horizon));
        let rows = |list: &mut dyn Iterator<Item = usize>| -> Vec<ContactRow> {
            list.map(|c| self.contact_row(c)).collect()
        };
        ContactsPage {
            root: Route::Contacts.root(),
            site: &self.site,
            total: contacts.len(),
            soon: in_words(self.repo.settings.grace.soon),
            owed: rows(&mut owed.into_iter()),
            others: rows(&mut others.into_iter()),
            archived: rows(&mut by_name.iter().copied().filter(|&c| contacts[c].archived)),
        }
    }

    /// `applications.html`: live applications, those with something owed first (most
    /// urgent first), then the newest; then closed ones, the latest decided first.
    pub(crate) fn applications(&self) -> ApplicationsPage<'_> {
        let applications = &self.repo.applications;
        let row = |a: usize| ApplicationRow {
            application: &self.application_values[a],
            open: self.actions_of_application[a].len(),
            next: self.actions_of_application[a]
                .first()
                .map(|&i| self.card(i)),
        };
        let mut live: Vec<usize> = (0..applications.len())
            .filter(|&a| !applications[a].status.is_decided())
            .collect();
        live.sort_by_key(|&a| {
            let next = self.actions_of_application[a]
                .first()
                .map_or(usize::MAX, |&i| self.actions[i].rank);
            (next, std::cmp::Reverse(applications[a].applied))
        });
        let mut closed: Vec<usize> = (0..applications.len())
            .filter(|&a| applications[a].status.is_decided())
            .collect();
        closed.sort_by_key(|&a| {
            std::cmp::Reverse((applications[a].decided, applications[a].applied))
        });
        ApplicationsPage {
            root: Route::Applications.root(),
            site: &self.site,
            total: applications.len(),
            live: live.into_iter().map(row).collect(),
            closed: closed.into_iter().map(row).collect(),
        }
    }

    /// `targets.html`: each target company with the people you know there (soonest
    /// check-in first) and its applications, and the targets where you know nobody yet.
    pub(crate) fn targets(&self) -> TargetsPage<'_> {
        use crate::rules::company_key;
        let names = crate::rules::target_names(self.repo);
        let position: std::collections::HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, (key, _))| (key.as_str(), i))
            .collect();
        let at = |company: Option<&str>| {
            company.and_then(|company| position.get(company_key(company).as_str()).copied())
        };
        let mut people: Vec<Vec<TargetPerson>> = (0..names.len()).map(|_| Vec::new()).collect();
        let mut next_due: Vec<Vec<Option<NaiveDate>>> = vec![Vec::new(); names.len()];
        for (c, contact) in self.repo.contacts.iter().enumerate() {
            let Some(t) = at(contact.company.as_deref()) else {
                continue;
            };
            let next = self.actions_of_contact[c]
                .iter()
                .find(|&&i| self.actions[i].rule == Rule::Cheesecake.id());
            next_due[t].push(next.map(|&i| self.actions[i].due));
            people[t].push(TargetPerson {
                contact: self.contact_for_list(c),
                next_check_in: next.map(|&i| self.card(i)),
                next: self.actions_of_contact[c].first().map(|&i| self.card(i)),
                open: self.actions_of_contact[c].len(),
            });
        }
        let mut applications: Vec<Vec<&Value>> = vec![Vec::new(); names.len()];
        for (a, application) in self.repo.applications.iter().enumerate() {
            if let Some(t) = at(Some(&application.company)) {
                applications[t].push(&self.application_values[a]);
            }
        }
        let targets: Vec<TargetCompany> = names
            .iter()
            .zip(people.into_iter().zip(next_due))
            .zip(applications)
            .map(|(((_, name), (people, next_due)), applications)| {
                // Contacts come in id order; the soonest check-in first, none last.
                let mut rows: Vec<(Option<NaiveDate>, TargetPerson)> =
                    next_due.into_iter().zip(people).collect();
                rows.sort_by_key(|(due, _)| (due.is_none(), *due));
                TargetCompany {
                    name,
                    people: rows.into_iter().map(|(_, person)| person).collect(),
                    applications,
                }
            })
            .collect();
        TargetsPage {
            root: Route::Targets.root(),
            site: &self.site,
            nobody_yet: targets
                .iter()
                .filter(|t| t.people.is_empty())
                .map(|t| t.name)
                .collect(),
            targets,
        }
    }

    /// The entries, newest first, as template values; the sort is stable, so entries of
    /// one day keep file order.
    ///
    /// On the page of `id` (at `route`), an entry that links `id` is rendered again with
    /// that link as plain text: a page does not link to itself.
    ///
    /// Each entry's value is asked for once: the uses [`entry_uses`] counts.
    fn timeline(&self, entries: &[usize], id: &str, route: &Route) -> Vec<Value> {
        self.timeline_of(entries, id, route)
            .into_iter()
            .map(|(_, value)| value)
            .collect()
    }

    /// [`Site::timeline`], each value with the index of its entry.
    fn timeline_of(&self, entries: &[usize], id: &str, route: &Route) -> Vec<(usize, Value)> {
        // The entries' HTML is made for pages one folder down, this one among them.
        let href = route.url_from(route);
        let mut sorted = entries.to_vec();
        sorted.sort_by_key(|&i| std::cmp::Reverse(self.repo.entries[i].date));
        sorted
            .iter()
            .map(|&i| {
                let entry = &self.repo.entries[i];
                let value = self.entry_values.get(i);
                if !entry.links.iter().any(|link| link == id) {
                    return (i, value);
                }
                // The HTML made once for every page, rather than the Markdown again.
                let made = value.get_attr("html").ok();
                let html = unlink(made.as_ref().and_then(Value::as_str).unwrap_or(""), &href);
                let view = entry_view(self.repo, &self.links, entry, &html, self.today);
                (i, Value::from(Serde(view)))
            })
            .collect()
    }

    /// `contacts/ID.html`
    pub(crate) fn contact(&self, c: usize) -> ContactPage<'_> {
        let contact = &self.repo.contacts[c];
        let applications = self.roles[c]
            .iter()
            .map(|&(a, role)| {
                let application = &self.repo.applications[a];
                Involvement {
                    brief_url: (role == "reference").then(|| {
                        Route::Brief {
                            application: &application.id,
                            contact: &contact.id,
                        }
                        .path()
                    }),
                    application: &self.application_values[a],
                    role,
                }
            })
            .collect();
        let route = Route::Contact(&contact.id);
        ContactPage {
            root: route.root(),
            site: &self.site,
            contact: self.contact_values.get(c),
            messages: self.messages_of_contact[c]
                .iter()
                .map(|&m| self.message(m))
                .collect(),
            cautions: self.cautions_of_contact[c]
                .iter()
                .map(|&i| &self.caution_values[i])
                .collect(),
            applications,
            notes_html: markdown::block(
                contact
                    .body
                    .get(..contact.log_start)
                    .unwrap_or(&contact.body),
                self.repo,
                route.root(),
            ),
            timeline: self.timeline(&self.entries_of_contact[c], &contact.id, &route),
        }
    }

    /// `applications/ID.html`, and the synopsis as HTML for its briefings.
    pub(crate) fn application(&self, a: usize) -> ApplicationPage<'_, 'r> {
        let application = &self.repo.applications[a];
        // An entry in a contact's file that links no application concerns all of theirs:
        // right for the rules, but it says nothing about this application in particular.
        let (entries, general): (Vec<usize>, Vec<usize>) =
            self.entries_of_application[a].iter().partition(|&&i| {
                let entry = &self.repo.entries[i];
                matches!(entry.owner, crate::model::Owner::Application(_))
                    || entry.links.contains(&application.id)
            });
        let references = application
            .references
            .iter()
            .map(|&c| self.reference_row(a, c))
            .collect();
        let people = application
            .contacts
            .iter()
            .map(|&c| {
                let contact = &self.repo.contacts[c];
                Person {
                    contact: LinkView::contact(contact),
                    relationship: contact.relationship,
                    title: contact.title.as_deref(),
                }
            })
            .collect();
        let route = Route::Application(&application.id);
        // Each entry's value once, as counted: the interviews are among the entries, in
        // the same order (newest first, and of one day in file order).
        let timeline = self.timeline_of(&entries, &application.id, &route);
        let interviews = timeline
            .iter()
            .filter(|(i, _)| self.repo.entries[*i].tagged(INTERVIEW))
            .map(|(_, value)| value.clone())
            .collect();
        ApplicationPage {
            root: route.root(),
            site: &self.site,
            application: &self.application_values[a],
            messages: self.messages_of_application[a]
                .iter()
                .map(|&m| self.message(m))
                .collect(),
            cautions: self.cautions_of_application[a]
                .iter()
                .map(|&i| &self.caution_values[i])
                .collect(),
            synopsis_html: markdown::block(&application.synopsis, self.repo, route.root()),
            references,
            people,
            interviews,
            timeline: timeline.into_iter().map(|(_, value)| value).collect(),
            general: self.timeline(&general, &application.id, &route),
        }
    }

    /// The entries for (c, a) that are events by today with one of `tags`: their dates.
    fn done(&self, c: usize, a: usize, tags: TagSet, since: Option<NaiveDate>) -> Vec<NaiveDate> {
        let mut dates: Vec<NaiveDate> = self.entries_of_contact[c]
            .iter()
            .map(|&i| &self.repo.entries[i])
            .filter(|e| !e.is_open_task() && e.date <= self.today)
            .filter(|e| e.applications.contains(&a) && e.tagged(tags))
            .filter(|e| since.is_none_or(|s| e.date >= s))
            .map(|e| e.date)
            .collect();
        dates.sort_unstable();
        dates.dedup();
        dates
    }

    fn cell(&self, a: usize, c: usize, rules: &[Rule], done: Vec<NaiveDate>) -> Cell {
        let action = self.actions_of_application[a]
            .iter()
            .filter(|&&i| self.action_contacts[i] == Some(c))
            .map(|&i| &self.actions[i])
            .find(|x| rules.iter().any(|r| r.id() == x.rule));
        Cell {
            done,
            due: action.map(|x| x.due),
            state: action.map(|x| x.state),
            rule: action.map(|x| x.rule),
            label: action.map(|x| x.label),
            tone: action.map(|x| x.tone),
        }
    }

    fn reference_row(&self, a: usize, c: usize) -> ReferenceRow<'r> {
        let application = &self.repo.applications[a];
        let contact = &self.repo.contacts[c];
        // Agreement is given for one application and lasts `limits.agreement_lasts`
        // (`docs/rules.md`, `permission`): the grid ticks the latest `#agreed` for (c, a)
        // in it. An `#asked` settles the action but is no agreement yet.
        let since = self.repo.settings.limits.agreement_lasts.before(self.today);
        let agreed: Vec<NaiveDate> = self
            .done(c, a, AGREED, Some(since))
            .pop()
            .into_iter()
            .collect();
        ReferenceRow {
            contact: LinkView::contact(contact),
            brief_url: Route::Brief {
                application: &application.id,
                contact: &contact.id,
            }
            .path(),
            packet_url: Route::Packet {
                application: &application.id,
                contact: &contact.id,
            }
            .path(),
            permission: self.cell(a, c, &[Rule::Permission], agreed),
            heads_up: self.cell(
                a,
                c,
                &[Rule::HeadsUp],
                self.done(c, a, Rule::HeadsUp.settled(), None),
            ),
            updates: self.cell(
                a,
                c,
                &[Rule::InterviewUpdate, Rule::OutcomeUpdate],
                self.done(c, a, Rule::OutcomeUpdate.settled(), None),
            ),
            thanks: self.cell(
                a,
                c,
                &[Rule::ThankReference, Rule::Gift],
                self.done(c, a, Rule::ThankReference.settled(), application.applied),
            ),
        }
    }

    /// `applications/ID/brief/CONTACT.html` for reference `c` of application `a`;
    /// `synopsis_html` is rendered for the briefing's depth by the caller, once per
    /// application, and `letter` is the draft letter of their packet.
    pub(crate) fn brief<'a>(
        &'a self,
        a: usize,
        c: usize,
        synopsis_html: &'a str,
        questions_html: &'a [(usize, String)],
        letter: &'a str,
    ) -> BriefPage<'a, 'r> {
        let application = &self.repo.applications[a];
        let settings = &self.repo.settings;
        let resume = Some(settings.resume.trim()).filter(|r| !r.is_empty());
        let owed = self.brief_messages(a, c);
        let mut questions: Vec<EntryView> = questions_html
            .iter()
            .map(|(i, html)| {
                entry_view(
                    self.repo,
                    &self.links,
                    &self.repo.entries[*i],
                    html,
                    self.today,
                )
            })
            .collect();
        questions.sort_by_key(|entry| entry.date);
        let messages: Vec<Value> = owed.iter().map(|&m| self.message(m)).collect();
        BriefPage {
            root: Route::Brief {
                application: &application.id,
                contact: &self.repo.contacts[c].id,
            }
            .root(),
            site: &self.site,
            application: &self.application_values[a],
            contact: self.contact_values.get(c),
            messages: messages.clone(),
            synopsis_html,
            questions,
            resume,
            resume_url: web_url(resume),
            // What is owed now, most urgent first: the first message that has a draft.
            draft: owed
                .iter()
                .position(|&m| !self.outcome.messages[m].is_note_to_self())
                .map(|at| messages[at].clone()),
            synopsis_file: (application.synopsis.is_empty()).then_some(application.file.as_str()),
            packet_url: Route::Packet {
                application: &application.id,
                contact: &self.repo.contacts[c].id,
            }
            .path(),
            letter,
        }
    }

    /// Every entry that concerns application `a`, as indices into the entries.
    pub(crate) fn entries_of_application(&self, a: usize) -> &[usize] {
        &self.entries_of_application[a]
    }

    /// The day the pages are made for.
    pub(crate) fn today(&self) -> NaiveDate {
        self.today
    }

    /// The messages a briefing of reference `c` for application `a` shows: those of `c`'s
    /// page that concern `a`, most urgent first.
    fn brief_messages(&self, a: usize, c: usize) -> Vec<usize> {
        self.messages_of_contact[c]
            .iter()
            .copied()
            .filter(|&m| self.message_applications[m].contains(&a))
            .collect()
    }

    /// The `#question` entries of application `a`, as HTML for a briefing, whose root
    /// prefix is `root`.
    pub(crate) fn questions(&self, a: usize, root: &str) -> Vec<(usize, String)> {
        self.entries_of_application[a]
            .iter()
            .filter(|&&i| self.repo.entries[i].tagged(QUESTION))
            .map(|&i| {
                (
                    i,
                    markdown::inline(&self.repo.entries[i].text, self.repo, root),
                )
            })
            .collect()
    }
}

/// `html` with every link to `href` replaced by its text (in a `span`), so a page does
/// not link to itself. `html` is the sanitised output of `markdown::inline`, whose
/// links are written `<a href="URL">TEXT</a>` with nothing nested in them.
fn unlink(html: &str, href: &str) -> String {
    let open = format!("<a href=\"{href}\"");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let Some(text) = rest[start..].find('>').map(|end| start + end + 1) else {
            break;
        };
        let Some(close) = rest[text..].find("</a>").map(|end| text + end) else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str("<span class=\"here\">");
        out.push_str(&rest[text..close]);
        out.push_str("</span>");
        rest = &rest[close + 4..];
    }
    out.push_str(rest);
    out
}

/// How long a [`Site`] keeps the values it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// Until the last page of a build that shows each: `build` renders every page once.
    UntilLastPage,
    /// As long as the site: `serve` renders any page any number of times.
    Always,
}

/// What the pages need of the repository alone, whatever the rules say: `serve` makes it
/// while the rules run, and [`Site::new`] makes it when not given.
pub(crate) struct RepoIndexes {
    /// Every entry (tasks and planned ones included) that concerns each contact.
    entries_of_contact: Vec<Vec<usize>>,
    entries_of_application: Vec<Vec<usize>>,
    /// Each contact's last touch on or before the day.
    last_touch: Vec<Option<NaiveDate>>,
    /// Per contact: the applications that list them, and as what.
    roles: Vec<Vec<(usize, &'static str)>>,
    pipeline_svg: String,
    touches_svg: String,
}

impl RepoIndexes {
    /// The indexes of `repo` on `today`.
    pub(crate) fn new(repo: &Repository, today: NaiveDate) -> Self {
        let ((entries_of_contact, entries_of_application, last_touch), (roles, svgs)) = rayon::join(
            || index_entries(repo, today),
            || {
                let counts: Vec<(Status, usize)> = Status::ALL
                    .iter()
                    .map(|&s| {
                        let count = repo.applications.iter().filter(|a| a.status == s).count();
                        (s, count)
                    })
                    .collect();
                let svgs = (
                    super::svg::pipeline(&counts),
                    super::svg::touches(&super::svg::week_counts(repo, today), today),
                );
                (roles(repo), svgs)
            },
        );
        RepoIndexes {
            entries_of_contact,
            entries_of_application,
            last_touch,
            roles,
            pipeline_svg: svgs.0,
            touches_svg: svgs.1,
        }
    }
}

/// Each action's place in the order of urgency (most urgent first), what pages sort and
/// pick them by, and the actions of each contact and of each application in that order.
#[allow(clippy::type_complexity)]
fn index_actions(
    outcome: &Outcome,
    contacts: usize,
    applications: usize,
) -> (
    Vec<usize>,
    Vec<ActionFacts>,
    Vec<Vec<usize>>,
    Vec<Vec<usize>>,
) {
    let today = outcome.today;
    let order = by_urgency(&outcome.actions, today);
    let mut rank = vec![0; outcome.actions.len()];
    for (position, &i) in order.iter().enumerate() {
        rank[i] = position;
    }
    let actions: Vec<ActionFacts> = outcome
        .actions
        .iter()
        .zip(&rank)
        .map(|(action, &rank)| ActionFacts {
            rule: action.rule.id(),
            label: action.rule.name(),
            due: action.due,
            state: action.state(today),
            tone: tone(action.due, today),
            rank,
        })
        .collect();
    let mut of_contact = vec![Vec::new(); contacts];
    let mut of_application = vec![Vec::new(); applications];
    for &i in &order {
        let action = &outcome.actions[i];
        if let Some(c) = action.contact {
            of_contact[c].push(i);
        }
        if let Some(a) = action.application {
            of_application[a].push(i);
        }
    }
    (rank, actions, of_contact, of_application)
}

/// Every entry (tasks and planned ones included) that concerns each contact and each
/// application, and each contact's last touch on or before `today`.
#[allow(clippy::type_complexity)]
fn index_entries(
    repo: &Repository,
    today: NaiveDate,
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>, Vec<Option<NaiveDate>>) {
    let mut of_contact = vec![Vec::new(); repo.contacts.len()];
    let mut of_application = vec![Vec::new(); repo.applications.len()];
    let mut last_touch: Vec<Option<NaiveDate>> = vec![None; repo.contacts.len()];
    for (i, entry) in repo.entries.iter().enumerate() {
        let touch = entry.is_touch() && entry.date <= today;
        for &c in &entry.contacts {
            of_contact[c].push(i);
            if touch {
                last_touch[c] = last_touch[c].max(Some(entry.date));
            }
        }
        for &a in &entry.applications {
            of_application[a].push(i);
        }
    }
    (of_contact, of_application, last_touch)
}

/// Per contact: the applications that list them, and as what.
fn roles(repo: &Repository) -> Vec<Vec<(usize, &'static str)>> {
    let mut roles = vec![Vec::new(); repo.contacts.len()];
    for (a, application) in repo.applications.iter().enumerate() {
        for &c in &application.references {
            roles[c].push((a, "reference"));
        }
        for &c in &application.contacts {
            if !application.references.contains(&c) {
                roles[c].push((a, "contact"));
            }
        }
    }
    roles
}

/// How many pages of a build show each message with its draft: the page of its contact
/// (`message_contacts`), those of its applications, and the briefing of that contact for
/// each of them that lists the contact as a reference (`render::build` writes no page for
/// an unsafe id). The index's few are made apart.
fn message_uses(
    repo: &Repository,
    message_contacts: &[Option<usize>],
    message_applications: &[Vec<usize>],
) -> Vec<u32> {
    let contact = |c: usize| super::is_safe_id(&repo.contacts[c].id);
    let application = |a: usize| super::is_safe_id(&repo.applications[a].id);
    message_contacts
        .iter()
        .zip(message_applications)
        .map(|(&c, applications)| {
            let c = c.filter(|&c| contact(c));
            let mut uses = u32::from(c.is_some());
            for &a in applications.iter().filter(|&&a| application(a)) {
                uses += 1;
                if c.is_some_and(|c| repo.applications[a].references.contains(&c)) {
                    uses += 1;
                }
            }
            uses
        })
        .collect()
}

/// The card of action `i` (one reason of a message), whose rank among the actions is
/// `rank`.
fn action_card(
    repo: &Repository,
    outcome: &Outcome,
    links: &Links,
    rank: usize,
    i: usize,
) -> Value {
    let message = &outcome.messages[outcome.message_of[i]];
    Value::from(Serde(action_view(
        repo,
        links,
        &outcome.actions[i],
        &outcome.keys[i],
        &message.key,
        outcome.today,
        rank,
    )))
}

/// Message `m` as a template value's view: its reasons' cards (`ranks` are the
/// actions'), the section it shows in, and `draft`.
fn message_card<'r>(
    repo: &'r Repository,
    outcome: &'r Outcome,
    links: &Links,
    ranks: &[usize],
    rank: usize,
    m: usize,
    draft: Option<super::draft::Draft>,
) -> super::views::MessageView<'r> {
    let message = &outcome.messages[m];
    let reasons = message
        .actions
        .iter()
        .map(|&i| action_card(repo, outcome, links, ranks[i], i))
        .collect();
    let section = if message.state(outcome.today) == State::Upcoming {
        "coming-up"
    } else {
        outcome.actions[message.actions[0]].rule.spec().section.id()
    };
    message_view(repo, outcome, links, m, reasons, section, rank, draft)
}

/// How many pages of a build show each contact's details: their own and their
/// briefings (one per application that lists them as a reference).
fn contact_uses(repo: &Repository) -> Vec<u32> {
    let mut uses: Vec<u32> = repo
        .contacts
        .iter()
        .map(|contact| u32::from(super::is_safe_id(&contact.id)))
        .collect();
    for application in &repo.applications {
        if !super::is_safe_id(&application.id) {
            continue;
        }
        let mut references = application.references.clone();
        references.sort_unstable();
        references.dedup();
        for c in references {
            if super::is_safe_id(&repo.contacts[c].id) {
                uses[c] += 1;
            }
        }
    }
    uses
}

/// How many pages of a build show each entry: those of the contacts and applications
/// it concerns.
fn entry_uses(
    repo: &Repository,
    of_contact: &[Vec<usize>],
    of_application: &[Vec<usize>],
) -> Vec<u32> {
    let mut uses = vec![0u32; repo.entries.len()];
    let contacts = of_contact
        .iter()
        .zip(&repo.contacts)
        .filter(|(_, contact)| super::is_safe_id(&contact.id));
    let applications = of_application
        .iter()
        .zip(&repo.applications)
        .filter(|(_, application)| super::is_safe_id(&application.id));
    for entries in contacts
        .map(|(entries, _)| entries)
        .chain(applications.map(|(entries, _)| entries))
    {
        for &i in entries {
            uses[i] += 1;
        }
    }
    uses
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
#[cfg(test)]
mod tests {
    use super::unlink;

    #[test]
    fn links_to_the_page_itself_become_text() {
        let html = "Met <a href=\"../contacts/jane.html\">Jane Doe</a> and <a href=\"../contacts/omar.html\">Omar</a>, <a href=\"../contacts/jane.html\" rel=\"x\">her</a>";
        assert_eq!(
            unlink(html, "../contacts/jane.html"),
            "Met <span class=\"here\">Jane Doe</span> and <a href=\"../contacts/omar.html\">Omar</a>, <span class=\"here\">her</span>"
        );
        assert_eq!(unlink("no links", "../contacts/jane.html"), "no links");
        // Links to a page whose URL starts the same stay.
        let other = "<a href=\"../contacts/jane.html2\">x</a>";
        assert_eq!(unlink(other, "../contacts/jane.html"), other);
    }
}
