"""The house rules, checked on the source (AST, no import): layers, no circles, the CLI on top.

Layers, bottom to top (docs/ARCHITECTURE.md): shared vocabulary and records -> the store ->
the stages -> the pipeline, training and outputs -> serving, scale and the Python API -> the command line
and the package's face (``chronique/__init__.py``: ``chronique.extract``, ``chronique.open``). A module
may import its own layer or below; stages never import the store (only dedup's index does);
nothing below ``cli`` imports it; no package reaches into another's private names; and the graph of
packages has no circle.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "chronique"

RANK = {
    "plover": 0, "ids": 0, "model": 0, "lang": 0, "nlp": 0, "version": 0, "build_cache": 0, "tokenizer_patterns": 0, "lemma_lookups": 0,
    "parse": 0,
    "store": 1,
    "ingest": 2, "time": 2, "actors": 2, "geo": 2, "events": 2, "dedup": 2,
    "pipeline": 3, "train": 3, "outputs": 3,
    "serve": 4, "scale": 4, "api": 4, "watch": 4,
    "cli": 5, "__init__": 5,
}
STAGES = {"ingest", "time", "actors", "geo", "events", "dedup"}


def imports(root: Path, top: str = "chronique") -> list[tuple[str, str, str]]:
    """(importing module, imported module, imported name or '') for every import of the package."""
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).with_suffix("")
        module = ".".join((top, *rel.parts)).removesuffix(".__init__")
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out += [(module, a.name, "") for a in node.names if a.name.split(".")[0] == top]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([node.module] if node.module else []))
                if base.split(".")[0] == top:
                    out += [(module, submodule(root, top, base, a.name), a.name) for a in node.names]
    return out


def submodule(root: Path, top: str, base: str, name: str) -> str:
    """What ``from base import name`` imports: the module ``base.name`` when there is one, else ``base``."""
    folder = root.joinpath(*base.split(".")[1:], name)
    return f"{base}.{name}" if folder.with_suffix(".py").exists() or (folder / "__init__.py").exists() else base


def part(module: str) -> str:
    """The top-level package (or ground-floor module) a module belongs to."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def violations(root: Path, rank: dict[str, int], top: str = "chronique") -> list[str]:
    """Every import that breaks a house rule, as readable lines."""
    found = []
    edges: dict[str, set[str]] = {}
    for src, dst, name in imports(root, top):
        a, b = part(src), part(dst)
        if a == b:
            continue
        edges.setdefault(a, set()).add(b)
        if rank.get(b, 99) > rank.get(a, 99):
            found.append(f"{src} imports {dst}: {b} is above {a}")
        if a in STAGES and b == "store" and not src.startswith(f"{top}.dedup.index"):
            found.append(f"{src} imports the store: a stage passes records, it does not store them")
        if name.startswith("_") and not name.startswith("__"):
            found.append(f"{src} imports private name {name} from {dst}")
    found += [f"circle: {' -> '.join(c)}" for c in circles(edges)]
    return found


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Package-level import cycles (each reported once, from its smallest name)."""
    out = []
    for start in sorted(edges):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    if min(path) == start:
                        out.append([*path, start])
                elif nxt not in path and nxt > start:
                    stack.append((nxt, [*path, nxt]))
    return out


def test_every_package_has_a_layer():
    parts = {p.stem if p.is_file() else p.name for p in SRC.iterdir()
             if (p.suffix == ".py") or (p.is_dir() and (p / "__init__.py").exists())}
    assert parts - set(RANK) == set(), "give each new package a layer in RANK and docs/ARCHITECTURE.md"


def test_the_house_rules_hold():
    assert violations(SRC, RANK) == []


def test_the_check_finds_a_planted_circle_and_a_lower_layer_importing_the_cli(tmp_path):
    pkg = tmp_path / "chronique"
    for name, body in {
        "__init__.py": "",
        "store/__init__.py": "from chronique.events.extract import thing\n",
        "events/__init__.py": "", "events/extract.py": "from chronique.store import db\nthing = 1\n",
        "cli/__init__.py": "", "serve/__init__.py": "from chronique.cli import main\n",
        "geo/__init__.py": "from chronique.events.extract import _hidden\n",
        "time/__init__.py": "from chronique import extract, events\n",
    }.items():
        (pkg / name).parent.mkdir(parents=True, exist_ok=True)
        (pkg / name).write_text(body, encoding="utf-8")
    found = violations(pkg, RANK)
    assert "circle: events -> store -> events" in found
    assert any("chronique.serve imports chronique.cli" in v for v in found)
    assert any("chronique.events.extract imports the store" in v for v in found)
    assert any("private name _hidden" in v for v in found)
    assert "chronique.time imports chronique: __init__ is above time" in found  # the face is on top
    assert not any("chronique.time imports chronique.events" in v for v in found)  # a stage's sibling is fine


@pytest.mark.parametrize("package", sorted(p for p in RANK if p != "__init__"))
def test_nothing_below_the_cli_imports_it(package):
    assert not [s for s, d, _ in imports(SRC) if part(s) == package and package != "cli" and part(d) == "cli"]
