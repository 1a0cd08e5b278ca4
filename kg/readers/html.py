"""The generic reader for a news web page.

Metadata comes from what the page declares for machines (JSON-LD ``NewsArticle``,
OpenGraph and ``article:`` meta tags, ``<time>``, the canonical link), the text from the
article element or a common body container, or else from the element holding the most
paragraph text. Cleaning, images and blocks are the same code as the mirror reader's.

>>> page = ('<html><head><title>标题 - 示例报</title><meta property="og:site_name" content="示例报"></head>'
...         '<body><nav><a href="/">首页</a></nav><article><h1>标题</h1>'
...         '<p>【示例报2021年3月2日讯】美国国务卿布林肯与日本外相举行会谈。</p></article></body></html>')
>>> doc = read(page.encode(), "p.html")
>>> doc.meta.title, doc.body, doc.meta.publisher.name
('标题', '【示例报2021年3月2日讯】美国国务卿布林肯与日本外相举行会谈。', '示例报')
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lxml import etree

from ..document import BODY_KINDS, BlockKind, Document
from ..errors import NotAnArticleError
from ..facts import PartialDate
from .clean import (ImageRef, RawArticle, class_xpath, densest_element, find_body, html_blocks, inline_text, parse_html,
                    prune, take_images)
from .encoding import decode
from .mirror import CONTAINERS as MIRROR_CONTAINERS
from .text import build_document

ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
                 "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "Report"}
# Where pages keep the article text (XPath, most specific first); find_body skips teasers.
CONTAINERS = [
    '//*[@itemprop="articleBody"]',
    *MIRROR_CONTAINERS,
    *(class_xpath(c) for c in ("article-body", "article_body", "articleBody", "article-content",
                               "article_content", "post-content", "entry-content", "story-body", "story-content",
                               "news-content")),
    "//article",
    '//*[@id="content"]//main', "//main", '//*[@id="content"]', '//*[@id="article"]',
]
MIN_ARTICLE_CHARS = 20
NAVIGATION_SHARE = 0.6  # a "body" whose text is mostly link text is a list of links, not an article
_ISO_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})(?:[-/.年](?P<m>\d{1,2})(?:[-/.月](?P<d>\d{1,2}))?)?")


def parse_date(value: str | None) -> PartialDate | None:
    """A PartialDate from an ISO or Chinese date string.

    >>> parse_date("2020-09-15T08:00:00+08:00"), parse_date("2020年9月"), parse_date("soon")
    (PartialDate(year=2020, month=9, day=15), PartialDate(year=2020, month=9, day=None), None)
    """
    match = _ISO_DATE.search(value or "")
    if not match:
        return None
    try:
        return PartialDate(int(match["y"]), int(match["m"]) if match["m"] else None, int(match["d"]) if match["d"] else None)
    except ValueError:
        return None


@dataclass
class PageInfo:
    """What a page says about itself in its head and structured data."""

    title: str = ""
    published: PartialDate | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    image: str | None = None


def _names(value) -> list[str]:
    """Names from a JSON-LD author/publisher value (string, object or list)."""
    if isinstance(value, str):
        return [n.strip() for n in re.split(r"\s*[,，、;；/]\s*|\s+and\s+", value) if n.strip()]
    if isinstance(value, dict):
        return _names(value.get("name", ""))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _json_ld_article(root: etree._Element) -> dict:
    """The first JSON-LD object typed as an article (inside lists and @graph too)."""
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                types = item.get("@type", [])
                if set([types] if isinstance(types, str) else types) & ARTICLE_TYPES:
                    return item
                stack.extend(item.get("@graph", []))
    return {}


def _meta(root: etree._Element, *keys: str) -> str | None:
    """The content of the first non-empty <meta> named by one of ``keys`` (property, name or itemprop)."""
    for key in keys:
        for el in root.xpath('//meta[@property=$k or @name=$k or @itemprop=$k]', k=key):
            if (el.get("content") or "").strip():
                return el.get("content").strip()
    return None


def _text(value) -> str | None:
    """A JSON-LD value as one string: a list's first item, an object's url or name.

    >>> _text([{"@type": "ImageObject", "url": "https://a.org/i.jpg"}]), _text(""), _text(3)
    ('https://a.org/i.jpg', None, None)
    """
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def page_info(root: etree._Element) -> PageInfo:
    """Title, date, publisher, authors, URL and lead image the page declares, best source first."""
    article = _json_ld_article(root)
    publisher = (_names(article.get("publisher")) or [None])[0] or _meta(root, "og:site_name", "application-name")
    title_el, h1 = root.find(".//title"), root.find(".//h1")
    page_title = inline_text(title_el) if title_el is not None else ""
    if publisher:  # "标题 - 示例报" -> "标题"
        page_title = re.sub(rf"\s*[-|_–—·]\s*{re.escape(publisher)}\s*$", "", page_title)
    times = root.xpath("//time/@datetime")
    canonical = root.xpath('//link[@rel="canonical"]/@href')
    authors = _names(article.get("author")) or _names(_meta(root, "author", "article:author") or "")
    return PageInfo(
        title=_text(article.get("headline")) or _meta(root, "og:title", "twitter:title")
        or (inline_text(h1) if h1 is not None else "") or page_title,
        published=parse_date(_text(article.get("datePublished")))
        or parse_date(_meta(root, "article:published_time", "datePublished", "pubdate", "publishdate", "date"))
        or parse_date(times[0] if times else None),
        publisher=publisher,
        authors=[name for name in authors if not name.startswith("http")],
        url=(canonical[0].strip() if canonical else None) or _meta(root, "og:url") or _text(article.get("url")),
        image=_meta(root, "og:image") or _text(article.get("image")),
    )


def _link_share(el: etree._Element) -> float:
    total = len("".join(el.text_content().split()))
    links = sum(len("".join(a.text_content().split())) for a in el.iter("a"))
    return links / total if total else 1.0


def read(data: bytes, source: str) -> Document:
    """Read a news page; a page without article text raises NotAnArticleError."""
    root = parse_html(decode(data, source), source)
    info = page_info(root)  # before pruning: the head and JSON-LD scripts go with it
    prune(root)
    images = take_images(root, info.url)
    body_root = find_body(root, CONTAINERS)
    body_root = densest_element(root) if body_root is None else body_root
    blocks = html_blocks(body_root)
    if blocks and blocks[0][0] == BlockKind.HEADING and blocks[0][1] == " ".join(info.title.split()):
        blocks = blocks[1:]  # the <h1> repeats the title
    body_chars = sum(len(t) for k, t in blocks if k in BODY_KINDS)
    if body_chars < MIN_ARTICLE_CHARS:
        raise NotAnArticleError(source, f"no article text ({body_chars} characters of body)",
                                "the page may be an index, a video or a login wall")
    if _link_share(body_root) > NAVIGATION_SHARE:
        raise NotAnArticleError(source, "the page is a list of links, not an article", "give the article's own page")
    if info.image and all(ref.url != info.image for ref in images):
        images.insert(0, ImageRef(info.image))
    raw = RawArticle(info.title, blocks, images, info.url, info.published, info.publisher, info.authors)
    return build_document(source, "html", raw)
