#!/usr/bin/env bash
# The test command, for a contributor and for CI alike (.ci/run calls it): installs what the tests run for real,
# builds Release, runs every test project, and ends with `tests: N passed, M failed`.
#
#   ./test.sh                    everything
#   ./test.sh --no-install       skip installing; tests needing a missing program fail saying which
#   ./test.sh [--] ARGS...       extra `dotnet test` arguments, e.g. ./test.sh --filter FullyQualifiedName~Drift
#
# Needs ../shared beside the clone (or CRC_SHARED_DIR, and optionally JSON_SCHEMA_TEST_SUITE); see README.md.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

install=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    --) ;;
    *) args+=("$arg") ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# 1. Shared test data: say once what is missing and how to get it, before building anything.
shared=${CRC_SHARED_DIR:-$root/../shared}
suite=${JSON_SCHEMA_TEST_SUITE:-$shared/json-schema-test-suite}
missing_data=()
[ -d "$suite/tests" ] || missing_data+=("the official JSON-Schema-Test-Suite (looked in $suite)")
for folder in bench-corpus canonical-json-vectors; do
  [ -d "$shared/$folder" ] || missing_data+=("$folder (looked in $shared/$folder)")
done
if [ ${#missing_data[@]} -gt 0 ]; then
  echo "test.sh: the tests need shared test data that is not there:" >&2
  printf '  - %s\n' "${missing_data[@]}" >&2
  echo "Put the project's shared folder beside the clone as ../shared, or set CRC_SHARED_DIR to it; the official suite" >&2
  echo "alone can come from 'git clone https://github.com/json-schema-org/JSON-Schema-Test-Suite' named by JSON_SCHEMA_TEST_SUITE." >&2
  exit 2
fi

# 2. The real programs the tests run (.ci/packages.txt): apt-get where it can, else name the packages.
if [ "$install" -eq 1 ]; then
  missing=()
  while read -r pkg bin; do
    { [ -z "$pkg" ] || [[ "$pkg" == \#* ]]; } && continue
    command -v "$bin" >/dev/null 2>&1 || missing+=("$pkg")
  done < .ci/packages.txt
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo="sudo -n"; }
    if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
      echo "test.sh: installing ${missing[*]}"
      if ! ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}") >/tmp/test-sh-apt.log 2>&1; then
        echo "test.sh: apt-get install ${missing[*]} failed:" >&2; tail -20 /tmp/test-sh-apt.log >&2; exit 2
      fi
    else
      echo "test.sh: the tests run these programs, which are missing: install the packages ${missing[*]} (Debian/Ubuntu names;" >&2
      echo "see .ci/packages.txt for the program each provides), or run ./test.sh --no-install to run the tests anyway." >&2
      exit 2
    fi
  fi

  # The workflow-template tests validate with @action-validator/cli (npm), kept under artifacts/tools.
  validator="$root/artifacts/tools/node_modules/.bin/action-validator"
  if [ ! -x "$validator" ] && ! command -v action-validator >/dev/null 2>&1; then
    echo "test.sh: installing @action-validator/cli into artifacts/tools"
    mkdir -p artifacts/tools
    npm install --prefix artifacts/tools --no-save --no-audit --no-fund --loglevel=error @action-validator/cli@0.6.0 >/tmp/test-sh-npm.log 2>&1 \
      || { echo "test.sh: npm install @action-validator/cli failed:" >&2; tail -20 /tmp/test-sh-npm.log >&2; exit 2; }
  fi
fi

# 3. Build Release (warnings are errors, Directory.Build.props) and run every test project.
dotnet restore CoreRegistryClient.sln || exit 1
dotnet build CoreRegistryClient.sln -c Release --no-restore || exit 1
results="$root/artifacts/test-results"
rm -rf "$results"
dotnet test CoreRegistryClient.sln -c Release --no-build --logger trx --results-directory "$results" "${args[@]}"
status=$?

passed=0; failed=0
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line")
  fl=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "tests: $passed passed, $failed failed"
exit $status
