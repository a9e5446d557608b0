"""The trigger lexicon (``lang/<code>/triggers.yaml``): loaded, validated and indexed once."""
from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from chronique import lang as language
from chronique.plover import EVENT_TYPES, MODES, SYMMETRIC

SLOT = re.compile(r"^(subj|obj|iobj|adj|(obl|nmod|gov):[\w'-]+)$")


class Trigger(BaseModel):
    """One lexicon entry: lemmas of one part of speech and the frame of the event they report."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lemmas: tuple[str, ...]
    pos: str
    type: str
    mode: str | None = None
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    symmetric: bool = False
    future: str | None = None
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    requires_dep: tuple[str, ...] = ()
    reflexive: bool = False
    refusal: bool = False  # matches only when negated, and the refusal is the event, as fact ("ne reconnaît pas")
    singular: bool = False  # a noun that names people in the plural ("ses soutiens": supporters)
    not_after: tuple[str, ...] = ()  # a noun introduced by one of these is the manner of another act ("en soutien à")
    needs: tuple[str, ...] = ()
    confidence: float = Field(0.6, ge=0, le=1)

    @field_validator("pos")
    @classmethod
    def _pos(cls, v: str) -> str:
        if v not in ("VERB", "NOUN", "ADJ"):
            raise ValueError("pos must be VERB, NOUN or ADJ (a predicative adjective: \"c'est inacceptable\")")
        return v

    @field_validator("type", "future")
    @classmethod
    def _type(cls, v: str | None) -> str | None:
        if v is not None and v not in EVENT_TYPES:
            raise ValueError(f"{v!r} is not a PLOVER event type")
        return v

    @field_validator("actor", "recipient", "place")
    @classmethod
    def _slots(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [s for s in v if not SLOT.match(s)]
        if bad:
            raise ValueError(f"unknown argument slot(s) {bad}")
        return v

    def words(self) -> list[tuple[str, str]]:
        """(first word, full lemma) for each lemma: "état d'urgence" and "état de siège" both open on "état"."""
        return [(lem.split()[0], lem) for lem in self.lemmas]


class Lexicon:
    """Triggers indexed by (first word of lemma, POS): for one lemma, the entries with constraints
    (``requires``, ``requires_dep``, ``reflexive``, ``refusal``) are tried before the plain ones, longer phrases
    before shorter ones ("coup d'État" before "coup"), then in file order."""

    def __init__(self, triggers: list[Trigger], verb_endings: dict[str, str] | None = None,
                 place_slots: tuple[str, ...] = (), defaults: dict[str, dict] | None = None,
                 promised: dict[str, str] | None = None):
        self.triggers = triggers
        self.promised = promised or {}  # type -> the type of the same act only promised (entries' default ``future``)
        self.place_slots = place_slots  # where an event happens when its entry names no place slot
        self.defaults = defaults or {}
        self.verb_endings = sorted((verb_endings or {}).items(), key=lambda kv: -len(kv[0]))
        self.index: dict[tuple[str, str], list[tuple[str, Trigger]]] = {}
        for trig in triggers:
            for first, full in trig.words():
                self.index.setdefault((first, trig.pos), []).append((full, trig))
        self.openers = frozenset(first for first, _ in self.index)  # every word an entry opens on, any POS
        for entries in self.index.values():  # constrained entries first, longer phrases first, then file order
            entries.sort(key=lambda e: (not (e[1].requires or e[1].requires_dep or e[1].reflexive or e[1].refusal),
                                        -len(e[0].split())))

    def frame(self, pos: str, event_type: str, mode: str | None = None, confidence: float = 0.6) -> Trigger:
        """The default frame of a part of speech for a type the learned decision found where no entry
        did (meetings and cooperation of equals are symmetric; a planned meeting is AGREE)."""
        base = dict(self.defaults.get("verb" if pos == "VERB" else "noun") or {})
        base.update(lemmas=("*",), pos=pos, type=event_type, mode=mode, confidence=confidence)
        if event_type in SYMMETRIC:
            base.update(symmetric=True, recipient=("obl:avec", "nmod:avec") if pos == "NOUN" else ("obl:avec", "obj"))
        if event_type == "CONSULT":
            base.update(future="AGREE")
        elif event_type in self.promised:
            base.update(future=self.promised[event_type])
        return Trigger(**base)

    def candidates(self, lemma: str, pos: str) -> list[tuple[str, Trigger]]:
        return self.index.get((lemma, pos), [])

    def verb_candidates(self, lemma: str, form: str) -> list[tuple[str, Trigger]]:
        """Entries for a verb, also when the tagger left an inflected form as its lemma ("réclame"):
        the form's ending is swapped for the infinitive's (``verb_endings``), longest ending first."""
        found = self.candidates(lemma, "VERB")
        if found or lemma != form:
            return found
        for ending, infinitive in self.verb_endings:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                found = self.candidates(form[: -len(ending)] + infinitive, "VERB")
                if found:
                    return found
        return []


def load_lexicon(lang: str) -> Lexicon:
    """The trigger lexicon of a language, read and validated once (errors name the file and the entry)."""
    return language.load(lang, "triggers", parse_lexicon)


def parse_lexicon(data) -> Lexicon:
    """Schema of ``triggers.yaml``: every entry checked against PLOVER, then indexed."""
    if not isinstance(data, dict):
        raise ValueError("expected a mapping")
    defaults = data.get("defaults") or {}
    promised = data.get("promised") or {}
    if not isinstance(promised, dict) or not set(promised) | set(promised.values()) <= set(EVENT_TYPES):
        raise ValueError(f"promised must map PLOVER types to PLOVER types, got {promised!r}")
    triggers = []
    for i, raw in enumerate(data.get("triggers") or []):
        where = f"trigger #{i + 1} {raw.get('lemmas') if isinstance(raw, dict) else raw!r}"
        if not isinstance(raw, dict):
            raise ValueError(f"{where}: expected a mapping")
        base = dict(defaults.get("verb" if raw.get("pos") == "VERB" else "noun") or {})
        base.update(raw)
        if "future" not in raw and base.get("type") in promised:
            base["future"] = promised[base["type"]]
        try:
            trig = Trigger(**base)
        except ValidationError as exc:
            raise ValueError(f"{where}: {exc.errors()[0]['msg']} ({exc.errors()[0]['loc']})") from None
        if trig.mode is not None and trig.mode not in MODES.get(trig.type, ()):
            raise ValueError(f"{where}: mode {trig.mode!r} is not a PLOVER mode of {trig.type}")
        triggers.append(trig)
    endings = data.get("verb_endings") or {}
    if not isinstance(endings, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in endings.items()):
        raise ValueError("verb_endings must map an ending to an infinitive ending")
    slots = data.get("place_slots") or []
    if not isinstance(slots, list) or not all(isinstance(x, str) and SLOT.match(x) for x in slots):
        raise ValueError(f"place_slots must be a list of argument slots, got {slots!r}")
    return Lexicon(triggers, endings, tuple(slots), defaults, promised)
