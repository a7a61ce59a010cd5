//! The comparison's charts: overlay radar of pillars, countries × pillars heatmap, median rank
//! with its 5–95 % band, and one slope chart per country assessed at several dates.
//!
//! In: a [`Comparison`]. Out: SVG ([`CompareCharts`]) for HTML, Markdown and the PDF, which draws
//! it as vector graphics. Each chart is one drawing function over plotters' backend, in logical
//! pixels; text is set in the embedded DejaVu Sans (registered by
//! `report::charts`), so output is the same on every machine. Every chart has a text alternative
//! that states its data in words. Long lists are cut (see [`MAX_ROWS`], [`MAX_RADAR`]) and the
//! caption says so; the tables hold every country.

use crate::messages::{t, tf};
use std::f64::consts::PI;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::CompareCharts;
use crate::compare::{Comparison, band_text};
use crate::report::ChartImage;
use crate::report::charts::{
    BLUE, Canvas, ChartError, DrawResult, GRID, INK, LABEL_TEXT, MUTED, NO_DATA, SERIES, SMALL_TEXT, fonts,
    sequential,
};

/// Rows at most in the heatmap and rank chart.
pub const MAX_ROWS: usize = 30;
/// Countries at most in the radar.
pub const MAX_RADAR: usize = 8;
const WIDTH: f64 = 640.0;
/// The heatmap's header (column titles of up to five lines) and its rows.
const HEAT_TOP: f64 = 84.0;
const HEAT_ROW: f64 = 26.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Radar,
    Heatmap,
    Ranks,
    Slope(usize),
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Radar => "comparison radar",
            Kind::Heatmap => "comparison heatmap",
            Kind::Ranks => "rank uncertainty",
            Kind::Slope(_) => "progress slope",
        }
    }

    fn size(self, c: &Comparison) -> (f64, f64) {
        let rows = c.countries.len().clamp(1, MAX_ROWS) as f64;
        match self {
            Kind::Radar => (WIDTH, 500.0),
            Kind::Heatmap => (WIDTH, HEAT_TOP + 30.0 + rows * HEAT_ROW),
            Kind::Ranks => (WIDTH, 96.0 + rows * 22.0),
            Kind::Slope(_) => (WIDTH, 420.0),
        }
    }

    fn title(self, c: &Comparison) -> String {
        let more = c.countries.len() > MAX_ROWS;
        match self {
            Kind::Radar => {
                if c.countries.len() > MAX_RADAR {
                    tf("compare-chart-radar-top", &[("count", MAX_RADAR.into())])
                } else {
                    t("compare-chart-radar")
                }
            }
            Kind::Heatmap => {
                if more {
                    tf("compare-chart-heatmap-top", &[("count", MAX_ROWS.into())])
                } else {
                    t("compare-chart-heatmap")
                }
            }
            Kind::Ranks => {
                if more {
                    tf("compare-chart-ranks-top", &[("count", MAX_ROWS.into())])
                } else {
                    t("compare-chart-ranks")
                }
            }
            Kind::Slope(i) => tf(
                "compare-chart-slope",
                &[("country", (&c.progress[i].country).into())],
            ),
        }
    }

    fn alt(self, c: &Comparison) -> String {
        match self {
            Kind::Radar => tf(
                "compare-chart-radar-alt",
                &[
                    (
                        "countries",
                        c.countries
                            .iter()
                            .take(MAX_RADAR)
                            .map(|r| r.country.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                            .into(),
                    ),
                    ("count", c.pillars.len().into()),
                ],
            ),
            Kind::Heatmap => c
                .countries
                .iter()
                .take(MAX_ROWS)
                .map(|r| {
                    let cells: Vec<String> = c
                        .pillars
                        .iter()
                        .zip(&r.pillars)
                        .map(|(p, cell)| {
                            format!(
                                "{} {}",
                                p.title,
                                cell.score
                                    .map(|s| format!("{s:.1}"))
                                    .unwrap_or_else(|| t("chart-no-data"))
                            )
                        })
                        .collect();
                    tf(
                        "compare-chart-heatmap-row",
                        &[
                            ("country", (&r.country).into()),
                            (
                                "overall",
                                r.overall
                                    .score
                                    .map(|s| format!("{s:.1}"))
                                    .unwrap_or_else(|| t("chart-no-data"))
                                    .into(),
                            ),
                            ("cells", cells.join(", ").into()),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join(" "),
            Kind::Ranks => c
                .countries
                .iter()
                .take(MAX_ROWS)
                .map(|r| match &r.rank {
                    Some(s) => tf(
                        "compare-chart-rank-row",
                        &[
                            ("country", (&r.country).into()),
                            ("median", s.median.into()),
                            ("band", band_text(s).into()),
                        ],
                    ),
                    None if r.overall.provisional => tf(
                        "compare-chart-rank-provisional",
                        &[("country", (&r.country).into())],
                    ),
                    None => tf("compare-chart-rank-none", &[("country", (&r.country).into())]),
                })
                .collect::<Vec<_>>()
                .join(" "),
            Kind::Slope(i) => {
                let s = &c.progress[i];
                let mut lines = vec![tf(
                    "compare-chart-slope-overall",
                    &[(
                        "values",
                        s.dates
                            .iter()
                            .zip(&s.overall)
                            .map(|(d, v)| {
                                format!(
                                    "{d} {}",
                                    v.map(|v| format!("{v:.1}")).unwrap_or_else(|| t("chart-no-data"))
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                            .into(),
                    )],
                )];
                for (p, values) in c.pillars.iter().zip(&s.pillars) {
                    lines.push(format!(
                        "{}: {}.",
                        p.title,
                        values
                            .iter()
                            .map(|v| v.map(|v| format!("{v:.1}")).unwrap_or_else(|| t("chart-no-data")))
                            .collect::<Vec<_>>()
                            .join(" → ")
                    ));
                }
                lines.join(" ")
            }
        }
    }

    fn draw<DB: DrawingBackend>(self, area: &DrawingArea<DB, Shift>, c: &Comparison, scale: f64) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        area.fill(&WHITE)?;
        let canvas = Canvas { area, s: scale };
        match self {
            Kind::Radar => radar(&canvas, c)?,
            Kind::Heatmap => heatmap(&canvas, c)?,
            Kind::Ranks => ranks(&canvas, c)?,
            Kind::Slope(i) => slope(&canvas, c, i)?,
        }
        area.present()?;
        Ok(())
    }

    fn fail(self) -> impl Fn(Box<dyn std::error::Error>) -> ChartError {
        move |e| ChartError {
            chart: self.name(),
            message: e.to_string(),
        }
    }

    fn svg(self, c: &Comparison) -> Result<ChartImage, ChartError> {
        fonts().map_err(self.fail())?;
        let (w, h) = self.size(c);
        let mut svg = String::new();
        {
            let area =
                SVGBackend::with_string(&mut svg, (w.round() as u32, h.round() as u32)).into_drawing_area();
            self.draw(&area, c, 1.0).map_err(self.fail())?;
        }
        Ok(ChartImage {
            title: self.title(c),
            alt: self.alt(c),
            svg,
        })
    }
}

/// The charts as SVG.
pub fn svg_images(c: &Comparison) -> Result<CompareCharts, ChartError> {
    Ok(CompareCharts {
        radar: Kind::Radar.svg(c)?,
        heatmap: Kind::Heatmap.svg(c)?,
        ranks: Kind::Ranks.svg(c)?,
        slopes: (0..c.progress.len())
            .map(|i| Kind::Slope(i).svg(c))
            .collect::<Result<_, _>>()?,
    })
}

fn legend<DB: DrawingBackend>(cv: &Canvas<DB>, names: &[(String, RGBColor)], top: f64) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (mut x, mut y) = (20.0, top);
    for (name, color) in names {
        let label = cv.fit(name, 180.0, LABEL_TEXT, false)?;
        let width = 34.0 + cv.width(&label, LABEL_TEXT, false)?;
        if x + width > WIDTH - 10.0 {
            x = 20.0;
            y += 18.0;
        }
        cv.line(&[(x, y), (x + 16.0, y)], color, 3.0)?;
        cv.text(
            &label,
            (x + 20.0, y),
            LABEL_TEXT,
            false,
            &INK,
            (HPos::Left, VPos::Center),
        )?;
        x += width;
    }
    Ok(())
}

fn radar<DB: DrawingBackend>(cv: &Canvas<DB>, c: &Comparison) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let k = c.pillars.len().max(1);
    let (cx, cy, radius) = (WIDTH / 2.0, 215.0, 150.0);
    let point = |i: usize, value: f64| {
        let angle = -PI / 2.0 + 2.0 * PI * i as f64 / k as f64;
        (
            cx + radius * value / 100.0 * angle.cos(),
            cy + radius * value / 100.0 * angle.sin(),
        )
    };
    for ring in [25.0, 50.0, 75.0, 100.0] {
        let mut pts: Vec<(f64, f64)> = (0..k).map(|i| point(i, ring)).collect();
        pts.push(pts[0]);
        cv.line(&pts, &GRID, 1.0)?;
        cv.text(
            &format!("{ring:.0}"),
            (cx + 3.0, cy - radius * ring / 100.0),
            SMALL_TEXT,
            false,
            &MUTED,
            (HPos::Left, VPos::Bottom),
        )?;
    }
    for (i, p) in c.pillars.iter().enumerate() {
        cv.line(&[(cx, cy), point(i, 100.0)], &GRID, 1.0)?;
        let (x, y) = point(i, 110.0);
        let (h, room) = if (x - cx).abs() < 5.0 {
            (HPos::Center, 260.0)
        } else if x > cx {
            (HPos::Left, WIDTH - 8.0 - x)
        } else {
            (HPos::Right, x - 8.0)
        };
        let v = if y < cy - radius * 0.7 {
            VPos::Bottom
        } else if y > cy + radius * 0.7 {
            VPos::Top
        } else {
            VPos::Center
        };
        // A long title takes up to three lines (the pillar matrix names it in full).
        let lines: Vec<_> = cv
            .wrap(&p.title, room.min(170.0), LABEL_TEXT, true, 3)?
            .into_iter()
            .map(|l| (l, LABEL_TEXT, true, INK))
            .collect();
        cv.block(&lines, (x, y), 14.0, (h, v))?;
    }
    let mut names = Vec::new();
    for (n, row) in c.countries.iter().take(MAX_RADAR).enumerate() {
        let color = SERIES[n % SERIES.len()];
        // Pillars without a score are left out of the outline (never drawn as 0); provisional
        // ones are hollow dots.
        let mut pts: Vec<(f64, f64)> = row
            .pillars
            .iter()
            .enumerate()
            .filter_map(|(i, cell)| cell.score.map(|s| point(i, s)))
            .collect();
        if pts.len() >= 3
            && let Some(&first) = pts.first()
        {
            pts.push(first);
        }
        if pts.len() >= 2 {
            cv.line(&pts, &color, 2.0)?;
        }
        for (i, cell) in row.pillars.iter().enumerate() {
            if let Some(s) = cell.score {
                cv.dot(point(i, s), 3.0, &color, !cell.provisional)?;
            }
        }
        names.push((row.country.clone(), color));
    }
    legend(cv, &names, 450.0)
}

fn level_color(level: Option<u8>) -> RGBColor {
    level.map(|l| sequential(f64::from(l.min(4)))).unwrap_or(NO_DATA)
}

fn heatmap<DB: DrawingBackend>(cv: &Canvas<DB>, c: &Comparison) -> DrawResult
where
    DB::ErrorType: 'static,
{
    // Country names at the left (a long one is cut; the text alternative and the matrix name it
    // in full), so the columns are wide enough for a pillar title's longest word at 10 px.
    let label_w = 120.0;
    let cols = c.pillars.len() + 1;
    let cell_w = (WIDTH - label_w - 20.0) / cols as f64;
    let top = HEAT_TOP;
    let mut headers = vec![t("overall")];
    headers.extend(c.pillars.iter().map(|p| p.title.clone()));
    // Column headers: the title wrapped to the cell's width, at most five lines, bottom-aligned;
    // regular weight, whose longest words ("Infrastructure") fit a column.
    for (j, h) in headers.iter().enumerate() {
        let x = label_w + cell_w * (j as f64 + 0.5);
        let lines: Vec<_> = cv
            .wrap(h, cell_w - 4.0, SMALL_TEXT, false, 5)?
            .into_iter()
            .map(|l| (l, SMALL_TEXT, false, INK))
            .collect();
        cv.block(&lines, (x, top - 4.0), 12.5, (HPos::Center, VPos::Bottom))?;
    }
    for (i, row) in c.countries.iter().take(MAX_ROWS).enumerate() {
        let y = top + HEAT_ROW * i as f64;
        cv.text(
            &cv.fit(&row.country, label_w - 16.0, LABEL_TEXT, false)?,
            (label_w - 8.0, y + HEAT_ROW / 2.0),
            LABEL_TEXT,
            false,
            &INK,
            (HPos::Right, VPos::Center),
        )?;
        let mut cells = vec![row.overall];
        cells.extend(row.pillars.iter().copied());
        for (j, cell) in cells.iter().enumerate() {
            let x = label_w + cell_w * j as f64;
            let fill = level_color(cell.level);
            cv.rect(
                (x + 1.0, y + 1.0),
                (x + cell_w - 1.0, y + HEAT_ROW - 1.0),
                fill.filled(),
            )?;
            let text = match cell.score {
                Some(s) if cell.provisional => tf(
                    "compare-chart-provisional",
                    &[("score", format!("{s:.1}").into())],
                ),
                Some(s) => format!("{s:.1}"),
                None => t("chart-no-data"),
            };
            let ink = if cell.level.is_some_and(|l| l >= 3) {
                WHITE
            } else {
                INK
            };
            let text = cv.fit(&text, cell_w - 4.0, LABEL_TEXT, j == 0)?;
            cv.text(
                &text,
                (x + cell_w / 2.0, y + HEAT_ROW / 2.0),
                LABEL_TEXT,
                j == 0,
                &ink,
                (HPos::Center, VPos::Center),
            )?;
        }
    }
    let y = top + HEAT_ROW * c.countries.len().clamp(1, MAX_ROWS) as f64 + 16.0;
    let names = [
        &format!("0 {}", t("level-0")),
        &format!("1 {}", t("level-1")),
        &format!("2 {}", t("level-2")),
        &format!("3 {}", t("level-3")),
        &format!("4 {}", t("level-4")),
    ];
    for (l, name) in names.iter().enumerate() {
        let x = 20.0 + 120.0 * l as f64;
        cv.rect((x, y - 6.0), (x + 14.0, y + 6.0), sequential(l as f64).filled())?;
        cv.text(
            &cv.fit(name, 98.0, SMALL_TEXT, false)?,
            (x + 18.0, y),
            SMALL_TEXT,
            false,
            &MUTED,
            (HPos::Left, VPos::Center),
        )?;
    }
    Ok(())
}

fn ranks<DB: DrawingBackend>(cv: &Canvas<DB>, c: &Comparison) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let label_w = 170.0;
    let n = c.countries.len().max(1) as f64;
    let (x0, x1) = (label_w + 10.0, WIDTH - 30.0);
    let x = |rank: f64| {
        if n <= 1.0 {
            (x0 + x1) / 2.0
        } else {
            x0 + (x1 - x0) * (rank - 1.0) / (n - 1.0)
        }
    };
    let top = 46.0;
    let rows = c.countries.len().clamp(1, MAX_ROWS) as f64;
    let bottom = top + 22.0 * rows;
    // Axis: ranks, 1 on the left.
    let step = ((n / 10.0).ceil() as usize).max(1);
    let mut rank = 1usize;
    while rank as f64 <= n {
        let xr = x(rank as f64);
        cv.line(&[(xr, top - 6.0), (xr, bottom)], &GRID, 1.0)?;
        cv.text(
            &rank.to_string(),
            (xr, top - 10.0),
            SMALL_TEXT,
            false,
            &MUTED,
            (HPos::Center, VPos::Bottom),
        )?;
        rank += step;
    }
    cv.text(
        &t("compare-chart-rank-axis"),
        (x0, top - 28.0),
        SMALL_TEXT,
        false,
        &MUTED,
        (HPos::Left, VPos::Bottom),
    )?;
    for (i, row) in c.countries.iter().take(MAX_ROWS).enumerate() {
        let y = top + 22.0 * i as f64 + 11.0;
        cv.text(
            &cv.fit(&row.country, label_w - 16.0, LABEL_TEXT, false)?,
            (label_w - 8.0, y),
            LABEL_TEXT,
            false,
            &INK,
            (HPos::Right, VPos::Center),
        )?;
        if let Some(s) = &row.rank {
            cv.line(&[(x(f64::from(s.p05)), y), (x(f64::from(s.p95)), y)], &BLUE, 4.0)?;
            cv.dot((x(f64::from(s.median)), y), 5.0, &BLUE, true)?;
        }
        if let Some(nominal) = row.nominal_rank {
            cv.dot((x(f64::from(nominal)), y), 7.0, &INK, false)?;
        }
    }
    // Legend: each key placed after the previous one's measured text.
    let y = bottom + 24.0;
    cv.line(&[(20.0, y), (40.0, y)], &BLUE, 4.0)?;
    let band = t("col-band");
    cv.text(
        &band,
        (46.0, y),
        SMALL_TEXT,
        false,
        &MUTED,
        (HPos::Left, VPos::Center),
    )?;
    let mut x = 46.0 + cv.width(&band, SMALL_TEXT, false)? + 20.0;
    cv.dot((x + 5.0, y), 5.0, &BLUE, true)?;
    let median = t("compare-chart-median-rank");
    cv.text(
        &median,
        (x + 15.0, y),
        SMALL_TEXT,
        false,
        &MUTED,
        (HPos::Left, VPos::Center),
    )?;
    x += 15.0 + cv.width(&median, SMALL_TEXT, false)? + 20.0;
    cv.dot((x + 7.0, y), 7.0, &INK, false)?;
    let nominal = cv.fit(
        &t("compare-chart-nominal-rank"),
        WIDTH - 10.0 - (x + 19.0),
        SMALL_TEXT,
        false,
    )?;
    cv.text(
        &nominal,
        (x + 19.0, y),
        SMALL_TEXT,
        false,
        &MUTED,
        (HPos::Left, VPos::Center),
    )?;
    Ok(())
}

fn slope<DB: DrawingBackend>(cv: &Canvas<DB>, c: &Comparison, i: usize) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let s = &c.progress[i];
    // The plot on the left; the right 290 px hold each series' name and last value.
    let (x0, x1, top, bottom) = (44.0, WIDTH - 290.0, 30.0, 330.0);
    let d = s.dates.len().max(2) as f64 - 1.0;
    let x = |k: usize| x0 + (x1 - x0) * k as f64 / d;
    let y = |v: f64| bottom - (bottom - top) * v / 100.0;
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        cv.line(&[(x0, y(v)), (x1, y(v))], &GRID, 1.0)?;
        cv.text(
            &format!("{v:.0}"),
            (x0 - 8.0, y(v)),
            SMALL_TEXT,
            false,
            &MUTED,
            (HPos::Right, VPos::Center),
        )?;
    }
    for (k, date) in s.dates.iter().enumerate() {
        cv.line(&[(x(k), top), (x(k), bottom)], &GRID, 1.0)?;
        cv.text(
            date,
            (x(k), bottom + 16.0),
            LABEL_TEXT,
            true,
            &INK,
            (HPos::Center, VPos::Center),
        )?;
    }
    let mut series: Vec<(String, &Vec<Option<f64>>, RGBColor, f64)> =
        vec![(t("overall-index"), &s.overall, INK, 3.0)];
    for (n, (p, values)) in c.pillars.iter().zip(&s.pillars).enumerate() {
        series.push((p.title.clone(), values, SERIES[n % SERIES.len()], 2.0));
    }
    let mut labels: Vec<(f64, String, RGBColor)> = Vec::new();
    for (name, values, color, width) in &series {
        let pts: Vec<(f64, f64)> = values
            .iter()
            .enumerate()
            .filter_map(|(k, v)| v.map(|v| (x(k), y(v))))
            .collect();
        if pts.len() >= 2 {
            cv.line(&pts, color, *width)?;
        }
        for &p in &pts {
            cv.dot(p, 3.5, color, true)?;
        }
        if let Some(last) = values.last().copied().flatten() {
            let value = format!(" {last:.1}");
            let room = WIDTH - 10.0 - (x1 + 10.0) - cv.width(&value, LABEL_TEXT, false)?;
            labels.push((
                y(last),
                format!("{}{value}", cv.fit(name, room, LABEL_TEXT, false)?),
                *color,
            ));
        }
    }
    // Labels at the right, nudged apart so they do not overlap.
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut previous = f64::NEG_INFINITY;
    for (ly, text, color) in &mut labels {
        *ly = ly.max(previous + 14.5);
        previous = *ly;
        cv.text(
            text,
            (x1 + 10.0, *ly),
            LABEL_TEXT,
            false,
            color,
            (HPos::Left, VPos::Center),
        )?;
    }
    Ok(())
}
