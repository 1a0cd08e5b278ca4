"""The matching rules of ``shared/gold/README.md``, applied to one article.

Decisions where the README leaves room (also listed in ``docs`` of :mod:`kg.eval`):

* Matching is one-to-one and maximal (augmenting paths), with required gold items
  assigned before optional ones, so an optional item never takes a prediction a required
  one could have had. Unmatched predictions that match some optional gold item are ignored;
  other unmatched predictions (duplicates included) are false positives.
* Event dates are compared at the gold date's precision: gold ``2020-10`` agrees with
  ``2020-10`` and ``2020-10-06``; gold ``2020-10-06`` does not agree with ``2020-10``.
  A null gold date agrees only with a null predicted date. A gold event that lists no
  participants and no countries needs none shared.
* ``participants`` pools the (event, person) and (event, country) pairs of matched events;
  pairs of unmatched required gold events are missed, pairs of unmatched predicted events
  false positives (unless that event matches an optional gold event).
* Each ``meta`` field is one item: equal → tp; both given but different → fp and fn; only
  gold given → fn; only predicted given → fp; neither → nothing. Authors and editors are
  compared as sets of normalised names.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Sequence, TypeVar

from .gold import GoldArticle, GoldEntity
from .predict import Names, Prediction

FIELDS = ("meta", "persons", "organizations", "places", "posts", "events", "participants", "commitments", "citations")
QUOTE_OVERLAP = 0.6  # share of the gold quote's characters a prediction must keep, in order
_DROP = re.compile(r"[\s·・•‧.]+")

G = TypeVar("G")
P = TypeVar("P")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def norm(text: str | None) -> str:
    """The form all text is compared in.

    >>> norm("米歇尔．巴切莱特") == norm("米歇尔·巴切莱特") == norm("米歇尔 巴切莱特")
    True
    >>> norm("鄭欣"), norm("Antony  Blinken")
    ('郑欣', 'antonyblinken')
    """
    if not text:
        return ""
    return _DROP.sub("", _t2s().convert(unicodedata.normalize("NFKC", text))).casefold()


def names_match(a: Iterable[str], b: Iterable[str]) -> bool:
    """
    >>> names_match(["安东尼·布林肯", "Antony Blinken"], ["ANTONY BLINKEN"]), names_match(["美"], ["美国"])
    (True, False)
    """
    left = {norm(x) for x in a} - {""}
    return any(norm(y) in left for y in b)


def lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence, bit-parallel (Allison–Dix / Hyyrö).

    >>> lcs_length("ABCBDAB", "BDCABA"), lcs_length("", "x"), lcs_length("联合分析", "进行联合的分析")
    (4, 0, 4)
    """
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for ch in b:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")


def quote_matches(quote: str, text: str) -> bool:
    """
    >>> quote_matches("加强安全合作", "双方同意加强安全合作。"), quote_matches("加强安全合作", "加强合作")
    (True, True)
    >>> quote_matches("加强安全合作", "安全")
    False
    """
    q, t = norm(quote), norm(text)
    return bool(q) and (q in t or lcs_length(q, t) >= QUOTE_OVERLAP * len(q))


def date_agrees(gold: str | None, predicted: str | None) -> bool:
    """
    >>> date_agrees("2020-10", "2020-10-06"), date_agrees("2020-10-06", "2020-10"), date_agrees(None, None)
    (True, False, True)
    """
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return predicted.strip()[: len(gold)] == gold and len(predicted.strip()) >= len(gold)


