//! Integration tests: `goodwill build` — the pages, `actions.json`, `calendar.ics`, hostile
//! input, and the safety of the output folder. All people are fictional.

use crate::support::{Repo, Run, files_under};
use std::collections::BTreeMap;
use std::path::Path;

/// Today in these tests.
const T: &str = "2026-11-22";

/// A small job search: two references, an interviewer, an active and a rejected
/// application, a favour, a task, and a stale friend.
fn fixture() -> Repo {
    let repo = Repo::new();
    repo.file(
        "goodwill.toml",
        "owner = \"Alex Rivera\"\nresume = \"https://example.org/cv.pdf\"\n",
    );
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org\nrelationship: supervisor\ntalking_points: [incident reviews, mentoring]",
        "Former manager. See [[acme-sre]].\n\n## Log\n- 2026-10-02 Agreed to be my reference #agreed\n- 2026-11-10 Acme called her #reference-check [[acme-sre]]\n",
    );
    repo.contact(
        "omar-haddad",
        "name: Omar Haddad\nemail: omar@example.org\nrelationship: colleague",
        "## Log\n- 2026-09-01 Lunch\n",
    );
    repo.contact(
        "raj-patel",
        "name: Raj Patel\nemail: raj@example.org\nrelationship: hiring-manager\ncompany: Globex",
        "## Log\n- [ ] 2026-11-25 Send Raj the SLO write-up\n",
    );
    repo.contact(
        "lee-chen",
        "name: Lee Chen\nphone: 555 0100\nrelationship: friend",
        "## Log\n- 2025-01-05 Dinner\n",
    );
    repo.application(
        "acme-sre",
        "company: Acme\nrole: Senior SRE\nstatus: interviewing\napplied: 2026-11-01\nreferences: [jane-doe, omar-haddad]\nhighlights: [on-call leadership]",
        "## Synopsis\nRun the platform & keep it boring.\n\n## Log\n- 2026-11-12 Panel interview #interview\n- 2026-11-12 Asked how I run postmortems #question\n",
    );
    repo.application(
        "globex-platform",
        "company: Globex\nrole: Platform Engineer\nstatus: rejected\napplied: 2026-10-01\ndecided: 2026-11-15\ncontacts: [raj-patel]\nreferences: [jane-doe]",
        "## Log\n- 2026-10-20 Interview with [[raj-patel]] #interview\n",
    );
    repo
}

/// Runs `build --out OUT` as of `T`.
fn build(repo: &Repo, out: &Path, extra: &[&str]) -> Run {
    let out = out.to_string_lossy().into_owned();
    let mut args = vec!["--today", T, "build", "--out", out.as_str()];
    args.extend_from_slice(extra);
    repo.run(&args)
}

/// Every file under `dir`, relative path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
}

/// The HTML pages of a snapshot, as text.
fn pages(files: &BTreeMap<String, Vec<u8>>) -> Vec<(String, String)> {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path.clone(), decode(&String::from_utf8_lossy(bytes))))
        .collect()
}

/// A file as text, with the entity written for `'` decoded (browsers read both the same).
fn read(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    decode(&text)
}

fn decode(html: &str) -> String {
    html.replace("&#x27;", "'")
}

#[test]
fn build_writes_every_page_and_a_summary_line() {
    let repo = fixture();
    let out = repo.path().join("public");
    let run = build(&repo, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "index.html",
        "contacts.html",
        "applications.html",
        "targets.html",
        "contacts/jane-doe.html",
        "contacts/omar-haddad.html",
        "contacts/raj-patel.html",
        "contacts/lee-chen.html",
        "applications/acme-sre.html",
        "applications/globex-platform.html",
        "applications/acme-sre/brief/jane-doe.html",
        "applications/acme-sre/brief/omar-haddad.html",
        "applications/globex-platform/brief/jane-doe.html",
        "applications/acme-sre/packet/jane-doe.html",
        "applications/acme-sre/packet/omar-haddad.html",
        "applications/globex-platform/packet/jane-doe.html",
        "sections/thanks.html",
        "sections/references.html",
        "sections/cheesecake.html",
        "sections/stale.html",
        "sections/follow-through.html",
        "sections/hold-off.html",
        "sections/coming-up.html",
        "sections/problems.html",
        "style.css",
        "copy.js",
        "calendar.ics",
        "actions.json",
        "robots.txt",
        ".gitignore",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
    assert_eq!(read(&out.join(".gitignore")), "*\n");
    assert!(read(&out.join("robots.txt")).contains("Disallow: /"));
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].starts_with("wrote 24 pages: "), "{}", lines[0]);
    assert!(
        lines[0].contains("to send today, 0 errors; open "),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with("index.html"), "{}", lines[0]);
}

