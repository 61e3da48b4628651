"""Build the search index (format: searchformat.py) from the built site's indexed pages.

The pages are numbered newest first and read in runs of consecutive ids on every core (forked workers,
gongbao.publish.forked.cores): a worker reads, parses and counts the pages of a run, writes their records and
sends back the run's postings split by key into a few parts a worker; then the workers merge each part over all
runs, in id order, and encode its keys' lists. The parent keeps the facets and writes the key shards. A
key's postings are compact arrays (a few bytes per key and page), the pages' text is written as it is read, so
memory grows with the number of distinct keys and postings, never with the HTML. With one core, or too few
pages to be worth a fork, one process takes the same steps; the files are the same either way.
"""
from __future__ import annotations

import gc
import json
import marshal
import multiprocessing
import os
import re
import shutil
from array import array
from collections import defaultdict, deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from itertools import chain, groupby, repeat
from operator import itemgetter, mul, sub
from pathlib import Path

from gongbao.identifiers.docnumber import Citation, citation_key, citations
from gongbao.identifiers.script import to_simplified
from gongbao.publish import collector, searchformat, searchtext
from gongbao.publish.forked import cores, forkable
from gongbao.publish.searchformat import key_code

# Bytes before packing. A list gets a file of its own only when it is longer than a shard: packed, a shorter one
# took a 4 KB disk block for about 1 KB (1.3 KB on disk a page at 1,000 documents); larger shards would save
# more blocks but cost every query a larger shard per key (at 10,000 documents, more than the lists they hold).
OWN_FILE = 8192   # a key whose list is longer gets a file of its own
SHARD = 8192      # about what a shard of shorter lists holds
# Packed, a disk block: half as many shards as SHARD gives while their mean still fits one. A shard takes a whole
# block however little it holds: at 1,000 documents 1,024 shards of 1.9 KB took 0.8 KB on disk a page more than
# 512 of 3.7 KB; at 10,000 the shards already hold more (512 of 2.4 KB would become 256 of 4.7 KB: kept).
BLOCK = searchformat.BLOCK
CONTEXT = (30, 60)  # characters of text kept before and after a cited number in its page's cited record
MIN_PAGES = 400     # fewer pages (indexed or not) are indexed in about a second: not worth forking workers
PAGES_A_TASK = 64   # small enough for the workers to end together, large enough that a run shares its keys
PAGES_A_SCAN = 256  # pages a task of reading which are indexed (_dated): a few milliseconds' work
FILES_A_TASK = 16   # key files packed a task: one a task, the pool's round trips took 0.1 s CPU over 1,300 files
# Parts of the postings a worker merges (_encoded), so that the workers end together. One a worker, the two parts
# held 53 % and 47 % of the postings at 1,000 documents; at 10,000 (one of two runs) the second worker waited 0.8 s
# for its part to come through the pool's pipe behind the first's, and ended a second after it.
PARTS_A_WORKER = 4
_DATE = re.compile(rb'data-pagefind-sort="date:(\d{4}-\d\d-\d\d)"')  # on the bytes: ASCII, in UTF-8 as it reads
_drain = deque(maxlen=0).extend  # runs an iterator to its end, keeping nothing


def pages(site: Path) -> list[tuple[str, str]]:
    """(date, site-relative path) of every indexed page (those with ``data-pagefind-body``: documents,
    interpretations, issues, drafts, feedback), newest first."""
    return _found(site, _listed(site), map)


def _found(site: Path, listed: list[str], mapping) -> list[tuple[str, str]]:
    """pages(), the ``listed`` pages read by ``mapping`` (_mapping's, on every core: read by the parent, one core
    waited for it 2.4 s at 10,000 documents). Not by a pool of its own: its workers forked and stopped cost more than
    the 0.15 s CPU it shared out at 1,000 documents (0.4-1.9 s CPU more, and longer wall, in each of six A/B pairs
    under load 3-4.6)."""
    chunks = [listed[start:start + PAGES_A_SCAN] for start in range(0, len(listed), PAGES_A_SCAN)]
    return sorted(chain.from_iterable(mapping(partial(_dated, site), chunks)), reverse=True)


