"""A published URL never disappears, and a published text never changes silently.

Compares what this build would publish with the committed lock (gongbao.content.lock): a locked URL
must still be a page, a redirect (``previous_urls``) or a withdrawal notice (withdrawn.yml);
a locked text — also the one an old URL now redirects to — whose hash changed must carry a new
勘误, and a locked 勘误 record never changes, nor is a new one dated before the day the entry recorded the text
(``recorded``) or, one the last published site did not show, before that site was published; a page moved to a new
URL (renumbered) takes its title and body along unchanged until the lock records where the old URL leads
(``moved_to``), and from then on it leads nowhere else; a changed fact of the page's record (成文日期, 制发机关 …:
gongbao.content.integrity.RECORD) is named at the line of its key, with its locked and its new value, and so is a
changed title of a file or order of a page's files (``file_order``: what 附件1 is); a published
issue, which has no 勘误, keeps its 总期号, its date, its note (``note_sha256``, once recorded) and the order its page
and print view list its sections in (``section_order``, once recorded: what its documents make of "sections:").
Then compares the committed lock with the last published one (gongbao.content.published_lock): no
entry removed, no hash nulled or rewritten, no count lowered, no record changed, no canonical
version lowered, no move or notice rewritten, no recorded day moved earlier, no earlier text dropped from ``versions``
nor a text a new 勘误 replaced left out of it (gongbao.content.versions); and the text is checked against the
published entries the committed lock changed, and against what that site published before the lock recorded it
(its gazette.unrecorded.json).
Redirect clashes (one URL claimed twice) are reported here too, so ``gongbao check`` and the build
agree. A page compared with the entries at its own URL is ``compared_with`` (rules.of_page: a check that keeps the
other findings makes it again for an edited page alone); ``check`` is all the rest.
"""
import json
import posixpath
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from gongbao.content import changes, integrity, redirects, slugs, urls
from gongbao.content.clock import latest
from gongbao.content.diagnostics import WARNING, Diagnostic
from gongbao.content.fields import KEY_ALIASES, key_line
from gongbao.content.loader import declared_files
from gongbao.content.lock import (SITE_KEYS, Entry, Lock, changed_fields, file_order, files, named, section_order,
                                  section_orders, slug_line, titles, website_line)
from gongbao.content.lock import entry as lock_entry
from gongbao.content.model import Document, Issue, Unmade
from gongbao.content.settings import FILENAME as SETTINGS
from gongbao.content.withdrawn import FILENAME as WITHDRAWN
from gongbao.identifiers import chars
from gongbao.identifiers.docnumber import parse_reference
from gongbao.identifiers.vocabulary import PUBLISHED_NOTE
from gongbao.rules import index_numbers, issuers, pairing, sections, topics

ID = "lock"
SITE = "lock-site"  # a changed site.name or site.url: gongbao lock --write --site records it, past this error alone
RESTORE = "锁定文件只能由 gongbao lock --write 增补，不能删改：用 git 恢复被改动的条目"


def check(ctx):
    """All but the comparison of each page with the entries at its own URL (``compared_with``, run by rules.of_pages)."""
    public = ctx.public
    if not _comparable(ctx):
        return  # without every URL the comparison means nothing; rules/issuers.py names the missing code
    items = ctx.locked_pages if _published(ctx) else {}  # else no text is compared
    planned, clashes = ctx.redirects
    yield from clashes
    yield from _previous_urls(public)
    withdrawn = {w.url: w for w in ctx.archive.withdrawn}
    misnumbered = _misnumbered(ctx)
    if _published(ctx):  # else no site keeps a lock: nothing to tell what was published
        yield from _never_published(withdrawn.values(), ctx)
        yield from _never_published_earlier(public, ctx)
    yield from _texts(ctx.lock, items, planned, withdrawn, misnumbered, ctx)
    if _published(ctx):
        yield from _renumbered_after_publication(items, planned, ctx)
    yield from weakened(ctx.published, ctx.lock)
    yield from _site(ctx.settings, ctx.lock, ctx.published)
    yield from _slugs(ctx.settings, ctx.lock, ctx.published)
    yield from _codes(ctx.settings, ctx.lock, ctx.published)
    if ctx.published.exists:
        yield from _hand_written(ctx.published, ctx.lock, section_orders(ctx.public))
    changed = {url: e for url, e in ctx.published.entries.items() if ctx.lock.entries.get(url) != e}
    yield from _texts(Lock(changed, ctx.published.text, ctx.published.name), items, planned, withdrawn, misnumbered, ctx)
    if beyond := ctx.published.unrecorded:  # what the last site published before the committed lock recorded it
        unlocked = {url: e for url, e in beyond.entries.items() if ctx.lock.entries.get(url) != e}
        yield from _texts(Lock(unlocked, beyond.text, beyond.name), items, planned, withdrawn, misnumbered, ctx)


def _site(settings, committed: Lock, published: Lock):
    """The name and address every page was published under (the lock's ``website``, once recorded) stay gazette.yml's: the
    twins' URLs, the canonical links, the feeds, each citation (载《name》…, url) and the printed issues' masthead are
    made of them, and courts cite those URLs. Changed, every published URL would move to another host that nothing here
    makes the old one lead to: refused until ``gongbao lock --write --site`` records the move (after the old host is
    made to redirect). One the committed lock records and the last published site did not is said at every check."""
    if published.site is not None and committed.site is None and committed.entries:  # else the whole lock is: weakened
        yield Diagnostic(committed.name, 1, f"{committed.name} 删去了网站名称和地址的记录（website），上次发布的 {published.name} 记有它",
                         RESTORE, rule=ID)
    if settings.unsure("site") or committed.site is None:
        return
    pages = sum(1 for e in committed.entries.values() if e.moved_to is None and e.withdrawal_sha256 is None)
    for key, was, value in site_changes(settings, committed):
        if key == "url":
            what = (f"site.url 由 {was} 改为 {value}：{committed.name} 记录的 {pages} 个已发布网址都在 {was} 下，法院和读者引用的正是"
                    "这些地址；改了之后，各页的规范链接、JSON 中的 url、引用文字和订阅源都换成新地址，旧地址是否还能打开，这里无从得知")
            fix = (f"恢复为 url: {was}；网站确实迁址的，先让 {was} 下的每个网址永久转到（301）新地址的同一路径，再运行 "
                   "gongbao lock --write --site 记下新地址")
        else:
            what = (f"site.name 由“{was}”改为“{value}”：{committed.name} 记录的已发布文件的引用文字（载《{was}》…）、"
                    "JSON-LD 中的刊名和每期公报打印版的刊名都会随之改变")
            fix = f"恢复为 name: {was}；公报确实更名的，运行 gongbao lock --write --site 记下新名称（以前各期的打印版也将印上新名称）"
        yield Diagnostic(SETTINGS, settings.site_lines[key], what, fix, rule=SITE)
    if published.site is not None and published.site != committed.site:
        moved = "；".join(f"{label}由“{a}”改为“{b}”" for label, a, b in zip(("名称", "地址"), published.site, committed.site)
                         if a != b)
        yield Diagnostic(committed.name, website_line(committed.text),
                         f"本次发布改变了网站的{moved}（{committed.name} 记录，上次发布的 {published.name} 不同）",
                         "确认旧地址的网址都已转到新地址；不是有意迁址或更名的，用 git 恢复 gazette.yml 和锁定文件",
                         WARNING, SITE)


