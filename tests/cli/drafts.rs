//! One draft per message, true on the day (`docs/templates.md`, "Drafts"): one greeting
//! and one sign-off, parts in a natural order, thanks for agreeing only after `#agreed`,
//! "vouched" only after a call or a letter, links written as names, nothing private.

use crate::support::{Repo, binary};
use std::path::Path;
use std::process::Command;

const T: &str = "2026-11-22";

/// The lines that start what follows a draft's text in `goodwill draft`'s output.
const AFTER_TEXT: &[&str] = &[
    "Open in mail: ",
    "Send as a text: ",
    "Call: ",
    "Open their LinkedIn profile: ",
    "(too long for a mail link",
    "No way to reach ",
    "Nobody at the company ",
    "To fill in: ",
    "Sent it? ",
];

/// A draft as `goodwill draft` prints it: the subject line and the text, without the
/// send links and the hints after it.
struct Printed {
    subject: String,
    body: String,
}

fn printed(stdout: &str) -> Printed {
    let subject = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Subject: "))
        .unwrap_or_else(|| panic!("no subject: {stdout}"))
        .to_owned();
    let start = stdout.find("\n\n").map_or(0, |at| at + 2);
    let rest = &stdout[start..];
    let end = rest
        .lines()
        .scan(0, |at, line| {
            let here = *at;
            *at += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| AFTER_TEXT.iter().any(|p| line.starts_with(p)))
        .map_or(rest.len(), |(at, _)| at);
    Printed {
        subject,
        body: rest[..end].trim().to_owned(),
    }
}

/// Runs `goodwill draft KEY` in the repository at `root`.
fn draft_at(root: &Path, key: &str) -> String {
    let run = Command::new(binary())
        .env_remove("GOODWILL_TODAY")
        .arg("--root")
        .arg(root)
        .args(["--today", T, "draft", key])
        .output()
        .expect("draft");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// `due --json` of the repository at `root`.
fn due_json_at(root: &Path) -> serde_json::Value {
    let run = Command::new(binary())
        .env_remove("GOODWILL_TODAY")
        .arg("--root")
        .arg(root)
        .args(["--today", T, "due", "--json"])
        .output()
        .expect("due --json");
    serde_json::from_slice(&run.stdout).expect("JSON")
}

/// The message of `json` that holds an action of `rule` (to `contact`, if given).
fn message_with(json: &serde_json::Value, rule: &str, contact: Option<&str>) -> serde_json::Value {
    let action = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == rule && contact.is_none_or(|c| a["contact"] == c))
        .unwrap_or_else(|| panic!("no {rule} for {contact:?}: {json}"));
    json["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .find(|m| m["key"] == action["message"])
        .cloned()
        .unwrap_or_else(|| panic!("no message holds {action}"))
}

/// The rules of a message's actions, in its order.
fn rules_of(json: &serde_json::Value, message: &serde_json::Value) -> Vec<String> {
    let actions = json["actions"].as_array().expect("actions");
    message["actions"]
        .as_array()
        .expect("keys")
        .iter()
        .map(|key| {
            let action = actions
                .iter()
                .find(|a| a["key"] == *key)
                .expect("an action of the message");
            action["rule"].as_str().expect("rule").to_owned()
        })
        .collect()
}

#[test]
fn every_draft_of_the_example_is_one_true_message_with_names_not_ids() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = due_json_at(root);
    let ids: Vec<String> = std::fs::read_dir(root.join("contacts"))
        .expect("contacts/")
        .flatten()
        .flat_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                std::fs::read_dir(path)
                    .expect("folder")
                    .flatten()
                    .map(|e| e.path())
                    .collect()
            } else {
                vec![path]
            }
        })
        .filter_map(|path| {
            let stem = path.file_stem()?.to_string_lossy().to_lowercase();
            Some(stem.replace(' ', "-"))
        })
        .collect();
    assert!(ids.len() > 10, "{ids:?}");
    let agreed: Vec<String> = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| a["rule"] == "permission")
        .filter_map(|a| a["contact"].as_str().map(str::to_owned))
        .collect();
    let mut drafts = 0;
    let mut combined = 0;
    for message in json["messages"].as_array().expect("messages") {
        let key = message["key"].as_str().expect("key");
        let stdout = draft_at(root, key);
        if stdout.starts_with("A note to yourself") {
            continue;
        }
        drafts += 1;
        let Printed { subject, body } = printed(&stdout);
        let text = format!("{subject}\n{body}");
        assert!(!text.contains("[["), "{key}: {text}");
        for id in &ids {
            assert!(
                !text.to_lowercase().contains(id.as_str()),
                "{key}: {id} in {text}"
            );
        }
        // One greeting, and at most one sign-off.
        assert!(body.starts_with("Hi "), "{key}: {body}");
        assert_eq!(body.matches("Hi ").count(), 1, "{key}: {body}");
        assert!(body.matches("Best,").count() <= 1, "{key}: {body}");
        // Thanks for agreeing only from someone who agreed: anyone still asked for
        // permission has not.
        if let Some(to) = message["to"].as_str()
            && agreed.iter().any(|c| c == to)
        {
            assert!(!body.contains("for agreeing"), "{key}: {body}");
        }
        if message["actions"].as_array().is_some_and(|a| a.len() >= 3) {
            combined += 1;
        }
    }
    assert!(drafts >= 10, "{drafts} drafts");
    assert!(combined >= 1, "a message of three actions shows on {T}");
}

