//! Integration tests: every file `goodwill build` writes is where its `Route` says, and
//! every relative link of every page, made from the page's root prefix, lands on a file
//! the build wrote (`docs/dashboard.md`, "What it writes"). All people are fictional.

use crate::support::{Repo, files_under};
use goodwill::Route;
use std::collections::BTreeSet;
use std::path::Path;

/// Every file under `dir`, as `/`-separated paths relative to it.
fn files(dir: &Path) -> BTreeSet<String> {
    files_under(dir).into_keys().collect()
}

/// `href` (relative, without its `#fragment`) from the page at `page`, as a path
/// relative to the output folder; `None` if it climbs out of it.
fn resolve(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

#[test]
fn every_file_is_at_its_route_and_every_link_lands_on_a_file() {
    let repo = Repo::new();
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org\nrelationship: supervisor",
        "Former manager, see [Acme](../applications/acme-sre.md).\n\n## Log\n- 2026-10-02 Agreed to be my reference for [[acme-sre]] #agreed\n",
    );
    repo.contact(
        "omar-haddad",
        "name: Omar Haddad\nrelationship: colleague",
        "## Log\n- 2026-09-01 Lunch with [[jane-doe]]\n",
    );
    repo.application(
        "acme-sre",
        "company: Acme\nrole: Senior SRE\nstatus: interviewing\napplied: 2026-11-01\nreferences: [jane-doe, omar-haddad]",
        "## Synopsis\nAsk [[omar-haddad]] about the team.\n\n## Log\n- 2026-11-12 Asked [[jane-doe]] how I run postmortems #question\n",
    );
    let out = repo.path().join("public");
    let out_arg = out.to_string_lossy().into_owned();
    let run = repo.run(&["--today", "2026-11-22", "build", "--out", &out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = files(&out);
    let brief = Route::Brief {
        application: "acme-sre",
        contact: "omar-haddad",
    };
    for expected in [
        Route::Index,
        Route::Section("stale"),
        Route::Contact("jane-doe"),
        Route::Application("acme-sre"),
        brief,
        Route::Json,
        Route::Calendar,
        Route::Robots,
    ] {
        assert!(written.contains(&expected.path()), "{expected:?}");
    }
    let mut links = 0;
    for path in &written {
        if path.starts_with('.') {
            // The marker, `.gitignore` and the manifest: no pages.
            continue;
        }
        let route = Route::at(path).unwrap_or_else(|| panic!("no route for {path}"));
        assert_eq!(&route.path(), path);
        if !path.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(out.join(path)).expect("read page");
        let style = format!("href=\"{}\"", Route::Static("style.css").url_from(&route));
        assert!(html.contains(&style), "{path} does not link {style}");
        for href in html.split("href=\"").skip(1) {
            let href = href.split('"').next().unwrap_or(href);
            let target = href.split('#').next().unwrap_or(href);
            if target.is_empty() || href.contains(':') {
                continue;
            }
            let resolved = resolve(path, target);
            assert!(
                resolved.as_ref().is_some_and(|r| written.contains(r)),
                "{path} links {href}, which is no file of the dashboard"
            );
            links += 1;
        }
    }
    assert!(links > 50, "only {links} links checked");
    let omar = std::fs::read_to_string(out.join(brief.path())).expect("read briefing");
    assert!(
        omar.contains(&Route::Contact("omar-haddad").url_from(&brief)),
        "the synopsis links its contact from three folders down"
    );
}
