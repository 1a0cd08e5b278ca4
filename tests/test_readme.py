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


def test_query_pack_examples_run_on_the_sample_build(tmp_path, capsys):
    """Every `kg query output --name …` line of the README answers on `kg build examples`."""
    import shlex

    from kg.cli import main

    out = tmp_path / "output"
    assert main(["build", str(ROOT / "examples"), "--out", str(out), "--quiet", "--no-view", "--formats", "nq"]) == 0
    lines = [line for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S) for line in block.splitlines()
             if line.startswith("kg query output --name")]
    assert len(lines) >= 4
    for line in lines:
        capsys.readouterr()
        args = shlex.split(line)[1:]
        assert main([str(out) if a == "output" else a for a in args]) == 0, line
        answer = capsys.readouterr().out
        assert len(answer.splitlines()) >= 3, f"{line} found nothing in the sample articles:\n{answer}"


def test_override_example_is_a_valid_override_file(tmp_path):
    from kg.resolve import load_overrides

    [toml] = re.findall(r"```toml\n(.*?)```", README, flags=re.S)
    path = tmp_path / "overrides.toml"
    path.write_text(toml, encoding="utf-8")
    rules = load_overrides(path)
    assert rules.same_as and rules.not_same_as
