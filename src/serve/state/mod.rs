//! What `serve` keeps in memory between changes: every file read and typed, and from them
//! the repository, the rules' outcome and the pages rendered so far. A change re-reads
//! only the files it touched; links are resolved and rules run again over the whole
//! repository (tens of milliseconds at 10,000 contacts), and pages are rendered only
//! when a browser asks for them.

mod snapshot;
mod workspace;

pub(crate) use snapshot::Snapshot;
pub(crate) use workspace::{Changes, Workspace};
