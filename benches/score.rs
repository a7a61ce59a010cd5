//! Benchmarks at national scale: `score()` on the kalindra-2024 sample grown to 50 respondents and
//! 100 000 systems, and `load_assessment` on a workspace whose systems csv has 100 000 rows.
//!
//! Run with `cargo bench --bench score`. Inputs are built once, outside the timed part; sample
//! counts are small so that the whole run takes about a minute.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::{csv_row, load, repo, systems, systems_header, write_systems_only_assessment};
use divan::Bencher;
use dpi_assess::ingest::load_assessment;
use dpi_assess::model::{Answer, Assessment, Response};
use dpi_assess::score::score;

/// Respondents in the synthetic assessment (the sample's four plus copies).
const RESPONDENTS: usize = 50;
/// Systems in the synthetic inventory and rows in the systems csv.
const SYSTEMS: usize = 100_000;

fn main() {
    divan::main();
}

/// The sample grown to 50 respondents (46 copies of its four respondents' answers, levels shifted
/// by −1, 0 or +1 within 0..4 by copy) and 100 000 generated systems.
fn synthetic() -> &'static Assessment {
    static SYNTHETIC: OnceLock<Assessment> = OnceLock::new();
    SYNTHETIC.get_or_init(|| {
        let mut assessment = load(&repo("sample-data/kalindra-2024"));
        let originals = assessment.answers.clone();
        let mut respondents: Vec<String> = originals.iter().map(|a| a.respondent.clone()).collect();
        respondents.sort();
        respondents.dedup();
        // Each new respondent copies one of the sample's respondents, in turn.
        for copy in 0..RESPONDENTS - respondents.len() {
            let source = &respondents[copy % respondents.len()];
            let shift = (copy % 3) as i16 - 1;
            for answer in originals.iter().filter(|a| &a.respondent == source) {
                let response = match answer.response {
                    Response::Level { level } => Response::Level {
                        level: (i16::from(level) + shift).clamp(0, 4) as u8,
                    },
                    other => other,
                };
                assessment.answers.push(Answer {
                    respondent: format!("Respondent {copy:02}"),
                    response,
                    ..answer.clone()
                });
            }
        }
        let mut all: Vec<String> = assessment
            .answers
            .iter()
            .map(|a| a.respondent.to_lowercase())
            .collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), RESPONDENTS, "distinct respondents");
        assessment.systems = systems(&assessment.framework, SYSTEMS, "systems.csv");
        assessment
    })
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn score_50_respondents_100k_systems(bencher: Bencher) {
    let assessment = synthetic();
    bencher.bench(|| score(divan::black_box(assessment)));
}

/// Writes a Testland workspace with a 100 000-row systems csv.
fn write_workspace(dir: &Path) {
    write_systems_only_assessment(dir, "systems.csv");
    let header = systems_header();
    let mut csv = csv::Writer::from_path(dir.join("systems.csv")).unwrap();
    csv.write_record(&header).unwrap();
    for system in systems(&synthetic().framework, SYSTEMS, "systems.csv") {
        csv.write_record(csv_row(&system)).unwrap();
    }
    csv.flush().unwrap();
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn load_assessment_100k_systems_csv(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    write_workspace(dir.path());
    assert_eq!(
        load(dir.path()).systems.len(),
        SYSTEMS,
        "every row becomes a system"
    );
    bencher.bench(|| load_assessment(divan::black_box(dir.path())));
}
