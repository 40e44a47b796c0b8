//! The app's promises about what the window may do, checked against its config files. This
//! fails when the CSP or a capability file grants more than docs/security.md lists.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

include!("../src/declared.rs");

macro_rules! names_of {
    ($( $(#[doc = $doc:literal])* $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty; )*) => {
        vec![$(stringify!($name).to_owned()),*]
    };
}

/// The declared commands (`src/declared.rs`), which build.rs generates permissions for.
fn commands() -> Vec<String> {
    declare_commands!(names_of)
}

#[test]
fn the_csp_is_exactly_the_documented_one() {
    let conf = read_json(&root().join("src-tauri/tauri.conf.json"));
    let csp = conf["app"]["security"]["csp"]
        .as_object()
        .expect("the CSP is a map of directives");
    let got: BTreeMap<&str, &str> = csp
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str().expect("directive text")))
        .collect();
    let want: BTreeMap<&str, &str> = [
        ("default-src", "'self'"),
        ("script-src", "'self'"),
        ("style-src", "'self'"),
        ("img-src", "'self' data:"),
        ("font-src", "'self'"),
        ("connect-src", "ipc: http://ipc.localhost"),
        ("object-src", "'none'"),
        ("base-uri", "'none'"),
        ("form-action", "'none'"),
        ("frame-ancestors", "'none'"),
    ]
    .into_iter()
    .collect();
    assert_eq!(got, want, "update docs/security.md and this test together");
    for (k, v) in &got {
        for bad in [
            "'unsafe-inline'",
            "'unsafe-eval'",
            "*",
            "https:",
            "http:",
            "ws:",
            "wss:",
        ] {
            let tokens: Vec<&str> = v.split_whitespace().collect();
            assert!(!tokens.contains(&bad), "{k} allows {bad}");
        }
    }
    assert_eq!(conf["app"]["security"]["freezePrototype"], true);
    assert_eq!(conf["app"]["withGlobalTauri"], false);
}

#[test]
fn the_window_may_call_only_tapers_own_commands() {
    let dir = root().join("src-tauri/capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("capabilities")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "one capability file: {files:?}");
    let cap = read_json(&files[0]);
    assert_eq!(cap["identifier"], "main-window");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(
        cap.get("remote").is_none(),
        "no remote URLs may use the IPC"
    );
    let granted: Vec<String> = cap["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a plain permission name").to_owned())
        .collect();
    let mut want: Vec<String> = commands()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    let mut got = granted.clone();
    want.sort();
    got.sort();
    assert_eq!(
        got, want,
        "exactly one allow-<command> per app command, nothing else"
    );
    // No plugin permission (they are written "plugin:..."), no core defaults.
    assert!(granted.iter().all(|p| !p.contains(':')), "{granted:?}");
    let conf = read_json(&root().join("src-tauri/tauri.conf.json"));
    assert_eq!(
        conf["app"]["security"]["capabilities"],
        serde_json::json!(["main-window"])
    );
}
