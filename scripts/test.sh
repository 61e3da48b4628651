#!/usr/bin/env bash
# Set up everything (including Debian's chromium) and run the whole test suite.
# Every property with all its examples (the "ci" profile, tests/conftest.py); `pytest -m unit` tries a tenth.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser
exec .venv/bin/python -m pytest -q --hypothesis-profile=ci "$@"
