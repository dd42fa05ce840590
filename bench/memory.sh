#!/usr/bin/env bash
# Memory under first visits (bench/README.md, "Memory under load"): the server's resident memory after start, after the
# sign-ins and at its peak, on a copy of a signed-in SQLite city (bench/first-visit.sh keeps one as signed-in.db). Signs in N
# learners and S supervisors through /login (8 at a time), then walks each learner's home, catalogue, course, lesson and
# career record once with wrk (bench/first-visit.lua) and the supervisors' team pages. Prints VmRSS, VmHWM, anonymous and
# file-backed resident memory, the SQLite connections open, the process CPU per page and req/s, for each phase.
#   bench/memory.sh --db signed-in.db --samples samples.tsv [--learners 300] [--supervisors 50] [--connections 64]
#                   [--port 5311] [--app DIR] [-- extra app settings, e.g. --Caching:PageCacheMegabytes=16]
# Environment variables (DOTNET_GCConserveMemory=5, …) reach the app as they are. With dotnet-counters on PATH or in
# /tmp/dtools, the GC's figures are collected too (the largest seen is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DB= SAMPLES= LEARNERS=300 SUPERVISORS=50 CONNECTIONS=64 PORT=5311 APP_DIR= EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB=$(realpath "$2"); shift 2 ;;
    --samples) SAMPLES=$(realpath "$2"); shift 2 ;;
    --learners) LEARNERS=$2; shift 2 ;;
    --supervisors) SUPERVISORS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --app) APP_DIR=$(realpath "$2"); shift 2 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$DB" ] && [ -f "$SAMPLES" ] || { echo "--db and --samples are needed (a signed-in city of bench/first-visit.sh)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

OUT=$(mktemp -d /tmp/learning-memory-XXXXXX)
BASE=http://127.0.0.1:$PORT
APP_PID= COUNTERS_PID=
source bench/common.sh
finish() { [ -n "$COUNTERS_PID" ] && kill "$COUNTERS_PID" 2>/dev/null; stop_app; }
trap finish EXIT
publish

use_provider sqlite memory
cp "$DB" "$WORK/data/learning.db"
env -C "$APP" dotnet "$DLL" --urls "$BASE" "${SETTINGS[@]}" --Bench:Enabled=true "${EXTRA[@]}" >"$WORK/app.log" 2>&1 &
APP_PID=$!
until curl -sf -o /dev/null --max-time 2 "$BASE/bench/ping"; do
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app stopped:" >&2; tail -20 "$WORK/app.log" >&2; exit 1; }
  sleep 0.2
done
COUNTERS=$(command -v dotnet-counters || echo /tmp/dtools/dotnet-counters)
if [ -x "$COUNTERS" ]; then
  "$COUNTERS" collect -p "$APP_PID" --counters System.Runtime --refresh-interval 2 --format csv -o "$OUT/counters.csv" >/dev/null 2>&1 &
  COUNTERS_PID=$!
fi

cpu_ms() { awk '{ printf "%d", ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"' }' "/proc/$APP_PID/stat"; }
kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$APP_PID/status"; }
# One line of figures: resident now and at peak, anonymous, file-backed and shared (the runtime's double-mapped code), SQLite connections (descriptors of learning.db).
figures() {
  printf '%-28s VmRSS %4d MB  VmHWM %4d MB  anon %4d MB  file %3d MB  shmem %3d MB  sqlite connections %d\n' "$1" \
    $(( $(kb VmRSS) / 1024 )) $(( $(kb VmHWM) / 1024 )) $(( $(kb RssAnon) / 1024 )) $(( $(kb RssFile) / 1024 )) $(( $(kb RssShmem) / 1024 )) \
    "$(ls -l "/proc/$APP_PID/fd" 2>/dev/null | grep -c 'learning\.db$' || true)"
}

export -f login_one
export BASE OUT PASSWORD

