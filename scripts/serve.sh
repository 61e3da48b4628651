#!/usr/bin/env bash
# Set up, build the sample gazette with its search index, and serve it on http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
# Compiled code read and written only in this user's cache, never a repository's (scripts/pycache_prefix.sh says why)
export PYTHONPYCACHEPREFIX="${XDG_CACHE_HOME:-$HOME/.cache}/gongbao/pycache"
bash scripts/setup.sh
# gongbao serve: builds site/ (search index included), serves it with text gzipped as production
# hosts do, and rebuilds when the content changes
exec .venv/bin/gongbao serve --port "${PORT:-8000}"
