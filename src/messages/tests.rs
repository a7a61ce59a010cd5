//! The catalogue and its callers agree: every id used exists, every message is used, every
//! message formats without a Fluent error with what its callers pass, and no English creeps back
//! into the PDF's Rust code.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::*;
use crate::report::context::messages::{BbFact, GapFact, KeyMessage, PillarFact};
use crate::report::context::{self, ReportContext};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Files under `dir` (recursively) whose name ends with `suffix`.
fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The message ids defined in en.ftl (terms, attributes and comments left out).
fn catalogue_ids() -> BTreeSet<String> {
    CATALOGUES[0]
        .1
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            let ok = id.starts_with(|c: char| c.is_ascii_lowercase())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| id.to_string())
        })
        .collect()
}

/// The quoted ids after each `marker` in `text` (`t(id="…"`, `t("…"`, `tf(\n "…"`).
fn ids_after(text: &str, marker: &str, out: &mut BTreeSet<String>) {
    for (at, _) in text.match_indices(marker) {
        let rest = text[at + marker.len()..].trim_start();
        if let Some(rest) = rest.strip_prefix('"')
            && let Some(end) = rest.find('"')
        {
            out.insert(rest[..end].to_string());
        }
    }
}

/// Where the catalogue is used: the embedded templates and the Rust code of the reports and of
/// the comparison (this test file left out).
fn sources() -> Vec<(PathBuf, String)> {
    let mut paths = files(&root().join("templates"), ".tera");
    for dir in ["src/report", "src/compare", "src/cli", "src/roadmap"] {
        paths.extend(
            files(&root().join(dir), ".rs")
                .into_iter()
                .filter(|p| !p.ends_with("messages/tests.rs")),
        );
    }
    paths.into_iter().map(|p| (p.clone(), read(&p))).collect()
}

/// Ids called by name: `t(id="…")` and `t_parts(id="…")` in templates, `t("…")` and
/// `tf("…", …)` in Rust.
fn ids_called() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (path, text) in sources() {
        if path.extension().is_some_and(|e| e == "tera") {
            ids_after(&text, "t(id=", &mut ids);
            ids_after(&text, "t_parts(id=", &mut ids);
        } else {
            ids_after(&text, " t(", &mut ids);
            ids_after(&text, "(t(", &mut ids);
            ids_after(&text, "tf(", &mut ids);
        }
    }
    ids
}

#[test]
fn the_catalogue_parses_without_error() {
    let messages = Messages::new("en", CATALOGUES[0].1);
    assert_eq!(messages.errors(), Vec::<String>::new());
    assert!(catalogue_ids().len() > 200, "{}", catalogue_ids().len());
}

#[test]
fn every_id_used_in_a_template_or_the_code_exists() {
    let messages = Messages::english();
    let called = ids_called();
    assert!(called.len() > 200, "the scan finds the calls: {}", called.len());
    let missing: Vec<&String> = called.iter().filter(|id| !messages.has(id)).collect();
    assert!(missing.is_empty(), "ids used but not in en.ftl: {missing:?}");
}

#[test]
fn every_message_is_used() {
    // Used: quoted anywhere in the templates or the reports' code (some ids are chosen in an
    // array or a match before the call), or referenced by another message (`{ level-0 }`).
    let mut text: String = sources().into_iter().map(|(_, t)| t).collect();
    text.push_str(CATALOGUES[0].1);
    let unused: Vec<String> = catalogue_ids()
        .into_iter()
        .filter(|id| !text.contains(&format!("\"{id}\"")) && !text.contains(&format!("{{ {id} }}")))
        .collect();
    assert!(unused.is_empty(), "messages no template or code uses: {unused:?}");
}

