//! The evidence register and what answers cite from it (`docs/validation.md` §1, `docs/method.md`
//! §4 steps 5–6).
//!
//! In: the register's documents (read by `ingest::evidence`), an answer's `evidence` cell, the
//! framework's evidence rules and the assessment date. Out: the citations of a cell (register ids
//! and unregistered text), whether an answer has *supporting* evidence, the problems of an answer's
//! evidence, and whether an indicator is *evidence-weak*.
//! Not here: reading the register (that is `ingest`), wording diagnostics (`cli::evidence`), or
//! scoring (`score` asks [`EvidenceJudge::supports`]). Pure: no I/O; every decision compares
//! dates and integers, never floats.

use std::collections::{BTreeMap, HashMap};

#[cfg(test)]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};

use super::workspace::days_in_month;
use super::{Answer, Assessment, ColumnRef, Date, Indicator, Response, RowRef};

vocabulary! {
    /// What kind of document a register row is.
    EvidenceType {
        /// An act of parliament, a constitution, a ratified treaty.
        Law => "law",
        /// A decree, regulation, directive, binding standard or licence condition.
        Regulation => "regulation",
        /// An adopted strategy, policy, plan or roadmap.
        Strategy => "strategy",
        /// A figure published by a statistics office, regulator or ministry.
        OfficialStatistic => "official_statistic",
        /// An audit, inspection, evaluation or independent review.
        AuditEvaluation => "audit_evaluation",
        /// A system's own record: a register extract, a dashboard, a service catalogue, a contract.
        SystemRecord => "system_record",
        /// Minutes of a meeting or workshop.
        MeetingRecord => "meeting_record",
        /// What an official said or wrote, not otherwise published.
        Statement => "statement",
    }
}

/// The framework's evidence rules (`rules.evidence`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceRules {
    /// Types that can support levels 3 and 4 unless an indicator names its own.
    pub supports_high_levels: Vec<EvidenceType>,
    /// A document of this type older than this many years at the assessment date is out of date;
    /// types not listed never go out of date by age.
    pub max_age_years: BTreeMap<EvidenceType, u32>,
    /// A document cited by answers to more indicators than this is overused.
    pub max_indicators_per_document: u32,
}

impl Default for EvidenceRules {
    /// The defaults of `docs/validation.md` §1.
    fn default() -> Self {
        use EvidenceType::*;
        EvidenceRules {
            supports_high_levels: vec![
                Law,
                Regulation,
                Strategy,
                OfficialStatistic,
                AuditEvaluation,
                SystemRecord,
            ],
            max_age_years: BTreeMap::from([
                (OfficialStatistic, 3),
                (AuditEvaluation, 5),
                (SystemRecord, 2),
                (MeetingRecord, 2),
                (Statement, 2),
            ]),
            max_indicators_per_document: 6,
        }
    }
}

/// A date as precise as the register gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    /// Year.
    pub year: i32,
    /// Month 1..12, when given.
    pub month: Option<u8>,
    /// Day, when given (then the month is too).
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar date); surrounding spaces allowed.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        if !text.is_ascii() {
            return None;
        }
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match text.len() {
            4 if digits(text) => Some(PartialDate {
                year: text.parse().ok()?,
                month: None,
                day: None,
            }),
            7 if text.as_bytes()[4] == b'-' && digits(&text[..4]) && digits(&text[5..]) => {
                let month: u8 = text[5..].parse().ok()?;
                (1..=12).contains(&month).then_some(PartialDate {
                    year: text[..4].parse().ok()?,
                    month: Some(month),
                    day: None,
                })
            }
            10 => Date::parse(text).map(PartialDate::from),
            _ => None,
        }
    }

    /// The latest day the date can mean: the last day of its year or month, or the day itself.
    /// A document dated `2021` is given the benefit of the doubt: it may be from 31 December.
    pub fn latest_day(self) -> Date {
        match (self.month, self.day) {
            (Some(month), Some(day)) => Date {
                year: self.year,
                month,
                day,
            },
            (Some(month), None) => Date {
                year: self.year,
                month,
                day: days_in_month(self.year, month),
            },
            _ => Date {
                year: self.year,
                month: 12,
                day: 31,
            },
        }
    }
}

