//! Ids: the normalised file stem that names every contact and application.

/// Normalises text to an id, the one rule for file names, links, `new` and `import`:
/// letters and digits outside ASCII transliterated (`Zoë Ångström` → `zoe-angstrom`, as
/// the `deunicode` crate spells them), lowercased, every run of characters other than
/// `a-z0-9` replaced by one `-`, leading and trailing `-` removed (`Jane Doe` →
/// `jane-doe`). Symbols and emoji separate words rather than becoming words (`Party 🎉
/// Planner` → `party-planner`); combining accents, joiners and variation selectors
/// vanish, so a name decomposed by the file system (as macOS stores it) gives the same id.
pub(crate) fn normalize(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut push = |c: char, id: &mut String| {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if pending_dash && !id.is_empty() {
                id.push('-');
            }
            pending_dash = false;
            id.push(c);
        } else {
            pending_dash = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c, &mut id);
            continue;
        }
        match deunicode::deunicode_char(c) {
            Some(ascii) if c.is_alphanumeric() => ascii.chars().for_each(|a| push(a, &mut id)),
            // Marks and joiners: part of the letter or emoji before them.
            Some("") => {}
            _ => push(' ', &mut id),
        }
    }
    id
}

/// The id a link points at: an id, a name, `[[Name]]`, `[[Name|label]]`,
/// `[[Name#heading]]` or a path to a `.md` file (`../contacts/jane-doe.md`).
pub(crate) fn link_target(link: &str) -> String {
    normalize(&percent_decode(link_stem(link)))
}

/// The part of a link that names a file: no brackets, label, heading, folders or `.md`.
fn link_stem(link: &str) -> &str {
    let mut target = link.trim();
    if let Some(inner) = target.strip_prefix("[[").and_then(|t| t.strip_suffix("]]")) {
        target = inner;
    }
    if let Some((before, _label)) = target.split_once('|') {
        target = before;
    }
    if let Some((before, _heading)) = target.split_once('#') {
        target = before;
    }
    let target = target.rsplit(['/', '\\']).next().unwrap_or(target);
    strip_md_extension(target)
}

/// `name.md` → `name`, case-insensitively; anything else unchanged.
pub(crate) fn strip_md_extension(name: &str) -> &str {
    let len = name.len();
    if len > 3 && name.is_char_boundary(len - 3) && name[len - 3..].eq_ignore_ascii_case(".md") {
        &name[..len - 3]
    } else {
        name
    }
}

/// Decodes `%20`-style escapes in a Markdown link target; leaves malformed ones as they are.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(value) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_names() {
        for (input, expected) in [
            ("Jane Doe", "jane-doe"),
            ("jane-doe", "jane-doe"),
            ("  --Jane__Doe--  ", "jane-doe"),
            ("ACME SRE (2026)", "acme-sre-2026"),
            ("Zoë Ångström", "zoe-angstrom"),
            ("Zoe\u{308} A\u{30a}ngstro\u{308}m", "zoe-angstrom"),
            ("Party 🎉 Planner", "party-planner"),
            ("👩\u{200d}💻 Dev", "dev"),
            ("Fish & Chips © 2026 €5", "fish-chips-2026-5"),
            ("Straße Æsir Łukasz Øre", "strasse-aesir-lukasz-ore"),
            ("İlkay Işık", "ilkay-isik"),
            ("🎉", ""),
            ("!!!", ""),
            ("", ""),
        ] {
            assert_eq!(normalize(input), expected, "{input}");
        }
    }

    #[test]
    fn resolves_link_forms() {
        for (input, expected) in [
            ("jane-doe", "jane-doe"),
            ("Jane Doe", "jane-doe"),
            ("[[Jane Doe]]", "jane-doe"),
            ("[[Jane Doe|Jane]]", "jane-doe"),
            ("[[Jane Doe#Notes]]", "jane-doe"),
            ("../contacts/Jane%20Doe.md", "jane-doe"),
            ("contacts/jane-doe.MD", "jane-doe"),
            ("[[Zoë Ångström]]", "zoe-angstrom"),
            ("Zo%C3%AB.md", "zoe"),
        ] {
            assert_eq!(link_target(input), expected, "{input}");
        }
    }
}