def _slugs(settings, committed: Lock, published: Lock):
    """Each slug a lock records (``slugs``: an issuer's or topic's catalogue page and an issuer's feed were published under
    it, and are cited) is still where it led: a slug of the name it was published for, or one of its previous_slugs (its
    old pages redirect, its old feed is published on). Gone, those URLs vanish; another name's, they show that name's
    documents to whoever cites them. A name no longer in gazette.yml whose slug another name has now is a renamed issuer
    or topic (its documents were renamed too, each with its 勘误): its listing stays at the URL. A slug the last
    published lock records and the committed one dropped is a weaker lock."""
    mine, theirs = committed.slugs or {}, published.slugs or {}
    for facet in slugs.FACETS if committed.entries else ():  # else the whole lock is weaker: weakened
        for slug in sorted(theirs.get(facet, {}).keys() - mine.get(facet, {}).keys()):
            yield Diagnostic(committed.name, website_line(committed.text, "slugs"),
                             f"{committed.name} 删去了 {urls.catalogue(facet, slug)} 的记录（slugs），上次发布的 {published.name} 记有它",
                             RESTORE, rule=ID)
    # and what the last site published before its lock recorded it (gazette.unrecorded.json): cited all the same
    unlocked = published.unrecorded.slugs or {} if published.unrecorded else {}
    for facet, slug, name, holder in lost_slugs(settings, unlocked, theirs, mine):
        section, now = slugs.FACETS[facet], slugs.current(facet, settings)
        owners = set(now.values())
        where = (committed if mine.get(facet, {}).get(slug) == name else published if theirs.get(facet, {}).get(slug) == name
                 else published.unrecorded)
        published_as = (f"{urls.catalogue(facet, slug)}" + (f" 和订阅源 feeds/issuer/{slug}.xml" if facet == "issuer" else "")
                        + f" 已作为“{name}”的目录发布（{where.name} 第 {slug_line(where.text, facet, slug)} 行），有人引用、订阅")
        if holder is None:
            kept = {n: s for s, n in now.items()}.get(name)
            what = f"{published_as}；{SETTINGS} 的 {section} 中已没有代码 {slug}，这些网址会消失"
            fix = f"改回 {name}: {slug}；确要换代码的，" + (
                f"写成 {name}: {{slug: {kept}, previous_slugs: [{slug}]}}，旧网址就转到新网址" if kept else
                f"在它现在的名称下写 {{slug: 新代码, previous_slugs: [{slug}]}}，旧网址就转到新网址")
            yield Diagnostic(SETTINGS, slugs.line(facet, name if name in owners else None, settings), what, fix, rule=ID)
        else:
            yield Diagnostic(SETTINGS, slugs.line(facet, holder, settings),
                             f"{published_as}；现在 {SETTINGS} 把 {slug} 给了“{holder}”，引用旧网址的人会看到另一个{'机关' if facet == 'issuer' else '主题分类'}的文件",
                             f"把 {slug} 还给“{name}”，“{holder}”用一个没有发布过的代码", rule=ID)


def _codes(settings, committed: Lock, published: Lock):
    """Each URL code a document was published under (doc/xzbh/2018/41/ for 锡政办函〔2018〕41号, the lock's entry) is still
    its 机关代字's in gazette.yml: the number's alias (wh/…) and the search page's number lookup find the code by the
    机关代字, and a renumbered document's earlier number by the code of its earlier URL. Given to another 机关代字 (锡政办复:
    xzbh), that earlier URL's number became 锡政办复〔2018〕41号, a number never published that led to the document, and
    the one published led nowhere; left out, it led nowhere. Codes are forever."""
    if settings.unsure("issuer_codes"):
        return  # told at gazette.yml
    codes, told, seen = settings.issuer_codes, set(), set()
    holders = {code: agency for agency, code in codes.items()}
    for lock in filter(None, (committed, published, published.unrecorded)):
        for url, entry in lock.entries.items():
            parts = url.split("/")
            if entry.kind != "document" or parts[0] != "doc" or parts[1] == urls.ID_CODE or (url, entry.ref) in seen:
                continue
            seen.add((url, entry.ref))  # the committed and the published lock share nearly every entry
            # a ref as the lock writes it (str of a DocNumber) is its 机关代字 and this tail: no need to parse it again
            agency = entry.ref[:tail.start()] if (tail := _NUMBER_TAIL.search(entry.ref)) else _agency(entry.ref)
            if agency is None or codes.get(agency) == parts[1] or (agency, parts[1]) in told:
                continue
            told.add((agency, parts[1]))
            now = (f"没有“{agency}”" if agency not in codes else f"“{agency}”的代码是 {codes[agency]}") + (
                f"，{parts[1]} 给了“{holders[parts[1]]}”" if parts[1] in holders else "")
            yield Diagnostic(SETTINGS, settings.code_lines.get(f"issuer_codes.{agency}") or settings.code_lines.get(
                "issuer_codes", 1), f"{entry.ref} 已在 /{url} 发布（{lock.name} 第 {lock.line(url)} 行），网址代码 {parts[1]} "
                                    f"属于机关代字“{agency}”；现在 {SETTINGS} 的 issuer_codes 中{now}：这个文号的别名 /wh/… "
                                    "和文号检索会找不到它，或把另一个从未发布的文号带到这份文件",
                             f"恢复 {agency}: {parts[1]}：代码一经发布不得更改，也不能给别的机关代字", rule=ID)


# what follows the 机关代字 in a number as str(DocNumber) writes it: 〔2018〕68号, or a 令's 第180号 (a serial of five digits or
# more after 第 from 19 or 20 would read as a year: parsed)
_NUMBER_TAIL = re.compile(r"(?:〔[0-9]{4}〕[0-9]+|第[0-9]{1,4})号$")


def _agency(ref: str) -> str | None:
    try:
        return getattr(parse_reference(ref), "agency", None)
    except ValueError:
        return None  # a malformed entry: gongbao.content.lock tells it


def lost_slugs(settings, *records: dict[str, dict[str, str]]) -> list[tuple[str, str, str, str | None]]:
    """(facet, slug, name, holder) of each slug a lock's record (facet → slug → the name it was published for) holds that
    no longer leads to that name's listing: ``holder`` None, no name has it (nor a previous_slugs of one), its URLs
    vanish; else the name gazette.yml gave it now. A name gone whose slug another has is a rename: its listing stays.
    Each record's pairs on their own: a committed lock that names another for a slug the published one records does not
    make the published listing that other's."""
    found = []
    for facet, section in slugs.FACETS.items():
        if settings.unsure(section):
            continue  # told at gazette.yml; the slugs read may not be the ones written
        now, moved = slugs.current(facet, settings), slugs.moved(facet, settings)
        owners = set(now.values())
        for slug, name in sorted(set().union(*(record.get(facet, {}).items() for record in records))):
            holder = now.get(moved.get(slug, slug))
            if holder != name and (holder is None or name in owners):
                found.append((facet, slug, name, holder))
    return found


def site_changes(settings, committed: Lock) -> list[tuple[str, str, str]]:
    """(key of SITE_KEYS, as locked, as gazette.yml has it) of the site's name and address where they differ from the
    lock's ``website``; none before it records one, or while gazette.yml's site has errors (told there)."""
    if settings.unsure("site") or committed.site is None:
        return []
    return [(key, was, now) for key, was, now in zip(SITE_KEYS, committed.site, (settings.site_name, settings.site_url))
            if was != now]


def page_urls(ctx) -> dict[str, str]:
    """The URL of each page ``compared_with`` compares, by its file: every page a lock may record, when any lock
    records one and every URL is known (else none)."""
    if not _published(ctx) or not _comparable(ctx):
        return {}
    return {item.source.path: url for url, item in ctx.locked_pages.items()}


