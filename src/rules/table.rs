//! The table of rules: every rule declared once, with its dashboard section, the tags that
//! settle it, the entry `goodwill done` writes, its draft template and its words. The
//! evaluator, the pages, `log`'s known tags, `done`, the drafts and `docs/rules.md` read
//! this table; nothing else lists rules or tags by hand (see `docs/rules.md`).

use super::Rule;
use crate::diag::Diagnostic;
use crate::duration::Duration;
use crate::model::tags::TagSet;
#[cfg(test)]
use crate::model::tags::{TAGS, is_known_tag};
use crate::settings::{Grace, SETTINGS_FILE, Settings};

/// A front-page section of today's work (`docs/dashboard.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Section {
    /// Overdue thank-yous.
    Thanks,
    /// Updates owed to references.
    References,
    /// Cheesecake check-ins at target companies.
    Cheesecake,
    /// Stale relationships.
    Stale,
    /// Feedback and follow-through.
    FollowThrough,
}

impl Section {
    /// Every section, in the order the front page shows them.
    pub(crate) const ALL: [Section; 5] = [
        Section::Thanks,
        Section::References,
        Section::Cheesecake,
        Section::Stale,
        Section::FollowThrough,
    ];

    /// The section's id: its anchor on the front page and the name of its full list.
    pub(crate) const fn id(self) -> &'static str {
        match self {
            Section::Thanks => "thanks",
            Section::References => "references",
            Section::Cheesecake => "cheesecake",
            Section::Stale => "stale",
            Section::FollowThrough => "follow-through",
        }
    }

    /// The section's heading.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Section::Thanks => "Thank-yous owed",
            Section::References => "Updates owed to references",
            Section::Cheesecake => "Cheesecake",
            Section::Stale => "Stale relationships",
            Section::FollowThrough => "Feedback and follow-through",
        }
    }

    /// One line under the heading.
    pub(crate) fn intro(self) -> &'static str {
        match self {
            Section::Thanks => "People who did something for you and have not heard back.",
            Section::References => {
                "Keep the people who vouch for you informed, before and after every call."
            }
            Section::Cheesecake => {
                "Something sweet, concise and valuable for people at your target companies."
            }
            Section::Stale => {
                "People you have not been in touch with for longer than their cadence."
            }
            Section::FollowThrough => "Close the loop with employers, and your own reminders.",
        }
    }

    /// The rules whose actions this section shows, in table order.
    pub(crate) fn rules(self) -> impl Iterator<Item = Rule> {
        RULES
            .iter()
            .filter(move |spec| spec.section == self)
            .map(|spec| spec.rule)
    }
}

/// The file `done` writes its entry into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DoneFile {
    /// The action's contact's file.
    Contact,
    /// The action's application's file.
    Application,
    /// The file the open task is written in.
    TaskFile,
}

/// The log entry `goodwill done KEY` writes to settle an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DoneEntry {
    /// Where it goes.
    pub file: DoneFile,
    /// The tag it carries, without `#`; `None` for a plain entry (any entry is a touch)
    /// and for `task`, which ticks its box instead.
    pub tag: Option<&'static str>,
    /// Whether it links the action's application (`[[application-id]]`); `thank-favor`
    /// links the applications of the favours it thanks for instead.
    pub links_application: bool,
    /// What the user did, in their voice and the past tense, for the default text
    /// (`--note TEXT` replaces it). `{who}` is the recipient's first name, `{at}` the
    /// application's company; `<first|then>` reads `first` where the phrase opens a line
    /// and `then` where it follows another (`<first>` drops out there), and a following
    /// phrase says "them" for `{who}` (`crate::write::lines`).
    pub did: &'static str,
    /// The same, to be done: after "Decided not to" (`skip`) and "Remind me:" (`later`).
    pub to_do: &'static str,
}

