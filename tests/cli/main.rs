//! Integration tests: each test writes a small fixture repository into a temporary folder
//! and runs the real `goodwill` binary.

mod capture;
mod checkins;
mod dashboard;
mod diagnostics;
mod docs;
mod done;
mod drafts;
mod due;
mod import;
mod inplace;
mod journal;
mod references;
mod reliability;
mod routes;
mod serve;
mod settle;
mod snapshots;
mod support;
mod write;
