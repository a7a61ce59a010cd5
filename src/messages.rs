//! The message catalogue: every sentence, heading, column title and empty-state line the reports
//! show, in one Project Fluent file per language (`templates/messages/en.ftl`), embedded in the
//! binary with `include_str!`; nothing is read at run time.
//!
//! In: a message id (`summary-heading`) and its arguments: text already formatted by the report
//! context (a score `"46.5"`, a title), or a count that chooses a plural form (passed as a
//! number, so that a translation can use CLDR's zero/one/two/few/many/other). Out: the sentence
//! as plain text, with no markup and no escaping: HTML autoescape and the Markdown `md` filter
//! stay the templates' job, and the PDF, XLSX and CSV writers take the text as it is.
//!
//! What it does not do: choose a language (only English is embedded; a translation is a copy of
//! `en.ftl`), format numbers (the context does), or hold markup (a bold label or a link is a
//! separate message, or a slot that [`Messages::parts`] leaves to the template).
//!
//! A missing id or a Fluent error (a missing argument) never panics: the reader gets the id or
//! the best text Fluent could make, and the error is recorded ([`Messages::errors`]). The tests
//! (`tests` below) guarantee that no id used in the templates or the Rust code is missing, that
//! no message is unused, and that rendering every sample records no error.
//!
//! Bidi isolation: Fluent wraps every placeable in U+2068 … U+2069 by default. It is turned off
//! here for every format alike: the PDF, XLSX and CSV would carry the invisible marks into text a
//! reader copies or a spreadsheet compares, and the HTML sets `dir` on its own elements instead.

use std::borrow::Cow;
use std::sync::{Mutex, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The embedded catalogues: language tag and Fluent source. English is the reference.
pub const CATALOGUES: &[(&str, &str)] = &[("en", include_str!("../templates/messages/en.ftl"))];

/// One argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    /// Text shown as it is (a title, an already formatted score).
    Text(Cow<'a, str>),
    /// A number: a count that selects a plural form, shown as digits.
    Count(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

macro_rules! count_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Count(n as f64)
            }
        }
    )*};
}
count_from!(usize, u8, u16, u32, u64, i32, i64, f64);

/// A piece of a message split at its slots: text, or the name of a slot the caller fills
/// (with a link, say). See [`Messages::parts`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Part {
    /// The text of this piece; empty for a slot.
    pub text: String,
    /// The slot's argument name, or empty for text.
    pub slot: String,
}

/// A loaded catalogue.
pub struct Messages {
    lang: String,
    bundle: FluentBundle<FluentResource>,
    errors: Mutex<Vec<String>>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages").finish_non_exhaustive()
    }
}

/// Marks a slot in formatted text; private-use characters no input can hold in this position.
const SLOT_OPEN: char = '\u{E000}';
const SLOT_CLOSE: char = '\u{E001}';

