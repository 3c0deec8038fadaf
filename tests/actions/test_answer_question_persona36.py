"""action_answer_question for young people and young adults (persona round, session 36): Adam, 19, got "du och
dina vårdnadshavare" and no plain answer about turning 21; Leo, 13, got no word explained ("vad betyder
samordnad"), the general SIP text to "har ja gjort nåt fel?", and fullmakt to "kan ja skippa mötet"; Amina got
who the huvudmän are, not what the word means. Real articles, search and classifier."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_question import ActionAnswerQuestion
from actions.knowledge_base import articles


async def _run(tracker, domain):
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    return dispatcher.messages


def _said(*texts: str, intent: str = "faq") -> list[dict]:
    """Earlier user messages, the latest first (as tracker_for puts the current one before them)."""
    return [{"event": "user", "text": text, "timestamp": None,
             "parse_data": {"intent": {"name": intent, "confidence": 0.9}}} for text in reversed(texts)]


PARENTS = "behöver mina föräldrar va med på mötet"


async def test_a_19_year_old_gets_the_adult_wording(tracker_for, domain):
    tracker = tracker_for("faq", text=PARENTS, ranking=[("sip_vilka_deltar", 0.99)],
                          events=_said("aa men jag e 19, e jag för gammal för sånt?"))
    text = (await _run(tracker, domain))[0]["text"]
    assert text.startswith(articles()["sip_vilka_deltar"].adult_short.strip())
    assert "vårdnadshavare" not in text


async def test_the_age_from_the_request_counts_for_the_one_the_plan_is_about(tracker_for, domain):
    tracker = tracker_for("faq", text=PARENTS, ranking=[("sip_vilka_deltar", 0.99)],
                          slots={"request_role": "ung", "request_age": "19"})
    assert (await _run(tracker, domain))[0]["text"].startswith(articles()["sip_vilka_deltar"].adult_short.strip())


async def test_a_guardians_request_for_a_19_year_old_is_not_the_writers_age(tracker_for, domain):
    tracker = tracker_for("faq", text=PARENTS, ranking=[("sip_vilka_deltar", 0.99)],
                          slots={"request_role": "vardnadshavare", "request_age": "19"})
    assert not (await _run(tracker, domain))[0]["text"].startswith(articles()["sip_vilka_deltar"].adult_short.strip())


@pytest.mark.parametrize("earlier", [(), ("jag e 13",)])
async def test_a_child_or_someone_who_gave_no_age_gets_the_usual_short(tracker_for, domain, earlier):
    tracker = tracker_for("faq", text="vilka är med på sip-mötet?", ranking=[("sip_vilka_deltar", 0.99)],
                          events=_said(*earlier))
    assert (await _run(tracker, domain))[0]["text"].startswith(articles()["sip_vilka_deltar"].short.strip())


async def test_staff_keep_their_wording_whatever_age_they_give(tracker_for, domain):
    tracker = tracker_for("faq", text="vilka är med på sip-mötet?", ranking=[("sip_vilka_deltar", 0.99)],
                          events=_said("jag jobbar som kurator", "jag är 20", intent="staff"))
    assert (await _run(tracker, domain))[0]["text"].startswith(articles()["sip_vilka_deltar"].staff_short.strip())


async def test_a_19_year_old_is_told_plainly_what_happens_at_21(tracker_for, domain):
    tracker = tracker_for("faq", text="vad händer när jag fyller 21 då, försvinner planen typ?",
                          ranking=[("sip_vem_kan_fa", 0.99)], events=_said("jag e 19"))
    text = (await _run(tracker, domain))[0]["text"]
    assert text.startswith(articles()["sip_vem_kan_fa"].adult_short.strip())
    assert "försvinner inte när du fyller 21" in text


async def test_a_19_year_old_asking_who_gives_consent_hears_of_no_guardians(tracker_for, domain):
    tracker = tracker_for("faq", text="vem ger samtycke?", ranking=[("samtycke_vem_ger", 0.96)],
                          events=_said("jag e 19"))
    text = (await _run(tracker, domain))[0]["text"]
    assert text.startswith(articles()["samtycke_vem_ger"].adult_short.strip()) and "vårdnadshavar" not in text


@pytest.mark.parametrize("text, start", [
    ("vad betyder samordnad", "Samordnad betyder"), ("men samordnad vad e de", "Samordnad betyder"),
    ("va e samordning", "Samordnad betyder"), ("för långt. vad e huvudman", "En huvudman är"),
    ("vad betyder delaktighet", "Delaktighet betyder"), ("vad betyder ombud", "Ett ombud"),
    ("va e vårdnadshavare", "En vårdnadshavare är")])
async def test_a_word_is_explained_in_a_sentence_or_two(tracker_for, domain, text, start):
    [message] = await _run(tracker_for("faq", confidence=0.99, text=text, ranking=[("sip_vad_ar", 0.99)]), domain)
    explanation = message["text"].split("\nKälla:")[0]
    assert explanation.startswith(start) and explanation.count(". ") <= 1 and len(explanation) <= 160


async def test_huvudman_is_explained_with_the_article_one_tap_away(tracker_for, domain):
    # Amina: "vad betyder huvudman" got "Huvudmännen i SIP är kommunen och regionen…".
    [message] = await _run(tracker_for("faq", confidence=1.0, text="vad betyder huvudman",
                                       ranking=[("sip_huvudman", 1.0)]), domain)
    assert message["text"].startswith("En huvudman är") and "\nKälla:" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ['/show_article{"article": "sip_huvudman"}']


async def test_staff_asking_what_huvudman_means_get_the_article_which_says_it_first(tracker_for, domain):
    tracker = tracker_for("faq", confidence=1.0, text="vad betyder huvudman", ranking=[("sip_huvudman", 1.0)],
                          events=_said("jag jobbar som kurator", intent="staff"))
    messages = await _run(tracker, domain)
    assert messages[0]["text"].startswith(articles()["sip_huvudman"].short.strip())
    assert messages[0]["text"].startswith("En huvudman är")


async def test_a_worry_of_having_done_wrong_is_answered_first(tracker_for, domain):
    [message, *_] = await _run(tracker_for("faq", confidence=0.99, text="varför e soc me. har ja gjort nåt fel?",
                                           ranking=[("sip_vad_ar", 0.99)]), domain)
    first = message["text"].split(". ")[0]
    assert "inte" in first and "gjort något fel" in first


@pytest.mark.parametrize("text", ["måste ja va med på mötet?", "ja vill int gå dit. kan ja skippa mötet"])
async def test_a_young_person_is_told_plainly_whether_they_must_be_there(tracker_for, domain, text):
    [message, *_] = await _run(tracker_for("faq", confidence=1.0, text=text,
                                           ranking=[("sip_barnets_delaktighet", 1.0)]), domain)
    assert message["text"].startswith("Du måste inte")
    assert not any(word in message["text"] for word in ("fullmakt", "filma", "ombud"))


@pytest.mark.parametrize("intent", ["nlu_fallback", "faq"])
async def test_a_relative_who_only_says_who_they_are_gets_what_a_relative_can_do(tracker_for, domain, intent):
    # "jag är mormor" was `nlu_fallback` (0.55) after session 36's training; the staff and fallback actions
    # knew the relative, this one did not.
    tracker = tracker_for(intent, confidence=0.55, text="jag är mormor", ranking=[("sip_vilka_deltar", 0.27)])
    assert [m.get("response") for m in await _run(tracker, domain)] == ["utter_relative_welcome"]


async def test_a_relative_with_a_question_gets_the_answer(tracker_for, domain):
    tracker = tracker_for("faq", text="jag är mormor, får jag vara med på mötet?", ranking=[("sip_vilka_deltar", 0.9)])
    assert "utter_relative_welcome" not in [m.get("response") for m in await _run(tracker, domain)]


async def test_a_stated_wish_of_staff_read_as_a_question_is_answered_not_guessed(tracker_for, domain):
    # Verification round, session 36: `faq` (0.97) with an unsure choice, and "Menade du…?"; at the staff
    # welcome the same message is answered (actions/staff_welcome.py wished_article).
    text = "hej kurator på haga, vill kalla till sip för en elev 14 år med bup-kontakt"
    tracker = tracker_for("faq", confidence=0.97, text=text, ranking=[("sip_vem_kan_fa", 0.41), ("sip_kallelse", 0.3)])
    messages = await _run(tracker, domain)
    assert messages[0].get("response") != "utter_did_you_mean"
    assert messages[0]["text"].startswith(articles()["sip_vem_uppmarksammar_behov"].staff_short.split(".")[0])


async def test_a_young_adult_asking_again_keeps_the_adult_wording(tracker_for, domain):
    # Final check, session 36: Alva, 19, asked "vad händer när jag fyller 21 då" after the same article and got
    # its long text, written to children and their families.
    article = articles()["sip_vem_kan_fa"]
    text = "vad händer när jag fyller 21 då"
    adult = tracker_for("faq", text=text, ranking=[("sip_vem_kan_fa", 0.99)], slots={"last_article": article.id},
                        events=_said("asså jag e 19"))
    said = (await _run(adult, domain))[0]["text"]
    assert said.startswith(article.adult_short.strip()) and article.long.strip()[:60] not in said
    child = tracker_for("faq", text=text, ranking=[("sip_vem_kan_fa", 0.99)], slots={"last_article": article.id},
                        events=_said("jag e 13"))
    assert article.long.strip()[:60] in (await _run(child, domain))[0]["text"]
