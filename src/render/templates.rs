//! The minijinja environment: the built-in templates of this project's `site-template/`,
//! each replaced by a file of the same name in the repository's `site-template/`.

use crate::error::{AssetError, Error, TemplateError, TemplateProblem};
use crate::rules::table::RULES;
use minijinja::{Environment, UndefinedBehavior, Value};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The folder, in the project and in a repository, that holds templates.
pub(crate) const FOLDER: &str = "site-template";

/// The work one page of a user's templates may do: minijinja's "fuel", about one unit per
/// instruction. Ample for any page of a large repository (about a hundred per row of a
/// list: a list of 100,000 contacts takes about ten million), and a few seconds of work
/// at most, so a template that loops for ever fails instead (`docs/dashboard.md`).
#[cfg(not(test))]
const USER_TEMPLATE_FUEL: u64 = 200_000_000;
/// Less in unit tests, which run unoptimised: the limit works the same.
#[cfg(test)]
const USER_TEMPLATE_FUEL: u64 = 1_000_000;

/// The largest page a user's template may write, in bytes: far over any real page (the
/// list of 10,000 contacts is 5 MiB), and well under what would exhaust memory. The
/// built-in templates are bounded by the repository instead.
const MAX_PAGE_BYTES: usize = 128 * 1024 * 1024;

/// The built-in templates and static files, by file name, but for the rules' drafts
/// ([`built_in`] adds them from the table of rules).
const PAGES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../site-template/base.html")),
    (
        "action.html",
        include_str!("../../site-template/action.html"),
    ),
    (
        "message.html",
        include_str!("../../site-template/message.html"),
    ),
    (
        "caution.html",
        include_str!("../../site-template/caution.html"),
    ),
    ("entry.html", include_str!("../../site-template/entry.html")),
    ("cell.html", include_str!("../../site-template/cell.html")),
    (
        "timeline.html",
        include_str!("../../site-template/timeline.html"),
    ),
    ("index.html", include_str!("../../site-template/index.html")),
    (
        "contacts.html",
        include_str!("../../site-template/contacts.html"),
    ),
    (
        "applications.html",
        include_str!("../../site-template/applications.html"),
    ),
    (
        "targets.html",
        include_str!("../../site-template/targets.html"),
    ),
    (
        "contact.html",
        include_str!("../../site-template/contact.html"),
    ),
    (
        "application.html",
        include_str!("../../site-template/application.html"),
    ),
    ("brief.html", include_str!("../../site-template/brief.html")),
    (
        "packet.html",
        include_str!("../../site-template/packet.html"),
    ),
    ("letter.txt", include_str!("../../site-template/letter.txt")),
    ("draft.html", include_str!("../../site-template/draft.html")),
    (
        "draft-message.txt",
        include_str!("../../site-template/draft-message.txt"),
    ),
    (
        "problems.html",
        include_str!("../../site-template/problems.html"),
    ),
    (
        "section.html",
        include_str!("../../site-template/section.html"),
    ),
    ("style.css", include_str!("../../site-template/style.css")),
    ("copy.js", include_str!("../../site-template/copy.js")),
];

/// Every built-in template and static file, by file name: [`PAGES`] and the draft of
/// every rule that has one (`RuleSpec::draft`).
fn built_in() -> impl Iterator<Item = (&'static str, &'static str)> {
    PAGES.iter().copied().chain(
        RULES
            .iter()
            .filter_map(|spec| spec.draft)
            .map(|draft| (draft.name, draft.source)),
    )
}

/// Files copied to the output as they are, not rendered.
pub(crate) const STATIC_FILES: &[&str] = &["style.css", "copy.js"];

/// Extensions of the user's files that are templates (read as text, for `include` and
/// `extends`); a file with another extension that is not a built-in's name (an image, a
/// font, a script) is an asset, copied into the dashboard as it is.
const TEMPLATE_EXTENSIONS: &[&str] = &["html", "htm", "jinja", "j2", "txt"];

/// The largest asset copied from `site-template/`.
const MAX_ASSET_BYTES: u64 = 32 * 1024 * 1024;

/// How deep `site-template/` is searched for files.
const MAX_DEPTH: usize = 8;

/// Names in the dashboard that goodwill writes itself, which an asset may not replace.
const RESERVED: &[&str] = &[
    "actions.json",
    "calendar.ics",
    "robots.txt",
    ".gitignore",
    "contacts",
    "applications",
];

