//! `dpi-assess template [WS] [--questionnaire ID|PATH]... --out PATH`: writes the answer template
//! (xlsx workbook, or a folder of csv files) for a workspace or for questionnaires.
//!
//! Finds the definitions, refuses to overwrite, writes every file of the run together (see
//! [`super::files::write_run`]); the content itself comes from [`crate::template`].

use std::path::{Path, PathBuf};

use super::files::write_run;
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Printer, TemplateArgs, TemplateFormat};
use crate::definitions::raw::RawQuestionnaire;
use crate::definitions::workspace::{LoadedWorkspace, load_workspace_definitions};
use crate::definitions::{
    Source, builtin_framework, did_you_mean, embedded_framework_ids, embedded_questionnaire,
    embedded_questionnaire_ids, load_questionnaire, parse_yaml,
};
use crate::diagnostics::{self, Code, Diagnostic, Location, has_errors};
use crate::ingest::load_roster;
use crate::model::{Framework, Questionnaire, institution_key, institution_sections, questions_in};
use crate::template::xlsform::build_xlsform;
use crate::template::{TemplateContext, build_csv, build_xlsx, layer_questions};

/// Why the command stopped: a usage or I/O problem (exit 2) or findings in the definitions (exit 1).
enum Stop {
    Usage(Diagnostic),
    Findings(Vec<Diagnostic>),
}

pub(super) fn run(printer: &Printer, args: &TemplateArgs) -> u8 {
    if args.require_answers && args.format != TemplateFormat::Xlsform {
        printer.fatal(
            &Diagnostic::error(
                Code::InvalidValue,
                Location::file("--require-answers"),
                "--require-answers applies to the XLSForm only",
            )
            .with_hint("add --format xlsform, or leave --require-answers out: the workbook and csv files cannot force an answer"),
        );
        return EXIT_USAGE;
    }
    let found = definitions(args).and_then(|(framework, questionnaires, context, loaded)| {
        match &args.for_institution {
            None => Ok((framework, questionnaires, context, None)),
            Some(institution) => {
                let (questionnaires, form) =
                    routed(institution, loaded.as_ref(), &framework, &questionnaires)?;
                Ok((framework, questionnaires, context, Some(form)))
            }
        }
    });
    let (framework, questionnaires, context, form) = match found {
        Ok(found) => found,
        Err(Stop::Usage(d)) => {
            printer.fatal(&d);
            return EXIT_USAGE;
        }
        Err(Stop::Findings(mut found)) => {
            diagnostics::sort(&mut found);
            printer.diagnostics(&found);
            printer.status(&format!("template not written: {}", printer.counts(&found)));
            return EXIT_FINDINGS;
        }
    };

    let written = match args.format {
        TemplateFormat::Xlsx => write_xlsx(args, &framework, &questionnaires, &context),
        TemplateFormat::Csv => write_csv(args, &framework, &questionnaires),
        TemplateFormat::Xlsform => write_xlsform(args, &framework, &questionnaires, form.as_deref()),
    };
    let files = match written {
        Ok(files) => files,
        Err(d) => {
            printer.fatal(&d);
            return EXIT_USAGE;
        }
    };

    let layers = layer_questions(&framework, &questionnaires);
    let total: usize = layers.iter().map(|l| l.questions.len()).sum();
    let per_layer: Vec<String> = layers
        .iter()
        .map(|l| format!("{} {}", l.sheet, l.questions.len()))
        .collect();
    let sources: Vec<String> = questionnaires
        .iter()
        .map(|q| format!("{} {}", q.id, q.version))
        .collect();
    let for_text = args
        .for_institution
        .as_deref()
        .map(|i| format!(" for {i}"))
        .unwrap_or_default();
    printer.line(&format!(
        "{} template {}{for_text}: {total} questions ({}) from {}, framework {} {}",
        printer.ok("Wrote"),
        args.out.display(),
        per_layer.join(", "),
        sources.join(", "),
        framework.id,
        framework.version
    ));
    for file in &files {
        printer.line(&format!("  {}", file.display()));
    }
    if args.format == TemplateFormat::Xlsform {
        printer.line(
            "Next: upload it to KoboToolbox or ODK Central, collect the submissions, then list the export (csv or xlsx) under inputs.answers in assessment.yaml.",
        );
    } else {
        printer.line(
            "Next: send it to the respondents, then list the filled files under inputs.answers in assessment.yaml.",
        );
    }
    EXIT_OK
}

