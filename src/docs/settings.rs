//! The defaults of `docs/settings.md`: every key of `goodwill.toml` with its default and
//! its meaning, the rules' own keys taken from the table of rules.

use crate::duration::Duration;
use crate::rules::table::RULES;
use crate::settings::{Cadence, Git, Grace, Limits, RuleSwitches, Settings};

/// One key of `goodwill.toml` as `docs/settings.md` lists it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SettingDoc {
    /// The table it sits in (`cadence`), or `""` for the top level.
    pub table: &'static str,
    /// The key.
    pub key: &'static str,
    /// Its value in `settings`, written as TOML (`"90d"`, `true`, `[]`).
    pub value: String,
    /// What it means, for users.
    pub meaning: String,
}

/// Every key of `goodwill.toml` with its value in `settings` and its meaning, in file
/// order. The structs are taken apart without `..`, so a new field does not compile until
/// it is listed here, and so in `docs/settings.md`. The rules' own keys of `[grace]` and
/// `[rules]` come from their rows of the table of rules.
pub(crate) fn documented(settings: &Settings) -> Vec<SettingDoc> {
    let Settings {
        owner,
        me,
        resume,
        targets,
        output,
        journal,
        cadence,
        grace,
        rules,
        limits,
        git,
    } = settings;
    let Cadence {
        reference,
        contact,
        cheesecake,
        cheesecake_min_gap,
    } = cadence;
    // The rules' keys are read through their rows, below.
    let Grace {
        together,
        soon,
        rules: _,
    } = grace;
    let RuleSwitches { set: _ } = rules;
    let Limits {
        reference_uses,
        reference_window,
        agreement_lasts,
        checkins_per_week,
    } = limits;
    let Git { commit } = git;
    let text = |text: &str| toml::Value::String(text.to_owned()).to_string();
    let duration = |duration: &Duration| text(&duration.to_string());
    let list = |items: &[String]| {
        let items: Vec<String> = items.iter().map(|item| text(item)).collect();
        format!("[{}]", items.join(", "))
    };
    let row = |table, key, value, meaning: &str| SettingDoc {
        table,
        key,
        value,
        meaning: meaning.to_owned(),
    };
    let mut rows = vec![
        row(
            "",
            "owner",
            text(owner),
            "Your name: it signs the draft messages.",
        ),
        row(
            "",
            "me",
            list(me),
            "Your own email addresses: who \"you\" are in `goodwill import mail` and `import calendar` (see `docs/capture.md`).",
        ),
        row(
            "",
            "resume",
            text(resume),
            "A link to your current resume, for briefings and the drafts that send it.",
        ),
        row(
            "",
            "targets",
            list(targets),
            "Target companies, besides the `company` of every application with `target: true`.",
        ),
        row(
            "",
            "output",
            text(output),
            "The folder `goodwill build` writes the dashboard to, relative to the root (`--out` overrides it).",
        ),
        row(
            "",
            "journal",
            list(journal),
            "Folders of dated notes (`Daily/2026-11-22.md`) whose lines that link a contact or an application are log entries (see `docs/capture.md`).",
        ),
        row(
            "cadence",
            "reference",
            duration(reference),
            "Check-in interval for a contact with an `#agreed` entry or listed in `references` of any application.",
        ),
        row(
            "cadence",
            "contact",
            duration(contact),
            "Check-in interval for everyone else.",
        ),
        row(
            "cadence",
            "cheesecake",
            duration(cheesecake),
            "Check-in interval for people at target companies (`cheesecake`).",
        ),
        row(
            "cadence",
            "cheesecake_min_gap",
            duration(cheesecake_min_gap),
            "The least time between two touches of someone at a target company; sooner raises the caution `too-soon`.",
        ),
        row(
            "grace",
            "together",
            duration(together),
            "One person's actions due within this of the first one (each counted from today if overdue) are gathered into one message.",
        ),
        row(
            "grace",
            "soon",
            duration(soon),
            "How far ahead `due` (without `--within`) and the dashboard's \"Coming up\" and \"Do these first\" look.",
        ),
        row(
            "limits",
            "reference_uses",
            reference_uses.to_string(),
            "A reference listed on more applications than this within `reference_window` raises the caution `reference-overuse`.",
        ),
        row(
            "limits",
            "reference_window",
            duration(reference_window),
            "How far back before today an application's `applied` date counts for `reference_uses`.",
        ),
        row(
            "limits",
            "agreement_lasts",
            duration(agreement_lasts),
            "An `#agreed` or `#asked` entry for a reference and an application counts as permission for this long (`permission`).",
        ),
        row(
            "limits",
            "checkins_per_week",
            checkins_per_week.to_string(),
            "At most this many `cheesecake` and `stale` check-ins a week; `0` turns pacing off (see `docs/checkins.md`).",
        ),
        row(
            "git",
            "commit",
            commit.to_string(),
            "`true`: every command that writes (`done`, `skip`, `later`, `log`, `new`, `import`, the buttons of `serve`) commits exactly the files it wrote, with what it wrote as the message, and nothing else you have staged or changed; a failed commit is a warning, the write stands. `goodwill init` sets it in the repository it creates.",
        ),
    ];
    // `[grace]` opens with the rules' graces and `[rules]` is their switches, both in the
    // order of the table of rules.
    let graces = RULES.iter().filter_map(|spec| {
        let of = spec.grace?;
        Some(row(
            "grace",
            of.key,
            duration(&spec.rule.grace(grace)),
            of.meaning,
        ))
    });
    let at = rows.iter().position(|row| row.table == "grace");
    let at = at.expect("`[grace]` has keys of its own");
    rows.splice(at..at, graces.collect::<Vec<_>>());
    let switches = RULES.iter().filter_map(|spec| {
        let switch = spec.switch?;
        Some(row(
            "rules",
            switch.key,
            spec.rule.is_on(settings).to_string(),
            &format!("`false` turns the rule `{}` off.", spec.id),
        ))
    });
    let at = rows.iter().position(|row| row.table == "limits");
    let at = at.expect("`[limits]` has keys");
    rows.splice(at..at, switches.collect::<Vec<_>>());
    rows
}

