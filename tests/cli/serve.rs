//! `serve`: a real server on a free loopback port, asked with raw HTTP requests. Every
//! loop here is bounded, and the server is killed when the test ends.

use crate::support::Repo;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-22";

/// The server process; killed on drop, even when an assertion fails.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// GET `path` with this server's own host: (status, body).
    fn get(&self, path: &str) -> (u16, Vec<u8>) {
        fetch(self.port, "GET", path, &self.host())
    }
}

fn start(repo: &Repo) -> Server {
    let mut child = repo
        .command(&["--today", TODAY, "serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut port = None;
    // The first lines say what was read and where it is served.
    for _ in 0..10 {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            port = rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .and_then(|p| p.parse().ok());
            break;
        }
    }
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let port = port.expect("serve printed its address");
    Server { child, port }
}

/// Sends raw `bytes` and returns (status, body) of the answer.
fn send(port: u16, bytes: &[u8]) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    stream.write_all(bytes).expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(response.len(), |at| at + 4);
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response[split..].to_vec())
}

/// Sends one request and returns (status, body).
fn fetch(port: u16, method: &str, path: &str, host: &str) -> (u16, Vec<u8>) {
    send(
        port,
        format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A served page with what `serve` adds to it taken out again: the reload script and
/// the connections its policy allows for it.
fn as_built(served: &[u8]) -> Vec<u8> {
    let mut page = text(served).replacen(
        "default-src 'none'; connect-src 'self';",
        "default-src 'none';",
        1,
    );
    // The Done forms, and the policies that let them post to this server.
    while let Some(start) = page.find("<form class=\"done\"") {
        let end = start + page[start..].find("</form>").expect("form ends") + "</form>".len();
        page.replace_range(start..end, "");
    }
    page = page
        .replace("form-action 'self'", "form-action 'none'")
        .replace(
            "<meta name=\"referrer\" content=\"same-origin\">",
            "<meta name=\"referrer\" content=\"no-referrer\">",
        );
    if let Some(start) = page.find("<script src=\"/__goodwill/reload.js\"") {
        let end = start + page[start..].find("</script>").expect("tag ends") + "</script>".len();
        page.replace_range(start..end, "");
    }
    page.into_bytes()
}

fn example(repo: &Repo) {
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.com",
        "## Log\n- 2026-10-01 Coffee #agreed\n",
    );
    repo.contact(
        "bob-stone",
        "name: Bob Stone\nemail: bob@example.com\nrelationship: interviewer",
        "",
    );
    repo.application(
        "acme-sre",
        "company: Acme\nrole: Senior SRE\nstatus: interviewing\napplied: 2026-10-01\nreferences: [jane-doe]\ncontacts: [bob-stone]",
        "Run the platform.\n\n## Log\n- 2026-11-10 Interview with [[bob-stone]] #interview\n",
    );
    repo.file("secret.txt", "not for the web");
}

/// Pages every change is checked on.
const PAGES: &[&str] = &[
    "index.html",
    "contacts.html",
    "applications.html",
    "targets.html",
    "sections/thanks.html",
    "sections/problems.html",
    "contacts/jane-doe.html",
    "contacts/bob-stone.html",
    "contacts/kim-lee.html",
    "applications/acme-sre.html",
    "applications/acme-sre/brief/jane-doe.html",
    "actions.json",
    "calendar.ics",
    "robots.txt",
    "style.css",
];

/// What a fresh `build` of the repository writes at each of [`PAGES`] (`None` where it
/// writes nothing).
fn built(repo: &Repo) -> Vec<Option<Vec<u8>>> {
    let out = tempfile::tempdir().expect("temp");
    let target = out.path().join("site");
    let run = repo.run(&[
        "--today",
        TODAY,
        "build",
        "--out",
        target.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(run.code, 0, "build failed: {}", run.stderr);
    PAGES
        .iter()
        .map(|page| std::fs::read(target.join(page)).ok())
        .collect()
}

/// What the server serves at each of [`PAGES`], as built (`None` for a 404).
fn served(server: &Server) -> Vec<Option<Vec<u8>>> {
    PAGES
        .iter()
        .map(|page| match server.get(&format!("/{page}")) {
            (200, body) => Some(as_built(&body)),
            (404, _) => None,
            (status, body) => panic!("/{page}: {status} {}", text(&body)),
        })
        .collect()
}

/// Waits until every page served equals the page a fresh build writes, and fails with
/// the first page that differs if that does not happen within a generous bound.
fn assert_serves_what_build_writes(server: &Server, repo: &Repo, change: &str) {
    let expected = built(repo);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = served(server);
        if now == expected {
            return;
        }
        if Instant::now() > deadline {
            let (page, got, want) = PAGES
                .iter()
                .zip(now.iter().zip(&expected))
                .find(|(_, (got, want))| got != want)
                .map(|(page, (got, want))| (page, got, want))
                .expect("a page differs");
            panic!(
                "after {change}, /{page} served differs from the build:\nserved: {}\nbuilt: {}",
                got.as_deref().map_or("(404)".into(), text),
                want.as_deref().map_or("(none)".into(), text)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Replaces `relative` the way editors save: write a temporary file, rename it over.
fn save_by_rename(root: &Path, relative: &str, contents: &str) {
    let path = root.join(relative);
    let temporary = path.with_extension("md.tmp~");
    std::fs::write(&temporary, contents).expect("write temporary");
    std::fs::rename(&temporary, &path).expect("rename over");
}

#[test]
fn serves_the_dashboard_on_loopback_only_to_its_own_host() {
    let repo = Repo::new();
    example(&repo);
    let server = start(&repo);
    let host = server.host();

    let (status, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        text(&body).contains("/__goodwill/reload.js"),
        "the page reloads itself"
    );
    let (status, _) = fetch(
        server.port,
        "GET",
        "/contacts/jane-doe.html",
        &format!("localhost:{}", server.port),
    );
    assert_eq!(status, 200);

    // DNS rebinding: another name for this address is refused.
    let (status, body) = fetch(
        server.port,
        "GET",
        "/",
        &format!("attacker.example:{}", server.port),
    );
    assert_eq!(status, 403);
    assert!(!text(&body).contains("Jane"));

    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/contacts/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/secret.txt",
        "/.goodwill-manifest",
        "/.goodwill-dashboard",
        "/.gitignore",
        "/contacts/jane-doe.md",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!text(&body).contains("not for the web"), "{path}");
    }
    let (status, _) = fetch(server.port, "POST", "/", &host);
    assert_eq!(status, 405);
}

#[test]
fn refuses_oversized_and_duplicate_headers() {
    let repo = Repo::new();
    example(&repo);
    let server = start(&repo);
    let host = server.host();

    let big = format!(
        "GET / HTTP/1.1\r\nHost: {host}\r\nX-Big: {}\r\n\r\n",
        "a".repeat(9 * 1024)
    );
    assert_eq!(
        send(server.port, big.as_bytes()).0,
        431,
        "one header over 8 KiB"
    );
    let many: String = (0..10)
        .map(|i| format!("X-{i}: {}\r\n", "a".repeat(7 * 1024)))
        .collect();
    let many = format!("GET / HTTP/1.1\r\nHost: {host}\r\n{many}\r\n");
    assert_eq!(
        send(server.port, many.as_bytes()).0,
        431,
        "over 64 KiB in all"
    );
    let megabyte = format!(
        "GET / HTTP/1.1\r\nHost: {host}\r\nX-Big: {}\r\n\r\n",
        "a".repeat(1024 * 1024)
    );
    assert_eq!(
        send(server.port, megabyte.as_bytes()).0,
        431,
        "a 1 MB header"
    );
    let twice = format!("GET / HTTP/1.1\r\nHost: {host}\r\nHost: attacker.example\r\n\r\n");
    assert_eq!(
        send(server.port, twice.as_bytes()).0,
        400,
        "two Host headers"
    );
    let twice = format!("GET / HTTP/1.1\r\nHost: attacker.example\r\nHost: {host}\r\n\r\n");
    assert_eq!(
        send(server.port, twice.as_bytes()).0,
        400,
        "two Host headers"
    );
    // Just under the limits is fine.
    let fine = format!(
        "GET / HTTP/1.1\r\nHost: {host}\r\nX-Big: {}\r\n\r\n",
        "a".repeat(8 * 1024 - 10)
    );
    assert_eq!(send(server.port, fine.as_bytes()).0, 200);
}

#[test]
fn a_client_that_does_not_read_stalls_no_one() {
    let repo = Repo::new();
    example(&repo);
    // A contact page of about 2 MB: more than the kernel buffers of a connection hold,
    // so a server answering one request at a time would wait on the client that does
    // not read it.
    let notes: String = (0..15_000)
        .map(|i| format!("Note {i}: a line of notes to make the page long.\n\n"))
        .collect();
    repo.contact("big-notes", "name: Big Notes", &notes);
    let server = start(&repo);
    let host = server.host();

    let mut idle = Vec::new();
    for _ in 0..3 {
        // Asks for the big page, never reads the answer.
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        write!(
            stream,
            "GET /contacts/big-notes.html HTTP/1.1\r\nHost: {host}\r\n\r\n"
        )
        .expect("send");
        idle.push(stream);
        // Sends half a request, never the rest.
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        write!(stream, "GET / HTTP/1.1\r\nHost: {host}\r\n").expect("send");
        idle.push(stream);
    }
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    for _ in 0..5 {
        let (status, body) = server.get("/contacts/jane-doe.html");
        assert_eq!(status, 200);
        assert!(text(&body).contains("Jane Doe"));
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "other clients were answered while three did not read: {:?}",
        started.elapsed()
    );
    drop(idle);
}

#[test]
fn every_kind_of_change_serves_what_a_fresh_build_writes() {
    let repo = Repo::new();
    example(&repo);
    let server = start(&repo);
    let root = repo.path();
    assert_serves_what_build_writes(&server, &repo, "start");

    // Each change must change what a build writes, or the comparison proves nothing.
    let mut last = built(&repo);
    let mut check = |change: &str| {
        let now = built(&repo);
        assert_ne!(now, last, "{change} changed nothing a build writes");
        assert_serves_what_build_writes(&server, &repo, change);
        last = now;
    };

    // An edit in place.
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.com\ncompany: Initech",
        "## Log\n- 2026-10-01 Coffee #agreed\n- 2026-11-12 Lunch\n",
    );
    check("an edit");

    // An editor's save: a temporary file renamed over the contact.
    save_by_rename(
        root,
        "contacts/bob-stone.md",
        "---\nname: Robert Stone\nemail: bob@example.com\nrelationship: interviewer\n---\n",
    );
    check("a rename over the file");

    // A new file.
    repo.contact("kim-lee", "name: Kim Lee\nemail: kim@example.com", "");
    check("a new file");

    // A deleted file.
    std::fs::remove_file(root.join("contacts/kim-lee.md")).expect("remove");
    check("a deleted file");

    // A file that becomes broken, then is fixed.
    repo.file("contacts/jane-doe.md", "---\nname: [Jane\n---\n");
    check("a broken file");
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.com",
        "## Log\n- 2026-10-01 Coffee #agreed\n",
    );
    check("the fixed file");

    // An application that lists another reference.
    repo.application(
        "acme-sre",
        "company: Acme\nrole: Senior SRE\nstatus: interviewing\napplied: 2026-10-01\nreferences: [jane-doe, bob-stone]\ncontacts: [bob-stone]",
        "Run the platform.\n\n## Log\n- 2026-11-10 Interview with [[bob-stone]] #interview\n",
    );
    check("an application's references");

    // Settings.
    repo.file(
        "goodwill.toml",
        "owner = \"Sam Rivera\"\n[grace]\nsoon = \"60d\"\n",
    );
    check("the settings");

    // A template of the user's own.
    let style = "body { color: #123456; }\n";
    repo.file("site-template/style.css", style);
    check("a new template file");
    let contact = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("site-template/contact.html"),
    )
    .expect("built-in template");
    repo.file(
        "site-template/contact.html",
        &contact.replacen("<h1", "<p>My own contact page</p><h1", 1),
    );
    check("a page template");
}

#[test]
fn open_pages_reload_only_when_what_they_show_changed() {
    let repo = Repo::new();
    example(&repo);
    let server = start(&repo);
    let hash = |page: &str| text(&server.get(&format!("/__goodwill/hash?page={page}")).1);
    let (_, page) = server.get("/contacts/bob-stone.html");
    let shown = hash("/contacts/bob-stone.html");
    assert!(
        text(&page).contains(&format!("data-hash=\"{shown}\"")),
        "the page carries the hash the server answers for it"
    );
    let jane = hash("/contacts/jane-doe.html");

    // A change to Jane's file alone: her page changes, Bob's does not.
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.com",
        "Met at a conference.\n\n## Log\n- 2026-10-01 Coffee #agreed\n",
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while hash("/contacts/jane-doe.html") == jane {
        assert!(Instant::now() < deadline, "Jane's page never changed");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(hash("/contacts/bob-stone.html"), shown);
    assert_eq!(hash("/contacts/nobody.html"), "none");
}

/// POSTs a form to the Done route with `origin` (or none) and returns (status, body).
fn post_done(
    server: &Server,
    origin: Option<&str>,
    content_type: &str,
    body: &str,
) -> (u16, Vec<u8>) {
    let origin = origin.map_or_else(String::new, |o| format!("Origin: {o}\r\n"));
    send(
        server.port,
        format!(
            "POST /__goodwill/done HTTP/1.1\r\nHost: {}\r\n{origin}Content-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            server.host(),
            body.len()
        )
        .as_bytes(),
    )
}

/// The value of the hidden input `name` of the first Done form on `page`.
fn form_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).expect("a Done form") + marker.len();
    page[start..start + page[start..].find('"').expect("value ends")].to_owned()
}

