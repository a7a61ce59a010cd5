//! comparison.xlsx: a summary sheet, then one sheet per comparison table (matrix, benchmarks,
//! ranks, progress), the same rows as the CSV files with numbers stored as numbers.
//!
//! In: a [`Comparison`]. Out: the workbook bytes. Text cells come from the CSV tables, already
//! neutralised against formula injection, and are written as strings (never formulas). The
//! document date is the latest assessment date, so the same comparison gives the same bytes.

use crate::report::messages::t;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};

use super::{csv, view};
use crate::compare::Comparison;
use crate::report::csv::safe_text;

/// Builds the workbook.
pub fn render(c: &Comparison) -> Result<Vec<u8>, crate::report::xlsx::Error> {
    let v = view(c);
    let mut long = crate::report::xlsx::LongTexts::default();
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let part =
        |range: std::ops::Range<usize>| v.date.get(range).and_then(|s| s.parse::<u16>().ok()).unwrap_or(1);
    let created = ExcelDateTime::from_ymd(part(0..4).max(1900), part(5..7) as u8, part(8..10) as u8)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&v.title)
            .set_subject(&v.framework)
            .set_author(format!("dpi-assess {}", v.tool_version))
            .set_creation_datetime(&created),
    );

    let summary = workbook.add_worksheet();
    summary.set_name("summary")?;
    summary.set_column_width(0, 24)?;
    summary.set_column_width(1, 100)?;
    let mut facts: Vec<(String, String)> = vec![
        (t("xlsx-comparison"), v.title.clone()),
        (t("cover-framework"), v.framework.clone()),
        (t("xlsx-scope"), v.scope.clone()),
        (t("xlsx-indicators"), v.indicator_scope.clone()),
        (t("xlsx-rank-uncertainty"), v.uncertainty.clone()),
    ];
    for s in &v.statements {
        facts.push((t("xlsx-ranks"), s.clone()));
    }
    for s in &v.progress {
        for st in &s.steps {
            let label = format!("{} {}", s.country, st.heading);
            for line in [&st.overall, &st.counts, &st.targets, &st.roadmap] {
                facts.push((label.clone(), line.clone()));
            }
        }
    }
    for p in &v.method {
        facts.push((t("xlsx-method"), p.clone()));
    }
    facts.push((
        t("xlsx-sheets"),
        "matrix, benchmarks, ranks, progress".to_string(),
    ));
    for (r, (label, value)) in facts.iter().enumerate() {
        let (label, value) = (safe_text(label), safe_text(value));
        if long.fits("summary", (r as u32, 0), None, None, &label) {
            summary.write_string_with_format(r as u32, 0, &label, &bold)?;
        }
        if long.fits("summary", (r as u32, 1), None, Some(&label), &value) {
            summary.write_string_with_format(r as u32, 1, &value, &wrap)?;
        }
    }

    for (name, text) in [
        ("matrix", csv::matrix(c)),
        ("benchmarks", csv::benchmarks(c)),
        ("ranks", csv::ranks(c)),
        ("progress", csv::progress(c)),
    ] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut rows = 0u32;
        let mut columns = 0u16;
        let mut header: Vec<String> = Vec::new();
        for (r, record) in reader.records().flatten().enumerate() {
            let r = r as u32;
            for (col, cell) in record.iter().enumerate() {
                let col = col as u16;
                columns = columns.max(col + 1);
                let heading = header.get(usize::from(col)).map(String::as_str);
                if r == 0 {
                    header.push(cell.to_string());
                    if long.fits(name, (r, col), None, None, cell) {
                        sheet.write_string_with_format(r, col, cell, &bold)?;
                    }
                    sheet.set_column_width(col, 14)?;
                } else if cell.is_empty() {
                } else if let Some(n) = numeric(cell) {
                    sheet.write_number(r, col, n)?;
                } else if long.fits(name, (r, col), heading, None, cell) {
                    sheet.write_string(r, col, cell)?;
                }
            }
            rows = r;
        }
        sheet.set_freeze_panes(1, 0)?;
        if rows > 0 && columns > 0 {
            sheet.autofilter(0, 0, rows, columns - 1)?;
        }
    }
    long.check()?;
    Ok(workbook.save_to_buffer()?)
}

/// A plain decimal number (no `inf`, `nan` or exponent: those stay text).
fn numeric(cell: &str) -> Option<f64> {
    if cell.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
        cell.parse().ok()
    } else {
        None
    }
}
