//! Integration tests: write (filled in by its owner).