/// The templates of one build.
pub(crate) struct Templates {
    env: Environment<'static>,
    /// Every source by name, the user's where they have one.
    sources: Arc<HashMap<String, String>>,
    /// Names whose source is the user's file.
    overridden: Arc<HashMap<String, String>>,
    /// The user's files copied as they are: path in the dashboard, bytes.
    assets: Vec<(String, Vec<u8>)>,
}

/// Every file under `folder` (`site-template/`) by its `/`-separated path inside it,
/// sorted; names beginning with `.` are left out, and links are not followed out of it.
fn user_files(folder: &Path) -> Result<Vec<(String, std::path::PathBuf)>, Error> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(folder)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        // walkdir's error as an `io::Error` keeps its text, which names the path.
        let entry =
            entry.map_err(|error| Error::io(format!("cannot read `{FOLDER}/`"))(error.into()))?;
        // A link to a file is read (it is the user's choice); a link to a folder is not
        // walked, so the copy never leaves `site-template/`.
        let is_file =
            entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file());
        if !is_file {
            continue;
        }
        let name = crate::load::relative(folder, entry.path());
        files.push((name, entry.into_path()));
    }
    Ok(files)
}

/// The bytes of the asset `site-template/NAME`, refused when it would replace a file the
/// dashboard needs or is too large.
fn read_asset(path: &Path, name: &str) -> Result<Vec<u8>, Error> {
    let first = name.split('/').next().unwrap_or(name);
    if RESERVED.contains(&first) {
        return Err(AssetError::Reserved {
            name: name.to_owned(),
            first: first.to_owned(),
        }
        .into());
    }
    let meta =
        std::fs::metadata(path).map_err(Error::io(format!("cannot read `{FOLDER}/{name}`")))?;
    if meta.len() > MAX_ASSET_BYTES {
        return Err(AssetError::TooLarge {
            name: name.to_owned(),
            bytes: meta.len(),
        }
        .into());
    }
    std::fs::read(path).map_err(Error::io(format!("cannot read `{FOLDER}/{name}`")))
}

impl Templates {
    /// The built-in templates, with the files of `<root>/site-template/` in their place.
    /// A user's file that cannot be read is a fatal error.
    pub(crate) fn load(root: &Path) -> Result<Self, Error> {
        let mut sources: HashMap<String, String> = built_in()
            .map(|(name, source)| (name.to_owned(), source.to_owned()))
            .collect();
        let mut overridden = HashMap::new();
        let mut assets = Vec::new();
        let folder = root.join(FOLDER);
        if folder.is_dir() {
            for (name, path) in user_files(&folder)? {
                let built_in = sources.contains_key(&name);
                let is_template = built_in
                    || Path::new(&name)
                        .extension()
                        .and_then(|ext| ext.to_str())
                        .is_some_and(|ext| {
                            TEMPLATE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
                        });
                if !is_template {
                    assets.push((name.clone(), read_asset(&path, &name)?));
                    continue;
                }
                // Only a regular file of at most 1 MiB, as every file of the repository.
                let bytes =
                    crate::load::read_capped(&path).map_err(|source| AssetError::Unreadable {
                        name: name.clone(),
                        source,
                    })?;
                let source = match String::from_utf8(bytes) {
                    Ok(source) => source,
                    // Not text, and not in place of a built-in: an asset after all.
                    Err(_) if !built_in => {
                        assets.push((name.clone(), read_asset(&path, &name)?));
                        continue;
                    }
                    Err(_) => {
                        return Err(AssetError::NotUtf8 { name }.into());
                    }
                };
                overridden.insert(name.clone(), format!("{FOLDER}/{name}"));
                sources.insert(name, source);
            }
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // A colleague's template is input like any other: it may not run for ever. The
        // built-in ones are goodwill's own code, and bounded by the repository.
        if !overridden.is_empty() {
            env.set_fuel(Some(USER_TEMPLATE_FUEL));
        }
        env.set_formatter(format_value);
        super::dates::register(&mut env);
        // `mailto:` and the address percent-encoded as the drafts' links are: an address
        // can never add a `?bcc=` or a second recipient to the link.
        env.add_filter("mailto", |address: &str| -> String {
            super::draft::mailto_address(address)
        });
        // Every template comes through the loader, so a user's file is found by the same
        // lookup as a built-in one (templates added with `add_template` would shadow it).
        let sources = Arc::new(sources);
        let for_loader = Arc::clone(&sources);
        env.set_loader(move |name| Ok(for_loader.get(name).cloned()));
        Ok(Templates {
            env,
            sources,
            overridden: Arc::new(overridden),
            assets,
        })
    }

    /// The user's files that are not templates (images, fonts), to copy as they are.
    pub(crate) fn assets(&self) -> &[(String, Vec<u8>)] {
        &self.assets
    }

    /// The source of a static file (`style.css`), the user's if they have one.
    pub(crate) fn static_file(&self, name: &str) -> &str {
        self.sources.get(name).map_or("", String::as_str)
    }

    /// Loads and compiles every page template up front, so syntax errors surface before
    /// any page is rendered and the parallel renderers never race to load.
    pub(crate) fn preload(&self, names: &[&str]) -> Result<(), Error> {
        for name in names {
            self.env
                .get_template(name)
                .map_err(|error| self.describe(error))?;
        }
        Ok(())
    }

    /// Renders template `name` with `context`, failing when the page would be over
    /// [`MAX_PAGE_BYTES`] or the template runs out of fuel.
    pub(crate) fn render(&self, name: &str, context: Value) -> Result<String, Error> {
        let template = self
            .env
            .get_template(name)
            .map_err(|error| self.describe(error))?;
        let mut page = CappedPage {
            bytes: Vec::new(),
            limit: if self.overridden.is_empty() {
                usize::MAX
            } else {
                MAX_PAGE_BYTES
            },
            over: false,
        };
        match template.render_captured_to(context, &mut page) {
            Ok(_) => Ok(String::from_utf8(page.bytes)
                .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())),
            Err(_) if page.over => Err(Error::Template(TemplateError {
                file: self.file_of(name),
                line: None,
                problem: TemplateProblem::PageTooLarge {
                    mib: MAX_PAGE_BYTES / (1024 * 1024),
                },
            })),
            Err(error) => Err(self.describe(error)),
        }
    }

