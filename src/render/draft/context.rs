//! The structs draft templates see: a part's [`DraftContext`] and the frame's
//! [`MessageContext`], with what they hold about the person, the application and the
//! favour; and the finished [`Draft`] with its [`SendLink`]s.
//!
//! Privacy is structural: these contexts are the only thing a shareable text sees, so they
//! hold what is meant to be shared and nothing else (no private notes, no other log text),
//! links written as names.

use crate::rules::Channel;
use chrono::NaiveDate;
use serde::Serialize;

/// What a draft template may use about the person it is addressed to.
#[derive(Debug, Serialize)]
pub(crate) struct PersonContext<'r> {
    /// Full name.
    pub name: &'r str,
    /// First word of the name.
    pub first_name: &'r str,
    /// Where they work now.
    pub company: Option<&'r str>,
    /// Their job title.
    pub title: Option<&'r str>,
    /// What they can speak to about you.
    pub talking_points: Vec<String>,
    /// What they would enjoy as a gift.
    pub gift_ideas: Option<String>,
}

/// What a draft template may use about the application.
#[derive(Debug, Serialize)]
pub(crate) struct ApplicationContext<'r> {
    /// The company.
    pub company: &'r str,
    /// The role.
    pub role: &'r str,
    /// `Role at Company`.
    pub title: String,
    /// Its status word.
    pub status: &'static str,
    /// `applied`
    pub applied: Option<NaiveDate>,
    /// `decided`
    pub decided: Option<NaiveDate>,
    /// The `## Synopsis` section, links written as names.
    pub synopsis: String,
    /// What references should emphasise.
    pub highlights: Vec<String>,
}

/// The favour a `thank-favor` draft thanks for.
#[derive(Debug, Serialize)]
pub(crate) struct FavorContext {
    /// In words: `taking the reference call`, `the letter`, `the introduction`, `your help`.
    pub what: &'static str,
    /// When it happened.
    pub date: NaiveDate,
}

/// Every variable a part template receives (`docs/templates.md`, "Drafts").
#[derive(Debug, Serialize)]
pub(crate) struct DraftContext<'r> {
    /// The rule id.
    pub rule: &'static str,
    /// How it will be sent: `email`, `text`, `phone`, `linkedin`, `in-person`, `none`.
    pub channel: &'static str,
    /// Whether the channel wants a short message (text, LinkedIn).
    pub short: bool,
    /// Whether it will be said rather than written (phone, in person).
    pub spoken: bool,
    /// The owner's name (`owner` in goodwill.toml), or empty.
    pub owner: &'r str,
    /// The resume link (`resume` in goodwill.toml), or empty.
    pub resume: &'r str,
    /// The first name of whom it is addressed to, or empty (then: the company).
    pub to_name: &'r str,
    /// The person it is addressed to.
    pub contact: Option<PersonContext<'r>>,
    /// The application it is about.
    pub application: Option<ApplicationContext<'r>>,
    /// `#question` entries of the application, their text without the tag, links
    /// written as names.
    pub questions: Vec<String>,
    /// The latest interview of the application with this person (or any, for updates).
    pub interview: Option<NaiveDate>,
    /// For `thank-favor`: the favour.
    pub favor: Option<FavorContext>,
    /// For `cheesecake`: whether they have never been touched, so the draft is a first
    /// hello (who you are, why their work caught your eye) rather than "I thought of you".
    pub first_hello: bool,
    /// For `outcome-update` to a **helper** (not a reference): what they did that led here.
    pub helper: Option<HelperContext<'r>>,
    /// Whether the recipient has agreed to be a reference (an `#agreed` entry by
    /// today): only then may a draft thank them for agreeing.
    pub agreed: bool,
    /// Whether a favour entry says the recipient took a reference call or wrote a letter
    /// for this application: only then may a draft say they vouched for you.
    pub vouched: bool,
    /// Whether the same message asks them to be a reference (a `permission` part): the
    /// heads-up then comes with the ask, "if you agree".
    pub asking: bool,
    /// Whether the same message gives a heads-up for this application: the permission
    /// part then leaves the details to it.
    pub heads_up: bool,
    /// Whether an earlier part of the message already thanked them: thanks are said once.
    pub thanked: bool,
    /// Whether this is the message's only part.
    pub alone: bool,
    /// Whether this is the message's last part: only the last promises what comes next.
    pub last: bool,
}

/// What a helper did for an application: the favour behind their `outcome-update`.
#[derive(Debug, Serialize)]
pub(crate) struct HelperContext<'r> {
    /// In words, theirs: `your introduction`, `your letter`, `your call`, `your help`.
    pub what: &'static str,
    /// The name of the person at the employer the favour linked (`Raj Mehta`), if any.
    pub introduced: Option<&'r str>,
}

/// One part of a message, rendered, for the frame.
#[derive(Debug, Serialize)]
pub(crate) struct PartText {
    /// The rule id.
    pub rule: &'static str,
    /// The part's subject line.
    pub subject: String,
    /// The part's text.
    pub text: String,
}

/// Every variable the frame (`draft-message.txt`) receives.
#[derive(Debug, Serialize)]
pub(crate) struct MessageContext<'r> {
    /// The subject: the first part's, or a general one when the parts are about more
    /// than one application.
    pub subject: String,
    /// The parts, in the message's order.
    pub parts: Vec<PartText>,
    /// How it will be sent.
    pub channel: &'static str,
    /// Whether the channel wants a short message (text, LinkedIn).
    pub short: bool,
    /// Whether it will be said rather than written (phone, in person): no sign-off.
    pub spoken: bool,
    /// The owner's name, or empty.
    pub owner: &'r str,
    /// The first name of whom it is addressed to, or empty.
    pub to_name: &'r str,
    /// The company, when the message goes to an application with no one to address.
    pub company: &'r str,
}

/// A link that sends the draft.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct SendLink {
    /// The button's words.
    pub label: &'static str,
    /// `mailto:`, `sms:`, `tel:` or the LinkedIn profile.
    pub href: String,
    /// `mailto`, `sms`, `tel` or `linkedin`.
    pub kind: &'static str,
}

/// A ready-to-send message.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Draft {
    /// How it is meant to be sent.
    pub channel: Channel,
    /// Whom it is addressed to, in words.
    pub to_name: String,
    /// The address: email, phone number or profile.
    pub to: Option<String>,
    /// The first email address, for the page's script that rebuilds the `mailto:` link.
    pub email: Option<String>,
    /// The subject line.
    pub subject: String,
    /// The message.
    pub body: String,
    /// The links that send it, the preferred one first; each at most
    /// [`MAX_LINK`](super::send::MAX_LINK).
    pub links: Vec<SendLink>,
    /// Whether the message was too long for a `mailto:` link, which then carries the
    /// subject only: the page says to paste the copied text.
    pub paste: bool,
    /// What to add to the file so the draft can be sent, when no way to reach them is
    /// on file.
    pub missing: Option<String>,
    /// What to fill in goodwill.toml so the draft is complete (`owner`, `resume`).
    pub fill_in: Vec<String>,
}
