//! The page model → a tagged PDF, through krilla (typst's PDF layer).
//!
//! In: a [`Layout`] (items, logical structure, links), the fonts, the charts as parsed SVG and the
//! document information. Out: the PDF bytes and the characters no font could draw. It decides
//! nothing about content or position; it draws what the layout placed.
//!
//! What the file gets: fonts subset to the glyphs used; text as shaped glyphs with their
//! characters (copy and search work, Arabic comes out of `pdftotext` in logical order); charts as
//! vector graphics from the same SVG as the HTML report; a tag tree (PDF/UA-1, checked by krilla's
//! validator) in which every piece of text, every chart (with its text alternative) and every table
//! cell has its place and rules, fills, running headers and footers are artifacts; a document
//! outline of the headings; live links in the table of contents. The same input gives the same
//! bytes: krilla writes no clock time and derives the file identifier from the metadata.

use std::num::NonZeroU16;

use krilla::Document;
use krilla::SerializeSettings;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node as TagNode, SpanTag,
    TableHeaderScope, Tag, TagGroup, TagKind, TagTree,
};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::PdfError;
use super::fonts::Fonts;
use super::layout::{Item, Layout, PAGE_H, PAGE_W, Rgb8, Role};

/// Document information.
pub struct DocInfo {
    /// Title.
    pub title: String,
    /// Authors.
    pub authors: Vec<String>,
    /// Subject.
    pub subject: String,
    /// Creator and producer.
    pub producer: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Creation date: year, month, day.
    pub date: (u16, u8, u8),
    /// Language of the text (BCP 47).
    pub language: String,
}

/// Characters no embedded font has, each once, as `U+1F600 😀 in "text"`.
#[derive(Default)]
pub struct Missing {
    seen: Vec<char>,
    /// The report lines.
    pub lines: Vec<String>,
}

impl Missing {
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

fn fill((r, g, b): Rgb8) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// What a node of the tag tree holds, in reading order.
enum Child {
    Node(usize),
    Content(Identifier),
}

/// Writes the pages.
pub fn write(
    layout: &Layout,
    fonts: &Fonts,
    charts: &[usvg::Tree],
    info: &DocInfo,
) -> Result<(Vec<u8>, Missing), PdfError> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        // pack.rs compresses the page content, faster and on every core.
        compress_content_streams: false,
        ..SerializeSettings::default()
    };
    let mut doc = Document::new_with(settings);
    let mut missing = Missing::default();

    // Each node's children in reading order: its sub-nodes and the marked content drawn for it.
    let mut children: Vec<Vec<(usize, Child)>> = (0..layout.nodes.len()).map(|_| Vec::new()).collect();
    let mut top: Vec<(usize, Child)> = Vec::new();
    for (i, node) in layout.nodes.iter().enumerate() {
        match node.parent {
            Some(parent) => children[parent].push((node.order, Child::Node(i))),
            None => top.push((node.order, Child::Node(i))),
        }
    }
    // Link annotations per node (the table of contents' entries).
    let mut link_ids: Vec<Vec<Identifier>> = (0..layout.nodes.len()).map(|_| Vec::new()).collect();
    // The contents list the headings of levels 1 and 2; entry n leads to the n-th of them.
    let entries: Vec<&super::layout::HeadingPos> = layout.headings.iter().filter(|h| h.level <= 2).collect();

    for (page_index, page) in layout.pages.iter().enumerate() {
        let size = Size::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid page size");
        let mut pdf_page = doc.start_page_with(PageSettings::new(size));
        {
            let mut surface = pdf_page.surface();
            let mut marks = page.marks.iter().peekable();
            for (index, item) in page.items.iter().enumerate() {
                let mark = marks.next_if(|m| m.item == index);
                let id = match mark {
                    Some(_) => surface.start_tagged(ContentTag::Span(SpanTag::empty())),
                    None => {
                        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(artifact_kind(item))))
                    }
                };
                draw(&mut surface, item, fonts, charts, &mut missing);
                surface.end_tagged();
                if let Some(mark) = mark {
                    children[mark.node].push((mark.order, Child::Content(id)));
                }
            }
            surface.finish();
        }
        for link in layout.links.iter().filter(|l| l.page == page_index) {
            let Some(heading) = entries.get(link.entry) else {
                continue;
            };
            let (left, top_y, right, bottom) = link.rect;
            let Some(rect) = Rect::from_ltrb(left, top_y, right, bottom) else {
                continue;
            };
            let target = Target::Destination(Destination::Xyz(XyzDestination::new(
                heading.page,
                Point::from_xy(0.0, (heading.y - 6.0).max(0.0)),
            )));
            let annotation =
                Annotation::new_link(LinkAnnotation::new(rect, target), Some(heading.text.clone()));
            link_ids[link.node].push(pdf_page.add_tagged_annotation(annotation));
        }
        pdf_page.finish();
    }

    let mut tree = TagTree::new().with_lang(Some(info.language.clone()));
    top.sort_by_key(|(order, _)| *order);
    for (_, child) in top {
        if let Some(node) = tag_node(child, layout, &mut children, &mut link_ids) {
            tree.push(node);
        }
    }
    doc.set_tag_tree(tree);
    doc.set_outline(outline(layout));
    let (year, month, day) = info.date;
    doc.set_metadata(
        Metadata::new()
            .title(info.title.clone())
            .authors(info.authors.clone())
            .description(info.subject.clone())
            .keywords(info.keywords.clone())
            .creator(info.producer.clone())
            .producer(info.producer.clone())
            .language(info.language.clone())
            .creation_date(DateTime::new(year).month(month).day(day)),
    );
    let bytes = doc.finish().map_err(|e| PdfError::Write(e.to_string()))?;
    // Compressing the structure elements takes the tagged file to about half its size.
    let bytes = super::pack::pack(&bytes).unwrap_or(bytes);
    Ok((bytes, missing))
}

