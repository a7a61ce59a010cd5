use super::layout::{Block, Cell, Item, Table, layout};
use super::*;
use crate::report::context::{self, SystemView};

fn context() -> ReportContext {
    context::kalindra_2024()
}

/// A `w`×`h` picture with a label, standing in for a chart.
fn picture(title: &str, w: u32, h: u32) -> ChartImage {
    ChartImage {
        title: title.to_string(),
        alt: format!("{title}: a test picture."),
        svg: format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect x="0" y="0" width="{w}" height="{h}" fill="#FFFFFF"/><rect x="10" y="10" width="{}" height="{}" fill="#2C7FB8"/><text x="20" y="30" font-family="sans-serif" font-size="12">{title}</text></svg>"##,
            w / 2,
            h / 2
        ),
    }
}

fn charts() -> Vec<ChartImage> {
    vec![
        picture("Pillar scores", 400, 300),
        picture("Building Blocks × criteria", 600, 400),
        picture("Largest gaps", 500, 300),
        picture("Coverage per pillar", 500, 250),
    ]
}

fn refs(charts: &[ChartImage]) -> Vec<&ChartImage> {
    charts.iter().collect()
}

/// The charts the report draws for `ctx`, in the PDF's order.
fn drawn_charts(ctx: &ReportContext) -> Vec<ChartImage> {
    let images = crate::report::charts::svg_images(ctx).expect("charts draw");
    images.in_order().into_iter().cloned().collect()
}

/// The sample laid out with `charts`.
fn sample_layout(ctx: &ReportContext, charts: &[ChartImage]) -> Layout {
    let trees = parse_charts(&refs(charts)).expect("charts parse");
    lay_out(ctx, &refs(charts), &trees, Fonts::get().expect("fonts"))
}

/// The file's bytes followed by every stream it holds, inflated: the packed objects (metadata,
/// structure) become searchable.
fn readable(pdf: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = pdf.to_vec();
    let mut at = 0;
    while let Some(start) = pdf[at..].windows(7).position(|w| w == b"stream\n") {
        let data = at + start + 7;
        let Some(len) = pdf[data..].windows(10).position(|w| w == b"\nendstream") else {
            break;
        };
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(&pdf[data..data + len])
            .read_to_end(&mut inflated)
            .is_ok()
        {
            out.extend_from_slice(&inflated);
        }
        at = data + len + 10;
    }
    out
}

/// A table with a header row "Name | Text" over `rows`.
fn name_and_text(rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        columns: vec![col("Name", 1.0, Align::Left), col("Text", 1.0, Align::Left)],
        rows,
        size: 8.0,
        header: true,
    })
}

