//! goodwill: a personal CRM for the relationships a job search runs on.
//!
//! The pipeline runs in one direction: `load` reads files from disk, `model` types them
//! and resolves links, `rules` says what is owed as of a given day, and `report` and
//! `render` turn that into text, JSON and the dashboard. Only the edges (`cmd`) touch the
//! file system or the clock.
//!
//! The crate is a binary; this library exists so that the binary, the integration tests
//! (`tests/cli/`) and the fuzz targets (`fuzz/`) can call into it, and it shows them only
//! what they use: [`Cli`] and [`run`] for the binary, [`Route`] and [`exchange`] for the
//! tests, [`fuzzing`] for the fuzz targets.

pub(crate) mod cli;
pub(crate) mod cmd;
pub(crate) mod diag;
#[cfg(test)]
mod docs;
pub(crate) mod duration;
pub(crate) mod error;
pub mod fuzzing;
pub(crate) mod id;
pub(crate) mod import;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod rules;
pub(crate) mod serve;
pub(crate) mod settings;
pub(crate) mod write;

// All the library shows. Everything else is `pub(crate)`, so that the compiler reports
// what nothing uses (`dead_code`) and a `pub` that nothing outside reaches
// (`unreachable_pub`, in Cargo.toml's `[lints]`).

// The binary (`src/main.rs`): parse the command line, run it, print the error that stopped it.
pub use cli::{Cli, Command};
pub use cmd::run;
pub use diag::terminal_text;
pub use error::Error;
// Integration tests: what the rules decide, in-process (`tests/cli/support.rs`, `Repo::due_json`).
pub use report::json::due_json_at;
// Integration tests: the id of every rule, from the table of rules (`tests/cli/support.rs`).
pub use rules::table::rule_ids;
// Integration tests: every file the build writes is where its route says (`tests/cli/routes.rs`).
pub use render::route::Route;
// Integration tests: an editor that saves in one atomic step (`tests/cli/reliability.rs`).
pub use write::exchange::exchange;

use diag::Diagnostic;
use model::Repository;
use settings::{SETTINGS_FILE, Settings};
use std::path::Path;

/// Loads the repository at `root`: settings, every contact and application, the log.
/// Problems in files become diagnostics; nothing here is fatal.
pub(crate) fn open(root: &Path) -> Repository {
    let mut diagnostics = Vec::new();
    let settings = open_settings(root, &mut diagnostics);
    let found = load::walk_repository(root, &settings.journal, &mut diagnostics);
    let loaded = load::read_all(found);
    model::assemble(root.to_path_buf(), settings, diagnostics, loaded)
}

/// Reads `goodwill.toml` at `root`, or the defaults; a problem becomes a diagnostic.
pub(crate) fn open_settings(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Settings {
    let path = root.join(SETTINGS_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Settings::default();
    }
    // Read like every other file of the repository: a plain file, capped in size.
    let bytes = match load::read_capped(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            diagnostics.push(Diagnostic::error(SETTINGS_FILE, None, error.to_string()));
            return Settings::default();
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let line = error.as_bytes()[..valid]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            diagnostics.push(Diagnostic::error(
                SETTINGS_FILE,
                Some(line),
                "file is not valid UTF-8: save it as UTF-8",
            ));
            return Settings::default();
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // The keys of `[grace]` and `[rules]` are the rules' own (`rules/table.rs`).
    let settings = Settings::parse(text)
        .and_then(|settings| crate::rules::table::check_settings(&settings).map(|()| settings));
    settings.unwrap_or_else(|diagnostic| {
        diagnostics.push(diagnostic);
        Settings::default()
    })
}
