"""Generated index pages: issue tables of contents, the archive by year, catalogues, home blocks."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import partial

from gongbao.content import slugs, urls
from gongbao.content.model import Archive, Document, Issue
from gongbao.content.redirects import Redirect
from gongbao.content.settings import FILENAME as SETTINGS, Settings
from gongbao.identifiers.taxonomy import Taxonomy
from gongbao.publish.render.document import date
from gongbao.publish.render import issueprint, searchmeta, ui
from gongbao.publish.render.html import esc, front_matter, link

TYPE_SLUGS = {"规章": "guizhang", "规范性文件": "guifanxing", "其他文件": "qita"}

# A listing as long as the archive (every interpretation; every document of an issuer, a type, a topic) is cut into
# pages of at most PAGE_ROWS rows, newest first, so that no page a phone downloads and lays out grows with the archive
# (at 10,000 documents jiedu/ was one table of 7,857 rows, 2.5 MB). The listing's own URL stays its first page, with
# the newest rows; older rows follow at <listing>page/2/, page/3/… Cut by count, not by year: a year of a busy issuer,
# or of interpretations, is not bounded either. A new row shifts the rows of every later page, so the listing's pages
# are all made again, as its one page was (the build rewrites those whose bytes changed). Each extra page carries the
# theme's chrome (about 6 KB), and they are few: ⌈rows / PAGE_ROWS⌉ a listing. Like the first page, they are in
# neither the search index (no data-pagefind-body) nor the sitemap (each row's own page is).
PAGE_ROWS = 200


def _by_date(docs):
    return sorted(docs, key=lambda d: (d.published, str(d.ref)), reverse=True)


def doc_table(from_url: str, docs: list[Document], codes) -> str:
    rows = "".join(
        f"<tr><td>{date(d.published)}</td><td class=\"gb-nowrap\">{esc(d.number or '')}</td>"
        f"<td>{link(from_url, urls.document(d, codes), d.title)}</td><td>{esc(ui.t(d.status))}</td></tr>"
        for d in docs
    )
    return _table(("发布日期", "文号", "标题", "状态"), rows)


def page_url(url: str, number: int) -> str:
    """Page ``number`` (from 1) of the listing at ``url``: the first is the listing's own URL."""
    return url if number == 1 else f"{url}page/{number}/"


