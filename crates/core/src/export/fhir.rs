//! A FHIR R4 JSON Bundle (type "collection") of the diary days `from..=to`:
//!
//! - one `Patient` without identifying data (the subject every entry refers to);
//! - a `QuestionnaireResponse` per check-in: one item per symptom score (linkId = the symptom
//!   key), plus craving, hours slept, sleep quality and mood when given;
//! - an `Observation` (category `survey`) per check-in total, and one for craving, each with
//!   `derivedFrom` pointing at the check-in's QuestionnaireResponse;
//! - a `MedicationAdministration` per kratom dose (dose quantity in UCUM `g`) and per other
//!   medicine entry (its own free unit, without a UCUM code).
//!
//! No LOINC codes exist for SOWS, COWS or craving, so codes come from Taper's own code system
//! [`CODE_SYSTEM`]. `fullUrl`s are `urn:uuid:` ids derived from the row ids, so exporting the
//! same diary twice gives the same document; every reference resolves inside the bundle.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};

use super::{bounds, now_text};
use crate::error::Result;
use crate::instrument;
use crate::store::Store;

/// Taper's code system for its instruments, totals and kratom.
pub const CODE_SYSTEM: &str = "https://taper.app/fhir/CodeSystem/taper";
/// UCUM, for grams.
pub const UCUM: &str = "http://unitsofmeasure.org";
const CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
const QUESTIONNAIRE: &str = "https://taper.app/fhir/Questionnaire/";

/// A stable `urn:uuid:` id from a name ([`crate::uid::name_uid`]), so the same diary gives the
/// same bundle.
fn uuid(name: &str) -> String {
    format!(
        "urn:uuid:{}",
        crate::uid::name_uid(name.as_bytes()).hyphenated()
    )
}

fn coding(code: &str, display: &str) -> Value {
    json!({ "system": CODE_SYSTEM, "code": code, "display": display })
}

fn entry(full_url: &str, resource: Value) -> Value {
    json!({ "fullUrl": full_url, "resource": resource })
}

