//! Where each file of the dashboard is (the table "What it writes" in
//! `docs/dashboard.md`), and the relative prefix from a page back to the dashboard's root:
//! the one place that names output paths, for the build's writes, `serve`'s lookups and
//! every link of the pages.

/// One file of the dashboard, by the ids it is named after. Links between pages are
/// relative (the dashboard opens from a folder, without a server), so a page's links are
/// its [`Route::root`] followed by the target's [`Route::path`]: [`Route::url_from`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route<'a> {
    /// `index.html`: today's work.
    Index,
    /// `contacts.html`
    Contacts,
    /// `applications.html`
    Applications,
    /// `targets.html`
    Targets,
    /// `sections/ID.html`: every action of one section of the index.
    Section(&'a str),
    /// `contacts/ID.html`
    Contact(&'a str),
    /// `applications/ID.html`
    Application(&'a str),
    /// `applications/ID/brief/CONTACT.html`: the briefing of one reference.
    Brief {
        /// The application's id.
        application: &'a str,
        /// The reference's id.
        contact: &'a str,
    },
    /// `applications/ID/packet/CONTACT.html`: the packet made to be sent to one
    /// reference, with their draft letter.
    Packet {
        /// The application's id.
        application: &'a str,
        /// The reference's id.
        contact: &'a str,
    },
    /// `actions.json`
    Json,
    /// `calendar.ics`
    Calendar,
    /// `robots.txt`
    Robots,
    /// A file at the root copied as it is (`style.css`).
    Static(&'a str),
}

/// The folder of the contacts' pages.
const CONTACTS: &str = "contacts/";
/// The folder of the applications' pages, and of their briefings.
const APPLICATIONS: &str = "applications/";
/// The folder of the sections' pages.
const SECTIONS: &str = "sections/";
/// The folder of an application's briefings, inside its own folder.
const BRIEF: &str = "/brief/";
/// The folder of an application's packets, inside its own folder.
const PACKET: &str = "/packet/";
/// How every page's name ends.
const HTML: &str = ".html";

impl<'a> Route<'a> {
    /// Where the file is, relative to the output folder, `/`-separated: also the URL path
    /// `serve` answers it at, without the leading `/`.
    pub fn path(&self) -> String {
        match *self {
            Route::Index => "index.html".to_owned(),
            Route::Contacts => "contacts.html".to_owned(),
            Route::Applications => "applications.html".to_owned(),
            Route::Targets => "targets.html".to_owned(),
            Route::Section(id) => format!("{SECTIONS}{id}{HTML}"),
            Route::Contact(id) => format!("{CONTACTS}{id}{HTML}"),
            Route::Application(id) => format!("{APPLICATIONS}{id}{HTML}"),
            Route::Brief {
                application,
                contact,
            } => format!("{APPLICATIONS}{application}{BRIEF}{contact}{HTML}"),
            Route::Packet {
                application,
                contact,
            } => format!("{APPLICATIONS}{application}{PACKET}{contact}{HTML}"),
            Route::Json => "actions.json".to_owned(),
            Route::Calendar => "calendar.ics".to_owned(),
            Route::Robots => "robots.txt".to_owned(),
            Route::Static(name) => name.to_owned(),
        }
    }

    /// The relative prefix from this page back to the output folder (`""`, `"../"`,
    /// `"../../../"`): one `../` per folder of its [`Route::path`].
    pub fn root(&self) -> &'static str {
        path_to_root(&self.path())
    }

    /// The relative link from page `from` to this one.
    pub fn url_from(&self, from: &Route) -> String {
        format!("{}{}", from.root(), self.path())
    }

    /// The route whose [`Route::path`] is `path`, if one is; ids are not checked against a
    /// repository (that is `Page::at` in `render`), only that they hold no `/` and are not
    /// empty. Any name at the root that is no page is a [`Route::Static`].
    pub fn at(path: &'a str) -> Option<Route<'a>> {
        let route = match path {
            "index.html" => Route::Index,
            "contacts.html" => Route::Contacts,
            "applications.html" => Route::Applications,
            "targets.html" => Route::Targets,
            "actions.json" => Route::Json,
            "calendar.ics" => Route::Calendar,
            "robots.txt" => Route::Robots,
            _ => {
                if let Some(rest) = path.strip_prefix(SECTIONS) {
                    Route::Section(id(rest.strip_suffix(HTML)?)?)
                } else if let Some(rest) = path.strip_prefix(CONTACTS) {
                    Route::Contact(id(rest.strip_suffix(HTML)?)?)
                } else if let Some(rest) = path.strip_prefix(APPLICATIONS) {
                    let rest = rest.strip_suffix(HTML)?;
                    match (rest.split_once(BRIEF), rest.split_once(PACKET)) {
                        (Some((application, contact)), None) => Route::Brief {
                            application: id(application)?,
                            contact: id(contact)?,
                        },
                        (None, Some((application, contact))) => Route::Packet {
                            application: id(application)?,
                            contact: id(contact)?,
                        },
                        (None, None) => Route::Application(id(rest)?),
                        (Some(_), Some(_)) => return None,
                    }
                } else {
                    Route::Static(id(path)?)
                }
            }
        };
        Some(route)
    }
}

/// One name of a path: not empty, no `/`.
fn id(name: &str) -> Option<&str> {
    (!name.is_empty() && !name.contains('/')).then_some(name)
}

/// The relative prefix from the file at `path` (relative to the output folder,
/// `/`-separated) back to the output folder: one `../` per folder it is in, as mdBook's
/// `path_to_root`. Deeper than any page of the dashboard, it stops at eight.
pub(crate) fn path_to_root(path: &str) -> &'static str {
    const UP: &str = "../../../../../../../../";
    let depth = path.matches('/').count();
    &UP[..(depth * 3).min(UP.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of route, with its path and root as `docs/dashboard.md` lists them.
    const ALL: &[(Route, &str, &str)] = &[
        (Route::Index, "index.html", ""),
        (Route::Contacts, "contacts.html", ""),
        (Route::Applications, "applications.html", ""),
        (Route::Targets, "targets.html", ""),
        (Route::Section("hold-off"), "sections/hold-off.html", "../"),
        (Route::Contact("jane-doe"), "contacts/jane-doe.html", "../"),
        (
            Route::Application("acme-analyst"),
            "applications/acme-analyst.html",
            "../",
        ),
        (
            Route::Brief {
                application: "acme-analyst",
                contact: "jane-doe",
            },
            "applications/acme-analyst/brief/jane-doe.html",
            "../../../",
        ),
        (
            Route::Packet {
                application: "acme-analyst",
                contact: "jane-doe",
            },
            "applications/acme-analyst/packet/jane-doe.html",
            "../../../",
        ),
        (Route::Json, "actions.json", ""),
        (Route::Calendar, "calendar.ics", ""),
        (Route::Robots, "robots.txt", ""),
        (Route::Static("style.css"), "style.css", ""),
    ];

    #[test]
    fn each_kind_has_its_path_and_root() {
        for (route, path, root) in ALL {
            assert_eq!(route.path(), *path, "{route:?}");
            assert_eq!(route.root(), *root, "{route:?}");
        }
    }

    #[test]
    fn a_path_names_its_route_again() {
        for (route, _, _) in ALL {
            assert_eq!(Route::at(&route.path()), Some(*route), "{route:?}");
        }
    }

    #[test]
    fn links_go_up_to_the_root_and_down_again() {
        let brief = Route::Brief {
            application: "acme-analyst",
            contact: "jane-doe",
        };
        assert_eq!(
            Route::Contact("jane-doe").url_from(&brief),
            "../../../contacts/jane-doe.html"
        );
        assert_eq!(
            Route::Contact("omar").url_from(&Route::Application("acme-analyst")),
            "../contacts/omar.html"
        );
        assert_eq!(
            Route::Section("stale").url_from(&Route::Index),
            "sections/stale.html"
        );
        assert_eq!(
            brief.url_from(&Route::Contact("jane-doe")),
            "../applications/acme-analyst/brief/jane-doe.html"
        );
    }

    #[test]
    fn paths_that_are_no_route() {
        for path in [
            "",
            "contacts/",
            "contacts/.html",
            "contacts/a/b.html",
            "contacts/jane-doe.md",
            "sections/x",
            "applications/a/brief/.html",
            "applications//brief/c.html",
            "applications/a/b/brief/c.html",
            "applications/a/brief/c/d.html",
            "applications/a/packet/.html",
            "applications/a/packet/c/d.html",
            "applications/a/brief/b/packet/c.html",
            "applications/a.htm",
            "assets/logo.png",
            "other/x.html",
        ] {
            assert_eq!(Route::at(path), None, "{path}");
        }
    }

    #[test]
    fn the_root_is_one_step_up_per_folder() {
        assert_eq!(path_to_root("index.html"), "");
        assert_eq!(path_to_root("a/b.html"), "../");
        assert_eq!(path_to_root("a/b/c.html"), "../../");
        assert_eq!(path_to_root("a/b/c/d.html"), "../../../");
        assert_eq!(path_to_root(&"a/".repeat(20)), "../../../../../../../../");
    }
}
