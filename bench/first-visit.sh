#!/usr/bin/env bash
# First visits (bench/README.md, issue 21): many distinct learners, each opening each page once, so no page comes from the
# personal page cache. Per database: generate a city, time the app's start to its first answer, sign in N learners and M
# supervisors through the /login form, then walk each page's list of (learner, URL) pairs once with wrk (bench/first-visit.lua),
# with the ceiling (/bench/ping) in the same run. Prints req/s, p50, p99, the share of the ceiling and the server's peak memory.
#   bench/first-visit.sh [--employees 12000] [--courses 200] [--learners 2000] [--supervisors 50] [--providers "sqlite postgres"]
#                        [--connections 64] [--seed 1] [--app DIR] [--reuse RUN-DIR]
# --reuse takes a previous run's city and signed-in cookies (its database as it was right after the sign-ins, restored),
# so another build of the app can be measured on the same first visits without generating and signing in again.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

EMPLOYEES=12000 COURSES=200 LEARNERS=2000 SUPERVISORS=50 PROVIDERS="sqlite postgres" CONNECTIONS=64 SEED=1 PORT=5197 APP_DIR= STARTS=3 REUSE=
while [ $# -gt 0 ]; do
  case "$1" in
    --employees) EMPLOYEES=$2; shift 2 ;;
    --courses) COURSES=$2; shift 2 ;;
    --learners) LEARNERS=$2; shift 2 ;;
    --supervisors) SUPERVISORS=$2; shift 2 ;;
    --providers) PROVIDERS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --app) APP_DIR=$(realpath "$2"); shift 2 ;;
    --starts) STARTS=$2; shift 2 ;;
    --reuse) REUSE=$(realpath "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

OUT=$(mktemp -d /tmp/learning-first-visit-XXXXXX)
RESULTS=$OUT/results.txt
BASE=http://127.0.0.1:$PORT
APP_PID=
source bench/common.sh
log() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
trap stop_app EXIT

publish

# The app as bench/run.sh serves it (ceiling endpoint on, verification not throttled, logging at Warning), in the background.
start() {
  env -C "$APP" dotnet "$DLL" --urls "$BASE" "${SETTINGS[@]}" --Bench:Enabled=true --Certification:VerifyPermitLimit=1000000000 \
    >>"$WORK/app.log" 2>&1 &
  APP_PID=$!
}

# Milliseconds from launching the process to its first 200 on /bench/ping, polled in a tight loop (curl every ~10 ms), into
# STARTUP_MS. Not in a $(…) subshell: APP_PID must reach this shell, or the next start would find the port still taken and
# the old process would answer for it. The port must be free before the launch.
startup_ms() {
  local t0 t1
  while curl -s -o /dev/null --max-time 1 "$BASE/bench/ping"; do sleep 0.2; done
  t0=$(date +%s%N)
  start
  until curl -sf -o /dev/null --max-time 1 "$BASE/bench/ping"; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app stopped:" >&2; tail -20 "$WORK/app.log" >&2; return 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  STARTUP_MS=$(( (t1 - t0) / 1000000 ))
}

export -f login_one
export BASE OUT PASSWORD

# wrk over one list (or the ceiling for 5 s): prints "req/s p50-ms p99-ms requests errors". A list is walked once: wrk runs in
# the background until every thread has written its end (bench/first-visit.lua), then it is stopped (SIGINT: it prints its
# latency histogram); req/s is the pages answered over the time from wrk's start to the last thread's end.
walk() {
  local list=$1 file threads=2 prefix pid t0 answered end lost last
  file=$OUT/wrk-$(date +%s%N).txt
  if [ "$list" != ceiling ] && [ "$(wc -l <"$list")" -lt $(( 4 * CONNECTIONS )) ]; then walk_short "$list"; return; fi
  if [ "$list" = ceiling ]; then
    wrk -t$threads -c"$CONNECTIONS" -d5s --latency "$BASE/bench/ping" >"$file" 2>&1 || true
    summarise "$file"
    return
  fi
  prefix=$file.done.
  t0=$(date +%s%N)
  wrk -t$threads -c"$CONNECTIONS" -d1200s --timeout 10s --latency -s bench/first-visit.lua "$BASE" -- "$list" $threads "$prefix" >"$file" 2>&1 &
  pid=$!
  while [ "$(ls "$prefix"[0-9]* 2>/dev/null | wc -l)" -lt $threads ]; do
    sleep 0.5
    if [ "$(ls "$prefix"sent.* 2>/dev/null | wc -l)" -ge $threads ]; then
      last=$(stat -c %Y "$prefix"progress.* | sort -n | tail -1)
      [ $(( $(date +%s) - last )) -gt 11 ] && break
    fi
  done
  end=$(date +%s%N)
  [ "$(ls "$prefix"[0-9]* 2>/dev/null | wc -l)" -ge $threads ] && end=$(cat "$prefix"[0-9]* | sort -n | tail -1)
  [ "$(ls "$prefix"[0-9]* 2>/dev/null | wc -l)" -lt $threads ] && end=$(stat -c %.9Y "$prefix"progress.* | sort -n | tail -1 | tr -d .)
  # SIGINT makes wrk print its histogram; a signal taken by one of its threads rather than the main one is lost, so again.
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -INT $pid 2>/dev/null || break; sleep 1; done
  kill $pid 2>/dev/null || true # still there (seen with the 50 team pages): its figures are lost, the row says so
  wait $pid 2>/dev/null || true
  answered=$(awk '$1 == "answered" { print $2 }' "$file")
  failed=$(awk '$1 == "failed" { print $2 }' "$file")
  lost=$(( $(wc -l <"$list") - ${answered:-0} ))
  summarise "$file" | awk -v n="${answered:-0}" -v ns="$(( end - t0 ))" -v bad=$(( ${failed:-0} + lost )) '{ printf "%.0f %s %s %d %d\n", n / (ns / 1e9), $2, $3, n, bad }'
}

# A list too short for wrk (the 50 team pages: fewer pages than wrk has connections, and wrk did not stop on SIGINT after
# them): one curl process asks them all at once (--parallel, as many at a time as there are pages up to the connection
# count), each page once. Prints the same five figures; req/s is the pages over the wall time of the whole list. (Before,
# a bash and a curl process were started per page: on these 2 cores that spawning, not the server, set the team page's
# pace; bench/README.md, "Start-up, sixth round".)
walk_short() {
  local list=$1 parallel file config t0 t1
  parallel=$(wc -l <"$list"); [ "$parallel" -gt "$CONNECTIONS" ] && parallel=$CONNECTIONS
  file=$OUT/short-$(date +%s%N).txt config=$OUT/short-$(date +%s%N).curl
  awk -F'\t' -v base="$BASE" '{
    if (NR > 1) print "next"
    printf "url = \"%s%s\"\nheader = \"Cookie: %s\"\noutput = \"/dev/null\"\nmax-time = 10\n", base, $2, $1
    print "write-out = \"%{http_code} %{time_total}\\n\""
  }' "$list" >"$config"
  t0=$(date +%s%N)
  curl -s --parallel --parallel-immediate --parallel-max "$parallel" -K "$config" >"$file" 2>/dev/null || true
  t1=$(date +%s%N)
  sort -k2 -n "$file" | awk -v ns=$(( t1 - t0 )) '{ if ($1 != 200) bad++; t[NR] = $2 * 1000 } END {
    n = NR; i50 = int(n * 0.5 + 0.5); i99 = int(n * 0.99 + 0.5); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1
    printf "%.0f %.1f %.1f %d %d\n", (n - bad) / (ns / 1e9), t[i50], t[i99], n - bad, bad }'
}