def compared_with(item, url: str, ctx):
    """The page ``item`` at its own URL ``url`` compared with each lock's entry there (the committed lock's, and the last
    published lock's and what its site published unrecorded where they differ): its text, record, 勘误 and files. What
    this finds depends on the page and the locks alone, so a check that keeps the other findings
    (gongbao.publish.crosskept) makes it again for an edited page only; an issue's order of sections also on which
    sections its documents are in, and a change of those (of their fields, or a file added or removed) makes every
    finding again. A URL that leads to the page from elsewhere
    (previous_urls) is compared by ``check``."""
    own = ctx.lock.entries.get(url)
    if own is not None:
        yield from _content(item, own, _Where(ctx.lock, url), ctx)
    for lock in _last_site(ctx):
        if (entry := lock.entries.get(url)) is not None and entry != own:
            yield from _content(item, entry, _Where(lock, url), ctx)
    if not isinstance(item, Issue):
        yield from _after_publication(item, [url], ctx)


def _after_publication(item, at: list[str], ctx):
    """A 勘误 the last published site did not show (beyond the count its lock, or its record of what it published
    unrecorded, holds for the page) was made after that site was published, which was no earlier than the newest day
    its lock records: until then the page read uncorrected. Dated before that day, it would tell readers and courts the
    correction applied while the site still showed the text uncorrected (one dated before the day an entry recorded
    the text is _backdated's). ``at``: the URLs the site may have shown the page at (its own, or, for a page it never
    showed at its own URL, the earlier ones that lead to it: _renumbered_after_publication)."""
    published = _last_site(ctx)
    shown = [lock.entries[url].corrections for lock in published for url in at if url in lock.entries]
    if not shown:
        return
    day = _last_site_day(ctx)
    entries = [e for url in at for e in (ctx.lock.entries.get(url), *(lock.entries.get(url) for lock in published))
               if e is not None]
    for n, correction in enumerate(item.corrections[max(shown):], max(shown) + 1):
        date = correction.date.isoformat()
        if date < day and not any(n > e.corrections and e.recorded and date < e.recorded for e in entries):
            yield Diagnostic(item.source.path, item.source.line_of("corrections"),
                             f"第 {n} 条勘误的日期 {correction.date} 早于上次发布网站的日子（{ctx.published.name} 记录到 {day}）："
                             "那时网站发布的仍是未更正的文本",
                             "勘误日期写实际更正的那天（不早于上次发布）", rule=ID)


def _last_site(ctx) -> list[Lock]:
    """What the last published site records of what it published: its lock, and what it published unrecorded."""
    return [lock for lock in (ctx.published, ctx.published.unrecorded) if lock is not None]


def _last_site_day(ctx) -> str:
    """A day no later than the last published site was published: the newest its records record ("" for none)."""
    return max((lock.newest_recorded for lock in _last_site(ctx)), default="")


def _renumbered_after_publication(items: dict, planned: dict, ctx):
    """A page the last published site showed only at earlier URLs (renumbered since: previous_urls) had its 勘误 there:
    one it did not show there is not dated before that site was published either (compared_with looks at the page's own
    URL alone, which that site's lock does not hold)."""
    published = _last_site(ctx)
    earlier: dict[str, list[str]] = {}
    for url, claim in sorted(planned.items()):
        earlier.setdefault(claim.target, []).append(url)
    for target, at in sorted(earlier.items()):
        item = items.get(target)
        if item is None or isinstance(item, Issue) or any(target in lock.entries for lock in published):
            continue
        yield from _after_publication(item, at, ctx)


def compared(ctx) -> frozenset[str]:
    """The files whose text, record or attachments ``check`` compares with a lock's entry (at an earlier URL that leads
    to them): what it finds of any other file depends on their front matter alone (a check that keeps the
    cross-document findings, gongbao.publish.crosskept, runs the rules again when one of these changed)."""
    if not _published(ctx) or not _comparable(ctx):
        return frozenset()
    items, (planned, _) = ctx.locked_pages, ctx.redirects
    return frozenset(item.source.path for lock in (ctx.lock, ctx.published, ctx.published.unrecorded) if lock
                     for url, _, item, _ in _matched(lock, items, planned) if item is not None and url not in items)


def _published(ctx) -> bool:
    """Whether any lock records a published page: else nothing tells what was published."""
    return bool(ctx.lock.entries or ctx.published.entries or ctx.published.unrecorded and ctx.published.unrecorded.entries)


def _comparable(ctx) -> bool:
    codes = ctx.settings.issuer_codes
    return not any(d.number and d.number.agency not in codes for d in ctx.public.documents)


@dataclass(frozen=True)
class _Where:
    """How a diagnostic names a lock's entry, its line found only when one is printed: the lines of a lock of 18,000
    entries took seconds to find, at every check of the preview, for messages seldom written."""
    lock: Lock
    url: str
    via: str = ""  # how the URL leads to the page compared

    def __str__(self) -> str:
        return f"{self.lock.name} 第 {self.lock.line(self.url)} 行的 {self.url}{self.via}"


def _matched(lock: Lock, items: dict, planned: dict):
    """(url, entry, the item it shows or None, how to name the entry) for each entry of ``lock``."""
    for url, entry in sorted(lock.entries.items()):
        item, where = items.get(url), _Where(lock, url)
        if item is None and url in planned:  # renumbered: the old URL shows the new one's text
            item = items.get(planned[url].target)
            where = _Where(lock, url, f"（经 previous_urls 转到 {planned[url].target}）")
        yield url, entry, item, where


def _texts(lock: Lock, items: dict, planned: dict, withdrawn: dict, misnumbered: frozenset[str], ctx):
    known = {**ctx.lock.entries, **lock.entries}  # the moves recorded after this entry's, to follow
    for url, entry, item, where in _matched(lock, items, planned):
        if entry.moved_to is not None and (leads := _leads(url, entry.moved_to, planned, items, known)) is not None:
            yield from _moved(lock, url, entry, planned, items, withdrawn, leads)
        # carried: the URL is no page of its own (one that is, an issue's named in previous_urls, is an error of the
        # claim, _previous_urls)
        elif item is not None and url in planned and url not in items and len(item.corrections) > entry.corrections:
            yield from _carried(item, entry, where, planned[url])
        if item is None:
            if url in withdrawn and url not in planned:
                yield from _withdrawal(withdrawn[url], entry, where, ctx.today,
                                       _shown_until(url, ctx) if lock is ctx.lock else "")  # said once
            elif url not in planned and url not in misnumbered and not _unmade(url, entry, ctx):
                yield Diagnostic(
                    lock.name, lock.line(url), f"已发布的网址 {url}（{entry.ref}《{entry.title}》）在本次生成中消失",
                    f"恢复该文件；若文号或 id 改了，在新文件的 previous_urls 中加入 {url}；若依法撤回，在 {WITHDRAWN} 中加入 "
                    f"- {{url: {url}, title: {entry.title}, date: 年-月-日, reason: 撤回理由}}", rule=ID)
            continue
        if url not in items:  # the page's own URL: compared_with
            yield from _content(item, entry, where, ctx)


def _written(source) -> int:
    """How many 勘误 records the front matter holds, well formed or not."""
    value = next((v for k, v in source.meta.items() if KEY_ALIASES.get(k, k) == "corrections"), None)
    return len(value) if isinstance(value, list) else int(value is not None)


def _unmade(url: str, entry: Entry, ctx) -> bool:
    """Whether the entry's page is missing only because its file (or its document's) has errors, told at that file: the
    file is there, and "恢复该文件" would send the editor looking for it."""
    unloaded = ctx.archive.unloaded
    try:
        ref = parse_reference(entry.ref)
    except ValueError:  # an issue's ref (2018年第6期)
        ref = None
    if ref is not None and ref in unloaded:
        return True
    # an interpretation's slug (wzjd) ends the URLs of many: only the one of the document it names
    return any(isinstance(page, Unmade) and url.endswith(page.url_end) and page.interprets in (None, ref)
               for page in unloaded)


