//! The command line: argument parsing, dispatch, and exit codes.
//!
//! In: the process arguments. Out: an exit code (0 ok, 1 findings that block scoring, 2 usage or
//! I/O error) and text on stdout/stderr. Each subcommand lives in its own file and only wires the
//! library stages together; no scoring or validation logic lives here.

mod compare;
mod desk_review;
pub mod evidence;
mod files;
mod frameworks;
mod init;
mod output;
mod pipeline;
mod report;
mod roadmap;
mod score;
mod status;
mod template;
mod validate;
mod workshop;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use output::Printer;

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings that block scoring (invalid definitions or inputs).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage or I/O error.
pub const EXIT_USAGE: u8 = 2;

const AFTER_HELP: &str = "\
Examples:
  dpi-assess init my-country --country \"Republic of Example\" --iso XEX
  dpi-assess template --questionnaire govstack-dpi-full --out answers.xlsx
  dpi-assess validate sample-data/kalindra-2024
  dpi-assess frameworks show govstack-dpi
  dpi-assess compare kalindra.json nuvaria.json estmar.json --out comparison

Exit codes: 0 success, 1 findings that block scoring, 2 usage or I/O error.
Colour is used only on a terminal; NO_COLOR turns it off.";

/// National Digital Public Infrastructure (DPI) readiness assessments aligned with GovStack.
#[derive(Debug, Parser)]
#[command(name = "dpi-assess", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Output format of commands that print findings or data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text for people.
    Human,
    /// JSON for scripts.
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an assessment workspace: a commented assessment.yaml and empty input files.
    #[command(
        after_help = "Examples:\n  dpi-assess init assessments/kenya-2026 --country Kenya --iso KEN --date 2026-05-01\n  dpi-assess init ken --iso KEN --from govtech   # a desk review seeded from the GovTech Dataset 2020"
    )]
    Init(InitArgs),
    /// Write the answer template for respondents: an xlsx workbook with drop-downs, or csv files.
    #[command(
        after_help = "Examples:\n  dpi-assess template --questionnaire govstack-dpi-full --out answers.xlsx\n  dpi-assess template sample-data/kalindra-2024 --out kalindra-answers.xlsx\n  dpi-assess template --questionnaire govstack-dpi-rapid --format csv --out rapid-answers/\n  dpi-assess template --questionnaire govstack-dpi-full --format xlsform --out dpi-form.xlsx   # for KoboToolbox / ODK Central\n  dpi-assess template my-country --for \"Central Bank\" --format xlsform --out central-bank.xlsx   # its roster sections only\n\nExit codes: 0 written, 1 the workspace or questionnaire has errors, 2 usage or I/O error."
    )]
    Template(TemplateArgs),
    /// Check a workspace: assessment.yaml, the definitions it names and its input files.
    #[command(
        after_help = "Example:\n  dpi-assess validate sample-data/kalindra-2024\n  dpi-assess validate sample-data/nuvaria --format json\n\nExit codes: 0 no errors (warnings may remain), 1 errors, 2 usage or I/O error."
    )]
    Validate(ValidateArgs),
    /// Score a workspace: write results.json (and CSV tables) and print a summary.
    #[command(
        after_help = "Examples:\n  dpi-assess score sample-data/kalindra-2024\n  dpi-assess score sample-data/estmar --out estmar.json --csv estmar-tables\n\nWrites <workspace>/output/results.json unless --out says otherwise.\nExit codes: 0 scored, 1 inputs with errors (nothing written), 2 usage or I/O error."
    )]
    Score(ScoreArgs),
    /// Write the assessment report: HTML, PDF, Markdown, XLSX, CSV, results.json and report.json.
    #[command(
        after_help = "Examples:\n  dpi-assess report sample-data/kalindra-2024 --out reports/kalindra\n  dpi-assess report sample-data/estmar --out out --format html,pdf\n  dpi-assess report my-country --templates my-templates   # override report.html.tera, partials, …\n\nWrites into <workspace>/output unless --out says otherwise; files are replaced only once fully written.\nExit codes: 0 written, 1 inputs with errors (nothing written), 2 usage, I/O or rendering error."
    )]
    Report(ReportArgs),
    /// Plan the roadmap: the actions that close the gaps, scheduled by month, and the services to
    /// build first.
    #[command(
        after_help = "Examples:\n  dpi-assess roadmap sample-data/nuvaria\n  dpi-assess roadmap sample-data/kalindra-2024 --out plans --format json\n\n  dpi-assess roadmap sample-data/kalindra-2024 --scenario sample-data/kalindra-2024/scenarios/identity-deferred.yaml\n\nWrites roadmap.json, roadmap.csv, services.csv and roadmap.xlsx into <workspace>/output unless --out says otherwise; with --scenario also scenario.json (the variant's plan with its projected index year by year beside the base plan's), scenario.csv (the comparison) and scenario-roadmap.csv (the variant's actions).\nassessment.yaml maps roles to institutions (roles:), sets how many actions each runs at once (capacity:) and how many months the plan may take (horizon_months:, default 60); what cannot end within it is listed with why."
    )]
    Roadmap(RoadmapArgs),
    /// Compare countries (peer benchmarks, ranks with their uncertainty) and track a country's
    /// progress between assessments.
    #[command(
        after_help = "Examples:\n  dpi-assess compare sample-data/kalindra-2024 sample-data/kalindra-2026 sample-data/nuvaria sample-data/estmar --out comparison\n  dpi-assess compare kalindra-2024.json kalindra-2026.json --out progress --format html,md\n  dpi-assess compare a.json b.json c.json --out out --draws 5000 --noise 0.1 --seed 7\n\nEach input is a results.json or a workspace folder. The latest assessment of each country is compared with the others; a country given at several dates is also compared with itself over time (progress). Ranks carry a 5–95 % band from random changes of the weights; the same seed gives the same files.\n\nExit codes: 0 written, 1 inputs that cannot be compared (another framework or major version, one country twice on one date) or workspaces with errors, 2 usage, I/O or rendering error."
    )]
    Compare(CompareArgs),
    /// Seed a desk-review workspace for every economy of the World Bank GovTech Dataset (December
    /// 2020) and compare them.
    #[command(
        after_help = "Examples:\n  dpi-assess desk-review --out desk-review\n  dpi-assess desk-review --out desk-review --format json,html --draws 200\n\nWrites <DIR>/workspaces/<iso3>/ (as `init DIR --iso ISO3 --from govtech` does) for every economy, then compares them into <DIR>/comparison/. Every answer is a claim read from 2020 data, to verify; scores rest on few indicators and are shown with their coverage. docs/desk-review.md explains the mapping.\n\nExit codes: 0 written, 1 a seeded workspace has errors, 2 usage, I/O or rendering error."
    )]
    DeskReview(DeskReviewArgs),
    /// Write the validation workshop pack: every disputed, unverified, inconsistent or
    /// evidence-weak indicator, with the answers behind it and empty columns for the decisions.
    #[command(
        after_help = "Example:\n  dpi-assess workshop sample-data/kalindra-2024 --out workshop.xlsx\n\nFill in agreed_level (0-4 or contested), rationale, evidence, agreed_by and agreed_on on the\n`adjudications` sheet, save the pack in the workspace and list it in assessment.yaml:\n  inputs:\n    adjudications: workshop.xlsx\nWrites <workspace>/output/workshop.xlsx unless --out says otherwise.\nExit codes: 0 written, 1 inputs with errors (nothing written), 2 usage or I/O error."
    )]
    Workshop(WorkshopArgs),
    /// Follow field collection: per institution and section of the roster, what was assigned,
    /// answered, is missing or overdue, and who to remind.
    #[command(
        after_help = "Examples:\n  dpi-assess status my-country\n  dpi-assess status my-country --format xlsx --out status.xlsx\n  dpi-assess status my-country --format csv --today 2026-05-10\n\nThe workspace lists its roster in assessment.yaml (inputs: roster: roster.csv; docs/inputs.md, \"Roster\").\nExit codes: 0 reported (missing answers are findings, not errors), 1 the roster has errors, 2 usage or I/O error."
    )]
    Status(StatusArgs),
    /// List, show and check scoring frameworks and questionnaires.
    #[command(
        subcommand,
        after_help = "Examples:\n  dpi-assess frameworks list\n  dpi-assess frameworks show govstack-dpi\n  dpi-assess frameworks validate frameworks/govstack-dpi --questionnaire questionnaires/govstack-dpi-full.yaml"
    )]
    Frameworks(FrameworksCommand),
}

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create (it may exist but must not hold an assessment.yaml, unless --force).
    pub dir: PathBuf,
    /// Country name as it should appear on reports (with --from: the dataset's name unless given).
    #[arg(long, required_unless_present = "from")]
    pub country: Option<String>,
    /// ISO 3166-1 alpha-3 code (XAA–XZZ for fictional or sub-national cases).
    #[arg(long)]
    pub iso: String,
    /// Assessment date, YYYY-MM-DD (default: today; with --from, the dataset's edition).
    #[arg(long, conflicts_with = "from")]
    pub date: Option<String>,
    /// Framework id or path.
    #[arg(long, default_value = "govstack-dpi")]
    pub framework: String,
    /// Questionnaire id or path (repeatable).
    #[arg(long = "questionnaire", default_value = "govstack-dpi-full")]
    pub questionnaires: Vec<String>,
    /// Overwrite an existing assessment.yaml and input files.
    #[arg(long)]
    pub force: bool,
    /// Seed the workspace from a shipped data set (a desk review to verify; docs/desk-review.md).
    #[arg(long, value_enum, value_name = "DATASET")]
    pub from: Option<InitSource>,
}

