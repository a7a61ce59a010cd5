//! comparison.xlsx: a summary sheet, then one sheet per comparison table (matrix, benchmarks,
//! ranks, progress), the same rows as the CSV files with numbers stored as numbers, and, when a
//! compared country has one, a `gtmi` sheet of its World Bank GTMI editions (kept apart).
//!
//! In: a [`Comparison`]. Out: the workbook bytes. The sheets are the typed tables the CSV files
//! are written from (`compare::csv`): numbers as numbers, texts (already neutralised against
//! formula injection) as strings, never formulas and never read back as numbers. The
//! document date is the latest assessment date, so the same comparison gives the same bytes.

use crate::messages::t;
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
    if let Some(g) = &v.gtmi {
        for line in [
            &g.intro,
            &g.caveat,
            &g.scale,
            &g.missing,
            &g.attribution,
            &g.source,
        ] {
            if !line.is_empty() {
                facts.push((t("xlsx-gtmi"), line.clone()));
            }
        }
    }
    let sheets = if v.gtmi.is_some() {
        "matrix, benchmarks, ranks, progress, gtmi"
    } else {
        "matrix, benchmarks, ranks, progress"
    };
    facts.push((t("xlsx-sheets"), sheets.to_string()));
    for (r, (label, value)) in facts.iter().enumerate() {
        let (label, value) = (safe_text(label), safe_text(value));
        if long.fits("summary", (r as u32, 0), None, None, &label) {
            summary.write_string_with_format(r as u32, 0, &label, &bold)?;
        }
        if long.fits("summary", (r as u32, 1), None, Some(&label), &value) {
            summary.write_string_with_format(r as u32, 1, &value, &wrap)?;
        }
    }

    let mut tables = vec![
        csv::matrix(c),
        csv::benchmarks(c),
        csv::ranks(c),
        csv::progress(c),
    ];
    if v.gtmi.is_some() {
        tables.push(csv::gtmi(c));
    }
    for table in tables {
        crate::report::xlsx::write_table(&mut workbook, &table, &bold, &mut long)?;
    }
    long.check()?;
    Ok(workbook.save_to_buffer()?)
}
