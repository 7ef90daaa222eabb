"""The speaker audit tool (benchmarks/speaker_audit.py) on a tiny invented data folder."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "speaker_audit", ROOT / "benchmarks" / "speaker_audit.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["speaker_audit"] = mod
    spec.loader.exec_module(mod)
    return mod


BODIES = [
    "Mayor Jane Okafor opened the bridge. “It took ten years,” she said. The Northgate Herald wrote that "
    "the cost had doubled. Many residents feel it was worth it.",
    "Hal Morrow, a spokesperson for Calder Metalworks, said the plant would close. “We looked at every "
    "alternative,” Morrow said.",
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "aeb").mkdir()
    (tmp_path / "fundus").mkdir()
    (tmp_path / "aeb" / "ground-truth.json").write_text(
        json.dumps({"a1": {"articleBody": BODIES[0], "url": "https://a.example/1"}}),
        encoding="utf-8",
    )
    (tmp_path / "fundus" / "ground_truth.json").write_text(
        json.dumps(
            {"Site_0.html.gz": {"body": BODIES[1].split(". ", 1), "url": "https://b.example/0"}}
        ),
        encoding="utf-8",
    )
    return tmp_path


def test_sample_is_seeded_hides_beliefs_and_labels_score_it(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audit = _audit()
    docs = audit.load(data)
    assert [d.id for d in docs] == ["aeb/a1", "fundus/Site_0"]
    assert docs[1].text.count("\n\n") == 1  # Fundus paragraphs joined as paragraphs
    one = audit.precision_sample(docs, 10, 1)
    assert [audit.item_id(d, a) for d, a in one] == [
        audit.item_id(d, a) for d, a in audit.precision_sample(docs, 10, 1)
    ]
    assert all(a.speaker and a.kind != "belief" for _, a in one)
    speakers = {a.speaker for _, a in one}
    assert speakers == {"Jane Okafor", "Northgate Herald", "Hal Morrow"}
    # Labels hold ids and judgements only; a wrong speaker lowers precision.
    wrong = next(audit.item_id(d, a) for d, a in one if a.speaker == "Northgate Herald")
    labels = tmp_path / "labels.tsv"
    labels.write_text(
        "\n".join(
            f"P\t{audit.item_id(d, a)}\t{'n' if audit.item_id(d, a) == wrong else 'y'}\ty"
            for d, a in one
        ),
        encoding="utf-8",
    )
    assert audit.score(docs, 10, 0, 1, audit.read_labels(labels)) == 0
    n = len(one)
    assert f"speaker precision: {(n - 1) / n:.3f}" in capsys.readouterr().out
    # An unjudged item is reported, not silently dropped.
    labels.write_text(labels.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    assert audit.score(docs, 10, 0, 1, audit.read_labels(labels)) == 1


def test_recall_counts_only_quotes_judged_as_speech(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audit = _audit()
    docs = audit.load(data)
    paras = audit.recall_sample(docs, 5, 2)
    assert {d.id for d, _, _ in paras} == {"aeb/a1", "fundus/Site_0"}
    out = tmp_path / "recall.tsv"
    audit.write_recall(docs, 5, 2, out)
    spans = [line.split("\t")[1] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(spans) == 2
    labels = tmp_path / "labels.tsv"
    labels.write_text("\n".join(f"R\t{s}\tq\t-" for s in spans), encoding="utf-8")
    assert audit.score(docs, 0, 5, 2, audit.read_labels(labels)) == 0
    assert "direct-quote recall: 1.000  (2/2" in capsys.readouterr().out
