//! `dpi-assess frameworks list | show | validate | translations`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Format, FrameworksCommand, Printer};
use crate::definitions::{
    self, Source, embedded_framework, embedded_framework_ids, embedded_questionnaire,
    embedded_questionnaire_ids, load_framework, load_questionnaire,
};
use crate::diagnostics::{self, Code, Diagnostic, Location, has_errors};
use crate::model::{Framework, PillarKind};

pub(super) fn run(printer: &Printer, command: FrameworksCommand) -> u8 {
    match command {
        FrameworksCommand::List => list(printer),
        FrameworksCommand::Show { framework, format } => show(printer, &framework, format),
        FrameworksCommand::Validate {
            path,
            questionnaires,
            format,
        } => validate(printer, &path, &questionnaires, format),
        FrameworksCommand::Translations {
            path,
            questionnaires,
            languages,
            update,
        } => translations(printer, &path, &questionnaires, &languages, update),
    }
}

/// The translation file of `what` (a file stem) in `lang`, in the `translations` folder beside it.
fn translation_path(folder: &Path, stem: &str, lang: &str) -> PathBuf {
    folder.join("translations").join(format!("{stem}{lang}.yaml"))
}

/// A translator's file as YAML: keys and texts double-quoted (JSON string syntax, which YAML
/// reads as its own), one entry per key in the order of the texts.
fn translation_yaml(file: &definitions::translations::TranslationFile) -> String {
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let mut out = String::from(
        "# Translate `text`; `en` is the English it translates. When the English changes, the check\n# reports the entry as stale: update `text`, then copy the new English into `en`.\n",
    );
    for (key, entry) in file {
        out.push_str(&format!(
            "{}:\n  en: {}\n  text: {}\n",
            quote(key),
            quote(&entry.en),
            quote(&entry.text)
        ));
    }
    out
}

fn translations(
    printer: &Printer,
    path: &Path,
    questionnaires: &[PathBuf],
    languages: &[String],
    update: bool,
) -> u8 {
    use definitions::translations::{
        LANGUAGES, TranslationFile, check, framework_texts, questionnaire_texts, updated,
    };
    let file = framework_file(path);
    let framework = match Source::read(&file)
        .map_err(|d| vec![d])
        .and_then(|s| load_framework(&s))
    {
        Ok((framework, _)) => framework,
        Err(errors) => {
            printer.diagnostics(&errors);
            return EXIT_FINDINGS;
        }
    };
    let folder = file.parent().map(Path::to_path_buf).unwrap_or_default();
    // (what, its folder, the stem of its translation files, its texts)
    let mut sets = vec![(
        "framework".to_string(),
        folder,
        String::new(),
        framework_texts(&framework),
    )];
    for path in questionnaires {
        let loaded = Source::read(path)
            .map_err(|d| vec![d])
            .and_then(|s| load_questionnaire(&s, &framework));
        match loaded {
            Ok((questionnaire, _)) => sets.push((
                questionnaire.id.clone(),
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
                format!("{}.", questionnaire.id),
                questionnaire_texts(&questionnaire),
            )),
            Err(errors) => {
                printer.diagnostics(&errors);
                return EXIT_FINDINGS;
            }
        }
    }
    let languages: Vec<String> = if languages.is_empty() {
        LANGUAGES.iter().map(|l| l.to_string()).collect()
    } else {
        languages.to_vec()
    };
    let mut complete = true;
    for lang in &languages {
        for (what, folder, stem, texts) in &sets {
            let target = translation_path(folder, stem, lang);
            let existing: TranslationFile = if target.exists() {
                match Source::read(&target).and_then(|s| definitions::translations::parse_translations(&s)) {
                    Ok(file) => file,
                    Err(d) => {
                        printer.fatal(&d);
                        return EXIT_USAGE;
                    }
                }
            } else {
                TranslationFile::new()
            };
            let found = check(texts, &existing);
            complete &= found.complete();
            printer.line(&format!(
                "{lang}  {what}: {} texts, {} missing, {} stale, {} unknown  ({})",
                texts.len(),
                found.missing.len(),
                found.stale.len(),
                found.unknown.len(),
                target.display()
            ));
            for key in found.stale.iter().take(10) {
                printer.line(&format!("    stale: {key}"));
            }
            for key in found.unknown.iter().take(10) {
                printer.line(&format!("    unknown: {key}"));
            }
            if update {
                let next = updated(texts, &existing);
                let written = target
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| std::fs::write(&target, translation_yaml(&next)));
                if let Err(err) = written {
                    printer.fatal(&Diagnostic::error(
                        Code::Io,
                        Location::file(target.display().to_string()),
                        format!("could not write the translation file: {err}"),
                    ));
                    return EXIT_USAGE;
                }
            }
        }
    }
    if complete { EXIT_OK } else { EXIT_FINDINGS }
}

