//! Field collection: the respondent roster, the questionnaire's sections, and where collection
//! stands (who was asked what, what came back, who to remind).
//!
//! In: a validated [`Framework`] and [`Questionnaire`]s, the roster rows `ingest::roster` read,
//! the answers received and a date. Out: the sections each roster row is assigned
//! ([`assigned_sections`]), the questions of a set of sections ([`questions_in`]) and the
//! [`CollectionStatus`] per institution and section with the reminders. Pure: no I/O, no clock
//! (the caller gives "today"). Not here: reading the roster (`ingest::roster`), printing or
//! writing the status (`cli::status`), scoring.
//!
//! A section is a layer dimension, named by its id (`inf-cybersecurity`); a roster may also name a
//! whole layer by its pillar id (`policy-legal`), which stands for every dimension of it.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::{Answer, Date, Framework, InstitutionKind, Questionnaire, RowRef};

/// One row of the roster: a respondent, the institution they answer for, and what they were asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RosterEntry {
    /// Who answers.
    pub respondent: String,
    /// The institution they answer for.
    pub institution: String,
    /// The framework role the institution plays (`roles:` id), when given.
    pub role: Option<String>,
    /// What kind of body the institution is: from the workspace's list of institutions, or the
    /// roster's `kind` column where the list has none; `None` when neither says.
    pub kind: Option<InstitutionKind>,
    /// How to reach them (e-mail, phone), when given.
    pub contact: Option<String>,
    /// Sections named in the row (dimension or layer ids, as written); empty: the sections with a
    /// question that suits `role` or `kind`.
    pub sections: Vec<String>,
    /// When the answers are due, when given.
    pub due: Option<Date>,
    /// Where the row is.
    pub source: RowRef,
}

/// A section of the questionnaire: one layer dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Dimension id.
    pub id: String,
    /// Dimension title.
    pub title: String,
    /// The layer (pillar id) it belongs to.
    pub layer: String,
}

/// Every section of a framework's layers, in framework order.
pub fn sections(framework: &Framework) -> Vec<Section> {
    framework
        .layers()
        .flat_map(|p| {
            p.dimensions.iter().map(move |d| Section {
                id: d.id.clone(),
                title: d.title.clone(),
                layer: p.id.clone(),
            })
        })
        .collect()
}

/// The ids a roster may name: every layer id, then every section (dimension) id.
pub fn section_names(framework: &Framework) -> Vec<&str> {
    framework
        .layers()
        .map(|p| p.id.as_str())
        .chain(
            framework
                .layers()
                .flat_map(|p| p.dimensions.iter().map(|d| d.id.as_str())),
        )
        .collect()
}

/// Indicator id → the section (dimension id) it belongs to, for layer indicators.
pub fn section_of_indicator(framework: &Framework) -> HashMap<&str, &str> {
    framework
        .layers()
        .flat_map(|p| {
            p.dimensions
                .iter()
                .flat_map(|d| d.indicators.iter().map(move |i| (i.id.as_str(), d.id.as_str())))
        })
        .collect()
}

/// The sections (dimension ids, in framework order) a roster row is assigned: those it names (a
/// layer id standing for its dimensions), or, naming none, those with a question that suits its
/// role or its institution's kind. Names that are neither a layer nor a section are skipped
/// (ingest reported them).
pub fn assigned_sections(
    entry: &RosterEntry,
    framework: &Framework,
    questionnaires: &[Questionnaire],
) -> Vec<String> {
    let mut wanted: BTreeSet<&str> = BTreeSet::new();
    if entry.sections.is_empty() {
        // `suits` names roles and kinds in one list (`central_bank` is both).
        let role = entry.role.as_deref();
        let kind = entry.kind.map(InstitutionKind::code);
        let section_of = section_of_indicator(framework);
        for question in questionnaires.iter().flat_map(|q| &q.questions) {
            let suited = question
                .suits
                .iter()
                .any(|s| Some(s.as_str()) == role || Some(s.as_str()) == kind);
            if suited && let Some(section) = section_of.get(question.indicator.as_str()) {
                wanted.insert(section);
            }
        }
    } else {
        for name in &entry.sections {
            for pillar in framework.layers() {
                if pillar.id == *name {
                    wanted.extend(pillar.dimensions.iter().map(|d| d.id.as_str()));
                }
                for dimension in &pillar.dimensions {
                    if dimension.id == *name {
                        wanted.insert(dimension.id.as_str());
                    }
                }
            }
        }
    }
    sections(framework)
        .into_iter()
        .filter(|s| wanted.contains(s.id.as_str()))
        .map(|s| s.id)
        .collect()
}

