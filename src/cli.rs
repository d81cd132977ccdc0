//! The command line, as clap derive types; the doc comments are the help text.

use crate::duration::Duration;
use crate::error::{Error, Usage};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Keep the relationships a job search runs on: who do I owe a message today?
#[derive(Debug, Parser)]
#[command(name = "goodwill", version, about, long_about = None)]
pub struct Cli {
    /// The repository root (default: the nearest folder at or above the working directory
    /// holding goodwill.toml, contacts/ or applications/).
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) root: Option<PathBuf>,

    /// Run as if today were this date (default: $GOODWILL_TODAY, else the local date).
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub(crate) today: Option<NaiveDate>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a repository: folders, goodwill.toml, .gitignore, one example of each.
    Init(InitArgs),
    /// Build the dashboard.
    Build(BuildArgs),
    /// List actions: overdue, due today, and coming up.
    Due(DueArgs),
    /// Validate the repository only.
    Check,
    /// Create a contact or application file.
    #[command(subcommand)]
    New(NewCommand),
    /// Append "- DATE TEXT" to the log of a contact or application.
    Log(LogArgs),
    /// Serve the dashboard on 127.0.0.1, following every change to the files.
    Serve(ServeArgs),
    /// Create contacts from an export.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Print a message's draft (for an action's key, the message's that holds it).
    Draft(DraftArgs),
    /// Settle a message or an action: write the line that settles it.
    Done(DoneArgs),
    /// Decide not to do what a message or an action asks: write a #skip/RULE line.
    Skip(SkipArgs),
    /// Be reminded of a message or an action later: write a #later/RULE line dated then.
    Later(LaterArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `goodwill man > goodwill.1`.
    #[command(hide = true)]
    Man,
}

/// `draft`
#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The key of a message or of one of its actions, as `goodwill due` shows it.
    pub(crate) key: String,
}

/// `done`
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The key of a message (every action in it) or of one action, as `goodwill due`
    /// shows it.
    pub(crate) key: String,
    /// The text of each line instead of the default; the tags and links are added.
    #[arg(long, value_name = "TEXT")]
    pub(crate) note: Option<String>,
    /// The day you did it (default: today).
    #[arg(long, value_parser = parse_date_arg)]
    pub(crate) date: Option<NaiveDate>,
    /// Print the lines and the file; write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

/// `skip`
#[derive(Debug, Args)]
pub struct SkipArgs {
    /// The key of a message (every action in it) or of one action, as `goodwill due`
    /// shows it.
    pub(crate) key: String,
    /// The text of each line instead of "Decided not to …"; the tags and links are added.
    #[arg(long, value_name = "TEXT")]
    pub(crate) note: Option<String>,
    /// Print the lines and the file; write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

/// `later`
#[derive(Debug, Args)]
pub struct LaterArgs {
    /// The key of a message (every action in it) or of one action, as `goodwill due`
    /// shows it.
    pub(crate) key: String,
    /// When to be reminded: a date after today (YYYY-MM-DD) or a duration from today
    /// (3d, 2w, 1m).
    #[arg(value_name = "DATE|DUR", value_parser = parse_when_arg)]
    pub(crate) when: When,
    /// Print the lines and the file; write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

/// A day to come, as `later` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// That date.
    Date(NaiveDate),
    /// That long after today.
    After(Duration),
}

/// `completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

/// `init`
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the repository (default: the working directory).
    pub(crate) dir: Option<PathBuf>,
}

/// `build`
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output folder (default: `output` in goodwill.toml, `public`).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Fail (exit 1) when any file has errors.
    #[arg(long)]
    pub(crate) strict: bool,
}

/// `due`
#[derive(Debug, Args)]
pub struct DueArgs {
    /// Print every open action, cautions and diagnostics as one JSON object.
    #[arg(long)]
    pub(crate) json: bool,
    /// How far ahead to list upcoming actions (default: grace.soon).
    #[arg(long, value_name = "DUR", value_parser = parse_duration_arg)]
    pub(crate) within: Option<Duration>,
}

/// `new`
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A person.
    Contact {
        /// Their full name.
        name: String,
        /// Where they work now.
        #[arg(long)]
        company: Option<String>,
        /// Their email address.
        #[arg(long)]
        email: Option<String>,
        /// How you know them (supervisor, colleague, recruiter, …).
        #[arg(long)]
        relationship: Option<String>,
    },
    /// A job application.
    Application {
        /// The employer.
        company: String,
        /// The position.
        role: String,
        /// When you applied (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date_arg)]
        applied: Option<NaiveDate>,
        /// A reference's id; repeat for several.
        #[arg(long = "reference", value_name = "ID")]
        references: Vec<String>,
    },
}

/// `log`
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The contact or application id.
    pub(crate) id: String,
    /// What happened, with #tags and [[links]].
    pub(crate) text: String,
    /// The day it happened (default: today).
    #[arg(long, value_parser = parse_date_arg)]
    pub(crate) date: Option<NaiveDate>,
}

/// `serve`
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 4000)]
    pub(crate) port: u16,
    /// Address to bind (default 127.0.0.1: the dashboard holds personal data).
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: String,
}

/// `import`
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Contacts from LinkedIn's Connections.csv export.
    Linkedin {
        /// The CSV file.
        file: PathBuf,
        /// Print what would happen; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Contacts from a .vcf file.
    Vcard {
        /// The vCard file.
        file: PathBuf,
        /// Print what would happen; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Touches from mail: mbox files, Maildir folders, .eml files (needs `me` in settings).
    Mail {
        /// mbox files, Maildir or Apple Mail .mbox folders, .eml files or folders of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print every line it would add and where; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Touches and interviews from an .ics calendar export.
    Calendar {
        /// The .ics file.
        file: PathBuf,
        /// Print every line it would add and where; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Parses a `YYYY-MM-DD` argument.
pub(crate) fn parse_date_arg(text: &str) -> Result<NaiveDate, Error> {
    crate::model::parse_date(text.trim()).ok_or_else(|| Usage::Date(text.to_owned()).into())
}

/// Parses `later`'s `DATE|DUR`.
fn parse_when_arg(text: &str) -> Result<When, Error> {
    let text = text.trim();
    if text.len() == 10 && text.as_bytes().get(4) == Some(&b'-') {
        return parse_date_arg(text).map(When::Date);
    }
    text.parse().map(When::After).map_err(|error| {
        Usage::Duration {
            error,
            or_date: true,
        }
        .into()
    })
}

fn parse_duration_arg(text: &str) -> Result<Duration, Error> {
    text.parse().map_err(|error| {
        Usage::Duration {
            error,
            or_date: false,
        }
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn completions_take_a_known_shell() {
        let cli = Cli::try_parse_from(["goodwill", "completions", "zsh"]).expect("parse");
        assert!(matches!(
            cli.command,
            Command::Completions(CompletionsArgs {
                shell: clap_complete::Shell::Zsh
            })
        ));
        assert!(Cli::try_parse_from(["goodwill", "completions", "tcsh"]).is_err());
    }

    #[test]
    fn later_takes_a_date_or_a_duration() {
        let when = |arg: &str| match Cli::try_parse_from(["goodwill", "later", "abc123", arg]) {
            Ok(Cli {
                command: Command::Later(args),
                ..
            }) => Some(args.when),
            _ => None,
        };
        assert_eq!(
            when("2026-12-01"),
            NaiveDate::from_ymd_opt(2026, 12, 1).map(When::Date)
        );
        assert_eq!(when("2w"), Some(When::After(Duration::Weeks(2))));
        assert_eq!(when("2026-13-01"), None);
        assert_eq!(when("soon"), None);
    }
}