impl From<Date> for PartialDate {
    fn from(date: Date) -> Self {
        PartialDate {
            year: date.year,
            month: Some(date.month),
            day: Some(date.day),
        }
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One row of the evidence register.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The code answers cite, as written (matched without case).
    pub id: String,
    /// Title.
    pub title: String,
    /// What kind of document it is.
    #[serde(rename = "type")]
    pub kind: EvidenceType,
    /// Who published it.
    pub issuer: Option<String>,
    /// When it was issued or last updated.
    pub date: Option<PartialDate>,
    /// Where to find it.
    pub url: Option<String>,
    /// A file in the workspace's document folder.
    pub file: Option<String>,
    /// Who verified that it says what the answers claim.
    pub checked_by: Option<String>,
    /// When.
    pub checked_on: Option<Date>,
    /// The register row it came from.
    pub source: RowRef,
    /// The column of its id in that row.
    pub id_column: ColumnRef,
}

/// The evidence register: documents in row order, looked up by id without case.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Register {
    documents: Vec<Document>,
    #[serde(skip)]
    by_id: HashMap<String, usize>,
}

impl Register {
    /// A register of these documents; of two with the same id (without case) the first is kept
    /// (`ingest` reports the second as an error).
    pub fn new(documents: Vec<Document>) -> Register {
        let mut register = Register::default();
        for document in documents {
            let key = id_key(&document.id);
            if register.by_id.contains_key(&key) {
                continue;
            }
            register.by_id.insert(key, register.documents.len());
            register.documents.push(document);
        }
        register
    }

    /// The documents, in register order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The document with this id, compared without case (and without surrounding spaces).
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.by_id.get(&id_key(id)).map(|&i| &self.documents[i])
    }

    /// Whether a text is the id of a document.
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(&id_key(id))
    }
}

/// An id as compared: trimmed, lowercase.
fn id_key(id: &str) -> String {
    id.trim().to_lowercase()
}

/// One part of an answer's `evidence` cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Citation {
    /// A register id, as written (trimmed).
    Id(String),
    /// Anything else: unregistered evidence, kept as written (trimmed).
    Text(String),
}

/// The citations of an `evidence` cell. The cell is split on `;` and line breaks into parts
/// (trimmed, empty ones dropped); a part whose comma-separated pieces (trimmed, empty ones
/// dropped) are all ids of the register is read as those ids, in order; any other part is one
/// unregistered text. Without a register every part is text.
pub fn parse_citations(cell: &str, register: Option<&Register>) -> Vec<Citation> {
    let mut citations = Vec::new();
    for part in cell
        .split([';', '\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let pieces: Vec<&str> = part.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
        match register {
            Some(register) if !pieces.is_empty() && pieces.iter().all(|p| register.contains(p)) => {
                citations.extend(pieces.into_iter().map(|p| Citation::Id(p.to_string())));
            }
            _ => citations.push(Citation::Text(part.to_string())),
        }
    }
    citations
}

/// What is wrong with the evidence of one answer.
#[derive(Debug, Clone, PartialEq)]
pub enum EvidenceProblem {
    /// The answer gives level 3 or 4 and cites nothing.
    Missing,
    /// A part that is not a register id (only with a register), as written.
    Unregistered(String),
    /// The answer gives level 3 or 4 and cites registered documents, none of an accepted type:
    /// the documents cited (id as written in the register, type).
    WrongType(Vec<(String, EvidenceType)>),
    /// A cited document is out of date at the assessment date.
    Outdated {
        /// Its id, as written in the register.
        id: String,
        /// Its date.
        date: PartialDate,
        /// Its type.
        kind: EvidenceType,
        /// The most years its type may be old.
        max_age_years: u32,
    },
}

/// Judges answers' evidence against a register, the framework's evidence rules and the assessment
/// date.
#[derive(Debug, Clone, Copy)]
pub struct EvidenceJudge<'a> {
    /// The workspace's register, if it has one.
    pub register: Option<&'a Register>,
    /// The framework's evidence rules.
    pub rules: &'a EvidenceRules,
    /// The assessment date.
    pub on: Date,
}

impl<'a> EvidenceJudge<'a> {
    /// The judge for an assessment.
    pub fn new(assessment: &'a Assessment) -> Self {
        EvidenceJudge {
            register: assessment.register.as_ref(),
            rules: &assessment.framework.rules.evidence,
            on: assessment.workspace.assessment_date,
        }
    }

    /// The types that can support levels 3 and 4 of an indicator: its `evidence_types`, else the
    /// framework's `supports_high_levels`.
    pub fn accepted<'s>(&'s self, indicator: &'s Indicator) -> &'s [EvidenceType] {
        if indicator.evidence_types.is_empty() {
            &self.rules.supports_high_levels
        } else {
            &indicator.evidence_types
        }
    }

