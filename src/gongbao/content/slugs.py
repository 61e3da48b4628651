"""The slugs of gazette.yml that published URLs are made of: an issuer's catalogue page ``catalog/issuer/<slug>/`` (with
its pages ``page/2/``…) and feed ``feeds/issuer/<slug>.xml``, a topic's catalogue page ``catalog/topic/<slug>/``.

Courts and subscribers cite them as they cite a document's URL, so a slug, once published, stays: the lock records
each with the name it was published for (gongbao.content.lock, ``slugs``), and rules/lock.py refuses one that no name
of gazette.yml has any more, or that another name took over. A slug that moves is declared on its name
(``previous_slugs``): the old catalogue pages redirect to the new ones, and the old feed is published beside the new
one, which the hosts' rules redirect to (gongbao.publish.render.redirect_pages).
"""
from __future__ import annotations

from collections import defaultdict

from gongbao.content.model import Archive, Document
from gongbao.content.settings import Settings
from gongbao.identifiers.taxonomy import Taxonomy

FACETS = {"issuer": "issuers", "topic": "topics"}  # facet of the catalogue URL → section of gazette.yml


def names(facet: str, doc: Document, settings: Settings) -> list[tuple[str, str]]:
    """(slug, name) of each listing of ``facet`` the document is in: its issuers gazette.yml lists, its topics the
    taxonomy has (an unknown one is the topic rule's error)."""
    if facet == "issuer":
        return [(settings.issuers[name], name) for name in doc.issuers if name in settings.issuers]
    taxonomy = Taxonomy.of(settings.topics)
    return [(taxonomy.slug(name), name) for name in map(taxonomy.canonical, doc.topics) if name]


def groups(public: Archive, facet: str, settings: Settings) -> dict[tuple[str, str], list[Document]]:
    """(slug, name) → the public documents of each listing of ``facet`` (``names``), in the archive's order."""
    found: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for doc in public.documents:
        for key in names(facet, doc, settings):
            found[key].append(doc)
    return found


def published(public: Archive, settings: Settings) -> dict[str, dict[str, str]]:
    """facet → slug → name of every issuer's and topic's listing the public archive makes: what the lock records."""
    return {facet: dict(sorted(groups(public, facet, settings))) for facet in FACETS}


def current(facet: str, settings: Settings) -> dict[str, str]:
    """slug → name of every issuer (or topic) of gazette.yml now (for topics, the 22 default classes when it lists none)."""
    named = settings.issuers if facet == "issuer" else dict(Taxonomy.of(settings.topics).slugs)
    return {slug: name for name, slug in named.items()}


def moved(facet: str, settings: Settings) -> dict[str, str]:
    """previous slug → the slug its name has now, as gazette.yml declares (``previous_slugs``); a previous slug that is a
    slug now, or that two names claim, is gazette.yml's error and leads nowhere."""
    now = current(facet, settings)
    section = FACETS[facet]
    slug_of = getattr(settings, section) if facet == "issuer" or settings.topics else {}
    claims: dict[str, set[str]] = defaultdict(set)
    for name, olds in settings.previous_slugs.get(section, {}).items():
        if name in slug_of:
            for old in olds:
                claims[old].add(slug_of[name])
    return {old: next(iter(to)) for old, to in sorted(claims.items()) if len(to) == 1 and old not in now}


def line(facet: str, name: str | None, settings: Settings) -> int:
    """The line of gazette.yml where ``name`` is listed, else of its section, else 1."""
    section = FACETS[facet]
    return settings.slug_lines.get(f"{section}.{name}") or settings.slug_lines.get(section, 1)
