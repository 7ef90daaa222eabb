"""The Spark session copytrail runs on, and how copytrail reaches the executors.

Executors run the stage functions in Python worker processes, which must import the same
copytrail as the driver. ``spark.pyspark.python`` is set to this interpreter, and:

* on ``local[N]`` and ``local-cluster[...]`` masters (this machine) the workers put the
  folder copytrail is imported from first on their ``PYTHONPATH``: numba's compiled kernels,
  cached by source path, are then found in the cache the driver filled;
* on any other master (``spark://host:port``, YARN, Kubernetes) copytrail is shipped as a zip
  of the package (:func:`package_archive`: the files a wheel of it holds) through
  ``spark.archives``: each executor unpacks it in its working folder (data files such as the
  attribution tagger's weights stay plain files) and its workers import copytrail from there,
  ahead of any other install. The executors still need the same Python with copytrail's
  dependencies (pyarrow, numpy, numba, ...): ``spark.pyspark.python`` names that interpreter.

Nothing is downloaded at run time (no ``spark.jars.packages``).
"""

from __future__ import annotations

import hashlib
import os
import sys
import zipfile
from pathlib import Path
from typing import Any

import copytrail

PACKAGE_DIR = Path(copytrail.__file__).resolve().parent
ARCHIVE_NAME = "copytrail_pkg"  # the folder each executor unpacks the archive into


def is_local(master: str) -> bool:
    """Whether ``master`` runs every executor on this machine with this file system.

    >>> is_local("local[2]"), is_local("local-cluster[2,1,1024]"), is_local("spark://h:7077")
    (True, True, False)
    """
    return master == "local" or master.startswith(("local[", "local-cluster["))


def _package_files() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".nbi", ".nbc")
    )


def package_archive(folder: str | Path) -> Path:
    """A zip of the copytrail package (its modules and data files) in ``folder``, named by a
    hash of its content, so an unchanged package is zipped once and executors reuse it.

    >>> import tempfile, zipfile
    >>> path = package_archive(tempfile.mkdtemp())
    >>> names = zipfile.ZipFile(path).namelist()
    >>> "copytrail/spark/session.py" in names, any("__pycache__" in n for n in names)
    (True, False)
    """
    files = _package_files()
    digest = hashlib.sha256()
    for p in files:
        digest.update(str(p.relative_to(PACKAGE_DIR)).encode())
        digest.update(p.read_bytes())
    out = Path(folder) / f"copytrail-{copytrail.__version__}-{digest.hexdigest()[:12]}.zip"
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for p in files:
            # a fixed date: the same package gives the same bytes
            info = zipfile.ZipInfo(f"copytrail/{p.relative_to(PACKAGE_DIR).as_posix()}")
            info.date_time = (2020, 1, 1, 0, 0, 0)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, p.read_bytes())
    tmp.replace(out)
    return out


def spark_session(
    master: str = "local[2]",
    partitions: int = 4,
    app: str = "copytrail",
    ship: bool | None = None,
    workdir: str | Path | None = None,
    conf: dict[str, str] | None = None,
) -> Any:
    """A Spark session for copytrail: UI off, few shuffle partitions, executors on this Python.

    ``ship`` sends copytrail to the executors as an archive (default: for masters that are not
    local, see the module docstring); the archive is written to ``workdir`` (default: a
    temporary folder). ``conf`` adds or overrides Spark settings.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError(
            "the Spark engine needs pyspark: pip install 'copytrail[spark]'"
        ) from exc
    ship = not is_local(master) if ship is None else ship
    # the driver's own Python workers read PYSPARK_PYTHON from the environment
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if is_local(master) or master.startswith("spark://127.0.0.1"):
        # not the first network interface: nothing leaves the machine
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .config("spark.pyspark.python", sys.executable)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    )
    if ship:
        import tempfile

        folder = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="copytrail-spark-"))
        archive = package_archive(folder)
        builder = builder.config("spark.archives", f"{archive}#{ARCHIVE_NAME}").config(
            "spark.executorEnv.PYTHONPATH", ARCHIVE_NAME
        )
    else:
        path = os.pathsep.join(
            p for p in (str(PACKAGE_DIR.parent), os.environ.get("PYTHONPATH")) if p
        )
        builder = builder.config("spark.executorEnv.PYTHONPATH", path)
        from copytrail.reuse.jit import cache_dir

        # the kernels the driver compiled (same source files, same cache)
        builder = builder.config("spark.executorEnv.NUMBA_CACHE_DIR", str(cache_dir()))
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
