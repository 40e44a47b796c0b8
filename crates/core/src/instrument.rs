//! Instrument definitions as data: the kratom checklist and the two standard opiate
//! withdrawal scales a clinician recognises (domain.md). Each item lists the scores it allows;
//! scored instruments carry their bands and the source they come from.
//!
//! Item keys are stable (check-ins point at them) and unique across instruments: SOWS and COWS
//! keys carry a `sows_` / `cows_` prefix so they never meet a kratom checklist key.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// One item of a check-in and the score given to it (`key` a catalogue item, `score` one of
/// the item's allowed scores).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ItemScore {
    pub key: String,
    pub score: i32,
}

/// One item of an instrument. `anchors[i]` is the word or description for `allowed[i]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Item {
    pub key: &'static str,
    pub label: &'static str,
    pub allowed: &'static [i32],
    pub anchors: &'static [&'static str],
    /// How to rate the item, when it needs saying (COWS).
    pub hint: Option<&'static str>,
}

impl Item {
    /// The highest allowed score.
    pub fn max(&self) -> i32 {
        self.allowed.iter().copied().max().unwrap_or(0)
    }

    pub fn allows(&self, score: i32) -> bool {
        self.allowed.contains(&score)
    }

    /// The anchor word or description of an allowed score.
    pub fn anchor(&self, score: i32) -> Option<&'static str> {
        let i = self.allowed.iter().position(|&a| a == score)?;
        self.anchors.get(i).copied()
    }
}

/// A band of totals, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Band {
    pub min: i32,
    pub max: i32,
    pub label: &'static str,
}

/// `self_report` is false for an instrument only a clinician may fill in (COWS). `bands` is
/// empty for a checklist that is not a scale. `citation` is the source to show under the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Instrument {
    pub key: &'static str,
    pub name: &'static str,
    pub short_name: &'static str,
    pub self_report: bool,
    pub items: &'static [Item],
    pub bands: &'static [Band],
    pub citation: Option<&'static str>,
    pub note: &'static str,
}

impl Instrument {
    pub fn item(&self, key: &str) -> Option<&'static Item> {
        self.items.iter().find(|i| i.key == key)
    }

    /// The highest possible total: every item at its highest allowed score.
    pub fn max_total(&self) -> i32 {
        self.items.iter().map(Item::max).sum()
    }

    /// Whether totals fall into bands (a scale), as opposed to a plain checklist.
    pub fn is_scored(&self) -> bool {
        !self.bands.is_empty()
    }

    /// The band label of a total, for an instrument with bands.
    pub fn band(&self, total: i32) -> Option<&'static str> {
        self.bands
            .iter()
            .find(|b| (b.min..=b.max).contains(&total))
            .map(|b| b.label)
    }
}

const ZERO_TO_FOUR: &[i32] = &[0, 1, 2, 3, 4];
const SEVERITY: &[&str] = &["None", "Mild", "Moderate", "Severe", "Extreme"];
const SOWS_WORDS: &[&str] = &[
    "Not at all",
    "A little",
    "Moderately",
    "Quite a bit",
    "Extremely",
];

const fn kratom(key: &'static str, label: &'static str) -> Item {
    Item {
        key,
        label,
        allowed: ZERO_TO_FOUR,
        anchors: SEVERITY,
        hint: None,
    }
}

const fn sows(key: &'static str, label: &'static str) -> Item {
    Item {
        key,
        label,
        allowed: ZERO_TO_FOUR,
        anchors: SOWS_WORDS,
        hint: None,
    }
}

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

/// [`KRATOM_ITEMS`] as the checklist's items, each rated 0-4 with the severity words.
const KRATOM_CHECKLIST: [Item; KRATOM_ITEMS.len()] = {
    let mut items = [kratom("", ""); KRATOM_ITEMS.len()];
    let mut i = 0;
    while i < KRATOM_ITEMS.len() {
        items[i] = kratom(KRATOM_ITEMS[i].0, KRATOM_ITEMS[i].1);
        i += 1;
    }
    items
};

