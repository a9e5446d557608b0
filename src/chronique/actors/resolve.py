"""Find the actors of a parsed document and code them (who is who).

Three passes over the spaCy `Doc`: (1) names — knowledge-base aliases and NER spans,
repaired where the KB is sure; (2) descriptions — titles and group nouns with their
nationality adjective or complement ("le chef de la diplomatie russe", "l'armée
nigérienne"), merged with a following name; (3) resolution in reading order, which
links surnames, "M. X", descriptions (office holder on the publication date) and subject
pronouns to one in-document cluster per real entity.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ..model import Actor
from .kb import AliasHit, Entity, KnowledgeBase, TitleHit, default_kb
from .text import key

_TRANSPARENT = frozenset("«»\"“”()[]")
_SUBJ = ("nsubj", "nsubj:pass", "expl:subj")


@dataclass(frozen=True)
class Mention:
    """One actor mention: token span, characters, surface text, coded actor, cluster id."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    head: int
    actor: Actor
    cluster: str


@dataclass(eq=False)
class _Cand:
    """A candidate span while resolving (mutable scratch record)."""

    start: int
    end: int
    kind: str  # name|title|group|pronoun
    hits: list[AliasHit] = field(default_factory=list)
    ner: str | None = None
    title: TitleHit | None = None
    qual: str | None = None  # ISO3 or entity id qualifying a description
    qual_kind: str | None = None  # country|org|person
    qual_unknown: bool = False  # "de" + a place the KB does not know ("les dirigeants de l'Afrique australe")
    name: "_Cand | None" = None  # a name attached to a description
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


class _Ctx:
    """Per-document state: token keys, the KB, the date and what has been seen so far."""

    def __init__(self, doc, kb: KnowledgeBase, published: dt.date | None) -> None:
        self.doc, self.kb, self.published = doc, kb, published
        self.keys = [_token_key(t) for t in doc]
        self.clusters: dict[str, Entity | None] = {}
        self.surnames: dict[str, str] = {}
        self.cluster_actor: dict[str, Actor] = {}
        self.groups: dict[str, tuple[str | None, str]] = {}
        self.main_country: str | None = None
        self.countries: Counter = Counter()
        self.last_role: str | None = None


def _token_key(tok) -> str | None:
    k = key(tok.text)
    if k:
        return k
    if tok.text in _TRANSPARENT or tok.is_space:
        return ""
    glued = tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and not tok.whitespace_
    return "" if glued and tok.text in "-\u2010\u2011" else None


