"""A softmax (multinomial logistic) model fitted with AdaGrad on hashed sparse features plus a dense vector.

Written with numpy alone so the shipped model needs nothing more at run time; deterministic for a
given seed and data.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from chronique.events.decide import BUCKETS, NONE, TypeModel, indices
from chronique.train.examples import Example


def fit(train: Sequence[Example], labels: Sequence[str], epochs: int = 12, lr: float = 0.3,
        l2: float = 1e-6, none_weight: float = 1.0, seed: int = 13, runs: int = 1) -> TypeModel:
    """Fit the weights by mini-batch AdaGrad on the cross-entropy, ``runs`` times over different orders of
    the data (seeds ``seed``, ``seed + 1``…), and average them. A linear model's averaged weights give the
    average of its runs' scores at no cost at run time; one run alone flips borderline decisions with
    the order it saw the data in."""
    lab = {name: i for i, name in enumerate(labels)}
    y = np.array([lab[e.label] for e in train])
    rows = [indices(e.feats) for e in train]  # hashed once, not once per run
    vecs = np.stack([e.vec for e in train]).astype(np.float32)
    weight = np.where(y == lab[NONE], none_weight, 1.0).astype(np.float32)
    fits = [_fit(y, rows, vecs, weight, len(labels), epochs, lr, l2, seed + r) for r in range(runs)]
    sparse = np.mean([f[0] for f in fits], axis=0).astype(np.float32)
    dense = np.mean([f[1] for f in fits], axis=0).astype(np.float32)
    return TypeModel(labels=tuple(labels), sparse=sparse, dense=dense, meta={})


def _fit(y: np.ndarray, rows: list[np.ndarray], vecs: np.ndarray, weight: np.ndarray, k: int, epochs: int,
         lr: float, l2: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """One AdaGrad run over the prepared examples (labels, hashed feature rows, vectors, example weights):
    the sparse and dense weights."""
    rng = np.random.default_rng(seed)
    d = vecs.shape[1]
    w_sparse = np.zeros((BUCKETS, k), dtype=np.float32)
    w_dense = np.zeros((d, k), dtype=np.float32)
    g_sparse = np.full((BUCKETS, k), 1e-8, dtype=np.float32)
    g_dense = np.full((d, k), 1e-8, dtype=np.float32)
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for b in range(0, len(order), 64):
            batch = order[b:b + 64]
            idx = [rows[i] for i in batch]
            lengths = np.array([len(r) for r in idx])
            flat = np.concatenate(idx)
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            z = np.add.reduceat(w_sparse[flat], starts, axis=0)
            z += vecs[batch] @ w_dense
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(batch)), y[batch]] -= 1.0
            p *= weight[batch, None]
            per_feature = np.repeat(p, lengths, axis=0)
            uniq, inv = np.unique(flat, return_inverse=True)
            gs = np.stack([np.bincount(inv, weights=per_feature[:, j], minlength=len(uniq)) for j in range(k)],
                          axis=1).astype(np.float32)
            gs += l2 * w_sparse[uniq]
            g_sparse[uniq] += gs * gs
            w_sparse[uniq] -= lr * gs / np.sqrt(g_sparse[uniq])
            gd = vecs[batch].T @ p + l2 * w_dense
            g_dense += gd * gd
            w_dense -= lr * gd / np.sqrt(g_dense)
    return w_sparse, w_dense


def predict_all(model: TypeModel, data: Sequence[Example]) -> np.ndarray:
    """Probabilities (n, labels) for many examples."""
    if not data:
        return np.zeros((0, len(model.labels)))
    return model.scores_many([e.feats for e in data], np.stack([e.vec for e in data]))

