//! A small layout layer: blocks (headings, paragraphs, bullets, tables, images, a table of
//! contents) → pages of positioned items, measured with the embedded fonts.
//!
//! Positions are in points from the top-left corner of an A4 page; the writer flips them to PDF's
//! bottom-left origin. The page model is plain data, so tests can check pagination (rows per page,
//! repeated table headers) without parsing a PDF.
//!
//! Beside the drawing, the layout records the document's logical structure (headings, paragraphs,
//! lists, tables with header cells, figures with their text alternative, the table of contents):
//! a tree of [`Node`]s and, per page, which items belong to which node ([`Mark`]). The writer
//! turns it into the PDF's tag tree; what no node claims (rules, fills, running header and footer,
//! a table header repeated on a later page) is drawn as an artifact.

use crate::messages::{t, tf};
use unicode_bidi::{BidiInfo, Level};

use super::charts::{Anchor, ChartFace, Label as ChartLabel};
use super::fonts::{Fonts, Style, is_right_to_left};

/// A4 width in points.
pub const PAGE_W: f32 = 595.276;
/// A4 height in points.
pub const PAGE_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
/// Left and right margin.
pub const MARGIN_X: f32 = 18.0 * MM;
/// Top of the text area (the running header sits above it).
pub const CONTENT_TOP: f32 = 22.0 * MM;
/// Bottom of the text area (the footer sits below it).
pub const CONTENT_BOTTOM: f32 = PAGE_H - 18.0 * MM;
/// Width of the text area.
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

/// An RGB colour.
pub type Rgb8 = (u8, u8, u8);
/// Body text.
pub const TEXT: Rgb8 = (0x1f, 0x29, 0x37);
/// Headings and accents.
pub const ACCENT: Rgb8 = (0x1d, 0x3f, 0x72);
/// Secondary text (captions, alt text, header and footer).
pub const MUTED: Rgb8 = (0x5b, 0x65, 0x73);
/// Warnings: the draft mark (the HTML's `--warn`, 7:1 on white).
pub const WARN: Rgb8 = (0x8a, 0x4b, 0x00);
/// Rules and grid lines.
pub const RULE: Rgb8 = (0xc4, 0xcb, 0xd4);
const HEADER_FILL: Rgb8 = (0xe3, 0xe9, 0xf1);
const ZEBRA: Rgb8 = (0xf6, 0xf8, 0xfa);

/// Text with one weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Its weight.
    pub style: Style,
}

impl Span {
    /// Regular text.
    pub fn regular(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            style: Style::Regular,
        }
    }
    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            style: Style::Bold,
        }
    }
}

/// Horizontal alignment in a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Flush right (numbers).
    Right,
    /// Centred.
    Center,
}

/// A table column.
#[derive(Debug, Clone)]
pub struct Column {
    /// Header text.
    pub title: String,
    /// Relative width.
    pub width: f32,
    /// Alignment of its cells.
    pub align: Align,
}

/// A table cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// Text, wrapped to the column.
    pub text: String,
    /// Background.
    pub fill: Option<Rgb8>,
    /// Bold text.
    pub bold: bool,
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Self {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }
}

/// A table.
#[derive(Debug, Clone)]
pub struct Table {
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows of cells, one per column.
    pub rows: Vec<Vec<Cell>>,
    /// Font size.
    pub size: f32,
    /// With a header row (repeated on every page) and grid; without: a borderless list of facts.
    pub header: bool,
}

/// A list item.
#[derive(Debug, Clone)]
pub struct ListItem {
    /// Nesting depth from 0.
    pub depth: u8,
    /// `1.` for a numbered item; a bullet when `None`.
    pub marker: Option<String>,
    /// Text.
    pub spans: Vec<Span>,
}

impl ListItem {
    /// A top-level bullet.
    pub fn bullet(spans: Vec<Span>) -> Self {
        ListItem {
            depth: 0,
            marker: None,
            spans,
        }
    }
}

/// A piece of content, laid out top to bottom.
#[derive(Debug, Clone)]
pub enum Block {
    /// The cover title.
    Title(String),
    /// A heading; level 1 starts a new page; levels 1 and 2 go into the table of contents.
    Heading {
        /// 1, 2 or 3.
        level: u8,
        /// Text.
        text: String,
    },
    /// A wrapped paragraph.
    Para {
        /// Text with weights.
        spans: Vec<Span>,
        /// Font size.
        size: f32,
        /// Colour.
        color: Rgb8,
    },
    /// A short bold line that stays with what follows it.
    Label {
        /// Text.
        text: String,
        /// Font size.
        size: f32,
    },
    /// A bullet list.
    Bullets {
        /// Items.
        items: Vec<ListItem>,
        /// Font size.
        size: f32,
    },
    /// A table.
    Table(Table),
    /// A chart with its caption and alt text.
    Image {
        /// Index into the charts passed to the writer.
        chart: usize,
        /// Caption.
        caption: String,
        /// Text alternative.
        alt: String,
    },
    /// The table of contents.
    Toc,
    /// Vertical space in points.
    Space(f32),
}

