//! Settings from `goodwill.toml`: every key optional, unknown keys are errors.

use crate::diag::Diagnostic;
use crate::duration::Duration;
use serde::Deserialize;

/// The name of the settings file at the root.
pub const SETTINGS_FILE: &str = "goodwill.toml";

/// Everything `goodwill.toml` can say; [`Settings::default`] is an empty file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Your name, signs draft messages.
    pub owner: String,
    /// Link to your current resume, for briefings.
    pub resume: String,
    /// Target companies.
    pub targets: Vec<String>,
    /// The output folder of `build`, relative to the root.
    pub output: String,
    /// Keep-in-touch intervals.
    pub cadence: Cadence,
    /// How long after an event each action is due.
    pub grace: Grace,
    /// Switches for the optional rules.
    pub rules: RuleSwitches,
    /// Limits behind the cautions.
    pub limits: Limits,
}

/// `[cadence]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[allow(missing_docs)] // Each field is the key of the same name in DESIGN.md section 6.
pub struct Cadence {
    pub reference: Duration,
    pub contact: Duration,
    pub cheesecake: Duration,
    pub cheesecake_min_gap: Duration,
}

/// `[grace]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[allow(missing_docs)] // Each field is the grace of the rule of the same name.
pub struct Grace {
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
    /// How far ahead the dashboard shows upcoming actions.
    pub soon: Duration,
}

/// `[rules]`: the rules a user may turn off.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[allow(missing_docs)] // Each field turns the rule of the same name on or off.
pub struct RuleSwitches {
    pub ask_feedback: bool,
    pub share_feedback: bool,
    pub connect: bool,
    pub gift: bool,
}

/// `[limits]`
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// More recent reference uses than this raise `reference-overuse`.
    pub reference_uses: u32,
    /// How far back a reference use counts.
    pub reference_window: Duration,
    /// At most this many `cheesecake` and `stale` check-ins a week; 0 turns pacing off.
    pub checkins_per_week: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            owner: String::new(),
            resume: String::new(),
            targets: Vec::new(),
            output: "public".to_owned(),
            cadence: Cadence::default(),
            grace: Grace::default(),
            rules: RuleSwitches::default(),
            limits: Limits::default(),
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
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            reference_uses: 3,
            reference_window: Duration::Days(90),
            checkins_per_week: 10,
        }
    }
}

impl Settings {
    /// Parses the text of `goodwill.toml`; on an error, the defaults and one diagnostic
    /// pointing at the offending line.
    pub fn parse(text: &str) -> Result<Settings, Diagnostic> {
        toml::from_str(text).map_err(|error| {
            let line = error
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let message = error.message().trim().replace('"', "`");
            Diagnostic::error(
                SETTINGS_FILE,
                line,
                format!("{message}; see the settings in the README"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
