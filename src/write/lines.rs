//! The lines `done`, `skip` and `later` write for a message or one action: one line per
//! application the actions concern, each saying truthfully what the user did (or chose
//! not to do, or wants to be reminded of) and carrying the tags and links of its actions
//! (`docs/commands.md`, "done", "skip", "later").
//!
//! The words come from each rule's row of the table of rules (`did` and `to_do`): the
//! first phrase of a line names the recipient and the company, each next one says "them"
//! and drops what the first already said, and the phrases are joined as a sentence:
//! "Thanked Owen for the chance at Lumen Freight, asked them for brief feedback on my
//! interviews and asked them to connect on LinkedIn".

use crate::model::tags::{Decision, FAVOR_TAGS};
use crate::model::{Owner, Repository, Target};
use crate::rules::table::DoneFile;
use crate::rules::{Action, Rule};
use chrono::NaiveDate;

/// What the user says about the actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verb {
    /// They did it: the settling tags (`goodwill done`).
    Done,
    /// They chose not to: a `#skip/RULE` tag per action (`goodwill skip`).
    Skip,
    /// Remind them on this date: a `#later/RULE` tag per action (`goodwill later`).
    Later(NaiveDate),
}

/// The file the lines go into: a contact's or an application's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// Index into [`Repository::contacts`].
    Contact(usize),
    /// Index into [`Repository::applications`].
    Application(usize),
}

/// What [`compose`] needs to know besides the actions.
pub(crate) struct Words<'a> {
    /// The repository.
    pub repo: &'a Repository,
    /// Today: favours dated after it count for nothing yet.
    pub today: NaiveDate,
    /// Whom the message goes to, by first name ("them" for nobody in particular).
    pub who: String,
    /// Replaces the default text of every line (`--note`); tags and links are added.
    pub note: Option<&'a str>,
    /// The lines' date.
    pub date: NaiveDate,
}

/// The entries (`DATE TEXT #tags [[link]]`, without `- `) for `actions` (in the
/// message's order) written into `into`: one per application they concern, those with no
/// application riding on the first. Tasks take no line (they are ticked, cancelled or
/// moved in place).
pub(crate) fn compose(words: &Words, actions: &[&Action], into: Place, verb: Verb) -> Vec<String> {
    // (application, the actions on its line), in the order they first come.
    let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
    let mut riders = Vec::new();
    for (i, action) in actions.iter().enumerate() {
        if action.rule == Rule::Task {
            continue;
        }
        let applications = match (into, action.rule) {
            // Everything in an application's file concerns that application.
            (Place::Application(a), _) => vec![a],
            (Place::Contact(_), Rule::ThankFavor) => favor_applications(words, action),
            (Place::Contact(_), _) => action.application.into_iter().collect(),
        };
        if applications.is_empty() {
            riders.push(i);
        }
        for a in applications {
            match groups.iter_mut().find(|(g, _)| *g == Some(a)) {
                Some((_, members)) => members.push(i),
                None => groups.push((Some(a), vec![i])),
            }
        }
    }
    if groups.is_empty() {
        if riders.is_empty() {
            return Vec::new();
        }
        groups.push((None, Vec::new()));
    }
    groups[0].1.extend(riders);
    groups[0].1.sort_unstable();
    groups
        .into_iter()
        .map(|(application, members)| {
            let on_line: Vec<&Action> = members.iter().map(|&i| actions[i]).collect();
            line_text(words, &on_line, application, into, verb)
        })
        .collect()
}

