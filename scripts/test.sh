#!/usr/bin/env bash
# Installs the package with its test tools into the active Python and runs every check.
# The store's tests run on SQLite and on a throwaway PostgreSQL server started here
# (scripts/postgres.sh) when one is installed; under CI=true a missing one fails.
# pytest's exit code 5 (no tests collected) is a failure here, like any other.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet -e ".[test]"
ruff format --check rota ui app.py tests benchmarks
ruff check rota ui app.py tests benchmarks
mypy
. scripts/postgres.sh
start_postgres
set +e
python -m pytest "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$code"
