//! serde-saphyr's errors, said in plain words.
//!
//! In: a YAML text that failed to parse into one of the `raw` types, and the error. Out: one
//! [`Diagnostic`] at `file:line:col` that names the key, the value as written and what is allowed
//! there: "target for `identity` is `high`, not a level: levels run 0..4", never "invalid u8".
//! Not here: checks on values that did parse (ranges, cross-references); `validate` and
//! `workspace` make those, and collect every problem rather than the first.
//!
//! serde's errors know types (`u8`, `struct RawAssessor`) but not keys. So the text is read a
//! second time, without types, into a tree of positioned nodes, and the failing position is found
//! in it: that gives the key path and the value. What a key allows comes from its name (a
//! `target` is a level) or, failing that, from the type serde wanted, in words.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Error;

use super::raw::Located;
use super::{Source, did_you_mean};
use crate::diagnostics::{Code, Diagnostic, Location};

/// The diagnostic for a failed parse of `source`.
pub fn translate(err: &Error, source: &Source) -> Diagnostic {
    let err = innermost(err);
    let (line, column) = err
        .location()
        .map(|l| {
            (
                u32::try_from(l.line()).unwrap_or(0),
                u32::try_from(l.column()).unwrap_or(0),
            )
        })
        .unwrap_or((0, 0));
    let tree = serde_saphyr::from_str::<Located<Node>>(&source.text).ok();
    let mut walk = match &tree {
        Some(tree) => Walk::to(tree, (line, column)),
        // Malformed further down: the key in front of the value on its line is the best guess.
        None => Walk {
            path: key_before(&source.text, line, column)
                .map(Step::Key)
                .into_iter()
                .collect(),
            ..Walk::default()
        },
    };
    walk.written = err
        .location()
        .and_then(|l| {
            let start = usize::try_from(l.span().byte_offset()?).ok()?;
            let len = usize::try_from(l.span().byte_len()?).ok()?;
            source.text.get(start..start + len)
        })
        .unwrap_or_default()
        .to_string();
    let said = explain(err, &walk);
    let (line, column) = said.at.unwrap_or((line, column));
    let diagnostic = Diagnostic::error(
        said.code,
        Location::text(&source.name, line, column),
        plain(&said.message),
    );
    match said.hint {
        Some(hint) => diagnostic.with_hint(plain(&hint)),
        None => diagnostic,
    }
}

/// The key written before `line`:`column` on the same line (`key: value`, `{ key: value }`).
fn key_before(text: &str, line: u32, column: u32) -> Option<String> {
    let row = text.lines().nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let before: String = row
        .chars()
        .take(usize::try_from(column).ok()?.saturating_sub(1))
        .collect();
    let colon = before.trim_end().strip_suffix(':')?;
    let key = colon
        .rsplit(['{', ',', ' ', '-'])
        .next()?
        .trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty()).then(|| key.to_string())
}

/// The error itself, without the snippet and alias wrappers serde-saphyr may put around it.
fn innermost(mut err: &Error) -> &Error {
    loop {
        match err {
            Error::WithSnippet { error, .. } | Error::AliasError { error, .. } => err = error,
            other => return other,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The untyped tree
// ---------------------------------------------------------------------------------------------

/// A YAML node without types: what serde-saphyr can always read when the document is well formed.
#[derive(Debug)]
enum Node {
    Map(Vec<(Located<Node>, Located<Node>)>),
    Seq(Vec<Located<Node>>),
    Scalar(String),
    Null,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;

        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Node, E> {
                Ok(Node::Scalar(String::from_utf8_lossy(v).into_owned()))
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    let value = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(Node::Map(entries))
            }
        }

        deserializer.deserialize_any(NodeVisitor)
    }
}

/// A step from a node to one of its children.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    /// The index in its list, and the item's `id` (or `code`, or `name`) when it has one.
    Item(usize, Option<String>),
}

/// One node passed on the way down to the failing position.
#[derive(Debug, Clone, Copy)]
struct Stop<'a> {
    /// How many steps of [`Walk::path`] lead to it.
    depth: usize,
    node: &'a Node,
    at: (u32, u32),
}

/// The way from the top of the document down to the failing position.
#[derive(Debug, Default)]
struct Walk<'a> {
    path: Vec<Step>,
    stops: Vec<Stop<'a>>,
    /// The position is that of a mapping key (the last step), not of a value.
    at_key: bool,
    /// The text the error's span covers, for when the tree could not be read.
    written: String,
}

