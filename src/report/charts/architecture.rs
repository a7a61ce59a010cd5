//! The architecture diagram: the national DPI in the GovStack layers, today beside the target.
//!
//! In: the context's [`PlanView`](crate::report::context::PlanView): the today view
//! (`architecture`: channels, services, Building Blocks with their systems, infrastructure and
//! enabling layers) and, when the framework proposes one, the target (`target`). Out: a drawing
//! on the parent module's [`Canvas`]. Not here: deciding anything; every box is read off the plan.
//!
//! The diagram reads top to bottom: channels and priority services across the width; then the
//! Building Blocks in two columns, "Today" and "Target", with the same groups (identity,
//! payments, data exchange, shared services, infrastructure) and the same boxes on the same rows,
//! so a reader compares a box with its neighbour; then infrastructure and enabling layers and the
//! legend. A today box is coloured by today's level and lists today's systems; a target box is
//! coloured by its target level and shows the platform, the systems moving onto it (`→`), those
//! retired (struck through) and those that stay; boxes the target leaves alone are drawn lighter.
//! In the target column the information mediator is a bus below its group, and every box that
//! exchanges through it has a flow line down the lane between the boxes to the bus.
//! Without a target (a framework with no architecture rules) the today diagram is drawn alone.
//!
//! Heights come from one layout ([`middle_layout`]) that both the height and the drawing use, so
//! a box is as tall as its text and the chart as tall as its boxes.

use crate::messages::{t, tf};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{
    Canvas, DrawResult, GRID, INK, LABEL_TEXT, MUTED, NO_DATA, SMALL_TEXT, TITLE_TEXT, WIDTH, fit_text,
    sequential, text_on, wrap_text,
};
use crate::report::context::ReportContext;
use crate::report::context::plan::{ArchitectureBb, ArchitectureTile};
use crate::report::context::target::{TargetBox, TargetView};

/// Height in logical pixels.
pub(super) fn height(ctx: &ReportContext) -> f64 {
    match &ctx.plan.target {
        // A layout that cannot be measured (no font) fails in the drawing, which says why.
        Some(target) => target_height(ctx, target).unwrap_or(80.0),
        None => today_height(ctx),
    }
}

pub(super) fn title(ctx: &ReportContext) -> String {
    match &ctx.plan.target {
        Some(_) => tf("chart-target-title", &[("country", (&ctx.meta.country).into())]),
        None => today_title(ctx),
    }
}

pub(super) fn alt(ctx: &ReportContext) -> String {
    match &ctx.plan.target {
        Some(target) => target.alt.clone(),
        None => today_alt(ctx),
    }
}

pub(super) fn draw<DB: DrawingBackend>(c: &Canvas<DB>, ctx: &ReportContext) -> DrawResult
where
    DB::ErrorType: 'static,
{
    match &ctx.plan.target {
        Some(target) => draw_beside(c, ctx, target),
        None => draw_today(c, ctx),
    }
}

// ---------------------------------------------------------------------------------------------
// Today only

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

/// Height of a band of `tiles` tiles, `per_row` to a row, as [`tile_band`] draws it.
fn band_height(tiles: usize, per_row: usize) -> f64 {
    if tiles == 0 {
        0.0
    } else {
        ARCH_BAND_TITLE + tile_rows(tiles, per_row) as f64 * (ARCH_TILE + ARCH_GAP) + ARCH_GAP
    }
}

