//! `dpi-assess init DIR`: writes a commented assessment.yaml and input files with their headers;
//! with `--from govtech`, a desk-review workspace seeded from the World Bank GovTech Dataset
//! (December 2020): answers, inventory, evidence register and notes, as `template::govtech`
//! converts them, written all together or not at all.

use std::path::{Path, PathBuf};

use super::files::{Output, write_run};
use super::{EXIT_OK, EXIT_USAGE, InitArgs, InitSource, Printer};
use crate::definitions::workspace::WORKSPACE_FILE;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{Date, columns};
use crate::template::govtech::{self, GovTech, Seeded};

pub(super) fn run(printer: &Printer, args: &InitArgs) -> u8 {
    if let Some(InitSource::Govtech) = args.from {
        return seed_from_govtech(printer, args);
    }
    let iso = args.iso.trim().to_ascii_uppercase();
    let date = match &args.date {
        Some(text) => match Date::parse(text) {
            Some(date) => date,
            None => {
                printer.fatal(
                    &Diagnostic::error(
                        Code::InvalidDate,
                        Location::file("--date"),
                        format!("`{text}` is not a date written YYYY-MM-DD"),
                    )
                    .with_hint("e.g. --date 2026-05-01"),
                );
                return EXIT_USAGE;
            }
        },
        None => Date::today(),
    };
    if !crate::definitions::is_valid_alpha3(&iso) {
        printer.fatal(
            &Diagnostic::error(
                Code::InvalidCountryCode,
                Location::file("--iso"),
                format!("`{}` is not an ISO 3166-1 alpha-3 country code", args.iso),
            )
            .with_hint("three letters such as KEN or PER; XAA–XZZ for fictional or sub-national cases"),
        );
        return EXIT_USAGE;
    }
    let target = args.dir.join(WORKSPACE_FILE);
    if target.exists() && !args.force {
        printer.fatal(
            &Diagnostic::error(
                Code::Io,
                Location::file(target.display().to_string()),
                "the folder already holds an assessment.yaml",
            )
            .with_hint("choose another folder, or pass --force to overwrite it and the empty input files"),
        );
        return EXIT_USAGE;
    }

    let files: [(&str, String); 6] = [
        (WORKSPACE_FILE, assessment_yaml(args, &iso, date)),
        ("answers/answers.csv", csv_header(columns::ANSWERS)),
        ("systems.csv", csv_header(columns::SYSTEMS)),
        ("services.csv", csv_header(columns::SERVICES)),
        ("roster.csv", csv_header(columns::ROSTER)),
        ("institutions.csv", csv_header(columns::INSTITUTIONS)),
    ];
    for (name, content) in &files {
        let path = args.dir.join(name);
        if let Err(err) = write_new(&path, content, args.force) {
            printer.fatal(
                &Diagnostic::error(
                    Code::Io,
                    Location::file(path.display().to_string()),
                    format!("cannot write: {err}"),
                )
                .with_hint("check that the folder is writable"),
            );
            return EXIT_USAGE;
        }
    }
    printer.line(&format!(
        "{} workspace {} for {} ({iso}), {date}",
        printer.ok("Created"),
        args.dir.display(),
        country(args)
    ));
    for (name, _) in &files {
        printer.line(&format!("  {}", args.dir.join(name).display()));
    }
    printer.line(&format!(
        "Next: fill in the input files, then run `dpi-assess validate {}`.",
        args.dir.display()
    ));
    EXIT_OK
}

/// The country name given (required by clap unless `--from`).
fn country(args: &InitArgs) -> &str {
    args.country.as_deref().unwrap_or_default().trim()
}

/// The GovTech data set and its mapping, loaded and checked; an internal error otherwise (the
/// mapping is checked by the test suite).
pub(super) fn load_govtech(printer: &Printer) -> Option<GovTech> {
    match GovTech::load() {
        Ok(govtech) => Some(govtech),
        Err(problems) => {
            printer.fatal(
                &Diagnostic::error(
                    Code::InvalidValue,
                    Location::file("data/govtech/mapping.yaml"),
                    format!(
                        "the embedded GovTech mapping does not check: {}",
                        problems.join("; ")
                    ),
                )
                .with_hint("this is a bug in this build of dpi-assess; please report it"),
            );
            None
        }
    }
}

