//! Fuzz target `framework_yaml`: any bytes as a framework YAML file, then as a questionnaire YAML
//! file checked against the embedded `govstack-dpi` framework (as `dpi-assess frameworks validate
//! <framework> --questionnaire <file>` does). No workspace: the definitions are parsed in memory. A
//! panic, or a diagnostic that is not plain text, is a finding.

#![no_main]

use std::sync::OnceLock;

use dpi_assess::definitions::{Source, builtin_framework, load_framework, load_questionnaire};
use dpi_assess::model::Framework;
use dpi_assess_fuzz::check_all;
use libfuzzer_sys::fuzz_target;

static GOVSTACK: OnceLock<Framework> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    // The tool reads definition files as UTF-8 and refuses any other bytes before parsing.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let framework = Source {
        name: "framework.yaml".to_string(),
        text: text.to_string(),
    };
    match load_framework(&framework) {
        Ok((_, warnings)) => check_all(&warnings, data),
        Err(errors) => check_all(&errors, data),
    }
    let govstack =
        GOVSTACK.get_or_init(|| builtin_framework("govstack-dpi").expect("the embedded framework validates"));
    let questionnaire = Source {
        name: "questionnaire.yaml".to_string(),
        text: text.to_string(),
    };
    match load_questionnaire(&questionnaire, govstack) {
        Ok((_, warnings)) => check_all(&warnings, data),
        Err(errors) => check_all(&errors, data),
    }
});
