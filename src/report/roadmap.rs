//! Roadmap tables: the planned actions and the prioritised services as CSV and as an XLSX
//! workbook, for the `roadmap` command.
//!
//! In: a [`Roadmap`] and the [`ServicePriority`] list. Out: CSV text and xlsx bytes. Pure and
//! deterministic; text from the framework or the inputs is neutralised against spreadsheet
//! formulas like every other export. Each table is built once as typed cells ([`Table`]) and
//! written by both formats.

use rust_xlsxwriter::{Format, Workbook};

use super::table::{Cell, Table};
use crate::model::{Roadmap, ServicePriority};

/// The planned actions, in schedule order.
pub fn actions_table(roadmap: &Roadmap) -> Table {
    Table {
        name: "actions",
        columns: vec![
            "start_month",
            "end_month",
            "phase",
            "id",
            "title",
            "raises",
            "to_level",
            "owner",
            "owner_role",
            "contributors",
            "contributor_roles",
            "waits_for",
            "under_way_with",
            "programme",
            "cost_class",
            "cost_low",
            "cost_high",
            "funding",
            "kpis",
            "standards",
        ],
        rows: roadmap
            .actions
            .iter()
            .map(|a| {
                vec![
                    Cell::whole(a.start_month),
                    Cell::whole(a.end_month),
                    Cell::text(a.phase.code()),
                    Cell::text(&a.id),
                    Cell::text(&a.title),
                    Cell::text(&a.raises),
                    Cell::whole(a.to_level),
                    Cell::text(&a.owner),
                    Cell::text(&a.owner_role),
                    Cell::list(&a.contributors),
                    Cell::list(&a.contributor_roles),
                    Cell::list(&a.waits_for),
                    Cell::list(&a.under_way_with),
                    Cell::text(a.programme.as_deref().unwrap_or_default()),
                    Cell::text(a.cost.as_ref().map(|c| c.class.as_str()).unwrap_or_default()),
                    a.cost
                        .as_ref()
                        .map_or(Cell::Empty, |c| Cell::whole(c.range.low as f64)),
                    a.cost
                        .as_ref()
                        .map_or(Cell::Empty, |c| Cell::whole(c.range.high as f64)),
                    Cell::text(a.funding.as_deref().unwrap_or_default()),
                    Cell::list(
                        &a.kpis
                            .iter()
                            .map(crate::report::context::plan::kpi_text)
                            .collect::<Vec<_>>(),
                    ),
                    Cell::list(&a.standards),
                ]
            })
            .collect(),
    }
}

/// The services, ranked.
pub fn services_table(services: &[ServicePriority]) -> Table {
    Table {
        name: "services",
        columns: vec![
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
        ],
        rows: services
            .iter()
            .map(|s| {
                vec![
                    Cell::whole(s.rank),
                    Cell::text(s.quadrant.label()),
                    Cell::text(&s.name),
                    Cell::text(&s.owner),
                    Cell::text(&s.category),
                    Cell::text(s.digital_level.as_deref().unwrap_or_default()),
                    Cell::number(s.readiness, 1),
                    Cell::number(Some(s.impact), 3),
                    Cell::list(&s.blocked_by),
                    Cell::number(s.unblocked_month.map(f64::from), 0),
                ]
            })
            .collect(),
    }
}

/// The gaps that no action of the library closes, with the level it can reach.
pub fn uncovered_table(roadmap: &Roadmap) -> Table {
    Table {
        name: "uncovered",
        columns: vec!["id", "level", "target", "reachable"],
        rows: roadmap
            .uncovered
            .iter()
            .map(|u| {
                vec![
                    Cell::text(&u.id),
                    Cell::whole(u.level),
                    Cell::whole(u.target),
                    Cell::whole(u.reachable),
                ]
            })
            .collect(),
    }
}

/// The planned actions as CSV, in schedule order.
pub fn actions_csv(roadmap: &Roadmap) -> String {
    actions_table(roadmap).csv()
}

