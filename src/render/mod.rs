//! The dashboard (`docs/dashboard.md`): every page rendered in parallel from
//! minijinja templates into a staging folder that replaces the output only when all of
//! it was written.

mod contexts;
mod dates;
pub mod draft;
mod ics;
mod lazy;
mod markdown;
pub mod output;
mod pages;
mod svg;
pub mod templates;
mod views;

use crate::error::Error;
use crate::model::{Repository, Target};
use crate::rules::Outcome;
use minijinja::Value;
use minijinja::value::Serde;
use output::Staging;
use pages::Site;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use templates::Templates;

/// The templates a build renders pages from (the rest are included by them).
pub const PAGE_TEMPLATES: &[&str] = &[
    "index.html",
    "contacts.html",
    "applications.html",
    "targets.html",
    "contact.html",
    "application.html",
    "brief.html",
    "section.html",
];

/// What a build wrote.
#[derive(Debug, Clone)]
pub struct Summary {
    /// HTML pages written.
    pub pages: usize,
    /// The output folder, absolute.
    pub out: PathBuf,
}

/// Builds the dashboard of `repo` for `outcome` into `out`. Errors are fatal problems
/// (unsafe or unwritable output, a template error), each one message; the previous
/// dashboard is then left as it was.
pub fn build(repo: &Repository, outcome: &Outcome, out: &Path) -> Result<Summary, Error> {
    let out = output::check(out, &repo.root)?;
    let templates = Templates::load(&repo.root)?;
    templates.preload(PAGE_TEMPLATES).map_err(Error::Template)?;
    templates
        .preload(&draft::TEMPLATES)
        .map_err(Error::Template)?;
    // The JSON and the calendar do not need the site's indexes: make them meanwhile.
    let (site, (json, calendar)) = rayon::join(
        || Site::new(repo, outcome, &templates),
        || rayon::join(|| json_file(repo, outcome), || ics::calendar(repo, outcome)),
    );
    let staging = Staging::create(&out)?;
    for name in templates::STATIC_FILES {
        staging.write(name, templates.static_file(name).as_bytes())?;
    }
    for (name, bytes) in templates.assets() {
        staging.write(name, bytes)?;
    }
    staging.write("actions.json", json.as_bytes())?;
    staging.write("calendar.ics", calendar.as_bytes())?;
    // Tens of megabytes at 10,000 contacts: not kept while the pages render.
    drop((json, calendar));
    let page = |template: &str, context: &dyn ErasedPage, path: &str| -> Result<(), Error> {
        let html = templates
            .render(template, context.value())
            .map_err(Error::Template)?;
        staging.write(path, html.as_bytes())
    };
    // The three big list pages render on one thread while the others share the pages.
    let (lists, briefs) = rayon::join(
        || -> Result<(), Error> {
            page("index.html", &site.index(), "index.html")?;
            page("contacts.html", &site.contacts(), "contacts.html")?;
            page(
                "applications.html",
                &site.applications(),
                "applications.html",
            )?;
            page("targets.html", &site.targets(), "targets.html")?;
            for (path, context) in site.section_pages() {
                page("section.html", &context, &path)?;
            }
            Ok(())
        },
        || -> Result<usize, Error> {
            (0..repo.contacts.len())
                .into_par_iter()
                .filter(|&c| is_safe_id(&repo.contacts[c].id))
                .try_for_each(|c| {
                    let path = format!("contacts/{}.html", repo.contacts[c].id);
                    page("contact.html", &site.contact(c), &path)
                })?;
            (0..repo.applications.len())
                .into_par_iter()
                .filter(|&a| is_safe_id(&repo.applications[a].id))
                .map(|a| application_pages(repo, &site, a, &page))
                .try_reduce(|| 0, |x, y| Ok(x + y))
        },
    );
    lists?;
    let briefs = briefs?;
    if let Some(error) = site.draft_error() {
        return Err(Error::Template(error));
    }
    if let Some(old) = staging.publish()? {
        output::discard(old);
    }
    Ok(Summary {
        pages: 4 + SECTION_PAGES + repo.contacts.len() + repo.applications.len() + briefs,
        out,
    })
}

