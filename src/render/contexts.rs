//! The context each page template receives: one struct per page, made of the views of
//! `views.rs` and of template values (`site/` says which are made once for the whole
//! site and which for each page). Documented field by field in `site-template/README.md`.

use super::route::Route;
use super::views::{EntryView, LinkView};
use crate::diag::Diagnostic;
use crate::model::Relationship;
use crate::rules::State;
use chrono::NaiveDate;
use minijinja::Value;
use serde::Serialize;

/// A titled list of messages (or cautions) on the front page, and on its own page.
#[derive(Serialize)]
pub(crate) struct Section {
    pub(super) id: &'static str,
    pub(super) title: &'static str,
    pub(super) intro: String,
    /// On the index, its most urgent messages not already in "Do these first"; on its
    /// own page, all of them. Cautions for "Hold off".
    pub(super) items: Vec<Value>,
    /// How many the section holds.
    pub(super) total: usize,
    /// How many of them the index shows in "Do these first".
    pub(super) above: usize,
    /// Its own page, relative to the site root.
    pub(super) url: String,
}

impl Section {
    pub(super) fn empty(id: &'static str) -> Self {
        Section {
            id,
            title: "",
            intro: String::new(),
            items: Vec::new(),
            total: 0,
            above: 0,
            url: Route::Section(id).path(),
        }
    }
}

/// `index.html`
#[derive(Serialize)]
pub(crate) struct IndexPage<'a, 'r> {
    pub(super) root: &'static str,
    pub(super) site: &'a Value,
    pub(super) first: Vec<Value>,
    pub(super) sections: Vec<Section>,
    pub(super) coming_up: Section,
    pub(super) hold_off: Section,
    pub(super) soon: String,
    pub(super) diagnostics: &'r [Diagnostic],
    pub(super) problems: Section,
    pub(super) left_out: Vec<&'r str>,
    pub(super) pipeline_svg: &'a str,
    pub(super) touches_svg: &'a str,
}

/// `sections/ID.html`: all of one section of the index.
#[derive(Serialize)]
pub(crate) struct SectionPage<'a, 'r> {
    pub(super) root: &'static str,
    pub(super) site: &'a Value,
    /// `messages`, `cautions` or `problems`.
    pub(super) kind: &'static str,
    pub(super) section: Section,
    pub(super) diagnostics: &'r [Diagnostic],
    pub(super) left_out: Vec<&'r str>,
}

/// A row of `contacts.html`.
#[derive(Serialize)]
pub(crate) struct ContactRow {
    pub(super) contact: Value,
    pub(super) open: usize,
    pub(super) next: Option<Value>,
}

/// `contacts.html`
#[derive(Serialize)]
pub(crate) struct ContactsPage<'a> {
    pub(super) root: &'static str,
    pub(super) site: &'a Value,
    pub(super) total: usize,
    pub(super) soon: String,
    pub(super) owed: Vec<ContactRow>,
    pub(super) others: Vec<ContactRow>,
    pub(super) archived: Vec<ContactRow>,
}

/// A row of `applications.html`.
#[derive(Serialize)]
pub(crate) struct ApplicationRow<'a> {
    pub(super) application: &'a Value,
    pub(super) open: usize,
    pub(super) next: Option<Value>,
}

/// `applications.html`
#[derive(Serialize)]
pub(crate) struct ApplicationsPage<'a> {
    pub(super) root: &'static str,
    pub(super) site: &'a Value,
    pub(super) total: usize,
    pub(super) live: Vec<ApplicationRow<'a>>,
    pub(super) closed: Vec<ApplicationRow<'a>>,
}

/// An application on a contact's page.
#[derive(Serialize)]
pub(crate) struct Involvement<'a> {
    pub(super) application: &'a Value,
    pub(super) role: &'static str,
    pub(super) brief_url: Option<String>,
}

