//! End-to-end tests of the `dpi-assess` binary: one test binary, a module per feature, fixture
//! folders under `tests/fixtures/` and the sample workspaces under `sample-data/`.
//! `tests/README.md` says how to add a case and how snapshots are reviewed.

mod support;

mod architecture;
mod browser;
mod compare;
mod desk_review;
mod evidence;
mod field_exports;
mod frameworks;
mod fuzz_regressions;
mod hostile_outputs;
mod hostile_text;
mod hostile_workbooks;
mod ingest;
mod init;
mod institutions;
mod method_check;
mod parallel;
mod portfolio;
mod report;
mod roadmap;
mod roadmap_properties;
mod score;
mod score_properties;
mod status;
mod template;
mod validate;
mod workshop;
mod xlsform;
