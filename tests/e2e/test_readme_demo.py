"""The README's "What it finds" shows what `make demo` prints: its rows, in order, come from the real run of
the Makefile's demo commands, and its JSON example is one of the events that run stores."""
from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from chronique.cli import main

ROOT = Path(__file__).resolve().parents[2]


def demo_commands() -> list[list[str]]:
    """The `chronique` commands of the Makefile's demo target, with $(DB) and $(VENV) resolved."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    body = re.search(r"^demo:.*\n((?:\t.*\n)+)", text, re.M).group(1)
    return [shlex.split(line.strip().replace("$(VENV)/bin/chronique", "chronique"))[1:] for line in body.splitlines()]


def readme_block(kind: str, opening: str) -> str:
    """The first fenced block of the README whose fence is ``kind`` and whose text starts with ``opening``."""
    blocks, fence, lines = [], None, []
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if fence is None and line.startswith("```"):
            fence, lines = line[3:], []
        elif fence is not None and line == "```":
            blocks.append((fence, "\n".join(lines) + "\n"))
            fence = None
        elif fence is not None:
            lines.append(line)
    for fence, block in blocks:
        if fence == kind and block.startswith(opening):
            return block
    raise AssertionError(f"README.md: no ```{kind} block starting with {opening!r}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, nlp):
    """stdout of the demo's commands, run as the Makefile runs them (from the repository root)."""
    import contextlib
    import io
    import os

    db = tmp_path_factory.mktemp("demo") / "chronique.duckdb"
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for argv in demo_commands():
            with contextlib.redirect_stdout(out):
                assert main([a.replace("$(DB)", str(db)) for a in argv] + (["--quiet"] if argv[0] == "extract" else [])) == 0
    finally:
        os.chdir(cwd)
    return db, out.getvalue().splitlines()


def test_the_makefile_demo_extracts_the_examples_and_lists_the_events():
    assert [argv[0] for argv in demo_commands()] == ["extract", "events"]


def test_the_readme_excerpt_is_rows_of_the_real_demo_output_in_order(demo):
    _, printed = demo
    shown = [line for line in readme_block("", "date ").splitlines() if line != "…"]
    assert len(shown) > 10 and shown[:2] == printed[:2]  # the header and its rule
    missing = [line for line in shown if line not in printed]
    assert missing == [], "README rows `make demo` no longer prints:\n" + "\n".join(missing)
    assert [printed.index(line) for line in shown] == sorted(printed.index(line) for line in shown)
    assert not re.search(r"^\d+ events$", readme_block("", "date "), re.M)  # no count that can drift


def test_the_readme_json_example_is_a_stored_event(demo, capsys):
    db, _ = demo
    example = json.loads(readme_block("json", "{"))
    capsys.readouterr()
    assert main(["events", "--db", str(db), "--json"]) == 0
    events = {e["id"]: e for e in map(json.loads, capsys.readouterr().out.splitlines())}
    assert events.get(example["id"]) == example
