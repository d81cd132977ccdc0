//! What `serve` answers: the current snapshot of the repository, its pages rendered on
//! request, and the reload checks of open pages. One handler dispatches on the method, so
//! that a route that writes (`POST`) has its place beside the pages.

use super::done;
use super::http::{self, Request, Response};
use super::state::{Changes, Snapshot, Workspace};
use chrono::NaiveDate;
use std::net::IpAddr;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// The script that reloads a page when what it shows changed.
pub(super) const RELOAD_SCRIPT: &str = "/__goodwill/reload.js";
/// Answers the hash of the page named by its `page` parameter as it is now.
pub(super) const HASH_PATH: &str = "/__goodwill/hash";

/// How long a request waits for an update under way before it is answered from the
/// snapshot before it.
const UPDATE_WAIT: Duration = Duration::from_secs(5);

const RELOAD_JS: &str = r#"(function () {
  var script = document.currentScript;
  var shown = script && script.getAttribute("data-hash");
  var url = "/__goodwill/hash?page=" + encodeURIComponent(location.pathname);
  function poll() {
    fetch(url, { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (now) {
        if (now !== shown) { location.reload(); } else { setTimeout(poll, 300); }
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 300);
})();
"#;

/// The server's state: the address it answers for, the workspace, the snapshot requests
/// are answered from.
pub(crate) struct App {
    bind: IpAddr,
    port: u16,
    token: String,
    workspace: Mutex<Workspace>,
    current: Mutex<Arc<Snapshot>>,
    /// Whether an update is under way, and the signal that it ended.
    updating: (Mutex<bool>, Condvar),
    /// Snapshots replaced, to be freed in [`App::prepare`].
    retired: Mutex<Vec<Arc<Snapshot>>>,
}

impl App {
    /// Serves `snapshot` of `workspace` on `bind:port`; `token` is this run's secret.
    pub(crate) fn new(
        workspace: Workspace,
        snapshot: Snapshot,
        bind: IpAddr,
        port: u16,
        token: String,
    ) -> Self {
        App {
            bind,
            port,
            token,
            workspace: Mutex::new(workspace),
            current: Mutex::new(Arc::new(snapshot)),
            updating: (Mutex::new(false), Condvar::new()),
            retired: Mutex::new(Vec::new()),
        }
    }

    /// A random secret made for this run of `serve` (32 hex digits): what a form on a
    /// served page must send back before the server writes anything.
    #[cfg(test)]
    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    /// The snapshot to answer from: the newest, once an update under way has finished.
    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        let (flag, ended) = &self.updating;
        let guard = lock(flag);
        drop(
            ended
                .wait_timeout_while(guard, UPDATE_WAIT, |updating| *updating)
                .unwrap_or_else(PoisonError::into_inner),
        );
        Arc::clone(&lock(&self.current))
    }

    /// The current snapshot, without waiting for an update under way.
    pub(crate) fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&lock(&self.current))
    }

    /// Says that files changed and an update follows: requests wait for it rather than
    /// be answered from what is about to be replaced.
    pub(crate) fn begin_update(&self) {
        *lock(&self.updating.0) = true;
    }

    /// Applies `changes` (for `day`) and makes the result current; returns the new
    /// snapshot, if anything changed. After writing a file (the Done button), call this
    /// with that file's path.
    pub(crate) fn update(&self, changes: &Changes, day: NaiveDate) -> Option<Arc<Snapshot>> {
        self.begin_update();
        let mut workspace = lock(&self.workspace);
        let snapshot = workspace.update(changes, day).map(Arc::new);
        let replaced = snapshot
            .as_ref()
            .map(|snapshot| std::mem::replace(&mut *lock(&self.current), Arc::clone(snapshot)));
        *lock(&self.updating.0) = false;
        self.updating.1.notify_all();
        // Freeing the repository replaced takes a while: not while its pages are asked
        // for, but in `prepare`.
        if let Some(replaced) = replaced {
            lock(&self.retired).push(replaced);
        }
        snapshot
    }

    /// Gets ready for the next change while nothing is happening: frees the snapshots
    /// replaced since the last call, and readies the workspace.
    pub(crate) fn prepare(&self) {
        drop(std::mem::take(&mut *lock(&self.retired)));
        lock(&self.workspace).prepare();
    }

    /// Answers one request.
    pub(crate) fn handle(&self, request: &Request) -> Response {
        if !http::host_allowed(request.host.as_deref(), self.bind, self.port) {
            return Response::text(
                403,
                "this server answers only requests to the address it serves\n",
            );
        }
        match request.method.as_str() {
            "GET" | "HEAD" => self.get(request),
            // The Done, Skip and Later buttons: checked origin and token, the safe
            // writer, then an update so that the answer and every page after it show
            // what was written.
            "POST" => match done::button_of(request.path()) {
                Some(button) => self.button(request, button),
                None => not_allowed(),
            },
            _ => not_allowed(),
        }
    }

    /// `POST /__goodwill/done`, `/skip` or `/later`: writes what the button asks for the
    /// message or action the form names exactly as `goodwill done KEY`, `skip KEY` or
    /// `later KEY DATE` does, then sends the browser back to the page it came from.
    /// Refused (4xx, nothing written) without this run's token, from another origin, for
    /// a key that is not open now, or for a body that is not the form. A key settled
    /// today already writes nothing and sends the browser back too.
    fn button(&self, request: &Request, button: done::Button) -> Response {
        if !done::origin_allowed(request.origin.as_deref(), request.host.as_deref()) {
            return Response::text(403, "the buttons work only on this server's own pages\n");
        }
        let form_type = request.content_type.as_deref().is_some_and(|t| {
            t.split(';').next().is_some_and(|t| {
                t.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            })
        });
        if !form_type {
            return Response::text(415, "expected a form\n");
        }
        let Some(form) = done::parse_form(&request.body) else {
            return Response::text(400, "not a form of goodwill's buttons\n");
        };
        if !done::token_matches(&form.token, &self.token) {
            return Response::text(
                403,
                "this page is from an earlier run of serve: reload it\n",
            );
        }
        if !done::is_plain_key(&form.key) {
            return Response::text(400, "not a key\n");
        }
        let day = self.snapshot().outcome().today;
        let root = lock(&self.workspace).root().to_path_buf();
        let back = |body: String| {
            let mut response = Response::text(303, &body);
            response.headers.push(("Location", done::back_to(&form)));
            response
        };
        match done::settle(&root, day, button, &form) {
            Ok(done::Answer::Written(settlement, warning)) => {
                if let Some(warning) = warning {
                    crate::diag::warn(crate::diag::terminal_safe(&warning));
                }
                self.update(&Changes::of(vec![settlement.path.clone()]), day);
                let lines: String = (settlement.lines.iter())
                    .map(|(line, entry)| format!("{}:{line}: {entry}\n", settlement.file))
                    .collect();
                back(lines)
            }
            Ok(done::Answer::Already(title)) => {
                back(format!("already settled: {title} (nothing was written)\n"))
            }
            Err((status, message)) => Response::text(status, &format!("{message}\n")),
        }
    }

    fn get(&self, request: &Request) -> Response {
        let path = request.path();
        if path == RELOAD_SCRIPT {
            return Response::ok(
                "text/javascript; charset=utf-8",
                RELOAD_JS.as_bytes().to_vec(),
            );
        }
        let snapshot = self.snapshot();
        if path == HASH_PATH {
            let hash = request
                .query("page")
                .and_then(|page| http::page_path(&page))
                .and_then(|page| snapshot.page_hash(&page));
            return Response::text(200, &hash.map_or_else(|| "none".to_owned(), hex));
        }
        let Some(page) = http::page_path(path) else {
            return Response::text(404, "not found\n");
        };
        match snapshot.page(&page) {
            None => Response::text(404, "not found\n"),
            Some(Err(error)) => Response::text(500, &format!("{error}\n")),
            Some(Ok(rendered)) => {
                let content_type = http::content_type(&page);
                let body = if content_type.starts_with("text/html") {
                    let page = String::from_utf8_lossy(&rendered.bytes);
                    let today = snapshot.outcome().today;
                    let page = done::with_done_buttons(&page, &self.token, path, today);
                    with_reload(page.as_bytes(), rendered.hash)
                } else {
                    rendered.bytes.to_vec()
                };
                Response::ok(content_type, body)
            }
        }
    }
}

