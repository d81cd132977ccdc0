//! Phone numbers compared by their digits, with a leading country code where one is
//! written: `+49 151 1234567`, `0049 151 1234567` and `0151 1234567` are one number.

use std::collections::HashMap;

/// Shortest national number taken as identifying someone: shorter ones are extensions
/// and service numbers.
const MIN_PHONE_DIGITS: usize = 6;

/// A phone number by its digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Phone {
    /// Written with `+` or `00`: the digits with the country code.
    International(String),
    /// Written without a country code: the digits without the trunk `0`.
    National(String),
}

impl Phone {
    pub(super) fn parse(text: &str) -> Option<Phone> {
        let text = text.trim();
        let text = text.strip_prefix("tel:").unwrap_or(text).trim();
        // An extension or a pause (`x12`, `;ext=12`, `,,12`) is not part of the number.
        let number = text
            .split([';', ',', 'x', 'X', 'e', 'E', 'p', 'P', 'w', 'W'])
            .next()
            .unwrap_or("");
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let phone = if number.trim_start().starts_with('+') {
            Phone::International(digits)
        } else if let Some(rest) = digits.strip_prefix("00") {
            Phone::International(rest.to_owned())
        } else {
            Phone::National(digits.trim_start_matches('0').to_owned())
        };
        let enough = match &phone {
            Phone::International(d) => d.len() > MIN_PHONE_DIGITS,
            Phone::National(d) => d.len() >= MIN_PHONE_DIGITS,
        };
        enough.then_some(phone)
    }
}

/// Phone numbers of known people, so that `+49 151 1234567` finds `0151 1234567`: an
/// international number also stands for its last digits after a country code of one to
/// three digits. A number may be shared (a family's landline), so each holds a list.
#[derive(Debug, Default)]
pub(super) struct Phones {
    international: HashMap<String, Vec<usize>>,
    national: HashMap<String, Vec<usize>>,
    after_country_code: HashMap<String, Vec<usize>>,
}

impl Phones {
    pub(super) fn insert(&mut self, phone: &Phone, person: usize) {
        let add = |map: &mut HashMap<String, Vec<usize>>, key: &str| {
            let people = map.entry(key.to_owned()).or_default();
            if !people.contains(&person) {
                people.push(person);
            }
        };
        match phone {
            Phone::International(digits) => {
                add(&mut self.international, digits);
                for national in country_code_cuts(digits) {
                    add(&mut self.after_country_code, national);
                }
            }
            Phone::National(digits) => add(&mut self.national, digits),
        }
    }

    /// Everyone with this number, in the order they became known.
    pub(super) fn find(&self, phone: &Phone) -> Vec<usize> {
        let lists: Vec<&Vec<usize>> = match phone {
            Phone::International(digits) => std::iter::once(self.international.get(digits))
                .chain(country_code_cuts(digits).map(|national| self.national.get(national)))
                .flatten()
                .collect(),
            Phone::National(digits) => [
                self.national.get(digits),
                self.after_country_code.get(digits),
            ]
            .into_iter()
            .flatten()
            .collect(),
        };
        let mut people: Vec<usize> = lists.into_iter().flatten().copied().collect();
        people.sort_unstable();
        people.dedup();
        people
    }
}

/// `digits` without a leading country code of 1, 2 or 3 digits (and the trunk `0` some
/// countries keep after it).
fn country_code_cuts(digits: &str) -> impl Iterator<Item = &str> {
    (1..=3)
        .filter_map(move |cut| digits.get(cut..))
        .map(|rest| rest.trim_start_matches('0'))
        .filter(|rest| rest.len() >= MIN_PHONE_DIGITS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_compare_by_digits_and_country_code() {
        let parse = |t: &str| Phone::parse(t);
        assert_eq!(
            parse("+49 (151) 123-4567"),
            Some(Phone::International("491511234567".into()))
        );
        assert_eq!(parse("0049 151 1234567"), parse("+49 151 1234567"));
        assert_eq!(
            parse("0151 1234567"),
            Some(Phone::National("1511234567".into()))
        );
        assert_eq!(
            parse("tel:+1-555-010-0123;ext=12"),
            parse("+1 555 010 0123")
        );
        assert_eq!(parse("112"), None);
        assert_eq!(parse(""), None);
        let mut phones = Phones::default();
        phones.insert(&Phone::International("491511234567".into()), 0);
        phones.insert(&Phone::National("5550100123".into()), 1);
        phones.insert(&Phone::National("1511234567".into()), 2);
        let find = |t: &str| parse(t).map(|p| phones.find(&p)).unwrap_or_default();
        assert_eq!(find("0151 1234567"), [0, 2]);
        assert_eq!(find("+49 151 1234567"), [0, 2]);
        assert_eq!(find("+1 555 010 0123"), [1]);
        assert_eq!(find("(555) 010-0123"), [1]);
        assert!(find("0151 7654321").is_empty());
        // Another country: not the German number, but maybe the one of unknown country.
        assert_eq!(find("+44 151 1234567"), [2]);
    }
}
