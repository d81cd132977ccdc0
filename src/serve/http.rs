//! The HTTP of `serve`, without sockets: a request head read with limits, the checks every
//! request passes (its `Host`, its path), and a response written out. Pure, so every
//! refusal is tested without a server.

use crate::render::route::Route;
use std::net::IpAddr;

/// The longest request head (request line and headers) read.
pub(super) const MAX_HEAD: usize = 64 * 1024;
/// The longest single header (name and value), or request target.
pub(super) const MAX_HEADER: usize = 8 * 1024;
/// The most headers one request may carry.
pub(super) const MAX_HEADERS: usize = 64;
/// The longest request body read (a form posted by a page of the dashboard).
pub(super) const MAX_BODY: usize = 64 * 1024;

/// A request, once its head was read and checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Request {
    /// `GET`, `HEAD`, `POST`, …
    pub method: String,
    /// The request target, as sent (`/contacts/jane-doe.html?x`).
    pub target: String,
    /// The `Host` header, if any (there is at most one).
    pub host: Option<String>,
    /// The `Origin` header, if any: what a POST from a page says it came from.
    pub origin: Option<String>,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// How many bytes of body follow the head.
    pub content_length: usize,
    /// The body, read after the head.
    pub body: Vec<u8>,
}

impl Request {
    /// The path of the target, without query or fragment.
    pub(crate) fn path(&self) -> &str {
        self.target.split(['?', '#']).next().unwrap_or("/")
    }

    /// The value of query parameter `name`, percent-decoded.
    pub(crate) fn query(&self, name: &str) -> Option<String> {
        let query = self.target.split_once('?')?.1.split('#').next()?;
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == name)
            .and_then(|(_, value)| percent_decode(&value.replace('+', " ")))
    }
}

/// A response: status, content type, body, and any extra headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Response {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
    /// Headers beyond those every response carries (`Allow` for a 405).
    pub headers: Vec<(&'static str, String)>,
}

impl Response {
    /// A plain-text response.
    pub(crate) fn text(status: u16, body: &str) -> Self {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.as_bytes().to_vec(),
            headers: Vec::new(),
        }
    }

    /// A response with `body` of type `content_type`.
    pub(crate) fn ok(content_type: &'static str, body: Vec<u8>) -> Self {
        Response {
            status: 200,
            content_type,
            body,
            headers: Vec::new(),
        }
    }

    /// The head and the body (none for `HEAD`) as they go on the wire. The referrer policy
    /// is `same-origin`: other sites get no referrer, and the Done form's POST carries the
    /// `Origin` it is checked by (with `no-referrer` a browser sends `null`). Every response
    /// closes its connection: one request per connection keeps a worker from waiting on
    /// an idle client.
    pub(crate) fn to_bytes(&self, head_only: bool) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
             Referrer-Policy: same-origin\r\nX-Robots-Tag: noindex\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        303 => "See Other",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// What reading a head gave so far.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Head {
    /// A whole head of this many bytes, and the request it holds (without its body).
    Complete(usize, Request),
    /// Not yet a whole head: read more.
    Partial,
}

