"""Cross-file consistency: the domain, the Python actions, the articles and the held-out benchmark agree."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from actions.knowledge_base import load_articles
from actions.settings import ROOT

DOMAIN_FILES = sorted((ROOT / "bot" / "domain").glob("*.yml"))
# Every held-out set of knowledge questions (bench/nlu_quality.py).
HELDOUT_FILES = sorted((ROOT / "bench" / "data").glob("knowledge_heldout*/*.yml"))
SHOW_ARTICLE = re.compile(r"^/show_article(\{.*\})$")
RESPONSE_ARG = re.compile(r"""response\s*=\s*["'](utter_\w+)["']""")


@pytest.fixture(scope="module")
def article_ids() -> set[str]:
    return set(load_articles())


def _strings(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def _show_article_payloads() -> list[tuple[str, str]]:
    found = []
    for path in DOMAIN_FILES:
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if text.startswith("/show_article"):
                found.append((path.name, text))
    return found


def _domain_responses() -> set[str]:
    names: set[str] = set()
    for path in DOMAIN_FILES:
        names |= set((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {})
    return names


def _heldout() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for path in HELDOUT_FILES:
        for key, questions in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            merged.setdefault(key, []).extend(questions)
    return merged


def test_domain_show_article_buttons_name_existing_articles(article_ids):
    payloads = _show_article_payloads()
    assert payloads, "no /show_article payloads found in bot/domain"
    for file_name, payload in payloads:
        match = SHOW_ARTICLE.match(payload)
        assert match, f"{file_name}: malformed payload {payload!r}"
        entities = json.loads(match.group(1))
        assert set(entities) == {"article"}, f"{file_name}: {payload!r}"
        assert entities["article"] in article_ids, f"{file_name}: {payload!r} names no article"


def test_intent_articles_name_existing_articles(article_ids):
    mapping = yaml.safe_load((ROOT / "knowledge" / "intent_articles.yml").read_text(encoding="utf-8"))
    assert mapping
    assert {intent: a for intent, a in mapping.items() if a not in article_ids} == {}


def test_responses_used_by_actions_exist_in_the_domain():
    used = {
        (path.relative_to(ROOT).as_posix(), name)
        for path in (ROOT / "actions").rglob("*.py")
        for name in RESPONSE_ARG.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "no response=... references found in actions/"
    responses = _domain_responses()
    assert sorted((f, n) for f, n in used if n not in responses) == []


def test_heldout_files_exist_and_are_not_empty():
    assert HELDOUT_FILES
    assert all(questions for questions in _heldout().values())


def test_heldout_keys_are_existing_articles(article_ids):
    assert sorted(set(_heldout()) - article_ids) == []


def test_heldout_questions_are_not_among_the_article_examples():
    examples = {e.strip().lower(): a.id for a in load_articles().values() for e in a.examples}
    leaked = [
        (key, question, examples[question.strip().lower()])
        for key, questions in _heldout().items()
        for question in questions
        if question.strip().lower() in examples
    ]
    assert leaked == []


def test_the_benchmark_counts_as_answered_only_intents_whose_rule_answers_from_the_articles():
    # bench/nlu_quality.py scores knowledge questions as the bot treats them; keep it true.
    from bench.nlu_quality import ANSWERED_FROM_ARTICLES

    answering = set()
    for rule in yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]:
        steps = rule.get("steps") or []
        for step, following in zip(steps, steps[1:]):
            if "intent" in step and following.get("action") == "action_answer_question":
                answering.add(step["intent"])
    assert ANSWERED_FROM_ARTICLES <= answering
    assert "crisis" not in answering


def test_every_held_out_set_is_benchmarked_and_says_how_it_was_written():
    # A set added without its entry would silently go unreported; one without its header
    # would be reported without saying who wrote it and from what (docs/benchmarks.md).
    from bench.nlu_quality import LATER_SETS, set_provenance

    folders = {path.parent.name for path in HELDOUT_FILES}
    assert folders == {"knowledge_heldout"} | {folder for _, folder, _ in LATER_SETS}
    for _, folder, _ in LATER_SETS:
        header = " ".join(set_provenance(folder))
        assert "written" in header and "do not tune anything on them" in header, folder
