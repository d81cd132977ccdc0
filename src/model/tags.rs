//! The tags that mean something to the rules, and the decisions (`#skip/RULE`,
//! `#later/RULE`): the vocabulary of the log (`docs/format.md`), declared once. Entries
//! carry their known tags as a [`TagSet`], so the rules compare bits, not strings. The
//! rules' own table (`crate::rules::table`) names these tags; this module knows nothing
//! of the rules.

/// Tags that mark a favour.
pub(crate) const FAVORS: &[&str] = &["reference-check", "letter", "intro", "favor"];

/// A set of the tags of [`TAGS`], a bit each, and whether an entry is a decision at all
/// (`#skip/…`, `#later/…`): what the rules test an entry's tags against, without comparing
/// strings. A set the rules ask about may also name one rule id whose `#skip/RULE`
/// decision it takes ([`TagSet::skip`]), which [`super::Entry::tagged`] looks up among a
/// decision's tags: the model knows the words of the format, not the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TagSet {
    bits: u64,
    skip: Option<&'static str>,
}

/// The bit every decision (`#skip/…` or `#later/…`, any rule) carries.
const DECISION_BIT: u64 = 1 << 63;

impl TagSet {
    /// The set of `tags`, each of which must be in [`TAGS`]: in a constant, a tag that is
    /// not stops the build.
    pub(crate) const fn of(tags: &[&str]) -> TagSet {
        let mut bits = 0;
        let mut i = 0;
        while i < tags.len() {
            match tag_bit(tags[i]) {
                Some(bit) => bits |= bit,
                None => panic!("a tag the rules read is missing from TAGS"),
            }
            i += 1;
        }
        TagSet { bits, skip: None }
    }

    /// The set of the tags of [`TAGS`] among `tags` (an entry's, lowercased); the others
    /// mean nothing to the rules. An entry with a decision tag (`#skip/RULE`,
    /// `#later/RULE`) is a decision and nothing else (`docs/format.md`, "Decisions"): its
    /// other tags count for nothing, and which rules it skips is read from its tags
    /// ([`TagSet::skips`]).
    pub(crate) fn among(tags: &[String]) -> TagSet {
        let mut decision = false;
        let mut plain = 0;
        for tag in tags {
            if Decision::parse(tag).is_some() {
                decision = true;
            } else if let Some(bit) = tag_bit(tag) {
                plain |= bit;
            }
        }
        let bits = if decision { DECISION_BIT } else { plain };
        TagSet { bits, skip: None }
    }

    /// The set holding the decision `#skip/RULE` for the rule of id `rule`.
    pub(crate) const fn skip(rule: &'static str) -> TagSet {
        TagSet {
            bits: 0,
            skip: Some(rule),
        }
    }

    /// This set, and the decision `#skip/RULE` for the rule of id `rule`.
    pub(crate) const fn or_skip(self, rule: &'static str) -> TagSet {
        TagSet {
            bits: self.bits,
            skip: Some(rule),
        }
    }

    /// Whether the two sets share a tag (the `#skip` decision aside: see
    /// [`TagSet::skips`]).
    pub(crate) const fn meets(self, other: TagSet) -> bool {
        self.bits & other.bits != 0
    }

    /// Whether an entry whose set is `self` and whose tags (lowercase) are `tags` is the
    /// decision `#skip/RULE` that `asked` holds.
    pub(crate) fn skips(self, tags: &[String], asked: TagSet) -> bool {
        let Some(rule) = asked.skip else {
            return false;
        };
        self.is_decision()
            && tags
                .iter()
                .any(|tag| Decision::parse(tag) == Some((Decision::Skip, rule)))
    }

    /// Whether the set is a decision's (`#skip/…` or `#later/…`): never a touch.
    pub(crate) const fn is_decision(self) -> bool {
        self.bits & DECISION_BIT != 0
    }
}

/// The two kinds of decision (`docs/format.md`, "Decisions").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// `#skip/RULE`: you chose not to do what RULE asks.
    Skip,
    /// `#later/RULE`: remind me of RULE's action again on this entry's date.
    Later,
}

impl Decision {
    /// The tag's prefix, with its `/`.
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Decision::Skip => "skip/",
            Decision::Later => "later/",
        }
    }

    /// The kind of a decision tag (lowercase, without `#`) and the rule id it names,
    /// known or not.
    pub(crate) fn parse(tag: &str) -> Option<(Decision, &str)> {
        [Decision::Skip, Decision::Later]
            .into_iter()
            .find_map(|kind| tag.strip_prefix(kind.prefix()).map(|rule| (kind, rule)))
    }
}

