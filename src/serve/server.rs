//! The sockets of `serve`: one thread accepts connections and hands them to a bounded
//! pool of workers, each of which reads one request within a deadline, answers it and
//! closes the connection. A client that sends slowly, or does not read its answer, holds
//! one worker until its deadline, never the others.

use super::app::App;
use super::http::{self, Head, Request, Response};
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{self, Receiver, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Connections answered at once.
pub(super) const WORKERS: usize = 8;
/// Connections accepted and waiting for a worker; past that, a new one is told to retry.
const QUEUE: usize = 64;
/// How long a client has to send its whole request.
const READ_DEADLINE: Duration = Duration::from_secs(10);
/// How long a client has to take its whole answer.
const WRITE_DEADLINE: Duration = Duration::from_secs(30);
/// Bytes written per call, so the deadline is checked as the answer goes out.
const WRITE_CHUNK: usize = 64 * 1024;

/// Answers connections on `listener` with `app` until the listener fails.
pub(crate) fn run(listener: TcpListener, app: Arc<App>) -> io::Result<()> {
    let (sender, receiver) = mpsc::sync_channel::<TcpStream>(QUEUE);
    let receiver = Arc::new(Mutex::new(receiver));
    for number in 0..WORKERS {
        let app = Arc::clone(&app);
        let receiver = Arc::clone(&receiver);
        std::thread::Builder::new()
            .name(format!("goodwill-serve-{number}"))
            .spawn(move || work(&app, &receiver))?;
    }
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => match sender.try_send(stream) {
                Ok(()) => {}
                Err(TrySendError::Full(stream)) => busy(stream),
                Err(TrySendError::Disconnected(_)) => break,
            },
            // Out of file descriptors, or a connection reset before it was accepted:
            // wait a moment rather than spin.
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    Ok(())
}

fn work(app: &App, receiver: &Mutex<Receiver<TcpStream>>) {
    loop {
        let stream = {
            let Ok(receiver) = receiver.lock() else {
                return;
            };
            match receiver.recv() {
                Ok(stream) => stream,
                Err(_) => return,
            }
        };
        // A client that went away is not our problem.
        let _ = answer(app, stream);
    }
}

/// Tells a client that every worker is busy, without waiting on it.
fn busy(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let _ = stream.write_all(&Response::text(503, "busy: try again\n").to_bytes(false));
}

/// Reads one request from `stream`, answers it and closes the connection.
fn answer(app: &App, mut stream: TcpStream) -> io::Result<()> {
    let response = match read_request(&mut stream) {
        Ok(request) => {
            let response = app.handle(&request);
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

/// Reads a request head (and body) within [`READ_DEADLINE`].
fn read_request(stream: &mut TcpStream) -> Result<Request, Refusal> {
    let deadline = Instant::now() + READ_DEADLINE;
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