def _listed(site: Path) -> list[str]:
    """The paths of the site's pages (its ``index.html`` files), indexed or not."""
    return [os.path.join(parent, "index.html") for parent, _, files in os.walk(site) if "index.html" in files]


def _dated(site: Path, paths: list[str]) -> list[tuple[str, str]]:
    """(date, site-relative path) of the indexed pages among ``paths``."""
    found = []
    for path in paths:
        with open(path, "rb") as file:
            raw = file.read()
        if b"data-pagefind-body" in raw:  # the pages without it (a third at 1,000 documents) not read further
            date = _DATE.search(raw)  # not decoded: decoding every page took half of this pass
            found.append((date.group(1).decode() if date else "", os.path.relpath(path, site)))
    return found


def weighted(page: searchtext.Page):
    """The keys of ``page``, as searchformat.coded_keys numbers them (named once a key, by the worker encoding its
    list, not once a page), with their weighted counts (searchformat.py). A run of text of one weight is counted
    with the first character of the next run, so the pairs across runs count too."""
    runs: list[tuple[str, float]] = []  # folded as a whole: folding is character by character
    at = 0
    for weight, pieces in groupby(page.pieces, key=itemgetter(1)):
        start, at = at, at + sum(len(text) for text, _ in pieces)
        folded = "".join(page.simplified[start:at].split())  # searchformat.fold of the run's text
        if not folded:
            continue
        if runs and runs[-1][1] == weight:  # what lay between folded to nothing
            runs[-1] = (runs[-1][0] + folded, weight)
        else:
            runs.append((folded, weight))
    if not runs:
        return {}
    # Every key counted once at the weight of most of the text, in one pass over the whole text; the runs of
    # other weights add the difference. Counted in half weights: whole numbers, exact in any order, where the
    # weights are halves, as the pages are written (searchmeta.py); any other weight, and every run is added in
    # reading order, as the definition sums them.
    lengths: dict[float, int] = {}
    for text, weight in runs:
        lengths[weight] = lengths.get(weight, 0) + len(text)
    halves = {weight: int(2 * weight) if float(2 * weight).is_integer() else 2 * weight for weight in lengths}
    exact = all(isinstance(half, int) for half in halves.values())
    most = max(lengths, key=lengths.__getitem__) if exact else None
    base = halves[most] if exact else 0
    counts = searchformat.coded_keys("".join(text for text, _ in runs))
    totals = dict(zip(counts, map(mul, counts.values(), repeat(base))))
    # Where the counts are whole numbers, each other weight's runs are counted in one pass (a page's headings: a
    # pass each took 0.06 s CPU more at 1,000 documents), joined by a space, which no folded text holds, and the
    # keys holding it dropped: a run's last character, followed by the space, counts as ending its text.
    batches = [[i for i, run in enumerate(runs) if run[1] == weight] for weight in lengths if weight != most] \
        if exact else [[i] for i in range(len(runs))]
    for batch in batches:
        texts = [runs[i][0] + runs[i + 1][0][0] if i + 1 < len(runs) else runs[i][0] for i in batch]
        counts = searchformat.coded_keys(" ".join(texts))
        for before, after in zip(texts, texts[1:]):
            counts.pop(key_code(before[-1] + " "), None)
            counts.pop(key_code(" " + after[0]), None)
        counts.pop(key_code(" "), None)
        for i in batch:
            if i + 1 < len(runs):
                counts[key_code(runs[i + 1][0][0])] -= 1  # the next run counts its first character itself
        difference = halves[runs[batch[0]][1]] - base
        for key, count in counts.items():
            totals[key] += difference * count
    if exact and min(halves.values()) >= 1:
        return totals  # each at least 1 already
    return {key: max(1, round(total)) for key, total in totals.items()}


