"""What a regex match can start with, read from the parsed pattern, to skip work that cannot match.

- :func:`match_prefixes`: the strings (of one or two characters) every match starts with; a caller
  skips a pattern for a text that contains none of them (the trigger scanners).
- :func:`required_strings`: strings every match contains (``재판매`` in a wire-photo credit); a
  text without one of them has no match.
- :func:`guarded`: a pattern of many alternatives compiled with a lookahead of each alternative's
  possible first characters in front of it (``(?=[12])(?P<ymd>(?:19|20)\\d{2}년 ...)``). Python's
  regex engine tries every alternative at every position of the text; a failing lookahead of one
  character costs far less than entering an alternative, and the matches are the same (the
  lookahead only rules out what the alternative itself could not match).

Both read the pattern with the standard library's regex parser; a construct they do not know
leaves the pattern (or the alternative) as it was.
"""

from __future__ import annotations

import re

try:
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre
    import sre_parse as _sre_parse

__all__ = ["match_prefixes", "guarded", "first_class", "required_strings"]

_CLASS_LIMIT = 64  # a wider character class ends a prefix (or, first, makes it "any character")
_PREFIXES_LIMIT = 2048

_CUT = {("", False)}  # what cannot be told: the prefix ends here (a first character: unknown)


class _Unknown(Exception):
    """Too many prefixes to be worth it, or a construct whose first characters cannot be told."""


