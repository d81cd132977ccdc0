//! Integration tests: `init`, `new`, `log` and `import`, including every refusal.

use crate::support::{Repo, Run, binary, files_under};
use std::fs;
use std::path::Path;
use std::process::Command;

/// Runs `goodwill ARGS…` in `dir`, without `--root`.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(binary())
        .current_dir(dir)
        .env_remove("GOODWILL_TODAY")
        .args(args)
        .output()
        .expect("run goodwill");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

fn check_passes(repo_root: &Path) {
    let run = run_in(
        repo_root,
        &["--root", &repo_root.display().to_string(), "check"],
    );
    assert_eq!(run.code, 0, "check failed:\n{}", run.stderr);
    assert!(run.stderr.contains(" 0 errors"), "{}", run.stderr);
}

/// Every file under `dir`, relative, sorted (`.git` left out).
fn files(dir: &Path) -> Vec<String> {
    files_under(dir).into_keys().collect()
}

fn read(repo: &Repo, relative: &str) -> Vec<u8> {
    fs::read(repo.path().join(relative)).expect("read file")
}

// ---------------------------------------------------------------- init

#[test]
fn init_then_check_passes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("crm");
    let run = run_in(dir.path(), &["--today", "2026-11-22", "init", "crm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        files(&target),
        [
            ".gitignore",
            "applications/example-corp-backend-engineer.md",
            "contacts/sam-rivera.md",
            "goodwill.toml"
        ]
    );
    let gitignore = fs::read_to_string(target.join(".gitignore")).expect(".gitignore");
    assert!(gitignore.lines().any(|l| l == "/public/"), "{gitignore}");
    check_passes(&target);
    let settings = fs::read_to_string(target.join("goodwill.toml")).expect("settings");
    for key in [
        "owner",
        "resume",
        "targets",
        "output",
        "cheesecake_min_gap",
        "reference_window",
        "soon",
        "gift",
    ] {
        assert!(settings.contains(&format!("\n{key} = ")), "{key} missing");
    }
    let due = run_in(&target, &["--today", "2026-11-22", "due", "--json"]);
    assert_eq!(due.code, 0, "{}", due.stderr);
    assert!(
        due.json()["diagnostics"]
            .as_array()
            .expect("array")
            .is_empty()
    );
    let has_git = Command::new("git").arg("--version").output().is_ok();
    assert_eq!(target.join(".git").is_dir(), has_git);
}

#[test]
fn init_defaults_to_the_working_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = run_in(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("goodwill.toml").is_file());
    check_passes(dir.path());
}

#[test]
fn init_refuses_an_existing_repository() {
    let repo = Repo::new();
    repo.contact("jane-doe", "name: Jane Doe", "");
    let before = files(repo.path());
    let run = run_in(repo.path(), &["init", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("already holds a goodwill repository"),
        "{}",
        run.stderr
    );
    assert_eq!(files(repo.path()), before);

    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("goodwill.toml"), "owner = \"Me\"\n").expect("write");
    let run = run_in(dir.path(), &["init"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        fs::read_to_string(dir.path().join("goodwill.toml")).expect("read"),
        "owner = \"Me\"\n"
    );
}

#[test]
fn init_keeps_an_existing_gitignore() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join(".gitignore"), "target/\n").expect("write");
    let run = run_in(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join(".gitignore")).expect("read"),
        "target/\n"
    );
    assert!(
        run.stdout.contains("kept the existing .gitignore"),
        "{}",
        run.stdout
    );
}