fn not_allowed() -> Response {
    let mut response = Response::text(405, "only GET and HEAD\n");
    response.headers.push(("Allow", "GET, HEAD".to_owned()));
    response
}

fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// Locks `mutex`; a panic elsewhere while it was held leaves nothing half changed here
/// (each holder replaces whole values).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Adds the reload script before `</body>`, with the hash of the page as built, and lets
/// it ask this server for the page's hash: the pages' own policy allows no connections.
pub(super) fn with_reload(page: &[u8], hash: u64) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{RELOAD_SCRIPT}\" data-hash=\"{}\" defer></script>",
        hex(hash)
    );
    let text = String::from_utf8_lossy(page);
    let text = text.replacen(
        "default-src 'none';",
        "default-src 'none'; connect-src 'self';",
        1,
    );
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
    const DAY: &str = "2026-11-22";

    fn day() -> NaiveDate {
        NaiveDate::parse_from_str(DAY, "%Y-%m-%d").expect("date")
    }

    fn app() -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(dir.path().join("contacts")).expect("dir");
        std::fs::write(
            dir.path().join("contacts/jane-doe.md"),
            "---\nname: Jane Doe\nemail: jane@example.com\n---\n## Log\n- 2026-10-01 Coffee\n",
        )
        .expect("write");
        std::fs::write(dir.path().join("secret.txt"), "secret").expect("write");
        let (workspace, snapshot) = Workspace::open(dir.path(), day()).expect("open");
        (
            dir,
            App::new(workspace, snapshot, LOOPBACK, 4000, "t".repeat(32)),
        )
    }

    fn get(app: &App, target: &str, host: &str) -> Response {
        app.handle(&Request {
            method: "GET".to_owned(),
            target: target.to_owned(),
            host: Some(host.to_owned()),
            ..Request::default()
        })
    }

    #[test]
    fn serves_pages_with_the_reload_script() {
        let (_dir, app) = app();
        let response = get(&app, "/", "127.0.0.1:4000");
        assert_eq!(response.status, 200);
        let body = String::from_utf8(response.body).expect("utf-8");
        assert!(body.contains(RELOAD_SCRIPT), "{body}");
        assert!(body.contains("connect-src 'self'"), "{body}");
        let page = get(&app, "/contacts/jane-doe.html?x=1", "localhost:4000");
        assert_eq!(page.status, 200);
        let hash = get(
            &app,
            "/__goodwill/hash?page=%2Fcontacts%2Fjane-doe.html",
            "localhost:4000",
        );
        let body = String::from_utf8(page.body).expect("utf-8");
        let shown = String::from_utf8(hash.body).expect("utf-8");
        assert!(body.contains(&format!("data-hash=\"{shown}\"")), "{shown}");
        let none = get(
            &app,
            "/__goodwill/hash?page=/contacts/nobody.html",
            "localhost:4000",
        );
        assert_eq!(none.body, b"none");
    }

    #[test]
    fn refuses_other_hosts_methods_and_files() {
        let (_dir, app) = app();
        assert_eq!(get(&app, "/", "evil.example:4000").status, 403);
        assert_eq!(get(&app, "/secret.txt", "127.0.0.1:4000").status, 404);
        assert_eq!(get(&app, "/../secret.txt", "127.0.0.1:4000").status, 404);
        assert_eq!(
            get(&app, "/.goodwill-manifest", "127.0.0.1:4000").status,
            404
        );
        assert_eq!(
            get(&app, "/contacts/nobody.html", "127.0.0.1:4000").status,
            404
        );
        let post = app.handle(&Request {
            method: "POST".to_owned(),
            target: "/".to_owned(),
            host: Some("127.0.0.1:4000".to_owned()),
            ..Request::default()
        });
        assert_eq!(post.status, 405);
        assert_eq!(app.token().len(), 32);
    }

    #[test]
    fn an_update_replaces_the_pages() {
        let (dir, app) = app();
        let file = dir.path().join("contacts/jane-doe.md");
        std::fs::write(
            &file,
            "---\nname: Jane Q. Doe\nemail: jane@example.com\n---\n",
        )
        .expect("write");
        let before = app.snapshot().generation;
        let snapshot = app
            .update(&Changes::of(vec![file]), day())
            .expect("changed");
        assert_eq!(snapshot.generation, before + 1);
        let body = get(&app, "/contacts/jane-doe.html", "127.0.0.1:4000").body;
        assert!(
            String::from_utf8(body)
                .expect("utf-8")
                .contains("Jane Q. Doe")
        );
        assert!(
            app.update(&Changes::of(vec![dir.path().join("secret.txt")]), day())
                .is_none(),
            "a file outside the inputs changes nothing"
        );
    }
}
