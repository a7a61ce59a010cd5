//! The plan's two figures: the roadmap Gantt chart and the draft national DPI architecture.
//!
//! In: the context's [`PlanView`](crate::report::context::PlanView). Out: drawings on the parent
//! module's [`Canvas`], so that they come out as SVG for HTML and as pixels for the PDF like the
//! other charts. Not here: choosing or scheduling anything; every position is read off the plan.
//!
//! The Gantt chart has one row per indicator or Building Block the roadmap raises (not one per
//! action), grouped by the phase of its first action: a row shows the item's successive actions
//! as segments, each labelled with the level it reaches, so a reader follows one item from its
//! current level to its target along a line. The architecture diagram reads top to bottom like
//! the GovStack DPI layers: channels and priority services, Building Blocks grouped by DPI
//! component, infrastructure and enabling layers.

use crate::messages::{t, tf};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{
    Canvas, DrawResult, GRID, INK, LABEL_TEXT, MUTED, NO_DATA, SERIES, SMALL_TEXT, TITLE_TEXT, TRACK, WIDTH,
    sequential, text_on,
};
use crate::report::context::ReportContext;
use crate::report::context::plan::{ActionView, ArchitectureBb, ArchitectureTile, PlanView};

/// Phase colours: the first four of the categorical palette, in phase order.
const PHASE_COLOURS: [RGBColor; 4] = [SERIES[0], SERIES[1], SERIES[2], SERIES[3]];

fn phase_colour(code: &str) -> RGBColor {
    match code {
        "foundations" => PHASE_COLOURS[0],
        "priority_services" => PHASE_COLOURS[1],
        "transformation" => PHASE_COLOURS[2],
        _ => PHASE_COLOURS[3],
    }
}

// ---------------------------------------------------------------------------------------------
// Gantt chart

const GANTT_SIDE: f64 = 10.0;
/// The row labels' column: an item's name at 10 px, cut with an ellipsis past it (the actions
/// table names every item in full).
const GANTT_LABEL: f64 = 250.0;
const GANTT_AXIS: f64 = 36.0;
const GANTT_PHASES: f64 = 24.0;
const GANTT_ROW: f64 = 17.0;
const GANTT_GROUP: f64 = 24.0;
/// Two legend lines: the phase colours, then what the number in a bar means.
const GANTT_LEGEND: f64 = 52.0;
/// Row labels and the legend.
const GANTT_TEXT: f64 = SMALL_TEXT;
/// The level in a bar.
const GANTT_MARK: f64 = 9.5;

/// One row: an item and its actions in schedule order.
struct GanttRow<'a> {
    title: &'a str,
    actions: Vec<&'a ActionView>,
}

/// Rows grouped by the phase of each item's first action, phases in roadmap order.
fn gantt_groups(plan: &PlanView) -> Vec<(&str, &str, Vec<GanttRow<'_>>)> {
    let mut rows: Vec<GanttRow<'_>> = Vec::new();
    for action in &plan.actions {
        match rows
            .iter_mut()
            .find(|r| r.actions[0].raises_id == action.raises_id)
        {
            Some(row) => row.actions.push(action),
            None => rows.push(GanttRow {
                title: &action.raises,
                actions: vec![action],
            }),
        }
    }
    plan.phases
        .iter()
        .map(|phase| {
            let mut in_phase: Vec<GanttRow<'_>> = Vec::new();
            let mut rest = Vec::new();
            for row in rows.drain(..) {
                if row.actions[0].phase == phase.code {
                    in_phase.push(row);
                } else {
                    rest.push(row);
                }
            }
            rows = rest;
            in_phase.sort_by(|a, b| {
                a.actions[0]
                    .start_month
                    .cmp(&b.actions[0].start_month)
                    .then_with(|| a.title.cmp(b.title))
            });
            (phase.code.as_str(), phase.title.as_str(), in_phase)
        })
        .filter(|(_, _, rows)| !rows.is_empty())
        .collect()
}

/// Height in logical pixels.
pub(super) fn gantt_height(ctx: &ReportContext) -> f64 {
    let groups = gantt_groups(&ctx.plan);
    if groups.is_empty() {
        return 80.0;
    }
    let rows: usize = groups.iter().map(|(_, _, rows)| rows.len()).sum();
    GANTT_AXIS + GANTT_PHASES + GANTT_GROUP * groups.len() as f64 + GANTT_ROW * rows as f64 + GANTT_LEGEND
}

