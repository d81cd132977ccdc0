//! `log`'s write path: adding an entry to any file either fails, or inserts exactly one
//! contiguous run of text (the entry, and at most a heading and blank lines around it)
//! and keeps every other byte where it was.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ENTRY: &str = "2026-11-22 Sent thanks #thanks [[pat-example]]";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(appended) = goodwill::fuzzing::append_entry(text, ENTRY) else {
        return;
    };
    let new = appended.text.as_str();
    assert!(new.len() > text.len(), "nothing was added");
    let prefix = text
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = text
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    // One insertion: what the old text was is all there, before and after one gap.
    assert!(
        prefix + suffix >= text.len(),
        "more than one change: {text:?} became {new:?}"
    );
    assert!(
        new.matches(ENTRY).count() == text.matches(ENTRY).count() + 1,
        "the entry is not added once: {text:?} became {new:?}"
    );
    // The entry is on the line the writer says.
    let line = new.lines().nth(appended.line - 1).unwrap_or("");
    assert!(line.contains(ENTRY), "line {} is {line:?}", appended.line);
});
