//! The whole site indexed once (actions, cautions and entries by contact and by
//! application), and from it the context of each page (`contexts.rs`).

use super::contexts::{
    ApplicationPage, ApplicationRow, ApplicationsPage, BriefPage, Cell, ContactPage, ContactRow,
    ContactsPage, IndexPage, Involvement, Person, ReferenceRow, Section,
};
use super::markdown;
use super::views::{
    ActionView, EntryView, LinkView, action_view, application_view, caution_view, contact_view,
    entry_view, left_out, site_view, web_url,
};
use crate::model::{Repository, Status};
use crate::rules::{Outcome, Rule, State};
use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::Serde;
use rayon::prelude::*;

/// The repository and the rules' outcome, indexed for the pages.
pub(crate) struct Site<'r> {
    repo: &'r Repository,
    today: NaiveDate,
    /// The `site` variable, made once: every page gets it.
    site: Value,
    actions: Vec<ActionView<'r>>,
    /// Each action as a template value, made once: an action shows on several pages.
    action_values: Vec<Value>,
    /// Each action's contact.
    action_contacts: Vec<Option<usize>>,
    /// Each caution as a template value.
    caution_values: Vec<Value>,
    /// Each contact's details as a template value: they show on the contact's page, in
    /// the contact list and on the page and briefings of every application they are in.
    contact_values: Vec<Value>,
    /// Each application's details as a template value, for the same reason.
    application_values: Vec<Value>,
    actions_of_contact: Vec<Vec<usize>>,
    actions_of_application: Vec<Vec<usize>>,
    cautions_of_contact: Vec<Vec<usize>>,
    cautions_of_application: Vec<Vec<usize>>,
    /// Every entry (tasks and planned ones included) that concerns each contact.
    entries_of_contact: Vec<Vec<usize>>,
    entries_of_application: Vec<Vec<usize>>,
    /// Each entry as a template value, for a page one folder below the root: an entry
    /// shows on the page of every contact and application it concerns.
    entry_values: Vec<Value>,
    /// Per contact: the applications that list them, and as what.
    roles: Vec<Vec<(usize, &'static str)>>,
    pipeline_svg: String,
    touches_svg: String,
}

/// Front-page sections of today's work, in order: id, title, intro, rules.
const SECTIONS: &[(&str, &str, &str, &[Rule])] = &[
    (
        "thanks",
        "Thank-yous owed",
        "People who did something for you and have not heard back.",
        &[
            Rule::ThankReference,
            Rule::Gift,
            Rule::ThankFavor,
            Rule::InterviewerThanks,
            Rule::RejectionThanks,
        ],
    ),
    (
        "references",
        "Updates owed to references",
        "Keep the people who vouch for you informed, before and after every call.",
        &[
            Rule::Permission,
            Rule::HeadsUp,
            Rule::InterviewUpdate,
            Rule::OutcomeUpdate,
        ],
    ),
    (
        "cheesecake",
        "Cheesecake",
        "Something sweet, concise and valuable for people at your target companies.",
        &[Rule::Cheesecake],
    ),
    (
        "stale",
        "Stale relationships",
        "People you have not been in touch with for longer than their cadence.",
        &[Rule::Stale],
    ),
    (
        "follow-through",
        "Feedback and follow-through",
        "Close the loop with employers, and your own reminders.",
        &[
            Rule::AskFeedback,
            Rule::ShareFeedback,
            Rule::Connect,
            Rule::Task,
        ],
    ),
];