/// What a piece of content is, in the document's logical structure.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A heading: level 1 is the document title, the report's sections are level 2, as in the
    /// HTML report.
    Heading {
        /// 1 to 4.
        level: u8,
        /// Its text (the PDF's tag carries it as the heading's title).
        text: String,
    },
    /// A paragraph.
    Paragraph,
    /// A figure's caption.
    Caption,
    /// A chart, with its text alternative.
    Figure(String),
    /// The table of contents.
    Contents,
    /// One entry of the table of contents, pointing at the `n`-th heading of level 1 or 2 of
    /// the layout blocks (from 0).
    ContentsEntry(usize),
    /// A bulleted or numbered list.
    List,
    /// A list item.
    ListItem,
    /// A list item's bullet or number.
    ListLabel,
    /// A list item's text.
    ListBody,
    /// A table.
    Table,
    /// A table row.
    Row,
    /// A header cell of its column.
    ColumnHeader,
    /// A header cell of its row (the first column of a table without a header row).
    RowHeader,
    /// A data cell.
    DataCell,
}

/// A node of the logical structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What it is.
    pub role: Role,
    /// The node it belongs to; `None` for the document itself.
    pub parent: Option<usize>,
    /// Position in reading order among nodes and marks.
    pub order: usize,
}

/// An item that is content of a node (items without a mark are artifacts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Index into the page's items.
    pub item: usize,
    /// Index into [`Layout::nodes`].
    pub node: usize,
    /// Position in reading order among nodes and marks.
    pub order: usize,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text on one baseline.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline, from the top.
        y: f32,
        /// Font size.
        size: f32,
        /// Weight.
        style: Style,
        /// Colour.
        color: Rgb8,
        /// The text, in logical order: one direction only, except the running header and footer,
        /// which the writer orders as a whole.
        text: String,
        /// The text runs right to left (an odd bidi level).
        rtl: bool,
    },
    /// A filled rectangle.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill.
        fill: Rgb8,
    },
    /// A straight line.
    Line {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Thickness.
        width: f32,
        /// Colour.
        color: Rgb8,
    },
    /// A chart.
    Image {
        /// Index into the charts.
        chart: usize,
        /// Left.
        x: f32,
        /// Top (above the page's top for a chart's later slices).
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// The band of the page it shows, top to bottom: a slice of a chart taller than a page.
        /// `None`: all of it.
        clip: Option<(f32, f32)>,
    },
}

/// Part of a table on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSlice {
    /// Which table (in document order, from 0).
    pub table: usize,
    /// Whether the header row was drawn on this page.
    pub header: bool,
    /// Body rows started on this page.
    pub rows: usize,
}

/// One laid-out page.
#[derive(Debug, Clone, Default)]
pub struct PageModel {
    /// What to draw.
    pub items: Vec<Item>,
    /// Which items are content of which node, in item order.
    pub marks: Vec<Mark>,
    /// Tables on this page.
    pub tables: Vec<TableSlice>,
}

/// Where a heading landed.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingPos {
    /// 1..3.
    pub level: u8,
    /// Text.
    pub text: String,
    /// Page index from 0.
    pub page: usize,
    /// Top of the heading's first line, from the top of the page.
    pub y: f32,
}

/// A link on a page: a rectangle that leads to a heading.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArea {
    /// Page index from 0.
    pub page: usize,
    /// Left, top, right, bottom, from the top-left corner.
    pub rect: (f32, f32, f32, f32),
    /// Which contents entry: the n-th heading of level 1 or 2 in [`Layout::headings`].
    pub entry: usize,
    /// The node the link belongs to.
    pub node: usize,
}

/// The laid-out document.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Pages.
    pub pages: Vec<PageModel>,
    /// Every heading, in order.
    pub headings: Vec<HeadingPos>,
    /// The logical structure, parents before children, in reading order.
    pub nodes: Vec<Node>,
    /// Links inside the document (the table of contents).
    pub links: Vec<LinkArea>,
    /// Where the contents' page numbers go, until they are known.
    contents_numbers: Vec<NumberSlot>,
}

/// The place of a contents entry's page number.
#[derive(Debug, Clone, PartialEq)]
struct NumberSlot {
    page: usize,
    baseline: f32,
    size: f32,
    style: Style,
    /// Which entry (the n-th heading of level 1 or 2).
    entry: usize,
    node: usize,
    order: usize,
}

fn line_height(size: f32) -> f32 {
    size * 1.32
}

/// Distance from the top of a line box to the baseline.
fn ascent(size: f32) -> f32 {
    size * 0.98
}

struct Engine<'a> {
    fonts: &'a Fonts,
    images: &'a [ChartFace],
    out: Layout,
    y: f32,
    tables: usize,
    /// The node that text and images drawn now belong to; `None` draws artifacts.
    current: Option<usize>,
    /// The node new nodes go into.
    container: Option<usize>,
    /// Reading-order counter for nodes and marks.
    order: usize,
}

/// Lays out `blocks`. `images` gives each chart's size and the labels set over its drawing.
/// The table of contents gets its page numbers at the end, when every heading has its page: the
/// numbers sit flush right in a column of their own, so nothing else moves.
pub fn layout(blocks: &[Block], fonts: &Fonts, images: &[ChartFace]) -> Layout {
    let toc: Vec<(u8, String)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text } if *level <= 2 => Some((*level, text.clone())),
            _ => None,
        })
        .collect();
    let mut e = Engine {
        fonts,
        images,
        out: Layout {
            pages: vec![PageModel::default()],
            ..Layout::default()
        },
        y: CONTENT_TOP,
        tables: 0,
        current: None,
        container: None,
        order: 0,
    };
    for block in blocks {
        match block {
            Block::Title(text) => {
                let spans = [Span::bold(text.clone())];
                e.within(
                    Role::Heading {
                        level: 1,
                        text: text.clone(),
                    },
                    |e| e.paragraph(&spans, 26.0, ACCENT, 0.0, 1.2),
                );
                e.y += 6.0;
            }
            Block::Heading { level, text } => e.heading(*level, text),
            Block::Para { spans, size, color } => {
                e.within(Role::Paragraph, |e| e.paragraph(spans, *size, *color, 0.0, 1.0));
            }
            Block::Label { text, size } => {
                let lines = e.wrap(&[Span::bold(text.clone())], *size, CONTENT_W).len();
                e.ensure(lines as f32 * line_height(*size) + 3.0 * line_height(*size));
                e.within(Role::Paragraph, |e| {
                    e.paragraph(&[Span::bold(text.clone())], *size, TEXT, 0.0, 1.0);
                });
                e.y -= size * 0.25;
            }
            Block::Bullets { items, size } => e.bullets(items, *size),
            Block::Table(table) => e.table(table),
            Block::Image { chart, caption, alt } => e.image(*chart, caption, alt),
            Block::Toc => e.toc(&toc),
            Block::Space(h) => {
                if e.y > CONTENT_TOP {
                    e.y = (e.y + h).min(CONTENT_BOTTOM);
                }
            }
        }
    }
    number_contents(&mut e.out, fonts);
    e.out
}

