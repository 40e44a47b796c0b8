#!/usr/bin/env bash
# Builds Taper's .deb and .rpm packages with the Tauri bundler, from the one app config
# (src-tauri/tauri.conf.json):
# the app, the `taper` command line with its man page, the desktop entry and the icons.
#   scripts/package.sh            -> target/release/bundle/{deb,rpm}/
# Needs what scripts/setup.sh installs, plus help2man (installed here when missing). The
# bundler is Tauri's CLI from the UI's npm packages (a prebuilt binary, no compile).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
if ! command -v help2man >/dev/null; then
  echo "package: installing help2man"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends help2man >/dev/null
fi

target="${CARGO_TARGET_DIR:-target}"
tauri() {
  # The UI is built first; the app crate and its config are in src-tauri.
  TAURI_APP_PATH=src-tauri TAURI_FRONTEND_PATH=ui ui/node_modules/.bin/tauri "$@"
}
npm --prefix ui run build
# The app as the bundler builds it (one release build; it is the `taper` command line too).
tauri build --no-bundle --ci

# What the package carries besides the app (src-tauri/tauri.conf.json: bundle.linux.*.files),
# made in target/package: the man pages and the changelog. `taper` is packaging/taper.
staging=target/package
mkdir -p "$staging/bin"
install -m 0755 packaging/taper "$staging/bin/taper"
ln -sf "$(realpath "$target/release/taper-app")" "$staging/bin/taper-app"
# The examples one to a line (help2man would run them into one paragraph), and the app.
{
  echo '[=EXAMPLES]'
  echo '.nf'
  "$staging/bin/taper" --help | sed -n '/^Examples:/,/^$/p' | sed '1d;/^$/d;s/^  //;s/\\/\\\\/g;s/^-/\\-/'
  echo '.fi'
  echo
  echo '[SEE ALSO]'
  echo '.BR taper-app (1),'
  echo 'the same diary in its window.'
} >"$staging/taper.h2m"
help2man --no-info --section 1 --include "$staging/taper.h2m" \
  --name "a private diary for tapering off kratom, from the terminal" \
  "$staging/bin/taper" | gzip -9n >"$staging/taper.1.gz"
gzip -9n <packaging/taper-app.1 >"$staging/taper-app.1.gz"
# A native package's changelog (Debian policy 12.7), its one entry this build's version.
version="$("$staging/bin/taper" --version | cut -d' ' -f2)"
maintainer="$(python3 -c 'import json; print(json.load(open("src-tauri/tauri.conf.json"))["bundle"]["publisher"])')"
{
  printf 'taper (%s) unstable; urgency=medium\n\n' "$version"
  printf '  * Taper %s, built from %s.\n\n' "$version" "$(git rev-parse --short HEAD 2>/dev/null || echo 'a source tree')"
  printf ' -- %s  %s\n' "$maintainer" "$(date -R -u -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)")"
} | gzip -9n >"$staging/changelog.gz"

tauri bundle --bundles deb,rpm --ci "$@"

ls -l "$target"/release/bundle/deb/*.deb "$target"/release/bundle/rpm/*.rpm
