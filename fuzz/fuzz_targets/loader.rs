//! A contact or application file, whatever its bytes: read, split, typed, linked and run
//! through the rules as `check` would (as a contact and as an application), without a panic, a hang or a blown stack.
#![no_main]

use goodwill::load::{self, Found, Kind};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = goodwill::model::parse_date("2026-11-22").expect("a valid date");
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
    let repo = goodwill::model::assemble(
        PathBuf::from("."),
        goodwill::settings::Settings::default(),
        Vec::new(),
        loaded,
    );
    let _ = goodwill::rules::evaluate(&repo, today);
});
