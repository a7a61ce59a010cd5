//! What the benchmarks share: the sample workspace's path, a loader that fails loudly, and a
//! generator of synthetic inventories at national scale with the systems csv row of each system.
//!
//! Each bench compiles this module on its own and uses part of it, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use dpi_assess::ingest::load_assessment;
use dpi_assess::model::{Assessment, ExchangeMode, Framework, Hosting, LifecycleStatus, RowRef, System};

/// Institutions owning and using the generated systems.
pub const INSTITUTIONS: usize = 300;

/// A path inside the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The assessment of a workspace; a workspace that does not load is a broken benchmark.
pub fn load(path: &Path) -> Assessment {
    let (assessment, found) = load_assessment(path);
    assessment.unwrap_or_else(|| panic!("{} does not load: {found:#?}", path.display()))
}

fn institution(i: usize) -> String {
    format!("Institution {:03}", i % INSTITUTIONS)
}

/// `n` systems: owners among the institutions, BBs cycling through the framework's, statuses,
/// exchange modes and hosting cycling, used by 1 to 5 institutions (the owner first).
pub fn systems(framework: &Framework, n: usize, file: &str) -> Vec<System> {
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
                name: format!("System {i}").into(),
                owner: owner.into(),
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
                    file: file.into(),
                    sheet: None,
                    row: i as u32 + 2,
                },
            }
        })
        .collect()
}

/// Writes the `assessment.yaml` of a Testland workspace whose only input is the systems
/// inventory `systems_file`.
pub fn write_systems_only_assessment(dir: &Path, systems_file: &str) {
    std::fs::write(
        dir.join("assessment.yaml"),
        format!(
            "country: Testland\n\
             iso3: XTL\n\
             assessment_date: \"2026-01-15\"\n\
             framework: govstack-dpi\n\
             questionnaires: [govstack-dpi-full]\n\
             inputs:\n  systems: {systems_file}\n"
        ),
    )
    .expect("assessment.yaml");
}

/// The header of the systems inventory, as in `sample-data/kalindra-2024/systems.csv`.
pub fn systems_header() -> Vec<String> {
    let text = std::fs::read_to_string(repo("sample-data/kalindra-2024/systems.csv")).unwrap();
    let header: Vec<String> = text
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    assert_eq!(
        header.len(),
        11,
        "the sample's systems columns changed: update csv_row"
    );
    header
}

/// The systems csv row of a system, in the columns of [`systems_header`]; coverage as "85%".
pub fn csv_row(system: &System) -> [String; 11] {
    [
        system.name.to_string(),
        system.owner.to_string(),
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
        if system.platform_for.is_empty() {
            "no".to_string()
        } else {
            "yes".to_string()
        },
    ]
}
