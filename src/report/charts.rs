//! Charts: the report's seven figures, drawn once as SVG, which the HTML report embeds, the
//! Markdown report links and the PDF draws as vector graphics.
//!
//! In: a [`ReportContext`]. Out: [`ChartImages`] (SVG text), each with a caption and a text
//! alternative that states the data in words, so a chart is never the only place a number
//! appears and text formats can print it instead.
//!
//! The charts are, in order: the pillar radar, the Building Block × criteria heatmap, the largest
//! gaps, the data coverage per pillar, the roadmap Gantt chart (in `plan`), the architecture
//! diagram, today beside the target (in `architecture`), and the projected trajectory (in
//! `plan`). Each is one drawing function over plotters' [`DrawingBackend`], laid out
//! in logical pixels.
//!
//! Text is measured with DejaVu Sans embedded in the binary (no system fonts), and the PDF draws
//! it in the same font, so the same context always gives byte-identical SVG and the same picture
//! in the HTML and in the PDF. The SVG has no external
//! references (its only URL is the `xmlns` namespace name); plotters' SVG backend escapes
//! `< > & " '` in text, so titles from framework files cannot inject markup.

mod architecture;
mod plan;

use crate::messages::{t, tf};
use std::error::Error;
use std::f64::consts::PI;
use std::fmt;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::context::{GapView, ReportContext, ScoreView};
use super::{ChartImage, ChartImages};

const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const FAMILY: &str = "sans-serif";

/// How many gaps the gap chart shows at most.
const MAX_GAPS: usize = 10;

/// Chart width in logical pixels (the SVG's size).
const WIDTH: f64 = 640.0;

/// plotters' SVG backend writes `font-size` as the font's size divided by 1.24; every size in
/// the drawing code is the `font-size` the SVG states, and [`Canvas::font`] multiplies it back.
const PLOTTERS_EM: f64 = 1.24;

// The smallest text of any chart is 9 SVG pixels (6.75 pt in the PDF, where a chart 640 px wide
// is set at the text width, 170 mm); `legibility_tests` checks every chart of every sample.
/// Secondary text: details in a tile, a legend, the names of the levels under an axis.
pub(crate) const SMALL_TEXT: f64 = 10.0;
/// Category names and axis labels.
pub(crate) const LABEL_TEXT: f64 = 11.0;
/// Titles inside a chart (a band, a group, a column header).
pub(crate) const TITLE_TEXT: f64 = 12.0;

pub(crate) const INK: RGBColor = RGBColor(33, 33, 33);
pub(crate) const MUTED: RGBColor = RGBColor(102, 102, 102);
pub(crate) const GRID: RGBColor = RGBColor(204, 204, 204);
const TRACK: RGBColor = RGBColor(238, 238, 238);
pub(crate) const NO_DATA: RGBColor = RGBColor(224, 224, 224);
/// Main data colour (ColorBrewer YlGnBu, dark blue).
pub(crate) const BLUE: RGBColor = RGBColor(44, 127, 184);
/// Gap colour: orange, told apart from the blue by colour-blind readers too (ColorBrewer PuOr).
const ORANGE: RGBColor = RGBColor(230, 97, 1);
/// Okabe–Ito: a categorical palette told apart by colour-blind readers (roadmap phases,
/// countries in a comparison).
pub(crate) const SERIES: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];
/// ColorBrewer YlGnBu, five classes: sequential and colour-blind safe; value 0 → 4.
const SEQUENTIAL: [(u8, u8, u8); 5] = [
    (255, 255, 204),
    (161, 218, 180),
    (65, 182, 196),
    (34, 94, 168),
    (12, 44, 132),
];

/// A chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartError {
    /// Which chart.
    pub chart: &'static str,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot draw the {} chart: {}", self.chart, self.message)
    }
}

impl Error for ChartError {}

pub(crate) type DrawResult<T = ()> = Result<T, Box<dyn Error>>;

/// The report's charts as SVG, each with its caption and text alternative.
pub fn svg_images(ctx: &ReportContext) -> Result<ChartImages, ChartError> {
    let image = |kind: Kind| -> Result<ChartImage, ChartError> {
        Ok(ChartImage {
            title: kind.title(ctx),
            alt: kind.alt(ctx),
            svg: kind.svg(ctx)?,
        })
    };
    Ok(ChartImages {
        radar: image(Kind::Radar)?,
        heatmap: image(Kind::Heatmap)?,
        gaps: image(Kind::Gaps)?,
        coverage: image(Kind::Coverage)?,
        gantt: image(Kind::Gantt)?,
        architecture: image(Kind::Architecture)?,
        trajectory: image(Kind::Trajectory)?,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Radar,
    Heatmap,
    Gaps,
    Coverage,
    Gantt,
    Architecture,
    Trajectory,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Radar => "pillar radar",
            Kind::Heatmap => "Building Block heatmap",
            Kind::Gaps => "largest gaps",
            Kind::Coverage => "coverage",
            Kind::Gantt => "roadmap Gantt",
            Kind::Architecture => "architecture",
            Kind::Trajectory => "projected trajectory",
        }
    }

    fn fail(self) -> impl Fn(Box<dyn Error>) -> ChartError {
        move |e| ChartError {
            chart: self.name(),
            message: e.to_string(),
        }
    }

    /// Size in logical pixels.
    fn size(self, ctx: &ReportContext) -> (f64, f64) {
        match self {
            Kind::Radar => (WIDTH, 480.0),
            Kind::Heatmap => (WIDTH, heatmap_layout(ctx).height),
            Kind::Gaps => (WIDTH, bars_height(largest_gaps(ctx).len(), GAP_ROW)),
            Kind::Coverage => (WIDTH, bars_height(ctx.summary.pillars.len(), COVERAGE_ROW)),
            Kind::Gantt => (WIDTH, plan::gantt_height(ctx)),
            Kind::Architecture => (WIDTH, architecture::height(ctx)),
            Kind::Trajectory => (WIDTH, plan::trajectory_height(ctx)),
        }
    }

    fn title(self, ctx: &ReportContext) -> String {
        match self {
            Kind::Radar => t("chart-radar-title"),
            Kind::Heatmap => tf(
                "chart-heatmap-title",
                &[("title", (&ctx.building_blocks.title).into())],
            ),
            Kind::Gaps => tf("chart-gaps-title", &[("count", largest_gaps(ctx).len().into())]),
            Kind::Coverage => t("chart-coverage-title"),
            Kind::Gantt => plan::gantt_title(ctx),
            Kind::Architecture => architecture::title(ctx),
            Kind::Trajectory => plan::trajectory_title(ctx),
        }
    }

    fn alt(self, ctx: &ReportContext) -> String {
        match self {
            Kind::Radar => radar_alt(ctx),
            Kind::Heatmap => heatmap_alt(ctx),
            Kind::Gaps => gaps_alt(ctx),
            Kind::Coverage => coverage_alt(ctx),
            Kind::Gantt => plan::gantt_alt(ctx),
            Kind::Architecture => architecture::alt(ctx),
            Kind::Trajectory => plan::trajectory_alt(ctx),
        }
    }

    fn draw<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        ctx: &ReportContext,
        scale: f64,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        area.fill(&WHITE)?;
        let canvas = Canvas { area, s: scale };
        match self {
            Kind::Radar => draw_radar(&canvas, ctx)?,
            Kind::Heatmap => draw_heatmap(&canvas, ctx)?,
            Kind::Gaps => draw_gaps(&canvas, ctx)?,
            Kind::Coverage => draw_coverage(&canvas, ctx)?,
            Kind::Gantt => plan::draw_gantt(&canvas, ctx)?,
            Kind::Architecture => architecture::draw(&canvas, ctx)?,
            Kind::Trajectory => plan::draw_trajectory(&canvas, ctx)?,
        }
        area.present()?;
        Ok(())
    }

    fn svg(self, ctx: &ReportContext) -> Result<String, ChartError> {
        fonts().map_err(self.fail())?;
        let (w, h) = self.size(ctx);
        let mut svg = String::new();
        {
            let area =
                SVGBackend::with_string(&mut svg, (w.round() as u32, h.round() as u32)).into_drawing_area();
            self.draw(&area, ctx, 1.0).map_err(self.fail())?;
        }
        Ok(svg)
    }
}

