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
        match self {
            CautionRule::TooSoon => "too-soon",
            CautionRule::RepeatFollowUp => "repeat-follow-up",
            CautionRule::ReferenceOveruse => "reference-overuse",
        }
    }

    /// One line on why to hold back.
    pub(crate) fn why(self) -> &'static str {
        match self {
            CautionRule::TooSoon => {
                "Cheesecake works because it is rare: wait before you send more."
            }
            CautionRule::RepeatFollowUp => {
                "One follow-up after a rejection is enough; a second one is pestering."
            }
            CautionRule::ReferenceOveruse => {
                "Too many calls in a short time wear a reference out: rest them or ask someone else."
            }
        }
    }
}

fn contact_name(repo: &Repository, contact: Option<usize>) -> &str {
    contact.map_or("", |c| repo.contacts[c].name.as_str())
}

fn application_title(repo: &Repository, application: Option<usize>) -> String {
    application.map_or_else(String::new, |a| repo.applications[a].title())
}

impl Action {
    /// One line that names the person, the application and what to do.
    pub(crate) fn title(&self, repo: &Repository) -> String {
        let name = contact_name(repo, self.contact);
        let app = application_title(repo, self.application);
        let company = self
            .application
            .map_or("", |a| repo.applications[a].company.as_str());
        let role = self
            .application
            .map_or("", |a| repo.applications[a].role.as_str());
        match self.rule {
            Rule::Permission => {
                format!("Ask {name} for permission to list them as a reference for {app}")
            }
            Rule::HeadsUp => {
                format!("Give {name} a heads-up about {app}: your resume and the synopsis")
            }
            Rule::InterviewUpdate => format!("Tell {name} how the interviews for {app} are going"),
            Rule::OutcomeUpdate => format!("Tell {name} how {app} ended"),
            Rule::ThankReference => format!("Thank {name} for being your reference for {app}"),
            Rule::Gift => {
                let ideas = self
                    .contact
                    .and_then(|c| repo.contacts[c].gift_ideas.as_deref())
                    .map_or_else(String::new, |ideas| format!(" ({ideas})"));
                format!("Send {name} a thank-you gift for {app}{ideas}")
            }
            Rule::ThankFavor => {
                let what = self
                    .entry
                    .map(|e| &repo.entries[e])
                    .map_or_else(String::new, |e| format!(" on {}", e.date));
                format!("Thank {name} for the favour{what}")
            }
            Rule::InterviewerThanks => format!("Thank {name} for the interview for {app}"),
            Rule::RejectionThanks => {
                format!("Send {company} a short, gracious note after the no for {role}")
            }
            Rule::AskFeedback => {
                format!("Ask {company} for feedback on your interviews for {role}")
            }
            Rule::ShareFeedback => format!("Give {company} feedback on their process for {role}"),
            Rule::Connect => format!("Connect with {name} of {company} on LinkedIn"),
            Rule::Cheesecake => {
                let company = self
                    .contact
                    .and_then(|c| repo.contacts[c].company.as_deref())
                    .unwrap_or_default();
                format!("Send {name} at {company} something of value")
            }
            Rule::Stale => format!("Check in with {name}"),
            Rule::Quiet => format!("No news from {app} for a while: settle where it stands"),
            Rule::Task => {
                let text = self
                    .entry
                    .map_or_else(String::new, |e| plain_links(&repo.entries[e].text));
                let whose = if self.contact.is_some() {
                    name.to_owned()
                } else {
                    app
                };
                format!("{whose}: {text}")
            }
        }
    }
}

impl Caution {
    /// One line that names the person or application and what to hold back.
    pub(crate) fn title(&self, repo: &Repository) -> String {
        let name = contact_name(repo, self.contact);
        let app = application_title(repo, self.application);
        match self.rule {
            CautionRule::TooSoon => format!("Hold off on more cheesecake for {name}"),
            CautionRule::RepeatFollowUp => {
                format!("Do not follow up again on {app}: once is enough")
            }
            CautionRule::ReferenceOveruse => {
                format!("{name} has been your reference often lately: give them a rest")
            }
        }
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
    fn plain_links_keep_labels() {
        assert_eq!(
            super::plain_links("Send [[acme-sre|the deck]] to [[Jane Doe]] #x"),
            "Send the deck to Jane Doe #x"
        );
        assert_eq!(super::plain_links("unclosed [[a"), "unclosed [[a");
    }
}
