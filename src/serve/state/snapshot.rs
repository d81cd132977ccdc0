//! One state of the repository as served: the repository, the rules' outcome, and the
//! pages rendered from them so far, kept up to a budget.

use crate::model::Repository;
use crate::render::templates::Templates;
use crate::render::{Page, Renderer, RepoIndexes};
use crate::rules::Outcome;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// Rendered pages a snapshot keeps, in bytes; past that a page is rendered again for each
/// request (its hash is always kept, so reload checks stay cheap).
const CACHE_BYTES: usize = 64 * 1024 * 1024;

/// One state of the repository, as served: immutable, shared by every request that
/// started while it was current.
pub(crate) struct Snapshot {
    /// The repository.
    pub repo: Arc<Repository>,
    /// Counts the snapshots of one run of `serve`, from 1.
    #[cfg_attr(not(test), expect(dead_code, reason = "only tests read it"))]
    pub generation: u64,
    /// The rules' outcome and the templates, and the renderer that indexes them once for
    /// every page of the snapshot.
    rendering: Rendering,
    rendered: Mutex<Cache>,
}

/// What a snapshot's pages are made from.
struct Inputs {
    repo: Arc<Repository>,
    outcome: Outcome,
    templates: Arc<Templates>,
}

self_cell::self_cell!(
    /// A snapshot's inputs with the renderer that borrows them: the site's indexes are
    /// made for the first page asked for and shared by every page after it, instead of
    /// being made again for each request.
    struct Rendering {
        owner: Inputs,
        #[not_covariant]
        dependent: Renderer,
    }
);

#[derive(Default)]
struct Cache {
    pages: HashMap<String, Arc<Vec<u8>>>,
    hashes: HashMap<String, Option<u64>>,
    bytes: usize,
}

/// A page as served: its bytes and their hash.
#[derive(Debug, Clone)]
pub(crate) struct Rendered {
    /// The page, as `build` writes it.
    pub bytes: Arc<Vec<u8>>,
    /// A hash of the bytes, which the reload script compares.
    pub hash: u64,
}

impl Snapshot {
    pub(super) fn new(
        repo: Arc<Repository>,
        (outcome, indexes): (Outcome, RepoIndexes),
        templates: Arc<Templates>,
        generation: u64,
    ) -> Self {
        let inputs = Inputs {
            repo: Arc::clone(&repo),
            outcome,
            templates,
        };
        Snapshot {
            repo,
            generation,
            rendering: Rendering::new(inputs, |inputs| {
                Renderer::new(
                    &inputs.repo,
                    &inputs.outcome,
                    &inputs.templates,
                    Some(indexes),
                )
            }),
            rendered: Mutex::new(Cache::default()),
        }
    }

    /// The rules' outcome for the day of the snapshot.
    pub(crate) fn outcome(&self) -> &Outcome {
        &self.rendering.borrow_owner().outcome
    }

    /// The page at `path` (relative to the dashboard's root, as [`Page::path`] gives
    /// it): `None` when there is no such page, an error when its template failed.
    pub(crate) fn page(&self, path: &str) -> Option<Result<Rendered, crate::Error>> {
        if let Some(bytes) = self.cache().pages.get(path) {
            let bytes = Arc::clone(bytes);
            return Some(Ok(Rendered {
                hash: hash(&bytes),
                bytes,
            }));
        }
        let page = Page::at(&self.repo, path)?;
        let rendered = self
            .rendering
            .with_dependent(|_, renderer| renderer.render(page));
        let bytes = match rendered {
            Ok(bytes) => Arc::new(bytes),
            Err(error) => return Some(Err(error)),
        };
        let hash = hash(&bytes);
        let mut cache = self.cache();
        cache.hashes.insert(path.to_owned(), Some(hash));
        if cache.bytes + bytes.len() <= CACHE_BYTES {
            cache.bytes += bytes.len();
            cache.pages.insert(path.to_owned(), Arc::clone(&bytes));
        }
        Some(Ok(Rendered { bytes, hash }))
    }

    /// The hash of the page at `path` as it is now, `None` if there is no such page or
    /// it cannot be rendered: what the reload script of an open page asks for.
    pub(crate) fn page_hash(&self, path: &str) -> Option<u64> {
        if let Some(&known) = self.cache().hashes.get(path) {
            return known;
        }
        let hash = self.page(path).and_then(Result::ok).map(|page| page.hash);
        self.cache().hashes.insert(path.to_owned(), hash);
        hash
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        // A request that panicked while holding the lock left nothing half written.
        self.rendered
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A fast hash of a page's bytes (FNV-1a over 8-byte words would do; SipHash is in std).
fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}
