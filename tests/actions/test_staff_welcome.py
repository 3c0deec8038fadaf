"""action_staff_welcome: the staff menu, unless the message also asks or answers the guide.
Real rasa_sdk Trackers, the real articles, classifier and search."""
from __future__ import annotations

from actions.knowledge_base import articles
from actions.staff_welcome import ActionStaffWelcome
from tests.actions.test_fallback import _bot, _guide_question, _run, _tracker, _user, guides, GUIDE


async def test_saying_who_you_are_gets_the_staff_menu(domain):
    for text in ("jag jobbar på soc", "jag är personal"):
        messages, _ = await _run(ActionStaffWelcome(), _tracker(_user(text, "staff")), domain)
        assert [m.get("response") for m in messages] == ["utter_staff_menu"], text
    # A role named is said back, with the same menu (persona round, session 37).
    messages, _ = await _run(ActionStaffWelcome(), _tracker(_user("kurator här", "staff")), domain)
    assert [(m.get("response"), m.get("role")) for m in messages] == [("utter_staff_role_welcome", "kurator")]


async def test_saying_you_are_not_staff_gets_no_staff_menu(domain):
    # The classifier reads it as `staff` (persona round, session 23); the help menu after it is not staff's.
    from actions.answer_question import ActionHelp

    denial = _user("va?? jag e inte personal jag e 13", "staff")
    messages, _ = await _run(ActionStaffWelcome(), _tracker(_user("jag", "staff"), denial), domain)
    assert [m.get("response") for m in messages] == ["utter_not_staff"]
    messages, _ = await _run(ActionHelp(), _tracker(_user("jag", "staff"), denial, _user("fattar inte", "help")), domain)
    assert [m.get("response") for m in messages] == ["utter_help"]


async def test_a_relative_gets_what_a_relative_can_do_not_the_staff_menu(domain):
    # "jag är mormor" reads as `staff`; saying "jag jobbar inte med det, jag är mormor" got the staff
    # menu again (persona round, session 27).
    for said in (["jag är mormor"], ["jag är mormor", "Jag förstår inte. Jag jobbar inte med det, jag är mormor"]):
        tracker = _tracker(*[_user(text, "staff") for text in said])
        messages, _ = await _run(ActionStaffWelcome(), tracker, domain)
        assert [m.get("response") for m in messages] == ["utter_relative_welcome"], said


async def test_a_question_in_the_same_message_is_answered_instead(domain):
    for text, article in (("jobbar som sjuksköterska på BUP. vem kan få en SIP?", "sip_vem_kan_fa"),
                          ("jag är kurator, vilka KVÅ-koder ska vi använda för SIP?", "sip_kva_koder")):
        messages, events = await _run(ActionStaffWelcome(), _tracker(_user(text, "staff")), domain)
        assert messages[0]["text"] == articles()[article].render(for_staff=True), text
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


async def test_a_role_said_after_an_answer_gets_the_answer_again_worded_for_staff(domain):
    # Persona round, session 19: "rektor här alltså" after the young person's wording of an answer
    # got "Jag är inte säker på att jag förstod".
    from actions.answer_question import ActionAnswerQuestion

    article = articles()["sip_vem_uppmarksammar_behov"]
    for action, intent in ((ActionAnswerQuestion(), "nlu_fallback"), (ActionStaffWelcome(), "staff")):
        tracker = _tracker(_user("får skolan kalla till SIP själv?", "faq"), _bot(article.render()),
                           _user("rektor här alltså", intent))
        tracker.slots["last_article"] = article.id
        messages, events = await _run(action, tracker, domain)
        assert [m.get("response") for m in messages][0] == "utter_answer_for_staff"
        assert messages[1]["text"] == article.render(for_staff=True) != article.render()
        # Known as staff before, or a question in the message: not said again.
        tracker = _tracker(_user("kurator här", "staff"), _user("får skolan kalla till SIP själv?", "faq"),
                           _bot(article.render(for_staff=True)), _user("rektor här alltså", intent))
        tracker.slots["last_article"] = article.id
        messages, _ = await _run(action, tracker, domain)
        assert "utter_answer_for_staff" not in [m.get("response") for m in messages]


async def test_a_greeting_that_says_who_a_relative_is_gets_the_relatives_welcome(domain):
    # "hej jag e farfar till en pojke på 13" got the general menu (verification round, session 27).
    from actions.conversation import ActionGreet

    for text, response in (("hej jag e farfar till en pojke på 13", "utter_relative_welcome"), ("hej", "utter_greet")):
        messages, _ = await _run(ActionGreet(), _tracker(_user(text, "greet")), domain)
        assert [m.get("response") for m in messages] == [response], text
