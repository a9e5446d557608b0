"""Where a time rule can start: the first characters of its matches, read from its compiled pattern.

Every rule begins with the same look-behind (a word start), so ``re`` alone would try each of ~40 rules at
every word start of a text, most of them through long alternations of words. ``StartIndex`` answers, from the
next ``DEPTH`` characters after a word start, which rules can match there at all; the tagger tries only those
(issue #18). The answer is a superset by construction: each rule's possible first characters are read from
its own parse tree (look-arounds and anchors count as no character; a construct not read makes the rule
possible everywhere), and matched with the rule's own flags, so case folding is ``re``'s.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as sre
from re import _parser

DEPTH = 6  # characters after a word start that select the rules to try there
_LEVELS = (3, DEPTH)  # prefix lengths answered (and cached) one after the other, the longer narrowing the shorter
_MAX_KEYS = 1 << 16  # a level's cache is emptied when it grows past this (texts keep bringing new words)
_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
               sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)

Path = tuple[str, ...]  # one-character regexes; shorter than the depth asked when the match ends there


class _Unknown(Exception):
    """A construct the reading does not follow (back-references, inline flags): the rule may start anywhere."""


def _char(code: int) -> str:
    """One code point as a regex literal (valid inside and outside a class)."""
    return re.escape(chr(code))


def _charset(items: list) -> str:
    """A parsed character class back as regex text."""
    out = []
    for op, av in items:
        if op is sre.NEGATE:
            out.append("^")
        elif op is sre.LITERAL:
            out.append(_char(av))
        elif op is sre.RANGE:
            out.append(_char(av[0]) + "-" + _char(av[1]))
        elif op is sre.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            raise _Unknown(op)
    return "[" + "".join(out) + "]"


def _extend(paths: set[Path], depth: int, tails: Callable[[int], set[Path]]) -> set[Path]:
    """Each path shorter than ``depth`` continued by every path of what follows (``tails(room)``, read once for
    each room left)."""
    out: set[Path] = set()
    by_room: dict[int, set[Path]] = {}
    for p in paths:
        room = depth - len(p)
        if room <= 0:
            out.add(p)
            continue
        if room not in by_room:
            by_room[room] = tails(room)
        out.update(p + q for q in by_room[room])
    return out


def _sequence(items, depth: int) -> set[Path]:
    """The first ``depth`` characters of a parsed sequence, one path per way through it."""
    paths: set[Path] = {()}
    for node in items:
        paths = _extend(paths, depth, lambda room, node=node: _node(node, room))
    return paths


def _repeat(low: int, high: int, items, depth: int) -> set[Path]:
    """Paths of ``items`` repeated ``low`` to ``high`` times; beyond ``low + depth`` repeats none is new (each
    repeat that adds a character brings a path closer to ``depth``, the others add nothing)."""
    paths: set[Path] = set()
    current: set[Path] = {()}
    for count in range(min(high, low + depth) + 1):
        if count >= low:
            paths |= current
        current = _extend(current, depth, lambda room: _sequence(items, room))
    return paths


def _node(node, depth: int) -> set[Path]:
    """The first ``depth`` characters of one parsed node."""
    op, av = node
    if op is sre.LITERAL:
        return {(_char(av),)}
    if op is sre.NOT_LITERAL:
        return {("[^" + _char(av) + "]",)}
    if op is sre.IN:
        return {(_charset(av),)}
    if op is sre.ANY:
        return {(".",)}
    if op is sre.BRANCH:
        return set().union(*(_sequence(branch, depth) for branch in av[1]))
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, items = av
        if add_flags or del_flags:
            raise _Unknown("inline flags")
        return _sequence(items, depth)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, depth)
    if op in _REPEATS:
        return _repeat(av[0], av[1], av[2], depth)
    if op in _ZERO_WIDTH:
        return {()}
    raise _Unknown(op)


def starts(regex: re.Pattern, depth: int = DEPTH) -> set[Path]:
    """The first ``depth`` characters of every match of ``regex``, as paths of one-character regexes; a path
    shorter than ``depth`` is a whole match. ``{()}`` (anything) when the pattern uses a construct not read."""
    try:
        return _sequence(list(_parser.parse(regex.pattern, regex.flags)), depth)
    except _Unknown:
        return {()}


def can_match_empty(regex: re.Pattern) -> bool:
    """True when ``regex`` can match the empty string (such a rule would find nothing)."""
    return _parser.parse(regex.pattern, regex.flags).getwidth()[0] == 0


def _trie(paths: set[Path]) -> str:
    """Paths as one regex, branching where they part; a path that ends admits whatever follows."""
    if () in paths:
        return ""
    heads: dict[str, set[Path]] = {}
    for p in paths:
        heads.setdefault(p[0], set()).add(p[1:])
    branches = [head + _trie(rest) for head, rest in sorted(heads.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _gate(paths: set[Path], length: int, flags: int) -> re.Pattern:
    """A regex matching the start of a text whose first ``length`` characters can begin one of ``paths``."""
    return re.compile(_trie({p[:length] for p in paths}), flags)


class _Level(dict):
    """Answers for one prefix length, key -> indexes of the rules that can start with it; a key not seen yet is
    answered from the shorter level's answer, keeping the rules whose own gate admits it."""

    def __init__(self, length: int, paths: list[set[Path]], flags: list[int], shorter: _Level | None):
        super().__init__()
        self.length = length
        self._paths, self._flags, self._shorter = paths, flags, shorter
        self._gates: dict[int, re.Pattern] = {}

    def _gate(self, rule: int) -> re.Pattern:
        """Rule ``rule``'s gate at this length, compiled on first use."""
        gate = self._gates.get(rule)
        if gate is None:
            gate = self._gates[rule] = _gate(self._paths[rule], self.length, self._flags[rule])
        return gate

    def __missing__(self, key: str) -> tuple[int, ...]:
        """The rules of the shorter prefix whose gate at this length admits ``key`` (computed once)."""
        pool = self._shorter[key[:self._shorter.length]] if self._shorter is not None else range(len(self._paths))
        if len(self) >= _MAX_KEYS:
            self.clear()
        found = self[key] = tuple(i for i in pool if self._gate(i).match(key))
        return found


class StartIndex:
    """Which rules can match at a word start: ``rules_at[text[pos:pos + DEPTH]]`` (fewer characters at the
    text's end), answered from the first 3 characters, then all 6, and cached."""

    def __init__(self, regexes: list[re.Pattern]):
        paths, flags = [starts(r) for r in regexes], [r.flags for r in regexes]
        level = None
        for length in _LEVELS:
            level = _Level(length, paths, flags, level)
        self.rules_at: _Level = level
