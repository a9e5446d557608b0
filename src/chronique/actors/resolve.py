"""Find the actors of a parsed document and code them (who is who).

Three passes over the spaCy `Doc`: names and descriptions (``candidates``), then resolution in
reading order (here), which links surnames, "M. X" and descriptions (office holder on the
publication date) to one in-document cluster per real entity; subject pronouns then join the
cluster of their antecedent (``coref``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..model import Actor
from ..parse import parsed, span_chars, span_text
from .candidates import Candidate, Context, find_candidates
from .ambiguity import active, decide
from .context import context_countries, count_countries, sentence_country
from .coref import bare_titles, collectives, descriptions, pronouns
from .kb import AliasHit, Entity, KnowledgeBase
from .text import key


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


@dataclass(frozen=True)
class Resolved:
    """A document's actor mentions, and the names that found no political actor (for the user to see)."""

    mentions: list[Mention]
    unresolved: list[Mention]
    adjectives: dict[str, str]  # nationality adjectives as the document reads them (``KnowledgeBase.adjectives_in``)

    def adjective(self, text: str) -> str | None:
        """The state (or organisation id) a nationality adjective of this document stands for."""
        return self.adjectives.get(key(text))


def resolve_mentions(doc, published: dt.date | None, kb: KnowledgeBase) -> list[Mention]:
    """Every actor mention of a parsed document, coded with the language's knowledge base ``kb``
    and clustered (see module doc)."""
    return resolve_document(doc, published, kb).mentions


def resolve_document(doc, published: dt.date | None, kb: KnowledgeBase) -> Resolved:
    """``resolve_mentions``, plus the unresolved names: a name with no knowledge-base entry, no title
    and no country or sector from its context codes no political actor ("Biarritz" read as a person,
    "Constitution"); it stays out of the actors and of the events, and is kept apart. A full person name
    ("Jacques Chirac", first name and surname) stays an actor even so: on all of ../shared/train, the events
    it does were dropped for want of a doer (type+actor F1 0.690 -> 0.693, full 0.442 -> 0.443; gold people
    linked 0.913 -> 0.961 on seeds + dev)."""
    with parsed(doc):
        ctx = Context(doc, kb, published)
        cands = find_candidates(ctx)
        count_countries(ctx, cands)
        _resolve_all(ctx, cands)
        bare_titles(ctx, cands)
        unresolved = [c for c in cands if c.kind == "name" and (c.actor is None or _uncoded(c.actor))
                      and not _full_person_name(ctx, c)]
        cands = [c for c in cands if c.actor is not None and c not in unresolved]
        cands += pronouns(ctx, cands)
        cands += descriptions(ctx, cands)
        cands += collectives(ctx, cands)
        cands.sort(key=lambda c: c.start)
        return Resolved([_to_mention(ctx, c) for c in cands],
                        [_to_mention(ctx, replace(c, actor=c.actor or Actor(_text(ctx, c)))) for c in unresolved],
                        ctx.adjectives)


def _full_person_name(ctx: Context, c: Candidate) -> bool:
    """A first name and a surname the parser reads as a person ("Jacques Chirac"): someone, even unknown to
    the knowledge base, who can do an event (its country comes from the place or the story)."""
    s, e = c.core or (c.start, c.end)
    words = [t for t in ctx.toks[s:e] if t.is_alpha]
    return (c.actor is not None and c.ner == "PER" and len(words) >= 2
            and all(t.text[:1].isupper() for t in words))


def _uncoded(a: Actor) -> bool:
    """No entry, no country, no sector, no role: nothing to code the name as."""
    return a.id is None and a.country is None and a.sector is None and a.role is None


def _to_mention(ctx: Context, c: Candidate) -> Mention:
    """The frozen record of a resolved candidate."""
    start_char, end_char = span_chars(ctx.doc, c.start, c.end)
    return Mention(c.start, c.end, start_char, end_char, _text(ctx, c),
                   c.head_i, c.actor, c.cluster or "")


# --- resolution, in reading order -------------------------------------------------
def _choose(ctx: Context, c: Candidate) -> tuple[Entity | None, AliasHit | None]:
    """One entity for a name's aliases, by ``ambiguity.decide`` in the mention's country context."""
    seen = {e.id for e in ctx.clusters.values() if e is not None}
    own = _adjective_after(ctx, c)  # "le ministère des Affaires étrangères russe": that state's, or none of them
    ent = decide(ctx.kb, (h.entity_id for h in c.hits), [own] if own else context_countries(ctx, c.start),
                 seen, ctx.published)
    return (ent, next(h for h in c.hits if h.entity_id == ent.id)) if ent is not None else (None, None)


def _adjective_after(ctx: Context, c: Candidate) -> str | None:
    """The country of a nationality adjective right after a name ("le PS sénégalais"), else None."""
    ref = ctx.adjectives.get(ctx.keys[c.end] or "") if c.end < len(ctx.keys) else None
    ent = ctx.kb.entities.get(ref) if ref else None
    return ent.country if ent is not None and ent.type == "GPE" else None


def _cluster_id(ent: Entity) -> str:
    return {"PER": "per:", "GPE": "gpe:"}.get(ent.type, "org:") + ent.id


def _entity_actor(ctx: Context, ent: Entity, text: str, role_hint: str | None = None) -> Actor:
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