/// One rule, declared once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleSpec {
    /// The rule.
    pub rule: Rule,
    /// Its id, in JSON, on the dashboard and in `due`.
    pub id: &'static str,
    /// Its name in words, for people.
    pub name: &'static str,
    /// The front-page section its actions show in.
    pub section: Section,
    /// When it fires, in words (for the docs).
    #[cfg_attr(not(test), expect(dead_code, reason = "only docs/rules.md says it"))]
    pub when: &'static str,
    /// When its action is due, in words (for the docs).
    #[cfg_attr(not(test), expect(dead_code, reason = "only docs/rules.md says it"))]
    pub due: &'static str,
    /// The tags of an entry that settles it.
    pub settled_by: &'static [&'static str],
    /// The setting under `[rules]` that turns it off, if it can be turned off.
    pub switch: Option<Switch>,
    /// The setting under `[grace]` that says how long after its event it is due, if it
    /// has one.
    pub grace: Option<GraceOf>,
    /// The entry `done` writes.
    pub done: DoneEntry,
    /// Its draft template (`site-template/draft-ID.txt`, built in); `task` and `quiet`
    /// have none.
    pub draft: Option<Draft>,
    /// What the draft says, in words (for the docs).
    #[cfg_attr(not(test), expect(dead_code, reason = "only docs/rules.md says it"))]
    pub draft_says: &'static str,
    /// Its action's one-line title, naming the person, the application and what to do:
    /// `{name}` is the contact's name, `{app}` the application's title, `{company}` and
    /// `{role}` the application's, `{works_at}` the contact's company, `{ideas}` the
    /// contact's gift ideas in brackets, `{on}` the date of the entry behind it,
    /// `{text}` that entry's text, `{whose}` the contact's name or else the application's
    /// title (`crate::rules::describe`).
    pub title: &'static str,
    /// One line on why the action matters.
    pub why: &'static str,
    /// What the action does, in a message's title ("thank", "ask for feedback").
    pub verb: &'static str,
    /// Whether it is a check-in (`cheesecake`, `stale`): paced over the weeks, counted
    /// from the latest touch, and settled at most once a day by a touch.
    pub check_in: bool,
    /// How much a late action costs, in days of lateness it is worth: messages tied to a
    /// live process (a reference about to be called, an interviewer deciding, your own
    /// dated reminders) lose their point within days (14); thanks and closing notes within
    /// weeks (7); check-ins and cheesecake keep (0).
    pub weight: i64,
    /// Whether its action is about a reference of the application, so the reference's
    /// briefing helps.
    pub briefs: bool,
    /// Where its part goes in a message's draft, lowest first: news, then thanks, then
    /// asks. A request to be a reference opens the message, as what follows about that
    /// application builds on it.
    pub place: u8,
    /// Whether its part thanks the recipient, so later parts need not again.
    pub thanks: bool,
    /// Whether two of its actions in one message (a reference on two applications) make
    /// one part: the first's.
    pub one_part: bool,
    /// Whether, with no contact of its own, it is addressed to the person who told you the
    /// decision (`docs/rules.md`, "Messages") rather than to yourself.
    pub to_decider: bool,
    /// The event behind its action, whose day a captured mail must be on or after to
    /// answer it (`docs/capture.md`).
    pub event: Event,
}

/// The event behind an action ([`RuleSpec::event`]).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Event {
    /// `applied` of its application.
    Applied,
    /// The latest interview of its application on or before today.
    LastInterview,
    /// `decided` of its application.
    Decided,
    /// Its due date less its grace ([`RuleSpec::grace`]).
    BeforeDue,
    /// The latest touch of its contact on or before today.
    LastTouch,
    /// The date of its task.
    TaskDate,
    /// None: a note to yourself has no draft, so no mail answers it.
    Nothing,
}

/// A rule's switch: a key of `[rules]` in `goodwill.toml`; the rule is on unless the
/// file sets it to `false`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Switch {
    /// The key.
    pub key: &'static str,
}

/// A rule's grace: a key of `[grace]` in `goodwill.toml`, with its default.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GraceOf {
    /// The key.
    pub key: &'static str,
    /// Its value when the file does not set it.
    pub default: Duration,
    /// What it means, for `docs/settings.md`.
    #[cfg_attr(not(test), expect(dead_code, reason = "only docs/settings.md says it"))]
    pub meaning: &'static str,
}

/// The switch `[rules] $key`.
macro_rules! switch {
    ($key:ident) => {
        Some(Switch {
            key: stringify!($key),
        })
    };
}

/// The grace `[grace] $key`, `$default` unless the file sets it, and what it means.
macro_rules! grace {
    ($key:ident, $default:expr, $meaning:literal) => {
        Some(GraceOf {
            key: stringify!($key),
            default: $default,
            meaning: $meaning,
        })
    };
}

/// A rule's draft template, built in: a user's `site-template/` file of the same name
/// replaces it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Draft {
    /// `draft-ID.txt`.
    pub name: &'static str,
    /// The built-in source.
    pub source: &'static str,
}

/// The draft of rule `$id`: `site-template/draft-$id.txt`, built in.
macro_rules! draft {
    ($id:literal) => {
        Some(Draft {
            name: concat!("draft-", $id, ".txt"),
            source: include_str!(concat!("../../site-template/draft-", $id, ".txt")),
        })
    };
}