# A list walked once with wrk (each pair asked once, bench/first-visit.lua), or with curl when it is shorter than 4 pages a
# connection. Prints "pages req/s".
walk() {
  local list=$1 prefix=$OUT/wrk-$(date +%s%N). n t0 t1 pid last
  n=$(wc -l <"$list"); t0=$(date +%s%N)
  if [ "$n" -lt $(( 4 * CONNECTIONS )) ]; then
    tr '\t' '\001' <"$list" | xargs -P "$CONNECTIONS" -d '\n' -I{} bash -c 'IFS=$'"'"'\001'"'"' read -r c u <<<"$1"; curl -s -o /dev/null --max-time 10 -H "Cookie: $c" "$BASE$u"' _ {}
  else
    wrk -t2 -c"$CONNECTIONS" -d1200s --timeout 10s -s bench/first-visit.lua "$BASE" -- "$list" 2 "$prefix" >"${prefix}out" 2>&1 &
    pid=$!
    while [ "$(ls "$prefix"[0-9]* 2>/dev/null | wc -l)" -lt 2 ]; do
      sleep 0.5
      if [ "$(ls "$prefix"sent.* 2>/dev/null | wc -l)" -ge 2 ]; then
        last=$(stat -c %Y "$prefix"progress.* | sort -n | tail -1)
        [ $(( $(date +%s) - last )) -gt 11 ] && break
      fi
    done
    for _ in 1 2 3 4 5; do kill -INT $pid 2>/dev/null || break; sleep 1; done
    kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
  fi
  t1=$(date +%s%N)
  awk -v n="$n" -v ns=$(( t1 - t0 )) 'BEGIN { printf "%d %.0f\n", n, n / (ns / 1e9) }'
}

echo "# memory under first visits, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (uncommitted changes)')"
echo "app: $APP; settings: ${EXTRA[*]:-none}; env: $(env | grep -E '^DOTNET_|^MALLOC_' | tr '\n' ' ')"
echo "$LEARNERS learners, $SUPERVISORS supervisors, wrk -c$CONNECTIONS; load average $(cut -d' ' -f1-3 /proc/loadavg)"
sleep 5
figures "after start (+5 s)"

cpu0=$(cpu_ms)
awk -F'\t' -v n="$LEARNERS" '$1 == "learner" && c++ < n { print $2 }' "$SAMPLES" | xargs -P 8 -I{} bash -c 'login_one {}' >"$OUT/learners.tsv"
awk -F'\t' -v n="$SUPERVISORS" '$1 == "supervisor" && c++ < n { print $2 }' "$SAMPLES" | xargs -P 8 -I{} bash -c 'login_one {}' >"$OUT/supervisors.tsv"
signed=$(( $(grep -c 'learning.auth' "$OUT/learners.tsv" || true) + $(grep -c 'learning.auth' "$OUT/supervisors.tsv" || true) ))
figures "after $signed sign-ins"
echo "  sign-in CPU: $(( ($(cpu_ms) - cpu0) / (signed > 0 ? signed : 1) )) ms each"

page_lists "$SAMPLES" "$OUT"

total_cpu=0 total_pages=0
for page in home catalog course lesson career team; do
  cpu0=$(cpu_ms)
  read -r n rps < <(walk "$OUT/list-$page.tsv")
  cpu=$(( $(cpu_ms) - cpu0 )); total_cpu=$(( total_cpu + cpu )); total_pages=$(( total_pages + n ))
  figures "after $page ($n pages)"
  echo "  $page: $rps req/s, process CPU $(( cpu / (n > 0 ? n : 1) )) ms a page"
done
echo "pages: $total_pages, process CPU $(( total_cpu / (total_pages > 0 ? total_pages : 1) )) ms a page on average"
echo "PEAK VmHWM $(( $(kb VmHWM) / 1024 )) MB, VmRSS at the end $(( $(kb VmRSS) / 1024 )) MB"
if [ -n "$COUNTERS_PID" ]; then
  kill "$COUNTERS_PID" 2>/dev/null; wait "$COUNTERS_PID" 2>/dev/null || true; COUNTERS_PID=
  # The largest value each GC figure reached (MB): heap size, committed, working set.
  awk -F, 'NR > 1 && ($3 ~ /gc.heap.size|gc.last_collection.memory.committed_size|working_set|gc.last_collection.heap.size/) {
    k = $3; sub(/ \(.*/, "", k); v = $NF / 1048576; if (v > m[k]) m[k] = v }
    END { for (k in m) printf "  max %s: %.0f MB\n", k, m[k] }' "$OUT/counters.csv" 2>/dev/null | sort || true
fi
cp "/proc/$APP_PID/smaps" "$OUT/smaps" 2>/dev/null || true # for a breakdown by mapping
[ -n "${GCDUMP:-}" ] && "$(dirname "$COUNTERS")/dotnet-gcdump" collect -p "$APP_PID" -o "$OUT/end.gcdump" >/dev/null 2>&1 || true
echo "server errors logged: $(grep -c -E '^fail:|"LogLevel":"(Error|Critical)"' "$WORK/app.log" || true); raw output: $OUT"
