//! JSON Schema files for the definition formats and for results.json, generated from the types.
//!
//! In: the serde types in `raw`, and the results, report-content and comparison types. Out: pretty JSON text per format. The files in `schemas/` are this
//! output checked in; a test regenerates them and fails when they drift (set `UPDATE_SCHEMAS=1` to
//! rewrite them). Editors use them to complete and check YAML as it is typed.

use schemars::JsonSchema;

use super::raw::{RawFramework, RawMapping, RawQuestionnaire, RawWorkspace};

/// One schema file: its name under `schemas/` and its JSON text.
pub struct SchemaFile {
    /// File name, e.g. `framework.schema.json`.
    pub file_name: &'static str,
    /// Pretty-printed JSON, ending with a newline.
    pub json: String,
}

fn render<T: JsonSchema>(title: &str) -> String {
    let mut schema = schemars::schema_for!(T);
    schema.insert("title".into(), serde_json::Value::String(title.to_string()));
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// All schema files, in a fixed order.
pub fn schema_files() -> Vec<SchemaFile> {
    vec![
        SchemaFile {
            file_name: "framework.schema.json",
            json: render::<RawFramework>("dpi-assess framework"),
        },
        SchemaFile {
            file_name: "questionnaire.schema.json",
            json: render::<RawQuestionnaire>("dpi-assess questionnaire"),
        },
        SchemaFile {
            file_name: "assessment.schema.json",
            json: render::<RawWorkspace>("dpi-assess assessment workspace (assessment.yaml)"),
        },
        SchemaFile {
            file_name: "mapping.schema.json",
            json: render::<RawMapping>("dpi-assess column mapping file"),
        },
        SchemaFile {
            file_name: "results.schema.json",
            json: render::<crate::model::Results>("dpi-assess results (results.json)"),
        },
        SchemaFile {
            file_name: "report.schema.json",
            json: render::<crate::report::context::ReportContext>(
                "dpi-assess report content (report.json): what every report format shows",
            ),
        },
        SchemaFile {
            file_name: "comparison.schema.json",
            json: render::<crate::compare::Comparison>("dpi-assess comparison (comparison.json)"),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::schema_files;

    #[test]
    fn checked_in_schemas_match_the_types() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
        let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
        for file in schema_files() {
            let path = dir.join(file.file_name);
            if update {
                std::fs::write(&path, &file.json).unwrap();
                continue;
            }
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                on_disk == file.json,
                "{} is out of date; run `UPDATE_SCHEMAS=1 cargo test schemas` and commit it",
                path.display()
            );
        }
    }
}
