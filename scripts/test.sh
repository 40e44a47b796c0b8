#!/usr/bin/env bash
# Every check and test: formatting, lints (clippy inside the test build), core tests (incl. the
# bindings drift check), UI unit tests, then the end-to-end tests against the real built app
# under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step setup
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "UI: type check and build (the app embeds ui/dist)"
npm --prefix ui run build

step "Rust: every target built once, with clippy's lints; any warning fails"
# Clippy runs as the compiler of the workspace's own crates (what `cargo clippy` does), but in
# the test build itself, so the dependencies are compiled once instead of once more for a
# separate `cargo clippy` (9 of a cold run's 24 minutes). Every rustc and clippy warning is an
# error here, as `cargo clippy -- -D warnings` would make it.
RUSTC_WORKSPACE_WRAPPER="$(command -v clippy-driver)" || { echo "clippy is required (rustup component add clippy)" >&2; exit 1; }
export RUSTC_WORKSPACE_WRAPPER
log="$(mktemp)"
cargo test --workspace --all-targets --locked --no-run 2>&1 | tee "$log"
if grep -E '^(warning|error)(\[|:)' "$log"; then
  echo "the build above has warnings: fix them (clippy -D warnings)" >&2
  exit 1
fi
rm -f "$log"

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
timeout --kill-after=30 1800 node --test --test-concurrency=1 --test-timeout=300000 tests/e2e/
echo "Screenshots: target/e2e-screenshots/"

step "no network: no network crate in the dependency tree; the smoke test in a namespace without network"
scripts/check-no-network.sh