#[test]
fn actions_json_equals_due_json_and_every_action_is_on_its_pages() {
    let repo = fixture();
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let due = repo.run(&["--today", T, "due", "--json"]);
    assert_eq!(read(&out.join("actions.json")), due.stdout);
    let json = due.json();
    let actions = json["actions"].as_array().expect("actions");
    assert!(
        actions.len() >= 6,
        "fixture should raise several actions: {json}"
    );
    let index = read(&out.join("index.html"));
    for action in actions {
        let title = action["title"].as_str().expect("title");
        let mut pages = Vec::new();
        if let Some(contact) = action["contact"].as_str() {
            pages.push(format!("contacts/{contact}.html"));
        }
        if let Some(application) = action["application"].as_str() {
            pages.push(format!("applications/{application}.html"));
        }
        assert!(!pages.is_empty(), "{action}");
        for page in pages {
            let html = read(&out.join(&page));
            assert!(html.contains(title), "{title} not on {page}");
        }
        if action["state"] != "upcoming" {
            assert!(index.contains(title), "{title} not on the index");
        }
    }
    // Each action says why it matters.
    assert!(index.contains("An unannounced reference call is the worst thing"));
}

#[test]
fn index_sections_come_in_order() {
    let repo = fixture();
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let index = read(&out.join("index.html"));
    let positions: Vec<usize> = [
        "id=\"first\"",
        "aria-label=\"Sections\"",
        "id=\"thanks\"",
        "id=\"references\"",
        "id=\"cheesecake\"",
        "id=\"stale\"",
        "id=\"follow-through\"",
        "id=\"hold-off\"",
        "id=\"coming-up\"",
        "id=\"problems\"",
    ]
    .iter()
    .map(|id| index.find(id).unwrap_or_else(|| panic!("{id} missing")))
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    let svg = index.find("<svg").expect("charts");
    assert!(
        svg > positions[positions.len() - 1],
        "charts come below the work"
    );
    for meta in [
        r#"<meta name="robots" content="noindex"#,
        r#"<meta name="referrer" content="no-referrer">"#,
        "Content-Security-Policy",
    ] {
        assert!(index.contains(meta), "{meta}");
    }
}

#[test]
fn briefing_has_synopsis_questions_and_an_encoded_mailto() {
    let repo = fixture();
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let brief = read(&out.join("applications/acme-sre/brief/jane-doe.html"));
    for expected in [
        "Run the platform &amp; keep it boring.",
        "on-call leadership",
        "incident reviews",
        "Asked how I run postmortems",
        "https://example.org/cv.pdf",
        "Alex Rivera",
        "data-copy=\"brief-draft\"",
    ] {
        assert!(brief.contains(expected), "{expected} missing");
    }
    let start = brief.find("href=\"mailto:").expect("mailto link") + 6;
    let end = start + brief[start..].find('"').expect("end of href");
    let href = brief[start..end].replace("&amp;", "&");
    // One message for Jane about both applications: one greeting, and the thanks for
    // agreeing she is owed (she agreed) said once.
    assert!(
        href.starts_with("mailto:jane@example.org?subject=News%20from%20my%20job%20search"),
        "{href}"
    );
    assert!(
        href.contains("&body=Hi%20Jane%2C%0D%0A%0D%0AThank%20you%20again%20for%20agreeing"),
        "{href}"
    );
    assert_eq!(href.matches("Hi%20Jane").count(), 1, "{href}");
    assert_eq!(href.matches("Best%2C").count(), 1, "{href}");
    assert!(
        !href.contains("Thank%20you%20again%20for%20being"),
        "{href}"
    );
    assert!(
        href.contains("%26%20keep%20it%20boring"),
        "& in the body is encoded: {href}"
    );
    assert!(!href.contains(' ') && !href.contains('\n'), "{href}");
}

#[test]
fn calendar_is_rfc5545_with_stable_uids() {
    let repo = fixture();
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let ics = read(&out.join("calendar.ics"));
    let json = repo.due_json(T);
    // One event per message.
    let count = json["messages"].as_array().expect("messages").len();
    assert!(count < json["actions"].as_array().expect("actions").len());
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line}");
    }
    let unfolded = ics.replace("\r\n ", "");
    assert_eq!(unfolded.matches("BEGIN:VEVENT\r\n").count(), count);
    assert_eq!(unfolded.matches("END:VEVENT\r\n").count(), count);
    let uids: Vec<&str> = unfolded.lines().filter(|l| l.starts_with("UID:")).collect();
    let mut unique = uids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), count, "UIDs are unique");
    assert_eq!(unfolded.matches("DTSTAMP:20261122T000000Z").count(), count);
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20261125\r\nDTEND;VALUE=DATE:20261126\r\n"));
    assert!(unfolded.contains("SUMMARY:Raj Patel: Send Raj the SLO write-up"));
    // A rebuild gives the same events with the same UIDs.
    assert_eq!(build(&repo, &out, &[]).code, 0);
    assert_eq!(read(&out.join("calendar.ics")), ics);
    // Editing a file above a task keeps the task's UID.
    repo.contact(
        "raj-patel",
        "name: Raj Patel\nemail: raj@example.org\nrelationship: hiring-manager\ncompany: Globex",
        "Some new notes.\n\nMore notes.\n\n## Log\n- [ ] 2026-11-25 Send Raj the SLO write-up\n",
    );
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let again = read(&out.join("calendar.ics")).replace("\r\n ", "");
    for uid in uids {
        assert!(again.contains(uid), "{uid} changed");
    }
}

