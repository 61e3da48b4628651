"""Content-Security-Policy for every page: nothing but the site itself, no inline code but the theme's own.

Material's templates carry a few small inline scripts (theme bootstrap) whose text varies with a
page's depth; rather than allow 'unsafe-inline', each page lists the SHA-256 of exactly the inline
scripts it has. Pagefind needs 'wasm-unsafe-eval' and a same-origin worker (measured: no blob:).
The policy is a <meta> at the top of <head>, so it also holds on hosts that set no headers.
"""
from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S)
_HEAD = re.compile(r"<head[^>]*>", re.I)
_DATA_TYPES = ("application/json", "application/ld+json")  # data, never executed


def _hashes(html: str) -> list[str]:
    found = []
    for match in _INLINE_SCRIPT.finditer(html):
        if any(t in match["attrs"] for t in _DATA_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(match["code"].encode("utf-8")).digest()).decode()
        found.append(f"'sha256-{digest}'")
    return sorted(set(found))


def policy(html: str) -> str:
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *_hashes(html)])
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self'; "
            "img-src 'self' data:; "               # the theme's inline SVG icons
            "font-src 'self'; connect-src 'self'; worker-src 'self'; "
            "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'")


def with_policy(html: str) -> str:
    """The page with its policy inserted as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
