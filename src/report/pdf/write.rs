//! The page model → printpdf operations → PDF bytes, with metadata and deterministic ids.

use printpdf::{
    Color, DateTime, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, RawImage, RawImageData, RawImageFormat, Rect, Rgb, TextItem, XObject,
    XObjectId, XObjectTransform,
};

use super::fonts::{Fonts, Style};
use super::layout::{Item, Layout, PAGE_H, PAGE_W, Rgb8};
use crate::report::RasterChart;

/// Document information.
pub struct DocInfo {
    /// Title.
    pub title: String,
    /// Author.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Creator and producer.
    pub producer: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Creation and modification date.
    pub date: DateTime,
}

fn color((r, g, b): Rgb8) -> Color {
    Color::Rgb(Rgb {
        r: f32::from(r) / 255.0,
        g: f32::from(g) / 255.0,
        b: f32::from(b) / 255.0,
        icc_profile: None,
    })
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_H - y_from_top),
    }
}

/// Missing glyphs, each once, as `U+1F600 😀 in "text"`, and the texts in a right-to-left script.
#[derive(Default)]
pub struct Missing {
    seen: Vec<char>,
    /// The report lines.
    pub lines: Vec<String>,
    /// Texts (at most [`RTL_SAMPLES`], each once) holding Arabic or Hebrew letters.
    pub right_to_left: Vec<String>,
}

/// How many right-to-left texts are quoted.
const RTL_SAMPLES: usize = 5;

