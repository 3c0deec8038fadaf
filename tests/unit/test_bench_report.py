"""The knowledge benchmark's report (bench/nlu_quality.py) names only the voices that spoke."""
from bench.nlu_quality import _knowledge_table

SCORES = {"questions": 3, "top1": 2 / 3, "top1_after_other_topic": 1 / 3, "selector_top1": 0.0, "bm25_top1": 1 / 3, "classifier_top1": 2 / 3,
          "fused_top3": 1.0, "answered": 2 / 3, "answered_precision": 1.0, "suggested": 1 / 3,
          "suggestions_hit_rate": 1.0, "confused": [(("a", "b"), 1)]}


def test_a_pipeline_without_a_response_selector_gets_no_response_selector_row():
    # Otherwise the report would show "ResponseSelector alone 0.0%" as if it had been measured.
    table = "\n".join(_knowledge_table({**SCORES, "selector_spoke": 0.0}))
    assert "ResponseSelector" not in table
    assert "| article classifier alone (actions/article_classifier.py), top-1 | 66.7% |" in table


def test_a_response_selector_that_spoke_is_reported():
    table = "\n".join(_knowledge_table({**SCORES, "selector_spoke": 1.0, "selector_top1": 1 / 3}))
    assert "| ResponseSelector alone, top-1 | 33.3% |" in table


def test_every_later_crisis_set_is_reported_with_the_help_it_got():
    from bench.nlu_quality import LATER_CRISIS_SETS, _later_crisis_sets, load_crisis_heldout

    scores = {"messages": 4, "recall": 0.25, "help_offered": 0.75, "lookalikes": 2, "false_alarm_rate": 0.5,
              "check_in_rate": 0.0, "missed": ["a crisis"], "false_alarms": ["an idiom"]}
    report = "\n".join(_later_crisis_sets({key: scores for key, *_ in LATER_CRISIS_SETS}))
    for _, name, _, _ in LATER_CRISIS_SETS:
        data = load_crisis_heldout(name)
        assert data["crisis"] and data["not_crisis"], name
        assert f"`bench/data/{name}`" in report
    assert report.count("| crisis messages given the crisis reply or the check-in | 75.0% |") == len(LATER_CRISIS_SETS)
    assert "- missed: a crisis" in report and "- false alarm: an idiom" in report


def test_the_later_intent_sets_are_not_in_the_training_data():
    from bench.nlu_quality import LATER_INTENT_SETS, load_intents_heldout, training_examples

    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    training = {norm(t) for t in training_examples()}
    for _, name, _ in LATER_INTENT_SETS:
        pairs = load_intents_heldout(name)
        assert len(pairs) >= 150 and len({intent for intent, _ in pairs}) >= 20, name
        assert not {norm(m) for _, m in pairs} & training, name


def test_the_follow_up_sets_are_not_in_the_training_data_and_name_real_articles():
    from actions.knowledge_base import articles
    from bench.nlu_quality import FOLLOW_UP_SETS, ROOT, load_follow_ups, training_examples

    training = {" ".join(t.lower().split()) for t in training_examples()}
    on_disk = {path.name for path in (ROOT / "bench" / "data").glob("follow_ups*.yml")}
    assert on_disk == {name for _, name, _ in FOLLOW_UP_SETS}
    for _, name, _ in FOLLOW_UP_SETS:
        exchanges = load_follow_ups(name)
        assert len(exchanges) >= 50, name
        for item in exchanges:
            assert item["first_article"] in articles() and item["expected"] in articles(), item
            assert " ".join(item["follow_up"].lower().split()) not in training, item