/// The sections an institution is assigned over all its roster rows, in framework order. Names
/// are compared without case and surrounding spaces.
pub fn institution_sections(
    institution: &str,
    roster: &[RosterEntry],
    framework: &Framework,
    questionnaires: &[Questionnaire],
) -> Vec<String> {
    let key = institution_key(institution);
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    for entry in roster.iter().filter(|e| institution_key(&e.institution) == key) {
        wanted.extend(assigned_sections(entry, framework, questionnaires));
    }
    sections(framework)
        .into_iter()
        .filter(|s| wanted.contains(&s.id))
        .map(|s| s.id)
        .collect()
}

/// The questionnaires cut to the questions of these sections (dimension ids), in their order.
pub fn questions_in(
    sections: &[String],
    framework: &Framework,
    questionnaires: &[Questionnaire],
) -> Vec<Questionnaire> {
    let section_of = section_of_indicator(framework);
    questionnaires
        .iter()
        .map(|q| {
            let mut cut = q.clone();
            cut.questions.retain(|question| {
                section_of
                    .get(question.indicator.as_str())
                    .is_some_and(|s| sections.iter().any(|wanted| wanted == s))
            });
            cut
        })
        .collect()
}

/// A name as compared: trimmed, lowercase, inner spaces collapsed.
pub fn institution_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Where collection stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollectionStatus {
    /// The date the status is taken on.
    pub today: Date,
    /// One row per institution and assigned section: institutions in roster order, sections in
    /// framework order.
    pub sections: Vec<SectionStatus>,
    /// The respondents with questions still missing, most overdue first, then in roster order.
    pub reminders: Vec<Reminder>,
}

/// One assigned section of one institution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionStatus {
    /// Institution, as the roster first writes it.
    pub institution: String,
    /// Section (dimension id).
    pub section: String,
    /// Its layer (pillar id).
    pub layer: String,
    /// The respondents it is assigned to, in roster order.
    pub respondents: Vec<String>,
    /// Questions of the section in the workspace's questionnaires.
    pub questions: usize,
    /// Of these, answered by someone of the institution (`na` and `unknown` count as answered).
    pub answered: usize,
    /// The ids of the questions not answered, in questionnaire order.
    pub missing: Vec<String>,
    /// The earliest due date of the roster rows assigning it.
    pub due: Option<Date>,
    /// Days past the due date when questions are missing; `None` when complete or not yet due.
    pub days_overdue: Option<i64>,
}

/// A respondent to remind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminder {
    /// Who.
    pub respondent: String,
    /// Their institution.
    pub institution: String,
    /// How to reach them.
    pub contact: Option<String>,
    /// Their sections with questions missing, with how many, e.g. `inf-cybersecurity (3 of 6)`.
    pub missing: Vec<(String, usize, usize)>,
    /// Their due date.
    pub due: Option<Date>,
    /// Days past it, when past.
    pub days_overdue: Option<i64>,
}