/// Writes each contents entry's page number into the place kept for it.
fn number_contents(layout: &mut Layout, fonts: &Fonts) {
    let pages: Vec<usize> = layout
        .headings
        .iter()
        .filter(|h| h.level <= 2)
        .map(|h| h.page + 1)
        .collect();
    for slot in std::mem::take(&mut layout.contents_numbers) {
        let Some(number) = pages.get(slot.entry) else {
            continue;
        };
        let text = number.to_string();
        let x = MARGIN_X + CONTENT_W - fonts.width(&text, slot.style, slot.size);
        let page = &mut layout.pages[slot.page];
        page.marks.push(Mark {
            item: page.items.len(),
            node: slot.node,
            order: slot.order,
        });
        page.items.push(Item::Text {
            x,
            y: slot.baseline,
            size: slot.size,
            style: slot.style,
            color: TEXT,
            text,
            rtl: false,
        });
    }
}

impl Engine<'_> {
    /// Opens a node in the current container; the caller makes it current or a container.
    fn node(&mut self, role: Role) -> usize {
        self.order += 1;
        self.out.nodes.push(Node {
            role,
            parent: self.container,
            order: self.order,
        });
        self.out.nodes.len() - 1
    }

    /// Draws what `draw` draws as the content of a new node of `role`.
    fn within(&mut self, role: Role, draw: impl FnOnce(&mut Self)) {
        let node = self.node(role);
        let saved = self.current.replace(node);
        draw(self);
        self.current = saved;
    }

    /// Makes a new node of `role` the container of the nodes `draw` opens.
    fn group(&mut self, role: Role, draw: impl FnOnce(&mut Self)) {
        let node = self.node(role);
        let saved = self.container.replace(node);
        draw(self);
        self.container = saved;
    }

    /// Draws what `draw` draws as artifacts (a repeated table header).
    fn artifact(&mut self, draw: impl FnOnce(&mut Self)) {
        let saved = self.current.take();
        draw(self);
        self.current = saved;
    }

    fn page(&mut self) -> &mut PageModel {
        let last = self.out.pages.len() - 1;
        &mut self.out.pages[last]
    }

    fn page_index(&self) -> usize {
        self.out.pages.len() - 1
    }

    fn new_page(&mut self) {
        self.out.pages.push(PageModel::default());
        self.y = CONTENT_TOP;
    }

    fn at_top(&self) -> bool {
        self.y <= CONTENT_TOP + 0.01
    }

    /// Starts a new page unless `h` more points fit.
    fn ensure(&mut self, h: f32) {
        if self.y + h > CONTENT_BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    /// Adds an item to the page: text and images as content of the current node, rules and fills
    /// as artifacts.
    fn push(&mut self, item: Item) {
        let content = matches!(item, Item::Text { .. } | Item::Image { .. });
        let node = self.current.filter(|_| content);
        if let Some(node) = node {
            self.order += 1;
            let order = self.order;
            let page = self.page();
            page.marks.push(Mark {
                item: page.items.len(),
                node,
                order,
            });
        }
        self.page().items.push(item);
    }

    /// Breaks spans into lines no wider than `width`: at spaces, and inside words too long for a
    /// line; `\n` forces a break.
    fn wrap(&self, spans: &[Span], size: f32, width: f32) -> Vec<Vec<Span>> {
        let fonts = self.fonts;
        let chars: Vec<(char, Style)> = spans
            .iter()
            .flat_map(|s| {
                s.text
                    .chars()
                    .map(move |c| (if c == '\t' { ' ' } else { c }, s.style))
            })
            .collect();
        let w = |cs: &[(char, Style)]| fonts.width_of(cs, size);
        let mut lines: Vec<Vec<(char, Style)>> = Vec::new();
        for hard in chars.split(|&(c, _)| c == '\n') {
            let mut line: Vec<(char, Style)> = Vec::new();
            let mut line_w = 0.0;
            for word in hard.split(|&(c, _)| c == ' ').filter(|w| !w.is_empty()) {
                let word_w = w(word);
                if !line.is_empty() {
                    let space = (' ', word[0].1);
                    let space_w = w(&[space]);
                    if line_w + space_w + word_w <= width + 0.01 {
                        line.push(space);
                        line.extend_from_slice(word);
                        line_w += space_w + word_w;
                        continue;
                    }
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if word_w <= width + 0.01 {
                    line.extend_from_slice(word);
                    line_w = word_w;
                } else {
                    // A word wider than the line (it starts one): cut it after its last hyphen,
                    // slash or underscore that fits, or else where it overflows.
                    for &ch in word {
                        let cw = w(&[ch]);
                        if !line.is_empty() && line_w + cw > width + 0.01 {
                            let cut = line
                                .iter()
                                .rposition(|&(c, _)| matches!(c, '-' | '/' | '_'))
                                .map(|p| p + 1)
                                .filter(|&p| p < line.len());
                            let carry = cut.map(|p| line.split_off(p)).unwrap_or_default();
                            lines.push(std::mem::replace(&mut line, carry));
                            line_w = w(&line);
                        }
                        line.push(ch);
                        line_w += cw;
                    }
                }
            }
            lines.push(line);
        }
        lines
            .into_iter()
            .map(|line| {
                let mut spans: Vec<Span> = Vec::new();
                for (c, style) in line {
                    match spans.last_mut() {
                        Some(span) if span.style == style => span.text.push(c),
                        _ => spans.push(Span {
                            text: c.to_string(),
                            style,
                        }),
                    }
                }
                spans
            })
            .collect()
    }

    fn line_width(&self, spans: &[Span], size: f32) -> f32 {
        self.line_width_in(spans, size, false)
    }

    /// The width of a line as [`Engine::draw_line_in`] draws it, piece by piece.
    fn line_width_in(&self, spans: &[Span], size: f32, rtl: bool) -> f32 {
        visual_pieces(spans, rtl)
            .into_iter()
            .map(|(text, style, run_rtl)| self.fonts.width_in(&text, style, size, run_rtl))
            .sum()
    }

    /// Draws one line of spans with its left edge at `x` and its baseline at `baseline`. A line
    /// with right-to-left letters is put in visual order by the bidi algorithm first, with a
    /// right-to-left base direction when `rtl`.
    fn draw_line(&mut self, spans: &[Span], x: f32, baseline: f32, size: f32, color: Rgb8) {
        self.draw_line_in(spans, x, baseline, size, color, false);
    }

    fn draw_line_in(&mut self, spans: &[Span], x: f32, baseline: f32, size: f32, color: Rgb8, rtl: bool) {
        let mut x = x;
        for (text, style, run_rtl) in visual_pieces(spans, rtl) {
            let w = self.fonts.width_in(&text, style, size, run_rtl);
            if !text.trim().is_empty() {
                self.push(Item::Text {
                    x,
                    y: baseline,
                    size,
                    style,
                    color,
                    text,
                    rtl: run_rtl,
                });
            }
            x += w;
        }
    }

    /// A wrapped paragraph; one whose first strong letter is right to left is set flush right
    /// and ordered right to left.
    fn paragraph(&mut self, spans: &[Span], size: f32, color: Rgb8, indent: f32, leading: f32) {
        let lh = line_height(size) * leading;
        let rtl = spans.iter().find(|s| !s.text.trim().is_empty()).is_some_and(|_| {
            Fonts::starts_right_to_left(&spans.iter().map(|s| s.text.as_str()).collect::<String>())
        });
        for line in self.wrap(spans, size, CONTENT_W - indent) {
            self.ensure(lh);
            let baseline = self.y + ascent(size);
            let x = if rtl {
                MARGIN_X + CONTENT_W - self.line_width_in(&line, size, rtl)
            } else {
                MARGIN_X + indent
            };
            self.draw_line_in(&line, x, baseline, size, color, rtl);
            self.y += lh;
        }
        self.y += size * 0.45;
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, before) = match level {
            1 => (17.0, 0.0),
            2 => (13.0, 8.0),
            _ => (11.0, 5.0),
        };
        if level == 1 && !self.at_top() {
            self.new_page();
        }
        let lines = self.wrap(&[Span::bold(text)], size, CONTENT_W);
        let lh = line_height(size);
        // Keep the heading with at least three lines of what follows.
        let height = before + lines.len() as f32 * lh + 40.0;
        self.ensure(height);
        if !self.at_top() {
            self.y += before;
        }
        self.out.headings.push(HeadingPos {
            level,
            text: text.to_string(),
            page: self.page_index(),
            y: self.y,
        });
        let role = Role::Heading {
            level: level + 1,
            text: text.to_string(),
        };
        let rtl = Fonts::starts_right_to_left(text);
        self.within(role, |e| {
            for line in lines {
                let baseline = e.y + ascent(size);
                let x = if rtl {
                    MARGIN_X + CONTENT_W - e.line_width_in(&line, size, rtl)
                } else {
                    MARGIN_X
                };
                e.draw_line_in(&line, x, baseline, size, ACCENT, rtl);
                e.y += lh;
            }
        });
        if level == 1 {
            let y = self.y + 1.0;
            self.push(Item::Line {
                x1: MARGIN_X,
                y1: y,
                x2: MARGIN_X + CONTENT_W,
                y2: y,
                width: 0.8,
                color: ACCENT,
            });
            self.y += 8.0;
        } else {
            self.y += 3.0;
        }
    }

    fn bullets(&mut self, items: &[ListItem], size: f32) {
        self.group(Role::List, |e| e.list_items(items, size));
        self.y += size * 0.35;
    }

    fn list_items(&mut self, items: &[ListItem], size: f32) {
        let lh = line_height(size);
        for item in items {
            let list_item = self.node(Role::ListItem);
            let saved = self.container.replace(list_item);
            let label = self.node(Role::ListLabel);
            let body = self.node(Role::ListBody);
            self.container = saved;
            let indent = 4.0 + f32::from(item.depth) * 14.0;
            let marker = match &item.marker {
                Some(marker) => marker.as_str(),
                None if item.depth == 0 => "•",
                None => "–",
            };
            let text_x = indent + self.fonts.width(marker, Style::Regular, size).max(size * 0.6) + 5.0;
            let rtl =
                Fonts::starts_right_to_left(&item.spans.iter().map(|s| s.text.as_str()).collect::<String>());
            for (i, line) in self
                .wrap(&item.spans, size, CONTENT_W - text_x)
                .into_iter()
                .enumerate()
            {
                self.ensure(lh);
                let baseline = self.y + ascent(size);
                if i == 0 {
                    self.current = Some(label);
                    self.draw_line(
                        &[Span::regular(marker)],
                        MARGIN_X + indent,
                        baseline,
                        size,
                        ACCENT,
                    );
                }
                self.current = Some(body);
                self.draw_line_in(&line, MARGIN_X + text_x, baseline, size, TEXT, rtl);
                self.current = None;
                self.y += lh;
            }
            self.y += size * 0.2;
        }
    }

    fn toc(&mut self, entries: &[(u8, String)]) {
        if !self.at_top() {
            self.new_page();
        }
        let size_title = 17.0;
        self.ensure(line_height(size_title) + 30.0);
        let baseline = self.y + ascent(size_title);
        let title = t("contents-heading");
        let role = Role::Heading {
            level: 2,
            text: title.clone(),
        };
        self.within(role, |e| {
            e.draw_line(&[Span::bold(title)], MARGIN_X, baseline, size_title, ACCENT);
        });
        self.y += line_height(size_title) + 8.0;
        self.group(Role::Contents, |e| e.toc_entries(entries));
    }

    fn toc_entries(&mut self, entries: &[(u8, String)]) {
        let number_w = 30.0;
        for (i, (level, text)) in entries.iter().enumerate() {
            let entry = self.node(Role::ContentsEntry(i));
            self.current = Some(entry);
            let (size, style, indent) = match level {
                1 => (10.5, Style::Bold, 0.0),
                _ => (9.5, Style::Regular, 14.0),
            };
            if *level == 1 {
                self.y += 3.0;
            }
            let lh = line_height(size);
            let lines = self.wrap(
                &[Span {
                    text: text.clone(),
                    style,
                }],
                size,
                CONTENT_W - indent - number_w - 12.0,
            );
            let count = lines.len();
            for (j, line) in lines.into_iter().enumerate() {
                self.ensure(lh);
                let baseline = self.y + ascent(size);
                self.out.links.push(LinkArea {
                    page: self.page_index(),
                    rect: (MARGIN_X + indent, self.y, MARGIN_X + CONTENT_W, self.y + lh),
                    entry: i,
                    node: entry,
                });
                self.draw_line(&line, MARGIN_X + indent, baseline, size, TEXT);
                if j + 1 == count {
                    let end = MARGIN_X + indent + self.line_width(&line, size) + 4.0;
                    let number_x = MARGIN_X + CONTENT_W - number_w;
                    let dot = self.fonts.width(". ", Style::Regular, size);
                    let dots = ((number_x + 4.0 - end) / dot).floor().max(0.0) as usize;
                    if dots > 0 {
                        let leader = ". ".repeat(dots);
                        let x = number_x + 4.0 - dots as f32 * dot;
                        self.artifact(|e| {
                            e.draw_line(&[Span::regular(leader.trim_end())], x, baseline, size, RULE);
                        });
                    }
                    // The page number is known once the headings are placed; its place is kept.
                    self.order += 1;
                    self.out.contents_numbers.push(NumberSlot {
                        page: self.page_index(),
                        baseline,
                        size,
                        style,
                        entry: i,
                        node: entry,
                        order: self.order,
                    });
                }
                self.y += lh;
            }
            self.current = None;
        }
    }

    fn image(&mut self, chart: usize, caption: &str, alt: &str) {
        let Some(face) = self.images.get(chart) else {
            return;
        };
        let (px_w, px_h) = (face.width, face.height);
        if !(px_w > 0.0 && px_h > 0.0) {
            return;
        }
        // A chart is drawn as wide as the text: its SVG is 640 px wide, so a pixel is about 0.77 pt
        // and a 9 px label, the charts' smallest, prints at 6.9 pt. Wide charts keep to half a
        // page (the radar, 480 px high, fits whole); a chart taller than wide (the roadmap's Gantt
        // chart, the architecture diagram) keeps the full width too, and one taller than a page
        // continues on the next, cut where no label or shape is (shrunk to a page, its labels
        // would print at 4 pt).
        let room = CONTENT_BOTTOM - CONTENT_TOP - 40.0;
        let tall = px_h > px_w;
        if tall && px_h * CONTENT_W / px_w > room && !face.cuts.is_empty() {
            self.sliced_image(chart, face, caption, alt);
            return;
        }
        let (max_w, max_h) = if tall {
            (CONTENT_W, room)
        } else {
            (CONTENT_W, 135.0 * MM)
        };
        let scale = (max_w / px_w).min(max_h / px_h);
        let (w, h) = (px_w * scale, px_h * scale);
        // The chart with its caption and the first lines of its alt text.
        self.ensure(h + 40.0);
        self.y += 4.0;
        let x = MARGIN_X + (CONTENT_W - w) / 2.0;
        let y = self.y;
        self.within(Role::Figure(alt.to_string()), |e| {
            e.push(Item::Image {
                chart,
                x,
                y,
                w,
                h,
                clip: None,
            });
            // The labels over the drawing, in the chart's units scaled to the page.
            for label in &face.labels {
                e.chart_label(label, x, y, scale);
            }
        });
        self.y += h + 6.0;
        self.chart_notes(caption, alt);
    }

    /// A chart's caption and text alternative, below it.
    fn chart_notes(&mut self, caption: &str, alt: &str) {
        if !caption.is_empty() {
            self.within(Role::Caption, |e| {
                e.paragraph(&[Span::bold(caption)], 9.0, TEXT, 0.0, 1.0);
            });
        }
        if !alt.is_empty() {
            self.within(Role::Paragraph, |e| {
                e.paragraph(&[Span::regular(alt)], 8.0, MUTED, 0.0, 1.0);
            });
        }
        self.y += 4.0;
    }

    /// A chart taller than a page at the text width: drawn at that width in slices, one a page,
    /// each cut at the last of the chart's `cuts` that fits (where no label or shape is), the
    /// drawing clipped to the slice and each label set on the slice that holds its baseline.
    fn sliced_image(&mut self, chart: usize, face: &ChartFace, caption: &str, alt: &str) {
        let scale = CONTENT_W / face.width;
        let (w, h) = (CONTENT_W, face.height * scale);
        // Start on this page when a third of one is left.
        self.ensure((CONTENT_BOTTOM - CONTENT_TOP) / 3.0);
        self.y += 4.0;
        let x = MARGIN_X;
        self.within(Role::Figure(alt.to_string()), |e| {
            let mut from = 0.0_f32;
            loop {
                let fits = (CONTENT_BOTTOM - e.y) / scale;
                let to = if face.height - from <= fits {
                    face.height
                } else {
                    face.cuts
                        .iter()
                        .copied()
                        .rev()
                        .find(|&cut| cut > from + 1.0 && cut <= from + fits)
                        .unwrap_or(from + fits)
                };
                let top = e.y;
                let y = top - from * scale;
                e.push(Item::Image {
                    chart,
                    x,
                    y,
                    w,
                    h,
                    clip: Some((top, top + (to - from) * scale)),
                });
                for label in face
                    .labels
                    .iter()
                    .filter(|l| l.baseline >= from && (l.baseline < to || to >= face.height))
                {
                    e.chart_label(label, x, y, scale);
                }
                e.y = top + (to - from) * scale;
                if to >= face.height {
                    break;
                }
                e.new_page();
                from = to;
            }
        });
        self.y += 6.0;
        self.chart_notes(caption, alt);
    }

    /// One of a chart's labels, over a drawing whose top left corner is at `x`, `y`.
    fn chart_label(&mut self, label: &ChartLabel, x: f32, y: f32, scale: f32) {
        let size = label.size * scale;
        let spans = [Span {
            text: label.text.clone(),
            style: label.style,
        }];
        let rtl = Fonts::starts_right_to_left(&label.text);
        let width = self.line_width_in(&spans, size, rtl);
        let left = x + label.x * scale
            - match label.anchor {
                Anchor::Start => 0.0,
                Anchor::Middle => width / 2.0,
                Anchor::End => width,
            };
        self.draw_line_in(&spans, left, y + label.baseline * scale, size, label.color, rtl);
    }

    fn table(&mut self, table: &Table) {
        let id = self.tables;
        self.tables += 1;
        let n = table.columns.len();
        if n == 0 {
            return;
        }
        let size = table.size;
        let lh = line_height(size);
        let (pad_x, pad_y) = (3.0, 2.5);
        let widths = self.column_widths(table, pad_x);
        let lefts: Vec<f32> = widths
            .iter()
            .scan(MARGIN_X, |x, w| {
                let left = *x;
                *x += w;
                Some(left)
            })
            .collect();
        let wrap_cell = |e: &Self, text: &str, style: Style, col: usize| {
            e.wrap(
                &[Span {
                    text: text.to_string(),
                    style,
                }],
                size,
                (widths[col] - 2.0 * pad_x).max(size),
            )
        };
        let header_lines: Vec<Vec<Vec<Span>>> = if table.header {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| wrap_cell(self, &c.title, Style::Bold, i))
                .collect()
        } else {
            Vec::new()
        };
        let header_h = if table.header {
            header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad_y
        } else {
            0.0
        };

        // The header row is content once; repeated on a later page, it is an artifact.
        let draw_header = |e: &mut Self, first: bool| {
            e.page().tables.push(TableSlice {
                table: id,
                header: table.header,
                rows: 0,
            });
            if !table.header {
                return;
            }
            let cells: Vec<Option<usize>> = if first {
                let row = e.node(Role::Row);
                let saved = e.container.replace(row);
                let cells = (0..n).map(|_| Some(e.node(Role::ColumnHeader))).collect();
                e.container = saved;
                cells
            } else {
                vec![None; n]
            };
            let top = e.y;
            e.push(Item::Rect {
                x: MARGIN_X,
                y: top,
                w: CONTENT_W,
                h: header_h,
                fill: HEADER_FILL,
            });
            for (col, lines) in header_lines.iter().enumerate() {
                e.current = cells[col];
                for (k, line) in lines.iter().enumerate() {
                    let w = e.line_width(line, size);
                    let x = aligned_x(w, lefts[col], widths[col], pad_x, table.columns[col].align);
                    let baseline = top + pad_y + k as f32 * lh + ascent(size);
                    e.draw_line(line, x, baseline, size, ACCENT);
                }
            }
            e.current = None;
            let bottom = top + header_h;
            e.push(Item::Line {
                x1: MARGIN_X,
                y1: bottom,
                x2: MARGIN_X + CONTENT_W,
                y2: bottom,
                width: 0.7,
                color: ACCENT,
            });
            e.y = bottom;
        };

        // The header and the first row (or a few lines of it) stay together.
        let first_h = table
            .rows
            .first()
            .map(|row| {
                let lines = row
                    .iter()
                    .take(n)
                    .enumerate()
                    .map(|(i, c)| wrap_cell(self, &c.text, style_of(c), i).len())
                    .max()
                    .unwrap_or(1);
                lines.min(4) as f32 * lh + 2.0 * pad_y
            })
            .unwrap_or(0.0);
        self.ensure(header_h + first_h);
        let table_node = self.node(Role::Table);
        let outer = self.container.replace(table_node);
        draw_header(self, true);

        for (r, row) in table.rows.iter().enumerate() {
            let row_node = self.node(Role::Row);
            self.container = Some(row_node);
            // Without a header row, a table is a list of facts: its first column names the row.
            let cell_nodes: Vec<usize> = (0..n)
                .map(|i| {
                    self.node(if !table.header && i == 0 && n > 1 {
                        Role::RowHeader
                    } else {
                        Role::DataCell
                    })
                })
                .collect();
            self.container = Some(table_node);
            let cells: Vec<Vec<Vec<Span>>> = (0..n)
                .map(|i| {
                    let cell = row.get(i).cloned().unwrap_or_default();
                    wrap_cell(self, &cell.text, style_of(&cell), i)
                })
                .collect();
            let total_lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let fresh_fit = ((CONTENT_BOTTOM - CONTENT_TOP - header_h - 2.0 * pad_y) / lh)
                .floor()
                .max(1.0) as usize;
            let mut offset = 0;
            let mut counted = false;
            while offset < total_lines {
                let remaining = total_lines - offset;
                let fit = ((CONTENT_BOTTOM - self.y - 2.0 * pad_y) / lh).floor().max(0.0) as usize;
                let fresh = self
                    .page()
                    .tables
                    .last()
                    .is_some_and(|s| s.table == id && s.rows == 0)
                    && self.y <= CONTENT_TOP + header_h + 0.01;
                if fit < remaining && !fresh && (fit == 0 || (offset == 0 && remaining <= fresh_fit)) {
                    self.new_page();
                    draw_header(self, false);
                    continue;
                }
                let take = remaining.min(fit.max(1));
                let top = self.y;
                let h = take as f32 * lh + 2.0 * pad_y;
                if table.header && r % 2 == 1 {
                    self.push(Item::Rect {
                        x: MARGIN_X,
                        y: top,
                        w: CONTENT_W,
                        h,
                        fill: ZEBRA,
                    });
                }
                for (col, lines) in cells.iter().enumerate() {
                    let cell = row.get(col);
                    if let Some(fill) = cell.and_then(|c| c.fill) {
                        self.push(Item::Rect {
                            x: lefts[col],
                            y: top,
                            w: widths[col],
                            h,
                            fill,
                        });
                    }
                    self.current = Some(cell_nodes[col]);
                    let rtl =
                        Fonts::starts_right_to_left(row.get(col).map(|c| c.text.as_str()).unwrap_or(""));
                    for (k, line) in lines.iter().skip(offset).take(take).enumerate() {
                        let w = self.line_width_in(line, size, rtl);
                        let x = aligned_x(w, lefts[col], widths[col], pad_x, table.columns[col].align);
                        let baseline = top + pad_y + k as f32 * lh + ascent(size);
                        self.draw_line_in(line, x, baseline, size, TEXT, rtl);
                    }
                    self.current = None;
                }
                if table.header {
                    let bottom = top + h;
                    self.push(Item::Line {
                        x1: MARGIN_X,
                        y1: bottom,
                        x2: MARGIN_X + CONTENT_W,
                        y2: bottom,
                        width: 0.3,
                        color: RULE,
                    });
                }
                if !counted {
                    if let Some(slice) = self.page().tables.last_mut() {
                        slice.rows += 1;
                    }
                    counted = true;
                }
                self.y = top + h;
                offset += take;
                if offset < total_lines {
                    self.new_page();
                    draw_header(self, false);
                }
            }
        }
        self.container = outer;
        self.y += 8.0;
    }

    /// Column widths, as browsers lay out automatic tables: each column gets at least its
    /// longest word (header or cells); the room left goes to columns in proportion to how much
    /// wider their text would like to be, weighted by the relative widths asked for; if every cell
    /// fits unwrapped, the spare room is shared by those relative widths.
    fn column_widths(&self, table: &Table, pad: f32) -> Vec<f32> {
        let size = table.size;
        // Words break after hyphens, slashes and underscores when they must, so those pieces count.
        let longest_word = |text: &str, style: Style| {
            text.split_whitespace()
                .flat_map(|w| w.split_inclusive(['-', '/', '_']))
                .map(|w| self.fonts.width(w, style, size))
                .fold(0.0, f32::max)
        };
        let longest_line = |text: &str, style: Style| {
            text.lines()
                .map(|l| self.fonts.width(l, style, size))
                .fold(0.0, f32::max)
        };
        let (mut mins, mut prefs) = (Vec::new(), Vec::new());
        for (i, column) in table.columns.iter().enumerate() {
            let (mut min, mut pref): (f32, f32) = if table.header {
                (
                    longest_word(&column.title, Style::Bold),
                    longest_line(&column.title, Style::Bold),
                )
            } else {
                (0.0, 0.0)
            };
            for cell in table.rows.iter().filter_map(|r| r.get(i)) {
                min = min.max(longest_word(&cell.text, style_of(cell)));
                pref = pref.max(longest_line(&cell.text, style_of(cell)));
            }
            let min = (min + 2.0 * pad + 0.5).min(CONTENT_W * 0.25);
            mins.push(min);
            prefs.push((pref + 2.0 * pad + 0.5).clamp(min, CONTENT_W * 0.6));
        }
        let sum_min: f32 = mins.iter().sum();
        let sum_pref: f32 = prefs.iter().sum();
        if sum_min >= CONTENT_W {
            return mins.iter().map(|m| m / sum_min * CONTENT_W).collect();
        }
        if sum_pref <= CONTENT_W {
            let hints: f32 = table.columns.iter().map(|c| c.width.max(0.01)).sum();
            let spare = CONTENT_W - sum_pref;
            return prefs
                .iter()
                .zip(&table.columns)
                .map(|(p, c)| p + spare * c.width.max(0.01) / hints)
                .collect();
        }
        let room = CONTENT_W - sum_min;
        let wants: Vec<f32> = prefs
            .iter()
            .zip(&mins)
            .zip(&table.columns)
            .map(|((p, m), c)| (p - m) * c.width.max(0.01))
            .collect();
        let want: f32 = wants.iter().sum();
        mins.iter()
            .zip(&wants)
            .map(|(m, w)| m + room * w / want.max(0.01))
            .collect()
    }
}