/// Height of the today-only diagram in logical pixels.
fn today_height(ctx: &ReportContext) -> f64 {
    let arch = &ctx.plan.architecture;
    let band = band_height;
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

fn today_title(ctx: &ReportContext) -> String {
    tf(
        "chart-architecture-title",
        &[("country", (&ctx.meta.country).into())],
    )
}

fn today_alt(ctx: &ReportContext) -> String {
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

/// The channels and priority-services bands both drawings open with; returns the y below them.
fn top_bands<DB: DrawingBackend>(c: &Canvas<DB>, ctx: &ReportContext) -> DrawResult<f64>
where
    DB::ErrorType: 'static,
{
    let arch = &ctx.plan.architecture;
    let y = tile_band(c, &t("chart-architecture-channels"), &arch.channels, 5, 6.0)?;
    tile_band(
        c,
        &t("chart-architecture-services"),
        &arch.services,
        ARCH_SERVICE_COLUMNS,
        y,
    )
}

fn draw_today<DB: DrawingBackend>(c: &Canvas<DB>, ctx: &ReportContext) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let arch = &ctx.plan.architecture;
    let mut y = top_bands(c, ctx)?;

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

    level_legend(c, y + 8.0)
}

/// The level colours' legend, its top at `ly`: a line [`ARCH_LEGEND`] high with its margin.
fn level_legend<DB: DrawingBackend>(c: &Canvas<DB>, ly: f64) -> DrawResult
where
    DB::ErrorType: 'static,
{
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

// ---------------------------------------------------------------------------------------------
// Today beside the target

/// Between the today and the target column.
const COLUMN_GAP: f64 = 12.0;
/// Between the two boxes of a row; in the target column the flows run down it to the bus.
const LANE: f64 = 14.0;
/// The "Today" and "Target" headings.
const COLUMN_HEAD: f64 = 20.0;
/// A group's title above its boxes.
const GROUP_TITLE: f64 = 18.0;
/// Above the first and below the last line of a box.
const BOX_PAD: f64 = 5.0;
/// Systems a target box lists before `+N more` (the decisions table lists every one).
const MAX_SYSTEMS: usize = 8;
/// A wrapped system name's second line, under the name past the mark (`→ `, `✕ `, `▪ `).
const INDENT: f64 = 10.0;
/// The mediator bus, and the space above and below it.
const BUS: f64 = 22.0;
const BUS_MARGIN: f64 = 10.0;
/// A line of the line-style legend.
const LEGEND_ROW: f64 = 18.0;
/// Two lines of line styles below the level colours.
const STYLE_LEGEND: f64 = 2.0 * LEGEND_ROW + 6.0;
/// The mediator's colour: the bus's edge and the flows (Okabe–Ito vermillion, apart from the
/// blue level scale); the bus is filled with a light tint of it so its name reads in ink.
const FLOW: RGBColor = RGBColor(213, 94, 0);
const BUS_FILL: RGBColor = RGBColor(253, 216, 180);

fn column_width() -> f64 {
    (WIDTH - 2.0 * ARCH_SIDE - COLUMN_GAP) / 2.0
}

fn box_width() -> f64 {
    (column_width() - LANE) / 2.0
}

fn column_left(target: bool) -> f64 {
    if target {
        ARCH_SIDE + column_width() + COLUMN_GAP
    } else {
        ARCH_SIDE
    }
}

fn slot_left(target: bool, slot: usize) -> f64 {
    column_left(target) + slot as f64 * (box_width() + LANE)
}

/// The middle of the lane the target column's flows run down.
fn lane_centre() -> f64 {
    column_left(true) + box_width() + LANE / 2.0
}

/// A box the target leaves as it is: a light tint of its level's colour, so that the boxes that
/// change stand out at full colour.
fn unchanged_fill(level: u8) -> RGBColor {
    let RGBColor(r, g, b) = sequential(f64::from(level));
    let tint = |v: u8| (f64::from(v) + (255.0 - f64::from(v)) * 0.7).round() as u8;
    RGBColor(tint(r), tint(g), tint(b))
}

/// How a line of a box is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    /// Struck through: a retired system.
    Retired,
}

/// A line of text in a box, already fitted to its width.
struct BoxLine {
    text: String,
    size: f64,
    bold: bool,
    mark: Mark,
    /// A wrapped system name's next lines start under the name, past its mark.
    indent: f64,
}

impl BoxLine {
    fn plain(text: String, size: f64, bold: bool) -> Self {
        Self {
            text,
            size,
            bold,
            mark: Mark::Plain,
            indent: 0.0,
        }
    }
}

/// A Building Block on a row of both columns.
struct PlacedBox<'a> {
    bb: &'a TargetBox,
    /// 0 left of the lane, 1 right of it.
    slot: usize,
    /// From the top of the middle section.
    top: f64,
    /// Both columns' boxes of a row are as tall as the tallest of them.
    height: f64,
    today: Vec<BoxLine>,
    target: Vec<BoxLine>,
}

