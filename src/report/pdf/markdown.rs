//! Just enough Markdown for the method annex: headings, paragraphs and (nested, numbered) lists,
//! with `**bold**` kept as bold and other inline marks (`*`, backticks, links) reduced to text.

use super::layout::{Block, ListItem, Span, TEXT};

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

/// A list item marker at the start of `line`: `- `, `* ` or `1. `, returning its label.
fn list_marker(line: &str) -> Option<(Option<String>, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((None, rest));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(". ") {
        return Some((Some(line[..digits + 1].to_string()), &line[digits + 2..]));
    }
    None
}

/// Markdown → blocks. `#` headings are dropped when `skip_title` (the section already has one);
/// `##` become level 2 and deeper ones level 3.
pub fn blocks(markdown: &str, skip_title: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let mut items: Vec<(u8, Option<String>, String)> = Vec::new();
    let flush_para = |para: &mut Vec<String>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::Para {
                spans: inline(&para.join(" ")),
                size: 9.5,
                color: TEXT,
            });
            para.clear();
        }
    };
    let flush_items = |items: &mut Vec<(u8, Option<String>, String)>, out: &mut Vec<Block>| {
        if !items.is_empty() {
            let items = items
                .drain(..)
                .map(|(depth, marker, text)| ListItem {
                    depth,
                    marker,
                    spans: inline(&text),
                })
                .collect();
            out.push(Block::Bullets { items, size: 9.5 });
        }
    };
    let mut in_code = false;
    for raw in markdown.lines() {
        if raw.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let line = raw.trim();
        if in_code {
            flush_items(&mut items, &mut out);
            para.push(line.to_string());
            continue;
        }
        if line.is_empty() {
            flush_para(&mut para, &mut out);
            flush_items(&mut items, &mut out);
            continue;
        }
        if let Some(hashes) = line
            .split(' ')
            .next()
            .filter(|h| !h.is_empty() && h.chars().all(|c| c == '#'))
        {
            flush_para(&mut para, &mut out);
            flush_items(&mut items, &mut out);
            let text = line[hashes.len()..].trim();
            match hashes.len() {
                1 if skip_title => {}
                1 | 2 => out.push(Block::Heading {
                    level: 2,
                    text: strip(text),
                }),
                _ => out.push(Block::Heading {
                    level: 3,
                    text: strip(text),
                }),
            }
            continue;
        }
        if let Some((label, rest)) = list_marker(line) {
            flush_para(&mut para, &mut out);
            let depth = (indent / 2).min(3) as u8;
            items.push((depth, label, rest.to_string()));
            continue;
        }
        match items.last_mut() {
            Some((_, _, text)) if indent > 0 => {
                text.push(' ');
                text.push_str(line);
            }
            _ => {
                flush_items(&mut items, &mut out);
                para.push(line.to_string());
            }
        }
    }
    flush_para(&mut para, &mut out);
    flush_items(&mut items, &mut out);
    out
}

/// Plain text of an inline fragment.
pub fn strip(text: &str) -> String {
    inline(text).into_iter().map(|s| s.text).collect()
}
