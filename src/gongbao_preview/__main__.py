"""``python -m gongbao_preview ROOT SITE``: answer ``update`` and ``later`` on stdin, one JSON line each on stdout."""
import sys

from gongbao_preview.worker import main

sys.exit(main(sys.argv[1:]))
