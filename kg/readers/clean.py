"""HTML → clean text blocks and images, shared by the mirror and the generic HTML reader.

Parsing uses lxml's HTML parser directly (it recovers from unclosed ``<br>`` and stray
tags, and stays fast on multi-megabyte pages). The steps are: :func:`parse_html`,
:func:`prune` (scripts, ads, hidden and navigation elements), :func:`take_images` (images
and their captions, removed from the tree so they do not repeat in the body),
:func:`find_body` and :func:`html_blocks` (the article's paragraphs as text).

>>> root = parse_html("<div><p>美国国务卿\\n <ok href='x'>\\n 蓬佩奥\\n </ok>\\n 说。</p><h4>小标题</h4></div>", "t.html")
>>> [(kind.value, text) for kind, text in html_blocks(root)]
[('paragraph', '美国国务卿蓬佩奥说。'), ('heading', '小标题')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from ..document import BlockKind
from ..errors import EmptyDocumentError
from ..facts import PartialDate
from ..text.normalize import angle_quotes, clean_chars, join_inline

BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption center dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section summary table tbody td "
    "tfoot th thead tr ul".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
BOLD_TAGS = frozenset("b strong".split())
# Never article text: code, embeds, form controls, page chrome.
DROP_TAGS = frozenset(
    "script style iframe ins noscript form nav button svg canvas select input textarea object embed video "
    "audio head title meta link template aside footer header map area source track dialog label".split()
)
# class/id tokens of advertising, sharing and recommendation widgets
_JUNK_TOKEN = re.compile(
    r"(?:^|[-_])(?:ads?|advert\w*|adsbygoogle|sponsor\w*|promo\w*|share\w*|sharing|social|related|recommend\w*"
    r"|comments?|breadcrumbs?|newsletter|subscribe|popup|modal|cookie\w*|qrcode)(?:$|[-_])|^div-gpt-ad|taboola"
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_JUNK_MAX_TEXT = 2000  # a "junk" class on something this long is a theme quirk, not an advert
_CAPTION_CLASSES = frozenset({"caption", "wp-caption-text", "image-caption", "headerimgcaption", "additionalimgcaption"})
_AD_IMAGE = re.compile(r"github\.com|gfw-breaker|^/kzgd/|/ad/|\.gif$|^data:", re.I)
_INLINE_CAPTION_MAX = 200  # text beside an image longer than this is a paragraph, not a caption


@dataclass
class ImageRef:
    """An image as found in the page; the caption is cleaned text in the page's own characters."""

    url: str | None  # None for a caption whose picture is missing
    caption: str | None = None


@dataclass
class RawArticle:
    """What a reader takes from a file before normalisation and metadata: the shared hand-off."""

    title: str
    blocks: list[tuple[BlockKind, str]]
    images: list[ImageRef] = field(default_factory=list)
    source_url: str | None = None
    published: PartialDate | None = None  # from page metadata (JSON-LD, meta tags), if any
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)


def parse_html(text: str, source: str) -> etree._Element:
    """Parse with lxml's forgiving HTML parser; comments and processing instructions are dropped.

    Control characters go first: lxml refuses them when it rewrites a text node.
    """
    text = re.sub(r"^\s*<\?xml[^>]*>", "", clean_chars(text))  # lxml refuses str input that declares an encoding
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise EmptyDocumentError(source, f"no HTML content ({error})") from None


def _tokens(el: etree._Element) -> list[str]:
    return f"{el.get('class', '')} {el.get('id', '')}".lower().split()


def _is_junk(el: etree._Element) -> bool:
    if el.tag in DROP_TAGS:
        return True
    if _HIDDEN.search(el.get("style", "")):
        return True
    if el.tag in ("html", "body", "main", "article"):
        return False
    return any(_JUNK_TOKEN.search(t) for t in _tokens(el)) and len(el.text_content()) < _JUNK_MAX_TEXT


def prune(root: etree._Element) -> etree._Element:
    """Remove every element that never holds article text (text after it stays)."""
    for el in [e for e in root.iter() if isinstance(e.tag, str) and _is_junk(e)]:
        if el.getparent() is not None:
            el.drop_tree()
    return root


def _image_url(img: etree._Element, base: str | None) -> str | None:
    url = (img.get("src") or img.get("data-src") or img.get("data-original") or "").strip()
    if not url or _AD_IMAGE.search(url) or img.get("width") in ("0", "0px"):
        return None
    return urljoin(base, url) if base else url


def _is_caption(el: etree._Element) -> bool:
    if el.tag == "figcaption" or el.get("id") == "headerimgcaption":
        return True
    if _CAPTION_CLASSES & set(el.get("class", "").split()):
        return True
    if el.tag not in ("p", "center") or el.find(".//img") is None or el.find(".//p") is not None:
        return False
    # An image followed by a short line of text in the same paragraph (SecretChina): its caption.
    text = inline_text(el)
    before = el.text or ""
    return 0 < len(text) <= _INLINE_CAPTION_MAX and not before.strip() and el[0].tag in ("img", "span", "a", "ok")


def inline_text(el: etree._Element) -> str:
    """The text of an element as one line.

    >>> inline_text(lxml.html.fragment_fromstring("<p>图为\\n <b>蓬佩奥</b>\\n 讲话。</p>"))
    '图为蓬佩奥讲话。'
    """
    return angle_quotes(join_inline(clean_chars("".join(el.itertext()))))


