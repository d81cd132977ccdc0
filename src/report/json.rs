//! The JSON object of `due --json` and `actions.json`: a public interface (`docs/commands.md`,
//! "`due --json`"), so its shape is pinned by tests.

use crate::diag::Diagnostic;
use crate::model::Repository;
use crate::rules::{Channel, Outcome, State};
use chrono::NaiveDate;
use serde::Serialize;

/// The whole object.
#[derive(Debug, Serialize)]
pub(crate) struct Report<'a> {
    /// The day the rules ran for.
    pub today: NaiveDate,
    /// Every open action, whatever its date.
    pub actions: Vec<ActionView<'a>>,
    /// The messages that gather the actions, one per recipient and window.
    pub messages: Vec<MessageView<'a>>,
    /// Every caution.
    pub cautions: Vec<CautionView<'a>>,
    /// Every diagnostic.
    pub diagnostics: &'a [Diagnostic],
}

/// One action.
#[derive(Debug, Serialize)]
pub(crate) struct ActionView<'a> {
    /// Rule id.
    pub rule: &'static str,
    /// Contact id, or null.
    pub contact: Option<&'a str>,
    /// Application id, or null.
    pub application: Option<&'a str>,
    /// Due date.
    pub due: NaiveDate,
    /// `overdue`, `due` or `upcoming`.
    pub state: State,
    /// The action's key, for `goodwill done KEY`.
    pub key: &'a str,
    /// What to do, in one line.
    pub title: String,
    /// For a check-in that pacing moved to a later week, the date it was due before;
    /// absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spread_from: Option<NaiveDate>,
    /// The key of the message that holds it.
    pub message: &'a str,
}

/// One message: what one person receives.
#[derive(Debug, Serialize)]
pub(crate) struct MessageView<'a> {
    /// The message's key, for `goodwill done KEY`.
    pub key: &'a str,
    /// The recipient's contact id, or null for the application itself or a note to
    /// yourself.
    pub to: Option<&'a str>,
    /// The ids of the applications its actions concern.
    pub applications: Vec<&'a str>,
    /// How it is sent: `email`, `text`, `phone`, `linkedin`, `in-person` or `none`.
    pub channel: &'static str,
    /// Its first action's due date.
    pub due: NaiveDate,
    /// `overdue`, `due` or `upcoming`.
    pub state: State,
    /// The keys of its actions, in the order the message takes them.
    pub actions: Vec<&'a str>,
    /// Whom, what it does and about what, in one line.
    pub title: String,
}

/// One caution.
#[derive(Debug, Serialize)]
pub(crate) struct CautionView<'a> {
    /// Caution id.
    pub rule: &'static str,
    /// Contact id, or null.
    pub contact: Option<&'a str>,
    /// Application id, or null.
    pub application: Option<&'a str>,
    /// Until when to hold off, or null.
    pub until: Option<NaiveDate>,
    /// What to hold back, in one line.
    pub title: String,
}

/// Builds the report for `outcome`.
pub(crate) fn report<'a>(repo: &'a Repository, outcome: &'a Outcome) -> Report<'a> {
    let contact = |c: Option<usize>| c.map(|c| repo.contacts[c].id.as_str());
    let application = |a: Option<usize>| a.map(|a| repo.applications[a].id.as_str());
    Report {
        today: outcome.today,
        actions: outcome
            .actions
            .iter()
            .zip(&outcome.keys)
            .enumerate()
            .map(|(i, (action, key))| ActionView {
                rule: action.rule.id(),
                contact: contact(action.contact),
                application: application(action.application),
                due: action.due,
                state: action.state(outcome.today),
                key: key.short(),
                title: action.title(repo),
                spread_from: action.spread_from,
                message: outcome.messages[outcome.message_of[i]].key.short(),
            })
            .collect(),
        messages: outcome
            .messages
            .iter()
            .map(|message| MessageView {
                key: message.key.short(),
                to: message.contact(repo).map(|c| c.id.as_str()),
                applications: message
                    .applications(&outcome.actions)
                    .into_iter()
                    .map(|a| repo.applications[a].id.as_str())
                    .collect(),
                channel: if message.is_note_to_self() {
                    Channel::None.word()
                } else {
                    message.channel(repo, &outcome.actions).word()
                },
                due: message.due,
                state: message.state(outcome.today),
                actions: message
                    .actions
                    .iter()
                    .map(|&i| outcome.keys[i].short())
                    .collect(),
                title: message.title(repo, &outcome.actions),
            })
            .collect(),
        cautions: outcome
            .cautions
            .iter()
            .map(|caution| CautionView {
                rule: caution.rule.id(),
                contact: contact(caution.contact),
                application: application(caution.application),
                until: caution.until,
                title: caution.title(repo),
            })
            .collect(),
        diagnostics: &repo.diagnostics,
    }
}

/// The report as pretty-printed JSON.
pub(crate) fn to_string(repo: &Repository, outcome: &Outcome) -> String {
    // Serialising plain strings, dates and enums cannot fail.
    serde_json::to_string_pretty(&report(repo, outcome))
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
}

/// What `goodwill --root ROOT --today TODAY due --json` prints (less its last newline), made
/// in-process: the repository at `root` read, the rules run as of `today`. For tests of
/// what the rules decide, which need no process of their own.
pub fn due_json_at(root: &std::path::Path, today: NaiveDate) -> String {
    let repo = crate::open(root);
    let outcome = crate::rules::evaluate(&repo, today);
    to_string(&repo, &outcome)
}

/// Writes the report as pretty-printed JSON to `out`, without holding all of it in memory
/// (tens of megabytes for a large repository); the same text as [`to_string`].
pub(crate) fn write(
    repo: &Repository,
    outcome: &Outcome,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &report(repo, outcome)).map_err(std::io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_gives_the_text_of_to_string() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(dir.path().join("contacts")).expect("dir");
        std::fs::write(
            dir.path().join("contacts/jane-doe.md"),
            "---\nname: Jane Doe\nemail: jane@example.com\n---\n- 2025-01-01 Coffee [[nobody]]\n- [ ] 2026-11-01 Call\n",
        )
        .expect("write");
        let repo = crate::open(dir.path());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let outcome = crate::rules::evaluate(&repo, today);
        assert!(!outcome.actions.is_empty() && !repo.diagnostics.is_empty());
        let mut written = Vec::new();
        write(&repo, &outcome, &mut written).expect("write to memory");
        assert_eq!(
            String::from_utf8(written).expect("utf-8"),
            to_string(&repo, &outcome)
        );
    }
}