def _misnumbered(ctx) -> frozenset[str]:
    """The URLs of the interpretations whose ``interprets`` names no document, under the one document each meant
    (锡政办发〔2018〕86号 for 68号: rules/pairing.py tells it not found, suggesting that one): the number is the one mistake,
    and fixed, the URL is there again. One naming another document's number (the interpretation moved) is no such."""
    codes = ctx.settings.issuer_codes
    return frozenset(urls.interpretation(replace(item, interprets=doc.ref), codes) for item in ctx.archive.interpretations
                     if (doc := pairing.meant_by(item, ctx.archive)) is not None)


def _content(item, entry: Entry, where: _Where, ctx):
    if entry.sha256 is not None:
        yield from _text(item, entry, where, ctx)
    elif isinstance(item, Issue):  # no text of its own: its 总期号 and date, which every citation of it names, and note
        yield from list(_issue(item, entry, where)) or _named(item, entry, where)
        yield from _note(item, entry, where)
        yield from _sections(item, entry, where, section_order(item, ctx.public))


def _text(item, entry: Entry, where: _Where, ctx):
    source, corrections = item.source, len(item.corrections)
    if corrections < entry.corrections:
        if _written(source) < entry.corrections:  # else some are there, written wrong: told at the file
            yield Diagnostic(source.path, source.line_of("corrections"),
                             f"勘误记录被删除：{where} 记有 {entry.corrections} 条，现只有 {corrections} 条",
                             "勘误是公开记录，只能增加不能删除：恢复删去的勘误", rule=ID)
        return
    if "corrections" in item.unread:  # a 勘误 written wrong, told at the file: what it corrects is known once it is read
        return
    for n, (locked, now) in enumerate(zip(entry.correction_sha256 or (), item.corrections), 1):
        if integrity.correction_sha256(now) != locked:
            yield Diagnostic(source.path, source.line_of("corrections"),
                             f"第 {n} 条勘误（现为 {now.date.isoformat()}：{now.change}）与 {where} 锁定的记录不同",
                             "勘误一经发布不能改写（日期、内容、理由都不能改）：恢复原记录；新的勘误加在已有勘误之后，"
                             "日期不早于它们", rule=ID)
    yield from _backdated(item, entry, where)
    yield from _files(item, entry, where, corrections == entry.corrections)
    if corrections != entry.corrections:
        return
    yield from _script(item, entry, where, ctx.settings)
    if integrity.proved_by_current(entry.canonical_version) and ctx.sha256_of(item) == entry.sha256:
        # title, number, record and body as locked: the current version's canonical text writes the record
        yield from _named(item, entry, where)
        return
    record = integrity.record(item)
    yield from _record(item, record, entry, where, ctx)
    # hashed with the locked record in place of the current one, what is left to differ is the title, number or body
    if _hashed(item, record, entry, ctx) != entry.sha256:
        digest = integrity.sha256(item, entry.canonical_version)
        text = ctx.earlier(source.path)
        change = changes.compare(text, item) if text is not None else None  # the line the change starts at
        yield Diagnostic(source.path, change.line if change else source.body_line,
                         f"已发布的文本（标题、文号或正文）被改动，但没有勘误记录：与 {where} 的 SHA-256 "
                         "{}… 不符（现为 {}…）".format(*_apart(entry.sha256, digest)),
                         "若是更正，在 corrections 中加入 - {date: 年-月-日, change: 改了什么, reason: 为什么}，"
                         "再运行 gongbao lock --write；否则恢复原文（gongbao status 列出改动的各行）", rule=ID)
    else:
        yield from _named(item, entry, where)


_SCRIPTS = {"zh-Hans": "简体", "zh-Hant": "繁体"}


def _script(item, entry: Entry, where: _Where, settings):
    """The script a page was published in (``language`` in its entry, once recorded) changes only with a new 勘误: the
    page prints its 附注 in it (（此件公开发布） becomes （此件公開發布）) and its twins state it, and no hash covers it. Told
    at the page's ``language`` key, or, for a page that takes it from gazette.yml (default_language), at that line,
    naming the page: a setting of the whole site changed the words of a published document."""
    if not script_changed(item, entry):
        return
    source, key = item.source, next((k for k in item.source.key_lines if KEY_ALIASES.get(k, k) == "language"), None)
    note = (f"，页面末尾的附注“{PUBLISHED_NOTE}”会改用{_SCRIPTS[item.language]}"
            if isinstance(item, Document) and item.disclosure == "主动公开" else "")
    what = f"字形（language）被改动，但没有勘误记录：{where} 锁定为 {entry.language}，现为 {item.language}{note}，JSON 的 language 也随之改变"
    fix = (f"若是更正，在 {source.path} 的 corrections 中加入 - {{date: 年-月-日, change: 字形由{entry.language}更正为"
           f"{item.language}, reason: 为什么}}，再运行 gongbao lock --write")
    if key is not None:
        yield Diagnostic(source.path, source.line_of(key), f"已发布的页面的{what}", f"{fix}；否则恢复为 language: {entry.language}",
                         rule=ID)
    elif not settings.unsure("site"):
        yield Diagnostic(SETTINGS, settings.site_lines.get("default_language", 1),
                         f"default_language 为 {settings.default_language}，{source.path} 没有写 language，按它发布：已发布的页面的{what}",
                         f"要保持发布时的样子，在 {source.path} 的前言中写 language: {entry.language}（或把 default_language 恢复为 "
                         f"{entry.language}）；{fix}", rule=ID)


def script_changed(item, entry: Entry) -> bool:
    """Whether the page would be published in another script than its entry records (once it records one)."""
    return entry.language is not None and item.language != entry.language and "language" not in item.unread


def _apart(locked: str, now: str) -> tuple[str, str]:
    """The beginnings of two hashes, twelve characters or as many as tell them apart: one edited by hand may differ at
    its end only, and twelve of each showed "不符" between two equal texts."""
    same = next((n for n, (a, b) in enumerate(zip(locked, now)) if a != b), min(len(locked), len(now)))
    size = max(12, same + 1)
    return locked[:size], now[:size]


def _named(item, entry: Entry, where: _Where):
    """The text is as locked: the entry names it as it is (the site publishes the lock, and a notice takes its title)."""
    numbered = "期号" if isinstance(item, Issue) else "文号"
    for key, label, locked, now in zip(("ref", "title"), (numbered, "标题"), (entry.ref, entry.title), named(item)):
        if locked != now and unicodedata.normalize("NFC", locked) != unicodedata.normalize("NFC", now):
            yield Diagnostic(where.lock.name, where.lock.line(where.url, key),
                             f"{where} 的条目所记的{label}“{locked}”与页面的{label}“{now}”不同：锁定文件被手工改动过",
                             RESTORE, rule=ID)


def _leads(url: str, recorded: str, planned: dict, items: dict, known: dict) -> str | None:
    """Where a URL recorded as moved to ``recorded`` must lead now: the first page along the moves recorded from there,
    or where the last of them leads (a move not recorded yet, held to its own entry's text: _carried). None when the
    recorded moves come back round with no page on the way (68 → 86 → 68, then 68 redirected too; or a URL recorded as
    moved to itself): each URL of the round vouched for the other, so another text could take them all; nothing
    recorded tells where it leads, and the entry is held to its text as before its move was recorded."""
    seen, at = {url}, recorded
    while at not in items:
        if at in seen:
            return None
        seen.add(at)
        following = known.get(at)
        if following is None or following.moved_to is None:
            return planned[at].target if at in planned else at
        at = following.moved_to
    return at


