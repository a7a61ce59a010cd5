//! The plan's figures: the roadmap Gantt chart and the projected trajectory (the architecture
//! diagram is in `architecture`).
//!
//! In: the context's [`PlanView`](crate::report::context::PlanView). Out: drawings on the parent
//! module's [`Canvas`], so that they come out as SVG for HTML and as pixels for the PDF like the
//! other charts. Not here: choosing or scheduling anything; every position is read off the plan.
//!
//! The Gantt chart has one row per indicator or Building Block the roadmap raises (not one per
//! action), grouped by the phase of its first action: a row shows the item's successive actions
//! as segments, each labelled with the level it reaches, so a reader follows one item from its
//! current level to its target along a line. The trajectory draws the overall index and each
//! pillar from today to the horizon.

use crate::messages::{t, tf};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{
    Canvas, DrawResult, GRID, INK, LABEL_TEXT, MUTED, SERIES, SMALL_TEXT, TITLE_TEXT, TRACK, WIDTH, text_on,
};
use crate::report::context::ReportContext;
use crate::report::context::plan::{ActionView, PlanView};

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
// Projected trajectory

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
