"""action_staff_welcome: the staff menu, unless the message also asks or answers the guide.
Real rasa_sdk Trackers, the real articles, classifier and search."""
from __future__ import annotations

from actions.knowledge_base import articles
from actions.staff_welcome import ActionStaffWelcome
from tests.actions.test_fallback import _bot, _guide_question, _run, _tracker, _user, guides, GUIDE


async def test_saying_who_you_are_gets_the_staff_menu(domain):
    for text in ("jag jobbar på soc", "kurator här", "jag är personal"):
        messages, _ = await _run(ActionStaffWelcome(), _tracker(_user(text, "staff")), domain)
        assert [m.get("response") for m in messages] == ["utter_staff_menu"], text


async def test_a_question_in_the_same_message_is_answered_instead(domain):
    for text, article in (("jobbar som sjuksköterska på BUP. vem kan få en SIP?", "sip_vem_kan_fa"),
                          ("jag är kurator, vilka KVÅ-koder ska vi använda för SIP?", "sip_kva_koder")):
        messages, events = await _run(ActionStaffWelcome(), _tracker(_user(text, "staff")), domain)
        assert messages[0]["text"] == articles()[article].render(), text
        assert not any(m.get("response") == "utter_staff_menu" for m in messages)
        assert {"event": "slot", "name": "last_article", "value": article, "timestamp": None} in events


async def test_where_you_work_typed_to_the_guide_continues_it(domain):
    tracker = _tracker(_guide_question({}), _user("vi är på soc", "staff"))
    messages, _ = await _run(ActionStaffWelcome(), tracker, domain)
    assert "Så här gör ni" in messages[0]["text"] and "inom kommunen" in messages[0]["text"]
    assert not any(m.get("response") == "utter_staff_menu" for m in messages)


async def test_staff_get_the_answer_worded_for_professionals(domain):
    from actions.answer_question import ActionAnswerQuestion

    article = articles()["sip_vad_ar"]
    tracker = _tracker(_user("jag jobbar med sip", "staff"), _bot("Välkommen!"),
                       {**_user("/show_article", "show_article"), "parse_data": {
                           "text": "", "intent": {"name": "show_article", "confidence": 1.0}}})
    tracker.slots["article"] = article.id
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert messages[0]["text"] == article.render(for_staff=True) != article.render()