def _moved(lock: Lock, url: str, entry: Entry, planned: dict, items: dict, withdrawn: dict, leads: str):
    """A URL the lock records as moved leads to the page it moved to, or to where that page's URL leads now (moved
    again; ``leads``: _leads): citations of it must not come to name another text, nor a withdrawal of the text still
    published there."""
    recorded, a_page = entry.moved_to, url in items
    if url not in planned and not a_page:
        if url in withdrawn and leads in items:
            yield Diagnostic(WITHDRAWN, withdrawn[url].line,
                             f"已发布的网址 {url}（{entry.ref}《{entry.title}》）在 {lock.name} 第 {lock.line(url, 'moved_to')} 行"
                             f"记为转到 {recorded}，现在却登了撤回公告，而它转到的 {leads} 仍在发布",
                             f"撤回这份文件的，删去 {items[leads].source.path}，在 {WITHDRAWN} 中为 {leads} 登撤回公告；"
                             f"未撤回的，删去这条撤回记录，把 {url} 写回 {items[leads].source.path} 的 previous_urls", rule=ID)
        return  # else gone, or withdrawn with the page it led to: the rule says so as for any locked URL
    now = planned[url].target if url in planned else url
    if now != leads:
        source = planned[url].source if url in planned else lock.name
        yield Diagnostic(source, planned[url].line if url in planned else lock.line(url, "moved_to"),
                         f"已发布的网址 {url}（{entry.ref}《{entry.title}》）在 {lock.name} 第 {lock.line(url, 'moved_to')} 行"
                         f"记为转到 {recorded}，现在却{'转到 ' + now if url in planned else '是另一页面的网址'}",
                         f"它只能转到 {recorded}（或该网址现在转到的页面）：把 {url} 写回 {recorded} 所在文件的 previous_urls，"
                         f"从其他文件删去它", rule=ID)


def _carried(item, entry: Entry, where: _Where, claim: redirects.Redirect):
    """A renumbered page carries a new 勘误 (its number is in the text), so its hash cannot match the old entry's; with the
    locked number and record in place of its own it must, until the lock records the move (moved_to). Else any page
    could claim a published URL by naming it in previous_urls and adding a 勘误: the URL would lead to another text."""
    locked = dict(entry.fields) if entry.canonical_version >= 3 else None
    if integrity.sha256(item, entry.canonical_version, locked, ref=entry.ref) != entry.sha256:
        yield Diagnostic(claim.source, claim.line,
                         f"{where}：{item.source.path} 的标题或正文与该网址锁定的{entry.ref}《{entry.title}》不同，"
                         f"previous_urls 只能把网址带给改了文号或网址的同一文件",
                         "改号时只改文号（加一条勘误写明文号的更正），运行 gongbao lock --write 记下新网址后，再另加勘误更正正文；"
                         f"若不是同一文件，从 previous_urls 删去 {claim.url}", rule=ID)


def _backdated(item, entry: Entry, where: _Where):
    """A 勘误 the entry does not record yet was made after the day it recorded the text: on that day the text read as
    locked, so a record dated before it would tell readers (and courts) the correction applied when it did not."""
    for n, correction in enumerate(item.corrections[entry.corrections:], entry.corrections + 1):
        if entry.recorded is not None and correction.date.isoformat() < entry.recorded:
            yield Diagnostic(item.source.path, item.source.line_of("corrections"),
                             f"第 {n} 条勘误的日期 {correction.date} 早于 {where} 记录原文的日期 {entry.recorded}：那天发布的仍是原文",
                             "勘误日期写实际更正的那天（不早于锁定文件记录原文的日期）", rule=ID)


def _never_published(notices, ctx):
    """A notice says a published text was withdrawn: at a URL no lock holds, it would tell readers (and courts) that
    a document nobody published was published and taken back. Where the last published lock is known, it tells: an entry
    of the committed lock alone may be written by hand (with the notice's hash), and gongbao lock --write records only
    pages, so a URL no page of it published was never published."""
    known, unrecorded = _known(ctx)
    for notice in notices:
        if notice.url not in known.entries and notice.url not in unrecorded:
            yield Diagnostic(WITHDRAWN, notice.line, f"撤回记录的网址 {notice.url} 从未发布（{known.name} 中没有它）：撤回公告只能登在发布过的网址上",
                             f"删去这条记录；网址写错的，改成发布时的网址（见 {known.name}）", rule=ID)


def _never_published_earlier(public, ctx):
    """An earlier URL (previous_urls) is one the page was published at: a URL no lock holds would be taken by a page
    that never stood there, with the number it spells (its alias and the search page's number lookup:
    redirects.earlier_numbers) — a number not given yet would lead readers to another document, and, once recorded,
    would stand in the way of the document that gets it."""
    known, unrecorded = _known(ctx)
    for item in (*public.documents, *public.interpretations):
        for old in item.previous_urls:
            url = redirects.site_path(old)  # a malformed one is _previous_urls's
            if url not in known.entries and url not in unrecorded and _malformed(item, old) is None:
                yield Diagnostic(item.source.path, item.source.line_of("previous_urls"),
                                 f"previous_urls 中的 {url} 从未发布（{known.name} 中没有它）：只能写本页以前发布时的网址",
                                 f"删去它；网址写错的，改成发布时的网址（见 {known.name}）", rule=ID)


def _known(ctx) -> tuple[Lock, dict]:
    """What tells which URLs were published: the last published lock where known, else the committed one (an entry of the
    committed lock alone may be written by hand, and gongbao lock --write records only pages), and what the last site
    published unrecorded."""
    return (ctx.published if ctx.published.exists else ctx.lock,
            ctx.published.unrecorded.entries if ctx.published.unrecorded else {})


def _shown_until(url: str, ctx) -> str:
    """The day no earlier than which the last published site was published, when it showed the page at ``url`` (its
    lock, or its record of what it published unrecorded, holds the text there, and neither its notice nor a move):
    "" when it did not."""
    published = _last_site(ctx)
    held = [lock.entries[url] for lock in published if url in lock.entries]
    if not held or any(e.withdrawal_sha256 is not None or e.moved_to is not None for e in held):
        return ""
    return _last_site_day(ctx)


def _withdrawal(notice, entry: Entry, where: _Where, today, shown: str = ""):
    """The notice at a withdrawn URL names the text published there, and a day from its publication, and from the day
    the lock recorded its text, to today; once locked, it is never rewritten."""
    if entry.withdrawal_sha256 is not None and integrity.withdrawal_sha256(notice) != entry.withdrawal_sha256:
        yield Diagnostic(WITHDRAWN, notice.line, f"撤回公告（现为 {notice.date}：{notice.reason}）与 {where} 锁定的撤回公告不同",
                         "撤回公告一经发布不能改写（日期、标题、理由都不能改）：用 git 恢复这条撤回记录", rule=ID)
    title = unicodedata.normalize("NFC", notice.title)
    if title not in (entry.title, f"{entry.title}（{entry.ref}）"):
        yield Diagnostic(WITHDRAWN, notice.line, f"撤回记录的标题“{notice.title}”不是 {where} 发布时的标题“{entry.title}”",
                         f"写成 title: {entry.title}（可在其后加文号：{entry.title}（{entry.ref}））", rule=ID)
    if notice.date.isoformat() < entry.first_published:
        yield Diagnostic(WITHDRAWN, notice.line, f"撤回日期 {notice.date} 早于 {where} 的首次发布日期 {entry.first_published}",
                         "写实际撤回的日期：撤回只能在发布之后", rule=ID)
    elif entry.recorded is not None and notice.date.isoformat() < entry.recorded:
        # on that day gongbao lock --write recorded the page's text, so it was still a page: a notice dated before it
        # would tell readers (and courts) that the text recorded then, a 勘误 with it, was never in force
        yield Diagnostic(WITHDRAWN, notice.line, f"撤回日期 {notice.date} 早于 {where} 记录原文的日期 {entry.recorded}：那天它仍在发布",
                         "写实际撤回的日期：不早于锁定文件记录原文的那天", rule=ID)
    elif notice.date.isoformat() < shown:
        # the last published site, published no earlier than that day, still showed the page as in force
        yield Diagnostic(WITHDRAWN, notice.line, f"撤回日期 {notice.date} 早于上次发布网站的日子（其锁定文件记录到 {shown}）："
                                                 f"那时网站仍在发布 {where.url}",
                         "写实际撤回的日期：不早于上次发布", rule=ID)
    elif notice.date > latest(today):
        yield Diagnostic(WITHDRAWN, notice.line, f"撤回日期 {notice.date} 在今天（{latest(today)}）之后",
                         "写实际撤回的日期，不能预先填写", rule=ID)