def page_urls(url: str, rows: int) -> list[str]:
    """The URLs of the pages of a listing of ``rows`` rows (one page when it has none)."""
    return [page_url(url, n) for n in range(1, max(1, -(-rows // PAGE_ROWS)) + 1)]


def paged(url: str, items: list, page: Callable[[str, list, str, str], str]) -> dict[str, str]:
    """The pages of the listing at ``url`` of ``items`` (in the listing's order, newest first), as URL → Markdown.
    ``page(page URL, its items, the title's suffix, the line saying where the page is)`` makes each page's content; the
    navigation follows it, where a reader who has read the rows goes on. A listing of one page is as it was."""
    at = page_urls(url, len(items))
    if len(at) == 1:
        return {url: page(url, items, "", "")}
    out = {}
    for n, here in enumerate(at, 1):
        where = ui.t("第 {n} 页 / 共 {m} 页").format(n=n, m=len(at))
        top = f'<p class="gb-pages-at">{where}（<a href="#gb-pages">{ui.t("翻页")}</a>）</p>\n'
        out[here] = (page(here, items[(n - 1) * PAGE_ROWS:n * PAGE_ROWS], " " + ui.t("第 {n} 页").format(n=n), top)
                     + _pager(here, at, n, where))
    return out


def _pager(here: str, at: list[str], number: int, where: str) -> str:
    """The previous and the next page and every page, as links a reader follows without a script, the page itself
    marked as the current one."""
    def to(n: int, text: str, rel: str = "") -> str:
        attr = f' rel="{rel}"' if rel else ""
        return f'<a href="{esc(urls.relative(here, at[n - 1]))}"{attr}>{text}</a>'
    steps = [to(number - 1, ui.t("上一页"), "prev")] if number > 1 else []
    steps += [f'<span aria-current="page">{n}</span>' if n == number else to(n, str(n)) for n in range(1, len(at) + 1)]
    steps += [to(number + 1, ui.t("下一页"), "next")] if number < len(at) else []
    return f'<nav class="gb-pages" id="gb-pages" aria-label="{ui.t("分页")}"><span>{where}</span>{"".join(steps)}</nav>\n'


def _table(headings: tuple[str, ...], rows: str) -> str:
    head = "".join(f'<th scope="col">{ui.t(h)}</th>' for h in headings)
    return f'<table class="gb-doc-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>\n'


# Statuses a reader of an old issue must not miss: the text printed there no longer applies as printed.
NO_LONGER_AS_PRINTED = ("已修订", "已废止", "已失效")


def _status_mark(doc: Document) -> str:
    if doc.status not in NO_LONGER_AS_PRINTED:
        return ""
    return f' <span class="gb-status-mark" data-pagefind-ignore="">{esc(ui.t(doc.status))}</span>'


def issue_toc(from_url: str, issue: Issue, archive: Archive, codes) -> str:
    """The issue's table of contents by section, in the issue's order; empty sections are not shown.
    A document no longer in force as printed says so (not in the search index: the issue's indexed text
    stays what was printed)."""
    by_section = defaultdict(list)
    for doc in archive.documents_in(issue.key):
        by_section[doc.section].append(doc)
    parts = []
    for section in issue.sections:
        docs = sorted(by_section.get(section, []), key=lambda d: (d.published, str(d.ref)))
        if not docs:
            continue
        items = "".join(
            f'<li>{link(from_url, urls.document(d, codes), d.title)}'
            + (f' <span class="gb-number">{esc(d.number)}</span>' if d.number else "") + _status_mark(d) + "</li>"
            for d in docs
        )
        parts.append(f'<h3 class="gb-section">{esc(section)}</h3>\n<ol class="gb-toc">{items}</ol>\n')
    return "".join(parts) or f"<p>{ui.t('本期暂无公开文件。')}</p>\n"


def issue_page(issue: Issue, archive: Archive, codes) -> str:
    url = urls.issue(issue.key)
    note = f'<p class="gb-issue-note">{esc(issue.note)}</p>\n' if issue.note else ""
    simplified = f"政府公报 {issue.label}"
    title = ui.t(simplified)
    # the heading keeps the anchor its Simplified title gives (as Markdown's toc slugifies it),
    # so an anchor never depends on the interface script
    anchor = re.sub(r"[^\w\- ]", "", simplified).strip().lower().replace(" ", "-")
    return (front_matter(title=title, gb_kind="issue")
            + '<article data-pagefind-body markdown="1">\n'
            + searchmeta.tags(issue.published, searchmeta.issue_filters(issue), [])
            + f'<h1 class="gb-title" id="{esc(anchor)}">{esc(title)}</h1>\n'
            + f'<p class="gb-issue-meta">{ui.t("出版日期")}：<time datetime="{issue.published.isoformat()}">'
            + f'{date(issue.published)}</time></p>\n'
            + f'<p class="gb-issue-print" data-pagefind-ignore="">'
            + f'{link(url, issueprint.url(issue.key), ui.t("整期打印版（封面、目录和全部文件全文）"))}</p>\n'
            + _neighbours(url, issue, archive) + note + f'<h2 id="toc">{ui.t("本期目录")}</h2>\n' + issue_toc(url, issue, archive, codes) + "</article>\n")


def _neighbours(url: str, issue: Issue, archive: Archive) -> str:
    """Links to the previous and the next issue, as a reader leafs through the gazette."""
    ordered = sorted(archive.issues, key=lambda i: i.key)
    at = next(n for n, other in enumerate(ordered) if other is issue)  # not list.index: == reads every field of each
    links = [f'<a href="{esc(urls.relative(url, urls.issue(other.key)))}" rel="{rel}">{ui.t(label)}：{esc(ui.t(other.label))}</a>'
             for label, rel, other in (("上一期", "prev", ordered[at - 1] if at else None),
                                       ("下一期", "next", ordered[at + 1] if at + 1 < len(ordered) else None))
             if other]
    if not links:
        return ""
    return f'<nav class="gb-issue-nav" aria-label="{ui.t("相邻期次")}" data-pagefind-ignore="">{"".join(links)}</nav>\n'


def issues_by_year(archive: Archive) -> dict[int, list[Issue]]:
    """Years newest first, and the issues of a year too: one order from the top of the archive down."""
    years = defaultdict(list)
    for issue in sorted(archive.issues, key=lambda i: i.key, reverse=True):
        years[issue.key.year].append(issue)
    return dict(sorted(years.items(), reverse=True))


def archive_page(archive: Archive) -> str:
    url = urls.ARCHIVE
    parts = [front_matter(title=ui.t("公报目录"), gb_kind="archive"), f'<h1 class="gb-title">{ui.t("公报目录")}</h1>\n',
             f"<p>{ui.t('自创刊号以来的全部公报，按年份和期号排列。')}</p>\n"]
    for year, issues in issues_by_year(archive).items():
        items = "".join(f"<li>{link(url, urls.issue(i.key), ui.t(i.label))} "
                        f'<time datetime="{i.published.isoformat()}">{date(i.published)}</time></li>' for i in issues)
        parts.append(f'<h2 id="y{year}">{link(url, urls.gazette_year(year), f"{year}年")}</h2>\n<ul class="gb-issues">{items}</ul>\n')
    return "".join(parts)


def year_page(year: int, issues: list[Issue], archive: Archive, codes) -> str:
    url = urls.gazette_year(year)
    title = ui.t("{year}年公报").format(year=year)
    parts = [front_matter(title=title, gb_kind="archive"), f'<h1 class="gb-title">{title}</h1>\n']
    for issue in issues:
        parts.append(f'<h2 id="i{issue.key.number}">{link(url, urls.issue(issue.key), ui.t(issue.label))}</h2>\n')
        parts.append(issue_toc(url, issue, archive, codes))
    return "".join(parts)


def catalogues(archive: Archive, settings: Settings) -> dict[str, str]:
    """Catalogue pages by issuer, type, year and topic, and the page that lists them."""
    codes = settings.issuer_codes
    pages = {}
    index = [front_matter(title=ui.t("分类目录"), gb_kind="catalogue"), f'<h1 class="gb-title">{ui.t("分类目录")}</h1>\n',
             # open data: the same catalogue, machine-readable (gongbao.publish.twins; schema in schemas/)
             f'<p class="gb-open-data">{ui.t("全部已发布文件目录（开放数据）")}：<a href="documents.json">JSON</a>、'
             f'<a href="documents.csv">CSV</a>；{ui.t("各文件另有 JSON 和规范文本，见文件页。")}</p>\n']
    for facet, heading, groups in _catalogue_groups(archive, settings):
        items = []
        for url, label, docs in groups:
            pages |= paged(url, _by_date(docs), partial(_catalogue_page, label, len(docs), codes))
            items.append(f"<li>{link(urls.CATALOGUES, url, label)}（{len(docs)}）</li>")
        index.append(f'<h2 id="{facet}">{heading}</h2>\n<ul class="gb-catalogues">{"".join(items)}</ul>\n')
    pages[urls.CATALOGUES] = "".join(index)
    return pages


def _catalogue_page(label: str, total: int, codes, here: str, shown: list[Document], suffix: str, where: str) -> str:
    return (front_matter(title=f"{label}（{total}）{suffix}", gb_kind="catalogue")
            + f'<h1 class="gb-title">{esc(label)}</h1>\n<p>{ui.t("共 {n} 份文件，按发布日期排列。").format(n=total)}</p>\n'
            + where + doc_table(here, shown, codes))


def catalogue_urls(archive: Archive, settings: Settings) -> list[str]:
    """The URLs of ``catalogues``' pages, listed without rendering them (a check asking whether a link's target exists)."""
    return [page for _, _, groups in _catalogue_groups(archive, settings) for url, _, docs in groups
            for page in page_urls(url, len(docs))] + [urls.CATALOGUES]


def moved_catalogues(archive: Archive, settings: Settings) -> dict[str, Redirect]:
    """Each page of an issuer's or topic's catalogue under a slug it had before (gazette.yml's ``previous_slugs``) → the
    same page under its slug now, and an issuer's feed the same way (``feeds.moved``): the old URLs were published, and
    are cited and subscribed to."""
    out = {}
    for facet in slugs.FACETS:
        rows = {slug: (name, len(docs)) for (slug, name), docs in slugs.groups(archive, facet, settings).items()}
        for old, new in slugs.moved(facet, settings).items():
            if new not in rows:
                continue  # no listing now: nothing to lead to
            name, count = rows[new]
            here, there = urls.catalogue(facet, new), urls.catalogue(facet, old)
            line = slugs.line(facet, name, settings)
            out |= {there + page.removeprefix(here): Redirect(there + page.removeprefix(here), page, SETTINGS, line)
                    for page in page_urls(here, count)}
            if facet == "issuer" and settings.site_url:  # feeds are written only with an address (gongbao.publish.feeds)
                out[feed(old)] = Redirect(feed(old), feed(new), SETTINGS, line)
    return out


def feed(slug: str) -> str:
    """The path of an issuer's feed."""
    return f"feeds/issuer/{slug}.xml"


def _catalogue_groups(archive: Archive, settings: Settings) -> list[tuple[str, str, list[tuple[str, str, list[Document]]]]]:
    """Each facet (issuer, type, year, topic) with its heading and its groups: (catalogue page URL, label, documents)."""
    taxonomy = Taxonomy.of(settings.topics)
    facets = {
        "issuer": (ui.t("按制发机关"), partial(slugs.names, "issuer", settings=settings)),
        "type": (ui.t("按文件类型"), lambda d: [(TYPE_SLUGS[d.type], ui.t(d.type))]),
        "year": (ui.t("按发布年份"), lambda d: [(str(d.published.year), f"{d.published.year}年")]),
        "topic": (ui.t("按主题分类"), partial(slugs.names, "topic", settings=settings)),
    }
    # Topics are listed in the taxonomy's own (official) order, the other facets by slug.
    rank = {slug: i for i, (_, slug) in enumerate(taxonomy.slugs)}
    found = []
    for facet, (heading, keys) in facets.items():
        groups: dict[tuple[str, str], list[Document]] = defaultdict(list)
        for doc in archive.documents:
            for key in keys(doc):
                groups[key].append(doc)
        ordered = sorted(groups.items(), key=lambda g: (rank[g[0][0]] if facet == "topic" else 0, g[0]))
        found.append((facet, heading, [(urls.catalogue(facet, slug), label, docs) for (slug, label), docs in ordered]))
    return found


def interpretations_pages(archive: Archive, codes) -> dict[str, str]:
    """Every interpretation, newest first, in pages (``paged``) from ``urls.INTERPRETATIONS``."""
    def page(here, shown, suffix, where):
        rows = "".join(
            f"<tr><td>{date(i.published)}</td><td>{link(here, urls.interpretation(i, codes), i.title)}</td>"
            f"<td class=\"gb-nowrap\">{esc(ui.t(i.kind))}</td>"
            f'<td class="gb-nowrap">{_original(here, archive.document(i.interprets), codes)}</td></tr>'
            for i in shown)
        return (front_matter(title=ui.t("政策解读") + suffix, gb_kind="interpretations")
                + f'<h1 class="gb-title">{ui.t("政策解读")}</h1>\n' + where + _table(("发布日期", "标题", "形式", "原文件"), rows))
    return paged(urls.INTERPRETATIONS, sorted(archive.interpretations, key=lambda i: (i.published, i.slug), reverse=True), page)


def interpretations_urls(archive: Archive) -> list[str]:
    """The URLs of ``interpretations_pages``' pages, listed without rendering them."""
    return page_urls(urls.INTERPRETATIONS, len(archive.interpretations))


def _original(url: str, doc: Document, codes) -> str:
    return link(url, urls.document(doc, codes), doc.label)


def home_blocks(archive: Archive, settings: Settings, latest: int = 10) -> str:
    """Appended to the editors' home page: the latest issue, documents and interpretations."""
    with ui.interface(settings.interface_script):
        return _home_blocks(archive, settings.issuer_codes, latest)


def _home_blocks(archive: Archive, codes, latest: int) -> str:
    parts = []
    if archive.issues:
        issue = max(archive.issues, key=lambda i: i.key)
        parts.append(f'<h2 id="latest-issue">{ui.t("最新一期")}：'
                     f'{link(urls.HOME, urls.issue(issue.key), ui.t(issue.label))}</h2>\n')
        parts.append(issue_toc(urls.HOME, issue, archive, codes))
    docs = _by_date(archive.documents)[:latest]
    if docs:
        parts.append(f'<h2 id="latest-documents">{ui.t("最新文件")}</h2>\n' + doc_table(urls.HOME, docs, codes))
    items = sorted(archive.interpretations, key=lambda i: (i.published, i.slug), reverse=True)[:latest]
    if items:
        lis = "".join(f"<li>{link(urls.HOME, urls.interpretation(i, codes), i.title)} "
                      f'<time datetime="{i.published.isoformat()}">{date(i.published)}</time></li>' for i in items)
        parts.append(f'<h2 id="latest-interpretations">{ui.t("最新解读")}</h2>\n<ul>{lis}</ul>\n')
    return "\n".join(parts)
