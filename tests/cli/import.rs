//! Integration tests: `import` of vCard and LinkedIn exports in every version, layout and
//! encoding, people matched by what identifies them, namesakes kept apart, re-imports that
//! create nothing.

use crate::support::{Repo, Run};
use encoding_rs::{Encoding, SHIFT_JIS, UTF_16BE, UTF_16LE, WINDOWS_1251, WINDOWS_1252};
use std::fs;

/// Writes `bytes` to `name` in the repository and returns its path as an argument.
fn export(repo: &Repo, name: &str, bytes: &[u8]) -> String {
    let path = repo.path().join(name);
    fs::write(&path, bytes).expect("write export");
    path.display().to_string()
}

fn import(repo: &Repo, kind: &str, path: &str) -> Run {
    repo.run(&["import", kind, path])
}

/// The contact files, by file name, sorted.
fn contacts(repo: &Repo) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(repo.path().join("contacts"))
        .expect("contacts/")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

fn contact(repo: &Repo, id: &str) -> String {
    fs::read_to_string(repo.path().join(format!("contacts/{id}.md"))).expect("contact file")
}

/// `check` passes with no errors and no warnings.
fn check_clean(repo: &Repo) {
    let run = repo.run(&["check"]);
    assert_eq!(run.code, 0, "check failed:\n{}", run.stderr);
    assert!(
        run.stderr.contains(" 0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

/// Imports `path` twice: the first run ends with `summary` and exits 0, the second
/// creates nothing, and `check` is clean.
fn import_twice(repo: &Repo, kind: &str, path: &str, summary: &str) -> Run {
    let run = import(repo, kind, path);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(&format!("{summary}\n")),
        "{}",
        run.stdout
    );
    let files = contacts(repo);
    let again = import(repo, kind, path);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.contains("created 0, "),
        "the second run created people:\n{}",
        again.stdout
    );
    assert_eq!(contacts(repo), files);
    check_clean(repo);
    run
}

fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{text} in {}", encoding.name());
    bytes.into_owned()
}

/// `text` as UTF-16 code units in the given byte order.
fn utf16(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|unit| {
            if encoding == UTF_16LE {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            }
        })
        .collect()
}

/// `=XX` for every byte: quoted-printable as phones write it.
fn qp(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("={b:02X}")).collect()
}

// ---------------------------------------------------------------- encodings

#[test]
fn charset_per_property_raw_and_quoted_printable() {
    let repo = Repo::new();
    let mut bytes = Vec::new();
    // A Japanese phone: Shift_JIS raw and quoted-printable.
    bytes.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:");
    bytes.extend(encode(SHIFT_JIS, "山田;太郎;;;"));
    bytes.extend_from_slice(b"\r\nORG;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:");
    bytes.extend_from_slice(qp(&encode(SHIFT_JIS, "株式会社ネコ")).as_bytes());
    bytes.extend_from_slice(b"\r\nTEL;CELL:090-1234-5678\r\nEND:VCARD\r\n");
    // A Russian one: Windows-1251 raw and quoted-printable.
    bytes.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=WINDOWS-1251:");
    bytes.extend(encode(WINDOWS_1251, "Ирина Смирнова"));
    bytes.extend_from_slice(b"\r\nTITLE;CHARSET=WINDOWS-1251;ENCODING=QUOTED-PRINTABLE:");
    bytes.extend_from_slice(qp(&encode(WINDOWS_1251, "Главный инженер")).as_bytes());
    bytes.extend_from_slice(b"\r\nEND:VCARD\r\n");
    // An Outlook one: `ISO-8859-1` as real files mean it, Windows-1252.
    bytes.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Siobh=E1n O=92Neil\r\n");
    bytes.extend_from_slice(b"ORG;CHARSET=windows-1252:Caf\xe9 \x80uro\r\nEND:VCARD\r\n");
    let path = export(&repo, "phone.vcf", &bytes);
    let run = import_twice(&repo, "vcard", &path, "created 3, skipped 0, failed 0");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(
        contacts(&repo),
        [
            "irina-smirnova.md",
            "shan-tian-tai-lang.md",
            "siobhan-o-neil.md"
        ]
    );
    let yamada = contact(&repo, "shan-tian-tai-lang");
    assert!(
        yamada.contains("name: \"山田 太郎\"\ncompany: \"株式会社ネコ\"\n"),
        "{yamada}"
    );
    let irina = contact(&repo, "irina-smirnova");
    assert!(
        irina.contains("name: \"Ирина Смирнова\"\ntitle: \"Главный инженер\"\n"),
        "{irina}"
    );
    let siobhan = contact(&repo, "siobhan-o-neil");
    assert!(
        siobhan.contains("name: \"Siobhán O’Neil\"\ncompany: \"Café €uro\"\n"),
        "{siobhan}"
    );
}

