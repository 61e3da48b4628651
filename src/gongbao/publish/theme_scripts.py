"""The inline scripts of the theme's templates, which the policy trusts by hash (gongbao.publish.csp): each script
rendered for every value it can take — they vary only with the page's depth through ``base_url`` — from the
template sources, never from a finished page. Apart from csp so that what writes the policy into generated pages
(and the check, which lists those pages) does not load Jinja."""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, TemplateError

from gongbao.publish import csp

_TEMPLATE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S | re.I)
_JINJA = ("{{", "{%")
MAX_DEPTH = 32  # deepest page, in folders below the site root, whose base_url is enumerated


def base_urls(site_path: str) -> list[str]:
    """Every ``base_url`` MkDocs gives a template: ``.``, ``..``, ``../..``… and, for 404.html, the site's path."""
    return ["."] + ["/".join([".."] * n) for n in range(1, MAX_DEPTH + 1)] + [site_path or "/"]


def of_templates(template_dirs, contexts: list[dict]) -> frozenset[str]:
    """Hashes of the inline executable scripts of the templates in ``template_dirs``, each rendered
    with every one of ``contexts`` when it holds Jinja (a script that does not render is not trusted)."""
    env = Environment()
    found = set()
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            for match in _TEMPLATE_SCRIPT.finditer(path.read_text(encoding="utf-8")):
                attrs, code = match["attrs"], match["code"]
                if "src=" in attrs or any(t in attrs for t in csp.DATA_TYPES):
                    continue
                if not any(j in code for j in _JINJA):
                    found.add(csp.script_hash(code))
                    continue
                try:
                    template = env.from_string(code)
                    found.update(csp.script_hash(template.render(**c)) for c in contexts)
                except TemplateError:
                    continue
    return frozenset(found)
