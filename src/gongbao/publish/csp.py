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
"""
from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment, TemplateError

_HEAD = re.compile(r"<head[^>]*>", re.I)
_TEMPLATE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S | re.I)
_PAGE_SCRIPT = re.compile(r"(?P<tag><script(?=[\s/>])[^>]*>)(?P<code>.*?)</script", re.S | re.I)
_JINJA = ("{{", "{%")
_DATA_TYPES = frozenset({"application/json", "application/ld+json"})  # data, never executed
MAX_DEPTH = 32  # deepest page, in folders below the site root, whose base_url is enumerated


class UntrustedScript(ValueError):
    """A page holds an inline script that neither the theme nor the project ships."""


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def base_urls(site_path: str) -> list[str]:
    """Every ``base_url`` MkDocs gives a template: ``.``, ``..``, ``../..``… and, for 404.html, the site's path."""
    return ["."] + ["/".join([".."] * n) for n in range(1, MAX_DEPTH + 1)] + [site_path or "/"]


def theme_scripts(template_dirs, contexts: list[dict]) -> frozenset[str]:
    """Hashes of the inline executable scripts of the templates in ``template_dirs``, each rendered
    with every one of ``contexts`` when it holds Jinja (a script that does not render is not trusted)."""
    env = Environment()
    found = set()
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            for match in _TEMPLATE_SCRIPT.finditer(path.read_text(encoding="utf-8")):
                attrs, code = match["attrs"], match["code"]
                if "src=" in attrs or any(t in attrs for t in _DATA_TYPES):
                    continue
                if not any(j in code for j in _JINJA):
                    found.add(_hash(code))
                    continue
                try:
                    template = env.from_string(code)
                    found.update(_hash(template.render(**c)) for c in contexts)
                except TemplateError:
                    continue
    return frozenset(found)


class _StartTag(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.attrs: dict = {}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.attrs = dict(attrs)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run (no ``src``, not a data type).

    A regular expression finds them (a tokenizer over every page of a large archive costs a tenth of
    the build); whatever it misreads is simply not hashed, and a script without its hash in the policy
    does not run.
    """
    found = []
    for match in _PAGE_SCRIPT.finditer(html):
        attrs = _StartTag(match["tag"]).attrs
        if "src" not in attrs and (attrs.get("type") or "").strip().lower() not in _DATA_TYPES:
            found.append(match["code"])
    return found


def policy(html: str, trusted: frozenset[str]) -> str:
    """The page's policy: its inline scripts by hash, each of them one the theme or the project ships."""
    hashes = sorted({_hash(code) for code in inline_scripts(html)})
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
    """The page with its policy inserted as the first element of <head>; ``trusted``: ``theme_scripts``."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, trusted)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