impl SectionStatus {
    /// Every question answered.
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Where collection stands on `today`: for each institution of the roster and each section
/// assigned to it, how many of the section's questions someone of that institution answered (an
/// answer counts for the institution it names, or, naming none, for the institution of the
/// roster's respondent of that name), and the respondents to remind.
pub fn collection_status(
    roster: &[RosterEntry],
    answers: &[Answer],
    framework: &Framework,
    questionnaires: &[Questionnaire],
    today: Date,
) -> CollectionStatus {
    let all_sections = sections(framework);
    let section_of = section_of_indicator(framework);
    let questions_of = |section: &str| -> Vec<&str> {
        questionnaires
            .iter()
            .flat_map(|q| &q.questions)
            .filter(|q| section_of.get(q.indicator.as_str()) == Some(&section))
            .map(|q| q.id.as_str())
            .collect()
    };

    // Respondent name → institution key, from the roster (for answers that name no institution).
    let respondent_institution: HashMap<String, String> = roster
        .iter()
        .map(|e| (institution_key(&e.respondent), institution_key(&e.institution)))
        .collect();
    // Institution key → question ids answered.
    let mut answered: HashMap<String, BTreeSet<&str>> = HashMap::new();
    for answer in answers {
        let institution = match &answer.institution {
            Some(name) if !name.trim().is_empty() => Some(institution_key(name)),
            _ => respondent_institution
                .get(&institution_key(&answer.respondent))
                .cloned(),
        };
        if let Some(institution) = institution {
            answered
                .entry(institution)
                .or_default()
                .insert(answer.question_id.as_str());
        }
    }

    // Institutions in roster order, each with its rows.
    let mut institutions: Vec<(String, Vec<&RosterEntry>)> = Vec::new();
    for entry in roster {
        let key = institution_key(&entry.institution);
        match institutions
            .iter_mut()
            .find(|(name, _)| institution_key(name) == key)
        {
            Some((_, rows)) => rows.push(entry),
            None => institutions.push((entry.institution.clone(), vec![entry])),
        }
    }

    let mut rows = Vec::new();
    for (institution, entries) in &institutions {
        let assigned: Vec<(&RosterEntry, Vec<String>)> = entries
            .iter()
            .map(|e| (*e, assigned_sections(e, framework, questionnaires)))
            .collect();
        let got = answered.get(&institution_key(institution));
        for section in &all_sections {
            let by: Vec<&RosterEntry> = assigned
                .iter()
                .filter(|(_, s)| s.contains(&section.id))
                .map(|(e, _)| *e)
                .collect();
            if by.is_empty() {
                continue;
            }
            let questions = questions_of(&section.id);
            if questions.is_empty() {
                continue;
            }
            let missing: Vec<String> = questions
                .iter()
                .filter(|q| !got.is_some_and(|g| g.contains(*q)))
                .map(|q| q.to_string())
                .collect();
            let due = by.iter().filter_map(|e| e.due).min();
            let days_overdue = overdue(due, today, missing.is_empty());
            let mut respondents: Vec<String> = Vec::new();
            for e in &by {
                if !respondents.contains(&e.respondent) {
                    respondents.push(e.respondent.clone());
                }
            }
            rows.push(SectionStatus {
                institution: institution.clone(),
                section: section.id.clone(),
                layer: section.layer.clone(),
                respondents,
                questions: questions.len(),
                answered: questions.len() - missing.len(),
                missing,
                due,
                days_overdue,
            });
        }
    }

    let mut reminders: Vec<Reminder> = Vec::new();
    for entry in roster {
        let key = institution_key(&entry.institution);
        let mine = assigned_sections(entry, framework, questionnaires);
        let missing: Vec<(String, usize, usize)> = rows
            .iter()
            .filter(|r| institution_key(&r.institution) == key && mine.contains(&r.section) && !r.complete())
            .map(|r| (r.section.clone(), r.missing.len(), r.questions))
            .collect();
        if missing.is_empty() {
            continue;
        }
        reminders.push(Reminder {
            respondent: entry.respondent.clone(),
            institution: entry.institution.clone(),
            contact: entry.contact.clone(),
            missing,
            due: entry.due,
            days_overdue: overdue(entry.due, today, false),
        });
    }
    // Most overdue first; the sort is stable, so ties keep roster order.
    reminders.sort_by_key(|r| std::cmp::Reverse(r.days_overdue.unwrap_or(i64::MIN)));
    CollectionStatus {
        today,
        sections: rows,
        reminders,
    }
}

/// Days past `due` on `today` when not complete; `None` when complete, undated or not yet due.
fn overdue(due: Option<Date>, today: Date, complete: bool) -> Option<i64> {
    let due = due?;
    let days = days_since_epoch(today) - days_since_epoch(due);
    (!complete && days > 0).then_some(days)
}

/// Days since 1970-01-01 (Howard Hinnant's days-from-civil algorithm).
pub fn days_since_epoch(date: Date) -> i64 {
    let (m, d) = (i64::from(date.month), i64::from(date.day));
    let y = i64::from(date.year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_inverts_from_unix_days() {
        for days in [-1000, 0, 59, 60, 11_000, 20_000, 20_600] {
            assert_eq!(days_since_epoch(Date::from_unix_days(days)), days);
        }
    }

    #[test]
    fn overdue_counts_days_past_due_only_when_incomplete() {
        let due = Date::parse("2026-04-30");
        let today = Date::parse("2026-05-03").unwrap();
        assert_eq!(overdue(due, today, false), Some(3));
        assert_eq!(overdue(due, today, true), None);
        assert_eq!(overdue(Date::parse("2026-05-03"), today, false), None);
        assert_eq!(overdue(None, today, false), None);
    }
}