impl<'r> Site<'r> {
    /// Indexes everything in one pass over actions, cautions and entries.
    pub(crate) fn new(repo: &'r Repository, outcome: &'r Outcome) -> Self {
        let today = outcome.today;
        let (nc, na) = (repo.contacts.len(), repo.applications.len());
        let actions: Vec<ActionView<'r>> = outcome
            .actions
            .par_iter()
            .map(|action| action_view(repo, action, today))
            .collect();
        let caution_values = outcome
            .cautions
            .iter()
            .map(|c| Value::from(Serde(caution_view(repo, c))))
            .collect();
        let mut actions_of_contact = vec![Vec::new(); nc];
        let mut actions_of_application = vec![Vec::new(); na];
        for (i, action) in outcome.actions.iter().enumerate() {
            if let Some(c) = action.contact {
                actions_of_contact[c].push(i);
            }
            if let Some(a) = action.application {
                actions_of_application[a].push(i);
            }
        }
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
        let mut entries_of_contact = vec![Vec::new(); nc];
        let mut entries_of_application = vec![Vec::new(); na];
        let mut last_touch: Vec<Option<NaiveDate>> = vec![None; nc];
        for (i, entry) in repo.entries.iter().enumerate() {
            let touch = !entry.is_open_task() && entry.date <= today;
            for &c in &entry.contacts {
                entries_of_contact[c].push(i);
                if touch {
                    last_touch[c] = last_touch[c].max(Some(entry.date));
                }
            }
            for &a in &entry.applications {
                entries_of_application[a].push(i);
            }
        }
        let contact_values = repo
            .contacts
            .par_iter()
            .zip(&last_touch)
            .map(|(contact, &touch)| Value::from(Serde(contact_view(contact, touch))))
            .collect();
        let application_values = repo
            .applications
            .par_iter()
            .map(|application| Value::from(Serde(application_view(application))))
            .collect();
        let mut roles = vec![Vec::new(); nc];
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
        let entry_values = repo
            .entries
            .par_iter()
            .map(|entry| {
                let html = markdown::inline(&entry.text, repo, "../");
                Value::from(Serde(entry_view(repo, entry, &html, today)))
            })
            .collect();
        let counts: Vec<(Status, usize)> = Status::ALL
            .iter()
            .map(|&s| {
                (
                    s,
                    repo.applications.iter().filter(|a| a.status == s).count(),
                )
            })
            .collect();
        let action_values = actions.par_iter().map(|a| Value::from(Serde(a))).collect();
        Site {
            repo,
            today,
            site: Value::from(Serde(site_view(repo, outcome))),
            actions,
            action_values,
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
            roles,
            pipeline_svg: super::svg::pipeline(&counts),
            touches_svg: super::svg::touches(&super::svg::week_counts(repo, today), today),
        }
    }

    /// `index.html`
    pub(crate) fn index(&self) -> IndexPage<'_, 'r> {
        let now = |a: &&ActionView| a.state != State::Upcoming;
        let sections = SECTIONS
            .iter()
            .map(|&(id, title, intro, rules)| Section {
                id,
                title,
                intro,
                actions: self
                    .actions
                    .iter()
                    .zip(&self.action_values)
                    .filter(|(a, _)| now(a))
                    .filter(|(a, _)| rules.iter().any(|r| r.id() == a.rule))
                    .map(|(_, value)| value)
                    .collect(),
            })
            .collect();
        let soon = self.repo.settings.grace.soon;
        let horizon = soon.after(self.today);
        IndexPage {
            root: "",
            site: &self.site,
            sections,
            cautions: self.caution_values.iter().collect(),
            upcoming: self
                .actions
                .iter()
                .zip(&self.action_values)
                .filter(|(a, _)| a.state == State::Upcoming && a.due <= horizon)
                .map(|(_, value)| value)
                .collect(),
            soon: in_words(soon),
            diagnostics: &self.repo.diagnostics,
            left_out: left_out(&self.repo.diagnostics),
            pipeline_svg: &self.pipeline_svg,
            touches_svg: &self.touches_svg,
        }
    }