fn artifact_kind(item: &Item) -> ArtifactType {
    match item {
        Item::Text { y, .. } if *y < super::layout::CONTENT_TOP => ArtifactType::Header,
        Item::Text { y, .. } if *y > super::layout::CONTENT_BOTTOM => ArtifactType::Footer,
        Item::Text { .. } => ArtifactType::PaginationOther,
        _ => ArtifactType::Layout,
    }
}

fn draw(surface: &mut Surface, item: &Item, fonts: &Fonts, charts: &[usvg::Tree], missing: &mut Missing) {
    match item {
        Item::Rect { x, y, w, h, fill: f } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                return;
            };
            surface.set_stroke(None);
            surface.set_fill(Some(fill(*f)));
            let mut path = PathBuilder::new();
            path.push_rect(rect);
            if let Some(path) = path.finish() {
                surface.draw_path(&path);
            }
        }
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => {
            let mut path = PathBuilder::new();
            path.move_to(*x1, *y1);
            path.line_to(*x2, *y2);
            let Some(path) = path.finish() else {
                return;
            };
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                width: *width,
                ..Stroke::default()
            }));
            surface.draw_path(&path);
        }
        Item::Text {
            x,
            y,
            size,
            style,
            color,
            text,
            rtl,
        } => {
            let mut absent = Vec::new();
            let runs = fonts.glyph_runs(text, *style, *rtl, &mut absent);
            missing.note(&absent, text);
            surface.set_stroke(None);
            surface.set_fill(Some(fill(*color)));
            for run in runs {
                surface.draw_glyphs(
                    Point::from_xy(x + run.x * size, *y),
                    &run.glyphs,
                    fonts.faces[run.face].font.clone(),
                    &run.text,
                    *size,
                    false,
                );
            }
        }
        Item::Image {
            chart,
            x,
            y,
            w,
            h,
            clip,
        } => {
            let (Some(tree), Some(size)) = (charts.get(*chart), Size::from_wh(*w, *h)) else {
                return;
            };
            // A slice of a chart taller than a page: the whole drawing, clipped to the slice.
            let clip = clip
                .and_then(|(top, bottom)| Rect::from_xywh(*x, top, *w, bottom - top))
                .and_then(|rect| {
                    let mut path = PathBuilder::new();
                    path.push_rect(rect);
                    path.finish()
                });
            if let Some(path) = &clip {
                surface.push_clip_path(path, &FillRule::NonZero);
            }
            surface.push_transform(&Transform::from_translate(*x, *y));
            surface.draw_svg(tree, size, SvgSettings::default());
            surface.pop();
            if clip.is_some() {
                surface.pop();
            }
        }
    }
}