/// Where a line `w` wide starts in a cell.
fn aligned_x(w: f32, left: f32, width: f32, pad: f32, align: Align) -> f32 {
    match align {
        Align::Left => left + pad,
        Align::Right => left + width - pad - w,
        Align::Center => left + (width - w) / 2.0,
    }
}

fn style_of(cell: &Cell) -> Style {
    if cell.bold { Style::Bold } else { Style::Regular }
}

/// Adds the running header (title, and `right` on the right) and the footer (`left`, and
/// "page N of M") to every page.
pub fn decorate(layout: &mut Layout, fonts: &Fonts, title: &str, right: &str, left: &str) {
    let total = layout.pages.len();
    let size = 8.0;
    let header_baseline = 12.0 * MM;
    let header_rule = 14.0 * MM;
    let footer_rule = PAGE_H - 14.0 * MM;
    let footer_baseline = PAGE_H - 10.0 * MM;
    let right_w = fonts.width(right, Style::Regular, size);
    let title = fit(fonts, title, Style::Bold, size, CONTENT_W - right_w - 12.0);
    for (i, page) in layout.pages.iter_mut().enumerate() {
        let text = |x: f32, y: f32, style: Style, text: String| Item::Text {
            x,
            y,
            size,
            style,
            color: MUTED,
            rtl: Fonts::starts_right_to_left(&text),
            text,
        };
        let line = |y: f32| Item::Line {
            x1: MARGIN_X,
            y1: y,
            x2: MARGIN_X + CONTENT_W,
            y2: y,
            width: 0.4,
            color: RULE,
        };
        let number = tf("pdf-page", &[("page", (i + 1).into()), ("total", total.into())]);
        let number_w = fonts.width(&number, Style::Regular, size);
        let left = fit(fonts, left, Style::Regular, size, CONTENT_W - number_w - 12.0);
        page.items
            .push(text(MARGIN_X, header_baseline, Style::Bold, title.clone()));
        page.items.push(text(
            MARGIN_X + CONTENT_W - right_w,
            header_baseline,
            Style::Regular,
            right.to_string(),
        ));
        page.items.push(line(header_rule));
        page.items.push(line(footer_rule));
        page.items
            .push(text(MARGIN_X, footer_baseline, Style::Regular, left));
        page.items.push(text(
            MARGIN_X + CONTENT_W - number_w,
            footer_baseline,
            Style::Regular,
            number,
        ));
    }
}

