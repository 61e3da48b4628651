"""Relations between documents: no document relates to itself, statuses agree with what
amends and repeals them, and amends/repeals chains have no cycle.

Both ways: a document a later one repeals says 已废止, and one that says 已修订, 已废止 or 已失效 has a basis a
reader can check — a document this gazette publishes, in force, that amends or repeals it, its own 有效期 run out, or,
when what changed it is not in this gazette, ``status_basis`` (苏政发〔2020〕12号), printed beside the status.
Else one edit of ``status`` (not in the canonical text: it follows later documents and the calendar) would tell
courts a rule in force is void."""
from gongbao.content.diagnostics import Diagnostic
from gongbao.content.model import Changed
from gongbao.identifiers.docnumber import DocNumber, citation_key, citations
from gongbao.identifiers.script import to_simplified

ID = "relations"
KEYS = ("based_on", "amends", "repeals")
# statuses a document may have once another has repealed / amended it and that has taken effect
AFTER = {"repeals": ("已废止", "已失效"), "amends": ("已修订", "已废止", "已失效")}
EXPECTED = {"repeals": "已废止", "amends": "已修订"}
VERB = {"repeals": "废止", "amends": "修改"}


def check(ctx):
    for doc in ctx.archive.documents:
        for key in KEYS:
            if doc.ref in getattr(doc, key):
                yield Diagnostic(doc.source.path, doc.source.line_of(key), f"{key} 指向文件自身 {doc.ref}",
                                 f"从 {key} 中删除本文件的文号", rule=ID)
    yield from _contradictions(ctx)
    yield from _backdated(ctx)
    yield from _unexplained(ctx)
    yield from _basis_here(ctx)
    yield from _cycles(ctx.archive)


def _contradictions(ctx):
    for doc in sorted(ctx.archive.documents, key=lambda d: d.source.path):
        in_force_from = doc.effective or doc.published
        if ctx.today is None or in_force_from > ctx.today:
            continue  # the amending or repealing document is not in force yet (or, build_date unread, may not be): the target still is
        for key in ("repeals", "amends"):
            for ref in getattr(doc, key):
                target = ctx.archive.document(ref)
                if target is None or target is doc or target.status in AFTER[key]:
                    continue
                yield Diagnostic(target.source.path, target.source.line_of("status"),
                                 f"文件状态为{target.status}，但已被 {doc.label}（{doc.source.path}）{VERB[key]}"
                                 f"（自 {in_force_from} 起）",
                                 f"改为 status: {EXPECTED[key]}；若 {doc.label} 并未{VERB[key]}本文件，改正其 {key}", rule=ID)


def _backdated(ctx):
    """A document amends or repeals only one already made (成文) when it is published: the relation is shown on the page
    it names (本文件已被 … 废止（2018年6月1日）, its status 已废止), whose hash does not cover it, so one published before
    that text was even made told courts the text they cite was void before it existed. Against the text's making, not
    its publication: a text signed in May may reach the gazette after the one that repeals it."""
    for doc in ctx.archive.documents:
        for key in ("repeals", "amends"):
            for ref in getattr(doc, key):
                target = ctx.archive.document(ref)
                if target is not None and target is not doc and doc.published < target.written:
                    yield Diagnostic(doc.source.path, doc.source.line_of(key),
                                     f"{key} 中的 {target.label} 成文于 {target.written}，晚于本文件的发布日期 "
                                     f"{doc.published}：一份文件只能{VERB[key]}在它发布时（或当天）已经成文的文件",
                                     f"核对本文件的 published 和 {key}", rule=ID)


# what may make a document say so, besides status_basis (and, for 已失效, its 有效期 run out): AFTER read backwards
BASES = {"已废止": ("repeals",), "已修订": ("amends",), "已失效": ("repeals",)}


