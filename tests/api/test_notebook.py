"""The notebook-style example (examples/notebook.py) runs and draws both pictures."""
from __future__ import annotations

import importlib.util

from tests.conftest import EXAMPLES


def test_the_notebook_example_draws_events_by_quad_and_the_actor_network(tmp_path):
    spec = importlib.util.spec_from_file_location("notebook", EXAMPLES / "notebook.py")
    notebook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(notebook)
    written = notebook.main(tmp_path)
    assert [p.name for p in written] == ["events_by_quad.png", "actor_network.png"]
    for p in written:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 10_000
