"""Coreference: a subject "il", "elle", "ils", "elles" joins the cluster of its antecedent, and so does a
definite noun that stands for the state or body last named ("le pays", "l'organisation régionale")."""
from __future__ import annotations

from .candidates import Candidate, Context

_SUBJ = ("nsubj", "nsubj:pass", "expl:subj")


def pronouns(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Subject pronouns (the language's ``titles.yaml`` pronouns: il/elle/ils/elles) -> the latest
    compatible actor of the last two sentences, as new candidates."""
    out, taken = [], {t for c in cands for t in range(c.start, c.end)}
    people = [c for c in cands if c.actor is not None]
    for tok in ctx.doc:
        info = ctx.kb.pronouns.get(ctx.keys[tok.i] or "")
        if info is None or tok.i in taken or not tok.dep_.startswith(_SUBJ):
            continue
        ante = _antecedent(ctx, tok, info, people)
        if ante is not None:
            out.append(Candidate(tok.i, tok.i + 1, "pronoun", actor=ante.actor, cluster=ante.cluster,
                                 entity=ante.entity, head_i=tok.i))
    return out


def _antecedent(ctx: Context, tok, info: tuple[str, str, bool], people: list[Candidate]) -> Candidate | None:
    """The latest compatible actor; for a singular pronoun, the latest such subject unless the pronoun
    names the last-named one ("ce dernier")."""
    gender, number, last = info
    limit = _sentence_start(tok, back=2)
    pool = [c for c in people if limit <= c.start < tok.i and _compatible(ctx, c, gender, number)]
    if not pool:
        return None
    subj = [c for c in pool if ctx.doc[c.head_i].dep_.startswith(_SUBJ)] if number == "sg" and not last else []
    return (subj or pool)[-1]


def _sentence_start(tok, back: int) -> int:
    sent = tok.sent
    start = sent.start
    for _ in range(back):
        if start == 0:
            break
        start = tok.doc[start - 1].sent.start
    return start


def _compatible(ctx: Context, c: Candidate, gender: str, number: str) -> bool:
    if number == "pl":
        return c.kind == "group" and c.plural
    if c.actor.type != "PER" or c.plural:
        return False
    g = c.entity.gender if c.entity is not None and c.entity.gender else ("f" if c.feminine else None)
    return g is None or g == gender


def descriptions(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Definite nouns of the language's ``anaphors`` ("le pays", "l'organisation régionale") -> the
    latest state or international body named in the last two sentences, as new candidates."""
    out, taken = [], {t for c in cands for t in range(c.start, c.end)}
    named = [c for c in cands if c.kind == "name" and c.actor is not None]
    for tok in ctx.doc:
        refers = ctx.kb.anaphors.get(ctx.keys[tok.i] or "")
        if refers is None or tok.i in taken or tok.pos_ != "NOUN" or not _anaphoric(ctx, tok):
            continue
        limit = _sentence_start(tok, back=2)
        pool = [c for c in named if limit <= c.start < tok.i and _stands_for(ctx, c, refers)]
        if pool:
            ante = pool[-1]
            out.append(Candidate(tok.i, tok.i + 1, "anaphor", actor=ante.actor, cluster=ante.cluster,
                                 entity=ante.entity, head_i=tok.i))
    return out


def _anaphoric(ctx: Context, tok) -> bool:
    """Singular, definite, and with no name, nationality or blocking adjective of its own."""
    if "Plur" in tok.morph.get("Number"):
        return False
    definite = ctx.kb.words["anaphor_determiners"]
    if not any(c.dep_ in ("det", "case") and (ctx.keys[c.i] or "") in definite for c in tok.children):
        return False
    blockers = ctx.kb.words["anaphor_blockers"]
    for c in tok.children:
        if c.dep_ in ("nmod", "appos", "flat:name", "acl:relcl"):
            return False  # "l'organe de l'État", "le pays de Poutine", "le pays où…": described, not pointed back
        if c.dep_ == "amod" and (ctx.kb.adjective(c.text) or (ctx.keys[c.i] or "") in blockers):
            return False
    return True


def _stands_for(ctx: Context, c: Candidate, refers: str) -> bool:
    """A state named as a participant (not "à Accra", "en Russie"), or an international body."""
    if refers == "organisation":
        return c.actor.country == "IGO"
    before = ctx.keys[c.start - 1] if c.start > 0 else None
    return c.actor.type == "GPE" and (before or "") not in ctx.kb.words["locatives"]
