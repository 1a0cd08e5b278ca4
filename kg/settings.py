"""Every option of a run, in one object the CLI builds; library code takes it as an argument."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_EXTRACTORS = ("entities", "posts", "events", "statements", "citations")
EXPORT_FORMATS = ("trig", "nq", "ttl", "jsonld")
SHORT_BODY = 200  # characters; shorter bodies are listed as short in the summary


@dataclass(frozen=True)
class Settings:
    out: Path = Path("output")
    reader: str | None = None  # None: choose by file
    extractors: tuple[str, ...] = DEFAULT_EXTRACTORS
    formats: tuple[str, ...] = EXPORT_FORMATS
    jobs: int = 1
    short_body: int = SHORT_BODY
    view: bool = True
    file_timeout: float | None = 60.0  # seconds per file; a file taking longer is skipped (None: no limit)
    rebuild: bool = False  # read every file again, even those the store holds unchanged
    resolve: bool = True  # run cross-article resolution (kg.resolve) after the graphs change
    overrides: Path | None = None  # same_as / not_same_as pairs for resolution (kg.resolve.overrides)
    extra: dict = field(default_factory=dict)
