"""How the ResponseSelector, the BM25 search and the article classifier are weighed
(actions/answer_choice.py), on made-up votes so each rule is tested on its own."""
from __future__ import annotations

from actions.answer_choice import Choice, Votes, choose, fuse


def votes(selector=None, search=None, classifier=None) -> Votes:
    return Votes(selector or {}, search or {}, classifier or {})


def test_no_votes_give_neither_an_answer_nor_suggestions():
    assert choose(votes()) == Choice(None, ())


def test_all_voices_agreeing_answer_even_when_unsure():
    chosen = choose(votes({"a": 0.3, "b": 0.28}, {"a": 2.0, "b": 1.9}, {"a": 0.4, "b": 0.35}))
    assert chosen == Choice("a", ())


def test_one_voice_alone_answers_only_with_a_clear_lead():
    assert choose(votes(selector={"a": 0.95, "b": 0.02})) == Choice("a", ())
    assert choose(votes(selector={"a": 0.55, "b": 0.40})) == Choice(None, ("a", "b"))


def test_one_voice_alone_that_is_not_sure_of_anything_does_not_answer():
    # "xyzzy plugh zork": no word in any article, nothing for the classifier, the selector at 0.30.
    # Its guesses are arbitrary, so it offers none of them either.
    assert choose(votes(selector={"a": 0.30, "b": 0.09, "c": 0.08})) == Choice(None, ())


def test_two_voices_outweigh_a_third_that_disagrees():
    chosen = choose(votes({"x": 0.55, "a": 0.1}, {"a": 8.0, "x": 1.0}, {"a": 0.9, "x": 0.05}))
    assert chosen == Choice("a", ())


def test_a_split_vote_without_a_clear_lead_offers_the_best_three():
    chosen = choose(votes({"a": 0.6, "b": 0.3}, {"b": 3.0, "c": 2.9}, {"c": 0.5, "a": 0.45, "d": 0.05}))
    assert chosen.answer is None
    assert set(chosen.suggestions) == {"a", "b", "c"}
    assert chosen.suggestions == tuple(fuse(votes({"a": 0.6, "b": 0.3}, {"b": 3.0, "c": 2.9},
                                                  {"c": 0.5, "a": 0.45, "d": 0.05}))[:3])


def test_the_lead_needed_grows_with_the_voices_that_spoke():
    # A lead of 0.25 is clear for one voice (needs 0.2), not for three (needs 0.5).
    assert choose(votes(selector={"a": 0.6, "b": 0.35})).answer == "a"
    split = votes({"a": 0.6, "b": 0.35}, {"b": 1.0, "a": 0.9}, {"c": 0.6, "a": 0.3, "b": 0.1})
    assert choose(split).answer is None


def test_bm25_counts_by_its_best_hit_not_its_raw_scale():
    small = votes({"a": 0.5, "b": 0.5}, {"b": 2.0, "a": 1.0})
    large = votes({"a": 0.5, "b": 0.5}, {"b": 20.0, "a": 10.0})
    assert fuse(small) == fuse(large) == ["b", "a"]


def test_bm25_weighs_half_as_much_as_the_other_voices():
    # Full BM25 support (0.5 after weighting) loses to a selector confidence of 0.6.
    assert fuse(votes({"a": 0.6}, {"b": 5.0}))[0] == "a"
    assert fuse(votes({"a": 0.4}, {"b": 5.0}))[0] == "b"


def test_ties_are_broken_by_article_id_so_answers_are_repeatable():
    assert fuse(votes({"b": 0.5, "a": 0.5})) == ["a", "b"]
