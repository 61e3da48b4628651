"""The site's own stylesheets (mkdocs.yml's ``extra_css``) published as one file: one ``<link>`` on every
page instead of five, about 0.3 KB a page. Joined in mkdocs.yml's order, so the cascade is what it was;
each part opens with a comment naming its source. The sources stay where editors and the check see them
(``content/assets/``); only the joined file is published. A relative ``url()`` in a source would resolve
from this file's folder, not its own: the stylesheets use ``data:`` URLs only (tests/test_page_bytes.py)."""
from __future__ import annotations

URI = "assets/stylesheets/gb-site.css"


def joined(parts: list[tuple[str, str]]) -> str:
    """``parts``: (source URI, text) in mkdocs.yml's order."""
    return "".join(f"/* {uri} */\n{text.rstrip()}\n" for uri, text in parts)