/// The part of `docs/settings.md` made from [`documented`] of the defaults: a table of
/// every key, and a `goodwill.toml` that spells out every default.
pub(crate) fn defaults_markdown() -> String {
    let rows = documented(&Settings::default());
    let mut out = String::from("| key | default | meaning |\n|---|---|---|\n");
    for row in &rows {
        let key = if row.table.is_empty() {
            row.key.to_owned()
        } else {
            format!("{}.{}", row.table, row.key)
        };
        out.push_str(&format!(
            "| `{key}` | `{}` | {} |\n",
            row.value.replace('|', "\\|"),
            row.meaning
        ));
    }
    out.push_str("\nThe same defaults as a `goodwill.toml`:\n\n```toml\n");
    let mut table = "";
    for row in &rows {
        if row.table != table {
            table = row.table;
            out.push_str(&format!("\n[{table}]\n"));
        }
        out.push_str(&format!("{} = {}\n", row.key, row.value));
    }
    out.push_str("```\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEGIN: &str = "<!-- BEGIN defaults: made from src/settings.rs and src/rules/table.rs by `GOODWILL_BLESS=1 cargo test docs_`; do not edit by hand -->\n";
    const END: &str = "<!-- END defaults -->";

    #[test]
    fn docs_settings_md_is_made_from_the_defaults() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/settings.md");
        let written = std::fs::read_to_string(path).unwrap_or_default();
        let (Some(begin), Some(end)) = (written.find(BEGIN), written.find(END)) else {
            panic!("docs/settings.md has lost its `BEGIN defaults` and `END defaults` markers");
        };
        let start = begin + BEGIN.len();
        let made = format!(
            "{}{}{}",
            &written[..start],
            defaults_markdown(),
            &written[end..]
        );
        if std::env::var_os("GOODWILL_BLESS").is_some() {
            std::fs::write(path, &made).expect("write docs/settings.md");
            return;
        }
        assert!(
            written == made,
            "docs/settings.md differs from the settings' defaults: run `GOODWILL_BLESS=1 cargo test docs_`"
        );
    }

    #[test]
    fn documented_defaults_read_back_as_the_defaults() {
        let markdown = defaults_markdown();
        let toml = markdown
            .split("```toml\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("a toml block");
        let read = Settings::parse(toml).expect("the documented defaults");
        assert_eq!(
            documented(&read),
            documented(&Settings::default()),
            "every key reads back as its default"
        );
    }

    #[test]
    fn documented_values_follow_the_settings() {
        let settings = Settings::parse(
            "owner = \"Sam | Lee\"\ntargets = [\"Acme\", \"Initech\"]\n[cadence]\ncontact = \"6m\"\n[rules]\ngift = false\n",
        )
        .expect("valid settings");
        let rows = documented(&settings);
        let value = |table: &str, key: &str| {
            rows.iter()
                .find(|row| row.table == table && row.key == key)
                .map(|row| row.value.clone())
        };
        assert_eq!(value("", "owner").as_deref(), Some("\"Sam | Lee\""));
        assert_eq!(
            value("", "targets").as_deref(),
            Some("[\"Acme\", \"Initech\"]")
        );
        assert_eq!(value("cadence", "contact").as_deref(), Some("\"6m\""));
        assert_eq!(value("rules", "gift").as_deref(), Some("false"));
        let mut keys: Vec<_> = rows.iter().map(|row| (row.table, row.key)).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), rows.len(), "a key is listed twice");
    }
}
