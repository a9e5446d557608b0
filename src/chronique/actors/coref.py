"""Coreference: a subject "il", "elle", "ils", "elles" or an object clitic ("l'a félicité") joins the cluster
of its antecedent, and so does a definite noun that stands for the state or body last named ("le pays",
"l'organisation régionale"); a counted plural ("les deux pays") joins the clusters of that many states,
parties or people last named; a bare office title that found no holder ("le ministre") is the person last
named."""
from __future__ import annotations

from dataclasses import replace

from ..parse import children, morph, sentence, sentence_at, span_text
from .candidates import Candidate, Context

_SUBJ = ("nsubj", "nsubj:pass", "expl:subj")
_OBJ = ("obj", "iobj")


def pronouns(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Subject pronouns (the language's ``titles.yaml`` pronouns: il/elle/ils/elles) -> the latest
    compatible actor of the last two sentences, and object clitics (``object_pronouns``: "l'a félicité") -> the
    latest that is not their verb's subject, as new candidates."""
    out, taken = [], {t for c in cands for t in range(c.start, c.end)}
    people = [c for c in cands if c.actor is not None]
    for tok in ctx.toks:
        if tok.i in taken:
            continue
        info = ctx.kb.pronouns.get(ctx.keys[tok.i] or "")
        if info is not None and tok.dep_.startswith(_SUBJ):
            ante = _antecedent(ctx, tok, info, people)
        elif tok.dep_ in _OBJ and tok.pos_ in ("PRON", "DET") and tok.i < tok.head.i and tok.lower_ in ctx.kb.object_pronouns:
            ante = _object_antecedent(ctx, tok, ctx.kb.object_pronouns[tok.lower_], people, out)
        else:
            continue
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
    subj = [c for c in pool if ctx.toks[c.head_i].dep_.startswith(_SUBJ)] if number == "sg" and not last else []
    return (subj or pool)[-1]


def _object_antecedent(ctx: Context, tok, info: tuple[str | None, str], people: list[Candidate],
                       resolved: list[Candidate]) -> Candidate | None:
    """The latest compatible actor of the last two sentences that is not the clause's own subject ("Biden l'a
    félicité": not Biden; "Kim, alors que celui-ci le recevait": not Kim), named or a pronoun already resolved."""
    gender, number = info
    if any(ctx.keys[c.i] in ctx.kb.words["neuter_marks"] for c in children(tok.head) if c.i < tok.i):
        return None  # "comme le réclame l'ONU": "le" stands for what is said, not for a party
    subjects = {c.i for c in children(tok.head) if c.dep_.startswith(_SUBJ)}
    own = {c.cluster for c in people + resolved if c.head_i in subjects}
    limit = _sentence_start(tok, back=2)
    pool = [c for c in people if limit <= c.start < tok.i and c.head_i not in subjects and c.cluster not in own
            and (_compatible(ctx, c, gender, number) or _state_object(ctx, tok, c, number))]
    return pool[-1] if pool else None


def _state_object(ctx: Context, tok, c: Candidate, number: str) -> bool:
    """A state named in the same sentence, taken up by the clitic of a participle clause hung on it ("a rompu
    avec le Maroc, l'accusant d'ingérence"; the parser may tag that "l'" a determiner)."""
    return (number == "sg" and c.actor.type == "GPE" and not c.plural and c.kind == "name"
            and c.start >= tok.sent.start and "Part" in tok.head.morph.get("VerbForm")
            and "Pres" in tok.head.morph.get("Tense"))


def bare_titles(ctx: Context, cands: list[Candidate]) -> None:
    """A definite office title that found no holder, with no name or state of its own ("le ministre
    ultranationaliste a dénoncé…" in a story split between two states), is the latest person named in the last
    two sentences: French news names a person, then goes on with the office. (On all of ../shared/train
    type+actor F1 0.6887 -> 0.6892, validation stories 0.6838 -> 0.6843, dev 0.7438 -> 0.7449.)"""
    people = [c for c in cands if c.actor is not None and c.actor.type == "PER" and c.kind in ("name", "title")]
    definite = ctx.kb.words["anaphor_determiners"]
    for c in cands:
        if (c.kind != "title" or c.actor is not None or c.name is not None or c.qual or c.qual_unknown or c.plural
                or c.title is None or c.title.kind != "role"):
            continue
        if not any((ctx.keys[t] or "") in definite for t in range(c.start, c.title_start + 1)):
            continue
        limit = _sentence_start(ctx.toks[c.start], back=2)
        pool = [p for p in people if limit <= p.start < c.start]
        if pool:
            ante = pool[-1]
            c.actor, c.cluster, c.entity = replace(ante.actor, text=span_text(ctx.doc, c.start, c.end)), ante.cluster, ante.entity


def _sentence_start(tok, back: int) -> int:
    start = sentence(tok).start
    for _ in range(back):
        if start == 0:
            break
        start = sentence_at(tok.doc, start - 1).start
    return start


def _compatible(ctx: Context, c: Candidate, gender: str | None, number: str) -> bool:
    if number == "pl":
        return c.kind == "group" and c.plural
    if c.actor.type != "PER" or c.plural:
        return False
    g = c.entity.gender if c.entity is not None and c.entity.gender else ("f" if c.feminine else None)
    return gender is None or g is None or g == gender


def descriptions(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Definite nouns of the language's ``anaphors`` ("le pays", "l'organisation régionale") -> the
    latest state or international body named in the last two sentences, as new candidates."""
    out, taken = [], {t for c in cands for t in range(c.start, c.end)}
    named = [c for c in cands if c.kind == "name" and c.actor is not None]
    for tok in ctx.toks:
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
    if "Plur" in morph(tok, "Number"):
        return False
    definite = ctx.kb.words["anaphor_determiners"]
    if not any(c.dep_ in ("det", "case") and (ctx.keys[c.i] or "") in definite for c in children(tok)):
        return False
    blockers = ctx.kb.words["anaphor_blockers"]
    for c in children(tok):
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


def collectives(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Counted plurals of the language's ``collectives`` ("les deux pays", "ces trois dirigeants") -> one
    candidate per member on the same span: the last N distinct states, parties or people named in the last
    two sentences before it. Fewer than N named: nothing (the count is what makes the reference sure)."""
    out, taken = [], {t for c in cands for t in range(c.start, c.end)}
    named = [c for c in cands if c.kind in ("name", "title") and c.actor is not None and c.actor.country]
    for tok in ctx.toks:
        refers = ctx.kb.collectives.get(ctx.keys[tok.i] or "")
        if refers is None or tok.i in taken or tok.pos_ != "NOUN":
            continue
        n = _count(ctx, tok)
        if n is None:
            continue
        limit = _sentence_start(tok, back=2)
        pool = [c for c in named if limit <= c.start < tok.i and _member(ctx, c, refers)]
        found = _coordinated(ctx, pool, n, refers) or _last(pool, n, refers)
        out += [Candidate(tok.i, tok.i + 1, "anaphor", actor=c.actor, cluster=c.cluster, entity=c.entity,
                          head_i=tok.i) for c in found]
    return out


def _distinct(c: Candidate, refers: str) -> str:
    return c.actor.country if refers == "state" else (c.cluster or c.actor.name or "")


def _last(pool: list[Candidate], n: int, refers: str) -> list[Candidate]:
    """The last ``n`` distinct members named, in text order, or none if fewer were."""
    members: dict[str, Candidate] = {}
    for c in reversed(pool):
        members.setdefault(_distinct(c, refers), c)
        if len(members) == n:
            return list(reversed(members.values()))
    return []


def _coordinated(ctx: Context, pool: list[Candidate], n: int, refers: str) -> list[Candidate]:
    """The latest ``n`` members named together ("entre Israël et le Djihad islamique", "Paris et Berlin"):
    they, not the last names read, are the pair a count refers back to."""
    groups: dict[int, list[Candidate]] = {}
    for c in pool:
        head = ctx.toks[c.head_i]
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        groups.setdefault(head.i, []).append(c)
    for members in sorted(groups.values(), key=lambda g: -g[-1].start):
        if len({_distinct(c, refers) for c in members}) == n and len(members) == n:
            return members
    return []


def _count(ctx: Context, tok) -> int | None:
    """The number counting a plural noun under a collective determiner ("les deux", "des trois"), else None."""
    if not any(c.dep_ in ("det", "case") and (ctx.keys[c.i] or "") in ctx.kb.words["collective_determiners"]
               for c in children(tok)):
        return None
    return next((ctx.kb.collective_numbers[ctx.keys[c.i]] for c in children(tok)
                 if c.dep_ == "nummod" and (ctx.keys[c.i] or "") in ctx.kb.collective_numbers), None)


def _member(ctx: Context, c: Candidate, refers: str) -> bool:
    """A person, or a party of a country (not an international body) named as a participant: a place
    introduced by a preposition ("à Nairobi", "sur le Sahara occidental") is where, not who."""
    if refers == "person":
        return c.actor.type == "PER"
    if refers == "state" and c.actor.country == "IGO":
        return False
    head = ctx.toks[c.head_i]
    return c.actor.type != "GPE" or not any(
        k.dep_ == "case" and (ctx.keys[k.i] or "") not in ctx.kb.words["participant_cases"] for k in children(head))