/// A reference listed for an application but not yet asked, and one who agreed.
fn references() -> Repo {
    let repo = Repo::new();
    repo.file(
        "goodwill.toml",
        "owner = \"Alex Rivera\"\nresume = \"https://example.org/cv.pdf\"\n",
    );
    repo.contact(
        "dana-fox",
        "name: Dana Fox\nemail: dana@example.org\nrelationship: mentor\ntalking_points: [Terraform modules]",
        "## Log\n- 2026-06-01 Lunch\n",
    );
    repo.contact(
        "omar-haddad",
        "name: Omar Haddad\nemail: omar@example.org\nrelationship: hiring-manager",
        "",
    );
    repo.application(
        "orchard-platform",
        "company: Orchard\nrole: Platform Engineer\nstatus: applied\napplied: 2026-11-20\nreferences: [dana-fox]\nhighlights: [mentoring]",
        "## Synopsis\nTerraform modules and on-call for [[omar-haddad]]'s team.\n\n## Log\n- 2026-11-20 Applied #applied\n",
    );
    repo
}

#[test]
fn permission_and_heads_up_are_one_ask_with_the_synopsis_and_no_thanks_for_agreeing() {
    let repo = references();
    let json = repo.due_json(T);
    let message = message_with(&json, "permission", Some("dana-fox"));
    assert_eq!(rules_of(&json, &message), ["permission", "heads-up"]);
    let key = message["key"].as_str().expect("key");
    let run = repo.run(&["--today", T, "draft", key]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let Printed { subject, body } = printed(&run.stdout);
    assert_eq!(
        subject,
        "Would you be a reference for me for Platform Engineer at Orchard?"
    );
    for expected in [
        "I would be grateful if you would be one of my references.",
        "If you agree, Orchard may contact you soon",
        // The synopsis, its link written as the person's name.
        "Terraform modules and on-call for Omar Haddad's team.",
        "- mentoring",
        "- Terraform modules",
        "My current resume: https://example.org/cv.pdf",
        "How and when would you like them to contact you?",
    ] {
        assert!(body.contains(expected), "{expected}: {body}");
    }
    assert!(!body.contains("agreeing"), "{body}");
    assert!(
        !body.contains("omar-haddad") && !body.contains("[["),
        "{body}"
    );
    assert_eq!(body.matches("Hi Dana,").count(), 1, "{body}");
    assert!(body.ends_with("Best,\nAlex Rivera"), "{body}");
    // An action's key prints the same message, and says whose it is.
    let permission = message["actions"][0].as_str().expect("action key");
    let by_action = repo.run(&["--today", T, "draft", permission]);
    assert!(by_action.stdout.contains(&body), "{}", by_action.stdout);
    assert!(
        by_action.stdout.contains(&format!(
            "`{permission}` (permission) is one of the 2 reasons of message `{key}`"
        )),
        "{}",
        by_action.stdout
    );

    // Once she agreed (and only then), the heads-up thanks her for it.
    repo.contact(
        "dana-fox",
        "name: Dana Fox\nemail: dana@example.org\nrelationship: mentor\ntalking_points: [Terraform modules]",
        "## Log\n- 2026-06-01 Lunch\n- 2026-11-21 Said yes on the phone #agreed\n",
    );
    let json = repo.due_json(T);
    let message = message_with(&json, "heads-up", Some("dana-fox"));
    assert_eq!(rules_of(&json, &message), ["heads-up"]);
    let run = repo.run(&["--today", T, "draft", message["key"].as_str().expect("key")]);
    let Printed { body, .. } = printed(&run.stdout);
    assert!(
        body.starts_with("Hi Dana,\n\nThank you again for agreeing to be one of my references."),
        "{body}"
    );
}

#[test]
fn after_a_no_one_short_note_thanks_asks_for_feedback_and_to_connect() {
    let repo = Repo::new();
    repo.file("goodwill.toml", "owner = \"Alex Rivera\"\n");
    repo.contact(
        "owen-fair",
        "name: Owen Fair\nemail: owen@example.org\nlinkedin: owen-fair\nrelationship: hiring-manager",
        "",
    );
    repo.contact(
        "rita-cole",
        "name: Rita Cole\nemail: rita@example.org\nrelationship: recruiter",
        "",
    );
    repo.application(
        "lumen-platform",
        "company: Lumen\nrole: Staff Engineer\nstatus: rejected\napplied: 2026-10-01\ndecided: 2026-11-18\ncontacts: [rita-cole, owen-fair]",
        "## Log\n- 2026-10-20 Final round with [[owen-fair]] #interview\n- 2026-10-20 [[owen-fair]] asked about ROS experience #question\n- 2026-11-18 [[owen-fair]] called with the no\n",
    );
    let json = repo.due_json(T);
    let message = message_with(&json, "rejection-thanks", None);
    assert_eq!(message["to"], "owen-fair", "whoever told you: {message}");
    assert_eq!(
        rules_of(&json, &message),
        ["rejection-thanks", "ask-feedback", "connect"]
    );
    let run = repo.run(&["--today", T, "draft", message["key"].as_str().expect("key")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Via:     email"), "{}", run.stdout);
    let Printed { subject, body } = printed(&run.stdout);
    assert_eq!(subject, "Thank you, Lumen");
    assert!(body.starts_with("Hi Owen,\n\nThank you for letting me know, and for the chance"));
    assert_eq!(
        body.matches("Thank you").count(),
        1,
        "thanks said once: {body}"
    );
    assert_eq!(body.matches("feedback").count(), 1, "one request: {body}");
    assert!(body.contains("brief feedback on my interviews"), "{body}");
    assert!(
        body.contains("may I connect with you on LinkedIn?"),
        "{body}"
    );
    assert!(!body.to_lowercase().contains("why"), "{body}");
    // Short: a few sentences.
    let sentences = body.matches(['.', '?', '!']).count();
    assert!(sentences <= 7, "{sentences} sentences: {body}");
}

#[test]
fn thanks_say_vouched_only_after_a_call_and_questions_name_people() {
    let repo = Repo::new();
    repo.file("goodwill.toml", "owner = \"Alex Rivera\"\n");
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org\nrelationship: supervisor",
        "## Log\n- 2026-09-01 Agreed to be my reference #agreed\n",
    );
    repo.contact(
        "omar-haddad",
        "name: Omar Haddad\nemail: omar@example.org\nrelationship: interviewer",
        "",
    );
    repo.application(
        "acme-sre",
        "company: Acme\nrole: SRE\nstatus: interviewing\napplied: 2026-10-01\nreferences: [jane-doe]\ncontacts: [omar-haddad]",
        "## Log\n- 2026-11-19 Panel with [[omar-haddad]] #interview\n- 2026-11-19 [[omar-haddad]] asked about ROS experience #question\n",
    );
    repo.application(
        "globex-ops",
        "company: Globex\nrole: Ops\nstatus: rejected\napplied: 2026-09-01\ndecided: 2026-11-10\nreferences: [jane-doe]",
        "",
    );
    let json = repo.due_json(T);
    let message = message_with(&json, "interview-update", Some("jane-doe"));
    let run = repo.run(&["--today", T, "draft", message["key"].as_str().expect("key")]);
    let Printed { body, .. } = printed(&run.stdout);
    assert!(
        body.contains("- Omar Haddad asked about ROS experience"),
        "{body}"
    );
    assert!(!body.contains("omar-haddad"), "{body}");
    // Nobody called her for Globex: she stood ready, she did not vouch.
    let thanks = message_with(&json, "thank-reference", Some("jane-doe"));
    let run = repo.run(&["--today", T, "draft", thanks["key"].as_str().expect("key")]);
    let Printed { body, .. } = printed(&run.stdout);
    assert!(!body.contains("you vouched"), "{body}");
    assert_eq!(body.matches("Hi Jane,").count(), 1, "{body}");
    // Once a call is logged, she did.
    repo.contact(
        "jane-doe",
        "name: Jane Doe\nemail: jane@example.org\nrelationship: supervisor",
        "## Log\n- 2026-09-01 Agreed to be my reference #agreed\n- 2026-10-15 Globex called her #reference-check [[globex-ops]]\n",
    );
    let json = repo.due_json(T);
    let thanks = message_with(&json, "thank-reference", Some("jane-doe"));
    let run = repo.run(&["--today", T, "draft", thanks["key"].as_str().expect("key")]);
    let Printed { body, .. } = printed(&run.stdout);
    assert!(body.contains("you vouched for me"), "{body}");
}

#[test]
fn after_a_no_on_linkedin_the_whole_note_fits_a_connection_note() {
    let repo = Repo::new();
    repo.file("goodwill.toml", "owner = \"Alex Rivera\"\n");
    repo.contact(
        "owen-fair",
        "name: Owen Fair\nlinkedin: owen-fair\nprefers: linkedin\nrelationship: hiring-manager",
        "",
    );
    repo.application(
        "lumen-platform",
        "company: Lumen\nrole: Staff Platform Engineer\nstatus: rejected\napplied: 2026-10-01\ndecided: 2026-11-18\ncontacts: [owen-fair]",
        "## Log\n- 2026-10-20 Final round with [[owen-fair]] #interview\n",
    );
    let json = repo.due_json(T);
    let message = message_with(&json, "connect", Some("owen-fair"));
    assert_eq!(
        rules_of(&json, &message),
        ["rejection-thanks", "ask-feedback", "connect"]
    );
    let run = repo.run(&["--today", T, "draft", message["key"].as_str().expect("key")]);
    assert!(run.stdout.contains("Via:     linkedin"), "{}", run.stdout);
    let Printed { body, .. } = printed(&run.stdout);
    assert!(body.chars().count() <= 200, "{body}");
    assert!(!body.ends_with('…'), "nothing cut: {body}");
    for expected in [
        "Thank you for letting me know",
        "brief feedback",
        "stay in touch",
    ] {
        assert!(body.contains(expected), "{expected}: {body}");
    }
}