fn list(printer: &Printer) -> u8 {
    printer.line(&printer.bold("Frameworks (embedded)"));
    let mut frameworks = Vec::new();
    for id in embedded_framework_ids() {
        match definitions::builtin_framework(id) {
            Ok(framework) => {
                printer.line(&format!(
                    "  {:<22} {:<8} {}  ({} pillars, {} indicators, {} Building Blocks)",
                    framework.id,
                    framework.version,
                    framework.title,
                    framework.pillars.len(),
                    framework.indicators().count(),
                    framework.building_blocks.len()
                ));
                frameworks.push(framework);
            }
            Err(errors) => {
                printer.diagnostics(&errors);
                return EXIT_FINDINGS;
            }
        }
    }
    printer.line("");
    printer.line(&printer.bold("Questionnaires (embedded)"));
    for id in embedded_questionnaire_ids() {
        let Some(source) = embedded_questionnaire(id) else {
            continue;
        };
        // A questionnaire is shown with the framework it feeds.
        let loaded = frameworks
            .iter()
            .find_map(|f| load_questionnaire(&source, f).ok());
        match loaded {
            Some((q, _)) => printer.line(&format!(
                "  {:<22} {:<8} {}  ({} questions, framework {})",
                q.id,
                q.version,
                q.title,
                q.questions.len(),
                q.framework
            )),
            None => printer.line(&format!(
                "  {id:<22} (does not validate against any embedded framework)"
            )),
        }
    }
    EXIT_OK
}

/// A framework from an embedded id or a path (file or folder holding framework.yaml).
fn framework_source(reference: &str) -> Result<Source, Diagnostic> {
    if let Some(source) = embedded_framework(reference) {
        return Ok(source);
    }
    let path = PathBuf::from(reference);
    if path.exists() {
        return Source::read(&framework_file(&path));
    }
    Err(definitions::unknown_definition(
        "framework",
        reference,
        &embedded_framework_ids(),
    ))
}

fn framework_file(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join("framework.yaml")
    } else {
        path.to_path_buf()
    }
}

fn show(printer: &Printer, reference: &str, format: Format) -> u8 {
    let source = match framework_source(reference) {
        Ok(source) => source,
        Err(d) => {
            printer.fatal(&d);
            return EXIT_USAGE;
        }
    };
    let framework = match load_framework(&source) {
        Ok((framework, _)) => framework,
        Err(mut errors) => {
            diagnostics::sort(&mut errors);
            printer.diagnostics(&errors);
            printer.status(&format!("{}: {}", source.name, printer.counts(&errors)));
            return EXIT_FINDINGS;
        }
    };
    match format {
        Format::Json => printer.json(&framework),
        Format::Human => {
            for line in tree(printer, &framework) {
                printer.line(&line);
            }
        }
    }
    EXIT_OK
}

