#!/usr/bin/env bash
# The whole test suite: lint, layers and types, unit/property/AppTest tests in parallel, then browser tests one at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m ruff check .
python -m ruff format --check .
lint-imports
python -m mypy
python -m pytest -n 2 -m "not e2e" -q --durations=15
python -m pytest -m e2e -p no:xdist -q --durations=10
