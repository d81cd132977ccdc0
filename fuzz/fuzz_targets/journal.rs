//! A journal note of any text: entries, tasks and diagnostics, never a panic; linked
//! beside a contact and an application and run through the rules.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        goodwill::fuzzing::journal(text);
    }
});
