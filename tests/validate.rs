//! `dpi-assess validate`: the sample workspaces, and broken workspaces with every problem listed.

use crate::support::*;

const SAMPLES: &[&str] = &[
    "sample-data/nuvaria",
    "sample-data/kalindra-2024",
    "sample-data/kalindra-2026",
    "sample-data/estmar",
    "sample-data/kalindra-2024-xlsx",
    "sample-data/kalindra-2024-ods",
];

#[test]
fn every_sample_workspace_validates() {
    for sample in SAMPLES {
        let run = run(&["validate", sample]);
        run.expect_code(0);
        assert!(run.stdout.contains(&format!("{sample}: valid")), "{}", run.stdout);
    }
}

#[test]
fn a_missing_workspace_is_a_usage_error() {
    let dir = scratch();
    let run = run_in(dir.path(), &["validate", "nowhere"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("error[workspace-not-found]: no assessment.yaml here"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("dpi-assess init nowhere"), "{}", run.stderr);
    // The verdict is a result: it stays on stdout, without the diagnostic.
    assert!(
        run.stdout.contains("nowhere: 1 error, 0 warnings"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("error["), "{}", run.stdout);
}

#[test]
fn every_problem_in_assessment_yaml_is_listed_with_its_position() {
    let dir = scratch();
    let ws = dir.path();
    std::fs::write(ws.join("systems.xlsx"), b"this is not a zip file").unwrap();
    std::fs::write(
        ws.join("answers.csv"),
        "question_id,answer,respondent,institution,evidence,comment\n",
    )
    .unwrap();
    let text = "\
country: Testland
iso3: QWXYZ
assessment_date: 2026-02-30
framework: govstack-dpi
questionnaires: [govstack-dpi-ful]
inputs:
  answers: [answers.csv, missing.csv]
  systems: systems.xlsx
  services: services.pdf
targets:
  law-data-protecton: 3
  identity: 5
weights:
  governance: -1
";
    std::fs::write(ws.join("assessment.yaml"), text).unwrap();
    std::fs::write(ws.join("services.pdf"), b"%PDF").unwrap();
    let run = run_in(ws, &["validate", "."]);
    run.expect_code(1);
    let out = &run.stderr;
    let expect = [
        (
            "error[invalid-country-code]: `QWXYZ` is not an ISO 3166-1 alpha-3 country code",
            "QWXYZ",
        ),
        (
            "error[invalid-date]: assessment_date `2026-02-30` is not a date written YYYY-MM-DD",
            "2026-02-30",
        ),
        (
            "error[unknown-reference]: no embedded questionnaire has the id `govstack-dpi-ful`",
            "govstack-dpi-ful",
        ),
        (
            "error[input-not-found]: input file `missing.csv` does not exist",
            "missing.csv",
        ),
        (
            "error[unsupported-input]: `services.pdf` is not a csv, xlsx, xls or ods file",
            "services.pdf",
        ),
        (
            "error[unknown-reference]: target for unknown indicator or Building Block `law-data-protecton`",
            "3\n",
        ),
        (
            "error[level-out-of-range]: target of `identity` is 5, outside the levels 0..4",
            "5\n",
        ),
        (
            "error[invalid-weight]: weight of `governance` is -1, but weights must be greater than 0",
            "-1",
        ),
    ];
    for (message, anchor) in expect {
        assert!(out.contains(message), "missing `{message}` in\n{out}");
        let (line, column) = position_of(text, anchor);
        let location = format!("./assessment.yaml:{line}:{column}");
        assert!(
            out.contains(&location),
            "missing {location} for `{message}` in\n{out}"
        );
    }
    assert!(out.contains("did you mean `govstack-dpi-full`?"), "{out}");
    assert!(out.contains("did you mean `law-data-protection`?"), "{out}");
    // Diagnostics on stderr, the verdict on stdout, and no diagnostic mixed into stdout.
    // A workbook's contents are checked by ingest, which runs once assessment.yaml is sound, so
    // the broken systems.xlsx is not among these.
    assert!(run.stdout.contains(": 8 errors, 0 warnings"), "{}", run.stdout);
    assert!(!run.stdout.contains("error["), "{}", run.stdout);
}

#[test]
fn json_format_lists_diagnostics() {
    let dir = scratch();
    let ws = dir.path().display().to_string();
    run(&["init", &ws, "--country", "Testland", "--iso", "XTS"]).expect_code(0);
    std::fs::remove_file(dir.path().join("services.csv")).unwrap();
    let run = run(&["validate", &ws, "--format", "json"]);
    run.expect_code(1);
    let report = run.json();
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"], 1);
    assert_eq!(report["diagnostics"][0]["code"], "input-not-found");
    assert_eq!(report["diagnostics"][0]["location"]["kind"], "text");
}

#[test]
fn a_workbook_without_the_inventory_sheet_is_reported() {
    let dir = scratch();
    let ws = dir.path().join("ws");
    copy_dir(&repo("sample-data/kalindra-2024-xlsx"), &ws);
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    // Point services at a workbook that has no `services` sheet.
    let yaml = yaml.replace("services: inputs.xlsx", "services: other.xlsx");
    std::fs::write(ws.join("assessment.yaml"), yaml).unwrap();
    write_workbook_with_sheet(&ws.join("other.xlsx"), "Sheet1");
    let run = run(&["validate", &ws.display().to_string()]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[missing-sheet]: workbook has no sheet `services` (sheets: Sheet1)\n  --> other.xlsx"
        ),
        "{}",
        run.stderr
    );
}

/// Copies the sample workbook's structure is not needed: an ods/xlsx from the samples with one sheet
/// renamed would do, but the simplest valid workbook is one LibreOffice-free xlsx written by hand.
fn write_workbook_with_sheet(path: &std::path::Path, _sheet: &str) {
    std::fs::copy(repo("tests/fixtures/workbooks/one-sheet.xlsx"), path).unwrap();
}

#[test]
fn a_framework_path_in_assessment_yaml_overrides_the_embedded_one() {
    let dir = scratch();
    let ws = dir.path().join("ws");
    copy_dir(&repo("sample-data/nuvaria"), &ws);
    let custom = repo("frameworks/govstack-dpi/framework.yaml");
    let text = std::fs::read_to_string(custom).unwrap();
    // A local copy with one weight changed and a typo'd BB reference: the copy, not the embedded
    // framework, must be the one checked.
    let text = replace_once(
        &text,
        "building_blocks: [cloud-infrastructure]",
        "building_blocks: [clod]",
    );
    std::fs::create_dir_all(ws.join("local")).unwrap();
    std::fs::write(ws.join("local/framework.yaml"), &text).unwrap();
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    let yaml = replace_once(
        &yaml,
        "framework: govstack-dpi\n",
        "framework: local/framework.yaml\n",
    );
    std::fs::write(ws.join("assessment.yaml"), yaml).unwrap();
    let run = run(&["validate", &ws.display().to_string()]);
    run.expect_code(1);
    let (line, column) = position_of(&text, "clod]");
    let location = format!("{}:{line}:{column}", ws.join("local/framework.yaml").display());
    assert!(run.stderr.contains(&location), "{}", run.stderr);
    assert!(
        run.stderr.contains("refers to an unknown Building Block `clod`"),
        "{}",
        run.stderr
    );
}

#[test]
fn help_shows_examples_and_exit_codes() {
    let run = run(&["--help"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("dpi-assess validate sample-data/kalindra-2024")
    );
    assert!(
        run.stdout
            .contains("Exit codes: 0 success, 1 findings that block scoring, 2 usage or I/O error.")
    );
    for command in ["init", "validate", "frameworks"] {
        let run = crate::support::run(&[command, "--help"]);
        assert!(run.stdout.contains("Example"), "{command} --help has no example");
    }
}

#[test]
fn an_answer_that_contradicts_the_inventory_is_a_warning_naming_both_sides() {
    let run = run(&["validate", "sample-data/kalindra-2024"]);
    run.expect_code(0);
    let out = &run.stderr;
    assert!(
        out.contains(
            "warning[inconsistent]: `gov-operator-mandates` is 3.5 from the answers [answers/kalindra-digital-services-agency.csv row 42 (gov.06); answers/kalindra-digital-services-agency.csv row 43 (gov.07); answers/national-identity-authority.csv row 38 (gov.06); answers/national-identity-authority.csv row 39 (gov.07); answers/ministry-of-health.csv row 37 (gov.06); answers/ministry-of-health.csv row 38 (gov.07); answers/ministry-of-social-protection.csv row 37 (gov.06); answers/ministry-of-social-protection.csv row 38 (gov.07)], but Information Mediator c1 is 1 from the systems inventory [systems.csv row 10 (Kalindra Data Exchange Platform)]: 2.5 levels apart, more than the 2 that rule `exchange-layer-operator` allows"
        ),
        "{out}"
    );
    assert!(out.contains("Check both at the validation workshop"), "{out}");
    // The verdict and the ledger are results, on stdout; the warnings are not.
    assert!(
        run.stdout
            .contains("sample-data/kalindra-2024: valid (0 errors, 38 warnings)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Rows"), "{}", run.stdout);
    assert!(!run.stdout.contains("warning["), "{}", run.stdout);
    // The same in JSON, with its code.
    let json = crate::support::run(&["validate", "sample-data/kalindra-2024", "--format", "json"]).json();
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .filter(|code| *code == "inconsistent")
        .collect();
    // Since the authoritative respondent (the data-centre operator) decides shared hosting, the
    // answers and the inventory agree on the government cloud; the operator mandate still differs.
    assert_eq!(codes, ["inconsistent"]);
}

#[test]
fn a_repeated_figure_in_the_same_level_is_a_different_answer() {
    // Grace Muteri answered inf.04 with 70 % (level 2: at least 50 %). A repeat saying 72 % is
    // level 2 as well, but it is another figure: an error naming both, not "the answers agree".
    let dir = scratch();
    let ws = dir.path().join("ws");
    copy_dir(&repo("sample-data/kalindra-2024"), &ws);
    let file = ws.join("answers/ministry-of-health.csv");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("inf.04,72,Grace Muteri,Ministry of Health,,\n");
    std::fs::write(&file, &text).unwrap();
    let run = run(&["validate", ws.to_str().unwrap()]);
    run.expect_code(1);
    let rows = text.lines().count();
    assert!(
        run.stderr.contains(&format!(
            "error[duplicate-answer]: `Grace Muteri` answered question `inf.04` twice: `70%` at answers/ministry-of-health.csv row 5 and `72` here\n  --> answers/ministry-of-health.csv › A{rows} (row {rows}, column \"question_id\")"
        )),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("the answers agree"), "{}", run.stderr);

    // The same figure written another way (70 %) agrees: a warning, and it counts once.
    let text = text.replace("inf.04,72,Grace", "inf.04,70,Grace");
    std::fs::write(&file, &text).unwrap();
    let run = crate::support::run(&["validate", ws.to_str().unwrap()]);
    run.expect_code(0);
    assert!(run.stderr.contains("warning[duplicate-answer]"), "{}", run.stderr);
    assert!(run.stderr.contains("the answers agree"), "{}", run.stderr);
}
