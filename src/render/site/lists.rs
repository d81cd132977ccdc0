//! The list pages of a [`Site`]: the index, the sections of today's work, contacts,
//! applications and target companies.

use super::*;

impl<'r> Site<'r> {
    /// `index.html`
    pub(crate) fn index(&self) -> IndexPage<'_, 'r> {
        let first = self.first();
        let mut sections: Vec<Section> = self
            .section_members()
            .into_iter()
            .map(|(id, title, intro, members)| {
                let above = members.iter().filter(|i| first.contains(i)).count();
                Section {
                    id,
                    title,
                    intro,
                    items: members
                        .iter()
                        .copied()
                        .filter(|m| !first.contains(m))
                        .take(SHOWN)
                        .map(|m| self.message_for_index(m))
                        .collect(),
                    total: members.len(),
                    above,
                    url: Route::Section(id).path(),
                }
            })
            .collect();
        let coming_up = sections
            .pop()
            .unwrap_or_else(|| Section::empty("coming-up"));
        let mut hold_off = self.hold_off();
        hold_off.items.truncate(SHOWN);
        let diagnostics = &self.repo.diagnostics;
        IndexPage {
            root: Route::Index.root(),
            site: &self.site,
            first: first.iter().map(|&m| self.message_for_index(m)).collect(),
            sections,
            coming_up,
            hold_off,
            soon: in_words(self.repo.settings.grace.soon),
            diagnostics: &diagnostics[..diagnostics.len().min(PROBLEMS_SHOWN)],
            problems: Section {
                total: diagnostics.len(),
                ..Section::empty("problems")
            },
            left_out: left_out(diagnostics),
            pipeline_svg: &self.pipeline_svg,
            touches_svg: &self.touches_svg,
        }
    }

    /// Every caution, as the "Hold off" section.
    fn hold_off(&self) -> Section {
        Section {
            id: "hold-off",
            title: "Hold off",
            intro: "What not to do right now.".to_owned(),
            items: self.caution_values.clone(),
            total: self.caution_values.len(),
            above: 0,
            url: Route::Section("hold-off").path(),
        }
    }

