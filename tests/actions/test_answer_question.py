"""action_answer_question with real rasa_sdk Trackers, the real articles, the real BM25 search
and the real article classifier.

For free questions (intent faq) the ResponseSelector's ranking comes in the tracker, as Rasa
sends it; the search and the classifier run for real on the message text over the real
articles. How the three votes are weighed is unit-tested in tests/unit/test_answer_choice.py.
"""
from __future__ import annotations

import json

import pytest

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_question import INTENT_ARTICLES, INTENT_TOPICS, ActionAnswerQuestion
from actions.article_classifier import article_classifier
from actions.article_search import article_search
from actions.conversation import ActionReachAPerson
from actions.guide_actions import ActionGuide
from actions.guides import guide_for_article, guides
from actions.knowledge_base import articles

SHOW_ARTICLE_PREFIX = "/show_article"
# A question whose words the search clearly ties to one article, and one with no searchable words.
WITHDRAW_CONSENT = "kan jag dra tillbaka mitt samtycke"
HOW_LONG_CONSENT = "hur länge gäller ett samtycke"  # the search ranks several consent articles close behind
NO_SEARCH_WORDS = "vad är det"


async def _run(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    return dispatcher.messages, events


def _article_with_long_text():
    return next(a for a in articles().values() if a.long and guide_for_article(a.id) is None)


def _article_without_long_text():
    article = next((a for a in articles().values() if not a.long and guide_for_article(a.id) is None), None)
    if article is None:
        pytest.skip("every article has a long text now")
    return article


def _button_articles(message) -> list[str]:
    ids = []
    for button in message["buttons"]:
        assert button["payload"].startswith(SHOW_ARTICLE_PREFIX)
        ids.append(json.loads(button["payload"][len(SHOW_ARTICLE_PREFIX):])["article"])
    return ids


# --- a guided answer ---

async def test_the_unknown_client_article_starts_its_guide(tracker_for, domain):
    tracker = tracker_for("show_article", slots={"article": "sip_enskilde_inte_kand"})
    messages, events = await _run(tracker, domain)
    assert messages[0]["text"] == guides()["unknown_client"].data["intro"]
    assert "kommunen eller regionen" in messages[1]["text"]
    assert [b["title"] for b in messages[1]["buttons"]] == ["Kommunen", "Regionen", "Vet inte"]
    assert {"event": "slot", "name": "last_article", "value": "sip_enskilde_inte_kand", "timestamp": None} in events


@pytest.mark.parametrize("text", [
    "vem ska vi kalla från regionen om eleven inte har nån kontakt där",
    # Persona round, session 24: words between the question word and the verb.
    "vem på kommunen skickar vi kallelsen till när hon inte är känd hos soc?",
])
async def test_someone_asking_whom_to_invite_gets_the_article_not_the_guide_for_the_one_invited(tracker_for, domain,
                                                                                                 text):
    # Persona round, session 20: the caller got the steps for someone who received an invitation.
    tracker = tracker_for("show_article", text=text, slots={"article": "sip_enskilde_inte_kand"})
    messages, events = await _run(tracker, domain)
    [message] = messages
    assert message["text"] == guides()["unknown_client"].render_caller_answer()
    assert "vårdcentralen som\nkallas" not in message["text"] and "vårdcentralen som kallas" in message["text"]
    assert "Källa:" in message["text"] and "3.3" in message["text"]
    assert {"event": "slot", "name": "last_article", "value": "sip_enskilde_inte_kand", "timestamp": None} in events


async def test_a_guide_does_not_ask_what_the_person_already_said(tracker_for, domain):
    guide = guides()["unknown_client"]
    said = [{"event": "user", "text": "kurator på högstadiet här"}]
    tracker = tracker_for("show_article", slots={"article": "sip_enskilde_inte_kand"}, events=said)
    messages, _ = await _run(tracker, domain)
    assert [m["text"] for m in messages] == [guide.render_steps({"huvudman": "kommun"})]
    said = [{"event": "user", "text": "BUP-sjuksköterska här"}]
    tracker = tracker_for("show_article", slots={"article": "sip_enskilde_inte_kand"}, events=said)
    messages, _ = await _run(tracker, domain)
    assert "specialistnivå" in messages[1]["text"]
    assert all("huvudman=region" in b["payload"]
               for b in messages[1]["buttons"]), messages[1]["buttons"]


async def test_tell_more_after_a_guide_gives_the_whole_article(tracker_for, domain):
    tracker = tracker_for("tell_more", slots={"last_article": "sip_enskilde_inte_kand"})
    messages, _ = await _run(tracker, domain)
    assert [m["text"] for m in messages] == [articles()["sip_enskilde_inte_kand"].render(detailed=True)]


async def test_a_guide_button_asks_the_next_question_then_gives_the_steps(tracker_for, domain):
    tracker = tracker_for("guide")
    tracker.latest_message["entities"] = [{"entity": "guide", "value": "unknown_client"},
                                          {"entity": "guide_answers", "value": "huvudman=region"}]
    dispatcher = CollectingDispatcher()
    await ActionGuide().run(dispatcher, tracker, domain)
    assert "specialistnivå" in dispatcher.messages[0]["text"]
    tracker.latest_message["entities"][1]["value"] = "huvudman=region;specialist=nej"
    dispatcher = CollectingDispatcher()
    await ActionGuide().run(dispatcher, tracker, domain)
    assert "vårdcentralen" in dispatcher.messages[0]["text"]


# --- a chosen article -----------------------------------------------------------------

async def test_show_article_renders_that_article(tracker_for, domain):
    article = articles()["samtycke_hur_lange"]
    messages, _ = await _run(tracker_for("show_article", slots={"article": article.id}), domain)
    assert [m["text"] for m in messages] == [article.render()]


# --- an article's offer: the action its question is often about --------------------------

def _offering_article():
    return articles()["samtycke_dra_tillbaka"]


@pytest.mark.parametrize("intent", ["faq", "nlu_fallback", "show_article"])
async def test_an_article_with_an_offer_is_followed_by_it(tracker_for, domain, intent):
    article = _offering_article()
    assert article.offer == "utter_consent_options"
    tracker = tracker_for(intent, text=WITHDRAW_CONSENT, slots={"article": article.id})
    messages, _ = await _run(tracker, domain)
    assert messages[0]["text"] == article.render()
    assert [m.get("response") for m in messages[1:]] == ["utter_consent_options"]


async def test_no_offer_to_someone_who_said_they_work_with_sip(tracker_for, domain):
    # "Är du ung eller vårdnadshavare…" is not for the kurator who asks how consent works.
    article = _offering_article()
    said = {"event": "user", "text": "jag är kurator", "parse_data": {"intent": {"name": "staff"}}}
    tracker = tracker_for("faq", text=WITHDRAW_CONSENT, slots={"article": article.id}, events=[said])
    messages, _ = await _run(tracker, domain)
    assert [m["text"] for m in messages] == [article.render(for_staff=True)]


async def test_a_parent_gets_the_answer_about_the_child_not_to_the_child(tracker_for, domain):
    article = articles()["sip_barnets_delaktighet"]
    said = {"event": "user", "text": "jag är mamma till en kille på 9"}
    tracker = tracker_for("show_article", slots={"article": article.id}, events=[said])
    messages, _ = await _run(tracker, domain)
    assert messages[0]["text"] == article.render(for_guardian=True) and messages[0]["text"].startswith("Barnet har")


async def test_no_offer_to_staff_who_say_so_in_their_question(tracker_for, domain):
    # "kurator här: kan…" is classified as a question (faq), not as `staff`.
    article = _offering_article()
    text = "kurator här: kan en elev dra tillbaka sitt samtycke"
    tracker = tracker_for("faq", text=text, slots={"article": article.id})
    messages, _ = await _run(tracker, domain)
    assert [m["text"] for m in messages] == [article.render(for_staff=True)]


async def test_no_offer_while_a_form_is_running(tracker_for, domain):
    # The form asks its own question next; a second call to action would only confuse.
    article = _offering_article()
    tracker = tracker_for("show_article", slots={"article": article.id}, active_loop={"name": "preparation_form"})
    messages, _ = await _run(tracker, domain)
    assert [m["text"] for m in messages] == [article.render()]


async def test_no_offer_after_an_action_intent(tracker_for, domain):
    # "kan jag ta tillbaka samtycket?" as withdraw_consent: the consent action offers its buttons itself.
    messages, _ = await _run(tracker_for("withdraw_consent", text=WITHDRAW_CONSENT), domain)
    assert not any(m.get("response") == "utter_consent_options" for m in messages)


async def test_no_offer_after_tell_more(tracker_for, domain):
    article = _offering_article()
    messages, _ = await _run(tracker_for("tell_more", slots={"last_article": article.id}), domain)
    assert [m["text"] for m in messages] == [article.render(detailed=True)]


async def test_an_article_without_an_offer_is_answered_alone(tracker_for, domain):
    article = articles()["sip_kva_koder"]
    assert article.offer is None
    messages, _ = await _run(tracker_for("show_article", slots={"article": article.id}), domain)
    assert len(messages) == 1


async def test_show_article_sets_last_article_and_clears_the_article_slot(tracker_for, domain):
    _, events = await _run(tracker_for("show_article", slots={"article": "sip_vad_ar"}), domain)
    assert SlotSet("last_article", "sip_vad_ar") in events
    assert SlotSet("article", None) in events


async def test_an_answer_resets_missed_turns(tracker_for, domain):
    tracker = tracker_for("show_article", slots={"article": "sip_vad_ar", "missed_turns": 1.0})
    _, events = await _run(tracker, domain)
    assert SlotSet("missed_turns", 0) in events


async def test_article_with_a_long_text_offers_tell_more(tracker_for, domain):
    article = _article_with_long_text()
    messages, _ = await _run(tracker_for("show_article", slots={"article": article.id}), domain)
    assert messages[0]["buttons"] == [{"title": "Berätta mer", "payload": "/tell_more"}, *_related_buttons(article)]


async def test_article_without_a_long_text_offers_no_tell_more(tracker_for, domain):
    article = _article_without_long_text()
    messages, _ = await _run(tracker_for("show_article", slots={"article": article.id}), domain)
    assert messages[0]["buttons"] == _related_buttons(article)


def _related_buttons(article):
    """After an answer with no offer, its first two related articles, by title."""
    if article.offer:
        return []
    return [{"title": articles()[r].title, "payload": f'/show_article{{"article": "{r}"}}'} for r in article.related[:2]]


async def test_an_answer_without_an_offer_shows_two_related_articles_and_one_with_an_offer_none(tracker_for, domain):
    plain = next(a for a in articles().values() if not a.offer and guide_for_article(a.id) is None)
    with_offer = next(a for a in articles().values() if a.offer and guide_for_article(a.id) is None)
    messages, _ = await _run(tracker_for("show_article", slots={"article": plain.id}), domain)
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles[-2:] == [articles()[r].title for r in plain.related[:2]]
    messages, _ = await _run(tracker_for("show_article", slots={"article": with_offer.id}), domain)
    assert all(b["payload"] != f'/show_article{{"article": "{r}"}}' for b in messages[0]["buttons"]
               for r in with_offer.related)
    # Inside a form the form's question comes next: no related articles.
    messages, _ = await _run(tracker_for("show_article", slots={"article": plain.id},
                                         active_loop={"name": "preparation_form"}), domain)
    assert not any("show_article" in b["payload"] for b in messages[0]["buttons"])


async def test_intent_with_a_fixed_article_answers_with_it(tracker_for, domain):
    intent, article_id = next(iter(INTENT_ARTICLES.items()))
    messages, events = await _run(tracker_for(intent), domain)
    assert [m["text"] for m in messages] == [articles()[article_id].render()]
    assert SlotSet("last_article", article_id) in events


async def test_tell_more_renders_the_long_text_of_the_last_article(tracker_for, domain):
    article = _article_with_long_text()
    messages, _ = await _run(tracker_for("tell_more", slots={"last_article": article.id}), domain)
    assert [m["text"] for m in messages] == [article.render(detailed=True)]
    assert article.long.strip() in messages[0]["text"]


async def test_tell_more_offers_no_further_tell_more(tracker_for, domain):
    article = _article_with_long_text()
    messages, _ = await _run(tracker_for("tell_more", slots={"last_article": article.id}), domain)
    assert messages[0]["buttons"] == _related_buttons(article)


# --- free questions: ResponseSelector and search -----------------------------------------

def _classifier_first(text):
    scores = article_classifier().scores(text)
    return max(scores, key=scores.get)


def test_search_and_classifier_tie_the_consent_questions_to_their_articles():
    # Precondition for the tests below: they rely on the real search and classifier agreeing.
    assert article_search().search(WITHDRAW_CONSENT)[0][0] == "samtycke_dra_tillbaka"
    assert _classifier_first(WITHDRAW_CONSENT) == "samtycke_dra_tillbaka"
    assert article_search().search(HOW_LONG_CONSENT)[0][0] == "samtycke_hur_lange"
    assert _classifier_first(HOW_LONG_CONSENT) == "samtycke_hur_lange"
    assert article_search().search(NO_SEARCH_WORDS) == []
    assert article_classifier().scores(NO_SEARCH_WORDS) == {}


@pytest.mark.parametrize("intent", sorted(INTENT_TOPICS))
async def test_a_question_with_a_topic_intent_is_answered_from_that_topic_only(tracker_for, domain, intent):
    # "kod" and "registrera" tie this message to the KVÅ-code article; as a consent question it must not.
    # ("kan jag registrera samtycke här" was the message until "hur registrerar jag ett samtycke" became an
    # example of the samtycke article; persona round, session 36.)
    text = "vilken kod registrerar man samtycke med"
    messages, _ = await _run(tracker_for("faq", text=text), domain)
    assert [m.get("text") for m in messages] == [articles()["sip_kva_koder"].render()]
    messages, events = await _run(tracker_for(intent, text=text), domain)
    shown = [e["value"] for e in events if e.get("event") == "slot" and e["name"] == "last_article" and e["value"]] \
        or _button_articles(messages[0])
    assert shown and all(article.startswith(INTENT_TOPICS[intent]) for article in shown)


async def test_faq_answers_when_all_three_agree_even_with_an_unsure_selector(tracker_for, domain):
    ranking = [("samtycke_hur_lange", 0.30), ("samtycke_dra_tillbaka", 0.28)]
    messages, events = await _run(tracker_for("faq", text=HOW_LONG_CONSENT, ranking=ranking), domain)
    assert [m["text"] for m in messages] == [articles()["samtycke_hur_lange"].render()]
    assert SlotSet("last_article", "samtycke_hur_lange") in events


async def test_a_very_confident_selector_answers_alone_when_there_is_nothing_to_search(tracker_for, domain):
    ranking = [("sip_vad_ar", 0.95), ("sip_mal", 0.02)]
    messages, _ = await _run(tracker_for("faq", text=NO_SEARCH_WORDS, ranking=ranking), domain)
    assert [m["text"] for m in messages] == [articles()["sip_vad_ar"].render()]


async def test_two_close_selector_guesses_with_nothing_to_search_are_offered_as_buttons(tracker_for, domain):
    ranking = [("sip_vad_ar", 0.55), ("sip_mal", 0.40)]
    messages, events = await _run(tracker_for("faq", text=NO_SEARCH_WORDS, ranking=ranking), domain)
    assert [m["response"] for m in messages] == ["utter_did_you_mean"]
    assert _button_articles(messages[0]) == ["sip_vad_ar", "sip_mal"]
    assert not any(e["name"] == "last_article" for e in events)


async def test_selector_guesses_it_is_not_sure_of_are_not_offered(tracker_for, domain):
    # Alone and under ALONE_AT_LEAST, its guesses are arbitrary ("asdfgh"): no buttons.
    ranking = [("sip_vad_ar", 0.45), ("sip_mal", 0.40)]
    messages, events = await _run(tracker_for("faq", text=NO_SEARCH_WORDS, ranking=ranking), domain)
    assert [m["response"] for m in messages] == ["utter_out_of_scope"] and not messages[0]["buttons"]
    assert SlotSet("missed_turns", 1) in events


async def test_a_selector_outvoted_by_the_search_and_the_classifier_loses(tracker_for, domain):
    ranking = [("sip_kallelse", 0.55), ("sip_vad_ar", 0.1), ("sip_mal", 0.05)]
    messages, events = await _run(tracker_for("faq", text=WITHDRAW_CONSENT, ranking=ranking), domain)
    assert messages[0]["text"] == articles()["samtycke_dra_tillbaka"].render()
    assert SlotSet("last_article", "samtycke_dra_tillbaka") in events


async def test_did_you_mean_buttons_carry_the_article_titles(tracker_for, domain):
    ranking = [("sip_vad_ar", 0.55), ("sip_mal", 0.40), ("sip_kallelse", 0.05)]
    messages, _ = await _run(tracker_for("faq", text=NO_SEARCH_WORDS, ranking=ranking), domain)
    offered = _button_articles(messages[0])
    assert offered == ["sip_vad_ar", "sip_mal", "sip_kallelse"]
    assert [b["title"] for b in messages[0]["buttons"]] == [articles()[a].title for a in offered]


async def test_did_you_mean_leaves_out_ids_that_are_not_articles(tracker_for, domain):
    ranking = [("finns_inte", 0.55), ("sip_vad_ar", 0.40)]
    messages, _ = await _run(tracker_for("faq", text=NO_SEARCH_WORDS, ranking=ranking), domain)
    assert [m["response"] for m in messages] == ["utter_did_you_mean"]
    assert _button_articles(messages[0]) == ["sip_vad_ar"]


async def test_a_confident_choice_of_an_unknown_article_is_a_miss(tracker_for, domain):
    messages, events = await _run(tracker_for("faq", text=NO_SEARCH_WORDS, ranking=[("finns_inte", 0.99)]), domain)
    # No known article to suggest: a plain "cannot answer" instead of an empty "Menade du…?".
    assert [m["response"] for m in messages] == ["utter_out_of_scope"]
    assert SlotSet("missed_turns", 1) in events


async def test_first_miss_counts_one_missed_turn(tracker_for, domain):
    ranking = [("sip_vad_ar", 0.45), ("sip_mal", 0.40)]
    _, events = await _run(tracker_for("faq", text=NO_SEARCH_WORDS, ranking=ranking), domain)
    assert SlotSet("missed_turns", 1) in events


async def test_second_miss_in_a_row_hands_over_to_a_person(tracker_for, domain):
    ranking = [("sip_vad_ar", 0.45), ("sip_mal", 0.40)]
    tracker = tracker_for("faq", text=NO_SEARCH_WORDS, ranking=ranking, slots={"missed_turns": 1.0})
    messages, events = await _run(tracker, domain)

    person = CollectingDispatcher()
    await ActionReachAPerson().run(person, tracker, domain)
    assert messages == [{**messages[0], "response": "utter_not_understood_again"}] + person.messages
    assert [m["response"] for m in person.messages] in (["utter_reach_a_person"], ["utter_contact_centre"])
    assert SlotSet("missed_turns", 0) in events


# --- follow-ups: read with the last answer's topic when their own words are not enough ------

FOLLOW_UP = "och hur länge gäller det?"


async def test_a_follow_up_without_words_of_its_own_is_read_with_the_last_answer(tracker_for, domain):
    alone, _ = await _run(tracker_for("faq", text=FOLLOW_UP), domain)
    assert "Källa" not in (alone[0].get("text") or "")  # on its own words the bot cannot answer
    messages, events = await _run(tracker_for("faq", text=FOLLOW_UP, slots={"last_article": "samtycke_vad_ar"}), domain)
    assert messages[0]["text"] == articles()["samtycke_hur_lange"].render()
    assert SlotSet("last_article", "samtycke_hur_lange") in events


async def test_a_follow_up_whose_own_words_are_clear_is_answered_by_them(tracker_for, domain):
    # After the answer about the plan's copy, "och vem har huvudansvaret för den?" asks something new.
    tracker = tracker_for("faq", text="och vem har huvudansvaret för den?", slots={"last_article": "sip_kopia_av_planen"})
    messages, _ = await _run(tracker, domain)
    assert messages[0]["text"] == articles()["sip_huvudansvarig"].render()


async def test_a_question_answered_by_the_article_just_given_gets_its_longer_text(tracker_for, domain):
    # Asked by its title, an article with a long text answers; asked again right after, the
    # person gets the long text instead of the same short one, and no "Berätta mer".
    for article in (a for a in articles().values() if a.long and guide_for_article(a.id) is None):
        first, _ = await _run(tracker_for("faq", text=article.title), domain)
        if first[0]["text"] == article.render():
            break
    else:
        pytest.fail("no article with a long text is answered by its title")
    again, events = await _run(tracker_for("faq", text=article.title, slots={"last_article": article.id}), domain)
    assert again[0]["text"] == article.render(detailed=True) != article.render()
    assert again[0]["buttons"] == _related_buttons(article)
    assert SlotSet("last_article", article.id) in events


async def test_a_question_with_its_own_topic_is_not_read_as_a_follow_up(tracker_for, domain):
    tracker = tracker_for("faq", text=WITHDRAW_CONSENT, slots={"last_article": "sip_kva_koder"})
    messages, _ = await _run(tracker, domain)
    assert messages[0]["text"] == articles()["samtycke_dra_tillbaka"].render()


async def test_an_answer_given_in_the_last_turn_comes_with_what_people_ask_next(tracker_for, domain):
    # "vem ringer jag då?" after the withdrawal answer, or "berätta mer" a third time, got the
    # same text again and nothing else; the text may hold the answer, so it stays, with the related
    # articles as "Menade du…?" under it.
    article = next(a for a in articles().values() if not a.long and guide_for_article(a.id) is None)
    said = [{"event": "user", "text": "x", "parse_data": {"intent": {"name": "faq"}}},
            {"event": "bot", "text": article.render()},
            {"event": "user", "text": "och då?", "parse_data": {"intent": {"name": "tell_more"}}}]
    messages, _ = await _run(tracker_for("tell_more", slots={"last_article": article.id}, events=said), domain)
    assert messages[0]["text"] == article.render() and messages[0]["buttons"] == []
    assert messages[1]["response"] == "utter_answer_again"
    assert [b["title"] for b in messages[1]["buttons"]] == [articles()[r].title for r in article.related[:3]]
    # Said before but not in the bot's last turn: answered as usual.
    earlier = [*said[:2], {"event": "user", "text": "hej"}, {"event": "bot", "text": "Hej!"}, said[2]]
    messages, _ = await _run(tracker_for("tell_more", slots={"last_article": article.id}, events=earlier), domain)
    assert [m.get("response") for m in messages] == [None] and messages[0]["text"] == article.render()


# --- out of scope, unless it asks about the last answer ------------------------------------

async def _out_of_scope(tracker, domain):
    from actions.answer_question import ActionOutOfScope

    dispatcher = CollectingDispatcher()
    events = await ActionOutOfScope().run(dispatcher, tracker, domain)
    return dispatcher.messages, events


async def test_a_follow_up_question_read_as_out_of_scope_is_answered_after_an_answer(tracker_for, domain):
    tracker = tracker_for("out_of_scope", text=FOLLOW_UP, slots={"last_article": "samtycke_vad_ar"}, confidence=0.6)
    messages, events = await _out_of_scope(tracker, domain)
    assert messages[0]["text"] == articles()["samtycke_hur_lange"].render()
    assert SlotSet("last_article", "samtycke_hur_lange") in events


@pytest.mark.parametrize("text,slots,active_loop", [
    (FOLLOW_UP, {}, None),  # no answer before it
    ("vad kostar det att simma i badhuset en lördag när det regnar", {"last_article": "samtycke_vad_ar"},
     None),  # too long for a follow-up
    ("och det regnar idag", {"last_article": "samtycke_vad_ar"}, None),  # not a question
    (FOLLOW_UP, {"last_article": "samtycke_vad_ar"}, {"name": "request_form"}),  # the form's question first
])
async def test_out_of_scope_otherwise_says_what_the_bot_can_do(tracker_for, domain, text, slots, active_loop):
    messages, events = await _out_of_scope(tracker_for("out_of_scope", text=text, slots=slots, confidence=0.6,
                                                       active_loop=active_loop), domain)
    assert [m["response"] for m in messages] == ["utter_out_of_scope"] and events == []


async def test_a_follow_up_the_classifier_is_sure_is_out_of_scope_stays_so(tracker_for, domain):
    from actions.answer_question import SURE_OF_ITS_INTENT

    tracker = tracker_for("out_of_scope", text="vad blir det för väder imorgon", slots={"last_article": "samtycke_vad_ar"},
                          confidence=SURE_OF_ITS_INTENT)
    messages, events = await _out_of_scope(tracker, domain)
    assert [m["response"] for m in messages] == ["utter_out_of_scope"] and events == []


async def test_help_shows_staff_their_menu_and_others_what_the_bot_can_do(tracker_for, domain):
    from actions.answer_question import ActionHelp

    for said, response in (("jag är skolkurator", "utter_staff_menu"), ("hej", "utter_help")):
        dispatcher = CollectingDispatcher()
        tracker = tracker_for("help", text="vad kan du?", events=[{"event": "user", "text": said}])
        assert await ActionHelp().run(dispatcher, tracker, domain) == []
        assert [m["response"] for m in dispatcher.messages] == [response]


@pytest.mark.parametrize("confidence, active_loop, answered", [
    (0.57, None, True),  # as parsed in the persona round (session 20): it got the menu
    (0.95, None, False),  # the classifier is sure it asks what the bot can do
    (0.57, {"name": "request_form"}, False),  # the form's question first
])
async def test_a_question_the_classifier_was_unsure_was_help_is_answered_when_the_articles_are_clear(
        tracker_for, domain, confidence, active_loop, answered):
    from actions.answer_question import ActionHelp

    dispatcher = CollectingDispatcher()
    tracker = tracker_for("help", text="vilka KVÅ-koder ska jag använda?", confidence=confidence,
                          active_loop=active_loop)
    events = await ActionHelp().run(dispatcher, tracker, domain)
    if answered:
        assert dispatcher.messages[0]["text"] == articles()["sip_kva_koder"].render()
        assert SlotSet("last_article", "sip_kva_koder") in events
    else:
        assert [m["response"] for m in dispatcher.messages] == ["utter_help"] and events == []


def test_a_guided_answer_is_never_the_second_of_two_answers():
    # Persona round, session 19: "vi som kallade?" read as a second question started the 3.3 guide's
    # questions after the answer about the huvudansvarig.
    from actions.answer_question import _clear_answer, choose_answers
    from actions.two_questions import combine, question_parts

    # "vi som kallade?" alone no longer reads as the guide's question once more examples on calling were added
    # (session 38); "vi som är kallade?" does.
    text = "vem blir huvudansvarig för planen då? vi som är kallade?"
    by_part = combine("sip_huvudansvarig", [_clear_answer(part) for part in question_parts(text)])
    assert by_part == ["sip_huvudansvarig", "sip_enskilde_inte_kand"]  # what the parts alone would give
    assert choose_answers("faq", {"text": text}) == (["sip_huvudansvarig"], ())


@pytest.mark.parametrize("intent", ["faq", "nlu_fallback", "out_of_scope"])
async def test_a_question_the_sources_do_not_answer_gets_an_honest_reply_not_an_article(tracker_for, domain, intent):
    # Persona round, session 19: "vem betalar tolken" got the article on common difficulties.
    from actions.answer_question import ActionOutOfScope
    from actions.source_gaps import gap_reply

    text = "vem betalar tolken"
    action = ActionOutOfScope() if intent == "out_of_scope" else ActionAnswerQuestion()
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, tracker_for(intent, text=text, ranking=[("sip_vanliga_svarigheter", 0.9)],
                                             slots={"last_article": "sip_mote_struktur"}), domain)
    assert [m["text"] for m in dispatcher.messages] == [gap_reply(text)]


