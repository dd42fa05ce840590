#!/usr/bin/env bash
# Idempotent set-up shared by ./run.sh and ./test.sh. Quiet when everything is already there.
#   eng/setup.sh run    what serving needs: the .NET tools and the DejaVu fonts
#   eng/setup.sh test   also Debian's chromium, PostgreSQL and Azurite, started on loopback
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
tools=.tools
mkdir -p "$tools"

say() { echo "setup: $*" >&2; }
need() { command -v "$1" >/dev/null 2>&1 || { say "'$1' is missing: $2"; exit 1; }; }
need dotnet "install the .NET 10 SDK (https://dot.net)"

apt_install() {
  if [ "$(id -u)" != 0 ]; then say "need root to install $*"; exit 1; fi
  if [ ! -f "$tools/.apt-updated" ]; then apt-get update -qq >/dev/null && touch "$tools/.apt-updated"; fi
  say "installing $* (Debian)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

[ -f "$tools/.dotnet-tools" ] || { dotnet tool restore >/dev/null && touch "$tools/.dotnet-tools"; }

# The certificate PDF embeds DejaVu Sans (Areas/Certification/CertificateFonts.cs); serving starts without it.
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  if [ "$(id -u)" = 0 ]; then apt_install fonts-dejavu-core
  else say "certificate PDFs need DejaVu Sans: apt-get install fonts-dejavu-core"; fi
fi

[ "$mode" = "test" ] || exit 0

command -v chromium >/dev/null 2>&1 || apt_install chromium
command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql

# PostgreSQL for the integration tests: a role with a password made here, never in the repo.
cluster=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
  pg_ctlcluster "$cluster" main start >/dev/null 2>&1 || { say "could not start PostgreSQL $cluster"; exit 1; }
fi
if [ ! -f "$tools/postgres.password" ]; then
  head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$tools/postgres.password"
fi
pgpass=$(cat "$tools/postgres.password")
for _ in $(seq 1 30); do su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
su postgres -c "psql -qtAc \"DO \\\$\\\$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'learning') THEN CREATE ROLE learning LOGIN CREATEDB; END IF;
  ALTER ROLE learning PASSWORD '$pgpass'; END\\\$\\\$;\"" >/dev/null

# Azurite, the Azure Storage emulator, from npm, on 127.0.0.1:10000.
need node "install Node.js 20 or later"
if [ ! -x "$tools/azurite/node_modules/.bin/azurite-blob" ]; then
  say "installing Azurite from npm"
  mkdir -p "$tools/azurite"
  (cd "$tools/azurite" && npm install --silent --no-audit --no-fund azurite@3.37.0 >/dev/null)
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  mkdir -p "$tools/azurite-data"
  nohup "$tools/azurite/node_modules/.bin/azurite-blob" --silent --location "$tools/azurite-data" \
    --blobHost 127.0.0.1 --blobPort 10000 --skipApiVersionCheck >"$tools/azurite.log" 2>&1 &
  for _ in $(seq 1 30); do (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null && break; sleep 0.5; done
  (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null || { say "Azurite did not start: see $tools/azurite.log"; exit 1; }
fi

cat > "$tools/test.env" <<ENV
export LEARNING_TEST_POSTGRES='Host=127.0.0.1;Port=5432;Username=learning;Password=$pgpass'
export LEARNING_TEST_BLOBS='UseDevelopmentStorage=true'
export LEARNING_TEST_CHROMIUM='/usr/bin/chromium'
ENV
