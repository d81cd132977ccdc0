//! The `goodwill` binary: parse the command line, run, pick the exit status.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

// goodwill allocates many small strings and values while it parses thousands of files and
// renders thousands of pages on a few cores; mimalloc does that markedly faster than the
// system allocator (about a sixth less CPU time for a large `build`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option that delays handing freed memory back to the system
/// (`mi_option_purge_delay` in `mimalloc.h`). The `libmimalloc-sys` crate has no constant
/// for it; in the enum of both mimalloc 2 and 3 it comes just before
/// `mi_option_use_numa_nodes`, which the crate does name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t =
    libmimalloc_sys::mi_option_use_numa_nodes - 1;

/// How long `command` keeps freed memory for reuse before it hands it back to the
/// system, in milliseconds; -1 for ever.
///
/// `serve` keeps it: each change frees one repository and makes the next of the same
/// size, and memory kept for it saves the kernel zeroing it again on the way to the page.
/// A build frees and allocates hundreds of megabytes of page text, most of it reused
/// within milliseconds: that is kept, and what lies unused longer (the text of the files
/// read, the values of pages already written) is handed back. Handed back at once, every
/// reuse first has the kernel zero the memory again (about a tenth more CPU time at
/// 10,000 contacts); kept for ever, it raised the peak by half (206 MiB against 131, for
/// 3% less CPU time). The other commands free what they read and make little after it,
/// so they hand it back at once: mimalloc's default waits, and a short command reaches its
/// peak before it hands anything back (`due --json` at 10,000 contacts: 73 MiB handed
/// back, 110 MiB kept).
fn purge_delay(command: &goodwill::Command) -> std::ffi::c_long {
    match command {
        goodwill::Command::Serve(_) => -1,
        goodwill::Command::Build(_) => 10,
        _ => 0,
    }
}

/// Sets how long mimalloc keeps freed memory before handing it back ([`purge_delay`]).
#[allow(unsafe_code)]
fn set_purge_delay(delay: std::ffi::c_long) {
    // SAFETY: `mi_option_set` stores an integer in mimalloc's option table. It is not
    // thread safe, and it runs at the start of `main` (after parsing the command line,
    // which starts no thread), before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, delay) }
}

/// Turns transparent huge pages off for this process (and the `git` or `rm` it may start).
/// With them, each first touch of a 2 MiB block of the heap has the kernel find and zero
/// a whole huge page, and where the system hands free huge blocks back to a virtual
/// machine's host (free page reporting), each of those zeroings faults 512 pages in from
/// the host: on the 2-core VM goodwill is measured on, that was a fifth of a large build's
/// CPU time. A build's memory is used for seconds, by a command or by one of `serve`'s
/// rebuilds, so the TLB savings huge pages buy never pay for that.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn no_transparent_huge_pages() {
    let (disable, unused): (libc::c_ulong, libc::c_ulong) = (1, 0);
    // SAFETY: `prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)` only sets a flag on this process;
    // it takes no pointers, and its arguments are passed as the `unsigned long`s the
    // kernel reads. If the kernel refuses it, memory simply stays as it was.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, disable, unused, unused, unused);
    }
}

#[cfg(not(target_os = "linux"))]
fn no_transparent_huge_pages() {}

fn main() -> ExitCode {
    no_transparent_huge_pages();
    let cli = match goodwill::Cli::try_parse() {
        Ok(cli) => cli,
        // Help, version or a usage error: printed here, so that a full stdout is an
        // error and a closed one is not (clap itself ignores both).
        Err(error) => return print_clap(&error),
    };
    // mimalloc's own variable, when set, decides instead (for measuring the trade-off).
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        set_purge_delay(purge_delay(&cli.command));
    }
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
