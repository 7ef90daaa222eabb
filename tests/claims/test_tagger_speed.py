"""The fast tagging path gives what python-crfsuite gives: same model, same labels, same marginals.

The claims stage tags with :mod:`copytrail.claims.crf` (the CRFsuite model file read into a
weight matrix, all sentences of an article decoded at once) and scores from
:func:`copytrail.claims.tagger_features.article_scores` (word weights summed once per word).
These tests hold both to the definitions: decoding to brute force over every label sequence,
the file reader to CRFsuite's own tagger on a model trained here, and the scores to the sum of
the weights of :func:`token_features`'s strings.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from copytrail.claims import tagger
from copytrail.claims.attributions import rule_frames
from copytrail.claims.crf import LinearChain, decode, read_model
from copytrail.claims.subjects import tokens
from copytrail.claims.tagger_features import article_scores, article_speakers, rule_marks


def _brute_force(scores: np.ndarray, trans: np.ndarray) -> tuple[list[int], np.ndarray]:
    """Best sequence and marginals by enumerating every label sequence."""
    n, n_labels = scores.shape
    best, best_score = None, -np.inf
    weights: dict[tuple[int, ...], float] = {}
    for seq in itertools.product(range(n_labels), repeat=n):
        s = sum(scores[i, y] for i, y in enumerate(seq)) + sum(
            trans[a, b] for a, b in itertools.pairwise(seq)
        )
        weights[seq] = s
        if s > best_score:
            best, best_score = list(seq), s
    top = max(weights.values())
    z = sum(np.exp(w - top) for w in weights.values())
    marg = np.zeros((n, n_labels))
    for seq, w in weights.items():
        for i, y in enumerate(seq):
            marg[i, y] += np.exp(w - top) / z
    assert best is not None
    return best, marg


def test_decode_matches_brute_force_on_sentences_of_different_lengths() -> None:
    rng = np.random.default_rng(3)
    trans = rng.normal(0, 2, (3, 3))
    # Lengths out of order and one of a single token: the batch is sorted and padded inside.
    sentences = [rng.normal(0, 3, (n, 3)) for n in (2, 5, 1, 4)]
    paths, marginals = decode(sentences, trans)
    for s, path, marg in zip(sentences, paths, marginals, strict=True):
        want_path, want_marg = _brute_force(s, trans)
        assert path == want_path
        assert np.allclose(marg, want_marg, atol=1e-12)


def test_decode_of_no_tokens_is_empty() -> None:
    paths, marginals = decode([np.zeros((0, 2))], np.zeros((2, 2)))
    assert paths == [[]] and marginals[0].shape == (0, 2)


def test_file_reader_tags_as_crfsuite_on_a_model_trained_here(tmp_path: Path) -> None:
    pycrfsuite = pytest.importorskip("pycrfsuite")
    # An invented toy task: a capitalised word before "said" is a source.
    train = [
        (["Ann", "said", "no"], ["B-S", "B-C", "O"]),
        (["the", "dog", "ran"], ["O", "O", "O"]),
        (["Bob", "Lee", "said", "so"], ["B-S", "I-S", "B-C", "O"]),
        (["rain", "fell", "today"], ["O", "O", "O"]),
    ]
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, labels in train:
        trainer.append([[f"w={w.lower()}", f"cap={w[0].isupper()}", "b"] for w in words], labels)
    trainer.set_params({"c2": 0.1, "max_iterations": 50})
    path = tmp_path / "toy.crfsuite"
    trainer.train(str(path))
    ref = pycrfsuite.Tagger()
    ref.open(str(path))
    chain = read_model(path)
    test = [["Cy", "said", "yes"], ["the", "cat", "said", "nothing"], ["Dee"]]
    feats = [
        [[f"w={w.lower()}", f"cap={w[0].isupper()}", "b", "unseen=1"] for w in s] for s in test
    ]
    paths, marginals = decode([chain.scores(f) for f in feats], chain.transitions)
    for f, path_ids, marg in zip(feats, paths, marginals, strict=True):
        ref.set(f)
        assert [chain.labels[i] for i in path_ids] == list(ref.tag())
        for i in range(len(f)):
            for j, label in enumerate(chain.labels):
                assert marg[i, j] == pytest.approx(ref.marginal(label, i), abs=1e-12)


def test_reader_refuses_a_file_that_is_no_crfsuite_model(tmp_path: Path) -> None:
    bad = tmp_path / "x.crfsuite"
    bad.write_bytes(b"not a model at all, just some bytes here.........")
    with pytest.raises(ValueError):
        read_model(bad)


@pytest.mark.parametrize(
    "text",
    [
        '"We will rebuild," the mayor said. Officials insisted on Monday that the bridge was safe.',
        "According to the council, 300 homes flooded.\n\nResidents, who were angry, want answers.",
        "Short.",
        "The union’s claim that wages fell was rejected by Jane Okafor, the minister, on Friday.",
    ],
)
def test_article_scores_sum_the_weights_of_the_feature_strings(text: str) -> None:
    chain = tagger.current_model()
    if chain is None:
        pytest.skip("no shipped tagger model")
    found, outer, sentences, _ = rule_frames(text)
    speakers = article_speakers(text, found)
    marked = []
    for s0, s1 in sentences:
        toks = tokens(text, s0, s1)
        local = [f for f in found if s0 <= (f.source or f.cue or f.content)[0] < s1]
        marked.append((toks, rule_marks(toks, local, outer)))
    fast = article_scores(chain, marked, speakers)
    for (toks, marks), got in zip(marked, fast, strict=True):
        want = chain.scores(tagger.token_features(text, toks, marks, speakers))
        assert got.shape == want.shape
        assert np.allclose(got, want, atol=1e-9)


def test_unknown_features_weigh_nothing() -> None:
    chain = LinearChain(("O", "B"), {"a": 0}, np.array([[1.0, -1.0], [0.0, 0.0]]), np.zeros((2, 2)))
    assert chain.vector(["a", "never-seen"]).tolist() == [1.0, -1.0]
