//! Contacts from other programs' exports: LinkedIn's `Connections.csv` and vCard files.
//!
//! A reader turns a file's bytes into an [`Export`]: [`Record`]s (a person, or a malformed
//! row or card with its line) and warnings; [`plan`] decides, without touching the disk,
//! which people become new contact files and which are already there. `--dry-run` prints
//! the plan; a real run writes it.

pub(crate) mod capture;
pub(crate) mod decode;
pub(crate) mod limits;
pub(crate) mod linkedin;
pub(crate) mod matching;
pub(crate) mod vcard;

pub(crate) use matching::{Existing, is_linkedin, plan, render};

use crate::write::templates::NewContact;

/// One person read from an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Person {
    /// The line of the export the person starts on.
    pub line: usize,
    /// What their contact file will say.
    pub contact: NewContact,
    /// Their vCard `UID`, kept in the file so that the next import finds them.
    pub uid: Option<String>,
    /// Problems that did not stop the import (an unreadable date, a value in an unknown
    /// charset): each with its line.
    pub warnings: Vec<(usize, String)>,
}

/// A row or card that could not be read, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    /// The line of the export.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// What a reader makes of one row or card.
pub(crate) type Record = Result<Person, Failure>;

/// What a reader makes of a file.
#[derive(Debug, Default)]
pub(crate) struct Export {
    /// Every row or card, in order.
    pub records: Vec<Record>,
    /// Problems of the file itself, or of lines that belong to no record, with the line
    /// where there is one.
    pub warnings: Vec<(Option<usize>, String)>,
    /// LinkedIn rows of members who hide their data: only a date, nothing to import.
    pub hidden: usize,
}

/// What happens to one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// A new file `contacts/{id}.md`.
    Create {
        /// The new contact's id.
        id: String,
        /// Why the id is not the plain one made of the name: the file of a namesake who
        /// is someone else, or of whatever else has that id.
        beside: Option<String>,
    },
    /// Already in the repository (or earlier in the same export): nothing is written.
    Skip {
        /// Why, naming the file that is already there.
        reason: String,
    },
    /// Could not be read or has no name.
    Fail {
        /// What is wrong.
        message: String,
    },
}