/// Parses the request head at the start of `bytes`, refusing (with the response to send)
/// one that is too large, malformed, or ambiguous about its host or length.
pub(super) fn parse_head(bytes: &[u8]) -> Result<Head, Response> {
    let too_large = || Response::text(431, "request headers too large\n");
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    let length = match parsed.parse(bytes) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) if bytes.len() >= MAX_HEAD => return Err(too_large()),
        Ok(httparse::Status::Partial) => return Ok(Head::Partial),
        Err(httparse::Error::TooManyHeaders) => return Err(too_large()),
        Err(_) => return Err(Response::text(400, "malformed request\n")),
    };
    if length > MAX_HEAD {
        return Err(too_large());
    }
    let target = parsed.path.unwrap_or("/");
    if target.len() > MAX_HEADER {
        return Err(Response::text(414, "request target too long\n"));
    }
    let mut request = Request {
        method: parsed.method.unwrap_or("").to_owned(),
        target: target.to_owned(),
        ..Request::default()
    };
    let mut content_length = None;
    for header in parsed.headers.iter() {
        if header.name.len() + header.value.len() > MAX_HEADER {
            return Err(too_large());
        }
        let value = || {
            std::str::from_utf8(header.value)
                .map(|v| v.trim().to_owned())
                .map_err(|_| Response::text(400, "a header is not valid UTF-8\n"))
        };
        let once = |slot: &Option<String>| {
            if slot.is_some() {
                Err(Response::text(
                    400,
                    &format!("more than one `{}` header\n", header.name),
                ))
            } else {
                Ok(())
            }
        };
        if header.name.eq_ignore_ascii_case("host") {
            once(&request.host)?;
            request.host = Some(value()?);
        } else if header.name.eq_ignore_ascii_case("origin") {
            once(&request.origin)?;
            request.origin = Some(value()?);
        } else if header.name.eq_ignore_ascii_case("content-type") {
            once(&request.content_type)?;
            request.content_type = Some(value()?);
        } else if header.name.eq_ignore_ascii_case("content-length") {
            once(&content_length)?;
            content_length = Some(value()?);
        } else if header.name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(Response::text(
                501,
                "no transfer encodings: send a length\n",
            ));
        }
    }
    if let Some(text) = content_length {
        let length: usize = text
            .parse()
            .map_err(|_| Response::text(400, "bad `Content-Length`\n"))?;
        if length > MAX_BODY {
            return Err(Response::text(413, "request body too large\n"));
        }
        request.content_length = length;
    }
    Ok(Head::Complete(length, request))
}

