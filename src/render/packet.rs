//! The packet (`docs/dashboard.md`, "The packet"): `applications/ID/packet/CONTACT.html`,
//! a page made to be sent to a reference as it is — printed, saved as PDF or its text
//! copied — with a draft reference letter in their voice (`site-template/letter.txt`).
//!
//! Privacy is structural, as for the drafts: [`PacketPage`] is made here field by field
//! from what is meant to be shared (the role and company, the synopsis, the highlights,
//! the reference's talking points, the `#question` entries, the owner's name and resume
//! link) and nothing else. No site value goes in (they carry keys, to-dos, gift ideas
//! and notes), and a link in shared text is written as the name of what it links to.

use super::markdown;
use super::route::Route;
use super::templates::Templates;
use crate::model::tags::QUESTION;
use crate::model::{Entry, Repository, Target};
use chrono::NaiveDate;
use minijinja::value::Serde;
use serde::Serialize;

/// The reference a packet is for: only what a letter in their voice may say of them.
#[derive(Debug, Serialize)]
pub(crate) struct PacketPerson<'r> {
    /// Full name.
    pub name: &'r str,
    /// First word of the name.
    pub first_name: &'r str,
    /// Their job title.
    pub title: Option<&'r str>,
    /// Where they work now.
    pub company: Option<&'r str>,
    /// How they know you: `supervisor`, `colleague`, `report`, `client`, `mentor`, …
    pub relationship: &'static str,
    /// How they like to be contacted (`email`, `phone`, …), if said.
    pub prefers: Option<&'static str>,
}

/// One question asked in an interview.
#[derive(Debug, Serialize)]
pub(crate) struct PacketQuestion {
    /// When it was asked.
    pub date: NaiveDate,
    /// The question, its tags taken out and its links written as names.
    pub text: String,
}

/// What the letter template (`letter.txt`) and the packet page receive
/// (`docs/templates.md`, "The packet and its letter").
#[derive(Debug, Serialize)]
pub(crate) struct LetterContext<'r> {
    /// The owner's name (`owner` in goodwill.toml), or empty.
    pub owner: &'r str,
    /// The first word of the owner's name, or empty.
    pub owner_first: &'r str,
    /// The resume link (`resume` in goodwill.toml), or empty.
    pub resume: &'r str,
    /// The reference.
    pub reference: PacketPerson<'r>,
    /// The company.
    pub company: &'r str,
    /// The role.
    pub role: &'r str,
    /// The synopsis as plain text, links written as names.
    pub synopsis: String,
    /// What you would like references to emphasise, links written as names.
    pub highlights: Vec<String>,
    /// What the reference can speak to, as written (in your voice).
    pub talking_points: Vec<String>,
    /// The same in the reference's voice: your "I" and "my" become your first name
    /// (`How I lead` → `How Noor leads`), for the letter.
    pub points: Vec<String>,
    /// The `#question` entries of the application, oldest first.
    pub questions: Vec<PacketQuestion>,
}

/// `applications/ID/packet/CONTACT.html`: everything it shows.
#[derive(Debug, Serialize)]
pub(crate) struct PacketPage<'r> {
    /// The way back to the dashboard's root, for the stylesheet and the script.
    pub root: &'static str,
    /// The day it was made.
    pub today: NaiveDate,
    /// What the letter is made from, which the page shows too.
    #[serde(flatten)]
    pub letter_context: LetterContext<'r>,
    /// The synopsis as HTML, links written as names.
    pub synopsis_html: String,
    /// The resume link, when it is a web address the page may link to.
    pub resume_url: Option<String>,
    /// The draft letter, from `letter.txt`.
    pub letter: String,
    /// The same, paragraph by paragraph and line by line, for print.
    pub letter_paragraphs: Vec<Vec<String>>,
}

