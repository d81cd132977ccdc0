//! Pacing: `cheesecake` and `stale` check-ins spread so that no week holds more than
//! `limits.checkins_per_week`, so a thousand imported connections become a few a week
//! instead of a wall of overdue reminders. Other rules are never paced: what is owed for a
//! live application is never put off.

use super::checkin::company_key;
use super::{Action, Rule};
use crate::model::Repository;
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

/// Spreads the check-ins among `actions` over weeks starting `today`.
///
/// Week `w` is the days `today + 7w … today + 7w + 6`; a check-in due before today is in
/// week 0. In the order (due, `cheesecake` before `stale`, contact id), each check-in gets
/// the earliest week at or after its own that holds fewer than the limit and, for a
/// `cheesecake`, no other `cheesecake` to the same company (people at one company talk:
/// two of them never get "I thought of you" in the same week). One moved to a later week
/// is due on that week's first day and remembers its former date in
/// [`Action::spread_from`]. A limit of 0 leaves every action as it is.
///
/// Full weeks, and each company's weeks with a cheesecake, are skipped with
/// [`NextFree`], so the time stays near-linear in the number of check-ins after sorting.
pub(crate) fn spread(repo: &Repository, today: NaiveDate, actions: &mut [Action]) {
    let limit = repo.settings.limits.checkins_per_week;
    if limit == 0 {
        return;
    }
    let contact_id = |action: &Action| action.contact.map(|c| repo.contacts[c].id.as_str());
    let mut order: Vec<usize> = (0..actions.len())
        .filter(|&i| actions[i].rule.is_check_in())
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

    let mut held: HashMap<u64, u32> = HashMap::new();
    let mut open_weeks = NextFree::default();
    let mut company_weeks: HashMap<String, NextFree> = HashMap::new();
    for i in order {
        let action = &mut actions[i];
        let own = week_of(today, action.due);
        let company = (action.rule == Rule::Cheesecake)
            .then(|| {
                action
                    .contact
                    .and_then(|c| repo.contacts[c].company.as_deref())
            })
            .flatten()
            .map(company_key)
            .filter(|key| !key.is_empty());
        let mut week = open_weeks.find(own);
        if let Some(company) = &company {
            let taken = company_weeks.entry(company.clone()).or_default();
            // Each step moves past a full week or a week of this company's: at most as
            // many steps as there are such weeks.
            loop {
                let free = taken.find(week);
                let open = open_weeks.find(free);
                if open == week {
                    break;
                }
                week = open;
            }
            taken.take(week);
        }
        if week > own
            && let Some(due) = today.checked_add_days(Days::new(week.saturating_mul(7)))
        {
            action.spread_from = Some(action.due);
            action.due = due;
        }
        let count = held.entry(week).or_insert(0);
        *count += 1;
        if *count >= limit {
            open_weeks.take(week);
        }
    }
}

/// A set of taken weeks that finds the first week at or after a given one that is not
/// taken, skipping runs of taken weeks in near-constant time (a disjoint-set forest with
/// path halving: each taken week points at a later candidate).
#[derive(Debug, Default)]
struct NextFree {
    next: HashMap<u64, u64>,
}

impl NextFree {
    /// The first week at or after `week` that is not taken.
    fn find(&mut self, mut week: u64) -> u64 {
        while let Some(&next) = self.next.get(&week) {
            if let Some(&after) = self.next.get(&next) {
                self.next.insert(week, after);
            }
            week = next;
        }
        week
    }

    /// Marks `week` taken.
    fn take(&mut self, week: u64) {
        self.next.insert(week, week.saturating_add(1));
    }
}

/// The reason line of a check-in that pacing moved: from when, and why.
pub(crate) fn spread_reason(from: NaiveDate, limit: u32) -> String {
    format!(
        "Spread from {from}: check-ins are paced to at most {limit} a week (checkins_per_week in goodwill.toml)."
    )
}

/// The week a date falls in, counted from `today`; dates before today are in week 0.
fn week_of(today: NaiveDate, due: NaiveDate) -> u64 {
    u64::try_from((due - today).num_days()).map_or(0, |days| days / 7)
}