#[test]
fn a_legacy_file_without_charset_is_detected() {
    let repo = Repo::new();
    let text = "BEGIN:VCARD\nVERSION:3.0\nFN:Дмитрий Иванов\nORG:ООО Ромашка\nTITLE:Инженер-программист\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Ольга Смирнова\nEND:VCARD\n";
    let path = export(&repo, "old.vcf", &encode(WINDOWS_1251, text));
    let run = import_twice(&repo, "vcard", &path, "created 2, skipped 0, failed 0");
    assert!(
        run.stderr.contains(&format!(
            "{path}: warning: the file is not UTF-8: read as `windows-1251`"
        )),
        "{}",
        run.stderr
    );
    assert!(
        contact(&repo, "dmitrii-ivanov")
            .contains("company: \"ООО Ромашка\"\ntitle: \"Инженер-программист\"\n")
    );
    // A Japanese phone's file in Shift_JIS without any `CHARSET`; `ソ` ends in the byte
    // of a backslash, which must not be taken for an escape.
    let repo = Repo::new();
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:佐藤 花子\r\nORG:ソニー株式会社\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nTITLE:課長\r\nEND:VCARD\r\n";
    let path = export(&repo, "docomo.vcf", &encode(SHIFT_JIS, text));
    let run = import_twice(&repo, "vcard", &path, "created 2, skipped 0, failed 0");
    assert!(run.stderr.contains("read as `Shift_JIS`"), "{}", run.stderr);
    assert!(
        contact(&repo, "zuo-teng-hua-zi")
            .contains("name: \"佐藤 花子\"\ncompany: \"ソニー株式会社\"\n"),
        "{:?}",
        contacts(&repo)
    );
    // Windows-1252, the usual legacy encoding of western desktop programs.
    let repo = Repo::new();
    let text =
        "BEGIN:VCARD\nVERSION:3.0\nFN:François Lefèvre\nORG:Société Générale d’Études\nEND:VCARD\n";
    let path = export(&repo, "outlook.vcf", &encode(WINDOWS_1252, text));
    import_twice(&repo, "vcard", &path, "created 1, skipped 0, failed 0");
    assert!(
        contact(&repo, "francois-lefevre").contains("company: \"Société Générale d’Études\"\n")
    );
}