summarise() {
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps=$2 } / requests in / { n=$1 }
    $1 == "50%" { p50=ms($2) } $1 == "99%" { p99=ms($2) }
    /Non-2xx or 3xx/ { err+=$NF } /Socket errors/ { err+=1 }
    END { printf "%.0f %.1f %.1f %d %d\n", rps, p50, p99, n, err }' "$1"
}

peak_mb() { awk '/VmHWM/ { printf "%.0f", $2/1024 }' "/proc/$APP_PID/status"; }

log "# Learning first-visit benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
log "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)'); city: $EMPLOYEES employees, $COURSES courses, seed $SEED"
log "load: wrk -t2 -c$CONNECTIONS, each (learner, page) pair asked once; $LEARNERS learners, $SUPERVISORS supervisors signed in through /login"

for P in $PROVIDERS; do
  use_provider "$P" first_visit || continue
  log ""
  log "## $PROVIDER"
  if [ -n "$REUSE" ]; then
    # The earlier run's city, as it was right after its sign-ins (the cookies stay valid: the keys are in the database).
    cp "$REUSE/$PROVIDER-first_visit/samples.tsv" "$WORK/"
    if [ "$PROVIDER" = postgres ]; then pg_admin "CREATE DATABASE $PG_DB TEMPLATE ${PG_DB}_signed_in"
    else cp "$REUSE/$PROVIDER-first_visit/signed-in.db" "$WORK/data/learning.db"; fi
    log "city of $REUSE (database restored as it was after its sign-ins; everyone signs in again below, so no cookie is older than Identity's 30-minute re-check)"
  else
    /usr/bin/time -f "%e %M" -o "$WORK/generate.time" dotnet "$DLL" generate-data --employees "$EMPLOYEES" --courses "$COURSES" --seed "$SEED" \
      --sample-logins "$LEARNERS" --sample-file "$WORK/samples.tsv" "${SETTINGS[@]}" >"$WORK/generate.txt"
    read -r secs kb <"$WORK/generate.time"
    log "generate-data: $secs s, peak $((kb / 1024)) MB; $(grep '^sample.logins=' "$WORK/generate.txt" | cut -d= -f2)"
  fi

  # Start-up: the process launched to its first answer, $STARTS times (the first start after generate-data also warms the disk).
  starts=()
  for i in $(seq 1 "$STARTS"); do
    startup_ms
    starts+=("$STARTUP_MS")
    # The server answers before its scheduler has started (it starts once the key ring, the VAPID keys and the schedule are
    # done, after listening); stopped in the middle of that,
    # Quartz logs its cancelled misfire scan as an error. So let it finish starting before the next start.
    [ "$i" -lt "$STARTS" ] && { sleep 3; stop_app; }
  done
  log "start-up to the first 200 on /bench/ping: $(IFS=' '; echo "${starts[*]}") ms (target < 1000 ms)"

  # Sign in: every learner and supervisor once, 8 at a time (the password hash is deliberately slow). Also after --reuse: a
  # cookie older than Identity's 30-minute validation interval would make every page re-check it, which a person who has
  # just signed in never pays.
  t0=$(date +%s)
  awk -F'\t' '$1 == "learner" { print $2 }' "$WORK/samples.tsv" | xargs -P 8 -I{} bash -c 'login_one {}' >"$WORK/learners.tsv"
  awk -F'\t' -v n="$SUPERVISORS" '$1 == "supervisor" && c++ < n { print $2 }' "$WORK/samples.tsv" | xargs -P 8 -I{} bash -c 'login_one {}' >"$WORK/supervisors.tsv"
  log "signed in through /login: $(grep -c 'learning.auth' "$WORK/learners.tsv" || true) learners, $(grep -c 'learning.auth' "$WORK/supervisors.tsv" || true) supervisors in $(( $(date +%s) - t0 )) s"
  if [ -z "$REUSE" ]; then
    # Kept for --reuse: the database as it is now, before any page is visited.
    if [ "$PROVIDER" = postgres ]; then
      pg_admin "DROP DATABASE IF EXISTS ${PG_DB}_signed_in"
      stop_app; pg_admin "CREATE DATABASE ${PG_DB}_signed_in TEMPLATE $PG_DB"; start
      until curl -sf -o /dev/null "$BASE/bench/ping"; do sleep 0.1; done
    else sqlite3 "$WORK/data/learning.db" ".backup '$WORK/signed-in.db'"; fi
  fi
  team=$(awk -F'\t' '$1 == "supervisor" { print $3 }' "$WORK/samples.tsv" | head -n "$SUPERVISORS" | awk '{ s += $1; if ($1 > m) m = $1 } END { printf "%.0f on average, largest %d", s / NR, m }')

  page_lists "$WORK/samples.tsv" "$WORK"

  log ""
  log "| page | requests | req/s | p50 ms | p99 ms | of ceiling | target |"
  log "|---|---:|---:|---:|---:|---:|---|"
  read -r ceiling p50 p99 n errors < <(walk ceiling)
  log "| ceiling /bench/ping | $n | $ceiling | $p50 | $p99 | 100% |  |"
  for page in "home /|home" "catalogue /courses|catalog" "course /courses/{slug}|course" "lesson /learn/{id}/{key}|lesson" \
    "career record /career-record|career" "team /team (team of $team)|team"; do
    name=${page%|*} list=$WORK/list-${page#*|}.tsv
    read -r rps p50 p99 n errors < <(walk "$list")
    share=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')
    if [ "${page#*|}" = team ]; then want=2; else want=5; fi
    verdict=$(awk -v s="$share" -v p="$p99" -v w="$want" -v db="$PROVIDER" 'BEGIN {
      ok = s >= w; t = (ok ? "met" : "NOT met") " >=" w "%"
      if (db == "sqlite" && w == 5) t = t ", " (p < 100 ? "met" : "NOT met") " p99<100ms"
      print t }')
    [ "$errors" -gt 0 ] && verdict="$verdict ($errors answered with an error or never answered)"
    log "| $name | $n | $rps | $p50 | $p99 | $share% | $verdict |"
  done
  read -r ceiling2 _ p99c _ _ < <(walk ceiling)
  log "| ceiling again, after the pages | | $ceiling2 | | $p99c | | |"
  log ""
  log "peak resident memory of the server since its last start (VmHWM: sign-ins, if any, and every list): $(peak_mb) MB (target < 300 MB)"
  log "server errors logged: $(grep -c -E '^fail:|"LogLevel":"(Error|Critical)"' "$WORK/app.log" || true); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  stop_app
done

log ""
log "raw output: $OUT"
