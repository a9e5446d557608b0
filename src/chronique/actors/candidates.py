"""Passes 1 and 2 of actor resolution: the candidate spans of a parsed document.

(1) names — knowledge-base aliases and NER spans, repaired where the KB is sure; (2) descriptions —
titles and group nouns with their nationality adjective or complement ("le chef de la diplomatie
russe", "l'armée nigérienne"), merged with a following name. ``resolve`` codes them, ``coref``
links subject pronouns to them.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from ..model import Actor
from .kb import AliasHit, Entity, KnowledgeBase, TitleHit
from ..parse import entities, morph, span_text, tokens
from .text import key

_TRANSPARENT = frozenset("«»\"“”()[]")


@dataclass(eq=False)
class Candidate:
    """A candidate span while resolving (mutable scratch record)."""

    start: int
    end: int
    kind: str  # name|title|group|pronoun|anaphor
    hits: list[AliasHit] = field(default_factory=list)
    ner: str | None = None
    title: TitleHit | None = None
    qual: str | None = None  # ISO3 or entity id qualifying a description
    qual_kind: str | None = None  # country|org|person
    qual_unknown: bool = False  # "de" + a place the KB does not know ("les dirigeants de l'Afrique australe")
    name: Candidate | None = None  # a name attached to a description
    core: tuple[int, int] | None = None  # the name part without honorific/title
    feminine: bool = False
    plural: bool = False
    actor: Actor | None = None
    cluster: str | None = None
    entity: Entity | None = None
    role: str | None = None
    qual_country: str | None = None
    head_i: int = 0
    title_start: int = 0


class Context:
    """Per-document state: token keys, the KB, the date and what has been seen so far."""

    def __init__(self, doc, kb: KnowledgeBase, published: dt.date | None) -> None:
        self.doc, self.kb, self.published = doc, kb, published
        self.toks = tokens(doc)  # ``doc[i]`` without a new Token each time (``nlp.tokens``)
        self.keys = token_keys(doc)
        self.adjectives = kb.adjectives_in(self.keys)  # nationality adjectives as this document reads them
        self.clusters: dict[str, Entity | None] = {}
        self.surnames: dict[str, str] = {}
        self.cluster_actor: dict[str, Actor] = {}
        self.groups: dict[str, tuple[str | None, str]] = {}
        self.main_country: str | None = None
        self.countries: Counter = Counter()
        self.sentence_places: dict[int, list[tuple[str, bool]]] = {}  # sentence start -> (ISO3, after "à/en")
        self.last_role: str | None = None


_ORTH_KEYS: dict[int, str] = {}  # a word's id (the hash of its text, the same in every vocabulary) -> its key
_ORTH_KEYS_MAX = 200_000


def token_keys(doc: Doc) -> list[str | None]:
    """Each token's matching key (``key`` of its text, remembered per word id, so a word seen before costs one
    lookup and no text is read): "" for a token a name may span (quotes, brackets, a glued hyphen), None for a
    hard break."""
    known, strings = _ORTH_KEYS, doc.vocab.strings
    keys: list[str | None] = []
    for orth in doc.to_array(ORTH).tolist() if len(doc) else ():
        k = known.get(orth)
        if k is None:
            if len(known) >= _ORTH_KEYS_MAX:
                known.clear()
            k = known[orth] = key(strings[orth])
        keys.append(k)
    toks = tokens(doc)
    for i, k in enumerate(keys):
        if not k:
            keys[i] = _nonword_key(toks, i)
    return keys


def _nonword_key(toks: Sequence[Token], i: int) -> str | None:
    """The key of a token with no letters or digits: "" when a name may span it, else None."""
    tok = toks[i]
    if tok.text in _TRANSPARENT or tok.is_space:
        return ""
    glued = i > 0 and not toks[i - 1].whitespace_ and not tok.whitespace_
    return "" if glued and tok.text in "-\u2010\u2011" else None


def find_candidates(ctx: Context) -> list[Candidate]:
    """Names and descriptions of the document, longest first where they overlap, in reading order."""
    names = _alias_cands(ctx)
    names = sorted(names + _ner_cands(ctx, names), key=lambda c: c.start)
    descs = _title_cands(ctx, names)
    _appositions(ctx, names, descs)
    _extend_names_left(ctx, names)
    cands = _merge(names, descs)
    for c in cands:
        c.head_i = ctx.doc[c.start:c.end].root.i
    return cands


def _merge(names: list[Candidate], descs: list[Candidate]) -> list[Candidate]:
    """Free names and descriptions in text order; of overlapping spans the first and longest wins."""
    keep = [c for c in names if c.kind == "name"] + descs
    keep.sort(key=lambda c: (c.start, -c.end))
    out, last = [], -1
    for c in keep:
        if c.start >= last:
            out.append(c)
            last = c.end
    return out


# --- pass 1: names --------------------------------------------------------------
def _case_ok(hit: AliasHit, text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if hit.acronym:
        return all(c.isupper() for c in letters)
    if hit.proper:
        return bool(letters) and letters[0].isupper()
    return True


def _alias_cands(ctx: Context) -> list[Candidate]:
    """Knowledge-base aliases, longest match first, honouring the case rules."""
    out, doc, i, n = [], ctx.doc, 0, len(ctx.doc)
    keys, opening = ctx.keys, ctx.kb.aliases.prefixes
    while i < n:
        if not keys[i] or keys[i] not in opening:  # no alias starts here (most words): no lookup
            i += 1
            continue
        j, hits, _ = ctx.kb.aliases.longest(keys, i)
        text = span_text(doc, i, j) if j > i else ""
        hits = [h for h in hits if _case_ok(h, text)]
        if hits and not _inside_word(ctx.toks, i, j):
            out.append(Candidate(i, j, "name", hits=hits, core=(i, j)))
            i = j
        else:
            i += 1
    return out


def _inside_word(doc, i: int, j: int) -> bool:  # (doc: the Doc or its tokens)
    """True when the match is glued to letters (part of a bigger hyphenated word)."""
    before = doc[i - 1] if i > 0 else None
    return bool(before is not None and not before.whitespace_ and before.text.endswith("-")
                and before.text[:-1].isalpha())


def _ner_cands(ctx: Context, taken: list[Candidate]) -> list[Candidate]:
    """NER PER/ORG spans the KB does not know; PER spans containing a KB person are merged."""
    occupied = {t: c for c in taken for t in range(c.start, c.end)}
    out = []
    for ent in entities(ctx.doc):
        if ent.label_ not in ("PER", "ORG"):
            continue
        start, end = _clean_ent(ctx, ent.start, ent.end)
        start = _skip_titles(ctx, start, end, ent.label_)
        if end <= start:
            continue
        inside = {occupied[t] for t in range(start, end) if t in occupied}
        if inside:
            _widen_person(ctx, ent.label_, start, end, inside)
            continue
        out.append(Candidate(start, end, "name", ner=ent.label_, core=(start, end)))
    return out


def _skip_titles(ctx: Context, start: int, end: int, label: str) -> int:
    """An NER span that begins with a description is left to the description pass:
    ORG spans entirely ("ministère russe des Affaires étrangères"), PER spans up to the name."""
    j, hits, _ = ctx.kb.titles.longest(ctx.keys, start, skip=lambda t: _adj(ctx, t) is not None)
    if j <= start or not hits:
        return start
    if label == "ORG":
        return end
    while start < end and ctx.keys[start] and (ctx.kb.titles.get(ctx.keys[start]) or _adj(ctx, start)):
        start += 1
    return start


def _clean_ent(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """Trim honorifics, paragraph breaks and punctuation from an NER span."""
    doc = ctx.toks
    for t in range(start, end):
        if "\n" in doc[t].text or (t > start and "\n" in doc[t - 1].whitespace_):
            end = t
            break
    while start < end and (_is_honorific(ctx, start) or ctx.keys[start] in ("", None)):
        start += 1
    while end > start and ctx.keys[end - 1] in ("", None):
        end -= 1
    return start, end


def _is_honorific(ctx: Context, i: int) -> bool:
    k = ctx.keys[i]
    return bool(k) and any(h.kind == "honorific" for h in ctx.kb.titles.get(k))


def _widen_person(ctx: Context, label: str, start: int, end: int, inside: set) -> None:
    """Grow a one-person KB match to the NER PER span around it ("Ahmed Bola Tinubu")."""
    if label != "PER" or len(inside) != 1:
        return
    cand = next(iter(inside))
    if not any(ctx.kb.entities[h.entity_id].type == "PER" for h in cand.hits):
        return
    extra = [t for t in range(start, end) if not cand.start <= t < cand.end]
    if extra and all(ctx.toks[t].text[:1].isupper() and ctx.toks[t].is_alpha for t in extra):
        cand.start, cand.end = min(start, cand.start), max(end, cand.end)
        cand.core = (cand.start, cand.end)


# --- pass 2: descriptions ---------------------------------------------------------
def _title_cands(ctx: Context, names: list[Candidate]) -> list[Candidate]:
    """Titles and group nouns, with their qualifier and any name they introduce."""
    by_start = {c.start: c for c in names}
    covered = {t for c in names for t in range(c.start, c.end)}
    keys = [None if t in covered else k for t, k in enumerate(ctx.keys)]
    out, i, n = [], 0, len(ctx.doc)
    opening = ctx.kb.titles.prefixes
    while i < n:
        if i in covered or not keys[i] or keys[i] not in opening:  # no title starts here: no lookup
            i += 1
            continue
        j, hits, skipped = ctx.kb.titles.longest(keys, i, skip=lambda t: _adj(ctx, t) is not None)
        if j > i:
            cand = _describe(ctx, i, j, hits, skipped, by_start)
            if cand:
                out.append(cand)
                i = cand.end
                continue
        i += 1
    return out


def _appositions(ctx: Context, names: list[Candidate], descs: list[Candidate]) -> None:
    """"Ahmed X, porte-parole de l'armée": a role right after a name and a comma describes it."""
    by_start = {d.start: d for d in descs}
    for c in names:
        if c.kind != "name" or not _is_person(ctx, c) or c.end >= len(ctx.doc) or ctx.toks[c.end].text != ",":
            continue
        d = by_start.get(c.end + 1)
        if d is None and c.end + 2 < len(ctx.doc):
            d = by_start.get(c.end + 2) if ctx.keys[c.end + 1] in ctx.kb.words.get("determiners", ()) else None
        if d is not None and d.kind == "title" and d.name is None and d.title.kind == "role":
            d.name, d.start = c, c.start
            c.kind = "absorbed"


def _adj(ctx: Context, t: int) -> str | None:
    k = ctx.keys[t] if 0 <= t < len(ctx.keys) else None
    return ctx.adjectives.get(k) if k else None


def _pick_hit(hits: list[TitleHit]) -> TitleHit:
    order = {"honorific": 0, "counterpart": 1, "role": 2, "rank": 3, "group": 4}
    return min(hits, key=lambda h: order[h.kind])


def _describe(ctx: Context, i: int, j: int, hits: list[TitleHit], skipped: list[int],
              by_start: dict[int, Candidate]) -> Candidate | None:
    """Build a description candidate from a title match at [i, j)."""
    hit = _pick_hit(hits)
    if hit.kind == "honorific":
        return _honorific(ctx, i, j, by_start)
    cand = Candidate(i, j, "group" if hit.kind == "group" else "title", title=hit, title_start=i)
    for t in skipped:
        _set_qual(ctx, cand, _adj(ctx, t))
    _qualify(ctx, cand, by_start)
    if _power_itself(ctx, cand):
        return None
    _attach_name(ctx, cand, hits, by_start)
    if cand.kind == "group":
        _extend_quantity(ctx, cand)
    _extend_left(ctx, cand)
    tok = ctx.toks[i]
    cand.plural = "Plur" in morph(tok, "Number")
    return cand


def _power_itself(ctx: Context, cand: Candidate) -> bool:
    """"prendre le pouvoir (à Niamey)", "la prise du pouvoir": power itself, not the regime ("le pouvoir
    algérien")."""
    i = cand.title_start
    return (ctx.keys[i] in ctx.kb.words["powers"] and _adj(ctx, i + 1) is None
            and key(ctx.toks[i].head.lemma_) in ctx.kb.words["power_holds"])


def _honorific(ctx: Context, i: int, j: int, by_start: dict[int, Candidate]) -> Candidate | None:
    """"M. Lavrov" / "Mme X": fold the honorific into the following name."""
    while j < len(ctx.keys) and ctx.keys[j] == "":
        j += 1
    name = by_start.get(j)
    if name is None:
        return None
    name.start = i
    name.feminine = ctx.keys[i] in ctx.kb.words.get("feminine_honorifics", ())
    return None


def _set_qual(ctx: Context, cand: Candidate, ref: str | None, kind: str | None = None) -> None:
    if not ref or cand.qual:
        return
    ent = ctx.kb.entities.get(ref)
    cand.qual = ref
    cand.qual_kind = kind or ("country" if ent is not None and ent.type == "GPE" else "org")


def _qualify(ctx: Context, cand: Candidate, by_start: dict[int, Candidate]) -> None:
    """Read the nationality adjective or "de/du/à + name" complement after a description."""
    j = cand.end
    unplaced = ctx.kb.words.get("unplaced_qualifiers", ())
    while j < len(ctx.doc) and ((adj := _adj(ctx, j)) or ctx.keys[j] in unplaced):
        if adj:
            _set_qual(ctx, cand, adj)
        else:
            cand.qual_unknown = True  # "les dirigeants mondiaux": of no one country, not the story's
        j += 1
    cand.end = j
    while j < len(ctx.keys) and ctx.keys[j] in ctx.kb.words.get("office_states", ()):
        j += 1  # "le président élu de l'Indonésie"
    k = _skip_linker(ctx, j, cand.kind == "group")
    if k is None:
        return
    target = by_start.get(k)
    if (target is None or not target.hits) and ctx.toks[k].pos_ == "PROPN" and ctx.toks[k].ent_type_ == "LOC":
        cand.qual_unknown = True  # of a region we cannot code ("de l'Afrique australe"): not the story's country
    if target is not None and target.hits:
        ent = ctx.kb.entities[target.hits[0].entity_id]
        kind = "person" if ent.type == "PER" else None
        _set_qual(ctx, cand, ent.id, kind)
        if ent.type != "PER" or cand.kind == "group":
            cand.end = target.end
            cand.name = target if ent.type != "PER" and cand.kind == "group" else None
            if cand.name is not None:
                cand.name.kind = "absorbed"
        return
    _nested_group(ctx, cand, k)


def _skip_linker(ctx: Context, j: int, locative: bool) -> int | None:
    """Index after "de", "du", "de la", "d'" (and "à/au/en" for groups), and after a membership phrase
    ("des pays membres de"), else None."""
    words = ctx.kb.words
    if j >= len(ctx.keys) or not ctx.keys[j]:
        return None
    k = ctx.keys[j]
    if k in words.get("linkers", ()) or (locative and k in words.get("locatives", ())):
        j += 1
        while j < len(ctx.keys) and ctx.keys[j] in words.get("determiners", ()):
            j += 1
        m = j  # "des pays membres de la CEDEAO": the members stand for their organisation
        while m < len(ctx.keys) and ctx.keys[m] in words.get("memberships", ()):
            m += 1
        return (_skip_linker(ctx, m, False) or j) if m > j else j
    return None


def _nested_group(ctx: Context, cand: Candidate, k: int) -> None:
    """"le porte-parole du gouvernement congolais": take the inner group's adjective."""
    j, hits, _ = ctx.kb.titles.longest(ctx.keys, k)
    if j <= k or not any(h.kind == "group" for h in hits):
        return
    if _adj(ctx, j):
        _set_qual(ctx, cand, _adj(ctx, j))
        cand.end = j + 1


def _attach_name(ctx: Context, cand: Candidate, hits: list[TitleHit], by_start: dict[int, Candidate]) -> None:
    """A person name right after the description (optionally after a comma) belongs to it."""
    j = cand.end
    if j < len(ctx.doc) and ctx.toks[j].text == "," and j + 1 in by_start:
        j += 1
    name = by_start.get(j)
    if name is None or not _is_person(ctx, name):
        return
    roleish = [h for h in hits if h.kind in ("role", "rank", "counterpart")]
    if not roleish:
        return
    cand.title = _pick_hit(roleish)
    cand.kind = "title"
    cand.name = name
    name.kind = "absorbed"
    cand.end = name.end


def _is_person(ctx: Context, c: Candidate) -> bool:
    if c.ner == "PER":
        return True
    return any(ctx.kb.entities[h.entity_id].type == "PER" for h in c.hits)


def _extend_quantity(ctx: Context, cand: Candidate) -> None:
    """Take a counting noun and its numbers into a group ("deux cents manifestants", "des milliers de
    soldats", "136.000 manifestants"): the parser heads the phrase with them."""
    words, i = ctx.kb.words, cand.start - 1
    if i >= 1 and ctx.keys[i] in words.get("linkers", ()) and ctx.keys[i - 1] in words.get("quantities", ()):
        i -= 2
    elif i >= 0 and ctx.keys[i] in words.get("quantities", ()):
        i -= 1
    while i >= 0 and ctx.toks[i].like_num:
        i -= 1
    cand.start = i + 1


def _extend_left(ctx: Context, cand: Candidate) -> None:
    """Include one determiner or possessive ("le", "l'", "son") before a description."""
    i = cand.start - 1
    if i >= 0 and ctx.keys[i] in ctx.kb.words.get("determiners", ()):
        cand.start = i
        cand.feminine = ctx.keys[i] in ctx.kb.words.get("feminine_determiners", ())


def _extend_names_left(ctx: Context, names: list[Candidate]) -> None:
    """"la Russie", "l'ONU", "le Hamas": organisations and states take their article."""
    for c in names:
        if c.kind != "name" or _is_person(ctx, c) or c.start != (c.core or (c.start,))[0]:
            continue
        i = c.start - 1
        if i >= 0 and ctx.keys[i] in ctx.kb.words.get("determiners", ()) and ctx.keys[i] not in ctx.kb.words.get(
                "not_name_determiners", ()):
            c.start = i
