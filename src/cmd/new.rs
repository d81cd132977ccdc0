//! `goodwill new contact|application`: create a file that passes `check`.

use super::{Context, Error};
use crate::cli::NewCommand;
use crate::error::Refusal;
use crate::load::{APPLICATIONS_DIR, CONTACTS_DIR, Kind};
use crate::model::Relationship;
use crate::write::templates::{self, NewApplication, NewContact};
use crate::write::{self, WriteError};
use std::process::ExitCode;

/// Creates the contact or application and prints its path.
pub(super) fn run(context: &Context, command: &NewCommand) -> Result<ExitCode, Error> {
    let by_id = write::files_by_id(&context.root);
    let (dir, id, text) = match command {
        NewCommand::Contact {
            name,
            company,
            email,
            relationship,
        } => {
            let id = new_id(name, "name", &by_id)?;
            let relationship = relationship
                .as_deref()
                .map(check_relationship)
                .transpose()?;
            if let Some(email) = email
                && !crate::model::is_plain_address(email.trim())
            {
                return Err(Refusal::NotPlainAddress(email.clone()).into());
            }
            // What `check` would refuse is not written: a name or company too long for
            // the front matter.
            for (what, value) in [("name", Some(name)), ("company", company.as_ref())] {
                if let Some(value) = value
                    && value.chars().count() > crate::import::limits::MAX_VALUE_CHARS
                {
                    return Err(Refusal::TooLong {
                        what,
                        max: crate::import::limits::MAX_VALUE_CHARS,
                    }
                    .into());
                }
            }
            let contact = NewContact {
                name: templates::one_line(name),
                company: company.clone(),
                emails: email.iter().map(|e| e.trim().to_owned()).collect(),
                relationship,
                ..NewContact::default()
            };
            (CONTACTS_DIR, id, contact.render())
        }
        NewCommand::Application {
            company,
            role,
            applied,
            references,
        } => {
            for (what, value) in [("company", company), ("role", role)] {
                if value.trim().is_empty() {
                    return Err(Refusal::Empty { what }.into());
                }
            }
            let id = new_id(&format!("{company} {role}"), "company and role", &by_id)?;
            let mut ids = Vec::new();
            for reference in references {
                let reference = reference_id(reference, &by_id, &context.root)?;
                if !ids.contains(&reference) {
                    ids.push(reference);
                }
            }
            let application = NewApplication {
                company: templates::one_line(company),
                role: templates::one_line(role),
                applied: applied.unwrap_or(context.today),
                references: ids,
            };
            (APPLICATIONS_DIR, id, application.render())
        }
    };
    let folder = context.root.join(dir);
    std::fs::create_dir_all(&folder).map_err(Error::at("create", &folder))?;
    let path = folder.join(format!("{id}.md"));
    match write::create_new(&path, text.as_bytes()) {
        Ok(()) => {}
        Err(WriteError::Exists(_)) => {
            return Err(Refusal::Exists(format!("{dir}/{id}.md")).into());
        }
        Err(error) => return Err(Error::Write(error)),
    }
    let message = format!(
        "New {}: {dir}/{id}.md",
        if dir == CONTACTS_DIR {
            "contact"
        } else {
            "application"
        }
    );
    if let Some(warning) = write::git::commit_if_asked(&context.root, &[path.as_path()], &message) {
        super::warn(crate::diag::terminal_safe(&warning));
    }
    super::print(format_args!("{}\n", path.display()))?;
    Ok(ExitCode::SUCCESS)
}

type ById = std::collections::BTreeMap<String, Vec<crate::load::Found>>;

/// The id for `name`, refused when it is empty or already taken.
fn new_id(name: &str, what: &'static str, by_id: &ById) -> Result<String, Error> {
    let id = templates::id_for(name);
    if id.is_empty() {
        return Err(Refusal::NoIdLetters {
            what,
            name: templates::one_line(name),
        }
        .into());
    }
    if let Some(files) = by_id.get(&id) {
        let file = files.first().map_or("", |f| f.file.as_str()).to_owned();
        return Err(Refusal::IdTaken { id, file }.into());
    }
    Ok(id)
}

fn check_relationship(value: &str) -> Result<String, Error> {
    let value = value.trim().to_lowercase();
    let words = || Relationship::WORDS.iter().map(|(word, _)| *word);
    if words().any(|word| word == value) {
        return Ok(value);
    }
    let hint = crate::diag::did_you_mean(&value, words());
    Err(Refusal::UnknownRelationship {
        value,
        hint,
        words: words().collect(),
    }
    .into())
}

/// A `--reference`: an existing contact's id, written any way a link may be (an alias
/// included).
fn reference_id(reference: &str, by_id: &ById, root: &std::path::Path) -> Result<String, Error> {
    let mut id = crate::id::link_target(reference);
    if !by_id.contains_key(&id)
        && let Some(named) = super::log::Aliases::new(root).resolve(&id)
    {
        id = named;
    }
    match by_id.get(&id).and_then(|files| files.first()) {
        Some(found) if found.kind == Kind::Contact => Ok(id),
        Some(found) => Err(Refusal::NotAContact {
            reference: reference.to_owned(),
            file: found.file.clone(),
        }
        .into()),
        None => {
            let contacts = by_id
                .iter()
                .filter(|(_, files)| files.iter().any(|f| f.kind == Kind::Contact))
                .map(|(id, _)| id.as_str());
            let hint = crate::diag::nearest_hint(&id, contacts);
            Err(Refusal::UnknownContact {
                reference: reference.to_owned(),
                hint,
            }
            .into())
        }
    }
}
