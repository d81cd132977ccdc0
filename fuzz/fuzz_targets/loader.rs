//! A contact or application file, whatever its bytes: read, split, typed, linked and run
//! through the rules as `check` would (as a contact and as an application), without a panic, a hang or a blown stack.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        goodwill::fuzzing::loader(text);
    }
});
