//! Translations of a framework's and a questionnaire's texts: every text a report or a respondent
//! reads, keyed by a stable id, and a translator's file per language → what is missing, what is
//! stale (the English changed after the translation) and what names no text any more.
//!
//! In: a checked [`Framework`] or [`Questionnaire`], and the YAML text of a translation file:
//! one entry per key, each with `en` (the English it was translated from) and `text` (the
//! translation). Out: the texts to translate ([`framework_texts`], [`questionnaire_texts`]), the
//! parsed file, and a [`TranslationCheck`]. A translator edits only `text` (and, once the
//! translation follows a changed English, `en`); the structure stays in the framework file.
//! Not here: choosing the language of a report, or rendering.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::{Source, parse_yaml};
use crate::diagnostics::Diagnostic;
use crate::model::{Framework, Questionnaire};

/// The languages the framework and questionnaires are translated into, besides English.
pub const LANGUAGES: [&str; 4] = ["fr", "es", "pt", "ar"];

/// One translated text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslatedText {
    /// The English text the translation was made from.
    pub en: String,
    /// The translation; empty while not translated.
    #[serde(default)]
    pub text: String,
}

/// A translator's file: key → text.
pub type TranslationFile = IndexMap<String, TranslatedText>;

/// What a translation file lacks against the current texts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TranslationCheck {
    /// Keys with no translation (absent, or `text` empty).
    pub missing: Vec<String>,
    /// Keys whose English changed after they were translated.
    pub stale: Vec<String>,
    /// Keys the file holds that name no text (a removed indicator, a typo).
    pub unknown: Vec<String>,
}

impl TranslationCheck {
    /// Whether the file translates every text as it reads now.
    pub fn complete(&self) -> bool {
        self.missing.is_empty() && self.stale.is_empty() && self.unknown.is_empty()
    }
}

fn put(texts: &mut IndexMap<String, String>, key: String, text: &str) {
    if !text.trim().is_empty() {
        texts.insert(key, text.trim().to_string());
    }
}

/// Every text of a framework a reader sees, by key, in the file's order: pillars, dimensions,
/// indicators (title, description, the five descriptors), Building Blocks (name, description,
/// capabilities), roles, programmes, actions, safeguards.
pub fn framework_texts(framework: &Framework) -> IndexMap<String, String> {
    let mut texts = IndexMap::new();
    for pillar in &framework.pillars {
        put(&mut texts, format!("pillar.{}.title", pillar.id), &pillar.title);
        put(
            &mut texts,
            format!("pillar.{}.description", pillar.id),
            &pillar.description,
        );
        for dimension in &pillar.dimensions {
            put(
                &mut texts,
                format!("dimension.{}.title", dimension.id),
                &dimension.title,
            );
            put(
                &mut texts,
                format!("dimension.{}.description", dimension.id),
                &dimension.description,
            );
            for indicator in &dimension.indicators {
                let id = &indicator.id;
                put(&mut texts, format!("indicator.{id}.title"), &indicator.title);
                put(
                    &mut texts,
                    format!("indicator.{id}.description"),
                    &indicator.description,
                );
                for (level, descriptor) in indicator.levels.iter().enumerate() {
                    put(&mut texts, format!("indicator.{id}.level.{level}"), descriptor);
                }
            }
        }
    }
    for bb in &framework.building_blocks {
        put(&mut texts, format!("bb.{}.name", bb.id), &bb.name);
        put(&mut texts, format!("bb.{}.description", bb.id), &bb.description);
        for (i, capability) in bb.capabilities.iter().enumerate() {
            put(
                &mut texts,
                format!("bb.{}.capability.{}", bb.id, i + 1),
                capability,
            );
        }
    }
    for role in &framework.roles {
        put(&mut texts, format!("role.{}.title", role.id), &role.title);
        put(
            &mut texts,
            format!("role.{}.description", role.id),
            &role.description,
        );
    }
    for programme in &framework.programmes {
        put(
            &mut texts,
            format!("programme.{}.title", programme.id),
            &programme.title,
        );
        put(
            &mut texts,
            format!("programme.{}.description", programme.id),
            &programme.description,
        );
    }
    for action in &framework.actions {
        put(&mut texts, format!("action.{}.title", action.id), &action.title);
        put(
            &mut texts,
            format!("action.{}.description", action.id),
            &action.description,
        );
    }
    if let Some(safeguards) = &framework.safeguards {
        for principle in &safeguards.principles {
            put(
                &mut texts,
                format!("principle.{}.name", principle.id),
                &principle.name,
            );
            put(
                &mut texts,
                format!("principle.{}.description", principle.id),
                &principle.description,
            );
        }
        for risk in &safeguards.risks {
            put(&mut texts, format!("risk.{}.name", risk.id), &risk.name);
            put(
                &mut texts,
                format!("risk.{}.description", risk.id),
                &risk.description,
            );
        }
    }
    texts
}

