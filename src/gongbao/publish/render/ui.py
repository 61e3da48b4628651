"""Interface labels in the site's interface script (``site.interface_script`` in gazette.yml).

Labels are written once, in Simplified, where they are used: ``ui.t("发布日期")``. Under a zh-Hant
interface they are converted with OpenCC's phrase-level ``s2t``, corrected by the two tables below.
Only labels go through here, never content: titles, bodies, issuers, numbers, sections, topics,
front-matter values and search filter values are shown as written, in their own script.

The script is held in a context variable, set from the settings by the entry points that render
(``render.site.pages``/``files``, ``listings.home_blocks``) through ``interface(script)``. Templates
get ``convert`` as a Jinja filter (hooks/gazette.py); browser scripts get their labels, already
converted, from a ``data-gb-labels`` attribute of the page (``attribute``).
"""
from __future__ import annotations

import contextlib
import re
from contextvars import ContextVar
from functools import lru_cache
from typing import Iterator

import opencc

from gongbao.publish.render.html import esc

SIMPLIFIED, TRADITIONAL = "zh-Hans", "zh-Hant"

# Phrases s2t gets wrong in a government interface, replaced before OpenCC sees the label.
PHRASES = {
    "制发": "製發",  # 製發機關: s2t keeps 制 (制發)
    "发布": "發布",  # s2t gives 發佈; Taiwan's and Hong Kong's official usage, and the seed, write 發布
}
# Characters s2t writes in OpenCC's older standard forms; Taiwan, Hong Kong and the sample's own
# Traditional texts write the common forms.
VARIANTS = str.maketrans({"爲": "為", "啓": "啟"})
_PHRASE = re.compile("|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)))

_script: ContextVar[str] = ContextVar("gongbao_interface_script", default=SIMPLIFIED)


@contextlib.contextmanager
def interface(script: str) -> Iterator[None]:
    """Render the labels of the enclosed code in ``script`` (zh-Hans or zh-Hant)."""
    token = _script.set(script)
    try:
        yield
    finally:
        _script.reset(token)


def script() -> str:
    """The interface script labels are rendered in now."""
    return _script.get()


def t(label: str) -> str:
    """``label`` (written in Simplified) in the current interface script."""
    return convert(label, _script.get())


@lru_cache(maxsize=None)
def convert(label: str, script: str) -> str:
    """``label`` (written in Simplified) in ``script``; cached, as the same labels recur on every page."""
    if script != TRADITIONAL:
        return label
    out, at = [], 0
    for match in _PHRASE.finditer(label):
        out += [_s2t().convert(label[at:match.start()]), PHRASES[match[0]]]
        at = match.end()
    out.append(_s2t().convert(label[at:]))
    return "".join(out).translate(VARIANTS)


def attribute(labels: dict[str, str]) -> str:
    """``data-gb-labels="…"``: a browser script's labels (key → Simplified) in the interface script, one
    ``key=label`` a line, escaped (as JSON, its quotes each escaped, they were 0.2 KB more on every document
    page). Placeholders such as ``{number}`` are filled in by the script."""
    if any("=" in key or "\n" in key + label for key, label in labels.items()):
        raise ValueError(f"a label key holds '=' or a label a line break: {labels}")
    text = "\n".join(f"{key}={t(label)}" for key, label in sorted(labels.items()))
    return f'data-gb-labels="{esc(text)}"'


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")
