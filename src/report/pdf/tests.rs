use super::layout::{Block, Cell, Item, Table, layout};
use super::*;
use crate::report::context::{self, SystemView};

fn context() -> ReportContext {
    context::kalindra_2024()
}

/// A `w`×`h` gradient, standing in for a chart.
fn gradient(title: &str, w: u32, h: u32) -> RasterChart {
    let mut rgb = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            rgb.extend([(x * 255 / w) as u8, (y * 255 / h) as u8, 160]);
        }
    }
    RasterChart {
        title: title.to_string(),
        alt: format!("{title}: a test gradient."),
        width: w,
        height: h,
        rgb,
    }
}

fn charts() -> Vec<RasterChart> {
    vec![
        gradient("Pillar scores", 400, 300),
        gradient("Building Blocks × criteria", 600, 400),
        gradient("Largest gaps", 500, 300),
        gradient("Coverage per pillar", 500, 250),
    ]
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
    let first = render(&ctx, &charts).expect("renders");
    assert!(first.bytes.starts_with(b"%PDF"));
    assert!(first.missing_glyphs.is_empty(), "{:?}", first.missing_glyphs);
    let second = render(&ctx, &charts).expect("renders");
    assert!(first.bytes == second.bytes, "two renders differ");
    if let Ok(path) = std::env::var("DPI_ASSESS_PDF_OUT") {
        std::fs::write(path, &first.bytes).expect("writes the PDF");
    }
}

#[test]
fn metadata_uses_the_assessment_date_and_names() {
    let ctx = context();
    let out = render(&ctx, &[]).expect("renders");
    let date = ctx.meta.date.replace('-', "");
    let stamp = format!("D:{date}000000");
    assert!(contains(&out.bytes, stamp.as_bytes()), "no creation date {stamp}");
    assert!(!contains(&out.bytes, b"D:1970"), "a 1970 date is left");
    let entry = |key: &str, value: &str| {
        let hex: String = value.encode_utf16().map(|u| format!("{u:04X}")).collect();
        contains(&out.bytes, format!("/{key}<FEFF{hex}>").as_bytes())
    };
    let producer = format!("dpi-assess {}", ctx.meta.tool_version);
    assert!(entry("Producer", &producer));
    assert!(entry("Creator", &producer));
    assert!(entry("Title", &ctx.meta.title));
    let names: Vec<&str> = ctx.meta.assessors.iter().map(|a| a.name.as_str()).collect();
    assert!(!names.is_empty());
    assert!(entry("Author", &names.join(", ")));
    // No claim of PDF/X conformance, and the fonts carry their names.
    assert!(!contains(&out.bytes, b"GTS_PDFXVersion"));
    assert!(contains(&out.bytes, b"/BaseFont/DejaVuSans"));
}

#[test]
fn without_assessors_the_author_is_the_tool() {
    let mut ctx = context();
    ctx.meta.assessors.clear();
    let out = render(&ctx, &[]).expect("renders");
    let hex: String = "dpi-assess".encode_utf16().map(|u| format!("{u:04X}")).collect();
    assert!(contains(&out.bytes, format!("/Author<FEFF{hex}>").as_bytes()));
}

