//! The `goodwill` binary: parse the command line, run, pick the exit status.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = goodwill::cli::Cli::parse();
    match goodwill::cmd::run(cli) {
        Ok(code) => code,
        Err(fatal) => {
            eprintln!("goodwill: error: {fatal}");
            ExitCode::from(2)
        }
    }
}
