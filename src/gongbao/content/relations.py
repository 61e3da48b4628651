"""Relations between documents, forward as written and reverse as computed (never written twice)."""
from __future__ import annotations

from collections import defaultdict

from gongbao.identifiers.docnumber import DocRef
from gongbao.content.model import Archive, Document

FORWARD = {"based_on": "依据", "amends": "修改", "repeals": "废止"}
REVERSE = {"based_on": "被……引为依据", "amends": "被……修改", "repeals": "被……废止"}


def reverse(archive: Archive) -> dict[DocRef, dict[str, list[Document]]]:
    """For each target: relation key → the documents that point at it, by publication date."""
    index: dict[DocRef, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
    # Only the documents that point somewhere are sorted: the preview (gongbao.publish.dependencies) sees that
    # the others' dates are not read, and a date edit remakes the lists it moves in, not every page.
    pointing = [d for d in archive.documents if any(getattr(d, key) for key in FORWARD)]
    for doc in sorted(pointing, key=lambda d: (d.published, str(d.ref))):
        for key in FORWARD:
            for target in getattr(doc, key):
                index[target][key].append(doc)
    return index
