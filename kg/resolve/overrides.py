"""The override file: merges a person decides, against or beyond the rules.

A TOML file with two lists of pairs::

    # these name one thing: merge them whatever the rules say
    same_as = [
      ["麦克·蓬佩奥", "蓬佩奥"],
    ]
    # these never name one thing: no merge may join them
    not_same_as = [
      ["Person:唐纳德川普", "Donald Trump Jr."],
      ["https://w3id.org/newskg/id/event/epochtimes.com_gb_20_10_6_n1.htm/0123456789ab",
       "https://w3id.org/newskg/id/event/ntdtv.com_gb_2020_10_06_a1.html/ba9876543210"],
    ]

Each side of a pair is one of:

- a name, as any article writes it (Chinese, traditional or English): every person,
  organisation or place surface with that name or English name;
- a surface key ``Type:name`` (``Person:蓬佩奥``): the surfaces with that key only;
- an entity IRI: the surfaces whose key (or ISO code, for countries) gives that IRI, which
  includes the canonical IRI of any resolved entity;
- an event's article-local IRI, as listed by ``kg:member`` in the resolution graph (a
  merged event's canonical IRI is recomputed on every run, so it cannot name it).

``same_as`` joins every surface of one side with every surface of the other before any
rule runs. ``not_same_as`` is a cannot-link: any union that would put a surface of one
side in a cluster with a surface of the other is refused, and the link that was refused
keeps its clusters apart. A surface matching both sides of a not_same_as pair (one
article's single node) cannot be split and is reported. Sides that match nothing are
reported too; neither stops a build.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..facts import normalize_name
from ..rdf import iris
from .entities import KINDS, EntitySurface, SurfaceId
from .events import EventId, EventSurface
from .names import en_form, is_latin, zh_form

Pair = tuple[str, str]


@dataclass(frozen=True)
class Overrides:
    same_as: tuple[Pair, ...] = ()
    not_same_as: tuple[Pair, ...] = ()
    warnings: list[str] = field(default_factory=list, compare=False)
    matched: set[tuple[str, str, str]] = field(default_factory=set, compare=False)

    def start(self) -> None:
        """Forget the warnings and matches of an earlier run."""
        self.warnings.clear()
        self.matched.clear()

    def finish(self) -> None:
        """Warn about pairs that matched no two entities and no two events."""
        for name, pairs in (("same_as", self.same_as), ("not_same_as", self.not_same_as)):
            for a, b in pairs:
                if (name, a, b) not in self.matched:
                    self.warnings.append(f"{name} {a!r} / {b!r}: one side names nothing in the store")

    def entity_pairs(self, surfaces: list[EntitySurface]):
        """(same_as, not_same_as) as pairs of surface-id sets, for :func:`cluster_entities`."""
        return self._resolve(surfaces, _matches_entity)

    def event_pairs(self, surfaces: list[EventSurface]):
        return self._resolve(surfaces, lambda term, s: term == s.local_iri)

    def _resolve(self, surfaces, matches):
        out = []
        for name, pairs in (("same_as", self.same_as), ("not_same_as", self.not_same_as)):
            resolved = []
            for a, b in pairs:
                ids_a = {s.id for s in surfaces if matches(a, s)}
                ids_b = {s.id for s in surfaces if matches(b, s)}
                if not ids_a or not ids_b:
                    continue  # a pair of entities is not a pair of events, and the reverse
                self.matched.add((name, a, b))
                if name == "not_same_as" and ids_a & ids_b:
                    self.warnings.append(f"not_same_as {a!r} / {b!r}: both name one article's node; cannot split it")
                    ids_a, ids_b = ids_a - ids_b, ids_b - ids_a
                resolved.append((ids_a, ids_b))
            out.append(resolved)
        return tuple(out)


def _matches_entity(term: str, s: EntitySurface) -> bool:
    if term.startswith(("http://", "https://")):
        return any(str(iris.entity_iri(k, code)) == term for k in s.keys for code in (None, *s.iso))
    kind, sep, rest = term.partition(":")
    if sep and kind in KINDS:
        return f"{kind}:{normalize_name(rest)}" in s.keys
    if is_latin(term):
        return en_form(term) in s.english_forms
    return zh_form(term) in s.primary_forms | s.alias_forms


def load_overrides(path: Path | None) -> Overrides:
    """Read an override file; no path gives no overrides."""
    if path is None:
        return Overrides()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"cannot read the override file {path}: {error}") from error
    unknown = set(data) - {"same_as", "not_same_as"}
    if unknown:
        raise UsageError(f"override file {path}: unknown keys {sorted(unknown)}; use same_as and not_same_as")
    pairs = {}
    for name in ("same_as", "not_same_as"):
        items = data.get(name, [])
        if not isinstance(items, list) or not all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and x.strip() for x in p) for p in items):
            raise UsageError(f"override file {path}: {name} must be a list of [\"name or IRI\", \"name or IRI\"] pairs")
        pairs[name] = tuple((a.strip(), b.strip()) for a, b in items)
    return Overrides(pairs["same_as"], pairs["not_same_as"])
