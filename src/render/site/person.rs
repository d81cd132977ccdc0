//! The page of a contact and the page of an application, with their timelines and the
//! references' table.

use super::*;

impl<'r> Site<'r> {
    /// The entries, newest first, as template values; the sort is stable, so entries of
    /// one day keep file order.
    ///
    /// On the page of `id` (at `route`), an entry that links `id` is rendered again with
    /// that link as plain text: a page does not link to itself.
    ///
    /// Each entry's value is asked for once: the uses [`entry_uses`] counts.
    fn timeline(&self, entries: &[usize], id: &str, route: &Route) -> Vec<Value> {
        self.timeline_of(entries, id, route)
            .into_iter()
            .map(|(_, value)| value)
            .collect()
    }

    /// [`Site::timeline`], each value with the index of its entry.
    fn timeline_of(&self, entries: &[usize], id: &str, route: &Route) -> Vec<(usize, Value)> {
        // The entries' HTML is made for pages one folder down, this one among them.
        let href = route.url_from(route);
        let mut sorted = entries.to_vec();
        sorted.sort_by_key(|&i| std::cmp::Reverse(self.repo.entries[i].date));
        sorted
            .iter()
            .map(|&i| {
                let entry = &self.repo.entries[i];
                let value = self.entry_values.get(i);
                if !entry.links.iter().any(|link| link == id) {
                    return (i, value);
                }
                // The HTML made once for every page, rather than the Markdown again.
                let made = value.get_attr("html").ok();
                let html = unlink(made.as_ref().and_then(Value::as_str).unwrap_or(""), &href);
                let view = entry_view(self.repo, &self.links, entry, &html, self.today);
                (i, Value::from(Serde(view)))
            })
            .collect()
    }