#[test]
fn init_does_not_nest_git_repositories() {
    if Command::new("git").arg("--version").output().is_err() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let status = Command::new("git")
        .arg("init")
        .arg("--quiet")
        .arg(dir.path())
        .status()
        .expect("git");
    assert!(status.success());
    let run = run_in(dir.path(), &["init", "crm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!dir.path().join("crm/.git").exists());
}

// ---------------------------------------------------------------- new

#[test]
fn new_contact_creates_a_file_that_passes_check() {
    let repo = Repo::new();
    let run = repo.run(&[
        "new",
        "contact",
        "Zoë O'Brien-Ångström",
        "--company",
        "Acme: \"Labs\" #1",
        "--email",
        "zoe@example.com",
        "--relationship",
        "Hiring-Manager",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = repo.path().join("contacts/zoe-o-brien-angstrom.md");
    assert_eq!(run.stdout.trim(), path.display().to_string());
    let text = fs::read_to_string(&path).expect("created");
    assert!(text.contains("relationship: hiring-manager\n"), "{text}");
    assert!(text.ends_with("## Log\n"), "{text}");
    check_passes(repo.path());
    let due = repo.due_json("2026-11-22");
    assert!(due["diagnostics"].as_array().expect("array").is_empty());
}

#[test]
fn new_contact_refuses_a_taken_id() {
    let repo = Repo::new();
    repo.file("contacts/friends/Jane Doe.md", "---\nname: Jane\n---\n");
    let run = repo.run(&["new", "contact", "JANE   doe"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`contacts/friends/Jane Doe.md`"),
        "{}",
        run.stderr
    );
    assert!(!repo.path().join("contacts/jane-doe.md").exists());
    // Ids are unique across contacts and applications.
    repo.application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-01-01",
        "",
    );
    let run = repo.run(&["new", "contact", "Acme SRE"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("applications/acme-sre.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn hostile_names_stay_inside_contacts() {
    let repo = Repo::new();
    let long = "x".repeat(300);
    for (name, file) in [
        ("../../etc/passwd", "contacts/etc-passwd.md"),
        ("/etc/x", "contacts/etc-x.md"),
        ("..\\..\\windows", "contacts/windows.md"),
        ("Ana 🎉", "contacts/ana.md"),
    ] {
        let run = repo.run(&["new", "contact", name]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(repo.path().join(file).is_file(), "{name}");
    }
    let run = repo.run(&["new", "contact", &long]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["", "   ", "!!!", "../..", "🎉🎉"] {
        let run = repo.run(&["new", "contact", name]);
        assert_eq!(run.code, 2, "{name:?}");
        assert!(
            run.stderr.contains("no letters or digits to make an id of"),
            "{name:?}: {}",
            run.stderr
        );
    }
    let all = files(repo.path());
    assert!(
        all.iter()
            .all(|f| f.starts_with("contacts/") || f.starts_with("applications/")),
        "{all:?}"
    );
    assert_eq!(all.len(), 5, "{all:?}");
    assert!(all.iter().all(|f| f.len() < 120), "{all:?}");
    check_passes(repo.path());
}

#[test]
fn new_contact_refuses_bad_options() {
    let repo = Repo::new();
    let run = repo.run(&["new", "contact", "Jane Doe", "--relationship", "mentr"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("unknown relationship `mentr` (did you mean `mentor`?)"),
        "{}",
        run.stderr
    );
    let run = repo.run(&["new", "contact", "Jane Doe", "--email", "jane at example"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a plain email address"),
        "{}",
        run.stderr
    );
    assert!(files(repo.path()).is_empty());
}

#[test]
fn new_application_with_references() {
    let repo = Repo::new();
    repo.contact("jane-doe", "name: Jane Doe\nemail: jane@example.com", "");
    let run = repo.run(&[
        "--today",
        "2026-11-22",
        "new",
        "application",
        "Acme",
        "Senior SRE",
        "--reference",
        "Jane Doe",
        "--reference",
        "[[jane-doe]]",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        fs::read_to_string(repo.path().join("applications/acme-senior-sre.md")).expect("created");
    assert_eq!(
        text,
        "---\ncompany: \"Acme\"\nrole: \"Senior SRE\"\nstatus: applied\napplied: 2026-11-22\nreferences:\n  - \"jane-doe\"\ncontacts: []\n---\n\n## Synopsis\n\n## Log\n"
    );
    check_passes(repo.path());
    let json = repo.due_json("2026-11-22");
    let rules: Vec<&str> = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["rule"].as_str())
        .collect();
    assert!(rules.contains(&"permission"), "{rules:?}");

    let run = repo.run(&[
        "new",
        "application",
        "ACME",
        "senior sre",
        "--applied",
        "2026-01-02",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`applications/acme-senior-sre.md`"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_application_refuses_unknown_references() {
    let repo = Repo::new();
    repo.contact("jane-doe", "name: Jane Doe", "");
    repo.application(
        "beta-dev",
        "company: Beta\nrole: Dev\napplied: 2026-01-01",
        "",
    );
    let run = repo.run(&[
        "new",
        "application",
        "Acme",
        "SRE",
        "--reference",
        "jane-do",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("unknown contact `jane-do` (nearest: `jane-doe`)"),
        "{}",
        run.stderr
    );
    let run = repo.run(&[
        "new",
        "application",
        "Acme",
        "SRE",
        "--reference",
        "beta-dev",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a contact"), "{}", run.stderr);
    let run = repo.run(&["new", "application", " ", "SRE"]);
    assert_eq!(run.code, 2);
    assert!(!repo.path().join("applications/acme-sre.md").exists());
}

// ---------------------------------------------------------------- log

const ENTRY: &str = "- 2026-11-22 Thanked her for the call #thanks";

fn log_case(original: &str, expected: &str) {
    let repo = Repo::new();
    repo.file("contacts/jane-doe.md", original);
    let run = repo.run(&[
        "--today",
        "2026-11-22",
        "log",
        "jane-doe",
        "Thanked her for the call #thanks",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        String::from_utf8(read(&repo, "contacts/jane-doe.md")).expect("utf-8"),
        expected,
        "{original:?}"
    );
    check_passes(repo.path());
}

#[test]
fn log_appends_to_lf_files() {
    log_case(
        "---\nname: Jane Doe\n---\nNotes.\n\n## Log\n- 2026-10-02 Agreed #agreed\n",
        &format!(
            "---\nname: Jane Doe\n---\nNotes.\n\n## Log\n- 2026-10-02 Agreed #agreed\n{ENTRY}\n"
        ),
    );
}

#[test]
fn log_keeps_crlf() {
    log_case(
        "---\r\nname: Jane Doe\r\n---\r\nNotes.\r\n\r\n## Log\r\n- 2026-10-02 Agreed #agreed\r\n",
        &format!(
            "---\r\nname: Jane Doe\r\n---\r\nNotes.\r\n\r\n## Log\r\n- 2026-10-02 Agreed #agreed\r\n{ENTRY}\r\n"
        ),
    );
}

#[test]
fn log_adds_exactly_one_line_without_a_final_newline() {
    log_case(
        "---\nname: Jane Doe\n---\n## Log\n- 2026-10-02 Agreed #agreed",
        &format!("---\nname: Jane Doe\n---\n## Log\n- 2026-10-02 Agreed #agreed\n{ENTRY}"),
    );
}

#[test]
fn log_inserts_after_the_list_when_text_follows() {
    log_case(
        "---\nname: Jane Doe\n---\n## Log\n- 2026-10-02 Agreed #agreed\n\nShe likes tea.\n\n## Gifts\n- mug\n",
        &format!(
            "---\nname: Jane Doe\n---\n## Log\n- 2026-10-02 Agreed #agreed\n{ENTRY}\n\nShe likes tea.\n\n## Gifts\n- mug\n"
        ),
    );
}

#[test]
fn log_creates_the_section_when_missing() {
    log_case(
        "---\nname: Jane Doe\n---\nNotes.\n",
        &format!("---\nname: Jane Doe\n---\nNotes.\n\n## Log\n{ENTRY}\n"),
    );
    log_case(
        "---\nname: Jane Doe\n---\n",
        &format!("---\nname: Jane Doe\n---\n## Log\n{ENTRY}\n"),
    );
}

#[test]
fn log_keeps_a_byte_order_mark_and_front_matter() {
    log_case(
        "\u{feff}---\nname: Jane Doe   # keep this comment\ntags: [a,  b]\n---\n## Log\n",
        &format!(
            "\u{feff}---\nname: Jane Doe   # keep this comment\ntags: [a,  b]\n---\n## Log\n{ENTRY}\n"
        ),
    );
}

#[test]
fn log_uses_date_and_accepts_names_for_ids() {
    let repo = Repo::new();
    repo.contact("jane-doe", "name: Jane Doe", "## Log\n");
    repo.application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-01-01",
        "",
    );
    let run = repo.run(&[
        "--today",
        "2026-11-22",
        "log",
        "Acme SRE",
        "Interview with [[Jane Doe]] #interview",
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "applications/acme-sre.md:7: - 2026-11-20 Interview with [[Jane Doe]] #interview\n"
    );
    assert_eq!(run.stderr, "");
    let text = String::from_utf8(read(&repo, "applications/acme-sre.md")).expect("utf-8");
    assert!(
        text.ends_with("\n## Log\n- 2026-11-20 Interview with [[Jane Doe]] #interview\n"),
        "{text}"
    );
    check_passes(repo.path());
}

#[test]
fn log_warns_about_unknown_links_and_tag_typos() {
    let repo = Repo::new();
    repo.contact("jane-doe", "name: Jane Doe", "## Log\n");
    repo.application(
        "acme-sre",
        "company: Acme\nrole: SRE\napplied: 2026-01-01",
        "",
    );
    let run = repo.run(&[
        "--today",
        "2026-11-22",
        "log",
        "jane-doe",
        "Sent notes on [[acme-sr]] #thank",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "contacts/jane-doe.md:5: warning: unknown link `acme-sr`: no contact or application has the id `acme-sr` (did you mean `acme-sre`?)\n\
         contacts/jane-doe.md:5: warning: tag `#thank` means nothing to goodwill (did you mean `#thanks`?)\n"
    );
    // The entry was still written: an unknown link is a warning.
    assert!(
        String::from_utf8(read(&repo, "contacts/jane-doe.md"))
            .expect("utf-8")
            .contains("[[acme-sr]]")
    );
}

#[test]
fn log_refusals_change_nothing() {
    let repo = Repo::new();
    repo.contact("jane-doe", "name: Jane Doe", "## Log\n");
    repo.file("contacts/broken.md", "no front matter here\n");
    repo.file("contacts/a/dup.md", "---\nname: A\n---\n");
    repo.file("contacts/b/Dup.md", "---\nname: B\n---\n");
    let before: Vec<(String, Vec<u8>)> = files(repo.path())
        .into_iter()
        .map(|f| (f.clone(), read(&repo, &f)))
        .collect();
    for (args, message) in [
        (
            vec!["log", "jane-do", "x"],
            "no contact or application has the id `jane-do` (nearest: `jane-doe`",
        ),
        (
            vec!["log", "nobody-at-all", "x"],
            "no contact or application has the id `nobody-at-all`",
        ),
        (vec!["log", "jane-doe", "  "], "the log text is empty"),
        (vec!["log", "jane-doe", "one\ntwo"], "one line"),
        (vec!["log", "broken", "x"], "missing front matter"),
        (
            vec!["log", "dup", "x"],
            "is used by `contacts/a/dup.md` and `contacts/b/Dup.md`",
        ),
    ] {
        let run = repo.run(&args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
    let run = repo.run(&["log", "jane-doe", "x", "--date", "2026-02-30"]);
    assert_eq!(run.code, 2);
    let after: Vec<(String, Vec<u8>)> = files(repo.path())
        .into_iter()
        .map(|f| (f.clone(), read(&repo, &f)))
        .collect();
    assert_eq!(before, after);
}

#[cfg(unix)]
#[test]
fn log_writes_through_symlinks_and_keeps_permissions() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let repo = Repo::new();
    let outside = tempfile::tempdir().expect("temp dir");
    let real = outside.path().join("jane.md");
    fs::write(&real, "---\nname: Jane Doe\n---\n## Log\n").expect("write");
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).expect("chmod");
    symlink(&real, repo.path().join("contacts/jane-doe.md")).expect("symlink");
    let run = repo.run(&["--today", "2026-11-22", "log", "jane-doe", "Coffee"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let link = repo.path().join("contacts/jane-doe.md");
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&real).expect("read"),
        "---\nname: Jane Doe\n---\n## Log\n- 2026-11-22 Coffee\n"
    );
    assert_eq!(
        fs::metadata(&real).expect("meta").permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        fs::read_dir(outside.path()).expect("list").count(),
        1,
        "no temporary file left"
    );
}

// ---------------------------------------------------------------- import

const CONNECTIONS: &str = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nJane,Doe,https://www.linkedin.com/in/jane-doe-0a1b2c,,\"Acme, Inc.\",\"Senior \"\"Site\"\" Reliability Engineer\",15 Nov 2023\nZoë,Ångström,https://www.linkedin.com/in/zoe-angstrom,zoe@example.com,Beta GmbH,CTO,02 Jan 2024\n,,https://www.linkedin.com/in/ghost,,,,01 Feb 2024\nPat,\"O'Brien, PhD\",https://www.linkedin.com/in/pat-obrien,,,,\n../../etc,passwd,,,,,\n🎉,,,,,,\n";

fn imported(repo: &Repo) -> Vec<String> {
    files(repo.path())
        .into_iter()
        .filter(|f| f.starts_with("contacts/"))
        .collect()
}

#[test]
fn import_linkedin_creates_contacts_that_pass_check() {
    let repo = Repo::new();
    repo.file("Connections.csv", CONNECTIONS);
    let csv = repo.path().join("Connections.csv").display().to_string();
    let run = repo.run(&["import", "linkedin", &csv]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.ends_with(
            "created 4, skipped 0, failed 2\nthe new contacts add 2 check-ins, spread over 1 week, at most 10 a week (`limits.checkins_per_week`)\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(&format!(
            "{csv}:7: error: row has no first or last name: not imported"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "{csv}:10: error: the name `🎉` has no letters or digits"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(
        imported(&repo),
        [
            "contacts/etc-passwd.md",
            "contacts/jane-doe.md",
            "contacts/pat-o-brien-phd.md",
            "contacts/zoe-angstrom.md"
        ]
    );
    let jane = String::from_utf8(read(&repo, "contacts/jane-doe.md")).expect("utf-8");
    assert_eq!(
        jane,
        "---\nname: \"Jane Doe\"\ncompany: \"Acme, Inc.\"\ntitle: \"Senior \\\"Site\\\" Reliability Engineer\"\nlinkedin: \"https://www.linkedin.com/in/jane-doe-0a1b2c\"\n---\n\n## Log\n- 2023-11-15 Connected on LinkedIn #connected\n"
    );
    check_passes(repo.path());

    // The same file again creates nothing.
    let again = repo.run(&["import", "linkedin", &csv]);
    assert!(
        again.stdout.ends_with("created 0, skipped 4, failed 2\n"),
        "{}",
        again.stdout
    );
    assert_eq!(imported(&repo).len(), 4);
}

#[test]
fn import_skips_people_already_present() {
    let repo = Repo::new();
    repo.contact(
        "jd",
        "name: J. Doe\nlinkedin: https://linkedin.com/in/jane-doe-0a1b2c/",
        "",
    );
    repo.contact(
        "zoe",
        "name: Zoe\nemail: [old@example.com, ZOE@example.com]",
        "",
    );
    repo.file("contacts/Pat O'Brien PhD.md", "not even front matter");
    let before = read(&repo, "contacts/jd.md");
    repo.file("Connections.csv", CONNECTIONS);
    let run = repo.run(&[
        "import",
        "linkedin",
        "--dry-run",
        &repo.path().join("Connections.csv").display().to_string(),
    ]);
    assert!(
        run.stdout
            .contains("skipped Jane Doe: same LinkedIn profile as `contacts/jd.md`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("skipped Zoë Ångström: same email `zoe@example.com` as `contacts/zoe.md`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("same name as `contacts/Pat O'Brien PhD.md`, and nothing tells them apart"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("would create contacts/etc-passwd.md (../../etc passwd)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\nwould create 1, skipped 3, failed 2 (dry run: nothing was written)\n"),
        "{}",
        run.stdout
    );
    assert_eq!(imported(&repo).len(), 3, "dry run wrote nothing");
    let run = repo.run(&[
        "import",
        "linkedin",
        &repo.path().join("Connections.csv").display().to_string(),
    ]);
    assert!(
        run.stdout.contains("\ncreated 1, skipped 3, failed 2\n"),
        "{}",
        run.stdout
    );
    assert_eq!(read(&repo, "contacts/jd.md"), before);
}

#[test]
fn import_refuses_files_that_are_not_exports() {
    let repo = Repo::new();
    repo.file("other.csv", "Name,Phone\nJane,123\n");
    repo.file("empty.vcf", "nothing here\n");
    let path = |name: &str| repo.path().join(name).display().to_string();
    let run = repo.run(&["import", "linkedin", &path("other.csv")]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is this LinkedIn's Connections.csv?"),
        "{}",
        run.stderr
    );
    let run = repo.run(&["import", "vcard", &path("empty.vcf")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no `BEGIN:VCARD`"), "{}", run.stderr);
    let run = repo.run(&["import", "vcard", &path("missing.vcf")]);
    assert_eq!(run.code, 2);
    assert!(imported(&repo).is_empty());
}

const VCARDS: &str = concat!(
    "BEGIN:VCARD\r\nVERSION:2.1\r\n",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg;;;\r\n",
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg M=C3=BC=\r\nller\r\n",
    "TEL;CELL;PREF:+49 151 1234567\r\nTEL;WORK:+49 30 1234\r\n",
    "EMAIL;INTERNET:joerg@example.com\r\n",
    "ORG:Gamma AG;Research\r\n",
    "END:VCARD\r\n",
    "BEGIN:VCARD\nVERSION:3.0\nN:Lee;Bob;;;\nitem1.EMAIL;type=INTERNET;type=pref:bob@example.com\nitem2.EMAIL;type=INTERNET:bob.lee@example.org\n",
    "TITLE:Recruiter\\, EMEA\nURL:https://www.linkedin.com/in/bob-lee\nEND:VCARD\n",
    "BEGIN:VCARD\nVERSION:4.0\nFN:Chidi \n Okafor\nEMAIL:chidi@example.com\nTEL;VALUE=uri:tel:+1-555-0100\nEND:VCARD\n",
    "BEGIN:VCARD\nVERSION:3.0\nTEL:123\nEND:VCARD\n",
    "BEGIN:VCARD\nVERSION:3.0\nFN:No End\n",
);

#[test]
fn import_vcard_versions_2_1_3_0_4_0() {
    let repo = Repo::new();
    repo.file("contacts.vcf", VCARDS);
    let vcf = repo.path().join("contacts.vcf").display().to_string();
    let run = repo.run(&["import", "vcard", &vcf]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .ends_with("created 3, skipped 0, failed 2\nthe new contacts add no check-ins\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains(&format!("{vcf}:26: error: card has no name")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("{vcf}:30: error: card has no `END:VCARD` line")),
        "{}",
        run.stderr
    );
    assert_eq!(
        imported(&repo),
        [
            "contacts/bob-lee.md",
            "contacts/chidi-okafor.md",
            "contacts/jorg-muller.md"
        ]
    );
    assert_eq!(
        String::from_utf8(read(&repo, "contacts/jorg-muller.md")).expect("utf-8"),
        "---\nname: \"Jörg Müller\"\ncompany: \"Gamma AG\"\nemail: \"joerg@example.com\"\nphone: \"+49 151 1234567\"\n---\n\nDepartment: Research\n\nOther phone numbers: +49 30 1234\n\n## Log\n"
    );
    let bob = String::from_utf8(read(&repo, "contacts/bob-lee.md")).expect("utf-8");
    assert!(
        bob.contains("email:\n  - \"bob@example.com\"\n  - \"bob.lee@example.org\"\n"),
        "{bob}"
    );
    assert!(
        bob.contains("title: \"Recruiter, EMEA\"\n")
            && bob.contains("linkedin: \"https://www.linkedin.com/in/bob-lee\"\n"),
        "{bob}"
    );
    check_passes(repo.path());

    let again = repo.run(&["import", "vcard", &vcf]);
    assert!(
        again.stdout.ends_with("created 0, skipped 3, failed 2\n"),
        "{}",
        again.stdout
    );
    assert_eq!(imported(&repo).len(), 3);
}

#[test]
fn import_vcard_dry_run_writes_nothing() {
    let repo = Repo::new();
    repo.file("contacts.vcf", VCARDS);
    let run = repo.run(&[
        "import",
        "vcard",
        "--dry-run",
        &repo.path().join("contacts.vcf").display().to_string(),
    ]);
    assert!(
        run.stdout
            .contains("would create contacts/chidi-okafor.md (Chidi Okafor)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\nwould create 3, skipped 0, failed 2 (dry run: nothing was written)\n"),
        "{}",
        run.stdout
    );
    assert!(imported(&repo).is_empty());
}

#[test]
fn transliterated_ids_still_resolve_by_name() {
    let repo = crate::support::Repo::new();
    let run = repo.run(&[
        "new",
        "contact",
        "Zoë Ångström",
        "--email",
        "zoe@example.com",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("contacts/zoe-angstrom.md"),
        "{}",
        run.stdout
    );
    let run = repo.run(&[
        "new",
        "application",
        "Acme",
        "SRE",
        "--applied",
        "2026-11-01",
        "--reference",
        "Zoë Ångström",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    repo.contact(
        "ana",
        "name: Ana\nemail: ana@example.com",
        "## Log\n- 2026-11-02 Met [[Zoë Ångström]] #intro\n",
    );
    repo.application(
        "beta",
        "company: Beta\nrole: SRE\napplied: 2026-11-01\nreferences: [\"[[Zoë Ångström]]\"]",
        "",
    );
    let run = repo.run(&[
        "--today",
        "2026-11-22",
        "log",
        "Zoë Ångström",
        "Coffee #thanks",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
    // A hand-made file for the same name (id `zo-ngstr-m`) is the same person.
    let repo = crate::support::Repo::new();
    repo.file("contacts/Zoë Ångström.md", "---\nname: Zoë Ångström\n---\n");
    let run = repo.run(&["new", "contact", "Zoë Ångström"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("already taken"), "{}", run.stderr);
}

#[test]
fn done_prints_no_terminal_escapes() {
    let repo = Repo::new();
    repo.contact(
        "pat",
        "name: \"Pat \\e]0;pwned\\a\\e[2J Example\"\nemail: pat@example.com",
        "- [ ] 2026-11-20 Call back \u{1b}[31mred\n",
    );
    let json = repo.due_json("2026-11-22");
    let key = json["actions"][0]["key"]
        .as_str()
        .expect("a task")
        .to_owned();
    let run = repo.run(&["--today", "2026-11-22", "done", &key]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Pat \u{fffd}]0;pwned"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains(['\u{1b}', '\u{7}']) && !run.stderr.contains('\u{1b}'),
        "{:?}",
        run.stdout
    );
}

#[test]
fn log_never_grows_a_file_over_the_limit() {
    let repo = Repo::new();
    let front = "---\nname: Pat\nemail: pat@example.com\n---\n## Log\n";
    let filler = "x".repeat(1024 * 1024 - front.len() - 20);
    repo.file("contacts/pat.md", &format!("{front}{filler}\n"));
    let before = read(&repo, "contacts/pat.md");
    let run = repo.run(&["--today", "2026-11-22", "log", "pat", "A long enough entry"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("it would grow over the limit of 1 MiB that goodwill reads: split it first"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&repo, "contacts/pat.md"), before, "nothing written");
}

#[test]
fn new_refuses_what_check_would_refuse() {
    let repo = Repo::new();
    let run = repo.run(&[
        "new",
        "contact",
        "Eve",
        "--email",
        "evil@example.com?bcc=victim@example.org",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "`evil@example.com?bcc=victim@example.org` is not a plain email address: write it as name@example.com"
        ),
        "{}",
        run.stderr
    );
    let long = "N".repeat(70_000);
    let run = repo.run(&["new", "contact", &long]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the name is over 500 characters: shorten it"),
        "{}",
        run.stderr
    );
    assert!(files(repo.path()).is_empty(), "nothing written");
}