    /// The file a template comes from: the user's, or the built-in one.
    fn file_of(&self, name: &str) -> String {
        match self.overridden.get(name) {
            Some(path) => path.clone(),
            None => format!("{FOLDER}/{name} (built-in)"),
        }
    }

    /// The error naming the user's file or the built-in one, and the line, as
    /// `site-template/index.html:12: template error: …`.
    fn describe(&self, error: minijinja::Error) -> Error {
        // The innermost error names the template and line where the problem is.
        let mut inner: &dyn std::error::Error = &error;
        let mut located = &error;
        while let Some(source) = inner.source() {
            if let Some(jinja) = source.downcast_ref::<minijinja::Error>()
                && jinja.name().is_some()
            {
                located = jinja;
            }
            inner = source;
        }
        let file = match located.name() {
            Some(name) => self.file_of(name),
            None => FOLDER.to_owned(),
        };
        let line = located.line();
        let problem = match located.kind() {
            minijinja::ErrorKind::OutOfFuel => TemplateProblem::OutOfFuel {
                fuel: USER_TEMPLATE_FUEL,
            },
            kind => TemplateProblem::Jinja {
                kind,
                detail: located.detail().map(str::to_owned),
                source: error,
            },
        };
        Error::Template(TemplateError {
            file,
            line,
            problem,
        })
    }
}

/// A page as a template writes it, refusing to grow over `limit` bytes.
struct CappedPage {
    bytes: Vec<u8>,
    limit: usize,
    over: bool,
}

impl std::io::Write for CappedPage {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len().saturating_add(buf.len()) > self.limit {
            self.over = true;
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "the page is too large",
            ));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// minijinja's formatter, but strings in HTML escape only what HTML needs (`&<>"'`):
/// the default also writes every `/` as `&#x2f;`, which no browser needs and which made
/// every link on a page five bytes longer per slash.
fn format_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if *state.auto_escape() == minijinja::AutoEscape::Html
        && !value.is_safe()
        && let Some(text) = value.as_str()
    {
        return write_escaped_html(out, text).map_err(minijinja::Error::from);
    }
    minijinja::escape_formatter(out, state, value)
}

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, for HTML element content and
/// attribute values: the one HTML escaper, of templates, Markdown text, SVG and forms.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Writing to a `String` cannot fail.
    let _ = write_escaped_html(&mut out, text);
    out
}

