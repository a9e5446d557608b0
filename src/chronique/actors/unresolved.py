"""The names a corpus mentions that found no knowledge-base entry, most frequent first (what to add to the KB).

Two kinds: a name coded by its context only (a title, an adjective: "l'ambassadeur de France Joël
Meyer" is French but not in the KB) and a name that codes no actor at all (no entry, no title, no
country: ``resolve_document``'s unresolved names). Pattern-coded groups ("les manifestants") and
descriptions without a name need no entry and are not listed.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .resolve import Resolved
from .score import mention_key
from .text import key


@dataclass
class UnresolvedTally:
    """Counts of names without an entry over documents, with a surface form and a document each."""

    counts: Counter = field(default_factory=Counter)
    forms: dict[tuple[str, str], Counter] = field(default_factory=dict)
    docs: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, doc_id: str, resolved: Resolved) -> None:
        """Count one document's names without an entry."""
        named = [(m.text, "no entry") for m in resolved.mentions if _named_without_entry(m)]
        for text, kind in named + [(m.text, "no actor") for m in resolved.unresolved]:
            k = (mention_key(text), kind)
            self.counts[k] += 1
            self.forms.setdefault(k, Counter())[text] += 1
            self.docs.setdefault(k, doc_id)

    def top(self, n: int) -> list[dict]:
        """The ``n`` most frequent: mention (its commonest form), kind, count, first document."""
        return [{"mention": self.forms[k].most_common(1)[0][0], "kind": k[1], "count": c, "doc": self.docs[k]}
                for k, c in self.counts.most_common(n)]


def _named_without_entry(m) -> bool:
    """A name (its canonical name is its own text) that no knowledge-base entry coded."""
    a = m.actor
    return a.id is None and bool(a.name) and key(a.name) in key(m.text)
