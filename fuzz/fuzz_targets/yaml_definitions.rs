//! Fuzz target `yaml_definitions`: any bytes as a workspace's assessment.yaml (the inputs it may
//! name are beside it). Workspace: `fuzz/workspaces/yaml_definitions/`; the bytes are written as
//! `assessment.yaml`, the workspace is loaded and, when it loads without errors, scored. A panic,
//! or a diagnostic that is not plain text, is a finding (see `dpi_assess_fuzz::check_all`).

#![no_main]

use std::sync::OnceLock;

use dpi_assess_fuzz::Harness;
use libfuzzer_sys::fuzz_target;

static HARNESS: OnceLock<Harness> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    HARNESS
        .get_or_init(|| Harness::new("yaml_definitions", "assessment.yaml"))
        .load_and_score(data);
});
