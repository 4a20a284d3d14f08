"""A user's lexicon directory (``--lexicon DIR``) is validated when loaded: every mistake is an
``Error:`` naming the file, the rule and the fix, never a traceback; every file is read."""

from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.lexicon import Lexicon


@pytest.mark.parametrize("name,content,message", [
    ("triggers.yaml", "Fire:\n  - {trigger: 불}\n", r"triggers.yaml: Fire\[0\]: missing 'pattern' \(add pattern"),
    ("triggers.yaml", "Fire:\n  - {id: fire-big, pattern: '대형(화재'}\n",
     r"triggers.yaml: fire-big: 'pattern' is not a valid regular expression: .*\(fix the pattern"),
    ("triggers.yaml", "Fire:\n  - {pattern: '화재', context: '[불'}\n", r"Fire\[0\]: 'context' is not a valid regular"),
    ("triggers.yaml", "Fire:\n  - {pattern: '(불)?'}\n", r"Fire\[0\]: 'pattern' '\(불\)\?' matches the empty string"),
    ("triggers.yaml", "Fire:\n  - {pattern: '화재', confidence: 높음}\n", r"Fire\[0\]: 'confidence' must be a number"),
    ("triggers.yaml", "Fire:\n  - 화재\n", r"Fire\[0\]: a rule must be a mapping"),
    ("triggers.yaml", "Fires:\n  - {pattern: '화재'}\n", r"triggers.yaml: Fires: unknown section \(use an event type"),
    ("triggers.yaml", "Fire: [{pattern: '화재'\n", r"triggers.yaml: line \d+: not valid YAML"),
    ("titles.tsv", "title\tcanonical\ten\tkind\n본부장\t\tDirector\texecutive\n",
     r"titles.tsv: row 2 \(본부장\): missing 'canonical'"),
    ("name_cues.yaml", "Company: 전자\n", r"name_cues.yaml: Company: must be a list of words"),
    ("name_cues.yaml", "Companies: [전자]\n", r"name_cues.yaml: Companies: unknown section"),
    ("boilerplate.yaml", "drop:\n  - '(광고'\n", r"boilerplate.yaml: drop\[0\]: 'pattern' is not a valid regular expression"),
    ("boilerplate.yaml", "date:\n  - '입력 \\d+'\n", r"date\[0\]: the pattern has no \(\?P<date>...\) group"),
    ("boilerplate.yaml", "segments:\n  - {id: ad, label: an ad, action: cut, pattern: '광고', example: '배너'}\n",
     r"boilerplate.yaml: ad: the pattern does not match its example"),
    ("boilerplate.yaml", "segments:\n  - {id: ad, label: an ad, action: drop, pattern: '광고', example: '광고'}\n",
     r"ad: unknown action 'drop' \(use action: cut or action: tail\)"),
])
def test_lexicon_bad_user_rule_names_file_rule_and_fix(tmp_path, name, content, message):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(KgError, match=message):
        Lexicon.load(tmp_path)


def test_lexicon_user_name_cues_are_loaded(tmp_path):
    (tmp_path / "name_cues.yaml").write_text("Company:\n  - 로보틱스\nFacility:\n  - 물류허브\n", encoding="utf-8")
    lexicon = Lexicon.load(tmp_path)
    assert lexicon.cue_of("Company", "가나로보틱스") == "로보틱스"
    assert lexicon.cue_of("Facility", "평택물류허브") == "물류허브"
    assert lexicon.cue_of("Company", "가나전자") == "전자"  # the built-in cues stay


def test_lexicon_user_rules_are_added(tmp_path):
    (tmp_path / "triggers.yaml").write_text("Recall:\n  - {id: my-recall, pattern: '회수\\s*조치', trigger: 회수}\n",
                                             encoding="utf-8")
    (tmp_path / "boilerplate.yaml").write_text(
        "segments:\n  - {id: app-promo, label: an app promotion, action: cut, pattern: '앱\\s?설치하기', example: '앱 설치하기'}\n",
        encoding="utf-8")
    lexicon = Lexicon.load(tmp_path)
    assert any(rule.trigger == "회수" for rule in lexicon.triggers)
    assert "app-promo" in {rule.id for rule in lexicon.segments}


def test_lexicon_user_rule_is_used_in_a_build(tmp_path):
    from kg.pipeline import Pipeline

    (tmp_path / "triggers.yaml").write_text("Recall:\n  - {pattern: '회수\\s*조치', trigger: 회수, confidence: 0.9}\n",
                                             encoding="utf-8")
    extraction = Pipeline(lexicon_dirs=[tmp_path]).process_text("현대차는 5일 전기차 3만대에 대해 회수 조치에 들어갔다고 밝혔다.")
    assert "Recall" in {e.type for e in extraction.events}
