//! `dpi-assess init`: a new workspace that validates as it is.

use crate::support::*;

#[test]
fn init_then_validate_passes() {
    let dir = scratch();
    let ws = dir.path().join("republic-of-example");
    let ws_arg = ws.display().to_string();
    let run = run(&[
        "init",
        &ws_arg,
        "--country",
        "Republic of \"Example\": Test",
        "--iso",
        "xex",
        "--date",
        "2026-05-01",
    ]);
    run.expect_code(0);
    assert!(run.stdout.contains("Created workspace"));
    for file in [
        "assessment.yaml",
        "answers/answers.csv",
        "systems.csv",
        "services.csv",
        "roster.csv",
        "institutions.csv",
    ] {
        assert!(ws.join(file).is_file(), "{file} missing");
    }
    let header = std::fs::read_to_string(ws.join("systems.csv")).unwrap();
    assert_eq!(
        header,
        "name,owner,building_blocks,status,coverage,exchange,standards,hosting,open_source,used_by,platform\n"
    );
    let roster = std::fs::read_to_string(ws.join("roster.csv")).unwrap();
    assert_eq!(roster, "respondent,institution,role,contact,sections,due\n");
    let institutions = std::fs::read_to_string(ws.join("institutions.csv")).unwrap();
    assert_eq!(institutions, "id,name,aliases,kind,roles\n");
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    assert!(yaml.contains("iso3: XEX"));
    assert!(yaml.contains("  roster: roster.csv"), "{yaml}");
    // Listed once it is filled in: an empty list would refuse every institution name.
    assert!(yaml.contains("  # institutions: institutions.csv"), "{yaml}");
    assert!(yaml.contains("# Targets that replace"), "the file is commented");

    let run = crate::support::run(&["validate", &ws_arg]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("Workspace Republic of \"Example\": Test (XEX), assessed 2026-05-01"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("valid (0 errors, 0 warnings)"),
        "{}",
        run.stdout
    );
}

#[test]
fn init_refuses_to_overwrite_a_workspace() {
    let dir = scratch();
    let ws = dir.path().display().to_string();
    run(&["init", &ws, "--country", "Testland", "--iso", "XTS"]).expect_code(0);
    let again = run(&["init", &ws, "--country", "Testland", "--iso", "XTS"]);
    again.expect_code(2);
    assert!(
        again
            .stderr
            .contains("the folder already holds an assessment.yaml"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("--force"));
}

#[test]
fn init_rejects_a_bad_country_code_and_date() {
    let dir = scratch();
    let ws = dir.path().join("x").display().to_string();
    let bad_iso = run(&["init", &ws, "--country", "Testland", "--iso", "KEY"]);
    bad_iso.expect_code(2);
    assert!(
        bad_iso
            .stderr
            .contains("`KEY` is not an ISO 3166-1 alpha-3 country code")
    );
    let bad_date = run(&[
        "init",
        &ws,
        "--country",
        "Testland",
        "--iso",
        "KEN",
        "--date",
        "2026-02-30",
    ]);
    bad_date.expect_code(2);
    assert!(
        bad_date
            .stderr
            .contains("`2026-02-30` is not a date written YYYY-MM-DD")
    );
    assert!(
        !dir.path().join("x").exists(),
        "nothing is written on a usage error"
    );
}