/// The kratom withdrawal symptom checklist: the items of [`KRATOM_ITEMS`], in the same order.
/// No validated kratom scale exists, so it has no bands.
pub static KRATOM: Instrument = Instrument {
    key: "kratom",
    name: "Kratom symptom checklist",
    short_name: "Kratom checklist",
    self_report: true,
    items: &KRATOM_CHECKLIST,
    bands: &[],
    citation: None,
    note: "A list of common kratom withdrawal symptoms, not a scored clinical scale.",
};

/// SOWS: 16 self-rated items, 0-4 each, total 0-64. Bands as used in NIDA CTN trial data.
pub static SOWS: Instrument = Instrument {
    key: "sows",
    name: "Subjective Opiate Withdrawal Scale",
    short_name: "SOWS",
    self_report: true,
    items: &[
        sows("sows_anxious", "Anxious"),
        sows("sows_yawning", "Yawning"),
        sows("sows_perspiring", "Perspiring"),
        sows("sows_eyes_tearing", "Eyes tearing"),
        sows("sows_nose_running", "Nose running"),
        sows("sows_gooseflesh", "Gooseflesh"),
        sows("sows_shaking", "Shaking"),
        sows("sows_hot_flushes", "Hot flushes"),
        sows("sows_cold_flushes", "Cold flushes"),
        sows("sows_aches", "Bones and muscles ache"),
        sows("sows_restless", "Restless"),
        sows("sows_nauseous", "Nauseous"),
        sows("sows_vomiting", "Feel like vomiting"),
        sows("sows_twitching", "Muscles twitch"),
        sows("sows_cramps", "Stomach cramps"),
        sows("sows_using", "Feel like using now"),
    ],
    bands: &[
        Band {
            min: 0,
            max: 0,
            label: "none",
        },
        Band {
            min: 1,
            max: 10,
            label: "mild",
        },
        Band {
            min: 11,
            max: 20,
            label: "moderate",
        },
        Band {
            min: 21,
            max: 64,
            label: "severe",
        },
    ],
    citation: Some("Handelsman L, Cochrane KJ, Aronson MJ, et al. Two new rating scales for opiate withdrawal. Am J Drug Alcohol Abuse. 1987;13(3):293-308."),
    note: "Rate how you feel now. Short item names; the printed form is the publisher's.",
};