/// The questionnaires cut to the sections the roster assigns to `institution` (`--for`), titled
/// for it, and the suffix that tells its XLSForm from other institutions' on one server (see
/// [`form_suffix`]); the questionnaire ids stay, so the answers read back as any other.
fn routed(
    institution: &str,
    loaded: Option<&LoadedWorkspace>,
    framework: &Framework,
    questionnaires: &[Questionnaire],
) -> Result<(Vec<Questionnaire>, String), Stop> {
    let Some(loaded) = loaded else {
        return Err(Stop::Usage(
            Diagnostic::error(
                Code::InvalidValue,
                Location::file("--for"),
                "--for needs a workspace: the institutions and their sections come from its roster",
            )
            .with_hint("e.g. `dpi-assess template my-country --for \"Central Bank\" --out central-bank.xlsx`, with `inputs: roster: roster.csv` in my-country/assessment.yaml"),
        ));
    };
    let (roster, found) = load_roster(loaded);
    let Some(roster) = roster else {
        return Err(Stop::Usage(
            Diagnostic::error(
                Code::MissingValue,
                Location::file(loaded.workspace.root.join("assessment.yaml").display().to_string()),
                "the workspace lists no roster, so --for has no institutions to choose from",
            )
            .with_hint("write roster.csv (respondent, institution, role, contact, sections, due) and list it in assessment.yaml: `inputs:` › `roster: roster.csv` (docs/inputs.md, \"Roster\")"),
        ));
    };
    if has_errors(&found) {
        return Err(Stop::Findings(found));
    }
    // An id or alias of the workspace's list of institutions names its institution, as in the
    // answers; the roster's institutions are already under their canonical names.
    let listed = roster
        .institutions
        .as_ref()
        .and_then(|list| list.resolve(institution).ok());
    let listed_id = listed.map(|i| i.id.clone());
    let institution = listed
        .map(|i| i.name.to_string())
        .unwrap_or_else(|| institution.to_string());
    let institution = institution.as_str();
    let roster = roster.entries;
    let key = institution_key(institution);
    let mut names: Vec<&str> = Vec::new();
    for entry in &roster {
        if !names
            .iter()
            .any(|n| institution_key(n) == institution_key(&entry.institution))
        {
            names.push(&entry.institution);
        }
    }
    let Some(name) = names.iter().find(|n| institution_key(n) == key).copied() else {
        let hint = match did_you_mean(institution, names.iter().copied()) {
            Some(close) => format!("did you mean `{close}`? The roster names: {}", names.join(", ")),
            None => format!("the roster names: {}", names.join(", ")),
        };
        return Err(Stop::Usage(
            Diagnostic::error(
                Code::UnknownReference,
                Location::file("--for"),
                format!("`{institution}` is not an institution of the roster"),
            )
            .with_hint(hint),
        ));
    };
    let sections = institution_sections(name, &roster, framework, questionnaires);
    let cut = questions_in(&sections, framework, questionnaires);
    if cut.iter().all(|q| q.questions.is_empty()) {
        return Err(Stop::Usage(
            Diagnostic::error(
                Code::MissingValue,
                Location::file("--for"),
                format!("the roster assigns `{name}` no question of these questionnaires"),
            )
            .with_hint("give its rows a `role` or a `kind` some questions suit, or list its `sections` (layer or dimension ids separated by `;`)"),
        ));
    }
    let cut = cut
        .into_iter()
        .filter(|q| !q.questions.is_empty())
        .map(|mut q| {
            q.title = format!("{} — {name}", q.title);
            q
        })
        .collect();
    Ok((cut, form_suffix(listed_id.as_deref(), name)))
}

/// What `--for` appends to the form id, so that each institution's XLSForm has its own on an ODK
/// Central project or a KoboToolbox server: the institution's id in the list of institutions, or
/// its name as a slug (lowercase ASCII letters and digits, other characters as one `-`). A name
/// with no ASCII letter or digit gets `institution-` and a hash of the name.
fn form_suffix(listed_id: Option<&str>, name: &str) -> String {
    if let Some(id) = listed_id {
        return id.to_lowercase();
    }
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug: String = slug.trim_end_matches('-').chars().take(40).collect();
    slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        // FNV-1a over the name as compared, so spacing and case do not change it.
        let hash = institution_key(name)
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
        slug = format!("institution-{:08x}", hash >> 32);
    }
    slug
}

