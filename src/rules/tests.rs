//! Rule tests live in tests/rules.rs-style tables here once the engine compiles.
