//! Settings from `goodwill.toml`: every key optional, unknown keys are errors.

use crate::diag::Diagnostic;
use crate::duration::Duration;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

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

/// `[grace]`: `together`, `soon`, and the grace of every rule that has one, by the key
/// its row of the table of rules names (`RuleSpec::grace` in `rules/table.rs`, which holds
/// each default; `docs/settings.md`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grace {
    /// Actions for one person due within this of the first make one message.
    pub together: Duration,
    /// How far ahead the dashboard shows upcoming actions.
    pub soon: Duration,
    /// The rules' graces the file sets, by key; a key no rule has is refused when the
    /// settings are opened (`crate::rules::table::check_settings`).
    pub rules: BTreeMap<String, Setting<Duration>>,
}

/// `[rules]`: the rules a user turned on or off, by the key their row of the table of
/// rules names (`RuleSpec::switch`); a rule the file does not name is on.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct RuleSwitches {
    /// Each key the file sets, with its value.
    pub set: BTreeMap<String, Setting<bool>>,
}

/// A value a key of `goodwill.toml` sets, with the key's line for a diagnostic.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Setting<T> {
    /// The value.
    pub value: T,
    /// The key's line in the file, from 1 ([`Settings::parse`] sets it).
    pub line: usize,
}

impl<'de> Deserialize<'de> for Grace {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let keys = BTreeMap::<Spanned<String>, Duration>::deserialize(deserializer)?;
        let mut grace = Grace::default();
        for (key, value) in keys {
            let at = key.span().start;
            match key.into_inner().as_str() {
                "together" => grace.together = value,
                "soon" => grace.soon = value,
                rule => {
                    grace
                        .rules
                        .insert(rule.to_owned(), Setting { value, line: at });
                }
            }
        }
        Ok(grace)
    }
}

impl<'de> Deserialize<'de> for RuleSwitches {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let keys = BTreeMap::<Spanned<String>, bool>::deserialize(deserializer)?;
        let set = keys
            .into_iter()
            .map(|(key, value)| {
                let at = key.span().start;
                (key.into_inner(), Setting { value, line: at })
            })
            .collect();
        Ok(RuleSwitches { set })
    }
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
            together: Duration::Days(7),
            soon: Duration::Days(7),
            rules: BTreeMap::new(),
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
        let mut settings: Settings = toml::from_str(text).map_err(|error| {
            let line = error
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let message = error.message().trim().replace('"', "`");
            Diagnostic::error(
                SETTINGS_FILE,
                line,
                format!("{message}; see docs/settings.md"),
            )
        })?;
        // The keys of `[grace]` and `[rules]` were read with their byte offsets.
        let line_at = |at: usize| {
            let before = &text.as_bytes()[..at.min(text.len())];
            before.iter().filter(|byte| **byte == b'\n').count() + 1
        };
        for setting in settings.grace.rules.values_mut() {
            setting.line = line_at(setting.line);
        }
        for setting in settings.rules.set.values_mut() {
            setting.line = line_at(setting.line);
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!settings.rules.set["gift"].value);
        assert_eq!(settings.rules.set["gift"].line, 8);
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