def take_images(root: etree._Element, base: str | None = None) -> list[ImageRef]:
    """Every image of the page in order, each with the caption beside it; captions leave the tree.

    >>> root = parse_html('<div><img src="a.jpg"><div class="caption">图为会谈。（美联社）</div></div><p>正文</p>', "t")
    >>> take_images(root), [t for _, t in html_blocks(root)]
    ([ImageRef(url='a.jpg', caption='图为会谈。（美联社）')], ['正文'])
    """
    order = {el: i for i, el in enumerate(root.iter())}
    urls = {img: _image_url(img, base) for img in root.iter("img")}
    caption_of: dict[etree._Element, str] = {}  # image (or a caption with no image) -> caption text
    taken: list[etree._Element] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or not _is_caption(el) or any(a in taken for a in el.iterancestors()):
            continue
        taken.append(el)
        img = _caption_image(el, order, urls, caption_of)
        caption_of[img if img is not None else el] = inline_text(el)
    keys = sorted(set(urls) | set(caption_of), key=order.__getitem__)
    refs = [ImageRef(urls.get(k), caption_of.get(k) or None) for k in keys if urls.get(k) or caption_of.get(k)]
    for el in taken:
        if el.getparent() is not None:
            el.drop_tree()
    return refs


def _caption_image(el, order, urls, taken) -> etree._Element | None:
    """The nearest free picture before a caption, looking up to three levels up its ancestry."""
    scope = el
    for _ in range(4):
        if scope is None:
            break
        free = [img for img in scope.iter("img")
                if (scope is el or order[img] < order[el]) and img not in taken and urls.get(img)]
        if free:
            return max(free, key=order.__getitem__)
        scope = scope.getparent()
    return None


def class_xpath(name: str) -> str:
    """XPath for elements whose class list holds ``name`` (not merely a class containing it).

    >>> class_xpath("post_content")
    '//*[contains(concat(" ", normalize-space(@class), " "), " post_content ")]'
    """
    return f'//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'


def find_body(root: etree._Element, selectors: list[str], share: float = 0.3) -> etree._Element | None:
    """The first element matching one of ``selectors`` (XPath) that holds ``share`` of the page's text.

    The share guards against containers that close early or match a teaser box.

    >>> root = parse_html('<div class="teaser"><p>短</p></div><div id="c"><p>这里是正文的全部文字内容，已经足够长了吧。</p></div>', "t")
    >>> find_body(root, ['//*[@class="teaser"]', '//*[@id="c"]']).get("id")
    'c'
    """
    total = len(root.text_content())
    for selector in selectors:
        for el in root.xpath(selector):
            length = len(el.text_content().strip())
            if length >= 20 and length >= share * total:
                return el
    return None


def densest_element(root: etree._Element) -> etree._Element:
    """The element whose own <p> children hold the most text: the body of an unknown page."""
    best, best_len = root, 0
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        length = sum(len(p.text_content().strip()) for p in el if p.tag == "p")
        if length > best_len:
            best, best_len = el, length
    return best


class _Blocks:
    """Collects inline text into blocks while :func:`html_blocks` walks the tree."""

    def __init__(self) -> None:
        self.blocks: list[tuple[BlockKind, str]] = []
        self.parts: list[str] = []
        self.bold_chars = 0
        self.heading = self.quote = self.bold = 0

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if self.bold:
                self.bold_chars += len(text.strip())

    def flush(self) -> None:
        raw = "".join(self.parts)
        self.parts, bold_chars, self.bold_chars = [], self.bold_chars, 0
        text = strip_end_marks(angle_quotes(join_inline(clean_chars(raw))))
        if not text:
            return
        kind = BlockKind.HEADING if self.heading else BlockKind.QUOTE if self.quote else BlockKind.PARAGRAPH
        if kind == BlockKind.PARAGRAPH and bold_chars >= len("".join(raw.split())) and _looks_like_heading(text):
            kind = BlockKind.HEADING  # a short all-bold line is how some outlets write subheadings
        self.blocks.append((kind, text))


def _looks_like_heading(text: str) -> bool:
    return len(text) <= 30 and text[-1] not in "。！？；：…”」.!?;:"


def strip_end_marks(text: str) -> str:
    """Epoch Times ends articles with a bare ``#``; it is layout, not text.

    >>> strip_end_marks("充满信心。#"), strip_end_marks("责任编辑：林妍 ＃"), strip_end_marks("#MeToo")
    ('充满信心。', '责任编辑：林妍', '#MeToo')
    """
    return re.sub(r"\s*[#＃]+$", "", text).strip()


def html_blocks(root: etree._Element) -> list[tuple[BlockKind, str]]:
    """The text blocks under ``root``: block elements and ``<br>`` end a block, inline ones join."""
    out = _Blocks()
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in BLOCK_TAGS:
                out.flush()
            out.heading += tag in HEADING_TAGS
            out.quote += tag == "blockquote"
            out.bold += tag in BOLD_TAGS
            out.add(el.text)
        else:
            if tag in BLOCK_TAGS:
                out.flush()
            out.heading -= tag in HEADING_TAGS
            out.quote -= tag == "blockquote"
            out.bold -= tag in BOLD_TAGS
            if el is not root:
                out.add(el.tail)
    out.flush()
    return out.blocks
