//! The sockets of `serve`. The accepting thread gives every connection a thread of its
//! own, which reads one request within a deadline, answers it and closes the connection:
//! a client that sends slowly, sends nothing, or does not read its answer holds only its
//! own thread, never anyone else's answer. Making an answer (a page, a Done button's
//! write) takes one of [`WORKERS`] slots, so a crowd of clients does not make a crowd of
//! renders at once, and the slot is given back before the answer is sent.
//!
//! Past [`MAX_CONNECTIONS`] open connections a new one is still read, briefly, and told
//! `503` with `Retry-After` (closing a connection with its request unread would reset it,
//! and the client would see an error instead of an answer). Only past
//! [`MAX_REFUSING`] more is a connection closed at once. See `docs/dashboard.md`.

use super::app::App;
use super::http::{self, Head, Request, Response};
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Answers made at once.
pub(super) const WORKERS: usize = 8;
/// Connections read and answered at once, each on its own thread.
const MAX_CONNECTIONS: usize = 512;
/// Connections past [`MAX_CONNECTIONS`] read and told to retry at once.
const MAX_REFUSING: usize = 128;
/// How long a client has to send its whole request.
const READ_DEADLINE: Duration = Duration::from_secs(10);
/// How long a refused client has to send its request before it is told to retry.
const REFUSE_DEADLINE: Duration = Duration::from_secs(1);
/// How long a client has to take its whole answer.
const WRITE_DEADLINE: Duration = Duration::from_secs(30);
/// Bytes written per call, so the deadline is checked as the answer goes out.
const WRITE_CHUNK: usize = 64 * 1024;

/// Answers connections on `listener` with `app` until the listener fails.
pub(crate) fn run(listener: TcpListener, app: Arc<App>) -> io::Result<()> {
    let slots = Arc::new(Slots::new(WORKERS));
    let open = Arc::new(AtomicUsize::new(0));
    let refusing = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            // Out of file descriptors, or a connection reset before it was accepted:
            // wait a moment rather than spin.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        if let Some(count) = Counted::take(&open, MAX_CONNECTIONS) {
            let (app, slots) = (Arc::clone(&app), Arc::clone(&slots));
            // A thread that cannot be made leaves the connection to close: nothing else
            // could answer it either.
            let _ = std::thread::Builder::new()
                .name("goodwill-serve".to_owned())
                .spawn(move || {
                    let _count = count;
                    // A client that went away is not our problem.
                    let _ = answer(&app, &slots, stream);
                });
        } else if let Some(count) = Counted::take(&refusing, MAX_REFUSING) {
            let _ = std::thread::Builder::new()
                .name("goodwill-serve-busy".to_owned())
                .spawn(move || {
                    let _count = count;
                    let _ = busy(stream);
                });
        }
    }
    Ok(())
}

/// One of a bounded number of things in progress, counted in `counter` until dropped.
struct Counted(Arc<AtomicUsize>);

impl Counted {
    /// Counts one more in `counter`, unless `limit` are in progress already.
    fn take(counter: &Arc<AtomicUsize>, limit: usize) -> Option<Counted> {
        counter
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < limit).then_some(n + 1)
            })
            .ok()
            .map(|_| Counted(Arc::clone(counter)))
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A counting semaphore: the slots in which answers are made.
struct Slots {
    free: Mutex<usize>,
    freed: Condvar,
}

impl Slots {
    fn new(count: usize) -> Self {
        Slots {
            free: Mutex::new(count),
            freed: Condvar::new(),
        }
    }

    /// Runs `work` in a slot, waiting for one first.
    fn run<T>(&self, work: impl FnOnce() -> T) -> T {
        {
            let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
            while *free == 0 {
                free = self.freed.wait(free).unwrap_or_else(|e| e.into_inner());
            }
            *free -= 1;
        }
        /// Gives the slot back even if `work` panics.
        struct Release<'a>(&'a Slots);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                let mut free = self.0.free.lock().unwrap_or_else(|e| e.into_inner());
                *free += 1;
                self.0.freed.notify_one();
            }
        }
        let _release = Release(self);
        work()
    }
}

/// Reads what a client sends for a moment, then tells it every thread is busy.
fn busy(mut stream: TcpStream) -> io::Result<()> {
    let _ = read_request(&mut stream, REFUSE_DEADLINE);
    let mut response = Response::text(503, "busy: try again\n");
    response.headers.push(("Retry-After", "1".to_owned()));
    write_all(&mut stream, &response.to_bytes(false))
}

