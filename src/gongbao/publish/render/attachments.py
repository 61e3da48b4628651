"""A page's files: the list of downloads (附件, with type and size) and an interpretation's images as figures.

Each link is relative to the page that prints it, and each item also carries the file's permanent
address, shown only on paper (gb-print.css), where a link cannot be followed."""
from __future__ import annotations

import posixpath

from gongbao.identifiers import filetypes
from gongbao.content import urls
from gongbao.content.model import Attachment, Document, Interpretation, published_attachments
from gongbao.content.settings import Settings
from gongbao.publish.twins import absolute
from gongbao.publish.render import ui
from gongbao.publish.render.html import esc


def _href(from_url: str, to_path: str) -> str:
    return posixpath.relpath("/" + to_path, "/" + (from_url or "."))


def downloads(item: Document | Interpretation, page: str, from_url: str, settings: Settings) -> str:
    """The list of the files ``item`` (at ``page``) publishes, linked from the page at ``from_url``."""
    files = published_attachments(item)
    if not files:
        return ""
    rows = "".join(_row(a, urls.attachment(page, a), from_url, settings) for a in files)
    heading = ui.t("附件") if isinstance(item, Document) else ui.t("图片下载")
    return (f'<section class="gb-attachments" aria-label="{esc(heading)}">\n'
            f'<p class="gb-attachments__title">{esc(heading)}</p>\n<ol class="gb-attachments__list">{rows}</ol>\n</section>\n')


def _row(a: Attachment, path: str, from_url: str, settings: Settings) -> str:
    kind = filetypes.TYPES[a.suffix]
    return (f'<li><a href="{esc(_href(from_url, path))}" type="{kind.mime}">{esc(a.title)}</a>'
            f'<span class="gb-file-meta" data-pagefind-ignore="">（{kind.label}，{filetypes.size(a.size)}）</span>'
            f'<span class="gb-file-url" data-pagefind-ignore="">{esc(absolute(settings, path))}</span></li>')


def figures(item: Interpretation, page: str) -> str:
    """An interpretation's images in the order declared, each with its title as alt text and caption."""
    return "".join(f'<figure class="gb-figure"><img src="{esc(_href(page, urls.attachment(page, a)))}" alt="{esc(a.title)}">'
                   f'<figcaption>{esc(a.title)}</figcaption></figure>\n'
                   for a in published_attachments(item) if filetypes.TYPES[a.suffix].image)
