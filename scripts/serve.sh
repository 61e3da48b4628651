#!/usr/bin/env bash
# Set up, build the sample gazette with its search index, and serve it on http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# gongbao serve: builds site/ (search index included), serves it with text gzipped as production
# hosts do, and rebuilds when the content changes
exec .venv/bin/gongbao serve --port "${PORT:-8000}"