async def test_a_question_about_what_only_the_long_text_says_gets_both_texts(tracker_for, domain):
    # Persona round, session 24: Dals-Ed's routine for the protocol was behind "Berätta mer".
    article = articles()["sip_kopia_av_planen"]
    staff = [{"event": "user", "text": "jag jobbar som kurator"}]
    tracker = tracker_for("faq", text="hur gör ni med protokollet i dals-ed?", ranking=[(article.id, 0.95)],
                          events=staff)
    messages, _ = await _run(tracker, domain)
    assert messages[0]["text"] == article.render(for_staff=True, both=True)
    assert article.short.strip() in messages[0]["text"] and "svarskuvert" in messages[0]["text"]
    assert "/tell_more" not in [b["payload"] for b in messages[0]["buttons"]]


@pytest.mark.parametrize("text, staff", [
    ("får föräldrarna en kopia av planen?", [{"event": "user", "text": "jag jobbar som kurator"}]),
    # Not for others: a 13-year-old got the whole meeting structure for "vad händer efter mötet?".
    ("hur gör ni med protokollet i dals-ed?", []),
])
async def test_otherwise_only_the_short_answer_is_given(tracker_for, domain, text, staff):
    article = articles()["sip_kopia_av_planen"]
    tracker = tracker_for("faq", text=text, ranking=[(article.id, 0.95)], events=staff)
    messages, _ = await _run(tracker, domain)
    assert messages[0]["text"] == article.render(for_staff=bool(staff)) and "svarskuvert" not in messages[0]["text"]
    assert {"title": "Berätta mer", "payload": "/tell_more"} in messages[0]["buttons"]