fn weight(w: f64) -> String {
    // Weights are short decimals in the files; show them without trailing zeros.
    let text = format!("{w:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The framework as indented lines: counts first, then the tree.
fn tree(printer: &Printer, f: &Framework) -> Vec<String> {
    let mut lines = Vec::new();
    let layers: Vec<_> = f.layers().collect();
    let dimension_count: usize = layers.iter().map(|p| p.dimensions.len()).sum();
    let indicator_count = f.indicators().count();
    lines.push(format!("{} {} — {}", printer.bold(&f.id), f.version, f.title));
    let scale: Vec<String> = f
        .scale
        .levels
        .iter()
        .map(|l| format!("{} {}", l.level, l.name))
        .collect();
    lines.push(format!(
        "Scale: {} (bands {})",
        scale.join(" · "),
        f.scale.bands.map(weight).join(" / ")
    ));
    lines.push(format!(
        "Rules: consolidation {}, disputed at a spread of {}+ levels, evidence policy {} (cap at level {})",
        f.rules.consolidation, f.rules.dispute_spread, f.rules.evidence_policy, f.rules.evidence_cap_level
    ));
    lines.push(format!(
        "Coverage floor {:.0} % (below it a score is provisional: no level); {} open specifications earn the C2 bonus; {} consistency rules; {} rubric ceiling(s)",
        f.rules.min_coverage * 100.0,
        f.open_specifications.len(),
        f.consistency.len(),
        f.bb_rubric.ceilings.len()
    ));
    lines.push(format!(
        "{} pillars ({} layers + Building Blocks), {} dimensions, {} layer indicators, {} Building Blocks, {} caps",
        f.pillars.len(),
        layers.len(),
        dimension_count,
        indicator_count,
        f.building_blocks.len(),
        f.caps.len()
    ));
    lines.push(String::new());
    for pillar in &f.pillars {
        match pillar.kind {
            PillarKind::Layer => {
                lines.push(format!(
                    "{}  {}  {}",
                    printer.bold(&pillar.id),
                    pillar.title,
                    printer.dim(&format!(
                        "(layer, weight {}, {} dimensions, {} indicators)",
                        weight(pillar.weight),
                        pillar.dimensions.len(),
                        pillar.indicator_count()
                    ))
                ));
                for dimension in &pillar.dimensions {
                    lines.push(format!(
                        "  {}  {}  {}",
                        dimension.id,
                        dimension.title,
                        printer.dim(&format!(
                            "(weight {}, {} indicators)",
                            weight(dimension.weight),
                            dimension.indicators.len()
                        ))
                    ));
                    for indicator in &dimension.indicators {
                        let mut facts = vec![
                            format!("weight {}", weight(indicator.weight)),
                            format!("target {}", indicator.target),
                            indicator.criticality.to_string(),
                        ];
                        if !indicator.building_blocks.is_empty() {
                            facts.push(format!("BBs {}", indicator.building_blocks.join(", ")));
                        }
                        if !indicator.peers.is_empty() {
                            let peers: Vec<String> = indicator
                                .peers
                                .iter()
                                .map(|p| format!("{} {}", p.source, p.id))
                                .collect();
                            facts.push(format!("peers {}", peers.join(", ")));
                        }
                        lines.push(format!(
                            "    {}  {}  {}",
                            indicator.id,
                            indicator.title,
                            printer.dim(&format!("({})", facts.join("; ")))
                        ));
                    }
                }
            }
            PillarKind::BuildingBlocks => {
                lines.push(format!(
                    "{}  {}  {}",
                    printer.bold(&pillar.id),
                    pillar.title,
                    printer.dim(&format!(
                        "(Building Blocks, weight {}, {} Building Blocks, criteria {})",
                        weight(pillar.weight),
                        f.building_blocks.len(),
                        f.bb_rubric
                            .criteria
                            .iter()
                            .map(|c| c.id.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ))
                ));
                for bb in &f.building_blocks {
                    let mut facts = vec![
                        format!("{} {}", bb.status, bb.spec_version),
                        format!("DPI {}", bb.dpi_component),
                        format!("weight {}", weight(bb.weight)),
                        format!("target {}", bb.target),
                    ];
                    if bb.foundational {
                        facts.insert(2, "foundational".to_string());
                    }
                    if !bb.depends_on.is_empty() {
                        facts.push(format!("needs {}", bb.depends_on.join(", ")));
                    }
                    lines.push(format!(
                        "  {}  {}  {}",
                        bb.id,
                        bb.name,
                        printer.dim(&format!("({})", facts.join("; ")))
                    ));
                }
            }
        }
    }
    if !f.caps.is_empty() {
        lines.push(String::new());
        lines.push(printer.bold("Caps"));
        for cap in &f.caps {
            lines.push(format!(
                "  {}: while {} is below level {}, holds {} at {} at most",
                cap.id,
                cap.indicator,
                cap.below_level,
                cap.nodes.join(", "),
                weight(cap.max_score)
            ));
        }
        for ceiling in &f.bb_rubric.ceilings {
            lines.push(format!(
                "  {}: while a BB's {} is below {}, the BB scores at most {}",
                ceiling.id,
                ceiling.criterion,
                ceiling.below_level,
                weight(ceiling.max_score)
            ));
        }
    }
    if !f.scope_notes.is_empty() {
        lines.push(String::new());
        lines.push(printer.bold("Left out on purpose"));
        for note in &f.scope_notes {
            lines.push(format!("  {}: {}", note.area, note.reason));
            if !note.covered_by.is_empty() {
                lines.push(format!(
                    "    {}",
                    printer.dim(&format!("what bears on DPI: {}", note.covered_by.join(", ")))
                ));
            }
        }
    }
    lines
}

#[derive(Serialize)]
struct ValidationReport {
    framework: String,
    valid: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Diagnostic>,
}

fn validate(printer: &Printer, path: &Path, questionnaires: &[PathBuf], format: Format) -> u8 {
    let file = framework_file(path);
    let source = match Source::read(&file) {
        Ok(source) => source,
        Err(d) => {
            printer.fatal(&d);
            return EXIT_USAGE;
        }
    };
    let mut found = Vec::new();
    let framework = match load_framework(&source) {
        Ok((framework, warnings)) => {
            found.extend(warnings);
            Some(framework)
        }
        Err(errors) => {
            found.extend(errors);
            None
        }
    };
    for questionnaire in questionnaires {
        let source = match Source::read(questionnaire) {
            Ok(source) => source,
            Err(d) => {
                found.push(d);
                continue;
            }
        };
        match &framework {
            Some(framework) => match load_questionnaire(&source, framework) {
                Ok((_, warnings)) => found.extend(warnings),
                Err(errors) => found.extend(errors),
            },
            None => found.push(
                Diagnostic::warning(
                    Code::InvalidStructure,
                    Location::file(source.name.clone()),
                    "not checked: the framework it belongs to has errors",
                )
                .with_hint("fix the framework first"),
            ),
        }
    }
    diagnostics::sort(&mut found);
    let errors = found.iter().filter(|d| d.is_error()).count();
    match format {
        Format::Json => printer.json(&ValidationReport {
            framework: source.name.clone(),
            valid: !has_errors(&found),
            errors,
            warnings: found.len() - errors,
            diagnostics: found.clone(),
        }),
        Format::Human => {
            printer.diagnostics(&found);
            match &framework {
                Some(f) if !has_errors(&found) => printer.line(&format!(
                    "{}: {} — {} {} with {} indicators and {} Building Blocks ({})",
                    source.name,
                    printer.ok("valid"),
                    f.id,
                    f.version,
                    f.indicators().count(),
                    f.building_blocks.len(),
                    printer.counts(&found)
                )),
                _ => printer.line(&format!("{}: {}", source.name, printer.counts(&found))),
            }
        }
    }
    if has_errors(&found) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
