//! Tests of drafts: encoding and send links, the subject, phones and LinkedIn, shortening,
//! the order of parts and question texts.

use super::parts::{parts_order, question_text};
use super::send::{MAX_LINK, MAX_LINKEDIN_NOTE, dial, encode, linkedin_url, mailto, shorten};
use super::split_subject;
use crate::rules::messages::Recipient;
use crate::rules::{Action, Message, Rule};
use chrono::NaiveDate;

#[test]
fn encoding_leaves_only_unreserved_characters() {
    assert_eq!(encode("a b&c=d?é\r\n", b""), "a%20b%26c%3Dd%3F%C3%A9%0D%0A");
    assert_eq!(encode("jane+x@example.org", b"@"), "jane%2Bx@example.org");
    assert_eq!(encode("é@", "é@".as_bytes()), "%C3%A9@");
}

#[test]
fn a_long_mailto_carries_the_subject_only() {
    let (short, paste) = mailto("a@example.org", "Hi", "Hello\nthere");
    assert_eq!(
        short,
        "mailto:a@example.org?subject=Hi&body=Hello%0D%0Athere"
    );
    assert!(!paste);
    let long = "x".repeat(MAX_LINK);
    let (href, paste) = mailto("a@example.org", "Hi", &long);
    assert_eq!(href, "mailto:a@example.org?subject=Hi");
    assert!(paste);
    // Exactly at the limit still carries the body.
    let fixed = "mailto:a@example.org?subject=Hi&body=".len();
    let (href, paste) = mailto("a@example.org", "Hi", &"y".repeat(MAX_LINK - fixed));
    assert_eq!(href.len(), MAX_LINK);
    assert!(!paste);
}

#[test]
fn subject_is_the_first_line_and_blank_runs_fold() {
    let (subject, body) = split_subject("\n Subject here \n\n\nHi,\n\n\n\nBye  \n\n");
    assert_eq!(subject, "Subject here");
    assert_eq!(body, "Hi,\n\nBye\n");
}

#[test]
fn phones_dial_digits_and_linkedin_becomes_a_link() {
    assert_eq!(dial("+49 (151) 123-45"), "+4915112345");
    assert_eq!(dial("0171 555"), "0171555");
    assert_eq!(dial("+"), "");
    assert_eq!(
        linkedin_url("linkedin.com/in/jane").as_deref(),
        Some("https://linkedin.com/in/jane")
    );
    assert_eq!(
        linkedin_url("jane-doe").as_deref(),
        Some("https://www.linkedin.com/in/jane-doe")
    );
    assert_eq!(linkedin_url("javascript alert"), None);
}

#[test]
fn shortening_cuts_at_a_word_within_the_limit() {
    let text = "word ".repeat(100);
    let short = shorten(&text, MAX_LINKEDIN_NOTE);
    assert!(short.chars().count() <= MAX_LINKEDIN_NOTE);
    assert!(short.ends_with("word…"), "{short}");
    assert_eq!(shorten("short", 200), "short");
}

/// The rules of a message's parts, for a message holding actions of `rules` in order.
fn parts_of(rules: &[(Rule, Option<usize>)]) -> Vec<Rule> {
    let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let actions: Vec<Action> = rules
        .iter()
        .map(|&(rule, application)| Action {
            rule,
            contact: Some(0),
            application,
            due: day,
            entry: None,
            spread_from: None,
        })
        .collect();
    let message = Message {
        recipient: Recipient::Contact(0),
        actions: (0..actions.len()).collect(),
        due: day,
        key: crate::rules::ActionKey {
            full: String::new(),
            shown: 0,
        },
    };
    parts_order(&message, &actions)
        .into_iter()
        .map(|i| actions[i].rule)
        .collect()
}

#[test]
fn parts_go_news_then_thanks_then_asks_and_thanks_of_one_rule_once() {
    use Rule::*;
    let a = Some(0);
    assert_eq!(
        parts_of(&[(Connect, a), (AskFeedback, a), (RejectionThanks, a)]),
        [RejectionThanks, AskFeedback, Connect]
    );
    assert_eq!(
        parts_of(&[(HeadsUp, a), (Permission, a)]),
        [Permission, HeadsUp]
    );
    assert_eq!(
        parts_of(&[(ThankReference, a), (OutcomeUpdate, a)]),
        [OutcomeUpdate, ThankReference]
    );
    assert_eq!(
        parts_of(&[
            (ThankReference, a),
            (ThankReference, Some(1)),
            (Stale, None)
        ]),
        [Stale, ThankReference]
    );
}

#[test]
fn questions_lose_tags_and_link_brackets() {
    let repo = crate::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(
        question_text(&repo, "Asked about [[raj-patel|Raj]]'s SLOs #question #x"),
        "Asked about Raj's SLOs"
    );
    assert_eq!(
        question_text(&repo, "[[raj-patel]] asked about ROS #question"),
        "Raj Patel asked about ROS"
    );
    // A link to nobody on file is written as words, never as an id.
    assert_eq!(
        question_text(&repo, "[[omar-haddad]] asked about ROS #question"),
        "omar haddad asked about ROS"
    );
}
