//! The evidence register (docs/validation.md section 1): the six `validate` warnings, the
//! register's own errors, and the supporting rule that decides `unverified` (docs/method.md §4).
//!
//! Fixtures: `tests/fixtures/evidence/warnings` scores and triggers every warning;
//! `tests/fixtures/evidence/register-errors` has one error per register row.

use std::path::Path;

use dpi_assess::ingest::load_assessment;
use dpi_assess::model::{evidence_weak_indicators, is_evidence_weak};

use crate::support::*;

const WARNINGS: &str = "tests/fixtures/evidence/warnings";
const REGISTER_ERRORS: &str = "tests/fixtures/evidence/register-errors";

/// The diagnostics of `validate --format json`.
/// Copies the warnings fixture into `dir`, with `from` in its assessment.yaml replaced by `to`.
fn copy_warnings_fixture(dir: &Path, from: &str, to: &str) {
    copy_dir(&repo(WARNINGS), dir);
    let yaml = std::fs::read_to_string(dir.join("assessment.yaml")).unwrap();
    std::fs::write(dir.join("assessment.yaml"), replace_once(&yaml, from, to)).unwrap();
}

fn diagnostics(workspace: &Path) -> Vec<serde_json::Value> {
    let run = run(&["validate", "--format", "json", &workspace.to_string_lossy()]);
    run.json()["diagnostics"].as_array().cloned().unwrap_or_default()
}

/// The one diagnostic with this code whose location is this row, as (message, hint, A1 column).
fn find<'a>(found: &'a [serde_json::Value], code: &str, file: &str, row: u64) -> &'a serde_json::Value {
    let hits: Vec<&serde_json::Value> = found
        .iter()
        .filter(|d| d["code"] == code && d["location"]["path"] == file && d["location"]["row"] == row)
        .collect();
    assert_eq!(hits.len(), 1, "{code} at {file} row {row}: {found:#?}");
    hits[0]
}

#[test]
fn validate_reports_every_evidence_warning_at_its_cell() {
    let found = diagnostics(&repo(WARNINGS));
    let expect: &[(&str, &str, u64, u64, &str, &str)] = &[
        (
            "evidence-missing",
            "answers.csv",
            3,
            5,
            "answer `4` to `law.11` gives `law-digital-id` level 4 but cites no evidence",
            "cite the register id of a document that shows this level (for this indicator: law, regulation), or lower the answer to what can be shown",
        ),
        (
            "evidence-type",
            "answers.csv",
            4,
            5,
            "evidence `MIN-01` for level 3 of `law-e-transactions` cites only `MIN-01` (meeting_record), and the indicator accepts law, regulation",
            "cite a document of an accepted type (law, regulation) that shows this level, or lower the answer to what the documents show",
        ),
        (
            "evidence-unregistered",
            "answers.csv",
            5,
            5,
            "evidence `Smith, J. (2020)` for `law.13` is not an id of the evidence register",
            "add the document to the register and cite its id here (ids are matched without case; several are separated by `,` or `;`)",
        ),
        (
            "evidence-outdated",
            "answers.csv",
            6,
            5,
            "`STAT-2020` (official_statistic, dated 2020-12) cited for `inf.02` is more than 3 years old at the assessment date",
            "a document of type official_statistic counts for 3 years (rules.evidence.max_age_years); cite a more recent edition or another source and register it with its date",
        ),
        (
            "evidence-unused",
            "evidence.csv",
            5,
            1,
            "`UNUSED-1` (Digital strategy annex) is cited by no answer and no workshop decision",
            "cite its id in the evidence column of the answers or decisions it supports, or remove the row from the register",
        ),
        (
            "evidence-overused",
            "evidence.csv",
            6,
            1,
            "`BUSY-1` is cited for 7 indicators (law-access-to-information, law-cross-border-recognition, law-interoperability-mandate, law-model-law-alignment, law-security-standards, law-treaty-ratification, law-trust-service-standards), more than the 6 the framework allows for one document",
            "a document that supports everything supports nothing in particular: for each indicator, cite the document that shows its level",
        ),
    ];
    for (code, file, row, column, message, hint) in expect {
        let d = find(&found, code, file, *row);
        assert_eq!(d["severity"], "warning", "{d:#?}");
        assert_eq!(d["location"]["kind"], "cell", "{d:#?}");
        assert_eq!(d["location"]["column"], *column, "{d:#?}");
        assert_eq!(d["message"], *message, "{d:#?}");
        assert_eq!(d["hint"], *hint, "{d:#?}");
    }
    // Nothing else: the answers that are fine have no warning, and with a register there is no
    // workspace-wide one.
    let evidence = found
        .iter()
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("evidence-")));
    assert_eq!(evidence.count(), expect.len(), "{found:#?}");

    // The human output names the file, row and A1 cell.
    let run = run(&["validate", WARNINGS]);
    run.expect_code(0);
    for line in [
        "warning[evidence-missing]: answer `4` to `law.11` gives `law-digital-id` level 4 but cites no evidence\n  --> answers.csv › E3 (row 3, column \"evidence\")",
        "warning[evidence-unused]: `UNUSED-1` (Digital strategy annex) is cited by no answer and no workshop decision\n  --> evidence.csv › A5 (row 5, column \"id\")",
        "warning[evidence-overused]: `BUSY-1` is cited for 7 indicators",
    ] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
    assert!(
        run.stdout
            .contains("evidence.csv (evidence): 5 rows read, 5 used, 0 ignored"),
        "{}",
        run.stdout
    );
}