def _issue(item: Issue, entry: Entry, where: _Where):
    """A published issue keeps its 总期号 (in the entry's title, 政府公报 2018年第6期（总第389期）) and its date (the
    entry's first publication date): an issue has no 勘误, and its documents' citations name both."""
    now = lock_entry(item)
    facts = (("total_number", "总期号", entry.title, now.title, f"总第{item.total_number}期"),
             ("published", "出版日期", entry.first_published, now.first_published, now.first_published))
    for key, label, locked, current, shown in facts:
        if locked != current:
            was = _TOTAL.search(locked)[0] if key == "total_number" and _TOTAL.search(locked) else locked
            yield Diagnostic(item.source.path, key_line(item.source, key),
                             f"已发布的一期公报的{label}被改动：{where} 锁定为“{was}”，现为“{shown}”",
                             f"恢复为“{was[2:-1] if key == 'total_number' else was}”：一期公报出版后，它的{label}不再改动"
                             f"（各文件的引用都写明它）", rule=ID)


_TOTAL = re.compile(r"总第\d+期")
_NO_NOTE = integrity.note_sha256("")


def _note(item: Issue, entry: Entry, where: _Where):
    """A printed issue never changes, and has no 勘误: its note stays as the lock recorded it (``note_sha256``, from the
    first gongbao lock --write that recorded it), also when it had none; an erratum goes in a later issue."""
    if entry.note_sha256 is None or entry.note_sha256 in integrity.note_hashes(item):
        return
    now = integrity.note_sha256(item.note)
    source, body = item.source, item.source.body
    if entry.note_sha256 == _NO_NOTE:
        what, fix = "原本没有说明，现在加入了说明", "删去加入的说明"
    else:
        what, fix = ("的说明被删除" if not item.note else "的说明被改动"), f"恢复发布时的说明（git log -p {source.path} 可见原文）"
    start = len(body) - len(body.lstrip())  # the note is the body stripped: named at its first line
    yield Diagnostic(source.path, source.file_line(body.count("\n", 0, start) + 1 if item.note else 1),
                     f"已发布的一期公报{what}：与 {where} 锁定的说明 SHA-256 "
                     "{}… 不符（现为 {}…）".format(*_apart(entry.note_sha256, now)),
                     f"{fix}：一期公报出版后不再改动，更正写在以后一期公报的说明或一份文件中", rule=ID)


def _sections(item: Issue, entry: Entry, where: _Where, shown: tuple[str, ...]):
    """A printed issue's 目录 lists its sections in the order the lock recorded (``section_order``): a section shown
    since (a document published into the issue later) or no longer shown changes no order, a swap does."""
    was = [section for section in entry.section_order if section in shown]
    now = [section for section in shown if section in entry.section_order]
    if was == now:
        return
    locked, current = "、".join(entry.section_order), "、".join(shown)
    yield Diagnostic(item.source.path, key_line(item.source, "sections"),
                     f"已发布的一期公报的栏目顺序被改动：{where} 锁定的目录顺序为“{locked}”，现为“{current}”",
                     f"把 sections 中这些栏目恢复为锁定的顺序“{locked}”：一期公报出版后，它的目录不再改动（没有勘误），"
                     "更正写在以后一期公报中", rule=ID)


def _hashed(item, record: tuple, entry: Entry, ctx) -> str:
    """The item's hash with the locked record in place of its own (``record``): its own hash (which a check's cache
    keeps, ctx.sha256_of) when the locked record is its own and the version current, as it mostly is."""
    stated = dict(entry.fields)
    if integrity.as_current(item, entry.canonical_version) and all(stated.get(a, v) == v for a, v in record):
        return ctx.sha256_of(item)
    return integrity.sha256(item, entry.canonical_version, stated)


# The rules that tell a fact of a document's record wrong at its line (each its RECORDED fact, when wrong(doc, ctx)): a
# section its issue does not list, an issuer gazette.yml does not, a topic no class is, a 索引号 not in the site's format
TELLING = (sections, issuers, topics, index_numbers)


def _told(item, ctx) -> dict[str, frozenset[str]]:
    """The facts of an item's record whose value is an error told at its line, each with the items of it told wrong:
    one the loader could not read (its ``unread`` keys: 2018-07-32, a list for a text, 锡政发〔2017〕一号, two keys for one
    fact: the value here is none, or a list's items it could read), or, of a document, one of TELLING tells, as a typo
    is (市政府辦公室文件 in 繁体, 综合证务: those items). Fixed, it is the locked value again, and "现为（空）" or "若是更正，在
    corrections 中加入…" would have the typo recorded as a correction."""
    told = {attr: frozenset() for attr, _, _ in integrity.RECORD.get(type(item), ()) if _KEYS.get(attr, attr) in item.unread}
    for rule in TELLING if isinstance(item, Document) else ():
        if wrong := rule.wrong(item, ctx):
            told[rule.RECORDED] = told.get(rule.RECORDED, frozenset()) | frozenset(integrity.parts(wrong))
    return told


def _record(item, record: tuple, entry: Entry, where: _Where, ctx):
    """Each fact of the item's record (``record``) whose value differs from the locked one, at the line of its key; of
    those told wrong already (``_told``), a list's items read right, compared one by one (``_partly``)."""
    source, locked = item.source, dict(entry.fields)
    changed = [(attr, now) for attr, now in record if locked and locked.get(attr, "") != now]
    told = _told(item, ctx) if changed else {}
    for attr, now in changed:
        old, label, line = locked.get(attr, ""), integrity.LABELS[attr], key_line(source, _KEYS.get(attr, attr))
        if attr in told:
            if isinstance(value := getattr(item, attr), tuple):
                yield from _partly(source, line, label, old, integrity.parts(value), told[attr], (type(item), attr) in integrity.ORDERED, where)
            continue
        yield Diagnostic(source.path, line,
                         f"已发布的{label}被改动，但没有勘误记录：{where} 锁定为“{old or '（空）'}”，现为“{now or '（空）'}”",
                         f"若是更正，在 corrections 中加入 - {{date: 年-月-日, change: {label}由“{old}”更正为“{now}”, "
                         f"reason: 为什么}}，再运行 gongbao lock --write；否则恢复为“{old}”", rule=ID)


def _partly(source, line: int, label: str, old: str, items: list[str], wrong: frozenset[str], in_order: bool,
            where: _Where):
    """A list fact with items told wrong (an unknown issuer, 锡政发〔2017〕一号): what its items read right show changed
    for certain. One not locked was added, whatever the others are; so was an order of the locked ones changed (the
    lead issuer). One locked and not read right now may be the one written wrong: that it was removed is not told
    until every item reads (the typo fixed, it is there, or it is told removed then)."""
    if (was := _listed_in(old)) is None:
        return  # not a list as gongbao lock writes one: the lock's own checks tell a hand-edited entry
    read = [part for part in items if part not in wrong]
    if added := list((Counter(read) - Counter(was)).elements()):
        shown = "、".join(f"“{part}”" for part in added)
        yield Diagnostic(source.path, line, f"已发布的{label}加入了{shown}，但没有勘误记录：{where} 锁定为“{old or '（空）'}”",
                         f"若是更正，在 corrections 中加入 - {{date: 年-月-日, change: {label}加入{shown}, reason: 为什么}}，"
                         f"再运行 gongbao lock --write；否则删去{shown}", rule=ID)
    kept = [part for part in read if part in was]
    if in_order and kept != [part for part in was if part in kept]:
        now = json.dumps(kept, ensure_ascii=False)
        yield Diagnostic(source.path, line, f"已发布的{label}的顺序被改动，但没有勘误记录：{where} 锁定为“{old}”，"
                                            f"其中各项现为“{now}”",
                         f"若是更正，在 corrections 中加入 - {{date: 年-月-日, change: {label}的顺序由“{old}”更正为“{now}”, "
                         f"reason: 为什么}}，再运行 gongbao lock --write；否则恢复为锁定的顺序", rule=ID)


