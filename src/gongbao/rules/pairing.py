"""Every published 规章 and 规范性文件 ships with its interpretation (同步: within the grace days),
and every interpretation interprets a document of the archive.

The duty dates from 国办发〔2016〕80号: a document published before ``interpretations_required_from``
(gazette.yml) needs none, so a thirty-year archive builds, and its page says so.

A document whose 机关代字 is unknown (a typo: rules/issuers.py) is left out of both checks: its
interpretations name the right number, and telling the editor to copy the typo would spread it.
"""
import datetime as dt
import difflib
import re

from gongbao.content.diagnostics import Diagnostic
from gongbao.content.model import Document, Interpretation, Unmade, Unnumbered
from gongbao.content.settings import REQUIRED_FROM
from gongbao.identifiers.docnumber import DocNumber
from gongbao.identifiers.script import to_simplified
from gongbao.identifiers.vocabulary import MUST_BE_INTERPRETED, suggest

ID = "pairing"


def predates_duty(doc_type: str, published: dt.date, settings) -> bool:
    """A 规章 or 规范性文件 published before interpretations were required."""
    start = settings.interpretations_required_from
    return doc_type in MUST_BE_INTERPRETED and start is not None and published < start


def _unmade_of(doc, archive) -> bool:
    """Whether an interpretation of ``doc`` is there, with errors of its own (told at its file): naming its number, or,
    where a number belongs, its title (《无锡市……实施办法》: six characters of it at least) or a number it cannot read
    nearly the document's (锡政办发〔2018〕６8号x)."""
    return any(isinstance(page, Unmade) and (page.interprets is not None and archive.document(page.interprets) is doc
                                             or _titled(page.named, doc.title) or _nearly(page.named, str(doc.ref)))
               for page in archive.unloaded)


def _nearly(written: str, number: str) -> bool:
    """Whether a number that cannot be read is nearly ``number`` (a letter O for a 0, a digit of another width)."""
    return bool(written) and difflib.SequenceMatcher(None, to_simplified(written.strip()), number).ratio() >= 0.8


def _titled(named: str, title: str) -> bool:
    named = to_simplified(named).strip("《》 \u3000")
    return len(named) >= 6 and named in to_simplified(title)


def _unread_as(interpretation, archive) -> bool:
    """Whether a document whose number is missing or cannot be read (its error told at its line) is the one the
    interpretation names: it writes one nearly the interpretation's (锡政办发〔2O18〕68号 with a letter O for
    锡政办发〔2018〕68号), or, its number unlike it (第41号, none), its title holds the one the interpretation's names
    (《无锡市……实施办法》, as _unmade_of matches them). Its number is the one mistake; the interpretation is told
    nothing, and is again if the number is fixed to another."""
    wanted = str(interpretation.interprets)
    named = _BOOK_TITLE.search(interpretation.title)
    return any(isinstance(item, Unnumbered) and (
        _nearly(item.written, wanted)
        or named is not None and _titled(named[1], item.title)) for item in archive.unloaded)


_BOOK_TITLE = re.compile(r"《([^《》]+)》")  # the title an interpretation's names the document by


def check(ctx):
    grace = dt.timedelta(days=ctx.settings.grace_days)
    listed = ctx.settings.listed
    mistyped = {(d.number.year, d.number.serial) for d in ctx.archive.documents if d.number and not listed(d.number.agency)}
    # which documents need one, and by when, told in gazette.yml: unknown
    unsure = ctx.settings.unsure(REQUIRED_FROM, "interpretation_grace_days")
    meant = {found.ref for item in ctx.archive.interpretations if (found := meant_by(item, ctx.archive)) is not None}
    for doc in ctx.archive.documents if not unsure else ():
        if (doc.type not in MUST_BE_INTERPRETED or not doc.is_public or predates_duty(doc.type, doc.published, ctx.settings)
                or (doc.number and not listed(doc.number.agency))):
            continue
        items = ctx.archive.interpretations_of(doc)
        deadline = doc.published + min(grace, dt.date.max - doc.published)  # no overflow at 9999-12-31
        if not items:
            if not _unmade_of(doc, ctx.archive) and doc.ref not in meant:
                yield Diagnostic(doc.source.path, doc.source.line_of("type"), f"{doc.type} {doc.label} 没有政策解读",
                                 f"在 interpretations/ 中加入 interprets: {doc.ref} 的解读（发布日期不晚于 {deadline}）", rule=ID)
        elif items[0].published > deadline:
            yield Diagnostic(doc.source.path, doc.source.line_of("published"),
                             f"{doc.label} 的首篇解读 {items[0].source.path} 发布于 {items[0].published}，晚于 {deadline}",
                             f"解读应与文件同步发布（宽限 {ctx.settings.grace_days} 天）：提前解读的发布日期", rule=ID)
    for item in ctx.archive.interpretations:
        ref = item.interprets
        if ctx.archive.document(ref) is None and ref not in ctx.archive.unloaded:
            if isinstance(ref, DocNumber) and (ref.year, ref.serial) in mistyped or _unread_as(item, ctx.archive):
                continue
            guess = suggest(str(ref), [str(d.ref) for d in _candidates(ctx.archive.documents, ref)])
            maybe = f"（是否应为 {guess}？）" if guess else ""
            yield Diagnostic(item.source.path, item.source.line_of("interprets"),
                             f"interprets: {item.interprets} 在公报中找不到对应文件{maybe}",
                             "核对文号，或先把原文件加入某期公报", rule=ID)


def meant_by(item: Interpretation, archive) -> Document | None:
    """The document an interpretation whose ``interprets`` names none (锡政办发〔2018〕86号 for 68号) meant, when one
    document alone is such (_candidates): its not-found error, which suggests it, is the one mistake, so that document is
    not told it has no interpretation here, nor the interpretation's published URL under it told gone (rules/lock.py).
    None for a number some document has (86号 is another document: the interpretation moved, and that is told) or two
    may be meant."""
    ref = item.interprets
    if not isinstance(ref, DocNumber) or archive.document(ref) is not None or ref in archive.unloaded:
        return None
    found = _candidates(archive.documents, ref)
    return found[0] if len(found) == 1 else None


def _candidates(documents, ref) -> list[Document]:
    """The documents an unmatched reference may have meant: the same year and serial spelt differently, or, of the same
    机关代字, the serial's digits swapped (86号 for 68号) or the year's (〔2002〕 for 〔2020〕); never another serial or
    year one digit off (69号 for 68号 is another document, and in a large archive there is always one)."""
    if not isinstance(ref, DocNumber):
        return list(documents)
    return [d for d in documents if d.number and (
        d.number.year == ref.year and d.number.serial == ref.serial
        or d.number.agency == ref.agency and _swapped(d.number.year, ref.year) and _swapped(d.number.serial, ref.serial))]


def _swapped(number: int, written: int) -> bool:
    """Whether ``written`` is ``number`` or holds its digits in another order."""
    return sorted(str(number)) == sorted(str(written))
