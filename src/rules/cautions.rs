//! The table of cautions: every caution declared once, with its id, its label, its title
//! and why it matters. The evaluators (`checkin.rs`, `employer.rs`) decide when one is
//! raised; everything else reads this table.

use super::CautionRule;

/// One caution, declared once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CautionSpec {
    /// The caution.
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "only the test of the order reads it")
    )]
    pub rule: CautionRule,
    /// Its id, in JSON and on the dashboard.
    pub id: &'static str,
    /// Its short label on the dashboard.
    pub label: &'static str,
    /// Its one-line title: `{name}` is the contact's name, `{app}` the application's
    /// title ([`super::describe`]).
    pub title: &'static str,
    /// One line on why to hold back.
    pub why: &'static str,
}

/// Every caution, in the order of the enum; `CAUTIONS[rule as usize].rule == rule`.
pub(crate) const CAUTIONS: &[CautionSpec] = &[
    CautionSpec {
        rule: CautionRule::TooSoon,
        id: "too-soon",
        label: "Too soon for more",
        title: "Hold off on more cheesecake for {name}",
        why: "Cheesecake works because it is rare: wait before you send more.",
    },
    CautionSpec {
        rule: CautionRule::RepeatFollowUp,
        id: "repeat-follow-up",
        label: "No second follow-up",
        title: "Do not follow up again on {app}: once is enough",
        why: "One follow-up after a rejection is enough; a second one is pestering.",
    },
    CautionSpec {
        rule: CautionRule::ReferenceOveruse,
        id: "reference-overuse",
        label: "Rest this reference",
        title: "{name} has been your reference often lately: give them a rest",
        why: "Too many calls in a short time wear a reference out: rest them or ask someone else.",
    },
];

impl CautionRule {
    /// This caution's row of [`CAUTIONS`].
    pub(crate) fn spec(self) -> &'static CautionSpec {
        &CAUTIONS[self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_in_enum_order_with_unique_ids() {
        for (index, spec) in CAUTIONS.iter().enumerate() {
            assert_eq!(spec.rule as usize, index, "{} is out of order", spec.id);
        }
        let mut ids: Vec<_> = CAUTIONS.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), CAUTIONS.len());
    }
}