/// The framework, questionnaires and labels, from the workspace or from `--questionnaire`, and
/// the loaded workspace when there is one.
type Definitions = (
    Framework,
    Vec<Questionnaire>,
    TemplateContext,
    Option<LoadedWorkspace>,
);

/// The framework, questionnaires and labels, from the workspace or from `--questionnaire`.
fn definitions(args: &TemplateArgs) -> Result<Definitions, Stop> {
    if let Some(path) = &args.workspace {
        // The template comes before the answers: input files listed but not yet there are fine.
        let (loaded, found) = load_workspace_definitions(path);
        // No workspace, or one that cannot be read, is a usage or I/O error, as for `validate`.
        if let Some(d) = found
            .iter()
            .find(|d| d.is_error() && matches!(d.code, Code::WorkspaceNotFound | Code::Io))
        {
            return Err(Stop::Usage(d.clone()));
        }
        let Some(loaded) = loaded.filter(|_| !has_errors(&found)) else {
            return Err(Stop::Findings(found));
        };
        let ws = &loaded.workspace;
        let date = ws.assessment_date;
        let context = TemplateContext {
            country: Some(ws.country.clone()),
            created: u16::try_from(date.year).ok().map(|y| (y, date.month, date.day)),
        };
        // --questionnaire replaces the workspace's list (e.g. a rapid template for a full workspace).
        let questionnaires = if args.questionnaires.is_empty() {
            loaded.questionnaires.clone()
        } else {
            args.questionnaires
                .iter()
                .map(|r| questionnaire(r, &loaded.framework))
                .collect::<Result<Vec<_>, _>>()?
        };
        return Ok((loaded.framework.clone(), questionnaires, context, Some(loaded)));
    }

    let Some(first) = args.questionnaires.first() else {
        return Err(Stop::Usage(
            Diagnostic::error(
                Code::InvalidValue,
                Location::file("dpi-assess template"),
                "give a workspace folder or at least one --questionnaire",
            )
            .with_hint(format!(
                "e.g. `dpi-assess template --questionnaire {} --out answers.xlsx`, or `dpi-assess template sample-data/kalindra-2024 --out answers.xlsx`",
                embedded_questionnaire_ids().first().copied().unwrap_or("govstack-dpi-full")
            )),
        ));
    };
    let framework = framework_of(first)?;
    let questionnaires = args
        .questionnaires
        .iter()
        .map(|r| questionnaire(r, &framework))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((framework, questionnaires, TemplateContext::default(), None))
}

/// An embedded questionnaire id, or a path (anything with a separator or a YAML extension).
fn source(reference: &str) -> Result<Source, Stop> {
    let looks_like_path = reference.contains('/')
        || reference.contains('\\')
        || reference.ends_with(".yaml")
        || reference.ends_with(".yml");
    if looks_like_path {
        return Source::read(Path::new(reference)).map_err(Stop::Usage);
    }
    embedded_questionnaire(reference).ok_or_else(|| {
        let known = embedded_questionnaire_ids();
        let hint = match did_you_mean(reference, known.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "embedded questionnaires: {}; or give a path to a YAML file",
                known.join(", ")
            ),
        };
        Stop::Usage(
            Diagnostic::error(
                Code::UnknownReference,
                Location::file("--questionnaire"),
                format!("no embedded questionnaire has the id `{reference}`"),
            )
            .with_hint(hint),
        )
    })
}

/// The embedded framework the questionnaire names.
fn framework_of(reference: &str) -> Result<Framework, Stop> {
    let source = source(reference)?;
    let raw: RawQuestionnaire = parse_yaml(&source).map_err(|d| Stop::Findings(vec![d]))?;
    let id = raw.framework.value;
    if !embedded_framework_ids().contains(&id.as_str()) {
        return Err(Stop::Usage(
            Diagnostic::error(
                Code::UnknownReference,
                Location::text(&source.name, raw.framework.line, raw.framework.column),
                format!("the questionnaire is written for framework `{id}`, which is not embedded"),
            )
            .with_hint(format!(
                "embedded frameworks: {}; for another framework, make a workspace that names its file and run `dpi-assess template WORKSPACE`",
                embedded_framework_ids().join(", ")
            )),
        ));
    }
    builtin_framework(&id).map_err(Stop::Findings)
}

