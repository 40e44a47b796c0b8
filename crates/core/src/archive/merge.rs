//! How a row of an imported file meets the diary's entries of its kind.
//!
//! A row with an identity (a backup from this version of Taper on) is matched by identity only:
//! not in the diary, it is added; in the diary, the newer change wins (a deletion is a change),
//! so an older backup never brings back an old version of an edited entry. Two different
//! versions changed in the same second are told apart by their content (the greater wins), so
//! merging each of two diaries into the other leaves both the same. A row without an
//! identity (an older backup, a spreadsheet) is matched by content, against the rows the diary
//! held before the import and never against other rows of the same file: two identical doses in
//! a file are two doses. Each diary row answers for at most one row of the file.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::day::parse_time;
use crate::error::Result;

/// When an entry was created, last changed and (if so) deleted, and its identity, as a file or
/// the diary records them. Times are RFC 3339 with an offset.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stamps {
    pub uid: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

impl Stamps {
    /// When the entry last changed: the later of its last edit and its deletion (older diaries
    /// did not move `updated_at` on a deletion). A time that does not parse counts as the
    /// earliest, so it never wins over one that does.
    pub fn changed_at(&self) -> DateTime<Utc> {
        let at = |t: &str| {
            parse_time("updated_at", t)
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or(DateTime::<Utc>::MIN_UTC)
        };
        let updated = at(&self.updated_at);
        match &self.deleted_at {
            Some(d) => updated.max(at(d)),
            None => updated,
        }
    }
}

/// What becomes of one row of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fate {
    /// New to the diary: written as a new entry (keeping the file's identity, or a new one).
    Add,
    /// The file's version is newer: the diary's entry with this id takes it.
    Update(i64),
    /// The diary's version is newer: kept as it is.
    KeptNewer,
    /// The same entry, the same version (or, without an identity, the same content).
    AlreadyThere,
    /// Without an identity, the same content as an entry deleted in this diary (the id): it
    /// stays deleted.
    MatchedDeleted(i64),
}

/// A diary row: its id, when it last changed, whether it is deleted, and (for a row with an
/// identity) its whole version as text.
#[derive(Debug, Clone)]
struct Present {
    id: i64,
    changed_at: DateTime<Utc>,
    deleted: bool,
    version: String,
}

/// The diary's entries of one kind as they were before the import.
#[derive(Debug, Default)]
pub(crate) struct Diary {
    by_uid: HashMap<String, Present>,
    /// Unused rows by content (live first, then deleted), each used by at most one file row.
    by_content: HashMap<String, Vec<Present>>,
}

impl Diary {
    /// Adds one diary row: `content` is the row's content key and `version` its whole version
    /// (every field and its stamps), each made by the same function as the file rows'.
    pub fn insert(&mut self, id: i64, stamps: &Stamps, content: String, version: String) {
        let present = Present {
            id,
            changed_at: stamps.changed_at(),
            deleted: stamps.deleted_at.is_some(),
            version,
        };
        if let Some(uid) = &stamps.uid {
            self.by_uid.insert(uid.clone(), present.clone());
        }
        self.by_content.entry(content).or_default().push(present);
    }

    /// The fate of a file row with these stamps, content key and whole version. Rows without
    /// an identity use up the diary row they match.
    pub fn fate(&mut self, stamps: &Stamps, content: &str, version: &str) -> Fate {
        if let Some(uid) = &stamps.uid {
            return match self.by_uid.get(uid) {
                None => Fate::Add,
                Some(p) => match (stamps.changed_at(), version).cmp(&(p.changed_at, &p.version)) {
                    std::cmp::Ordering::Greater => Fate::Update(p.id),
                    std::cmp::Ordering::Less => Fate::KeptNewer,
                    std::cmp::Ordering::Equal => Fate::AlreadyThere,
                },
            };
        }
        let Some(candidates) = self.by_content.get_mut(content) else {
            return Fate::Add;
        };
        let deleted = stamps.deleted_at.is_some();
        // A live row matches a live diary row, else a deleted one; a deleted row only a deleted
        // one (adding a deleted row changes nothing anyone sees).
        let pick = candidates
            .iter()
            .position(|p| p.deleted == deleted)
            .or_else(|| {
                if deleted {
                    None
                } else {
                    candidates.iter().position(|p| p.deleted)
                }
            });
        match pick {
            None => Fate::Add,
            Some(i) => {
                let p = candidates.swap_remove(i);
                if p.deleted && !deleted {
                    Fate::MatchedDeleted(p.id)
                } else {
                    Fate::AlreadyThere
                }
            }
        }
    }
}