# --- pass 1: names --------------------------------------------------------------
def _case_ok(hit: AliasHit, text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if hit.acronym:
        return all(c.isupper() for c in letters)
    if hit.proper:
        return bool(letters) and letters[0].isupper()
    return True


def _alias_cands(ctx: _Ctx) -> list[_Cand]:
    """Knowledge-base aliases, longest match first, honouring the case rules."""
    out, doc, i = [], ctx.doc, 0
    while i < len(doc):
        j, hits, _ = ctx.kb.aliases.longest(ctx.keys, i)
        text = doc[i:j].text if j > i else ""
        hits = [h for h in hits if _case_ok(h, text)]
        if hits and not _inside_word(doc, i, j):
            out.append(_Cand(i, j, "name", hits=hits, core=(i, j)))
            i = j
        else:
            i += 1
    return out


def _inside_word(doc, i: int, j: int) -> bool:
    """True when the match is glued to letters (part of a bigger hyphenated word)."""
    before = doc[i - 1] if i > 0 else None
    return bool(before is not None and not before.whitespace_ and before.text.endswith("-")
                and before.text[:-1].isalpha())


def _ner_cands(ctx: _Ctx, taken: list[_Cand]) -> list[_Cand]:
    """NER PER/ORG spans the KB does not know; PER spans containing a KB person are merged."""
    occupied = {t: c for c in taken for t in range(c.start, c.end)}
    out = []
    for ent in ctx.doc.ents:
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
        out.append(_Cand(start, end, "name", ner=ent.label_, core=(start, end)))
    return out


def _skip_titles(ctx: _Ctx, start: int, end: int, label: str) -> int:
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


def _clean_ent(ctx: _Ctx, start: int, end: int) -> tuple[int, int]:
    """Trim honorifics, paragraph breaks and punctuation from an NER span."""
    doc = ctx.doc
    for t in range(start, end):
        if "\n" in doc[t].text or (t > start and "\n" in doc[t - 1].whitespace_):
            end = t
            break
    while start < end and (_is_honorific(ctx, start) or ctx.keys[start] in ("", None)):
        start += 1
    while end > start and ctx.keys[end - 1] in ("", None):
        end -= 1
    return start, end


def _is_honorific(ctx: _Ctx, i: int) -> bool:
    k = ctx.keys[i]
    return bool(k) and any(h.kind == "honorific" for h in ctx.kb.titles.get(k))


def _widen_person(ctx: _Ctx, label: str, start: int, end: int, inside: set) -> None:
    """Grow a one-person KB match to the NER PER span around it ("Ahmed Bola Tinubu")."""
    if label != "PER" or len(inside) != 1:
        return
    cand = next(iter(inside))
    if not any(ctx.kb.entities[h.entity_id].type == "PER" for h in cand.hits):
        return
    extra = [t for t in range(start, end) if not cand.start <= t < cand.end]
    if extra and all(ctx.doc[t].text[:1].isupper() and ctx.doc[t].is_alpha for t in extra):
        cand.start, cand.end = min(start, cand.start), max(end, cand.end)
        cand.core = (cand.start, cand.end)


# --- pass 2: descriptions ---------------------------------------------------------
def _title_cands(ctx: _Ctx, names: list[_Cand]) -> list[_Cand]:
    """Titles and group nouns, with their qualifier and any name they introduce."""
    by_start = {c.start: c for c in names}
    covered = {t for c in names for t in range(c.start, c.end)}
    keys = [None if t in covered else k for t, k in enumerate(ctx.keys)]
    out, i, n = [], 0, len(ctx.doc)
    while i < n:
        if i in covered:
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


def _appositions(ctx: _Ctx, names: list[_Cand], descs: list[_Cand]) -> None:
    """"Ahmed X, porte-parole de l'armée": a role right after a name and a comma describes it."""
    by_start = {d.start: d for d in descs}
    for c in names:
        if c.kind != "name" or not _is_person(ctx, c) or c.end >= len(ctx.doc) or ctx.doc[c.end].text != ",":
            continue
        d = by_start.get(c.end + 1)
        if d is None and c.end + 2 < len(ctx.doc):
            d = by_start.get(c.end + 2) if ctx.keys[c.end + 1] in ctx.kb.words.get("determiners", ()) else None
        if d is not None and d.kind == "title" and d.name is None and d.title.kind == "role":
            d.name, d.start = c, c.start
            c.kind = "absorbed"


def _adj(ctx: _Ctx, t: int) -> str | None:
    k = ctx.keys[t] if 0 <= t < len(ctx.keys) else None
    return ctx.kb.adjectives.get(k) if k else None


def _pick_hit(hits: list[TitleHit]) -> TitleHit:
    order = {"honorific": 0, "counterpart": 1, "role": 2, "rank": 3, "group": 4}
    return min(hits, key=lambda h: order[h.kind])


def _describe(ctx: _Ctx, i: int, j: int, hits: list[TitleHit], skipped: list[int],
              by_start: dict[int, _Cand]) -> _Cand | None:
    """Build a description candidate from a title match at [i, j)."""
    hit = _pick_hit(hits)
    if hit.kind == "honorific":
        return _honorific(ctx, i, j, by_start)
    cand = _Cand(i, j, "group" if hit.kind == "group" else "title", title=hit, title_start=i)
    for t in skipped:
        _set_qual(ctx, cand, _adj(ctx, t))
    _qualify(ctx, cand, by_start)
    _attach_name(ctx, cand, hits, by_start)
    _extend_left(ctx, cand)
    tok = ctx.doc[i]
    cand.plural = "Plur" in tok.morph.get("Number")
    return cand


def _honorific(ctx: _Ctx, i: int, j: int, by_start: dict[int, _Cand]) -> _Cand | None:
    """"M. Lavrov" / "Mme X": fold the honorific into the following name."""
    while j < len(ctx.keys) and ctx.keys[j] == "":
        j += 1
    name = by_start.get(j)
    if name is None:
        return None
    name.start = i
    name.feminine = ctx.keys[i] in ctx.kb.words.get("feminine_honorifics", ())
    return None


def _set_qual(ctx: _Ctx, cand: _Cand, ref: str | None, kind: str | None = None) -> None:
    if not ref or cand.qual:
        return
    ent = ctx.kb.entities.get(ref)
    cand.qual = ref
    cand.qual_kind = kind or ("country" if ent is not None and ent.type == "GPE" else "org")


def _qualify(ctx: _Ctx, cand: _Cand, by_start: dict[int, _Cand]) -> None:
    """Read the nationality adjective or "de/du/à + name" complement after a description."""
    j = cand.end
    while j < len(ctx.doc) and _adj(ctx, j):
        _set_qual(ctx, cand, _adj(ctx, j))
        j += 1
    cand.end = j
    k = _skip_linker(ctx, j, cand.kind == "group")
    if k is None:
        return
    target = by_start.get(k)
    if (target is None or not target.hits) and ctx.doc[k].pos_ == "PROPN" and ctx.doc[k].ent_type_ == "LOC":
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


def _skip_linker(ctx: _Ctx, j: int, locative: bool) -> int | None:
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


def _nested_group(ctx: _Ctx, cand: _Cand, k: int) -> None:
    """"le porte-parole du gouvernement congolais": take the inner group's adjective."""
    j, hits, _ = ctx.kb.titles.longest(ctx.keys, k)
    if j <= k or not any(h.kind == "group" for h in hits):
        return
    if _adj(ctx, j):
        _set_qual(ctx, cand, _adj(ctx, j))
        cand.end = j + 1


def _attach_name(ctx: _Ctx, cand: _Cand, hits: list[TitleHit], by_start: dict[int, _Cand]) -> None:
    """A person name right after the description (optionally after a comma) belongs to it."""
    j = cand.end
    if j < len(ctx.doc) and ctx.doc[j].text == "," and j + 1 in by_start:
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


def _is_person(ctx: _Ctx, c: _Cand) -> bool:
    if c.ner == "PER":
        return True
    return any(ctx.kb.entities[h.entity_id].type == "PER" for h in c.hits)


def _extend_left(ctx: _Ctx, cand: _Cand) -> None:
    """Include one determiner or possessive ("le", "l'", "son") before a description."""
    i = cand.start - 1
    if i >= 0 and ctx.keys[i] in ctx.kb.words.get("determiners", ()):
        cand.start = i
        cand.feminine = ctx.keys[i] in ctx.kb.words.get("feminine_determiners", ())


def _extend_names_left(ctx: _Ctx, names: list[_Cand]) -> None:
    """"la Russie", "l'ONU", "le Hamas": organisations and states take their article."""
    for c in names:
        if c.kind != "name" or _is_person(ctx, c) or c.start != (c.core or (c.start,))[0]:
            continue
        i = c.start - 1
        if i >= 0 and ctx.keys[i] in ctx.kb.words.get("determiners", ()) and ctx.keys[i] not in ctx.kb.words.get(
                "not_name_determiners", ()):
            c.start = i


# --- pass 3: resolution -----------------------------------------------------------
def _count_countries(ctx: _Ctx, cands: list[_Cand]) -> None:
    """Which country the story is about: used for bare "la junte", "le Premier ministre"."""
    for c in cands:
        for h in c.hits[:1]:
            ent = ctx.kb.entities[h.entity_id]
            if ent.type == "GPE":
                ctx.countries[ent.country] += 1
    for t, k in enumerate(ctx.keys):
        ref = ctx.kb.adjectives.get(k) if k else None
        if ref in ctx.kb.entities and ctx.kb.entities[ref].type == "GPE":
            ctx.countries[ref] += 1
    top = ctx.countries.most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] >= 1.5 * top[1][1]):
        ctx.main_country = top[0][0]


