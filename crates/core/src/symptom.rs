//! The symptom catalogue. Items have stable keys: a check-in points at keys, so new
//! instruments and user-added symptoms never need a schema rewrite, and old data keeps its
//! meaning.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The default instrument: the kratom withdrawal symptom checklist (domain.md). Each item is
/// rated 0-4. It is a checklist, not a validated scale, so it has no bands.
pub const KRATOM: &str = "kratom";

pub use crate::instrument::KRATOM_ITEMS;

/// Words for the 0-4 severity scale.
pub const SEVERITY_WORDS: [&str; 5] = ["None", "Mild", "Moderate", "Severe", "Extreme"];

/// Highest score of a symptom item.
pub const MAX_SCORE: i32 = 4;

/// Longest symptom label, in characters.
pub const MAX_LABEL_CHARS: usize = 60;

/// Keys of symptoms the user added start with this; built-in keys never do.
pub const CUSTOM_PREFIX: &str = "custom_";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Symptom {
    pub key: String,
    pub label: String,
    pub instrument: String,
    pub position: i32,
    pub archived: bool,
}

/// Whether a key is one of the user's own symptoms (which can be renamed and archived).
pub fn is_custom_key(key: &str) -> bool {
    key.starts_with(CUSTOM_PREFIX)
}

/// A label for a user's own symptom: trimmed, 1-60 characters (field "label").
pub fn valid_label(text: &str) -> Result<String> {
    let label = text.trim();
    if label.is_empty() {
        return Err(Error::invalid(
            "label",
            "Enter a name for the symptom, like Headache.",
        ));
    }
    let n = label.chars().count();
    if n > MAX_LABEL_CHARS {
        return Err(Error::invalid(
            "label",
            format!("The name is {n} characters long; the limit is {MAX_LABEL_CHARS}."),
        ));
    }
    Ok(label.to_owned())
}

/// The key stem for a user's symptom: `custom_` and the label's ASCII letters and digits in
/// lower case, other characters folded to single underscores, at most 40 of them
/// ("Headache!" gives `custom_headache`; a label with none gives `custom_symptom`).
pub fn custom_key_stem(label: &str) -> String {
    let mut slug = String::new();
    for c in label.chars() {
        if slug.len() >= 40 {
            break;
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('_') {
            slug.push('_');
        }
    }
    let slug = slug.trim_end_matches('_');
    format!(
        "{CUSTOM_PREFIX}{}",
        if slug.is_empty() { "symptom" } else { slug }
    )
}

pub fn severity_word(score: i32) -> &'static str {
    usize::try_from(score)
        .ok()
        .and_then(|i| SEVERITY_WORDS.get(i))
        .copied()
        .unwrap_or("?")
}

/// The built-in items of `instrument` as the catalogue holds them in every diary, in display
/// order (positions from 0): what a form lists before any diary exists.
pub fn built_in(instrument: &crate::instrument::Instrument) -> Vec<Symptom> {
    instrument
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| Symptom {
            key: item.key.to_owned(),
            label: item.label.to_owned(),
            instrument: instrument.key.to_owned(),
            position: i32::try_from(i).unwrap_or(i32::MAX),
            archived: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique_and_stable_shape() {
        let keys: HashSet<_> = KRATOM_ITEMS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys.len(), KRATOM_ITEMS.len());
        assert!(KRATOM_ITEMS
            .iter()
            .all(|(k, _)| k.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
        assert_eq!(severity_word(0), "None");
        assert_eq!(severity_word(4), "Extreme");
        assert_eq!(severity_word(5), "?");
    }

    #[test]
    fn custom_keys_and_labels() {
        assert_eq!(custom_key_stem("Headache"), "custom_headache");
        assert_eq!(
            custom_key_stem("  Cold feet / hands! "),
            "custom_cold_feet_hands"
        );
        assert_eq!(custom_key_stem("Кашель"), "custom_symptom");
        assert_eq!(custom_key_stem("Zucken 2"), "custom_zucken_2");
        assert!(custom_key_stem(&"a".repeat(100)).len() <= CUSTOM_PREFIX.len() + 40);
        assert!(is_custom_key(&custom_key_stem("x")));
        assert!(KRATOM_ITEMS.iter().all(|(k, _)| !is_custom_key(k)));
        assert_eq!(valid_label("  Headache ").expect("ok"), "Headache");
        assert_eq!(valid_label(" ").expect_err("empty").field(), Some("label"));
        assert!(valid_label(&"é".repeat(MAX_LABEL_CHARS)).is_ok());
        assert_eq!(
            valid_label(&"é".repeat(MAX_LABEL_CHARS + 1))
                .expect_err("long")
                .field(),
            Some("label")
        );
    }
}
