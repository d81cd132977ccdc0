//! Dates for people: `Fri 13 Nov 2026` and `9 days ago`, as the template filters `day`
//! and `ago` (documented in `site-template/README.md`).

use chrono::{Datelike, NaiveDate};
use minijinja::{Environment, Value};

/// Registers the filters `day` (`{{ d|day }}`) and `ago` (`{{ d|ago(site.today) }}`).
pub(crate) fn register(env: &mut Environment<'static>) {
    env.add_filter("day", |value: Value| -> String {
        match parse(&value) {
            Some(date) => day(date),
            None => value.to_string(),
        }
    });
    env.add_filter("ago", |value: Value, today: Value| -> String {
        match (parse(&value), parse(&today)) {
            (Some(date), Some(today)) => ago(date, today),
            _ => String::new(),
        }
    });
}

/// A `YYYY-MM-DD` value (how dates reach templates). Read by hand: the filters run for
/// every date of every page, and chrono's `parse_from_str` parses its format string on
/// each call.
fn parse(value: &Value) -> Option<NaiveDate> {
    let bytes = value.as_str()?.as_bytes();
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *bytes else {
        return None;
    };
    let digits = |ds: &[u8]| {
        ds.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(digits(&[y1, y2, y3, y4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&[m1, m2])?, digits(&[d1, d2])?)
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Fri 13 Nov 2026`: the weekday helps plan, the day-month order reads the same
/// everywhere, and the year keeps old entries unambiguous.
pub(crate) fn day(date: NaiveDate) -> String {
    let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    let month = MONTHS[date.month0() as usize];
    format!("{weekday} {} {month} {}", date.day(), date.year())
}

/// `today`, `yesterday`, `9 days ago`, `3 weeks ago`, `in 2 days`, `in 5 months`.
pub(crate) fn ago(date: NaiveDate, today: NaiveDate) -> String {
    let days = (today - date).num_days();
    match days {
        0 => return "today".to_owned(),
        1 => return "yesterday".to_owned(),
        -1 => return "tomorrow".to_owned(),
        _ => {}
    }
    let n = days.abs();
    let (count, unit) = if n < 14 {
        (n, "day")
    } else if n < 60 {
        (n / 7, "week")
    } else if n < 730 {
        (n / 30, "month")
    } else {
        (n / 365, "year")
    };
    let s = if count == 1 { "" } else { "s" };
    if days > 0 {
        format!("{count} {unit}{s} ago")
    } else {
        format!("in {count} {unit}{s}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn days_carry_the_weekday() {
        assert_eq!(day(d(2026, 11, 13)), "Fri 13 Nov 2026");
        assert_eq!(day(d(2026, 11, 22)), "Sun 22 Nov 2026");
        assert_eq!(day(d(2027, 1, 4)), "Mon 4 Jan 2027");
    }

    #[test]
    fn relative_words_at_every_boundary() {
        let today = d(2026, 11, 22);
        for (date, words) in [
            (d(2026, 11, 22), "today"),
            (d(2026, 11, 21), "yesterday"),
            (d(2026, 11, 23), "tomorrow"),
            (d(2026, 11, 20), "2 days ago"),
            (d(2026, 11, 24), "in 2 days"),
            (d(2026, 11, 9), "13 days ago"),
            (d(2026, 11, 8), "2 weeks ago"),
            (d(2026, 9, 24), "8 weeks ago"),
            (d(2026, 9, 23), "2 months ago"),
            (d(2026, 6, 8), "5 months ago"),
            (d(2024, 11, 23), "24 months ago"),
            (d(2024, 11, 22), "2 years ago"),
            (d(2027, 5, 22), "in 6 months"),
        ] {
            assert_eq!(ago(date, today), words, "{date}");
        }
    }

    #[test]
    fn filters_read_template_dates_and_leave_other_values_alone() {
        let mut env = Environment::new();
        register(&mut env);
        let render = |source: &str| {
            env.render_str(
                source,
                minijinja::context! { d => "2026-11-13", t => "2026-11-22", x => "soon" },
            )
            .unwrap_or_else(|e| e.to_string())
        };
        assert_eq!(
            render("{{ d|day }}, {{ d|ago(t) }}"),
            "Fri 13 Nov 2026, 9 days ago"
        );
        assert_eq!(render("{{ x|day }}|{{ x|ago(t) }}"), "soon|");
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "2026-1-01",
            "2026-01-011",
            "20x6-01-01",
            "",
        ] {
            assert_eq!(parse(&Value::from(bad)), None, "{bad}");
        }
        assert_eq!(parse(&Value::from(3)), None);
        assert_eq!(parse(&Value::from("0987-01-05")), Some(d(987, 1, 5)));
    }
}
