"""Gold annotations: one JSON file per article, in the format of ``shared/gold/README.md``.

Any folder in that format can be loaded, so users can score their own annotations.
Malformed files raise :class:`~kg.errors.GoldFormatError` naming the file and the field;
unknown keys are refused too, because a misspelt ``"optinal"`` would otherwise silently
turn an optional item into a required one.

>>> art = parse_article({"article": "a.md", "meta": {"title": "T"}, "persons": [{"name": "李四"}]}, "a.json")
>>> art.persons[0].names, art.meta.authors
(('李四',), ())
>>> parse_article({"article": "a.md", "meta": {}, "events": [{"type": "Party"}]}, "a.json")
Traceback (most recent call last):
...
kg.errors.GoldFormatError: a.json: events[0].type: 'Party' is not one of Announcement, Attack, Election, Exercise, Meeting, Other, Protest, Summit, Visit
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GoldFormatError

EVENT_TYPES = frozenset({"Meeting", "Summit", "Visit", "Exercise", "Election", "Protest", "Attack",
                         "Announcement", "Other"})
PLACE_KINDS = frozenset({"Country", "Region", "City", "Place"})
STATEMENT_TYPES = frozenset({"JointStatement", "Statement", "Agreement", "Communique"})
COMMITMENT_KINDS = frozenset({"commit", "agree", "resolve", "emphasize", "welcome", "note", "oppose", "other"})
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


@dataclass(frozen=True)
class GoldMeta:
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    source_url: str | None = None


@dataclass(frozen=True)
class GoldEntity:
    name: str
    en: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # places only
    optional: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """Every form the entity may be matched by."""
        return tuple(x for x in (self.name, self.en, *self.aliases) if x)


@dataclass(frozen=True)
class GoldPost:
    person: str
    title: str
    of: str | None = None
    title_alts: tuple[str, ...] = ()
    to: str | None = None
    former: bool = False
    optional: bool = False


@dataclass(frozen=True)
class GoldEvent:
    key: str
    type: str
    name: str | None = None
    date: str | None = None
    place: str | None = None
    online: bool | None = None
    participants: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    part_of: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldCommitment:
    kind: str
    quote: str
    optional: bool = False


@dataclass(frozen=True)
class GoldStatement:
    type: str
    event: str | None = None
    date: str | None = None
    issued_by: tuple[str, ...] = ()
    commitments: tuple[GoldCommitment, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class GoldCitation:
    source: str
    date: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldArticle:
    article: str  # path relative to the corpus folder == kg:sourceFile
    meta: GoldMeta
    persons: tuple[GoldEntity, ...] = ()
    organizations: tuple[GoldEntity, ...] = ()
    places: tuple[GoldEntity, ...] = ()
    posts: tuple[GoldPost, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    statements: tuple[GoldStatement, ...] = ()
    citations: tuple[GoldCitation, ...] = ()
    file: str = ""

    @property
    def entities(self) -> tuple[GoldEntity, ...]:
        return self.persons + self.organizations + self.places

    @property
    def commitments(self) -> tuple[GoldCommitment, ...]:
        """All points of all statements; a point of an optional statement is optional itself."""
        return tuple(GoldCommitment(c.kind, c.quote, c.optional or s.optional)
                     for s in self.statements for c in s.commitments)


class _Fields:
    """Reads one JSON object, reporting problems as ``file: path.field: problem``."""

    def __init__(self, data: Any, file: str, where: str, allowed: set[str]):
        self.file, self.where = file, where
        if not isinstance(data, dict):
            self.fail(where, f"expected an object, found {type(data).__name__}")
        unknown = sorted(set(data) - allowed)
        if unknown:
            self.fail(f"{where}.{unknown[0]}" if where else unknown[0],
                      f"unknown field; known fields: {', '.join(sorted(allowed))}")
        self.data = data

    def fail(self, field: str, problem: str):
        raise GoldFormatError(f"{self.file}: {field}: {problem}")

    def path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def text(self, key: str, *, required: bool = False, choices: frozenset[str] | None = None) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(self.path(key), "missing (a non-empty string is required)")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(self.path(key), f"expected a non-empty string, found {value!r}")
        if choices is not None and value not in choices:
            self.fail(self.path(key), f"{value!r} is not one of {', '.join(sorted(choices))}")
        return value

    def date(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not _DATE.match(value):
            self.fail(self.path(key), f"{value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
        return value

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, bool):
            self.fail(self.path(key), f"expected true or false, found {value!r}")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(self.path(key), f"expected a list of non-empty strings, found {value!r}")
        return tuple(value)

    def items(self, key: str) -> list[tuple[str, Any]]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(self.path(key), f"expected a list, found {type(value).__name__}")
        return [(f"{self.path(key)}[{i}]", item) for i, item in enumerate(value)]


_ENTITY_KEYS = {"name", "en", "aliases", "optional"}


def _entity(f: _Fields, *, place: bool) -> GoldEntity:
    kind = f.text("kind", choices=PLACE_KINDS) if place else None
    return GoldEntity(f.text("name", required=True), f.text("en"), f.texts("aliases"), kind, bool(f.flag("optional")))


def parse_article(data: Any, file: str) -> GoldArticle:
    """One gold file's JSON value as a :class:`GoldArticle`; ``file`` names it in errors."""
    top = _Fields(data, file, "", {"article", "meta", "persons", "organizations", "places", "posts", "events",
                                   "statements", "citations"})
    if "meta" not in top.data:
        top.fail("meta", "missing")
    m = _Fields(top.data["meta"], file, "meta", {"title", "published", "publisher", "authors", "editors",
                                                 "source_url"})
    meta = GoldMeta(m.text("title"), m.date("published"), m.text("publisher"), m.texts("authors"),
                    m.texts("editors"), m.text("source_url"))

    def each(key: str, allowed: set[str]):
        return [_Fields(item, file, where, allowed) for where, item in top.items(key)]

    persons = tuple(_entity(f, place=False) for f in each("persons", _ENTITY_KEYS))
    organizations = tuple(_entity(f, place=False) for f in each("organizations", _ENTITY_KEYS))
    places = tuple(_entity(f, place=True) for f in each("places", _ENTITY_KEYS | {"kind"}))
    posts = tuple(
        GoldPost(f.text("person", required=True), f.text("title", required=True), f.text("of"),
                 f.texts("title_alts"), f.text("to"), bool(f.flag("former")), bool(f.flag("optional")))
        for f in each("posts", {"person", "title", "title_alts", "of", "to", "former", "optional"}))
    events = tuple(
        GoldEvent(f.text("key") or f"event{i}", f.text("type", required=True, choices=EVENT_TYPES), f.text("name"),
                  f.date("date"), f.text("place"), f.flag("online"), f.texts("participants"), f.texts("countries"),
                  f.text("part_of"), bool(f.flag("optional")))
        for i, f in enumerate(each("events", {"key", "type", "name", "date", "place", "online", "participants",
                                              "countries", "part_of", "optional"})))
    statements = []
    for f in each("statements", {"type", "event", "date", "issued_by", "commitments", "optional"}):
        points = tuple(
            GoldCommitment(c.text("kind", required=True, choices=COMMITMENT_KINDS), c.text("quote", required=True),
                           bool(c.flag("optional")))
            for c in (_Fields(item, file, where, {"kind", "quote", "optional"}) for where, item in f.items("commitments")))
        statements.append(GoldStatement(f.text("type", required=True, choices=STATEMENT_TYPES), f.text("event"),
                                        f.date("date"), f.texts("issued_by"), points, bool(f.flag("optional"))))
    citations = tuple(GoldCitation(f.text("source", required=True), f.date("date"), bool(f.flag("optional")))
                      for f in each("citations", {"source", "date", "optional"}))
    return GoldArticle(top.text("article", required=True), meta, persons, organizations, places, posts, events,
                       tuple(statements), citations, file)


def load_gold_file(path: Path) -> GoldArticle:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise GoldFormatError(f"{path}: not UTF-8 text ({error.reason})") from error
    except json.JSONDecodeError as error:
        raise GoldFormatError(f"{path}: not valid JSON: {error.msg} at line {error.lineno}, "
                              f"column {error.colno}") from error
    return parse_article(data, str(path))


def load_gold(folder: Path) -> list[GoldArticle]:
    """Every ``*.json`` file of ``folder`` (not recursive), sorted by article path."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldFormatError(f"{folder}: not a folder of gold annotation files")
    articles = [load_gold_file(p) for p in sorted(folder.glob("*.json"))]
    if not articles:
        raise GoldFormatError(f"{folder}: no *.json gold files found")
    seen: dict[str, str] = {}
    for a in articles:
        if a.article in seen:
            raise GoldFormatError(f"{a.file}: article: {a.article!r} is already annotated in {seen[a.article]}")
        seen[a.article] = a.file
    return sorted(articles, key=lambda a: a.article)
