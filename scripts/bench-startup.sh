#!/usr/bin/env bash
# Start-up speed: exec to the first painted frame of the home screen (its
# NHS-blue header on the screen), under Xvfb, for the production binary on
# a 100,000-person database and for an empty Wails v2 window
# (scripts/bench/emptywindow) started the same way, alternately, in one
# run (and the app on a new, empty database). Also the memory each uses once started: the Go process's RSS and
# its WebKit processes' (from /proc). The file cache is warm: the first
# start of each is a warm-up, not counted.
# WHATMATTERS_BENCH_DIR keeps the generated database between runs.
# Usage: scripts/bench-startup.sh [binary] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/bin/whatmatters}")
runs=${2:-7}
tmp=$(mktemp -d)
trap 'kill ${app:-} ${xvfb:-} 2>/dev/null || true; rm -rf "$tmp"' EXIT

benchdir=${WHATMATTERS_BENCH_DIR:-${TMPDIR:-/tmp}/whatmatters-bench}
mkdir -p "$benchdir"
if [[ ! -f $benchdir/bench-100000.db ]]; then
  echo "bench-startup: generating the 100,000-person database in $benchdir (about 20 s)"
  WHATMATTERS_BENCH_DIR=$benchdir go test -run '^$' -bench FindRecord -benchtime 1x ./internal/sqlite/ >/dev/null
fi
# The app writes to its database (audit, lock file): give it a copy.
cp "$benchdir/bench-100000.db" "$tmp/people.db"
[[ -f $benchdir/bench-100000.db-wal ]] && cp "$benchdir/bench-100000.db-wal" "$tmp/people.db-wal"

cc -O2 -o "$tmp/firstframe" scripts/bench/firstframe.c -lX11
go build -tags benchwindow,desktop,production,webkit2_41 -trimpath -ldflags "-w -s" -o "$tmp/emptywindow" ./scripts/bench/emptywindow

exec 3<> "$tmp/displayfd"
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 2>/dev/null &
xvfb=$!
for _ in $(seq 50); do [[ -s $tmp/displayfd ]] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$tmp/displayfd")"
export XDG_CONFIG_HOME=$tmp/config # no window.json: the default, centred window

descendants() {
  local c
  for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done
}
rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# measure NAME READY COMMAND...: one start; appends "name map paint ready
# go_rss webkit_rss". READY is the colour of the usable screen ("-" for none).
measure() {
  local name=$1 ready=$2 out pid map paint gorss wkrss=0 p
  shift 2
  out=$("$tmp/firstframe" 005eb8 20 "$ready" 400 "$@" 2>>"$tmp/app.log") || { echo "bench-startup: $name: no header painted in 20 s"; cat "$tmp/app.log"; exit 1; }
  pid=$(sed 's/.*pid=\([0-9]*\).*/\1/' <<<"$out")
  map=$(sed 's/.*map_ms=\([0-9]*\).*/\1/' <<<"$out")
  paint=$(sed 's/.*paint_ms=\([0-9]*\).*/\1/' <<<"$out")
  ready=$(sed 's/.*ready_ms=\([0-9]*\).*/\1/' <<<"$out")
  app=$pid
  sleep 2 # settled: what it uses once the first screen is up
  gorss=$(rss_kb "$pid")
  for p in $(descendants "$pid"); do wkrss=$((wkrss + $(rss_kb "$p"))); done
  kill "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  app=""
  echo "$name $map $paint $ready $gorss $wkrss" >>"$tmp/results"
}

for i in $(seq 0 "$runs"); do
  : >"$tmp/app.log"
  # The sign-in (or set-up) form is usable once its inputs' borders show.
  measure empty - "$tmp/emptywindow"
  measure app 4c6272 "$bin" -db "$tmp/people.db"
  measure new 4c6272 "$bin" -db "$tmp/new.db"
  ((i == 0)) && : >"$tmp/results" # the warm-up
done

awk -v runs="$runs" '
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { n[$1]++; k = n[$1]; for (c = 2; c <= 6; c++) v[$1, c, k] = $c }
  function col(w, c,   k, a) { for (k = 1; k <= n[w]; k++) a[k] = v[w, c, k]; return median(a, n[w]) }
  function lo(w, c,   k, m) { m = 1e9; for (k = 1; k <= n[w]; k++) if (v[w, c, k] < m) m = v[w, c, k]; return m }
  function hi(w, c,   k, m) { m = 0; for (k = 1; k <= n[w]; k++) if (v[w, c, k] > m) m = v[w, c, k]; return m }
  function row(label, w) {
    printf "%-30s %7d %7d %5d-%-5d %7s %7.0f %7.0f\n", label, col(w, 2), col(w, 3), lo(w, 3), hi(w, 3),
      col(w, 4) ? col(w, 4) : "-", col(w, 5) / 1024, col(w, 6) / 1024
  }
  END {
    printf "bench-startup: %d starts each, medians; ms after exec, RSS in MiB once started\n", runs
    printf "%-30s %7s %7s %11s %7s %7s %7s\n", "", "mapped", "header", "header range", "form", "Go RSS", "WebKit"
    row("empty Wails window", "empty")
    row("What Matters, 100,000 people", "app")
    row("What Matters, new database", "new")
    printf "header painted: %.2fx the empty window (target <= 1.5x), %d ms (target <= 300 ms)\n", col("app", 3) / col("empty", 3), col("app", 3)
  }' "$tmp/results"
