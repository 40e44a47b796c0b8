#!/usr/bin/env bash
# Installs what is missing, builds the UI and the app (release), and starts Taper.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
npm --prefix ui run build
cargo build --release -p taper-app
exec target/release/taper-app "$@"
