"""Small HTML helpers. Every value that comes from front matter goes through ``esc``."""
from __future__ import annotations

import html

import yaml

from gongbao.content import urls

# libyaml's emitter, a fourth of the pure-Python one's time; it escapes what the other writes raw (a character
# beyond the BMP, a control) in a few titles, and MkDocs reads back the same values from either.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def link(from_url: str, to_url: str, text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{esc(urls.relative(from_url, to_url))}"{attr}>{esc(text)}</a>'


def dl(rows: list[tuple[str, str]], cls: str, searchable: tuple[str, ...] | None = None) -> str:
    """A definition list; values are HTML already (escaped by the caller), empty ones are left out.

    ``searchable`` names the rows whose values the search index may hold (None: all of them);
    labels and other rows are kept out of the index and its excerpts, by an empty ``data-pagefind-ignore``
    (the reader asks only whether it is there: 3 bytes less a row than ``="all"``, a dozen rows a document page;
    not left without a value, which Python-Markdown writes back as ``="data-pagefind-ignore"`` in an issue).
    """
    def row(k: str, v: str) -> str:
        if searchable is None:
            return f"<div><dt>{esc(k)}</dt><dd>{v}</dd></div>"
        if k in searchable:
            return f'<div><dt data-pagefind-ignore="">{esc(k)}</dt><dd>{v}</dd></div>'
        return f'<div data-pagefind-ignore=""><dt>{esc(k)}</dt><dd>{v}</dd></div>'  # the row's label with it
    return f'<dl class="{cls}">{"".join(row(k, v) for k, v in rows if v)}</dl>'


def front_matter(**meta) -> str:
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True) + "---\n\n"
