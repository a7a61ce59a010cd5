//! Outputs of a run appear whole or not at all: a text too long for a spreadsheet cell is refused
//! where it is read, a report whose last format fails leaves the previous output folder
//! byte-identical, and every command that writes several files (score, report, roadmap, compare)
//! replaces none of them when one cannot be written. Fixtures: `tests/fixtures/hostile/`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{copy_dir, repo, run, scratch};

/// Every file under `folder` (hidden ones included, so that staging debris shows) with its bytes;
/// folders as `<folder>`.
fn snapshot(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, folder: &Path, into: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                into.insert(name, b"<folder>".to_vec());
                walk(root, &path, into);
            } else {
                into.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(folder, folder, &mut files);
    files
}

fn names(files: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
    files.keys().map(String::as_str).collect()
}

/// A scratch copy of a fixture workspace.
fn workspace(case: &str, into: &Path) -> std::path::PathBuf {
    let ws = into.join(case);
    copy_dir(&repo(&format!("tests/fixtures/hostile/{case}")), &ws);
    ws
}

/// Changes an answer, so that every output of the next run would differ from the last one.
fn change_an_answer(ws: &Path) {
    let answers = ws.join("answers.csv");
    let text = std::fs::read_to_string(&answers).unwrap();
    let changed = text.replacen("inf.09,3,", "inf.09,1,", 1);
    assert_ne!(text, changed);
    std::fs::write(&answers, changed).unwrap();
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_text_longer_than_a_spreadsheet_cell_is_refused_by_validate_score_and_report() {
    let dir = scratch();
    let ws = workspace("text-too-long", dir.path());
    // A comment pasted by accident: 1,001 sentences, 40,039 characters.
    let long = vec!["Evidence pasted from the annual report."; 1001].join(" ");
    let mut answers = std::fs::read_to_string(ws.join("answers.csv")).unwrap();
    answers.push_str(&format!(
        "inf.02,72.5,Ana Lee,Ministry of ICT,Regulator report 2025,\"{long}\"\n"
    ));
    std::fs::write(ws.join("answers.csv"), answers).unwrap();
    let expected = "error[text-too-long]: the text is 40,039 characters long, more than the 32,767 a spreadsheet cell can hold; it begins \"Evidence pasted from the annual report.…\"
  --> answers.csv › F3 (row 3, column \"comment\")
  = hint: shorten it, or put the long text in an evidence document and give its link or file name here
";

    let validate = run(&["validate", path(&ws)]);
    validate.expect_code(1);
    assert!(validate.stderr.contains(expected), "{}", validate.stderr);
    assert!(!validate.stdout.contains("error["), "{}", validate.stdout);

    // A previous run's files are left as they were; nothing else is written.
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("tables")).unwrap();
    std::fs::write(out.join("results.json"), "previous results\n").unwrap();
    std::fs::write(out.join("report.html"), "previous report\n").unwrap();
    let before = snapshot(&out);
    for args in [
        vec![
            "score",
            path(&ws),
            "--out",
            path(&out.join("results.json")),
            "--csv",
            path(&out.join("tables")),
        ],
        vec!["report", path(&ws), "--out", path(&out)],
    ] {
        let result = run(&args);
        result.expect_code(1);
        assert!(result.stderr.contains(expected), "{}: {}", args[0], result.stderr);
        assert!(!result.stderr.contains("bug"), "{}: {}", args[0], result.stderr);
        assert_eq!(snapshot(&out), before, "{} wrote something", args[0]);
    }
    // Without --out nothing appears beside the workspace either.
    run(&["report", path(&ws)]).expect_code(1);
    assert!(!ws.join("output").exists());
}

#[test]
fn a_report_run_that_fails_at_its_last_format_leaves_the_previous_output_folder_byte_identical() {
    let dir = scratch();
    let ws = workspace("last-format-fails", dir.path());
    let out = dir.path().join("out");
    run(&["report", path(&ws), "--out", path(&out)]).expect_code(0);
    let before = snapshot(&out);
    assert_eq!(
        names(&before),
        vec![
            "architecture.csv",
            "architecture.svg",
            "gaps.csv",
            "ledger.csv",
            "report.html",
            "report.json",
            "report.md",
            "report.pdf",
            "report.xlsx",
            "results.json",
            "scores.csv",
            "systems.csv",
        ]
    );

    // The answers change, so every file of the second run would differ; its Markdown template is
    // broken, and the Markdown is rendered after results.json, the csv tables, the workbook and the
    // HTML (the PDF, drawn last, cannot be broken from outside).
    change_an_answer(&ws);
    let templates = ws.join("templates");
    let failed = run(&[
        "report",
        path(&ws),
        "--out",
        path(&out),
        "--templates",
        path(&templates),
    ]);
    failed.expect_code(2);
    let template = templates.join("report.md.tera");
    let expected = format!(
        "error[render]: cannot render report.md: template {}, line 2: Found `%}}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{{`, `[` or `(`\\nerror: ",
        template.display()
    );
    assert!(failed.stderr.contains(&expected), "{}", failed.stderr);
    assert!(
        failed.stderr.contains(
            "  --> report.md
  = hint: fix the override template, or leave out --templates to use the embedded one; nothing was written: the files of the previous run are as they were
"
        ),
        "{}",
        failed.stderr
    );
    assert!(
        failed.stderr.contains(&format!(
            "nothing written (1 error, 0 warnings); the files in {} are as they were",
            out.display()
        )),
        "{}",
        failed.stderr
    );
    assert!(!failed.stdout.contains("wrote"), "{}", failed.stdout);
    // Same file list, same bytes, no staging folder left.
    assert_eq!(snapshot(&out), before);
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("staging")),
        "staging debris beside the output folder"
    );

    // The same run without the broken template does replace every file that changed.
    run(&["report", path(&ws), "--out", path(&out)]).expect_code(0);
    let after = snapshot(&out);
    assert_eq!(names(&after), names(&before));
    assert_ne!(after["results.json"], before["results.json"]);
    assert_ne!(after["report.xlsx"], before["report.xlsx"]);
}

