"""From text blocks to a :class:`~kg.document.Document`, and the plain-text reader.

:func:`build_document` is the last step of every reader: it converts each block to
simplified characters (same length, so offsets hold in both texts), drops the outlets'
adverts, moves editor and byline lines to FOOTER blocks, and fills in the metadata. A
plain-text file needs nothing more than splitting into blocks first, so its reader lives
here too.

>>> doc = read("标题\\n\\n【示例社2020年9月20日讯】澳大利亚总理\\n莫里森通电话。\\n\\n责任编辑：周文".encode(), "a.txt")
>>> doc.body, doc.meta.published.iso, doc.meta.publisher.name, [e.name for e in doc.meta.editors]
('【示例社2020年9月20日讯】澳大利亚总理莫里森通电话。', '2020-09-20', '示例社', ['周文'])
"""
from __future__ import annotations

import re

from ..document import BlockKind, Document
from ..facts import ArticleMeta, Image
from ..text.normalize import clean_chars, clean_line, count_cjk, join_inline, to_simplified
from .clean import RawArticle
from .encoding import decode
from .metadata import BOILERPLATE, SOURCE_URL, article_meta, is_footer_line, trailing_footer_start

TRADITIONAL_SHARE = 0.05  # simplified articles change well under 1% of characters, traditional ones 20–40%
_WORD = re.compile(r"\w")  # a block without one ("=====", "…") is decoration

# The credit at the end of a caption: （OLIVIER DOULIERY/POOL/AFP via Getty Images） （大纪元） (总统府提供)
_CREDIT = re.compile(r"[（(](?P<credit>[^（）()]{1,80})[）)]\s*$")
_CREDIT_WORDS = re.compile(
    r"[/／A-Za-z]|社|提供|摄|图片|照片|网络|来源|截图|合成|资料|大纪元|新唐人|希望之声|看中国|自由亚洲|中央|新闻中心"
)
_CREDIT_PREFIX = re.compile(r"^(?:以下)?(?:资料)?(?:图片来源|图片|图源|来源|摄影|照片|图)[：:]\s*")


def caption_credit(caption: str) -> str | None:
    """The photo credit a caption ends with, without brackets or a "图片来源：" label.

    >>> caption_credit("图为会晤。（OLIVIER DOULIERY/POOL/AFP via Getty Images）")
    'OLIVIER DOULIERY/POOL/AFP via Getty Images'
    >>> caption_credit("魏凤和（图片来源：ROSLAN RAHMAN/AFP via Getty Images）")
    'ROSLAN RAHMAN/AFP via Getty Images'
    >>> caption_credit("蓬佩奥（左）与菅义伟（右）") is None
    True
    """
    match = _CREDIT.search(caption)
    if not match:
        return None
    credit = match.group("credit").strip()
    if not _CREDIT_WORDS.search(to_simplified(credit)):
        return None
    return _CREDIT_PREFIX.sub("", credit).strip() or None


def _body_pieces(blocks: list[tuple[BlockKind, str]]) -> tuple[list, list]:
    """(kind, simplified, original) of the body and of the footer, adverts dropped."""
    body, footers = [], []
    for kind, original in blocks:
        simplified = to_simplified(original)
        if not _WORD.search(simplified) or BOILERPLATE.search(simplified):
            continue
        if is_footer_line(simplified):
            footers.append((BlockKind.FOOTER, simplified, original))
            continue
        cut = trailing_footer_start(simplified) if kind == BlockKind.PARAGRAPH else None
        if cut:
            footers.append((BlockKind.FOOTER, simplified[cut:].strip(), original[cut:].strip()))
            simplified, original = simplified[:cut].rstrip(), original[:cut].rstrip()
        body.append((kind, simplified, original))
    return body, footers


def build_document(source: str, reader: str, raw: RawArticle) -> Document:
    """Blocks in the order title, captions, body, footer; metadata found in the simplified text."""
    raw.title = clean_line(raw.title)
    pieces = [(BlockKind.TITLE, to_simplified(raw.title), raw.title)] if raw.title else []
    caption_at: dict[int, int] = {}  # image index -> piece index of its caption
    for number, ref in enumerate(raw.images):
        caption = clean_line(ref.caption or "")
        if caption:
            caption_at[number] = len(pieces)
            pieces.append((BlockKind.CAPTION, to_simplified(caption), caption))
    body, footers = _body_pieces(raw.blocks)
    pieces += body + footers

    doc = Document.from_blocks(source, [(k, s) for k, s, _ in pieces], ArticleMeta(title=raw.title), reader,
                               original=[o for _, _, o in pieces])
    images = []
    for number, ref in enumerate(raw.images):
        if not ref.url:
            continue
        at = caption_at.get(number)
        block = doc.blocks[at] if at is not None else None
        caption = doc.mention(block.start, block.end, "meta.caption") if block else None
        credit = caption_credit(doc.original_text[block.start:block.end]) if block else None
        images.append(Image(ref.url, caption, credit))
    doc.images = tuple(images)

    changed = sum(sum(1 for a, b in zip(o, t) if a != b) for _, t, o in pieces if o != t)
    language = "zh-Hant" if changed > TRADITIONAL_SHARE * max(1, count_cjk(doc.original_text)) else "zh-Hans"
    doc.meta = article_meta(doc, raw, language)
    return doc


_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")


def text_blocks(text: str) -> tuple[str, list[tuple[BlockKind, str]], str | None]:
    """Title (first non-empty line), blank-line separated paragraphs, and a source URL line.

    >>> text_blocks("## 标题\\n\\n第一段\\n接着。\\n\\n### 小标题\\n原文链接：https://x.org/a.html")
    ('标题', [(<BlockKind.PARAGRAPH: 'paragraph'>, '第一段接着。'), (<BlockKind.HEADING: 'heading'>, '小标题')], 'https://x.org/a.html')
    """
    lines = clean_chars(text).split("\n")
    source_url = None
    kept = []
    for line in lines:
        match = SOURCE_URL.search(line)
        if match and not source_url:
            source_url = match.group("url")
            continue
        kept.append(line)
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", "\n".join(kept)) if p.strip()]
    if not paragraphs:
        return "", [], source_url
    first = paragraphs[0].strip().split("\n", 1)
    title = _MARKDOWN_HEADING.sub("", first[0]).strip()
    rest = ([first[1]] if len(first) > 1 else []) + paragraphs[1:]
    blocks = []
    for paragraph in rest:
        for part in re.split(r"\n(?=#{1,6}\s)", paragraph.strip()):  # a markdown heading starts its own block
            heading = _MARKDOWN_HEADING.match(part)
            head, _, tail = part.partition("\n") if heading else ("", "", part)
            if heading:
                blocks.append((BlockKind.HEADING, join_inline(_MARKDOWN_HEADING.sub("", head))))
            if join_inline(tail):
                blocks.append((BlockKind.PARAGRAPH, join_inline(tail)))
    return title, blocks, source_url


def read(data: bytes, source: str) -> Document:
    """The plain-text reader: UTF-8, GBK or Big5 text, one article per file."""
    title, blocks, source_url = text_blocks(decode(data, source))
    return build_document(source, "text", RawArticle(title, blocks, source_url=source_url))
