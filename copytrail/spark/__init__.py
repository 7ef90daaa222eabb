"""Spark engine for copytrail's reuse and claims stages (optional: ``pip install 'copytrail[spark]'``).

* :mod:`copytrail.spark.run` — the whole path (store → Parquet → Spark → store), for the CLI's
  ``--engine spark`` and for notebooks;
* :mod:`copytrail.spark.stages` — the reuse stage's functions over Arrow batches and the
  candidate SQL both engines run (pyarrow only);
* :mod:`copytrail.spark.engine` — index, candidates and alignments on Spark;
* :mod:`copytrail.spark.components`, :mod:`copytrail.spark.families` — families and provenance;
* :mod:`copytrail.spark.claims` — claims;
* :mod:`copytrail.spark.steps` — Parquet step folders a rerun can trust;
* :mod:`copytrail.spark.session` — the session, and copytrail shipped to executors.

pyspark is imported lazily, when a session is made or a DataFrame is used.
"""
