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
# The bytecode written now (in the cache above), as an installed wheel ships it: where the environment forbids writing it at
# run time (PYTHONDONTWRITEBYTECODE), every `gongbao check` would compile ~100 modules again (0.14–0.21 s of one).
# The cache is every module's, not only the project's: Python reads no bytecode beside the standard library's or the
# packages' sources once it is set, so theirs is written there too (else 113 modules compiled at every check: 0.18 s of
# an unchanged archive's 0.35 s at 10,000 documents). Once, about 15 s; later runs only look. A module edited later is
# compiled afresh in memory; a stale file is never used.
.venv/bin/python -m compileall -q src hooks >/dev/null
# a library's file that does not compile (test data shipped as .py) is its own affair: it is compiled, or not, as before
.venv/bin/python -m compileall -q -j 0 -x '/(tests?|idlelib|lib2to3|ensurepip)/' \
  "$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')" \
  "$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" >/dev/null || true

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