#[cfg(test)]
mod tests {
    use super::{spread, week_of};
    use crate::load::{Found, Kind, document_from_text};
    use crate::rules::{Action, Rule};
    use crate::settings::Settings;
    use chrono::{Days, NaiveDate};
    use std::path::PathBuf;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("test date")
    }

    /// Spreads check-ins `(rule, contact id, due in days from today)` with `limit` a week
    /// and returns each one's due day and former due day (if it moved), in input order.
    fn paced(limit: u32, checkins: &[(Rule, &str, i64)]) -> Vec<(i64, Option<i64>)> {
        paced_at(limit, checkins, &[])
    }

    /// [`paced`], with `(contact id, company)` for the contacts that work somewhere.
    fn paced_at(
        limit: u32,
        checkins: &[(Rule, &str, i64)],
        companies: &[(&str, &str)],
    ) -> Vec<(i64, Option<i64>)> {
        let mut ids: Vec<&str> = checkins.iter().map(|(_, id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        let loaded = ids
            .iter()
            .map(|id| {
                let file = format!("contacts/{id}.md");
                let found = Found {
                    kind: Kind::Contact,
                    path: PathBuf::from(&file),
                    file,
                };
                let company = companies
                    .iter()
                    .find(|(who, _)| who == id)
                    .map_or_else(String::new, |(_, company)| {
                        format!("company: \"{company}\"\n")
                    });
                let doc = document_from_text(&found, &format!("---\nname: {id}\n{company}---\n"));
                (found, doc)
            })
            .collect();
        let settings =
            Settings::parse(&format!("[limits]\ncheckins_per_week = {limit}\n")).expect("settings");
        let repo = crate::model::assemble(PathBuf::from("."), settings, Vec::new(), loaded);
        let today = date("2026-11-22");
        let day = |offset: i64| {
            if offset >= 0 {
                today + Days::new(offset.unsigned_abs())
            } else {
                today - Days::new(offset.unsigned_abs())
            }
        };
        let mut actions: Vec<Action> = checkins
            .iter()
            .map(|&(rule, id, offset)| Action {
                rule,
                contact: repo.contacts.iter().position(|c| c.id == id),
                application: None,
                due: day(offset),
                entry: None,
                spread_from: None,
            })
            .collect();
        spread(&repo, today, &mut actions);
        actions
            .iter()
            .map(|a| {
                let offset = |d: NaiveDate| (d - today).num_days();
                (offset(a.due), a.spread_from.map(offset))
            })
            .collect()
    }

    #[test]
    fn spreads_in_the_order_due_cheesecake_contact_id() {
        use Rule::{Cheesecake as C, Stale as S};
        for (limit, checkins, expected) in [
            // Exactly the limit in week 0: nothing moves.
            (
                2,
                vec![(S, "a", -9), (S, "b", 3)],
                vec![(-9, None), (3, None)],
            ),
            // One more: the last in order moves to the first day of week 1.
            (
                2,
                vec![(S, "c", 6), (S, "a", -9), (S, "b", 3)],
                vec![(7, Some(6)), (-9, None), (3, None)],
            ),
            // Cheesecake before stale on the same day, then contact id.
            (
                1,
                vec![(S, "a", 0), (C, "z", 0), (S, "b", 0)],
                vec![(7, Some(0)), (0, None), (14, Some(0))],
            ),
            // A check-in in a later week that still has room stays on its own day, and
            // the cursor never goes back to a full week.
            (
                1,
                vec![
                    (S, "a", -1),
                    (S, "b", -1),
                    (S, "c", 16),
                    (S, "d", 17),
                    (S, "e", 40),
                ],
                vec![
                    (-1, None),
                    (7, Some(-1)),
                    (16, None),
                    (21, Some(17)),
                    (40, None),
                ],
            ),
            // 0 turns pacing off.
            (
                0,
                vec![(S, "a", -1), (S, "b", -1)],
                vec![(-1, None), (-1, None)],
            ),
        ] {
            assert_eq!(paced(limit, &checkins), expected, "{checkins:?}");
        }
    }

    #[test]
    fn one_cheesecake_a_week_per_company() {
        use Rule::{Cheesecake as C, Stale as S};
        // Companies compare trimmed and case-insensitively.
        let companies = [
            ("a", "Acme"),
            ("b", " acme "),
            ("c", "ACME"),
            ("d", "Initech"),
            ("e", "Acme"),
        ];
        for (limit, checkins, expected) in [
            // Two at Acme due the same day: the second waits a week; Initech's does not.
            (
                10,
                vec![(C, "a", 0), (C, "b", 0), (C, "d", 0)],
                vec![(0, None), (7, Some(0)), (0, None)],
            ),
            // Three at one company, overdue: one a week.
            (
                10,
                vec![(C, "c", -3), (C, "b", -3), (C, "a", -5)],
                vec![(14, Some(-3)), (7, Some(-3)), (-5, None)],
            ),
            // A stale check-in of someone at Acme is not a cheesecake: no company rule.
            (
                10,
                vec![(C, "a", 0), (S, "b", 0)],
                vec![(0, None), (0, None)],
            ),
            // Limit 1: week 0 holds the stale one, week 1 Acme's first; Acme's second and
            // the last stale one take the next weeks with room.
            (
                1,
                vec![(S, "d", 0), (C, "a", 7), (C, "b", 8), (S, "e", 9)],
                vec![(0, None), (7, None), (14, Some(8)), (21, Some(9))],
            ),
            // Limit 2: Acme's second skips week 1 for week 2, and Initech's fills week 1.
            (
                2,
                vec![(C, "a", 7), (C, "b", 8), (C, "d", 9)],
                vec![(7, None), (14, Some(8)), (9, None)],
            ),
            // A cheesecake moved past a company week keeps the weekly limit of the week
            // it lands in.
            (
                1,
                vec![(C, "a", 0), (C, "b", 0), (S, "d", 7)],
                vec![(0, None), (7, Some(0)), (14, Some(7))],
            ),
        ] {
            assert_eq!(
                paced_at(limit, &checkins, &companies),
                expected,
                "{checkins:?}"
            );
        }
    }

    #[test]
    fn other_rules_are_never_paced_and_take_no_room() {
        assert_eq!(
            paced(
                1,
                &[
                    (Rule::Task, "a", -1),
                    (Rule::Permission, "a", -1),
                    (Rule::Stale, "b", 0)
                ]
            ),
            vec![(-1, None), (-1, None), (0, None)]
        );
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
