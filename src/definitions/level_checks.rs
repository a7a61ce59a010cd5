//! How each level of an indicator is checked, and the test that no two indicators reward the
//! same artefact at the same level (`docs/method.md` §3).
//!
//! In: an indicator's raw `checks` (levels 1..4 → evidence type and artefact) with its level
//! descriptors, then every indicator's validated checks. Out: the validated [`LevelCheck`]s, and
//! errors at their `file:line:col` for an unknown evidence type, a level outside 1..4, a missing
//! level, an artefact the descriptor does not mention, and two indicators naming the same artefact
//! at one level. Not here: judging answers against the checks (a reviewer does that with the
//! register) or any scoring. Pure: no I/O.
//!
//! Two artefacts are "the same" when their content words (lowercased, crudely stemmed, stop and
//! status words removed) are equal, when they share three or more words that make up three
//! quarters of the shorter phrase, or when they share two thirds of all their words. The declared
//! artefacts are short noun phrases, so word sets are a fair stand-in for what a reviewer would
//! look at; this is the comparison that exposes overlaps such as a cybersecurity law's level 3
//! and the incident-reporting indicator's level 3 both naming an incident-reporting obligation.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;

use super::raw::{Located, RawLevelCheck};
use super::validate::Checker;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::LevelCheck;

/// Words that carry no artefact: articles, prepositions, conjunctions, and quantifiers.
const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "by",
    "each",
    "every",
    "for",
    "from",
    "in",
    "into",
    "is",
    "it",
    "its",
    "no",
    "not",
    "of",
    "on",
    "or",
    "other",
    "per",
    "than",
    "that",
    "the",
    "their",
    "this",
    "to",
    "under",
    "which",
    "with",
    "within",
    "all",
    "one",
    "two",
    "three",
    // Status and scope words: every level of every indicator has adopted, published, national or
    // government artefacts, so these say nothing about which artefact it is.
    "adopted",
    "published",
    "national",
    "government",
    "public",
    "official",
    "force",
    "current",
    "latest",
    "new",
    "annual",
    "yearly",
    "signed",
    "approved",
];

