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

# measure NAME COMMAND...: one start; appends "name map paint go_rss webkit_rss".
measure() {
  local name=$1 out pid map paint gorss wkrss=0 p
  shift
  out=$("$tmp/firstframe" 005eb8 20 "$@" 2>>"$tmp/app.log") || { echo "bench-startup: $name: no header painted in 20 s"; cat "$tmp/app.log"; exit 1; }
  pid=$(sed 's/.*pid=\([0-9]*\).*/\1/' <<<"$out")
  map=$(sed 's/.*map_ms=\([0-9]*\).*/\1/' <<<"$out")
  paint=$(sed 's/.*paint_ms=\([0-9]*\).*/\1/' <<<"$out")
  app=$pid
  sleep 2 # settled: what it uses once the first screen is up
  gorss=$(rss_kb "$pid")
  for p in $(descendants "$pid"); do wkrss=$((wkrss + $(rss_kb "$p"))); done
  kill "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  app=""
  echo "$name $map $paint $gorss $wkrss" >>"$tmp/results"
}

for i in $(seq 0 "$runs"); do
  : >"$tmp/app.log"
  measure empty "$tmp/emptywindow"
  measure app "$bin" -db "$tmp/people.db"
  measure new "$bin" -db "$tmp/new.db"
  ((i == 0)) && : >"$tmp/results" # the warm-up
done

awk -v runs="$runs" '
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { n[$1]++; k = n[$1]; map[$1, k] = $2; paint[$1, k] = $3; go[$1, k] = $4; wk[$1, k] = $5 }
  END {
    for (w in n) {
      delete m; delete p; delete g; delete x; lo = 1e9; hi = 0
      for (k = 1; k <= n[w]; k++) { m[k] = map[w, k]; p[k] = paint[w, k]; g[k] = go[w, k]; x[k] = wk[w, k]
        if (p[k] < lo) lo = p[k]; if (p[k] > hi) hi = p[k] }
      M[w] = median(m, n[w]); P[w] = median(p, n[w]); G[w] = median(g, n[w]) / 1024; X[w] = median(x, n[w]) / 1024
      LO[w] = lo; HI[w] = hi
    }
    printf "bench-startup: %d starts each, medians (ms after exec; RSS in MiB)\n", runs
    printf "%-36s %8s %8s %12s %8s %8s\n", "", "mapped", "painted", "painted min-max", "Go RSS", "WebKit"
    printf "%-36s %8d %8d %7d-%-5d %8.0f %8.0f\n", "empty Wails window", M["empty"], P["empty"], LO["empty"], HI["empty"], G["empty"], X["empty"]
    printf "%-36s %8d %8d %7d-%-5d %8.0f %8.0f\n", "What Matters, 100,000 people", M["app"], P["app"], LO["app"], HI["app"], G["app"], X["app"]
    printf "%-36s %8d %8d %7d-%-5d %8.0f %8.0f\n", "What Matters, a new database", M["new"], P["new"], LO["new"], HI["new"], G["new"], X["new"]
    printf "first painted frame: %.2fx the empty window (target <= 1.5x); %d ms (target <= 300 ms)\n", P["app"] / P["empty"], P["app"]
  }' "$tmp/results"
