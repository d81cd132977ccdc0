//! Reports: what the rules found, as JSON for programs and as text for people.

pub(crate) mod json;
pub(crate) mod text;
