#!/usr/bin/env bash
# Every check and test: formatting, lints, core tests (incl. the bindings drift check), UI unit
# tests, then the end-to-end tests against the real built app under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step setup
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "UI: type check and build (the app embeds ui/dist)"
npm --prefix ui run build

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests"
cargo test --workspace --locked

step "UI unit tests"
npm --prefix ui test

step "the app for end-to-end tests"
# `cargo test --workspace` above already built target/debug/taper-app (taper-app has an
# integration test, so Cargo builds its binary); a separate `cargo build -p taper-app` would
# build it again with other feature flags, costing minutes on a clean checkout.
app="${CARGO_TARGET_DIR:-target}/debug/taper-app"
test -x "$app" || { echo "the test build did not produce $app" >&2; exit 1; }
echo "$app"

step "end-to-end tests (real app, Xvfb, tauri-driver, WebKitWebDriver)"
# A hung app or driver must fail the run, not stall CI.
timeout --kill-after=30 900 node --test --test-concurrency=1 --test-timeout=300000 tests/e2e/
echo "Screenshots: target/e2e-screenshots/"

step "no network: no network crate in the dependency tree; the smoke test in a namespace without network"
scripts/check-no-network.sh
