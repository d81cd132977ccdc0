//! `goodwill serve`: build, serve on 127.0.0.1, rebuild and reload on change.

use super::{Context, Fatal, print_diagnostics};
use crate::cli::ServeArgs;
use crate::serve::{Request, fingerprint, respond};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How often the watcher looks for changed files.
const POLL: Duration = Duration::from_millis(500);

/// Serves until interrupted; a failed rebuild keeps the last good dashboard.
pub fn run(context: &Context, args: &ServeArgs) -> Result<ExitCode, Fatal> {
    let bind: IpAddr = args
        .bind
        .parse()
        .map_err(|_| Fatal(format!("--bind `{}` is not an IP address", args.bind)))?;
    // Taken before the first build, so that a file changed during it, or before the
    // watcher's first look, is still noticed and built.
    let inputs = (fingerprint(&context.root), context.current_day());
    let out = build(context)?;
    let out = std::fs::canonicalize(&out)
        .map_err(|e| Fatal(format!("cannot read `{}`: {e}", out.display())))?;
    let server = tiny_http::Server::http(SocketAddr::new(bind, args.port))
        .map_err(|e| Fatal(format!("cannot listen on {bind}:{}: {e}", args.port)))?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(args.port, |addr| addr.port());
    let shown = if bind.is_ipv6() {
        format!("[{bind}]")
    } else {
        bind.to_string()
    };
    println!("serving the dashboard on http://{shown}:{port}/ (Ctrl-C to stop)");
    if !bind.is_loopback() {
        eprintln!(
            "goodwill: warning: {bind} is reachable from other machines, and the dashboard holds personal data"
        );
    }

    let version = Arc::new(AtomicU64::new(1));
    watch(context.clone(), Arc::clone(&version), inputs);
    for request in server.incoming_requests() {
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_owned());
        let method = request.method().as_str().to_owned();
        let response = respond(
            &Request {
                method: &method,
                url: request.url(),
                host: host.as_deref(),
            },
            &out,
            bind,
            port,
            version.load(Ordering::SeqCst),
        );
        let mut reply =
            tiny_http::Response::from_data(response.body).with_status_code(response.status);
        for (field, value) in [
            ("Content-Type", response.content_type),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Robots-Tag", "noindex"),
        ] {
            if let Ok(header) = tiny_http::Header::from_bytes(field.as_bytes(), value.as_bytes()) {
                reply.add_header(header);
            }
        }
        // A client that went away is not our problem.
        let _ = request.respond(reply);
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds the dashboard into the output folder of the settings; returns that folder.
fn build(context: &Context) -> Result<PathBuf, Fatal> {
    let repo = crate::open(&context.root);
    print_diagnostics(&repo.diagnostics);
    // A server left running past midnight follows the clock (unless a day was given).
    let outcome = crate::rules::evaluate(&repo, context.current_day());
    let out = context.root.join(&repo.settings.output);
    let summary = crate::render::build(&repo, &outcome, &out)?;
    println!("built {} pages", summary.pages);
    Ok(summary.out)
}

/// Rebuilds in the background whenever the inputs or the day differ from `seen` (what
/// the last build was made from), bumping `version` after each successful build so open
/// pages reload.
fn watch(context: Context, version: Arc<AtomicU64>, mut seen: (u64, chrono::NaiveDate)) {
    std::thread::spawn(move || {
        let root: &Path = &context.root;
        loop {
            std::thread::sleep(POLL);
            let now = (fingerprint(root), context.current_day());
            if now == seen {
                continue;
            }
            seen = now;
            match build(&context) {
                Ok(_) => {
                    version.fetch_add(1, Ordering::SeqCst);
                }
                Err(fatal) => {
                    eprintln!("goodwill: error: {fatal}; still serving the previous dashboard")
                }
            }
        }
    });
}