/// Tags that count as a thank-you.
pub(crate) const THANKS: &[&str] = &["thanks", "gift"];
/// Tags that count as a follow-up with the employer after a rejection.
pub(crate) const EMPLOYER_THANKS: &[&str] = &["thanks", "gift", "follow-up"];

/// What settles each rule ([`RuleSpec::settled_by`]) as a set, in the order of [`RULES`].
const SETTLED: [TagSet; RULES.len()] = {
    let mut sets = [TagSet::of(&[]); RULES.len()];
    let mut i = 0;
    while i < RULES.len() {
        // A `#skip/RULE` decision is read by RULE alone as its settling entry would be.
        sets[i] = TagSet::of(RULES[i].settled_by).or_skip(RULES[i].id);
        i += 1;
    }
    sets
};

const fn done(
    file: DoneFile,
    tag: Option<&'static str>,
    links_application: bool,
    did: &'static str,
    to_do: &'static str,
) -> DoneEntry {
    DoneEntry {
        file,
        tag,
        links_application,
        did,
        to_do,
    }
}

/// Every rule, in the order of `docs/rules.md`; `RULES[rule as usize].rule == rule`.
pub(crate) const RULES: &[RuleSpec] = &[
    RuleSpec {
        rule: Rule::Permission,
        id: "permission",
        name: "Ask a reference",
        section: Section::References,
        when: "*c* is in `references` of a prospect or active *a*, and no `#agreed` or `#asked` entry for (*c*, *a*) is dated within `limits.agreement_lasts` before T (inclusive)",
        due: "`applied` of *a*; T for a prospect",
        settled_by: &["asked", "agreed"],
        switch: None,
        grace: None,
        done: done(
            DoneFile::Contact,
            Some("asked"),
            true,
            "Asked {who} to be my reference< for {at}>",
            "ask {who} to be my reference< for {at}>",
        ),
        draft: draft!("permission"),
        draft_says: "asks whether they would be a reference for the role, what it is, what you hope they can speak to, and how and when they like to be contacted",
        title: "Ask {name} for permission to list them as a reference for {app}",
        why: "Ask before you list someone: a reference who agreed speaks up for you with conviction.",
        verb: "ask to be a reference",
        check_in: false,
        weight: 14,
        briefs: true,
        place: 0,
        thanks: false,
        one_part: false,
        to_decider: false,
        event: Event::Applied,
    },
    RuleSpec {
        rule: Rule::HeadsUp,
        id: "heads-up",
        name: "Reference heads-up",
        section: Section::References,
        when: "*c* is in `references` of active *a*, no `#heads-up` entry for (*c*, *a*)",
        due: "`applied` of *a*",
        settled_by: &["heads-up"],
        switch: None,
        grace: None,
        done: done(
            DoneFile::Contact,
            Some("heads-up"),
            true,
            "Sent {who} my resume and the synopsis< for {at}>",
            "send {who} my resume and the synopsis< for {at}>",
        ),
        draft: draft!("heads-up"),
        draft_says: "the employer may call: the role, the synopsis, highlights, their talking points, your resume",
        title: "Give {name} a heads-up about {app}: your resume and the synopsis",
        why: "An unannounced reference call is the worst thing you can do to a reference: send your resume and the synopsis first.",
        verb: "give a heads-up",
        check_in: false,
        weight: 14,
        briefs: true,
        place: 1,
        thanks: false,
        one_part: false,
        to_decider: false,
        event: Event::Applied,
    },
    RuleSpec {
        rule: Rule::InterviewUpdate,
        id: "interview-update",
        name: "Interview update",
        section: Section::References,
        when: "active *a* has an `#interview` entry; I = the latest one's date; reference *c* of *a* has no `#update` for (*c*, *a*) dated ≥ I",
        due: "I + `grace.interview_update`",
        settled_by: &["update"],
        switch: None,
        grace: grace!(
            interview_update,
            Duration::Days(2),
            "`interview-update` is due this long after the latest interview."
        ),
        done: done(
            DoneFile::Contact,
            Some("update"),
            true,
            "Told {who} how the interviews< at {at}> are going",
            "tell {who} how the interviews< at {at}> are going",
        ),
        draft: draft!("interview-update"),
        draft_says: "how the interviews went, what the interviewers cared about (`#question`), what may come up in a call",
        title: "Tell {name} how the interviews for {app} are going",
        why: "References who know where things stand can back you up when the employer calls.",
        verb: "tell how the interviews went",
        check_in: false,
        weight: 14,
        briefs: true,
        place: 2,
        thanks: true,
        one_part: false,
        to_decider: false,
        event: Event::LastInterview,
    },
    RuleSpec {
        rule: Rule::OutcomeUpdate,
        id: "outcome-update",
        name: "Tell how it ended",
        section: Section::References,
        when: "decided *a*; *c* is a reference of *a* or a **helper** of *a* (a contact in neither `references` nor `contacts` of *a* with a favour entry that concerns both *c* and *a*, or that concerns *c* and links a contact in *a*'s `contacts`), with no `#update` for (*c*, *a*) dated ≥ D",
        due: "D + `grace.outcome_update`",
        settled_by: &["update"],
        switch: None,
        grace: grace!(
            outcome_update,
            Duration::Days(2),
            "`outcome-update` is due this long after `decided`."
        ),
        done: done(
            DoneFile::Contact,
            Some("update"),
            true,
            "Told {who} how <{at}|it> ended",
            "tell {who} how <{at}|it> ended",
        ),
        draft: draft!("outcome-update"),
        draft_says: "how it ended: hired (the new role, thanks), not hired (grateful for their help, what you learned, still searching), declined or withdrawn; to a helper, what their introduction led to",
        title: "Tell {name} how {app} ended",
        why: "Your references invested in you: tell them how it ended, hired or not.",
        verb: "tell how it ended",
        check_in: false,
        weight: 7,
        briefs: true,
        place: 3,
        thanks: true,
        one_part: false,
        to_decider: false,
        event: Event::Decided,
    },
    RuleSpec {
        rule: Rule::ThankReference,
        id: "thank-reference",
        name: "Thank a reference",
        section: Section::Thanks,
        when: "decided *a*; reference *c* has no `#thanks`/`#gift` for (*c*, *a*) dated ≥ `applied`",
        due: "D + `grace.thank_reference`",
        settled_by: THANKS,
        switch: None,
        grace: grace!(
            thank_reference,
            Duration::Days(7),
            "`thank-reference` is due this long after `decided`."
        ),
        done: done(
            DoneFile::Contact,
            Some("thanks"),
            true,
            "Thanked {who} for being my reference< for {at}>",
            "thank {who} for being my reference< for {at}>",
        ),
        draft: draft!("thank-reference"),
        draft_says: "thanks for vouching for you, whatever the outcome",
        title: "Thank {name} for being your reference for {app}",
        why: "Thank references after every application, whatever the outcome.",
        verb: "thank",
        check_in: false,
        weight: 7,
        briefs: true,
        place: 10,
        thanks: true,
        one_part: true,
        to_decider: false,
        event: Event::Decided,
    },
    RuleSpec {
        rule: Rule::Gift,
        id: "gift",
        name: "Thank-you gift",
        section: Section::Thanks,
        when: "*a* accepted; reference *c* has no `#gift` for (*c*, *a*) dated ≥ `applied`",
        due: "D + `grace.gift`",
        settled_by: &["gift"],
        switch: switch!(gift),
        grace: grace!(
            gift,
            Duration::Days(14),
            "`gift` is due this long after `decided`."
        ),
        done: done(
            DoneFile::Contact,
            Some("gift"),
            true,
            "Sent {who} a thank-you gift< for {at}>",
            "send {who} a thank-you gift< for {at}>",
        ),
        draft: draft!("gift"),
        draft_says: "the note that goes with the gift (their `gift_ideas`)",
        title: "Send {name} a thank-you gift for {app}{ideas}",
        why: "You landed the job: a small personal gift says thank you like nothing else.",
        verb: "send a thank-you gift",
        check_in: false,
        weight: 7,
        briefs: true,
        place: 11,
        thanks: true,
        one_part: true,
        to_decider: false,
        event: Event::Decided,
    },
    RuleSpec {
        rule: Rule::ThankFavor,
        id: "thank-favor",
        name: "Thanks for a favour",
        section: Section::Thanks,
        when: "*c* has favour entries dated after the latest `#thanks`/`#gift` entry for *c* (all of them, if none); no application",
        due: "earliest such favour + `grace.thank_favor`",
        settled_by: THANKS,
        switch: None,
        grace: grace!(
            thank_favor,
            Duration::Days(3),
            "`thank-favor` is due this long after the earliest favour not yet thanked."
        ),
        done: done(
            DoneFile::Contact,
            Some("thanks"),
            true,
            "Thanked {who} for their help",
            "thank {who} for their help",
        ),
        draft: draft!("thank-favor"),
        draft_says: "thanks for the favour itself (the call, the letter, the introduction)",
        title: "Thank {name} for the favour{on}",
        why: "Every reference call, letter or introduction deserves its own thank-you.",
        verb: "thank for the favour",
        check_in: false,
        weight: 7,
        briefs: false,
        place: 12,
        thanks: true,
        one_part: true,
        to_decider: false,
        event: Event::BeforeDue,
    },
    RuleSpec {
        rule: Rule::InterviewerThanks,
        id: "interviewer-thanks",
        name: "Thank an interviewer",
        section: Section::Thanks,
        when: "active *a*; contact *p* is concerned by `#interview` entries for (*p*, *a*) dated after the latest `#thanks`/`#gift` for (*p*, *a*)",
        due: "earliest such interview + `grace.interviewer_thanks`",
        settled_by: THANKS,
        switch: None,
        grace: grace!(
            interviewer_thanks,
            Duration::Days(1),
            "`interviewer-thanks` is due this long after the interview."
        ),
        done: done(
            DoneFile::Contact,
            Some("thanks"),
            true,
            "Thanked {who} for the interview< at {at}>",
            "thank {who} for the interview< at {at}>",
        ),
        draft: draft!("interviewer-thanks"),
        draft_says: "thanks for the interview on its date, one point from the conversation to fill in, continued interest",
        title: "Thank {name} for the interview for {app}",
        why: "A prompt thank-you after an interview is remembered when decisions are made.",
        verb: "thank for the interview",
        check_in: false,
        weight: 14,
        briefs: false,
        place: 13,
        thanks: true,
        one_part: false,
        to_decider: false,
        event: Event::BeforeDue,
    },
    RuleSpec {
        rule: Rule::RejectionThanks,
        id: "rejection-thanks",
        name: "Gracious note after a no",
        section: Section::Thanks,
        when: "*a* rejected, has an `#interview` entry or a non-empty `contacts`, and no employer-side `#thanks`/`#follow-up` entry dated ≥ D; no contact",
        due: "D + `grace.rejection_thanks`",
        settled_by: EMPLOYER_THANKS,
        switch: None,
        grace: grace!(
            rejection_thanks,
            Duration::Days(3),
            "`rejection-thanks` is due this long after `decided`."
        ),
        done: done(
            DoneFile::Application,
            Some("thanks"),
            false,
            "Thanked {who} for the chance< at {at}>",
            "thank {who} for the chance< at {at}>",
        ),
        draft: draft!("rejection-thanks"),
        draft_says: "to the hiring manager or recruiter (else the company): thanks for the chance and for letting you know, interest in future openings; no \"why\"",
        title: "Send {company} a short, gracious note after the no for {role}",
        why: "One short, gracious note after a no keeps the door open for the next opening.",
        verb: "thank",
        check_in: false,
        weight: 7,
        briefs: false,
        place: 14,
        thanks: true,
        one_part: true,
        to_decider: true,
        event: Event::Decided,
    },
    RuleSpec {
        rule: Rule::AskFeedback,
        id: "ask-feedback",
        name: "Ask for feedback",
        section: Section::FollowThrough,
        when: "*a* rejected, has an `#interview` entry, no employer-side `#feedback` dated ≥ D; no contact",
        due: "D + `grace.ask_feedback`",
        settled_by: &["feedback"],
        switch: switch!(ask_feedback),
        grace: grace!(
            ask_feedback,
            Duration::Days(3),
            "`ask-feedback` is due this long after `decided`."
        ),
        done: done(
            DoneFile::Application,
            Some("feedback"),
            false,
            "Asked {who} for brief feedback on my interviews< at {at}>",
            "ask {who} for brief feedback on my interviews< at {at}>",
        ),
        draft: draft!("ask-feedback"),
        draft_says: "one polite request for brief feedback",
        title: "Ask {company} for feedback on your interviews for {role}",
        why: "Feedback after a rejection is the cheapest lesson you will get; ask once, politely.",
        verb: "ask for feedback",
        check_in: false,
        weight: 7,
        briefs: false,
        place: 20,
        thanks: false,
        one_part: false,
        to_decider: true,
        event: Event::Decided,
    },
    RuleSpec {
        rule: Rule::ShareFeedback,
        id: "share-feedback",
        name: "Share feedback",
        section: Section::FollowThrough,
        when: "*a* declined, no employer-side `#feedback` dated ≥ D; no contact",
        due: "D + `grace.share_feedback`",
        settled_by: &["feedback"],
        switch: switch!(share_feedback),
        grace: grace!(
            share_feedback,
            Duration::Days(7),
            "`share-feedback` is due this long after `decided`."
        ),
        done: done(
            DoneFile::Application,
            Some("feedback"),
            false,
            "Gave {who} feedback on <the process at {at}|their process>",
            "give {who} feedback on <the process at {at}|their process>",
        ),
        draft: draft!("share-feedback"),
        draft_says: "after declining: thanks for the offer, and brief, precise, professional feedback on their process",
        title: "Give {company} feedback on their process for {role}",
        why: "You declined: honest, prompt feedback on their process is a favour they will remember.",
        verb: "share feedback",
        check_in: false,
        weight: 7,
        briefs: false,
        place: 15,
        thanks: true,
        one_part: false,
        to_decider: true,
        event: Event::Decided,
    },
    RuleSpec {
        rule: Rule::Connect,
        id: "connect",
        name: "Connect on LinkedIn",
        section: Section::FollowThrough,
        when: "*a* rejected; *c* in `contacts` of *a* is a `hiring-manager` or `recruiter` with no `#connected` entry for *c*",
        due: "D + `grace.connect`",
        settled_by: &["connected"],
        switch: switch!(connect),
        grace: grace!(
            connect,
            Duration::Days(7),
            "`connect` is due this long after `decided`."
        ),
        done: done(
            DoneFile::Contact,
            Some("connected"),
            false,
            "Asked {who} to connect on LinkedIn",
            "ask {who} to connect on LinkedIn",
        ),
        draft: draft!("connect"),
        draft_says: "a LinkedIn connection note",
        title: "Connect with {name} of {company} on LinkedIn",
        why: "Connect with the people who hire there, so the next opening finds you.",
        verb: "ask to connect",
        check_in: false,
        weight: 0,
        briefs: false,
        place: 21,
        thanks: true,
        one_part: false,
        to_decider: false,
        event: Event::Decided,
    },
    RuleSpec {
        rule: Rule::Cheesecake,
        id: "cheesecake",
        name: "Something of value",
        section: Section::Cheesecake,
        when: "*c* is a check-in contact at a target company",
        due: "L + cadence, or T if *c* has no touch; paced",
        settled_by: &["cheesecake"],
        switch: None,
        grace: None,
        done: done(
            DoneFile::Contact,
            Some("cheesecake"),
            false,
            "Sent {who} something of value",
            "send {who} something of value",
        ),
        draft: draft!("cheesecake"),
        draft_says: "something of value for them: a slot for the link or news, no ask; to someone never touched, a short first hello: who you are, why their work caught your eye, no ask",
        title: "Send {name} at {works_at} something of value",
        why: "Something sweet, concise and valuable keeps you in mind at a company you want to join.",
        verb: "send something of value",
        check_in: true,
        weight: 0,
        briefs: false,
        place: 4,
        thanks: false,
        one_part: false,
        to_decider: false,
        event: Event::LastTouch,
    },
    RuleSpec {
        rule: Rule::Stale,
        id: "stale",
        name: "Check in",
        section: Section::Stale,
        when: "*c* is a check-in contact not at a target company and has at least one touch",
        due: "L + cadence; paced",
        settled_by: &[],
        switch: None,
        grace: None,
        done: done(
            DoneFile::Contact,
            None,
            false,
            "Checked in with {who}",
            "check in with {who}",
        ),
        draft: draft!("stale"),
        draft_says: "a short, warm check-in with news of yours, no ask",
        title: "Check in with {name}",
        why: "Nobody should hear from you only when you need them.",
        verb: "check in",
        check_in: true,
        weight: 0,
        briefs: false,
        place: 5,
        thanks: false,
        one_part: false,
        to_decider: false,
        event: Event::LastTouch,
    },
    RuleSpec {
        rule: Rule::Quiet,
        id: "quiet",
        name: "Where does it stand?",
        section: Section::FollowThrough,
        when: "*a* is `applied` or `interviewing`; Q = the latest of `applied` and the dates of employer-side entries for *a* (decisions aside; no action when *a* has neither); T ≥ Q + `grace.quiet`; no contact",
        due: "Q + `grace.quiet`",
        settled_by: &[],
        switch: switch!(quiet),
        grace: grace!(
            quiet,
            Duration::Weeks(6),
            "An `applied` or `interviewing` application with no news this long (since `applied` or its latest employer-side entry) raises `quiet`, which asks you where it stands."
        ),
        done: done(
            DoneFile::Application,
            None,
            false,
            "No news yet< from {at}>",
            "note that there is no news yet< from {at}>",
        ),
        draft: None,
        draft_says: "none: a note to yourself, with the choices (log news, mark it rejected or withdrawn, which tells its references, or put it off)",
        title: "No news from {app} for a while: settle where it stands",
        why: "An application that has gone quiet keeps its references waiting by the phone: log news, or close it so they hear how it ended.",
        verb: "settle where it stands",
        check_in: false,
        weight: 7,
        briefs: false,
        place: 31,
        thanks: true,
        one_part: false,
        to_decider: false,
        event: Event::Nothing,
    },
    RuleSpec {
        rule: Rule::Task,
        id: "task",
        name: "Your reminder",
        section: Section::FollowThrough,
        when: "an open task `- [ ] DATE …`; the contact and application of the file it is in",
        due: "its date",
        settled_by: &[],
        switch: None,
        grace: None,
        done: done(DoneFile::TaskFile, None, false, "", ""),
        draft: None,
        draft_says: "none: the task is your own",
        title: "{whose}: {text}",
        why: "You set yourself this reminder.",
        verb: "your reminder",
        check_in: false,
        weight: 14,
        briefs: false,
        place: 30,
        thanks: false,
        one_part: false,
        to_decider: false,
        event: Event::TaskDate,
    },
];

