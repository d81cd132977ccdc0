//! Disk to documents: find the root, walk `contacts/` and `applications/`, read every
//! file in parallel and split it into front matter and body.

pub(crate) mod split;
pub(crate) mod yaml;

use crate::diag::Diagnostic;
use crate::id;
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The largest file goodwill reads.
pub(crate) const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The folder of contact files.
pub(crate) const CONTACTS_DIR: &str = "contacts";
/// The folder of application files.
pub(crate) const APPLICATIONS_DIR: &str = "applications";

/// Which folder a file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// `contacts/`
    Contact,
    /// `applications/`
    Application,
    /// A folder named in `journal`: dated notes (`docs/capture.md`, "Journal folders").
    Journal,
}

/// A file read from disk and split, before its front matter is typed.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    /// Contact or application.
    pub kind: Kind,
    /// The normalised file stem.
    pub id: String,
    /// Path relative to the root, `/`-separated.
    pub file: String,
    /// Front matter text (between the `---` lines); empty if there is none.
    pub front: String,
    /// The file line of the opening `---` (1).
    pub front_line: usize,
    /// The Markdown after the front matter.
    pub body: String,
    /// The file line the body starts on.
    pub body_line: usize,
}

/// A file found by the walk: where it is and what the repository calls it.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Contact or application.
    pub kind: Kind,
    /// Absolute path.
    pub path: PathBuf,
    /// Path relative to the root, `/`-separated.
    pub file: String,
}

/// The nearest folder at or above `start` holding `goodwill.toml`, `contacts/` or
/// `applications/`.
pub(crate) fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| is_root(dir))
        .map(Path::to_path_buf)
}

/// Whether `dir` looks like a goodwill repository.
pub(crate) fn is_root(dir: &Path) -> bool {
    dir.join(crate::settings::SETTINGS_FILE).is_file()
        || dir.join(CONTACTS_DIR).is_dir()
        || dir.join(APPLICATIONS_DIR).is_dir()
}