/// Reads one request from `stream`, answers it and closes the connection.
fn answer(app: &App, slots: &Slots, mut stream: TcpStream) -> io::Result<()> {
    let response = match read_request(&mut stream, READ_DEADLINE) {
        Ok(request) => {
            let response = slots.run(|| app.handle(&request));
            let head_only = request.method == "HEAD";
            return write_all(&mut stream, &response.to_bytes(head_only));
        }
        Err(Refusal::Respond(response)) => response,
        Err(Refusal::Io(error)) if error.kind() == io::ErrorKind::TimedOut => {
            Response::text(408, "request timeout\n")
        }
        Err(Refusal::Io(error)) => return Err(error),
    };
    write_all(&mut stream, &response.to_bytes(false))
}

enum Refusal {
    Respond(Response),
    Io(io::Error),
}

impl From<io::Error> for Refusal {
    fn from(error: io::Error) -> Self {
        Refusal::Io(error)
    }
}

fn timed_out() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "deadline passed")
}

/// Reads a request head (and body) within `limit`.
fn read_request(stream: &mut TcpStream, limit: Duration) -> Result<Request, Refusal> {
    let deadline = Instant::now() + limit;
    let mut buffer = Vec::with_capacity(4096);
    let mut chunk = [0u8; 8192];
    let (length, mut request) = loop {
        let remaining = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or_else(timed_out)?;
        stream.set_read_timeout(Some(remaining))?;
        let read = match stream.read(&mut chunk) {
            Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into()),
            Ok(read) => read,
            Err(error) if is_timeout(&error) => return Err(timed_out().into()),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error.into()),
        };
        buffer.extend_from_slice(&chunk[..read]);
        match http::parse_head(&buffer).map_err(Refusal::Respond)? {
            Head::Complete(length, request) => break (length, request),
            Head::Partial => {}
        }
    };
    let mut body = buffer.split_off(length);
    while body.len() < request.content_length {
        let remaining = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or_else(timed_out)?;
        stream.set_read_timeout(Some(remaining))?;
        match stream.read(&mut chunk) {
            Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into()),
            Ok(read) => body.extend_from_slice(&chunk[..read]),
            Err(error) if is_timeout(&error) => return Err(timed_out().into()),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error.into()),
        }
    }
    body.truncate(request.content_length);
    request.body = body;
    Ok(request)
}

fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// Writes `bytes` within [`WRITE_DEADLINE`], then closes the connection.
fn write_all(stream: &mut TcpStream, bytes: &[u8]) -> io::Result<()> {
    let deadline = Instant::now() + WRITE_DEADLINE;
    for chunk in bytes.chunks(WRITE_CHUNK) {
        let mut chunk = chunk;
        while !chunk.is_empty() {
            let remaining = deadline
                .checked_duration_since(Instant::now())
                .filter(|d| !d.is_zero())
                .ok_or_else(timed_out)?;
            stream.set_write_timeout(Some(remaining))?;
            match stream.write(chunk) {
                Ok(0) => return Err(io::Error::from(io::ErrorKind::WriteZero)),
                Ok(written) => chunk = &chunk[written..],
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) if is_timeout(&error) => return Err(timed_out()),
                Err(error) => return Err(error),
            }
        }
    }
    stream.flush()?;
    stream.shutdown(std::net::Shutdown::Write)?;
    // Closing a socket with unread bytes in it resets the connection, which can lose
    // the answer on its way: take what the client still sends, for a moment.
    stream.set_read_timeout(Some(LINGER))?;
    let mut sink = [0u8; 8192];
    let mut left = MAX_LINGER_BYTES;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(read) => left = left.saturating_sub(read),
        }
    }
    Ok(())
}

/// How long a closing connection waits for the client's last bytes.
const LINGER: Duration = Duration::from_millis(200);
/// How many of them it takes.
const MAX_LINGER_BYTES: usize = 256 * 1024;

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn a_refused_client_reads_its_503() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
        let port = listener.local_addr().expect("address").port();
        let client = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
            stream
                .write_all(b"POST /done HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nkey=1")
                .expect("send");
            let mut answer = String::new();
            stream
                .read_to_string(&mut answer)
                .expect("a whole answer, no reset");
            answer
        });
        let (stream, _) = listener.accept().expect("accept");
        busy(stream).expect("answered");
        let answer = client.join().expect("client");
        assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
        assert!(answer.contains("Retry-After: 1\r\n"), "{answer}");
    }

    #[test]
    fn slots_bound_the_work_in_progress() {
        let slots = Slots::new(2);
        let (running, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    slots.run(|| {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(5));
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }
}
