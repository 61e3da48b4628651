"""``python -m gongbao_preview.index SITE OUT``: the search index of the served site's pages, written to OUT, in a process
the preview can stop (gongbao.serve): an edit saved meanwhile is shown at once, and this index, made from pages the edit
may have rewritten or withheld text from, is thrown away."""
import os
import sys
from pathlib import Path

from gongbao.publish import searchindex

if __name__ == "__main__":
    os.nice(10)  # behind the server and the worker: the editor waits for them, not for the index
    searchindex.index(Path(sys.argv[1]), quiet=True, out=Path(sys.argv[2]))
