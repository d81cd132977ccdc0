//! The reference in `docs/` holds together: every link between the docs and the README
//! leads to a file that exists, every page a doc names (`format.md`) exists, and every
//! citation of a doc section in the code (`docs/format.md`, "What an entry concerns")
//! names a heading that page has.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `README.md` and every page of `docs/`, with their text.
fn pages() -> Vec<(PathBuf, String)> {
    let mut paths = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.expect("readable docs/").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    docs.sort();
    paths.extend(docs);
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable page");
            (path, text)
        })
        .collect()
}

/// The headings of a Markdown page, without their `#`s, outside code blocks.
fn headings(text: &str) -> Vec<String> {
    let mut in_code = false;
    let mut found = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with('#') {
            found.push(line.trim_start_matches('#').trim().to_owned());
        }
    }
    found
}

/// `text` without its code blocks and code spans, where links are examples.
fn prose(text: &str) -> String {
    let mut in_code = false;
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                out.push_str(part);
            }
        }
        out.push('\n');
    }
    out
}

/// The targets of `[text](target)` links in `text`, outside code.
fn link_targets(text: &str) -> Vec<String> {
    let text = prose(text);
    text.match_indices("](")
        .filter_map(|(at, _)| {
            let rest = &text[at + 2..];
            rest.find(')').map(|end| rest[..end].to_owned())
        })
        .collect()
}

#[test]
fn docs_links_lead_to_files_that_exist() {
    let mut broken = Vec::new();
    for (path, text) in pages() {
        let folder = path.parent().unwrap_or(Path::new("."));
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            let file = target.split('#').next().unwrap_or(&target);
            if !folder.join(file).exists() {
                broken.push(format!("{}: {target}", path.display()));
            }
        }
    }
    assert!(broken.is_empty(), "links to nothing: {broken:#?}");
}

#[test]
fn docs_pages_they_name_exist() {
    let docs = root().join("docs");
    let mut missing = Vec::new();
    for (path, text) in pages()
        .into_iter()
        .filter(|(path, _)| path.starts_with(&docs))
    {
        for (at, _) in text.match_indices(".md`") {
            let start = text[..at].rfind('`').map_or(at, |tick| tick + 1);
            let name = &text[start..at + 3];
            // Only names of pages (`format.md`, `docs/rules.md`), not example files.
            let named = name.strip_prefix("docs/").unwrap_or(name);
            let stem = &named[..named.len() - 3];
            if stem.is_empty() || !stem.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            if !docs.join(named).exists() {
                missing.push(format!("{}: {name}", path.display()));
            }
        }
    }
    assert!(missing.is_empty(), "pages named but missing: {missing:#?}");
}

/// Every file under `dir` whose name ends in one of `extensions`.
fn files(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, extensions, out);
        } else if path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| extensions.contains(&ext))
        {
            out.push(path);
        }
    }
}

#[test]
fn docs_sections_the_code_cites_exist() {
    let mut sources = Vec::new();
    for dir in ["src", "tests", "site-template"] {
        files(
            &root().join(dir),
            &["rs", "html", "txt", "js", "css"],
            &mut sources,
        );
    }
    let mut checked = 0;
    let mut wrong = Vec::new();
    for source in sources {
        let text = std::fs::read_to_string(&source).unwrap_or_default();
        // A page of docs/, a comma and a quoted heading, maybe on the next comment line.
        for (at, _) in text.match_indices("docs/") {
            let rest = &text[at..];
            let Some(end) = rest.find(".md") else {
                continue;
            };
            let page = &rest[..end + 3];
            if page.contains(char::is_whitespace) {
                continue;
            }
            let after = rest[end + 3..].trim_start_matches('`');
            let Some(after) = after.strip_prefix(',') else {
                continue;
            };
            let after = after.trim_start_matches([' ', '\n', '/', '!']);
            let Some(quoted) = after.strip_prefix('"') else {
                continue;
            };
            let Some(close) = quoted.find('"') else {
                continue;
            };
            let cited = quoted[..close].trim_matches('`');
            let Ok(doc) = std::fs::read_to_string(root().join(page)) else {
                wrong.push(format!("{}: {page} does not exist", source.display()));
                continue;
            };
            checked += 1;
            let cited_lower = cited.to_lowercase();
            if !headings(&doc).iter().any(|heading| {
                heading
                    .replace('`', "")
                    .to_lowercase()
                    .contains(&cited_lower)
            }) {
                wrong.push(format!(
                    "{}: {page} has no heading `{cited}`",
                    source.display()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "citations of sections that do not exist: {wrong:#?}"
    );
    assert!(checked > 0, "no citation was found: the search is broken");
}
