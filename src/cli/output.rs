//! Printing: diagnostics as text (with colour on a terminal) or JSON, and summaries.

use std::io::{IsTerminal, Write};

use serde::Serialize;

use super::ColorChoice;
use crate::diagnostics::{Diagnostic, Severity, visible};

/// Writes to stdout/stderr, colouring only where the user wants it.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    color: bool,
}

impl Printer {
    /// Decides on colour: `--color`, then NO_COLOR, then whether stdout is a terminal.
    pub fn new(choice: ColorChoice) -> Self {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
            }
        };
        Printer { color }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Bold text.
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Dimmed text.
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    /// Green text, for success.
    pub fn ok(&self, text: &str) -> String {
        self.paint("32", text)
    }

    /// One diagnostic in the compiler style:
    /// `error[code]: message`, `  --> location`, `  = hint: …`. Message, hint and location quote
    /// the inputs, so they pass through [`visible`]: a control character in a cell is shown as an
    /// escape instead of acting on the terminal, and each part stays on its one line.
    pub fn diagnostic(&self, d: &Diagnostic) -> String {
        let label = match d.severity {
            Severity::Error => self.paint("1;31", &format!("error[{}]", d.code)),
            Severity::Warning => self.paint("1;33", &format!("warning[{}]", d.code)),
        };
        let mut text = format!(
            "{label}: {}\n  {} {}\n",
            visible(&d.message),
            self.dim("-->"),
            d.location
        );
        if let Some(hint) = &d.hint {
            text.push_str(&format!("  {} {}\n", self.paint("36", "= hint:"), visible(hint)));
        }
        text
    }

    /// `N errors, M warnings` in the right colours.
    pub fn counts(&self, diagnostics: &[Diagnostic]) -> String {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        let e = format!("{errors} error{}", if errors == 1 { "" } else { "s" });
        let w = format!("{warnings} warning{}", if warnings == 1 { "" } else { "s" });
        let e = if errors > 0 { self.paint("1;31", &e) } else { e };
        let w = if warnings > 0 { self.paint("1;33", &w) } else { w };
        format!("{e}, {w}")
    }

    /// Prints diagnostics (human) to stderr, each followed by a blank line: stdout is kept for
    /// results, so that `dpi-assess score ws --format json > results.json` stays clean.
    pub fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        let mut out = std::io::stderr().lock();
        for d in diagnostics {
            let _ = writeln!(out, "{}", self.diagnostic(d));
        }
    }

    /// Prints a line about diagnostics (a command that stopped on findings, with its counts) to
    /// stderr, beside the diagnostics it sums up.
    pub fn status(&self, text: &str) {
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    }

    /// Prints a line to stdout.
    pub fn line(&self, text: &str) {
        let _ = writeln!(std::io::stdout().lock(), "{text}");
    }

    /// Prints a value as pretty JSON to stdout.
    pub fn json<T: Serialize>(&self, value: &T) {
        let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_string());
        self.line(&text);
    }

    /// Tells a person at a terminal what is taking time (stderr, so pipes and files stay clean).
    pub fn progress(&self, text: &str) {
        if std::io::stderr().is_terminal() {
            let _ = writeln!(std::io::stderr().lock(), "{}", self.dim(text));
        }
    }

    /// Prints an error that stops a command (usage or I/O) to stderr.
    pub fn fatal(&self, d: &Diagnostic) {
        let _ = write!(std::io::stderr().lock(), "{}", self.diagnostic(d));
    }
}

/// Text cut to `width` characters with an ellipsis, for terminal tables.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
