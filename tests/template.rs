//! `dpi-assess template`: the workbook respondents fill, its drop-downs, and the round trip back
//! through `validate`.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader};
use dpi_assess::definitions::{builtin_framework, embedded_questionnaire, load_questionnaire};
use dpi_assess::model::{AnswerType, Framework, Question, Questionnaire};

use crate::support::*;

const HEADER: [&str; 8] = [
    "question_id",
    "question",
    "help",
    "answer",
    "evidence",
    "comment",
    "respondent",
    "institution",
];
const LAYERS: [&str; 4] = ["infrastructure", "policy-legal", "governance", "people-inclusion"];
const SYSTEMS: &str =
    "name,owner,building_blocks,status,coverage,exchange,standards,hosting,open_source,used_by,platform";
const SERVICES: &str = "name,category,owner,yearly_transactions,users,digital_level,required_bbs";

fn full() -> (Framework, Questionnaire) {
    let framework = builtin_framework("govstack-dpi").expect("embedded framework");
    let source = embedded_questionnaire("govstack-dpi-full").expect("embedded questionnaire");
    let (questionnaire, _) = load_questionnaire(&source, &framework).expect("valid questionnaire");
    (framework, questionnaire)
}

/// Questions per layer pillar, from the definitions (what the sheets must hold).
fn expected_rows(framework: &Framework, questionnaire: &Questionnaire) -> HashMap<String, Vec<String>> {
    let mut rows: HashMap<String, Vec<String>> = HashMap::new();
    for question in &questionnaire.questions {
        let pillar = framework
            .indicators()
            .find(|(_, _, i)| i.id == question.indicator)
            .map(|(p, _, _)| p.id.clone())
            .expect("indicator of the framework");
        rows.entry(pillar).or_default().push(question.id.clone());
    }
    rows
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// A sheet as rows of text, anchored at A1 (calamine starts ranges at the first non-empty cell).
fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut workbook = calamine::open_workbook_auto(path).expect("the workbook opens");
    let range = workbook.worksheet_range(sheet).expect("the sheet exists");
    let (top, left) = range.start().unwrap_or((0, 0));
    let (bottom, right) = range.end().unwrap_or((0, 0));
    (0..=bottom)
        .map(|r| {
            (0..=right)
                .map(|c| {
                    if r < top || c < left {
                        String::new()
                    } else {
                        text(range.get_value((r, c)))
                    }
                })
                .collect()
        })
        .collect()
}

fn zip_text(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).expect("an xlsx is a zip");
    let mut entry = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the xlsx"));
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

/// The value of `attribute="…"` in the XML start tag `tag` begins with (after its `<name `).
fn attribute<'a>(tag: &'a str, attribute: &str) -> Option<&'a str> {
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let needle = format!("{attribute}=\"");
    let start = if tag.starts_with(&needle) {
        needle.len()
    } else {
        tag.find(&format!(" {needle}"))? + needle.len() + 1
    };
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// The part name of a worksheet, found through `xl/workbook.xml` and its relationships.
fn sheet_part(xlsx: &Path, sheet: &str) -> String {
    let workbook = zip_text(xlsx, "xl/workbook.xml");
    let tag = workbook
        .split("<sheet ")
        .skip(1)
        .find(|tag| attribute(tag, "name") == Some(sheet))
        .unwrap_or_else(|| panic!("sheet {sheet} in workbook.xml"));
    let id = attribute(tag, "r:id").expect("r:id");
    let rels = zip_text(xlsx, "xl/_rels/workbook.xml.rels");
    let rel = rels
        .split("<Relationship ")
        .skip(1)
        .find(|tag| attribute(tag, "Id") == Some(id))
        .expect("relationship of the sheet");
    let target = attribute(rel, "Target").expect("Target");
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    }
}

/// Column letters → 0-based index.
fn column_index(letters: &str) -> u32 {
    letters.bytes().fold(0, |n, b| n * 26 + u32::from(b - b'A' + 1)) - 1
}

