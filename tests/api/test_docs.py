"""Every Python example of the README's "From Python" section and of docs/api.md runs, and prints what the
page says it prints (each ```python block is followed by a ```text block with its output)."""
from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAIR = re.compile(r"```python\n(.*?)```\n+```text\n(.*?)```", re.S)


def examples(page: Path, section: str | None = None) -> list[tuple[str, str]]:
    """(code, printed output) pairs of a page, or of one of its ``## section``s."""
    text = page.read_text(encoding="utf-8")
    if section:
        text = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    return PAIR.findall(text)


def run_all(pairs: list[tuple[str, str]], where: Path) -> list[tuple[str, str]]:
    """Run the blocks in order in one namespace (as a notebook does) from ``where``; (printed, expected)."""
    (where / "examples").symlink_to(ROOT / "examples")
    namespace: dict = {}
    out = []
    cwd = os.getcwd()
    os.chdir(where)
    try:
        for code, expected in pairs:
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                exec(compile(code, "<example>", "exec"), namespace)  # noqa: S102 - our own documentation
            out.append((buf.getvalue(), expected))
    finally:
        os.chdir(cwd)
    return out


@pytest.mark.parametrize("page,section", [("README.md", "From Python"), ("docs/api.md", None)])
def test_examples_print_what_the_page_says(page, section, tmp_path):
    pairs = examples(ROOT / page, section)
    assert len(pairs) >= 2, f"{page}: no examples found"
    for printed, expected in run_all(pairs, tmp_path):
        assert printed == expected