def _listed_in(value: str) -> list[str] | None:
    """A list fact's items as a lock records them (a JSON array, "" for none); None if it holds no such list."""
    try:
        items = json.loads(value) if value else []
    except ValueError:
        return None
    return items if isinstance(items, list) and all(isinstance(item, str) for item in items) else None


def _listed(source) -> set[str]:
    """The names of the files the page's front matter lists, read or not."""
    return {posixpath.basename(path) for path in declared_files([source])}


# front-matter keys that differ from the attribute (the 刊期 is the issue folder the file is in: line 1)
_KEYS = {"issuers": "issuer"}


def _files(item, entry: Entry, where: _Where, uncorrected: bool):
    """A published file keeps its URL for good, and its bytes change (or a file is added), its title and the order the
    page lists the files in only with a new 勘误."""
    published, order = files(item), file_order(item)
    if entry.files == published and (not uncorrected or (entry.titles == titles(item)
                                                          and entry.file_order in ((), order))):  # (): not recorded
        return  # as locked, as nearly every page's are (files and titles sorted by name)
    source, key = item.source, "attachments" if isinstance(item, Document) else "images"
    line = found if (found := key_line(source, key)) > 1 else source.body_line  # 1: the key is gone
    locked, now = entry.file_map(), {name: (sha, size) for name, sha, size in published}
    for name in sorted(locked.keys() | now.keys()):
        old, new = locked.get(name), now.get(name)
        if old == new:
            continue
        if new is None:
            # listed and not taken (renamed on disk, its title gone), or renamed in the list alone and on disk under
            # the name published: its error, told at its line, is the one mistake, and fixed it is there again
            if key in item.unread and name in _listed(source) or name in item.renamed:
                continue
            yield Diagnostic(source.path, line, f"已发布的附件 {name} 被删除（{where} 记有它，SHA-256 {old[0][:12]}…）：它的网址会消失",
                             f"恢复 {name} 并列回 {key}；已发布的文件只能由勘误替换为新版本，不能删除", rule=ID)
        elif uncorrected:
            what = "新增" if old is None else "被改动（锁定的 SHA-256 {}…，现为 {}…）".format(*_apart(old[0], new[0]))
            yield Diagnostic(source.path, line, f"已发布的页面的附件 {name} {what}，但没有勘误记录（{where}）",
                             "若是更正或补发附件，在 corrections 中加入 - {date: 年-月-日, change: 更换/补发附件…, reason: 为什么}，"
                             "再运行 gongbao lock --write；否则恢复原文件", rule=ID)
    if not uncorrected:
        return
    # the title the page lists and prints the file by (附件1：……办法), where the lock records it
    was, now = entry.title_map(), dict(titles(item))
    for name in sorted(was.keys() & now.keys()):
        if was[name] != now[name]:
            yield Diagnostic(source.path, line, f"已发布的附件 {name} 的标题被改动，但没有勘误记录：{where} 锁定为“{was[name]}”，"
                                                f"现为“{now[name]}”",
                             f"若是更正，在 corrections 中加入 - {{date: 年-月-日, change: 附件{name}的标题由“{was[name]}”更正为“{now[name]}”, "
                             f"reason: 为什么}}，再运行 gongbao lock --write；否则恢复为“{was[name]}”", rule=ID)
    # the order the page lists the same files in, where the lock records it: "见附件1" in the body names the first
    if entry.file_order and sorted(entry.file_order) == sorted(order) and entry.file_order != order:
        n = next(n for n, (old, new) in enumerate(zip(entry.file_order, order), 1) if old != new)
        was, now = "、".join(entry.file_order), "、".join(order)
        yield Diagnostic(source.path, line, f"已发布的页面列出附件的顺序被改动，但没有勘误记录：{where} 锁定为“{was}”，现为“{now}”"
                                            f"（附件{n}由 {entry.file_order[n - 1]} 变成了 {order[n - 1]}）",
                         f"若是更正，在 corrections 中加入 - {{date: 年-月-日, change: 附件顺序由“{was}”更正为“{now}”, "
                         f"reason: 为什么}}，再运行 gongbao lock --write；否则把 {key} 恢复为锁定的顺序“{was}”", rule=ID)


def weakened(published: Lock, lock: Lock):
    """What the committed lock dropped or weakened of the last published one, entry by entry."""
    if published.entries and not lock.entries:
        yield Diagnostic(lock.name, 1, f"{lock.name} {'为空' if lock.exists else '不存在'}，但上次发布的 {published.name} "
                                       f"记录了 {len(published.entries)} 个已发布的网址",
                         f"用 git 恢复 {lock.name}（git checkout <上次发布的提交> -- {lock.name}）", rule=ID)
        return
    for url, old in sorted(published.entries.items()):
        new = lock.entries.get(url)
        if new == old:
            continue  # as published, as nearly every entry is
        if new is None:
            yield Diagnostic(lock.name, 1, f"{lock.name} 删去了已发布的条目 {url}（{old.ref}《{old.title}》），"
                                           f"上次发布的 {published.name} 第 {published.line(url)} 行记有它", RESTORE, rule=ID)
            continue
        for key, why in _weaker(old, new):
            yield Diagnostic(lock.name, lock.line(url, key), f"{lock.name} 中 {url} 的条目被改弱：{why}"
                                                              f"（与上次发布的 {published.name} 第 {published.line(url)} 行相比）",
                             RESTORE, rule=ID)


def _hand_written(published: Lock, lock: Lock, sections: dict[str, tuple[str, ...]]):
    """A text's entry the last published lock lacks is new, so gongbao lock --write wrote it: in the current canonical
    version (an older hash does not cover the record, and its upgrade needs no 勘误: the record stayed unlocked), with
    the day it recorded the text (without it, a 勘误 added later could be dated any day after publication) and with the
    title of each file and, of two or more, their order, and its script (without them, taken for an entry from before
    titles, order or script were locked, they changed unseen); an issue's, with its note's hash and, of two or more shown, the order of its
    sections (``sections``: content.lock.section_orders; without them, taken for an entry from before notes or that
    order were locked, they changed unseen)."""
    # a text recorded now was not recorded before the last publication: an earlier day would let a 勘误 added later be
    # dated back to it (the day is the editor's to write, or a pinned build_date's)
    last = published.newest_recorded
    beyond = published.unrecorded.entries if published.unrecorded else {}
    for url, entry in sorted(lock.entries.items()):
        if url in published.entries:
            continue
        for key, why in _unwritten(entry, last, sections.get(url, ()), beyond.get(url)):
            yield Diagnostic(lock.name, lock.line(url, key), f"{lock.name} 中新增的条目 {url} 不是 gongbao lock --write 写的："
                                                             f"{why}（上次发布的 {published.name} 没有它）",
                             "删去这个条目，运行 gongbao lock --write 重新记录它", rule=ID)


