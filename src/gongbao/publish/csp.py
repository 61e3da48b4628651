"""Content-Security-Policy for every page: nothing but the site itself, no inline code but the theme's own.

Material's templates and our overrides carry a few small inline scripts (theme bootstrap). Rather
than allow 'unsafe-inline', the policy trusts them by SHA-256 — and only them: the trusted hashes
are computed from the *template sources* (each inline script rendered for every value it can take;
they vary only with the page's depth through ``base_url``), never from a finished page. A page
holding an inline script that is not one of them (anything content smuggled in) is refused, so the
policy can never be made to trust it. Inline event handlers and ``javascript:`` URLs never run: the
policy has neither 'unsafe-inline' nor 'unsafe-hashes'. JSON and JSON-LD blocks are data, never run.
The search page runs no WebAssembly and no worker: no 'wasm-unsafe-eval'.
The policy is a <meta> at the top of <head>, so it also holds on hosts that set no headers.
The theme's trusted scripts are read from its templates by gongbao.publish.theme_scripts (Jinja is loaded there only).
"""
from __future__ import annotations

import base64
import functools
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

_HEAD = re.compile(r"<head[^>]*>", re.I)
_PAGE_SCRIPT = re.compile(r"(?P<tag><script(?=[\s/>])[^>]*>)(?P<code>.*?)</script", re.S | re.I)
DATA_TYPES = frozenset({"application/json", "application/ld+json"})  # data, never executed
_PRAGMA = re.compile(r"<meta(?=[\s/])[^>]*\bhttp-equiv", re.I)


class UntrustedScript(ValueError):
    """A page holds an inline script that neither the theme nor the project ships."""


def script_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


class _StartTag(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.attrs: dict = {}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.attrs = dict(attrs)


@functools.lru_cache(maxsize=256)
def _runs(tag: str) -> bool:
    """Whether a script with this start tag runs its inline code (no ``src``, not a data type); read once for the
    few start tags every page repeats (the theme's, the JSON-LD block's)."""
    attrs = _StartTag(tag).attrs
    return "src" not in attrs and (attrs.get("type") or "").strip().lower() not in DATA_TYPES


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run (no ``src``, not a data type).

    A regular expression finds them (a tokenizer over every page of a large archive costs a tenth of
    the build); whatever it misreads is simply not hashed, and a script without its hash in the policy
    does not run.
    """
    return [match["code"] for match in _PAGE_SCRIPT.finditer(html) if _runs(match["tag"])]


def navigates(html: str) -> bool:
    """Whether ``html`` holds a ``<meta http-equiv>`` (refresh: off to another site; set-cookie…): the policy does not
    stop a navigation. Only the project's redirect pages carry one, and the policy's own is added after this look.
    Lower-cased first: a look for the word in every page costs little, the pattern only where it is."""
    return "http-equiv" in html.lower() and _PRAGMA.search(html) is not None


def policy(html: str, trusted: frozenset[str]) -> str:
    """The page's policy: its inline scripts by hash, each of them one the theme or the project ships."""
    hashes = sorted({script_hash(code) for code in inline_scripts(html)})
    untrusted = [h for h in hashes if h not in trusted]
    if untrusted:
        raise UntrustedScript(f"页面含有 {len(untrusted)} 段不是主题或本项目提供的内联脚本，拒绝发布：{' '.join(untrusted)}")
    scripts = " ".join(["'self'", *hashes])
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self'; "
            "img-src 'self' data:; "               # the theme's inline SVG icons
            "font-src 'self'; connect-src 'self'; worker-src 'self'; "
            "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'")


def with_policy(html: str, trusted: frozenset[str] = frozenset()) -> str:
    """The page with its policy inserted as the first element of <head>; ``trusted``: gongbao.publish.theme_scripts."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, trusted)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
