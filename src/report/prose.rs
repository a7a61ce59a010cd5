//! Markdown prose, read once by pulldown-cmark into blocks that the HTML and PDF views draw.
//!
//! In: Markdown text — the method annex (`docs/method.md`, the scoring contract), a formula or a
//! note written with inline marks. Out: [`Prose`] blocks (headings, paragraphs, lists, code) of
//! [`Inline`] runs that say which text is strong, emphasised, code or a link. Not here: markup
//! or escaping (each view writes its own: `html::prose_html`, `pdf::markdown`), and no raw HTML
//! ever passes: an HTML tag in the Markdown is kept as the text it is.
//!
//! Why pulldown-cmark rather than our own reader: CommonMark's rules for lists, emphasis and
//! code are subtle (a `*` in a formula, a list item continued after a blank line), and the HTML
//! and the PDF each had a reader of their own that drifted apart; one well-kept parser now decides
//! for both, and the Markdown report prints the same source as it is.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A run of text with its marks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inline {
    /// The text, as it reads.
    pub text: String,
    /// `**strong**`.
    pub strong: bool,
    /// `*emphasis*`.
    pub emphasis: bool,
    /// `` `code` ``.
    pub code: bool,
    /// The target of a link around it.
    pub link: Option<String>,
}

/// A block of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prose {
    /// `#` … `######`, level 1 to 6.
    Heading {
        /// Level in the source.
        level: u8,
        /// Its text.
        text: Vec<Inline>,
    },
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A list; each item is blocks of its own (its text is a paragraph, nested lists follow).
    List {
        /// The first number of a numbered list; `None` for bullets.
        start: Option<u64>,
        /// Whether items are tight (no blank line between them): drawn without paragraph space.
        tight: bool,
        /// The items.
        items: Vec<Vec<Prose>>,
    },
    /// A fenced or indented code block, its lines as they are.
    Code(String),
}

/// The blocks of `markdown`.
pub fn parse(markdown: &str) -> Vec<Prose> {
    let mut reader = Reader {
        stack: vec![Vec::new()],
        ..Reader::default()
    };
    for event in Parser::new_ext(markdown, Options::empty()) {
        reader.event(event);
    }
    reader.finish()
}

/// The text of Markdown without its marks (`**One:** first` → `One: first`), blocks joined by
/// spaces.
pub fn plain(markdown: &str) -> String {
    let mut out = String::new();
    plain_into(&parse(markdown), &mut out);
    out
}

fn plain_into(blocks: &[Prose], out: &mut String) {
    for block in blocks {
        let mut push = |text: &str| {
            if !out.is_empty() && !text.is_empty() {
                out.push(' ');
            }
            out.push_str(text);
        };
        match block {
            Prose::Heading { text, .. } | Prose::Paragraph(text) => {
                push(&text.iter().map(|r| r.text.as_str()).collect::<String>());
            }
            Prose::Code(code) => push(code),
            Prose::List { items, .. } => items.iter().for_each(|item| plain_into(item, out)),
        }
    }
}

/// Where the reader is: the blocks of each open container, innermost last.
#[derive(Default)]
struct Reader {
    /// Open containers: the document (never closed before [`Reader::finish`]), then each list
    /// item.
    stack: Vec<Vec<Prose>>,
    /// Open lists: start number, tightness and the items closed so far.
    lists: Vec<(Option<u64>, bool, Vec<Vec<Prose>>)>,
    /// Inline runs of the paragraph or heading being read (tight list items have none).
    runs: Vec<Inline>,
    /// Open marks.
    strong: usize,
    emphasis: usize,
    link: Vec<String>,
    /// A code block being read.
    code: Option<String>,
}