/// COWS: 11 items rated by a clinician, each with its own allowed scores, total 0-48.
pub static COWS: Instrument = Instrument {
    key: "cows",
    name: "Clinical Opiate Withdrawal Scale",
    short_name: "COWS",
    self_report: false,
    items: &[
        Item {
            key: "cows_pulse",
            label: "Resting pulse",
            allowed: &[0, 1, 2, 4],
            anchors: &[
                "80 or below",
                "81-100",
                "101-120",
                "Above 120",
            ],
            hint: Some("Beats a minute, measured after sitting or lying for one minute."),
        },
        Item {
            key: "cows_sweating",
            label: "Sweating",
            allowed: &[0, 1, 2, 3, 4],
            anchors: &[
                "No report of chills or flushing",
                "Reports chills or flushing",
                "Flushed or observable moistness on the face",
                "Beads of sweat on brow or face",
                "Sweat streaming off the face",
            ],
            hint: Some("Over the past half hour, not explained by room temperature or activity."),
        },
        Item {
            key: "cows_restlessness",
            label: "Restlessness",
            allowed: &[0, 1, 3, 5],
            anchors: &[
                "Able to sit still",
                "Reports difficulty sitting still, but is able to",
                "Frequent shifting or extra movements of legs or arms",
                "Unable to sit still for more than a few seconds",
            ],
            hint: Some("Observed during the assessment."),
        },
        Item {
            key: "cows_pupils",
            label: "Pupil size",
            allowed: &[0, 1, 2, 5],
            anchors: &[
                "Pinned or normal size for the room light",
                "Possibly larger than normal for the room light",
                "Moderately dilated",
                "So dilated that only the rim of the iris is visible",
            ],
            hint: None,
        },
        Item {
            key: "cows_aches",
            label: "Bone or joint aches",
            allowed: &[0, 1, 2, 4],
            anchors: &[
                "Not present",
                "Mild diffuse discomfort",
                "Reports severe diffuse aching of joints or muscles",
                "Rubbing joints or muscles, unable to sit still because of discomfort",
            ],
            hint: Some("If there was pain before, score only what withdrawal adds."),
        },
        Item {
            key: "cows_runny_nose",
            label: "Runny nose or tearing",
            allowed: &[0, 1, 2, 4],
            anchors: &[
                "Not present",
                "Nasal stuffiness or unusually moist eyes",
                "Nose running or tearing",
                "Nose constantly running or tears streaming down the cheeks",
            ],
            hint: Some("Not explained by a cold or allergies."),
        },
        Item {
            key: "cows_gi_upset",
            label: "GI upset",
            allowed: &[0, 1, 2, 3, 5],
            anchors: &[
                "No GI symptoms",
                "Stomach cramps",
                "Nausea or loose stool",
                "Vomiting or diarrhoea",
                "Several episodes of diarrhoea or vomiting",
            ],
            hint: Some("Over the last half hour."),
        },
        Item {
            key: "cows_tremor",
            label: "Tremor",
            allowed: &[0, 1, 2, 4],
            anchors: &[
                "No tremor",
                "Tremor can be felt, but not seen",
                "Slight tremor observable",
                "Gross tremor or muscle twitching",
            ],
            hint: Some("Observed with the hands held out."),
        },
        Item {
            key: "cows_yawning",
            label: "Yawning",
            allowed: &[0, 1, 2, 4],
            anchors: &[
                "No yawning",
                "Once or twice during the assessment",
                "Three or more times during the assessment",
                "Several times a minute",
            ],
            hint: Some("Observed during the assessment."),
        },
        Item {
            key: "cows_anxiety",
            label: "Anxiety or irritability",
            allowed: &[0, 1, 2, 4],
            anchors: &[
                "None",
                "Reports growing irritability or anxiousness",
                "Obviously irritable or anxious",
                "So irritable or anxious that taking part in the assessment is difficult",
            ],
            hint: None,
        },
        Item {
            key: "cows_gooseflesh",
            label: "Gooseflesh skin",
            allowed: &[0, 3, 5],
            anchors: &[
                "Skin is smooth",
                "Gooseflesh can be felt, or hairs standing up on the arms",
                "Prominent gooseflesh",
            ],
            hint: None,
        },
    ],
    bands: &[
        Band {
            min: 0,
            max: 4,
            label: "none",
        },
        Band {
            min: 5,
            max: 12,
            label: "mild",
        },
        Band {
            min: 13,
            max: 24,
            label: "moderate",
        },
        Band {
            min: 25,
            max: 36,
            label: "moderately severe",
        },
        Band {
            min: 37,
            max: 48,
            label: "severe",
        },
    ],
    citation: Some("Wesson DR, Ling W. The Clinical Opiate Withdrawal Scale (COWS). J Psychoactive Drugs. 2003;35(2):253-259."),
    note: "Clinician entry: to be filled in by a clinician, never as self-report.",
};

/// Every instrument Taper knows, the kratom checklist first.
pub const ALL: &[&Instrument] = &[&KRATOM, &SOWS, &COWS];

/// The instrument with this key.
pub fn instrument(key: &str) -> Option<&'static Instrument> {
    ALL.iter().copied().find(|i| i.key == key)
}

/// The built-in instrument an item key belongs to (none for a user-added symptom).
pub fn of_item(key: &str) -> Option<&'static Instrument> {
    ALL.iter().copied().find(|i| i.item(key).is_some())
}

