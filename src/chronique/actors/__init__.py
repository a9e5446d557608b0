"""Actors: knowledge base, mention finding, clustering and CAMEO-style coding (issue #4)."""
from .kb import Entity, KnowledgeBase, default_kb, load_kb
from .resolve import Mention, resolve_mentions
from .rows import actors_rows
from .schema import KBError

__all__ = ["Entity", "KBError", "KnowledgeBase", "Mention", "actors_rows", "default_kb",
           "load_kb", "resolve_mentions"]