pub(super) fn gantt_title(ctx: &ReportContext) -> String {
    tf(
        "chart-gantt-title",
        &[
            ("start", (&ctx.plan.start).into()),
            ("months", ctx.plan.months.into()),
        ],
    )
}

pub(super) fn gantt_alt(ctx: &ReportContext) -> String {
    let plan = &ctx.plan;
    if plan.actions.is_empty() {
        return t("chart-gantt-empty-alt");
    }
    let phases: Vec<String> = plan
        .phases
        .iter()
        .map(|p| {
            tf(
                "chart-gantt-phase",
                &[
                    ("title", (&p.title).into()),
                    ("span", (&p.span).into()),
                    ("count", p.actions.into()),
                ],
            )
        })
        .collect();
    let items = gantt_groups(plan)
        .iter()
        .map(|(_, _, rows)| rows.len())
        .sum::<usize>();
    tf(
        "chart-gantt-alt",
        &[
            ("actions", plan.actions.len().into()),
            ("items", items.into()),
            ("months", plan.months.into()),
            ("phases", phases.join("; ").into()),
        ],
    )
}

pub(super) fn draw_gantt<DB: DrawingBackend>(c: &Canvas<DB>, ctx: &ReportContext) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let plan = &ctx.plan;
    let groups = gantt_groups(plan);
    if groups.is_empty() {
        return c.text(
            &t("chart-gantt-empty"),
            (WIDTH / 2.0, 40.0),
            TITLE_TEXT,
            false,
            &MUTED,
            (HPos::Center, VPos::Center),
        );
    }
    let x0 = GANTT_SIDE + GANTT_LABEL;
    let x1 = WIDTH - GANTT_SIDE;
    let months = f64::from(plan.months.max(1));
    let x_of = |month: u32| x0 + (x1 - x0) * f64::from(month) / months;
    let rows: usize = groups.iter().map(|(_, _, rows)| rows.len()).sum();
    let body_top = GANTT_AXIS;
    let body_bottom = GANTT_AXIS + GANTT_PHASES + GANTT_GROUP * groups.len() as f64 + GANTT_ROW * rows as f64;

    // Time axis: a line at the start of each roadmap year, the year's number centred above it
    // (the caption gives the calendar month the roadmap starts).
    let year_width = (x1 - x0) * 12.0 / months;
    for tick in &plan.ticks {
        let x = x_of(tick.month);
        c.line(&[(x, body_top - 6.0), (x, body_bottom)], &GRID, 1.0)?;
        if tick.month < plan.months {
            let year = tick.month / 12 + 1;
            let long = tf("chart-year", &[("year", year.into())]);
            let label = if c.width(&long, GANTT_TEXT, false)? + 6.0 <= year_width {
                long
            } else {
                tf("chart-year-short", &[("year", year.into())])
            };
            let centre = (x + x_of((tick.month + 12).min(plan.months))) / 2.0;
            c.text(
                &label,
                (centre, body_top - 13.0),
                GANTT_TEXT,
                false,
                &MUTED,
                (HPos::Center, VPos::Center),
            )?;
        }
    }
    c.line(&[(x1, body_top - 6.0), (x1, body_bottom)], &GRID, 1.0)?;

    // Phase band: each phase's span in a lane of its own (phases overlap in time).
    let band_y = body_top + 2.0;
    let lane = (GANTT_PHASES - 6.0) / plan.phases.len().max(1) as f64;
    c.text(
        &t("phases-heading"),
        (x0 - 8.0, band_y + (GANTT_PHASES - 6.0) / 2.0),
        LABEL_TEXT,
        true,
        &INK,
        (HPos::Right, VPos::Center),
    )?;
    for (k, phase) in plan.phases.iter().enumerate() {
        let colour = phase_colour(&phase.code);
        let (left, right) = (x_of(phase.start_month), x_of(phase.end_month));
        let top = band_y + lane * k as f64;
        c.rect(
            (left, top),
            (right.max(left + 2.0), top + lane - 0.5),
            colour.filled(),
        )?;
    }

    let mut y = body_top + GANTT_PHASES;
    for (code, title, group_rows) in &groups {
        let colour = phase_colour(code);
        c.rect((GANTT_SIDE, y + 3.0), (x1, y + GANTT_GROUP - 2.0), TRACK.filled())?;
        c.text(
            title,
            (GANTT_SIDE + 4.0, y + GANTT_GROUP / 2.0 + 0.5),
            LABEL_TEXT,
            true,
            &colour,
            (HPos::Left, VPos::Center),
        )?;
        y += GANTT_GROUP;
        for row in group_rows {
            let label = c.fit(row.title, GANTT_LABEL - 12.0, GANTT_TEXT, false)?;
            c.text(
                &label,
                (x0 - 8.0, y + GANTT_ROW / 2.0),
                GANTT_TEXT,
                false,
                &INK,
                (HPos::Right, VPos::Center),
            )?;
            for action in &row.actions {
                let colour = phase_colour(&action.phase);
                let (left, right) = (x_of(action.start_month), x_of(action.end_month));
                let right = right.max(left + 2.0);
                c.rect(
                    (left, y + 2.0),
                    (right - 0.5, y + GANTT_ROW - 2.0),
                    colour.filled(),
                )?;
                let mark = action.to_level.to_string();
                if right - left >= c.width(&mark, GANTT_MARK, true)? + 3.0 {
                    c.text(
                        &mark,
                        ((left + right) / 2.0, y + GANTT_ROW / 2.0),
                        GANTT_MARK,
                        true,
                        &text_on(colour),
                        (HPos::Center, VPos::Center),
                    )?;
                }
            }
            y += GANTT_ROW;
        }
    }

    // Legend: phase colours on one line (long phase names are cut to share it), then what the
    // number in a bar means.
    let ly = body_bottom + 12.0;
    let mut x = GANTT_SIDE;
    let natural = plan
        .phases
        .iter()
        .map(|p| c.width(&p.title, GANTT_TEXT, false).map(|w| w + 24.0))
        .sum::<DrawResult<f64>>()?;
    let share = if natural <= x1 - GANTT_SIDE {
        f64::INFINITY
    } else {
        (x1 - GANTT_SIDE) / plan.phases.len().max(1) as f64 - 24.0
    };
    for phase in &plan.phases {
        let colour = phase_colour(&phase.code);
        c.rect((x, ly), (x + 14.0, ly + 10.0), colour.filled())?;
        let title = c.fit(&phase.title, share, GANTT_TEXT, false)?;
        c.text(
            &title,
            (x + 18.0, ly + 5.0),
            GANTT_TEXT,
            false,
            &INK,
            (HPos::Left, VPos::Center),
        )?;
        x += 24.0 + c.width(&title, GANTT_TEXT, false)?;
    }
    let note = c.fit(&t("chart-gantt-legend"), x1 - GANTT_SIDE, GANTT_TEXT, false)?;
    c.text(
        &note,
        (GANTT_SIDE, ly + 23.0),
        GANTT_TEXT,
        false,
        &MUTED,
        (HPos::Left, VPos::Center),
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Architecture diagram

const ARCH_SIDE: f64 = 10.0;
const ARCH_BAND_TITLE: f64 = 22.0;
/// A tile: up to three lines of name, then its detail.
const ARCH_TILE: f64 = 56.0;
const ARCH_GAP: f64 = 6.0;
/// A Building Block box: name, detail, and up to four lines of systems.
const ARCH_BB: f64 = 86.0;
const ARCH_LEGEND: f64 = 32.0;
/// Names in tiles and boxes.
const ARCH_NAME: f64 = 10.5;
/// Details and systems.
const ARCH_DETAIL: f64 = 9.5;
/// Lines of text in a tile or box, baseline to baseline.
const ARCH_LINE: f64 = 12.0;
/// Building Blocks per row in the full-width shared-services panel: as wide as a narrow-DPI
/// panel, so a name and a system fit at 10 px.
const ARCH_SHARED_COLUMNS: usize = 3;
/// Most tiles per row in the service band.
const ARCH_SERVICE_COLUMNS: usize = 4;

/// The narrow-DPI panels (side by side) and the rest (full width below).
fn arch_panels(ctx: &ReportContext) -> (Vec<usize>, Option<usize>) {
    let components = &ctx.plan.architecture.components;
    let shared_title = t("component-shared");
    let shared = components.iter().position(|c| c.title == shared_title);
    let narrow = (0..components.len()).filter(|&i| Some(i) != shared).collect();
    (narrow, shared)
}

fn tile_rows(count: usize, per_row: usize) -> usize {
    count.div_ceil(per_row.max(1))
}

/// Height in logical pixels.
pub(super) fn architecture_height(ctx: &ReportContext) -> f64 {
    let arch = &ctx.plan.architecture;
    let band = |tiles: usize, per_row: usize| {
        if tiles == 0 {
            0.0
        } else {
            ARCH_BAND_TITLE + tile_rows(tiles, per_row) as f64 * (ARCH_TILE + ARCH_GAP) + ARCH_GAP
        }
    };
    let (narrow, shared) = arch_panels(ctx);
    let narrow_height = narrow
        .iter()
        .map(|&i| arch.components[i].building_blocks.len())
        .max()
        .map_or(0.0, |n| ARCH_BAND_TITLE + n as f64 * (ARCH_BB + ARCH_GAP));
    let shared_height = shared.map_or(0.0, |i| {
        ARCH_BAND_TITLE
            + tile_rows(arch.components[i].building_blocks.len(), ARCH_SHARED_COLUMNS) as f64
                * (ARCH_BB + ARCH_GAP)
    });
    12.0 + band(arch.channels.len(), 5)
        + band(arch.services.len(), ARCH_SERVICE_COLUMNS)
        + ARCH_BAND_TITLE
        + narrow_height
        + shared_height
        + ARCH_GAP * 2.0
        + band(arch.infrastructure.len(), 6)
        + band(arch.enablers.len(), 4)
        + ARCH_LEGEND
}

pub(super) fn architecture_title(ctx: &ReportContext) -> String {
    tf(
        "chart-architecture-title",
        &[("country", (&ctx.meta.country).into())],
    )
}

pub(super) fn architecture_alt(ctx: &ReportContext) -> String {
    let arch = &ctx.plan.architecture;
    let groups: Vec<String> = arch
        .components
        .iter()
        .map(|g| {
            let bbs: Vec<String> = g
                .building_blocks
                .iter()
                .map(|b| format!("{} ({})", b.name, b.detail))
                .collect();
            format!("{}: {}", g.title, bbs.join(", "))
        })
        .collect();
    // The section's paragraph already reads the diagram; the alternative lists its boxes.
    let infrastructure: Vec<String> = arch
        .infrastructure
        .iter()
        .chain(&arch.enablers)
        .map(|t| format!("{} ({})", t.title, t.detail))
        .collect();
    tf(
        "chart-architecture-alt",
        &[
            ("components", groups.join(". ").into()),
            ("layers", infrastructure.join(", ").into()),
        ],
    )
}

/// Fill colour for a level (grey without one).
fn level_fill(level: Option<u8>) -> RGBColor {
    level.map_or(NO_DATA, |l| sequential(f64::from(l)))
}

/// A band's title along its top edge.
fn band_title<DB: DrawingBackend>(c: &Canvas<DB>, title: &str, y: f64) -> DrawResult
where
    DB::ErrorType: 'static,
{
    c.text(
        title,
        (ARCH_SIDE, y + ARCH_BAND_TITLE / 2.0),
        TITLE_TEXT,
        true,
        &INK,
        (HPos::Left, VPos::Center),
    )
}

/// A band of equal tiles, `per_row` to a row; returns the y below it.
fn tile_band<DB: DrawingBackend>(
    c: &Canvas<DB>,
    title: &str,
    tiles: &[ArchitectureTile],
    per_row: usize,
    y: f64,
) -> DrawResult<f64>
where
    DB::ErrorType: 'static,
{
    if tiles.is_empty() {
        return Ok(y);
    }
    band_title(c, title, y)?;
    let top = y + ARCH_BAND_TITLE;
    let columns = per_row.min(tiles.len()).max(1);
    let width = (WIDTH - 2.0 * ARCH_SIDE - ARCH_GAP * (columns as f64 - 1.0)) / columns as f64;
    for (i, tile) in tiles.iter().enumerate() {
        let (row, col) = (i / columns, i % columns);
        let left = ARCH_SIDE + col as f64 * (width + ARCH_GAP);
        let tile_top = top + row as f64 * (ARCH_TILE + ARCH_GAP);
        let fill = level_fill(tile.level);
        c.rect(
            (left, tile_top),
            (left + width, tile_top + ARCH_TILE),
            fill.filled(),
        )?;
        let ink = text_on(fill);
        // A long name takes up to three lines, centred above the detail on the tile's last line.
        let names: Vec<_> = c
            .wrap(&tile.title, width - 8.0, ARCH_NAME, true, 3)?
            .into_iter()
            .map(|l| (l, ARCH_NAME, true, ink))
            .collect();
        c.block(
            &names,
            (left + width / 2.0, tile_top + (ARCH_TILE - 14.0) / 2.0 + 1.0),
            ARCH_LINE,
            (HPos::Center, VPos::Center),
        )?;
        let detail = c.fit(&tile.detail, width - 8.0, ARCH_DETAIL, false)?;
        c.text(
            &detail,
            (left + width / 2.0, tile_top + ARCH_TILE - 9.0),
            ARCH_DETAIL,
            false,
            &ink,
            (HPos::Center, VPos::Center),
        )?;
    }
    Ok(top + tile_rows(tiles.len(), columns) as f64 * (ARCH_TILE + ARCH_GAP))
}

/// One Building Block box.
fn bb_box<DB: DrawingBackend>(
    c: &Canvas<DB>,
    bb: &ArchitectureBb,
    left: f64,
    top: f64,
    width: f64,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let fill = level_fill(bb.level);
    c.rect((left, top), (left + width, top + ARCH_BB), fill.filled())?;
    c.rect((left, top), (left + width, top + ARCH_BB), GRID.stroke_width(1))?;
    let ink = text_on(fill);
    let name = c.fit(&bb.name, width - 8.0, ARCH_NAME, true)?;
    c.text(
        &name,
        (left + 4.0, top + 11.0),
        ARCH_NAME,
        true,
        &ink,
        (HPos::Left, VPos::Center),
    )?;
    let detail = c.fit(&bb.detail, width - 8.0, ARCH_DETAIL, false)?;
    c.text(
        &detail,
        (left + 4.0, top + 11.0 + ARCH_LINE + 1.0),
        ARCH_DETAIL,
        false,
        &ink,
        (HPos::Left, VPos::Center),
    )?;
    if bb.systems.is_empty() {
        c.text(
            &t("architecture-no-system"),
            (left + 4.0, top + 11.0 + 2.0 * ARCH_LINE + 4.0),
            ARCH_DETAIL,
            false,
            &ink,
            (HPos::Left, VPos::Center),
        )?;
    }
    for (i, system) in bb.systems.iter().enumerate() {
        let line = c.fit(&format!("▪ {system}"), width - 8.0, ARCH_DETAIL, false)?;
        c.text(
            &line,
            (left + 4.0, top + 11.0 + (2.0 + i as f64) * ARCH_LINE + 4.0),
            ARCH_DETAIL,
            false,
            &ink,
            (HPos::Left, VPos::Center),
        )?;
    }
    Ok(())
}

pub(super) fn draw_architecture<DB: DrawingBackend>(c: &Canvas<DB>, ctx: &ReportContext) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let arch = &ctx.plan.architecture;
    let mut y = 6.0;
    y = tile_band(c, &t("chart-architecture-channels"), &arch.channels, 5, y)?;
    y = tile_band(
        c,
        &t("chart-architecture-services"),
        &arch.services,
        ARCH_SERVICE_COLUMNS,
        y,
    )?;

    // Building Blocks: the narrow DPI side by side, shared services below across the width.
    let (narrow, shared) = arch_panels(ctx);
    band_title(c, &t("chart-architecture-bbs"), y)?;
    y += ARCH_BAND_TITLE;
    let panel_top = y;
    if !narrow.is_empty() {
        let n = narrow.len() as f64;
        let width = (WIDTH - 2.0 * ARCH_SIDE - ARCH_GAP * (n - 1.0)) / n;
        let mut deepest = panel_top;
        for (k, &i) in narrow.iter().enumerate() {
            let group = &arch.components[i];
            let left = ARCH_SIDE + k as f64 * (width + ARCH_GAP);
            let title = c.fit(&group.title, width, LABEL_TEXT, true)?;
            c.text(
                &title,
                (left, panel_top + ARCH_BAND_TITLE / 2.0),
                LABEL_TEXT,
                true,
                &MUTED,
                (HPos::Left, VPos::Center),
            )?;
            let mut top = panel_top + ARCH_BAND_TITLE;
            for bb in &group.building_blocks {
                bb_box(c, bb, left, top, width)?;
                top += ARCH_BB + ARCH_GAP;
            }
            deepest = deepest.max(top);
        }
        y = deepest;
    }
    if let Some(i) = shared {
        let group = &arch.components[i];
        c.text(
            &group.title,
            (ARCH_SIDE, y + ARCH_BAND_TITLE / 2.0),
            LABEL_TEXT,
            true,
            &MUTED,
            (HPos::Left, VPos::Center),
        )?;
        let top = y + ARCH_BAND_TITLE;
        let columns = ARCH_SHARED_COLUMNS as f64;
        let width = (WIDTH - 2.0 * ARCH_SIDE - ARCH_GAP * (columns - 1.0)) / columns;
        for (k, bb) in group.building_blocks.iter().enumerate() {
            let (row, col) = (k / ARCH_SHARED_COLUMNS, k % ARCH_SHARED_COLUMNS);
            bb_box(
                c,
                bb,
                ARCH_SIDE + col as f64 * (width + ARCH_GAP),
                top + row as f64 * (ARCH_BB + ARCH_GAP),
                width,
            )?;
        }
        y = top + tile_rows(group.building_blocks.len(), ARCH_SHARED_COLUMNS) as f64 * (ARCH_BB + ARCH_GAP);
    }
    y += ARCH_GAP;
    c.line(&[(ARCH_SIDE, y), (WIDTH - ARCH_SIDE, y)], &GRID, 1.0)?;
    y += ARCH_GAP;
    y = tile_band(c, &arch.infrastructure_title, &arch.infrastructure, 6, y)?;
    y = tile_band(c, &t("architecture-enabling-layers"), &arch.enablers, 4, y)?;

    // Legend: the level colours.
    let ly = y + 8.0;
    let level = t("col-level");
    c.text(
        &level,
        (ARCH_SIDE, ly + 7.0),
        LABEL_TEXT,
        false,
        &MUTED,
        (HPos::Left, VPos::Center),
    )?;
    let mut x = ARCH_SIDE + c.width(&level, LABEL_TEXT, false)? + 8.0;
    for level in 0..=4u8 {
        let fill = sequential(f64::from(level));
        c.rect((x, ly), (x + 26.0, ly + 14.0), fill.filled())?;
        c.text(
            &level.to_string(),
            (x + 13.0, ly + 7.0),
            SMALL_TEXT,
            true,
            &text_on(fill),
            (HPos::Center, VPos::Center),
        )?;
        x += 30.0;
    }
    c.rect((x + 8.0, ly), (x + 34.0, ly + 14.0), NO_DATA.filled())?;
    c.text(
        &t("chart-no-data"),
        (x + 40.0, ly + 7.0),
        SMALL_TEXT,
        false,
        &MUTED,
        (HPos::Left, VPos::Center),
    )?;
    Ok(())
}

