//! Integration tests: each test writes a small fixture repository into a temporary folder
//! and runs the real `goodwill` binary.

mod dashboard;
mod diagnostics;
mod due;
mod reliability;
mod rules;
mod serve;
mod support;
mod write;
