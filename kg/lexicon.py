"""Lexicons: gazetteers, titles, surnames, name cues, event triggers and boilerplate patterns.

Everything here is data loaded from ``kg/data`` (and, optionally, a user's own directory with the
same file names, whose rows are added to the built-in ones). Nothing in this module knows about a
particular article.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import KgError
from .furniture import SegmentRule
from .ruledata import RuleError, load_boilerplate, load_name_cues, load_plan_words, load_triggers
from .model import EVENT_TYPES

__all__ = ["Lexicon", "GazetteerEntry", "Title", "TriggerRule", "normalize_name", "default_lexicon"]

DATA_DIR = Path(__file__).parent / "data"

_GAZETTEER_FILES = {
    "Company": "companies.tsv",
    "NewsOutlet": "outlets.tsv",
    "Organization": "organizations.tsv",
    "Location": "locations.tsv",
    "Product": "products.tsv",
    "Facility": "facilities.tsv",
}

_SPACES_RE = re.compile(r"[\s·]+")
_LEGAL_FORM_RE = re.compile(r"^(주식회사|\(주\)|㈜|\(유\)|유한회사)\s*|(?<!\s)\s*(주식회사|\(주\)|㈜|\(유\))$")


def normalize_name(name: str) -> str:
    """The identity form of a name: NFC, legal forms (주식회사, (주), ㈜) and spaces removed, Latin folded."""
    text = unicodedata.normalize("NFC", name).strip()
    previous = None
    while previous != text:
        previous = text
        text = _LEGAL_FORM_RE.sub("", text).strip()
    return _SPACES_RE.sub("", text).casefold()


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    id: str
    type: str
    ko: str
    en: str | None = None
    aliases: tuple[str, ...] = ()
    ticker: str | None = None
    owner: str | None = None  # company id (products, facilities) or parent company id
    domains: tuple[str, ...] = ()
    location: str | None = None
    kind: str | None = None

    @property
    def key(self) -> str:
        return f"{self.type}/{self.id}"

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.ko, *self.aliases)


@dataclass(frozen=True, slots=True)
class Title:
    title: str
    canonical: str
    en: str
    kind: str


@dataclass(frozen=True, slots=True)
class TriggerRule:
    event_type: str
    pattern: re.Pattern | None  # over the surface text; must start on a morpheme boundary
    trigger: str | None
    confidence: float
    requires: tuple[str, ...] = ()
    context: re.Pattern | None = None
    id: str = ""
    morphs: re.Pattern | None = None  # over the sentence's morphemes written form/TAG, space-separated
    not_before: re.Pattern | None = None  # a sense that is not the event: what must not precede it
    not_after: re.Pattern | None = None  # ... or follow it
    examples: tuple[str, ...] = ()  # sentences the rule must fire on (tests)
    counters: tuple[str, ...] = ()  # sentences it must not fire on (tests)


def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            raise KgError(f"{path}: row {number} has the wrong number of columns (tab-separated)")
    return rows


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


@dataclass
class Lexicon:
    """All lexical resources; build with :func:`Lexicon.load` (or :func:`default_lexicon`)."""

    entries: list[GazetteerEntry]
    titles: dict[str, Title]
    surnames: dict[str, str]
    cues: dict[str, tuple[str, ...]]
    legal_forms: tuple[str, ...]
    not_names: frozenset[str]
    triggers: list[TriggerRule]
    hedges: re.Pattern
    negated: re.Pattern
    conditional: re.Pattern
    rumoured: re.Pattern
    not_event: re.Pattern
    anaphora: re.Pattern
    joint: re.Pattern
    plan_markers: re.Pattern
    plan_actions: tuple[str, ...]
    planned: re.Pattern
    background: re.Pattern
    referring: re.Pattern
    attribution: re.Pattern
    occurred: re.Pattern
    cause: re.Pattern
    done: re.Pattern
    causal: re.Pattern
    detail: re.Pattern
    plan_cause: re.Pattern
    analysis: re.Pattern
    prediction: re.Pattern
    continuing: re.Pattern
    received: re.Pattern
    distributive: re.Pattern
    rumour_report: re.Pattern
    another: re.Pattern
    anaphoric_topic: re.Pattern
    boilerplate: dict[str, list[re.Pattern]]
    segments: list[SegmentRule] = field(default_factory=list)
    ambiguous: frozenset[str] = frozenset()
    descriptors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    quoted_descriptors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    quoted_descriptors_after: dict[str, tuple[str, ...]] = field(default_factory=dict)
    generic_heads: frozenset[str] = frozenset()
    weak_cues: frozenset[str] = frozenset()
    spaced_company_before: frozenset[str] = frozenset()  # 법무법인 율촌
    spaced_company_after: frozenset[str] = frozenset()  # 김앤장 법률사무소
    spaced_company_cues: frozenset[str] = frozenset()  # 이타카 홀딩스
    facility_after_company: frozenset[str] = frozenset()  # KB금융지주 본점
    credit_words: tuple[str, ...] = ()  # 사진, 자료사진: an outlet in a photo credit
    # plans.yaml: words per section (not_actions, actor_nouns, reversals, enacting, predictive_syllables)
    # and (id, section, example, plans) per group
    plan_words: dict[str, frozenset[str]] = field(default_factory=dict)
    plan_examples: tuple[tuple[str, str, str, tuple[str, ...]], ...] = ()
    fingerprint: str = ""
    _by_surface: dict[str, list[GazetteerEntry]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, *extra_dirs: str | Path) -> "Lexicon":
        dirs = [DATA_DIR, *(Path(d) for d in extra_dirs)]
        digest = hashlib.sha256()
        entries: list[GazetteerEntry] = []
        titles: dict[str, Title] = {}
        surnames: dict[str, str] = {}
        for directory in dirs:
            if not directory.is_dir():
                raise KgError(f"lexicon directory not found: {directory}")
            for etype, filename in _GAZETTEER_FILES.items():
                path = directory / "gazetteer" / filename
                if not path.exists():
                    continue
                digest.update(path.read_bytes())
                for row in _read_tsv(path):
                    entries.append(GazetteerEntry(
                        id=row["id"], type=etype, ko=unicodedata.normalize("NFC", row["ko"]),
                        en=row.get("en") or None,
                        aliases=tuple(unicodedata.normalize("NFC", a) for a in _split(row.get("aliases"))),
                        ticker=row.get("ticker") or None,
                        owner=row.get("owner") or row.get("parent") or None,
                        domains=_split(row.get("domains")),
                        location=row.get("location") or None,
                        kind=row.get("kind") or None,
                    ))
            path = directory / "titles.tsv"
            if path.exists():
                digest.update(path.read_bytes())
                for number, row in enumerate(_read_tsv(path), start=2):
                    for column in ("title", "canonical", "en", "kind"):
                        if not (row.get(column) or "").strip():
                            raise RuleError(path, f"row {number} ({row.get('title') or '?'})", f"missing '{column}'",
                                            "give title, canonical, en and kind, tab-separated")
                    titles[row["title"]] = Title(row["title"], row["canonical"], row["en"], row["kind"])
            path = directory / "surnames.txt"
            if path.exists():
                digest.update(path.read_bytes())
                for line in path.read_text(encoding="utf-8").splitlines():
                    if line and not line.startswith("#"):
                        ko, _, en = line.partition("\t")
                        surnames.setdefault(ko.strip(), en.strip())
        ambiguous: set[str] = set()
        for directory in dirs:
            path = directory / "ambiguous.txt"
            if path.exists():
                digest.update(path.read_bytes())
                ambiguous.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                                 if line.strip() and not line.startswith("#"))
        base = load_name_cues(dirs, digest)
        rows, trig = load_triggers(dirs, digest, EVENT_TYPES)
        triggers = [TriggerRule(event_type=etype, pattern=pattern, trigger=trigger, confidence=confidence,
                                requires=requires, context=context, id=rid, **senses)
                    for etype, rid, pattern, trigger, confidence, requires, context, senses in rows]
        boilerplate, segments = load_boilerplate(dirs, digest)
        plan_words, plan_examples = load_plan_words(dirs, digest)
        lexicon = cls(
            entries=entries,
            titles=titles,
            surnames=surnames,
            cues={t: tuple(base.get(t, ())) for t in ("Company", "Organization", "Facility", "Location")},
            legal_forms=tuple(base.get("legal_forms", ())),
            not_names=frozenset(base.get("not_names", ())),
            triggers=triggers,
            hedges=trig["hedges"],
            negated=trig["negated"],
            conditional=trig["conditional"],
            rumoured=trig["rumoured"],
            not_event=trig["not_event"],
            anaphora=trig["anaphora"],
            joint=trig["joint"],
            plan_markers=trig["plan_markers"],
            plan_actions=tuple(trig["plan_actions"]),
            planned=trig["planned"],
            background=trig["background"],
            referring=trig["referring"],
            attribution=trig["attribution"],
            occurred=trig["occurred"],
            cause=trig["cause"],
            done=trig["done"],
            causal=trig["causal"],
            detail=trig["detail"],
            plan_cause=trig["plan_cause"],
            analysis=trig["analysis"],
            prediction=trig["prediction"],
            continuing=trig["continuing"],
            received=trig["received"],
            distributive=trig["distributive"],
            rumour_report=trig["rumour_report"],
            another=trig["another"],
            anaphoric_topic=trig["anaphoric_topic"],
            boilerplate=boilerplate,
            segments=[SegmentRule(rid, pattern, action, label) for rid, pattern, action, label in segments],
            ambiguous=frozenset(ambiguous),
            descriptors={t: tuple(v) for t, v in (base.get("descriptors") or {}).items()},
            quoted_descriptors={t: tuple(v) + tuple((base.get("descriptors") or {}).get(t, ()))
                                for t, v in (base.get("quoted_descriptors") or {}).items()},
            quoted_descriptors_after={t: tuple(v) for t, v in (base.get("quoted_descriptors_after") or {}).items()},
            generic_heads=frozenset(base.get("generic_heads", ())),
            weak_cues=frozenset(base.get("weak_company_cues", ())),
            spaced_company_before=frozenset(base.get("spaced_company_before", ())),
            spaced_company_after=frozenset(base.get("spaced_company_after", ())),
            spaced_company_cues=frozenset(base.get("spaced_company_cues", ())),
            facility_after_company=frozenset(base.get("facility_after_company", ())),
            credit_words=tuple(sorted(set(base.get("credit_words", ())))),
            plan_words=plan_words,
            plan_examples=plan_examples,
            fingerprint=digest.hexdigest()[:16],
        )
        lexicon._index()
        return lexicon

    def _index(self) -> None:
        by_surface: dict[str, list[GazetteerEntry]] = {}
        for entry in self.entries:
            for surface in entry.surfaces:
                by_surface.setdefault(normalize_name(surface), []).append(entry)
        self._by_surface = by_surface

    def lookup(self, surface: str, types: tuple[str, ...] | None = None) -> GazetteerEntry | None:
        """The gazetteer entry a surface form names (first of the given types), or None."""
        for entry in self._by_surface.get(normalize_name(surface), ()):
            if types is None or entry.type in types:
                return entry
        return None

    @cached_property
    def by_key(self) -> dict[str, GazetteerEntry]:
        return {entry.key: entry for entry in self.entries}

    @cached_property
    def outlet_by_domain(self) -> dict[str, GazetteerEntry]:
        result = {}
        for entry in self.entries:
            for domain in entry.domains:
                result[domain.lower()] = entry
        return result

    def outlet_for_domain(self, domain: str) -> GazetteerEntry | None:
        domain = domain.lower().strip(".")
        while domain:
            if domain in self.outlet_by_domain:
                return self.outlet_by_domain[domain]
            _, _, domain = domain.partition(".")
        return None

    @cached_property
    def user_words(self) -> list[tuple[str, str]]:
        """(surface, entity key) pairs to load into the tokenizer, longest first, deterministic."""
        words = {}
        for entry in self.entries:
            for surface in entry.surfaces:
                if len(surface) >= 2 and surface not in words and surface not in self.ambiguous:
                    words[surface] = entry.key
        return sorted(words.items(), key=lambda kv: (-len(kv[0]), kv[0]))

    @cached_property
    def title_pattern(self) -> re.Pattern:
        """Matches a title at the end of a word stem (단독대표, CAC센터장, 부사장), longest first."""
        names = sorted(self.titles, key=lambda t: (-len(t), t))
        return re.compile("(?:" + "|".join(re.escape(t) for t in names) + ")$")

    @cached_property
    def trigger_scanners(self) -> list[tuple[re.Pattern, dict[str, TriggerRule]]]:
        """Trigger rules compiled into few patterns: one alternation per event type of the plain
        rules (named groups tell which rule matched), and each conditional rule on its own."""
        scanners = []
        by_type: dict[str, list[TriggerRule]] = {}
        for rule in self.triggers:
            if rule.pattern is None:
                continue  # a rule over morphemes only (see kg.extract.triggers)
            if rule.context or rule.requires:
                scanners.append((rule.pattern, {"r": rule}))  # sense rules join the alternation: checked per match
            else:
                by_type.setdefault(rule.event_type, []).append(rule)
        for etype, rules in by_type.items():
            rules = sorted(rules, key=lambda r: -r.confidence)
            groups = {f"r{i}": rule for i, rule in enumerate(rules)}
            pattern = "|".join(f"(?P<r{i}>{rule.pattern.pattern})" for i, rule in enumerate(rules))
            scanners.append((re.compile(pattern), groups))
        return scanners

    @cached_property
    def cue_words(self) -> frozenset[str]:
        """Every name cue of every type (노조, 공장, 전자)."""
        return frozenset(cue for cues in self.cues.values() for cue in cues)

    @cached_property
    def cue_patterns(self) -> dict[str, re.Pattern]:
        """Per type, a pattern matching a word ending in one of its name cues (longest first)."""
        return {t: _ending(cues) for t, cues in self.cues.items()}

    @cached_property
    def descriptor_patterns(self) -> dict[str, re.Pattern]:
        return {t: _ending(nouns) for t, nouns in self.descriptors.items()}

    @cached_property
    def quoted_descriptor_patterns(self) -> dict[str, re.Pattern]:
        return {t: _ending(nouns) for t, nouns in self.quoted_descriptors.items()}

    @cached_property
    def quoted_after_patterns(self) -> dict[str, re.Pattern]:
        """What may follow a quoted name of a type: one of its nouns right after it ('오늘배송'
        상품, '다라페이'라는 서비스), or after 등 and a few words (… 등 기존 PC 게임의)."""
        patterns = {}
        for etype, nouns in self.quoted_descriptors_after.items():
            alternatives = "|".join(re.escape(w) for w in sorted(set(nouns), key=lambda w: (-len(w), w)))
            patterns[etype] = re.compile(rf"^(?:(?:이라는|라는)?\s?|\s등\s(?:[^\s,.]+\s){{0,4}}?[^\s,.]*?)(?:{alternatives})"
                                         r"(?:[은는이가을를의에도와과로]|으로|에서)?(?=[\s,.)]|$)")
        return patterns

    def cue_of(self, etype: str, stem: str) -> str | None:
        m = self.cue_patterns[etype].search(stem)
        return m.group(0) if m else None

    def title_of(self, stem: str) -> tuple[str, Title] | None:
        """Split a word stem ending with a title into (prefix, title)."""
        match = self.title_pattern.search(stem)
        if not match:
            return None
        return stem[: match.start()], self.titles[match.group(0)]


def _ending(words) -> re.Pattern:
    words = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("(?:" + "|".join(re.escape(w) for w in words) + ")$") if words else re.compile(r"(?!x)x")


_DEFAULT: Lexicon | None = None


def default_lexicon() -> Lexicon:
    """The built-in lexicon, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Lexicon.load()
    return _DEFAULT