async def test_second_miss_in_a_row_for_staff_says_where_to_ask_at_work(tracker_for, domain):
    # "kontakta skolan, vården eller socialtjänsten där du redan har kontakt" was no way on for a
    # BUP nurse (persona round, session 24).
    ranking = [("sip_vad_ar", 0.45), ("sip_mal", 0.40)]
    tracker = tracker_for("faq", text=NO_SEARCH_WORDS, ranking=ranking, slots={"missed_turns": 1.0},
                          events=[{"event": "user", "text": "jag jobbar som sjuksköterska på BUP"}])
    messages, events = await _run(tracker, domain)
    assert [m["response"] for m in messages] == ["utter_not_found_for_staff"]
    assert SlotSet("missed_turns", 0) in events



@pytest.mark.parametrize("text", ["kurator här", "jobbar som sjuksköterska på BUP"])
async def test_a_role_at_work_alone_gets_the_staff_menu(tracker_for, domain, text):
    # "kurator här" got "Menade du…?" (verification round, session 25).
    messages, _ = await _run(tracker_for("nlu_fallback", text=text, ranking=[("dalsed_elevhalsoteam", 0.2)]), domain)
    # The menu, with the role said back (persona round, session 37).
    assert [m.get("response") for m in messages] == ["utter_staff_role_welcome"]