/// Whether `host` names this server: an IP literal with our port (a DNS name could be
/// rebound to us by someone else's page), or `localhost` when we serve on loopback.
pub(super) fn host_allowed(host: Option<&str>, bind: IpAddr, port: u16) -> bool {
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

/// The page a URL path names, relative to the dashboard's root (`/` is `index.html`):
/// decoded, and refused (`None`) when it holds `..` or `.` (encoded or not), an empty
/// segment, a NUL or backslash, or a name beginning with `.` (the dashboard's own
/// marker and manifest are not for the web).
pub(super) fn page_path(url_path: &str) -> Option<String> {
    let decoded = percent_decode(url_path)?;
    let relative = decoded.strip_prefix('/')?;
    if relative.is_empty() {
        return Some(Route::Index.path());
    }
    if decoded.contains(['\0', '\\'])
        || relative
            .split('/')
            .any(|part| part.is_empty() || part.starts_with('.'))
    {
        return None;
    }
    Some(relative.to_owned())
}

/// `%XX` escapes decoded; `None` for a bad escape or bytes that are not UTF-8.
pub(super) fn percent_decode(text: &str) -> Option<String> {
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

/// The content type of a page, by its extension.
pub(super) fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map_or("", |(_, ext)| ext) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    fn complete(bytes: &[u8]) -> Request {
        match parse_head(bytes) {
            Ok(Head::Complete(length, request)) => {
                assert_eq!(length, bytes.len());
                request
            }
            other => panic!("not a complete head: {other:?}"),
        }
    }

    fn refused(bytes: &[u8]) -> u16 {
        match parse_head(bytes) {
            Err(response) => response.status,
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn reads_a_head() {
        let request = complete(
            b"POST /done?x=1 HTTP/1.1\r\nHost: 127.0.0.1:4000\r\nOrigin: http://127.0.0.1:4000\r\nContent-Length: 12\r\n\r\n",
        );
        assert_eq!(request.method, "POST");
        assert_eq!(request.path(), "/done");
        assert_eq!(request.query("x").as_deref(), Some("1"));
        assert_eq!(request.host.as_deref(), Some("127.0.0.1:4000"));
        assert_eq!(request.origin.as_deref(), Some("http://127.0.0.1:4000"));
        assert_eq!(request.content_length, 12);
        assert_eq!(
            parse_head(b"GET / HTTP/1.1\r\nHost: x"),
            Ok(Head::Partial),
            "half a head asks for more"
        );
    }

    #[test]
    fn refuses_large_duplicate_and_malformed_heads() {
        let big = format!(
            "GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n",
            "a".repeat(MAX_HEADER)
        );
        assert_eq!(refused(big.as_bytes()), 431, "one header over 8 KiB");
        let at_limit = format!(
            "GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n",
            "a".repeat(MAX_HEADER - "X-Big".len())
        );
        complete(at_limit.as_bytes());
        let many: String = (0..10)
            .map(|i| format!("X-{i}: {}\r\n", "a".repeat(7000)))
            .collect();
        let many = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert_eq!(refused(many.as_bytes()), 431, "over 64 KiB in all");
        let endless = format!("GET / HTTP/1.1\r\nX-Big: {}", "a".repeat(MAX_HEAD));
        assert_eq!(refused(endless.as_bytes()), 431, "a head that never ends");
        let count: String = (0..=MAX_HEADERS).map(|i| format!("X-{i}: a\r\n")).collect();
        assert_eq!(
            refused(format!("GET / HTTP/1.1\r\n{count}\r\n").as_bytes()),
            431
        );
        let long_target = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEADER));
        assert_eq!(refused(long_target.as_bytes()), 414);
        assert_eq!(
            refused(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:4000\r\nhost: evil.example:4000\r\n\r\n"),
            400,
            "two Host headers"
        );
        assert_eq!(
            refused(b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"),
            400
        );
        assert_eq!(
            refused(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            501
        );
        let huge_body = format!(
            "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            MAX_BODY + 1
        );
        assert_eq!(refused(huge_body.as_bytes()), 413);
        assert_eq!(refused(b"GET / HTTP/1.1\r\nBad Header\r\n\r\n"), 400);
    }

    #[test]
    fn page_paths_stay_inside_the_dashboard() {
        assert_eq!(page_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            page_path("/contacts/jane-doe.html").as_deref(),
            Some("contacts/jane-doe.html")
        );
        assert_eq!(
            page_path("/contacts/jane%2Ddoe.html").as_deref(),
            Some("contacts/jane-doe.html")
        );
        for url in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/contacts/..%2f..%2fsecret.txt",
            "/..\\secret.txt",
            "/%00",
            "/%zz",
            "//etc/passwd",
            "/.goodwill-manifest",
            "/.goodwill-dashboard",
            "/%2egitignore",
            "/contacts/.hidden.html",
            "/contacts/",
            "relative",
        ] {
            assert_eq!(page_path(url), None, "{url}");
        }
    }

    #[test]
    fn hosts() {
        for host in [
            "evil.example:4000",
            "127.0.0.1:4001",
            "localhost",
            "127.0.0.1.nip.io:4000",
            "",
        ] {
            assert!(!host_allowed(Some(host), LOOPBACK, 4000), "{host}");
        }
        assert!(!host_allowed(None, LOOPBACK, 4000));
        for host in ["127.0.0.1:4000", "localhost:4000", "[::1]:4000"] {
            assert!(host_allowed(Some(host), LOOPBACK, 4000), "{host}");
        }
        let any = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        assert!(host_allowed(Some("localhost:4000"), any, 4000));
        assert!(host_allowed(Some("192.168.1.20:4000"), any, 4000));
        assert!(!host_allowed(Some("goodwill.example:4000"), any, 4000));
    }

    #[test]
    fn responses_on_the_wire() {
        let mut response = Response::text(405, "no\n");
        response.headers.push(("Allow", "GET, HEAD".to_owned()));
        let text = String::from_utf8(response.to_bytes(false)).expect("utf-8");
        assert!(
            text.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nAllow: GET, HEAD\r\n"), "{text}");
        assert!(text.contains("\r\nContent-Length: 3\r\n"), "{text}");
        assert!(text.ends_with("\r\n\r\nno\n"), "{text}");
        let head = String::from_utf8(response.to_bytes(true)).expect("utf-8");
        assert!(head.ends_with("\r\n\r\n"), "{head}");
    }
}
