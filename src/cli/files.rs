//! Writing output files safely: to a temporary file beside the target, then renamed over it, so
//! a failed run never leaves a half-written file or destroys the previous one (DESIGN §9).

use std::io::Write;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Location};

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
