//! Typing one file: its front matter into a contact or an application, its body into log
//! entries, a journal note into dated entries; every mistake a diagnostic of its own.

use super::*;

/// Types one file read by [`crate::load::read_all`] (or re-read by `serve`).
pub(crate) fn type_file((found, doc): (Found, Result<Document, Diagnostic>)) -> TypedFile {
    let id = id_of(&found);
    let canonical = found
        .path
        .file_stem()
        .is_some_and(|stem| stem.to_str() == Some(id.as_str()));
    let mut file = TypedFile {
        id,
        canonical,
        file: found.file,
        kind: found.kind,
        typed: Typed::Broken,
        body: None,
        aliases: Vec::new(),
        reference_links: Vec::new(),
        contact_links: Vec::new(),
        diagnostics: Vec::new(),
    };
    match doc {
        Err(diagnostic) => file.diagnostics.push(diagnostic),
        Ok(doc) if doc.kind == Kind::Journal => type_note(&doc, &mut file),
        Ok(doc) => type_document(&doc, &mut file),
    }
    file
}

/// Types a journal note: its date from its file name, its entries from its body; its
/// front matter is the user's own and is not read (`docs/capture.md`).
fn type_note(doc: &Document, file: &mut TypedFile) {
    let name = doc.file.rsplit('/').next().unwrap_or(&doc.file);
    let written = name.get(..10).unwrap_or(name);
    let Some(date) = crate::model::parse_date(written) else {
        file.diagnostics.push(Diagnostic::error(
            &doc.file,
            None,
            format!(
                "invalid date `{written}` in the name of a journal note: name it by a real date, as YYYY-MM-DD"
            ),
        ));
        return;
    };
    let entries = parse_note(
        &doc.body,
        doc.body_line,
        &doc.file,
        date,
        &mut file.diagnostics,
    );
    let failed = file.diagnostics.iter().any(Diagnostic::is_error);
    file.body = Some(ParsedBody {
        entries,
        log_start: 0,
    });
    if !failed {
        file.typed = Typed::Journal(date);
    }
}

/// Types `doc` into `file`: the log is read even when the front matter is broken, and the
/// front matter's keys each report their own mistakes.
fn type_document(doc: &Document, file: &mut TypedFile) {
    let diagnostics = &mut file.diagnostics;
    let body = parse_body(&doc.body, doc.body_line, &doc.file, diagnostics);
    let body_failed = diagnostics.iter().any(Diagnostic::is_error);
    file.body = Some(body);
    let front = match yaml::parse(&doc.front, doc.front_line + 1) {
        Ok(front) => front,
        Err(error) => {
            diagnostics.push(Diagnostic::error(
                &doc.file,
                Some(error.line),
                error.message,
            ));
            return;
        }
    };
    file.typed = match doc.kind {
        Kind::Contact => {
            let ParsedContact { contact, aliases } =
                parse_contact(doc, front.as_ref(), diagnostics);
            file.aliases = aliases;
            contact.map_or(Typed::Broken, Typed::Contact)
        }
        // Notes are typed by `type_note`.
        Kind::Journal => Typed::Broken,
        Kind::Application => match parse_application(doc, front.as_ref(), diagnostics) {
            Some(ParsedApplication {
                application,
                reference_links,
                contact_links,
                ..
            }) => {
                file.reference_links = reference_links;
                file.contact_links = contact_links;
                application.map_or(Typed::Broken, |mut application| {
                    application.synopsis =
                        crate::model::synopsis::synopsis(&application.body).to_owned();
                    Typed::Application(application)
                })
            }
            None => Typed::Broken,
        },
    };
    if body_failed {
        file.typed = Typed::Broken;
    }
}
