"""One real-world event, many reports: within-document merge, cross-document clusters, syndicated copies.

``chronique.dedup.cluster.assign_clusters(store)`` recomputes every cluster id over the whole store
(deterministic, stable ids); ``timeline`` and ``export`` read the clusters back; ``cli.register`` adds
the ``timeline`` and ``export`` sub-commands.
"""