/// The two columns, positions from the top of the middle section.
struct Middle<'a> {
    /// Group titles and where they stand.
    groups: Vec<(String, f64)>,
    boxes: Vec<PlacedBox<'a>>,
    /// Top of the mediator bus.
    bus: Option<f64>,
    height: f64,
}

fn box_height(lines: usize) -> f64 {
    2.0 * BOX_PAD + lines as f64 * ARCH_LINE
}

/// The name, wrapped on two lines at most.
fn name_lines(name: &str, width: f64) -> DrawResult<Vec<BoxLine>> {
    Ok(wrap_text(name, width, ARCH_NAME, true, 2)?
        .into_iter()
        .map(|l| BoxLine::plain(l, ARCH_NAME, true))
        .collect())
}

/// `+N more` when a box lists fewer systems than there are.
fn more_line(count: usize, width: f64) -> DrawResult<BoxLine> {
    Ok(BoxLine::plain(
        fit_text(
            &tf("architecture-more-systems", &[("count", count.into())]),
            width,
            ARCH_DETAIL,
            false,
        )?,
        ARCH_DETAIL,
        false,
    ))
}

/// A system's line: its mark and name on up to three lines before it is cut (the names of what
/// is retired or moved are what the IT heads look for), the next lines indented past the mark.
fn system_lines(text: &str, mark: Mark, width: f64) -> DrawResult<Vec<BoxLine>> {
    Ok(wrap_text(text, width - INDENT, ARCH_DETAIL, false, 3)?
        .into_iter()
        .enumerate()
        .map(|(k, line)| BoxLine {
            text: line,
            size: ARCH_DETAIL,
            bold: false,
            mark,
            indent: if k == 0 { 0.0 } else { INDENT },
        })
        .collect())
}

/// A today box: name, level and score, today's systems.
fn today_lines(bb: &TargetBox, today: Option<&ArchitectureBb>, width: f64) -> DrawResult<Vec<BoxLine>> {
    let mut lines = name_lines(&bb.name, width)?;
    let Some(today) = today else {
        lines.push(BoxLine::plain(
            fit_text(&t("architecture-no-system"), width, ARCH_DETAIL, false)?,
            ARCH_DETAIL,
            false,
        ));
        return Ok(lines);
    };
    lines.push(BoxLine::plain(
        fit_text(&today.detail, width, ARCH_DETAIL, false)?,
        ARCH_DETAIL,
        false,
    ));
    if today.systems.is_empty() {
        lines.push(BoxLine::plain(
            fit_text(&t("architecture-no-system"), width, ARCH_DETAIL, false)?,
            ARCH_DETAIL,
            false,
        ));
    }
    for system in &today.systems {
        lines.extend(system_lines(&format!("▪ {system}"), Mark::Plain, width)?);
    }
    Ok(lines)
}

/// A target box: name, the platform in bold, then the systems moving onto it, those retired and
/// those that stay.
fn target_lines(bb: &TargetBox, width: f64) -> DrawResult<Vec<BoxLine>> {
    let mut lines = name_lines(&bb.name, width)?;
    for line in wrap_text(&bb.platform, width, ARCH_DETAIL, true, 2)? {
        lines.push(BoxLine::plain(line, ARCH_DETAIL, true));
    }
    // At most [`MAX_SYSTEMS`] systems, then `+N more` (a national inventory retires hundreds):
    // retirements take the room first, since a reader must see what is struck through, then the
    // systems moving onto the platform, then those that stay.
    let retired = bb.retired.len().min(MAX_SYSTEMS);
    let moved = bb.consolidated.len().min(MAX_SYSTEMS - retired);
    let stays = bb.stays.len().min(MAX_SYSTEMS - retired - moved);
    let total = bb.retired.len() + bb.consolidated.len() + bb.stays.len();
    let (retired, moved, stays) = if retired + moved + stays < total {
        // One line goes to `+N more`: taken from the last kind shown.
        match (stays, moved) {
            (1.., _) => (retired, moved, stays - 1),
            (0, 1..) => (retired, moved - 1, stays),
            _ => (retired.saturating_sub(1), moved, stays),
        }
    } else {
        (retired, moved, stays)
    };
    let hidden = total - retired - moved - stays;
    let systems: Vec<(String, Mark)> = bb.consolidated[..moved]
        .iter()
        .map(|s| (format!("→ {s}"), Mark::Plain))
        .chain(
            bb.retired[..retired]
                .iter()
                .map(|s| (format!("✕ {s}"), Mark::Retired)),
        )
        .chain(bb.stays[..stays].iter().map(|s| (format!("▪ {s}"), Mark::Plain)))
        .collect();
    for (text, mark) in &systems {
        lines.extend(system_lines(text, *mark, width)?);
    }
    if hidden > 0 {
        lines.push(more_line(hidden, width)?);
    }
    Ok(lines)
}

