"""A user's first hour, as a script you can paste into notebook cells: extract the team's example
dispatches into a store, count events per month by PLOVER quad, and draw who acts on whom.

    .venv/bin/pip install matplotlib pandas      # optional extras, not needed by chronique itself
    .venv/bin/python examples/notebook.py [OUT_DIR]

Writes ``events_by_quad.png`` and ``actor_network.png`` into OUT_DIR (default: the current folder).
"""
from __future__ import annotations

import math
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files, not a window: the same code draws inline in Jupyter without this line
import matplotlib.pyplot as plt  # noqa: E402

import chronique  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent
QUAD_COLOURS = {"verbal-cooperation": "#4C9F70", "material-cooperation": "#1F6E43",
                "verbal-conflict": "#E0A030", "material-conflict": "#C0392B"}


def load(db_path: Path) -> None:
    """Cell 1: the examples into a DuckDB store (already stored documents are skipped)."""
    with chronique.open(db_path, read_only=False) as db:
        db.add(EXAMPLES, meta=EXAMPLES / "docs.jsonl")


def events_by_quad(db_path: Path, out: Path) -> Path:
    """Cell 2: one bar per month, stacked by quad."""
    with chronique.open(db_path) as db:
        df = db.events(aux="none").to_pandas()
    df = df[df["date"].str.match(r"^\d{4}-\d{2}(-\d{2})?$", na=False)].copy()  # dated to the month or day
    df["month"] = df["date"].str[:7]
    counts = df.pivot_table(index="month", columns="quad", values="id", aggfunc="count", fill_value=0)
    ax = counts.plot.bar(stacked=True, figsize=(10, 4),
                         color=[QUAD_COLOURS.get(q, "grey") for q in counts.columns])
    ax.set_xlabel("month")
    ax.set_ylabel("events")
    ax.set_title("Events per month by PLOVER quad (examples/)")
    path = out / "events_by_quad.png"
    plt.tight_layout()
    plt.savefig(path, dpi=100)
    plt.close()
    return path


def actor_network(db_path: Path, out: Path, top: int = 20) -> Path:
    """Cell 3: the most active actors on a circle, an arrow from actor to recipient, coloured by quad."""
    with chronique.open(db_path) as db:
        edges = db.network().to_pandas()
    weight = edges.groupby("source_name")["n_events"].sum().add(
        edges.groupby("target_name")["n_events"].sum(), fill_value=0)
    nodes = list(weight.sort_values(ascending=False).index[:top])
    place = {n: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes)))
             for i, n in enumerate(nodes)}
    fig, ax = plt.subplots(figsize=(9, 9))
    for row in edges.itertuples():
        if row.source_name in place and row.target_name in place:
            (x0, y0), (x1, y1) = place[row.source_name], place[row.target_name]
            ax.annotate("", xy=(x1, y1), xytext=(x0, y0), arrowprops={
                "arrowstyle": "->" if row.directed else "-", "color": QUAD_COLOURS.get(row.quad, "grey"),
                "lw": 0.8 + row.n_events, "alpha": 0.7})
    for name, (x, y) in place.items():
        ax.scatter([x], [y], s=40 + 40 * weight[name], color="#34495E", zorder=3)
        ax.text(x * 1.12, y * 1.12, name, ha="center", va="center", fontsize=8)
    ax.set_axis_off()
    ax.set_title("Who acts on whom (examples/): arrows actor -> recipient, lines for meetings", pad=30)
    path = out / "actor_network.png"
    plt.savefig(path, dpi=100)
    plt.close(fig)
    return path


def main(out: Path) -> list[Path]:
    """Run the three cells; return the pictures written."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "notebook.duckdb"
        load(db_path)
        return [events_by_quad(db_path, out), actor_network(db_path, out)]


if __name__ == "__main__":
    for written in main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()):
        print(written)
