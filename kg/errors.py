"""One exception hierarchy; every message says what went wrong and what to do.

Library code raises these; only the CLI turns them into messages and exit codes.
"""
from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base of every error newskg raises on purpose."""

    exit_code = 1


class InputError(KgError):
    """An input file cannot become an article. The run skips it and goes on."""

    exit_code = 3

    def __init__(self, source: str | Path, problem: str, hint: str = ""):
        self.source = str(source)
        self.problem = problem
        self.hint = hint
        message = f"{self.source}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class UnreadableFileError(InputError):
    """The file cannot be opened or is not text (binary, truncated, too large)."""


class EncodingError(InputError):
    """The bytes decode in none of the encodings we know."""


class EmptyDocumentError(InputError):
    """The file decodes but holds no text at all."""


class NotAnArticleError(InputError):
    """The page decodes but is not a news article (no title and no body text)."""


class UnknownNameError(KgError, KeyError):
    """A registry was asked for a name it does not know."""

    exit_code = 2

    def __init__(self, kind: str, name: str, known: list[str]):
        self.kind, self.name, self.known = kind, name, known
        super().__init__(f"unknown {kind} {name!r}; known {kind}s: {', '.join(sorted(known))}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]


class UsageError(KgError):
    """A command was called with options that do not fit together."""

    exit_code = 2


class PipelineError(KgError):
    """Stages are in an order where one needs what no earlier stage adds."""

    exit_code = 2


class StoreError(KgError):
    """The graph store is missing, locked or damaged."""

    exit_code = 4


class QueryError(KgError):
    """A SPARQL query is malformed or fails; the message carries line and column."""

    exit_code = 5


class ValidationError(KgError):
    """The graph breaks the SHACL shapes of the ontology."""

    exit_code = 6


class GoldFormatError(KgError):
    """A gold annotation file does not follow ../shared/gold/README.md."""

    exit_code = 2