/// `contacts/ID.html`
#[derive(Serialize)]
pub(crate) struct ContactPage<'a> {
    pub(super) root: &'static str,
    pub(super) site: &'a Value,
    pub(super) contact: Value,
    /// The open messages to them (and notes to yourself about them), with drafts.
    pub(super) messages: Vec<Value>,
    pub(super) cautions: Vec<&'a Value>,
    pub(super) applications: Vec<Involvement<'a>>,
    pub(super) notes_html: String,
    pub(super) timeline: Vec<Value>,
}

/// One cell of the reference grid: done on which dates, or due when.
#[derive(Serialize, Default)]
pub(crate) struct Cell {
    pub(super) done: Vec<NaiveDate>,
    pub(super) due: Option<NaiveDate>,
    pub(super) state: Option<State>,
    pub(super) rule: Option<&'static str>,
    /// The rule's name in words.
    pub(super) label: Option<&'static str>,
    /// How urgent it looks (see the action's `tone`).
    pub(super) tone: Option<&'static str>,
}

/// A row of the reference grid.
#[derive(Serialize)]
pub(crate) struct ReferenceRow<'r> {
    pub(super) contact: LinkView<'r>,
    pub(super) brief_url: String,
    /// Their packet, to send them (`applications/ID/packet/CONTACT.html`).
    pub(super) packet_url: String,
    pub(super) permission: Cell,
    pub(super) heads_up: Cell,
    pub(super) updates: Cell,
    pub(super) thanks: Cell,
}

/// Someone met or dealt with at the employer.
#[derive(Serialize)]
pub(crate) struct Person<'r> {
    pub(super) contact: LinkView<'r>,
    pub(super) relationship: Relationship,
    pub(super) title: Option<&'r str>,
}

/// `applications/ID.html`
#[derive(Serialize)]
pub(crate) struct ApplicationPage<'a, 'r> {
    pub(super) root: &'static str,
    pub(super) site: &'a Value,
    pub(super) application: &'a Value,
    /// The open messages that concern it, with drafts.
    pub(super) messages: Vec<Value>,
    pub(super) cautions: Vec<&'a Value>,
    pub(super) synopsis_html: String,
    pub(super) references: Vec<ReferenceRow<'r>>,
    pub(super) people: Vec<Person<'r>>,
    pub(super) interviews: Vec<Value>,
    pub(super) timeline: Vec<Value>,
    /// References' entries that concern all their applications, not this one.
    pub(super) general: Vec<Value>,
}

/// `applications/ID/brief/CONTACT.html`
#[derive(Serialize)]
pub(crate) struct BriefPage<'a, 'r> {
    pub(super) root: &'static str,
    pub(super) site: &'a Value,
    pub(super) application: &'a Value,
    pub(super) contact: Value,
    /// The open messages to this reference that concern the application, with drafts.
    pub(super) messages: Vec<Value>,
    pub(super) synopsis_html: &'a str,
    pub(super) questions: Vec<EntryView<'a>>,
    pub(super) resume: Option<&'r str>,
    pub(super) resume_url: Option<&'r str>,
    /// The first of those messages that has a draft, if any.
    pub(super) draft: Option<Value>,
    /// The application's file, when it has no `## Synopsis` section to share.
    pub(super) synopsis_file: Option<&'r str>,
    /// The packet to send this reference, from the root.
    pub(super) packet_url: String,
    /// The draft reference letter of their packet.
    pub(super) letter: &'a str,
}

/// Someone you know at a target company.
#[derive(Serialize)]
pub(crate) struct TargetPerson {
    pub(super) contact: Value,
    pub(super) next_check_in: Option<Value>,
    pub(super) next: Option<Value>,
    pub(super) open: usize,
}

/// A target company on `targets.html`.
#[derive(Serialize)]
pub(crate) struct TargetCompany<'a> {
    pub(super) name: &'a str,
    pub(super) people: Vec<TargetPerson>,
    pub(super) applications: Vec<&'a Value>,
}

/// `targets.html`
#[derive(Serialize)]
pub(crate) struct TargetsPage<'a> {
    pub(super) root: &'static str,
    pub(super) site: &'a Value,
    pub(super) targets: Vec<TargetCompany<'a>>,
    pub(super) nobody_yet: Vec<&'a str>,
}
