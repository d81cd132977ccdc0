//! Contacts from other programs' exports: LinkedIn's `Connections.csv` and vCard files.
