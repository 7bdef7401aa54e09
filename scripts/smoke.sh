#!/usr/bin/env bash
# Native smoke test: starts the production binary under Xvfb on a temporary
# database, waits for its window, takes a screenshot and checks it is not blank.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/bin/whatmatters}
out=test-output
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT

exec 3<> "$tmp/displayfd"
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 2>/dev/null &
xvfb=$!
for _ in $(seq 50); do [[ -s $tmp/displayfd ]] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$tmp/displayfd")"

"$bin" -db "$tmp/smoke.db" >"$tmp/app.log" 2>&1 &
app=$!
win=""
for _ in $(seq 100); do
  win=$(xdotool search --name '^What Matters$' 2>/dev/null | head -n1 || true)
  [[ -n $win ]] && break
  kill -0 "$app" 2>/dev/null || { echo "smoke: the app exited"; cat "$tmp/app.log"; exit 1; }
  sleep 0.2
done
[[ -n $win ]] || { echo "smoke: no window titled 'What Matters' appeared"; cat "$tmp/app.log"; exit 1; }

# Give the webview time to render the first screen, then capture the window.
sleep 3
import -window "$win" "$out/native-smoke.png"
colours=$(convert "$out/native-smoke.png" -format '%k' info:)
deviation=$(convert "$out/native-smoke.png" -colorspace Gray -format '%[fx:int(standard_deviation*1000)]' info:)
echo "smoke: window $win, $colours colours, grey deviation $deviation/1000 -> $out/native-smoke.png"
if ((colours < 8 || deviation < 20)); then
  echo "smoke: the window looks blank"
  exit 1
fi
[[ -f $tmp/smoke.db ]] || { echo "smoke: no database was created"; exit 1; }
echo "smoke: ok"
