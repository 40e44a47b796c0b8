#!/usr/bin/env bash
# Fuzzes the importers for a bounded time (not part of CI): the JSON backup reader and the
# spreadsheet (dose CSV) importer, each for SECONDS (default 60). Needs the nightly toolchain
# (rustup) and installs cargo-fuzz when missing. Findings land in fuzz/artifacts/.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${1:-60}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in import_backup import_csv; do
  echo "== fuzz $target for ${secs}s"
  cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$secs" -rss_limit_mb=2048 2>&1 \
    | grep -E "^(#[0-9]+ +DONE|Done [0-9]+ runs|==[0-9]+==ERROR|SUMMARY|artifact_prefix)" || true
  [ -z "$(ls -A "artifacts/$target" 2>/dev/null)" ] || { echo "fuzz: $target found a crash (fuzz/artifacts/$target)" >&2; exit 1; }
done
echo "fuzz: no crash in ${secs}s per target"