/// The Bundle for the diary days `from..=to` (everything when a bound is `None`); `now` is
/// the Bundle's timestamp.
pub fn fhir_bundle(
    store: &Store,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Value> {
    let (a, b) = bounds(from, to);
    let labels: std::collections::HashMap<String, String> = store
        .all_symptoms()?
        .into_iter()
        .map(|s| (s.key, s.label))
        .collect();
    let patient = uuid("taper:patient");
    let subject = json!({ "reference": patient });
    let mut entries = vec![entry(
        &patient,
        json!({
            "resourceType": "Patient",
            "id": patient.trim_start_matches("urn:uuid:"),
            "active": true,
        }),
    )];
    let mut checkins = store.checkins_between(a, b)?;
    checkins.reverse();
    for c in &checkins {
        let qr = uuid(&format!("taper:checkin:{}", c.id));
        let inst = instrument::instrument(&c.instrument);
        let name = inst.map_or(c.instrument.as_str(), |i| i.name);
        let mut items: Vec<Value> = c
            .items
            .iter()
            .map(|it| {
                json!({
                    "linkId": it.key,
                    "text": labels.get(&it.key).cloned().unwrap_or_else(|| it.key.clone()),
                    "answer": [{ "valueInteger": it.score }],
                })
            })
            .collect();
        let mut extra = |link: &str, text: &str, answer: Value| {
            items.push(json!({ "linkId": link, "text": text, "answer": [answer] }));
        };
        if let Some(v) = c.craving {
            extra("craving", "Craving (0-10)", json!({ "valueInteger": v }));
        }
        if let Some(v) = c.sleep_hours {
            extra("sleep_hours", "Hours slept", json!({ "valueDecimal": v }));
        }
        if let Some(v) = c.sleep_quality {
            extra(
                "sleep_quality",
                "Sleep quality (0-4)",
                json!({ "valueInteger": v }),
            );
        }
        if let Some(v) = c.mood {
            extra("mood", "Mood (0-4)", json!({ "valueInteger": v }));
        }
        if let Some(v) = &c.note {
            extra("note", "Note", json!({ "valueString": v }));
        }
        entries.push(entry(
            &qr,
            json!({
                "resourceType": "QuestionnaireResponse",
                "id": qr.trim_start_matches("urn:uuid:"),
                "questionnaire": format!("{QUESTIONNAIRE}{}", c.instrument),
                "status": if c.complete { "completed" } else { "in-progress" },
                "subject": subject,
                "authored": c.taken_at,
                "item": items,
            }),
        ));
        let survey =
            json!([{ "coding": [{ "system": CATEGORY, "code": "survey", "display": "Survey" }] }]);
        if !c.items.is_empty() {
            let obs = uuid(&format!("taper:checkin:{}:total", c.id));
            let mut o = json!({
                "resourceType": "Observation",
                "id": obs.trim_start_matches("urn:uuid:"),
                "status": "final",
                "category": survey,
                "code": {
                    "coding": [coding(&format!("{}-total", c.instrument), &format!("{name} total score"))],
                    "text": format!("{name} total score"),
                },
                "subject": subject,
                "effectiveDateTime": c.taken_at,
                "valueInteger": c.total,
                "derivedFrom": [{ "reference": qr }],
            });
            if let Some(band) = &c.band {
                o["interpretation"] = json!([{ "text": band }]);
            }
            if !c.complete {
                o["note"] = json!([{ "text": format!("Not every item was rated; the total is of the {} rated items (highest possible {}).", c.items.len(), c.max_total) }]);
            }
            entries.push(entry(&obs, o));
        }
        if let Some(v) = c.craving {
            let obs = uuid(&format!("taper:checkin:{}:craving", c.id));
            entries.push(entry(
                &obs,
                json!({
                    "resourceType": "Observation",
                    "id": obs.trim_start_matches("urn:uuid:"),
                    "status": "final",
                    "category": survey,
                    "code": { "coding": [coding("craving", "Craving (0-10)")], "text": "Craving (0-10)" },
                    "subject": subject,
                    "effectiveDateTime": c.taken_at,
                    "valueInteger": v,
                    "derivedFrom": [{ "reference": qr }],
                }),
            ));
        }
    }
    for d in store.doses_between(a, b)? {
        let id = uuid(&format!("taper:dose:{}", d.id));
        let text = match &d.product {
            Some(p) => format!("Kratom ({}, {p})", d.form.as_str()),
            None => format!("Kratom ({})", d.form.as_str()),
        };
        let mut r = json!({
            "resourceType": "MedicationAdministration",
            "id": id.trim_start_matches("urn:uuid:"),
            "status": "completed",
            "medicationCodeableConcept": { "coding": [coding("kratom", "Kratom")], "text": text },
            "subject": subject,
            "effectiveDateTime": d.taken_at,
            "dosage": {
                "text": format!("{} {}{}", d.amount_entered, d.unit.as_str(), if d.estimated { " (estimated)" } else { "" }),
                "dose": { "value": d.amount_g, "unit": "g", "system": UCUM, "code": "g" },
            },
        });
        if let Some(n) = &d.note {
            r["note"] = json!([{ "text": n }]);
        }
        entries.push(entry(&id, r));
    }
    for m in store.medicines_between(a, b)? {
        let id = uuid(&format!("taper:medicine:{}", m.id));
        let mut r = json!({
            "resourceType": "MedicationAdministration",
            "id": id.trim_start_matches("urn:uuid:"),
            "status": "completed",
            "medicationCodeableConcept": { "text": m.name },
            "subject": subject,
            "effectiveDateTime": m.taken_at,
        });
        if let Some(amount) = m.amount {
            let mut dose = json!({ "value": amount });
            if let Some(u) = &m.unit {
                dose["unit"] = json!(u);
            }
            r["dosage"] = json!({ "dose": dose });
        }
        if let Some(n) = &m.note {
            r["note"] = json!([{ "text": n }]);
        }
        entries.push(entry(&id, r));
    }
    Ok(json!({
        "resourceType": "Bundle",
        "id": uuid(&format!("taper:bundle:{a}:{b}")).trim_start_matches("urn:uuid:"),
        "type": "collection",
        "timestamp": now_text(now),
        "entry": entries,
    }))
}

#[cfg(test)]
mod tests {
    use super::uuid;

    #[test]
    fn uuids_are_stable_well_formed_and_distinct() {
        let a = uuid("taper:dose:1");
        assert_eq!(a, uuid("taper:dose:1"));
        assert_ne!(a, uuid("taper:dose:2"));
        let hex = a.trim_start_matches("urn:uuid:");
        let parts: Vec<&str> = hex.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('5'), "version 5: {a}");
        assert!(
            matches!(parts[3].chars().next(), Some('8' | '9' | 'a' | 'b')),
            "{a}"
        );
    }
}
