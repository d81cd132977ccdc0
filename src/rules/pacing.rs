//! Pacing: `cheesecake` and `stale` check-ins spread so that no week holds more than
//! `limits.checkins_per_week`, so a thousand imported connections become a few a week
//! instead of a wall of overdue reminders. Other rules are never paced: what is owed for a
//! live application is never put off.

use super::{Action, Rule};
use crate::model::Repository;
use chrono::{Days, NaiveDate};

/// The rules pacing spreads.
pub(crate) fn is_check_in(rule: Rule) -> bool {
    matches!(rule, Rule::Cheesecake | Rule::Stale)
}

/// Spreads the check-ins among `actions` over weeks starting `today`.
///
/// Week `w` is the days `today + 7w … today + 7w + 6`; a check-in due before today is in
/// week 0. In the order (due, `cheesecake` before `stale`, contact id), each check-in gets
/// the earliest week at or after its own that holds fewer than the limit; one moved to a
/// later week is due on that week's first day and remembers its former date in
/// [`Action::spread_from`]. A limit of 0 leaves every action as it is.
///
/// Time is linear in the number of check-ins after sorting them: since their own weeks
/// only grow in that order and every week before the one being filled is full, one
/// cursor suffices.
pub(crate) fn spread(repo: &Repository, today: NaiveDate, actions: &mut [Action]) {
    let limit = repo.settings.limits.checkins_per_week;
    if limit == 0 {
        return;
    }
    let contact_id = |action: &Action| action.contact.map(|c| repo.contacts[c].id.as_str());
    let mut order: Vec<usize> = (0..actions.len())
        .filter(|&i| is_check_in(actions[i].rule))
        .collect();
    // `false` sorts first: `cheesecake` before `stale`.
    order.sort_by(|&x, &y| {
        let (x, y) = (&actions[x], &actions[y]);
        (x.due, x.rule == Rule::Stale, contact_id(x)).cmp(&(
            y.due,
            y.rule == Rule::Stale,
            contact_id(y),
        ))
    });

    // The week being filled and how many check-ins it holds; weeks after it are empty.
    let (mut week, mut held) = (0u64, 0u32);
    for i in order {
        let action = &mut actions[i];
        let own = week_of(today, action.due);
        if own > week {
            (week, held) = (own, 0);
        }
        if week > own
            && let Some(due) = today.checked_add_days(Days::new(week.saturating_mul(7)))
        {
            action.spread_from = Some(action.due);
            action.due = due;
        }
        held += 1;
        if held == limit {
            (week, held) = (week + 1, 0);
        }
    }
}

/// The reason line of a check-in that pacing moved: from when, and why.
pub fn spread_reason(from: NaiveDate, limit: u32) -> String {
    format!(
        "Spread from {from}: check-ins are paced to at most {limit} a week (`limits.checkins_per_week`)."
    )
}

/// The week a date falls in, counted from `today`; dates before today are in week 0.
fn week_of(today: NaiveDate, due: NaiveDate) -> u64 {
    u64::try_from((due - today).num_days()).map_or(0, |days| days / 7)
}

#[cfg(test)]
mod tests {
    use super::week_of;
    use chrono::NaiveDate;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("test date")
    }

    #[test]
    fn weeks_start_today() {
        let today = date("2026-11-22");
        for (due, week) in [
            ("2020-01-01", 0),
            ("2026-11-21", 0),
            ("2026-11-22", 0),
            ("2026-11-28", 0),
            ("2026-11-29", 1),
            ("2026-12-05", 1),
            ("2026-12-06", 2),
        ] {
            assert_eq!(week_of(today, date(due)), week, "{due}");
        }
    }
}
