//! The dashboard (DESIGN.md sections 9 and 10): every page rendered in parallel from
//! minijinja templates into a staging folder that replaces the output only when all of
//! it was written.

mod contexts;
mod draft;
mod ics;
mod markdown;
pub mod output;
mod pages;
mod svg;
pub mod templates;
mod views;

use crate::model::Repository;
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
const PAGE_TEMPLATES: &[&str] = &[
    "index.html",
    "contacts.html",
    "applications.html",
    "contact.html",
    "application.html",
    "brief.html",
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
pub fn build(repo: &Repository, outcome: &Outcome, out: &Path) -> Result<Summary, String> {
    let out = output::check(out, &repo.root)?;
    let templates = Templates::load(&repo.root)?;
    templates.preload(PAGE_TEMPLATES)?;
    // The JSON and the calendar do not need the site's indexes: make them meanwhile.
    let (site, (json, calendar)) = rayon::join(
        || Site::new(repo, outcome),
        || {
            rayon::join(
                || crate::report::json::to_string(repo, outcome) + "\n",
                || ics::calendar(repo, outcome),
            )
        },
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
    let page = |template: &str, context: &dyn ErasedPage, path: &str| -> Result<(), String> {
        let html = templates.render(template, context.value())?;
        staging.write(path, html.as_bytes())
    };
    // The three big list pages render on one thread while the others share the pages.
    let (lists, briefs) = rayon::join(
        || -> Result<(), String> {
            page("index.html", &site.index(), "index.html")?;
            page("contacts.html", &site.contacts(), "contacts.html")?;
            page(
                "applications.html",
                &site.applications(),
                "applications.html",
            )
        },
        || -> Result<usize, String> {
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
    if let Some(old) = staging.publish()? {
        output::discard(old);
    }
    Ok(Summary {
        pages: 3 + repo.contacts.len() + repo.applications.len() + briefs,
        out,
    })
}

/// `applications/ID.html` and the briefing of each of its references; returns how many
/// briefings were written.
fn application_pages(
    repo: &Repository,
    site: &Site,
    a: usize,
    page: &RenderPage,
) -> Result<usize, String> {
    let application = &repo.applications[a];
    page(
        "application.html",
        &site.application(a),
        &format!("applications/{}.html", application.id),
    )?;
    // Briefings sit three folders down: their links need their own rendering.
    let synopsis = markdown::block(&application.synopsis, repo, "../../../");
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
type RenderPage<'a> = dyn Fn(&str, &dyn ErasedPage, &str) -> Result<(), String> + Sync + 'a;

/// A page context of any type, as a template value.
trait ErasedPage: Sync {
    fn value(&self) -> Value;
}

impl<T: Serialize + Sync> ErasedPage for T {
    fn value(&self) -> Value {
        Value::from(Serde(self))
    }
}
