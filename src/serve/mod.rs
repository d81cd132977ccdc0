//! `goodwill serve`: the dashboard on a local web server, rendered on request from the
//! repository in memory, which follows every change to its files; open pages reload
//! when what they show changed.
//!
//! It is meant for one person on their own machine: it binds 127.0.0.1 unless told
//! otherwise, serves only the pages of the dashboard, and answers only requests whose
//! `Host` names the address it serves, so a web page elsewhere cannot reach it through DNS
//! rebinding. A bounded pool of workers answers, each connection within deadlines, so
//! one slow client cannot stall the others.

mod app;
pub(crate) mod done;
mod http;
mod server;
mod state;
mod watch;

pub(crate) use app::App;
pub(crate) use server::run as serve;
pub(crate) use state::Workspace;
pub(crate) use watch::start as watch;

/// A random secret for one run of `serve`: 16 bytes from the operating system, as 32 hex
/// digits.
pub(crate) fn token() -> Result<String, crate::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(crate::error::Usage::Token)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
