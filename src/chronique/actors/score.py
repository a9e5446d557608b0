"""Actor coding measured against gold ``actors.jsonl`` rows: country accuracy and person linking.

A gold actor is *found* when a predicted actor of the same document shares one of its mentions
(compared by matching key, a leading article or "de" dropped); of several, the one sharing most.
Country accuracy is the share of found gold actors (with a country) whose predicted country is the
gold one; person linking the share of found named gold people whose predicted name is the gold one.
Recall (found / gold) is reported beside them, so that finding fewer actors cannot raise a score
unseen.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .text import key

_LEAD = ("du ", "de ", "des ", "d' ", "le ", "la ", "les ", "l' ", "au ", "aux ")


def mention_key(text: str) -> str:
    """A mention's comparison key: folded, without one leading article or "de"."""
    k = key(text)
    for lead in _LEAD:
        if k.startswith(lead) and len(k) > len(lead):
            return k[len(lead):]
    return k


@dataclass
class ActorScore:
    """Counts behind the actor measure, and the misses (for ``--verbose`` reports)."""

    gold_country: int = 0
    found_country: int = 0
    right_country: int = 0
    gold_person: int = 0
    found_person: int = 0
    right_person: int = 0
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        """The ratios (None when there is nothing to count) and the counts they come from."""
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None
        return {"country_accuracy": ratio(self.right_country, self.found_country),
                "country_found": ratio(self.found_country, self.gold_country),
                "person_linking": ratio(self.right_person, self.found_person),
                "person_found": ratio(self.found_person, self.gold_person),
                "n_country": self.found_country, "n_person": self.found_person}


def _match(gold: dict, rows: list[dict]) -> dict | None:
    gm = {mention_key(m) for m in gold.get("mentions", [])}
    scored = [(len(gm & {mention_key(m) for m in r.get("mentions", [])}), n, r) for n, r in enumerate(rows)]
    scored = [s for s in scored if s[0]]
    return max(scored, key=lambda s: (s[0], -s[1]))[2] if scored else None


def score_actors(gold: list[dict], predicted: list[dict]) -> ActorScore:
    """Score predicted actor rows (``actors_rows`` shape) against gold rows, document by document."""
    by_doc: dict[str, list[dict]] = {}
    for r in predicted:
        by_doc.setdefault(r["doc"], []).append(r)
    s = ActorScore()
    for g in gold:
        r = _match(g, by_doc.get(g["doc"], []))
        if g.get("country"):
            s.gold_country += 1
            if r is not None:
                s.found_country += 1
                ok = r.get("country") == g["country"]
                s.right_country += ok
                if not ok:
                    s.misses.append(f"country {g['doc']}: {g.get('name')} {g['country']} -> "
                                    f"{r.get('name')} {r.get('country')} {r.get('mentions')}")
        if g.get("type") == "PER" and g.get("name"):
            s.gold_person += 1
            if r is not None:
                s.found_person += 1
                ok = bool(r.get("name")) and key(r["name"]) == key(g["name"])
                s.right_person += ok
                if not ok:
                    s.misses.append(f"person {g['doc']}: {g['name']} -> {r.get('name')} {r.get('mentions')}")
    return s