async def test_a_role_at_work_with_a_question_gets_the_answer(tracker_for, domain):
    messages, _ = await _run(tracker_for("faq", text="kurator här, vem kan få en sip?",
                                         ranking=[("sip_vem_kan_fa", 0.9)]), domain)
    assert "Källa:" in messages[0]["text"]


async def test_a_lost_code_gets_what_to_do_without_it_not_the_kva_codes(tracker_for, domain):
    # "men koden är borta" got the article on KVÅ codes (persona round, session 26).
    tracker = tracker_for("faq", text="men vad gör jag om jag tappat koden? kan ni skicka en ny",
                          ranking=[("sip_kva_koder", 0.4)])
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_lost_code"]


async def test_simpler_words_after_the_longer_text_get_the_short_answer(tracker_for, domain):
    # An 11-year-old asking "kan du säga det lättare" got the longer text, about 200 words (persona round, session 26).
    article = articles()["sip_processens_steg"]
    tracker = tracker_for("nlu_fallback", text="kan du säga det lättare", slots={"last_article": article.id},
                          ranking=[(article.id, 0.3)])
    tracker.events = [{"event": "bot", "text": article.render(detailed=True)}, *tracker.events]
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages][0] == "utter_in_fewer_words"
    assert dispatcher.messages[1]["text"] == article.render() and article.long.strip() not in dispatcher.messages[1]["text"]


