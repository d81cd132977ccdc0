//! A `.vcf` file of any bytes (2.1, 3.0, 4.0, quoted-printable, folded lines): records and
//! failures, never a panic; every contact it makes renders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    goodwill::fuzzing::vcard(data);
});