impl Reader {
    /// The blocks of the innermost open container (the document is always open).
    fn blocks(&mut self) -> &mut Vec<Prose> {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn text(&mut self, text: &str, code: bool) {
        if let Some(block) = self.code.as_mut() {
            block.push_str(text);
            return;
        }
        let run = Inline {
            text: text.to_string(),
            strong: self.strong > 0,
            emphasis: self.emphasis > 0,
            code,
            link: self.link.last().cloned(),
        };
        // Runs with the same marks join, so a sentence is one run however the parser cut it.
        match self.runs.last_mut() {
            Some(last)
                if (last.strong, last.emphasis, last.code, &last.link)
                    == (run.strong, run.emphasis, run.code, &run.link) =>
            {
                last.text.push_str(&run.text);
            }
            _ => self.runs.push(run),
        }
    }

    /// The runs read so far as a paragraph: a tight list item's text, or text before a nested
    /// list.
    fn flush_runs(&mut self) {
        if !self.runs.is_empty() {
            let runs = std::mem::take(&mut self.runs);
            self.blocks().push(Prose::Paragraph(runs));
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(Tag::Paragraph) => {
                self.flush_runs();
                // Paragraph events inside an item are what make a list loose in CommonMark.
                if self.stack.len() > 1
                    && let Some(list) = self.lists.last_mut()
                {
                    list.1 = false;
                }
            }
            Event::End(TagEnd::Paragraph) => self.flush_runs(),
            Event::Start(Tag::Heading { .. }) => self.flush_runs(),
            Event::End(TagEnd::Heading(level)) => {
                let text = std::mem::take(&mut self.runs);
                self.blocks().push(Prose::Heading {
                    level: level as u8,
                    text,
                });
            }
            Event::Start(Tag::List(start)) => {
                self.flush_runs();
                self.lists.push((start, true, Vec::new()));
            }
            Event::End(TagEnd::List(_)) => {
                if let Some((start, tight, items)) = self.lists.pop() {
                    self.blocks().push(Prose::List { start, tight, items });
                }
            }
            Event::Start(Tag::Item) => {
                self.flush_runs();
                self.stack.push(Vec::new());
            }
            Event::End(TagEnd::Item) => {
                self.flush_runs();
                // The document itself is never popped: events are balanced, and if they were
                // not, an empty item is better than a lost document.
                let item = if self.stack.len() > 1 {
                    self.stack.pop().unwrap_or_default()
                } else {
                    Vec::new()
                };
                if let Some(list) = self.lists.last_mut() {
                    list.2.push(item);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.flush_runs();
                self.code = Some(String::new());
            }
            Event::End(TagEnd::CodeBlock) => {
                let code = self.code.take().unwrap_or_default();
                self.blocks()
                    .push(Prose::Code(code.trim_end_matches('\n').to_string()));
            }
            Event::Start(Tag::Strong) => self.strong += 1,
            Event::End(TagEnd::Strong) => self.strong = self.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => self.emphasis += 1,
            Event::End(TagEnd::Emphasis) => self.emphasis = self.emphasis.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => self.link.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                self.link.pop();
            }
            Event::Text(text) => self.text(&text, false),
            Event::Code(text) => self.text(&text, true),
            // Raw HTML is text here: the annex shows what the source says, never markup from it.
            Event::Html(text) | Event::InlineHtml(text) => self.text(&text, false),
            Event::SoftBreak | Event::HardBreak => self.text(" ", false),
            // Images, rules, footnotes, tables and the rest are not in the subset the reports use;
            // an image or footnote keeps its text through the Text events inside it.
            _ => {}
        }
    }

    fn finish(mut self) -> Vec<Prose> {
        self.flush_runs();
        while self.stack.len() > 1 {
            let inner = self.stack.pop().unwrap_or_default();
            self.blocks().extend(inner);
        }
        self.stack.pop().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Inline {
        Inline {
            text: text.to_string(),
            ..Inline::default()
        }
    }

    #[test]
    fn headings_paragraphs_lists_and_marks() {
        let blocks = parse(
            "# Title\n\nSome **bold** and *it* and `co<de>`.\n<b>x</b> & y\n\n1. **One** first\n   more\n2. Two\n\n- a\n  - nested\n- b\n",
        );
        assert_eq!(
            blocks[0],
            Prose::Heading {
                level: 1,
                text: vec![run("Title")]
            }
        );
        let Prose::Paragraph(runs) = &blocks[1] else {
            panic!("{:?}", blocks[1])
        };
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text, "Some bold and it and co<de>. <b>x</b> & y");
        assert!(runs.iter().any(|r| r.strong && r.text == "bold"));
        assert!(runs.iter().any(|r| r.emphasis && r.text == "it"));
        assert!(runs.iter().any(|r| r.code && r.text == "co<de>"));
        let Prose::List { start, tight, items } = &blocks[2] else {
            panic!("{:?}", blocks[2])
        };
        assert_eq!((*start, *tight, items.len()), (Some(1), true, 2));
        assert_eq!(plain("**One** first\nmore"), "One first more");
        let Prose::List {
            start: None, items, ..
        } = &blocks[3]
        else {
            panic!("{:?}", blocks[3])
        };
        assert!(matches!(&items[0][1], Prose::List { items, .. } if items.len() == 1));
    }

    #[test]
    fn a_star_in_a_formula_is_text_and_links_keep_their_target() {
        assert_eq!(plain("gap × 2 * weight"), "gap × 2 * weight");
        let blocks = parse("See [the method](#annex-method).");
        let Prose::Paragraph(runs) = &blocks[0] else {
            panic!()
        };
        assert_eq!(runs[1].link.as_deref(), Some("#annex-method"));
    }

    #[test]
    fn the_method_annex_reads_without_marks_left_over() {
        let blocks = parse(crate::report::context::METHOD);
        let text = format!("{blocks:?}");
        assert!(!text.contains("**"), "bold marks left in the text");
        assert!(blocks.iter().any(|b| matches!(b, Prose::List { .. })));
        assert!(blocks.len() > 20);
    }
}
