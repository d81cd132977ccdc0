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
/// person it finds.
pub fn vcard(bytes: &[u8]) {
    for person in import::vcard::read(bytes).records.into_iter().flatten() {
        let _ = import::render(&person.contact, person.uid.as_deref());
    }
}

/// Reads `bytes` as LinkedIn's `Connections.csv`, as `import` does, and renders the
/// contact file of every person it finds.
pub fn linkedin(bytes: &[u8]) {
    if let Ok(export) = import::linkedin::read(bytes) {
        for person in export.records.into_iter().flatten() {
            let _ = import::render(&person.contact, person.uid.as_deref());
        }
    }
}
