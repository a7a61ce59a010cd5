//! The `dpi-assess` binary: parses arguments and hands over to [`dpi_assess::cli::run`].

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = dpi_assess::cli::run(std::env::args_os());
    ExitCode::from(code)
}
