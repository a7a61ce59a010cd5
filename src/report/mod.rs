//! Report: results → files people read (today the CSV tables; HTML, PDF, Markdown and XLSX
//! follow the same results).
//!
//! In: [`Results`](crate::model::Results). Out: text (CSV) ready to write. Pure: no I/O here;
//! the CLI writes what these functions return.

pub mod context;
pub mod csv;
