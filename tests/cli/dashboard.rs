//! Integration tests: dashboard (filled in by its owner).
