//! Integration tests: the rules of `docs/rules.md` and `docs/checkins.md`, written from their text.
//!
//! Every test builds its own small fixture and reads `due --json` as of [`T`]
//! (2026-11-22) unless it says otherwise. All people and companies are fictional.

use crate::support::{Repo, actions, cautions, of_rule, t};

/// Today in most tests.
const T: &str = "2026-11-22";

/// A contact `id` with a name made from the id, an email, extra front matter lines and a body.
fn person(repo: &Repo, id: &str, extra: &str, body: &str) {
    let name: Vec<String> = id
        .split('-')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().collect::<String>() + chars.as_str()
            })
        })
        .collect();
    let mut front = format!("name: {}\nemail: {id}@example.org", name.join(" "));
    if !extra.is_empty() {
        front.push('\n');
        front.push_str(extra);
    }
    repo.contact(id, &front, body);
}

/// An application `id`; `company: Acme Robotics` and `role: SRE` unless `front` sets them.
fn app(repo: &Repo, id: &str, front: &str, body: &str) {
    let mut text = String::new();
    if !front.contains("company:") {
        text.push_str("company: Acme Robotics\n");
    }
    if !front.contains("role:") {
        text.push_str("role: SRE\n");
    }
    text.push_str(front);
    repo.application(id, &text, body);
}

/// `goodwill.toml`.
fn settings(repo: &Repo, toml: &str) {
    repo.file("goodwill.toml", toml);
}

/// No diagnostics at all: fixtures are meant to be clean.
fn clean(json: &serde_json::Value) {
    assert_eq!(
        json["diagnostics"].as_array().map(Vec::len),
        Some(0),
        "unexpected diagnostics: {}",
        json["diagnostics"]
    );
}

/// Actions of a rule in a fixture, checking the fixture raised no diagnostics.
fn rule(repo: &Repo, today: &str, name: &str) -> Vec<(String, String, String)> {
    let json = repo.due_json(today);
    clean(&json);
    of_rule(&json, name)
}

/// Cautions of a rule as `(contact, application, until)`.
fn caution(repo: &Repo, today: &str, name: &str) -> Vec<(String, String, String)> {
    let json = repo.due_json(today);
    clean(&json);
    cautions(&json)
        .into_iter()
        .filter(|(r, ..)| r == name)
        .map(|(_, c, a, u)| (c, a, u))
        .collect()
}

/// A reference `jane-doe` and an application `acme-sre` that lists her; for reference rules.
fn reference_fixture(app_front: &str, app_body: &str, jane_body: &str) -> Repo {
    let repo = Repo::new();
    person(&repo, "jane-doe", "relationship: supervisor", jane_body);
    app(
        &repo,
        "acme-sre",
        &format!("{app_front}\nreferences: [jane-doe]"),
        app_body,
    );
    repo
}

const ACTIVE: &str = "status: interviewing\napplied: 2026-10-01";
const REJECTED: &str = "status: rejected\napplied: 2026-10-01\ndecided: 2026-11-15";
const ACCEPTED: &str = "status: accepted\napplied: 2026-10-01\ndecided: 2026-11-15";
const DECLINED: &str = "status: declined\napplied: 2026-10-01\ndecided: 2026-11-15";
const WITHDRAWN: &str = "status: withdrawn\napplied: 2026-10-01\ndecided: 2026-11-15";

// ---------------------------------------------------------------- heads-up

#[test]
fn heads_up_fires_on_applied_date() {
    let repo = reference_fixture(ACTIVE, "", "## Log\n- 2026-09-20 #agreed\n");
    assert_eq!(
        rule(&repo, T, "heads-up"),
        vec![t("jane-doe", "acme-sre", "2026-10-01")]
    );
}

#[test]
fn heads_up_not_for_prospect_or_decided() {
    for front in ["status: prospect", REJECTED, ACCEPTED, DECLINED, WITHDRAWN] {
        let repo = reference_fixture(front, "", "");
        assert_eq!(rule(&repo, T, "heads-up"), vec![], "{front}");
    }
}

#[test]
fn heads_up_satisfied_by_unscoped_entry_in_contact_file() {
    let repo = reference_fixture(
        ACTIVE,
        "",
        "## Log\n- 2026-10-02 Sent resume and synopsis #heads-up\n",
    );
    assert_eq!(rule(&repo, T, "heads-up"), vec![]);
}

#[test]
fn unscoped_heads_up_concerns_every_application_listing_the_contact() {
    let repo = reference_fixture(ACTIVE, "", "## Log\n- 2026-10-02 Sent resume #heads-up\n");
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: applied\napplied: 2026-10-05\nreferences: [jane-doe]",
        "",
    );
    // Listed only in `contacts` of this one: it is concerned too, but heads-up is for references.
    app(
        &repo,
        "initech-dev",
        "company: Initech\nstatus: applied\napplied: 2026-10-06\ncontacts: [jane-doe]",
        "",
    );
    assert_eq!(rule(&repo, T, "heads-up"), vec![]);
}

#[test]
fn scoped_heads_up_concerns_only_the_linked_application() {
    let repo = reference_fixture(
        ACTIVE,
        "",
        "## Log\n- 2026-10-02 Sent resume #heads-up [[acme-sre]]\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: applied\napplied: 2026-10-05\nreferences: [jane-doe]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "heads-up"),
        vec![t("jane-doe", "globex-pm", "2026-10-05")]
    );
}

#[test]
fn scoped_heads_up_with_label_or_markdown_link() {
    let repo = reference_fixture(
        ACTIVE,
        "",
        "## Log\n- 2026-10-02 Sent resume #heads-up [[acme-sre|Acme]]\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: applied\napplied: 2026-10-05\nreferences: [jane-doe]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "heads-up"),
        vec![t("jane-doe", "globex-pm", "2026-10-05")]
    );

    let repo = reference_fixture(
        ACTIVE,
        "",
        "## Log\n- 2026-10-02 Sent resume #heads-up [Acme](../applications/acme-sre.md)\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: applied\napplied: 2026-10-05\nreferences: [jane-doe]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "heads-up"),
        vec![t("jane-doe", "globex-pm", "2026-10-05")]
    );
}

#[test]
fn heads_up_in_application_file_concerns_linked_contacts_only() {
    let repo = Repo::new();
    person(&repo, "jane-doe", "", "");
    person(&repo, "omar-haddad", "", "");
    app(
        &repo,
        "acme-sre",
        &format!("{ACTIVE}\nreferences: [jane-doe, omar-haddad]"),
        "Synopsis.\n\n## Log\n- 2026-10-02 Briefed [[jane-doe]] #heads-up\n",
    );
    assert_eq!(
        rule(&repo, T, "heads-up"),
        vec![t("omar-haddad", "acme-sre", "2026-10-01")]
    );
}

#[test]
fn heads_up_unlinked_in_application_file_concerns_no_contact() {
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- 2026-10-02 Briefed everyone #heads-up\n",
        "",
    );
    assert_eq!(
        rule(&repo, T, "heads-up"),
        vec![t("jane-doe", "acme-sre", "2026-10-01")]
    );
}

#[test]
fn heads_up_in_another_contacts_file_does_not_concern_her() {
    // An entry in contact file c concerns c and applications, never other contacts it links.
    let repo = reference_fixture(ACTIVE, "", "");
    person(
        &repo,
        "omar-haddad",
        "",
        "## Log\n- 2026-10-02 Told him about [[jane-doe]] #heads-up\n",
    );
    assert_eq!(
        rule(&repo, T, "heads-up"),
        vec![t("jane-doe", "acme-sre", "2026-10-01")]
    );
}

#[test]
fn heads_up_dated_today_counts_tomorrow_does_not() {
    let repo = reference_fixture(ACTIVE, "", "## Log\n- 2026-11-22 Sent resume #heads-up\n");
    assert_eq!(rule(&repo, T, "heads-up"), vec![]);
    let repo = reference_fixture(ACTIVE, "", "## Log\n- 2026-11-23 Send resume #heads-up\n");
    assert_eq!(
        rule(&repo, T, "heads-up"),
        vec![t("jane-doe", "acme-sre", "2026-10-01")]
    );
}

#[test]
fn heads_up_before_applied_still_counts() {
    // The rule asks for any #heads-up for (c, a); a heads-up before applying is the advice.
    let repo = reference_fixture(
        ACTIVE,
        "",
        "## Log\n- 2026-09-25 Sent resume #heads-up [[acme-sre]]\n",
    );
    assert_eq!(rule(&repo, T, "heads-up"), vec![]);
}

// ---------------------------------------------------------------- interview-update

#[test]
fn interview_update_due_two_days_after_latest_interview() {
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- 2026-11-03 Phone screen #interview\n- 2026-11-10 Onsite #interview\n",
        "## Log\n- 2026-11-05 Told her the screen went well #update\n",
    );
    assert_eq!(
        rule(&repo, T, "interview-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-12")]
    );
}

#[test]
fn interview_update_satisfied_by_update_dated_on_interview_day() {
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Onsite #interview\n",
        "## Log\n- 2026-11-10 Told her how it went #update\n",
    );
    assert_eq!(rule(&repo, T, "interview-update"), vec![]);
}

#[test]
fn interview_update_not_satisfied_by_update_the_day_before() {
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Onsite #interview\n",
        "## Log\n- 2026-11-09 Told her it is tomorrow #update\n",
    );
    assert_eq!(
        rule(&repo, T, "interview-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-12")]
    );
}

#[test]
fn interview_update_ignores_planned_interview() {
    let repo = reference_fixture(ACTIVE, "## Log\n- 2026-11-25 Onsite #interview\n", "");
    assert_eq!(rule(&repo, T, "interview-update"), vec![]);
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Screen #interview\n- 2026-11-25 Onsite #interview\n",
        "",
    );
    assert_eq!(
        rule(&repo, T, "interview-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-12")]
    );
}

#[test]
fn interview_update_planned_update_does_not_count() {
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Onsite #interview\n",
        "## Log\n- 2026-11-23 Tell her #update\n",
    );
    assert_eq!(
        rule(&repo, T, "interview-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-12")]
    );
}

#[test]
fn interview_update_from_interview_entry_in_interviewers_file() {
    let repo = reference_fixture(&format!("{ACTIVE}\ncontacts: [bob-stone]"), "", "");
    person(
        &repo,
        "bob-stone",
        "relationship: interviewer",
        "## Log\n- 2026-11-10 He interviewed me #interview [[acme-sre]]\n",
    );
    assert_eq!(
        rule(&repo, T, "interview-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-12")]
    );
}

#[test]
fn interview_update_scoped_update_for_other_application_does_not_count() {
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Onsite #interview\n",
        "## Log\n- 2026-11-12 Told her about Globex #update [[globex-pm]]\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: applied\napplied: 2026-10-05\nreferences: [jane-doe]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "interview-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-12")]
    );
}

#[test]
fn interview_update_update_in_application_file_linking_her_counts() {
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Onsite #interview\n- 2026-11-11 Updated [[jane-doe]] #update\n",
        "",
    );
    assert_eq!(rule(&repo, T, "interview-update"), vec![]);
}

#[test]
fn interview_update_not_for_decided_application() {
    let repo = reference_fixture(REJECTED, "## Log\n- 2026-11-10 Onsite #interview\n", "");
    assert_eq!(rule(&repo, T, "interview-update"), vec![]);
}

#[test]
fn interview_update_without_interview_nothing() {
    let repo = reference_fixture(ACTIVE, "", "");
    assert_eq!(rule(&repo, T, "interview-update"), vec![]);
}

#[test]
fn interview_update_grace_from_settings() {
    let repo = reference_fixture(ACTIVE, "## Log\n- 2026-11-10 Onsite #interview\n", "");
    settings(&repo, "[grace]\ninterview_update = \"1w\"\n");
    assert_eq!(
        rule(&repo, T, "interview-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-17")]
    );
}

// ---------------------------------------------------------------- outcome-update