fn position<T>(located: &Located<T>) -> (u32, u32) {
    (located.line, located.column)
}

impl<'a> Walk<'a> {
    /// Goes down from `tree` through the last child that starts at or before `target`.
    fn to(tree: &'a Located<Node>, target: (u32, u32)) -> Walk<'a> {
        let mut walk = Walk {
            stops: vec![Stop {
                depth: 0,
                node: &tree.value,
                at: position(tree),
            }],
            ..Walk::default()
        };
        let mut node = &tree.value;
        loop {
            match node {
                Node::Map(entries) => {
                    let Some((key, value)) = entries.iter().rev().find(|(k, _)| position(k) <= target) else {
                        return walk;
                    };
                    walk.path.push(Step::Key(scalar_text(&key.value)));
                    if position(key) == target {
                        walk.at_key = true;
                        walk.stops.push(Stop {
                            depth: walk.path.len(),
                            node: &key.value,
                            at: position(key),
                        });
                        return walk;
                    }
                    walk.stops.push(Stop {
                        depth: walk.path.len(),
                        node: &value.value,
                        at: position(value),
                    });
                    node = &value.value;
                }
                Node::Seq(items) => {
                    let Some((index, item)) = items
                        .iter()
                        .enumerate()
                        .rev()
                        .find(|(_, i)| position(i) <= target)
                    else {
                        return walk;
                    };
                    walk.path.push(Step::Item(index, label(&item.value)));
                    walk.stops.push(Stop {
                        depth: walk.path.len(),
                        node: &item.value,
                        at: position(item),
                    });
                    node = &item.value;
                }
                Node::Scalar(_) | Node::Null => return walk,
            }
        }
    }

    fn deepest(&self) -> Option<Stop<'a>> {
        self.stops.last().copied()
    }

    /// The outermost node that starts exactly at `target`: for "expected a list" at the first key
    /// of a mapping, the mapping rather than its key.
    fn outermost_at(&self, target: (u32, u32)) -> Option<Stop<'a>> {
        self.stops
            .iter()
            .find(|s| s.at == target)
            .copied()
            .or(self.deepest())
    }

    /// The innermost mapping on the way: where a key is missing or unknown.
    fn mapping(&self) -> Option<Stop<'a>> {
        self.stops
            .iter()
            .rev()
            .find(|s| matches!(s.node, Node::Map(_)))
            .copied()
    }
}

/// What names a list item in the file: its `id`, `code` or `name`.
fn label(node: &Node) -> Option<String> {
    let Node::Map(entries) = node else {
        return None;
    };
    ["id", "code", "name"].iter().find_map(|wanted| {
        entries
            .iter()
            .find_map(|(key, value)| match (&key.value, &value.value) {
                (Node::Scalar(k), Node::Scalar(v)) if k == wanted && !v.trim().is_empty() => {
                    Some(v.trim().to_string())
                }
                _ => None,
            })
    })
}

