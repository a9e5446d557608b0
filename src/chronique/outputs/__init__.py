"""What chronique writes for people and other tools: JSON Lines and terminal tables (``text``), the dated
chronology of clusters (``timeline``) and exports in PLOVER / CAMEO-style / CSV / Parquet form (``export``).

These modules read the store (through ``store.filters.EventFilter`` where a user filters) and dedup's
date intervals, so they sit above both, beside the API: outputs, not stages, and not the store itself.
"""
