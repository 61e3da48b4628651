"""The site's own stylesheets (mkdocs.yml's ``extra_css``) published as one file, and its own scripts
(``extra_javascript``) as another: one ``<link>`` on every page instead of five, about 0.3 KB a page, and one
``<script>`` instead of four, 0.2 KB. Joined in mkdocs.yml's order, so the cascade and the order the scripts run
in are what they were; each part opens with a comment naming its source. The sources stay where editors and the
check see them (``content/assets/``); only the joined files are published. A relative ``url()`` in a source would
resolve from the joined file's folder, not its own: the stylesheets use ``data:`` URLs only; the scripts are each
a function called at once (their names stay their own), and the one that finds the site's root from its own
address (gb-search.js) is in the joined file's folder (tests/test_page_bytes.py)."""
from __future__ import annotations

STYLESHEET_URI = "assets/stylesheets/gb-site.css"
SCRIPT_URI = "assets/javascripts/gb-site.js"


def joined(parts: list[tuple[str, str]]) -> str:
    """``parts``: (source URI, text) in mkdocs.yml's order."""
    return "".join(f"/* {uri} */\n{text.rstrip()}\n" for uri, text in parts)