/// Registers the embedded fonts with plotters, once.
pub(crate) fn fonts() -> DrawResult {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, FONT_REGULAR).is_ok()
            && plotters::style::register_font(FAMILY, FontStyle::Bold, FONT_BOLD).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err("the embedded DejaVu Sans font could not be loaded".into())
    }
}

/// A drawing area with logical coordinates: every position and size is multiplied by `s`.
/// Shared with the comparison's charts.
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    pub(crate) area: &'a DrawingArea<DB, Shift>,
    pub(crate) s: f64,
}

impl<DB: DrawingBackend> Canvas<'_, DB>
where
    DB::ErrorType: 'static,
{
    pub(crate) fn px(&self, v: f64) -> i32 {
        (v * self.s).round() as i32
    }

    pub(crate) fn pt(&self, (x, y): (f64, f64)) -> (i32, i32) {
        (self.px(x), self.px(y))
    }

    /// The font for text of `size` pixels as the SVG states it (`font-size`). plotters' SVG
    /// backend writes a font's size divided by [`PLOTTERS_EM`], so the font asks for that much more.
    pub(crate) fn font(&self, size: f64, bold: bool) -> FontDesc<'static> {
        let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
        (FAMILY, size * PLOTTERS_EM * self.s, style).into_font()
    }

    /// Text width in logical pixels, measured in the fonts the PDF sets the label in (the
    /// same DejaVu Sans, and Noto Sans Ethiopic for the letters DejaVu lacks, which plotters
    /// would measure as nothing).
    pub(crate) fn width(&self, text: &str, size: f64, bold: bool) -> DrawResult<f64> {
        text_width(text, size, bold)
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text(
        &self,
        text: &str,
        (x, y): (f64, f64),
        size: f64,
        bold: bool,
        color: &RGBColor,
        anchor: (HPos, VPos),
    ) -> DrawResult {
        let style = self
            .font(size, bold)
            .color(color)
            .pos(Pos::new(anchor.0, anchor.1));
        self.area.draw_text(text, &style, self.pt((x, y)))?;
        Ok(())
    }

    pub(crate) fn rect(&self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), style: ShapeStyle) -> DrawResult {
        self.area
            .draw(&Rectangle::new([self.pt((x0, y0)), self.pt((x1, y1))], style))?;
        Ok(())
    }

    pub(crate) fn line(&self, points: &[(f64, f64)], color: &RGBColor, width: f64) -> DrawResult {
        let points: Vec<_> = points.iter().map(|&p| self.pt(p)).collect();
        let stroke = (width * self.s).round().max(1.0) as u32;
        self.area
            .draw(&PathElement::new(points, color.stroke_width(stroke)))?;
        Ok(())
    }

    pub(crate) fn polygon(&self, points: &[(f64, f64)], style: ShapeStyle) -> DrawResult {
        let points: Vec<_> = points.iter().map(|&p| self.pt(p)).collect();
        self.area.draw(&Polygon::new(points, style))?;
        Ok(())
    }

    pub(crate) fn circle(&self, centre: (f64, f64), radius: f64, style: ShapeStyle) -> DrawResult {
        self.area
            .draw(&Circle::new(self.pt(centre), self.px(radius).max(1), style))?;
        Ok(())
    }

    /// Word-wraps `text` into at most `max_lines` lines no wider than `max_width`; what does
    /// not fit is cut with an ellipsis.
    pub(crate) fn wrap(
        &self,
        text: &str,
        max_width: f64,
        size: f64,
        bold: bool,
        max_lines: usize,
    ) -> DrawResult<Vec<String>> {
        wrap_text(text, max_width, size, bold, max_lines)
    }

    /// Cuts `text` with an ellipsis until it is no wider than `max_width`.
    pub(crate) fn fit(&self, text: &str, max_width: f64, size: f64, bold: bool) -> DrawResult<String> {
        fit_text(text, max_width, size, bold)
    }

    /// Draws lines of text as a block whose anchor point is `at`.
    pub(crate) fn block(
        &self,
        lines: &[(String, f64, bool, RGBColor)],
        at: (f64, f64),
        line_height: f64,
        anchor: (HPos, VPos),
    ) -> DrawResult {
        let total = line_height * lines.len() as f64;
        let top = match anchor.1 {
            VPos::Top => at.1,
            VPos::Center => at.1 - total / 2.0,
            VPos::Bottom => at.1 - total,
        };
        for (i, (text, size, bold, color)) in lines.iter().enumerate() {
            let y = top + line_height * (i as f64 + 0.5);
            self.text(text, (at.0, y), *size, *bold, color, (anchor.0, VPos::Center))?;
        }
        Ok(())
    }

    /// A dot of `radius`, filled or as a ring.
    pub(crate) fn dot(&self, at: (f64, f64), radius: f64, color: &RGBColor, filled: bool) -> DrawResult {
        let style = if filled {
            color.filled()
        } else {
            color.stroke_width((1.5 * self.s).round().max(1.0) as u32)
        };
        self.circle(at, radius, style)
    }
}