@dataclass(frozen=True)
class Counts:
    """True positives, false positives, false negatives.

    Zero denominators: when nothing was expected and nothing wrongly predicted
    (tp+fp+fn == 0) p = r = f1 = 1.0; otherwise an empty denominator gives 0.0.

    >>> c = Counts(2, 1, 1); round(c.p, 3), c.f1 == c.r, Counts().f1, Counts(0, 0, 3).p
    (0.667, True, 1.0, 0.0)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def empty(self) -> bool:
        return self.tp + self.fp + self.fn == 0

    @property
    def p(self) -> float:
        return 1.0 if self.empty else self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return 1.0 if self.empty else self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Matching:
    """Result of one-to-one matching: ``pairs`` maps gold index → predicted index."""

    pairs: dict[int, int]
    counts: Counts
    missed: tuple[int, ...]  # required gold items left unmatched
    spurious: tuple[int, ...]  # predictions that are errors
    ignored: tuple[int, ...] = ()  # unmatched predictions that match an optional gold item


def match(gold: Sequence[G], predicted: Sequence[P], edge: Callable[[G, P], bool],
          optional: Callable[[G], bool] = lambda g: bool(getattr(g, "optional", False))) -> Matching:
    """Maximum one-to-one matching, required gold first (Kuhn's augmenting paths keep matched
    gold matched, so optional items can only use predictions no required item needs).

    >>> m = match(["a", "ab"], ["ab", "a"], lambda g, p: p.startswith(g), optional=lambda g: False)
    >>> m.pairs, m.counts
    ({0: 1, 1: 0}, Counts(tp=2, fp=0, fn=0))
    """
    adjacent = [[j for j, p in enumerate(predicted) if edge(g, p)] for g in gold]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in adjacent[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    is_optional = [optional(g) for g in gold]
    for i in sorted(range(len(gold)), key=lambda i: is_optional[i]):
        augment(i, set())
    pairs = {i: j for j, i in sorted(owner.items())}
    near_optional = {j for i, js in enumerate(adjacent) if is_optional[i] for j in js}
    missed = tuple(i for i in range(len(gold)) if not is_optional[i] and i not in pairs)
    tp = sum(1 for i in pairs if not is_optional[i])
    unmatched = [j for j in range(len(predicted)) if j not in owner]
    spurious = tuple(j for j in unmatched if j not in near_optional)
    ignored = tuple(j for j in unmatched if j in near_optional)
    return Matching(dict(sorted(pairs.items())), Counts(tp, len(spurious), len(missed)), missed, spurious, ignored)


@dataclass(frozen=True)
class ArticleScore:
    """Counts per field for one article, with the items behind the errors (to debug extractors)."""

    article: str
    counts: dict[str, Counts]
    missed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    spurious: dict[str, tuple[str, ...]] = field(default_factory=dict)
    citation_dates: tuple[int, int] = (0, 0)  # (correct, judged) over matched required citations
    in_store: bool = True


class _Resolver:
    """Gold references (post persons, participants, sources) → all names of the gold entity."""

    def __init__(self, entities: Iterable[GoldEntity]):
        self.by_name: dict[str, Names] = {}
        for e in entities:
            for n in e.names:
                self.by_name.setdefault(norm(n), e.names)

    def __call__(self, ref: str | None) -> Names:
        return () if ref is None else self.by_name.get(norm(ref), (ref,))


def score_article(gold: GoldArticle, pred: Prediction | None) -> ArticleScore:
    """Apply every rule to one article; ``pred`` None means the store lacks the article."""
    in_store = pred is not None
    pred = pred or Prediction()
    names = _Resolver(gold.entities)
    counts: dict[str, Counts] = {}
    missed: dict[str, tuple[str, ...]] = {}
    spurious: dict[str, tuple[str, ...]] = {}

    def keep(name: str, m: Matching, gold_items: Sequence, pred_items: Sequence, show_g, show_p) -> Matching:
        counts[name] = counts.get(name, Counts()) + m.counts
        missed[name] = missed.get(name, ()) + tuple(show_g(gold_items[i]) for i in m.missed)
        spurious[name] = spurious.get(name, ()) + tuple(show_p(pred_items[j]) for j in m.spurious)
        return m

    counts["meta"], missed["meta"], spurious["meta"] = _score_meta(gold, pred)
    for category in ("persons", "organizations", "places"):
        g_items, p_items = getattr(gold, category), getattr(pred, category)
        keep(category, match(g_items, p_items, lambda g, p: names_match(g.names, p.names)), g_items, p_items,
             lambda g: g.name, lambda p: _first(p.names))

    def post_edge(g, p) -> bool:
        of_names = names(g.of)
        titles = {norm(t) for t in (g.title, *g.title_alts)}
        title = norm(p.title)
        prefixed = any(title == norm(o) + t for o in of_names for t in titles)
        of_ok = names_match(of_names, p.of) if g.of else not p.of
        return names_match(names(g.person), p.holder) and (title in titles or prefixed) and of_ok

    keep("posts", match(gold.posts, pred.posts, post_edge), gold.posts, pred.posts,
         lambda g: f"{g.person} {g.title} of {g.of}", lambda p: f"{_first(p.holder)} {p.title} of {_first(p.of)}")

    def shares(refs: Sequence[str], found: Sequence[Names]) -> bool:
        return any(names_match(names(r), f) for r in refs for f in found)

    def event_edge(g, p) -> bool:
        anyone = not (g.participants or g.countries)
        return (g.type == p.type and date_agrees(g.date, p.date)
                and (anyone or shares(g.participants, p.participants) or shares(g.countries, p.countries)))

    events = keep("events", match(gold.events, pred.events, event_edge), gold.events, pred.events,
                  lambda g: f"{g.type} {g.date} {g.key}", lambda p: f"{p.type} {p.date} {p.iri.rsplit('/', 1)[-1]}")
    counts["participants"] = Counts()
    ref_edge = lambda r, f: names_match(names(r), f)  # noqa: E731
    for i, g in enumerate(gold.events):
        if g.optional:
            continue
        p = pred.events[events.pairs[i]] if i in events.pairs else None  # unmatched: every pair missed
        for refs, found in ((g.participants, p.participants if p else ()), (g.countries, p.countries if p else ())):
            keep("participants", match(refs, found, ref_edge, optional=lambda r: False), refs, found,
                 lambda r, key=g.key: f"{key}: {r}", lambda f, key=g.key: f"{key}: {_first(f)}")
    for j in events.spurious:
        p = pred.events[j]
        keep("participants", match((), p.participants + p.countries, ref_edge), (), p.participants + p.countries,
             str, lambda f, j=j: f"{pred.events[j].type} {pred.events[j].date}: {_first(f)}")

    points = gold.commitments
    keep("commitments", match(points, pred.commitments, lambda g, p: g.kind == p.kind and quote_matches(g.quote, p.text)),
         points, pred.commitments, lambda g: f"{g.kind}: {g.quote}", lambda p: f"{p.kind}: {p.text}")
    cites = keep("citations", match(gold.citations, pred.citations, lambda g, p: names_match(names(g.source), p.source)),
                 gold.citations, pred.citations, lambda g: g.source, lambda p: _first(p.source))
    judged = [(g, pred.citations[j]) for i, j in cites.pairs.items() if not (g := gold.citations[i]).optional]
    correct = sum(1 for g, p in judged if (g.date or None) == (p.date or None))
    return ArticleScore(gold.article, {f: counts[f] for f in FIELDS}, missed, spurious, (correct, len(judged)), in_store)


def _first(names: Names) -> str:
    return names[0] if names else "?"


def _score_meta(gold: GoldArticle, pred: Prediction) -> tuple[Counts, tuple[str, ...], tuple[str, ...]]:
    total, missed, spurious = Counts(), [], []
    for name in ("title", "published", "publisher", "authors", "editors", "source_url"):
        g, p = getattr(gold.meta, name), getattr(pred.meta, name)
        if isinstance(g, tuple):
            g, p = frozenset(map(norm, g)) - {""}, frozenset(map(norm, p)) - {""}
        else:
            g, p = norm(g), norm(p)
        if g and p and g == p:
            total += Counts(tp=1)
            continue
        if g:
            total += Counts(fn=1)
            missed.append(f"{name}: {getattr(gold.meta, name)}")
        if p:
            total += Counts(fp=1)
            spurious.append(f"{name}: {getattr(pred.meta, name)}")
    return total, tuple(missed), tuple(spurious)
