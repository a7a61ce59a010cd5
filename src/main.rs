//! The `dpi-assess` binary: parses arguments and hands over to [`dpi_assess::cli::run`].

use std::process::ExitCode;

/// mimalloc rather than the system allocator: reading a national inventory makes millions of
/// small allocations (cells, names, lists), and glibc's allocator spent about a third of the run
/// on them (`cargo bench --bench large_inventory`, which uses the same allocator).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let code = dpi_assess::cli::run(std::env::args_os());
    ExitCode::from(code)
}