#[test]
fn outcome_update_due_two_days_after_decision() {
    for front in [REJECTED, ACCEPTED, DECLINED, WITHDRAWN] {
        let repo = reference_fixture(front, "", "");
        assert_eq!(
            rule(&repo, T, "outcome-update"),
            vec![t("jane-doe", "acme-sre", "2026-11-17")],
            "{front}"
        );
    }
}

#[test]
fn outcome_update_satisfied_by_update_dated_on_decision_day() {
    let repo = reference_fixture(
        REJECTED,
        "",
        "## Log\n- 2026-11-15 Told her I did not get it #update\n",
    );
    assert_eq!(rule(&repo, T, "outcome-update"), vec![]);
}

#[test]
fn outcome_update_not_satisfied_by_update_before_decision() {
    let repo = reference_fixture(
        REJECTED,
        "",
        "## Log\n- 2026-11-14 Told her about the onsite #update\n",
    );
    assert_eq!(
        rule(&repo, T, "outcome-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-17")]
    );
}

#[test]
fn outcome_update_planned_update_does_not_count() {
    let repo = reference_fixture(REJECTED, "", "## Log\n- 2026-11-23 Tell her #update\n");
    assert_eq!(
        rule(&repo, T, "outcome-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-17")]
    );
}

#[test]
fn outcome_update_scoped_to_other_application_does_not_count() {
    let repo = reference_fixture(
        REJECTED,
        "",
        "## Log\n- 2026-11-16 Told her #update [[globex-pm]]\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: applied\napplied: 2026-10-05\nreferences: [jane-doe]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "outcome-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-17")]
    );
}

#[test]
fn outcome_update_unscoped_update_covers_all_her_applications() {
    let repo = reference_fixture(
        REJECTED,
        "",
        "## Log\n- 2026-11-16 Told her both outcomes #update\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: rejected\napplied: 2026-10-05\ndecided: 2026-11-16\nreferences: [jane-doe]",
        "",
    );
    assert_eq!(rule(&repo, T, "outcome-update"), vec![]);
}

#[test]
fn outcome_update_not_for_active_application() {
    let repo = reference_fixture(ACTIVE, "", "");
    assert_eq!(rule(&repo, T, "outcome-update"), vec![]);
}

#[test]
fn outcome_update_grace_from_settings() {
    let repo = reference_fixture(REJECTED, "", "");
    settings(&repo, "[grace]\noutcome_update = \"5d\"\n");
    assert_eq!(
        rule(&repo, T, "outcome-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-20")]
    );
}

// ---------------------------------------------------------------- thank-reference

#[test]
fn thank_reference_due_a_week_after_decision() {
    for front in [REJECTED, ACCEPTED, DECLINED, WITHDRAWN] {
        let repo = reference_fixture(front, "", "");
        assert_eq!(
            rule(&repo, T, "thank-reference"),
            vec![t("jane-doe", "acme-sre", "2026-11-22")],
            "{front}"
        );
    }
}

#[test]
fn thank_reference_satisfied_by_thanks_dated_on_applied() {
    let repo = reference_fixture(
        REJECTED,
        "",
        "## Log\n- 2026-10-01 Thanked her for agreeing #thanks\n",
    );
    assert_eq!(rule(&repo, T, "thank-reference"), vec![]);
}

#[test]
fn thank_reference_not_satisfied_by_thanks_before_applied() {
    let repo = reference_fixture(REJECTED, "", "## Log\n- 2026-09-30 Thanked her #thanks\n");
    assert_eq!(
        rule(&repo, T, "thank-reference"),
        vec![t("jane-doe", "acme-sre", "2026-11-22")]
    );
}

#[test]
fn thank_reference_satisfied_by_gift() {
    let repo = reference_fixture(ACCEPTED, "", "## Log\n- 2026-11-16 Sent cookies #gift\n");
    assert_eq!(rule(&repo, T, "thank-reference"), vec![]);
}

#[test]
fn thank_reference_planned_thanks_does_not_count() {
    let repo = reference_fixture(REJECTED, "", "## Log\n- 2026-11-23 Thank her #thanks\n");
    assert_eq!(
        rule(&repo, T, "thank-reference"),
        vec![t("jane-doe", "acme-sre", "2026-11-22")]
    );
}

#[test]
fn thank_reference_scoped_to_other_application_does_not_count() {
    let repo = reference_fixture(
        REJECTED,
        "",
        "## Log\n- 2026-11-16 Thanked her #thanks [[globex-pm]]\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: applied\napplied: 2026-10-05\nreferences: [jane-doe]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "thank-reference"),
        vec![t("jane-doe", "acme-sre", "2026-11-22")]
    );
}

#[test]
fn thank_reference_in_application_file_linking_her() {
    let repo = reference_fixture(
        REJECTED,
        "## Log\n- 2026-11-16 Thanked [[Jane Doe]] #thanks\n",
        "",
    );
    assert_eq!(rule(&repo, T, "thank-reference"), vec![]);
}

#[test]
fn thank_reference_without_applied_any_thanks_counts() {
    let repo = reference_fixture(
        "status: rejected\ndecided: 2026-11-15",
        "",
        "## Log\n- 2025-01-10 Thanked her long ago #thanks\n",
    );
    let json = repo.due_json(T);
    assert_eq!(of_rule(&json, "thank-reference"), vec![]);
    // The due date of the other rules comes from `decided`, which is present.
    assert_eq!(
        of_rule(&json, "outcome-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-17")]
    );
}

#[test]
fn thank_reference_not_for_active() {
    let repo = reference_fixture(ACTIVE, "", "");
    assert_eq!(rule(&repo, T, "thank-reference"), vec![]);
}

// ---------------------------------------------------------------- gift

#[test]
fn gift_due_two_weeks_after_acceptance() {
    let repo = reference_fixture(ACCEPTED, "", "");
    assert_eq!(
        rule(&repo, T, "gift"),
        vec![t("jane-doe", "acme-sre", "2026-11-29")]
    );
}

#[test]
fn gift_only_when_accepted() {
    for front in [ACTIVE, REJECTED, DECLINED, WITHDRAWN] {
        let repo = reference_fixture(front, "", "");
        assert_eq!(rule(&repo, T, "gift"), vec![], "{front}");
    }
}

#[test]
fn gift_not_satisfied_by_thanks() {
    let repo = reference_fixture(ACCEPTED, "", "## Log\n- 2026-11-16 Thanked her #thanks\n");
    let json = repo.due_json(T);
    assert_eq!(
        of_rule(&json, "gift"),
        vec![t("jane-doe", "acme-sre", "2026-11-29")]
    );
    assert_eq!(of_rule(&json, "thank-reference"), vec![]);
}

#[test]
fn gift_satisfied_by_gift_dated_on_applied_not_before() {
    let repo = reference_fixture(ACCEPTED, "", "## Log\n- 2026-10-01 Coffee beans #gift\n");
    assert_eq!(rule(&repo, T, "gift"), vec![]);
    let repo = reference_fixture(ACCEPTED, "", "## Log\n- 2026-09-30 Coffee beans #gift\n");
    assert_eq!(
        rule(&repo, T, "gift"),
        vec![t("jane-doe", "acme-sre", "2026-11-29")]
    );
}

#[test]
fn gift_planned_does_not_count() {
    let repo = reference_fixture(ACCEPTED, "", "## Log\n- 2026-11-25 Send cookies #gift\n");
    assert_eq!(
        rule(&repo, T, "gift"),
        vec![t("jane-doe", "acme-sre", "2026-11-29")]
    );
}

#[test]
fn gift_switched_off() {
    let repo = reference_fixture(ACCEPTED, "", "");
    settings(&repo, "[rules]\ngift = false\n");
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(of_rule(&json, "gift"), vec![]);
    // Only gift is off.
    assert_eq!(
        of_rule(&json, "thank-reference"),
        vec![t("jane-doe", "acme-sre", "2026-11-22")]
    );
}

#[test]
fn gift_grace_in_calendar_months() {
    let repo = reference_fixture(
        "status: accepted\napplied: 2026-01-05\ndecided: 2026-01-31",
        "",
        "",
    );
    settings(&repo, "[grace]\ngift = \"1m\"\n");
    assert_eq!(
        rule(&repo, T, "gift"),
        vec![t("jane-doe", "acme-sre", "2026-02-28")]
    );
}

// ---------------------------------------------------------------- thank-favor

#[test]
fn thank_favor_due_three_days_after_favor_with_no_application() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-10 Acme called her #reference-check\n",
    );
    assert_eq!(
        rule(&repo, T, "thank-favor"),
        vec![t("jane-doe", "-", "2026-11-13")]
    );
}

#[test]
fn thank_favor_every_favour_tag() {
    for tag in ["#reference-check", "#letter", "#intro", "#favor", "#Favor"] {
        let repo = Repo::new();
        person(
            &repo,
            "jane-doe",
            "",
            &format!("## Log\n- 2026-11-10 Did something {tag}\n"),
        );
        assert_eq!(
            rule(&repo, T, "thank-favor"),
            vec![t("jane-doe", "-", "2026-11-13")],
            "{tag}"
        );
    }
}

#[test]
fn thank_favor_satisfied_by_later_thanks_or_gift() {
    for tag in ["#thanks", "#gift"] {
        let repo = Repo::new();
        person(
            &repo,
            "jane-doe",
            "",
            &format!(
                "## Log\n- 2026-11-10 Wrote a letter #letter\n- 2026-11-12 Thanked her {tag}\n"
            ),
        );
        assert_eq!(rule(&repo, T, "thank-favor"), vec![], "{tag}");
    }
}

#[test]
fn thank_favor_same_day_as_thanks_is_not_after() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-10 Thanked her for the intro #thanks\n- 2026-11-10 Intro to Globex #intro\n",
    );
    assert_eq!(rule(&repo, T, "thank-favor"), vec![]);
}

#[test]
fn thank_favor_earliest_unthanked_favour() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-01 Letter #letter\n- 2026-11-05 Thanked #thanks\n\
         - 2026-11-08 Intro #intro\n- 2026-11-12 Another call #reference-check\n",
    );
    assert_eq!(
        rule(&repo, T, "thank-favor"),
        vec![t("jane-doe", "-", "2026-11-11")]
    );
}

#[test]
fn thank_favor_thanks_before_favour_does_not_count() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-09 Thanks #thanks\n- 2026-11-10 Letter #letter\n",
    );
    assert_eq!(
        rule(&repo, T, "thank-favor"),
        vec![t("jane-doe", "-", "2026-11-13")]
    );
}

#[test]
fn thank_favor_planned_favour_or_thanks_count_for_nothing() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-24 She will write a letter #letter\n",
    );
    assert_eq!(rule(&repo, T, "thank-favor"), vec![]);
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-10 Letter #letter\n- 2026-11-23 Thank her #thanks\n",
    );
    assert_eq!(
        rule(&repo, T, "thank-favor"),
        vec![t("jane-doe", "-", "2026-11-13")]
    );
}

#[test]
fn thank_favor_from_application_file_linking_contact() {
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Acme called [[jane-doe]] #reference-check\n",
        "",
    );
    assert_eq!(
        rule(&repo, T, "thank-favor"),
        vec![t("jane-doe", "-", "2026-11-13")]
    );
}

#[test]
fn thank_favor_thanks_scoped_to_an_application_still_thanks_her() {
    let repo = reference_fixture(
        ACTIVE,
        "",
        "## Log\n- 2026-11-10 Acme called her #reference-check\n- 2026-11-11 Thanked her #thanks [[acme-sre]]\n",
    );
    assert_eq!(rule(&repo, T, "thank-favor"), vec![]);
}

#[test]
fn thank_favor_unlinked_favour_in_application_file_concerns_nobody() {
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 They checked references #reference-check\n",
        "",
    );
    assert_eq!(rule(&repo, T, "thank-favor"), vec![]);
}