#[test]
fn hostile_input_never_produces_executable_markup() {
    let repo = Repo::new();
    repo.file(
        "goodwill.toml",
        "owner = \"<script>alert('owner')</script>\"\nresume = \"javascript:alert(1)\"\n",
    );
    repo.contact(
        "mallory",
        "name: \"<script>alert(1)</script> {{ 7*7 }} {% if true %}x{% endif %}\"\ncompany: '\"><img src=x onerror=alert(2)>'\nemail: \"mallory'&{x}@example.org\"\nlinkedin: 'javascript:alert(4)'\ntalking_points: ['<b onmouseover=alert(5)>hi</b>']\ngift_ideas: '{{ self }}'",
        "<script>alert(6)</script>\n<img src=x onerror=alert(7)>\n[click](javascript:alert(8))\n<a href=\"javascript:alert(9)\">a</a>\n<iframe src=\"https://evil.example\"></iframe>\n<svg onload=alert(10)></svg>\n{{ 6*7 }}\n\n## Log\n- 2026-11-01 Met <img src=x onerror=alert(11)> [x](javascript:alert(12)) {{ 5*5 }} #agreed\n- [ ] 2026-11-20 <script>alert(13)</script> task\n",
    );
    repo.application(
        "evil-app",
        "company: '<script>alert(14)</script>'\nrole: '\" onfocus=alert(15) autofocus x=\"'\nstatus: interviewing\napplied: 2026-11-01\nreferences: [mallory]\nposting: 'javascript:alert(16)'\nhighlights: ['<script>alert(17)</script>']",
        "<style>body{display:none}</style><form action=https://evil.example><input name=x></form>\n\n## Log\n- 2026-11-05 Interview [[mallory]] <script>alert(18)</script> #interview #question\n",
    );
    let out = repo.path().join("public");
    let run = build(&repo, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = snapshot(&out);
    let html_pages = pages(&files);
    assert!(html_pages.len() >= 6);
    let event_handler = |html: &str| {
        // An attribute `on…=` inside a tag: attribute names are read outside quoted
        // values, so an escaped `" onfocus=` inside a value does not count.
        html.split('<').skip(1).any(|tag| {
            let tag = tag.split('>').next().unwrap_or("");
            let mut names = Vec::new();
            let mut quote: Option<char> = None;
            let mut name = String::new();
            for c in tag.chars() {
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if c == '"' || c == '\'' => quote = Some(c),
                    None if c.is_whitespace() || c == '=' => {
                        if !name.is_empty() {
                            names.push((std::mem::take(&mut name), c == '='));
                        }
                    }
                    None => name.push(c),
                }
            }
            names
                .iter()
                .skip(1)
                .any(|(name, _)| name.to_ascii_lowercase().starts_with("on"))
        })
    };
    for (path, html) in &html_pages {
        let lower = html.to_ascii_lowercase();
        let scripts: Vec<&str> = lower
            .match_indices("<script")
            .map(|(i, _)| &lower[i..i + 40.min(lower.len() - i)])
            .collect();
        for script in &scripts {
            assert!(
                script.starts_with("<script src=\"") && script.contains("copy.js"),
                "{path}: {script}"
            );
        }
        for attribute in ["href=\"", "src=\"", "action=\""] {
            for (i, _) in lower.match_indices(attribute) {
                let value = lower[i + attribute.len()..].trim_start();
                assert!(
                    !value.starts_with("javascript:")
                        && (!value.starts_with("data:") || value.starts_with("data:,\"")),
                    "{path}: {}",
                    &value[..40.min(value.len())]
                );
            }
        }
        assert!(!event_handler(html), "{path} has an event handler");
        for tag in [
            "<iframe",
            "<svg onload",
            "<img",
            "<style",
            "<form",
            "<input name",
        ] {
            assert!(!lower.contains(tag), "{path} has {tag}");
        }
    }
    let contact = &files["contacts/mallory.html"];
    let contact = decode(&String::from_utf8_lossy(contact));
    for literal in [
        "{{ 7*7 }}",
        "{% if true %}x{% endif %}",
        "{{ 6*7 }}",
        "{{ 5*5 }}",
        "{{ self }}",
    ] {
        assert!(
            contact.contains(literal),
            "template syntax in data is shown as written: {literal}"
        );
    }
    assert!(
        contact.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "names are escaped"
    );
}

#[test]
fn a_template_error_names_the_file_and_keeps_the_previous_dashboard() {
    let repo = fixture();
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let before = snapshot(&out);
    repo.file("site-template/contact.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ contact.no_such_field }}\n{% endblock %}\n");
    let run = build(&repo, &out, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("site-template/contact.html:3"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&out), before, "previous dashboard changed");
    let siblings: Vec<_> = std::fs::read_dir(repo.path())
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("goodwill-new"))
        .collect();
    assert!(siblings.is_empty(), "staging left behind: {siblings:?}");
    // A syntax error is reported the same way.
    repo.file("site-template/contact.html", "line one\n{% if %}\n");
    let run = build(&repo, &out, &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("site-template/contact.html:2"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&out), before);
}