def _choose(ctx: _Ctx, hits: list[AliasHit]) -> tuple[Entity | None, AliasHit | None]:
    """Pick one entity for an ambiguous alias: seen in the document, then active on the date."""
    ents = [(ctx.kb.entities[h.entity_id], h) for h in hits]
    uniq = {e.id: (e, h) for e, h in ents}
    if len(uniq) == 1:
        return next(iter(uniq.values()))
    seen = [v for k, v in uniq.items() if _cluster_id(v[0]) in ctx.clusters]
    if len(seen) == 1:
        return seen[0]
    live = [v for v in uniq.values() if _active(v[0], ctx.published)]
    if len(live) == 1:
        return live[0]
    return None, None


def _active(ent: Entity, on: dt.date | None) -> bool:
    if ent.type == "PER":
        return any((r.start is None or on is None or r.start <= on) and
                   (r.end is None or on is None or on <= r.end) for r in ent.roles)
    return ent.active(on)


def _cluster_id(ent: Entity) -> str:
    return {"PER": "per:", "GPE": "gpe:"}.get(ent.type, "org:") + ent.id


def _entity_actor(ctx: _Ctx, ent: Entity, text: str, role_hint: str | None = None) -> Actor:
    """Actor for a KB entity, with the role it held on the publication date."""
    role = role_hint
    sector, country = ent.sector, ent.country
    if ent.type == "PER":
        spell = ent.spell(ctx.published)
        if spell is not None:
            role = ctx.kb.role_description(spell.role, spell.country, spell.org)
            sector = spell.sector or sector
            country = spell.country or country
    return Actor(text=text, name=ent.name, country=country, sector=sector, id=ent.id,
                 type=ent.type, role=role)


