//! The charts as the PDF draws them: each chart's SVG split into its drawing and its labels.
//!
//! In: the charts' SVG, the same documents the HTML report embeds. Out: [`Charts`], holding per
//! chart its size and its labels ([`ChartFace`]), which the layout sets as text with the report's
//! own fonts, and the drawing without those labels, parsed by usvg on another thread while the
//! pages are laid out. Not here: where a chart goes on a page (`layout`) or how the drawing is
//! written (`write`).
//!
//! Why the labels are split off: usvg lays out every `<text>` by parsing the font's shaping tables
//! anew and turning the glyphs into outlines, which made reading the charts a sixth of the PDF's
//! time; set by `layout`, a label costs what a word of a paragraph costs, and is measured, shaped
//! (right-to-left scripts included) and subset like the rest of the text. Only labels this module
//! reads completely are split off: a `<text>` directly under the root with a plain position, size,
//! anchor, colour and weight. Anything else (a transform, a nested element, an opacity, a colour
//! that is not `#rrggbb`) stays in the drawing for usvg, so no label is ever lost.

use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

use super::PdfError;
use super::fonts::{self, Style};
use super::layout::Rgb8;
use crate::report::ChartImage;

/// Where a label's `x` is on the label: the SVG `text-anchor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is the label's left end.
    Start,
    /// `x` is the label's centre.
    Middle,
    /// `x` is the label's right end.
    End,
}

/// One label of a chart, in the chart's own units (SVG pixels).
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The text, white space collapsed as SVG does.
    pub text: String,
    /// Anchor point, left to right.
    pub x: f32,
    /// Baseline, top to bottom (`y` plus `dy`).
    pub baseline: f32,
    /// Font size.
    pub size: f32,
    /// Regular or bold.
    pub style: Style,
    /// Colour.
    pub color: Rgb8,
    /// How the label sits on `x`.
    pub anchor: Anchor,
}

/// What the layout needs of a chart: its size and the labels it sets itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartFace {
    /// Width in SVG pixels.
    pub width: f32,
    /// Height in SVG pixels.
    pub height: f32,
    /// The labels split off the drawing.
    pub labels: Vec<Label>,
    /// Heights (SVG pixels, top to bottom) where a line across the chart meets no label and no
    /// rectangle (but the background): where a chart taller than a page may be cut.
    pub cuts: Vec<f32>,
}

type Trees = Result<Vec<usvg::Tree>, PdfError>;

/// The charts of one PDF: faces at once, drawings when the writer asks for them.
pub struct Charts {
    faces: Vec<ChartFace>,
    parsing: Mutex<Option<JoinHandle<Trees>>>,
    trees: OnceLock<Trees>,
}

impl Charts {
    /// Each chart's size and labels, in the order given.
    pub fn faces(&self) -> &[ChartFace] {
        &self.faces
    }

    /// The drawings, in the order given; waits for the parser if it is still at work.
    pub fn trees(&self) -> Result<&[usvg::Tree], PdfError> {
        let trees = self.trees.get_or_init(|| {
            let handle = self.parsing.lock().map(|mut h| h.take()).ok().flatten();
            match handle {
                Some(handle) => handle.join().unwrap_or_else(|_| {
                    Err(PdfError::Chart {
                        index: 0,
                        reason: "the SVG reader stopped unexpectedly".to_string(),
                    })
                }),
                None => Ok(Vec::new()),
            }
        });
        match trees {
            Ok(trees) => Ok(trees),
            Err(e) => Err(e.clone()),
        }
    }
}

impl Drop for Charts {
    fn drop(&mut self) {
        // A PDF abandoned before writing still waits for its parser, so no thread outlives it.
        if let Ok(mut handle) = self.parsing.lock()
            && let Some(handle) = handle.take()
        {
            let _ = handle.join();
        }
    }
}