/// Every `*.md` file under `contacts/` and `applications/`, sorted by path, skipping names
/// that begin with `.` or `_`. Walk problems (unreadable folders, links out of the
/// repository, loops) become diagnostics, one for each.
///
/// A symbolic link to a folder is followed only when the folder is inside the root, and
/// only once: a link out of the repository (`contacts` linked to `/`) would have the walk
/// read the whole file system, and a second way into a folder already walked (a loop, or
/// two links to one folder) would give every file in it twice.
pub(crate) fn walk(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Found> {
    walk_folders(
        root,
        &[
            (Kind::Contact, CONTACTS_DIR),
            (Kind::Application, APPLICATIONS_DIR),
        ],
        diagnostics,
    )
}

/// What [`walk`] finds, then every note of the `journal` folders whose file name begins
/// with a date (`Daily/2026-11-22 Sunday.md`): everything a repository is made of.
/// A journal folder outside the root, or missing, is a diagnostic.
pub(crate) fn walk_repository(
    root: &Path,
    journal: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Found> {
    let mut found = walk(root, diagnostics);
    let mut folders: Vec<(Kind, &str)> = Vec::new();
    for folder in journal {
        let folder = folder.trim().trim_end_matches('/');
        let inside = !folder.is_empty()
            && Path::new(folder)
                .components()
                .all(|part| matches!(part, std::path::Component::Normal(_)));
        if !inside {
            diagnostics.push(Diagnostic::error(
                crate::settings::SETTINGS_FILE,
                None,
                format!(
                    "journal folder `{folder}` is not a folder inside the repository: name it relative to the root, as `Daily`"
                ),
            ));
        } else if !root.join(folder).is_dir() {
            diagnostics.push(Diagnostic::warning(
                crate::settings::SETTINGS_FILE,
                None,
                format!("journal folder `{folder}` does not exist: create it or remove it from `journal`"),
            ));
        } else if !folders.iter().any(|(_, seen)| *seen == folder) {
            folders.push((Kind::Journal, folder));
        }
    }
    if folders.is_empty() {
        return found;
    }
    let notes = walk_folders(root, &folders, diagnostics)
        .into_iter()
        .filter(|note| journal_date(note).is_some());
    found.extend(notes);
    found
}

/// The date a journal note's file name begins with, as written (`2026-11-22`), if it
/// begins with something shaped as one: a note named otherwise is not read.
pub(crate) fn journal_date(found: &Found) -> Option<&str> {
    let name = found.path.file_name()?.to_str()?;
    let head = name.get(..10)?;
    let shaped = head.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    let rest = &name[10..];
    let ends = rest.starts_with('.') || rest.starts_with(|c: char| !c.is_ascii_alphanumeric());
    (shaped && ends).then_some(head)
}

/// Every `*.md` file under each folder of `folders`, in order; see [`walk`].
fn walk_folders(
    root: &Path,
    folders: &[(Kind, &str)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Found> {
    let mut found = Vec::new();
    let real_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut visited: HashSet<PathBuf> = HashSet::new();
    for &(kind, dir) in folders {
        let base = root.join(dir);
        if !base.is_dir() {
            continue;
        }
        let mut skipped: Vec<(PathBuf, String)> = Vec::new();
        let walker = WalkDir::new(&base)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                if entry.depth() > 0 && is_hidden(entry.file_name()) {
                    return false;
                }
                if !entry.file_type().is_dir() {
                    return true;
                }
                let Ok(real) = fs::canonicalize(entry.path()) else {
                    // Let the walk report why it cannot be read.
                    return true;
                };
                if !real.starts_with(&real_root) {
                    skipped.push((
                        entry.path().to_path_buf(),
                        format!(
                            "this folder links to `{}`, outside the repository: goodwill follows folder links only inside it, skipped",
                            real.display()
                        ),
                    ));
                    return false;
                }
                if !visited.insert(real.clone()) {
                    let target = relative(&real_root, &real);
                    skipped.push((
                        entry.path().to_path_buf(),
                        format!(
                            "this folder links to `{target}`, which is walked already (a loop, or a second link to it): skipped"
                        ),
                    ));
                    return false;
                }
                true
            });
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let is_markdown = entry
                        .path()
                        .extension()
                        .is_some_and(|ext| ext.eq_ignore_ascii_case("md"));
                    let file_type = entry.file_type();
                    if file_type.is_file() && is_markdown {
                        found.push(Found {
                            kind,
                            file: relative(root, entry.path()),
                            path: entry.into_path(),
                        });
                    } else if is_markdown && !file_type.is_dir() {
                        // A FIFO, socket or device named `.md`: never opened, but said.
                        let file = relative(root, entry.path());
                        let message = ReadError::NotAFile.to_string();
                        diagnostics.push(Diagnostic::error(file, None, message));
                    }
                }
                Err(error) => {
                    let file = error
                        .path()
                        .map_or_else(|| dir.to_owned(), |path| relative(root, path));
                    let message = if error.loop_ancestor().is_some() {
                        "symlink loop: this folder links back to a folder above it, skipped"
                            .to_owned()
                    } else {
                        format!("cannot read this folder: {}", io_reason(&error.to_string()))
                    };
                    diagnostics.push(Diagnostic::error(file, None, message));
                }
            }
        }
        for (path, message) in skipped {
            diagnostics.push(Diagnostic::error(relative(root, &path), None, message));
        }
    }
    found
}

/// Names the walk skips: those that begin with `.` or `_` (`docs/format.md`,
/// "Repository layout").
pub(crate) fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|name| name.starts_with('.') || name.starts_with('_'))
}

fn io_reason(text: &str) -> String {
    text.to_lowercase()
}

/// `path` relative to `root`, with `/` separators.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// How many files are read at once. Far more than there are cores: when the files are
/// not in the page cache, each read waits on the device, and an SSD or a virtual
/// machine's block device serves many requests at once nearly as fast as one (on the
/// 2-core benchmark VM, a cold `due --json` went from 1.3 s to 0.6 s).
const READS_IN_FLIGHT: usize = 32;

/// Reads and splits every found file in parallel. Each file gives a document or one
/// diagnostic (an unreadable file still yields its id, so links to it resolve).
///
/// The reads run on a pool of their own of up to [`READS_IN_FLIGHT`] threads, which end
/// when it returns; with `RAYON_NUM_THREADS` set, or when the system grants no more
/// threads, they run on rayon's common pool instead.
pub(crate) fn read_all(found: Vec<Found>) -> Vec<(Found, Result<Document, Diagnostic>)> {
    let read = |found: Vec<Found>| -> Vec<(Found, Result<Document, Diagnostic>)> {
        found
            .into_par_iter()
            .map(|found| {
                let doc = read_document(&found);
                (found, doc)
            })
            .collect()
    };
    // Start the common pool first: a read pool that gets only some of its threads must
    // not leave the common pool (which every later step needs) without any.
    let _ = rayon::current_num_threads();
    if std::env::var_os("RAYON_NUM_THREADS").is_some() {
        return read(found);
    }
    match rayon::ThreadPoolBuilder::new()
        .num_threads(READS_IN_FLIGHT.min(found.len()).max(1))
        .thread_name(|i| format!("goodwill-read-{i}"))
        .build()
    {
        Ok(pool) => pool.install(|| read(found)),
        Err(_) => read(found),
    }
}

