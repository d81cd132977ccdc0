//! `goodwill serve`: read the repository, serve its dashboard on 127.0.0.1, follow every
//! change to its files.

use super::{Context, Error, print_diagnostics};
use crate::cli::ServeArgs;
use crate::error::Usage;
use crate::serve::{App, Workspace};
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::process::ExitCode;
use std::sync::Arc;

/// Serves until interrupted; a change that breaks a file or a template shows as a
/// diagnostic, and the dashboard goes on without it.
pub(super) fn run(context: &Context, args: &ServeArgs) -> Result<ExitCode, Error> {
    let bind: IpAddr = args.bind.parse().map_err(|source| Usage::Bind {
        text: args.bind.clone(),
        source,
    })?;
    let listener = TcpListener::bind(SocketAddr::new(bind, args.port))
        .map_err(Error::io(format!("cannot listen on {bind}:{}", args.port)))?;
    let port = listener.local_addr().map_or(args.port, |addr| addr.port());
    let token = crate::serve::token()?;
    let watching = crate::serve::watch(context.root.clone());
    let (workspace, snapshot) = Workspace::open(&context.root, context.current_day())?;
    print_diagnostics(&snapshot.repo.diagnostics);
    let errors = snapshot.repo.errors();
    let shown = if bind.is_ipv6() {
        format!("[{bind}]")
    } else {
        bind.to_string()
    };
    let mut stdout = std::io::stdout();
    let _ = writeln!(
        stdout,
        "read {} contacts and {} applications: {errors} errors",
        snapshot.repo.contacts.len(),
        snapshot.repo.applications.len()
    );
    let _ = writeln!(
        stdout,
        "serving the dashboard on http://{shown}:{port}/ (Ctrl-C to stop)"
    );
    if !bind.is_loopback() {
        eprintln!(
            "goodwill: warning: {bind} is reachable from other machines, and the dashboard holds personal data"
        );
    }
    let app = Arc::new(App::new(workspace, snapshot, bind, port, token));
    app.prepare();
    let watched = Arc::clone(&app);
    let clock = context.clone();
    std::thread::Builder::new()
        .name("goodwill-watch".to_owned())
        .spawn(move || watching.run(&watched, move || clock.current_day()))
        .map_err(Error::io("cannot start watching for changes"))?;
    crate::serve::serve(listener, app).map_err(Error::io("cannot serve"))?;
    Ok(ExitCode::SUCCESS)
}
