"""Score the graph against gold annotations (``shared/gold/README.md``).

:func:`evaluate` scores a store that is already built; :func:`evaluate_corpus` builds
just the annotated articles of a corpus into a store in memory and scores that. Render
the result with :func:`kg.eval.report.render_table` or :func:`kg.eval.report.to_json`.
The rules, and the choices made where the README leaves room, are in
:mod:`kg.eval.score`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..store import GraphStore
from .gold import GoldArticle, load_gold
from .predict import predict
from .report import EvalResult, render_table, to_json
from .score import FIELDS, Counts, score_article

__all__ = ["evaluate", "evaluate_corpus", "score_gold", "build_articles", "EvalResult", "Counts", "FIELDS",
           "render_table", "to_json", "load_gold"]


def score_gold(gold: Iterable[GoldArticle], store: GraphStore,
               problems: tuple[tuple[str, str], ...] = ()) -> EvalResult:
    """Score every gold article; one the store lacks has all its items missed."""
    return EvalResult(tuple(score_article(g, predict(store, g.article)) for g in gold), problems)


def evaluate(gold_dir: Path, store: GraphStore) -> EvalResult:
    """Score ``store`` against every annotation file in ``gold_dir``."""
    return score_gold(load_gold(gold_dir), store)


def build_articles(articles: Iterable[str], corpus_dir: Path, store: GraphStore,
                   settings) -> list[tuple[str, str]]:
    """Build ``corpus_dir / article`` for each article, named ``article`` (as ``kg:sourceFile``).

    ``kg.build.build`` would walk whole folders; here only the annotated files are read, each
    under the exact name the gold file gives it. Returns (article, reason) for files that
    could not be built.
    """
    from importlib import import_module

    from ..build import process  # needs the readers; imported late so scoring a store works without them
    from ..errors import InputError

    import_module("kg.extract")  # registers the built-in stages the settings name

    problems = []
    for article in articles:
        path = Path(corpus_dir) / article
        if not path.is_file():
            problems.append((article, f"no such file {path}"))
            continue
        try:
            result = process(path, article, settings)
        except InputError as error:
            problems.append((article, str(error)))
            continue
        store.put_ntriples(result.graph, result.ntriples)
    return problems


def evaluate_corpus(gold_dir: Path, corpus_dir: Path, settings=None) -> EvalResult:
    """Build the gold articles of ``corpus_dir`` into a fresh in-memory store and score it."""
    from ..settings import Settings

    gold = load_gold(gold_dir)
    store = GraphStore()
    problems = build_articles([g.article for g in gold], corpus_dir, store, settings or Settings())
    return score_gold(gold, store, tuple(problems))