/// Where every group title, box and the bus go in the two columns. The mediator's box is the
/// last of its group (in both columns, so rows stay side by side) and the bus runs right below
/// it, so the box sits on the bus.
fn middle_layout<'a>(ctx: &ReportContext, target: &'a TargetView) -> DrawResult<Middle<'a>> {
    let width = box_width() - 8.0;
    let today_of = |id: &str| {
        ctx.plan
            .architecture
            .components
            .iter()
            .flat_map(|g| &g.building_blocks)
            .find(|b| b.id == id)
    };
    let bus_after = target
        .groups
        .iter()
        .position(|g| g.building_blocks.iter().any(|b| b.is_mediator))
        .or_else(|| target.groups.iter().rposition(|g| !g.infrastructure));
    let mut middle = Middle {
        groups: Vec::new(),
        boxes: Vec::new(),
        bus: None,
        height: 0.0,
    };
    let mut y = COLUMN_HEAD;
    for (k, group) in target.groups.iter().enumerate() {
        middle
            .groups
            .push((fit_text(&group.title, column_width(), LABEL_TEXT, true)?, y));
        y += GROUP_TITLE;
        let mut ordered: Vec<&TargetBox> = group.building_blocks.iter().filter(|b| !b.is_mediator).collect();
        ordered.extend(group.building_blocks.iter().filter(|b| b.is_mediator));
        for row in ordered.chunks(2) {
            let mut placed = Vec::new();
            for (slot, bb) in row.iter().enumerate() {
                placed.push(PlacedBox {
                    bb,
                    slot,
                    top: y,
                    height: 0.0,
                    today: today_lines(bb, today_of(&bb.id), width)?,
                    target: target_lines(bb, width)?,
                });
            }
            let height = placed
                .iter()
                .map(|p| box_height(p.today.len().max(p.target.len())))
                .fold(0.0, f64::max);
            for mut p in placed {
                p.height = height;
                middle.boxes.push(p);
            }
            y += height + ARCH_GAP;
        }
        if Some(k) == bus_after {
            let top = y - ARCH_GAP + BUS_MARGIN;
            middle.bus = Some(top);
            y = top + BUS + BUS_MARGIN;
        }
    }
    middle.height = y;
    Ok(middle)
}

fn target_height(ctx: &ReportContext, target: &TargetView) -> DrawResult<f64> {
    let arch = &ctx.plan.architecture;
    Ok(12.0
        + band_height(arch.channels.len(), 5)
        + band_height(arch.services.len(), ARCH_SERVICE_COLUMNS)
        + ARCH_BAND_TITLE
        + middle_layout(ctx, target)?.height
        + ARCH_GAP * 2.0
        + band_height(arch.infrastructure.len(), 6)
        + band_height(arch.enablers.len(), 4)
        + ARCH_LEGEND
        + STYLE_LEGEND)
}

/// A box's lines from its top; a retired system's line struck through.
fn box_text<DB: DrawingBackend>(
    c: &Canvas<DB>,
    lines: &[BoxLine],
    left: f64,
    top: f64,
    ink: &RGBColor,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    for (i, line) in lines.iter().enumerate() {
        let y = top + BOX_PAD + ARCH_LINE * (i as f64 + 0.5);
        let left = left + line.indent;
        c.text(
            &line.text,
            (left + 4.0, y),
            line.size,
            line.bold,
            ink,
            (HPos::Left, VPos::Center),
        )?;
        if line.mark == Mark::Retired {
            let width = c.width(&line.text, line.size, line.bold)?;
            c.line(&[(left + 4.0, y), (left + 4.0 + width, y)], ink, 1.0)?;
        }
    }
    Ok(())
}

