//! The `goodwill` binary: parse the command line, run, pick the exit status.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

// goodwill allocates many small strings and values while it parses thousands of files and
// renders thousands of pages; mimalloc, with its defaults, does that with markedly less CPU
// time than the system allocator (`scripts/bench.sh` compares; `ARCHITECTURE.md`,
// "Speed and memory", keeps the figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match goodwill::Cli::try_parse() {
        Ok(cli) => cli,
        // Help, version or a usage error: printed here, so that a full stdout is an
        // error and a closed one is not (clap itself ignores both).
        Err(error) => return print_clap(&error),
    };
    match goodwill::run(cli) {
        Ok(code) => code,
        // The one place an error that stopped a command is printed and given its status.
        Err(error) if error.is_stdout_closed() => error.exit_code(),
        Err(error) => {
            // Nowhere to report a failure to write this; the exit status still tells.
            let message = error.to_string();
            let _ = writeln!(
                std::io::stderr().lock(),
                "goodwill: error: {}",
                goodwill::terminal_text(&message)
            );
            error.exit_code()
        }
    }
}

/// Prints what clap made of a command line it did not run (help, version, or a usage
/// error on stderr) and picks the exit status: clap's, or 2 when stdout is full.
fn print_clap(error: &clap::Error) -> ExitCode {
    let code = u8::try_from(error.exit_code()).unwrap_or(2);
    match error.print().and_then(|()| std::io::stdout().flush()) {
        Ok(()) => ExitCode::from(code),
        Err(failure) if failure.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(code),
        Err(failure) => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "goodwill: error: cannot write to stdout: {failure}"
            );
            ExitCode::from(2)
        }
    }
}