fn all_text(layout: &Layout) -> String {
    let mut out = String::new();
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text { text, .. } = item {
                out.push_str(text);
                out.push('\n');
            }
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn renders_the_sample_deterministically() {
    let ctx = context();
    let charts = charts();
    let first = render(&ctx, &refs(&charts)).expect("renders");
    assert!(first.bytes.starts_with(b"%PDF"));
    assert!(first.missing_glyphs.is_empty(), "{:?}", first.missing_glyphs);
    let second = render(&ctx, &refs(&charts)).expect("renders");
    assert!(first.bytes == second.bytes, "two renders differ");
    if let Ok(path) = std::env::var("DPI_ASSESS_PDF_OUT") {
        std::fs::write(path, &first.bytes).expect("writes the PDF");
    }
}

#[test]
fn metadata_uses_the_assessment_date_and_names() {
    let ctx = context();
    let out = render(&ctx, &[]).expect("renders");
    let bytes = readable(&out.bytes);
    let date = ctx.meta.date.replace('-', "");
    let stamp = format!("D:{date}000000");
    assert!(contains(&bytes, stamp.as_bytes()), "no creation date {stamp}");
    assert!(!contains(&bytes, b"D:1970"), "a 1970 date is left");
    let entry = |key: &str, value: &str| contains(&bytes, format!("/{key}({value})").as_bytes());
    let producer = format!("dpi-assess {}", ctx.meta.tool_version);
    assert!(entry("Producer", &producer));
    assert!(entry("Creator", &producer));
    assert!(entry("Title", &ctx.meta.title));
    let names: Vec<&str> = ctx.meta.assessors.iter().map(|a| a.name.as_str()).collect();
    assert!(!names.is_empty());
    assert!(entry("Author", &names.join(", ")));
    // No claim of PDF/X conformance; the fonts carry their names, with a subset prefix; the
    // document says it is tagged, in English, and meets PDF/UA-1.
    assert!(!contains(&bytes, b"GTS_PDFXVersion"));
    assert!(contains(&bytes, b"+DejaVuSans/"));
    assert!(contains(&bytes, b"/MarkInfo<</Marked true"));
    assert!(contains(&bytes, b"/Lang(en)"));
    assert!(contains(&bytes, b"<pdfuaid:part>1</pdfuaid:part>"));
}

#[test]
fn without_assessors_the_author_is_the_tool() {
    let mut ctx = context();
    ctx.meta.assessors.clear();
    let out = render(&ctx, &[]).expect("renders");
    assert!(contains(&readable(&out.bytes), b"/Author(dpi-assess)"));
}

#[test]
fn the_sample_has_every_section_and_more_than_five_pages() {
    let ctx = context();
    let layout = sample_layout(&ctx, &charts());
    assert!(layout.pages.len() > 5, "{} pages", layout.pages.len());
    let text = all_text(&layout);
    assert!(text.contains(&ctx.meta.country));
    for pillar in &ctx.summary.pillars {
        assert!(text.contains(&pillar.title), "pillar {}", pillar.title);
    }
    let headings: Vec<&str> = layout
        .headings
        .iter()
        .filter(|h| h.level == 1)
        .map(|h| h.text.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "About this assessment",
            "Executive summary",
            "Maturity by layer, dimension and indicator",
            "Building Block gap analysis",
            "Enabling-conditions gap analysis",
            "Caps applied",
            "Prioritised services",
            "Draft national DPI architecture",
            "Implementation roadmap",
            "UN DPI safeguards",
            "Annex A. Method",
            "Annex B. Data quality",
            "Annex C. All answers",
            "Annex D. Validation workshop",
        ]
    );
    // Every page shows "page N of M".
    let total = layout.pages.len();
    for (i, page) in layout.pages.iter().enumerate() {
        let footer = format!("page {} of {total}", i + 1);
        assert!(
            page.items
                .iter()
                .any(|it| matches!(it, Item::Text { text, .. } if *text == footer))
        );
    }
    // All four charts are placed, once each.
    let images: Vec<usize> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|it| match it {
            Item::Image { chart, .. } => Some(*chart),
            _ => None,
        })
        .collect();
    assert_eq!(images, [0, 1, 2, 3]);
}

#[test]
fn a_chart_taller_than_a_page_continues_on_the_next_at_the_text_width() {
    let ctx = context();
    let layout = sample_layout(&ctx, &drawn_charts(&ctx));
    // The Gantt chart (the fifth) is 1255 px high: at the text width, more than a page.
    // Each slice: its page, width, the whole chart's height, the band of the page it shows.
    type Slice = (usize, f32, f32, Option<(f32, f32)>);
    let slices: Vec<Slice> = layout
        .pages
        .iter()
        .enumerate()
        .flat_map(|(n, page)| {
            page.items.iter().filter_map(move |it| match it {
                Item::Image {
                    chart: 4, w, h, clip, ..
                } => Some((n, *w, *h, *clip)),
                _ => None,
            })
        })
        .collect();
    assert!(slices.len() >= 2, "{slices:?}");
    let shown: f32 = slices
        .iter()
        .map(|(_, _, _, clip)| clip.map_or(0.0, |(top, bottom)| bottom - top))
        .sum();
    assert!(
        (shown - slices[0].2).abs() < 0.5,
        "the slices show the whole chart: {slices:?}"
    );
    for pair in slices.windows(2) {
        assert_eq!(pair[1].0, pair[0].0 + 1, "one slice a page: {slices:?}");
    }
    for (_, w, _, _) in &slices {
        assert!((w - super::layout::CONTENT_W).abs() < 0.01, "{w}");
    }
}

