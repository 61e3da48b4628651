"""A one-shot build's garbage collection (gongbao.publish.collector): what survives a collection of everything is not
walked again, cyclic garbage made since is still freed; only ``mkdocs build`` turns it on. In a process of its own: a
frozen heap would change every later test of the session."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = textwrap.dedent("""
    import gc, importlib.util, sys, weakref
    from gongbao.publish import collector

    spec = importlib.util.spec_from_file_location("gazette", "hooks/gazette.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)

    class Node:
        pass

    hooks.on_startup(command="serve", dirty=False)
    gc.collect()
    print(gc.get_freeze_count())               # serve: nothing frozen
    hooks.on_startup(command="build", dirty=False)
    hooks.on_startup(command="build", dirty=False)  # once only
    kept = [Node() for _ in range(100_000)]    # what a build keeps to its end
    gc.collect()
    frozen = gc.get_freeze_count()
    print(frozen >= 100_000)                   # not walked by any later collection
    walked = []
    gc.callbacks.insert(0, lambda phase, info: phase == "start" and walked.append(info["generation"]))
    young = Node()
    young.me = young                           # a page's own cyclic garbage, made after the freeze
    freed = []
    weakref.finalize(young, freed.append, "young")
    del young
    gc.collect()
    print(freed, walked, gc.get_freeze_count() - frozen < 1_000, gc.callbacks.count(collector._after_collection))
""")


def test_a_build_freezes_what_survives_a_full_collection_and_still_frees_garbage_made_since():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    serve, frozen, after = result.stdout.splitlines()
    assert serve == "0"
    assert frozen == "True"
    assert after == "['young'] [2] True 1"  # one full collection, freeing it; the callback installed once


RENDERING = textwrap.dedent("""
    import gc, weakref
    from gongbao.content import watchdog
    from gongbao.publish import collector

    class Node:
        pass

    collector.freeze_survivors()
    freed = []
    watchdog.arm(lambda seconds: RuntimeError())  # a page renders (hooks/gazette.py: on_page_markdown)
    tree = Node()
    tree.me = tree                                # its Markdown's tree, held in a cycle
    weakref.finalize(tree, freed.append, "tree")
    gc.collect()                                  # a collection while it is made
    del tree                                      # rendered: garbage
    watchdog.disarm()                             # on_page_content
    collector.rendered()
    print(freed, gc.get_freeze_count() > 0)
""")


def test_what_a_page_makes_while_it_renders_is_not_frozen():
    """A page's Markdown tree is cyclic garbage once rendered: frozen by a collection while it was made, it was never
    freed (a table of 500,000 cells kept 150 MB to the build's end; twenty documents of 40 KB ran it out of memory)."""
    result = subprocess.run([sys.executable, "-c", RENDERING], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['tree'] True"  # freed once rendered, the rest frozen
