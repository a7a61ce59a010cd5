//! The portfolio files of `dpi-assess compare` (docs/portfolio.md): `portfolio.sqlite` read with
//! SQLite's own `sqlite3` client, `portfolio-long.csv` loaded with pandas, both against the
//! inputs' results and comparison.json.
//!
//! The counts expected are computed from the samples' results, scored here with the library. The
//! `sqlite3` client (Debian's `sqlite3`) and pandas are installed by `.ci/run`; without them, and
//! outside CI, the checks that need them are skipped with a message; in CI their absence fails.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{run, scratch};

const SAMPLES: [&str; 4] = [
    "sample-data/kalindra-2024",
    "sample-data/kalindra-2026",
    "sample-data/nuvaria",
    "sample-data/estmar",
];

/// Compares the samples into `out` with the portfolio formats and comparison.json.
fn compare_into(out: &Path) {
    let out = out.display().to_string();
    let mut args = vec!["compare"];
    args.extend(SAMPLES);
    args.extend([
        "--out",
        out.as_str(),
        "--draws",
        "200",
        "--format",
        "json,tidy,sqlite",
    ]);
    run(&args).expect_code(0);
}

/// Whether `tool` answers `probe`; in CI its absence is a failure, elsewhere a skip.
fn available(tool: &str, probe: &[&str], install: &str) -> bool {
    let works = Command::new(tool)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if !works {
        let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!in_ci, "{tool} {probe:?} fails: {install} is not installed");
        eprintln!("SKIPPED: {install} is not installed; this check runs in CI");
    }
    works
}