    /// `contacts/ID.html`
    pub(crate) fn contact(&self, c: usize) -> ContactPage<'_> {
        let contact = &self.repo.contacts[c];
        let applications = self.roles[c]
            .iter()
            .map(|&(a, role)| {
                let application = &self.repo.applications[a];
                Involvement {
                    brief_url: (role == "reference").then(|| {
                        Route::Brief {
                            application: &application.id,
                            contact: &contact.id,
                        }
                        .path()
                    }),
                    application: &self.application_values[a],
                    role,
                }
            })
            .collect();
        let route = Route::Contact(&contact.id);
        ContactPage {
            root: route.root(),
            site: &self.site,
            contact: self.contact_values.get(c),
            messages: self.messages_of_contact[c]
                .iter()
                .map(|&m| self.message(m))
                .collect(),
            cautions: self.cautions_of_contact[c]
                .iter()
                .map(|&i| &self.caution_values[i])
                .collect(),
            applications,
            notes_html: markdown::block(
                contact
                    .body
                    .get(..contact.log_start)
                    .unwrap_or(&contact.body),
                self.repo,
                route.root(),
            ),
            timeline: self.timeline(&self.entries_of_contact[c], &contact.id, &route),
        }
    }

    /// `applications/ID.html`, and the synopsis as HTML for its briefings.
    pub(crate) fn application(&self, a: usize) -> ApplicationPage<'_, 'r> {
        let application = &self.repo.applications[a];
        // An entry in a contact's file that links no application concerns all of theirs:
        // right for the rules, but it says nothing about this application in particular.
        let (entries, general): (Vec<usize>, Vec<usize>) =
            self.entries_of_application[a].iter().partition(|&&i| {
                let entry = &self.repo.entries[i];
                matches!(entry.owner, crate::model::Owner::Application(_))
                    || entry.links.contains(&application.id)
            });
        let references = application
            .references
            .iter()
            .map(|&c| self.reference_row(a, c))
            .collect();
        let people = application
            .contacts
            .iter()
            .map(|&c| {
                let contact = &self.repo.contacts[c];
                Person {
                    contact: LinkView::contact(contact),
                    relationship: contact.relationship,
                    title: contact.title.as_deref(),
                }
            })
            .collect();
        let route = Route::Application(&application.id);
        // Each entry's value once, as counted: the interviews are among the entries, in
        // the same order (newest first, and of one day in file order).
        let timeline = self.timeline_of(&entries, &application.id, &route);
        let interviews = timeline
            .iter()
            .filter(|(i, _)| self.repo.entries[*i].tagged(INTERVIEW))
            .map(|(_, value)| value.clone())
            .collect();
        ApplicationPage {
            root: route.root(),
            site: &self.site,
            application: &self.application_values[a],
            messages: self.messages_of_application[a]
                .iter()
                .map(|&m| self.message(m))
                .collect(),
            cautions: self.cautions_of_application[a]
                .iter()
                .map(|&i| &self.caution_values[i])
                .collect(),
            synopsis_html: markdown::block(&application.synopsis, self.repo, route.root()),
            references,
            people,
            interviews,
            timeline: timeline.into_iter().map(|(_, value)| value).collect(),
            general: self.timeline(&general, &application.id, &route),
        }
    }

    /// The entries for (c, a) that are events by today with one of `tags`: their dates.
    fn done(&self, c: usize, a: usize, tags: TagSet, since: Option<NaiveDate>) -> Vec<NaiveDate> {
        let mut dates: Vec<NaiveDate> = self.entries_of_contact[c]
            .iter()
            .map(|&i| &self.repo.entries[i])
            .filter(|e| !e.is_open_task() && e.date <= self.today)
            .filter(|e| e.applications.contains(&a) && e.tagged(tags))
            .filter(|e| since.is_none_or(|s| e.date >= s))
            .map(|e| e.date)
            .collect();
        dates.sort_unstable();
        dates.dedup();
        dates
    }

    fn cell(&self, a: usize, c: usize, rules: &[Rule], done: Vec<NaiveDate>) -> Cell {
        let action = self.actions_of_application[a]
            .iter()
            .filter(|&&i| self.action_contacts[i] == Some(c))
            .map(|&i| &self.actions[i])
            .find(|x| rules.iter().any(|r| r.id() == x.rule));
        Cell {
            done,
            due: action.map(|x| x.due),
            state: action.map(|x| x.state),
            rule: action.map(|x| x.rule),
            label: action.map(|x| x.label),
            tone: action.map(|x| x.tone),
        }
    }

    fn reference_row(&self, a: usize, c: usize) -> ReferenceRow<'r> {
        let application = &self.repo.applications[a];
        let contact = &self.repo.contacts[c];
        // Agreement is given for one application and lasts `limits.agreement_lasts`
        // (`docs/rules.md`, `permission`): the grid ticks the latest `#agreed` for (c, a)
        // in it. An `#asked` settles the action but is no agreement yet.
        let since = self.repo.settings.limits.agreement_lasts.before(self.today);
        let agreed: Vec<NaiveDate> = self
            .done(c, a, AGREED, Some(since))
            .pop()
            .into_iter()
            .collect();
        ReferenceRow {
            contact: LinkView::contact(contact),
            brief_url: Route::Brief {
                application: &application.id,
                contact: &contact.id,
            }
            .path(),
            packet_url: Route::Packet {
                application: &application.id,
                contact: &contact.id,
            }
            .path(),
            permission: self.cell(a, c, &[Rule::Permission], agreed),
            heads_up: self.cell(
                a,
                c,
                &[Rule::HeadsUp],
                self.done(c, a, Rule::HeadsUp.settled(), None),
            ),
            updates: self.cell(
                a,
                c,
                &[Rule::InterviewUpdate, Rule::OutcomeUpdate],
                self.done(c, a, Rule::OutcomeUpdate.settled(), None),
            ),
            thanks: self.cell(
                a,
                c,
                &[Rule::ThankReference, Rule::Gift],
                self.done(c, a, Rule::ThankReference.settled(), application.applied),
            ),
        }
    }
}

/// `html` with every link to `href` replaced by its text (in a `span`), so a page does
/// not link to itself. `html` is the sanitised output of `markdown::inline`, whose
/// links are written `<a href="URL">TEXT</a>` with nothing nested in them.
fn unlink(html: &str, href: &str) -> String {
    let open = format!("<a href=\"{href}\"");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let Some(text) = rest[start..].find('>').map(|end| start + end + 1) else {
            break;
        };
        let Some(close) = rest[text..].find("</a>").map(|end| text + end) else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str("<span class=\"here\">");
        out.push_str(&rest[text..close]);
        out.push_str("</span>");
        rest = &rest[close + 4..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::unlink;

    #[test]
    fn links_to_the_page_itself_become_text() {
        let html = "Met <a href=\"../contacts/jane.html\">Jane Doe</a> and <a href=\"../contacts/omar.html\">Omar</a>, <a href=\"../contacts/jane.html\" rel=\"x\">her</a>";
        assert_eq!(
            unlink(html, "../contacts/jane.html"),
            "Met <span class=\"here\">Jane Doe</span> and <a href=\"../contacts/omar.html\">Omar</a>, <span class=\"here\">her</span>"
        );
        assert_eq!(unlink("no links", "../contacts/jane.html"), "no links");
        // Links to a page whose URL starts the same stay.
        let other = "<a href=\"../contacts/jane.html2\">x</a>";
        assert_eq!(unlink(other, "../contacts/jane.html"), other);
    }
}
