//! The two charts of the front page, drawn as inline SVG so the page needs no script:
//! applications by status, and touches per week over the last 26 weeks.
//!
//! Colours come from classes the stylesheet sets, so the charts follow light and dark mode.

use super::templates::escape_html;
use crate::model::{Repository, Status};
use chrono::{Duration, NaiveDate};
use std::fmt::Write;

/// How many weeks the touch chart shows.
pub(crate) const WEEKS: usize = 26;

/// Applications per status, in pipeline order.
pub(crate) fn pipeline(counts: &[(Status, usize)]) -> String {
    let max = counts.iter().map(|&(_, n)| n).max().unwrap_or(0).max(1);
    let total: usize = counts.iter().map(|&(_, n)| n).sum();
    let row = 24;
    let height = row * counts.len() + 4;
    let mut svg = String::new();
    let summary = counts
        .iter()
        .map(|(s, n)| format!("{n} {}", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = write!(
        svg,
        r#"<svg class="chart pipeline" viewBox="0 0 320 {height}" role="img" aria-labelledby="pipeline-title"><title id="pipeline-title">{total} applications: {}</title>"#,
        escape_html(&summary)
    );
    for (i, &(status, n)) in counts.iter().enumerate() {
        let y = i * row + 2;
        let width = if n == 0 { 0 } else { (n * 180 / max).max(3) };
        let kind = if status.is_active() {
            "active"
        } else if status == Status::Accepted || status == Status::Offer {
            "good"
        } else if status == Status::Prospect {
            "prospect"
        } else {
            "closed"
        };
        let _ = write!(
            svg,
            r#"<g><text class="label" x="96" y="{ty}" text-anchor="end">{name}</text><rect class="bar {kind}" x="104" y="{y}" width="{width}" height="18" rx="3"/><text class="count" x="{cx}" y="{ty}">{n}</text></g>"#,
            ty = y + 14,
            name = status.as_str(),
            cx = 110 + width,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Touches per week: entries (not open tasks, not decisions) that concern at least one contact, in the
/// 26 weeks that end today.
pub(crate) fn week_counts(repo: &Repository, today: NaiveDate) -> [usize; WEEKS] {
    let mut counts = [0; WEEKS];
    let first = today - Duration::days(7 * WEEKS as i64 - 1);
    for entry in &repo.entries {
        if !entry.is_touch() || entry.contacts.is_empty() {
            continue;
        }
        if entry.date < first || entry.date > today {
            continue;
        }
        let week = ((entry.date - first).num_days() / 7) as usize;
        if let Some(count) = counts.get_mut(week) {
            *count += 1;
        }
    }
    counts
}

/// `touch` or `touches`.
fn touches_word(n: usize) -> &'static str {
    if n == 1 { "touch" } else { "touches" }
}

/// The touch chart.
pub(crate) fn touches(counts: &[usize; WEEKS], today: NaiveDate) -> String {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let total: usize = counts.iter().sum();
    let (bar, gap, top, plot) = (9, 3, 18, 64);
    let width = WEEKS * (bar + gap);
    let first = today - Duration::days(7 * WEEKS as i64 - 1);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart touches" viewBox="0 0 {width} {h}" role="img" aria-labelledby="touches-title"><title id="touches-title">{total} {} in the last {WEEKS} weeks, at most {max_real} in one week</title>"#,
        touches_word(total),
        h = top + plot + 22,
        max_real = counts.iter().max().copied().unwrap_or(0),
    );
    for (i, &n) in counts.iter().enumerate() {
        let start = first + Duration::days(7 * i as i64);
        let x = i * (bar + gap);
        let h = if n == 0 { 1 } else { (n * plot / max).max(3) };
        let y = top + plot - h;
        let class = if n == 0 { "bar empty" } else { "bar touch" };
        let _ = write!(
            svg,
            r#"<rect class="{class}" x="{x}" y="{y}" width="{bar}" height="{h}" rx="2"><title>week of {start}: {n} {}</title></rect>"#,
            touches_word(n)
        );
    }
    let _ = write!(
        svg,
        r#"<text class="label" x="0" y="{ly}">{since}</text><text class="label" x="{width}" y="{ly}" text-anchor="end">this week</text><text class="label" x="0" y="11">max {max}</text></svg>"#,
        ly = top + plot + 18,
        since = super::dates::day(first),
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_well_formed_and_label_themselves() {
        let svg = pipeline(&[(Status::Applied, 3), (Status::Rejected, 0)]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("3 applied, 0 rejected"));
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        let mut counts = [0; WEEKS];
        counts[WEEKS - 1] = 4;
        let svg = touches(&counts, today);
        assert!(svg.contains("4 touches in the last 26 weeks"));
        assert_eq!(svg.matches("<rect").count(), WEEKS);
        assert!(svg.contains(": 4 touches</title>") && svg.contains(": 0 touches</title>"));
        counts[WEEKS - 1] = 1;
        let svg = touches(&counts, today);
        assert!(svg.contains("1 touch in the last 26 weeks"), "{svg}");
        assert!(svg.contains(": 1 touch</title>"), "{svg}");
    }
}
