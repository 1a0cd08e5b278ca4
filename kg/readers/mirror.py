"""The reader for the mirror layout: a Markdown title, Markdown furniture and the article's HTML.

Layout: ``### TITLE``, a rule, a navigation line of links, advert lines (``#### 💥 …``),
the article's HTML, then a footer (``手机上长按…``, ``原文地址（需翻墙访问）：URL``, more
links). Advert lines, a bare ``---`` among them, also sit inside the HTML, so the file
is not split on rules: furniture lines are removed wherever they are and the rest is
parsed as one page. That page is read whole rather than from the outlet's container
(:data:`CONTAINERS`, used by the generic HTML reader): what remains outside the container
is the lead image, and SecretChina pages close their container after the first paragraph.

>>> title, html, url = split_mirror("### 标题\\n---\\n#### [首页](x)\\n<p>正文</p>\\n---\\n#### 💥 [广告](y)\\n"
...                                 "<p>续</p>\\n原文地址（需翻墙访问）：https://a.org/1.htm\\n")
>>> title, html.split(), url
('标题', ['<p>正文</p>', '<p>续</p>'], 'https://a.org/1.htm')
"""
from __future__ import annotations

import re

from ..document import BODY_KINDS, Document
from ..errors import EmptyDocumentError, NotAnArticleError
from .clean import RawArticle, class_xpath, html_blocks, parse_html, prune, take_images
from .encoding import decode
from .metadata import SOURCE_URL
from .text import build_document

_TITLE = re.compile(r"^\s*#{1,6}\s*(?P<title>.*?)\s*#*\s*$")
# Markdown furniture: heading lines with links or advert emoji, and horizontal rules.
_FURNITURE = re.compile(r"^\s*#{2,6}\s+.*(?:\]\(|💥|🎬|🔥|网站代理)|^\s*#{2,6}\s*$|^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
# The mirror's own footer starts at the share line or the link to the original.
_FOOTER_START = re.compile(r"^\s*(?:手机上长按|原文(?:地址|链接)\s*[（(]需翻墙)")

# Where each outlet keeps the article text (XPath, most specific first); see the module docstring.
CONTAINERS = [
    '//*[@id="artbody"]',  # Epoch Times 2022
    class_xpath("post_content"),  # NTDTV
    class_xpath("Content__Wrapper"),  # Sound of Hope
    class_xpath("article_right"),  # SecretChina
    '//*[@id="storytext"]',  # Radio Free Asia
]


def split_mirror(text: str) -> tuple[str, str, str | None]:
    """(title, the article's HTML, the original URL) of a mirror page."""
    lines = text.lstrip("\ufeff").split("\n")
    title, start = "", 0
    for number, line in enumerate(lines):
        if line.strip():
            if line.lstrip().startswith("#"):
                title, start = _TITLE.match(line).group("title"), number + 1
            break
    source_url, end = None, len(lines)
    for number in range(start, len(lines)):
        if _FOOTER_START.match(lines[number]):
            end = min(end, number)
        match = SOURCE_URL.search(lines[number])
        if match and number >= end:
            source_url = match.group("url")
            break
    html = "\n".join(line for line in lines[start:end] if not _FURNITURE.match(line))
    return title, html, source_url


def read(data: bytes, source: str) -> Document:
    """Read a mirror page; pages with a title and little text (an infographic) still read."""
    title, html, source_url = split_mirror(decode(data, source))
    blocks, images = [], []
    try:
        root = prune(parse_html(html, source))
    except EmptyDocumentError:  # a title and no HTML at all: still an article, a very short one
        root = None
    if root is not None:
        images = take_images(root)
        blocks = html_blocks(root)  # the whole page: furniture is gone, and some containers close early
    if not title.strip() and sum(len(t) for k, t in blocks if k in BODY_KINDS) < 20:
        raise NotAnArticleError(source, "no title and almost no text", "is this a mirror page?")
    return build_document(source, "mirror", RawArticle(title, blocks, images, source_url))