/// Splits `$I$2` (or `I2`) into a 0-based (row, column).
fn cell(reference: &str) -> (u32, u32) {
    let reference = reference.replace('$', "");
    let split = reference.find(|c: char| c.is_ascii_digit()).unwrap();
    let (letters, digits) = reference.split_at(split);
    (digits.parse::<u32>().unwrap() - 1, column_index(letters))
}

/// Whether an `sqref` ("D2 D5:D9") covers a cell.
fn covers(sqref: &str, row: u32, col: u32) -> bool {
    sqref.split_whitespace().any(|range| {
        let (first, last) = range.split_once(':').unwrap_or((range, range));
        let (r1, c1) = cell(first);
        let (r2, c2) = cell(last);
        (r1..=r2).contains(&row) && (c1..=c2).contains(&col)
    })
}

fn template_xlsx(dir: &Path, name: &str) -> std::path::PathBuf {
    let out = dir.join(name);
    run(&[
        "template",
        "--questionnaire",
        "govstack-dpi-full",
        "--out",
        &out.display().to_string(),
    ])
    .expect_code(0);
    out
}

#[test]
fn template_has_a_sheet_per_layer_with_every_question() {
    let dir = scratch();
    let out = dir.path().join("T.xlsx");
    let run = run(&[
        "template",
        "--questionnaire",
        "govstack-dpi-full",
        "--out",
        &out.display().to_string(),
    ]);
    run.expect_code(0);
    assert!(run.stdout.contains("83 questions"), "{}", run.stdout);

    let workbook = calamine::open_workbook_auto(&out).expect("the workbook opens");
    let mut expected_sheets = vec!["instructions"];
    expected_sheets.extend(LAYERS);
    expected_sheets.extend(["systems", "services", "lists"]);
    assert_eq!(workbook.sheet_names(), expected_sheets);

    let (framework, questionnaire) = full();
    let expected = expected_rows(&framework, &questionnaire);
    let mut total = 0;
    for layer in LAYERS {
        let rows = sheet_rows(&out, layer);
        assert_eq!(rows[0], HEADER, "header of {layer}");
        let ids: Vec<String> = rows[1..].iter().map(|r| r[0].clone()).collect();
        assert_eq!(
            &ids, &expected[layer],
            "questions of {layer}, in questionnaire order"
        );
        for row in &rows[1..] {
            assert!(!row[1].is_empty(), "question text of {}", row[0]);
            assert!(!row[2].is_empty(), "help of {}", row[0]);
            assert!(
                row[3..].iter().all(String::is_empty),
                "answer columns of {} are empty",
                row[0]
            );
        }
        total += ids.len();
    }
    assert_eq!(total, 83);
    assert_eq!(total, questionnaire.questions.len());

    // Level questions carry their five descriptors in the help; multi questions their codes.
    let infrastructure = sheet_rows(&out, "infrastructure");
    let level = questionnaire
        .questions
        .iter()
        .find(|q| q.answer_type == AnswerType::Level && expected["infrastructure"].contains(&q.id))
        .expect("a level question on infrastructure");
    let help = &infrastructure.iter().find(|r| r[0] == level.id).unwrap()[2];
    assert!(help.contains("\n0 Absent: "), "{help}");
    assert!(help.contains("\n4 Advanced: "), "{help}");
    let multi = infrastructure.iter().find(|r| r[0] == "inf.03").unwrap();
    assert!(
        multi[2].contains("separate several codes with spaces"),
        "{}",
        multi[2]
    );
    assert!(multi[2].contains("public_wifi: "), "{}", multi[2]);

    assert_eq!(
        sheet_rows(&out, "systems"),
        vec![SYSTEMS.split(',').collect::<Vec<_>>()]
    );
    assert_eq!(
        sheet_rows(&out, "services"),
        vec![SERVICES.split(',').collect::<Vec<_>>()]
    );

    let instructions = sheet_rows(&out, "instructions").concat().join("\n");
    for needle in [
        "govstack-dpi-full 1.1.0",
        "govstack-dpi 4.0.0",
        "Not applicable",
        "evidence",
    ] {
        assert!(instructions.contains(needle), "instructions mention {needle}");
    }
}