/// The packet of reference `c` for application `a`, with the letter rendered from
/// `letter.txt`; `entries` are the entries that concern `a` (indices into the
/// repository's entries). An error is a template error, one message.
pub(crate) fn packet<'r>(
    repo: &'r Repository,
    templates: &Templates,
    a: usize,
    c: usize,
    entries: &[usize],
    today: NaiveDate,
) -> Result<PacketPage<'r>, crate::Error> {
    let application = &repo.applications[a];
    let contact = &repo.contacts[c];
    let settings = &repo.settings;
    let owner = settings.owner.trim();
    let owner_first = owner.split_whitespace().next().unwrap_or_default();
    let mut questions: Vec<PacketQuestion> = entries
        .iter()
        .map(|&i| &repo.entries[i])
        .filter(|e| is_question(e, a, today))
        .map(|e| PacketQuestion {
            date: e.date,
            text: question_text(repo, &e.text),
        })
        .filter(|q| !q.text.is_empty())
        .collect();
    questions.sort_by_key(|q| q.date);
    let shared = |items: &[String]| -> Vec<String> {
        items
            .iter()
            .map(|item| shared_text(repo, item))
            .filter(|item| !item.trim().is_empty())
            .collect()
    };
    let talking_points = shared(&contact.talking_points);
    let points = talking_points
        .iter()
        .map(|point| {
            in_their_voice(
                point,
                if owner_first.is_empty() {
                    "[your first name]"
                } else {
                    owner_first
                },
            )
        })
        .collect();
    let synopsis_text = shared_text(repo, &application.synopsis);
    let letter_context = LetterContext {
        owner,
        owner_first,
        resume: settings.resume.trim(),
        reference: PacketPerson {
            name: &contact.name,
            first_name: contact.name.split_whitespace().next().unwrap_or_default(),
            title: contact.title.as_deref().filter(|t| !t.trim().is_empty()),
            company: contact.company.as_deref().filter(|t| !t.trim().is_empty()),
            relationship: contact.relationship.as_str(),
            prefers: contact.prefers.map(|p| p.as_str()),
        },
        company: &application.company,
        role: &application.role,
        synopsis: synopsis_text.trim().to_owned(),
        highlights: shared(&application.highlights),
        talking_points,
        points,
        questions,
    };
    let letter = templates.render("letter.txt", minijinja::Value::from(Serde(&letter_context)))?;
    let route = Route::Packet {
        application: &application.id,
        contact: &contact.id,
    };
    // Links go nowhere in a page that leaves the dashboard: they become names.
    let synopsis_html = markdown::block(&synopsis_text, repo, route.root());
    let resume = settings.resume.trim();
    Ok(PacketPage {
        root: route.root(),
        today,
        letter_context,
        synopsis_html,
        resume_url: (resume.starts_with("https://") || resume.starts_with("http://"))
            .then(|| resume.to_owned()),
        letter_paragraphs: paragraphs(&letter),
        letter: tidy(&letter),
    })
}

/// A `#question` entry about application `a` that happened by `today`.
fn is_question(entry: &Entry, a: usize, today: NaiveDate) -> bool {
    entry.tagged(QUESTION)
        && !entry.is_open_task()
        && entry.date <= today
        && entry.applications.contains(&a)
}

/// `Asked about [[raj-patel]]'s SLOs #question` → `Asked about Raj Patel's SLOs`.
fn question_text(repo: &Repository, text: &str) -> String {
    let plain = shared_text(repo, text);
    let words: Vec<&str> = plain
        .split_whitespace()
        .filter(|word| !word.starts_with('#'))
        .collect();
    words.join(" ")
}