/// The content words of a phrase: lowercase, split on anything but letters and digits, stop
/// words dropped, a final plural `s` (not `ss`) removed from words longer than three letters.
pub fn content_words(phrase: &str) -> BTreeSet<String> {
    phrase
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

/// A crude stem, enough for short noun phrases: plural `ies`/`s`, and the `ing`/`ed` of
/// "naming"/"named" or "requiring"/"required", so that wording variants of one artefact meet.
fn stem(word: &str) -> String {
    let chars = word.chars().count();
    if let Some(base) = word.strip_suffix("ies")
        && chars >= 6
    {
        return format!("{base}y");
    }
    if let Some(base) = word.strip_suffix("ing")
        && chars >= 6
    {
        return base.to_string();
    }
    if let Some(base) = word.strip_suffix("ed")
        && chars >= 5
    {
        return base.trim_end_matches('e').to_string();
    }
    if chars > 3 && word.ends_with('s') && !word.ends_with("ss") {
        let base = &word[..word.len() - 1];
        return base.trim_end_matches('e').to_string();
    }
    word.trim_end_matches('e').to_string()
}

/// Whether two artefact phrases name the same thing (see the module header).
pub fn same_artefact(a: &str, b: &str) -> bool {
    let (a, b) = (content_words(a), content_words(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    // Decided on integers: at least three content words shared that make up three quarters of
    // the shorter phrase, or two thirds of all the words of both.
    let shared = a.intersection(&b).count();
    let smaller = a.len().min(b.len());
    if shared >= 3 && 4 * shared >= 3 * smaller {
        return true;
    }
    let union = a.union(&b).count();
    3 * shared >= 2 * union
}

/// Validates one indicator's checks against its descriptors. An indicator without checks gets
/// none (the framework-wide rule below decides whether that is a problem).
pub(super) fn check_indicator_checks(
    c: &mut Checker<'_>,
    indicator: &Located<String>,
    raw: &IndexMap<u8, Located<RawLevelCheck>>,
    levels: &[String; 5],
) -> Vec<LevelCheck> {
    let id = &indicator.value;
    let mut checks = Vec::new();
    for (&level, check) in raw {
        if !(1..=4).contains(&level) {
            c.error(
                Code::InvalidValue,
                check,
                format!("indicator `{id}` has a check for level {level}; checks are for levels 1..4"),
                "level 0 is the absence of every artefact and needs no check",
            );
            continue;
        }
        let owner = format!("the check of indicator `{id}` level {level}");
        let Some(evidence) = super::validate::evidence_type(c, &owner, &check.value.evidence) else {
            continue;
        };
        let artefact = check.value.artefact.value.trim();
        let words = content_words(artefact);
        if words.is_empty() {
            c.error(
                Code::MissingValue,
                &check.value.artefact,
                format!("indicator `{id}` level {level} names no artefact to check"),
                "name the document or record a reviewer looks for, e.g. \"data-protection act in force\"",
            );
            continue;
        }
        // A missing descriptor is reported on its own; comparing with it would only repeat that.
        let descriptor = content_words(&levels[usize::from(level)]);
        if !descriptor.is_empty() && words.is_disjoint(&descriptor) {
            c.error(
                Code::InvalidValue,
                &check.value.artefact,
                format!(
                    "indicator `{id}` level {level} is checked by \"{artefact}\", which its level {level} descriptor does not mention"
                ),
                "name the artefact with the descriptor's own words, or reword the descriptor so that it names the artefact",
            );
        }
        checks.push(LevelCheck {
            level,
            evidence,
            artefact: artefact.to_string(),
        });
    }
    if !raw.is_empty() {
        let missing: Vec<String> = (1..=4u8)
            .filter(|l| !raw.contains_key(l))
            .map(|l| l.to_string())
            .collect();
        if !missing.is_empty() {
            c.error(
                Code::MissingValue,
                indicator,
                format!(
                    "indicator `{id}` says how levels are checked but not level {}",
                    missing.join(", ")
                ),
                "give `checks` for each of levels 1, 2, 3 and 4",
            );
        }
    }
    checks
}

/// One indicator's place and checks, for the framework-wide comparison.
pub(super) struct CheckedIndicator<'a> {
    pub id: &'a Located<String>,
    pub checks: &'a IndexMap<u8, Located<RawLevelCheck>>,
}

/// Across the framework: once any indicator says how its levels are checked, every indicator
/// must (a warning names those that do not); and no two indicators may name the same artefact at
/// the same level (an error at the later one, naming the earlier).
pub(super) fn check_framework_checks(c: &mut Checker<'_>, indicators: &[CheckedIndicator<'_>]) {
    if indicators.iter().all(|i| i.checks.is_empty()) {
        return;
    }
    for indicator in indicators.iter().filter(|i| i.checks.is_empty()) {
        c.push(
            Diagnostic::warning(
                Code::MissingValue,
                c.at(indicator.id),
                format!(
                    "indicator `{}` does not say how its levels are checked, unlike the others",
                    indicator.id.value
                ),
            )
            .with_hint("add `checks` with an evidence type and an artefact for levels 1..4"),
        );
    }
    let mut by_level: BTreeMap<u8, Vec<(&str, &Located<String>)>> = BTreeMap::new();
    for indicator in indicators {
        for (&level, check) in indicator.checks {
            by_level
                .entry(level)
                .or_default()
                .push((indicator.id.value.as_str(), &check.value.artefact));
        }
    }
    for (level, named) in by_level {
        for (later, (id, artefact)) in named.iter().enumerate() {
            let earlier = named[..later]
                .iter()
                .find(|(other, theirs)| other != id && same_artefact(&artefact.value, &theirs.value));
            if let Some((other, theirs)) = earlier {
                c.error(
                    Code::InvalidStructure,
                    *artefact,
                    format!(
                        "indicators `{other}` and `{id}` both reward \"{}\" at level {level} (`{other}` names \"{}\")",
                        artefact.value.trim(),
                        theirs.value.trim()
                    ),
                    "one artefact counts once: keep it in the indicator it belongs to and give the other a level its own evidence shows",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_drop_stop_words_and_plurals() {
        let words = content_words("The CII operators' incident reports, filed to the CSIRT");
        let expected: BTreeSet<String> = ["cii", "operator", "incident", "report", "fil", "csirt"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        assert_eq!(words, expected);
        assert_eq!(
            content_words("registries"),
            BTreeSet::from(["registry".to_string()])
        );
        assert_eq!(content_words("access"), BTreeSet::from(["access".to_string()]));
    }

    /// The four overlaps the framework review found, each side's artefact as a reviewer would
    /// have named it from the descriptors before the revision: each pair is caught.
    #[test]
    fn the_reviewed_overlaps_are_the_same_artefact() {
        let overlaps = [
            // law-mandates-liability 2: "Laws name the operators of the ID, payment and
            // data-exchange systems and their main duties"; gov-operator-mandates 3: "The ID
            // authority, the payment-switch operator and the data-exchange operator are each named
            // in a law, decree or licence that states their duties".
            (
                "laws naming the ID, payment and data-exchange operators and their duties",
                "law, decree or licence naming the ID, payment-switch and data-exchange operators with their duties",
            ),
            // law-digital-procurement 3: "Binding rules require open standards and documented APIs
            // in tenders ... exit and transition clauses"; gov-procurement-capacity 3: "DPI tenders
            // use model clauses securing ... open interfaces, documentation and an exit plan".
            (
                "tender clauses requiring open interfaces and exit",
                "model tender clauses on open interfaces and an exit plan",
            ),
            // law-standards-adoption 3: core standards "adopted or made binding"; gov-standards-body
            // 3: "publishes a versioned catalogue that ministries are required to follow".
            (
                "binding interoperability standards catalogue",
                "versioned interoperability standards catalogue ministries are required to follow",
            ),
            // law-cybersecurity 3: "sets security and incident-reporting duties for government and
            // critical operators"; inf-incident-reporting 3: "All critical operators and government
            // agencies must report significant incidents within a set deadline".
            (
                "incident-reporting duties of critical operators",
                "critical operators' duty to report incidents within a deadline",
            ),
        ];
        for (a, b) in overlaps {
            assert!(same_artefact(a, b), "{a:?} vs {b:?}");
            assert!(same_artefact(b, a), "{b:?} vs {a:?}");
        }
    }

    #[test]
    fn related_but_distinct_artefacts_are_not_the_same() {
        let distinct = [
            (
                "adopted national cybersecurity strategy",
                "adopted national data strategy",
            ),
            (
                "data-protection act in force",
                "access-to-information act in force",
            ),
            (
                "ITU fixed broadband subscriptions per 100 inhabitants",
                "ITU mobile broadband coverage figure",
            ),
            (
                "procurement regulation requiring open standards",
                "specialised digital procurement team",
            ),
        ];
        for (a, b) in distinct {
            assert!(!same_artefact(a, b), "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn containment_needs_three_words() {
        // Two words inside a longer phrase is a shared theme, not the same artefact.
        assert!(!same_artefact(
            "service catalogue",
            "published service catalogue with fees and times"
        ));
        assert!(same_artefact(
            "published national service catalogue",
            "published national service catalogue with fees"
        ));
    }
}
