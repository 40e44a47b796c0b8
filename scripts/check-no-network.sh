#!/usr/bin/env bash
# Taper makes no network connections. Two checks (docs/security.md):
# 1. No crate able to make HTTP or other network requests is in the dependency tree of the core,
#    the app or the CLI (normal dependencies; build and dev tools are not shipped).
# 2. The app's end-to-end smoke test passes inside a network namespace that has no interface
#    but loopback (WebDriver talks to the app over loopback), so nothing it does needs a network.
set -euo pipefail
cd "$(dirname "$0")/.."

# Crates that can make HTTP, WebSocket or TLS connections. Plain types (http, url) and the
# async runtime Tauri needs (tokio) are not on the list: they cannot talk to a server by
# themselves.
DENY='reqwest|hyper|hyper-util|hyper-tls|hyper-rustls|h2|h3|quinn|ureq|curl|curl-sys|isahc|surf|attohttpc|minreq|ehttp|tungstenite|tokio-tungstenite|async-tungstenite|websocket|native-tls|tokio-native-tls|rustls|tokio-rustls|tauri-plugin-http|tauri-plugin-websocket|tauri-plugin-upload|tauri-plugin-updater'

found=0
for pkg in taper-core taper-app taper-cli; do
  hits=$(cargo tree --locked -p "$pkg" -e normal --prefix none 2>/dev/null \
    | sed 's/ v[0-9].*//' | sort -u | grep -E -x "$DENY" || true)
  if [ -n "$hits" ]; then
    echo "check-no-network: $pkg depends on network crates:" $hits >&2
    found=1
  fi
done
[ "$found" -eq 0 ] || exit 1
echo "check-no-network: no network crate in taper-core, taper-app or taper-cli"

if [ "${1:-}" = "--deps-only" ]; then exit 0; fi

# The smoke test without a network: a new network namespace where only loopback is up.
if ! unshare -n true 2>/dev/null; then
  echo "check-no-network: this machine does not allow network namespaces (unshare -n); run as root" >&2
  exit 1
fi
unshare -n sh -c 'ip link set lo up && ip -brief link >&2 && exec timeout --kill-after=30 300 node --test --test-concurrency=1 --test-timeout=120000 tests/e2e/today.test.mjs'
echo "check-no-network: the smoke test passed with no network"
