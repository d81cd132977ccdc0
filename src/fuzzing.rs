//! The entry points of the fuzz targets in `fuzz/` (cargo-fuzz, `scripts/fuzz.sh`): each
//! runs one reader or writer the way a command does, so the targets need nothing else of
//! the library. A target fails on a panic, a hang or a blown stack; the readers' results
//! are dropped here.

use crate::import;
use crate::load::{self, Found, Kind};
use crate::model;
use crate::rules;
use crate::settings::Settings;
use std::path::PathBuf;

pub use crate::write::append::{Appended, append_entry};

/// Reads `text` as a contact file and as an application file, links the two and runs the
/// rules over them as `check` would, as of a fixed day.
pub fn loader(text: &str) {
    let today = model::parse_date("2026-11-22").expect("a valid date");
    // The same text as a contact and as an application, and the two of them linked.
    let mut loaded = Vec::new();
    for (kind, file) in [
        (Kind::Contact, "contacts/fuzzed.md"),
        (Kind::Application, "applications/fuzzed-application.md"),
    ] {
        let found = Found {
            kind,
            path: PathBuf::from(file),
            file: file.to_owned(),
        };
        let document = load::document_from_text(&found, text);
        loaded.push((found, document));
    }
    let repo = model::assemble(PathBuf::from("."), Settings::default(), Vec::new(), loaded);
    let _ = rules::evaluate(&repo, today);
}

/// Reads `text` as `goodwill.toml`: settings or one diagnostic.
pub fn settings(text: &str) {
    let _ = Settings::parse(text);
}

/// Reads `bytes` as a `.vcf` file, as `import` does, and renders the contact file of every
/// person it finds, which must be within what the loader reads.
pub fn vcard(bytes: &[u8]) {
    for person in import::vcard::read(bytes).records.into_iter().flatten() {
        render_within_limits(person);
    }
}

/// Reads `bytes` as LinkedIn's `Connections.csv`, as `import` does, and renders the
/// contact file of every person it finds, which must be within what the loader reads.
pub fn linkedin(bytes: &[u8]) {
    if let Ok(export) = import::linkedin::read(bytes) {
        for person in export.records.into_iter().flatten() {
            render_within_limits(person);
        }
    }
}

/// Cuts `person` to the limits as `import` does, renders the file, and fails when the
/// loader would refuse it for its size.
fn render_within_limits(mut person: import::Person) {
    import::limits::fit(&mut person);
    let text = import::render(&person.contact, person.uid.as_deref());
    assert!(
        text.len() as u64 <= load::MAX_FILE_BYTES,
        "{} bytes",
        text.len()
    );
    if let Ok(parts) = load::split::split(&text) {
        assert!(
            parts.front.len() <= 64 * 1024,
            "front matter of {}",
            parts.front.len()
        );
    }
}

/// `log`'s whole write path, on a file of the temporary folder `dir` holding `bytes`:
/// [`crate::write::update`] adding an entry. Fails when the file on disk is then neither
/// what it was nor exactly what the entry makes of it, or a temporary file is left.
pub fn write_update(dir: &std::path::Path, bytes: &[u8]) {
    let path = dir.join("fuzzed.md");
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let entry = "2026-11-22 Sent thanks #thanks";
    /// Any reason `update` wrote nothing.
    struct Refused;
    impl From<crate::write::WriteError> for Refused {
        fn from(_: crate::write::WriteError) -> Self {
            Refused
        }
    }
    let result = crate::write::update(&path, |original| {
        let text = std::str::from_utf8(original).map_err(|_| Refused)?;
        let appended = append_entry(text, entry).map_err(|_| Refused)?;
        Ok::<_, Refused>((appended.text.into_bytes(), ()))
    });
    let now = std::fs::read(&path).unwrap_or_default();
    match result {
        Ok(()) => {
            let text = std::str::from_utf8(bytes).unwrap_or_default();
            let expected = append_entry(text, entry)
                .map(|a| a.text)
                .unwrap_or_default();
            assert_eq!(
                now,
                expected.as_bytes(),
                "written, but not the entry's text"
            );
        }
        Err(Refused) => assert_eq!(now, bytes, "refused, but the file changed"),
    }
    let names = std::fs::read_dir(dir).map_or(0, |names| names.count());
    assert_eq!(names, 1, "a temporary file was left");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every seed of the fuzz targets, through its entry point, as one fuzzing run would
    /// start.
    #[test]
    fn the_seeds_pass() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
        let files = |target: &str| -> Vec<Vec<u8>> {
            let mut found: Vec<_> = std::fs::read_dir(seeds.join(target))
                .expect("seeds")
                .map(|entry| std::fs::read(entry.expect("entry").path()).expect("seed"))
                .collect();
            found.sort();
            found
        };
        for seed in files("write_update") {
            let dir = tempfile::tempdir().expect("temp");
            write_update(dir.path(), &seed);
        }
        let dir = tempfile::tempdir().expect("temp");
        write_update(dir.path(), &vec![b'x'; 1024 * 1024 + 1]);
        for seed in files("vcard") {
            vcard(&seed);
        }
        for seed in files("linkedin") {
            linkedin(&seed);
        }
    }
}