fn scalar_text(node: &Node) -> String {
    match node {
        Node::Scalar(text) => text.clone(),
        Node::Null => String::new(),
        Node::Map(_) => "{…}".to_string(),
        Node::Seq(_) => "[…]".to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Saying it
// ---------------------------------------------------------------------------------------------

/// What to report.
struct Said {
    code: Code,
    message: String,
    hint: Option<String>,
    /// A better position than the error's (the mapping a key is missing from).
    at: Option<(u32, u32)>,
}

impl Said {
    fn new(message: String, hint: Option<String>) -> Said {
        Said {
            code: Code::YamlSyntax,
            message,
            hint,
            at: None,
        }
    }
}

/// Maps whose keys are ids chosen by the author, with what one entry is called.
fn entry_noun(map: &str, grandparent: Option<&str>) -> Option<&'static str> {
    Some(match map {
        "targets" => "target for",
        "weights" => "weight for",
        "capacity" => "capacity for",
        "roles" => "institution for role",
        "levels" if grandparent == Some("requires") => "level required of",
        "levels" => "descriptor of level",
        "status_levels" => "level for status",
        "exchange_levels" => "level for exchange mode",
        "standards_ceiling" => "ceiling for exchange mode",
        "layer_claim" => "claim for status",
        "criteria_not_applicable" => "reason for criterion",
        // The sections of a mapping file (at the top level only; see `subject`).
        "answers" | "systems" | "services" => "header for column",
        _ => return None,
    })
}

fn key_at(path: &[Step], index: usize) -> Option<&str> {
    match path.get(index) {
        Some(Step::Key(key)) => Some(key),
        _ => None,
    }
}

/// How a message names the value at `path`: "target for `identity`", "`effort_months`",
/// "item 2 of `questionnaires`", or "the file" for the whole document.
fn subject(path: &[Step]) -> String {
    let n = path.len();
    match path.last() {
        None => "the file".to_string(),
        Some(Step::Item(index, label)) => {
            let item = match label {
                Some(label) => format!("item `{}`", quoted(label)),
                None => format!("item {}", index + 1),
            };
            match n.checked_sub(2).and_then(|i| key_at(path, i)) {
                Some(list) => format!("{item} of `{list}`"),
                None => item,
            }
        }
        Some(Step::Key(key)) => {
            let parent = n.checked_sub(2).and_then(|i| key_at(path, i));
            let grandparent = n.checked_sub(3).and_then(|i| key_at(path, i));
            let mapping_section = matches!(parent, Some("answers" | "systems" | "services"));
            match parent.and_then(|p| entry_noun(p, grandparent)) {
                Some(_) if mapping_section && n != 2 => format!("`{key}`"),
                Some(noun) => format!("{noun} `{key}`"),
                None => format!("`{key}`"),
            }
        }
    }
}

/// What a key allows, when its name says more than its type: the message's "not …" part, the
/// hint, and whether a number outside the range is a level out of range.
struct Allowed {
    expected: String,
    hint: String,
    level: bool,
}

fn allowed(path: &[Step], at_key: bool) -> Option<Allowed> {
    let n = path.len();
    let last = key_at(path, n.wrapping_sub(1));
    let parent = n.checked_sub(2).and_then(|i| key_at(path, i));
    let grandparent = n.checked_sub(3).and_then(|i| key_at(path, i));
    let level = || Allowed {
        expected: "a level: levels run 0..4".into(),
        hint: "write a whole number 0, 1, 2, 3 or 4".into(),
        level: true,
    };
    let make = |expected: &str, hint: &str| Allowed {
        expected: expected.into(),
        hint: hint.into(),
        level: false,
    };
    if at_key {
        // The keys of `levels` are the levels themselves.
        return (parent == Some("levels") && grandparent != Some("requires")).then(level);
    }
    if matches!(path.last(), Some(Step::Item(..))) {
        return match parent {
            Some("thresholds" | "bands") => Some(make(
                "a number",
                "write four numbers such as [50, 70, 85, 95], without units or `%`",
            )),
            _ => None,
        };
    }
    let in_map = |name: &str| parent == Some(name);
    if in_map("targets")
        || in_map("status_levels")
        || in_map("exchange_levels")
        || in_map("standards_ceiling")
        || (in_map("levels") && grandparent == Some("requires"))
        || matches!(
            last,
            Some("target" | "level" | "to_level" | "below_level" | "evidence_cap_level" | "module_max_level")
        )
    {
        return Some(level());
    }
    if in_map("capacity") {
        return Some(make(
            "a whole number of actions, 1 or more",
            "capacity is how many roadmap actions the role runs at once, e.g. 3",
        ));
    }
    if in_map("weights") || last == Some("weight") {
        return Some(make(
            "a number greater than 0",
            "write a positive number such as 1 or 1.5, without quotes",
        ));
    }
    Some(match last? {
        "effort_months" => make(
            "a whole number of months from 1 to 60",
            "write the duration in months, e.g. 6",
        ),
        "dispute_spread" | "standards_bonus" | "max_spread" => make(
            "a number of levels from 0 to 4",
            "write a whole number of levels, e.g. 2",
        ),
        "max_score" => make(
            "a score from 0 to 100",
            "write a number from 0 to 100, without `%`",
        ),
        "min_coverage" | "advanced_min_coverage" => {
            make("a share from 0 to 1", "write a share such as 0.5 for half")
        }
        "min" => make("a whole number, 0 or more", "write a count such as 3"),
        "points" => make("a number", "write a number such as 1 or 0.5"),
        _ => return None,
    })
}

/// A Rust type, as serde names it, in words.
fn kind_in_words(ty: &str) -> &'static str {
    let ty = ty.trim().trim_start_matches("a ").trim_start_matches("an ");
    match ty {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "integer" => "a whole number",
        "f32" | "f64" | "floating point" | "float" => "a number",
        "bool" | "boolean" => "true or false",
        "char" | "character" => "a single character",
        "string" | "str" | "String" | "string scalar" | "borrowed string" => "text",
        "sequence" | "seq" | "sequence start" | "sequence of 0..=255" | "tuple" => "a list",
        "map" | "mapping" | "mapping start" => "a mapping of `key: value` lines",
        t if t.starts_with("struct ") => "a mapping of `key: value` lines",
        t if t.starts_with("sequence") || t.starts_with("a sequence") || t.starts_with("tuple") => "a list",
        t if t.starts_with("map") => "a mapping of `key: value` lines",
        t if t.starts_with("enum ") || t.starts_with("variant") => "one of the allowed values",
        _ => "a value of another kind",
    }
}