/// `text`, shortened with "…" to fit `width`.
fn fit(fonts: &Fonts, text: &str, style: Style, size: f32, width: f32) -> String {
    if fonts.width(text, style, size) <= width {
        return text.to_string();
    }
    let ellipsis = fonts.width("…", style, size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = fonts.char_width(c, style, size);
        if w + cw + ellipsis > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// The spans of one line as pieces of one weight and one direction, left to right. A line without
/// right-to-left letters, combining marks or direction controls comes back as it is.
fn visual_pieces(spans: &[Span], rtl: bool) -> Vec<(String, Style, bool)> {
    if !rtl && !spans.iter().any(|s| s.text.chars().any(is_bidi_sensitive)) {
        return spans.iter().map(|s| (s.text.clone(), s.style, false)).collect();
    }
    let line: String = spans.iter().map(|s| s.text.as_str()).collect();
    // Byte offset where each span ends, to split directional runs by weight.
    let ends: Vec<(usize, Style)> = spans
        .iter()
        .scan(0, |end, s| {
            *end += s.text.len();
            Some((*end, s.style))
        })
        .collect();
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let bidi = BidiInfo::new(&line, Some(base));
    let mut pieces = Vec::new();
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let run_rtl = levels[run.start].is_rtl();
            let mut parts = Vec::new();
            let mut start = run.start;
            for &(end, style) in &ends {
                if end <= start {
                    continue;
                }
                let stop = end.min(run.end);
                parts.push((line[start..stop].to_string(), style, run_rtl));
                start = stop;
                if start >= run.end {
                    break;
                }
            }
            if run_rtl {
                parts.reverse();
            }
            pieces.extend(parts);
        }
    }
    pieces
}

/// Characters that make a line need the bidi algorithm: right-to-left letters and explicit
/// direction controls.
fn is_bidi_sensitive(c: char) -> bool {
    is_right_to_left(c) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}
