"""Graded relevance of search ranking: queries drawn from a built site, graded from its pages,
scored as nDCG@10 and "right document first".

Everything is read from the built HTML (what Pagefind indexes), so the set fits any archive,
generated or real:

- a document's **title** and its **short name** (the part in 《》, else the title without the
  issuing formula 〈机关〉关于……的通知/意见/…) must rank that document first: documents of that
  title or short name (in either script) grade 3 when in force, 2 when not; their
  interpretations 1 (below the document they explain); documents that only cite it 0;
- a **subject** (the short name without 无锡市 and the closing 办法/意见/…) ranks documents in
  force above those repealed or expired: a document whose title holds the subject grades 2 in
  force, 1 not in force.
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

from gongbao.identifiers.script import to_simplified
from gongbao.publish import searchtext

NOT_IN_FORCE = ("已废止", "已失效")
_TITLE = re.compile(r'<h1 class="gb-title"[^>]*>(.*?)</h1>', re.S)
_QUOTED = re.compile(r"《([^》]{4,})》")
# 〈issuer〉关于〈short name〉的通知 / 印发〈…〉的通知 / 〈…〉的意见
_FORMULA = re.compile(r"^.*?关于(?:印发|转发|进一步)?(.+?)的(?:通知|意见|决定|通报|批复|函)$")
_SUBJECT = re.compile(r"^(?:无锡市|市)?(?:区)?(.+?)(?:管理|实施)?(?:办法|意见|规定|细则|方案|条例|工作会议|工作情况)?$")


@dataclass(frozen=True)
class Page:
    url: str
    kind: str  # 文件 / 政策解读 / 公报
    title: str
    status: str

    @property
    def in_force(self) -> bool:
        return self.status not in NOT_IN_FORCE


@dataclass(frozen=True)
class Case:
    q: str
    why: str  # title / short name / subject
    grades: dict  # url → grade (absent: 0)

    @property
    def best(self) -> set[str]:
        top = max(self.grades.values())
        return {url for url, grade in self.grades.items() if grade == top}


def pages(site: Path) -> dict[str, Page]:
    """Every indexed page of a built site: URL → Page."""
    found = {}
    for path in site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        indexed = searchtext.read(html)  # the filters and metadata as the index reads them
        if indexed is None:
            continue
        fields = {**dict(indexed.filters), **indexed.meta}
        title = _TITLE.search(html)
        url = path.parent.relative_to(site).as_posix() + "/"
        found[url] = Page(url, fields.get("kind", ""), re.sub(r"<[^>]+>", "", unescape(title.group(1))) if title else "",
                          fields.get("status", ""))
    return found


def short_name(title: str) -> str | None:
    quoted = _QUOTED.search(title)
    if quoted:
        return quoted.group(1)
    formula = _FORMULA.match(title)
    return formula.group(1) if formula and len(formula.group(1)) >= 4 else None


def subject(name: str) -> str | None:
    found = _SUBJECT.match(name)
    words = found.group(1) if found else name
    return words if 4 <= len(words) < len(name) else None


def _interprets(url: str, doc: str) -> bool:
    return url.startswith(doc + "jiedu/")


def _title_case(q: str, why: str, site: dict[str, Page], named) -> Case:
    """Documents of that title or short name, in either script, and their interpretations."""
    wanted = to_simplified(q)
    docs = [p for p in site.values() if p.kind == "文件"
            and wanted in (to_simplified(p.title), to_simplified(named(p.title) or ""))]
    grades = {p.url: 3 if p.in_force else 2 for p in docs}
    grades.update({u: 1 for u in site for d in docs if _interprets(u, d.url)})
    return Case(q, why, grades)


def cases(site: dict[str, Page], count: int = 72, seed: int = 1) -> list[Case]:
    """``count`` cases, a third each of titles, short names and subjects, drawn with ``seed``."""
    rng = random.Random(seed)
    documents = sorted((p for p in site.values() if p.kind == "文件"), key=lambda p: p.url)
    titled = rng.sample(documents, min(len(documents), count // 3))
    out = [_title_case(d.title, "title", site, lambda t: t) for d in titled]
    names = sorted({n for d in documents if (n := short_name(d.title))})
    for name in rng.sample(names, min(len(names), count // 3)):
        out.append(_title_case(name, "short name", site, short_name))
    subjects = sorted({s for n in names if (s := subject(n))})
    for words in rng.sample(subjects, min(len(subjects), count - len(out))):
        holding = [p for p in documents if words in p.title]
        out.append(Case(words, "subject", {p.url: 2 if p.in_force else 1 for p in holding}))
    return [c for c in out if c.grades]


def dcg(gains: list[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain of the first ``k`` results (gain 2^grade − 1)."""
    ideal = dcg(sorted((2 ** g - 1 for g in grades.values()), reverse=True)[:k])
    return dcg([2 ** grades.get(url, 0) - 1 for url in ranked[:k]]) / ideal if ideal else 0.0


def right_first(ranked: list[str], case: Case) -> bool:
    return bool(ranked) and ranked[0] in case.best


def in_force_first(ranked: list[str], case: Case, site: dict[str, Page]) -> bool:
    """No document out of force ranks above a graded one in force (documents only)."""
    graded = [u for u in ranked if u in case.grades]
    seen_out = False
    for url in graded:
        if not site[url].in_force:
            seen_out = True
        elif seen_out:
            return False
    return True


def top(page, base: str, q: str, k: int = 10) -> list[str]:
    """The first ``k`` results the search page shows for ``q`` (site-relative URLs), once final."""
    page.goto(f"{base}search/?{urlencode({'q': q})}")
    page.wait_for_function("() => { const s = document.getElementById('gb-search-status');"
                           " return s && s.textContent && !s.textContent.startsWith('正在'); }", timeout=90000)
    urls = page.eval_on_selector_all("#gb-results li a", "els => els.map(a => new URL(a.href).pathname)")
    return [u.lstrip("/") for u in urls][:k]


def score(page, base: str, site: dict[str, Page], chosen: list[Case]) -> dict:
    """Mean nDCG@10, the share of title and short-name cases with the right document first, the
    share of subject cases with no document out of force above one in force; and the misses."""
    rows = [(case, top(page, base, case.q)) for case in chosen]
    named = [(c, r) for c, r in rows if c.why != "subject"]
    subjects = [(c, r) for c, r in rows if c.why == "subject"]
    return {
        "cases": len(rows),
        "ndcg": sum(ndcg(r, c.grades) for c, r in rows) / len(rows),
        "right_first": sum(right_first(r, c) for c, r in named) / max(1, len(named)),
        "in_force_first": sum(in_force_first(r, c, site) for c, r in subjects) / max(1, len(subjects)),
        "misses": [(c.why, c.q, r[:3]) for c, r in named if not right_first(r, c)],
    }
