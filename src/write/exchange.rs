//! Swapping two paths in one step, so a writer can see (and give back) what it displaced.
//!
//! On Linux this is `renameat2(RENAME_EXCHANGE)`: both names always exist, and after the
//! call each names the other's file. Elsewhere (and on Linux file systems without it,
//! such as some network and FUSE file systems) [`exchange`] fails with
//! [`io::ErrorKind::Unsupported`], and callers fall back to a plain rename after a last
//! comparison, which leaves a window of microseconds in which another program's save can
//! be replaced.

use std::io;
use std::path::Path;

/// Atomically swaps the files (or folders) at `a` and `b`; both must exist.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c_path = |path: &Path| {
        CString::new(path.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path holds a NUL byte"))
    };
    let (a, b) = (c_path(a)?, c_path(b)?);
    // SAFETY: both pointers come from `CString`s that live until the call returns, so
    // they are valid, NUL-terminated strings; `AT_FDCWD` makes relative paths relative
    // to the working directory, as `std::fs::rename` does. The call takes no other
    // pointers and writes no memory of ours.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        return Ok(());
    }
    let error = io::Error::last_os_error();
    match error.raw_os_error() {
        // The kernel or the file system cannot swap.
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("cannot swap files here: {error}"),
        )),
        _ => Err(error),
    }
}

/// No atomic swap on this platform.
#[cfg(not(target_os = "linux"))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "this platform cannot swap two files in one step",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn swaps_files_and_folders() {
        let dir = tempfile::tempdir().expect("temp");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "one").expect("write");
        std::fs::write(&b, "two").expect("write");
        exchange(&a, &b).expect("swap");
        assert_eq!(std::fs::read_to_string(&a).expect("read"), "two");
        assert_eq!(std::fs::read_to_string(&b).expect("read"), "one");
        let (c, d) = (dir.path().join("c"), dir.path().join("d"));
        std::fs::create_dir(&c).expect("mkdir");
        std::fs::create_dir(&d).expect("mkdir");
        std::fs::write(c.join("x"), "in c").expect("write");
        exchange(&c, &d).expect("swap folders");
        assert!(d.join("x").is_file() && !c.join("x").exists());
        let missing = dir.path().join("missing");
        assert!(exchange(&a, &missing).is_err(), "both must exist");
    }
}