/// Text width in logical pixels, as [`Canvas::width`] measures it; for layouts computed before
/// there is a canvas (a chart's height).
pub(crate) fn text_width(text: &str, size: f64, bold: bool) -> DrawResult<f64> {
    Ok(super::pdf::text_width(text, bold, size)?)
}

/// [`Canvas::wrap`] without a canvas, so that a chart's height and its drawing wrap alike.
pub(crate) fn wrap_text(
    text: &str,
    max_width: f64,
    size: f64,
    bold: bool,
    max_lines: usize,
) -> DrawResult<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if current.is_empty() || text_width(&candidate, size, bold)? <= max_width {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let max_lines = max_lines.max(1);
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines).join(" ");
        if let Some(last) = lines.last_mut() {
            last.push(' ');
            last.push_str(&rest);
        }
    }
    lines
        .into_iter()
        .map(|line| fit_text(&line, max_width, size, bold))
        .collect()
}

/// [`Canvas::fit`] without a canvas.
pub(crate) fn fit_text(text: &str, max_width: f64, size: f64, bold: bool) -> DrawResult<String> {
    if text_width(text, size, bold)? <= max_width {
        return Ok(text.to_string());
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let cut: String = chars.iter().collect::<String>().trim_end().to_string();
        let candidate = format!("{cut}…");
        if text_width(&candidate, size, bold)? <= max_width {
            return Ok(candidate);
        }
    }
    Ok("…".to_string())
}

/// Level names 0..4 as the context uses them (the framework may rename them), defaulting to the
/// standard scale for levels no score in the context reached.
fn level_names(ctx: &ReportContext) -> [String; 5] {
    let mut found: [Option<String>; 5] = Default::default();
    let mut note = |view: &ScoreView| {
        if let Some(level) = view.level
            && let Some(slot) = found.get_mut(usize::from(level))
            && slot.is_none()
        {
            *slot = Some(view.level_name.clone());
        }
    };
    note(&ctx.summary.overall);
    ctx.summary.pillars.iter().for_each(|p| note(&p.score));
    for layer in &ctx.layers {
        note(&layer.score);
        for dimension in &layer.dimensions {
            note(&dimension.score);
            dimension.indicators.iter().for_each(|i| note(&i.score));
        }
    }
    ctx.building_blocks.rows.iter().for_each(|b| note(&b.score));
    let mut level = 0u8;
    found.map(|name| {
        let name = name.unwrap_or_else(|| crate::model::default_level_name(level).to_string());
        level += 1;
        name
    })
}

/// Joins items as a sentence list: `a; b; c`.
fn listing(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join("; ")
}

// ---------------------------------------------------------------------------------------------
// 1. Pillar radar

fn radar_alt(ctx: &ReportContext) -> String {
    if ctx.summary.pillars.is_empty() {
        return t("chart-no-pillars-alt");
    }
    let items = ctx.summary.pillars.iter().map(|p| match p.score.score {
        Some(_) => format!("{} {} ({})", p.title, p.score.display, p.score.level_name),
        None => format!("{} {} ({})", p.title, t("chart-no-data"), p.score.level_name),
    });
    tf("chart-radar-alt", &[("items", listing(items).into())])
}

