//! An `.ics` file of any bytes, as `import calendar` reads it: occurrences or a message,
//! recurrences expanded, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    goodwill::fuzzing::calendar(data);
});
