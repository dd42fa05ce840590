#!/usr/bin/env bash
# Fault run (bench/README.md): kill -9 the published app in the middle of an import, of the reassessment sweep and of a batch of
# submits; start again; check the database: nothing half-written, nothing doubled. Prints every check with its result.
#   bench/fault.sh [--providers "sqlite postgres"] [--kills "4 8 12"] [--app DIR] [--parts "import sweep submits"]
# Exit 0 when every check holds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PROVIDERS="sqlite postgres" KILLS="4 8 12" PARTS="import sweep submits" APP_DIR= PORT=5197
while [ $# -gt 0 ]; do
  case "$1" in
    --providers) PROVIDERS=$2; shift 2 ;;
    --kills) KILLS=$2; shift 2 ;;
    --parts) PARTS=$2; shift 2 ;;
    --app) APP_DIR=$(realpath "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

OUT=$(mktemp -d /tmp/learning-fault-XXXXXX)
RESULTS=$OUT/results.txt
APP_PID= FAILED=0
source bench/common.sh
log() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
trap stop_app EXIT

# check NAME SQL [EXPECTED]: the SQL answers one number; it must be EXPECTED (default 0). With BRIEF=1 only failures are printed.
CHECKS=0 HELD=0 BRIEF=0
check() {
  local got; got=$(sql "$2" | tr -d '[:space:]')
  CHECKS=$((CHECKS + 1))
  if [ "$got" = "${3:-0}" ]; then HELD=$((HELD + 1)); [ "$BRIEF" = 1 ] || log "  ok      $1: $got"
  else log "  FAILED  $1: $got (expected ${3:-0})"; FAILED=1; fi
}
# After a kill: the consistency checks, one line unless one fails.
check_brief() { CHECKS=0 HELD=0 BRIEF=1; check_consistency; BRIEF=0; log "  $HELD of $CHECKS consistency checks hold"; }
count() { sql "SELECT COUNT(*) FROM ($1) AS d" | tr -d '[:space:]'; }

# Holds for any database of the app, whatever was killed when.
check_consistency() {
  check "courses without a lesson" 'SELECT COUNT(*) FROM "Courses_Courses" c WHERE NOT EXISTS (SELECT 1 FROM "Courses_Lessons" l WHERE l."CourseId" = c."Id")'
  check "modules without a lesson" 'SELECT COUNT(*) FROM "Courses_Modules" m WHERE NOT EXISTS (SELECT 1 FROM "Courses_Lessons" l WHERE l."ModuleId" = m."Id")'
  check "course slugs twice" 'SELECT COUNT(*) FROM (SELECT "Slug" FROM "Courses_Courses" GROUP BY "Slug" HAVING COUNT(*) > 1) d'
  check "lesson keys twice in one course" 'SELECT COUNT(*) FROM (SELECT 1 FROM "Courses_Lessons" GROUP BY "CourseId", "Key" HAVING COUNT(*) > 1) d'
  check "lessons completed twice in one enrolment" 'SELECT COUNT(*) FROM (SELECT 1 FROM "Enrolments_LessonProgress" GROUP BY "EnrolmentId", "LessonKey" HAVING COUNT(*) > 1) d'
  check "two open enrolments of one person in one course" \
    'SELECT COUNT(*) FROM (SELECT 1 FROM "Enrolments_Enrolments" WHERE "Status" = '"'in-progress'"' GROUP BY "EmployeeId", "CourseSlug" HAVING COUNT(*) > 1) d'
  check "attempts numbered twice" 'SELECT COUNT(*) FROM (SELECT 1 FROM "Assessments_Attempts" GROUP BY "EnrolmentId", "Round", "Number" HAVING COUNT(*) > 1) d'
  check "submitted attempts without a score" 'SELECT COUNT(*) FROM "Assessments_Attempts" WHERE "Status" = '"'submitted'"' AND "Score" IS NULL'
  check "passed attempts whose enrolment does not know it" \
    'SELECT COUNT(*) FROM "Assessments_Attempts" a JOIN "Enrolments_Enrolments" e ON e."Id" = a."EnrolmentId" WHERE a."Passed" = TRUE AND e."AssessmentPassedAt" IS NULL'
  check "completed enrolments without a certificate" \
    'SELECT COUNT(*) FROM "Enrolments_Enrolments" e WHERE e."Status" = '"'completed'"' AND NOT EXISTS (SELECT 1 FROM "Certification_Certificates" c WHERE c."EnrolmentId" = e."Id")'
  check "passed and read to the end, yet not completed (stuck)" \
    'SELECT COUNT(*) FROM "Enrolments_Enrolments" e WHERE e."Status" = '"'in-progress'"' AND e."AssessmentPassedAt" IS NOT NULL
       AND (SELECT COUNT(*) FROM "Enrolments_LessonProgress" p WHERE p."EnrolmentId" = e."Id")
        >= (SELECT COUNT(*) FROM "Courses_Lessons" l JOIN "Courses_Courses" c ON c."Id" = l."CourseId" WHERE c."Slug" = e."CourseSlug")'
  check "enrolments with two certificates" 'SELECT COUNT(*) FROM (SELECT 1 FROM "Certification_Certificates" GROUP BY "EnrolmentId" HAVING COUNT(*) > 1) d'
  check "certificates without their career-record line" \
    'SELECT COUNT(*) FROM "Certification_Certificates" c WHERE NOT EXISTS (SELECT 1 FROM "CareerRecords_Trainings" t WHERE t."CertificateId" = c."Id")'
  check "certificates with two career-record lines" \
    'SELECT COUNT(*) FROM (SELECT 1 FROM "CareerRecords_Trainings" WHERE "CertificateId" IS NOT NULL GROUP BY "CertificateId" HAVING COUNT(*) > 1) d'
  check "career-record lines of a certificate that does not exist" \
    'SELECT COUNT(*) FROM "CareerRecords_Trainings" t WHERE t."CertificateId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Certification_Certificates" c WHERE c."Id" = t."CertificateId")'
  check "enrolments with two path instances" 'SELECT COUNT(*) FROM (SELECT 1 FROM "Paths_Instances" GROUP BY "EnrolmentId" HAVING COUNT(*) > 1) d'
  check "path instances without their enrolment" \
    'SELECT COUNT(*) FROM "Paths_Instances" i WHERE NOT EXISTS (SELECT 1 FROM "Enrolments_Enrolments" e WHERE e."Id" = i."EnrolmentId")'
  check "faulted path instances" 'SELECT COUNT(*) FROM "Paths_Instances" WHERE "Status" = '"'faulted'"''
  # What the sweep changes together: a certificate's status, its path instance and the competencies it proves.
  check "expired certificates whose path still waits on them" \
    'SELECT COUNT(*) FROM "Certification_Certificates" c JOIN "Paths_Instances" i ON i."EnrolmentId" = c."EnrolmentId" WHERE c."Status" = '"'Expired'"' AND i."Status" = '"'waiting'"''
  check "expired certificates still proving a competency" \
    'SELECT COUNT(*) FROM "Certification_Certificates" c JOIN "CareerRecords_CompetencyRecords" r ON r."CertificateId" = c."Id" WHERE c."Status" = '"'Expired'"' AND r."Status" <> '"'Lapsed'"''
  check "certificates due for reassessment whose path opened no round" \
    'SELECT COUNT(*) FROM "Certification_Certificates" c JOIN "Paths_Instances" i ON i."EnrolmentId" = c."EnrolmentId" WHERE c."Status" = '"'ReassessmentDue'"' AND i."Status" = '"'waiting'"' AND i."ReassessmentOpen" = FALSE'
  check "certificates due for reassessment whose competency still shows active" \
    'SELECT COUNT(*) FROM "Certification_Certificates" c JOIN "CareerRecords_CompetencyRecords" r ON r."CertificateId" = c."Id" WHERE c."Status" = '"'ReassessmentDue'"' AND r."Status" = '"'Active'"''
}

# kill_during SECONDS LOG COMMAND…: runs the command in the background and kill -9s it after SECONDS unless it ended first.
kill_during() {
  local after=$1 out=$2; shift 2
  "$@" >"$out" 2>&1 &
  local pid=$! waited=0
  while [ "$waited" -lt $((after * 10)) ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; waited=$((waited + 1)); done
  if kill -9 "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; log "killed with -9 after ${after} s"; return 0; fi
  wait "$pid" 2>/dev/null || true
  log "ended by itself before ${after} s (no fault injected): $(tail -1 "$out")"
}

# One course template copied N times: 20 lessons of a few KB each.
make_content() {
  local dir=$1 n=$2 template=$1/template
  mkdir -p "$template" "$dir/courses"
  {
    echo 'title: "Kursus Gangguan"'; echo 'summary: "Kursus untuk menguji impor yang terputus."'
    echo "language: id"; echo "jp: 2"; echo "minutes: 90"; echo "modules:"
    for m in 1 2 3 4; do
      echo "  - title: \"Modul $m\""
      echo -n "    lessons: ["
      for l in 1 2 3 4 5; do n2=$(( (m - 1) * 5 + l )); printf '%02d-pelajaran-%02d.md' $n2 $n2; [ $l -lt 5 ] && echo -n ", "; done
      echo "]"
    done
  } >"$template/course.yml"
  for l in $(seq -w 1 20); do
    { echo "---"; echo "title: \"Pelajaran $l\""; echo "minutes: 5"; echo "---"; echo
      for p in 1 2 3 4 5 6; do echo "Paragraf $p pelajaran $l. Pelayanan publik yang baik dimulai dari standar pelayanan yang jelas."; echo; done
    } >"$template/$l-pelajaran-$l.md"
  done
  for c in $(seq -w 1 "$n"); do cp -r "$template" "$dir/courses/gangguan-$c"; sed -i "s/Kursus Gangguan/Kursus Gangguan $c/" "$dir/courses/gangguan-$c/course.yml"; done
  rm -rf "$template"
}

publish
log "# Learning fault run $(date -u +%Y-%m-%dT%H:%MZ)"
log "machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg); commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
log "kills after: $KILLS seconds (process start included)"

for P in $PROVIDERS; do
  # --- 1. import of a large content folder
  if [[ " $PARTS " == *" import "* ]] && use_provider "$P" fault_import; then
    COURSES=150
    log ""; log "## $PROVIDER: kill -9 during import of $COURSES courses × 20 lessons"
    make_content "$WORK/content" "$COURSES"
    # The first start migrates the empty database; a kill there must not leave it unopenable (EF Core's migration lock).
    kill_during 3 "$WORK/import-first.txt" dotnet "$DLL" import "$WORK/content" "${SETTINGS[@]}"
    if timeout 300 dotnet "$DLL" jobs list "${SETTINGS[@]}" >"$WORK/reopen.txt" 2>&1; then log "  ok      the database opens again after a kill during the first start"
    else log "  FAILED  the database does not open again within 300 s after a kill during the first start (a migration lock left behind?)"; FAILED=1; fi
    for k in $KILLS; do
      kill_during "$k" "$WORK/import-$k.txt" dotnet "$DLL" import "$WORK/content" "${SETTINGS[@]}"
      imported=$(count 'SELECT 1 FROM "Courses_Courses" WHERE "Slug" LIKE '"'gangguan-%'"'' 2>/dev/null || echo 0)
      lessons=$(count 'SELECT 1 FROM "Courses_Lessons" l JOIN "Courses_Courses" c ON c."Id" = l."CourseId" WHERE c."Slug" LIKE '"'gangguan-%'"'' 2>/dev/null || echo 0)
      if [ "$imported" = 0 ] || [ "$imported" = "$COURSES" ]; then log "  ok      all or nothing: $imported of $COURSES courses, $lessons lessons";
      else log "  FAILED  all or nothing: $imported of $COURSES courses, $lessons lessons"; FAILED=1; fi
      [ "$imported" = 0 ] || check_brief
    done
    started=$(date +%s)
    dotnet "$DLL" import "$WORK/content" "${SETTINGS[@]}" >"$WORK/import-final.txt" 2>&1 || { log "  FAILED  import after the kills: $(tail -3 "$WORK/import-final.txt")"; FAILED=1; }
    log "the import without a kill took $(( $(date +%s) - started )) s (process start included), to compare with the kill times above"
    dotnet "$DLL" import "$WORK/content" "${SETTINGS[@]}" >"$WORK/import-again.txt" 2>&1 || { log "  FAILED  second import: $(tail -3 "$WORK/import-again.txt")"; FAILED=1; }
    log "after importing to the end, and once more:"
    check "imported courses" 'SELECT COUNT(*) FROM "Courses_Courses" WHERE "Slug" LIKE '"'gangguan-%'"'' "$COURSES"
    check "their lessons" 'SELECT COUNT(*) FROM "Courses_Lessons" l JOIN "Courses_Courses" c ON c."Id" = l."CourseId" WHERE c."Slug" LIKE '"'gangguan-%'"'' $((COURSES * 20))
    check_consistency
  fi

  # --- 2. the reassessment sweep on a generated city, as of a day when many certificates are due or expired
  if [[ " $PARTS " == *" sweep "* ]] && use_provider "$P" fault_sweep; then
    AS_OF=$(date -u -d '+400 days' +%Y-%m-%dT06:00:00Z)
    log ""; log "## $PROVIDER: kill -9 during jobs run reassessment-sweep --as-of $AS_OF"
    dotnet "$DLL" generate-data --employees 2000 --courses 40 --seed 1 "${SETTINGS[@]}" >"$WORK/generate.txt"
    grep -E "SyntheticCertificates|Kota" "$WORK/generate.txt" | sed 's/^/    /' | tee -a "$RESULTS" || true
    # The same city swept once without a fault, to compare with: a copy of the database.
    SNAPSHOT='SELECT '"'certificates '"' || "Status" || '"' '"' || COUNT(*) FROM "Certification_Certificates" GROUP BY "Status"
      UNION ALL SELECT '"'competencies '"' || "Status" || '"' '"' || COUNT(*) FROM "CareerRecords_CompetencyRecords" GROUP BY "Status"
      UNION ALL SELECT '"'paths '"' || "Status" || '"' '"' || COALESCE("Outcome", '"'-'"') || '"' '"' || COUNT(*) FROM "Paths_Instances" GROUP BY "Status", "Outcome"
      UNION ALL SELECT '"'notifications '"' || COUNT(*) FROM "Notifications_Notifications"
      UNION ALL SELECT '"'path-history '"' || COUNT(*) FROM "Paths_History"'
    if [ "$PROVIDER" = postgres ]; then
      pg_admin "DROP DATABASE IF EXISTS ${PG_DB}_ref WITH (FORCE)"; pg_admin "CREATE DATABASE ${PG_DB}_ref TEMPLATE $PG_DB"
      REF=(--DataRoot="$WORK/ref" --Logging:LogLevel:Default=Warning --Database:Provider=Postgres "--ConnectionStrings:Learning=$LEARNING_TEST_POSTGRES;Database=${PG_DB}_ref")
    else
      cp -r "$WORK/data" "$WORK/ref"; REF=(--DataRoot="$WORK/ref" --Logging:LogLevel:Default=Warning)
    fi
    dotnet "$DLL" jobs run reassessment-sweep --as-of "$AS_OF" "${REF[@]}" >"$WORK/sweep-reference.txt" 2>&1
    log "without a fault: $(head -1 "$WORK/sweep-reference.txt")"
    if [ "$PROVIDER" = postgres ]; then SAVED=$PG_DB; PG_DB=${PG_DB}_ref; sql "$SNAPSHOT" | sort >"$WORK/reference.txt"; PG_DB=$SAVED
    else sqlite3 -cmd ".timeout 30000" "$WORK/ref/learning.db" "$SNAPSHOT" | sort >"$WORK/reference.txt"; fi
    for k in $KILLS; do
      kill_during "$k" "$WORK/sweep-$k.txt" dotnet "$DLL" jobs run reassessment-sweep --as-of "$AS_OF" "${SETTINGS[@]}"
      check_brief
    done
    dotnet "$DLL" jobs run reassessment-sweep --as-of "$AS_OF" "${SETTINGS[@]}" >"$WORK/sweep-final.txt" 2>&1
    log "run to the end after the kills: $(head -1 "$WORK/sweep-final.txt")"
    dotnet "$DLL" jobs run reassessment-sweep --as-of "$AS_OF" "${SETTINGS[@]}" >"$WORK/sweep-again.txt" 2>&1
    log "and once more: $(head -1 "$WORK/sweep-again.txt")"
    check_consistency
    sql "$SNAPSHOT" | sort >"$WORK/after.txt"
    if diff -q "$WORK/reference.txt" "$WORK/after.txt" >/dev/null; then
      log "  ok      same certificates, competencies, paths, notices and history as the sweep without a fault: $(tr '\n' ';' <"$WORK/after.txt")"
    else
      log "  FAILED  differs from the sweep without a fault (reference < > after the kills):"; diff "$WORK/reference.txt" "$WORK/after.txt" | sed 's/^/          /' | tee -a "$RESULTS"; FAILED=1
    fi
  fi

  # --- 3. a batch of submits against the serving app
  if [[ " $PARTS " == *" submits "* ]] && use_provider "$P" fault_submits; then
    log ""; log "## $PROVIDER: kill -9 of the serving app during a batch of 150 learners completing lessons and submitting attempts"
    dotnet "$DLL" generate-data --employees 300 --courses 10 --seed 1 "${SETTINGS[@]}" >/dev/null
    sql 'SELECT "Nip" FROM "Organisation_Employees" ORDER BY "Nip"' >"$WORK/employees.txt"
    head -n 150 "$WORK/employees.txt" >"$WORK/nips.txt"
    build_driver
    serve "$PORT" "$WORK/app-1.log"
    before=$(count 'SELECT 1 FROM "Assessments_Attempts" WHERE "Status" = '"'submitted'"'')
    driver --base "http://127.0.0.1:$PORT" --nips "$WORK/nips.txt" --duration 240 --think-ms 0 --ramp 20 --quiet >"$WORK/driver-1.txt" 2>&1 &
    DRIVER=$!
    # Killed once submits are landing (20 more submitted attempts), not after a fixed time: sign-in is slow on a busy machine.
    for _ in $(seq 1 200); do
      n=$(count 'SELECT 1 FROM "Assessments_Attempts" WHERE "Status" = '"'submitted'"'' || true)
      [ "${n:-0}" -ge $((before + 20)) ] && break; sleep 1
    done
    kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
    log "killed with -9 under load; submitted attempts before the run: $before, at the kill: $(count 'SELECT 1 FROM "Assessments_Attempts" WHERE "Status" = '"'submitted'"''), lessons completed: $(count 'SELECT 1 FROM "Enrolments_LessonProgress"')"
    kill "$DRIVER" 2>/dev/null || true
    wait "$DRIVER" || true
    log "the driver stopped with it"
    serve "$PORT" "$WORK/app-2.log"
    log "started again; /health answers"
    driver --base "http://127.0.0.1:$PORT" --nips "$WORK/nips.txt" --duration 30 --think-ms 0 --ramp 10 >"$WORK/driver-2.txt" 2>&1 || true
    log "30 s more of the same after the restart: $(grep '^total' "$WORK/driver-2.txt")"
    stop_app
    check_consistency
  fi
done

log ""
log "$([ "$FAILED" = 0 ] && echo "every check holds" || echo "SOME CHECKS FAILED")"
log "raw output: $OUT"
exit $FAILED
