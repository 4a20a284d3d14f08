"""Training and cross-validation of the named-entity tagger (used by ``scripts/train-ner``).

Training data, read in a fixed order so that the model file is rebuilt byte-identically:

- ``data/ner/klue-konec-dev-minus-heldout.tsv``: 4,700 KLUE sentences (news and movie reviews),
  one character a line with a BIO tag of the 150 NIKL types, mapped to kg's classes by
  ``kg/data/ner/nikl_classes.tsv``;
- the team's own dev articles (``examples/dev``, never ``examples/test``): the names of their gold
  files, found in the body sentences, give more spans in newsroom style.

Character tags become token labels over Kiwi's tokens (the same analysis the pipeline runs), so
the tagger sees at training time exactly the tokens it sees when tagging.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..analyze import get_analyzer
from ..lexicon import Lexicon
from ..model import Article, Token
from .features import CLASS_CODES, FeatureContext, load_nikl_classes, sentence_features
from .tagger import spans_from_labels

__all__ = ["Example", "read_konec", "read_dev_articles", "token_labels", "train", "cross_validate"]

# Deterministic L-BFGS with elastic-net regularisation; chosen by --cv on the news folds.
TRAINER_PARAMS = {"c1": 0.05, "c2": 0.02, "max_iterations": 200, "feature.possible_transitions": True,
                  "feature.minfreq": 1}


@dataclass(frozen=True)
class Example:
    """One training sentence: its text, gold character spans (start, end, kg class) and source."""

    id: str
    text: str
    spans: tuple[tuple[int, int, str], ...]
    source: str  # news | reviews | dev


def read_konec(path: Path, nikl: dict[str, str]) -> list[Example]:
    """Sentences of the KLUE/konec character-per-line file with their spans of kg classes."""
    examples: list[Example] = []
    guid, chars, tags = None, [], []

    def flush():
        if guid is None:
            return
        text = "".join(chars)
        spans, start, label = [], None, None
        for i, tag in enumerate(tags + ["O"]):
            if start is not None and not tag.startswith("I-"):
                if label in nikl:
                    spans.append((start, i, nikl[label]))
                start = label = None
            if tag.startswith("B-") or (tag.startswith("I-") and start is None):
                start, label = i, tag[2:]
        source = "news" if guid.endswith("wikitree") else "reviews"
        examples.append(Example(guid, text, tuple(spans), source))

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("## "):
                if line.startswith("## columns"):
                    continue
                flush()
                guid, chars, tags = line[3:].split("\t", 1)[0], [], []
            elif line and guid is not None and "\t" in line:
                char, tag = line.rsplit("\t", 1)
                chars.append(char if char else " ")
                tags.append(tag)
    flush()
    return examples


def read_dev_articles(directory: Path, lexicon: Lexicon) -> list[Example]:
    """Body sentences of the team's dev articles with the spans of their gold entities' names."""
    from ..clean import clean
    from ..read import read_path

    analyzer = get_analyzer(lexicon)
    examples: list[Example] = []
    for gold_path in sorted(directory.glob("*.gold.yaml")):
        stem = gold_path.name[: -len(".gold.yaml")]
        inputs = sorted(p for p in directory.glob(stem + ".*") if not p.name.endswith(".gold.yaml"))
        if not inputs:
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        names: dict[str, str] = {}
        for entity in gold.get("entities") or []:
            for name in [entity["name"], *(entity.get("aliases") or [])]:
                if len(str(name)) >= 2 and entity["type"] in CLASS_CODES:
                    names.setdefault(str(name), entity["type"])
        if not names:
            continue
        pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))))
        for raw in read_path(inputs[0]):
            document = analyzer.analyze(clean(raw, lexicon))
            for sentence in document.sentences:
                if sentence.zone is not None:
                    continue
                spans = []
                for m in pattern.finditer(sentence.text):
                    before = sentence.text[m.start() - 1: m.start()]
                    if before and re.match(r"[가-힣A-Za-z0-9]", before):
                        continue  # inside a longer word
                    spans.append((m.start(), m.end(), names[m.group(0)]))
                examples.append(Example(f"{stem}/{sentence.index}", sentence.text, tuple(spans), "dev"))
    return examples


def tokenize(examples: Iterable[Example], lexicon: Lexicon) -> Iterator[tuple[Example, list[Token]]]:
    """Kiwi tokens of each example, offsets into the example's text."""
    analyzer = get_analyzer(lexicon)
    for example in examples:
        text = example.text.replace("\n", " ")
        document = analyzer.analyze(Article(id=example.id, source=example.id, text=text))
        tokens = [t for s in document.sentences for t in s.tokens]
        yield example, tokens