/// Splits each chart into face and drawing, and starts parsing the drawings: on a thread of
/// their own when more than one thread is allowed (`DPI_ASSESS_THREADS`), here otherwise. A chart
/// whose root has no plain `width` and `height` is an error, as usvg would make it.
pub fn parse_charts(charts: &[&ChartImage]) -> Result<Charts, PdfError> {
    let mut faces = Vec::with_capacity(charts.len());
    let mut drawings = Vec::with_capacity(charts.len());
    for (index, chart) in charts.iter().enumerate() {
        let (face, drawing) = split(&chart.svg).map_err(|reason| PdfError::Chart { index, reason })?;
        faces.push(face);
        drawings.push(drawing);
    }
    let charts = |parsing: Option<JoinHandle<Trees>>, trees: OnceLock<Trees>| Charts {
        faces,
        parsing: Mutex::new(parsing),
        trees,
    };
    if drawings.is_empty() {
        return Ok(charts(None, OnceLock::from(Ok(Vec::new()))));
    }
    let drawings = Arc::new(drawings);
    if crate::parallel::threads() > 1 {
        let shared = Arc::clone(&drawings);
        let spawned = std::thread::Builder::new()
            .name("pdf-charts".to_string())
            .spawn(move || parse_drawings(&shared));
        // Without a thread (a limit of the machine), the drawings are parsed here instead.
        if let Ok(handle) = spawned {
            return Ok(charts(Some(handle), OnceLock::new()));
        }
    }
    let trees = parse_drawings(&drawings)?;
    Ok(charts(None, OnceLock::from(Ok(trees))))
}

/// usvg's options: the embedded fonts as the only fonts (no system fonts: the same input gives
/// the same PDF on every machine), for labels left in the drawings.
fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for bytes in fonts::FILES {
            // The fonts are static: the database refers to them rather than copying 1.8 MB.
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(bytes)));
        }
        db.set_sans_serif_family("DejaVu Sans");
        usvg::Options {
            fontdb: Arc::new(db),
            font_family: "DejaVu Sans".to_string(),
            ..usvg::Options::default()
        }
    })
}

fn parse_drawings(drawings: &[String]) -> Trees {
    let numbered: Vec<(usize, &String)> = drawings.iter().enumerate().collect();
    crate::parallel::map(&numbered, |&(index, svg)| {
        usvg::Tree::from_str(svg, options()).map_err(|e| PdfError::Chart {
            index,
            reason: e.to_string(),
        })
    })
    .into_iter()
    .collect()
}

/// The chart's face and its SVG without the labels of the face.
fn split(svg: &str) -> Result<(ChartFace, String), String> {
    let doc = roxmltree::Document::parse(svg).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    let width = length(root.attribute("width")).ok_or("the chart has no width in pixels")?;
    let height = length(root.attribute("height")).ok_or("the chart has no height in pixels")?;
    let mut face = ChartFace {
        width,
        height,
        labels: Vec::new(),
        cuts: Vec::new(),
    };
    // Labels are in the root's units only when the view box, if any, is the plain 0 0 width height.
    if let Some(view_box) = root.attribute("viewBox") {
        let numbers: Vec<f32> = view_box
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        if numbers != [0.0, 0.0, width, height] {
            return Ok((face, svg.to_string()));
        }
    }
    let mut drawing = String::with_capacity(svg.len());
    let mut kept_from = 0;
    for node in root.children().filter(|n| n.has_tag_name("text")) {
        let Some(label) = label(&node) else {
            continue;
        };
        let range = node.range();
        drawing.push_str(&svg[kept_from..range.start]);
        kept_from = range.end;
        if !label.text.is_empty() {
            face.labels.push(label);
        }
    }
    drawing.push_str(&svg[kept_from..]);
    face.cuts = cuts(&root, &face);
    Ok((face, drawing))
}

/// Where the chart may be cut: the middle of each band of its height that no label (from a
/// little above its capitals to below its descenders) and no rectangle lower than half the
/// chart (the background is not) reaches into.
fn cuts(root: &roxmltree::Node, face: &ChartFace) -> Vec<f32> {
    let mut taken: Vec<(f32, f32)> = face
        .labels
        .iter()
        .map(|l| (l.baseline - 0.85 * l.size, l.baseline + 0.3 * l.size))
        .collect();
    for rect in root.descendants().filter(|n| n.has_tag_name("rect")) {
        let (Some(y), Some(h)) = (length(rect.attribute("y")), length(rect.attribute("height"))) else {
            continue;
        };
        if h < face.height / 2.0 {
            taken.push((y, y + h));
        }
    }
    taken.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cuts = Vec::new();
    let mut reached = 0.0_f32;
    for (top, bottom) in taken {
        if top > reached + 1.0 {
            cuts.push((reached + top) / 2.0);
        }
        reached = reached.max(bottom);
    }
    cuts
}

