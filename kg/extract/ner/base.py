"""What the layers share: the candidate they propose and the analysed text they read.

Every layer (gazetteer, patterns, tagger) reads one :class:`Text` (the article text with
name dots and ``丶`` normalised, same length, so offsets are the article's) and proposes
:class:`Candidate` spans; :mod:`kg.extract.ner.resolve` picks among them and builds
entities.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...document import BODY_KINDS, BlockKind, Document
from ...facts import EntityType, OrgKind, PlaceKind
from ...facts import normalize_name as _normalize_name
from ...lang.zh.names import normalize_dots
from . import tagger

normalize_name = lru_cache(maxsize=1 << 16)(_normalize_name)  # the same few names, over and over
_CJK = re.compile(r"[\u3400-\u9fff]")
# Layer strength when candidates overlap and for confidence (higher is surer).
LAYER_RANK = {"meta": 4, "lexicon": 3, "pattern": 2, "tagger": 1}
_TAGGED_BLOCKS = frozenset({BlockKind.TITLE, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.QUOTE,
                            BlockKind.CAPTION})


@dataclass
class Candidate:
    """A span some layer takes for a person, organisation or place."""

    start: int
    end: int
    type: EntityType
    layer: str
    rule: str
    canonical: str | None = None  # the name it stands for (lexicon), when not its own text
    ident: str | None = None  # identity within the article (ISO code, lexicon name); None: by name
    place_kind: PlaceKind | None = None
    org_kind: OrgKind | None = None
    iso: str | None = None
    en: str | None = None  # the Latin name printed in brackets next to it
    evidence: set[str] = field(default_factory=set)  # title, bracket, repeat, tagger …
    strength: int = 0  # ties between overlapping candidates: higher wins
    surface: str = ""  # the normalised text of the span, filled in before grouping

    @property
    def length(self) -> int:
        return self.end - self.start


class Text:
    """One document prepared for the layers: normalised text, sentences, tagger tokens."""

    def __init__(self, doc: Document, *, use_tagger: bool = True):
        self.doc = doc
        self.text = normalize_dots(doc.text)
        self.spans = [(b.start, b.end) for b in doc.blocks if b.kind in _TAGGED_BLOCKS]
        if not doc.blocks:
            self.spans = [(0, len(doc.text))]
        self.footers = [(b.start, b.end) for b in doc.blocks if b.kind is BlockKind.FOOTER]
        self.body = [(b.start, b.end) for b in doc.blocks if b.kind in BODY_KINDS] or [(0, len(doc.text))]
        sentences = [s for a, b in self.spans for s in tagger.sentences(self.text, a, b)]
        # the tagger reads Chinese: sentences in English (tweets, credits) are left to the patterns
        sentences = [(a, b) for a, b in sentences if len(_CJK.findall(self.text, a, b)) * 3 >= b - a] if use_tagger else []
        self.tagged_spans = sentences
        self._tagged_starts = [a for a, _ in sentences]
        self.tokens = tagger.tokens(self.text, sentences) if sentences else []
        self.tokens = [t for t in self.tokens if t.word.strip()]
        self.starts = {t.start: t for t in self.tokens}
        self.ends = {t.end: t for t in self.tokens}
        self._token_starts = [t.start for t in self.tokens]
        self.tagged = bool(self.tokens)
        self._titles: dict[int, str] | None = None
        self._title_starts: set[int] = set()

    def title_ending_at(self, position: int) -> str | None:
        """The title word (外长, 国务卿 …) that ends right at ``position``, if any."""
        if self._titles is None:
            from ...lang.zh.names import titles_regex

            self._titles = {}
            for m in titles_regex().finditer(self.text):
                self._titles[m.end()] = m.group()
                self._title_starts.add(m.start())
        return self._titles.get(position)

    def title_starting_at(self, position: int) -> bool:
        self.title_ending_at(position)
        return position in self._title_starts

    def __len__(self) -> int:
        return len(self.text)

    def token_at(self, position: int) -> tagger.Token | None:
        """The token covering ``position``, if the tagger read that part of the text."""
        i = bisect.bisect_right(self._token_starts, position) - 1
        if i >= 0 and self.tokens[i].start <= position < self.tokens[i].end:
            return self.tokens[i]
        return None

    def tokens_in(self, start: int, end: int) -> list[tagger.Token]:
        i = max(bisect.bisect_right(self._token_starts, start) - 1, 0)
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end > start:
                out.append(self.tokens[i])
            i += 1
        return out

    def in_tagged_part(self, position: int) -> bool:
        i = bisect.bisect_right(self._tagged_starts, position) - 1
        return i >= 0 and position < self.tagged_spans[i][1]

    def aligned(self, start: int, end: int) -> bool:
        """Both ends fall on tagger word boundaries (always true where nothing was tagged)."""
        if not self.in_tagged_part(start):
            return True
        return start in self.starts and end in self.ends

    def starts_word(self, start: int) -> bool:
        return not self.in_tagged_part(start) or start in self.starts

    def in_person_token(self, start: int, end: int) -> bool:
        """The span cuts into, or sits strictly inside, a word the tagger reads as a person."""
        for t in self.tokens_in(start, end):
            if t.tag == "PER" and (t.start, t.end) != (start, end) and (t.start < start or t.end > end):
                return True
        return False

    def in_body(self, position: int) -> bool:
        return any(a <= position < b for a, b in self.body)

    def before(self, position: int, width: int) -> str:
        return self.text[max(0, position - width): position]

    def after(self, position: int, width: int) -> str:
        return self.text[position: position + width]