def index(site: Path, quiet: bool = False, out: Path | None = None, workers: int | None = None) -> int:
    """Write the index of ``site``'s pages to ``out`` (``site/search/index/`` unless given: the preview makes it
    beside the served site, gongbao.serve); returns how many pages it indexed. What an earlier build wrote there
    goes first: a site built again in place must not keep the record of a page since withdrawn. ``workers``: as
    many as cores unless given; a pool that breaks (a worker killed) leaves the work to this process."""
    out = out or site / searchformat.FOLDER
    try:
        count = _index(site, out, workers or cores())
    except BrokenProcessPool:
        count = _index(site, out, 1)
    if not quiet:
        print(f"检索索引：{count} 个页面")
    return count


def _index(site: Path, out: Path, workers: int) -> int:
    shutil.rmtree(out, ignore_errors=True)
    (out / "pages").mkdir(parents=True, exist_ok=True)
    (out / "cited").mkdir()
    listed = _listed(site)
    if len(listed) < MIN_PAGES:
        workers = 1
    step = PAGES_A_TASK * searchformat.GROUP  # a run writes whole record files
    facets: dict[str, dict] = {}
    parts: list[list[bytes]] = [[] for _ in range(workers * PARTS_A_WORKER if workers > 1 else 1)]
    # The pool forked once the published numbers are known: its workers inherit them.
    with _mapping(workers, (site, out, _published(site), len(parts))) as mapping:
        found = _found(site, listed, mapping)
        rels = [rel for _, rel in found]
        runs = [(start, rels[start:start + step]) for start in range(0, len(rels), step)]
        for filters, split in mapping(_run, runs):
            for id_, page_filters in filters:
                for key, value in page_filters:
                    facet = facets.setdefault(key, {"values": {}, "pages": {}})
                    facet["pages"].setdefault(id_, []).append(facet["values"].setdefault(value, len(facet["values"])))
            for part, data in zip(parts, split):
                part.append(data)
        encoded: dict[str, str] = {}
        for bodies in mapping(_encoded, parts):
            encoded |= bodies
        del parts
        shards = _write_keys(out, encoded, mapping)
    _write(out / "facets.json", {key: _facet(f, len(found)) for key, f in facets.items()})
    meta = {"version": searchformat.VERSION, "pages": len(found), "shards": shards, "group": searchformat.GROUP}
    (out / "meta.json").write_text(_json(meta), encoding="utf-8")
    return len(found)


def _map(function, items, chunksize: int = 1):
    return map(function, items)  # one process: no tasks to group


_shared: tuple = ()  # what every run reads (_run): the site, out, the published numbers, how many parts


def _share(shared: tuple) -> None:
    global _shared
    _shared = shared
    gc.disable()  # a worker's objects die with its task: the collector would only walk them


@contextmanager
def _mapping(workers: int, shared: tuple = ()):
    """map over ``workers`` forked processes (with the pool's ``chunksize``), or this process's map for one; each
    process holds ``shared`` (a forked worker inherits it: nothing is pickled)."""
    if not forkable(workers):
        with collector.paused():
            _share(shared)
            try:
                yield _map
            finally:
                _share(())
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_share, initargs=(shared,)) as pool:
        yield pool.map