    /// Whether a document is out of date: its type has a `max_age_years` N and its date plus N
    /// years is before the assessment date. The date is its latest day (see
    /// [`PartialDate::latest_day`]); adding N years adds N to the year and keeps month and day,
    /// compared as (year, month, day), so 29 February plus one year falls between 28 February and
    /// 1 March. A document without a date is never out of date.
    pub fn is_outdated(&self, document: &Document) -> bool {
        let (Some(date), Some(&years)) = (document.date, self.rules.max_age_years.get(&document.kind)) else {
            return false;
        };
        let latest = date.latest_day();
        let until = (
            i64::from(latest.year) + i64::from(years),
            latest.month,
            latest.day,
        );
        until < (i64::from(self.on.year), self.on.month, self.on.day)
    }

    /// Whether a document supports levels 3 and 4 of an indicator accepting `accepted`: of an
    /// accepted type and not out of date.
    pub fn document_supports(&self, document: &Document, accepted: &[EvidenceType]) -> bool {
        accepted.contains(&document.kind) && !self.is_outdated(document)
    }

    /// Whether an answer has supporting evidence: with a register, it cites a document that
    /// [supports](Self::document_supports); without one, it cites anything at all (as before
    /// registers existed). The answer's level is not looked at.
    pub fn supports(&self, answer: &Answer, accepted: &[EvidenceType]) -> bool {
        answer
            .evidence
            .as_deref()
            .is_some_and(|text| self.text_supports(text, accepted))
    }

    /// Whether an evidence cell supports levels 3 and 4, as [`Self::supports`] judges an
    /// answer's: also used for the evidence a workshop decision cites (method §4a).
    pub fn text_supports(&self, text: &str, accepted: &[EvidenceType]) -> bool {
        let Some(register) = self.register else {
            return !text.trim().is_empty();
        };
        parse_citations(text, Some(register)).iter().any(|c| match c {
            Citation::Id(id) => register
                .get(id)
                .is_some_and(|d| self.document_supports(d, accepted)),
            Citation::Text(_) => false,
        })
    }

    /// The problems of an answer's evidence, in this order: missing (level 3 or 4, nothing
    /// cited), each unregistered part, wrong type (level 3 or 4, registered documents cited but
    /// none of an accepted type), each out-of-date document cited (once per document). Without a
    /// register only `Missing` is judged: the workspace as a whole lacks a register.
    pub fn problems(&self, answer: &Answer, accepted: &[EvidenceType]) -> Vec<EvidenceProblem> {
        let high = is_high(answer);
        let Some(register) = self.register else {
            return if high && answer.evidence.is_none() {
                vec![EvidenceProblem::Missing]
            } else {
                Vec::new()
            };
        };
        let citations = parse_citations(answer.evidence.as_deref().unwrap_or_default(), Some(register));
        if citations.is_empty() {
            return if high {
                vec![EvidenceProblem::Missing]
            } else {
                Vec::new()
            };
        }
        let mut problems = Vec::new();
        let mut cited: Vec<&Document> = Vec::new();
        for citation in &citations {
            match citation {
                Citation::Text(text) => problems.push(EvidenceProblem::Unregistered(text.clone())),
                Citation::Id(id) => {
                    if let Some(document) = register.get(id)
                        && !cited.iter().any(|d| std::ptr::eq(*d, document))
                    {
                        cited.push(document);
                    }
                }
            }
        }
        if high && !cited.is_empty() && !cited.iter().any(|d| accepted.contains(&d.kind)) {
            problems.push(EvidenceProblem::WrongType(
                cited.iter().map(|d| (d.id.clone(), d.kind)).collect(),
            ));
        }
        for document in cited {
            if let (true, Some(date), Some(&years)) = (
                self.is_outdated(document),
                document.date,
                self.rules.max_age_years.get(&document.kind),
            ) {
                problems.push(EvidenceProblem::Outdated {
                    id: document.id.clone(),
                    date,
                    kind: document.kind,
                    max_age_years: years,
                });
            }
        }
        problems
    }
}

/// Whether an answer gives level 3 or 4.
pub fn is_high(answer: &Answer) -> bool {
    matches!(answer.response, Response::Level { level } if level >= 3)
}

/// Whether an indicator is *evidence-weak*: some answer to it at level 3 or 4 has a problem with
/// its evidence (missing, unregistered, wrong type or out of date; see
/// [`EvidenceJudge::problems`]). For the workshop's list of what to check.
pub fn is_evidence_weak(assessment: &Assessment, indicator: &Indicator) -> bool {
    let judge = EvidenceJudge::new(assessment);
    let accepted = judge.accepted(indicator);
    assessment
        .answers
        .iter()
        .filter(|a| a.indicator == indicator.id && is_high(a))
        .any(|a| !judge.problems(a, accepted).is_empty())
}