def token_labels(tokens: list[Token], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO labels of tokens from character spans: a token starting inside a span belongs to it."""
    owner: dict[int, tuple[int, str]] = {}
    for number, (start, end, cls) in enumerate(spans):
        for offset in range(start, end):
            owner[offset] = (number, CLASS_CODES[cls])
    labels, previous = [], None
    for token in tokens:
        hit = owner.get(token.start)
        if hit is None:
            labels.append("O")
            previous = None
            continue
        labels.append(("I-" if previous == hit[0] else "B-") + hit[1])
        previous = hit[0]
    return labels


def _sequences(items, ctx: FeatureContext):
    for example, tokens in items:
        if tokens:
            yield sentence_features(tokens, example.text.replace("\n", " "), ctx), token_labels(tokens, example.spans)


def train(items: list[tuple[Example, list[Token]]], ctx: FeatureContext, model_path: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for xseq, yseq in _sequences(items, ctx):
        trainer.append(xseq, yseq)
    trainer.set_params(TRAINER_PARAMS)
    trainer.train(str(model_path))


def load_training(repo: Path, lexicon: Lexicon) -> list[tuple[Example, list[Token]]]:
    nikl = load_nikl_classes()
    examples = read_konec(repo / "data" / "ner" / "klue-konec-dev-minus-heldout.tsv", nikl)
    examples += read_dev_articles(repo / "examples" / "dev", lexicon)
    return list(tokenize(examples, lexicon))


_COARSE = {"Person": "PS", "Organization": "OG", "Company": "OG", "NewsOutlet": "OG", "Location": "LC"}


def cross_validate(items: list[tuple[Example, list[Token]]], ctx: FeatureContext, workdir: Path,
                   folds: int = 5, log=print) -> float:
    """Entity F1 (persons, organisations, locations; exact character spans) over ``folds`` folds of
    the news sentences; each fold's model trains on the other news folds, the reviews and dev."""
    import pycrfsuite

    news = [i for i, (example, _) in enumerate(items) if example.source == "news"]
    order = news[:]
    random.Random(7).shuffle(order)
    fold_of = {index: n % folds for n, index in enumerate(order)}
    total_tp = total_gold = total_pred = 0
    for fold in range(folds):
        train_items = [item for i, item in enumerate(items) if fold_of.get(i, -1) != fold]
        test_items = [items[i] for i in news if fold_of[i] == fold]
        path = workdir / f"fold{fold}.crfsuite"
        train(train_items, ctx, path)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        tp = gold_n = pred_n = 0
        for example, tokens in test_items:
            text = example.text.replace("\n", " ")
            gold = {(s, e, _COARSE[c]) for s, e, c in example.spans if c in _COARSE}
            pred = set()
            if tokens:
                labels = tagger.tag(sentence_features(tokens, text, ctx))
                pred = {(s, e, _COARSE[c]) for s, e, c in spans_from_labels(tokens, labels) if c in _COARSE}
            tp += len(gold & pred)
            gold_n += len(gold)
            pred_n += len(pred)
        tagger.close()
        p = tp / pred_n if pred_n else 0.0
        r = tp / gold_n if gold_n else 0.0
        log(f"fold {fold + 1}: P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0.0:.3f} "
            f"({len(test_items)} sentences, {gold_n} entities)")
        total_tp, total_gold, total_pred = total_tp + tp, total_gold + gold_n, total_pred + pred_n
    p = total_tp / total_pred if total_pred else 0.0
    r = total_tp / total_gold if total_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    log(f"{folds}-fold cross-validation, news sentences, persons/organisations/locations: "
        f"P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    return f1
