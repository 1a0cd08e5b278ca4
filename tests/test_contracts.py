"""One shared contract every registered extractor stage must keep."""
from __future__ import annotations

from pathlib import Path

import pytest

import kg.extract  # noqa: F401  (registers the stages)
from kg.document import BlockKind, Document
from kg.facts import ArticleMeta
from kg.pipeline import Pipeline, extractors
from kg.readers import read_path
from kg.settings import Settings

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").iterdir())
ORDER = [name for name in Settings().extractors if name in extractors]


def _upto(name: str) -> Pipeline:
    """The default pipeline up to and including ``name`` (what the stage needs runs first)."""
    return Pipeline.from_names(ORDER[: ORDER.index(name) + 1])


def _facts(doc: Document) -> tuple:
    return (doc.entities, doc.posts, doc.events, doc.statements, doc.citations)


def test_default_pipeline_is_registered_and_ordered():
    assert ORDER == list(Settings().extractors), "every default extractor must be registered"
    Pipeline.from_names(ORDER)  # raises when a stage needs what no earlier one provides


@pytest.mark.parametrize("name", ORDER)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_stage_returns_a_document_twice_the_same_with_spans_in_the_text(name, path):
    first = _upto(name)(read_path(path))
    second = _upto(name)(read_path(path))
    assert isinstance(first, Document)
    assert _facts(first) == _facts(second)
    assert extractors.get(name).provides <= first.provided
    for m in first.all_mentions():
        assert 0 <= m.start <= m.end <= len(first.text)
        assert first.text[m.start : m.end] == m.text, m


@pytest.mark.parametrize("name", ORDER)
def test_stage_accepts_an_empty_document(name):
    doc = Document.from_blocks("empty.txt", [(BlockKind.TITLE, "")], ArticleMeta(title=""), reader="text")
    doc = _upto(name)(doc)
    assert _facts(doc) == ((), (), (), (), ())
