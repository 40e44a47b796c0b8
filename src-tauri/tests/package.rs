//! What the packages are made of (scripts/package.sh builds them; scripts/test-package.sh checks
//! the built .deb): checked here without building, so CI catches a missing icon or template.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn config() -> Value {
    let text = std::fs::read_to_string(here().join("tauri.conf.json")).expect("tauri.conf.json");
    serde_json::from_str(&text).expect("tauri.conf.json is JSON")
}

/// A path of the config, which is relative to the config's folder.
fn from_config(v: &Value) -> PathBuf {
    here().join(v.as_str().expect("a path"))
}

/// Width and height of a PNG and whether it has an alpha channel (the bundler needs RGBA).
fn png(path: &Path) -> (u32, u32, bool) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is not a PNG",
        path.display()
    );
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    // IHDR: width, height, bit depth, colour type (6 = RGBA).
    (be(16), be(20), bytes[25] == 6)
}

#[test]
fn the_icons_cover_every_size_the_icon_theme_expects() {
    let conf = config();
    let icons = conf["bundle"]["icon"].as_array().expect("bundle.icon");
    let mut sizes = Vec::new();
    for icon in icons {
        let (w, h, rgba) = png(&from_config(icon));
        assert_eq!(w, h, "{icon} is not square");
        assert!(rgba, "{icon} is not RGBA");
        sizes.push(w);
    }
    sizes.sort_unstable();
    assert_eq!(sizes, [16, 24, 32, 48, 64, 128, 256, 512]);
}

#[test]
fn the_desktop_entry_and_extra_files_are_where_the_config_says() {
    let conf = config();
    assert!(
        conf.get("version").is_none(),
        "the version comes from the workspace's Cargo.toml, not the config"
    );
    let linux = &conf["bundle"]["linux"];
    for kind in ["deb", "rpm"] {
        let template = from_config(&linux[kind]["desktopTemplate"]);
        let entry = std::fs::read_to_string(&template).expect("desktop template");
        for key in [
            "Name=",
            "GenericName=",
            "Comment=",
            "Keywords=",
            "Categories=",
            "Exec=",
            "Icon=",
        ] {
            assert!(
                entry.lines().any(|l| l.starts_with(key)),
                "{kind}: {key} missing"
            );
        }
        for word in ["kratom", "taper", "withdrawal", "diary"] {
            assert!(entry.contains(word), "{kind}: keyword {word} missing");
        }
        let files = linux[kind]["files"].as_object().expect("files");
        // The man pages and the changelog are made by scripts/package.sh before bundling; the
        // rest are in the tree.
        for (installed, source) in files {
            let source = source.as_str().expect("a path");
            if !source.starts_with("../target/package/") {
                assert!(
                    here().join(source).is_file(),
                    "{installed}: {source} is missing"
                );
            }
        }
        for must in [
            "/usr/bin/taper",
            "/usr/share/man/man1/taper.1.gz",
            "/usr/share/doc/taper/copyright",
        ] {
            assert!(files.contains_key(must), "{kind}: {must}");
        }
    }
}

/// The package's `taper` is the app's binary with `--taper-cli`: the same command line, exit
/// codes included.
#[test]
fn the_app_binary_is_the_command_line_too() {
    let data = tempfile::tempdir().expect("dir");
    let taper = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_taper-app"))
            .arg("--taper-cli")
            .args(args)
            .env("TAPER_DATA_DIR", data.path())
            .output()
            .expect("run taper-app --taper-cli")
    };
    let version = taper(&["--version"]);
    assert!(version.status.success());
    assert_eq!(
        String::from_utf8_lossy(&version.stdout),
        format!("taper {}\n", env!("CARGO_PKG_VERSION"))
    );
    let added = taper(&["dose", "add", "2.5"]);
    assert!(added.status.success(), "{added:?}");
    assert!(data.path().join("taper.db").is_file());
    // A refused amount: exit 3, as the `taper` binary's (docs/cli.md).
    let refused = taper(&["dose", "add", "-1"]);
    assert_eq!(refused.status.code(), Some(3), "{refused:?}");
    // The app's own --help and --version need no window (no display here).
    let app = |arg: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_taper-app"))
            .arg(arg)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .expect("run taper-app")
    };
    let help = app("--help");
    assert!(help.status.success(), "{help:?}");
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage: taper-app"));
    let version = app("--version");
    assert!(version.status.success(), "{version:?}");
    let usage = taper(&["dose", "fly"]);
    assert_eq!(usage.status.code(), Some(2), "{usage:?}");
    assert!(String::from_utf8_lossy(&usage.stderr).contains("Usage: taper dose"));
}