/// How many `sections/ID.html` pages a build writes: the index's seven sections and
/// its data problems.
const SECTION_PAGES: usize = 8;

/// One file of the dashboard, named by what it shows: what `serve` renders when a browser
/// asks for it, byte for byte what [`build`] writes at [`Page::path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// `index.html`
    Index,
    /// `contacts.html`
    Contacts,
    /// `applications.html`
    Applications,
    /// `targets.html`
    Targets,
    /// `sections/ID.html`: every action of one section of the index.
    Section(&'static str),
    /// `contacts/ID.html`, by index into [`Repository::contacts`].
    Contact(usize),
    /// `applications/ID.html`, by index into [`Repository::applications`].
    Application(usize),
    /// `applications/ID/brief/CONTACT.html`: the briefing of one reference.
    Brief {
        /// Index into [`Repository::applications`].
        application: usize,
        /// Index into [`Repository::contacts`], one of the application's references.
        contact: usize,
    },
    /// `actions.json`
    Json,
    /// `calendar.ics`
    Calendar,
    /// `robots.txt`
    Robots,
    /// A file copied as it is (`style.css`), one of [`templates::STATIC_FILES`].
    Static(&'static str),
}

impl Page {
    /// The page at `path` (relative to the output folder, `/`-separated, as
    /// [`Page::path`] gives it) in the dashboard of `repo`, if it has one.
    pub fn at(repo: &Repository, path: &str) -> Option<Page> {
        let page = match path {
            "index.html" => Page::Index,
            "contacts.html" => Page::Contacts,
            "applications.html" => Page::Applications,
            "targets.html" => Page::Targets,
            "actions.json" => Page::Json,
            "calendar.ics" => Page::Calendar,
            "robots.txt" => Page::Robots,
            _ => {
                if let Some(name) = templates::STATIC_FILES.iter().find(|&&name| name == path) {
                    return Some(Page::Static(name));
                }
                let contact = |id: &str| match repo.target(id) {
                    Some(Target::Contact(c)) if is_safe_id(id) => Some(c),
                    _ => None,
                };
                let application = |id: &str| match repo.target(id) {
                    Some(Target::Application(a)) if is_safe_id(id) => Some(a),
                    _ => None,
                };
                if let Some(name) = path.strip_prefix("sections/") {
                    let id = name.strip_suffix(".html")?;
                    return pages::SECTION_IDS
                        .iter()
                        .find(|&&known| known == id)
                        .map(|&id| Page::Section(id));
                }
                if let Some(id) = path.strip_prefix("contacts/") {
                    return contact(id.strip_suffix(".html")?).map(Page::Contact);
                }
                let rest = path.strip_prefix("applications/")?;
                match rest.split_once("/brief/") {
                    None => Page::Application(application(rest.strip_suffix(".html")?)?),
                    Some((a, c)) => {
                        let (a, c) = (application(a)?, contact(c.strip_suffix(".html")?)?);
                        if !repo.applications[a].references.contains(&c) {
                            return None;
                        }
                        Page::Brief {
                            application: a,
                            contact: c,
                        }
                    }
                }
            }
        };
        Some(page)
    }

    /// Where the page is, relative to the output folder.
    pub fn path(self, repo: &Repository) -> String {
        match self {
            Page::Index => "index.html".to_owned(),
            Page::Contacts => "contacts.html".to_owned(),
            Page::Applications => "applications.html".to_owned(),
            Page::Targets => "targets.html".to_owned(),
            Page::Section(id) => pages::section_url(id),
            Page::Contact(c) => format!("contacts/{}.html", repo.contacts[c].id),
            Page::Application(a) => format!("applications/{}.html", repo.applications[a].id),
            Page::Brief {
                application,
                contact,
            } => format!(
                "applications/{}/brief/{}.html",
                repo.applications[application].id, repo.contacts[contact].id
            ),
            Page::Json => "actions.json".to_owned(),
            Page::Calendar => "calendar.ics".to_owned(),
            Page::Robots => "robots.txt".to_owned(),
            Page::Static(name) => name.to_owned(),
        }
    }
}

/// The dashboard of one repository and outcome, ready to render any page on its own.
pub struct Renderer<'r> {
    repo: &'r Repository,
    outcome: &'r Outcome,
    templates: &'r Templates,
    site: Site<'r>,
}