#[test]
fn without_a_register_one_warning_covers_the_workspace() {
    let dir = scratch();
    copy_warnings_fixture(dir.path(), "  evidence: evidence.csv\n", "");
    let found = diagnostics(dir.path());
    let unregistered: Vec<&serde_json::Value> = found
        .iter()
        .filter(|d| d["code"] == "evidence-unregistered")
        .collect();
    assert_eq!(unregistered.len(), 1, "{found:#?}");
    assert_eq!(
        unregistered[0]["message"],
        "the workspace has no evidence register, so the evidence cited by 11 answers cannot be checked"
    );
    assert_eq!(unregistered[0]["location"]["path"], "assessment.yaml");
    // Without a register only a level 3 or 4 that cites nothing is judged.
    let codes: Vec<&str> = found
        .iter()
        .filter_map(|d| d["code"].as_str())
        .filter(|c| c.starts_with("evidence-"))
        .collect();
    assert_eq!(codes, ["evidence-missing", "evidence-unregistered"], "{found:#?}");
}

#[test]
fn register_errors_name_their_cell_and_the_allowed_values() {
    let run = run(&["validate", REGISTER_ERRORS]);
    run.expect_code(1);
    let expect = [
        "error[missing-value]: the evidence id is missing\n  --> evidence.csv › A3 (row 3, column \"id\")\n  = hint: fill column `id`",
        "error[missing-value]: the document title is missing\n  --> evidence.csv › B4 (row 4, column \"title\")\n  = hint: fill column `title`",
        "error[missing-value]: the evidence type is missing\n  --> evidence.csv › C5 (row 5, column \"type\")\n  = hint: fill column `type`",
        "error[invalid-value]: `white_paper` is not a known evidence type\n  --> evidence.csv › C6 (row 6, column \"type\")\n  = hint: allowed: law, regulation, strategy, official_statistic, audit_evaluation, system_record, meeting_record, statement",
        "error[duplicate-id]: evidence id `ev-01` is listed twice (first at evidence.csv row 2)\n  --> evidence.csv › A7 (row 7, column \"id\")",
        "error[invalid-date]: `2021-13` is not a date\n  --> evidence.csv › D8 (row 8, column \"date\")\n  = hint: write when the document was issued as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2023-11-15",
        "error[invalid-date]: `31/12/2023` is not a date\n  --> evidence.csv › E9 (row 9, column \"checked_on\")",
        "error[invalid-value]: `EV 09` is not an evidence id\n  --> evidence.csv › A10 (row 10, column \"id\")",
        "error[invalid-value]: `law\\u{7}` is not a known evidence type\n  --> evidence.csv › C11 (row 11, column \"type\")",
    ];
    for text in expect {
        assert!(run.stderr.contains(text), "{text}\n{}", run.stderr);
    }
    assert!(run.stdout.contains("9 errors"), "{}", run.stdout);
    // Every row lands in the ledger: one used, nine with errors.
    assert!(
        run.stdout
            .contains("evidence.csv (evidence): 10 rows read, 1 used, 9 ignored (9 with errors)"),
        "{}",
        run.stdout
    );
}

