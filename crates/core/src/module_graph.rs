//! No two modules of the core import each other, directly or round a longer loop: each
//! module's imports are read from its source (tests left out) and the graph checked for
//! cycles. A module and its own submodules (`store` and `store::snapshots`) are one family and may
//! refer to each other; siblings and strangers may not go round in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `crate::store::snapshots` for `store/snapshots.rs`, `crate` for `lib.rs`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(src)
        .expect("under src")
        .with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    std::iter::once("crate".to_owned())
        .chain(parts)
        .collect::<Vec<_>>()
        .join("::")
}

/// The code of a file before its unit tests (`#[cfg(test)]`, which Taper keeps at the end),
/// without comments (a doc comment naming a module is no import).
fn without_tests(text: &str) -> String {
    let code = text.find("#[cfg(test)]").map_or(text, |i| &text[..i]);
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules `text` (of module `me`) refers to through `crate::…` and `super::…` paths,
/// each taken as the longest path that names a module in `known`.
fn references(me: &str, text: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let parent = me.rsplit_once("::").map_or("crate", |(p, _)| p).to_owned();
    let mut found = BTreeSet::new();
    let resolve = |base: &str, rest: &str, found: &mut BTreeSet<String>| {
        let mut path = base.to_owned();
        let mut best = None;
        for part in rest.split("::") {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name.is_empty() {
                break;
            }
            path = format!("{path}::{name}");
            if known.contains(&path) {
                best = Some(path.clone());
            }
            if name.len() != part.len() {
                break;
            }
        }
        if let Some(m) = best {
            found.insert(m);
        }
    };
    for (prefix, base) in [("crate::", "crate".to_owned()), ("super::", parent)] {
        let mut rest = text;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().last();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    resolve(&base, item.trim(), &mut found);
                }
            } else {
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(rest.len());
                resolve(&base, &rest[..end], &mut found);
            }
        }
    }
    found
}

/// Whether `a` is `b`, or one of them contains the other.
fn same_family(a: &str, b: &str) -> bool {
    a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"))
}

/// Every import between modules of different families.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let known: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    files
        .iter()
        .map(|f| {
            let me = module_of(&src, f);
            let text = std::fs::read_to_string(f).expect("read");
            let refs = references(&me, &without_tests(&text), &known)
                .into_iter()
                .filter(|m| !same_family(&me, m))
                .collect();
            (me, refs)
        })
        .collect()
}

/// A cycle through `start`, if there is one: the modules round it.
fn cycle_from(
    start: &str,
    at: &str,
    graph: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
    seen: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    for next in graph.get(at).into_iter().flatten() {
        if next == start {
            let mut round = path.clone();
            round.push(start.to_owned());
            return Some(round);
        }
        if seen.insert(next.clone()) {
            path.push(next.clone());
            if let Some(found) = cycle_from(start, next, graph, path, seen) {
                return Some(found);
            }
            path.pop();
        }
    }
    None
}

/// Every cycle in `graph`, one per module on it, as "a → b → a".
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    graph
        .keys()
        .filter_map(|m| {
            cycle_from(m, m, graph, &mut vec![m.clone()], &mut BTreeSet::new())
                .map(|round| round.join(" → "))
        })
        .collect()
}

#[test]
fn no_two_modules_of_the_core_import_each_other() {
    let graph = graph();
    assert!(
        graph
            .get("crate::checkin")
            .is_some_and(|r| r.contains("crate::instrument")),
        "the reader finds imports: {graph:?}"
    );
    let cycles = cycles(&graph);
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

/// [`graph`] with every module taken as the top-level module it belongs to (`crate::store` for
/// `crate::store::doses`).
fn top_level_graph() -> BTreeMap<String, BTreeSet<String>> {
    let top = |m: &str| m.split("::").take(2).collect::<Vec<_>>().join("::");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, refs) in graph() {
        let entry = out.entry(top(&from)).or_default();
        entry.extend(refs.iter().map(|r| top(r)).filter(|r| *r != top(&from)));
    }
    out
}

#[test]
fn no_two_top_level_modules_of_the_core_import_each_other() {
    let graph = top_level_graph();
    let cycles = cycles(&graph);
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_reader_sees_a_cycle_when_there_is_one() {
    let known: BTreeSet<String> = ["crate", "crate::a", "crate::b", "crate::b::c"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    let a = references("crate::a", "use crate::b::c::Thing;\nfn f() {}", &known);
    assert_eq!(a.into_iter().collect::<Vec<_>>(), ["crate::b::c"]);
    let c = references(
        "crate::b::c",
        "use super::{Other, super::a};\nuse crate::a::X;",
        &known,
    );
    assert!(c.contains("crate::a"), "{c:?}");
    let graph: BTreeMap<String, BTreeSet<String>> =
        [("crate::a", "crate::b::c"), ("crate::b::c", "crate::a")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), BTreeSet::from([v.to_owned()])))
            .collect();
    let round = cycle_from(
        "crate::a",
        "crate::a",
        &graph,
        &mut vec!["crate::a".to_owned()],
        &mut BTreeSet::new(),
    );
    assert_eq!(
        round.map(|r| r.join(" → ")).as_deref(),
        Some("crate::a → crate::b::c → crate::a")
    );
}