def _unwritten(entry: Entry, last: str, sections: tuple[str, ...], shown: Entry | None = None) -> list[tuple[str, str]]:
    """(key, what is wrong) of each way a new entry is not as gongbao lock --write writes it (``_hand_written``);
    ``sections``: the order of an issue's sections as its page shows them now; ``shown``: the last site's record of the
    page, when it published it before a lock recorded it."""
    if entry.sha256 is None:  # an issue's
        return ([("note_sha256", "没有 note_sha256")] if entry.note_sha256 is None else []) + (
            [("section_order", "没有 section_order（栏目的顺序）")] if sections and not entry.section_order else [])
    wrong = [("canonical_version", f"规范文本版本为 {entry.canonical_version}，应为 {integrity.VERSION}")
             ] if entry.canonical_version < integrity.VERSION else []
    wrong += [("recorded", "没有 recorded")] if entry.recorded is None else []
    wrong += [("recorded", f"recorded 为 {entry.recorded}，早于上次发布时记录的最近一天 {last}")
              ] if entry.recorded is not None and entry.recorded < last else []
    wrong += [("files", "没有 file_order（附件的顺序）")] if len(entry.files) > 1 and not entry.file_order else []
    wrong += [("kind", "没有 language（发布时的字形）")] if entry.language is None else []
    # a page not published before replaced no text it published: an earlier text listed would be one it never showed; one
    # the last site published unrecorded may list, with a new 勘误, the text it showed (as a published entry: weakened)
    if entry.versions and (why := _versions_weaker(shown, entry) if shown else
                           "记有勘误前的文本（versions），但上次发布时还没有这个网址"):
        wrong += [("versions", why)]
    return wrong + [("files", f"附件 {name} 没有标题") for name in sorted(entry.file_map().keys() - entry.title_map().keys())]


def _weaker(old: Entry, new: Entry):
    if new.kind != old.kind:
        yield "kind", f"kind 由 {old.kind} 改为 {new.kind}"
    if new.first_published != old.first_published:
        yield "first_published", f"首次发布日期由 {old.first_published} 改为 {new.first_published}"
    if new.canonical_version < old.canonical_version:
        yield "canonical_version", f"规范文本版本由 {old.canonical_version} 降为 {new.canonical_version}"
    for key, label in (("ref", "文号"), ("title", "标题")):  # a moved or withdrawn URL's page no longer vouches for them
        if getattr(new, key) != getattr(old, key) and new.corrections == old.corrections:
            yield key, f"勘误条数未变，{label}却被改动"
    if old.fields and new.corrections == old.corrections and (changed := changed_fields(old, new)):
        yield "fields", f"勘误条数未变，锁定的{'、'.join(integrity.LABELS.get(k, k) for k, _, _ in changed)}却被改动"
    if old.sha256 is not None and new.sha256 is None:
        yield "sha256", "sha256 被改为 null"
    if new.corrections < old.corrections:
        yield "corrections", f"勘误条数由 {old.corrections} 减为 {new.corrections}"
    elif (new.corrections == old.corrections and new.canonical_version == old.canonical_version
          and new.sha256 != old.sha256):
        yield "sha256", "勘误条数未变，sha256 却被改动"
    for name, old_file in old.file_map().items():
        new_file = new.file_map().get(name)
        if new_file is None:
            yield "files", f"附件 {name} 的记录被删除"
        elif new_file != old_file and new.corrections == old.corrections:
            yield "files", f"勘误条数未变，附件 {name} 的哈希却被改动"
    for name, old_title in old.title_map().items():
        new_title = new.title_map().get(name)
        if new_title is None and name in new.file_map():
            yield "files", f"附件 {name} 的标题记录被删除"
        elif new_title is not None and new_title != old_title and new.corrections == old.corrections:
            yield "files", f"勘误条数未变，附件 {name} 的标题却被改动"
    if old.file_order and not new.file_order:
        yield "files", "附件顺序的记录（file_order）被删除"
    elif old.file_order and new.file_order != old.file_order and new.corrections == old.corrections:
        yield "file_order", f"勘误条数未变，附件的顺序却由“{'、'.join(old.file_order)}”改为“{'、'.join(new.file_order)}”"
    if old.language is not None and new.language is None:
        yield "language", "字形（language）的记录被删除"
    elif old.language is not None and new.language != old.language and new.corrections == old.corrections:
        yield "language", f"勘误条数未变，字形却由 {old.language} 改为 {new.language}"
    if old.withdrawal_sha256 is not None and new.withdrawal_sha256 != old.withdrawal_sha256:
        yield "withdrawal_sha256", "撤回公告的哈希被删除或改写"
    if old.recorded is not None and (new.recorded is None or new.recorded < old.recorded):
        yield "recorded", f"记录原文的日期由 {old.recorded} 改为 {new.recorded or '（删除）'}"
    if old.moved_to is not None and new.moved_to != old.moved_to:
        yield "moved_to", f"转到的网址 {old.moved_to} 被删除或改写"
    if old.note_sha256 is not None and new.note_sha256 != old.note_sha256:
        yield "note_sha256", "本期说明的哈希被删除或改写"
    if old.section_order and new.section_order != old.section_order:
        yield "section_order", "栏目顺序的记录（section_order）被删除或改写"
    if old.correction_sha256 is not None and (
            new.correction_sha256 is None or new.correction_sha256[:len(old.correction_sha256)] != old.correction_sha256):
        yield "correction_sha256", "已锁定的勘误记录的哈希被删除或改写"
    if why := _versions_weaker(old, new):
        yield "versions", why


def _versions_weaker(old: Entry, new: Entry) -> str:
    """What is wrong with the texts ``new`` lists as replaced by 勘误 (``versions``), against the published ``old``: they
    only grow, with a new 勘误, by the text the published entry held first (when a new 勘误 replaced it, gongbao lock
    --write keeps it: else the page could not show what the 勘误 changed, and the lock would record a silent change of
    text)."""
    if new.versions[:len(old.versions)] != old.versions:
        return "勘误前的文本（versions）的记录被删除或改写"
    added = new.versions[len(old.versions):]
    # only a new 勘误 replaces a text: one listed without it is written by hand, a text the page never published shown
    # as its earlier text (the check proves a stored text only against the hash the lock gives it)
    if added and new.corrections <= old.corrections:
        return "没有新的勘误，却多记了勘误前的文本（versions）：只有 gongbao lock --write 在记下新的勘误时写入它"
    replaced = old.sha256 is not None and new.corrections > old.corrections and new.sha256 != old.sha256
    # one text, however many 勘误 are new: the page published no text between them. A second is written by hand, or by
    # a second gongbao lock --write before publication, which compares with the committed entry: its text was never
    # published, and what the page would show it changed, no reader saw (so it might be any words)
    held = ((old.corrections, old.sha256),)
    if (replaced or added) and added != held:
        why = (f"除上次发布的文本外，又记了 {len(added) - 1} 个网站从未发布的勘误前的文本（发布前运行了两次 gongbao lock --write？"
               "用 git 恢复上次发布时的这一条目，再运行一次，几条新勘误只记一个勘误前的文本）" if added[:1] == held else
               "文本随新的勘误改动了，却没有记下勘误前发布的文本" if replaced else "新记的勘误前的文本不是上次发布的文本")
        return f"{why}（versions 中应有 corrections {old.corrections}、sha256 {old.sha256[:12]}…）"
    return ""


def _previous_urls(archive):
    for item in (*archive.documents, *archive.interpretations):
        for old in item.previous_urls:
            if (problem := _malformed(item, old)) is not None:
                yield Diagnostic(item.source.path, item.source.line_of("previous_urls"), f"previous_urls：{problem[0]}",
                                 problem[1], rule=ID)


def _malformed(item, old: str) -> tuple[str, str] | None:
    """What is wrong with an earlier URL of ``item`` as written, and the hint; None for a URL of the page's kind."""
    url = redirects.site_path(old)
    if not isinstance(item, Document):  # an interpretation's
        return None if redirects.INTERPRETATION.match(url) else (
            f"{chars.quoted(old)}不是解读的网址", "写解读以前的网址，如 doc/xzbf/2018/68/jiedu/wzjd/")
    try:
        urls.DocPath.parse(url)
    except ValueError as exc:
        return str(exc), "写文件以前的网址，如 doc/xzbf/2018/86/"
    return None