/// The id of a found file: its normalised stem.
pub(crate) fn id_of(found: &Found) -> String {
    let stem = found
        .path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    id::normalize(&stem)
}

/// Why [`read_capped`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// A folder, FIFO, socket or device: reading it could block for ever or never end.
    NotAFile,
    /// Over [`MAX_FILE_BYTES`]; the size it had, when known.
    TooLarge(Option<u64>),
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io(error) => Some(error),
            ReadError::NotAFile | ReadError::TooLarge(_) => None,
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(error) => {
                write!(f, "cannot read file: {}", io_reason(&error.to_string()))
            }
            ReadError::NotAFile => f.write_str(
                "not a regular file (a folder, FIFO or device): goodwill reads only plain files",
            ),
            ReadError::TooLarge(Some(size)) => write!(
                f,
                "file is {size} bytes, over the limit of 1 MiB: split it or move old notes elsewhere"
            ),
            ReadError::TooLarge(None) => f.write_str("file is over the limit of 1 MiB: split it"),
        }
    }
}

/// The bytes of the file at `path` (symlinks followed), for every file goodwill reads from
/// a repository: only a regular file, and at most [`MAX_FILE_BYTES`] of it. A FIFO is
/// opened without waiting for a writer and refused, as is a device such as `/dev/zero`.
pub(crate) fn read_capped(path: &Path) -> Result<Vec<u8>, ReadError> {
    open_capped(path).map(|(_, bytes)| bytes)
}

/// [`read_capped`], keeping the file open (for reading only): the writers compare what
/// it holds later with what they read (`write::update`).
pub(crate) fn open_capped(path: &Path) -> Result<(fs::File, Vec<u8>), ReadError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading waits for a writer, unless non-blocking.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(Some(meta.len())));
    }
    let bytes = read_from_start(&file)?;
    Ok((file, bytes))
}

/// All of an open regular file from its first byte, at most [`MAX_FILE_BYTES`]: the file
/// can grow while it is read, and the limit holds for what was read.
pub(crate) fn read_from_start(mut file: &fs::File) -> Result<Vec<u8>, ReadError> {
    use std::io::{Read, Seek};
    file.seek(std::io::SeekFrom::Start(0))
        .map_err(ReadError::Io)?;
    let size = file.metadata().map_or(0, |meta| meta.len());
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(MAX_FILE_BYTES)).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(None));
    }
    Ok(bytes)
}

/// Reads and splits one found file, on the calling thread.
pub(crate) fn read_document(found: &Found) -> Result<Document, Diagnostic> {
    let error = |line, message: String| Diagnostic::error(found.file.clone(), line, message);
    let bytes = read_capped(&found.path).map_err(|e| error(None, e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        error(
            Some(line),
            "file is not valid UTF-8: save it as UTF-8".to_owned(),
        )
    })?;
    document_from_text(found, &text)
}

/// Splits the text of a found file into a document.
pub(crate) fn document_from_text(found: &Found, text: &str) -> Result<Document, Diagnostic> {
    let text_without_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    if found.kind == Kind::Journal && !text_without_bom.starts_with("---") {
        // A journal note's front matter is optional (`docs/capture.md`).
        return Ok(Document {
            kind: found.kind,
            id: id_of(found),
            file: found.file.clone(),
            front: String::new(),
            front_line: 1,
            body: text_without_bom.to_owned(),
            body_line: 1,
        });
    }
    let parts = split::split(text)
        .map_err(|e| Diagnostic::error(found.file.clone(), Some(e.line), e.message))?;
    Ok(Document {
        kind: found.kind,
        id: id_of(found),
        file: found.file.clone(),
        front: parts.front.to_owned(),
        front_line: 1,
        body: parts.body.to_owned(),
        body_line: parts.body_line,
    })
}
