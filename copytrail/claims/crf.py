"""A linear-chain CRF read from a CRFsuite model file, for tagging many sentences at once.

The attribution tagger (:mod:`copytrail.claims.tagger`) is trained with ``python-crfsuite``,
which tags one sentence at a time from feature *strings*: on news text building and looking up
those strings was most of the claims stage's time. This module reads the same model file (the
``lCRF`` format CRFsuite writes: a header, two string tables and an array of float64 weights)
into a weight matrix, so a caller can sum the weights of a word's features once per distinct
word, and decodes every sentence of an article in one vectorised pass: the Viterbi labels and
the per-token label marginals, the two things CRFsuite's tagger gives (same model, same
numbers up to floating-point rounding; no ``python-crfsuite`` needed to tag).

>>> import numpy as np
>>> chain = LinearChain(("O", "B"), {"x": 0}, np.array([[0.0, 2.0], [0.0, 0.0]]), np.zeros((2, 2)))
>>> scores = chain.scores([["x"], ["y"]])
>>> labels, marginals = decode([scores], chain.transitions)
>>> [chain.labels[i] for i in labels[0]], round(float(marginals[0][0, 1]), 3)
(['B', 'O'], 0.881)
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB = struct.Struct("<4sIIIII")
_FEATURE = struct.Struct("<IIId")
_CHUNK = 12  # a chunk header: magic, size, count


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: callers cache per model
class LinearChain:
    """Labels, the state weight of each attribute (one row per attribute, one column per
    label; the last row is zero, for an attribute the model does not know) and the label
    transition weights ``transitions[from, to]``."""

    labels: tuple[str, ...]
    rows: dict[str, int]
    weights: np.ndarray
    transitions: np.ndarray

    def row(self, attribute: str) -> int:
        """The weight row of ``attribute`` (the zero row when unknown)."""
        return self.rows.get(attribute, len(self.rows))

    def vector(self, attributes: Sequence[str]) -> np.ndarray:
        """Summed state weights of ``attributes`` (one value per label)."""
        return self.weights[[self.row(a) for a in attributes]].sum(axis=0)

    def scores(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        """State scores of a sentence given as feature strings per token (tokens x labels)."""
        if not features:
            return np.zeros((0, len(self.labels)))
        return np.stack([self.vector(f) for f in features])


def read_model(path: Path) -> LinearChain:
    """The CRF stored at ``path`` by CRFsuite (``Trainer.train``); ValueError when the file is
    not a CRFsuite first-order model."""
    data = path.read_bytes()
    if len(data) < _HEADER.size:
        raise ValueError(f"{path}: too short for a CRFsuite model")
    magic, _, kind, _, _, n_labels, n_attrs, off_feat, off_labels, off_attrs, _, _ = (
        _HEADER.unpack_from(data, 0)
    )
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"{path}: not a CRFsuite first-order CRF model")
    labels = _strings(data, off_labels)
    attrs = _strings(data, off_attrs)
    if len(labels) != n_labels or len(attrs) != n_attrs:
        raise ValueError(f"{path}: label or attribute table does not match the header")
    n_feat = struct.unpack_from("<I", data, off_feat + 8)[0]
    weights = np.zeros((n_attrs + 1, n_labels))
    transitions = np.zeros((n_labels, n_labels))
    for kind_id, src, dst, w in _FEATURE.iter_unpack(
        data[off_feat + _CHUNK : off_feat + _CHUNK + n_feat * _FEATURE.size]
    ):
        if kind_id == 0:
            weights[src, dst] += w
        else:
            transitions[src, dst] += w
    return LinearChain(tuple(labels), {a: i for i, a in enumerate(attrs)}, weights, transitions)


def _strings(data: bytes, off: int) -> list[str]:
    """The strings of a CQDB string table, by id (its backward array gives each record)."""
    magic, _, _, _, count, bwd = _CQDB.unpack_from(data, off)
    if magic != b"CQDB":
        raise ValueError("string table is not a CQDB chunk")
    out = []
    for (rec,) in struct.iter_unpack("<I", data[off + bwd : off + bwd + 4 * count]):
        size = struct.unpack_from("<I", data, off + rec + 4)[0]
        out.append(data[off + rec + 8 : off + rec + 7 + size].decode("utf-8"))
    return out


def decode(
    scores: Sequence[np.ndarray], transitions: np.ndarray
) -> tuple[list[list[int]], list[np.ndarray]]:
    """Viterbi label indices and label marginals (tokens x labels) of each sentence, given
    its state scores (:func:`viterbi` and :func:`marginals`)."""
    return viterbi(scores, transitions), marginals(scores, transitions)


def viterbi(scores: Sequence[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    """The best label sequence (label indices) of each sentence, all decoded together."""
    batch = _Batch.of(scores, transitions.shape[0])
    if batch is None:
        return [[] for _ in scores]
    paths = _viterbi(batch.scores, batch.lengths, batch.running, transitions)
    out: list[list[int]] = [[] for _ in scores]
    for row, b in enumerate(batch.order):
        out[b] = paths[row, : batch.lengths[row]].tolist()
    return out


def marginals(scores: Sequence[np.ndarray], transitions: np.ndarray) -> list[np.ndarray]:
    """P(label at token | sentence) of each sentence (tokens x labels), all computed together."""
    n_labels = transitions.shape[0]
    batch = _Batch.of(scores, n_labels)
    out = [np.zeros((0, n_labels)) for _ in scores]
    if batch is None:
        return out
    probs = _marginals(batch.scores, batch.running, transitions)
    for row, b in enumerate(batch.order):
        out[b] = probs[row, : batch.lengths[row]]
    return out


@dataclass(frozen=True, slots=True)
class _Batch:
    """Sentences padded into one array, longest first, so that at each position the sentences
    still running are a prefix of the batch."""

    order: list[int]  # row -> index of the sentence given
    lengths: np.ndarray  # per row
    scores: np.ndarray  # (rows, longest, labels)
    running: np.ndarray  # per position t: how many sentences are longer than t

    @staticmethod
    def of(scores: Sequence[np.ndarray], n_labels: int) -> _Batch | None:
        sizes = [len(s) for s in scores]
        if not scores or max(sizes) == 0:
            return None
        order = sorted(range(len(scores)), key=lambda b: -sizes[b])
        lengths = np.array([sizes[b] for b in order])
        batch = np.zeros((len(scores), int(lengths[0]), n_labels))
        for row, b in enumerate(order):
            batch[row, : sizes[b]] = scores[b]
        running = (lengths[None, :] > np.arange(batch.shape[1])[:, None]).sum(axis=1)
        return _Batch(order, lengths, batch, running)


def _viterbi(
    batch: np.ndarray, lengths: np.ndarray, running: np.ndarray, transitions: np.ndarray
) -> np.ndarray:
    """Best label path of each sentence (rows sorted longest first)."""
    n_batch, length, n_labels = batch.shape
    best = batch[:, 0].copy()
    back = np.zeros((n_batch, length, n_labels), dtype=np.intp)
    for t in range(1, length):
        m = running[t]
        cand = best[:m, :, None] + transitions[None]  # (running, from, to)
        back[:m, t] = cand.argmax(axis=1)  # the first best predecessor, as CRFsuite picks it
        best[:m] = cand.max(axis=1) + batch[:m, t]
    path = np.zeros((n_batch, length), dtype=np.intp)
    rows = np.arange(n_batch)
    path[rows, lengths - 1] = best.argmax(axis=1)
    for t in range(length - 1, 0, -1):
        m = running[t]
        path[:m, t - 1] = back[rows[:m], t, path[:m, t]]
    return path


def _marginals(batch: np.ndarray, running: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """P(label at token | sentence) by scaled forward-backward (rows sorted longest first)."""
    n_batch, length, _ = batch.shape
    # Each token's scores shifted by their maximum: the shift cancels out in the scaling.
    state = np.exp(batch - batch.max(axis=2, keepdims=True))
    trans = np.exp(transitions)
    alpha = np.zeros_like(state)
    scale = np.ones((n_batch, length))
    scale[:, 0] = state[:, 0].sum(axis=1)
    alpha[:, 0] = state[:, 0] / scale[:, 0, None]
    for t in range(1, length):
        m = running[t]
        a = (alpha[:m, t - 1] @ trans) * state[:m, t]
        scale[:m, t] = a.sum(axis=1)
        alpha[:m, t] = a / scale[:m, t, None]
    beta = np.ones_like(state)
    for t in range(length - 2, -1, -1):
        m = running[t + 1]
        beta[:m, t] = ((state[:m, t + 1] * beta[:m, t + 1]) @ trans.T) / scale[:m, t + 1, None]
    out = alpha * beta
    return out / np.maximum(out.sum(axis=2, keepdims=True), np.finfo(float).tiny)


__all__ = ["LinearChain", "decode", "marginals", "read_model", "viterbi"]
