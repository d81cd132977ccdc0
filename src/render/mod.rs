//! The dashboard (`docs/dashboard.md`): every page rendered in parallel from
//! minijinja templates into a staging folder that replaces the output only when all of
//! it was written.

mod contexts;
mod dates;
pub(crate) mod draft;
mod ics;
mod lazy;
mod markdown;
pub(crate) mod output;
mod packet;
pub(crate) mod route;
mod site;
mod svg;
pub(crate) mod templates;
mod views;

use crate::error::{Error, Refusal};
use crate::model::{Repository, Target};
use crate::rules::Outcome;
use minijinja::Value;
use minijinja::value::Serde;
use output::Staging;
use rayon::prelude::*;
use route::Route;
use serde::Serialize;
pub(crate) use site::RepoIndexes;
use site::{Keep, Site, Unit};
use std::path::{Path, PathBuf};
use templates::Templates;

/// The templates a build renders pages from (the rest are included by them).
pub(crate) const PAGE_TEMPLATES: &[&str] = &[
    "index.html",
    "contacts.html",
    "applications.html",
    "targets.html",
    "contact.html",
    "application.html",
    "brief.html",
    "packet.html",
    "letter.txt",
    "section.html",
];

/// What a build wrote.
#[derive(Debug, Clone)]
pub(crate) struct Summary {
    /// HTML pages written.
    pub pages: usize,
    /// The output folder, absolute.
    pub out: PathBuf,
}

/// Builds the dashboard of `repo` for `outcome` into `out`. Errors are fatal problems
/// (unsafe or unwritable output, a template error), each one message; the previous
/// dashboard is then left as it was.
pub(crate) fn build(repo: &Repository, outcome: &Outcome, out: &Path) -> Result<Summary, Error> {
    let out = output::check(out, &repo.root)?;
    let templates = Templates::load(&repo.root)?;
    templates.preload(PAGE_TEMPLATES)?;
    templates.preload(&draft::TEMPLATES)?;
    // The JSON and the calendar do not need the site's indexes: make them meanwhile.
    let (site, (json, calendar)) = rayon::join(
        || Site::new(repo, outcome, &templates, Keep::UntilLastPage, None),
        || rayon::join(|| json_file(repo, outcome), || ics::calendar(repo, outcome)),
    );
    let staging = Staging::create(&out)?;
    for name in templates::STATIC_FILES {
        staging.write(
            &Route::Static(name).path(),
            templates.static_file(name).as_bytes(),
        )?;
    }
    for (name, bytes) in templates.assets() {
        staging.write(name, bytes)?;
    }
    staging.write(&Route::Json.path(), &json)?;
    staging.write(&Route::Calendar.path(), calendar.as_bytes())?;
    // Tens of megabytes at 10,000 contacts: not kept while the pages render.
    drop((json, calendar));
    let page = |template: &str, context: &dyn ErasedPage, path: &str| -> Result<(), Error> {
        let html = templates.render(template, context.value())?;
        staging.write(path, html.as_bytes())
    };
    // The three big list pages render on one thread while the others share the pages.
    let (lists, briefs) = rayon::join(
        || list_pages(&site, &page),
        || own_pages(repo, &site, &templates, &page),
    );
    lists?;
    let briefs = briefs?;
    if let Some(error) = site.draft_error() {
        return Err(error);
    }
    if let Some(old) = staging.publish()? {
        output::discard(old);
    }
    Ok(Summary {
        pages: 4 + SECTION_PAGES + repo.contacts.len() + repo.applications.len() + briefs,
        out,
    })
}

/// How many `sections/ID.html` pages a build writes: the index's sections and its data
/// problems.
const SECTION_PAGES: usize = site::SECTION_IDS.len();

