//! `dpi-assess frameworks list | show | validate`.

use crate::support::*;

fn framework_text() -> String {
    std::fs::read_to_string(repo("frameworks/govstack-dpi/framework.yaml")).unwrap()
}

/// Line:column of the n-th (0-based) occurrence of `needle`, shifted by `skip` bytes into it.
fn nth_position(text: &str, needle: &str, n: usize, skip: usize) -> (usize, usize) {
    let (offset, _) = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("no {n}th `{needle}`"));
    position_at(text, offset + skip)
}

#[test]
fn show_lists_pillars_indicators_and_building_blocks() {
    let run = run(&["frameworks", "show", "govstack-dpi"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "5 pillars (4 layers + Building Blocks), 22 dimensions, 75 layer indicators, 15 Building Blocks, 6 caps"
        ),
        "{}",
        run.stdout
    );
    for layer in [
        "Digital Infrastructure Readiness",
        "Policy, Legal, and Regulatory Frameworks",
        "Governance and Institutional Arrangements",
        "People-Centric Systems & Inclusion",
    ] {
        assert!(run.stdout.contains(layer), "missing layer {layer}");
    }
    // The indicators added in 4.0.0 for the areas the framework review found missing, with the
    // peers they cite, and the area left out on purpose with its reason.
    for line in [
        "    inf-cyber-capacity  Cybersecurity capacity development",
        "    law-ai-governance  ",
        "    gov-open-data  ",
        "    gov-dpi-openness  ",
        "    ppl-id-coverage  ",
        "    ppl-birth-registration  ",
        "    ppl-services-online  ",
    ] {
        assert!(run.stdout.contains(line), "missing {line:?} in\n{}", run.stdout);
    }
    assert!(run.stdout.contains("peers SDG 16.9.1"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Left out on purpose\n  Digital economy: The framework measures"),
        "{}",
        run.stdout
    );
}

#[test]
fn show_json_has_at_least_ten_indicators_per_layer_and_all_building_blocks() {
    let run = run(&["frameworks", "show", "govstack-dpi", "--format", "json"]);
    run.expect_code(0);
    let framework = run.json();
    let pillars = framework["pillars"].as_array().unwrap();
    assert_eq!(pillars.len(), 5);
    let mut total = 0;
    for pillar in pillars.iter().filter(|p| p["kind"] == "layer") {
        let count: usize = pillar["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["indicators"].as_array().unwrap().len())
            .sum();
        assert!(count >= 10, "{} has {count} indicators", pillar["id"]);
        total += count;
        for dimension in pillar["dimensions"].as_array().unwrap() {
            for indicator in dimension["indicators"].as_array().unwrap() {
                let id = indicator["id"].as_str().unwrap();
                let levels = indicator["levels"].as_array().unwrap();
                assert_eq!(levels.len(), 5);
                assert!(levels.iter().all(|l| l.as_str().is_some_and(|s| s.len() > 20)));
                // Every level above 0 names the kind of evidence and the artefact that shows it,
                // and every indicator lists the evidence to attach.
                let checks = indicator["checks"].as_array().unwrap();
                let checked: Vec<u64> = checks.iter().map(|c| c["level"].as_u64().unwrap()).collect();
                assert_eq!(checked, [1, 2, 3, 4], "{id}");
                assert!(
                    checks
                        .iter()
                        .all(|c| c["artefact"].as_str().is_some_and(|a| a.len() > 5)),
                    "{id}"
                );
                assert!(!indicator["evidence"].as_array().unwrap().is_empty(), "{id}");
            }
        }
    }
    assert!(total >= 48, "{total} layer indicators");
    let bbs: Vec<&str> = framework["building_blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    for id in [
        "identity",
        "payments",
        "information-mediator",
        "registration",
        "digital-registries",
        "consent",
        "workflow",
        "esignature",
        "gis",
        "emarketplace",
        "cms",
        "wallet",
        "cloud-infrastructure",
        "scheduler",
        "messaging",
    ] {
        assert!(bbs.contains(&id), "missing BB {id}");
    }
    assert_eq!(bbs.len(), 15);
}

#[test]
fn list_names_embedded_frameworks_and_questionnaires() {
    let run = run(&["frameworks", "list"]);
    run.expect_code(0);
    assert!(run.stdout.contains("govstack-dpi "));
    assert!(run.stdout.contains("govstack-dpi-full"));
    assert!(run.stdout.contains("govstack-dpi-rapid"));
    assert!(
        run.stdout.contains("(24 questions, framework govstack-dpi)"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_shipped_definitions_validate() {
    let run = run(&[
        "frameworks",
        "validate",
        "frameworks/govstack-dpi",
        "--questionnaire",
        "questionnaires/govstack-dpi-full.yaml",
        "--questionnaire",
        "questionnaires/govstack-dpi-rapid.yaml",
    ]);
    run.expect_code(0);
    assert!(run.stdout.contains(
        "valid — govstack-dpi 4.0.0 with 75 indicators and 15 Building Blocks (0 errors, 0 warnings)"
    ));
}

#[test]
fn a_broken_copy_reports_all_four_problems_with_file_line_col() {
    let dir = scratch();
    let mut text = framework_text();
    // 1. A duplicate indicator id.
    text = replace_once(
        &text,
        "- id: inf-public-access-remote",
        "- id: inf-fixed-broadband",
    );
    // 2. A dangling Building Block reference (typo).
    text = replace_once(
        &text,
        "building_blocks: [cloud-infrastructure]",
        "building_blocks: [cloud-infrastucture]",
    );
    // 3. Thresholds that do not ascend.
    text = replace_once(
        &text,
        "        - { min: 2, level: 3 }\n        - { min: 4, level: 4 }",
        "        - { min: 4, level: 3 }\n        - { min: 2, level: 4 }",
    );
    // 4. A dependency cycle: identity needs esignature, which needs identity.
    text = replace_once(
        &text,
        "      depends_on: [information-mediator]\n",
        "      depends_on: [information-mediator, esignature]\n",
    );
    std::fs::write(dir.path().join("framework.yaml"), &text).unwrap();

    let run = run_in(dir.path(), &["frameworks", "validate", "framework.yaml"]);
    run.expect_code(1);
    let out = &run.stderr;

    let (line, column) = nth_position(&text, "- id: inf-fixed-broadband", 1, 6);
    let (first_line, first_column) = nth_position(&text, "- id: inf-fixed-broadband", 0, 6);
    assert!(out.contains(&format!(
        "error[duplicate-id]: indicator id `inf-fixed-broadband` is already used by the indicator at line {first_line}, column {first_column}"
    )));
    assert!(
        out.contains(&format!("--> framework.yaml:{line}:{column}\n")),
        "{out}"
    );

    let (line, column) = position_of(&text, "cloud-infrastucture");
    assert!(out.contains(
        "error[unknown-reference]: indicator `inf-government-cloud` refers to an unknown Building Block `cloud-infrastucture`"
    ), "{out}");
    assert!(
        out.contains(&format!("--> framework.yaml:{line}:{column}\n")),
        "{out}"
    );
    assert!(out.contains("did you mean `cloud-infrastructure`?"));

    // The list is reported where it starts: its first step, on the line after the key.
    let (key_line, _) = position_of(&text, "      platform_user_steps:\n");
    let line = key_line + 1;
    assert!(out.contains(
        "error[invalid-thresholds]: shared.platform_user_steps minimums [1, 4, 2] are not strictly ascending from at least 1"
    ), "{out}");
    assert!(out.contains(&format!("--> framework.yaml:{line}:")), "{out}");

    assert!(out.contains(
        "error[dependency-cycle]: Building Block dependencies form a cycle: identity → esignature → identity"
    ), "{out}");
    let esignature = text.find("    - id: esignature").unwrap();
    let offset = esignature
        + text[esignature..]
            .find("depends_on: [identity, messaging]")
            .unwrap()
        + "depends_on: [".len();
    let (line, column) = position_at(&text, offset);
    assert!(
        out.contains(&format!("--> framework.yaml:{line}:{column}\n")),
        "{out}"
    );

    // The renamed indicator no longer exists, so its three actions in the library and the
    // safeguards principle it evidences are reported too: true, and each names what to fix.
    assert!(out.contains(
        "error[unknown-reference]: action `inf-public-access-remote-programme` raises `inf-public-access-remote`, which is no indicator or Building Block"
    ), "{out}");
    assert!(out.contains(
        "error[unknown-reference]: safeguards principle `F3` is evidenced by `inf-public-access-remote`, which is no indicator"
    ), "{out}");
    // The verdict is a result, on stdout; the diagnostics it sums up are on stderr only.
    assert!(
        run.stdout.contains("framework.yaml: 8 errors, 0 warnings"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("error["), "{}", run.stdout);
}

#[test]
fn json_output_carries_codes_and_positions() {
    let dir = scratch();
    let text = replace_once(&framework_text(), "weight: 1.5\n", "weight: 0\n");
    std::fs::write(dir.path().join("framework.yaml"), &text).unwrap();
    let run = run_in(dir.path(), &["frameworks", "validate", ".", "--format", "json"]);
    run.expect_code(1);
    let report = run.json();
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"], 1);
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "invalid-weight");
    assert_eq!(d["severity"], "error");
    let (line, column) = position_of(&text, "weight: 0\n");
    assert_eq!(d["location"]["line"], line);
    assert_eq!(d["location"]["column"], column + "weight: ".len());
}

#[test]
fn yaml_shape_errors_point_at_the_key() {
    let dir = scratch();
    let text = replace_once(
        &framework_text(),
        "            criticality: high\n",
        "            criticality: high\n            critcality: low\n",
    );
    std::fs::write(dir.path().join("framework.yaml"), &text).unwrap();
    let run = run_in(dir.path(), &["frameworks", "validate", "framework.yaml"]);
    run.expect_code(1);
    let (line, column) = position_of(&text, "critcality");
    assert!(
        run.stderr
            .contains("error[yaml-syntax]: unknown field `critcality`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("--> framework.yaml:{line}:{column}")),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_descriptors_and_bad_levels_are_all_reported() {
    let dir = scratch();
    let mut text = framework_text();
    // Drop the level-2 descriptor of the first indicator and give a target of 7 to another.
    let start = text.find("\n              2: ").unwrap() + 1;
    let end = start + text[start..].find('\n').unwrap() + 1;
    text.replace_range(start..end, "");
    text = replace_once(&text, "target: 4\n", "target: 7\n");
    std::fs::write(dir.path().join("framework.yaml"), &text).unwrap();
    let run = run_in(dir.path(), &["frameworks", "validate", "framework.yaml"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("error[missing-level-descriptor]: `inf-fixed-broadband` has no descriptor for level 2"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error[level-out-of-range]: target of `"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("2 errors, 0 warnings"), "{}", run.stdout);
}

#[test]
fn questionnaire_problems_are_reported_against_the_framework() {
    let dir = scratch();
    let questions = std::fs::read_to_string(repo("questionnaires/govstack-dpi-rapid.yaml")).unwrap();
    let mut text = replace_once(&questions, "    indicator: inf-csirt\n", "");
    text = replace_once(&text, "indicator: law-digital-id", "indicator: law-digitl-id");
    text = replace_once(
        &text,
        "thresholds: [50, 70, 85, 95]",
        "thresholds: [50, 85, 70, 95]",
    );
    // A figure asked for without the official statistic it is.
    text = replace_once(
        &text,
        "    statistic: { name: \"Mobile data-only basket (at least 1 GB) as a share of monthly GNI per capita\", publisher: \"ITU ICT price baskets; Alliance for Affordable Internet\" }\n",
        "",
    );
    std::fs::write(dir.path().join("rapid.yaml"), &text).unwrap();
    let run = run_in(
        dir.path(),
        &[
            "frameworks",
            "validate",
            &repo("frameworks/govstack-dpi").display().to_string(),
            "--questionnaire",
            "rapid.yaml",
        ],
    );
    run.expect_code(1);
    let out = &run.stderr;
    assert!(
        out.contains("error[question-without-indicator]: question `rapid.05` is mapped to no indicator"),
        "{out}"
    );
    assert!(
        out.contains(
            "error[unknown-reference]: question `rapid.07` refers to an unknown indicator `law-digitl-id`"
        ),
        "{out}"
    );
    assert!(out.contains("did you mean `law-digital-id`?"), "{out}");
    assert!(out.contains("error[invalid-thresholds]: thresholds [50, 85, 70, 95] of question `rapid.01` are not strictly ascending"), "{out}");
    assert!(
        out.contains(
            "error[missing-value]: question `rapid.02` asks for a figure but names no source statistic"
        ),
        "{out}"
    );
    let (line, column) = position_of(&text, "law-digitl-id");
    assert!(out.contains(&format!("--> rapid.yaml:{line}:{column}")), "{out}");
}

#[test]
fn an_unknown_framework_is_a_usage_error() {
    let run = run(&["frameworks", "show", "govstak-dpi"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("no embedded framework has the id `govstak-dpi`"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_method_2_sections_are_checked_with_positions() {
    let dir = scratch();
    let mut text = framework_text();
    // A consistency rule naming an indicator that does not exist.
    text = replace_once(
        &text,
        "    indicator: inf-government-cloud\n    building_block: cloud-infrastructure\n    criterion: c1",
        "    indicator: inf-government-clod\n    building_block: cloud-infrastructure\n    criterion: c1",
    );
    // A ceiling on a criterion that does not exist.
    text = replace_once(
        &text,
        "        criterion: c3\n        below_level: 3",
        "        criterion: c5\n        below_level: 3",
    );
    // A cap limiting an unknown Building Block.
    text = replace_once(
        &text,
        "    nodes: [identity, wallet]",
        "    nodes: [identity, walet]",
    );
    // Two open specifications sharing a spelling.
    text = replace_once(&text, "    aliases: [OIDC]", "    aliases: [OIDC, FHIR]");
    // The exchange layer naming no Building Block of the catalogue.
    text = replace_once(
        &text,
        "      layer_bb: information-mediator",
        "      layer_bb: info-mediator",
    );
    std::fs::write(dir.path().join("framework.yaml"), &text).unwrap();

    let run = run_in(dir.path(), &["frameworks", "validate", "framework.yaml"]);
    run.expect_code(1);
    let out = &run.stderr;
    for (message, at) in [
        (
            "error[unknown-reference]: consistency rule `cloud-hosting` refers to an unknown indicator `inf-government-clod`",
            "inf-government-clod",
        ),
        (
            "error[unknown-reference]: ceiling `bb-governance-below-established` refers to an unknown criterion `c5`",
            "c5\n",
        ),
        (
            "error[unknown-reference]: cap `identity-without-legal-basis` limits an unknown node `walet`",
            "[identity, walet]",
        ),
        (
            "error[duplicate-id]: the spelling `FHIR` of open specification `hl7-fhir` is also used by `openid-connect`",
            "id: hl7-fhir",
        ),
        (
            "error[unknown-reference]: interoperable.layer_bb refers to an unknown Building Block `info-mediator`",
            "info-mediator",
        ),
    ] {
        assert!(out.contains(message), "missing {message:?} in {out}");
        let (line, _) = position_of(&text, at);
        assert!(
            out.contains(&format!("--> framework.yaml:{line}:")),
            "no position for {message:?}: {out}"
        );
    }
}

/// The overlap the framework review found between the cybersecurity law and incident reporting,
/// put back as it was: the law's level 3 again rewards the reporting duty, and validation refuses
/// the framework at the law's artefact, naming both indicators.
#[test]
fn one_artefact_rewarded_by_two_indicators_at_one_level_is_refused() {
    let dir = scratch();
    let mut text = framework_text();
    text = replace_once(
        &text,
        "3: A cybersecurity law in force gives the national CSIRT and a lead agency their mandate and powers,",
        "3: A cybersecurity law in force sets an incident-reporting duty covering critical operators and agencies, gives the national CSIRT and a lead agency their mandate and powers,",
    );
    text = replace_once(
        &text,
        r#"3: { evidence: law, artefact: "cybersecurity law empowering CSIRT and lead agency" }"#,
        r#"3: { evidence: law, artefact: "incident-reporting duty covering critical operators and agencies" }"#,
    );
    std::fs::write(dir.path().join("framework.yaml"), &text).unwrap();
    let run = run_in(dir.path(), &["frameworks", "validate", "framework.yaml"]);
    run.expect_code(1);
    let out = &run.stderr;
    assert!(out.contains(
        "error[invalid-structure]: indicators `inf-incident-reporting` and `law-cybersecurity` both reward \"incident-reporting duty covering critical operators and agencies\" at level 3 (`inf-incident-reporting` names \"reporting duty covering all critical operators and agencies\")"
    ), "{out}");
    let (line, column) = position_of(&text, "\"incident-reporting duty covering critical");
    assert!(
        out.contains(&format!("--> framework.yaml:{line}:{column}\n")),
        "{out}"
    );
    assert!(out.contains("one artefact counts once"), "{out}");
    assert!(
        run.stdout.contains("framework.yaml: 1 error, 0 warnings"),
        "{}",
        run.stdout
    );

    // An artefact the level's descriptor does not mention is refused too.
    let text = replace_once(
        &framework_text(),
        r#"3: { evidence: law, artefact: "cybersecurity law empowering CSIRT and lead agency" }"#,
        r#"3: { evidence: lawx, artefact: "minutes of a donor round table" }"#,
    );
    std::fs::write(dir.path().join("framework.yaml"), &text).unwrap();
    let run = run_in(dir.path(), &["frameworks", "validate", "framework.yaml"]);
    run.expect_code(1);
    assert!(run.stderr.contains(
        "error[invalid-value]: the check of indicator `law-cybersecurity` level 3 names `lawx`, which is not an evidence type"
    ), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `law`?"), "{}", run.stderr);
}

/// The translation check (issue 22, step one): every text of the framework and a questionnaire is
/// missing until translated; an update writes the translator's file; a translated text whose
/// English then changes is stale, and a key that names no text is unknown.
#[test]
fn translations_are_checked_missing_stale_and_unknown_per_language() {
    let dir = crate::support::scratch();
    let framework = dir.path().join("fw");
    let questionnaires = dir.path().join("q");
    std::fs::create_dir_all(&framework).unwrap();
    std::fs::create_dir_all(&questionnaires).unwrap();
    let framework_yaml =
        std::fs::read_to_string(crate::support::repo("frameworks/govstack-dpi/framework.yaml")).unwrap();
    std::fs::write(framework.join("framework.yaml"), &framework_yaml).unwrap();
    std::fs::copy(
        crate::support::repo("questionnaires/govstack-dpi-rapid.yaml"),
        questionnaires.join("rapid.yaml"),
    )
    .unwrap();
    let fw = framework.display().to_string();
    let questionnaire = questionnaires.join("rapid.yaml").display().to_string();
    let translations = |extra: &[&str]| {
        let mut args = vec![
            "frameworks",
            "translations",
            fw.as_str(),
            "--questionnaire",
            questionnaire.as_str(),
        ];
        args.extend_from_slice(extra);
        crate::support::run(&args)
    };
    let run = translations(&["--lang", "fr"]);
    run.expect_code(1);
    assert!(run.stdout.contains("fr  framework: "), "{}", run.stdout);
    assert!(run.stdout.contains(" 0 stale, 0 unknown"), "{}", run.stdout);

    translations(&["--lang", "fr", "--update"]).expect_code(1);
    let file = framework.join("translations/fr.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let title = "\"pillar.infrastructure.title\":\n  en: \"Digital Infrastructure Readiness\"\n  text: \"\"";
    assert!(text.contains(title), "{}", &text[..400]);
    let translated = text.replace(
        title,
        "\"pillar.infrastructure.title\":\n  en: \"Digital Infrastructure Readiness\"\n  text: \"Préparation de l'infrastructure numérique\"",
    ) + "\"indicator.no-such.title\":\n  en: \"Gone\"\n  text: \"Disparu\"\n";
    std::fs::write(&file, translated).unwrap();
    // The English of the pillar changes after the translation.
    std::fs::write(
        framework.join("framework.yaml"),
        framework_yaml.replacen(
            "title: Digital Infrastructure Readiness",
            "title: Digital Infrastructure",
            1,
        ),
    )
    .unwrap();
    let run = translations(&["--lang", "fr"]);
    run.expect_code(1);
    assert!(run.stdout.contains(" 1 stale, 1 unknown"), "{}", run.stdout);
    assert!(
        run.stdout.contains("stale: pillar.infrastructure.title"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("unknown: indicator.no-such.title"),
        "{}",
        run.stdout
    );
    assert!(
        questionnaires
            .join("translations/govstack-dpi-rapid.fr.yaml")
            .exists(),
        "the questionnaire's file sits beside it"
    );
}

/// Issue 22: the shipped translations cover every text of the framework and both questionnaires,
/// in French, Spanish, Portuguese and Arabic, none stale: an English text changed without its
/// translations, or a new text left untranslated, fails here.
#[test]
fn the_shipped_translations_are_complete_and_current_in_every_language() {
    let run = crate::support::run(&[
        "frameworks",
        "translations",
        "frameworks/govstack-dpi",
        "--questionnaire",
        "questionnaires/govstack-dpi-full.yaml",
        "--questionnaire",
        "questionnaires/govstack-dpi-rapid.yaml",
    ]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 12, "{}", run.stdout);
    for lang in ["fr", "es", "pt", "ar"] {
        for what in ["framework", "govstack-dpi-full", "govstack-dpi-rapid"] {
            assert!(
                lines.iter().any(|l| l.starts_with(&format!("{lang}  {what}: "))
                    && l.contains(" 0 missing, 0 stale, 0 unknown")),
                "{lang} {what}:\n{}",
                run.stdout
            );
        }
    }
}
