"""Actors: knowledge base, mention finding, clustering and CAMEO-style coding (issue #4).

    resolve_mentions(doc, published, kb) -> list[Mention]   every actor mention of a parse, coded
    resolve_document(doc, published, kb) -> Resolved        the same, and the names that code no actor
    name_participants(event, kb) -> Event                  place/adjective-made participants named
    actors_rows(doc_id, mentions) -> list[dict]             one row per mention cluster
    default_kb(lang="fr") / load_kb(extra, lang)            a language's knowledge base
    data_files(extra) -> list[Path]                         the knowledge files a run reads
    key(text), key_prefixes(words), strip_prefix(k, ...)    the matching keys every lookup uses
"""
from .kb import Entity, KnowledgeBase, data_files, default_kb, load_kb
from .naming import name_participants
from .resolve import Mention, Resolved, resolve_document, resolve_mentions
from .rows import actors_rows
from .schema import CountriesFile, KBError
from .text import key, key_prefixes, strip_prefix

__all__ = ["CountriesFile", "Entity", "KBError", "KnowledgeBase", "Mention", "Resolved", "actors_rows", "data_files",
           "default_kb", "key", "key_prefixes", "load_kb", "name_participants", "resolve_document", "resolve_mentions", "strip_prefix"]
