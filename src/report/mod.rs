//! Reports: what the rules found, as JSON for programs and as text for people.

pub mod json;
pub mod text;