def match_prefixes(pattern: re.Pattern, size: int = 2) -> tuple[frozenset[str], frozenset[str]] | None:
    """Every match of ``pattern`` starts with one of these strings, read from the parsed pattern:
    (those of one character, those of ``size``); None when the first character cannot be told (a
    class such as ``\\s`` or ``.``, case folding, a pattern that can match the empty string)."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        found = _prefixes(_sre_parse.parse(pattern.pattern, pattern.flags), size)
    except Exception:  # noqa: BLE001  too many prefixes, or an unforeseen construct: scan every sentence
        return None
    if not found or any(not text for text, _ in found):
        return None
    return (frozenset(text for text, _ in found if len(text) < size),
            frozenset(text for text, _ in found if len(text) >= size))


def _prefixes(items, size: int) -> set[tuple[str, bool]]:
    """(prefix, still open) pairs of a parsed sequence: an open prefix is all the sequence matched
    so far and may be extended by what follows; a closed one is cut (``size`` reached, or what
    follows cannot be told)."""
    found = {("", True)}
    for op, arg in items:
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            continue  # zero width
        if not any(is_open for _, is_open in found):
            break
        if op is _sre.LITERAL:
            options = {(chr(arg), True)}
        elif op is _sre.IN:
            chars = set()
            for kind, value in arg:
                if kind is _sre.LITERAL:
                    chars.add(chr(value))
                elif kind is _sre.RANGE and value[1] - value[0] < _CLASS_LIMIT:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    chars = None
                    break
            options = _CUT if chars is None else {(ch, True) for ch in chars}
        elif op is _sre.SUBPATTERN:
            options = _prefixes(arg[-1], size)
        elif op is _sre.BRANCH:
            options = set().union(*(_prefixes(branch, size) for branch in arg[1]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            once = {(text, False) for text, _ in _prefixes(arg[2], size)}  # repeats: cut after one
            options = once | {("", True)} if arg[0] == 0 else once
        else:
            options = _CUT
        found = _extend(found, options, size)
    return found


def _extend(found: set[tuple[str, bool]], options, size: int) -> set[tuple[str, bool]]:
    extended = set()
    for text, is_open in found:
        if not is_open:
            extended.add((text, False))
            continue
        for more, more_open in options:
            joined = text + more
            extended.add((joined[:size], more_open and len(joined) < size))
    if len(extended) > _PREFIXES_LIMIT:
        raise _Unknown
    return extended


# -- first characters as a class ---------------------------------------------------------------------

_CATEGORIES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
               _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W"}


def first_class(pattern: str, flags: int = 0) -> str | None:
    """A character class (``[12\\s]``) holding the first character of every match of ``pattern``;
    None when that cannot be told (the pattern can match the empty string, starts with ``.`` or a
    negated class, refers back to a group, or folds case)."""
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE:  # an inline (?i)
            return None
        items, nullable = _first(parsed)
    except Exception:  # noqa: BLE001  a construct not handled here, or a part that does not parse alone
        return None
    if nullable or not items:
        return None
    return "[" + "".join(sorted(items)) + "]"


def _first(items) -> tuple[set[str], bool]:
    """(class items the sequence's first character is among, whether it can match empty)."""
    first: set[str] = set()
    for op, arg in items:
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            continue  # zero width: the first character comes later
        if op is _sre.LITERAL:
            return first | {re.escape(chr(arg))}, False
        if op is _sre.IN:
            return first | _class_items(arg), False
        if op is _sre.SUBPATTERN:
            if arg[1] or arg[2]:
                raise _Unknown  # flags switched inside: not worth following
            more, nullable = _first(arg[3])
        elif op is _sre.BRANCH:
            more, nullable = set(), False
            for branch in arg[1]:
                branch_first, branch_nullable = _first(branch)
                more |= branch_first
                nullable = nullable or branch_nullable
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
            more, nullable = _first(arg[2])
            nullable = nullable or arg[0] == 0
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            more, nullable = _first(arg)
        else:
            raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, conditionals ...
        first |= more
        if not nullable:
            return first, False
    return first, True


def _class_items(arg) -> set[str]:
    items = set()
    for kind, value in arg:
        if kind is _sre.LITERAL:
            items.add(re.escape(chr(value)))
        elif kind is _sre.RANGE:
            items.add(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif kind is _sre.CATEGORY and value in _CATEGORIES:
            items.add(_CATEGORIES[value])
        else:
            raise _Unknown  # a negated class (NEGATE), or an unforeseen item
    return items


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` as written (split at ``|`` outside groups and
    classes)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]" and pattern[i - 1] != "[" and pattern[i - 2:i] != "[^":
                in_class = False
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def guarded(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` with each top-level alternative behind a lookahead of its
    first characters: the same matches, groups and group numbers, found faster where a pattern has
    many alternatives. An alternative whose first characters cannot be told stays as it is."""
    plain = re.compile(pattern, flags)
    if plain.flags & (re.IGNORECASE | re.VERBOSE):
        return plain
    parts = _alternatives(pattern)
    parsed = _sre_parse.parse(pattern, flags)
    if len(parts) < 2 or len(parsed) != 1 or parsed[0][0] is not _sre.BRANCH or len(parsed[0][1][1]) != len(parts):
        return plain  # one alternative (the engine finds its start well), or a split the parser does not share
    # an alternative that starts with a character or a class is checked as fast as the lookahead
    guards = [None if branch and branch[0][0] in (_sre.LITERAL, _sre.IN) else first_class(part, flags)
              for part, branch in zip(parts, parsed[0][1][1])]
    if not any(guards):
        return plain
    return re.compile("|".join(part if guard is None else f"(?={guard}){part}" for part, guard in zip(parts, guards)),
                      flags)


# -- strings every match contains ------------------------------------------------------------------

def required_strings(pattern: re.Pattern) -> frozenset[str]:
    """Strings that every match of ``pattern`` contains (runs of literal characters outside any
    optional part; of alternatives, those all of them contain); empty when none can be told."""
    if pattern.flags & re.IGNORECASE:
        return frozenset()
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        if parsed.state.flags & re.IGNORECASE:
            return frozenset()
        return frozenset(text for text in _required(parsed) if text)
    except Exception:  # noqa: BLE001  an unforeseen construct: nothing is required
        return frozenset()


def _required(items) -> set[str]:
    found: set[str] = set()
    run = ""
    for op, arg in items:
        if op is _sre.LITERAL:
            run += chr(arg)
            continue
        found.add(run)
        run = ""
        if op is _sre.SUBPATTERN:
            if not (arg[1] or arg[2]):
                found |= _required(arg[3])
        elif op is _sre.BRANCH:
            alternatives = [_required(branch) for branch in arg[1]]
            found |= {text for text in alternatives[0]
                      if all(any(text in other for other in alternative) for alternative in alternatives[1:])}
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)) and arg[0] >= 1:
            found |= _required(arg[2])
    found.add(run)
    return found
