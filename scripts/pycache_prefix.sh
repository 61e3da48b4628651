#!/usr/bin/env bash
# Makes the Python of a virtual environment ($1, .venv/bin/python by default) read and write compiled code only in
# this user's cache, outside every repository (gongbao.content.unreviewed): a src/gongbao/__pycache__/cli.cpython-311.pyc
# compiled as an unchecked hash and committed with git add -f ran in an editor's clone at `gongbao check`, before the
# check that refuses it. The scripts export PYTHONPYCACHEPREFIX, but .venv/bin/gongbao, run by hand, reads no script:
# only what Python does before its first import can help, and sys.pycache_prefix set by a gongbao module comes after
# gongbao/__init__ and cli were read. A .pth file of the environment's (never the repository's, which
# gongbao.content.unreviewed refuses) runs at start-up, before any import of the repository, and keeps a prefix
# already given (PYTHONPYCACHEPREFIX, -X pycache_prefix) as Python would; the same folder as the scripts' and MkDocs'.
set -euo pipefail
python="${1:-.venv/bin/python}"
site="$("$python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
printf '%s\n' 'import os, sys; sys.pycache_prefix = sys.pycache_prefix or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "gongbao", "pycache")' \
  > "$site/gongbao-pycache-prefix.pth"