/// The bit of `tag` in a [`TagSet`], if it is in [`TAGS`].
const fn tag_bit(tag: &str) -> Option<u64> {
    let mut i = 0;
    while i < TAGS.len() {
        if same_text(TAGS[i].tag, tag) {
            return Some(1 << i);
        }
        i += 1;
    }
    None
}

/// `a == b`, usable in constants.
const fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

// Every tag has a bit of its own.
const _: () = assert!(TAGS.len() < 63);

/// `#interview` as a set.
pub(crate) const INTERVIEW: TagSet = TagSet::of(&["interview"]);
/// `#question` as a set.
pub(crate) const QUESTION: TagSet = TagSet::of(&["question"]);
/// `#agreed` as a set.
pub(crate) const AGREED: TagSet = TagSet::of(&["agreed"]);
/// `#follow-up` as a set.
pub(crate) const FOLLOW_UP: TagSet = TagSet::of(&["follow-up"]);
/// [`FAVORS`] as a set.
pub(crate) const FAVOR_TAGS: TagSet = TagSet::of(FAVORS);

/// A tag that means something to the rules.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TagSpec {
    /// The tag, without `#`.
    pub tag: &'static str,
    /// What it means.
    #[cfg_attr(not(test), expect(dead_code, reason = "only docs/rules.md says it"))]
    pub meaning: &'static str,
}

/// Every tag the rules read, with its meaning (`docs/format.md`).
pub(crate) const TAGS: &[TagSpec] = &[
    TagSpec {
        tag: "asked",
        meaning: "you asked the contact to be your reference",
    },
    TagSpec {
        tag: "agreed",
        meaning: "the contact agreed to be your reference",
    },
    TagSpec {
        tag: "heads-up",
        meaning: "you told a reference they may be called, with resume and synopsis",
    },
    TagSpec {
        tag: "update",
        meaning: "you told them how an application is going or how it ended",
    },
    TagSpec {
        tag: "thanks",
        meaning: "you thanked them",
    },
    TagSpec {
        tag: "gift",
        meaning: "you sent a thank-you gift (counts as `#thanks` too)",
    },
    TagSpec {
        tag: "cheesecake",
        meaning: "you sent something of value to them",
    },
    TagSpec {
        tag: "follow-up",
        meaning: "you followed up with the employer",
    },
    TagSpec {
        tag: "feedback",
        meaning: "you asked for, got, or gave feedback",
    },
    TagSpec {
        tag: "connected",
        meaning: "you connected on LinkedIn or another network",
    },
    TagSpec {
        tag: "interview",
        meaning: "an interview took place; the linked contacts interviewed you",
    },
    TagSpec {
        tag: "question",
        meaning: "a question you were asked in an interview (goes into reference briefings)",
    },
    TagSpec {
        tag: "reference-check",
        meaning: "a favour: the employer called them",
    },
    TagSpec {
        tag: "letter",
        meaning: "a favour: they wrote a letter for you",
    },
    TagSpec {
        tag: "intro",
        meaning: "a favour: they made an introduction",
    },
    TagSpec {
        tag: "favor",
        meaning: "a favour: they did something else for you",
    },
];

/// Whether `tag` (lowercase, without `#`) means something to the rules.
pub(crate) fn is_known_tag(tag: &str) -> bool {
    TAGS.iter().any(|spec| spec.tag == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_sets_say_what_comparing_the_tags_says() {
        let all: Vec<&str> = TAGS.iter().map(|spec| spec.tag).collect();
        for (i, tag) in all.iter().enumerate() {
            let entry_tags = vec![(*tag).to_owned(), "not-a-rule-tag".to_owned()];
            let set = TagSet::among(&entry_tags);
            for (j, other) in all.iter().enumerate() {
                assert_eq!(set.meets(TagSet::of(&[other])), i == j, "{tag} / {other}");
            }
        }
        assert_eq!(
            TagSet::among(&["not-a-rule-tag".to_owned()]),
            TagSet::default()
        );
        assert!(!TagSet::of(&all).meets(TagSet::default()));
    }

    #[test]
    fn a_decision_is_nothing_but_its_skips() {
        let tags = vec!["skip/stale".to_owned(), "thanks".to_owned()];
        let set = TagSet::among(&tags);
        assert!(set.is_decision());
        assert!(!set.meets(TagSet::of(&["thanks"])));
        assert!(set.skips(&tags, TagSet::skip("stale")));
        assert!(set.skips(&tags, TagSet::of(&["thanks"]).or_skip("stale")));
        assert!(!set.skips(&tags, TagSet::skip("quiet")));
        let plain = vec!["stale".to_owned()];
        assert!(!TagSet::among(&plain).skips(&plain, TagSet::skip("stale")));
    }
}