#[test]
fn answer_cells_have_drop_downs_from_the_hidden_lists_sheet() {
    let dir = scratch();
    let out = template_xlsx(dir.path(), "T.xlsx");
    let (framework, questionnaire) = full();

    let workbook_xml = zip_text(&out, "xl/workbook.xml");
    let lists_tag = workbook_xml
        .split("<sheet ")
        .find(|tag| attribute(tag, "name") == Some("lists"))
        .expect("lists sheet");
    assert_eq!(attribute(lists_tag, "state"), Some("hidden"), "{lists_tag}");

    let lists = sheet_rows(&out, "lists");
    let mut checked = HashMap::new();
    for layer in LAYERS {
        let rows = sheet_rows(&out, layer);
        let xml = zip_text(&out, &sheet_part(&out, layer));
        let validations: Vec<&str> = xml.split("<dataValidation ").skip(1).collect();
        for (index, row) in rows.iter().enumerate().skip(1) {
            let question = questionnaire.question(&row[0]).unwrap();
            let row_index = u32::try_from(index).unwrap();
            let validation = validations
                .iter()
                .find(|v| covers(attribute(v, "sqref").unwrap(), row_index, 3))
                .unwrap_or_else(|| panic!("a validation on D{} ({})", index + 1, question.id));
            match question.answer_type {
                AnswerType::Level | AnswerType::YesNo | AnswerType::Choice => {
                    assert_eq!(attribute(validation, "type"), Some("list"), "{validation}");
                    let formula = validation
                        .split("<formula1>")
                        .nth(1)
                        .and_then(|f| f.split("</formula1>").next())
                        .unwrap();
                    let range = formula
                        .strip_prefix("lists!")
                        .unwrap_or_else(|| panic!("{formula} points at the lists sheet"));
                    let (first, last) = range.split_once(':').unwrap();
                    let ((r1, c1), (r2, c2)) = (cell(first), cell(last));
                    assert_eq!(c1, c2, "one column");
                    let values: Vec<String> = (r1..=r2)
                        .map(|r| lists[r as usize][c1 as usize].clone())
                        .collect();
                    assert_eq!(values, question.answer_choices(&framework), "{}", question.id);
                    *checked.entry(question.answer_type).or_insert(0) += 1;
                }
                AnswerType::Number | AnswerType::Percent => {
                    assert_eq!(attribute(validation, "type"), Some("decimal"), "{validation}");
                    assert_eq!(attribute(validation, "errorStyle"), Some("information"));
                }
                AnswerType::Multi => {
                    let prompt = attribute(validation, "prompt").unwrap();
                    assert!(prompt.contains(&question.options[0].code), "{prompt}");
                }
            }
        }
    }
    assert!(checked.get(&AnswerType::Level).copied().unwrap_or(0) > 0);

    // The inventories' coded columns have drop-downs too.
    let systems = zip_text(&out, &sheet_part(&out, "systems"));
    let status = systems
        .split("<dataValidation ")
        .find(|v| attribute(v, "sqref") == Some("D2:D1000"))
        .expect("status drop-down");
    assert_eq!(attribute(status, "type"), Some("list"));
    let bbs = systems
        .split("<dataValidation ")
        .find(|v| attribute(v, "sqref") == Some("C2:C1000"))
        .expect("building_blocks drop-down");
    assert_eq!(attribute(bbs, "errorStyle"), Some("warning"));
}

