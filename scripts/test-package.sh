#!/usr/bin/env bash
# Builds the packages (scripts/package.sh) and checks the .deb as a person's machine would see
# it: its control fields and files, lintian (no errors), the desktop entry
# (desktop-file-validate), an install into a fresh root with dpkg, and the installed app
# started under Xvfb on a fresh data folder (tests/package/). Not part of .ci/run: a release
# build takes 10-20 minutes on 2 cores.
#   scripts/test-package.sh            build, then check
#   scripts/test-package.sh --checked  check the packages already built
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${1:-}" = "--checked" ] || scripts/package.sh

tools=(lintian desktop-file-utils)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

target="${CARGO_TARGET_DIR:-target}"
deb="$(ls -t "$target"/release/bundle/deb/*.deb | head -1)"
rpm="$(ls -t "$target"/release/bundle/rpm/*.rpm | head -1)"
version="$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "taper-app"))')"
fail() { echo "test-package: $*" >&2; exit 1; }

echo "== control fields of $deb"
dpkg-deb -I "$deb"
[ "$(dpkg-deb -f "$deb" Package)" = taper ] || fail "the package is not called taper"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version $(dpkg-deb -f "$deb" Version), the workspace says $version"
depends="$(dpkg-deb -f "$deb" Depends)"
for lib in libwebkit2gtk-4.1-0 libgtk-3-0; do
  [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
# The tray's indicator library: the bundler makes it a dependency (Tauri's tray feature), though
# Taper loads it at run time and runs without it (Settings says so).
[[ "$depends" == *libayatana-appindicator3-1* ]] || fail "Depends lacks libayatana-appindicator3-1: $depends"

echo "== files"
listing="$(dpkg-deb -c "$deb")"
for f in usr/bin/taper-app usr/bin/taper usr/share/man/man1/taper.1.gz \
  usr/share/applications/Taper.desktop; do
  grep -Eq " (\./)?$f\$" <<<"$listing" || fail "$f is missing"
done
for size in 16 24 32 48 64 128 256 512; do
  grep -Eq " (\./)?usr/share/icons/hicolor/${size}x${size}/apps/taper-app.png\$" <<<"$listing" ||
    fail "no ${size}x${size} icon"
done

echo "== lintian"
lintian --tag-display-limit 0 "$deb" | tee target/package/lintian.txt || true
if grep -q "^E:" target/package/lintian.txt; then fail "lintian reports errors"; fi

echo "== install into a fresh root"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
# The libraries it depends on are this machine's, not the empty root's.
dpkg --root="$root" --force-depends --force-script-chrootless -i "$deb"
dpkg --root="$root" -s taper | grep -q '^Status: install ok installed' || fail "dpkg did not install it"
desktop-file-validate "$root/usr/share/applications/Taper.desktop"
"$root/usr/bin/taper" --version | grep -q "$version" || fail "the installed taper does not say $version"
# Through a symlink and through sh too: the script finds the app beside its real location.
ln -s "$root/usr/bin/taper" "$root/taper-link"
"$root/taper-link" --version | grep -q "$version" || fail "taper through a symlink"
(cd "$root/usr/bin" && sh taper --version) | grep -q "$version" || fail "sh taper"
zcat "$root/usr/share/man/man1/taper.1.gz" | grep -q '^\.TH TAPER' || fail "the man page is not one"

echo "== the installed app on a fresh data folder"
TAPER_APP_BIN="$root/usr/bin/taper-app" timeout --kill-after=30 600 \
  node --test --test-concurrency=1 --test-timeout=300000 tests/package/

echo "== sizes"
installed_kb="$(du -sk "$root/usr" | cut -f1)"
printf '%s\t%s bytes\n%s\t%s bytes\ninstalled\t%s KiB\n' \
  "$(basename "$deb")" "$(stat -c %s "$deb")" "$(basename "$rpm")" "$(stat -c %s "$rpm")" "$installed_kb" |
  tee target/package/sizes.txt