/// The files of a seeded workspace in `dir`.
pub(super) fn seeded_outputs(dir: &Path, seeded: &Seeded) -> Vec<Output> {
    seeded
        .files
        .iter()
        .map(|(name, text)| (dir.join(name), text.clone().into_bytes().into()))
        .collect()
}

/// The first file of `outputs` that exists already (kept unless --force).
pub(super) fn existing(outputs: &[Output]) -> Option<&PathBuf> {
    outputs.iter().map(|(path, _)| path).find(|path| path.exists())
}

/// A diagnostic for a file a seeded run would overwrite.
pub(super) fn would_overwrite(path: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::Io,
        Location::file(path.display().to_string()),
        "the file exists already; a desk review does not overwrite it",
    )
    .with_hint("choose another folder, or pass --force to replace it (edits made to it since are lost)")
}

/// `init DIR --iso ISO3 --from govtech`.
fn seed_from_govtech(printer: &Printer, args: &InitArgs) -> u8 {
    if args.framework != govtech::FRAMEWORK_ID
        || args
            .questionnaires
            .iter()
            .map(String::as_str)
            .ne([govtech::QUESTIONNAIRE_ID])
    {
        printer.fatal(
            &Diagnostic::error(
                Code::InvalidValue,
                Location::file("--from"),
                format!(
                    "the GovTech mapping answers the questionnaire `{}` of the framework `{}` only",
                    govtech::QUESTIONNAIRE_ID,
                    govtech::FRAMEWORK_ID
                ),
            )
            .with_hint("leave out --framework and --questionnaire with --from govtech"),
        );
        return EXIT_USAGE;
    }
    let Some(data) = load_govtech(printer) else {
        return EXIT_USAGE;
    };
    let iso = args.iso.trim();
    let Some(seeded) = data.seed(iso, args.country.as_deref()) else {
        let hint = match data.suggest(iso) {
            Some((code, name)) => format!("did you mean `{code}` ({name})?"),
            None => format!(
                "the dataset has {} economies, by ISO 3166-1 alpha-3 code (XKX for Kosovo); `dpi-assess desk-review --out DIR` seeds them all",
                data.economies().len()
            ),
        };
        printer.fatal(
            &Diagnostic::error(
                Code::InvalidCountryCode,
                Location::file("--iso"),
                format!("`{iso}` is not an economy of the {}", data.edition()),
            )
            .with_hint(hint),
        );
        return EXIT_USAGE;
    };
    let outputs = seeded_outputs(&args.dir, &seeded);
    if !args.force
        && let Some(path) = existing(&outputs)
    {
        printer.fatal(&would_overwrite(path));
        return EXIT_USAGE;
    }
    if let Err(d) = write_run("init", &outputs) {
        printer.fatal(&d);
        return EXIT_USAGE;
    }
    printer.line(&format!(
        "{} desk-review workspace {} for {} ({}), {}, from the {}",
        printer.ok("Created"),
        args.dir.display(),
        seeded.country,
        seeded.iso3,
        data.assessment_date(),
        data.edition()
    ));
    for (path, _) in &outputs {
        printer.line(&format!("  {}", path.display()));
    }
    printer.line(&format!(
        "{} answers and {} inventory systems read from the dataset, all to verify; {} facts and {} systems not mapped are listed in {} with why.",
        seeded.answers,
        seeded.systems,
        seeded.facts_not_mapped,
        seeded.systems_not_listed,
        govtech::NOTES_FILE
    ));
    printer.line(&printer.dim(&data.attribution()));
    printer.line(&format!(
        "Next: check the answers with the country, then run `dpi-assess validate {}`.",
        args.dir.display()
    ));
    EXIT_OK
}

/// Writes a file, creating parent folders; an existing data file is kept unless forced, so
/// re-running init never destroys answers.
fn write_new(path: &Path, content: &str, force: bool) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    if path.exists() && !force {
        return Ok(());
    }
    std::fs::write(path, content)
}

