"""Packaging smoke test: a standalone Spark master and two workers on 127.0.0.1, started here.

``local[*]`` runs the stage functions in Python workers of the driver's own machine and
environment, which hides what a cluster shows: executors in their own working folders, with
copytrail only as the archive the session ships (:mod:`copytrail.spark.session`). The
master and the workers are started from the pyspark package (``spark-class ...Master`` /
``...Worker``), one core and 1 GB each, and stopped at the end; nothing is downloaded. Start-up
takes 50-120 s on a busy 2-core machine: one cluster serves the module, and the claims stage
(no numba kernels to compile on the executors) is what runs on it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from copytrail.claims.stage import run_claims
from copytrail.settings import Settings
from copytrail.store import Store
from tests.reuse.texts import add_articles

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("the Spark engine needs Java", allow_module_level=True)

pytestmark = pytest.mark.slow

START_BUDGET = 240  # seconds for the master and both workers to be up and registered
SETTINGS = Settings(progress=False, workers=1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _spark_class(spark_home: str, log: Path, *args: str) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        SPARK_HOME=spark_home,
        SPARK_LOCAL_IP="127.0.0.1",
        SPARK_LOG_DIR=str(log.parent),
        SPARK_WORKER_DIR=str(log.parent / "work"),
    )
    with log.open("wb") as out:
        return subprocess.Popen(
            [os.path.join(spark_home, "bin", "spark-class"), *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A session on a standalone master with two one-core workers, copytrail shipped."""
    import pyspark

    from copytrail.spark.session import spark_session

    home = os.path.dirname(pyspark.__file__)
    root = tmp_path_factory.mktemp("cluster")
    port = _free_port()
    url = f"spark://127.0.0.1:{port}"
    procs = [
        _spark_class(
            home,
            root / "master.log",
            "org.apache.spark.deploy.master.Master",
            *("--host", "127.0.0.1", "--port", str(port), "--webui-port", str(_free_port())),
        )
    ]
    session = None
    try:
        for i in range(2):
            procs.append(
                _spark_class(
                    home,
                    root / f"worker{i}.log",
                    "org.apache.spark.deploy.worker.Worker",
                    *("--host", "127.0.0.1", "--cores", "1", "--memory", "1g"),
                    *("--webui-port", str(_free_port()), "--work-dir", str(root / f"w{i}"), url),
                )
            )
        t0 = time.monotonic()
        session = spark_session(
            url,
            partitions=2,
            workdir=root / "ship",
            conf={"spark.executor.memory": "512m", "spark.cores.max": "2"},
        )
        jsc = session.sparkContext._jsc.sc()
        while jsc.getExecutorMemoryStatus().size() < 3:  # the driver and both executors
            assert time.monotonic() - t0 < START_BUDGET, "the two workers did not register"
            time.sleep(1)
        yield session, root
    finally:
        if session is not None:
            session.stop()
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_executors_import_copytrail_from_the_shipped_archive(cluster: Any) -> None:
    from copytrail.spark.session import ARCHIVE_NAME, PACKAGE_DIR

    # defined here, not at module level: executors cannot import this test module, so the
    # function must travel by value
    def _where(batches: Iterator[Any]) -> Iterator[Any]:
        import os

        import pyarrow as pa

        import copytrail

        for _ in batches:
            yield pa.RecordBatch.from_pylist([{"cwd": os.getcwd(), "module": copytrail.__file__}])

    spark, root = cluster
    rows = spark.range(4, numPartitions=4).mapInArrow(_where, "cwd string, module string").collect()
    for r in rows:
        assert r["module"] == os.path.join(r["cwd"], ARCHIVE_NAME, "copytrail", "__init__.py")
        assert not r["module"].startswith(str(PACKAGE_DIR))  # not the driver's copy
        assert r["cwd"].startswith(str(root))  # a worker's own folder


def _articles() -> list[dict[str, Any]]:
    """Invented reports with figures and quotes: one figure copied with a changed value."""
    return [
        {
            "id": "a1",
            "site": "north.example",
            "published": "2024-05-02",
            "text": "About 1,200 volunteers cleaned the river banks on Sunday, the council said. "
            '"We filled forty skips," said Mara Lind, who led the effort.',
        },
        {
            "id": "a2",
            "site": "south.example",
            "published": "2024-05-03",
            "text": "About 12,000 volunteers cleaned the river banks on Sunday, the council said. "
            "Organisers expect more than 300 people next spring.",
        },
        {
            "id": "a3",
            "site": "east.example",
            "published": "2024-05-04",
            "text": "The ferry carried 85 passengers and two cars, according to the harbour office.",
        },
    ]


def test_claims_on_the_cluster_equal_the_store(cluster: Any) -> None:
    from copytrail.spark.run import SparkOptions, run_spark

    spark, root = cluster
    duck = Store(str(root / "duck.duckdb"))
    add_articles(duck, _articles())
    run_claims(duck, SETTINGS)
    sp = Store(str(root / "spark.duckdb"))
    add_articles(sp, _articles())
    got = run_spark(sp, SETTINGS, ("claims",), SparkOptions(workdir=str(root / "run")), spark)
    assert got["claims"]["failed"] == 0 and got["claims"]["articles"] == 3
    for table in ("claims", "claim_warnings", "speakers", "conflicts"):
        want = duck.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        assert sp.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() == want, table
    values = sp.con.execute(
        "SELECT value FROM claims WHERE kind = 'figure' ORDER BY value"
    ).fetchall()
    assert (1200.0,) in values and (12000.0,) in values and (85.0,) in values
