"""Annotated texts to learn from: the news folders of ``../shared/train`` (gold format) and our own corpus.

Both become ``AnnotatedText`` records: a text, the story it belongs to (the unit of the
train/validation split) and the character spans of its event triggers with their PLOVER type.
Press texts are read from where they lie and never copied.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from chronique.plover import AUX_VALUES, EVENT_TYPES, MODES, SECTORS


class CorpusError(ValueError):
    """A corpus line that breaks the documented format; the message names file, line and reason."""


CORPUS_STORY = "corpus:"  # the story of an own-corpus line: this prefix and its id (one line, one story)


@dataclass(frozen=True)
class TriggerSpan:
    """Where an event is expressed in its text, and how it is coded."""

    start: int
    end: int
    type: str
    mode: str | None = None
    evidence: tuple[int, int] | None = None  # the passage that reports the event


@dataclass(frozen=True)
class AnnotatedText:
    """One text with every event it reports (an empty list: it reports none)."""

    id: str
    story: str
    text: str
    triggers: tuple[TriggerSpan, ...] = field(default_factory=tuple)


def read_news_folder(folder: Path) -> list[AnnotatedText]:
    """Texts of a folder in gold format (docs.jsonl, events.jsonl, ID.txt); the story is the topic."""
    docs = [json.loads(line) for line in _lines(folder / "docs.jsonl")]
    by_doc: dict[str, list[dict]] = {}
    for line in _lines(folder / "events.jsonl"):
        ev = json.loads(line)
        by_doc.setdefault(ev["doc"], []).append(ev)
    out = []
    for d in docs:
        path = folder / f"{d['id']}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        spans = [s for ev in by_doc.get(d["id"], []) if (s := _locate(text, ev)) is not None]
        out.append(AnnotatedText(d["id"], d.get("topic") or d["id"], text, tuple(spans)))
    return out


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _locate(text: str, ev: dict) -> TriggerSpan | None:
    """The trigger's span: its first occurrence inside the first occurrence of the evidence."""
    trigger, evidence = ev.get("trigger"), ev.get("evidence") or ""
    at = text.find(evidence)
    if not trigger or at < 0:
        return None
    inner = evidence.find(trigger)
    if inner < 0:
        return None
    start = at + inner
    return TriggerSpan(start, start + len(trigger), ev["event_type"], ev.get("mode"), (at, at + len(evidence)))


def read_corpus(folder: Path) -> list[AnnotatedText]:
    """Our own corpus (``data/corpus/*.jsonl``, format in its README), validated line by line."""
    out, seen = [], set()
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = _corpus_record(json.loads(line), seen)
            except (ValueError, KeyError, TypeError) as exc:
                raise CorpusError(f"{path}:{n}: {exc}") from exc
            out.append(rec)
    return out


def _corpus_record(row: dict, seen: set[str]) -> AnnotatedText:
    rid, text = row["id"], row["text"]
    if rid in seen:
        raise ValueError(f"duplicate id {rid!r}")
    seen.add(rid)
    spans = []
    for ev in row["events"]:
        etype, mode, aux = ev["type"], ev.get("mode"), ev.get("aux", "none")
        if etype not in EVENT_TYPES:
            raise ValueError(f"{etype!r} is not a PLOVER type")
        if mode is not None and mode not in MODES.get(etype, ()):
            raise ValueError(f"{mode!r} is not a mode of {etype}")
        if aux not in AUX_VALUES:
            raise ValueError(f"aux {aux!r} is not one of {AUX_VALUES}")
        for role in ("actor", "recipient"):
            for a in ev[role]:
                if a["text"] not in text:
                    raise ValueError(f"{role} {a['text']!r} is not in the text")
                if a.get("sector") is not None and a["sector"] not in SECTORS:
                    raise ValueError(f"sector {a['sector']!r} unknown")
        start = text.find(ev["trigger"])
        if not ev["trigger"] or start < 0:
            raise ValueError(f"trigger {ev['trigger']!r} is not in the text")
        spans.append(TriggerSpan(start, start + len(ev["trigger"]), etype, mode, (0, len(text))))
    return AnnotatedText(rid, f"{CORPUS_STORY}{rid}", text, tuple(spans))


def held_out(story: str, fifth: int = 4) -> bool:
    """Stories whose stable hash falls in the last fifth are validation (never trained on)."""
    return zlib.crc32(story.encode("utf-8")) % 5 == fifth
