"""Event-level scores per PLOVER type, counted as ``../shared/eval/score.py`` counts them.

A gold event is a unit (its ``event_key`` within a document: every mention of one real-world event);
a prediction is right when a unit of its document matches it, further predictions of an already found
unit are neither credited nor penalised, and units the text negates or only supposes must not be
reported as facts. ``level="type"`` matches on the PLOVER type alone (the type decision's own score);
``"type+actor"`` also asks the actor countries to meet, as the scorer does (pooled for symmetric types).
Written here, not imported from ../shared, so that ``benchmarks/validation.py`` runs without it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from chronique.dedup import when
from chronique.plover import EVENT_TYPES

NON_FACTUAL = frozenset({"negated", "hypothetical"})
SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})


def _countries(entities: Iterable[dict] | None) -> set[str]:
    return {str(e["country"]).upper() for e in entities or () if e and e.get("country")}


def _actor_side(ev: dict) -> set[str]:
    side = _countries(ev.get("actor"))
    return side | _countries(ev.get("recipient")) if ev.get("event_type") in SYMMETRIC else side


def type_match(gold: dict, pred: dict) -> bool:
    return gold.get("event_type") == pred.get("event_type")


def type_actor_match(gold: dict, pred: dict) -> bool:
    """Same type, and the actor countries meet, or the gold names none (an unnamed crowd)."""
    if not type_match(gold, pred):
        return False
    g = _actor_side(gold)
    return not g or bool(g & _actor_side(pred))


def _full_match(gold: dict, pred: dict) -> bool:
    """Type and actor, the recipients (both none, or countries that meet) and the date at the gold's precision:
    the scorer's tie-break between units a prediction could be."""
    if not type_actor_match(gold, pred):
        return False
    if gold.get("event_type") not in SYMMETRIC:
        g, p = _countries(gold.get("recipient")), _countries(pred.get("recipient"))
        if (g or p) and not g & p:
            return False
    g_days, p_days = when.parse(gold.get("date")), when.parse(pred.get("date"))
    if g_days is None:
        return True
    if p_days is None:
        return False
    slack = 1 if g_days[0] == g_days[1] else 0
    return p_days[0] >= g_days[0] - slack and p_days[1] <= g_days[1] + slack


def _words(text: str | None) -> set[str]:
    return set("".join(ch.lower() if ch.isalnum() else " " for ch in text or "").split())


def _overlaps(a: str | None, b: str | None) -> bool:
    """Two evidence strings quote the same passage (one inside the other, or 60% of the shorter's words)."""
    if not a or not b:
        return False
    a, b = " ".join(a.split()), " ".join(b.split())
    if a in b or b in a:
        return True
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / max(1, min(len(wa), len(wb))) >= 0.6


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p, r = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "pred": n_pred, "gold": n_gold}


def score_by_type(gold: Iterable[dict], preds: Iterable[dict], level: str = "type") -> dict:
    """Overall and per-type precision, recall, F1 and the macro F1 over the types that have gold units."""
    match: Callable[[dict, dict], bool] = {"type": type_match, "type+actor": type_actor_match}[level]
    units: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for g in gold:
        units[(g["doc"], g["event_key"])].append(g)
    factual = {k for k, ms in units.items() if ms[0].get("aux", "none") not in NON_FACTUAL}
    by_doc: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in units:
        by_doc[k[0]].append(k)
    found = [p for p in preds if p.get("aux", "none") not in NON_FACTUAL]
    hit: set[tuple[str, str]] = set()
    counted: list[dict] = []
    for p in found:
        cands = [k for k in by_doc.get(p["doc"], ()) if any(match(g, p) for g in units[k])]
        if not cands:
            counted.append(p)
            continue
        best = max(cands, key=lambda k: (k in factual, any(_overlaps(g.get("evidence"), p.get("evidence"))
                                                           for g in units[k]), k not in hit,
                                             any(_full_match(g, p) for g in units[k])))
        if best not in factual or best not in hit:
            counted.append(p)  # a false positive (reported as fact what is not), or the unit's first find
            if best in factual:
                hit.add(best)
    out = {"all": _prf(len(hit), len(counted), len(factual))}
    for t in EVENT_TYPES:
        gold_t = {k for k in factual if units[k][0]["event_type"] == t}
        out[t] = _prf(len(hit & gold_t), sum(p["event_type"] == t for p in counted), len(gold_t))
    scored = [out[t]["f1"] for t in EVENT_TYPES if out[t]["gold"]]
    out["macro_f1"] = round(sum(scored) / len(scored), 3) if scored else 0.0
    return out
