//! Texts of a YAML definition file (assessment.yaml, a framework or a questionnaire given as a
//! path) longer than a spreadsheet cell can hold.
//!
//! In: a [`Source`]. Out: one `text-too-long` error for each string (key or value) over
//! [`MAX_CELL_TEXT`], at the line and column where it starts when it can be found in the text, else
//! at the file. Pure: no I/O. Not here: the meaning of any field (see `raw`, `validate`).
//!
//! Why at load: every text of these files can reach the report's workbook (a note, a title, an
//! indicator's descriptor), where Excel and LibreOffice hold at most 32,767 characters a cell.
//! Found here, `validate` reports it with its line, instead of `report` failing at its last format.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::Source;
use crate::diagnostics::{Code, Diagnostic, Location, excerpt, grouped};
use crate::model::{MAX_CELL_TEXT, spreadsheet_length};

/// A `text-too-long` error for every string of `source` over [`MAX_CELL_TEXT`]. A file that does not
/// parse gives none here: its parse error is reported where the file is read.
pub fn long_texts(source: &Source) -> Vec<Diagnostic> {
    // A string is never longer in UTF-16 units than in UTF-8 bytes, so a short file holds none.
    if source.text.len() <= MAX_CELL_TEXT {
        return Vec::new();
    }
    let Ok(Strings(strings)) = serde_saphyr::from_str::<Strings>(&source.text) else {
        return Vec::new();
    };
    strings
        .into_iter()
        .filter_map(|text| {
            let length = spreadsheet_length(&text);
            (length > MAX_CELL_TEXT).then(|| too_long(source, &text, length))
        })
        .collect()
}

fn too_long(source: &Source, text: &str, length: usize) -> Diagnostic {
    let (line, column) = position(&source.text, text).unwrap_or((0, 0));
    Diagnostic::error(
        Code::TextTooLong,
        Location::text(&source.name, line, column),
        format!(
            "the text is {} characters long, more than the {} a spreadsheet cell (and the report's workbook) can hold; it begins \"{}\"",
            grouped(length),
            grouped(MAX_CELL_TEXT),
            excerpt(text)
        ),
    )
    .with_hint("shorten it, or keep the long text in a document and refer to it here")
}

/// Where `text` starts in `yaml`, 1-based, by its first line: a plain, quoted or block scalar keeps
/// its first line as written unless it holds escapes, in which case the file is the location.
fn position(yaml: &str, text: &str) -> Option<(u32, u32)> {
    let first_line = text.lines().next()?.trim();
    let probe: String = first_line.chars().take(40).collect();
    if probe.is_empty() {
        return None;
    }
    let at = yaml.find(&probe)?;
    let before = &yaml[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = yaml[line_start..at].chars().count() + 1;
    Some((u32::try_from(line).ok()?, u32::try_from(column).ok()?))
}

/// Every string of a YAML document, keys included, whatever its shape.
struct Strings(Vec<String>);

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StringsVisitor)
    }
}

struct StringsVisitor;

impl<'de> Visitor<'de> for StringsVisitor {
    type Value = Strings;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Strings, E> {
        Ok(Strings(vec![v.to_string()]))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Strings, E> {
        Ok(Strings(vec![v]))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Strings, E> {
        Ok(Strings(Vec::new()))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Strings, E> {
        Ok(Strings(Vec::new()))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Strings, E> {
        Ok(Strings(Vec::new()))
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Strings, E> {
        Ok(Strings(Vec::new()))
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Strings, E> {
        Ok(Strings(Vec::new()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Strings, E> {
        Ok(Strings(Vec::new()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Strings, E> {
        Ok(Strings(Vec::new()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Strings, E> {
        Ok(Strings(Vec::new()))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Strings, D::Error> {
        Strings::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strings, A::Error> {
        let mut all = Vec::new();
        while let Some(Strings(item)) = seq.next_element()? {
            all.extend(item);
        }
        Ok(Strings(all))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strings, A::Error> {
        let mut all = Vec::new();
        while let Some((Strings(key), Strings(value))) = map.next_entry()? {
            all.extend(key);
            all.extend(value);
        }
        Ok(Strings(all))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: String) -> Source {
        Source {
            name: "assessment.yaml".to_string(),
            text,
        }
    }

    #[test]
    fn a_long_note_is_found_at_its_line_and_column() {
        let long = format!("Scope {}", "x".repeat(MAX_CELL_TEXT));
        let found = long_texts(&source(format!("country: Testland\nnotes: {long}\n")));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::TextTooLong);
        assert_eq!(found[0].location, Location::text("assessment.yaml", 2, 8));
        assert!(found[0].message.starts_with("the text is 32,773 characters long"));
    }

    #[test]
    fn texts_at_the_limit_and_every_shape_are_walked() {
        let at_limit = "a".repeat(MAX_CELL_TEXT);
        let over = "b".repeat(MAX_CELL_TEXT + 1);
        let text =
            format!("title: {at_limit}\nlist: [1, true, ~]\nnested:\n  - key: {over}\n    other: 2.5\n");
        let found = long_texts(&source(text));
        assert_eq!(found.len(), 1, "only the string over the limit: {found:?}");
        assert_eq!(found[0].location, Location::text("assessment.yaml", 4, 10));
    }

    #[test]
    fn a_block_scalar_counts_as_folded_and_is_located_by_its_first_line() {
        let lines: Vec<String> = (0..700)
            .map(|i| format!("  line {i:04} {}", "z".repeat(40)))
            .collect();
        let text = format!("notes: >-\n{}\n", lines.join("\n"));
        let found = long_texts(&source(text));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location, Location::text("assessment.yaml", 2, 3));
    }

    #[test]
    fn characters_outside_the_basic_plane_count_twice() {
        // 16,384 emoji are 32,768 UTF-16 units: one over.
        let text = format!("notes: \"{}\"\n", "😀".repeat(16_384));
        assert_eq!(long_texts(&source(text)).len(), 1);
    }
}
