//! The method annex's Markdown as PDF blocks: headings, paragraphs and (nested, numbered) lists
//! from [`prose`] (pulldown-cmark), with strong text kept bold and other marks (emphasis, code,
//! links) reduced to text; and [`strip`], the plain text of one inline fragment.

use super::fonts::Style;
use super::layout::{Block, ListItem, Span, TEXT};
use crate::report::prose::{self, Inline, Prose};

/// Inline text → spans: `**bold**` is bold; `*`, `` ` `` are dropped; `[text](url)` becomes
/// `text (url)`.
pub fn inline(text: &str) -> Vec<Span> {
    let text = links(text);
    let mut spans: Vec<Span> = Vec::new();
    for (i, part) in text.split("**").enumerate() {
        let clean: String = part.chars().filter(|&c| c != '`' && c != '*').collect();
        if clean.is_empty() {
            continue;
        }
        spans.push(if i % 2 == 1 {
            Span::bold(clean)
        } else {
            Span::regular(clean)
        });
    }
    spans
}

fn links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let Some(end) = after[close + 2..].find(')') else {
            break;
        };
        let label = &after[..close];
        let url = &after[close + 2..close + 2 + end];
        out.push_str(&rest[..open]);
        out.push_str(label);
        if !url.starts_with('#') {
            out.push_str(&format!(" ({url})"));
        }
        rest = &after[close + 2 + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Markdown → blocks, read by [`prose::parse`]. `#` headings are dropped when `skip_title` (the
/// section already has one); `##` become level 2 and deeper ones level 3. Lists become bullets
/// with their depth and their number (`3.`); a code block becomes a paragraph of its lines.
pub fn blocks(markdown: &str, skip_title: bool) -> Vec<Block> {
    let mut out = Vec::new();
    for block in prose::parse(markdown) {
        match block {
            Prose::Heading { level: 1, .. } if skip_title => {}
            Prose::Heading { level, text } => out.push(Block::Heading {
                level: if level <= 2 { 2 } else { 3 },
                text: text.into_iter().map(|r| r.text).collect(),
            }),
            Prose::Paragraph(runs) => out.push(paragraph(spans(&runs))),
            Prose::Code(code) => out.push(paragraph(vec![Span::regular(code.replace('\n', " "))])),
            Prose::List { start, items, .. } => {
                let mut bullets = Vec::new();
                list_items(start, &items, 0, &mut bullets);
                out.push(Block::Bullets {
                    items: bullets,
                    size: 9.5,
                });
            }
        }
    }
    out
}

fn paragraph(spans: Vec<Span>) -> Block {
    Block::Para {
        spans,
        size: 9.5,
        color: TEXT,
    }
}

/// Each item as a bullet at `depth` with the item's first text, then its nested lists one level
/// deeper, in order; text after a nested list continues the item without a marker of its own.
fn list_items(start: Option<u64>, items: &[Vec<Prose>], depth: u8, out: &mut Vec<ListItem>) {
    for (n, item) in items.iter().enumerate() {
        let mut marker = Some(start.map(|first| format!("{}.", first + n as u64)));
        let mut text: Vec<Span> = Vec::new();
        let flush = |text: &mut Vec<Span>, marker: &mut Option<Option<String>>, out: &mut Vec<ListItem>| {
            if text.is_empty() && marker.is_none() {
                return;
            }
            out.push(ListItem {
                depth,
                // The item's own marker the first time; a blank one for text after a nested list.
                marker: marker.take().unwrap_or(Some(String::new())),
                spans: std::mem::take(text),
            });
        };
        for block in item {
            match block {
                Prose::Paragraph(runs) | Prose::Heading { text: runs, .. } => {
                    if !text.is_empty() {
                        text.push(Span::regular(" "));
                    }
                    text.extend(spans(runs));
                }
                Prose::Code(code) => text.push(Span::regular(code.replace('\n', " "))),
                Prose::List { start, items, .. } => {
                    flush(&mut text, &mut marker, out);
                    list_items(*start, items, (depth + 1).min(3), out);
                }
            }
        }
        flush(&mut text, &mut marker, out);
    }
}

/// Runs → spans: strong is bold; emphasis and code are plain text; a link outside the report
/// shows its target after its text.
fn spans(runs: &[Inline]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut runs = runs.iter().peekable();
    while let Some(run) = runs.next() {
        let mut text = run.text.clone();
        if let Some(url) = &run.link
            && !url.starts_with('#')
            && runs.peek().is_none_or(|next| next.link.as_ref() != Some(url))
        {
            text.push_str(&format!(" ({url})"));
        }
        let style = if run.strong { Style::Bold } else { Style::Regular };
        match out.last_mut() {
            Some(last) if last.style == style => last.text.push_str(&text),
            _ => out.push(Span { text, style }),
        }
    }
    out
}

/// Plain text of an inline fragment.
pub fn strip(text: &str) -> String {
    inline(text).into_iter().map(|s| s.text).collect()
}
