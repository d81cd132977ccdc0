//! Settings from `goodwill.toml`: every key optional, unknown keys are errors.

use crate::diag::Diagnostic;
use crate::duration::Duration;
use serde::Deserialize;

/// The name of the settings file at the root.
pub(crate) const SETTINGS_FILE: &str = "goodwill.toml";

/// Everything `goodwill.toml` can say; [`Settings::default`] is an empty file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct Settings {
    /// Your name, signs draft messages.
    pub owner: String,
    /// Your own email addresses: who "you" are in imported mail (`docs/capture.md`).
    pub me: Vec<String>,
    /// Link to your current resume, for briefings.
    pub resume: String,
    /// Target companies.
    pub targets: Vec<String>,
    /// The output folder of `build`, relative to the root.
    pub output: String,
    /// Folders of dated notes whose lines are log entries (`docs/capture.md`).
    pub journal: Vec<String>,
    /// Keep-in-touch intervals.
    pub cadence: Cadence,
    /// How long after an event each action is due.
    pub grace: Grace,
    /// Switches for the optional rules.
    pub rules: RuleSwitches,
    /// Limits behind the cautions.
    pub limits: Limits,
    /// What goodwill does with git.
    pub git: Git,
}

/// `[cadence]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[allow(missing_docs)] // Each field is the key of the same name (`docs/settings.md`).
pub(crate) struct Cadence {
    pub reference: Duration,
    pub contact: Duration,
    pub cheesecake: Duration,
    pub cheesecake_min_gap: Duration,
}

/// `[grace]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[allow(missing_docs)] // Each field is the grace of the rule of the same name.
pub(crate) struct Grace {
    pub interviewer_thanks: Duration,
    pub interview_update: Duration,
    pub outcome_update: Duration,
    pub thank_favor: Duration,
    pub thank_reference: Duration,
    pub rejection_thanks: Duration,
    pub ask_feedback: Duration,
    pub share_feedback: Duration,
    pub connect: Duration,
    pub gift: Duration,
    pub quiet: Duration,
    /// Actions for one person due within this of the first make one message.
    pub together: Duration,
    /// How far ahead the dashboard shows upcoming actions.
    pub soon: Duration,
}

/// `[rules]`: the rules a user may turn off.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[allow(missing_docs)] // Each field turns the rule of the same name on or off.
pub(crate) struct RuleSwitches {
    pub ask_feedback: bool,
    pub share_feedback: bool,
    pub connect: bool,
    pub gift: bool,
    pub quiet: bool,
}

/// `[limits]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct Limits {
    /// More recent reference uses than this raise `reference-overuse`.
    pub reference_uses: u32,
    /// How far back a reference use counts.
    pub reference_window: Duration,
    /// An `#agreed` or `#asked` older than this no longer counts as permission.
    pub agreement_lasts: Duration,
    /// At most this many `cheesecake` and `stale` check-ins a week; 0 turns pacing off.
    pub checkins_per_week: u32,
}

/// `[git]`
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct Git {
    /// Commit every file goodwill writes, and only those (`docs/settings.md`).
    pub commit: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            owner: String::new(),
            me: Vec::new(),
            resume: String::new(),
            targets: Vec::new(),
            output: "public".to_owned(),
            journal: Vec::new(),
            cadence: Cadence::default(),
            grace: Grace::default(),
            rules: RuleSwitches::default(),
            limits: Limits::default(),
            git: Git::default(),
        }
    }
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            reference: Duration::Days(90),
            contact: Duration::Days(180),
            cheesecake: Duration::Days(60),
            cheesecake_min_gap: Duration::Days(21),
        }
    }
}

impl Default for Grace {
    fn default() -> Self {
        Grace {
            interviewer_thanks: Duration::Days(1),
            interview_update: Duration::Days(2),
            outcome_update: Duration::Days(2),
            thank_favor: Duration::Days(3),
            thank_reference: Duration::Days(7),
            rejection_thanks: Duration::Days(3),
            ask_feedback: Duration::Days(3),
            share_feedback: Duration::Days(7),
            connect: Duration::Days(7),
            gift: Duration::Days(14),
            quiet: Duration::Weeks(6),
            together: Duration::Days(7),
            soon: Duration::Days(7),
        }
    }
}

impl Default for RuleSwitches {
    fn default() -> Self {
        RuleSwitches {
            ask_feedback: true,
            share_feedback: true,
            connect: true,
            gift: true,
            quiet: true,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            reference_uses: 3,
            reference_window: Duration::Days(90),
            agreement_lasts: Duration::Years(1),
            checkins_per_week: 10,
        }
    }
}

impl Settings {
    /// Parses the text of `goodwill.toml`; on an error, the defaults and one diagnostic
    /// pointing at the offending line.
    pub(crate) fn parse(text: &str) -> Result<Settings, Diagnostic> {
        toml::from_str(text).map_err(|error| {
            let line = error
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let message = error.message().trim().replace('"', "`");
            Diagnostic::error(
                SETTINGS_FILE,
                line,
                format!("{message}; see docs/settings.md"),
            )
        })
    }
}

/// One key of `goodwill.toml` as `docs/settings.md` lists it.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SettingDoc {
    /// The table it sits in (`cadence`), or `""` for the top level.
    pub table: &'static str,
    /// The key.
    pub key: &'static str,
    /// Its value in `settings`, written as TOML (`"90d"`, `true`, `[]`).
    pub value: String,
    /// What it means, for users.
    pub meaning: &'static str,
}

