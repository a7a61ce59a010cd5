//! Limits on what one input file may make the tool unpack and hold, so that memory and time are
//! bounded by a sensible size of data rather than by what a file declares.
//!
//! In: the environment (`DPI_ASSESS_MAX_UNPACKED_MB`, `DPI_ASSESS_MAX_CELLS`). Out: [`Limits`]
//! and the located error for a file past one of them, naming the limit and how to raise it.
//! Not here: reading files (see `table`, `workbook`).

use crate::diagnostics::{Code, Diagnostic, Location};

/// Environment variable raising the unpacked-size limit, in megabytes.
pub const UNPACKED_VARIABLE: &str = "DPI_ASSESS_MAX_UNPACKED_MB";
/// Environment variable raising the cell-count limit.
pub const CELLS_VARIABLE: &str = "DPI_ASSESS_MAX_CELLS";

/// How much one input file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes a file may unpack to (a workbook's parts together, or a csv file's size).
    pub max_unpacked_bytes: u64,
    /// Non-empty cells one file may hold.
    pub max_cells: u64,
}

impl Default for Limits {
    /// 512 MB unpacked and 5 million cells: ten times a national inventory of 100 000 systems with
    /// every column filled, and well inside the memory of an ordinary laptop.
    fn default() -> Limits {
        Limits {
            max_unpacked_bytes: 512 * 1024 * 1024,
            max_cells: 5_000_000,
        }
    }
}

impl Limits {
    /// The defaults, raised or lowered by the environment variables. A variable that is not a
    /// positive whole number is ignored: a limit is a safety net, not a setting to fail on.
    pub fn from_env() -> Limits {
        let mut limits = Limits::default();
        if let Some(mb) = positive(UNPACKED_VARIABLE) {
            limits.max_unpacked_bytes = mb.saturating_mul(1024 * 1024);
        }
        if let Some(cells) = positive(CELLS_VARIABLE) {
            limits.max_cells = cells;
        }
        limits
    }

    /// The error for a file (or one part of it) that unpacks to more than the limit.
    pub fn unpacked_error(&self, location: Location, what: &str, bytes: u64) -> Diagnostic {
        Diagnostic::error(
            Code::InputTooLarge,
            location,
            format!(
                "{what} unpacks to {} MB, more than the limit of {} MB",
                megabytes(bytes),
                megabytes(self.max_unpacked_bytes)
            ),
        )
        .with_hint(format!(
            "if the file is genuine, raise the limit, e.g. {UNPACKED_VARIABLE}={} dpi-assess …; a small workbook that unpacks this far is usually damaged or hostile",
            (megabytes(bytes) + 1).max(megabytes(self.max_unpacked_bytes) * 2)
        ))
    }

    /// The error for a file holding more non-empty cells than the limit.
    pub fn cells_error(&self, location: Location, cells: u64) -> Diagnostic {
        Diagnostic::error(
            Code::InputTooLarge,
            location,
            format!(
                "the file holds more than {} non-empty cells, the limit",
                self.max_cells
            ),
        )
        .with_hint(format!(
            "if the file is genuine, raise the limit, e.g. {CELLS_VARIABLE}={} dpi-assess …; otherwise remove the stray cells",
            cells.max(self.max_cells.saturating_mul(2))
        ))
    }
}

fn positive(variable: &str) -> Option<u64> {
    std::env::var(variable)
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|&n| n > 0)
}

fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_limit_and_the_variable() {
        let limits = Limits {
            max_unpacked_bytes: 10 * 1024 * 1024,
            max_cells: 100,
        };
        let d = limits.unpacked_error(
            Location::file("a.xlsx"),
            "part `xl/sharedStrings.xml`",
            750 * 1024 * 1024,
        );
        assert_eq!(
            d.message,
            "part `xl/sharedStrings.xml` unpacks to 750 MB, more than the limit of 10 MB"
        );
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .contains("DPI_ASSESS_MAX_UNPACKED_MB=751")
        );
        let d = limits.cells_error(Location::file("a.xlsx"), 101);
        assert_eq!(
            d.message,
            "the file holds more than 100 non-empty cells, the limit"
        );
        assert!(d.hint.as_deref().unwrap().contains("DPI_ASSESS_MAX_CELLS=200"));
    }
}
