"""Shared fixtures. Tests that need ../shared fail under CI when it is missing, else skip."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"


def _shared(sub: str) -> Path:
    path = SHARED / sub
    if not path.is_dir():
        message = f"{path} is missing: put the shared data folder beside the project checkout"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _shared("")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return _shared("corpus")


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return _shared("gold")


@pytest.fixture(scope="session")
def benchmarks_dir() -> Path:
    return _shared("benchmarks")