fn questionnaire(reference: &str, framework: &Framework) -> Result<Questionnaire, Stop> {
    let source = source(reference)?;
    load_questionnaire(&source, framework)
        .map(|(q, _)| q)
        .map_err(Stop::Findings)
}

fn refuse_overwrite(path: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::Io,
        Location::file(path.display().to_string()),
        format!("{} already exists", path.display()),
    )
    .with_hint("choose another --out, or pass --force to overwrite it")
}

fn write_xlsx(
    args: &TemplateArgs,
    framework: &Framework,
    questionnaires: &[Questionnaire],
    context: &TemplateContext,
) -> Result<Vec<PathBuf>, Diagnostic> {
    if args.out.is_dir() {
        return Err(Diagnostic::error(
            Code::Io,
            Location::file(args.out.display().to_string()),
            format!("{} is a folder", args.out.display()),
        )
        .with_hint("give the path of the workbook to write, e.g. --out answers.xlsx (or --format csv to write a folder)"));
    }
    if args.out.exists() && !args.force {
        return Err(refuse_overwrite(&args.out));
    }
    let bytes = build_xlsx(framework, questionnaires, context).map_err(|err| {
        Diagnostic::error(
            Code::Io,
            Location::file(args.out.display().to_string()),
            format!("cannot build the workbook: {err}"),
        )
        .with_hint("check the sheet names the framework's pillar ids give")
    })?;
    write_run("template", &[(args.out.clone(), bytes.into())])?;
    Ok(vec![args.out.clone()])
}

fn write_xlsform(
    args: &TemplateArgs,
    framework: &Framework,
    questionnaires: &[Questionnaire],
    form_suffix: Option<&str>,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let [questionnaire] = questionnaires else {
        let ids: Vec<&str> = questionnaires.iter().map(|q| q.id.as_str()).collect();
        return Err(Diagnostic::error(
            Code::InvalidValue,
            Location::file("--questionnaire"),
            format!(
                "an XLSForm holds one questionnaire, but {} are given ({})",
                questionnaires.len(),
                ids.join(", ")
            ),
        )
        .with_hint("pass one --questionnaire ID; write one form per questionnaire"));
    };
    if args.out.is_dir() {
        return Err(Diagnostic::error(
            Code::Io,
            Location::file(args.out.display().to_string()),
            format!("{} is a folder", args.out.display()),
        )
        .with_hint("give the path of the form to write, e.g. --out dpi-form.xlsx"));
    }
    if args.out.exists() && !args.force {
        return Err(refuse_overwrite(&args.out));
    }
    // The form id tells the forms apart on the server; the calculated `questionnaire_id` and the
    // version, which ingest reads, stay the questionnaire's.
    let form_id = match form_suffix {
        Some(suffix) => format!("{}-{suffix}", questionnaire.id),
        None => questionnaire.id.clone(),
    };
    let bytes = build_xlsform(framework, questionnaire, &form_id, args.require_answers).map_err(|err| {
        Diagnostic::error(
            Code::Io,
            Location::file(args.out.display().to_string()),
            format!("cannot build the XLSForm: {err}"),
        )
    })?;
    write_run("template", &[(args.out.clone(), bytes.into())])?;
    Ok(vec![args.out.clone()])
}

fn write_csv(
    args: &TemplateArgs,
    framework: &Framework,
    questionnaires: &[Questionnaire],
) -> Result<Vec<PathBuf>, Diagnostic> {
    if args.out.is_file() {
        return Err(Diagnostic::error(
            Code::Io,
            Location::file(args.out.display().to_string()),
            format!(
                "{} is a file, but --format csv writes a folder",
                args.out.display()
            ),
        )
        .with_hint("give a folder for --out; it is created if missing"));
    }
    let files = build_csv(framework, questionnaires);
    let paths: Vec<PathBuf> = files.iter().map(|(name, _)| args.out.join(name)).collect();
    if !args.force
        && let Some(existing) = paths.iter().find(|p| p.exists())
    {
        return Err(refuse_overwrite(existing));
    }
    // The three files appear together, or none does.
    let outputs: Vec<_> = files
        .iter()
        .zip(&paths)
        .map(|((_, content), path)| (path.clone(), content.as_bytes().to_vec().into()))
        .collect();
    write_run("template", &outputs)?;
    Ok(paths)
}