#[test]
fn a_missing_id_or_argument_is_recorded_not_fatal() {
    let messages = Messages::new("en", "hello = Hello, { $name }!\n");
    assert_eq!(messages.text("hello", &[("name", "Ana".into())]), "Hello, Ana!");
    assert!(messages.errors().is_empty());
    assert_eq!(messages.text("no-such-id", &[]), "no-such-id");
    let text = messages.text("hello", &[]);
    assert!(text.starts_with("Hello, "), "{text}");
    let errors = messages.errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains("no-such-id") && errors[1].contains("hello"),
        "{errors:?}"
    );
}

#[test]
fn plurals_select_by_count_and_no_isolation_marks_are_added() {
    let messages = Messages::english();
    let silos = |systems: usize, bbs: usize| {
        messages.text(
            "key-silos",
            &[("systems", systems.into()), ("building_blocks", bbs.into())],
        )
    };
    assert!(silos(1, 1).starts_with("1 running system in 1 Building Block serve"));
    assert!(silos(19, 7).starts_with("19 running systems in 7 Building Blocks serve"));
    assert!(!silos(2, 2).contains(['\u{2068}', '\u{2069}']));
}

#[test]
fn parts_split_a_message_at_its_slots() {
    let parts = Messages::english().parts("cover-full-method", &[], &["method", "quality"]);
    let slots: Vec<&str> = parts.iter().map(|p| p.slot.as_str()).collect();
    assert_eq!(slots, ["", "method", "", "quality", ""]);
    assert_eq!(parts[0].text, "The full method is in ");
    assert_eq!(parts[4].text, ".");
}

fn sample(name: &str) -> (ReportContext, crate::model::Results) {
    let (assessment, found) = crate::ingest::load_assessment(&root().join("sample-data").join(name));
    let assessment = assessment.unwrap_or_else(|| panic!("{name} loads: {found:?}"));
    let results = crate::score::score(&assessment);
    let (roadmap, services) = crate::roadmap::plan_assessment(&results, &assessment);
    (
        context::build(&results, &assessment, &roadmap, &services),
        results,
    )
}

/// Every format of a report, so that every message its renderers use is formatted.
fn render_all(ctx: &ReportContext, results: &crate::model::Results) {
    let charts = crate::report::charts::svg_images(ctx).unwrap_or_else(|e| panic!("{e}"));
    crate::report::html::render(ctx, &charts, None).unwrap_or_else(|e| panic!("{e}"));
    crate::report::markdown::render(ctx, &charts, None).unwrap_or_else(|e| panic!("{e}"));
    crate::report::pdf::render(ctx, &charts.in_order()).unwrap_or_else(|e| panic!("{e}"));
    crate::report::xlsx::render(ctx).unwrap_or_else(|e| panic!("{e}"));
    crate::report::csv::systems(ctx);
    crate::report::csv::scores(results);
    crate::report::csv::gaps(results);
    crate::report::csv::ledger(results);
}