def _unexplained(ctx):
    # id() of each document some published document in force amends or repeals: a withheld one is no basis a reader
    # can check (the page names none), so the status it makes needs status_basis
    changed = {key: set() for key in KEYS[1:]}
    for doc in ctx.public.documents:
        # build_date unread (ctx.today None): in force on the day it may mean, a basis unless told otherwise
        if (doc.amends or doc.repeals) and (ctx.today is None or (doc.effective or doc.published) <= ctx.today):
            for key in changed:
                changed[key].update(id(t) for ref in getattr(doc, key) if (t := ctx.archive.document(ref)) is not None)
    for doc in ctx.archive.documents:
        source = doc.source
        if doc.status not in BASES:
            if doc.status_basis:
                yield Diagnostic(source.path, source.line_of("status_basis"), f"文件状态为{doc.status}，却写了 status_basis",
                                 "删去 status_basis：它只写已修订、已废止、已失效的依据", rule=ID)
            continue
        expired = doc.status == "已失效" and doc.expires is not None and (ctx.today is None or doc.expires < ctx.today)
        if doc.status_basis or expired or any(id(doc) in changed[key] for key in BASES[doc.status]):
            continue
        if Changed(doc.ref) in ctx.archive.unloaded:
            continue  # changed by a document whose errors are told at its file
        if doc.number and not ctx.settings.listed(doc.number.agency):
            continue  # a typo in its number (rules/issuers.py), which what amends or repeals it names rightly
        if any(id(doc) in changed[key] and doc.status not in AFTER[key] for key in changed):
            continue  # _contradictions names the status it must have
        keys = BASES[doc.status]
        by = "、".join(f"{VERB[key]}它（{key}）" for key in keys) + ("，有效期也未届满" if doc.status == "已失效" else "")
        yield Diagnostic(source.path, source.line_of("status"),
                         f"文件状态为{doc.status}，但没有依据：本公报中没有已施行的文件{by}",
                         f"在{VERB[keys[0]]}它的文件的 {keys[0]} 中写入 {doc.label}；该文件不在本公报中的，写 "
                         f"status_basis: 它的文号或名称（如 苏政发〔2020〕12号）；否则改回文件的实际状态", rule=ID)


def _basis_here(ctx):
    """status_basis names what changed a document outside this gazette: a document this gazette publishes that does not
    amend or repeal it (or the document itself) is a basis the site itself shows to be false."""
    based = [doc for doc in ctx.archive.documents if doc.status_basis]
    if not based:  # most gazettes: no index of numbers made
        return
    by_key = {}
    for other in ctx.public.documents:
        if other.number:
            by_key.setdefault(citation_key(other.number.year, other.number.serial), []).append(other)
    for doc in based:
        text = " ".join(to_simplified(doc.status_basis).split())
        named = [other for c in citations(text) for other in by_key.get(c.key, ()) if c.cites(other.number)]
        try:  # a number alone with 号 left out (锡政办发2018年70) cites nothing in running text
            named.append(ctx.public.document(DocNumber.parse(text)))
        except ValueError:
            pass
        for other in {id(o): o for o in named if o is not None}.values():
            if doc.ref not in (*other.amends, *other.repeals):
                yield Diagnostic(doc.source.path, doc.source.line_of("status_basis"),
                                 f"status_basis 写的 {other.label} 是本公报中的文件，它没有修改或废止本文件",
                                 f"本公报中的文件修改或废止本文件的，在它的 amends 或 repeals 中写入 {doc.label}，删去 status_basis；"
                                 f"否则改正 status_basis 或文件状态", rule=ID)


def _cycles(archive):
    """A cycle in amends/repeals (A amends B, B repeals A) cannot have happened: one report per cycle."""
    edges = {}
    for doc in archive.documents:
        if not doc.amends and not doc.repeals:  # no edge leaves it, so no cycle goes through it: most documents
            edges.pop(doc.ref, None)  # (a second document of the same number replaces the first's edges, as before)
            continue
        targets = [archive.document(r) for r in (*doc.amends, *doc.repeals)]
        edges[doc.ref] = sorted({t.ref for t in targets if t is not None and t is not doc}, key=str)
    reported = set()
    for start in sorted(edges, key=str):
        path = _cycle_from(start, edges)
        if path and frozenset(path) not in reported:
            reported.add(frozenset(path))
            doc = archive.document(path[0])
            key = "amends" if path[1] in doc.amends else "repeals"
            chain = " → ".join(str(r) for r in (*path, path[0]))
            yield Diagnostic(doc.source.path, doc.source.line_of(key), f"修改/废止关系形成循环：{chain}",
                             "一份文件不能（间接）修改或废止修改、废止它的文件：检查各文件的 amends 和 repeals", rule=ID)


def _cycle_from(start, edges) -> list | None:
    """The shortest cycle through ``start`` (breadth-first), as the list of its refs, or None."""
    paths = [[start]]
    seen = {start}
    while paths:
        nxt = []
        for path in paths:
            for target in edges.get(path[-1], ()):
                if target == start:
                    return path
                if target not in seen:
                    seen.add(target)
                    nxt.append(path + [target])
        paths = nxt
    return None
