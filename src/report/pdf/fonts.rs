//! The embedded fonts, the per-character fallback chain, text measuring and shaping.
//!
//! In: text and a weight. Out: widths (for the layout) and glyph runs in visual order (for the
//! writer). It does not place lines or decide where text goes; `layout` does.
//!
//! Every character is looked up along a chain of faces: DejaVu Sans (Latin, Greek, Cyrillic,
//! Arabic, Hebrew), then Noto Sans Ethiopic (Amharic, Tigrinya). A character no font has is drawn
//! as U+FFFD and reported, never left as a silent box.
//!
//! Text made only of characters that need no shaping (no right-to-left letters, no combining
//! marks, no joiners), drawn left to right, is measured and drawn from a table built once per
//! process: one glyph per character, the font's advance, no kerning; the layout, which measures
//! every word, stays fast. Anything else goes through the Unicode bidirectional algorithm
//! (`unicode-bidi`) and HarfBuzz's shaping rules (`rustybuzz`), so Arabic letters join,
//! right-to-left runs come out right to left and their brackets are mirrored. Either way a text is
//! measured ([`Fonts::width_in`]) the way it is drawn ([`Fonts::glyph_runs`]). A character no font
//! has becomes the U+FFFD glyph in both paths, never the font's empty box.

use std::ops::Range;
use std::sync::OnceLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};

use super::PdfError;

const DEJAVU: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const DEJAVU_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
const NOTO_ETHIOPIC: &[u8] = include_bytes!("../../../assets/fonts/NotoSansEthiopic-Regular.ttf");

/// The embedded font files, for the chart renderer's font database.
pub const FILES: [&[u8]; 3] = [DEJAVU, DEJAVU_BOLD, NOTO_ETHIOPIC];

/// The character drawn in place of one that no font has.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Code points below this (Latin, Greek, Cyrillic, Hebrew, Arabic) and in [`PUNCTUATION`] have
/// their glyph and advance in a table built at load; others are looked up as they come.
const TABLE_END: u32 = 0x0700;
/// General punctuation, currency, letter-like symbols, arrows and mathematical operators.
const PUNCTUATION: std::ops::Range<u32> = 0x2000..0x2300;

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
    /// The face for the PDF writer.
    pub font: Font,
    shaper: rustybuzz::Face<'static>,
    units_per_em: f32,
}

/// Where a character is drawn from: its face, glyph and advance in em.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Glyph {
    face: u8,
    id: u16,
    advance: f32,
}

/// A stretch of glyphs of one face, ready to draw.
pub struct GlyphRun {
    /// Index into [`Fonts::faces`].
    pub face: usize,
    /// Start of the run from the left of the text, in em.
    pub x: f32,
    /// The characters the glyphs stand for, in logical order (the PDF's text layer).
    pub text: String,
    /// The glyphs, left to right, advances in em; their ranges index into `text`.
    pub glyphs: Vec<KrillaGlyph>,
}

/// The three embedded faces, with the per-weight lookup tables.
pub struct Fonts {
    /// 0 DejaVu Sans, 1 DejaVu Sans Bold, 2 Noto Sans Ethiopic.
    pub faces: Vec<Face>,
    /// Per weight, for each code point below [`TABLE_END`] and then in [`PUNCTUATION`], where it
    /// is drawn from.
    table: [Vec<Option<Glyph>>; 2],
}

/// Characters that take no room and need no glyph: controls and invisible format characters.
fn is_invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms) and the explicit direction marks.
pub fn is_right_to_left(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFC | 0x200F | 0x202B | 0x202E | 0x2067)
}

/// Characters that change the shape or position of their neighbours: combining marks, joiners
/// and direction controls. Text holding one is shaped, not drawn glyph by glyph.
fn needs_shaping(c: char) -> bool {
    is_right_to_left(c)
        || matches!(u32::from(c),
            0x0300..=0x036F | 0x0483..=0x0489 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
            | 0x200C..=0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0x20D0..=0x20FF
            | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// The faces tried for a weight, in order.
fn chain(style: Style) -> &'static [usize] {
    match style {
        Style::Regular => &[0, 2],
        Style::Bold => &[1, 0, 2],
    }
}

impl Face {
    fn glyph(&self, c: char) -> Option<u16> {
        self.shaper.glyph_index(c).map(|g| g.0).filter(|&g| g != 0)
    }

    fn advance(&self, id: u16) -> f32 {
        f32::from(
            self.shaper
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id))
                .unwrap_or(0),
        ) / self.units_per_em
    }
}