/// The id of every rule, in the order of the table (`docs/rules.md`).
pub fn rule_ids() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|spec| spec.id)
}

/// How many rules have a draft ([`RuleSpec::draft`]).
pub(crate) const DRAFTS: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < RULES.len() {
        if RULES[i].draft.is_some() {
            n += 1;
        }
        i += 1;
    }
    n
};

impl Rule {
    /// This rule's row of [`RULES`].
    pub(crate) fn spec(self) -> &'static RuleSpec {
        &RULES[self as usize]
    }

    /// Whether the rule is on in `settings` ([`RuleSpec::switch`]): a rule without a
    /// switch always is.
    pub(crate) fn is_on(self, settings: &Settings) -> bool {
        self.spec().switch.is_none_or(|switch| {
            settings
                .rules
                .set
                .get(switch.key)
                .is_none_or(|set| set.value)
        })
    }

    /// How long after its event the rule's action is due ([`RuleSpec::grace`]); no time
    /// for a rule without a grace.
    pub(crate) fn grace(self, grace: &Grace) -> Duration {
        self.spec().grace.map_or(Duration::Days(0), |of| {
            grace.rules.get(of.key).map_or(of.default, |set| set.value)
        })
    }

    /// Whether the rule is a check-in ([`RuleSpec::check_in`]).
    pub(crate) fn is_check_in(self) -> bool {
        self.spec().check_in
    }

    /// The set holding the decision `#skip/RULE` for this rule.
    pub(crate) fn skipped(self) -> TagSet {
        TagSet::skip(self.spec().id)
    }

    /// The rule a decision tag (`skip/RULE`, `later/RULE`) names, if it is a rule.
    pub(crate) fn of_decision(tag: &str) -> Option<Rule> {
        let (_, id) = crate::model::tags::Decision::parse(tag)?;
        RULES
            .iter()
            .find(|spec| spec.id == id)
            .map(|spec| spec.rule)
    }

    /// The tags that settle the rule ([`RuleSpec::settled_by`]) as a set.
    pub(crate) fn settled(self) -> TagSet {
        SETTLED[self as usize]
    }
}

