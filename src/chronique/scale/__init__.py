"""Corpus scale: the extract engine (plain options, no argparse), streaming progress, the ``--processes N``
worker pool, the Ray runner and partitioned Parquet."""