#[test]
fn thank_favor_grace_from_settings() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-10 Letter #letter\n",
    );
    settings(&repo, "[grace]\nthank_favor = \"1d\"\n");
    assert_eq!(
        rule(&repo, T, "thank-favor"),
        vec![t("jane-doe", "-", "2026-11-11")]
    );
}

// ---------------------------------------------------------------- interviewer-thanks

/// An interviewer `bob-stone` in `contacts` of `acme-sre`.
fn interviewer_fixture(app_front: &str, app_body: &str, bob_body: &str) -> Repo {
    let repo = Repo::new();
    person(
        &repo,
        "bob-stone",
        "relationship: interviewer\ncompany: Acme Robotics",
        bob_body,
    );
    app(
        &repo,
        "acme-sre",
        &format!("{app_front}\ncontacts: [bob-stone]"),
        app_body,
    );
    repo
}

#[test]
fn interviewer_thanks_due_day_after_interview_from_application_file() {
    let repo = interviewer_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Onsite with [[bob-stone]] #interview\n",
        "",
    );
    assert_eq!(
        rule(&repo, T, "interviewer-thanks"),
        vec![t("bob-stone", "acme-sre", "2026-11-11")]
    );
}

#[test]
fn interviewer_thanks_from_unscoped_entry_in_interviewers_file() {
    let repo = interviewer_fixture(
        ACTIVE,
        "",
        "## Log\n- 2026-11-10 He interviewed me #interview\n",
    );
    assert_eq!(
        rule(&repo, T, "interviewer-thanks"),
        vec![t("bob-stone", "acme-sre", "2026-11-11")]
    );
}

#[test]
fn interviewer_thanks_unlinked_interview_names_no_interviewer() {
    let repo = interviewer_fixture(ACTIVE, "## Log\n- 2026-11-10 Onsite #interview\n", "");
    assert_eq!(rule(&repo, T, "interviewer-thanks"), vec![]);
}

#[test]
fn interviewer_thanks_satisfied_by_thanks_same_day_or_later() {
    for date in ["2026-11-10", "2026-11-11"] {
        let repo = interviewer_fixture(
            ACTIVE,
            &format!(
                "## Log\n- 2026-11-10 Onsite with [[bob-stone]] #interview\n- {date} Thank-you note to [[bob-stone]] #thanks\n"
            ),
            "",
        );
        assert_eq!(rule(&repo, T, "interviewer-thanks"), vec![], "{date}");
    }
}

#[test]
fn interviewer_thanks_thanks_in_his_file_counts() {
    let repo = interviewer_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Onsite with [[bob-stone]] #interview\n",
        "## Log\n- 2026-11-11 Thank-you email #thanks\n",
    );
    assert_eq!(rule(&repo, T, "interviewer-thanks"), vec![]);
}

#[test]
fn interviewer_thanks_thanks_before_interview_does_not_count() {
    let repo = interviewer_fixture(
        ACTIVE,
        "## Log\n- 2026-11-03 Screen with [[bob-stone]] #interview\n- 2026-11-03 Thanked [[bob-stone]] #thanks\n\
         - 2026-11-10 Onsite with [[bob-stone]] #interview\n- 2026-11-12 Final with [[bob-stone]] #interview\n",
        "",
    );
    assert_eq!(
        rule(&repo, T, "interviewer-thanks"),
        vec![t("bob-stone", "acme-sre", "2026-11-11")]
    );
}

#[test]
fn interviewer_thanks_planned_thanks_or_interview_counts_for_nothing() {
    let repo = interviewer_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Onsite with [[bob-stone]] #interview\n- 2026-11-23 Thank [[bob-stone]] #thanks\n",
        "",
    );
    assert_eq!(
        rule(&repo, T, "interviewer-thanks"),
        vec![t("bob-stone", "acme-sre", "2026-11-11")]
    );
    let repo = interviewer_fixture(
        ACTIVE,
        "## Log\n- 2026-11-24 Onsite with [[bob-stone]] #interview\n",
        "",
    );
    assert_eq!(rule(&repo, T, "interviewer-thanks"), vec![]);
}

#[test]
fn interviewer_thanks_scoped_thanks_for_other_application_does_not_count() {
    let repo = interviewer_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Onsite with [[bob-stone]] #interview\n",
        "## Log\n- 2026-11-11 Thanked him for Globex #thanks [[globex-pm]]\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: applied\napplied: 2026-10-05\ncontacts: [bob-stone]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "interviewer-thanks"),
        vec![t("bob-stone", "acme-sre", "2026-11-11")]
    );
}

#[test]
fn interviewer_thanks_each_interviewer_linked() {
    let repo = Repo::new();
    person(&repo, "bob-stone", "relationship: interviewer", "");
    person(&repo, "dana-wu", "relationship: hiring-manager", "");
    app(
        &repo,
        "acme-sre",
        &format!("{ACTIVE}\ncontacts: [bob-stone, dana-wu]"),
        "## Log\n- 2026-11-10 Panel with [[bob-stone]] and [[dana-wu]] #interview\n",
    );
    assert_eq!(
        rule(&repo, T, "interviewer-thanks"),
        vec![
            t("bob-stone", "acme-sre", "2026-11-11"),
            t("dana-wu", "acme-sre", "2026-11-11")
        ]
    );
}

#[test]
fn interviewer_thanks_not_for_decided() {
    let repo = interviewer_fixture(
        REJECTED,
        "## Log\n- 2026-11-10 Onsite with [[bob-stone]] #interview\n",
        "",
    );
    assert_eq!(rule(&repo, T, "interviewer-thanks"), vec![]);
}

#[test]
fn interviewer_thanks_grace_from_settings() {
    let repo = interviewer_fixture(
        ACTIVE,
        "## Log\n- 2026-11-10 Onsite with [[bob-stone]] #interview\n",
        "",
    );
    settings(&repo, "[grace]\ninterviewer_thanks = \"2d\"\n");
    assert_eq!(
        rule(&repo, T, "interviewer-thanks"),
        vec![t("bob-stone", "acme-sre", "2026-11-12")]
    );
}

// ---------------------------------------------------------------- rejection-thanks