/// Every key of `goodwill.toml` with its value in `settings` and its meaning, in file
/// order. The structs are taken apart without `..`, so a new field does not compile until
/// it is listed here, and so in `docs/settings.md`.
#[cfg(test)]
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
    let Grace {
        interviewer_thanks,
        interview_update,
        outcome_update,
        thank_favor,
        thank_reference,
        rejection_thanks,
        ask_feedback,
        share_feedback,
        connect,
        gift,
        quiet,
        together,
        soon,
    } = grace;
    let RuleSwitches {
        ask_feedback: ask_feedback_on,
        share_feedback: share_feedback_on,
        connect: connect_on,
        gift: gift_on,
        quiet: quiet_on,
    } = rules;
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
    let row = |table, key, value, meaning| SettingDoc {
        table,
        key,
        value,
        meaning,
    };
    vec![
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
            "interviewer_thanks",
            duration(interviewer_thanks),
            "`interviewer-thanks` is due this long after the interview.",
        ),
        row(
            "grace",
            "interview_update",
            duration(interview_update),
            "`interview-update` is due this long after the latest interview.",
        ),
        row(
            "grace",
            "outcome_update",
            duration(outcome_update),
            "`outcome-update` is due this long after `decided`.",
        ),
        row(
            "grace",
            "thank_favor",
            duration(thank_favor),
            "`thank-favor` is due this long after the earliest favour not yet thanked.",
        ),
        row(
            "grace",
            "thank_reference",
            duration(thank_reference),
            "`thank-reference` is due this long after `decided`.",
        ),
        row(
            "grace",
            "rejection_thanks",
            duration(rejection_thanks),
            "`rejection-thanks` is due this long after `decided`.",
        ),
        row(
            "grace",
            "ask_feedback",
            duration(ask_feedback),
            "`ask-feedback` is due this long after `decided`.",
        ),
        row(
            "grace",
            "share_feedback",
            duration(share_feedback),
            "`share-feedback` is due this long after `decided`.",
        ),
        row(
            "grace",
            "connect",
            duration(connect),
            "`connect` is due this long after `decided`.",
        ),
        row(
            "grace",
            "gift",
            duration(gift),
            "`gift` is due this long after `decided`.",
        ),
        row(
            "grace",
            "quiet",
            duration(quiet),
            "An `applied` or `interviewing` application with no news this long (since `applied` or its latest employer-side entry) raises `quiet`, which asks you where it stands.",
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
            "rules",
            "ask_feedback",
            ask_feedback_on.to_string(),
            "`false` turns the rule `ask-feedback` off.",
        ),
        row(
            "rules",
            "share_feedback",
            share_feedback_on.to_string(),
            "`false` turns the rule `share-feedback` off.",
        ),
        row(
            "rules",
            "connect",
            connect_on.to_string(),
            "`false` turns the rule `connect` off.",
        ),
        row(
            "rules",
            "gift",
            gift_on.to_string(),
            "`false` turns the rule `gift` off.",
        ),
        row(
            "rules",
            "quiet",
            quiet_on.to_string(),
            "`false` turns the rule `quiet` off.",
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
    ]
}

/// The part of `docs/settings.md` made from [`documented`] of the defaults: a table of
/// every key, and a `goodwill.toml` that spells out every default.
#[cfg(test)]
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

    const BEGIN: &str = "<!-- BEGIN defaults: made from src/settings.rs by `GOODWILL_BLESS=1 cargo test docs_`; do not edit by hand -->\n";
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
        assert_eq!(Settings::parse(toml), Ok(Settings::default()));
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

    #[test]
    fn git_commit_is_off_unless_asked() {
        assert!(!Settings::default().git.commit);
        let on = Settings::parse("[git]\ncommit = true\n").expect("valid settings");
        assert!(on.git.commit);
        assert!(Settings::parse("[git]\ncomit = true\n").is_err());
    }

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(Settings::parse(""), Ok(Settings::default()));
    }

    #[test]
    fn reads_every_section() {
        let settings = Settings::parse(
            "owner = \"Sam\"\ntargets = [\"Acme\"]\n[cadence]\ncontact = \"6m\"\n[grace]\nsoon = \"2w\"\n[rules]\ngift = false\n[limits]\nreference_uses = 5\n",
        )
        .expect("valid settings");
        assert_eq!(settings.owner, "Sam");
        assert_eq!(settings.cadence.contact, Duration::Months(6));
        assert_eq!(settings.cadence.reference, Duration::Days(90));
        assert_eq!(settings.grace.soon, Duration::Weeks(2));
        assert!(!settings.rules.gift);
        assert_eq!(settings.limits.reference_uses, 5);
        assert_eq!(settings.limits.checkins_per_week, 10);
    }

    #[test]
    fn pacing_can_be_turned_off_but_not_negative() {
        let off = Settings::parse("[limits]\ncheckins_per_week = 0\n").expect("valid settings");
        assert_eq!(off.limits.checkins_per_week, 0);
        let error = Settings::parse("[limits]\ncheckins_per_week = -1\n").expect_err("negative");
        assert_eq!(error.line, Some(2));
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let error = Settings::parse("owner = \"Sam\"\n[cadence]\nrefrence = \"30d\"\n")
            .expect_err("unknown key");
        assert_eq!(error.line, Some(3));
        assert!(error.message.contains("refrence"), "{}", error.message);
    }

    #[test]
    fn bad_duration_is_an_error_with_its_line() {
        let error = Settings::parse("[grace]\n\nsoon = \"a week\"\n").expect_err("bad duration");
        assert_eq!(error.line, Some(3));
        assert!(
            error.message.contains("invalid duration `a week`"),
            "{}",
            error.message
        );
    }
}
