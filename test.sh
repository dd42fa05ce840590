#!/usr/bin/env bash
# Set up if needed (chromium, PostgreSQL, Azurite), build, run every test project, and end with
# one line: "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")"
eng/setup.sh test || exit 1
source .tools/test.env

if ! dotnet build Learning.sln -c Release -nologo -v q > .tools/build.log 2>&1; then
  grep -E "error|Error" .tools/build.log | sort -u | head -40
  echo "0 passed, 1 failed"
  exit 1
fi

log=.tools/test.log
projects=$(ls tests/*/*.Tests.csproj | wc -l)
dotnet test Learning.sln -c Release --no-build -nologo -m:1 "$@" 2>&1 | tee "$log" | grep -E "^\s*(Passed|Failed)!|\[FAIL\]|^\s+(Failed|Error Message)" || true

passed=0; failed=0; summaries=0
while read -r line; do
  f=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")
  failed=$((failed + f)); passed=$((passed + p)); summaries=$((summaries + 1))
done < <(grep -E "(Passed|Failed)! +- Failed: *[0-9]+, Passed: *[0-9]+" "$log")

# A project that crashed prints no summary: count it as a failure.
if [ "$summaries" -lt "$projects" ]; then
  echo "$((projects - summaries)) test project(s) printed no result (see $log)"
  failed=$((failed + projects - summaries))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