fn draw_radar<DB: DrawingBackend>(c: &Canvas<DB>, ctx: &ReportContext) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let pillars = &ctx.summary.pillars;
    let (cx, cy, r) = (320.0, 248.0, 150.0);
    if pillars.is_empty() {
        return c.text(
            &t("chart-no-pillars"),
            (cx, cy),
            14.0,
            false,
            &MUTED,
            (HPos::Center, VPos::Center),
        );
    }
    let n = pillars.len();
    let angle = |i: usize| -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    let at = |i: usize, radius: f64| (cx + radius * angle(i).cos(), cy + radius * angle(i).sin());
    let names = level_names(ctx);

    // Rings at levels 1..4 and one spoke per pillar.
    for level in 1..=4 {
        let radius = r * f64::from(level) / 4.0;
        let mut ring: Vec<_> = (0..n).map(|i| at(i, radius)).collect();
        ring.push(at(0, radius));
        c.line(&ring, if level == 4 { &MUTED } else { &GRID }, 1.0)?;
    }
    for i in 0..n {
        c.line(&[(cx, cy), at(i, r)], &GRID, 1.0)?;
    }

    // The scores. A pillar without a score is left out of the shape (never drawn as 0 at the
    // centre): the outline joins the pillars that have one.
    let value = |i: usize| pillars[i].score.score.map(|s| s.clamp(0.0, 100.0) / 100.0);
    let shape: Vec<_> = (0..n).filter_map(|i| value(i).map(|v| at(i, r * v))).collect();
    if shape.len() >= 3 {
        c.polygon(&shape, BLUE.mix(0.25).filled())?;
    }
    if shape.len() >= 2 {
        let mut outline = shape.clone();
        if shape.len() >= 3 {
            outline.push(shape[0]);
        }
        c.line(&outline, &BLUE, 2.0)?;
    }

    // Level names on the rings, along the first spoke (over the fill, under the markers).
    // A light backdrop keeps them legible where they cross a ring or the polygon.
    for (level, name) in names.iter().enumerate().skip(1) {
        let y = cy - r * level as f64 / 4.0;
        let width = c.width(name, SMALL_TEXT, false)?;
        c.rect(
            (cx + 3.0, y - 16.0),
            (cx + width + 8.0, y - 3.0),
            WHITE.mix(0.8).filled(),
        )?;
        c.text(
            name,
            (cx + 5.0, y - 9.5),
            SMALL_TEXT,
            false,
            &MUTED,
            (HPos::Left, VPos::Center),
        )?;
    }

    // Markers: filled for a score with a level, hollow for a provisional one; a pillar with no
    // score gets a hollow orange marker on its outer ring, where no value could be mistaken for 0.
    for (i, pillar) in pillars.iter().enumerate() {
        match value(i) {
            Some(v) if pillar.score.provisional => {
                let point = at(i, r * v);
                c.circle(point, 5.0, WHITE.filled())?;
                c.circle(point, 5.0, BLUE.stroke_width(c.px(2.0).max(1) as u32))?;
            }
            Some(v) => c.circle(at(i, r * v), 4.5, BLUE.filled())?,
            None => {
                let point = at(i, r);
                c.circle(point, 5.0, WHITE.filled())?;
                c.circle(point, 5.0, ORANGE.stroke_width(c.px(2.0).max(1) as u32))?;
            }
        }
    }

    // Axis labels: the pillar title, wrapped, then its score and level.
    for (i, pillar) in pillars.iter().enumerate() {
        let (dx, dy) = (angle(i).cos(), angle(i).sin());
        let h = if dx > 0.3 {
            HPos::Left
        } else if dx < -0.3 {
            HPos::Right
        } else {
            HPos::Center
        };
        let v = if dy < -0.7 {
            VPos::Bottom
        } else if dy > 0.7 {
            VPos::Top
        } else {
            VPos::Center
        };
        let anchor = at(i, r + 12.0);
        let max_width = match h {
            HPos::Center => 280.0,
            HPos::Left => WIDTH - 8.0 - anchor.0,
            HPos::Right => anchor.0 - 8.0,
        }
        .min(190.0);
        let mut lines: Vec<(String, f64, bool, RGBColor)> = c
            .wrap(&pillar.title, max_width, TITLE_TEXT, false, 3)?
            .into_iter()
            .map(|line| (line, TITLE_TEXT, false, INK))
            .collect();
        let score_line = match pillar.score.score {
            Some(_) => (
                format!("{} · {}", pillar.score.display, pillar.score.level_name),
                LABEL_TEXT,
                true,
                BLUE,
            ),
            None => (t("chart-no-data"), LABEL_TEXT, true, ORANGE),
        };
        lines.push(score_line);
        c.block(&lines, anchor, 15.0, (h, v))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 2. Building Block × criteria heatmap

struct HeatmapLayout {
    label_width: f64,
    header: f64,
    row: f64,
    height: f64,
}

const HEAT_TOP: f64 = 10.0;
const HEAT_SIDE: f64 = 12.0;

fn heatmap_layout(ctx: &ReportContext) -> HeatmapLayout {
    let rows = ctx.building_blocks.rows.len().max(1) as f64;
    let (header, row, legend) = (44.0, 30.0, 56.0);
    HeatmapLayout {
        label_width: 210.0,
        header,
        row,
        height: HEAT_TOP + header + rows * row + legend,
    }
}

/// The colour of a value 0..4 on the one level scale: the colour of the nearest level, as the
/// HTML tables colour their cells. No shades between levels: a mixed colour could carry neither
/// dark nor light text legibly, and five colours are what a reader can tell apart.
pub(crate) fn sequential(value: f64) -> RGBColor {
    let level = value.clamp(0.0, 4.0).round() as usize;
    let (r, g, b) = SEQUENTIAL[level];
    RGBColor(r, g, b)
}

/// Ink or white, whichever contrasts more with the background (WCAG 2.1 contrast ratio).
fn text_on(background: RGBColor) -> RGBColor {
    if contrast(background, WHITE) > contrast(background, INK) {
        WHITE
    } else {
        INK
    }
}

/// The WCAG 2.1 contrast ratio of two colours, 1 to 21.
fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    fn luminance(RGBColor(r, g, b): RGBColor) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn heatmap_alt(ctx: &ReportContext) -> String {
    let bb = &ctx.building_blocks;
    if bb.rows.is_empty() {
        return t("chart-no-bbs-alt");
    }
    let rows = bb.rows.iter().map(|row| {
        let cells = row
            .criteria
            .iter()
            .map(|c| match c.value {
                Some(_) => format!("{} {}", c.title, c.display),
                None if c.not_applicable => format!("{} {}", c.title, t("chart-not-applicable")),
                None => format!("{} {}", c.title, t("chart-no-data")),
            })
            .collect::<Vec<_>>()
            .join("; ");
        format!("{}: {cells}.", row.name)
    });
    tf(
        "chart-heatmap-alt",
        &[("rows", rows.collect::<Vec<_>>().join(" ").into())],
    )
}

fn draw_heatmap<DB: DrawingBackend>(c: &Canvas<DB>, ctx: &ReportContext) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let bb = &ctx.building_blocks;
    let layout = heatmap_layout(ctx);
    let x0 = HEAT_SIDE + layout.label_width;
    let columns: Vec<String> = if bb.criteria.is_empty() {
        bb.rows
            .first()
            .map(|r| r.criteria.iter().map(|c| c.title.clone()).collect())
            .unwrap_or_default()
    } else {
        bb.criteria.clone()
    };
    let y0 = HEAT_TOP + layout.header;
    if bb.rows.is_empty() || columns.is_empty() {
        return c.text(
            &t("chart-no-bbs"),
            (WIDTH / 2.0, y0 + layout.row / 2.0),
            14.0,
            false,
            &MUTED,
            (HPos::Center, VPos::Center),
        );
    }
    let col = (WIDTH - HEAT_SIDE - x0) / columns.len() as f64;

    // Column headers: `C1` and the criterion title, wrapped.
    for (j, title) in columns.iter().enumerate() {
        let x = x0 + col * (j as f64 + 0.5);
        let mut lines = c.wrap(title, col - 6.0, LABEL_TEXT, true, 2)?;
        if lines.len() < 2 {
            lines.insert(0, String::new());
        }
        let lines: Vec<_> = lines.into_iter().map(|l| (l, LABEL_TEXT, true, INK)).collect();
        c.block(&lines, (x, y0 - 4.0), 15.0, (HPos::Center, VPos::Bottom))?;
    }

    for (i, row) in bb.rows.iter().enumerate() {
        let top = y0 + layout.row * i as f64;
        // A long name takes two lines; what still does not fit ends in an ellipsis (the text
        // alternative and the table below the chart name every Building Block in full).
        let names: Vec<_> = c
            .wrap(&row.name, layout.label_width - 10.0, LABEL_TEXT, false, 2)?
            .into_iter()
            .map(|l| (l, LABEL_TEXT, false, INK))
            .collect();
        c.block(
            &names,
            (x0 - 10.0, top + layout.row / 2.0),
            13.0,
            (HPos::Right, VPos::Center),
        )?;
        for j in 0..columns.len() {
            let cell = row.criteria.get(j);
            let value = cell.and_then(|c| c.value);
            let fill = value.map_or(NO_DATA, sequential);
            let left = x0 + col * j as f64;
            c.rect(
                (left + 1.0, top + 1.0),
                (left + col - 1.0, top + layout.row - 1.0),
                fill.filled(),
            )?;
            let label = match (cell, value) {
                (Some(cell), Some(_)) => cell.display.clone(),
                (Some(cell), None) if cell.not_applicable => "n/a".to_string(),
                _ => "–".to_string(),
            };
            c.text(
                &label,
                (left + col / 2.0, top + layout.row / 2.0),
                TITLE_TEXT,
                value.is_some(),
                &text_on(fill),
                (HPos::Center, VPos::Center),
            )?;
        }
    }

    // Legend: the five colours with their values, and the no-data cell.
    let ly = y0 + layout.row * bb.rows.len() as f64 + 18.0;
    let (sw, sh) = (34.0, 20.0);
    c.text(
        &t("col-value"),
        (x0 - 10.0, ly + sh / 2.0),
        LABEL_TEXT,
        false,
        &MUTED,
        (HPos::Right, VPos::Center),
    )?;
    for v in 0..=4 {
        let left = x0 + (sw + 4.0) * f64::from(v);
        let fill = sequential(f64::from(v));
        c.rect((left, ly), (left + sw, ly + sh), fill.filled())?;
        c.text(
            &v.to_string(),
            (left + sw / 2.0, ly + sh / 2.0),
            LABEL_TEXT,
            true,
            &text_on(fill),
            (HPos::Center, VPos::Center),
        )?;
    }
    let left = x0 + (sw + 4.0) * 5.0 + 12.0;
    c.rect((left, ly), (left + sw, ly + sh), NO_DATA.filled())?;
    c.text(
        "–",
        (left + sw / 2.0, ly + sh / 2.0),
        LABEL_TEXT,
        false,
        &INK,
        (HPos::Center, VPos::Center),
    )?;
    c.text(
        &t("chart-no-data"),
        (left + sw + 6.0, ly + sh / 2.0),
        LABEL_TEXT,
        false,
        &MUTED,
        (HPos::Left, VPos::Center),
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 3 and 4. Horizontal bars

const BARS_TOP: f64 = 14.0;
const BARS_LABEL: f64 = 230.0;
const BARS_RIGHT: f64 = 70.0;
const BARS_AXIS: f64 = 60.0;
const GAP_ROW: f64 = 36.0;
const COVERAGE_ROW: f64 = 48.0;

fn bars_height(rows: usize, row: f64) -> f64 {
    BARS_TOP + row * rows.max(1) as f64 + BARS_AXIS
}

/// The plot's left and right edge.
fn bars_x() -> (f64, f64) {
    (HEAT_SIDE + BARS_LABEL + 12.0, WIDTH - BARS_RIGHT)
}

/// Row labels on the left, wrapped to two lines.
fn bar_label<DB: DrawingBackend>(c: &Canvas<DB>, text: &str, centre_y: f64) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let lines: Vec<_> = c
        .wrap(text, BARS_LABEL, LABEL_TEXT, false, 2)?
        .into_iter()
        .map(|l| (l, LABEL_TEXT, false, INK))
        .collect();
    c.block(
        &lines,
        (HEAT_SIDE + BARS_LABEL, centre_y),
        13.5,
        (HPos::Right, VPos::Center),
    )
}

/// The largest gaps: by size, then priority rank.
fn largest_gaps(ctx: &ReportContext) -> Vec<&GapView> {
    let mut gaps: Vec<&GapView> = ctx.gaps.iter().filter(|g| g.gap > 0).collect();
    gaps.sort_by(|a, b| b.gap.cmp(&a.gap).then(a.rank.cmp(&b.rank)));
    gaps.truncate(MAX_GAPS);
    gaps
}

fn gaps_alt(ctx: &ReportContext) -> String {
    let gaps = largest_gaps(ctx);
    if gaps.is_empty() {
        return t("chart-no-gaps-alt");
    }
    let items = gaps.iter().map(|g| {
        tf(
            "chart-gap-item",
            &[
                ("title", (&g.title).into()),
                ("level", g.level.into()),
                ("target", g.target.into()),
                ("gap", g.gap.into()),
                ("rank", g.rank.into()),
            ],
        )
    });
    tf("chart-gaps-alt", &[("items", listing(items).into())])
}

fn draw_gaps<DB: DrawingBackend>(c: &Canvas<DB>, ctx: &ReportContext) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let gaps = largest_gaps(ctx);
    let (x0, x1) = bars_x();
    let x = |level: f64| x0 + (x1 - x0) * level.clamp(0.0, 4.0) / 4.0;
    let bottom = BARS_TOP + GAP_ROW * gaps.len().max(1) as f64;
    let names = level_names(ctx);

    // Grid and axis: one line per level, labelled with its number and name.
    for (level, name) in names.iter().enumerate() {
        let gx = x(level as f64);
        c.line(&[(gx, BARS_TOP), (gx, bottom)], &GRID, 1.0)?;
        c.text(
            &level.to_string(),
            (gx, bottom + 6.0),
            LABEL_TEXT,
            true,
            &INK,
            (HPos::Center, VPos::Top),
        )?;
        c.text(
            name,
            (gx, bottom + 22.0),
            SMALL_TEXT,
            false,
            &MUTED,
            (HPos::Center, VPos::Top),
        )?;
    }
    if gaps.is_empty() {
        return c.text(
            &t("chart-no-gaps"),
            ((x0 + x1) / 2.0, BARS_TOP + GAP_ROW / 2.0),
            13.0,
            false,
            &MUTED,
            (HPos::Center, VPos::Center),
        );
    }
    for (i, gap) in gaps.iter().enumerate() {
        let centre = BARS_TOP + GAP_ROW * (i as f64 + 0.5);
        bar_label(c, &gap.title, centre)?;
        let (from, to) = (x(f64::from(gap.level)), x(f64::from(gap.target)));
        c.rect(
            (from, centre - 9.0),
            (to, centre + 9.0),
            ORANGE.mix(0.85).filled(),
        )?;
        c.line(&[(from, centre - 12.0), (from, centre + 12.0)], &INK, 2.5)?;
        c.text(
            &format!("{} → {}", gap.level, gap.target),
            (to + 8.0, centre),
            LABEL_TEXT,
            true,
            &INK,
            (HPos::Left, VPos::Center),
        )?;
    }
    c.text(
        &t("chart-gaps-legend"),
        (x0, bottom + 42.0),
        SMALL_TEXT,
        false,
        &MUTED,
        (HPos::Left, VPos::Top),
    )
}

