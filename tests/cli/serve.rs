//! `serve`: a real server on a free loopback port, asked with raw HTTP requests.
//! Every loop here is bounded, and the server is killed when the test ends.

use crate::support::Repo;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// The server process; killed on drop, even when an assertion fails.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(repo: &Repo) -> Server {
    let mut child = repo
        .command(&["--today", "2026-11-22", "serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut port = None;
    // The first lines say what was built and where it is served.
    for _ in 0..10 {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            port = rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .and_then(|p| p.parse().ok());
            break;
        }
    }
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let port = port.expect("serve printed its address");
    Server { child, port }
}

/// Sends one request and returns (status, body).
fn request(port: u16, method: &str, path: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_owned());
    (status, body)
}

fn example(repo: &Repo) {
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.com",
        "## Log\n- 2026-10-01 Coffee #agreed\n",
    );
    repo.file("secret.txt", "not for the web");
}

#[test]
fn serves_the_dashboard_on_loopback_only_to_its_own_host() {
    let repo = Repo::new();
    example(&repo);
    let server = start(&repo);
    let host = format!("127.0.0.1:{}", server.port);

    let (status, body) = request(server.port, "GET", "/", &host);
    assert_eq!(status, 200);
    assert!(
        body.contains("/__goodwill/reload.js"),
        "the page reloads itself"
    );
    let (status, _) = request(
        server.port,
        "GET",
        "/contacts/jane-doe.html",
        &format!("localhost:{}", server.port),
    );
    assert_eq!(status, 200);

    // DNS rebinding: another name for this address is refused.
    let (status, body) = request(
        server.port,
        "GET",
        "/",
        &format!("attacker.example:{}", server.port),
    );
    assert_eq!(status, 403);
    assert!(!body.contains("Jane"));

    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/contacts/%2e%2e%2f%2e%2e%2fsecret.txt",
    ] {
        let (status, body) = request(server.port, "GET", path, &host);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("not for the web"), "{path}");
    }
    let (status, _) = request(server.port, "POST", "/", &host);
    assert_eq!(status, 405);
}

#[test]
fn rebuilds_when_a_file_changes() {
    let repo = Repo::new();
    example(&repo);
    let server = start(&repo);
    let host = format!("127.0.0.1:{}", server.port);
    let (_, before) = request(server.port, "GET", "/__goodwill/version", &host);

    repo.contact("kim-lee", "name: Kim Lee\nemail: kim@example.com", "");
    // The server may catch the file half written and build once more when it is whole:
    // wait for a build that has the new contact.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut rebuilt = false;
    while Instant::now() < deadline {
        let (_, now) = request(server.port, "GET", "/__goodwill/version", &host);
        let (status, body) = request(server.port, "GET", "/contacts/kim-lee.html", &host);
        if now != before && status == 200 && body.contains("Kim Lee") {
            rebuilt = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(rebuilt, "the new contact's page was served after a rebuild");
}
