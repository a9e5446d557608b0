"""One real-world event, many reports: within-document merge, syndicated copies, cross-document clusters.

The modules of this package are pure (records in, records out): ``merge`` within a document,
``syndication`` for copies, ``blocks``, ``compat`` and ``linker`` across documents, ``when`` for date
intervals, ``rows`` for the table rows. Everything that reads or writes the store is in ``index``:
``chronique.dedup.index.assign_clusters(store, docs)`` brings merged events, clusters and syndication
links up to date for the documents just written (incremental), or over the whole store without ``docs``.
"""
