//! The rules of `docs/rules.md` and `docs/checkins.md`, written from their text as tables
//! of cases: each case a small repository, the day, and what a rule gives on it. The
//! rules run in-process (`goodwill::due_json_at`); the command line has its own tests
//! in `tests/cli`. All people and companies are fictional.

mod boundaries;
mod checkins;
mod employer;
mod links;
mod outcome;
mod pacing;
mod references;
mod scenario;
mod tasks_and_cautions;
mod thanks;