/// Reads `text` as a journal note (`docs/capture.md`, "Journal folders") beside a contact
/// and an application it may link, links them and runs the rules, as `check` would.
pub fn journal(text: &str) {
    let today = model::parse_date("2026-11-22").expect("a valid date");
    let settings = Settings {
        journal: vec!["Daily".to_owned()],
        ..Settings::default()
    };
    let files = [
        (
            Kind::Contact,
            "contacts/jane-doe.md",
            "---\nname: Jane Doe\n---\n",
        ),
        (
            Kind::Application,
            "applications/acme-sre.md",
            "---\ncompany: Acme\nrole: SRE\napplied: 2026-10-01\nreferences: [jane-doe]\n---\n",
        ),
        (Kind::Journal, "Daily/2026-11-20 Friday.md", text),
    ];
    let loaded = files
        .into_iter()
        .map(|(kind, file, text)| {
            let found = Found {
                kind,
                path: PathBuf::from(file),
                file: file.to_owned(),
            };
            let document = load::document_from_text(&found, text);
            (found, document)
        })
        .collect();
    let repo = model::assemble(PathBuf::from("."), settings, Vec::new(), loaded);
    let _ = rules::evaluate(&repo, today);
}

/// Reads `bytes` as an mbox, as `import mail` does: every message's headers parsed and,
/// when it can be read, its log line made.
pub fn mail(bytes: &[u8]) {
    use import::capture::{mail, touches};
    let _ = mail::read_mbox(bytes, &mut |raw, _| {
        if let Ok(mail) = mail::parse(&raw) {
            let line = touches::line(&mail, true, "");
            let _ = touches::plain_subject(&mail.subject);
            let _ = mail::is_no_reply(&mail.from);
            assert!(!line.contains('\n'), "a log line is one line");
        }
        Ok(())
    });
}

/// Reads `bytes` as an `.ics` file, as `import calendar` does, as of a fixed day.
pub fn calendar(bytes: &[u8]) {
    let today = model::parse_date("2026-11-22").expect("a valid date");
    let text = String::from_utf8_lossy(bytes);
    if let Ok((found, _)) = import::capture::calendar::read(&text, today) {
        for occurrence in found {
            let _ = import::capture::calendar::is_interview(&occurrence.title);
            let inert = import::capture::inert(&occurrence.title);
            assert!(!inert.contains('\n'), "a title is made one line");
        }
    }
}

#[cfg(test)]
mod capture_tests {
    /// The fuzz targets' entry points on the fixtures of `tests/fixtures/capture/`, so
    /// that `cargo test` runs them too.
    #[test]
    fn the_capture_entry_points_read_the_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/capture");
        for mbox in ["thunderbird.mbox", "gmail.mbox", "Apple.mbox/mbox"] {
            super::mail(&std::fs::read(root.join(mbox)).expect("fixture"));
        }
        for ics in ["google.ics", "outlook.ics", "apple.ics"] {
            super::calendar(&std::fs::read(root.join(ics)).expect("fixture"));
        }
        super::journal(
            "- Coffee with [[Jane Doe]] #thanks\n\nA paragraph [[acme-sre]]\n- [ ] x [[jane-doe]]\n",
        );
        super::journal("---\nunterminated");
    }

    /// A few thousand cheap mutations of the fixtures (bytes changed, cut, repeated),
    /// the same on every run: a smoke test of what `scripts/fuzz.sh` does for hours.
    #[test]
    fn mutated_fixtures_never_panic() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/capture");
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % (n.max(1) as u64)).unwrap_or(0)
        };
        let specials: &[u8] = b"\n\r:;=,\\\"<>[]#()@% \x00\xff\xe3";
        for (file, target) in [
            ("gmail.mbox", 0),
            ("thunderbird.mbox", 0),
            ("google.ics", 1),
            ("outlook.ics", 1),
            ("apple.ics", 1),
        ] {
            let original = std::fs::read(root.join(file)).expect("fixture");
            for _ in 0..400 {
                let mut bytes = original.clone();
                for _ in 0..1 + next(8) {
                    let at = next(bytes.len());
                    match next(4) {
                        0 => bytes[at] = specials[next(specials.len())],
                        1 => bytes.truncate(at),
                        2 => {
                            let end = (at + next(64)).min(bytes.len());
                            let piece = bytes[at..end].to_vec();
                            bytes.splice(at..at, piece);
                        }
                        _ => {
                            bytes.remove(at.min(bytes.len().saturating_sub(1)));
                        }
                    }
                    if bytes.is_empty() {
                        break;
                    }
                }
                match target {
                    0 => super::mail(&bytes),
                    _ => super::calendar(&bytes),
                }
                super::journal(&String::from_utf8_lossy(&bytes));
            }
        }
    }
}
