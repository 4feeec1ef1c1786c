#!/usr/bin/env bash
# Installs the package with its test tools into the active Python and runs every check.
# pytest's exit code 5 (no tests collected) is a failure here, like any other.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet -e ".[test]"
ruff format --check rota tests benchmarks
ruff check rota tests benchmarks
mypy
set +e
python -m pytest "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$code"
