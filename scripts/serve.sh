#!/usr/bin/env bash
# Set up, build the sample gazette with its search index, and serve it on http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/gongbao build
echo "Serving site/ on http://127.0.0.1:${PORT:-8000}/  (Ctrl-C to stop)"
exec .venv/bin/python -m http.server "${PORT:-8000}" --bind 127.0.0.1 --directory site