impl Fonts {
    /// The embedded fonts, parsed once per process.
    pub fn get() -> Result<&'static Fonts, PdfError> {
        static FONTS: OnceLock<Result<Fonts, PdfError>> = OnceLock::new();
        FONTS.get_or_init(Fonts::load).as_ref().map_err(Clone::clone)
    }

    fn load() -> Result<Self, PdfError> {
        let parse = |name: &'static str, bytes: &'static [u8]| -> Result<Face, PdfError> {
            let font = Font::new(bytes.into(), 0).ok_or_else(|| PdfError::Font(name.to_string()))?;
            let shaper =
                rustybuzz::Face::from_slice(bytes, 0).ok_or_else(|| PdfError::Font(name.to_string()))?;
            let units_per_em = f32::from(shaper.units_per_em().max(1) as u16);
            Ok(Face {
                font,
                shaper,
                units_per_em,
            })
        };
        let faces = vec![
            parse("DejaVuSans", DEJAVU)?,
            parse("DejaVuSans-Bold", DEJAVU_BOLD)?,
            parse("NotoSansEthiopic-Regular", NOTO_ETHIOPIC)?,
        ];
        let table_for = |style: Style| -> Vec<Option<Glyph>> {
            (0..TABLE_END)
                .chain(PUNCTUATION)
                .map(|cp| char::from_u32(cp).and_then(|c| lookup(&faces, c, style)))
                .collect()
        };
        let table = [table_for(Style::Regular), table_for(Style::Bold)];
        Ok(Fonts { faces, table })
    }

    fn glyph(&self, c: char, style: Style) -> Option<Glyph> {
        let cp = u32::from(c);
        if cp < TABLE_END {
            self.table[style as usize][cp as usize]
        } else if PUNCTUATION.contains(&cp) {
            self.table[style as usize][(TABLE_END + cp - PUNCTUATION.start) as usize]
        } else {
            lookup(&self.faces, c, style)
        }
    }

    /// The glyph drawn for `c`: its own, or U+FFFD in the weight's first face.
    fn glyph_or_replacement(&self, c: char, style: Style) -> Glyph {
        self.glyph(c, style)
            .or_else(|| self.glyph(REPLACEMENT, style))
            .unwrap_or(Glyph {
                face: chain(style)[0] as u8,
                id: 0,
                advance: 0.5,
            })
    }

    /// The face that draws `c` in `style`, or `None` when no embedded font has it.
    #[cfg(test)]
    pub fn face_for(&self, c: char, style: Style) -> Option<usize> {
        self.glyph(c, style).map(|g| usize::from(g.face))
    }

    /// Width of one character in points, as drawn on its own.
    pub fn char_width(&self, c: char, style: Style, size: f32) -> f32 {
        if is_invisible(c) {
            return 0.0;
        }
        self.glyph_or_replacement(c, style).advance * size
    }

    /// Width of `text` in points at `size` points, shaped where it needs to be.
    pub fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        self.width_in(text, style, size, false)
    }

    /// Width of `text` drawn with `right_to_left` as [`Fonts::glyph_runs`] draws it: what is
    /// measured is what is drawn.
    pub fn width_in(&self, text: &str, style: Style, size: f32, right_to_left: bool) -> f32 {
        if right_to_left || text.chars().any(needs_shaping) {
            let mut missing = Vec::new();
            let runs = self.glyph_runs(text, style, right_to_left, &mut missing);
            return runs
                .last()
                .map(|r| r.x + r.glyphs.iter().map(|g| g.x_advance).sum::<f32>())
                .unwrap_or(0.0)
                * size;
        }
        text.chars().map(|c| self.char_width(c, style, size)).sum()
    }

    /// Width of a sequence of characters with their weights, in points.
    pub fn width_of(&self, chars: &[(char, Style)], size: f32) -> f32 {
        if !chars.iter().any(|&(c, _)| needs_shaping(c)) {
            return chars.iter().map(|&(c, s)| self.char_width(c, s, size)).sum();
        }
        chars
            .chunk_by(|a, b| a.1 == b.1)
            .map(|piece| {
                let text: String = piece.iter().map(|&(c, _)| c).collect();
                self.width(&text, piece[0].1, size)
            })
            .sum()
    }

    /// Whether the first strong character of `text` is right to left (so a paragraph of it is
    /// aligned to the right).
    pub fn starts_right_to_left(text: &str) -> bool {
        if !text.chars().any(needs_shaping) {
            return false;
        }
        unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
    }

    /// The glyphs of one line of `text` in visual order, in runs of one face. `right_to_left`
    /// sets the paragraph direction for text that is shaped. Characters no font has are drawn as
    /// U+FFFD and pushed onto `missing`; invisible characters are dropped.
    pub fn glyph_runs(
        &self,
        text: &str,
        style: Style,
        right_to_left: bool,
        missing: &mut Vec<char>,
    ) -> Vec<GlyphRun> {
        // Controls, soft hyphens and byte-order marks are not drawn, nor left in the text a
        // reader copies (PDF/UA forbids mapping a glyph to some of them).
        if text.chars().any(is_invisible) {
            let visible: String = text.chars().filter(|&c| !is_invisible(c)).collect();
            return self.glyph_runs(&visible, style, right_to_left, missing);
        }
        // Right to left, brackets are mirrored: the shaper does that, the glyph table does not.
        if right_to_left || text.chars().any(needs_shaping) {
            return self.shaped_runs(text, style, right_to_left, missing);
        }
        let mut runs: Vec<GlyphRun> = Vec::new();
        let mut x = 0.0;
        for c in text.chars() {
            if is_invisible(c) {
                continue;
            }
            let glyph = match self.glyph(c, style) {
                Some(glyph) => glyph,
                None => {
                    missing.push(c);
                    self.glyph_or_replacement(REPLACEMENT, style)
                }
            };
            let face = usize::from(glyph.face);
            if runs.last().is_none_or(|r| r.face != face) {
                runs.push(GlyphRun {
                    face,
                    x,
                    text: String::new(),
                    glyphs: Vec::new(),
                });
            }
            let run = runs.last_mut().expect("a run was just pushed");
            let start = run.text.len();
            run.text.push(c);
            run.glyphs.push(KrillaGlyph::new(
                GlyphId::new(u32::from(glyph.id)),
                glyph.advance,
                0.0,
                0.0,
                0.0,
                start..run.text.len(),
                None,
            ));
            x += glyph.advance;
        }
        runs
    }

    /// Bidi, then per directional run per face, HarfBuzz shaping.
    fn shaped_runs(
        &self,
        text: &str,
        style: Style,
        right_to_left: bool,
        missing: &mut Vec<char>,
    ) -> Vec<GlyphRun> {
        let base = if right_to_left { Level::rtl() } else { Level::ltr() };
        let bidi = BidiInfo::new(text, Some(base));
        let mut runs = Vec::new();
        let mut x = 0.0;
        for paragraph in &bidi.paragraphs {
            let (levels, visual) = bidi.visual_runs(paragraph, paragraph.range.clone());
            for range in visual {
                let rtl = levels[range.start].is_rtl();
                // Face runs inside the directional run, in logical order, then in visual order.
                let mut pieces = self.face_pieces(&text[range.clone()], range.start, style, missing);
                if rtl {
                    pieces.reverse();
                }
                for (face, piece) in pieces {
                    let run = self.shape(face, &text[piece.clone()], rtl, x);
                    x += run.glyphs.iter().map(|g| g.x_advance).sum::<f32>();
                    runs.push(run);
                }
            }
        }
        runs
    }

    /// Splits `text` (which starts at byte `offset` of the line) into ranges drawn with one face.
    /// Combining marks and joiners stay with the face of the character before them.
    fn face_pieces(
        &self,
        text: &str,
        offset: usize,
        style: Style,
        missing: &mut Vec<char>,
    ) -> Vec<(usize, Range<usize>)> {
        let mut pieces: Vec<(usize, Range<usize>)> = Vec::new();
        for (at, c) in text.char_indices() {
            let range = offset + at..offset + at + c.len_utf8();
            let attach = is_invisible(c) || (needs_shaping(c) && !is_right_to_left(c));
            let face = match (attach, pieces.last()) {
                (true, Some((face, _))) => *face,
                _ => match self.glyph(c, style) {
                    Some(g) => usize::from(g.face),
                    None => {
                        if !attach {
                            missing.push(c);
                        }
                        chain(style)[0]
                    }
                },
            };
            match pieces.last_mut() {
                Some((f, r)) if *f == face => r.end = range.end,
                _ => pieces.push((face, range)),
            }
        }
        pieces
    }

    /// Shapes one piece of one face and direction; glyphs come out left to right.
    fn shape(&self, face: usize, text: &str, rtl: bool, x: f32) -> GlyphRun {
        let shaper = &self.faces[face];
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        let output = rustybuzz::shape(&shaper.shaper, &[], buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let upem = shaper.units_per_em;
        // Each glyph stands for its cluster: from its cluster start to the next larger start.
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let end_of = |start: usize| starts.iter().copied().find(|&s| s > start).unwrap_or(text.len());
        let replacement = shaper.glyph(REPLACEMENT);
        let glyphs = infos
            .iter()
            .zip(positions)
            .filter_map(|(info, pos)| {
                let start = info.cluster as usize;
                let range = start..end_of(start);
                // A control or format character on its own (a byte-order mark, a joiner with
                // nothing to join) is not drawn: it takes no room, and a glyph standing for it
                // would give copied text an invisible character (PDF/UA forbids some of them).
                if text
                    .get(range.clone())
                    .is_none_or(|t| t.chars().all(is_invisible))
                {
                    return None;
                }
                let (id, advance) = match info.glyph_id {
                    // No glyph: drawn as U+FFFD (face_pieces reported it), never as the font's
                    // empty box.
                    0 => {
                        let id = replacement?;
                        (u32::from(id), shaper.advance(id))
                    }
                    id => (id, pos.x_advance as f32 / upem),
                };
                Some(KrillaGlyph::new(
                    GlyphId::new(id),
                    advance,
                    pos.x_offset as f32 / upem,
                    pos.y_offset as f32 / upem,
                    pos.y_advance as f32 / upem,
                    range,
                    None,
                ))
            })
            .collect();
        GlyphRun {
            face,
            x,
            text: text.to_string(),
            glyphs,
        }
    }
}

/// The first face of the weight's chain that has `c`, with its glyph and advance.
fn lookup(faces: &[Face], c: char, style: Style) -> Option<Glyph> {
    chain(style).iter().find_map(|&f| {
        let face = &faces[f];
        face.glyph(c).map(|id| Glyph {
            face: f as u8,
            id,
            advance: face.advance(id),
        })
    })
}
