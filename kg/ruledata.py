"""Checks for rule data files (built-in ``kg/data`` and a user's ``--lexicon DIR``).

Every loader of patterns, triggers, titles or cues calls these, so that a bad row is reported as
``Error: FILE: RULE: what is wrong (how to fix it)`` instead of a traceback deep in extraction::

    rule = require_mapping(path, "Fire[3]", row, ("pattern",))
    pattern = compile_pattern(path, "Fire[3]", rule["pattern"])
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import KgError

__all__ = ["RuleError", "compile_pattern", "require_mapping", "require_strings", "load_yaml", "rule_id"]


class RuleError(KgError):
    """A rule in a data file is malformed; the message names the file, the rule and the fix."""

    def __init__(self, path: str | Path, rule: str | None, problem: str, fix: str):
        where = f"{path}: {rule}" if rule else str(path)
        super().__init__(f"{where}: {problem} ({fix})")


def rule_id(row: object, default: str) -> str:
    """The rule's own ``id`` when it has one, else ``default`` (``Fire[3]``)."""
    if isinstance(row, dict) and isinstance(row.get("id"), (str, int)) and str(row["id"]).strip():
        return str(row["id"]).strip()
    return default


def load_yaml(path: str | Path) -> object:
    """Parse a YAML data file; a syntax error names the file and line."""
    try:
        return yaml.safe_load(Path(path).read_bytes())
    except yaml.YAMLError as ex:
        mark = getattr(ex, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        raise RuleError(path, where, f"not valid YAML: {getattr(ex, 'problem', None) or ex}",
                        "fix the YAML syntax (quote patterns with single quotes)") from None
    except OSError as ex:
        raise RuleError(path, None, f"cannot read the file: {ex.strerror}", "check the path and permissions") from None


def compile_pattern(path: str | Path, rule: str, text: object, field: str = "pattern") -> re.Pattern:
    """Compile a rule's regular expression, or raise a ``RuleError`` saying what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise RuleError(path, rule, f"'{field}' must be a non-empty regular expression, not {text!r}",
                        f"give '{field}' as a quoted string, e.g. {field}: '화재'")
    try:
        pattern = re.compile(text)
    except re.error as ex:
        raise RuleError(path, rule, f"'{field}' is not a valid regular expression: {ex}",
                        "fix the pattern (Python re syntax)") from None
    if pattern.match("") is not None and field == "pattern":
        raise RuleError(path, rule, f"'{field}' {text!r} matches the empty string",
                        "make the pattern require at least one character")
    return pattern


def require_mapping(path: str | Path, rule: str, row: object, fields: tuple[str, ...]) -> dict:
    """The rule as a mapping holding every field of ``fields``."""
    if not isinstance(row, dict):
        raise RuleError(path, rule, f"a rule must be a mapping, not {type(row).__name__}",
                        f"write it as {{{', '.join(f'{f}: ...' for f in fields)}}}")
    for name in fields:
        if row.get(name) in (None, ""):
            raise RuleError(path, rule, f"missing '{name}'", f"add {name}: ... to the rule")
    return row


def require_strings(path: str | Path, rule: str, value: object) -> list[str]:
    """A list of non-empty strings (cue words, names), or a ``RuleError``."""
    if not isinstance(value, list):
        raise RuleError(path, rule, f"must be a list of words, not {type(value).__name__}",
                        "write one '- word' per line")
    for number, item in enumerate(value):
        if not isinstance(item, (str, int)) or not str(item).strip():
            raise RuleError(path, f"{rule}[{number}]", f"{item!r} is not a word", "give a non-empty word")
    return [str(item).strip() for item in value]


# -- the rule files of a lexicon ------------------------------------------------------------------

_TRIGGER_SETTINGS = ("hedges", "anaphora", "plan_markers", "planned", "background", "negated", "conditional",
                     "rumoured", "not_event", "joint", "referring", "attribution", "occurred", "cause", "done",
                     "causal", "detail", "plan_cause", "analysis", "prediction", "continuing", "received", "distributive", "rumour_report", "another", "anaphoric_topic")  # one pattern each
_BOILERPLATE_GROUPS = {"drop": None, "tail": None, "date": "date", "publisher": "name", "header": None,
                       "caption": None, "list_item": None, "box": None, "image": "alt",
                       "title_subject": None, "title_tag": None}  # group required
# page-structure groups: each rule a mapping with an id, a label and an example line it must match (re.search)
_STRUCTURE_GROUPS = ("caption", "list_item", "box", "image", "title_subject", "title_tag")
_SEGMENT_ACTIONS = ("cut", "tail")


def _files(dirs, name: str, digest) -> list[tuple[Path, object]]:
    found = []
    for directory in dirs:
        path = Path(directory) / name
        if path.exists():
            digest.update(path.read_bytes())
            data = load_yaml(path)
            if data is not None and not isinstance(data, dict):
                raise RuleError(path, None, f"the file must be a mapping of sections, not {type(data).__name__}",
                                "see the built-in file of the same name in kg/data")
            found.append((path, data or {}))
    return found


def load_triggers(dirs, digest, event_types) -> tuple[list[tuple], dict]:
    """(etype, rule id, pattern, trigger, confidence, requires, context, senses) per trigger rule
    (senses: morphs, not_before, not_after patterns and example/counter sentences), and the
    settings (hedges, anaphora, plan_markers, planned as patterns; plan_actions as words).
    A user file adds rules and extends each setting."""
    rules: list[tuple] = []
    settings: dict = {"plan_actions": []}
    alternatives: dict[str, list[str]] = {name: [] for name in _TRIGGER_SETTINGS}
    for path, data in _files(dirs, "triggers.yaml", digest):
        for key, value in data.items():
            if key in _TRIGGER_SETTINGS:
                alternatives[key].append(compile_pattern(path, key, value, field=key).pattern)
            elif key == "plan_actions":
                settings["plan_actions"].extend(require_strings(path, key, value))
            elif key in event_types:
                if not isinstance(value, list):
                    raise RuleError(path, key, "must be a list of rules", "write each rule as - {pattern: '...', trigger: ...}")
                for number, row in enumerate(value):
                    rid = rule_id(row, f"{key}[{number}]")
                    row = require_mapping(path, rid, row, ())
                    if not row.get("pattern") and not row.get("morphs"):
                        raise RuleError(path, rid, "missing 'pattern'",
                                        "add pattern: '...' over the text, or morphs: '...' over form/TAG morphemes")
                    pattern = compile_pattern(path, rid, row["pattern"]) if row.get("pattern") else None
                    context = compile_pattern(path, rid, row["context"], "context") if row.get("context") else None
                    try:
                        confidence = float(row.get("confidence", 0.7))
                    except (TypeError, ValueError):
                        confidence = -1.0
                    if not 0.0 <= confidence <= 1.0:
                        raise RuleError(path, rid, f"'confidence' must be a number from 0 to 1, not {row.get('confidence')!r}",
                                        "e.g. confidence: 0.8")
                    requires = row.get("requires", ())
                    requires = tuple(require_strings(path, f"{rid} requires", list(requires) if isinstance(requires, (list, tuple)) else requires))
                    trigger = row.get("trigger")
                    senses = {name: compile_pattern(path, rid, row[name], name) if row.get(name) else None
                              for name in ("morphs", "not_before", "not_after")}
                    for name, field in (("example", "examples"), ("not", "counters")):
                        value = row.get(name) or []
                        senses[field] = tuple(require_strings(path, f"{rid} {name}", [value] if isinstance(value, str) else value))
                    rules.append((key, rid, pattern, None if trigger is None else str(trigger), confidence, requires,
                                  context, senses))
            else:
                raise RuleError(path, key, "unknown section",
                                f"use an event type ({', '.join(event_types)}) or one of "
                                f"{', '.join(_TRIGGER_SETTINGS + ('plan_actions',))}")
    for name, parts in alternatives.items():
        if not parts:
            raise RuleError(dirs[0], name, "missing setting", f"add {name}: '...' to triggers.yaml")
        settings[name] = re.compile(parts[0] if len(parts) == 1 else "|".join(f"(?:{p})" for p in parts))
    return rules, settings


PLAN_SECTIONS = ("not_actions", "vague_verbs", "actor_nouns", "reversals", "enacting", "predictive_syllables")


def load_plan_words(dirs, digest) -> tuple[dict[str, frozenset[str]], tuple[tuple[str, str, str, tuple[str, ...]], ...]]:
    """plans.yaml of every directory: the words of each section, and (id, section, example, plans)
    per group (the example sentence and the Plan triggers kg must find in it)."""
    words: dict[str, set[str]] = {name: set() for name in PLAN_SECTIONS}
    rows: list[tuple[str, str, str, tuple[str, ...]]] = []
    seen: set[str] = set()
    for path, data in _files(dirs, "plans.yaml", digest):
        for section, groups in data.items():
            if section not in PLAN_SECTIONS:
                raise RuleError(path, section, "unknown section", f"use one of {', '.join(PLAN_SECTIONS)}")
            if not isinstance(groups, list):
                raise RuleError(path, section, "must be a list of groups",
                                "write each group as - {id: ..., words: [...], example: ..., plans: [...]}")
            for number, group in enumerate(groups):
                gid = rule_id(group, f"{section}[{number}]")
                group = require_mapping(path, gid, group, ("id", "words", "example"))
                if gid in seen:
                    raise RuleError(path, gid, "the id is used twice", "give each group an id of its own")
                seen.add(gid)
                words[section].update(require_strings(path, f"{gid} words", group["words"]))
                example = group["example"]
                if not isinstance(example, str):
                    raise RuleError(path, gid, f"'example' must be a sentence, not {example!r}", "quote the sentence")
                plans = group.get("plans", [])
                rows.append((gid, section, example, tuple(require_strings(path, f"{gid} plans", plans))))
    return {name: frozenset(found) for name, found in words.items()}, tuple(rows)


_CUE_LISTS = ("Company", "Organization", "Facility", "Location", "legal_forms", "not_names",
              "weak_company_cues", "generic_heads", "spaced_company_before", "spaced_company_after", "spaced_company_cues", "facility_after_company",
              "credit_words")
_CUE_MAPS = ("descriptors", "quoted_descriptors", "quoted_descriptors_after")


def load_name_cues(dirs, digest) -> dict:
    """name_cues.yaml of every directory merged: lists extended, descriptor maps merged per type."""
    merged: dict = {name: [] for name in _CUE_LISTS} | {name: {} for name in _CUE_MAPS}
    for path, data in _files(dirs, "name_cues.yaml", digest):
        for key, value in data.items():
            if key in _CUE_LISTS:
                merged[key].extend(require_strings(path, key, value or []))
            elif key in _CUE_MAPS:
                if not isinstance(value, dict):
                    raise RuleError(path, key, "must map an entity type to a list of nouns", "e.g. Product: [앱, 서비스]")
                for etype, words in value.items():
                    merged[key].setdefault(str(etype), []).extend(require_strings(path, f"{key}.{etype}", words or []))
            else:
                raise RuleError(path, key, "unknown section", f"use one of {', '.join(_CUE_LISTS + _CUE_MAPS)}")
    return merged


def load_boilerplate(dirs, digest) -> tuple[dict[str, list[re.Pattern]], list[tuple]]:
    """Line patterns per group (drop, tail, date, publisher) and the in-line furniture segments
    as (id, pattern, action, label), from every directory's boilerplate.yaml."""
    groups: dict[str, list[re.Pattern]] = {name: [] for name in _BOILERPLATE_GROUPS}
    segments: list[tuple] = []
    for path, data in _files(dirs, "boilerplate.yaml", digest):
        for key, value in data.items():
            if key in _BOILERPLATE_GROUPS:
                if not isinstance(value, list):
                    raise RuleError(path, key, "must be a list of patterns", "write one - 'pattern' per line")
                for number, row in enumerate(value):
                    rid = rule_id(row, f"{key}[{number}]")
                    if key in _STRUCTURE_GROUPS:
                        row = require_mapping(path, rid, row, ("id", "pattern", "label", "example"))
                    text = row.get("pattern") if isinstance(row, dict) else row
                    pattern = compile_pattern(path, rid, text)
                    if key in _STRUCTURE_GROUPS and not pattern.search(str(row["example"])):
                        raise RuleError(path, rid, f"the pattern does not match its example {row['example']!r}",
                                        "fix the pattern or the example")
                    group = _BOILERPLATE_GROUPS[key]
                    if group and group not in pattern.groupindex:
                        raise RuleError(path, rid, f"the pattern has no (?P<{group}>...) group",
                                        f"mark the {group} in the pattern with (?P<{group}>...)")
                    groups[key].append(pattern)
            elif key == "segments":
                if not isinstance(value, list):
                    raise RuleError(path, key, "must be a list of rules", "see kg/data/boilerplate.yaml")
                for number, row in enumerate(value):
                    rid = rule_id(row, f"segments[{number}]")
                    row = require_mapping(path, rid, row, ("id", "pattern", "action", "label", "example"))
                    pattern = compile_pattern(path, rid, row["pattern"])
                    if row["action"] not in _SEGMENT_ACTIONS:
                        raise RuleError(path, rid, f"unknown action {row['action']!r}", "use action: cut or action: tail")
                    if not pattern.search(str(row["example"])):
                        raise RuleError(path, rid, f"the pattern does not match its example {row['example']!r}",
                                        "fix the pattern or the example")
                    segments.append((rid, pattern, row["action"], str(row["label"])))
            else:
                raise RuleError(path, key, "unknown section",
                                f"use one of {', '.join(list(_BOILERPLATE_GROUPS) + ['segments'])}")
    return groups, segments
