//! `docs/rules.md`: the rules, their drafts, the sections and the tags, made from the
//! tables (`rules/table.rs`, `model/tags.rs`).

use crate::model::tags::TAGS;
use crate::rules::Rule;
use crate::rules::table::{DoneFile, RULES, RuleSpec, Section};

/// How actions become messages, in `docs/rules.md`.
#[cfg(test)]
const MESSAGES_DOC: &str = "
## Messages

People receive messages, not rules. The open actions are gathered into **messages**, and
everything you see and do (the dashboard, `due`, the calendar, `draft`, `done`, `skip`,
`later`, serve's buttons) is by message first, with each action still reachable by its own
key.

- **Recipient.** Every action but `task` has one: its contact; for `rejection-thanks`,
  `ask-feedback` and `share-feedback`, the person who told you the decision (the first of
  the application's `contacts` concerned by an employer-side entry dated on `decided`),
  else its first `hiring-manager`, else its first `recruiter`, else its first contact,
  else the application itself (a message with nobody to address yet). Archived contacts
  are passed over. A `task` is a note to yourself, a message of its own.
- **Together.** One recipient's actions are taken in the order (max(due, T), due, rule in
  the order of the table above, application id). The first starts a message; each next
  one joins it if its max(due, T) is at most `grace.together` (default 7 days) after the
  message's first, and otherwise starts the next message. So everything overdue or due
  today for one person is one message, whatever the applications, and what comes due in
  the week after joins it.
- A message's due date and state are its first action's; its title names the recipient,
  what it does, and the applications (\"Owen Fairweather: thank, ask for feedback, ask to
  connect — Staff Platform Engineer at Lumen Freight\").
- A message has a **key** like an action's, in the same namespace (a key never means two
  things), made from its recipient and its actions' keys: stable from day to day while it
  holds the same actions.
- `goodwill done KEY` with a message's key settles every action it holds, with one line
  per application they concern in the recipient's file (the application's file when the
  message has nobody to address yet); `skip` and `later` decide about all of them
  (`docs/format.md`, \"Decisions\"). An action's own key does the same for that action
  alone (`docs/commands.md`).
";

/// The rule and tag reference of `docs/rules.md`, made from [`RULES`] and [`TAGS`]; a
/// test keeps the file equal to it.
#[cfg(test)]
pub(crate) fn reference_markdown() -> String {
    use std::fmt::Write;
    let mut out = String::from(
        "<!-- Made from src/rules/table.rs by `GOODWILL_BLESS=1 cargo test docs_`: do not edit by hand. -->\n\
         # Rules\n\n\
         Each rule yields actions: who you owe a message, about which application, by when. \
         *c* is a contact, *a* an application, T today, D the decision date (`decided`), \
         L the date of a contact's latest touch. `grace.*` and `cadence.*` are settings \
         (`docs/settings.md`).\n\n\
         | rule | name | section | when | due | settled by | `goodwill done` writes |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for spec in RULES {
        let settled = if spec.settled_by.is_empty() {
            if spec.rule == Rule::Task {
                "ticking the box: `- [x]`".to_owned()
            } else if spec.done.file == DoneFile::Application {
                "any employer-side entry for *a*".to_owned()
            } else {
                "any entry (a touch)".to_owned()
            }
        } else {
            spec.settled_by
                .iter()
                .map(|t| format!("`#{t}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let file = match spec.done.file {
            DoneFile::Contact => "in the contact's file",
            DoneFile::Application => {
                "in the application's file, or in the recipient's file linking *a*"
            }
            DoneFile::TaskFile => "in the task's file",
        };
        let written = if spec.rule == Rule::Task {
            format!("`- [ ]` becomes `- [x]` {file}; no other byte changes")
        } else {
            let tag = spec.done.tag.map_or_else(String::new, |t| format!(" #{t}"));
            let link = if spec.done.links_application {
                " [[a]]"
            } else {
                ""
            };
            let text = crate::write::lines::example(spec.done.did);
            let file = if spec.rule == Rule::ThankFavor {
                // So that a thank-you for one call never settles another application's.
                "in the contact's file, a line for each application the unthanked favours link"
            } else {
                file
            };
            format!("`- T {text}{tag}{link}` {file}")
        };
        let switch = spec.switch.map_or_else(String::new, |switch| {
            format!(" (off with `rules.{} = false`)", switch.key)
        });
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {}{switch} | {} | {settled} | {written} |",
            spec.id,
            spec.name,
            spec.section.title(),
            spec.when,
            spec.due
        );
    }
    out.push_str(
        "\n## Why each matters, and its draft\n\n| rule | why | the draft |\n|---|---|---|\n",
    );
    for spec in RULES {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            spec.id,
            spec.why,
            spec.draft.map_or_else(
                || spec.draft_says.to_owned(),
                |draft| format!("{} (`{}`)", spec.draft_says, draft.name)
            )
        );
    }
    out.push_str("\n## Sections of the front page\n\n| section | rules |\n|---|---|\n");
    for section in Section::ALL {
        let rules: Vec<String> = section.rules().map(|r| format!("`{}`", r.id())).collect();
        let _ = writeln!(out, "| {} | {} |", section.title(), rules.join(", "));
    }
    out.push_str(
        "\n## How each rule is shown\n\n\
         What the dashboard, the drafts and the templates do with each rule \
         (`docs/dashboard.md`, `docs/templates.md`, `site-template/README.md`): its section \
         id; its weight, the days added to an action's lateness to rank it (\"most urgent \
         first\"); whether its action links the reference's briefing (`brief_url`); its \
         place among the parts of a message's draft (news, then thanks, then asks); and \
         whether it is a check-in, paced by `limits.checkins_per_week`.\n\n\
         | rule | section id | weight | briefing | place in a draft | check-in |\n\
         |---|---|---|---|---|---|\n",
    );
    let mut by_place: Vec<&RuleSpec> = RULES.iter().filter(|spec| spec.draft.is_some()).collect();
    by_place.sort_by_key(|spec| spec.place);
    for spec in RULES {
        let place = by_place
            .iter()
            .position(|other| other.rule == spec.rule)
            .map_or_else(|| "no draft".to_owned(), |at| (at + 1).to_string());
        let yes = |on: bool| if on { "yes" } else { "" };
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} | {place} | {} |",
            spec.id,
            spec.section.id(),
            spec.weight,
            yes(spec.briefs),
            yes(spec.check_in)
        );
    }
    out.push_str(MESSAGES_DOC);
    out.push_str("\n## Tags\n\nTags are case-insensitive. Other tags are your own and mean nothing to the rules.\n\n| tag | meaning |\n|---|---|\n");
    for tag in TAGS {
        let _ = writeln!(out, "| `#{}` | {} |", tag.tag, tag.meaning);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_rules_md_is_made_from_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
        let made = reference_markdown();
        if std::env::var_os("GOODWILL_BLESS").is_some() {
            std::fs::write(path, &made).expect("write docs/rules.md");
        }
        let written = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            written == made,
            "docs/rules.md differs from the table of rules: run `GOODWILL_BLESS=1 cargo test docs_`"
        );
    }
}
