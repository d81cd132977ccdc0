//! A reference's briefing for one application: its messages and the interview
//! questions to pass on.

use super::*;

impl<'r> Site<'r> {
    /// `applications/ID/brief/CONTACT.html` for reference `c` of application `a`;
    /// `synopsis_html` is rendered for the briefing's depth by the caller, once per
    /// application, and `letter` is the draft letter of their packet.
    pub(crate) fn brief<'a>(
        &'a self,
        a: usize,
        c: usize,
        synopsis_html: &'a str,
        questions_html: &'a [(usize, String)],
        letter: &'a str,
    ) -> BriefPage<'a, 'r> {
        let application = &self.repo.applications[a];
        let settings = &self.repo.settings;
        let resume = Some(settings.resume.trim()).filter(|r| !r.is_empty());
        let owed = self.brief_messages(a, c);
        let mut questions: Vec<EntryView> = questions_html
            .iter()
            .map(|(i, html)| {
                entry_view(
                    self.repo,
                    &self.links,
                    &self.repo.entries[*i],
                    html,
                    self.today,
                )
            })
            .collect();
        questions.sort_by_key(|entry| entry.date);
        let messages: Vec<Value> = owed.iter().map(|&m| self.message(m)).collect();
        BriefPage {
            root: Route::Brief {
                application: &application.id,
                contact: &self.repo.contacts[c].id,
            }
            .root(),
            site: &self.site,
            application: &self.application_values[a],
            contact: self.contact_values.get(c),
            messages: messages.clone(),
            synopsis_html,
            questions,
            resume,
            resume_url: web_url(resume),
            // What is owed now, most urgent first: the first message that has a draft.
            draft: owed
                .iter()
                .position(|&m| !self.outcome.messages[m].is_note_to_self())
                .map(|at| messages[at].clone()),
            synopsis_file: (application.synopsis.is_empty()).then_some(application.file.as_str()),
            packet_url: Route::Packet {
                application: &application.id,
                contact: &self.repo.contacts[c].id,
            }
            .path(),
            letter,
        }
    }

    /// The messages a briefing of reference `c` for application `a` shows: those of `c`'s
    /// page that concern `a`, most urgent first.
    fn brief_messages(&self, a: usize, c: usize) -> Vec<usize> {
        self.messages_of_contact[c]
            .iter()
            .copied()
            .filter(|&m| self.message_applications[m].contains(&a))
            .collect()
    }

    /// The `#question` entries of application `a`, as HTML for a briefing, whose root
    /// prefix is `root`.
    pub(crate) fn questions(&self, a: usize, root: &str) -> Vec<(usize, String)> {
        self.entries_of_application[a]
            .iter()
            .filter(|&&i| self.repo.entries[i].tagged(QUESTION))
            .map(|&i| {
                (
                    i,
                    markdown::inline(&self.repo.entries[i].text, self.repo, root),
                )
            })
            .collect()
    }
}