/// Writes `text` with `&`, `<`, `>`, `"` and `'` escaped.
fn write_escaped_html(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
    // Most values (names, dates, links) need no escaping: a branch-free scan, which the
    // compiler vectorises, finds that out far faster than the loop below.
    let special = |byte: u8| matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'');
    if !text
        .bytes()
        .fold(false, |found, byte| found | special(byte))
    {
        return out.write_str(text);
    }
    let mut start = 0;
    for (index, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => continue,
        };
        out.write_str(&text[start..index])?;
        out.write_str(escaped)?;
        start = index + 1;
    }
    out.write_str(&text[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The templates of a repository whose `site-template/index.html` is `source`.
    fn with_user_index(source: &str) -> (tempfile::TempDir, Templates) {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(dir.path().join(FOLDER)).expect("mkdir");
        std::fs::write(dir.path().join(FOLDER).join("index.html"), source).expect("write");
        let templates = Templates::load(dir.path()).expect("load");
        (dir, templates)
    }

    #[test]
    fn values_are_escaped_for_html_but_slashes_kept() {
        let (_dir, templates) = with_user_index(
            "<a href=\"{{ url }}\" title='{{ name }}'>{{ name }}</a> {{ n }} {{ safe|safe }}",
        );
        let html = templates
            .render(
                "index.html",
                minijinja::context! {
                    url => "../contacts/a.html?x=1&y=2",
                    name => "<Zoë> \"O'Neil\" & co",
                    n => 3,
                    safe => Value::from_safe_string("<b>ok</b>".into()),
                },
            )
            .expect("render");
        assert_eq!(
            html,
            "<a href=\"../contacts/a.html?x=1&amp;y=2\" title='&lt;Zoë&gt; &quot;O&#x27;Neil&quot; &amp; co'>\
             &lt;Zoë&gt; &quot;O&#x27;Neil&quot; &amp; co</a> 3 <b>ok</b>"
        );
    }

    #[test]
    fn each_special_character_is_escaped_wherever_it_stands() {
        let escape = |text: &str| {
            let mut out = String::new();
            write_escaped_html(&mut out, text).expect("write");
            out
        };
        assert_eq!(escape(""), "");
        assert_eq!(escape("plain/text é"), "plain/text é");
        for (special, entity) in [
            ("&", "&amp;"),
            ("<", "&lt;"),
            (">", "&gt;"),
            ("\"", "&quot;"),
            ("'", "&#x27;"),
        ] {
            assert_eq!(escape(special), entity);
            assert_eq!(
                escape(&format!("{special}a{special}é{special}")),
                format!("{entity}a{entity}é{entity}")
            );
        }
    }

    #[test]
    fn a_users_file_replaces_the_built_in_one_and_errors_name_it() {
        let (_dir, templates) = with_user_index("line one\n{{ no_such_variable }}\n");
        let error = templates
            .render("index.html", minijinja::context! {})
            .expect_err("strict undefined")
            .to_string();
        assert!(
            error.starts_with("site-template/index.html:2: template error"),
            "{error}"
        );
    }

    #[test]
    fn a_template_that_never_ends_or_writes_too_much_is_an_error() {
        let (_dir, templates) = with_user_index(
            "{% for i in range(10000) %}{% for j in range(10000) %}{% for k in range(10000) %}{% endfor %}{% endfor %}{% endfor %}",
        );
        let error = templates
            .render("index.html", minijinja::context! {})
            .expect_err("out of fuel")
            .to_string();
        assert!(
            error.starts_with("site-template/index.html:1: template error: engine ran out of fuel"),
            "{error}"
        );
        let (_dir, templates) =
            with_user_index("{% for i in range(10000) %}{{ 'x' * 1000000 }}{% endfor %}");
        let error = templates
            .render("index.html", minijinja::context! {})
            .expect_err("too large")
            .to_string();
        assert_eq!(
            error,
            "site-template/index.html: template error: the page is over the limit of 128 MiB: does a loop write more than it should?"
        );
    }

    #[test]
    fn mail_links_are_encoded() {
        let (_dir, templates) =
            with_user_index("<a href=\"{{ 'a@example.com?bcc=b@example.org'|mailto }}\">");
        let page = templates
            .render("index.html", minijinja::context! {})
            .expect("render");
        assert_eq!(
            page,
            "<a href=\"mailto:a@example.com%3Fbcc%3Db@example.org\">"
        );
    }

    #[test]
    fn built_in_templates_parse() {
        let dir = tempfile::tempdir().expect("temp");
        let templates = Templates::load(dir.path()).expect("load");
        let names: Vec<&str> = built_in()
            .map(|(name, _)| name)
            .filter(|name| name.ends_with(".html"))
            .collect();
        templates
            .preload(&names)
            .expect("every built-in template compiles");
    }
}