def _text(ctx: Context, c: Candidate) -> str:
    return span_text(ctx.doc, c.start, c.end)  # a span's text: Doc.text would rebuild the whole document


def _resolve_name(ctx: Context, c: Candidate, text: str, title: Candidate | None = None) -> None:
    """Code a name: KB entity, else a surname seen earlier, else a new unknown actor."""
    ent, hit = _choose(ctx, c) if c.hits else (None, None)
    if ent is not None and hit is not None and hit.surname and not _surname_ok(ctx, ent, c):
        ent = None
    if ent is not None:
        c.entity, c.cluster = ent, _cluster_id(ent)
        c.actor = _entity_actor(ctx, ent, text)
        _remember(ctx, c)
        return
    if c.hits and _generic_body(ctx, c, text):
        return
    _resolve_unknown(ctx, c, text, title)


def _generic_body(ctx: Context, c: Candidate, text: str) -> bool:
    """A body every state has whose holder for the state meant the knowledge base lacks: that state's body, in
    the sector they share. The state is the nationality adjective after it ("le ministère des Affaires étrangères
    russe"), else, as for a group, the sentence's place or the story's country ("la Cour constitutionnelle" in a
    story on Spain)."""
    own = _adjective_after(ctx, c) or next(iter(context_countries(ctx, c.start) if len(c.hits) > 1 else ()), None)
    sectors = {ctx.kb.entities[h.entity_id].sector for h in c.hits}
    if own is None or len(sectors) != 1 or any(ctx.kb.entities[h.entity_id].type != "ORG" for h in c.hits):
        return False
    c.cluster = f"org:{own}:{key(_core_text(ctx, c))}"
    c.actor = Actor(text, None, own, sectors.pop(), None, "ORG", None)
    _remember(ctx, c)
    return True


def _surname_ok(ctx: Context, ent: Entity, c: Candidate) -> bool:
    """A bare surname is trusted when the person is in the story, active, or tagged PER."""
    if _cluster_id(ent) in ctx.clusters or active(ent, ctx.published):
        return True
    tok = ctx.toks[c.core[0] if c.core else c.start]
    return tok.ent_type_ == "PER" or c.start < (c.core or (c.start,))[0]


def _resolve_unknown(ctx: Context, c: Candidate, text: str, title: Candidate | None) -> None:
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


def _core_text(ctx: Context, c: Candidate) -> str:
    s, e = c.core or (c.start, c.end)
    return span_text(ctx.doc, s, e)


def _remember(ctx: Context, c: Candidate) -> None:
    """Record the cluster and index the words of a person's full name for later surnames."""
    ctx.clusters.setdefault(c.cluster, c.entity)
    ctx.cluster_actor.setdefault(c.cluster, c.actor)
    if c.actor is not None and c.actor.type == "PER":
        words = key(_core_text(ctx, c)).split(" ")
        if len(words) > 1:
            for w in (words[0], words[-1]):
                if len(w) > 2:
                    ctx.surnames.setdefault(w, c.cluster)


def _title_sector(c: Candidate) -> str | None:
    return c.title.entry.sector if c.title and c.title.entry is not None else None


def _qual_country(ctx: Context, c: Candidate) -> tuple[str | None, str | None]:
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


def _resolve_title(ctx: Context, c: Candidate, text: str) -> None:
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


def _role_name(ctx: Context, c: Candidate, country: str | None, org: str | None) -> str | None:
    keys = _role_keys(ctx, c, country)
    return ctx.kb.role_description(keys[0], country, org) if keys else None


def _role_keys(ctx: Context, c: Candidate, country: str | None) -> list[str]:
    e = c.title.entry if c.title else None
    if e is None or not hasattr(e, "roles"):
        return []
    roles = list(e.roles)
    if country in e.by_country:
        roles = [e.by_country[country]] + roles
    if e.leader and country in ctx.kb.leader_role:
        roles = [ctx.kb.leader_role[country]] + roles
    return roles


def _resolve_office(ctx: Context, c: Candidate, text: str, country: str | None, org: str | None) -> None:
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


def _resolve_counterpart(ctx: Context, c: Candidate, text: str, country: str | None) -> None:
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


def _resolve_group(ctx: Context, c: Candidate, text: str) -> None:
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
    if country is None:  # the sentence's place, the same group met before, the story's country
        country = sentence_country(ctx, c.start) or ctx.groups.get(head, (None, ""))[0] or ctx.main_country
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


def _country_name(ctx: Context, country: str) -> str:
    ent = ctx.kb.entities.get(country)
    return ent.name if ent else country


def _junta(ctx: Context, c: Candidate, text: str, country: str | None) -> bool:
    """A bare "la junte": the ruling military council of the story's country on the date, coded GOV: it governs."""
    juntas = [e for e in ctx.kb.juntas if e.active(ctx.published)]
    if country:
        juntas = [e for e in juntas if e.country == country]
    else:
        juntas = [e for e in juntas if ctx.countries.get(e.country)]
    if len(juntas) != 1:
        return False
    ent = juntas[0]
    c.entity, c.cluster = ent, _cluster_id(ent)
    c.actor = replace(_entity_actor(ctx, ent, text), sector="GOV")
    return True


def _resolve_all(ctx: Context, cands: list[Candidate]) -> None:
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