/// `DATE TEXT #tags [[link]]` for the actions of one line.
fn line_text(
    words: &Words,
    actions: &[&Action],
    application: Option<usize>,
    into: Place,
    verb: Verb,
) -> String {
    let repo = words.repo;
    let at = application.map_or_else(String::new, |a| plain(&repo.applications[a].company));
    let mut phrases: Vec<String> = Vec::new();
    for (n, action) in actions.iter().enumerate() {
        let done = action.rule.spec().done;
        let pattern = match verb {
            Verb::Done => done.did,
            Verb::Skip | Verb::Later(_) => done.to_do,
        };
        let phrase = fill(pattern, n == 0, &words.who, &at);
        if !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
    let sentence = join(&phrases);
    let default = match verb {
        Verb::Done => sentence,
        Verb::Skip => format!("Decided not to {}", lower_first(&sentence)),
        Verb::Later(_) => format!("Remind me: {}", lower_first(&sentence)),
    };
    let mut text = words.note.unwrap_or(&default).to_owned();
    let lower = text.to_lowercase();
    let has = |word: &str| {
        lower
            .split(char::is_whitespace)
            .any(|w| w.trim_end_matches(['.', ',', ';', '!', '?']) == word)
    };
    let mut tags: Vec<String> = Vec::new();
    for action in actions {
        let tag = match verb {
            Verb::Done => action.rule.spec().done.tag.map(str::to_owned),
            Verb::Skip => Some(format!("{}{}", Decision::Skip.prefix(), action.rule.id())),
            Verb::Later(_) => Some(format!("{}{}", Decision::Later.prefix(), action.rule.id())),
        };
        if let Some(tag) = tag
            && !tags.contains(&tag)
        {
            tags.push(tag);
        }
    }
    for tag in tags {
        if !has(&format!("#{tag}")) {
            text.push_str(" #");
            text.push_str(&tag);
        }
    }
    // In a contact's file the line links its application where an action's entry does,
    // and always for what is owed to the employer: linked, the entry concerns that one
    // application, and is employer-side when the contact is in its `contacts`.
    let links = |action: &&Action| {
        let done = action.rule.spec().done;
        done.links_application
            || done.file == DoneFile::Application
            || action.rule == Rule::ThankFavor
    };
    if let (Place::Contact(_), Some(a)) = (into, application)
        && actions.iter().any(links)
    {
        let id = &repo.applications[a].id;
        if !lower.contains(&format!("[[{id}]]")) && !lower.contains(&format!("[[{id}|")) {
            text.push_str(" [[");
            text.push_str(id);
            text.push_str("]]");
        }
    }
    format!("{} {text}", words.date.format("%Y-%m-%d"))
}

/// The applications a `thank-favor` thanks for: those its unthanked favour entries link
/// (or are written in), so that a thank-you for one call never settles the thanks owed
/// on another application (`docs/rules.md`).
fn favor_applications(words: &Words, action: &Action) -> Vec<usize> {
    let repo = words.repo;
    let Some(c) = action.contact else {
        return Vec::new();
    };
    let of_contact = || {
        repo.entries
            .iter()
            .filter(move |e| e.date <= words.today && !e.is_open_task() && e.contacts.contains(&c))
    };
    let last_thanks = of_contact()
        .filter(|e| e.tagged(Rule::ThankFavor.settled()))
        .map(|e| e.date)
        .max();
    let mut applications = Vec::new();
    for entry in
        of_contact().filter(|e| e.tagged(FAVOR_TAGS) && last_thanks.is_none_or(|t| e.date > t))
    {
        let written_in = match entry.owner {
            Owner::Application(a) => Some(a),
            Owner::Contact(_) | Owner::Journal(_) => None,
        };
        let linked = entry.links.iter().filter_map(|id| match repo.ids.get(id) {
            Some(Target::Application(a)) => Some(*a),
            _ => None,
        });
        for a in written_in.into_iter().chain(linked) {
            if !applications.contains(&a) {
                applications.push(a);
            }
        }
    }
    applications
}

/// A phrase of the table filled in: `{who}` and `{at}` replaced, and `<first|then>`
/// read as `first` where the phrase opens a line (unless it names a company there is
/// none of) and as `then` where it follows another.
fn fill(pattern: &str, first: bool, who: &str, at: &str) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let inner_end = rest[open..].find('>').map_or(rest.len(), |i| open + i);
        let inner = &rest[open + 1..inner_end];
        let (a, b) = inner.split_once('|').unwrap_or((inner, ""));
        let a_fits = !(at.is_empty() && a.contains("{at}"));
        out.push_str(if first && a_fits { a } else { b });
        rest = rest.get(inner_end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    let who = if first { who } else { "them" };
    let out = out.replace("{who}", who).replace("{at}", at);
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if first {
        let mut chars = out.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        lower_first(&out)
    }
}

/// `text` with its first letter in lower case.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "a", "a and b", "a, b and c".
fn join(phrases: &[String]) -> String {
    match phrases {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A name as plain text of a log line: one line, and nothing in it read as a tag, a link
/// or markup (Markdown's backslash escape, as `docs/format.md` says).
pub(crate) fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_control() => out.push(' '),
            '\\' | '#' | '[' | ']' | '(' | ')' | '`' | '<' | '>' | '*' | '_' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first name of `name`, as plain text.
pub(crate) fn first_name(name: &str) -> String {
    plain(name.split_whitespace().next().unwrap_or("them"))
}

/// A row's `did` as the docs show it: for Jane, at Acme.
#[cfg(test)]
pub(crate) fn example(pattern: &str) -> String {
    fill(pattern, true, "Jane", "Acme")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_fill_in_and_join() {
        assert_eq!(
            fill(
                "Thanked {who} for the chance< at {at}>",
                true,
                "Owen",
                "Lumen"
            ),
            "Thanked Owen for the chance at Lumen"
        );
        assert_eq!(
            fill(
                "Asked {who} for brief feedback< at {at}>",
                false,
                "Owen",
                "Lumen"
            ),
            "asked them for brief feedback"
        );
        assert_eq!(
            fill("tell {who} how <{at}|it> ended", true, "Jane", "Acme"),
            "Tell Jane how Acme ended"
        );
        assert_eq!(
            fill("tell {who} how <{at}|it> ended", false, "Jane", "Acme"),
            "tell them how it ended"
        );
        assert_eq!(
            fill(
                "Told {who} how the interviews< at {at}> are going",
                true,
                "Jane",
                ""
            ),
            "Told Jane how the interviews are going"
        );
        let three = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(join(&three), "a, b and c");
        assert_eq!(join(&three[..2]), "a and b");
    }

    #[test]
    fn names_are_plain_text() {
        assert_eq!(plain("C# [[x]] \u{1b}[31m"), "C\\# \\[\\[x\\]\\] \\[31m");
        assert_eq!(first_name("  Jane  Doe"), "Jane");
        assert_eq!(first_name(""), "them");
    }
}