#[test]
fn chart_labels_are_text_within_their_chart() {
    let ctx = context();
    let layout = sample_layout(&ctx, &drawn_charts(&ctx));
    let mut checked = 0;
    for page in &layout.pages {
        let Some((x0, y0, w, h)) = page.items.iter().find_map(|it| match it {
            Item::Image {
                chart: 0, x, y, w, h, ..
            } => Some((*x, *y, *w, *h)),
            _ => None,
        }) else {
            continue;
        };
        // The radar's labels, set by the layout over its drawing: every pillar's name is there.
        let labels: Vec<&Item> = page
            .items
            .iter()
            .filter(|it| matches!(it, Item::Text { x, y, .. } if *x >= x0 - 1.0 && *x <= x0 + w && *y >= y0 && *y <= y0 + h))
            .collect();
        let text: String = labels
            .iter()
            .filter_map(|it| match it {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        for word in ["Initial", "Developing", "Established"] {
            assert!(text.contains(word), "{word} not among the radar's labels: {text}");
        }
        checked += 1;
    }
    assert_eq!(checked, 1, "the radar is placed once");
}

#[test]
fn the_table_of_contents_shows_the_pages_headings_land_on() {
    let ctx = context();
    let layout = sample_layout(&ctx, &[]);
    // The contents run from page 2 to the page before the first section.
    let first_section = layout.headings.first().expect("headings").page;
    let text: Vec<&str> = layout.pages[1..first_section]
        .iter()
        .flat_map(|page| &page.items)
        .filter_map(|it| match it {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(text.contains(&"Contents"));
    let annex = layout
        .headings
        .iter()
        .find(|h| h.text == "Annex C. All answers")
        .expect("annex C");
    assert!(annex.page > 5);
    assert!(text.contains(&"Annex C. All answers"), "TOC entry");
    // Page numbers are set once every heading has its page, after the entries of their page: the
    // last number of the contents is the last entry's, the last heading of level 1 or 2.
    let last = layout
        .headings
        .iter()
        .rfind(|h| h.level <= 2)
        .expect("a last heading");
    assert!(
        text.contains(&last.text.as_str()),
        "{} in the contents",
        last.text
    );
    let numbers: Vec<&str> = text
        .iter()
        .copied()
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(
        numbers.last().copied(),
        Some((last.page + 1).to_string().as_str())
    );
}

#[test]
fn uses_only_the_charts_passed() {
    let ctx = context();
    for n in 0..=4 {
        let charts: Vec<ChartImage> = charts().into_iter().take(n).collect();
        let layout = sample_layout(&ctx, &charts);
        let count = layout
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter(|it| matches!(it, Item::Image { .. }))
            .count();
        assert_eq!(count, n);
        assert!(render(&ctx, &refs(&charts)).is_ok());
    }
}

#[test]
fn a_chart_that_is_not_svg_is_an_error_not_a_panic() {
    let ctx = context();
    let mut chart = picture("broken", 10, 10);
    chart.svg.truncate(30);
    assert!(matches!(
        render(&ctx, &[&chart]),
        Err(PdfError::Chart { index: 0, .. })
    ));
    let empty = ChartImage::default();
    let good = picture("good", 10, 10);
    assert!(matches!(
        render(&ctx, &[&good, &empty]),
        Err(PdfError::Chart { index: 1, .. })
    ));
}

#[test]
fn french_portuguese_and_amharic_need_no_missing_glyph() {
    let mut ctx = context();
    ctx.meta.title = "Ministère de la Santé — « données »".to_string();
    ctx.meta.country = "Ação e informação".to_string();
    ctx.meta.notes = Some("የኢትዮጵያ ዲጂታል — Ação, « été », œuvre, 12 €".to_string());
    let out = render(&ctx, &[]).expect("renders");
    assert!(out.missing_glyphs.is_empty(), "{:?}", out.missing_glyphs);
    // The Ethiopic text is drawn with Noto Sans Ethiopic, the dash next to it with DejaVu Sans.
    let fonts = Fonts::get().expect("fonts");
    assert_eq!(fonts.face_for('ዲ', fonts::Style::Regular), Some(2));
    assert_eq!(fonts.face_for('—', fonts::Style::Regular), Some(0));
    assert_eq!(fonts.face_for('é', fonts::Style::Bold), Some(1));
    let mut missing = Vec::new();
    let runs = fonts.glyph_runs("የኢትዮጵያ ዲጂታል — x", fonts::Style::Regular, false, &mut missing);
    // Spaces come from DejaVu Sans, first in the chain.
    assert_eq!(runs.iter().map(|r| r.face).collect::<Vec<_>>(), [2, 0, 2, 0]);
    assert_eq!(runs[0].text, "የኢትዮጵያ");
    assert!(missing.is_empty());
}

#[test]
fn an_emoji_without_a_glyph_is_reported_once_and_drawn_as_a_replacement() {
    // DejaVu Sans 2.37 draws the emoticons block (😀 U+1F600 included) in black and white, so a
    // rocket stands for the emoji no font has.
    let mut ctx = context();
    ctx.meta.notes = Some("Great progress 🚀 and more 🚀, smiling 😀".to_string());
    ctx.meta.title = "Report 🚀".to_string();
    let out = render(&ctx, &[]).expect("renders");
    assert_eq!(out.missing_glyphs.len(), 1, "{:?}", out.missing_glyphs);
    assert!(
        out.missing_glyphs[0].starts_with("U+1F680 🚀 in \""),
        "{}",
        out.missing_glyphs[0]
    );
    let fonts = Fonts::get().expect("fonts");
    assert_eq!(fonts.face_for('😀', fonts::Style::Regular), Some(0));
    let mut missing = Vec::new();
    let runs = fonts.glyph_runs("a🚀b", fonts::Style::Bold, false, &mut missing);
    assert_eq!(missing, ['🚀']);
    // The text layer keeps the character; the glyph drawn is the replacement character's.
    assert_eq!(runs.iter().map(|r| r.text.as_str()).collect::<String>(), "a🚀b");
    let replacement = fonts.glyph_runs("\u{FFFD}", fonts::Style::Bold, false, &mut Vec::new());
    assert_eq!(runs[0].glyphs[1].glyph_id, replacement[0].glyphs[0].glyph_id);
}

#[test]
fn text_from_inputs_is_drawn_literally() {
    let mut ctx = context();
    let script = "<script>alert(1)</script>";
    ctx.meta.notes = Some(format!("Notes {script} end"));
    if let Some(row) = ctx.building_blocks.rows.first_mut() {
        row.systems_shown.push(SystemView {
            name: script.to_string(),
            owner: "Ministry".to_string(),
            status: "pilot".to_string(),
            exchange: String::new(),
            coverage: String::new(),
            used_by: 0,
        });
    }
    let layout = sample_layout(&ctx, &[]);
    assert!(all_text(&layout).contains(&format!("Notes {script} end")));
    assert!(render(&ctx, &[]).is_ok());
}

#[test]
fn long_tables_break_across_pages_and_repeat_their_header() {
    let fonts = Fonts::get().expect("fonts");
    let rows: Vec<Vec<Cell>> = (0..150)
        .map(|i| {
            vec![
                format!("row {i}").into(),
                "a somewhat longer cell that wraps onto a second line of the column".into(),
            ]
        })
        .collect();
    let layout = layout(&[name_and_text(rows)], fonts, &[]);
    assert!(layout.pages.len() >= 3, "{} pages", layout.pages.len());
    let slices: Vec<_> = layout.pages.iter().flat_map(|p| &p.tables).collect();
    assert_eq!(slices.len(), layout.pages.len());
    assert!(slices.iter().all(|s| s.header && s.rows > 0));
    assert_eq!(slices.iter().map(|s| s.rows).sum::<usize>(), 150);
    // Each page starts with the header: its fill, then the bold column titles.
    for page in &layout.pages {
        let titles: Vec<&str> = page
            .items
            .iter()
            .filter_map(|it| match it {
                Item::Text {
                    text,
                    style: fonts::Style::Bold,
                    ..
                } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(&titles[..2], ["Name", "Text"]);
    }
    // Nothing runs into the footer.
    for item in layout.pages.iter().flat_map(|p| &p.items) {
        if let Item::Text { y, .. } = item {
            assert!(*y <= layout::CONTENT_BOTTOM);
        }
    }
}

#[test]
fn a_row_taller_than_a_page_is_split_not_lost() {
    let fonts = Fonts::get().expect("fonts");
    let long = "word ".repeat(3000);
    let table = Table {
        columns: vec![col("Name", 1.0, Align::Left), col("Comment", 3.0, Align::Left)],
        rows: vec![
            vec!["first".into(), long.into()],
            vec!["second".into(), "short".into()],
        ],
        size: 8.0,
        header: true,
    };
    let layout = layout(&[Block::Table(table)], fonts, &[]);
    assert!(layout.pages.len() >= 2);
    let slices: Vec<_> = layout.pages.iter().flat_map(|p| &p.tables).collect();
    assert!(slices.iter().all(|s| s.header));
    assert_eq!(slices.iter().map(|s| s.rows).sum::<usize>(), 2);
    let words = all_text(&layout).matches("word").count();
    assert_eq!(words, 3000);
}

#[test]
fn long_words_are_cut_to_fit() {
    let fonts = Fonts::get().expect("fonts");
    let word = "x".repeat(400);
    let layout = layout(
        &[Block::Para {
            spans: vec![layout::Span::regular(word.clone())],
            size: 10.0,
            color: layout::TEXT,
        }],
        fonts,
        &[],
    );
    let text = all_text(&layout);
    assert_eq!(text.replace('\n', ""), word);
    assert!(text.lines().count() > 1);
}

#[test]
fn method_markdown_becomes_plain_blocks() {
    let blocks = markdown::blocks(
        "# Title\n\nSome **bold** and `code`.\n\n## Part\n\n1. **One:** first\n   continued\n2. Two\n   - nested *it*\n",
        true,
    );
    let text = format!("{blocks:?}");
    assert!(!text.contains("**") && !text.contains('`'), "{text}");
    assert!(!text.contains("\"Title\""));
    assert!(matches!(&blocks[1], Block::Heading { level: 2, text } if text == "Part"));
    match &blocks[2] {
        Block::Bullets { items, .. } => {
            assert_eq!(items.len(), 3);
            assert_eq!(items[0].marker.as_deref(), Some("1."));
            assert_eq!(items[2].depth, 1);
            let first: String = items[0].spans.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(first, "One: first continued");
        }
        other => panic!("not a list: {other:?}"),
    }
}

#[test]
fn dates_parse_strictly() {
    assert!(parse_date("2024-06-30").is_some());
    assert!(parse_date("30/06/2024").is_none());
    assert!(parse_date("2024-13-01").is_none());
    let mut ctx = context();
    ctx.meta.date = "someday".to_string();
    assert!(matches!(render(&ctx, &[]), Err(PdfError::Date(_))));
}

#[test]
fn long_identifiers_break_after_hyphens() {
    let fonts = Fonts::get().expect("fonts");
    let id = "cross-border-recognition-".repeat(12) + "end";
    let para = Block::Para {
        spans: vec![layout::Span::regular(id.clone())],
        size: 10.0,
        color: layout::TEXT,
    };
    let layout = layout(&[para], fonts, &[]);
    let text = all_text(&layout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 1, "{lines:?}");
    assert!(
        lines[..lines.len() - 1].iter().all(|l| l.ends_with('-')),
        "{lines:?}"
    );
    assert_eq!(lines.concat(), id);
}

#[test]
fn arabic_is_joined_and_laid_out_right_to_left() {
    let fonts = Fonts::get().expect("fonts");
    let regular = fonts::Style::Regular;
    let word = "وزارة";
    let mut missing = Vec::new();
    let runs = fonts.glyph_runs(word, regular, true, &mut missing);
    assert!(missing.is_empty(), "{missing:?}");
    assert_eq!(runs.len(), 1);
    let glyphs = &runs[0].glyphs;
    // Drawn left to right, the first glyph is the last letter (TEH MARBUTA, U+0629) and the last
    // glyph the first letter (WAW); each stands for its own letter in the text layer.
    let letter = |g: &krilla::text::KrillaGlyph| &runs[0].text[g.text_range.clone()];
    assert_eq!(letter(&glyphs[0]), "ة");
    assert_eq!(letter(&glyphs[glyphs.len() - 1]), "و");
    // Joined: in الصحة (health) LAM, SAD and HAH connect to their neighbours and take contextual
    // forms; in وزارة (ministry) no letter joins the next, so each keeps the form it has alone.
    let alone =
        |c: char| fonts.glyph_runs(&c.to_string(), regular, true, &mut Vec::new())[0].glyphs[0].glyph_id;
    let zain = glyphs.iter().find(|g| letter(g) == "ز").expect("zain");
    assert_eq!(zain.glyph_id, alone('ز'));
    let health = fonts.glyph_runs("الصحة", regular, true, &mut Vec::new());
    let health_glyph = |c: &str| {
        health[0]
            .glyphs
            .iter()
            .find(|g| &health[0].text[g.text_range.clone()] == c)
            .map(|g| g.glyph_id)
            .expect("letter")
    };
    for c in ['ل', 'ص', 'ح', 'ة'] {
        assert_ne!(health_glyph(&c.to_string()), alone(c), "{c} is not joined");
    }
    // A mixed line: the English stays left to right, the Arabic right to left, in visual order.
    let line = fonts.glyph_runs("Ministry (وزارة الصحة) 2024", regular, false, &mut Vec::new());
    let texts: Vec<&str> = line.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts.first(), Some(&"Ministry ("));
    assert!(texts.contains(&"وزارة الصحة"), "{texts:?}");
    // The number after the Arabic is a run of its own (bidi level 2), still left to right.
    assert_eq!(texts[texts.len() - 2..].concat(), ") 2024", "{texts:?}");
    // Widths come from the shaped glyphs.
    let width: f32 = glyphs.iter().map(|g| g.x_advance).sum::<f32>() * 10.0;
    assert!((fonts.width(word, regular, 10.0) - width).abs() < 1e-3);
    assert!(Fonts::starts_right_to_left("وزارة الصحة, Ministry"));
    assert!(!Fonts::starts_right_to_left("Ministry, وزارة"));
}

#[test]
fn a_right_to_left_paragraph_is_set_flush_right() {
    let fonts = Fonts::get().expect("fonts");
    let para = |text: &str| Block::Para {
        spans: vec![layout::Span::regular(text)],
        size: 10.0,
        color: layout::TEXT,
    };
    let layout = layout(
        &[para("وزارة الصحة والسكان"), para("Ministry of Health")],
        fonts,
        &[],
    );
    let lines: Vec<(f32, &str, bool)> = layout.pages[0]
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Text { x, text, rtl, .. } => Some((*x, text.as_str(), *rtl)),
            _ => None,
        })
        .collect();
    let (x, text, rtl) = lines[0];
    assert_eq!(text, "وزارة الصحة والسكان");
    assert!(rtl);
    let right = x + fonts.width(text, fonts::Style::Regular, 10.0);
    assert!(
        (right - (layout::MARGIN_X + layout::CONTENT_W)).abs() < 0.01,
        "{right}"
    );
    assert_eq!(lines[1], (layout::MARGIN_X, "Ministry of Health", false));
}

#[test]
fn the_structure_has_headings_tables_with_header_cells_and_figures_with_alt_text() {
    let ctx = context();
    let layout = sample_layout(&ctx, &charts());
    let roles: Vec<&layout::Role> = layout.nodes.iter().map(|n| &n.role).collect();
    assert!(matches!(roles[0], layout::Role::Heading { level: 1, text } if *text == ctx.meta.title));
    assert!(
        roles
            .iter()
            .any(|r| matches!(r, layout::Role::Heading { level: 2, text } if text == "Executive summary"))
    );
    assert!(
        roles
            .iter()
            .any(|r| matches!(r, layout::Role::Figure(alt) if alt == "Pillar scores: a test picture."))
    );
    assert!(roles.contains(&&layout::Role::ColumnHeader));
    assert!(
        roles.contains(&&layout::Role::RowHeader),
        "fact tables name their rows"
    );
    // Parents come before their children, and every mark points at a node.
    for (i, node) in layout.nodes.iter().enumerate() {
        assert!(node.parent.is_none_or(|p| p < i));
    }
    let marks: usize = layout.pages.iter().map(|p| p.marks.len()).sum();
    assert!(marks > 1000);
    for page in &layout.pages {
        assert!(page.marks.windows(2).all(|w| w[0].item < w[1].item));
        for mark in &page.marks {
            assert!(mark.node < layout.nodes.len());
            assert!(matches!(
                page.items[mark.item],
                Item::Text { .. } | Item::Image { .. }
            ));
        }
        // The running header and footer are not content.
        for (i, item) in page.items.iter().enumerate() {
            if let Item::Text { y, .. } = item
                && (*y < layout::CONTENT_TOP || *y > layout::CONTENT_BOTTOM)
            {
                assert!(page.marks.iter().all(|m| m.item != i));
            }
        }
    }
    // The table of contents links every entry to its heading.
    let toc_entries = layout.headings.iter().filter(|h| h.level <= 2).count();
    let linked: std::collections::BTreeSet<usize> = layout.links.iter().map(|l| l.entry).collect();
    assert_eq!(linked.len(), toc_entries);
    // Each link leads to the heading its entry names (level-3 headings are not entries).
    let entries: Vec<&layout::HeadingPos> = layout.headings.iter().filter(|h| h.level <= 2).collect();
    for link in &layout.links {
        assert!(matches!(layout.nodes[link.node].role, layout::Role::ContentsEntry(n) if n == link.entry));
        let page = &layout.pages[link.page];
        let drawn: Vec<&str> = page
            .marks
            .iter()
            .filter(|m| m.node == link.node)
            .filter_map(|m| match &page.items[m.item] {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let first_word = entries[link.entry]
            .text
            .split_whitespace()
            .next()
            .unwrap_or_default();
        assert!(
            drawn.first().is_some_and(|t| t.starts_with(first_word)),
            "{drawn:?} → {}",
            entries[link.entry].text
        );
    }
}

#[test]
fn a_repeated_table_header_is_an_artifact() {
    let fonts = Fonts::get().expect("fonts");
    let rows: Vec<Vec<Cell>> = (0..150)
        .map(|i| vec![format!("row {i}").into(), "text".into()])
        .collect();
    let layout = layout(&[name_and_text(rows)], fonts, &[]);
    assert!(layout.pages.len() >= 3);
    let headers = layout
        .nodes
        .iter()
        .filter(|n| n.role == layout::Role::ColumnHeader)
        .count();
    assert_eq!(headers, 2, "one header row in the structure");
    let bodies = layout
        .nodes
        .iter()
        .filter(|n| n.role == layout::Role::Row)
        .count();
    assert_eq!(bodies, 151);
    for page in &layout.pages[1..] {
        let first_text = page
            .items
            .iter()
            .position(|it| matches!(it, Item::Text { text, .. } if text == "Name"))
            .expect("header on every page");
        assert!(page.marks.iter().all(|m| m.item != first_text));
    }
}

#[test]
fn a_missing_character_in_shaped_text_is_reported_and_drawn_as_a_replacement() {
    // Text with Arabic letters, a combining accent or a joiner is shaped; a character no font has
    // in it must not become the font's empty box, which PDF/UA forbids and krilla refuses.
    for text in [
        "مرحبا 中",
        "Cafe\u{301} 中",
        "Kalindra مرحبا 👨\u{200D}💻",
        "x\r\u{301}y",
    ] {
        let mut ctx = context();
        ctx.meta.title = text.to_string();
        let out = render(&ctx, &[]).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        if text.contains('中') {
            assert!(
                out.missing_glyphs.iter().any(|m| m.starts_with("U+4E2D 中")),
                "{:?}",
                out.missing_glyphs
            );
        }
    }
    let fonts = Fonts::get().expect("fonts");
    let replacement =
        fonts.glyph_runs("\u{FFFD}", fonts::Style::Regular, false, &mut Vec::new())[0].glyphs[0].glyph_id;
    let runs = fonts.glyph_runs("مرحبا 中", fonts::Style::Regular, false, &mut Vec::new());
    assert!(
        runs.iter()
            .flat_map(|r| &r.glyphs)
            .all(|g| g.glyph_id.to_u32() != 0)
    );
    assert!(
        runs.iter()
            .flat_map(|r| &r.glyphs)
            .any(|g| g.glyph_id == replacement)
    );
}

#[test]
fn brackets_in_right_to_left_text_are_mirrored() {
    let fonts = Fonts::get().expect("fonts");
    let regular = fonts::Style::Regular;
    let open = fonts.glyph_runs("(", regular, false, &mut Vec::new())[0].glyphs[0].glyph_id;
    let close = fonts.glyph_runs(")", regular, false, &mut Vec::new())[0].glyphs[0].glyph_id;
    // Right to left, the logical ")" ends the text and is drawn first, as "(".
    let runs = fonts.glyph_runs("(ب)", regular, true, &mut Vec::new());
    let glyphs: Vec<_> = runs.iter().flat_map(|r| &r.glyphs).collect();
    assert_eq!(&runs[0].text[glyphs[0].text_range.clone()], ")");
    assert_eq!(glyphs[0].glyph_id, open);
    assert_eq!(glyphs[glyphs.len() - 1].glyph_id, close);
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Characters from every script and kind the PDF meets: Latin with accents, Arabic, Hebrew,
    /// Ethiopic, combining marks, joiners and direction controls, digits and brackets, line ends
    /// and tabs, and characters no embedded font has (CJK, an emoji).
    fn any_char() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'a', 'Z', 'é', ' ', ' ', '-', '(', ')', '[', '1', '9', '.', ',', 'ب', 'ا', 'ل', 'ة', 'ش', 'ي',
            'א', 'ש', 'ዲ', 'ጂ', '\u{301}', '\u{64E}', '\u{200D}', '\u{200C}', '\u{200F}', '\u{202E}',
            '\u{2067}', '\u{2069}', '\r', '\t', '\u{AD}', '中', '🚀', '€', '→', '\u{FEFF}',
        ])
    }

    /// Document information for a written test document.
    fn info() -> write::DocInfo {
        write::DocInfo {
            title: "t".to_string(),
            authors: vec!["a".to_string()],
            subject: String::new(),
            producer: "p".to_string(),
            keywords: Vec::new(),
            date: (2024, 6, 20),
            language: "en".to_string(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any text is measured as it is drawn, drawn without the font's empty box, and laid out
        /// and written into a PDF that krilla's PDF/UA-1 validator accepts.
        #[test]
        fn any_text_is_measured_as_drawn_and_written(chars in prop::collection::vec(any_char(), 0..40), rtl in any::<bool>()) {
            let text: String = chars.into_iter().collect();
            let fonts = Fonts::get().expect("fonts");
            let regular = fonts::Style::Regular;
            let mut missing = Vec::new();
            let runs = fonts.glyph_runs(&text, regular, rtl, &mut missing);
            for run in &runs {
                for glyph in &run.glyphs {
                    prop_assert!(glyph.glyph_id.to_u32() != 0, "the empty box in {text:?}");
                    prop_assert!(run.text.get(glyph.text_range.clone()).is_some(), "a cluster off a character boundary in {text:?}");
                }
            }
            let drawn = runs.last().map_or(0.0, |r| r.x + r.glyphs.iter().map(|g| g.x_advance).sum::<f32>()) * 10.0;
            prop_assert!((fonts.width_in(&text, regular, 10.0, rtl) - drawn).abs() < 1e-3, "{text:?}");

            let blocks = [
                Block::Heading { level: 1, text: text.clone() },
                Block::Para { spans: vec![layout::Span::regular(text.clone())], size: 10.0, color: layout::TEXT },
                name_and_text(vec![vec![text.clone().into(), text.clone().into()]]),
            ];
            let pages = layout(&blocks, fonts, &[]);
            let written = write::write(&pages, fonts, &[], &info());
            prop_assert!(written.is_ok(), "{text:?}: {:?}", written.err());
        }

        /// Any Unicode scalar at all (private use, noncharacters, unassigned, surrogate-free
        /// planes) reaches the PDF: drawn, or drawn as U+FFFD and reported.
        #[test]
        fn any_unicode_text_is_written(text in "(?s).{0,30}") {
            let fonts = Fonts::get().expect("fonts");
            let blocks = [Block::Para { spans: vec![layout::Span::regular(text.clone())], size: 10.0, color: layout::TEXT }];
            let pages = layout(&blocks, fonts, &[]);
            let written = write::write(&pages, fonts, &[], &info());
            prop_assert!(written.is_ok(), "{text:?}: {:?}", written.err());
        }
    }
}