#[test]
fn the_sample_has_every_section_and_more_than_five_pages() {
    let ctx = context();
    let fonts = Fonts::load().expect("fonts");
    let layout = lay_out(&ctx, &charts(), &fonts);
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
            "Annex A. Method",
            "Annex B. Data quality",
            "Annex C. All answers",
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
fn the_table_of_contents_shows_the_pages_headings_land_on() {
    let ctx = context();
    let fonts = Fonts::load().expect("fonts");
    let layout = lay_out(&ctx, &[], &fonts);
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
    // The entry's number sits right after its title among the TOC's items (leader dots between).
    let at = text
        .iter()
        .position(|t| *t == "Annex C. All answers")
        .expect("TOC entry");
    assert_eq!(text[at + 2], (annex.page + 1).to_string());
}

#[test]
fn uses_only_the_charts_passed() {
    let ctx = context();
    let fonts = Fonts::load().expect("fonts");
    for n in 0..=4 {
        let charts: Vec<RasterChart> = charts().into_iter().take(n).collect();
        let layout = lay_out(&ctx, &charts, &fonts);
        let count = layout
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter(|it| matches!(it, Item::Image { .. }))
            .count();
        assert_eq!(count, n);
        assert!(render(&ctx, &charts).is_ok());
    }
}

#[test]
fn bad_chart_buffers_are_errors_not_panics() {
    let ctx = context();
    let mut chart = gradient("broken", 10, 10);
    chart.rgb.pop();
    assert!(matches!(
        render(&ctx, &[chart]),
        Err(PdfError::Chart { index: 0, .. })
    ));
    let empty = RasterChart {
        width: 0,
        height: 0,
        ..RasterChart::default()
    };
    assert!(matches!(render(&ctx, &[empty]), Err(PdfError::Chart { .. })));
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
    let fonts = Fonts::load().expect("fonts");
    assert_eq!(fonts.face_for('ዲ', fonts::Style::Regular), Some(2));
    assert_eq!(fonts.face_for('—', fonts::Style::Regular), Some(0));
    assert_eq!(fonts.face_for('é', fonts::Style::Bold), Some(1));
    let mut missing = Vec::new();
    let runs = fonts.runs("የኢትዮጵያ ዲጂታል — x", fonts::Style::Regular, &mut missing);
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
    let fonts = Fonts::load().expect("fonts");
    assert_eq!(fonts.face_for('😀', fonts::Style::Regular), Some(0));
    let mut missing = Vec::new();
    let runs = fonts.runs("a🚀b", fonts::Style::Bold, &mut missing);
    assert_eq!(missing, ['🚀']);
    assert_eq!(
        runs.iter().map(|r| r.text.as_str()).collect::<String>(),
        "a\u{FFFD}b"
    );
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
    let fonts = Fonts::load().expect("fonts");
    let layout = lay_out(&ctx, &[], &fonts);
    assert!(all_text(&layout).contains(&format!("Notes {script} end")));
    assert!(render(&ctx, &[]).is_ok());
}

#[test]
fn long_tables_break_across_pages_and_repeat_their_header() {
    let fonts = Fonts::load().expect("fonts");
    let rows: Vec<Vec<Cell>> = (0..150)
        .map(|i| {
            vec![
                format!("row {i}").into(),
                "a somewhat longer cell that wraps onto a second line of the column".into(),
            ]
        })
        .collect();
    let table = Table {
        columns: vec![col("Name", 1.0, Align::Left), col("Text", 1.0, Align::Left)],
        rows,
        size: 8.0,
        header: true,
    };
    let layout = layout(&[Block::Table(table)], &fonts, &[], None);
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
    let fonts = Fonts::load().expect("fonts");
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
    let layout = layout(&[Block::Table(table)], &fonts, &[], None);
    assert!(layout.pages.len() >= 2);
    let slices: Vec<_> = layout.pages.iter().flat_map(|p| &p.tables).collect();
    assert!(slices.iter().all(|s| s.header));
    assert_eq!(slices.iter().map(|s| s.rows).sum::<usize>(), 2);
    let words = all_text(&layout).matches("word").count();
    assert_eq!(words, 3000);
}

#[test]
fn long_words_are_cut_to_fit() {
    let fonts = Fonts::load().expect("fonts");
    let word = "x".repeat(400);
    let layout = layout(
        &[Block::Para {
            spans: vec![layout::Span::regular(word.clone())],
            size: 10.0,
            color: layout::TEXT,
        }],
        &fonts,
        &[],
        None,
    );
    let text = all_text(&layout);
    assert_eq!(text.replace('\n', ""), word);
    assert!(text.lines().count() > 1);
}

#[test]
fn method_markdown_becomes_plain_blocks() {
    let blocks = markdown::blocks(
        "# Title\n\nSome **bold** and `code`.\n\n## Part\n\n1. **One:** first\n   continued\n2. Two\n  - nested *it*\n",
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
    let fonts = Fonts::load().expect("fonts");
    let id = "cross-border-recognition-".repeat(12) + "end";
    let para = Block::Para {
        spans: vec![layout::Span::regular(id.clone())],
        size: 10.0,
        color: layout::TEXT,
    };
    let layout = layout(&[para], &fonts, &[], None);
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
fn right_to_left_text_is_reported_because_the_pdf_cannot_shape_it() {
    let mut ctx = context();
    ctx.meta.notes = Some("وزارة الاتصالات — Ministry of Communications".to_string());
    ctx.meta.country = "ישראל".to_string();
    let out = render(&ctx, &[]).expect("renders");
    // Both scripts are noticed; each text is quoted once however often it is drawn.
    assert!(
        out.right_to_left.iter().any(|t| t.contains("وزارة")),
        "{:?}",
        out.right_to_left
    );
    assert!(
        out.right_to_left.iter().any(|t| t.contains("ישראל")),
        "{:?}",
        out.right_to_left
    );
    let mut sorted = out.right_to_left.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), out.right_to_left.len());
    assert!(out.right_to_left.len() <= 5);
    // Latin, Ethiopic and the samples' text are not flagged.
    let plain = render(&context(), &[]).expect("renders");
    assert!(plain.right_to_left.is_empty(), "{:?}", plain.right_to_left);
    assert!(!super::write::is_right_to_left('ዲ') && !super::write::is_right_to_left('é'));
}