/// Height of the trajectory chart in logical pixels: the plot, the axis and a legend row per two
/// series.
pub(super) fn trajectory_height(ctx: &ReportContext) -> f64 {
    let series = 1 + ctx.plan.outlook.trajectory.pillars.len();
    TRAJECTORY_TOP + TRAJECTORY_PLOT + 40.0 + 18.0 * series.div_ceil(2) as f64
}

const TRAJECTORY_TOP: f64 = 16.0;
const TRAJECTORY_PLOT: f64 = 220.0;
const TRAJECTORY_LEFT: f64 = 48.0;
const TRAJECTORY_RIGHT: f64 = 24.0;

pub(super) fn trajectory_title(_ctx: &ReportContext) -> String {
    t("chart-trajectory-title")
}

pub(super) fn trajectory_alt(ctx: &ReportContext) -> String {
    let trajectory = &ctx.plan.outlook.trajectory;
    if trajectory.years.len() < 2 {
        return trajectory.summary.clone();
    }
    let points: Vec<String> = trajectory
        .years
        .iter()
        .map(|y| format!("{} {}", y.label, y.overall_display))
        .collect();
    tf("chart-trajectory-alt", &[("points", points.join("; ").into())])
}

/// Lines from today's scores to the horizon's: the overall index thick, each pillar thin in its
/// own colour, on a 0–100 scale with the level bands marked.
pub(super) fn draw_trajectory<DB: DrawingBackend>(c: &Canvas<DB>, ctx: &ReportContext) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let trajectory = &ctx.plan.outlook.trajectory;
    let years = &trajectory.years;
    let (x0, x1) = (TRAJECTORY_LEFT, WIDTH - TRAJECTORY_RIGHT);
    let (top, bottom) = (TRAJECTORY_TOP, TRAJECTORY_TOP + TRAJECTORY_PLOT);
    let last = years.last().map_or(1, |y| y.year.max(1));
    let x = |year: u32| x0 + (x1 - x0) * f64::from(year) / f64::from(last);
    let y = |score: f64| bottom - (bottom - top) * score.clamp(0.0, 100.0) / 100.0;
    for tick in (0..=100).step_by(25) {
        let at = y(f64::from(tick));
        c.line(&[(x0, at), (x1, at)], &GRID, 1.0)?;
        c.text(
            &tick.to_string(),
            (x0 - 6.0, at),
            LABEL_TEXT,
            false,
            &MUTED,
            (HPos::Right, VPos::Center),
        )?;
    }
    for year in years {
        c.text(
            &year.year.to_string(),
            (x(year.year), bottom + 6.0),
            LABEL_TEXT,
            false,
            &MUTED,
            (HPos::Center, VPos::Top),
        )?;
    }
    c.text(
        &t("chart-trajectory-axis"),
        ((x0 + x1) / 2.0, bottom + 22.0),
        SMALL_TEXT,
        false,
        &MUTED,
        (HPos::Center, VPos::Top),
    )?;
    let series = |index: Option<usize>| -> Vec<(f64, f64)> {
        years
            .iter()
            .filter_map(|year| {
                let score = match index {
                    None => year.overall,
                    Some(i) => year.pillar_scores.get(i).copied().flatten(),
                };
                score.map(|s| (x(year.year), y(s)))
            })
            .collect()
    };
    for (i, _) in trajectory.pillars.iter().enumerate() {
        let colour = SERIES[(i + 1) % SERIES.len()];
        let points = series(Some(i));
        if points.len() > 1 {
            c.line(&points, &colour, 1.5)?;
        }
        for &p in &points {
            c.dot(p, 2.5, &colour, true)?;
        }
    }
    let overall = series(None);
    if overall.len() > 1 {
        c.line(&overall, &INK, 3.0)?;
    }
    for &p in &overall {
        c.dot(p, 3.5, &INK, true)?;
    }
    // Legend: two series a row.
    let legend_top = bottom + 44.0;
    let names = std::iter::once((t("col-overall"), INK))
        .chain(
            trajectory
                .pillars
                .iter()
                .enumerate()
                .map(|(i, name)| (name.clone(), SERIES[(i + 1) % SERIES.len()])),
        )
        .collect::<Vec<_>>();
    let column = (x1 - x0) / 2.0;
    for (i, (name, colour)) in names.iter().enumerate() {
        let lx = x0 + column * (i % 2) as f64;
        let ly = legend_top + 18.0 * (i / 2) as f64;
        c.line(
            &[(lx, ly), (lx + 18.0, ly)],
            colour,
            if i == 0 { 3.0 } else { 1.5 },
        )?;
        let label = c.fit(name, column - 28.0, SMALL_TEXT, false)?;
        c.text(
            &label,
            (lx + 24.0, ly),
            SMALL_TEXT,
            false,
            &INK,
            (HPos::Left, VPos::Center),
        )?;
    }
    Ok(())
}
