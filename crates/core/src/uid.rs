//! An entry's stable identity: a random (version 4) UUID given to a dose, check-in or medicine
//! entry when it is first saved, in the form `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` (lowercase,
//! 36 characters). It never changes: an edit, a deletion, an export and an import all keep it,
//! so a backup merged into another diary meets its own entries again by identity, not by
//! content.

use uuid::Uuid;

use crate::error::{Error, Result};

/// A new identity for an entry being saved for the first time.
pub fn new_uid() -> String {
    Uuid::new_v4().hyphenated().to_string()
}

/// The namespace of Taper's name-based ids (a version 4 UUID made once for Taper; never change
/// it, or every id derived from a name changes).
const TAPER_NAMESPACE: Uuid = Uuid::from_u128(0x5d0f_6f2e_8b7c_4a39_9e41_2c7a_d3b8_61f4);

/// A stable id from a name: the version 5 (SHA-1, name-based) UUID of `name` in Taper's
/// namespace. The same name always gives the same id (FHIR resource ids, the PDF's document
/// id), so the same diary exports the same files.
pub fn name_uid(name: &[u8]) -> Uuid {
    Uuid::new_v5(&TAPER_NAMESPACE, name)
}

/// An identity read from a file: any UUID in any of the usual spellings, kept in the lowercase
/// hyphenated form the diary stores. The nil UUID is refused. Errors: `Error::Invalid` on
/// `field` ("… is not an entry identity (a UUID)").
pub fn parse_uid(field: &'static str, text: &str) -> Result<String> {
    match Uuid::try_parse(text.trim()) {
        Ok(u) if !u.is_nil() => Ok(u.hyphenated().to_string()),
        _ => Err(Error::invalid(
            field,
            format!(
                "{:?} is not an entry identity (a UUID such as 1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b).",
                text.chars().take(40).collect::<String>()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_identities_are_distinct_lowercase_uuids_that_parse_back_unchanged() {
        let a = new_uid();
        let b = new_uid();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(parse_uid("id", &a).expect("parses"), a);
        assert_eq!(
            parse_uid("id", &a.to_uppercase()).expect("upper case"),
            a,
            "kept in one spelling"
        );
        assert!(parse_uid("id", "00000000-0000-0000-0000-000000000000").is_err());
        assert!(parse_uid("id", "dose-1").is_err());
    }
}
