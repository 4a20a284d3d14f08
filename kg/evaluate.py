"""Evaluate: score extraction against gold annotations (see EVALUATION.md in the project docs).

For every ``NAME.gold.yaml`` in a directory, the article ``NAME.txt`` / ``.html`` / ``.jsonl`` beside
it is built into a graph, and the graph is read back by SPARQL over the output contract (classes,
labels, role links, memberships, statements) - the way a user of the graph would see it.
Scores are micro-averaged over articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import yaml

from .errors import KgError
from .model import ENTITY_TYPES, EVENT_TYPES
from .pipeline import Pipeline
from .query import read_query
from .rdf import article_triples
from .read import read_path

__all__ = ["evaluate_dir", "Score", "EvaluationReport", "load_gold"]

LENIENT = {"Company": "Org", "Organization": "Org", "NewsOutlet": "Org", "Facility": "Place", "Location": "Place"}
_ARTICLE_EXTS = (".txt", ".html", ".htm", ".jsonl")


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


@dataclass
class Score:
    tp_gold: int = 0  # gold items found
    gold: int = 0
    tp_pred: int = 0  # predicted items that are right
    pred: int = 0

    def add(self, other: "Score") -> None:
        self.tp_gold += other.tp_gold
        self.gold += other.gold
        self.tp_pred += other.tp_pred
        self.pred += other.pred

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "gold": self.gold, "found": self.tp_gold, "predicted": self.pred, "correct": self.tp_pred}


METRICS = ("entities_strict", "entities_lenient", "events", "event_types", "time", "positions", "quotes",
           "publisher", "authors", "published", "headline")


@dataclass
class ArticleResult:
    doc: str
    scores: dict[str, Score]
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


@dataclass
class EvaluationReport:
    articles: list[ArticleResult]

    def total(self) -> dict[str, Score]:
        total = {m: Score() for m in METRICS}
        for article in self.articles:
            for metric, score in article.scores.items():
                total[metric].add(score)
        return total

    def as_dict(self) -> dict:
        return {
            "articles": len(self.articles),
            "micro": {m: s.as_dict() for m, s in self.total().items()},
            "per_article": {a.doc: {m: s.as_dict() for m, s in a.scores.items()} | {"missed": a.missed, "extra": a.extra}
                            for a in self.articles},
        }


def load_gold(path: Path) -> dict:
    """Read and check one gold file (format: EVALUATION.md); values come back as strings."""
    try:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as ex:
        raise KgError(f"{path}: not valid YAML: {ex}") from None
    if not isinstance(gold, dict):
        raise KgError(f"{path}: a gold file must be a YAML mapping (see EVALUATION.md)")
    for key in ("entities", "events", "positions", "quotes", "authors"):
        gold[key] = gold.get(key) or []
        if not isinstance(gold[key], list):
            raise KgError(f"{path}: '{key}' must be a list")
    required = {"entities": ("name", "type"), "events": ("type",), "positions": ("person", "org", "title"),
                "quotes": ("speaker", "starts")}
    for key, names in required.items():
        for number, item in enumerate(gold[key]):
            if not isinstance(item, dict) or any(item.get(n) in (None, "") for n in names):
                raise KgError(f"{path}: {key}[{number}] needs {', '.join(names)}")
            for name in names:
                item[name] = str(item[name])
    for entity in gold["entities"]:
        if entity["type"] not in ENTITY_TYPES:
            raise KgError(f"{path}: entity {entity['name']!r} has unknown type {entity['type']!r} "
                          f"(one of: {', '.join(ENTITY_TYPES)})")
        entity["aliases"] = [str(a) for a in entity.get("aliases") or []]
    for event in gold["events"]:
        if event["type"] not in EVENT_TYPES:
            raise KgError(f"{path}: event has unknown type {event['type']!r} (one of: {', '.join(EVENT_TYPES)})")
        event["participants"] = [str(p) for p in event.get("participants") or []]
        event["time"] = None if event.get("time") in (None, "") else str(event["time"])
    gold["authors"] = [str(a) for a in gold["authors"]]
    if gold.get("headline") is not None:
        gold["headline"] = str(gold["headline"])
    return gold


def find_article(gold_path: Path) -> Path:
    stem = gold_path.name[: -len(".gold.yaml")] if gold_path.name.endswith(".gold.yaml") else gold_path.stem
    for ext in _ARTICLE_EXTS:
        candidate = gold_path.with_name(stem + ext)
        if candidate.exists():
            return candidate
    raise KgError(f"{gold_path}: no article file {stem}.txt/.html/.jsonl beside it")


def evaluate_dir(gold_dir: str | Path, pipeline: Pipeline | None = None, progress=None) -> EvaluationReport:
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise KgError(f"{gold_dir}: not a directory (give the folder that holds *.gold.yaml files)")
    gold_files = sorted(gold_dir.glob("*.gold.yaml"))
    if not gold_files:
        raise KgError(f"{gold_dir}: no *.gold.yaml files here")
    pipeline = pipeline or Pipeline()
    results = []
    for gold_path in gold_files:
        gold = load_gold(gold_path)
        article_path = find_article(gold_path)
        doc_id = str(gold.get("doc") or article_path.stem)
        store = ox.Store()
        try:
            raws = list(read_path(article_path))
            raw = next((r for r in raws if r.id == doc_id), raws[0])
            extraction = pipeline.process(raw)
            store.extend(ox.Quad(s, p, o) for s, p, o in article_triples(extraction, pipeline.lexicon))
        except KgError as ex:  # score what could not be read as found-nothing, and go on
            if progress:
                progress(f"{doc_id}: {ex}")
            import sys

            print(f"Error: {ex} (scored as nothing found)", file=sys.stderr)
        results.append(score_article(doc_id, gold, store))
        if progress:
            progress(doc_id)
    return EvaluationReport(results)


def _q(store: ox.Store, text: str) -> list[dict]:
    return [{v.value: (s[v.value].value if s[v.value] is not None else None) for v in r.variables}
            for r in [store.query(read_query(text))] for s in r]


def score_article(doc: str, gold: dict, store: ox.Store) -> ArticleResult:
    scores: dict[str, Score] = {}
    missed: list[str] = []
    extra: list[str] = []
    entity_values = " ".join(f"kg:{t}" for t in ENTITY_TYPES)
    event_values = " ".join(f"kg:{t}" for t in EVENT_TYPES if t != "Statement")

    # -- entities ---------------------------------------------------------------------------
    # an outlet known only from the URL or the input metadata (no evidence in the text) is the
    # article's publisher, not an entity the text names (EVALUATION.md)
    rows = _q(store, f"""SELECT ?e ?type ?label WHERE {{ ?e a ?c . VALUES ?c {{ {entity_values} }}
        FILTER(?c != kg:NewsOutlet || EXISTS {{ ?e kg:evidence ?m }})
        BIND(STRAFTER(STR(?c), "#") AS ?type)
        {{ ?e rdfs:label ?label }} UNION {{ ?e skos:altLabel ?label }} FILTER(LANG(?label) = "ko") }}""")
    nodes: dict[str, dict] = {}
    for row in rows:
        node = nodes.setdefault(row["e"], {"type": row["type"], "labels": set()})
        node["labels"].add(_norm(row["label"]))
    gold_names = {}
    for entity in gold["entities"]:
        names = {_norm(entity["name"]), *(_norm(a) for a in entity.get("aliases") or [])}
        gold_names[entity["name"]] = names
    for mode, group in (("entities_strict", lambda t: t), ("entities_lenient", lambda t: LENIENT.get(t, t))):
        score = Score(gold=len(gold["entities"]), pred=len(nodes))
        for entity in gold["entities"]:
            names = gold_names[entity["name"]]
            hit = any(group(n["type"]) == group(entity["type"]) and n["labels"] & names for n in nodes.values())
            score.tp_gold += hit
            if not hit and mode == "entities_strict":
                missed.append(f"entity {entity['type']} {entity['name']}")
        for iri, n in nodes.items():
            ok = any(group(n["type"]) == group(e["type"]) and n["labels"] & gold_names[e["name"]] for e in gold["entities"])
            score.tp_pred += ok
            if not ok and mode == "entities_strict":
                extra.append(f"entity {n['type']} {sorted(n['labels'])[0] if n['labels'] else iri}")
        scores[mode] = score

    def nodes_named(name: str) -> set[str]:
        names = gold_names.get(name, {_norm(name)})
        return {iri for iri, n in nodes.items() if n["labels"] & names}

    # -- events -----------------------------------------------------------------------------
    # events the text reports as hedged, conditional, negated or rumoured carry kg:factuality; the
    # gold annotates only what happened (EVALUATION.md), so they are not scored
    rows = _q(store, f"""SELECT ?ev ?type ?p ?t ?fp ?label WHERE {{ ?ev a ?c . VALUES ?c {{ {event_values} }}
        FILTER NOT EXISTS {{ ?ev kg:factuality ?factuality }}
        BIND(STRAFTER(STR(?c), "#") AS ?type)
        OPTIONAL {{ ?ev ?role ?p . ?p a ?pc . VALUES ?pc {{ {entity_values} }} }}
        OPTIONAL {{ ?ev sem:hasTimeStamp ?t }} OPTIONAL {{ ?ev kg:fiscalPeriod ?fp }} OPTIONAL {{ ?ev rdfs:label ?label }} }}""")
    events: dict[str, dict] = {}
    for row in rows:
        ev = events.setdefault(row["ev"], {"type": row["type"], "participants": set(), "time": row["t"],
                                           "fiscal": row["fp"], "label": row["label"]})
        if row["p"]:
            ev["participants"].add(row["p"])
    score = Score(gold=len(gold["events"]), pred=len(events))
    time_score = Score()
    # a gold event may be found by any predicted node of its type linked to all its participants,
    # and a node counts for one gold event at most: the pairing with the most events found (then
    # the most times agreeing), not the first-come one
    candidates = []
    for event in gold["events"]:
        wanted = [nodes_named(p) for p in event["participants"]]
        candidates.append([(iri, 1 + int(event["time"] is None or _time_agrees(event["time"], ev["time"], ev["fiscal"])))
                           for iri, ev in sorted(events.items())
                           if ev["type"] == event["type"] and all(ev["participants"] & w for w in wanted)])
    pairs = _best_pairs(candidates)
    used: set[str] = set(pairs.values())
    for index, event in enumerate(gold["events"]):
        match = pairs.get(index)
        if match:
            score.tp_gold += 1
            if event["time"] is not None:
                time_score.gold += 1
                time_score.pred += 1
                if _time_agrees(event["time"], events[match]["time"], events[match]["fiscal"]):
                    time_score.tp_gold += 1
                    time_score.tp_pred += 1
                else:
                    missed.append(f"time of {event['type']} {event.get('trigger')}: gold {event['time']}, got {events[match]['time'] or events[match]['fiscal']}")
        else:
            missed.append(f"event {event['type']} {event.get('trigger')} {event.get('participants')}")
    score.tp_pred = len(used)
    for iri, ev in sorted(events.items()):
        if iri not in used:
            extra.append(f"event {ev['type']} {ev['label']}")
    scores["events"] = score
    scores["time"] = time_score
    gold_types = {e["type"] for e in gold["events"]}
    pred_types = {ev["type"] for ev in events.values()}
    scores["event_types"] = Score(len(gold_types & pred_types), len(gold_types), len(gold_types & pred_types), len(pred_types))

    # -- positions --------------------------------------------------------------------------
    rows = _q(store, """SELECT ?m ?p ?o ?title ?text WHERE { ?m a org:Membership ; org:member ?p ; org:organization ?o ;
        org:role ?r . ?r skos:prefLabel ?title FILTER(LANG(?title) = "ko") OPTIONAL { ?m kg:titleText ?text } }""")
    memberships = {row["m"]: row for row in rows}
    def position_matches(position, row):
        return (row["p"] in nodes_named(position["person"]) and row["o"] in nodes_named(position["org"])
                and _title_agrees(_norm(position["title"]), row))

    def label(iri: str) -> str:
        return max(nodes[iri]["labels"], key=lambda s: (len(s), s)) if iri in nodes and nodes[iri]["labels"] else iri

    score = _one_to_one(gold["positions"], memberships, position_matches, missed,
                        lambda p: f"position {p['person']} {p['org']} {p['title']}", extra,
                        lambda r: f"position {label(r['p'])} {label(r['o'])} {r['title']}")
    scores["positions"] = score

    # -- quotes -----------------------------------------------------------------------------
    rows = _q(store, """SELECT ?s ?speaker ?text WHERE { ?s a kg:Statement ; kg:speaker ?speaker ; kg:quote ?text }""")
    statements = {row["s"]: row for row in rows}
    def quote_matches(quote, row):
        start = _norm(quote["starts"]).strip("\"'“”‘’")
        return row["speaker"] in nodes_named(quote["speaker"]) and _norm(row["text"]).startswith(start)

    score = _one_to_one(gold["quotes"], statements, quote_matches, missed,
                        lambda q: f"quote {q['speaker']}: {q['starts']}")
    scores["quotes"] = score

    # -- article metadata -------------------------------------------------------------------
    rows = _q(store, """SELECT ?date ?publisher ?author WHERE { ?a a schema:NewsArticle .
        OPTIONAL { ?a schema:datePublished ?date } OPTIONAL { ?a schema:publisher/rdfs:label ?publisher FILTER(LANG(?publisher) = "ko") }
        OPTIONAL { ?a schema:author/rdfs:label ?author FILTER(LANG(?author) = "ko") } }""")
    dates = {r["date"] for r in rows if r["date"]}
    publishers = {_norm(r["publisher"]) for r in rows if r["publisher"]}
    authors = {_norm(r["author"]) for r in rows if r["author"]}
    gold_date = str(gold["published"]) if gold.get("published") else None
    scores["published"] = _exact(gold_date, next(iter(dates), None))
    gold_pub = _norm(gold.get("publisher")) if gold.get("publisher") else None
    # the outlet "as the text names it": any Korean label of the publisher node (스포츠조선닷컴 is
    # an alternative label of 스포츠조선), like entity names
    alternatives = {_norm(r["alt"]) for r in _q(store, """SELECT ?alt WHERE { ?a a schema:NewsArticle ;
        schema:publisher/skos:altLabel ?alt FILTER(LANG(?alt) = "ko") }""")}
    publisher = next(iter(publishers), None)
    scores["publisher"] = _exact(gold_pub, gold_pub if gold_pub and gold_pub in publishers | alternatives else publisher)
    gold_authors = {_norm(a) for a in gold["authors"]}
    scores["authors"] = Score(len(gold_authors & authors), len(gold_authors), len(gold_authors & authors), len(authors))
    headlines = [r["headline"] for r in _q(store, """SELECT ?headline WHERE { ?a a schema:NewsArticle ;
        schema:headline ?headline }""")]
    headline = headlines[0] if headlines else None
    if "headline" in gold:  # absent: not annotated; null: the page has no title
        scores["headline"] = _exact(_norm(gold["headline"]) if gold["headline"] else None, _norm(headline) or None)
        if scores["headline"].tp_gold < scores["headline"].gold or (gold["headline"] is None and headline):
            missed.append(f"headline {gold['headline']!r} (got {headline!r})")
    if scores["published"].tp_gold < scores["published"].gold:
        missed.append(f"published {gold_date} (got {next(iter(dates), None)})")
    if scores["publisher"].tp_gold < scores["publisher"].gold:
        missed.append(f"publisher {gold.get('publisher')} (got {next(iter(publishers), None)})")
    for author in sorted(gold_authors - authors):
        missed.append(f"author {author}")
    return ArticleResult(doc, scores, missed, extra)


def _one_to_one(gold_items: list, predicted: dict, matches, missed: list[str], describe,
                extra: list[str] | None = None, describe_row=None) -> Score:
    """One-to-one pairing of gold items to predicted rows, the most pairs possible (a maximum
    bipartite matching, as for events); a predicted row counts for one gold item at most.
    Unmatched rows are listed in `extra` when `describe_row` is given."""
    score = Score(gold=len(gold_items), pred=len(predicted))
    rows = sorted(predicted.items())
    pairs = _best_pairs([[(key, 1) for key, row in rows if matches(item, row)] for item in gold_items])
    for index, item in enumerate(gold_items):
        if index not in pairs:
            missed.append(describe(item))
    used = set(pairs.values())
    score.tp_gold = len(pairs)
    score.tp_pred = len(used)
    if extra is not None and describe_row is not None:
        extra.extend(describe_row(row) for key, row in rows if key not in used)
    return score


def _best_pairs(candidates: list[list[tuple[str, int]]]) -> dict[int, str]:
    """A maximum one-to-one pairing of gold items (by index) to predicted keys: ``candidates[i]``
    lists the (key, weight) pairs gold item i may take. The most pairs first, then the largest
    total weight (a maximum-cardinality, maximum-weight bipartite matching; deterministic)."""
    graph = nx.Graph()
    for index, options in enumerate(candidates):
        for key, weight in options:
            graph.add_edge(("gold", index), ("pred", key), weight=weight)
    pairs = {}
    for a, b in nx.max_weight_matching(graph, maxcardinality=True):
        gold, pred = (a, b) if a[0] == "gold" else (b, a)
        pairs[gold[1]] = pred[1]
    return pairs


def _exact(gold: str | None, predicted: str | None) -> Score:
    if gold is None:
        return Score(0, 0, 0, 1 if predicted else 0)
    ok = int(predicted == gold)
    return Score(ok, 1, ok, 1 if predicted else 0)


def _title_agrees(title: str, row: dict) -> bool:
    labels = {_norm(row["title"]), _norm(row.get("text"))}
    return any(label and (label == title or label.startswith(title) or title.startswith(label)) for label in labels)


def _time_agrees(gold: str, timestamp: str | None, fiscal: str | None) -> bool:
    if re.fullmatch(r"\d{4}-Q[1-4]", gold):
        if fiscal == gold:
            return True
        if timestamp and len(timestamp) >= 7:
            quarter = (int(timestamp[5:7]) - 1) // 3 + 1
            return f"{timestamp[:4]}-Q{quarter}" == gold
        return False
    return bool(timestamp) and timestamp.startswith(gold) and len(timestamp) >= len(gold)


def format_report(report: EvaluationReport, verbose: bool = False) -> str:
    from .query import render_table

    total = report.total()
    rows = []
    for metric in METRICS:
        s = total[metric]
        rows.append([metric, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.gold), str(s.pred)])
    text = f"{len(report.articles)} article(s)\n" + render_table(["metric", "P", "R", "F1", "gold", "predicted"], rows)
    if verbose:
        for article in report.articles:
            text += f"\n== {article.doc}\n"
            for line in article.missed:
                text += f"  missed: {line}\n"
            for line in article.extra:
                text += f"  extra:  {line}\n"
    return text


def evaluate_many(dirs: Iterable[str | Path], pipeline: Pipeline | None = None) -> EvaluationReport:
    pipeline = pipeline or Pipeline()
    articles = []
    for directory in dirs:
        articles.extend(evaluate_dir(directory, pipeline).articles)
    return EvaluationReport(articles)
