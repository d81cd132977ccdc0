//! The files `goodwill init` starts a repository with.

use crate::rules::table::RULES;
use chrono::{Days, NaiveDate};

/// `goodwill.toml`: every setting with its default, and what it does; the rules' own keys
/// of `[grace]` and `[rules]` come from their rows of the table of rules.
pub(crate) fn settings() -> String {
    let mut grace = String::new();
    let mut rules = String::new();
    for spec in RULES {
        if let Some(of) = spec.grace {
            grace.push_str(&format!("{} = \"{}\"\n", of.key, of.default));
        }
        if let Some(switch) = spec.switch {
            rules.push_str(&format!("{} = true\n", switch.key));
        }
    }
    SETTINGS
        .replace("{grace}", &grace)
        .replace("{rules}", &rules)
}

/// [`settings`] with `{grace}` and `{rules}` in place of the rules' keys.
const SETTINGS: &str = r#"# goodwill settings. Every key is optional: the values below are the defaults, and a
# key you delete keeps its default. An unknown key is an error.
# Durations are a whole number and a unit: d days, w weeks, m calendar months, y years.

owner = ""            # your name, signs draft messages
me = []               # your own email addresses, for `goodwill import mail`, e.g. ["sam@example.com"]
resume = ""           # link to your current resume, for briefings
targets = []          # target companies, e.g. ["Example Corp", "Initech"]
output = "public"     # where `goodwill build` writes the dashboard
journal = []          # folders of dated notes read as log entries, e.g. ["Daily"]

# How long a relationship may go without a touch before a check-in is due.
[cadence]
reference = "90d"           # people who agreed to be, or are listed as, your reference
contact = "180d"            # everyone else
cheesecake = "60d"          # people at target companies
cheesecake_min_gap = "21d"  # never send them something of value more often than this

# How long after an event each action is due.
[grace]
{grace}together = "7d"       # actions for one person due within this of each other make one message
soon = "7d"           # how far ahead the dashboard shows upcoming actions

# Rules you may turn off.
[rules]
{rules}
# A reference listed on more than `reference_uses` applications within
# `reference_window` gets a caution: don't wear them out.
[limits]
reference_uses = 3
reference_window = "90d"
agreement_lasts = "1y"   # an #agreed or #asked older than this no longer counts as permission
checkins_per_week = 10   # cheesecake and stale check-ins are spread to at most this many a week; 0 = off

# Commit every file goodwill writes (done, skip, later, log, new, import, the buttons of
# serve), and only those, with what it wrote as the message. Off by default; on here.
[git]
commit = true
"#;

/// The `.gitignore` of a new repository: the built dashboard is never committed.
pub(crate) const GITIGNORE: &str = "# The built dashboard (`output` in goodwill.toml): generated, and full of personal data.\n/public/\n";

/// The example contact's id.
pub(crate) const EXAMPLE_CONTACT_ID: &str = "sam-rivera";
/// The example application's id.
pub(crate) const EXAMPLE_APPLICATION_ID: &str = "example-corp-backend-engineer";

fn day(today: NaiveDate, back: i64) -> String {
    let date = if back >= 0 {
        today.checked_sub_days(Days::new(back.unsigned_abs()))
    } else {
        today.checked_add_days(Days::new(back.unsigned_abs()))
    };
    date.unwrap_or(today).format("%Y-%m-%d").to_string()
}

/// A fictional reference, with dates around `today`.
pub(crate) fn example_contact(today: NaiveDate) -> String {
    format!(
        r#"---
name: "Sam Rivera"
company: "Example Analytics"
title: "Engineering Manager"
email: "sam.rivera@example.com"
relationship: supervisor
prefers: email
gift_ideas: "good coffee"
talking_points:
  - "Led the move of the billing system to the new platform"
  - "Mentored two junior engineers"
tags: ["example"]
---

An example contact, made up: your former manager, who agreed to be your reference.
Notes go here. Delete this file once you have added your own people.

## Log
- {agreed} Agreed to be my reference, prefers email #agreed
- {applied} Sent my resume and the synopsis of [[{application}]] #heads-up
- [ ] {soon} Tell Sam how the first interview went #update [[{application}]]
"#,
        agreed = day(today, 30),
        applied = day(today, 7),
        soon = day(today, -5),
        application = EXAMPLE_APPLICATION_ID,
    )
}

/// A fictional application listing the example contact as a reference.
pub(crate) fn example_application(today: NaiveDate) -> String {
    format!(
        r#"---
company: "Example Corp"
role: "Backend Engineer"
status: applied
applied: {applied}
references:
  - {contact}
contacts: []
target: false
posting: "https://example.com/careers/backend-engineer"
highlights:
  - "Shipping reliable services under a deadline"
tags: ["example"]
---

## Synopsis
A backend role on the payments team, working with Go and PostgreSQL. This section is the
only part of the file your references get, in their briefing and in drafts to them.

## Notes
An example application, made up. Notes like these are private: they show on your own
pages only.

## Log
- {applied} Applied through the careers page
"#,
        applied = day(today, 7),
        contact = EXAMPLE_CONTACT_ID,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    #[test]
    fn settings_template_is_the_defaults() {
        // Every default but one: a new repository commits what goodwill writes.
        let read = Settings::parse(&settings()).expect("valid settings");
        assert!(read.git.commit);
        let mut defaults = Settings::default();
        defaults.git.commit = true;
        assert_eq!(
            crate::docs::documented(&read),
            crate::docs::documented(&defaults)
        );
        for spec in RULES {
            assert_eq!(
                spec.rule.grace(&read.grace),
                spec.rule.grace(&defaults.grace)
            );
            if let Some(switch) = spec.switch {
                assert!(read.rules.set[switch.key].value, "{}", spec.id);
            }
        }
    }
}