fn draw_beside<DB: DrawingBackend>(c: &Canvas<DB>, ctx: &ReportContext, target: &TargetView) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let arch = &ctx.plan.architecture;
    let mut y = top_bands(c, ctx)?;
    band_title(c, &t("chart-architecture-bbs"), y)?;
    y += ARCH_BAND_TITLE;
    let middle = middle_layout(ctx, target)?;
    let top = y;

    // The two columns' headings and the rule between them.
    for (heading, is_target) in [(t("chart-target-today"), false), (t("chart-target-target"), true)] {
        let heading = fit_text(&heading, column_width(), TITLE_TEXT, true)?;
        c.text(
            &heading,
            (column_left(is_target), top + COLUMN_HEAD / 2.0),
            TITLE_TEXT,
            true,
            &INK,
            (HPos::Left, VPos::Center),
        )?;
    }
    let rule = ARCH_SIDE + column_width() + COLUMN_GAP / 2.0;
    c.line(&[(rule, top), (rule, top + middle.height)], &GRID, 1.0)?;
    // The bus first, so the flows end on its edge.
    let bus = middle.bus.map(|b| top + b);
    if let Some(bus_top) = bus {
        let (left, right) = (column_left(true), column_left(true) + column_width());
        c.rect((left, bus_top), (right, bus_top + BUS), BUS_FILL.filled())?;
        c.rect((left, bus_top), (right, bus_top + BUS), FLOW.stroke_width(2))?;
        let label = fit_text(&target.mediator, column_width() - 12.0, LABEL_TEXT, true)?;
        c.text(
            &label,
            ((left + right) / 2.0, bus_top + BUS / 2.0),
            LABEL_TEXT,
            true,
            &INK,
            (HPos::Center, VPos::Center),
        )?;
    }

    let lane = lane_centre();
    let (mut highest, mut lowest): (Option<f64>, Option<f64>) = (None, None);
    for placed in &middle.boxes {
        let bb = placed.bb;
        let box_top = top + placed.top;
        let box_bottom = box_top + placed.height;

        let left = slot_left(false, placed.slot);
        let fill = level_fill(bb.level);
        c.rect((left, box_top), (left + box_width(), box_bottom), fill.filled())?;
        c.rect(
            (left, box_top),
            (left + box_width(), box_bottom),
            GRID.stroke_width(1),
        )?;
        box_text(c, &placed.today, left, box_top, &text_on(fill))?;

        let left = slot_left(true, placed.slot);
        let (fill, ink, outline) = if bb.changed {
            let fill = sequential(f64::from(bb.target));
            (fill, text_on(fill), GRID)
        } else {
            (unchanged_fill(bb.target), INK, MUTED)
        };
        c.rect((left, box_top), (left + box_width(), box_bottom), fill.filled())?;
        let edge = if bb.is_mediator {
            FLOW.stroke_width(2)
        } else {
            outline.stroke_width(1)
        };
        c.rect((left, box_top), (left + box_width(), box_bottom), edge)?;
        box_text(c, &placed.target, left, box_top, &ink)?;

        // The mediator's box stands on the bus; every other box that exchanges through it has a
        // stub to the lane, and the lane's trunk runs to the bus.
        let Some(bus_top) = bus else { continue };
        if bb.is_mediator {
            let centre = left + box_width() / 2.0;
            c.line(&[(centre, box_bottom), (centre, bus_top)], &FLOW, 3.0)?;
        } else if bb.via_mediator {
            let at = box_top + BOX_PAD + ARCH_LINE / 2.0;
            let edge = if placed.slot == 0 {
                left + box_width()
            } else {
                left
            };
            c.line(&[(edge, at), (lane, at)], &FLOW, 2.0)?;
            c.dot((lane, at), 2.5, &FLOW, true)?;
            if at < bus_top {
                highest = Some(highest.map_or(at, |h: f64| h.min(at)));
            } else {
                lowest = Some(lowest.map_or(at, |l: f64| l.max(at)));
            }
        }
    }
    if let Some(bus_top) = bus {
        if let Some(from) = highest {
            c.line(&[(lane, from), (lane, bus_top)], &FLOW, 2.0)?;
        }
        if let Some(to) = lowest {
            c.line(&[(lane, bus_top + BUS), (lane, to)], &FLOW, 2.0)?;
        }
    }

    // Group titles last: a long one crosses the lane, and the trunk passes behind it.
    for (title, at) in &middle.groups {
        let y = top + at + GROUP_TITLE / 2.0;
        let width = c.width(title, LABEL_TEXT, true)?;
        for is_target in [false, true] {
            let left = column_left(is_target);
            if is_target && left + width > lane - LANE / 2.0 {
                c.rect(
                    (left, y - GROUP_TITLE / 2.0 + 2.0),
                    (left + width + 4.0, y + GROUP_TITLE / 2.0 - 2.0),
                    WHITE.filled(),
                )?;
            }
            c.text(
                title,
                (left, y),
                LABEL_TEXT,
                true,
                &MUTED,
                (HPos::Left, VPos::Center),
            )?;
        }
    }

    y = top + middle.height + ARCH_GAP;
    c.line(&[(ARCH_SIDE, y), (WIDTH - ARCH_SIDE, y)], &GRID, 1.0)?;
    y += ARCH_GAP;
    y = tile_band(c, &arch.infrastructure_title, &arch.infrastructure, 6, y)?;
    y = tile_band(c, &t("architecture-enabling-layers"), &arch.enablers, 4, y)?;
    level_legend(c, y + 8.0)?;
    style_legend(c, y + ARCH_LEGEND)
}