fn sqlite3(db: &Path, sql: &str) -> String {
    let output = Command::new("sqlite3")
        .arg("-bail")
        .arg(db)
        .arg(sql)
        .output()
        .expect("sqlite3 runs");
    assert!(
        output.status.success(),
        "sqlite3 {sql:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Indicators, and nodes of every kind, over the four samples' results.
fn expected_counts() -> (usize, usize) {
    let (mut indicators, mut nodes) = (0, 0);
    for sample in SAMPLES {
        let r = crate::compare::results(sample.trim_start_matches("sample-data/"));
        nodes += 1;
        for p in &r.pillars {
            nodes += 1;
            for d in &p.dimensions {
                nodes += 1 + d.indicators.len();
                indicators += d.indicators.len();
            }
            for b in &p.building_blocks {
                nodes += 1 + b.criteria.len();
            }
        }
    }
    (indicators, nodes)
}

#[test]
fn the_long_csv_has_one_row_per_assessment_and_node_and_no_placeholder() {
    let dir = scratch();
    compare_into(dir.path());
    let text = std::fs::read_to_string(dir.path().join("portfolio-long.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with(
        "iso3,country,assessment_date,source,framework_id,framework_version,latest,node_kind,node_id,parent_id"
    ));
    assert!(
        header.split(',').all(|c| c
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')),
        "{header}"
    );
    let (_, nodes) = expected_counts();
    assert_eq!(lines.count(), nodes, "one row per assessment × node");
    assert!(
        !text.contains("n/a") && !text.contains("no data"),
        "missing values are empty cells"
    );
    // Every date of every input, not only the latest.
    for date in ["2024-06-20", "2026-06-18", "2026-05-12", "2026-03-30"] {
        assert!(text.contains(&format!(",{date},")), "{date} missing");
    }
}

#[test]
fn sqlite3_counts_the_indicator_rows_and_joins_to_the_compared_scores() {
    let dir = scratch();
    compare_into(dir.path());
    if !available("sqlite3", &["-version"], "sqlite3 (apt-get install sqlite3)") {
        return;
    }
    let db = dir.path().join("portfolio.sqlite");
    let (indicators, nodes) = expected_counts();
    assert_eq!(
        sqlite3(&db, "select count(*) from indicators").trim(),
        indicators.to_string()
    );
    assert_eq!(
        sqlite3(&db, "select count(*) from nodes").trim(),
        nodes.to_string()
    );
    assert_eq!(sqlite3(&db, "pragma integrity_check").trim(), "ok");
    assert_eq!(sqlite3(&db, "pragma foreign_key_check").trim(), "");
    assert_eq!(sqlite3(&db, "pragma user_version").trim(), "1");
    let tables = sqlite3(
        &db,
        "select name from sqlite_master where type = 'table' order by name",
    );
    for table in [
        "assessments",
        "bb_criteria",
        "bbs",
        "codes",
        "countries",
        "gaps",
        "indicators",
        "nodes",
        "roadmap_actions",
    ] {
        assert!(tables.lines().any(|t| t == table), "no table {table}: {tables}");
    }
    assert_eq!(
        sqlite3(&db, "select iso3, assessments from countries order by iso3"),
        "XES|1\nXKL|2\nXNV|1\n"
    );
    // Every sample is a workspace, so every assessment has its roadmap.
    assert_eq!(
        sqlite3(&db, "select count(*) from assessments where has_roadmap = 0").trim(),
        "0"
    );

    // A join: each compared country's overall node equals comparison.json's overall score.
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("comparison.json")).unwrap()).unwrap();
    let joined = sqlite3(
        &db,
        "select a.iso3, printf('%.17g', n.score), a.nominal_rank from nodes n \
         join assessments a using (assessment_id) \
         where a.latest = 1 and n.node_kind = 'overall' order by a.iso3",
    );
    let countries = json["countries"].as_array().unwrap();
    assert_eq!(joined.lines().count(), countries.len());
    for line in joined.lines() {
        let parts: Vec<&str> = line.split('|').collect();
        let row = countries.iter().find(|c| c["iso3"] == parts[0]).unwrap();
        let expected = row["overall"]["score"].as_f64().unwrap();
        let got: f64 = parts[1].parse().unwrap();
        assert!((got - expected).abs() < 1e-9, "{line}: {expected}");
        assert_eq!(parts[2], row["nominal_rank"].to_string(), "{line}");
    }
}

/// pandas: the latest assessment's overall, pillar and BB scores and levels in the long CSV are
/// comparison.json's matrix; the flags are booleans and the scores numbers.
const PANDAS_CHECK: &str = r#"
import json, math, sys
import pandas as pd
folder = sys.argv[1]
df = pd.read_csv(folder + "/portfolio-long.csv", dtype={"level": "Int64"})
c = json.load(open(folder + "/comparison.json", encoding="utf-8"))
assert df["latest"].dtype == bool and df["provisional"].dtype == bool, df.dtypes
assert str(df["score"].dtype) == "float64", df.dtypes
assert len(df.columns) == len(set(df.columns))
latest = df[df["latest"]]
checked = 0
for row in c["countries"]:
    mine = latest[latest["iso3"] == row["iso3"]]
    assert set(mine["assessment_date"]) == {row["date"]}, (row["iso3"], set(mine["assessment_date"]))
    cells = [("overall", "overall", row["overall"])]
    cells += [("pillar", col["id"], cell) for col, cell in zip(c["pillars"], row["pillars"])]
    cells += [("building_block", col["id"], cell) for col, cell in zip(c["building_blocks"], row["building_blocks"])]
    for kind, node, cell in cells:
        found = mine[(mine["node_kind"] == kind) & (mine["node_id"] == node)]
        assert len(found) == 1, (row["iso3"], kind, node, len(found))
        score, level = found["score"].iloc[0], found["level"].iloc[0]
        if cell["score"] is None:
            assert math.isnan(score), (row["iso3"], node, score)
        else:
            assert abs(score - cell["score"]) < 1e-9, (row["iso3"], node, score, cell["score"])
        if cell["level"] is None:
            assert pd.isna(level), (row["iso3"], node, level)
        else:
            assert level == cell["level"], (row["iso3"], node, level, cell["level"])
        checked += 1
print(checked)
"#;

#[test]
fn pandas_loads_the_long_csv_into_the_numbers_of_comparison_json() {
    let dir = scratch();
    compare_into(dir.path());
    if !available(
        "python3",
        &["-c", "import pandas"],
        "pandas (python3 -m pip install pandas)",
    ) {
        return;
    }
    let output = Command::new("python3")
        .args(["-c", PANDAS_CHECK])
        .arg(dir.path())
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "the pandas check failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("comparison.json")).unwrap()).unwrap();
    let per_country =
        1 + json["pillars"].as_array().unwrap().len() + json["building_blocks"].as_array().unwrap().len();
    let checked: usize = String::from_utf8_lossy(&output.stdout).trim().parse().unwrap();
    assert_eq!(checked, per_country * json["countries"].as_array().unwrap().len());
}
