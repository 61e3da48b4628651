#!/usr/bin/env bash
# Sets up everything the project needs on a fresh Debian machine; safe to run again.
#   - Python 3.11 virtual environment in .venv with the project and its test tools (exact pins)
#   - Debian's chromium for the browser tests (never `playwright install`), and nginx-light to test the
#     redirect rules the build writes for nginx (tests/test_urls_aliases.py)
set -euo pipefail
cd "$(dirname "$0")/.."

# Compiled code read and written only in this user's cache, never a repository's (scripts/pycache_prefix.sh says why)
export PYTHONPYCACHEPREFIX="${XDG_CACHE_HOME:-$HOME/.cache}/gongbao/pycache"
if [ ! -x .venv/bin/python ]; then
  python3.11 -m venv .venv 2>/dev/null || python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
bash scripts/pycache_prefix.sh .venv/bin/python
# The project's bytecode written now (in the cache above), as an installed wheel ships it: where the environment forbids writing it at
# run time (PYTHONDONTWRITEBYTECODE), every `gongbao check` would compile ~100 modules again (0.14–0.21 s of one).
# A module edited later is compiled afresh in memory; a stale file is never used.
.venv/bin/python -m compileall -q src hooks >/dev/null

if [ "${1:-}" = "--with-browser" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if [ "${1:-}" = "--with-browser" ] && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx-light >/dev/null
fi
# CJK fonts, so the screenshots in tests/artifacts/ show Chinese text rather than empty boxes.
if [ "${1:-}" = "--with-browser" ] && ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null
fi
