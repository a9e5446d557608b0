"""The learned type decision: which PLOVER type, if any, a candidate trigger token reports.

A linear (softmax) model over trigger-centred features — the token's lemma and form, its
dependency relation and head, its dependents with their prepositions, its morphology, its
neighbours, the content words of its clause, the types the rule lexicon proposes there — plus the
model's word vector of the token. Rules are precise about argument structure; which type a clause
reports is a lexical and contextual choice, so it is learned from annotated French news
(``chronique train``) and the weights ship in ``events/model/``. Features are hashed (no vocabulary
to ship) with a stable hash, so training and inference agree across processes.
"""
from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from chronique.parse import children, morph, sentence, subtree, tokens

MODEL_DIR = Path(__file__).parent / "model"
NONE = "NONE"
BUCKETS = 1 << 18
CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ"})
ARG_DEPS = ("nsubj", "nsubj:pass", "obj", "obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "xcomp",
            "iobj", "advcl", "acl", "acl:relcl", "ccomp", "amod", "advmod", "expl:comp", "expl:pv", "aux:pass")


def is_candidate(tok: Token) -> bool:
    """Tokens that can express an event: verbs, nouns, and participles the tagger read as adjectives."""
    if tok.pos_ in ("VERB", "NOUN"):
        return True
    return tok.pos_ == "ADJ" and (morph(tok, "VerbForm") == ["Part"] or any(
        c.dep_ in ("aux:tense", "aux:pass") for c in children(tok)))


def rule_labels(match) -> tuple[str, ...]:
    """The types a rule match stands for: its own, and the one it becomes when planned (CONSULT -> AGREE)."""
    trig = match.trigger
    return (trig.type, trig.future) if trig.future else (trig.type,)


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _case(t: Token) -> str:
    """The preposition introducing a complement ("à", "contre", "de"), or "-"."""
    marks = [c.lower_ for c in children(t) if c.dep_ in ("case", "mark")]
    return marks[0] if marks else "-"