#[test]
fn one_invalid_byte_falls_back_for_that_value_only() {
    let repo = Repo::new();
    let mut bytes = "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Müller\nORG:Café Zürich\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Ren"
        .as_bytes()
        .to_vec();
    bytes.push(0xE9); // a lone Windows-1252 `é` in a UTF-8 file
    bytes.extend_from_slice(b" Roux\nTITLE:Ing\xc3\xa9nieur \xff\xfe\nEND:VCARD\n");
    let path = export(&repo, "mixed.vcf", &bytes);
    let run = import_twice(&repo, "vcard", &path, "created 2, skipped 0, failed 0");
    assert_eq!(
        contacts(&repo),
        ["rene-roux.md", "zoe-muller.md"],
        "no mojibake ids"
    );
    assert!(
        contact(&repo, "zoe-muller").contains("name: \"Zoë Müller\"\ncompany: \"Café Zürich\"\n")
    );
    assert!(contact(&repo, "rene-roux").contains("name: \"René Roux\"\n"));
    assert!(
        run.stderr.contains(&format!(
            "{path}:8: warning: `FN` is not UTF-8 like the rest of the file: read as `"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "{path}:9: warning: `TITLE` is UTF-8 with a few invalid bytes"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_line_fold_inside_a_character_garbles_nothing() {
    // ownCloud folds at 75 bytes, even inside a UTF-8 character.
    let repo = Repo::new();
    let bytes = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\xc3\xab M\xc3\xbcller\r\nNOTE:Met at the caf\xc3\r\n \xa9 in Z\xc3\xbcrich\\, talked about SRE\r\nEND:VCARD\r\n";
    let path = export(&repo, "owncloud.vcf", bytes);
    let run = import_twice(&repo, "vcard", &path, "created 1, skipped 0, failed 0");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(
        contact(&repo, "zoe-muller").contains("\nMet at the café in Zürich, talked about SRE\n"),
        "{}",
        contact(&repo, "zoe-muller")
    );
}

#[test]
fn utf16_with_and_without_byte_order_mark() {
    let text =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEMAIL:zoe@example.com\r\nEND:VCARD\r\n";
    for (name, bytes) in [
        (
            "le-bom.vcf",
            [&[0xFF, 0xFE][..], &utf16(text, UTF_16LE)].concat(),
        ),
        (
            "be-bom.vcf",
            [&[0xFE, 0xFF][..], &utf16(text, UTF_16BE)].concat(),
        ),
        ("le.vcf", utf16(text, UTF_16LE)),
        ("be.vcf", utf16(text, UTF_16BE)),
    ] {
        let repo = Repo::new();
        let path = export(&repo, name, &bytes);
        let run = import_twice(&repo, "vcard", &path, "created 1, skipped 0, failed 0");
        assert!(run.stderr.is_empty(), "{name}: {}", run.stderr);
        assert!(
            contact(&repo, "zoe-angstrom").contains("name: \"Zoë Ångström\"\n"),
            "{name}"
        );
    }
    // A LinkedIn export saved by a spreadsheet as UTF-16.
    let repo = Repo::new();
    let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nZoë,Ångström,https://www.linkedin.com/in/zoe-a,,Beta,CTO,15 Nov 2023\r\n";
    let path = export(&repo, "Connections.csv", &utf16(csv, UTF_16LE));
    import_twice(&repo, "linkedin", &path, "created 1, skipped 0, failed 0");
    // Excel's "Unicode text": UTF-16 with a byte-order mark, fields separated by tabs.
    let repo = Repo::new();
    let tabs = csv.replace(',', "\t");
    let bytes = [&[0xFF, 0xFE][..], &utf16(&tabs, UTF_16LE)].concat();
    let path = export(&repo, "Connections.txt", &bytes);
    import_twice(&repo, "linkedin", &path, "created 1, skipped 0, failed 0");
    assert!(contact(&repo, "zoe-angstrom").contains("company: \"Beta\"\ntitle: \"CTO\"\n"));
}

#[test]
fn a_file_of_an_unknown_wide_encoding_is_refused_with_a_hint() {
    let repo = Repo::new();
    // UTF-32 has no byte-order mark encoding_rs knows, and is not UTF-16.
    let text = "BEGIN:VCARD\nFN:Zoë\nEND:VCARD\n";
    let utf32: Vec<u8> = text
        .chars()
        .flat_map(|c| (c as u32).to_be_bytes())
        .collect();
    let path = export(&repo, "wide.vcf", &utf32);
    let run = import(&repo, "vcard", &path);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("holds no `BEGIN:VCARD`: is it a vCard file? (it holds zero bytes, as UTF-16 or UTF-32 text does: save it as UTF-8"),
        "{}",
        run.stderr
    );
    let path = export(&repo, "wide.csv", &utf32);
    let run = import(&repo, "linkedin", &path);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("save it as UTF-8"), "{}", run.stderr);
    assert!(contacts(&repo).is_empty());
}

// ---------------------------------------------------------------- people, not names

const TWO_ALISONS: &str = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAlison,Hill,https://www.linkedin.com/in/alison-hill-4a1b,,Acme,Engineer,15 Nov 2023\nAlison,Hill,https://www.linkedin.com/in/alisonhill,,Beta,Designer,02 Jan 2024\nJoe,Walsh,https://www.linkedin.com/in/joe-walsh,,,,03 Jan 2024\nJoe,Walsh,https://www.linkedin.com/in/joe-walsh-77,,,,04 Jan 2024\n";

#[test]
fn namesakes_get_an_id_of_their_own_and_the_summary_names_both() {
    let repo = Repo::new();
    let path = export(&repo, "Connections.csv", TWO_ALISONS.as_bytes());
    let run = import_twice(&repo, "linkedin", &path, "created 4, skipped 0, failed 0");
    assert_eq!(
        contacts(&repo),
        [
            "alison-hill-2.md",
            "alison-hill.md",
            "joe-walsh-2.md",
            "joe-walsh.md"
        ]
    );
    assert!(
        run.stdout.contains("created contacts/alison-hill-2.md (Alison Hill): a namesake of `contacts/alison-hill.md`, not the same person: their LinkedIn profiles differ\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "kept apart: contacts/joe-walsh-2.md (Joe Walsh): a namesake of `contacts/joe-walsh.md`"
        ),
        "{}",
        run.stdout
    );
    assert!(contact(&repo, "alison-hill-2").contains("company: \"Beta\"\n"));
    // The second run finds each Alison by her own profile.
    let again = import(&repo, "linkedin", &path);
    assert!(
        again
            .stdout
            .contains("skipped Alison Hill: same LinkedIn profile as `contacts/alison-hill-2.md`"),
        "{}",
        again.stdout
    );
    assert!(again.stdout.contains("created 0, skipped 4, failed 0\n"));
}

#[test]
fn namesakes_in_a_vcard_file_are_told_apart_by_email_and_found_again() {
    let repo = Repo::new();
    let cards = "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Park\nEMAIL:sam@acme.example\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Sam Park\nEMAIL:sam.park@beta.example\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Sam Park\nEMAIL:SAM@acme.example\nTEL:+1 555 010 0123\nEND:VCARD\n";
    let path = export(&repo, "cards.vcf", cards.as_bytes());
    let run = import_twice(&repo, "vcard", &path, "created 2, skipped 1, failed 0");
    assert_eq!(contacts(&repo), ["sam-park-2.md", "sam-park.md"]);
    assert!(
        run.stdout
            .contains("skipped Sam Park: same email `sam@acme.example` as `contacts/sam-park.md`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("their emails differ"), "{}", run.stdout);
}

#[test]
fn people_already_there_are_found_by_phone_uid_email_or_profile() {
    let repo = Repo::new();
    repo.contact(
        "jane",
        "name: Jane Doe\nphone: \"+49 151 1234567\"",
        "\n## Log\n",
    );
    repo.contact("bob", "name: Robert Lee\nemail: [bob@example.com]", "");
    repo.contact(
        "carla",
        "name: Carla Diaz\nlinkedin: https://www.linkedin.com/in/carla-diaz/",
        "",
    );
    let cards = concat!(
        // The same number without the country code, and a name written differently.
        "BEGIN:VCARD\nVERSION:2.1\nN:Doe;Jane;Q.;;\nTEL;CELL:0151 123 45 67\nEND:VCARD\n",
        // A shared landline does not make Peter into Jane.
        "BEGIN:VCARD\nVERSION:2.1\nFN:Peter Schmidt\nTEL;HOME:0151 1234567\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:4.0\nFN:Bob Lee\nEMAIL:Bob@Example.com\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:4.0\nFN:C. Diaz\nURL:https://de.linkedin.com/in/Carla-Diaz?trk=x\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:4.0\nUID:urn:uuid:0b5a5c6e-3f0e-4d3c-9b1a-2a6c3d4e5f60\nFN:Dana Kim\nEND:VCARD\n",
    );
    let path = export(&repo, "phone.vcf", cards.as_bytes());
    let run = import_twice(&repo, "vcard", &path, "created 2, skipped 3, failed 0");
    for expected in [
        "skipped Jane Q. Doe: same phone number `0151 123 45 67` as `contacts/jane.md`",
        "created contacts/peter-schmidt.md (Peter Schmidt)",
        "skipped Bob Lee: same email `bob@example.com` as `contacts/bob.md`",
        "skipped C. Diaz: same LinkedIn profile as `contacts/carla.md`",
        "created contacts/dana-kim.md (Dana Kim)",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    assert!(
        contact(&repo, "dana-kim")
            .contains("vcard_uid: \"urn:uuid:0b5a5c6e-3f0e-4d3c-9b1a-2a6c3d4e5f60\"\n")
    );
    // Dana renamed in the address book is still Dana: her UID says so.
    let renamed = export(
        &repo,
        "renamed.vcf",
        b"BEGIN:VCARD\nVERSION:4.0\nUID:urn:uuid:0B5A5C6E-3F0E-4D3C-9B1A-2A6C3D4E5F60\nFN:Dana Kim-Ortiz\nEND:VCARD\n",
    );
    let run = import(&repo, "vcard", &renamed);
    assert!(
        run.stdout
            .contains("skipped Dana Kim-Ortiz: same vCard UID as `contacts/dana-kim.md`"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_same_name_with_nothing_to_tell_apart_is_the_same_person() {
    let repo = Repo::new();
    repo.contact("pat-lee", "name: Pat Lee", "");
    let path = export(
        &repo,
        "cards.vcf",
        b"BEGIN:VCARD\nVERSION:3.0\nFN:Pat Lee\nEMAIL:pat@example.com\nEND:VCARD\n",
    );
    let run = import_twice(&repo, "vcard", &path, "created 0, skipped 1, failed 0");
    assert!(
        run.stdout.contains(
            "skipped Pat Lee: same name as `contacts/pat-lee.md`, and nothing tells them apart"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn an_alias_is_a_name_of_the_same_person() {
    let repo = Repo::new();
    repo.contact(
        "jane",
        "name: Jane Doe\naliases: [Jane Smith, \"J. Doe\"]\ncompany: Acme",
        "",
    );
    let cards = "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Smith\nORG:Acme\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Jane Smith\nORG:Beta\nEND:VCARD\n";
    let path = export(&repo, "cards.vcf", cards.as_bytes());
    let run = import_twice(&repo, "vcard", &path, "created 1, skipped 1, failed 0");
    assert!(
        run.stdout
            .contains("skipped Jane Smith: same name as `contacts/jane.md`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("created contacts/jane-smith-2.md (Jane Smith): a namesake of `contacts/jane.md`, not the same person: they work at different companies"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_dry_run_plans_namesakes_and_writes_nothing() {
    let repo = Repo::new();
    let path = export(&repo, "Connections.csv", TWO_ALISONS.as_bytes());
    let run = repo.run(&["import", "linkedin", "--dry-run", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("would create contacts/alison-hill-2.md (Alison Hill): a namesake of `contacts/alison-hill.md`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("would create 4, skipped 0, failed 0 (dry run: nothing was written)\n")
    );
    assert!(contacts(&repo).is_empty());
}

// ---------------------------------------------------------------- LinkedIn layouts

#[test]
fn a_modern_export_with_hidden_members_exits_0() {
    let repo = Repo::new();
    let csv = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more about this and other privacy settings here: https://www.linkedin.com/help/linkedin/answer/261\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nJane,Doe,https://www.linkedin.com/in/jane-doe-0a1b2c,,\"Acme, Inc.\",Senior SRE,15 Nov 2023\n,,,,,,02 Jun 2022\nZoë,Ångström,https://www.linkedin.com/in/zoe-angstrom,zoe@example.com,Beta GmbH,CTO,02 Jan 2024\n,,,,,,14 Mar 2021\n";
    let path = export(&repo, "Connections.csv", csv.as_bytes());
    let run = import_twice(
        &repo,
        "linkedin",
        &path,
        "created 2, skipped 0, failed 0, 2 hidden by the member",
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(
        contact(&repo, "jane-doe")
            .ends_with("## Log\n- 2023-11-15 Connected on LinkedIn #connected\n")
    );
}

#[test]
fn old_exports_without_notes_or_url_and_with_other_dates() {
    let repo = Repo::new();
    // 2018: no notes, no URL column, `M/D/YY, H:MM AM` in quotes.
    let csv = "First Name,Last Name,Email Address,Company,Position,Connected On\r\nAlison,Hill,alison@example.com,Acme,Engineer,\"1/8/18, 6:14 PM\"\r\nJoe,Walsh,,Beta,Designer,\"12/24/17, 9:05 AM\"\r\nJoe,Walsh,,Gamma,Manager,\"3/2/18, 11:59 AM\"\r\n";
    let path = export(&repo, "2018.csv", csv.as_bytes());
    let run = import_twice(&repo, "linkedin", &path, "created 3, skipped 0, failed 0");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(
        contact(&repo, "alison-hill").ends_with("- 2018-01-08 Connected on LinkedIn #connected\n")
    );
    assert!(
        contact(&repo, "joe-walsh").ends_with("- 2017-12-24 Connected on LinkedIn #connected\n")
    );
    assert!(contact(&repo, "joe-walsh-2").contains("company: \"Gamma\"\n"));
    // 2020: URL column, no notes, `MM/DD/YY`.
    let repo = Repo::new();
    let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nKai,Berg,https://www.linkedin.com/in/kai-berg,,Delta,CTO,11/15/23\n";
    let path = export(&repo, "2020.csv", csv.as_bytes());
    import_twice(&repo, "linkedin", &path, "created 1, skipped 0, failed 0");
    assert!(
        contact(&repo, "kai-berg").ends_with("- 2023-11-15 Connected on LinkedIn #connected\n")
    );
}

#[test]
fn a_real_failure_still_exits_1() {
    let repo = Repo::new();
    let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n,,https://www.linkedin.com/in/no-name,,,,01 Feb 2024\n,,,,,,02 Jun 2022\n";
    let path = export(&repo, "Connections.csv", csv.as_bytes());
    let run = import(&repo, "linkedin", &path);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "{path}:2: error: row has no first or last name: not imported"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .ends_with("created 0, skipped 0, failed 1, 1 hidden by the member\n")
    );
}

// ---------------------------------------------------------------- vCard properties

#[test]
fn pref_picks_the_primary_phone_and_email_in_2_1_3_0_and_4_0() {
    let repo = Repo::new();
    let cards = concat!(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana Lima\r\nTEL;HOME:+351 21 123 4567\r\nTEL;CELL;PREF:+351 91 234 5678\r\n",
        "EMAIL;INTERNET:ana@home.example\r\nEMAIL;INTERNET;PREF:ana@work.example\r\nEND:VCARD\r\n",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Lin\nTEL;TYPE=HOME:+46 8 123 456 78\nTEL;TYPE=CELL,pref:+46 70 123 45 67\n",
        "EMAIL;TYPE=INTERNET:bo@home.example\nEMAIL;TYPE=INTERNET;TYPE=pref:bo@work.example\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:4.0\nFN:Cy Ng\nTEL;VALUE=uri;PREF=2:tel:+1-555-010-0102\nTEL;VALUE=uri;PREF=1:tel:+1-555-010-0101\n",
        "EMAIL;PREF=2:cy@a.example\nEMAIL;PREF=1:cy@b.example\nEND:VCARD\n",
    );
    let path = export(&repo, "pref.vcf", cards.as_bytes());
    import_twice(&repo, "vcard", &path, "created 3, skipped 0, failed 0");
    for (id, front) in [
        (
            "ana-lima",
            "email:\n  - \"ana@work.example\"\n  - \"ana@home.example\"\nphone: \"+351 91 234 5678\"\n",
        ),
        (
            "bo-lin",
            "email:\n  - \"bo@work.example\"\n  - \"bo@home.example\"\nphone: \"+46 70 123 45 67\"\n",
        ),
        (
            "cy-ng",
            "email:\n  - \"cy@b.example\"\n  - \"cy@a.example\"\nphone: \"+1-555-010-0101\"\n",
        ),
    ] {
        let text = contact(&repo, id);
        assert!(text.contains(front), "{text}");
    }
    assert!(contact(&repo, "ana-lima").contains("Other phone numbers: +351 21 123 4567\n"));
}

#[test]
fn vcard_2_1_backslashes_are_literal() {
    let repo = Repo::new();
    let cards = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Okafor;Chidi;;;\r\nFN:Chidi Okafor\r\nTITLE:Admin\\Ops\\new hires\r\nORG:R\\;D Lab;Team\\nA\r\nEND:VCARD\r\n";
    let path = export(&repo, "old.vcf", cards.as_bytes());
    import_twice(&repo, "vcard", &path, "created 1, skipped 0, failed 0");
    let chidi = contact(&repo, "chidi-okafor");
    assert!(
        chidi.contains("company: \"R;D Lab\"\ntitle: \"Admin\\\\Ops\\\\new hires\"\n"),
        "{chidi}"
    );
    assert!(chidi.contains("\nDepartment: Team\\\\nA\n"), "{chidi}");
}

#[test]
fn a_nested_agent_card_is_skipped_and_its_parent_imported() {
    let repo = Repo::new();
    let cards = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Boss;Ruth;;;\r\nFN:Ruth Boss\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Sam Helper\r\nTEL:+1 555 010 0999\r\nEND:VCARD\r\nTEL;WORK:+1 555 010 0100\r\nEMAIL:ruth@example.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Tom After\r\nEND:VCARD\r\n";
    let path = export(&repo, "agent.vcf", cards.as_bytes());
    let run = import_twice(&repo, "vcard", &path, "created 2, skipped 0, failed 0");
    assert_eq!(contacts(&repo), ["ruth-boss.md", "tom-after.md"]);
    let ruth = contact(&repo, "ruth-boss");
    assert!(
        ruth.contains("email: \"ruth@example.com\"\nphone: \"+1 555 010 0100\"\n"),
        "{ruth}"
    );
    assert!(
        run.stderr.contains(&format!(
            "{path}:6: warning: a card nested in the card of line 1 (`AGENT`) is not imported"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn note_goes_into_the_body_and_never_becomes_a_log_entry_or_heading() {
    let repo = Repo::new();
    let cards = concat!(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Vi Tran\n",
        "NOTE:Met at the SRE meetup\\, loves cheesecake\\n- 2024-01-05 Sent thanks #thanks [[jane-doe]]\\n",
        "- [ ] 2024-02-01 open task\\n## Log\\n# Heading\\n---\\n===\\n    indented code\\n> quote\\n<script>x</script>\\n1. first\\n\n",
        "END:VCARD\n",
        "BEGIN:VCARD\nVERSION:2.1\nFN:Wu Li\n",
        "NOTE;ENCODING=QUOTED-PRINTABLE:Knows the hiring manager=0D=0A2024-03-01 lunch=\n",
        " together\nEND:VCARD\n",
    );
    let path = export(&repo, "notes.vcf", cards.as_bytes());
    import_twice(&repo, "vcard", &path, "created 2, skipped 0, failed 0");
    let vi = contact(&repo, "vi-tran");
    assert!(
        vi.contains("---\n\nMet at the SRE meetup, loves cheesecake\n\nNote: - 2024-01-05 Sent thanks #thanks \\[\\[jane-doe\\]\\]\n"),
        "{vi}"
    );
    // Nothing but the file's own `## Log` heading starts a line with `#`, `-`, `>` or
    // a digit, or is indented.
    let body = vi.splitn(3, "---\n").nth(2).expect("body");
    for line in body.lines() {
        if line == "## Log" {
            continue;
        }
        assert!(
            line.is_empty() || line.starts_with(char::is_alphabetic),
            "{line:?} in\n{vi}"
        );
    }
    assert_eq!(
        body.matches("## Log").count(),
        2,
        "once escaped, once real: {vi}"
    );
    // The log stays empty: `due --json` sees no entries and no tasks.
    let json = repo.due_json("2024-06-01");
    assert!(
        json["actions"].as_array().is_some_and(Vec::is_empty),
        "{json}"
    );
    let wu = contact(&repo, "wu-li");
    assert!(
        wu.contains("\nKnows the hiring manager\n\nNote: 2024-03-01 lunch together\n"),
        "{wu}"
    );
}

#[test]
fn a_large_import_shows_no_progress_bar_when_stderr_is_not_a_terminal() {
    let repo = Repo::new();
    let mut csv =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for n in 0..250 {
        csv.push_str(&format!(
            "Person,Number {n},https://www.linkedin.com/in/person-{n},,,,15 Nov 2023\n"
        ));
    }
    let path = export(&repo, "Connections.csv", csv.as_bytes());
    let run = import(&repo, "linkedin", &path);
    assert_eq!(run.code, 0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(run.stdout.contains("created 250, skipped 0, failed 0\n"));
    assert_eq!(contacts(&repo).len(), 250);
}

#[test]
#[cfg(unix)]
fn only_regular_files_are_read() {
    let repo = Repo::new();
    let fifo = repo.path().join("export.vcf");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    for (kind, path) in [
        ("vcard", "/dev/zero".to_owned()),
        ("linkedin", fifo.display().to_string()),
    ] {
        let run = import(&repo, kind, &path);
        assert_eq!(run.code, 2, "{kind} {path}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "`{path}` is not a regular file (a folder, FIFO or device): save the export to a file and import that"
            )),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn huge_fields_and_crafted_addresses_stay_within_what_check_reads() {
    let repo = Repo::new();
    let mut csv = String::from("First Name,Last Name,Email Address,Company\n");
    csv.push_str(&format!("{},Long,,Acme\n", "N".repeat(100_000)));
    csv.push_str(&format!("Wide,Company,,{}\n", "é".repeat(70_000)));
    csv.push_str("Eve,Crafty,evil@example.com?bcc=victim@example.org,Acme\n");
    let path = export(&repo, "Connections.csv", csv.as_bytes());
    let run = import(&repo, "linkedin", &path);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "Connections.csv:2: warning: the name is 100005 characters long: cut to 500, the whole kept in the notes"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "Connections.csv:4: warning: `evil@example.com?bcc=victim@example.org` is not a plain email address: kept in the notes"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(contacts(&repo).len(), 3, "{}", run.stdout);
    let eve = contact(&repo, "eve-crafty");
    assert!(!eve.contains("email:"), "{eve}");
    let check = repo.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains(" 0 errors"), "{}", check.stderr);
}

#[test]
fn two_names_on_one_address_is_a_warning_not_a_merge() {
    let repo = Repo::new();
    let csv =
        "First Name,Last Name,Email Address\nAnn,Lee,team@example.com\nBo,Day,team@example.com\n";
    let path = export(&repo, "Connections.csv", csv.as_bytes());
    let run = import(&repo, "linkedin", &path);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(contacts(&repo), ["ann-lee.md", "bo-day.md"]);
    assert!(
        run.stderr.contains(
            "Connections.csv:3: warning: contacts/bo-day.md (Bo Day): shares the email `team@example.com` with `contacts/ann-lee.md`"
        ),
        "{}",
        run.stderr
    );
}
