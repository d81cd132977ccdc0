//! Durations such as `90d`, `6w`, `3m` and `1y`, and date arithmetic with them.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::str::FromStr;

/// A whole number of days, weeks, calendar months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Duration {
    /// `Nd`
    Days(u32),
    /// `Nw`
    Weeks(u32),
    /// `Nm`: calendar months; the 31st plus one month is the last day of the next month.
    Months(u32),
    /// `Ny`
    Years(u32),
}

/// Why a duration could not be read; the message says how to write one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError(pub String);

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid duration `{}`: {}", self.0, DURATION_HINT)
    }
}

impl std::error::Error for DurationError {}

/// How to write a duration, for messages.
pub(crate) const DURATION_HINT: &str = "write a whole number and a unit, `d` days, `w` weeks, `m` months or `y` years (`90d`, `6w`, `3m`)";

impl FromStr for Duration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        let error = || DurationError(text.to_owned());
        let unit = trimmed.chars().last().ok_or_else(error)?;
        let number = &trimmed[..trimmed.len() - unit.len_utf8()];
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(error());
        }
        // Ten thousand years is more than any date arithmetic here can hold.
        let n: u32 = number
            .parse()
            .ok()
            .filter(|n| *n <= 3_660_000)
            .ok_or_else(error)?;
        match unit.to_ascii_lowercase() {
            'd' => Ok(Duration::Days(n)),
            'w' => Ok(Duration::Weeks(n)),
            'm' => Ok(Duration::Months(n)),
            'y' => Ok(Duration::Years(n)),
            _ => Err(error()),
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Duration::Days(n) => write!(f, "{n}d"),
            Duration::Weeks(n) => write!(f, "{n}w"),
            Duration::Months(n) => write!(f, "{n}m"),
            Duration::Years(n) => write!(f, "{n}y"),
        }
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Duration {
    /// `date` plus this duration; saturates at the last representable date.
    pub(crate) fn after(self, date: NaiveDate) -> NaiveDate {
        let result = match self {
            Duration::Days(n) => date.checked_add_days(Days::new(n.into())),
            Duration::Weeks(n) => date.checked_add_days(Days::new(u64::from(n) * 7)),
            Duration::Months(n) => date.checked_add_months(Months::new(n)),
            Duration::Years(n) => n
                .checked_mul(12)
                .and_then(|m| date.checked_add_months(Months::new(m))),
        };
        result.unwrap_or(NaiveDate::MAX)
    }

    /// `date` minus this duration; saturates at the first representable date.
    pub(crate) fn before(self, date: NaiveDate) -> NaiveDate {
        let result = match self {
            Duration::Days(n) => date.checked_sub_days(Days::new(n.into())),
            Duration::Weeks(n) => date.checked_sub_days(Days::new(u64::from(n) * 7)),
            Duration::Months(n) => date.checked_sub_months(Months::new(n)),
            Duration::Years(n) => n
                .checked_mul(12)
                .and_then(|m| date.checked_sub_months(Months::new(m))),
        };
        result.unwrap_or(NaiveDate::MIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn parses_units() {
        assert_eq!("90d".parse(), Ok(Duration::Days(90)));
        assert_eq!("6w".parse(), Ok(Duration::Weeks(6)));
        assert_eq!("3m".parse(), Ok(Duration::Months(3)));
        assert_eq!("1y".parse(), Ok(Duration::Years(1)));
        assert_eq!("0d".parse(), Ok(Duration::Days(0)));
        for bad in [
            "",
            "d",
            "90",
            "3 months",
            "-3d",
            "1.5w",
            "9999999999d",
            "3x",
        ] {
            assert!(bad.parse::<Duration>().is_err(), "{bad}");
        }
    }

    #[test]
    fn adds_calendar_months_clamping_to_month_end() {
        assert_eq!(
            Duration::Months(1).after(date("2026-01-31")),
            date("2026-02-28")
        );
        assert_eq!(
            Duration::Years(1).after(date("2028-02-29")),
            date("2029-02-28")
        );
        assert_eq!(
            Duration::Weeks(2).after(date("2026-12-25")),
            date("2027-01-08")
        );
        assert_eq!(
            Duration::Days(90).before(date("2026-11-22")),
            date("2026-08-24")
        );
        assert_eq!(
            Duration::Years(3_000_000).after(date("2026-01-01")),
            NaiveDate::MAX
        );
    }
}
