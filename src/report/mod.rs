//! Report: results → files people read: HTML, PDF, Markdown, XLSX and CSV, with charts.
//!
//! In: [`Results`](crate::model::Results) and the assessment, turned once into a
//! [`context::ReportContext`] that every renderer reads. Out: bytes or text ready to write.
//! Pure: no I/O here; the CLI writes what these functions return.

pub mod charts;
pub mod compare;
pub mod context;
pub mod csv;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod prose;
pub mod roadmap;
pub mod table;
pub mod workshop;
pub mod xlsx;

/// A chart drawn as SVG, for HTML, Markdown and the PDF.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChartImage {
    /// Caption.
    pub title: String,
    /// Text alternative saying what the chart shows (for screen readers and text formats).
    pub alt: String,
    /// The SVG document (no external references).
    pub svg: String,
}

impl ChartImage {
    /// The chart as a file of its own: an XML declaration, and its caption and text alternative
    /// as the SVG's `<title>` and `<desc>`, which the HTML gives it from its `<figure>` instead
    /// and a file opened alone would otherwise lack.
    pub fn standalone_svg(&self) -> String {
        let described = format!(
            "<title>{}</title><desc>{}</desc>",
            html::escape(&self.title),
            html::escape(&self.alt)
        );
        let svg = match self
            .svg
            .find("<svg")
            .and_then(|start| self.svg[start..].find('>').map(|end| start + end + 1))
        {
            Some(open) => format!("{}{described}{}", &self.svg[..open], &self.svg[open..]),
            None => self.svg.clone(),
        };
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{svg}")
    }
}

/// The report's charts as SVG.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChartImages {
    /// Pillar radar.
    pub radar: ChartImage,
    /// Building Block × criteria heatmap.
    pub heatmap: ChartImage,
    /// Largest gaps as bars.
    pub gaps: ChartImage,
    /// Coverage per pillar as bars.
    pub coverage: ChartImage,
    /// The roadmap as a Gantt chart by phase.
    pub gantt: ChartImage,
    /// The draft national DPI architecture.
    pub architecture: ChartImage,
    /// The projected overall index and pillar scores, year by year.
    pub trajectory: ChartImage,
}

impl ChartImages {
    /// The charts in the order the PDF numbers them: radar, heatmap, gaps, coverage, Gantt chart,
    /// architecture, trajectory.
    pub fn in_order(&self) -> [&ChartImage; 7] {
        [
            &self.radar,
            &self.heatmap,
            &self.gaps,
            &self.coverage,
            &self.gantt,
            &self.architecture,
            &self.trajectory,
        ]
    }
}