/// One file of the dashboard, named by what it shows: what `serve` renders when a browser
/// asks for it, byte for byte what [`build`] writes at [`Page::path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Page {
    /// `index.html`
    Index,
    /// `contacts.html`
    Contacts,
    /// `applications.html`
    Applications,
    /// `targets.html`
    Targets,
    /// `sections/ID.html`: every message of one section of the index.
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
    /// `applications/ID/packet/CONTACT.html`: the packet to send one reference.
    Packet {
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
    pub(crate) fn at(repo: &Repository, path: &str) -> Option<Page> {
        let contact = |id: &str| match repo.target(id) {
            Some(Target::Contact(c)) if is_safe_id(id) => Some(c),
            _ => None,
        };
        let application = |id: &str| match repo.target(id) {
            Some(Target::Application(a)) if is_safe_id(id) => Some(a),
            _ => None,
        };
        // A briefing or a packet exists for each reference of each application.
        let reference = |a: &str, c: &str| {
            let (a, c) = (application(a)?, contact(c)?);
            repo.applications[a]
                .references
                .contains(&c)
                .then_some((a, c))
        };
        let page = match Route::at(path)? {
            Route::Index => Page::Index,
            Route::Contacts => Page::Contacts,
            Route::Applications => Page::Applications,
            Route::Targets => Page::Targets,
            Route::Json => Page::Json,
            Route::Calendar => Page::Calendar,
            Route::Robots => Page::Robots,
            Route::Static(name) => Page::Static(
                templates::STATIC_FILES
                    .iter()
                    .find(|&&known| known == name)
                    .copied()?,
            ),
            Route::Section(id) => Page::Section(
                site::SECTION_IDS
                    .iter()
                    .find(|&&known| known == id)
                    .copied()?,
            ),
            Route::Contact(id) => Page::Contact(contact(id)?),
            Route::Application(id) => Page::Application(application(id)?),
            Route::Brief {
                application: a,
                contact: c,
            } => {
                let (a, c) = reference(a, c)?;
                Page::Brief {
                    application: a,
                    contact: c,
                }
            }
            Route::Packet {
                application: a,
                contact: c,
            } => {
                let (a, c) = reference(a, c)?;
                Page::Packet {
                    application: a,
                    contact: c,
                }
            }
        };
        Some(page)
    }

    /// Its route: where the page is, by the ids of what it shows.
    pub(crate) fn route(self, repo: &Repository) -> Route<'_> {
        match self {
            Page::Index => Route::Index,
            Page::Contacts => Route::Contacts,
            Page::Applications => Route::Applications,
            Page::Targets => Route::Targets,
            Page::Section(id) => Route::Section(id),
            Page::Contact(c) => Route::Contact(&repo.contacts[c].id),
            Page::Application(a) => Route::Application(&repo.applications[a].id),
            Page::Brief {
                application,
                contact,
            } => Route::Brief {
                application: &repo.applications[application].id,
                contact: &repo.contacts[contact].id,
            },
            Page::Packet {
                application,
                contact,
            } => Route::Packet {
                application: &repo.applications[application].id,
                contact: &repo.contacts[contact].id,
            },
            Page::Json => Route::Json,
            Page::Calendar => Route::Calendar,
            Page::Robots => Route::Robots,
            Page::Static(name) => Route::Static(name),
        }
    }

    /// Where the page is, relative to the output folder.
    pub(crate) fn path(self, repo: &Repository) -> String {
        self.route(repo).path()
    }
}

/// The dashboard of one repository and outcome, ready to render any page on its own.
pub(crate) struct Renderer<'r> {
    repo: &'r Repository,
    outcome: &'r Outcome,
    templates: &'r Templates,
    /// Made for the first page that needs it: the JSON, the calendar and the static
    /// files do not.
    site: std::sync::OnceLock<Site<'r>>,
    /// The indexes of the repository, if made beforehand, for the site to take.
    indexes: std::sync::Mutex<Option<RepoIndexes>>,
}

impl<'r> Renderer<'r> {
    /// A renderer of `repo` and `outcome` with `templates`; it indexes them for the first
    /// page that needs it, starting from `indexes` when they were made beforehand (for
    /// `repo` on the day of `outcome`).
    pub(crate) fn new(
        repo: &'r Repository,
        outcome: &'r Outcome,
        templates: &'r Templates,
        indexes: Option<RepoIndexes>,
    ) -> Self {
        Renderer {
            repo,
            outcome,
            templates,
            site: std::sync::OnceLock::new(),
            indexes: std::sync::Mutex::new(indexes),
        }
    }

