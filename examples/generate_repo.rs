//! Writes a large, synthetic goodwill repository for benchmarks:
//! `cargo run --release --example generate_repo -- DIR [CONTACTS] [APPLICATIONS]`.
//!
//! Every contact has a handful of log entries; every application lists references and
//! contacts and has interviews, so every rule has work to do.

use std::fmt::Write as _;
use std::path::Path;

const COMPANIES: &[&str] = &[
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne",
];
const TAGS: &[&str] = &[
    "thanks",
    "update",
    "heads-up",
    "agreed",
    "cheesecake",
    "intro",
    "letter",
    "connected",
];

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: generate_repo DIR [CONTACTS] [APPLICATIONS]");
        std::process::exit(2);
    };
    let contacts: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let applications: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(5_000);
    let root = Path::new(dir);
    std::fs::create_dir_all(root.join("contacts"))?;
    std::fs::create_dir_all(root.join("applications"))?;
    std::fs::write(
        root.join("goodwill.toml"),
        "owner = \"Sam Example\"\ntargets = [\"Acme\", \"Hooli\"]\n",
    )?;

    for c in 0..contacts {
        let mut text = String::new();
        let _ = writeln!(
            text,
            "---\nname: Person {c}\ncompany: {}",
            COMPANIES[c % COMPANIES.len()]
        );
        let _ = writeln!(
            text,
            "email: person{c}@example.com\nrelationship: colleague\ntags: [generated]\n---"
        );
        let _ = writeln!(
            text,
            "Met at a meetup. Knows distributed systems.\n\n## Log"
        );
        for e in 0..6 {
            let day = (c * 7 + e * 13) % 28 + 1;
            let month = (c + e) % 12 + 1;
            let tag = TAGS[(c + e) % TAGS.len()];
            let link = if e == 0 {
                format!(" [[app-{}]]", c % applications.max(1))
            } else {
                String::new()
            };
            let _ = writeln!(
                text,
                "- 2026-{month:02}-{day:02} Talked about work #{tag}{link}"
            );
        }
        std::fs::write(root.join(format!("contacts/person-{c}.md")), text)?;
    }
    let statuses = [
        "applied",
        "interviewing",
        "offer",
        "accepted",
        "rejected",
        "declined",
        "withdrawn",
        "prospect",
    ];
    for a in 0..applications {
        let status = statuses[a % statuses.len()];
        let mut text = String::new();
        let _ = writeln!(
            text,
            "---\ncompany: {}\nrole: Engineer {a}\nstatus: {status}",
            COMPANIES[a % COMPANIES.len()]
        );
        let _ = writeln!(text, "applied: 2026-{:02}-{:02}", a % 10 + 1, a % 28 + 1);
        if matches!(status, "accepted" | "rejected" | "declined" | "withdrawn") {
            let _ = writeln!(text, "decided: 2026-11-{:02}", a % 20 + 1);
        }
        let _ = writeln!(text, "target: {}", a % 5 == 0);
        let _ = writeln!(
            text,
            "references: [person-{}, person-{}]\ncontacts: [person-{}]\n---",
            (a * 2) % contacts,
            (a * 2 + 1) % contacts,
            (a * 3 + 7) % contacts
        );
        let _ = writeln!(text, "A role building reliable systems.\n\n## Log");
        let _ = writeln!(
            text,
            "- 2026-10-{:02} Interview with [[person-{}]] #interview",
            a % 28 + 1,
            (a * 3 + 7) % contacts
        );
        let _ = writeln!(text, "- 2026-11-{:02} Followed up #follow-up", a % 20 + 1);
        let _ = writeln!(text, "- [ ] 2026-12-{:02} Check the portal", a % 28 + 1);
        std::fs::write(root.join(format!("applications/app-{a}.md")), text)?;
    }
    Ok(())
}
