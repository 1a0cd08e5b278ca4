"""Stages and the pipeline that runs them in a checked order.

A stage is any callable taking a :class:`~kg.document.Document` and returning it, with
three attributes: ``name``, ``requires`` and ``provides`` (sets of field names such as
``"entities"``). :class:`Pipeline` refuses an order in which a stage needs something no
reader or earlier stage provides.

>>> def shout(doc): return doc
>>> s = stage("shout", requires={"entities"}, provides={"posts"})(shout)
>>> Pipeline([s])
Traceback (most recent call last):
...
kg.errors.PipelineError: stage 'shout' needs entities, which no earlier stage provides; put a stage that provides it first
"""
from __future__ import annotations

from importlib import import_module
from typing import Callable, Iterable, Protocol, runtime_checkable

from .document import Document
from .errors import PipelineError
from .registry import Registry

READER_PROVIDES = frozenset({"text", "meta"})


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, doc: Document) -> Document: ...


def stage(name: str, requires: Iterable[str] = (), provides: Iterable[str] = ()):
    """Decorate a function ``doc -> doc`` as a stage."""

    def wrap(fn: Callable[[Document], Document]) -> Stage:
        fn.name = name  # type: ignore[attr-defined]
        fn.requires = frozenset(requires)  # type: ignore[attr-defined]
        fn.provides = frozenset(provides)  # type: ignore[attr-defined]
        return fn  # type: ignore[return-value]

    return wrap


extractors: Registry[Stage] = Registry("extractor")


class Pipeline:
    def __init__(self, stages: Iterable[Stage]):
        self.stages = tuple(stages)
        available = set(READER_PROVIDES)
        for s in self.stages:
            missing = sorted(s.requires - available)
            if missing:
                raise PipelineError(
                    f"stage {s.name!r} needs {', '.join(missing)}, which no earlier stage provides; "
                    "put a stage that provides it first"
                )
            available |= s.provides

    @classmethod
    def from_names(cls, names: Iterable[str]) -> "Pipeline":
        import_module("kg.extract")  # importing the package registers the built-in extractors

        return cls(extractors.get(n) for n in names)

    def __call__(self, doc: Document) -> Document:
        for s in self.stages:
            doc = s(doc)
            doc.provided |= s.provides
        return doc

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]
