"""One pass over every followed source, and the polling loop: new and changed articles through the same
pipeline as ``chronique extract``, clusters brought up to date, failures in ``errors``, state in the store.

Documents are written a batch at a time (one transaction each: a document is never half-stored); an entry
is marked handled only after its document is stored and clustered. ``stop`` (set by Ctrl-C or by the
server's shutdown) is checked between articles: the batch in hand is finished, then the pass ends.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field

from chronique.ids import content_hash
from chronique.ingest.limits import Limits
from chronique.model import Document, InputError
from chronique.store.db import Store
from chronique.watch import state
from chronique.watch.article import page_document
from chronique.watch.canonical import canonical
from chronique.watch.feeds import Feed, FeedError, parse_feed
from chronique.watch.fetch import Fetcher, FetchError, Page, Politeness
from chronique.watch.folder import changed_files, read_file
from chronique.watch.robots import Robots


@dataclass(frozen=True)
class WatchOptions:
    """What to follow and how often; ``politeness`` says how gently."""

    sources: tuple[str, ...]
    every: float = 900.0            # seconds between the starts of two passes
    politeness: Politeness = Politeness()
    limits: Limits = Limits()
    batch_size: int = 8             # documents written (and clustered) per transaction
    max_attempts: int = 3           # passes an article that fails is tried in (one interval apart)
    robots: bool = True


@dataclass
class PassReport:
    """What a pass did, per source and in total."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    copies: int = 0
    failed: list[InputError] = field(default_factory=list)

    def line(self) -> str:
        return (f"{len(self.added)} new documents, {len(self.updated)} updated, {self.copies} copies of stored ones, "
                f"{len(self.failed)} failures")


def kind_of(source: str) -> str:
    return "feed" if source.startswith(("http://", "https://")) else "folder"