/// Reads the stamps of a diary row from its columns `uid`, `created_at`, `updated_at` and
/// `deleted_at`.
pub(crate) fn stamps_of(r: &rusqlite::Row<'_>) -> Result<Stamps> {
    let uid: String = r.get("uid")?;
    Ok(Stamps {
        uid: (!uid.is_empty()).then_some(uid),
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
        deleted_at: r.get("deleted_at")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamps(uid: Option<&str>, updated: &str, deleted: Option<&str>) -> Stamps {
        Stamps {
            uid: uid.map(str::to_owned),
            created_at: "2026-11-01T08:00:00Z".into(),
            updated_at: updated.into(),
            deleted_at: deleted.map(str::to_owned),
        }
    }

    #[test]
    fn rows_with_an_identity_meet_their_entry_and_the_newer_change_wins() {
        let mut diary = Diary::default();
        diary.insert(
            1,
            &stamps(Some("a"), "2026-11-02T08:00:00Z", None),
            "x".into(),
            "v".into(),
        );
        let older = stamps(Some("a"), "2026-11-01T09:00:00Z", None);
        let newer = stamps(Some("a"), "2026-11-03T08:00:00Z", None);
        let same = stamps(Some("a"), "2026-11-02T09:00:00+01:00", None);
        let deleted_later = stamps(
            Some("a"),
            "2026-11-01T09:00:00Z",
            Some("2026-11-04T08:00:00Z"),
        );
        assert_eq!(diary.fate(&older, "x", "v2"), Fate::KeptNewer);
        assert_eq!(diary.fate(&newer, "other", "v2"), Fate::Update(1));
        assert_eq!(diary.fate(&same, "x", "v"), Fate::AlreadyThere);
        // Changed in the same second, differently: the greater version wins, on either side.
        assert_eq!(diary.fate(&same, "x", "w"), Fate::Update(1));
        assert_eq!(diary.fate(&same, "x", "u"), Fate::KeptNewer);
        assert_eq!(diary.fate(&deleted_later, "x", "v"), Fate::Update(1));
        assert_eq!(
            diary.fate(&stamps(Some("b"), "2026-11-01T09:00:00Z", None), "x", "v"),
            Fate::Add,
            "an unknown identity is new even when the content is the same"
        );
    }

    #[test]
    fn rows_without_an_identity_use_up_one_diary_row_each() {
        let mut diary = Diary::default();
        let live = stamps(None, "2026-11-02T08:00:00Z", None);
        let gone = stamps(None, "2026-11-02T08:00:00Z", Some("2026-11-02T09:00:00Z"));
        diary.insert(1, &live, "x".into(), String::new());
        diary.insert(2, &gone, "y".into(), String::new());
        assert_eq!(diary.fate(&live, "x", ""), Fate::AlreadyThere);
        assert_eq!(
            diary.fate(&live, "x", ""),
            Fate::Add,
            "the second copy is a dose of its own"
        );
        assert_eq!(diary.fate(&live, "y", ""), Fate::MatchedDeleted(2));
        assert_eq!(
            diary.fate(&gone, "y", ""),
            Fate::Add,
            "that deleted row is used up"
        );
        assert_eq!(diary.fate(&gone, "z", ""), Fate::Add);
    }
}
