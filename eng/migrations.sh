#!/usr/bin/env bash
# Regenerates the EF Core migrations of both providers from the modules' model.
#   eng/migrations.sh NAME     adds a migration named NAME to Sqlite and Postgres
#   eng/migrations.sh --reset  drops all migrations and creates Initial again (only before the first release)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
name=${1:?usage: eng/migrations.sh NAME | --reset}
if [ "$name" = "--reset" ]; then
  # Hand-written migrations (the Quartz schema) stay; the generated ones are made anew.
  find src/Learning.Web/Data/Migrations -name '*.cs' ! -name '*_QuartzSchema.cs' -delete 2>/dev/null || true
  name=Initial
fi
# Without the compiled models (eng/compiled-model.sh regenerates them next): they may not compile against a changed model.
if ! out=$(dotnet build eng/Design/Design.csproj -v q -nologo -p:WithoutCompiledModel=true 2>&1); then
  echo "$out" | grep -E " error " | sort -u; exit 1
fi
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build \
    --project src/Learning.Web --startup-project eng/Design \
    --context "${provider}LearningDbContext" --output-dir "Data/Migrations/$provider" >/dev/null
  echo "migration $name added for $provider"
done
rm -f eng/Design/design.db src/Learning.Web/design.db
echo "now run eng/compiled-model.sh: the compiled models follow the model (CompiledModelTests)"
