#!/usr/bin/env bash
# Runs all of Arena's tests and ends with one line: "N passed, N failed".
# Installs what the tests need when it is missing (Debian's chromium for the browser tests,
# PostgreSQL 15 for the cluster-profile tests, nginx, openssl and curl for the cluster script's),
# so it works on a fresh machine.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
[ -x /usr/bin/shellcheck ] || missing+=(shellcheck)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/openssl ] || missing+=(openssl)
[ -x /usr/bin/curl ] || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} for the tests..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "Could not install ${missing[*]}."; echo "0 passed, 1 failed"; exit 1; }
fi

log=$(mktemp)
dotnet test Arena.sln 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=0
failed=0
while read -r f p; do
  passed=$((passed + p))
  failed=$((failed + f))
done < <(sed -nE 's/^(Passed|Failed)!\s+-\s+Failed:\s+([0-9]+),\s+Passed:\s+([0-9]+).*/\2 \3/p' "$log")

# A build error, a crashed test host, or a test project that reported nothing fails the run even
# when no test reported a failure.
projects=$(find tests -name '*.Tests.csproj' | wc -l)
reported=$(grep -cE '^(Passed|Failed)!\s+-\s+Failed:' "$log" || true)
if [ "$reported" -lt "$projects" ]; then
  echo "Only $reported of $projects test projects reported results."
  [ "$failed" -eq 0 ] && failed=1
  status=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi

rm -f "$log"
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
