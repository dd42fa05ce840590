#!/usr/bin/env bash
# Regenerates the compiled EF Core models (one per provider) from the modules' model: run it after any change to the model
# (an entity, a property, an index, a module added to Program.Modules), as eng/migrations.sh is run for the schema.
# CompiledModelTests fails until it is. The app uses the compiled model only for the module set of Program.Modules
# (src/Learning.Web/Data/CompiledModels/CompiledModel.cs); the tenant filters are added to it at load (Tenancy.AddFilters).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
out=src/Learning.Web/Data/CompiledModels
# Built without the generated models, which may no longer compile against the changed entities.
if ! log=$(dotnet build eng/Design/Design.csproj -v q -nologo -p:WithoutCompiledModel=true 2>&1); then
  echo "$log" | grep -E " error " | sort -u; exit 1
fi
for provider in Sqlite Postgres; do
  rm -rf "$out/$provider"
  dotnet ef dbcontext optimize --no-build \
    --project src/Learning.Web --startup-project eng/Design \
    --context "${provider}LearningDbContext" --output-dir "Data/CompiledModels/$provider" \
    --namespace "Learning.Web.Data.CompiledModels.$provider" >/dev/null
  # Not found by EF Core on its own ([assembly: DbContextModel]): only the module set it was generated from may use it.
  rm -f "$out/$provider/"*AssemblyAttributes.cs
  echo "compiled model generated for $provider"
done
rm -f eng/Design/design.db src/Learning.Web/design.db
