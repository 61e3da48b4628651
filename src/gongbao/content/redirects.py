"""Redirects planned: document numbers as written, and URLs a page had before (the pages and host
rules that carry them out are ``render.redirect_pages``).

A reader who types a number as it appears in print, or follows a link made before a number was
corrected, lands on the permanent URL.

==========================================  ================================================
alias                                       redirects to
==========================================  ================================================
``wh/锡政办发〔2018〕68号/`` (canonical form)  ``doc/xzbf/2018/68/``
``wh/錫政辦發[2018]68號/``, ``wh/锡政办发2018 …``  the same: every bracket 〔〕 [] () （） ［］ 【】 or none,
                                            Simplified or Traditional script, with or without 号
``wh/无锡市人民政府令第180号/``                ``doc/wxzfl/180/``
a URL in ``previous_urls``                  the document's (or interpretation's) URL now;
                                            a moved document takes its interpretations along
a withdrawn document's number (the lock's)  its URL, where the withdrawal notice stands
==========================================  ================================================

A browser sends the number percent-encoded (``wh/%E9%94%A1…``); the server decodes it to the
file name. The canonical form has a page of its own; the other spellings reach the document through
the site's 404 page, which hands the number to the search page's number lookup, or through the
host's redirect rules. A withdrawn document's URL shows the withdrawal notice instead (``withdrawn.yml``), and its
number, as the lock recorded it, leads there as before (``withdrawn_numbers``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from gongbao.content import urls
from gongbao.content.diagnostics import Diagnostic
from gongbao.identifiers import chars
from gongbao.identifiers.docnumber import DocNumber
from gongbao.content.model import Archive, Attachment, Document, Withdrawal
from gongbao.identifiers.script import to_traditional
from gongbao.content.withdrawn import FILENAME as WITHDRAWN_FILE

ALIASES = "wh/"
BRACKETS = ("〔〕", "[]", "()", "（）", "［］", "【】", "")
# an interpretation's URL: its document's path, then jiedu/<slug>/
INTERPRETATION = re.compile(rf"^doc/(?:id/[a-z0-9-]+|[a-z][a-z0-9]*/(?:{urls.YEAR}/)?{urls.SERIAL})/jiedu/[a-z0-9-]+/\Z")


def alias_url(written: str) -> str:
    """The alias of a number as written: ``wh/锡政办发〔2018〕68号/`` (spaces removed)."""
    return ALIASES + "".join(written.split()) + "/"


def parse_alias(url: str) -> DocNumber:
    """The number an alias URL names, percent-encoded or not; ``ValueError`` if it names none."""
    text = unquote(url.strip("/"))
    if not text.startswith(ALIASES):
        raise ValueError(f"{chars.quoted(url)}不是文号别名网址：应为 {ALIASES}<文号>/")
    return DocNumber.parse(text[len(ALIASES):])


def variants(number: DocNumber) -> list[str]:
    """The number written every way an alias must accept, canonical form first: the contract that the
    404 resolver, the search page's number lookup and the host rules are tested on."""
    out = [str(number)]
    for agency, suffix in ((number.agency, "号"), (to_traditional(number.agency), "號")):
        for end in (suffix, ""):
            if number.year is None:
                out.append(f"{agency}第{number.serial}{end}")
                continue
            for pair in BRACKETS:
                left, right = (pair[0], pair[1]) if pair else ("", "")
                out.append(f"{agency}{left}{number.year}{right}{number.serial}{end}")
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Redirect:
    url: str       # the alias or earlier URL
    target: str    # the permanent URL it leads to
    source: str    # the file that claims it
    line: int


def aliases(archive: Archive, codes: dict[str, str]) -> dict[str, Redirect]:
    """The canonical number alias of each public document (under wh/, where nothing else lives), of each number one
    had before (``earlier_numbers``) and of each withdrawn document's (``withdrawn_numbers``). One per number, not one
    per spelling: 25 pages a document made most of a large site's files."""
    out = {}
    for doc in archive.public().documents:
        if doc.number:
            alias = alias_url(str(doc.number))
            out[alias] = Redirect(alias, urls.document(doc, codes), doc.source.path, doc.source.line_of("doc_number"))
    for number, doc in earlier_numbers(archive, codes).items():
        alias = alias_url(str(number))
        out[alias] = Redirect(alias, urls.document(doc, codes), doc.source.path, doc.source.line_of("previous_urls"))
    for number, notice in withdrawn_numbers(archive, codes).items():
        alias = alias_url(str(number))
        out[alias] = Redirect(alias, notice.url, WITHDRAWN_FILE, notice.line)
    return out


def earlier_numbers(archive: Archive, codes: dict[str, str]) -> dict[DocNumber, Document]:
    """The numbers public documents had before they were renumbered, each with its document: an earlier URL
    (previous_urls) names the number's code, year and serial. Its alias was published and may be cited, so every
    spelling of it still reaches the document (the alias page, and the search page's number lookup behind the 404
    page's resolver). None that a public document has now, nor one whose code several agencies share."""
    agencies: dict[str, list[str]] = {}
    for agency, code in codes.items():
        agencies.setdefault(code, []).append(agency)
    public = archive.public()
    current = {doc.number for doc in public.documents if doc.number}
    out: dict[DocNumber, Document] = {}
    for doc in public.documents:
        for old in doc.previous_urls:
            try:
                path = urls.DocPath.parse(site_path(old))
            except ValueError:
                continue  # rules/lock.py reports it
            named = agencies.get(path.code, [])
            if path.serial is not None and len(named) == 1:
                number = DocNumber(named[0], path.year, path.serial)
                if number not in current:
                    out.setdefault(number, doc)
    return out


