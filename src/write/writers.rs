//! Whether another program still has a file open for writing: the question that closes
//! the window in which a program writing a file in place (`>>`, an editor that saves in
//! place, a script) could lose bytes to goodwill's rename (see `replace_locked` in this
//! module's parent, and `docs/commands.md`, "How files are written").
//!
//! On Linux the kernel answers it exactly: a read lease (`fcntl(F_SETLEASE, F_RDLCK)`) can
//! be taken only while no process has the file open for writing. The lease is released at
//! once; it is a question, not a lock. Where leases are not available (other systems,
//! network file systems, a file owned by someone else) the answer is "unknown", and the
//! writer relies on comparing the file's bytes alone.

use std::fs::File;

/// `Some(true)` when some process has `file` open for writing (or mapped writable),
/// `Some(false)` when none has, `None` when this system cannot tell. `file` must be open
/// for reading only.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub(crate) fn open_for_writing(file: &File) -> Option<bool> {
    use std::os::fd::AsRawFd;
    /// `F_SETSIG` (not in the `libc` crate for every Linux target): which signal tells a
    /// lease holder that someone is opening the file. Its default, `SIGIO`, would end the
    /// process; `SIGURG` is ignored unless handled, and goodwill handles none.
    const F_SETSIG: libc::c_int = 10;
    let fd = file.as_raw_fd();
    // SAFETY: `fd` is an open descriptor owned by `file`, which outlives these calls;
    // `fcntl` with these commands takes integer arguments only and touches no memory of
    // ours.
    unsafe {
        if libc::fcntl(fd, F_SETSIG, libc::SIGURG) != 0 {
            return None;
        }
        if libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) == 0 {
            libc::fcntl(fd, libc::F_SETLEASE, libc::F_UNLCK);
            return Some(false);
        }
    }
    match std::io::Error::last_os_error().raw_os_error() {
        // The kernel refuses a read lease on a file that is open for writing.
        Some(libc::EAGAIN) => Some(true),
        // No leases here (EINVAL), or not the file's owner (EACCES).
        _ => None,
    }
}

/// This system cannot tell.
#[cfg(not(target_os = "linux"))]
pub(crate) fn open_for_writing(_file: &File) -> Option<bool> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    #[cfg(target_os = "linux")]
    fn sees_a_writer_until_it_closes() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one\n").expect("write");
        let reader = File::open(&path).expect("open");
        let Some(open) = open_for_writing(&reader) else {
            return; // A file system without leases: nothing to test.
        };
        assert!(!open);
        let mut writer = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("open for appending");
        assert_eq!(open_for_writing(&reader), Some(true));
        writer.write_all(b"two\n").expect("append");
        drop(writer);
        assert_eq!(open_for_writing(&reader), Some(false));
    }
}
