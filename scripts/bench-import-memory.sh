#!/usr/bin/env bash
# Peak memory of `taper import FILE --dry-run` on 200 MB CSV files (issue 13, "Bounded imports"):
# two hostile ones (the second line only commas; one enormous quoted cell) and the largest valid
# file the limits allow (100,000 rows filling 200 MB). Prints each file's size, the peak resident
# memory (GNU time's maximum RSS), their ratio (the target is at most 4x), the wall time and what
# taper said.
# Not a timed test; figures are recorded in docs/reliability.md ("Bounded imports").
#   cargo build --release -p taper-cli
#   scripts/bench-import-memory.sh [TAPER_BINARY]     # default: $CARGO_TARGET_DIR or target, release
set -euo pipefail
cd "$(dirname "$0")/.."
taper="${1:-${CARGO_TARGET_DIR:-target}/release/taper}"
[ -x "$taper" ] || { echo "no $taper: run cargo build --release -p taper-cli" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export TAPER_DATA_DIR="$dir/data"       # no diary: a dry run reads the file and writes nothing
size=$((200 * 1024 * 1024))             # MAX_IMPORT_BYTES
rows=100000                             # MAX_CSV_ROWS

# The second line is only commas, to the size limit.
{ printf 'time,amount\n'; head -c $((size - 13)) /dev/zero | tr '\0' ','; printf '\n'; } >"$dir/commas.csv"
# One quoted cell holding the rest of the file.
head1='time,amount,note\n2026-11-20 08:00,2,"'
{ printf "$head1"; head -c $((size - 40)) /dev/zero | tr '\0' 'x'; printf '"\n'; } >"$dir/cell.csv"
# The largest valid file: 100,000 doses, each with a note, filling the 200 MB.
header='time,amount,unit,form,note'
prefix='2026-11-20 08:00,1.5,g,powder,'
note_len=$(( (size - ${#header} - 1) / rows - ${#prefix} - 1 ))
note=$(head -c "$note_len" /dev/zero | tr '\0' 'n')
awk -v n="$rows" -v row="$prefix$note" -v header="$header" \
  'BEGIN { print header; for (i = 0; i < n; i++) print row }' >"$dir/valid.csv"

printf '%-11s %9s %9s %6s %7s %5s  %s\n' file "size MB" "peak MB" ratio "time s" exit "taper says"
for name in commas cell valid; do
  f="$dir/$name.csv"
  bytes=$(stat -c %s "$f")
  set +e
  /usr/bin/time -f '%M %e' -o "$dir/rss" "$taper" import "$f" --dry-run >"$dir/out" 2>"$dir/err"
  code=$?
  set -e
  read -r kib secs < <(tail -n 1 "$dir/rss")
  said=$(grep -h -m1 -E '^(taper:|Would add)' "$dir/err" "$dir/out" | head -n 1 | cut -c1-100 || true)
  awk -v n="$name" -v b="$bytes" -v k="$kib" -v t="$secs" -v c="$code" -v s="$said" \
    'BEGIN { printf "%-11s %9.1f %9.1f %5.2fx %7.2f %5d  %s\n", n ".csv", b / 1048576, k / 1024, k * 1024 / b, t, c, s }'
done