def _clause(tok: Token) -> Token:
    """The verb heading the clause the token sits in (the token itself for a verb)."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            return t
        t = t.head
    return t


def features(tok: Token, rule_types: Iterable[str] = (), sent: Span | None = None,
             memo: dict[int, list[tuple[int, str]]] | None = None) -> list[str]:
    """The symbolic features of a candidate trigger token (strings, hashed by ``indices``).

    ``sent`` (the token's sentence) and ``memo`` (a dict kept for one document: clause -> its content words) only
    save work when many tokens are scored: ``Token.sent`` and clause subtrees are costly in spaCy."""
    lem, pos, dep, low = _lemma(tok), tok.pos_, tok.dep_, tok.lower_
    head = tok.head
    hl = _lemma(head)
    f = [f"l={lem}", f"p={pos}", f"lp={lem}|{pos}", f"w={low}", f"d={dep}",
         f"hl={hl}", f"hd={dep}|{hl}", f"hdp={dep}|{head.pos_}",
         f"lhd={lem}|{dep}|{hl}", f"suf={low[-3:]}"]
    if dep in ("obl", "obl:arg", "obl:mod", "nmod"):
        f.append(f"hcase={hl}|{_case(tok)}|{lem}")
    f.append(f"g2={_lemma(head.head)}|{head.dep_}")  # (also at the root, its own head: the model was trained so)
    for key, vals in tok.morph.to_dict().items():
        if key in ("Tense", "Mood", "VerbForm", "Voice", "Number", "Polarity"):
            f.append(f"m={key}={vals}")
    for c in children(tok):
        cdep = c.dep_
        if cdep not in ARG_DEPS and cdep not in ("advmod", "det", "nummod"):
            continue
        cl = _lemma(c)
        f.append(f"c={cdep}|{cl}")
        f.append(f"cd={cdep}")
        f.append(f"lc={lem}|{cdep}|{cl}")
        if cdep.startswith(("obl", "nmod")):
            case = _case(c)
            f.append(f"cp={cdep}|{case}|{cl}")
            f.append(f"lcp={lem}|{case}")
        ent = c.ent_type_
        if ent:
            f.append(f"ce={cdep}|{ent}")
        for gc in children(c):
            gdep = gc.dep_
            if gdep in ("obj", "obl", "obl:arg", "nmod", "xcomp"):
                f.append(f"cc={cdep}|{gdep}|{_lemma(gc)}")
    sent = sent if sent is not None else sentence(tok)
    doc = tokens(tok.doc)
    for off in (-2, -1, 1, 2):
        j = tok.i + off
        if sent.start <= j < sent.end:
            f.append(f"w{off}={_lemma(doc[j])}")
    clause = _clause(tok)
    if pos not in ("VERB", "AUX"):  # a verb is its own clause; a noun's is named, even a root noun's (itself)
        f.append(f"cl={_lemma(clause)}")
    words = memo.get(clause.i) if memo is not None else None
    if words is None:
        words = [(t.i, _lemma(t)) for t in subtree(clause) if t.pos_ in CONTENT_POS]
        if memo is not None:
            memo[clause.i] = words
    seen = set()
    for i, ctx in words:
        if i != tok.i and abs(i - tok.i) <= 15 and ctx not in seen:
            seen.add(ctx)
            f.append(f"s={ctx}")
    for rt in rule_types:
        f.append(f"rule={rt}")
        f.append(f"rule={rt}|{lem}")
    f.append("bias")
    return f


def indices(feats: Sequence[str]) -> np.ndarray:
    """Stable hashed bucket of each feature (crc32: the same in every process and run)."""
    return np.fromiter(map(_bucket, feats), dtype=np.int64, count=len(feats))


@lru_cache(maxsize=1 << 17)
def _bucket(feature: str) -> int:
    """A feature's bucket, remembered: most features ("bias", "p=VERB", "d=obj") recur in every sentence."""
    return zlib.crc32(feature.encode("utf-8")) & (BUCKETS - 1)


_UNIT: dict[int, tuple[object, dict[int, np.ndarray]]] = {}  # id(vocab) -> (the vocab, kept alive; orth -> vector)


def vector(tok: Token) -> np.ndarray:
    """The token's unit-length word vector (zeros for a word the vectors lack); a word's static vector
    depends on nothing but the word, so it is computed once per vocabulary and word (never changed in place:
    callers stack copies)."""
    vocab = tok.vocab
    entry = _UNIT.get(id(vocab))
    if entry is None:
        entry = _UNIT[id(vocab)] = (vocab, {})
    known = entry[1]
    found = known.get(tok.orth)
    if found is None:
        if len(known) >= 1 << 16:
            known.clear()
        found = known[tok.orth] = _unit(tok)
    return found


def _unit(tok: Token) -> np.ndarray:
    v = tok.vector if tok.has_vector else None
    if v is None or not len(v):
        return np.zeros(tok.vocab.vectors_length or 300, dtype=np.float32)
    n = float(np.linalg.norm(v))
    return (v / n).astype(np.float32) if n else np.zeros_like(v, dtype=np.float32)


@dataclass(frozen=True)
class TypeModel:
    """Weights of the softmax model: hashed sparse part, dense vector part, one column per label."""

    labels: tuple[str, ...]
    sparse: np.ndarray   # (BUCKETS, n_labels), or, with ``rows``, its non-zero rows and a zero row last
    dense: np.ndarray    # (vector_length, n_labels)
    meta: dict
    rows: np.ndarray | None = None  # (BUCKETS,) bucket -> its row of ``sparse`` (a loaded model: half the memory)

    @cached_property
    def trigger_lemmas(self) -> frozenset[str]:
        """Lemmas heading an annotated trigger at least twice in the training data (``chronique train``):
        the only words the model may add an event on."""
        return frozenset(self.meta.get("trigger_lemmas", ()))

    def scores_many(self, feats: Sequence[Sequence[str]], vecs: np.ndarray) -> np.ndarray:
        """Label probabilities (n, labels) for n candidates: one hashing pass, one row gather and one
        matrix product for all of them."""
        starts = np.cumsum([0] + [len(f) for f in feats[:-1]])
        buckets = indices([x for f in feats for x in f])
        rows = self.sparse[buckets if self.rows is None else self.rows[buckets]]
        z = np.add.reduceat(rows, starts, axis=0) + vecs @ self.dense
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, tok: Token, rule_types: Iterable[str] = (), sent: Span | None = None,
                memo: dict | None = None) -> dict[str, float]:
        """Probability of each label (the PLOVER types and NONE) for a candidate token (``sent`` and
        ``memo``: see ``features``)."""
        return self.predict_many([(tok, rule_types)], sent, memo)[0]

    def predict_many(self, cands: Sequence[tuple[Token, Iterable[str]]], sent: Span | None = None,
                     memo: dict | None = None) -> list[dict[str, float]]:
        """``predict`` for several (token, rule types), scored together (``scores_many``); ``sent``: their sentence
        when they share one, else None (each token's own is read)."""
        if not cands:
            return []
        p = self.scores_many([features(tok, rules, sent, memo) for tok, rules in cands],
                             np.stack([vector(tok) for tok, _ in cands]))
        return [dict(zip(self.labels, row)) for row in p.tolist()]

    def save(self, folder: Path) -> None:
        """Write the weights (sparse rows that are non-zero only, float16) and their metadata."""
        folder.mkdir(parents=True, exist_ok=True)
        full = self.sparse if self.rows is None else self.sparse[self.rows]
        rows = np.flatnonzero(np.abs(full).sum(axis=1) > 0)
        np.savez_compressed(folder / "types.npz", rows=rows.astype(np.int32),
                            sparse=full[rows].astype(np.float16), dense=self.dense.astype(np.float16))
        (folder / "types.json").write_text(json.dumps({"labels": list(self.labels), **self.meta},
                                                      ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "TypeModel":
        """Read weights written by ``save``; a clear error when they are missing. Only the non-zero rows are kept
        in memory (about half of the buckets: 9 MB instead of 18), with a zero row for every other bucket."""
        npz, meta_path = folder / "types.npz", folder / "types.json"
        if not npz.exists() or not meta_path.exists():
            raise FileNotFoundError(f"no trained type model in {folder} (run `make model`)")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        labels = tuple(meta.pop("labels"))
        with np.load(npz) as z:
            kept = z["rows"]
            sparse = np.zeros((len(kept) + 1, len(labels)), dtype=np.float32)
            sparse[:-1] = z["sparse"].astype(np.float32)
            rows = np.full(BUCKETS, len(kept), dtype=np.int32)
            rows[kept] = np.arange(len(kept), dtype=np.int32)
            dense = z["dense"].astype(np.float32)
        return cls(labels=labels, sparse=sparse, dense=dense, meta=meta, rows=rows)


@lru_cache(maxsize=4)
def default_model(folder: str = str(MODEL_DIR)) -> TypeModel:
    """The shipped model, loaded once per process."""
    return TypeModel.load(Path(folder))