/// Arabic and Hebrew letters: drawn one by one, left to right, without joining (there is no
/// shaping here), so a reader sees them reversed and unjoined.
pub fn is_right_to_left(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x05FF | 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF
        | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

impl Missing {
    fn note_direction(&mut self, text: &str) {
        if self.right_to_left.len() < RTL_SAMPLES
            && text.chars().any(is_right_to_left)
            && !self.right_to_left.iter().any(|t| t == text)
        {
            let quoted: String = if text.chars().count() > 60 {
                text.chars().take(59).chain(['…']).collect()
            } else {
                text.to_string()
            };
            self.right_to_left.push(quoted);
        }
    }

    fn note(&mut self, chars: &[char], context: &str) {
        for &c in chars {
            if !self.seen.contains(&c) {
                self.seen.push(c);
                let context: String = if context.chars().count() > 60 {
                    context.chars().take(59).chain(['…']).collect()
                } else {
                    context.to_string()
                };
                self.lines
                    .push(format!("U+{:04X} {c} in \"{context}\"", u32::from(c)));
            }
        }
    }
}

/// Writes the pages. Only the faces the text uses are embedded.
pub fn write(layout: &Layout, fonts: &Fonts, charts: &[RasterChart], info: &DocInfo) -> (Vec<u8>, Missing) {
    let mut missing = Missing::default();
    let mut used = vec![false; fonts.faces.len()];
    let font_id = |face: usize| FontId(fonts.faces[face].name.to_string());
    let image_id = |chart: usize| XObjectId(format!("Im{chart}"));
    let mut pages = Vec::with_capacity(layout.pages.len());
    for page in &layout.pages {
        let mut ops = Vec::new();
        for item in &page.items {
            match item {
                Item::Rect { x, y, w, h, fill } => {
                    ops.push(Op::SetFillColor { col: color(*fill) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(PAGE_H - y - h),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color: c,
                } => {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: point(*x1, *y1),
                                    bezier: false,
                                },
                                LinePoint {
                                    p: point(*x2, *y2),
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Item::Text {
                    x,
                    y,
                    size,
                    style,
                    color: c,
                    text,
                } => {
                    let mut absent = Vec::new();
                    let runs = fonts.runs(text, *style, &mut absent);
                    missing.note(&absent, text);
                    missing.note_direction(text);
                    ops.push(Op::SetFillColor { col: color(*c) });
                    let mut x = *x;
                    for run in runs {
                        used[run.face] = true;
                        ops.push(Op::StartTextSection);
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(font_id(run.face)),
                            size: Pt(*size),
                        });
                        ops.push(Op::SetTextCursor { pos: point(x, *y) });
                        let style = if run.face == 1 {
                            Style::Bold
                        } else {
                            Style::Regular
                        };
                        x += fonts.width(&run.text, style, *size);
                        ops.push(Op::ShowText {
                            items: vec![TextItem::Text(run.text)],
                        });
                        ops.push(Op::EndTextSection);
                    }
                }
                Item::Image { chart, x, y, w, h } => {
                    let Some(raster) = charts.get(*chart) else {
                        continue;
                    };
                    ops.push(Op::UseXobject {
                        id: image_id(*chart),
                        transform: XObjectTransform {
                            translate_x: Some(Pt(*x)),
                            translate_y: Some(Pt(PAGE_H - y - h)),
                            dpi: Some(raster.width as f32 / (w / 72.0)),
                            ..Default::default()
                        },
                    });
                }
            }
        }
        pages.push(PdfPage::new(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)), ops));
    }

    let mut doc = PdfDocument::new(&info.title);
    // Fixed resource ids instead of printpdf's generated ones, so that output depends on the
    // input only.
    for (face, _) in used.iter().enumerate().filter(|(_, used)| **used) {
        doc.resources
            .fonts
            .map
            .insert(font_id(face), PdfFont::new(fonts.faces[face].font.clone()));
    }
    for (i, chart) in charts.iter().enumerate() {
        let image = RawImage {
            pixels: RawImageData::U8(chart.rgb.clone()),
            width: chart.width as usize,
            height: chart.height as usize,
            data_format: RawImageFormat::RGB8,
            tag: Vec::new(),
        };
        doc.resources
            .xobjects
            .map
            .insert(image_id(i), XObject::Image(image));
    }
    let meta = &mut doc.metadata.info;
    meta.document_title = info.title.clone();
    meta.author = info.author.clone();
    meta.subject = info.subject.clone();
    meta.creator = info.producer.clone();
    meta.producer = info.producer.clone();
    meta.keywords = info.keywords.clone();
    meta.creation_date = info.date;
    meta.modification_date = info.date;
    meta.metadata_date = info.date;
    let mut warnings = Vec::new();
    let mut bytes = doc
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut warnings);
    blank_out(&mut bytes, b"/GTS_PDFXVersion()");
    fix_trailer_id(&mut bytes);
    (bytes, missing)
}

/// printpdf always writes an (empty) `/GTS_PDFXVersion` into the document information, which
/// readers take as a claim of PDF/X conformance that this file does not make. Blanks the entry
/// with spaces, which keeps every byte offset valid.
fn blank_out(bytes: &mut [u8], entry: &[u8]) {
    if let Some(at) = bytes.windows(entry.len()).rposition(|w| w == entry) {
        bytes[at..at + entry.len()].fill(b' ');
    }
}

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325 ^ seed, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// printpdf writes a random file identifier (`/ID` in the trailer). Replaces both strings with a
/// hash of the document, same length, so the same input gives the same bytes.
fn fix_trailer_id(bytes: &mut [u8]) {
    let Some(start) = bytes.windows(3).rposition(|w| w == b"/ID") else {
        return;
    };
    let id = format!(
        "{:016x}{:016x}",
        fnv1a(&bytes[..start], 1),
        fnv1a(&bytes[..start], 2)
    );
    let mut pos = start;
    for _ in 0..2 {
        let Some(open) = bytes[pos..].iter().position(|&b| b == b'(').map(|p| p + pos) else {
            return;
        };
        let Some(close) = bytes[open..].iter().position(|&b| b == b')').map(|p| p + open) else {
            return;
        };
        if close - open - 1 != id.len() {
            return;
        }
        bytes[open + 1..close].copy_from_slice(id.as_bytes());
        pos = close;
    }
}