#[test]
fn a_users_template_replaces_the_built_in_one() {
    let repo = fixture();
    repo.file(
        "site-template/index.html",
        "custom {{ site.today }} {{ sections | length }}",
    );
    repo.file("site-template/style.css", "body { color: rebeccapurple }\n");
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    assert_eq!(read(&out.join("index.html")), "custom 2026-11-22 5");
    assert_eq!(
        read(&out.join("style.css")),
        "body { color: rebeccapurple }\n"
    );
    // The other pages still use the built-in templates.
    assert!(read(&out.join("contacts/jane-doe.html")).contains("<main id=\"main\">"));
    // An error in a partial names the partial.
    repo.file(
        "site-template/action.html",
        "<li>\n{{ a.no_such_field.deeper }}</li>\n",
    );
    let run = build(&repo, &out, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("site-template/action.html:2"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unwritable_output_folder_keeps_the_previous_dashboard() {
    let repo = fixture();
    let parent = repo.path().join("site");
    std::fs::create_dir_all(&parent).expect("mkdir");
    // A name so long that the staging folder beside it cannot be created, even by root.
    let out = parent.join("p".repeat(240));
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join(".goodwill-dashboard"), "marker").expect("marker");
    std::fs::write(out.join("index.html"), "previous").expect("previous");
    let before = snapshot(&out);
    let run = build(&repo, &out, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot create"), "{}", run.stderr);
    assert_eq!(snapshot(&out), before);

    // A read-only parent folder, where permissions apply (not to root).
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(repo.path().join("locked")).expect("mkdir");
    let out = repo.path().join("locked/public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let before = snapshot(&out);
    let locked = repo.path().join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let enforced = std::fs::write(locked.join("probe"), "x").is_err();
    let run = build(&repo, &out, &[]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    if enforced {
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(snapshot(&out), before);
    }
}

#[test]
fn unsafe_output_folders_are_refused_and_nothing_is_deleted() {
    let repo = fixture();
    let before = snapshot(repo.path());
    let foreign = repo.path().join("notes");
    std::fs::create_dir_all(&foreign).expect("mkdir");
    std::fs::write(foreign.join("keep.txt"), "mine").expect("write");
    for out in [
        repo.path().to_path_buf(),
        repo.path().join("contacts"),
        repo.path().join("applications"),
        repo.path().join("site-template"),
        repo.path().join("contacts/public"),
        repo.path().join("notes"),
        repo.path().join(".."),
    ] {
        let run = build(&repo, &out, &[]);
        assert_eq!(run.code, 2, "{} accepted", out.display());
        assert!(
            run.stderr.contains("refusing to build into"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
    assert_eq!(read(&foreign.join("keep.txt")), "mine");
    let mut after = snapshot(repo.path());
    after.remove("notes/keep.txt");
    assert_eq!(after, before);
    // An empty folder is fine, and so is a folder goodwill made.
    std::fs::create_dir_all(repo.path().join("empty")).expect("mkdir");
    assert_eq!(build(&repo, &repo.path().join("empty"), &[]).code, 0);
    assert_eq!(build(&repo, &repo.path().join("empty"), &[]).code, 0);
}

#[test]
fn broken_files_are_listed_and_strict_makes_them_fatal() {
    let repo = fixture();
    repo.file("contacts/broken.md", "---\nname: [unclosed\n---\n");
    let out = repo.path().join("public");
    let run = build(&repo, &out, &["--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("contacts/broken.md"), "{}", run.stderr);
    assert!(!out.exists(), "--strict with errors writes nothing");
    let run = build(&repo, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(", 1 errors;"), "{}", run.stdout);
    let index = read(&out.join("index.html"));
    let problems = &index[index.find("id=\"problems\"").expect("problems section")..];
    assert!(problems.contains("contacts/broken.md"));
    assert!(!out.join("contacts/broken.html").exists());
}

#[test]
fn the_default_output_is_public_under_the_root() {
    let repo = fixture();
    let run = repo.run(&["--today", T, "build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(repo.path().join("public/index.html").is_file());
    assert!(repo.path().join("public/.goodwill-dashboard").is_file());
}

#[test]
fn identical_tasks_get_distinct_calendar_uids() {
    let repo = Repo::new();
    repo.contact(
        "kim-lee",
        "name: Kim Lee\nemail: kim@example.com",
        "## Log\n- [ ] 2026-12-01 Call\n- [ ] 2026-12-01 Call\n",
    );
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let ics = read(&out.join("calendar.ics"));
    let uids: Vec<&str> = ics.lines().filter(|l| l.starts_with("UID:")).collect();
    assert_eq!(uids.len(), 2, "{ics}");
    assert_ne!(uids[0], uids[1]);
}

/// Every file of a dashboard but the manifest (it records modification times).
fn dashboard(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = snapshot(dir);
    files.remove(".goodwill-manifest");
    files
}

#[test]
fn a_rebuild_from_the_spare_equals_a_build_from_nothing() {
    let repo = fixture();
    let out = repo.path().join("public");
    let spare = repo.path().join(".public.goodwill-spare");
    let build_on = |day: &str, out: &Path| {
        let out = out.to_string_lossy().into_owned();
        let run = repo.run(&["--today", day, "build", "--out", &out]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    };
    build_on("2026-11-20", &out);
    build_on("2026-11-21", &out);
    assert!(
        spare.join("index.html").is_file(),
        "the replaced dashboard is kept"
    );
    // Between builds a contact goes, another comes, and an application changes.
    std::fs::remove_file(repo.path().join("contacts/omar-haddad.md")).expect("remove");
    repo.contact(
        "mia-wong",
        "name: Mia Wong\nemail: mia@example.org\nrelationship: mentor",
        "## Log\n- 2026-11-01 Coffee\n",
    );
    repo.application(
        "acme-sre",
        "company: Acme\nrole: Senior SRE\nstatus: offer\napplied: 2026-11-01\nreferences: [jane-doe, mia-wong]",
        "## Log\n- 2026-11-12 Panel interview #interview\n",
    );
    build_on(T, &out);
    build_on(T, &out);
    let fresh = repo.path().join("fresh");
    build_on(T, &fresh);
    let (rebuilt, expected) = (dashboard(&out), dashboard(&fresh));
    assert!(!rebuilt.contains_key("contacts/omar-haddad.html"));
    assert!(!rebuilt.contains_key("applications/acme-sre/brief/omar-haddad.html"));
    assert!(rebuilt.contains_key("applications/acme-sre/brief/mia-wong.html"));
    assert_eq!(
        rebuilt.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert!(rebuilt[path] == *bytes, "{path} differs");
    }
}

/// The part of `html` from `start` up to the next `end` after it.
fn between<'h>(html: &'h str, start: &str, end: &str) -> &'h str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} missing"));
    let to = html[from..].find(end).map_or(html.len(), |i| from + i);
    &html[from..to]
}

/// A repository of `n` friends gone quiet, "Friend 01" the longest; each owes a
/// check-in more than two weeks late, so they rank by due date.
fn quiet_friends(n: usize) -> Repo {
    let repo = Repo::new();
    // Pacing off: every one of them is due now.
    repo.file("goodwill.toml", "[limits]\ncheckins_per_week = 0\n");
    for i in 1..=n {
        repo.contact(
            &format!("friend-{i:02}"),
            &format!("name: Friend {i:02}\nrelationship: friend\ncadence: 30d"),
            &format!("## Log\n- 2026-09-{i:02} Coffee\n"),
        );
    }
    repo
}

#[test]
fn each_long_section_shows_its_most_urgent_and_links_to_all_of_it() {
    let repo = quiet_friends(11);
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let index = read(&out.join("index.html"));
    let first = between(&index, "id=\"first\"", "</section>");
    let stale = between(&index, "id=\"stale\"", "</section>");
    let check_in = |i: usize| format!("Check in with Friend {i:02}<");
    // The five most urgent on top, the next five in their section, none twice.
    for i in 1..=5 {
        assert!(first.contains(&check_in(i)), "{i} not first");
        assert!(!stale.contains(&check_in(i)), "{i} twice");
    }
    for i in 6..=10 {
        assert!(stale.contains(&check_in(i)), "{i} not in its section");
    }
    assert!(
        !index.contains(&check_in(11)),
        "the eleventh is on its page only"
    );
    assert!(stale.contains("5 of them are in <a href=\"#first\">Do these first</a>"));
    assert!(
        stale.contains("<a href=\"sections/stale.html\">All 11: stale relationships</a>"),
        "{stale}"
    );
    // The section's page holds all of them, most urgent first, and links back.
    let page = read(&out.join("sections/stale.html"));
    let positions: Vec<usize> = (1..=11)
        .map(|i| {
            page.find(&check_in(i))
                .unwrap_or_else(|| panic!("{i} missing"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(page.contains("<a href=\"../index.html#stale\">Back to today</a>"));
    assert!(page.contains("href=\"../style.css\""));

    // Ten fit on the index: no link to the page, which is still written.
    let repo = quiet_friends(10);
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let index = read(&out.join("index.html"));
    assert!(index.contains(&check_in(10)));
    assert!(
        !index.contains("sections/stale.html"),
        "nothing more to see"
    );
    assert!(out.join("sections/stale.html").is_file());
}

#[test]
fn urgency_weighs_the_rule_as_well_as_the_lateness() {
    let repo = quiet_friends(1);
    // A reference who agreed, for an application in interviews without a heads-up:
    // one day late, it outranks a check-in months late.
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org\nrelationship: supervisor",
        "## Log\n- 2026-10-02 Agreed to be my reference #agreed\n",
    );
    repo.application(
        "acme-sre",
        "company: Acme\nrole: Senior SRE\nstatus: interviewing\napplied: 2026-11-21\nreferences: [jane-doe]",
        "",
    );
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let json = repo.due_json(T);
    let heads_up = json["actions"]
        .as_array()
        .and_then(|a| a.iter().find(|a| a["rule"] == "heads-up"))
        .expect("a heads-up is owed");
    let title = heads_up["title"].as_str().expect("title");
    let index = read(&out.join("index.html"));
    let first = between(&index, "id=\"first\"", "</section>");
    let heads_up_at = first.find(title).expect("heads-up first");
    let stale_at = first.find("Check in with Friend 01").expect("stale too");
    assert!(heads_up_at < stale_at, "the heads-up comes first");
    // Lateness shows in more than one red: a week or more late is its own tone.
    assert!(
        first.contains("<li class=\"action message overdue-long\" id=\"message-"),
        "{first}"
    );
    assert!(
        first.contains("<span class=\"badge overdue-long\">overdue by 52 days</span>"),
        "{first}"
    );
    // Words, not ids: the rule's name and the date with its weekday.
    assert!(first.contains("<span class=\"rule\">Reference heads-up</span>"));
    assert!(first.contains("<span class=\"rule\">Check in</span>"));
    assert!(first.contains("due <time datetime=\"2026-10-01\">Thu 1 Oct 2026</time>"));
    assert!(!index.contains(">heads-up<") && !index.contains(">stale<"));
}

#[test]
fn lists_put_the_most_urgent_first_and_the_closed_apart() {
    let repo = fixture();
    repo.contact(
        "old-friend",
        "name: Old Friend\nrelationship: friend\narchived: true",
        "## Log\n- 2020-01-01 Lunch\n",
    );
    repo.contact(
        "new-pal",
        "name: New Pal\nrelationship: friend",
        "## Log\n- 2026-11-20 Lunch\n",
    );
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let contacts = read(&out.join("contacts.html"));
    let owed = between(&contacts, "id=\"owed-title\"", "</section>");
    let others = between(&contacts, "id=\"others-title\"", "</section>");
    let archived = between(&contacts, "id=\"archived-title\"", "</section>");
    assert!(owed.contains("Lee Chen") && !others.contains("Lee Chen"));
    assert!(archived.contains("Old Friend") && !owed.contains("Old Friend"));
    // Everyone once.
    assert!(others.contains("New Pal") && !owed.contains("New Pal"));
    for name in [
        "Jane Doe",
        "Omar Haddad",
        "Raj Patel",
        "Lee Chen",
        "Old Friend",
        "New Pal",
    ] {
        assert_eq!(
            contacts.matches(&format!(">{name}</a>")).count(),
            1,
            "{name}"
        );
    }
    // Each card says how late, in words, with the date of the last touch.
    assert!(contacts.contains("data-label=\"Next\"><span class=\"badge overdue-long\">"));
    assert!(contacts.contains(">Sun 5 Jan 2025</time> <span class=\"ago\">22 months ago</span>"));

    let applications = read(&out.join("applications.html"));
    let live = between(&applications, "id=\"live-title\"", "</section>");
    let closed = between(&applications, "id=\"closed-title\"", "</section>");
    assert!(live.contains("Senior SRE") && !live.contains("Platform Engineer"));
    assert!(closed.contains("Platform Engineer") && !closed.contains("Senior SRE"));
    assert!(closed.contains("<th scope=\"col\">Decided</th>"));
    assert!(closed.contains(">Sun 15 Nov 2026</time>"));
}

#[test]
fn a_contact_page_starts_with_how_to_reach_them() {
    let repo = fixture();
    repo.contact(
        "two-mails",
        "name: Sam Two\nemail: [sam@example.org, sam@work.example.org]\nphone: 555 0101\nprefers: phone\nrelationship: friend",
        "",
    );
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let page = read(&out.join("contacts/two-mails.html"));
    let reach = page.find("How to reach Sam").expect("reach section");
    assert!(reach < page.find("Open messages").expect("messages"));
    assert_eq!(
        page.matches("<dt>Email").count(),
        1,
        "one Email, two addresses"
    );
    assert!(page.contains("<dd><a href=\"mailto:sam@example.org\">"));
    assert!(page.contains("<dd><a href=\"mailto:sam@work.example.org\">"));
    assert!(page.contains("<dt>Phone <span class=\"badge upcoming\">preferred</span></dt>"));
    let nobody = read(&out.join("contacts/omar-haddad.html"));
    assert!(nobody.contains("How to reach Omar"));
    let phone_only = read(&out.join("contacts/lee-chen.html"));
    assert!(phone_only.contains("<a href=\"tel:5550100\">555 0100</a>"));
    assert!(
        !phone_only.contains("Prefers"),
        "no preference, nothing said"
    );

    // A preferred way with nothing on file says what to add; no way at all too.
    repo.contact(
        "li-only",
        "name: Li Only\nemail: li@example.org\nprefers: linkedin\nrelationship: friend",
        "",
    );
    repo.contact("nowhere", "name: No Where\nrelationship: friend", "");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let li = read(&out.join("contacts/li-only.html"));
    assert!(li.contains(
        "Prefers LinkedIn, but none is on file: add <code>linkedin</code> to <code>contacts/li-only.md</code>."
    ));
    let nowhere = read(&out.join("contacts/nowhere.html"));
    assert!(nowhere.contains(
        "No email, phone or LinkedIn on file: add one to <code>contacts/nowhere.md</code>."
    ));
    assert!(!nowhere.contains("<dl class=\"details\">\n    <dt>Email"));
}

#[test]
fn an_application_timeline_keeps_references_general_entries_apart() {
    let repo = fixture();
    // Jane is a reference of both applications; her "Agreed" entry links neither.
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let page = read(&out.join("applications/acme-sre.html"));
    let timeline = between(&page, "id=\"timeline-title\"", "<details");
    let general = between(&page, "<details class=\"general\">", "</details>");
    assert!(timeline.contains("Panel interview"));
    assert!(
        timeline.contains("Acme called her"),
        "linked from Jane's file"
    );
    assert!(!timeline.contains("Agreed to be my reference"));
    assert!(general.contains("Agreed to be my reference"));
    assert!(general.contains("general entries from the people involved"));
    // The reference grid still counts it: permission is given once for all.
    assert!(page.contains("✓ <time datetime=\"2026-10-02\">Fri 2 Oct 2026</time>"));
}

/// Every `href` of a page, as written.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn pages_name_their_links_mark_the_current_page_and_never_link_to_themselves() {
    let repo = fixture();
    repo.contact(
        "mia-wong",
        "name: Mia Wong\nrelationship: mentor",
        "## Log\n- 2026-11-20 Talked to [[mia-wong]] about [[acme-sre]]\n",
    );
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let files = snapshot(&out);
    for (path, html) in pages(&files) {
        let folder = Path::new(&path).parent().unwrap_or(Path::new(""));
        for href in hrefs(&html) {
            if href.starts_with('#') || href.contains(':') {
                continue;
            }
            let target = href.split('#').next().unwrap_or(href);
            let mut resolved = folder.to_path_buf();
            for part in target.split('/') {
                match part {
                    ".." => {
                        resolved.pop();
                    }
                    part => resolved.push(part),
                }
            }
            assert_ne!(resolved, Path::new(&path), "{path} links to itself: {href}");
        }
        assert!(
            !html.contains(">briefing</a>") && !html.contains(">Reference briefing</a>"),
            "{path}"
        );
        assert!(!html.contains(" 1 touches"), "{path}");
    }
    let index = read(&out.join("index.html"));
    assert!(index.contains("<a aria-current=\"page\">Today</a>"));
    assert!(index.contains("<a href=\"contacts.html\">Contacts</a>"));
    let contacts = read(&out.join("contacts.html"));
    assert!(contacts.contains("<a aria-current=\"page\">Contacts</a>"));
    assert!(contacts.contains("<a href=\"index.html\">Today</a>"));
    let jane = read(&out.join("contacts/jane-doe.html"));
    assert!(jane.contains(">Briefing for Jane Doe</a>"));
    assert!(
        !jane.contains("aria-current"),
        "no entry of the navigation is this page"
    );
    // A self-link in an entry becomes text on that page, and stays a link elsewhere.
    let mia = read(&out.join("contacts/mia-wong.html"));
    assert!(mia.contains("Talked to <span class=\"here\">Mia Wong</span> about <a href=\"../applications/acme-sre.html\">"));
    let acme = read(&out.join("applications/acme-sre.html"));
    assert!(acme.contains(
        "Talked to <a href=\"../contacts/mia-wong.html\">Mia Wong</a> about <span class=\"here\">"
    ));
}

#[test]
fn the_calendar_holds_one_event_per_message_overdue_ones_on_today_with_a_morning_alarm() {
    let repo = fixture();
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let ics = read(&out.join("calendar.ics")).replace("\r\n ", "");
    let json = repo.due_json(T);
    let actions = json["messages"].as_array().expect("messages");
    let events: Vec<&str> = ics.split("BEGIN:VEVENT\r\n").skip(1).collect();
    assert_eq!(events.len(), actions.len());
    let mut overdue = 0;
    for event in &events {
        let summary = event
            .lines()
            .find_map(|l| l.strip_prefix("SUMMARY:"))
            .expect("summary");
        let action = actions
            .iter()
            .find(|a| {
                a["title"].as_str().map(|t| t.replace(',', "\\,")) == Some(summary.to_owned())
            })
            .unwrap_or_else(|| panic!("{summary}"));
        let due = action["due"].as_str().expect("due").replace('-', "");
        let start = event
            .lines()
            .find_map(|l| l.strip_prefix("DTSTART;VALUE=DATE:"))
            .expect("start");
        if action["state"] == "overdue" {
            overdue += 1;
            assert_eq!(start, "20261122", "{summary} on today");
            assert!(event.contains("DTEND;VALUE=DATE:20261123\r\n"));
            assert!(
                event.contains("DESCRIPTION:Overdue: it was due on "),
                "{event}"
            );
        } else {
            assert_eq!(start, due, "{summary} on its day");
            assert!(!event.contains("Overdue"));
        }
        let alarm = between(event, "BEGIN:VALARM\r\n", "END:VALARM");
        assert!(
            alarm.contains("ACTION:DISPLAY\r\n") && alarm.contains("TRIGGER:PT9H\r\n"),
            "{alarm}"
        );
        assert!(alarm.contains(&format!("DESCRIPTION:{summary}\r\n")));
    }
    assert!(overdue >= 2, "the fixture has overdue actions: {overdue}");
    // Lee's check-in was due long ago: the description says when.
    let lee = events
        .iter()
        .find(|e| e.contains("SUMMARY:Lee Chen: check in"))
        .expect("Lee's check-in");
    // The UID is the message's whole key: stable from day to day.
    let uid = lee
        .lines()
        .find_map(|l| l.strip_prefix("UID:"))
        .and_then(|uid| uid.strip_suffix("@goodwill"))
        .expect("a UID");
    assert_eq!(uid.len(), 13, "{uid}");
    assert!(
        uid.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
        "{uid}"
    );
    assert!(
        lee.contains("it was due on Fri 4 Jul 2025 (16 months ago)"),
        "{lee}"
    );
    let key = json["messages"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["title"] == "Lee Chen: check in"))
        .and_then(|m| m["key"].as_str())
        .expect("Lee's message");
    assert!(uid.starts_with(key), "{uid} from {key}");
    // The next day, the same message keeps its event.
    let later = repo.run(&[
        "--today",
        "2026-11-23",
        "build",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(later.code, 0, "{}", later.stderr);
    let ics = read(&out.join("calendar.ics")).replace("\r\n ", "");
    assert!(ics.contains(&format!("UID:{uid}@goodwill\r\n")));
}

#[test]
fn the_headline_counts_messages_not_rules() {
    let repo = fixture();
    let out = repo.path().join("public");
    let run = build(&repo, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = repo.due_json(T);
    let actions = json["actions"].as_array().expect("actions");
    let to_send: Vec<&serde_json::Value> = json["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| m["due"].as_str() <= Some(T) && m["to"].is_string())
        .collect();
    let owed_actions = actions
        .iter()
        .filter(|a| a["due"].as_str() <= Some(T))
        .count();
    assert!(
        to_send.len() < owed_actions,
        "the fixture gathers actions: {} messages, {owed_actions} actions",
        to_send.len()
    );
    let index = read(&out.join("index.html"));
    let headline = format!(
        "<strong class=\"headline\">{} messages to send today</strong>",
        to_send.len()
    );
    assert!(index.contains(&headline), "{headline}");
    assert!(run.stdout.contains(&format!(
        ": {} messages to send today, 0 errors",
        to_send.len()
    )));
    // Every message due by today has one card on the index or its section page, each
    // reason with its own key and the message with its key when it holds more than one.
    for message in &to_send {
        let key = message["key"].as_str().expect("key");
        let card = format!("id=\"message-{key}\"");
        let shown = index.matches(&card).count()
            + [
                "thanks",
                "references",
                "cheesecake",
                "stale",
                "follow-through",
            ]
            .iter()
            .map(|s| {
                read(&out.join(format!("sections/{s}.html")))
                    .matches(&card)
                    .count()
            })
            .sum::<usize>();
        assert!(shown >= 1, "{key} shows nowhere");
        let reasons = message["actions"].as_array().expect("actions");
        if reasons.len() > 1 && index.contains(&card) {
            assert!(
                index.contains(&format!("goodwill done {key}</code>")),
                "{key}"
            );
            for reason in reasons {
                let reason = reason.as_str().expect("key");
                assert!(
                    index.contains(&format!("id=\"action-{reason}\"")),
                    "{reason}"
                );
            }
        }
    }
}

#[test]
fn the_grid_ticks_permission_only_once_they_agreed() {
    let repo = Repo::new();
    repo.contact(
        "dana-fox",
        "name: Dana Fox\nemail: dana@example.org\nrelationship: mentor",
        "## Log\n- 2026-11-20 Asked Dana to be my reference #asked\n",
    );
    repo.application(
        "orchard-platform",
        "company: Orchard\nrole: Platform Engineer\nstatus: applied\napplied: 2026-11-19\nreferences: [dana-fox]",
        "",
    );
    let out = repo.path().join("public");
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let cell = |page: &str| between(page, "<td data-label=\"Permission\">", "</td>").to_owned();
    let page = read(&out.join("applications/orchard-platform.html"));
    assert!(
        !cell(&page).contains('✓'),
        "asked is not agreed: {}",
        cell(&page)
    );
    repo.contact(
        "dana-fox",
        "name: Dana Fox\nemail: dana@example.org\nrelationship: mentor",
        "## Log\n- 2026-11-20 Asked Dana to be my reference #asked\n- 2026-11-21 She said yes #agreed\n",
    );
    assert_eq!(build(&repo, &out, &[]).code, 0);
    let page = read(&out.join("applications/orchard-platform.html"));
    assert!(
        cell(&page).contains("✓ <time datetime=\"2026-11-21\">"),
        "{}",
        cell(&page)
    );
}