/// What the marks of the target column mean, two to a line from `top`: the arrow, the strike,
/// the flow and the lighter box.
fn style_legend<DB: DrawingBackend>(c: &Canvas<DB>, top: f64) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let half = (WIDTH - 2.0 * ARCH_SIDE) / 2.0;
    let items = [
        t("chart-target-legend-moves"),
        t("chart-target-legend-retired"),
        t("chart-target-legend-flow"),
        t("chart-target-legend-unchanged"),
    ];
    for (i, label) in items.iter().enumerate() {
        let x = ARCH_SIDE + half * (i % 2) as f64;
        let y = top + LEGEND_ROW * (i / 2) as f64 + LEGEND_ROW / 2.0;
        let (sample_left, sample_right) = (x, x + 24.0);
        match i {
            0 => c.text(
                "→",
                ((sample_left + sample_right) / 2.0, y),
                LABEL_TEXT,
                true,
                &INK,
                (HPos::Center, VPos::Center),
            )?,
            1 => {
                c.text(
                    "✕",
                    ((sample_left + sample_right) / 2.0, y),
                    SMALL_TEXT,
                    false,
                    &INK,
                    (HPos::Center, VPos::Center),
                )?;
                c.line(&[(sample_left, y), (sample_right, y)], &INK, 1.0)?;
            }
            2 => {
                c.line(&[(sample_left, y), (sample_right, y)], &FLOW, 2.0)?;
                c.dot((sample_right, y), 2.5, &FLOW, true)?;
            }
            _ => {
                c.rect(
                    (sample_left, y - 6.0),
                    (sample_right, y + 6.0),
                    unchanged_fill(2).filled(),
                )?;
                c.rect(
                    (sample_left, y - 6.0),
                    (sample_right, y + 6.0),
                    MUTED.stroke_width(1),
                )?;
            }
        }
        let label = fit_text(label, half - 40.0, SMALL_TEXT, false)?;
        c.text(
            &label,
            (sample_right + 8.0, y),
            SMALL_TEXT,
            false,
            &INK,
            (HPos::Left, VPos::Center),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::svg_images;
    use crate::report::context::ReportContext;

    fn sample(name: &str) -> ReportContext {
        let (assessment, found) = crate::ingest::load_assessment(&Path::new("sample-data").join(name));
        let assessment = assessment.unwrap_or_else(|| panic!("{name} loads: {found:?}"));
        let results = crate::score::score(&assessment);
        let (roadmap, services) = crate::roadmap::plan_assessment(&results, &assessment);
        crate::report::context::build(&results, &assessment, &roadmap, &services)
    }

    /// The text of an SVG's labels, one per line (plotters writes each label on its own line).
    fn labels(svg: &str) -> String {
        svg.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
    }

    #[test]
    fn kalindra_today_and_target_name_every_building_block_the_mediator_and_each_retirement() {
        let ctx = sample("kalindra-2024");
        let target = ctx.plan.target.as_ref().expect("kalindra has a target");
        let image = svg_images(&ctx).expect("charts").architecture;
        let text = labels(&image.svg);
        assert_eq!(image.alt, target.alt);
        assert!(image.title.contains("today and target"), "{}", image.title);
        for word in ["Today", "Target", &target.mediator] {
            assert!(text.contains(word), "the diagram misses {word:?}");
        }
        let boxes: Vec<_> = target.groups.iter().flat_map(|g| &g.building_blocks).collect();
        assert!(boxes.len() >= 10, "{}", boxes.len());
        for bb in &boxes {
            // Both columns name it: at least twice (a long name may wrap onto two lines).
            let first_word = bb.name.split_whitespace().next().unwrap_or_default();
            assert!(
                text.contains(&bb.name) || text.matches(first_word).count() >= 2,
                "the diagram misses {}",
                bb.name
            );
        }
        let retired: Vec<&String> = boxes.iter().flat_map(|b| &b.retired).collect();
        assert!(!retired.is_empty(), "kalindra retires a system");
        for system in retired {
            // A long name wraps onto a second line: every word is there, the first after the mark.
            let first = system.split_whitespace().next().unwrap_or_default();
            assert!(
                text.contains(&format!("✕ {first}")),
                "the diagram misses retired {system}"
            );
            for word in system.split_whitespace() {
                assert!(
                    text.contains(word),
                    "the diagram misses {word} of retired {system}"
                );
            }
        }
        assert!(
            boxes.iter().any(|b| b.via_mediator),
            "some flow goes through the mediator"
        );
    }

    #[test]
    fn estmar_changes_far_fewer_boxes_than_nuvaria_and_the_diagrams_differ() {
        let changed = |ctx: &ReportContext| {
            ctx.plan
                .target
                .as_ref()
                .expect("a target")
                .groups
                .iter()
                .flat_map(|g| &g.building_blocks)
                .filter(|b| b.changed)
                .count()
        };
        let (estmar, nuvaria) = (sample("estmar"), sample("nuvaria"));
        assert!(
            changed(&estmar) * 2 <= changed(&nuvaria),
            "estmar {} vs nuvaria {}",
            changed(&estmar),
            changed(&nuvaria)
        );
        let estmar_svg = svg_images(&estmar).expect("charts").architecture.svg;
        let nuvaria_svg = svg_images(&nuvaria).expect("charts").architecture.svg;
        assert_ne!(estmar_svg, nuvaria_svg);
    }

    #[test]
    fn without_a_target_the_today_diagram_is_drawn_alone() {
        let mut ctx = sample("kalindra-2024");
        ctx.plan.target = None;
        let image = svg_images(&ctx).expect("charts").architecture;
        assert!(!image.svg.contains(">Target<") && !labels(&image.svg).contains("\nTarget\n"));
        assert!(
            image.title.starts_with("Draft national DPI architecture"),
            "{}",
            image.title
        );
        assert!(
            image.alt.starts_with("Building Blocks by component"),
            "{}",
            image.alt
        );
    }

    #[test]
    fn the_standalone_file_carries_its_title_and_description() {
        let ctx = sample("kalindra-2024");
        let image = svg_images(&ctx).expect("charts").architecture;
        let file = image.standalone_svg();
        assert!(file.starts_with("<?xml"));
        let open = file.find("<svg").expect("an svg element");
        let title = file.find("<title>").expect("a title");
        assert!(open < title && file[open..title].matches('>').count() == 1);
        assert!(file.contains("<desc>Today&#39;s Building Blocks"));
        roxmltree::Document::parse(&file).expect("well-formed XML");
    }

    /// Writes the samples' diagrams to /tmp/architecture for a visual check
    /// (`cargo test -- --ignored write_architecture`).
    #[test]
    #[ignore]
    fn write_architecture_diagrams() {
        let dir = Path::new("/tmp/architecture");
        std::fs::create_dir_all(dir).expect("dir");
        for name in ["kalindra-2024", "kalindra-2026", "nuvaria", "estmar"] {
            let image = svg_images(&sample(name)).expect("charts").architecture;
            std::fs::write(dir.join(format!("{name}.svg")), image.standalone_svg()).expect("write");
        }
    }
}
