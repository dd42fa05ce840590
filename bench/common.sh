# Shared by bench/soak.sh and bench/fault.sh (sourced, not run): publish the app, a fresh database per provider, SQL on it.
# Expects ROOT (the repository), OUT (the run's folder) and, after use_provider, SETTINGS and PROVIDER.
PASSWORD='Belajar#2026' # generate-data's password for every login (synthetic data), never a real secret
[ -f "$ROOT/.tools/test.env" ] && source "$ROOT/.tools/test.env"

# Published as a server runs it (Release, ReadyToRun), into $OUT/app; or the folder given with --app.
publish() {
  if [ -n "${APP_DIR:-}" ]; then APP=$APP_DIR; else
    APP=$OUT/app
    echo "== publish (Release, ReadyToRun)"
    dotnet publish "$ROOT/src/Learning.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" -nologo -v q 2>&1 \
      | { grep -E " error " || true; }
  fi
  DLL=$APP/Learning.Web.dll
  [ -f "$DLL" ] || { echo "no $DLL: publish failed" >&2; exit 1; }
}

# One sign-in through the form, as a browser: the login page's antiforgery token and cookie, then the post. Prints
# "NIP<TAB>cookies" (learning.auth and learning.af, the cookies a browser sends back).
# Needs BASE (the app's address), OUT (a folder for its cookie jars) and PASSWORD; bash -c needs them and it exported.
login_one() {
  local nip=$1 jar token
  jar=$(mktemp "$OUT/jar-XXXXXX")
  token=$(curl -s -c "$jar" "$BASE/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "UserName=$nip" --data-urlencode "Password=$PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" "$BASE/login"
  printf '%s\t%s\n' "$nip" "$(awk '$6 ~ /^learning\./ { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")"
  rm -f "$jar"
}

# page_lists SAMPLES DIR: the lists first-visit.sh and memory.sh walk, one "cookie<TAB>path" line per (person, page), in the same
# shuffled order for every page, from DIR/learners.tsv and DIR/supervisors.tsv (login_one's output) into DIR/list-*.tsv.
page_lists() {
  local samples=$1 dir=$2
  join -t$'\t' <(awk -F'\t' '$1 == "learner" { print $2 "\t" $3 "\t" $4 "\t" $5 }' "$samples" | sort) \
    <(grep 'learning.auth' "$dir/learners.tsv" | sort) | shuf --random-source=<(yes) >"$dir/learners-joined.tsv"
  awk -F'\t' -v d="$dir" '{
    print $5 "\t/"                       > (d "/list-home.tsv")
    print $5 "\t/courses"                > (d "/list-catalog.tsv")
    print $5 "\t/courses/" $4            > (d "/list-course.tsv")
    print $5 "\t/learn/" $2 "/" $3       > (d "/list-lesson.tsv")
    print $5 "\t/career-record"          > (d "/list-career.tsv")
  }' "$dir/learners-joined.tsv"
  grep 'learning.auth' "$dir/supervisors.tsv" | awk -F'\t' '{ print $2 "\t/team" }' >"$dir/list-team.tsv"
}

# use_provider sqlite|postgres NAME: a fresh, empty database called NAME; sets SETTINGS (for the app's command line) and WORK.
# Returns 1 (with a note) when PostgreSQL is not configured.
use_provider() {
  PROVIDER=$1
  WORK=$OUT/$PROVIDER-$2
  rm -rf "$WORK"; mkdir -p "$WORK/data"
  SETTINGS=(--DataRoot="$WORK/data" --Logging:LogLevel:Default=Warning)
  if [ "$PROVIDER" = postgres ]; then
    [ -n "${LEARNING_TEST_POSTGRES:-}" ] || { echo "PostgreSQL: LEARNING_TEST_POSTGRES is not set (.tools/test.env): skipped"; return 1; }
    PG_DB=learning_$2
    pg_admin "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
    SETTINGS+=(--Database:Provider=Postgres "--ConnectionStrings:Learning=$LEARNING_TEST_POSTGRES;Database=$PG_DB")
  fi
}

pg_field() { tr ';' '\n' <<<"$LEARNING_TEST_POSTGRES" | awk -F= -v k="$1" 'tolower($1) == tolower(k) { print $2 }'; }
pg_admin() { PGPASSWORD=$(pg_field Password) psql -q -h "$(pg_field Host)" -p "$(pg_field Port)" -U "$(pg_field Username)" -d postgres -c "$1" >/dev/null; }

# sql "SELECT …": one value per line, columns separated by |, on the current provider's database. Identifiers in double quotes.
# On PostgreSQL row-level security shows a session only the rows of the tenant it names (learning.tenant, see RowSecurity.cs):
# a session naming none reads nothing and may write nothing. So it names SQL_TENANT first (default: the app's default tenant,
# the one generate-data fills without --tenant), and the set_config line is cut from the output.
SQL_TENANT=${SQL_TENANT:-semarang}
sql() {
  if [ "$PROVIDER" = postgres ]; then
    PGPASSWORD=$(pg_field Password) psql -qAt -v ON_ERROR_STOP=1 -h "$(pg_field Host)" -p "$(pg_field Port)" -U "$(pg_field Username)" -d "$PG_DB" \
      -c "SELECT set_config('learning.tenant', '$SQL_TENANT', false)" -c "$1" | tail -n +2
  else
    sqlite3 -cmd ".timeout 30000" "$WORK/data/learning.db" "$1" # waits while the app writes
  fi
}

# serve PORT LOG: the published app in its own folder, in the background (APP_PID); waits for /health.
serve() {
  env -C "$APP" dotnet "$DLL" --urls "http://127.0.0.1:$1" "${SETTINGS[@]}" >"$2" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return 0; sleep 1; done
  echo "the app did not answer /health on port $1:"; tail -20 "$2"; return 1
}

stop_app() { [ -n "${APP_PID:-}" ] && { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }; APP_PID=; }

# The soak driver (bench/soak.cs, a .NET file-based app), built once before any clock starts.
# driver runs the built program itself (not through dotnet run), so a kill reaches it.
build_driver() {
  DRIVER_DLL=$(dotnet build "$ROOT/bench/soak.cs" -nologo 2>&1 | sed -n 's/.*soak\.cs -> \(.*\.dll\)$/\1/p' | tail -1)
  [ -f "$DRIVER_DLL" ] || { echo "building bench/soak.cs failed" >&2; exit 1; }
}
driver() { dotnet "$DRIVER_DLL" "$@"; }
