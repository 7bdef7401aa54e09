#!/usr/bin/env bash
# The window opens where it was left: starts the production binary under
# Xvfb with a private configuration folder, checks the first window fits a
# 1366×768 screen, moves and resizes it, closes it as a window manager's
# close button would, starts it again and reads the geometry back.
# Usage: scripts/test-window.sh [binary]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/bin/whatmatters}")
tmp=$(mktemp -d)
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/xclose" scripts/xclose.c -lX11

exec 3<> "$tmp/displayfd"
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 2>/dev/null &
xvfb=$!
for _ in $(seq 50); do [[ -s $tmp/displayfd ]] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$tmp/displayfd")"
export XDG_CONFIG_HOME=$tmp/config
state=$XDG_CONFIG_HOME/WhatMatters/window.json

fail() { echo "test-window: $*"; [[ -f $tmp/app.log ]] && cat "$tmp/app.log"; exit 1; }

# start waits for the window and for its page (the app places the window
# once its page is ready), and sets win.
start() {
  "$bin" -db "$tmp/w.db" >"$tmp/app.log" 2>&1 &
  app=$!
  win=""
  for _ in $(seq 100); do
    win=$(xdotool search --onlyvisible --name '^What Matters$' 2>/dev/null | head -n1 || true)
    [[ -n $win ]] && break
    kill -0 "$app" 2>/dev/null || fail "the app exited"
    sleep 0.1
  done
  [[ -n $win ]] || fail "no window appeared"
  sleep 2
}

# geometry prints the window's x y width height.
geometry() {
  xwininfo -id "$win" | awk '/Absolute upper-left X/{x=$NF} /Absolute upper-left Y/{y=$NF}
    /^ *Width:/{w=$NF} /^ *Height:/{h=$NF} END{print x, y, w, h}'
}

stop() {
  "$tmp/xclose" "$win"
  for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$app" 2>/dev/null && fail "the app did not close when asked"
  wait "$app" || true
  app=""
}

start
read -r x y w h < <(geometry)
echo "test-window: first start: ${w}x${h} at $x,$y"
((w <= 1366 && h <= 768 - 80 && x >= 0 && y >= 0 && x + w <= 1366 && y + h <= 768)) ||
  fail "the first window (${w}x${h} at $x,$y) does not fit a 1366x768 screen"
[[ ! -f $state ]] || fail "window state written before the window closed"

xdotool windowsize "$win" 1000 640
xdotool windowmove "$win" 123 45
sleep 0.5
read -r x y w h < <(geometry)
[[ "$x $y $w $h" == "123 45 1000 640" ]] || fail "xdotool did not move the window: got $x $y $w $h"
stop
[[ -f $state ]] || fail "no window state saved on close"
echo "test-window: saved $(cat "$state")"

start
read -r x y w h < <(geometry)
echo "test-window: second start: ${w}x${h} at $x,$y"
[[ "$x $y $w $h" == "123 45 1000 640" ]] || fail "the window did not open where it was left: got ${w}x${h} at $x,$y"
stop

# A position off the screen (a monitor unplugged) is forgotten: centred.
printf '{"x":5000,"y":3000,"width":1000,"height":640,"placed":true}\n' >"$state"
start
read -r x y w h < <(geometry)
echo "test-window: off-screen state: ${w}x${h} at $x,$y"
((w == 1000 && h == 640 && x >= 0 && y >= 0 && x + w <= 1366 && y + h <= 768)) ||
  fail "an off-screen window was not brought back: ${w}x${h} at $x,$y"
stop

# A damaged file gives the default.
printf '{"width": 99999' >"$state"
start
read -r x y w h < <(geometry)
((w <= 1366 && h <= 688)) || fail "a damaged state file was not ignored: ${w}x${h}"
stop
echo "test-window: ok"
