"""Corpus scale: streaming progress, ``--processes N`` worker pool, the Ray runner, partitioned Parquet."""
