//! A validated questionnaire: every question feeds a known indicator and can turn its answer into
//! a level.

use serde::Serialize;

use super::{AnswerType, Framework};

/// What respondents pick (or type) for "not applicable"; `na`, `n/a` and `not applicable` are read too.
pub const NOT_APPLICABLE_LABEL: &str = "Not applicable";
/// What respondents pick (or type) for "don't know"; `unknown` and `dk` are read too.
pub const UNKNOWN_LABEL: &str = "Don't know";

/// An instrument feeding one framework.
#[derive(Debug, Clone, Serialize)]
pub struct Questionnaire {
    /// Identifier.
    pub id: String,
    /// Semantic version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Who answers and how long it takes.
    pub description: String,
    /// Framework id.
    pub framework: String,
    /// Language tag.
    pub language: String,
    /// Questions in order.
    pub questions: Vec<Question>,
}

/// One question.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// Identifier used in answer files.
    pub id: String,
    /// Indicator it scores.
    pub indicator: String,
    /// Framework role ids and institution kinds (`ministry`, …) of the institutions it suits
    /// (routing: `template --for`, `status`).
    pub suits: Vec<String>,
    /// Question text.
    pub text: String,
    /// Guidance.
    pub help: String,
    /// Answer type.
    pub answer_type: AnswerType,
    /// Options (`yes_no`, `choice`, `multi`); for `level` questions, generated from the
    /// indicator's descriptors with codes `0`..`4`.
    pub options: Vec<AnswerOption>,
    /// Thresholds t1..t4 (`multi`, `number`, `percent`).
    pub thresholds: Option<[f64; 4]>,
    /// Smaller is better (`number`, `percent`).
    pub lower_is_better: bool,
    /// Unit shown to respondents.
    pub unit: Option<String>,
    /// The official statistic a `number` or `percent` question asks for.
    pub statistic: Option<Statistic>,
}

/// An official statistic: what a numeric question asks for and where respondents find it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statistic {
    /// Its name.
    pub name: String,
    /// Who publishes it.
    pub publisher: String,
    /// Its code, e.g. `SDG 17.6.1`.
    pub code: Option<String>,
}

/// One answer option.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerOption {
    /// Code in answer files.
    pub code: String,
    /// Label shown to respondents.
    pub label: String,
    /// Level given (`level`, `yes_no`, `choice`).
    pub level: Option<u8>,
    /// Points added when selected (`multi`).
    pub points: f64,
}

impl Questionnaire {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl Question {
    /// The answers a respondent picks from, as a template's drop-down lists them, followed by
    /// [`NOT_APPLICABLE_LABEL`] and [`UNKNOWN_LABEL`]. Ingest reads each of these back exactly, as
    /// well as option codes and plain level numbers.
    ///
    /// `level` questions offer `"<level> <name>"` (`"3 Established"`), `yes_no` and `choice` their
    /// option labels. `multi`, `number` and `percent` have no closed list (several codes, or a
    /// number), so only the two special answers are returned.
    pub fn answer_choices(&self, framework: &Framework) -> Vec<String> {
        let mut choices: Vec<String> = match self.answer_type {
            AnswerType::Level => (0..=super::MAX_LEVEL)
                .map(|level| format!("{level} {}", framework.level_name(level)))
                .collect(),
            AnswerType::YesNo | AnswerType::Choice => self.options.iter().map(|o| o.label.clone()).collect(),
            AnswerType::Multi | AnswerType::Number | AnswerType::Percent => Vec::new(),
        };
        choices.push(NOT_APPLICABLE_LABEL.to_string());
        choices.push(UNKNOWN_LABEL.to_string());
        choices
    }
}

/// Level reached by a value against thresholds t1..t4: how many thresholds it reaches (at or above
/// each; at or below each when smaller is better). Used for `multi`, `number` and `percent`.
pub fn level_from_thresholds(value: f64, thresholds: &[f64; 4], lower_is_better: bool) -> u8 {
    // Compared as decision keys: a 29 % cell stored as 0.29 and read as 28.999999999999996
    // still reaches a threshold of 29.
    let value = super::decision_key(value);
    let reached = thresholds
        .iter()
        .map(|&t| super::decision_key(t))
        .filter(|&t| if lower_is_better { value <= t } else { value >= t })
        .count();
    // At most four thresholds, so the count always fits a level.
    reached as u8
}

#[cfg(test)]
mod tests {
    use super::level_from_thresholds;

    #[test]
    fn thresholds_count_reached_values() {
        let t = [40.0, 60.0, 80.0, 95.0];
        assert_eq!(level_from_thresholds(39.9, &t, false), 0);
        assert_eq!(level_from_thresholds(40.0, &t, false), 1);
        assert_eq!(level_from_thresholds(94.99, &t, false), 3);
        assert_eq!(level_from_thresholds(100.0, &t, false), 4);
    }

    #[test]
    fn a_percent_cell_read_through_binary_floats_still_reaches_its_threshold() {
        // 0.29 × 100 is 28.999999999999996 in binary; the author wrote 29 %.
        let read = 0.29 * 100.0;
        assert!(read < 29.0);
        assert_eq!(level_from_thresholds(read, &[10.0, 29.0, 50.0, 80.0], false), 2);
        // Lower is better: 0.07 × 100 = 7.000000000000001 stays at or below 7.
        let read = 0.07 * 100.0;
        assert!(read > 7.0);
        assert_eq!(level_from_thresholds(read, &[20.0, 15.0, 10.0, 7.0], true), 4);
    }

    #[test]
    fn lower_is_better_reverses() {
        let t = [10.0, 5.0, 2.0, 1.0];
        assert_eq!(level_from_thresholds(12.0, &t, true), 0);
        assert_eq!(level_from_thresholds(10.0, &t, true), 1);
        assert_eq!(level_from_thresholds(2.0, &t, true), 3);
        assert_eq!(level_from_thresholds(0.5, &t, true), 4);
    }
}
