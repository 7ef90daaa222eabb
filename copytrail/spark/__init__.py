"""Spark engine for copytrail's stages (optional: ``pip install 'copytrail[spark]'``).

:mod:`copytrail.spark.stages` holds the engine-neutral stage functions (pyarrow only);
:mod:`copytrail.spark.engine` imports pyspark lazily, when a session is made.
"""
