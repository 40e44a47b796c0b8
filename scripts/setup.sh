#!/usr/bin/env bash
# Installs what Taper needs on Debian/Ubuntu, skipping whatever is already there:
# system libraries for Tauri, the WebDriver bits for end-to-end tests, tauri-driver, and the
# UI's npm packages. Safe to run again; a second run takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # Tauri 2 on Linux
  libwebkit2gtk-4.1-dev build-essential pkg-config file libssl-dev libxdo-dev
  libayatana-appindicator3-dev librsvg2-dev
  # end-to-end tests: a virtual display, WebKit's WebDriver, and sqlite3 to read the diary
  webkit2gtk-driver xvfb xauth sqlite3
  # a session bus for the single-instance test (the app hands a second launch over on D-Bus)
  dbus-daemon
  # a real notification server on that bus for the reminders test (dunstctl reads it back)
  dunst
  # the tray test: a StatusNotifierWatcher on that bus for the tray icon to register with (its
  # menu is then driven over D-Bus with busctl), and a window manager (openbox, driven with
  # wmctrl) so a window can be closed as a person closes it, and maximised
  haskell-status-notifier-item-utils openbox wmctrl
  # the font the UI embeds
  fonts-dejavu-core
  # the report tests read and render PDFs (pdftotext, pdfinfo, pdftoppm)
  poppler-utils
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { echo "setup: $tool is required (Rust via rustup, Node.js 20+)" >&2; exit 1; }
done

if ! command -v tauri-driver >/dev/null; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --version ^2 --quiet
fi

# npm packages, only when the lock file changed since the last install.
if [ ! -f ui/node_modules/.taper-lock ] || ! cmp -s ui/package-lock.json ui/node_modules/.taper-lock; then
  echo "setup: installing UI packages"
  npm --prefix ui ci --no-audit --no-fund --loglevel=error
  cp ui/package-lock.json ui/node_modules/.taper-lock
fi