    /// `contacts.html`
    pub(crate) fn contacts(&self) -> ContactsPage<'_> {
        let contacts = self
            .repo
            .contacts
            .iter()
            .enumerate()
            .map(|(c, _)| ContactRow {
                contact: &self.contact_values[c],
                open: self.actions_of_contact[c].len(),
                next: self.actions_of_contact[c]
                    .first()
                    .map(|&i| &self.action_values[i]),
            })
            .collect();
        ContactsPage {
            root: "",
            site: &self.site,
            contacts,
        }
    }

    /// `applications.html`
    pub(crate) fn applications(&self) -> ApplicationsPage<'_> {
        let applications = self
            .repo
            .applications
            .iter()
            .enumerate()
            .map(|(a, _)| ApplicationRow {
                application: &self.application_values[a],
                open: self.actions_of_application[a].len(),
                next: self.actions_of_application[a]
                    .first()
                    .map(|&i| &self.action_values[i]),
            })
            .collect();
        ApplicationsPage {
            root: "",
            site: &self.site,
            applications,
        }
    }

    /// The entries, newest first, as template values; the sort is stable, so entries of
    /// one day keep file order.
    fn timeline(&self, entries: &[usize]) -> Vec<&Value> {
        let mut sorted = entries.to_vec();
        sorted.sort_by_key(|&i| std::cmp::Reverse(self.repo.entries[i].date));
        sorted.iter().map(|&i| &self.entry_values[i]).collect()
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
                        format!("applications/{}/brief/{}.html", application.id, contact.id)
                    }),
                    application: &self.application_values[a],
                    role,
                }
            })
            .collect();
        ContactPage {
            root: "../",
            site: &self.site,
            contact: &self.contact_values[c],
            actions: self.actions_of_contact[c]
                .iter()
                .map(|&i| &self.action_values[i])
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
                "../",
            ),
            timeline: self.timeline(&self.entries_of_contact[c]),
        }
    }

    /// `applications/ID.html`, and the synopsis as HTML for its briefings.
    pub(crate) fn application(&self, a: usize) -> ApplicationPage<'_, 'r> {
        let application = &self.repo.applications[a];
        let entries = &self.entries_of_application[a];
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
        let interviews: Vec<usize> = entries
            .iter()
            .copied()
            .filter(|&i| self.repo.entries[i].has_tag("interview"))
            .collect();
        ApplicationPage {
            root: "../",
            site: &self.site,
            application: &self.application_values[a],
            actions: self.actions_of_application[a]
                .iter()
                .map(|&i| &self.action_values[i])
                .collect(),
            cautions: self.cautions_of_application[a]
                .iter()
                .map(|&i| &self.caution_values[i])
                .collect(),
            synopsis_html: markdown::block(&application.synopsis, self.repo, "../"),
            references,
            people,
            interviews: self.timeline(&interviews),
            timeline: self.timeline(entries),
        }
    }

    /// The entries for (c, a) that are events by today with one of `tags`: their dates.
    fn done(&self, c: usize, a: usize, tags: &[&str], since: Option<NaiveDate>) -> Vec<NaiveDate> {
        let mut dates: Vec<NaiveDate> = self.entries_of_contact[c]
            .iter()
            .map(|&i| &self.repo.entries[i])
            .filter(|e| !e.is_open_task() && e.date <= self.today)
            .filter(|e| e.applications.contains(&a) && e.has_any_tag(tags))
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
        }
    }

    fn reference_row(&self, a: usize, c: usize) -> ReferenceRow<'r> {
        let application = &self.repo.applications[a];
        let contact = &self.repo.contacts[c];
        // Permission is given once, for every application: any `#agreed` by today counts.
        let agreed: Vec<NaiveDate> = self.entries_of_contact[c]
            .iter()
            .map(|&i| &self.repo.entries[i])
            .filter(|e| !e.is_open_task() && e.date <= self.today && e.has_tag("agreed"))
            .map(|e| e.date)
            .max()
            .into_iter()
            .collect();
        ReferenceRow {
            contact: LinkView::contact(contact),
            brief_url: format!("applications/{}/brief/{}.html", application.id, contact.id),
            permission: self.cell(a, c, &[Rule::Permission], agreed),
            heads_up: self.cell(a, c, &[Rule::HeadsUp], self.done(c, a, &["heads-up"], None)),
            updates: self.cell(
                a,
                c,
                &[Rule::InterviewUpdate, Rule::OutcomeUpdate],
                self.done(c, a, &["update"], None),
            ),
            thanks: self.cell(
                a,
                c,
                &[Rule::ThankReference, Rule::Gift],
                self.done(c, a, &["thanks", "gift"], application.applied),
            ),
        }
    }

    /// `applications/ID/brief/CONTACT.html` for reference `c` of application `a`;
    /// `synopsis_html` is rendered for the briefing's depth by the caller, once per
    /// application.
    pub(crate) fn brief<'a>(
        &'a self,
        a: usize,
        c: usize,
        synopsis_html: &'a str,
        questions_html: &'a [(usize, String)],
    ) -> BriefPage<'a, 'r> {
        let application = &self.repo.applications[a];
        let contact = &self.repo.contacts[c];
        let settings = &self.repo.settings;
        let resume = Some(settings.resume.trim()).filter(|r| !r.is_empty());
        let mut questions: Vec<EntryView> = questions_html
            .iter()
            .map(|(i, html)| entry_view(self.repo, &self.repo.entries[*i], html, self.today))
            .collect();
        questions.sort_by_key(|entry| entry.date);
        BriefPage {
            root: "../../../",
            site: &self.site,
            application: &self.application_values[a],
            contact: &self.contact_values[c],
            actions: self.actions_of_application[a]
                .iter()
                .filter(|&&i| self.action_contacts[i] == Some(c))
                .map(|&i| &self.action_values[i])
                .collect(),
            synopsis_html,
            questions,
            resume,
            resume_url: web_url(resume),
            draft: super::draft::heads_up(contact, application, &settings.owner, resume),
        }
    }

    /// The `#question` entries of application `a`, as HTML for a briefing's depth.
    pub(crate) fn questions(&self, a: usize) -> Vec<(usize, String)> {
        self.entries_of_application[a]
            .iter()
            .filter(|&&i| self.repo.entries[i].has_tag("question"))
            .map(|&i| {
                (
                    i,
                    markdown::inline(&self.repo.entries[i].text, self.repo, "../../../"),
                )
            })
            .collect()
    }
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