#[test]
fn the_done_button_settles_an_action_and_forgeries_write_nothing() {
    let repo = Repo::new();
    example(&repo);
    let server = start(&repo);
    let (status, page) = server.get("/contacts/jane-doe.html");
    assert_eq!(status, 200);
    let page = text(&page);
    assert!(page.contains("<form class=\"done\""), "{page}");
    assert!(page.contains("form-action 'self'"));
    let token = form_value(&page, "token");
    let key = form_value(&page, "key");
    assert_eq!(token.len(), 32);
    let own = format!("http://{}", server.host());
    let form = "application/x-www-form-urlencoded";
    let snapshot = || {
        [
            "contacts/jane-doe.md",
            "contacts/bob-stone.md",
            "applications/acme-sre.md",
        ]
        .map(|f| std::fs::read(repo.path().join(f)).expect("read"))
    };
    let before = snapshot();
    for (origin, content_type, body, expected) in [
        (None, form, format!("token={token}&key={key}"), 403),
        (
            Some("http://evil.example"),
            form,
            format!("token={token}&key={key}"),
            403,
        ),
        (Some("null"), form, format!("token={token}&key={key}"), 403),
        (Some(own.as_str()), form, format!("key={key}"), 403),
        (
            Some(own.as_str()),
            form,
            format!("token={}&key={key}", "0".repeat(32)),
            403,
        ),
        (
            Some(own.as_str()),
            "text/plain",
            format!("token={token}&key={key}"),
            415,
        ),
        (
            Some(own.as_str()),
            form,
            format!("token={token}&key=zzzzzzzzzzzzz"),
            409,
        ),
        (
            Some(own.as_str()),
            form,
            format!("token={token}&key={key}&note=a%0Ab"),
            400,
        ),
    ] {
        let (status, answer) = post_done(&server, origin, content_type, &body);
        assert_eq!(
            status,
            expected,
            "{origin:?} {content_type} {body}: {}",
            text(&answer)
        );
        assert_eq!(snapshot(), before, "a refused POST wrote something");
    }
    // The files on disk carry no button and no token.
    let out = repo.path().join("built");
    let run = repo.run(&[
        "--today",
        TODAY,
        "build",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = std::fs::read_to_string(out.join("contacts/jane-doe.html")).expect("built");
    assert!(!built.contains("<form") && !built.contains(&token));

    let (status, answer) = post_done(
        &server,
        Some(&own),
        form,
        &format!("token={token}&key={key}&note=Called+her&back=%2Fcontacts%2Fjane-doe.html"),
    );
    assert_eq!(status, 303, "{}", text(&answer));
    let after = snapshot();
    let changed: Vec<usize> = (0..3).filter(|&i| after[i] != before[i]).collect();
    assert_eq!(changed.len(), 1, "one file changes");
    let (old, new) = (text(&before[changed[0]]), text(&after[changed[0]]));
    assert_eq!(new.lines().count(), old.lines().count() + 1, "{new}");
    assert!(new.contains(&format!("- {TODAY} Called her #")), "{new}");
    // The page served next has that action no more, and the same action cannot be
    // settled twice: a second click (or a replayed POST) writes nothing and goes back.
    let (_, page) = server.get("/contacts/jane-doe.html");
    assert!(!text(&page).contains(&format!("value=\"{key}\"")));
    let (status, answer) = post_done(
        &server,
        Some(&own),
        form,
        &format!("token={token}&key={key}"),
    );
    assert_eq!(status, 303, "{}", text(&answer));
    assert!(
        text(&answer).contains("already settled"),
        "{}",
        text(&answer)
    );
    assert_eq!(snapshot(), after, "a second click wrote something");
}

/// POSTs `body` to `path` from the server's own origin; returns (status, body).
fn post_to(server: &Server, path: &str, body: &str) -> (u16, Vec<u8>) {
    send(
        server.port,
        format!(
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len(),
            host = server.host(),
        )
        .as_bytes(),
    )
}

#[test]
fn skip_and_later_buttons_write_what_the_commands_write() {
    let repo = Repo::new();
    example(&repo);
    let server = start(&repo);
    let (_, page) = server.get("/contacts/jane-doe.html");
    let page = text(&page);
    assert!(page.contains("formaction=\"/__goodwill/skip\""), "{page}");
    assert!(page.contains("formaction=\"/__goodwill/later\""), "{page}");
    assert!(
        page.contains("<input type=\"date\" name=\"date\" min=\"2026-11-23\">"),
        "{page}"
    );
    let token = form_value(&page, "token");
    let full = form_value(&page, "key");
    let open = |repo: &Repo| -> Vec<(String, String)> {
        repo.due_json(TODAY)["actions"]
            .as_array()
            .expect("actions")
            .iter()
            .filter(|a| full.starts_with(a["key"].as_str().expect("key")))
            .map(|a| (a["rule"].to_string(), a["due"].to_string()))
            .collect()
    };
    assert_eq!(open(&repo).len(), 1, "the form's key is an open action");
    // A later date that is not after today, or no date, or a forged token: refused, and
    // nothing is written.
    let before = crate::support::files_under(repo.path());
    for (body, status) in [
        (format!("token={token}&key={full}&date={TODAY}"), 409),
        (format!("token={token}&key={full}&date="), 400),
        (format!("token={token}&key={full}&date=someday"), 400),
        (format!("token={}&key={full}&date=2w", "0".repeat(32)), 403),
        (format!("token={token}&key={}&date=2w", &full[..6]), 409),
    ] {
        let (got, answer) = post_to(&server, "/__goodwill/later", &body);
        assert_eq!(got, status, "{body}: {}", text(&answer));
    }
    assert_eq!(crate::support::files_under(repo.path()), before);
    // Later by two weeks, then Skip: one line each, as the commands write them.
    let (status, answer) = post_to(
        &server,
        "/__goodwill/later",
        &format!("token={token}&key={full}&date=2w&back=%2Findex.html"),
    );
    let answer = text(&answer);
    assert_eq!(status, 303, "{answer}");
    assert!(answer.contains("- 2026-12-06 Remind me: "), "{answer}");
    assert!(answer.contains("#later/"), "{answer}");
    let later = open(&repo);
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].1, "\"2026-12-06\"", "{later:?}");
    let (status, answer) = post_to(
        &server,
        "/__goodwill/skip",
        &format!("token={token}&key={full}&note=Not+this+time"),
    );
    let answer = text(&answer);
    assert_eq!(status, 303, "{answer}");
    assert!(
        answer.contains(&format!("- {TODAY} Not this time #skip/")),
        "{answer}"
    );
    assert!(open(&repo).is_empty(), "skipped");
}