/// Every text of a questionnaire a respondent reads, by key: its title and description, and each
/// question's text, help and option labels.
pub fn questionnaire_texts(questionnaire: &Questionnaire) -> IndexMap<String, String> {
    let mut texts = IndexMap::new();
    put(&mut texts, "title".to_string(), &questionnaire.title);
    put(&mut texts, "description".to_string(), &questionnaire.description);
    for question in &questionnaire.questions {
        let id = &question.id;
        put(&mut texts, format!("question.{id}.text"), &question.text);
        put(&mut texts, format!("question.{id}.help"), &question.help);
        for option in &question.options {
            put(
                &mut texts,
                format!("question.{id}.option.{}", option.code),
                &option.label,
            );
        }
    }
    texts
}

/// Reads a translation file.
pub fn parse_translations(source: &Source) -> Result<TranslationFile, Diagnostic> {
    parse_yaml(source)
}

/// Checks a translation file against the texts as they read now.
pub fn check(texts: &IndexMap<String, String>, file: &TranslationFile) -> TranslationCheck {
    let mut out = TranslationCheck::default();
    for (key, english) in texts {
        match file.get(key) {
            None => out.missing.push(key.clone()),
            Some(entry) if entry.text.trim().is_empty() => out.missing.push(key.clone()),
            Some(entry) if entry.en.trim() != english => out.stale.push(key.clone()),
            Some(_) => {}
        }
    }
    out.unknown = file.keys().filter(|k| !texts.contains_key(*k)).cloned().collect();
    out
}

/// The file a translator starts from or continues: every current key, with the English as it
/// reads now for new keys and the file's own entries (translation and the English it was made
/// from) kept for the others, so that a stale entry stays visible; keys that name no text are
/// dropped.
pub fn updated(texts: &IndexMap<String, String>, file: &TranslationFile) -> TranslationFile {
    texts
        .iter()
        .map(|(key, english)| {
            let entry = file.get(key).cloned().unwrap_or_else(|| TranslatedText {
                en: english.clone(),
                text: String::new(),
            });
            (key.clone(), entry)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> IndexMap<String, String> {
        [
            ("pillar.infra.title", "Digital infrastructure"),
            ("indicator.a.level.0", "Nothing exists."),
            ("indicator.a.level.1", "A plan exists."),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn entry(en: &str, text: &str) -> TranslatedText {
        TranslatedText {
            en: en.to_string(),
            text: text.to_string(),
        }
    }

    #[test]
    fn a_missing_an_empty_a_stale_and_an_unknown_entry_are_each_reported() {
        let mut file = TranslationFile::new();
        file.insert(
            "pillar.infra.title".into(),
            entry("Digital infrastructure", "Infrastructure numérique"),
        );
        // Translated from an earlier English.
        file.insert(
            "indicator.a.level.0".into(),
            entry("Nothing exists yet.", "Rien n'existe encore."),
        );
        file.insert("indicator.a.level.9".into(), entry("Gone.", "Disparu."));
        let found = check(&texts(), &file);
        assert_eq!(found.missing, ["indicator.a.level.1"]);
        assert_eq!(found.stale, ["indicator.a.level.0"]);
        assert_eq!(found.unknown, ["indicator.a.level.9"]);
        assert!(!found.complete());

        file.insert("indicator.a.level.1".into(), entry("A plan exists.", ""));
        assert_eq!(
            check(&texts(), &file).missing,
            ["indicator.a.level.1"],
            "empty is missing"
        );
    }

    #[test]
    fn an_update_keeps_translations_and_stale_marks_and_adds_new_keys_in_order() {
        let mut file = TranslationFile::new();
        file.insert(
            "indicator.a.level.0".into(),
            entry("Nothing exists yet.", "Rien n'existe encore."),
        );
        file.insert("old.key".into(), entry("Gone.", "Disparu."));
        let next = updated(&texts(), &file);
        let keys: Vec<&str> = next.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["pillar.infra.title", "indicator.a.level.0", "indicator.a.level.1"]
        );
        assert_eq!(next["indicator.a.level.0"].text, "Rien n'existe encore.");
        assert_eq!(
            check(&texts(), &next).stale,
            ["indicator.a.level.0"],
            "still stale"
        );
        assert_eq!(next["pillar.infra.title"].en, "Digital infrastructure");
        assert!(next["pillar.infra.title"].text.is_empty());
    }

    #[test]
    fn the_embedded_framework_and_questionnaires_have_keyed_texts() {
        let framework = crate::definitions::builtin_framework("govstack-dpi").unwrap();
        let texts = framework_texts(&framework);
        assert!(texts.len() > 1_000, "{}", texts.len());
        assert!(
            texts
                .keys()
                .any(|k| k.starts_with("indicator.") && k.ends_with(".level.4"))
        );
        assert!(texts.keys().any(|k| k.starts_with("action.")));
        for id in crate::definitions::embedded_questionnaire_ids() {
            let source = crate::definitions::embedded_questionnaire(id).unwrap();
            let (q, _) = crate::definitions::load_questionnaire(&source, &framework).unwrap();
            let texts = questionnaire_texts(&q);
            assert!(texts.keys().any(|k| k.ends_with(".text")), "{id}");
        }
    }
}