impl<'r> Renderer<'r> {
    /// Indexes `repo` and `outcome` for rendering with `templates`.
    pub fn new(repo: &'r Repository, outcome: &'r Outcome, templates: &'r Templates) -> Self {
        Renderer {
            repo,
            outcome,
            templates,
            site: Site::new(repo, outcome, templates),
        }
    }

    /// The bytes of `page`, exactly as [`build`] writes them; an error is a template
    /// error, one message.
    pub fn render(&self, page: Page) -> Result<Vec<u8>, String> {
        let (repo, site) = (self.repo, &self.site);
        let html = |template: &str, context: &dyn ErasedPage| {
            self.templates
                .render(template, context.value())
                .map(String::into_bytes)
        };
        let rendered = match page {
            Page::Index => html("index.html", &site.index()),
            Page::Contacts => html("contacts.html", &site.contacts()),
            Page::Applications => html("applications.html", &site.applications()),
            Page::Targets => html("targets.html", &site.targets()),
            Page::Section(id) => {
                let url = pages::section_url(id);
                match site
                    .section_pages()
                    .into_iter()
                    .find(|(path, _)| *path == url)
                {
                    Some((_, context)) => html("section.html", &context),
                    None => Err(format!("no section `{id}`")),
                }
            }
            Page::Contact(c) => html("contact.html", &site.contact(c)),
            Page::Application(a) => html("application.html", &site.application(a)),
            Page::Brief {
                application,
                contact,
            } => {
                let synopsis = brief_synopsis(repo, application);
                let questions = site.questions(application);
                html(
                    "brief.html",
                    &site.brief(application, contact, &synopsis, &questions),
                )
            }
            Page::Json => Ok(json_file(repo, self.outcome).into_bytes()),
            Page::Calendar => Ok(ics::calendar(repo, self.outcome).into_bytes()),
            Page::Robots => Ok(output::ROBOTS.to_vec()),
            Page::Static(name) => Ok(self.templates.static_file(name).as_bytes().to_vec()),
        };
        match site.draft_error() {
            Some(error) => Err(error),
            None => rendered,
        }
    }
}

/// `actions.json`: what `due --json` prints.
fn json_file(repo: &Repository, outcome: &Outcome) -> String {
    crate::report::json::to_string(repo, outcome) + "\n"
}

/// An application's synopsis as HTML for its briefings, which sit three folders down and
/// need links of their own.
fn brief_synopsis(repo: &Repository, a: usize) -> String {
    markdown::block(&repo.applications[a].synopsis, repo, "../../../")
}

/// `applications/ID.html` and the briefing of each of its references; returns how many
/// briefings were written.
fn application_pages(
    repo: &Repository,
    site: &Site,
    a: usize,
    page: &RenderPage,
) -> Result<usize, Error> {
    let application = &repo.applications[a];
    page(
        "application.html",
        &site.application(a),
        &format!("applications/{}.html", application.id),
    )?;
    let synopsis = brief_synopsis(repo, a);
    let questions = site.questions(a);
    let mut references = application.references.clone();
    references.sort_unstable();
    references.dedup();
    let mut written = 0;
    for c in references {
        let contact = &repo.contacts[c];
        if !is_safe_id(&contact.id) {
            continue;
        }
        let path = format!("applications/{}/brief/{}.html", application.id, contact.id);
        page(
            "brief.html",
            &site.brief(a, c, &synopsis, &questions),
            &path,
        )?;
        written += 1;
    }
    Ok(written)
}

/// Output paths come from ids only; an id is never empty and holds only `a-z0-9-`, but
/// a page is skipped rather than written anywhere unexpected if that ever changes.
fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Renders template (first argument) with a context into a path (third argument).
type RenderPage<'a> = dyn Fn(&str, &dyn ErasedPage, &str) -> Result<(), Error> + Sync + 'a;

/// A page context of any type, as a template value.
trait ErasedPage: Sync {
    fn value(&self) -> Value;
}

impl<T: Serialize + Sync> ErasedPage for T {
    fn value(&self) -> Value {
        Value::from(Serde(self))
    }
}