/// `text` with every link to a contact or application written as its name, the way
/// shared text says it: `[[jane-doe]]` → `Jane Doe`, `[[jane-doe|Jane]]` → `Jane`,
/// `[notes](../contacts/Jane Doe.md)` → `notes`; a link to nothing keeps its words.
pub(crate) fn shared_text(repo: &Repository, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let wiki = rest.find("[[");
        let md = markdown_link(rest);
        match (wiki, md) {
            (Some(start), md) if md.is_none_or(|(at, ..)| start <= at) => {
                // `\[[` starts no link (Markdown's escape, as Obsidian reads it).
                if rest[..start].ends_with('\\') {
                    out.push_str(&rest[..start - 1]);
                    out.push_str("[[");
                    rest = &rest[start + 2..];
                    continue;
                }
                let Some(len) = rest[start..].find("]]") else {
                    break;
                };
                let inner = &rest[start + 2..start + len];
                out.push_str(&rest[..start]);
                match inner.split_once('|') {
                    Some((_, label)) => out.push_str(label.trim()),
                    None => out.push_str(&name_of(repo, inner)),
                }
                rest = &rest[start + len + 2..];
            }
            (_, Some((at, label, end))) => {
                out.push_str(&rest[..at]);
                out.push_str(label);
                rest = &rest[end..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

/// The first Markdown link to a `.md` file in `text`: where it starts, its words, and
/// where it ends.
fn markdown_link(text: &str) -> Option<(usize, &str, usize)> {
    let mut from = 0;
    while let Some(open) = text[from..].find("](").map(|i| from + i) {
        let close = text[open..].find(')').map(|i| open + i)?;
        let target = &text[open + 2..close];
        let start = text[..open].rfind('[');
        if let Some(start) = start
            && !text[start..open].contains(']')
        {
            let path = target.split(['#', '?']).next().unwrap_or(target);
            if !target.contains("://") && crate::id::strip_md_extension(path).len() != path.len() {
                return Some((start, &text[start + 1..open], close + 1));
            }
        }
        from = open + 2;
    }
    None
}

/// The name of the contact or application `link` names, or, for a link to nobody on file
/// yet, its words (`omar-haddad` → `omar haddad`, a path's file name): never an id.
fn name_of(repo: &Repository, link: &str) -> String {
    let id = crate::id::link_target(link);
    match repo.target(&id) {
        Some(Target::Contact(c)) => repo.contacts[c].name.clone(),
        Some(Target::Application(a)) => repo.applications[a].title(),
        _ => {
            let stem = link.split('#').next().unwrap_or(link).trim();
            let stem = stem.rsplit(['/', '\\']).next().unwrap_or(stem);
            crate::id::strip_md_extension(stem).replace(['-', '_'], " ")
        }
    }
}

/// A talking point, written in your voice, in the reference's: `I` and `me` become
/// `first`, `my` becomes `first`'s, and the verb after `I` agrees (`How I lead` → `How
/// Noor leads`; past tenses and modal verbs stay as they are).
fn in_their_voice(point: &str, first: &str) -> String {
    let words: Vec<&str> = point.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut after_i = false;
    for word in words {
        let (core, tail) = split_punctuation(word);
        let replaced = match core {
            "I" => Some(first.to_owned()),
            "I'm" | "I’m" => Some(format!("{first} is")),
            "I've" | "I’ve" => Some(format!("{first} has")),
            "I'd" | "I’d" => Some(format!("{first} would")),
            "I'll" | "I’ll" => Some(format!("{first} will")),
            "me" | "Me" | "myself" => Some(first.to_owned()),
            "my" | "My" => Some(format!("{first}'s")),
            "mine" => Some(format!("{first}'s")),
            _ => None,
        };
        let was_after_i = after_i;
        after_i = core == "I";
        let word = match replaced {
            Some(name) => format!("{name}{tail}"),
            None if was_after_i => format!("{}{tail}", third_person(core)),
            None => word.to_owned(),
        };
        out.push(word);
    }
    out.join(" ")
}

/// `lead` → `leads`, `am` → `is`; past tenses and modal verbs as they are.
fn third_person(verb: &str) -> String {
    const KEEP: &[&str] = &[
        "can", "could", "will", "would", "shall", "should", "may", "might", "must", "did", "was",
        "had", "led", "built", "ran", "wrote", "made", "took", "kept", "met", "taught", "brought",
        "thought", "set", "put", "got", "gave", "went", "grew", "began", "won", "sold", "spent",
        "saw", "found", "held", "left", "paid", "drove", "also", "never", "always", "often",
        "still", "really", "once", "first",
    ];
    let lower = verb.to_ascii_lowercase();
    if verb.is_empty()
        || !verb.chars().all(|c| c.is_ascii_alphabetic())
        || KEEP.contains(&lower.as_str())
        || lower.ends_with("ed")
    {
        return verb.to_owned();
    }
    match lower.as_str() {
        "am" => "is".to_owned(),
        "have" => "has".to_owned(),
        "do" => "does".to_owned(),
        "go" => "goes".to_owned(),
        _ if lower.ends_with(['s', 'x', 'z', 'o'])
            || lower.ends_with("sh")
            || lower.ends_with("ch") =>
        {
            format!("{verb}es")
        }
        _ if lower.ends_with('y')
            && !["ay", "ey", "oy", "uy"].iter().any(|v| lower.ends_with(v)) =>
        {
            format!("{}ies", &verb[..verb.len() - 1])
        }
        _ => format!("{verb}s"),
    }
}

/// A word and the punctuation after it: `me,` → (`me`, `,`).
fn split_punctuation(word: &str) -> (&str, &str) {
    let end = word
        .trim_end_matches([',', '.', ';', ':', '!', '?', ')'])
        .len();
    word.split_at(end)
}

/// `text`'s paragraphs (between blank lines), each as its lines.
fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.to_owned());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The letter's text with trailing spaces and runs of blank lines tidied away.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_shared_text_are_written_as_names() {
        let found = crate::load::Found {
            kind: crate::load::Kind::Contact,
            path: std::path::PathBuf::from("contacts/raj-patel.md"),
            file: "contacts/raj-patel.md".to_owned(),
        };
        let doc = crate::load::document_from_text(
            &found,
            "---\nname: Raj Patel\naliases: [Rajesh]\n---\n",
        );
        let repo = crate::model::assemble(
            std::path::PathBuf::from("."),
            Default::default(),
            Vec::new(),
            vec![(found, doc)],
        );
        for (text, shared) in [
            ("Ask [[raj-patel]] about it", "Ask Raj Patel about it"),
            ("Ask [[Rajesh]] about it", "Ask Raj Patel about it"),
            ("Ask [[raj-patel|Raj]] about it", "Ask Raj about it"),
            (
                "See [his notes](../contacts/raj-patel.md).",
                "See his notes.",
            ),
            (
                "See [the posting](https://example.org/a.md)",
                "See [the posting](https://example.org/a.md)",
            ),
            ("A [[nobody]] link", "A nobody link"),
            ("Not a link: \\[[raj-patel]]", "Not a link: [[raj-patel]]"),
            ("unclosed [[raj", "unclosed [[raj"),
        ] {
            assert_eq!(shared_text(&repo, text), shared, "{text}");
        }
    }

    #[test]
    fn talking_points_in_the_references_voice() {
        for (point, theirs) in [
            (
                "How I work with non-technical stakeholders",
                "How Noor works with non-technical stakeholders",
            ),
            (
                "The fleet-tracking rebuild I delivered, on time",
                "The fleet-tracking rebuild Noor delivered, on time",
            ),
            (
                "Can speak to how I handle a 3 a.m. outage calmly",
                "Can speak to how Noor handles a 3 a.m. outage calmly",
            ),
            (
                "Watched me grow from junior to senior",
                "Watched Noor grow from junior to senior",
            ),
            ("My on-call handbook", "Noor's on-call handbook"),
            ("We co-owned the tooling", "We co-owned the tooling"),
            ("How I carry a team", "How Noor carries a team"),
            ("What I can do, and I am", "What Noor can do, and Noor is"),
        ] {
            assert_eq!(in_their_voice(point, "Noor"), theirs, "{point}");
        }
    }
}
