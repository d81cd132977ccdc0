//! Integration tests: rules (filled in by its owner).
