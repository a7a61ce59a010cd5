//! Fuzz target `field_export`: any bytes as a KoboToolbox or ODK Central csv export. Workspace:
//! `fuzz/workspaces/field_export/`, loaded once; the bytes are written as `export.csv`, the inputs
//! are read and, when they read without errors, scored. A panic, or a diagnostic that is not plain
//! text, is a finding (see `dpi_assess_fuzz::check_all`).

#![no_main]

use std::sync::OnceLock;

use dpi_assess::definitions::workspace::LoadedWorkspace;
use dpi_assess_fuzz::Harness;
use libfuzzer_sys::fuzz_target;

static HARNESS: OnceLock<(Harness, LoadedWorkspace)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (harness, loaded) = HARNESS.get_or_init(|| {
        let harness = Harness::new("field_export", "export.csv");
        let loaded = harness.load_once(data);
        (harness, loaded)
    });
    harness.ingest_and_score(loaded, data);
});