/// The label a `<text>` element draws, or `None` when it holds anything this module does not read.
fn label(node: &roxmltree::Node) -> Option<Label> {
    if node.children().any(|c| !c.is_text()) {
        return None;
    }
    let mut x = 0.0;
    let mut y = 0.0;
    let mut dy = Relative::Px(0.0);
    let mut size = None;
    let mut style = Style::Regular;
    let mut color = (0, 0, 0);
    let mut anchor = Anchor::Start;
    for attribute in node.attributes() {
        let value = attribute.value().trim();
        match attribute.name() {
            "x" => x = value.parse().ok()?,
            "y" => y = value.parse().ok()?,
            "dy" => dy = relative(value)?,
            "font-size" => size = Some(length(Some(value))?),
            "font-family" if value == "sans-serif" => {}
            "font-weight" => {
                style = match value {
                    "bold" | "700" => Style::Bold,
                    "normal" | "400" => Style::Regular,
                    _ => return None,
                }
            }
            "opacity" | "fill-opacity" if value == "1" => {}
            "fill" => color = hex(value)?,
            "text-anchor" => {
                anchor = match value {
                    "start" => Anchor::Start,
                    "middle" => Anchor::Middle,
                    "end" => Anchor::End,
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    let size = size?;
    let raw: String = node.children().filter_map(|c| c.text()).collect();
    Some(Label {
        text: collapse(&raw),
        x,
        baseline: y + dy.resolve(size),
        size,
        style,
        color,
        anchor,
    })
}

/// A `dy`: pixels, or a multiple of the font size.
#[derive(Clone, Copy)]
enum Relative {
    Px(f32),
    Em(f32),
}

impl Relative {
    fn resolve(self, size: f32) -> f32 {
        match self {
            Relative::Px(n) => n,
            Relative::Em(n) => n * size,
        }
    }
}

fn relative(value: &str) -> Option<Relative> {
    if let Some(n) = value.strip_suffix("em") {
        return n.parse().ok().map(Relative::Em);
    }
    // usvg, like the SVG specification's fallback, takes an ex as half an em.
    if let Some(n) = value.strip_suffix("ex") {
        return n.parse::<f32>().ok().map(|n| Relative::Em(n / 2.0));
    }
    value
        .strip_suffix("px")
        .unwrap_or(value)
        .parse()
        .ok()
        .map(Relative::Px)
}

/// A length in pixels: `640` or `640px`.
fn length(value: Option<&str>) -> Option<f32> {
    let value = value?.trim();
    let n: f32 = value.strip_suffix("px").unwrap_or(value).parse().ok()?;
    (n.is_finite() && n > 0.0).then_some(n)
}

/// `#rrggbb`.
fn hex(value: &str) -> Option<Rgb8> {
    let digits = value.strip_prefix('#')?;
    if digits.len() != 6 || !digits.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// SVG's default white-space handling: line breaks removed, tabs as spaces, runs of spaces as
/// one, none at either end.
fn collapse(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars().filter(|c| *c != '\n' && *c != '\r') {
        let c = if c == '\t' { ' ' } else { c };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A chart's size, each label with its box (left, top, right, bottom in SVG pixels, measured in
/// the fonts the PDF sets it in), and whether a `<text>` stayed in the drawing because this module
/// cannot read it whole: what the charts' legibility test checks.
#[cfg(test)]
pub(crate) fn label_boxes(svg: &str) -> ((f32, f32), Vec<LabelBox>, bool) {
    let (face, drawing) = split(svg).expect("a chart that parses");
    let fonts = fonts::Fonts::get().expect("the embedded fonts");
    let boxes = face
        .labels
        .into_iter()
        .map(|label| {
            let width = fonts.width(&label.text, label.style, label.size);
            let left = match label.anchor {
                Anchor::Start => label.x,
                Anchor::Middle => label.x - width / 2.0,
                Anchor::End => label.x - width,
            };
            // DejaVu Sans: capitals 0.73 em above the baseline, descenders 0.24 em below.
            let top = label.baseline - 0.73 * label.size;
            let bottom = label.baseline + 0.24 * label.size;
            let extent = [left, top, left + width, bottom];
            (label, extent)
        })
        .collect();
    ((face.width, face.height), boxes, drawing.contains("<text"))
}

/// A label and its box: left, top, right, bottom.
#[cfg(test)]
pub(crate) type LabelBox = (Label, [f32; 4]);

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(body: &str) -> String {
        format!(
            r##"<svg width="640" height="480" viewBox="0 0 640 480" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="640" height="480" fill="#FFFFFF"/>{body}</svg>"##
        )
    }

    #[test]
    fn plain_labels_leave_the_drawing_with_their_baseline_anchor_and_colour() {
        let source = svg(concat!(
            r##"<text x="325" y="201" dy="0.5ex" text-anchor="start" font-family="sans-serif" font-size="10" opacity="1" fill="#666666">"##,
            "\n  Initial   level\n</text>",
            r##"<text x="10" y="20" dy="0.76em" text-anchor="middle" font-family="sans-serif" font-size="8" fill="#212121" font-weight="bold">Year 1</text>"##,
            r##"<text x="5" y="6" text-anchor="end" font-size="9px" fill="#0a0B0c">R &amp; D</text>"##,
        ));
        let (face, drawing) = split(&source).unwrap();
        assert_eq!((face.width, face.height), (640.0, 480.0));
        assert!(!drawing.contains("<text"), "{drawing}");
        assert!(drawing.contains("<rect"), "{drawing}");
        assert_eq!(
            face.labels,
            vec![
                Label {
                    text: "Initial level".to_string(),
                    x: 325.0,
                    // An ex is half an em, as usvg takes it: 201 + 0.5 × 10 / 2.
                    baseline: 203.5,
                    size: 10.0,
                    style: Style::Regular,
                    color: (0x66, 0x66, 0x66),
                    anchor: Anchor::Start,
                },
                Label {
                    text: "Year 1".to_string(),
                    x: 10.0,
                    baseline: 20.0 + 0.76 * 8.0,
                    size: 8.0,
                    style: Style::Bold,
                    color: (0x21, 0x21, 0x21),
                    anchor: Anchor::Middle,
                },
                Label {
                    text: "R & D".to_string(),
                    x: 5.0,
                    baseline: 6.0,
                    size: 9.0,
                    style: Style::Regular,
                    color: (0x0a, 0x0b, 0x0c),
                    anchor: Anchor::End,
                },
            ]
        );
    }

    #[test]
    fn labels_it_cannot_read_whole_stay_in_the_drawing() {
        let kept = [
            r##"<text x="1" y="2" font-size="9" transform="rotate(90)">turned</text>"##,
            r##"<text x="1" y="2" font-size="9" opacity="0.5">faint</text>"##,
            r##"<text x="1" y="2" font-size="9" fill="red">named colour</text>"##,
            r##"<text x="1 5" y="2" font-size="9">two positions</text>"##,
            r##"<text x="1" y="2" font-size="9"><tspan>nested</tspan></text>"##,
            r##"<text x="1" y="2">no size</text>"##,
            r##"<text x="1" y="2" font-size="9" font-family="serif">serif</text>"##,
            r##"<g><text x="1" y="2" font-size="9">grouped</text></g>"##,
        ];
        for text in kept {
            let (face, drawing) = split(&svg(text)).unwrap();
            assert!(face.labels.is_empty(), "{text}");
            assert!(drawing.contains(text), "{text} left out of {drawing}");
        }
    }

    #[test]
    fn a_view_box_other_than_the_size_keeps_every_label() {
        let source = r#"<svg width="640" height="480" viewBox="0 0 320 240" xmlns="http://www.w3.org/2000/svg"><text x="1" y="2" font-size="9">scaled</text></svg>"#;
        let (face, drawing) = split(source).unwrap();
        assert!(face.labels.is_empty());
        assert_eq!(drawing, source);
    }

    #[test]
    fn a_chart_without_a_size_or_not_xml_is_refused() {
        assert!(split(r#"<svg xmlns="http://www.w3.org/2000/svg"></svg>"#).is_err());
        assert!(split("<svg").is_err());
    }

    #[test]
    fn empty_labels_draw_nothing_and_leave_the_drawing() {
        let (face, drawing) = split(&svg(r##"<text x="1" y="2" font-size="9" fill="#000000">

</text>"##))
        .unwrap();
        assert!(face.labels.is_empty());
        assert!(!drawing.contains("<text"));
    }

    #[test]
    fn drawings_are_parsed_once_and_match_the_faces() {
        let charts = [ChartImage {
            title: String::new(),
            alt: String::new(),
            svg: svg(
                r##"<text x="1" y="2" font-size="9" fill="#000000">a</text><circle cx="5" cy="5" r="3"/>"##,
            ),
        }];
        let refs: Vec<&ChartImage> = charts.iter().collect();
        let parsed = parse_charts(&refs).unwrap();
        assert_eq!(parsed.faces().len(), 1);
        assert_eq!(parsed.faces()[0].labels.len(), 1);
        let trees = parsed.trees().unwrap();
        assert_eq!(trees.len(), 1);
        assert_eq!(trees[0].size().width(), 640.0);
        // Asked twice, the drawings are the ones parsed once.
        assert!(std::ptr::eq(parsed.trees().unwrap(), trees));
    }
}
