#!/usr/bin/env bash
# Installs what is missing, builds the UI and the app (release), and starts Taper.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
npm --prefix ui run build
cargo build --release -p taper-app -p taper-cli
echo "The taper command line is at target/release/taper (or: cargo install --path crates/cli --locked)."
exec target/release/taper-app "$@"