/// The evidence-weak indicators of an assessment, in framework order.
pub fn evidence_weak_indicators(assessment: &Assessment) -> Vec<&Indicator> {
    assessment
        .framework
        .indicators()
        .map(|(_, _, indicator)| indicator)
        .filter(|indicator| is_evidence_weak(assessment, indicator))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn document(id: &str, kind: EvidenceType, date: Option<&str>) -> Document {
        Document {
            id: id.to_string(),
            title: format!("Document {id}"),
            kind,
            issuer: None,
            date: date.and_then(PartialDate::parse),
            url: None,
            file: None,
            checked_by: None,
            checked_on: None,
            source: RowRef {
                file: Arc::from("evidence.csv"),
                sheet: None,
                row: 2,
            },
            id_column: ColumnRef {
                column: 1,
                header: Some("id".into()),
            },
        }
    }

    fn register() -> Register {
        Register::new(vec![
            document("EV-01", EvidenceType::Law, Some("2019")),
            document("EV-04", EvidenceType::OfficialStatistic, Some("2021-06")),
        ])
    }

    #[test]
    fn ids_and_text_are_told_apart() {
        let register = register();
        assert_eq!(
            parse_citations("EV-01, EV-04; see the 2023 annual report", Some(&register)),
            vec![
                Citation::Id("EV-01".into()),
                Citation::Id("EV-04".into()),
                Citation::Text("see the 2023 annual report".into()),
            ]
        );
        assert_eq!(
            parse_citations(" ev-01\nEv-04 ", Some(&register)),
            vec![Citation::Id("ev-01".into()), Citation::Id("Ev-04".into())]
        );
        assert_eq!(
            parse_citations("Smith, J. (2020)", Some(&register)),
            vec![Citation::Text("Smith, J. (2020)".into())]
        );
        // One piece that is not an id keeps the whole part as text.
        assert_eq!(
            parse_citations("EV-01, annex 2", Some(&register)),
            vec![Citation::Text("EV-01, annex 2".into())]
        );
        assert_eq!(
            parse_citations("EV-01", None),
            vec![Citation::Text("EV-01".into())]
        );
        assert!(parse_citations(" ; \n ", Some(&register)).is_empty());
    }

    #[test]
    fn partial_dates_mean_their_latest_day() {
        let day = |t: &str| PartialDate::parse(t).map(|d| d.latest_day().to_string());
        assert_eq!(day("2021").as_deref(), Some("2021-12-31"));
        assert_eq!(day("2024-02").as_deref(), Some("2024-02-29"));
        assert_eq!(day("2023-02").as_deref(), Some("2023-02-28"));
        assert_eq!(day("2023-02-14").as_deref(), Some("2023-02-14"));
        assert_eq!(day(" 2023-11 ").as_deref(), Some("2023-11-30"));
        for bad in [
            "21",
            "2023-13",
            "2023-02-30",
            "2023/02",
            "March 2023",
            "２０２３",
            "",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
        assert_eq!(
            PartialDate::parse("2023-07").map(|d| d.to_string()).as_deref(),
            Some("2023-07")
        );
    }

    #[test]
    fn out_of_date_compares_dates_exactly() {
        let rules = EvidenceRules::default();
        let judge = |on: &str| EvidenceJudge {
            register: None,
            rules: &rules,
            on: Date::parse(on).unwrap_or(Date {
                year: 0,
                month: 1,
                day: 1,
            }),
        };
        let statistic = document("S", EvidenceType::OfficialStatistic, Some("2021-06"));
        // 2021-06-30 + 3 years = 2024-06-30: out of date only from 2024-07-01.
        assert!(!judge("2024-06-30").is_outdated(&statistic));
        assert!(judge("2024-07-01").is_outdated(&statistic));
        let leap = document("L", EvidenceType::SystemRecord, Some("2020-02-29"));
        assert!(!judge("2022-02-28").is_outdated(&leap));
        assert!(judge("2022-03-01").is_outdated(&leap));
        let law = document("A", EvidenceType::Law, Some("1950"));
        assert!(!judge("2024-01-01").is_outdated(&law));
        let undated = document("U", EvidenceType::Statement, None);
        assert!(!judge("2099-01-01").is_outdated(&undated));
    }
}
