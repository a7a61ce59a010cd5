//! The embedded fonts, the per-character fallback chain and text measuring.
//!
//! printpdf (without `text_layout`) maps characters to glyphs through one font's cmap and draws a
//! `.notdef` box for anything that font lacks, silently. So every character is looked up here
//! first: DejaVu Sans (Latin, Greek, Cyrillic), then Noto Sans Ethiopic (Amharic, Tigrinya). A
//! character no font has is drawn as U+FFFD and reported, never left as a silent box.

use printpdf::ParsedFont;

use super::PdfError;

const DEJAVU: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const DEJAVU_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
const NOTO_ETHIOPIC: &[u8] = include_bytes!("../../../assets/fonts/NotoSansEthiopic-Regular.ttf");

/// The character drawn in place of one that no font has.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Weight of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
}

/// One embedded face.
pub struct Face {
    /// PostScript-style name, used as the PDF font name (`pdffonts` shows it).
    pub name: &'static str,
    /// Parsed font (cmap, advances).
    pub font: ParsedFont,
}

/// A stretch of text drawn with one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Index into [`Fonts::faces`].
    pub face: usize,
    /// The characters (missing ones already replaced).
    pub text: String,
}

/// The three embedded faces.
pub struct Fonts {
    /// 0 DejaVu Sans, 1 DejaVu Sans Bold, 2 Noto Sans Ethiopic.
    pub faces: Vec<Face>,
}

/// Characters that take no room and need no glyph: controls and invisible format characters.
fn is_invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}')
}

impl Fonts {
    /// Parses the embedded fonts.
    pub fn load() -> Result<Self, PdfError> {
        let parse = |name: &'static str, bytes: &[u8]| {
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(bytes, 0, &mut warnings)
                .map(|mut font| {
                    font.font_name = Some(name.to_string());
                    Face { name, font }
                })
                .ok_or_else(|| PdfError::Font(name.to_string()))
        };
        Ok(Fonts {
            faces: vec![
                parse("DejaVuSans", DEJAVU)?,
                parse("DejaVuSans-Bold", DEJAVU_BOLD)?,
                parse("NotoSansEthiopic-Regular", NOTO_ETHIOPIC)?,
            ],
        })
    }

    fn chain(style: Style) -> &'static [usize] {
        match style {
            Style::Regular => &[0, 2],
            Style::Bold => &[1, 0, 2],
        }
    }

    fn glyph(&self, face: usize, c: char) -> Option<u16> {
        self.faces[face]
            .font
            .lookup_glyph_index(u32::from(c))
            .filter(|&gid| gid != 0)
    }

    /// The face that draws `c` in `style`, or `None` when no embedded font has it.
    pub fn face_for(&self, c: char, style: Style) -> Option<usize> {
        Self::chain(style)
            .iter()
            .copied()
            .find(|&f| self.glyph(f, c).is_some())
    }

    fn advance_in(&self, face: usize, c: char) -> f32 {
        let font = &self.faces[face].font;
        let width = self
            .glyph(face, c)
            .and_then(|gid| font.get_glyph_width(gid))
            .unwrap_or(0);
        f32::from(width) / f32::from(font.units_per_em.max(1))
    }

    /// Advance of one character in em.
    fn advance(&self, c: char, style: Style) -> f32 {
        if is_invisible(c) {
            return 0.0;
        }
        match self.face_for(c, style) {
            Some(face) => self.advance_in(face, c),
            None => self.advance_in(Self::chain(style)[0], REPLACEMENT),
        }
    }

    /// Width of `text` in points at `size` points.
    pub fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, style)).sum::<f32>() * size
    }

    /// Width of one character in points.
    pub fn char_width(&self, c: char, style: Style, size: f32) -> f32 {
        self.advance(c, style) * size
    }

    /// Splits `text` into runs of one face each. Invisible characters are dropped; characters no
    /// font has become U+FFFD in the first face of the chain and are pushed onto `missing`.
    pub fn runs(&self, text: &str, style: Style, missing: &mut Vec<char>) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        for c in text.chars() {
            if is_invisible(c) {
                continue;
            }
            let (face, c) = match self.face_for(c, style) {
                Some(face) => (face, c),
                None => {
                    missing.push(c);
                    (Self::chain(style)[0], REPLACEMENT)
                }
            };
            match runs.last_mut() {
                Some(run) if run.face == face => run.text.push(c),
                _ => runs.push(Run {
                    face,
                    text: c.to_string(),
                }),
            }
        }
        runs
    }
}