def _text(ctx: _Ctx, c: _Cand) -> str:
    return ctx.doc[c.start:c.end].text  # a span's text: Doc.text would rebuild the whole document


def _resolve_name(ctx: _Ctx, c: _Cand, text: str, title: _Cand | None = None) -> None:
    """Code a name: KB entity, else a surname seen earlier, else a new unknown actor."""
    ent, hit = _choose(ctx, c.hits) if c.hits else (None, None)
    if ent is not None and hit is not None and hit.surname and not _surname_ok(ctx, ent, c):
        ent = None
    if ent is not None:
        c.entity, c.cluster = ent, _cluster_id(ent)
        c.actor = _entity_actor(ctx, ent, text)
        _remember(ctx, c)
        return
    _resolve_unknown(ctx, c, text, title)


def _surname_ok(ctx: _Ctx, ent: Entity, c: _Cand) -> bool:
    """A bare surname is trusted when the person is in the story, active, or tagged PER."""
    if _cluster_id(ent) in ctx.clusters or _active(ent, ctx.published):
        return True
    tok = ctx.doc[c.core[0] if c.core else c.start]
    return tok.ent_type_ == "PER" or c.start < (c.core or (c.start,))[0]


def _resolve_unknown(ctx: _Ctx, c: _Cand, text: str, title: _Cand | None) -> None:
    core = _core_text(ctx, c)
    k = key(core)
    cluster = ctx.surnames.get(k) if " " not in k else None
    if cluster and cluster in ctx.cluster_actor:
        prev = ctx.cluster_actor[cluster]
        c.cluster, c.entity = cluster, ctx.clusters.get(cluster)
        c.actor = Actor(text, prev.name, prev.country, prev.sector, prev.id, prev.type, prev.role)
        return
    typ = "PER" if c.ner == "PER" or title is not None else ("ORG" if c.ner == "ORG" else "PER")
    country, sector, role = (title.qual_country if title else None), None, None
    if title is not None:
        sector, role = _title_sector(title), title.role
    c.cluster = ("per:" if typ == "PER" else "org:") + k
    c.actor = Actor(text, core, country, sector, None, typ, role)
    _remember(ctx, c)


def _core_text(ctx: _Ctx, c: _Cand) -> str:
    s, e = c.core or (c.start, c.end)
    return ctx.doc[s:e].text


def _remember(ctx: _Ctx, c: _Cand) -> None:
    """Record the cluster and index the words of a person's full name for later surnames."""
    ctx.clusters.setdefault(c.cluster, c.entity)
    ctx.cluster_actor.setdefault(c.cluster, c.actor)
    if c.actor is not None and c.actor.type == "PER":
        words = key(_core_text(ctx, c)).split(" ")
        if len(words) > 1:
            for w in (words[0], words[-1]):
                if len(w) > 2:
                    ctx.surnames.setdefault(w, c.cluster)


def _title_sector(c: _Cand) -> str | None:
    return c.title.entry.sector if c.title and c.title.entry is not None else None


def _qual_country(ctx: _Ctx, c: _Cand) -> tuple[str | None, str | None]:
    """(country, organisation name) of a description's qualifier."""
    if not c.qual:
        return None, None
    ent = ctx.kb.entities.get(c.qual)
    if ent is None:
        return None, None
    if c.qual_kind == "person":
        return ent.country, None
    if ent.type == "GPE":
        return ent.country, None
    if ent.country in ("IGO", "NGO"):
        return ent.country, ent.name
    return ent.country, None


def _resolve_title(ctx: _Ctx, c: _Cand, text: str) -> None:
    """A description: with a name, code the name; otherwise find the office holder."""
    country, org = _qual_country(ctx, c)
    c.qual_country = country
    c.role = _role_name(ctx, c, country, org)
    if c.name is not None:
        _resolve_name(ctx, c.name, text, title=c)
        c.actor, c.cluster, c.entity = c.name.actor, c.name.cluster, c.name.entity
        if c.actor is not None and c.entity is None and c.title.kind == "role":
            c.actor = Actor(text, c.actor.name, c.actor.country or country,
                            c.actor.sector or _title_sector(c), None, "PER", c.role)
            ctx.cluster_actor[c.cluster] = c.actor
        return
    if c.title.kind == "counterpart":
        _resolve_counterpart(ctx, c, text, country)
        return
    _resolve_office(ctx, c, text, country or (None if c.qual_unknown else ctx.main_country), org)


