//! `dpi-assess init --from govtech` and `dpi-assess desk-review`: workspaces seeded from the World
//! Bank GovTech Dataset (December 2020) validate, report, cite the dataset and stay unverified.

use crate::support::*;

/// The attribution the data's licence (CC BY 4.0) asks for.
const ATTRIBUTION: &str = "GovTech Dataset, December 2020: World Bank, licensed under CC BY 4.0";

#[test]
fn kenya_seeded_from_govtech_validates_and_reports_every_format() {
    let dir = scratch();
    let init = run_in(dir.path(), &["init", "ken", "--iso", "KEN", "--from", "govtech"]);
    init.expect_code(0);
    assert!(
        init.stdout
            .contains("Created desk-review workspace ken for Kenya (KEN), 2020-12-31"),
        "{}",
        init.stdout
    );
    let ws = dir.path().join("ken");
    let read = |name: &str| std::fs::read_to_string(ws.join(name)).unwrap();

    // Validate: no errors (warnings would be allowed).
    let validated = run_in(dir.path(), &["validate", "ken", "--format", "json"]);
    validated.expect_code(0);
    assert_eq!(validated.json()["valid"], true, "{}", validated.stdout);

    // Kenya's GHRIS is one system for HRMIS and payroll, and a sector system: listed once in the
    // notes, never in the inventory (whose rows all name a Building Block).
    let systems = read("systems.csv");
    assert!(!systems.contains("GHRIS"), "{systems}");
    let notes = read("desk-review-notes.md");
    assert_eq!(notes.matches("GHRIS").count(), 1, "{notes}");
    assert!(notes.contains("| hrmis, payroll |"), "{notes}");
    assert!(
        systems.contains("\nESB,\"Ministry of ICT, Innovation and Youth\",information-mediator,production,"),
        "{systems}"
    );
    assert_eq!(
        systems.lines().filter(|l| l.contains("identity")).count(),
        1,
        "{systems}"
    );

    // Every answer names the desk review and cites a register entry of the dataset, of a type
    // that never verifies levels 3-4.
    let answers = read("answers/desk-review.csv");
    let evidence = read("evidence.csv");
    let rows: Vec<&str> = answers.lines().skip(1).collect();
    assert!(rows.len() >= 5, "{answers}");
    for row in &rows {
        assert!(row.contains(",\"Desk review (World Bank GovTech dataset, Dec 2020)\",\"Desk review (World Bank GovTech dataset, Dec 2020)\",govtech-2020."), "{row}");
        assert!(row.contains("World Bank GovTech Dataset, December 2020"), "{row}");
    }
    for entry in evidence.lines().skip(1) {
        assert!(
            entry.contains("World Bank GovTech Dataset, December 2020: "),
            "{entry}"
        );
        assert!(entry.contains(",statement,World Bank,2020-12,"), "{entry}");
    }
    assert!(answers.contains("\nlaw.08,2,"), "{answers}");
    assert!(evidence.contains("The%20Data%20Protection%20Bill"), "{evidence}");
    let yaml = read("assessment.yaml");
    assert!(yaml.contains("assessment_date: \"2020-12-31\""), "{yaml}");
    for text in [&yaml, &notes] {
        assert!(text.contains(ATTRIBUTION), "{text}");
    }

    // Every report format.
    let out = dir.path().join("out");
    let reported = run(&[
        "report",
        &ws.display().to_string(),
        "--out",
        &out.display().to_string(),
        "--format",
        "html,pdf,md,json,csv,xlsx",
    ]);
    reported.expect_code(0);
    for file in [
        "report.html",
        "report.pdf",
        "report.md",
        "results.json",
        "report.json",
        "scores.csv",
        "report.xlsx",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    // The overall score rests on a few indicators: provisional, and said so.
    let results: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    assert_eq!(results["overall"]["provisional"], true, "{}", results["overall"]);
    assert!(
        std::fs::read_to_string(out.join("report.md"))
            .unwrap()
            .contains(ATTRIBUTION)
    );

    // A second init into the same folder keeps the workspace.
    run_in(dir.path(), &["init", "ken", "--iso", "KEN", "--from", "govtech"]).expect_code(2);
}

#[test]
fn an_economy_the_dataset_lacks_is_refused_with_a_suggestion() {
    let dir = scratch();
    let run = run_in(dir.path(), &["init", "x", "--iso", "XYZ", "--from", "govtech"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains(
            "error[invalid-country-code]: `XYZ` is not an economy of the World Bank GovTech Dataset, December 2020"
        ),
        "{}",
        run.stderr
    );
    let run = run_in(dir.path(), &["init", "x", "--iso", "Kenya", "--from", "govtech"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("hint: did you mean `KEN` (Kenya)?"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("x").exists(), "nothing written");
}

#[test]
fn desk_review_compares_every_economy() {
    let dir = scratch();
    let out = dir.path().join("desk");
    let run = run(&[
        "desk-review",
        "--out",
        &out.display().to_string(),
        "--draws",
        "10",
        "--format",
        "json,md",
    ]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("desk review of 198 economies"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("198 of 198 overall scores provisional or missing"),
        "{}",
        run.stdout
    );
    assert!(out.join("workspaces/KEN/desk-review-notes.md").is_file());
    let comparison: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("comparison/comparison.json")).unwrap())
            .unwrap();
    let countries = comparison["countries"].as_array().unwrap();
    assert_eq!(countries.len(), 198);
    // No desk review has the coverage for a level or a rank: every overall score is provisional.
    for country in countries {
        assert!(
            country["overall"]["provisional"] == true || country["overall"]["score"].is_null(),
            "{country}"
        );
        assert!(country["overall"]["level"].is_null(), "{country}");
        assert!(!country["gtmi"].as_array().unwrap().is_empty() || country["iso3"] == "XKX");
    }
    // Each country's GTMI group stands beside its provisional score.
    let md = std::fs::read_to_string(out.join("comparison/comparison.md")).unwrap();
    let kenya = md
        .lines()
        .find(|l| l.starts_with("| Kenya (KEN) | 2020-12-31 | ") && l.contains("(2025)"))
        .expect("Kenya's GTMI row");
    assert!(
        kenya.contains(" (provisional: coverage below the floor, no level) | A (2025) | 0.7701 |"),
        "{kenya}"
    );
}

#[test]
fn a_building_block_the_dataset_is_silent_on_is_unknown_not_absent() {
    // The seeded inventory is partial: a BB without a system (payments: the dataset records no
    // payment platform) has no C1 and C2 value; the same inventory read as complete says 0.
    let dir = scratch();
    run_in(dir.path(), &["init", "ken", "--iso", "KEN", "--from", "govtech"]).expect_code(0);
    let ws = dir.path().join("ken");
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    assert!(yaml.contains("\ninventory: partial\n"), "{yaml}");
    let criteria = |dir: &std::path::Path| -> (serde_json::Value, serde_json::Value) {
        let scored = run_in(dir, &["score", "ken", "--format", "json"]);
        scored.expect_code(0);
        let results = scored.json();
        let bb = results["pillars"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["building_blocks"].as_array().unwrap())
            .find(|b| b["id"] == "payments")
            .expect("the payments BB")
            .clone();
        let value = |id: &str| {
            bb["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == id)
                .unwrap()["value"]
                .clone()
        };
        (value("c1"), value("c2"))
    };
    assert_eq!(
        criteria(dir.path()),
        (serde_json::Value::Null, serde_json::Value::Null)
    );
    std::fs::write(
        ws.join("assessment.yaml"),
        yaml.replace("\ninventory: partial\n", "\n"),
    )
    .unwrap();
    assert_eq!(
        criteria(dir.path()),
        (serde_json::json!(0.0), serde_json::json!(0.0))
    );
}
