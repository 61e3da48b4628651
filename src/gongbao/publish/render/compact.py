"""The theme's markup without the blank lines and indentation its templates leave behind.

Material's templates indent every tag and leave a blank line for every ``{% if %}``: about a fifth
of a document page's chrome. A run of white space that holds a line break is one line break, which
a browser renders the same (white space collapses), except inside ``<pre>``, ``<textarea>`` and
``<script>``, which are kept as they are (an inline script's bytes are its CSP hash). Only the
theme's part of a page is compacted: the content, written by editors, is published as rendered.

A link of the site navigation loses Material's ``<span class="md-ellipsis">`` around its label, as the
contents sidebar already has (``overrides/partials/toc-item.html``): the labels are a few characters,
never cut, and the span with its line breaks is about 40 bytes a link, 0.3 KB on every page. Material's
skip link (to the page's first heading, by its id: the whole title again) goes too: the page's own, first
in tab order, skips to the same place (``overrides/main.html``); its empty slot stays for Material's script.
Material's ``<meta name="generator">`` (MkDocs' and its own versions, on every page) goes too: no reader or
browser reads it; and the ``title`` of its header's logo link, the site's name again beside its ``aria-label``.
The logo link in the title of the site menu's drawer goes too: a second link home beside the header's, as the
menu's first item (首页) is, and a link inside the drawer's label (0.16 KB a page). So do Material's palette
stylesheet and the body's primary and accent colour names: the stylesheet holds the named colours and the dark
scheme, and the site's colours are custom (gb-reading.css, on ``body[data-md-color-scheme]``), with no palette
switch to read them (0.15 KB a page).
"""
from __future__ import annotations

import re

_KEPT = re.compile(r"<(script|pre|textarea)\b.*?</\1\s*>", re.S | re.I)
_NAV_LABEL = re.compile(r'(<a [^<>]*class="md-nav__link[^"<>]*">)\n<span class="md-ellipsis">\n([^<>\n]+)\n</span>\n</a>')
_MATERIAL_SKIP = re.compile(r'(<div data-md-component="skip">)\n<a href="[^"<>]*" class="md-skip">\n[^<>]*\n</a>\n')
_GENERATOR = re.compile(r'<meta name="generator" content="mkdocs-[^"<>]*">\n')
_LOGO_TITLE = re.compile(r'(<a href="[^"<>]*") title="[^"<>]*"( class="md-header__button md-logo")')
_DRAWER_LOGO = re.compile(r'(<label class="md-nav__title" for="__drawer">\n)<a [^<>]*class="md-nav__button md-logo"[^<>]*>\n'
                          r'<span class="gb-logo"></span>\n</a>\n')
_PALETTE = re.compile(r'<link rel="stylesheet" href="[^"<>]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">\n')
_COLOUR_NAMES = re.compile(r'(<body [^<>]*data-md-color-scheme="[^"<>]*") data-md-color-primary="[^"<>]*" data-md-color-accent="[^"<>]*"')


def compact(html: str) -> str:
    out, at = [], 0
    for kept in _KEPT.finditer(html):
        out += (_spaced(html[at:kept.start()]), kept[0])
        at = kept.end()
    html = "".join(out) + _spaced(html[at:])
    html = _DRAWER_LOGO.sub(r"\1", _MATERIAL_SKIP.sub(r"\1", _NAV_LABEL.sub(r"\1\2</a>", html)), count=1)
    html = _PALETTE.sub("", _GENERATOR.sub("", html, count=1), count=1)
    return _LOGO_TITLE.sub(r"\1\2", _COLOUR_NAMES.sub(r"\1", html, count=1))


def _spaced(text: str) -> str:
    """Every run of white space holding a line break as one line break: what ``re.sub(r"[ \\t\\r]*\\n\\s*", "\\n", text)``
    makes, line by line in half its time (a pattern is tried at every character). A line loses the spaces, tabs and
    carriage returns before its break, the next one all the white space it starts with (``str.lstrip``'s, ``\\s``'s
    characters), and a line left empty goes with its break. White space only: never reaches into a kept element."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    last = lines.pop().lstrip()
    kept = [lines[0].rstrip(" \t\r")] + [line for line in (line.lstrip().rstrip(" \t\r") for line in lines[1:]) if line]
    return "\n".join([*kept, last])


def page(output: str, content: str) -> tuple[str, str | None]:
    """A finished page with its theme's part compacted around ``content``, and that part alone (for
    checks that read only the theme); a page that does not hold its content is left whole, with None."""
    at = _first(output, content) if content else -1
    if at < 0:
        return output, None
    before, after = compact(output[:at]), compact(output[at + len(content):])
    return before + content + after, before + after


def _first(text: str, part: str) -> int:
    """``text.find(part)``, looked for by ``part``'s first characters: a search for the whole of a page's content
    (tens of kilobytes) first reads all of it, though its first place is found at the first try."""
    head = part[:64]
    at = text.find(head)
    while at >= 0 and not text.startswith(part, at):
        at = text.find(head, at + 1)
    return at