/// A shipped data set `init --from` seeds a workspace from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InitSource {
    /// The World Bank GovTech Dataset, December 2020 (data/govtech).
    Govtech,
}

/// Arguments of `desk-review`.
#[derive(Debug, Args)]
pub struct DeskReviewArgs {
    /// Folder to write into: workspaces/<iso3>/ per economy and comparison/.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// How the economies are compared: draws, noise, seed, formats.
    #[command(flatten)]
    pub comparison: ComparisonOptions,
    /// Overwrite workspaces written by an earlier run (and any edits made to them since).
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Workspace folder (or its assessment.yaml) whose framework and questionnaires to use.
    pub workspace: Option<PathBuf>,
    /// Questionnaire id or path (repeatable); without a workspace, its framework is the embedded one
    /// it names. With a workspace, replaces the workspace's questionnaires.
    #[arg(long = "questionnaire", value_name = "ID|PATH")]
    pub questionnaires: Vec<String>,
    /// Where to write: the workbook (xlsx), or the folder of csv files (created if missing).
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TemplateFormat::Xlsx)]
    pub format: TemplateFormat,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
    /// Only the sections the workspace's roster assigns to this institution (named as the roster
    /// writes it; case and spacing do not matter). Needs a workspace with `inputs.roster`.
    #[arg(long = "for", value_name = "INSTITUTION")]
    pub for_institution: Option<String>,
    /// XLSForm only: make every question required (respondents then choose 'unknown' or 'not
    /// applicable' instead of skipping). Without it, respondents answer only what they know.
    #[arg(long)]
    pub require_answers: bool,
}