def _run(run: tuple[int, list[str]]) -> tuple[list, list[bytes]]:
    """In a worker: the pages of a ``run`` (the first one's id, their paths) read, their records written; returns each
    page's filters and the run's postings (key → page ids, and counts or the characters before a cited number; a
    character or a pair by its number, weighted) in parts by key (PARTS_A_WORKER)."""
    site, out, published, parts = _shared
    first, rels = run
    counted: defaultdict[int, list[int]] = defaultdict(list)  # key → its pages' ids and counts, alternating
    postings: dict[int | str, tuple[array, array | list]] = {}
    filters = []
    records, short = _Records(out / "pages"), _Records(out / "cited")
    for id_, rel in enumerate(rels, first):
        page = searchtext.read((site / rel).read_text(encoding="utf-8"))
        counts = weighted(page)
        # Appended by map, not a loop over the keys (two million of them at 1,000 documents: 0.28 s CPU in a loop,
        # 0.23 so). Each key's list gets this page's id, then (same order) its count.
        lists = list(map(counted.__getitem__, counts))
        _drain(map(list.append, lists, repeat(id_, len(lists))))
        _drain(map(list.append, lists, counts.values()))
        filters.append((id_, page.filters))
        record = {"url": Path(rel).parent.as_posix() + "/", "title": page.title, "date": page.date,
                  "meta": page.meta, "filters": _grouped(page.filters), "text": " ".join(page.text.split())}
        records.add(id_, record)
        in_text = _unpublished(citations(" ".join(page.simplified.split())), published)  # record["text"] folded
        relations = [line for line in page.cites if _unpublished(citations(to_simplified(line)), published)]
        runs: dict[str, set[str]] = {}
        for c in _unpublished(citations(to_simplified(" ".join([record["title"], *relations]))), published) + in_text:
            runs.setdefault(c.key, set()).add(c.run)
        for key, names in runs.items():
            ids, agencies = postings.setdefault(key, (array("I"), []))
            ids.append(id_)
            agencies.append("|".join(sorted(names)))
        if runs:
            short.add(id_, {**record, "text": _context(record["text"], in_text, relations)})
    records.close()
    short.close()
    for key, flat in counted.items():
        postings[key] = (array("I", flat[::2]), array("I", flat[1::2]))
    split: list[dict] = [{} for _ in range(parts)]
    for key, (ids, values) in postings.items():  # hash(): the same in every worker, all forked from one parent
        split[hash(key) % parts][key] = (ids.tobytes(), values.tobytes() if isinstance(values, array) else values)
    return filters, [marshal.dumps(part) for part in split]


def _encoded(runs: list[bytes]) -> dict[str, str]:
    """In a worker: one part's postings merged over every run, in id order, each key's list as JSON (searchformat.py)."""
    merged: dict[int | str, tuple[array, array | list]] = {}
    for data in runs:
        for key, (ids, values) in marshal.loads(data).items():
            kept = merged.get(key)
            if kept is None:
                merged[key] = kept = (array("I"), array("I") if isinstance(values, bytes) else [])
            kept[0].frombytes(ids)
            if isinstance(values, bytes):
                kept[1].frombytes(values)
            else:
                kept[1].extend(values)
    return {_name(key): _json([[ids[0], *map(sub, ids[1:], ids)], list(values)])
            for key, (ids, values) in merged.items()}


def _name(key: int | str) -> str:
    """A key of the postings: a character or a pair as weighted numbers it, or a cited number's key."""
    return searchformat.key_name(key) if isinstance(key, int) else key


class _Records:
    """The record files of one folder: the records of ids ``n * GROUP`` to ``n * GROUP + GROUP - 1`` in ``<n>.json``,
    written once the ids, added in order, pass them (a few records in memory, never the whole index)."""

    def __init__(self, folder: Path):
        self.folder, self.number, self.held = folder, 0, {}

    def add(self, id_: int, record: dict) -> None:
        if self.held and id_ // searchformat.GROUP != self.number:
            self.close()
        self.number = id_ // searchformat.GROUP
        self.held[str(id_)] = record

    def close(self) -> None:
        if self.held:
            _write(self.folder / f"{self.number}.json", self.held)
        self.held = {}


def _published(site: Path) -> dict[str, set[str]]:
    """Citation key → the 机关代字 of the numbers published here (the search page's number files,
    searchpage.py): a citation of one of them needs no key, the search page finds the number itself."""
    codes = site / "search/codes.json"
    agency = {code: name for name, code in json.loads(codes.read_text(encoding="utf-8")).items()} if codes.is_file() else {}
    out: dict[str, set[str]] = {}
    for path in sorted((site / "search/numbers").glob("*/*.json")):
        year = path.stem
        for serial in json.loads(path.read_text(encoding="utf-8")):
            key = citation_key(None if year == "ling" else int(year), int(serial))
            out.setdefault(key, set()).add(agency.get(path.parent.name, ""))
    return out


def _unpublished(found: list[Citation], published: dict[str, set[str]]) -> list[Citation]:
    return [c for c in found if not any(a and c.run.endswith(a) for a in published.get(c.key, ()))]


