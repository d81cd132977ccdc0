//! `goodwill serve`: the dashboard on a local web server that rebuilds when a file
//! changes and tells open pages to reload.
//!
//! It is meant for one person on their own machine: it binds 127.0.0.1 unless told
//! otherwise, serves only files inside the output folder, and answers only requests whose
//! `Host` names the address it serves, so a web page elsewhere cannot reach it through DNS
//! rebinding.

pub mod done;
mod http;
mod watch;

pub use http::{Request, Response, respond};
pub use watch::fingerprint;