/// A scenario's projected index beside the base plan's, year by year: (year, base, scenario).
pub fn scenario_table(rows: &[(u32, Option<f64>, Option<f64>)]) -> Table {
    let score = |v: Option<f64>| {
        v.map_or(Cell::Empty, |v| Cell::Number {
            value: v,
            decimals: 1,
        })
    };
    Table {
        name: "scenario",
        columns: vec!["year", "end_month", "base_index", "scenario_index", "difference"],
        rows: rows
            .iter()
            .map(|&(year, base, variant)| {
                vec![
                    Cell::whole(year),
                    Cell::whole(year * 12),
                    score(base),
                    score(variant),
                    score(base.zip(variant).map(|(b, v)| v - b)),
                ]
            })
            .collect(),
    }
}

/// The services as CSV, ranked.
pub fn services_csv(services: &[ServicePriority]) -> String {
    services_table(services).csv()
}

/// A workbook with sheets actions, services and uncovered; refused with every text too long for
/// a cell, located, rather than written without them. Numbers (months, levels, ranks, scores)
/// are numbers for sorting and charting; texts stay texts, whatever they look like.
pub fn workbook(
    roadmap: &Roadmap,
    services: &[ServicePriority],
) -> Result<Vec<u8>, crate::report::xlsx::Error> {
    let mut long = crate::report::xlsx::LongTexts::default();
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let tables = [
        actions_table(roadmap),
        services_table(services),
        uncovered_table(roadmap),
    ];
    for table in &tables {
        crate::report::xlsx::write_table(&mut workbook, table, &bold, &mut long)?;
    }
    // Fixed properties so the same roadmap gives the same bytes.
    workbook.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(crate::messages::t("roadmap-heading"))
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

    /// Kalindra 2024's roadmap and ranked services.
    fn kalindra_plan() -> (Roadmap, Vec<ServicePriority>) {
        let (assessment, diagnostics) =
            crate::ingest::load_assessment(Path::new("sample-data/kalindra-2024"));
        let assessment = assessment.unwrap_or_else(|| panic!("kalindra-2024 loads: {diagnostics:?}"));
        let results = crate::score::score(&assessment);
        crate::roadmap::plan_assessment(&results, &assessment)
    }

    #[test]
    fn texts_that_look_like_numbers_stay_texts_and_numbers_are_numbers() {
        use calamine::{Data, Reader, Xlsx};
        let (roadmap, mut services) = kalindra_plan();
        services[0].name = "1e3".to_string();
        services[0].owner = "0042".to_string();
        let bytes = workbook(&roadmap, &services).unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range("services").unwrap();
        let header: Vec<String> = sheet
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let first = sheet.rows().nth(1).unwrap();
        assert_eq!(first[column("name")], Data::String("1e3".to_string()));
        assert_eq!(first[column("owner")], Data::String("0042".to_string()));
        assert_eq!(first[column("rank")], Data::Float(1.0));
        assert!(matches!(first[column("impact")], Data::Float(_)));
        assert!(
            matches!(&first[column("quadrant")], Data::String(q) if ["A", "B", "C", "D"].contains(&q.as_str())),
            "{:?}",
            first[column("quadrant")]
        );
        // The CSV shows the same texts, and the quadrant as its letter too.
        let csv = services_csv(&services);
        assert!(csv.lines().nth(1).unwrap().starts_with("1,"), "{csv}");
        assert!(csv.contains(",1e3,0042,"), "{csv}");
    }

    #[test]
    fn a_text_too_long_for_a_cell_is_located_and_the_workbook_refused() {
        let (mut roadmap, services) = kalindra_plan();
        assert!(workbook(&roadmap, &services).is_ok());
        // KPIs are each within the limit in the framework, but an action's list of them is one cell.
        let kpi = |text: &str| crate::model::PlannedKpi::Measure {
            measure: text.repeat(20_000),
            baseline: "a".to_string(),
            target: "b".to_string(),
        };
        roadmap.actions[1].kpis = vec![kpi("k"), kpi("p")];
        let Err(Error::TooLong(cells)) = workbook(&roadmap, &services) else {
            panic!("a text over the limit must be refused");
        };
        let found: Vec<(&str, u32, u32, Option<&str>, usize)> = cells
            .iter()
            .map(|c| (c.sheet, c.row, c.column, c.header.as_deref(), c.length))
            .collect();
        // Each KPI reads "measure: a → b" (20 007 characters); the two are joined by "; ".
        assert_eq!(found, vec![("actions", 3, 19, Some("kpis"), 40_016)]);
    }
}