def _role_name(ctx: _Ctx, c: _Cand, country: str | None, org: str | None) -> str | None:
    keys = _role_keys(ctx, c, country)
    return ctx.kb.role_description(keys[0], country, org) if keys else None


def _role_keys(ctx: _Ctx, c: _Cand, country: str | None) -> list[str]:
    e = c.title.entry if c.title else None
    if e is None or not hasattr(e, "roles"):
        return []
    roles = list(e.roles)
    if country in e.by_country:
        roles = [e.by_country[country]] + roles
    if e.leader and country in ctx.kb.leader_role:
        roles = [ctx.kb.leader_role[country]] + roles
    return roles


def _resolve_office(ctx: _Ctx, c: _Cand, text: str, country: str | None, org: str | None) -> None:
    """"le chef de la diplomatie russe" on a date -> the minister then in office."""
    if country is None and org is None:
        return
    for role in _role_keys(ctx, c, country):
        ent = ctx.kb.holder(role, country, ctx.published, org)
        if ent is not None:
            c.entity, c.cluster = ent, _cluster_id(ent)
            c.actor = _entity_actor(ctx, ent, text)
            _remember(ctx, c)
            return
    body = ctx.kb.entities.get(c.qual) if org and c.qual_kind == "org" else None
    if body is not None:  # "les chefs d'État de la Cédéao", no known holder: the body acts (as coders code it)
        c.cluster = _cluster_id(body)
        c.actor = _entity_actor(ctx, body, text)
        return
    c.actor = Actor(text, None, country, _title_sector(c) or ("IGO" if org else None), None, "PER", c.role)
    c.cluster = f"desc:{country}:{c.role}"
    _remember(ctx, c)


def _resolve_counterpart(ctx: _Ctx, c: _Cand, text: str, country: str | None) -> None:
    """"son homologue nord-coréen": same office as the person just mentioned, other country."""
    other = ctx.last_role
    if other is None or country is None:
        return
    ent = ctx.kb.holder(other, country, ctx.published)
    if ent is not None:
        c.entity, c.cluster = ent, _cluster_id(ent)
        c.actor = _entity_actor(ctx, ent, text)
        _remember(ctx, c)
        return
    c.actor = Actor(text, None, country, "GOV", None, "PER", ctx.kb.role_description(other, country, None))
    c.cluster = f"desc:{country}:{other}"


def _resolve_group(ctx: _Ctx, c: _Cand, text: str) -> None:
    """"l'armée nigérienne", "les autorités maliennes", "la junte", "les rebelles du M23"."""
    e = c.title.entry
    country, org = _qual_country(ctx, c)
    head = ctx.keys[c.title_start] or ""
    if c.name is not None and c.qual_kind == "org":
        _resolve_name(ctx, c.name, text)
        c.actor, c.cluster, c.entity = c.name.actor, c.name.cluster, c.name.entity
        return
    if country is None and (e.qualified or c.qual_unknown):
        return
    if country is None:
        country = ctx.groups.get(head, (None, ""))[0] or _group_default(ctx, e)
    if e.junta and _junta(ctx, c, text, country):
        return
    if e.state and country and country in ctx.kb.entities and ctx.kb.entities[country].type == "GPE":
        ent = ctx.kb.entities[country]
        c.entity, c.cluster = ent, _cluster_id(ent)
        c.actor = Actor(text, ent.name, country, e.sector, ent.id, "GPE", None)
        return
    if country is None:
        return
    name = e.en.replace("{country}", _country_name(ctx, country)) if e.en else None
    c.cluster = f"grp:{country}:{e.sector}:{head}"
    c.actor = Actor(text, name if org is None else org, country, e.sector, None, "ORG", None)
    ctx.groups.setdefault(head, (country, c.cluster))


def _group_default(ctx: _Ctx, e) -> str | None:
    return ctx.main_country


def _country_name(ctx: _Ctx, country: str) -> str:
    ent = ctx.kb.entities.get(country)
    return ent.name if ent else country


