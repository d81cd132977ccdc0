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
    let key_width = outcome
        .keys
        .iter()
        .chain(outcome.messages.iter().map(|m| &m.key))
        .map(|k| k.shown)
        .max()
        .unwrap_or(0);
    for (state, heading, code) in sections {
        let messages: Vec<_> = outcome
            .messages
            .iter()
            .filter(|m| m.state(today) == state && (state != State::Upcoming || m.due <= horizon))
            .collect();
        if messages.is_empty() {
            continue;
        }
        let heading = if state == State::Upcoming {
            format!("{heading} (until {horizon})")
        } else {
            heading.to_owned()
        };
        let count = messages.len();
        let noun = if count == 1 { "message" } else { "messages" };
        let _ = writeln!(out, "{} ({count} {noun})", paint(BOLD, &heading));
        for message in messages {
            let _ = writeln!(
                out,
                "  {}  {:<key_width$}  {}  {}",
                paint(code, &message.due.to_string()),
                message.key.short(),
                paint(BOLD, &terminal_safe(&message.title(repo, &outcome.actions))),
                paint(DIM, &format!("({})", when(message.due, today)))
            );
            for &i in &message.actions {
                let (action, key) = (&outcome.actions[i], &outcome.keys[i]);
                let _ = writeln!(
                    out,
                    "      {:<key_width$}  {:<18}  {}  {}",
                    key.short(),
                    action.rule.id(),
                    terminal_safe(&action.title(repo)),
                    paint(DIM, &format!("({})", when(action.due, today)))
                );
                if let Some(from) = action.spread_from {
                    let limit = repo.settings.limits.checkins_per_week;
                    let _ = writeln!(
                        out,
                        "      {:<key_width$}  {}",
                        "",
                        paint(DIM, &crate::rules::spread_reason(from, limit))
                    );
                }
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
                "Sent it? `goodwill done KEY` writes the entry that settles it; `goodwill skip KEY` and `goodwill later KEY DATE` decide not to, or not yet. A message's key settles all it holds; an action's key, that one."
            )
        );
    }
    if shown == 0 {
        let _ = writeln!(out, "Nothing owed until {horizon}. Well kept.");
    }
    out
}

/// "today", "3 days late" or "in 2 days".
fn when(due: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    let days = (due - today).num_days();
    let plural = |n: i64| if n == 1 { "" } else { "s" };
    match days {
        0 => "today".to_owned(),
        d if d < 0 => format!("{} day{} late", -d, plural(-d)),
        d => format!("in {d} day{}", plural(d)),
    }
}