    /// The bytes of `page`, exactly as [`build`] writes them; an error is a template
    /// error, one message.
    pub(crate) fn render(&self, page: Page) -> Result<Vec<u8>, Error> {
        let repo = self.repo;
        let site = || {
            self.site.get_or_init(|| {
                let indexes = self.indexes.lock().ok().and_then(|mut made| made.take());
                Site::new(repo, self.outcome, self.templates, Keep::Always, indexes)
            })
        };
        let html = |template: &str, context: &dyn ErasedPage| {
            self.templates
                .render(template, context.value())
                .map(String::into_bytes)
        };
        let rendered = match page {
            Page::Index => html("index.html", &site().index()),
            Page::Contacts => html("contacts.html", &site().contacts()),
            Page::Applications => html("applications.html", &site().applications()),
            Page::Targets => html("targets.html", &site().targets()),
            Page::Section(id) => match site().section_page(id) {
                Some(context) => html("section.html", &context),
                None => Err(Refusal::NoSection(id.to_string()).into()),
            },
            Page::Contact(c) => html("contact.html", &site().contact(c)),
            Page::Application(a) => html("application.html", &site().application(a)),
            Page::Brief {
                application,
                contact,
            } => {
                let root = page.route(repo).root();
                let synopsis = brief_synopsis(repo, application, root);
                let questions = site().questions(application, root);
                packet::packet(
                    repo,
                    self.templates,
                    application,
                    contact,
                    site().entries_of_application(application),
                    self.outcome.today,
                )
                .and_then(|packet| {
                    html(
                        "brief.html",
                        &site().brief(application, contact, &synopsis, &questions, &packet.letter),
                    )
                })
            }
            Page::Packet {
                application,
                contact,
            } => {
                let entries = site().entries_of_application(application);
                packet::packet(
                    repo,
                    self.templates,
                    application,
                    contact,
                    entries,
                    self.outcome.today,
                )
                .and_then(|context| html("packet.html", &context))
            }
            Page::Json => Ok(json_file(repo, self.outcome)),
            Page::Calendar => Ok(ics::calendar(repo, self.outcome).into_bytes()),
            Page::Robots => Ok(output::ROBOTS.to_vec()),
            Page::Static(name) => Ok(self.templates.static_file(name).as_bytes().to_vec()),
        };
        match self.site.get().and_then(Site::draft_error) {
            Some(error) => Err(error),
            None => rendered,
        }
    }
}

/// `actions.json`: what `due --json` prints.
fn json_file(repo: &Repository, outcome: &Outcome) -> Vec<u8> {
    // Room for all of it at once (about 270 bytes an action at 10,000 contacts): grown
    // by doubling instead, it was copied a few times and its last copy held twice the
    // room. Room not written to is never touched, so it costs no memory.
    let room = 4096
        + 512 * outcome.actions.len()
        + 256 * (outcome.cautions.len() + repo.diagnostics.len());
    let mut json = Vec::with_capacity(room);
    // Writing into memory cannot fail, nor can serialising strings, dates and enums.
    if crate::report::json::write(repo, outcome, &mut json).is_err() {
        json = crate::report::json::to_string(repo, outcome).into_bytes();
    }
    json.push(b'\n');
    json
}

/// An application's synopsis as HTML for a briefing of it, whose links start with `root`.
fn brief_synopsis(repo: &Repository, a: usize, root: &str) -> String {
    markdown::block(&repo.applications[a].synopsis, repo, root)
}

/// The index, the lists and the section pages, one after the other.
fn list_pages(site: &Site, page: &RenderPage) -> Result<(), Error> {
    page("index.html", &site.index(), &Route::Index.path())?;
    page("contacts.html", &site.contacts(), &Route::Contacts.path())?;
    page(
        "applications.html",
        &site.applications(),
        &Route::Applications.path(),
    )?;
    page("targets.html", &site.targets(), &Route::Targets.path())?;
    for id in site::SECTION_IDS {
        if let Some(context) = site.section_page(id) {
            page("section.html", &context, &Route::Section(id).path())?;
        }
    }
    Ok(())
}

