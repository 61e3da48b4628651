"""The preview worker's garbage collection (gongbao_preview.worker.Collector): what the worker keeps is never walked
after an edit, and garbage among it is still freed once enough has been kept since. In a process of its own: a
frozen heap would change every later test of the session."""
from __future__ import annotations

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent("""
    import gc, weakref
    from gongbao_preview.worker import Collector

    class Node:
        pass

    kept = [Node() for _ in range(200_000)]   # what the worker keeps: the archive, every output
    collector = Collector()
    a, b = kept[0], kept[1]
    a.other, b.other = b, a                    # a page an edit replaced: a cycle among the kept objects
    freed = []
    weakref.finalize(a, freed.append, "cycle")
    del kept[:2], a, b
    young = Node()
    young.me = young                           # the update's own cyclic garbage
    weakref.finalize(Node(), freed.append, "plain")  # dies at once, by reference counting
    weakref.finalize(young, freed.append, "young")
    del young
    collector.collect()                        # after a small edit
    print(sorted(freed))
    more = [Node() for _ in range(60_000)]     # an edit that remade much: more than a quarter kept since
    collector.collect()
    print(sorted(freed))
""")


def test_collections_after_an_edit_skip_what_is_kept_until_enough_was_kept_since():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    after_small, after_large = result.stdout.splitlines()
    assert after_small == "['plain', 'young']"          # the cycle among the kept objects was not walked
    assert after_large == "['cycle', 'plain', 'young']"  # and is freed by the collection of everything