/// A set of answers scored against one instrument.
///
/// `max_total` is the instrument's highest possible total; `answered` how many of its items
/// were answered; `band` is given only when every item is answered and the instrument has bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Score {
    pub total: i32,
    pub max_total: i32,
    pub answered: usize,
    pub complete: bool,
    pub band: Option<&'static str>,
}

/// Scores `items` against `instrument`. Items of other instruments are ignored, and an item
/// answered twice counts once (the first answer).
pub fn score(instrument: &Instrument, items: &[ItemScore]) -> Score {
    let mut total = 0;
    let mut answered = 0;
    for item in instrument.items {
        if let Some(answer) = items.iter().find(|a| a.key == item.key) {
            total += answer.score;
            answered += 1;
        }
    }
    let complete = answered == instrument.items.len();
    Score {
        total,
        max_total: instrument.max_total(),
        answered,
        complete,
        band: if complete {
            instrument.band(total)
        } else {
            None
        },
    }
}

/// The scored instrument (one with bands) whose items these are, with their score. None when
/// the items belong to no scored instrument (the kratom checklist, user-added symptoms).
pub fn scored(items: &[ItemScore]) -> Option<(&'static Instrument, Score)> {
    let instrument = items
        .iter()
        .find_map(|i| of_item(&i.key))
        .filter(|i| i.is_scored())?;
    Some((instrument, score(instrument, items)))
}

/// "0, 1, 2 or 4".
fn allowed_text(allowed: &[i32]) -> String {
    match allowed.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => {
            let rest: Vec<String> = rest.iter().map(i32::to_string).collect();
            format!("{} or {last}", rest.join(", "))
        }
    }
}

