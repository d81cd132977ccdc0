//! `goodwill due` for people: overdue, due today, coming up, and what to hold back.

use crate::diag::terminal_safe;
use crate::duration::Duration;
use crate::model::Repository;
use crate::rules::{Outcome, State};
use std::fmt::Write;

const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The text report; `color` adds ANSI colours (only for a terminal).
pub(crate) fn render(
    repo: &Repository,
    outcome: &Outcome,
    within: Duration,
    color: bool,
) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_owned()
        }
    };
    let today = outcome.today;
    let horizon = within.after(today);
    let mut out = String::new();
    let sections = [
        (State::Overdue, "Overdue", RED),
        (State::Due, "Due today", YELLOW),
        (State::Upcoming, "Coming up", DIM),
    ];
    let mut shown = 0;
    for (state, heading, code) in sections {
        let actions: Vec<_> = outcome
            .actions
            .iter()
            .zip(&outcome.keys)
            .filter(|(a, _)| {
                a.state(today) == state && (state != State::Upcoming || a.due <= horizon)
            })
            .collect();
        if actions.is_empty() {
            continue;
        }
        let heading = if state == State::Upcoming {
            format!("{heading} (until {horizon})")
        } else {
            heading.to_owned()
        };
        let _ = writeln!(out, "{} ({})", paint(BOLD, &heading), actions.len());
        let key_width = actions.iter().map(|(_, k)| k.shown).max().unwrap_or(0);
        for (action, key) in actions {
            let days = (action.due - today).num_days();
            let plural = |n: i64| if n == 1 { "" } else { "s" };
            let when = match days {
                0 => "today".to_owned(),
                d if d < 0 => format!("{} day{} late", -d, plural(-d)),
                d => format!("in {d} day{}", plural(d)),
            };
            let _ = writeln!(
                out,
                "  {}  {:<key_width$}  {:<18}  {}  {}",
                paint(code, &action.due.to_string()),
                key.short(),
                action.rule.id(),
                terminal_safe(&action.title(repo)),
                paint(DIM, &format!("({when})"))
            );
            if let Some(from) = action.spread_from {
                let limit = repo.settings.limits.checkins_per_week;
                let _ = writeln!(
                    out,
                    "              {}",
                    paint(DIM, &crate::rules::spread_reason(from, limit))
                );
            }
        }
        let _ = writeln!(out);
        shown += 1;
    }
    if !outcome.cautions.is_empty() {
        let _ = writeln!(
            out,
            "{} ({})",
            paint(BOLD, "Hold off"),
            outcome.cautions.len()
        );
        for caution in &outcome.cautions {
            let until = caution
                .until
                .map_or_else(String::new, |u| format!(" until {u}"));
            let _ = writeln!(
                out,
                "  {:<18}  {}{}",
                caution.rule.id(),
                terminal_safe(&caution.title(repo)),
                until
            );
        }
        let _ = writeln!(out);
        shown += 1;
    }
    if outcome.actions.iter().any(|a| a.due <= horizon) {
        let _ = writeln!(
            out,
            "{}",
            paint(
                DIM,
                "Sent it? `goodwill done KEY` writes the entry that settles it."
            )
        );
    }
    if shown == 0 {
        let _ = writeln!(out, "Nothing owed until {horizon}. Well kept.");
    }
    out
}