def _junta(ctx: _Ctx, c: _Cand, text: str, country: str | None) -> bool:
    """A bare "la junte": the ruling military council of the story's country on the date."""
    juntas = [e for e in ctx.kb.entities.values() if e.junta and e.active(ctx.published)]
    if country:
        juntas = [e for e in juntas if e.country == country]
    else:
        juntas = [e for e in juntas if ctx.countries.get(e.country)]
    if len(juntas) != 1:
        return False
    ent = juntas[0]
    c.entity, c.cluster = ent, _cluster_id(ent)
    c.actor = _entity_actor(ctx, ent, text)
    return True


def _resolve_all(ctx: _Ctx, cands: list[_Cand]) -> None:
    for c in cands:
        text = _text(ctx, c)
        if c.kind == "name":
            _resolve_name(ctx, c, text)
        elif c.kind == "title":
            _resolve_title(ctx, c, text)
        elif c.kind == "group":
            _resolve_group(ctx, c, text)
        if c.actor is not None and c.actor.type == "PER" and c.entity is not None:
            spell = c.entity.spell(ctx.published)
            ctx.last_role = spell.role if spell else ctx.last_role


# --- pronouns ---------------------------------------------------------------------
def _pronouns(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Subject il/elle/ils/elles -> the latest compatible actor of the last two sentences."""
    out, taken = [], {t for c in cands for t in range(c.start, c.end)}
    people = [c for c in cands if c.actor is not None]
    for tok in ctx.doc:
        info = ctx.kb.pronouns.get(ctx.keys[tok.i] or "")
        if info is None or tok.i in taken or not tok.dep_.startswith(_SUBJ):
            continue
        ante = _antecedent(ctx, tok, info, people)
        if ante is not None:
            p = _Cand(tok.i, tok.i + 1, "pronoun", actor=ante.actor, cluster=ante.cluster,
                      entity=ante.entity)
            out.append(p)
    return out


def _antecedent(ctx: _Ctx, tok, info: tuple[str, str], people: list[_Cand]) -> _Cand | None:
    gender, number = info
    limit = _sentence_start(tok, back=2)
    pool = [c for c in people if limit <= c.start < tok.i and _compatible(ctx, c, gender, number)]
    if not pool:
        return None
    subj = [c for c in pool if ctx.doc[c.head_i].dep_.startswith(_SUBJ)] if number == "sg" else []
    return (subj or pool)[-1]


def _sentence_start(tok, back: int) -> int:
    sent = tok.sent
    start = sent.start
    for _ in range(back):
        if start == 0:
            break
        start = tok.doc[start - 1].sent.start
    return start


def _compatible(ctx: _Ctx, c: _Cand, gender: str, number: str) -> bool:
    if number == "pl":
        return c.kind == "group" and c.plural
    if c.actor.type != "PER" or c.plural:
        return False
    g = c.entity.gender if c.entity is not None and c.entity.gender else ("f" if c.feminine else None)
    return g is None or g == gender


# --- entry point ------------------------------------------------------------------
def _merge(names: list[_Cand], descs: list[_Cand]) -> list[_Cand]:
    keep = [c for c in names if c.kind == "name"] + descs
    keep.sort(key=lambda c: (c.start, -c.end))
    out, last = [], -1
    for c in keep:
        if c.start >= last:
            out.append(c)
            last = c.end
    return out


def _to_mention(ctx: _Ctx, c: _Cand) -> Mention:
    doc = ctx.doc
    span = doc[c.start:c.end]
    return Mention(c.start, c.end, span.start_char, span.end_char, _text(ctx, c),
                   c.head_i, c.actor, c.cluster or "")


def resolve_mentions(doc, published: dt.date | None, kb: KnowledgeBase | None = None) -> list[Mention]:
    """Every actor mention of a parsed document, coded and clustered (see module doc)."""
    ctx = _Ctx(doc, kb or default_kb(), published)
    names = _alias_cands(ctx)
    names = sorted(names + _ner_cands(ctx, names), key=lambda c: c.start)
    descs = _title_cands(ctx, names)
    _appositions(ctx, names, descs)
    _extend_names_left(ctx, names)
    cands = _merge(names, descs)
    for c in cands:
        c.head_i = doc[c.start:c.end].root.i
    _count_countries(ctx, cands)
    _resolve_all(ctx, cands)
    cands = [c for c in cands if c.actor is not None]
    cands += _pronouns(ctx, cands)
    for c in cands:
        if c.kind == "pronoun":
            c.head_i = c.start
    cands.sort(key=lambda c: c.start)
    return [_to_mention(ctx, c) for c in cands]