/// What a node is, for "… is a list, not text".
fn found_in_words(node: Option<&Node>, value: &str) -> String {
    match node {
        Some(Node::Map(_)) => "a mapping of keys".to_string(),
        Some(Node::Seq(_)) => "a list".to_string(),
        Some(Node::Null) => "empty".to_string(),
        _ if value.trim().is_empty() => "empty".to_string(),
        _ => format!("`{}`", quoted(value)),
    }
}

/// A value as quoted in a message: its first line, at most 60 characters.
fn quoted(value: &str) -> String {
    let value = value.trim();
    let first = value.lines().next().unwrap_or_default().trim_end();
    if first.chars().count() > 60 {
        let cut: String = first.chars().take(59).collect();
        format!("{cut}…")
    } else if first.len() < value.len() {
        format!("{first}…")
    } else {
        first.to_string()
    }
}

fn shape_hint(expected: &str, key: Option<&str>) -> Option<String> {
    let key = key.map(|k| format!("`{k}:`")).unwrap_or_else(|| "the key".into());
    if expected == "a list" {
        Some(format!(
            "write a list: `[a, b]` after {key}, or one `- item` per line below it"
        ))
    } else if expected.starts_with("a mapping") {
        Some(format!(
            "write `name: value` lines indented below {key}, or `{{ name: value }}` on one line"
        ))
    } else if expected == "a single value" {
        Some(format!(
            "write one of the allowed values after {key}, on the same line; schemas/ lists them"
        ))
    } else if expected == "text" {
        Some("write the text on the same line as its key; quote it if it starts with `[`, `{`, `-` or holds `: `".into())
    } else {
        None
    }
}

