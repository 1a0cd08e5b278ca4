"""The README's examples run as written."""
from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_example_runs(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert blocks
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {})
    assert "美日澳印外长东京会谈" in capsys.readouterr().out


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    test_command = next(c for c in commands if "pytest" in c).strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci, ".ci/run must run the README's test command as written"
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
