//! An mbox of any bytes, as `import mail` reads it: messages split, headers parsed, a
//! one-line log entry made of each, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    goodwill::fuzzing::mail(data);
});
