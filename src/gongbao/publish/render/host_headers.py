"""The headers every answer of the site carries where a host lets the site set them: what a ``<meta>`` cannot say.

The pages' Content-Security-Policy is a ``<meta>`` (gongbao.publish.csp), and a policy given in a meta cannot hold
``frame-ancestors``: only a header stops another site from showing a page in a frame of its own (clickjacking: the
page under a fake 已废止 notice, a reader's click taken for another). ``frame-ancestors 'self'`` for browsers that read
it, ``X-Frame-Options: SAMEORIGIN`` for those that do not. And ``X-Content-Type-Options: nosniff``: a text file of the
site (index.txt, an earlier text in versions/) may hold markup from its code spans, read as text/plain only. Written for Netlify and Cloudflare Pages (``_headers``)
and into nginx's include (redirect_pages.nginx_rules); sent by ``gongbao serve`` and the tests' server too, so a
framing the hosts refuse fails in the preview and in the browser tests. GitHub Pages sends no header of a site's.
"""
from __future__ import annotations

HEADERS = (("Content-Security-Policy", "frame-ancestors 'self'"), ("X-Frame-Options", "SAMEORIGIN"),
           ("X-Content-Type-Options", "nosniff"))
NETLIFY = "_headers"


def netlify_rules(base: str) -> str:
    """``_headers``: the headers on every path under the site's folder ``base`` (percent-encoded, as ``_redirects``)."""
    lines = ["# 由 gongbao 生成（Netlify、Cloudflare Pages）：禁止其他网站在框架中显示本站页面。请勿手工修改。", f"{base}*"]
    return "\n".join(lines + [f"  {name}: {value}" for name, value in HEADERS]) + "\n"


def nginx_rules() -> list[str]:
    """``add_header`` lines for nginx's ``server {}``: ``always``, so a 404 and a redirect carry them too. nginx drops
    them in a location of the server's that adds headers of its own."""
    return [f'add_header {name} "{value}" always;' for name, value in HEADERS]
