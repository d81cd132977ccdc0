//! The parts of `docs/` made from the code's tables, and the tests that keep the files
//! equal to them (`GOODWILL_BLESS=1 cargo test docs_` writes them): `docs/rules.md`
//! from the tables of rules and tags, the defaults of `docs/settings.md` from the
//! settings and the rules' own keys.

mod rules;
mod settings;

pub(crate) use settings::documented;
