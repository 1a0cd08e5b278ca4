"""The one object that flows through the pipeline.

A reader makes a :class:`Document`; each extraction stage fills in some of its fact
fields and returns it. ``text`` is the normalised, simplified text every offset points
into; ``original_text`` has the same length and keeps the article's own characters
(traditional ones included).

>>> from kg.facts import ArticleMeta
>>> doc = Document.from_blocks("note.txt", [(BlockKind.TITLE, "标题"), (BlockKind.PARAGRAPH, "正文。")],
...                            ArticleMeta(title="标题"), reader="text")
>>> doc.text
'标题\\n正文。'
>>> [b.kind.value for b in doc.blocks], doc.body
(['title', 'paragraph'], '正文。')
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Iterable, Iterator

from .facts import ArticleMeta, Citation, Entity, Event, Image, Mention, Post, Statement, merge_entities


class BlockKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"  # a subheading inside the body
    PARAGRAPH = "paragraph"
    QUOTE = "quote"  # an embedded tweet or block quotation
    CAPTION = "caption"  # an image caption: its own dates and events
    FOOTER = "footer"  # editor line and similar furniture kept for provenance


BODY_KINDS = frozenset({BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.QUOTE})


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int


@dataclass
class Document:
    source: str
    text: str
    blocks: tuple[Block, ...]
    meta: ArticleMeta
    reader: str
    original_text: str = ""
    images: tuple[Image, ...] = ()
    entities: tuple[Entity, ...] = ()
    posts: tuple[Post, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()
    citations: tuple[Citation, ...] = ()
    provided: set[str] = field(default_factory=set)  # what readers and stages have filled in
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.original_text:
            self.original_text = self.text
        if len(self.original_text) != len(self.text):
            raise ValueError("original_text and text must have the same length")
        if not self.content_hash:
            self.content_hash = hashlib.sha256(self.original_text.encode()).hexdigest()
        self.provided |= {"text", "meta"}

    @classmethod
    def from_blocks(
        cls,
        source: str,
        blocks: Iterable[tuple[BlockKind, str]],
        meta: ArticleMeta,
        reader: str,
        *,
        original: Iterable[str] | None = None,
        images: tuple[Image, ...] = (),
    ) -> "Document":
        """Join block texts with newlines; ``original`` gives the unconverted text of each block."""
        pieces, spans, position = [], [], 0
        for kind, text in blocks:
            if pieces:
                position += 1
            spans.append(Block(kind, position, position + len(text)))
            pieces.append(text)
            position += len(text)
        text = "\n".join(pieces)
        original_text = "\n".join(original) if original is not None else text
        return cls(source, text, tuple(spans), meta, reader, original_text=original_text, images=images)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @property
    def body(self) -> str:
        """The article's own prose: paragraphs, subheadings and quotations, no title or captions."""
        return "\n".join(self.block_text(b) for b in self.blocks if b.kind in BODY_KINDS)

    def add_entities(self, new: Iterable[Entity]) -> None:
        """Add entities, merging any whose key is already known (mentions and aliases united)."""
        by_key = {e.key: e for e in self.entities}
        for entity in new:
            known = by_key.get(entity.key)
            by_key[entity.key] = entity if known is None else merge_entities(known, entity)
        self.entities = tuple(by_key.values())

    def all_mentions(self) -> Iterator[Mention]:
        """Every mention any reader or stage recorded, for checks and provenance."""
        meta = self.meta
        for who in (meta.publisher, *meta.authors, *meta.editors):
            if who is not None and who.mention is not None:
                yield who.mention
        if meta.dateline:
            yield meta.dateline
        yield from (i.caption for i in self.images if i.caption)
        for fact in (*self.entities, *self.posts, *self.events, *self.statements):
            yield from fact.mentions
        for statement in self.statements:
            yield from (c.quote for c in statement.commitments)
        yield from (c.mention for c in self.citations)

    def entity(self, key: str) -> Entity | None:
        return next((e for e in self.entities if e.key == key), None)

    def mention(self, start: int, end: int, rule: str) -> Mention:
        return Mention(start, end, self.text[start:end], rule)

    def find(self, needle: str, rule: str, start: int = 0) -> Mention | None:
        """The first occurrence of ``needle`` at or after ``start`` as a mention."""
        at = self.text.find(needle, start)
        return None if at < 0 else self.mention(at, at + len(needle), rule)

    @property
    def is_traditional(self) -> bool:
        return self.original_text != self.text

    @property
    def slug(self) -> str:
        """A stable, IRI-safe identifier: from the original URL when known, else from the content."""
        if self.meta.source_url:
            return url_slug(self.meta.source_url)
        return "sha256-" + self.content_hash[:24]


_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")


def url_slug(url: str) -> str:
    """
    >>> url_slug("https://www.epochtimes.com/gb/22/1/10/n13495702.htm")
    'epochtimes.com_gb_22_1_10_n13495702.htm'
    """
    rest = re.sub(r"^[a-z]+://(www\.)?", "", url.strip(), flags=re.I)
    return _UNSAFE.sub("_", rest).strip("_")