#[test]
fn only_supporting_evidence_verifies_a_high_level() {
    // Written to a scratch folder: the fixture stays as checked in.
    let dir = crate::support::scratch();
    let out = dir.path().join("results.json");
    let results = |workspace: &Path| {
        let run = run(&[
            "score",
            "--format",
            "json",
            "--out",
            &out.to_string_lossy(),
            &workspace.to_string_lossy(),
        ]);
        run.expect_code(0);
        run.json()
    };
    let unverified = |results: &serde_json::Value| -> Vec<String> {
        results["unverified"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    };
    let with_register = unverified(&results(&repo(WARNINGS)));
    // Level 3 citing a law: verified. Level 3 citing only a meeting record: unverified. Level 3
    // citing an official statistic that is out of date: unverified. Level 4 citing nothing:
    // unverified.
    assert!(
        !with_register.contains(&"law-data-protection".to_string()),
        "{with_register:?}"
    );
    assert!(
        with_register.contains(&"law-e-transactions".to_string()),
        "{with_register:?}"
    );
    assert!(
        with_register.contains(&"inf-mobile-broadband-coverage".to_string()),
        "{with_register:?}"
    );
    assert!(
        with_register.contains(&"law-digital-id".to_string()),
        "{with_register:?}"
    );

    // Without the register any evidence text counts, as before.
    let dir = scratch();
    copy_warnings_fixture(dir.path(), "  evidence: evidence.csv\n", "");
    let without = unverified(&results(dir.path()));
    assert_eq!(without, ["law-digital-id"], "{without:?}");
}

#[test]
fn evidence_weak_indicators_are_those_with_a_problem_at_level_3_or_4() {
    let (assessment, found) = load_assessment(&repo(WARNINGS));
    let assessment = assessment.unwrap_or_else(|| panic!("{found:#?}"));
    let weak: Vec<&str> = evidence_weak_indicators(&assessment)
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    // law-cybersecurity has an unregistered citation, but at level 2.
    assert_eq!(
        weak,
        [
            "inf-mobile-broadband-coverage",
            "law-digital-id",
            "law-e-transactions"
        ]
    );
    let data_protection = assessment.framework.indicator("law-data-protection");
    assert!(data_protection.is_some_and(|i| !is_evidence_weak(&assessment, i)));
}

#[test]
fn a_workbook_register_is_read_from_its_evidence_sheet_with_typed_dates() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    let dir = scratch();
    copy_warnings_fixture(dir.path(), "evidence: evidence.csv", "evidence: register.xlsx");
    let mut workbook = Workbook::new();
    workbook.add_worksheet().set_name("notes").unwrap();
    let sheet = workbook.add_worksheet().set_name("evidence").unwrap();
    sheet.write_string(0, 0, "Documents behind the answers").unwrap();
    for (column, header) in ["ID", "Title", "Type", "Date"].iter().enumerate() {
        sheet.write_string(2, column as u16, *header).unwrap();
    }
    let rows = [
        ("LAW-DP-2022", "Data Protection Act 2022", "Law"),
        (
            "STAT-2020",
            "Mobile coverage statistics 2020",
            "official statistic",
        ),
        ("MIN-01", "Workshop minutes", "meeting-record"),
        ("BUSY-1", "Digital Testland Strategy", "strategy"),
    ];
    for (i, (id, title, kind)) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_string(row, 0, *id).unwrap();
        sheet.write_string(row, 1, *title).unwrap();
        sheet.write_string(row, 2, *kind).unwrap();
    }
    // A date cell, a year typed as a number, a month as text; BUSY-1 undated.
    let date = ExcelDateTime::from_ymd(2022, 3, 1).unwrap();
    sheet
        .write_datetime_with_format(3, 3, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .unwrap();
    sheet.write_number(4, 3, 2020).unwrap();
    sheet.write_string(5, 3, "2024-06").unwrap();
    workbook.save(dir.path().join("register.xlsx")).unwrap();

    let (assessment, found) = load_assessment(dir.path());
    let assessment = assessment.unwrap_or_else(|| panic!("{found:#?}"));
    let register = assessment.register.as_ref().expect("a register");
    let dates: Vec<String> = register
        .documents()
        .iter()
        .map(|d| d.date.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(dates, ["2022-03-01", "2020", "2024-06", ""]);
    // The year 2020 is out of date for a statistic at 2024-06-20, as in the csv.
    let found = diagnostics(dir.path());
    let outdated = find(&found, "evidence-outdated", "answers.csv", 6);
    assert_eq!(
        outdated["message"],
        "`STAT-2020` (official_statistic, dated 2020) cited for `inf.02` is more than 3 years old at the assessment date"
    );
    let overused = find(&found, "evidence-overused", "register.xlsx", 7);
    assert_eq!(overused["location"]["sheet"], "evidence");
    assert_eq!(overused["location"]["column"], 1);
}

#[test]
fn unknown_evidence_types_in_a_framework_are_refused_at_their_place() {
    let dir = scratch();
    let text = std::fs::read_to_string(repo("frameworks/govstack-dpi/framework.yaml")).unwrap();
    let text = replace_once(
        &text,
        "evidence_types: [law, regulation]",
        "evidence_types: [law, regulations]",
    );
    let text = replace_once(
        &text,
        "official_statistic: 3, audit",
        "official_statistics: 3, audit",
    );
    let text = replace_once(
        &text,
        "max_indicators_per_document: 6",
        "max_indicators_per_document: 0",
    );
    std::fs::write(dir.path().join("framework.yaml"), &text).unwrap();
    let run = run_in(dir.path(), &["frameworks", "validate", ".", "--format", "json"]);
    run.expect_code(1);
    let report = run.json();
    let found = report["diagnostics"].as_array().cloned().unwrap_or_default();
    let at = |needle: &str, skip: usize| {
        let (line, column) = position_of(&text, needle);
        (line, column + skip)
    };
    let expect = [
        (
            "indicator `law-data-protection` evidence_types names `regulations`, which is not an evidence type",
            "did you mean `regulation`? allowed: law, regulation, strategy, official_statistic, audit_evaluation, system_record, meeting_record, statement",
            at("regulations]", 0),
        ),
        (
            "rules.evidence.max_age_years names `official_statistics`, which is not an evidence type",
            "did you mean `official_statistic`? allowed: law, regulation, strategy, official_statistic, audit_evaluation, system_record, meeting_record, statement",
            at("official_statistics: 3", "official_statistics: ".len()),
        ),
        (
            "rules.evidence.max_indicators_per_document is 0, but must be at least 1",
            "the default 6 reports a document cited for more than six indicators as overused",
            at(
                "max_indicators_per_document: 0",
                "max_indicators_per_document: ".len(),
            ),
        ),
    ];
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    for (message, hint, (line, column)) in expect {
        let d = found
            .iter()
            .find(|d| d["message"] == message)
            .unwrap_or_else(|| panic!("{message}: {found:#?}"));
        assert_eq!(d["code"], "invalid-value");
        assert_eq!(d["hint"], hint);
        assert_eq!(d["location"]["line"], line, "{message}");
        assert_eq!(d["location"]["column"], column, "{message}");
    }
}
