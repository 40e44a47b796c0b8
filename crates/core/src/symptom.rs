//! The symptom catalogue. Items have stable keys: a check-in points at keys, so new
//! instruments and user-added symptoms never need a schema rewrite, and old data keeps its
//! meaning.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The default instrument: the kratom withdrawal symptom checklist (domain.md). Each item is
/// rated 0-4. It is a checklist, not a validated scale, so it has no bands.
pub const KRATOM: &str = "kratom";

/// Built-in kratom checklist items: (key, label). Order is display order. Keys never change.
pub const KRATOM_ITEMS: &[(&str, &str)] = &[
    ("aches", "Muscle and bone aches"),
    ("insomnia", "Trouble sleeping"),
    ("irritability", "Irritability"),
    ("aggression", "Hostility or aggression"),
    ("low_mood", "Low mood"),
    ("mood_swings", "Mood swings"),
    ("anxiety", "Anxiety"),
    ("restlessness", "Restlessness"),
    ("runny_nose", "Runny nose, watery eyes"),
    ("sweating", "Sweating"),
    ("hot_cold", "Hot and cold flashes"),
    ("stomach", "Stomach upset, diarrhoea"),
    ("restless_legs", "Jerky movements, restless legs"),
    ("tiredness", "Tiredness"),
];

/// Words for the 0-4 severity scale.
pub const SEVERITY_WORDS: [&str; 5] = ["None", "Mild", "Moderate", "Severe", "Extreme"];

/// Highest score of a symptom item.
pub const MAX_SCORE: i32 = 4;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Symptom {
    pub key: String,
    pub label: String,
    pub instrument: String,
    pub position: i32,
    pub archived: bool,
}

pub fn severity_word(score: i32) -> &'static str {
    usize::try_from(score)
        .ok()
        .and_then(|i| SEVERITY_WORDS.get(i))
        .copied()
        .unwrap_or("?")
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
}
