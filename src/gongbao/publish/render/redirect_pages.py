"""What carries out the redirects ``gongbao.content.redirects`` plans: static pages, and rules for the hosts
that read them.

Every host: a plain HTML page (meta refresh, ``rel=canonical``, a visible link) at each
earlier URL, at each document's canonical number alias and at each page of a catalogue under an issuer's or topic's
previous slug (gazette.yml's ``previous_slugs``; an issuer's feed is published on at its old path instead, as a feed
reader follows no meta refresh); any other spelling of a number under
``wh/`` meets the site's 404 page, whose inline resolver (``overrides/404.html``) hands it to
the search page's number lookup, which goes on to the document. A meta refresh drops the fragment of the URL asked
for (a citation's ``#art-5``): the page also loads the site's own script file (``joined_assets.SCRIPT_URI``), whose
part ``gb-redirect.js`` goes on to the linked page with the fragment (the resolver and the lookup carry it too); no
inline script, and without JavaScript the refresh and the link work as before, to the page's top.

Hosts that read rules redirect with a real HTTP status instead, before any page loads:
``_redirects`` (Netlify, Cloudflare Pages) and ``redirects.nginx.conf`` (an ``include`` for nginx's
``server {}``). Whatever a host makes of a rule, the pages above still answer: a rule it does not
apply costs a status code, never a reader. Paths and numbers are checked grammars (``urls``,
``docnumber``): no space, quote or brace can reach a rule; targets are percent-encoded.
"""
from __future__ import annotations

import posixpath
from urllib.parse import quote

from gongbao.content import urls
from gongbao.content.model import Archive, Withdrawal
from gongbao.content.redirects import ALIASES, Redirect, aliases, plan
from gongbao.content.settings import site_folder
from gongbao.publish import joined_assets
from gongbao.publish.render import host_headers, listings, ui
from gongbao.publish.render.document import date
from gongbao.publish.render.html import esc, front_matter

NETLIFY = "_redirects"
NGINX = "redirects.nginx.conf"
RESOLVER = "search/?from=wh&q="  # the search page: with from=wh it goes on to the one document a number names


def redirect_page(redirect: Redirect, site_url: str) -> str:
    """The page at ``redirect.url``: its link (``data-gb-redirect``) is where gb-redirect.js carries a fragment to."""
    href = esc(urls.relative(redirect.url, redirect.target))
    canonical = esc(site_url.rstrip("/") + "/" + redirect.target) if site_url else href
    folder, name = posixpath.split(joined_assets.SCRIPT_URI)
    script = esc(urls.relative(redirect.url, folder) + name)
    return (
        f'<!doctype html>\n<html lang="{ui.script()}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{ui.t('转到')} {esc(redirect.target)}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'<link rel="canonical" href="{canonical}">\n<meta name="robots" content="noindex">\n</head>\n<body>\n'
        f'<p>{ui.t("本页的永久网址是")} <a href="{href}" data-gb-redirect>{canonical}</a>。</p>\n'
        f'<script src="{script}"></script>\n</body>\n</html>\n'
    )


def withdrawal_page(notice: Withdrawal) -> str:
    """A page (Markdown for MkDocs) kept at a withdrawn document's URL."""
    return (front_matter(title=f"{ui.t('已撤回')}：{notice.title}", gb_kind="withdrawn")
            + f'<h1 class="gb-title">{esc(notice.title)}</h1>\n'
            + f'<div class="gb-banner gb-withdrawn" role="note">{ui.t("本文件已于{date}撤回。").format(date=date(notice.date))}'
            + f"{ui.t('撤回理由')}：{esc(notice.reason)}</div>\n")


def _href(base: str, url: str) -> str:
    return base + quote(url, safe="/")


def netlify_rules(redirects: list[Redirect], base: str) -> str:
    """``_redirects``: earlier URLs first (Cloudflare Pages applies only its first 2,000 static rules:
    those matter most), then number aliases, then every other spelling to the resolver."""
    lines = ["# 由 gongbao 生成（Netlify、Cloudflare Pages）：旧网址和文号别名的永久转向。请勿手工修改。"]
    lines += [f"{_href(base, r.url)} {_href(base, r.target)} 301" for r in redirects]
    lines.append(f"{base}{ALIASES}* {base}{RESOLVER}:splat 302")
    return "\n".join(lines) + "\n"


def nginx_rules(redirects: list[Redirect], folder: str) -> str:
    """An ``include`` for nginx's ``server {}``: exact locations for earlier URLs and number aliases, and
    any other spelling under wh/ to the resolver. nginx matches locations on the decoded path, so they are written as
    text, the site's folder too (``folder``: gongbao.content.settings.site_folder, /公报/, never /%E5%85%AC%E6%8A%A5/:
    that matched nothing); ``$request_uri`` is as the client sent it, so the Location header stays ASCII. Its
    folder is not read again: the location has matched it, and a browser sends /%E5%85%AC%E6%8A%A5/, curl /公报/."""
    base = quote(folder, safe="/")
    lines = ["# 由 gongbao 生成（nginx）：在 server {} 中 include 本文件。禁止框架显示的响应头，旧网址和文号别名的永久转向。请勿手工修改。"]
    lines += host_headers.nginx_rules()
    lines += [f'location = "{folder}{r.url}" {{ return 301 {_href(base, r.target)}; }}' for r in redirects]
    lines += [f'location ^~ "{folder}{ALIASES}" {{',
              f'    if ($request_uri ~ "/{ALIASES}([^?#/]+)/?(?:\\?.*)?$") {{ return 302 {base}{RESOLVER}$1; }}',
              "    return 404;",
              "}"]
    return "\n".join(lines) + "\n"


def files(archive: Archive, settings) -> dict[str, str]:
    """Generator for ``render.site``: redirect pages for earlier URLs and number aliases, the hosts'
    rules (their headers too: gongbao.publish.render.host_headers), withdrawal notices."""
    planned, _ = plan(archive, settings.issuer_codes)  # conflicts fail the check before any build
    numbers = aliases(archive, settings.issuer_codes)
    # catalogue pages and feeds under an issuer's or topic's previous slug: a feed is published on at its old path
    # (gongbao.publish.feeds), its rule alone redirects it
    listed = listings.moved_catalogues(archive, settings)
    pages = planned | numbers | {url: r for url, r in listed.items() if url.endswith("/")}
    out = {f"{url}index.html": redirect_page(r, settings.site_url) for url, r in pages.items()}
    ordered = (sorted(planned.values(), key=lambda r: r.url) + sorted(listed.values(), key=lambda r: r.url)
               + sorted(numbers.values(), key=lambda r: r.url))
    folder = site_folder(settings.site_url) or "/"  # None only for a site.url the check refuses
    out[NETLIFY] = netlify_rules(ordered, quote(folder, safe="/"))
    out[NGINX] = nginx_rules(ordered, folder)
    out[host_headers.NETLIFY] = host_headers.netlify_rules(quote(folder, safe="/"))
    out |= {urls.source_uri(w.url): withdrawal_page(w) for w in archive.withdrawn}
    return out