#[test]
fn rejection_thanks_with_contacts_has_no_contact() {
    let repo = interviewer_fixture(REJECTED, "", "");
    assert_eq!(
        rule(&repo, T, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

#[test]
fn rejection_thanks_with_interview_and_no_contacts() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-10 Onsite #interview\n",
    );
    assert_eq!(
        rule(&repo, T, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

#[test]
fn rejection_thanks_not_without_interview_or_contacts() {
    let repo = Repo::new();
    app(&repo, "acme-sre", REJECTED, "");
    assert_eq!(rule(&repo, T, "rejection-thanks"), vec![]);
}

#[test]
fn rejection_thanks_only_when_rejected() {
    for front in [ACTIVE, ACCEPTED, DECLINED, WITHDRAWN] {
        let repo = interviewer_fixture(front, "## Log\n- 2026-11-10 Onsite #interview\n", "");
        assert_eq!(rule(&repo, T, "rejection-thanks"), vec![], "{front}");
    }
}

#[test]
fn rejection_thanks_satisfied_by_unlinked_thanks_or_follow_up_on_decision_day() {
    for tag in ["#thanks", "#follow-up"] {
        let repo = interviewer_fixture(
            REJECTED,
            &format!("## Log\n- 2026-11-15 Gracious note {tag}\n"),
            "",
        );
        assert_eq!(rule(&repo, T, "rejection-thanks"), vec![], "{tag}");
    }
}

#[test]
fn rejection_thanks_not_satisfied_before_decision() {
    let repo = interviewer_fixture(
        REJECTED,
        "## Log\n- 2026-11-14 Thanked them for the onsite #thanks\n",
        "",
    );
    assert_eq!(
        rule(&repo, T, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

#[test]
fn rejection_thanks_planned_note_does_not_count() {
    let repo = interviewer_fixture(REJECTED, "## Log\n- 2026-11-23 Send a note #thanks\n", "");
    assert_eq!(
        rule(&repo, T, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

#[test]
fn rejection_thanks_satisfied_by_thanks_in_employer_contacts_file() {
    let repo = interviewer_fixture(
        REJECTED,
        "",
        "## Log\n- 2026-11-16 Thanked him for his time #thanks\n",
    );
    assert_eq!(rule(&repo, T, "rejection-thanks"), vec![]);
}

#[test]
fn rejection_thanks_not_satisfied_by_thanks_to_a_reference() {
    // Thanking a reference is not an employer-side entry.
    let repo = interviewer_fixture(&format!("{REJECTED}\nreferences: [jane-doe]"), "", "");
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-16 Thanked her for the call #thanks\n",
    );
    assert_eq!(
        rule(&repo, T, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );

    let repo = interviewer_fixture(
        &format!("{REJECTED}\nreferences: [jane-doe]"),
        "## Log\n- 2026-11-16 Thanked [[jane-doe]] #thanks\n",
        "",
    );
    person(&repo, "jane-doe", "", "");
    assert_eq!(
        rule(&repo, T, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

#[test]
fn rejection_thanks_entry_linking_reference_and_employer_contact_is_employer_side() {
    let repo = interviewer_fixture(
        &format!("{REJECTED}\nreferences: [jane-doe]"),
        "## Log\n- 2026-11-16 Thanked [[bob-stone]], told [[jane-doe]] #thanks\n",
        "",
    );
    person(&repo, "jane-doe", "", "");
    assert_eq!(rule(&repo, T, "rejection-thanks"), vec![]);
}

#[test]
fn rejection_thanks_scoped_to_other_application_does_not_count() {
    let repo = interviewer_fixture(
        REJECTED,
        "",
        "## Log\n- 2026-11-16 Thanked him #thanks [[globex-pm]]\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: prospect\ncontacts: [bob-stone]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

// ---------------------------------------------------------------- ask-feedback

#[test]
fn ask_feedback_after_rejection_with_interview() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-10 Onsite #interview\n",
    );
    assert_eq!(
        rule(&repo, T, "ask-feedback"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

#[test]
fn ask_feedback_not_without_interview() {
    let repo = interviewer_fixture(REJECTED, "", "");
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(of_rule(&json, "ask-feedback"), vec![]);
    assert_eq!(
        of_rule(&json, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

#[test]
fn ask_feedback_planned_interview_is_no_interview() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-30 Onsite #interview\n",
    );
    assert_eq!(rule(&repo, T, "ask-feedback"), vec![]);
}

#[test]
fn ask_feedback_only_when_rejected() {
    for front in [ACTIVE, ACCEPTED, DECLINED, WITHDRAWN] {
        let repo = Repo::new();
        app(
            &repo,
            "acme-sre",
            front,
            "## Log\n- 2026-11-10 Onsite #interview\n",
        );
        assert_eq!(rule(&repo, T, "ask-feedback"), vec![], "{front}");
    }
}

#[test]
fn ask_feedback_satisfied_by_employer_side_feedback_on_decision_day() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-10 Onsite #interview\n- 2026-11-15 Asked what I could do better #feedback\n",
    );
    assert_eq!(rule(&repo, T, "ask-feedback"), vec![]);
}

#[test]
fn ask_feedback_not_satisfied_by_feedback_before_decision_or_planned() {
    for date in ["2026-11-14", "2026-11-23"] {
        let repo = Repo::new();
        app(
            &repo,
            "acme-sre",
            REJECTED,
            &format!("## Log\n- 2026-11-10 Onsite #interview\n- {date} Feedback #feedback\n"),
        );
        assert_eq!(
            rule(&repo, T, "ask-feedback"),
            vec![t("-", "acme-sre", "2026-11-18")],
            "{date}"
        );
    }
}

#[test]
fn ask_feedback_satisfied_by_feedback_in_hiring_managers_file() {
    let repo = interviewer_fixture(
        REJECTED,
        "## Log\n- 2026-11-10 Onsite with [[bob-stone]] #interview\n",
        "## Log\n- 2026-11-16 Asked him for feedback #feedback\n",
    );
    assert_eq!(rule(&repo, T, "ask-feedback"), vec![]);
}

#[test]
fn ask_feedback_not_satisfied_by_feedback_from_a_reference() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-16 She gave me feedback on my pitch #feedback\n",
    );
    app(
        &repo,
        "acme-sre",
        &format!("{REJECTED}\nreferences: [jane-doe]"),
        "## Log\n- 2026-11-10 Onsite #interview\n",
    );
    assert_eq!(
        rule(&repo, T, "ask-feedback"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

#[test]
fn ask_feedback_switched_off() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-10 Onsite #interview\n",
    );
    settings(&repo, "[rules]\nask_feedback = false\n");
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(of_rule(&json, "ask-feedback"), vec![]);
    assert_eq!(
        of_rule(&json, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

#[test]
fn ask_feedback_grace_from_settings() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-10 Onsite #interview\n",
    );
    settings(
        &repo,
        "[grace]\nask_feedback = \"2w\"\nrejection_thanks = \"1d\"\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(
        of_rule(&json, "ask-feedback"),
        vec![t("-", "acme-sre", "2026-11-29")]
    );
    assert_eq!(
        of_rule(&json, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-16")]
    );
}

// ---------------------------------------------------------------- share-feedback

#[test]
fn share_feedback_after_declining() {
    let repo = Repo::new();
    app(&repo, "acme-sre", DECLINED, "");
    assert_eq!(
        rule(&repo, T, "share-feedback"),
        vec![t("-", "acme-sre", "2026-11-22")]
    );
}

#[test]
fn share_feedback_only_when_declined() {
    for front in [ACTIVE, ACCEPTED, REJECTED, WITHDRAWN] {
        let repo = Repo::new();
        app(&repo, "acme-sre", front, "");
        assert_eq!(rule(&repo, T, "share-feedback"), vec![], "{front}");
    }
}

#[test]
fn share_feedback_satisfied_on_decision_day_not_before() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        DECLINED,
        "## Log\n- 2026-11-15 Told the recruiter why #feedback\n",
    );
    assert_eq!(rule(&repo, T, "share-feedback"), vec![]);
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        DECLINED,
        "## Log\n- 2026-11-14 Gave feedback on the process #feedback\n",
    );
    assert_eq!(
        rule(&repo, T, "share-feedback"),
        vec![t("-", "acme-sre", "2026-11-22")]
    );
}

#[test]
fn share_feedback_not_satisfied_by_feedback_to_reference() {
    let repo = Repo::new();
    person(&repo, "jane-doe", "", "");
    app(
        &repo,
        "acme-sre",
        &format!("{DECLINED}\nreferences: [jane-doe]"),
        "## Log\n- 2026-11-16 Talked it over with [[jane-doe]] #feedback\n",
    );
    assert_eq!(
        rule(&repo, T, "share-feedback"),
        vec![t("-", "acme-sre", "2026-11-22")]
    );
}

#[test]
fn share_feedback_satisfied_in_recruiters_file() {
    let repo = Repo::new();
    person(
        &repo,
        "rita-moss",
        "relationship: recruiter",
        "## Log\n- 2026-11-16 Gave her feedback on the process #feedback\n",
    );
    app(
        &repo,
        "acme-sre",
        &format!("{DECLINED}\ncontacts: [rita-moss]"),
        "",
    );
    assert_eq!(rule(&repo, T, "share-feedback"), vec![]);
}

#[test]
fn share_feedback_switched_off() {
    let repo = Repo::new();
    app(&repo, "acme-sre", DECLINED, "");
    settings(&repo, "[rules]\nshare_feedback = false\n");
    assert_eq!(rule(&repo, T, "share-feedback"), vec![]);
}

#[test]
fn share_feedback_grace_from_settings() {
    let repo = Repo::new();
    app(&repo, "acme-sre", DECLINED, "");
    settings(&repo, "[grace]\nshare_feedback = \"1d\"\n");
    assert_eq!(
        rule(&repo, T, "share-feedback"),
        vec![t("-", "acme-sre", "2026-11-16")]
    );
}

// ---------------------------------------------------------------- connect

/// A rejected application with a hiring manager, a recruiter and an interviewer.
fn connect_fixture(front: &str, dana_body: &str) -> Repo {
    let repo = Repo::new();
    person(&repo, "dana-wu", "relationship: hiring-manager", dana_body);
    person(&repo, "rita-moss", "relationship: recruiter", "");
    person(&repo, "bob-stone", "relationship: interviewer", "");
    app(
        &repo,
        "acme-sre",
        &format!("{front}\ncontacts: [rita-moss, dana-wu, bob-stone]"),
        "",
    );
    repo
}

#[test]
fn connect_with_hiring_manager_and_recruiter_after_rejection() {
    let repo = connect_fixture(REJECTED, "");
    assert_eq!(
        rule(&repo, T, "connect"),
        vec![
            t("dana-wu", "acme-sre", "2026-11-22"),
            t("rita-moss", "acme-sre", "2026-11-22")
        ]
    );
}

#[test]
fn connect_only_when_rejected() {
    for front in [ACTIVE, ACCEPTED, DECLINED, WITHDRAWN] {
        let repo = connect_fixture(front, "");
        assert_eq!(rule(&repo, T, "connect"), vec![], "{front}");
    }
}

#[test]
fn connect_satisfied_by_any_connected_entry_even_before_decision() {
    let repo = connect_fixture(
        REJECTED,
        "## Log\n- 2026-03-01 Connected on LinkedIn at a meetup #connected\n",
    );
    assert_eq!(
        rule(&repo, T, "connect"),
        vec![t("rita-moss", "acme-sre", "2026-11-22")]
    );
}

#[test]
fn connect_planned_connection_does_not_count() {
    let repo = connect_fixture(REJECTED, "## Log\n- 2026-11-23 Connect #connected\n");
    assert_eq!(
        rule(&repo, T, "connect"),
        vec![
            t("dana-wu", "acme-sre", "2026-11-22"),
            t("rita-moss", "acme-sre", "2026-11-22")
        ]
    );
}

#[test]
fn connect_entry_in_application_file_linking_contact() {
    let repo = connect_fixture(REJECTED, "");
    app(
        &repo,
        "acme-sre",
        &format!("{REJECTED}\ncontacts: [rita-moss, dana-wu, bob-stone]"),
        "## Log\n- 2026-11-16 Connected with [[rita-moss]] #connected\n",
    );
    assert_eq!(
        rule(&repo, T, "connect"),
        vec![t("dana-wu", "acme-sre", "2026-11-22")]
    );
}

#[test]
fn connect_not_for_hiring_manager_listed_as_reference() {
    let repo = Repo::new();
    person(&repo, "dana-wu", "relationship: hiring-manager", "");
    app(
        &repo,
        "acme-sre",
        &format!("{REJECTED}\nreferences: [dana-wu]"),
        "",
    );
    assert_eq!(rule(&repo, T, "connect"), vec![]);
}

#[test]
fn connect_switched_off() {
    let repo = connect_fixture(REJECTED, "");
    settings(&repo, "[rules]\nconnect = false\n");
    assert_eq!(rule(&repo, T, "connect"), vec![]);
}

#[test]
fn connect_grace_from_settings() {
    let repo = connect_fixture(REJECTED, "");
    settings(&repo, "[grace]\nconnect = \"3d\"\n");
    assert_eq!(
        rule(&repo, T, "connect"),
        vec![
            t("dana-wu", "acme-sre", "2026-11-18"),
            t("rita-moss", "acme-sre", "2026-11-18")
        ]
    );
}

#[test]
fn all_four_switches_off_together() {
    let repo = connect_fixture(ACCEPTED, "");
    app(
        &repo,
        "acme-sre",
        &format!("{REJECTED}\ncontacts: [rita-moss, dana-wu, bob-stone]"),
        "## Log\n- 2026-11-10 Onsite #interview\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: declined\napplied: 2026-10-01\ndecided: 2026-11-15",
        "",
    );
    person(&repo, "jane-doe", "", "");
    app(
        &repo,
        "initech-dev",
        &format!("company: Initech\n{ACCEPTED}\nreferences: [jane-doe]"),
        "",
    );
    settings(
        &repo,
        "[rules]\nask_feedback = false\nshare_feedback = false\nconnect = false\ngift = false\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    for name in ["ask-feedback", "share-feedback", "connect", "gift"] {
        assert_eq!(of_rule(&json, name), vec![], "{name}");
    }
    assert_eq!(
        of_rule(&json, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

// ---------------------------------------------------------------- cheesecake

#[test]
fn cheesecake_for_contact_at_target_company_from_settings() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(
        of_rule(&json, "cheesecake"),
        vec![t("carol-lee", "-", "2026-10-31")]
    );
    assert_eq!(of_rule(&json, "stale"), vec![]);
}

#[test]
fn cheesecake_company_matches_case_insensitively_after_trimming() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"  kestrel HEALTH \"]\n");
    person(
        &repo,
        "carol-lee",
        "company: \" Kestrel Health  \"",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    assert_eq!(
        rule(&repo, T, "cheesecake"),
        vec![t("carol-lee", "-", "2026-10-31")]
    );
}

#[test]
fn cheesecake_with_no_touch_is_due_today() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(&repo, "carol-lee", "company: Kestrel Health", "");
    assert_eq!(rule(&repo, T, "cheesecake"), vec![t("carol-lee", "-", T)]);
}

#[test]
fn cheesecake_planned_entry_is_not_a_touch() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-12-01 Lunch planned\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(of_rule(&json, "cheesecake"), vec![t("carol-lee", "-", T)]);
}

#[test]
fn cheesecake_open_task_stands_for_it() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-12-01 Lunch planned\n- [ ] 2026-11-01 Send her the SLO write-up #cheesecake\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(of_rule(&json, "cheesecake"), vec![]);
    assert_eq!(
        of_rule(&json, "task"),
        vec![t("carol-lee", "-", "2026-11-01")]
    );
}

#[test]
fn cheesecake_latest_touch_from_any_file() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-06-01 Coffee chat\n",
    );
    app(
        &repo,
        "kestrel-ops",
        "company: Kestrel Health\nstatus: rejected\napplied: 2026-08-01\ndecided: 2026-09-01\ncontacts: [carol-lee]",
        "## Log\n- 2026-09-01 [[carol-lee]] called with the news\n",
    );
    assert_eq!(
        rule(&repo, T, "cheesecake"),
        vec![t("carol-lee", "-", "2026-10-31")]
    );
}

#[test]
fn cheesecake_entry_in_other_contacts_file_is_not_her_touch() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(&repo, "carol-lee", "company: Kestrel Health", "");
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-01 Talked about [[carol-lee]]\n",
    );
    assert_eq!(rule(&repo, T, "cheesecake"), vec![t("carol-lee", "-", T)]);
}

#[test]
fn cheesecake_target_from_application_with_target_true() {
    let repo = Repo::new();
    person(
        &repo,
        "carol-lee",
        "company: kestrel health",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    app(
        &repo,
        "kestrel-ops",
        "company: Kestrel Health\nstatus: rejected\napplied: 2026-08-01\ndecided: 2026-08-20\ntarget: true",
        "",
    );
    assert_eq!(
        rule(&repo, T, "cheesecake"),
        vec![t("carol-lee", "-", "2026-10-31")]
    );
}

#[test]
fn cheesecake_application_without_target_flag_does_not_make_a_target() {
    let repo = Repo::new();
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    app(
        &repo,
        "kestrel-ops",
        "company: Kestrel Health\nstatus: rejected\napplied: 2026-08-01\ndecided: 2026-08-20",
        "",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(of_rule(&json, "cheesecake"), vec![]);
    assert_eq!(
        of_rule(&json, "stale"),
        vec![t("carol-lee", "-", "2027-02-28")]
    );
}

#[test]
fn cheesecake_not_at_company_where_an_application_is_accepted() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    app(
        &repo,
        "kestrel-ops",
        "company: KESTREL HEALTH\nstatus: accepted\napplied: 2026-08-01\ndecided: 2026-08-20",
        "",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(of_rule(&json, "cheesecake"), vec![]);
    // She is still a check-in contact, just not at a target company.
    assert_eq!(
        of_rule(&json, "stale"),
        vec![t("carol-lee", "-", "2027-02-28")]
    );
}

#[test]
fn cheesecake_not_for_contact_in_active_application() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    app(
        &repo,
        "kestrel-ops",
        "company: Kestrel Health\nstatus: interviewing\napplied: 2026-11-01\ncontacts: [carol-lee]",
        "",
    );
    assert_eq!(rule(&repo, T, "cheesecake"), vec![]);
}

#[test]
fn cheesecake_for_contact_in_prospect_application() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    app(
        &repo,
        "kestrel-ops",
        "company: Kestrel Health\nstatus: prospect\ncontacts: [carol-lee]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "cheesecake"),
        vec![t("carol-lee", "-", "2026-10-31")]
    );
}

#[test]
fn cheesecake_contact_cadence_overrides() {
    let repo = Repo::new();
    settings(
        &repo,
        "targets = [\"Kestrel Health\"]\n[cadence]\ncheesecake = \"45d\"\n",
    );
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health\ncadence: 30d",
        "## Log\n- 2026-05-01 Coffee chat\n",
    );
    assert_eq!(
        rule(&repo, T, "cheesecake"),
        vec![t("carol-lee", "-", "2026-05-31")]
    );
}

#[test]
fn cheesecake_cadence_from_settings() {
    let repo = Repo::new();
    settings(
        &repo,
        "targets = [\"Kestrel Health\"]\n[cadence]\ncheesecake = \"45d\"\n",
    );
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    assert_eq!(
        rule(&repo, T, "cheesecake"),
        vec![t("carol-lee", "-", "2026-10-16")]
    );
}

#[test]
fn cheesecake_cadence_beats_reference_cadence() {
    // cadence.cheesecake comes before cadence.reference in the precedence.
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-09-01 Agreed to vouch #agreed\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: rejected\napplied: 2026-08-01\ndecided: 2026-08-20\nreferences: [carol-lee]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "cheesecake"),
        vec![t("carol-lee", "-", "2026-10-31")]
    );
}

#[test]
fn cheesecake_snoozed_due_date_moves() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health\nsnooze_until: 2026-12-01",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    assert_eq!(
        rule(&repo, T, "cheesecake"),
        vec![t("carol-lee", "-", "2026-12-01")]
    );
}

#[test]
fn cheesecake_snooze_before_due_changes_nothing() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health\nsnooze_until: 2026-10-01",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    assert_eq!(
        rule(&repo, T, "cheesecake"),
        vec![t("carol-lee", "-", "2026-10-31")]
    );
}

#[test]
fn cheesecake_without_touch_snoozed() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health\nsnooze_until: 2027-01-15",
        "",
    );
    assert_eq!(
        rule(&repo, T, "cheesecake"),
        vec![t("carol-lee", "-", "2027-01-15")]
    );
}