    /// `sections/ID.html` for `id`, one of [`SECTION_IDS`]: one page per section of the
    /// index holding all of it. Made one at a time, as the largest hold cards by the
    /// thousand.
    pub(crate) fn section_page(&self, id: &str) -> Option<SectionPage<'_, 'r>> {
        let diagnostics = &self.repo.diagnostics;
        let page = |kind: &'static str, section: Section| SectionPage {
            root: Route::Section(section.id).root(),
            site: &self.site,
            kind,
            section,
            diagnostics: if kind == "problems" { diagnostics } else { &[] },
            left_out: if kind == "problems" {
                left_out(diagnostics)
            } else {
                Vec::new()
            },
        };
        match id {
            "hold-off" => return Some(page("cautions", self.hold_off())),
            "problems" => {
                let problems = Section {
                    title: "Data problems",
                    intro: "What goodwill could not read, or found odd, in your files.".to_owned(),
                    total: diagnostics.len(),
                    ..Section::empty("problems")
                };
                return Some(page("problems", problems));
            }
            _ => {}
        }
        let (id, title, intro, members) = self
            .section_members()
            .into_iter()
            .find(|(known, ..)| *known == id)?;
        let section = Section {
            id,
            title,
            intro,
            total: members.len(),
            items: members.into_iter().map(|m| self.message_card(m)).collect(),
            above: 0,
            url: Route::Section(id).path(),
        };
        Some(page("messages", section))
    }

    /// A row of a list page for contact `c`.
    fn contact_row(&self, c: usize) -> ContactRow {
        ContactRow {
            contact: self.contact_for_list(c),
            open: self.actions_of_contact[c].len(),
            next: self.actions_of_contact[c].first().map(|&i| self.card(i)),
        }
    }

    /// `contacts.html`: who is owed something by the end of the `soon` window, most
    /// urgent first; then everyone else, the soonest due first (those owed nothing at
    /// all by name); then the archived, by name.
    pub(crate) fn contacts(&self) -> ContactsPage<'_> {
        let contacts = &self.repo.contacts;
        let horizon = self.repo.settings.grace.soon.after(self.today);
        let next = |c: usize| {
            self.actions_of_contact[c]
                .first()
                .map(|&i| &self.actions[i])
        };
        let mut by_name: Vec<usize> = (0..contacts.len()).collect();
        by_name.sort_by_cached_key(|&c| contacts[c].name.to_lowercase());
        let mut live: Vec<usize> = by_name
            .iter()
            .copied()
            .filter(|&c| !contacts[c].archived)
            .collect();
        // Stable: contacts owed nothing keep their order by name.
        live.sort_by_key(|&c| next(c).map_or(usize::MAX, |a| a.rank));
        let (owed, others): (Vec<usize>, Vec<usize>) = live
            .into_iter()
            .partition(|&c| next(c).is_some_and(|a| a.due <= horizon));
        let rows = |list: &mut dyn Iterator<Item = usize>| -> Vec<ContactRow> {
            list.map(|c| self.contact_row(c)).collect()
        };
        ContactsPage {
            root: Route::Contacts.root(),
            site: &self.site,
            total: contacts.len(),
            soon: in_words(self.repo.settings.grace.soon),
            owed: rows(&mut owed.into_iter()),
            others: rows(&mut others.into_iter()),
            archived: rows(&mut by_name.iter().copied().filter(|&c| contacts[c].archived)),
        }
    }

    /// `applications.html`: live applications, those with something owed first (most
    /// urgent first), then the newest; then closed ones, the latest decided first.
    pub(crate) fn applications(&self) -> ApplicationsPage<'_> {
        let applications = &self.repo.applications;
        let row = |a: usize| ApplicationRow {
            application: &self.application_values[a],
            open: self.actions_of_application[a].len(),
            next: self.actions_of_application[a]
                .first()
                .map(|&i| self.card(i)),
        };
        let mut live: Vec<usize> = (0..applications.len())
            .filter(|&a| !applications[a].status.is_decided())
            .collect();
        live.sort_by_key(|&a| {
            let next = self.actions_of_application[a]
                .first()
                .map_or(usize::MAX, |&i| self.actions[i].rank);
            (next, std::cmp::Reverse(applications[a].applied))
        });
        let mut closed: Vec<usize> = (0..applications.len())
            .filter(|&a| applications[a].status.is_decided())
            .collect();
        closed.sort_by_key(|&a| {
            std::cmp::Reverse((applications[a].decided, applications[a].applied))
        });
        ApplicationsPage {
            root: Route::Applications.root(),
            site: &self.site,
            total: applications.len(),
            live: live.into_iter().map(row).collect(),
            closed: closed.into_iter().map(row).collect(),
        }
    }

    /// `targets.html`: each target company with the people you know there (soonest
    /// check-in first) and its applications, and the targets where you know nobody yet.
    pub(crate) fn targets(&self) -> TargetsPage<'_> {
        use crate::rules::company_key;
        let names = crate::rules::target_names(self.repo);
        let position: std::collections::HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, (key, _))| (key.as_str(), i))
            .collect();
        let at = |company: Option<&str>| {
            company.and_then(|company| position.get(company_key(company).as_str()).copied())
        };
        let mut people: Vec<Vec<TargetPerson>> = (0..names.len()).map(|_| Vec::new()).collect();
        let mut next_due: Vec<Vec<Option<NaiveDate>>> = vec![Vec::new(); names.len()];
        for (c, contact) in self.repo.contacts.iter().enumerate() {
            let Some(t) = at(contact.company.as_deref()) else {
                continue;
            };
            let next = self.actions_of_contact[c]
                .iter()
                .find(|&&i| self.actions[i].rule == Rule::Cheesecake.id());
            next_due[t].push(next.map(|&i| self.actions[i].due));
            people[t].push(TargetPerson {
                contact: self.contact_for_list(c),
                next_check_in: next.map(|&i| self.card(i)),
                next: self.actions_of_contact[c].first().map(|&i| self.card(i)),
                open: self.actions_of_contact[c].len(),
            });
        }
        let mut applications: Vec<Vec<&Value>> = vec![Vec::new(); names.len()];
        for (a, application) in self.repo.applications.iter().enumerate() {
            if let Some(t) = at(Some(&application.company)) {
                applications[t].push(&self.application_values[a]);
            }
        }
        let targets: Vec<TargetCompany> = names
            .iter()
            .zip(people.into_iter().zip(next_due))
            .zip(applications)
            .map(|(((_, name), (people, next_due)), applications)| {
                // Contacts come in id order; the soonest check-in first, none last.
                let mut rows: Vec<(Option<NaiveDate>, TargetPerson)> =
                    next_due.into_iter().zip(people).collect();
                rows.sort_by_key(|(due, _)| (due.is_none(), *due));
                TargetCompany {
                    name,
                    people: rows.into_iter().map(|(_, person)| person).collect(),
                    applications,
                }
            })
            .collect();
        TargetsPage {
            root: Route::Targets.root(),
            site: &self.site,
            nobody_yet: targets
                .iter()
                .filter(|t| t.people.is_empty())
                .map(|t| t.name)
                .collect(),
            targets,
        }
    }
}
