//! Integration tests: due (filled in by its owner).
