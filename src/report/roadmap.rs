//! Roadmap tables: the planned actions and the prioritised services as CSV and as an XLSX
//! workbook, for the `roadmap` command.
//!
//! In: a [`Roadmap`] and the [`ServicePriority`] list. Out: CSV text and xlsx bytes. Pure and
//! deterministic; text from the framework or the inputs is neutralised against spreadsheet
//! formulas like every other export.

use rust_xlsxwriter::{Format, Workbook};

use super::csv::{row, safe_text};
use crate::model::{Roadmap, ServicePriority};

const ACTION_COLUMNS: [&str; 12] = [
    "start_month",
    "end_month",
    "phase",
    "id",
    "title",
    "raises",
    "to_level",
    "owner",
    "owner_role",
    "waits_for",
    "kpis",
    "standards",
];

fn action_cells(roadmap: &Roadmap) -> Vec<Vec<String>> {
    roadmap
        .actions
        .iter()
        .map(|a| {
            vec![
                a.start_month.to_string(),
                a.end_month.to_string(),
                a.phase.code().to_string(),
                a.id.clone(),
                safe_text(&a.title),
                a.raises.clone(),
                a.to_level.to_string(),
                safe_text(&a.owner),
                a.owner_role.clone(),
                a.waits_for.join("; "),
                safe_text(&a.kpis.join("; ")),
                safe_text(&a.standards.join("; ")),
            ]
        })
        .collect()
}

const SERVICE_COLUMNS: [&str; 10] = [
    "rank",
    "quadrant",
    "name",
    "owner",
    "category",
    "digital_level",
    "readiness",
    "impact",
    "blocked_by",
    "unblocked_month",
];

fn service_cells(services: &[ServicePriority]) -> Vec<Vec<String>> {
    services
        .iter()
        .map(|s| {
            vec![
                s.rank.to_string(),
                format!("{:?}", s.quadrant),
                safe_text(&s.name),
                safe_text(&s.owner),
                s.category.clone(),
                s.digital_level.clone().unwrap_or_default(),
                s.readiness.map(|r| format!("{r:.1}")).unwrap_or_default(),
                format!("{:.3}", s.impact),
                s.blocked_by.join("; "),
                s.unblocked_month.map(|m| m.to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}

/// The planned actions, in schedule order.
pub fn actions_csv(roadmap: &Roadmap) -> String {
    let mut out = row(&ACTION_COLUMNS.map(String::from));
    for cells in action_cells(roadmap) {
        out.push_str(&row(&cells));
    }
    out
}

/// The services, ranked.
pub fn services_csv(services: &[ServicePriority]) -> String {
    let mut out = row(&SERVICE_COLUMNS.map(String::from));
    for cells in service_cells(services) {
        out.push_str(&row(&cells));
    }
    out
}

/// One sheet: name, header, rows of text cells.
type Sheet<'a> = (&'static str, Vec<&'a str>, Vec<Vec<String>>);

/// A workbook with sheets actions, services and uncovered; refused with every text too long for
/// a cell, located, rather than written without them.
pub fn workbook(
    roadmap: &Roadmap,
    services: &[ServicePriority],
) -> Result<Vec<u8>, crate::report::xlsx::Error> {
    let mut long = crate::report::xlsx::LongTexts::default();
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let uncovered: Vec<Vec<String>> = roadmap
        .uncovered
        .iter()
        .map(|u| {
            vec![
                u.id.clone(),
                u.level.to_string(),
                u.target.to_string(),
                u.reachable.to_string(),
            ]
        })
        .collect();
    let sheets: [Sheet<'_>; 3] = [
        ("actions", ACTION_COLUMNS.to_vec(), action_cells(roadmap)),
        ("services", SERVICE_COLUMNS.to_vec(), service_cells(services)),
        ("uncovered", vec!["id", "level", "target", "reachable"], uncovered),
    ];
    for (name, header, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        for (c, h) in header.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                // Months, levels and ranks are numbers for sorting and charting.
                let at = (r as u32 + 1, c as u16);
                match cell.parse::<f64>() {
                    Ok(n) if !cell.is_empty() => {
                        sheet.write_number(at.0, at.1, n)?;
                    }
                    _ => {
                        if long.fits(name, at, header.get(c).copied(), None, cell) {
                            sheet.write_string(at.0, at.1, cell)?;
                        }
                    }
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    // Fixed properties so the same roadmap gives the same bytes.
    workbook.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title("Implementation roadmap")
            .set_author("dpi-assess")
            .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    long.check()?;
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::report::xlsx::Error;

    #[test]
    fn a_text_too_long_for_a_cell_is_located_and_the_workbook_refused() {
        let (assessment, diagnostics) =
            crate::ingest::load_assessment(Path::new("sample-data/kalindra-2024"));
        let assessment = assessment.unwrap_or_else(|| panic!("kalindra-2024 loads: {diagnostics:?}"));
        let results = crate::score::score(&assessment);
        let (mut roadmap, services) = crate::roadmap::plan_assessment(&results, &assessment);
        assert!(workbook(&roadmap, &services).is_ok());
        // KPIs are each within the limit in the framework, but an action's list of them is one cell.
        roadmap.actions[1].kpis = vec!["k".repeat(20_000), "p".repeat(20_000)];
        let Err(Error::TooLong(cells)) = workbook(&roadmap, &services) else {
            panic!("a text over the limit must be refused");
        };
        let found: Vec<(&str, u32, u32, Option<&str>, usize)> = cells
            .iter()
            .map(|c| (c.sheet, c.row, c.column, c.header.as_deref(), c.length))
            .collect();
        assert_eq!(found, vec![("actions", 3, 11, Some("kpis"), 40_002)]);
    }
}
