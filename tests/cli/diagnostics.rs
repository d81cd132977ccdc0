//! Integration tests: diagnostics (filled in by its owner).
