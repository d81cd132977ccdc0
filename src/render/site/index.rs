//! The indexes of a [`Site`]: actions, messages and entries by contact and by
//! application, and how many pages use each value, so a build can drop it after its last.

use super::*;

/// What the pages need of the repository alone, whatever the rules say: `serve` makes it
/// while the rules run, and [`Site::new`] makes it when not given.
pub(crate) struct RepoIndexes {
    /// Every entry (tasks and planned ones included) that concerns each contact.
    pub(super) entries_of_contact: Vec<Vec<usize>>,
    pub(super) entries_of_application: Vec<Vec<usize>>,
    /// Each contact's last touch on or before the day.
    pub(super) last_touch: Vec<Option<NaiveDate>>,
    /// Per contact: the applications that list them, and as what.
    pub(super) roles: Vec<Vec<(usize, &'static str)>>,
    pub(super) pipeline_svg: String,
    pub(super) touches_svg: String,
}

impl RepoIndexes {
    /// The indexes of `repo` on `today`.
    pub(crate) fn new(repo: &Repository, today: NaiveDate) -> Self {
        let ((entries_of_contact, entries_of_application, last_touch), (roles, svgs)) = rayon::join(
            || index_entries(repo, today),
            || {
                let counts: Vec<(Status, usize)> = Status::ALL
                    .iter()
                    .map(|&s| {
                        let count = repo.applications.iter().filter(|a| a.status == s).count();
                        (s, count)
                    })
                    .collect();
                let svgs = (
                    crate::render::svg::pipeline(&counts),
                    crate::render::svg::touches(
                        &crate::render::svg::week_counts(repo, today),
                        today,
                    ),
                );
                (roles(repo), svgs)
            },
        );
        RepoIndexes {
            entries_of_contact,
            entries_of_application,
            last_touch,
            roles,
            pipeline_svg: svgs.0,
            touches_svg: svgs.1,
        }
    }
}

/// Each action's place in the order of urgency (most urgent first), what pages sort and
/// pick them by, and the actions of each contact and of each application in that order.
#[allow(clippy::type_complexity)]
pub(super) fn index_actions(
    outcome: &Outcome,
    contacts: usize,
    applications: usize,
) -> (
    Vec<usize>,
    Vec<ActionFacts>,
    Vec<Vec<usize>>,
    Vec<Vec<usize>>,
) {
    let today = outcome.today;
    let order = by_urgency(&outcome.actions, today);
    let mut rank = vec![0; outcome.actions.len()];
    for (position, &i) in order.iter().enumerate() {
        rank[i] = position;
    }
    let actions: Vec<ActionFacts> = outcome
        .actions
        .iter()
        .zip(&rank)
        .map(|(action, &rank)| ActionFacts {
            rule: action.rule.id(),
            label: action.rule.name(),
            due: action.due,
            state: action.state(today),
            tone: tone(action.due, today),
            rank,
        })
        .collect();
    let mut of_contact = vec![Vec::new(); contacts];
    let mut of_application = vec![Vec::new(); applications];
    for &i in &order {
        let action = &outcome.actions[i];
        if let Some(c) = action.contact {
            of_contact[c].push(i);
        }
        if let Some(a) = action.application {
            of_application[a].push(i);
        }
    }
    (rank, actions, of_contact, of_application)
}

/// Every entry (tasks and planned ones included) that concerns each contact and each
/// application, and each contact's last touch on or before `today`.
#[allow(clippy::type_complexity)]
pub(super) fn index_entries(
    repo: &Repository,
    today: NaiveDate,
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>, Vec<Option<NaiveDate>>) {
    let mut of_contact = vec![Vec::new(); repo.contacts.len()];
    let mut of_application = vec![Vec::new(); repo.applications.len()];
    let mut last_touch: Vec<Option<NaiveDate>> = vec![None; repo.contacts.len()];
    for (i, entry) in repo.entries.iter().enumerate() {
        let touch = entry.is_touch() && entry.date <= today;
        for &c in &entry.contacts {
            of_contact[c].push(i);
            if touch {
                last_touch[c] = last_touch[c].max(Some(entry.date));
            }
        }
        for &a in &entry.applications {
            of_application[a].push(i);
        }
    }
    (of_contact, of_application, last_touch)
}

/// Per contact: the applications that list them, and as what.
pub(super) fn roles(repo: &Repository) -> Vec<Vec<(usize, &'static str)>> {
    (repo.listed_on.iter().enumerate())
        .map(|(c, listed_on)| {
            (listed_on.iter())
                .map(|&a| {
                    let role = if repo.applications[a].references.contains(&c) {
                        "reference"
                    } else {
                        "contact"
                    };
                    (a, role)
                })
                .collect()
        })
        .collect()
}

/// How many pages of a build show each message with its draft: the page of its contact
/// (`message_contacts`), those of its applications, and the briefing of that contact for
/// each of them that lists the contact as a reference (`render::build` writes no page for
/// an unsafe id). The index's few are made apart.
pub(super) fn message_uses(
    repo: &Repository,
    message_contacts: &[Option<usize>],
    message_applications: &[Vec<usize>],
) -> Vec<u32> {
    let contact = |c: usize| crate::render::is_safe_id(&repo.contacts[c].id);
    let application = |a: usize| crate::render::is_safe_id(&repo.applications[a].id);
    message_contacts
        .iter()
        .zip(message_applications)
        .map(|(&c, applications)| {
            let c = c.filter(|&c| contact(c));
            let mut uses = u32::from(c.is_some());
            for &a in applications.iter().filter(|&&a| application(a)) {
                uses += 1;
                if c.is_some_and(|c| repo.applications[a].references.contains(&c)) {
                    uses += 1;
                }
            }
            uses
        })
        .collect()
}

/// The card of action `i` (one reason of a message), whose rank among the actions is
/// `rank`.
pub(super) fn action_card(
    repo: &Repository,
    outcome: &Outcome,
    links: &Links,
    rank: usize,
    i: usize,
) -> Value {
    let message = &outcome.messages[outcome.message_of[i]];
    Value::from(Serde(action_view(
        repo,
        links,
        &outcome.actions[i],
        &outcome.keys[i],
        &message.key,
        outcome.today,
        rank,
    )))
}

/// Message `m` as a template value's view: its reasons' cards (`ranks` are the
/// actions'), the section it shows in, and `draft`.
pub(super) fn message_card<'r>(
    repo: &'r Repository,
    outcome: &'r Outcome,
    links: &Links,
    ranks: &[usize],
    rank: usize,
    m: usize,
    draft: Option<crate::render::draft::Draft>,
) -> crate::render::views::MessageView<'r> {
    let message = &outcome.messages[m];
    let reasons = message
        .actions
        .iter()
        .map(|&i| action_card(repo, outcome, links, ranks[i], i))
        .collect();
    let section = if message.state(outcome.today) == State::Upcoming {
        "coming-up"
    } else {
        outcome.actions[message.actions[0]].rule.spec().section.id()
    };
    message_view(repo, outcome, links, m, reasons, section, rank, draft)
}