/// Refuses a score that `instrument`'s item `key` does not allow, naming the item and the
/// scores it allows (field "items").
pub fn check_item(instrument: &Instrument, key: &str, score: i32) -> Result<()> {
    let item = instrument.item(key).ok_or_else(|| {
        Error::invalid(
            "items",
            format!("“{key}” is not an item of the {}.", instrument.name),
        )
    })?;
    if item.allows(score) {
        return Ok(());
    }
    Err(Error::invalid(
        "items",
        format!(
            "“{}” can be scored {}, not {score}.",
            item.label,
            allowed_text(item.allowed)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn answers(instrument: &Instrument, mut score_of: impl FnMut(&Item) -> i32) -> Vec<ItemScore> {
        instrument
            .items
            .iter()
            .map(|i| ItemScore {
                key: i.key.into(),
                score: score_of(i),
            })
            .collect()
    }

    /// A complete set of answers of `instrument` adding up to `total` (greedy over allowed scores).
    fn answers_totalling(instrument: &Instrument, total: i32) -> Vec<ItemScore> {
        let mut left = total;
        let list = answers(instrument, |item| {
            let s = item
                .allowed
                .iter()
                .copied()
                .filter(|&a| a <= left)
                .max()
                .unwrap_or(0);
            left -= s;
            s
        });
        assert_eq!(left, 0, "{} cannot make {total}", instrument.key);
        list
    }

    #[test]
    fn definitions_are_well_formed() {
        let mut keys = HashSet::new();
        for inst in ALL {
            assert_eq!(instrument(inst.key), Some(*inst));
            for item in inst.items {
                assert!(keys.insert(item.key), "duplicate key {}", item.key);
                assert!(item.key.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
                assert_eq!(item.allowed.len(), item.anchors.len(), "{}", item.key);
                assert!(item.allowed.windows(2).all(|w| w[0] < w[1]), "{}", item.key);
                assert_eq!(item.allowed.first(), Some(&0), "{}", item.key);
                if inst.key != "kratom" {
                    assert!(
                        item.key.starts_with(&format!("{}_", inst.key)),
                        "{}",
                        item.key
                    );
                }
            }
            // Bands, when there are any, cover 0..=max_total without gap or overlap.
            if inst.is_scored() {
                assert_eq!(inst.bands[0].min, 0);
                assert_eq!(inst.bands.last().map(|b| b.max), Some(inst.max_total()));
                assert!(inst.bands.windows(2).all(|w| w[1].min == w[0].max + 1));
                assert!(inst.citation.is_some());
            }
        }
        assert_eq!(instrument("nope"), None);
        assert_eq!(of_item("cows_pulse").map(|i| i.key), Some("cows"));
        assert_eq!(of_item("aches").map(|i| i.key), Some("kratom"));
        assert_eq!(of_item("custom_cough"), None);
    }

    #[test]
    fn kratom_is_the_built_in_checklist_without_bands() {
        let items: Vec<(&str, &str)> = KRATOM.items.iter().map(|i| (i.key, i.label)).collect();
        assert_eq!(items, KRATOM_ITEMS);
        assert!(KRATOM.self_report);
        assert!(!KRATOM.is_scored());
        assert!(KRATOM.items.iter().all(|i| i.allowed == [0, 1, 2, 3, 4]));
        let all = score(&KRATOM, &answers(&KRATOM, |_| 4));
        assert_eq!((all.total, all.max_total, all.complete), (56, 56, true));
        assert_eq!(all.band, None, "a checklist is never banded");
        assert_eq!(scored(&answers(&KRATOM, |_| 2)), None);
    }

    #[test]
    fn sows_has_sixteen_items_zero_to_four_totalling_sixty_four() {
        assert_eq!(SOWS.items.len(), 16);
        assert!(SOWS.self_report);
        assert!(SOWS.items.iter().all(|i| i.allowed == [0, 1, 2, 3, 4]));
        assert_eq!(SOWS.items[0].label, "Anxious");
        assert_eq!(SOWS.items[15].label, "Feel like using now");
        assert_eq!(SOWS.items[0].anchor(4), Some("Extremely"));
        assert_eq!(SOWS.max_total(), 64);
        let min = score(&SOWS, &answers(&SOWS, |_| 0));
        let max = score(&SOWS, &answers(&SOWS, Item::max));
        assert_eq!(
            min,
            Score {
                total: 0,
                max_total: 64,
                answered: 16,
                complete: true,
                band: Some("none")
            }
        );
        assert_eq!((max.total, max.band), (64, Some("severe")));
        assert!(SOWS.citation.is_some_and(|c| c.contains("Handelsman")));
    }

    #[test]
    fn sows_band_boundaries() {
        for (total, band) in [
            (0, "none"),
            (1, "mild"),
            (10, "mild"),
            (11, "moderate"),
            (20, "moderate"),
            (21, "severe"),
            (64, "severe"),
        ] {
            let s = score(&SOWS, &answers_totalling(&SOWS, total));
            assert_eq!((s.total, s.complete), (total, true));
            assert_eq!(s.band, Some(band), "SOWS {total}");
            assert_eq!(SOWS.band(total), Some(band));
        }
        assert_eq!(SOWS.band(-1), None);
        assert_eq!(SOWS.band(65), None);
    }

    #[test]
    fn cows_items_allowed_scores_and_maximum() {
        assert!(!COWS.self_report, "never offered as self-report");
        assert_eq!(COWS.items.len(), 11);
        let allowed: Vec<(&str, &[i32])> =
            COWS.items.iter().map(|i| (i.label, i.allowed)).collect();
        assert_eq!(
            allowed,
            [
                ("Resting pulse", &[0, 1, 2, 4][..]),
                ("Sweating", &[0, 1, 2, 3, 4][..]),
                ("Restlessness", &[0, 1, 3, 5][..]),
                ("Pupil size", &[0, 1, 2, 5][..]),
                ("Bone or joint aches", &[0, 1, 2, 4][..]),
                ("Runny nose or tearing", &[0, 1, 2, 4][..]),
                ("GI upset", &[0, 1, 2, 3, 5][..]),
                ("Tremor", &[0, 1, 2, 4][..]),
                ("Yawning", &[0, 1, 2, 4][..]),
                ("Anxiety or irritability", &[0, 1, 2, 4][..]),
                ("Gooseflesh skin", &[0, 3, 5][..]),
            ]
        );
        assert_eq!(COWS.items.iter().map(Item::max).sum::<i32>(), 48);
        assert_eq!(COWS.max_total(), 48);
        let min = score(&COWS, &answers(&COWS, |_| 0));
        let max = score(&COWS, &answers(&COWS, Item::max));
        assert_eq!((min.total, min.band), (0, Some("none")));
        assert_eq!(
            (max.total, max.max_total, max.band),
            (48, 48, Some("severe"))
        );
        assert!(COWS.citation.is_some_and(|c| c.contains("Wesson")));
    }

    #[test]
    fn cows_band_boundaries() {
        for (total, band) in [
            (0, "none"),
            (4, "none"),
            (5, "mild"),
            (12, "mild"),
            (13, "moderate"),
            (24, "moderate"),
            (25, "moderately severe"),
            (36, "moderately severe"),
            (37, "severe"),
            (48, "severe"),
        ] {
            let s = score(&COWS, &answers_totalling(&COWS, total));
            assert_eq!((s.total, s.complete), (total, true));
            assert_eq!(s.band, Some(band), "COWS {total}");
        }
    }

    #[test]
    fn a_partly_answered_form_is_incomplete_and_has_no_band() {
        let mut some = answers(&SOWS, |_| 3);
        some.truncate(15);
        let s = score(&SOWS, &some);
        assert_eq!(
            s,
            Score {
                total: 45,
                max_total: 64,
                answered: 15,
                complete: false,
                band: None
            }
        );
        let none = score(&SOWS, &[]);
        assert_eq!(
            (none.total, none.answered, none.complete, none.band),
            (0, 0, false, None)
        );
        let (inst, s) = scored(&some).expect("SOWS items");
        assert_eq!((inst.key, s.complete), ("sows", false));
    }

    #[test]
    fn score_counts_only_the_instruments_items() {
        let mut list = answers(&SOWS, |_| 1);
        list.push(ItemScore {
            key: "aches".into(),
            score: 4,
        });
        list.push(ItemScore {
            key: "cows_pulse".into(),
            score: 4,
        });
        list.push(ItemScore {
            key: "no_such_item".into(),
            score: 4,
        });
        let s = score(&SOWS, &list);
        assert_eq!(
            (s.total, s.answered, s.complete, s.band),
            (16, 16, true, Some("moderate"))
        );
    }

    #[test]
    fn check_item_refuses_scores_the_item_does_not_allow() {
        let e = check_item(&COWS, "cows_pulse", 3).expect_err("3 is not a pulse score");
        assert_eq!(e.field(), Some("items"));
        let msg = e.to_string();
        assert!(msg.contains("Resting pulse"), "{msg}");
        assert!(msg.contains("0, 1, 2 or 4"), "{msg}");
        for s in [0, 1, 2, 4] {
            check_item(&COWS, "cows_pulse", s).expect("allowed");
        }
        for (key, bad) in [
            ("cows_restlessness", 2),
            ("cows_restlessness", 4),
            ("cows_gooseflesh", 1),
            ("cows_gi_upset", 4),
            ("cows_sweating", 5),
            ("cows_pupils", -1),
        ] {
            assert!(check_item(&COWS, key, bad).is_err(), "{key} {bad}");
        }
        check_item(&COWS, "cows_gooseflesh", 5).expect("allowed");
        assert!(check_item(&SOWS, "sows_anxious", 5).is_err());
        check_item(&SOWS, "sows_anxious", 4).expect("allowed");
        let e = check_item(&SOWS, "cows_pulse", 1).expect_err("not a SOWS item");
        assert_eq!(e.field(), Some("items"));
        assert_eq!(allowed_text(&[0, 3, 5]), "0, 3 or 5");
        assert_eq!(allowed_text(&[2]), "2");
    }
}
