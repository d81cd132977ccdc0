//! The writers' whole path (`log`, `done`, imports, serve's buttons): reading a file,
//! adding an entry, and replacing the file through a temporary file and a swap. The file
//! ends as it was or exactly as the entry makes it, and no temporary file is left.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    goodwill::fuzzing::write_update(dir.path(), data);
});
