//! `goodwill.toml`, whatever it holds: settings or one diagnostic, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        goodwill::fuzzing::settings(text);
    }
});
