"""The search index read back in Python as gb-search.js reads it (searchformat.py): for tests."""
from __future__ import annotations

import json
from pathlib import Path

from gongbao.publish import searchformat


def text(path: Path) -> str:
    """An index file's text, unpacked."""
    return searchformat.unpack(path.read_bytes()).decode("utf-8")


def _load(path: Path):
    return json.loads(text(path))


def postings(site: Path, key: str) -> dict[int, int]:
    """Page id → weighted count of ``key``."""
    folder = site / searchformat.FOLDER
    shards = _load(folder / "meta.json")["shards"]
    entry = _load(folder / "keys" / f"{searchformat.key_hash(key) % shards}.json").get(key)
    if isinstance(entry, str):
        entry = _load(folder / "keys" / f"{entry}.json")
    if entry is None:
        return {}
    ids, at = [], -0
    for n, delta in enumerate(entry[0]):
        at = delta if n == 0 else at + delta
        ids.append(at)
    return dict(zip(ids, entry[1]))


def candidates(site: Path, query: str) -> set[int]:
    """Pages holding every key of every part of ``query``."""
    found = None
    for part in query.split():
        for key in searchformat.query_keys(part):
            ids = set(postings(site, key))
            found = ids if found is None else found & ids
    return found or set()


def page(site: Path, id_: int, folder: str = "pages") -> dict:
    """The record of page ``id_`` (``folder`` "cited": its short record)."""
    index = site / searchformat.FOLDER
    return _load(index / folder / f"{id_ // _load(index / 'meta.json')['group']}.json")[str(id_)]


def found(site: Path, query: str) -> set[str]:
    """URLs of the pages whose text holds every part of ``query`` (folded), as the browser narrows the candidates."""
    parts = [searchformat.fold(p) for p in query.split()]
    urls = set()
    for id_ in candidates(site, query):
        p = page(site, id_)
        text = searchformat.fold(p["title"] + " " + p["text"])
        if all(part in text for part in parts):
            urls.add(p["url"])
    return urls