#[test]
fn a_hundred_idle_connections_and_a_crowd_stall_no_one() {
    let repo = Repo::new();
    example(&repo);
    let server = start(&repo);
    let host = server.host();
    // A hundred connections that send nothing, or half a request, and wait.
    let mut idle = Vec::new();
    for n in 0..100 {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        if n % 2 == 0 {
            write!(stream, "GET / HTTP/1.1\r\nHost: {host}\r\n").expect("send");
        }
        idle.push(stream);
    }
    for _ in 0..5 {
        let (status, body) = server.get("/contacts/jane-doe.html");
        assert_eq!(status, 200);
        assert!(text(&body).contains("Jane Doe"));
    }
    // Two hundred clients asking as fast as they can: every request gets a whole answer,
    // the page or a 503, never a reset; and a normal request still gets its page.
    let answers = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..200 {
            scope.spawn(|| {
                for _ in 0..3 {
                    let (status, _) = server.get("/");
                    answers.lock().expect("answers").push(status);
                }
            });
        }
        let (status, body) = server.get("/contacts/jane-doe.html");
        assert_eq!(status, 200);
        assert!(text(&body).contains("Jane Doe"));
    });
    let answers = answers.into_inner().expect("answers");
    assert_eq!(answers.len(), 600);
    assert!(
        answers.iter().all(|status| matches!(status, 200 | 503)),
        "{:?}",
        answers.iter().filter(|s| !matches!(s, 200 | 503)).count()
    );
    drop(idle);
}