def withdrawn_numbers(archive: Archive, codes: dict[str, str]) -> dict[DocNumber, Withdrawal]:
    """The numbers withdrawn documents were published under (lock.number_withdrawals), each with the notice at the
    document's URL: the number was published and is cited, so every spelling of it still reaches the notice (the alias
    page, the search page's number lookup, the hosts' rules), not a page saying nothing is there. None that a public
    document has now or had before (earlier_numbers): a number leads to the page that answers to it, and a notice only
    says a text is gone, so it never takes a number from a page (the check refuses one at the notice's own URL: plan),
    nor one whose agency has no code (no lookup can reach it)."""
    numbered = [n for n in archive.withdrawn if n.number is not None and n.number.agency in codes]
    if not numbered:  # most archives: nothing else is worked out
        return {}
    live = {doc.number for doc in archive.public().documents if doc.number} | earlier_numbers(archive, codes).keys()
    out: dict[DocNumber, Withdrawal] = {}
    for notice in numbered:
        if notice.number not in live:
            out.setdefault(notice.number, notice)
    return out


def plan(archive: Archive, codes: dict[str, str]) -> tuple[dict[str, Redirect], list[Diagnostic]]:
    """The redirects from earlier URLs (previous_urls), and a diagnostic for each URL claimed twice. Given the whole
    archive (a check's), a claim of a withheld document's URL is one too; the renderers give the public one."""
    public = archive.public()
    claims: list[Redirect] = []
    for doc in public.documents:
        if not doc.previous_urls:
            continue
        url = urls.document(doc, codes)
        line = doc.source.line_of("previous_urls")
        for old in doc.previous_urls:
            old = site_path(old)
            claims.append(Redirect(old, url, doc.source.path, line))
            for item in public.interpretations_of(doc):  # its interpretations moved with it
                claims.append(Redirect(f"{old}jiedu/{item.slug}/", urls.interpretation(item, codes), doc.source.path, line))
    for item in public.interpretations:
        claims += [Redirect(site_path(old), urls.interpretation(item, codes), item.source.path,
                            item.source.line_of("previous_urls")) for old in item.previous_urls]
    if not claims and not archive.withdrawn:  # nothing to plan: no page's URL is made (most checks)
        return {}, []
    pages = {urls.document(d, codes): d.source for d in public.documents}
    pages |= {urls.interpretation(i, codes): i.source for i in public.interpretations}
    # a withheld (不予公开) document's URL is its own though it is no page: a claim of it would take its number (its
    # alias and the search page's number lookup: earlier_numbers), and a reader typing it would get another text
    withheld = {urls.document(d, codes): d.source for d in archive.documents
                if not d.is_public and (d.number is None or d.number.agency in codes)}
    out: dict[str, Redirect] = {}
    problems = []
    notices = {w.url: w for w in archive.withdrawn}
    for claim in claims:
        other = out.get(claim.url)
        if claim.url in pages:
            problems.append(_clash(claim, f"是 {pages[claim.url].path} 的现行网址"))
        elif claim.url in withheld:
            problems.append(_clash(claim, f"是依法不予公开的 {withheld[claim.url].path} 的网址"))
        elif claim.url in notices:
            problems.append(_clash(claim, f"已在 {WITHDRAWN_FILE} 第 {notices[claim.url].line} 行记为撤回"))
        elif other and other.target != claim.target:
            problems.append(_clash(claim, f"已由 {other.source} 占用（转到 {other.target}）"))
        else:
            out.setdefault(claim.url, claim)
    for notice in archive.withdrawn:
        if notice.url in pages:
            problems.append(Diagnostic(WITHDRAWN_FILE, notice.line, f"撤回记录的网址 {notice.url} 仍是 {pages[notice.url].path} 的网址",
                                       "撤回的文件应从公报中删除；若未撤回，删去这条撤回记录", rule="redirect"))
    return out, problems


def earlier(public: Archive, codes: dict[str, str]) -> dict[str, str]:
    """Each earlier URL (``previous_urls``) → the page it leads to (``plan``). What a page publishes beside itself
    besides its HTML (its files, its twins) is published under each earlier URL too: a redirect page cannot stand in for
    a PDF or a text file, and such a file's URL, once published, never vanishes."""
    return {url: r.target for url, r in plan(public, codes)[0].items()}


def published_files(public: Archive, codes: dict[str, str]) -> dict[str, Attachment]:
    """Site path → the file published there (urls.attachment_files), and each page's files also under every earlier URL
    that leads to it (``earlier``: their bytes are locked under the earlier URL's entry)."""
    files = urls.attachment_files(public, codes)
    moved = earlier(public, codes)
    if not moved:
        return files
    under: dict[str, list[tuple[str, Attachment]]] = {}  # a page → (the name under its files/, the file)
    for path, attachment in files.items():
        page, _, name = path.rpartition("files/")
        under.setdefault(page, []).append((name, attachment))
    return files | {f"{old}files/{name}": a for old, target in moved.items() for name, a in under.get(target, ())}


def is_page_url(url: str) -> bool:
    """Whether ``url`` is a document's (urls.DocPath) or an interpretation's URL, as written in the lock."""
    try:
        urls.DocPath.parse(url)
    except ValueError:
        return bool(INTERPRETATION.match(url))
    return True


def site_path(url: str) -> str:
    """An earlier URL as previous_urls writes it (slashes optional), as the site path it names."""
    return url.strip().strip("/") + "/"


def _clash(claim: Redirect, why: str) -> Diagnostic:
    return Diagnostic(claim.source, claim.line, f"网址 {claim.url} 不能转到 {claim.target}：它{why}",
                      "一个网址只能属于一个文件：检查 previous_urls 是否写错", rule="redirect")
