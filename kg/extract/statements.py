"""The statements stage: joint statements, statements, communiqués, agreements and their points.

A statement is found where the text issues one (X发表联合声明, 做出决议), quotes one (声明表示,
声明中写道), reports from one (根据X发布的声明，…), where a speaker declares in quotation
marks what two states intend or agree (X宣布，“我们打算…，我们也同意…”), and where the
parties of an event agree without a document (双方同意…). Its points (:mod:`kg.extract.points`)
are read from the words that follow; each is a :class:`Commitment` whose kind is the class
of its main verb and whose quote is the object of that verb.

Issuers are the states and organisations named as issuing it (persons stand for the state
of their post); 双方 / 两国 / 部长们 stand for the countries of the event it belongs to,
which is an event named in the same or the previous sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.document import BlockKind, Document
from kg.facts import Commitment, EntityType, Event, Mention, PartialDate, Statement, StatementType
from kg.lang.zh import commitments as lex
from kg.pipeline import extractors, stage

from .coref import COUNTRY_GROUPS, PERSON_GROUPS, EntityIndex, is_polity
from .dates import find_dates
from .event_groups import dates_agree
from .segments import clause_bounds, inside, sentences
from .points import Scope, clause_verb, dedupe, read_points

STATEMENT_BLOCKS = frozenset({BlockKind.PARAGRAPH, BlockKind.QUOTE})


@dataclass
class _Found:
    """One place where the article names a statement, and what it says there."""

    type: StatementType
    mentions: list[Mention]  # the first names the statement
    issuers: list[str]
    event: str | None
    date: PartialDate | None
    anaphoric: bool  # 声明表示 with no issuer: the statement named before
    points: list[Commitment] = field(default_factory=list)


class Committing:
    """Finds a state or group saying it will act (加拿大将永远捍卫…, 我们将…): a commitment.

    >>> Committing({"加拿大"}).search("表明加拿大将永远捍卫人权"), Committing({"我们"}).search("这将会")
    (True, False)
    """

    def __init__(self, subjects: set[str]):
        self.subjects = tuple(subjects)

    def search(self, text: str) -> bool:
        at = text.find("将")
        while at >= 0:
            if not text.startswith("会", at + 1):
                head = text[:at].rstrip("也还都仍会")
                if head.endswith(self.subjects):
                    return True
            at = text.find("将", at + 1)
        return False


class _Reader:
    """Reads the statements of one document, sentence by sentence."""

    def __init__(self, doc: Document):
        self.doc, self.text = doc, doc.text
        self.index = EntityIndex.of(doc)
        self.blocks = [b for b in doc.blocks if b.kind in STATEMENT_BLOCKS]
        names = {n for e in doc.entities if is_polity(e) for n in (e.name, *e.aliases) if n}
        self.committing = Committing(lex.COMMITTING_SUBJECTS | names)
        self.event_at = sorted(((m.start, e) for e in doc.events if not e.in_caption for m in e.mentions),
                               key=lambda x: x[0])

    def found(self) -> list[_Found]:
        out: list[_Found] = []
        for number, block in enumerate(self.blocks):
            spans = sentences(self.doc.block_text(block), block.start)
            for i, (lo, hi) in enumerate(spans):
                previous = spans[i - 1][0] if i else lo
                out.extend(self._sentence(number, lo, hi, previous))
        return out

    def _sentence(self, number: int, lo: int, hi: int, previous: int) -> list[_Found]:
        text, out = self.text, []
        for m in lex.STATEMENT_PATTERN.finditer(text, lo, hi):
            if inside(text, m.start(), lo, "“", "”") or inside(text, m.start(), lo, "《", "》"):
                continue  # a named document (“中英联合声明”), not one issued here
            before = text[lo:m.start()]
            issued = lex.ISSUE_VERBS.search(before)
            if issued and (lex.NEGATED.search(before[:issued.start()]) or lex.UNREALISED.search(before[:issued.start()])):
                continue  # 未发表联合声明, 期盼能达成协定
            according = lex.ACCORDING_TO.search(before)
            scope = self._scope_after(m.end(), hi, number, issued is not None, according is not None)
            if m.group() in lex.AGREEMENTS and issued and scope is not None and scope.kind is None:
                scope = None  # 签署协议，…: what follows is not the agreement's text
            if m.group() in lex.NEEDS_ISSUER_VERB and not issued and scope is None:
                continue
            if not issued and not according and scope is None:
                continue
            start = issued.start() if issued else according.start() if according else m.start()
            head = (lo + according.start(), m.start()) if according else (clause_bounds(text, m.start(), lo, hi)[0], m.start())
            issuers = self._issuers(*head, previous)
            points = [] if scope is None else read_points(text, scope, resolution=m.group() in lex.RESOLUTIONS,
                                                          committing=self.committing)
            out.append(_Found(lex.STATEMENT_NOUNS[m.group()], [self.doc.mention(m.start(), m.end(), "statement.noun")],
                              issuers, self._event(previous, hi), self._date(lo, start),
                              not issuers and not issued, points))
        out.extend(self._declarations(number, lo, hi, previous))
        return out

    def _scope_after(self, at: int, hi: int, number: int, issued: bool, according: bool) -> Scope | None:
        """Where the points of a statement named at ``at`` start, and the verb introducing them.

        发表声明称，… / 声明表示：… / 发表联合声明，批评… / 声明也对…表示关注 / 根据…声明，…
        """
        text = self.text
        lead = (lex.AFTER_ISSUE if issued or according else lex.AFTER_NOUN).match(text, at, hi).end()
        verb = lex.VERB_PATTERN.match(text, lead, hi)
        if verb is None and not issued and not according:
            later = lex.VERB_PATTERN.search(text, lead, min(hi, lead + lex.SUBJECT_GAP))
            if later and not lex.CLAUSE_SEPARATOR.search(text, lead, later.start()) \
                    and not lex.NOT_SPEAKING.search(text, lead, later.start()):
                return Scope(lead, self._until(lead, hi, number, False), None)  # 声明也对…表示关注
        if verb is None:
            if according and re.match(r"\s*[，,]", text[at:hi]):
                return Scope(at + 1, self._until(at + 1, hi, number, False), None)
            return self._colon_scope(at, hi, number)
        kind = lex.verb_kind(verb.group())
        punctuated = re.match(r"\s*[，,：:“]", text[verb.end():hi])
        if not punctuated and kind is not lex.WEAK:
            return Scope(verb.start(), self._until(verb.start(), hi, number, False), None)  # 发表声明，批评…
        start = verb.end() + (punctuated.end() if punctuated else 0)
        opened = bool(punctuated and re.search(r"[：:“]", punctuated.group()))
        return Scope(start, self._until(start, hi, number, opened), kind)

    def _colon_scope(self, at: int, hi: int, number: int) -> Scope | None:
        """以下是声明的部分要点：followed by paragraphs in quotation marks."""
        if not re.match(r"[^。]{0,25}[：:]\s*$", self.text[at:hi]) or hi != self.blocks[number].end:
            return None
        end = self._quoted_blocks(number, hi)
        return Scope(hi + 1, end, None) if end > hi else None

    def _quoted_blocks(self, number: int, end: int) -> int:
        """The end of the paragraphs after block ``number`` that are quotations of the statement."""
        for block in self.blocks[number + 1:]:
            if not lex.QUOTED_PARAGRAPH.fullmatch(self.doc.block_text(block)):
                break
            end = block.end
        return end

    def _until(self, start: int, hi: int, number: int, opened: bool) -> int:
        """The end of the points: the sentence, and the following ones of the paragraph while
        the statement is quoted (：“…) or they open with a verb of the statement; then the
        paragraphs right after it that are wholly in quotation marks."""
        text, block_end = self.text, self.blocks[number].end
        end = hi
        for lo, nxt in sentences(text[hi:block_end], hi):
            still_quoted = text.count("“", start, lo) > text.count("”", start, lo) or text[lo:nxt].lstrip().startswith("“")
            skip = lo + len(text[lo:nxt]) - len(text[lo:nxt].lstrip(" \u3000“"))
            verb = clause_verb(text, skip, min(nxt, skip + 6))
            if not (opened or still_quoted or verb):
                break
            end = nxt
        return self._quoted_blocks(number, end) if end >= block_end else end

    def _declarations(self, number: int, lo: int, hi: int, previous: int) -> list[_Found]:
        """X宣布，“我们打算…，我们也同意…” and 双方同意…: points with no document named."""
        text, out = self.text, []
        for m in lex.DECLARATION.finditer(text, lo, hi):
            close = text.find("”", m.end(), self.blocks[number].end)
            end = close if close > 0 else hi
            points = read_points(text, Scope(m.end(), end, None), verbs_only=True, committing=self.committing)
            if points:
                issuers = self._issuers(clause_bounds(text, m.start(), lo, hi)[0], m.start(), previous)
                mention = self.doc.mention(m.start(), m.start() + 2, "statement.declaration")
                out.append(_Found(StatementType.STATEMENT, [mention], issuers, self._event(previous, hi),
                                  self._date(lo, m.start()), False, points))
        for m in lex.PARTIES.finditer(text, lo, hi):
            points = read_points(text, Scope(m.start("verb"), hi, None), verbs_only=True)
            if points:
                event = self._event(previous, hi)
                issuers = list(self._event_countries(event)) or self.index.last_states_before(m.start(), max(0, lo - 300))
                mention = self.doc.mention(m.start(), m.end(), "statement.parties")
                out.append(_Found(StatementType.STATEMENT, [mention], issuers, event, self._date(lo, m.start()),
                                  False, points))
        return out

    # -- arguments -------------------------------------------------------------------------
    def _issuers(self, lo: int, hi: int, previous: int) -> list[str]:
        """States and organisations named as issuers; a person stands for the state of the post."""
        found: list[str] = []
        for spot in self.index.spots_in(lo, hi):
            entity = self.index.entities[spot.key]
            if self.text[spot.start - 1:spot.start] == "驻":
                continue
            if is_polity(entity) or entity.type is EntityType.ORGANIZATION:
                found.append(entity.key)
            elif entity.type is EntityType.PERSON:  # a person issues for the state or body they serve
                found.extend(self.index.countries_of(entity.key) or self.index.bodies_of(entity.key))
        if COUNTRY_GROUPS.search(self.text, lo, hi) or PERSON_GROUPS.search(self.text, lo, hi):
            found.extend(self._event_countries(self._event(previous, hi)))
        return list(dict.fromkeys(found))

    def _event(self, lo: int, hi: int) -> str | None:
        """The event named nearest before ``hi`` since ``lo`` (this or the previous sentence)."""
        near = [e for start, e in self.event_at if lo <= start < hi]
        return near[-1].key if near else None

    def _event_countries(self, key: str | None) -> tuple[str, ...]:
        event = next((e for e in self.doc.events if e.key == key), None)
        return event.countries if event else ()

    def _date(self, lo: int, hi: int) -> PartialDate | None:
        found = find_dates(self.text[lo:hi], self.doc.meta.published)
        return found[-1].date if found else None


def _merge(found: list[_Found], events: dict[str, Event]) -> tuple[Statement, ...]:
    """One statement per document: 声明表示 joins the one named before; the same kind of
    document by the same (or unnamed) issuers on an agreeing date is the same document."""
    merged: list[_Found] = []
    for f in found:
        if f.anaphoric and merged:
            home = merged[-1]
        else:
            home = next((s for s in reversed(merged) if s.type is f.type and dates_agree(s.date, f.date) and (
                set(s.issuers) & set(f.issuers) or not s.issuers or not f.issuers)), None)
        if home is None:
            merged.append(f)
            continue
        home.issuers = list(dict.fromkeys(home.issuers + f.issuers))
        home.points.extend(f.points)
        home.mentions.extend(f.mentions)
        home.event, home.date = home.event or f.event, home.date or f.date
    seen: set[tuple] = set()  # points already said, across the article's statements
    out = []
    for s in merged:
        event = events.get(s.event) if s.event else None
        mentions = tuple(sorted(set(s.mentions), key=lambda m: (m.start, m.end)))
        out.append(Statement(f"{s.type.value.lower()}-{mentions[0].start}", s.type, s.mentions[0].text, mentions,
                             tuple(s.issuers), s.date or (event.date if event else None), s.event,
                             tuple(dedupe(s.points, seen))))
    # a bare 声明 with no issuer and no point says nothing worth a node
    return tuple(st for st in out if st.commitments or st.type is not StatementType.STATEMENT or st.issued_by)


def extract_statements(doc: Document) -> tuple[Statement, ...]:
    return _merge(_Reader(doc).found(), {e.key: e for e in doc.events})


@extractors.register("statements")
@stage("statements", requires={"text", "meta", "entities", "events"}, provides={"statements"})
def statements_stage(doc: Document) -> Document:
    doc.statements = extract_statements(doc)
    return doc