/// What `template` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// One workbook: instructions, a sheet per layer with drop-downs, systems, services.
    Xlsx,
    /// A folder with answers.csv, systems.csv and services.csv.
    Csv,
    /// An XLSForm (survey, choices, settings) for KoboToolbox or ODK Central; one questionnaire.
    Xlsform,
}

/// Arguments of `status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Workspace folder (or its assessment.yaml) with `inputs.roster`.
    pub workspace: PathBuf,
    /// `table` prints the status; `csv` also writes status.csv and reminders.csv, `xlsx` status.xlsx.
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
    /// Where to write: the folder of the csv files, or the workbook (default: <workspace>/output).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// The date to count overdue days from, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

/// What `status` writes besides the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// The table on stdout only.
    Table,
    /// Also status.csv and reminders.csv.
    Csv,
    /// Also status.xlsx (sheets `status` and `reminders`).
    Xlsx,
}

/// Arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Workspace folder (or its assessment.yaml).
    pub workspace: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Arguments of `score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Workspace folder (or its assessment.yaml).
    pub workspace: PathBuf,
    /// Where to write results.json (default: <workspace>/output/results.json).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write scores.csv and gaps.csv into this folder.
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
    /// `human` prints a summary; `json` prints results.json to stdout as well.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Workspace folder (or its assessment.yaml).
    pub workspace: PathBuf,
    /// Folder to write into (default: <workspace>/output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Formats to write, comma-separated (default: all).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<ReportFormat>,
    /// Folder of templates overriding the embedded ones (same file names, e.g. report.html.tera).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// Arguments of `roadmap`.
#[derive(Debug, Args)]
pub struct RoadmapArgs {
    /// Workspace folder (or its assessment.yaml).
    pub workspace: PathBuf,
    /// Folder to write into (default: <workspace>/output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// `human` prints the plan; `json` prints roadmap.json to stdout as well.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// A scenario file (YAML): programmes or actions deferred or dropped, capacities or the
    /// horizon changed. The variant is planned beside the base plan and written as scenario.json.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
}

/// Arguments of `workshop`.
#[derive(Debug, Args)]
pub struct WorkshopArgs {
    /// Workspace folder (or its assessment.yaml).
    pub workspace: PathBuf,
    /// The pack to write (default: <workspace>/output/workshop.xlsx).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Arguments of `compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// results.json files or workspace folders.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Draws, noise, seed, formats.
    #[command(flatten)]
    pub comparison: ComparisonOptions,
    /// Folder of templates overriding the embedded ones (compare.html.tera, compare.md.tera).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Compare every input as scored, under its own rules, instead of refusing what cannot be put
    /// under the framework's rules; the rows of inputs not under the framework's rules are marked.
    #[arg(long)]
    pub allow_mixed_rules: bool,
}

