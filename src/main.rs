//! The `goodwill` binary: parse the command line, run, pick the exit status.

use clap::Parser;
use std::process::ExitCode;

// goodwill allocates many small strings and values while it parses thousands of files and
// renders thousands of pages on a few cores; mimalloc does that markedly faster than the
// system allocator (about a sixth less CPU time for a large `build`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option that delays handing freed memory back to the system (`mi_option_purge_delay`
/// in `mimalloc.h`; the `libmimalloc-sys` crate has no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory for reuse instead of handing it back to the system. A build frees and
/// allocates hundreds of megabytes of page text; handed back, every reuse first has the
/// kernel zero the memory again, which cost about a third of a large build's system time.
/// Not for `serve`, which runs for hours and should shrink again after each build.
#[allow(unsafe_code)]
fn keep_freed_memory() {
    // SAFETY: `mi_option_set` stores an integer in mimalloc's option table. It is not
    // thread safe, and it runs first thing in `main`, before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

fn main() -> ExitCode {
    let cli = goodwill::cli::Cli::parse();
    if !matches!(cli.command, goodwill::cli::Command::Serve(_)) {
        keep_freed_memory();
    }
    match goodwill::cmd::run(cli) {
        Ok(code) => code,
        Err(fatal) => {
            eprintln!("goodwill: error: {fatal}");
            ExitCode::from(2)
        }
    }
}
