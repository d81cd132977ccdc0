//! LinkedIn's `Connections.csv`, of any bytes and any encoding goodwill decodes: records
//! or a message, never a panic; every contact it makes renders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    goodwill::fuzzing::linkedin(data);
});
