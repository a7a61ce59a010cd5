//! A validated assessment workspace (`assessment.yaml` with its paths resolved).

use std::path::PathBuf;

use indexmap::IndexMap;
use serde::Serialize;

use super::{Consolidation, EvidencePolicy};

/// An assessment workspace.
#[derive(Debug, Clone, Serialize)]
pub struct Workspace {
    /// Folder holding `assessment.yaml`.
    pub root: PathBuf,
    /// Country name.
    pub country: String,
    /// ISO 3166-1 alpha-3 code.
    pub iso3: String,
    /// Assessment date.
    pub assessment_date: Date,
    /// Report title, if set.
    pub title: Option<String>,
    /// Framework: an embedded id or a file.
    pub framework: DefinitionRef,
    /// Questionnaires the answers use.
    pub questionnaires: Vec<DefinitionRef>,
    /// Answer files, resolved against `root`.
    pub answers: Vec<PathBuf>,
    /// Systems inventory, resolved.
    pub systems: Option<PathBuf>,
    /// Services inventory, resolved.
    pub services: Option<PathBuf>,
    /// Evidence register (csv, or a workbook with an `evidence` sheet).
    pub evidence: Option<PathBuf>,
    /// The list of institutions (csv, or a workbook with an `institutions` sheet), resolved.
    pub institutions: Option<PathBuf>,
    /// Column mapping file, resolved.
    pub mapping: Option<PathBuf>,
    /// The validation workshop's decisions (csv, or a workbook's `adjudications` sheet), resolved.
    pub adjudications: Option<PathBuf>,
    /// The respondent roster (csv, or a workbook's `roster` sheet), resolved.
    pub roster: Option<PathBuf>,
    /// Target overrides by indicator or BB id.
    pub targets: IndexMap<String, u8>,
    /// Weight overrides by node id.
    pub weights: IndexMap<String, f64>,
    /// Evidence policy override.
    pub evidence_policy: Option<EvidencePolicy>,
    /// Consolidation rule override.
    pub consolidation: Option<Consolidation>,
    /// Whether the systems inventory is complete or lists only the systems known.
    pub inventory: super::InventoryScope,
    /// Role → institution.
    pub roles: IndexMap<String, String>,
    /// Role → concurrent roadmap actions.
    pub capacity: IndexMap<String, u32>,
    /// Role → phase → concurrent roadmap actions, where it differs from `capacity`.
    pub capacity_by_phase: IndexMap<String, std::collections::BTreeMap<super::Phase, u32>>,
    /// Months the roadmap plans for; none for the default.
    pub horizon_months: Option<u32>,
    /// The cost classes restated for this country; none to use the framework's.
    pub costs: Option<super::CostClasses>,
    /// Outcome id → today's figure.
    pub outcomes: IndexMap<String, OutcomeFigure>,
    /// Interim targets, in the order written.
    pub interim_targets: Vec<InterimTarget>,
    /// Assessment team.
    pub assessors: Vec<Assessor>,
    /// Notes on scope and method.
    pub notes: Option<String>,
    /// The sign-off; none while the assessment is a draft.
    pub sign_off: Option<SignOff>,
}

/// Who signed a validated assessment off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignOff {
    /// Name.
    pub by: String,
    /// Role and institution.
    pub role: String,
    /// Date.
    pub date: Date,
}

/// Where a framework or questionnaire comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DefinitionRef {
    /// One embedded in the binary, by id.
    Embedded(String),
    /// A file (resolved path).
    File(PathBuf),
}

/// A member of the assessment team.
#[derive(Debug, Clone, Serialize)]
pub struct Assessor {
    /// Name.
    pub name: String,
    /// Organisation.
    pub organisation: Option<String>,
    /// Role.
    pub role: Option<String>,
}

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1..12.
    pub month: u8,
    /// Day 1..31.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists in that month.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let (y, m, d) = (&text[0..4], &text[5..7], &text[8..10]);
        if !(digits(y) && digits(m) && digits(d)) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        let day: u8 = d.parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

impl Date {
    /// The date a number of days after 1970-01-01 (Howard Hinnant's civil-from-days algorithm).
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today's date (UTC) from the system clock.
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_unix_days(seconds.div_euclid(86_400))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub(super) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2100-02-29").is_none());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("24-01-01").is_none());
        assert!(Date::parse("2024/01/01").is_none());
    }

    #[test]
    fn unix_days_become_dates() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(19_782).to_string(), "2024-02-29");
        assert_eq!(Date::from_unix_days(-1).to_string(), "1969-12-31");
    }
}

/// Today's figure of an outcome indicator, as the assessment gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeFigure {
    /// The figure.
    pub value: f64,
    /// The year it refers to.
    pub year: Option<i32>,
    /// Where it comes from; none for the median of the respondents' answers.
    pub source: Option<String>,
    /// For the respondents' median: how many answers it is the median of.
    pub answers: Option<u32>,
}

/// By when an interim target is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum InterimDue {
    /// By the end of a roadmap phase.
    Phase(super::Phase),
    /// By the end of a calendar year.
    Year(i32),
}

/// A level an item should have reached by a phase's or a year's end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterimTarget {
    /// By when.
    pub due: InterimDue,
    /// Indicator or BB id.
    pub item: String,
    /// The level.
    pub level: u8,
}