#[test]
fn cheesecake_not_for_archived() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health\narchived: true",
        "## Log\n- 2026-11-10 Coffee\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(actions(&json), vec![]);
    assert_eq!(cautions(&json), vec![]);
}

#[test]
fn cheesecake_not_for_contact_without_company() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(&repo, "carol-lee", "", "");
    assert_eq!(rule(&repo, T, "cheesecake"), vec![]);
}

// ---------------------------------------------------------------- too-soon

/// Carol at a target company with her latest touch on `last`.
fn carol_at_target(last: &str) -> Repo {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        &format!("## Log\n- {last} Sent her my talk #cheesecake\n"),
    );
    repo
}

#[test]
fn too_soon_fires_within_min_gap() {
    let repo = carol_at_target("2026-11-10");
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(
        of_rule(&json, "cheesecake"),
        vec![t("carol-lee", "-", "2027-01-09")]
    );
    assert_eq!(
        cautions(&json),
        vec![(
            "too-soon".to_owned(),
            "carol-lee".to_owned(),
            "-".to_owned(),
            "2026-12-01".to_owned()
        )]
    );
}

#[test]
fn too_soon_one_day_before_gap_ends() {
    let repo = carol_at_target("2026-11-02");
    assert_eq!(
        caution(&repo, T, "too-soon"),
        vec![t("carol-lee", "-", "2026-11-23")]
    );
}

#[test]
fn too_soon_not_at_exactly_min_gap() {
    let repo = carol_at_target("2026-11-01");
    assert_eq!(caution(&repo, T, "too-soon"), vec![]);
}

#[test]
fn too_soon_touch_today() {
    let repo = carol_at_target(T);
    assert_eq!(
        caution(&repo, T, "too-soon"),
        vec![t("carol-lee", "-", "2026-12-13")]
    );
}

#[test]
fn too_soon_min_gap_from_settings() {
    let repo = carol_at_target("2026-11-01");
    settings(
        &repo,
        "targets = [\"Kestrel Health\"]\n[cadence]\ncheesecake_min_gap = \"4w\"\n",
    );
    assert_eq!(
        caution(&repo, T, "too-soon"),
        vec![t("carol-lee", "-", "2026-11-29")]
    );
}

#[test]
fn too_soon_not_without_touch() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-11-25 Planned lunch\n",
    );
    assert_eq!(caution(&repo, T, "too-soon"), vec![]);
}

#[test]
fn too_soon_not_for_non_target_contacts() {
    let repo = Repo::new();
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-11-10 Coffee\n",
    );
    assert_eq!(caution(&repo, T, "too-soon"), vec![]);
}

#[test]
fn too_soon_not_for_contact_in_active_application() {
    let repo = carol_at_target("2026-11-10");
    app(
        &repo,
        "kestrel-ops",
        "company: Kestrel Health\nstatus: applied\napplied: 2026-11-01\ncontacts: [carol-lee]",
        "",
    );
    assert_eq!(caution(&repo, T, "too-soon"), vec![]);
}

#[test]
fn too_soon_not_for_archived() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health\narchived: true",
        "## Log\n- 2026-11-10 Coffee\n",
    );
    assert_eq!(caution(&repo, T, "too-soon"), vec![]);
}

// ---------------------------------------------------------------- stale

#[test]
fn stale_after_contact_cadence() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "relationship: friend",
        "## Log\n- 2026-05-01 Caught up\n",
    );
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("sam-ortiz", "-", "2026-10-28")]
    );
}

#[test]
fn stale_needs_a_touch() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "",
        "Met at a conference, never wrote.\n",
    );
    assert_eq!(rule(&repo, T, "stale"), vec![]);
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "",
        "## Log\n- 2026-12-01 Dinner planned\n- [ ] 2026-01-01 Write to him\n",
    );
    assert_eq!(rule(&repo, T, "stale"), vec![]);
}

#[test]
fn stale_reference_cadence_with_agreed_entry() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-05-01 Agreed to be a reference #agreed\n",
    );
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("jane-doe", "-", "2026-07-30")]
    );
}

#[test]
fn stale_reference_cadence_when_listed_on_decided_application() {
    let repo = Repo::new();
    person(&repo, "jane-doe", "", "## Log\n- 2026-05-01 Lunch\n");
    app(
        &repo,
        "acme-sre",
        "status: withdrawn\napplied: 2026-03-01\ndecided: 2026-04-01\nreferences: [jane-doe]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("jane-doe", "-", "2026-07-30")]
    );
}

#[test]
fn stale_contact_cadence_for_person_in_contacts_of_decided_application() {
    let repo = Repo::new();
    person(&repo, "bob-stone", "", "## Log\n- 2026-05-01 Lunch\n");
    app(
        &repo,
        "acme-sre",
        "status: rejected\napplied: 2026-03-01\ndecided: 2026-04-01\ncontacts: [bob-stone]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("bob-stone", "-", "2026-10-28")]
    );
}

#[test]
fn stale_own_cadence_beats_reference_cadence() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "cadence: 30d",
        "## Log\n- 2026-05-01 Agreed #agreed\n",
    );
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("jane-doe", "-", "2026-05-31")]
    );
}

#[test]
fn stale_cadence_settings() {
    let repo = Repo::new();
    settings(&repo, "[cadence]\nreference = \"60d\"\ncontact = \"2m\"\n");
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-05-01 Agreed #agreed\n",
    );
    person(&repo, "sam-ortiz", "", "## Log\n- 2026-04-30 Lunch\n");
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![
            t("jane-doe", "-", "2026-06-30"),
            t("sam-ortiz", "-", "2026-06-30")
        ]
    );
}

#[test]
fn stale_calendar_month_cadence_clamps_to_month_end() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "cadence: 1m",
        "## Log\n- 2026-01-31 Lunch\n",
    );
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("sam-ortiz", "-", "2026-02-28")]
    );
}

#[test]
fn stale_year_cadence_from_leap_day() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "cadence: 1y",
        "## Log\n- 2024-02-29 Lunch\n",
    );
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("sam-ortiz", "-", "2025-02-28")]
    );
}

#[test]
fn stale_weeks_cadence() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "cadence: 6w",
        "## Log\n- 2026-05-01 Lunch\n",
    );
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("sam-ortiz", "-", "2026-06-12")]
    );
}

#[test]
fn stale_latest_touch_counts() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "",
        "## Log\n- 2026-05-01 Lunch\n- 2026-02-01 Call\n",
    );
    app(
        &repo,
        "acme-sre",
        "status: rejected\napplied: 2026-01-01\ndecided: 2026-02-01\ncontacts: [sam-ortiz]",
        "## Log\n- 2026-06-01 [[sam-ortiz]] sent a tip\n",
    );
    // 2026-06-01 + 180d
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("sam-ortiz", "-", "2026-11-28")]
    );
}

#[test]
fn stale_not_for_people_in_active_applications() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-01-01 Agreed #agreed\n",
    );
    person(&repo, "bob-stone", "", "## Log\n- 2026-01-01 Lunch\n");
    app(
        &repo,
        "acme-sre",
        &format!("{ACTIVE}\nreferences: [jane-doe]\ncontacts: [bob-stone]"),
        "",
    );
    assert_eq!(rule(&repo, T, "stale"), vec![]);
}

#[test]
fn stale_snoozed() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "snooze_until: 2026-12-24",
        "## Log\n- 2026-05-01 Lunch\n",
    );
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("sam-ortiz", "-", "2026-12-24")]
    );
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "snooze_until: 2026-10-28",
        "## Log\n- 2026-05-01 Lunch\n",
    );
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("sam-ortiz", "-", "2026-10-28")]
    );
}

#[test]
fn snooze_does_not_move_other_rules() {
    // snooze_until is about check-ins only.
    let repo = reference_fixture(REJECTED, "", "");
    person(&repo, "jane-doe", "snooze_until: 2027-01-01", "");
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(
        of_rule(&json, "outcome-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-17")]
    );
}

#[test]
fn stale_not_for_archived() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "archived: true",
        "## Log\n- 2026-05-01 Lunch\n",
    );
    assert_eq!(rule(&repo, T, "stale"), vec![]);
}

// ---------------------------------------------------------------- task

#[test]
fn task_in_contact_file() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "",
        "## Log\n- [ ] 2026-12-01 Send him the article\n",
    );
    assert_eq!(
        rule(&repo, T, "task"),
        vec![t("sam-ortiz", "-", "2026-12-01")]
    );
}

#[test]
fn task_in_application_file() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        ACTIVE,
        "## Log\n- [ ] 2026-11-20 Follow up on the take-home\n",
    );
    assert_eq!(
        rule(&repo, T, "task"),
        vec![t("-", "acme-sre", "2026-11-20")]
    );
}

#[test]
fn task_contact_and_application_of_its_file_not_its_links() {
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- [ ] 2026-11-25 Prep [[jane-doe]] for the call\n",
        "",
    );
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- [ ] 2026-11-26 Ask about [[acme-sre]]\n",
    );
    assert_eq!(
        rule(&repo, T, "task"),
        vec![
            t("-", "acme-sre", "2026-11-25"),
            t("jane-doe", "-", "2026-11-26")
        ]
    );
}