#[test]
fn a_definition_text_too_long_for_the_workbook_is_refused_at_its_yaml_line_before_anything_is_written() {
    let dir = scratch();
    let ws = workspace("definition-text-too-long", dir.path());
    let out = dir.path().join("out");
    run(&[
        "report",
        path(&ws),
        "--out",
        path(&out),
        "--format",
        "json,csv,xlsx",
    ])
    .expect_code(0);
    let before = snapshot(&out);

    change_an_answer(&ws);
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    let title = format!("Readiness of Testland{}", " in detail".repeat(4_000));
    let yaml = yaml.replace(
        "\"Digital public infrastructure readiness of Testland\"",
        &format!("\"{title}\""),
    );
    std::fs::write(ws.join("assessment.yaml"), yaml).unwrap();
    let failed = run(&[
        "report",
        path(&ws),
        "--out",
        path(&out),
        "--format",
        "json,csv,xlsx",
    ]);
    failed.expect_code(1);
    assert!(
        failed.stderr.contains(
            "error[text-too-long]: the text is 40,021 characters long, more than the 32,767 a spreadsheet cell (and the report's workbook) can hold; it begins \"Readiness of Testland in detail in detai…\"
  --> "
        ) && failed.stderr.contains(
            "definition-text-too-long/assessment.yaml:6:9
  = hint: shorten it, or keep the long text in a document and refer to it here
"
        ),
        "{}",
        failed.stderr
    );
    assert!(!failed.stderr.contains("bug"), "{}", failed.stderr);
    assert_eq!(snapshot(&out), before);
}

/// Puts a folder where the last file of a run goes, so that only that file cannot be written.
fn block(file: &Path) {
    std::fs::create_dir_all(file).unwrap();
}

#[test]
fn score_roadmap_and_compare_replace_none_of_their_files_when_the_last_cannot_be_written() {
    let dir = scratch();
    let ws = workspace("last-format-fails", dir.path());

    // score: results.json and the csv tables.
    let out = dir.path().join("score");
    let results = out.join("results.json");
    let tables = out.join("tables");
    let score = [
        "score",
        path(&ws),
        "--out",
        path(&results),
        "--csv",
        path(&tables),
    ];
    run(&score).expect_code(0);
    change_an_answer(&ws);
    std::fs::remove_file(tables.join("gaps.csv")).unwrap();
    block(&tables.join("gaps.csv"));
    let before = snapshot(&out);
    let failed = run(&score);
    failed.expect_code(2);
    assert!(
        failed.stderr.contains(&format!(
            "error[io]: a folder has the name of this output file, so the file cannot be written
  --> {}
  = hint: nothing was written; rename or remove the folder, or choose another --out
",
            tables.join("gaps.csv").display()
        )),
        "{}",
        failed.stderr
    );
    assert_eq!(snapshot(&out), before, "score replaced a file");

    // roadmap: roadmap.json, roadmap.csv, services.csv, roadmap.xlsx.
    let out = dir.path().join("roadmap");
    run(&["roadmap", path(&ws), "--out", path(&out)]).expect_code(0);
    change_an_answer_back(&ws);
    std::fs::remove_file(out.join("roadmap.xlsx")).unwrap();
    block(&out.join("roadmap.xlsx"));
    let before = snapshot(&out);
    let failed = run(&["roadmap", path(&ws), "--out", path(&out)]);
    failed.expect_code(2);
    assert!(
        failed
            .stderr
            .contains("error[io]: a folder has the name of this output file"),
        "{}",
        failed.stderr
    );
    assert_eq!(snapshot(&out), before, "roadmap replaced a file");
    assert!(!failed.stdout.contains("wrote"), "{}", failed.stdout);

    // compare: its csv tables, the last of which is blocked.
    let out = dir.path().join("compare");
    let compare = [
        "compare",
        path(&ws),
        "sample-data/estmar",
        "--out",
        path(&out),
        "--format",
        "json,csv",
    ];
    run(&compare).expect_code(0);
    change_an_answer(&ws);
    std::fs::remove_file(out.join("comparison-progress.csv")).unwrap();
    block(&out.join("comparison-progress.csv"));
    let before = snapshot(&out);
    let failed = run(&compare);
    failed.expect_code(2);
    assert!(
        failed
            .stderr
            .contains("error[io]: a folder has the name of this output file"),
        "{}",
        failed.stderr
    );
    assert_eq!(snapshot(&out), before, "compare replaced a file");
}

fn change_an_answer_back(ws: &Path) {
    let answers = ws.join("answers.csv");
    let text = std::fs::read_to_string(&answers).unwrap();
    std::fs::write(&answers, text.replacen("inf.09,1,", "inf.09,3,", 1)).unwrap();
}