fn explain(err: &Error, walk: &Walk<'_>) -> Said {
    let target = err
        .location()
        .map(|l| {
            (
                u32::try_from(l.line()).unwrap_or(0),
                u32::try_from(l.column()).unwrap_or(0),
            )
        })
        .unwrap_or((0, 0));
    match err {
        Error::InvalidScalar { ty, .. } => wrong_value(walk, kind_in_words(ty)),
        Error::InvalidBooleanStrict { .. } => wrong_value(walk, "true or false"),
        Error::InvalidCharNull { .. } | Error::InvalidCharNotSingleScalar { .. } => {
            wrong_value(walk, "a single character")
        }
        Error::NullIntoString { .. } => wrong_value(walk, "text"),
        Error::SerdeInvalidValue { expected, .. } => wrong_value(walk, kind_in_words(expected)),
        Error::Unexpected { expected, .. } => wrong_shape(walk, target, kind_in_words(expected)),
        Error::SerdeInvalidType { expected, .. } => {
            let words = kind_in_words(expected);
            if words == "a list" || words.starts_with("a mapping") || words == "text" {
                wrong_shape(walk, target, words)
            } else {
                wrong_value(walk, words)
            }
        }
        Error::SerdeInvalidLength { len, .. } => {
            let path = walk
                .outermost_at(target)
                .map_or(&walk.path[..], |s| &walk.path[..s.depth]);
            Said::new(
                format!(
                    "{} has {len} item{}, not the number it needs",
                    subject(path),
                    if *len == 1 { "" } else { "s" },
                ),
                Some("schemas/ describes every key".into()),
            )
        }
        Error::ExternallyTaggedEnumExpectedScalarOrMapping { .. }
        | Error::ExpectedStringKeyForExternallyTaggedEnum { .. }
        | Error::UnexpectedValueForUnitEnumVariant { .. } => wrong_shape(walk, target, "a single value"),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => unknown_variant(walk, variant, expected),
        Error::SerdeUnknownField { field, expected, .. } => unknown_field(walk, field, expected),
        Error::SerdeMissingField { field, .. } => missing_field(walk, field),
        Error::DuplicateMappingKey { key, .. } => Said::new(
            match key {
                Some(key) => format!("the key `{key}` appears twice in the same mapping"),
                None => "a key appears twice in the same mapping".to_string(),
            },
            Some("each key may appear once in a mapping; remove or rename the repeated one".into()),
        ),
        Error::Eof { .. } => Said::new(
            "the file ends in the middle of a value".into(),
            Some("check that every `[`, `{` and quote is closed".into()),
        ),
        Error::MultipleDocuments { .. } => Said::new(
            "the file holds more than one YAML document (a line `---` starts a second one)".into(),
            Some("keep one document per file; remove the `---` line".into()),
        ),
        Error::Budget { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => Said::new(
            "the file is too large or nests its anchors and aliases too deeply to be read".into(),
            Some("a definition file needs no anchors (`&a`) or aliases (`*a`); write the values out".into()),
        ),
        Error::UnknownAnchor { .. } => Said::new(
            "an alias (`*name`) refers to an anchor (`&name`) that is not defined above it".into(),
            None,
        ),
        Error::InvalidUtf8Input => Said::new(
            "the file is not UTF-8 text".into(),
            Some("save it as UTF-8 (\"Unicode\") in your editor".into()),
        ),
        other => syntax(other),
    }
}

/// A scalar that cannot be read as what its key holds.
fn wrong_value(walk: &Walk<'_>, by_type: &str) -> Said {
    let stop = walk.deepest();
    // A mapping or a list where a number was wanted is a shape problem, said as such.
    if let Some(Stop {
        node: Node::Map(_) | Node::Seq(_),
        ..
    }) = stop
    {
        return wrong_shape_at(walk, stop, by_type);
    }
    let value = stop.map_or_else(|| walk.written.clone(), |s| scalar_text(s.node));
    let path = &walk.path[..];
    let semantic = allowed(path, walk.at_key);
    let (expected, hint, level) = match &semantic {
        Some(a) => (a.expected.clone(), Some(a.hint.clone()), a.level),
        None => (
            by_type.to_string(),
            match by_type {
                "true or false" => Some("write true or false, without quotes".to_string()),
                "a number" | "a whole number" | "a whole number, 0 or more" => {
                    Some("write the number without quotes, units or `%`".to_string())
                }
                _ => None,
            },
            false,
        ),
    };
    let what = if walk.at_key {
        let parent = walk
            .path
            .len()
            .checked_sub(2)
            .and_then(|i| key_at(path, i))
            .map(|p| format!(" in `{p}`"))
            .unwrap_or_default();
        format!("the key `{}`{parent}", quoted(&value))
    } else {
        subject(path)
    };
    let message = if walk.at_key {
        format!("{what} is not {expected}")
    } else {
        format!(
            "{what} is {}, not {expected}",
            found_in_words(stop.map(|s| s.node), &value)
        )
    };
    let number = value.trim().parse::<f64>().ok().filter(|n| n.is_finite());
    let code = match number {
        Some(n) if level && !(0.0..=4.0).contains(&n) => Code::LevelOutOfRange,
        Some(_) if semantic.is_some() || by_type.starts_with("a whole number") => Code::InvalidValue,
        _ => Code::YamlSyntax,
    };
    Said {
        code,
        message,
        hint,
        at: None,
    }
}

fn wrong_shape(walk: &Walk<'_>, target: (u32, u32), expected: &str) -> Said {
    wrong_shape_at(walk, walk.outermost_at(target), expected)
}

/// A list, a mapping or text where another of the three was wanted.
fn wrong_shape_at(walk: &Walk<'_>, stop: Option<Stop<'_>>, expected: &str) -> Said {
    let depth = stop.map_or(walk.path.len(), |s| s.depth);
    let path = &walk.path[..depth];
    let value = stop.map_or_else(|| walk.written.clone(), |s| scalar_text(s.node));
    let found = found_in_words(stop.map(|s| s.node), &value);
    let key = match path.last() {
        Some(Step::Key(key)) => Some(key.as_str()),
        _ => None,
    };
    // A list where a number was wanted: the key's meaning says more than "a number".
    match allowed(path, false) {
        Some(a) if matches!(stop.map(|s| s.node), Some(Node::Map(_) | Node::Seq(_))) => Said::new(
            format!("{} is {found}, not {}", subject(path), a.expected),
            Some(a.hint),
        ),
        _ => Said::new(
            format!("{} is {found}, not {expected}", subject(path)),
            shape_hint(expected, key),
        ),
    }
}

fn unknown_variant(walk: &Walk<'_>, variant: &str, expected: &[&str]) -> Said {
    let hint = Some(match did_you_mean(variant, expected.iter().copied()) {
        Some(close) => format!("did you mean `{close}`? Allowed: {}", expected.join(", ")),
        None => format!("allowed: {}", expected.join(", ")),
    });
    let message = if walk.at_key {
        let parent = walk
            .path
            .len()
            .checked_sub(2)
            .and_then(|i| key_at(&walk.path, i))
            .map(|p| format!(" in `{p}`"))
            .unwrap_or_default();
        format!(
            "the key `{}`{parent} is not one of the allowed keys",
            quoted(variant)
        )
    } else {
        format!(
            "{} is `{}`, not one of the allowed values",
            subject(&walk.path),
            quoted(variant)
        )
    };
    Said::new(message, hint)
}

fn container(walk: &Walk<'_>) -> (String, Option<(u32, u32)>) {
    match walk.mapping() {
        Some(stop) if stop.depth == 0 => ("the top level of the file".to_string(), Some(stop.at)),
        Some(stop) => (subject(&walk.path[..stop.depth]), Some(stop.at)),
        None => ("this mapping".to_string(), None),
    }
}

fn unknown_field(walk: &Walk<'_>, field: &str, expected: &[&str]) -> Said {
    let mapping = match walk.mapping() {
        Some(stop) if stop.depth == 0 => "at the top level of the file".to_string(),
        Some(stop) => format!("in {}", subject(&walk.path[..stop.depth])),
        None => "here".to_string(),
    };
    let allowed = expected.join(", ");
    Said::new(
        format!("unknown field `{}` {mapping}", quoted(field)),
        Some(match did_you_mean(field, expected.iter().copied()) {
            Some(close) => format!("did you mean `{close}`? The keys allowed here: {allowed}"),
            None => format!("the keys allowed here: {allowed}"),
        }),
    )
}

fn missing_field(walk: &Walk<'_>, field: &str) -> Said {
    let (mapping, at) = container(walk);
    let mut said = Said::new(
        format!("`{field}` is required but missing from {mapping}"),
        Some(format!("add a line `{field}: …`; schemas/ describes every key")),
    );
    // Reported at the mapping that lacks it (its first key), not wherever serde stopped.
    said.at = at;
    said
}

/// A malformed document: the parser's own words, which speak YAML rather than Rust.
fn syntax(err: &Error) -> Said {
    let message = super::yaml_message(&err.to_string());
    Said::new(
        message,
        Some("check the indentation and the quoting on this line and the one above; text holding `: `, ` #` or starting with `[`, `{`, `*`, `&` or `!` needs quotes".into()),
    )
}

/// Last line of defence: no Rust type name leaves this module, whatever serde-saphyr says.
fn plain(text: &str) -> String {
    const RUST_WORDS: &[(&str, &str)] = &[
        ("u8", "whole number"),
        ("u16", "whole number"),
        ("u32", "whole number"),
        ("u64", "whole number"),
        ("u128", "whole number"),
        ("usize", "whole number"),
        ("i8", "whole number"),
        ("i16", "whole number"),
        ("i32", "whole number"),
        ("i64", "whole number"),
        ("i128", "whole number"),
        ("isize", "whole number"),
        ("f32", "number"),
        ("f64", "number"),
        ("bool", "true or false"),
        ("String", "text"),
        ("str", "text"),
        ("Option", "value"),
        ("Vec", "list"),
        ("IndexMap", "mapping"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let replaced = RUST_WORDS
            .iter()
            .find(|(rust, _)| *rust == word.as_str())
            .map(|(_, plain)| *plain)
            .or_else(|| {
                // `RawAssessor`, `LifecycleStatus`-style names of our own types.
                (word.starts_with("Raw") && word.len() > 3 && word[3..].starts_with(char::is_uppercase))
                    .then_some("mapping")
            });
        out.push_str(replaced.unwrap_or(word));
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out.replace("struct mapping", "mapping")
}

#[cfg(test)]
mod tests {
    use super::super::parse_yaml;
    use super::super::raw::{RawFramework, RawMapping, RawQuestionnaire, RawWorkspace};
    use super::*;

    const WORKSPACE: &str = "country: Testland\niso3: XTL\nassessment_date: \"2026-01-15\"\nframework: govstack-dpi\nquestionnaires: [govstack-dpi-full]\ninputs:\n  answers: []\n";

    fn said<T: serde::de::DeserializeOwned + fmt::Debug>(
        text: &str,
    ) -> (String, String, Option<String>, Code) {
        let source = Source {
            name: "f.yaml".into(),
            text: text.into(),
        };
        let d = parse_yaml::<T>(&source).expect_err("the text is wrong");
        (d.message, d.location.to_string(), d.hint, d.code)
    }

    fn workspace(extra: &str) -> (String, String, Option<String>, Code) {
        said::<RawWorkspace>(&format!("{WORKSPACE}{extra}"))
    }

    #[test]
    fn a_target_that_is_not_a_level_is_named_with_its_value() {
        let (message, location, hint, code) = workspace("targets: {identity: high}\n");
        assert_eq!(
            message,
            "target for `identity` is `high`, not a level: levels run 0..4"
        );
        assert_eq!(location, "f.yaml:8:21");
        assert_eq!(hint.as_deref(), Some("write a whole number 0, 1, 2, 3 or 4"));
        assert_eq!(code, Code::YamlSyntax);
        let (message, location, _, code) = workspace("targets:\n  identity: 300\n");
        assert_eq!(
            message,
            "target for `identity` is `300`, not a level: levels run 0..4"
        );
        assert_eq!(location, "f.yaml:9:13");
        assert_eq!(code, Code::LevelOutOfRange);
    }

    #[test]
    fn shapes_and_kinds_are_said_in_words() {
        let cases: &[(&str, &str)] = &[
            (
                "capacity: {lead_agency: -3}\n",
                "capacity for `lead_agency` is `-3`, not a whole number of actions, 1 or more",
            ),
            (
                "weights: {identity: heavy}\n",
                "weight for `identity` is `heavy`, not a number greater than 0",
            ),
            (
                "evidence_policy: strict\n",
                "`evidence_policy` is `strict`, not one of the allowed values",
            ),
            (
                "assessors: [Ana]\n",
                "item 1 of `assessors` is `Ana`, not a mapping of `key: value` lines",
            ),
            (
                "assessors:\n  - name: Ana\n    rle: lead\n",
                "unknown field `rle` in item `Ana` of `assessors`",
            ),
            (
                "assessors:\n  - role: lead\n",
                "`name` is required but missing from item 1 of `assessors`",
            ),
            ("notes: [a, b]\n", "`notes` is a list, not text"),
            (
                "targets: [identity]\n",
                "`targets` is a list, not a mapping of `key: value` lines",
            ),
            (
                "targets: {identity: }\n",
                "target for `identity` is empty, not a level: levels run 0..4",
            ),
            (
                "roles: {lead_agency: [a]}\n",
                "institution for role `lead_agency` is a list, not text",
            ),
            ("title: {a: 1}\n", "`title` is a mapping of keys, not text"),
            ("lvls: 3\n", "unknown field `lvls` at the top level of the file"),
        ];
        for (extra, expected) in cases {
            let (message, ..) = workspace(extra);
            assert_eq!(&message, expected, "{extra}");
        }
        let text = WORKSPACE.replace(
            "questionnaires: [govstack-dpi-full]",
            "questionnaires: govstack-dpi-full",
        );
        let (message, location, hint, _) = said::<RawWorkspace>(&text);
        assert_eq!(message, "`questionnaires` is `govstack-dpi-full`, not a list");
        assert_eq!(location, "f.yaml:5:17");
        assert_eq!(
            hint.as_deref(),
            Some("write a list: `[a, b]` after `questionnaires:`, or one `- item` per line below it")
        );
        let text = WORKSPACE.replace("iso3: XTL\n", "");
        let (message, location, ..) = said::<RawWorkspace>(&text);
        assert_eq!(
            message,
            "`iso3` is required but missing from the top level of the file"
        );
        assert_eq!(location, "f.yaml:1:1");
    }

    #[test]
    fn mapping_files_and_definitions_are_said_in_words_too() {
        let (message, ..) = said::<RawMapping>("systems:\n  name: [System]\n");
        assert_eq!(message, "header for column `name` is a list, not text");
        let (message, ..) = said::<RawMapping>("systems: System\n");
        assert_eq!(
            message,
            "`systems` is `System`, not a mapping of `key: value` lines"
        );
    }

    /// Hostile and mistaken definitions of every kind: none may name a Rust type.
    #[test]
    fn no_message_names_a_rust_type() {
        let framework = crate::definitions::embedded_framework("govstack-dpi")
            .unwrap()
            .text;
        let questionnaire = crate::definitions::embedded_questionnaire("govstack-dpi-full")
            .unwrap()
            .text;
        // (kind of file, what was changed, the changed text); every change must apply and fail.
        let mut texts: Vec<(&str, String, String)> = Vec::new();
        let mut change = |kind: &'static str, base: &str, from: &str, to: &str| {
            assert!(base.contains(from), "{kind}: `{from}` not found");
            texts.push((kind, format!("{from} → {to}"), base.replacen(from, to, 1)));
        };
        for (from, to) in [
            ("target: 3", "target: high"),
            ("target: 3", "target: -1"),
            ("target: 3", "target: [3]"),
            ("weight: 1", "weight: heavy"),
            ("effort_months: ", "effort_months: -"),
            ("    phase: priority_services", "    phase: x"),
            ("foundational: true", "foundational: maybe"),
            ("kind: layer", "kind: [layer]"),
            ("  levels:\n", "  levels: 5\n"),
            ("production: ", "prod: "),
            ("bands: [", "bands: [x, "),
            ("min: ", "min: -"),
            ("criticality: high", "criticality: 7"),
        ] {
            change("framework", &framework, from, to);
        }
        for (from, to) in [
            ("type: level", "type: levels"),
            ("type: level", "type: [level]"),
            ("thresholds: [", "thresholds: [x, "),
            ("lower_is_better: true", "lower_is_better: 2"),
            ("level: 0", "level: none"),
            ("points: 1", "points: many"),
            ("- id: ", "- idd: "),
            ("text: ", "text:\n      - a\n    x: "),
        ] {
            change("questionnaire", &questionnaire, from, to);
        }
        for extra in [
            "targets: {identity: high}\n",
            "targets: {identity: 2.5}\n",
            "capacity: {a: -3}\n",
            "capacity: {a: x}\n",
            "capacity: 3\n",
            "weights: {a: [1]}\n",
            "assessors: {name: Ana}\n",
            "assessors: [[a]]\n",
            "evidence_policy: 3\n",
            "notes: {a: 1}\n",
            "inputs: x\n",
        ] {
            change("workspace", WORKSPACE, "inputs:", &format!("{extra}inputs:"));
        }
        change("workspace", WORKSPACE, "country: Testland\n", "");
        change("workspace", WORKSPACE, "answers: []", "answers: {a: 1}");
        change("mapping", "answers: {}\n", "{}", "[a]");
        change("mapping", "answers: {}\n", "{}", "{question_id: {a: 1}}");
        change("mapping", "answers: {}\n", "answers", "other");
        assert!(texts.len() > 30, "only {} cases", texts.len());
        let rust = [
            "u8",
            "u16",
            "u32",
            "u64",
            "usize",
            "i8",
            "i32",
            "i64",
            "f32",
            "f64",
            "bool",
            "String",
            "struct",
            "Raw",
            "variant",
            "invalid type",
            "Option",
            "Vec",
            "IndexMap",
            "enum",
        ];
        for (kind, changed, text) in &texts {
            let source = Source {
                name: "f.yaml".into(),
                text: text.clone(),
            };
            let d = match *kind {
                "framework" => parse_yaml::<RawFramework>(&source).err(),
                "questionnaire" => parse_yaml::<RawQuestionnaire>(&source).err(),
                "workspace" => parse_yaml::<RawWorkspace>(&source).err(),
                _ => parse_yaml::<RawMapping>(&source).err(),
            };
            let Some(d) = d else {
                panic!("{kind}: {changed} parses, so it tests nothing")
            };
            let said = format!("{} {}", d.message, d.hint.unwrap_or_default());
            for word in rust {
                let hit = said
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == word || (word == "Raw" && w.starts_with("Raw")));
                assert!(
                    !hit && !said.contains("invalid type"),
                    "{kind}: `{word}` in: {said}"
                );
            }
            assert!(
                d.location.to_string().contains("f.yaml:"),
                "{kind}, {changed}: {said}"
            );
        }
    }
}