impl Messages {
    /// Parses a catalogue. Syntax errors are recorded, and the entries that parsed are kept.
    pub fn new(lang: &str, source: &str) -> Messages {
        let mut errors = Vec::new();
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(resource, errs)| {
            errors.extend(errs.iter().map(|e| format!("{lang}.ftl: {e}")));
            resource
        });
        let mut bundle = FluentBundle::new_concurrent(vec![lang.parse().unwrap_or_default()]);
        // No U+2068/U+2069 around placeables: see the module documentation.
        bundle.set_use_isolating(false);
        if let Err(errs) = bundle.add_resource(resource) {
            errors.extend(errs.iter().map(|e| format!("{lang}.ftl: {e}")));
        }
        Messages {
            lang: lang.to_string(),
            bundle,
            errors: Mutex::new(errors),
        }
    }

    /// The embedded English catalogue, parsed once.
    pub fn english() -> &'static Messages {
        static ENGLISH: OnceLock<Messages> = OnceLock::new();
        ENGLISH.get_or_init(|| Messages::new(CATALOGUES[0].0, CATALOGUES[0].1))
    }

    /// The message `id` with its arguments. A missing id gives the id itself; a Fluent error
    /// gives Fluent's best text. Either is recorded in [`Messages::errors`].
    pub fn text(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            self.record(format!("unknown message id `{id}`"));
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(
                *name,
                match value {
                    Arg::Text(s) => FluentValue::String(s.clone()),
                    Arg::Count(n) => FluentValue::from(*n),
                },
            );
        }
        let mut errs = Vec::new();
        let out = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errs)
            .into_owned();
        for e in errs {
            self.record(format!("message `{id}`: {e}"));
        }
        out
    }

    /// The message split at the arguments named in `slots`, for a template that puts markup
    /// (a link) where the slot is: `The full method is in { $method }.` with slot `method` gives
    /// the text `The full method is in `, the slot `method` and the text `.`. The other
    /// arguments are filled in as by [`Messages::text`]. A translation may move the slots.
    pub fn parts(&self, id: &str, args: &[(&str, Arg<'_>)], slots: &[&str]) -> Vec<Part> {
        let mut all: Vec<(&str, Arg<'_>)> = args.to_vec();
        let markers: Vec<String> = slots
            .iter()
            .map(|s| format!("{SLOT_OPEN}{s}{SLOT_CLOSE}"))
            .collect();
        for (slot, marker) in slots.iter().zip(&markers) {
            all.push((slot, Arg::Text(Cow::Borrowed(marker.as_str()))));
        }
        let text = self.text(id, &all);
        let mut parts = Vec::new();
        let mut rest = text.as_str();
        while let Some(start) = rest.find(SLOT_OPEN) {
            let Some(len) = rest[start..].find(SLOT_CLOSE) else {
                break;
            };
            if start > 0 {
                parts.push(Part {
                    text: rest[..start].to_string(),
                    slot: String::new(),
                });
            }
            parts.push(Part {
                text: String::new(),
                slot: rest[start + SLOT_OPEN.len_utf8()..start + len].to_string(),
            });
            rest = &rest[start + len + SLOT_CLOSE.len_utf8()..];
        }
        if !rest.is_empty() {
            parts.push(Part {
                text: rest.to_string(),
                slot: String::new(),
            });
        }
        parts
    }

    /// The language tag of the catalogue (`en`), for `<html lang>` and the PDF's language.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Whether the catalogue has the message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// Every error recorded so far: catalogue syntax, unknown ids, formatting errors.
    pub fn errors(&self) -> Vec<String> {
        self.errors.lock().map(|e| e.clone()).unwrap_or_default()
    }

    fn record(&self, error: String) {
        if let Ok(mut errors) = self.errors.lock()
            && !errors.contains(&error)
        {
            errors.push(error);
        }
    }
}

/// The English message `id` without arguments.
pub fn t(id: &str) -> String {
    Messages::english().text(id, &[])
}

/// The English message `id` with arguments.
pub fn tf(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    Messages::english().text(id, args)
}

/// Registers the template function `t(id="…", name=value, …)`: the message `id` with the other
/// keyword arguments as its arguments (numbers as numbers, so counts select plural forms; none as
/// empty text). The result is plain text, escaped by the template like any value. And
/// `t_parts(id="…", slots=["name", …], …)`: the message split at its slots
/// ([`Messages::parts`]), a list of `{text, slot}` to print with markup where `slot` is set.
pub fn register(tera: &mut tera::Tera) {
    fn collect(kwargs: &tera::Kwargs) -> (String, Vec<(String, Arg<'static>)>, Vec<String>) {
        let mut id = String::new();
        let mut args = Vec::new();
        let mut slots = Vec::new();
        for (key, value) in kwargs.iter() {
            let key = key.to_string();
            if key == "id" {
                id = value
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| value.to_string());
            } else if key == "slots" {
                if let Some(list) = value.as_array() {
                    slots.extend(list.iter().filter_map(|v| v.as_str().map(str::to_string)));
                }
            } else if value.is_number() {
                args.push((key, Arg::Count(value.as_f64().unwrap_or_default())));
            } else if value.is_none() || value.is_undefined() {
                args.push((key, Arg::Text(Cow::Borrowed(""))));
            } else {
                let text = value
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| value.to_string());
                args.push((key, Arg::Text(Cow::Owned(text))));
            }
        }
        (id, args, slots)
    }
    fn borrowed<'a>(args: &'a [(String, Arg<'static>)]) -> Vec<(&'a str, Arg<'static>)> {
        args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect()
    }
    tera.register_function("t", |kwargs: tera::Kwargs, _: &tera::State| {
        let (id, args, _) = collect(&kwargs);
        Messages::english().text(&id, &borrowed(&args))
    });
    tera.register_function("t_parts", |kwargs: tera::Kwargs, _: &tera::State| {
        let (id, args, slots) = collect(&kwargs);
        let slots: Vec<&str> = slots.iter().map(String::as_str).collect();
        tera::Value::from_serializable(&Messages::english().parts(&id, &borrowed(&args), &slots))
    });
}

#[cfg(test)]
mod tests;
