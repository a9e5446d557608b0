"""One real-world event, many reports: within-document merge, cross-document clusters, syndicated copies.

``chronique.dedup.cluster.assign_clusters(store, docs)`` brings merged events, clusters and syndication
links up to date for the documents just written (``incremental``), or over the whole store without
``docs`` (deterministic, stable ids either way); ``timeline`` and ``export`` read the clusters back;
``cli.register`` adds the ``timeline``, ``export`` and ``cluster`` sub-commands.
"""