/// All the samples in every format, and the comparison of all of them, plus every kind of key
/// message (the samples do not hold them all): no message is missing or lacks an argument.
#[test]
fn every_sample_in_every_format_formats_every_message_without_error() {
    let names = ["kalindra-2024", "kalindra-2026", "nuvaria", "estmar"];
    let mut inputs = Vec::new();
    for name in names {
        let (ctx, results) = sample(name);
        render_all(&ctx, &results);
        inputs.push(crate::compare::CompareInput {
            source: name.to_string(),
            results,
            roadmap: None,
        });
    }
    let comparison = crate::compare::compare(
        &inputs,
        crate::compare::Settings {
            draws: 50,
            noise: 0.1,
            seed: crate::compare::DEFAULT_SEED,
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let charts = crate::report::compare::charts::svg_images(&comparison).unwrap_or_else(|e| panic!("{e}"));
    crate::report::compare::html(&comparison, &charts, None).unwrap_or_else(|e| panic!("{e}"));
    crate::report::compare::markdown(&comparison, &charts, None).unwrap_or_else(|e| panic!("{e}"));
    crate::report::pdf::compare::render(&comparison, &charts.in_order()).unwrap_or_else(|e| panic!("{e}"));
    crate::report::compare::xlsx::render(&comparison).unwrap_or_else(|e| panic!("{e}"));

    let (mut ctx, results) = sample("kalindra-2024");
    let pillar = |level| PillarFact {
        title: "Pillar".to_string(),
        score: "40.0".to_string(),
        level,
        level_name: "Developing".to_string(),
    };
    let bb = |n| BbFact {
        name: format!("BB {n}"),
        level: 1,
        score: "20.0".to_string(),
        foundational: true,
    };
    ctx.summary.key_messages = vec![
        KeyMessage::StrongestWeakest {
            strongest: pillar(Some(2)),
            weakest: pillar(None),
        },
        KeyMessage::FoundationsMissing {
            building_blocks: vec![bb(1)],
        },
        KeyMessage::WeakestBuildingBlocks {
            building_blocks: vec![bb(1), bb(2)],
        },
        KeyMessage::CappedOverall {
            uncapped: "50.0".to_string(),
            capped: "45.0".to_string(),
        },
        KeyMessage::Silos {
            building_blocks: 1,
            systems: 2,
        },
        KeyMessage::CloseFirst {
            gaps: vec![GapFact {
                title: "Gap".to_string(),
                level: 1,
                target: 3,
                rank: 1,
            }],
        },
        KeyMessage::TargetsMet,
        KeyMessage::Settle {
            disputed: 0,
            unverified: 1,
            inconsistent: 2,
        },
        KeyMessage::CompleteData {
            answered: 10,
            applicable: 20,
            coverage: "50 %".to_string(),
        },
    ];
    ctx.summary.largest_gaps.clear();
    ctx.summary.top_priorities.clear();
    ctx.summary.overall.uncapped_display = Some("50.0".to_string());
    render_all(&ctx, &results);

    assert_eq!(Messages::english().errors(), Vec::<String>::new());
}

/// Two or more words in a string literal of the PDF's code: a sentence that belongs in en.ftl.
#[test]
fn no_english_sentence_is_written_in_the_pdf_code() {
    // Literals that are not report text, each with why.
    const ALLOWED: &[&str] = &[
        // The PDF's own error messages (`PdfError`'s Display): the CLI prints them, like every
        // diagnostic; they are not part of a report.
        "the embedded font {name} could not be read",
        "chart {} cannot be drawn in the PDF: {reason}",
        "the assessment date {date:?} is not a date like 2024-06-30",
        "the PDF could not be written: {reason}",
        // Reasons a chart cannot be drawn (`PdfError::Chart`), printed in the same diagnostic.
        "the SVG reader stopped unexpectedly",
        "the chart has no width in pixels",
        "the chart has no height in pixels",
        // A font family's name.
        "DejaVu Sans",
        // Messages of `expect` on invariants, never shown to a reader.
        "a run was just pushed",
        "A4 is a valid page size",
    ];
    let dir = root().join("src/report");
    // pack.rs writes PDF syntax and fonts.rs names font files: neither draws text.
    let mut paths = vec![dir.join("pdf.rs")];
    paths.extend(
        files(&dir.join("pdf"), ".rs")
            .into_iter()
            .filter(|p| !(p.ends_with("tests.rs") || p.ends_with("pack.rs") || p.ends_with("fonts.rs"))),
    );
    let mut found = Vec::new();
    for path in paths {
        let text = read(&path);
        // Unit tests at the end of a file hold sample text, not report text.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            for literal in line.split('"').skip(1).step_by(2) {
                // Placeholders (`{name}`) are not words; `dpi-assess` is one.
                let mut bare = String::new();
                let mut depth = 0;
                for c in literal.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        c if depth == 0 => bare.push(c),
                        _ => {}
                    }
                }
                let words = bare
                    .split_whitespace()
                    .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                    .count();
                if words >= 2 && !ALLOWED.contains(&literal) {
                    found.push(format!("{}:{}: {literal:?}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "English in the PDF code; move it to en.ftl: {found:#?}"
    );
}
