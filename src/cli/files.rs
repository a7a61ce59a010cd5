//! Writing output files safely: to a temporary file beside the target, then renamed over it, so
//! a failed run never leaves a half-written file or destroys the previous one; and the
//! conventions shared by the commands that write outputs.

use std::io::Write;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Location, has_errors};

/// Writes `bytes` to `path` atomically, creating the parent folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let error = |err: std::io::Error| {
        Diagnostic::error(
            Code::Io,
            Location::file(path.display().to_string()),
            format!("cannot write the file: {err}"),
        )
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(error)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temporary)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temporary, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map_err(error)
}

/// The `output` folder beside a workspace's assessment.yaml, where results and reports go by
/// default.
pub fn output_dir(workspace: &Path) -> std::path::PathBuf {
    let root = if workspace.is_file() {
        workspace.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        workspace.to_path_buf()
    };
    root.join("output")
}

/// The exit code when a workspace could not be loaded: 2 when there is nothing to load or a file
/// cannot be read (usage or I/O), 1 for findings in the inputs.
pub fn not_loaded_exit(found: &[Diagnostic]) -> u8 {
    let unusable = found
        .iter()
        .any(|d| d.is_error() && matches!(d.code, Code::WorkspaceNotFound | Code::Io));
    if unusable || !has_errors(found) {
        super::EXIT_USAGE
    } else {
        super::EXIT_FINDINGS
    }
}
