//! Benchmarks at national scale: `score()` on the kalindra-2024 sample grown to 50 respondents and
//! 100 000 systems, and `load_assessment` on a workspace whose systems csv has 100 000 rows.
//!
//! Run with `cargo bench --bench score`. Inputs are built once, outside the timed part; sample
//! counts are small so that the whole run takes about a minute.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use dpi_assess::ingest::load_assessment;
use dpi_assess::model::{
    Answer, Assessment, ExchangeMode, Framework, Hosting, LifecycleStatus, Response, RowRef, System,
};
use dpi_assess::score::score;

/// Respondents in the synthetic assessment (the sample's four plus copies).
const RESPONDENTS: usize = 50;
/// Systems in the synthetic inventory and rows in the systems csv.
const SYSTEMS: usize = 100_000;
/// Institutions owning and using the systems.
const INSTITUTIONS: usize = 300;

fn main() {
    divan::main();
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn load(path: &Path) -> Assessment {
    let (assessment, found) = load_assessment(path);
    assessment.unwrap_or_else(|| panic!("{} does not load: {found:#?}", path.display()))
}

fn institution(i: usize) -> String {
    format!("Institution {:03}", i % INSTITUTIONS)
}

/// `n` systems: owners among the institutions, BBs cycling through the framework's, statuses,
/// exchange modes and hosting cycling, used by 1 to 5 institutions (the owner first).
fn systems(framework: &Framework, n: usize, file: &str) -> Vec<System> {
    let bbs: Vec<&str> = framework.building_blocks.iter().map(|b| b.id.as_str()).collect();
    (0..n)
        .map(|i| {
            let owner = institution(i * 7);
            let mut building_blocks = vec![bbs[i % bbs.len()].to_string()];
            if i % 5 == 0 {
                let second = bbs[(i / 5 + 1) % bbs.len()];
                if second != building_blocks[0] {
                    building_blocks.push(second.to_string());
                }
            }
            let used_by = (0..1 + i % 5).map(|k| institution(i * 7 + k * 13)).collect();
            System {
                name: format!("System {i}"),
                owner,
                status: LifecycleStatus::ALL[i % LifecycleStatus::ALL.len()],
                coverage: (i % 3 != 0).then(|| (i % 101) as f64 / 100.0),
                exchange: (i % 7 != 6).then(|| ExchangeMode::ALL[i % ExchangeMode::ALL.len()]),
                standards: if i % 4 == 0 {
                    vec!["OpenAPI 3".to_string(), "ISO 20022".to_string()]
                } else {
                    Vec::new()
                },
                hosting: Some(Hosting::ALL[i % Hosting::ALL.len()]),
                open_source: Some(i % 2 == 0),
                // Every third system is a shared platform for what it implements.
                platform_for: if i % 3 == 0 {
                    building_blocks.clone()
                } else {
                    Vec::new()
                },
                building_blocks,
                used_by,
                source: RowRef {
                    file: file.to_string(),
                    sheet: None,
                    row: i as u32 + 2,
                },
            }
        })
        .collect()
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

/// The systems csv row of a system, in the columns of `sample-data/kalindra-2024/systems.csv`.
fn csv_row(system: &System) -> [String; 10] {
    [
        system.name.clone(),
        system.owner.clone(),
        system.building_blocks.join(";"),
        system.status.code().to_string(),
        system
            .coverage
            .map(|c| format!("{}%", (c * 100.0).round()))
            .unwrap_or_default(),
        system.exchange.map(|e| e.code().to_string()).unwrap_or_default(),
        system.standards.join(";"),
        system.hosting.map(|h| h.code().to_string()).unwrap_or_default(),
        match system.open_source {
            Some(true) => "yes".to_string(),
            Some(false) => "no".to_string(),
            None => String::new(),
        },
        system.used_by.join(";"),
    ]
}

/// Writes a Testland workspace with a 100 000-row systems csv.
fn write_workspace(dir: &Path) {
    std::fs::write(
        dir.join("assessment.yaml"),
        "country: Testland\n\
         iso3: XTL\n\
         assessment_date: \"2026-01-15\"\n\
         framework: govstack-dpi\n\
         questionnaires: [govstack-dpi-full]\n\
         inputs:\n  systems: systems.csv\n",
    )
    .unwrap();
    let header = std::fs::read_to_string(repo("sample-data/kalindra-2024/systems.csv")).unwrap();
    let header: Vec<&str> = header.lines().next().unwrap().split(',').collect();
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
