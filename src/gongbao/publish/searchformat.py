"""The search index's format, version 3: written by searchindex.py, read by gb-search.js.

Keys. A page's text is folded to Simplified (identifiers/script.py; the browser folds with the same
table, search/zhconv.json) and its whitespace dropped; its keys are every character and every pair of
adjacent characters. A query part's keys are its pairs, or its one character: a page holding the part
holds all of them, so the pages holding every key are a superset of the answer, which the browser
narrows by reading the text of the pages it shows.

Cited numbers (since version 2). A document number a page cites (in its title or text, as
``gongbao.identifiers.docnumber.citations`` reads it: the grammar the search page carries too) that no page
here has is a key of its own: its year and serial, ``〔2016〕80号`` (``第180号`` for a 令), never two characters
long, so never a pair. Its list gives, instead of counts, the characters each page writes before it
(``根据国办发``; several joined by ``|``): a query 国办发〔2016〕80号 keeps the pages where one of them ends in
国办发. Each such page also has a short record, ``cited/<id>.json``.

Files under ``search/index/``, each gzip-compressed JSON since version 3 (``pack``: the pages' text is most of the
index's bytes, and compressed it takes a fifth to half the disk; the browser unpacks it with
``DecompressionStream``) but ``meta.json``, plain so that any version of the page can read the version:
- ``meta.json``: {"version", "pages": how many, "shards": how many key shards (a power of two), "group": how
  many page ids share a record file (GROUP)};
- ``keys/<n>.json``: the keys whose FNV-1a hash (32-bit, over code points) is n modulo shards, each
  key → [page id deltas, weighted counts] (a cited number: → [page id deltas, the characters before it]),
  or → the name of its own file ``keys/<name>.json`` holding that list when it is long (a common pair is
  fetched alone, not with a shard of others);
- ``pages/<id // group>.json``: {"<id>": {"url", "title", "date", "meta", "filters", "text"}} of the pages
  whose id // group is its name (since version 4), fetched for the results shown; ids number the pages newest
  first, so sorting by date is sorting by id. One record a file (GROUP 1): two a file would fill the 4 KB disk
  blocks a record leaves half empty (1.7 KB on disk a page), but each result would fetch a neighbour's record
  with its own, and a query's first results cost a fifth more (152 KB at 10,000 documents, over the 150 KB the
  search page is held to);
- ``cited/<id // group>.json``: the same, records of pages citing a number no page has, each text only the
  passages around those citations ("…" between): what a cited number's results show, a few hundred bytes a page;
- ``facets.json``: per filter key, its values and one character per page (value index + BASE, or
  NONE), values beyond a page's first under "more" → {id: [indexes]}; the facets' counts for any set
  of pages without fetching the pages.
A weighted count is twice the sum of the weights (data-pagefind-weight, headings) of the places the key
occurs in, at least 1: integers, halves kept.
"""
from __future__ import annotations

import gzip
import sys
from array import array
from collections import Counter

from zlib_ng import gzip_ng

from gongbao.identifiers.script import to_simplified

VERSION = 4
FOLDER = "search/index"
GROUP = 1  # page ids a record file holds (see pages/ above)
BLOCK = 4096  # a disk block: what a file takes on disk is a whole number of them
SPILL = 64    # bytes past a block within which pack tries zlib too
BASE, NONE = 0x100, "0"  # facets.json: a value's character is chr(BASE + index); NONE: no value


def pack(text: str, level: int = 9) -> bytes:
    """An index file's bytes: ``text`` gzip-compressed, without a time in its header (a build is
    byte-identical to the one before). Level 9: the site is held to 80 KB on disk a page, and zlib's default (6)
    took 0.02 KB a page more at 1,000 documents, over that line. ``level`` 6 where 9 costs far more than it saves
    (searchindex: a long list's file, and sizes only tried).

    Compressed by zlib-ng: zlib's level 9 took twice the CPU (1.7 s against 0.9 over the index's files at 1,000
    documents, a fifth of the index step) for the same bytes (462 more over the 2,690 files, 0.007 %). On a quarter of the
    files zlib-ng's is larger, by 13 bytes (0.3 %) at most, and one of them took a disk block more than zlib's: a
    file that ends at most SPILL bytes into a block (one in a hundred or so) is compressed by zlib too, the smaller
    kept."""
    data = text.encode("utf-8")
    packed = gzip_ng.compress(data, compresslevel=level, mtime=0)
    if 0 < len(packed) % BLOCK <= SPILL:
        packed = min(packed, gzip.compress(data, compresslevel=level, mtime=0), key=len)
    return packed


def unpack(raw: bytes) -> bytes:
    """The bytes of an index file, packed or not (a host may have undone the gzip already): JSON never
    starts with gzip's magic bytes."""
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def fold(text: str) -> str:
    return "".join(to_simplified(text).split())  # str.split's whitespace is re's \s, at two thirds of re.sub's time


def keys(text: str) -> Counter:
    """The keys of folded ``text`` (characters and pairs) and how often each occurs (coded_keys, named)."""
    return Counter({key_name(code): count for code, count in coded_keys(text).items()})


LONE = 0x110000 << 32  # a character's code: its code point with this, above any pair's (key_name)
_MASK = 0xFFFFFFFF


def coded_keys(text: str) -> dict[int, int]:
    """``keys`` with each key a number (key_name): a pair's two code points, the first in the low 32 bits, read
    from the text's UTF-32 eight bytes at a time, so that counting makes no string a pair (half the time: two
    strings of one character made and joined at every character). A character's count is the counts of the
    pairs it starts, and one if it ends the text: a few hundred distinct pairs a page added up, not thousands of
    characters counted again."""
    data = text.encode("utf-32-le")
    pairs = array("Q", data[:len(data) // 8 * 8])  # the pairs starting at even places, then at odd ones
    pairs.frombytes(data[4:4 + (len(data) - 4) // 8 * 8])
    if sys.byteorder == "big":
        pairs.byteswap()  # the first code point in the low bits on any machine
    counts = Counter(pairs)
    characters = {LONE | ord(text[-1]): 1} if text else {}
    for pair, count in counts.items():
        first = LONE | pair & _MASK
        characters[first] = characters.get(first, 0) + count
    dict.update(counts, characters)  # no character is a pair: Counter.update would add each in Python
    return counts


def key_name(code: int) -> str:
    """The key a number of coded_keys stands for."""
    return chr(code & _MASK) if code >= LONE else chr(code & _MASK) + chr(code >> 32)


def key_code(key: str) -> int:
    """The number of coded_keys that stands for ``key``, a character or a pair."""
    return LONE | ord(key) if len(key) == 1 else ord(key[0]) | ord(key[1]) << 32


def query_keys(part: str) -> list[str]:
    folded = fold(part)
    return [folded] if len(folded) == 1 else sorted({folded[i:i + 2] for i in range(len(folded) - 1)})


def key_hash(key: str) -> int:
    """FNV-1a, 32-bit, over the key's code points (gb-search.js keyHash)."""
    h = 0x811C9DC5
    for ch in key:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h