def _context(text: str, found: list[Citation], relations: list[str]) -> str:
    """What a cited number's result shows of its page: its relations citing numbers (依据 国办发〔2016〕80号), then
    the text around each citation (CONTEXT), "…" where text is left out; a few hundred bytes, not the whole text.
    Cited only in its title: the start of its text."""
    spans: list[list[int]] = []
    for c in found:
        start, end = max(0, c.start - CONTEXT[0]), min(len(text), c.end + CONTEXT[1])
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    if not spans and not relations:
        spans = [[0, min(len(text), sum(CONTEXT))]]
    passages = ("…" if spans and spans[0][0] else "") + "…".join(text[a:b] for a, b in spans) \
        + ("…" if spans and spans[-1][1] < len(text) else "")
    return "；".join([*relations, passages] if passages else relations)


def _grouped(filters: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, value in filters:
        grouped.setdefault(key, []).append(value)
    return grouped


def _facet(facet: dict, count: int) -> dict:
    chosen = facet["pages"]
    line = "".join(chr(searchformat.BASE + chosen[i][0]) if i in chosen else searchformat.NONE for i in range(count))
    return {"values": list(facet["values"]), "pages": line,
            "more": {str(i): values[1:] for i, values in chosen.items() if len(values) > 1}}


def _write_keys(out: Path, encoded: dict[str, str], mapping) -> int:
    """Write the key shards (pairs' counts and cited numbers' 机关代字 alike), packed on every core; returns their number."""
    folder = out / "keys"
    folder.mkdir(exist_ok=True)
    small = sum(len(body) + len(key) * 3 + 4 for key, body in encoded.items() if len(body) <= OWN_FILE)
    shards = 1
    while small / shards > SHARD:
        shards *= 2
    entries: list[tuple[int, str]] = []  # (hash, "key":list or own file's name), in key order
    own: dict[str, str] = {}  # own file's name → its list
    for key in sorted(encoded):
        h = searchformat.key_hash(key)
        body = encoded.pop(key)
        if len(body) > OWN_FILE:
            name = next(n for n in (f"x{h:08x}-{k}" for k in range(len(own) + 1)) if n not in own)
            own[name] = body
            body = _json(name)
        entries.append((h, f"{_json(key)}:{body}"))
    # The long lists at zlib's default level: at 9, zlib took 33 s CPU over them at 10,000 documents, eight times as
    # long, for 6 % fewer bytes (0.07 KB on disk a page; none at 1,000, where the site has no margin on disk).
    fast = partial(searchformat.pack, level=6)
    for name, data in zip(own, mapping(fast, own.values(), chunksize=FILES_A_TASK)):
        (folder / f"{name}.json").write_bytes(data)
    # Halved while the shards, packed, fit: tried at the default level too, four times as fast as the level they
    # are written at, its sizes 1 % larger.
    while shards > 1 and _fit(_shards(entries, shards // 2, mapping, fast), BLOCK * (shards // 2)):
        shards //= 2
    for n, data in enumerate(_shards(entries, shards, mapping)):
        (folder / f"{n}.json").write_bytes(data)
    return shards


def _fit(packed, size: int) -> bool:
    """Whether the ``packed`` files take ``size`` bytes or fewer; the rest left unpacked once they are over (the
    last trial of the shards, which does not fit, cost half as much at 1,000 documents): a pool's map cancels
    its tasks not yet started when its results are dropped."""
    for data in packed:
        size -= len(data)
        if size < 0:
            return False
    return True


def _shards(entries: list[tuple[int, str]], shards: int, mapping, pack=searchformat.pack):
    """The packed key shards, in order, as they are packed: each entry in the shard of its key's hash modulo
    ``shards``."""
    parts: list[list[str]] = [[] for _ in range(shards)]
    for h, entry in entries:
        parts[h % shards].append(entry)
    return mapping(pack, ("{" + ",".join(part) + "}" for part in parts), chunksize=FILES_A_TASK)


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _write(path: Path, data) -> None:
    path.write_bytes(searchformat.pack(_json(data)))