async def test_simpler_words_after_the_short_answer_say_whom_to_ask(tracker_for, domain):
    article = articles()["sip_processens_steg"]
    tracker = tracker_for("tell_more", text="för många ord 😢", slots={"last_article": article.id})
    tracker.events = [{"event": "bot", "text": article.render()}, *tracker.events]
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_no_fewer_words"]


async def test_simpler_words_without_an_answer_before_are_read_as_usual(tracker_for, domain):
    # "för svårt" with no answer just before says what is hard (review, session 26).
    tracker = tracker_for("faq", text="för svårt", ranking=[("sip_vanliga_svarigheter", 0.9)])
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert {m.get("response") for m in dispatcher.messages}.isdisjoint({"utter_no_fewer_words", "utter_in_fewer_words",
                                                                       "utter_no_fewer_words_adult"})


@pytest.mark.parametrize("text", ["jag förstår inte, enkel svenska tack", "ok jag förstår inte allt. för lång text"])
async def test_a_wish_for_plain_swedish_without_an_answer_before_says_how_to_ask(tracker_for, domain, text):
    # Both got "Menade du…?" (persona round, session 34: a father with Swedish as his second language).
    tracker = tracker_for("nlu_fallback", text=text, ranking=[("samtycke_kan_inte_ge", 0.3)])
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_plain_language"]