/// Copies every cell of the template and fills in a valid answer on every question row.
fn fill(template: &Path, filled: &Path, questionnaire: &Questionnaire, framework: &Framework) {
    let mut source = calamine::open_workbook_auto(template).unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for name in source.sheet_names() {
        let range = source.worksheet_range(&name).unwrap();
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name).unwrap();
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, c, value) in range.used_cells() {
            let (row, col) = (top + r as u32, (left + c as u32) as u16);
            match value {
                Data::String(s) => sheet.write_string(row, col, s).unwrap(),
                Data::Float(f) => sheet.write_number(row, col, *f).unwrap(),
                other => sheet.write_string(row, col, other.to_string()).unwrap(),
            };
        }
        if !LAYERS.contains(&name.as_str()) {
            continue;
        }
        for r in 1..range.height() as u32 {
            let row = top + r;
            let id = text(range.get_value((row, 0)));
            let question: &Question = questionnaire.question(&id).unwrap();
            match question.answer_type {
                AnswerType::Number => sheet.write_number(row, 3, 12.0).unwrap(),
                AnswerType::Percent => sheet.write_number(row, 3, 55.0).unwrap(),
                AnswerType::Multi => sheet.write_string(row, 3, &question.options[0].code).unwrap(),
                _ => sheet
                    .write_string(row, 3, &question.answer_choices(framework)[2])
                    .unwrap(),
            };
            sheet.write_string(row, 4, "Annual report 2025").unwrap();
            sheet.write_string(row, 6, "Test Respondent").unwrap();
            sheet.write_string(row, 7, "Test Ministry").unwrap();
        }
    }
    workbook.save(filled).unwrap();
}

#[test]
fn a_filled_template_validates() {
    let dir = scratch();
    let template = template_xlsx(dir.path(), "T.xlsx");
    let (framework, questionnaire) = full();
    let ws = dir.path().join("testland");
    std::fs::create_dir_all(&ws).unwrap();
    fill(&template, &ws.join("filled.xlsx"), &questionnaire, &framework);
    std::fs::write(
        ws.join("assessment.yaml"),
        "country: Testland\niso3: XTL\nassessment_date: \"2026-01-15\"\nframework: govstack-dpi\nquestionnaires: [govstack-dpi-full]\ninputs:\n  answers: [filled.xlsx]\n",
    )
    .unwrap();
    let run = run(&["validate", &ws.display().to_string()]);
    run.expect_code(0);
    assert!(run.stdout.contains("filled.xlsx"), "{}", run.stdout);
    // Every question row was read as an answer (nothing ignored), one respondent.
    assert!(
        run.stdout.contains("83 answers from 1 respondent"),
        "{}",
        run.stdout
    );
}