/// The tag of a node's role.
fn tag_kind(role: &Role) -> TagKind {
    match role {
        Role::Heading { level, text } => Tag::Hn(
            NonZeroU16::new(u16::from(*level)).unwrap_or(NonZeroU16::MIN),
            Some(text.clone()),
        )
        .into(),
        Role::Paragraph => Tag::P.into(),
        Role::Caption => Tag::Caption.into(),
        Role::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        Role::Contents => Tag::TOC.into(),
        Role::ContentsEntry(_) => Tag::TOCI.into(),
        Role::List => Tag::L(ListNumbering::Disc).into(),
        Role::ListItem => Tag::LI.into(),
        Role::ListLabel => Tag::Lbl.into(),
        Role::ListBody => Tag::LBody.into(),
        Role::Table => Tag::Table.into(),
        Role::Row => Tag::TR.into(),
        Role::ColumnHeader => Tag::TH(TableHeaderScope::Column).into(),
        Role::RowHeader => Tag::TH(TableHeaderScope::Row).into(),
        Role::DataCell => Tag::TD.into(),
    }
}

/// A node with its children, or `None` for a node that drew nothing (a table's empty cell still
/// counts: it keeps the table's grid).
fn tag_node(
    child: Child,
    layout: &Layout,
    children: &mut [Vec<(usize, Child)>],
    links: &mut [Vec<Identifier>],
) -> Option<TagNode> {
    let index = match child {
        Child::Content(id) => return Some(id.into()),
        Child::Node(index) => index,
    };
    let role = &layout.nodes[index].role;
    let mut own = std::mem::take(&mut children[index]);
    own.sort_by_key(|(order, _)| *order);
    let mut nodes: Vec<TagNode> = own
        .into_iter()
        .filter_map(|(_, c)| tag_node(c, layout, children, links))
        .collect();
    let annotations = std::mem::take(&mut links[index]);
    if !annotations.is_empty() {
        // A link groups the text it covers with its annotation.
        let mut link = TagGroup::new(Tag::Link);
        for node in nodes.drain(..) {
            link.push(node);
        }
        for id in annotations {
            link.push(id);
        }
        nodes.push(link.into());
    }
    let is_cell = matches!(role, Role::ColumnHeader | Role::RowHeader | Role::DataCell);
    if nodes.is_empty() && !is_cell {
        return None;
    }
    Some(TagGroup::with_children(tag_kind(role), nodes).into())
}

/// The outline: headings of levels 1 and 2 (sections and their parts), nested.
fn outline(layout: &Layout) -> Outline {
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    let target = |page: usize, y: f32| XyzDestination::new(page, Point::from_xy(0.0, (y - 6.0).max(0.0)));
    for heading in layout.headings.iter().filter(|h| h.level <= 2) {
        let node = OutlineNode::new(heading.text.clone(), target(heading.page, heading.y));
        if heading.level == 1 {
            if let Some(done) = section.take() {
                outline.push_child(done);
            }
            section = Some(node);
        } else if let Some(open) = section.as_mut() {
            open.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}
