#!/usr/bin/env bash
# Soak (bench/README.md): N simulated learners (bench/soak.cs) sign in, enrol, read and complete lessons, open their home page,
# start and submit attempts against the published app on a generate-data city, for a bounded time; per database.
#   bench/soak.sh [--learners 200] [--duration 180] [--think-ms 500] [--ramp S] [--providers "sqlite postgres"] [--employees 400] [--courses 20] [--app DIR]
# Prints per operation calls, failures (anything but 2xx/3xx, 409 and 429), 409s, 429s and p50/p99/max; exits 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

LEARNERS=200 DURATION=180 THINK=500 RAMP= PROVIDERS="sqlite postgres" EMPLOYEES=400 COURSES=20 SEED=1 PORT=5198 APP_DIR=
while [ $# -gt 0 ]; do
  case "$1" in
    --learners) LEARNERS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --think-ms) THINK=$2; shift 2 ;;
    --ramp) RAMP=$2; shift 2 ;;
    --providers) PROVIDERS=$2; shift 2 ;;
    --employees) EMPLOYEES=$2; shift 2 ;;
    --courses) COURSES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --app) APP_DIR=$(realpath "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$EMPLOYEES" -ge "$LEARNERS" ] || EMPLOYEES=$LEARNERS
# Sign-in is a deliberate slow hash (PBKDF2): learners arrive spread out, a quarter of a second apart unless told.
[ -n "$RAMP" ] || RAMP=$(( LEARNERS / 4 > 20 ? LEARNERS / 4 : 20 ))

OUT=$(mktemp -d /tmp/learning-soak-XXXXXX)
RESULTS=$OUT/results.txt
APP_PID=
source bench/common.sh
log() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
trap stop_app EXIT

publish
echo "== build the driver (bench/soak.cs)"
build_driver

log "# Learning soak $(date -u +%Y-%m-%dT%H:%MZ)"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
log "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)'); $LEARNERS learners arriving over ${RAMP} s, ${DURATION} s in all, think ~${THINK} ms; city: $EMPLOYEES employees, $COURSES courses, seed $SEED"

STATUS=0
for P in $PROVIDERS; do
  use_provider "$P" soak || continue
  log ""
  log "## $PROVIDER"
  dotnet "$DLL" generate-data --employees "$EMPLOYEES" --courses "$COURSES" --seed "$SEED" "${SETTINGS[@]}" >"$WORK/generate.txt"
  # Learners: the first N logins of the city by NIP (every employee has one; some also supervise — they learn too).
  sql 'SELECT "Nip" FROM "Organisation_Employees" ORDER BY "Nip"' >"$WORK/employees.txt"
  head -n "$LEARNERS" "$WORK/employees.txt" >"$WORK/nips.txt"
  serve "$PORT" "$WORK/app.log"
  set +e
  timeout $((DURATION + 120)) dotnet "$DRIVER_DLL" --base "http://127.0.0.1:$PORT" --nips "$WORK/nips.txt" \
    --duration "$DURATION" --think-ms "$THINK" --ramp "$RAMP" | tee -a "$RESULTS"
  rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" = 0 ] || STATUS=1
  log "server errors logged: $(grep -c -E '^fail:|"LogLevel":"(Error|Critical)"' "$WORK/app.log" || true); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  stop_app
done
log ""
log "raw output: $OUT"
exit $STATUS
