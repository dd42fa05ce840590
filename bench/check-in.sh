#!/usr/bin/env bash
# A check-in burst (issue 18): a class running now with N registered people, the trainer's code of this minute, and all N
# checking in at once over the API (bearer tokens, C at a time). Prints throughput and p50/p99, and checks every check-in landed
# once. Usage: bench/check-in.sh [--people 300] [--connections 32] [--providers "sqlite postgres"] [--app DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEOPLE=300 CONNECTIONS=32 PROVIDERS="sqlite postgres" APP_DIR= PORT=5196
while [ $# -gt 0 ]; do
  case $1 in
    --people) PEOPLE=$2; shift 2 ;; --connections) CONNECTIONS=$2; shift 2 ;;
    --providers) PROVIDERS=$2; shift 2 ;; --app) APP_DIR=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
OUT=$(mktemp -d /tmp/learning-check-in-XXXXXX)
source "$ROOT/bench/common.sh"
trap stop_app EXIT
publish

for P in $PROVIDERS; do
  use_provider "$P" check_in || continue
  # Loopback signs everybody in from one address; the few synthetic people without a login must not throttle the rest.
  SETTINGS+=(--Accounts:Throttle:PerAddress=100000)
  echo "== $PROVIDER: generate-data --employees $((PEOPLE + 100)) --courses 5"
  dotnet "$DLL" generate-data --employees $((PEOPLE + 100)) --courses 5 --seed 1 "${SETTINGS[@]}" >"$WORK/generate.txt"
  # The class, its session (started ten minutes ago, two hours long) and N people registered, written as registering would;
  # the first of them teaches it. The session's check-in secret is made by the app when the code is first asked for.
  if [ "$PROVIDER" = postgres ]; then NOW="now() at time zone 'utc'"; MIN="interval '1 minute'"; EMPTY="''::bytea"; ID="gen_random_uuid()"
    AT() { echo "($NOW + $1 * $MIN)"; }; else NOW=; EMPTY="X''"; ID="upper(substr(hex(randomblob(16)),1,8)||'-'||substr(hex(randomblob(16)),1,4)||'-4'||substr(hex(randomblob(16)),1,3)||'-8'||substr(hex(randomblob(16)),1,3)||'-'||substr(hex(randomblob(16)),1,12))"
    AT() { echo "strftime('%Y-%m-%d %H:%M:%S', 'now', '$1 minutes')"; }; fi
  # Sign-in first: the first N people who can sign in (a few synthetic people have no login) are those registered.
  serve $PORT "$WORK/app.log"
  BASE=http://127.0.0.1:$PORT
  sql "SELECT \"Nip\" FROM \"Organisation_Employees\" ORDER BY \"Nip\" LIMIT $((PEOPLE + 100))" >"$WORK/candidates.txt"
  echo "signing in $PEOPLE people (4 at a time; the password hash is slow on purpose)"
  # One write per line (NIP and token together), so the four parallel sign-ins cannot interleave their output.
  xargs -P 4 -I{} sh -c 't=$(curl -s -X POST -H "content-type: application/json" -d "{\"userName\":\"{}\",\"password\":\"$1\"}" "$2/api/v1/auth/token" | grep -o "\"accessToken\":\"[^\"]*\"" | cut -d\" -f4); echo "{} $t"' _ "$PASSWORD" "$BASE" \
    <"$WORK/candidates.txt" | awk -v p="$PEOPLE" 'NF == 2 && n < p { print; n++ }' >"$WORK/signed-in.txt"
  [ "$(wc -l <"$WORK/signed-in.txt")" -eq "$PEOPLE" ] || { echo "only $(wc -l <"$WORK/signed-in.txt") of $PEOPLE signed in"; exit 1; }
  cut -d' ' -f2 "$WORK/signed-in.txt" >"$WORK/tokens.txt"
  NIPS=$(cut -d' ' -f1 "$WORK/signed-in.txt" | sed "s/.*/'&'/" | paste -sd,)
  CLASS=$(sql "SELECT $ID")
  [ "$PROVIDER" = sqlite ] || CLASS=${CLASS,,}
  TENANT=$(sql 'SELECT "TenantKey" FROM "Organisation_Employees" LIMIT 1')
  sql "INSERT INTO \"Classes_Classes\" (\"Id\",\"CourseSlug\",\"Title\",\"Jp\",\"Capacity\",\"Approval\",\"RegistrationClosesAt\",\"AttendanceShare\",\"PostTest\",\"Evaluation\",\"Status\",\"CreatedByUserId\",\"CreatedAt\",\"UpdatedAt\",\"PlacesTaken\",\"NextQueueNumber\",\"Revision\",\"TenantKey\")
       VALUES ('$CLASS',NULL,'Uji presensi serentak',6,$PEOPLE,'none',$(AT -60),1,FALSE,FALSE,'scheduled','00000000-0000-0000-0000-000000000000',$(AT -600),$(AT -600),$PEOPLE,1,1,'$TENANT')" >/dev/null
  sql "INSERT INTO \"Classes_Sessions\" (\"Id\",\"ClassId\",\"Number\",\"StartsAt\",\"EndsAt\",\"Venue\",\"OnlineUrl\",\"Cancelled\",\"Sequence\",\"CheckInSecret\",\"TenantKey\")
       VALUES ($ID,'$CLASS',1,$(AT -10),$(AT 120),'Aula',NULL,FALSE,0,$EMPTY,'$TENANT')" >/dev/null
  sql "INSERT INTO \"Classes_Registrations\" (\"Id\",\"ClassId\",\"EmployeeId\",\"Status\",\"RegisteredByEmployeeId\",\"CreatedAt\",\"UpdatedAt\",\"Revision\",\"TenantKey\")
       SELECT $ID,'$CLASS',\"Id\",'registered',\"Id\",$(AT -600),$(AT -600),1,'$TENANT' FROM \"Organisation_Employees\" WHERE \"Nip\" IN ($NIPS)" >/dev/null
  sql "INSERT INTO \"Classes_Trainers\" (\"ClassId\",\"EmployeeId\",\"TenantKey\") SELECT '$CLASS',\"Id\",'$TENANT' FROM \"Organisation_Employees\" WHERE \"Nip\" = '$(head -1 "$WORK/signed-in.txt" | cut -d' ' -f1)'" >/dev/null

  TRAINER=$(head -1 "$WORK/tokens.txt")
  CODE=$(curl -s -H "Authorization: Bearer $TRAINER" "$BASE/api/v1/classes/$CLASS/sessions/1/check-in" | grep -o '"code":"[^"]*"' | cut -d'"' -f4)
  [ -n "$CODE" ] || { echo "no code for the trainer"; exit 1; }
  echo "code of this minute: $CODE; $PEOPLE check-ins, $CONNECTIONS at a time"
  START=$(date +%s.%N)
  xargs -P "$CONNECTIONS" -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST -H 'content-type: application/json' \
    -H 'Authorization: Bearer {}' -d '{"code":"'"$CODE"'"}' "$BASE/api/v1/classes/$CLASS/attendance" <"$WORK/tokens.txt" >"$WORK/burst.txt"
  END=$(date +%s.%N)
  stop_app
  OK=$(grep -c '^204 ' "$WORK/burst.txt" || true)
  ROWS=$(sql "SELECT COUNT(*) FROM \"Classes_Attendance\" WHERE \"ClassId\" = '$CLASS'")
  awk '{print $2 * 1000}' "$WORK/burst.txt" | sort -n >"$WORK/ms.txt"
  pct() { awk -v p="$1" '{a[NR]=$1} END {i=int((NR*p+99)/100); if (i<1) i=1; printf "%.0f", a[i]}' "$WORK/ms.txt"; }
  SECS=$(echo "$END - $START" | bc -l)
  printf '%s: %d check-ins in %.2f s = %.0f/s; p50 %s ms, p99 %s ms, max %s ms; answered 204: %d; attendance rows: %s; other answers: %s\n' \
    "$PROVIDER" "$PEOPLE" "$SECS" "$(echo "$PEOPLE / $SECS" | bc -l)" "$(pct 50)" "$(pct 99)" "$(tail -1 "$WORK/ms.txt")" "$OK" "$ROWS" \
    "$(grep -v '^204 ' "$WORK/burst.txt" | cut -d' ' -f1 | sort | uniq -c | tr '\n' ' ' || true)"
  echo "server errors logged: $(grep -c 'fail:' "$WORK/app.log" || true)"
done
echo "raw output in $OUT"