class Follower:
    """Follows ``options.sources`` into ``store``; ``lock`` serialises writes with another writer (the server)."""

    def __init__(self, store: Store, options: WatchOptions, nlp_factory: Callable | None = None,
                 lock: threading.Lock | None = None, stop: threading.Event | None = None):
        self.store, self.options, self.lock = store, options, lock or nullcontext()
        self.stop = stop or threading.Event()
        self.nlp_factory = nlp_factory or _default_nlp
        with self.lock:
            state.ensure(store.con)

    def loop(self, on_pass: Callable[[int, PassReport], None] | None = None) -> None:
        """A pass every ``options.every`` seconds until ``stop`` is set."""
        n = 0
        while not self.stop.is_set():
            n += 1
            report = self.one_pass()
            if on_pass:
                on_pass(n, report)
            self.stop.wait(self.options.every)

    def one_pass(self) -> PassReport:
        """Every source once (feeds through one polite fetcher); errors recorded, never raised."""
        report = PassReport()
        fetcher = Fetcher(self.options.politeness, self.stop)
        try:
            robots = Robots(fetcher) if self.options.robots else None
            for src in self.options.sources:
                if self.stop.is_set():
                    break
                try:
                    if kind_of(src) == "feed":
                        self.feed_pass(src, fetcher, robots, report)
                    else:
                        self.folder_pass(src, report)
                except Exception as exc:  # noqa: BLE001 - a bug met on one source must not stop the follower
                    error = InputError(src, f"internal error: {type(exc).__name__}: {exc}", "internal")
                    self.failed_source(src, error, self.locked(state.source, src), report)
        finally:
            fetcher.close()
        return report

    # -- feeds ------------------------------------------------------------------------------
    def feed_pass(self, src: str, fetcher: Fetcher, robots: Robots | None, report: PassReport) -> None:
        """The feed's new and re-announced entries, oldest first, fetched, stored in batches and marked."""
        read = self.read_feed(src, fetcher, report)
        if read is None:
            return
        page, feed = read
        batch: list[tuple[str, str, Document]] = []
        for key, entry in {canonical(e.url): e for e in reversed(feed.entries)}.items():
            if self.stop.is_set():
                break
            if not self.wanted(key, entry.stamp):
                continue
            doc = self.fetch_article(entry, fetcher, robots, feed.title or src)
            if isinstance(doc, Document):
                batch.append((key, entry.stamp, doc))
            elif not self.stop.is_set():  # a fetch cut short by Ctrl-C is no failure of the site
                self.fail(src, key, entry.stamp, doc, report)
            if len(batch) >= self.options.batch_size:
                self.store_batch(src, batch, report)
                batch = []
        self.store_batch(src, batch, report)
        if not self.stop.is_set():  # validators only once every entry is handled: a killed pass sees the feed again
            self.locked(state.save_source, src, kind="feed", etag=page.headers.get("etag"),
                        last_modified=page.headers.get("last-modified"))

    def read_feed(self, src: str, fetcher: Fetcher, report: PassReport) -> tuple[Page, Feed] | None:
        """The feed by conditional GET (unless failed articles are due) and parsed; None when unchanged or failed."""
        known = self.locked(state.source, src)
        headers = {k: v for k, v in (("If-None-Match", known.get("etag")),
                                     ("If-Modified-Since", known.get("last_modified"))) if v}
        if self.locked(state.retries_due, src, self.due_before(), self.options.max_attempts):
            headers = {}  # failed articles are due again: the whole feed is needed, not a 304
        now = dt.datetime.now()
        try:
            page = fetcher.get(src, headers)
            feed = None if page.status == 304 else parse_feed(page.body, page.url)
        except (FetchError, FeedError) as exc:
            self.failed_source(src, InputError(src, f"feed: {exc}", getattr(exc, "kind", "format")), known, report)
            return None
        if feed is None:
            self.locked(state.save_source, src, kind="feed", last_checked=now, last_success=now,
                        status="not modified", failures=0)
            return None
        if feed.problem:
            self.failed_source(src, InputError(src, feed.problem, "format"), known, report)
        self.locked(state.save_source, src, kind="feed", title=feed.title, last_checked=now, last_success=now,
                    status="ok" if not feed.problem else "partial", failures=0, last_error=feed.problem)
        return page, feed

    def wanted(self, key: str, stamp: str) -> bool:
        """An article is fetched when never seen or announced anew (changed stamp); one that failed, again a pass
        interval later, up to ``max_attempts`` times (a restart right after a failure does not hammer the site)."""
        seen = self.locked(state.entry, key)
        if not seen or seen["stamp"] != stamp:
            return True
        due = seen["seen_at"] <= self.due_before()
        return seen["status"] == "failed" and seen["attempts"] < self.options.max_attempts and due

    def due_before(self) -> dt.datetime:
        """Failures handled before this moment are due for another attempt."""
        return dt.datetime.now() - dt.timedelta(seconds=self.options.every)

    def fetch_article(self, entry, fetcher: Fetcher, robots: Robots | None, source: str) -> Document | InputError:
        refusal = robots.refusal(entry.url) if robots else None
        if refusal:
            return InputError(entry.url, refusal, "robots")
        try:
            page = fetcher.get(entry.url)
        except FetchError as exc:
            return InputError(entry.url, str(exc), exc.kind)
        return page_document(entry, page, source, self.options.limits)

    def failed_source(self, src: str, error: InputError, known: dict, report: PassReport) -> None:
        report.failed.append(error)
        with self.lock:
            if known.get("last_error") != error.reason:  # the same failure pass after pass is one error line
                state.record_error(self.store.con, src, error)
            state.save_source(self.store.con, src, kind=kind_of(src), last_checked=dt.datetime.now(),
                              status="failing", last_error=error.reason, failures=(known.get("failures") or 0) + 1)

    # -- folders ----------------------------------------------------------------------------
    def folder_pass(self, src: str, report: PassReport) -> None:
        now = dt.datetime.now()
        files, problems = changed_files(src, lambda key: self.locked(state.entry, key))
        for error in problems:
            self.failed_source(src, error, self.locked(state.source, src), report)
        if not problems:
            self.locked(state.save_source, src, kind="folder", last_checked=now, last_success=now, status="ok",
                        failures=0, last_error=None)
        for path, stamp in files:
            if self.stop.is_set():
                break
            docs = []
            for item in read_file(path, self.options.limits):
                if isinstance(item, InputError):
                    self.fail(src, path, stamp, item, report)
                else:
                    docs.append((path, stamp, item))
            self.store_batch(src, docs, report)

    # -- writing ----------------------------------------------------------------------------
    def fail(self, src: str, key: str, stamp: str, error: InputError, report: PassReport) -> None:
        report.failed.append(error)
        self.locked(state.mark, src, [(key, stamp, None, "failed")], error)

    def store_batch(self, src: str, batch: list[tuple[str, str, Document]], report: PassReport) -> None:
        """Extract and store a batch (syndicated copies of stored texts are not stored twice), cluster, mark."""
        if not batch:
            return
        from chronique.dedup.index import assign_clusters
        from chronique.pipeline import run

        with self.lock:
            con = self.store.con
            held = self.store.stored_versions([d.id for _, _, d in batch])
            rows, docs = [], []
            for key, stamp, doc in batch:
                original = state.copy_of(con, content_hash(doc.text), doc.id)
                if original and doc.id not in held and original not in [d.id for d in docs]:
                    report.copies += 1
                    rows.append((key, stamp, original, "copy"))
                else:
                    docs.append(doc)
                    rows.append((key, stamp, doc.id, "stored"))
            result = run(docs, self.store, self.nlp_factory(), batch_size=self.options.batch_size)
            old = self.replaced(src, rows)
            state.retire(con, list(old.values()))
            # also the documents a killed pass stored but did not mark, and the ones just retired
            assign_clusters(self.store, [d.id for d in docs] + list(old.values()))
            report.failed += result.errors
            done = set(result.doc_ids)  # a document a stage failed on is retried, as ``extract`` retries it
            rows = [(k, s, d, "failed" if st == "stored" and d not in done else st) for k, s, d, st in rows]
            report.added += [i for i in result.processed if i not in held and i not in old]
            report.updated += [i for i in result.processed if i in held or i in old]
            state.mark(con, src, rows)
            if result.processed:
                state.save_source(con, src, kind=kind_of(src), last_added=dt.datetime.now())

    def replaced(self, src: str, rows: list[tuple[str, str, str | None, str]]) -> dict[str, str]:
        """new doc id -> the document its key (a changed file whose id is its content hash) stored before."""
        yields: dict[str, set[str]] = {}
        for key, _, doc, _ in rows:
            yields.setdefault(key, set()).add(doc)
        out = {}
        for key, docs in yields.items():
            old = state.replaced(self.store.con, src, key, docs)
            if old and len(docs) == 1:
                out[next(iter(docs))] = old
        return out

    def locked(self, fn, *args, **kwargs):
        with self.lock:
            return fn(self.store.con, *args, **kwargs)


def _default_nlp():
    from chronique.nlp import load_nlp

    return load_nlp()