#[test]
fn task_several_per_file() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "",
        "## Log\n- [ ] 2026-12-01 Send the article\n- [ ] 2026-12-01 Ask about the meetup\n- [ ] 2026-11-01 Call\n",
    );
    assert_eq!(
        rule(&repo, T, "task"),
        vec![
            t("sam-ortiz", "-", "2026-11-01"),
            t("sam-ortiz", "-", "2026-12-01"),
            t("sam-ortiz", "-", "2026-12-01")
        ]
    );
}

#[test]
fn task_done_is_not_a_task() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "",
        "## Log\n- [x] 2026-11-01 Called him\n- [X] 2026-11-02 Wrote him\n",
    );
    assert_eq!(rule(&repo, T, "task"), vec![]);
}

#[test]
fn task_not_for_archived_contact() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "archived: true",
        "## Log\n- [ ] 2026-12-01 Send the article\n",
    );
    assert_eq!(rule(&repo, T, "task"), vec![]);
}

#[test]
fn task_is_not_a_touch_and_stands_for_stale() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "",
        "## Log\n- 2026-05-01 Lunch\n- [x] 2026-06-01 Write (done: a touch)\n",
    );
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("sam-ortiz", "-", "2026-11-28")]
    );
    // The same with the task still open: no touch, and the task stands for the check-in.
    person(
        &repo,
        "sam-ortiz",
        "",
        "## Log\n- 2026-05-01 Lunch\n- [ ] 2026-06-01 Write\n",
    );
    assert_eq!(rule(&repo, T, "stale"), vec![]);
    assert_eq!(
        rule(&repo, T, "task"),
        vec![t("sam-ortiz", "-", "2026-06-01")]
    );
}

// ---------------------------------------------------------------- reference-overuse

/// Jane listed as a reference on applications applied on `dates` (one each).
fn overuse_fixture(dates: &[&str]) -> Repo {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-01-01 Agreed #agreed\n",
    );
    for (i, date) in dates.iter().enumerate() {
        app(
            &repo,
            &format!("app-{i}"),
            &format!(
                "company: Company {i}\nstatus: rejected\napplied: {date}\ndecided: {date}\nreferences: [jane-doe]"
            ),
            "",
        );
    }
    repo
}

#[test]
fn reference_overuse_more_than_three_in_window() {
    let repo = overuse_fixture(&["2026-09-01", "2026-10-01", "2026-10-15", "2026-11-01"]);
    assert_eq!(
        caution(&repo, T, "reference-overuse"),
        vec![t("jane-doe", "-", "-")]
    );
}

#[test]
fn reference_overuse_exactly_three_is_fine() {
    let repo = overuse_fixture(&["2026-09-01", "2026-10-01", "2026-11-01"]);
    assert_eq!(caution(&repo, T, "reference-overuse"), vec![]);
}

#[test]
fn reference_overuse_window_inclusive_both_ends() {
    // T - 90d = 2026-08-24 and T itself both lie within the window.
    let repo = overuse_fixture(&["2026-08-24", "2026-10-01", "2026-11-01", T]);
    assert_eq!(
        caution(&repo, T, "reference-overuse"),
        vec![t("jane-doe", "-", "-")]
    );
}

#[test]
fn reference_overuse_outside_window_not_counted() {
    let repo = overuse_fixture(&["2026-08-23", "2026-10-01", "2026-11-01", T]);
    assert_eq!(caution(&repo, T, "reference-overuse"), vec![]);
}

#[test]
fn reference_overuse_future_application_not_counted() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-01-01 Agreed #agreed\n",
    );
    for (i, date) in ["2026-09-01", "2026-10-01", "2026-11-01"]
        .iter()
        .enumerate()
    {
        app(
            &repo,
            &format!("app-{i}"),
            &format!(
                "company: Company {i}\nstatus: rejected\napplied: {date}\ndecided: {date}\nreferences: [jane-doe]"
            ),
            "",
        );
    }
    app(
        &repo,
        "app-later",
        "company: Later Co\nstatus: prospect\napplied: 2026-11-23\nreferences: [jane-doe]",
        "",
    );
    assert_eq!(caution(&repo, T, "reference-overuse"), vec![]);
}

#[test]
fn reference_overuse_counts_active_and_decided() {
    let repo = overuse_fixture(&["2026-09-01", "2026-10-01"]);
    app(
        &repo,
        "active-1",
        "company: Active One\nstatus: applied\napplied: 2026-11-10\nreferences: [jane-doe]",
        "## Log\n- 2026-11-10 Told [[jane-doe]] #heads-up\n",
    );
    app(
        &repo,
        "active-2",
        "company: Active Two\nstatus: offer\napplied: 2026-11-12\nreferences: [jane-doe]",
        "## Log\n- 2026-11-12 Told [[jane-doe]] #heads-up\n",
    );
    assert_eq!(
        caution(&repo, T, "reference-overuse"),
        vec![t("jane-doe", "-", "-")]
    );
}

#[test]
fn reference_overuse_limits_from_settings() {
    let repo = overuse_fixture(&["2026-10-01", "2026-11-01"]);
    settings(&repo, "[limits]\nreference_uses = 1\n");
    assert_eq!(
        caution(&repo, T, "reference-overuse"),
        vec![t("jane-doe", "-", "-")]
    );

    let repo = overuse_fixture(&["2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"]);
    settings(&repo, "[limits]\nreference_window = \"30d\"\n");
    assert_eq!(caution(&repo, T, "reference-overuse"), vec![]);

    let repo = overuse_fixture(&["2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01"]);
    settings(&repo, "[limits]\nreference_window = \"6m\"\n");
    assert_eq!(
        caution(&repo, T, "reference-overuse"),
        vec![t("jane-doe", "-", "-")]
    );
}

#[test]
fn reference_overuse_contacts_do_not_count() {
    let repo = Repo::new();
    person(&repo, "bob-stone", "", "");
    for i in 0..4 {
        app(
            &repo,
            &format!("app-{i}"),
            &format!(
                "company: Company {i}\nstatus: rejected\napplied: 2026-11-0{}\ndecided: 2026-11-10\ncontacts: [bob-stone]",
                i + 1
            ),
            "",
        );
    }
    assert_eq!(caution(&repo, T, "reference-overuse"), vec![]);
}

#[test]
fn reference_overuse_not_for_archived() {
    let repo = overuse_fixture(&["2026-09-01", "2026-10-01", "2026-10-15", "2026-11-01"]);
    person(&repo, "jane-doe", "archived: true", "");
    let json = repo.due_json(T);
    assert_eq!(cautions(&json), vec![]);
    assert_eq!(actions(&json), vec![]);
}

// ---------------------------------------------------------------- repeat-follow-up

#[test]
fn repeat_follow_up_two_after_rejection() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-15 Thanked them #follow-up\n- 2026-11-20 Asked again #follow-up\n",
    );
    assert_eq!(
        caution(&repo, T, "repeat-follow-up"),
        vec![t("-", "acme-sre", "-")]
    );
}

#[test]
fn repeat_follow_up_one_is_enough_and_fine() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-15 Thanked them #follow-up\n",
    );
    assert_eq!(caution(&repo, T, "repeat-follow-up"), vec![]);
}

#[test]
fn repeat_follow_up_before_decision_not_counted() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-14 Checked in #follow-up\n- 2026-11-16 Thanked them #follow-up\n",
    );
    assert_eq!(caution(&repo, T, "repeat-follow-up"), vec![]);
}

#[test]
fn repeat_follow_up_planned_not_counted() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-16 Thanked them #follow-up\n- 2026-11-23 Ask again #follow-up\n",
    );
    assert_eq!(caution(&repo, T, "repeat-follow-up"), vec![]);
}

#[test]
fn repeat_follow_up_across_files_employer_side() {
    let repo = interviewer_fixture(
        REJECTED,
        "## Log\n- 2026-11-16 Thanked them #follow-up\n",
        "## Log\n- 2026-11-20 Nudged him #follow-up\n",
    );
    assert_eq!(
        caution(&repo, T, "repeat-follow-up"),
        vec![t("-", "acme-sre", "-")]
    );
}

#[test]
fn repeat_follow_up_reference_side_not_counted() {
    let repo = interviewer_fixture(
        &format!("{REJECTED}\nreferences: [jane-doe]"),
        "## Log\n- 2026-11-16 Thanked them #follow-up\n",
        "",
    );
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-20 Followed up with her #follow-up\n",
    );
    assert_eq!(caution(&repo, T, "repeat-follow-up"), vec![]);
}

#[test]
fn repeat_follow_up_only_when_rejected() {
    for front in [ACTIVE, ACCEPTED, DECLINED, WITHDRAWN] {
        let repo = Repo::new();
        app(
            &repo,
            "acme-sre",
            front,
            "## Log\n- 2026-11-16 Follow-up #follow-up\n- 2026-11-20 Again #follow-up\n",
        );
        assert_eq!(caution(&repo, T, "repeat-follow-up"), vec![], "{front}");
    }
}

// ---------------------------------------------------------------- archived

#[test]
fn archived_contact_gets_no_reference_actions() {
    let repo = reference_fixture(ACCEPTED, "", "");
    person(
        &repo,
        "jane-doe",
        "archived: true\nsnooze_until: 2026-01-01",
        "## Log\n- 2026-11-10 Letter #letter\n- [ ] 2026-11-30 Call her\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert!(
        actions(&json).iter().all(|(_, c, ..)| c != "jane-doe"),
        "archived contact got actions: {:?}",
        actions(&json)
    );
    assert_eq!(cautions(&json), vec![]);
}

#[test]
fn archived_contact_in_active_application_gets_nothing() {
    let repo = reference_fixture(ACTIVE, "## Log\n- 2026-11-10 Onsite #interview\n", "");
    person(&repo, "jane-doe", "archived: true", "");
    let json = repo.due_json(T);
    assert!(
        actions(&json).iter().all(|(_, c, ..)| c != "jane-doe"),
        "archived contact got actions: {:?}",
        actions(&json)
    );
}

// ---------------------------------------------------------------- states, order, JSON

#[test]
fn state_overdue_due_upcoming() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "",
        "## Log\n- [ ] 2026-11-21 Yesterday\n- [ ] 2026-11-22 Today\n- [ ] 2026-11-23 Tomorrow\n- [ ] 2027-06-01 Much later\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    let states: Vec<(String, String)> = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| {
            (
                a["due"].as_str().unwrap_or("?").to_owned(),
                a["state"].as_str().unwrap_or("?").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        states,
        vec![
            ("2026-11-21".to_owned(), "overdue".to_owned()),
            ("2026-11-22".to_owned(), "due".to_owned()),
            ("2026-11-23".to_owned(), "upcoming".to_owned()),
            ("2027-06-01".to_owned(), "upcoming".to_owned()),
        ]
    );
}

#[test]
fn one_action_per_contact_application_pair() {
    // Many interviews, favours and missing updates still give one action of each rule per pair.
    let repo = interviewer_fixture(
        &format!("{ACTIVE}\nreferences: [jane-doe]"),
        "## Log\n- 2026-11-03 Screen with [[bob-stone]] #interview\n- 2026-11-10 Onsite with [[bob-stone]] #interview\n\
         - 2026-11-12 Final with [[bob-stone]] #interview\n",
        "## Log\n- 2026-11-04 He interviewed me again #interview\n",
    );
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-01 Letter #letter\n- 2026-11-02 Intro #intro\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    let mut pairs: Vec<(String, String, String)> = actions(&json)
        .into_iter()
        .filter(|(r, ..)| r != "task")
        .map(|(r, c, a, _)| (r, c, a))
        .collect();
    let before = pairs.len();
    pairs.sort();
    pairs.dedup();
    assert_eq!(
        before,
        pairs.len(),
        "duplicate actions: {:?}",
        actions(&json)
    );
    assert_eq!(
        of_rule(&json, "interviewer-thanks"),
        vec![t("bob-stone", "acme-sre", "2026-11-04")]
    );
    assert_eq!(
        of_rule(&json, "interview-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-14")]
    );
    assert_eq!(
        of_rule(&json, "thank-favor"),
        vec![t("jane-doe", "-", "2026-11-04")]
    );
}

