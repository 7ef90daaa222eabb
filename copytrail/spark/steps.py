"""Stage outputs of the Spark engine as Parquet folders that a rerun can trust.

Each step writes ``<out>/<step>/`` (Spark's sharded ``part-*.parquet`` files and its
``_SUCCESS`` marker), then a ``_settings`` file holding the step's key: the fingerprint of the
settings its result depends on and of its input. A rerun finds the marker and the same key and
reads the folder back instead of recomputing it, so a run stopped by a crash (or ``kill -9``)
redoes only the steps it had not finished; a step whose settings or input changed is redone.
The key is written last: a folder without it is unfinished whatever else it holds.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> finished(folder, "k1")
False
>>> (folder / "_SUCCESS").touch(); mark(folder, "k1")
>>> finished(folder, "k1"), finished(folder, "k2")
(True, False)
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KEY_FILE = "_settings"


def finished(folder: Path, key: str) -> bool:
    """Whether ``folder`` holds a complete step output made with ``key``."""
    marker = folder / KEY_FILE
    return (folder / "_SUCCESS").exists() and marker.exists() and marker.read_text() == key


def mark(folder: Path, key: str) -> None:
    """Record that ``folder`` is complete for ``key`` (after Spark's own ``_SUCCESS``)."""
    tmp = folder / (KEY_FILE + ".tmp")
    tmp.write_text(key)
    tmp.replace(folder / KEY_FILE)


def digest(*parts: str) -> str:
    """A short hash of the parts, for keys.

    >>> digest("a", "b") == digest("a", "b") != digest("ab")
    True
    """
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


def input_key(df: Any, columns: tuple[str, ...]) -> str:
    """Fingerprint of a DataFrame's rows over ``columns``, whatever their order: the row count
    and the XOR of each row's 64-bit hash (one pass, no sort, no overflow)."""
    cols = ", ".join(columns)
    row = df.selectExpr("count(1) AS n", f"bit_xor(xxhash64({cols})) AS h").collect()[0]
    return f"rows={row['n']} xor={row['h']}"


@dataclass
class Steps:
    """The steps of one run under ``root``; :meth:`run` computes or reads back each one."""

    spark: Any
    root: Path
    skipped: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step computed

    def folder(self, name: str) -> Path:
        return self.root / name

    def run(self, name: str, key: str, make: Callable[[], Any]) -> Any:
        """``make()``'s DataFrame written to ``root/name`` (unless finished with ``key``), read back."""
        folder = self.folder(name)
        if finished(folder, key):
            self.skipped.append(name)
        else:
            t0 = time.perf_counter()
            make().write.mode("overwrite").parquet(str(folder))
            mark(folder, key)
            self.done.append(name)
            self.seconds[name] = round(time.perf_counter() - t0, 3)
        return self.spark.read.parquet(str(folder))
