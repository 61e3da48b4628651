#!/usr/bin/env bash
# Set up everything (including Debian's chromium) and run the whole test suite.
# Every property with all its examples (the "ci" profile, tests/conftest.py); `pytest -m unit` tries a tenth.
set -euo pipefail
cd "$(dirname "$0")/.."
# Compiled code read and written only in this user's cache, and the repository's top not on sys.path (-P): a .pyc a
# commit holds (src/gongbao/__pycache__/…, a pytest.pyc at the top) is never run by the tests (gongbao.content.unreviewed)
export PYTHONPYCACHEPREFIX="${XDG_CACHE_HOME:-$HOME/.cache}/gongbao/pycache"
bash scripts/setup.sh --with-browser
exec .venv/bin/python -P -m pytest -q --hypothesis-profile=ci "$@"