#[test]
fn actions_sorted_by_due_then_rule_contact_application() {
    let repo = Repo::new();
    person(&repo, "zoe-park", "", "");
    person(&repo, "amy-chen", "", "");
    app(
        &repo,
        "beta-app",
        "company: Beta\nstatus: applied\napplied: 2026-11-01\nreferences: [zoe-park, amy-chen]",
        "",
    );
    app(
        &repo,
        "alpha-app",
        "company: Alpha\nstatus: applied\napplied: 2026-11-01\nreferences: [zoe-park]",
        "",
    );
    app(
        &repo,
        "early-app",
        "company: Early\nstatus: applied\napplied: 2026-10-20\nreferences: [zoe-park]",
        "## Log\n- 2026-10-20 Told [[zoe-park]] #heads-up\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    let expected: Vec<(String, String, String, String)> = [
        ("permission", "zoe-park", "early-app", "2026-10-20"),
        ("heads-up", "amy-chen", "beta-app", "2026-11-01"),
        ("heads-up", "zoe-park", "alpha-app", "2026-11-01"),
        ("heads-up", "zoe-park", "beta-app", "2026-11-01"),
        ("permission", "amy-chen", "beta-app", "2026-11-01"),
        ("permission", "zoe-park", "alpha-app", "2026-11-01"),
        ("permission", "zoe-park", "beta-app", "2026-11-01"),
    ]
    .iter()
    .map(|(r, c, a, d)| {
        (
            (*r).to_owned(),
            (*c).to_owned(),
            (*a).to_owned(),
            (*d).to_owned(),
        )
    })
    .collect();
    assert_eq!(actions(&json), expected);
}

#[test]
fn actions_on_the_same_day_sorted_by_rule() {
    // Five rules due the same day, with and without a contact: the rule id decides.
    let repo = Repo::new();
    person(&repo, "dana-wu", "relationship: hiring-manager", "");
    person(&repo, "jane-doe", "", "");
    app(
        &repo,
        "acme-sre",
        "status: rejected\napplied: 2026-10-01\ndecided: 2026-11-15\ncontacts: [dana-wu]\nreferences: [jane-doe]",
        "## Log\n- 2026-11-10 Onsite #interview\n",
    );
    settings(
        &repo,
        "[grace]\nrejection_thanks = \"2d\"\nask_feedback = \"2d\"\nconnect = \"2d\"\nthank_reference = \"2d\"\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    let rules: Vec<String> = actions(&json).into_iter().map(|(r, ..)| r).collect();
    assert_eq!(
        rules,
        vec![
            "ask-feedback",
            "connect",
            "outcome-update",
            "rejection-thanks",
            "thank-reference"
        ]
    );
}

#[test]
fn json_shape_of_due() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(&repo, "jane-doe", "", "");
    app(
        &repo,
        "acme-sre",
        &format!("{REJECTED}\nreferences: [jane-doe]"),
        "## Log\n- 2026-11-10 Onsite #interview\n",
    );
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-11-10 Coffee\n",
    );
    let json = repo.due_json(T);
    let object = json.as_object().expect("an object");
    let mut keys: Vec<&String> = object.keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["actions", "cautions", "diagnostics", "messages", "today"]
    );
    assert_eq!(json["today"], "2026-11-22");
    clean(&json);

    for action in json["actions"].as_array().expect("actions") {
        let mut keys: Vec<&String> = action.as_object().expect("action object").keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "application",
                "contact",
                "due",
                "key",
                "message",
                "rule",
                "state",
                "title"
            ],
            "{action}"
        );
        assert!(
            action["title"].as_str().is_some_and(|s| !s.is_empty()),
            "{action}"
        );
    }
    let outcome = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == "outcome-update")
        .expect("an outcome-update");
    assert_eq!(outcome["contact"], "jane-doe");
    assert_eq!(outcome["application"], "acme-sre");
    assert_eq!(outcome["due"], "2026-11-17");
    assert_eq!(outcome["state"], "overdue");

    let rejection = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == "rejection-thanks")
        .expect("a rejection-thanks");
    assert!(rejection["contact"].is_null(), "{rejection}");

    let cheesecake = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["rule"] == "cheesecake")
        .expect("a cheesecake");
    assert!(cheesecake["application"].is_null(), "{cheesecake}");

    // Every action names its message, and every message lists its actions.
    let messages = json["messages"].as_array().expect("messages");
    for message in messages {
        let mut keys: Vec<&String> = message.as_object().expect("message").keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "actions",
                "applications",
                "channel",
                "due",
                "key",
                "state",
                "title",
                "to"
            ],
            "{message}"
        );
        for key in message["actions"].as_array().expect("keys") {
            let action = (json["actions"].as_array().expect("actions").iter())
                .find(|a| a["key"] == *key)
                .expect("its action");
            assert_eq!(action["message"], message["key"]);
        }
    }
    // Jane's outcome-update and thanks are one message; the employer's note another.
    let jane = messages
        .iter()
        .find(|m| m["to"] == "jane-doe")
        .expect("a message to Jane");
    assert_eq!(jane["applications"], serde_json::json!(["acme-sre"]));
    assert_eq!(jane["actions"].as_array().map(Vec::len), Some(2), "{jane}");
    assert_eq!(jane["channel"], "email");
    assert_eq!(cheesecake["state"], "upcoming");

    let caution = &json["cautions"][0];
    let mut keys: Vec<&String> = caution
        .as_object()
        .expect("caution object")
        .keys()
        .collect();
    keys.sort();
    assert_eq!(keys, ["application", "contact", "rule", "title", "until"]);
    assert_eq!(caution["rule"], "too-soon");
    assert_eq!(caution["contact"], "carol-lee");
    assert!(caution["application"].is_null());
    assert_eq!(caution["until"], "2026-12-01");
}

#[test]
fn json_caution_without_until_is_null() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-16 One #follow-up\n- 2026-11-17 Two #follow-up\n",
    );
    let json = repo.due_json(T);
    let caution = json["cautions"]
        .as_array()
        .expect("cautions")
        .iter()
        .find(|c| c["rule"] == "repeat-follow-up")
        .expect("repeat-follow-up");
    assert!(caution["until"].is_null(), "{caution}");
    assert!(caution["contact"].is_null(), "{caution}");
    assert_eq!(caution["application"], "acme-sre");
}

#[test]
fn json_diagnostics_shape_and_broken_file_left_out() {
    let repo = reference_fixture(ACTIVE, "", "");
    repo.contact("broken", "name: [unclosed", "");
    let json = repo.due_json(T);
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    let broken = diagnostics
        .iter()
        .find(|d| d["file"] == "contacts/broken.md")
        .expect("a diagnostic for the broken file");
    assert_eq!(broken["severity"], "error");
    assert!(broken["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(broken.get("line").is_some(), "{broken}");
    assert_eq!(
        of_rule(&json, "permission"),
        vec![t("jane-doe", "acme-sre", "2026-10-01")]
    );
}

#[test]
fn every_open_action_listed_whatever_its_date() {
    let repo = Repo::new();
    person(
        &repo,
        "sam-ortiz",
        "",
        "## Log\n- [ ] 2020-01-01 Long ago\n- [ ] 2030-01-01 Far away\n",
    );
    assert_eq!(
        rule(&repo, T, "task"),
        vec![
            t("sam-ortiz", "-", "2020-01-01"),
            t("sam-ortiz", "-", "2030-01-01")
        ]
    );
}

#[test]
fn today_changes_what_counts() {
    // The same repository on two days: a heads-up dated 2026-11-20 is planned on 11-19.
    let repo = reference_fixture(ACTIVE, "", "## Log\n- 2026-11-20 Sent resume #heads-up\n");
    assert_eq!(
        rule(&repo, "2026-11-19", "heads-up"),
        vec![t("jane-doe", "acme-sre", "2026-10-01")]
    );
    assert_eq!(rule(&repo, "2026-11-20", "heads-up"), vec![]);
}

#[test]
fn sub_folders_count_and_dot_underscore_files_do_not() {
    let repo = Repo::new();
    repo.file(
        "contacts/work/jane-doe.md",
        "---\nname: Jane Doe\nemail: jane@example.org\n---\n## Log\n- 2026-11-10 Letter #letter\n",
    );
    repo.file(
        "contacts/_drafts/sam.md",
        "---\nname: Sam\n---\n## Log\n- 2026-11-10 Letter #letter\n",
    );
    repo.file(
        "contacts/.hidden.md",
        "---\nname: Hidden\n---\n## Log\n- 2026-11-10 Letter #letter\n",
    );
    repo.file("contacts/notes.txt", "- 2026-11-10 Letter #letter\n");
    assert_eq!(
        rule(&repo, T, "thank-favor"),
        vec![t("jane-doe", "-", "2026-11-13")]
    );
}

// ---------------------------------------------------------------- more boundaries

#[test]
fn rejection_thanks_satisfied_by_employer_side_gift() {
    // `docs/rules.md`, "Tags": `#gift` "counts as `#thanks` too".
    let repo = interviewer_fixture(
        REJECTED,
        "## Log\n- 2026-11-16 Sent the team cookies #gift\n",
        "",
    );
    assert_eq!(rule(&repo, T, "rejection-thanks"), vec![]);
}

#[test]
fn gift_without_applied_any_gift_counts_and_due_from_decided() {
    let repo = reference_fixture("status: accepted\ndecided: 2026-11-15", "", "");
    let json = repo.due_json(T);
    assert_eq!(
        of_rule(&json, "gift"),
        vec![t("jane-doe", "acme-sre", "2026-11-29")]
    );
    let repo = reference_fixture(
        "status: accepted\ndecided: 2026-11-15",
        "",
        "## Log\n- 2025-03-01 Flowers for her help #gift\n",
    );
    let json = repo.due_json(T);
    assert_eq!(of_rule(&json, "gift"), vec![]);
}

#[test]
fn interview_dated_today_counts() {
    let repo = interviewer_fixture(
        &format!("{ACTIVE}\nreferences: [jane-doe]"),
        "## Log\n- 2026-11-22 Onsite with [[bob-stone]] #interview\n",
        "",
    );
    person(&repo, "jane-doe", "", "## Log\n- 2026-09-01 #agreed\n");
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(
        of_rule(&json, "interviewer-thanks"),
        vec![t("bob-stone", "acme-sre", "2026-11-23")]
    );
    assert_eq!(
        of_rule(&json, "interview-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-24")]
    );
}

#[test]
fn unscoped_interview_in_contact_file_concerns_each_of_his_applications() {
    let repo = interviewer_fixture(
        ACTIVE,
        "",
        "## Log\n- 2026-11-10 Interviewed me #interview\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: applied\napplied: 2026-10-05\ncontacts: [bob-stone]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "interviewer-thanks"),
        vec![
            t("bob-stone", "acme-sre", "2026-11-11"),
            t("bob-stone", "globex-pm", "2026-11-11")
        ]
    );
}

#[test]
fn unscoped_interview_in_contact_file_makes_interview_update_due() {
    let repo = interviewer_fixture(
        &format!("{ACTIVE}\nreferences: [jane-doe]"),
        "",
        "## Log\n- 2026-11-10 Interviewed me #interview\n",
    );
    person(&repo, "jane-doe", "", "");
    assert_eq!(
        rule(&repo, T, "interview-update"),
        vec![t("jane-doe", "acme-sre", "2026-11-12")]
    );
}

#[test]
fn favour_scoped_to_application_is_still_her_favour_without_application() {
    let repo = reference_fixture(
        ACTIVE,
        "",
        "## Log\n- 2026-11-10 Acme called her #reference-check [[acme-sre]]\n",
    );
    assert_eq!(
        rule(&repo, T, "thank-favor"),
        vec![t("jane-doe", "-", "2026-11-13")]
    );
}

#[test]
fn thanks_in_another_contacts_file_does_not_thank_her() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-10 Letter #letter\n",
    );
    person(
        &repo,
        "omar-haddad",
        "",
        "## Log\n- 2026-11-12 Thanked him for introducing [[jane-doe]] #thanks\n",
    );
    assert_eq!(
        rule(&repo, T, "thank-favor"),
        vec![t("jane-doe", "-", "2026-11-13")]
    );
}

