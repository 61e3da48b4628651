"""The theme's markup without the blank lines and indentation its templates leave behind.

Material's templates indent every tag and leave a blank line for every ``{% if %}``: about a fifth
of a document page's chrome. A run of white space that holds a line break is one line break, which
a browser renders the same (white space collapses), except inside ``<pre>``, ``<textarea>`` and
``<script>``, which are kept as they are (an inline script's bytes are its CSP hash). Only the
theme's part of a page is compacted: the content, written by editors, is published as rendered.
"""
from __future__ import annotations

import re

_KEPT_OR_SPACE = re.compile(r"<(script|pre|textarea)\b.*?</\1\s*>|[ \t\r]*\n\s*", re.S | re.I)


def compact(html: str) -> str:
    return _KEPT_OR_SPACE.sub(lambda m: m[0] if m[1] else "\n", html)


def page(output: str, content: str) -> tuple[str, str | None]:
    """A finished page with its theme's part compacted around ``content``, and that part alone (for
    checks that read only the theme); a page that does not hold its content is left whole, with None."""
    at = output.find(content) if content else -1
    if at < 0:
        return output, None
    before, after = compact(output[:at]), compact(output[at + len(content):])
    return before + content + after, before + after
