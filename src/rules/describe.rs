//! Words for actions and cautions: ids, one-line titles naming the person and the
//! application, and why each matters.

use super::{Action, Caution, CautionRule, Rule};
use crate::model::Repository;

impl Rule {
    /// The rule id used in JSON and on the dashboard (`heads-up`).
    pub(crate) fn id(self) -> &'static str {
        self.spec().id
    }

    /// The rule's name in words (`Heads-up`, `Thank your interviewer`).
    pub(crate) fn name(self) -> &'static str {
        self.spec().name
    }

    /// One line on why the action matters.
    pub(crate) fn why(self) -> &'static str {
        self.spec().why
    }
}

impl CautionRule {
    /// The caution id used in JSON and on the dashboard.
    pub(crate) fn id(self) -> &'static str {
        self.spec().id
    }

    /// One line on why to hold back.
    pub(crate) fn why(self) -> &'static str {
        self.spec().why
    }
}

fn contact_name(repo: &Repository, contact: Option<usize>) -> &str {
    contact.map_or("", |c| repo.contacts[c].name.as_str())
}

fn application_title(repo: &Repository, application: Option<usize>) -> String {
    application.map_or_else(String::new, |a| repo.applications[a].title())
}

/// `template` with each `{key}` replaced by `value(key)`, in one pass, so a value that
/// holds braces is never read as a key.
fn fill(template: &str, value: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&value(&rest[start + 1..start + len]));
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The keys a title (`RuleSpec::title`, `CautionSpec::title`) may use.
#[cfg(test)]
pub(crate) const TITLE_KEYS: &[&str] = &[
    "name", "app", "company", "role", "ideas", "on", "works_at", "whose", "text",
];

impl Action {
    /// One line that names the person, the application and what to do
    /// (`RuleSpec::title`).
    pub(crate) fn title(&self, repo: &Repository) -> String {
        let name = || contact_name(repo, self.contact).to_owned();
        let app = || application_title(repo, self.application);
        let application = self.application.map(|a| &repo.applications[a]);
        let contact = self.contact.map(|c| &repo.contacts[c]);
        fill(self.rule.spec().title, |key| match key {
            "name" => name(),
            "app" => app(),
            "company" => application.map_or_else(String::new, |a| a.company.clone()),
            "role" => application.map_or_else(String::new, |a| a.role.clone()),
            // The contact's gift ideas, in brackets after a space.
            "ideas" => contact
                .and_then(|c| c.gift_ideas.as_deref())
                .map_or_else(String::new, |ideas| format!(" ({ideas})")),
            // The date of the entry behind the action, after " on".
            "on" => self
                .entry
                .map_or_else(String::new, |e| format!(" on {}", repo.entries[e].date)),
            // The contact's own company.
            "works_at" => contact.and_then(|c| c.company.clone()).unwrap_or_default(),
            // The contact's name, or the application's title when there is no contact.
            "whose" => {
                if self.contact.is_some() {
                    name()
                } else {
                    app()
                }
            }
            // The text of the entry behind the action, links as words.
            "text" => self
                .entry
                .map_or_else(String::new, |e| plain_links(&repo.entries[e].text)),
            _ => String::new(),
        })
    }
}

impl Caution {
    /// One line that names the person or application and what to hold back
    /// (`CautionSpec::title`).
    pub(crate) fn title(&self, repo: &Repository) -> String {
        fill(self.rule.spec().title, |key| match key {
            "name" => contact_name(repo, self.contact).to_owned(),
            "app" => application_title(repo, self.application),
            _ => String::new(),
        })
    }
}

/// `[[target|label]]` → `label` and `[[target]]` → `target`, for titles in plain text.
pub(crate) fn plain_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        let Some(len) = rest[start..].find("]]") else {
            break;
        };
        let inner = &rest[start + 2..start + len];
        out.push_str(&rest[..start]);
        out.push_str(inner.rsplit('|').next().unwrap_or(inner));
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_use_known_keys_only() {
        let titles = (super::super::table::RULES
            .iter()
            .map(|spec| (spec.id, spec.title)))
        .chain(
            super::super::cautions::CAUTIONS
                .iter()
                .map(|spec| (spec.id, spec.title)),
        );
        for (id, title) in titles {
            let mut rest = title;
            while let Some(start) = rest.find('{') {
                let len = rest[start..].find('}').expect("a closed key");
                let key = &rest[start + 1..start + len];
                assert!(super::TITLE_KEYS.contains(&key), "`{{{key}}}` in {id}");
                rest = &rest[start + len + 1..];
            }
        }
    }

    #[test]
    fn plain_links_keep_labels() {
        assert_eq!(
            super::plain_links("Send [[acme-sre|the deck]] to [[Jane Doe]] #x"),
            "Send the deck to Jane Doe #x"
        );
        assert_eq!(super::plain_links("unclosed [[a"), "unclosed [[a");
    }
}