/// The page of every contact and application and the briefings and packets, in
/// parallel; returns how many briefings and packets were written.
fn own_pages(
    repo: &Repository,
    site: &Site,
    templates: &Templates,
    page: &RenderPage,
) -> Result<usize, Error> {
    // In an order where the pages that share a draft or an entry come close together,
    // so that it is not held for long.
    site.page_order()
        .into_par_iter()
        .map(|unit| match unit {
            Unit::Contact(c) if is_safe_id(&repo.contacts[c].id) => {
                let path = Page::Contact(c).path(repo);
                page("contact.html", &site.contact(c), &path).map(|()| 0)
            }
            Unit::Application(a) if is_safe_id(&repo.applications[a].id) => {
                application_pages(repo, site, templates, a, page)
            }
            Unit::Contact(_) | Unit::Application(_) => Ok(0),
        })
        .try_reduce(|| 0, |x, y| Ok(x + y))
}

/// `applications/ID.html` and the briefing and packet of each of its references;
/// returns how many of those were written.
fn application_pages(
    repo: &Repository,
    site: &Site,
    templates: &Templates,
    a: usize,
    page: &RenderPage,
) -> Result<usize, Error> {
    let application = &repo.applications[a];
    page(
        "application.html",
        &site.application(a),
        &Page::Application(a).path(repo),
    )?;
    // Made once for all the briefings, which are equally deep.
    let mut shared: Option<(String, Vec<(usize, String)>)> = None;
    let mut references = application.references.clone();
    references.sort_unstable();
    references.dedup();
    let mut written = 0;
    for c in references {
        let contact = &repo.contacts[c];
        if !is_safe_id(&contact.id) {
            continue;
        }
        let route = Page::Brief {
            application: a,
            contact: c,
        }
        .route(repo);
        let (synopsis, questions) = shared.get_or_insert_with(|| {
            let root = route.root();
            (brief_synopsis(repo, a, root), site.questions(a, root))
        });
        let packet = packet::packet(
            repo,
            templates,
            a,
            c,
            site.entries_of_application(a),
            site.today(),
        )?;
        page(
            "brief.html",
            &site.brief(a, c, synopsis, questions, &packet.letter),
            &route.path(),
        )?;
        let route = Page::Packet {
            application: a,
            contact: c,
        }
        .route(repo);
        page("packet.html", &packet, &route.path())?;
        written += 2;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders every page of the project's example repository as a build does, without
    /// writing them: what each page showed, and what the index and lists showed.
    #[test]
    fn a_build_asks_for_each_counted_value_as_often_as_counted() {
        let repo = crate::open(Path::new(env!("CARGO_MANIFEST_DIR")));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let outcome = crate::rules::evaluate(&repo, today);
        let templates = Templates::load(&repo.root).unwrap_or_else(|e| panic!("{e}"));
        let site = Site::new(&repo, &outcome, &templates, Keep::UntilLastPage, None);
        let rendered = std::sync::atomic::AtomicUsize::new(0);
        let page = |template: &str, context: &dyn ErasedPage, _: &str| -> Result<(), Error> {
            templates.render(template, context.value())?;
            rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok(())
        };
        let briefs = own_pages(&repo, &site, &templates, &page).unwrap_or_else(|e| panic!("{e}"));
        list_pages(&site, &page).unwrap_or_else(|e| panic!("{e}"));
        assert!(briefs > 0 && outcome.actions.iter().any(|a| a.contact.is_some()));
        assert_eq!(
            rendered.into_inner(),
            4 + SECTION_PAGES + repo.contacts.len() + repo.applications.len() + briefs
        );
        assert!(site.draft_error().is_none());
        assert!(site.all_used_as_counted());
        // One page more, as `serve` renders one again: made afresh, the same page.
        let again = Renderer::new(&repo, &outcome, &templates, None);
        let contact = Page::Contact(0);
        let text = |page: Result<Vec<u8>, Error>| page.map_err(|error| error.to_string());
        assert_eq!(text(again.render(contact)), text(again.render(contact)));
        // And the same with the repository's indexes made beforehand, as `serve` does.
        let indexes = RepoIndexes::new(&repo, outcome.today);
        let premade = Renderer::new(&repo, &outcome, &templates, Some(indexes));
        for page in [Page::Index, contact, Page::Application(0), Page::Contacts] {
            assert_eq!(
                text(premade.render(page)),
                text(again.render(page)),
                "{page:?}"
            );
        }
    }
}