/// Refuses a key of `[grace]` or `[rules]` that no rule's row names, as every other
/// unknown key of `goodwill.toml` is refused (`docs/settings.md`): the first in the file.
pub(crate) fn check_settings(settings: &Settings) -> Result<(), Diagnostic> {
    let graces = RULES
        .iter()
        .filter_map(|spec| spec.grace.map(|grace| grace.key));
    let graces: Vec<&str> = graces.chain(["together", "soon"]).collect();
    let switches: Vec<&str> = RULES
        .iter()
        .filter_map(|spec| spec.switch.map(|switch| switch.key))
        .collect();
    let grace = settings
        .grace
        .rules
        .iter()
        .map(|(key, set)| (key, set.line));
    let rules = settings.rules.set.iter().map(|(key, set)| (key, set.line));
    let unknown = grace
        .filter(|(key, _)| !graces.contains(&key.as_str()))
        .map(|(key, line)| (line, key, &graces))
        .chain(
            rules
                .filter(|(key, _)| !switches.contains(&key.as_str()))
                .map(|(key, line)| (line, key, &switches)),
        )
        .min();
    match unknown {
        None => Ok(()),
        Some((line, key, known)) => {
            let known: Vec<String> = known.iter().map(|key| format!("`{key}`")).collect();
            Err(Diagnostic::error(
                SETTINGS_FILE,
                Some(line),
                format!(
                    "unknown field `{key}`, expected one of {}; see docs/settings.md",
                    known.join(", ")
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_settles_a_rule_is_its_tags_and_its_skip() {
        let all: Vec<&str> = TAGS.iter().map(|spec| spec.tag).collect();
        for spec in RULES {
            let settled = spec.rule.settled();
            for tag in &all {
                let entry_tags = vec![(*tag).to_owned()];
                assert_eq!(
                    TagSet::among(&entry_tags).meets(settled),
                    spec.settled_by.contains(tag),
                    "{} / {tag}",
                    spec.id
                );
            }
            let skip = vec![format!("skip/{}", spec.id)];
            assert!(TagSet::among(&skip).skips(&skip, settled), "{}", spec.id);
            for other in RULES.iter().filter(|other| other.id != spec.id) {
                assert!(!TagSet::among(&skip).skips(&skip, other.rule.settled()));
            }
        }
    }

    #[test]
    fn a_rule_due_after_a_grace_says_so() {
        for spec in RULES {
            match spec.grace {
                Some(grace) => {
                    let key = format!("`grace.{}`", grace.key);
                    assert!(spec.due.contains(&key), "{}", spec.id);
                }
                None => assert!(!spec.due.contains("`grace."), "{}", spec.id),
            }
            if let Some(switch) = spec.switch {
                assert_eq!(switch.key, spec.id.replace('-', "_"));
            }
        }
    }

    #[test]
    fn the_rules_keys_of_grace_and_rules_are_read_and_others_refused_with_their_line() {
        let settings =
            Settings::parse("[grace]\nconnect = \"2w\"\nsoon = \"3d\"\n[rules]\ngift = false\n")
                .expect("valid TOML");
        assert_eq!(check_settings(&settings), Ok(()));
        assert_eq!(Rule::Connect.grace(&settings.grace), Duration::Weeks(2));
        assert_eq!(
            Rule::ShareFeedback.grace(&settings.grace),
            Duration::Days(7)
        );
        assert!(!Rule::Gift.is_on(&settings));
        assert!(Rule::Connect.is_on(&settings));
        // A key no rule's row names: the first in the file, with its line.
        for (text, line, key) in [
            ("[grace]\nsoon = \"3d\"\nconect = \"2w\"\n", 3, "conect"),
            (
                "[rules]\ngift = true\n\npermission = false\n",
                4,
                "permission",
            ),
            ("[rules]\nzzz = false\n[grace]\naaa = \"1d\"\n", 2, "zzz"),
        ] {
            let settings = Settings::parse(text).expect("valid TOML");
            let error = check_settings(&settings).expect_err(text);
            assert_eq!(error.line, Some(line), "{text}");
            assert!(
                error
                    .message
                    .starts_with(&format!("unknown field `{key}`, expected one of `")),
                "{}",
                error.message
            );
        }
        // A rule without a switch cannot be turned off, and its grace is its row's.
        let settings = Settings::default();
        assert!(Rule::Permission.is_on(&settings));
        assert_eq!(Rule::Quiet.grace(&settings.grace), Duration::Weeks(6));
    }

    #[test]
    fn rows_are_in_enum_order_with_unique_ids() {
        for (index, spec) in RULES.iter().enumerate() {
            assert_eq!(spec.rule as usize, index, "{} is out of order", spec.id);
            assert_eq!(spec.rule.spec().id, spec.id);
        }
        let mut ids: Vec<_> = RULES.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }

    #[test]
    fn every_rule_has_a_section_draft_and_done_entry() {
        for spec in RULES {
            assert!(Section::ALL.contains(&spec.section), "{}", spec.id);
            assert!(spec.section.rules().any(|r| r == spec.rule));
            if spec.rule == Rule::Task {
                assert!(spec.draft.is_none());
                assert_eq!(spec.done.file, DoneFile::TaskFile);
            } else if spec.rule == Rule::Quiet {
                // A note to yourself: no draft.
                assert!(spec.draft.is_none());
                assert!(!spec.done.did.is_empty() && !spec.done.to_do.is_empty());
            } else {
                assert_eq!(
                    spec.draft.map(|draft| draft.name).unwrap_or_default(),
                    format!("draft-{}.txt", spec.id)
                );
                assert!(!spec.done.did.is_empty(), "{}", spec.id);
                assert!(!spec.done.to_do.is_empty(), "{}", spec.id);
                assert_ne!(spec.done.file, DoneFile::TaskFile);
            }
            // The entry `done` writes carries a tag that settles the rule (or, for a plain
            // touch, the rule is settled by any entry).
            match spec.done.tag {
                Some(tag) => {
                    assert!(spec.settled_by.contains(&tag), "{}", spec.id);
                    assert!(is_known_tag(tag), "{}", spec.id);
                }
                None => assert!(spec.settled_by.is_empty(), "{}", spec.id),
            }
            for tag in spec.settled_by {
                assert!(is_known_tag(tag), "{tag} of {} is not in TAGS", spec.id);
            }
        }
    }
}