#[test]
fn cheesecake_target_from_active_application_for_people_outside_it() {
    let repo = Repo::new();
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    person(
        &repo,
        "bob-stone",
        "company: Kestrel Health",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    app(
        &repo,
        "kestrel-ops",
        "company: Kestrel Health\nstatus: interviewing\napplied: 2026-11-01\ntarget: true\ncontacts: [bob-stone]",
        "",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(
        of_rule(&json, "cheesecake"),
        vec![t("carol-lee", "-", "2026-10-31")]
    );
    assert!(
        actions(&json)
            .iter()
            .all(|(r, c, ..)| !(c == "bob-stone" && (r == "cheesecake" || r == "stale")))
    );
}

#[test]
fn cheesecake_target_flag_cancelled_by_accepted_application() {
    let repo = Repo::new();
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health",
        "## Log\n- 2026-09-01 Coffee chat\n",
    );
    app(
        &repo,
        "kestrel-ops",
        "company: Kestrel Health\nstatus: rejected\napplied: 2026-03-01\ndecided: 2026-04-01\ntarget: true",
        "",
    );
    app(
        &repo,
        "kestrel-sre",
        "company: kestrel health \nstatus: accepted\napplied: 2026-08-01\ndecided: 2026-08-20",
        "",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(of_rule(&json, "cheesecake"), vec![]);
    assert_eq!(
        of_rule(&json, "stale"),
        vec![t("carol-lee", "-", "2027-02-28")]
    );
}

#[test]
fn cheesecake_snooze_and_own_cadence_together() {
    let repo = Repo::new();
    settings(&repo, "targets = [\"Kestrel Health\"]\n");
    person(
        &repo,
        "carol-lee",
        "company: Kestrel Health\ncadence: 30d\nsnooze_until: 2026-06-15",
        "## Log\n- 2026-05-01 Coffee chat\n",
    );
    assert_eq!(
        rule(&repo, T, "cheesecake"),
        vec![t("carol-lee", "-", "2026-06-15")]
    );
}

#[test]
fn ids_are_normalised_file_stems() {
    let repo = Repo::new();
    repo.contact("Jane Doe", "name: Jane Doe\nemail: jane@example.org", "");
    repo.application(
        "Acme SRE (2026)",
        "company: Acme Robotics\nrole: SRE\nstatus: applied\napplied: 2026-10-01\nreferences: [\"[[Jane Doe]]\"]",
        "",
    );
    assert_eq!(
        rule(&repo, T, "permission"),
        vec![t("jane-doe", "acme-sre-2026", "2026-10-01")]
    );
}

#[test]
fn list_items_anywhere_in_the_body_are_entries() {
    let repo = reference_fixture(
        ACTIVE,
        "",
        "Notes first.\n\n- 2026-09-20 Agreed at lunch #agreed\n\n## Log\n- Calls\n  - 2026-10-02 Sent resume #heads-up\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(of_rule(&json, "permission"), vec![]);
    assert_eq!(of_rule(&json, "heads-up"), vec![]);
}

#[test]
fn application_with_errors_is_left_out_of_the_rules() {
    let repo = reference_fixture(ACTIVE, "", "");
    repo.application(
        "globex-pm",
        "company: Globex\nrole: PM\nstatus: pending\napplied: 2026-10-05\nreferences: [jane-doe]",
        "",
    );
    let json = repo.due_json(T);
    assert_eq!(
        json["diagnostics"].as_array().map(|d| d
            .iter()
            .filter(|d| d["file"] == "applications/globex-pm.md")
            .count()),
        Some(1),
        "{}",
        json["diagnostics"]
    );
    assert_eq!(
        of_rule(&json, "permission"),
        vec![t("jane-doe", "acme-sre", "2026-10-01")]
    );
}

#[test]
fn stale_for_reference_of_decided_application_after_the_reference_rules() {
    // Once the application is decided she is a check-in contact; her touch is the update.
    let repo = reference_fixture(
        "status: rejected\napplied: 2026-03-01\ndecided: 2026-04-01",
        "",
        "## Log\n- 2026-03-01 #agreed\n- 2026-03-01 #heads-up\n- 2026-04-02 Told her #update #thanks\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(of_rule(&json, "outcome-update"), vec![]);
    assert_eq!(of_rule(&json, "thank-reference"), vec![]);
    // 2026-04-02 + 90d
    assert_eq!(
        of_rule(&json, "stale"),
        vec![t("jane-doe", "-", "2026-07-01")]
    );
}

#[test]
fn stale_due_today_and_yesterday_states() {
    // 2026-05-26 + 180d = 2026-11-22 (today); 2026-05-25 + 180d = yesterday.
    let repo = Repo::new();
    person(&repo, "sam-ortiz", "", "## Log\n- 2026-05-26 Lunch\n");
    person(&repo, "ava-berg", "", "## Log\n- 2026-05-25 Lunch\n");
    let json = repo.due_json(T);
    clean(&json);
    let got: Vec<(String, String, String)> = json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| {
            let s = |k: &str| a[k].as_str().unwrap_or("-").to_owned();
            (s("contact"), s("due"), s("state"))
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "ava-berg".to_owned(),
                "2026-11-21".to_owned(),
                "overdue".to_owned()
            ),
            (
                "sam-ortiz".to_owned(),
                "2026-11-22".to_owned(),
                "due".to_owned()
            ),
        ]
    );
}

#[test]
fn reference_cadence_from_agreed_entry_in_application_file() {
    let repo = Repo::new();
    person(&repo, "jane-doe", "", "");
    app(
        &repo,
        "acme-sre",
        "status: prospect",
        "## Log\n- 2026-05-01 [[jane-doe]] agreed to vouch for me #agreed\n",
    );
    // 2026-05-01 + 90d
    assert_eq!(
        rule(&repo, T, "stale"),
        vec![t("jane-doe", "-", "2026-07-30")]
    );
}

#[test]
fn rejection_thanks_not_satisfied_by_entry_linking_an_outsider() {
    // Employer-side: no contact, or at least one contact in the application's `contacts`.
    let repo = interviewer_fixture(
        REJECTED,
        "## Log\n- 2026-11-16 Thanked [[sam-ortiz]] for the tip #thanks\n",
        "",
    );
    person(&repo, "sam-ortiz", "", "");
    assert_eq!(
        rule(&repo, T, "rejection-thanks"),
        vec![t("-", "acme-sre", "2026-11-18")]
    );
}

#[test]
fn rejection_thanks_planned_interview_is_no_interview() {
    let repo = Repo::new();
    app(
        &repo,
        "acme-sre",
        REJECTED,
        "## Log\n- 2026-11-30 Onsite #interview\n",
    );
    assert_eq!(rule(&repo, T, "rejection-thanks"), vec![]);
}

#[test]
fn gift_scoped_to_other_application_does_not_count() {
    let repo = reference_fixture(
        ACCEPTED,
        "",
        "## Log\n- 2026-11-16 Cookies #gift [[globex-pm]]\n",
    );
    app(
        &repo,
        "globex-pm",
        "company: Globex\nstatus: rejected\napplied: 2026-10-05\ndecided: 2026-11-01\nreferences: [jane-doe]",
        "",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(
        of_rule(&json, "gift"),
        vec![t("jane-doe", "acme-sre", "2026-11-29")]
    );
    assert_eq!(
        of_rule(&json, "thank-reference"),
        vec![t("jane-doe", "acme-sre", "2026-11-22")]
    );
}

#[test]
fn tag_ends_at_punctuation_but_not_at_slash() {
    let repo = reference_fixture(
        ACTIVE,
        "",
        "## Log\n- 2026-10-02 Sent resume (#heads-up), she agreed #agreed.\n",
    );
    let json = repo.due_json(T);
    clean(&json);
    assert_eq!(of_rule(&json, "heads-up"), vec![]);
    assert_eq!(of_rule(&json, "permission"), vec![]);

    let repo = reference_fixture(
        ACTIVE,
        "",
        "## Log\n- 2026-10-02 Draft only #heads-up/draft\n",
    );
    assert_eq!(
        rule(&repo, T, "heads-up"),
        vec![t("jane-doe", "acme-sre", "2026-10-01")]
    );
}

#[test]
fn reference_overuse_counts_applications_not_listings() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-01-01 Agreed #agreed\n",
    );
    for (i, date) in ["2026-09-01", "2026-10-01", "2026-11-01"]
        .iter()
        .enumerate()
    {
        app(
            &repo,
            &format!("app-{i}"),
            &format!(
                "company: Company {i}\nstatus: rejected\napplied: {date}\ndecided: {date}\nreferences: [jane-doe, Jane Doe]"
            ),
            "",
        );
    }
    let json = repo.due_json(T);
    assert_eq!(cautions(&json), vec![]);
}

#[test]
fn invalid_log_date_is_an_error_with_its_line_and_file_left_out() {
    let repo = Repo::new();
    person(
        &repo,
        "jane-doe",
        "",
        "## Log\n- 2026-11-10 Letter #letter\n- 2026-02-30 Typo #thanks\n",
    );
    let json = repo.due_json(T);
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["severity"], "error");
    assert_eq!(diagnostics[0]["file"], "contacts/jane-doe.md");
    // Front matter is lines 1-4 (---, name, email, ---), then "## Log", the letter, the typo.
    assert_eq!(diagnostics[0]["line"], 7);
    assert_eq!(actions(&json), vec![]);
}

#[test]
fn reference_overuse_window_in_months_inclusive() {
    // T - 3m = 2026-08-22.
    let repo = overuse_fixture(&["2026-08-22", "2026-09-01", "2026-10-01", "2026-11-01"]);
    settings(&repo, "[limits]\nreference_window = \"3m\"\n");
    assert_eq!(
        caution(&repo, T, "reference-overuse"),
        vec![t("jane-doe", "-", "-")]
    );
    let repo = overuse_fixture(&["2026-08-21", "2026-09-01", "2026-10-01", "2026-11-01"]);
    settings(&repo, "[limits]\nreference_window = \"3m\"\n");
    assert_eq!(caution(&repo, T, "reference-overuse"), vec![]);
}

#[test]
fn reference_overuse_window_in_months_from_month_end() {
    // 2026-05-31 - 3m = 2026-02-28 (no 31st in February).
    let repo = overuse_fixture(&["2026-02-28", "2026-03-15", "2026-04-15", "2026-05-15"]);
    settings(&repo, "[limits]\nreference_window = \"3m\"\n");
    assert_eq!(
        caution(&repo, "2026-05-31", "reference-overuse"),
        vec![t("jane-doe", "-", "-")]
    );
    let repo = overuse_fixture(&["2026-02-27", "2026-03-15", "2026-04-15", "2026-05-15"]);
    settings(&repo, "[limits]\nreference_window = \"3m\"\n");
    assert_eq!(caution(&repo, "2026-05-31", "reference-overuse"), vec![]);
}

#[test]
fn markdown_link_to_contact_in_application_file() {
    let repo = reference_fixture(
        ACTIVE,
        "## Log\n- 2026-10-02 Briefed [Jane](../contacts/jane-doe.md) #heads-up\n",
        "",
    );
    assert_eq!(rule(&repo, T, "heads-up"), vec![]);
}
