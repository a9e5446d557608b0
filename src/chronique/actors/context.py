"""Which country a mention is about when it does not say: the sentence's place, else the story's country.

Used to decide an alias that several bodies share ("le PS", "l'Assemblée nationale", "le ministère
de l'Intérieur") and to give unnamed groups ("des manifestants", "la police") a country. Closest
evidence first: an adjective in the mention (read by the caller), then the place of the sentence (a
country, capital or seat of power named after "à/en/au/dans"), then the document's main country.
"""
from __future__ import annotations

from ..parse import sentence_at
from .candidates import Candidate, Context
from .kb import Entity


def count_countries(ctx: Context, cands: list[Candidate]) -> None:
    """Record the countries each sentence names, and the story's main country.

    Every country name, capital and nationality adjective counts once, and so does every name of a person
    or body of a state that the knowledge base knows unambiguously ("François Hollande"; on all of
    ../shared/train type+actor F1 0.675 -> 0.681, dev 0.739 -> 0.741, validation stories 0.675 -> 0.676);
    the title (first sentence) counts twice, since it says what the story is about. The main country is
    the only one named, or one named twice with a clear lead (half as many again as the next): a story
    split between two countries has none, and its unnamed groups take the sentence's place or stay uncoded
    rather than take a guess.
    (A short dispatch naming its country once, "le ministère de l'Éducation du Sénégal", is that
    country's: on the validation stories of ../shared/train type+actor F1 0.665 -> 0.672, on all of it
    0.667 -> 0.670; dev unchanged, full F1 0.533 -> 0.528 on recipients its annotators left out.)
    """
    doc, kb = ctx.doc, ctx.kb
    first = next(iter(doc.sents), None)
    title_end = first.end if first is not None else 0
    for c in cands:
        ent = _only_entity(ctx, c)
        if ent is None or ent.type != "GPE":
            owner = kb.entities.get(ent.country or "") if ent is not None else None
            if owner is not None and owner.type == "GPE":  # "Hollande", "le Parquet de Ouagadougou": a state's
                ctx.countries[owner.id] += 2 if c.start < title_end else 1
            continue
        iso = ent.country  # a state, its capital or seat
        ctx.countries[iso] += 2 if c.start < title_end else 1
        sent = sentence_at(doc, c.start).start
        ctx.sentence_places.setdefault(sent, []).append((iso, _after_locative(ctx, c.start)))
    for t, k in enumerate(ctx.keys):
        ref = ctx.adjectives.get(k) if k else None
        if ref in kb.entities and kb.entities[ref].type == "GPE":
            ctx.countries[ref] += 2 if t < title_end else 1
    top = ctx.countries.most_common(2)
    if top and (len(top) == 1 or (top[0][1] >= 2 and top[0][1] >= 1.5 * top[1][1])):
        ctx.main_country = top[0][0]


def _only_entity(ctx: Context, c: Candidate) -> Entity | None:
    """The one entity a name candidate can be, else None (no hit, or an alias several entries share)."""
    ids = {h.entity_id for h in c.hits}
    return ctx.kb.entities[ids.pop()] if len(ids) == 1 else None


def _after_locative(ctx: Context, i: int) -> bool:
    """True when the name follows "à", "en", "au", "dans" (possibly with an article): a place."""
    words = ctx.kb.words
    j = i - 1
    while j >= 0 and ctx.keys[j] in words.get("determiners", ()):
        j -= 1
    return j >= 0 and ctx.keys[j] in words.get("locatives", ())


def sentence_country(ctx: Context, i: int) -> str | None:
    """The place of token i's sentence: the one country named as a place there ("à Dakar", "au Mali"),
    else None (a country merely named, "Pyongyang a répondu", is an actor, not the scene)."""
    located = {iso for iso, loc in ctx.sentence_places.get(sentence_at(ctx.doc, i).start, []) if loc}
    return next(iter(located)) if len(located) == 1 else None


def context_countries(ctx: Context, i: int, own: str | None = None) -> list[str]:
    """The countries that may decide for a mention at token i, closest first (own adjective, sentence,
    document), each once."""
    out = [own, sentence_country(ctx, i), ctx.main_country]
    return list(dict.fromkeys(c for c in out if c))