#[test]
fn csv_template_is_three_files() {
    let dir = scratch();
    let out = dir.path().join("csv-template");
    let run = run(&[
        "template",
        "--questionnaire",
        "govstack-dpi-full",
        "--format",
        "csv",
        "--out",
        &out.display().to_string(),
    ]);
    run.expect_code(0);
    let answers = std::fs::read(out.join("answers.csv")).unwrap();
    assert!(!answers.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    let mut reader = csv::Reader::from_reader(answers.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        &csv::StringRecord::from(HEADER.to_vec())
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 83);
    let (_, questionnaire) = full();
    for record in &records {
        assert!(questionnaire.question(&record[0]).is_some(), "{}", &record[0]);
        assert!((3..8).all(|i| record[i].is_empty()), "{record:?}");
    }
    assert_eq!(
        std::fs::read_to_string(out.join("systems.csv")).unwrap(),
        format!("{SYSTEMS}\n")
    );
    assert_eq!(
        std::fs::read_to_string(out.join("services.csv")).unwrap(),
        format!("{SERVICES}\n")
    );
    let again = crate::support::run(&[
        "template",
        "--questionnaire",
        "govstack-dpi-full",
        "--format",
        "csv",
        "--out",
        &out.display().to_string(),
    ]);
    again.expect_code(2);
    assert!(
        again.stderr.contains("answers.csv already exists"),
        "{}",
        again.stderr
    );
}

#[test]
fn template_for_a_workspace_and_usage_errors() {
    let dir = scratch();
    let out = dir.path().join("kalindra.xlsx");
    let out_arg = out.display().to_string();
    let first = run(&["template", "sample-data/kalindra-2024", "--out", &out_arg]);
    first.expect_code(0);
    assert!(first.stdout.contains("83 questions"), "{}", first.stdout);
    let instructions = sheet_rows(&out, "instructions").concat().join("\n");
    assert!(instructions.contains("Kalindra"), "{instructions}");

    let again = run(&["template", "sample-data/kalindra-2024", "--out", &out_arg]);
    again.expect_code(2);
    assert!(
        again.stderr.contains(&format!("{out_arg} already exists")),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    run(&[
        "template",
        "sample-data/kalindra-2024",
        "--out",
        &out_arg,
        "--force",
    ])
    .expect_code(0);

    let rapid = run(&[
        "template",
        "sample-data/kalindra-2024",
        "--questionnaire",
        "govstack-dpi-rapid",
        "--out",
        &dir.path().join("rapid.xlsx").display().to_string(),
    ]);
    rapid.expect_code(0);
    assert!(rapid.stdout.contains("24 questions"), "{}", rapid.stdout);

    let unknown = run(&[
        "template",
        "--questionnaire",
        "govstack-dpi-ful",
        "--out",
        &dir.path().join("x.xlsx").display().to_string(),
    ]);
    unknown.expect_code(2);
    assert!(
        unknown
            .stderr
            .contains("no embedded questionnaire has the id `govstack-dpi-ful`"),
        "{}",
        unknown.stderr
    );
    assert!(
        unknown.stderr.contains("did you mean `govstack-dpi-full`?"),
        "{}",
        unknown.stderr
    );

    let nothing = run(&[
        "template",
        "--out",
        &dir.path().join("y.xlsx").display().to_string(),
    ]);
    nothing.expect_code(2);
    assert!(
        nothing
            .stderr
            .contains("give a workspace folder or at least one --questionnaire"),
        "{}",
        nothing.stderr
    );
    assert!(nothing.stderr.contains("hint"), "{}", nothing.stderr);

    let no_workspace = run(&[
        "template",
        "tests",
        "--out",
        &dir.path().join("z.xlsx").display().to_string(),
    ]);
    no_workspace.expect_code(2);
    assert!(
        no_workspace.stderr.contains("no assessment.yaml here"),
        "{}",
        no_workspace.stderr
    );

    let broken = dir.path().join("broken");
    copy_dir(&repo("sample-data/kalindra-2024"), &broken);
    let yaml = std::fs::read_to_string(broken.join("assessment.yaml")).unwrap();
    std::fs::write(
        broken.join("assessment.yaml"),
        replace_once(&yaml, "iso3: XKL", "iso3: KEY"),
    )
    .unwrap();
    let invalid = run(&[
        "template",
        &broken.display().to_string(),
        "--out",
        &dir.path().join("w.xlsx").display().to_string(),
    ]);
    invalid.expect_code(1);
    assert!(
        invalid.stderr.contains("`KEY` is not an ISO 3166-1 alpha-3"),
        "{}",
        invalid.stderr
    );
    assert!(
        invalid
            .stderr
            .contains("template not written: 1 error, 0 warnings"),
        "{}",
        invalid.stderr
    );
    // Diagnostics and the status line go to stderr, not into stdout.
    assert!(invalid.stdout.is_empty(), "{}", invalid.stdout);
    assert!(!dir.path().join("w.xlsx").exists(), "nothing written on findings");

    let help = run(&["template", "--help"]);
    help.expect_code(0);
    assert!(
        help.stdout
            .contains("dpi-assess template --questionnaire govstack-dpi-full --out")
    );
}

#[test]
fn template_output_is_reproducible() {
    let dir = scratch();
    let a = template_xlsx(dir.path(), "a.xlsx");
    let b = template_xlsx(dir.path(), "b.xlsx");
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let c = dir.path().join("c.xlsx");
    let d = dir.path().join("d.xlsx");
    for out in [&c, &d] {
        run(&[
            "template",
            "sample-data/kalindra-2024",
            "--out",
            &out.display().to_string(),
        ])
        .expect_code(0);
    }
    assert_eq!(std::fs::read(&c).unwrap(), std::fs::read(&d).unwrap());
}

#[test]
fn a_workspace_whose_answer_files_are_not_back_yet_still_gets_its_template() {
    let dir = scratch();
    let workspace = dir.path().join("ws");
    std::fs::create_dir_all(&workspace).unwrap();
    std::fs::write(
        workspace.join("assessment.yaml"),
        "country: Testland\niso3: XTL\nassessment_date: \"2026-01-15\"\nframework: govstack-dpi\n\
         questionnaires: [govstack-dpi-rapid]\ninputs:\n  answers: [answers/ministry-of-ict.xlsx]\n",
    )
    .unwrap();
    // validate insists on the listed file …
    let validate = run(&["validate", workspace.to_str().unwrap()]);
    validate.expect_code(1);
    assert!(
        validate.stderr.contains("error[input-not-found]"),
        "{}",
        validate.stderr
    );
    // … but the template, which respondents fill to make that file, is written.
    let out = dir.path().join("template.xlsx");
    run(&[
        "template",
        workspace.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    assert!(out.is_file());
}

/// A multi-select question answered `none` in the workbook (the answer cell's prompt offers it)
/// scores its indicator at level 0, as the long form's `none` does: no option applies, zero
/// points, below the first threshold.
#[test]
fn none_typed_in_the_workbook_scores_a_multi_select_question_at_level_0() {
    let dir = scratch();
    let template = template_xlsx(dir.path(), "T.xlsx");
    let (_, questionnaire) = full();
    let question = questionnaire.question("inf.03").unwrap();
    assert_eq!(question.answer_type, AnswerType::Multi);
    assert!(
        question.thresholds.is_some_and(|t| t[0] > 0.0),
        "{:?}",
        question.thresholds
    );

    let ws = dir.path().join("testland");
    std::fs::create_dir_all(&ws).unwrap();
    // The template as it is, with one cell typed in: `none` on the row of inf.03.
    let mut source = calamine::open_workbook_auto(&template).unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let mut found = false;
    for name in source.sheet_names() {
        let range = source.worksheet_range(&name).unwrap();
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name).unwrap();
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, c, value) in range.used_cells() {
            let (row, col) = (top + r as u32, (left + c as u32) as u16);
            match value {
                Data::String(s) => sheet.write_string(row, col, s).unwrap(),
                Data::Float(f) => sheet.write_number(row, col, *f).unwrap(),
                other => sheet.write_string(row, col, other.to_string()).unwrap(),
            };
            if name == "infrastructure" && c == 0 && *value == Data::String("inf.03".into()) {
                sheet.write_string(row, 3, "none").unwrap();
                sheet.write_string(row, 6, "Test Respondent").unwrap();
                sheet
                    .write_string(row, 7, "Communications Regulatory Authority")
                    .unwrap();
                found = true;
            }
        }
    }
    assert!(found, "no row of inf.03 on the infrastructure sheet");
    workbook.save(ws.join("filled.xlsx")).unwrap();
    std::fs::write(
        ws.join("assessment.yaml"),
        "country: Testland\niso3: XTL\nassessment_date: \"2026-01-15\"\nframework: govstack-dpi\nquestionnaires: [govstack-dpi-full]\ninputs:\n  answers: [filled.xlsx]\n",
    )
    .unwrap();

    let out = dir.path().join("results.json");
    let run = run(&[
        "score",
        "--format",
        "json",
        "--out",
        &out.display().to_string(),
        &ws.display().to_string(),
    ]);
    run.expect_code(0);
    let results: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let indicator = results["pillars"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["dimensions"].as_array().unwrap())
        .flat_map(|d| d["indicators"].as_array().unwrap())
        .find(|i| i["id"] == "inf-public-access-remote")
        .expect("the indicator is in results.json")
        .clone();
    assert_eq!(indicator["level"], 0, "{indicator:#}");
    assert_eq!(indicator["value"], 0.0, "{indicator:#}");
}
