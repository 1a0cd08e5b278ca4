"""Scores as numbers people read (an aligned table) and programs read (JSON).

``micro`` pools the counts of all other fields; totals pool the counts of all articles
(micro-averaging), so large articles weigh more than small ones.

>>> from kg.eval.score import ArticleScore, Counts, FIELDS
>>> one = ArticleScore("a.md", {f: Counts(1, 0, 1) for f in FIELDS})
>>> result = EvalResult((one,))
>>> result.total["micro"]
Counts(tp=9, fp=0, fn=9)
>>> sorted(to_json(result)["total"]["fields"]["persons"])
['f1', 'fn', 'fp', 'p', 'r', 'tp']
"""
from __future__ import annotations

from dataclasses import dataclass

from .score import FIELDS, ArticleScore, Counts

ALL_FIELDS = (*FIELDS, "micro")


def with_micro(counts: dict[str, Counts]) -> dict[str, Counts]:
    """The fields in the fixed order, plus ``micro`` pooled over them."""
    ordered = {f: counts.get(f, Counts()) for f in FIELDS}
    return ordered | {"micro": sum(ordered.values(), Counts())}


@dataclass(frozen=True)
class EvalResult:
    articles: tuple[ArticleScore, ...]
    problems: tuple[tuple[str, str], ...] = ()  # (article, why it could not be built)

    @property
    def missing(self) -> tuple[str, ...]:
        """Gold articles the store lacks; all their items count as missed."""
        return tuple(a.article for a in self.articles if not a.in_store)

    @property
    def total(self) -> dict[str, Counts]:
        return with_micro({f: sum((a.counts[f] for a in self.articles), Counts()) for f in FIELDS})

    def fields(self, article: str) -> dict[str, Counts]:
        return with_micro(next(a for a in self.articles if a.article == article).counts)

    @property
    def citation_date(self) -> tuple[int, int]:
        """(correct, judged) citation dates over the matched required citations."""
        return (sum(a.citation_dates[0] for a in self.articles), sum(a.citation_dates[1] for a in self.articles))


def _field_json(c: Counts) -> dict:
    return {"p": round(c.p, 4), "r": round(c.r, 4), "f1": round(c.f1, 4), "tp": c.tp, "fp": c.fp, "fn": c.fn}


def to_json(result: EvalResult, *, extras: bool = False) -> dict:
    """``{"total": {"fields": {...}}, "articles": {ARTICLE: {"fields": {...}}}}``.

    ``extras`` adds citation-date accuracy, missing articles and the items behind each
    error; without it the shape is exactly the documented one.
    """
    out = {"total": {"fields": {f: _field_json(c) for f, c in result.total.items()}},
           "articles": {a.article: {"fields": {f: _field_json(c) for f, c in with_micro(a.counts).items()}}
                        for a in result.articles}}
    if extras:
        correct, judged = result.citation_date
        out["total"]["citation_date"] = {"correct": correct, "judged": judged,
                                         "accuracy": round(correct / judged, 4) if judged else None}
        out["total"]["missing"] = list(result.missing)
        out["total"]["problems"] = [list(p) for p in result.problems]
        for a in result.articles:
            out["articles"][a.article].update(
                in_store=a.in_store, citation_date={"correct": a.citation_dates[0], "judged": a.citation_dates[1]},
                missed={f: list(v) for f, v in a.missed.items() if v},
                spurious={f: list(v) for f, v in a.spurious.items() if v})
    return out


def _table(counts: dict[str, Counts]) -> list[str]:
    lines = [f"{'field':<14}{'p':>7}{'r':>7}{'f1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, c in counts.items():
        lines.append(f"{name:<14}{c.p:>7.3f}{c.r:>7.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}")
    return lines


def render_table(result: EvalResult, *, per_article: bool = False, errors: bool = False) -> str:
    """Fields as rows; the total first, then (``per_article``) one table per article and
    (``errors``) the missed and spurious items behind the numbers."""
    lines = [f"total over {len(result.articles)} articles", *_table(result.total)]
    correct, judged = result.citation_date
    if judged:
        lines.append(f"citation dates: {correct}/{judged} correct ({correct / judged:.3f})")
    if result.missing:
        lines.append(f"not in the store, all items missed: {', '.join(result.missing)}")
    for article, why in result.problems:
        lines.append(f"could not build {article}: {why}")
    if per_article or errors:
        for a in result.articles:
            lines += ["", a.article + ("" if a.in_store else "  (not in the store)")]
            if per_article:
                lines += _table(with_micro(a.counts))
            if errors:
                lines += _errors(a)
    return "\n".join(lines) + "\n"


def _errors(a: ArticleScore) -> list[str]:
    lines = []
    for f in FIELDS:
        lines += [f"  missed {f}: {item}" for item in a.missed.get(f, ())]
        lines += [f"  spurious {f}: {item}" for item in a.spurious.get(f, ())]
    return lines