/// How many pages of a build show each contact's details: their own and their
/// briefings (one per application that lists them as a reference).
pub(super) fn contact_uses(repo: &Repository) -> Vec<u32> {
    let mut uses: Vec<u32> = repo
        .contacts
        .iter()
        .map(|contact| u32::from(crate::render::is_safe_id(&contact.id)))
        .collect();
    for application in &repo.applications {
        if !crate::render::is_safe_id(&application.id) {
            continue;
        }
        let mut references = application.references.clone();
        references.sort_unstable();
        references.dedup();
        for c in references {
            if crate::render::is_safe_id(&repo.contacts[c].id) {
                uses[c] += 1;
            }
        }
    }
    uses
}

/// How many pages of a build show each entry: those of the contacts and applications
/// it concerns.
pub(super) fn entry_uses(
    repo: &Repository,
    of_contact: &[Vec<usize>],
    of_application: &[Vec<usize>],
) -> Vec<u32> {
    let mut uses = vec![0u32; repo.entries.len()];
    let contacts = of_contact
        .iter()
        .zip(&repo.contacts)
        .filter(|(_, contact)| crate::render::is_safe_id(&contact.id));
    let applications = of_application
        .iter()
        .zip(&repo.applications)
        .filter(|(_, application)| crate::render::is_safe_id(&application.id));
    for entries in contacts
        .map(|(entries, _)| entries)
        .chain(applications.map(|(entries, _)| entries))
    {
        for &i in entries {
            uses[i] += 1;
        }
    }
    uses
}
