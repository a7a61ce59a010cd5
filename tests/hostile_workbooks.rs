//! Workbooks made the way people and scripts make them (issue 14): percent cells as Excel stores
//! them, formulas with and without saved results, hidden sheets, a stray cell at XFD1048576, a
//! shared-strings bomb and a download cut short. Fixtures are written by
//! `tests/fixtures/hostile/make_workbooks.py`.

use crate::support::{repo, run, scratch};

fn fixture(case: &str) -> String {
    repo(&format!("tests/fixtures/hostile/{case}"))
        .display()
        .to_string()
}

/// results.json of a workspace, with what only says where the inputs came from taken out: the
/// answer as written (`88` in csv is `88%` in a percent cell), file names and row counts.
fn scores(workspace: &str) -> serde_json::Value {
    let dir = scratch();
    let out = dir.path().join("results.json");
    run(&["score", workspace, "--out", out.to_str().unwrap()]).expect_code(0);
    let mut value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    strip(&mut value);
    value
}

fn strip(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            // `file` names where a workshop decision was read from: the cases list the sample's.
            for key in ["given", "data", "assessment", "tool", "file"] {
                map.remove(key);
            }
            map.values_mut().for_each(strip);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

#[test]
fn percent_cells_formulas_with_results_and_hidden_sheets_score_as_the_csv_sample() {
    let csv = scores(&repo("sample-data/kalindra-2024").display().to_string());
    for case in ["xlsx-percent-cells", "xlsx-formulas-saved", "xlsx-hidden-sheet"] {
        assert_eq!(
            scores(&fixture(case)),
            csv,
            "{case} does not score as the csv sample"
        );
    }
}

#[test]
fn a_percent_cell_reads_as_what_it_shows() {
    let dir = scratch();
    let out = dir.path().join("results.json");
    run(&[
        "score",
        &fixture("xlsx-percent-cells"),
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(&out).unwrap();
    // inf.04 of the Ministry of Health: 0.7 stored, `0%` format, 70 % meant.
    assert!(text.contains("\"given\": \"70%\""), "{text}");
    assert!(!text.contains("\"given\": \"0.7\""), "{text}");
}

#[test]
fn formulas_without_saved_results_are_refused_at_their_cells() {
    let run = run(&["validate", &fixture("xlsx-formulas-unsaved")]);
    run.expect_code(1);
    let expected = "error[formula-without-value]: the cell holds the formula `=70.0/100` but no saved result
  --> answers.xlsx › answers!B5 (row 5)
  = hint: open the file in Excel or LibreOffice Calc and save it, so that each formula's result is stored with it (files written by scripts often store formulas alone)";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("error[formula-without-value]").count(),
        8,
        "{}",
        run.stderr
    );
}

#[test]
fn a_hidden_sheet_is_reported_and_not_read() {
    let run = run(&["validate", &fixture("xlsx-hidden-sheet")]);
    run.expect_code(0);
    let expected = "warning[hidden-sheet]: sheet `answers 2023` is hidden; it is not read
  --> answers.xlsx › answers 2023
  = hint: hidden sheets are taken as set aside (an old copy, a working sheet); unhide it (right-click a sheet tab › Unhide) if its rows should count";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(!run.stderr.contains("duplicate-answer"), "{}", run.stderr);
}

#[test]
fn a_stray_cell_at_the_last_cell_of_the_grid_is_located() {
    let run = run(&["validate", &fixture("xlsx-stray-cell")]);
    run.expect_code(1);
    let expected = "error[missing-value]: the system name is missing
  --> inventories.xlsx › systems!A1048576 (row 1048576, column \"name\")";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    // The formatted blank at Z1048576 of the services sheet is nothing at all.
    assert!(!run.stderr.contains("services!"), "{}", run.stderr);
}

/// Memory follows the cells present, not the sheet's dimension: the stray cell is read in well
/// under 100 MB (issue 14). The peak is measured by GNU time, as a user would; `.ci/run` installs
/// it, and checks the release build the same way after the tests.
#[test]
fn a_stray_cell_at_the_last_cell_of_the_grid_costs_little_memory() {
    let binary = assert_cmd::cargo::cargo_bin!("dpi-assess");
    let output = std::process::Command::new("/usr/bin/time")
        .args(["-f", "peak %M kB"])
        .arg(binary)
        .args(["validate", &fixture("xlsx-stray-cell")])
        .env("NO_COLOR", "1")
        .output()
        .expect("GNU time is needed for this test (package `time`; .ci/run installs it)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let peak_kb: u64 = stderr
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix("peak ")?.strip_suffix(" kB")?.parse().ok())
        .unwrap_or_else(|| panic!("no peak in\n{stderr}"));
    assert!(peak_kb < 100 * 1024, "peak {peak_kb} kB");
}

#[test]
fn a_shared_strings_bomb_is_refused_before_it_is_unpacked() {
    let run = run(&["validate", &fixture("xlsx-shared-strings-bomb")]);
    run.expect_code(1);
    let expected = "error[input-too-large]: part `xl/sharedStrings.xml` unpacks to 751 MB, more than the limit of 512 MB
  --> answers.xlsx
  = hint: if the file is genuine, raise the limit, e.g. DPI_ASSESS_MAX_UNPACKED_MB=1024 dpi-assess …; a small workbook that unpacks this far is usually damaged or hostile";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
}

#[test]
fn a_workbook_cut_short_says_so_in_words() {
    let run = run(&["validate", &fixture("xlsx-truncated")]);
    run.expect_code(1);
    let expected = "error[unsupported-input]: cannot be opened as a workbook: it is not a zip archive, or the archive is damaged or incomplete (a download cut short)
  --> answers.xlsx";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(!run.stderr.contains("InvalidArchive"), "{}", run.stderr);
}

#[test]
fn an_ods_cut_short_says_so_in_words() {
    let dir = scratch();
    let ws = dir.path().join("ws");
    crate::support::copy_dir(&repo("sample-data/kalindra-2024-ods"), &ws);
    let ods = std::fs::read_dir(&ws)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "ods"))
        .expect("the sample has an ods workbook");
    let bytes = std::fs::read(&ods).unwrap();
    std::fs::write(&ods, &bytes[..bytes.len() / 2]).unwrap();
    let run = run(&["validate", ws.to_str().unwrap()]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[unsupported-input]: the file is not a valid ods spreadsheet: the zip archive is damaged or incomplete (no end-of-archive record)"),
        "{}",
        run.stderr
    );
    for debug in ["InvalidArchive", "EOCD", "Error"] {
        assert!(!run.stderr.contains(debug), "{}", run.stderr);
    }
}