/// What `compare` and `desk-review` share: the Monte Carlo of the weights and the formats.
#[derive(Debug, Args)]
pub struct ComparisonOptions {
    /// Monte Carlo draws of the weights.
    #[arg(long, default_value_t = crate::compare::DEFAULT_DRAWS)]
    pub draws: u32,
    /// Relative weight noise: each weight is multiplied by a factor uniform in [1 − noise, 1 + noise].
    #[arg(long, default_value_t = crate::compare::DEFAULT_NOISE)]
    pub noise: f64,
    /// Seed of the random numbers (the same seed gives the same files).
    #[arg(long, default_value_t = crate::compare::DEFAULT_SEED)]
    pub seed: u64,
    /// Formats to write, comma-separated (default: all).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<CompareFormat>,
}

impl ComparisonOptions {
    /// The Monte Carlo settings.
    pub fn settings(&self) -> crate::compare::Settings {
        crate::compare::Settings {
            draws: self.draws,
            noise: self.noise,
            seed: self.seed,
        }
    }

    /// The formats asked for, or every one.
    pub fn formats(&self) -> Vec<CompareFormat> {
        if self.format.is_empty() {
            CompareFormat::ALL.to_vec()
        } else {
            self.format.clone()
        }
    }
}

/// A comparison format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// comparison.json.
    Json,
    /// comparison-matrix.csv, comparison-benchmarks.csv, comparison-ranks.csv, comparison-progress.csv
    /// (and comparison-gtmi.csv when a compared country has a GTMI anchor).
    Csv,
    /// comparison.xlsx: a sheet per table.
    Xlsx,
    /// comparison.html: one self-contained file.
    Html,
    /// comparison.md.
    Md,
    /// comparison.pdf.
    Pdf,
    /// portfolio-long.csv: every input's results (all dates), one row per assessment × node
    /// (docs/portfolio.md).
    Tidy,
    /// portfolio.sqlite: every input's results and roadmaps as a SQLite database
    /// (docs/portfolio.md).
    Sqlite,
}

