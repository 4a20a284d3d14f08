"""Trigger rules (kg/data/triggers.yaml) matched on morphemes: every rule fires on its example
sentences and on none of its `not` sentences; words inside other words never fire."""

from __future__ import annotations

import re

import pytest

from kg.errors import KgError
from kg.extract.triggers import _scanners, match_prefixes, match_triggers
from kg.lexicon import Lexicon, default_lexicon

RULES = default_lexicon().triggers


@pytest.fixture(scope="module")
def fired(pipeline):
    def fired(sentence: str) -> set[str]:
        document = pipeline.analyzer.analyze(pipeline.process_text(sentence, id="t").document.article)
        return {hit.rule.id for s in document.sentences for hit in match_triggers(s, pipeline.lexicon)}
    return fired


def test_triggers_every_rule_has_an_id_and_an_example():
    ids = [rule.id for rule in RULES]
    assert all(ids) and len(ids) == len(set(ids))
    assert all(rule.examples for rule in RULES), [r.id for r in RULES if not r.examples]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_triggers_rule_fires_on_its_examples(fired, rule):
    for example in rule.examples:
        assert rule.id in fired(example), example
    for counter in rule.counters:
        assert rule.id not in fired(counter), counter


@pytest.mark.parametrize("sentence, absent", [
    ("자동차 제조사들이 신차를 내놨다.", "Investigation"),      # 조사 inside 제조사
    ("회사의 존속 여부도 불투명하다.", "Bankruptcy"),            # 부도 inside 여부도
    ("앱 오류가 개인정보를 노출시켰다.", "ProductLaunch"),        # 출시 inside 노출시켰다
    ("소비자들의 불만이 폭발했다.", "Accident"),                 # a mood, not an explosion
    ("회원 정보 유출 사고가 또 일어났다.", "Accident"),          # a breach, not an accident
    ("회사는 여론에 밀려 결국 물러섰다.", "Resignation"),          # backed down, did not resign
])
def test_triggers_words_inside_words_and_other_senses_do_not_fire(pipeline, sentence, absent):
    ex = pipeline.process_text("제목\n" + sentence, id="t")
    assert absent not in {e.type for e in ex.events}


@pytest.mark.parametrize("sentence, etype", [
    ("공장 폭발로 근로자 두 명이 다쳐 병원으로 옮겨졌다.", "Accident"),   # inflected verb, lemma 다치
    ("회원 정보 유출 사고가 또 일어났다.", "DataBreach"),
    ("법원은 신주 발행 금지 가처분을 인용했다.", "Lawsuit"),
    ("노사는 올해 임단협을 타결했다.", "Settlement"),
])
def test_triggers_real_wording_fires(pipeline, sentence, etype):
    ex = pipeline.process_text("제목\n" + sentence, id="t")
    assert etype in {e.type for e in ex.events}


@pytest.mark.parametrize("rule, message", [
    ("- {id: broken, trigger: 화재}", "broken: missing 'pattern' (add pattern: '...' over the text, or morphs"),
    ("- {id: bad-sense, pattern: '화재', not_before: '(불'}", "bad-sense: 'not_before' is not a valid regular expression"),
    ("- {id: bad-morphs, morphs: '다치/VV('}", "bad-morphs: 'morphs' is not a valid regular expression"),
])
def test_triggers_bad_rule_names_file_and_rule(tmp_path, rule, message):
    (tmp_path / "triggers.yaml").write_text("Fire:\n  " + rule + "\n", encoding="utf-8")
    with pytest.raises(KgError, match="triggers.yaml: " + message.replace("(", r"\(").replace(")", r"\)")):
        Lexicon.load(tmp_path)


@pytest.mark.parametrize("pattern, singles, pairs", [
    (r"휴업", "", "휴업"),
    (r"(?:숨지|사망했|목숨을\s*잃)", "", "숨지 사망 목숨"),
    (r"(?:(?:흡수|역)\s*)?합병(?!\s*비율)", "역", "흡수 합병"),  # 역 then a space: cut after 역
    (r"(?<=[가-힣])폭발", "", "폭발"),
    (r"[A-C]사", "", "A사 B사 C사"),
    (r"소(?:를)?\s*제기", "소", "소를 소제"),
    (r"\s*파업", None, None),  # a space class first: any character
    (r"(?:임금)?", None, None),  # can match empty
    (r"(?i)ipo", None, None),  # case folding
    (r".+사고", None, None),
])
def test_triggers_match_prefixes(pattern, singles, pairs):
    got = match_prefixes(re.compile(pattern))
    if singles is None:
        assert got is None
    else:
        assert got == (frozenset(singles), frozenset(pairs.split()))


def test_triggers_prefixes_never_skip_a_match():
    """A scanner skipped for a sentence has no match in it: on every rule's example sentences,
    each shipped scanner's matches start with one of its prefixes."""
    examples = [text for rule in RULES for text in rule.examples]
    for pattern, _, prefixes in _scanners(default_lexicon()):
        for text in examples:
            for m in pattern.finditer(text):
                assert prefixes is None or m.group(0)[:1] in prefixes[0] or m.group(0)[:2] in prefixes[1], pattern.pattern


@pytest.mark.parametrize("sentence, etype, factuality", [
    ("회사는 강도 높은 구조조정이 필요한 상황이다.", "Layoff", "hedged"),           # a need, not a layoff
    ("펀드는 나스닥 상장을 조건으로 지분을 사들이기로 했다.", "IPO", "conditional"),  # a condition
    ("두 회사가 주식매매계약을 맺기로 했다는 보도가 나왔다.", "Acquisition", "rumoured"),  # a press report
])
def test_triggers_clause_sets_factuality(pipeline, sentence, etype, factuality):
    ex = pipeline.process_text("제목\n" + sentence, id="t")
    assert [e.factuality for e in ex.events if e.type == etype] == [factuality]


@pytest.mark.parametrize("sentence, absent", [
    ("호출 앱 운영사는 행정소송을 통해 소명하겠다고 전했다.", "Lawsuit"),           # a lawsuit still to come
    ("합병 회사는 2030년까지 매출 50조원을 달성한다.", "EarningsAnnouncement"),   # a target, not a result
])
def test_triggers_what_is_yet_to_come_is_no_event(pipeline, sentence, absent):
    ex = pipeline.process_text("제목\n" + sentence, id="t")
    assert absent not in {e.type for e in ex.events}


@pytest.mark.parametrize("sentence, etype", [
    ("한빛전자는 지난해 3000억원을 투자했고, 올해는 5000억원을 투자할 계획이다.", "Investment"),  # done, then planned
    ("패널 업체는 지난 3년간의 대규모 투자에 이어 내년에도 설비투자를 늘릴 예정이다.", "Investment"),
])
def test_triggers_a_done_clause_before_a_plan_stays_an_event(pipeline, sentence, etype):
    ex = pipeline.process_text("제목\n" + sentence, id="t")
    assert etype in {e.type for e in ex.events}
