//! Display positions in the symptom catalogue. A position only orders the items of one
//! instrument; the numbers themselves mean nothing. New items go after the last one, with checked
//! arithmetic: whatever number a diary holds (an old import, a file edited by hand), adding a
//! symptom or reading the catalogue never overflows.

use rusqlite::{named_params, Connection};

use crate::error::Result;

/// Highest position Taper gives a catalogue item, and the highest a backup may carry.
pub const MAX_POSITION: i32 = 10_000;

/// The position for a new item at the end of `instrument`'s list: one after the highest there
/// (0 for an empty list). When that would pass [`MAX_POSITION`] (or a stored position is
/// negative), the instrument's items are first renumbered 0, 1, 2… in their display order
/// (position, then key), so the order is kept and the numbers stay small. Runs inside the
/// caller's transaction.
pub fn next_position(conn: &Connection, instrument: &str) -> Result<i32> {
    let (max, min): (Option<i64>, Option<i64>) = conn
        .prepare_cached(
            "SELECT max(position) AS highest, min(position) AS lowest FROM symptom
             WHERE instrument = :instrument",
        )?
        .query_row(named_params! {":instrument": instrument}, |r| {
            Ok((r.get("highest")?, r.get("lowest")?))
        })?;
    let next = match max {
        None => Some(0),
        Some(max) => max.checked_add(1),
    };
    match next.and_then(|n| i32::try_from(n).ok()) {
        Some(n) if min.unwrap_or(0) >= 0 && n <= MAX_POSITION => Ok(n),
        _ => renumber(conn, instrument),
    }
}

/// Renumbers `instrument`'s items 0, 1, 2… in display order; returns the next free position.
fn renumber(conn: &Connection, instrument: &str) -> Result<i32> {
    let keys: Vec<String> = conn
        .prepare_cached(
            "SELECT key FROM symptom WHERE instrument = :instrument ORDER BY position, key",
        )?
        .query_map(named_params! {":instrument": instrument}, |r| r.get("key"))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update =
        conn.prepare_cached("UPDATE symptom SET position = :position WHERE key = :key")?;
    for (i, key) in keys.iter().enumerate() {
        update.execute(named_params! {
            ":position": i64::try_from(i).unwrap_or(i64::MAX),
            ":key": key,
        })?;
    }
    Ok(i32::try_from(keys.len()).unwrap_or(MAX_POSITION))
}

/// A stored position (the row's column `column`) as the catalogue shows it: any integer the
/// (STRICT) table holds, clamped into `i32`, so an out-of-range number cannot make the
/// catalogue unreadable.
pub(crate) fn stored_position(row: &rusqlite::Row<'_>, column: &str) -> rusqlite::Result<i32> {
    let raw: i64 = row.get(column)?;
    Ok(i32::try_from(raw.clamp(i64::from(i32::MIN), i64::from(i32::MAX))).unwrap_or(0))
}