impl CompareFormat {
    /// Every format, in the order they are written.
    pub const ALL: &'static [CompareFormat] = &[
        CompareFormat::Json,
        CompareFormat::Csv,
        CompareFormat::Xlsx,
        CompareFormat::Html,
        CompareFormat::Md,
        CompareFormat::Pdf,
        CompareFormat::Tidy,
        CompareFormat::Sqlite,
    ];
}

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// report.html: one self-contained file; and architecture.svg, its architecture diagram alone.
    Html,
    /// report.pdf: A4 with embedded fonts.
    Pdf,
    /// report.md: for git forges.
    Md,
    /// results.json, and report.json: the report's content as every format shows it.
    Json,
    /// scores.csv, gaps.csv, ledger.csv, systems.csv, architecture.csv.
    Csv,
    /// report.xlsx: a sheet per table.
    Xlsx,
}

impl ReportFormat {
    /// Every format, in the order they are written.
    pub const ALL: &'static [ReportFormat] = &[
        ReportFormat::Json,
        ReportFormat::Csv,
        ReportFormat::Xlsx,
        ReportFormat::Html,
        ReportFormat::Md,
        ReportFormat::Pdf,
    ];
}

/// `frameworks` subcommands.
#[derive(Debug, Subcommand)]
pub enum FrameworksCommand {
    /// List the frameworks and questionnaires embedded in this binary.
    #[command(after_help = "Example:\n  dpi-assess frameworks list")]
    List,
    /// Show a framework as a tree: pillars, dimensions, indicators, Building Blocks, caps.
    #[command(
        after_help = "Examples:\n  dpi-assess frameworks show govstack-dpi\n  dpi-assess frameworks show my-framework/framework.yaml --format json"
    )]
    Show {
        /// Embedded framework id, or a path to a framework.yaml (or its folder).
        framework: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Check a framework file (and questionnaires against it), reporting every problem.
    #[command(
        after_help = "Examples:\n  dpi-assess frameworks validate frameworks/govstack-dpi\n  dpi-assess frameworks validate my/framework.yaml --questionnaire my/questions.yaml\n\nExit codes: 0 valid, 1 problems found, 2 usage or I/O error."
    )]
    Validate {
        /// Path to a framework.yaml, or a folder holding one.
        path: PathBuf,
        /// Questionnaire files to check against the framework (repeatable).
        #[arg(long = "questionnaire")]
        questionnaires: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Check the translations of a framework and its questionnaires: every text missing, stale
    /// (its English changed after it was translated) or naming no text, per language.
    #[command(
        after_help = "Translation files sit beside what they translate: <framework folder>/translations/<lang>.yaml and <questionnaire folder>/translations/<questionnaire id>.<lang>.yaml (docs/translating.md).\n\nExamples:\n  dpi-assess frameworks translations frameworks/govstack-dpi --questionnaire questionnaires/govstack-dpi-full.yaml\n  dpi-assess frameworks translations frameworks/govstack-dpi --lang fr --update\n\nExit codes: 0 every text translated, 1 something missing, stale or unknown, 2 usage or I/O error."
    )]
    Translations {
        /// Path to a framework.yaml, or a folder holding one.
        path: PathBuf,
        /// Questionnaire files whose translations to check too (repeatable).
        #[arg(long = "questionnaire")]
        questionnaires: Vec<PathBuf>,
        /// Languages to check (repeatable; default: fr, es, pt, ar).
        #[arg(long = "lang")]
        languages: Vec<String>,
        /// Write each translation file back with every current text: new keys with their English
        /// and an empty translation, translated entries kept (stale ones still stale), keys that
        /// name no text dropped.
        #[arg(long)]
        update: bool,
    },
}

/// Runs the command line and returns the exit code.
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout with success, usage errors to stderr.
            let _ = err.print();
            return if err.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    let printer = Printer::new(cli.color);
    match cli.command {
        Command::Init(args) => init::run(&printer, &args),
        Command::Template(args) => template::run(&printer, &args),
        Command::Validate(args) => validate::run(&printer, &args),
        Command::Score(args) => score::run(&printer, &args),
        Command::Report(args) => report::run(&printer, &args),
        Command::Roadmap(args) => roadmap::run(&printer, &args),
        Command::Compare(args) => compare::run(&printer, &args),
        Command::DeskReview(args) => desk_review::run(&printer, &args),
        Command::Workshop(args) => workshop::run(&printer, &args),
        Command::Status(args) => status::run(&printer, &args),
        Command::Frameworks(command) => frameworks::run(&printer, command),
    }
}