async def test_a_question_with_a_wish_for_plain_swedish_is_answered(tracker_for, domain):
    tracker = tracker_for("faq", text="min son har problem i skolan. vad är sip? enkel svenska tack",
                          ranking=[("sip_vad_ar", 0.95)])
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "utter_plain_language" not in [m.get("response") for m in dispatcher.messages]


@pytest.mark.parametrize("text", ["visa", "visa svaren", "vad har jag svarat"])
async def test_see_the_answers_with_a_case_opened_here_shows_them_all(tracker_for, domain, opened_case, text):
    # "visa" after opening her son's case got "Förlåt, jag förstår inte riktigt" (verification round, session 34).
    from actions.preparation_flow import questions
    from actions.store_access import case_store

    first, last = questions()[0], questions()[-1]
    case_store().save_answer(opened_case.reference, first.key, "fotboll", "ung")
    case_store().save_answer(opened_case.reference, last.key, "när är mötet", "ung")
    tracker = tracker_for("nlu_fallback", text=text, ranking=[("sip_nar_aktuellt", 0.3)],
                          slots={"case_reference": opened_case.reference, "case_verified": True})
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    shown = dispatcher.messages[0]["text"]
    assert "fotboll" in shown and "när är mötet" in shown  # the last question too
    assert "ändra fråga" in dispatcher.messages[1]["text"]


async def test_see_the_answers_without_an_opened_case_is_read_as_usual(tracker_for, domain, case_store_env):
    tracker = tracker_for("nlu_fallback", text="visa", ranking=[("sip_nar_aktuellt", 0.3)])
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert not any("Det här har du svarat" in (m.get("text") or "") for m in dispatcher.messages)