fn csv_header(columns: &[&str]) -> String {
    format!("{}\n", columns.join(","))
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

fn assessment_yaml(args: &InitArgs, iso: &str, date: Date) -> String {
    let questionnaires = args
        .questionnaires
        .iter()
        .map(|q| quoted(q))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        r#"# Assessment workspace for dpi-assess.
# Paths are relative to this file. Check it with: dpi-assess validate <this folder>
# Format: schemas/assessment.schema.json in the dpi-assess repository.

# Country as it should appear on the report, and its ISO 3166-1 alpha-3 code
# (user-assigned codes XAA-XZZ are accepted for fictional or sub-national assessments).
country: {country}
iso3: {iso}
# Date of the assessment, YYYY-MM-DD.
assessment_date: "{date}"
# title: "DPI readiness assessment {year}"

# Scoring framework and questionnaires: an embedded id (see `dpi-assess frameworks list`)
# or a path to a YAML file.
framework: {framework}
questionnaires: [{questionnaires}]

inputs:
  # Answer files: csv, xlsx or ods, one row per question per respondent
  # (question_id, answer, respondent, institution, evidence, comment). One file per ministry is fine.
  answers:
    - answers/answers.csv
  # Existing government systems and the Building Blocks they implement.
  systems: systems.csv
  # Public services, their volumes and the Building Blocks they need.
  services: services.csv
  # Who answers what by when (for `dpi-assess status` and `dpi-assess template --for`): one row per
  # respondent with their institution, the framework role it plays (e.g. ict_regulator, central_bank),
  # a contact, the sections assigned (layer or dimension ids separated by `;`; empty: the sections
  # whose questions suit the role) and the due date (YYYY-MM-DD). Not scored.
  roster: roster.csv
  # The institutions taking part: id, name, aliases (e.g. MoH; Min. of Health), kind (ministry, agency,
  # regulator, ...) and the framework roles each plays. Once it is filled in, list it: every institution
  # named in answers, inventories and the roster is then matched to it, so that "MoH" and "Ministry of
  # Health" count as one, and a misspelt name is refused with a did-you-mean.
  # institutions: institutions.csv
  # mapping: columns.yaml        # renames the columns of a foreign layout

# Targets that replace the framework's defaults (indicator or Building Block id: level 0..4).
targets: {{}}
#   law-data-protection: 4
#   identity: 4

# Weights that replace the framework's (pillar, dimension, indicator or Building Block id: weight > 0).
weights: {{}}

# evidence_policy: cap            # cap unverified level 3-4 answers at level 2 (default: flag only)

# Who holds each roadmap role in this country.
roles: {{}}
#   lead_digital_agency: Ministry of ICT
#   id_authority: National Identification Authority
#   data_protection_authority: Data Protection Commission

# How many roadmap actions each role can run at once (default 3 for roles not listed).
capacity: {{}}
#   lead_digital_agency: 6

# How far the roadmap plans, in months (default 60); what cannot end within it is listed with why.
# horizon_months: 60

# Steps along the way, by the end of a roadmap phase or a calendar year; the roadmap says whether
# its schedule meets each.
# interim_targets:
#   priority_services: {{ information-mediator: 3 }}
#   {next_year}: {{ law-data-protection: 3 }}

# The roadmap's cost classes in the country's currency (every class when it is not the framework's).
# costs:
#   currency: EUR
#   classes: {{ xs: [25000, 100000], s: [100000, 500000], m: [500000, 2500000], l: [2500000, 10000000], xl: [10000000, 50000000], xxl: [50000000, 250000000] }}

# Today's official figures of outcome indicators (otherwise: the median of the answers).
# outcomes:
#   internet-use: {{ value: 41.5, year: {year}, source: National household ICT survey }}

assessors: []
#   - name: A. Assessor
#     organisation: Ministry of ICT
#     role: lead
"#,
        country = quoted(country(args)),
        iso = iso,
        date = date,
        year = date.year,
        next_year = date.year + 1,
        framework = quoted(&args.framework),
        questionnaires = questionnaires,
    )
}
