//! What `serve` answers to a request: pure, so every refusal is tested without a socket.

use std::net::IpAddr;
use std::path::{Component, Path, PathBuf};

/// The part of a request `serve` looks at.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// `GET`, `HEAD`, …
    pub method: &'a str,
    /// The request target, as sent (`/contacts/jane-doe.html?x`).
    pub url: &'a str,
    /// The `Host` header, if any.
    pub host: Option<&'a str>,
}

/// The answer: status, content type and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    fn text(status: u16, body: &str) -> Self {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.as_bytes().to_vec(),
        }
    }
}

/// The path of the script that reloads a page when the dashboard was rebuilt.
pub const RELOAD_SCRIPT: &str = "/__goodwill/reload.js";
/// The path that answers the current build number.
pub const VERSION_PATH: &str = "/__goodwill/version";

const RELOAD_JS: &str = r#"(function () {
  var seen = null;
  function poll() {
    fetch("/__goodwill/version", { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (v) {
        if (seen !== null && v !== seen) { location.reload(); }
        seen = v;
      })
      .catch(function () {})
      .finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

/// Answers `request` from the output folder `out` (absolute and canonical), served on
/// `bind:port`, at build number `version`.
pub fn respond(request: &Request, out: &Path, bind: IpAddr, port: u16, version: u64) -> Response {
    if !host_allowed(request.host, bind, port) {
        return Response::text(
            403,
            "this server answers only requests to the address it serves\n",
        );
    }
    if request.method != "GET" && request.method != "HEAD" {
        return Response::text(405, "only GET and HEAD\n");
    }
    let path = request.url.split(['?', '#']).next().unwrap_or("/");
    match path {
        VERSION_PATH => return Response::text(200, &version.to_string()),
        RELOAD_SCRIPT => {
            return Response {
                status: 200,
                content_type: "text/javascript; charset=utf-8",
                body: RELOAD_JS.as_bytes().to_vec(),
            };
        }
        _ => {}
    }
    let Some(file) = resolve(out, path) else {
        return Response::text(404, "not found\n");
    };
    match std::fs::read(&file) {
        Ok(body) => {
            let content_type = content_type(&file);
            let body = if content_type.starts_with("text/html") {
                with_reload(body)
            } else {
                body
            };
            Response {
                status: 200,
                content_type,
                body,
            }
        }
        Err(_) => Response::text(404, "not found\n"),
    }
}

/// Whether `host` names this server: an IP literal with our port (a DNS name could be
/// rebound to us by someone else's page), or `localhost` when we serve on loopback.
fn host_allowed(host: Option<&str>, bind: IpAddr, port: u16) -> bool {
    let Some(host) = host else { return false };
    let (name, host_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with(':') && !p.contains(']') => {
            (name, p.parse::<u16>().ok())
        }
        _ => (host, Some(80)),
    };
    if host_port != Some(port) {
        return false;
    }
    let name = name.trim_start_matches('[').trim_end_matches(']');
    match name.parse::<IpAddr>() {
        Ok(ip) => bind.is_unspecified() || ip == bind || (bind.is_loopback() && ip.is_loopback()),
        Err(_) => {
            name.eq_ignore_ascii_case("localhost") && (bind.is_loopback() || bind.is_unspecified())
        }
    }
}

/// The file a URL path names inside `out`: no `..` (encoded or not), no NUL or
/// backslash, and after following symlinks still inside `out`.
fn resolve(out: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut path = out.join(relative);
    if path.is_dir() {
        path.push("index.html");
    }
    let canonical = std::fs::canonicalize(&path).ok()?;
    (canonical.starts_with(out) && canonical.is_file()).then_some(canonical)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let value = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            out.push(value);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script before `</body>`, and lets it ask this server for the build
/// number: the pages' own policy allows no connections at all.
fn with_reload(body: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_SCRIPT}\" defer></script>");
    let Ok(text) = String::from_utf8(body) else {
        return Vec::new();
    };
    let text = text.replacen(
        "default-src 'none';",
        "default-src 'none'; connect-src 'self';",
        1,
    );
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("contacts")).expect("dir");
        std::fs::write(
            out.join("index.html"),
            "<html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'\"><body>home</body></html>",
        )
        .expect("write");
        std::fs::write(out.join("contacts/jane-doe.html"), "<body>jane</body>").expect("write");
        std::fs::write(dir.path().join("secret.txt"), "secret").expect("write");
        let out = std::fs::canonicalize(out).expect("canonical");
        (dir, out)
    }

    fn get<'a>(url: &'a str, host: &'a str) -> Request<'a> {
        Request {
            method: "GET",
            url,
            host: Some(host),
        }
    }

    #[test]
    fn serves_pages_with_the_reload_script() {
        let (_dir, out) = site();
        let response = respond(&get("/", "127.0.0.1:4000"), &out, LOOPBACK, 4000, 7);
        assert_eq!(response.status, 200);
        let body = String::from_utf8(response.body).expect("utf-8");
        assert!(
            body.contains(RELOAD_SCRIPT) && body.ends_with("</body></html>"),
            "{body}"
        );
        assert!(body.contains("connect-src 'self'"), "{body}");
        let response = respond(
            &get("/contacts/jane-doe.html?x=1", "localhost:4000"),
            &out,
            LOOPBACK,
            4000,
            7,
        );
        assert_eq!(response.status, 200);
        let version = respond(
            &get(VERSION_PATH, "localhost:4000"),
            &out,
            LOOPBACK,
            4000,
            7,
        );
        assert_eq!(version.body, b"7");
    }

    #[test]
    fn refuses_other_hosts() {
        let (_dir, out) = site();
        for host in [
            "evil.example:4000",
            "127.0.0.1:4001",
            "localhost",
            "127.0.0.1.nip.io:4000",
            "",
        ] {
            let response = respond(&get("/", host), &out, LOOPBACK, 4000, 1);
            assert_eq!(response.status, 403, "{host}");
        }
        let no_host = Request {
            method: "GET",
            url: "/",
            host: None,
        };
        assert_eq!(respond(&no_host, &out, LOOPBACK, 4000, 1).status, 403);
        assert_eq!(
            respond(&get("/", "[::1]:4000"), &out, LOOPBACK, 4000, 1).status,
            200
        );
    }

    #[test]
    fn never_leaves_the_output_folder() {
        let (dir, out) = site();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt"))
            .expect("symlink");
        for url in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/contacts/..%2f..%2fsecret.txt",
            "/..\\secret.txt",
            "/link.txt",
            "/%00",
            "/%zz",
            "//etc/passwd",
        ] {
            let response = respond(&get(url, "127.0.0.1:4000"), &out, LOOPBACK, 4000, 1);
            assert_eq!(response.status, 404, "{url}");
            assert_ne!(response.body, b"secret", "{url}");
        }
    }

    #[test]
    fn localhost_is_fine_on_all_addresses_but_names_are_not() {
        let (_dir, out) = site();
        let any = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        assert_eq!(
            respond(&get("/", "localhost:4000"), &out, any, 4000, 1).status,
            200
        );
        assert_eq!(
            respond(&get("/", "192.168.1.20:4000"), &out, any, 4000, 1).status,
            200
        );
        assert_eq!(
            respond(&get("/", "goodwill.example:4000"), &out, any, 4000, 1).status,
            403
        );
    }

    #[test]
    fn only_get_and_head() {
        let (_dir, out) = site();
        let post = Request {
            method: "POST",
            url: "/",
            host: Some("127.0.0.1:4000"),
        };
        assert_eq!(respond(&post, &out, LOOPBACK, 4000, 1).status, 405);
    }
}