fn coverage_alt(ctx: &ReportContext) -> String {
    if ctx.summary.pillars.is_empty() {
        return t("chart-no-pillars-alt");
    }
    let items = ctx
        .summary
        .pillars
        .iter()
        .map(|p| format!("{} {}", p.title, p.score.coverage_display));
    tf("chart-coverage-alt", &[("items", listing(items).into())])
}

fn draw_coverage<DB: DrawingBackend>(c: &Canvas<DB>, ctx: &ReportContext) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let pillars = &ctx.summary.pillars;
    let (x0, x1) = bars_x();
    let x = |share: f64| x0 + (x1 - x0) * share.clamp(0.0, 1.0);
    let bottom = BARS_TOP + COVERAGE_ROW * pillars.len().max(1) as f64;
    for tick in 0..=4 {
        let share = f64::from(tick) / 4.0;
        c.line(&[(x(share), BARS_TOP), (x(share), bottom)], &GRID, 1.0)?;
        c.text(
            &format!("{} %", tick * 25),
            (x(share), bottom + 6.0),
            LABEL_TEXT,
            false,
            &MUTED,
            (HPos::Center, VPos::Top),
        )?;
    }
    if pillars.is_empty() {
        return c.text(
            &t("chart-no-pillars"),
            ((x0 + x1) / 2.0, BARS_TOP + COVERAGE_ROW / 2.0),
            13.0,
            false,
            &MUTED,
            (HPos::Center, VPos::Center),
        );
    }
    for (i, pillar) in pillars.iter().enumerate() {
        let centre = BARS_TOP + COVERAGE_ROW * (i as f64 + 0.5);
        bar_label(c, &pillar.title, centre)?;
        c.rect((x0, centre - 11.0), (x1, centre + 11.0), TRACK.filled())?;
        let end = x(pillar.score.coverage);
        if end > x0 {
            c.rect((x0, centre - 11.0), (end, centre + 11.0), BLUE.filled())?;
        }
        c.text(
            &pillar.score.coverage_display,
            (x1 + 8.0, centre),
            LABEL_TEXT,
            true,
            &INK,
            (HPos::Left, VPos::Center),
        )?;
    }
    c.text(
        &t("chart-coverage-legend"),
        (x0, bottom + 28.0),
        SMALL_TEXT,
        false,
        &MUTED,
        (HPos::Left, VPos::Top),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn sample() -> ReportContext {
        crate::report::context::kalindra_2024()
    }

    /// A rough well-formedness check: starts with `<svg`, every tag closes in order.
    fn assert_balanced(svg: &str) {
        assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
        let mut stack: Vec<String> = Vec::new();
        let mut rest = svg;
        while let Some(start) = rest.find('<') {
            let end = rest[start..].find('>').expect("unclosed tag") + start;
            let tag = &rest[start + 1..end];
            assert!(!tag.contains('<'), "raw < inside a tag: {tag}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name.trim()), "mismatched </{name}>");
            } else if !tag.ends_with('/') && !tag.starts_with('?') && !tag.starts_with('!') {
                stack.push(tag.split_whitespace().next().unwrap_or_default().to_string());
            }
            rest = &rest[end + 1..];
        }
        assert!(stack.is_empty(), "unclosed: {stack:?}");
    }

    /// No URL other than the SVG namespace name.
    fn assert_no_external_refs(svg: &str) {
        let stripped = svg.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(!stripped.contains("http"), "external reference");
        assert!(!stripped.contains("href"), "href");
        assert!(!stripped.contains("@font-face") && !stripped.contains("@import"));
    }

    /// Text content as the SVG shows it, unescaped.
    fn svg_text(svg: &str) -> String {
        svg.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&apos;", "'")
            .replace("&quot;", "\"")
    }

    #[test]
    fn svg_charts_are_well_formed_and_self_contained() {
        let ctx = sample();
        let images = svg_images(&ctx).expect("charts");
        for image in [&images.radar, &images.heatmap, &images.gaps, &images.coverage] {
            assert_balanced(&image.svg);
            assert_no_external_refs(&image.svg);
            assert!(!image.title.is_empty() && !image.alt.is_empty());
        }
        // Radar: every pillar's title (possibly wrapped) and score.
        let radar = svg_text(&images.radar.svg);
        let radar_words: Vec<&str> = radar
            .lines()
            .filter(|l| !l.starts_with('<'))
            .flat_map(|l| l.split_whitespace())
            .collect();
        for pillar in &ctx.summary.pillars {
            for word in pillar.title.split_whitespace() {
                assert!(
                    radar_words.contains(&word),
                    "radar misses {word:?} of {}",
                    pillar.title
                );
            }
            assert!(
                radar.contains(&pillar.score.display),
                "radar misses {}",
                pillar.score.display
            );
        }
        let heatmap = svg_text(&images.heatmap.svg);
        assert_eq!(ctx.building_blocks.rows.len(), 15);
        for row in &ctx.building_blocks.rows {
            assert!(
                heatmap.contains(&format!("{}\n", row.name)),
                "heatmap misses {}",
                row.name
            );
        }
        let coverage = svg_text(&images.coverage.svg);
        assert!(coverage.contains("100 %"));
    }

    #[test]
    fn alt_texts_state_the_data() {
        let ctx = sample();
        let images = svg_images(&ctx).expect("charts");
        for pillar in &ctx.summary.pillars {
            let line = format!(
                "{} {} ({})",
                pillar.title, pillar.score.display, pillar.score.level_name
            );
            assert!(images.radar.alt.contains(&line), "radar alt misses {line}");
            let line = format!("{} {}", pillar.title, pillar.score.coverage_display);
            assert!(images.coverage.alt.contains(&line), "coverage alt misses {line}");
        }
        assert!(
            images.radar.alt.starts_with(
                "Pillar scores out of 100: Digital Infrastructure Readiness 47.0 (Developing); "
            )
        );
        for row in &ctx.building_blocks.rows {
            assert!(images.heatmap.alt.contains(&format!("{}: ", row.name)));
        }
        assert!(
            images
                .heatmap
                .alt
                .contains("Identity: Exists and works 4; Interoperable 2;")
        );
        let gaps = largest_gaps(&ctx);
        assert_eq!(gaps.len(), 10);
        assert!(
            images
                .gaps
                .alt
                .contains("Data protection law from level 1 to 4 (gap 3, priority #4)")
        );
        for gap in gaps {
            assert!(images.gaps.alt.contains(&gap.title));
        }
        assert_eq!(images.gaps.title, "The 10 largest gaps: current level to target");
    }

    #[test]
    fn every_chart_has_a_caption_an_alternative_and_a_picture() {
        let ctx = sample();
        let images = svg_images(&ctx).expect("charts");
        let all = images.in_order();
        assert_eq!(all.len(), 7);
        assert_eq!(all[0].title, images.radar.title);
        assert_eq!(all[5].alt, images.architecture.alt);
        assert_eq!(all[6].alt, images.trajectory.alt);
        // The trajectory's text alternative gives the index of every plan year, today first.
        assert!(
            images
                .trajectory
                .alt
                .starts_with("Projected overall index by plan year: Today "),
            "{}",
            images.trajectory.alt
        );
        assert!(
            images.radar.svg.starts_with("<svg") && images.radar.svg.contains(r#"width="640" height="480""#)
        );
        for chart in all {
            assert!(!chart.title.is_empty() && !chart.alt.is_empty());
            assert!(
                chart.svg.matches("<rect").count()
                    + chart.svg.matches("<path").count()
                    + chart.svg.matches("<polyline").count()
                    > 2,
                "{}",
                chart.title
            );
        }
    }

    #[test]
    fn svg_is_deterministic() {
        let ctx = sample();
        assert_eq!(
            svg_images(&ctx).expect("first"),
            svg_images(&ctx).expect("second")
        );
    }

    #[test]
    fn text_from_framework_files_is_escaped() {
        let mut ctx = sample();
        ctx.summary.pillars[0].title = "<script>alert(1)</script>".to_string();
        ctx.building_blocks.rows[0].name = "A & B <b>".to_string();
        ctx.gaps[0].title = "<script>x</script>".to_string();
        let images = svg_images(&ctx).expect("charts");
        for image in [&images.radar, &images.heatmap, &images.gaps, &images.coverage] {
            assert!(!image.svg.contains("<script"), "raw <script> in {}", image.title);
            assert!(!image.svg.contains("<b>"));
            assert_balanced(&image.svg);
        }
        assert!(images.radar.svg.contains("&lt;script&gt;"));
        assert!(images.heatmap.svg.contains("A &amp; B &lt;b&gt;"));
    }

    #[test]
    fn pillars_without_a_score_are_drawn_at_zero_and_said_to_have_no_data() {
        let mut ctx = sample();
        ctx.summary.pillars[1].score.score = None;
        ctx.summary.pillars[1].score.display = "–".to_string();
        ctx.summary.pillars[1].score.level_name = "Insufficient data".to_string();
        let images = svg_images(&ctx).expect("charts");
        assert!(images.radar.svg.contains("no data"));
        assert!(
            images
                .radar
                .alt
                .contains("Policy, Legal, and Regulatory Frameworks no data (Insufficient data)")
        );
    }

    #[test]
    fn empty_context_draws_placeholders() {
        let mut ctx = sample();
        ctx.summary.pillars.clear();
        ctx.building_blocks.rows.clear();
        ctx.gaps.clear();
        let images = svg_images(&ctx).expect("charts");
        assert!(images.radar.svg.contains("No pillars to show"));
        assert!(images.heatmap.svg.contains("No Building Blocks to show"));
        assert!(images.gaps.alt.starts_with("No gaps"));
    }

    #[test]
    fn sequential_palette_runs_from_light_to_dark() {
        assert_eq!(sequential(0.0), RGBColor(255, 255, 204));
        assert_eq!(sequential(4.0), RGBColor(12, 44, 132));
        assert_eq!(sequential(9.0), sequential(4.0));
        assert_eq!(text_on(sequential(4.0)), WHITE);
        assert_eq!(text_on(sequential(0.0)), INK);
        // Every value's colour carries its text at 4.5:1 or more (WCAG 2.1 AA), as the badges of
        // the HTML report do on the same colours.
        assert_eq!(sequential(2.5), sequential(3.0));
        assert_eq!(sequential(2.49), sequential(2.0));
        for step in 0..=40 {
            let background = sequential(f64::from(step) / 10.0);
            let ratio = contrast(background, text_on(background));
            assert!(ratio >= 4.5, "{background:?}: {ratio:.2}");
        }
        assert!((contrast(WHITE, RGBColor(0, 0, 0)) - 21.0).abs() < 1e-9);
    }

    /// Writes the sample's charts to /tmp/charts for a visual check (`cargo test -- --ignored`).
    #[test]
    #[ignore]
    fn write_sample_charts() {
        let ctx = sample();
        let dir = Path::new("/tmp/charts");
        std::fs::create_dir_all(dir).expect("dir");
        let images = svg_images(&ctx).expect("charts");
        for (name, image) in [
            ("radar", &images.radar),
            ("heatmap", &images.heatmap),
            ("gaps", &images.gaps),
            ("coverage", &images.coverage),
        ] {
            std::fs::write(dir.join(format!("{name}.svg")), &image.svg).expect("write");
        }
        // A harder case: a pillar without data, long titles and markup in a title.
        let mut hard = ctx.clone();
        hard.summary.pillars[1].score.score = None;
        hard.summary.pillars[1].score.display = "–".to_string();
        hard.summary.pillars[3].title =
            "People-Centric Systems, Inclusion, Accessibility and Safeguards for Vulnerable Groups"
                .to_string();
        hard.summary.pillars[0].title = "<script>alert(1)</script> & Infrastructure".to_string();
        hard.building_blocks.rows[0].name = "A very long Building Block name that cannot fit".to_string();
        let images = svg_images(&hard).expect("charts");
        std::fs::write(dir.join("radar-hard.svg"), &images.radar.svg).expect("write");
        std::fs::write(dir.join("heatmap-hard.svg"), &images.heatmap.svg).expect("write");
    }
}

/// Legibility (issue 15): every label of every chart of every sample report and of their
/// comparison, and of charts of hostile names, at 9 SVG pixels or more (6.75 pt in the PDF),
/// inside its chart, clear of every other label, and in the plain form the PDF sets itself.
#[cfg(test)]
mod legibility_tests {
    use std::path::Path;

    use super::*;
    use crate::compare::{CompareInput, Settings};
    use crate::report::pdf::label_boxes;

    const SAMPLES: [&str; 4] = ["kalindra-2024", "kalindra-2026", "nuvaria", "estmar"];
    const MIN_TEXT: f32 = 9.0;

    fn sample(name: &str) -> (ReportContext, CompareInput) {
        let (assessment, found) = crate::ingest::load_assessment(&Path::new("sample-data").join(name));
        let assessment = assessment.unwrap_or_else(|| panic!("{name} loads: {found:?}"));
        let results = crate::score::score(&assessment);
        let (roadmap, services) = crate::roadmap::plan_assessment(&results, &assessment);
        let ctx = crate::report::context::build(&results, &assessment, &roadmap, &services);
        let input = CompareInput {
            source: name.to_string(),
            results,
            roadmap: Some(roadmap),
        };
        (ctx, input)
    }

    /// What is wrong with one chart's labels, each problem a line.
    fn problems(chart: &str, svg: &str) -> Vec<String> {
        let ((width, height), labels, kept) = label_boxes(svg);
        let mut found = Vec::new();
        if kept {
            found.push(format!("{chart}: a <text> the PDF cannot set itself"));
        }
        for (label, [left, top, right, bottom]) in &labels {
            if label.size < MIN_TEXT {
                found.push(format!("{chart}: {:?} at {} px", label.text, label.size));
            }
            if *left < -0.5 || *right > width + 0.5 || *top < -0.5 || *bottom > height + 0.5 {
                found.push(format!(
                    "{chart}: {:?} reaches past the edge ({left:.0}..{right:.0} × {top:.0}..{bottom:.0} in {width}×{height})",
                    label.text
                ));
            }
        }
        for (i, (a, [al, at, ar, ab])) in labels.iter().enumerate() {
            for (b, [bl, bt, br, bb]) in &labels[i + 1..] {
                let across = ar.min(*br) - al.max(*bl);
                let down = ab.min(*bb) - at.max(*bt);
                if across > 0.5 && down > 0.5 {
                    found.push(format!("{chart}: {:?} overlaps {:?}", a.text, b.text));
                }
            }
        }
        found
    }

    fn report_problems(name: &str, ctx: &ReportContext) -> Vec<String> {
        let images = svg_images(ctx).expect("charts");
        images
            .in_order()
            .iter()
            .flat_map(|image| problems(&format!("{name}, {}", image.title), &image.svg))
            .collect()
    }

    fn comparison_problems(name: &str, comparison: &crate::compare::Comparison) -> Vec<String> {
        let charts = crate::report::compare::charts::svg_images(comparison).expect("charts");
        [&charts.radar, &charts.heatmap, &charts.ranks]
            .into_iter()
            .chain(&charts.slopes)
            .flat_map(|image| problems(&format!("{name}, {}", image.title), &image.svg))
            .collect()
    }

    const LONG: &str =
        "Policy, Legal, Regulatory and Institutional Frameworks for Cross-Border Data Exchange";
    const ARABIC: &str = "منصة تبادل البيانات الحكومية الوطنية الموحدة";
    const ETHIOPIC: &str = "የብሔራዊ ዲጂታል መታወቂያ ስርዓት አስተዳደር";
    const UNBROKEN: &str = "Interoperability-and-data-sharing-mandate-without-any-space";

    #[test]
    fn every_chart_label_is_9_px_or_more_inside_its_chart_and_clear_of_the_others() {
        let mut found = Vec::new();
        let mut inputs = Vec::new();
        for name in SAMPLES {
            let (ctx, input) = sample(name);
            found.extend(report_problems(name, &ctx));
            inputs.push(input);
        }
        let settings = Settings {
            draws: 100,
            noise: 0.25,
            seed: 1,
        };
        let comparison = crate::compare::compare(&inputs, settings).expect("comparison");
        found.extend(comparison_problems("comparison", &comparison));

        // Hostile names: long, right to left, Ethiopic, one unbroken word.
        let names = [LONG, ARABIC, ETHIOPIC, UNBROKEN];
        let (mut ctx, _) = sample("kalindra-2024");
        for (i, pillar) in ctx.summary.pillars.iter_mut().enumerate() {
            pillar.title = names[i % names.len()].to_string();
        }
        for (i, row) in ctx.building_blocks.rows.iter_mut().enumerate() {
            row.name = names[i % names.len()].to_string();
        }
        for (i, gap) in ctx.gaps.iter_mut().enumerate() {
            gap.title = names[i % names.len()].to_string();
        }
        for (i, action) in ctx.plan.actions.iter_mut().enumerate() {
            action.raises = names[i % names.len()].to_string();
        }
        let arch = &mut ctx.plan.architecture;
        for (i, tile) in arch
            .channels
            .iter_mut()
            .chain(&mut arch.services)
            .chain(&mut arch.infrastructure)
            .chain(&mut arch.enablers)
            .enumerate()
        {
            tile.title = names[i % names.len()].to_string();
        }
        for (i, bb) in arch
            .components
            .iter_mut()
            .flat_map(|c| &mut c.building_blocks)
            .enumerate()
        {
            bb.name = names[i % names.len()].to_string();
            bb.systems = names.iter().map(|n| n.to_string()).collect();
        }
        found.extend(report_problems("hostile names", &ctx));
        let mut comparison = comparison;
        for (i, row) in comparison.countries.iter_mut().enumerate() {
            row.country = names[i % names.len()].to_string();
        }
        for (i, pillar) in comparison.pillars.iter_mut().enumerate() {
            pillar.title = names[i % names.len()].to_string();
        }
        found.extend(comparison_problems("hostile comparison", &comparison));
        assert!(
            found.is_empty(),
            "{} problem(s):\n{}",
            found.len(),
            found.join("\n")
        );
    }
}
