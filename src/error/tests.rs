//! Tests of [`Error`]: its wording, its cause and its exit status.

use super::*;
use std::error::Error as _;
use std::path::PathBuf;

#[test]
fn an_io_error_keeps_its_cause_and_prints_it_after_the_path() {
    let error = Error::at("create", Path::new("contacts"))(io::Error::new(
        io::ErrorKind::PermissionDenied,
        "Permission denied",
    ));
    assert_eq!(
        error.to_string(),
        "cannot create `contacts`: Permission denied"
    );
    let cause = error.source().and_then(|s| s.downcast_ref::<io::Error>());
    assert_eq!(
        cause.map(io::Error::kind),
        Some(io::ErrorKind::PermissionDenied)
    );
    assert_eq!(error.exit_code(), ExitCode::from(2));
}

#[test]
fn a_write_error_keeps_its_io_cause() {
    let error = Error::from(WriteError::Io(
        "notes.md".into(),
        io::Error::new(io::ErrorKind::StorageFull, "No space left on device"),
    ));
    assert_eq!(
        error.to_string(),
        "cannot write `notes.md`: No space left on device"
    );
    let cause = error
        .source()
        .and_then(std::error::Error::source)
        .and_then(|s| s.downcast_ref::<io::Error>());
    assert_eq!(cause.map(io::Error::kind), Some(io::ErrorKind::StorageFull));
}

#[test]
fn a_closed_stdout_exits_0_and_a_full_one_2() {
    let closed = Error::stdout(io::Error::from(io::ErrorKind::BrokenPipe));
    assert!(closed.is_stdout_closed());
    assert_eq!(closed.exit_code(), ExitCode::SUCCESS);
    let full = Error::stdout(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
    assert!(!full.is_stdout_closed());
    assert_eq!(full.to_string(), "cannot write to stdout: disk full");
    assert_eq!(full.exit_code(), ExitCode::from(2));
    assert!(full.source().is_some());
}

#[test]
fn a_refusal_is_printed_as_it_is_and_has_no_cause() {
    let error = Error::from(Refusal::EmptyLogText);
    assert_eq!(
        error.to_string(),
        "the log text is empty: say what happened"
    );
    assert!(error.source().is_none());
    assert_eq!(error.exit_code(), ExitCode::from(2));
}

#[test]
fn refusals_with_candidates_list_them_key_and_title() {
    let ambiguous = Error::from(Refusal::AmbiguousKey {
        key: "ab".to_owned(),
        candidates: vec![
            ("ab12".to_owned(), "Thank Ann".to_owned()),
            ("ab34".to_owned(), "Call Bo".to_owned()),
        ],
    });
    assert_eq!(
        ambiguous.to_string(),
        "the key `ab` is ambiguous: it could be `ab12` (Thank Ann), `ab34` (Call Bo)"
    );
    let none = Error::from(Refusal::NotOpen {
        key: "zz".to_owned(),
        nearest: Vec::new(),
    });
    assert_eq!(
        none.to_string(),
        "no open message or action has the key `zz`: there are no open actions"
    );
}

#[test]
fn a_bad_goodwill_today_keeps_the_date_error_as_its_cause() {
    let error = Error::from(Usage::Today(Box::new(
        Usage::Date("soon".to_owned()).into(),
    )));
    assert_eq!(
        error.to_string(),
        "GOODWILL_TODAY: invalid date `soon`: write it as YYYY-MM-DD"
    );
    let cause = error.source().and_then(|s| s.downcast_ref::<Error>());
    assert!(matches!(cause, Some(Error::Usage(Usage::Date(_)))));
}

#[test]
fn a_template_error_names_file_and_line_and_keeps_minijinjas_error() {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    let source = env
        .render_str("{{ nope }}", minijinja::context! {})
        .expect_err("undefined");
    let error = Error::from(TemplateError {
        file: "site-template/index.html".to_owned(),
        line: Some(3),
        problem: TemplateProblem::Jinja {
            kind: source.kind(),
            detail: source.detail().map(str::to_owned),
            source,
        },
    });
    assert!(
        error
            .to_string()
            .starts_with("site-template/index.html:3: template error: undefined value"),
        "{error}"
    );
    assert!(
        error
            .source()
            .is_some_and(|s| s.downcast_ref::<minijinja::Error>().is_some())
    );
}

#[test]
fn an_export_that_holds_zero_bytes_says_so() {
    let error = Error::from(ImportError::NoVcard {
        file: PathBuf::from("cards.vcf"),
        zero_bytes: true,
    });
    assert_eq!(
        error.to_string(),
        "`cards.vcf` holds no `BEGIN:VCARD`: is it a vCard file? (it holds zero bytes, as UTF-16 or UTF-32 text does: save it as UTF-8 and import it again)"
    );
}

#[test]
fn a_calendar_the_parser_refuses_shows_the_first_lines_of_its_complaint() {
    let error = Error::from(ImportError::Calendar {
        file: PathBuf::from("cal.ics"),
        error: NotCalendar {
            parser: "one\ntwo\nthree\nfour".to_owned(),
        },
    });
    assert_eq!(
        error.to_string(),
        "`cal.ics`: not an iCalendar file the parser can read (one two three)"
    );
}
